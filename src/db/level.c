/* level.c - level episodes: where a pupil stands, since when, why.
 *
 * Episodes of a pupil never overlap: a new one closes the open one at its own
 * start. The partial unique index level_episodes_open keeps at most one open
 * episode per pupil even if two processes raced past the checks here (the
 * loser's insert fails as a constraint and its savepoint is undone).
 *
 * Also here: corrections and withdrawals (with their record in
 * level_corrections), the pupils that do not fit a model and the remap onto
 * another, the facts the level rules ask of a pupil, and archiving with the
 * step to a placement level.
 */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "ibis/db_level.h"
#include "ibis/db_pupil.h"
#include "ibis/text.h"
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

/* Inside a write scope: close the pupil's open episode at e->start and
 * insert e; *id receives the new row's id. Shared by db_level_insert, the
 * remap and the archive, which each own the scope around it. */
static enum ibis_status episode_add(struct db *db, const struct level_episode *e, ibis_id *id,
				    struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = close_open(db, e, err)) != IBIS_OK)
		return st;
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
		return st;
	}
	*id = dbi_last_id(db);
	return IBIS_OK;
}

enum ibis_status db_level_insert(struct db *db, struct level_episode *e, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbi_scope scope;
	ibis_id id = 0;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	if (e->start == DATE_NONE)
		return dbi_fail(err, DBF_CONSTRAINT, "Een niveau heeft een begindatum nodig.");
	if ((st = dbi_scope_begin(db, &scope, err)) != IBIS_OK)
		return st;
	if ((st = episode_add(db, e, &id, err)) != IBIS_OK) {
		dbi_scope_rollback(db, &scope);
		return st;
	}
	if ((st = dbi_scope_commit(db, &scope, err)) != IBIS_OK)
		return st;
	e->id = id;
	e->version = 1;
	return IBIS_OK;
}

static void episode_row(struct dbq *q, void *row)
{
	episode_read(q, row);
}

static void episodes_free(void *rows, int n)
{
	level_episodes_free(rows, n);
}

enum ibis_status db_level_history(struct db *db, ibis_id pupil_id, struct level_episode **out,
				  int *n, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;
	void *rows;

	dbq_prepare(&q, db, SQL_LEVEL_HISTORY);
	dbq_bind_id(&q, ":pupil", pupil_id);
	st = dbi_read_rows(&q, sizeof(**out), episode_row, episodes_free, &rows, n, err);
	*out = rows;
	return st;
}

/* The one episode sql (with one parameter, name, bound to id) finds. */
static enum ibis_status episode_one(struct db *db, const char *sql, const char *name, ibis_id id,
				    struct level_episode *out, bool *found,
				    struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct dbq q;
	int rc;

	level_episode_clear(out);
	*found = false;
	dbq_prepare(&q, db, sql);
	dbq_bind_id(&q, name, id);
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

enum ibis_status db_level_current(struct db *db, ibis_id pupil_id, struct level_episode *out,
				  bool *found, struct ibis_error *err)
{
	return episode_one(db, SQL_LEVEL_CURRENT, ":pupil", pupil_id, out, found, err);
}

/* ============================================================ corrections */

/* A correction rewrites the episode row in place (so that the open episode
 * stays the current level and every list query keeps working) and keeps the
 * old values in level_corrections; see schema.c, version 3. */

static const char SQL_LEVEL_GET[] =
	"SELECT " EPISODE_COLS " FROM level_episodes WHERE id = :id";
/* The episode before (start_date, id) of the same pupil. */
static const char SQL_LEVEL_PREV[] =
	"SELECT id, start_date, end_date FROM level_episodes WHERE pupil_id = :pupil"
	" AND (start_date < :start OR (start_date = :start AND id < :id))"
	" ORDER BY start_date DESC, id DESC LIMIT 1";
static const char SQL_LEVEL_NEWEST[] =
	"SELECT id FROM level_episodes WHERE pupil_id = :pupil"
	" ORDER BY start_date DESC, id DESC LIMIT 1";
static const char SQL_LEVEL_FIX[] =
	"UPDATE level_episodes SET level = :level, start_date = :start, reason = :reason,"
	" meeting = :meeting, regie = :regie, betrokkenen = :betrokkenen,"
	" version = version + 1"
	" WHERE id = :id AND version = :version";
static const char SQL_LEVEL_DELETE[] =
	"DELETE FROM level_episodes WHERE id = :id AND version = :version";
static const char SQL_CORRECTION_INSERT[] =
	"INSERT INTO level_corrections (pupil_id, episode_id, action, corrected_on, author, why,"
	" old_id, old_model, old_level, old_start, old_end, old_reason, old_meeting, old_regie,"
	" old_betrokkenen)"
	" VALUES (:pupil, :episode, :action, :on, :author, :why, :old_id, :model, :level, :start,"
	" :end, :reason, :meeting, :regie, :betrokkenen)";
static const char SQL_CORRECTION_LIST[] =
	"SELECT id, pupil_id, episode_id, action, corrected_on, author, why, old_model,"
	" old_level, old_start, old_end, old_reason, old_meeting, old_regie, old_betrokkenen,"
	" old_id FROM level_corrections WHERE pupil_id = :pupil ORDER BY corrected_on, id";

static const char MSG_EPISODE_CONFLICT[] =
	"Iemand anders heeft dit niveau intussen gewijzigd; bekijk het opnieuw.";

/* NULL and "" are the same absent text. */
static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* The reason of a correction, trimmed; NULL (and err set) when there is none.
 * Caller frees. */
static char *correction_why(const char *why, struct ibis_error *err)
{
	char *t = str_trim(why);
	if (*t)
		return t;
	free(t);
	dbi_fail(err, DBF_CONSTRAINT, "Geef aan waarom het niveau wordt gecorrigeerd.");
	return NULL;
}

/* Inside the scope: read episode id as the user started from (version):
 * gone is bad input, another version is a conflict. */
static enum ibis_status episode_for_change(struct db *db, ibis_id id, int version,
					   struct level_episode *out, struct ibis_error *err)
{
	enum ibis_status st;
	bool found;

	if ((st = db_level_get(db, id, out, &found, err)) != IBIS_OK)
		return st;
	if (!found)
		return ibis_fail(err, IBIS_EINPUT, "Niveauperiode %lld bestaat niet (meer).",
				 (long long)id);
	if (out->version != version) {
		dbi_fail(err, DBF_CONFLICT, "%s", MSG_EPISODE_CONFLICT);
		ibis_detail(err, "level_episodes.id %lld is at version %d, not %d", (long long)id,
			    out->version, version);
		return IBIS_EDB;
	}
	return IBIS_OK;
}

/* Inside the scope: the episode before e (by start date); *found false when
 * e is the pupil's first. */
static enum ibis_status episode_prev(struct db *db, const struct level_episode *e, ibis_id *id,
				     ibis_date *start, ibis_date *end, bool *found,
				     struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct dbq q;
	int rc;

	*found = false;
	dbq_prepare(&q, db, SQL_LEVEL_PREV);
	dbq_bind_id(&q, ":pupil", e->pupil_id);
	dbq_bind_date(&q, ":start", e->start);
	dbq_bind_int(&q, ":id", e->id);
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		*id = dbq_id(&q, 0);
		*start = dbq_date(&q, 1);
		*end = dbq_date(&q, 2);
		*found = true;
	} else if (rc != SQLITE_DONE) {
		st = dbq_fail(&q, err);
	}
	dbq_finish(&q);
	return st;
}

/* Set the end of episode id (DATE_NONE: open). */
static enum ibis_status episode_set_end(struct db *db, ibis_id id, ibis_date end,
					struct ibis_error *err)
{
	struct dbq q;

	dbq_prepare(&q, db, SQL_LEVEL_CLOSE);
	dbq_bind_date(&q, ":end", end);
	dbq_bind_id(&q, ":id", id);
	return dbq_exec(&q, err);
}

static enum ibis_status correction_insert(struct db *db, const struct level_episode *old,
					  enum correction_action action, ibis_date on,
					  const char *author, const char *why,
					  struct ibis_error *err)
{
	struct dbq q;

	dbq_prepare(&q, db, SQL_CORRECTION_INSERT);
	dbq_bind_id(&q, ":pupil", old->pupil_id);
	dbq_bind_id(&q, ":episode", action == CORRECTION_WITHDRAWN ? 0 : old->id);
	dbq_bind_text(&q, ":action", correction_action_name(action));
	dbq_bind_date(&q, ":on", on);
	dbq_bind_opt(&q, ":author", author);
	dbq_bind_text(&q, ":why", why);
	dbq_bind_id(&q, ":old_id", old->id);
	dbq_bind_text(&q, ":model", old->model);
	dbq_bind_int(&q, ":level", old->level);
	dbq_bind_date(&q, ":start", old->start);
	dbq_bind_date(&q, ":end", old->end);
	dbq_bind_opt(&q, ":reason", old->reason);
	dbq_bind_opt(&q, ":meeting", old->meeting);
	dbq_bind_opt(&q, ":regie", old->regie);
	dbq_bind_opt(&q, ":betrokkenen", old->betrokkenen);
	return dbq_exec(&q, err);
}

/* Inside the scope: a new start of episode old moves the end of the episode
 * before it along, within that one's start and old's own end. */
static enum ibis_status move_start(struct db *db, const struct level_episode *old,
				   ibis_date start, struct ibis_error *err)
{
	enum ibis_status st;
	char a[DATE_NL_LEN], b[DATE_NL_LEN];
	ibis_id prev_id = 0;
	ibis_date prev_start = DATE_NONE, prev_end = DATE_NONE;
	bool found;

	if (old->end != DATE_NONE && start > old->end)
		return dbi_fail(err, DBF_CONSTRAINT,
				"De begindatum (%s) kan niet na het einde van dit niveau (%s) "
				"liggen.",
				date_format_nl(start, a), date_format_nl(old->end, b));
	if ((st = episode_prev(db, old, &prev_id, &prev_start, &prev_end, &found, err)) != IBIS_OK)
		return st;
	if (!found)
		return IBIS_OK;
	if (start < prev_start)
		return dbi_fail(err, DBF_CONSTRAINT,
				"De begindatum (%s) kan niet voor het begin van het vorige niveau "
				"(%s) liggen.",
				date_format_nl(start, a), date_format_nl(prev_start, b));
	if (prev_end == old->start)
		return episode_set_end(db, prev_id, start, err);
	/* A gap before this episode (the previous one ended earlier): it stays,
	 * but the new start may not reach into the previous episode. */
	if (prev_end != DATE_NONE && start < prev_end)
		return dbi_fail(err, DBF_CONSTRAINT,
				"De begindatum (%s) kan niet voor het einde van het vorige niveau "
				"(%s) liggen.",
				date_format_nl(start, a), date_format_nl(prev_end, b));
	return IBIS_OK;
}

enum ibis_status db_level_correct(struct db *db, struct level_episode *fixed, const char *why,
				  const char *author, ibis_date on, struct ibis_error *err)
{
	enum ibis_status st;
	struct level_episode old = {0};
	struct dbi_scope scope;
	struct dbq q;
	char *reason;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	if (fixed->level < 1 || fixed->level > 9)
		return dbi_fail(err, DBF_CONSTRAINT,
				"Niveau %d bestaat niet; een niveau is 1 tot en met 9.", fixed->level);
	if (fixed->start == DATE_NONE)
		return dbi_fail(err, DBF_CONSTRAINT, "Een niveau heeft een begindatum nodig.");
	if (!(reason = correction_why(why, err)))
		return IBIS_EINPUT;
	if (on == DATE_NONE)
		on = date_today();
	if ((st = dbi_scope_begin(db, &scope, err)) != IBIS_OK)
		goto out;
	if ((st = episode_for_change(db, fixed->id, fixed->version, &old, err)) != IBIS_OK)
		goto fail;
	if (old.level == fixed->level && old.start == fixed->start &&
	    same_text(old.reason, fixed->reason) && same_text(old.meeting, fixed->meeting) &&
	    same_text(old.regie, fixed->regie) && same_text(old.betrokkenen, fixed->betrokkenen)) {
		st = dbi_fail(err, DBF_CONSTRAINT, "Er is niets gewijzigd aan dit niveau.");
		goto fail;
	}
	if (fixed->start != old.start && (st = move_start(db, &old, fixed->start, err)) != IBIS_OK)
		goto fail;
	if ((st = correction_insert(db, &old, CORRECTION_CHANGED, on, author, reason, err)) !=
	    IBIS_OK)
		goto fail;
	dbq_prepare(&q, db, SQL_LEVEL_FIX);
	dbq_bind_int(&q, ":level", fixed->level);
	dbq_bind_date(&q, ":start", fixed->start);
	dbq_bind_opt(&q, ":reason", fixed->reason);
	dbq_bind_opt(&q, ":meeting", fixed->meeting);
	dbq_bind_opt(&q, ":regie", fixed->regie);
	dbq_bind_opt(&q, ":betrokkenen", fixed->betrokkenen);
	dbq_bind_id(&q, ":id", fixed->id);
	dbq_bind_int(&q, ":version", fixed->version);
	if ((st = dbq_exec(&q, err)) != IBIS_OK)
		goto fail;
	if (dbi_changes(db) != 1) { /* cannot happen under the write lock; never half */
		st = dbi_fail(err, DBF_CONFLICT, "%s", MSG_EPISODE_CONFLICT);
		goto fail;
	}
	if ((st = dbi_scope_commit(db, &scope, err)) != IBIS_OK)
		goto out;
	fixed->version = old.version + 1;
	goto out;
fail:
	dbi_scope_rollback(db, &scope);
out:
	level_episode_clear(&old);
	free(reason);
	return st;
}

enum ibis_status db_level_withdraw(struct db *db, ibis_id episode_id, int version,
				   const char *why, const char *author, ibis_date on,
				   struct ibis_error *err)
{
	enum ibis_status st;
	struct level_episode old = {0};
	struct dbi_scope scope;
	struct dbq q;
	long long newest = 0;
	ibis_id prev_id = 0;
	ibis_date prev_start = DATE_NONE, prev_end = DATE_NONE;
	bool has_prev = false;
	char *reason;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	if (!(reason = correction_why(why, err)))
		return IBIS_EINPUT;
	if (on == DATE_NONE)
		on = date_today();
	if ((st = dbi_scope_begin(db, &scope, err)) != IBIS_OK)
		goto out;
	if ((st = episode_for_change(db, episode_id, version, &old, err)) != IBIS_OK)
		goto fail;
	dbq_prepare(&q, db, SQL_LEVEL_NEWEST);
	dbq_bind_id(&q, ":pupil", old.pupil_id);
	if ((st = dbq_one_int(&q, &newest, NULL, err)) != IBIS_OK)
		goto fail;
	if (newest != episode_id) {
		st = dbi_fail(err, DBF_CONSTRAINT,
			      "Alleen het laatste niveau van een leerling kan worden ingetrokken; "
			      "corrigeer een eerder niveau in plaats daarvan.");
		goto fail;
	}
	if ((st = episode_prev(db, &old, &prev_id, &prev_start, &prev_end, &has_prev, err)) !=
	    IBIS_OK)
		goto fail;
	if ((st = correction_insert(db, &old, CORRECTION_WITHDRAWN, on, author, reason, err)) !=
	    IBIS_OK)
		goto fail;
	/* Delete before reopening the previous one: the unique index allows one
	 * open episode per pupil at any moment. */
	dbq_prepare(&q, db, SQL_LEVEL_DELETE);
	dbq_bind_id(&q, ":id", episode_id);
	dbq_bind_int(&q, ":version", version);
	if ((st = dbq_exec(&q, err)) != IBIS_OK)
		goto fail;
	if (has_prev && (st = episode_set_end(db, prev_id, old.end, err)) != IBIS_OK)
		goto fail;
	st = dbi_scope_commit(db, &scope, err);
	goto out;
fail:
	dbi_scope_rollback(db, &scope);
out:
	level_episode_clear(&old);
	free(reason);
	return st;
}

static void correction_read(struct dbq *q, void *row)
{
	struct level_correction *c = row;

	c->id = dbq_id(q, 0);
	c->pupil_id = dbq_id(q, 1);
	c->episode_id = dbq_id(q, 2);
	if (!correction_action_parse(dbq_text_ref(q, 3), &c->action))
		c->action = CORRECTION_CHANGED;
	c->on = dbq_date(q, 4);
	c->author = dbq_text(q, 5);
	c->why = dbq_text(q, 6);
	c->old.id = dbq_id(q, 15);
	c->old.pupil_id = c->pupil_id;
	c->old.model = dbq_text(q, 7);
	c->old.level = (int)dbq_int(q, 8);
	c->old.start = dbq_date(q, 9);
	c->old.end = dbq_date(q, 10);
	c->old.reason = dbq_text(q, 11);
	c->old.meeting = dbq_text(q, 12);
	c->old.regie = dbq_text(q, 13);
	c->old.betrokkenen = dbq_text(q, 14);
}

static void corrections_free(void *rows, int n)
{
	level_corrections_free(rows, n);
}

enum ibis_status db_level_corrections(struct db *db, ibis_id pupil_id,
				      struct level_correction **out, int *n,
				      struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;
	void *rows;

	dbq_prepare(&q, db, SQL_CORRECTION_LIST);
	dbq_bind_id(&q, ":pupil", pupil_id);
	st = dbi_read_rows(&q, sizeof(**out), correction_read, corrections_free, &rows, n, err);
	*out = rows;
	return st;
}

enum ibis_status db_level_get(struct db *db, ibis_id id, struct level_episode *out, bool *found,
			      struct ibis_error *err)
{
	return episode_one(db, SQL_LEVEL_GET, ":id", id, out, found, err);
}

/* ================================================================ models */

/* The group shown is the pupil's in the latest school year up to the current
 * one that has a membership: where the IB'er finds the pupil today. */
static const char SQL_MISFITS[] =
	"SELECT p.id, p.first_name, p.tussenvoegsel, p.last_name, g.name, le.model, le.level"
	" FROM pupils p"
	" JOIN schools s ON s.id = p.school_id"
	" JOIN level_episodes le ON le.pupil_id = p.id AND le.end_date IS NULL"
	" LEFT JOIN group_members gm ON gm.pupil_id = p.id AND gm.school_year ="
	"  (SELECT max(m.school_year) FROM group_members m"
	"   WHERE m.pupil_id = p.id AND m.school_year <= :year)"
	" LEFT JOIN groups g ON g.id = gm.group_id"
	" WHERE p.left_date IS NULL AND (:school = 0 OR p.school_id = :school)"
	" AND (le.model <> coalesce(:model, s.level_model)"
	"  OR (:nlevels > 0 AND le.level > :nlevels))"
	" ORDER BY p.sort_key, p.id";

/* The quick question of the start-up: is there any pupil at school whose
 * open episode is in another model than its school's? pupils.cur_model
 * (schema 3) and its index per school answer it with two probes per school,
 * one on each side of the school's model, so a board of 100 schools and
 * 50,000 pupils costs 200 index lookups rather than a walk over every pupil. */
static const char SQL_SCHOOL_MODELS[] = "SELECT id, level_model FROM schools";
static const char SQL_MODEL_BELOW[] =
	"SELECT 1 FROM pupils WHERE school_id = :school AND left_date IS NULL"
	" AND cur_model < :model LIMIT 1";
static const char SQL_MODEL_ABOVE[] =
	"SELECT 1 FROM pupils WHERE school_id = :school AND left_date IS NULL"
	" AND cur_model > :model LIMIT 1";

enum ibis_status db_level_misfits_any(struct db *db, bool *any, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct strlist models = { 0 };
	ibis_id *ids = NULL;
	int len = 0, cap = 0, rc;
	struct dbq q;

	*any = false;
	dbq_prepare(&q, db, SQL_SCHOOL_MODELS);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		ids = dbi_grow(ids, len, &cap, sizeof(*ids));
		ids[len++] = dbq_id(&q, 0);
		sl_add(&models, dbq_text_ref(&q, 1));
	}
	if (rc != SQLITE_DONE)
		st = dbq_fail(&q, err);
	dbq_finish(&q);
	for (int i = 0; st == IBIS_OK && !*any && i < len; i++) {
		for (int side = 0; st == IBIS_OK && !*any && side < 2; side++) {
			dbq_prepare(&q, db, side ? SQL_MODEL_ABOVE : SQL_MODEL_BELOW);
			dbq_bind_id(&q, ":school", ids[i]);
			dbq_bind_text(&q, ":model", models.items[i]);
			rc = dbq_step(&q);
			if (rc == SQLITE_ROW)
				*any = true;
			else if (rc != SQLITE_DONE)
				st = dbq_fail(&q, err);
			dbq_finish(&q);
		}
	}
	free(ids);
	sl_free(&models);
	return st;
}

static void misfit_read(struct dbq *q, void *row)
{
	struct level_misfit *m = row;

	m->pupil_id = dbq_id(q, 0);
	m->name = name_display(dbq_text_ref(q, 1), dbq_text_ref(q, 2), dbq_text_ref(q, 3));
	m->group = dbq_text(q, 4);
	m->model = dbq_text(q, 5);
	m->level = (int)dbq_int(q, 6);
}

static void misfits_free(void *rows, int n)
{
	level_misfits_free(rows, n);
}

enum ibis_status db_level_misfits(struct db *db, ibis_id school_id, const char *model_id,
				  int nlevels, struct level_misfit **out, int *n,
				  struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;
	void *rows;

	dbq_prepare(&q, db, SQL_MISFITS);
	dbq_bind_int(&q, ":year", schoolyear_of(date_today()));
	dbq_bind_int(&q, ":school", school_id);
	dbq_bind_opt(&q, ":model", model_id);
	dbq_bind_int(&q, ":nlevels", nlevels);
	st = dbi_read_rows(&q, sizeof(**out), misfit_read, misfits_free, &rows, n, err);
	*out = rows;
	return st;
}

void level_misfits_free(struct level_misfit *m, int n)
{
	for (int i = 0; i < n; i++) {
		free(m[i].name);
		free(m[i].group);
		free(m[i].model);
	}
	free(m);
}

/* The open episodes a remap moves, read before anything is written. */
static const char SQL_REMAP_OPEN[] =
	"SELECT le.pupil_id, le.model, le.level, le.start_date,"
	" p.first_name, p.tussenvoegsel, p.last_name"
	" FROM level_episodes le JOIN pupils p ON p.id = le.pupil_id"
	" WHERE le.end_date IS NULL AND p.left_date IS NULL"
	" AND (:school = 0 OR p.school_id = :school)"
	" AND (le.model <> :model OR (:nlevels > 0 AND le.level > :nlevels))"
	" ORDER BY p.sort_key, p.id";
static const char SQL_SCHOOL_EXISTS[] = "SELECT count(*) FROM schools WHERE id = :id";
static const char SQL_SCHOOL_SET_MODEL[] =
	"UPDATE schools SET level_model = :model, version = version + 1"
	" WHERE (:school = 0 OR id = :school) AND level_model <> :model";

struct remap_row {
	ibis_id pupil_id;
	char *model;
	int level;
	ibis_date start;
	char *name; /* "Anna van den Berg", for a refusal */
};

static void remap_rows_free(struct remap_row *r, int n)
{
	for (int i = 0; i < n; i++) {
		free(r[i].model);
		free(r[i].name);
	}
	free(r);
}

static enum ibis_status remap_read(struct db *db, ibis_id school_id, const char *to_model,
				   int to_nlevels, struct remap_row **out, int *n,
				   struct ibis_error *err)
{
	struct remap_row *a = NULL;
	int len = 0, cap = 0, rc;
	enum ibis_status st = IBIS_OK;
	struct dbq q;

	dbq_prepare(&q, db, SQL_REMAP_OPEN);
	dbq_bind_int(&q, ":school", school_id);
	dbq_bind_text(&q, ":model", to_model);
	dbq_bind_int(&q, ":nlevels", to_nlevels);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		a = dbi_grow(a, len, &cap, sizeof(*a));
		struct remap_row *r = &a[len++];
		r->pupil_id = dbq_id(&q, 0);
		r->model = dbq_text(&q, 1);
		r->level = (int)dbq_int(&q, 2);
		r->start = dbq_date(&q, 3);
		r->name = name_natural(dbq_text_ref(&q, 4), dbq_text_ref(&q, 5), dbq_text_ref(&q, 6));
	}
	if (rc != SQLITE_DONE)
		st = dbq_fail(&q, err);
	dbq_finish(&q);
	*out = a;
	*n = len;
	return st;
}

/* Check every row against the mapping before anything is written, so that a
 * refusal names the level and a pupil and leaves everything as it was. */
static enum ibis_status remap_check(const struct remap_row *r, int n, const char *to_model,
				    int to_nlevels, const int *map, ibis_date date,
				    struct ibis_error *err)
{
	char a[DATE_NL_LEN], b[DATE_NL_LEN];

	for (int i = 0; i < n; i++) {
		int to = r[i].level >= 1 && r[i].level <= 9 ? map[r[i].level] : 0;
		if (to == r[i].level && strcmp(r[i].model, to_model) == 0)
			continue; /* left alone */
		if (to == 0)
			return dbi_fail(err, DBF_CONSTRAINT,
					"Niveau %d van model %s heeft geen omzetting naar %s (onder "
					"meer bij %s); er is niets omgezet.",
					r[i].level, r[i].model, to_model, r[i].name);
		if (to < 1 || to > 9 || (to_nlevels > 0 && to > to_nlevels))
			return dbi_fail(err, DBF_CONSTRAINT,
					"Niveau %d van model %s wordt omgezet naar niveau %d, dat %s "
					"niet heeft (onder meer bij %s); er is niets omgezet.",
					r[i].level, r[i].model, to, to_model, r[i].name);
		if (date < r[i].start)
			return dbi_fail(err, DBF_CONSTRAINT,
					"De datum van omzetten (%s) ligt voor het begin van het "
					"huidige niveau van %s (%s); er is niets omgezet.",
					date_format_nl(date, a), r[i].name,
					date_format_nl(r[i].start, b));
	}
	return IBIS_OK;
}

/* school_id 0 moves the pupils of every school and sets every school's
 * model, as db_level_misfits reads 0. */
enum ibis_status db_level_remap(struct db *db, ibis_id school_id, const char *to_model,
				int to_nlevels, const int *map, ibis_date date,
				const char *author, int *changed, struct ibis_error *err)
{
	enum ibis_status st;
	struct remap_row *rows = NULL;
	struct dbi_scope scope;
	struct dbq q;
	int nrows = 0, moved = 0;

	*changed = 0;
	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	if (str_empty(to_model))
		return dbi_fail(err, DBF_CONSTRAINT, "Kies het model waarnaar wordt omgezet.");
	if (!map)
		return dbi_fail(err, DBF_CONSTRAINT, "Geef op hoe de niveaus worden omgezet.");
	if (date == DATE_NONE)
		return dbi_fail(err, DBF_CONSTRAINT, "De datum van omzetten is verplicht.");
	if ((st = dbi_scope_begin(db, &scope, err)) != IBIS_OK)
		return st;
	if (school_id != 0) {
		long long exists = 0;
		dbq_prepare(&q, db, SQL_SCHOOL_EXISTS);
		dbq_bind_int(&q, ":id", school_id);
		if ((st = dbq_one_int(&q, &exists, NULL, err)) != IBIS_OK)
			goto fail;
		if (!exists) {
			st = ibis_fail(err, IBIS_EINPUT, "School %lld bestaat niet.",
				       (long long)school_id);
			goto fail;
		}
	}
	if ((st = remap_read(db, school_id, to_model, to_nlevels, &rows, &nrows, err)) != IBIS_OK ||
	    (st = remap_check(rows, nrows, to_model, to_nlevels, map, date, err)) != IBIS_OK)
		goto fail;
	for (int i = 0; i < nrows; i++) {
		int to = map[rows[i].level];
		if (to == rows[i].level && strcmp(rows[i].model, to_model) == 0)
			continue;
		char *reason = xasprintf("Omgezet van model %s (niveau %d) naar %s", rows[i].model,
					 rows[i].level, to_model);
		struct level_episode e = {
			.pupil_id = rows[i].pupil_id,
			.model = (char *)to_model,
			.level = to,
			.start = date,
			.end = DATE_NONE,
			.reason = reason,
			.author = (char *)author,
		};
		ibis_id id;
		st = episode_add(db, &e, &id, err);
		free(reason);
		if (st != IBIS_OK)
			goto fail;
		moved++;
	}
	dbq_prepare(&q, db, SQL_SCHOOL_SET_MODEL);
	dbq_bind_text(&q, ":model", to_model);
	dbq_bind_int(&q, ":school", school_id);
	if ((st = dbq_exec(&q, err)) != IBIS_OK)
		goto fail;
	if ((st = dbi_scope_commit(db, &scope, err)) != IBIS_OK)
		goto out;
	*changed = moved;
	goto out;
fail:
	dbi_scope_rollback(db, &scope);
out:
	remap_rows_free(rows, nrows);
	return st;
}

/* ================================================================= facts */

/* One row of the facts the level rules ask, on day :d. An episode covers
 * [start, end): a step closes the old one on the day the new one starts. A
 * consent counts when no refusal or withdrawal of the same subject came after
 * it (later day, or the same day entered later) up to :d. */
static const char SQL_FACTS[] =
	"SELECT"
	" (SELECT le.level FROM level_episodes le WHERE le.pupil_id = :pupil"
	"  AND le.start_date <= :d AND (le.end_date IS NULL OR le.end_date > :d)"
	"  ORDER BY le.start_date DESC, le.id DESC LIMIT 1),"
	" EXISTS (SELECT 1 FROM consents c WHERE c.pupil_id = :pupil AND c.status = 'gegeven'"
	"  AND c.consent_date <= :d AND NOT EXISTS (SELECT 1 FROM consents x"
	"   WHERE x.pupil_id = c.pupil_id AND x.subject = c.subject"
	"   AND x.status IN ('ingetrokken', 'geweigerd') AND x.consent_date <= :d"
	"   AND (x.consent_date > c.consent_date"
	"    OR (x.consent_date = c.consent_date AND x.id > c.id)))),"
	" EXISTS (SELECT 1 FROM plans pl WHERE pl.pupil_id = :pupil"
	"  AND pl.template_id = 'groeidocument' AND pl.status <> 'afgesloten'),"
	" EXISTS (SELECT 1 FROM plans pl JOIN plan_fields f ON f.plan_id = pl.id"
	"  WHERE pl.pupil_id = :pupil AND pl.template_id = 'opp' AND f.key = 'inbreng_leerling'"
	"  AND trim(coalesce(f.value, ''), ' ' || char(9, 10, 13)) <> '')"
	"  OR EXISTS (SELECT 1 FROM events ev WHERE ev.pupil_id = :pupil"
	"  AND ev.kind = 'kindgesprek' AND ev.event_date BETWEEN :year_before AND :d),"
	" EXISTS (SELECT 1 FROM arrangements a WHERE a.pupil_id = :pupil AND a.kind = 'tlv'"
	"  AND a.start_date <= :d AND (a.end_date IS NULL OR a.end_date >= :d))";
static const char SQL_FACTS_PLANS[] =
	"SELECT template_id FROM plans WHERE pupil_id = :pupil"
	" AND status IN ('concept', 'actief') ORDER BY start_date, id";

/* d DATE_NONE reads as today. */
enum ibis_status db_level_facts(struct db *db, ibis_id pupil_id, ibis_date d,
				struct step_facts *facts, struct strlist *plans,
				struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct dbq q;
	int rc;

	if (d == DATE_NONE)
		d = date_today();
	*facts = (struct step_facts){.plans = plans};
	dbq_prepare(&q, db, SQL_FACTS);
	dbq_bind_id(&q, ":pupil", pupil_id);
	dbq_bind_date(&q, ":d", d);
	dbq_bind_date(&q, ":year_before", date_add_years(d, -1));
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		facts->from = dbq_int_or(&q, 0, 0);
		facts->consent = dbq_bool(&q, 1);
		facts->groeidocument = dbq_bool(&q, 2);
		facts->hoorrecht = dbq_bool(&q, 3);
		facts->tlv = dbq_bool(&q, 4);
	} else {
		st = dbq_fail(&q, err);
	}
	dbq_finish(&q);
	if (st != IBIS_OK)
		return st;

	dbq_prepare(&q, db, SQL_FACTS_PLANS);
	dbq_bind_id(&q, ":pupil", pupil_id);
	while ((rc = dbq_step(&q)) == SQLITE_ROW)
		sl_add(plans, dbq_text_ref(&q, 0));
	if (rc != SQLITE_DONE)
		st = dbq_fail(&q, err);
	dbq_finish(&q);
	return st;
}

/* =============================================================== archive */

enum ibis_status db_level_archive(struct db *db, struct pupil *p, ibis_date left,
				  enum leave_destination dest, const char *model, int placement,
				  const char *author, struct ibis_error *err)
{
	enum ibis_status st;
	struct level_episode cur = {0};
	struct dbi_scope scope;
	ibis_date was_left = p->left;
	enum leave_destination was_dest = p->destination;
	int was_version = p->version;
	bool placed = (dest == LEAVE_SBO || dest == LEAVE_SO) && placement > 0, found;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	if (placed && str_empty(model))
		return dbi_fail(err, DBF_CONSTRAINT,
				"Het niveaumodel van de plaatsing ontbreekt; er is niets opgeslagen.");
	if (placed && placement > 9)
		return dbi_fail(err, DBF_CONSTRAINT,
				"Niveau %d bestaat niet; een niveau is 1 tot en met 9.", placement);
	if ((st = dbi_scope_begin(db, &scope, err)) != IBIS_OK)
		return st;
	if ((st = db_pupil_archive(db, p, left, dest, err)) != IBIS_OK)
		goto fail;
	if (placed && (st = db_level_current(db, p->id, &cur, &found, err)) != IBIS_OK)
		goto fail;
	/* Already at the placement level (the step was recorded before the
	 * leaving): no second step to the same level. */
	if (placed && !(found && cur.level == placement && strcmp(cur.model, model) == 0)) {
		struct level_episode e = {
			.pupil_id = p->id,
			.model = (char *)model,
			.level = placement,
			.start = left,
			.end = DATE_NONE,
			.reason = dest == LEAVE_SBO ? "Vertrek naar SBO" : "Vertrek naar SO",
			.author = (char *)author,
		};
		ibis_id id;
		if ((st = episode_add(db, &e, &id, err)) != IBIS_OK)
			goto fail;
	}
	if ((st = dbi_scope_commit(db, &scope, err)) != IBIS_OK)
		goto undo;
	level_episode_clear(&cur);
	return IBIS_OK;
fail:
	dbi_scope_rollback(db, &scope);
undo:
	/* Nothing was saved: p is as the caller had it. */
	p->left = was_left;
	p->destination = was_dest;
	p->version = was_version;
	level_episode_clear(&cur);
	return st;
}
