/* test_db_report.c - pupils per level per group on a day, and per level on
 * the first of each month, counted on small hand-built databases where every
 * number is known.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/db_level.h"
#include "ibis/db_pupil.h"
#include "ibis/db_report.h"
#include "ibis/db_school.h"
#include "ibis/util.h"

/* ================================================================ fixture */

/* A pupil of school sch enrolled on `enrolled` (DATE_NONE: not known) who
 * left on `left` (DATE_NONE: at school), in group (0: none) with jaargroep j. */
static ibis_id pupil_new(ibis_id sch, const char *first, ibis_date enrolled, ibis_date left,
			 ibis_id group, int j)
{
	struct ibis_error err = {0};
	struct pupil p = {.school_id = sch, .first_name = (char *)first, .last_name = "Test",
			  .birth_date = th_ymd(2016, 3, 14), .enrolled = enrolled, .left = left,
			  .destination = left != DATE_NONE ? LEAVE_SCHOOL : LEAVE_NONE};
	TH_OK(db_pupil_insert(th_db, &p, &err));
	if (group)
		TH_OK(db_group_add_member(th_db, group, p.id, j, &err));
	return p.id;
}

/* An episode from start to end (DATE_NONE: open). */
static void level_new(ibis_id pupil, int level, ibis_date start, ibis_date end)
{
	struct ibis_error err = {0};
	struct level_episode e = {.pupil_id = pupil, .model = "4-niveaus", .level = level,
				  .start = start, .end = end};
	TH_OK(db_level_insert(th_db, &e, &err));
}

TestSuite(dbreport, .init = th_db_setup, .fini = th_db_teardown);

/* Two schools; the numbers of each pupil in the comments are what the tests
 * below count.
 *
 * OBS De Linde (4-niveaus), 2026-2027: groups 5B, 1/2, 5A, 8 and an empty 3
 * (inserted out of order); 2025-2026: group 4.
 *   p1 5A: level 1 from 2020-09-01, level 2 from 2026-11-23 (the first
 *      episode ends on that day)
 *   p2 5A: level 3 from 2025-01-10
 *   p3 5B: no level
 *   p4 5B: enrolled 2026-12-01, level 1 from then
 *   p5 8:  left 2026-10-01, level 2 from 2024-05-01
 *   p6 no group this year (4 last year): level 1 from 2021-01-01
 *   p7 1/2: left 2026-11-23, level 1 from 2021-01-01
 *   p8 1/2: level 2 from 2026-09-01 to 2026-11-01, none after
 * CBS Het Anker (6-lagen), 2026-2027: group 6.
 *   q1 6: level 4 from 2026-08-20
 *   q2 no group: no level, no enrolment date known
 *   q3 in De Linde's 5A (a membership db_group_add_member lets through):
 *      level 2 from 2026-01-01; counts with Het Anker, without a group
 */
struct world {
	ibis_id linde, anker;
	ibis_id g12, g3, g5a, g5b, g8, g4_2025, g6;
	ibis_id p[9], q1, q2, q3;
};

static void world_make(struct world *w)
{
	ibis_date enrolled = th_ymd(2020, 8, 30);
	w->linde = th_school_new(th_db, "OBS De Linde", NULL, "4-niveaus");
	w->anker = th_school_new(th_db, "CBS Het Anker", NULL, "6-lagen");
	w->g5b = th_group_new(th_db, w->linde, "5B", 2026, 5, 5);
	w->g12 = th_group_new(th_db, w->linde, "1/2", 2026, 1, 2);
	w->g5a = th_group_new(th_db, w->linde, "5A", 2026, 5, 5);
	w->g8 = th_group_new(th_db, w->linde, "8", 2026, 8, 8);
	w->g3 = th_group_new(th_db, w->linde, "3", 2026, 3, 3);
	w->g4_2025 = th_group_new(th_db, w->linde, "4", 2025, 4, 4);
	w->g6 = th_group_new(th_db, w->anker, "6", 2026, 6, 6);

	w->p[1] = pupil_new(w->linde, "Piet", enrolled, DATE_NONE, w->g5a, 5);
	level_new(w->p[1], 1, th_ymd(2020, 9, 1), DATE_NONE);
	level_new(w->p[1], 2, th_ymd(2026, 11, 23), DATE_NONE);
	w->p[2] = pupil_new(w->linde, "Pien", enrolled, DATE_NONE, w->g5a, 5);
	level_new(w->p[2], 3, th_ymd(2025, 1, 10), DATE_NONE);
	w->p[3] = pupil_new(w->linde, "Pim", enrolled, DATE_NONE, w->g5b, 5);
	w->p[4] = pupil_new(w->linde, "Puck", th_ymd(2026, 12, 1), DATE_NONE, w->g5b, 5);
	level_new(w->p[4], 1, th_ymd(2026, 12, 1), DATE_NONE);
	w->p[5] = pupil_new(w->linde, "Pleun", enrolled, th_ymd(2026, 10, 1), w->g8, 8);
	level_new(w->p[5], 2, th_ymd(2024, 5, 1), DATE_NONE);
	w->p[6] = pupil_new(w->linde, "Pepijn", enrolled, DATE_NONE, w->g4_2025, 4);
	level_new(w->p[6], 1, th_ymd(2021, 1, 1), DATE_NONE);
	w->p[7] = pupil_new(w->linde, "Pola", enrolled, th_ymd(2026, 11, 23), w->g12, 2);
	level_new(w->p[7], 1, th_ymd(2021, 1, 1), DATE_NONE);
	w->p[8] = pupil_new(w->linde, "Pascal", enrolled, DATE_NONE, w->g12, 1);
	level_new(w->p[8], 2, th_ymd(2026, 9, 1), th_ymd(2026, 11, 1));

	w->q1 = pupil_new(w->anker, "Quinten", enrolled, DATE_NONE, w->g6, 6);
	level_new(w->q1, 4, th_ymd(2026, 8, 20), DATE_NONE);
	w->q2 = pupil_new(w->anker, "Quirine", DATE_NONE, DATE_NONE, 0, -1);
	w->q3 = pupil_new(w->anker, "Quirijn", enrolled, DATE_NONE, w->g5a, 5);
	level_new(w->q3, 2, th_ymd(2026, 1, 1), DATE_NONE);
}

/* Assert one row: school, group (NULL = the row without a group), total and
 * the counts of levels 0..4 (the fixture uses no higher ones). */
static void assert_row(const struct level_row *r, ibis_id school, const char *school_name,
		       const char *model, ibis_id group, const char *group_name, int jaargroep,
		       int total, int c0, int c1, int c2, int c3, int c4)
{
	const char *what = group_name ? group_name : "(geen groep)";
	cr_assert_eq(r->school_id, school, "%s: school", what);
	cr_assert_str_eq(r->school, school_name, "%s", what);
	cr_assert_str_eq(r->level_model, model, "%s", what);
	cr_assert_eq(r->group_id, group, "%s: group id", what);
	if (group_name)
		cr_assert_str_eq(r->group, group_name);
	else
		cr_assert_null(r->group, "no group: %s", r->group);
	cr_assert_eq(r->jaargroep_min, jaargroep, "%s: jaargroep", what);
	int want[10] = {c0, c1, c2, c3, c4};
	for (int l = 0; l < 10; l++)
		cr_assert_eq(r->counts[l], want[l], "%s: level %d: %d, want %d", what, l,
			     r->counts[l], want[l]);
	cr_assert_eq(r->total, total, "%s: total %d, want %d", what, r->total, total);
}

/* ============================================================== per group */

Test(dbreport, every_school_on_a_day)
{
	struct world w;
	struct ibis_error err = {0};
	struct level_row *rows = NULL;
	int n = 0;

	world_make(&w);
	TH_OK(db_report_levels(th_db, 0, th_ymd(2026, 11, 23), &rows, &n, &err));
	cr_assert_eq(n, 8, "%d rows", n);
	/* schools by name: Het Anker before De Linde ("CBS" < "OBS") */
	assert_row(&rows[0], w.anker, "CBS Het Anker", "6-lagen", w.g6, "6", 6, 1, 0, 0, 0, 0, 1);
	/* Quirine, and Quirijn in a group of the other school */
	assert_row(&rows[1], w.anker, "CBS Het Anker", "6-lagen", 0, NULL, 99, 2, 1, 0, 1, 0, 0);
	/* 1/2: Pola left on the day; Pascal's episode ended on 1 November */
	assert_row(&rows[2], w.linde, "OBS De Linde", "4-niveaus", w.g12, "1/2", 1, 1, 1, 0, 0, 0,
		   0);
	assert_row(&rows[3], w.linde, "OBS De Linde", "4-niveaus", w.g3, "3", 3, 0, 0, 0, 0, 0, 0);
	/* 5A: Piet's level 1 ended on the day, level 2 began */
	assert_row(&rows[4], w.linde, "OBS De Linde", "4-niveaus", w.g5a, "5A", 5, 2, 0, 0, 1, 1,
		   0);
	/* 5B: Puck is not enrolled yet */
	assert_row(&rows[5], w.linde, "OBS De Linde", "4-niveaus", w.g5b, "5B", 5, 1, 1, 0, 0, 0,
		   0);
	/* 8: Pleun left */
	assert_row(&rows[6], w.linde, "OBS De Linde", "4-niveaus", w.g8, "8", 8, 0, 0, 0, 0, 0, 0);
	/* Pepijn's group was last year's */
	assert_row(&rows[7], w.linde, "OBS De Linde", "4-niveaus", 0, NULL, 99, 1, 0, 1, 0, 0, 0);
	level_rows_free(rows, n);
}

Test(dbreport, the_day_before)
{
	struct world w;
	struct ibis_error err = {0};
	struct level_row *rows = NULL;
	int n = 0;

	world_make(&w);
	TH_OK(db_report_levels(th_db, w.linde, th_ymd(2026, 11, 22), &rows, &n, &err));
	cr_assert_eq(n, 6, "%d rows", n);
	/* Pola is still there (level 1), Pascal has no level any more */
	assert_row(&rows[0], w.linde, "OBS De Linde", "4-niveaus", w.g12, "1/2", 1, 2, 1, 1, 0, 0,
		   0);
	assert_row(&rows[1], w.linde, "OBS De Linde", "4-niveaus", w.g3, "3", 3, 0, 0, 0, 0, 0, 0);
	/* Piet still at level 1 */
	assert_row(&rows[2], w.linde, "OBS De Linde", "4-niveaus", w.g5a, "5A", 5, 2, 0, 1, 0, 1,
		   0);
	assert_row(&rows[3], w.linde, "OBS De Linde", "4-niveaus", w.g5b, "5B", 5, 1, 1, 0, 0, 0,
		   0);
	assert_row(&rows[4], w.linde, "OBS De Linde", "4-niveaus", w.g8, "8", 8, 0, 0, 0, 0, 0, 0);
	assert_row(&rows[5], w.linde, "OBS De Linde", "4-niveaus", 0, NULL, 99, 1, 0, 1, 0, 0, 0);
	level_rows_free(rows, n);
}

/* The day an episode ends without a next one, and the day of enrolment. */
Test(dbreport, edges_of_episodes_and_enrolment)
{
	struct world w;
	struct ibis_error err = {0};
	struct level_row *rows = NULL;
	int n = 0;

	world_make(&w);
	/* 1 November: Pascal's episode ended that day, so Pascal has none */
	TH_OK(db_report_levels(th_db, w.linde, th_ymd(2026, 11, 1), &rows, &n, &err));
	cr_assert_eq(n, 6, "%d rows", n);
	assert_row(&rows[0], w.linde, "OBS De Linde", "4-niveaus", w.g12, "1/2", 1, 2, 1, 1, 0, 0,
		   0);
	level_rows_free(rows, n);
	/* 31 October: still at level 2 */
	TH_OK(db_report_levels(th_db, w.linde, th_ymd(2026, 10, 31), &rows, &n, &err));
	cr_assert_eq(n, 6, "%d rows", n);
	assert_row(&rows[0], w.linde, "OBS De Linde", "4-niveaus", w.g12, "1/2", 1, 2, 0, 1, 1, 0,
		   0);
	level_rows_free(rows, n);
	/* 1 December: Puck is enrolled that day, at level 1 */
	TH_OK(db_report_levels(th_db, w.linde, th_ymd(2026, 12, 1), &rows, &n, &err));
	cr_assert_eq(n, 6, "%d rows", n);
	assert_row(&rows[3], w.linde, "OBS De Linde", "4-niveaus", w.g5b, "5B", 5, 2, 1, 1, 0, 0,
		   0);
	level_rows_free(rows, n);
}

Test(dbreport, one_school)
{
	struct world w;
	struct ibis_error err = {0};
	struct level_row *rows = NULL;
	int n = 0;

	world_make(&w);
	TH_OK(db_report_levels(th_db, w.anker, th_ymd(2026, 11, 23), &rows, &n, &err));
	cr_assert_eq(n, 2, "%d rows", n);
	assert_row(&rows[0], w.anker, "CBS Het Anker", "6-lagen", w.g6, "6", 6, 1, 0, 0, 0, 0, 1);
	/* Quirine, and Quirijn in a group of the other school */
	assert_row(&rows[1], w.anker, "CBS Het Anker", "6-lagen", 0, NULL, 99, 2, 1, 0, 1, 0, 0);
	level_rows_free(rows, n);

	/* a school without pupils or groups that year: nothing */
	ibis_id empty = th_school_new(th_db, "Leeg", NULL, "4-niveaus");
	TH_OK(db_report_levels(th_db, empty, th_ymd(2026, 11, 23), &rows, &n, &err));
	cr_assert_eq(n, 0);
	cr_assert_null(rows);
}

/* A day of the previous school year counts in that year's groups: the
 * pupils without a membership then are the row without a group. */
Test(dbreport, groups_of_the_days_school_year)
{
	struct world w;
	struct ibis_error err = {0};
	struct level_row *rows = NULL;
	int n = 0;

	world_make(&w);
	TH_OK(db_report_levels(th_db, w.linde, th_ymd(2026, 3, 1), &rows, &n, &err));
	cr_assert_eq(n, 2, "%d rows", n);
	assert_row(&rows[0], w.linde, "OBS De Linde", "4-niveaus", w.g4_2025, "4", 4, 1, 0, 1, 0,
		   0, 0);
	/* Piet 1, Pien 3, Pim -, Pleun 2, Pola 1, Pascal - (Puck not yet) */
	assert_row(&rows[1], w.linde, "OBS De Linde", "4-niveaus", 0, NULL, 99, 6, 2, 2, 1, 1, 0);
	level_rows_free(rows, n);
}

Test(dbreport, no_date_is_refused)
{
	struct ibis_error err = {0};
	struct level_row stale = {0};
	struct level_row *rows = &stale; /* must be reset */
	int n = 7;

	cr_assert_eq(db_report_levels(th_db, 0, DATE_NONE, &rows, &n, &err), IBIS_EINPUT);
	cr_assert_null(rows);
	cr_assert_eq(n, 0);
	cr_assert_str_eq(err.message, "Het overzicht heeft een datum nodig.");
}

/* ============================================================ per month */

/* De Linde per month of 2026-2027 (first of the month):
 *         Piet Pien Pim Puck Pleun Pepijn Pola Pascal
 * aug 1:   1    3    -   .    2     1      1    -
 * sep 1:   1    3    -   .    2     1      1    2
 * oct 1:   1    3    -   .    .     1      1    2    (Pleun left on 1 Oct)
 * nov 1:   1    3    -   .    .     1      1    -    (Pascal's ended 1 Nov)
 * dec 1:   2    3    -   1    .     1      .    -
 * (- at school without a level, . not at school) */
static const int linde_months[5][5] = {
	{2, 3, 1, 1, 0},
	{1, 3, 2, 1, 0},
	{1, 3, 1, 1, 0},
	{2, 3, 0, 1, 0},
	{2, 2, 1, 1, 0},
};

Test(dbreport, months_of_one_school)
{
	struct world w;
	struct ibis_error err = {0};
	int counts[12][10], nmonths = -1;

	world_make(&w);
	memset(counts, 0xff, sizeof(counts)); /* every cell must be written */
	TH_OK(db_report_level_months(th_db, w.linde, 2026, th_ymd(2026, 12, 15), counts, &nmonths,
				     &err));
	cr_assert_eq(nmonths, 5);
	for (int m = 0; m < 12; m++)
		for (int l = 0; l < 10; l++) {
			int want = m < 5 && l < 5 ? linde_months[m][l] : 0;
			cr_assert_eq(counts[m][l], want, "month %d level %d: %d, want %d", m, l,
				     counts[m][l], want);
		}
}

Test(dbreport, months_of_every_school)
{
	struct world w;
	struct ibis_error err = {0};
	int counts[12][10], nmonths = -1;

	world_make(&w);
	TH_OK(db_report_level_months(th_db, 0, 2026, th_ymd(2026, 12, 1), counts, &nmonths, &err));
	cr_assert_eq(nmonths, 5, "the month of today counts from its first day");
	for (int m = 0; m < 5; m++) {
		/* Het Anker: Quirine without a level, Quinten at 4 from 20 August,
		 * Quirijn at 2 */
		int want[10] = {0};
		memcpy(want, linde_months[m], sizeof(linde_months[m]));
		want[0] += m == 0 ? 2 : 1;
		want[4] += m == 0 ? 0 : 1;
		want[2] += 1; /* Quirijn */
		for (int l = 0; l < 10; l++)
			cr_assert_eq(counts[m][l], want[l], "month %d level %d: %d, want %d", m, l,
				     counts[m][l], want[l]);
	}
}

Test(dbreport, months_up_to_today)
{
	struct world w;
	struct ibis_error err = {0};
	int counts[12][10], nmonths = -1;

	world_make(&w);
	/* before the school year: nothing counted */
	TH_OK(db_report_level_months(th_db, w.linde, 2026, th_ymd(2026, 7, 31), counts, &nmonths,
				     &err));
	cr_assert_eq(nmonths, 0);
	for (int m = 0; m < 12; m++)
		for (int l = 0; l < 10; l++)
			cr_assert_eq(counts[m][l], 0);
	/* its first day: August */
	TH_OK(db_report_level_months(th_db, w.linde, 2026, th_ymd(2026, 8, 1), counts, &nmonths,
				     &err));
	cr_assert_eq(nmonths, 1);
	cr_assert_eq(counts[0][1], 3);
	cr_assert_eq(counts[1][1], 0, "September is not counted yet");
	/* a later year: all twelve; on 1 July 2027 the same pupils as in December */
	TH_OK(db_report_level_months(th_db, w.linde, 2026, th_ymd(2028, 1, 1), counts, &nmonths,
				     &err));
	cr_assert_eq(nmonths, 12);
	for (int l = 0; l < 5; l++)
		cr_assert_eq(counts[11][l], linde_months[4][l], "july level %d", l);
	/* a year before anyone was enrolled (the 30th of August 2020) */
	TH_OK(db_report_level_months(th_db, w.linde, 2019, th_ymd(2028, 1, 1), counts, &nmonths,
				     &err));
	cr_assert_eq(nmonths, 12);
	for (int m = 0; m < 12; m++)
		for (int l = 0; l < 10; l++)
			cr_assert_eq(counts[m][l], 0, "month %d level %d", m, l);
}
