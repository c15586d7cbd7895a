/* draft.c - edits in progress, kept per login (see db_draft.h).
 *
 * saved_at is written by the program, not by the column's default, in the
 * "YYYY-MM-DD HH:MM:SS" form the header promises, with milliseconds after
 * it: a draft is written every few seconds, and two writes within one second
 * must still sort newest first. Readers get the first 19 characters.
 */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "ibis/db_draft.h"
#include "ibis/util.h"

#define DRAFT_NOW "strftime('%Y-%m-%d %H:%M:%f', 'now')"
#define DRAFT_COLS "id, login, kind, record_id, content, substr(saved_at, 1, 19)"

static const char SQL_DRAFT_INSERT[] =
	"INSERT INTO drafts (login, kind, record_id, content, saved_at)"
	" VALUES (:login, :kind, :record, :content, " DRAFT_NOW ")";
static const char SQL_DRAFT_UPDATE[] =
	"UPDATE drafts SET content = :content, saved_at = " DRAFT_NOW ", version = version + 1"
	" WHERE id = :id";
/* drafts_login (login, kind, record_id, saved_at): the kind given, the
 * drafts of each record come in saved_at order from the index; the few of a
 * login are sorted. */
static const char SQL_DRAFT_LIST[] =
	"SELECT " DRAFT_COLS " FROM drafts WHERE login = :login"
	" ORDER BY saved_at DESC, id DESC";
static const char SQL_DRAFT_LIST_KIND[] =
	"SELECT " DRAFT_COLS " FROM drafts WHERE login = :login AND kind = :kind"
	" ORDER BY saved_at DESC, id DESC";
/* The last entry of the index for (login, kind, record_id): no sort. */
static const char SQL_DRAFT_FIND[] =
	"SELECT " DRAFT_COLS " FROM drafts"
	" WHERE login = :login AND kind = :kind AND record_id IS :record"
	" ORDER BY saved_at DESC, id DESC LIMIT 1";
static const char SQL_DRAFT_DELETE[] = "DELETE FROM drafts WHERE id = :id";

static void draft_read(struct dbq *q, struct draft *d)
{
	d->id = dbq_id(q, 0);
	d->login = dbq_text(q, 1);
	d->kind = dbq_text(q, 2);
	d->record_id = dbq_id(q, 3);
	d->content = dbq_text(q, 4);
	d->saved_at = dbq_text(q, 5);
}

enum ibis_status db_draft_put(struct db *db, struct draft *d, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	if (str_empty(d->login) || str_empty(d->kind))
		return dbi_fail(err, DBF_CONSTRAINT,
				"Een concept hoort bij een gebruiker en een soort gegevens.");
	if (d->id) {
		dbq_prepare(&q, db, SQL_DRAFT_UPDATE);
		dbq_bind_id(&q, ":id", d->id);
		dbq_bind_text(&q, ":content", d->content ? d->content : "");
		if ((st = dbq_exec(&q, err)) != IBIS_OK)
			return st;
		if (dbi_changes(db) == 1)
			return IBIS_OK;
		/* Removed meanwhile (saved or thrown away elsewhere): what is
		 * typed here is still kept, under a new id. */
	}
	dbq_prepare(&q, db, SQL_DRAFT_INSERT);
	dbq_bind_text(&q, ":login", d->login);
	dbq_bind_text(&q, ":kind", d->kind);
	dbq_bind_id(&q, ":record", d->record_id);
	dbq_bind_text(&q, ":content", d->content ? d->content : "");
	if ((st = dbq_exec(&q, err)) != IBIS_OK)
		return st;
	d->id = dbi_last_id(db);
	return IBIS_OK;
}

enum ibis_status db_draft_list(struct db *db, const char *login, const char *kind,
			       struct draft **out, int *n, struct ibis_error *err)
{
	struct draft *a = NULL;
	int len = 0, cap = 0, rc;
	struct dbq q;

	dbq_prepare(&q, db, kind ? SQL_DRAFT_LIST_KIND : SQL_DRAFT_LIST);
	dbq_bind_text(&q, ":login", login ? login : "");
	if (kind)
		dbq_bind_text(&q, ":kind", kind);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		a = dbi_grow(a, len, &cap, sizeof(*a));
		memset(&a[len], 0, sizeof(*a));
		draft_read(&q, &a[len++]);
	}
	if (rc != SQLITE_DONE) {
		enum ibis_status st = dbq_fail(&q, err);
		dbq_finish(&q);
		drafts_free(a, len);
		*out = NULL;
		*n = 0;
		return st;
	}
	dbq_finish(&q);
	*out = a;
	*n = len;
	return IBIS_OK;
}

enum ibis_status db_draft_find(struct db *db, const char *login, const char *kind,
			       ibis_id record_id, struct draft *out, bool *found,
			       struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct dbq q;
	int rc;

	draft_clear(out);
	*found = false;
	dbq_prepare(&q, db, SQL_DRAFT_FIND);
	dbq_bind_text(&q, ":login", login ? login : "");
	dbq_bind_text(&q, ":kind", kind ? kind : "");
	dbq_bind_id(&q, ":record", record_id);
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		draft_read(&q, out);
		*found = true;
	} else if (rc != SQLITE_DONE) {
		st = dbq_fail(&q, err);
	}
	dbq_finish(&q);
	return st;
}

enum ibis_status db_draft_delete(struct db *db, ibis_id id, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	dbq_prepare(&q, db, SQL_DRAFT_DELETE);
	dbq_bind_id(&q, ":id", id);
	return dbq_exec(&q, err);
}

void draft_clear(struct draft *d)
{
	free(d->login);
	free(d->kind);
	free(d->content);
	free(d->saved_at);
	memset(d, 0, sizeof(*d));
}

void drafts_free(struct draft *d, int n)
{
	for (int i = 0; i < n; i++)
		draft_clear(&d[i]);
	free(d);
}
