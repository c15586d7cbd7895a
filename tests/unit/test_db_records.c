/* test_db_records.c - every record type stored and read back, the rules the
 * schema enforces, optimistic locking, and the windowed pupil list with its
 * diacritics-insensitive search.
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
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/util.h"

/* =============================================================== schools */

TestSuite(records, .init = th_db_setup, .fini = th_db_teardown);

Test(records, school_round_trip)
{
	struct ibis_error err = {0};
	struct school s = {.name = "OBS Het Kompas", .brin = "12AB00", .level_model = "4-niveaus",
			   .groepsbesprekingen = 4};
	cr_assert_eq(db_school_insert(th_db, &s, &err), IBIS_OK, "%s", err.message);
	th_school_new(th_db, "CBS De Akker", NULL, "6-lagen");

	struct school got = {0};
	TH_OK(db_school_get(th_db, s.id, &got, &err));
	cr_assert_eq(got.id, s.id);
	cr_assert_str_eq(got.name, "OBS Het Kompas");
	cr_assert_str_eq(got.brin, "12AB00");
	cr_assert_str_eq(got.level_model, "4-niveaus");
	cr_assert_eq(got.groepsbesprekingen, 4);
	cr_assert_eq(got.version, 1);
	school_clear(&got);

	struct school *list = NULL;
	int n = 0;
	TH_OK(db_school_list(th_db, &list, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_str_eq(list[0].name, "CBS De Akker"); /* by name */
	cr_assert_null(list[0].brin);
	cr_assert_str_eq(list[1].name, "OBS Het Kompas");
	schools_free(list, n);

	/* the same BRIN twice */
	struct school dup = {.name = "Kopie", .brin = "12AB00", .level_model = "4-niveaus"};
	cr_assert_eq(db_school_insert(th_db, &dup, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	cr_assert_str_eq(err.message, "Er is al een school met BRIN-code 12AB00.");
	/* a malformed BRIN */
	struct school bad = {.name = "Fout", .brin = "12", .level_model = "4-niveaus"};
	cr_assert_eq(db_school_insert(th_db, &bad, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	/* unknown id */
	cr_assert_eq(db_school_get(th_db, 999, &got, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "School 999 bestaat niet.");
	cr_assert_eq(db_count_rows(th_db, "schools"), 2);
}

/* ================================================================ groups */

Test(records, group_round_trip_and_order)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id other = th_school_new(th_db, "De Linde", NULL, "6-lagen");
	ibis_id g5b = th_group_new(th_db, school, "5B", 2026, 5, 5);
	ibis_id g45 = th_group_new(th_db, school, "4/5", 2026, 4, 5);
	ibis_id g5a = th_group_new(th_db, school, "5A", 2026, 5, 5);
	th_group_new(th_db, school, "5A", 2025, 5, 5); /* last year's */
	th_group_new(th_db, other, "1/2", 2026, 0, 2);

	struct group g = {0};
	TH_OK(db_group_get(th_db, g45, &g, &err));
	cr_assert_str_eq(g.name, "4/5");
	cr_assert_eq(g.school_id, school);
	cr_assert_eq(g.school_year, 2026);
	cr_assert_eq(g.kind, GROUP_COMBINATION);
	cr_assert_eq(g.jaargroep_min, 4);
	cr_assert_eq(g.jaargroep_max, 5);
	cr_assert_eq(g.version, 1);
	group_clear(&g);

	struct group *list = NULL;
	int n = 0;
	TH_OK(db_group_list(th_db, school, 2026, &list, &n, &err));
	cr_assert_eq(n, 3);
	cr_assert_eq(list[0].id, g45); /* jaargroep 4 first, then 5A, 5B */
	cr_assert_eq(list[1].id, g5a);
	cr_assert_eq(list[2].id, g5b);
	groups_free(list, n);
	TH_OK(db_group_list(th_db, 0, 2026, &list, &n, &err));
	cr_assert_eq(n, 4);
	cr_assert_str_eq(list[0].name, "1/2");
	groups_free(list, n);
	TH_OK(db_group_list(th_db, school, 2030, &list, &n, &err));
	cr_assert_eq(n, 0);
	groups_free(list, n);

	/* the same name twice in one school year */
	struct group dup = {.school_id = school, .name = "5B", .school_year = 2026,
			    .jaargroep_min = 5, .jaargroep_max = 5};
	cr_assert_eq(db_group_insert(th_db, &dup, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	cr_assert_str_eq(err.message, "Er is in 2026-2027 al een groep 5B.");
	/* jaargroep out of range, and max below min */
	struct group bad = {.school_id = school, .name = "9", .school_year = 2026,
			    .jaargroep_min = 9, .jaargroep_max = 9};
	cr_assert_eq(db_group_insert(th_db, &bad, &err), IBIS_EINPUT);
	struct group bad2 = {.school_id = school, .name = "x", .school_year = 2026,
			     .jaargroep_min = 5, .jaargroep_max = 4};
	cr_assert_eq(db_group_insert(th_db, &bad2, &err), IBIS_EINPUT);
	cr_assert_eq(db_group_get(th_db, 999, &g, &err), IBIS_EINPUT);
}

Test(records, placement_and_teachers)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id g45 = th_group_new(th_db, school, "4/5", 2026, 4, 5);
	ibis_id g3 = th_group_new(th_db, school, "3", 2025, 3, 3);
	ibis_id pupil = th_pupil_new(th_db, school, "Anna", "van den", "Berg");

	TH_OK(db_group_add_member(th_db, g3, pupil, 3, &err));
	TH_OK(db_group_add_member(th_db, g45, pupil, 4, &err));
	TH_OK(db_group_add_teacher(th_db, g45, "Juf Sanne", 0, &err));
	TH_OK(db_group_add_teacher(th_db, g45, "Meester Rob", 0, &err));

	char *teachers = NULL;
	TH_OK(db_group_teachers(th_db, g45, &teachers, &err));
	cr_assert_str_eq(teachers, "Juf Sanne, Meester Rob");
	free(teachers);
	TH_OK(db_group_teachers(th_db, g3, &teachers, &err));
	cr_assert_null(teachers);

	struct placement pl;
	TH_OK(db_pupil_placement(th_db, pupil, 2026, &pl, &err));
	cr_assert_eq(pl.group_id, g45);
	cr_assert_str_eq(pl.group_name, "4/5");
	cr_assert_eq(pl.jaargroep, 4);
	cr_assert_eq(pl.school_id, school);
	cr_assert_str_eq(pl.school_name, "De Regenboog");
	cr_assert_str_eq(pl.teachers, "Juf Sanne, Meester Rob");
	placement_clear(&pl);
	cr_assert_null(pl.group_name);
	cr_assert_eq(pl.jaargroep, -1);

	TH_OK(db_pupil_placement(th_db, pupil, 2025, &pl, &err));
	cr_assert_eq(pl.group_id, g3);
	cr_assert_eq(pl.jaargroep, 3);
	cr_assert_null(pl.teachers);
	placement_clear(&pl);

	/* a year without a group still names the school */
	TH_OK(db_pupil_placement(th_db, pupil, 2027, &pl, &err));
	cr_assert_eq(pl.group_id, 0);
	cr_assert_null(pl.group_name);
	cr_assert_eq(pl.jaargroep, -1);
	cr_assert_eq(pl.school_id, school);
	cr_assert_str_eq(pl.school_name, "De Regenboog");
	placement_clear(&pl);

	cr_assert_eq(db_pupil_placement(th_db, 999, 2026, &pl, &err), IBIS_EINPUT);
	placement_clear(&pl);
}

Test(records, one_group_per_school_year)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id g5a = th_group_new(th_db, school, "5A", 2026, 5, 5);
	ibis_id g5b = th_group_new(th_db, school, "5B", 2026, 5, 5);
	ibis_id pupil = th_pupil_new(th_db, school, "Daan", "de", "Vries");

	TH_OK(db_group_add_member(th_db, g5a, pupil, 5, &err));
	cr_assert_eq(db_group_add_member(th_db, g5b, pupil, 5, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	char *want = xasprintf("Leerling %lld zit dat schooljaar al in een groep.", pupil);
	cr_assert_str_eq(err.message, want);
	free(want);
	cr_assert_eq(db_count_rows(th_db, "group_members"), 1);

	/* jaargroep 0-8 only; unknown group; unknown pupil */
	ibis_id p2 = th_pupil_new(th_db, school, "Eva", NULL, "Aydın");
	cr_assert_eq(db_group_add_member(th_db, g5b, p2, 9, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	cr_assert_eq(db_group_add_member(th_db, 999, p2, 5, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	cr_assert_str_eq(err.message, "Groep 999 bestaat niet.");
	cr_assert_eq(db_group_add_member(th_db, g5b, 999, 5, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	cr_assert_eq(db_count_rows(th_db, "group_members"), 1);
}

/* ================================================================ pupils */

Test(records, pupil_round_trip_with_unicode_names)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	struct pupil p = {.school_id = school, .number = "20230017", .first_name = "Zoë",
			  .last_name = "Çelik-van den Berg", .birth_date = th_ymd(2016, 2, 29),
			  .address = "Kerkstraat 1, 1234 AB Ĳsselstein",
			  .enrolled = th_ymd(2020, 8, 31), .left = th_ymd(2026, 7, 10),
			  .destination = LEAVE_SBO, .notes = "Zit graag vooraan.\nLinkshandig."};
	TH_OK(db_pupil_insert(th_db, &p, &err));

	struct pupil got;
	memset(&got, 0, sizeof(got));
	TH_OK(db_pupil_get(th_db, p.id, &got, &err));
	cr_assert_eq(got.id, p.id);
	cr_assert_eq(got.school_id, school);
	cr_assert_str_eq(got.number, "20230017");
	cr_assert_str_eq(got.first_name, "Zoë");
	cr_assert_null(got.tussenvoegsel);
	cr_assert_str_eq(got.last_name, "Çelik-van den Berg");
	cr_assert_eq(got.birth_date, th_ymd(2016, 2, 29));
	cr_assert_str_eq(got.address, "Kerkstraat 1, 1234 AB Ĳsselstein");
	cr_assert_eq(got.enrolled, th_ymd(2020, 8, 31));
	cr_assert_eq(got.left, th_ymd(2026, 7, 10));
	cr_assert_eq(got.destination, LEAVE_SBO);
	cr_assert_str_eq(got.notes, "Zit graag vooraan.\nLinkshandig.");
	cr_assert_eq(got.version, 1);
	pupil_clear(&got);

	/* empty optional fields are stored as absent */
	struct pupil q = {.school_id = school, .number = "", .first_name = "Ĳsbrand",
			  .tussenvoegsel = "", .last_name = "Yılmaz", .birth_date = DATE_NONE,
			  .enrolled = DATE_NONE, .left = DATE_NONE};
	TH_OK(db_pupil_insert(th_db, &q, &err));
	TH_OK(db_pupil_get(th_db, q.id, &got, &err));
	cr_assert_str_eq(got.first_name, "Ĳsbrand");
	cr_assert_str_eq(got.last_name, "Yılmaz");
	cr_assert_null(got.number);
	cr_assert_null(got.tussenvoegsel);
	cr_assert_eq(got.birth_date, DATE_NONE);
	cr_assert_eq(got.left, DATE_NONE);
	cr_assert_eq(got.destination, LEAVE_NONE);
	pupil_clear(&got);

	cr_assert_eq(db_pupil_get(th_db, 999, &got, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "Leerling 999 bestaat niet.");
}

Test(records, pupil_rules)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	struct pupil p = {.school_id = school, .number = "17", .first_name = "Anna",
			  .last_name = "Berg", .birth_date = DATE_NONE, .enrolled = DATE_NONE,
			  .left = DATE_NONE};
	TH_OK(db_pupil_insert(th_db, &p, &err));

	/* the same leerlingnummer in one school */
	struct pupil dup = p;
	dup.id = 0;
	cr_assert_eq(db_pupil_insert(th_db, &dup, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	cr_assert_str_eq(err.message, "Er is op deze school al een leerling met leerlingnummer 17.");
	/* no last name */
	struct pupil noname = {.school_id = school, .first_name = "Anna", .last_name = "",
			       .birth_date = DATE_NONE, .enrolled = DATE_NONE, .left = DATE_NONE};
	cr_assert_eq(db_pupil_insert(th_db, &noname, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	/* a school that does not exist */
	struct pupil nowhere = {.school_id = 999, .first_name = "Anna", .last_name = "Berg",
				.birth_date = DATE_NONE, .enrolled = DATE_NONE, .left = DATE_NONE};
	cr_assert_eq(db_pupil_insert(th_db, &nowhere, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	cr_assert_str_eq(err.message, "School 999 bestaat niet.");
	/* left before enrolling; a destination without leaving */
	struct pupil early = {.school_id = school, .first_name = "Bram", .last_name = "Bergen",
			      .birth_date = DATE_NONE, .enrolled = th_ymd(2024, 8, 1),
			      .left = th_ymd(2024, 7, 1)};
	cr_assert_eq(db_pupil_insert(th_db, &early, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	struct pupil dest = {.school_id = school, .first_name = "Bram", .last_name = "Bergen",
			     .birth_date = DATE_NONE, .enrolled = DATE_NONE, .left = DATE_NONE,
			     .destination = LEAVE_VO};
	cr_assert_eq(db_pupil_insert(th_db, &dest, &err), IBIS_EINPUT);
	cr_assert_eq(db_count_rows(th_db, "pupils"), 1);
}

Test(records, pupil_update_and_conflict)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id id = th_pupil_new(th_db, school, "Anna", "van den", "Berg");

	/* two screens read the same pupil */
	struct pupil mine, theirs, got;
	memset(&mine, 0, sizeof(mine));
	memset(&theirs, 0, sizeof(theirs));
	memset(&got, 0, sizeof(got));
	TH_OK(db_pupil_get(th_db, id, &mine, &err));
	TH_OK(db_pupil_get(th_db, id, &theirs, &err));

	free(theirs.notes);
	theirs.notes = xstrdup("Bril sinds september.");
	TH_OK(db_pupil_update(th_db, &theirs, &err));
	cr_assert_eq(theirs.version, 2);

	free(mine.last_name);
	mine.last_name = xstrdup("Bergh");
	cr_assert_eq(db_pupil_update(th_db, &mine, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_CONFLICT);
	char *want = xasprintf("Leerling %lld is intussen door iemand anders gewijzigd; uw "
			       "wijzigingen zijn niet opgeslagen.",
			       id);
	cr_assert_str_eq(err.message, want);
	free(want);
	cr_assert_eq(mine.version, 1);

	/* the row is as the other left it */
	TH_OK(db_pupil_get(th_db, id, &got, &err));
	cr_assert_str_eq(got.last_name, "Berg");
	cr_assert_str_eq(got.notes, "Bril sinds september.");
	cr_assert_eq(got.version, 2);
	pupil_clear(&got);

	/* reading again and saving works, and the keys follow the new name */
	TH_OK(db_pupil_get(th_db, id, &mine, &err));
	free(mine.last_name);
	mine.last_name = xstrdup("Çelik");
	free(mine.tussenvoegsel);
	mine.tussenvoegsel = NULL;
	TH_OK(db_pupil_update(th_db, &mine, &err));
	cr_assert_eq(mine.version, 3);
	struct pupil_query q = {.search = "celik", .school_year = 2026};
	int count = -1;
	TH_OK(db_pupil_count(th_db, &q, &count, &err));
	cr_assert_eq(count, 1);
	q.search = "van den berg";
	TH_OK(db_pupil_count(th_db, &q, &count, &err));
	cr_assert_eq(count, 0);

	/* a pupil that is gone */
	mine.id = 999;
	cr_assert_eq(db_pupil_update(th_db, &mine, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "Leerling 999 bestaat niet (meer).");

	pupil_clear(&mine);
	pupil_clear(&theirs);
}

Test(records, guardian_round_trip)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Zoë", NULL, "Çelik");
	struct guardian mother = {.pupil_id = pupil, .name = "Ayşe Çelik", .relation = "moeder",
				  .gezag = true, .phone = "06-12345678", .email = "ayse@example.nl"};
	struct guardian step = {.pupil_id = pupil, .name = "Joost de Boer", .relation = "stiefvader",
				.gezag = false};
	TH_OK(db_guardian_insert(th_db, &mother, &err));
	TH_OK(db_guardian_insert(th_db, &step, &err));
	cr_assert_gt(step.id, mother.id);

	struct guardian *list = NULL;
	int n = 0;
	TH_OK(db_guardian_list(th_db, pupil, &list, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(list[0].id, mother.id);
	cr_assert_eq(list[0].pupil_id, pupil);
	cr_assert_str_eq(list[0].name, "Ayşe Çelik");
	cr_assert_str_eq(list[0].relation, "moeder");
	cr_assert(list[0].gezag);
	cr_assert_str_eq(list[0].phone, "06-12345678");
	cr_assert_str_eq(list[0].email, "ayse@example.nl");
	cr_assert_eq(list[0].version, 1);
	cr_assert_str_eq(list[1].name, "Joost de Boer");
	cr_assert_not(list[1].gezag);
	cr_assert_null(list[1].phone);
	for (int i = 0; i < n; i++)
		guardian_clear(&list[i]);
	free(list);

	struct guardian orphan = {.pupil_id = 999, .name = "X"};
	cr_assert_eq(db_guardian_insert(th_db, &orphan, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
}

/* ================================================================ levels */

Test(records, level_episodes)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Ĳsbrand", NULL, "Yılmaz");
	bool found = true;
	struct level_episode cur = {0};

	TH_OK(db_level_current(th_db, pupil, &cur, &found, &err));
	cr_assert_not(found);

	struct level_episode one = {.pupil_id = pupil, .model = "6-lagen", .level = 1,
				    .start = th_ymd(2025, 8, 25), .end = DATE_NONE,
				    .author = "ib"};
	TH_OK(db_level_insert(th_db, &one, &err));
	cr_assert_gt(one.id, 0);
	cr_assert_eq(one.version, 1);
	struct level_episode two = {.pupil_id = pupil, .model = "6-lagen", .level = 2,
				    .start = th_ymd(2026, 1, 12), .end = DATE_NONE,
				    .reason = "Blijft achter bij technisch lezen ondanks extra instructie.",
				    .meeting = "groepsbespreking", .regie = "Leerkracht",
				    .betrokkenen = "Leerkracht, IB’er, ouders", .author = "ib",
				    .corrects = 0};
	TH_OK(db_level_insert(th_db, &two, &err));

	TH_OK(db_level_current(th_db, pupil, &cur, &found, &err));
	cr_assert(found);
	cr_assert_eq(cur.id, two.id);
	cr_assert_eq(cur.level, 2);
	cr_assert_str_eq(cur.model, "6-lagen");
	cr_assert_eq(cur.start, th_ymd(2026, 1, 12));
	cr_assert_eq(cur.end, DATE_NONE);
	cr_assert_str_eq(cur.reason, "Blijft achter bij technisch lezen ondanks extra instructie.");
	cr_assert_str_eq(cur.meeting, "groepsbespreking");
	cr_assert_eq(cur.meeting_id, 0);
	cr_assert_str_eq(cur.regie, "Leerkracht");
	cr_assert_str_eq(cur.betrokkenen, "Leerkracht, IB’er, ouders");
	cr_assert_str_eq(cur.author, "ib");
	cr_assert_eq(cur.corrects, 0);
	level_episode_clear(&cur);

	/* a start before the current one's is refused, nothing changes */
	struct level_episode back = {.pupil_id = pupil, .model = "6-lagen", .level = 3,
				     .start = th_ymd(2025, 12, 1), .end = DATE_NONE};
	cr_assert_eq(db_level_insert(th_db, &back, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	cr_assert_str_eq(err.message,
			 "Het nieuwe niveau kan niet eerder beginnen dan het huidige (sinds "
			 "12-01-2026).");
	/* level 0, and no start */
	struct level_episode zero = {.pupil_id = pupil, .model = "6-lagen", .level = 0,
				     .start = th_ymd(2026, 3, 1), .end = DATE_NONE};
	cr_assert_eq(db_level_insert(th_db, &zero, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	struct level_episode nostart = {.pupil_id = pupil, .model = "6-lagen", .level = 3,
					.start = DATE_NONE, .end = DATE_NONE};
	cr_assert_eq(db_level_insert(th_db, &nostart, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	/* a correction of the current episode, on the same day */
	struct level_episode fix = {.pupil_id = pupil, .model = "6-lagen", .level = 3,
				    .start = th_ymd(2026, 1, 12), .end = DATE_NONE,
				    .reason = "Verkeerd niveau ingevoerd.", .corrects = two.id};
	TH_OK(db_level_insert(th_db, &fix, &err));

	struct level_episode *h = NULL;
	int n = 0;
	TH_OK(db_level_history(th_db, pupil, &h, &n, &err));
	cr_assert_eq(n, 3);
	cr_assert_eq(h[0].id, one.id);
	cr_assert_eq(h[0].end, th_ymd(2026, 1, 12)); /* closed at the next start */
	cr_assert_eq(h[0].version, 2);
	cr_assert_eq(h[1].id, two.id);
	cr_assert_eq(h[1].end, th_ymd(2026, 1, 12));
	cr_assert_eq(h[2].id, fix.id);
	cr_assert_eq(h[2].corrects, two.id);
	cr_assert_eq(h[2].end, DATE_NONE);
	level_episodes_free(h, n);

	/* a pupil that does not exist */
	struct level_episode ghost = {.pupil_id = 999, .model = "6-lagen", .level = 1,
				      .start = th_ymd(2026, 1, 1), .end = DATE_NONE};
	cr_assert_eq(db_level_insert(th_db, &ghost, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	cr_assert_eq(db_count_rows(th_db, "level_episodes"), 3);
}

Test(records, level_history_without_open_episode)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Anna", NULL, "Berg");

	/* a closed episode from the past (an import, say) */
	struct level_episode past = {.pupil_id = pupil, .model = "4-niveaus", .level = 2,
				     .start = th_ymd(2024, 9, 1), .end = th_ymd(2025, 6, 30)};
	TH_OK(db_level_insert(th_db, &past, &err));
	struct level_episode overlap = {.pupil_id = pupil, .model = "4-niveaus", .level = 1,
					.start = th_ymd(2025, 1, 1), .end = DATE_NONE};
	cr_assert_eq(db_level_insert(th_db, &overlap, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	struct level_episode after = {.pupil_id = pupil, .model = "4-niveaus", .level = 1,
				      .start = th_ymd(2025, 6, 30), .end = DATE_NONE};
	TH_OK(db_level_insert(th_db, &after, &err));
	/* an end before the start */
	struct level_episode inverted = {.pupil_id = pupil, .model = "4-niveaus", .level = 2,
					 .start = th_ymd(2026, 2, 1), .end = th_ymd(2026, 1, 1)};
	cr_assert_eq(db_level_insert(th_db, &inverted, &err), IBIS_EINPUT);

	struct level_episode *h = NULL;
	int n = 0;
	TH_OK(db_level_history(th_db, pupil, &h, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(h[1].end, DATE_NONE); /* the failed one did not close it */
	level_episodes_free(h, n);
}

/* ================================================================ events */

Test(records, events)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Zoë", NULL, "Çelik-van den Berg");

	struct event toets = {.pupil_id = pupil, .kind = "toets", .date = th_ymd(2026, 1, 20),
			      .author = "leerkracht", .text = "Midden-toets afgenomen.",
			      .toets = "DMT", .vakgebied = "technisch lezen", .moment = "M5",
			      .score = "42", .niveau = "IV"};
	struct event note = {.pupil_id = pupil, .kind = "notitie", .date = th_ymd(2026, 1, 20),
			     .author = "ib", .text = "Gesprek met moeder gepland."};
	struct event secret = {.pupil_id = pupil, .kind = "extern", .date = th_ymd(2025, 11, 3),
			       .author = "ib", .text = "Verslag GGD ontvangen.", .restricted = true};
	TH_OK(db_event_insert(th_db, &secret, &err));
	TH_OK(db_event_insert(th_db, &toets, &err));
	TH_OK(db_event_insert(th_db, &note, &err));
	cr_assert_eq(note.version, 1);

	struct event *list = NULL;
	int n = 0, count = 0;
	TH_OK(db_event_list(th_db, pupil, 0, &list, &n, &err));
	cr_assert_eq(n, 3);
	cr_assert_eq(list[0].id, note.id); /* newest first; same day: last added first */
	cr_assert_eq(list[1].id, toets.id);
	cr_assert_eq(list[2].id, secret.id);
	cr_assert_str_eq(list[1].kind, "toets");
	cr_assert_eq(list[1].date, th_ymd(2026, 1, 20));
	cr_assert_str_eq(list[1].author, "leerkracht");
	cr_assert_str_eq(list[1].text, "Midden-toets afgenomen.");
	cr_assert_str_eq(list[1].toets, "DMT");
	cr_assert_str_eq(list[1].vakgebied, "technisch lezen");
	cr_assert_str_eq(list[1].moment, "M5");
	cr_assert_str_eq(list[1].score, "42");
	cr_assert_str_eq(list[1].niveau, "IV");
	cr_assert_not(list[1].restricted);
	cr_assert(list[2].restricted);
	cr_assert_null(list[0].toets);
	events_free(list, n);

	TH_OK(db_event_list(th_db, pupil, 2, &list, &n, &err));
	cr_assert_eq(n, 2);
	events_free(list, n);
	TH_OK(db_event_count(th_db, pupil, &count, &err));
	cr_assert_eq(count, 3);

	/* an event for a pupil that does not exist */
	struct event ghost = {.pupil_id = 999, .kind = "notitie", .date = th_ymd(2026, 1, 1)};
	cr_assert_eq(db_event_insert(th_db, &ghost, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	/* a score on something that is not a toets; a niveau that does not exist */
	struct event scored = {.pupil_id = pupil, .kind = "observatie", .date = th_ymd(2026, 1, 1),
			       .score = "7"};
	cr_assert_eq(db_event_insert(th_db, &scored, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	struct event six = {.pupil_id = pupil, .kind = "toets", .date = th_ymd(2026, 1, 1),
			    .niveau = "VI"};
	cr_assert_eq(db_event_insert(th_db, &six, &err), IBIS_EINPUT);
	/* no date */
	struct event undated = {.pupil_id = pupil, .kind = "notitie", .date = DATE_NONE};
	cr_assert_eq(db_event_insert(th_db, &undated, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "Een gebeurtenis heeft een datum nodig.");
	TH_OK(db_event_count(th_db, pupil, &count, &err));
	cr_assert_eq(count, 3);
}

/* ================================================================= plans */

Test(records, plans_fields_goals)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Daan", "de", "Vries");
	ibis_id group = th_group_new(th_db, school, "5B", 2026, 5, 5);

	struct plan old = {.template_id = "oop", .pupil_id = pupil, .title = "OOP lezen",
			   .status = PLAN_CLOSED, .start = th_ymd(2025, 9, 15),
			   .end = th_ymd(2025, 11, 10), .eval_date = DATE_NONE,
			 .due = DATE_NONE, .agreed = DATE_NONE, .evaluated = DATE_NONE, .author = "ib"};
	struct plan cur = {.template_id = "ihp", .pupil_id = pupil, .title = "IHP rekenen",
			   .status = PLAN_EVALUATED, .start = th_ymd(2026, 1, 12),
			   .end = th_ymd(2026, 3, 9), .eval_date = th_ymd(2026, 3, 2),
			 .due = DATE_NONE, .agreed = DATE_NONE, .evaluated = DATE_NONE, .author = "ib"};
	struct plan concept = {.template_id = "opp", .pupil_id = pupil, .status = PLAN_CONCEPT,
			       .start = DATE_NONE, .end = DATE_NONE, .eval_date = DATE_NONE,
			 .due = DATE_NONE, .agreed = DATE_NONE, .evaluated = DATE_NONE};
	struct plan gp = {.template_id = "groepsplan", .group_id = group, .title = "Groepsplan 5B",
			  .status = PLAN_ACTIVE, .start = th_ymd(2026, 1, 5), .end = DATE_NONE,
			  .eval_date = DATE_NONE,
			 .due = DATE_NONE, .agreed = DATE_NONE, .evaluated = DATE_NONE};
	TH_OK(db_plan_insert(th_db, &old, &err));
	TH_OK(db_plan_insert(th_db, &cur, &err));
	TH_OK(db_plan_insert(th_db, &concept, &err));
	TH_OK(db_plan_insert(th_db, &gp, &err));

	struct plan *list = NULL;
	int n = 0;
	TH_OK(db_plan_list(th_db, pupil, &list, &n, &err));
	cr_assert_eq(n, 3);
	cr_assert_eq(list[0].id, concept.id);
	cr_assert_eq(list[1].id, cur.id);
	cr_assert_eq(list[2].id, old.id);
	cr_assert_str_eq(list[1].template_id, "ihp");
	cr_assert_eq(list[1].pupil_id, pupil);
	cr_assert_eq(list[1].group_id, 0);
	cr_assert_str_eq(list[1].title, "IHP rekenen");
	cr_assert_eq(list[1].status, PLAN_EVALUATED);
	cr_assert_eq(list[1].start, th_ymd(2026, 1, 12));
	cr_assert_eq(list[1].end, th_ymd(2026, 3, 9));
	cr_assert_eq(list[1].eval_date, th_ymd(2026, 3, 2));
	cr_assert_str_eq(list[1].author, "ib");
	cr_assert_eq(list[0].start, DATE_NONE);
	cr_assert_null(list[0].title);
	plans_free(list, n);

	/* fields: a second save replaces the value */
	char *v = NULL;
	TH_OK(db_plan_set_field(th_db, cur.id, "aanleiding", "Uitval bij breuken.", &err));
	TH_OK(db_plan_set_field(th_db, cur.id, "aanleiding", "Uitval bij breuken en procenten.",
				&err));
	TH_OK(db_plan_set_field(th_db, cur.id, "aanpak",
				"Dagelijks 10 minuten verlengde instructie.", &err));
	TH_OK(db_plan_get_field(th_db, cur.id, "aanleiding", &v, &err));
	cr_assert_str_eq(v, "Uitval bij breuken en procenten.");
	free(v);
	TH_OK(db_plan_get_field(th_db, cur.id, "evaluatie", &v, &err));
	cr_assert_null(v);
	cr_assert_eq(db_count_rows(th_db, "plan_fields"), 2);
	cr_assert_eq(db_plan_set_field(th_db, 999, "aanpak", "x", &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);

	/* goals */
	struct goal shortg = {.plan_id = cur.id, .area = 2, .long_term = false,
			      .text = "Daan lost 8 van 10 breuksommen goed op.",
			      .target = th_ymd(2026, 3, 2), .result = GOAL_PARTLY,
			      .evaluation = "6 van 10."};
	struct goal longg = {.plan_id = cur.id, .area = 0, .long_term = true,
			     .text = "Daan haalt eind groep 5 niveau III bij rekenen.",
			     .target = DATE_NONE, .result = GOAL_OPEN};
	TH_OK(db_goal_insert(th_db, &shortg, &err));
	TH_OK(db_goal_insert(th_db, &longg, &err));
	struct goal *goals = NULL;
	TH_OK(db_goal_list(th_db, cur.id, &goals, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(goals[0].id, longg.id); /* long term first */
	cr_assert(goals[0].long_term);
	cr_assert_eq(goals[0].area, 0);
	cr_assert_eq(goals[0].target, DATE_NONE);
	cr_assert_eq(goals[0].result, GOAL_OPEN);
	cr_assert_eq(goals[1].area, 2);
	cr_assert_str_eq(goals[1].text, "Daan lost 8 van 10 breuksommen goed op.");
	cr_assert_eq(goals[1].target, th_ymd(2026, 3, 2));
	cr_assert_eq(goals[1].result, GOAL_PARTLY);
	cr_assert_str_eq(goals[1].evaluation, "6 van 10.");
	for (int i = 0; i < n; i++)
		goal_clear(&goals[i]);
	free(goals);

	struct goal bad = {.plan_id = cur.id, .area = 9, .text = "x", .target = DATE_NONE};
	cr_assert_eq(db_goal_insert(th_db, &bad, &err), IBIS_EINPUT);
	struct goal empty = {.plan_id = cur.id, .text = "", .target = DATE_NONE};
	cr_assert_eq(db_goal_insert(th_db, &empty, &err), IBIS_EINPUT);

	/* a plan of a pupil and a group at once, or of neither */
	struct plan both = {.template_id = "oop", .pupil_id = pupil, .group_id = group,
			    .start = DATE_NONE, .end = DATE_NONE, .eval_date = DATE_NONE,
			 .due = DATE_NONE, .agreed = DATE_NONE, .evaluated = DATE_NONE};
	cr_assert_eq(db_plan_insert(th_db, &both, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	struct plan none = {.template_id = "oop", .start = DATE_NONE, .end = DATE_NONE,
			    .eval_date = DATE_NONE,
			 .due = DATE_NONE, .agreed = DATE_NONE, .evaluated = DATE_NONE};
	cr_assert_eq(db_plan_insert(th_db, &none, &err), IBIS_EINPUT);
	struct plan ghost = {.template_id = "oop", .pupil_id = 999, .start = DATE_NONE,
			     .end = DATE_NONE, .eval_date = DATE_NONE,
			 .due = DATE_NONE, .agreed = DATE_NONE, .evaluated = DATE_NONE};
	cr_assert_eq(db_plan_insert(th_db, &ghost, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	cr_assert_eq(db_count_rows(th_db, "plans"), 4);
}

/* ====================================================== the pupil list */

/* Six pupils of one school (one of whom left) and one of another, with
 * groups in 2026 and a current level for some. */
struct roster {
	ibis_id school, other;
	ibis_id aydin, berg, bergen, celik, vries, yilmaz, gone, elsewhere;
};

static void roster_make(struct roster *r)
{
	struct ibis_error err = {0};
	r->school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	r->other = th_school_new(th_db, "De Linde", NULL, "6-lagen");
	/* inserted out of order on purpose */
	r->yilmaz = th_pupil_new(th_db, r->school, "Ĳsbrand", NULL, "Yılmaz");
	r->berg = th_pupil_new(th_db, r->school, "Anna", "van den", "Berg");
	r->celik = th_pupil_new(th_db, r->school, "Zoë", NULL, "Çelik-van den Berg");
	r->bergen = th_pupil_new(th_db, r->school, "Bram", NULL, "Bergen");
	r->vries = th_pupil_new(th_db, r->school, "Daan", "de", "Vries");
	r->aydin = th_pupil_new(th_db, r->school, "Eva", NULL, "Aydın");
	r->elsewhere = th_pupil_new(th_db, r->other, "Fenna", NULL, "Bakker");

	struct pupil p = {.school_id = r->school, .first_name = "Gijs", .last_name = "Bos",
			  .birth_date = DATE_NONE, .enrolled = th_ymd(2020, 8, 31),
			  .left = th_ymd(2025, 7, 11), .destination = LEAVE_SCHOOL};
	TH_OK(db_pupil_insert(th_db, &p, &err));
	r->gone = p.id;

	ibis_id g5b = th_group_new(th_db, r->school, "5B", 2026, 5, 5);
	ibis_id g45 = th_group_new(th_db, r->school, "4/5", 2026, 4, 5);
	TH_OK(db_group_add_member(th_db, g5b, r->berg, 5, &err));
	TH_OK(db_group_add_member(th_db, g45, r->celik, 4, &err));
	struct level_episode e1 = {.pupil_id = r->berg, .model = "6-lagen", .level = 1,
				   .start = th_ymd(2025, 9, 1), .end = DATE_NONE};
	struct level_episode e2 = {.pupil_id = r->berg, .model = "6-lagen", .level = 3,
				   .start = th_ymd(2026, 2, 1), .end = DATE_NONE};
	TH_OK(db_level_insert(th_db, &e1, &err));
	TH_OK(db_level_insert(th_db, &e2, &err));
}

/* The ids of page (offset, limit) of q, in order; returns how many. */
static int page_ids(const struct pupil_query *q, int offset, int limit, ibis_id *ids)
{
	struct ibis_error err = {0};
	struct pupil_row *rows = xcalloc((size_t)limit, sizeof(*rows));
	int n = -1;
	cr_assert_eq(db_pupil_page(th_db, q, offset, limit, rows, &n, &err), IBIS_OK, "%s",
		     err.message);
	for (int i = 0; i < n; i++)
		ids[i] = rows[i].id;
	pupil_rows_free(rows, n);
	return n;
}

static int count_of(const struct pupil_query *q)
{
	struct ibis_error err = {0};
	int n = -1;
	cr_assert_eq(db_pupil_count(th_db, q, &n, &err), IBIS_OK, "%s", err.message);
	return n;
}

Test(records, pupil_list_order_and_columns)
{
	struct roster r;
	roster_make(&r);
	struct pupil_query q = {.school_id = r.school, .school_year = 2026};
	struct ibis_error err = {0};

	cr_assert_eq(count_of(&q), 6);
	struct pupil_row rows[10];
	memset(rows, 0, sizeof(rows));
	int n = 0;
	TH_OK(db_pupil_page(th_db, &q, 0, 10, rows, &n, &err));
	cr_assert_eq(n, 6);
	const char *want[] = {"Aydın, Eva", "Berg, Anna van den", "Bergen, Bram",
			      "Çelik-van den Berg, Zoë", "Vries, Daan de", "Yılmaz, Ĳsbrand"};
	for (int i = 0; i < n; i++)
		cr_assert_str_eq(rows[i].name, want[i], "row %d: %s", i, rows[i].name);

	/* Berg: group 5B, jaargroep 5, level 3 of 6-lagen (the open episode) */
	cr_assert_eq(rows[1].id, r.berg);
	cr_assert_str_eq(rows[1].group_name, "5B");
	cr_assert_eq(rows[1].jaargroep, 5);
	cr_assert_eq(rows[1].level, 3);
	cr_assert_str_eq(rows[1].level_model, "6-lagen");
	cr_assert_eq(rows[1].left, DATE_NONE);
	/* Çelik in the 4/5 with her own jaargroep; no level */
	cr_assert_str_eq(rows[3].group_name, "4/5");
	cr_assert_eq(rows[3].jaargroep, 4);
	cr_assert_eq(rows[3].level, 0);
	cr_assert_null(rows[3].level_model);
	/* Bergen in no group */
	cr_assert_null(rows[2].group_name);
	cr_assert_eq(rows[2].jaargroep, -1);
	pupil_rows_free(NULL, 0);
	pupil_rows_clear(rows, n);
	cr_assert_null(rows[1].name);

	/* another school year: no groups */
	q.school_year = 2025;
	ibis_id ids[10];
	cr_assert_eq(page_ids(&q, 0, 10, ids), 6);
	struct pupil_row *one = xcalloc(2, sizeof(*one));
	TH_OK(db_pupil_page(th_db, &q, 1, 2, one, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(one[0].id, r.berg);
	cr_assert_null(one[0].group_name);
	cr_assert_eq(one[0].level, 3);
	pupil_rows_free(one, n);

	/* all schools: Bakker of De Linde sorts in */
	q.school_id = 0;
	cr_assert_eq(count_of(&q), 7);
	cr_assert_eq(page_ids(&q, 0, 10, ids), 7);
	cr_assert_eq(ids[0], r.aydin);
	cr_assert_eq(ids[1], r.elsewhere);
	cr_assert_eq(ids[2], r.berg);
}

Test(records, pupil_list_paging)
{
	struct roster r;
	roster_make(&r);
	struct pupil_query q = {.school_id = r.school, .school_year = 2026};
	ibis_id ids[10];

	cr_assert_eq(page_ids(&q, 0, 2, ids), 2);
	cr_assert_eq(ids[0], r.aydin);
	cr_assert_eq(ids[1], r.berg);
	cr_assert_eq(page_ids(&q, 2, 2, ids), 2);
	cr_assert_eq(ids[0], r.bergen);
	cr_assert_eq(ids[1], r.celik);
	cr_assert_eq(page_ids(&q, 4, 5, ids), 2); /* only two left */
	cr_assert_eq(ids[0], r.vries);
	cr_assert_eq(ids[1], r.yilmaz);
	cr_assert_eq(page_ids(&q, 6, 3, ids), 0);
	cr_assert_eq(page_ids(&q, 100, 3, ids), 0);
	cr_assert_eq(page_ids(&q, 5, 1, ids), 1);
	cr_assert_eq(ids[0], r.yilmaz);

	/* PUPILS_ALL: Bos, who left, comes between Berg(en) and Çelik */
	q.status = PUPILS_ALL;
	cr_assert_eq(count_of(&q), 7);
	cr_assert_eq(page_ids(&q, 3, 1, ids), 1);
	cr_assert_eq(ids[0], r.gone);
	struct ibis_error err = {0};
	struct pupil_row row[1];
	int n = 0;
	TH_OK(db_pupil_page(th_db, &q, 3, 1, row, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_eq(row[0].left, th_ymd(2025, 7, 11));
	pupil_rows_clear(row, 1);
	q.status = PUPILS_ACTIVE;
	q.search = "gijs";
	cr_assert_eq(count_of(&q), 0);
}

/* The ids that a search finds (all schools), in list order. */
static int search(const char *text, ibis_id *ids)
{
	struct pupil_query q = {.search = text, .school_year = 2026};
	int n = page_ids(&q, 0, 10, ids);
	cr_assert_eq(count_of(&q), n, "count and page disagree for \"%s\"", text);
	return n;
}

Test(records, pupil_list_search)
{
	struct roster r;
	roster_make(&r);
	ibis_id ids[10];

	cr_assert_eq(search("zoe", ids), 1);
	cr_assert_eq(ids[0], r.celik);
	cr_assert_eq(search("ZOË", ids), 1);
	cr_assert_eq(search("celik", ids), 1);
	cr_assert_eq(ids[0], r.celik);
	cr_assert_eq(search("yilmaz", ids), 1);
	cr_assert_eq(ids[0], r.yilmaz);
	cr_assert_eq(search("ijsbrand", ids), 1);
	cr_assert_eq(ids[0], r.yilmaz);
	cr_assert_eq(search("Ĳsbrand", ids), 1);
	cr_assert_eq(search("aydin", ids), 1);
	cr_assert_eq(ids[0], r.aydin);

	/* "berg": Berg, Bergen and Çelik-van den Berg, in list order */
	cr_assert_eq(search("berg", ids), 3);
	cr_assert_eq(ids[0], r.berg);
	cr_assert_eq(ids[1], r.bergen);
	cr_assert_eq(ids[2], r.celik);
	/* the natural order with tussenvoegsel */
	cr_assert_eq(search("van den berg", ids), 2);
	cr_assert_eq(ids[0], r.berg);
	cr_assert_eq(ids[1], r.celik);
	cr_assert_eq(search("anna van den berg", ids), 1);
	cr_assert_eq(ids[0], r.berg);
	/* the list order, as shown */
	cr_assert_eq(search("Berg, Anna", ids), 1);
	cr_assert_eq(ids[0], r.berg);
	cr_assert_eq(search("de vries", ids), 1);
	cr_assert_eq(ids[0], r.vries);

	/* nothing, and characters LIKE would treat specially */
	cr_assert_eq(search("pietersen", ids), 0);
	cr_assert_eq(search("%", ids), 7); /* folds to nothing: no filter */
	cr_assert_eq(search("b_rg", ids), 0);
	cr_assert_eq(search("", ids), 7);

	/* search within one school */
	struct pupil_query q = {.search = "b", .school_id = r.other, .school_year = 2026};
	cr_assert_eq(count_of(&q), 1);
	cr_assert_eq(page_ids(&q, 0, 10, ids), 1);
	cr_assert_eq(ids[0], r.elsewhere);
}

/* ================================================================ export */

struct collected {
	struct strlist lines;
	int stop_after; /* 0 = never */
};

static int collect(const struct pupil_export_row *row, void *ctx)
{
	struct collected *c = ctx;
	char birth[DATE_NL_LEN];
	sl_addf(&c->lines, "%lld;%s;%s;%s;%s;%s;%s;%s;%s", row->id, row->number ? row->number : "",
		row->first_name, row->tussenvoegsel ? row->tussenvoegsel : "", row->last_name,
		date_format_nl(row->birth_date, birth), row->group_name ? row->group_name : "",
		row->school_name, row->status);
	return c->stop_after && (int)c->lines.len >= c->stop_after;
}

Test(records, pupil_export_walk)
{
	struct roster r;
	roster_make(&r);
	struct ibis_error err = {0};
	struct collected c = {0};

	TH_OK(db_pupil_export(th_db, false, 2026, collect, &c, &err));
	cr_assert_eq(c.lines.len, 7);
	char *first = xasprintf("%lld;;Eva;;Aydın;14-03-2017;;De Regenboog;actief", r.aydin);
	cr_assert_str_eq(c.lines.items[0], first);
	free(first);
	char *berg = xasprintf("%lld;;Anna;van den;Berg;14-03-2017;5B;De Regenboog;actief", r.berg);
	cr_assert_str_eq(c.lines.items[2], berg);
	free(berg);
	sl_free(&c.lines);

	TH_OK(db_pupil_export(th_db, true, 2026, collect, &c, &err));
	cr_assert_eq(c.lines.len, 8);
	char *gone = xasprintf("%lld;;Gijs;;Bos;;;De Regenboog;vertrokken", r.gone);
	cr_assert_str_eq(c.lines.items[4], gone);
	free(gone);
	sl_free(&c.lines);

	c.stop_after = 2;
	cr_assert_eq(db_pupil_export(th_db, true, 2026, collect, &c, &err), IBIS_EINPUT);
	cr_assert_eq(c.lines.len, 2);
	sl_free(&c.lines);

	/* the walk's statement is free again afterwards */
	c.stop_after = 0;
	TH_OK(db_pupil_export(th_db, false, 2026, collect, &c, &err));
	cr_assert_eq(c.lines.len, 7);
	sl_free(&c.lines);
}

/* A callback that runs the same walk again (re-entrancy of the statement
 * cache: the inner walk gets its own statement). */
static int nested(const struct pupil_export_row *row, void *ctx)
{
	struct collected *c = ctx;
	struct collected inner = {0};
	struct ibis_error err = {0};
	(void)row;
	cr_assert_eq(db_pupil_export(th_db, false, 2026, collect, &inner, &err), IBIS_OK);
	sl_addf(&c->lines, "%zu", inner.lines.len);
	sl_free(&inner.lines);
	return 0;
}

Test(records, pupil_export_reentrant)
{
	struct roster r;
	roster_make(&r);
	struct ibis_error err = {0};
	struct collected c = {0};
	TH_OK(db_pupil_export(th_db, false, 2026, nested, &c, &err));
	cr_assert_eq(c.lines.len, 7);
	for (size_t i = 0; i < c.lines.len; i++)
		cr_assert_str_eq(c.lines.items[i], "7");
	sl_free(&c.lines);
}

/* A pupil named by leerlingnummer: every school, left pupils too, ASCII case
 * ignored; another number or none never matches. */
Test(records, pupil_with_number)
{
	struct ibis_error err = {0};
	ibis_id s1 = th_school_new(th_db, "De Regenboog", "12AB00", "6-lagen");
	ibis_id s2 = th_school_new(th_db, "De Linde", "34CD00", "6-lagen");
	struct pupil p = {.school_id = s1, .number = "L-4711", .first_name = "Anna",
			  .last_name = "Berg", .birth_date = th_ymd(2017, 3, 14),
			  .left = DATE_NONE};
	TH_OK(db_pupil_insert(th_db, &p, &err));
	struct pupil q = {.school_id = s2, .number = "l-4711", .first_name = "Bram",
			  .last_name = "Aalders", .birth_date = th_ymd(2016, 5, 1),
			  .left = DATE_NONE};
	TH_OK(db_pupil_insert(th_db, &q, &err));
	struct pupil r = {.school_id = s2, .number = "L-4712", .first_name = "Cas",
			  .last_name = "Zwart", .birth_date = th_ymd(2016, 5, 1),
			  .left = DATE_NONE};
	TH_OK(db_pupil_insert(th_db, &r, &err));
	th_pupil_new(th_db, s1, "Dirk", NULL, "Zonder");
	TH_OK(db_pupil_archive(th_db, &q, th_ymd(2026, 6, 1), LEAVE_VO, &err));

	struct collected c = {0};
	TH_OK(db_pupil_with_number(th_db, "L-4711", 2026, collect, &c, &err));
	cr_assert_eq(c.lines.len, 2);
	char *bram = xasprintf("%lld;l-4711;Bram;;Aalders;01-05-2016;;De Linde;vertrokken", q.id);
	char *anna = xasprintf("%lld;L-4711;Anna;;Berg;14-03-2017;;De Regenboog;actief", p.id);
	cr_assert_str_eq(c.lines.items[0], bram); /* name order */
	cr_assert_str_eq(c.lines.items[1], anna);
	free(bram);
	free(anna);
	sl_free(&c.lines);

	TH_OK(db_pupil_with_number(th_db, "L-471", 2026, collect, &c, &err));
	cr_assert_eq(c.lines.len, 0);
	TH_OK(db_pupil_with_number(th_db, "", 2026, collect, &c, &err));
	cr_assert_eq(c.lines.len, 0);
	sl_free(&c.lines);
}
