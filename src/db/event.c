/* event.c - timeline events, and plans with their fields and goals. */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "ibis/db_event.h"
#include "ibis/util.h"

/* ================================================================= events */

static const char SQL_EVENT_INSERT[] =
	"INSERT INTO events (pupil_id, kind, event_date, author, body, restricted, toets,"
	" vakgebied, moment, score, niveau, meeting_id)"
	" VALUES (:pupil, :kind, :date, :author, :body, :restricted, :toets, :vakgebied,"
	" :moment, :score, :niveau, :meeting)";
/* Newest first: events_pupil (pupil_id, event_date) walked backwards, the
 * rowid breaking ties within a day. LIMIT -1 is no limit. */
static const char SQL_EVENT_LIST[] =
	"SELECT id, pupil_id, kind, event_date, author, body, restricted, toets, vakgebied,"
	" moment, score, niveau, meeting_id, version"
	" FROM events WHERE pupil_id = :pupil"
	" ORDER BY event_date DESC, id DESC LIMIT :limit";
static const char SQL_EVENT_COUNT[] = "SELECT count(*) FROM events WHERE pupil_id = :pupil";

enum ibis_status db_event_insert(struct db *db, struct event *e, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	dbq_prepare(&q, db, SQL_EVENT_INSERT);
	dbq_bind_id(&q, ":pupil", e->pupil_id);
	dbq_bind_opt(&q, ":kind", e->kind);
	dbq_bind_date(&q, ":date", e->date);
	dbq_bind_opt(&q, ":author", e->author);
	dbq_bind_opt(&q, ":body", e->text);
	dbq_bind_bool(&q, ":restricted", e->restricted);
	dbq_bind_opt(&q, ":toets", e->toets);
	dbq_bind_opt(&q, ":vakgebied", e->vakgebied);
	dbq_bind_opt(&q, ":moment", e->moment);
	dbq_bind_opt(&q, ":score", e->score);
	dbq_bind_opt(&q, ":niveau", e->niveau);
	dbq_bind_id(&q, ":meeting", e->meeting_id);
	if ((st = dbq_exec(&q, err)) != IBIS_OK) {
		if (q.rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			dbi_message(err, "Leerling %lld (of de genoemde bespreking) bestaat niet.",
				    (long long)e->pupil_id);
		else if (q.rc == SQLITE_CONSTRAINT_NOTNULL && e->date == DATE_NONE)
			dbi_message(err, "Een gebeurtenis heeft een datum nodig.");
		return st;
	}
	e->id = dbi_last_id(db);
	e->version = 1;
	return IBIS_OK;
}

enum ibis_status db_event_list(struct db *db, ibis_id pupil_id, int limit, struct event **out,
			       int *n, struct ibis_error *err)
{
	struct event *a = NULL;
	int len = 0, cap = 0, rc;
	struct dbq q;

	dbq_prepare(&q, db, SQL_EVENT_LIST);
	dbq_bind_id(&q, ":pupil", pupil_id);
	dbq_bind_int(&q, ":limit", limit > 0 ? limit : -1);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		a = dbi_grow(a, len, &cap, sizeof(*a));
		struct event *e = &a[len++];
		memset(e, 0, sizeof(*e));
		e->id = dbq_id(&q, 0);
		e->pupil_id = dbq_id(&q, 1);
		e->kind = dbq_text(&q, 2);
		e->date = dbq_date(&q, 3);
		e->author = dbq_text(&q, 4);
		e->text = dbq_text(&q, 5);
		e->restricted = dbq_bool(&q, 6);
		e->toets = dbq_text(&q, 7);
		e->vakgebied = dbq_text(&q, 8);
		e->moment = dbq_text(&q, 9);
		e->score = dbq_text(&q, 10);
		e->niveau = dbq_text(&q, 11);
		e->meeting_id = dbq_id(&q, 12);
		e->version = (int)dbq_int(&q, 13);
	}
	if (rc != SQLITE_DONE) {
		enum ibis_status st = dbq_fail(&q, err);
		dbq_finish(&q);
		events_free(a, len);
		*out = NULL;
		*n = 0;
		return st;
	}
	dbq_finish(&q);
	*out = a;
	*n = len;
	return IBIS_OK;
}

enum ibis_status db_event_count(struct db *db, ibis_id pupil_id, int *count,
				struct ibis_error *err)
{
	enum ibis_status st;
	long long n = 0;
	struct dbq q;

	dbq_prepare(&q, db, SQL_EVENT_COUNT);
	dbq_bind_id(&q, ":pupil", pupil_id);
	st = dbq_one_int(&q, &n, NULL, err);
	*count = st == IBIS_OK ? (int)n : 0;
	return st;
}

/* ================================================================== plans */

static const char SQL_PLAN_INSERT[] =
	"INSERT INTO plans (template_id, pupil_id, group_id, title, status, start_date,"
	" end_date, eval_date, author, due_date, agreed_date, evaluated_date, evaluated_with)"
	" VALUES (:template, :pupil, :group, :title, :status, :start, :end, :eval, :author,"
	" :due, :agreed, :evaluated, :evaluated_with)";
/* One value per field key of the plan: a second save replaces it. */
static const char SQL_PLAN_SET_FIELD[] =
	"INSERT INTO plan_fields (plan_id, key, value) VALUES (:plan, :key, :value)"
	" ON CONFLICT (plan_id, key) DO UPDATE SET value = excluded.value,"
	" version = version + 1";
static const char SQL_GOAL_INSERT[] =
	"INSERT INTO goals (plan_id, area, long_term, body, target_date, result, evaluation)"
	" VALUES (:plan, :area, :long_term, :body, :target, :result, :evaluation)";
/* Newest start first; a plan without a start yet (a concept) comes first. */
static const char SQL_PLAN_LIST[] =
	"SELECT " DBI_PLAN_COLS " FROM plans WHERE pupil_id = :pupil"
	" ORDER BY start_date DESC NULLS FIRST, id DESC";

void dbi_bind_plan(struct dbq *q, const struct plan *p)
{
	dbq_bind_opt(q, ":template", p->template_id);
	dbq_bind_opt(q, ":title", p->title);
	dbq_bind_text(q, ":status", plan_status_name(p->status));
	dbq_bind_date(q, ":start", p->start);
	dbq_bind_date(q, ":end", p->end);
	dbq_bind_date(q, ":eval", p->eval_date);
	dbq_bind_opt(q, ":author", p->author);
	dbq_bind_date(q, ":due", p->due);
	dbq_bind_date(q, ":agreed", p->agreed);
	dbq_bind_date(q, ":evaluated", p->evaluated);
	dbq_bind_opt(q, ":evaluated_with", p->evaluated_with);
}

void dbi_bind_goal(struct dbq *q, const struct goal *g)
{
	if (g->area == 0)
		dbq_bind_null(q, ":area");
	else
		dbq_bind_int(q, ":area", g->area);
	dbq_bind_bool(q, ":long_term", g->long_term);
	dbq_bind_opt(q, ":body", g->text);
	dbq_bind_date(q, ":target", g->target);
	dbq_bind_text(q, ":result", goal_result_name(g->result));
	dbq_bind_opt(q, ":evaluation", g->evaluation);
}

void dbi_read_plan(struct dbq *q, struct plan *p)
{
	p->id = dbq_id(q, 0);
	p->template_id = dbq_text(q, 1);
	p->pupil_id = dbq_id(q, 2);
	p->group_id = dbq_id(q, 3);
	p->title = dbq_text(q, 4);
	if (!plan_status_parse(dbq_text_ref(q, 5), &p->status))
		p->status = PLAN_CONCEPT;
	p->start = dbq_date(q, 6);
	p->end = dbq_date(q, 7);
	p->eval_date = dbq_date(q, 8);
	p->author = dbq_text(q, 9);
	p->version = (int)dbq_int(q, 10);
	p->due = dbq_date(q, 11);
	p->agreed = dbq_date(q, 12);
	p->evaluated = dbq_date(q, 13);
	p->evaluated_with = dbq_text(q, 14);
}

enum ibis_status dbi_read_plans(struct dbq *q, struct plan **out, int *n,
				struct ibis_error *err)
{
	struct plan *a = NULL;
	int len = 0, cap = 0, rc;

	while ((rc = dbq_step(q)) == SQLITE_ROW) {
		a = dbi_grow(a, len, &cap, sizeof(*a));
		memset(&a[len], 0, sizeof(*a));
		dbi_read_plan(q, &a[len++]);
	}
	if (rc != SQLITE_DONE) {
		enum ibis_status st = dbq_fail(q, err);
		dbq_finish(q);
		plans_free(a, len);
		*out = NULL;
		*n = 0;
		return st;
	}
	dbq_finish(q);
	*out = a;
	*n = len;
	return IBIS_OK;
}

enum ibis_status db_plan_insert(struct db *db, struct plan *p, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	if ((p->pupil_id == 0) == (p->group_id == 0))
		return dbi_fail(err, DBF_CONSTRAINT,
				"Een plan hoort bij een leerling of bij een groep (niet bij "
				"allebei).");
	dbq_prepare(&q, db, SQL_PLAN_INSERT);
	dbq_bind_id(&q, ":pupil", p->pupil_id);
	dbq_bind_id(&q, ":group", p->group_id);
	dbi_bind_plan(&q, p);
	if ((st = dbq_exec(&q, err)) != IBIS_OK) {
		if (q.rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			dbi_message(err, "De leerling of groep van dit plan bestaat niet.");
		return st;
	}
	p->id = dbi_last_id(db);
	p->version = 1;
	return IBIS_OK;
}

enum ibis_status db_plan_set_field(struct db *db, ibis_id plan_id, const char *key,
				   const char *value, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	dbq_prepare(&q, db, SQL_PLAN_SET_FIELD);
	dbq_bind_id(&q, ":plan", plan_id);
	dbq_bind_opt(&q, ":key", key);
	dbq_bind_opt(&q, ":value", value);
	if ((st = dbq_exec(&q, err)) != IBIS_OK && q.rc == SQLITE_CONSTRAINT_FOREIGNKEY)
		dbi_message(err, "Plan %lld bestaat niet.", (long long)plan_id);
	return st;
}

enum ibis_status db_goal_insert(struct db *db, struct goal *g, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	dbq_prepare(&q, db, SQL_GOAL_INSERT);
	dbq_bind_id(&q, ":plan", g->plan_id);
	dbi_bind_goal(&q, g);
	if ((st = dbq_exec(&q, err)) != IBIS_OK) {
		if (q.rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			dbi_message(err, "Plan %lld bestaat niet.", (long long)g->plan_id);
		return st;
	}
	g->id = dbi_last_id(db);
	g->version = 1;
	return IBIS_OK;
}

static const char SQL_PLAN_GET_FIELD[] =
	"SELECT value FROM plan_fields WHERE plan_id = :plan AND key = :key";
static const char SQL_GOAL_LIST[] =
	"SELECT id, plan_id, area, long_term, body, target_date, result, evaluation, version"
	" FROM goals WHERE plan_id = :plan ORDER BY long_term DESC, id";

enum ibis_status db_plan_get_field(struct db *db, ibis_id plan_id, const char *key, char **out,
				   struct ibis_error *err)
{
	struct dbq q;

	dbq_prepare(&q, db, SQL_PLAN_GET_FIELD);
	dbq_bind_id(&q, ":plan", plan_id);
	dbq_bind_text(&q, ":key", key ? key : "");
	return dbq_one_text(&q, out, err);
}

enum ibis_status db_goal_list(struct db *db, ibis_id plan_id, struct goal **out, int *n,
			      struct ibis_error *err)
{
	struct goal *a = NULL;
	int len = 0, cap = 0, rc;
	struct dbq q;

	dbq_prepare(&q, db, SQL_GOAL_LIST);
	dbq_bind_id(&q, ":plan", plan_id);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		a = dbi_grow(a, len, &cap, sizeof(*a));
		struct goal *g = &a[len++];
		memset(g, 0, sizeof(*g));
		g->id = dbq_id(&q, 0);
		g->plan_id = dbq_id(&q, 1);
		g->area = dbq_int_or(&q, 2, 0);
		g->long_term = dbq_bool(&q, 3);
		g->text = dbq_text(&q, 4);
		g->target = dbq_date(&q, 5);
		if (!goal_result_parse(dbq_text_ref(&q, 6), &g->result))
			g->result = GOAL_OPEN;
		g->evaluation = dbq_text(&q, 7);
		g->version = (int)dbq_int(&q, 8);
	}
	if (rc != SQLITE_DONE) {
		enum ibis_status st = dbq_fail(&q, err);
		dbq_finish(&q);
		for (int i = 0; i < len; i++)
			goal_clear(&a[i]);
		free(a);
		*out = NULL;
		*n = 0;
		return st;
	}
	dbq_finish(&q);
	*out = a;
	*n = len;
	return IBIS_OK;
}

enum ibis_status db_plan_list(struct db *db, ibis_id pupil_id, struct plan **out, int *n,
			      struct ibis_error *err)
{
	struct dbq q;

	dbq_prepare(&q, db, SQL_PLAN_LIST);
	dbq_bind_id(&q, ":pupil", pupil_id);
	return dbi_read_plans(&q, out, n, err);
}
