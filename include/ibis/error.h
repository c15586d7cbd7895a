/* error.h - the one error type of ibis.
 *
 * Every fallible function takes a struct ibis_error * (may be NULL when the
 * caller does not care) and returns a status. The message is Dutch and meant for
 * the user; the detail is technical (SQLite's text, errno) and meant for a log
 * or for --verbose. The status doubles as the process exit status.
 */
#ifndef IBIS_ERROR_H
#define IBIS_ERROR_H

#include <stdbool.h>

enum ibis_status {
	IBIS_OK = 0,
	IBIS_EUSAGE = 1,   /* wrong usage of the command line */
	IBIS_EINPUT = 2,   /* bad input: a file, a value, a rule */
	IBIS_EDB = 3,      /* database problem: missing, corrupt, locked, read-only, full */
	IBIS_EDENIED = 4,  /* not allowed (role) */
};

/* What kind of database problem, so the TUI can react (e.g. go read-only). */
enum ibis_dbfault {
	DBF_NONE = 0,
	DBF_MISSING,
	DBF_NOTADB,
	DBF_LOCKED,
	DBF_READONLY,
	DBF_FULL,
	DBF_NEWER,      /* schema newer than this program */
	DBF_CONSTRAINT, /* a rule of the schema refused the write */
	DBF_CONFLICT,   /* someone else changed the record meanwhile */
	DBF_OTHER,
};

struct ibis_error {
	enum ibis_status status;
	enum ibis_dbfault fault;
	char message[512]; /* Dutch, for the user; "" when no error */
	char detail[512];  /* technical, may be "" */
};

/* Set err (when not NULL; its fault reset to DBF_NONE) and return status. The
 * message is formatted. */
enum ibis_status ibis_fail(struct ibis_error *err, enum ibis_status status,
			   const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Set the technical detail of err (when not NULL). */
void ibis_detail(struct ibis_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Reset err to "no error". */
void ibis_error_clear(struct ibis_error *err);
/* True when err holds an error. */
bool ibis_failed(const struct ibis_error *err);
/* Print "ibis: message" (and the detail when verbose) to stderr. */
void ibis_error_print(const struct ibis_error *err, bool verbose);
/* What errno errnum means, in Dutch for the common causes of a failed read
 * or write ("de schijf is vol"), strerror otherwise. A static text. */
const char *errno_text(int errnum);

#endif
