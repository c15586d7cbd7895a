/* test_db_import.c - a pupil file matched with the database and applied
 * (db_import.h): matching on Id, leerlingnummer and name with birth date,
 * changing only what differs, re-import as a no-op, groups made for a new
 * school, the problems that need the database, all or nothing, skipping the
 * invalid rows, and the failures of the write (conflict, read-only, locked).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/csv.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/db_import.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/import.h"
#include "ibis/util.h"

#define YEAR 2026

/* ================================================================ fixture */

static void setup(void)
{
	th_db_setup();
	date_set_today(th_ymd(2026, 11, 23));
}

TestSuite(db_import, .init = setup, .fini = th_db_teardown);

/* A pupil born on birth, with a number (may be NULL), in group (0: none). */
static ibis_id pupil_new(ibis_id school, const char *number, const char *first, const char *tv,
			 const char *last, ibis_date birth, ibis_id group, int jaargroep)
{
	struct ibis_error err = {0};
	struct pupil p = {.school_id = school, .number = (char *)number,
			  .first_name = (char *)first, .tussenvoegsel = (char *)tv,
			  .last_name = (char *)last, .birth_date = birth,
			  .address = "Dorpsstraat 1", .enrolled = th_ymd(2021, 8, 30),
			  .left = DATE_NONE, .notes = "eigen notitie"};
	TH_OK(db_pupil_insert(th_db, &p, &err));
	if (group)
		TH_OK(db_group_add_member(th_db, group, p.id, jaargroep, &err));
	return p.id;
}

static struct pupil get(ibis_id id)
{
	struct ibis_error err = {0};
	struct pupil p = {0};
	TH_OK(db_pupil_get(th_db, id, &p, &err));
	return p;
}

/* The group name of a pupil this year ("" when none) and its jaargroep. */
static char *group_of(ibis_id id, int *jaargroep)
{
	struct ibis_error err = {0};
	struct placement pl = {0};
	TH_OK(db_pupil_placement(th_db, id, YEAR, &pl, &err));
	char *name = xstrdup(pl.group_name ? pl.group_name : "");
	if (jaargroep)
		*jaargroep = pl.jaargroep;
	placement_clear(&pl);
	return name;
}

static void expect_group(ibis_id pupil, const char *want, int want_jaargroep)
{
	int j;
	char *g = group_of(pupil, &j);
	cr_assert_str_eq(g, want, "pupil %lld", (long long)pupil);
	cr_assert_eq(j, want_jaargroep, "pupil %lld in %s", (long long)pupil, g);
	free(g);
}

/* Read text as a pupil file (today 23-11-2026). */
static void read_text(const char *text, struct import_file *f)
{
	struct csv_table t;
	struct ibis_error err = {0};
	TH_OK(csv_parse(text, strlen(text), &t, &err));
	struct import_options opt = {.today = th_ymd(2026, 11, 23)};
	TH_OK(import_read_table(&t, "test.csv", &opt, f, &err));
}

/* Read and plan; the plan must succeed. */
static void plan_text(const char *text, const char *school, struct import_file *f,
		      struct import_plan *plan)
{
	struct ibis_error err = {0};
	read_text(text, f);
	TH_OK(db_import_plan(th_db, f, school, YEAR, plan, &err));
}

/* Read and plan, expecting the plan as a whole to fail with want in it. */
static void plan_fails(const char *text, const char *school, const char *want)
{
	struct import_file f;
	struct import_plan plan;
	struct ibis_error err = {0};
	read_text(text, &f);
	cr_assert_eq(db_import_plan(th_db, &f, school, YEAR, &plan, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, want), "message \"%s\" lacks \"%s\"", err.message, want);
	import_plan_free(&plan);
	import_file_free(&f);
}

static void apply_ok(struct import_file *f, struct import_plan *plan, bool skip)
{
	struct ibis_error err = {0};
	TH_OK(db_import_apply(th_db, f, plan, skip, &err));
}

static void done(struct import_file *f, struct import_plan *plan)
{
	import_plan_free(plan);
	import_file_free(f);
}

/* The problems of row i joined by " | ". */
static void expect_problems(const struct import_file *f, int i, const char *want)
{
	struct strbuf sb = {0};
	for (size_t j = 0; j < f->rows[i].problems.len; j++) {
		if (j)
			sb_add(&sb, " | ");
		sb_add(&sb, f->rows[i].problems.items[j]);
	}
	cr_assert_str_eq(sb_str(&sb), want, "row %d (line %d)", i, f->rows[i].line);
	sb_free(&sb);
}

static void expect_counts(const struct import_plan *p, int added, int changed, int same,
			  int skipped, int invalid)
{
	cr_assert_eq(p->added, added, "added %d", p->added);
	cr_assert_eq(p->changed, changed, "changed %d", p->changed);
	cr_assert_eq(p->same, same, "same %d", p->same);
	cr_assert_eq(p->skipped, skipped, "skipped %d", p->skipped);
	cr_assert_eq(p->invalid, invalid, "invalid %d", p->invalid);
}

static const char HEADER[] =
	"Id;Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep;School;Status\n";

/* ================================================================ matching */

Test(db_import, match_on_id_changes_only_what_differs)
{
	ibis_id s = th_school_new(th_db, "OBS De Wilg", "12AB00", "4-niveaus");
	ibis_id g5 = th_group_new(th_db, s, "5A", YEAR, 5, 5);
	th_group_new(th_db, s, "6A", YEAR, 6, 6);
	ibis_id anna = pupil_new(s, "101", "Anna", "van den", "Berg", th_ymd(2017, 2, 1), g5, 5);

	char *text = xasprintf("%s%lld;101;Anna;van den;Berg;02-02-2017;6A;OBS De Wilg;actief\n",
			       HEADER, (long long)anna);
	struct import_file f;
	struct import_plan plan;
	plan_text(text, NULL, &f, &plan);
	expect_counts(&plan, 0, 1, 0, 0, 0);
	const struct import_plan_row *pr = &plan.rows[0];
	cr_assert_eq(pr->action, IMPORT_CHANGE);
	cr_assert_eq(pr->pupil_id, anna);
	cr_assert_str_eq(pr->matched_by, "Id");
	cr_assert_eq(pr->changes, IMPORT_CH_BIRTH | IMPORT_CH_GROUP);
	cr_assert_str_eq(pr->change_text, "geboortedatum 01-02-2017 → 02-02-2017; groep 5A → 6A");
	apply_ok(&f, &plan, false);
	done(&f, &plan);
	free(text);

	struct pupil p = get(anna);
	cr_assert_eq(p.birth_date, th_ymd(2017, 2, 2));
	cr_assert_str_eq(p.number, "101");
	cr_assert_str_eq(p.first_name, "Anna");
	cr_assert_str_eq(p.tussenvoegsel, "van den");
	/* what the file does not have stays as it was */
	cr_assert_str_eq(p.address, "Dorpsstraat 1");
	cr_assert_str_eq(p.notes, "eigen notitie");
	cr_assert_eq(p.enrolled, th_ymd(2021, 8, 30));
	cr_assert_eq(p.version, 2);
	pupil_clear(&p);
	expect_group(anna, "6A", 6);
	cr_assert_eq(db_count_rows(th_db, "pupils"), 1);
}

Test(db_import, id_of_a_stranger_is_not_trusted)
{
	ibis_id s = th_school_new(th_db, "OBS De Wilg", NULL, "4-niveaus");
	ibis_id piet = pupil_new(s, "7", "Piet", NULL, "Jansen", th_ymd(2016, 5, 5), 0, 0);
	/* an export of another database: Id 1 there is someone else */
	char *text = xasprintf("%s%lld;900;Sem;de;Vries;01-03-2016;;;\n", HEADER, (long long)piet);
	struct import_file f;
	struct import_plan plan;
	plan_text(text, NULL, &f, &plan);
	expect_counts(&plan, 1, 0, 0, 0, 0);
	cr_assert_eq(plan.rows[0].action, IMPORT_ADD);
	apply_ok(&f, &plan, false);
	cr_assert_neq(plan.rows[0].pupil_id, piet);
	done(&f, &plan);
	free(text);
	struct pupil p = get(piet);
	cr_assert_str_eq(p.first_name, "Piet");
	cr_assert_eq(p.version, 1);
	pupil_clear(&p);
	cr_assert_eq(db_count_rows(th_db, "pupils"), 2);
}

Test(db_import, id_with_the_same_number_is_trusted)
{
	ibis_id s = th_school_new(th_db, "OBS De Wilg", NULL, "4-niveaus");
	ibis_id piet = pupil_new(s, "7", "Piet", NULL, "Jansen", th_ymd(2016, 5, 5), 0, 0);
	/* renamed in the file, but Id and number agree */
	char *text = xasprintf("%s%lld;7;Pieter;;Janssen;05-05-2016;;;\n", HEADER, (long long)piet);
	struct import_file f;
	struct import_plan plan;
	plan_text(text, NULL, &f, &plan);
	expect_counts(&plan, 0, 1, 0, 0, 0);
	cr_assert_str_eq(plan.rows[0].matched_by, "Id");
	cr_assert_eq(plan.rows[0].changes, IMPORT_CH_FIRST | IMPORT_CH_LAST);
	cr_assert_str_eq(plan.rows[0].change_text,
			 "roepnaam Piet → Pieter; achternaam Jansen → Janssen");
	done(&f, &plan);
	free(text);
}

Test(db_import, match_on_number)
{
	ibis_id s = th_school_new(th_db, "OBS De Wilg", NULL, "4-niveaus");
	ibis_id g = th_group_new(th_db, s, "7", YEAR, 7, 7);
	ibis_id eva = pupil_new(s, "42", "Eva", NULL, "Smit", th_ymd(2015, 1, 1), g, 7);
	struct import_file f;
	struct import_plan plan;
	plan_text("Leerlingnummer;Roepnaam;Achternaam;Geboortedatum;Groep\n"
		  "42;Eva;Smit-de Boer;01-01-2015;7\n",
		  NULL, &f, &plan);
	expect_counts(&plan, 0, 1, 0, 0, 0);
	cr_assert_eq(plan.rows[0].pupil_id, eva);
	cr_assert_str_eq(plan.rows[0].matched_by, "leerlingnummer");
	cr_assert_eq(plan.rows[0].changes, IMPORT_CH_LAST);
	apply_ok(&f, &plan, false);
	done(&f, &plan);
	struct pupil p = get(eva);
	cr_assert_str_eq(p.last_name, "Smit-de Boer");
	cr_assert_str_eq(p.address, "Dorpsstraat 1");
	pupil_clear(&p);
	expect_group(eva, "7", 7);
}

Test(db_import, match_on_name_and_birth_date_folded)
{
	ibis_id s = th_school_new(th_db, "OBS De Wilg", NULL, "4-niveaus");
	ibis_id zoe = pupil_new(s, NULL, "Zoë", NULL, "Çelik", th_ymd(2018, 4, 3), 0, 0);
	ibis_id ijs = pupil_new(s, NULL, "Ĳsbrand", NULL, "Yılmaz", th_ymd(2015, 9, 30), 0, 0);
	pupil_new(s, NULL, "Zoë", NULL, "Çelik", th_ymd(2018, 4, 4), 0, 0); /* another birth date */
	struct import_file f;
	struct import_plan plan;
	plan_text("Roepnaam;Achternaam;Geboortedatum;Leerlingnummer\n"
		  "Zoë;Çelik;3-4-2018;\n"
		  "ZOE;CELIK;03-04-2018;5001\n"
		  "Ijsbrand;Yilmaz;2015-09-30;\n",
		  NULL, &f, &plan);
	/* rows 1 and 2 are the same pupil: both are a problem */
	char *want = xasprintf("rij: dezelfde leerling (Id %lld) als regel 3", (long long)zoe);
	expect_problems(&f, 0, want);
	free(want);
	want = xasprintf("rij: dezelfde leerling (Id %lld) als regel 2", (long long)zoe);
	expect_problems(&f, 1, want);
	free(want);
	expect_counts(&plan, 0, 1, 0, 0, 2);
	cr_assert_str_eq(plan.rows[2].matched_by, "naam en geboortedatum");
	done(&f, &plan);

	plan_text("Roepnaam;Achternaam;Geboortedatum\nzoe;celik;3-4-2018\n", NULL, &f, &plan);
	cr_assert_eq(plan.rows[0].pupil_id, zoe);
	cr_assert_str_eq(plan.rows[0].matched_by, "naam en geboortedatum");
	cr_assert_eq(plan.rows[0].changes, IMPORT_CH_FIRST | IMPORT_CH_LAST);
	done(&f, &plan);
	plan_text("Roepnaam;Achternaam;Geboortedatum\nZoë;Çelik;03-04-2018\n", NULL, &f, &plan);
	cr_assert_eq(plan.rows[0].pupil_id, zoe);
	cr_assert_eq(plan.rows[0].action, IMPORT_SAME);
	done(&f, &plan);
	plan_text("Roepnaam;Achternaam;Geboortedatum\n"
		  "Zoë;Çelik;03-04-2018\nIjsbrand;Yilmaz;2015-09-30\n",
		  NULL, &f, &plan);
	cr_assert_eq(plan.rows[1].pupil_id, ijs);
	cr_assert_eq(plan.rows[1].action, IMPORT_CHANGE);
	cr_assert_str_eq(plan.rows[1].change_text,
			 "roepnaam Ĳsbrand → Ijsbrand; achternaam Yılmaz → Yilmaz");
	done(&f, &plan);
}

Test(db_import, empty_cells_clear_nothing_but_tussenvoegsel)
{
	ibis_id s = th_school_new(th_db, "OBS De Wilg", NULL, "4-niveaus");
	ibis_id g = th_group_new(th_db, s, "4", YEAR, 4, 4);
	ibis_id a = pupil_new(s, "11", "Anna", "van", "Dam", th_ymd(2018, 6, 1), g, 4);
	ibis_id b = pupil_new(s, "12", "Bram", "de", "Wit", th_ymd(2018, 6, 2), g, 4);
	/* a file without Tussenvoegsel and Leerlingnummer columns leaves both */
	struct import_file f;
	struct import_plan plan;
	plan_text("Roepnaam;Achternaam;Geboortedatum;Groep\n"
		  "Anna;Dam;01-06-2018;\n",
		  NULL, &f, &plan);
	/* the name key holds the tussenvoegsel: "Anna Dam" is not "Anna van
	 * Dam", so without a number or Id this is a new pupil */
	expect_counts(&plan, 1, 0, 0, 0, 0);
	done(&f, &plan);

	plan_text("Id;Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep\n"
		  "1;;Anna;;Dam;01-06-2018;\n"
		  "2;12;Bram;de;Wit;02-06-2018;\n",
		  NULL, &f, &plan);
	expect_counts(&plan, 0, 1, 1, 0, 0);
	/* the empty number and group cells clear nothing; the empty
	 * tussenvoegsel does, as the file has the column */
	cr_assert_eq(plan.rows[0].changes, IMPORT_CH_TV);
	cr_assert_str_eq(plan.rows[0].change_text, "tussenvoegsel van → (leeg)");
	cr_assert_eq(plan.rows[1].action, IMPORT_SAME);
	apply_ok(&f, &plan, false);
	done(&f, &plan);
	struct pupil p = get(a);
	cr_assert_null(p.tussenvoegsel);
	cr_assert_str_eq(p.number, "11");
	pupil_clear(&p);
	expect_group(a, "4", 4);
	p = get(b);
	cr_assert_eq(p.version, 1, "an unchanged pupil is not written");
	pupil_clear(&p);
}

/* ================================================================ re-import */

Test(db_import, reimport_is_a_no_op)
{
	ibis_id s = th_school_new(th_db, "OBS De Wilg", "12AB00", "4-niveaus");
	th_group_new(th_db, s, "5A", YEAR, 5, 5);
	th_group_new(th_db, s, "4/5", YEAR, 4, 5);
	const char *text = "Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep\n"
			   "1;Anna;van den;Berg;01-02-2017;5A\n"
			   "2;Piet;;Jansen;01-02-2018;4/5\n"
			   ";Zoë;;Çelik;03-04-2017;Groep 5\n";
	struct import_file f;
	struct import_plan plan;
	plan_text(text, NULL, &f, &plan);
	expect_counts(&plan, 3, 0, 0, 0, 0);
	apply_ok(&f, &plan, false);
	ibis_id ids[3];
	for (int i = 0; i < 3; i++)
		ids[i] = plan.rows[i].pupil_id;
	done(&f, &plan);
	expect_group(ids[0], "5A", 5);
	/* a combination class: the jaargroep of the age on 1 October */
	expect_group(ids[1], "4/5", 5);
	/* "Groep 5": the only single class of jaargroep 5 */
	expect_group(ids[2], "5A", 5);

	plan_text(text, NULL, &f, &plan);
	expect_counts(&plan, 0, 0, 3, 0, 0);
	for (int i = 0; i < 3; i++) {
		cr_assert_eq(plan.rows[i].action, IMPORT_SAME);
		cr_assert_eq(plan.rows[i].pupil_id, ids[i]);
		cr_assert_null(plan.rows[i].change_text);
	}
	apply_ok(&f, &plan, false);
	done(&f, &plan);
	for (int i = 0; i < 3; i++) {
		struct pupil p = get(ids[i]);
		cr_assert_eq(p.version, 1);
		pupil_clear(&p);
	}
	cr_assert_eq(db_count_rows(th_db, "pupils"), 3);
	cr_assert_eq(db_count_rows(th_db, "group_members"), 3);
}

Test(db_import, updated_file_updates_and_adds)
{
	ibis_id s = th_school_new(th_db, "OBS De Wilg", NULL, "4-niveaus");
	th_group_new(th_db, s, "5A", YEAR, 5, 5);
	th_group_new(th_db, s, "5B", YEAR, 5, 5);
	struct import_file f;
	struct import_plan plan;
	plan_text("Leerlingnummer;Roepnaam;Achternaam;Geboortedatum;Groep\n"
		  "1;Anna;Berg;01-02-2017;5A\n"
		  "2;Piet;Jansen;01-03-2017;5A\n",
		  NULL, &f, &plan);
	apply_ok(&f, &plan, false);
	ibis_id piet = plan.rows[1].pupil_id;
	done(&f, &plan);

	plan_text("Leerlingnummer;Roepnaam;Achternaam;Geboortedatum;Groep\n"
		  "1;Anna;Berg;01-02-2017;5A\n"
		  "2;Piet;Jansen;01-03-2017;5B\n"
		  "3;Sem;Vries;01-04-2017;5B\n",
		  NULL, &f, &plan);
	expect_counts(&plan, 1, 1, 1, 0, 0);
	cr_assert_eq(plan.rows[1].changes, IMPORT_CH_GROUP);
	cr_assert_str_eq(plan.rows[1].change_text, "groep 5A → 5B");
	apply_ok(&f, &plan, false);
	done(&f, &plan);
	expect_group(piet, "5B", 5);
	cr_assert_eq(db_count_rows(th_db, "pupils"), 3);
	cr_assert_eq(db_count_rows(th_db, "group_members"), 3);
}

/* ================================================================== groups */

Test(db_import, new_school_gets_the_groups_of_the_file)
{
	ibis_id s = th_school_new(th_db, "OBS De Wilg", NULL, "4-niveaus");
	struct import_file f;
	struct import_plan plan;
	plan_text("Roepnaam;Achternaam;Geboortedatum;Groep\n"
		  "Anna;Berg;01-02-2017;5B\n"
		  "Piet;Jansen;01-03-2019;Groep 3\n"
		  "Sem;Vries;01-11-2018;4/5\n"
		  "Eva;Smit;01-03-2022;1/2A\n"
		  "Noa;Bos;01-03-2017;5b\n"
		  "Daan;Smit;01-03-2017;Bijen\n"
		  "Luuk;Dekker;01-03-2017;\n",
		  NULL, &f, &plan);
	expect_problems(&f, 5, "Groep: ‘Bijen’ bestaat niet in 2026-2027, en de naam zegt niet "
			       "welke jaargroep (zoals 5B, Groep 5 of 4/5) om de groep te maken");
	expect_counts(&plan, 6, 0, 0, 0, 1);
	cr_assert_eq(plan.ngroups, 4, "5b is the group 5B");
	for (int i = 0; i < plan.ngroups; i++)
		cr_assert(plan.groups[i].is_new);
	apply_ok(&f, &plan, true);
	ibis_id ids[7];
	for (int i = 0; i < 7; i++)
		ids[i] = plan.rows[i].pupil_id;
	done(&f, &plan);

	struct group *gs;
	int n;
	struct ibis_error err = {0};
	TH_OK(db_group_list(th_db, s, YEAR, &gs, &n, &err));
	cr_assert_eq(n, 4);
	/* by jaargroep, then name */
	cr_assert_str_eq(gs[0].name, "1/2A");
	cr_assert_eq(gs[0].jaargroep_min, 1);
	cr_assert_eq(gs[0].jaargroep_max, 2);
	cr_assert_eq(gs[0].kind, GROUP_COMBINATION);
	cr_assert_str_eq(gs[1].name, "Groep 3");
	cr_assert_eq(gs[1].jaargroep_min, 3);
	cr_assert_eq(gs[1].jaargroep_max, 3);
	cr_assert_eq(gs[1].kind, GROUP_REGULAR);
	cr_assert_str_eq(gs[2].name, "4/5");
	cr_assert_str_eq(gs[3].name, "5B");
	groups_free(gs, n);

	expect_group(ids[0], "5B", 5);
	expect_group(ids[1], "Groep 3", 3);
	/* 7 on 1 October 2026: groep 4 by age */
	expect_group(ids[2], "4/5", 4);
	expect_group(ids[3], "1/2A", 1);
	expect_group(ids[4], "5B", 5);
	cr_assert_eq(ids[5], 0, "not imported");
	expect_group(ids[6], "", -1);
	cr_assert_eq(db_count_rows(th_db, "pupils"), 6);

	/* now the school has groups: an unknown one is a problem */
	plan_text("Roepnaam;Achternaam;Geboortedatum;Groep\n"
		  "Anna;Berg;01-02-2017;6A\n",
		  NULL, &f, &plan);
	expect_problems(&f, 0, "Groep: ‘6A’ bestaat niet in 2026-2027 (wel: 1/2A, Groep 3, 4/5, 5B)");
	done(&f, &plan);
}

Test(db_import, group_by_jaargroep_and_ambiguous)
{
	ibis_id s = th_school_new(th_db, "OBS De Wilg", NULL, "4-niveaus");
	th_group_new(th_db, s, "Bijen", YEAR, 3, 3);
	th_group_new(th_db, s, "5A", YEAR, 5, 5);
	th_group_new(th_db, s, "5B", YEAR, 5, 5);
	th_group_new(th_db, s, "6/7", YEAR, 6, 7);
	struct import_file f;
	struct import_plan plan;
	plan_text("Roepnaam;Achternaam;Geboortedatum;Groep\n"
		  "Anna;Berg;01-02-2019;3\n"
		  "Piet;Jansen;01-02-2017;Groep 5\n"
		  "Sem;Vries;01-02-2015;7\n"
		  "Eva;Smit;01-02-2015;Groep 8\n"
		  "Noa;Bos;01-02-2017;bijen\n",
		  NULL, &f, &plan);
	expect_problems(&f, 0, "");
	cr_assert_str_eq(plan.groups[plan.rows[0].group].name, "Bijen");
	expect_problems(&f, 1, "Groep: ‘Groep 5’ is niet eenduidig in 2026-2027: jaargroep 5 zit "
			       "in 5A, 5B");
	expect_problems(&f, 2, "");
	cr_assert_str_eq(plan.groups[plan.rows[2].group].name, "6/7");
	cr_assert_eq(plan.rows[2].jaargroep, 7, "the jaargroep the cell named");
	expect_problems(&f, 3, "Groep: ‘Groep 8’ bestaat niet in 2026-2027 (wel: Bijen, 5A, 5B, "
			       "6/7)");
	expect_problems(&f, 4, "");
	cr_assert_str_eq(plan.groups[plan.rows[4].group].name, "Bijen");
	done(&f, &plan);
}

/* ================================================================= schools */

Test(db_import, schools)
{
	ibis_id wilg = th_school_new(th_db, "OBS De Wilg", "12AB00", "4-niveaus");
	ibis_id eik = th_school_new(th_db, "CBS De Eik", "34CD00", "4-niveaus");
	ibis_id eik2 = th_school_new(th_db, "CBS De Eik", "56EF00", "4-niveaus");
	(void)eik;

	/* no column, several schools, no --school */
	plan_fails("Roepnaam;Achternaam;Geboortedatum\nAnna;Berg;01-02-2017\n", NULL,
		   "De database heeft 3 scholen en test.csv heeft geen kolom School of BRIN; "
		   "kies de school met --school.");
	/* schools the database does not have: the file as a whole */
	plan_fails("Roepnaam;Achternaam;Geboortedatum;School\n"
		   "Anna;Berg;01-02-2017;OBS Nergens\n"
		   "Piet;Berg;01-02-2017;obs nergens\n"
		   "Sem;Berg;01-02-2017;99ZZ00\n",
		   NULL,
		   "test.csv noemt de scholen ‘OBS Nergens’, ‘99ZZ00’ die niet in de database "
		   "staan");
	/* --school that names nothing, or two */
	plan_fails("Roepnaam;Achternaam;Geboortedatum\nAnna;Berg;01-02-2017\n", "De Linde",
		   "--school ‘De Linde’: geen school met dat Id, die BRIN-code of die naam");
	plan_fails("Roepnaam;Achternaam;Geboortedatum\nAnna;Berg;01-02-2017\n", "cbs de eik",
		   "--school ‘cbs de eik’ past bij meer dan één school");

	struct import_file f;
	struct import_plan plan;
	plan_text("Roepnaam;Achternaam;Geboortedatum;School\n"
		  "Anna;Berg;01-02-2017;12ab00\n"
		  "Piet;Berg;01-02-2017;obs de wilg\n"
		  "Sem;Berg;01-02-2017;CBS De Eik\n"
		  "Eva;Berg;01-02-2017;56EF00\n"
		  "Noa;Berg;01-02-2017;\n",
		  NULL, &f, &plan);
	cr_assert_eq(plan.rows[0].school_id, wilg);
	cr_assert_eq(plan.rows[1].school_id, wilg);
	expect_problems(&f, 2, "School: ‘CBS De Eik’ past bij meer dan één school; schrijf de "
			       "BRIN-code");
	cr_assert_eq(plan.rows[3].school_id, eik2);
	expect_problems(&f, 4, "School: ontbreekt; de database heeft 3 scholen (of kies er een "
			       "met --school)");
	expect_counts(&plan, 3, 0, 0, 0, 2);
	done(&f, &plan);

	/* --school puts every row in one school, the column ignored */
	char *id = xasprintf("%lld", (long long)eik2);
	plan_text("Roepnaam;Achternaam;Geboortedatum;School\n"
		  "Anna;Berg;01-02-2017;OBS Nergens\n",
		  id, &f, &plan);
	cr_assert_eq(plan.forced_school, eik2);
	cr_assert_eq(plan.rows[0].school_id, eik2);
	expect_counts(&plan, 1, 0, 0, 0, 0);
	done(&f, &plan);
	free(id);
	plan_text("Roepnaam;Achternaam;Geboortedatum\nAnna;Berg;01-02-2017\n", "12AB00", &f, &plan);
	cr_assert_eq(plan.rows[0].school_id, wilg);
	done(&f, &plan);
}

Test(db_import, no_school_at_all)
{
	plan_fails("Roepnaam;Achternaam;Geboortedatum\nAnna;Berg;01-02-2017\n", NULL,
		   "De database heeft nog geen school");
}

/* ================================================================ problems */

Test(db_import, duplicates)
{
	ibis_id s = th_school_new(th_db, "OBS De Wilg", NULL, "4-niveaus");
	ibis_id anna = pupil_new(s, "7", "Anna", NULL, "Berg", th_ymd(2017, 2, 1), 0, 0);
	ibis_id twin1 = pupil_new(s, NULL, "Sem", NULL, "Vries", th_ymd(2016, 3, 1), 0, 0);
	ibis_id twin2 = pupil_new(s, NULL, "Sem", NULL, "Vries", th_ymd(2016, 3, 1), 0, 0);
	struct import_file f;
	struct import_plan plan;
	plan_text("Leerlingnummer;Roepnaam;Achternaam;Geboortedatum\n"
		  "50;Piet;Jansen;01-02-2017\n"
		  "50;Eva;Smit;01-02-2017\n"
		  "7;Daan;Dekker;01-02-2017\n"
		  ";Sem;Vries;01-03-2016\n"
		  ";Noa;Bos;01-05-2017\n"
		  ";noa;bos;1-5-2017\n"
		  "60;Finn;Visser;01-05-2017\n"
		  "61;Finn;Visser;01-05-2017\n",
		  NULL, &f, &plan);
	expect_problems(&f, 0, "Leerlingnummer: ‘50’ staat ook op regel 3");
	expect_problems(&f, 1, "Leerlingnummer: ‘50’ staat ook op regel 2");
	/* number 7 is Anna's: a number matches whatever the name (the dry run
	 * shows the renaming) */
	cr_assert_eq(plan.rows[2].pupil_id, anna);
	cr_assert_eq(plan.rows[2].action, IMPORT_CHANGE);
	char *want = xasprintf("rij: naam en geboortedatum passen bij meer dan één leerling (Id "
			       "%lld, %lld); voeg een kolom Id of Leerlingnummer toe",
			       (long long)twin1, (long long)twin2);
	expect_problems(&f, 3, want);
	free(want);
	expect_problems(&f, 4, "rij: dezelfde naam en geboortedatum als regel 7; geef beide een "
			       "leerlingnummer als het twee leerlingen zijn");
	expect_problems(&f, 5, "rij: dezelfde naam en geboortedatum als regel 6; geef beide een "
			       "leerlingnummer als het twee leerlingen zijn");
	/* two numbers: two pupils */
	expect_problems(&f, 6, "");
	expect_problems(&f, 7, "");
	expect_counts(&plan, 2, 1, 0, 0, 5);
	done(&f, &plan);

	/* a number that belongs to another pupil of the school */
	plan_text("Leerlingnummer;Roepnaam;Achternaam;Geboortedatum\n"
		  "7;Sem;Vries;01-03-2016\n",
		  NULL, &f, &plan);
	/* Sem is ambiguous by name, but 7 matches Anna first */
	cr_assert_eq(plan.rows[0].pupil_id, anna);
	done(&f, &plan);
	char *text = xasprintf("Id;Leerlingnummer;Roepnaam;Achternaam;Geboortedatum\n"
			       "%lld;7;Sem;Vries;01-03-2016\n",
			       (long long)twin1);
	plan_text(text, NULL, &f, &plan);
	free(text);
	want = xasprintf("Leerlingnummer: ‘7’ hoort op deze school al bij leerling %lld (Berg, "
			 "Anna)",
			 (long long)anna);
	expect_problems(&f, 0, want);
	free(want);
	done(&f, &plan);
}

Test(db_import, two_rows_for_one_pupil)
{
	ibis_id s = th_school_new(th_db, "OBS De Wilg", NULL, "4-niveaus");
	ibis_id anna = pupil_new(s, "7", "Anna", NULL, "Berg", th_ymd(2017, 2, 1), 0, 0);
	char *text = xasprintf("Id;Leerlingnummer;Roepnaam;Achternaam;Geboortedatum\n"
			       "%lld;;Anna;Berg;01-02-2017\n"
			       ";;Anna;Berg;01-02-2017\n",
			       (long long)anna);
	struct import_file f;
	struct import_plan plan;
	plan_text(text, NULL, &f, &plan);
	free(text);
	char *want1 = xasprintf("rij: dezelfde leerling (Id %lld) als regel 3", (long long)anna);
	char *want2 = xasprintf("rij: dezelfde leerling (Id %lld) als regel 2", (long long)anna);
	expect_problems(&f, 0, want1);
	expect_problems(&f, 1, want2);
	free(want1);
	free(want2);
	expect_counts(&plan, 0, 0, 0, 0, 2);
	done(&f, &plan);
}

/* ======================================================= all or nothing */

Test(db_import, all_or_nothing)
{
	ibis_id s = th_school_new(th_db, "OBS De Wilg", NULL, "4-niveaus");
	ibis_id g = th_group_new(th_db, s, "5A", YEAR, 5, 5);
	ibis_id anna = pupil_new(s, "1", "Anna", NULL, "Berg", th_ymd(2017, 2, 1), g, 5);
	struct import_file f;
	struct import_plan plan;
	plan_text("Leerlingnummer;Roepnaam;Achternaam;Geboortedatum;Groep\n"
		  "1;Anna;Bergen;01-02-2017;5A\n"
		  "2;Piet;Jansen;01-03-2017;5A\n"
		  "3;;Smit;01-03-2017;5A\n"
		  "4;Sem;Vries;01-03-2017;9Z\n",
		  NULL, &f, &plan);
	expect_counts(&plan, 1, 1, 0, 0, 2);
	cr_assert_eq(plan.rows[2].action, IMPORT_INVALID);
	cr_assert_eq(plan.rows[3].action, IMPORT_INVALID);
	struct ibis_error err = {0};
	cr_assert_eq(db_import_apply(th_db, &f, &plan, false, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "2 regels afgekeurd; er is niets geïmporteerd.");
	cr_assert_eq(db_count_rows(th_db, "pupils"), 1);
	struct pupil p = get(anna);
	cr_assert_str_eq(p.last_name, "Berg");
	pupil_clear(&p);

	/* --skip-invalid: the valid rows */
	apply_ok(&f, &plan, true);
	cr_assert_eq(db_count_rows(th_db, "pupils"), 2);
	p = get(anna);
	cr_assert_str_eq(p.last_name, "Bergen");
	pupil_clear(&p);
	expect_group(plan.rows[1].pupil_id, "5A", 5);
	cr_assert_eq(plan.rows[2].pupil_id, 0);
	done(&f, &plan);
}

Test(db_import, left_pupils)
{
	ibis_id s = th_school_new(th_db, "OBS De Wilg", NULL, "4-niveaus");
	ibis_id g5 = th_group_new(th_db, s, "5A", YEAR, 5, 5);
	th_group_new(th_db, s, "6A", YEAR, 6, 6);
	ibis_id anna = pupil_new(s, "1", "Anna", NULL, "Berg", th_ymd(2017, 2, 1), g5, 5);
	struct ibis_error err = {0};
	struct pupil p = get(anna);
	TH_OK(db_pupil_archive(th_db, &p, th_ymd(2026, 10, 1), LEAVE_VO, &err));
	pupil_clear(&p);
	struct import_file f;
	struct import_plan plan;
	plan_text("Leerlingnummer;Roepnaam;Achternaam;Geboortedatum;Groep;Status\n"
		  "1;Anna;Berg-Smit;01-02-2017;6A;actief\n"
		  "2;Piet;Jansen;01-03-2010;6A;vertrokken\n",
		  NULL, &f, &plan);
	expect_counts(&plan, 0, 1, 0, 1, 0);
	/* matched and updated, but not put in a group again */
	cr_assert(plan.rows[0].archived);
	cr_assert_eq(plan.rows[0].changes, IMPORT_CH_LAST);
	cr_assert_eq(plan.rows[1].action, IMPORT_SKIP);
	apply_ok(&f, &plan, false);
	done(&f, &plan);
	p = get(anna);
	cr_assert_str_eq(p.last_name, "Berg-Smit");
	cr_assert_neq(p.left, DATE_NONE, "import never brings a pupil back");
	pupil_clear(&p);
	expect_group(anna, "5A", 5);
	cr_assert_eq(db_count_rows(th_db, "pupils"), 1);
}

/* ================================================================ failures */

Test(db_import, version_conflict_undoes_everything)
{
	ibis_id s = th_school_new(th_db, "OBS De Wilg", NULL, "4-niveaus");
	ibis_id anna = pupil_new(s, "1", "Anna", NULL, "Berg", th_ymd(2017, 2, 1), 0, 0);
	struct import_file f;
	struct import_plan plan;
	plan_text("Leerlingnummer;Roepnaam;Achternaam;Geboortedatum;Groep\n"
		  "2;Piet;Jansen;01-03-2017;5A\n"
		  "1;Anna;Bergen;01-02-2017;\n",
		  NULL, &f, &plan);
	expect_counts(&plan, 1, 1, 0, 0, 0);
	cr_assert(plan.groups[0].is_new);

	/* a colleague edits Anna meanwhile */
	struct ibis_error err = {0};
	struct pupil p = get(anna);
	free(p.notes);
	p.notes = xstrdup("door een collega");
	TH_OK(db_pupil_update(th_db, &p, &err));
	pupil_clear(&p);

	cr_assert_eq(db_import_apply(th_db, &f, &plan, false, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_CONFLICT);
	char *want = xasprintf("regel 3: leerling %lld is intussen door iemand anders gewijzigd",
			       (long long)anna);
	cr_assert(str_starts(err.message, want), "%s", err.message);
	free(want);
	/* Piet and his new group are gone with the rollback */
	cr_assert_eq(db_count_rows(th_db, "pupils"), 1);
	cr_assert_eq(db_count_rows(th_db, "groups"), 0);
	cr_assert_eq(db_count_rows(th_db, "group_members"), 0);
	cr_assert_eq(plan.groups[0].id, 0);
	p = get(anna);
	cr_assert_str_eq(p.last_name, "Berg");
	cr_assert_str_eq(p.notes, "door een collega");
	pupil_clear(&p);
	done(&f, &plan);

	/* planned again, it goes through */
	plan_text("Leerlingnummer;Roepnaam;Achternaam;Geboortedatum;Groep\n"
		  "2;Piet;Jansen;01-03-2017;5A\n"
		  "1;Anna;Bergen;01-02-2017;\n",
		  NULL, &f, &plan);
	apply_ok(&f, &plan, false);
	done(&f, &plan);
	cr_assert_eq(db_count_rows(th_db, "pupils"), 2);
}

Test(db_import, inside_a_transaction_only_the_import_is_undone)
{
	ibis_id s = th_school_new(th_db, "OBS De Wilg", NULL, "4-niveaus");
	ibis_id anna = pupil_new(s, "1", "Anna", NULL, "Berg", th_ymd(2017, 2, 1), 0, 0);
	struct import_file f;
	struct import_plan plan;
	plan_text("Leerlingnummer;Roepnaam;Achternaam;Geboortedatum\n"
		  "2;Piet;Jansen;01-03-2017\n"
		  "1;Anna;Bergen;01-02-2017\n",
		  NULL, &f, &plan);
	plan.rows[1].version = 99; /* as if changed meanwhile */
	struct ibis_error err = {0};
	TH_OK(db_begin(th_db, &err));
	pupil_new(s, "3", "Sem", NULL, "Vries", th_ymd(2016, 1, 1), 0, 0);
	cr_assert_eq(db_import_apply(th_db, &f, &plan, false, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_CONFLICT);
	TH_OK(db_commit(th_db, &err));
	done(&f, &plan);
	/* the caller's own write stays */
	cr_assert_eq(db_count_rows(th_db, "pupils"), 2);
	struct pupil p = get(anna);
	cr_assert_str_eq(p.last_name, "Berg");
	pupil_clear(&p);
}

Test(db_import, read_only_database)
{
	th_school_new(th_db, "OBS De Wilg", NULL, "4-niveaus");
	char *path = xstrdup(db_path(th_db));
	db_close(th_db);
	struct db_options opt = {.path = path, .mode = DB_EXISTING, .readonly = true};
	struct ibis_error err = {0};
	TH_OK(db_open(&th_db, &opt, &err));
	struct import_file f;
	struct import_plan plan;
	/* planning only reads */
	plan_text("Roepnaam;Achternaam;Geboortedatum;Groep\nAnna;Berg;01-02-2017;5A\n", NULL, &f,
		  &plan);
	expect_counts(&plan, 1, 0, 0, 0, 0);
	cr_assert_eq(db_import_apply(th_db, &f, &plan, false, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_READONLY);
	done(&f, &plan);
	cr_assert_eq(db_count_rows(th_db, "pupils"), 0);
	free(path);
}

Test(db_import, locked_database)
{
	th_school_new(th_db, "OBS De Wilg", NULL, "4-niveaus");
	struct db_options opt = {.path = db_path(th_db), .mode = DB_EXISTING,
				 .busy_timeout_ms = 50};
	struct ibis_error err = {0};
	struct db *other;
	TH_OK(db_open(&other, &opt, &err));
	TH_OK(db_begin(other, &err)); /* BEGIN IMMEDIATE: the write lock */

	struct db *mine = th_db;
	th_db = NULL;
	struct db_options opt2 = opt;
	char *path = xstrdup(db_path(mine));
	opt2.path = path;
	db_close(mine);
	TH_OK(db_open(&th_db, &opt2, &err));
	struct import_file f;
	struct import_plan plan;
	plan_text("Roepnaam;Achternaam;Geboortedatum\nAnna;Berg;01-02-2017\n", NULL, &f, &plan);
	cr_assert_eq(db_import_apply(th_db, &f, &plan, false, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_LOCKED, "fault %d: %s", err.fault, err.message);
	done(&f, &plan);
	db_rollback(other);
	db_close(other);
	cr_assert_eq(db_count_rows(th_db, "pupils"), 0);
	free(path);
}

/* ================================================================== scale */

Test(db_import, thousands_of_rows, .timeout = 120)
{
	th_school_new(th_db, "OBS De Wilg", NULL, "4-niveaus");
	struct strbuf sb = {0};
	sb_add(&sb, "Leerlingnummer;Roepnaam;Achternaam;Geboortedatum;Groep\n");
	for (int i = 0; i < 3000; i++)
		sb_printf(&sb, "%d;Kind%d;Achternaam%d;%02d-%02d-%d;%d%c\n", 10000 + i, i, i % 97,
			  1 + i % 28, 1 + i % 12, 2014 + i % 8, 1 + i % 8, 'A' + i % 3);
	struct import_file f;
	struct import_plan plan;
	plan_text(sb_str(&sb), NULL, &f, &plan);
	expect_counts(&plan, 3000, 0, 0, 0, 0);
	cr_assert_eq(plan.ngroups, 24);
	apply_ok(&f, &plan, false);
	done(&f, &plan);
	plan_text(sb_str(&sb), NULL, &f, &plan);
	expect_counts(&plan, 0, 0, 3000, 0, 0);
	done(&f, &plan);
	sb_free(&sb);
	cr_assert_eq(db_count_rows(th_db, "pupils"), 3000);
	cr_assert_eq(db_count_rows(th_db, "group_members"), 3000);
}

Test(db_import, new_school_plain_number_is_a_group_of_its_own)
{
	ibis_id s = th_school_new(th_db, "OBS De Wilg", NULL, "4-niveaus");
	struct import_file f;
	struct import_plan plan;
	/* "8" after "8A": not the jaargroep of the group just made, a group */
	plan_text("Roepnaam;Achternaam;Geboortedatum;Groep\n"
		  "Anna;Berg;01-02-2015;8A\n"
		  "Piet;Jansen;01-03-2015;8\n"
		  "Sem;Vries;01-04-2015;8a\n",
		  NULL, &f, &plan);
	expect_counts(&plan, 3, 0, 0, 0, 0);
	cr_assert_eq(plan.ngroups, 2);
	apply_ok(&f, &plan, false);
	ibis_id piet = plan.rows[1].pupil_id, sem = plan.rows[2].pupil_id;
	done(&f, &plan);
	expect_group(piet, "8", 8);
	expect_group(sem, "8A", 8);
	struct group *gs;
	int n;
	struct ibis_error err = {0};
	TH_OK(db_group_list(th_db, s, YEAR, &gs, &n, &err));
	cr_assert_eq(n, 2);
	groups_free(gs, n);
}

/* The search indexes of imported pupils are written by import.c itself (in
 * bulk): a pupil added by import must be found exactly like one added by
 * db_pupil_insert, by short needles (pupil_grams) and long ones (trigrams). */
Test(db_import, imported_pupils_are_found_like_any_other)
{
	ibis_id s = th_school_new(th_db, "OBS De Wilg", NULL, "4-niveaus");
	pupil_new(s, NULL, "Zoë", "van den", "Çelik", th_ymd(2018, 4, 3), 0, 0);
	pupil_new(s, NULL, "Ĳsbrand", NULL, "Yılmaz-Berg", th_ymd(2015, 9, 30), 0, 0);
	struct import_file f;
	struct import_plan plan;
	plan_text("Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum\n"
		  "Zoë;van den;Çelik;04-04-2018\n"
		  "Ĳsbrand;;Yılmaz-Berg;01-10-2015\n",
		  NULL, &f, &plan);
	expect_counts(&plan, 2, 0, 0, 0, 0);
	apply_ok(&f, &plan, false);
	done(&f, &plan);

	static const struct {
		const char *needle;
		int want;
	} cases[] = {
		{"z", 4},     {"zo", 2},       {"zoe", 2},        {"ZOË", 2},
		{"celik", 2}, {"ce", 2},       {"van den", 2},    {"celik zoe", 2},
		{"yi", 2},    {"yilmaz", 2},   {"ijsbrand", 2},   {"ij", 2},
		{"berg", 2},  {"e", 4},        {"q", 0},          {"xyz", 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct pupil_query q = {.search = cases[i].needle, .school_year = YEAR,
					.status = PUPILS_ACTIVE};
		int count = -1;
		struct ibis_error err = {0};
		TH_OK(db_pupil_count(th_db, &q, &count, &err));
		cr_assert_eq(count, cases[i].want, "\"%s\": %d pupils", cases[i].needle, count);
	}
}
