/* test_demo.c - the demo generator: deterministic for a seed and "today",
 * exactly the number of pupils asked for, levels that exist in each school's
 * model, episodes that follow one another, Dutch names with diacritics, and a
 * large set spread over several schools.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/config.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/db_event.h"
#include "ibis/db_level.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/demo.h"
#include "ibis/domain.h"
#include "ibis/util.h"

/* ================================================================ helpers */

/* A fresh database with the shipped data files and an empty config file, so a
 * user's configuration is never read. */
struct env {
	char *dir;
	struct db *db;
	struct ibis_config cfg;
	struct domain dom;
};

static ibis_date fixed_today(void)
{
	ibis_date d;
	cr_assert(date_parse_iso("2026-11-23", &d));
	return d;
}

static void env_open(struct env *e)
{
	memset(e, 0, sizeof(*e));
	e->db = th_db_new(&e->dir);
	char *conf = th_write(e->dir, "empty.ini", "");
	struct config_source src = {.datadir = th_datadir(), .config_file = conf};
	struct ibis_error err = {0};
	cr_assert_eq(config_load(&e->cfg, &src, &err), IBIS_OK, "config: %s", err.message);
	cr_assert_eq(domain_load(&e->dom, &e->cfg, &err), IBIS_OK, "domain: %s", err.message);
	free(conf);
	date_set_today(fixed_today());
}

static void env_close(struct env *e)
{
	db_close(e->db);
	domain_free(&e->dom);
	config_free(&e->cfg);
	th_rmtree(e->dir);
	free(e->dir);
	date_set_today(DATE_NONE);
}

static void generate(struct env *e, int pupils, unsigned seed, const char *model)
{
	struct demo_options opt = {.pupils = pupils, .seed = seed, .level_model = model};
	struct ibis_error err = {0};
	enum ibis_status st = demo_generate(e->db, &e->dom, &opt, e->cfg.level_model, &err);
	cr_assert_eq(st, IBIS_OK, "demo_generate: %s (%s)", err.message, err.detail);
}

static int add_row(const struct pupil_export_row *r, void *ctx)
{
	char birth[DATE_ISO_LEN];
	sb_printf(ctx, "%lld;%s;%s;%s;%s;%s;%s;%s;%s\n", r->id, r->number ? r->number : "",
		  r->first_name, r->tussenvoegsel ? r->tussenvoegsel : "", r->last_name,
		  date_format_iso(r->birth_date, birth), r->group_name ? r->group_name : "",
		  r->school_name, r->status);
	return 0;
}

static const char *const tables[] = {
	"schools", "groups", "group_teachers", "group_members", "pupils", "guardians",
	"level_episodes", "events", "plans", "plan_fields", "goals",
};

/* Everything that tells two demo databases apart: the table sizes, every
 * pupil as exported, and the first 50 names of the pupil list. Caller frees. */
static char *digest(struct env *e)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < ARRAY_LEN(tables); i++)
		sb_printf(&sb, "%s=%lld\n", tables[i], db_count_rows(e->db, tables[i]));
	struct ibis_error err = {0};
	cr_assert_eq(db_pupil_export(e->db, true, schoolyear_of(fixed_today()), add_row, &sb, &err),
		     IBIS_OK, "export: %s", err.message);

	struct pupil_query q = {.school_year = schoolyear_of(fixed_today()), .status = PUPILS_ALL};
	/* pupil_rows_free frees the array too */
	struct pupil_row *rows = xcalloc(50, sizeof(*rows));
	int n = 0;
	cr_assert_eq(db_pupil_page(e->db, &q, 0, 50, rows, &n, &err), IBIS_OK, "page: %s",
		     err.message);
	cr_assert_eq(n, 50);
	for (int i = 0; i < n; i++)
		sb_printf(&sb, "%s|%s|%d\n", rows[i].name, rows[i].group_name ? rows[i].group_name : "",
			  rows[i].level);
	pupil_rows_free(rows, n);
	return sb_take(&sb);
}

/* Calls fn for every pupil id of the database. */
static void each_pupil(struct env *e, void (*fn)(struct env *e, ibis_id id, void *ctx), void *ctx)
{
	long long n = db_count_rows(e->db, "pupils");
	cr_assert_gt(n, 0);
	/* demo pupils get the ids 1 .. n in one transaction */
	for (ibis_id id = 1; id <= n; id++)
		fn(e, id, ctx);
}

/* ================================================================== tests */

Test(demo, same_seed_same_database)
{
	struct env a, b;
	env_open(&a);
	env_open(&b);
	generate(&a, 300, 42, NULL);
	generate(&b, 300, 42, NULL);
	char *da = digest(&a), *db = digest(&b);
	cr_assert_str_eq(da, db);
	free(da);
	free(db);
	env_close(&a);
	env_close(&b);
}

Test(demo, other_seed_other_database)
{
	struct env a, b;
	env_open(&a);
	env_open(&b);
	generate(&a, 300, 42, NULL);
	generate(&b, 300, 43, NULL);
	char *da = digest(&a), *db = digest(&b);
	cr_assert_str_neq(da, db);
	free(da);
	free(db);
	env_close(&a);
	env_close(&b);
}

Test(demo, exactly_the_pupils_asked_for)
{
	static const int sizes[] = {1, 7, 240, 777};
	for (size_t i = 0; i < ARRAY_LEN(sizes); i++) {
		struct env e;
		env_open(&e);
		generate(&e, sizes[i], 5, NULL);
		cr_assert_eq(db_count_rows(e.db, "pupils"), sizes[i], "asked %d", sizes[i]);
		/* every pupil has a level history from the start */
		cr_assert_geq(db_count_rows(e.db, "level_episodes"), sizes[i]);
		env_close(&e);
	}
}

Test(demo, default_is_one_school_of_240)
{
	struct env e;
	env_open(&e);
	generate(&e, 0, 1, NULL);
	cr_assert_eq(db_count_rows(e.db, "pupils"), 240);
	cr_assert_eq(db_count_rows(e.db, "schools"), 1);
	/* about eight events a pupil, and plans from the model */
	long long events = db_count_rows(e.db, "events");
	cr_assert(events > 240 * 5 && events < 240 * 12, "%lld events", events);
	cr_assert_gt(db_count_rows(e.db, "plans"), 0);
	env_close(&e);
}

Test(demo, current_levels_exist_in_the_school_model)
{
	struct env e;
	env_open(&e);
	generate(&e, 2000, 9, "6-lagen");

	struct school *schools = NULL;
	int nschools = 0;
	struct ibis_error err = {0};
	cr_assert_eq(db_school_list(e.db, &schools, &nschools, &err), IBIS_OK);
	int checked = 0, above_one = 0, first_is_6_lagen = 0;
	for (int s = 0; s < nschools; s++) {
		const struct level_model *m = domain_model(&e.dom, schools[s].level_model);
		cr_assert_not_null(m, "school %s has unknown model %s", schools[s].name,
				   schools[s].level_model);
		if (schools[s].id == 1)
			first_is_6_lagen = !strcmp(schools[s].level_model, "6-lagen");
		struct pupil_query q = {.school_id = schools[s].id,
					.school_year = schoolyear_of(fixed_today()),
					.status = PUPILS_ALL};
		int total = 0;
		cr_assert_eq(db_pupil_count(e.db, &q, &total, &err), IBIS_OK);
		cr_assert_gt(total, 0);
		for (int off = 0; off < total; off += 100) {
			struct pupil_row *rows = xcalloc(100, sizeof(*rows));
			int n = 0;
			cr_assert_eq(db_pupil_page(e.db, &q, off, 100, rows, &n, &err), IBIS_OK);
			for (int i = 0; i < n; i++) {
				cr_assert_str_eq(rows[i].level_model, m->id);
				cr_assert_not_null(levelmodel_level(m, rows[i].level),
						   "pupil %lld at level %d of %s", rows[i].id,
						   rows[i].level, m->id);
				checked++;
				above_one += rows[i].level > 1;
			}
			pupil_rows_free(rows, n);
		}
	}
	schools_free(schools, nschools);
	cr_assert(first_is_6_lagen, "the first school uses the model asked for");
	cr_assert_eq(checked, 2000);
	/* about 70% at level 1, the rest above */
	cr_assert(above_one > 2000 / 10 && above_one < 2000 / 2, "%d above level 1", above_one);
	env_close(&e);
}

static void check_history(struct env *e, ibis_id id, void *ctx)
{
	int *episodes = ctx;
	struct level_episode *h = NULL;
	int n = 0;
	struct ibis_error err = {0};
	cr_assert_eq(db_level_history(e->db, id, &h, &n, &err), IBIS_OK);
	cr_assert_geq(n, 1, "pupil %lld has no level", id);
	for (int i = 0; i + 1 < n; i++) {
		cr_assert_lt(h[i].start, h[i + 1].start, "pupil %lld", id);
		cr_assert_eq(h[i].end, h[i + 1].start, "pupil %lld: episode %d ends apart", id, i);
	}
	cr_assert_eq(h[n - 1].end, DATE_NONE, "pupil %lld: the last episode is open", id);
	*episodes += n;
	level_episodes_free(h, n);
}

Test(demo, level_episodes_follow_one_another)
{
	struct env e;
	env_open(&e);
	generate(&e, 500, 3, "5-niveaus-sop");
	int episodes = 0;
	each_pupil(&e, check_history, &episodes);
	cr_assert_eq(episodes, db_count_rows(e.db, "level_episodes"));
	cr_assert_gt(episodes, 500, "some pupils changed level");
	env_close(&e);
}

struct names {
	int non_ascii;
	int tussenvoegsel;
	int ligature; /* the Dutch ĳ as one character */
};

static void check_name(struct env *e, ibis_id id, void *ctx)
{
	struct names *nm = ctx;
	struct pupil p = {0}; /* db_pupil_get clears it first */
	struct ibis_error err = {0};
	cr_assert_eq(db_pupil_get(e->db, id, &p, &err), IBIS_OK);
	const char *parts[] = {p.first_name, p.last_name};
	bool wide = false;
	for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
		for (const unsigned char *c = (const unsigned char *)parts[i]; *c; c++)
			wide |= *c >= 0x80;
		if (strstr(parts[i], "Ĳ") || strstr(parts[i], "ĳ"))
			nm->ligature++;
	}
	nm->non_ascii += wide;
	nm->tussenvoegsel += p.tussenvoegsel != NULL;
	cr_assert_not_null(p.number, "pupil %lld has a leerlingnummer", id);
	cr_assert(p.birth_date != DATE_NONE && p.enrolled != DATE_NONE);
	cr_assert_gt(p.enrolled, p.birth_date);
	pupil_clear(&p);
}

Test(demo, dutch_names_with_diacritics)
{
	struct env e;
	env_open(&e);
	generate(&e, 2000, 11, NULL);
	struct names nm = {0};
	each_pupil(&e, check_name, &nm);
	cr_assert_gt(nm.non_ascii, 20, "%d names with diacritics", nm.non_ascii);
	cr_assert_gt(nm.tussenvoegsel, 100, "%d names with a tussenvoegsel", nm.tussenvoegsel);
	cr_assert_gt(nm.ligature, 0, "a name with the ĳ ligature");
	env_close(&e);
}

Test(demo, a_large_set_spreads_over_schools)
{
	struct env e;
	env_open(&e);
	generate(&e, 2000, 1, NULL);
	struct school *schools = NULL;
	int n = 0;
	struct ibis_error err = {0};
	cr_assert_eq(db_school_list(e.db, &schools, &n, &err), IBIS_OK);
	cr_assert_geq(n, 3, "%d schools", n);
	int sum = 0, models_seen = 0;
	for (int i = 0; i < n; i++) {
		cr_assert_not_null(schools[i].brin);
		struct pupil_query q = {.school_id = schools[i].id, .status = PUPILS_ALL};
		int count = 0;
		cr_assert_eq(db_pupil_count(e.db, &q, &count, &err), IBIS_OK);
		cr_assert(count > 200 && count < 800, "school %s has %d pupils", schools[i].name,
			  count);
		sum += count;
		bool seen = false;
		for (int k = 0; k < i; k++)
			seen |= !strcmp(schools[k].level_model, schools[i].level_model);
		models_seen += !seen;
		for (int k = 0; k < i; k++) {
			cr_assert_str_neq(schools[k].name, schools[i].name);
			cr_assert_str_neq(schools[k].brin, schools[i].brin);
		}
	}
	cr_assert_eq(sum, 2000);
	cr_assert_geq(models_seen, 3, "the schools rotate over the models");
	schools_free(schools, n);
	env_close(&e);
}

Test(demo, groups_for_three_school_years)
{
	struct env e;
	env_open(&e);
	generate(&e, 240, 1, NULL);
	int year = schoolyear_of(fixed_today());
	struct ibis_error err = {0};
	for (int y = year - 2; y <= year; y++) {
		struct group *groups = NULL;
		int n = 0;
		cr_assert_eq(db_group_list(e.db, 0, y, &groups, &n, &err), IBIS_OK);
		cr_assert_geq(n, 7, "%d groups in %d", n, y);
		bool eight = false, kleuters = false;
		for (int i = 0; i < n; i++) {
			eight |= groups[i].jaargroep_max == 8;
			kleuters |= groups[i].jaargroep_min <= 1;
			char *teachers = NULL;
			cr_assert_eq(db_group_teachers(e.db, groups[i].id, &teachers, &err), IBIS_OK);
			cr_assert_not_null(teachers, "group %s has a teacher", groups[i].name);
			free(teachers);
		}
		cr_assert(eight && kleuters, "groups 1 to 8 in %d", y);
		groups_free(groups, n);
	}
	env_close(&e);
}

Test(demo, refuses_an_unknown_model_and_a_filled_database)
{
	struct env e;
	env_open(&e);
	struct demo_options opt = {.pupils = 10, .seed = 1, .level_model = "geen-model"};
	struct ibis_error err = {0};
	cr_assert_eq(demo_generate(e.db, &e.dom, &opt, e.cfg.level_model, &err), IBIS_EINPUT);
	cr_assert_eq(db_count_rows(e.db, "pupils"), 0);

	generate(&e, 10, 1, NULL);
	opt.level_model = NULL;
	cr_assert_eq(demo_generate(e.db, &e.dom, &opt, e.cfg.level_model, &err), IBIS_EINPUT);
	cr_assert_eq(db_count_rows(e.db, "pupils"), 10, "the first demo is left alone");
	env_close(&e);
}
