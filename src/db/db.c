/* db.c - the connection: opening and checking a database file, the statement
 * cache and helpers of db_internal.h, error mapping, transactions, checks.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_internal.h"
#include "ibis/util.h"

/* ========================================================== statement cache */

static long cache_find(struct db *db, const char *sql)
{
	for (size_t i = 0; i < db->ncache; i++)
		if (db->cache[i].sql == sql)
			return (long)i;
	return -1;
}

static void q_failed(struct dbq *q, int rc, const char *msg)
{
	if (q->rc != SQLITE_OK)
		return;
	q->rc = rc;
	q->sys_errno = q->db && q->db->conn ? sqlite3_system_errno(q->db->conn) : 0;
	snprintf(q->detail, sizeof(q->detail), "%s", msg ? msg : sqlite3_errstr(rc));
}

void dbq_prepare(struct dbq *q, struct db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long slot = cache_find(db, sql);
	int rc;

	memset(q, 0, sizeof(*q));
	q->db = db;
	q->slot = -1;
	if (slot >= 0 && !db->cache[slot].busy) {
		db->cache[slot].busy = true;
		q->st = db->cache[slot].st;
		q->slot = slot;
		return;
	}
	/* A statement that lives in the cache is prepared as persistent, which
	 * tells SQLite's allocator it stays around. */
	rc = sqlite3_prepare_v3(db->conn, sql, -1, slot < 0 ? SQLITE_PREPARE_PERSISTENT : 0, &st,
				NULL);
	if (rc != SQLITE_OK) {
		q_failed(q, rc, sqlite3_errmsg(db->conn));
		sqlite3_finalize(st);
		return;
	}
	q->st = st;
	if (slot >= 0)
		return; /* the cached one is busy: this private copy is finalized */
	if (db->ncache == db->capcache) {
		db->capcache = db->capcache ? db->capcache * 2 : 32;
		db->cache = xrealloc(db->cache, db->capcache * sizeof(*db->cache));
	}
	db->cache[db->ncache] = (struct dbi_cached){.sql = sql, .st = st, .busy = true};
	q->slot = (long)db->ncache++;
}

void dbq_finish(struct dbq *q)
{
	if (!q->st)
		return;
	if (q->slot >= 0) {
		sqlite3_reset(q->st);
		sqlite3_clear_bindings(q->st);
		q->db->cache[q->slot].busy = false;
	} else {
		sqlite3_finalize(q->st);
	}
	q->st = NULL;
}

/* ------------------------------------------------------------------ binds */

static bool bind_ok(struct dbq *q, int rc)
{
	if (rc != SQLITE_OK)
		q_failed(q, rc, sqlite3_errmsg(q->db->conn));
	return rc == SQLITE_OK;
}

void dbq_bind_null_at(struct dbq *q, int idx)
{
	if (q->rc == SQLITE_OK)
		bind_ok(q, sqlite3_bind_null(q->st, idx));
}

void dbq_bind_text_at(struct dbq *q, int idx, const char *s)
{
	if (q->rc != SQLITE_OK)
		return;
	if (!s)
		bind_ok(q, sqlite3_bind_null(q->st, idx));
	else
		bind_ok(q, sqlite3_bind_text(q->st, idx, s, -1, SQLITE_TRANSIENT));
}

void dbq_bind_int_at(struct dbq *q, int idx, long long v)
{
	if (q->rc == SQLITE_OK)
		bind_ok(q, sqlite3_bind_int64(q->st, idx, v));
}

void dbq_bind_id_at(struct dbq *q, int idx, ibis_id id)
{
	if (id == 0)
		dbq_bind_null_at(q, idx);
	else
		dbq_bind_int_at(q, idx, id);
}

void dbq_bind_date_at(struct dbq *q, int idx, ibis_date d)
{
	char buf[DATE_ISO_LEN];
	if (d == DATE_NONE)
		dbq_bind_null_at(q, idx);
	else
		dbq_bind_text_at(q, idx, date_format_iso(d, buf));
}

/* The index of a named parameter; 0 (and q failed) when the statement has
 * none of that name, which is a mistake in this folder's SQL. */
static int param(struct dbq *q, const char *name)
{
	if (q->rc != SQLITE_OK)
		return 0;
	int idx = sqlite3_bind_parameter_index(q->st, name);
	if (idx == 0) {
		char msg[128];
		snprintf(msg, sizeof(msg), "unknown SQL parameter %s", name);
		q_failed(q, SQLITE_RANGE, msg);
	}
	return idx;
}

void dbq_bind_null(struct dbq *q, const char *name)
{
	int idx = param(q, name);
	if (idx)
		dbq_bind_null_at(q, idx);
}

void dbq_bind_text(struct dbq *q, const char *name, const char *s)
{
	int idx = param(q, name);
	if (idx)
		dbq_bind_text_at(q, idx, s);
}

void dbq_bind_int(struct dbq *q, const char *name, long long v)
{
	int idx = param(q, name);
	if (idx)
		dbq_bind_int_at(q, idx, v);
}

void dbq_bind_bool(struct dbq *q, const char *name, bool v)
{
	dbq_bind_int(q, name, v ? 1 : 0);
}

void dbq_bind_id(struct dbq *q, const char *name, ibis_id id)
{
	int idx = param(q, name);
	if (idx)
		dbq_bind_id_at(q, idx, id);
}

void dbq_bind_date(struct dbq *q, const char *name, ibis_date d)
{
	int idx = param(q, name);
	if (idx)
		dbq_bind_date_at(q, idx, d);
}

void dbq_bind_opt(struct dbq *q, const char *name, const char *s)
{
	dbq_bind_text(q, name, str_empty(s) ? NULL : s);
}

/* ------------------------------------------------------------ steps, rows */

int dbq_step(struct dbq *q)
{
	if (q->rc != SQLITE_OK)
		return q->rc;
	int rc = sqlite3_step(q->st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		q_failed(q, rc, sqlite3_errmsg(q->db->conn));
	return rc;
}

enum ibis_status dbq_fail(struct dbq *q, struct ibis_error *err)
{
	int rc = q->rc != SQLITE_OK ? q->rc : SQLITE_ERROR;
	return dbi_error(q->db, rc, q->sys_errno, q->detail, err);
}

enum ibis_status dbq_exec(struct dbq *q, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	int rc;
	while ((rc = dbq_step(q)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE)
		st = dbq_fail(q, err);
	dbq_finish(q);
	return st;
}

enum ibis_status dbq_one_int(struct dbq *q, long long *out, bool *found, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	bool got = false;
	int rc = dbq_step(q);
	if (rc == SQLITE_ROW) {
		if (!dbq_is_null(q, 0)) {
			*out = dbq_int(q, 0);
			got = true;
		}
	} else if (rc != SQLITE_DONE) {
		st = dbq_fail(q, err);
	}
	dbq_finish(q);
	if (found)
		*found = got;
	return st;
}

enum ibis_status dbq_one_text(struct dbq *q, char **out, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	int rc = dbq_step(q);
	*out = NULL;
	if (rc == SQLITE_ROW)
		*out = dbq_text(q, 0);
	else if (rc != SQLITE_DONE)
		st = dbq_fail(q, err);
	dbq_finish(q);
	return st;
}

bool dbq_is_null(struct dbq *q, int col)
{
	return sqlite3_column_type(q->st, col) == SQLITE_NULL;
}

char *dbq_text(struct dbq *q, int col)
{
	return xstrdup(dbq_text_ref(q, col));
}

const char *dbq_text_ref(struct dbq *q, int col)
{
	return (const char *)sqlite3_column_text(q->st, col);
}

long long dbq_int(struct dbq *q, int col)
{
	return sqlite3_column_int64(q->st, col);
}

int dbq_int_or(struct dbq *q, int col, int dflt)
{
	return dbq_is_null(q, col) ? dflt : sqlite3_column_int(q->st, col);
}

bool dbq_bool(struct dbq *q, int col)
{
	return sqlite3_column_int(q->st, col) != 0;
}

ibis_id dbq_id(struct dbq *q, int col)
{
	return (ibis_id)sqlite3_column_int64(q->st, col);
}

ibis_date dbq_date(struct dbq *q, int col)
{
	ibis_date d;
	const char *s = dbq_text_ref(q, col);
	return s && date_parse_iso(s, &d) ? d : DATE_NONE;
}

/* ================================================================== errors */

static enum ibis_status fault_status(enum ibis_dbfault f)
{
	return f == DBF_CONSTRAINT ? IBIS_EINPUT : IBIS_EDB;
}

enum ibis_status dbi_fail(struct ibis_error *err, enum ibis_dbfault fault, const char *fmt, ...)
{
	enum ibis_status status = fault_status(fault);
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof(err->message), fmt, ap);
		va_end(ap);
		err->status = status;
		err->fault = fault;
		err->detail[0] = '\0';
	}
	return status;
}

static const char MSG_LOCKED[] = "De database is bezet door een ander proces; probeer het zo opnieuw.";
static const char MSG_READONLY[] = "De database is alleen-lezen; er is niets opgeslagen.";
static const char MSG_FULL[] = "De schijf is vol; er is niets opgeslagen.";

/* The Dutch message of a refused write, by the kind of constraint. A trigger
 * of our schema raises its own Dutch text, which is then the message. */
static const char *constraint_message(int rc, const char *detail)
{
	switch (rc) {
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return "Een verwijzing klopt niet: het gekoppelde gegeven bestaat niet (meer).";
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return "Dit gegeven bestaat al.";
	case SQLITE_CONSTRAINT_NOTNULL:
		return "Een verplicht gegeven ontbreekt.";
	case SQLITE_CONSTRAINT_CHECK:
		return "Een waarde valt buiten wat is toegestaan.";
	case SQLITE_CONSTRAINT_DATATYPE:
		return "Een waarde heeft het verkeerde type.";
	case SQLITE_CONSTRAINT_TRIGGER:
		if (!str_empty(detail))
			return detail;
		break;
	default:
		break;
	}
	return "De database weigert deze wijziging.";
}

enum ibis_status dbi_error(struct db *db, int rc, int sys_errno, const char *detail,
			   struct ibis_error *err)
{
	const char *path = db && db->path ? db->path : "";
	enum ibis_status st;

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		st = dbi_fail(err, DBF_LOCKED, "%s", MSG_LOCKED);
		break;
	case SQLITE_READONLY:
		st = dbi_fail(err, DBF_READONLY, "%s", MSG_READONLY);
		break;
	case SQLITE_FULL:
		st = dbi_fail(err, DBF_FULL, "%s", MSG_FULL);
		break;
	case SQLITE_IOERR:
		if (sys_errno == ENOSPC || sys_errno == EDQUOT)
			st = dbi_fail(err, DBF_FULL, "%s", MSG_FULL);
		else
			st = dbi_fail(err, DBF_OTHER, "Lees- of schrijffout in de database %s.", path);
		break;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		st = dbi_fail(err, DBF_NOTADB, "De database %s is beschadigd.", path);
		break;
	case SQLITE_CONSTRAINT:
		st = dbi_fail(err, DBF_CONSTRAINT, "%s", constraint_message(rc, detail));
		break;
	case SQLITE_CANTOPEN:
		st = dbi_fail(err, DBF_OTHER, "De database %s kan niet worden geopend.", path);
		break;
	case SQLITE_PERM:
	case SQLITE_AUTH:
		st = dbi_fail(err, DBF_OTHER, "Geen toegang tot de database %s.", path);
		break;
	case SQLITE_NOMEM:
		st = dbi_fail(err, DBF_OTHER, "Onvoldoende geheugen voor de database.");
		break;
	default:
		st = dbi_fail(err, DBF_OTHER, "Er ging iets mis in de database %s.", path);
		break;
	}
	if (sys_errno && (rc & 0xff) == SQLITE_IOERR)
		ibis_detail(err, "%s (SQLite %d, %s)", str_empty(detail) ? sqlite3_errstr(rc) : detail,
			    rc, strerror(sys_errno));
	else
		ibis_detail(err, "%s (SQLite %d)", str_empty(detail) ? sqlite3_errstr(rc) : detail, rc);
	return st;
}

void dbi_message(struct ibis_error *err, const char *fmt, ...)
{
	if (!err)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
}

long long dbi_changes(struct db *db)
{
	return sqlite3_changes64(db->conn);
}

ibis_id dbi_last_id(struct db *db)
{
	return (ibis_id)sqlite3_last_insert_rowid(db->conn);
}

void *dbi_grow(void *a, int n, int *cap, size_t size)
{
	if (n < *cap)
		return a;
	*cap = *cap ? *cap * 2 : 8;
	return xrealloc(a, (size_t)*cap * size);
}

enum ibis_status dbi_writable(struct db *db, struct ibis_error *err)
{
	if (!db->readonly)
		return IBIS_OK;
	dbi_fail(err, DBF_READONLY, "%s", MSG_READONLY);
	ibis_detail(err, "%s is read-only opened", db->path);
	return IBIS_EDB;
}

enum ibis_status dbi_exec(struct db *db, const char *sql, struct ibis_error *err)
{
	struct dbq q;
	dbq_prepare(&q, db, sql);
	return dbq_exec(&q, err);
}

enum ibis_status dbi_read_rows(struct dbq *q, size_t size, dbi_row_reader *read,
			       dbi_rows_freer *free_rows, void **out, int *n,
			       struct ibis_error *err)
{
	char *a = NULL;
	int len = 0, cap = 0, rc;

	while ((rc = dbq_step(q)) == SQLITE_ROW) {
		a = dbi_grow(a, len, &cap, size);
		memset(a + (size_t)len * size, 0, size);
		read(q, a + (size_t)len * size);
		len++;
	}
	if (rc != SQLITE_DONE) {
		enum ibis_status st = dbq_fail(q, err);
		dbq_finish(q);
		if (free_rows)
			free_rows(a, len);
		else
			free(a);
		*out = NULL;
		*n = 0;
		return st;
	}
	dbq_finish(q);
	*out = a;
	*n = len;
	return IBIS_OK;
}

bool dbi_blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (!strchr(" \t\r\n\f\v", *s))
			return false;
	return true;
}

enum ibis_status dbi_year_check(int year, struct ibis_error *err)
{
	if (year < 1900 || year > 2199)
		return dbi_fail(err, DBF_CONSTRAINT,
				"Het schooljaar (%d) ligt niet tussen 1900 en 2199.", year);
	return IBIS_OK;
}

/* The conflict of dbi_changed and dbi_gone: msg, and the detail from fmt. */
static enum ibis_status conflict(struct ibis_error *err, const char *msg, const char *fmt,
				 va_list ap) __attribute__((format(printf, 3, 0)));
static enum ibis_status conflict(struct ibis_error *err, const char *msg, const char *fmt,
				 va_list ap)
{
	dbi_fail(err, DBF_CONFLICT, "%s", msg);
	if (err)
		vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
	return IBIS_EDB;
}

enum ibis_status dbi_changed(struct ibis_error *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	conflict(err, "Een collega heeft dit intussen gewijzigd; er is niets overschreven. "
		 "Bekijk het opnieuw.", fmt, ap);
	va_end(ap);
	return IBIS_EDB;
}

enum ibis_status dbi_gone(struct ibis_error *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	conflict(err, "Een collega heeft dit intussen verwijderd; er is niets overschreven. "
		 "Bekijk het opnieuw.", fmt, ap);
	va_end(ap);
	return IBIS_EDB;
}

/* ============================================================ write scopes */

static const char SQL_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_ROLLBACK[] = "ROLLBACK";
static const char SQL_SAVEPOINT[] = "SAVEPOINT ibis_write";
static const char SQL_RELEASE[] = "RELEASE ibis_write";
static const char SQL_ROLLBACK_TO[] = "ROLLBACK TO ibis_write";

/* Undo without a report: used on the way out of a failure already reported. */
static void quiet_exec(struct db *db, const char *sql)
{
	dbi_exec(db, sql, NULL);
}

enum ibis_status dbi_scope_begin(struct db *db, struct dbi_scope *s, struct ibis_error *err)
{
	enum ibis_status st;

	s->open = false;
	s->outer = sqlite3_get_autocommit(db->conn) != 0;
	st = dbi_exec(db, s->outer ? SQL_BEGIN : SQL_SAVEPOINT, err);
	if (st == IBIS_OK)
		s->open = true;
	return st;
}

enum ibis_status dbi_scope_commit(struct db *db, struct dbi_scope *s, struct ibis_error *err)
{
	enum ibis_status st;

	if (!s->open)
		return IBIS_OK;
	if (sqlite3_get_autocommit(db->conn)) {
		/* SQLite rolled the whole transaction back (after SQLITE_FULL,
		 * say) without the failing call being reported here. */
		s->open = false;
		return dbi_fail(err, DBF_OTHER,
				"De wijziging is afgebroken; er is niets opgeslagen.");
	}
	st = dbi_exec(db, s->outer ? SQL_COMMIT : SQL_RELEASE, err);
	if (st != IBIS_OK) {
		dbi_scope_rollback(db, s);
		return st;
	}
	s->open = false;
	return IBIS_OK;
}

void dbi_scope_rollback(struct db *db, struct dbi_scope *s)
{
	if (!s->open)
		return;
	s->open = false;
	if (sqlite3_get_autocommit(db->conn))
		return; /* already undone by SQLite */
	if (s->outer) {
		quiet_exec(db, SQL_ROLLBACK);
	} else {
		quiet_exec(db, SQL_ROLLBACK_TO);
		quiet_exec(db, SQL_RELEASE);
	}
}

/* ================================================================ opening */

static const char SQL_FOREIGN_KEYS[] = "PRAGMA foreign_keys = ON";
static const char SQL_QUERY_ONLY[] = "PRAGMA query_only = ON";
static const char SQL_WAL[] = "PRAGMA journal_mode = WAL";
static const char SQL_PROBE[] =
	"SELECT (SELECT count(*) FROM sqlite_schema),"
	" (SELECT user_version FROM pragma_user_version),"
	" (SELECT application_id FROM pragma_application_id)";

/* What the file says about itself before anything is written. */
struct probe {
	long long objects;  /* rows of sqlite_schema */
	long long version;  /* user_version */
	long long app_id;   /* application_id */
};

/* "file:" URI of path for SQLite, with the characters a URI gives a meaning
 * percent-encoded. Caller frees. */
static char *file_uri(const char *path, const char *query)
{
	struct strbuf sb = {0};
	sb_add(&sb, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7f)
			sb_printf(&sb, "%%%02X", *p);
		else
			sb_addc(&sb, (char)*p);
	}
	if (query) {
		sb_addc(&sb, '?');
		sb_add(&sb, query);
	}
	return sb_take(&sb);
}

static void disconnect(struct db *db)
{
	for (size_t i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].st);
	free(db->cache);
	db->cache = NULL;
	db->ncache = db->capcache = 0;
	if (db->conn)
		sqlite3_close_v2(db->conn);
	db->conn = NULL;
}

static enum ibis_status connect_file(struct db *db, bool immutable, int timeout_ms,
				struct ibis_error *err)
{
	int flags = SQLITE_OPEN_URI | (db->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
	/* No SQLITE_OPEN_CREATE: the file exists by now (db_open makes it with
	 * the right mode), so SQLite never creates one behind our back. */
	char *name = immutable ? file_uri(db->path, "immutable=1") : file_uri(db->path, NULL);
	int rc = sqlite3_open_v2(name, &db->conn, flags, NULL);
	free(name);
	if (rc != SQLITE_OK) {
		enum ibis_status st = dbi_error(db, rc, 0, db->conn ? sqlite3_errmsg(db->conn) : NULL,
						err);
		sqlite3_close_v2(db->conn);
		db->conn = NULL;
		return st;
	}
	sqlite3_extended_result_codes(db->conn, 1);
	sqlite3_busy_timeout(db->conn, timeout_ms);
	return dbi_exec(db, SQL_FOREIGN_KEYS, err);
}

static enum ibis_status probe(struct db *db, struct probe *pr, int *rc_out, struct ibis_error *err)
{
	struct dbq q;
	enum ibis_status st = IBIS_OK;

	*rc_out = SQLITE_OK;
	dbq_prepare(&q, db, SQL_PROBE);
	int rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		pr->objects = dbq_int(&q, 0);
		pr->version = dbq_int(&q, 1);
		pr->app_id = dbq_int(&q, 2);
	} else {
		*rc_out = q.rc;
		if ((q.rc & 0xff) == SQLITE_NOTADB) {
			st = dbi_fail(err, DBF_NOTADB, "%s is geen SQLite-database.", db->path);
			ibis_detail(err, "%s", q.detail);
		} else {
			st = dbq_fail(&q, err);
		}
	}
	dbq_finish(&q);
	return st;
}

/* SQLite's magic: the first 16 bytes of every database file. */
static const char SQLITE_MAGIC[16] = "SQLite format 3";

/* Read the first 100 bytes (the database header) ourselves: a file that is
 * not SQLite's is refused before SQLite ever opens it. An empty file is a new
 * database. *wal is set when the header says WAL mode. */
static enum ibis_status read_header(const char *path, bool *wal, struct ibis_error *err)
{
	unsigned char hdr[100];
	ssize_t n = 0, got;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	*wal = false;
	if (fd < 0) {
		dbi_fail(err, DBF_OTHER, "De database %s kan niet worden gelezen: %s.", path,
			 strerror(errno));
		return IBIS_EDB;
	}
	while (n < (ssize_t)sizeof(hdr) &&
	       (got = read(fd, hdr + n, sizeof(hdr) - (size_t)n)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			dbi_fail(err, DBF_OTHER, "De database %s kan niet worden gelezen: %s.", path,
				 strerror(e));
			return IBIS_EDB;
		}
		n += got;
	}
	close(fd);
	if (n == 0)
		return IBIS_OK;
	if (n < (ssize_t)sizeof(hdr) || memcmp(hdr, SQLITE_MAGIC, sizeof(SQLITE_MAGIC)) != 0)
		return dbi_fail(err, DBF_NOTADB, "%s is geen SQLite-database.", path);
	*wal = hdr[18] == 2 || hdr[19] == 2;
	return IBIS_OK;
}

/* Make a new, empty database file readable and writable by its owner only,
 * whatever the umask: the file holds personal data. *created tells whether
 * this call made it (another process may have been first). */
static enum ibis_status create_file(const char *path, bool *created, struct ibis_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	*created = false;
	if (fd < 0) {
		if (errno == EEXIST)
			return IBIS_OK;
		dbi_fail(err, DBF_OTHER, "De database %s kan niet worden gemaakt: %s.", path,
			 strerror(errno));
		return IBIS_EDB;
	}
	*created = true;
	if (fchmod(fd, 0600) != 0) {
		int e = errno;
		close(fd);
		unlink(path);
		*created = false;
		dbi_fail(err, DBF_OTHER, "De database %s kan niet worden gemaakt: %s.", path,
			 strerror(e));
		return IBIS_EDB;
	}
	close(fd);
	return IBIS_OK;
}

static void remove_created(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < ARRAY_LEN(suffixes); i++) {
		char *p = xasprintf("%s%s", path, suffixes[i]);
		unlink(p);
		free(p);
	}
}

/* Open the connection and read what the file says about itself, nothing
 * written yet. A read-only WAL database needs its -shm file: when that does
 * not exist and cannot be made (a folder we may not write to), SQLite cannot
 * read it. Then, and only for a file that nobody may write (no write bit at
 * all), it is opened as immutable, which skips the locking and the -shm
 * altogether; for a file someone else may write, that would risk reading it
 * half-changed, so it is refused instead. */
static enum ibis_status open_and_probe(struct db *db, const struct stat *sb, bool wal,
				       int timeout_ms, struct probe *pr, struct ibis_error *err)
{
	enum ibis_status st;
	int rc;

	if ((st = connect_file(db, false, timeout_ms, err)) != IBIS_OK)
		return st;
	st = probe(db, pr, &rc, err);
	if (st == IBIS_OK || !db->readonly || !wal)
		return st;
	if ((rc & 0xff) != SQLITE_CANTOPEN && (rc & 0xff) != SQLITE_READONLY)
		return st;
	if ((sb->st_mode & 0222) != 0) {
		dbi_fail(err, DBF_READONLY,
			 "De database %s kan alleen-lezen niet worden geopend: het bestand %s-shm "
			 "ontbreekt en mag hier niet worden gemaakt.",
			 db->path, db->path);
		return IBIS_EDB;
	}
	disconnect(db);
	if ((st = connect_file(db, true, timeout_ms, err)) != IBIS_OK)
		return st;
	return probe(db, pr, &rc, err);
}

/* Decide from the probe whether this is an ibis database we can use, and
 * bring it up to date. */
static enum ibis_status check_and_migrate(struct db *db, const struct probe *pr,
					  enum db_mode mode, struct ibis_error *err)
{
	int target = dbi_schema_version();

	if (pr->objects == 0 && pr->version == 0) {
		if (mode == DB_EXISTING)
			return dbi_fail(err, DBF_MISSING,
					"Database %s is leeg. Maak er een met ‘ibis init’ of "
					"‘ibis demo’.",
					db->path);
		if (db->readonly)
			return dbi_fail(err, DBF_READONLY,
					"Database %s is leeg en alleen-lezen; er is niets "
					"opgeslagen.",
					db->path);
		return dbi_migrate(db, 0, err);
	}
	if (pr->version == 0 || pr->app_id != DBI_APPLICATION_ID) {
		dbi_fail(err, DBF_NOTADB, "%s is geen ibis-database.", db->path);
		ibis_detail(err, "user_version %lld, application_id %lld", pr->version,
			    pr->app_id);
		return IBIS_EDB;
	}
	if (pr->version > target)
		return dbi_fail(err, DBF_NEWER,
				"%s is gemaakt door een nieuwere versie van ibis (schema %lld, "
				"deze versie kent %d). Werk ibis bij.",
				db->path, pr->version, target);
	if (pr->version < target) {
		if (db->readonly)
			return dbi_fail(err, DBF_READONLY,
					"%s heeft een ouder schema (%lld) en is alleen-lezen; open "
					"hem eenmaal met schrijfrechten om hem bij te werken.",
					db->path, pr->version);
		return dbi_migrate(db, (int)pr->version, err);
	}
	return IBIS_OK;
}

enum ibis_status db_open(struct db **out, const struct db_options *opt, struct ibis_error *err)
{
	enum ibis_status st;
	struct probe pr = {0};
	struct stat sb;
	bool created = false, wal;
	struct db *db;
	char *dir;
	int timeout_ms;

	*out = NULL;
	if (!opt || str_empty(opt->path))
		return dbi_fail(err, DBF_MISSING, "Er is geen database opgegeven.");
	timeout_ms = opt->busy_timeout_ms > 0 ? opt->busy_timeout_ms : 5000;

	dir = path_dirname(opt->path);
	if (!path_is_dir(dir)) {
		st = dbi_fail(err, DBF_MISSING, "De map %s bestaat niet.", dir);
		free(dir);
		return st;
	}
	if (stat(opt->path, &sb) != 0) {
		if (errno != ENOENT) {
			st = dbi_fail(err, DBF_OTHER, "De database %s kan niet worden gelezen: %s.",
				      opt->path, strerror(errno));
			free(dir);
			return st;
		}
		if (opt->mode == DB_EXISTING || opt->readonly) {
			free(dir);
			return dbi_fail(err, DBF_MISSING,
					"Database %s bestaat niet. Maak er een met ‘ibis init’ of "
					"‘ibis demo’.",
					opt->path);
		}
		if ((st = create_file(opt->path, &created, err)) != IBIS_OK ||
		    (stat(opt->path, &sb) != 0 &&
		     (st = dbi_fail(err, DBF_OTHER, "De database %s kan niet worden gelezen: %s.",
				    opt->path, strerror(errno))) != IBIS_OK)) {
			free(dir);
			return st;
		}
	}
	if (!S_ISREG(sb.st_mode)) {
		free(dir);
		return dbi_fail(err, DBF_NOTADB, "%s is geen bestand.", opt->path);
	}
	if ((st = read_header(opt->path, &wal, err)) != IBIS_OK) {
		free(dir);
		return st;
	}

	db = xcalloc(1, sizeof(*db));
	db->path = xstrdup(opt->path);
	/* Writing needs the file and, for the journal or the WAL files beside
	 * it, the folder: without either, open read-only now rather than fail
	 * at the first save. */
	db->readonly = opt->readonly || access(opt->path, W_OK) != 0 || access(dir, W_OK) != 0;
	free(dir);

	if ((st = open_and_probe(db, &sb, wal, timeout_ms, &pr, err)) != IBIS_OK ||
	    (st = check_and_migrate(db, &pr, opt->mode, err)) != IBIS_OK)
		goto fail;
	if (db->readonly) {
		if ((st = dbi_exec(db, SQL_QUERY_ONLY, err)) != IBIS_OK)
			goto fail;
	} else {
		/* Not a reason to refuse the database: the switch needs every
		 * other connection gone when the file is still in rollback mode
		 * (then the next open switches), and a file system without
		 * shared memory keeps the old mode, which works, only without
		 * readers beside a writer. */
		dbi_exec(db, SQL_WAL, NULL);
	}
	*out = db;
	return IBIS_OK;
fail:
	disconnect(db);
	if (created)
		remove_created(db->path);
	free(db->path);
	free(db);
	return st;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	if (db->conn && !sqlite3_get_autocommit(db->conn))
		quiet_exec(db, SQL_ROLLBACK);
	disconnect(db);
	free(db->path);
	free(db);
}

const char *db_path(const struct db *db)
{
	return db->path;
}

bool db_readonly(const struct db *db)
{
	return db->readonly;
}

/* ============================================================ transactions */

enum ibis_status db_begin(struct db *db, struct ibis_error *err)
{
	enum ibis_status st;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	if (db->in_txn || !sqlite3_get_autocommit(db->conn))
		return dbi_fail(err, DBF_OTHER, "Er loopt al een transactie op deze database.");
	if ((st = dbi_exec(db, SQL_BEGIN, err)) != IBIS_OK)
		return st;
	db->in_txn = true;
	return IBIS_OK;
}

enum ibis_status db_commit(struct db *db, struct ibis_error *err)
{
	enum ibis_status st;

	if (!db->in_txn)
		return dbi_fail(err, DBF_OTHER, "Er loopt geen transactie op deze database.");
	db->in_txn = false;
	if (sqlite3_get_autocommit(db->conn))
		return dbi_fail(err, DBF_OTHER,
				"De wijzigingen zijn afgebroken; er is niets opgeslagen.");
	if ((st = dbi_exec(db, SQL_COMMIT, err)) != IBIS_OK)
		quiet_exec(db, SQL_ROLLBACK);
	return st;
}

void db_rollback(struct db *db)
{
	if (!db)
		return;
	db->in_txn = false;
	if (db->conn && !sqlite3_get_autocommit(db->conn))
		quiet_exec(db, SQL_ROLLBACK);
}

/* ================================================================= checks */

static const char SQL_INTEGRITY[] = "PRAGMA integrity_check";
static const char SQL_FK_CHECK[] = "PRAGMA foreign_key_check";
static const char SQL_TABLE_EXISTS[] =
	"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = :name";

enum ibis_status db_check(struct db *db, struct strlist *problems, struct ibis_error *err)
{
	enum ibis_status st;
	struct probe pr = {0};
	struct dbq q;
	int rc;

	dbq_prepare(&q, db, SQL_INTEGRITY);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		const char *s = dbq_text_ref(&q, 0);
		if (s && strcmp(s, "ok") != 0)
			sl_addf(problems, "Beschadigd: %s", s);
	}
	if (rc != SQLITE_DONE) {
		st = dbq_fail(&q, err);
		dbq_finish(&q);
		return st;
	}
	dbq_finish(&q);

	dbq_prepare(&q, db, SQL_FK_CHECK);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		const char *table = dbq_text_ref(&q, 0);
		const char *parent = dbq_text_ref(&q, 2);
		sl_addf(problems, "Tabel %s, rij %lld: verwijst naar een rij van %s die niet bestaat.",
			table ? table : "?", dbq_int(&q, 1), parent ? parent : "?");
	}
	if (rc != SQLITE_DONE) {
		st = dbq_fail(&q, err);
		dbq_finish(&q);
		return st;
	}
	dbq_finish(&q);

	if ((st = probe(db, &pr, &rc, err)) != IBIS_OK)
		return st;
	if (pr.version != dbi_schema_version())
		sl_addf(problems, "Schemaversie %lld; deze versie van ibis verwacht %d.", pr.version,
			dbi_schema_version());
	if (pr.app_id != DBI_APPLICATION_ID)
		sl_addf(problems, "Het bestand is niet als ibis-database gemerkt (application_id %lld).",
			pr.app_id);
	for (size_t i = 0; i < dbi_ntables; i++) {
		long long n = 0;
		dbq_prepare(&q, db, SQL_TABLE_EXISTS);
		dbq_bind_text(&q, ":name", dbi_tables[i]);
		if ((st = dbq_one_int(&q, &n, NULL, err)) != IBIS_OK)
			return st;
		if (n == 0)
			sl_addf(problems, "Tabel %s ontbreekt.", dbi_tables[i]);
	}
	return IBIS_OK;
}

long long db_count_rows(struct db *db, const char *table)
{
	const char *sql = dbi_count_sql(table);
	long long n = -1;
	struct dbq q;

	if (!sql)
		return -1;
	dbq_prepare(&q, db, sql);
	if (dbq_one_int(&q, &n, NULL, NULL) != IBIS_OK)
		return -1;
	return n;
}

long long db_set_max_pages(struct db *db, long long pages)
{
	char sql[64];
	struct dbq q;
	long long now = -1;

	/* PRAGMA takes no parameters, and this text is not static, so it is
	 * prepared privately; an integer cannot smuggle SQL in. */
	snprintf(sql, sizeof(sql), "PRAGMA max_page_count = %lld", pages);
	memset(&q, 0, sizeof(q));
	q.db = db;
	q.slot = -1;
	int rc = sqlite3_prepare_v2(db->conn, sql, -1, &q.st, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(q.st);
		return -1;
	}
	dbq_one_int(&q, &now, NULL, NULL);
	return now;
}
