/* plan.c - whole plans for the plan editor: a plan_doc read and written in
 * one transaction, the version check that keeps a colleague's save from being
 * overwritten, the logboek, the snapshots of status changes, the pupils a
 * groepsplan divides, the facts a plan's document names, and user roles.
 *
 * A save names the plan version it started from; the UPDATE of the header
 * checks it and bumps it, and every other write of the save happens in the
 * same transaction after it, so a stale save writes nothing. Goals keep
 * their ids (a goal's id is its unit in the conflict merge, plandoc.h); the
 * members of the instruction groups are replaced as a whole.
 */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "ibis/db_event.h"
#include "ibis/db_level.h"
#include "ibis/db_plan.h"
#include "ibis/db_pupil.h"
#include "ibis/text.h"
#include "ibis/util.h"

/* ================================================================ header */

static const char SQL_PLAN_GET[] = "SELECT " DBI_PLAN_COLS " FROM plans WHERE id = :id";
/* Newest start first, a concept without a start first: as db_plan_list. */
static const char SQL_PLAN_LIST_GROUP[] =
	"SELECT " DBI_PLAN_COLS " FROM plans WHERE group_id = :group"
	" ORDER BY start_date DESC NULLS FIRST, id DESC";
static const char SQL_PLAN_UPDATE[] =
	"UPDATE plans SET template_id = :template, title = :title, status = :status,"
	" start_date = :start, end_date = :end, eval_date = :eval, author = :author,"
	" due_date = :due, agreed_date = :agreed, evaluated_date = :evaluated,"
	" evaluated_with = :evaluated_with, version = version + 1"
	" WHERE id = :id AND version = :version";
static const char SQL_PLAN_VERSION[] = "SELECT version FROM plans WHERE id = :id";
static const char SQL_PLAN_DELETE[] = "DELETE FROM plans WHERE id = :id AND version = :version";

static const char MSG_PLAN_CONFLICT[] =
	"Iemand anders heeft dit plan intussen opgeslagen; er is niets overschreven.";

/* After a write of plan id at version found nothing to change: tell a plan
 * that is gone (bad input) from one a colleague saved meanwhile (conflict). */
static enum ibis_status plan_not_written(struct db *db, ibis_id id, int version,
					 struct ibis_error *err)
{
	enum ibis_status st;
	long long now = 0;
	bool found = false;
	struct dbq q;

	dbq_prepare(&q, db, SQL_PLAN_VERSION);
	dbq_bind_id(&q, ":id", id);
	if ((st = dbq_one_int(&q, &now, &found, err)) != IBIS_OK)
		return st;
	if (!found)
		return ibis_fail(err, IBIS_EINPUT, "Plan %lld bestaat niet (meer).", (long long)id);
	dbi_fail(err, DBF_CONFLICT, "%s", MSG_PLAN_CONFLICT);
	ibis_detail(err, "plans.id %lld is at version %lld, not %d", (long long)id, now, version);
	return IBIS_EDB;
}

/* =========================================================== the parts */

static const char SQL_FIELDS_OF[] =
	"SELECT key, value FROM plan_fields WHERE plan_id = :plan ORDER BY key";
static const char SQL_FIELD_SET[] =
	"INSERT INTO plan_fields (plan_id, key, value) VALUES (:plan, :key, :value)"
	" ON CONFLICT (plan_id, key) DO UPDATE SET value = excluded.value,"
	" version = version + 1 WHERE value IS NOT excluded.value";
static const char SQL_FIELD_DELETE[] =
	"DELETE FROM plan_fields WHERE plan_id = :plan AND key = :key";
static const char SQL_GOAL_IDS[] = "SELECT id FROM goals WHERE plan_id = :plan";
/* Only a goal that changed gets a new version. */
static const char SQL_GOAL_UPDATE[] =
	"UPDATE goals SET area = :area, long_term = :long_term, body = :body,"
	" target_date = :target, result = :result, evaluation = :evaluation,"
	" version = version + 1"
	" WHERE id = :id AND plan_id = :plan AND (area IS NOT :area"
	"  OR long_term IS NOT :long_term OR body IS NOT :body OR target_date IS NOT :target"
	"  OR result IS NOT :result OR evaluation IS NOT :evaluation)"
	" RETURNING version";
static const char SQL_GOAL_VERSION[] =
	"SELECT version FROM goals WHERE id = :id AND plan_id = :plan";
static const char SQL_GOAL_DELETE[] = "DELETE FROM goals WHERE id = :id";
static const char SQL_MEMBERS_OF[] =
	"SELECT m.field_key, m.group_name, m.pupil_id, p.first_name, p.tussenvoegsel,"
	" p.last_name FROM plan_members m JOIN pupils p ON p.id = m.pupil_id"
	" WHERE m.plan_id = :plan ORDER BY m.field_key, m.group_name, p.sort_key, p.id";
static const char SQL_MEMBERS_DELETE[] = "DELETE FROM plan_members WHERE plan_id = :plan";
static const char SQL_MEMBER_INSERT[] =
	"INSERT INTO plan_members (plan_id, field_key, group_name, pupil_id)"
	" VALUES (:plan, :key, :group, :pupil)";
static const char SQL_SNAPSHOT_INSERT[] =
	"INSERT INTO plan_snapshots (plan_id, taken_at, reason, author, content)"
	" VALUES (:plan, coalesce(:taken, strftime('%Y-%m-%d %H:%M:%S', 'now')), :reason,"
	" :author, :content)";

/* The stored values of plan_id that are not empty, into d. */
static enum ibis_status values_read(struct db *db, ibis_id plan_id, struct plan_doc *d,
				    struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	int cap = 0, rc;
	struct dbq q;

	dbq_prepare(&q, db, SQL_FIELDS_OF);
	dbq_bind_id(&q, ":plan", plan_id);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		const char *v = dbq_text_ref(&q, 1);
		char *t = str_trim(v ? v : "");
		bool blank = !*t;
		free(t);
		if (blank)
			continue; /* a document never holds an empty value (plandoc_set) */
		d->values = dbi_grow(d->values, d->nvalues, &cap, sizeof(*d->values));
		d->values[d->nvalues].key = dbq_text(&q, 0);
		d->values[d->nvalues].value = xstrdup(v);
		d->nvalues++;
	}
	if (rc != SQLITE_DONE)
		st = dbq_fail(&q, err);
	dbq_finish(&q);
	return st;
}

static enum ibis_status members_read(struct db *db, ibis_id plan_id, struct plan_member **out,
				     int *n, struct ibis_error *err)
{
	struct plan_member *a = NULL;
	int len = 0, cap = 0, rc;
	enum ibis_status st = IBIS_OK;
	struct dbq q;

	dbq_prepare(&q, db, SQL_MEMBERS_OF);
	dbq_bind_id(&q, ":plan", plan_id);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		a = dbi_grow(a, len, &cap, sizeof(*a));
		struct plan_member *m = &a[len++];
		m->field_key = dbq_text(&q, 0);
		m->group_name = dbq_text(&q, 1);
		m->pupil_id = dbq_id(&q, 2);
		m->pupil_name = name_natural(dbq_text_ref(&q, 3), dbq_text_ref(&q, 4),
					     dbq_text_ref(&q, 5));
	}
	if (rc != SQLITE_DONE) {
		st = dbq_fail(&q, err);
		plan_members_free(a, len);
		a = NULL;
		len = 0;
	}
	dbq_finish(&q);
	*out = a;
	*n = len;
	return st;
}

static bool doc_has_value(const struct plan_doc *d, const char *key)
{
	for (int i = 0; i < d->nvalues; i++)
		if (strcmp(d->values[i].key, key) == 0 && !str_empty(d->values[i].value))
			return true;
	return false;
}

/* Inside the scope: the values of d replace the stored ones. */
static enum ibis_status values_write(struct db *db, const struct plan_doc *d,
				     struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct strlist gone = {0};
	struct dbq q;
	int rc;

	dbq_prepare(&q, db, SQL_FIELDS_OF);
	dbq_bind_id(&q, ":plan", d->plan.id);
	while ((rc = dbq_step(&q)) == SQLITE_ROW)
		if (!doc_has_value(d, dbq_text_ref(&q, 0)))
			sl_add(&gone, dbq_text_ref(&q, 0));
	if (rc != SQLITE_DONE)
		st = dbq_fail(&q, err);
	dbq_finish(&q);
	for (size_t i = 0; st == IBIS_OK && i < gone.len; i++) {
		dbq_prepare(&q, db, SQL_FIELD_DELETE);
		dbq_bind_id(&q, ":plan", d->plan.id);
		dbq_bind_text(&q, ":key", gone.items[i]);
		st = dbq_exec(&q, err);
	}
	sl_free(&gone);
	for (int i = 0; st == IBIS_OK && i < d->nvalues; i++) {
		if (str_empty(d->values[i].value))
			continue;
		dbq_prepare(&q, db, SQL_FIELD_SET);
		dbq_bind_id(&q, ":plan", d->plan.id);
		dbq_bind_opt(&q, ":key", d->values[i].key);
		dbq_bind_text(&q, ":value", d->values[i].value);
		st = dbq_exec(&q, err);
	}
	return st;
}

/* Where a goal of the document ends up: applied to d only once the
 * transaction is committed. */
struct goal_stage {
	ibis_id id;
	int version;
};

/* Inside the scope: insert goal g of plan_id (a copy, so that d is not
 * touched before the commit). */
static enum ibis_status goal_add(struct db *db, ibis_id plan_id, const struct goal *g,
				 struct goal_stage *out, struct ibis_error *err)
{
	struct goal tmp = *g;
	enum ibis_status st;

	tmp.plan_id = plan_id;
	if ((st = db_goal_insert(db, &tmp, err)) != IBIS_OK)
		return st;
	out->id = tmp.id;
	out->version = tmp.version;
	return IBIS_OK;
}

/* Inside the scope: update goal g (stored under d's plan) when it changed. A
 * goal that is not the plan's (any more) is added as a new one. */
static enum ibis_status goal_update(struct db *db, ibis_id plan_id, const struct goal *g,
				    struct goal_stage *out, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	long long version = 0;
	bool found = false;
	struct dbq q;
	int rc;

	dbq_prepare(&q, db, SQL_GOAL_UPDATE);
	dbq_bind_id(&q, ":id", g->id);
	dbq_bind_id(&q, ":plan", plan_id);
	dbi_bind_goal(&q, g);
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		version = dbq_int(&q, 0);
		found = true;
		rc = dbq_step(&q);
	}
	if (rc != SQLITE_DONE)
		st = dbq_fail(&q, err);
	dbq_finish(&q);
	if (st != IBIS_OK)
		return st;
	if (!found) {
		dbq_prepare(&q, db, SQL_GOAL_VERSION);
		dbq_bind_id(&q, ":id", g->id);
		dbq_bind_id(&q, ":plan", plan_id);
		if ((st = dbq_one_int(&q, &version, &found, err)) != IBIS_OK)
			return st;
		if (!found)
			return goal_add(db, plan_id, g, out, err);
	}
	out->id = g->id;
	out->version = (int)version;
	return IBIS_OK;
}

static bool doc_has_goal(const struct plan_doc *d, ibis_id id)
{
	for (int i = 0; i < d->ngoals; i++)
		if (d->goals[i].id == id)
			return true;
	return false;
}

/* Inside the scope: the goals of d replace the stored ones, by id; stage[i]
 * receives where goal i is now. */
static enum ibis_status goals_write(struct db *db, const struct plan_doc *d,
				    struct goal_stage *stage, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	ibis_id *gone = NULL;
	int ngone = 0, cap = 0, rc;
	struct dbq q;

	dbq_prepare(&q, db, SQL_GOAL_IDS);
	dbq_bind_id(&q, ":plan", d->plan.id);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		ibis_id id = dbq_id(&q, 0);
		if (!doc_has_goal(d, id)) {
			gone = dbi_grow(gone, ngone, &cap, sizeof(*gone));
			gone[ngone++] = id;
		}
	}
	if (rc != SQLITE_DONE)
		st = dbq_fail(&q, err);
	dbq_finish(&q);
	for (int i = 0; st == IBIS_OK && i < ngone; i++) {
		dbq_prepare(&q, db, SQL_GOAL_DELETE);
		dbq_bind_id(&q, ":id", gone[i]);
		st = dbq_exec(&q, err);
	}
	free(gone);
	for (int i = 0; st == IBIS_OK && i < d->ngoals; i++) {
		const struct goal *g = &d->goals[i];
		st = g->id ? goal_update(db, d->plan.id, g, &stage[i], err)
			   : goal_add(db, d->plan.id, g, &stage[i], err);
		if (st != IBIS_OK && str_empty(g->text))
			dbi_message(err, "Een doel heeft een omschrijving nodig.");
	}
	return st;
}

/* Inside the scope: the members of d replace the stored ones. */
static enum ibis_status members_write(struct db *db, const struct plan_doc *d,
				      struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	dbq_prepare(&q, db, SQL_MEMBERS_DELETE);
	dbq_bind_id(&q, ":plan", d->plan.id);
	if ((st = dbq_exec(&q, err)) != IBIS_OK)
		return st;
	for (int i = 0; i < d->nmembers; i++) {
		const struct plan_member *m = &d->members[i];
		dbq_prepare(&q, db, SQL_MEMBER_INSERT);
		dbq_bind_id(&q, ":plan", d->plan.id);
		dbq_bind_opt(&q, ":key", m->field_key);
		dbq_bind_opt(&q, ":group", m->group_name);
		dbq_bind_id(&q, ":pupil", m->pupil_id);
		if ((st = dbq_exec(&q, err)) != IBIS_OK) {
			if (q.rc == SQLITE_CONSTRAINT_FOREIGNKEY ||
			    q.rc == SQLITE_CONSTRAINT_NOTNULL)
				dbi_message(err,
					    "Leerling %lld van de instructiegroepen bestaat niet.",
					    (long long)m->pupil_id);
			else if (q.rc == SQLITE_CONSTRAINT_UNIQUE)
				dbi_message(err, "Een leerling staat twee keer in dezelfde "
						 "instructiegroepen.");
			return st;
		}
	}
	return IBIS_OK;
}

static enum ibis_status snapshot_write(struct db *db, ibis_id plan_id,
				       const struct plan_snapshot *s, struct ibis_error *err)
{
	struct dbq q;

	dbq_prepare(&q, db, SQL_SNAPSHOT_INSERT);
	dbq_bind_id(&q, ":plan", plan_id);
	dbq_bind_opt(&q, ":taken", s->taken_at);
	dbq_bind_opt(&q, ":reason", s->reason);
	dbq_bind_opt(&q, ":author", s->author);
	dbq_bind_text(&q, ":content", s->content ? s->content : "");
	return dbq_exec(&q, err);
}

/* ============================================================ whole plans */

enum ibis_status db_plan_load(struct db *db, ibis_id id, struct plan_doc *out, bool *found,
			      struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct plan_member *m = NULL;
	int nm = 0, rc;
	struct dbq q;

	plandoc_free(out);
	plandoc_init(out);
	*found = false;
	dbq_prepare(&q, db, SQL_PLAN_GET);
	dbq_bind_id(&q, ":id", id);
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		dbi_read_plan(&q, &out->plan);
		*found = true;
	} else if (rc != SQLITE_DONE) {
		st = dbq_fail(&q, err);
	}
	dbq_finish(&q);
	if (st != IBIS_OK || !*found)
		goto out;
	if ((st = values_read(db, id, out, err)) != IBIS_OK ||
	    (st = db_goal_list(db, id, &out->goals, &out->ngoals, err)) != IBIS_OK ||
	    (st = members_read(db, id, &m, &nm, err)) != IBIS_OK)
		goto out;
	/* Through plandoc_set_member, so that the document keeps its own order
	 * of members (by natural name) whether read or edited. */
	for (int i = 0; i < nm; i++)
		plandoc_set_member(out, m[i].field_key, m[i].group_name, m[i].pupil_id,
				   m[i].pupil_name);
	plan_members_free(m, nm);
	return IBIS_OK;
out:
	if (st != IBIS_OK || !*found) {
		plandoc_free(out);
		plandoc_init(out);
		*found = false;
	}
	return st;
}

enum ibis_status db_plan_create(struct db *db, struct plan_doc *d, struct ibis_error *err)
{
	enum ibis_status st;
	struct goal_stage *stage = NULL;
	struct dbi_scope scope;
	struct plan header = d->plan;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	if (d->plan.id != 0)
		return dbi_fail(err, DBF_OTHER, "Plan %lld bestaat al.", (long long)d->plan.id);
	if ((st = dbi_scope_begin(db, &scope, err)) != IBIS_OK)
		return st;
	stage = xcalloc((size_t)d->ngoals + 1, sizeof(*stage));
	/* On a copy of the header: d keeps id 0 when anything fails. */
	if ((st = db_plan_insert(db, &header, err)) != IBIS_OK)
		goto fail;
	d->plan.id = header.id; /* the parts are written under it */
	if ((st = values_write(db, d, err)) != IBIS_OK ||
	    (st = goals_write(db, d, stage, err)) != IBIS_OK ||
	    (st = members_write(db, d, err)) != IBIS_OK)
		goto fail;
	if ((st = dbi_scope_commit(db, &scope, err)) != IBIS_OK)
		goto undo;
	d->plan.version = 1;
	for (int i = 0; i < d->ngoals; i++) {
		d->goals[i].id = stage[i].id;
		d->goals[i].plan_id = d->plan.id;
		d->goals[i].version = stage[i].version;
	}
	free(stage);
	return IBIS_OK;
fail:
	dbi_scope_rollback(db, &scope);
undo:
	d->plan.id = 0;
	free(stage);
	return st;
}

enum ibis_status db_plan_save(struct db *db, struct plan_doc *d,
			      const struct plan_snapshot *snap, struct ibis_error *err)
{
	enum ibis_status st;
	struct goal_stage *stage = NULL;
	struct dbi_scope scope;
	const struct plan *p = &d->plan;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	if (p->id == 0)
		return dbi_fail(err, DBF_OTHER, "Dit plan is nog nooit opgeslagen.");
	if ((st = dbi_scope_begin(db, &scope, err)) != IBIS_OK)
		return st;
	stage = xcalloc((size_t)d->ngoals + 1, sizeof(*stage));
	dbq_prepare(&q, db, SQL_PLAN_UPDATE);
	dbi_bind_plan(&q, p);
	dbq_bind_id(&q, ":id", p->id);
	dbq_bind_int(&q, ":version", p->version);
	if ((st = dbq_exec(&q, err)) != IBIS_OK) {
		if (q.rc == SQLITE_CONSTRAINT_CHECK && p->end != DATE_NONE &&
		    p->start != DATE_NONE && p->end < p->start)
			dbi_message(err, "De einddatum van het plan ligt voor de begindatum.");
		goto fail;
	}
	if (dbi_changes(db) == 0) {
		st = plan_not_written(db, p->id, p->version, err);
		goto fail;
	}
	if ((st = values_write(db, d, err)) != IBIS_OK ||
	    (st = goals_write(db, d, stage, err)) != IBIS_OK ||
	    (st = members_write(db, d, err)) != IBIS_OK ||
	    (snap && (st = snapshot_write(db, p->id, snap, err)) != IBIS_OK))
		goto fail;
	if ((st = dbi_scope_commit(db, &scope, err)) != IBIS_OK)
		goto out;
	d->plan.version++;
	for (int i = 0; i < d->ngoals; i++) {
		d->goals[i].id = stage[i].id;
		d->goals[i].plan_id = p->id;
		d->goals[i].version = stage[i].version;
	}
	goto out;
fail:
	dbi_scope_rollback(db, &scope);
out:
	free(stage);
	return st;
}

enum ibis_status db_plan_delete(struct db *db, ibis_id id, int version, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbi_scope scope;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	if ((st = dbi_scope_begin(db, &scope, err)) != IBIS_OK)
		return st;
	dbq_prepare(&q, db, SQL_PLAN_DELETE);
	dbq_bind_id(&q, ":id", id);
	dbq_bind_int(&q, ":version", version);
	if ((st = dbq_exec(&q, err)) == IBIS_OK && dbi_changes(db) == 0)
		st = plan_not_written(db, id, version, err);
	if (st != IBIS_OK) {
		dbi_scope_rollback(db, &scope);
		return st;
	}
	return dbi_scope_commit(db, &scope, err);
}

enum ibis_status db_plan_list_group(struct db *db, ibis_id group_id, struct plan **out, int *n,
				    struct ibis_error *err)
{
	struct dbq q;

	dbq_prepare(&q, db, SQL_PLAN_LIST_GROUP);
	dbq_bind_id(&q, ":group", group_id);
	return dbi_read_plans(&q, out, n, err);
}

/* ================================================================ logboek */

static const char SQL_LOG_INSERT[] =
	"INSERT INTO plan_log (plan_id, log_date, author, body)"
	" VALUES (:plan, :date, :author, :body)";
/* plan_log_plan (plan_id, log_date) with the rowid gives this order. */
static const char SQL_LOG_LIST[] =
	"SELECT id, plan_id, log_date, author, body, version FROM plan_log"
	" WHERE plan_id = :plan ORDER BY log_date, id";

enum ibis_status db_plan_log_add(struct db *db, struct plan_log_entry *e, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;
	char *text;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	if (e->date == DATE_NONE)
		return dbi_fail(err, DBF_CONSTRAINT, "Een logboekregel heeft een datum nodig.");
	text = str_trim(e->text ? e->text : "");
	if (!*text) {
		free(text);
		return dbi_fail(err, DBF_CONSTRAINT, "Een logboekregel heeft tekst nodig.");
	}
	free(text);
	dbq_prepare(&q, db, SQL_LOG_INSERT);
	dbq_bind_id(&q, ":plan", e->plan_id);
	dbq_bind_date(&q, ":date", e->date);
	dbq_bind_opt(&q, ":author", e->author);
	dbq_bind_text(&q, ":body", e->text);
	if ((st = dbq_exec(&q, err)) != IBIS_OK) {
		if (q.rc == SQLITE_CONSTRAINT_FOREIGNKEY || q.rc == SQLITE_CONSTRAINT_NOTNULL)
			dbi_message(err, "Plan %lld bestaat niet.", (long long)e->plan_id);
		return st;
	}
	e->id = dbi_last_id(db);
	e->version = 1;
	return IBIS_OK;
}

enum ibis_status db_plan_log_list(struct db *db, ibis_id plan_id, struct plan_log_entry **out,
				  int *n, struct ibis_error *err)
{
	struct plan_log_entry *a = NULL;
	int len = 0, cap = 0, rc;
	struct dbq q;

	dbq_prepare(&q, db, SQL_LOG_LIST);
	dbq_bind_id(&q, ":plan", plan_id);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		a = dbi_grow(a, len, &cap, sizeof(*a));
		struct plan_log_entry *e = &a[len++];
		e->id = dbq_id(&q, 0);
		e->plan_id = dbq_id(&q, 1);
		e->date = dbq_date(&q, 2);
		e->author = dbq_text(&q, 3);
		e->text = dbq_text(&q, 4);
		e->version = (int)dbq_int(&q, 5);
	}
	if (rc != SQLITE_DONE) {
		enum ibis_status st = dbq_fail(&q, err);
		dbq_finish(&q);
		plan_log_free(a, len);
		*out = NULL;
		*n = 0;
		return st;
	}
	dbq_finish(&q);
	*out = a;
	*n = len;
	return IBIS_OK;
}

/* ============================================================== snapshots */

/* plan_snapshots_plan (plan_id) with the rowid: the order taken. */
static const char SQL_SNAPSHOTS[] =
	"SELECT id, plan_id, taken_at, reason, author, content FROM plan_snapshots"
	" WHERE plan_id = :plan ORDER BY id";

enum ibis_status db_plan_snapshots(struct db *db, ibis_id plan_id, struct plan_snapshot **out,
				   int *n, struct ibis_error *err)
{
	struct plan_snapshot *a = NULL;
	int len = 0, cap = 0, rc;
	struct dbq q;

	dbq_prepare(&q, db, SQL_SNAPSHOTS);
	dbq_bind_id(&q, ":plan", plan_id);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		a = dbi_grow(a, len, &cap, sizeof(*a));
		struct plan_snapshot *s = &a[len++];
		s->id = dbq_id(&q, 0);
		s->plan_id = dbq_id(&q, 1);
		s->taken_at = dbq_text(&q, 2);
		s->reason = dbq_text(&q, 3);
		s->author = dbq_text(&q, 4);
		s->content = dbq_text(&q, 5);
	}
	if (rc != SQLITE_DONE) {
		enum ibis_status st = dbq_fail(&q, err);
		dbq_finish(&q);
		plan_snapshots_free(a, len);
		*out = NULL;
		*n = 0;
		return st;
	}
	dbq_finish(&q);
	*out = a;
	*n = len;
	return IBIS_OK;
}

/* ========================================================== group pupils */

/* group_members_group (group_id); a member row is always of the group's own
 * school year (a trigger of version 1 keeps it so). Who left is no longer
 * divided over instruction groups, as db_group_count_members counts. */
static const char SQL_GROUP_PUPILS[] =
	"SELECT p.id, p.first_name, p.tussenvoegsel, p.last_name"
	" FROM group_members gm JOIN pupils p ON p.id = gm.pupil_id"
	" WHERE gm.group_id = :group AND p.left_date IS NULL ORDER BY p.sort_key, p.id";

enum ibis_status db_group_pupils(struct db *db, ibis_id group_id, struct plan_member **out,
				 int *n, struct ibis_error *err)
{
	struct plan_member *a = NULL;
	int len = 0, cap = 0, rc;
	struct dbq q;

	dbq_prepare(&q, db, SQL_GROUP_PUPILS);
	dbq_bind_id(&q, ":group", group_id);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		a = dbi_grow(a, len, &cap, sizeof(*a));
		struct plan_member *m = &a[len++];
		memset(m, 0, sizeof(*m));
		m->pupil_id = dbq_id(&q, 0);
		m->pupil_name = name_natural(dbq_text_ref(&q, 1), dbq_text_ref(&q, 2),
					     dbq_text_ref(&q, 3));
	}
	if (rc != SQLITE_DONE) {
		enum ibis_status st = dbq_fail(&q, err);
		dbq_finish(&q);
		plan_members_free(a, len);
		*out = NULL;
		*n = 0;
		return st;
	}
	dbq_finish(&q);
	*out = a;
	*n = len;
	return IBIS_OK;
}

/* ================================================================= facts */

/* The pupil's group in school year :year through UNIQUE (pupil_id,
 * school_year) of group_members. */
static const char SQL_FACTS_PUPIL[] =
	"SELECT s.id, s.name, s.level_model, p.cur_level,"
	" (SELECT g.name FROM group_members gm JOIN groups g ON g.id = gm.group_id"
	"  WHERE gm.pupil_id = p.id AND gm.school_year = :year)"
	" FROM pupils p JOIN schools s ON s.id = p.school_id WHERE p.id = :pupil";
static const char SQL_FACTS_GROUP[] =
	"SELECT s.id, s.name, s.level_model, g.name"
	" FROM groups g JOIN schools s ON s.id = g.school_id WHERE g.id = :group";

enum ibis_status db_plan_facts(struct db *db, const struct plan *p, struct plan_facts *out,
			       struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct dbq q;
	int rc;

	memset(out, 0, sizeof(*out));
	pupil_clear(&out->pupil);
	if (p->pupil_id) {
		if ((st = db_pupil_get(db, p->pupil_id, &out->pupil, err)) != IBIS_OK)
			goto fail;
		dbq_prepare(&q, db, SQL_FACTS_PUPIL);
		dbq_bind_id(&q, ":pupil", p->pupil_id);
		dbq_bind_int(&q, ":year", schoolyear_of(date_today()));
	} else {
		dbq_prepare(&q, db, SQL_FACTS_GROUP);
		dbq_bind_id(&q, ":group", p->group_id);
	}
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		out->school_id = dbq_id(&q, 0);
		out->school = dbq_text(&q, 1);
		out->model = dbq_text(&q, 2);
		if (p->pupil_id) {
			out->level = dbq_int_or(&q, 3, 0);
			out->group = dbq_text(&q, 4);
		} else {
			out->group = dbq_text(&q, 3);
		}
	} else if (rc == SQLITE_DONE) {
		st = p->pupil_id ? ibis_fail(err, IBIS_EINPUT, "Leerling %lld bestaat niet.",
					     (long long)p->pupil_id)
				 : ibis_fail(err, IBIS_EINPUT, "Groep %lld bestaat niet.",
					     (long long)p->group_id);
	} else {
		st = dbq_fail(&q, err);
	}
	dbq_finish(&q);
	if (st != IBIS_OK)
		goto fail;
	if (p->pupil_id &&
	    (st = db_level_history(db, p->pupil_id, &out->episodes, &out->nepisodes, err)) !=
		    IBIS_OK)
		goto fail;
	return IBIS_OK;
fail:
	plan_facts_clear(out);
	return st;
}

void plan_facts_clear(struct plan_facts *f)
{
	pupil_clear(&f->pupil);
	free(f->group);
	free(f->school);
	free(f->model);
	level_episodes_free(f->episodes, f->nepisodes);
	memset(f, 0, sizeof(*f));
	pupil_clear(&f->pupil);
}

/* ================================================================= users */

/* users.login is UNIQUE: one index probe each. */
static const char SQL_USER_ROLE[] = "SELECT role, is_admin FROM users WHERE login = :login";
static const char SQL_USERS_ANY[] = "SELECT EXISTS (SELECT 1 FROM users)";

enum ibis_status db_user_role(struct db *db, const char *login, enum user_role *out,
			      struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	long long any = 0;
	bool found = false;
	struct dbq q;
	int rc;

	dbq_prepare(&q, db, SQL_USER_ROLE);
	dbq_bind_text(&q, ":login", login ? login : "");
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		found = true;
		if (dbq_bool(&q, 1))
			*out = USER_ADMIN;
		else if (!user_role_parse(dbq_text_ref(&q, 0), out))
			*out = USER_DIRECTIE; /* a role this version does not know: read only */
	} else if (rc != SQLITE_DONE) {
		st = dbq_fail(&q, err);
	}
	dbq_finish(&q);
	if (st != IBIS_OK || found)
		return st;
	dbq_prepare(&q, db, SQL_USERS_ANY);
	if ((st = dbq_one_int(&q, &any, NULL, err)) != IBIS_OK)
		return st;
	*out = any ? USER_DIRECTIE : USER_IB;
	return IBIS_OK;
}
