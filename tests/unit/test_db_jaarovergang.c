/* test_db_jaarovergang.c - what the jaarovergang reads from the database and
 * how it writes: all in one transaction, never twice, never over a colleague's
 * changes, never on a read-only database.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/db_jaarovergang.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/jaarovergang.h"
#include "ibis/util.h"

/* ================================================================ fixture */

static ibis_id school, other;

/* A pupil at school sch, in group (0: none) with jaargroep j. */
static ibis_id pupil_new(ibis_id sch, const char *first, const char *tv, const char *last,
			 const char *number, ibis_id group, int j)
{
	struct ibis_error err = {0};
	struct pupil p = {.school_id = sch, .first_name = (char *)first,
			  .tussenvoegsel = (char *)tv, .last_name = (char *)last,
			  .number = (char *)number, .birth_date = th_ymd(2016, 3, 14),
			  .enrolled = th_ymd(2020, 8, 30), .left = DATE_NONE};
	TH_OK(db_pupil_insert(th_db, &p, &err));
	if (group)
		TH_OK(db_group_add_member(th_db, group, p.id, j, &err));
	return p.id;
}

static void setup(void)
{
	th_db_setup();
	school = th_school_new(th_db, "OBS De Linde", "12AB00", "4-niveaus");
	other = th_school_new(th_db, "CBS Elders", NULL, "4-niveaus");
}

TestSuite(dbjov, .init = setup, .fini = th_db_teardown);

/* The school of the fixture, 2026-2027: 1/2 (a kleutergroep), 5B, 8. */
struct school_2026 {
	ibis_id k, b5, g8;
	ibis_id anna, bram, cas, dirk, eva, finn;
};

static void make_2026(struct school_2026 *s)
{
	s->k = th_group_new(th_db, school, "1/2", 2026, 1, 2);
	s->b5 = th_group_new(th_db, school, "5B", 2026, 5, 5);
	s->g8 = th_group_new(th_db, school, "8", 2026, 8, 8);
	s->anna = pupil_new(school, "Anna", "van den", "Berg", "1001", s->b5, 5);
	s->bram = pupil_new(school, "Bram", NULL, "Aksoy", "1002", s->k, 2);
	s->cas = pupil_new(school, "Cas", NULL, "Claes", NULL, s->k, 1);
	s->dirk = pupil_new(school, "Dirk", NULL, "Dam", "1004", s->g8, 8);
	s->eva = pupil_new(school, "Eva", NULL, "Eik", "1005", s->b5, 5);
	s->finn = pupil_new(school, "Finn", NULL, "Faber", "1006", 0, -1);
}

static void plan_for(struct jov_plan *plan, int year)
{
	struct ibis_error err = {0};
	struct jov_input in;
	enum ibis_status st = db_jaarovergang_load(th_db, school, year, &in, &err);
	if (st != IBIS_OK)
		jov_input_free(&in);
	cr_assert_eq(st, IBIS_OK, "%s (%s)", err.message, err.detail);
	jov_plan_init(plan, &in);
}

static const struct jov_move *mv(const struct jov_plan *plan, ibis_id id)
{
	int i = jov_find(plan, id);
	cr_assert_geq(i, 0, "pupil %lld not in the plan", (long long)id);
	return &plan->moves[i];
}

/* The group name and jaargroep of a pupil in school year year, as the plan of
 * year-1 reads them (its placed_in); NULL name when none. Caller frees. */
static char *group_of(ibis_id pupil_id, int year, int *j)
{
	struct jov_plan plan;
	plan_for(&plan, year - 1);
	int i = jov_find(&plan, pupil_id);
	char *name = NULL;
	*j = -1;
	if (i >= 0 && plan.moves[i].placed_in) {
		name = xstrdup(plan.moves[i].placed_in);
		*j = plan.moves[i].placed_jaargroep;
	}
	jov_plan_free(&plan);
	return name;
}

/* ================================================================== load */

Test(dbjov, load_reads_groups_and_pupils_of_the_school)
{
	struct school_2026 s;
	make_2026(&s);
	/* a pupil of the other school, one who left, a group of another year */
	ibis_id og = th_group_new(th_db, other, "5B", 2026, 5, 5);
	pupil_new(other, "Olaf", NULL, "Other", "1001", og, 5);
	ibis_id gone = pupil_new(school, "Gijs", NULL, "Gone", "1007", s.b5, 5);
	struct ibis_error err = {0};
	struct pupil p = {0};
	TH_OK(db_pupil_get(th_db, gone, &p, &err));
	p.left = th_ymd(2026, 10, 1);
	p.destination = LEAVE_SCHOOL;
	TH_OK(db_pupil_update(th_db, &p, &err));
	pupil_clear(&p);
	th_group_new(th_db, school, "4", 2025, 4, 4);

	struct jov_input in;
	TH_OK(db_jaarovergang_load(th_db, school, 2026, &in, &err));
	cr_assert_eq(in.school_id, school);
	cr_assert_str_eq(in.school_name, "OBS De Linde");
	cr_assert_eq(in.year, 2026);
	cr_assert_eq(in.nfrom, 3);
	cr_assert_str_eq(in.from[0].name, "1/2");
	cr_assert_eq(in.from[0].kind, GROUP_COMBINATION);
	cr_assert_eq(in.from[0].jaargroep_min, 1);
	cr_assert_eq(in.from[0].jaargroep_max, 2);
	cr_assert_str_eq(in.from[1].name, "5B");
	cr_assert_eq(in.from[1].id, s.b5);
	cr_assert_str_eq(in.from[2].name, "8");
	cr_assert_eq(in.nto, 0);
	cr_assert_eq(in.npupils, 6, "at school, of this school only");
	/* by name: Aksoy, Berg, Claes, Dam, Eik, Faber */
	cr_assert_str_eq(in.pupils[0].name, "Aksoy, Bram");
	cr_assert_eq(in.pupils[0].group_id, s.k);
	cr_assert_eq(in.pupils[0].jaargroep, 2);
	cr_assert_str_eq(in.pupils[1].name, "Berg, Anna van den");
	cr_assert_str_eq(in.pupils[1].number, "1001");
	cr_assert_null(in.pupils[2].number);
	cr_assert_str_eq(in.pupils[5].name, "Faber, Finn");
	cr_assert_eq(in.pupils[5].group_id, 0);
	cr_assert_eq(in.pupils[5].jaargroep, -1);
	cr_assert_null(in.pupils[5].placed_in);
	cr_assert_eq(in.pupils[5].placed_jaargroep, -1);
	jov_input_free(&in);

	/* an unknown school */
	cr_assert_eq(db_jaarovergang_load(th_db, 999, 2026, &in, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, "999"), "%s", err.message);
	jov_input_free(&in);
}

Test(dbjov, a_group_of_another_school_gives_no_jaargroep)
{
	ibis_id og = th_group_new(th_db, other, "6", 2026, 6, 6);
	ibis_id p = pupil_new(school, "Pim", NULL, "Post", NULL, og, 6);
	struct jov_plan plan;
	plan_for(&plan, 2026);
	cr_assert_eq(mv(&plan, p)->outcome, JOV_NO_GROUP);
	jov_plan_free(&plan);
}

Test(dbjov, state_counts_groups_and_members)
{
	struct school_2026 s;
	make_2026(&s);
	th_group_new(th_db, school, "6B", 2027, 6, 6);
	struct ibis_error err = {0};
	struct jov_year_state st;
	TH_OK(db_jaarovergang_state(th_db, school, 2026, &st, &err));
	cr_assert_eq(st.groups, 3);
	cr_assert_eq(st.members, 5);
	TH_OK(db_jaarovergang_state(th_db, school, 2027, &st, &err));
	cr_assert_eq(st.groups, 1);
	cr_assert_eq(st.members, 0);
	TH_OK(db_jaarovergang_state(th_db, other, 2026, &st, &err));
	cr_assert_eq(st.groups, 0);
	cr_assert_eq(st.members, 0);
}

/* ================================================================= apply */

Test(dbjov, apply_writes_groups_members_and_leavers)
{
	struct school_2026 s;
	make_2026(&s);
	struct ibis_error err = {0};
	struct jov_plan plan;
	plan_for(&plan, 2026);
	TH_OK(jov_mark(&plan, s.eva, JOV_LEAVE, LEAVE_SBO, &err));
	cr_assert(jov_plan_ready(&plan));
	long long audit0 = db_count_rows(th_db, "audit");
	struct jov_result res;
	TH_OK(db_jaarovergang_apply(th_db, &plan, "ib", &res, &err));
	cr_assert_eq(res.moved, 3, "Anna to 6B, Bram to 3, Cas stays in 1/2");
	cr_assert_eq(res.left, 2, "Dirk to the VO, Eva to the SBO");
	cr_assert_eq(res.groups_made, 3, "1/2, 3 and 6B");
	jov_plan_free(&plan);

	struct group *g = NULL;
	int n = 0;
	TH_OK(db_group_list(th_db, school, 2027, &g, &n, &err));
	cr_assert_eq(n, 3);
	cr_assert_str_eq(g[0].name, "1/2");
	cr_assert_eq(g[0].kind, GROUP_COMBINATION);
	cr_assert_eq(g[0].jaargroep_min, 1);
	cr_assert_eq(g[0].jaargroep_max, 2);
	cr_assert_str_eq(g[1].name, "3");
	cr_assert_eq(g[1].jaargroep_min, 3);
	cr_assert_str_eq(g[2].name, "6B");
	cr_assert_eq(g[2].kind, GROUP_REGULAR);
	groups_free(g, n);

	int j;
	char *name = group_of(s.anna, 2027, &j);
	cr_assert_str_eq(name, "6B");
	cr_assert_eq(j, 6);
	free(name);
	name = group_of(s.bram, 2027, &j);
	cr_assert_str_eq(name, "3");
	cr_assert_eq(j, 3);
	free(name);
	name = group_of(s.cas, 2027, &j);
	cr_assert_str_eq(name, "1/2");
	cr_assert_eq(j, 2);
	free(name);

	struct pupil p = {0};
	TH_OK(db_pupil_get(th_db, s.dirk, &p, &err));
	cr_assert_eq(p.left, th_ymd(2027, 7, 31));
	cr_assert_eq(p.destination, LEAVE_VO);
	pupil_clear(&p);
	TH_OK(db_pupil_get(th_db, s.eva, &p, &err));
	cr_assert_eq(p.left, th_ymd(2027, 7, 31));
	cr_assert_eq(p.destination, LEAVE_SBO);
	pupil_clear(&p);
	TH_OK(db_pupil_get(th_db, s.finn, &p, &err));
	cr_assert_eq(p.left, DATE_NONE, "a pupil without a group stays");
	pupil_clear(&p);

	/* one audit row per change: 3 groups, 3 members, 2 leavers */
	cr_assert_eq(db_count_rows(th_db, "audit") - audit0, 8);
	/* the history of 2026 is still there */
	struct jov_year_state st;
	TH_OK(db_jaarovergang_state(th_db, school, 2026, &st, &err));
	cr_assert_eq(st.members, 5);
}

Test(dbjov, apply_without_login_writes_no_audit)
{
	struct school_2026 s;
	make_2026(&s);
	struct ibis_error err = {0};
	struct jov_plan plan;
	plan_for(&plan, 2026);
	TH_OK(db_jaarovergang_apply(th_db, &plan, "", NULL, &err));
	jov_plan_free(&plan);
	cr_assert_eq(db_count_rows(th_db, "audit"), 0);
	int j;
	char *name = group_of(s.anna, 2027, &j);
	cr_assert_str_eq(name, "6B");
	free(name);
}

Test(dbjov, applying_twice_is_refused_and_changes_nothing)
{
	struct school_2026 s;
	make_2026(&s);
	struct ibis_error err = {0};
	struct jov_plan plan, again;
	plan_for(&plan, 2026);
	plan_for(&again, 2026); /* a second screen read the same */
	TH_OK(db_jaarovergang_apply(th_db, &plan, "ib", NULL, &err));
	long long groups = db_count_rows(th_db, "groups"), members = db_count_rows(th_db, "group_members");
	long long audit = db_count_rows(th_db, "audit");

	/* the same plan again: the groups of 2027 are there now */
	cr_assert_neq(db_jaarovergang_apply(th_db, &plan, "ib", NULL, &err), IBIS_OK);
	cr_assert_eq(err.fault, DBF_CONFLICT);
	cr_assert_neq(db_jaarovergang_apply(th_db, &again, "ib", NULL, &err), IBIS_OK);
	jov_plan_free(&plan);
	jov_plan_free(&again);

	/* read again: everyone is placed, so it is done */
	plan_for(&plan, 2026);
	cr_assert(jov_plan_done(&plan));
	cr_assert_str_eq(mv(&plan, s.anna)->placed_in, "6B");
	cr_assert_eq(db_jaarovergang_apply(th_db, &plan, "ib", NULL, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, "al uitgevoerd"), "%s", err.message);
	jov_plan_free(&plan);

	cr_assert_eq(db_count_rows(th_db, "groups"), groups);
	cr_assert_eq(db_count_rows(th_db, "group_members"), members);
	cr_assert_eq(db_count_rows(th_db, "audit"), audit);
}

Test(dbjov, pupil_placed_meanwhile_is_refused_as_done)
{
	struct school_2026 s;
	make_2026(&s);
	ibis_id g6 = th_group_new(th_db, school, "6B", 2027, 6, 6);
	th_group_new(th_db, school, "1/2", 2027, 1, 2);
	th_group_new(th_db, school, "3", 2027, 3, 3);
	struct ibis_error err = {0};
	struct jov_plan plan;
	plan_for(&plan, 2026);
	cr_assert_not(plan.makes_groups);
	cr_assert(jov_plan_ready(&plan));
	/* a colleague puts Anna in 6B by hand */
	TH_OK(db_group_add_member(th_db, g6, s.anna, 6, &err));
	long long members = db_count_rows(th_db, "group_members");
	cr_assert_eq(db_jaarovergang_apply(th_db, &plan, "ib", NULL, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, "al uitgevoerd"), "%s", err.message);
	cr_assert(strstr(err.message, "Berg, Anna van den"), "%s", err.message);
	cr_assert_eq(db_count_rows(th_db, "group_members"), members);
	struct pupil p = {0};
	TH_OK(db_pupil_get(th_db, s.dirk, &p, &err));
	cr_assert_eq(p.left, DATE_NONE, "nothing of the plan written");
	pupil_clear(&p);
	jov_plan_free(&plan);
}

Test(dbjov, groups_made_meanwhile_are_a_conflict)
{
	struct school_2026 s;
	make_2026(&s);
	struct ibis_error err = {0};
	struct jov_plan plan;
	plan_for(&plan, 2026);
	cr_assert(plan.makes_groups);
	th_group_new(th_db, school, "6B", 2027, 6, 6);
	long long groups = db_count_rows(th_db, "groups");
	cr_assert_neq(db_jaarovergang_apply(th_db, &plan, "ib", NULL, &err), IBIS_OK);
	cr_assert_eq(err.fault, DBF_CONFLICT);
	cr_assert(strstr(err.message, "2027-2028"), "%s", err.message);
	cr_assert_eq(db_count_rows(th_db, "groups"), groups);
	cr_assert_eq(db_count_rows(th_db, "audit"), 0);
	jov_plan_free(&plan);
}

Test(dbjov, groups_gone_meanwhile_are_a_conflict)
{
	struct school_2026 s;
	make_2026(&s);
	th_group_new(th_db, school, "1/2", 2027, 1, 2);
	th_group_new(th_db, school, "3", 2027, 3, 3);
	ibis_id g6 = th_group_new(th_db, school, "6B", 2027, 6, 6);
	struct ibis_error err = {0};
	struct jov_plan plan;
	plan_for(&plan, 2026);
	TH_OK(db_group_delete(th_db, g6, &err));
	cr_assert_neq(db_jaarovergang_apply(th_db, &plan, "ib", NULL, &err), IBIS_OK);
	cr_assert_eq(err.fault, DBF_CONFLICT);
	cr_assert(strstr(err.message, "6B"), "%s", err.message);
	cr_assert_eq(db_count_rows(th_db, "group_members"), 5);
	jov_plan_free(&plan);
}

Test(dbjov, pupil_left_meanwhile_rolls_everything_back)
{
	struct school_2026 s;
	make_2026(&s);
	struct ibis_error err = {0};
	struct jov_plan plan;
	plan_for(&plan, 2026);
	struct pupil p = {0};
	TH_OK(db_pupil_get(th_db, s.eva, &p, &err));
	p.left = th_ymd(2026, 12, 1);
	p.destination = LEAVE_SCHOOL;
	TH_OK(db_pupil_update(th_db, &p, &err));
	pupil_clear(&p);
	long long groups = db_count_rows(th_db, "groups");
	cr_assert_eq(db_jaarovergang_apply(th_db, &plan, "ib", NULL, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, "Eik, Eva"), "%s", err.message);
	cr_assert_eq(db_count_rows(th_db, "groups"), groups, "the groups made are rolled back");
	cr_assert_eq(db_count_rows(th_db, "group_members"), 5);
	TH_OK(db_pupil_get(th_db, s.dirk, &p, &err));
	cr_assert_eq(p.left, DATE_NONE);
	pupil_clear(&p);
	jov_plan_free(&plan);
}

Test(dbjov, plan_not_ready_is_refused)
{
	struct school_2026 s;
	make_2026(&s);
	th_group_new(th_db, school, "6A", 2027, 6, 6);
	th_group_new(th_db, school, "6C", 2027, 6, 6);
	struct ibis_error err = {0};
	struct jov_plan plan;
	plan_for(&plan, 2026);
	cr_assert_eq(mv(&plan, s.anna)->outcome, JOV_UNPLACED);
	cr_assert_eq(db_jaarovergang_apply(th_db, &plan, "ib", NULL, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, "kies eerst een groep"), "%s", err.message);
	cr_assert_eq(db_count_rows(th_db, "group_members"), 5);
	jov_plan_free(&plan);

	/* nothing to do at all */
	plan_for(&plan, 2030);
	cr_assert_eq(db_jaarovergang_apply(th_db, &plan, "ib", NULL, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, "niets te doen"), "%s", err.message);
	jov_plan_free(&plan);
}

Test(dbjov, read_only_database_is_refused)
{
	struct school_2026 s;
	make_2026(&s);
	char *path = xstrdup(db_path(th_db));
	db_close(th_db);
	struct db_options opt = {.path = path, .mode = DB_EXISTING, .readonly = true};
	struct ibis_error err = {0};
	TH_OK(db_open(&th_db, &opt, &err));
	free(path);
	struct jov_plan plan;
	plan_for(&plan, 2026);
	cr_assert(jov_plan_ready(&plan));
	cr_assert_eq(db_jaarovergang_apply(th_db, &plan, "ib", NULL, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_READONLY);
	jov_plan_free(&plan);
	cr_assert_eq(db_count_rows(th_db, "group_members"), 5);
}

Test(dbjov, apply_inside_a_transaction_is_undone_with_it)
{
	struct school_2026 s;
	make_2026(&s);
	struct ibis_error err = {0};
	struct jov_plan plan;
	plan_for(&plan, 2026);
	TH_OK(db_begin(th_db, &err));
	TH_OK(db_jaarovergang_apply(th_db, &plan, "ib", NULL, &err));
	db_rollback(th_db);
	jov_plan_free(&plan);
	cr_assert_eq(db_count_rows(th_db, "group_members"), 5);
	struct jov_year_state st;
	TH_OK(db_jaarovergang_state(th_db, school, 2027, &st, &err));
	cr_assert_eq(st.groups, 0);
}
