/* test_db_plan.c - whole plans in the database: create and load, save with
 * the version check (a stale save writes nothing), goals by id, members
 * replaced, snapshots in the save's transaction, delete, the logboek, the
 * plans and pupils of a group, the facts of a plan, user roles, the
 * derived next deadline and the migration of a version 3 database.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/db_event.h"
#include "ibis/db_level.h"
#include "ibis/db_plan.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/plandoc.h"
#include "ibis/util.h"

/* db_internal.h is src/db's own; the migration test needs this one. */
enum ibis_status dbi_create_at_version(const char *th_path, int version, struct ibis_error *err);

/* ================================================================ fixture */

static void setup(void)
{
	th_db_setup();
	date_set_today(th_ymd(2026, 11, 23)); /* school year 2026-2027 */
}

TestSuite(dbplan, .init = setup, .fini = th_db_teardown);

static void member_add(ibis_id group, ibis_id pupil)
{
	struct ibis_error err = {0};
	TH_OK(db_group_add_member(th_db, group, pupil, 5, &err));
}

/* An integer a query of one row of the test's database gives. */
static long long raw_int(const char *sql, ibis_id a)
{
	return th_sql_int(th_path, sql, a);
}

static void assert_next_deadline(ibis_id pupil, const char *want)
{
	char *got = th_sql_text(th_path, "SELECT next_deadline FROM pupils WHERE id = ?", pupil);
	cr_assert_str_eq(got, want, "next_deadline of %lld", (long long)pupil);
	free(got);
}

static struct goal goal_of(int area, bool long_term, const char *text, ibis_date target)
{
	struct goal g = {.area = area, .long_term = long_term, .text = (char *)text,
			 .target = target, .result = GOAL_OPEN};
	return g;
}

/* An OOP of pupil with two values, a short and a long term goal. */
static void oop_doc(struct plan_doc *d, ibis_id pupil)
{
	plandoc_init(d);
	d->plan.template_id = xstrdup("oop");
	d->plan.pupil_id = pupil;
	d->plan.title = xstrdup("OOP rekenen");
	d->plan.start = th_ymd(2026, 10, 5);
	d->plan.end = th_ymd(2026, 11, 30);
	d->plan.eval_date = th_ymd(2026, 11, 27);
	d->plan.due = th_ymd(2026, 10, 1);
	d->plan.author = xstrdup("ib.anna");
	plandoc_set(d, "aanleiding", "Uitval bij breuken.\nZiet het verband niet.");
	plandoc_set(d, "aanpak", "Dagelijks tien minuten verlengde instructie; ë, ç.");
	struct goal a = goal_of(3, false, "Rekent breuken met gelijke noemer.",
				th_ymd(2026, 11, 20));
	struct goal b = goal_of(3, true, "Beheerst de breuken van groep 5.", th_ymd(2027, 7, 1));
	plandoc_add_goal(d, &a);
	plandoc_add_goal(d, &b);
}

static struct plan_doc load(ibis_id id)
{
	struct ibis_error err = {0};
	struct plan_doc d;
	bool found = false;
	plandoc_init(&d);
	TH_OK(db_plan_load(th_db, id, &d, &found, &err));
	cr_assert(found, "plan %lld", (long long)id);
	return d;
}

/* ============================================================ round trip */

Test(dbplan, create_and_load_round_trip)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id anna = th_pupil_new(th_db, school, "Anna", "van den", "Berg");
	struct plan_doc d;
	oop_doc(&d, anna);
	d.plan.agreed = th_ymd(2026, 10, 3);
	d.plan.evaluated_with = xstrdup("ouders, leerling");
	plandoc_set_member(&d, "leerlingen", "Verlengde instructie", anna, "Anna van den Berg");

	TH_OK(db_plan_create(th_db, &d, &err));
	cr_assert_gt(d.plan.id, 0);
	cr_assert_eq(d.plan.version, 1);
	for (int i = 0; i < d.ngoals; i++) {
		cr_assert_gt(d.goals[i].id, 0);
		cr_assert_eq(d.goals[i].plan_id, d.plan.id);
		cr_assert_eq(d.goals[i].version, 1);
	}

	struct plan_doc got = load(d.plan.id);
	cr_assert_str_eq(got.plan.template_id, "oop");
	cr_assert_eq(got.plan.pupil_id, anna);
	cr_assert_eq(got.plan.group_id, 0);
	cr_assert_str_eq(got.plan.title, "OOP rekenen");
	cr_assert_eq(got.plan.status, PLAN_CONCEPT);
	cr_assert_eq(got.plan.start, th_ymd(2026, 10, 5));
	cr_assert_eq(got.plan.end, th_ymd(2026, 11, 30));
	cr_assert_eq(got.plan.eval_date, th_ymd(2026, 11, 27));
	cr_assert_eq(got.plan.due, th_ymd(2026, 10, 1));
	cr_assert_eq(got.plan.agreed, th_ymd(2026, 10, 3));
	cr_assert_eq(got.plan.evaluated, DATE_NONE);
	cr_assert_str_eq(got.plan.evaluated_with, "ouders, leerling");
	cr_assert_str_eq(got.plan.author, "ib.anna");
	cr_assert_eq(got.plan.version, 1);
	cr_assert_eq(got.nvalues, 2);
	cr_assert_str_eq(plandoc_get(&got, "aanleiding"),
			 "Uitval bij breuken.\nZiet het verband niet.");
	cr_assert_str_eq(plandoc_get(&got, "aanpak"),
			 "Dagelijks tien minuten verlengde instructie; ë, ç.");
	/* long term first */
	cr_assert_eq(got.ngoals, 2);
	cr_assert(got.goals[0].long_term);
	cr_assert_str_eq(got.goals[0].text, "Beheerst de breuken van groep 5.");
	cr_assert_eq(got.goals[0].id, d.goals[1].id);
	cr_assert_eq(got.goals[1].area, 3);
	cr_assert_eq(got.goals[1].target, th_ymd(2026, 11, 20));
	cr_assert_eq(got.nmembers, 1);
	cr_assert_str_eq(got.members[0].field_key, "leerlingen");
	cr_assert_str_eq(got.members[0].group_name, "Verlengde instructie");
	cr_assert_eq(got.members[0].pupil_id, anna);
	cr_assert_str_eq(got.members[0].pupil_name, "Anna van den Berg");
	plandoc_free(&got);

	/* no such plan: not found, out empty */
	struct plan_doc none;
	bool found = true;
	plandoc_init(&none);
	plandoc_set(&none, "x", "y");
	TH_OK(db_plan_load(th_db, 9999, &none, &found, &err));
	cr_assert_not(found);
	cr_assert_eq(none.nvalues, 0);
	cr_assert_eq(none.plan.id, 0);
	plandoc_free(&none);
	plandoc_free(&d);
}

Test(dbplan, create_refuses_unknown_pupil_and_writes_nothing)
{
	struct ibis_error err = {0};
	struct plan_doc d;
	oop_doc(&d, 4242);
	cr_assert_eq(db_plan_create(th_db, &d, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, "bestaat niet"), "%s", err.message);
	cr_assert_eq(d.plan.id, 0);
	cr_assert_eq(d.goals[0].id, 0);
	cr_assert_eq(db_count_rows(th_db, "plans"), 0);
	cr_assert_eq(db_count_rows(th_db, "goals"), 0);

	/* an unknown pupil in the instruction groups undoes the whole plan */
	ibis_id school = th_school_new(th_db, "S", NULL, "6-lagen");
	d.plan.pupil_id = th_pupil_new(th_db, school, "Bram", NULL, "Bos");
	plandoc_set_member(&d, "leerlingen", "Basisinstructie", 777, "Niemand");
	cr_assert_eq(db_plan_create(th_db, &d, &err), IBIS_EINPUT);
	cr_assert_eq(d.plan.id, 0);
	cr_assert_eq(db_count_rows(th_db, "plans"), 0);
	cr_assert_eq(db_count_rows(th_db, "plan_fields"), 0);
	plandoc_free(&d);
}

/* ================================================================== save */

Test(dbplan, save_changes_values_goals_and_members)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id anna = th_pupil_new(th_db, school, "Anna", "van den", "Berg");
	ibis_id bram = th_pupil_new(th_db, school, "Bram", NULL, "Bos");
	struct plan_doc d;
	oop_doc(&d, anna);
	plandoc_set_member(&d, "leerlingen", "Basisinstructie", anna, "Anna van den Berg");
	TH_OK(db_plan_create(th_db, &d, &err));
	ibis_id short_id = d.goals[0].id, long_id = d.goals[1].id;

	struct plan_doc e = load(d.plan.id);
	/* values: one changed, one cleared, one new */
	plandoc_set(&e, "aanleiding", "Uitval bij breuken en procenten.");
	plandoc_set(&e, "aanpak", NULL);
	plandoc_set(&e, "evaluatie", "Loopt goed.");
	e.plan.status = PLAN_ACTIVE;
	e.plan.title[0] = 'o';
	/* goals: the long term one (index 0) updated, the short one deleted,
	 * a new one inserted */
	cr_assert_eq(e.goals[0].id, long_id);
	e.goals[0].result = GOAL_PARTLY;
	free(e.goals[0].evaluation);
	e.goals[0].evaluation = xstrdup("Deels: noemers nog lastig.");
	plandoc_remove_goal(&e, 1);
	struct goal n = goal_of(0, false, "Leest de klok op hele uren.", DATE_NONE);
	plandoc_add_goal(&e, &n);
	/* members replaced */
	plandoc_set_member(&e, "leerlingen", "Verlengde instructie", anna, NULL);
	plandoc_set_member(&e, "leerlingen", "Basisinstructie", bram, "Bram Bos");

	TH_OK(db_plan_save(th_db, &e, NULL, &err));
	cr_assert_eq(e.plan.version, 2);
	cr_assert_eq(e.goals[0].id, long_id);
	cr_assert_eq(e.goals[0].version, 2);
	cr_assert_gt(e.goals[1].id, long_id);
	cr_assert_neq(e.goals[1].id, short_id);
	cr_assert_eq(e.goals[1].version, 1);
	cr_assert_eq(raw_int("SELECT count(*) FROM goals WHERE id = ?", short_id), 0);

	struct plan_doc got = load(d.plan.id);
	cr_assert_eq(got.plan.version, 2);
	cr_assert_eq(got.plan.status, PLAN_ACTIVE);
	cr_assert_str_eq(got.plan.title, "oOP rekenen");
	cr_assert_eq(got.nvalues, 2);
	cr_assert_str_eq(plandoc_get(&got, "aanleiding"), "Uitval bij breuken en procenten.");
	cr_assert_null(plandoc_get(&got, "aanpak"));
	cr_assert_str_eq(plandoc_get(&got, "evaluatie"), "Loopt goed.");
	cr_assert_eq(got.ngoals, 2);
	cr_assert_eq(got.goals[0].id, long_id);
	cr_assert_eq(got.goals[0].result, GOAL_PARTLY);
	cr_assert_str_eq(got.goals[0].evaluation, "Deels: noemers nog lastig.");
	cr_assert_str_eq(got.goals[1].text, "Leest de klok op hele uren.");
	cr_assert_eq(got.goals[1].area, 0);
	cr_assert_eq(got.nmembers, 2);
	/* by group, then name */
	cr_assert_eq(got.members[0].pupil_id, bram);
	cr_assert_str_eq(got.members[0].group_name, "Basisinstructie");
	cr_assert_str_eq(got.members[0].pupil_name, "Bram Bos");
	cr_assert_eq(got.members[1].pupil_id, anna);
	cr_assert_str_eq(got.members[1].group_name, "Verlengde instructie");
	cr_assert_eq(raw_int("SELECT count(*) FROM plan_members WHERE plan_id = ?", d.plan.id), 2);
	cr_assert(plandoc_equal(&got, &e));

	/* a save without changes to a goal keeps that goal's version */
	TH_OK(db_plan_save(th_db, &got, NULL, &err));
	cr_assert_eq(got.plan.version, 3);
	cr_assert_eq(got.goals[0].version, 2);
	cr_assert_eq(got.goals[1].version, 1);
	plandoc_free(&got);
	plandoc_free(&e);
	plandoc_free(&d);
}

Test(dbplan, stale_save_is_a_conflict_and_writes_nothing)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id anna = th_pupil_new(th_db, school, "Anna", NULL, "Berg");
	struct plan_doc d;
	oop_doc(&d, anna);
	TH_OK(db_plan_create(th_db, &d, &err));

	struct plan_doc mine = load(d.plan.id), theirs = load(d.plan.id);
	plandoc_set(&theirs, "aanpak", "Van de collega.");
	TH_OK(db_plan_save(th_db, &theirs, NULL, &err));

	plandoc_set(&mine, "aanpak", "Van mij.");
	plandoc_set(&mine, "nieuw", "Ook van mij.");
	plandoc_remove_goal(&mine, 0);
	struct goal n = goal_of(1, false, "Nieuw doel.", DATE_NONE);
	plandoc_add_goal(&mine, &n);
	struct plan_snapshot snap = {.reason = "actief", .author = "ib.anna", .content = "# Plan"};
	cr_assert_eq(db_plan_save(th_db, &mine, &snap, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_CONFLICT);
	cr_assert(strstr(err.message, "intussen"), "%s", err.message);
	cr_assert_eq(mine.plan.version, 1);
	cr_assert_eq(mine.goals[1].id, 0);

	struct plan_doc got = load(d.plan.id);
	cr_assert_eq(got.plan.version, 2);
	cr_assert_str_eq(plandoc_get(&got, "aanpak"), "Van de collega.");
	cr_assert_null(plandoc_get(&got, "nieuw"));
	cr_assert_eq(got.ngoals, 2);
	cr_assert_eq(db_count_rows(th_db, "goals"), 2);
	cr_assert_eq(db_count_rows(th_db, "plan_snapshots"), 0);

	/* the delete checks the version the same way */
	cr_assert_eq(db_plan_delete(th_db, d.plan.id, 1, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_CONFLICT);
	cr_assert_eq(db_count_rows(th_db, "plans"), 1);
	plandoc_free(&got);
	plandoc_free(&mine);
	plandoc_free(&theirs);
	plandoc_free(&d);
}

Test(dbplan, snapshot_is_written_with_the_save)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id anna = th_pupil_new(th_db, school, "Anna", NULL, "Berg");
	struct plan_doc d;
	oop_doc(&d, anna);
	TH_OK(db_plan_create(th_db, &d, &err));

	d.plan.status = PLAN_ACTIVE;
	struct plan_snapshot s1 = {.plan_id = 999, .reason = "actief", .author = "ib.anna",
				   .content = "# OOP rekenen\n\nActief."};
	TH_OK(db_plan_save(th_db, &d, &s1, &err));
	d.plan.status = PLAN_EVALUATED;
	d.plan.evaluated = th_ymd(2026, 11, 27);
	struct plan_snapshot s2 = {.reason = "geëvalueerd", .author = "ib.bert",
				   .content = "# OOP rekenen\n\nGeëvalueerd."};
	TH_OK(db_plan_save(th_db, &d, &s2, &err));
	cr_assert_eq(d.plan.version, 3);

	struct plan_snapshot *s = NULL;
	int n = 0;
	TH_OK(db_plan_snapshots(th_db, d.plan.id, &s, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(s[0].plan_id, d.plan.id); /* taken from d, not from snap */
	cr_assert_str_eq(s[0].reason, "actief");
	cr_assert_str_eq(s[0].author, "ib.anna");
	cr_assert_str_eq(s[0].content, "# OOP rekenen\n\nActief.");
	cr_assert_str_eq(s[1].reason, "geëvalueerd");
	cr_assert_str_eq(s[1].content, "# OOP rekenen\n\nGeëvalueerd.");
	/* "YYYY-MM-DD HH:MM:SS" */
	cr_assert_eq(strlen(s[1].taken_at), 19, "%s", s[1].taken_at);
	cr_assert_eq(s[1].taken_at[10], ' ');
	cr_assert_eq(s[1].taken_at[13], ':');
	plan_snapshots_free(s, n);

	struct plan_doc got = load(d.plan.id);
	cr_assert_eq(got.plan.status, PLAN_EVALUATED);
	cr_assert_eq(got.plan.evaluated, th_ymd(2026, 11, 27));
	plandoc_free(&got);
	plandoc_free(&d);
}

Test(dbplan, delete_removes_everything_of_the_plan)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id anna = th_pupil_new(th_db, school, "Anna", NULL, "Berg");
	struct plan_doc d;
	oop_doc(&d, anna);
	plandoc_set_member(&d, "leerlingen", "Basisinstructie", anna, "Anna Berg");
	TH_OK(db_plan_create(th_db, &d, &err));
	struct plan_log_entry e = {.plan_id = d.plan.id, .date = th_ymd(2026, 10, 6),
				   .text = "Start."};
	TH_OK(db_plan_log_add(th_db, &e, &err));
	struct plan_snapshot s = {.reason = "actief", .content = "x"};
	TH_OK(db_plan_save(th_db, &d, &s, &err));

	TH_OK(db_plan_delete(th_db, d.plan.id, d.plan.version, &err));
	cr_assert_eq(db_count_rows(th_db, "plans"), 0);
	cr_assert_eq(db_count_rows(th_db, "plan_fields"), 0);
	cr_assert_eq(db_count_rows(th_db, "goals"), 0);
	cr_assert_eq(db_count_rows(th_db, "plan_log"), 0);
	cr_assert_eq(db_count_rows(th_db, "plan_snapshots"), 0);
	cr_assert_eq(db_count_rows(th_db, "plan_members"), 0);
	cr_assert_eq(db_count_rows(th_db, "pupils"), 1);
	/* gone already: bad input, not a conflict */
	cr_assert_eq(db_plan_delete(th_db, d.plan.id, d.plan.version, &err), IBIS_EINPUT);
	plandoc_free(&d);
}

/* =============================================================== logboek */

Test(dbplan, log_entries_oldest_first)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id anna = th_pupil_new(th_db, school, "Anna", NULL, "Berg");
	struct plan_doc d;
	oop_doc(&d, anna);
	TH_OK(db_plan_create(th_db, &d, &err));

	struct plan_log_entry a = {.plan_id = d.plan.id, .date = th_ymd(2026, 10, 20),
				   .author = "ib.anna", .text = "Tweede week: gaat beter."};
	struct plan_log_entry b = {.plan_id = d.plan.id, .date = th_ymd(2026, 10, 6),
				   .text = "Gestart met de aanpak."};
	struct plan_log_entry c = {.plan_id = d.plan.id, .date = th_ymd(2026, 10, 20),
				   .author = "lk.bert", .text = "Zelfde dag, later."};
	TH_OK(db_plan_log_add(th_db, &a, &err));
	TH_OK(db_plan_log_add(th_db, &b, &err));
	TH_OK(db_plan_log_add(th_db, &c, &err));
	cr_assert_gt(a.id, 0);
	cr_assert_eq(a.version, 1);

	struct plan_log_entry *l = NULL;
	int n = 0;
	TH_OK(db_plan_log_list(th_db, d.plan.id, &l, &n, &err));
	cr_assert_eq(n, 3);
	cr_assert_eq(l[0].id, b.id);
	cr_assert_null(l[0].author);
	cr_assert_eq(l[0].date, th_ymd(2026, 10, 6));
	cr_assert_eq(l[1].id, a.id);
	cr_assert_str_eq(l[1].text, "Tweede week: gaat beter.");
	cr_assert_str_eq(l[1].author, "ib.anna");
	cr_assert_eq(l[2].id, c.id);
	plan_log_free(l, n);

	/* an empty text and an unknown plan are refused */
	struct plan_log_entry empty = {.plan_id = d.plan.id, .date = th_ymd(2026, 10, 6),
				       .text = " \n"};
	cr_assert_eq(db_plan_log_add(th_db, &empty, &err), IBIS_EINPUT);
	cr_assert_eq(empty.id, 0);
	struct plan_log_entry ghost = {.plan_id = 9999, .date = th_ymd(2026, 10, 6), .text = "x"};
	cr_assert_eq(db_plan_log_add(th_db, &ghost, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, "bestaat niet"), "%s", err.message);
	cr_assert_eq(db_count_rows(th_db, "plan_log"), 3);
	plandoc_free(&d);
}

/* ================================================================ groups */

Test(dbplan, group_plans_and_pupils)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id g5 = th_group_new(th_db, school, "5A", 2026, 5, 5);
	ibis_id g4 = th_group_new(th_db, school, "4A", 2025, 5, 5);
	ibis_id zoe = th_pupil_new(th_db, school, "Zoë", "de", "Vries");
	ibis_id anna = th_pupil_new(th_db, school, "Anna", "van den", "Berg");
	ibis_id cor = th_pupil_new(th_db, school, "Cor", NULL, "Aalders");
	ibis_id left = th_pupil_new(th_db, school, "Dirk", NULL, "Dekker");
	member_add(g5, zoe);
	member_add(g5, anna);
	member_add(g5, left);
	member_add(g4, cor);
	th_sql_run(th_path, "UPDATE pupils SET left_date = '2026-10-01', destination = 'school'"
			    " WHERE id = ?", left, 0);

	struct plan_member *m = NULL;
	int n = 0;
	TH_OK(db_group_pupils(th_db, g5, &m, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(m[0].pupil_id, anna); /* Berg before Vries */
	cr_assert_str_eq(m[0].pupil_name, "Anna van den Berg");
	cr_assert_null(m[0].field_key);
	cr_assert_null(m[0].group_name);
	cr_assert_eq(m[1].pupil_id, zoe);
	cr_assert_str_eq(m[1].pupil_name, "Zoë de Vries");
	plan_members_free(m, n);
	TH_OK(db_group_pupils(th_db, g4, &m, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_eq(m[0].pupil_id, cor);
	plan_members_free(m, n);

	/* groepsplannen of 5A, newest start first, a concept without start first */
	const struct {
		const char *title;
		ibis_date start;
	} plans[] = {
		{"Rekenen herfst", th_ymd(2026, 9, 1)},
		{"Rekenen winter", th_ymd(2027, 1, 10)},
		{"Concept", DATE_NONE},
	};
	for (size_t i = 0; i < ARRAY_LEN(plans); i++) {
		struct plan_doc d;
		plandoc_init(&d);
		d.plan.template_id = xstrdup("groepsplan");
		d.plan.group_id = g5;
		d.plan.title = xstrdup(plans[i].title);
		d.plan.start = plans[i].start;
		plandoc_set_member(&d, "leerlingen", "Verlengde instructie", zoe, "Zoë de Vries");
		TH_OK(db_plan_create(th_db, &d, &err));
		plandoc_free(&d);
	}
	struct plan *p = NULL;
	TH_OK(db_plan_list_group(th_db, g5, &p, &n, &err));
	cr_assert_eq(n, 3);
	cr_assert_str_eq(p[0].title, "Concept");
	cr_assert_str_eq(p[1].title, "Rekenen winter");
	cr_assert_str_eq(p[2].title, "Rekenen herfst");
	cr_assert_eq(p[2].group_id, g5);
	cr_assert_eq(p[2].due, DATE_NONE);
	plans_free(p, n);
	TH_OK(db_plan_list_group(th_db, g4, &p, &n, &err));
	cr_assert_eq(n, 0);
	plans_free(p, n);
	/* a group plan never shows among a pupil's plans */
	TH_OK(db_plan_list(th_db, zoe, &p, &n, &err));
	cr_assert_eq(n, 0);
	plans_free(p, n);
}

/* ================================================================= facts */

Test(dbplan, facts_of_a_pupil_plan)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id g25 = th_group_new(th_db, school, "4A", 2025, 5, 5);
	ibis_id g26 = th_group_new(th_db, school, "5A", 2026, 5, 5);
	ibis_id anna = th_pupil_new(th_db, school, "Anna", "van den", "Berg");
	member_add(g25, anna);
	member_add(g26, anna);
	struct level_episode e1 = {.pupil_id = anna, .model = "6-lagen", .level = 2,
				   .start = th_ymd(2025, 9, 1), .end = DATE_NONE};
	struct level_episode e2 = {.pupil_id = anna, .model = "6-lagen", .level = 3,
				   .start = th_ymd(2026, 10, 1), .end = DATE_NONE};
	TH_OK(db_level_insert(th_db, &e1, &err));
	TH_OK(db_level_insert(th_db, &e2, &err));

	struct plan p = {.template_id = "oop", .pupil_id = anna};
	struct plan_facts f;
	TH_OK(db_plan_facts(th_db, &p, &f, &err));
	cr_assert_eq(f.pupil.id, anna);
	cr_assert_str_eq(f.pupil.last_name, "Berg");
	cr_assert_str_eq(f.group, "5A");
	cr_assert_eq(f.school_id, school);
	cr_assert_str_eq(f.school, "De Regenboog");
	cr_assert_str_eq(f.model, "6-lagen");
	cr_assert_eq(f.level, 3);
	cr_assert_eq(f.nepisodes, 2);
	cr_assert_eq(f.episodes[0].level, 2);
	cr_assert_eq(f.episodes[0].end, th_ymd(2026, 10, 1));
	cr_assert_eq(f.episodes[1].level, 3);
	plan_facts_clear(&f);
	cr_assert_null(f.school);
	cr_assert_eq(f.nepisodes, 0);

	/* next school year without a group: none */
	date_set_today(th_ymd(2027, 9, 1));
	TH_OK(db_plan_facts(th_db, &p, &f, &err));
	cr_assert_null(f.group);
	cr_assert_eq(f.level, 3);
	plan_facts_clear(&f);

	/* a pupil that does not exist */
	struct plan ghost = {.template_id = "oop", .pupil_id = 999};
	cr_assert_eq(db_plan_facts(th_db, &ghost, &f, &err), IBIS_EINPUT);
	cr_assert_null(f.school);
}

Test(dbplan, facts_of_a_group_plan)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "7-lagen");
	ibis_id g = th_group_new(th_db, school, "5B", 2025, 5, 5); /* last year's */
	struct plan p = {.template_id = "groepsplan", .group_id = g};
	struct plan_facts f;
	TH_OK(db_plan_facts(th_db, &p, &f, &err));
	cr_assert_eq(f.pupil.id, 0);
	cr_assert_str_eq(f.group, "5B");
	cr_assert_eq(f.school_id, school);
	cr_assert_str_eq(f.school, "De Regenboog");
	cr_assert_str_eq(f.model, "7-lagen");
	cr_assert_eq(f.level, 0);
	cr_assert_eq(f.nepisodes, 0);
	cr_assert_null(f.episodes);
	plan_facts_clear(&f);

	p.group_id = 999;
	cr_assert_eq(db_plan_facts(th_db, &p, &f, &err), IBIS_EINPUT);
}

/* ================================================================= users */

Test(dbplan, user_roles)
{
	struct ibis_error err = {0};
	enum user_role r = USER_ADMIN;
	/* nobody registered: a single-user installation, everyone is IB'er */
	TH_OK(db_user_role(th_db, "wie.dan.ook", &r, &err));
	cr_assert_eq(r, USER_IB);

	th_sql_run(th_path, "INSERT INTO users (login, name, role)"
			    " VALUES ('lk.bert', 'Bert', 'leerkracht')", 0, 0);
	th_sql_run(th_path, "INSERT INTO users (login, name, role, is_admin)"
			    " VALUES ('it.carla', 'Carla', 'ib', 1)", 0, 0);
	th_sql_run(th_path,
		   "INSERT INTO users (login, name, role) VALUES ('ib.anna', 'Anna', 'ib')", 0, 0);
	TH_OK(db_user_role(th_db, "lk.bert", &r, &err));
	cr_assert_eq(r, USER_LEERKRACHT);
	TH_OK(db_user_role(th_db, "it.carla", &r, &err));
	cr_assert_eq(r, USER_ADMIN);
	TH_OK(db_user_role(th_db, "ib.anna", &r, &err));
	cr_assert_eq(r, USER_IB);
	TH_OK(db_user_role(th_db, "wie.dan.ook", &r, &err));
	cr_assert_eq(r, USER_DIRECTIE);
}

/* ============================================================= deadline */

Test(dbplan, next_deadline_follows_a_concept_plans_due_date)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id anna = th_pupil_new(th_db, school, "Anna", NULL, "Berg");
	struct plan_doc d;
	plandoc_init(&d);
	d.plan.template_id = xstrdup("opp");
	d.plan.pupil_id = anna;
	d.plan.due = th_ymd(2026, 12, 4);
	TH_OK(db_plan_create(th_db, &d, &err));
	assert_next_deadline(anna, "2026-12-04");

	d.plan.due = th_ymd(2026, 12, 1);
	TH_OK(db_plan_save(th_db, &d, NULL, &err));
	assert_next_deadline(anna, "2026-12-01");

	/* an earlier goal target wins; gone again when it is met */
	struct goal g = goal_of(1, false, "Doel.", th_ymd(2026, 11, 30));
	plandoc_add_goal(&d, &g);
	TH_OK(db_plan_save(th_db, &d, NULL, &err));
	assert_next_deadline(anna, "2026-11-30");
	d.goals[0].result = GOAL_MET;
	TH_OK(db_plan_save(th_db, &d, NULL, &err));
	assert_next_deadline(anna, "2026-12-01");

	/* once active the plan has been drawn up: its due date no longer counts */
	d.plan.status = PLAN_ACTIVE;
	d.plan.eval_date = th_ymd(2027, 6, 1);
	TH_OK(db_plan_save(th_db, &d, NULL, &err));
	assert_next_deadline(anna, "2027-06-01");
	d.plan.status = PLAN_CONCEPT;
	TH_OK(db_plan_save(th_db, &d, NULL, &err));
	assert_next_deadline(anna, "2026-12-01");

	TH_OK(db_plan_delete(th_db, d.plan.id, d.plan.version, &err));
	assert_next_deadline(anna, "");
	plandoc_free(&d);
}

/* ============================================================= migration */

Test(dbplan, migration_from_version_3)
{
	struct ibis_error err = {0};
	char *old = xasprintf("%s/v3.db", th_dir);
	TH_OK(dbi_create_at_version(old, 3, &err));
	char *v = th_sql_text(old, "PRAGMA user_version", 0);
	cr_assert_str_eq(v, "3");
	free(v);
	th_sql_run(old, "INSERT INTO schools (name, level_model) VALUES ('S', '6-lagen')", 0, 0);
	th_sql_run(old, "INSERT INTO pupils (school_id, first_name, last_name, sort_key,"
			" search_key) VALUES (1, 'Anna', 'Berg', 'berg anna', 'anna berg')", 0, 0);
	th_sql_run(old, "INSERT INTO plans (template_id, pupil_id, status, eval_date)"
			" VALUES ('oop', 1, 'concept', '2026-12-10')", 0, 0);

	db_close(th_db);
	free(th_path);
	th_path = old;
	struct db_options opt = {.path = th_path, .mode = DB_EXISTING};
	TH_OK(db_open(&th_db, &opt, &err));
	cr_assert_eq(raw_int("PRAGMA user_version", 0), db_schema_version());
	cr_assert_geq(db_schema_version(), 4);
	cr_assert_eq(db_count_rows(th_db, "plan_members"), 0);
	struct strlist problems = {0};
	TH_OK(db_check(th_db, &problems, &err));
	cr_assert_eq(problems.len, 0, "%s", problems.len ? problems.items[0] : "");
	sl_free(&problems);
	assert_next_deadline(1, "2026-12-10");

	/* the old plan reads with the new columns empty and saves with them */
	struct plan_doc d = load(1);
	cr_assert_eq(d.plan.due, DATE_NONE);
	cr_assert_null(d.plan.evaluated_with);
	d.plan.due = th_ymd(2026, 12, 2);
	plandoc_set_member(&d, "leerlingen", "Basisinstructie", 1, "Anna Berg");
	TH_OK(db_plan_save(th_db, &d, NULL, &err));
	assert_next_deadline(1, "2026-12-02");
	cr_assert_eq(db_count_rows(th_db, "plan_members"), 1);
	plandoc_free(&d);
}
