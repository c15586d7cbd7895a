/* inifile.c - see inifile.h.
 *
 * Two passes over every file. Our own scan reads the bytes once, checks what
 * iniparser does not (UTF-8, line length, duplicates, unterminated quotes,
 * names, a stray '\' at a line end) and records every section and key with its
 * line, in file order. Then iniparser parses the very same bytes for the
 * values. The scan accepts only lines that iniparser reads the same way, so the
 * two always agree on which keys exist.
 *
 * This is the only file that includes <iniparser/iniparser.h>.
 */
/* memfd_create is a GNU extension. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "ibis/inifile.h"

#include <errno.h>
#include <fcntl.h>
#include <iniparser/iniparser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ibis/util.h"

/* iniparser fails a whole file at 1024 bytes; keep a margin. */
#define INI_MAX_LINE 1000
/* Our files are a few kilobytes; a file this large is a mistake. */
#define INI_MAX_FILE (4 * 1024 * 1024)

struct ini_section {
	char *name;    /* lower case, as iniparser keeps it */
	char *written; /* as written in the file, for messages */
	int line;
	size_t nkeys, cap;
	char **keys;   /* lower case, file order; NULL-terminated */
	int *lines;
};

struct inifile {
	char *path;
	dictionary *dict;
	size_t nsections, cap;
	struct ini_section *sections;
};

/* ============================================================ messages */

/* How a key is named in a message. In a section that occurs once ([model],
 * [scherm]) the key alone is clear; in one of many ([niveau 3], [veld doelen])
 * and for numbered keys ([normering] 3) the section is named with it:
 * "niveau 3.naam". A message about a section as a whole names "[section]". */
static char *key_label(const char *section, const char *key)
{
	if (!key)
		return xasprintf("[%s]", section ? section : "");
	if (!section || !*section)
		return xstrdup(key);
	if (strchr(section, ' ') || (*key >= '0' && *key <= '9'))
		return xasprintf("%s.%s", section, key);
	return xstrdup(key);
}

static enum ibis_status vfail_at(const char *path, int line, const char *label,
				 struct ibis_error *err, const char *fmt, va_list ap)
{
	char *what = xvasprintf(fmt, ap);
	char *where = line > 0 ? xasprintf("%s:%d", path, line) : xstrdup(path);
	if (label)
		ibis_fail(err, IBIS_EINPUT, "%s: %s: %s", where, label, what);
	else
		ibis_fail(err, IBIS_EINPUT, "%s: %s", where, what);
	free(where);
	free(what);
	return IBIS_EINPUT;
}

static enum ibis_status fail_at(const char *path, int line, const char *label,
				struct ibis_error *err, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static enum ibis_status fail_at(const char *path, int line, const char *label,
				struct ibis_error *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail_at(path, line, label, err, fmt, ap);
	va_end(ap);
	return IBIS_EINPUT;
}

/* ============================================================ the scan */

static char *lower_dup(const char *s, size_t n)
{
	char *p = xstrndup(s, n);
	for (char *q = p; *q; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	return p;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Names as data/README allows them. Upper case is accepted because iniparser
 * folds it anyway; ':' would split iniparser's "section:key" in two. */
static bool valid_name(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == ' ' || c == '.' || c == '-' || c == '_'))
			return false;
	}
	return true;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 when invalid.
 * Overlong forms, surrogates and code points past U+10FFFF are invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	if (c < 0x80)
		return c ? 1 : 0;
	size_t len;
	unsigned cp;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

static struct ini_section *find_section(const struct inifile *f, const char *name)
{
	if (!name)
		return NULL;
	char *lc = lower_dup(name, strlen(name));
	struct ini_section *found = NULL;
	for (size_t i = 0; i < f->nsections && !found; i++)
		if (strcmp(f->sections[i].name, lc) == 0)
			found = &f->sections[i];
	free(lc);
	return found;
}

static int find_key(const struct ini_section *s, const char *key)
{
	if (!s || !key)
		return -1;
	char *lc = lower_dup(key, strlen(key));
	int found = -1;
	for (size_t i = 0; i < s->nkeys && found < 0; i++)
		if (strcmp(s->keys[i], lc) == 0)
			found = (int)i;
	free(lc);
	return found;
}

static struct ini_section *add_section(struct inifile *f, const char *written, size_t n, int line)
{
	if (f->nsections == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->sections = xrealloc(f->sections, f->cap * sizeof(*f->sections));
	}
	struct ini_section *s = &f->sections[f->nsections++];
	memset(s, 0, sizeof(*s));
	s->written = xstrndup(written, n);
	s->name = lower_dup(written, n);
	s->line = line;
	s->keys = xcalloc(1, sizeof(*s->keys));
	return s;
}

static void add_key(struct ini_section *s, char *name, int line)
{
	if (s->nkeys + 1 >= s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->keys = xrealloc(s->keys, s->cap * sizeof(*s->keys));
		s->lines = xrealloc(s->lines, s->cap * sizeof(*s->lines));
	}
	s->keys[s->nkeys] = name;
	s->lines[s->nkeys] = line;
	s->nkeys++;
	s->keys[s->nkeys] = NULL;
}

/* Check the value part of a key line (after '='), as iniparser will read it:
 * "..." or '...' keep everything up to the next quote of the same kind, and
 * nothing but a comment may follow; an unquoted value ends at ';' or '#'. */
static enum ibis_status scan_value(const struct inifile *f, int line, const char *label,
				   const char *v, size_t n, struct ibis_error *err)
{
	while (n && is_blank(*v)) {
		v++;
		n--;
	}
	if (n == 0)
		return IBIS_OK;
	char q = *v;
	if (q == '"' || q == '\'') {
		const char *close = memchr(v + 1, q, n - 1);
		if (!close)
			return fail_at(f->path, line, label, err,
				       q == '"' ? "aanhalingsteken \" niet afgesloten"
						: "waarde begint met ' maar dat aanhalingsteken wordt "
						  "niet afgesloten; zet de tekst tussen \"...\"");
		const char *rest = close + 1, *end = v + n;
		while (rest < end && is_blank(*rest))
			rest++;
		if (rest < end && *rest != ';' && *rest != '#')
			return fail_at(f->path, line, label, err,
				       "tekst na het sluitende aanhalingsteken (een \" kan niet "
				       "in een tekst staan; gebruik „ ” of ‘ ’)");
		return IBIS_OK;
	}
	size_t len = 0;
	while (len < n && v[len] != ';' && v[len] != '#')
		len++;
	if (memchr(v, '"', len))
		return fail_at(f->path, line, label, err,
			       "een \" midden in een waarde; zet de hele tekst tussen \"...\" "
			       "en gebruik daarbinnen „ ”");
	return IBIS_OK;
}

/* One logical line (without its '\n'): comment, section header or key. */
static enum ibis_status scan_line(struct inifile *f, int line, const char *s, size_t n,
				  struct ini_section **cur, struct ibis_error *err)
{
	while (n && is_blank(*s)) {
		s++;
		n--;
	}
	while (n && is_blank(s[n - 1]))
		n--;
	if (n == 0)
		return IBIS_OK;
	/* iniparser glues the next line to any line ending in '\', comments
	 * included; long texts use numbered keys instead (data/README). */
	if (s[n - 1] == '\\')
		return fail_at(f->path, line, NULL, err,
			       "regel eindigt op \\; een lange tekst gaat verder in een "
			       "genummerde sleutel (wat.2, wat.3, ...)");
	if (*s == ';' || *s == '#')
		return IBIS_OK;

	if (*s == '[') {
		if (s[n - 1] != ']')
			return fail_at(f->path, line, NULL, err,
				       "sectiekop moet eindigen op ] (commentaar hoort op een "
				       "eigen regel)");
		const char *name = s + 1;
		size_t len = n - 2;
		while (len && is_blank(*name)) {
			name++;
			len--;
		}
		while (len && is_blank(name[len - 1]))
			len--;
		char *written = xstrndup(name, len);
		enum ibis_status st = IBIS_OK;
		if (len == 0)
			st = fail_at(f->path, line, NULL, err, "sectie zonder naam");
		else if (!valid_name(name, len))
			st = fail_at(f->path, line, NULL, err,
				     "[%s]: ongeldige sectienaam (alleen letters, cijfers, "
				     "spatie, punt, - en _; nooit :)", written);
		if (st == IBIS_OK) {
			struct ini_section *prev = find_section(f, written);
			if (prev)
				st = fail_at(f->path, line, NULL, err,
					     "[%s]: sectie staat al op regel %d", written,
					     prev->line);
		}
		if (st == IBIS_OK)
			*cur = add_section(f, name, len, line);
		free(written);
		return st;
	}

	const char *eq = memchr(s, '=', n);
	if (!eq)
		return fail_at(f->path, line, NULL, err,
			       "geen sectiekop, commentaar of sleutel = waarde");
	size_t klen = (size_t)(eq - s);
	while (klen && is_blank(s[klen - 1]))
		klen--;
	if (klen == 0)
		return fail_at(f->path, line, NULL, err, "sleutel ontbreekt voor de =");
	char *key = lower_dup(s, klen);
	char *label = key_label(*cur ? (*cur)->written : NULL, key);
	enum ibis_status st = IBIS_OK;
	if (!valid_name(s, klen))
		st = fail_at(f->path, line, label, err,
			     "ongeldige sleutelnaam (alleen letters, cijfers, spatie, punt, "
			     "- en _; nooit :)");
	else if (!*cur)
		st = fail_at(f->path, line, label, err,
			     "sleutel buiten een sectie; zet er eerst een [sectie] boven");
	else if (find_key(*cur, key) >= 0)
		st = fail_at(f->path, line, label, err, "staat al op regel %d in [%s]",
			     (*cur)->lines[find_key(*cur, key)], (*cur)->written);
	else
		st = scan_value(f, line, label, eq + 1, n - (size_t)(eq + 1 - s), err);
	free(label);
	if (st != IBIS_OK) {
		free(key);
		return st;
	}
	add_key(*cur, key, line);
	return IBIS_OK;
}

static enum ibis_status scan(struct inifile *f, const char *buf, size_t size,
			     struct ibis_error *err)
{
	struct ini_section *cur = NULL;
	int line = 0;
	size_t pos = 0;
	while (pos < size) {
		line++;
		const char *start = buf + pos;
		const char *nl = memchr(start, '\n', size - pos);
		size_t n = nl ? (size_t)(nl - start) : size - pos;
		pos += n + (nl ? 1 : 0);
		size_t shown = n && start[n - 1] == '\r' ? n - 1 : n;
		if (shown > INI_MAX_LINE)
			return fail_at(f->path, line, NULL, err,
				       "regel te lang (%zu bytes, maximaal %d)", shown,
				       INI_MAX_LINE);
		for (size_t i = 0; i < n;) {
			size_t k = utf8_seq((const unsigned char *)start + i, n - i);
			if (!k)
				return fail_at(f->path, line, NULL, err,
					       start[i] ? "geen geldige UTF-8 (byte %zu van de regel)"
							: "bevat een nul-byte (byte %zu van de regel)",
					       i + 1);
			i += k;
		}
		enum ibis_status st = scan_line(f, line, start, n, &cur, err);
		if (st != IBIS_OK)
			return st;
	}
	return IBIS_OK;
}

/* ============================================================ loading */

static enum ibis_status read_all(const char *path, char **out, size_t *size,
				 struct ibis_error *err)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		int e = errno;
		ibis_fail(err, IBIS_EINPUT, "kan %s niet lezen: %s", path, strerror(e));
		ibis_detail(err, "fopen: %s", strerror(e));
		return IBIS_EINPUT;
	}
	struct strbuf sb = {0};
	char chunk[8192];
	size_t n;
	bool too_big = false;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		sb_addn(&sb, chunk, n);
		if (sb.len > INI_MAX_FILE) {
			too_big = true;
			break;
		}
	}
	bool bad = ferror(fp) != 0;
	int e = errno;
	fclose(fp);
	if (bad || too_big) {
		sb_free(&sb);
		if (too_big)
			ibis_fail(err, IBIS_EINPUT, "%s: bestand te groot (meer dan %d bytes)",
				  path, INI_MAX_FILE);
		else
			ibis_fail(err, IBIS_EINPUT, "kan %s niet lezen: %s", path, strerror(e));
		return IBIS_EINPUT;
	}
	*size = sb.len;
	*out = sb_take(&sb);
	return IBIS_OK;
}

/* iniparser reports syntax errors itself, in English, on stderr; our scan has
 * already reported anything it could complain about, in Dutch, with a line. */
static int quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

/* iniparser 4.1 only reads from a path, and it chokes on a BOM. So it reads the
 * bytes we scanned (BOM removed) from an anonymous memory file through
 * /proc/self/fd/N: what it parses is then exactly what we checked, even when
 * someone edits the file meanwhile. Without memfd or /proc, a private temporary
 * file does the same. */
static bool write_all(int fd, const char *buf, size_t size)
{
	size_t done = 0;
	while (done < size) {
		ssize_t w = write(fd, buf + done, size - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		done += (size_t)w;
	}
	return true;
}

static dictionary *parse_bytes(const char *buf, size_t size)
{
	dictionary *d = NULL;
	iniparser_set_error_callback(quiet);
	int fd = memfd_create("ibis-ini", MFD_CLOEXEC);
	if (fd >= 0) {
		char *path = xasprintf("/proc/self/fd/%d", fd);
		if (access(path, R_OK) == 0 && write_all(fd, buf, size))
			d = iniparser_load(path);
		free(path);
		close(fd);
	}
	if (!d) {
		const char *tmp = getenv("TMPDIR");
		char *path = xasprintf("%s/ibis-ini-XXXXXX", str_empty(tmp) ? "/tmp" : tmp);
		fd = mkstemp(path);
		if (fd >= 0) {
			bool ok = write_all(fd, buf, size);
			close(fd);
			if (ok)
				d = iniparser_load(path);
			unlink(path);
		}
		free(path);
	}
	iniparser_set_error_callback(NULL);
	return d;
}

struct inifile *inifile_load(const char *path, struct ibis_error *err)
{
	char *buf = NULL;
	size_t size = 0;
	if (read_all(path, &buf, &size, err) != IBIS_OK)
		return NULL;
	struct inifile *f = xcalloc(1, sizeof(*f));
	f->path = xstrdup(path);
	const char *body = buf;
	if (size >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		body += 3;
		size -= 3;
	}
	if (scan(f, body, size, err) != IBIS_OK) {
		free(buf);
		inifile_free(f);
		return NULL;
	}
	f->dict = parse_bytes(body, size);
	free(buf);
	if (!f->dict) {
		ibis_fail(err, IBIS_EINPUT, "%s: iniparser kan het bestand niet lezen", path);
		ibis_detail(err, "iniparser_load via /proc/self/fd failed: %s", strerror(errno));
		inifile_free(f);
		return NULL;
	}
	/* Both passes must agree on every key; anything else is a bug in the scan. */
	for (size_t i = 0; i < f->nsections; i++) {
		struct ini_section *s = &f->sections[i];
		for (size_t k = 0; k < s->nkeys; k++) {
			char *entry = xasprintf("%s:%s", s->name, s->keys[k]);
			bool found = iniparser_find_entry(f->dict, entry);
			free(entry);
			if (!found) {
				char *label = key_label(s->written, s->keys[k]);
				fail_at(path, s->lines[k], label, err,
					"deze regel wordt anders gelezen dan verwacht");
				free(label);
				inifile_free(f);
				return NULL;
			}
		}
	}
	return f;
}

void inifile_free(struct inifile *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->nsections; i++) {
		struct ini_section *s = &f->sections[i];
		free(s->name);
		free(s->written);
		for (size_t k = 0; k < s->nkeys; k++)
			free(s->keys[k]);
		free(s->keys);
		free(s->lines);
	}
	free(f->sections);
	if (f->dict)
		iniparser_freedict(f->dict);
	free(f->path);
	free(f);
}

/* ============================================================ queries */

const char *inifile_path(const struct inifile *f)
{
	return f->path;
}

size_t inifile_nsections(const struct inifile *f)
{
	return f->nsections;
}

const char *inifile_section(const struct inifile *f, size_t i)
{
	return i < f->nsections ? f->sections[i].name : NULL;
}

const char *inifile_section_written(const struct inifile *f, size_t i)
{
	return i < f->nsections ? f->sections[i].written : NULL;
}

bool inifile_has_section(const struct inifile *f, const char *section)
{
	return find_section(f, section) != NULL;
}

const char *const *inifile_keys(const struct inifile *f, const char *section, size_t *n)
{
	static const char *const none[] = {NULL};
	const struct ini_section *s = find_section(f, section);
	if (n)
		*n = s ? s->nkeys : 0;
	return s ? (const char *const *)s->keys : none;
}

int inifile_line(const struct inifile *f, const char *section, const char *key)
{
	const struct ini_section *s = find_section(f, section);
	if (!s)
		return 0;
	if (!key)
		return s->line;
	int k = find_key(s, key);
	return k >= 0 ? s->lines[k] : 0;
}

const char *inifile_get(const struct inifile *f, const char *section, const char *key)
{
	const struct ini_section *s = find_section(f, section);
	if (!s || find_key(s, key) < 0)
		return NULL;
	char *entry = xasprintf("%s:%s", s->name, key);
	char *lc = lower_dup(entry, strlen(entry));
	const char *v = iniparser_getstring(f->dict, lc, NULL);
	free(lc);
	free(entry);
	return v;
}

/* The label of section.key as written in the file. */
static char *label_of(const struct inifile *f, const char *section, const char *key)
{
	const struct ini_section *s = find_section(f, section);
	char *lc = key ? lower_dup(key, strlen(key)) : NULL;
	char *label = key_label(s ? s->written : section, lc);
	free(lc);
	return label;
}

enum ibis_status inifile_fail(const struct inifile *f, const char *section, const char *key,
			      struct ibis_error *err, const char *fmt, ...)
{
	int line = key ? inifile_line(f, section, key) : 0;
	if (!line)
		line = inifile_line(f, section, NULL);
	char *label = label_of(f, section, key);
	va_list ap;
	va_start(ap, fmt);
	vfail_at(f->path, line, label, err, fmt, ap);
	va_end(ap);
	free(label);
	return IBIS_EINPUT;
}

char *inifile_text(const struct inifile *f, const char *section, const char *key)
{
	const char *v = inifile_get(f, section, key);
	if (!v)
		return NULL;
	struct strbuf joined = {0};
	for (int part = 1; v; part++) {
		if (*v) {
			if (joined.len)
				sb_addc(&joined, ' ');
			sb_add(&joined, v);
		}
		char *next = xasprintf("%s.%d", key, part + 1);
		v = inifile_get(f, section, next);
		free(next);
	}
	if (!joined.len) {
		sb_free(&joined);
		return NULL;
	}
	/* "\n" (backslash, n) is the line break of data/README */
	char *s = sb_take(&joined);
	char *w = s;
	for (const char *r = s; *r; r++) {
		if (r[0] == '\\' && r[1] == 'n') {
			*w++ = '\n';
			r++;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return s;
}

enum ibis_status inifile_int(const struct inifile *f, const char *section, const char *key,
			     int min, int max, int def, int *out, struct ibis_error *err)
{
	const char *v = inifile_get(f, section, key);
	char *t = str_trim(v);
	if (!*t) {
		free(t);
		*out = def;
		return IBIS_OK;
	}
	const char *p = t;
	if (*p == '-')
		p++;
	bool digits = *p != '\0';
	for (const char *q = p; *q; q++)
		if (*q < '0' || *q > '9')
			digits = false;
	if (!digits) {
		inifile_fail(f, section, key, err, "geen getal: „%s”", t);
		free(t);
		return IBIS_EINPUT;
	}
	errno = 0;
	long n = strtol(t, NULL, 10);
	if (errno == ERANGE || n < min || n > max) {
		inifile_fail(f, section, key, err, "%s ligt niet tussen %d en %d", t, min, max);
		free(t);
		return IBIS_EINPUT;
	}
	free(t);
	*out = (int)n;
	return IBIS_OK;
}

enum ibis_status inifile_bool(const struct inifile *f, const char *section, const char *key,
			      bool def, bool *out, struct ibis_error *err)
{
	static const char *const yes[] = {"ja", "true", "1"};
	static const char *const no[] = {"nee", "false", "0"};
	const char *v = inifile_get(f, section, key);
	char *t = str_trim(v);
	enum ibis_status st = IBIS_OK;
	if (!*t) {
		*out = def;
		free(t);
		return IBIS_OK;
	}
	for (char *q = t; *q; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
		if (strcmp(t, yes[i]) == 0) {
			*out = true;
			goto done;
		}
		if (strcmp(t, no[i]) == 0) {
			*out = false;
			goto done;
		}
	}
	st = inifile_fail(f, section, key, err, "geen ja of nee: „%s”", v);
done:
	free(t);
	return st;
}

enum ibis_status inifile_require(const struct inifile *f, const char *section, const char *key,
				 char **out, struct ibis_error *err)
{
	*out = NULL;
	if (!inifile_get(f, section, key))
		return inifile_fail(f, section, key, err, "ontbreekt");
	char *t = inifile_text(f, section, key);
	if (!t)
		return inifile_fail(f, section, key, err, "mag niet leeg zijn");
	*out = t;
	return IBIS_OK;
}

/* True when key is "base.N" with N >= 2 written without leading zeros; *n set. */
static bool continuation_of(const char *key, const char *base, size_t blen, int *n)
{
	if (strncmp(key, base, blen) != 0 || key[blen] != '.')
		return false;
	const char *d = key + blen + 1;
	if (*d < '1' || *d > '9')
		return false;
	long v = 0;
	for (; *d; d++) {
		if (*d < '0' || *d > '9' || v > 10000)
			return false;
		v = v * 10 + (*d - '0');
	}
	if (v < 2)
		return false;
	*n = (int)v;
	return true;
}

enum ibis_status inifile_check_keys(const struct inifile *f, const char *section,
				    const char *const *allowed, struct ibis_error *err)
{
	const struct ini_section *s = find_section(f, section);
	if (!s)
		return IBIS_OK;
	for (size_t k = 0; k < s->nkeys; k++) {
		const char *key = s->keys[k];
		bool ok = false;
		for (size_t a = 0; allowed[a] && !ok; a++) {
			size_t alen = strlen(allowed[a]);
			bool star = alen && allowed[a][alen - 1] == '*';
			size_t blen = star ? alen - 1 : alen;
			if (strlen(key) == blen && strncmp(key, allowed[a], blen) == 0) {
				ok = true;
				break;
			}
			int part;
			if (!star || !continuation_of(key, allowed[a], blen, &part))
				continue;
			/* a continuation needs the part before it: no gaps */
			char *prev = part == 2 ? xstrndup(key, blen)
					       : xasprintf("%.*s.%d", (int)blen, key, part - 1);
			bool has_prev = find_key(s, prev) >= 0;
			if (!has_prev) {
				char *label = key_label(s->written, key);
				fail_at(f->path, s->lines[k], label, err,
					"%s ontbreekt (de delen van een tekst lopen zonder gaten "
					"door)", prev);
				free(label);
				free(prev);
				return IBIS_EINPUT;
			}
			free(prev);
			ok = true;
		}
		if (!ok) {
			char *label = key_label(s->written, key);
			fail_at(f->path, s->lines[k], label, err, "onbekende sleutel");
			free(label);
			struct strbuf known = {0};
			for (size_t a = 0; allowed[a]; a++) {
				if (known.len)
					sb_add(&known, ", ");
				size_t alen = strlen(allowed[a]);
				sb_addn(&known, allowed[a],
					alen && allowed[a][alen - 1] == '*' ? alen - 1 : alen);
			}
			ibis_detail(err, "bekende sleutels in [%s]: %s", s->written, sb_str(&known));
			sb_free(&known);
			return IBIS_EINPUT;
		}
	}
	return IBIS_OK;
}

/* ============================================== shapes of the data files */

int inifile_number(const char *s)
{
	if (!s || *s < '1' || *s > '9')
		return 0;
	int v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 100000)
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

enum ibis_status inifile_head(const struct inifile *f, const char *section,
			      const char *const *allowed, char **name, char **source,
			      struct ibis_error *err)
{
	if (!inifile_has_section(f, section))
		return inifile_fail(f, section, NULL, err, "ontbreekt");
	enum ibis_status st = inifile_check_keys(f, section, allowed, err);
	if (st == IBIS_OK)
		st = inifile_require(f, section, "naam", name, err);
	if (st == IBIS_OK)
		*source = inifile_text(f, section, "bron");
	return st;
}

enum ibis_status inifile_numbered(const struct inifile *f, const char *section,
				  const char *noun, bool continued, struct strlist *out,
				  struct ibis_error *err)
{
	size_t n;
	const char *const *keys = inifile_keys(f, section, &n);
	/* with continued: "1*", "2*", ... for inifile_check_keys */
	char **starred = continued ? xcalloc(n + 1, sizeof(*starred)) : NULL;
	size_t count = 0;
	enum ibis_status st = IBIS_OK;

	for (size_t i = 0; i < n && st == IBIS_OK; i++) {
		const char *dot = continued ? strchr(keys[i], '.') : NULL;
		if (dot) {
			/* a continuation: its number must be a text already given */
			char *base = xstrndup(keys[i], (size_t)(dot - keys[i]));
			int num = inifile_number(base);
			free(base);
			if (num < 1 || (size_t)num > count)
				st = inifile_fail(f, section, keys[i], err,
						  "een vervolg hoort na de %s waar het bij hoort",
						  noun);
			continue;
		}
		if (inifile_number(keys[i]) != (int)count + 1) {
			st = inifile_fail(f, section, keys[i], err,
					  "verwacht %s %zu (de nummers lopen vanaf 1 zonder gaten "
					  "op)",
					  noun, count + 1);
			break;
		}
		char *text = inifile_text(f, section, keys[i]);
		if (!text) {
			st = inifile_fail(f, section, keys[i], err, "mag niet leeg zijn");
			break;
		}
		sl_take(out, text);
		if (starred)
			starred[count] = xasprintf("%s*", keys[i]);
		count++;
	}
	if (st == IBIS_OK && starred)
		st = inifile_check_keys(f, section, (const char *const *)starred, err);
	for (size_t i = 0; starred && i < count; i++)
		free(starred[i]);
	free(starred);
	return st;
}
