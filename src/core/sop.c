/* sop.c - see sop.h; the format of sop.ini is in data/README. */
#include "ibis/sop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ibis/inifile.h"

/* ------------------------------------------------------------ names */

static const char *const status_labels[BASIS_NSTATUS] = {
	"open", "voldoet", "deels", "voldoet niet", "n.v.t.",
};
static const char *const status_db[BASIS_NSTATUS] = {
	NULL, "voldoet", "deels", "voldoet niet", "nvt",
};
static const char *const marks_utf8[BASIS_NSTATUS] = {" ", "✓", "½", "✗", "–"};
static const char *const marks_ascii[BASIS_NSTATUS] = {".", "+", "~", "x", "n"};

static bool status_valid(enum basis_status s)
{
	return (int)s >= 0 && (int)s < BASIS_NSTATUS;
}

const char *basis_status_label(enum basis_status s)
{
	return status_valid(s) ? status_labels[s] : status_labels[BASIS_OPEN];
}

const char *basis_status_db(enum basis_status s)
{
	return status_valid(s) ? status_db[s] : NULL;
}

bool basis_status_parse(const char *s, enum basis_status *out)
{
	if (!s || !*s) {
		*out = BASIS_OPEN;
		return true;
	}
	for (int i = 0; i < BASIS_NSTATUS; i++) {
		if (strcasecmp(s, status_labels[i]) == 0 ||
		    (status_db[i] && strcasecmp(s, status_db[i]) == 0)) {
			*out = (enum basis_status)i;
			return true;
		}
	}
	return false;
}

const char *basis_status_mark(enum basis_status s, bool utf8)
{
	if (!status_valid(s))
		s = BASIS_OPEN;
	return utf8 ? marks_utf8[s] : marks_ascii[s];
}

const char *sop_scope_name(enum sop_scope s)
{
	return s == SOP_SCOPE_INDIVIDUAL ? "individueel" : "school";
}

bool sop_scope_parse(const char *s, enum sop_scope *out)
{
	if (!s)
		return false;
	if (strcasecmp(s, "school") == 0) {
		*out = SOP_SCOPE_SCHOOL;
		return true;
	}
	if (strcasecmp(s, "individueel") == 0) {
		*out = SOP_SCOPE_INDIVIDUAL;
		return true;
	}
	return false;
}

/* ------------------------------------------------------------ records */

/* NULL stays NULL: an empty field is NULL in every record. */
static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void sop_expertise_clear(struct sop_expertise *e)
{
	if (!e)
		return;
	free(e->expertise);
	free(e->person);
	free(e->note);
	memset(e, 0, sizeof(*e));
}

void sop_training_clear(struct sop_training *t)
{
	if (!t)
		return;
	free(t->topic);
	free(t->who);
	free(t->note);
	memset(t, 0, sizeof(*t));
}

void sop_offer_clear(struct sop_offer *o)
{
	if (!o)
		return;
	free(o->kenmerk);
	free(o->description);
	memset(o, 0, sizeof(*o));
}

void sop_limit_clear(struct sop_limit *l)
{
	if (!l)
		return;
	free(l->heading);
	free(l->description);
	memset(l, 0, sizeof(*l));
}

void basis_cell_clear(struct basis_cell *c)
{
	if (!c)
		return;
	free(c->aspect);
	free(c->description);
	free(c->note);
	free(c->document);
	memset(c, 0, sizeof(*c));
}

void sop_expertise_free(struct sop_expertise *v, int n)
{
	for (int i = 0; v && i < n; i++)
		sop_expertise_clear(&v[i]);
	free(v);
}

void sop_training_free(struct sop_training *v, int n)
{
	for (int i = 0; v && i < n; i++)
		sop_training_clear(&v[i]);
	free(v);
}

void sop_offer_free(struct sop_offer *v, int n)
{
	for (int i = 0; v && i < n; i++)
		sop_offer_clear(&v[i]);
	free(v);
}

void sop_limit_free(struct sop_limit *v, int n)
{
	for (int i = 0; v && i < n; i++)
		sop_limit_clear(&v[i]);
	free(v);
}

void basis_cells_free(struct basis_cell *v, int n)
{
	for (int i = 0; v && i < n; i++)
		basis_cell_clear(&v[i]);
	free(v);
}

void sop_expertise_copy(struct sop_expertise *dst, const struct sop_expertise *src)
{
	*dst = *src;
	dst->expertise = dup_or_null(src->expertise);
	dst->person = dup_or_null(src->person);
	dst->note = dup_or_null(src->note);
}

void sop_training_copy(struct sop_training *dst, const struct sop_training *src)
{
	*dst = *src;
	dst->topic = dup_or_null(src->topic);
	dst->who = dup_or_null(src->who);
	dst->note = dup_or_null(src->note);
}

void sop_offer_copy(struct sop_offer *dst, const struct sop_offer *src)
{
	*dst = *src;
	dst->kenmerk = dup_or_null(src->kenmerk);
	dst->description = dup_or_null(src->description);
}

void sop_limit_copy(struct sop_limit *dst, const struct sop_limit *src)
{
	*dst = *src;
	dst->heading = dup_or_null(src->heading);
	dst->description = dup_or_null(src->description);
}

void basis_cell_copy(struct basis_cell *dst, const struct basis_cell *src)
{
	*dst = *src;
	dst->aspect = dup_or_null(src->aspect);
	dst->description = dup_or_null(src->description);
	dst->note = dup_or_null(src->note);
	dst->document = dup_or_null(src->document);
}

/* ------------------------------------------------------------ sop.ini */

static const char *const head_keys[] = {"naam", "bron*", NULL};
static const char *const kenmerk_keys[] = {"naam", "beschrijving*", NULL};

/* A kenmerk key is stored with each aanbod: a single ASCII word. */
static bool valid_kenmerk_key(const char *k)
{
	if (!*k)
		return false;
	for (; *k; k++) {
		bool ok = (*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') || *k == '-' ||
			  *k == '_';
		if (!ok)
			return false;
	}
	return true;
}

void sop_data_free(struct sop_data *d)
{
	if (!d)
		return;
	free(d->path);
	free(d->name);
	free(d->source);
	for (int i = 0; i < d->nkenmerken && d->kenmerken; i++) {
		free(d->kenmerken[i].key);
		free(d->kenmerken[i].name);
		free(d->kenmerken[i].description);
	}
	free(d->kenmerken);
	sl_free(&d->grenzen);
	memset(d, 0, sizeof(*d));
}

const struct sop_kenmerk *sop_kenmerk_find(const struct sop_data *d, const char *key)
{
	for (int i = 0; d && key && i < d->nkenmerken; i++)
		if (strcmp(d->kenmerken[i].key, key) == 0)
			return &d->kenmerken[i];
	return NULL;
}

static enum ibis_status load(const struct inifile *f, struct sop_data *d, struct ibis_error *err)
{
	enum ibis_status st = inifile_head(f, "sop", head_keys, &d->name, &d->source, err);
	if (st != IBIS_OK)
		return st;

	size_t nsec = inifile_nsections(f);
	d->kenmerken = xcalloc(nsec ? nsec : 1, sizeof(*d->kenmerken));
	for (size_t i = 0; i < nsec && st == IBIS_OK; i++) {
		const char *sec = inifile_section(f, i);
		if (strcmp(sec, "sop") == 0)
			continue;
		if (strcmp(sec, "grenzen") == 0) {
			/* a grens may go on as 1.2, 1.3 */
			st = inifile_numbered(f, "grenzen", "grens", true, &d->grenzen, err);
			continue;
		}
		if (strncmp(sec, "kindkenmerk ", 12) != 0)
			return inifile_fail(f, sec, NULL, err,
					    "onbekende sectie (verwacht [sop], [kindkenmerk NAAM] "
					    "of [grenzen])");
		char *key = str_trim(sec + 12);
		if (!valid_kenmerk_key(key)) {
			free(key);
			return inifile_fail(f, sec, NULL, err,
					    "een kindkenmerk heeft een naam van kleine letters, "
					    "cijfers, - en _: [kindkenmerk gedrag]");
		}
		if (sop_kenmerk_find(d, key)) {
			free(key);
			return inifile_fail(f, sec, NULL, err, "dit kindkenmerk staat er al");
		}
		struct sop_kenmerk *k = &d->kenmerken[d->nkenmerken++];
		k->key = key;
		st = inifile_check_keys(f, sec, kenmerk_keys, err);
		if (st == IBIS_OK)
			st = inifile_require(f, sec, "naam", &k->name, err);
		if (st == IBIS_OK)
			k->description = inifile_text(f, sec, "beschrijving");
	}
	return st;
}

enum ibis_status sop_data_load(const char *path, struct sop_data *d, struct ibis_error *err)
{
	memset(d, 0, sizeof(*d));
	struct inifile *f = inifile_load(path, err);
	if (!f)
		return IBIS_EINPUT;
	d->path = xstrdup(path);
	enum ibis_status st = load(f, d, err);
	inifile_free(f);
	if (st != IBIS_OK)
		sop_data_free(d);
	return st;
}
