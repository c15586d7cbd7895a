/* level.c - level episodes: where a pupil stands, since when, why.
 *
 * Episodes of a pupil never overlap: a new one closes the open one at its own
 * start. The partial unique index level_episodes_open keeps at most one open
 * episode per pupil even if two processes raced past the checks here (the
 * loser's insert fails as a constraint and its savepoint is undone).
 */
#include <string.h>

#include "db_internal.h"
#include "ibis/db_level.h"
#include "ibis/util.h"

#define EPISODE_COLS                                                                    \
	"id, pupil_id, model, level, start_date, end_date, reason, meeting, meeting_id," \
	" regie, betrokkenen, author, corrects, version"
static const char SQL_LEVEL_OPEN[] =
	"SELECT id, start_date FROM level_episodes WHERE pupil_id = :pupil AND end_date IS NULL";
static const char SQL_LEVEL_LAST_END[] =
	"SELECT max(end_date) FROM level_episodes WHERE pupil_id = :pupil";
static const char SQL_LEVEL_CLOSE[] =
	"UPDATE level_episodes SET end_date = :end, version = version + 1 WHERE id = :id";
static const char SQL_LEVEL_INSERT[] =
	"INSERT INTO level_episodes (pupil_id, model, level, start_date, end_date, reason,"
	" meeting, meeting_id, regie, betrokkenen, author, corrects)"
	" VALUES (:pupil, :model, :level, :start, :end, :reason, :meeting, :meeting_id, :regie,"
	" :betrokkenen, :author, :corrects)";
static const char SQL_LEVEL_HISTORY[] =
	"SELECT " EPISODE_COLS " FROM level_episodes WHERE pupil_id = :pupil"
	" ORDER BY start_date, id";
static const char SQL_LEVEL_CURRENT[] =
	"SELECT " EPISODE_COLS " FROM level_episodes WHERE pupil_id = :pupil"
	" AND end_date IS NULL";

static void episode_read(struct dbq *q, struct level_episode *e)
{
	e->id = dbq_id(q, 0);
	e->pupil_id = dbq_id(q, 1);
	e->model = dbq_text(q, 2);
	e->level = (int)dbq_int(q, 3);
	e->start = dbq_date(q, 4);
	e->end = dbq_date(q, 5);
	e->reason = dbq_text(q, 6);
	e->meeting = dbq_text(q, 7);
	e->meeting_id = dbq_id(q, 8);
	e->regie = dbq_text(q, 9);
	e->betrokkenen = dbq_text(q, 10);
	e->author = dbq_text(q, 11);
	e->corrects = dbq_id(q, 12);
	e->version = (int)dbq_int(q, 13);
}

/* Inside the write scope: check the new start against the pupil's episodes
 * and close the open one. */
static enum ibis_status close_open(struct db *db, const struct level_episode *e,
				   struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	char when[DATE_NL_LEN];
	ibis_id open_id = 0;
	ibis_date open_start = DATE_NONE, last_end = DATE_NONE;
	struct dbq q;
	int rc;

	dbq_prepare(&q, db, SQL_LEVEL_OPEN);
	dbq_bind_id(&q, ":pupil", e->pupil_id);
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		open_id = dbq_id(&q, 0);
		open_start = dbq_date(&q, 1);
	} else if (rc != SQLITE_DONE) {
		st = dbq_fail(&q, err);
	}
	dbq_finish(&q);
	if (st != IBIS_OK)
		return st;

	if (open_id) {
		if (e->start < open_start)
			return dbi_fail(err, DBF_CONSTRAINT,
					"Het nieuwe niveau kan niet eerder beginnen dan het huidige "
					"(sinds %s).",
					date_format_nl(open_start, when));
		dbq_prepare(&q, db, SQL_LEVEL_CLOSE);
		dbq_bind_date(&q, ":end", e->start);
		dbq_bind_id(&q, ":id", open_id);
		return dbq_exec(&q, err);
	}

	/* No open episode (the last one was closed, say when the pupil left):
	 * the new one may not reach back into the closed ones. */
	dbq_prepare(&q, db, SQL_LEVEL_LAST_END);
	dbq_bind_id(&q, ":pupil", e->pupil_id);
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW)
		last_end = dbq_date(&q, 0);
	else if (rc != SQLITE_DONE)
		st = dbq_fail(&q, err);
	dbq_finish(&q);
	if (st == IBIS_OK && last_end != DATE_NONE && e->start < last_end)
		st = dbi_fail(err, DBF_CONSTRAINT,
			      "Het nieuwe niveau kan niet beginnen vóór het einde van het vorige "
			      "(%s).",
			      date_format_nl(last_end, when));
	return st;
}

enum ibis_status db_level_insert(struct db *db, struct level_episode *e, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbi_scope scope;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	if (e->start == DATE_NONE)
		return dbi_fail(err, DBF_CONSTRAINT, "Een niveau heeft een begindatum nodig.");
	if ((st = dbi_scope_begin(db, &scope, err)) != IBIS_OK)
		return st;
	if ((st = close_open(db, e, err)) != IBIS_OK)
		goto fail;

	dbq_prepare(&q, db, SQL_LEVEL_INSERT);
	dbq_bind_id(&q, ":pupil", e->pupil_id);
	dbq_bind_opt(&q, ":model", e->model);
	dbq_bind_int(&q, ":level", e->level);
	dbq_bind_date(&q, ":start", e->start);
	dbq_bind_date(&q, ":end", e->end);
	dbq_bind_opt(&q, ":reason", e->reason);
	dbq_bind_opt(&q, ":meeting", e->meeting);
	dbq_bind_id(&q, ":meeting_id", e->meeting_id);
	dbq_bind_opt(&q, ":regie", e->regie);
	dbq_bind_opt(&q, ":betrokkenen", e->betrokkenen);
	dbq_bind_opt(&q, ":author", e->author);
	dbq_bind_id(&q, ":corrects", e->corrects);
	if ((st = dbq_exec(&q, err)) != IBIS_OK) {
		if (q.rc == SQLITE_CONSTRAINT_CHECK && (e->level < 1 || e->level > 9))
			dbi_message(err, "Niveau %d bestaat niet; een niveau is 1 tot en met 9.",
				    e->level);
		else if (q.rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			dbi_message(err, "Leerling %lld (of de genoemde bespreking) bestaat niet.",
				    (long long)e->pupil_id);
		goto fail;
	}
	ibis_id id = dbi_last_id(db);
	if ((st = dbi_scope_commit(db, &scope, err)) != IBIS_OK)
		return st;
	e->id = id;
	e->version = 1;
	return IBIS_OK;
fail:
	dbi_scope_rollback(db, &scope);
	return st;
}

enum ibis_status db_level_history(struct db *db, ibis_id pupil_id, struct level_episode **out,
				  int *n, struct ibis_error *err)
{
	struct level_episode *a = NULL;
	int len = 0, cap = 0, rc;
	struct dbq q;

	dbq_prepare(&q, db, SQL_LEVEL_HISTORY);
	dbq_bind_id(&q, ":pupil", pupil_id);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		a = dbi_grow(a, len, &cap, sizeof(*a));
		memset(&a[len], 0, sizeof(*a));
		episode_read(&q, &a[len++]);
	}
	if (rc != SQLITE_DONE) {
		enum ibis_status st = dbq_fail(&q, err);
		dbq_finish(&q);
		level_episodes_free(a, len);
		*out = NULL;
		*n = 0;
		return st;
	}
	dbq_finish(&q);
	*out = a;
	*n = len;
	return IBIS_OK;
}

enum ibis_status db_level_current(struct db *db, ibis_id pupil_id, struct level_episode *out,
				  bool *found, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct dbq q;
	int rc;

	level_episode_clear(out);
	*found = false;
	dbq_prepare(&q, db, SQL_LEVEL_CURRENT);
	dbq_bind_id(&q, ":pupil", pupil_id);
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		episode_read(&q, out);
		*found = true;
	} else if (rc != SQLITE_DONE) {
		st = dbq_fail(&q, err);
	}
	dbq_finish(&q);
	return st;
}
