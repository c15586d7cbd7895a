/* db_import.h - matching the rows of a pupil file (import.h) with the
 * database, and applying them in one transaction.
 *
 * The school of a row: --school (an Id, a BRIN code or a school name) puts
 * every row in that school and the School column is then ignored; otherwise
 * the School/BRIN cell names it (BRIN code or name, without case or
 * accents); an empty cell, or a file without that column, means the only
 * school of the database. A file naming schools that are not in the database
 * is refused as a whole, with their names (import does not make schools).
 *
 * Matching, within the file's rows and the pupils already there (pupils who
 * left included, so that they are not added again):
 * 1. the Id column, when the pupil with that Id exists and is recognisably
 *    the same: an equal leerlingnummer when both have one (at another school
 *    also an equal roepnaam or achternaam), else an equal roepnaam or
 *    achternaam. So an Id from another database (an export read into a fresh
 *    one) never renames a stranger; the row then matches by the rules below.
 * 2. the leerlingnummer within the row's school;
 * 3. roepnaam, tussenvoegsel and achternaam (folded: case, accents, ı, ĳ) and
 *    the birth date, within the row's school; more than one such pupil is a
 *    problem of the row.
 *
 * A matched pupil is changed in the fields that differ (a column the file does
 * not have is left alone; an empty Leerlingnummer or Groep cell clears
 * nothing), with the optimistic version check of db_pupil_update. Pupils who
 * left stay archived: they are matched and their own fields updated, but
 * never put back in a group. A row marked vertrokken that matches nobody is
 * not added (skipped). Import never archives a pupil either.
 *
 * Groups are those of the school year given (the current one): a Groep cell
 * names a group of the row's school, without case or accents; a value like
 * "Groep 5" or "5" that names no group matches the group of jaargroep 5 when
 * there is one (a single class, or a combination class, when it is the only
 * class with jaargroep 5). A school that has no groups at all in that school
 * year (a new database from ibis init) gets the groups the file names, when
 * each name says its jaargroep ("5", "5B", "Groep 5", "4/5", "1/2A"); after
 * that first import, an unknown group is a problem of its row. A pupil put in
 * a combination class gets the jaargroep its age on 1 October says, within
 * the class's range.
 *
 * Problems found here go into the rows of the file (import.h), as
 * "Field: reason": school unknown or ambiguous, group unknown or ambiguous, a
 * leerlingnummer twice in the file for one school, a leerlingnummer that
 * belongs to another pupil of the school, two rows for one pupil, a name and
 * birth date that fit more than one pupil.
 */
#ifndef IBIS_DB_IMPORT_H
#define IBIS_DB_IMPORT_H

#include <stdbool.h>

#include "ibis/db.h"
#include "ibis/import.h"
#include "ibis/records.h"

enum import_action {
	IMPORT_INVALID, /* the row has a problem: not imported */
	IMPORT_ADD,     /* a new pupil */
	IMPORT_CHANGE,  /* a pupil whose fields or group change */
	IMPORT_SAME,    /* a pupil already as the file says */
	IMPORT_SKIP,    /* marked vertrokken and not in the database: not added */
};

/* What a change touches (import_plan_row.changes). */
#define IMPORT_CH_NUMBER 0x01u
#define IMPORT_CH_FIRST 0x02u
#define IMPORT_CH_TV 0x04u
#define IMPORT_CH_LAST 0x08u
#define IMPORT_CH_BIRTH 0x10u
#define IMPORT_CH_SCHOOL 0x20u
#define IMPORT_CH_GROUP 0x40u
#define IMPORT_CH_PUPIL 0x3Fu /* the ones stored in the pupil's own row */

/* A group of the school year: one already there, or one the import makes. */
struct import_group {
	ibis_id id;          /* 0 until made, for a new one */
	ibis_id school_id;
	char *name;
	int jaargroep_min, jaargroep_max;
	enum group_kind kind;
	bool is_new;
};

struct import_plan_row {
	enum import_action action;
	ibis_id school_id;    /* the row's school; 0 when not known */
	ibis_id pupil_id;     /* the matched pupil; 0 for a new one */
	int version;          /* the matched pupil's version when planned */
	const char *matched_by; /* "Id", "leerlingnummer", "naam en geboortedatum"; NULL */
	bool archived;        /* the matched pupil has left (and stays so) */
	unsigned changes;     /* IMPORT_CH_* */
	int group;            /* index in plan.groups to put the pupil in, -1: none */
	int jaargroep;        /* the pupil's own jaargroep in that group */
	char *change_text;    /* "geboortedatum 01-02-2016 → 02-01-2016; groep 5A → 5B"
			       * for a change, NULL otherwise */
};

struct import_plan {
	int school_year;
	ibis_id forced_school; /* --school, 0 when not given */
	struct import_plan_row *rows; /* one per row of the file, same order */
	int nrows;
	struct import_group *groups;
	int ngroups;
	struct school *schools;
	int nschools;
	int added, changed, same, skipped, invalid;
};

/* Plan the import of f into db for school_year: resolve each row's school and
 * group, match it and decide its action. school is --school (NULL when not
 * given). Problems of single rows go into f's rows (those rows become
 * IMPORT_INVALID). Fails as a whole (IBIS_EINPUT, Dutch message) when --school
 * names no school, when the file names schools that are not in the database
 * (all of them listed), or when the school of rows without one is not clear
 * (no school, or several and no --school); IBIS_EDB on a database failure.
 * Writes nothing. The caller frees plan with import_plan_free (also after a
 * failure). */
enum ibis_status db_import_plan(struct db *db, struct import_file *f, const char *school,
				int school_year, struct import_plan *plan, struct ibis_error *err);

/* Apply a plan: make the new groups that rows use, add, change and place the
 * pupils, all in one transaction (a savepoint inside the caller's own). With
 * invalid rows it refuses (IBIS_EINPUT) unless skip_invalid, which leaves
 * them out. A pupil changed by someone else since the plan fails with
 * DBF_CONFLICT; any failure undoes the whole import (also the groups it
 * made: their ids are 0 again, as are the new pupils' pupil_id), and the
 * message of a failure of one changed row starts with its line ("regel 12:
 * ..."). On success every added or changed row has its pupil_id and version.
 * The new pupils are added in bulk (a few statements for thousands), with
 * ids after the highest one there is, in file order. */
enum ibis_status db_import_apply(struct db *db, const struct import_file *f,
				 struct import_plan *plan, bool skip_invalid, struct ibis_error *err);

/* The name of school id among the plan's schools ("" when unknown). */
const char *import_plan_school_name(const struct import_plan *plan, ibis_id id);
void import_plan_free(struct import_plan *plan);

#endif
