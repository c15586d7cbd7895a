/* test_db_draft.c - the draft store: insert and update, the drafts of a login
 * newest first, the newest draft of a record, delete, and that one login
 * never sees another's drafts.
 */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/db.h"
#include "ibis/db_draft.h"
#include "ibis/util.h"

TestSuite(dbdraft, .init = th_db_setup, .fini = th_db_teardown);

/* Set when draft id was saved (a fixed moment, so that the order does not
 * depend on the clock). */
static void saved_at(ibis_id id, const char *when)
{
	sqlite3 *c = NULL;
	sqlite3_stmt *st = NULL;
	cr_assert_eq(sqlite3_open(th_path, &c), SQLITE_OK);
	sqlite3_busy_timeout(c, 5000);
	cr_assert_eq(sqlite3_prepare_v2(c, "UPDATE drafts SET saved_at = ? WHERE id = ?", -1, &st,
					NULL),
		     SQLITE_OK);
	sqlite3_bind_text(st, 1, when, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	cr_assert_eq(sqlite3_step(st), SQLITE_DONE, "%s", sqlite3_errmsg(c));
	cr_assert_eq(sqlite3_changes(c), 1);
	sqlite3_finalize(st);
	sqlite3_close(c);
}

static ibis_id put(const char *login, const char *kind, ibis_id record, const char *content)
{
	struct ibis_error err = {0};
	struct draft d = {.login = (char *)login, .kind = (char *)kind, .record_id = record,
			  .content = (char *)content};
	TH_OK(db_draft_put(th_db, &d, &err));
	cr_assert_gt(d.id, 0);
	return d.id;
}

Test(dbdraft, put_inserts_then_updates)
{
	struct ibis_error err = {0};
	const char *text = "titel=OOP rekenen\nveld:aanpak=Dagelijks\\nook ë, ç\n";
	struct draft d = {.login = "ib.anna", .kind = "plan", .record_id = 12,
			  .content = (char *)text};
	TH_OK(db_draft_put(th_db, &d, &err));
	ibis_id id = d.id;
	cr_assert_gt(id, 0);

	struct draft got = {0};
	bool found = false;
	TH_OK(db_draft_find(th_db, "ib.anna", "plan", 12, &got, &found, &err));
	cr_assert(found);
	cr_assert_eq(got.id, id);
	cr_assert_str_eq(got.login, "ib.anna");
	cr_assert_str_eq(got.kind, "plan");
	cr_assert_eq(got.record_id, 12);
	cr_assert_str_eq(got.content, text);
	/* "YYYY-MM-DD HH:MM:SS" */
	cr_assert_eq(strlen(got.saved_at), 19, "%s", got.saved_at);
	cr_assert_eq(got.saved_at[4], '-');
	cr_assert_eq(got.saved_at[10], ' ');
	cr_assert_eq(got.saved_at[16], ':');

	/* the same draft again: replaced, not a second one */
	d.content = "titel=OOP rekenen en taal\n";
	TH_OK(db_draft_put(th_db, &d, &err));
	cr_assert_eq(d.id, id);
	cr_assert_eq(db_count_rows(th_db, "drafts"), 1);
	TH_OK(db_draft_find(th_db, "ib.anna", "plan", 12, &got, &found, &err));
	cr_assert(found);
	cr_assert_str_eq(got.content, "titel=OOP rekenen en taal\n");
	draft_clear(&got);
	cr_assert_null(got.content);

	/* removed meanwhile: written again (SQLite may give the freed rowid) */
	TH_OK(db_draft_delete(th_db, id, &err));
	cr_assert_eq(db_count_rows(th_db, "drafts"), 0);
	d.content = "nog steeds getypt";
	TH_OK(db_draft_put(th_db, &d, &err));
	cr_assert_gt(d.id, 0);
	cr_assert_eq(db_count_rows(th_db, "drafts"), 1);
	TH_OK(db_draft_find(th_db, "ib.anna", "plan", 12, &got, &found, &err));
	cr_assert(found);
	cr_assert_eq(got.id, d.id);
	cr_assert_str_eq(got.content, "nog steeds getypt");
	draft_clear(&got);

	/* without a login or kind there is nobody to offer it to */
	struct draft bad = {.kind = "plan", .content = "x"};
	cr_assert_eq(db_draft_put(th_db, &bad, &err), IBIS_EINPUT);
	cr_assert_eq(bad.id, 0);
}

Test(dbdraft, list_per_login_newest_first)
{
	struct ibis_error err = {0};
	ibis_id a = put("ib.anna", "plan", 1, "a");
	ibis_id b = put("ib.anna", "plan", 0, "b (nieuw plan)");
	ibis_id c = put("ib.anna", "pupil", 7, "c");
	ibis_id other = put("lk.bert", "plan", 1, "van Bert");
	saved_at(a, "2001-11-23 10:00:00.000");
	saved_at(b, "2001-11-23 10:05:00.000");
	saved_at(c, "2001-11-23 09:00:00.000");
	saved_at(other, "2001-11-23 11:00:00.000");

	struct draft *l = NULL;
	int n = 0;
	TH_OK(db_draft_list(th_db, "ib.anna", NULL, &l, &n, &err));
	cr_assert_eq(n, 3);
	cr_assert_eq(l[0].id, b);
	cr_assert_eq(l[0].record_id, 0);
	cr_assert_str_eq(l[0].saved_at, "2001-11-23 10:05:00");
	cr_assert_eq(l[1].id, a);
	cr_assert_eq(l[2].id, c);
	drafts_free(l, n);

	TH_OK(db_draft_list(th_db, "ib.anna", "plan", &l, &n, &err));
	cr_assert_eq(n, 2);
	cr_assert_eq(l[0].id, b);
	cr_assert_eq(l[1].id, a);
	drafts_free(l, n);

	/* a write makes a draft the newest */
	struct draft upd = {.id = c, .login = "ib.anna", .kind = "pupil", .record_id = 7,
			    .content = "c2"};
	TH_OK(db_draft_put(th_db, &upd, &err));
	TH_OK(db_draft_list(th_db, "ib.anna", NULL, &l, &n, &err));
	cr_assert_eq(n, 3);
	cr_assert_eq(l[0].id, c);
	cr_assert_str_eq(l[0].content, "c2");
	drafts_free(l, n);

	TH_OK(db_draft_list(th_db, "niemand", NULL, &l, &n, &err));
	cr_assert_eq(n, 0);
	drafts_free(l, n);
}

Test(dbdraft, find_by_record_and_not_another_logins)
{
	struct ibis_error err = {0};
	ibis_id old = put("ib.anna", "plan", 5, "oud");
	ibis_id new = put("ib.anna", "plan", 5, "nieuw");
	ibis_id other_record = put("ib.anna", "plan", 6, "ander plan");
	ibis_id unsaved = put("ib.anna", "plan", 0, "nooit opgeslagen");
	put("lk.bert", "plan", 8, "van Bert");
	saved_at(old, "2001-11-23 10:00:00.000");
	saved_at(new, "2001-11-23 10:00:01.000");

	struct draft got = {0};
	bool found = false;
	TH_OK(db_draft_find(th_db, "ib.anna", "plan", 5, &got, &found, &err));
	cr_assert(found);
	cr_assert_eq(got.id, new);
	cr_assert_str_eq(got.content, "nieuw");
	TH_OK(db_draft_find(th_db, "ib.anna", "plan", 6, &got, &found, &err));
	cr_assert(found);
	cr_assert_eq(got.id, other_record);
	TH_OK(db_draft_find(th_db, "ib.anna", "plan", 0, &got, &found, &err));
	cr_assert(found);
	cr_assert_eq(got.id, unsaved);
	cr_assert_eq(got.record_id, 0);

	/* another kind, another login: nothing, and out emptied */
	TH_OK(db_draft_find(th_db, "ib.anna", "pupil", 5, &got, &found, &err));
	cr_assert_not(found);
	cr_assert_eq(got.id, 0);
	cr_assert_null(got.content);
	TH_OK(db_draft_find(th_db, "lk.bert", "plan", 5, &got, &found, &err));
	cr_assert_not(found);
	TH_OK(db_draft_find(th_db, "ib.anna", "plan", 8, &got, &found, &err));
	cr_assert_not(found);

	/* delete: the older one is found next; deleting twice is no error */
	TH_OK(db_draft_delete(th_db, new, &err));
	TH_OK(db_draft_delete(th_db, new, &err));
	TH_OK(db_draft_find(th_db, "ib.anna", "plan", 5, &got, &found, &err));
	cr_assert(found);
	cr_assert_eq(got.id, old);
	TH_OK(db_draft_delete(th_db, old, &err));
	TH_OK(db_draft_find(th_db, "ib.anna", "plan", 5, &got, &found, &err));
	cr_assert_not(found);
	draft_clear(&got);
	cr_assert_eq(db_count_rows(th_db, "drafts"), 3);
}
