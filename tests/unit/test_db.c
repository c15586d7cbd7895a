/* test_db.c - the connection: creating and opening files, the schema and its
 * version, refusing what is not ours untouched, read-only files, locks, a full
 * disk, transactions and the integrity check.
 *
 * A second, raw SQLite connection plays the other program (or the other ibis)
 * where a test needs one: to fake a newer schema, a foreign database, a lock.
 */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "ibis/db.h"
#include "ibis/db_level.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/util.h"

/* ================================================================ helpers */

/* The whole file; *len its size. Caller frees. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f, "cannot read %s", path);
	struct strbuf sb = {0};
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return sb.buf ? sb_take(&sb) : xstrdup("");
}

static void assert_same_bytes(const char *path, const char *before, size_t before_len)
{
	size_t len;
	char *now = slurp(path, &len);
	cr_assert_eq(len, before_len, "%s changed size: %zu -> %zu", path, before_len, len);
	cr_assert(memcmp(now, before, len) == 0, "%s changed", path);
	free(now);
}

/* Run SQL on a raw connection to path; fails the test on an error. */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *c = NULL;
	cr_assert_eq(sqlite3_open(path, &c), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(c, sql, NULL, NULL, &msg);
	cr_assert_eq(rc, SQLITE_OK, "%s: %s", sql, msg ? msg : "");
	sqlite3_close(c);
}

static long long raw_int(const char *path, const char *sql)
{
	sqlite3 *c = NULL;
	sqlite3_stmt *st = NULL;
	cr_assert_eq(sqlite3_open(path, &c), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(c, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(c));
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(c);
	return v;
}

static struct db *open_db(const char *path, enum db_mode mode, bool readonly)
{
	struct db_options opt = {.path = path, .mode = mode, .readonly = readonly};
	struct ibis_error err = {0};
	struct db *db = NULL;
	enum ibis_status st = db_open(&db, &opt, &err);
	cr_assert_eq(st, IBIS_OK, "db_open %s: %s (%s)", path, err.message, err.detail);
	cr_assert_not_null(db);
	return db;
}

/* db_open expected to fail; returns the error. */
static struct ibis_error open_fails(const char *path, enum db_mode mode)
{
	struct db_options opt = {.path = path, .mode = mode};
	struct ibis_error err = {0};
	struct db *db = (struct db *)&err; /* must be reset to NULL */
	enum ibis_status st = db_open(&db, &opt, &err);
	cr_assert_neq(st, IBIS_OK, "db_open %s succeeded", path);
	cr_assert_null(db);
	cr_assert_eq(err.status, st);
	return err;
}

static ibis_id add_school(struct db *db, const char *name)
{
	struct school s = {.name = (char *)name, .level_model = "4-niveaus", .groepsbesprekingen = 3};
	struct ibis_error err = {0};
	cr_assert_eq(db_school_insert(db, &s, &err), IBIS_OK, "%s (%s)", err.message, err.detail);
	return s.id;
}

static ibis_id add_pupil(struct db *db, ibis_id school, const char *first, const char *last,
			 const char *notes, struct ibis_error *err)
{
	struct pupil p = {.school_id = school, .first_name = (char *)first,
			  .last_name = (char *)last, .notes = (char *)notes,
			  .birth_date = DATE_NONE, .enrolled = DATE_NONE, .left = DATE_NONE};
	if (db_pupil_insert(db, &p, err) != IBIS_OK)
		return 0;
	return p.id;
}

/* ============================================================== creating */

Test(db_open, fresh_file_gets_schema_version_and_private_mode)
{
	char *dir = th_tmpdir();
	char *path = path_join(dir, "nieuw.db");

	umask(0); /* the mode must not depend on it */
	struct db *db = open_db(path, DB_CREATE, false);
	cr_assert_not(db_readonly(db));
	cr_assert_str_eq(db_path(db), path);
	cr_assert_eq(db_count_rows(db, "pupils"), 0);
	db_close(db);

	struct stat sb;
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600, "mode %o", (unsigned)(sb.st_mode & 0777));
	cr_assert_eq(raw_int(path, "PRAGMA user_version"), db_schema_version());
	cr_assert_eq(raw_int(path, "PRAGMA application_id"), 0x69626973);
	cr_assert_eq(raw_int(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'level_episodes'"),
		     1);
	cr_assert(db_schema_version() >= 1);

	th_rmtree(dir);
	free(path);
	free(dir);
}

Test(db_open, wal_mode_and_foreign_keys)
{
	char *dir;
	struct db *db = th_db_new(&dir);
	char *path = xstrdup(db_path(db));
	struct ibis_error err = {0};

	/* WAL is a property of the file; foreign keys of the connection, tested by
	 * their effect: a pupil of a school that does not exist. */
	cr_assert_eq(add_pupil(db, 999, "Anna", "Berg", NULL, &err), 0);
	cr_assert_eq(err.status, IBIS_EINPUT);
	cr_assert_eq(err.fault, DBF_CONSTRAINT);
	db_close(db);
	cr_assert_eq(raw_int(path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);

	th_rmtree(dir);
	free(path);
	free(dir);
}

Test(db_open, reopening_changes_nothing)
{
	char *dir;
	struct db *db = th_db_new(&dir);
	char *path = xstrdup(db_path(db));
	add_school(db, "De Regenboog");
	db_close(db);

	size_t len;
	char *before = slurp(path, &len);
	db = open_db(path, DB_EXISTING, false);
	cr_assert_eq(db_count_rows(db, "schools"), 1);
	db_close(db);
	db = open_db(path, DB_CREATE, false);
	db_close(db);
	assert_same_bytes(path, before, len);
	cr_assert_eq(raw_int(path, "PRAGMA user_version"), db_schema_version());

	free(before);
	th_rmtree(dir);
	free(path);
	free(dir);
}

Test(db_open, empty_file)
{
	char *dir = th_tmpdir();
	char *path = th_write(dir, "leeg.db", "");

	struct ibis_error err = open_fails(path, DB_EXISTING);
	cr_assert_eq(err.status, IBIS_EDB);
	cr_assert_eq(err.fault, DBF_MISSING);
	cr_assert(strstr(err.message, "leeg"), "%s", err.message);

	/* init and demo may make a database of it */
	struct db *db = open_db(path, DB_CREATE, false);
	cr_assert_eq(db_count_rows(db, "schools"), 0);
	db_close(db);

	th_rmtree(dir);
	free(path);
	free(dir);
}

/* ================================================= refused, untouched */

Test(db_open, newer_schema_refused_untouched)
{
	char *dir;
	struct db *db = th_db_new(&dir);
	char *path = xstrdup(db_path(db));
	add_school(db, "De Regenboog");
	db_close(db);
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", db_schema_version() + 1);
	raw_exec(path, sql);

	size_t len;
	char *before = slurp(path, &len);
	struct ibis_error err = open_fails(path, DB_EXISTING);
	cr_assert_eq(err.status, IBIS_EDB);
	cr_assert_eq(err.fault, DBF_NEWER);
	cr_assert(strstr(err.message, "nieuwere versie van ibis"), "%s", err.message);
	char want[64];
	snprintf(want, sizeof(want), "schema %d", db_schema_version() + 1);
	cr_assert(strstr(err.message, want), "%s", err.message);
	assert_same_bytes(path, before, len);

	/* DB_CREATE does not overwrite it either */
	err = open_fails(path, DB_CREATE);
	cr_assert_eq(err.fault, DBF_NEWER);
	assert_same_bytes(path, before, len);

	free(before);
	th_rmtree(dir);
	free(path);
	free(dir);
}

Test(db_open, text_file_refused_untouched)
{
	char *dir = th_tmpdir();
	char *path = th_write(dir, "hallo.db", "hallo");

	struct ibis_error err = open_fails(path, DB_EXISTING);
	cr_assert_eq(err.status, IBIS_EDB);
	cr_assert_eq(err.fault, DBF_NOTADB);
	char *want = xasprintf("%s is geen SQLite-database.", path);
	cr_assert_str_eq(err.message, want);
	err = open_fails(path, DB_CREATE);
	cr_assert_eq(err.fault, DBF_NOTADB);
	assert_same_bytes(path, "hallo", 5);
	/* nothing was made beside it */
	char *wal = xasprintf("%s-wal", path);
	cr_assert_neq(access(wal, F_OK), 0);

	free(wal);
	free(want);
	th_rmtree(dir);
	free(path);
	free(dir);
}

Test(db_open, long_text_file_refused_untouched)
{
	/* Longer than a database header, so SQLite's own check would see it too. */
	char *dir = th_tmpdir();
	struct strbuf sb = {0};
	for (int i = 0; i < 300; i++)
		sb_add(&sb, "Leerling;Groep\n");
	char *path = th_write(dir, "leerlingen.csv", sb_str(&sb));

	struct ibis_error err = open_fails(path, DB_CREATE);
	cr_assert_eq(err.fault, DBF_NOTADB);
	assert_same_bytes(path, sb.buf, sb.len);

	sb_free(&sb);
	th_rmtree(dir);
	free(path);
	free(dir);
}

Test(db_open, foreign_sqlite_refused_untouched)
{
	char *dir = th_tmpdir();
	char *path = path_join(dir, "ander.db");
	raw_exec(path, "CREATE TABLE foto (id INTEGER PRIMARY KEY, naam TEXT);"
		       "INSERT INTO foto (naam) VALUES ('strand.jpg');");

	size_t len;
	char *before = slurp(path, &len);
	struct ibis_error err = open_fails(path, DB_EXISTING);
	cr_assert_eq(err.status, IBIS_EDB);
	cr_assert_eq(err.fault, DBF_NOTADB);
	char *want = xasprintf("%s is geen ibis-database.", path);
	cr_assert_str_eq(err.message, want);
	err = open_fails(path, DB_CREATE);
	cr_assert_eq(err.fault, DBF_NOTADB);
	assert_same_bytes(path, before, len);

	/* another program's versioned database is not ours either */
	raw_exec(path, "PRAGMA user_version = 1");
	free(before);
	before = slurp(path, &len);
	err = open_fails(path, DB_EXISTING);
	cr_assert_eq(err.fault, DBF_NOTADB);
	cr_assert_str_eq(err.message, want);
	assert_same_bytes(path, before, len);

	free(want);
	free(before);
	th_rmtree(dir);
	free(path);
	free(dir);
}

Test(db_open, missing_parent_folder)
{
	char *dir = th_tmpdir();
	char *sub = path_join(dir, "bestaat-niet");
	char *path = path_join(sub, "ibis.db");

	struct ibis_error err = open_fails(path, DB_CREATE);
	cr_assert_eq(err.status, IBIS_EDB);
	cr_assert_eq(err.fault, DBF_MISSING);
	char *want = xasprintf("De map %s bestaat niet.", sub);
	cr_assert_str_eq(err.message, want);
	cr_assert_neq(access(sub, F_OK), 0);

	free(want);
	th_rmtree(dir);
	free(path);
	free(sub);
	free(dir);
}

Test(db_open, existing_mode_on_missing_file)
{
	char *dir = th_tmpdir();
	char *path = path_join(dir, "ibis.db");

	struct ibis_error err = open_fails(path, DB_EXISTING);
	cr_assert_eq(err.status, IBIS_EDB); /* exit status 3 */
	cr_assert_eq((int)err.status, 3);
	cr_assert_eq(err.fault, DBF_MISSING);
	char *want = xasprintf("Database %s bestaat niet. Maak er een met ‘ibis init’ of ‘ibis demo’.",
			       path);
	cr_assert_str_eq(err.message, want);
	cr_assert_neq(access(path, F_OK), 0, "the file was created");

	free(want);
	th_rmtree(dir);
	free(path);
	free(dir);
}

Test(db_open, folder_is_not_a_database)
{
	char *dir = th_tmpdir();
	struct ibis_error err = open_fails(dir, DB_CREATE);
	cr_assert_eq(err.status, IBIS_EDB);
	cr_assert_eq(err.fault, DBF_NOTADB);
	th_rmtree(dir);
	free(dir);
}

Test(db_open, no_path)
{
	struct ibis_error err = open_fails("", DB_CREATE);
	cr_assert_eq(err.status, IBIS_EDB);
	cr_assert_eq(err.fault, DBF_MISSING);
}

/* ============================================================== read-only */

static void assert_readonly_refusals(struct db *db)
{
	struct ibis_error err = {0};
	struct school s = {.name = "Nieuw", .level_model = "4-niveaus"};

	cr_assert(db_readonly(db));
	cr_assert_eq(db_school_insert(db, &s, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_READONLY);
	cr_assert_str_eq(err.message, "De database is alleen-lezen; er is niets opgeslagen.");
	cr_assert_eq(s.id, 0);

	ibis_error_clear(&err);
	cr_assert_eq(add_pupil(db, 1, "Anna", "Berg", NULL, &err), 0);
	cr_assert_eq(err.fault, DBF_READONLY);

	ibis_error_clear(&err);
	struct level_episode e = {.pupil_id = 1, .model = "4-niveaus", .level = 2,
				  .start = 20000, .end = DATE_NONE};
	cr_assert_eq(db_level_insert(db, &e, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_READONLY);

	ibis_error_clear(&err);
	cr_assert_eq(db_begin(db, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_READONLY);

	/* reading still works */
	struct school *list = NULL;
	int n = 0;
	cr_assert_eq(db_school_list(db, &list, &n, &err), IBIS_OK);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(list[0].name, "De Regenboog");
	schools_free(list, n);
	cr_assert_eq(db_count_rows(db, "schools"), 1);
	cr_assert_eq(db_count_rows(db, "pupils"), 1);
}

Test(db_readonly, option_refuses_writes)
{
	char *dir;
	struct db *db = th_db_new(&dir);
	char *path = xstrdup(db_path(db));
	struct ibis_error err = {0};
	ibis_id school = add_school(db, "De Regenboog");
	cr_assert_eq(school, 1);
	cr_assert_neq(add_pupil(db, school, "Daan", "Vries", NULL, &err), 0);
	db_close(db);

	db = open_db(path, DB_EXISTING, true);
	assert_readonly_refusals(db);
	db_close(db);
	cr_assert_eq(raw_int(path, "SELECT count(*) FROM schools"), 1);
	cr_assert_eq(raw_int(path, "SELECT count(*) FROM pupils"), 1);

	th_rmtree(dir);
	free(path);
	free(dir);
}

Test(db_readonly, file_without_write_permission)
{
	/* root may write any file: access(W_OK) succeeds, so this only means
	 * something for an ordinary user. */
	if (geteuid() == 0)
		cr_skip_test("running as root: a chmod 0444 file is writable");
	char *dir;
	struct db *db = th_db_new(&dir);
	char *path = xstrdup(db_path(db));
	struct ibis_error err = {0};
	ibis_id school = add_school(db, "De Regenboog");
	cr_assert_neq(add_pupil(db, school, "Daan", "Vries", NULL, &err), 0);
	db_close(db);
	cr_assert_eq(chmod(path, 0444), 0);

	db = open_db(path, DB_EXISTING, false);
	assert_readonly_refusals(db);
	db_close(db);

	/* Also when the folder may not be written, so that no -shm can be made
	 * (the read-only connection may have left empty WAL files: remove them).
	 * A file nobody may write opens as immutable... */
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	unlink(wal);
	unlink(shm);
	cr_assert_eq(chmod(dir, 0555), 0);
	db = open_db(path, DB_EXISTING, false);
	assert_readonly_refusals(db);
	db_close(db);
	cr_assert_neq(access(shm, F_OK), 0);

	/* ...one that someone else may write is refused rather than read while
	 * it may change underneath. */
	cr_assert_eq(chmod(path, 0464), 0);
	struct ibis_error err2 = open_fails(path, DB_EXISTING);
	cr_assert_eq(err2.fault, DBF_READONLY);
	cr_assert(strstr(err2.message, "-shm"), "%s", err2.message);
	chmod(dir, 0700);
	free(wal);
	free(shm);

	th_rmtree(dir);
	free(path);
	free(dir);
}

/* ================================================================== locks */

Test(db_lock, writer_holding_the_lock)
{
	char *dir;
	struct db *db = th_db_new(&dir);
	char *path = xstrdup(db_path(db));
	add_school(db, "De Regenboog");
	db_close(db);

	/* Another process in the middle of a write transaction. */
	sqlite3 *other = NULL;
	cr_assert_eq(sqlite3_open(path, &other), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(other,
				  "BEGIN EXCLUSIVE; INSERT INTO schools (name, level_model)"
				  " VALUES ('Ander', '4-niveaus')",
				  NULL, NULL, NULL),
		     SQLITE_OK);

	struct db_options opt = {.path = path, .mode = DB_EXISTING, .busy_timeout_ms = 100};
	struct ibis_error err = {0};
	db = NULL;
	/* In WAL mode readers are not blocked: the database opens and reads. */
	cr_assert_eq(db_open(&db, &opt, &err), IBIS_OK, "%s (%s)", err.message, err.detail);
	cr_assert_eq(db_count_rows(db, "schools"), 1);

	struct school s = {.name = "Nieuw", .level_model = "4-niveaus"};
	cr_assert_eq(db_school_insert(db, &s, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_LOCKED);
	cr_assert_str_eq(err.message,
			 "De database is bezet door een ander proces; probeer het zo opnieuw.");
	cr_assert(err.detail[0], "the detail says what SQLite said");

	ibis_error_clear(&err);
	cr_assert_eq(db_begin(db, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_LOCKED);

	/* a multi-statement write waits up front and fails as a whole */
	ibis_error_clear(&err);
	struct level_episode e = {.pupil_id = 1, .model = "4-niveaus", .level = 2,
				  .start = 20000, .end = DATE_NONE};
	cr_assert_eq(db_level_insert(db, &e, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_LOCKED);

	/* once the other is done, writing works again */
	cr_assert_eq(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	ibis_error_clear(&err);
	cr_assert_eq(db_school_insert(db, &s, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(db_count_rows(db, "schools"), 2);
	db_close(db);

	th_rmtree(dir);
	free(path);
	free(dir);
}

Test(db_lock, rollback_journal_lock_at_open)
{
	/* A database another tool switched back to a rollback journal, locked
	 * exclusively by it: even reading waits, and gives up after the timeout. */
	char *dir;
	struct db *db = th_db_new(&dir);
	char *path = xstrdup(db_path(db));
	db_close(db);
	raw_exec(path, "PRAGMA journal_mode = DELETE");

	sqlite3 *other = NULL;
	cr_assert_eq(sqlite3_open(path, &other), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(other,
				  "BEGIN EXCLUSIVE; INSERT INTO schools (name, level_model)"
				  " VALUES ('Ander', '4-niveaus')",
				  NULL, NULL, NULL),
		     SQLITE_OK);
	struct db_options opt = {.path = path, .mode = DB_EXISTING, .busy_timeout_ms = 100};
	struct ibis_error err = {0};
	db = NULL;
	cr_assert_eq(db_open(&db, &opt, &err), IBIS_EDB);
	cr_assert_null(db);
	cr_assert_eq(err.fault, DBF_LOCKED);
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);

	db = open_db(path, DB_EXISTING, false);
	db_close(db);
	cr_assert_eq(raw_int(path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);

	th_rmtree(dir);
	free(path);
	free(dir);
}

/* ============================================================= full disk */

Test(db_full, write_past_the_limit)
{
	char *dir;
	struct db *db = th_db_new(&dir);
	struct ibis_error err = {0};
	ibis_id school = add_school(db, "De Regenboog");

	struct level_episode e = {.pupil_id = 0, .model = "4-niveaus", .level = 1,
				  .start = 20000, .end = DATE_NONE};
	e.pupil_id = add_pupil(db, school, "Anna", "Berg", NULL, &err);
	cr_assert_neq(e.pupil_id, 0);
	cr_assert_eq(db_level_insert(db, &e, &err), IBIS_OK, "%s", err.message);

	/* No room beyond the pages in use (SQLite does not go below them). */
	long long pages = db_set_max_pages(db, 1);
	cr_assert_gt(pages, 1);

	char notes[3000];
	memset(notes, 'x', sizeof(notes) - 1);
	notes[sizeof(notes) - 1] = '\0';
	int stored = 0;
	enum ibis_status st = IBIS_OK;
	for (int i = 0; i < 200 && st == IBIS_OK; i++) {
		ibis_error_clear(&err);
		if (add_pupil(db, school, "Bram", "Bergen", notes, &err))
			stored++;
		else
			st = err.status;
	}
	cr_assert_eq(st, IBIS_EDB, "never full");
	cr_assert_eq(err.fault, DBF_FULL);
	cr_assert_str_eq(err.message, "De schijf is vol; er is niets opgeslagen.");
	cr_assert_eq(db_count_rows(db, "pupils"), 1 + stored);

	/* A two-statement write (close the open level, add the new one) is
	 * undone as a whole. Its reason needs overflow pages, so it cannot fit
	 * in the room left on a page. */
	char reason[10000];
	memset(reason, 'r', sizeof(reason) - 1);
	reason[sizeof(reason) - 1] = '\0';
	struct level_episode up = {.pupil_id = e.pupil_id, .model = "4-niveaus", .level = 2,
				   .start = 20100, .end = DATE_NONE, .reason = reason};
	ibis_error_clear(&err);
	cr_assert_eq(db_level_insert(db, &up, &err), IBIS_EDB);
	cr_assert_eq(err.fault, DBF_FULL);
	struct level_episode cur = {0};
	bool found = false;
	cr_assert_eq(db_level_current(db, e.pupil_id, &cur, &found, &err), IBIS_OK);
	cr_assert(found);
	cr_assert_eq(cur.level, 1);
	cr_assert_eq(cur.end, DATE_NONE);
	level_episode_clear(&cur);

	struct strlist problems = {0};
	cr_assert_eq(db_check(db, &problems, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(problems.len, 0, "%s", problems.len ? problems.items[0] : "");
	sl_free(&problems);

	/* with room again, the same write succeeds */
	db_set_max_pages(db, 1000000);
	cr_assert_eq(db_level_insert(db, &up, &err), IBIS_OK, "%s", err.message);
	db_close(db);
	th_rmtree(dir);
	free(dir);
}

/* =========================================================== transactions */

Test(db_txn, commit_and_rollback)
{
	char *dir;
	struct db *db = th_db_new(&dir);
	struct ibis_error err = {0};

	cr_assert_eq(db_begin(db, &err), IBIS_OK);
	add_school(db, "Een");
	db_rollback(db);
	cr_assert_eq(db_count_rows(db, "schools"), 0);

	cr_assert_eq(db_begin(db, &err), IBIS_OK);
	add_school(db, "Twee");
	cr_assert_eq(db_begin(db, &err), IBIS_EDB, "nested begin");
	cr_assert_eq(db_commit(db, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(db_count_rows(db, "schools"), 1);

	cr_assert_eq(db_commit(db, &err), IBIS_EDB, "commit without begin");
	db_rollback(db); /* harmless without a transaction */
	db_rollback(NULL);
	db_close(db);
	th_rmtree(dir);
	free(dir);
}

Test(db_txn, failed_write_inside_a_transaction_is_undone_alone)
{
	char *dir;
	struct db *db = th_db_new(&dir);
	struct ibis_error err = {0};
	ibis_id school = add_school(db, "De Regenboog");
	ibis_id pupil = add_pupil(db, school, "Anna", "Berg", NULL, &err);

	cr_assert_eq(db_begin(db, &err), IBIS_OK);
	struct level_episode e = {.pupil_id = pupil, .model = "4-niveaus", .level = 1,
				  .start = 20000, .end = DATE_NONE};
	cr_assert_eq(db_level_insert(db, &e, &err), IBIS_OK, "%s", err.message);
	/* refused (before the open one): its savepoint goes, the rest stays */
	struct level_episode bad = {.pupil_id = pupil, .model = "4-niveaus", .level = 2,
				    .start = 19000, .end = DATE_NONE};
	cr_assert_eq(db_level_insert(db, &bad, &err), IBIS_EINPUT);
	/* refused by the schema after the open one was closed: undone too */
	struct level_episode bad2 = {.pupil_id = pupil, .model = "", .level = 2,
				     .start = 20050, .end = DATE_NONE};
	cr_assert_eq(db_level_insert(db, &bad2, &err), IBIS_EINPUT);
	struct level_episode up = {.pupil_id = pupil, .model = "4-niveaus", .level = 2,
				   .start = 20100, .end = DATE_NONE};
	cr_assert_eq(db_level_insert(db, &up, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(db_commit(db, &err), IBIS_OK, "%s", err.message);

	struct level_episode *h = NULL;
	int n = 0;
	cr_assert_eq(db_level_history(db, pupil, &h, &n, &err), IBIS_OK);
	cr_assert_eq(n, 2);
	cr_assert_eq(h[0].level, 1);
	cr_assert_eq(h[0].end, 20100);
	cr_assert_eq(h[1].level, 2);
	cr_assert_eq(h[1].end, DATE_NONE);
	level_episodes_free(h, n);
	db_close(db);
	th_rmtree(dir);
	free(dir);
}

/* ============================================================ the schema */

Test(db_schema, audit_is_append_only)
{
	char *dir;
	struct db *db = th_db_new(&dir);
	char *path = xstrdup(db_path(db));
	db_close(db);

	raw_exec(path, "INSERT INTO audit (login, action, table_name, record_id)"
		       " VALUES ('ib', 'geopend', 'pupils', 12)");
	sqlite3 *c = NULL;
	cr_assert_eq(sqlite3_open(path, &c), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(c, "UPDATE audit SET login = 'ander'", NULL, NULL, NULL),
		     SQLITE_CONSTRAINT);
	cr_assert_str_eq(sqlite3_errmsg(c), "Het auditlogboek kan niet worden gewijzigd.");
	cr_assert_eq(sqlite3_exec(c, "DELETE FROM audit", NULL, NULL, NULL), SQLITE_CONSTRAINT);
	cr_assert_str_eq(sqlite3_errmsg(c), "Het auditlogboek kan niet worden gewist.");
	/* an action outside the list is refused as well */
	cr_assert_eq(sqlite3_exec(c,
				  "INSERT INTO audit (login, action, table_name)"
				  " VALUES ('ib', 'gelezen', 'pupils')",
				  NULL, NULL, NULL),
		     SQLITE_CONSTRAINT);
	sqlite3_close(c);
	cr_assert_eq(raw_int(path, "SELECT count(*) FROM audit WHERE login = 'ib'"), 1);

	th_rmtree(dir);
	free(path);
	free(dir);
}

Test(db_schema, every_table_has_its_checks)
{
	char *dir;
	struct db *db = th_db_new(&dir);
	char *path = xstrdup(db_path(db));
	db_close(db);

	/* dates must be real ISO dates */
	sqlite3 *c = NULL;
	cr_assert_eq(sqlite3_open(path, &c), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(c,
				  "INSERT INTO schools (name, level_model) VALUES ('S', 'm');"
				  "INSERT INTO pupils (school_id, first_name, last_name, sort_key,"
				  " search_key, birth_date) VALUES (1, 'A', 'B', 'b', 'b', '2016-02-29')",
				  NULL, NULL, NULL),
		     SQLITE_OK, "%s", sqlite3_errmsg(c));
	cr_assert_eq(sqlite3_exec(c,
				  "INSERT INTO pupils (school_id, first_name, last_name, sort_key,"
				  " search_key, birth_date) VALUES (1, 'A', 'B', 'b', 'b', '2017-02-29')",
				  NULL, NULL, NULL),
		     SQLITE_CONSTRAINT);
	cr_assert_eq(sqlite3_exec(c,
				  "INSERT INTO pupils (school_id, first_name, last_name, sort_key,"
				  " search_key, birth_date) VALUES (1, 'A', 'B', 'b', 'b', '1-2-2017')",
				  NULL, NULL, NULL),
		     SQLITE_CONSTRAINT);
	/* scores 1-4 only, one per cell */
	cr_assert_eq(sqlite3_exec(c,
				  "INSERT INTO indicator_scores (school_id, set_id, indicator,"
				  " school_year, score) VALUES (1, 'hgw', '1.1', 2026, 5)",
				  NULL, NULL, NULL),
		     SQLITE_CONSTRAINT);
	cr_assert_eq(sqlite3_exec(c,
				  "INSERT INTO indicator_scores (school_id, set_id, indicator,"
				  " school_year, score) VALUES (1, 'hgw', '1.1', 2026, 4)",
				  NULL, NULL, NULL),
		     SQLITE_OK);
	cr_assert_eq(sqlite3_exec(c,
				  "INSERT INTO indicator_scores (school_id, set_id, indicator,"
				  " school_year, score) VALUES (1, 'hgw', '1.1', 2026, 3)",
				  NULL, NULL, NULL),
		     SQLITE_CONSTRAINT);
	/* STRICT: no text in an integer column */
	cr_assert_eq(sqlite3_exec(c,
				  "INSERT INTO groups (school_id, name, school_year, jaargroep_min,"
				  " jaargroep_max) VALUES (1, '5B', 'twintig', 5, 5)",
				  NULL, NULL, NULL),
		     SQLITE_CONSTRAINT);
	/* roles */
	cr_assert_eq(sqlite3_exec(c,
				  "INSERT INTO users (login, name, role) VALUES ('x', 'X', 'baas')",
				  NULL, NULL, NULL),
		     SQLITE_CONSTRAINT);
	sqlite3_close(c);

	th_rmtree(dir);
	free(path);
	free(dir);
}

Test(db_schema, count_rows)
{
	char *dir;
	struct db *db = th_db_new(&dir);
	cr_assert_eq(db_count_rows(db, "schools"), 0);
	add_school(db, "Een");
	add_school(db, "Twee");
	cr_assert_eq(db_count_rows(db, "schools"), 2);
	cr_assert_eq(db_count_rows(db, "audit"), 0);
	cr_assert_eq(db_count_rows(db, "sqlite_schema"), -1);
	cr_assert_eq(db_count_rows(db, "schools; DROP TABLE schools"), -1);
	cr_assert_eq(db_count_rows(db, NULL), -1);
	cr_assert_eq(db_count_rows(db, "schools"), 2);
	db_close(db);
	th_rmtree(dir);
	free(dir);
}

/* ================================================================= check */

Test(db_check, clean_database)
{
	char *dir;
	struct db *db = th_db_new(&dir);
	struct ibis_error err = {0};
	struct strlist problems = {0};
	add_school(db, "De Regenboog");
	cr_assert_eq(db_check(db, &problems, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(problems.len, 0, "%s", problems.len ? problems.items[0] : "");
	sl_free(&problems);
	db_close(db);
	th_rmtree(dir);
	free(dir);
}

Test(db_check, broken_reference_is_reported)
{
	char *dir;
	struct db *db = th_db_new(&dir);
	char *path = xstrdup(db_path(db));
	struct ibis_error err = {0};
	db_close(db);
	/* written by a tool without foreign keys on */
	raw_exec(path, "INSERT INTO events (pupil_id, kind, event_date) VALUES (99, 'notitie', "
		       "'2026-09-01')");

	db = open_db(path, DB_EXISTING, false);
	struct strlist problems = {0};
	cr_assert_eq(db_check(db, &problems, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(problems.len, 1);
	cr_assert(strstr(problems.items[0], "events"), "%s", problems.items[0]);
	cr_assert(strstr(problems.items[0], "pupils"), "%s", problems.items[0]);
	sl_free(&problems);
	db_close(db);

	th_rmtree(dir);
	free(path);
	free(dir);
}

Test(db_check, missing_table_is_reported)
{
	char *dir;
	struct db *db = th_db_new(&dir);
	char *path = xstrdup(db_path(db));
	struct ibis_error err = {0};
	db_close(db);
	raw_exec(path, "DROP TABLE drafts");

	db = open_db(path, DB_EXISTING, false);
	struct strlist problems = {0};
	cr_assert_eq(db_check(db, &problems, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(problems.len, 1);
	cr_assert_str_eq(problems.items[0], "Tabel drafts ontbreekt.");
	sl_free(&problems);
	db_close(db);

	th_rmtree(dir);
	free(path);
	free(dir);
}

Test(db_check, corrupt_page_is_reported_or_refused)
{
	char *dir;
	struct db *db = th_db_new(&dir);
	char *path = xstrdup(db_path(db));
	struct ibis_error err = {0};
	ibis_id school = add_school(db, "De Regenboog");
	for (int i = 0; i < 50; i++)
		cr_assert_neq(add_pupil(db, school, "Anna", "Berg", "aantekening", &err), 0);
	db_close(db);

	/* Overwrite the b-tree header of the pupils table's root page with a page
	 * type that does not exist. (Not simply the last page of the file: the
	 * full-text indexes leave free pages behind, whose bytes nobody reads.) */
	long long root = raw_int(path, "SELECT rootpage FROM sqlite_schema WHERE name = 'pupils'");
	cr_assert_gt(root, 1);
	size_t len;
	char *bytes = slurp(path, &len);
	cr_assert_gt(len, 8192);
	cr_assert_eq(len % 4096, 0);
	cr_assert_leq((size_t)root * 4096, len);
	memset(bytes + (root - 1) * 4096, 0xff, 12);
	FILE *f = fopen(path, "wb");
	fwrite(bytes, 1, len, f);
	fclose(f);
	free(bytes);

	struct db_options opt = {.path = path, .mode = DB_EXISTING};
	db = NULL;
	if (db_open(&db, &opt, &err) == IBIS_OK) {
		struct strlist problems = {0};
		enum ibis_status st = db_check(db, &problems, &err);
		cr_assert(st != IBIS_OK || problems.len > 0, "corruption went unnoticed");
		if (st != IBIS_OK)
			cr_assert_eq(err.fault, DBF_NOTADB);
		sl_free(&problems);
		db_close(db);
	} else {
		cr_assert_eq(err.fault, DBF_NOTADB);
	}

	th_rmtree(dir);
	free(path);
	free(dir);
}
