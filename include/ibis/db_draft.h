/* db_draft.h - edits in progress (drafts), kept per login so that nothing
 * typed is lost to a dropped SSH connection, a kill, a crash or a conflict
 * with a colleague's save. A draft is written every few seconds while
 * typing and removed once the edit is saved or thrown away on purpose. */
#ifndef IBIS_DB_DRAFT_H
#define IBIS_DB_DRAFT_H

#include <stdbool.h>

#include "ibis/db.h"
#include "ibis/records.h"

struct draft {
	ibis_id id;         /* 0 while never written */
	char *login;
	char *kind;         /* "plan", ... */
	ibis_id record_id;  /* the record being edited; 0 for one not saved yet */
	char *content;      /* the kind's own text (plandoc_draft) */
	char *saved_at;     /* "YYYY-MM-DD HH:MM:SS" (UTC) as stored, set when read */
};

/* Write d: insert when d->id is 0 (d->id set), else replace that draft's
 * content and saved_at (a draft removed meanwhile is inserted again with a
 * new id). Nothing else is checked: a draft is the user's own. */
enum ibis_status db_draft_put(struct db *db, struct draft *d, struct ibis_error *err);
/* The drafts of login of kind (NULL: any), newest first. Caller frees with
 * drafts_free. */
enum ibis_status db_draft_list(struct db *db, const char *login, const char *kind,
			       struct draft **out, int *n, struct ibis_error *err);
/* The newest draft of login for kind and record_id (0: none found, *found
 * false). out is replaced. */
enum ibis_status db_draft_find(struct db *db, const char *login, const char *kind,
			       ibis_id record_id, struct draft *out, bool *found,
			       struct ibis_error *err);
/* Remove a draft (no error when it is gone already). */
enum ibis_status db_draft_delete(struct db *db, ibis_id id, struct ibis_error *err);

void draft_clear(struct draft *d);
void drafts_free(struct draft *d, int n);

#endif
