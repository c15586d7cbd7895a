/* csv.c - see csv.h.
 *
 * Every write is checked: an export to a full disk or a closed pipe must end
 * in an error, not in a silently truncated file. Once a write failed the
 * writer stops writing; csv_writer_finish reports it.
 */
#include "ibis/csv.h"

#include <stdio.h>
#include <string.h>

static void put_s(struct csv_writer *w, const char *s)
{
	if (!w->failed && fputs(s, w->out) == EOF)
		w->failed = true;
}

static void put_c(struct csv_writer *w, char c)
{
	if (!w->failed && fputc((unsigned char)c, w->out) == EOF)
		w->failed = true;
}

/* A separator of '\0' means the default ';'. */
void csv_writer_init(struct csv_writer *w, FILE *out, char sep)
{
	w->out = out;
	w->sep = sep ? sep : ';';
	w->first = true;
	w->failed = false;
}

static bool needs_quotes(const char *s, char sep)
{
	for (; *s; s++)
		if (*s == sep || *s == '"' || *s == '\r' || *s == '\n')
			return true;
	return false;
}

void csv_field(struct csv_writer *w, const char *s)
{
	if (!w->first)
		put_c(w, w->sep);
	w->first = false;
	if (!s || !*s)
		return;
	if (!needs_quotes(s, w->sep)) {
		put_s(w, s);
		return;
	}
	put_c(w, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			put_c(w, '"');
		put_c(w, *p);
	}
	put_c(w, '"');
}

void csv_field_int(struct csv_writer *w, long long v)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%lld", v);
	csv_field(w, buf);
}

void csv_end_row(struct csv_writer *w)
{
	put_s(w, "\r\n");
	w->first = true;
}

/* The stream's own error flag is checked too: a buffered write that failed
 * only shows at the flush. */
bool csv_writer_finish(struct csv_writer *w)
{
	if (fflush(w->out) == EOF || ferror(w->out))
		w->failed = true;
	return !w->failed;
}
