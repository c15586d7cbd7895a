/* db.h - the database connection: open, schema, transactions, checks.
 *
 * Only src/db speaks SQL. A database is one SQLite file in WAL mode with
 * foreign keys on and a busy timeout; its schema version is PRAGMA
 * user_version. Every failure becomes a struct ibis_error with status IBIS_EDB
 * (or IBIS_EINPUT for a value a rule refused) and a Dutch message.
 */
#ifndef IBIS_DB_H
#define IBIS_DB_H

#include <stdbool.h>

#include "ibis/error.h"
#include "ibis/util.h"

struct db;

enum db_mode {
	DB_EXISTING, /* the file must exist (every command but init and demo) */
	DB_CREATE,   /* create the file when missing (init, demo, tests) */
};

struct db_options {
	const char *path;
	enum db_mode mode;
	int busy_timeout_ms; /* 0 = 5000 */
	bool readonly;       /* open read-only even when the file is writable */
};

/* Open (or create) the database, check it is an ibis database this program
 * knows and bring an older schema up to date. Failures, all leaving the file
 * untouched: parent folder missing, file missing in DB_EXISTING mode, not an
 * SQLite database, not an ibis database, schema newer than this program,
 * locked past the timeout. A file the user cannot write opens read-only
 * (db_readonly). On success *out is set; the caller closes it. */
enum ibis_status db_open(struct db **out, const struct db_options *opt, struct ibis_error *err);
void db_close(struct db *db);

const char *db_path(const struct db *db);
/* True when opened read-only: every write is refused with DBF_READONLY. */
bool db_readonly(const struct db *db);
/* The schema version this program writes. */
int db_schema_version(void);

/* Explicit transactions for a batch of writes (BEGIN IMMEDIATE, so a busy
 * database waits instead of failing half-way). Writes outside one are each their
 * own transaction. db_rollback is safe to call when none is open. */
enum ibis_status db_begin(struct db *db, struct ibis_error *err);
enum ibis_status db_commit(struct db *db, struct ibis_error *err);
void db_rollback(struct db *db);

/* Integrity check: PRAGMA integrity_check, foreign_key_check and the schema
 * version. Each problem found is appended to problems (Dutch). Returns IBIS_OK
 * when the check ran (problems may be non-empty), an error otherwise. */
enum ibis_status db_check(struct db *db, struct strlist *problems, struct ibis_error *err);

/* Number of rows in a table of the schema (for ibis check and tests); -1 on an
 * unknown table name. */
long long db_count_rows(struct db *db, const char *table);

/* For tests and benchmarks only: limit the database file to this many pages
 * (PRAGMA max_page_count; SQLite never goes below the pages in use), so that a
 * full disk can be simulated: a write past it fails with DBF_FULL. Returns the
 * limit now in force, -1 on failure. */
long long db_set_max_pages(struct db *db, long long pages);

#endif
