/* score.c - the HGW grid in the database: the cells of indicator_scores and
 * the assessor columns of a school year in indicator_assessors (db_sop.h).
 *
 * A cell is identified by school, set, indicator, school year and assessor
 * (the UNIQUE key of indicator_scores). An update or delete names the cell's
 * id and version and also its identity, so that a caller holding a record of
 * another cell (or of another school) is told so instead of silently writing
 * the wrong one. A cell left with neither score nor evidence is removed: the
 * grid shows it as open either way, and an empty row would keep a year alive
 * in db_score_years for nothing.
 *
 * An assessor column exists as soon as it is added (indicator_assessors) or
 * holds a cell, so that a column whose last score is cleared stays on screen;
 * db_score_put registers the assessor it writes for that reason.
 */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "ibis/db_sop.h"
#include "ibis/text.h"
#include "ibis/util.h"

/* ================================================================ helpers */

/* What a cell's key needs before anything is written. */
static enum ibis_status key_check(const char *set_id, int school_year, struct ibis_error *err)
{
	if (dbi_blank(set_id))
		return dbi_fail(err, DBF_CONSTRAINT, "De indicatorset ontbreekt.");
	return dbi_year_check(school_year, err);
}

/* ================================================================== cells */

#define SCORE_COLS "id, school_id, set_id, indicator, school_year, assessor, score, evidence, version"
/* The grid's UNIQUE index (school_id, set_id, school_year, ...) serves both
 * the filter and most of the order. */
static const char SQL_SCORE_LIST[] =
	"SELECT " SCORE_COLS " FROM indicator_scores"
	" WHERE school_id = :school AND (:set IS NULL OR set_id = :set)"
	" AND school_year BETWEEN :from AND :to"
	" ORDER BY set_id, school_year, assessor, indicator, id";
static const char SQL_SCORE_INSERT[] =
	"INSERT INTO indicator_scores (school_id, set_id, indicator, school_year, assessor,"
	" score, evidence) VALUES (:school, :set, :indicator, :year, :assessor, :score,"
	" :evidence)";
#define SCORE_IS_CELL                                                                   \
	" WHERE id = :id AND version = :version AND school_id = :school AND set_id = :set" \
	" AND indicator = :indicator AND school_year = :year AND assessor = :assessor"
static const char SQL_SCORE_UPDATE[] =
	"UPDATE indicator_scores SET score = :score, evidence = :evidence,"
	" version = version + 1" SCORE_IS_CELL;
static const char SQL_SCORE_DELETE[] = "DELETE FROM indicator_scores" SCORE_IS_CELL;
static const char SQL_SCORE_CELL[] =
	"SELECT school_id, set_id, indicator, school_year, assessor, version"
	" FROM indicator_scores WHERE id = :id";

static void score_read(struct dbq *q, void *row)
{
	struct indicator_score *s = row;

	s->id = dbq_id(q, 0);
	s->school_id = dbq_id(q, 1);
	s->set_id = dbq_text(q, 2);
	s->indicator = dbq_text(q, 3);
	s->school_year = (int)dbq_int(q, 4);
	s->assessor = dbq_text(q, 5);
	if (!s->assessor)
		s->assessor = xstrdup("");
	s->score = dbq_int_or(q, 6, 0);
	s->evidence = dbq_text(q, 7);
	s->version = (int)dbq_int(q, 8);
}

static void score_rows_free(void *rows, int n)
{
	indicator_scores_free(rows, n);
}

/* Bind what the insert, update and delete of a cell share: its key
 * (assessor: the trimmed name). */
static void score_bind_key(struct dbq *q, const struct indicator_score *s, const char *assessor)
{
	dbq_bind_id(q, ":school", s->school_id);
	dbq_bind_text(q, ":set", s->set_id);
	dbq_bind_text(q, ":indicator", s->indicator);
	dbq_bind_int(q, ":year", s->school_year);
	dbq_bind_text(q, ":assessor", assessor);
}

/* What the insert and update write: the score (0 as NULL, the schema's "not
 * scored") and the evidence (blank as NULL). */
static void score_bind_value(struct dbq *q, const struct indicator_score *s)
{
	if (s->score)
		dbq_bind_int(q, ":score", s->score);
	else
		dbq_bind_null(q, ":score");
	dbq_bind_text(q, ":evidence", dbi_blank(s->evidence) ? NULL : s->evidence);
}

enum ibis_status db_score_list(struct db *db, ibis_id school_id, const char *set_id,
			       int year_from, int year_to, struct indicator_score **out, int *n,
			       struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;
	void *rows;

	dbq_prepare(&q, db, SQL_SCORE_LIST);
	dbq_bind_id(&q, ":school", school_id);
	dbq_bind_text(&q, ":set", set_id);
	dbq_bind_int(&q, ":from", year_from);
	dbq_bind_int(&q, ":to", year_to);
	st = dbi_read_rows(&q, sizeof(**out), score_read, score_rows_free, &rows, n, err);
	*out = rows;
	return st;
}

/* An update or delete of cell s (at s->version) changed nothing: tell a cell
 * that vanished or moved on (a colleague: conflict) from a record that is not
 * the stored cell's at all (bad input). */
static enum ibis_status score_not_written(struct db *db, const struct indicator_score *s,
					  const char *assessor, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	bool found = false, other_school = false, other_cell = false;
	long long version = 0;
	struct dbq q;
	int rc;

	dbq_prepare(&q, db, SQL_SCORE_CELL);
	dbq_bind_id(&q, ":id", s->id);
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		found = true;
		other_school = dbq_id(&q, 0) != s->school_id;
		other_cell = strcmp(dbq_text_ref(&q, 1), s->set_id) != 0 ||
			     strcmp(dbq_text_ref(&q, 2), s->indicator) != 0 ||
			     dbq_int(&q, 3) != s->school_year ||
			     strcmp(dbq_text_ref(&q, 4), assessor) != 0;
		version = dbq_int(&q, 5);
	} else if (rc != SQLITE_DONE) {
		st = dbq_fail(&q, err);
	}
	dbq_finish(&q);
	if (st != IBIS_OK)
		return st;
	if (!found)
		return dbi_gone(err, "indicator_scores.id %lld is gone", (long long)s->id);
	if (other_school)
		return ibis_fail(err, IBIS_EINPUT, "Score %lld hoort bij een andere school.",
				 (long long)s->id);
	if (other_cell)
		return ibis_fail(err, IBIS_EINPUT,
				 "Score %lld hoort bij een andere cel dan indicator %s (%s, %d, %s).",
				 (long long)s->id, s->indicator, s->set_id, s->school_year,
				 hgw_assessor_label(assessor));
	return dbi_changed(err, "indicator_scores.id %lld is at version %lld, not %d",
			   (long long)s->id, version, s->version);
}

/* ============================================================== assessors */

/* '' is the agreed score, never a column of its own. */
static const char SQL_ASSESSOR_ADD[] =
	"INSERT INTO indicator_assessors (school_id, set_id, school_year, assessor)"
	" VALUES (:school, :set, :year, :assessor) ON CONFLICT DO NOTHING";
static const char SQL_ASSESSOR_CELLS[] =
	"SELECT count(*) FROM indicator_scores WHERE school_id = :school AND set_id = :set"
	" AND school_year = :year AND assessor = :assessor";
static const char SQL_ASSESSOR_DELETE[] =
	"DELETE FROM indicator_assessors WHERE school_id = :school AND set_id = :set"
	" AND school_year = :year AND assessor = :assessor";
static const char SQL_ASSESSOR_LIST[] =
	"SELECT assessor FROM indicator_assessors"
	" WHERE school_id = :school AND set_id = :set AND school_year = :year"
	" UNION SELECT assessor FROM indicator_scores"
	" WHERE school_id = :school AND set_id = :set AND school_year = :year AND assessor <> ''";
static const char SQL_SCORE_YEARS[] =
	"SELECT school_year FROM indicator_scores"
	" WHERE school_id = :school AND (:set IS NULL OR set_id = :set)"
	" UNION SELECT school_year FROM indicator_assessors"
	" WHERE school_id = :school AND (:set IS NULL OR set_id = :set)"
	" ORDER BY 1 DESC";

/* Bind an assessor column's key: :school, :set, :year and :assessor. */
static void assessor_bind(struct dbq *q, ibis_id school_id, const char *set_id, int school_year,
			  const char *assessor)
{
	dbq_bind_id(q, ":school", school_id);
	dbq_bind_text(q, ":set", set_id);
	dbq_bind_int(q, ":year", school_year);
	dbq_bind_text(q, ":assessor", assessor);
}

/* Store assessor (trimmed, not empty) as a column of the year. */
static enum ibis_status assessor_insert(struct db *db, ibis_id school_id, const char *set_id,
					int school_year, const char *assessor,
					struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	dbq_prepare(&q, db, SQL_ASSESSOR_ADD);
	assessor_bind(&q, school_id, set_id, school_year, assessor);
	if ((st = dbq_exec(&q, err)) != IBIS_OK && q.rc == SQLITE_CONSTRAINT_FOREIGNKEY)
		dbi_message(err, "School %lld bestaat niet.", (long long)school_id);
	return st;
}

enum ibis_status db_assessor_add(struct db *db, ibis_id school_id, const char *set_id,
				 int school_year, const char *assessor, struct ibis_error *err)
{
	enum ibis_status st;
	char *name;

	if ((st = dbi_writable(db, err)) != IBIS_OK ||
	    (st = key_check(set_id, school_year, err)) != IBIS_OK)
		return st;
	name = str_trim(assessor ? assessor : "");
	if (!*name)
		st = dbi_fail(err, DBF_CONSTRAINT, "De naam van de beoordelaar ontbreekt.");
	else
		st = assessor_insert(db, school_id, set_id, school_year, name, err);
	free(name);
	return st;
}

enum ibis_status db_assessor_remove(struct db *db, ibis_id school_id, const char *set_id,
				    int school_year, const char *assessor, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbi_scope scope;
	long long cells = 0;
	struct dbq q;
	char *name;

	if ((st = dbi_writable(db, err)) != IBIS_OK ||
	    (st = key_check(set_id, school_year, err)) != IBIS_OK)
		return st;
	name = str_trim(assessor ? assessor : "");
	if (!*name) {
		free(name);
		return dbi_fail(err, DBF_CONSTRAINT, "De naam van de beoordelaar ontbreekt.");
	}
	/* The count and the delete in one transaction: a colleague's score
	 * between them would otherwise be left without its column. */
	if ((st = dbi_scope_begin(db, &scope, err)) != IBIS_OK)
		goto out;
	dbq_prepare(&q, db, SQL_ASSESSOR_CELLS);
	assessor_bind(&q, school_id, set_id, school_year, name);
	if ((st = dbq_one_int(&q, &cells, NULL, err)) != IBIS_OK)
		goto fail;
	if (cells > 0) {
		st = dbi_fail(err, DBF_CONSTRAINT,
			      "Beoordelaar %s heeft nog %lld %s in dit schooljaar; wis die eerst.",
			      name, cells, cells == 1 ? "score" : "scores");
		goto fail;
	}
	dbq_prepare(&q, db, SQL_ASSESSOR_DELETE);
	assessor_bind(&q, school_id, set_id, school_year, name);
	if ((st = dbq_exec(&q, err)) != IBIS_OK)
		goto fail;
	st = dbi_scope_commit(db, &scope, err);
	goto out;
fail:
	dbi_scope_rollback(db, &scope);
out:
	free(name);
	return st;
}

/* An assessor with its sort key. */
struct named {
	char *key;
	char *name;
};

static int named_cmp(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : strcmp(x->name, y->name);
}

enum ibis_status db_assessor_list(struct db *db, ibis_id school_id, const char *set_id,
				  int school_year, struct strlist *out, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct named *a = NULL;
	int len = 0, cap = 0, rc;
	struct dbq q;

	dbq_prepare(&q, db, SQL_ASSESSOR_LIST);
	dbq_bind_id(&q, ":school", school_id);
	dbq_bind_text(&q, ":set", set_id);
	dbq_bind_int(&q, ":year", school_year);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		const char *name = dbq_text_ref(&q, 0);
		if (str_empty(name))
			continue;
		a = dbi_grow(a, len, &cap, sizeof(*a));
		a[len].key = text_fold(name);
		a[len].name = xstrdup(name);
		len++;
	}
	if (rc != SQLITE_DONE)
		st = dbq_fail(&q, err);
	dbq_finish(&q);
	/* "without case": folded, so that "ib'er" and "IB'er" sit together
	 * and an accent does not send a name to the end. */
	if (st == IBIS_OK && len > 1)
		qsort(a, (size_t)len, sizeof(*a), named_cmp);
	for (int i = 0; i < len; i++) {
		free(a[i].key);
		if (st == IBIS_OK)
			sl_take(out, a[i].name);
		else
			free(a[i].name);
	}
	free(a);
	return st;
}

static void year_read(struct dbq *q, void *row)
{
	*(int *)row = (int)dbq_int(q, 0);
}

enum ibis_status db_score_years(struct db *db, ibis_id school_id, const char *set_id,
				int **years, int *n, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;
	void *rows;

	dbq_prepare(&q, db, SQL_SCORE_YEARS);
	dbq_bind_id(&q, ":school", school_id);
	dbq_bind_text(&q, ":set", set_id);
	st = dbi_read_rows(&q, sizeof(**years), year_read, NULL, &rows, n, err);
	*years = rows;
	return st;
}

/* =================================================================== put */

/* Inside the scope: write cell s as decided by db_score_put; *id and
 * *version get what is stored now (0 and 0 when the cell is gone). */
static enum ibis_status score_write(struct db *db, const struct indicator_score *s,
				    const char *assessor, bool keep, ibis_id *id, int *version,
				    struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if (s->id == 0) {
		*id = 0;
		*version = 0;
		if (!keep)
			return IBIS_OK; /* nothing to store, nothing stored */
		dbq_prepare(&q, db, SQL_SCORE_INSERT);
		score_bind_key(&q, s, assessor);
		score_bind_value(&q, s);
		if ((st = dbq_exec(&q, err)) != IBIS_OK) {
			if (q.rc == SQLITE_CONSTRAINT_UNIQUE) {
				/* Two people scoring an empty cell at once. */
				return dbi_changed(err, "indicator_scores: cell %s %s %d '%s' exists",
						   s->set_id, s->indicator, s->school_year,
						   assessor);
			}
			if (q.rc == SQLITE_CONSTRAINT_FOREIGNKEY)
				dbi_message(err, "School %lld bestaat niet.", (long long)s->school_id);
			return st;
		}
		*id = dbi_last_id(db);
		*version = 1;
		return IBIS_OK;
	}
	if (keep) {
		dbq_prepare(&q, db, SQL_SCORE_UPDATE);
		score_bind_key(&q, s, assessor);
		score_bind_value(&q, s);
	} else {
		dbq_prepare(&q, db, SQL_SCORE_DELETE);
		score_bind_key(&q, s, assessor);
	}
	dbq_bind_id(&q, ":id", s->id);
	dbq_bind_int(&q, ":version", s->version);
	if ((st = dbq_exec(&q, err)) != IBIS_OK)
		return st;
	if (dbi_changes(db) == 0)
		return score_not_written(db, s, assessor, err);
	*id = keep ? s->id : 0;
	*version = keep ? s->version + 1 : 0;
	return IBIS_OK;
}

enum ibis_status db_score_put(struct db *db, struct indicator_score *s, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbi_scope scope;
	ibis_id id = 0;
	int version = 0;
	char *assessor;
	bool keep;

	if ((st = dbi_writable(db, err)) != IBIS_OK ||
	    (st = key_check(s->set_id, s->school_year, err)) != IBIS_OK)
		return st;
	if (dbi_blank(s->indicator))
		return dbi_fail(err, DBF_CONSTRAINT, "De indicator ontbreekt.");
	if (s->score < 0 || s->score > 4)
		return dbi_fail(err, DBF_CONSTRAINT,
				"Een score is 1, 2, 3 of 4 (0 voor geen score), niet %d.", s->score);
	assessor = str_trim(s->assessor ? s->assessor : "");
	keep = s->score != 0 || !dbi_blank(s->evidence);
	if ((st = dbi_scope_begin(db, &scope, err)) != IBIS_OK)
		goto out;
	if ((st = score_write(db, s, assessor, keep, &id, &version, err)) != IBIS_OK ||
	    (*assessor && (st = assessor_insert(db, s->school_id, s->set_id, s->school_year,
						assessor, err)) != IBIS_OK)) {
		dbi_scope_rollback(db, &scope);
		goto out;
	}
	if ((st = dbi_scope_commit(db, &scope, err)) != IBIS_OK)
		goto out;
	s->id = id;
	s->version = version;
	if (!s->assessor || strcmp(s->assessor, assessor) != 0) {
		free(s->assessor);
		s->assessor = assessor; /* the name as stored */
		assessor = NULL;
	}
out:
	free(assessor);
	return st;
}
