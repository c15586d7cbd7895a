/* test_jaarovergang.c - the plan of a jaarovergang without a database: where
 * every pupil goes, the groups of Y+1 it makes, the exceptions, the preview
 * and the default year.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/jaarovergang.h"
#include "ibis/util.h"

/* ================================================================ fixture */

static struct jov_input in;
static struct jov_plan plan;

static void setup(void)
{
	memset(&in, 0, sizeof(in));
	memset(&plan, 0, sizeof(plan));
	in.school_id = 1;
	in.school_name = xstrdup("OBS De Test");
	in.year = 2026;
}

static void teardown(void)
{
	jov_input_free(&in);
	jov_plan_free(&plan);
}

TestSuite(jov, .init = setup, .fini = teardown);

static ibis_id add_group(struct jov_group **a, int *n, ibis_id id, const char *name, int min,
			 int max, enum group_kind kind)
{
	*a = xrealloc(*a, (size_t)(*n + 1) * sizeof(**a));
	(*a)[*n] = (struct jov_group){.id = id, .name = xstrdup(name), .kind = kind,
				      .jaargroep_min = min, .jaargroep_max = max, .source = -1};
	(*n)++;
	return id;
}

/* A group of Y; ids from 100 on, in the order made (make them in
 * db_group_list order: by jaargroep, then name). */
static ibis_id from(const char *name, int min, int max)
{
	return add_group(&in.from, &in.nfrom, 100 + in.nfrom, name, min, max,
			 min == max ? GROUP_REGULAR : GROUP_COMBINATION);
}

/* A group of Y+1 that exists already; ids from 500 on. */
static ibis_id to(const char *name, int min, int max)
{
	return add_group(&in.to, &in.nto, 500 + in.nto, name, min, max,
			 min == max ? GROUP_REGULAR : GROUP_COMBINATION);
}

/* A pupil in group (0: none) with jaargroep j of Y; add them in name order. */
static void pupil(ibis_id id, const char *name, ibis_id group, int j)
{
	in.pupils = xrealloc(in.pupils, (size_t)(in.npupils + 1) * sizeof(*in.pupils));
	in.pupils[in.npupils++] = (struct jov_pupil){
		.id = id, .name = xstrdup(name), .number = xasprintf("L%lld", (long long)id),
		.group_id = group, .jaargroep = group ? j : -1, .placed_in = NULL,
		.placed_jaargroep = -1,
	};
}

/* The last pupil added is already in group name of Y+1 with jaargroep j. */
static void placed(const char *name, int j)
{
	struct jov_pupil *p = &in.pupils[in.npupils - 1];
	p->placed_in = xstrdup(name);
	p->placed_jaargroep = j;
}

static void make_plan(void)
{
	jov_plan_init(&plan, &in);
}

static const struct jov_move *mv(ibis_id pupil_id)
{
	int i = jov_find(&plan, pupil_id);
	cr_assert_geq(i, 0, "pupil %lld not in the plan", (long long)pupil_id);
	return &plan.moves[i];
}

/* The name of the group of Y+1 a pupil moves to; NULL when not a move. */
static const char *to_name(ibis_id pupil_id)
{
	const struct jov_move *m = mv(pupil_id);
	return m->outcome == JOV_MOVE ? plan.to[m->to].name : NULL;
}

static int to_index(const char *name)
{
	for (int i = 0; i < plan.nto; i++)
		if (strcmp(plan.to[i].name, name) == 0)
			return i;
	return -1;
}

/* ============================================================ moving up */

Test(jov, regular_group_moves_up_with_its_letter)
{
	ibis_id a = from("5A", 5, 5), b = from("5B", 5, 5);
	pupil(1, "Aa, Anna", a, 5);
	pupil(2, "Bos, Bram", b, 5);
	pupil(3, "Cor, Cas", b, 5);
	make_plan();
	cr_assert(plan.makes_groups);
	cr_assert_eq(plan.nto, 2);
	cr_assert_str_eq(plan.to[0].name, "6A");
	cr_assert_str_eq(plan.to[1].name, "6B");
	cr_assert_eq(plan.to[1].id, 0);
	cr_assert_eq(plan.to[1].kind, GROUP_REGULAR);
	cr_assert_eq(plan.to[1].jaargroep_min, 6);
	cr_assert_eq(plan.to[1].jaargroep_max, 6);
	cr_assert_eq(plan.to[1].source, 1, "6B is the image of from[1] = 5B");
	cr_assert_str_eq(to_name(1), "6A");
	cr_assert_str_eq(to_name(2), "6B");
	cr_assert_str_eq(to_name(3), "6B");
	cr_assert_eq(mv(3)->to_jaargroep, 6);
	cr_assert_eq(mv(3)->outcome, JOV_MOVE);
	cr_assert_eq(mv(3)->target, 6);
	cr_assert(jov_plan_ready(&plan));
	cr_assert_not(jov_plan_done(&plan));
	struct jov_counts c;
	jov_count(&plan, &c);
	cr_assert_eq(c.pupils, 3);
	cr_assert_eq(c.up, 3);
	cr_assert_eq(c.new_groups, 2);
	cr_assert_eq(c.exceptions, 0);
}

Test(jov, combination_moves_up_each_pupil_their_own_jaargroep)
{
	ibis_id g = from("4/5", 4, 5);
	pupil(1, "Aa, Anna", g, 4);
	pupil(2, "Bos, Bram", g, 5);
	make_plan();
	cr_assert_eq(plan.nto, 1);
	cr_assert_str_eq(plan.to[0].name, "5/6");
	cr_assert_eq(plan.to[0].kind, GROUP_COMBINATION);
	cr_assert_eq(plan.to[0].jaargroep_min, 5);
	cr_assert_eq(plan.to[0].jaargroep_max, 6);
	cr_assert_str_eq(to_name(1), "5/6");
	cr_assert_eq(mv(1)->to_jaargroep, 5);
	cr_assert_str_eq(to_name(2), "5/6");
	cr_assert_eq(mv(2)->to_jaargroep, 6);
}

Test(jov, seven_eight_becomes_eight_and_groep_8_leaves_for_vo)
{
	ibis_id g = from("7/8", 7, 8), e = from("Groep 8", 8, 8);
	pupil(1, "Aa, Anna", g, 7);
	pupil(2, "Bos, Bram", g, 8);
	pupil(3, "Cor, Cas", e, 8);
	make_plan();
	cr_assert_eq(plan.nto, 1, "groep 8 has no next group");
	cr_assert_str_eq(plan.to[0].name, "8");
	cr_assert_eq(plan.to[0].kind, GROUP_REGULAR, "one jaargroep left: a regular group");
	cr_assert_eq(plan.to[0].jaargroep_min, 8);
	cr_assert_str_eq(to_name(1), "8");
	cr_assert_eq(mv(1)->to_jaargroep, 8);
	for (ibis_id id = 2; id <= 3; id++) {
		cr_assert_eq(mv(id)->outcome, JOV_LEAVES);
		cr_assert_eq(mv(id)->dest, LEAVE_VO);
		cr_assert_eq(mv(id)->to, -1);
	}
	ibis_date end;
	cr_assert(date_from_ymd(2027, 7, 31, &end));
	cr_assert_eq(plan.leave_date, end);
	struct jov_counts c;
	jov_count(&plan, &c);
	cr_assert_eq(c.vo, 2);
	cr_assert_eq(c.leaves, 0);
	cr_assert_eq(c.up, 1);
	char *s = jov_move_to(&plan, jov_find(&plan, 3));
	cr_assert_str_eq(s, "VO op 31-07-2027");
	free(s);
}

Test(jov, names_shift_every_jaargroep_number)
{
	from("Groep 7", 7, 7);
	from("Lokaal 12", 3, 3);
	from("Uilen", 6, 6);
	make_plan();
	cr_assert_geq(to_index("Groep 8"), 0);
	cr_assert_geq(to_index("Lokaal 12"), 0, "12 is not a jaargroep");
	cr_assert_geq(to_index("Uilen"), 0, "a name without a number stays");
	cr_assert_eq(plan.to[to_index("Uilen")].jaargroep_min, 7);
	cr_assert_eq(plan.to[to_index("Lokaal 12")].jaargroep_min, 4);
}

Test(jov, empty_group_gets_its_image)
{
	from("3", 3, 3);
	ibis_id g = from("4", 4, 4);
	pupil(1, "Aa, Anna", g, 4);
	make_plan();
	cr_assert_eq(plan.nto, 2);
	cr_assert_str_eq(plan.to[0].name, "4");
	cr_assert_str_eq(plan.to[1].name, "5");
	char *p = jov_preview(&plan);
	cr_assert(strstr(p, "(geen leerlingen)"), "%s", p);
	free(p);
}

/* ============================================================ kleuters */

Test(jov, kleutergroep_stays_and_oudste_kleuters_get_a_new_group)
{
	ibis_id ka = from("1/2A", 0, 2), kb = from("1/2B", 1, 2), g4 = from("4", 4, 4);
	pupil(1, "Aa, Anna", ka, 0);
	pupil(2, "Bos, Bram", ka, 1);
	pupil(3, "Cor, Cas", ka, 2);
	pupil(4, "Dam, Dirk", kb, 2);
	pupil(5, "Eik, Eva", kb, 1);
	pupil(6, "Fok, Fleur", g4, 4);
	make_plan();
	cr_assert_str_eq(to_name(1), "1/2A");
	cr_assert_eq(mv(1)->to_jaargroep, 1);
	cr_assert_str_eq(to_name(2), "1/2A");
	cr_assert_eq(mv(2)->to_jaargroep, 2);
	cr_assert_str_eq(to_name(3), "3A");
	cr_assert_eq(mv(3)->to_jaargroep, 3);
	cr_assert_str_eq(to_name(4), "3B");
	cr_assert_str_eq(to_name(5), "1/2B");
	cr_assert_str_eq(to_name(6), "5");
	int a = to_index("1/2A"), b = to_index("1/2B"), n = to_index("3A");
	cr_assert_eq(plan.to[a].kind, GROUP_COMBINATION);
	cr_assert_eq(plan.to[a].jaargroep_min, 0);
	cr_assert_eq(plan.to[a].jaargroep_max, 2);
	cr_assert_eq(plan.to[b].jaargroep_min, 1);
	cr_assert_eq(plan.to[b].jaargroep_max, 2);
	cr_assert_eq(plan.to[n].kind, GROUP_REGULAR);
	cr_assert_eq(plan.to[n].jaargroep_min, 3);
	cr_assert_eq(plan.to[n].source, 0, "3A is made for the kleuters of 1/2A");
	/* sorted by jaargroep, then name */
	cr_assert_eq(plan.nto, 5);
	cr_assert_str_eq(plan.to[0].name, "1/2A");
	cr_assert_str_eq(plan.to[1].name, "1/2B");
	cr_assert_str_eq(plan.to[2].name, "3A");
	cr_assert_str_eq(plan.to[3].name, "3B");
	cr_assert_str_eq(plan.to[4].name, "5");
}

Test(jov, oudste_kleuters_join_a_group_that_moves_up_into_groep_3)
{
	ibis_id k = from("1/2", 1, 2), c = from("2/3", 2, 3);
	pupil(1, "Aa, Anna", k, 2);
	pupil(2, "Bos, Bram", c, 2);
	make_plan();
	cr_assert_lt(to_index("3"), 0, "no new group when 3/4 takes groep 3");
	cr_assert_str_eq(to_name(1), "3/4");
	cr_assert_eq(mv(1)->to_jaargroep, 3);
	cr_assert_str_eq(to_name(2), "3/4");
}

/* ========================================================== exceptions */

Test(jov, doubler_goes_to_the_group_with_their_letter)
{
	ibis_id a4 = from("4A", 4, 4), b4 = from("4B", 4, 4), b5 = from("5B", 5, 5);
	pupil(1, "Aa, Anna", b5, 5);
	pupil(2, "Bos, Bram", b5, 5);
	(void)a4;
	(void)b4;
	make_plan();
	struct ibis_error err = {0};
	TH_OK(jov_mark(&plan, 1, JOV_DOUBLE, LEAVE_NONE, &err));
	cr_assert_str_eq(to_name(1), "5B");
	cr_assert_eq(mv(1)->to_jaargroep, 5);
	cr_assert_eq(mv(1)->mark, JOV_DOUBLE);
	cr_assert_str_eq(to_name(2), "6B");
	struct jov_counts c;
	jov_count(&plan, &c);
	cr_assert_eq(c.doubles, 1);
	cr_assert_eq(c.up, 1);
	cr_assert_eq(c.exceptions, 1);
	/* undone */
	TH_OK(jov_mark(&plan, 1, JOV_NORMAL, LEAVE_NONE, &err));
	cr_assert_str_eq(to_name(1), "6B");
	jov_count(&plan, &c);
	cr_assert_eq(c.exceptions, 0);
}

Test(jov, doubler_nobody_moves_up_to_gets_a_new_group)
{
	ibis_id b4 = from("4B", 4, 4);
	pupil(1, "Aa, Anna", b4, 4);
	pupil(2, "Bos, Bram", b4, 4);
	make_plan();
	struct ibis_error err = {0};
	TH_OK(jov_mark(&plan, 2, JOV_DOUBLE, LEAVE_NONE, &err));
	cr_assert_str_eq(to_name(1), "5B");
	cr_assert_str_eq(to_name(2), "4B");
	int n = to_index("4B");
	cr_assert_eq(plan.to[n].id, 0);
	cr_assert_eq(plan.to[n].jaargroep_min, 4);
	cr_assert_eq(plan.to[n].source, 0);
	cr_assert_eq(plan.nto, 2);
	/* the made group goes again when the mark is undone */
	TH_OK(jov_mark(&plan, 2, JOV_NORMAL, LEAVE_NONE, &err));
	cr_assert_eq(plan.nto, 1);
}

Test(jov, doubler_in_groep_8_stays_in_groep_8)
{
	ibis_id g7 = from("7", 7, 7), g8 = from("8", 8, 8);
	pupil(1, "Aa, Anna", g8, 8);
	(void)g7;
	make_plan();
	struct ibis_error err = {0};
	TH_OK(jov_mark(&plan, 1, JOV_DOUBLE, LEAVE_NONE, &err));
	cr_assert_str_eq(to_name(1), "8");
	cr_assert_eq(mv(1)->to_jaargroep, 8);
}

Test(jov, versneller_skips_a_year_and_from_7_goes_to_vo)
{
	from("6A", 6, 6);
	ibis_id b6 = from("6B", 6, 6), b5 = from("5B", 5, 5), g7 = from("7", 7, 7);
	pupil(1, "Aa, Anna", b5, 5);
	pupil(2, "Bos, Bram", g7, 7);
	(void)b6;
	make_plan();
	struct ibis_error err = {0};
	TH_OK(jov_mark(&plan, 1, JOV_SKIP, LEAVE_NONE, &err));
	TH_OK(jov_mark(&plan, 2, JOV_SKIP, LEAVE_NONE, &err));
	cr_assert_str_eq(to_name(1), "7B");
	cr_assert_eq(mv(1)->to_jaargroep, 7);
	cr_assert_eq(mv(2)->outcome, JOV_LEAVES);
	cr_assert_eq(mv(2)->dest, LEAVE_VO);
	struct jov_counts c;
	jov_count(&plan, &c);
	cr_assert_eq(c.skips, 1);
	cr_assert_eq(c.vo, 1, "a versneller from groep 7 counts as VO");
}

Test(jov, leaver_leaves_with_the_destination)
{
	ibis_id g = from("5", 5, 5);
	pupil(1, "Aa, Anna", g, 5);
	pupil(2, "Bos, Bram", g, 5);
	make_plan();
	struct ibis_error err = {0};
	cr_assert_eq(jov_mark(&plan, 1, JOV_LEAVE, LEAVE_NONE, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, "bestemming"), "%s", err.message);
	cr_assert_eq(mv(1)->outcome, JOV_MOVE, "a refused mark changes nothing");
	TH_OK(jov_mark(&plan, 1, JOV_LEAVE, LEAVE_SBO, &err));
	cr_assert_eq(mv(1)->outcome, JOV_LEAVES);
	cr_assert_eq(mv(1)->dest, LEAVE_SBO);
	char *s = jov_move_to(&plan, jov_find(&plan, 1));
	cr_assert_str_eq(s, "vertrekt (sbo) op 31-07-2027");
	free(s);
	struct jov_counts c;
	jov_count(&plan, &c);
	cr_assert_eq(c.leaves, 1);
	cr_assert_eq(c.vo, 0);
	cr_assert_str_eq(jov_mark_name(JOV_LEAVE), "vertrekt");
	/* no group to choose for a leaver */
	cr_assert_eq(jov_choose(&plan, 1, "6", -1, &err), IBIS_EINPUT);
}

Test(jov, marks_refused_for_unknown_placed_and_groupless_pupils)
{
	ibis_id g = from("5", 5, 5);
	to("6", 6, 6);
	pupil(1, "Aa, Anna", g, 5);
	placed("6", 6);
	pupil(2, "Bos, Bram", 0, -1);
	make_plan();
	struct ibis_error err = {0};
	cr_assert_eq(jov_mark(&plan, 99, JOV_DOUBLE, LEAVE_NONE, &err), IBIS_EINPUT);
	cr_assert_eq(jov_mark(&plan, 1, JOV_DOUBLE, LEAVE_NONE, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, "zit al in groep 6"), "%s", err.message);
	cr_assert_eq(jov_mark(&plan, 2, JOV_SKIP, LEAVE_NONE, &err), IBIS_EINPUT);
	cr_assert_eq(mv(2)->outcome, JOV_NO_GROUP);
	TH_OK(jov_mark(&plan, 2, JOV_LEAVE, LEAVE_SCHOOL, &err));
	cr_assert_eq(mv(2)->outcome, JOV_LEAVES);
}

/* ======================================================= choosing groups */

Test(jov, several_groups_without_a_letter_need_a_choice)
{
	ibis_id g = from("5", 5, 5);
	to("6A", 6, 6);
	to("6B", 6, 6);
	pupil(1, "Aa, Anna", g, 5);
	make_plan();
	cr_assert_not(plan.makes_groups);
	const struct jov_move *m = mv(1);
	cr_assert_eq(m->outcome, JOV_UNPLACED);
	cr_assert_eq(m->target, 6);
	cr_assert(strstr(m->why, "6A en 6B"), "%s", m->why);
	cr_assert_not(jov_plan_ready(&plan));
	int cand[4];
	cr_assert_eq(jov_candidates(&plan, jov_find(&plan, 1), cand, 4), 2);
	cr_assert_str_eq(plan.to[cand[0]].name, "6A");
	cr_assert_str_eq(plan.to[cand[1]].name, "6B");
	char *s = jov_move_to(&plan, 0);
	cr_assert_str_eq(s, "kies een groep (groep 6)");
	free(s);

	struct ibis_error err = {0};
	cr_assert_eq(jov_choose(&plan, 1, "7Z", -1, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, "kies uit: 6A, 6B"), "%s", err.message);
	cr_assert_eq(jov_choose(&plan, 1, "6A", 4, &err), IBIS_EINPUT);
	cr_assert_null(mv(1)->choice, "a refused choice changes nothing");
	TH_OK(jov_choose(&plan, 1, "6b", -1, &err));
	cr_assert_str_eq(to_name(1), "6B");
	cr_assert_eq(mv(1)->to_jaargroep, 6);
	cr_assert_str_eq(mv(1)->choice, "6B");
	cr_assert(jov_plan_ready(&plan));
	struct jov_counts c;
	jov_count(&plan, &c);
	cr_assert_eq(c.exceptions, 1);
	cr_assert_eq(c.new_groups, 0);
	/* undone */
	TH_OK(jov_choose(&plan, 1, NULL, -1, &err));
	cr_assert_eq(mv(1)->outcome, JOV_UNPLACED);
}

Test(jov, existing_groups_are_used_as_they_are)
{
	ibis_id a = from("5A", 5, 5), k = from("1/2", 1, 2), s = from("3", 3, 3);
	to("1/2", 1, 2);
	to("6A", 6, 6);
	pupil(1, "Aa, Anna", a, 5);
	pupil(2, "Bos, Bram", k, 2);
	pupil(3, "Cor, Cas", k, 1);
	pupil(4, "Dam, Dirk", s, 3);
	make_plan();
	cr_assert_not(plan.makes_groups);
	cr_assert_eq(plan.nto, 2, "no groups made beside the school's own");
	cr_assert_str_eq(to_name(1), "6A");
	cr_assert_eq(plan.to[mv(1)->to].id, 501);
	cr_assert_str_eq(to_name(3), "1/2");
	cr_assert_eq(mv(2)->outcome, JOV_UNPLACED, "no groep 3 in Y+1");
	cr_assert(strstr(mv(2)->why, "geen groep met jaargroep 3"), "%s", mv(2)->why);
	cr_assert_eq(mv(4)->outcome, JOV_UNPLACED);
	int cand[4];
	cr_assert_eq(jov_candidates(&plan, jov_find(&plan, 4), cand, 4), 2,
		     "no group holds groep 4: all of them");
	struct ibis_error err = {0};
	TH_OK(jov_choose(&plan, 4, "6A", -1, &err));
	cr_assert_eq(mv(4)->to_jaargroep, 6, "the group's only jaargroep");
}

Test(jov, groupless_pupil_stays_without_unless_chosen_with_a_jaargroep)
{
	ibis_id k = from("1/2", 1, 2);
	pupil(1, "Aa, Anna", k, 1);
	pupil(2, "Bos, Bram", 0, -1);
	make_plan();
	cr_assert_eq(mv(2)->outcome, JOV_NO_GROUP);
	cr_assert_eq(mv(2)->from, -1);
	cr_assert(jov_plan_ready(&plan), "a pupil without a group does not block");
	char *s = jov_move_from(&plan, jov_find(&plan, 2));
	cr_assert_str_eq(s, "geen groep");
	free(s);
	s = jov_move_to(&plan, jov_find(&plan, 2));
	cr_assert_str_eq(s, "zonder groep");
	free(s);
	struct ibis_error err = {0};
	cr_assert_eq(jov_choose(&plan, 2, "1/2", -1, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, "jaargroep"), "%s", err.message);
	cr_assert_eq(mv(2)->outcome, JOV_NO_GROUP);
	TH_OK(jov_choose(&plan, 2, "1/2", 1, &err));
	cr_assert_str_eq(to_name(2), "1/2");
	cr_assert_eq(mv(2)->to_jaargroep, 1);
}

Test(jov, moves_are_by_group_then_name_groupless_last)
{
	ibis_id a = from("3", 3, 3), b = from("4", 4, 4);
	pupil(1, "Aa, Anna", b, 4);
	pupil(2, "Bos, Bram", 0, -1);
	pupil(3, "Cor, Cas", a, 3);
	pupil(4, "Dam, Dirk", b, 4);
	make_plan();
	cr_assert_eq(plan.nmoves, 4);
	cr_assert_eq(plan.moves[0].pupil_id, 3);
	cr_assert_eq(plan.moves[1].pupil_id, 1);
	cr_assert_eq(plan.moves[2].pupil_id, 4);
	cr_assert_eq(plan.moves[3].pupil_id, 2);
	cr_assert_str_eq(plan.moves[1].number, "L1");
	cr_assert_eq(in.npupils, 0, "the plan took over the input");
}

/* ========================================================== done, ready */

Test(jov, done_when_everyone_is_placed)
{
	ibis_id g = from("5", 5, 5);
	to("6", 6, 6);
	pupil(1, "Aa, Anna", g, 5);
	placed("6", 6);
	pupil(2, "Bos, Bram", g, 5);
	placed("6", 6);
	pupil(3, "Cor, Cas", 0, -1);
	make_plan();
	cr_assert_eq(mv(1)->outcome, JOV_PLACED);
	cr_assert(jov_plan_done(&plan));
	cr_assert_not(jov_plan_ready(&plan));
	char *s = jov_move_to(&plan, jov_find(&plan, 1));
	cr_assert_str_eq(s, "al in 6, groep 6");
	free(s);
	char *p = jov_preview(&plan);
	cr_assert(strstr(p, "Samen 3 leerlingen: 1 blijft zonder groep, 2 al geplaatst.\n"), "%s", p);
	free(p);
}

Test(jov, nothing_to_do_is_neither_ready_nor_done)
{
	pupil(1, "Aa, Anna", 0, -1);
	make_plan();
	cr_assert_not(jov_plan_ready(&plan));
	cr_assert_not(jov_plan_done(&plan));
	char *p = jov_preview(&plan);
	cr_assert(strstr(p, "De school heeft in 2026-2027 geen groepen"), "%s", p);
	cr_assert(strstr(p, "Samen 1 leerling: 1 blijft zonder groep.\n"), "%s", p);
	cr_assert_null(strstr(p, "gemaakt"), "%s", p);
	free(p);
}

Test(jov, partly_placed_is_not_done)
{
	ibis_id g = from("5", 5, 5);
	to("6", 6, 6);
	pupil(1, "Aa, Anna", g, 5);
	placed("6", 6);
	pupil(2, "Bos, Bram", g, 5);
	make_plan();
	cr_assert_not(jov_plan_done(&plan));
	cr_assert(jov_plan_ready(&plan));
	cr_assert_str_eq(to_name(2), "6");
}

/* ============================================================= preview */

Test(jov, preview_says_where_everyone_goes)
{
	ibis_id k = from("1/2A", 1, 2), b = from("5B", 5, 5), e = from("8", 8, 8);
	pupil(1, "Aa, Anna", k, 2);
	pupil(2, "Bos, Bram", b, 5);
	pupil(3, "Cor, Cas", b, 5);
	pupil(4, "Dam, Dirk", e, 8);
	pupil(5, "Eik, Eva", 0, -1);
	make_plan();
	struct ibis_error err = {0};
	TH_OK(jov_mark(&plan, 3, JOV_LEAVE, LEAVE_SO, &err));
	char *p = jov_preview(&plan);
	const char *want[] = {
		"Jaarovergang OBS De Test: 2026-2027 → 2027-2028\n",
		"De groepen van 2027-2028 bestaan nog niet",
		"  1/2A           1 → 3A: 1\n",
		"  5B             2 → 6B: 1, vertrekt: 1\n",
		"  8              1 → VO: 1\n",
		"  (geen groep)   1 → zonder groep: 1\n",
		"Nieuwe groepen in 2027-2028:\n",
		"  3A           groep 3, uit 1/2A\n",
		"  6B           groep 6, uit 5B\n",
		"Uitzonderingen (1):\n",
		"      3  Cor, Cas                  5B, groep 5 → vertrekt (so) op 31-07-2027 "
		"(vertrekt)\n",
		"Naar het VO op 31-07-2027 (1):\n",
		"      4  Dam, Dirk                 8, groep 8\n",
		"Zonder groep in 2027-2028 (1):\n",
		"      5  Eik, Eva                  geen groep → blijft zonder groep\n",
		/* wrapped at 78 columns */
		"\nSamen 5 leerlingen: 2 gaan over, 1 naar het VO, 1 vertrekt, 1 blijft zonder\n"
		"groep.\n",
		"3 groepen worden gemaakt.\n",
	};
	for (size_t i = 0; i < ARRAY_LEN(want); i++)
		cr_assert(strstr(p, want[i]), "missing \"%s\" in:\n%s", want[i], p);
	free(p);
}

Test(jov, preview_lists_who_needs_a_choice)
{
	ibis_id g = from("5", 5, 5);
	to("6A", 6, 6);
	to("6B", 6, 6);
	pupil(1, "Aa, Anna", g, 5);
	make_plan();
	char *p = jov_preview(&plan);
	cr_assert(strstr(p, "De leerlingen gaan naar de 2 groepen die 2027-2028 al heeft."), "%s", p);
	cr_assert(strstr(p, "  5              1 → kies een groep: 1\n"), "%s", p);
	cr_assert(strstr(p, "→ kies een groep\n          2027-2028 heeft meer groepen met "
			    "jaargroep 6: 6A en 6B.\n"), "%s", p);
	cr_assert(strstr(p, "1 nog zonder groep (kies een groep)"), "%s", p);
	cr_assert_null(strstr(p, "Nieuwe groepen"), "%s", p);
	free(p);
}

/* ======================================================== default year */

Test(jov, default_year)
{
	struct ibis_error err = {0};
	/* during the year: this year's groups are filled, next year's not */
	struct jov_year_state a[3] = {{10, 200}, {11, 210}, {0, 0}};
	cr_assert_eq(jov_default_year(2026, a, &err), 2026);
	/* the school made next year's groups already, without pupils */
	struct jov_year_state b[3] = {{10, 200}, {11, 210}, {11, 0}};
	cr_assert_eq(jov_default_year(2026, b, &err), 2026);
	/* after the summer, nobody in this year's groups yet (made or not) */
	struct jov_year_state c[3] = {{10, 200}, {11, 0}, {0, 0}};
	cr_assert_eq(jov_default_year(2026, c, &err), 2025);
	struct jov_year_state d[3] = {{10, 200}, {0, 0}, {0, 0}};
	cr_assert_eq(jov_default_year(2026, d, &err), 2025);
	/* done */
	struct jov_year_state e[3] = {{10, 200}, {11, 210}, {11, 190}};
	cr_assert_eq(jov_default_year(2026, e, &err), -1);
	cr_assert_eq(err.status, IBIS_EINPUT);
	cr_assert(strstr(err.message, "al uitgevoerd"), "%s", err.message);
	cr_assert(strstr(err.message, "2027-2028"), "%s", err.message);
	/* nobody anywhere */
	ibis_error_clear(&err);
	struct jov_year_state f[3] = {{0, 0}, {3, 0}, {0, 0}};
	cr_assert_eq(jov_default_year(2026, f, &err), -1);
	cr_assert(strstr(err.message, "geen leerlingen in een groep"), "%s", err.message);
}
