/* import.h - reading a pupil file into rows, with every check that needs no
 * database.
 *
 * A pupil file is CSV as schools have it (see csv.h): an export of ParnasSys
 * or ESIS, a list kept in Excel, or `ibis export pupils`. Its header names
 * the columns; each is mapped to a field by its name, compared without case,
 * accents, spaces or punctuation, with Dutch and English synonyms:
 *
 *	id              Id
 *	leerlingnummer  Leerlingnummer, Leerling nummer, Pupil number, Student number
 *	roepnaam        Roepnaam, Voornaam, First name
 *	tussenvoegsel   Tussenvoegsel, Tussenv., Prefix
 *	achternaam      Achternaam, Last name, Surname
 *	geboortedatum   Geboortedatum, Geb.datum, Date of birth, Birth date
 *	groep           Groep, Klas, Group, Class
 *	school          BRIN, School (a cell holds a BRIN code or a school name)
 *	status          Status (actief or vertrokken)
 *
 * "--map Kolom=veld" maps any other column. Columns that map to nothing are
 * ignored (and listed, so that a dry run shows them). When two columns map to
 * one field, the one named by --map wins, then the one whose name comes first
 * above (Roepnaam before Voornaam, BRIN before School); the other is ignored.
 *
 * The checks here, each a problem of its row ("Field: reason", Dutch): the
 * number of fields against the header, roepnaam and achternaam present,
 * geboortedatum a real date (dd-mm-jjjj, d-m-jjjj or jjjj-mm-dd) that gives an
 * age of 3 to 14 on today (not checked for a pupil marked vertrokken, who may
 * have left years ago), Id a whole number, Status a known word, no line
 * breaks or other control characters in a value. The checks that need the
 * database (school, group, matching, duplicate numbers) are db_import.h's.
 */
#ifndef IBIS_IMPORT_H
#define IBIS_IMPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "ibis/csv.h"
#include "ibis/date.h"
#include "ibis/error.h"
#include "ibis/records.h"
#include "ibis/util.h"

enum import_field {
	IMPORT_ID,
	IMPORT_NUMBER,
	IMPORT_FIRST,
	IMPORT_TV,
	IMPORT_LAST,
	IMPORT_BIRTH,
	IMPORT_GROUP,
	IMPORT_SCHOOL,
	IMPORT_STATUS,
	IMPORT_NFIELDS
};

/* The youngest and oldest age (on today) of a pupil at a primary school. */
#define IMPORT_AGE_MIN 3
#define IMPORT_AGE_MAX 14

/* The field's name as --map takes it ("leerlingnummer"). */
const char *import_field_name(enum import_field f);
/* The field --map names by word (case-insensitive); false for none. */
bool import_field_parse(const char *word, enum import_field *out);
/* The field a header name stands for by its synonyms (see above); false for
 * a column ibis does not know. */
bool import_header_field(const char *header, enum import_field *out);

/* One pupil of the file. Values are trimmed copies, NULL when the cell is
 * empty or the column absent. */
struct import_row {
	int line;                 /* where the record starts in the file */
	const struct csv_row *raw; /* the record as read (in the file's table) */
	ibis_id id;               /* the Id column; 0 when none */
	char *number, *first_name, *tussenvoegsel, *last_name;
	ibis_date birth_date;     /* DATE_NONE when missing or not a date */
	char *group, *school;
	bool left;                /* Status "vertrokken" */
	struct strlist problems;  /* "Field: reason"; empty when the row is valid */
};

struct import_file {
	char *name;               /* the path as given, for messages */
	struct csv_table csv;     /* csv.rows[0] is the header */
	int column[IMPORT_NFIELDS]; /* index in the header, -1 when absent */
	struct strlist ignored;   /* header names that map to nothing */
	struct import_row *rows;  /* the records after the header, in file order */
	int nrows;
};

struct import_options {
	const struct strlist *maps; /* "Kolom=veld" of --map; may be NULL */
	ibis_date today;            /* for the age check */
};

/* Read and check the pupil file at path ("-" = standard input). Fails (with
 * IBIS_EINPUT and a Dutch message naming the file) when it cannot be read or
 * parsed, when a --map is malformed or names a column or field that does not
 * exist, and when the header lacks roepnaam, achternaam or geboortedatum (all
 * missing ones named at once). Problems of single rows do not fail: they are
 * in each row's problems. On success *out is filled; the caller frees it with
 * import_file_free (also after a failure). */
enum ibis_status import_read_file(const char *path, const struct import_options *opt,
				  struct import_file *out, struct ibis_error *err);
/* The same for a table already read; takes ownership of *csv (which is
 * emptied) also when it fails. name is for messages. */
enum ibis_status import_read_table(struct csv_table *csv, const char *name,
				   const struct import_options *opt, struct import_file *out,
				   struct ibis_error *err);
void import_file_free(struct import_file *f);

/* The header name of a field's column as the file writes it, or the field's
 * own name when the column is absent. */
const char *import_column_name(const struct import_file *f, enum import_field fld);
/* Add a problem to a row: "Field: reason", the field named by its column. */
void import_row_problem(const struct import_file *f, struct import_row *r, enum import_field fld,
			const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same for a problem of the row as a whole ("rij: reason"). */
void import_row_problem_row(struct import_row *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Number of rows with a problem. */
int import_count_invalid(const struct import_file *f);
/* Write every problem as "LINE: field: reason" lines, in file order. Returns
 * false when a write failed. */
bool import_print_problems(const struct import_file *f, FILE *out);
/* Write the rows with a problem as CSV: the file's header and fields as
 * read, plus a column Reden with the problems ("; " between them). The
 * separator is the file's; a BOM is written when the file had one or was
 * Windows-1252, so that Excel reads the UTF-8 right. Returns false when a
 * write failed. */
bool import_write_rejected(const struct import_file *f, FILE *out);

#endif
