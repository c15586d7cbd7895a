/* csv.h - CSV as Dutch spreadsheets write and read it.
 *
 * The writer writes ';' separated UTF-8 with RFC 4180 quoting and CRLF line
 * ends. The reader takes what schools actually have: exports of ParnasSys,
 * ESIS and Excel, ';' or ',' separated, UTF-8 with or without a BOM or
 * Windows-1252, CRLF, LF or CR line ends, quoted fields holding separators,
 * doubled quotes and line breaks.
 */
#ifndef IBIS_CSV_H
#define IBIS_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ibis/error.h"

struct csv_writer {
	FILE *out;
	char sep;    /* ';' by default */
	bool first;  /* no field written yet on this row */
	bool failed; /* a write failed (disk full, closed pipe) */
};

/* Start writing to out with separator sep. */
void csv_writer_init(struct csv_writer *w, FILE *out, char sep);
/* Write one field (NULL writes an empty field). A field holding the
 * separator, a quote, CR or LF is quoted, quotes doubled. */
void csv_field(struct csv_writer *w, const char *s);
void csv_field_int(struct csv_writer *w, long long v);
/* End the row (CRLF). */
void csv_end_row(struct csv_writer *w);
/* Flush; false when any write failed. */
bool csv_writer_finish(struct csv_writer *w);

/* ================================================================ reading */

enum csv_encoding {
	CSV_UTF8,         /* valid UTF-8 (plain ASCII included) */
	CSV_UTF8_BOM,     /* valid UTF-8 that started with a BOM (removed) */
	CSV_WINDOWS_1252, /* not UTF-8: read as Windows-1252 and converted */
};

/* One record. fields[i] is NUL-terminated UTF-8, exactly as in the file
 * (quotes removed, doubled quotes undone, no trimming). */
struct csv_row {
	int line;      /* the line of the file where the record starts (1-based) */
	int nfields;
	char **fields; /* one allocation with the text; freed by csv_table_free */
};

/* A whole file: rows[0] is the first record (the header of a pupil file).
 * Empty records are left out: empty lines, and lines of only separators and
 * white space (Excel writes ";;;;" for a row it once had), so a record's line
 * says where it is in the file. */
struct csv_table {
	char sep;                  /* ';' or ',' */
	enum csv_encoding encoding;
	struct csv_row *rows;
	int nrows;
};

/* The separator of data: ';' or ',', whichever occurs more often outside
 * quotes on the first line that is not empty (the header); ';' on a tie (also
 * when neither occurs). */
char csv_detect_separator(const char *data, size_t len);

/* Convert n bytes of Windows-1252 to UTF-8 with iconv. The five bytes the
 * code page leaves undefined become U+FFFD. Returns the text (caller frees,
 * NUL-terminated) and its length in *outlen; NULL when iconv does not know
 * the code page (a system without its gconv modules). */
char *csv_windows1252_to_utf8(const char *s, size_t n, size_t *outlen);

/* Parse len bytes of CSV into *out (which the caller frees with
 * csv_table_free, also after a failure). The encoding and separator are
 * detected here. Fails with IBIS_EINPUT and a Dutch message ("regel 7: ...")
 * for a NUL byte (not a text file), an Excel workbook, a BOM before text that
 * is not UTF-8, and a quote that is never closed. */
enum ibis_status csv_parse(const char *data, size_t len, struct csv_table *out,
			   struct ibis_error *err);
/* Read and parse the file at path ("-" = standard input); messages start
 * with the path. */
enum ibis_status csv_read_file(const char *path, struct csv_table *out, struct ibis_error *err);
void csv_table_free(struct csv_table *t);

#endif
