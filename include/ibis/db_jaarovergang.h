/* db_jaarovergang.h - what the jaarovergang reads and writes (the rules are in
 * jaarovergang.h).
 */
#ifndef IBIS_DB_JAAROVERGANG_H
#define IBIS_DB_JAAROVERGANG_H

#include "ibis/db.h"
#include "ibis/jaarovergang.h"

/* How many groups a school has in a school year and how many pupils are in
 * them (for jov_default_year). */
enum ibis_status db_jaarovergang_state(struct db *db, ibis_id school_id, int year,
				       struct jov_year_state *out, struct ibis_error *err);

/* Read what the plan of school_id from year to year+1 needs: the school's
 * groups of both years and its pupils who have not left, each with their
 * group and jaargroep of year and, when they already have one, their group of
 * year+1. in is overwritten; hand it to jov_plan_init or free it with
 * jov_input_free (also after a failure). Unknown school: IBIS_EINPUT. */
enum ibis_status db_jaarovergang_load(struct db *db, ibis_id school_id, int year,
				      struct jov_input *in, struct ibis_error *err);

struct jov_result {
	int moved;        /* pupils put in a group of Y+1 */
	int left;         /* pupils who leave (VO or marked) */
	int groups_made;  /* groups of Y+1 made */
};

/* Apply a plan in one transaction: make the groups of Y+1 it makes (without
 * teachers), put every JOV_MOVE pupil in their group with their jaargroep, and
 * give every JOV_LEAVES pupil the left date plan->leave_date and their
 * destination; one audit row per change under login (none when login is
 * NULL or ""). Refused with nothing written:
 * - a plan that is not ready (a pupil needs a choice, or nothing to do):
 *   IBIS_EINPUT;
 * - a pupil of the plan already in a group of Y+1 ("jaarovergang al
 *   uitgevoerd"), or who left meanwhile: IBIS_EINPUT, so applying twice
 *   changes nothing;
 * - a plan that makes groups while the school now has groups in Y+1, or one
 *   whose groups of Y+1 are gone: DBF_CONFLICT (someone else changed them;
 *   read and plan again);
 * - and every database failure (read-only, locked, full).
 * res (may be NULL) gets the counts on success. */
enum ibis_status db_jaarovergang_apply(struct db *db, const struct jov_plan *plan,
				       const char *login, struct jov_result *res,
				       struct ibis_error *err);

#endif
