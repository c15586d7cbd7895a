/* csv.c - see csv.h.
 *
 * Every write is checked: an export to a full disk or a closed pipe must end
 * in an error, not in a silently truncated file. Once a write failed the
 * writer stops writing; csv_writer_finish reports it.
 */
#include "ibis/csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ibis/text.h"
#include "ibis/util.h"

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

/* ================================================================ reading */

/* Why the whole file is read at once: a pupil file of a whole
 * samenwerkingsverband is a few megabytes, and knowing the encoding needs
 * every byte (one invalid UTF-8 sequence near the end makes it Windows-1252). */

/* A record being collected: the fields' text, each NUL-terminated, one after
 * the other, and where each starts. */
struct record {
	char *text;
	size_t len, cap;
	size_t *starts;
	int nfields, capfields;
};

static void rec_add(struct record *r, char c)
{
	if (r->len == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->text = xrealloc(r->text, r->cap);
	}
	r->text[r->len++] = c;
}

static void rec_start_field(struct record *r)
{
	if (r->nfields == r->capfields) {
		r->capfields = r->capfields ? r->capfields * 2 : 16;
		r->starts = xrealloc(r->starts, (size_t)r->capfields * sizeof(*r->starts));
	}
	r->starts[r->nfields++] = r->len;
}

/* True when every field is empty or white space. */
static bool rec_blank(const struct record *r)
{
	for (size_t i = 0; i < r->len; i++)
		if (r->text[i] != '\0' && r->text[i] != ' ' && r->text[i] != '\t')
			return false;
	return true;
}

/* Hand the record over as a row: one allocation, the field pointers first,
 * the text after them. */
static void rec_emit(struct record *r, struct csv_table *t, int *cap, int line)
{
	if (t->nrows == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		t->rows = xrealloc(t->rows, (size_t)*cap * sizeof(*t->rows));
	}
	size_t ptrs = (size_t)r->nfields * sizeof(char *);
	char **fields = xmalloc(ptrs + r->len);
	char *text = (char *)fields + ptrs;
	memcpy(text, r->text, r->len);
	for (int i = 0; i < r->nfields; i++)
		fields[i] = text + r->starts[i];
	t->rows[t->nrows++] = (struct csv_row){.line = line, .nfields = r->nfields, .fields = fields};
}

/* The line (1-based) of byte offset off. */
static int line_of(const char *data, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= off || data[i + 1] != '\n')))
			line++;
	return line;
}

/* Empty lines before the header (some exports start with one) are passed
 * over: the header is the first record. */
char csv_detect_separator(const char *data, size_t len)
{
	size_t semi = 0, comma = 0;
	bool quoted = false;
	size_t i = 0;
	while (i < len && (data[i] == '\n' || data[i] == '\r'))
		i++;
	for (; i < len; i++) {
		char c = data[i];
		if (c == '"')
			quoted = !quoted; /* a doubled quote toggles twice */
		else if (!quoted && (c == '\n' || c == '\r'))
			break;
		else if (!quoted && c == ';')
			semi++;
		else if (!quoted && c == ',')
			comma++;
	}
	return comma > semi ? ',' : ';';
}

/* glibc's iconv and its gconv module (part of Debian's libc6) rather than a
 * table of our own: what the system ships is maintained there. It refuses the
 * five bytes the code page leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)
 * with EILSEQ; they become U+FFFD, so that one stray byte does not make a
 * whole file unreadable. */
char *csv_windows1252_to_utf8(const char *s, size_t n, size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
	if (cd == (iconv_t)-1)
		return NULL;
	/* every Windows-1252 byte is at most three bytes of UTF-8 (€ is the
	 * widest), and so is the U+FFFD written for an undefined one */
	size_t cap = 3 * n + 1;
	char *buf = xmalloc(cap);
	char *in = (char *)s, *out = buf;
	size_t inleft = n, outleft = cap - 1;
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1)
			continue;
		if (errno != EILSEQ && errno != EINVAL)
			break; /* E2BIG cannot happen with the room above */
		memcpy(out, "\xEF\xBF\xBD", 3);
		out += 3;
		outleft -= 3;
		in++;
		inleft--;
	}
	iconv_close(cd);
	*out = '\0';
	*outlen = (size_t)(out - buf);
	return buf;
}

/* The byte offset of the first malformed UTF-8 sequence in s. */
static size_t first_invalid(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t len;
		uint32_t cp = utf8_decode(s + i, n - i, &len);
		if (cp == 0xFFFD && len == 1)
			return i;
		i += len;
	}
	return n;
}

/* Refuse what is not a text file before guessing at its encoding. */
static enum ibis_status check_text(const char *data, size_t len, struct ibis_error *err)
{
	static const char save_as[] = "sla het in Excel op als ‘CSV (gescheiden door "
				      "lijstscheidingsteken)’ of ‘CSV UTF-8’";
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
		return ibis_fail(err, IBIS_EINPUT, "dit is een Excel-werkmap (.xlsx), geen CSV; %s.",
				 save_as);
	if (len >= 4 && memcmp(data, "\xD0\xCF\x11\xE0", 4) == 0)
		return ibis_fail(err, IBIS_EINPUT, "dit is een Excel-werkmap (.xls), geen CSV; %s.",
				 save_as);
	if (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0))
		return ibis_fail(err, IBIS_EINPUT, "dit bestand is UTF-16 (‘Unicode-tekst’); %s.",
				 save_as);
	const char *nul = memchr(data, '\0', len);
	if (nul)
		return ibis_fail(err, IBIS_EINPUT,
				 "regel %d: een NUL-teken; dit is geen tekstbestand.",
				 line_of(data, (size_t)(nul - data)));
	return IBIS_OK;
}

/* Split text (valid UTF-8, NUL-terminated) into records. */
static enum ibis_status split_records(const char *text, size_t len, struct csv_table *t,
				      struct ibis_error *err)
{
	struct record r = {0};
	const char *p = text, *end = text + len;
	const char sep = t->sep;
	enum ibis_status st = IBIS_OK;
	int line = 1, cap = 0;

	while (p < end && st == IBIS_OK) {
		int start_line = line;
		r.len = 0;
		r.nfields = 0;
		for (;;) {
			rec_start_field(&r);
			if (p < end && *p == '"') {
				int quote_line = line;
				p++;
				for (;;) {
					if (p == end) {
						st = ibis_fail(err, IBIS_EINPUT,
							       "regel %d: het aanhalingsteken wordt "
							       "niet gesloten.",
							       quote_line);
						break;
					}
					char c = *p++;
					if (c == '"') {
						if (p < end && *p == '"') {
							rec_add(&r, '"');
							p++;
							continue;
						}
						break;
					}
					if (c == '\n' || (c == '\r' && (p == end || *p != '\n')))
						line++;
					rec_add(&r, c);
				}
				if (st != IBIS_OK)
					break;
			}
			/* Unquoted text, or what follows a closing quote: RFC 4180
			 * allows nothing there, but a spreadsheet that wrote
			 * "Berg" jr. meant the text, so it is kept. */
			while (p < end && *p != sep && *p != '\n' && *p != '\r')
				rec_add(&r, *p++);
			rec_add(&r, '\0');
			if (p < end && *p == sep) {
				p++;
				continue;
			}
			/* end of the record: CRLF, LF, CR or the end of the text */
			if (p < end && *p == '\r') {
				p++;
				if (p < end && *p == '\n')
					p++;
			} else if (p < end && *p == '\n') {
				p++;
			}
			line++;
			break;
		}
		if (st == IBIS_OK && !rec_blank(&r))
			rec_emit(&r, t, &cap, start_line);
	}
	free(r.text);
	free(r.starts);
	return st;
}

enum ibis_status csv_parse(const char *data, size_t len, struct csv_table *out,
			   struct ibis_error *err)
{
	enum ibis_status st;
	memset(out, 0, sizeof(*out));
	out->sep = ';';
	if ((st = check_text(data, len, err)) != IBIS_OK)
		return st;

	char *converted = NULL;
	const char *text = data;
	out->encoding = CSV_UTF8;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		out->encoding = CSV_UTF8_BOM;
		text += 3;
		len -= 3;
		size_t bad = first_invalid(text, len);
		if (bad < len)
			return ibis_fail(err, IBIS_EINPUT,
					 "regel %d: geen geldige UTF-8, terwijl het bestand met een "
					 "UTF-8-markering (BOM) begint.",
					 line_of(text, bad));
	} else if (!utf8_valid(data, len)) {
		out->encoding = CSV_WINDOWS_1252;
		converted = csv_windows1252_to_utf8(data, len, &len);
		if (!converted)
			return ibis_fail(err, IBIS_EINPUT,
					 "het bestand is geen UTF-8 en kan niet als Windows-1252 "
					 "worden omgezet (iconv kent WINDOWS-1252 niet).");
		text = converted;
	}
	out->sep = csv_detect_separator(text, len);
	st = split_records(text, len, out, err);
	free(converted);
	return st;
}

enum ibis_status csv_read_file(const char *path, struct csv_table *out, struct ibis_error *err)
{
	memset(out, 0, sizeof(*out));
	out->sep = ';';
	bool is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "de standaardinvoer" : path;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f)
		return ibis_fail(err, IBIS_EINPUT, "%s kan niet worden gelezen: %s.", name,
				 strerror(errno));

	size_t len = 0, cap = 1 << 16;
	char *data = xmalloc(cap);
	size_t got;
	while ((got = fread(data + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap) {
			cap *= 2;
			data = xrealloc(data, cap);
		}
	}
	int e = ferror(f) ? errno : 0;
	bool failed = ferror(f) != 0;
	if (!is_stdin)
		fclose(f);
	if (failed) {
		free(data);
		return ibis_fail(err, IBIS_EINPUT, "%s kan niet worden gelezen: %s.", name,
				 strerror(e ? e : EIO));
	}

	struct ibis_error inner = {0};
	enum ibis_status st = csv_parse(data, len, out, &inner);
	free(data);
	if (st != IBIS_OK)
		return ibis_fail(err, st, "%s: %s", name, inner.message);
	if (out->nrows == 0)
		return ibis_fail(err, IBIS_EINPUT, "%s is leeg.", name);
	return IBIS_OK;
}

void csv_table_free(struct csv_table *t)
{
	for (int i = 0; i < t->nrows; i++)
		free(t->rows[i].fields);
	free(t->rows);
	memset(t, 0, sizeof(*t));
	t->sep = ';';
}
