/* pupilcheck.h - the rules of a pupil's fields as typed in a form: required
 * names, real dates, an age that fits primary school, a group that exists.
 *
 * Pure (no screen, no database), so that every rule and message is unit
 * tested: the caller looks the typed group up itself and passes the answer.
 */
#ifndef IBIS_PUPILCHECK_H
#define IBIS_PUPILCHECK_H

#include <stdbool.h>

#include "ibis/date.h"

/* The fields of the pupil form, in the order the form shows them. */
enum pupil_field {
	PF_FIRST = 0,   /* roepnaam (required) */
	PF_TUSSEN,      /* tussenvoegsel */
	PF_LAST,        /* achternaam (required) */
	PF_BIRTH,       /* geboortedatum (required, dd-mm-jjjj) */
	PF_GROUP,       /* groep of the school year (empty = none) */
	PF_NUMBER,      /* leerlingnummer */
	PF_ENROLLED,    /* inschrijfdatum (optional) */
	PF_NOTES,       /* notities */
	PF_COUNT
};

/* The ages (whole years on "today") a pupil of primary school may have:
 * instroom at 3 years and some months, groep 8 at 13 or, with a repeated
 * year, 14. */
#define PUPIL_MIN_AGE 3
#define PUPIL_MAX_AGE 14

/* What the caller found for the typed group name in the school year. */
enum group_lookup {
	GROUP_FOUND = 0,
	GROUP_UNKNOWN,   /* no group of that name */
	GROUP_AMBIGUOUS, /* a group of that name at more than one school */
};

struct pupil_check {
	char *message[PF_COUNT]; /* Dutch, for under the field; NULL when fine */
	int first_bad;           /* the first field with a message; PF_COUNT if none */
	ibis_date birth;         /* parsed; DATE_NONE when empty or wrong */
	ibis_date enrolled;      /* parsed; DATE_NONE when empty or wrong */
};

/* Check the typed values text[PF_*] (NULL counts as empty; surrounding spaces
 * do not count). today is the day ages are measured on; group is the caller's
 * lookup of the typed group (ignored when the group field is empty);
 * school_year names the year in the message about the group. Fills *out
 * (free with pupil_check_clear) and returns true when every field is fine. */
bool pupil_check(const char *const text[PF_COUNT], ibis_date today, enum group_lookup group,
		 int school_year, struct pupil_check *out);
void pupil_check_clear(struct pupil_check *c);

/* Parse a typed date (dd-mm-jjjj, d-m-jjjj, / or . as separator, or ISO).
 * Returns NULL and sets *out when it is a real date; otherwise a Dutch
 * message saying what is wrong ("31-02-2018 bestaat niet.") that the caller
 * frees, and *out is DATE_NONE. An empty text is not handled here (the caller
 * decides whether the date is required). */
char *pupil_check_date(const char *text, ibis_date *out);

/* The Dutch label of a field ("Roepnaam"). */
const char *pupil_field_label(enum pupil_field f);

#endif
