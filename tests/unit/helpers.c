/* helpers.c - see helpers.h. */
#include "helpers.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ibis/db_event.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/util.h"

char *th_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl = xasprintf("%s/ibis-test-XXXXXX", str_empty(base) ? "/tmp" : base);
	if (!mkdtemp(tmpl))
		cr_assert_fail("mkdtemp %s: %s", tmpl, strerror(errno));
	return tmpl;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void th_rmtree(const char *dir)
{
	if (dir)
		nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *th_datadir(void)
{
	const char *d = getenv("IBIS_DATADIR");
	return str_empty(d) ? "data" : d;
}

const char *th_testdata(void)
{
	const char *d = getenv("IBIS_TEST_DATA");
	return str_empty(d) ? "tests/data" : d;
}

char *th_write(const char *dir, const char *name, const char *content)
{
	char *path = path_join(dir, name);
	/* create intermediate folders of name */
	for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0700);
		*p = '/';
	}
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "cannot write %s", path);
	fputs(content, f);
	fclose(f);
	return path;
}

struct db *th_db_new(char **dir)
{
	*dir = th_tmpdir();
	char *path = path_join(*dir, "test.db");
	struct db_options opt = {.path = path, .mode = DB_CREATE};
	struct ibis_error err = {0};
	struct db *db = NULL;
	enum ibis_status st = db_open(&db, &opt, &err);
	cr_assert_eq(st, IBIS_OK, "db_open %s: %s (%s)", path, err.message, err.detail);
	free(path);
	return db;
}

ibis_date th_ymd(int y, int m, int d)
{
	ibis_date out = DATE_NONE;
	cr_assert(date_from_ymd(y, m, d, &out), "%04d-%02d-%02d should exist", y, m, d);
	return out;
}

/* ================================================================ fixtures */

struct db *th_db;
char *th_dir;
char *th_path;

void th_tmp_setup(void)
{
	th_dir = th_tmpdir();
}

void th_tmp_teardown(void)
{
	th_rmtree(th_dir);
	free(th_dir);
	th_dir = NULL;
}

void th_db_setup(void)
{
	th_db = th_db_new(&th_dir);
	th_path = path_join(th_dir, "test.db");
}

void th_db_teardown(void)
{
	date_set_today(DATE_NONE);
	if (th_db)
		db_close(th_db);
	th_db = NULL;
	free(th_path);
	th_path = NULL;
	th_tmp_teardown();
}

/* ================================================================= records */

ibis_id th_school_new(struct db *db, const char *name, const char *brin, const char *model)
{
	struct ibis_error err = {0};
	struct school s = {.name = (char *)name, .brin = (char *)brin,
			   .level_model = (char *)model, .groepsbesprekingen = 3};
	TH_OK(db_school_insert(db, &s, &err));
	return s.id;
}

ibis_id th_group_new(struct db *db, ibis_id school, const char *name, int year, int min,
		     int max)
{
	struct ibis_error err = {0};
	struct group g = {.school_id = school, .name = (char *)name, .school_year = year,
			  .kind = min == max ? GROUP_REGULAR : GROUP_COMBINATION,
			  .jaargroep_min = min, .jaargroep_max = max};
	TH_OK(db_group_insert(db, &g, &err));
	return g.id;
}

ibis_id th_pupil_new(struct db *db, ibis_id school, const char *first, const char *tv,
		     const char *last)
{
	struct ibis_error err = {0};
	struct pupil p = {.school_id = school, .first_name = (char *)first,
			  .tussenvoegsel = (char *)tv, .last_name = (char *)last,
			  .birth_date = th_ymd(2017, 3, 14), .enrolled = th_ymd(2021, 8, 30),
			  .left = DATE_NONE};
	TH_OK(db_pupil_insert(db, &p, &err));
	cr_assert_gt(p.id, 0);
	cr_assert_eq(p.version, 1);
	return p.id;
}

ibis_id th_plan_new(struct db *db, ibis_id pupil, const char *tmpl, enum plan_status status,
		    ibis_date start, ibis_date end, ibis_date eval)
{
	struct ibis_error err = {0};
	struct plan p = {.template_id = (char *)tmpl, .pupil_id = pupil, .status = status,
			 .start = start, .end = end, .eval_date = eval, .due = DATE_NONE,
			 .agreed = DATE_NONE, .evaluated = DATE_NONE};
	TH_OK(db_plan_insert(db, &p, &err));
	return p.id;
}

/* =============================================================== plain SQL */

void th_sql_exec(const char *file, const char *sql)
{
	sqlite3 *c = NULL;
	cr_assert_eq(sqlite3_open(file, &c), SQLITE_OK);
	sqlite3_busy_timeout(c, 5000);
	char *msg = NULL;
	int rc = sqlite3_exec(c, sql, NULL, NULL, &msg);
	cr_assert_eq(rc, SQLITE_OK, "%s: %s", sql, msg ? msg : "");
	sqlite3_close(c);
}

void th_sql_run(const char *file, const char *sql, ibis_id a, ibis_id b)
{
	sqlite3 *c = NULL;
	sqlite3_stmt *st = NULL;
	cr_assert_eq(sqlite3_open(file, &c), SQLITE_OK);
	sqlite3_busy_timeout(c, 5000);
	cr_assert_eq(sqlite3_prepare_v2(c, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(c));
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, b);
	cr_assert_eq(sqlite3_step(st), SQLITE_DONE, "%s: %s", sql, sqlite3_errmsg(c));
	sqlite3_finalize(st);
	sqlite3_close(c);
}

/* sql stepped to its first row on a connection *c of its own, its first ?
 * bound to a; the caller finalizes the statement and closes *c. */
static sqlite3_stmt *first_row(const char *file, const char *sql, ibis_id a, sqlite3 **c)
{
	sqlite3_stmt *st = NULL;
	cr_assert_eq(sqlite3_open(file, c), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(*c, sql, -1, &st, NULL), SQLITE_OK, "%s",
		     sqlite3_errmsg(*c));
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, a);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "%s", sql);
	return st;
}

long long th_sql_int(const char *file, const char *sql, ibis_id a)
{
	sqlite3 *c = NULL;
	sqlite3_stmt *st = first_row(file, sql, a, &c);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(c);
	return v;
}

char *th_sql_text(const char *file, const char *sql, ibis_id a)
{
	sqlite3 *c = NULL;
	sqlite3_stmt *st = first_row(file, sql, a, &c);
	const unsigned char *t = sqlite3_column_text(st, 0);
	char *out = xstrdup(t ? (const char *)t : "");
	sqlite3_finalize(st);
	sqlite3_close(c);
	return out;
}

/* ============================================================== data files */

/* datadir/folder/id.ini; caller frees. */
static char *shipped(const char *folder, const char *id)
{
	char *name = xasprintf("%s/%s.ini", folder, id);
	char *path = path_join(th_datadir(), name);
	free(name);
	return path;
}

void th_load_template(const char *id, struct plan_template *t)
{
	char *path = shipped("plans", id);
	struct ibis_error err = {0};
	cr_assert_eq(plantemplate_load(path, id, t, &err), IBIS_OK, "%s: %s (%s)", path,
		     err.message, err.detail);
	free(path);
}

struct plan_template *th_get_template(const char *id)
{
	struct plan_template *t = xcalloc(1, sizeof(*t));
	th_load_template(id, t);
	return t;
}

void th_put_template(struct plan_template *t)
{
	plantemplate_free(t);
	free(t);
}

void th_load_model(const char *id, struct level_model *m)
{
	char *path = shipped("levels", id);
	struct ibis_error err = {0};
	cr_assert_eq(levelmodel_load(path, id, m, &err), IBIS_OK, "%s: %s (%s)", path,
		     err.message, err.detail);
	free(path);
}

struct level_model *th_get_model(const char *id)
{
	struct level_model *m = xcalloc(1, sizeof(*m));
	th_load_model(id, m);
	return m;
}

void th_put_model(struct level_model *m)
{
	levelmodel_free(m);
	free(m);
}

void th_load_basis(struct basis_grid *g)
{
	char *path = path_join(th_datadir(), "basisondersteuning.ini");
	struct ibis_error err = {0};
	cr_assert_eq(basis_load(path, g, &err), IBIS_OK, "%s: %s (%s)", path, err.message,
		     err.detail);
	free(path);
}
