/* arrangement.c - TLV's and onderwijsarrangementen of a pupil.
 *
 * The model's rules (a TLV's longest term) are arrangement_check's, in core;
 * here only what the schema itself guards: a known pupil, a start, and an end
 * that is not before the start.
 */
#include <string.h>

#include "db_internal.h"
#include "ibis/db_arrangement.h"
#include "ibis/util.h"

#define ARRANGEMENT_COLS \
	"id, pupil_id, kind, start_date, end_date, description, reference, version"
static const char SQL_ARRANGEMENT_INSERT[] =
	"INSERT INTO arrangements (pupil_id, kind, start_date, end_date, description, reference)"
	" VALUES (:pupil, :kind, :start, :end, :description, :reference)";
/* Optimistic locking as everywhere: only the version the user started from. */
static const char SQL_ARRANGEMENT_UPDATE[] =
	"UPDATE arrangements SET end_date = :end, description = :description,"
	" reference = :reference, version = version + 1"
	" WHERE id = :id AND version = :version";
static const char SQL_ARRANGEMENT_START[] = "SELECT start_date FROM arrangements WHERE id = :id";
static const char SQL_ARRANGEMENT_LIST[] =
	"SELECT " ARRANGEMENT_COLS " FROM arrangements WHERE pupil_id = :pupil"
	" ORDER BY start_date, id";
/* The latest started when two overlap. */
static const char SQL_ARRANGEMENT_TLV_ON[] =
	"SELECT " ARRANGEMENT_COLS " FROM arrangements WHERE pupil_id = :pupil AND kind = 'tlv'"
	" AND start_date <= :d AND (end_date IS NULL OR end_date >= :d)"
	" ORDER BY start_date DESC, id DESC LIMIT 1";

static void arrangement_read(struct dbq *q, struct arrangement *a)
{
	a->id = dbq_id(q, 0);
	a->pupil_id = dbq_id(q, 1);
	if (!arrangement_kind_parse(dbq_text_ref(q, 2), &a->kind))
		a->kind = ARRANGEMENT_ONDERWIJS;
	a->start = dbq_date(q, 3);
	a->end = dbq_date(q, 4);
	a->description = dbq_text(q, 5);
	a->reference = dbq_text(q, 6);
	a->version = (int)dbq_int(q, 7);
}

static enum ibis_status end_before_start(ibis_date start, ibis_date end, struct ibis_error *err)
{
	char a[DATE_NL_LEN], b[DATE_NL_LEN];

	return dbi_fail(err, DBF_CONSTRAINT, "De einddatum (%s) ligt voor de begindatum (%s).",
			date_format_nl(end, a), date_format_nl(start, b));
}

/* A write the schema refused, in the words of an arrangement. */
static void arrangement_constraint_message(const struct dbq *q, const struct arrangement *a,
					   struct ibis_error *err)
{
	char s[DATE_NL_LEN], e[DATE_NL_LEN];

	if (q->rc == SQLITE_CONSTRAINT_CHECK && a->end != DATE_NONE && a->start != DATE_NONE)
		dbi_message(err, "De einddatum (%s) ligt voor de begindatum (%s).",
			    date_format_nl(a->end, e), date_format_nl(a->start, s));
	else if (q->rc == SQLITE_CONSTRAINT_CHECK)
		dbi_message(err, "De einddatum ligt voor de begindatum.");
	else if (q->rc == SQLITE_CONSTRAINT_FOREIGNKEY)
		dbi_message(err, "Leerling %lld bestaat niet.", (long long)a->pupil_id);
}

enum ibis_status db_arrangement_insert(struct db *db, struct arrangement *a,
				       struct ibis_error *err)
{
	enum ibis_status st;
	const char *kind = arrangement_kind_name(a->kind);
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	if (!kind)
		return dbi_fail(err, DBF_CONSTRAINT, "Kies TLV of onderwijsarrangement.");
	if (a->start == DATE_NONE)
		return dbi_fail(err, DBF_CONSTRAINT, "Een arrangement heeft een begindatum nodig.");
	if (a->end != DATE_NONE && a->end < a->start)
		return end_before_start(a->start, a->end, err);
	dbq_prepare(&q, db, SQL_ARRANGEMENT_INSERT);
	dbq_bind_id(&q, ":pupil", a->pupil_id);
	dbq_bind_text(&q, ":kind", kind);
	dbq_bind_date(&q, ":start", a->start);
	dbq_bind_date(&q, ":end", a->end);
	dbq_bind_opt(&q, ":description", a->description);
	dbq_bind_opt(&q, ":reference", a->reference);
	if ((st = dbq_exec(&q, err)) != IBIS_OK) {
		arrangement_constraint_message(&q, a, err);
		return st;
	}
	a->id = dbi_last_id(db);
	a->version = 1;
	return IBIS_OK;
}

enum ibis_status db_arrangement_update(struct db *db, struct arrangement *a,
				       struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;
	bool found = false;
	ibis_date start = DATE_NONE;
	int rc;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	/* The start is not changed here: the stored one is what the end must
	 * follow, whatever a->start says. */
	dbq_prepare(&q, db, SQL_ARRANGEMENT_START);
	dbq_bind_int(&q, ":id", a->id);
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		start = dbq_date(&q, 0);
		found = true;
	} else if (rc != SQLITE_DONE) {
		st = dbq_fail(&q, err);
	}
	dbq_finish(&q);
	if (st != IBIS_OK)
		return st;
	if (!found)
		return ibis_fail(err, IBIS_EINPUT, "Arrangement %lld bestaat niet (meer).",
				 (long long)a->id);
	if (a->end != DATE_NONE && start != DATE_NONE && a->end < start)
		return end_before_start(start, a->end, err);

	dbq_prepare(&q, db, SQL_ARRANGEMENT_UPDATE);
	dbq_bind_date(&q, ":end", a->end);
	dbq_bind_opt(&q, ":description", a->description);
	dbq_bind_opt(&q, ":reference", a->reference);
	dbq_bind_int(&q, ":id", a->id);
	dbq_bind_int(&q, ":version", a->version);
	if ((st = dbq_exec(&q, err)) != IBIS_OK) {
		arrangement_constraint_message(&q, a, err);
		return st;
	}
	if (dbi_changes(db) != 1) {
		dbi_fail(err, DBF_CONFLICT,
			 "Iemand anders heeft dit arrangement intussen gewijzigd; bekijk het "
			 "opnieuw.");
		ibis_detail(err, "arrangements.id %lld is no longer at version %d", (long long)a->id,
			    a->version);
		return IBIS_EDB;
	}
	a->version++;
	return IBIS_OK;
}

enum ibis_status db_arrangement_list(struct db *db, ibis_id pupil_id, struct arrangement **out,
				     int *n, struct ibis_error *err)
{
	struct arrangement *a = NULL;
	int len = 0, cap = 0, rc;
	struct dbq q;

	dbq_prepare(&q, db, SQL_ARRANGEMENT_LIST);
	dbq_bind_id(&q, ":pupil", pupil_id);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		a = dbi_grow(a, len, &cap, sizeof(*a));
		memset(&a[len], 0, sizeof(*a));
		arrangement_read(&q, &a[len++]);
	}
	if (rc != SQLITE_DONE) {
		enum ibis_status st = dbq_fail(&q, err);
		dbq_finish(&q);
		arrangements_free(a, len);
		*out = NULL;
		*n = 0;
		return st;
	}
	dbq_finish(&q);
	*out = a;
	*n = len;
	return IBIS_OK;
}

enum ibis_status db_arrangement_tlv_on(struct db *db, ibis_id pupil_id, ibis_date d,
				       struct arrangement *out, bool *found,
				       struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct dbq q;
	int rc;

	arrangement_clear(out);
	*found = false;
	dbq_prepare(&q, db, SQL_ARRANGEMENT_TLV_ON);
	dbq_bind_id(&q, ":pupil", pupil_id);
	dbq_bind_date(&q, ":d", d);
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		arrangement_read(&q, out);
		*found = true;
	} else if (rc != SQLITE_DONE) {
		st = dbq_fail(&q, err);
	}
	dbq_finish(&q);
	return st;
}
