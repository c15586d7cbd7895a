/* test_db_level.c - the level history beyond a plain step: corrections and
 * withdrawals with their record, the episode bookkeeping behind the pupil
 * list's current level, pupils that do not fit a model and the remap onto
 * another, the facts the level rules ask, archiving with a placement, and
 * arrangements (TLV, onderwijsarrangement).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/db_arrangement.h"
#include "ibis/db_event.h"
#include "ibis/db_level.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/util.h"

/* ================================================================ fixture */

static void setup(void)
{
	th_db_setup();
	/* school year 2026-2027: the misfits' group column depends on it */
	date_set_today(th_ymd(2026, 11, 23));
}

/* A step of pupil to level in model from start (open, or ending at end). */
static ibis_id step_to(ibis_id pupil, const char *model, int level, ibis_date start,
		       ibis_date end, const char *reason)
{
	struct ibis_error err = {0};
	struct level_episode e = {.pupil_id = pupil, .model = (char *)model, .level = level,
				  .start = start, .end = end, .reason = (char *)reason,
				  .author = "ib"};
	TH_OK(db_level_insert(th_db, &e, &err));
	cr_assert_gt(e.id, 0);
	return e.id;
}

static ibis_id step(ibis_id pupil, const char *model, int level, ibis_date start)
{
	return step_to(pupil, model, level, start, DATE_NONE, NULL);
}

/* The current level the pupil list shows (pupils.cur_level, kept by the
 * triggers of schema version 2); 0 when none. */
static int cur_level(ibis_id pupil)
{
	return (int)th_sql_int(th_path,
			       "SELECT coalesce(cur_level, 0) FROM pupils WHERE id = ?", pupil);
}

static void consent(ibis_id pupil, const char *subject, const char *status, const char *date)
{
	/* subject, status and date are this file's literals */
	char *sql = xasprintf("INSERT INTO consents (pupil_id, subject, status, consent_date)"
			      " VALUES (?, '%s', '%s', '%s')",
			      subject, status, date);
	th_sql_run(th_path, sql, pupil, 0);
	free(sql);
}

static struct level_episode episode(ibis_id id)
{
	struct ibis_error err = {0};
	struct level_episode e = {0};
	bool found = false;
	TH_OK(db_level_get(th_db, id, &e, &found, &err));
	cr_assert(found, "episode %lld", (long long)id);
	return e;
}

static int corrections_count(ibis_id pupil)
{
	return (int)th_sql_int(th_path,
			       "SELECT count(*) FROM level_corrections WHERE pupil_id = ?", pupil);
}

static int history_len(ibis_id pupil)
{
	struct ibis_error err = {0};
	struct level_episode *h = NULL;
	int n = 0;
	TH_OK(db_level_history(th_db, pupil, &h, &n, &err));
	level_episodes_free(h, n);
	return n;
}

TestSuite(dblevel, .init = setup, .fini = th_db_teardown);

/* ============================================================ corrections */

Test(dblevel, correct_changes_values_and_records_the_old_ones)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Anna", "van den", "Berg");
	ibis_id e1 = step_to(pupil, "6-lagen", 1, th_ymd(2025, 9, 1), DATE_NONE, "Start");
	ibis_id e2 = step_to(pupil, "6-lagen", 2, th_ymd(2026, 1, 10), DATE_NONE, "Toets M5");
	cr_assert_eq(cur_level(pupil), 2);

	struct level_episode fixed = episode(e2);
	cr_assert_eq(fixed.version, 1);
	fixed.level = 3;
	free(fixed.reason);
	fixed.reason = xstrdup("Analyse rekenen");
	fixed.meeting = xstrdup("leerlingbespreking");
	fixed.regie = xstrdup("IB'er");
	fixed.betrokkenen = xstrdup("ouders, leerkracht");
	TH_OK(db_level_correct(th_db, &fixed, "  niveau verkeerd ingevoerd \n", "jansen",
			       th_ymd(2026, 2, 1), &err));
	cr_assert_eq(fixed.version, 2);
	level_episode_clear(&fixed);

	struct level_episode got = episode(e2);
	cr_assert_eq(got.level, 3);
	cr_assert_eq(got.start, th_ymd(2026, 1, 10));
	cr_assert_eq(got.end, DATE_NONE);
	cr_assert_str_eq(got.model, "6-lagen");
	cr_assert_str_eq(got.reason, "Analyse rekenen");
	cr_assert_str_eq(got.meeting, "leerlingbespreking");
	cr_assert_str_eq(got.regie, "IB'er");
	cr_assert_str_eq(got.betrokkenen, "ouders, leerkracht");
	cr_assert_str_eq(got.author, "ib"); /* who recorded the step stays */
	cr_assert_eq(got.version, 2);
	level_episode_clear(&got);
	cr_assert_eq(cur_level(pupil), 3);

	/* the episode before is untouched: same start, so its end stays */
	got = episode(e1);
	cr_assert_eq(got.end, th_ymd(2026, 1, 10));
	cr_assert_eq(got.version, 2); /* closed once by the step */
	level_episode_clear(&got);

	struct level_correction *c = NULL;
	int n = 0;
	TH_OK(db_level_corrections(th_db, pupil, &c, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_eq(c[0].pupil_id, pupil);
	cr_assert_eq(c[0].episode_id, e2);
	cr_assert_eq(c[0].action, CORRECTION_CHANGED);
	cr_assert_eq(c[0].on, th_ymd(2026, 2, 1));
	cr_assert_str_eq(c[0].author, "jansen");
	cr_assert_str_eq(c[0].why, "niveau verkeerd ingevoerd");
	cr_assert_eq(c[0].old.id, e2);
	cr_assert_eq(c[0].old.pupil_id, pupil);
	cr_assert_str_eq(c[0].old.model, "6-lagen");
	cr_assert_eq(c[0].old.level, 2);
	cr_assert_eq(c[0].old.start, th_ymd(2026, 1, 10));
	cr_assert_eq(c[0].old.end, DATE_NONE);
	cr_assert_str_eq(c[0].old.reason, "Toets M5");
	cr_assert_null(c[0].old.meeting);
	cr_assert_null(c[0].old.regie);
	cr_assert_null(c[0].old.betrokkenen);
	level_corrections_free(c, n);
}

Test(dblevel, correct_with_a_stale_version_is_a_conflict)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Anna", NULL, "Smit");
	ibis_id e = step(pupil, "6-lagen", 2, th_ymd(2025, 9, 1));

	struct level_episode mine = episode(e);
	struct level_episode theirs = episode(e);
	theirs.level = 3;
	TH_OK(db_level_correct(th_db, &theirs, "eerst", "collega", th_ymd(2026, 1, 5), &err));
	mine.level = 4;
	cr_assert_eq(db_level_correct(th_db, &mine, "daarna", "ib", th_ymd(2026, 1, 6), &err),
		     IBIS_EDB);
	cr_assert_eq(err.fault, DBF_CONFLICT);
	cr_assert_str_eq(err.message,
			 "Iemand anders heeft dit niveau intussen gewijzigd; bekijk het opnieuw.");
	cr_assert_eq(mine.version, 1);
	level_episode_clear(&mine);
	level_episode_clear(&theirs);

	struct level_episode got = episode(e);
	cr_assert_eq(got.level, 3);
	cr_assert_eq(got.version, 2);
	level_episode_clear(&got);
	cr_assert_eq(corrections_count(pupil), 1);
	cr_assert_eq(cur_level(pupil), 3);
}

Test(dblevel, correct_refusals_change_nothing)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Anna", NULL, "Smit");
	ibis_id e = step(pupil, "6-lagen", 2, th_ymd(2025, 9, 1));
	struct level_episode fixed = episode(e);

	fixed.level = 3;
	const char *whys[] = {NULL, "", "   \t "};
	for (size_t i = 0; i < ARRAY_LEN(whys); i++) {
		cr_assert_eq(db_level_correct(th_db, &fixed, whys[i], "ib", th_ymd(2026, 1, 5),
					      &err),
			     IBIS_EINPUT);
		cr_assert_eq(err.fault, DBF_CONSTRAINT);
		cr_assert_str_eq(err.message, "Geef aan waarom het niveau wordt gecorrigeerd.");
	}
	fixed.level = 0;
	cr_assert_eq(db_level_correct(th_db, &fixed, "fout", "ib", th_ymd(2026, 1, 5), &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "Niveau 0 bestaat niet; een niveau is 1 tot en met 9.");
	fixed.level = 10;
	cr_assert_eq(db_level_correct(th_db, &fixed, "fout", "ib", th_ymd(2026, 1, 5), &err), IBIS_EINPUT);
	/* the same values again is no correction */
	fixed.level = 2;
	cr_assert_eq(db_level_correct(th_db, &fixed, "fout", "ib", th_ymd(2026, 1, 5), &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "Er is niets gewijzigd aan dit niveau.");
	/* an episode that is not there */
	fixed.id = 9999;
	fixed.level = 3;
	cr_assert_eq(db_level_correct(th_db, &fixed, "fout", "ib", th_ymd(2026, 1, 5), &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "Niveauperiode 9999 bestaat niet (meer).");
	cr_assert_eq(fixed.version, 1);
	level_episode_clear(&fixed);

	struct level_episode got = episode(e);
	cr_assert_eq(got.level, 2);
	cr_assert_eq(got.version, 1);
	level_episode_clear(&got);
	cr_assert_eq(corrections_count(pupil), 0);
}

Test(dblevel, correct_start_moves_the_previous_end)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Anna", NULL, "Smit");
	ibis_id e1 = step(pupil, "6-lagen", 1, th_ymd(2024, 9, 1));
	ibis_id e2 = step(pupil, "6-lagen", 2, th_ymd(2025, 2, 1));
	ibis_id e3 = step(pupil, "6-lagen", 3, th_ymd(2025, 9, 1));

	/* earlier */
	struct level_episode fixed = episode(e2);
	fixed.start = th_ymd(2025, 1, 15);
	TH_OK(db_level_correct(th_db, &fixed, "datum verkeerd", "ib", th_ymd(2025, 10, 1), &err));
	struct level_episode got = episode(e1);
	cr_assert_eq(got.end, th_ymd(2025, 1, 15));
	cr_assert_eq(got.version, 3); /* closed, then moved */
	level_episode_clear(&got);
	got = episode(e2);
	cr_assert_eq(got.start, th_ymd(2025, 1, 15));
	cr_assert_eq(got.end, th_ymd(2025, 9, 1));
	level_episode_clear(&got);

	/* later, up to this episode's own end */
	fixed.start = th_ymd(2025, 9, 1);
	TH_OK(db_level_correct(th_db, &fixed, "toch later", "ib", th_ymd(2025, 10, 2), &err));
	got = episode(e1);
	cr_assert_eq(got.end, th_ymd(2025, 9, 1));
	level_episode_clear(&got);

	/* refused: before the previous episode's start, after this one's end */
	fixed.start = th_ymd(2024, 8, 31);
	cr_assert_eq(db_level_correct(th_db, &fixed, "fout", "ib", th_ymd(2025, 10, 3), &err),
		     IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	cr_assert_str_eq(err.message, "De begindatum (31-08-2024) kan niet voor het begin van het "
				      "vorige niveau (01-09-2024) liggen.");
	fixed.start = th_ymd(2025, 9, 2);
	cr_assert_eq(db_level_correct(th_db, &fixed, "fout", "ib", th_ymd(2025, 10, 3), &err),
		     IBIS_EINPUT);
	cr_assert_str_eq(err.message, "De begindatum (02-09-2025) kan niet na het einde van dit "
				      "niveau (01-09-2025) liggen.");
	level_episode_clear(&fixed);
	got = episode(e1);
	cr_assert_eq(got.end, th_ymd(2025, 9, 1));
	level_episode_clear(&got);
	got = episode(e2);
	cr_assert_eq(got.start, th_ymd(2025, 9, 1));
	cr_assert_eq(got.version, 4); /* closed by e3, corrected twice */
	level_episode_clear(&got);

	/* the first episode has none before it: any earlier start will do */
	fixed = episode(e1);
	fixed.start = th_ymd(2023, 9, 1);
	TH_OK(db_level_correct(th_db, &fixed, "al eerder", "ib", th_ymd(2025, 10, 4), &err));
	level_episode_clear(&fixed);
	got = episode(e1);
	cr_assert_eq(got.start, th_ymd(2023, 9, 1));
	level_episode_clear(&got);

	struct level_correction *c = NULL;
	int n = 0;
	TH_OK(db_level_corrections(th_db, pupil, &c, &n, &err));
	cr_assert_eq(n, 3);
	cr_assert_eq(c[0].old.start, th_ymd(2025, 2, 1));
	cr_assert_eq(c[0].old.end, th_ymd(2025, 9, 1));
	cr_assert_eq(c[1].old.start, th_ymd(2025, 1, 15));
	cr_assert_eq(c[2].episode_id, e1);
	cr_assert_eq(c[2].old.start, th_ymd(2024, 9, 1));
	level_corrections_free(c, n);
	cr_assert_eq(cur_level(pupil), 3);
	(void)e3;
}

/* ============================================================= withdrawal */

Test(dblevel, withdraw_the_newest_reopens_the_previous)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Anna", NULL, "Smit");
	ibis_id e1 = step(pupil, "6-lagen", 1, th_ymd(2025, 9, 1));
	ibis_id e2 = step_to(pupil, "6-lagen", 3, th_ymd(2026, 1, 10), DATE_NONE, "Dubbel");
	cr_assert_eq(cur_level(pupil), 3);

	TH_OK(db_level_withdraw(th_db, e2, 1, " verkeerde leerling ", "jansen",
				th_ymd(2026, 1, 12), &err));

	struct level_episode e = {0};
	bool found = true;
	TH_OK(db_level_get(th_db, e2, &e, &found, &err));
	cr_assert_not(found);
	TH_OK(db_level_current(th_db, pupil, &e, &found, &err));
	cr_assert(found);
	cr_assert_eq(e.id, e1);
	cr_assert_eq(e.end, DATE_NONE);
	cr_assert_eq(e.level, 1);
	level_episode_clear(&e);
	cr_assert_eq(cur_level(pupil), 1);
	cr_assert_eq(history_len(pupil), 1);

	struct level_correction *c = NULL;
	int n = 0;
	TH_OK(db_level_corrections(th_db, pupil, &c, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_eq(c[0].action, CORRECTION_WITHDRAWN);
	cr_assert_eq(c[0].episode_id, 0);
	cr_assert_eq(c[0].old.id, e2); /* the withdrawn episode's id, kept */
	cr_assert_eq(c[0].on, th_ymd(2026, 1, 12));
	cr_assert_str_eq(c[0].author, "jansen");
	cr_assert_str_eq(c[0].why, "verkeerde leerling");
	cr_assert_str_eq(c[0].old.model, "6-lagen");
	cr_assert_eq(c[0].old.level, 3);
	cr_assert_eq(c[0].old.start, th_ymd(2026, 1, 10));
	cr_assert_eq(c[0].old.end, DATE_NONE);
	cr_assert_str_eq(c[0].old.reason, "Dubbel");
	level_corrections_free(c, n);

	/* the only episode left can go too: no level at all */
	TH_OK(db_level_withdraw(th_db, e1, 3, "nooit gezet", "jansen", th_ymd(2026, 1, 12), &err));
	cr_assert_eq(history_len(pupil), 0);
	cr_assert_eq(cur_level(pupil), 0);
	cr_assert_eq(corrections_count(pupil), 2);
}

Test(dblevel, withdraw_a_closed_newest_passes_its_end_on)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Anna", NULL, "Smit");
	ibis_id e1 = step(pupil, "6-lagen", 2, th_ymd(2025, 9, 1));
	ibis_id e2 = step_to(pupil, "6-lagen", 3, th_ymd(2026, 1, 10), th_ymd(2026, 3, 1), NULL);
	cr_assert_eq(cur_level(pupil), 0);

	TH_OK(db_level_withdraw(th_db, e2, 1, "niet genomen", "ib", th_ymd(2026, 3, 2), &err));
	struct level_episode e = episode(e1);
	cr_assert_eq(e.end, th_ymd(2026, 3, 1));
	level_episode_clear(&e);
	cr_assert_eq(cur_level(pupil), 0);

	struct level_correction *c = NULL;
	int n = 0;
	TH_OK(db_level_corrections(th_db, pupil, &c, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_eq(c[0].old.end, th_ymd(2026, 3, 1));
	level_corrections_free(c, n);
}

Test(dblevel, withdraw_refusals_change_nothing)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Anna", NULL, "Smit");
	ibis_id e1 = step(pupil, "6-lagen", 1, th_ymd(2025, 9, 1));
	ibis_id e2 = step(pupil, "6-lagen", 2, th_ymd(2026, 1, 10));

	cr_assert_eq(db_level_withdraw(th_db, e1, 2, "ouder", "ib", th_ymd(2026, 2, 1), &err),
		     IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	cr_assert(strstr(err.message, "Alleen het laatste niveau"), "%s", err.message);
	cr_assert_eq(db_level_withdraw(th_db, e2, 7, "oud", "ib", th_ymd(2026, 2, 1), &err),
		     IBIS_EDB);
	cr_assert_eq(err.fault, DBF_CONFLICT);
	cr_assert_str_eq(err.message,
			 "Iemand anders heeft dit niveau intussen gewijzigd; bekijk het opnieuw.");
	cr_assert_eq(db_level_withdraw(th_db, e2, 1, "  ", "ib", th_ymd(2026, 2, 1), &err),
		     IBIS_EINPUT);
	cr_assert_str_eq(err.message, "Geef aan waarom het niveau wordt gecorrigeerd.");
	cr_assert_eq(db_level_withdraw(th_db, 9999, 1, "weg", "ib", th_ymd(2026, 2, 1), &err),
		     IBIS_EINPUT);

	cr_assert_eq(history_len(pupil), 2);
	cr_assert_eq(corrections_count(pupil), 0);
	cr_assert_eq(cur_level(pupil), 2);
	struct level_episode e = episode(e1);
	cr_assert_eq(e.end, th_ymd(2026, 1, 10));
	level_episode_clear(&e);
}

Test(dblevel, corrections_of_a_pupil_oldest_first)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id anna = th_pupil_new(th_db, school, "Anna", NULL, "Smit");
	ibis_id bram = th_pupil_new(th_db, school, "Bram", NULL, "Jong");
	ibis_id ea = step(anna, "6-lagen", 2, th_ymd(2025, 9, 1));
	ibis_id eb = step(bram, "6-lagen", 2, th_ymd(2025, 9, 1));

	struct level_episode f = episode(ea);
	f.level = 3;
	TH_OK(db_level_correct(th_db, &f, "later ingevoerd", "ib", th_ymd(2026, 3, 1), &err));
	f.level = 4;
	TH_OK(db_level_correct(th_db, &f, "eerder gebeurd", "ib", th_ymd(2026, 2, 1), &err));
	level_episode_clear(&f);
	f = episode(eb);
	f.level = 1;
	TH_OK(db_level_correct(th_db, &f, "bram", "ib", th_ymd(2026, 1, 1), &err));
	level_episode_clear(&f);

	struct level_correction *c = NULL;
	int n = 0;
	TH_OK(db_level_corrections(th_db, anna, &c, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_str_eq(c[0].why, "eerder gebeurd");
	cr_assert_eq(c[0].old.level, 3);
	cr_assert_str_eq(c[1].why, "later ingevoerd");
	cr_assert_eq(c[1].old.level, 2);
	level_corrections_free(c, n);

	ibis_id none = th_pupil_new(th_db, school, "Cas", NULL, "Veen");
	TH_OK(db_level_corrections(th_db, none, &c, &n, &err));
	cr_assert_eq(n, 0);
	cr_assert_null(c);
}

Test(dblevel, get_by_id)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Anna", NULL, "Smit");
	ibis_id e = step_to(pupil, "6-lagen", 4, th_ymd(2025, 9, 1), DATE_NONE, "Waarom");

	struct level_episode got = {0};
	bool found = false;
	TH_OK(db_level_get(th_db, e, &got, &found, &err));
	cr_assert(found);
	cr_assert_eq(got.id, e);
	cr_assert_eq(got.pupil_id, pupil);
	cr_assert_eq(got.level, 4);
	cr_assert_str_eq(got.reason, "Waarom");
	cr_assert_eq(got.start, th_ymd(2025, 9, 1));
	TH_OK(db_level_get(th_db, e + 1, &got, &found, &err));
	cr_assert_not(found);
	cr_assert_null(got.model);
}

/* ================================================================ misfits */

Test(dblevel, misfits_by_model_and_number_of_levels)
{
	struct ibis_error err = {0};
	ibis_id s1 = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id s2 = th_school_new(th_db, "De Linde", NULL, "4-niveaus");
	ibis_id g5b = th_group_new(th_db, s1, "5B", 2026, 5, 5);
	ibis_id g4a = th_group_new(th_db, s1, "4A", 2025, 4, 4);
	ibis_id g6b = th_group_new(th_db, s1, "6B", 2027, 6, 6); /* next year's, planned early */

	ibis_id a = th_pupil_new(th_db, s1, "Anna", "van den", "Berg");
	ibis_id b = th_pupil_new(th_db, s1, "Bram", NULL, "Aalders");
	ibis_id c = th_pupil_new(th_db, s1, "Cas", NULL, "Zwart");
	ibis_id d = th_pupil_new(th_db, s1, "Dirk", NULL, "Vertrokken");
	ibis_id e = th_pupil_new(th_db, s1, "Eva", NULL, "Zonder");
	ibis_id f = th_pupil_new(th_db, s2, "Fleur", NULL, "Past");
	ibis_id g = th_pupil_new(th_db, s2, "Gijs", NULL, "Anders");
	step(a, "4-niveaus", 2, th_ymd(2025, 9, 1));
	step(b, "6-lagen", 3, th_ymd(2025, 9, 1));
	step(c, "6-lagen", 6, th_ymd(2025, 9, 1));
	step(d, "4-niveaus", 1, th_ymd(2025, 9, 1));
	step(f, "4-niveaus", 2, th_ymd(2025, 9, 1));
	step(g, "6-lagen", 1, th_ymd(2025, 9, 1));
	TH_OK(db_group_add_member(th_db, g4a, a, 4, &err));
	TH_OK(db_group_add_member(th_db, g5b, a, 5, &err));
	TH_OK(db_group_add_member(th_db, g6b, a, 6, &err));
	struct pupil left = {0};
	TH_OK(db_pupil_get(th_db, d, &left, &err));
	TH_OK(db_pupil_archive(th_db, &left, th_ymd(2026, 6, 1), LEAVE_VO, &err));
	pupil_clear(&left);
	(void)e;

	struct level_misfit *m = NULL;
	int n = 0;
	TH_OK(db_level_misfits(th_db, s1, NULL, 0, &m, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_eq(m[0].pupil_id, a);
	cr_assert_str_eq(m[0].name, "Berg, Anna van den");
	cr_assert_str_eq(m[0].group, "5B");
	cr_assert_str_eq(m[0].model, "4-niveaus");
	cr_assert_eq(m[0].level, 2);
	level_misfits_free(m, n);

	/* a model of 5 levels: Cas at level 6 no longer fits either */
	TH_OK(db_level_misfits(th_db, s1, NULL, 5, &m, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(m[0].pupil_id, a);
	cr_assert_eq(m[1].pupil_id, c);
	cr_assert_str_eq(m[1].name, "Zwart, Cas");
	cr_assert_null(m[1].group);
	cr_assert_eq(m[1].level, 6);
	level_misfits_free(m, n);

	/* another model than the school's: name order (Aalders, Zwart) */
	TH_OK(db_level_misfits(th_db, s1, "4-niveaus", 0, &m, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(m[0].pupil_id, b);
	cr_assert_eq(m[1].pupil_id, c);
	level_misfits_free(m, n);

	/* every school against its own model */
	TH_OK(db_level_misfits(th_db, 0, NULL, 0, &m, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(m[0].pupil_id, g); /* Anders before Berg */
	cr_assert_eq(m[1].pupil_id, a);
	level_misfits_free(m, n);

	TH_OK(db_level_misfits(th_db, s2, NULL, 4, &m, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_eq(m[0].pupil_id, g);
	level_misfits_free(m, n);
	(void)f;
}

/* ================================================================== remap */

static int map_4_to_sop[10] = {0, 1, 2, 3, 5, 4, 5, 7, 0, 0};

static void assert_school(ibis_id id, const char *model, int version)
{
	struct ibis_error err = {0};
	struct school s = {0};
	TH_OK(db_school_get(th_db, id, &s, &err));
	cr_assert_str_eq(s.level_model, model);
	cr_assert_eq(s.version, version);
	school_clear(&s);
}

Test(dblevel, remap_moves_the_open_episodes)
{
	struct ibis_error err = {0};
	ibis_id s1 = th_school_new(th_db, "De Regenboog", NULL, "4-niveaus");
	ibis_id s2 = th_school_new(th_db, "De Linde", NULL, "4-niveaus");
	ibis_id a = th_pupil_new(th_db, s1, "Anna", NULL, "Aa");
	ibis_id b = th_pupil_new(th_db, s1, "Bram", NULL, "Bb");
	ibis_id c = th_pupil_new(th_db, s1, "Cas", NULL, "Cc");
	ibis_id d = th_pupil_new(th_db, s2, "Dirk", NULL, "Dd");
	ibis_id e = th_pupil_new(th_db, s1, "Eva", NULL, "Ee");
	ibis_id f = th_pupil_new(th_db, s1, "Fleur", NULL, "Ff");
	ibis_id g = th_pupil_new(th_db, s1, "Gijs", NULL, "Gg");
	ibis_id h = th_pupil_new(th_db, s1, "Hans", NULL, "Hh");
	step(a, "4-niveaus", 2, th_ymd(2025, 9, 1));
	step(b, "4-niveaus", 4, th_ymd(2025, 9, 1));
	step(c, "6-lagen", 5, th_ymd(2024, 9, 1));          /* an older model */
	step(d, "4-niveaus", 4, th_ymd(2025, 9, 1));        /* another school */
	step(e, "4-niveaus", 3, th_ymd(2025, 9, 1));        /* left */
	step(f, "5-niveaus-sop", 6, th_ymd(2025, 9, 1));    /* above the new model's 5 */
	step(g, "5-niveaus-sop", 3, th_ymd(2025, 9, 1));    /* fits already */
	step(h, "5-niveaus-sop", 7, th_ymd(2025, 9, 1));    /* maps onto itself: left alone */
	struct pupil left = {0};
	TH_OK(db_pupil_get(th_db, e, &left, &err));
	TH_OK(db_pupil_archive(th_db, &left, th_ymd(2026, 6, 1), LEAVE_SCHOOL, &err));
	pupil_clear(&left);

	int changed = -1;
	TH_OK(db_level_remap(th_db, s1, "5-niveaus-sop", 5, map_4_to_sop, th_ymd(2026, 11, 23),
			     "ib", &changed, &err));
	cr_assert_eq(changed, 4); /* a, b, c, f */

	struct level_episode *hist = NULL;
	int n = 0;
	TH_OK(db_level_history(th_db, a, &hist, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(hist[0].end, th_ymd(2026, 11, 23));
	cr_assert_str_eq(hist[1].model, "5-niveaus-sop");
	cr_assert_eq(hist[1].level, 2);
	cr_assert_eq(hist[1].start, th_ymd(2026, 11, 23));
	cr_assert_eq(hist[1].end, DATE_NONE);
	cr_assert_str_eq(hist[1].reason, "Omgezet van model 4-niveaus (niveau 2) naar 5-niveaus-sop");
	cr_assert_str_eq(hist[1].author, "ib");
	level_episodes_free(hist, n);

	struct level_episode cur = {0};
	bool found;
	TH_OK(db_level_current(th_db, b, &cur, &found, &err));
	cr_assert_eq(cur.level, 5);
	level_episode_clear(&cur);
	cr_assert_eq(cur_level(b), 5);
	TH_OK(db_level_current(th_db, c, &cur, &found, &err));
	cr_assert_eq(cur.level, 4);
	cr_assert_str_eq(cur.reason, "Omgezet van model 6-lagen (niveau 5) naar 5-niveaus-sop");
	level_episode_clear(&cur);
	TH_OK(db_level_current(th_db, f, &cur, &found, &err));
	cr_assert_eq(cur.level, 5);
	cr_assert_str_eq(cur.model, "5-niveaus-sop");
	level_episode_clear(&cur);
	cr_assert_eq(history_len(d), 1);
	cr_assert_eq(history_len(e), 1);
	cr_assert_eq(history_len(g), 1);
	cr_assert_eq(history_len(h), 1);
	cr_assert_eq(cur_level(d), 4);

	assert_school(s1, "5-niveaus-sop", 2);
	assert_school(s2, "4-niveaus", 1);

	/* a second run finds nothing to do and leaves the school's version */
	TH_OK(db_level_remap(th_db, s1, "5-niveaus-sop", 5, map_4_to_sop, th_ymd(2026, 11, 24),
			     "ib", &changed, &err));
	cr_assert_eq(changed, 0);
	assert_school(s1, "5-niveaus-sop", 2);
	cr_assert_eq(history_len(a), 2);
}

Test(dblevel, remap_refuses_everything_on_one_unmapped_level)
{
	struct ibis_error err = {0};
	ibis_id s1 = th_school_new(th_db, "De Regenboog", NULL, "4-niveaus");
	ibis_id a = th_pupil_new(th_db, s1, "Anna", NULL, "Aa");
	ibis_id b = th_pupil_new(th_db, s1, "Bram", "de", "Vries");
	step(a, "4-niveaus", 2, th_ymd(2025, 9, 1));
	step(b, "4-niveaus", 4, th_ymd(2025, 9, 1));

	int partial[10] = {0, 1, 2, 3, 0};
	int changed = -1;
	cr_assert_eq(db_level_remap(th_db, s1, "5-niveaus-sop", 5, partial, th_ymd(2026, 11, 23),
				    "ib", &changed, &err),
		     IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	cr_assert(strstr(err.message, "Niveau 4 van model 4-niveaus"), "%s", err.message);
	cr_assert(strstr(err.message, "Bram de Vries"), "%s", err.message);
	cr_assert_eq(changed, 0);

	/* a mapping past the new model's levels */
	int too_high[10] = {0, 1, 2, 3, 6};
	cr_assert_eq(db_level_remap(th_db, s1, "5-niveaus-sop", 5, too_high, th_ymd(2026, 11, 23),
				    "ib", &changed, &err),
		     IBIS_EINPUT);
	cr_assert(strstr(err.message, "naar niveau 6"), "%s", err.message);
	/* a day before a pupil's current level began */
	cr_assert_eq(db_level_remap(th_db, s1, "5-niveaus-sop", 5, map_4_to_sop,
				    th_ymd(2025, 8, 31), "ib", &changed, &err),
		     IBIS_EINPUT);
	cr_assert(strstr(err.message, "31-08-2025"), "%s", err.message);
	/* an unknown school */
	cr_assert_eq(db_level_remap(th_db, 999, "5-niveaus-sop", 5, map_4_to_sop,
				    th_ymd(2026, 11, 23), "ib", &changed, &err),
		     IBIS_EINPUT);
	cr_assert_str_eq(err.message, "School 999 bestaat niet.");

	cr_assert_eq(history_len(a), 1);
	cr_assert_eq(history_len(b), 1);
	cr_assert_eq(cur_level(b), 4);
	assert_school(s1, "4-niveaus", 1);
}

/* ================================================================== facts */

static struct step_facts facts_on(ibis_id pupil, ibis_date d, struct strlist *plans)
{
	struct ibis_error err = {0};
	struct step_facts f;
	TH_OK(db_level_facts(th_db, pupil, d, &f, plans, &err));
	cr_assert_eq(f.plans, plans);
	return f;
}

Test(dblevel, facts_level_on_the_day_and_open_plans)
{
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Anna", NULL, "Smit");
	step(pupil, "6-lagen", 2, th_ymd(2025, 9, 1));
	step(pupil, "6-lagen", 3, th_ymd(2026, 1, 10));
	struct strlist plans = {0};

	cr_assert_eq(facts_on(pupil, th_ymd(2025, 8, 31), &plans).from, 0);
	cr_assert_eq(facts_on(pupil, th_ymd(2025, 9, 1), &plans).from, 2);
	cr_assert_eq(facts_on(pupil, th_ymd(2026, 1, 9), &plans).from, 2);
	cr_assert_eq(facts_on(pupil, th_ymd(2026, 1, 10), &plans).from, 3);
	cr_assert_eq(plans.len, 0);

	th_plan_new(th_db, pupil, "opp", PLAN_CONCEPT, th_ymd(2026, 2, 1), DATE_NONE, DATE_NONE);
	th_plan_new(th_db, pupil, "oop", PLAN_ACTIVE, th_ymd(2026, 1, 15), DATE_NONE, DATE_NONE);
	th_plan_new(th_db, pupil, "ihp", PLAN_CLOSED, th_ymd(2025, 10, 1), DATE_NONE, DATE_NONE);
	th_plan_new(th_db, pupil, "groeidocument", PLAN_EVALUATED, th_ymd(2025, 10, 1), DATE_NONE,
		    DATE_NONE);
	struct step_facts f = facts_on(pupil, th_ymd(2026, 3, 1), &plans);
	cr_assert_eq(f.from, 3);
	cr_assert_eq(plans.len, 2);
	cr_assert_str_eq(plans.items[0], "oop");
	cr_assert_str_eq(plans.items[1], "opp");
	sl_free(&plans);

	/* an episode ends on the day the next one begins, so a closed one
	 * without a successor no longer covers its end day */
	ibis_id closed = th_pupil_new(th_db, school, "Cas", NULL, "Dicht");
	step_to(closed, "6-lagen", 4, th_ymd(2025, 9, 1), th_ymd(2026, 3, 1), NULL);
	cr_assert_eq(facts_on(closed, th_ymd(2026, 2, 28), &plans).from, 4);
	cr_assert_eq(facts_on(closed, th_ymd(2026, 3, 1), &plans).from, 0);

	/* a pupil without anything */
	ibis_id none = th_pupil_new(th_db, school, "Bram", NULL, "Leeg");
	f = facts_on(none, th_ymd(2026, 3, 1), &plans);
	cr_assert_eq(f.from, 0);
	cr_assert_not(f.consent);
	cr_assert_not(f.groeidocument);
	cr_assert_not(f.hoorrecht);
	cr_assert_not(f.tlv);
	cr_assert_eq(plans.len, 0);
}

Test(dblevel, facts_consent_given_and_withdrawn)
{
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Anna", NULL, "Smit");
	struct strlist plans = {0};

	cr_assert_not(facts_on(pupil, th_ymd(2026, 2, 1), &plans).consent);
	consent(pupil, "mdo", "gegeven", "2026-02-01");
	cr_assert_not(facts_on(pupil, th_ymd(2026, 1, 31), &plans).consent);
	cr_assert(facts_on(pupil, th_ymd(2026, 2, 1), &plans).consent);
	consent(pupil, "mdo", "ingetrokken", "2026-03-01");
	cr_assert(facts_on(pupil, th_ymd(2026, 2, 28), &plans).consent);
	cr_assert_not(facts_on(pupil, th_ymd(2026, 3, 1), &plans).consent);
	/* a refusal of another subject does not touch this one */
	consent(pupil, "onderzoek", "geweigerd", "2026-03-15");
	consent(pupil, "mdo", "gegeven", "2026-04-01");
	cr_assert_not(facts_on(pupil, th_ymd(2026, 3, 31), &plans).consent);
	cr_assert(facts_on(pupil, th_ymd(2026, 4, 1), &plans).consent);
	/* refused later the same day it was given */
	consent(pupil, "mdo", "geweigerd", "2026-04-01");
	cr_assert_not(facts_on(pupil, th_ymd(2026, 4, 1), &plans).consent);
	sl_free(&plans);
}

Test(dblevel, facts_groeidocument_and_hoorrecht)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Anna", NULL, "Smit");
	struct strlist plans = {0};

	th_plan_new(th_db, pupil, "groeidocument", PLAN_CLOSED, th_ymd(2025, 1, 1), DATE_NONE,
		    DATE_NONE);
	struct step_facts f = facts_on(pupil, th_ymd(2026, 3, 1), &plans);
	cr_assert_not(f.groeidocument);
	cr_assert_not(f.hoorrecht);
	th_plan_new(th_db, pupil, "groeidocument", PLAN_CONCEPT, th_ymd(2026, 1, 1), DATE_NONE,
		    DATE_NONE);
	cr_assert(facts_on(pupil, th_ymd(2026, 3, 1), &plans).groeidocument);

	/* an OPP: only a filled inbreng_leerling counts */
	ibis_id opp = th_plan_new(th_db, pupil, "opp", PLAN_ACTIVE, th_ymd(2026, 1, 1), DATE_NONE,
				  DATE_NONE);
	TH_OK(db_plan_set_field(th_db, opp, "inbreng_ouders", "Ouders willen meer rust.", &err));
	cr_assert_not(facts_on(pupil, th_ymd(2026, 3, 1), &plans).hoorrecht);
	TH_OK(db_plan_set_field(th_db, opp, "inbreng_leerling", "  \n ", &err));
	cr_assert_not(facts_on(pupil, th_ymd(2026, 3, 1), &plans).hoorrecht);
	TH_OK(db_plan_set_field(th_db, opp, "inbreng_leerling", "Anna wil zelf oefenen.", &err));
	cr_assert(facts_on(pupil, th_ymd(2026, 3, 1), &plans).hoorrecht);

	/* or a kindgesprek in the year before the day */
	ibis_id other = th_pupil_new(th_db, school, "Bram", NULL, "Jong");
	struct event ev = {.pupil_id = other, .kind = "oudergesprek", .date = th_ymd(2026, 1, 5)};
	TH_OK(db_event_insert(th_db, &ev, &err));
	cr_assert_not(facts_on(other, th_ymd(2026, 3, 1), &plans).hoorrecht);
	struct event kg = {.pupil_id = other, .kind = "kindgesprek", .date = th_ymd(2025, 11, 23)};
	TH_OK(db_event_insert(th_db, &kg, &err));
	cr_assert_not(facts_on(other, th_ymd(2025, 11, 22), &plans).hoorrecht);
	cr_assert(facts_on(other, th_ymd(2025, 11, 23), &plans).hoorrecht);
	cr_assert(facts_on(other, th_ymd(2026, 11, 23), &plans).hoorrecht);
	cr_assert_not(facts_on(other, th_ymd(2026, 11, 24), &plans).hoorrecht);
	sl_free(&plans);
}

Test(dblevel, facts_tlv_valid_on_the_day)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Anna", NULL, "Smit");
	struct strlist plans = {0};

	struct arrangement oa = {.pupil_id = pupil, .kind = ARRANGEMENT_ONDERWIJS,
				 .start = th_ymd(2025, 1, 1), .end = DATE_NONE};
	TH_OK(db_arrangement_insert(th_db, &oa, &err));
	cr_assert_not(facts_on(pupil, th_ymd(2026, 9, 1), &plans).tlv);
	struct arrangement tlv = {.pupil_id = pupil, .kind = ARRANGEMENT_TLV,
				  .start = th_ymd(2026, 8, 1), .end = th_ymd(2028, 7, 31)};
	TH_OK(db_arrangement_insert(th_db, &tlv, &err));
	cr_assert_not(facts_on(pupil, th_ymd(2026, 7, 31), &plans).tlv);
	cr_assert(facts_on(pupil, th_ymd(2026, 8, 1), &plans).tlv);
	cr_assert(facts_on(pupil, th_ymd(2028, 7, 31), &plans).tlv);
	cr_assert_not(facts_on(pupil, th_ymd(2028, 8, 1), &plans).tlv);
	sl_free(&plans);
}

/* ================================================================ archive */

static struct pupil pupil_get(ibis_id id)
{
	struct ibis_error err = {0};
	struct pupil p = {0};
	TH_OK(db_pupil_get(th_db, id, &p, &err));
	return p;
}

Test(dblevel, archive_to_sbo_records_the_placement)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id id = th_pupil_new(th_db, school, "Anna", NULL, "Smit");
	ibis_id e1 = step(id, "6-lagen", 4, th_ymd(2025, 9, 1));
	struct pupil p = pupil_get(id);

	TH_OK(db_level_archive(th_db, &p, th_ymd(2026, 11, 23), LEAVE_SBO, "6-lagen", 5, "ib",
			       &err));
	cr_assert_eq(p.version, 2);
	cr_assert_eq(p.left, th_ymd(2026, 11, 23));
	cr_assert_eq(p.destination, LEAVE_SBO);
	pupil_clear(&p);
	p = pupil_get(id);
	cr_assert_eq(p.left, th_ymd(2026, 11, 23));
	cr_assert_eq(p.destination, LEAVE_SBO);
	cr_assert_eq(p.version, 2);
	pupil_clear(&p);

	struct level_episode *h = NULL;
	int n = 0;
	TH_OK(db_level_history(th_db, id, &h, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(h[0].id, e1);
	cr_assert_eq(h[0].end, th_ymd(2026, 11, 23));
	cr_assert_str_eq(h[1].model, "6-lagen");
	cr_assert_eq(h[1].level, 5);
	cr_assert_eq(h[1].start, th_ymd(2026, 11, 23));
	cr_assert_eq(h[1].end, DATE_NONE);
	cr_assert_str_eq(h[1].reason, "Vertrek naar SBO");
	cr_assert_str_eq(h[1].author, "ib");
	level_episodes_free(h, n);
	cr_assert_eq(cur_level(id), 5);

	/* SO, for a pupil without a level yet */
	ibis_id so = th_pupil_new(th_db, school, "Bram", NULL, "Jong");
	p = pupil_get(so);
	TH_OK(db_level_archive(th_db, &p, th_ymd(2026, 11, 23), LEAVE_SO, "6-lagen", 5, "ib",
			       &err));
	pupil_clear(&p);
	struct level_episode cur = {0};
	bool found = false;
	TH_OK(db_level_current(th_db, so, &cur, &found, &err));
	cr_assert(found);
	cr_assert_str_eq(cur.reason, "Vertrek naar SO");
	cr_assert_eq(cur.level, 5);
	level_episode_clear(&cur);

	/* already placed: no second step to the same level */
	ibis_id placed = th_pupil_new(th_db, school, "Cas", NULL, "Veen");
	step(placed, "6-lagen", 5, th_ymd(2026, 9, 1));
	p = pupil_get(placed);
	TH_OK(db_level_archive(th_db, &p, th_ymd(2026, 11, 23), LEAVE_SBO, "6-lagen", 5, "ib",
			       &err));
	pupil_clear(&p);
	cr_assert_eq(history_len(placed), 1);
}

Test(dblevel, archive_without_placement)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "4-niveaus");
	ibis_id vo = th_pupil_new(th_db, school, "Anna", NULL, "Smit");
	ibis_id sbo = th_pupil_new(th_db, school, "Bram", NULL, "Jong");
	step(vo, "4-niveaus", 2, th_ymd(2025, 9, 1));
	step(sbo, "4-niveaus", 4, th_ymd(2025, 9, 1));

	struct pupil p = pupil_get(vo);
	TH_OK(db_level_archive(th_db, &p, th_ymd(2026, 11, 23), LEAVE_VO, "4-niveaus", 5, "ib",
			       &err));
	cr_assert_eq(p.version, 2);
	pupil_clear(&p);
	cr_assert_eq(history_len(vo), 1);
	cr_assert_eq(cur_level(vo), 2);
	/* a model without a placement level (placement 0) */
	p = pupil_get(sbo);
	TH_OK(db_level_archive(th_db, &p, th_ymd(2026, 11, 23), LEAVE_SBO, "4-niveaus", 0, "ib",
			       &err));
	pupil_clear(&p);
	cr_assert_eq(history_len(sbo), 1);
	p = pupil_get(sbo);
	cr_assert_eq(p.destination, LEAVE_SBO);
	pupil_clear(&p);
}

Test(dblevel, archive_failure_leaves_nothing)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id id = th_pupil_new(th_db, school, "Anna", NULL, "Smit");
	step(id, "6-lagen", 3, th_ymd(2026, 12, 1)); /* begins after the leave date */
	struct pupil p = pupil_get(id);

	cr_assert_eq(db_level_archive(th_db, &p, th_ymd(2026, 11, 23), LEAVE_SBO, "6-lagen", 5,
				      "ib", &err),
		     IBIS_EINPUT);
	cr_assert_eq(p.version, 1);
	cr_assert_eq(p.left, DATE_NONE);
	cr_assert_eq(p.destination, LEAVE_NONE);
	pupil_clear(&p);
	p = pupil_get(id);
	cr_assert_eq(p.left, DATE_NONE);
	cr_assert_eq(p.version, 1);
	cr_assert_eq(history_len(id), 1);

	/* a stale version: the pupil's conflict, and no step either */
	p.version = 5;
	cr_assert_eq(db_level_archive(th_db, &p, th_ymd(2026, 12, 2), LEAVE_SBO, "6-lagen", 5, "ib", &err),
		     IBIS_EDB);
	cr_assert_eq(err.fault, DBF_CONFLICT);
	pupil_clear(&p);
	cr_assert_eq(history_len(id), 1);

	/* inside the caller's transaction (a savepoint), undone with it */
	p = pupil_get(id);
	TH_OK(db_begin(th_db, &err));
	TH_OK(db_level_archive(th_db, &p, th_ymd(2026, 12, 2), LEAVE_SO, "6-lagen", 5, "ib", &err));
	cr_assert_eq(history_len(id), 2);
	db_rollback(th_db);
	pupil_clear(&p);
	p = pupil_get(id);
	cr_assert_eq(p.left, DATE_NONE);
	pupil_clear(&p);
	cr_assert_eq(history_len(id), 1);
}

/* =========================================================== arrangements */

Test(dblevel, arrangements_insert_update_list)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Anna", NULL, "Smit");

	struct arrangement tlv = {.pupil_id = pupil, .kind = ARRANGEMENT_TLV,
				  .start = th_ymd(2026, 8, 1), .end = th_ymd(2028, 7, 31),
				  .description = "SBO De Brug", .reference = "SWV-2026-17"};
	TH_OK(db_arrangement_insert(th_db, &tlv, &err));
	cr_assert_gt(tlv.id, 0);
	cr_assert_eq(tlv.version, 1);
	struct arrangement oa = {.pupil_id = pupil, .kind = ARRANGEMENT_ONDERWIJS,
				 .start = th_ymd(2025, 2, 1), .end = DATE_NONE};
	TH_OK(db_arrangement_insert(th_db, &oa, &err));

	struct arrangement *list = NULL;
	int n = 0;
	TH_OK(db_arrangement_list(th_db, pupil, &list, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(list[0].id, oa.id); /* oldest start first */
	cr_assert_eq(list[0].kind, ARRANGEMENT_ONDERWIJS);
	cr_assert_eq(list[0].end, DATE_NONE);
	cr_assert_null(list[0].description);
	cr_assert_eq(list[1].kind, ARRANGEMENT_TLV);
	cr_assert_eq(list[1].start, th_ymd(2026, 8, 1));
	cr_assert_eq(list[1].end, th_ymd(2028, 7, 31));
	cr_assert_str_eq(list[1].description, "SBO De Brug");
	cr_assert_str_eq(list[1].reference, "SWV-2026-17");
	cr_assert_eq(list[1].pupil_id, pupil);
	arrangements_free(list, n);

	/* update end, description and reference */
	struct arrangement stale = tlv;
	tlv.end = th_ymd(2027, 7, 31);
	tlv.description = "SBO De Brug, verkort";
	tlv.reference = NULL;
	TH_OK(db_arrangement_update(th_db, &tlv, &err));
	cr_assert_eq(tlv.version, 2);
	TH_OK(db_arrangement_list(th_db, pupil, &list, &n, &err));
	cr_assert_eq(list[1].end, th_ymd(2027, 7, 31));
	cr_assert_str_eq(list[1].description, "SBO De Brug, verkort");
	cr_assert_null(list[1].reference);
	cr_assert_eq(list[1].version, 2);
	arrangements_free(list, n);

	/* someone else's change in between */
	stale.end = DATE_NONE;
	cr_assert_eq(db_arrangement_update(th_db, &stale, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_CONFLICT);
	cr_assert_str_eq(err.message,
			 "Iemand anders heeft dit arrangement intussen gewijzigd; bekijk het opnieuw.");
	cr_assert_eq(stale.version, 1);
	/* an end on the start day is allowed */
	oa.end = oa.start;
	TH_OK(db_arrangement_update(th_db, &oa, &err));
	/* gone */
	struct arrangement gone = {.id = 999, .version = 1, .end = DATE_NONE};
	cr_assert_eq(db_arrangement_update(th_db, &gone, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "Arrangement 999 bestaat niet (meer).");
}

Test(dblevel, arrangements_refusals)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Anna", NULL, "Smit");

	struct arrangement bad = {.pupil_id = pupil, .kind = ARRANGEMENT_TLV,
				  .start = th_ymd(2026, 8, 1), .end = th_ymd(2026, 7, 31)};
	cr_assert_eq(db_arrangement_insert(th_db, &bad, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	cr_assert_str_eq(err.message, "De einddatum (31-07-2026) ligt voor de begindatum (01-08-2026).");
	bad.start = DATE_NONE;
	cr_assert_eq(db_arrangement_insert(th_db, &bad, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "Een arrangement heeft een begindatum nodig.");
	struct arrangement orphan = {.pupil_id = 999, .kind = ARRANGEMENT_TLV,
				     .start = th_ymd(2026, 8, 1), .end = DATE_NONE};
	cr_assert_eq(db_arrangement_insert(th_db, &orphan, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "Leerling 999 bestaat niet.");
	cr_assert_eq(db_count_rows(th_db, "arrangements"), 0);

	struct arrangement ok = {.pupil_id = pupil, .kind = ARRANGEMENT_TLV,
				 .start = th_ymd(2026, 8, 1), .end = DATE_NONE};
	TH_OK(db_arrangement_insert(th_db, &ok, &err));
	/* the stored start counts, not the one in the struct */
	ok.start = th_ymd(2020, 1, 1);
	ok.end = th_ymd(2026, 7, 1);
	cr_assert_eq(db_arrangement_update(th_db, &ok, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "De einddatum (01-07-2026) ligt voor de begindatum (01-08-2026).");
	cr_assert_eq(ok.version, 1);

	struct arrangement *list = NULL;
	int n = 0;
	TH_OK(db_arrangement_list(th_db, pupil, &list, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_eq(list[0].end, DATE_NONE);
	cr_assert_eq(list[0].version, 1);
	arrangements_free(list, n);
}

Test(dblevel, tlv_on_the_edges)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id pupil = th_pupil_new(th_db, school, "Anna", NULL, "Smit");
	ibis_id other = th_pupil_new(th_db, school, "Bram", NULL, "Jong");
	struct arrangement oa = {.pupil_id = pupil, .kind = ARRANGEMENT_ONDERWIJS,
				 .start = th_ymd(2025, 1, 1), .end = DATE_NONE};
	TH_OK(db_arrangement_insert(th_db, &oa, &err));
	struct arrangement tlv = {.pupil_id = pupil, .kind = ARRANGEMENT_TLV,
				  .start = th_ymd(2026, 8, 1), .end = th_ymd(2028, 7, 31),
				  .reference = "SWV-1"};
	TH_OK(db_arrangement_insert(th_db, &tlv, &err));
	struct arrangement open = {.pupil_id = other, .kind = ARRANGEMENT_TLV,
				   .start = th_ymd(2026, 8, 1), .end = DATE_NONE};
	TH_OK(db_arrangement_insert(th_db, &open, &err));

	struct arrangement got = {0};
	bool found = true;
	TH_OK(db_arrangement_tlv_on(th_db, pupil, th_ymd(2026, 7, 31), &got, &found, &err));
	cr_assert_not(found);
	TH_OK(db_arrangement_tlv_on(th_db, pupil, th_ymd(2026, 8, 1), &got, &found, &err));
	cr_assert(found);
	cr_assert_eq(got.id, tlv.id);
	cr_assert_eq(got.kind, ARRANGEMENT_TLV);
	cr_assert_str_eq(got.reference, "SWV-1");
	TH_OK(db_arrangement_tlv_on(th_db, pupil, th_ymd(2028, 7, 31), &got, &found, &err));
	cr_assert(found);
	TH_OK(db_arrangement_tlv_on(th_db, pupil, th_ymd(2028, 8, 1), &got, &found, &err));
	cr_assert_not(found);
	cr_assert_null(got.reference);
	TH_OK(db_arrangement_tlv_on(th_db, other, th_ymd(2040, 1, 1), &got, &found, &err));
	cr_assert(found);
	cr_assert_eq(got.id, open.id);
	cr_assert_eq(got.end, DATE_NONE);
	arrangement_clear(&got);
}

/* ============================================================== read-only */

Test(dblevel, a_read_only_database_refuses_every_write)
{
	struct ibis_error err = {0};
	ibis_id school = th_school_new(th_db, "De Regenboog", NULL, "4-niveaus");
	ibis_id pupil = th_pupil_new(th_db, school, "Anna", NULL, "Smit");
	ibis_id e1 = step(pupil, "4-niveaus", 1, th_ymd(2025, 9, 1));
	ibis_id e2 = step(pupil, "4-niveaus", 2, th_ymd(2026, 1, 10));
	struct arrangement a = {.pupil_id = pupil, .kind = ARRANGEMENT_TLV,
				.start = th_ymd(2026, 8, 1), .end = DATE_NONE};
	TH_OK(db_arrangement_insert(th_db, &a, &err));
	db_close(th_db);
	struct db_options opt = {.path = th_path, .mode = DB_EXISTING, .readonly = true};
	th_db = NULL;
	TH_OK(db_open(&th_db, &opt, &err));
	cr_assert(db_readonly(th_db));

	struct level_episode fixed = episode(e2);
	fixed.level = 3;
	cr_assert_eq(db_level_correct(th_db, &fixed, "fout", "ib", th_ymd(2026, 2, 1), &err),
		     IBIS_EDB);
	cr_assert_eq(err.fault, DBF_READONLY);
	level_episode_clear(&fixed);
	err.fault = DBF_NONE;
	cr_assert_eq(db_level_withdraw(th_db, e2, 1, "fout", "ib", th_ymd(2026, 2, 1), &err),
		     IBIS_EDB);
	cr_assert_eq(err.fault, DBF_READONLY);
	err.fault = DBF_NONE;
	int changed = -1;
	cr_assert_eq(db_level_remap(th_db, school, "5-niveaus-sop", 5, map_4_to_sop,
				    th_ymd(2026, 11, 23), "ib", &changed, &err),
		     IBIS_EDB);
	cr_assert_eq(err.fault, DBF_READONLY);
	cr_assert_eq(changed, 0);
	err.fault = DBF_NONE;
	struct pupil p = pupil_get(pupil);
	cr_assert_eq(db_level_archive(th_db, &p, th_ymd(2026, 11, 23), LEAVE_SBO, "4-niveaus", 4,
				      "ib", &err),
		     IBIS_EDB);
	cr_assert_eq(err.fault, DBF_READONLY);
	cr_assert_eq(p.version, 1);
	pupil_clear(&p);
	err.fault = DBF_NONE;
	struct arrangement b = {.pupil_id = pupil, .kind = ARRANGEMENT_ONDERWIJS,
				.start = th_ymd(2026, 8, 1), .end = DATE_NONE};
	cr_assert_eq(db_arrangement_insert(th_db, &b, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_READONLY);
	err.fault = DBF_NONE;
	a.end = th_ymd(2027, 1, 1);
	cr_assert_eq(db_arrangement_update(th_db, &a, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_READONLY);
	cr_assert_eq(a.version, 1);

	/* reading goes on */
	cr_assert_eq(history_len(pupil), 2);
	struct level_misfit *m = NULL;
	int n = -1;
	TH_OK(db_level_misfits(th_db, school, NULL, 0, &m, &n, &err));
	cr_assert_eq(n, 0);
	level_misfits_free(m, n);
	struct strlist plans = {0};
	struct step_facts f = facts_on(pupil, th_ymd(2026, 9, 1), &plans);
	cr_assert_eq(f.from, 2);
	cr_assert(f.tlv);
	struct level_episode first = episode(e1);
	cr_assert_eq(first.end, th_ymd(2026, 1, 10));
	level_episode_clear(&first);
}

Test(dblevel, misfits_any_answers_from_the_models)
{
	struct ibis_error err = {0};
	bool any = true;

	/* No school, no episode: nothing out of its model. */
	TH_OK(db_level_misfits_any(th_db, &any, &err));
	cr_assert_not(any);

	ibis_id s1 = th_school_new(th_db, "De Regenboog", NULL, "6-lagen");
	ibis_id a = th_pupil_new(th_db, s1, "Anna", NULL, "Berg");
	ibis_id b = th_pupil_new(th_db, s1, "Bram", NULL, "Aalders");
	step(a, "6-lagen", 2, th_ymd(2025, 9, 1));
	TH_OK(db_level_misfits_any(th_db, &any, &err));
	cr_assert_not(any, "one school, one model");

	/* A second school on another model, its pupils in its own model: fine. */
	ibis_id s2 = th_school_new(th_db, "De Linde", NULL, "4-niveaus");
	ibis_id c = th_pupil_new(th_db, s2, "Cas", NULL, "Zwart");
	step(c, "4-niveaus", 3, th_ymd(2025, 9, 1));
	TH_OK(db_level_misfits_any(th_db, &any, &err));
	cr_assert_not(any, "two models, each pupil in its school's");

	/* A pupil of the first school in the second school's model. */
	ibis_id wrong = step(b, "4-niveaus", 1, th_ymd(2025, 9, 1));
	TH_OK(db_level_misfits_any(th_db, &any, &err));
	cr_assert(any);

	/* Withdrawn, the pupil has no level: nothing out of the model. */
	TH_OK(db_level_withdraw(th_db, wrong, 1, "verkeerd model", "jansen", th_ymd(2025, 9, 2),
				&err));
	TH_OK(db_level_misfits_any(th_db, &any, &err));
	cr_assert_not(any, "cur_model follows a withdrawn episode");
	step(b, "4-niveaus", 1, th_ymd(2025, 9, 3));
	TH_OK(db_level_misfits_any(th_db, &any, &err));
	cr_assert(any);

	/* Once that pupil left, nobody at school is out of the model. */
	struct pupil p = {0};
	TH_OK(db_pupil_get(th_db, b, &p, &err));
	TH_OK(db_pupil_archive(th_db, &p, th_ymd(2026, 6, 1), LEAVE_VO, &err));
	pupil_clear(&p);
	TH_OK(db_level_misfits_any(th_db, &any, &err));
	cr_assert_not(any);
}
