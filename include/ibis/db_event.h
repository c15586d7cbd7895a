/* db_event.h - timeline events, and plans with their fields and goals. */
#ifndef IBIS_DB_EVENT_H
#define IBIS_DB_EVENT_H

#include "ibis/db.h"
#include "ibis/records.h"

enum ibis_status db_event_insert(struct db *db, struct event *e, struct ibis_error *err);
/* Events of a pupil, newest first, at most limit (0 = all). Caller frees with
 * events_free. */
enum ibis_status db_event_list(struct db *db, ibis_id pupil_id, int limit, struct event **out,
			       int *n, struct ibis_error *err);
enum ibis_status db_event_count(struct db *db, ibis_id pupil_id, int *count,
				struct ibis_error *err);

enum ibis_status db_plan_insert(struct db *db, struct plan *p, struct ibis_error *err);
/* Set one field of a plan's template (insert or replace). */
enum ibis_status db_plan_set_field(struct db *db, ibis_id plan_id, const char *key,
				   const char *value, struct ibis_error *err);
/* The value of one field of a plan; *out NULL when the field was never set.
 * Caller frees. */
enum ibis_status db_plan_get_field(struct db *db, ibis_id plan_id, const char *key, char **out,
				   struct ibis_error *err);
enum ibis_status db_goal_insert(struct db *db, struct goal *g, struct ibis_error *err);
/* The goals of a plan: long term first, then in the order they were added.
 * The caller clears each (goal_clear) and frees the array. */
enum ibis_status db_goal_list(struct db *db, ibis_id plan_id, struct goal **out, int *n,
			      struct ibis_error *err);
/* Plans of a pupil, newest start first. Caller frees with plans_free. */
enum ibis_status db_plan_list(struct db *db, ibis_id pupil_id, struct plan **out, int *n,
			      struct ibis_error *err);

#endif
