/* db_internal.h - what the files of src/db share: the connection, a statement
 * cache, statement helpers in fossil's shape, error mapping and write scopes.
 *
 * A statement is used like this (on the caller's stack):
 *
 *	struct dbq q;
 *	dbq_prepare(&q, db, SQL_PUPIL_GET);
 *	dbq_bind_id(&q, ":id", id);
 *	while ((rc = dbq_step(&q)) == SQLITE_ROW)
 *		... dbq_text(&q, 0) ...
 *	if (rc != SQLITE_DONE)
 *		st = dbq_fail(&q, err);
 *	dbq_finish(&q);
 *
 * A failure in prepare or in a bind is remembered in the dbq and returned by
 * the next dbq_step, so call sites need one check, not one per bind.
 *
 * Only this folder includes sqlite3.h.
 */
#ifndef IBIS_DB_INTERNAL_H
#define IBIS_DB_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/error.h"
#include "ibis/records.h"

/* PRAGMA application_id of an ibis database ("ibis" in ASCII), so that a file
 * of another program that also uses user_version is not taken for ours. */
#define DBI_APPLICATION_ID 0x69626973

/* One prepared statement of the cache. */
struct dbi_cached {
	const char *sql;    /* the key: the address of a static SQL text */
	sqlite3_stmt *st;
	bool busy;          /* handed out and not yet finished */
};

struct db {
	sqlite3 *conn;
	char *path;
	bool readonly;
	bool in_txn;        /* between db_begin and db_commit/db_rollback */
	struct dbi_cached *cache;
	size_t ncache, capcache;
};

/* ============================================================== statements */

/* A statement in use. cached statements are reset on dbq_finish, others
 * finalized. */
struct dbq {
	struct db *db;
	sqlite3_stmt *st;
	long slot;               /* index in db->cache; -1 for a private copy */
	int rc;                  /* first failure (SQLITE_OK while none) */
	int sys_errno;           /* errno behind an I/O failure, 0 when none */
	char detail[256];        /* SQLite's message of that failure */
};

/* Get the statement of sql from db's cache, preparing it the first time.
 * sql must be a static string (a literal or a static array): its address is
 * the cache key. A statement that is still in use (a walk whose callback runs
 * the same query again) is not shared: a private copy is prepared and
 * finalized by dbq_finish. */
void dbq_prepare(struct dbq *q, struct db *db, const char *sql);

/* Binds by parameter index (1-based) or by name (":id"). A NULL string, an id
 * of 0 and DATE_NONE bind SQL NULL. */
void dbq_bind_null_at(struct dbq *q, int idx);
void dbq_bind_text_at(struct dbq *q, int idx, const char *s);
void dbq_bind_int_at(struct dbq *q, int idx, long long v);
void dbq_bind_id_at(struct dbq *q, int idx, ibis_id id);
void dbq_bind_date_at(struct dbq *q, int idx, ibis_date d);
void dbq_bind_null(struct dbq *q, const char *name);
void dbq_bind_text(struct dbq *q, const char *name, const char *s);
void dbq_bind_int(struct dbq *q, const char *name, long long v);
void dbq_bind_bool(struct dbq *q, const char *name, bool v);
void dbq_bind_id(struct dbq *q, const char *name, ibis_id id);
void dbq_bind_date(struct dbq *q, const char *name, ibis_date d);
/* A field of a record: "" binds NULL as well, so that an empty optional field
 * is stored as absent and an empty required one fails as missing. */
void dbq_bind_opt(struct dbq *q, const char *name, const char *s);

/* Step: SQLITE_ROW, SQLITE_DONE, or the (extended) error code, which is also
 * kept in q with SQLite's message for dbq_fail. */
int dbq_step(struct dbq *q);
/* Reset (cached) or finalize the statement. Safe to call twice. */
void dbq_finish(struct dbq *q);
/* Turn q's failure into err (see dbi_error) and return the status. */
enum ibis_status dbq_fail(struct dbq *q, struct ibis_error *err);

/* Run a statement that returns no rows to the end and finish it. */
enum ibis_status dbq_exec(struct dbq *q, struct ibis_error *err);
/* Step once, read column 0 as an integer into *out (left alone when there is
 * no row or the value is NULL; *found tells, and may be NULL), and finish. */
enum ibis_status dbq_one_int(struct dbq *q, long long *out, bool *found,
			     struct ibis_error *err);
/* Same for text: *out is a copy the caller frees, NULL when no row or NULL. */
enum ibis_status dbq_one_text(struct dbq *q, char **out, struct ibis_error *err);

/* Columns of the current row (0-based). */
bool dbq_is_null(struct dbq *q, int col);
/* A copy of the text, NULL for SQL NULL. Caller frees. */
char *dbq_text(struct dbq *q, int col);
/* The text itself, valid until the next step; NULL for SQL NULL. */
const char *dbq_text_ref(struct dbq *q, int col);
long long dbq_int(struct dbq *q, int col);
/* The integer, or dflt for SQL NULL. */
int dbq_int_or(struct dbq *q, int col, int dflt);
bool dbq_bool(struct dbq *q, int col);
/* NULL reads as 0. */
ibis_id dbq_id(struct dbq *q, int col);
/* An ISO date; NULL (or anything that is not one) reads as DATE_NONE. */
ibis_date dbq_date(struct dbq *q, int col);

/* =================================================================== errors */

/* Fill err from an SQLite result code: a Dutch message and a fault by the kind
 * of failure (busy/locked, read-only, full, corrupt, constraint, ...), SQLite's
 * text (detail, may be NULL) as the technical detail. A constraint is bad
 * input (IBIS_EINPUT); the rest are database problems (IBIS_EDB). sys_errno
 * is the errno behind an I/O error (0 when unknown): ENOSPC reads as full. */
enum ibis_status dbi_error(struct db *db, int rc, int sys_errno, const char *detail,
			   struct ibis_error *err);
/* Fail with a fault and a formatted message (status by fault, as above). */
enum ibis_status dbi_fail(struct ibis_error *err, enum ibis_dbfault fault, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* IBIS_OK when db may be written; the DBF_READONLY error otherwise, before
 * anything touches SQLite. Every write function starts with it. */
enum ibis_status dbi_writable(struct db *db, struct ibis_error *err);
/* Replace the message of err (when not NULL), keeping status, fault and
 * detail: for a caller that can say better what a constraint meant. */
void dbi_message(struct ibis_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Rows changed by the last INSERT, UPDATE or DELETE. */
long long dbi_changes(struct db *db);
/* The rowid of the last INSERT. */
ibis_id dbi_last_id(struct db *db);
/* Make room for element n of an array of *cap elements of size bytes (grown
 * by doubling). Returns the array, which may have moved. */
void *dbi_grow(void *a, int n, int *cap, size_t size);
/* Run one fixed statement without parameters (BEGIN, COMMIT, ...). */
enum ibis_status dbi_exec(struct db *db, const char *sql, struct ibis_error *err);

/* Read the current row of q into row (an element of the list being read,
 * zeroed before the call). */
typedef void dbi_row_reader(struct dbq *q, void *row);
/* Free n elements read so far and the array itself. */
typedef void dbi_rows_freer(void *rows, int n);
/* Step q (prepared and bound) to the end and finish it, reading every row
 * with read into an array of elements of size bytes: *out (the caller frees
 * it as its type says) and *n. On failure *out is NULL and *n 0, what was
 * read being freed with free_rows (NULL: plain free()). */
enum ibis_status dbi_read_rows(struct dbq *q, size_t size, dbi_row_reader *read,
			       dbi_rows_freer *free_rows, void **out, int *n,
			       struct ibis_error *err);

/* NULL, "" or only white space. */
bool dbi_blank(const char *s);
/* The range of school_year in the schema (1900..2199); a constraint error
 * otherwise. */
enum ibis_status dbi_year_check(int year, struct ibis_error *err);
/* A write that found its row moved on (dbi_changed) or gone (dbi_gone): a
 * colleague's change, DBF_CONFLICT with the Dutch message that nothing was
 * overwritten and the formatted technical detail. Both return IBIS_EDB. */
enum ibis_status dbi_changed(struct ibis_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
enum ibis_status dbi_gone(struct ibis_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ============================================================ write scopes */

/* A multi-statement write. Outside db_begin it is its own BEGIN IMMEDIATE
 * transaction (so it waits for another writer up front instead of failing
 * half-way with a stale snapshot); inside one it is a SAVEPOINT, so that a
 * failure undoes only this write and the caller's transaction goes on. */
struct dbi_scope {
	bool outer; /* started the transaction itself */
	bool open;
};
enum ibis_status dbi_scope_begin(struct db *db, struct dbi_scope *s, struct ibis_error *err);
enum ibis_status dbi_scope_commit(struct db *db, struct dbi_scope *s, struct ibis_error *err);
/* Undo the scope; safe when SQLite already rolled the transaction back (as
 * it may after SQLITE_FULL) and when the scope is not open. */
void dbi_scope_rollback(struct db *db, struct dbi_scope *s);

/* ================================================================== pupils */

/* The columns of pupils derived from the name (sort_key, search_key and
 * search_grams). Every writer of a pupil's name takes them from here, so that
 * the single insert (pupil.c) and the bulk one of an import (import.c) cannot
 * drift apart. */
struct dbi_pupil_keys {
	char *sort;
	char *search;
	char *grams;
};
/* Fill k from the parts of the name; free with dbi_pupil_keys_free. */
void dbi_pupil_keys(struct dbi_pupil_keys *k, const char *first, const char *tv,
		    const char *last);
void dbi_pupil_keys_free(struct dbi_pupil_keys *k);

/* =================================================================== plans */

/* The header columns of plans in the order dbi_read_plan reads them: every
 * query of whole plan rows (event.c, plan.c) selects exactly these. */
#define DBI_PLAN_COLS                                                                   \
	"id, template_id, pupil_id, group_id, title, status, start_date, end_date,"     \
	" eval_date, author, version, due_date, agreed_date, evaluated_date, evaluated_with"

/* Bind what both the insert and the update of a plan write: :template,
 * :title, :status, :start, :end, :eval, :author, :due, :agreed, :evaluated
 * and :evaluated_with. */
void dbi_bind_plan(struct dbq *q, const struct plan *p);
/* Bind a goal's own fields (insert and update): :area (NULL for 0),
 * :long_term, :body, :target, :result and :evaluation. */
void dbi_bind_goal(struct dbq *q, const struct goal *g);
/* Read the current row (DBI_PLAN_COLS) into p, whose strings become the
 * caller's. */
void dbi_read_plan(struct dbq *q, struct plan *p);
/* Step q (prepared and bound, selecting DBI_PLAN_COLS) to the end and finish
 * it: the plans in *out (caller frees with plans_free) and *n; NULL and 0
 * on failure. */
enum ibis_status dbi_read_plans(struct dbq *q, struct plan **out, int *n,
				struct ibis_error *err);

/* ================================================================== schema */

/* The schema version this program writes (the number of migrations). */
int dbi_schema_version(void);
/* Bring a database at version from (0 = empty) up to dbi_schema_version(),
 * all in one transaction. Another process may have done it meanwhile: the
 * version is read again once the write lock is held. */
enum ibis_status dbi_migrate(struct db *db, int from, struct ibis_error *err);
/* Create a new database at path with the schema of an older version (for the
 * tests of the migrations that follow it). An existing path: refused. */
enum ibis_status dbi_create_at_version(const char *path, int version, struct ibis_error *err);
/* Write pupils.search_grams of every pupil (migration to version 2; see
 * schema.c), inside the migration's transaction. */
enum ibis_status dbi_fill_search_grams(struct db *db, struct ibis_error *err);
/* The tables of the current schema, in creation order. */
extern const char *const dbi_tables[];
extern const size_t dbi_ntables;
/* "SELECT count(*) FROM <table>" as a static text for the statement cache;
 * NULL for a name that is not a table of the schema. */
const char *dbi_count_sql(const char *table);

#endif
