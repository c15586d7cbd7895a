/* helpers.h - shared by the unit tests: private temporary folders, files and
 * databases, where the source tree's data files are, the fixtures of the
 * suites (a temporary folder, a temporary database), records made in one
 * call and the shipped data files loaded. Tests never touch a user's files:
 * everything lives in a fresh folder under $TMPDIR (or /tmp).
 */
#ifndef IBIS_TEST_HELPERS_H
#define IBIS_TEST_HELPERS_H

#include "ibis/basis.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/levelmodel.h"
#include "ibis/plantemplate.h"
#include "ibis/records.h"

/* A call that must return IBIS_OK; the caller has a struct ibis_error err
 * that the call fills, shown when it fails. */
#define TH_OK(call) cr_assert_eq((call), IBIS_OK, "%s: %s (%s)", #call, err.message, err.detail)

/* A new empty folder. Caller removes it with th_rmtree and frees the string. */
char *th_tmpdir(void);
/* Remove a folder and everything in it. */
void th_rmtree(const char *dir);
/* The source tree's data/ ($IBIS_DATADIR, set by make check). */
const char *th_datadir(void);
/* The source tree's tests/data/ ($IBIS_TEST_DATA). */
const char *th_testdata(void);
/* Write content to dir/name (creating sub folders); returns the path (caller
 * frees). */
char *th_write(const char *dir, const char *name, const char *content);
/* A fresh database in a new temporary folder; *dir receives the folder (caller
 * removes and frees it). Fails the test when it cannot be made. */
struct db *th_db_new(char **dir);
/* The day y-m-d; fails the test when there is no such day. */
ibis_date th_ymd(int y, int m, int d);

/* ========================================================== fixtures */

/* The fixtures of the suites (Criterion .init/.fini). th_tmp_setup makes a
 * fresh folder th_dir, th_tmp_teardown removes and frees it. th_db_setup also
 * makes a fresh database th_db in it, at th_path; th_db_teardown closes th_db
 * (unless a test closed it and set it to NULL), forgets a date_set_today of
 * the test and removes the folder. */
extern struct db *th_db;
extern char *th_dir;
extern char *th_path;
void th_tmp_setup(void);
void th_tmp_teardown(void);
void th_db_setup(void);
void th_db_teardown(void);

/* ========================================================== records */

/* Records inserted into db with the fields a test does not care about set
 * to plain values; each returns the new id and fails the test when the
 * insert does. */

/* A school (brin may be NULL) with 3 groepsbesprekingen. */
ibis_id th_school_new(struct db *db, const char *name, const char *brin, const char *model);
/* A group of jaargroep min to max: a combination group when they differ. */
ibis_id th_group_new(struct db *db, ibis_id school, const char *name, int year, int min,
		     int max);
/* A pupil born 14-03-2017, enrolled 30-08-2021, still at school. */
ibis_id th_pupil_new(struct db *db, ibis_id school, const char *first, const char *tv,
		     const char *last);
/* A pupil plan of template tmpl; end and eval may be DATE_NONE. */
ibis_id th_plan_new(struct db *db, ibis_id pupil, const char *tmpl, enum plan_status status,
		    ibis_date start, ibis_date end, ibis_date eval);

/* ========================================================== plain SQL */

/* What no db_* function writes or reads (consents, users, derived columns,
 * an old schema), on a second connection to the database file. Each fails
 * the test when the SQL does. */

/* Every statement of sql, without parameters. */
void th_sql_exec(const char *file, const char *sql);
/* The one statement sql with its first ? bound to a and its second to b
 * (those it has). */
void th_sql_run(const char *file, const char *sql, ibis_id a, ibis_id b);
/* The integer in the first column of the first row of sql (NULL reads as 0),
 * its first ? bound to a. */
long long th_sql_int(const char *file, const char *sql, ibis_id a);
/* The same as text (NULL reads as ""); caller frees. */
char *th_sql_text(const char *file, const char *sql, ibis_id a);

/* ========================================================== data files */

/* The shipped plan template data/plans/<id>.ini into t (plantemplate_free). */
void th_load_template(const char *id, struct plan_template *t);
/* The same on the heap; free with th_put_template. */
struct plan_template *th_get_template(const char *id);
void th_put_template(struct plan_template *t);
/* The shipped level model data/levels/<id>.ini into m (levelmodel_free). */
void th_load_model(const char *id, struct level_model *m);
/* The same on the heap; free with th_put_model. */
struct level_model *th_get_model(const char *id);
void th_put_model(struct level_model *m);
/* The shipped data/basisondersteuning.ini into g (basis_free). */
void th_load_basis(struct basis_grid *g);

#endif
