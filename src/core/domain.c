/* domain.c - see domain.h. */
#include "ibis/domain.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ibis/inifile.h"
#include "ibis/util.h"

/* ============================================================ finding files */

/* One data file to load: its id and the path that wins. */
struct entry {
	char *id;
	char *path;
};

struct entries {
	struct entry *items;
	size_t len, cap;
};

static void entries_free(struct entries *e)
{
	for (size_t i = 0; i < e->len; i++) {
		free(e->items[i].id);
		free(e->items[i].path);
	}
	free(e->items);
	memset(e, 0, sizeof(*e));
}

/* Add or replace: a school's own file (read after the shipped ones) wins. */
static void entries_put(struct entries *e, const char *id, char *path)
{
	for (size_t i = 0; i < e->len; i++) {
		if (strcmp(e->items[i].id, id) == 0) {
			free(e->items[i].path);
			e->items[i].path = path;
			return;
		}
	}
	if (e->len == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 8;
		e->items = xrealloc(e->items, e->cap * sizeof(*e->items));
	}
	e->items[e->len].id = xstrdup(id);
	e->items[e->len].path = path;
	e->len++;
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->id, ((const struct entry *)b)->id);
}

/* Every regular NAME.ini in dir (hidden files skipped). A missing folder is
 * an error only when required. */
static enum ibis_status scan_dir(const char *dir, bool required, struct entries *e,
				 struct ibis_error *err)
{
	DIR *d = opendir(dir);
	if (!d) {
		if (!required && errno == ENOENT)
			return IBIS_OK;
		int errnum = errno;
		ibis_fail(err, IBIS_EINPUT, "kan de map %s niet lezen: %s%s", dir, strerror(errnum),
			  required ? " (geef de juiste datamap met --datadir)" : "");
		return IBIS_EINPUT;
	}
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (de->d_name[0] == '.' || n <= 4 || strcmp(de->d_name + n - 4, ".ini") != 0)
			continue;
		char *path = path_join(dir, de->d_name);
		if (!path_is_file(path)) {
			free(path);
			continue;
		}
		char *id = xstrndup(de->d_name, n - 4);
		entries_put(e, id, path);
		free(id);
	}
	closedir(d);
	return IBIS_OK;
}

/* The files of one kind: datadir/sub, then sysconfdir/sub over it; by id. */
static enum ibis_status collect(const struct ibis_config *cfg, const char *sub,
				struct entries *e, struct ibis_error *err)
{
	char *shipped = path_join(cfg->datadir, sub);
	enum ibis_status st = scan_dir(shipped, true, e, err);
	free(shipped);
	if (st == IBIS_OK && !str_empty(cfg->sysconfdir)) {
		char *own = path_join(cfg->sysconfdir, sub);
		st = scan_dir(own, false, e, err);
		free(own);
	}
	if (st == IBIS_OK && e->len > 1)
		qsort(e->items, e->len, sizeof(*e->items), entry_cmp);
	return st;
}

/* ============================================================ loading */

static enum ibis_status load_models(struct domain *d, const struct ibis_config *cfg,
				    struct ibis_error *err)
{
	struct entries e = {0};
	enum ibis_status st = collect(cfg, "levels", &e, err);
	if (st == IBIS_OK && e.len == 0)
		st = ibis_fail(err, IBIS_EINPUT, "geen enkel niveaumodel (levels/*.ini) in %s",
			       cfg->datadir);
	if (st == IBIS_OK) {
		d->models = xcalloc(e.len, sizeof(*d->models));
		for (size_t i = 0; i < e.len && st == IBIS_OK; i++) {
			st = levelmodel_load(e.items[i].path, e.items[i].id, &d->models[i], err);
			if (st == IBIS_OK)
				d->nmodels++;
		}
	}
	entries_free(&e);
	return st;
}

static enum ibis_status load_plans(struct domain *d, const struct ibis_config *cfg,
				   struct ibis_error *err)
{
	struct entries e = {0};
	enum ibis_status st = collect(cfg, "plans", &e, err);
	if (st == IBIS_OK) {
		d->plans = xcalloc(e.len, sizeof(*d->plans));
		for (size_t i = 0; i < e.len && st == IBIS_OK; i++) {
			st = plantemplate_load(e.items[i].path, e.items[i].id, &d->plans[i], err);
			if (st == IBIS_OK)
				d->nplans++;
		}
	}
	entries_free(&e);
	return st;
}

static enum ibis_status load_sets(struct domain *d, const struct ibis_config *cfg,
				  struct ibis_error *err)
{
	struct entries e = {0};
	enum ibis_status st = collect(cfg, "indicators", &e, err);
	if (st == IBIS_OK) {
		d->sets = xcalloc(e.len, sizeof(*d->sets));
		for (size_t i = 0; i < e.len && st == IBIS_OK; i++) {
			st = indicators_load(e.items[i].path, e.items[i].id, &d->sets[i], err);
			if (st == IBIS_OK)
				d->nsets++;
		}
	}
	entries_free(&e);
	return st;
}

/* "a, b, c" of the ids of a kind, for a message. Caller frees. */
static char *plan_ids(const struct domain *d)
{
	struct strbuf sb = {0};
	for (int i = 0; i < d->nplans; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", d->plans[i].id);
	return sb_take(&sb);
}

static char *model_ids(const struct domain *d)
{
	struct strbuf sb = {0};
	for (int i = 0; i < d->nmodels; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", d->models[i].id);
	return sb_take(&sb);
}

/* Every plan a level names must exist. The model keeps no line numbers, so on
 * a miss the file is read once more for the message. */
static enum ibis_status check_plans(const struct domain *d, struct ibis_error *err)
{
	for (int m = 0; m < d->nmodels; m++) {
		const struct level_model *lm = &d->models[m];
		for (int l = 0; l < lm->nlevels; l++) {
			const struct level *lv = &lm->levels[l];
			for (size_t p = 0; p < lv->plans.len; p++) {
				if (domain_plan(d, lv->plans.items[p]))
					continue;
				char *known = plan_ids(d);
				char *sec = xasprintf("niveau %d", lv->position);
				struct inifile *f = inifile_load(lm->path, err);
				if (f) {
					inifile_fail(f, sec, "plan", err,
						     "onbekend plan „%s” (bekend: %s)",
						     lv->plans.items[p], known);
					inifile_free(f);
				}
				free(sec);
				free(known);
				return IBIS_EINPUT;
			}
		}
	}
	return IBIS_OK;
}

enum ibis_status domain_load(struct domain *d, const struct ibis_config *cfg,
			     struct ibis_error *err)
{
	memset(d, 0, sizeof(*d));
	if (str_empty(cfg->datadir) || !path_is_dir(cfg->datadir))
		return ibis_fail(err, IBIS_EINPUT,
				 "de datamap %s bestaat niet; geef de juiste map met --datadir",
				 cfg->datadir ? cfg->datadir : "(geen)");

	enum ibis_status st = load_plans(d, cfg, err);
	if (st == IBIS_OK)
		st = load_models(d, cfg, err);
	if (st == IBIS_OK)
		st = load_sets(d, cfg, err);
	if (st == IBIS_OK) {
		char *path = config_data_file(cfg, "basisondersteuning.ini");
		st = basis_load(path, &d->basis, err);
		free(path);
	}
	if (st == IBIS_OK) {
		char *path = config_data_file(cfg, "sop.ini");
		st = sop_data_load(path, &d->sop, err);
		free(path);
	}
	if (st == IBIS_OK)
		st = check_plans(d, err);
	if (st == IBIS_OK && !str_empty(cfg->level_model) && !domain_model(d, cfg->level_model)) {
		char *known = model_ids(d);
		ibis_fail(err, IBIS_EINPUT, "%s%sniveaumodel: onbekend model „%s” (bekend: %s)",
			  cfg->level_model_where ? cfg->level_model_where : "",
			  cfg->level_model_where ? ": " : "", cfg->level_model, known);
		free(known);
		st = IBIS_EINPUT;
	}
	if (st != IBIS_OK)
		domain_free(d);
	return st;
}

void domain_free(struct domain *d)
{
	if (!d)
		return;
	for (int i = 0; i < d->nmodels; i++)
		levelmodel_free(&d->models[i]);
	free(d->models);
	for (int i = 0; i < d->nplans; i++)
		plantemplate_free(&d->plans[i]);
	free(d->plans);
	for (int i = 0; i < d->nsets; i++)
		indicators_free(&d->sets[i]);
	free(d->sets);
	basis_free(&d->basis);
	sop_data_free(&d->sop);
	memset(d, 0, sizeof(*d));
}

/* ============================================================ lookups */

const struct level_model *domain_model(const struct domain *d, const char *id)
{
	for (int i = 0; d && id && i < d->nmodels; i++)
		if (strcmp(d->models[i].id, id) == 0)
			return &d->models[i];
	return NULL;
}

const struct plan_template *domain_plan(const struct domain *d, const char *id)
{
	for (int i = 0; d && id && i < d->nplans; i++)
		if (strcmp(d->plans[i].id, id) == 0)
			return &d->plans[i];
	return NULL;
}

const struct indicator_set *domain_set(const struct domain *d, const char *id)
{
	for (int i = 0; d && id && i < d->nsets; i++)
		if (strcmp(d->sets[i].id, id) == 0)
			return &d->sets[i];
	return NULL;
}
