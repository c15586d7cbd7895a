/* error.c - see error.h. */
#include "ibis/error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum ibis_status ibis_fail(struct ibis_error *err, enum ibis_status status, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof(err->message), fmt, ap);
		va_end(ap);
		err->status = status;
		err->detail[0] = '\0';
		err->fault = DBF_NONE; /* the db layer sets its own after this call */
	}
	return status;
}

void ibis_detail(struct ibis_error *err, const char *fmt, ...)
{
	if (!err)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
}

void ibis_error_clear(struct ibis_error *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}

bool ibis_failed(const struct ibis_error *err)
{
	return err && err->status != IBIS_OK;
}

void ibis_error_print(const struct ibis_error *err, bool verbose)
{
	if (!err || err->status == IBIS_OK)
		return;
	fprintf(stderr, "ibis: %s\n", err->message[0] ? err->message : "onbekende fout");
	if (verbose && err->detail[0])
		fprintf(stderr, "ibis: (technisch: %s)\n", err->detail);
}

const char *errno_text(int errnum)
{
	switch (errnum) {
	case ENOSPC:
		return "de schijf is vol";
	case EDQUOT:
		return "het schijfquotum is op";
	case EACCES:
	case EPERM:
		return "geen toestemming";
	case ENOENT:
		return "de map of het bestand bestaat niet";
	case ENOTDIR:
		return "een deel van het pad is geen map";
	case EISDIR:
		return "dat is een map";
	case EROFS:
		return "het bestandssysteem is alleen-lezen";
	case EPIPE:
		return "de ontvanger is gestopt";
	case EIO:
		return "invoer-/uitvoerfout";
	case EFBIG:
		return "het bestand wordt groter dan mag";
	default:
		return strerror(errnum);
	}
}
