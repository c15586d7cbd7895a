/* test_db_sop.c - the school side in the database (db_sop.h): the HGW grid's
 * cells and assessor columns, the basisondersteuning checklist and the SOP
 * rows; round trips with NULLs, the version check (a stale save or delete
 * changes nothing), the empty cell that is deleted, filters that keep
 * schools and years apart, copying a year, the checks of the input, and the
 * migration of a version 4 database.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/db_sop.h"
#include "ibis/hgw.h"
#include "ibis/sop.h"
#include "ibis/util.h"

/* db_internal.h is src/db's own; the migration test needs this one. */
enum ibis_status dbi_create_at_version(const char *path, int version, struct ibis_error *err);

TestSuite(dbsop, .init = th_db_setup, .fini = th_db_teardown);

/* ================================================================ helpers */

static long long raw_int(const char *sql, ibis_id a)
{
	return th_sql_int(th_path, sql, a);
}

static void assert_raw_text(const char *sql, ibis_id a, const char *want)
{
	char *got = th_sql_text(th_path, sql, a);
	cr_assert_str_eq(got, want, "%s (%lld)", sql, (long long)a);
	free(got);
}

/* A cell record of its own (owned strings). */
static struct indicator_score cell(ibis_id school, const char *set, const char *ind, int year,
				   const char *assessor, int score, const char *evidence)
{
	struct indicator_score s = {
		.school_id = school,
		.set_id = xstrdup(set),
		.indicator = xstrdup(ind),
		.school_year = year,
		.assessor = xstrdup(assessor),
		.score = score,
		.evidence = xstrdup(evidence),
	};
	return s;
}

/* Store a new cell; returns its id. */
static ibis_id put_new(ibis_id school, const char *set, const char *ind, int year,
		       const char *assessor, int score, const char *evidence)
{
	struct ibis_error err = {0};
	struct indicator_score s = cell(school, set, ind, year, assessor, score, evidence);
	TH_OK(db_score_put(th_db, &s, &err));
	ibis_id id = s.id;
	cr_assert_gt(id, 0);
	cr_assert_eq(s.version, 1);
	indicator_score_clear(&s);
	return id;
}

static const struct indicator_score *find(const struct indicator_score *v, int n, ibis_id id)
{
	for (int i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	return NULL;
}

/* The one stored cell with this id (a copy the caller clears). */
static struct indicator_score get_cell(ibis_id school, ibis_id id)
{
	struct ibis_error err = {0};
	struct indicator_score *v = NULL, out;
	int n = 0;
	TH_OK(db_score_list(th_db, school, NULL, 1900, 2199, &v, &n, &err));
	const struct indicator_score *s = find(v, n, id);
	cr_assert_not_null(s, "cell %lld", (long long)id);
	indicator_score_copy(&out, s);
	indicator_scores_free(v, n);
	return out;
}

static void assert_conflict(enum ibis_status st, const struct ibis_error *err)
{
	cr_assert_eq(st, IBIS_EDB, "%s", err->message);
	cr_assert_eq(err->fault, DBF_CONFLICT, "%s", err->message);
	cr_assert(strstr(err->message, "collega"), "%s", err->message);
}

static void assert_input(enum ibis_status st, const struct ibis_error *err, const char *word)
{
	cr_assert_eq(st, IBIS_EINPUT, "%s", err->message);
	cr_assert(strstr(err->message, word), "'%s' not in: %s", word, err->message);
}

/* ============================================================ grid cells */

Test(dbsop, score_round_trip_with_nulls)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id a = put_new(school, "hgw", "1.1", 2026, "", 3, "Gezien in groep 5: instructie.");
	ibis_id b = put_new(school, "hgw", "1.2", 2026, "", 4, NULL);
	ibis_id c = put_new(school, "hgw", "1.1", 2026, "IB'er", 2, "Ë, ç en \"quotes\"; 'x'");

	struct indicator_score *v = NULL;
	int n = 0;
	TH_OK(db_score_list(th_db, school, "hgw", 2026, 2026, &v, &n, &err));
	cr_assert_eq(n, 3);
	/* by set, year, assessor ("" first), indicator */
	cr_assert_eq(v[0].id, a);
	cr_assert_eq(v[1].id, b);
	cr_assert_eq(v[2].id, c);
	cr_assert_eq(v[0].school_id, school);
	cr_assert_str_eq(v[0].set_id, "hgw");
	cr_assert_str_eq(v[0].indicator, "1.1");
	cr_assert_eq(v[0].school_year, 2026);
	cr_assert_str_eq(v[0].assessor, "");
	cr_assert_eq(v[0].score, 3);
	cr_assert_str_eq(v[0].evidence, "Gezien in groep 5: instructie.");
	cr_assert_eq(v[0].version, 1);
	cr_assert_null(v[1].evidence);
	cr_assert_eq(v[1].score, 4);
	cr_assert_str_eq(v[2].assessor, "IB'er");
	cr_assert_eq(v[2].score, 2);
	cr_assert_str_eq(v[2].evidence, "Ë, ç en \"quotes\"; 'x'");
	indicator_scores_free(v, n);

	/* NULL in the database for no evidence; "" evidence is no evidence */
	cr_assert_eq(raw_int("SELECT evidence IS NULL FROM indicator_scores WHERE id = ?", b), 1);
	ibis_id d = put_new(school, "hgw", "1.3", 2026, "", 1, "");
	cr_assert_eq(raw_int("SELECT evidence IS NULL FROM indicator_scores WHERE id = ?", d), 1);

	/* an update keeps the id and bumps the version */
	struct indicator_score s = get_cell(school, a);
	s.score = 1;
	free(s.evidence);
	s.evidence = NULL;
	TH_OK(db_score_put(th_db, &s, &err));
	cr_assert_eq(s.id, a);
	cr_assert_eq(s.version, 2);
	indicator_score_clear(&s);
	s = get_cell(school, a);
	cr_assert_eq(s.score, 1);
	cr_assert_null(s.evidence);
	cr_assert_eq(s.version, 2);
	indicator_score_clear(&s);
}

Test(dbsop, score_zero_without_evidence_deletes_the_cell)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "S", NULL, "6-lagen");
	ibis_id id = put_new(school, "hgw", "2.1", 2026, "", 3, "Notitie");

	/* the score cleared, evidence kept: the cell stays */
	struct indicator_score s = get_cell(school, id);
	s.score = 0;
	TH_OK(db_score_put(th_db, &s, &err));
	cr_assert_eq(s.id, id);
	cr_assert_eq(s.version, 2);
	cr_assert_eq(raw_int("SELECT score IS NULL FROM indicator_scores WHERE id = ?", id), 1);
	indicator_score_clear(&s);
	s = get_cell(school, id);
	cr_assert_eq(s.score, 0);
	cr_assert_str_eq(s.evidence, "Notitie");

	/* evidence gone as well: the cell is deleted */
	free(s.evidence);
	s.evidence = xstrdup("  ");
	TH_OK(db_score_put(th_db, &s, &err));
	cr_assert_eq(s.id, 0);
	cr_assert_eq(db_count_rows(th_db, "indicator_scores"), 0);
	indicator_score_clear(&s);

	/* a new empty cell stores nothing */
	s = cell(school, "hgw", "2.2", 2026, "", 0, NULL);
	TH_OK(db_score_put(th_db, &s, &err));
	cr_assert_eq(s.id, 0);
	cr_assert_eq(db_count_rows(th_db, "indicator_scores"), 0);
	indicator_score_clear(&s);

	/* a new cell with evidence only is stored */
	s = cell(school, "hgw", "2.2", 2026, "", 0, "Nog niet gezien, wel gepland.");
	TH_OK(db_score_put(th_db, &s, &err));
	cr_assert_gt(s.id, 0);
	cr_assert_eq(db_count_rows(th_db, "indicator_scores"), 1);
	indicator_score_clear(&s);
}

Test(dbsop, score_conflict_two_readers)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "S", NULL, "6-lagen");
	ibis_id id = put_new(school, "hgw", "1.1", 2026, "", 2, "eerste");

	struct indicator_score mine = get_cell(school, id);
	struct indicator_score theirs = get_cell(school, id);
	theirs.score = 4;
	TH_OK(db_score_put(th_db, &theirs, &err));
	cr_assert_eq(theirs.version, 2);

	mine.score = 1;
	assert_conflict(db_score_put(th_db, &mine, &err), &err);
	cr_assert_eq(mine.id, id);
	cr_assert_eq(mine.version, 1);
	/* clearing a cell at a stale version is refused too */
	mine.score = 0;
	free(mine.evidence);
	mine.evidence = NULL;
	assert_conflict(db_score_put(th_db, &mine, &err), &err);
	cr_assert_eq(mine.id, id);

	struct indicator_score got = get_cell(school, id);
	cr_assert_eq(got.score, 4);
	cr_assert_str_eq(got.evidence, "eerste");
	cr_assert_eq(got.version, 2);
	indicator_score_clear(&got);

	/* a cell a colleague deleted meanwhile */
	theirs.score = 0;
	free(theirs.evidence);
	theirs.evidence = NULL;
	TH_OK(db_score_put(th_db, &theirs, &err));
	cr_assert_eq(theirs.id, 0);
	mine.score = 3;
	mine.version = 2;
	assert_conflict(db_score_put(th_db, &mine, &err), &err);
	cr_assert_eq(db_count_rows(th_db, "indicator_scores"), 0);

	/* two people scoring the same empty cell */
	struct indicator_score x = cell(school, "hgw", "1.4", 2026, "", 3, NULL);
	struct indicator_score y = cell(school, "hgw", "1.4", 2026, "", 2, NULL);
	TH_OK(db_score_put(th_db, &x, &err));
	assert_conflict(db_score_put(th_db, &y, &err), &err);
	cr_assert_eq(y.id, 0);
	cr_assert_eq(raw_int("SELECT score FROM indicator_scores WHERE id = ?", x.id), 3);
	indicator_score_clear(&x);
	indicator_score_clear(&y);
	indicator_score_clear(&mine);
	indicator_score_clear(&theirs);
}

Test(dbsop, score_input_is_checked)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "S", NULL, "6-lagen");
	ibis_id other = th_school_new(th_db, "T", NULL, "6-lagen");

	struct indicator_score s = cell(school, "hgw", "1.1", 2026, "", 5, NULL);
	assert_input(db_score_put(th_db, &s, &err), &err, "score");
	s.score = -1;
	assert_input(db_score_put(th_db, &s, &err), &err, "score");
	s.score = 2;
	free(s.set_id);
	s.set_id = NULL;
	assert_input(db_score_put(th_db, &s, &err), &err, "indicatorset");
	s.set_id = xstrdup("hgw");
	free(s.indicator);
	s.indicator = xstrdup(" ");
	assert_input(db_score_put(th_db, &s, &err), &err, "indicator");
	free(s.indicator);
	s.indicator = xstrdup("1.1");
	s.school_year = 1800;
	assert_input(db_score_put(th_db, &s, &err), &err, "schooljaar");
	s.school_year = 2026;
	s.school_id = 999;
	assert_input(db_score_put(th_db, &s, &err), &err, "School 999");
	cr_assert_eq(s.id, 0);
	cr_assert_eq(db_count_rows(th_db, "indicator_scores"), 0);
	indicator_score_clear(&s);

	/* a record of school's cell sent as the other school's */
	ibis_id id = put_new(school, "hgw", "1.1", 2026, "", 2, NULL);
	s = get_cell(school, id);
	s.school_id = other;
	s.score = 4;
	assert_input(db_score_put(th_db, &s, &err), &err, "andere school");
	/* or naming another cell */
	s.school_id = school;
	free(s.indicator);
	s.indicator = xstrdup("1.2");
	assert_input(db_score_put(th_db, &s, &err), &err, "andere cel");
	cr_assert_eq(raw_int("SELECT score FROM indicator_scores WHERE id = ?", id), 2);
	indicator_score_clear(&s);
}

Test(dbsop, score_list_filters_school_set_and_years)
{
	struct ibis_error err = {0};
	ibis_id s1 = th_school_new(th_db, "Eerste", NULL, "6-lagen");
	ibis_id s2 = th_school_new(th_db, "Tweede", NULL, "6-lagen");
	put_new(s1, "hgw", "1.1", 2024, "", 1, NULL);
	put_new(s1, "hgw", "1.1", 2025, "", 2, NULL);
	put_new(s1, "hgw", "1.1", 2026, "", 3, NULL);
	put_new(s1, "inspectie", "OP2", 2025, "", 4, NULL);
	put_new(s2, "hgw", "1.1", 2025, "", 1, "andere school");

	struct indicator_score *v = NULL;
	int n = 0;
	TH_OK(db_score_list(th_db, s1, "hgw", 2025, 2026, &v, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(v[0].school_year, 2025);
	cr_assert_eq(v[0].score, 2);
	cr_assert_eq(v[1].school_year, 2026);
	for (int i = 0; i < n; i++) {
		cr_assert_eq(v[i].school_id, s1);
		cr_assert_str_eq(v[i].set_id, "hgw");
	}
	indicator_scores_free(v, n);

	/* every set: by set first */
	TH_OK(db_score_list(th_db, s1, NULL, 2025, 2025, &v, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_str_eq(v[0].set_id, "hgw");
	cr_assert_str_eq(v[1].set_id, "inspectie");
	cr_assert_str_eq(v[1].indicator, "OP2");
	indicator_scores_free(v, n);

	TH_OK(db_score_list(th_db, s2, NULL, 1900, 2199, &v, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_eq(v[0].school_id, s2);
	cr_assert_str_eq(v[0].evidence, "andere school");
	indicator_scores_free(v, n);

	TH_OK(db_score_list(th_db, s1, "hgw", 2027, 2030, &v, &n, &err));
	cr_assert_eq(n, 0);
	indicator_scores_free(v, n);
}

/* ============================================================= assessors */

Test(dbsop, assessors_add_list_remove)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "S", NULL, "6-lagen");
	ibis_id other = th_school_new(th_db, "T", NULL, "6-lagen");
	TH_OK(db_assessor_add(th_db, school, "hgw", 2026, "  directie ", &err));
	TH_OK(db_assessor_add(th_db, school, "hgw", 2026, "SWV-consulent", &err));
	TH_OK(db_assessor_add(th_db, school, "hgw", 2026, "directie", &err)); /* no error */
	TH_OK(db_assessor_add(th_db, school, "hgw", 2025, "Oud", &err));
	TH_OK(db_assessor_add(th_db, school, "inspectie", 2026, "Inspecteur", &err));
	TH_OK(db_assessor_add(th_db, other, "hgw", 2026, "Ander", &err));
	assert_input(db_assessor_add(th_db, school, "hgw", 2026, "   ", &err), &err,
		     "beoordelaar");
	assert_input(db_assessor_add(th_db, school, "hgw", 2026, NULL, &err), &err,
		     "beoordelaar");
	cr_assert_eq(db_count_rows(th_db, "indicator_assessors"), 5);

	/* a cell of a named assessor adds its column; "" never is one */
	put_new(school, "hgw", "1.1", 2026, "IB'er", 3, NULL);
	put_new(school, "hgw", "1.1", 2026, "", 3, NULL);
	cr_assert_eq(db_count_rows(th_db, "indicator_assessors"), 6);

	struct strlist names = {0};
	TH_OK(db_assessor_list(th_db, school, "hgw", 2026, &names, &err));
	cr_assert_eq(names.len, 3);
	cr_assert_str_eq(names.items[0], "directie"); /* without case: d < I < S */
	cr_assert_str_eq(names.items[1], "IB'er");
	cr_assert_str_eq(names.items[2], "SWV-consulent");
	sl_free(&names);

	/* one with cells is refused, naming how many */
	put_new(school, "hgw", "1.2", 2026, "IB'er", 2, NULL);
	assert_input(db_assessor_remove(th_db, school, "hgw", 2026, "IB'er", &err), &err, "2");
	cr_assert(strstr(err.message, "scores"), "%s", err.message);
	cr_assert_eq(db_count_rows(th_db, "indicator_assessors"), 6);

	/* clearing its cells keeps the column until it is removed */
	struct indicator_score *v = NULL;
	int n = 0;
	TH_OK(db_score_list(th_db, school, "hgw", 2026, 2026, &v, &n, &err));
	for (int i = 0; i < n; i++) {
		if (strcmp(v[i].assessor, "IB'er") != 0)
			continue;
		v[i].score = 0;
		TH_OK(db_score_put(th_db, &v[i], &err));
		cr_assert_eq(v[i].id, 0);
	}
	indicator_scores_free(v, n);
	TH_OK(db_assessor_list(th_db, school, "hgw", 2026, &names, &err));
	cr_assert_eq(names.len, 3);
	sl_free(&names);
	TH_OK(db_assessor_remove(th_db, school, "hgw", 2026, " IB'er ", &err));
	TH_OK(db_assessor_remove(th_db, school, "hgw", 2026, "directie", &err));
	TH_OK(db_assessor_list(th_db, school, "hgw", 2026, &names, &err));
	cr_assert_eq(names.len, 1);
	cr_assert_str_eq(names.items[0], "SWV-consulent");
	sl_free(&names);

	/* the other school, set and year kept theirs */
	TH_OK(db_assessor_list(th_db, other, "hgw", 2026, &names, &err));
	cr_assert_eq(names.len, 1);
	cr_assert_str_eq(names.items[0], "Ander");
	sl_free(&names);
	TH_OK(db_assessor_list(th_db, school, "inspectie", 2026, &names, &err));
	cr_assert_eq(names.len, 1);
	sl_free(&names);
	TH_OK(db_assessor_list(th_db, school, "hgw", 2025, &names, &err));
	cr_assert_eq(names.len, 1);
	cr_assert_str_eq(names.items[0], "Oud");
	sl_free(&names);
}

Test(dbsop, score_years_newest_first_from_both_tables)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "S", NULL, "6-lagen");
	ibis_id other = th_school_new(th_db, "T", NULL, "6-lagen");
	put_new(school, "hgw", "1.1", 2024, "", 2, NULL);
	put_new(school, "hgw", "1.2", 2024, "", 2, NULL);
	put_new(school, "hgw", "1.1", 2026, "", 3, NULL);
	put_new(school, "inspectie", "OP1", 2023, "", 3, NULL);
	TH_OK(db_assessor_add(th_db, school, "hgw", 2027, "directie", &err));
	put_new(other, "hgw", "1.1", 2030, "", 3, NULL);

	int *years = NULL, n = 0;
	TH_OK(db_score_years(th_db, school, "hgw", &years, &n, &err));
	cr_assert_eq(n, 3);
	cr_assert_eq(years[0], 2027);
	cr_assert_eq(years[1], 2026);
	cr_assert_eq(years[2], 2024);
	free(years);

	TH_OK(db_score_years(th_db, school, NULL, &years, &n, &err));
	cr_assert_eq(n, 4);
	cr_assert_eq(years[0], 2027);
	cr_assert_eq(years[3], 2023);
	free(years);

	TH_OK(db_score_years(th_db, school, "eigen", &years, &n, &err));
	cr_assert_eq(n, 0);
	free(years);
}

/* ============================================================= checklist */

static struct basis_cell basis(ibis_id school, int year, int area, const char *aspect,
			       enum basis_status status)
{
	struct basis_cell c = {.school_id = school, .school_year = year, .area = area,
			       .aspect = xstrdup(aspect), .status = status};
	return c;
}

Test(dbsop, checklist_put_list_and_conflict)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "S", NULL, "6-lagen");
	ibis_id other = th_school_new(th_db, "T", NULL, "6-lagen");
	struct basis_cell a = basis(school, 2026, 2, "materialen", BASIS_MEETS);
	a.note = xstrdup("Methode Rekenrijk");
	a.document = xstrdup("Protocol ERWD");
	struct basis_cell b = basis(school, 2026, 1, "signalering", BASIS_NA);
	b.description = xstrdup("Eigen tekst van de school.");
	struct basis_cell c = basis(school, 2026, 1, "aanbod", BASIS_OPEN);
	struct basis_cell d = basis(school, 2026, 3, "aanbod", BASIS_FAILS);
	struct basis_cell e = basis(school, 2026, 3, "expertise", BASIS_PARTLY);
	struct basis_cell f = basis(other, 2026, 1, "aanbod", BASIS_MEETS);
	struct basis_cell *cells[] = {&a, &b, &c, &d, &e, &f};
	for (size_t i = 0; i < ARRAY_LEN(cells); i++) {
		TH_OK(db_basis_put(th_db, cells[i], &err));
		cr_assert_gt(cells[i]->id, 0);
		cr_assert_eq(cells[i]->version, 1);
	}
	assert_raw_text("SELECT status FROM basis_checklist WHERE id = ?", d.id, "voldoet niet");
	assert_raw_text("SELECT status FROM basis_checklist WHERE id = ?", b.id, "nvt");
	cr_assert_eq(raw_int("SELECT status IS NULL AND note IS NULL AND document IS NULL"
			     " AND description IS NULL FROM basis_checklist WHERE id = ?", c.id),
		     1);

	struct basis_cell *v = NULL;
	int n = 0;
	TH_OK(db_basis_list(th_db, school, 2026, &v, &n, &err));
	cr_assert_eq(n, 5);
	/* area, then aspect */
	cr_assert_eq(v[0].id, c.id);
	cr_assert_eq(v[1].id, b.id);
	cr_assert_eq(v[2].id, a.id);
	cr_assert_eq(v[3].id, d.id);
	cr_assert_eq(v[4].id, e.id);
	cr_assert_eq(v[0].status, BASIS_OPEN);
	cr_assert_null(v[0].note);
	cr_assert_null(v[0].description);
	cr_assert_null(v[0].document);
	cr_assert_eq(v[1].status, BASIS_NA);
	cr_assert_str_eq(v[1].description, "Eigen tekst van de school.");
	cr_assert_eq(v[2].status, BASIS_MEETS);
	cr_assert_eq(v[2].area, 2);
	cr_assert_str_eq(v[2].aspect, "materialen");
	cr_assert_str_eq(v[2].note, "Methode Rekenrijk");
	cr_assert_str_eq(v[2].document, "Protocol ERWD");
	cr_assert_eq(v[2].school_id, school);
	cr_assert_eq(v[2].school_year, 2026);
	cr_assert_eq(v[3].status, BASIS_FAILS);
	cr_assert_eq(v[4].status, BASIS_PARTLY);

	/* two readers: the second save is refused, nothing changed */
	struct basis_cell mine, theirs;
	basis_cell_copy(&mine, &v[2]);
	basis_cell_copy(&theirs, &v[2]);
	basis_cells_free(v, n);
	theirs.status = BASIS_PARTLY;
	free(theirs.note);
	theirs.note = NULL;
	TH_OK(db_basis_put(th_db, &theirs, &err));
	cr_assert_eq(theirs.version, 2);
	mine.status = BASIS_FAILS;
	assert_conflict(db_basis_put(th_db, &mine, &err), &err);
	cr_assert_eq(mine.version, 1);
	assert_raw_text("SELECT status FROM basis_checklist WHERE id = ?", a.id, "deels");
	cr_assert_eq(raw_int("SELECT note IS NULL FROM basis_checklist WHERE id = ?", a.id), 1);

	/* the same new cell twice: a conflict, not a second row */
	struct basis_cell dup = basis(school, 2026, 2, "materialen", BASIS_MEETS);
	assert_conflict(db_basis_put(th_db, &dup, &err), &err);
	cr_assert_eq(dup.id, 0);
	/* another school's cell */
	theirs.school_id = other;
	assert_input(db_basis_put(th_db, &theirs, &err), &err, "andere school");
	/* bad input names the field */
	struct basis_cell bad = basis(school, 2026, 0, "aanbod", BASIS_MEETS);
	assert_input(db_basis_put(th_db, &bad, &err), &err, "Ontwikkelingsgebied");
	bad.area = 1;
	free(bad.aspect);
	bad.aspect = NULL;
	assert_input(db_basis_put(th_db, &bad, &err), &err, "Aspect");
	bad.aspect = xstrdup("aanbod");
	bad.status = (enum basis_status)7;
	assert_input(db_basis_put(th_db, &bad, &err), &err, "Status");
	cr_assert_eq(db_count_rows(th_db, "basis_checklist"), 6);

	basis_cell_clear(&bad);
	basis_cell_clear(&dup);
	basis_cell_clear(&mine);
	basis_cell_clear(&theirs);
	for (size_t i = 0; i < ARRAY_LEN(cells); i++)
		basis_cell_clear(cells[i]);
}

Test(dbsop, checklist_copy_year_copies_only_missing_cells)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "S", NULL, "6-lagen");
	ibis_id other = th_school_new(th_db, "T", NULL, "6-lagen");
	struct basis_cell cells[] = {
		basis(school, 2025, 1, "aanbod", BASIS_MEETS),
		basis(school, 2025, 1, "materialen", BASIS_PARTLY),
		basis(school, 2025, 2, "aanbod", BASIS_FAILS),
		basis(school, 2026, 1, "aanbod", BASIS_NA), /* this year's own */
		basis(other, 2025, 5, "aanbod", BASIS_MEETS),
	};
	cells[1].note = xstrdup("Notitie van vorig jaar");
	cells[1].document = xstrdup("Leesprotocol");
	cells[1].description = xstrdup("Eigen");
	for (size_t i = 0; i < ARRAY_LEN(cells); i++)
		TH_OK(db_basis_put(th_db, &cells[i], &err));

	int copied = -1;
	TH_OK(db_basis_copy_year(th_db, school, 2025, 2026, &copied, &err));
	cr_assert_eq(copied, 2);
	struct basis_cell *v = NULL;
	int n = 0;
	TH_OK(db_basis_list(th_db, school, 2026, &v, &n, &err));
	cr_assert_eq(n, 3);
	cr_assert_eq(v[0].id, cells[3].id);
	cr_assert_eq(v[0].status, BASIS_NA); /* not overwritten */
	cr_assert_str_eq(v[1].aspect, "materialen");
	cr_assert_eq(v[1].status, BASIS_PARTLY);
	cr_assert_str_eq(v[1].note, "Notitie van vorig jaar");
	cr_assert_str_eq(v[1].document, "Leesprotocol");
	cr_assert_str_eq(v[1].description, "Eigen");
	cr_assert_eq(v[1].school_year, 2026);
	cr_assert_eq(v[1].version, 1);
	cr_assert_eq(v[2].area, 2);
	basis_cells_free(v, n);

	/* again: nothing left to copy; last year untouched; NULL count allowed */
	TH_OK(db_basis_copy_year(th_db, school, 2025, 2026, &copied, &err));
	cr_assert_eq(copied, 0);
	TH_OK(db_basis_copy_year(th_db, school, 2025, 2026, NULL, &err));
	TH_OK(db_basis_list(th_db, school, 2025, &v, &n, &err));
	cr_assert_eq(n, 3);
	basis_cells_free(v, n);
	TH_OK(db_basis_list(th_db, other, 2026, &v, &n, &err));
	cr_assert_eq(n, 0);
	basis_cells_free(v, n);
	cr_assert_eq(db_count_rows(th_db, "basis_checklist"), 7);
	for (size_t i = 0; i < ARRAY_LEN(cells); i++)
		basis_cell_clear(&cells[i]);
}

/* ============================================================= expertise */

Test(dbsop, expertise_round_trip_and_checks)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "S", NULL, "6-lagen");
	struct sop_expertise e = {.school_id = school, .school_year = 2026,
				  .expertise = xstrdup("Gedragsspecialist"), .staff_count = 3,
				  .trained = 1, .in_training = 2, .area = 7,
				  .person = xstrdup("Anna, Bram"), .note = xstrdup("Sinds 2024")};
	struct sop_expertise f = {.school_id = school, .school_year = 2026,
				  .expertise = xstrdup("bouwcoördinator"), .staff_count = -1,
				  .trained = -1, .in_training = -1};
	TH_OK(db_expertise_save(th_db, &e, &err));
	TH_OK(db_expertise_save(th_db, &f, &err));
	cr_assert_gt(e.id, 0);
	cr_assert_eq(e.version, 1);
	cr_assert_eq(raw_int("SELECT staff_count IS NULL AND trained IS NULL AND in_training IS NULL"
			     " AND area IS NULL AND person IS NULL AND note IS NULL"
			     " FROM sop_expertise WHERE id = ?", f.id),
		     1);

	struct sop_expertise *v = NULL;
	int n = 0;
	TH_OK(db_expertise_list(th_db, school, 2026, &v, &n, &err));
	cr_assert_eq(n, 2);
	/* by specialism, without case */
	cr_assert_eq(v[0].id, f.id);
	cr_assert_str_eq(v[0].expertise, "bouwcoördinator");
	cr_assert_eq(v[0].staff_count, -1);
	cr_assert_eq(v[0].trained, -1);
	cr_assert_eq(v[0].in_training, -1);
	cr_assert_eq(v[0].area, 0);
	cr_assert_null(v[0].person);
	cr_assert_null(v[0].note);
	cr_assert_eq(v[1].school_id, school);
	cr_assert_eq(v[1].school_year, 2026);
	cr_assert_str_eq(v[1].expertise, "Gedragsspecialist");
	cr_assert_eq(v[1].staff_count, 3);
	cr_assert_eq(v[1].trained, 1);
	cr_assert_eq(v[1].in_training, 2);
	cr_assert_eq(v[1].area, 7);
	cr_assert_str_eq(v[1].person, "Anna, Bram");
	cr_assert_str_eq(v[1].note, "Sinds 2024");
	sop_expertise_free(v, n);

	/* trained + in training above the staff: refused, naming the fields */
	e.trained = 2;
	assert_input(db_expertise_save(th_db, &e, &err), &err, "Aantal medewerkers");
	cr_assert(strstr(err.message, "In opleiding"), "%s", err.message);
	cr_assert_eq(e.version, 1);
	e.in_training = -1; /* 2 of 3, in training not given */
	TH_OK(db_expertise_save(th_db, &e, &err));
	cr_assert_eq(e.version, 2);
	cr_assert_eq(raw_int("SELECT in_training IS NULL FROM sop_expertise WHERE id = ?", e.id),
		     1);
	e.staff_count = -1; /* no staff count: nothing to compare with */
	e.trained = 5;
	TH_OK(db_expertise_save(th_db, &e, &err));

	struct sop_expertise bad = {.school_id = school, .school_year = 2026, .staff_count = -1,
				    .trained = -1, .in_training = -1};
	assert_input(db_expertise_save(th_db, &bad, &err), &err, "Deskundigheid");
	bad.expertise = xstrdup("Taal");
	bad.staff_count = -2;
	assert_input(db_expertise_save(th_db, &bad, &err), &err, "Aantal medewerkers");
	bad.staff_count = 10000;
	assert_input(db_expertise_save(th_db, &bad, &err), &err, "Aantal medewerkers");
	bad.staff_count = 1;
	bad.area = 9;
	assert_input(db_expertise_save(th_db, &bad, &err), &err, "Ontwikkelingsgebied");
	bad.area = 0;
	bad.school_id = 4242;
	assert_input(db_expertise_save(th_db, &bad, &err), &err, "School 4242");
	cr_assert_eq(bad.id, 0);
	cr_assert_eq(db_count_rows(th_db, "sop_expertise"), 2);
	sop_expertise_clear(&bad);
	sop_expertise_clear(&e);
	sop_expertise_clear(&f);
}

Test(dbsop, sop_update_conflict_other_school_and_stale_delete)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "S", NULL, "6-lagen");
	ibis_id other = th_school_new(th_db, "T", NULL, "6-lagen");
	struct sop_limit l = {.school_id = school, .school_year = 2026,
			      .heading = xstrdup("Verstoring van rust en veiligheid"),
			      .description = xstrdup("Geweld tegen leerlingen of personeel.")};
	TH_OK(db_limit_save(th_db, &l, &err));

	struct sop_limit mine, theirs;
	sop_limit_copy(&mine, &l);
	sop_limit_copy(&theirs, &l);
	free(theirs.description);
	theirs.description = xstrdup("Van de collega.");
	TH_OK(db_limit_save(th_db, &theirs, &err));
	cr_assert_eq(theirs.version, 2);
	free(mine.description);
	mine.description = xstrdup("Van mij.");
	assert_conflict(db_limit_save(th_db, &mine, &err), &err);
	cr_assert_eq(mine.version, 1);
	assert_raw_text("SELECT description FROM sop_grenzen WHERE id = ?", l.id,
			"Van de collega.");

	/* a row of one school saved as another's */
	theirs.school_id = other;
	assert_input(db_limit_save(th_db, &theirs, &err), &err, "andere school");
	cr_assert_eq(raw_int("SELECT school_id FROM sop_grenzen WHERE id = ?", l.id), school);

	/* delete at a stale version: refused, the row stays */
	assert_conflict(db_limit_delete(th_db, l.id, 1, &err), &err);
	cr_assert_eq(db_count_rows(th_db, "sop_grenzen"), 1);
	TH_OK(db_limit_delete(th_db, l.id, 2, &err));
	cr_assert_eq(db_count_rows(th_db, "sop_grenzen"), 0);
	/* gone meanwhile: a conflict as well, for a save and a delete */
	assert_conflict(db_limit_delete(th_db, l.id, 2, &err), &err);
	cr_assert(strstr(err.message, "verwijderd"), "%s", err.message);
	assert_conflict(db_limit_save(th_db, &mine, &err), &err);
	cr_assert_eq(db_count_rows(th_db, "sop_grenzen"), 0);

	/* the same for the other kinds */
	struct sop_expertise e = {.school_id = school, .school_year = 2026,
				  .expertise = xstrdup("Taalspecialist"), .staff_count = 1,
				  .trained = 1, .in_training = 0};
	TH_OK(db_expertise_save(th_db, &e, &err));
	TH_OK(db_expertise_save(th_db, &e, &err));
	assert_conflict(db_expertise_delete(th_db, e.id, 1, &err), &err);
	TH_OK(db_expertise_delete(th_db, e.id, 2, &err));
	struct sop_training t = {.school_id = school, .school_year = 2026,
				 .topic = xstrdup("Coaching"), .planned = DATE_NONE,
				 .done = DATE_NONE};
	TH_OK(db_training_save(th_db, &t, &err));
	assert_conflict(db_training_delete(th_db, t.id, 5, &err), &err);
	TH_OK(db_training_delete(th_db, t.id, 1, &err));
	struct sop_offer o = {.school_id = school, .school_year = 2026,
			      .description = xstrdup("Verlengde instructie")};
	TH_OK(db_offer_save(th_db, &o, &err));
	o.version = 7;
	assert_conflict(db_offer_save(th_db, &o, &err), &err);
	assert_conflict(db_offer_delete(th_db, o.id, 7, &err), &err);
	TH_OK(db_offer_delete(th_db, o.id, 1, &err));
	cr_assert_eq(db_count_rows(th_db, "sop_expertise") +
			     db_count_rows(th_db, "sop_professionalisering") +
			     db_count_rows(th_db, "sop_aanbod"),
		     0);
	sop_expertise_clear(&e);
	sop_training_clear(&t);
	sop_offer_clear(&o);
	sop_limit_clear(&l);
	sop_limit_clear(&mine);
	sop_limit_clear(&theirs);
}

/* ===================================================== professionalisering */

static ibis_id training_new(ibis_id school, int year, enum sop_scope scope, const char *topic)
{
	struct ibis_error err = {0};
	struct sop_training t = {.school_id = school, .school_year = year, .scope = scope,
				 .topic = xstrdup(topic), .planned = DATE_NONE,
				 .done = DATE_NONE};
	TH_OK(db_training_save(th_db, &t, &err));
	ibis_id id = t.id;
	sop_training_clear(&t);
	return id;
}

Test(dbsop, training_round_trip_and_all_years_order)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "S", NULL, "6-lagen");
	ibis_id other = th_school_new(th_db, "T", NULL, "6-lagen");
	struct sop_training t = {.school_id = school, .school_year = 2026,
				 .scope = SOP_SCOPE_INDIVIDUAL,
				 .topic = xstrdup("Master EN specialisatie begeleiden"),
				 .participants = 2, .who = xstrdup("Anna en Bram"),
				 .planned = th_ymd(2026, 9, 1), .done = th_ymd(2027, 6, 30),
				 .note = xstrdup("Via de pabo")};
	TH_OK(db_training_save(th_db, &t, &err));
	assert_raw_text("SELECT planned_date || ' ' || done_date || ' ' || scope"
			" FROM sop_professionalisering WHERE id = ?", t.id,
			"2026-09-01 2027-06-30 individueel");
	ibis_id a = training_new(school, 2026, SOP_SCOPE_SCHOOL, "Zicht op ontwikkeling");
	ibis_id b = training_new(school, 2026, SOP_SCOPE_SCHOOL, "coaching on the job");
	ibis_id c = training_new(school, 2025, SOP_SCOPE_INDIVIDUAL, "Dyslexie");
	ibis_id d = training_new(school, 2025, SOP_SCOPE_SCHOOL, "Rekenen");
	ibis_id later = training_new(school, 2027, SOP_SCOPE_SCHOOL, "Volgend jaar");
	training_new(other, 2026, SOP_SCOPE_SCHOOL, "Andere school");
	cr_assert_eq(raw_int("SELECT participants IS NULL AND who IS NULL AND note IS NULL"
			     " AND planned_date IS NULL AND done_date IS NULL"
			     " FROM sop_professionalisering WHERE id = ?", a),
		     1);

	struct sop_training *v = NULL;
	int n = 0;
	TH_OK(db_training_list(th_db, school, 2026, true, &v, &n, &err));
	cr_assert_eq(n, 5);
	/* newest year first, school before individual, then topic */
	cr_assert_eq(v[0].id, b);
	cr_assert_eq(v[1].id, a);
	cr_assert_eq(v[2].id, t.id);
	cr_assert_eq(v[3].id, d);
	cr_assert_eq(v[4].id, c);
	cr_assert_eq(v[2].scope, SOP_SCOPE_INDIVIDUAL);
	cr_assert_str_eq(v[2].topic, "Master EN specialisatie begeleiden");
	cr_assert_eq(v[2].participants, 2);
	cr_assert_str_eq(v[2].who, "Anna en Bram");
	cr_assert_eq(v[2].planned, th_ymd(2026, 9, 1));
	cr_assert_eq(v[2].done, th_ymd(2027, 6, 30));
	cr_assert_str_eq(v[2].note, "Via de pabo");
	cr_assert_eq(v[2].version, 1);
	cr_assert_eq(v[1].scope, SOP_SCOPE_SCHOOL);
	cr_assert_eq(v[1].participants, 0);
	cr_assert_null(v[1].who);
	cr_assert_eq(v[1].planned, DATE_NONE);
	cr_assert_eq(v[1].done, DATE_NONE);
	for (int i = 0; i < n; i++)
		cr_assert_neq(v[i].id, later);
	sop_training_free(v, n);

	TH_OK(db_training_list(th_db, school, 2026, false, &v, &n, &err));
	cr_assert_eq(n, 3);
	for (int i = 0; i < n; i++)
		cr_assert_eq(v[i].school_year, 2026);
	sop_training_free(v, n);

	/* an update; the done date cleared again */
	t.done = DATE_NONE;
	t.participants = 0;
	TH_OK(db_training_save(th_db, &t, &err));
	cr_assert_eq(t.version, 2);
	cr_assert_eq(raw_int("SELECT done_date IS NULL AND participants IS NULL"
			     " FROM sop_professionalisering WHERE id = ?", t.id),
		     1);

	struct sop_training bad = {.school_id = school, .school_year = 2026,
				   .topic = xstrdup(" "), .planned = DATE_NONE,
				   .done = DATE_NONE};
	assert_input(db_training_save(th_db, &bad, &err), &err, "Onderwerp");
	free(bad.topic);
	bad.topic = xstrdup("Iets");
	bad.participants = -3;
	assert_input(db_training_save(th_db, &bad, &err), &err, "Aantal");
	bad.participants = 1;
	bad.scope = (enum sop_scope)5;
	assert_input(db_training_save(th_db, &bad, &err), &err, "Soort");
	cr_assert_eq(bad.id, 0);
	sop_training_clear(&bad);
	sop_training_clear(&t);
}

/* ======================================================= aanbod, grenzen */

Test(dbsop, offers_and_limits_round_trip_in_order)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "S", NULL, "6-lagen");
	struct sop_offer o1 = {.school_id = school, .school_year = 2026,
			       .kenmerk = xstrdup("gedrag"), .level = 3,
			       .description = xstrdup("Time-out plek met begeleiding")};
	struct sop_offer o2 = {.school_id = school, .school_year = 2026,
			       .kenmerk = xstrdup("gedrag"), .level = 2,
			       .description = xstrdup("Beloningssysteem")};
	struct sop_offer o3 = {.school_id = school, .school_year = 2026, .kenmerk = NULL,
			       .level = 0, .description = xstrdup("Algemeen aanbod")};
	struct sop_offer o4 = {.school_id = school, .school_year = 2026,
			       .kenmerk = xstrdup("dyslexie"), .level = 1,
			       .description = xstrdup("Voorleessoftware")};
	TH_OK(db_offer_save(th_db, &o1, &err));
	TH_OK(db_offer_save(th_db, &o2, &err));
	TH_OK(db_offer_save(th_db, &o3, &err));
	TH_OK(db_offer_save(th_db, &o4, &err));
	cr_assert_eq(raw_int("SELECT kenmerk IS NULL AND level IS NULL FROM sop_aanbod"
			     " WHERE id = ?", o3.id),
		     1);

	struct sop_offer *v = NULL;
	int n = 0;
	TH_OK(db_offer_list(th_db, school, 2026, &v, &n, &err));
	cr_assert_eq(n, 4);
	cr_assert_eq(v[0].id, o3.id);
	cr_assert_null(v[0].kenmerk);
	cr_assert_eq(v[0].level, 0);
	cr_assert_eq(v[1].id, o4.id);
	cr_assert_eq(v[2].id, o2.id);
	cr_assert_eq(v[3].id, o1.id);
	cr_assert_str_eq(v[3].kenmerk, "gedrag");
	cr_assert_eq(v[3].level, 3);
	cr_assert_str_eq(v[3].description, "Time-out plek met begeleiding");
	cr_assert_eq(v[3].school_id, school);
	cr_assert_eq(v[3].school_year, 2026);
	cr_assert_eq(v[3].version, 1);
	sop_offer_free(v, n);

	o1.level = 10;
	assert_input(db_offer_save(th_db, &o1, &err), &err, "Niveau");
	o1.level = 4;
	free(o1.description);
	o1.description = NULL;
	assert_input(db_offer_save(th_db, &o1, &err), &err, "Beschrijving");
	o1.description = xstrdup("Nieuw");
	free(o1.kenmerk);
	o1.kenmerk = xstrdup("");
	TH_OK(db_offer_save(th_db, &o1, &err));
	cr_assert_eq(o1.version, 2);
	cr_assert_eq(raw_int("SELECT kenmerk IS NULL AND level = 4 FROM sop_aanbod WHERE id = ?",
			     o1.id),
		     1);

	struct sop_limit l1 = {.school_id = school, .school_year = 2026,
			       .heading = xstrdup("Verstoring van rust en veiligheid"),
			       .description = xstrdup("Structureel geweld.")};
	struct sop_limit l2 = {.school_id = school, .school_year = 2026, .heading = NULL,
			       .description = xstrdup("Zonder kop.")};
	struct sop_limit l3 = {.school_id = school, .school_year = 2026,
			       .heading = xstrdup("Medische handelingen"),
			       .description = xstrdup("Sondevoeding.")};
	TH_OK(db_limit_save(th_db, &l1, &err));
	TH_OK(db_limit_save(th_db, &l2, &err));
	TH_OK(db_limit_save(th_db, &l3, &err));
	struct sop_limit *w = NULL;
	TH_OK(db_limit_list(th_db, school, 2026, &w, &n, &err));
	cr_assert_eq(n, 3);
	cr_assert_eq(w[0].id, l2.id);
	cr_assert_null(w[0].heading);
	cr_assert_eq(w[1].id, l3.id);
	cr_assert_eq(w[2].id, l1.id);
	cr_assert_str_eq(w[2].heading, "Verstoring van rust en veiligheid");
	cr_assert_str_eq(w[2].description, "Structureel geweld.");
	sop_limit_free(w, n);
	TH_OK(db_limit_list(th_db, school, 2025, &w, &n, &err));
	cr_assert_eq(n, 0);
	sop_limit_free(w, n);

	struct sop_limit bad = {.school_id = school, .school_year = 2026,
				.description = xstrdup("\t")};
	assert_input(db_limit_save(th_db, &bad, &err), &err, "Beschrijving");
	sop_limit_clear(&bad);
	sop_offer_clear(&o1);
	sop_offer_clear(&o2);
	sop_offer_clear(&o3);
	sop_offer_clear(&o4);
	sop_limit_clear(&l1);
	sop_limit_clear(&l2);
	sop_limit_clear(&l3);
}

Test(dbsop, sop_copy_year_copies_only_kinds_the_year_lacks)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "S", NULL, "6-lagen");
	ibis_id other = th_school_new(th_db, "T", NULL, "6-lagen");
	struct sop_expertise e1 = {.school_id = school, .school_year = 2025,
				   .expertise = xstrdup("Gedragsspecialist"), .staff_count = 2,
				   .trained = 1, .in_training = 1, .area = 7,
				   .note = xstrdup("n")};
	struct sop_expertise e2 = {.school_id = school, .school_year = 2025,
				   .expertise = xstrdup("Taalspecialist"), .staff_count = -1,
				   .trained = -1, .in_training = -1};
	struct sop_offer o = {.school_id = school, .school_year = 2025,
			      .kenmerk = xstrdup("gedrag"), .level = 2,
			      .description = xstrdup("Vorig jaar")};
	struct sop_offer o_now = {.school_id = school, .school_year = 2026,
				  .description = xstrdup("Dit jaar al")};
	struct sop_limit l = {.school_id = school, .school_year = 2025,
			      .heading = xstrdup("Kop"), .description = xstrdup("Grens")};
	struct sop_limit l_other = {.school_id = other, .school_year = 2025,
				    .description = xstrdup("Andere school")};
	TH_OK(db_expertise_save(th_db, &e1, &err));
	TH_OK(db_expertise_save(th_db, &e2, &err));
	TH_OK(db_offer_save(th_db, &o, &err));
	TH_OK(db_offer_save(th_db, &o_now, &err));
	TH_OK(db_limit_save(th_db, &l, &err));
	TH_OK(db_limit_save(th_db, &l_other, &err));
	training_new(school, 2025, SOP_SCOPE_SCHOOL, "Niet kopiëren");

	int copied = -1;
	TH_OK(db_sop_copy_year(th_db, school, 2025, 2026, &copied, &err));
	cr_assert_eq(copied, 3); /* 2 expertise + 1 grens; aanbod had one already */

	struct sop_expertise *ev = NULL;
	int n = 0;
	TH_OK(db_expertise_list(th_db, school, 2026, &ev, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_str_eq(ev[0].expertise, "Gedragsspecialist");
	cr_assert_eq(ev[0].staff_count, 2);
	cr_assert_eq(ev[0].trained, 1);
	cr_assert_eq(ev[0].in_training, 1);
	cr_assert_eq(ev[0].area, 7);
	cr_assert_str_eq(ev[0].note, "n");
	cr_assert_eq(ev[0].school_year, 2026);
	cr_assert_neq(ev[0].id, e1.id);
	cr_assert_eq(ev[1].staff_count, -1);
	sop_expertise_free(ev, n);
	struct sop_offer *ov = NULL;
	TH_OK(db_offer_list(th_db, school, 2026, &ov, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_str_eq(ov[0].description, "Dit jaar al");
	sop_offer_free(ov, n);
	struct sop_limit *lv = NULL;
	TH_OK(db_limit_list(th_db, school, 2026, &lv, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_str_eq(lv[0].heading, "Kop");
	cr_assert_str_eq(lv[0].description, "Grens");
	sop_limit_free(lv, n);
	struct sop_training *tv = NULL;
	TH_OK(db_training_list(th_db, school, 2026, false, &tv, &n, &err));
	cr_assert_eq(n, 0);
	sop_training_free(tv, n);
	TH_OK(db_limit_list(th_db, other, 2026, &lv, &n, &err));
	cr_assert_eq(n, 0);
	sop_limit_free(lv, n);

	/* a second time copies nothing */
	TH_OK(db_sop_copy_year(th_db, school, 2025, 2026, &copied, &err));
	cr_assert_eq(copied, 0);
	cr_assert_eq(db_count_rows(th_db, "sop_expertise"), 4);
	assert_input(db_sop_copy_year(th_db, school, 2025, 2300, NULL, &err), &err,
		     "schooljaar");

	sop_expertise_clear(&e1);
	sop_expertise_clear(&e2);
	sop_offer_clear(&o);
	sop_offer_clear(&o_now);
	sop_limit_clear(&l);
	sop_limit_clear(&l_other);
}

/* ============================================================= migration */

Test(dbsop, migration_from_version_4)
{
	struct ibis_error err = {0};
	char *old = xasprintf("%s/v4.db", th_dir);
	TH_OK(dbi_create_at_version(old, 4, &err));
	char *v = th_sql_text(old, "PRAGMA user_version", 0);
	cr_assert_str_eq(v, "4");
	free(v);
	th_sql_exec(old,
		    "INSERT INTO schools (name, level_model) VALUES ('S', '6-lagen');"
		    "INSERT INTO basis_checklist (school_id, school_year, area, aspect, status,"
		    " note, document) VALUES"
		    " (1, 2025, 1, 'aanbod', 'aanwezig', 'goed', 'Leesprotocol'),"
		    " (1, 2025, 1, 'materialen', 'in ontwikkeling', NULL, NULL),"
		    " (1, 2025, 2, 'aanbod', 'afwezig', NULL, NULL),"
		    " (1, 2025, 2, 'materialen', NULL, 'nog niet', NULL);"
		    "INSERT INTO sop_expertise (school_id, school_year, expertise)"
		    " VALUES (1, 2025, 'Gedragsspecialist');"
		    "INSERT INTO sop_professionalisering (school_id, school_year, topic)"
		    " VALUES (1, 2025, 'Coaching');"
		    "INSERT INTO sop_aanbod (school_id, school_year, area, level, description)"
		    " VALUES (1, 2025, 3, 2, 'Oud aanbod');"
		    "INSERT INTO sop_grenzen (school_id, school_year, description)"
		    " VALUES (1, 2025, 'Oude grens');");

	db_close(th_db);
	free(th_path);
	th_path = old;
	struct db_options opt = {.path = th_path, .mode = DB_EXISTING};
	TH_OK(db_open(&th_db, &opt, &err));
	cr_assert_eq(raw_int("PRAGMA user_version", 0), db_schema_version());
	cr_assert_geq(db_schema_version(), 5);
	struct strlist problems = {0};
	TH_OK(db_check(th_db, &problems, &err));
	cr_assert_eq(problems.len, 0, "%s", problems.len ? problems.items[0] : "");
	sl_free(&problems);

	struct basis_cell *cells = NULL;
	int n = 0;
	TH_OK(db_basis_list(th_db, 1, 2025, &cells, &n, &err));
	cr_assert_eq(n, 4);
	cr_assert_eq(cells[0].status, BASIS_MEETS);
	cr_assert_str_eq(cells[0].note, "goed");
	cr_assert_str_eq(cells[0].document, "Leesprotocol");
	cr_assert_null(cells[0].description);
	cr_assert_eq(cells[1].status, BASIS_PARTLY);
	cr_assert_eq(cells[2].status, BASIS_FAILS);
	cr_assert_eq(cells[3].status, BASIS_OPEN);
	cr_assert_str_eq(cells[3].note, "nog niet");
	assert_raw_text("SELECT group_concat(coalesce(status, '-'), '|') FROM"
			" (SELECT status FROM basis_checklist ORDER BY id)", 0,
			"voldoet|deels|voldoet niet|-");
	/* the migrated cells save with the new statuses */
	cells[3].status = BASIS_NA;
	cells[3].description = xstrdup("Eigen tekst");
	TH_OK(db_basis_put(th_db, &cells[3], &err));
	cr_assert_eq(cells[3].version, 2);
	assert_raw_text("SELECT status FROM basis_checklist WHERE id = ?", cells[3].id, "nvt");
	basis_cells_free(cells, n);

	/* the old SOP rows read with the new columns empty */
	struct sop_expertise *ev = NULL;
	TH_OK(db_expertise_list(th_db, 1, 2025, &ev, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_eq(ev[0].staff_count, -1);
	cr_assert_eq(ev[0].trained, -1);
	cr_assert_eq(ev[0].in_training, -1);
	sop_expertise_free(ev, n);
	struct sop_training *tv = NULL;
	TH_OK(db_training_list(th_db, 1, 2025, false, &tv, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_eq(tv[0].scope, SOP_SCOPE_SCHOOL);
	cr_assert_eq(tv[0].participants, 0);
	sop_training_free(tv, n);
	struct sop_offer *ov = NULL;
	TH_OK(db_offer_list(th_db, 1, 2025, &ov, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_null(ov[0].kenmerk);
	cr_assert_eq(ov[0].level, 2);
	sop_offer_free(ov, n);
	struct sop_limit *lv = NULL;
	TH_OK(db_limit_list(th_db, 1, 2025, &lv, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_null(lv[0].heading);
	sop_limit_free(lv, n);

	/* and the new table is there */
	TH_OK(db_assessor_add(th_db, 1, "hgw", 2025, "directie", &err));
	cr_assert_eq(db_count_rows(th_db, "indicator_assessors"), 1);
}
