/* jaarovergang.c - see db_jaarovergang.h: reading what the plan of a
 * jaarovergang needs and applying it in one transaction.
 *
 * The checks of db_jaarovergang_apply run inside its transaction (BEGIN
 * IMMEDIATE holds the write lock), so a colleague applying the same
 * jaarovergang at the same moment finds it done instead of doubling it.
 */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "ibis/db_jaarovergang.h"
#include "ibis/text.h"
#include "ibis/util.h"

/* ================================================================= reads */

/* One row: the UNIQUE (school_id, school_year, name) index finds the groups,
 * group_members_group their members. */
static const char SQL_JOV_STATE[] =
	"SELECT count(DISTINCT g.id), count(gm.id) FROM groups g"
	" LEFT JOIN group_members gm ON gm.group_id = g.id"
	" WHERE g.school_id = :school AND g.school_year = :year";
static const char SQL_JOV_SCHOOL[] = "SELECT name FROM schools WHERE id = :school";
static const char SQL_JOV_GROUPS[] =
	"SELECT id, name, kind, jaargroep_min, jaargroep_max FROM groups"
	" WHERE school_id = :school AND school_year = :year"
	" ORDER BY jaargroep_min, name, id";
/* The school's pupils at school in name order (the partial index
 * pupils_active_school_sort), each with the group of both years (the UNIQUE
 * (pupil_id, school_year) index of group_members). Only a group of this
 * school counts for Y: a membership elsewhere gives no jaargroep to go on.
 * Any group of Y+1 counts as placed, since a pupil has one group a year. */
static const char SQL_JOV_PUPILS[] =
	"SELECT p.id, p.first_name, p.tussenvoegsel, p.last_name, p.number,"
	" gm.group_id, gm.jaargroep, gn_group.name, gn.jaargroep"
	" FROM pupils p"
	" LEFT JOIN (group_members gm JOIN groups g ON g.id = gm.group_id"
	" AND g.school_id = :school)"
	" ON gm.pupil_id = p.id AND gm.school_year = :year"
	" LEFT JOIN group_members gn ON gn.pupil_id = p.id AND gn.school_year = :next"
	" LEFT JOIN groups gn_group ON gn_group.id = gn.group_id"
	" WHERE p.school_id = :school AND p.left_date IS NULL"
	" ORDER BY p.sort_key, p.id";

enum ibis_status db_jaarovergang_state(struct db *db, ibis_id school_id, int year,
				       struct jov_year_state *out, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct dbq q;
	int rc;

	memset(out, 0, sizeof(*out));
	dbq_prepare(&q, db, SQL_JOV_STATE);
	dbq_bind_id(&q, ":school", school_id);
	dbq_bind_int(&q, ":year", year);
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		out->groups = (int)dbq_int(&q, 0);
		out->members = (int)dbq_int(&q, 1);
	} else if (rc != SQLITE_DONE) {
		st = dbq_fail(&q, err);
	}
	dbq_finish(&q);
	return st;
}

static enum ibis_status read_groups(struct db *db, ibis_id school_id, int year,
				    struct jov_group **out, int *n, struct ibis_error *err)
{
	struct jov_group *a = NULL;
	int len = 0, cap = 0, rc;
	struct dbq q;

	dbq_prepare(&q, db, SQL_JOV_GROUPS);
	dbq_bind_id(&q, ":school", school_id);
	dbq_bind_int(&q, ":year", year);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		a = dbi_grow(a, len, &cap, sizeof(*a));
		struct jov_group *g = &a[len++];
		memset(g, 0, sizeof(*g));
		g->id = dbq_id(&q, 0);
		g->name = dbq_text(&q, 1);
		if (!group_kind_parse(dbq_text_ref(&q, 2), &g->kind))
			g->kind = GROUP_REGULAR;
		g->jaargroep_min = (int)dbq_int(&q, 3);
		g->jaargroep_max = (int)dbq_int(&q, 4);
		g->source = -1;
	}
	/* handed over also on failure, so the caller's free covers them */
	*out = a;
	*n = len;
	enum ibis_status st = rc == SQLITE_DONE ? IBIS_OK : dbq_fail(&q, err);
	dbq_finish(&q);
	return st;
}

static enum ibis_status read_pupils(struct db *db, struct jov_input *in, struct ibis_error *err)
{
	int cap = 0, rc;
	struct dbq q;

	dbq_prepare(&q, db, SQL_JOV_PUPILS);
	dbq_bind_id(&q, ":school", in->school_id);
	dbq_bind_int(&q, ":year", in->year);
	dbq_bind_int(&q, ":next", in->year + 1);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		in->pupils = dbi_grow(in->pupils, in->npupils, &cap, sizeof(*in->pupils));
		struct jov_pupil *p = &in->pupils[in->npupils++];
		memset(p, 0, sizeof(*p));
		p->id = dbq_id(&q, 0);
		p->name = name_display(dbq_text_ref(&q, 1), dbq_text_ref(&q, 2), dbq_text_ref(&q, 3));
		p->number = dbq_text(&q, 4);
		p->group_id = dbq_id(&q, 5);
		p->jaargroep = dbq_int_or(&q, 6, -1);
		p->placed_in = dbq_text(&q, 7);
		p->placed_jaargroep = dbq_int_or(&q, 8, -1);
	}
	enum ibis_status st = rc == SQLITE_DONE ? IBIS_OK : dbq_fail(&q, err);
	dbq_finish(&q);
	return st;
}

enum ibis_status db_jaarovergang_load(struct db *db, ibis_id school_id, int year,
				      struct jov_input *in, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	memset(in, 0, sizeof(*in));
	in->school_id = school_id;
	in->year = year;
	dbq_prepare(&q, db, SQL_JOV_SCHOOL);
	dbq_bind_id(&q, ":school", school_id);
	if ((st = dbq_one_text(&q, &in->school_name, err)) != IBIS_OK)
		return st;
	if (!in->school_name)
		return ibis_fail(err, IBIS_EINPUT, "School %lld bestaat niet.", (long long)school_id);
	if ((st = read_groups(db, school_id, year, &in->from, &in->nfrom, err)) != IBIS_OK ||
	    (st = read_groups(db, school_id, year + 1, &in->to, &in->nto, err)) != IBIS_OK)
		return st;
	return read_pupils(db, in, err);
}

/* ================================================================= apply */

static const char SQL_JOV_COUNT_GROUPS[] =
	"SELECT count(*) FROM groups WHERE school_id = :school AND school_year = :year";
static const char SQL_JOV_GROUP_THERE[] =
	"SELECT count(*) FROM groups WHERE id = :id AND school_id = :school AND school_year = :year";
static const char SQL_JOV_PLACED[] =
	"SELECT g.name FROM group_members gm JOIN groups g ON g.id = gm.group_id"
	" WHERE gm.pupil_id = :pupil AND gm.school_year = :year";
static const char SQL_JOV_GROUP_INSERT[] =
	"INSERT INTO groups (school_id, name, school_year, kind, jaargroep_min, jaargroep_max)"
	" VALUES (:school, :name, :year, :kind, :min, :max)";
/* Only a pupil of the school who is still at school gets a group. */
static const char SQL_JOV_MEMBER_INSERT[] =
	"INSERT INTO group_members (group_id, pupil_id, school_year, jaargroep)"
	" SELECT :group, p.id, :year, :jaargroep FROM pupils p"
	" WHERE p.id = :pupil AND p.school_id = :school AND p.left_date IS NULL";
static const char SQL_JOV_LEAVE[] =
	"UPDATE pupils SET left_date = :left, destination = :dest, version = version + 1"
	" WHERE id = :pupil AND school_id = :school AND left_date IS NULL";
static const char SQL_JOV_AUDIT[] =
	"INSERT INTO audit (login, action, table_name, record_id)"
	" VALUES (:login, :action, :table, :id)";

static enum ibis_status audit(struct db *db, const char *login, const char *action,
			      const char *table, ibis_id id, struct ibis_error *err)
{
	struct dbq q;
	if (str_empty(login))
		return IBIS_OK;
	dbq_prepare(&q, db, SQL_JOV_AUDIT);
	dbq_bind_text(&q, ":login", login);
	dbq_bind_text(&q, ":action", action);
	dbq_bind_text(&q, ":table", table);
	dbq_bind_id(&q, ":id", id);
	return dbq_exec(&q, err);
}

static enum ibis_status count_one(struct dbq *q, long long *n, struct ibis_error *err)
{
	*n = 0;
	return dbq_one_int(q, n, NULL, err);
}

/* The groups of Y+1 are still what the plan was made on. */
static enum ibis_status check_groups(struct db *db, const struct jov_plan *plan,
				     struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;
	long long n;
	char year[16];
	schoolyear_format(plan->year + 1, year);

	if (plan->makes_groups) {
		dbq_prepare(&q, db, SQL_JOV_COUNT_GROUPS);
		dbq_bind_id(&q, ":school", plan->school_id);
		dbq_bind_int(&q, ":year", plan->year + 1);
		if ((st = count_one(&q, &n, err)) != IBIS_OK)
			return st;
		if (n > 0)
			return dbi_fail(err, DBF_CONFLICT,
					"Intussen zijn er groepen voor %s gemaakt; bekijk de "
					"jaarovergang opnieuw.", year);
		return IBIS_OK;
	}
	for (int i = 0; i < plan->nto; i++) {
		dbq_prepare(&q, db, SQL_JOV_GROUP_THERE);
		dbq_bind_id(&q, ":id", plan->to[i].id);
		dbq_bind_id(&q, ":school", plan->school_id);
		dbq_bind_int(&q, ":year", plan->year + 1);
		if ((st = count_one(&q, &n, err)) != IBIS_OK)
			return st;
		if (n == 0)
			return dbi_fail(err, DBF_CONFLICT,
					"Groep %s van %s is er niet meer; bekijk de jaarovergang "
					"opnieuw.", plan->to[i].name, year);
	}
	return IBIS_OK;
}

/* Nobody the plan moves is in a group of Y+1 yet. */
static enum ibis_status check_not_done(struct db *db, const struct jov_plan *plan,
				       struct ibis_error *err)
{
	char y[16], y1[16];
	schoolyear_format(plan->year, y);
	schoolyear_format(plan->year + 1, y1);
	for (int i = 0; i < plan->nmoves; i++) {
		const struct jov_move *m = &plan->moves[i];
		if (m->outcome != JOV_MOVE && m->outcome != JOV_LEAVES)
			continue;
		struct dbq q;
		char *name = NULL;
		enum ibis_status st;
		dbq_prepare(&q, db, SQL_JOV_PLACED);
		dbq_bind_id(&q, ":pupil", m->pupil_id);
		dbq_bind_int(&q, ":year", plan->year + 1);
		if ((st = dbq_one_text(&q, &name, err)) != IBIS_OK)
			return st;
		if (name) {
			ibis_fail(err, IBIS_EINPUT,
				  "De jaarovergang van %s naar %s is al uitgevoerd: %s (%lld) zit al "
				  "in groep %s van %s. Er is niets gewijzigd.", y, y1, m->name,
				  (long long)m->pupil_id, name, y1);
			free(name);
			return IBIS_EINPUT;
		}
	}
	return IBIS_OK;
}

static enum ibis_status make_groups(struct db *db, const struct jov_plan *plan, ibis_id *ids,
				    const char *login, struct jov_result *res,
				    struct ibis_error *err)
{
	enum ibis_status st;
	for (int i = 0; i < plan->nto; i++) {
		const struct jov_group *g = &plan->to[i];
		ids[i] = g->id;
		if (g->id)
			continue;
		struct dbq q;
		dbq_prepare(&q, db, SQL_JOV_GROUP_INSERT);
		dbq_bind_id(&q, ":school", plan->school_id);
		dbq_bind_opt(&q, ":name", g->name);
		dbq_bind_int(&q, ":year", plan->year + 1);
		dbq_bind_text(&q, ":kind", group_kind_name(g->kind));
		dbq_bind_int(&q, ":min", g->jaargroep_min);
		dbq_bind_int(&q, ":max", g->jaargroep_max);
		if ((st = dbq_exec(&q, err)) != IBIS_OK)
			return st;
		ids[i] = dbi_last_id(db);
		res->groups_made++;
		if ((st = audit(db, login, "toegevoegd", "groups", ids[i], err)) != IBIS_OK)
			return st;
	}
	return IBIS_OK;
}

static enum ibis_status gone(const struct jov_move *m, struct ibis_error *err)
{
	return ibis_fail(err, IBIS_EINPUT,
			 "%s (%lld) is intussen vertrokken of niet meer van deze school; bekijk de "
			 "jaarovergang opnieuw. Er is niets gewijzigd.", m->name,
			 (long long)m->pupil_id);
}

/* Run the statement of one move; when it changed nothing, the pupil is no
 * longer where the plan saw them. */
static enum ibis_status move_exec(struct db *db, struct dbq *q, const struct jov_move *m,
				  struct ibis_error *err)
{
	enum ibis_status st = dbq_exec(q, err);
	if (st == IBIS_OK && dbi_changes(db) == 0)
		st = gone(m, err);
	return st;
}

static enum ibis_status write_moves(struct db *db, const struct jov_plan *plan,
				    const ibis_id *ids, const char *login,
				    struct jov_result *res, struct ibis_error *err)
{
	enum ibis_status st;
	for (int i = 0; i < plan->nmoves; i++) {
		const struct jov_move *m = &plan->moves[i];
		struct dbq q;
		if (m->outcome == JOV_MOVE) {
			dbq_prepare(&q, db, SQL_JOV_MEMBER_INSERT);
			dbq_bind_id(&q, ":group", ids[m->to]);
			dbq_bind_int(&q, ":year", plan->year + 1);
			dbq_bind_int(&q, ":jaargroep", m->to_jaargroep);
			dbq_bind_id(&q, ":pupil", m->pupil_id);
			dbq_bind_id(&q, ":school", plan->school_id);
			if ((st = move_exec(db, &q, m, err)) != IBIS_OK)
				return st;
			res->moved++;
			st = audit(db, login, "toegevoegd", "group_members", dbi_last_id(db), err);
		} else if (m->outcome == JOV_LEAVES) {
			dbq_prepare(&q, db, SQL_JOV_LEAVE);
			dbq_bind_date(&q, ":left", plan->leave_date);
			dbq_bind_text(&q, ":dest", leave_destination_name(m->dest));
			dbq_bind_id(&q, ":pupil", m->pupil_id);
			dbq_bind_id(&q, ":school", plan->school_id);
			if ((st = move_exec(db, &q, m, err)) != IBIS_OK)
				return st;
			res->left++;
			st = audit(db, login, "gewijzigd", "pupils", m->pupil_id, err);
		} else {
			continue;
		}
		if (st != IBIS_OK)
			return st;
	}
	return IBIS_OK;
}

enum ibis_status db_jaarovergang_apply(struct db *db, const struct jov_plan *plan,
				       const char *login, struct jov_result *res,
				       struct ibis_error *err)
{
	enum ibis_status st;
	struct jov_result r = {0};
	struct dbi_scope scope;
	char y[16], y1[16];
	schoolyear_format(plan->year, y);
	schoolyear_format(plan->year + 1, y1);

	if (res)
		memset(res, 0, sizeof(*res));
	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	if (jov_plan_done(plan))
		return ibis_fail(err, IBIS_EINPUT,
				 "De jaarovergang van %s naar %s is al uitgevoerd. Er is niets "
				 "gewijzigd.", y, y1);
	if (!jov_plan_ready(plan)) {
		struct jov_counts c;
		jov_count(plan, &c);
		if (c.unplaced)
			return ibis_fail(err, IBIS_EINPUT,
					 "%d %s nog geen groep in %s; kies eerst een groep. Er is "
					 "niets gewijzigd.", c.unplaced,
					 c.unplaced == 1 ? "leerling heeft" : "leerlingen hebben", y1);
		return ibis_fail(err, IBIS_EINPUT,
				 "Er is bij de jaarovergang van %s naar %s niets te doen.", y, y1);
	}

	if ((st = dbi_scope_begin(db, &scope, err)) != IBIS_OK)
		return st;
	ibis_id *ids = xcalloc((size_t)plan->nto + 1, sizeof(*ids));
	if ((st = check_groups(db, plan, err)) == IBIS_OK &&
	    (st = check_not_done(db, plan, err)) == IBIS_OK &&
	    (st = make_groups(db, plan, ids, login, &r, err)) == IBIS_OK &&
	    (st = write_moves(db, plan, ids, login, &r, err)) == IBIS_OK)
		st = dbi_scope_commit(db, &scope, err);
	else
		dbi_scope_rollback(db, &scope);
	free(ids);
	if (st == IBIS_OK && res)
		*res = r;
	return st;
}
