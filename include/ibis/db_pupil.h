/* db_pupil.h - pupils and guardians; the windowed pupil list. */
#ifndef IBIS_DB_PUPIL_H
#define IBIS_DB_PUPIL_H

#include <stdbool.h>

#include "ibis/db.h"
#include "ibis/records.h"

/* Insert p (id and version set). The sort and search keys are derived here. */
enum ibis_status db_pupil_insert(struct db *db, struct pupil *p, struct ibis_error *err);
/* Save p if nobody changed it since p->version was read; otherwise fail with
 * DBF_CONFLICT and leave the row as it is. p->version is bumped on success. */
enum ibis_status db_pupil_update(struct db *db, struct pupil *p, struct ibis_error *err);
/* Read pupil id into *p (cleared first). Unknown id: IBIS_EINPUT. */
enum ibis_status db_pupil_get(struct db *db, ibis_id id, struct pupil *p, struct ibis_error *err);

enum ibis_status db_guardian_insert(struct db *db, struct guardian *g, struct ibis_error *err);
/* The guardians of a pupil in the order they were added. The caller clears
 * each (guardian_clear) and frees the array. */
enum ibis_status db_guardian_list(struct db *db, ibis_id pupil_id, struct guardian **out, int *n,
				  struct ibis_error *err);

/* Where a pupil is in a school year. */
struct placement {
	ibis_id group_id;    /* 0 when in no group that year */
	char *group_name;
	int jaargroep;       /* -1 when none */
	ibis_id school_id;
	char *school_name;
	char *teachers;      /* ", " separated, NULL when none */
};
void placement_clear(struct placement *pl);
enum ibis_status db_pupil_placement(struct db *db, ibis_id pupil_id, int school_year,
				    struct placement *out, struct ibis_error *err);

/* --- the pupil list: only the rows on screen are fetched --- */

/* Which pupils: those at school, those who left (the archive), or both. */
enum pupil_status {
	PUPILS_ACTIVE = 0,
	PUPILS_LEFT,
	PUPILS_ALL,
};

/* The order of the list; every order ends in the Dutch name order. */
enum pupil_sort {
	SORT_NAME = 0,  /* "Berg, Anna van den" */
	SORT_GROUP,     /* jaargroep, group name; pupils without a group last */
	SORT_LEVEL,     /* highest current level first; no level last */
	SORT_DEADLINE,  /* soonest next deadline first (overdue ones first); none last */
	SORT_COUNT
};

struct pupil_query {
	const char *search;  /* typed filter text, folded here; NULL or "" = all */
	ibis_id school_id;   /* 0 = all schools */
	int school_year;     /* for the group column and the group/teacher filters */
	enum pupil_status status;
	ibis_id group_id;    /* 0 = every group; a group of school_year */
	int level;           /* 0 = every level; else the current level position */
	const char *teacher; /* a teacher's name (exact) of the pupil's group that
			      * school year; NULL or "" = every teacher */
	enum pupil_sort sort;
};

struct pupil_row {
	ibis_id id;
	char *name;          /* "Berg, Anna van den" */
	char *group_name;    /* NULL when in no group that school year */
	int jaargroep;       /* -1 when none */
	int level;           /* current level position, 0 when none */
	char *level_model;   /* model of that level episode */
	char *plan_type;     /* type key of the pupil's active plan ("opp"; the
			      * latest started when several), NULL when none */
	ibis_date deadline;  /* earliest end, evaluation or goal date of the open
			      * plans, DATE_NONE when none */
	ibis_date left;      /* DATE_NONE while at school */
};
void pupil_rows_free(struct pupil_row *rows, int n);
/* Free the strings of rows[0..n-1] and clear them, keeping the array. */
void pupil_rows_clear(struct pupil_row *rows, int n);

/* Number of pupils matching q. */
enum ibis_status db_pupil_count(struct db *db, const struct pupil_query *q, int *count,
				struct ibis_error *err);
/* Rows offset .. offset+limit-1 of the matching pupils in Dutch name order.
 * rows must hold limit entries; *n is set to how many were filled. */
enum ibis_status db_pupil_page(struct db *db, const struct pupil_query *q, int offset,
			       int limit, struct pupil_row *rows, int *n, struct ibis_error *err);

/* The position (0-based) of pupil id in the list of q, or -1 when the pupil
 * is not in it: to keep the cursor on a pupil after a sort or an edit. */
enum ibis_status db_pupil_position(struct db *db, const struct pupil_query *q, ibis_id id,
				   int *pos, struct ibis_error *err);

/* --- leaving, and the group of a school year --- */

/* Archive a pupil who leaves: left date and destination (LEAVE_SCHOOL, SBO,
 * SO, VO or OTHER), with the version check of db_pupil_update (p->version is
 * bumped). A left date before the birth or enrolment date, or a destination
 * LEAVE_NONE: IBIS_EINPUT. Nothing is deleted; the group memberships stay as
 * history. */
enum ibis_status db_pupil_archive(struct db *db, struct pupil *p, ibis_date left,
				  enum leave_destination dest, struct ibis_error *err);
/* Undo an archive (the pupil is back at school), with the version check. */
enum ibis_status db_pupil_unarchive(struct db *db, struct pupil *p, struct ibis_error *err);
/* Put a pupil in group_id for that group's school year with jaargroep (-1:
 * the group's own when it has one jaargroep; a combination class needs one),
 * replacing the group the pupil had that year; group_id 0 takes the pupil out
 * of any group of school_year. A jaargroep outside the group, or a group of
 * another school: IBIS_EINPUT. */
enum ibis_status db_pupil_set_group(struct db *db, ibis_id pupil_id, int school_year,
				    ibis_id group_id, int jaargroep, struct ibis_error *err);

/* --- export --- */

struct pupil_export_row {
	ibis_id id;
	const char *number, *first_name, *tussenvoegsel, *last_name;
	ibis_date birth_date;
	const char *group_name;  /* NULL when none */
	const char *school_name;
	const char *status;      /* "actief" or "vertrokken" */
};
/* Call fn for every pupil (only those at school unless all), in name order,
 * with the group of school_year. The row's strings live until fn returns. A
 * non-zero return from fn stops the walk and is returned as IBIS_EINPUT. */
enum ibis_status db_pupil_export(struct db *db, bool all, int school_year,
				 int (*fn)(const struct pupil_export_row *row, void *ctx),
				 void *ctx, struct ibis_error *err);
/* The same rows for the pupils (at school or left, any school) whose
 * leerlingnummer is number, ASCII case ignored; found through an index, for
 * naming a pupil on the command line. */
enum ibis_status db_pupil_with_number(struct db *db, const char *number, int school_year,
				      int (*fn)(const struct pupil_export_row *row, void *ctx),
				      void *ctx, struct ibis_error *err);

#endif
