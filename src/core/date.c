/* date.c - see date.h.
 *
 * Day numbers come from Howard Hinnant's days_from_civil / civil_from_days
 * (http://howardhinnant.github.io/date_algorithms.html): exact for the whole
 * proleptic Gregorian calendar, no tables, no libc time zone involved. The
 * arithmetic is done in long long so that odd input (a far-off year, a huge
 * month offset) cannot overflow an int; a result that does not fit an
 * ibis_date becomes DATE_NONE.
 *
 * Only date_from_ymd and the parsers restrict years to 1900..2199: arithmetic
 * may step outside that range (a school year end, a deadline far ahead) and
 * still round-trip.
 */
#include "ibis/date.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define YEAR_MIN 1900
#define YEAR_MAX 2199

/* ------------------------------------------------------------ calendar core */

static bool is_leap(long long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(long long y, int m)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

/* Day number of y-m-d without any range check; m and d must be valid. */
static long long days_from_civil(long long y, int m, int d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, long long *y, int *m, int *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = era * 400 + yoe + (*m <= 2);
}

/* A day number as an ibis_date; DATE_NONE when it does not fit. */
static ibis_date to_date(long long days)
{
	if (days <= (long long)DATE_NONE || days > INT_MAX)
		return DATE_NONE;
	return (ibis_date)days;
}

/* y-m plus months, with the day clamped to the end of the target month. */
static ibis_date add_months_clamped(long long y, int m, int d, long long months)
{
	long long idx = y * 12 + (m - 1) + months;
	long long ny = idx >= 0 ? idx / 12 : -((-idx + 11) / 12);
	int nm = (int)(idx - ny * 12) + 1;
	int dim = days_in_month(ny, nm);
	return to_date(days_from_civil(ny, nm, d > dim ? dim : d));
}

/* -------------------------------------------------------------- conversion */

bool date_from_ymd(int y, int m, int d, ibis_date *out)
{
	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	if (out)
		*out = (ibis_date)days_from_civil(y, m, d);
	return true;
}

/* DATE_NONE gives 0-0-0, so that a caller that forgot to check sees an
 * impossible date rather than a plausible one. */
void date_to_ymd(ibis_date d, int *y, int *m, int *dd)
{
	long long ly = 0;
	int lm = 0, ld = 0;
	if (d != DATE_NONE)
		civil_from_days(d, &ly, &lm, &ld);
	if (y)
		*y = (int)ly;
	if (m)
		*m = lm;
	if (dd)
		*dd = ld;
}

/* ----------------------------------------------------------------- parsing */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Read between min and max digits at *p into *val; advance *p. */
static bool read_digits(const char **p, int min, int max, int *val)
{
	int n = 0, v = 0;
	while (n < max && is_digit((*p)[n])) {
		v = v * 10 + ((*p)[n] - '0');
		n++;
	}
	/* more digits than allowed: "123-05-2026", "12-05-20260" */
	if (n < min || is_digit((*p)[n]))
		return false;
	*p += n;
	*val = v;
	return true;
}

bool date_parse_nl(const char *s, ibis_date *out)
{
	if (!s)
		return false;
	int d, m, y;
	while (is_blank(*s))
		s++;
	if (!read_digits(&s, 1, 2, &d))
		return false;
	char sep = *s;
	if (sep != '-' && sep != '/' && sep != '.')
		return false;
	s++;
	if (!read_digits(&s, 1, 2, &m) || *s != sep)
		return false;
	s++;
	if (!read_digits(&s, 4, 4, &y))
		return false;
	while (is_blank(*s))
		s++;
	if (*s)
		return false;
	return date_from_ymd(y, m, d, out);
}

bool date_parse_iso(const char *s, ibis_date *out)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !is_digit(s[i]))
			return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	return date_from_ymd(y, m, d, out);
}

bool date_parse(const char *s, ibis_date *out)
{
	return date_parse_iso(s, out) || date_parse_nl(s, out);
}

/* -------------------------------------------------------------- formatting */

/* Years beyond four digits would not fit the 11-byte buffer: they format as
 * "" just like DATE_NONE (they cannot come from parsing anyway). */
static bool formattable(ibis_date d, int *y, int *m, int *dd)
{
	if (d == DATE_NONE)
		return false;
	date_to_ymd(d, y, m, dd);
	return *y >= 0 && *y <= 9999;
}

char *date_format_nl(ibis_date d, char *buf)
{
	int y, m, dd;
	if (!formattable(d, &y, &m, &dd))
		buf[0] = '\0';
	else
		snprintf(buf, DATE_NL_LEN, "%02d-%02d-%04d", dd, m, y);
	return buf;
}

char *date_format_iso(ibis_date d, char *buf)
{
	int y, m, dd;
	if (!formattable(d, &y, &m, &dd))
		buf[0] = '\0';
	else
		snprintf(buf, DATE_ISO_LEN, "%04d-%02d-%02d", y, m, dd);
	return buf;
}

/* -------------------------------------------------------------- arithmetic */

int date_weekday(ibis_date d)
{
	/* day 0, 1970-01-01, was a Thursday (3) */
	return (int)((((long long)d % 7) + 7 + 3) % 7);
}

ibis_date date_add_days(ibis_date d, int days)
{
	if (d == DATE_NONE)
		return DATE_NONE;
	return to_date((long long)d + days);
}

ibis_date date_add_months(ibis_date d, int months)
{
	if (d == DATE_NONE)
		return DATE_NONE;
	long long y;
	int m, dd;
	civil_from_days(d, &y, &m, &dd);
	return add_months_clamped(y, m, dd, months);
}

ibis_date date_add_years(ibis_date d, int years)
{
	if (d == DATE_NONE)
		return DATE_NONE;
	long long y;
	int m, dd;
	civil_from_days(d, &y, &m, &dd);
	/* 29-02 + 1 year = 28-02, the same clamping as for months */
	return add_months_clamped(y, m, dd, (long long)years * 12);
}

/* A birthday on 29 February counts from 1 March in other years. Returns -1
 * when either date is missing; negative when d lies before birth. */
int date_age(ibis_date birth, ibis_date d)
{
	if (birth == DATE_NONE || d == DATE_NONE)
		return -1;
	long long by, y;
	int bm, bd, m, dd;
	civil_from_days(birth, &by, &bm, &bd);
	civil_from_days(d, &y, &m, &dd);
	long long age = y - by;
	if (m < bm || (m == bm && dd < bd))
		age--;
	return (int)age;
}

/* ------------------------------------------------------------ school years */

/* DATE_NONE falls in no school year: 0. */
int schoolyear_of(ibis_date d)
{
	if (d == DATE_NONE)
		return 0;
	long long y;
	int m, dd;
	civil_from_days(d, &y, &m, &dd);
	return (int)(m >= 8 ? y : y - 1);
}

ibis_date schoolyear_start(int year)
{
	return to_date(days_from_civil(year, 8, 1));
}

ibis_date schoolyear_end(int year)
{
	return to_date(days_from_civil((long long)year + 1, 7, 31));
}

/* Years outside 0..9998 would not fit the 10-byte buffer: "". */
char *schoolyear_format(int year, char *buf)
{
	if (year < 0 || year > 9998)
		buf[0] = '\0';
	else
		snprintf(buf, 10, "%d-%d", year, year + 1);
	return buf;
}

/* Surrounding spaces are allowed, as in date_parse_nl; the first year must lie
 * in 1900..2199 like every date. */
bool schoolyear_parse(const char *s, int *year)
{
	if (!s)
		return false;
	int first, second;
	while (is_blank(*s))
		s++;
	if (!read_digits(&s, 4, 4, &first))
		return false;
	if (*s == '-') {
		s++;
		if (!read_digits(&s, 4, 4, &second) || second != first + 1)
			return false;
	}
	while (is_blank(*s))
		s++;
	if (*s || first < YEAR_MIN || first > YEAR_MAX)
		return false;
	if (year)
		*year = first;
	return true;
}

/* ------------------------------------------------------------------- today */

static ibis_date today_override = DATE_NONE;

ibis_date date_today(void)
{
	if (today_override != DATE_NONE)
		return today_override;
	time_t now = time(NULL);
	struct tm tm;
	if (now == (time_t)-1 || !localtime_r(&now, &tm))
		return DATE_NONE;
	return to_date(days_from_civil((long long)tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday));
}

void date_set_today(ibis_date d)
{
	today_override = d;
}
