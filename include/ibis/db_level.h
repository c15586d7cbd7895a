/* db_level.h - level episodes: where a pupil stands, since when, why. */
#ifndef IBIS_DB_LEVEL_H
#define IBIS_DB_LEVEL_H

#include <stdbool.h>

#include "ibis/db.h"
#include "ibis/records.h"

/* Record a new level episode starting at e->start. The pupil's open episode (if
 * any) is closed at that date in the same transaction; a start before the open
 * episode's start is refused (IBIS_EINPUT). e->id and e->version are set. */
enum ibis_status db_level_insert(struct db *db, struct level_episode *e, struct ibis_error *err);
/* All episodes of a pupil, oldest first. Caller frees with level_episodes_free. */
enum ibis_status db_level_history(struct db *db, ibis_id pupil_id, struct level_episode **out,
				  int *n, struct ibis_error *err);
/* The open episode; *found false when the pupil has none. */
enum ibis_status db_level_current(struct db *db, ibis_id pupil_id, struct level_episode *out,
				  bool *found, struct ibis_error *err);

#endif
