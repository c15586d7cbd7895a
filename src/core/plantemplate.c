/* plantemplate.c - see plantemplate.h; the file format is in data/README. */
#include "ibis/plantemplate.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ibis/inifile.h"

#define MAX_SHORT 12

static const char *const plan_keys[] = {
	"naam", "kort", "voor", "bron*", "beschrijving*", "max_weken", "opstellen_binnen_weken",
	"evaluatie_maanden", "evaluatie_met*", "instemming", "leerkracht", NULL,
};
static const char *const field_keys[] = {
	"label", "type", "verplicht", "wettelijk", "keuzes", "groepen", "hulp*", NULL,
};

static const char *const type_names[] = {
	[FIELD_LINE] = "regel",     [FIELD_TEXT] = "tekst",   [FIELD_DATE] = "datum",
	[FIELD_CHOICE] = "keuze",   [FIELD_GOALS] = "doelen", [FIELD_PUPILS] = "leerlingen",
};

const char *field_type_name(enum field_type type)
{
	if ((size_t)type >= ARRAY_LEN(type_names))
		return "?";
	return type_names[type];
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static void free_field(struct plan_field *fl)
{
	free(fl->key);
	free(fl->label);
	free(fl->help);
	sl_free(&fl->choices);
}

void plantemplate_free(struct plan_template *t)
{
	if (!t)
		return;
	free(t->id);
	free(t->path);
	free(t->name);
	free(t->short_name);
	free(t->source);
	free(t->description);
	free(t->eval_with);
	for (int i = 0; i < t->nfields && t->fields; i++)
		free_field(&t->fields[i]);
	free(t->fields);
	memset(t, 0, sizeof(*t));
}

const struct plan_field *plantemplate_field(const struct plan_template *t, const char *key)
{
	for (int i = 0; t && key && i < t->nfields; i++)
		if (strcmp(t->fields[i].key, key) == 0)
			return &t->fields[i];
	return NULL;
}

/* verplicht = ja | nee | evaluatie: a field may be needed before the plan is
 * active, or only once it is evaluated (the evaluation text itself). The
 * other spellings of a boolean that inifile_bool takes stay valid. */
static enum ibis_status load_required(const struct inifile *f, const char *sec,
				      struct plan_field *fl, struct ibis_error *err)
{
	char *v = str_trim(inifile_get(f, sec, "verplicht"));
	enum ibis_status st = IBIS_OK;
	if (strcasecmp(v, "evaluatie") == 0)
		fl->required_eval = true;
	else if (inifile_bool(f, sec, "verplicht", false, &fl->required, NULL) != IBIS_OK)
		st = inifile_fail(f, sec, "verplicht", err,
				  "onbekend woord „%s” (ja, nee of evaluatie)", v);
	free(v);
	return st;
}

static enum ibis_status load_field(const struct inifile *f, const char *sec, const char *key,
				   struct plan_field *fl, struct ibis_error *err)
{
	fl->key = xstrdup(key);
	enum ibis_status st = inifile_check_keys(f, sec, field_keys, err);
	if (st == IBIS_OK)
		st = inifile_require(f, sec, "label", &fl->label, err);
	if (st != IBIS_OK)
		return st;
	char *type = str_trim(inifile_get(f, sec, "type"));
	if (!*type) {
		free(type);
		return inifile_fail(f, sec, "type", err, "ontbreekt");
	}
	bool found = false;
	for (size_t i = 0; i < ARRAY_LEN(type_names); i++) {
		if (strcmp(type, type_names[i]) == 0) {
			fl->type = (enum field_type)i;
			found = true;
		}
	}
	if (!found)
		st = inifile_fail(f, sec, "type", err,
				  "onbekend woord „%s” (regel, tekst, datum, keuze, doelen of "
				  "leerlingen)",
				  type);
	free(type);
	if (st == IBIS_OK)
		st = load_required(f, sec, fl, err);
	if (st == IBIS_OK)
		st = inifile_bool(f, sec, "wettelijk", false, &fl->legal, err);
	if (st != IBIS_OK)
		return st;
	fl->help = inifile_text(f, sec, "hulp");

	/* keuzes belong to a keuze field, groepen to a leerlingen field */
	const char *list_key = fl->type == FIELD_CHOICE   ? "keuzes"
			       : fl->type == FIELD_PUPILS ? "groepen"
							  : NULL;
	const char *other[] = {"keuzes", "groepen"};
	for (size_t i = 0; i < ARRAY_LEN(other); i++) {
		if (inifile_get(f, sec, other[i]) && (!list_key || strcmp(list_key, other[i]) != 0))
			return inifile_fail(f, sec, other[i], err, "hoort niet bij type %s",
					    field_type_name(fl->type));
	}
	if (list_key) {
		sl_split(&fl->choices, inifile_get(f, sec, list_key), ',');
		if (fl->choices.len == 0)
			return inifile_fail(f, sec, list_key, err, "ontbreekt (type %s heeft %s nodig)",
					    field_type_name(fl->type), list_key);
	}
	return IBIS_OK;
}

static enum ibis_status load(const struct inifile *f, struct plan_template *t,
			     struct ibis_error *err)
{
	if (!inifile_has_section(f, "plan"))
		return inifile_fail(f, "plan", NULL, err, "ontbreekt");
	enum ibis_status st = inifile_check_keys(f, "plan", plan_keys, err);
	if (st == IBIS_OK)
		st = inifile_require(f, "plan", "naam", &t->name, err);
	if (st == IBIS_OK)
		st = inifile_require(f, "plan", "kort", &t->short_name, err);
	if (st != IBIS_OK)
		return st;
	size_t len = utf8_chars(t->short_name);
	if (len > MAX_SHORT)
		return inifile_fail(f, "plan", "kort", err, "„%s” is te lang (%zu tekens, maximaal %d)",
				    t->short_name, len, MAX_SHORT);
	char *voor = str_trim(inifile_get(f, "plan", "voor"));
	if (!*voor)
		st = inifile_fail(f, "plan", "voor", err, "ontbreekt");
	else if (strcmp(voor, "groep") == 0)
		t->for_group = true;
	else if (strcmp(voor, "leerling") != 0)
		st = inifile_fail(f, "plan", "voor", err, "onbekend woord „%s” (leerling of groep)",
				  voor);
	free(voor);
	if (st != IBIS_OK)
		return st;
	t->source = inifile_text(f, "plan", "bron");
	t->description = inifile_text(f, "plan", "beschrijving");
	t->eval_with = inifile_text(f, "plan", "evaluatie_met");
	st = inifile_int(f, "plan", "max_weken", 1, 520, 0, &t->max_weeks, err);
	if (st == IBIS_OK)
		st = inifile_int(f, "plan", "opstellen_binnen_weken", 1, 520, 0,
				 &t->due_within_weeks, err);
	if (st == IBIS_OK)
		st = inifile_int(f, "plan", "evaluatie_maanden", 1, 120, 0, &t->eval_months, err);
	if (st == IBIS_OK)
		st = inifile_bool(f, "plan", "instemming", false, &t->consent, err);
	if (st == IBIS_OK)
		st = inifile_bool(f, "plan", "leerkracht", false, &t->teacher, err);
	if (st != IBIS_OK)
		return st;

	size_t nsec = inifile_nsections(f);
	for (size_t i = 0; i < nsec; i++) {
		const char *sec = inifile_section(f, i);
		if (strcmp(sec, "plan") != 0 && strncmp(sec, "veld ", 5) != 0)
			return inifile_fail(f, sec, NULL, err,
					    "onbekende sectie (verwacht [plan] of [veld NAAM])");
	}
	t->fields = xcalloc(nsec, sizeof(*t->fields));
	for (size_t i = 0; i < nsec && st == IBIS_OK; i++) {
		const char *sec = inifile_section(f, i);
		if (strncmp(sec, "veld ", 5) != 0)
			continue;
		char *key = str_trim(sec + 5);
		if (!*key)
			st = inifile_fail(f, sec, NULL, err, "veld zonder naam");
		else
			st = load_field(f, sec, key, &t->fields[t->nfields++], err);
		free(key);
	}
	if (st == IBIS_OK && t->nfields == 0)
		st = inifile_fail(f, "plan", NULL, err, "een plan heeft minstens één [veld NAAM]");
	return st;
}

enum ibis_status plantemplate_load(const char *path, const char *id, struct plan_template *t,
				   struct ibis_error *err)
{
	memset(t, 0, sizeof(*t));
	struct inifile *f = inifile_load(path, err);
	if (!f)
		return IBIS_EINPUT;
	t->id = xstrdup(id);
	t->path = xstrdup(path);
	enum ibis_status st = load(f, t, err);
	inifile_free(f);
	if (st != IBIS_OK)
		plantemplate_free(t);
	return st;
}
