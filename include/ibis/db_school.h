/* db_school.h - schools, groups, group members and teachers. */
#ifndef IBIS_DB_SCHOOL_H
#define IBIS_DB_SCHOOL_H

#include "ibis/db.h"
#include "ibis/records.h"
#include "ibis/util.h"

/* Insert s (s->id and s->version set on success). */
enum ibis_status db_school_insert(struct db *db, struct school *s, struct ibis_error *err);
/* Read school id into *s (cleared first). Unknown id: IBIS_EINPUT. */
enum ibis_status db_school_get(struct db *db, ibis_id id, struct school *s, struct ibis_error *err);
/* All schools by name. Caller frees with schools_free. */
enum ibis_status db_school_list(struct db *db, struct school **out, int *n, struct ibis_error *err);

enum ibis_status db_group_insert(struct db *db, struct group *g, struct ibis_error *err);
enum ibis_status db_group_get(struct db *db, ibis_id id, struct group *g, struct ibis_error *err);
/* Groups of a school (0 = all schools) in a school year, by jaargroep then
 * name. Caller frees with groups_free. */
enum ibis_status db_group_list(struct db *db, ibis_id school_id, int school_year,
			       struct group **out, int *n, struct ibis_error *err);
/* Put a pupil in a group for the group's school year with the pupil's own
 * jaargroep (a pupil is in one group per school year). */
enum ibis_status db_group_add_member(struct db *db, ibis_id group_id, ibis_id pupil_id,
				     int jaargroep, struct ibis_error *err);
/* Save g (name, kind, jaargroepen) if nobody changed it since g->version was
 * read (DBF_CONFLICT otherwise); g->version is bumped. A name already used by
 * another group of the school that year: IBIS_EINPUT. */
enum ibis_status db_group_update(struct db *db, struct group *g, struct ibis_error *err);
/* Delete an empty group (no members in any year); a group with pupils:
 * IBIS_EINPUT naming how many. */
enum ibis_status db_group_delete(struct db *db, ibis_id group_id, struct ibis_error *err);
/* The group of a school and school year with this name (compared without
 * case); *id 0 when there is none. */
enum ibis_status db_group_find(struct db *db, ibis_id school_id, int school_year,
			       const char *name, ibis_id *id, struct ibis_error *err);
/* Number of pupils at school (not left) in a group. */
enum ibis_status db_group_count_members(struct db *db, ibis_id group_id, int *n,
					struct ibis_error *err);
/* Replace the teachers of a group by names (n of them, in that order). */
enum ibis_status db_group_set_teachers(struct db *db, ibis_id group_id, const char *const *names,
				       int n, struct ibis_error *err);
/* The distinct teacher names of the groups of a school (0 = all schools) in a
 * school year, sorted. out must be empty; the caller frees it with sl_free. */
enum ibis_status db_teacher_names(struct db *db, ibis_id school_id, int school_year,
				  struct strlist *out, struct ibis_error *err);
/* Add a teacher to a group: a name, and the user id when the teacher is a user
 * (0 otherwise). */
enum ibis_status db_group_add_teacher(struct db *db, ibis_id group_id, const char *name,
				      ibis_id user_id, struct ibis_error *err);
/* The teachers of a group, ", " separated (NULL when none). Caller frees. */
enum ibis_status db_group_teachers(struct db *db, ibis_id group_id, char **out,
				   struct ibis_error *err);

#endif
