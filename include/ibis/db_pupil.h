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

struct pupil_query {
	const char *search;  /* typed filter text, folded here; NULL or "" = all */
	ibis_id school_id;   /* 0 = all schools */
	int school_year;     /* for the group column */
	bool include_left;   /* also pupils who left */
};

struct pupil_row {
	ibis_id id;
	char *name;          /* "Berg, Anna van den" */
	char *group_name;    /* NULL when in no group that school year */
	int jaargroep;       /* -1 when none */
	int level;           /* current level position, 0 when none */
	char *level_model;   /* model of that level episode */
	ibis_date left;      /* DATE_NONE while at school */
};
void pupil_rows_free(struct pupil_row *rows, int n);

/* Number of pupils matching q. */
enum ibis_status db_pupil_count(struct db *db, const struct pupil_query *q, int *count,
				struct ibis_error *err);
/* Rows offset .. offset+limit-1 of the matching pupils in Dutch name order.
 * rows must hold limit entries; *n is set to how many were filled. */
enum ibis_status db_pupil_page(struct db *db, const struct pupil_query *q, int offset,
			       int limit, struct pupil_row *rows, int *n, struct ibis_error *err);

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

#endif
