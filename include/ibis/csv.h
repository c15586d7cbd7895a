/* csv.h - writing CSV as Dutch spreadsheets read it: ';' separated, UTF-8,
 * RFC 4180 quoting, CRLF line ends. (The reader comes with pupil import.)
 */
#ifndef IBIS_CSV_H
#define IBIS_CSV_H

#include <stdbool.h>
#include <stdio.h>

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

#endif
