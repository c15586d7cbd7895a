/* indicators.c - see indicators.h; the file format is in data/README. */
#include "ibis/indicators.h"

#include <stdlib.h>
#include <string.h>

#include "ibis/inifile.h"

static const char *const set_keys[] = {"naam", "bron*", "beschrijving*", NULL};
static const char *const norm_keys[] = {"1", "2", "3", "4", NULL};
static const char *const section_keys[] = {"naam", "beschrijving*", NULL};
static const char *const indicator_keys[] = {"sectie", "tekst*", NULL};

void indicators_free(struct indicator_set *s)
{
	if (!s)
		return;
	free(s->id);
	free(s->path);
	free(s->name);
	free(s->source);
	free(s->description);
	for (int i = 0; i < 4; i++)
		free(s->norms[i]);
	sl_free(&s->principles);
	for (int i = 0; i < s->nsections && s->sections; i++) {
		free(s->sections[i].name);
		free(s->sections[i].description);
	}
	free(s->sections);
	for (int i = 0; i < s->nindicators && s->indicators; i++) {
		free(s->indicators[i].id);
		free(s->indicators[i].text);
	}
	free(s->indicators);
	memset(s, 0, sizeof(*s));
}

const struct indicator *indicators_find(const struct indicator_set *s, const char *id)
{
	for (int i = 0; s && id && i < s->nindicators; i++)
		if (strcmp(s->indicators[i].id, id) == 0)
			return &s->indicators[i];
	return NULL;
}

static bool has_section_number(const struct indicator_set *s, int n)
{
	for (int i = 0; i < s->nsections; i++)
		if (s->sections[i].number == n)
			return true;
	return false;
}

static enum ibis_status load(const struct inifile *f, struct indicator_set *s,
			     struct ibis_error *err)
{
	enum ibis_status st = inifile_head(f, "set", set_keys, &s->name, &s->source, err);
	if (st != IBIS_OK)
		return st;
	s->description = inifile_text(f, "set", "beschrijving");

	if (!inifile_has_section(f, "normering"))
		return inifile_fail(f, "normering", NULL, err, "ontbreekt (de woorden bij 1 tot 4)");
	st = inifile_check_keys(f, "normering", norm_keys, err);
	for (int i = 0; i < 4 && st == IBIS_OK; i++)
		st = inifile_require(f, "normering", norm_keys[i], &s->norms[i], err);
	if (st == IBIS_OK)
		st = inifile_numbered(f, "principes", "principe", false, &s->principles, err);
	if (st != IBIS_OK)
		return st;

	/* sections first, so an indicator may name one written after it */
	size_t nsec = inifile_nsections(f);
	s->sections = xcalloc(nsec, sizeof(*s->sections));
	s->indicators = xcalloc(nsec, sizeof(*s->indicators));
	for (size_t i = 0; i < nsec && st == IBIS_OK; i++) {
		const char *sec = inifile_section(f, i);
		if (strcmp(sec, "set") == 0 || strcmp(sec, "normering") == 0 ||
		    strcmp(sec, "principes") == 0 || strncmp(sec, "indicator ", 10) == 0)
			continue;
		int n = strncmp(sec, "sectie ", 7) == 0 ? inifile_number(sec + 7) : 0;
		if (!n) {
			if (strncmp(sec, "sectie ", 7) == 0)
				return inifile_fail(f, sec, NULL, err,
						    "een sectie heeft een nummer: [sectie 1]");
			return inifile_fail(f, sec, NULL, err,
					    "onbekende sectie (verwacht [set], [normering], "
					    "[principes], [sectie N] of [indicator N.M])");
		}
		struct indicator_section *is = &s->sections[s->nsections++];
		is->number = n;
		st = inifile_check_keys(f, sec, section_keys, err);
		if (st == IBIS_OK)
			st = inifile_require(f, sec, "naam", &is->name, err);
		if (st == IBIS_OK)
			is->description = inifile_text(f, sec, "beschrijving");
	}
	for (size_t i = 0; i < nsec && st == IBIS_OK; i++) {
		const char *sec = inifile_section(f, i);
		if (strncmp(sec, "indicator ", 10) != 0)
			continue;
		struct indicator *ind = &s->indicators[s->nindicators++];
		char *id = str_trim(inifile_section_written(f, i) + 10);
		ind->id = id;
		st = inifile_check_keys(f, sec, indicator_keys, err);
		if (st != IBIS_OK)
			break;
		if (str_empty(inifile_get(f, sec, "sectie"))) {
			st = inifile_fail(f, sec, "sectie", err, "ontbreekt");
			break;
		}
		st = inifile_int(f, sec, "sectie", 1, 100000, 0, &ind->section, err);
		if (st != IBIS_OK)
			break;
		if (!has_section_number(s, ind->section)) {
			st = inifile_fail(f, sec, "sectie", err, "[sectie %d] bestaat niet in dit bestand",
					  ind->section);
			break;
		}
		st = inifile_require(f, sec, "tekst", &ind->text, err);
	}
	if (st == IBIS_OK && s->nindicators == 0)
		st = inifile_fail(f, "set", NULL, err, "de set heeft geen enkele [indicator N.M]");
	return st;
}

enum ibis_status indicators_load(const char *path, const char *id, struct indicator_set *s,
				 struct ibis_error *err)
{
	memset(s, 0, sizeof(*s));
	struct inifile *f = inifile_load(path, err);
	if (!f)
		return IBIS_EINPUT;
	s->id = xstrdup(id);
	s->path = xstrdup(path);
	enum ibis_status st = load(f, s, err);
	inifile_free(f);
	if (st != IBIS_OK)
		indicators_free(s);
	return st;
}
