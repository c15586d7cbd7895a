/* inifile.h - INI files read with iniparser, plus what iniparser lacks.
 *
 * iniparser keeps no line numbers, cuts unquoted values at ';' and '#', fails a
 * whole file on a line over 1024 bytes, chokes on a UTF-8 BOM and silently keeps
 * the last of two equal keys. So every file is first scanned by our own small
 * pass that records the line of each section and key (in file order), reports
 * syntax errors, long lines, duplicate keys and sections, and strips a BOM; the
 * values themselves come from iniparser. Data file conventions: data/README.
 *
 * Every error message has the form "FILE:LINE: key: what is wrong" (Dutch).
 */
#ifndef IBIS_INIFILE_H
#define IBIS_INIFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "ibis/error.h"

struct inifile;

/* Load path. NULL on failure with err set (status IBIS_EINPUT, message with
 * file and line). Caller frees with inifile_free. */
struct inifile *inifile_load(const char *path, struct ibis_error *err);
void inifile_free(struct inifile *f);
const char *inifile_path(const struct inifile *f);

/* Sections in file order, names lower-cased as iniparser has them. */
size_t inifile_nsections(const struct inifile *f);
const char *inifile_section(const struct inifile *f, size_t i);
/* The same section name as written in the file (original case), for ids and
 * messages. Owned by f. */
const char *inifile_section_written(const struct inifile *f, size_t i);
bool inifile_has_section(const struct inifile *f, const char *section);
/* Keys of a section in file order (lower case); *n set to their number. The
 * array belongs to f. */
const char *const *inifile_keys(const struct inifile *f, const char *section, size_t *n);

/* Line number of a key (or of the section header when key is NULL); 0 when
 * absent. */
int inifile_line(const struct inifile *f, const char *section, const char *key);

/* The raw value of section.key, quotes removed; NULL when absent. Owned by f. */
const char *inifile_get(const struct inifile *f, const char *section, const char *key);
/* A text value: key, key.2, key.3 ... joined with one space, "\n" turned into
 * a line break. NULL when absent or empty. Caller frees. */
char *inifile_text(const struct inifile *f, const char *section, const char *key);
/* An integer in [min, max]; absent gives def. A malformed or out-of-range value
 * fails with "FILE:LINE: key: ..." */
enum ibis_status inifile_int(const struct inifile *f, const char *section, const char *key,
			     int min, int max, int def, int *out, struct ibis_error *err);
/* ja/nee (also true/false, 1/0); absent gives def. */
enum ibis_status inifile_bool(const struct inifile *f, const char *section, const char *key,
			      bool def, bool *out, struct ibis_error *err);
/* A required non-empty text (see inifile_text); missing fails with
 * "FILE:LINE: key: ontbreekt" (the line of the section). Caller frees *out. */
enum ibis_status inifile_require(const struct inifile *f, const char *section, const char *key,
				 char **out, struct ibis_error *err);

/* Fail with "FILE:LINE: key: <message>" at the line of section.key (or of the
 * section when key is NULL or absent). Returns IBIS_EINPUT. */
enum ibis_status inifile_fail(const struct inifile *f, const char *section, const char *key,
			      struct ibis_error *err, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Check that every key of section is one of allowed (NULL-terminated); a text
 * key's continuations (key.2, key.3, ...) are allowed with it when the allowed
 * entry ends in '*' ("wat*"). The first unknown key fails. */
enum ibis_status inifile_check_keys(const struct inifile *f, const char *section,
				    const char *const *allowed, struct ibis_error *err);

/* ============================================== shapes of the data files */

struct strlist;

/* A plain positive number as a section suffix or key ("12"; no sign, no
 * leading zero, nothing after it), or 0 when s is not one. */
int inifile_number(const char *s);

/* The head section of a data file ([set], [sop], ...): it must be there,
 * hold only allowed keys (see inifile_check_keys) and a non-empty naam
 * (*name); bron is optional (*source, NULL when absent). The first problem
 * fails. Caller frees *name and *source. */
enum ibis_status inifile_head(const struct inifile *f, const char *section,
			      const char *const *allowed, char **name, char **source,
			      struct ibis_error *err);

/* A section of numbered texts, keys 1, 2, ... without gaps, each non-empty
 * (see inifile_text), appended to out in order. noun names one in the
 * messages ("verwacht principe 3"). With continued a text may go on as 1.2,
 * 1.3 (checked by inifile_check_keys); without, only plain numbers are keys.
 * The first problem in file order fails; out may then hold some texts. */
enum ibis_status inifile_numbered(const struct inifile *f, const char *section,
				  const char *noun, bool continued, struct strlist *out,
				  struct ibis_error *err);

#endif
