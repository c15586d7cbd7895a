/* test_db_list.c - the complete pupil list: every filter and sort on a small
 * roster with known answers, paging and positions, archiving, the group of a
 * school year, group edits and teachers, the derived columns the triggers
 * keep, and the migration of a version-1 database.
 */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/db_event.h"
#include "ibis/db_level.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/text.h"
#include "ibis/util.h"

/* From src/db/db_internal.h (which drags in sqlite3's internals of ours). */
enum ibis_status dbi_create_at_version(const char *path, int version, struct ibis_error *err);

/* ================================================================ fixture */

static void level_new(ibis_id pupil, int level, ibis_date start)
{
	struct ibis_error err = {0};
	struct level_episode e = {.pupil_id = pupil, .model = "6-lagen", .level = level,
				  .start = start, .end = DATE_NONE};
	TH_OK(db_level_insert(th_db, &e, &err));
}

/* Run SQL on a second connection (what the API has no call for, like
 * closing a plan, and the checks of the derived columns). */
static void raw_exec(const char *sql)
{
	th_sql_exec(db_path(th_db), sql);
}

static long long raw_int(const char *sql)
{
	return th_sql_int(db_path(th_db), sql, 0);
}

/* Every derived value equals what it is derived from. */
static void assert_derived(void)
{
	cr_assert_eq(raw_int("SELECT count(*) FROM pupils p WHERE p.cur_level IS NOT"
			     " (SELECT level FROM level_episodes WHERE pupil_id = p.id"
			     "  AND end_date IS NULL)"),
		     0, "cur_level");
	cr_assert_eq(raw_int("SELECT count(*) FROM pupils p WHERE p.next_deadline IS NOT"
			     " (SELECT min(d) FROM (SELECT end_date d FROM plans WHERE pupil_id = p.id"
			     "  AND status IN ('concept', 'actief') UNION ALL SELECT eval_date"
			     "  FROM plans WHERE pupil_id = p.id AND status IN ('concept', 'actief')"
			     "  UNION ALL SELECT due_date FROM plans WHERE pupil_id = p.id"
			     "  AND status = 'concept'"
			     "  UNION ALL SELECT g.target_date FROM goals g JOIN plans pl"
			     "  ON pl.id = g.plan_id WHERE pl.pupil_id = p.id AND g.result = 'open'"
			     "  AND pl.status IN ('concept', 'actief')))"),
		     0, "next_deadline");
	cr_assert_eq(raw_int("SELECT count(*) FROM group_members gm"
			     " JOIN groups g ON g.id = gm.group_id JOIN pupils p ON p.id = gm.pupil_id"
			     " WHERE gm.list_key IS NOT (g.jaargroep_min || char(1) || g.name"
			     "  || char(1) || p.sort_key) OR gm.pupil_active <> (p.left_date IS NULL)"
			     "  OR gm.search_key IS NOT p.search_key"),
		     0, "list_key");
	cr_assert_eq(raw_int("SELECT count(*) FROM pupil_counts c WHERE c.n <> (SELECT count(*)"
			     " FROM pupils p WHERE p.school_id = c.school_id"
			     " AND (p.left_date IS NULL) = c.active"
			     " AND coalesce(p.cur_level, 0) = c.level)"),
		     0, "pupil_counts");
	cr_assert_eq(raw_int("SELECT (SELECT coalesce(sum(n), 0) FROM pupil_counts)"
			     " - (SELECT count(*) FROM pupils)"),
		     0, "pupil_counts total");
	cr_assert_eq(raw_int("SELECT (SELECT count(*) FROM pupil_search)"
			     " - (SELECT count(*) FROM pupils WHERE left_date IS NULL)"),
		     0, "pupil_search");
	cr_assert_eq(raw_int("SELECT (SELECT count(*) FROM pupil_search_left)"
			     " - (SELECT count(*) FROM pupils WHERE left_date IS NOT NULL)"),
		     0, "pupil_search_left");
	cr_assert_eq(raw_int("SELECT (SELECT count(*) FROM pupil_grams)"
			     " - (SELECT count(*) FROM pupils WHERE left_date IS NULL"
			     "  AND search_grams <> '')"),
		     0, "pupil_grams");
	cr_assert_eq(raw_int("SELECT (SELECT count(*) FROM pupil_grams_left)"
			     " - (SELECT count(*) FROM pupils WHERE left_date IS NOT NULL"
			     "  AND search_grams <> '')"),
		     0, "pupil_grams_left");
	cr_assert_eq(raw_int("SELECT count(*) FROM pupils WHERE search_grams = ''"), 0, "grams");
}

/* The roster: two schools; school year 2026. Name order: Bakker, Berg, Bergen,
 * Bos (left), Çelik, Vries, Yılmaz, Zoet (school B). */
struct roster {
	ibis_id a, b;
	ibis_id g5a, g45, g3b, g6, g4a_2025;
	ibis_id zoe, celik, yilmaz, ijs, berg, bergen, bos, zoet;
	ibis_id zoe_plan;
};

static void roster_make(struct roster *r)
{
	struct ibis_error err = {0};
	r->a = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	r->b = th_school_new(th_db, "De Linde", NULL, "6-lagen");
	r->g5a = th_group_new(th_db, r->a, "5A", 2026, 5, 5);
	r->g45 = th_group_new(th_db, r->a, "4/5", 2026, 4, 5);
	r->g3b = th_group_new(th_db, r->a, "3B", 2026, 3, 3);
	r->g6 = th_group_new(th_db, r->b, "6", 2026, 6, 6);
	r->g4a_2025 = th_group_new(th_db, r->a, "4A", 2025, 4, 4);
	const char *t5a[] = {"Jan Smit", "Els de Wit"};
	const char *t45[] = {"Jan Smit"};
	const char *t3b[] = {"Piet Pot"};
	const char *t6[] = {"Anna Bos"};
	TH_OK(db_group_set_teachers(th_db, r->g5a, t5a, 2, &err));
	TH_OK(db_group_set_teachers(th_db, r->g45, t45, 1, &err));
	TH_OK(db_group_set_teachers(th_db, r->g3b, t3b, 1, &err));
	TH_OK(db_group_set_teachers(th_db, r->g6, t6, 1, &err));

	r->zoe = th_pupil_new(th_db, r->a, "Zoë", "de", "Vries");
	r->celik = th_pupil_new(th_db, r->a, "Ahmet", NULL, "Çelik");
	r->yilmaz = th_pupil_new(th_db, r->a, "Elif", NULL, "Yılmaz");
	r->ijs = th_pupil_new(th_db, r->a, "Ĳsbrand", NULL, "Bakker");
	r->berg = th_pupil_new(th_db, r->a, "Anna", "van den", "Berg");
	r->bergen = th_pupil_new(th_db, r->a, "Bob", NULL, "Bergen");
	r->bos = th_pupil_new(th_db, r->a, "Cor", NULL, "Bos");
	r->zoet = th_pupil_new(th_db, r->b, "Dirk", NULL, "Zoet");

	TH_OK(db_pupil_set_group(th_db, r->zoe, 2026, r->g5a, -1, &err));
	TH_OK(db_pupil_set_group(th_db, r->celik, 2026, r->g45, 4, &err));
	TH_OK(db_pupil_set_group(th_db, r->yilmaz, 2026, r->g3b, -1, &err));
	TH_OK(db_pupil_set_group(th_db, r->ijs, 2026, r->g5a, 5, &err));
	TH_OK(db_pupil_set_group(th_db, r->berg, 2026, r->g5a, -1, &err));
	TH_OK(db_pupil_set_group(th_db, r->bos, 2025, r->g4a_2025, -1, &err));
	TH_OK(db_pupil_set_group(th_db, r->zoet, 2026, r->g6, -1, &err));

	level_new(r->zoe, 1, th_ymd(2025, 9, 1));
	level_new(r->zoe, 2, th_ymd(2026, 1, 10));
	level_new(r->celik, 1, th_ymd(2025, 9, 1));
	level_new(r->yilmaz, 3, th_ymd(2025, 9, 1));
	level_new(r->berg, 2, th_ymd(2025, 9, 1));
	level_new(r->bergen, 1, th_ymd(2025, 9, 1));
	level_new(r->zoet, 1, th_ymd(2025, 9, 1));

	r->zoe_plan = th_plan_new(th_db, r->zoe, "oop", PLAN_ACTIVE, th_ymd(2026, 10, 1),
				  DATE_NONE, th_ymd(2026, 12, 1));
	th_plan_new(th_db, r->berg, "ihp", PLAN_CLOSED, th_ymd(2025, 10, 1), th_ymd(2026, 1, 1),
		    DATE_NONE);
	th_plan_new(th_db, r->berg, "opp", PLAN_ACTIVE, th_ymd(2026, 10, 1), th_ymd(2027, 1, 15),
		    DATE_NONE);

	struct pupil p = {0};
	TH_OK(db_pupil_get(th_db, r->bos, &p, &err));
	TH_OK(db_pupil_archive(th_db, &p, th_ymd(2026, 7, 10), LEAVE_VO, &err));
	pupil_clear(&p);
}

/* ========================================================== list helpers */

static int count_of(const struct pupil_query *q)
{
	struct ibis_error err = {0};
	int n = -1;
	TH_OK(db_pupil_count(th_db, q, &n, &err));
	return n;
}

static int page_ids(const struct pupil_query *q, int offset, int limit, ibis_id *ids)
{
	struct ibis_error err = {0};
	struct pupil_row *rows = xcalloc((size_t)limit, sizeof(*rows));
	int n = -1;
	TH_OK(db_pupil_page(th_db, q, offset, limit, rows, &n, &err));
	for (int i = 0; i < n; i++)
		ids[i] = rows[i].id;
	pupil_rows_free(rows, n);
	return n;
}

static int position_of(const struct pupil_query *q, ibis_id id)
{
	struct ibis_error err = {0};
	int pos = -2;
	TH_OK(db_pupil_position(th_db, q, id, &pos, &err));
	return pos;
}

/* The list of q is exactly want[0..n-1]: its count, the whole page, every
 * page of 1 and of 3, a page past the end, and each pupil's position. */
static void expect_list(const struct pupil_query *q, const ibis_id *want, int n, const char *what)
{
	ibis_id got[64];
	cr_assert_eq(count_of(q), n, "%s: count %d, want %d", what, count_of(q), n);
	int m = page_ids(q, 0, 64, got);
	cr_assert_eq(m, n, "%s: %d rows, want %d", what, m, n);
	for (int i = 0; i < n; i++)
		cr_assert_eq(got[i], want[i], "%s: row %d is %lld, want %lld", what, i,
			     (long long)got[i], (long long)want[i]);
	for (int off = 0; off < n; off++) {
		cr_assert_eq(page_ids(q, off, 1, got), 1, "%s: page at %d", what, off);
		cr_assert_eq(got[0], want[off], "%s: page at %d", what, off);
		int k = page_ids(q, off, 3, got);
		cr_assert_eq(k, n - off < 3 ? n - off : 3, "%s: page of 3 at %d", what, off);
		for (int i = 0; i < k; i++)
			cr_assert_eq(got[i], want[off + i], "%s: page of 3 at %d", what, off);
		cr_assert_eq(position_of(q, want[off]), off, "%s: position of row %d", what, off);
	}
	cr_assert_eq(page_ids(q, n, 3, got), 0, "%s: past the end", what);
	cr_assert_eq(page_ids(q, n + 10, 3, got), 0, "%s: far past the end", what);
}

#define EXPECT(q, ...)                                                                    \
	do {                                                                              \
		const ibis_id want_[] = {__VA_ARGS__};                                    \
		expect_list((q), want_, (int)ARRAY_LEN(want_), #__VA_ARGS__);             \
	} while (0)
#define EXPECT_NONE(q, what) expect_list((q), NULL, 0, (what))

/* ================================================================ sorting */

TestSuite(list, .init = th_db_setup, .fini = th_db_teardown);

Test(list, name_order_and_status)
{
	struct roster r;
	roster_make(&r);
	struct pupil_query q = {.school_year = 2026};

	EXPECT(&q, r.ijs, r.berg, r.bergen, r.celik, r.zoe, r.yilmaz, r.zoet);
	q.school_id = r.a;
	EXPECT(&q, r.ijs, r.berg, r.bergen, r.celik, r.zoe, r.yilmaz);
	q.status = PUPILS_ALL;
	EXPECT(&q, r.ijs, r.berg, r.bergen, r.bos, r.celik, r.zoe, r.yilmaz);
	q.status = PUPILS_LEFT;
	EXPECT(&q, r.bos);
	q.school_id = r.b;
	EXPECT_NONE(&q, "nobody left De Linde");
	q.school_id = 0;
	EXPECT(&q, r.bos);
	q.status = PUPILS_ALL;
	EXPECT(&q, r.ijs, r.berg, r.bergen, r.bos, r.celik, r.zoe, r.yilmaz, r.zoet);
	/* a pupil not in the list has no position */
	q.status = PUPILS_ACTIVE;
	cr_assert_eq(position_of(&q, r.bos), -1);
	cr_assert_eq(position_of(&q, 9999), -1);
	assert_derived();
}

Test(list, columns)
{
	struct roster r;
	roster_make(&r);
	struct ibis_error err = {0};
	struct pupil_query q = {.school_id = r.a, .school_year = 2026, .status = PUPILS_ALL};
	struct pupil_row rows[8];
	int n = 0;
	memset(rows, 0, sizeof(rows));

	TH_OK(db_pupil_page(th_db, &q, 0, 8, rows, &n, &err));
	cr_assert_eq(n, 7);
	/* Berg: 5A, level 2, the active OPP (not the closed IHP), its end date */
	cr_assert_eq(rows[1].id, r.berg);
	cr_assert_str_eq(rows[1].name, "Berg, Anna van den");
	cr_assert_str_eq(rows[1].group_name, "5A");
	cr_assert_eq(rows[1].jaargroep, 5);
	cr_assert_eq(rows[1].level, 2);
	cr_assert_str_eq(rows[1].level_model, "6-lagen");
	cr_assert_str_eq(rows[1].plan_type, "opp");
	cr_assert_eq(rows[1].deadline, th_ymd(2027, 1, 15));
	cr_assert_eq(rows[1].left, DATE_NONE);
	/* Bergen: no group this year, no plan */
	cr_assert_null(rows[2].group_name);
	cr_assert_eq(rows[2].jaargroep, -1);
	cr_assert_null(rows[2].plan_type);
	cr_assert_eq(rows[2].deadline, DATE_NONE);
	/* Bos left; last year's group does not show */
	cr_assert_eq(rows[3].id, r.bos);
	cr_assert_eq(rows[3].left, th_ymd(2026, 7, 10));
	cr_assert_null(rows[3].group_name);
	/* Çelik in the 4/5 with her own jaargroep */
	cr_assert_str_eq(rows[4].group_name, "4/5");
	cr_assert_eq(rows[4].jaargroep, 4);
	/* Zoë: the OOP's evaluation date */
	cr_assert_str_eq(rows[5].name, "Vries, Zoë de");
	cr_assert_str_eq(rows[5].plan_type, "oop");
	cr_assert_eq(rows[5].deadline, th_ymd(2026, 12, 1));
	/* Bakker: no level */
	cr_assert_str_eq(rows[0].name, "Bakker, Ĳsbrand");
	cr_assert_eq(rows[0].level, 0);
	cr_assert_null(rows[0].level_model);
	pupil_rows_clear(rows, n);
	cr_assert_null(rows[0].name);
	cr_assert_eq(rows[0].id, 0);

	/* several active plans: the latest started; no start date is oldest */
	th_plan_new(th_db, r.zoe, "groeidocument", PLAN_ACTIVE, DATE_NONE, DATE_NONE, DATE_NONE);
	th_plan_new(th_db, r.zoe, "ihp", PLAN_ACTIVE, th_ymd(2026, 11, 1), DATE_NONE, DATE_NONE);
	th_plan_new(th_db, r.zoe, "opp", PLAN_CONCEPT, th_ymd(2026, 11, 20), DATE_NONE, DATE_NONE);
	TH_OK(db_pupil_page(th_db, &q, 5, 1, rows, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_str_eq(rows[0].plan_type, "ihp");
	pupil_rows_clear(rows, n);
	th_plan_new(th_db, r.zoe, "oop", PLAN_ACTIVE, th_ymd(2026, 11, 1), DATE_NONE, DATE_NONE);
	TH_OK(db_pupil_page(th_db, &q, 5, 1, rows, &n, &err));
	cr_assert_str_eq(rows[0].plan_type, "oop"); /* same day: the later one */
	pupil_rows_clear(rows, n);

	/* last year: Bos in 4A */
	q.school_year = 2025;
	TH_OK(db_pupil_page(th_db, &q, 3, 1, rows, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_str_eq(rows[0].group_name, "4A");
	pupil_rows_clear(rows, n);
}

Test(list, group_order)
{
	struct roster r;
	roster_make(&r);
	struct pupil_query q = {.school_id = r.a, .school_year = 2026, .sort = SORT_GROUP};

	/* by the class's jaargroep, then name; no group last */
	EXPECT(&q, r.yilmaz, r.celik, r.ijs, r.berg, r.zoe, r.bergen);
	q.school_id = 0;
	EXPECT(&q, r.yilmaz, r.celik, r.ijs, r.berg, r.zoe, r.zoet, r.bergen);
	q.status = PUPILS_ALL;
	q.school_id = r.a;
	EXPECT(&q, r.yilmaz, r.celik, r.ijs, r.berg, r.zoe, r.bergen, r.bos);
	q.school_id = 0;
	EXPECT(&q, r.yilmaz, r.celik, r.ijs, r.berg, r.zoe, r.zoet, r.bergen, r.bos);
	q.status = PUPILS_LEFT;
	EXPECT(&q, r.bos);
	/* last year Bos was in 4A */
	q.school_year = 2025;
	q.status = PUPILS_ALL;
	q.school_id = r.a;
	EXPECT(&q, r.bos, r.ijs, r.berg, r.bergen, r.celik, r.zoe, r.yilmaz);
	q.school_id = 0;
	EXPECT(&q, r.bos, r.ijs, r.berg, r.bergen, r.celik, r.zoe, r.yilmaz, r.zoet);
	/* with a filter within the groups */
	q.school_year = 2026;
	q.status = PUPILS_ACTIVE;
	q.search = "er";
	EXPECT(&q, r.ijs, r.berg, r.bergen); /* bakker, berg, bergen */
	q.search = "ber";
	EXPECT(&q, r.berg, r.bergen);
}

Test(list, level_order)
{
	struct roster r;
	roster_make(&r);
	struct pupil_query q = {.school_id = r.a, .school_year = 2026, .sort = SORT_LEVEL};

	/* highest first, then name; no level last */
	EXPECT(&q, r.yilmaz, r.berg, r.zoe, r.bergen, r.celik, r.ijs);
	q.school_id = 0;
	EXPECT(&q, r.yilmaz, r.berg, r.zoe, r.bergen, r.celik, r.zoet, r.ijs);
	q.status = PUPILS_ALL;
	EXPECT(&q, r.yilmaz, r.berg, r.zoe, r.bergen, r.celik, r.zoet, r.ijs, r.bos);
}

Test(list, deadline_order)
{
	struct roster r;
	roster_make(&r);
	struct pupil_query q = {.school_id = r.a, .school_year = 2026, .sort = SORT_DEADLINE};

	/* soonest first, then name; none last */
	EXPECT(&q, r.zoe, r.berg, r.ijs, r.bergen, r.celik, r.yilmaz);
	q.school_id = 0;
	EXPECT(&q, r.zoe, r.berg, r.ijs, r.bergen, r.celik, r.yilmaz, r.zoet);
	/* an overdue concept plan comes first */
	th_plan_new(th_db, r.celik, "oop", PLAN_CONCEPT, th_ymd(2026, 9, 1), DATE_NONE,
		    th_ymd(2026, 11, 1));
	EXPECT(&q, r.celik, r.zoe, r.berg, r.ijs, r.bergen, r.yilmaz, r.zoet);
	assert_derived();
}

/* ================================================================ filters */

Test(list, filters_and_combinations)
{
	struct roster r;
	roster_make(&r);
	struct pupil_query q = {.school_year = 2026};

	q.level = 2;
	EXPECT(&q, r.berg, r.zoe);
	q.level = 1;
	EXPECT(&q, r.bergen, r.celik, r.zoet);
	q.school_id = r.a;
	EXPECT(&q, r.bergen, r.celik);
	q.level = 4;
	EXPECT_NONE(&q, "nobody at level 4");
	q.level = 0;
	q.school_id = 0;

	q.group_id = r.g5a;
	EXPECT(&q, r.ijs, r.berg, r.zoe);
	q.sort = SORT_LEVEL;
	EXPECT(&q, r.berg, r.zoe, r.ijs);
	q.sort = SORT_GROUP;
	EXPECT(&q, r.ijs, r.berg, r.zoe);
	q.level = 2;
	EXPECT(&q, r.berg, r.zoe);
	q.search = "berg";
	EXPECT(&q, r.berg);
	q.search = "zo";
	EXPECT(&q, r.zoe);
	q.search = NULL;
	q.level = 0;
	q.sort = SORT_NAME;
	/* a group of another school year holds nobody this year */
	q.group_id = r.g4a_2025;
	EXPECT_NONE(&q, "4A is last year's");
	q.status = PUPILS_ALL;
	EXPECT_NONE(&q, "4A is last year's");
	q.school_year = 2025;
	EXPECT(&q, r.bos);
	q.status = PUPILS_ACTIVE;
	EXPECT_NONE(&q, "Bos left");
	q.school_year = 2026;
	q.group_id = 0;

	q.teacher = "Jan Smit"; /* 5A and 4/5 */
	EXPECT(&q, r.ijs, r.berg, r.celik, r.zoe);
	q.sort = SORT_GROUP;
	EXPECT(&q, r.celik, r.ijs, r.berg, r.zoe);
	q.sort = SORT_DEADLINE;
	EXPECT(&q, r.zoe, r.berg, r.ijs, r.celik);
	q.level = 2;
	EXPECT(&q, r.zoe, r.berg);
	q.level = 0;
	q.sort = SORT_NAME;
	q.group_id = r.g45;
	EXPECT(&q, r.celik);
	q.group_id = 0;
	q.teacher = "Anna Bos";
	EXPECT(&q, r.zoet);
	q.school_id = r.a;
	EXPECT_NONE(&q, "Anna Bos teaches at De Linde");
	q.teacher = "Niemand";
	q.school_id = 0;
	EXPECT_NONE(&q, "unknown teacher");
	q.teacher = "";
	EXPECT(&q, r.ijs, r.berg, r.bergen, r.celik, r.zoe, r.yilmaz, r.zoet);
}

Test(list, search_folds_like_dutch_names)
{
	struct roster r;
	roster_make(&r);
	struct pupil_query q = {.school_year = 2026};

	for (int school = 0; school < 2; school++) {
		/* all schools (trigram index) and one school (its rows only) */
		q.school_id = school ? r.a : 0;
		q.search = "zoe";
		if (school)
			EXPECT(&q, r.zoe);
		else
			EXPECT(&q, r.zoe, r.zoet);
		q.search = "ZOË";
		if (school)
			EXPECT(&q, r.zoe);
		else
			EXPECT(&q, r.zoe, r.zoet);
		q.search = "celik";
		EXPECT(&q, r.celik);
		q.search = "ÇELİK";
		EXPECT(&q, r.celik);
		q.search = "yilmaz";
		EXPECT(&q, r.yilmaz);
		q.search = "Yılmaz";
		EXPECT(&q, r.yilmaz);
		q.search = "ijsbrand";
		EXPECT(&q, r.ijs);
		q.search = "Ĳsbrand";
		EXPECT(&q, r.ijs);
		q.search = "berg";
		EXPECT(&q, r.berg, r.bergen);
		q.search = "van den berg";
		EXPECT(&q, r.berg);
		q.search = "Berg, Anna";
		EXPECT(&q, r.berg);
		q.search = "anna van";
		EXPECT(&q, r.berg);
		q.search = "vries zoe";
		EXPECT(&q, r.zoe);
		q.search = "xyz";
		EXPECT_NONE(&q, "xyz");
		/* short searches: no trigram */
		q.search = "zo";
		if (school)
			EXPECT(&q, r.zoe);
		else
			EXPECT(&q, r.zoe, r.zoet);
		q.search = "ij";
		EXPECT(&q, r.ijs);
		q.search = "Ĳ";
		EXPECT(&q, r.ijs);
		q.search = "k";
		if (school)
			EXPECT(&q, r.ijs, r.celik);
		else
			EXPECT(&q, r.ijs, r.celik, r.zoet);
		q.search = "q";
		EXPECT_NONE(&q, "q");
		/* punctuation only is no filter */
		q.search = " -- ";
		if (school)
			EXPECT(&q, r.ijs, r.berg, r.bergen, r.celik, r.zoe, r.yilmaz);
		else
			EXPECT(&q, r.ijs, r.berg, r.bergen, r.celik, r.zoe, r.yilmaz, r.zoet);
	}
	/* the archive has its own index */
	q.school_id = 0;
	q.search = "bos";
	EXPECT_NONE(&q, "Bos left");
	q.status = PUPILS_LEFT;
	EXPECT(&q, r.bos);
	q.status = PUPILS_ALL;
	EXPECT(&q, r.bos);
	q.search = "bo"; /* Bob Bergen, Cor Bos */
	EXPECT(&q, r.bergen, r.bos);
	q.search = "cor bos";
	q.sort = SORT_LEVEL;
	EXPECT(&q, r.bos);
	/* every sort with a search */
	q.status = PUPILS_ACTIVE;
	q.search = "an"; /* anna van den berg, ahmet celik? no: bakker ijsbrand, anna, ... */
	q.sort = SORT_NAME;
	EXPECT(&q, r.ijs, r.berg);
	q.sort = SORT_LEVEL;
	EXPECT(&q, r.berg, r.ijs);
	q.sort = SORT_DEADLINE;
	EXPECT(&q, r.berg, r.ijs);
	q.sort = SORT_GROUP;
	EXPECT(&q, r.ijs, r.berg);
}

/* Many matches of a trigram search take the walk-and-probe plan: the same
 * answers as the school's own rows, in every order and at every offset. */
Test(list, many_matches)
{
	struct ibis_error err = {0};
	ibis_id a = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id g = th_group_new(th_db, a, "7A", 2026, 7, 7);
	char first[32], last[32];

	TH_OK(db_begin(th_db, &err));
	for (int i = 0; i < 2300; i++) {
		snprintf(first, sizeof(first), "Kind%04d", (i * 7919) % 2300);
		snprintf(last, sizeof(last), "%s", i % 3 ? "Testerman" : "Tester");
		ibis_id id = th_pupil_new(th_db, a, first, NULL, last);
		if (i % 5 == 0)
			level_new(id, 1 + i % 4, th_ymd(2025, 9, 1));
		if (i % 2 == 0)
			TH_OK(db_pupil_set_group(th_db, id, 2026, g, -1, &err));
	}
	TH_OK(db_commit(th_db, &err));

	struct pupil_query all = {.school_year = 2026, .search = "tester"};
	struct pupil_query one = all;
	one.school_id = a;
	static ibis_id x[2400], y[2400];
	for (int sort = 0; sort < SORT_COUNT; sort++) {
		all.sort = one.sort = (enum pupil_sort)sort;
		cr_assert_eq(count_of(&all), 2300);
		cr_assert_eq(count_of(&one), 2300);
		cr_assert_eq(page_ids(&all, 0, 2400, x), 2300);
		cr_assert_eq(page_ids(&one, 0, 2400, y), 2300);
		for (int i = 0; i < 2300; i++)
			cr_assert_eq(x[i], y[i], "sort %d row %d", sort, i);
		int offs[] = {0, 1, 767, 1150, 2279, 2299};
		for (size_t k = 0; k < ARRAY_LEN(offs); k++) {
			ibis_id p[20];
			int n = page_ids(&all, offs[k], 20, p);
			cr_assert_eq(n, 2300 - offs[k] < 20 ? 2300 - offs[k] : 20);
			for (int i = 0; i < n; i++)
				cr_assert_eq(p[i], y[offs[k] + i], "sort %d offset %d", sort, offs[k]);
			cr_assert_eq(position_of(&all, y[offs[k]]), offs[k]);
		}
	}
	all.sort = SORT_NAME;
	all.search = "testerm"; /* 1533 of them: the other plan */
	all.level = 2;
	one = all;
	one.school_id = a;
	cr_assert_eq(count_of(&all), count_of(&one));
	cr_assert_gt(count_of(&all), 0);
	assert_derived();
}

/* ============================================================== archiving */

Test(list, archive_and_unarchive)
{
	struct roster r;
	roster_make(&r);
	struct ibis_error err = {0};
	struct pupil_query q = {.school_id = r.a, .school_year = 2026};
	struct pupil p = {0}, stale = {0};

	TH_OK(db_pupil_get(th_db, r.zoe, &p, &err));
	TH_OK(db_pupil_get(th_db, r.zoe, &stale, &err));
	/* refusals */
	cr_assert_eq(db_pupil_archive(th_db, &p, th_ymd(2026, 11, 20), LEAVE_NONE, &err),
		     IBIS_EINPUT);
	cr_assert_eq(db_pupil_archive(th_db, &p, DATE_NONE, LEAVE_SO, &err), IBIS_EINPUT);
	cr_assert_eq(db_pupil_archive(th_db, &p, th_ymd(2020, 1, 1), LEAVE_SO, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, "inschrijving"), "%s", err.message);
	cr_assert_eq(db_pupil_archive(th_db, &p, th_ymd(2016, 1, 1), LEAVE_SO, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, "geboortedatum"), "%s", err.message);

	TH_OK(db_pupil_archive(th_db, &p, th_ymd(2026, 11, 20), LEAVE_SBO, &err));
	cr_assert_eq(p.version, 2);
	cr_assert_eq(p.left, th_ymd(2026, 11, 20));
	cr_assert_eq(p.destination, LEAVE_SBO);
	struct pupil got = {0};
	TH_OK(db_pupil_get(th_db, r.zoe, &got, &err));
	cr_assert_eq(got.left, th_ymd(2026, 11, 20));
	cr_assert_eq(got.destination, LEAVE_SBO);
	cr_assert_eq(got.version, 2);
	pupil_clear(&got);

	EXPECT(&q, r.ijs, r.berg, r.bergen, r.celik, r.yilmaz);
	q.status = PUPILS_LEFT;
	EXPECT(&q, r.bos, r.zoe);
	q.sort = SORT_GROUP; /* her membership stays as history */
	EXPECT(&q, r.zoe, r.bos);
	q.status = PUPILS_ACTIVE;
	EXPECT(&q, r.yilmaz, r.celik, r.ijs, r.berg, r.bergen);
	q.sort = SORT_NAME;
	q.school_id = 0;
	q.search = "zoe";
	EXPECT(&q, r.zoet);
	q.status = PUPILS_LEFT;
	EXPECT(&q, r.zoe);
	q.search = NULL;
	q.level = 2;
	EXPECT(&q, r.zoe);
	q.status = PUPILS_ACTIVE;
	EXPECT(&q, r.berg);
	int members = -1;
	TH_OK(db_group_count_members(th_db, r.g5a, &members, &err));
	cr_assert_eq(members, 2);
	assert_derived();

	/* the stale copy may not undo it */
	cr_assert_eq(db_pupil_unarchive(th_db, &stale, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_CONFLICT);
	cr_assert_eq(db_pupil_archive(th_db, &stale, th_ymd(2026, 11, 21), LEAVE_VO, &err),
		     IBIS_EDB);
	cr_assert_eq(err.fault, DBF_CONFLICT);
	TH_OK(db_pupil_unarchive(th_db, &p, &err));
	cr_assert_eq(p.version, 3);
	cr_assert_eq(p.left, DATE_NONE);
	cr_assert_eq(p.destination, LEAVE_NONE);
	q.search = "zoe";
	q.level = 0;
	EXPECT(&q, r.zoe, r.zoet);
	TH_OK(db_group_count_members(th_db, r.g5a, &members, &err));
	cr_assert_eq(members, 3);
	assert_derived();

	/* a pupil that is gone */
	struct pupil ghost = {.id = 9999, .version = 1, .birth_date = DATE_NONE,
			      .enrolled = DATE_NONE};
	cr_assert_eq(db_pupil_unarchive(th_db, &ghost, &err), IBIS_EINPUT);
	pupil_clear(&p);
	pupil_clear(&stale);
}

/* ============================================================ set_group */

Test(list, set_group)
{
	struct roster r;
	roster_make(&r);
	struct ibis_error err = {0};
	struct placement pl = {0};
	struct pupil_query q = {.school_year = 2026, .group_id = r.g5a};

	/* replaces this year's group; last year's stays */
	TH_OK(db_pupil_set_group(th_db, r.ijs, 2026, r.g45, 5, &err));
	TH_OK(db_pupil_placement(th_db, r.ijs, 2026, &pl, &err));
	cr_assert_eq(pl.group_id, r.g45);
	cr_assert_eq(pl.jaargroep, 5);
	placement_clear(&pl);
	EXPECT(&q, r.berg, r.zoe);
	q.group_id = r.g45;
	EXPECT(&q, r.ijs, r.celik);
	q.group_id = 0;
	q.sort = SORT_GROUP;
	q.school_id = r.a;
	EXPECT(&q, r.yilmaz, r.ijs, r.celik, r.berg, r.zoe, r.bergen);
	cr_assert_eq(db_count_rows(th_db, "group_members"), 7);

	/* refusals, leaving the membership as it was */
	cr_assert_eq(db_pupil_set_group(th_db, r.ijs, 2026, r.g45, 6, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "Groep 4/5 heeft jaargroep 4 tot en met 5, niet 6.");
	cr_assert_eq(db_pupil_set_group(th_db, r.ijs, 2026, r.g45, -1, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, "combinatiegroep"), "%s", err.message);
	cr_assert_eq(db_pupil_set_group(th_db, r.ijs, 2026, r.g3b, 5, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "Groep 3B is jaargroep 3, niet 5.");
	cr_assert_eq(db_pupil_set_group(th_db, r.ijs, 2026, r.g6, -1, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, "andere school"), "%s", err.message);
	cr_assert_eq(db_pupil_set_group(th_db, r.ijs, 2026, 9999, -1, &err), IBIS_EINPUT);
	cr_assert_eq(db_pupil_set_group(th_db, 9999, 2026, r.g5a, -1, &err), IBIS_EINPUT);
	TH_OK(db_pupil_placement(th_db, r.ijs, 2026, &pl, &err));
	cr_assert_eq(pl.group_id, r.g45);
	placement_clear(&pl);

	/* out of any group of the year */
	TH_OK(db_pupil_set_group(th_db, r.ijs, 2026, 0, -1, &err));
	TH_OK(db_pupil_placement(th_db, r.ijs, 2026, &pl, &err));
	cr_assert_eq(pl.group_id, 0);
	placement_clear(&pl);
	EXPECT(&q, r.yilmaz, r.celik, r.berg, r.zoe, r.ijs, r.bergen);
	/* Bos keeps last year's group */
	TH_OK(db_pupil_placement(th_db, r.bos, 2025, &pl, &err));
	cr_assert_eq(pl.group_id, r.g4a_2025);
	placement_clear(&pl);
	assert_derived();
}

/* ================================================================= groups */

Test(list, group_update)
{
	struct roster r;
	roster_make(&r);
	struct ibis_error err = {0};
	struct group g = {0}, stale = {0};
	struct pupil_query q = {.school_id = r.a, .school_year = 2026, .sort = SORT_GROUP};

	TH_OK(db_group_get(th_db, r.g3b, &g, &err));
	TH_OK(db_group_get(th_db, r.g3b, &stale, &err));
	/* a rename to a name of the same school year */
	free(g.name);
	g.name = xstrdup("5A");
	cr_assert_eq(db_group_update(th_db, &g, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "Er is in 2026-2027 al een groep 5A.");
	cr_assert_eq(g.version, 1);
	/* a range that leaves Yılmaz (jaargroep 3) outside */
	free(g.name);
	g.name = xstrdup("6B");
	g.jaargroep_min = g.jaargroep_max = 6;
	cr_assert_eq(db_group_update(th_db, &g, &err), IBIS_EINPUT);
	/* a name of last year's is fine; so is a wider range */
	free(g.name);
	g.name = xstrdup("4A");
	g.jaargroep_min = 3;
	g.jaargroep_max = 4;
	g.kind = GROUP_COMBINATION;
	TH_OK(db_group_update(th_db, &g, &err));
	cr_assert_eq(g.version, 2);
	struct group got = {0};
	TH_OK(db_group_get(th_db, r.g3b, &got, &err));
	cr_assert_str_eq(got.name, "4A");
	cr_assert_eq(got.kind, GROUP_COMBINATION);
	cr_assert_eq(got.jaargroep_max, 4);
	cr_assert_eq(got.version, 2);
	group_clear(&got);
	/* the stale copy conflicts */
	cr_assert_eq(db_group_update(th_db, &stale, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_CONFLICT);
	assert_derived();

	/* the order by group follows a rename and a new jaargroep range */
	EXPECT(&q, r.yilmaz, r.celik, r.ijs, r.berg, r.zoe, r.bergen);
	TH_OK(db_group_get(th_db, r.g45, &got, &err));
	free(got.name);
	got.name = xstrdup("0Z");
	got.jaargroep_min = 4;
	got.jaargroep_max = 6;
	TH_OK(db_group_update(th_db, &got, &err));
	group_clear(&got);
	TH_OK(db_group_get(th_db, r.g5a, &got, &err));
	got.jaargroep_min = 2;
	TH_OK(db_group_update(th_db, &got, &err));
	group_clear(&got);
	/* 5A (from 2), 4A (3), 0Z (4) */
	EXPECT(&q, r.ijs, r.berg, r.zoe, r.yilmaz, r.celik, r.bergen);
	assert_derived();

	ibis_id id = -1;
	TH_OK(db_group_find(th_db, r.a, 2026, "0z", &id, &err));
	cr_assert_eq(id, r.g45);
	TH_OK(db_group_find(th_db, r.a, 2025, "0Z", &id, &err));
	cr_assert_eq(id, 0);
	TH_OK(db_group_find(th_db, r.a, 2025, "4a", &id, &err));
	cr_assert_eq(id, r.g4a_2025);
	TH_OK(db_group_find(th_db, r.b, 2026, "4A", &id, &err));
	cr_assert_eq(id, 0);
	group_clear(&g);
	group_clear(&stale);
}

Test(list, group_delete_and_members)
{
	struct roster r;
	roster_make(&r);
	struct ibis_error err = {0};
	int n = -1;

	TH_OK(db_group_count_members(th_db, r.g5a, &n, &err));
	cr_assert_eq(n, 3);
	/* Bos left, but his membership is history: 4A of 2025 is not empty */
	TH_OK(db_group_count_members(th_db, r.g4a_2025, &n, &err));
	cr_assert_eq(n, 0);
	cr_assert_eq(db_group_delete(th_db, r.g4a_2025, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "De groep heeft 1 leerling; zet die eerst in een andere groep.");
	cr_assert_eq(db_group_delete(th_db, r.g5a, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message,
			 "De groep heeft 3 leerlingen; zet ze eerst in een andere groep.");
	cr_assert_eq(db_count_rows(th_db, "groups"), 5);

	ibis_id empty = th_group_new(th_db, r.a, "8A", 2026, 8, 8);
	TH_OK(db_group_delete(th_db, empty, &err));
	cr_assert_eq(db_count_rows(th_db, "groups"), 5);
	cr_assert_eq(db_group_delete(th_db, empty, &err), IBIS_EINPUT);

	/* inside a transaction a refusal undoes only itself */
	TH_OK(db_begin(th_db, &err));
	empty = th_group_new(th_db, r.a, "8B", 2026, 8, 8);
	cr_assert_eq(db_group_delete(th_db, r.g3b, &err), IBIS_EINPUT);
	TH_OK(db_commit(th_db, &err));
	cr_assert_eq(db_count_rows(th_db, "groups"), 6);
}

Test(list, teachers)
{
	struct roster r;
	roster_make(&r);
	struct ibis_error err = {0};
	struct strlist names = {0};
	char *t = NULL;
	const char *t6_again[] = {"Anna Bos"};

	TH_OK(db_group_teachers(th_db, r.g5a, &t, &err));
	cr_assert_str_eq(t, "Jan Smit, Els de Wit");
	free(t);
	TH_OK(db_teacher_names(th_db, r.a, 2026, &names, &err));
	cr_assert_eq(names.len, 3);
	cr_assert_str_eq(names.items[0], "Els de Wit");
	cr_assert_str_eq(names.items[1], "Jan Smit");
	cr_assert_str_eq(names.items[2], "Piet Pot");
	sl_free(&names);
	TH_OK(db_teacher_names(th_db, 0, 2026, &names, &err));
	cr_assert_eq(names.len, 4);
	cr_assert_str_eq(names.items[0], "Anna Bos");
	sl_free(&names);
	/* sorted as folded: Ĳ with the I, É with the E */
	const char *more[] = {"Ĳsbrand Ĳzerman", "Zeger Zwart", "Émile Eerden"};
	TH_OK(db_group_set_teachers(th_db, r.g6, more, 3, &err));
	TH_OK(db_teacher_names(th_db, r.b, 2026, &names, &err));
	cr_assert_eq(names.len, 3);
	cr_assert_str_eq(names.items[0], "Émile Eerden");
	cr_assert_str_eq(names.items[1], "Ĳsbrand Ĳzerman");
	cr_assert_str_eq(names.items[2], "Zeger Zwart");
	sl_free(&names);
	TH_OK(db_group_set_teachers(th_db, r.g6, t6_again, 1, &err));
	TH_OK(db_teacher_names(th_db, r.a, 2025, &names, &err));
	cr_assert_eq(names.len, 0);
	sl_free(&names);

	/* replaced, in the order given; a user account stays with its name */
	TH_OK(db_group_add_teacher(th_db, r.g3b, "Invaller", 0, &err));
	raw_exec("INSERT INTO users (login, name, role) VALUES ('ppot', 'Piet Pot', 'leerkracht');"
		 "UPDATE group_teachers SET user_id = 1 WHERE name = 'Piet Pot'");
	const char *two[] = {"Invaller", "Piet Pot"};
	TH_OK(db_group_set_teachers(th_db, r.g3b, two, 2, &err));
	TH_OK(db_group_teachers(th_db, r.g3b, &t, &err));
	cr_assert_str_eq(t, "Invaller, Piet Pot");
	free(t);
	cr_assert_eq(raw_int("SELECT user_id FROM group_teachers WHERE name = 'Piet Pot'"), 1);
	cr_assert_eq(raw_int("SELECT count(*) FROM group_teachers WHERE name = 'Invaller'"), 1);
	struct pupil_query q = {.school_year = 2026, .teacher = "Invaller"};
	EXPECT(&q, r.yilmaz);
	/* none at all */
	TH_OK(db_group_set_teachers(th_db, r.g3b, NULL, 0, &err));
	TH_OK(db_group_teachers(th_db, r.g3b, &t, &err));
	cr_assert_null(t);
	EXPECT_NONE(&q, "no Invaller");
	const char *blank[] = {""};
	cr_assert_eq(db_group_set_teachers(th_db, r.g5a, blank, 1, &err), IBIS_EINPUT);
	cr_assert_eq(db_group_set_teachers(th_db, 9999, two, 2, &err), IBIS_EINPUT);
	TH_OK(db_group_teachers(th_db, r.g5a, &t, &err));
	cr_assert_str_eq(t, "Jan Smit, Els de Wit");
	free(t);
}

/* ========================================================== the triggers */

Test(list, derived_columns_follow_every_change)
{
	struct roster r;
	roster_make(&r);
	struct ibis_error err = {0};
	struct pupil_query q = {.school_id = r.a, .school_year = 2026, .sort = SORT_LEVEL};
	assert_derived();

	/* a level step */
	level_new(r.bergen, 4, th_ymd(2026, 11, 1));
	EXPECT(&q, r.bergen, r.yilmaz, r.berg, r.zoe, r.celik, r.ijs);
	q.sort = SORT_NAME;
	q.level = 4;
	EXPECT(&q, r.bergen);
	q.level = 1;
	EXPECT(&q, r.celik);
	q.level = 0;
	assert_derived();
	/* a first level for Bakker; an episode deleted by hand */
	level_new(r.ijs, 1, th_ymd(2026, 11, 2));
	raw_exec("DELETE FROM level_episodes WHERE pupil_id = 2 AND end_date IS NULL");
	assert_derived();

	/* plans and goals */
	q.sort = SORT_DEADLINE;
	ibis_id plan = th_plan_new(th_db, r.celik, "oop", PLAN_CONCEPT, th_ymd(2026, 11, 1),
				   DATE_NONE, th_ymd(2027, 3, 1));
	EXPECT(&q, r.zoe, r.berg, r.celik, r.ijs, r.bergen, r.yilmaz);
	struct goal g = {.plan_id = plan, .text = "Leest AVI E5", .target = th_ymd(2026, 11, 25),
			 .result = GOAL_OPEN};
	TH_OK(db_goal_insert(th_db, &g, &err));
	EXPECT(&q, r.celik, r.zoe, r.berg, r.ijs, r.bergen, r.yilmaz);
	assert_derived();
	raw_exec("UPDATE goals SET result = 'behaald'");
	EXPECT(&q, r.zoe, r.berg, r.celik, r.ijs, r.bergen, r.yilmaz);
	raw_exec("UPDATE goals SET result = 'open', target_date = '2026-11-24'");
	EXPECT(&q, r.celik, r.zoe, r.berg, r.ijs, r.bergen, r.yilmaz);
	raw_exec("UPDATE plans SET status = 'afgesloten' WHERE template_id = 'oop'");
	EXPECT(&q, r.berg, r.ijs, r.bergen, r.celik, r.zoe, r.yilmaz);
	assert_derived();
	raw_exec("UPDATE plans SET status = 'actief', eval_date = '2026-10-01'"
		 " WHERE template_id = 'oop' AND pupil_id = 1");
	EXPECT(&q, r.zoe, r.berg, r.ijs, r.bergen, r.celik, r.yilmaz);
	raw_exec("DELETE FROM goals; DELETE FROM plans WHERE template_id = 'opp'");
	EXPECT(&q, r.zoe, r.ijs, r.berg, r.bergen, r.celik, r.yilmaz);
	assert_derived();

	/* a rename: the name order, the search, the order by group */
	struct pupil p = {0};
	TH_OK(db_pupil_get(th_db, r.ijs, &p, &err));
	free(p.last_name);
	p.last_name = xstrdup("Zwart");
	TH_OK(db_pupil_update(th_db, &p, &err));
	pupil_clear(&p);
	q.sort = SORT_NAME;
	EXPECT(&q, r.berg, r.bergen, r.celik, r.zoe, r.yilmaz, r.ijs);
	q.sort = SORT_GROUP;
	EXPECT(&q, r.yilmaz, r.celik, r.berg, r.zoe, r.ijs, r.bergen);
	q.sort = SORT_NAME;
	q.school_id = 0;
	q.search = "bakker";
	EXPECT_NONE(&q, "renamed");
	q.search = "zwart";
	EXPECT(&q, r.ijs);
	q.search = "ijsbrand zw";
	EXPECT(&q, r.ijs);
	assert_derived();

	/* a pupil deleted (a purge) leaves no trace in the derived data */
	raw_exec("DELETE FROM pupils WHERE last_name = 'Zwart'");
	EXPECT_NONE(&q, "purged");
	q.search = NULL;
	EXPECT(&q, r.berg, r.bergen, r.celik, r.zoe, r.yilmaz, r.zoet);
	assert_derived();
	/* moved to the other school */
	raw_exec("UPDATE pupils SET school_id = 2 WHERE last_name = 'Bergen'");
	q.school_id = r.b;
	EXPECT(&q, r.bergen, r.zoet);
	assert_derived();
}

/* ============================================================= migration */

Test(list, migration_from_version_1)
{
	struct ibis_error err = {0};
	char *path = xasprintf("%s/v1.db", th_dir);
	TH_OK(dbi_create_at_version(path, 1, &err));

	/* a version-1 database with data, written as version 1 wrote it */
	sqlite3 *c = NULL;
	cr_assert_eq(sqlite3_open(path, &c), SQLITE_OK);
	struct {
		const char *first, *tv, *last, *left;
	} names[] = {
		{"Zoë", "de", "Vries", NULL},     {"Ahmet", NULL, "Çelik", NULL},
		{"Elif", NULL, "Yılmaz", NULL},   {"Ĳsbrand", NULL, "Bakker", NULL},
		{"Anna", "van den", "Berg", NULL}, {"Cor", NULL, "Bos", "2026-07-10"},
	};
	cr_assert_eq(sqlite3_exec(c,
				  "PRAGMA foreign_keys = ON;"
				  "INSERT INTO schools (name, level_model) VALUES ('S', '6-lagen');"
				  "INSERT INTO groups (school_id, name, school_year, jaargroep_min,"
				  " jaargroep_max) VALUES (1, '5A', 2026, 5, 5), (1, '3B', 2026, 3, 3)",
				  NULL, NULL, NULL),
		     SQLITE_OK, "%s", sqlite3_errmsg(c));
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		char *sort = name_sort_key(names[i].first, names[i].tv, names[i].last);
		char *search = name_search_key(names[i].first, names[i].tv, names[i].last);
		char *sql = sqlite3_mprintf(
			"INSERT INTO pupils (school_id, first_name, tussenvoegsel, last_name,"
			" left_date, destination, sort_key, search_key) VALUES (1, %Q, %Q, %Q, %Q,"
			" %Q, %Q, %Q)",
			names[i].first, names[i].tv, names[i].last, names[i].left,
			names[i].left ? "vo" : NULL, sort, search);
		cr_assert_eq(sqlite3_exec(c, sql, NULL, NULL, NULL), SQLITE_OK, "%s",
			     sqlite3_errmsg(c));
		sqlite3_free(sql);
		free(sort);
		free(search);
	}
	cr_assert_eq(sqlite3_exec(c,
				  "INSERT INTO group_members (group_id, pupil_id, school_year, jaargroep)"
				  " VALUES (1, 1, 2026, 5), (2, 3, 2026, 3), (1, 6, 2026, 5);"
				  "INSERT INTO level_episodes (pupil_id, model, level, start_date,"
				  " end_date) VALUES (1, '6-lagen', 1, '2025-09-01', '2026-01-01'),"
				  " (1, '6-lagen', 2, '2026-01-01', NULL),"
				  " (3, '6-lagen', 3, '2025-09-01', NULL);"
				  "INSERT INTO plans (template_id, pupil_id, status, eval_date)"
				  " VALUES ('oop', 2, 'actief', '2026-12-01');"
				  "INSERT INTO goals (plan_id, body, target_date)"
				  " VALUES (1, 'Doel', '2026-11-30')",
				  NULL, NULL, NULL),
		     SQLITE_OK, "%s", sqlite3_errmsg(c));
	sqlite3_close(c);

	/* opening migrates it */
	db_close(th_db);
	struct db_options opt = {.path = path, .mode = DB_EXISTING};
	TH_OK(db_open(&th_db, &opt, &err));
	cr_assert_eq(raw_int("PRAGMA user_version"), db_schema_version());
	assert_derived();
	struct strlist problems = {0};
	TH_OK(db_check(th_db, &problems, &err));
	cr_assert_eq(problems.len, 0, "%s", problems.len ? problems.items[0] : "");
	sl_free(&problems);

	/* ids: 1 Vries, 2 Çelik, 3 Yılmaz, 4 Bakker, 5 Berg, 6 Bos (left) */
	struct pupil_query q = {.school_year = 2026};
	EXPECT(&q, 4, 5, 2, 1, 3);
	q.sort = SORT_GROUP;
	EXPECT(&q, 3, 1, 4, 5, 2);
	q.sort = SORT_LEVEL;
	EXPECT(&q, 3, 1, 4, 5, 2);
	q.sort = SORT_DEADLINE;
	EXPECT(&q, 2, 4, 5, 1, 3);
	q.sort = SORT_NAME;
	q.search = "yilmaz";
	EXPECT(&q, 3);
	q.search = "zoe";
	EXPECT(&q, 1);
	q.search = "ij";
	EXPECT(&q, 4);
	q.search = "bos";
	EXPECT_NONE(&q, "left");
	q.status = PUPILS_LEFT;
	EXPECT(&q, 6);
	q.search = NULL;
	q.status = PUPILS_ALL;
	q.sort = SORT_GROUP;
	EXPECT(&q, 3, 6, 1, 4, 5, 2);
	q.status = PUPILS_ACTIVE;
	q.level = 2;
	EXPECT(&q, 1);

	/* and the triggers work on the migrated file */
	struct pupil p = {0};
	TH_OK(db_pupil_get(th_db, 6, &p, &err));
	TH_OK(db_pupil_unarchive(th_db, &p, &err));
	pupil_clear(&p);
	q.level = 0;
	q.sort = SORT_NAME;
	EXPECT(&q, 4, 5, 6, 2, 1, 3);
	assert_derived();
	free(path);
}

/* ================================================================== check */

Test(list, fresh_database_checks_clean)
{
	struct roster r;
	roster_make(&r);
	struct ibis_error err = {0};
	struct strlist problems = {0};
	TH_OK(db_check(th_db, &problems, &err));
	cr_assert_eq(problems.len, 0, "%s", problems.len ? problems.items[0] : "");
	sl_free(&problems);
	cr_assert_eq(db_count_rows(th_db, "pupil_search"), 7);
	cr_assert_eq(db_count_rows(th_db, "pupil_search_left"), 1);
}
