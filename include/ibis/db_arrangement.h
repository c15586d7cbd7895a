/* db_arrangement.h - TLV's and onderwijsarrangementen of a pupil. */
#ifndef IBIS_DB_ARRANGEMENT_H
#define IBIS_DB_ARRANGEMENT_H

#include "ibis/db.h"
#include "ibis/records.h"

/* Record an arrangement; a->id and a->version are set. The rules of the model
 * (a TLV's longest term) are the caller's (arrangement_check); the database
 * refuses an end before the start and an unknown pupil. */
enum ibis_status db_arrangement_insert(struct db *db, struct arrangement *a,
				       struct ibis_error *err);
/* Change the end date, description or reference (a->version is the version
 * the user started from; DBF_CONFLICT when it changed meanwhile). */
enum ibis_status db_arrangement_update(struct db *db, struct arrangement *a,
				       struct ibis_error *err);
/* The arrangements of a pupil, oldest start first. Free with
 * arrangements_free. */
enum ibis_status db_arrangement_list(struct db *db, ibis_id pupil_id, struct arrangement **out,
				     int *n, struct ibis_error *err);
/* The pupil's TLV valid on day d (start <= d and no end or end >= d), if any. */
enum ibis_status db_arrangement_tlv_on(struct db *db, ibis_id pupil_id, ibis_date d,
				       struct arrangement *out, bool *found,
				       struct ibis_error *err);

#endif
