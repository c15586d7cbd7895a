/* util.h - memory and string helpers shared by every module.
 *
 * Out of memory is the only fatal error in ibis: the x* allocators print a
 * Dutch message and exit with status 3 rather than make every caller handle it.
 */
#ifndef IBIS_UTIL_H
#define IBIS_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* malloc/calloc/realloc/strdup that never return NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Copy of s, or NULL when s is NULL. Caller frees. */
char *xstrdup(const char *s);
/* Copy of the first n bytes of s, NUL-terminated. Caller frees. */
char *xstrndup(const char *s, size_t n);
/* printf into a new string. Caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Free *p and set it to NULL. */
void freep(char **p);

/* True when s is NULL or "". */
bool str_empty(const char *s);
/* True when s starts with prefix. */
bool str_starts(const char *s, const char *prefix);
/* Copy src into dst of size n, always NUL-terminated, never splitting a UTF-8
 * sequence. Returns dst. */
char *str_copy(char *dst, const char *src, size_t n);
/* New copy of s without leading and trailing ASCII white space. Caller frees. */
char *str_trim(const char *s);

/* A growable string. Zero-initialise (struct strbuf sb = {0}) before use. */
struct strbuf {
	char *buf;  /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};
void sb_add(struct strbuf *sb, const char *s);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_addc(struct strbuf *sb, char c);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The contents ("" when empty); valid until the next change. */
const char *sb_str(const struct strbuf *sb);
/* Hand the buffer to the caller (who frees it) and reset sb. Never NULL. */
char *sb_take(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
void sb_free(struct strbuf *sb);

/* A growable list of owned strings. Zero-initialise before use. */
struct strlist {
	char **items;
	size_t len;
	size_t cap;
};
/* Append a copy of s. */
void sl_add(struct strlist *sl, const char *s);
/* Append s itself; the list takes ownership. */
void sl_take(struct strlist *sl, char *s);
void sl_addf(struct strlist *sl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sl_free(struct strlist *sl);
/* Split s on sep into trimmed, non-empty items appended to sl. */
void sl_split(struct strlist *sl, const char *s, char sep);

/* True when path exists and is a directory / a regular file. */
bool path_is_dir(const char *path);
bool path_is_file(const char *path);
/* New string with the directory part of path ("." when none). Caller frees. */
char *path_dirname(const char *path);
/* dir + "/" + name. Caller frees. */
char *path_join(const char *dir, const char *name);

#endif
