/* db_timeline.h - everything that happened to a pupil, in date order: the
 * Tijdlijn's event list and `ibis export timeline`. */
#ifndef IBIS_DB_TIMELINE_H
#define IBIS_DB_TIMELINE_H

#include <stdbool.h>

#include "ibis/db.h"
#include "ibis/records.h"

struct tl_query {
	ibis_id pupil_id;
	const char *kind;        /* only this kind (NULL = all) */
	bool with_restricted;    /* include restricted events (ib and admin) */
};

/* The timeline of a pupil, oldest first (date, then source order above, then
 * id). Free with tl_items_free (records.h). */
enum ibis_status db_timeline(struct db *db, const struct tl_query *q, struct tl_item **out,
			     int *n, struct ibis_error *err);
/* The kinds present in a pupil's timeline, for the filter, sorted. */
enum ibis_status db_timeline_kinds(struct db *db, ibis_id pupil_id, bool with_restricted,
				   struct strlist *out, struct ibis_error *err);
/* One event by id; *found false when none. */
enum ibis_status db_event_get(struct db *db, ibis_id id, struct event *out, bool *found,
			      struct ibis_error *err);

#endif
