/* text.h - UTF-8 text: validation, search folding, Dutch name order, widths.
 *
 * Search in ibis is case- and diacritics-insensitive. SQLite's own folding
 * (FTS5 remove_diacritics) misses the Turkish dotless ı and the Dutch ĳ, so the
 * program folds names itself and the database indexes the folded key.
 */
#ifndef IBIS_TEXT_H
#define IBIS_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s holds n bytes of well-formed UTF-8 (no overlongs, surrogates). */
bool utf8_valid(const char *s, size_t n);
/* Decode one code point at s (of at most n bytes); store its length in *len.
 * Returns the code point, or U+FFFD with *len = 1 for a malformed byte. */
uint32_t utf8_decode(const char *s, size_t n, size_t *len);
/* Append the UTF-8 encoding of cp to out (at least 4 bytes free); returns its
 * length. */
size_t utf8_encode(uint32_t cp, char *out);
/* Terminal columns that s takes (wcwidth per code point, controls count 0). */
int utf8_width(const char *s);

/* The search key of s: lower case, diacritics removed, ı -> i, ĳ -> ij,
 * ß -> ss, æ -> ae, œ -> oe, ø -> o, ł -> l; punctuation and runs of white
 * space become one space; trimmed. Caller frees. Never NULL. */
char *text_fold(const char *s);
/* True when the folded needle occurs in the folded haystack. Both are folded
 * here; use text_fold once yourself when matching many. */
bool text_fold_contains(const char *haystack, const char *needle);

/* How Dutch lists show and sort a name: "Berg, Anna van den". Caller frees. */
char *name_display(const char *first, const char *tussenvoegsel, const char *last);
/* "Anna van den Berg". Caller frees. */
char *name_natural(const char *first, const char *tussenvoegsel, const char *last);
/* The sort key of a name: folded last name, then first name, then
 * tussenvoegsel, separated by \x01 so that "Berg" sorts before "Bergen".
 * Caller frees. */
char *name_sort_key(const char *first, const char *tussenvoegsel, const char *last);
/* The search key of a name: the folded natural and display forms together,
 * so that "berg", "anna van", "van den berg" and "berg anna" all match.
 * Caller frees. */
char *name_search_key(const char *first, const char *tussenvoegsel, const char *last);

#endif
