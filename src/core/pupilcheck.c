/* pupilcheck.c - the rules of a pupil's typed fields (see pupilcheck.h). */
#include "ibis/pupilcheck.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ibis/util.h"

static const char *const labels[PF_COUNT] = {
	[PF_FIRST] = "Roepnaam",
	[PF_TUSSEN] = "Tussenvoegsel",
	[PF_LAST] = "Achternaam",
	[PF_BIRTH] = "Geboortedatum",
	[PF_GROUP] = "Groep",
	[PF_NUMBER] = "Leerlingnummer",
	[PF_ENROLLED] = "Ingeschreven",
	[PF_NOTES] = "Notities",
};

const char *pupil_field_label(enum pupil_field f)
{
	return f >= 0 && f < PF_COUNT ? labels[f] : "";
}

/* ================================================================== dates */

/* Read 1..max digits; false when there are none. */
static bool digits(const char **s, int max, int *v, int *n)
{
	*v = 0;
	*n = 0;
	while (isdigit((unsigned char)**s) && *n < max) {
		*v = *v * 10 + (**s - '0');
		(*s)++;
		(*n)++;
	}
	return *n > 0;
}

/* True when s has the shape of a date (three numbers with one separator,
 * day-month-year or year-month-day) with a month 1-12 and a day 1-31 in a year
 * we can store, so that "does not exist" is the right thing to say of it. */
static bool date_shaped(const char *s, int *y, int *m, int *d)
{
	int a, b, c, na, nb, nc;
	char sep;

	if (!digits(&s, 4, &a, &na))
		return false;
	sep = *s;
	if (sep != '-' && sep != '/' && sep != '.')
		return false;
	s++;
	if (!digits(&s, 2, &b, &nb) || *s != sep)
		return false;
	s++;
	if (!digits(&s, 4, &c, &nc) || *s)
		return false;
	if (na <= 2 && nc == 4) {
		*d = a, *m = b, *y = c;
	} else if (na == 4 && sep == '-' && nc <= 2) {
		*y = a, *m = b, *d = c;
	} else {
		return false;
	}
	return *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31 && *y >= 1900 && *y <= 2199;
}

char *pupil_check_date(const char *text, ibis_date *out)
{
	char *s = str_trim(text ? text : "");
	int y, m, d;
	char *msg = NULL;

	*out = DATE_NONE;
	if (date_parse(s, out)) {
		free(s);
		return NULL;
	}
	*out = DATE_NONE;
	if (date_shaped(s, &y, &m, &d))
		msg = xasprintf("%02d-%02d-%04d bestaat niet.", d, m, y);
	else
		msg = xstrdup("Geen datum: schrijf dd-mm-jjjj, bijvoorbeeld 05-03-2018.");
	free(s);
	return msg;
}

/* ================================================================ the check */

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

static void set(struct pupil_check *c, enum pupil_field f, char *msg)
{
	free(c->message[f]);
	c->message[f] = msg;
}

static void check_birth(const char *text, ibis_date today, struct pupil_check *c)
{
	char when[DATE_NL_LEN];
	ibis_date birth;

	if (blank(text)) {
		set(c, PF_BIRTH, xstrdup("Vul de geboortedatum in (dd-mm-jjjj)."));
		return;
	}
	char *msg = pupil_check_date(text, &birth);
	if (msg) {
		set(c, PF_BIRTH, msg);
		return;
	}
	c->birth = birth;
	date_format_nl(today, when);
	if (birth > today) {
		set(c, PF_BIRTH, xasprintf("De geboortedatum ligt na vandaag (%s).", when));
		return;
	}
	int age = date_age(birth, today);
	if (age < PUPIL_MIN_AGE)
		set(c, PF_BIRTH, xasprintf("Te jong voor de basisschool: %d jaar op %s "
					   "(minstens %d).", age, when, PUPIL_MIN_AGE));
	else if (age > PUPIL_MAX_AGE)
		set(c, PF_BIRTH, xasprintf("Te oud voor de basisschool: %d jaar op %s "
					   "(hoogstens %d).", age, when, PUPIL_MAX_AGE));
}

static void check_enrolled(const char *text, struct pupil_check *c)
{
	ibis_date enrolled;

	if (blank(text))
		return;
	char *msg = pupil_check_date(text, &enrolled);
	if (msg) {
		set(c, PF_ENROLLED, msg);
		return;
	}
	c->enrolled = enrolled;
	if (c->birth != DATE_NONE && enrolled < c->birth)
		set(c, PF_ENROLLED, xstrdup("De inschrijfdatum ligt vóór de geboortedatum."));
}

static void check_group(const char *text, enum group_lookup group, int school_year,
			struct pupil_check *c)
{
	char sy[16];

	if (blank(text) || group == GROUP_FOUND)
		return;
	char *name = str_trim(text);
	schoolyear_format(school_year, sy);
	if (group == GROUP_AMBIGUOUS)
		set(c, PF_GROUP, xasprintf("Groep %s bestaat op meer dan één school; kies de "
					   "groep uit de lijst.", name));
	else
		set(c, PF_GROUP, xasprintf("Groep %s bestaat niet in schooljaar %s.", name, sy));
	free(name);
}

bool pupil_check(const char *const text[PF_COUNT], ibis_date today, enum group_lookup group,
		 int school_year, struct pupil_check *out)
{
	memset(out, 0, sizeof(*out));
	out->birth = out->enrolled = DATE_NONE;
	if (blank(text[PF_FIRST]))
		set(out, PF_FIRST, xstrdup("Vul de roepnaam in."));
	if (blank(text[PF_LAST]))
		set(out, PF_LAST, xstrdup("Vul de achternaam in."));
	check_birth(text[PF_BIRTH], today, out);
	check_group(text[PF_GROUP], group, school_year, out);
	check_enrolled(text[PF_ENROLLED], out);

	out->first_bad = PF_COUNT;
	for (int f = 0; f < PF_COUNT; f++)
		if (out->message[f]) {
			out->first_bad = f;
			break;
		}
	return out->first_bad == PF_COUNT;
}

void pupil_check_clear(struct pupil_check *c)
{
	for (int f = 0; f < PF_COUNT; f++)
		free(c->message[f]);
	memset(c, 0, sizeof(*c));
	c->first_bad = PF_COUNT;
	c->birth = c->enrolled = DATE_NONE;
}
