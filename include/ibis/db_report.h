/* db_report.h - counts over the levels of a school, for the Overzicht and
 * `ibis report levels`. */
#ifndef IBIS_DB_REPORT_H
#define IBIS_DB_REPORT_H

#include "ibis/db.h"
#include "ibis/records.h"

/* Pupils of one group per level on a day. */
struct level_row {
	ibis_id school_id;
	char *school;        /* the school's name */
	char *level_model;   /* the school's model id */
	ibis_id group_id;    /* 0: the pupils without a group that school year */
	char *group;         /* "5B"; NULL for no group */
	int jaargroep_min;   /* of the group, for the order; 99 for no group */
	int counts[10];      /* counts[level] pupils at that level (1..9); counts[0]: no level */
	int total;
};

/* One row per group of the school year of day `on` (school_id 0 = every
 * school), schools by name, groups as the pupil list orders them (lowest
 * jaargroep, then name), then a row for pupils at school without a group. A
 * pupil counts when at school on that day (enrolled on or before, not left
 * by then), at the level of its episode covering that day. Free with
 * level_rows_free.
 * Every group of the year has a row, an empty one too; the row without a
 * group only when it counts someone. A pupil counts with its own school: a
 * membership of another school's group counts as no group. A day of
 * DATE_NONE: IBIS_EINPUT. */
enum ibis_status db_report_levels(struct db *db, ibis_id school_id, ibis_date on,
				  struct level_row **out, int *n, struct ibis_error *err);
void level_rows_free(struct level_row *r, int n);

/* Pupils per level on the first day of each month of school year `year`
 * (august = 0 .. july = 11) for one school (0 = all), for months up to and
 * including the one of `today` (later months stay 0 and *nmonths says how
 * many were counted). counts[m][level], level 0 = at school without a
 * level. */
enum ibis_status db_report_level_months(struct db *db, ibis_id school_id, int year,
					ibis_date today, int counts[12][10], int *nmonths,
					struct ibis_error *err);

#endif
