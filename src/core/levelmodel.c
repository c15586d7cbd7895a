/* levelmodel.c - see levelmodel.h; the file format is in data/README. */
#include "ibis/levelmodel.h"

#include <stdlib.h>
#include <string.h>

#include "ibis/inifile.h"

#define MAX_SHORT 12

static const char *const model_keys[] = {"naam", "bron*", "beschrijving*", "niveaus", NULL};
static const char *const level_keys[] = {
	"naam", "kort", "wie*", "wanneer*", "wat*", "hoe*", "waar*", "regie*", "betrokken*",
	"verantwoordelijk*", "ouders*", "bespreking", "plan", "soort", "basis", "vereist", NULL,
};
static const char *const rules_keys[] = {
	"oop_max_weken", "opp_binnen_weken", "opp_evaluatie_maanden", "tlv_max_jaren", NULL,
};

static const struct {
	const char *word;
	unsigned bit;
} requirements[] = {
	{"toestemming", LEVEL_REQ_CONSENT}, {"groeidocument", LEVEL_REQ_GROEIDOCUMENT},
	{"opp", LEVEL_REQ_OPP},             {"tlv", LEVEL_REQ_TLV},
	{"hoorrecht", LEVEL_REQ_HOORRECHT},
};

static const char *const kinds[] = {
	[LEVEL_REGULAR] = "regulier",
	[LEVEL_PLACEMENT] = "plaatsing",
	[LEVEL_RETURN] = "terugplaatsing",
};

const char *level_requirement_name(unsigned bit)
{
	for (size_t i = 0; i < ARRAY_LEN(requirements); i++)
		if (requirements[i].bit == bit)
			return requirements[i].word;
	return NULL;
}

/* Number of characters (code points) in a UTF-8 string. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* N of a section named "<prefix> N" (N a plain positive number), else 0. */
static int numbered(const char *section, const char *prefix)
{
	size_t n = strlen(prefix);
	if (strncmp(section, prefix, n) != 0 || section[n] != ' ')
		return 0;
	const char *d = section + n + 1;
	if (*d < '1' || *d > '9')
		return 0;
	int v = 0;
	for (; *d; d++) {
		if (*d < '0' || *d > '9' || v > 1000)
			return 0;
		v = v * 10 + (*d - '0');
	}
	return v;
}

static void free_level(struct level *l)
{
	free(l->name);
	free(l->short_name);
	free(l->wie);
	free(l->wanneer);
	free(l->wat);
	free(l->hoe);
	free(l->waar);
	free(l->regie);
	free(l->betrokken);
	free(l->verantwoordelijk);
	free(l->ouders);
	free(l->meeting);
	sl_free(&l->plans);
}

void levelmodel_free(struct level_model *m)
{
	if (!m)
		return;
	free(m->id);
	free(m->path);
	free(m->name);
	free(m->source);
	free(m->description);
	for (int i = 0; i < m->nlevels && m->levels; i++)
		free_level(&m->levels[i]);
	free(m->levels);
	memset(m, 0, sizeof(*m));
}

const struct level *levelmodel_level(const struct level_model *m, int position)
{
	if (!m || position < 1 || position > m->nlevels)
		return NULL;
	return &m->levels[position - 1];
}

char *level_display_name(const struct level *l)
{
	if (l && !str_empty(l->short_name) && !str_empty(l->name) &&
	    strcmp(l->short_name, l->name) != 0)
		return xasprintf("%s – %s", l->short_name, l->name);
	if (l && !str_empty(l->name))
		return xstrdup(l->name);
	if (l && !str_empty(l->short_name))
		return xstrdup(l->short_name);
	return NULL;
}

/* A trimmed one-word value ("" when absent). Caller frees. */
static char *word(const struct inifile *f, const char *section, const char *key)
{
	return str_trim(inifile_get(f, section, key));
}

static enum ibis_status load_level(const struct inifile *f, const char *sec, struct level *l,
				   struct ibis_error *err)
{
	enum ibis_status st = inifile_check_keys(f, sec, level_keys, err);
	if (st == IBIS_OK)
		st = inifile_require(f, sec, "naam", &l->name, err);
	if (st == IBIS_OK)
		st = inifile_require(f, sec, "kort", &l->short_name, err);
	if (st != IBIS_OK)
		return st;
	size_t len = utf8_chars(l->short_name);
	if (len > MAX_SHORT)
		return inifile_fail(f, sec, "kort", err, "„%s” is te lang (%zu tekens, maximaal %d)",
				    l->short_name, len, MAX_SHORT);

	l->wie = inifile_text(f, sec, "wie");
	l->wanneer = inifile_text(f, sec, "wanneer");
	l->wat = inifile_text(f, sec, "wat");
	l->hoe = inifile_text(f, sec, "hoe");
	l->waar = inifile_text(f, sec, "waar");
	l->regie = inifile_text(f, sec, "regie");
	l->betrokken = inifile_text(f, sec, "betrokken");
	l->verantwoordelijk = inifile_text(f, sec, "verantwoordelijk");
	l->ouders = inifile_text(f, sec, "ouders");
	char *meeting = word(f, sec, "bespreking");
	if (*meeting)
		l->meeting = meeting;
	else
		free(meeting);
	sl_split(&l->plans, inifile_get(f, sec, "plan"), ',');

	char *kind = word(f, sec, "soort");
	l->kind = LEVEL_REGULAR;
	if (*kind) {
		bool found = false;
		for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
			if (strcmp(kind, kinds[i]) == 0) {
				l->kind = (enum level_kind)i;
				found = true;
			}
		}
		if (!found)
			st = inifile_fail(f, sec, "soort", err,
					  "onbekend woord „%s” (regulier, plaatsing of terugplaatsing)",
					  kind);
	}
	free(kind);
	if (st != IBIS_OK)
		return st;

	l->basis = -1;
	if (!str_empty(inifile_get(f, sec, "basis"))) {
		bool b;
		st = inifile_bool(f, sec, "basis", false, &b, err);
		if (st != IBIS_OK)
			return st;
		l->basis = b ? 1 : 0;
	}

	struct strlist req = {0};
	sl_split(&req, inifile_get(f, sec, "vereist"), ',');
	for (size_t i = 0; i < req.len && st == IBIS_OK; i++) {
		unsigned bit = 0;
		for (size_t r = 0; r < ARRAY_LEN(requirements); r++)
			if (strcmp(req.items[i], requirements[r].word) == 0)
				bit = requirements[r].bit;
		if (!bit)
			st = inifile_fail(f, sec, "vereist", err,
					  "onbekend woord „%s” (toestemming, groeidocument, opp, "
					  "tlv of hoorrecht)",
					  req.items[i]);
		l->requires |= bit;
	}
	sl_free(&req);
	return st;
}

static enum ibis_status load_rules(const struct inifile *f, struct level_rules *r,
				   struct ibis_error *err)
{
	enum ibis_status st = inifile_check_keys(f, "regels", rules_keys, err);
	if (st == IBIS_OK)
		st = inifile_int(f, "regels", "oop_max_weken", 1, 520, 0, &r->oop_max_weeks, err);
	if (st == IBIS_OK)
		st = inifile_int(f, "regels", "opp_binnen_weken", 1, 520, 0, &r->opp_within_weeks,
				 err);
	if (st == IBIS_OK)
		st = inifile_int(f, "regels", "opp_evaluatie_maanden", 1, 120, 0,
				 &r->opp_eval_months, err);
	if (st == IBIS_OK)
		st = inifile_int(f, "regels", "tlv_max_jaren", 1, 20, 0, &r->tlv_max_years, err);
	return st;
}

static enum ibis_status load(const struct inifile *f, struct level_model *m,
			     struct ibis_error *err)
{
	if (!inifile_has_section(f, "model"))
		return inifile_fail(f, "model", NULL, err, "ontbreekt");
	enum ibis_status st = inifile_check_keys(f, "model", model_keys, err);
	if (st == IBIS_OK)
		st = inifile_require(f, "model", "naam", &m->name, err);
	if (st != IBIS_OK)
		return st;
	m->source = inifile_text(f, "model", "bron");
	m->description = inifile_text(f, "model", "beschrijving");
	if (str_empty(inifile_get(f, "model", "niveaus")))
		return inifile_fail(f, "model", "niveaus", err, "ontbreekt");
	st = inifile_int(f, "model", "niveaus", 2, 9, 0, &m->nlevels, err);
	if (st != IBIS_OK) {
		m->nlevels = 0;
		return st;
	}

	/* every section is [model], [regels] or [niveau N] with N in 1..niveaus */
	for (size_t i = 0; i < inifile_nsections(f); i++) {
		const char *sec = inifile_section(f, i);
		if (strcmp(sec, "model") == 0 || strcmp(sec, "regels") == 0)
			continue;
		int n = numbered(sec, "niveau");
		if (!n)
			return inifile_fail(f, sec, NULL, err,
					    "onbekende sectie (verwacht [model], [niveau N] of "
					    "[regels])");
		if (n > m->nlevels)
			return inifile_fail(f, sec, NULL, err,
					    "het model heeft maar %d niveaus (niveaus = %d)",
					    m->nlevels, m->nlevels);
	}
	for (int n = 1; n <= m->nlevels; n++) {
		char *sec = xasprintf("niveau %d", n);
		bool has = inifile_has_section(f, sec);
		free(sec);
		if (!has)
			return inifile_fail(f, "model", "niveaus", err,
					    "%d niveaus, maar [niveau %d] ontbreekt", m->nlevels, n);
	}

	m->levels = xcalloc((size_t)m->nlevels, sizeof(*m->levels));
	for (int n = 1; n <= m->nlevels && st == IBIS_OK; n++) {
		char *sec = xasprintf("niveau %d", n);
		m->levels[n - 1].position = n;
		st = load_level(f, sec, &m->levels[n - 1], err);
		free(sec);
	}
	if (st == IBIS_OK)
		st = load_rules(f, &m->rules, err);
	return st;
}

enum ibis_status levelmodel_load(const char *path, const char *id, struct level_model *m,
				 struct ibis_error *err)
{
	memset(m, 0, sizeof(*m));
	struct inifile *f = inifile_load(path, err);
	if (!f)
		return IBIS_EINPUT;
	m->id = xstrdup(id);
	m->path = xstrdup(path);
	enum ibis_status st = load(f, m, err);
	inifile_free(f);
	if (st != IBIS_OK)
		levelmodel_free(m);
	return st;
}
