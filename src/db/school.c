/* school.c - schools, groups, group members and teachers. */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "ibis/db_school.h"
#include "ibis/text.h"
#include "ibis/util.h"

/* ================================================================ schools */

static const char SQL_SCHOOL_INSERT[] =
	"INSERT INTO schools (name, brin, level_model, groepsbesprekingen)"
	" VALUES (:name, :brin, :model, :norm)";
#define SCHOOL_COLS "id, name, brin, level_model, groepsbesprekingen, version"
static const char SQL_SCHOOL_GET[] = "SELECT " SCHOOL_COLS " FROM schools WHERE id = :id";
static const char SQL_SCHOOL_LIST[] = "SELECT " SCHOOL_COLS " FROM schools ORDER BY name, id";

static void school_read(struct dbq *q, struct school *s)
{
	s->id = dbq_id(q, 0);
	s->name = dbq_text(q, 1);
	s->brin = dbq_text(q, 2);
	s->level_model = dbq_text(q, 3);
	s->groepsbesprekingen = (int)dbq_int(q, 4);
	s->version = (int)dbq_int(q, 5);
}

enum ibis_status db_school_insert(struct db *db, struct school *s, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	dbq_prepare(&q, db, SQL_SCHOOL_INSERT);
	dbq_bind_opt(&q, ":name", s->name);
	dbq_bind_opt(&q, ":brin", s->brin);
	dbq_bind_opt(&q, ":model", s->level_model);
	dbq_bind_int(&q, ":norm", s->groepsbesprekingen);
	if ((st = dbq_exec(&q, err)) != IBIS_OK) {
		if (q.rc == SQLITE_CONSTRAINT_UNIQUE)
			dbi_message(err, "Er is al een school met BRIN-code %s.", s->brin);
		return st;
	}
	s->id = dbi_last_id(db);
	s->version = 1;
	return IBIS_OK;
}

enum ibis_status db_school_get(struct db *db, ibis_id id, struct school *s, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct dbq q;
	int rc;

	school_clear(s);
	dbq_prepare(&q, db, SQL_SCHOOL_GET);
	dbq_bind_int(&q, ":id", id);
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW)
		school_read(&q, s);
	else if (rc == SQLITE_DONE)
		st = ibis_fail(err, IBIS_EINPUT, "School %lld bestaat niet.", (long long)id);
	else
		st = dbq_fail(&q, err);
	dbq_finish(&q);
	return st;
}

enum ibis_status db_school_list(struct db *db, struct school **out, int *n, struct ibis_error *err)
{
	struct school *a = NULL;
	int len = 0, cap = 0, rc;
	struct dbq q;

	dbq_prepare(&q, db, SQL_SCHOOL_LIST);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		a = dbi_grow(a, len, &cap, sizeof(*a));
		memset(&a[len], 0, sizeof(*a));
		school_read(&q, &a[len++]);
	}
	if (rc != SQLITE_DONE) {
		enum ibis_status st = dbq_fail(&q, err);
		dbq_finish(&q);
		schools_free(a, len);
		*out = NULL;
		*n = 0;
		return st;
	}
	dbq_finish(&q);
	*out = a;
	*n = len;
	return IBIS_OK;
}

/* ================================================================= groups */

static const char SQL_GROUP_INSERT[] =
	"INSERT INTO groups (school_id, name, school_year, kind, jaargroep_min, jaargroep_max)"
	" VALUES (:school, :name, :year, :kind, :min, :max)";
#define GROUP_COLS "id, school_id, name, school_year, kind, jaargroep_min, jaargroep_max, version"
static const char SQL_GROUP_GET[] = "SELECT " GROUP_COLS " FROM groups WHERE id = :id";
/* Small per school and year; the UNIQUE (school_id, school_year, name) index
 * finds them. */
static const char SQL_GROUP_LIST[] =
	"SELECT " GROUP_COLS " FROM groups"
	" WHERE (:school = 0 OR school_id = :school) AND school_year = :year"
	" ORDER BY jaargroep_min, name, id";
static const char SQL_GROUP_ADD_MEMBER[] =
	"INSERT INTO group_members (group_id, pupil_id, school_year, jaargroep)"
	" SELECT id, :pupil, school_year, :jaargroep FROM groups WHERE id = :group";
static const char SQL_GROUP_ADD_TEACHER[] =
	"INSERT INTO group_teachers (group_id, name, user_id) VALUES (:group, :name, :user)";
/* Teachers in the order they were added (the index walks rowids). */
static const char SQL_GROUP_TEACHERS[] =
	"SELECT group_concat(name, ', ') FROM group_teachers WHERE group_id = :group";

static void group_read(struct dbq *q, struct group *g)
{
	g->id = dbq_id(q, 0);
	g->school_id = dbq_id(q, 1);
	g->name = dbq_text(q, 2);
	g->school_year = (int)dbq_int(q, 3);
	if (!group_kind_parse(dbq_text_ref(q, 4), &g->kind))
		g->kind = GROUP_REGULAR;
	g->jaargroep_min = (int)dbq_int(q, 5);
	g->jaargroep_max = (int)dbq_int(q, 6);
	g->version = (int)dbq_int(q, 7);
}

enum ibis_status db_group_insert(struct db *db, struct group *g, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	dbq_prepare(&q, db, SQL_GROUP_INSERT);
	dbq_bind_id(&q, ":school", g->school_id);
	dbq_bind_opt(&q, ":name", g->name);
	dbq_bind_int(&q, ":year", g->school_year);
	dbq_bind_text(&q, ":kind", group_kind_name(g->kind));
	dbq_bind_int(&q, ":min", g->jaargroep_min);
	dbq_bind_int(&q, ":max", g->jaargroep_max);
	if ((st = dbq_exec(&q, err)) != IBIS_OK) {
		if (q.rc == SQLITE_CONSTRAINT_UNIQUE) {
			char year[16];
			dbi_message(err, "Er is in %s al een groep %s.",
				    schoolyear_format(g->school_year, year), g->name);
		}
		return st;
	}
	g->id = dbi_last_id(db);
	g->version = 1;
	return IBIS_OK;
}

enum ibis_status db_group_get(struct db *db, ibis_id id, struct group *g, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct dbq q;
	int rc;

	group_clear(g);
	dbq_prepare(&q, db, SQL_GROUP_GET);
	dbq_bind_int(&q, ":id", id);
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW)
		group_read(&q, g);
	else if (rc == SQLITE_DONE)
		st = ibis_fail(err, IBIS_EINPUT, "Groep %lld bestaat niet.", (long long)id);
	else
		st = dbq_fail(&q, err);
	dbq_finish(&q);
	return st;
}

enum ibis_status db_group_list(struct db *db, ibis_id school_id, int school_year,
			       struct group **out, int *n, struct ibis_error *err)
{
	struct group *a = NULL;
	int len = 0, cap = 0, rc;
	struct dbq q;

	dbq_prepare(&q, db, SQL_GROUP_LIST);
	dbq_bind_int(&q, ":school", school_id);
	dbq_bind_int(&q, ":year", school_year);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		a = dbi_grow(a, len, &cap, sizeof(*a));
		memset(&a[len], 0, sizeof(*a));
		group_read(&q, &a[len++]);
	}
	if (rc != SQLITE_DONE) {
		enum ibis_status st = dbq_fail(&q, err);
		dbq_finish(&q);
		groups_free(a, len);
		*out = NULL;
		*n = 0;
		return st;
	}
	dbq_finish(&q);
	*out = a;
	*n = len;
	return IBIS_OK;
}

enum ibis_status db_group_add_member(struct db *db, ibis_id group_id, ibis_id pupil_id,
				     int jaargroep, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	dbq_prepare(&q, db, SQL_GROUP_ADD_MEMBER);
	dbq_bind_id(&q, ":group", group_id);
	dbq_bind_id(&q, ":pupil", pupil_id);
	dbq_bind_int(&q, ":jaargroep", jaargroep);
	if ((st = dbq_exec(&q, err)) != IBIS_OK) {
		if (q.rc == SQLITE_CONSTRAINT_UNIQUE)
			dbi_message(err, "Leerling %lld zit dat schooljaar al in een groep.",
				    (long long)pupil_id);
		else if (q.rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			dbi_message(err, "Leerling %lld bestaat niet.", (long long)pupil_id);
		return st;
	}
	if (dbi_changes(db) == 0)
		return dbi_fail(err, DBF_CONSTRAINT, "Groep %lld bestaat niet.", (long long)group_id);
	return IBIS_OK;
}

enum ibis_status db_group_add_teacher(struct db *db, ibis_id group_id, const char *name,
				      ibis_id user_id, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	dbq_prepare(&q, db, SQL_GROUP_ADD_TEACHER);
	dbq_bind_id(&q, ":group", group_id);
	dbq_bind_opt(&q, ":name", name);
	dbq_bind_id(&q, ":user", user_id);
	return dbq_exec(&q, err);
}

enum ibis_status db_group_teachers(struct db *db, ibis_id group_id, char **out,
				   struct ibis_error *err)
{
	struct dbq q;

	dbq_prepare(&q, db, SQL_GROUP_TEACHERS);
	dbq_bind_id(&q, ":group", group_id);
	return dbq_one_text(&q, out, err);
}

/* =========================================================== group edits */

static const char SQL_GROUP_UPDATE[] =
	"UPDATE groups SET name = :name, kind = :kind, jaargroep_min = :min, jaargroep_max = :max,"
	" version = version + 1 WHERE id = :id AND version = :version";
static const char SQL_GROUP_EXISTS[] = "SELECT count(*) FROM groups WHERE id = :id";
/* Members whose own jaargroep the new range would leave outside. */
static const char SQL_GROUP_OUTSIDE[] =
	"SELECT count(*) FROM group_members WHERE group_id = :id"
	" AND (jaargroep < :min OR jaargroep > :max)";

enum ibis_status db_group_update(struct db *db, struct group *g, struct ibis_error *err)
{
	enum ibis_status st;
	long long n = 0;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	if (str_empty(g->name))
		return dbi_fail(err, DBF_CONSTRAINT, "De naam van de groep is verplicht.");
	if (g->jaargroep_min < 0 || g->jaargroep_max > 8 || g->jaargroep_min > g->jaargroep_max)
		return dbi_fail(err, DBF_CONSTRAINT,
				"Jaargroepen lopen van 0 tot en met 8, de laagste eerst.");
	dbq_prepare(&q, db, SQL_GROUP_OUTSIDE);
	dbq_bind_id(&q, ":id", g->id);
	dbq_bind_int(&q, ":min", g->jaargroep_min);
	dbq_bind_int(&q, ":max", g->jaargroep_max);
	if ((st = dbq_one_int(&q, &n, NULL, err)) != IBIS_OK)
		return st;
	if (n > 0)
		return dbi_fail(err, DBF_CONSTRAINT,
				"%lld leerling%s van groep %s zit%s in een jaargroep buiten %d-%d.", n,
				n == 1 ? "" : "en", g->name, n == 1 ? "" : "ten", g->jaargroep_min,
				g->jaargroep_max);
	dbq_prepare(&q, db, SQL_GROUP_UPDATE);
	dbq_bind_opt(&q, ":name", g->name);
	dbq_bind_text(&q, ":kind", group_kind_name(g->kind));
	dbq_bind_int(&q, ":min", g->jaargroep_min);
	dbq_bind_int(&q, ":max", g->jaargroep_max);
	dbq_bind_id(&q, ":id", g->id);
	dbq_bind_int(&q, ":version", g->version);
	if ((st = dbq_exec(&q, err)) != IBIS_OK) {
		if (q.rc == SQLITE_CONSTRAINT_UNIQUE) {
			char year[16];
			dbi_message(err, "Er is in %s al een groep %s.",
				    schoolyear_format(g->school_year, year), g->name);
		}
		return st;
	}
	if (dbi_changes(db) == 1) {
		g->version++;
		return IBIS_OK;
	}
	dbq_prepare(&q, db, SQL_GROUP_EXISTS);
	dbq_bind_id(&q, ":id", g->id);
	if ((st = dbq_one_int(&q, &n, NULL, err)) != IBIS_OK)
		return st;
	if (!n)
		return ibis_fail(err, IBIS_EINPUT, "Groep %lld bestaat niet (meer).", (long long)g->id);
	dbi_fail(err, DBF_CONFLICT,
		 "Groep %s is intussen door iemand anders gewijzigd; uw wijzigingen zijn niet "
		 "opgeslagen.",
		 g->name);
	ibis_detail(err, "groups.id %lld is no longer at version %d", (long long)g->id, g->version);
	return IBIS_EDB;
}

static const char SQL_GROUP_MEMBERS_ALL[] =
	"SELECT count(*) FROM group_members WHERE group_id = :id";
static const char SQL_GROUP_DELETE[] = "DELETE FROM groups WHERE id = :id";

enum ibis_status db_group_delete(struct db *db, ibis_id group_id, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbi_scope scope;
	long long n = 0;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	/* The count and the delete in one transaction, so that nobody adds a
	 * pupil in between. */
	if ((st = dbi_scope_begin(db, &scope, err)) != IBIS_OK)
		return st;
	dbq_prepare(&q, db, SQL_GROUP_MEMBERS_ALL);
	dbq_bind_id(&q, ":id", group_id);
	if ((st = dbq_one_int(&q, &n, NULL, err)) != IBIS_OK)
		goto fail;
	if (n > 0) {
		st = dbi_fail(err, DBF_CONSTRAINT,
			      "De groep heeft %lld leerling%s; zet %s eerst in een andere groep.", n,
			      n == 1 ? "" : "en", n == 1 ? "die" : "ze");
		goto fail;
	}
	dbq_prepare(&q, db, SQL_GROUP_DELETE);
	dbq_bind_id(&q, ":id", group_id);
	if ((st = dbq_exec(&q, err)) != IBIS_OK)
		goto fail;
	if (dbi_changes(db) != 1) {
		st = ibis_fail(err, IBIS_EINPUT, "Groep %lld bestaat niet.", (long long)group_id);
		goto fail;
	}
	return dbi_scope_commit(db, &scope, err);
fail:
	dbi_scope_rollback(db, &scope);
	return st;
}

/* UNIQUE (school_id, school_year, name) narrows to the groups of the school
 * and year; NOCASE compares those few. */
static const char SQL_GROUP_FIND[] =
	"SELECT id FROM groups WHERE school_id = :school AND school_year = :year"
	" AND name = :name COLLATE NOCASE ORDER BY name = :name DESC, id LIMIT 1";

enum ibis_status db_group_find(struct db *db, ibis_id school_id, int school_year,
			       const char *name, ibis_id *id, struct ibis_error *err)
{
	long long found = 0;
	struct dbq q;

	*id = 0;
	if (str_empty(name))
		return IBIS_OK;
	dbq_prepare(&q, db, SQL_GROUP_FIND);
	dbq_bind_id(&q, ":school", school_id);
	dbq_bind_int(&q, ":year", school_year);
	dbq_bind_text(&q, ":name", name);
	enum ibis_status st = dbq_one_int(&q, &found, NULL, err);
	*id = found;
	return st;
}

static const char SQL_GROUP_COUNT_MEMBERS[] =
	"SELECT count(*) FROM group_members gm JOIN pupils p ON p.id = gm.pupil_id"
	" WHERE gm.group_id = :id AND p.left_date IS NULL";

enum ibis_status db_group_count_members(struct db *db, ibis_id group_id, int *n,
					struct ibis_error *err)
{
	long long count = 0;
	struct dbq q;

	dbq_prepare(&q, db, SQL_GROUP_COUNT_MEMBERS);
	dbq_bind_id(&q, ":id", group_id);
	enum ibis_status st = dbq_one_int(&q, &count, NULL, err);
	*n = (int)count;
	return st;
}

static const char SQL_TEACHERS_LAST[] =
	"SELECT coalesce(max(id), 0) FROM group_teachers WHERE group_id = :group";
/* A teacher who stays keeps the user account linked to the name. */
static const char SQL_TEACHER_REPLACE[] =
	"INSERT INTO group_teachers (group_id, name, user_id) VALUES (:group, :name,"
	" (SELECT user_id FROM group_teachers WHERE group_id = :group AND name = :name"
	"  AND id <= :last AND user_id IS NOT NULL LIMIT 1))";
static const char SQL_TEACHERS_DROP_OLD[] =
	"DELETE FROM group_teachers WHERE group_id = :group AND id <= :last";

enum ibis_status db_group_set_teachers(struct db *db, ibis_id group_id, const char *const *names,
				       int n, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbi_scope scope;
	long long last = 0, exists = 0;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	for (int i = 0; i < n; i++)
		if (str_empty(names[i]))
			return dbi_fail(err, DBF_CONSTRAINT, "Een leerkracht heeft een naam.");
	if ((st = dbi_scope_begin(db, &scope, err)) != IBIS_OK)
		return st;
	dbq_prepare(&q, db, SQL_GROUP_EXISTS);
	dbq_bind_id(&q, ":id", group_id);
	if ((st = dbq_one_int(&q, &exists, NULL, err)) != IBIS_OK)
		goto fail;
	if (!exists) {
		st = ibis_fail(err, IBIS_EINPUT, "Groep %lld bestaat niet.", (long long)group_id);
		goto fail;
	}
	dbq_prepare(&q, db, SQL_TEACHERS_LAST);
	dbq_bind_id(&q, ":group", group_id);
	if ((st = dbq_one_int(&q, &last, NULL, err)) != IBIS_OK)
		goto fail;
	/* New rows first (ids above last, in the order given), then the old
	 * ones go. */
	for (int i = 0; i < n; i++) {
		dbq_prepare(&q, db, SQL_TEACHER_REPLACE);
		dbq_bind_id(&q, ":group", group_id);
		dbq_bind_text(&q, ":name", names[i]);
		dbq_bind_int(&q, ":last", last);
		if ((st = dbq_exec(&q, err)) != IBIS_OK)
			goto fail;
	}
	dbq_prepare(&q, db, SQL_TEACHERS_DROP_OLD);
	dbq_bind_id(&q, ":group", group_id);
	dbq_bind_int(&q, ":last", last);
	if ((st = dbq_exec(&q, err)) != IBIS_OK)
		goto fail;
	return dbi_scope_commit(db, &scope, err);
fail:
	dbi_scope_rollback(db, &scope);
	return st;
}

/* The groups of the school year through UNIQUE (school_id, school_year,
 * name), their teachers through group_teachers_group. Sorted here, on the
 * folded name, so that "Ĳsselmuiden" sorts with the I and not after Z. */
static const char SQL_TEACHER_NAMES[] =
	"SELECT DISTINCT t.name FROM groups g JOIN group_teachers t ON t.group_id = g.id"
	" WHERE (:school = 0 OR g.school_id = :school) AND g.school_year = :year";

struct teacher_key {
	char *key;
	char *name;
};

static int teacher_cmp(const void *a, const void *b)
{
	const struct teacher_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : strcmp(x->name, y->name);
}

enum ibis_status db_teacher_names(struct db *db, ibis_id school_id, int school_year,
				  struct strlist *out, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct dbq q;
	int rc;

	struct teacher_key *a = NULL;
	int len = 0, cap = 0;

	dbq_prepare(&q, db, SQL_TEACHER_NAMES);
	dbq_bind_int(&q, ":school", school_id);
	dbq_bind_int(&q, ":year", school_year);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		a = dbi_grow(a, len, &cap, sizeof(*a));
		a[len].name = dbq_text(&q, 0);
		a[len].key = text_fold(a[len].name);
		len++;
	}
	if (rc != SQLITE_DONE)
		st = dbq_fail(&q, err);
	dbq_finish(&q);
	if (len > 1)
		qsort(a, (size_t)len, sizeof(*a), teacher_cmp);
	for (int i = 0; i < len; i++) {
		if (st == IBIS_OK)
			sl_take(out, a[i].name);
		else
			free(a[i].name);
		free(a[i].key);
	}
	free(a);
	return st;
}
