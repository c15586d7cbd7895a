/* sop.c - the basisondersteuning checklist (basis_checklist) and the rows of
 * the school support profile (sop_expertise, sop_professionalisering,
 * sop_aanbod, sop_grenzen) in the database (db_sop.h).
 *
 * Every row belongs to a school and a school year. An update names the
 * school as well as the id and version, so that a record of another school
 * is refused as bad input instead of being written; an update or delete that
 * finds the row moved on or gone is a conflict with a colleague. Optional
 * texts that are blank are stored as NULL, numbers that are "not given" (-1
 * or 0, as sop.h says per field) as NULL, dates as ISO text.
 *
 * A new year starts from the last one: db_basis_copy_year copies the cells
 * the new year lacks, db_sop_copy_year the kinds of rows the new year has
 * none of (a partly filled kind is the school's own work and is left alone).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "ibis/db_sop.h"
#include "ibis/util.h"

/* ================================================================ helpers */

/* An optional text: blank binds NULL. */
static void bind_opt_text(struct dbq *q, const char *name, const char *s)
{
	dbq_bind_text(q, name, dbi_blank(s) ? NULL : s);
}

/* A number of staff that may be absent: absent (the value none) binds NULL. */
static void bind_count(struct dbq *q, const char *name, int v, int none)
{
	if (v == none)
		dbq_bind_null(q, name);
	else
		dbq_bind_int(q, name, v);
}

/* A number field of a form: none (NO_NONE when it must be given) or lo..hi. */
#define NO_NONE INT_MIN
static enum ibis_status number_check(const char *field, int v, int none, int lo, int hi,
				     struct ibis_error *err)
{
	if (v == none || (v >= lo && v <= hi))
		return IBIS_OK;
	return dbi_fail(err, DBF_CONSTRAINT, "%s moet een heel getal van %d tot en met %d zijn, "
			"niet %d.", field, lo, hi, v);
}

static enum ibis_status required(const char *field, const char *s, struct ibis_error *err)
{
	if (dbi_blank(s))
		return dbi_fail(err, DBF_CONSTRAINT, "%s is verplicht; vul het in.", field);
	return IBIS_OK;
}

/* Prepare the update of row id at version, or for id 0 the insert. */
static void row_prepare(struct dbq *q, struct db *db, const char *sql_insert,
			const char *sql_update, ibis_id id, int version)
{
	if (id) {
		dbq_prepare(q, db, sql_update);
		dbq_bind_id(q, ":id", id);
		dbq_bind_int(q, ":version", version);
	} else {
		dbq_prepare(q, db, sql_insert);
	}
}

/* After the insert (*id 0) or update (*id, *version) of a row ran: set *id
 * and *version to what is stored now. false when the update changed nothing,
 * which the caller explains. */
static bool row_stored(struct db *db, ibis_id *id, int *version)
{
	if (*id == 0) {
		*id = dbi_last_id(db);
		*version = 1;
		return true;
	}
	if (dbi_changes(db) == 0)
		return false;
	(*version)++;
	return true;
}

/* Copy rows of school_id from year from into year to with the statements
 * sqls (each binding :school, :from and :to), in one transaction when more
 * than one; *copied (may be NULL) gets the number of rows inserted. */
static enum ibis_status copy_year(struct db *db, const char *const *sqls, size_t nsql,
				  ibis_id school_id, int from, int to, int *copied,
				  struct ibis_error *err)
{
	enum ibis_status st;
	struct dbi_scope scope;
	long long total = 0;
	struct dbq q;

	if (copied)
		*copied = 0;
	if ((st = dbi_writable(db, err)) != IBIS_OK ||
	    (st = dbi_year_check(from, err)) != IBIS_OK ||
	    (st = dbi_year_check(to, err)) != IBIS_OK)
		return st;
	/* One statement is its own transaction. */
	if (nsql > 1 && (st = dbi_scope_begin(db, &scope, err)) != IBIS_OK)
		return st;
	for (size_t i = 0; i < nsql; i++) {
		dbq_prepare(&q, db, sqls[i]);
		dbq_bind_id(&q, ":school", school_id);
		dbq_bind_int(&q, ":from", from);
		dbq_bind_int(&q, ":to", to);
		if ((st = dbq_exec(&q, err)) != IBIS_OK) {
			if (nsql > 1)
				dbi_scope_rollback(db, &scope);
			return st;
		}
		total += dbi_changes(db);
	}
	if (nsql > 1 && (st = dbi_scope_commit(db, &scope, err)) != IBIS_OK)
		return st;
	if (copied)
		*copied = (int)total;
	return IBIS_OK;
}

/* ============================================================== SOP rows */

/* What the writes of every kind of SOP row share. */
struct row_kind {
	const char *table; /* for the technical detail */
	const char *label; /* "Expertise" in "Expertise 12 hoort bij een andere school." */
	const char *sql_owner;  /* SELECT school_id, version ... WHERE id = :id */
	const char *sql_delete; /* DELETE ... WHERE id = :id AND version = :version */
};

static const char SQL_EXPERTISE_OWNER[] =
	"SELECT school_id, version FROM sop_expertise WHERE id = :id";
static const char SQL_EXPERTISE_DELETE[] =
	"DELETE FROM sop_expertise WHERE id = :id AND version = :version";
static const char SQL_TRAINING_OWNER[] =
	"SELECT school_id, version FROM sop_professionalisering WHERE id = :id";
static const char SQL_TRAINING_DELETE[] =
	"DELETE FROM sop_professionalisering WHERE id = :id AND version = :version";
static const char SQL_OFFER_OWNER[] = "SELECT school_id, version FROM sop_aanbod WHERE id = :id";
static const char SQL_OFFER_DELETE[] =
	"DELETE FROM sop_aanbod WHERE id = :id AND version = :version";
static const char SQL_LIMIT_OWNER[] = "SELECT school_id, version FROM sop_grenzen WHERE id = :id";
static const char SQL_LIMIT_DELETE[] =
	"DELETE FROM sop_grenzen WHERE id = :id AND version = :version";

static const struct row_kind KIND_EXPERTISE = {"sop_expertise", "Expertise",
					       SQL_EXPERTISE_OWNER, SQL_EXPERTISE_DELETE};
static const struct row_kind KIND_TRAINING = {"sop_professionalisering", "Professionalisering",
					      SQL_TRAINING_OWNER, SQL_TRAINING_DELETE};
static const struct row_kind KIND_OFFER = {"sop_aanbod", "Aanbod", SQL_OFFER_OWNER,
					   SQL_OFFER_DELETE};
static const struct row_kind KIND_LIMIT = {"sop_grenzen", "Grens aan zorg", SQL_LIMIT_OWNER,
					   SQL_LIMIT_DELETE};

/* An update (of school_id's row; 0 for a delete, which names no school) or
 * delete of row id at version changed nothing: say why. */
static enum ibis_status row_not_written(struct db *db, const struct row_kind *k, ibis_id id,
					ibis_id school_id, int version, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	bool found = false;
	ibis_id owner = 0;
	long long now = 0;
	struct dbq q;
	int rc;

	dbq_prepare(&q, db, k->sql_owner);
	dbq_bind_id(&q, ":id", id);
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		found = true;
		owner = dbq_id(&q, 0);
		now = dbq_int(&q, 1);
	} else if (rc != SQLITE_DONE) {
		st = dbq_fail(&q, err);
	}
	dbq_finish(&q);
	if (st != IBIS_OK)
		return st;
	if (!found)
		return dbi_gone(err, "%s.id %lld is gone", k->table, (long long)id);
	if (school_id && owner != school_id)
		return ibis_fail(err, IBIS_EINPUT, "%s %lld hoort bij een andere school.", k->label,
				 (long long)id);
	return dbi_changed(err, "%s.id %lld is at version %lld, not %d", k->table, (long long)id,
			   now, version);
}

/* Run q, the prepared and bound insert (*id 0) or update (*id, *version) of a
 * row of school_id, and set *id and *version to what is stored now. */
static enum ibis_status row_write(struct db *db, const struct row_kind *k, struct dbq *q,
				  ibis_id school_id, ibis_id *id, int *version,
				  struct ibis_error *err)
{
	enum ibis_status st;

	if ((st = dbq_exec(q, err)) != IBIS_OK) {
		if (q->rc == SQLITE_CONSTRAINT_FOREIGNKEY || q->rc == SQLITE_CONSTRAINT_NOTNULL)
			dbi_message(err, "School %lld bestaat niet.", (long long)school_id);
		return st;
	}
	if (!row_stored(db, id, version))
		return row_not_written(db, k, *id, school_id, *version, err);
	return IBIS_OK;
}

static enum ibis_status row_delete(struct db *db, const struct row_kind *k, ibis_id id,
				   int version, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	dbq_prepare(&q, db, k->sql_delete);
	dbq_bind_id(&q, ":id", id);
	dbq_bind_int(&q, ":version", version);
	if ((st = dbq_exec(&q, err)) != IBIS_OK)
		return st;
	if (dbi_changes(db) == 0)
		return row_not_written(db, k, id, 0, version, err);
	return IBIS_OK;
}

/* ------------------------------------------------------------- expertise */

#define EXPERTISE_COLS                                                                  \
	"id, school_id, school_year, expertise, staff_count, trained, in_training, area," \
	" person, note, version"
static const char SQL_EXPERTISE_LIST[] =
	"SELECT " EXPERTISE_COLS " FROM sop_expertise"
	" WHERE school_id = :school AND school_year = :year"
	" ORDER BY expertise COLLATE NOCASE, id";
static const char SQL_EXPERTISE_INSERT[] =
	"INSERT INTO sop_expertise (school_id, school_year, expertise, staff_count, trained,"
	" in_training, area, person, note) VALUES (:school, :year, :expertise, :staff,"
	" :trained, :in_training, :area, :person, :note)";
static const char SQL_EXPERTISE_UPDATE[] =
	"UPDATE sop_expertise SET school_year = :year, expertise = :expertise,"
	" staff_count = :staff, trained = :trained, in_training = :in_training, area = :area,"
	" person = :person, note = :note, version = version + 1"
	" WHERE id = :id AND version = :version AND school_id = :school";

static void expertise_read(struct dbq *q, void *row)
{
	struct sop_expertise *e = row;

	e->id = dbq_id(q, 0);
	e->school_id = dbq_id(q, 1);
	e->school_year = (int)dbq_int(q, 2);
	e->expertise = dbq_text(q, 3);
	e->staff_count = dbq_int_or(q, 4, -1);
	e->trained = dbq_int_or(q, 5, -1);
	e->in_training = dbq_int_or(q, 6, -1);
	e->area = dbq_int_or(q, 7, 0);
	e->person = dbq_text(q, 8);
	e->note = dbq_text(q, 9);
	e->version = (int)dbq_int(q, 10);
}

static void expertise_rows_free(void *rows, int n)
{
	sop_expertise_free(rows, n);
}

enum ibis_status db_expertise_list(struct db *db, ibis_id school_id, int school_year,
				   struct sop_expertise **out, int *n, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;
	void *rows;

	dbq_prepare(&q, db, SQL_EXPERTISE_LIST);
	dbq_bind_id(&q, ":school", school_id);
	dbq_bind_int(&q, ":year", school_year);
	st = dbi_read_rows(&q, sizeof(**out), expertise_read, expertise_rows_free, &rows, n, err);
	*out = rows;
	return st;
}

static enum ibis_status expertise_check(const struct sop_expertise *e, struct ibis_error *err)
{
	enum ibis_status st;
	int busy;

	if ((st = dbi_year_check(e->school_year, err)) != IBIS_OK ||
	    (st = required("Deskundigheid", e->expertise, err)) != IBIS_OK ||
	    (st = number_check("Aantal medewerkers", e->staff_count, -1, 0, 9999, err)) !=
		    IBIS_OK ||
	    (st = number_check("Opgeleid", e->trained, -1, 0, 9999, err)) != IBIS_OK ||
	    (st = number_check("In opleiding", e->in_training, -1, 0, 9999, err)) != IBIS_OK ||
	    (st = number_check("Ontwikkelingsgebied", e->area, 0, 1, 8, err)) != IBIS_OK)
		return st;
	busy = (e->trained > 0 ? e->trained : 0) + (e->in_training > 0 ? e->in_training : 0);
	if (e->staff_count >= 0 && busy > e->staff_count)
		return dbi_fail(err, DBF_CONSTRAINT,
				"Opgeleid en In opleiding samen (%d) is meer dan Aantal medewerkers "
				"(%d).",
				busy, e->staff_count);
	return IBIS_OK;
}

enum ibis_status db_expertise_save(struct db *db, struct sop_expertise *e, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK || (st = expertise_check(e, err)) != IBIS_OK)
		return st;
	row_prepare(&q, db, SQL_EXPERTISE_INSERT, SQL_EXPERTISE_UPDATE, e->id, e->version);
	dbq_bind_id(&q, ":school", e->school_id);
	dbq_bind_int(&q, ":year", e->school_year);
	dbq_bind_text(&q, ":expertise", e->expertise);
	bind_count(&q, ":staff", e->staff_count, -1);
	bind_count(&q, ":trained", e->trained, -1);
	bind_count(&q, ":in_training", e->in_training, -1);
	bind_count(&q, ":area", e->area, 0);
	bind_opt_text(&q, ":person", e->person);
	bind_opt_text(&q, ":note", e->note);
	return row_write(db, &KIND_EXPERTISE, &q, e->school_id, &e->id, &e->version, err);
}

enum ibis_status db_expertise_delete(struct db *db, ibis_id id, int version, struct ibis_error *err)
{
	return row_delete(db, &KIND_EXPERTISE, id, version, err);
}

/* ---------------------------------------------------- professionalisering */

#define TRAINING_COLS                                                                   \
	"id, school_id, school_year, scope, topic, participants, who, planned_date,"    \
	" done_date, note, version"
/* :all: every year up to :year, for the history on the School screen. */
static const char SQL_TRAINING_LIST[] =
	"SELECT " TRAINING_COLS " FROM sop_professionalisering"
	" WHERE school_id = :school AND (school_year = :year OR (:all AND school_year < :year))"
	" ORDER BY school_year DESC, scope <> 'school', topic COLLATE NOCASE, id";
static const char SQL_TRAINING_INSERT[] =
	"INSERT INTO sop_professionalisering (school_id, school_year, scope, topic,"
	" participants, who, planned_date, done_date, note) VALUES (:school, :year, :scope,"
	" :topic, :participants, :who, :planned, :done, :note)";
static const char SQL_TRAINING_UPDATE[] =
	"UPDATE sop_professionalisering SET school_year = :year, scope = :scope, topic = :topic,"
	" participants = :participants, who = :who, planned_date = :planned,"
	" done_date = :done, note = :note, version = version + 1"
	" WHERE id = :id AND version = :version AND school_id = :school";

static void training_read(struct dbq *q, void *row)
{
	struct sop_training *t = row;

	t->id = dbq_id(q, 0);
	t->school_id = dbq_id(q, 1);
	t->school_year = (int)dbq_int(q, 2);
	if (!sop_scope_parse(dbq_text_ref(q, 3), &t->scope))
		t->scope = SOP_SCOPE_SCHOOL;
	t->topic = dbq_text(q, 4);
	t->participants = dbq_int_or(q, 5, 0);
	t->who = dbq_text(q, 6);
	t->planned = dbq_date(q, 7);
	t->done = dbq_date(q, 8);
	t->note = dbq_text(q, 9);
	t->version = (int)dbq_int(q, 10);
}

static void training_rows_free(void *rows, int n)
{
	sop_training_free(rows, n);
}

enum ibis_status db_training_list(struct db *db, ibis_id school_id, int school_year,
				  bool all_years, struct sop_training **out, int *n,
				  struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;
	void *rows;

	dbq_prepare(&q, db, SQL_TRAINING_LIST);
	dbq_bind_id(&q, ":school", school_id);
	dbq_bind_int(&q, ":year", school_year);
	dbq_bind_bool(&q, ":all", all_years);
	st = dbi_read_rows(&q, sizeof(**out), training_read, training_rows_free, &rows, n, err);
	*out = rows;
	return st;
}

enum ibis_status db_training_save(struct db *db, struct sop_training *t, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK ||
	    (st = dbi_year_check(t->school_year, err)) != IBIS_OK)
		return st;
	if (t->scope != SOP_SCOPE_SCHOOL && t->scope != SOP_SCOPE_INDIVIDUAL)
		return dbi_fail(err, DBF_CONSTRAINT, "Soort is school of individueel.");
	if ((st = required("Onderwerp", t->topic, err)) != IBIS_OK ||
	    (st = number_check("Aantal", t->participants, 0, 0, 9999, err)) != IBIS_OK)
		return st;
	row_prepare(&q, db, SQL_TRAINING_INSERT, SQL_TRAINING_UPDATE, t->id, t->version);
	dbq_bind_id(&q, ":school", t->school_id);
	dbq_bind_int(&q, ":year", t->school_year);
	dbq_bind_text(&q, ":scope", sop_scope_name(t->scope));
	dbq_bind_text(&q, ":topic", t->topic);
	bind_count(&q, ":participants", t->participants, 0);
	bind_opt_text(&q, ":who", t->who);
	dbq_bind_date(&q, ":planned", t->planned);
	dbq_bind_date(&q, ":done", t->done);
	bind_opt_text(&q, ":note", t->note);
	return row_write(db, &KIND_TRAINING, &q, t->school_id, &t->id, &t->version, err);
}

enum ibis_status db_training_delete(struct db *db, ibis_id id, int version, struct ibis_error *err)
{
	return row_delete(db, &KIND_TRAINING, id, version, err);
}

/* ----------------------------------------------------------------- aanbod */

#define OFFER_COLS "id, school_id, school_year, kenmerk, level, description, version"
/* The general aanbod (no kenmerk) first, then by kenmerk; within one, by
 * level, one without a level first. */
static const char SQL_OFFER_LIST[] =
	"SELECT " OFFER_COLS " FROM sop_aanbod WHERE school_id = :school AND school_year = :year"
	" ORDER BY kenmerk NULLS FIRST, level NULLS FIRST, id";
static const char SQL_OFFER_INSERT[] =
	"INSERT INTO sop_aanbod (school_id, school_year, kenmerk, level, description)"
	" VALUES (:school, :year, :kenmerk, :level, :description)";
static const char SQL_OFFER_UPDATE[] =
	"UPDATE sop_aanbod SET school_year = :year, kenmerk = :kenmerk, level = :level,"
	" description = :description, version = version + 1"
	" WHERE id = :id AND version = :version AND school_id = :school";

static void offer_read(struct dbq *q, void *row)
{
	struct sop_offer *o = row;

	o->id = dbq_id(q, 0);
	o->school_id = dbq_id(q, 1);
	o->school_year = (int)dbq_int(q, 2);
	o->kenmerk = dbq_text(q, 3);
	o->level = dbq_int_or(q, 4, 0);
	o->description = dbq_text(q, 5);
	o->version = (int)dbq_int(q, 6);
}

static void offer_rows_free(void *rows, int n)
{
	sop_offer_free(rows, n);
}

enum ibis_status db_offer_list(struct db *db, ibis_id school_id, int school_year,
			       struct sop_offer **out, int *n, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;
	void *rows;

	dbq_prepare(&q, db, SQL_OFFER_LIST);
	dbq_bind_id(&q, ":school", school_id);
	dbq_bind_int(&q, ":year", school_year);
	st = dbi_read_rows(&q, sizeof(**out), offer_read, offer_rows_free, &rows, n, err);
	*out = rows;
	return st;
}

enum ibis_status db_offer_save(struct db *db, struct sop_offer *o, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK ||
	    (st = dbi_year_check(o->school_year, err)) != IBIS_OK ||
	    (st = required("Beschrijving", o->description, err)) != IBIS_OK ||
	    (st = number_check("Niveau", o->level, 0, 1, 9, err)) != IBIS_OK)
		return st;
	row_prepare(&q, db, SQL_OFFER_INSERT, SQL_OFFER_UPDATE, o->id, o->version);
	dbq_bind_id(&q, ":school", o->school_id);
	dbq_bind_int(&q, ":year", o->school_year);
	bind_opt_text(&q, ":kenmerk", o->kenmerk);
	bind_count(&q, ":level", o->level, 0);
	dbq_bind_text(&q, ":description", o->description);
	return row_write(db, &KIND_OFFER, &q, o->school_id, &o->id, &o->version, err);
}

enum ibis_status db_offer_delete(struct db *db, ibis_id id, int version, struct ibis_error *err)
{
	return row_delete(db, &KIND_OFFER, id, version, err);
}

/* ---------------------------------------------------------------- grenzen */

#define LIMIT_COLS "id, school_id, school_year, heading, description, version"
static const char SQL_LIMIT_LIST[] =
	"SELECT " LIMIT_COLS " FROM sop_grenzen WHERE school_id = :school AND school_year = :year"
	" ORDER BY heading NULLS FIRST, id";
static const char SQL_LIMIT_INSERT[] =
	"INSERT INTO sop_grenzen (school_id, school_year, heading, description)"
	" VALUES (:school, :year, :heading, :description)";
static const char SQL_LIMIT_UPDATE[] =
	"UPDATE sop_grenzen SET school_year = :year, heading = :heading,"
	" description = :description, version = version + 1"
	" WHERE id = :id AND version = :version AND school_id = :school";

static void limit_read(struct dbq *q, void *row)
{
	struct sop_limit *l = row;

	l->id = dbq_id(q, 0);
	l->school_id = dbq_id(q, 1);
	l->school_year = (int)dbq_int(q, 2);
	l->heading = dbq_text(q, 3);
	l->description = dbq_text(q, 4);
	l->version = (int)dbq_int(q, 5);
}

static void limit_rows_free(void *rows, int n)
{
	sop_limit_free(rows, n);
}

enum ibis_status db_limit_list(struct db *db, ibis_id school_id, int school_year,
			       struct sop_limit **out, int *n, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;
	void *rows;

	dbq_prepare(&q, db, SQL_LIMIT_LIST);
	dbq_bind_id(&q, ":school", school_id);
	dbq_bind_int(&q, ":year", school_year);
	st = dbi_read_rows(&q, sizeof(**out), limit_read, limit_rows_free, &rows, n, err);
	*out = rows;
	return st;
}

enum ibis_status db_limit_save(struct db *db, struct sop_limit *l, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK ||
	    (st = dbi_year_check(l->school_year, err)) != IBIS_OK ||
	    (st = required("Beschrijving", l->description, err)) != IBIS_OK)
		return st;
	row_prepare(&q, db, SQL_LIMIT_INSERT, SQL_LIMIT_UPDATE, l->id, l->version);
	dbq_bind_id(&q, ":school", l->school_id);
	dbq_bind_int(&q, ":year", l->school_year);
	bind_opt_text(&q, ":heading", l->heading);
	dbq_bind_text(&q, ":description", l->description);
	return row_write(db, &KIND_LIMIT, &q, l->school_id, &l->id, &l->version, err);
}

enum ibis_status db_limit_delete(struct db *db, ibis_id id, int version, struct ibis_error *err)
{
	return row_delete(db, &KIND_LIMIT, id, version, err);
}

/* -------------------------------------------------------------- new year */

/* Each copies the kind's rows of :from into :to when :to has none of them;
 * SQLite reads the source into a temporary table first, so the rows it
 * inserts are not copied again. */
static const char SQL_EXPERTISE_COPY[] =
	"INSERT INTO sop_expertise (school_id, school_year, expertise, staff_count, trained,"
	" in_training, area, person, note)"
	" SELECT school_id, :to, expertise, staff_count, trained, in_training, area, person, note"
	" FROM sop_expertise WHERE school_id = :school AND school_year = :from"
	" AND NOT EXISTS (SELECT 1 FROM sop_expertise WHERE school_id = :school"
	"  AND school_year = :to)"
	" ORDER BY id";
static const char SQL_OFFER_COPY[] =
	"INSERT INTO sop_aanbod (school_id, school_year, area, kenmerk, level, description)"
	" SELECT school_id, :to, area, kenmerk, level, description"
	" FROM sop_aanbod WHERE school_id = :school AND school_year = :from"
	" AND NOT EXISTS (SELECT 1 FROM sop_aanbod WHERE school_id = :school"
	"  AND school_year = :to)"
	" ORDER BY id";
static const char SQL_LIMIT_COPY[] =
	"INSERT INTO sop_grenzen (school_id, school_year, heading, description)"
	" SELECT school_id, :to, heading, description"
	" FROM sop_grenzen WHERE school_id = :school AND school_year = :from"
	" AND NOT EXISTS (SELECT 1 FROM sop_grenzen WHERE school_id = :school"
	"  AND school_year = :to)"
	" ORDER BY id";

enum ibis_status db_sop_copy_year(struct db *db, ibis_id school_id, int from, int to, int *copied,
				  struct ibis_error *err)
{
	static const char *const sqls[] = {SQL_EXPERTISE_COPY, SQL_OFFER_COPY, SQL_LIMIT_COPY};

	return copy_year(db, sqls, ARRAY_LEN(sqls), school_id, from, to, copied, err);
}

/* ==================================================== basisondersteuning */

#define BASIS_COLS                                                                      \
	"id, school_id, school_year, area, aspect, status, description, note, document,"  \
	" version"
static const char SQL_BASIS_LIST[] =
	"SELECT " BASIS_COLS " FROM basis_checklist WHERE school_id = :school"
	" AND school_year = :year ORDER BY area, aspect, id";
static const char SQL_BASIS_INSERT[] =
	"INSERT INTO basis_checklist (school_id, school_year, area, aspect, status, description,"
	" note, document) VALUES (:school, :year, :area, :aspect, :status, :description, :note,"
	" :document)";
/* The cell's key in the WHERE as well: a record of another cell is not
 * written over this one (see basis_not_written). */
static const char SQL_BASIS_UPDATE[] =
	"UPDATE basis_checklist SET status = :status, description = :description, note = :note,"
	" document = :document, version = version + 1"
	" WHERE id = :id AND version = :version AND school_id = :school"
	" AND school_year = :year AND area = :area AND aspect = :aspect";
static const char SQL_BASIS_CELL[] =
	"SELECT school_id, school_year, area, aspect, version FROM basis_checklist WHERE id = :id";
/* UNIQUE (school_id, school_year, area, aspect) finds the cell of :to. */
static const char SQL_BASIS_COPY[] =
	"INSERT INTO basis_checklist (school_id, school_year, area, aspect, status, description,"
	" note, document)"
	" SELECT b.school_id, :to, b.area, b.aspect, b.status, b.description, b.note, b.document"
	" FROM basis_checklist b WHERE b.school_id = :school AND b.school_year = :from"
	" AND NOT EXISTS (SELECT 1 FROM basis_checklist t WHERE t.school_id = :school"
	"  AND t.school_year = :to AND t.area = b.area AND t.aspect = b.aspect)"
	" ORDER BY b.area, b.aspect";

static void basis_read(struct dbq *q, void *row)
{
	struct basis_cell *c = row;

	c->id = dbq_id(q, 0);
	c->school_id = dbq_id(q, 1);
	c->school_year = (int)dbq_int(q, 2);
	c->area = (int)dbq_int(q, 3);
	c->aspect = dbq_text(q, 4);
	if (!basis_status_parse(dbq_text_ref(q, 5), &c->status))
		c->status = BASIS_OPEN;
	c->description = dbq_text(q, 6);
	c->note = dbq_text(q, 7);
	c->document = dbq_text(q, 8);
	c->version = (int)dbq_int(q, 9);
}

static void basis_rows_free(void *rows, int n)
{
	basis_cells_free(rows, n);
}

enum ibis_status db_basis_list(struct db *db, ibis_id school_id, int school_year,
			       struct basis_cell **out, int *n, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;
	void *rows;

	dbq_prepare(&q, db, SQL_BASIS_LIST);
	dbq_bind_id(&q, ":school", school_id);
	dbq_bind_int(&q, ":year", school_year);
	st = dbi_read_rows(&q, sizeof(**out), basis_read, basis_rows_free, &rows, n, err);
	*out = rows;
	return st;
}

/* The update of cell c changed nothing: a colleague's change (or delete), or
 * a record that is not this school's or this cell's. */
static enum ibis_status basis_not_written(struct db *db, const struct basis_cell *c,
					  struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	bool found = false, other_school = false, other_cell = false;
	long long now = 0;
	struct dbq q;
	int rc;

	dbq_prepare(&q, db, SQL_BASIS_CELL);
	dbq_bind_id(&q, ":id", c->id);
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		found = true;
		other_school = dbq_id(&q, 0) != c->school_id;
		other_cell = dbq_int(&q, 1) != c->school_year || dbq_int(&q, 2) != c->area ||
			     strcmp(dbq_text_ref(&q, 3), c->aspect) != 0;
		now = dbq_int(&q, 4);
	} else if (rc != SQLITE_DONE) {
		st = dbq_fail(&q, err);
	}
	dbq_finish(&q);
	if (st != IBIS_OK)
		return st;
	if (!found)
		return dbi_gone(err, "basis_checklist.id %lld is gone", (long long)c->id);
	if (other_school)
		return ibis_fail(err, IBIS_EINPUT, "Cel %lld van de checklist hoort bij een andere "
				 "school.", (long long)c->id);
	if (other_cell)
		return ibis_fail(err, IBIS_EINPUT, "Cel %lld van de checklist is niet die van "
				 "gebied %d, aspect %s in %d.", (long long)c->id, c->area,
				 c->aspect, c->school_year);
	return dbi_changed(err, "basis_checklist.id %lld is at version %lld, not %d",
			   (long long)c->id, now, c->version);
}

enum ibis_status db_basis_put(struct db *db, struct basis_cell *c, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK ||
	    (st = dbi_year_check(c->school_year, err)) != IBIS_OK ||
	    (st = number_check("Ontwikkelingsgebied", c->area, NO_NONE, 1, 99, err)) != IBIS_OK ||
	    (st = required("Aspect", c->aspect, err)) != IBIS_OK)
		return st;
	if ((int)c->status < 0 || (int)c->status >= BASIS_NSTATUS)
		return dbi_fail(err, DBF_CONSTRAINT, "Status is voldoet, deels, voldoet niet, "
				"n.v.t. of open.");
	row_prepare(&q, db, SQL_BASIS_INSERT, SQL_BASIS_UPDATE, c->id, c->version);
	dbq_bind_id(&q, ":school", c->school_id);
	dbq_bind_int(&q, ":year", c->school_year);
	dbq_bind_int(&q, ":area", c->area);
	dbq_bind_text(&q, ":aspect", c->aspect);
	dbq_bind_text(&q, ":status", basis_status_db(c->status));
	bind_opt_text(&q, ":description", c->description);
	bind_opt_text(&q, ":note", c->note);
	bind_opt_text(&q, ":document", c->document);
	if ((st = dbq_exec(&q, err)) != IBIS_OK) {
		if (q.rc == SQLITE_CONSTRAINT_UNIQUE) {
			/* Two people judging an empty cell at once. */
			return dbi_changed(err, "basis_checklist: cell %d %s of %d exists",
					   c->area, c->aspect, c->school_year);
		}
		if (q.rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			dbi_message(err, "School %lld bestaat niet.", (long long)c->school_id);
		return st;
	}
	if (!row_stored(db, &c->id, &c->version))
		return basis_not_written(db, c, err);
	return IBIS_OK;
}

enum ibis_status db_basis_copy_year(struct db *db, ibis_id school_id, int from, int to,
				    int *copied, struct ibis_error *err)
{
	static const char *const sqls[] = {SQL_BASIS_COPY};

	return copy_year(db, sqls, ARRAY_LEN(sqls), school_id, from, to, copied, err);
}
