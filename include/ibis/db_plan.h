/* db_plan.h - whole plans for the plan editor: read, create and save a
 * plan_doc with its goals and instruction groups in one transaction, the
 * version check that keeps a colleague's save from being overwritten, the
 * logboek, the snapshots taken at status changes, and the role of a user.
 * (db_event.h keeps the single-row plan functions the demo uses.) */
#ifndef IBIS_DB_PLAN_H
#define IBIS_DB_PLAN_H

#include <stdbool.h>

#include "ibis/db.h"
#include "ibis/plandoc.h"
#include "ibis/records.h"

/* Read plan id whole into out (initialised with plandoc_init; replaced):
 * header, field values, goals (long term first, then in the order added, as
 * db_goal_list), members with their pupils' names. *found false (out empty)
 * when there is no such plan. */
enum ibis_status db_plan_load(struct db *db, ibis_id id, struct plan_doc *out, bool *found,
			      struct ibis_error *err);

/* Insert d as a new plan (d->plan.id 0) with its values, goals and members,
 * in one transaction; sets d->plan.id, d->plan.version = 1 and every goal's
 * id, plan_id and version. A pupil or group that does not exist:
 * IBIS_EINPUT with a Dutch message. */
enum ibis_status db_plan_create(struct db *db, struct plan_doc *d, struct ibis_error *err);

/* Save d over the stored plan d->plan.id if its version is still
 * d->plan.version (otherwise DBF_CONFLICT, nothing written): the header
 * (status too), every value (fields no longer in d are deleted), the goals
 * (by id: changed ones updated, id 0 inserted, stored ones missing from d
 * deleted), the members (replaced). When snap is not NULL it is inserted in
 * the same transaction (snap->plan_id is taken from d). One transaction;
 * d->plan.version is bumped and goal ids and versions set on success. */
enum ibis_status db_plan_save(struct db *db, struct plan_doc *d,
			      const struct plan_snapshot *snap, struct ibis_error *err);

/* Delete a plan with everything of it when its version is still version
 * (DBF_CONFLICT otherwise). */
enum ibis_status db_plan_delete(struct db *db, ibis_id id, int version, struct ibis_error *err);

/* The plans of a group (groepsplannen), newest start first, as db_plan_list.
 * Caller frees with plans_free. */
enum ibis_status db_plan_list_group(struct db *db, ibis_id group_id, struct plan **out, int *n,
				    struct ibis_error *err);

/* The logboek: add one entry (e->id and version set; an empty text or a
 * plan that does not exist: IBIS_EINPUT); the entries of a plan, oldest
 * first (date, then the order added). Caller frees with plan_log_free. */
enum ibis_status db_plan_log_add(struct db *db, struct plan_log_entry *e, struct ibis_error *err);
enum ibis_status db_plan_log_list(struct db *db, ibis_id plan_id, struct plan_log_entry **out,
				  int *n, struct ibis_error *err);

/* The snapshots of a plan, oldest first, with their content. Caller frees
 * with plan_snapshots_free. */
enum ibis_status db_plan_snapshots(struct db *db, ibis_id plan_id, struct plan_snapshot **out,
				   int *n, struct ibis_error *err);

/* The pupils of a group as members without a field or group (pupil_id and
 * pupil_name set), sorted by name: the pupils a groepsplan can divide over
 * its instruction groups. Caller frees with plan_members_free. */
enum ibis_status db_group_pupils(struct db *db, ibis_id group_id, struct plan_member **out,
				 int *n, struct ibis_error *err);

/* What a plan's document and rules name besides the plan itself. */
struct plan_facts {
	struct pupil pupil;       /* a pupil plan's pupil; id 0 for a group plan */
	char *group;              /* the pupil's group this school year, or the
				   * plan's group; NULL when none */
	ibis_id school_id;
	char *school;             /* the school's name */
	char *model;              /* the school's level model id */
	int level;                /* the pupil's current level position, 0 none */
	struct level_episode *episodes; /* the pupil's, oldest first */
	int nepisodes;
};
/* Read the facts of plan p (its pupil_id or group_id). */
enum ibis_status db_plan_facts(struct db *db, const struct plan *p, struct plan_facts *out,
			       struct ibis_error *err);
void plan_facts_clear(struct plan_facts *f);

/* The role of login (users.role; is_admin gives USER_ADMIN). While no user
 * is registered at all (a single-user installation), everyone is USER_IB;
 * once users exist, a login not among them is USER_DIRECTIE (may read, may
 * not move a plan). */
enum ibis_status db_user_role(struct db *db, const char *login, enum user_role *out,
			      struct ibis_error *err);

#endif
