/* basis.c - see basis.h; the file format is in data/README. */
#include "ibis/basis.h"

#include <stdlib.h>
#include <string.h>

#include "ibis/inifile.h"
#include "ibis/util.h"

static const char *const head_keys[] = {"naam", "bron*", NULL};
static const char *const aspect_keys[] = {"naam", NULL};

void basis_free(struct basis_grid *g)
{
	if (!g)
		return;
	free(g->path);
	free(g->name);
	free(g->source);
	for (int i = 0; i < g->naspects; i++) {
		free(g->aspect_keys[i]);
		free(g->aspect_names[i]);
	}
	free(g->aspect_keys);
	free(g->aspect_names);
	for (int i = 0; i < g->nareas && g->areas; i++) {
		free(g->areas[i].name);
		for (int a = 0; a < g->naspects && g->areas[i].texts; a++)
			free(g->areas[i].texts[a]);
		free(g->areas[i].texts);
	}
	free(g->areas);
	memset(g, 0, sizeof(*g));
}

/* Every key of an area is naam or a declared aspect, or a continuation of one
 * (aanbod.2); inifile_check_keys then checks the continuations for gaps. */
static enum ibis_status check_area_keys(const struct inifile *f, const char *sec,
					const struct basis_grid *g, struct ibis_error *err)
{
	size_t n;
	const char *const *keys = inifile_keys(f, sec, &n);
	for (size_t k = 0; k < n; k++) {
		if (strcmp(keys[k], "naam") == 0)
			continue;
		bool ok = false;
		for (int a = 0; a < g->naspects && !ok; a++) {
			size_t len = strlen(g->aspect_keys[a]);
			ok = strncmp(keys[k], g->aspect_keys[a], len) == 0 &&
			     (keys[k][len] == '\0' || keys[k][len] == '.');
		}
		if (!ok) {
			struct strbuf known = {0};
			for (int a = 0; a < g->naspects; a++)
				sb_printf(&known, "%s%s", a ? ", " : "", g->aspect_keys[a]);
			enum ibis_status st = inifile_fail(
				f, sec, keys[k], err,
				"geen aspect van dit bestand (aspecten: %s)", sb_str(&known));
			sb_free(&known);
			return st;
		}
	}
	const char **allowed = xcalloc((size_t)g->naspects + 2, sizeof(*allowed));
	char **starred = xcalloc((size_t)g->naspects + 1, sizeof(*starred));
	allowed[0] = "naam";
	for (int a = 0; a < g->naspects; a++) {
		starred[a] = xasprintf("%s*", g->aspect_keys[a]);
		allowed[a + 1] = starred[a];
	}
	enum ibis_status st = inifile_check_keys(f, sec, allowed, err);
	for (int a = 0; a < g->naspects; a++)
		free(starred[a]);
	free(starred);
	free(allowed);
	return st;
}

static enum ibis_status load(const struct inifile *f, struct basis_grid *g,
			     struct ibis_error *err)
{
	enum ibis_status st =
		inifile_head(f, "basisondersteuning", head_keys, &g->name, &g->source, err);
	if (st != IBIS_OK)
		return st;

	size_t nsec = inifile_nsections(f);
	g->aspect_keys = xcalloc(nsec, sizeof(*g->aspect_keys));
	g->aspect_names = xcalloc(nsec, sizeof(*g->aspect_names));
	g->areas = xcalloc(nsec, sizeof(*g->areas));
	/* aspects first: an area may come before the aspect it describes */
	for (size_t i = 0; i < nsec && st == IBIS_OK; i++) {
		const char *sec = inifile_section(f, i);
		if (strcmp(sec, "basisondersteuning") == 0 || strncmp(sec, "gebied ", 7) == 0)
			continue;
		if (strncmp(sec, "aspect ", 7) != 0)
			return inifile_fail(f, sec, NULL, err,
					    "onbekende sectie (verwacht [basisondersteuning], "
					    "[aspect NAAM] of [gebied N])");
		char *key = str_trim(sec + 7);
		if (strcmp(key, "naam") == 0 || strchr(key, '.')) {
			st = inifile_fail(f, sec, NULL, err,
					  "een aspect mag niet „naam” heten of een punt bevatten");
			free(key);
			break;
		}
		int a = g->naspects++;
		g->aspect_keys[a] = key;
		st = inifile_check_keys(f, sec, aspect_keys, err);
		if (st == IBIS_OK)
			st = inifile_require(f, sec, "naam", &g->aspect_names[a], err);
	}
	if (st == IBIS_OK && g->naspects == 0)
		return inifile_fail(f, "basisondersteuning", NULL, err,
				    "geen enkel [aspect NAAM] (de kolommen van het raster)");
	for (size_t i = 0; i < nsec && st == IBIS_OK; i++) {
		const char *sec = inifile_section(f, i);
		if (strncmp(sec, "gebied ", 7) != 0)
			continue;
		int n = inifile_number(sec + 7);
		if (!n)
			return inifile_fail(f, sec, NULL, err, "een gebied heeft een nummer: [gebied 1]");
		struct basis_area *area = &g->areas[g->nareas++];
		area->number = n;
		area->texts = xcalloc((size_t)g->naspects, sizeof(*area->texts));
		st = check_area_keys(f, sec, g, err);
		if (st == IBIS_OK)
			st = inifile_require(f, sec, "naam", &area->name, err);
		for (int a = 0; a < g->naspects && st == IBIS_OK; a++)
			area->texts[a] = inifile_text(f, sec, g->aspect_keys[a]);
	}
	if (st == IBIS_OK && g->nareas == 0)
		st = inifile_fail(f, "basisondersteuning", NULL, err,
				  "geen enkel [gebied N] (de rijen van het raster)");
	return st;
}

enum ibis_status basis_load(const char *path, struct basis_grid *g, struct ibis_error *err)
{
	memset(g, 0, sizeof(*g));
	struct inifile *f = inifile_load(path, err);
	if (!f)
		return IBIS_EINPUT;
	g->path = xstrdup(path);
	enum ibis_status st = load(f, g, err);
	inifile_free(f);
	if (st != IBIS_OK)
		basis_free(g);
	return st;
}
