/* util.c - see util.h. */
#include "ibis/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Out of memory is the one failure we do not hand back: nothing sensible can be
 * done by a caller, and a clean exit keeps the database consistent because every
 * write is a transaction. */
static void oom(void)
{
	fputs("ibis: onvoldoende geheugen\n", stderr);
	exit(3);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		oom();
	char *p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void freep(char **p)
{
	free(*p);
	*p = NULL;
}

bool str_empty(const char *s)
{
	return !s || !*s;
}

bool str_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

char *str_copy(char *dst, const char *src, size_t n)
{
	if (!n)
		return dst;
	size_t len = strlen(src);
	if (len >= n) {
		len = n - 1;
		/* back up over continuation bytes so no sequence is cut in two */
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
	return dst;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

char *str_trim(const char *s)
{
	if (!s)
		return xstrdup("");
	while (is_space(*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && is_space(s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* ------------------------------------------------------------------ strbuf */

static void sb_grow(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < sb->len + extra + 1)
		cap *= 2;
	sb->buf = xrealloc(sb->buf, cap);
	sb->cap = cap;
}

void sb_addn(struct strbuf *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_add(struct strbuf *sb, const char *s)
{
	if (s)
		sb_addn(sb, s, strlen(s));
}

void sb_addc(struct strbuf *sb, char c)
{
	sb_addn(sb, &c, 1);
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	sb_add(sb, s);
	free(s);
}

const char *sb_str(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

char *sb_take(struct strbuf *sb)
{
	char *s = sb->buf ? sb->buf : xstrdup("");
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void sb_free(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

/* ----------------------------------------------------------------- strlist */

void sl_take(struct strlist *sl, char *s)
{
	if (sl->len == sl->cap) {
		sl->cap = sl->cap ? sl->cap * 2 : 8;
		sl->items = xrealloc(sl->items, sl->cap * sizeof(*sl->items));
	}
	sl->items[sl->len++] = s;
}

void sl_add(struct strlist *sl, const char *s)
{
	sl_take(sl, xstrdup(s ? s : ""));
}

void sl_addf(struct strlist *sl, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sl_take(sl, xvasprintf(fmt, ap));
	va_end(ap);
}

void sl_free(struct strlist *sl)
{
	for (size_t i = 0; i < sl->len; i++)
		free(sl->items[i]);
	free(sl->items);
	sl->items = NULL;
	sl->len = sl->cap = 0;
}

void sl_split(struct strlist *sl, const char *s, char sep)
{
	if (!s)
		return;
	for (;;) {
		const char *end = strchr(s, sep);
		size_t n = end ? (size_t)(end - s) : strlen(s);
		char *part = xstrndup(s, n);
		char *item = str_trim(part);
		free(part);
		if (*item)
			sl_take(sl, item);
		else
			free(item);
		if (!end)
			break;
		s = end + 1;
	}
}

/* ------------------------------------------------------------------- paths */

bool path_is_dir(const char *path)
{
	struct stat st;
	return path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool path_is_file(const char *path)
{
	struct stat st;
	return path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	if (n && dir[n - 1] == '/')
		return xasprintf("%s%s", dir, name);
	return xasprintf("%s/%s", dir, name);
}
