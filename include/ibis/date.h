/* date.h - calendar dates, school years and "today".
 *
 * A date is a day number (days since 1970-01-01, proleptic Gregorian), so that
 * comparing and adding is plain arithmetic. Dates are ISO YYYY-MM-DD in the
 * database and dd-mm-jjjj on screen. The school year runs 1 August - 31 July
 * and is named by its first calendar year (2026 = "2026-2027").
 */
#ifndef IBIS_DATE_H
#define IBIS_DATE_H

#include <stdbool.h>
#include <stddef.h>

typedef int ibis_date;
#define DATE_NONE ((ibis_date)-2147483647 - 1) /* "no date" */
#define DATE_NL_LEN 11  /* "dd-mm-jjjj" + NUL */
#define DATE_ISO_LEN 11 /* "YYYY-MM-DD" + NUL */

/* Day number of y-m-d; false when that day does not exist (31-02, month 13,
 * years outside 1900..2199). */
bool date_from_ymd(int y, int m, int d, ibis_date *out);
void date_to_ymd(ibis_date d, int *y, int *m, int *dd);

/* Parse "dd-mm-jjjj" (also d-m-jjjj, and / or . as separator). Surrounding
 * spaces are allowed; anything else is refused. */
bool date_parse_nl(const char *s, ibis_date *out);
/* Parse "YYYY-MM-DD" exactly. */
bool date_parse_iso(const char *s, ibis_date *out);
/* Either of the two forms above. */
bool date_parse(const char *s, ibis_date *out);

/* Write "dd-mm-jjjj" / "YYYY-MM-DD" into buf (at least 11 bytes); "" for
 * DATE_NONE. Returns buf. */
char *date_format_nl(ibis_date d, char *buf);
char *date_format_iso(ibis_date d, char *buf);

/* 0 = Monday .. 6 = Sunday. */
int date_weekday(ibis_date d);
ibis_date date_add_days(ibis_date d, int days);
/* Add months, clamping the day to the end of the month (31-01 + 1 = 28/29-02). */
ibis_date date_add_months(ibis_date d, int months);
ibis_date date_add_years(ibis_date d, int years);
/* Whole years between birth and d (age on d). */
int date_age(ibis_date birth, ibis_date d);

/* The school year (its first calendar year) that d falls in. */
int schoolyear_of(ibis_date d);
ibis_date schoolyear_start(int year); /* 1 August */
ibis_date schoolyear_end(int year);   /* 31 July of the next year */
/* "2026-2027" into buf (at least 10 bytes). Returns buf. */
char *schoolyear_format(int year, char *buf);
/* Parse "2026-2027" (the second year must follow the first) or "2026". */
bool schoolyear_parse(const char *s, int *year);

/* Today: the --today override when set, else the local calendar date. */
ibis_date date_today(void);
/* Set (or with DATE_NONE clear) the override of date_today(). */
void date_set_today(ibis_date d);

#endif
