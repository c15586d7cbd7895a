/* test_db_level.c - the level history beyond a plain step: corrections and
 * withdrawals with their record, the episode bookkeeping behind the pupil
 * list's current level, pupils that do not fit a model and the remap onto
 * another, the facts the level rules ask, archiving with a placement, and
 * arrangements (TLV, onderwijsarrangement).
 */
#include <criterion/criterion.h>
#include <sqlite3.h>
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

static struct db *db;
static char *dir;
static char *path;

static ibis_date day(int y, int m, int d)
{
	ibis_date out;
	cr_assert(date_from_ymd(y, m, d, &out));
	return out;
}

static void setup(void)
{
	db = th_db_new(&dir);
	path = path_join(dir, "test.db");
	/* school year 2026-2027: the misfits' group column depends on it */
	date_set_today(day(2026, 11, 23));
}

static void teardown(void)
{
	date_set_today(DATE_NONE);
	db_close(db);
	th_rmtree(dir);
	free(dir);
	free(path);
}

/* A call that must succeed; err is the caller's. */
#define OK(call) cr_assert_eq((call), IBIS_OK, "%s: %s (%s)", #call, err.message, err.detail)

static ibis_id school_new(const char *name, const char *model)
{
	struct ibis_error err = {0};
	struct school s = {.name = (char *)name, .level_model = (char *)model,
			   .groepsbesprekingen = 3};
	OK(db_school_insert(db, &s, &err));
	return s.id;
}

static ibis_id group_new(ibis_id school, const char *name, int year, int jaargroep)
{
	struct ibis_error err = {0};
	struct group g = {.school_id = school, .name = (char *)name, .school_year = year,
			  .kind = GROUP_REGULAR, .jaargroep_min = jaargroep,
			  .jaargroep_max = jaargroep};
	OK(db_group_insert(db, &g, &err));
	return g.id;
}

static ibis_id pupil_new(ibis_id school, const char *first, const char *tv, const char *last)
{
	struct ibis_error err = {0};
	struct pupil p = {.school_id = school, .first_name = (char *)first,
			  .tussenvoegsel = (char *)tv, .last_name = (char *)last,
			  .birth_date = day(2017, 3, 14), .enrolled = day(2021, 8, 30),
			  .left = DATE_NONE};
	OK(db_pupil_insert(db, &p, &err));
	return p.id;
}

/* A step of pupil to level in model from start (open, or ending at end). */
static ibis_id step_to(ibis_id pupil, const char *model, int level, ibis_date start,
		       ibis_date end, const char *reason)
{
	struct ibis_error err = {0};
	struct level_episode e = {.pupil_id = pupil, .model = (char *)model, .level = level,
				  .start = start, .end = end, .reason = (char *)reason,
				  .author = "ib"};
	OK(db_level_insert(db, &e, &err));
	cr_assert_gt(e.id, 0);
	return e.id;
}

static ibis_id step(ibis_id pupil, const char *model, int level, ibis_date start)
{
	return step_to(pupil, model, level, start, DATE_NONE, NULL);
}

/* Run SQL on a connection of our own (fixtures no db_* function writes, such
 * as consents); each ? is bound to the next id. */
static void raw_exec(const char *sql, ibis_id a, ibis_id b)
{
	sqlite3 *c = NULL;
	sqlite3_stmt *st = NULL;
	cr_assert_eq(sqlite3_open(path, &c), SQLITE_OK);
	sqlite3_busy_timeout(c, 5000);
	cr_assert_eq(sqlite3_prepare_v2(c, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(c));
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, b);
	cr_assert_eq(sqlite3_step(st), SQLITE_DONE, "%s: %s", sql, sqlite3_errmsg(c));
	sqlite3_finalize(st);
	sqlite3_close(c);
}

/* An integer a query of one row gives (NULL reads as 0). */
static long long raw_int(const char *sql, ibis_id a)
{
	sqlite3 *c = NULL;
	sqlite3_stmt *st = NULL;
	cr_assert_eq(sqlite3_open(path, &c), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(c, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(c));
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, a);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "%s", sql);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(c);
	return v;
}

/* The current level the pupil list shows (pupils.cur_level, kept by the
 * triggers of schema version 2); 0 when none. */
static int cur_level(ibis_id pupil)
{
	return (int)raw_int("SELECT coalesce(cur_level, 0) FROM pupils WHERE id = ?", pupil);
}

static void consent(ibis_id pupil, const char *subject, const char *status, const char *date)
{
	/* subject, status and date are this file's literals */
	char *sql = xasprintf("INSERT INTO consents (pupil_id, subject, status, consent_date)"
			      " VALUES (?, '%s', '%s', '%s')",
			      subject, status, date);
	raw_exec(sql, pupil, 0);
	free(sql);
}

static struct level_episode episode(ibis_id id)
{
	struct ibis_error err = {0};
	struct level_episode e = {0};
	bool found = false;
	OK(db_level_get(db, id, &e, &found, &err));
	cr_assert(found, "episode %lld", (long long)id);
	return e;
}

static int corrections_count(ibis_id pupil)
{
	return (int)raw_int("SELECT count(*) FROM level_corrections WHERE pupil_id = ?", pupil);
}

static int history_len(ibis_id pupil)
{
	struct ibis_error err = {0};
	struct level_episode *h = NULL;
	int n = 0;
	OK(db_level_history(db, pupil, &h, &n, &err));
	level_episodes_free(h, n);
	return n;
}

TestSuite(dblevel, .init = setup, .fini = teardown);

/* ============================================================ corrections */

Test(dblevel, correct_changes_values_and_records_the_old_ones)
{
	struct ibis_error err = {0};
	ibis_id school = school_new("De Regenboog", "6-lagen");
	ibis_id pupil = pupil_new(school, "Anna", "van den", "Berg");
	ibis_id e1 = step_to(pupil, "6-lagen", 1, day(2025, 9, 1), DATE_NONE, "Start");
	ibis_id e2 = step_to(pupil, "6-lagen", 2, day(2026, 1, 10), DATE_NONE, "Toets M5");
	cr_assert_eq(cur_level(pupil), 2);

	struct level_episode fixed = episode(e2);
	cr_assert_eq(fixed.version, 1);
	fixed.level = 3;
	free(fixed.reason);
	fixed.reason = xstrdup("Analyse rekenen");
	fixed.meeting = xstrdup("leerlingbespreking");
	fixed.regie = xstrdup("IB'er");
	fixed.betrokkenen = xstrdup("ouders, leerkracht");
	OK(db_level_correct(db, &fixed, "  niveau verkeerd ingevoerd \n", "jansen",
			    day(2026, 2, 1), &err));
	cr_assert_eq(fixed.version, 2);
	level_episode_clear(&fixed);

	struct level_episode got = episode(e2);
	cr_assert_eq(got.level, 3);
	cr_assert_eq(got.start, day(2026, 1, 10));
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
	cr_assert_eq(got.end, day(2026, 1, 10));
	cr_assert_eq(got.version, 2); /* closed once by the step */
	level_episode_clear(&got);

	struct level_correction *c = NULL;
	int n = 0;
	OK(db_level_corrections(db, pupil, &c, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_eq(c[0].pupil_id, pupil);
	cr_assert_eq(c[0].episode_id, e2);
	cr_assert_eq(c[0].action, CORRECTION_CHANGED);
	cr_assert_eq(c[0].on, day(2026, 2, 1));
	cr_assert_str_eq(c[0].author, "jansen");
	cr_assert_str_eq(c[0].why, "niveau verkeerd ingevoerd");
	cr_assert_eq(c[0].old.id, e2);
	cr_assert_eq(c[0].old.pupil_id, pupil);
	cr_assert_str_eq(c[0].old.model, "6-lagen");
	cr_assert_eq(c[0].old.level, 2);
	cr_assert_eq(c[0].old.start, day(2026, 1, 10));
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
	ibis_id school = school_new("De Regenboog", "6-lagen");
	ibis_id pupil = pupil_new(school, "Anna", NULL, "Smit");
	ibis_id e = step(pupil, "6-lagen", 2, day(2025, 9, 1));

	struct level_episode mine = episode(e);
	struct level_episode theirs = episode(e);
	theirs.level = 3;
	OK(db_level_correct(db, &theirs, "eerst", "collega", day(2026, 1, 5), &err));
	mine.level = 4;
	cr_assert_eq(db_level_correct(db, &mine, "daarna", "ib", day(2026, 1, 6), &err), IBIS_EDB);
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
	ibis_id school = school_new("De Regenboog", "6-lagen");
	ibis_id pupil = pupil_new(school, "Anna", NULL, "Smit");
	ibis_id e = step(pupil, "6-lagen", 2, day(2025, 9, 1));
	struct level_episode fixed = episode(e);

	fixed.level = 3;
	const char *whys[] = {NULL, "", "   \t "};
	for (size_t i = 0; i < ARRAY_LEN(whys); i++) {
		cr_assert_eq(db_level_correct(db, &fixed, whys[i], "ib", day(2026, 1, 5), &err),
			     IBIS_EINPUT);
		cr_assert_eq(err.fault, DBF_CONSTRAINT);
		cr_assert_str_eq(err.message, "Geef aan waarom het niveau wordt gecorrigeerd.");
	}
	fixed.level = 0;
	cr_assert_eq(db_level_correct(db, &fixed, "fout", "ib", day(2026, 1, 5), &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "Niveau 0 bestaat niet; een niveau is 1 tot en met 9.");
	fixed.level = 10;
	cr_assert_eq(db_level_correct(db, &fixed, "fout", "ib", day(2026, 1, 5), &err), IBIS_EINPUT);
	/* the same values again is no correction */
	fixed.level = 2;
	cr_assert_eq(db_level_correct(db, &fixed, "fout", "ib", day(2026, 1, 5), &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "Er is niets gewijzigd aan dit niveau.");
	/* an episode that is not there */
	fixed.id = 9999;
	fixed.level = 3;
	cr_assert_eq(db_level_correct(db, &fixed, "fout", "ib", day(2026, 1, 5), &err), IBIS_EINPUT);
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
	ibis_id school = school_new("De Regenboog", "6-lagen");
	ibis_id pupil = pupil_new(school, "Anna", NULL, "Smit");
	ibis_id e1 = step(pupil, "6-lagen", 1, day(2024, 9, 1));
	ibis_id e2 = step(pupil, "6-lagen", 2, day(2025, 2, 1));
	ibis_id e3 = step(pupil, "6-lagen", 3, day(2025, 9, 1));

	/* earlier */
	struct level_episode fixed = episode(e2);
	fixed.start = day(2025, 1, 15);
	OK(db_level_correct(db, &fixed, "datum verkeerd", "ib", day(2025, 10, 1), &err));
	struct level_episode got = episode(e1);
	cr_assert_eq(got.end, day(2025, 1, 15));
	cr_assert_eq(got.version, 3); /* closed, then moved */
	level_episode_clear(&got);
	got = episode(e2);
	cr_assert_eq(got.start, day(2025, 1, 15));
	cr_assert_eq(got.end, day(2025, 9, 1));
	level_episode_clear(&got);

	/* later, up to this episode's own end */
	fixed.start = day(2025, 9, 1);
	OK(db_level_correct(db, &fixed, "toch later", "ib", day(2025, 10, 2), &err));
	got = episode(e1);
	cr_assert_eq(got.end, day(2025, 9, 1));
	level_episode_clear(&got);

	/* refused: before the previous episode's start, after this one's end */
	fixed.start = day(2024, 8, 31);
	cr_assert_eq(db_level_correct(db, &fixed, "fout", "ib", day(2025, 10, 3), &err),
		     IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	cr_assert_str_eq(err.message, "De begindatum (31-08-2024) kan niet voor het begin van het "
				      "vorige niveau (01-09-2024) liggen.");
	fixed.start = day(2025, 9, 2);
	cr_assert_eq(db_level_correct(db, &fixed, "fout", "ib", day(2025, 10, 3), &err),
		     IBIS_EINPUT);
	cr_assert_str_eq(err.message, "De begindatum (02-09-2025) kan niet na het einde van dit "
				      "niveau (01-09-2025) liggen.");
	level_episode_clear(&fixed);
	got = episode(e1);
	cr_assert_eq(got.end, day(2025, 9, 1));
	level_episode_clear(&got);
	got = episode(e2);
	cr_assert_eq(got.start, day(2025, 9, 1));
	cr_assert_eq(got.version, 4); /* closed by e3, corrected twice */
	level_episode_clear(&got);

	/* the first episode has none before it: any earlier start will do */
	fixed = episode(e1);
	fixed.start = day(2023, 9, 1);
	OK(db_level_correct(db, &fixed, "al eerder", "ib", day(2025, 10, 4), &err));
	level_episode_clear(&fixed);
	got = episode(e1);
	cr_assert_eq(got.start, day(2023, 9, 1));
	level_episode_clear(&got);

	struct level_correction *c = NULL;
	int n = 0;
	OK(db_level_corrections(db, pupil, &c, &n, &err));
	cr_assert_eq(n, 3);
	cr_assert_eq(c[0].old.start, day(2025, 2, 1));
	cr_assert_eq(c[0].old.end, day(2025, 9, 1));
	cr_assert_eq(c[1].old.start, day(2025, 1, 15));
	cr_assert_eq(c[2].episode_id, e1);
	cr_assert_eq(c[2].old.start, day(2024, 9, 1));
	level_corrections_free(c, n);
	cr_assert_eq(cur_level(pupil), 3);
	(void)e3;
}

/* ============================================================= withdrawal */

Test(dblevel, withdraw_the_newest_reopens_the_previous)
{
	struct ibis_error err = {0};
	ibis_id school = school_new("De Regenboog", "6-lagen");
	ibis_id pupil = pupil_new(school, "Anna", NULL, "Smit");
	ibis_id e1 = step(pupil, "6-lagen", 1, day(2025, 9, 1));
	ibis_id e2 = step_to(pupil, "6-lagen", 3, day(2026, 1, 10), DATE_NONE, "Dubbel");
	cr_assert_eq(cur_level(pupil), 3);

	OK(db_level_withdraw(db, e2, 1, " verkeerde leerling ", "jansen", day(2026, 1, 12), &err));

	struct level_episode e = {0};
	bool found = true;
	OK(db_level_get(db, e2, &e, &found, &err));
	cr_assert_not(found);
	OK(db_level_current(db, pupil, &e, &found, &err));
	cr_assert(found);
	cr_assert_eq(e.id, e1);
	cr_assert_eq(e.end, DATE_NONE);
	cr_assert_eq(e.level, 1);
	level_episode_clear(&e);
	cr_assert_eq(cur_level(pupil), 1);
	cr_assert_eq(history_len(pupil), 1);

	struct level_correction *c = NULL;
	int n = 0;
	OK(db_level_corrections(db, pupil, &c, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_eq(c[0].action, CORRECTION_WITHDRAWN);
	cr_assert_eq(c[0].episode_id, 0);
	cr_assert_eq(c[0].old.id, e2); /* the withdrawn episode's id, kept */
	cr_assert_eq(c[0].on, day(2026, 1, 12));
	cr_assert_str_eq(c[0].author, "jansen");
	cr_assert_str_eq(c[0].why, "verkeerde leerling");
	cr_assert_str_eq(c[0].old.model, "6-lagen");
	cr_assert_eq(c[0].old.level, 3);
	cr_assert_eq(c[0].old.start, day(2026, 1, 10));
	cr_assert_eq(c[0].old.end, DATE_NONE);
	cr_assert_str_eq(c[0].old.reason, "Dubbel");
	level_corrections_free(c, n);

	/* the only episode left can go too: no level at all */
	OK(db_level_withdraw(db, e1, 3, "nooit gezet", "jansen", day(2026, 1, 12), &err));
	cr_assert_eq(history_len(pupil), 0);
	cr_assert_eq(cur_level(pupil), 0);
	cr_assert_eq(corrections_count(pupil), 2);
}

Test(dblevel, withdraw_a_closed_newest_passes_its_end_on)
{
	struct ibis_error err = {0};
	ibis_id school = school_new("De Regenboog", "6-lagen");
	ibis_id pupil = pupil_new(school, "Anna", NULL, "Smit");
	ibis_id e1 = step(pupil, "6-lagen", 2, day(2025, 9, 1));
	ibis_id e2 = step_to(pupil, "6-lagen", 3, day(2026, 1, 10), day(2026, 3, 1), NULL);
	cr_assert_eq(cur_level(pupil), 0);

	OK(db_level_withdraw(db, e2, 1, "niet genomen", "ib", day(2026, 3, 2), &err));
	struct level_episode e = episode(e1);
	cr_assert_eq(e.end, day(2026, 3, 1));
	level_episode_clear(&e);
	cr_assert_eq(cur_level(pupil), 0);

	struct level_correction *c = NULL;
	int n = 0;
	OK(db_level_corrections(db, pupil, &c, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_eq(c[0].old.end, day(2026, 3, 1));
	level_corrections_free(c, n);
}

Test(dblevel, withdraw_refusals_change_nothing)
{
	struct ibis_error err = {0};
	ibis_id school = school_new("De Regenboog", "6-lagen");
	ibis_id pupil = pupil_new(school, "Anna", NULL, "Smit");
	ibis_id e1 = step(pupil, "6-lagen", 1, day(2025, 9, 1));
	ibis_id e2 = step(pupil, "6-lagen", 2, day(2026, 1, 10));

	cr_assert_eq(db_level_withdraw(db, e1, 2, "ouder", "ib", day(2026, 2, 1), &err),
		     IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	cr_assert(strstr(err.message, "Alleen het laatste niveau"), "%s", err.message);
	cr_assert_eq(db_level_withdraw(db, e2, 7, "oud", "ib", day(2026, 2, 1), &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_CONFLICT);
	cr_assert_str_eq(err.message,
			 "Iemand anders heeft dit niveau intussen gewijzigd; bekijk het opnieuw.");
	cr_assert_eq(db_level_withdraw(db, e2, 1, "  ", "ib", day(2026, 2, 1), &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "Geef aan waarom het niveau wordt gecorrigeerd.");
	cr_assert_eq(db_level_withdraw(db, 9999, 1, "weg", "ib", day(2026, 2, 1), &err),
		     IBIS_EINPUT);

	cr_assert_eq(history_len(pupil), 2);
	cr_assert_eq(corrections_count(pupil), 0);
	cr_assert_eq(cur_level(pupil), 2);
	struct level_episode e = episode(e1);
	cr_assert_eq(e.end, day(2026, 1, 10));
	level_episode_clear(&e);
}

Test(dblevel, corrections_of_a_pupil_oldest_first)
{
	struct ibis_error err = {0};
	ibis_id school = school_new("De Regenboog", "6-lagen");
	ibis_id anna = pupil_new(school, "Anna", NULL, "Smit");
	ibis_id bram = pupil_new(school, "Bram", NULL, "Jong");
	ibis_id ea = step(anna, "6-lagen", 2, day(2025, 9, 1));
	ibis_id eb = step(bram, "6-lagen", 2, day(2025, 9, 1));

	struct level_episode f = episode(ea);
	f.level = 3;
	OK(db_level_correct(db, &f, "later ingevoerd", "ib", day(2026, 3, 1), &err));
	f.level = 4;
	OK(db_level_correct(db, &f, "eerder gebeurd", "ib", day(2026, 2, 1), &err));
	level_episode_clear(&f);
	f = episode(eb);
	f.level = 1;
	OK(db_level_correct(db, &f, "bram", "ib", day(2026, 1, 1), &err));
	level_episode_clear(&f);

	struct level_correction *c = NULL;
	int n = 0;
	OK(db_level_corrections(db, anna, &c, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_str_eq(c[0].why, "eerder gebeurd");
	cr_assert_eq(c[0].old.level, 3);
	cr_assert_str_eq(c[1].why, "later ingevoerd");
	cr_assert_eq(c[1].old.level, 2);
	level_corrections_free(c, n);

	ibis_id none = pupil_new(school, "Cas", NULL, "Veen");
	OK(db_level_corrections(db, none, &c, &n, &err));
	cr_assert_eq(n, 0);
	cr_assert_null(c);
}

Test(dblevel, get_by_id)
{
	struct ibis_error err = {0};
	ibis_id school = school_new("De Regenboog", "6-lagen");
	ibis_id pupil = pupil_new(school, "Anna", NULL, "Smit");
	ibis_id e = step_to(pupil, "6-lagen", 4, day(2025, 9, 1), DATE_NONE, "Waarom");

	struct level_episode got = {0};
	bool found = false;
	OK(db_level_get(db, e, &got, &found, &err));
	cr_assert(found);
	cr_assert_eq(got.id, e);
	cr_assert_eq(got.pupil_id, pupil);
	cr_assert_eq(got.level, 4);
	cr_assert_str_eq(got.reason, "Waarom");
	cr_assert_eq(got.start, day(2025, 9, 1));
	OK(db_level_get(db, e + 1, &got, &found, &err));
	cr_assert_not(found);
	cr_assert_null(got.model);
}

/* ================================================================ misfits */

Test(dblevel, misfits_by_model_and_number_of_levels)
{
	struct ibis_error err = {0};
	ibis_id s1 = school_new("De Regenboog", "6-lagen");
	ibis_id s2 = school_new("De Linde", "4-niveaus");
	ibis_id g5b = group_new(s1, "5B", 2026, 5);
	ibis_id g4a = group_new(s1, "4A", 2025, 4);
	ibis_id g6b = group_new(s1, "6B", 2027, 6); /* next year's, planned early */

	ibis_id a = pupil_new(s1, "Anna", "van den", "Berg");
	ibis_id b = pupil_new(s1, "Bram", NULL, "Aalders");
	ibis_id c = pupil_new(s1, "Cas", NULL, "Zwart");
	ibis_id d = pupil_new(s1, "Dirk", NULL, "Vertrokken");
	ibis_id e = pupil_new(s1, "Eva", NULL, "Zonder");
	ibis_id f = pupil_new(s2, "Fleur", NULL, "Past");
	ibis_id g = pupil_new(s2, "Gijs", NULL, "Anders");
	step(a, "4-niveaus", 2, day(2025, 9, 1));
	step(b, "6-lagen", 3, day(2025, 9, 1));
	step(c, "6-lagen", 6, day(2025, 9, 1));
	step(d, "4-niveaus", 1, day(2025, 9, 1));
	step(f, "4-niveaus", 2, day(2025, 9, 1));
	step(g, "6-lagen", 1, day(2025, 9, 1));
	OK(db_group_add_member(db, g4a, a, 4, &err));
	OK(db_group_add_member(db, g5b, a, 5, &err));
	OK(db_group_add_member(db, g6b, a, 6, &err));
	struct pupil left = {0};
	OK(db_pupil_get(db, d, &left, &err));
	OK(db_pupil_archive(db, &left, day(2026, 6, 1), LEAVE_VO, &err));
	pupil_clear(&left);
	(void)e;

	struct level_misfit *m = NULL;
	int n = 0;
	OK(db_level_misfits(db, s1, NULL, 0, &m, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_eq(m[0].pupil_id, a);
	cr_assert_str_eq(m[0].name, "Berg, Anna van den");
	cr_assert_str_eq(m[0].group, "5B");
	cr_assert_str_eq(m[0].model, "4-niveaus");
	cr_assert_eq(m[0].level, 2);
	level_misfits_free(m, n);

	/* a model of 5 levels: Cas at level 6 no longer fits either */
	OK(db_level_misfits(db, s1, NULL, 5, &m, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(m[0].pupil_id, a);
	cr_assert_eq(m[1].pupil_id, c);
	cr_assert_str_eq(m[1].name, "Zwart, Cas");
	cr_assert_null(m[1].group);
	cr_assert_eq(m[1].level, 6);
	level_misfits_free(m, n);

	/* another model than the school's: name order (Aalders, Zwart) */
	OK(db_level_misfits(db, s1, "4-niveaus", 0, &m, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(m[0].pupil_id, b);
	cr_assert_eq(m[1].pupil_id, c);
	level_misfits_free(m, n);

	/* every school against its own model */
	OK(db_level_misfits(db, 0, NULL, 0, &m, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(m[0].pupil_id, g); /* Anders before Berg */
	cr_assert_eq(m[1].pupil_id, a);
	level_misfits_free(m, n);

	OK(db_level_misfits(db, s2, NULL, 4, &m, &n, &err));
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
	OK(db_school_get(db, id, &s, &err));
	cr_assert_str_eq(s.level_model, model);
	cr_assert_eq(s.version, version);
	school_clear(&s);
}

Test(dblevel, remap_moves_the_open_episodes)
{
	struct ibis_error err = {0};
	ibis_id s1 = school_new("De Regenboog", "4-niveaus");
	ibis_id s2 = school_new("De Linde", "4-niveaus");
	ibis_id a = pupil_new(s1, "Anna", NULL, "Aa");
	ibis_id b = pupil_new(s1, "Bram", NULL, "Bb");
	ibis_id c = pupil_new(s1, "Cas", NULL, "Cc");
	ibis_id d = pupil_new(s2, "Dirk", NULL, "Dd");
	ibis_id e = pupil_new(s1, "Eva", NULL, "Ee");
	ibis_id f = pupil_new(s1, "Fleur", NULL, "Ff");
	ibis_id g = pupil_new(s1, "Gijs", NULL, "Gg");
	ibis_id h = pupil_new(s1, "Hans", NULL, "Hh");
	step(a, "4-niveaus", 2, day(2025, 9, 1));
	step(b, "4-niveaus", 4, day(2025, 9, 1));
	step(c, "6-lagen", 5, day(2024, 9, 1));          /* an older model */
	step(d, "4-niveaus", 4, day(2025, 9, 1));        /* another school */
	step(e, "4-niveaus", 3, day(2025, 9, 1));        /* left */
	step(f, "5-niveaus-sop", 6, day(2025, 9, 1));    /* above the new model's 5 */
	step(g, "5-niveaus-sop", 3, day(2025, 9, 1));    /* fits already */
	step(h, "5-niveaus-sop", 7, day(2025, 9, 1));    /* maps onto itself: left alone */
	struct pupil left = {0};
	OK(db_pupil_get(db, e, &left, &err));
	OK(db_pupil_archive(db, &left, day(2026, 6, 1), LEAVE_SCHOOL, &err));
	pupil_clear(&left);

	int changed = -1;
	OK(db_level_remap(db, s1, "5-niveaus-sop", 5, map_4_to_sop, day(2026, 11, 23), "ib",
			  &changed, &err));
	cr_assert_eq(changed, 4); /* a, b, c, f */

	struct level_episode *hist = NULL;
	int n = 0;
	OK(db_level_history(db, a, &hist, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(hist[0].end, day(2026, 11, 23));
	cr_assert_str_eq(hist[1].model, "5-niveaus-sop");
	cr_assert_eq(hist[1].level, 2);
	cr_assert_eq(hist[1].start, day(2026, 11, 23));
	cr_assert_eq(hist[1].end, DATE_NONE);
	cr_assert_str_eq(hist[1].reason, "Omgezet van model 4-niveaus (niveau 2) naar 5-niveaus-sop");
	cr_assert_str_eq(hist[1].author, "ib");
	level_episodes_free(hist, n);

	struct level_episode cur = {0};
	bool found;
	OK(db_level_current(db, b, &cur, &found, &err));
	cr_assert_eq(cur.level, 5);
	level_episode_clear(&cur);
	cr_assert_eq(cur_level(b), 5);
	OK(db_level_current(db, c, &cur, &found, &err));
	cr_assert_eq(cur.level, 4);
	cr_assert_str_eq(cur.reason, "Omgezet van model 6-lagen (niveau 5) naar 5-niveaus-sop");
	level_episode_clear(&cur);
	OK(db_level_current(db, f, &cur, &found, &err));
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
	OK(db_level_remap(db, s1, "5-niveaus-sop", 5, map_4_to_sop, day(2026, 11, 24), "ib",
			  &changed, &err));
	cr_assert_eq(changed, 0);
	assert_school(s1, "5-niveaus-sop", 2);
	cr_assert_eq(history_len(a), 2);
}

Test(dblevel, remap_refuses_everything_on_one_unmapped_level)
{
	struct ibis_error err = {0};
	ibis_id s1 = school_new("De Regenboog", "4-niveaus");
	ibis_id a = pupil_new(s1, "Anna", NULL, "Aa");
	ibis_id b = pupil_new(s1, "Bram", "de", "Vries");
	step(a, "4-niveaus", 2, day(2025, 9, 1));
	step(b, "4-niveaus", 4, day(2025, 9, 1));

	int partial[10] = {0, 1, 2, 3, 0};
	int changed = -1;
	cr_assert_eq(db_level_remap(db, s1, "5-niveaus-sop", 5, partial, day(2026, 11, 23), "ib",
				    &changed, &err),
		     IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	cr_assert(strstr(err.message, "Niveau 4 van model 4-niveaus"), "%s", err.message);
	cr_assert(strstr(err.message, "Bram de Vries"), "%s", err.message);
	cr_assert_eq(changed, 0);

	/* a mapping past the new model's levels */
	int too_high[10] = {0, 1, 2, 3, 6};
	cr_assert_eq(db_level_remap(db, s1, "5-niveaus-sop", 5, too_high, day(2026, 11, 23), "ib",
				    &changed, &err),
		     IBIS_EINPUT);
	cr_assert(strstr(err.message, "naar niveau 6"), "%s", err.message);
	/* a day before a pupil's current level began */
	cr_assert_eq(db_level_remap(db, s1, "5-niveaus-sop", 5, map_4_to_sop, day(2025, 8, 31),
				    "ib", &changed, &err),
		     IBIS_EINPUT);
	cr_assert(strstr(err.message, "31-08-2025"), "%s", err.message);
	/* an unknown school */
	cr_assert_eq(db_level_remap(db, 999, "5-niveaus-sop", 5, map_4_to_sop, day(2026, 11, 23),
				    "ib", &changed, &err),
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
	OK(db_level_facts(db, pupil, d, &f, plans, &err));
	cr_assert_eq(f.plans, plans);
	return f;
}

static ibis_id plan_new(ibis_id pupil, const char *template_id, enum plan_status status,
			ibis_date start)
{
	struct ibis_error err = {0};
	struct plan p = {.template_id = (char *)template_id, .pupil_id = pupil, .status = status,
			 .start = start, .end = DATE_NONE, .eval_date = DATE_NONE,
			 .due = DATE_NONE, .agreed = DATE_NONE, .evaluated = DATE_NONE};
	OK(db_plan_insert(db, &p, &err));
	return p.id;
}

Test(dblevel, facts_level_on_the_day_and_open_plans)
{
	ibis_id school = school_new("De Regenboog", "6-lagen");
	ibis_id pupil = pupil_new(school, "Anna", NULL, "Smit");
	step(pupil, "6-lagen", 2, day(2025, 9, 1));
	step(pupil, "6-lagen", 3, day(2026, 1, 10));
	struct strlist plans = {0};

	cr_assert_eq(facts_on(pupil, day(2025, 8, 31), &plans).from, 0);
	cr_assert_eq(facts_on(pupil, day(2025, 9, 1), &plans).from, 2);
	cr_assert_eq(facts_on(pupil, day(2026, 1, 9), &plans).from, 2);
	cr_assert_eq(facts_on(pupil, day(2026, 1, 10), &plans).from, 3);
	cr_assert_eq(plans.len, 0);

	plan_new(pupil, "opp", PLAN_CONCEPT, day(2026, 2, 1));
	plan_new(pupil, "oop", PLAN_ACTIVE, day(2026, 1, 15));
	plan_new(pupil, "ihp", PLAN_CLOSED, day(2025, 10, 1));
	plan_new(pupil, "groeidocument", PLAN_EVALUATED, day(2025, 10, 1));
	struct step_facts f = facts_on(pupil, day(2026, 3, 1), &plans);
	cr_assert_eq(f.from, 3);
	cr_assert_eq(plans.len, 2);
	cr_assert_str_eq(plans.items[0], "oop");
	cr_assert_str_eq(plans.items[1], "opp");
	sl_free(&plans);

	/* an episode ends on the day the next one begins, so a closed one
	 * without a successor no longer covers its end day */
	ibis_id closed = pupil_new(school, "Cas", NULL, "Dicht");
	step_to(closed, "6-lagen", 4, day(2025, 9, 1), day(2026, 3, 1), NULL);
	cr_assert_eq(facts_on(closed, day(2026, 2, 28), &plans).from, 4);
	cr_assert_eq(facts_on(closed, day(2026, 3, 1), &plans).from, 0);

	/* a pupil without anything */
	ibis_id none = pupil_new(school, "Bram", NULL, "Leeg");
	f = facts_on(none, day(2026, 3, 1), &plans);
	cr_assert_eq(f.from, 0);
	cr_assert_not(f.consent);
	cr_assert_not(f.groeidocument);
	cr_assert_not(f.hoorrecht);
	cr_assert_not(f.tlv);
	cr_assert_eq(plans.len, 0);
}

Test(dblevel, facts_consent_given_and_withdrawn)
{
	ibis_id school = school_new("De Regenboog", "6-lagen");
	ibis_id pupil = pupil_new(school, "Anna", NULL, "Smit");
	struct strlist plans = {0};

	cr_assert_not(facts_on(pupil, day(2026, 2, 1), &plans).consent);
	consent(pupil, "mdo", "gegeven", "2026-02-01");
	cr_assert_not(facts_on(pupil, day(2026, 1, 31), &plans).consent);
	cr_assert(facts_on(pupil, day(2026, 2, 1), &plans).consent);
	consent(pupil, "mdo", "ingetrokken", "2026-03-01");
	cr_assert(facts_on(pupil, day(2026, 2, 28), &plans).consent);
	cr_assert_not(facts_on(pupil, day(2026, 3, 1), &plans).consent);
	/* a refusal of another subject does not touch this one */
	consent(pupil, "onderzoek", "geweigerd", "2026-03-15");
	consent(pupil, "mdo", "gegeven", "2026-04-01");
	cr_assert_not(facts_on(pupil, day(2026, 3, 31), &plans).consent);
	cr_assert(facts_on(pupil, day(2026, 4, 1), &plans).consent);
	/* refused later the same day it was given */
	consent(pupil, "mdo", "geweigerd", "2026-04-01");
	cr_assert_not(facts_on(pupil, day(2026, 4, 1), &plans).consent);
	sl_free(&plans);
}

Test(dblevel, facts_groeidocument_and_hoorrecht)
{
	struct ibis_error err = {0};
	ibis_id school = school_new("De Regenboog", "6-lagen");
	ibis_id pupil = pupil_new(school, "Anna", NULL, "Smit");
	struct strlist plans = {0};

	plan_new(pupil, "groeidocument", PLAN_CLOSED, day(2025, 1, 1));
	struct step_facts f = facts_on(pupil, day(2026, 3, 1), &plans);
	cr_assert_not(f.groeidocument);
	cr_assert_not(f.hoorrecht);
	plan_new(pupil, "groeidocument", PLAN_CONCEPT, day(2026, 1, 1));
	cr_assert(facts_on(pupil, day(2026, 3, 1), &plans).groeidocument);

	/* an OPP: only a filled inbreng_leerling counts */
	ibis_id opp = plan_new(pupil, "opp", PLAN_ACTIVE, day(2026, 1, 1));
	OK(db_plan_set_field(db, opp, "inbreng_ouders", "Ouders willen meer rust.", &err));
	cr_assert_not(facts_on(pupil, day(2026, 3, 1), &plans).hoorrecht);
	OK(db_plan_set_field(db, opp, "inbreng_leerling", "  \n ", &err));
	cr_assert_not(facts_on(pupil, day(2026, 3, 1), &plans).hoorrecht);
	OK(db_plan_set_field(db, opp, "inbreng_leerling", "Anna wil zelf oefenen.", &err));
	cr_assert(facts_on(pupil, day(2026, 3, 1), &plans).hoorrecht);

	/* or a kindgesprek in the year before the day */
	ibis_id other = pupil_new(school, "Bram", NULL, "Jong");
	struct event ev = {.pupil_id = other, .kind = "oudergesprek", .date = day(2026, 1, 5)};
	OK(db_event_insert(db, &ev, &err));
	cr_assert_not(facts_on(other, day(2026, 3, 1), &plans).hoorrecht);
	struct event kg = {.pupil_id = other, .kind = "kindgesprek", .date = day(2025, 11, 23)};
	OK(db_event_insert(db, &kg, &err));
	cr_assert_not(facts_on(other, day(2025, 11, 22), &plans).hoorrecht);
	cr_assert(facts_on(other, day(2025, 11, 23), &plans).hoorrecht);
	cr_assert(facts_on(other, day(2026, 11, 23), &plans).hoorrecht);
	cr_assert_not(facts_on(other, day(2026, 11, 24), &plans).hoorrecht);
	sl_free(&plans);
}

Test(dblevel, facts_tlv_valid_on_the_day)
{
	struct ibis_error err = {0};
	ibis_id school = school_new("De Regenboog", "6-lagen");
	ibis_id pupil = pupil_new(school, "Anna", NULL, "Smit");
	struct strlist plans = {0};

	struct arrangement oa = {.pupil_id = pupil, .kind = ARRANGEMENT_ONDERWIJS,
				 .start = day(2025, 1, 1), .end = DATE_NONE};
	OK(db_arrangement_insert(db, &oa, &err));
	cr_assert_not(facts_on(pupil, day(2026, 9, 1), &plans).tlv);
	struct arrangement tlv = {.pupil_id = pupil, .kind = ARRANGEMENT_TLV,
				  .start = day(2026, 8, 1), .end = day(2028, 7, 31)};
	OK(db_arrangement_insert(db, &tlv, &err));
	cr_assert_not(facts_on(pupil, day(2026, 7, 31), &plans).tlv);
	cr_assert(facts_on(pupil, day(2026, 8, 1), &plans).tlv);
	cr_assert(facts_on(pupil, day(2028, 7, 31), &plans).tlv);
	cr_assert_not(facts_on(pupil, day(2028, 8, 1), &plans).tlv);
	sl_free(&plans);
}

/* ================================================================ archive */

static struct pupil pupil_get(ibis_id id)
{
	struct ibis_error err = {0};
	struct pupil p = {0};
	OK(db_pupil_get(db, id, &p, &err));
	return p;
}

Test(dblevel, archive_to_sbo_records_the_placement)
{
	struct ibis_error err = {0};
	ibis_id school = school_new("De Regenboog", "6-lagen");
	ibis_id id = pupil_new(school, "Anna", NULL, "Smit");
	ibis_id e1 = step(id, "6-lagen", 4, day(2025, 9, 1));
	struct pupil p = pupil_get(id);

	OK(db_level_archive(db, &p, day(2026, 11, 23), LEAVE_SBO, "6-lagen", 5, "ib", &err));
	cr_assert_eq(p.version, 2);
	cr_assert_eq(p.left, day(2026, 11, 23));
	cr_assert_eq(p.destination, LEAVE_SBO);
	pupil_clear(&p);
	p = pupil_get(id);
	cr_assert_eq(p.left, day(2026, 11, 23));
	cr_assert_eq(p.destination, LEAVE_SBO);
	cr_assert_eq(p.version, 2);
	pupil_clear(&p);

	struct level_episode *h = NULL;
	int n = 0;
	OK(db_level_history(db, id, &h, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(h[0].id, e1);
	cr_assert_eq(h[0].end, day(2026, 11, 23));
	cr_assert_str_eq(h[1].model, "6-lagen");
	cr_assert_eq(h[1].level, 5);
	cr_assert_eq(h[1].start, day(2026, 11, 23));
	cr_assert_eq(h[1].end, DATE_NONE);
	cr_assert_str_eq(h[1].reason, "Vertrek naar SBO");
	cr_assert_str_eq(h[1].author, "ib");
	level_episodes_free(h, n);
	cr_assert_eq(cur_level(id), 5);

	/* SO, for a pupil without a level yet */
	ibis_id so = pupil_new(school, "Bram", NULL, "Jong");
	p = pupil_get(so);
	OK(db_level_archive(db, &p, day(2026, 11, 23), LEAVE_SO, "6-lagen", 5, "ib", &err));
	pupil_clear(&p);
	struct level_episode cur = {0};
	bool found = false;
	OK(db_level_current(db, so, &cur, &found, &err));
	cr_assert(found);
	cr_assert_str_eq(cur.reason, "Vertrek naar SO");
	cr_assert_eq(cur.level, 5);
	level_episode_clear(&cur);

	/* already placed: no second step to the same level */
	ibis_id placed = pupil_new(school, "Cas", NULL, "Veen");
	step(placed, "6-lagen", 5, day(2026, 9, 1));
	p = pupil_get(placed);
	OK(db_level_archive(db, &p, day(2026, 11, 23), LEAVE_SBO, "6-lagen", 5, "ib", &err));
	pupil_clear(&p);
	cr_assert_eq(history_len(placed), 1);
}

Test(dblevel, archive_without_placement)
{
	struct ibis_error err = {0};
	ibis_id school = school_new("De Regenboog", "4-niveaus");
	ibis_id vo = pupil_new(school, "Anna", NULL, "Smit");
	ibis_id sbo = pupil_new(school, "Bram", NULL, "Jong");
	step(vo, "4-niveaus", 2, day(2025, 9, 1));
	step(sbo, "4-niveaus", 4, day(2025, 9, 1));

	struct pupil p = pupil_get(vo);
	OK(db_level_archive(db, &p, day(2026, 11, 23), LEAVE_VO, "4-niveaus", 5, "ib", &err));
	cr_assert_eq(p.version, 2);
	pupil_clear(&p);
	cr_assert_eq(history_len(vo), 1);
	cr_assert_eq(cur_level(vo), 2);
	/* a model without a placement level (placement 0) */
	p = pupil_get(sbo);
	OK(db_level_archive(db, &p, day(2026, 11, 23), LEAVE_SBO, "4-niveaus", 0, "ib", &err));
	pupil_clear(&p);
	cr_assert_eq(history_len(sbo), 1);
	p = pupil_get(sbo);
	cr_assert_eq(p.destination, LEAVE_SBO);
	pupil_clear(&p);
}

Test(dblevel, archive_failure_leaves_nothing)
{
	struct ibis_error err = {0};
	ibis_id school = school_new("De Regenboog", "6-lagen");
	ibis_id id = pupil_new(school, "Anna", NULL, "Smit");
	step(id, "6-lagen", 3, day(2026, 12, 1)); /* begins after the leave date */
	struct pupil p = pupil_get(id);

	cr_assert_eq(db_level_archive(db, &p, day(2026, 11, 23), LEAVE_SBO, "6-lagen", 5, "ib",
				      &err),
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
	cr_assert_eq(db_level_archive(db, &p, day(2026, 12, 2), LEAVE_SBO, "6-lagen", 5, "ib", &err),
		     IBIS_EDB);
	cr_assert_eq(err.fault, DBF_CONFLICT);
	pupil_clear(&p);
	cr_assert_eq(history_len(id), 1);

	/* inside the caller's transaction (a savepoint), undone with it */
	p = pupil_get(id);
	OK(db_begin(db, &err));
	OK(db_level_archive(db, &p, day(2026, 12, 2), LEAVE_SO, "6-lagen", 5, "ib", &err));
	cr_assert_eq(history_len(id), 2);
	db_rollback(db);
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
	ibis_id school = school_new("De Regenboog", "6-lagen");
	ibis_id pupil = pupil_new(school, "Anna", NULL, "Smit");

	struct arrangement tlv = {.pupil_id = pupil, .kind = ARRANGEMENT_TLV,
				  .start = day(2026, 8, 1), .end = day(2028, 7, 31),
				  .description = "SBO De Brug", .reference = "SWV-2026-17"};
	OK(db_arrangement_insert(db, &tlv, &err));
	cr_assert_gt(tlv.id, 0);
	cr_assert_eq(tlv.version, 1);
	struct arrangement oa = {.pupil_id = pupil, .kind = ARRANGEMENT_ONDERWIJS,
				 .start = day(2025, 2, 1), .end = DATE_NONE};
	OK(db_arrangement_insert(db, &oa, &err));

	struct arrangement *list = NULL;
	int n = 0;
	OK(db_arrangement_list(db, pupil, &list, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(list[0].id, oa.id); /* oldest start first */
	cr_assert_eq(list[0].kind, ARRANGEMENT_ONDERWIJS);
	cr_assert_eq(list[0].end, DATE_NONE);
	cr_assert_null(list[0].description);
	cr_assert_eq(list[1].kind, ARRANGEMENT_TLV);
	cr_assert_eq(list[1].start, day(2026, 8, 1));
	cr_assert_eq(list[1].end, day(2028, 7, 31));
	cr_assert_str_eq(list[1].description, "SBO De Brug");
	cr_assert_str_eq(list[1].reference, "SWV-2026-17");
	cr_assert_eq(list[1].pupil_id, pupil);
	arrangements_free(list, n);

	/* update end, description and reference */
	struct arrangement stale = tlv;
	tlv.end = day(2027, 7, 31);
	tlv.description = "SBO De Brug, verkort";
	tlv.reference = NULL;
	OK(db_arrangement_update(db, &tlv, &err));
	cr_assert_eq(tlv.version, 2);
	OK(db_arrangement_list(db, pupil, &list, &n, &err));
	cr_assert_eq(list[1].end, day(2027, 7, 31));
	cr_assert_str_eq(list[1].description, "SBO De Brug, verkort");
	cr_assert_null(list[1].reference);
	cr_assert_eq(list[1].version, 2);
	arrangements_free(list, n);

	/* someone else's change in between */
	stale.end = DATE_NONE;
	cr_assert_eq(db_arrangement_update(db, &stale, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_CONFLICT);
	cr_assert_str_eq(err.message,
			 "Iemand anders heeft dit arrangement intussen gewijzigd; bekijk het opnieuw.");
	cr_assert_eq(stale.version, 1);
	/* an end on the start day is allowed */
	oa.end = oa.start;
	OK(db_arrangement_update(db, &oa, &err));
	/* gone */
	struct arrangement gone = {.id = 999, .version = 1, .end = DATE_NONE};
	cr_assert_eq(db_arrangement_update(db, &gone, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "Arrangement 999 bestaat niet (meer).");
}

Test(dblevel, arrangements_refusals)
{
	struct ibis_error err = {0};
	ibis_id school = school_new("De Regenboog", "6-lagen");
	ibis_id pupil = pupil_new(school, "Anna", NULL, "Smit");

	struct arrangement bad = {.pupil_id = pupil, .kind = ARRANGEMENT_TLV,
				  .start = day(2026, 8, 1), .end = day(2026, 7, 31)};
	cr_assert_eq(db_arrangement_insert(db, &bad, &err), IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	cr_assert_str_eq(err.message, "De einddatum (31-07-2026) ligt voor de begindatum (01-08-2026).");
	bad.start = DATE_NONE;
	cr_assert_eq(db_arrangement_insert(db, &bad, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "Een arrangement heeft een begindatum nodig.");
	struct arrangement orphan = {.pupil_id = 999, .kind = ARRANGEMENT_TLV,
				     .start = day(2026, 8, 1), .end = DATE_NONE};
	cr_assert_eq(db_arrangement_insert(db, &orphan, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "Leerling 999 bestaat niet.");
	cr_assert_eq(db_count_rows(db, "arrangements"), 0);

	struct arrangement ok = {.pupil_id = pupil, .kind = ARRANGEMENT_TLV,
				 .start = day(2026, 8, 1), .end = DATE_NONE};
	OK(db_arrangement_insert(db, &ok, &err));
	/* the stored start counts, not the one in the struct */
	ok.start = day(2020, 1, 1);
	ok.end = day(2026, 7, 1);
	cr_assert_eq(db_arrangement_update(db, &ok, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "De einddatum (01-07-2026) ligt voor de begindatum (01-08-2026).");
	cr_assert_eq(ok.version, 1);

	struct arrangement *list = NULL;
	int n = 0;
	OK(db_arrangement_list(db, pupil, &list, &n, &err));
	cr_assert_eq(n, 1);
	cr_assert_eq(list[0].end, DATE_NONE);
	cr_assert_eq(list[0].version, 1);
	arrangements_free(list, n);
}

Test(dblevel, tlv_on_the_edges)
{
	struct ibis_error err = {0};
	ibis_id school = school_new("De Regenboog", "6-lagen");
	ibis_id pupil = pupil_new(school, "Anna", NULL, "Smit");
	ibis_id other = pupil_new(school, "Bram", NULL, "Jong");
	struct arrangement oa = {.pupil_id = pupil, .kind = ARRANGEMENT_ONDERWIJS,
				 .start = day(2025, 1, 1), .end = DATE_NONE};
	OK(db_arrangement_insert(db, &oa, &err));
	struct arrangement tlv = {.pupil_id = pupil, .kind = ARRANGEMENT_TLV,
				  .start = day(2026, 8, 1), .end = day(2028, 7, 31),
				  .reference = "SWV-1"};
	OK(db_arrangement_insert(db, &tlv, &err));
	struct arrangement open = {.pupil_id = other, .kind = ARRANGEMENT_TLV,
				   .start = day(2026, 8, 1), .end = DATE_NONE};
	OK(db_arrangement_insert(db, &open, &err));

	struct arrangement got = {0};
	bool found = true;
	OK(db_arrangement_tlv_on(db, pupil, day(2026, 7, 31), &got, &found, &err));
	cr_assert_not(found);
	OK(db_arrangement_tlv_on(db, pupil, day(2026, 8, 1), &got, &found, &err));
	cr_assert(found);
	cr_assert_eq(got.id, tlv.id);
	cr_assert_eq(got.kind, ARRANGEMENT_TLV);
	cr_assert_str_eq(got.reference, "SWV-1");
	OK(db_arrangement_tlv_on(db, pupil, day(2028, 7, 31), &got, &found, &err));
	cr_assert(found);
	OK(db_arrangement_tlv_on(db, pupil, day(2028, 8, 1), &got, &found, &err));
	cr_assert_not(found);
	cr_assert_null(got.reference);
	OK(db_arrangement_tlv_on(db, other, day(2040, 1, 1), &got, &found, &err));
	cr_assert(found);
	cr_assert_eq(got.id, open.id);
	cr_assert_eq(got.end, DATE_NONE);
	arrangement_clear(&got);
}

/* ============================================================== read-only */

Test(dblevel, a_read_only_database_refuses_every_write)
{
	struct ibis_error err = {0};
	ibis_id school = school_new("De Regenboog", "4-niveaus");
	ibis_id pupil = pupil_new(school, "Anna", NULL, "Smit");
	ibis_id e1 = step(pupil, "4-niveaus", 1, day(2025, 9, 1));
	ibis_id e2 = step(pupil, "4-niveaus", 2, day(2026, 1, 10));
	struct arrangement a = {.pupil_id = pupil, .kind = ARRANGEMENT_TLV,
				.start = day(2026, 8, 1), .end = DATE_NONE};
	OK(db_arrangement_insert(db, &a, &err));
	db_close(db);
	struct db_options opt = {.path = path, .mode = DB_EXISTING, .readonly = true};
	db = NULL;
	OK(db_open(&db, &opt, &err));
	cr_assert(db_readonly(db));

	struct level_episode fixed = episode(e2);
	fixed.level = 3;
	cr_assert_eq(db_level_correct(db, &fixed, "fout", "ib", day(2026, 2, 1), &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_READONLY);
	level_episode_clear(&fixed);
	err.fault = DBF_NONE;
	cr_assert_eq(db_level_withdraw(db, e2, 1, "fout", "ib", day(2026, 2, 1), &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_READONLY);
	err.fault = DBF_NONE;
	int changed = -1;
	cr_assert_eq(db_level_remap(db, school, "5-niveaus-sop", 5, map_4_to_sop,
				    day(2026, 11, 23), "ib", &changed, &err),
		     IBIS_EDB);
	cr_assert_eq(err.fault, DBF_READONLY);
	cr_assert_eq(changed, 0);
	err.fault = DBF_NONE;
	struct pupil p = pupil_get(pupil);
	cr_assert_eq(db_level_archive(db, &p, day(2026, 11, 23), LEAVE_SBO, "4-niveaus", 4, "ib",
				      &err),
		     IBIS_EDB);
	cr_assert_eq(err.fault, DBF_READONLY);
	cr_assert_eq(p.version, 1);
	pupil_clear(&p);
	err.fault = DBF_NONE;
	struct arrangement b = {.pupil_id = pupil, .kind = ARRANGEMENT_ONDERWIJS,
				.start = day(2026, 8, 1), .end = DATE_NONE};
	cr_assert_eq(db_arrangement_insert(db, &b, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_READONLY);
	err.fault = DBF_NONE;
	a.end = day(2027, 1, 1);
	cr_assert_eq(db_arrangement_update(db, &a, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_READONLY);
	cr_assert_eq(a.version, 1);

	/* reading goes on */
	cr_assert_eq(history_len(pupil), 2);
	struct level_misfit *m = NULL;
	int n = -1;
	OK(db_level_misfits(db, school, NULL, 0, &m, &n, &err));
	cr_assert_eq(n, 0);
	level_misfits_free(m, n);
	struct strlist plans = {0};
	struct step_facts f = facts_on(pupil, day(2026, 9, 1), &plans);
	cr_assert_eq(f.from, 2);
	cr_assert(f.tlv);
	struct level_episode first = episode(e1);
	cr_assert_eq(first.end, day(2026, 1, 10));
	level_episode_clear(&first);
}

Test(dblevel, misfits_any_answers_from_the_models)
{
	struct ibis_error err = {0};
	bool any = true;

	/* No school, no episode: nothing out of its model. */
	OK(db_level_misfits_any(db, &any, &err));
	cr_assert_not(any);

	ibis_id s1 = school_new("De Regenboog", "6-lagen");
	ibis_id a = pupil_new(s1, "Anna", NULL, "Berg");
	ibis_id b = pupil_new(s1, "Bram", NULL, "Aalders");
	step(a, "6-lagen", 2, day(2025, 9, 1));
	OK(db_level_misfits_any(db, &any, &err));
	cr_assert_not(any, "one school, one model");

	/* A second school on another model, its pupils in its own model: fine. */
	ibis_id s2 = school_new("De Linde", "4-niveaus");
	ibis_id c = pupil_new(s2, "Cas", NULL, "Zwart");
	step(c, "4-niveaus", 3, day(2025, 9, 1));
	OK(db_level_misfits_any(db, &any, &err));
	cr_assert_not(any, "two models, each pupil in its school's");

	/* A pupil of the first school in the second school's model. */
	ibis_id wrong = step(b, "4-niveaus", 1, day(2025, 9, 1));
	OK(db_level_misfits_any(db, &any, &err));
	cr_assert(any);

	/* Withdrawn, the pupil has no level: nothing out of the model. */
	OK(db_level_withdraw(db, wrong, 1, "verkeerd model", "jansen", day(2025, 9, 2), &err));
	OK(db_level_misfits_any(db, &any, &err));
	cr_assert_not(any, "cur_model follows a withdrawn episode");
	step(b, "4-niveaus", 1, day(2025, 9, 3));
	OK(db_level_misfits_any(db, &any, &err));
	cr_assert(any);

	/* Once that pupil left, nobody at school is out of the model. */
	struct pupil p = {0};
	OK(db_pupil_get(db, b, &p, &err));
	OK(db_pupil_archive(db, &p, day(2026, 6, 1), LEAVE_VO, &err));
	pupil_clear(&p);
	OK(db_level_misfits_any(db, &any, &err));
	cr_assert_not(any);
}
