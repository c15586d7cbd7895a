/* test_date.c - day numbers, parsing and formatting, school years, today. */
#include <criterion/criterion.h>
#include <string.h>
#include <time.h>

#include "helpers.h"
#include "ibis/date.h"

static ibis_date parse_ok(const char *s)
{
	ibis_date out = DATE_NONE;
	cr_assert(date_parse(s, &out), "\"%s\" should parse", s);
	return out;
}

/* ------------------------------------------------------------ day numbers */

Test(date, day_numbers)
{
	cr_assert_eq(th_ymd(1970, 1, 1), 0);
	cr_assert_eq(th_ymd(1969, 12, 31), -1);
	cr_assert_eq(th_ymd(2000, 2, 29), 11016);
	cr_assert_eq(th_ymd(2026, 5, 12), 20585);
	cr_assert_eq(th_ymd(1900, 1, 1), -25567);
	cr_assert_eq(th_ymd(2199, 12, 31), 84005);
}

Test(date, every_day_round_trips)
{
	ibis_date first = th_ymd(1900, 1, 1), last = th_ymd(2199, 12, 31);
	int py = 1899, pm = 12, pd = 31;
	for (ibis_date d = first; d <= last; d++) {
		int y, m, dd;
		date_to_ymd(d, &y, &m, &dd);
		/* each day follows the previous one in the calendar */
		bool next_day = y == py && m == pm && dd == pd + 1;
		bool next_month = y == py && m == pm + 1 && dd == 1;
		bool next_year = y == py + 1 && m == 1 && dd == 1 && pm == 12 && pd == 31;
		cr_assert(next_day || next_month || next_year, "%d-%d-%d after %d-%d-%d", y, m, dd,
			  py, pm, pd);
		ibis_date back;
		cr_assert(date_from_ymd(y, m, dd, &back));
		cr_assert_eq(back, d);
		py = y, pm = m, pd = dd;
	}
	cr_assert_eq(py, 2199);
}

Test(date, range_and_impossible_days)
{
	ibis_date d;
	cr_assert_not(date_from_ymd(1899, 12, 31, &d));
	cr_assert_not(date_from_ymd(2200, 1, 1, &d));
	cr_assert_not(date_from_ymd(2026, 2, 31, &d));
	cr_assert_not(date_from_ymd(2026, 4, 31, &d));
	cr_assert_not(date_from_ymd(2026, 13, 1, &d));
	cr_assert_not(date_from_ymd(2026, 0, 1, &d));
	cr_assert_not(date_from_ymd(2026, 1, 0, &d));
	cr_assert(date_from_ymd(2026, 12, 31, &d));
}

Test(date, none_as_ymd)
{
	int y = 1, m = 1, d = 1;
	date_to_ymd(DATE_NONE, &y, &m, &d);
	cr_assert_eq(y, 0);
	cr_assert_eq(m, 0);
	cr_assert_eq(d, 0);
}

/* ---------------------------------------------------------------- parsing */

Test(date, parse_dutch_forms)
{
	ibis_date want = th_ymd(2026, 5, 12);
	cr_assert_eq(parse_ok("12-05-2026"), want);
	cr_assert_eq(parse_ok("12/05/2026"), want);
	cr_assert_eq(parse_ok("12.05.2026"), want);
	cr_assert_eq(parse_ok("12-5-2026"), want);
	cr_assert_eq(parse_ok("  12-05-2026 \t"), want);
	cr_assert_eq(parse_ok("1-2-2026"), th_ymd(2026, 2, 1));
	cr_assert_eq(parse_ok("01-02-2026"), th_ymd(2026, 2, 1));

	ibis_date d;
	cr_assert(date_parse_nl("1.2.2026", &d));
	cr_assert_eq(d, th_ymd(2026, 2, 1));
	cr_assert_not(date_parse_nl("2026-05-12", &d), "ISO is not the Dutch form");
}

Test(date, parse_iso)
{
	ibis_date d;
	cr_assert(date_parse_iso("2026-05-12", &d));
	cr_assert_eq(d, th_ymd(2026, 5, 12));
	cr_assert_eq(parse_ok("2026-05-12"), th_ymd(2026, 5, 12));
	cr_assert_not(date_parse_iso("12-05-2026", &d));
	cr_assert_not(date_parse_iso("2026-5-12", &d));
	cr_assert_not(date_parse_iso(" 2026-05-12", &d));
	cr_assert_not(date_parse_iso("2026-05-12 ", &d));
	cr_assert_not(date_parse_iso("2026/05/12", &d));
	cr_assert_not(date_parse_iso("2026-05-1x", &d));
}

Test(date, parse_refuses)
{
	static const char *const bad[] = {
		"31-02-2026", "00-01-2026", "32-01-2026", "01-00-2026", "01-13-2026",
		"2026-13-01", "2026-02-30", "2026-00-10", "12-05-26", "12-05-226",
		"12-05-20260", "123-05-2026", "12-005-2026", "12-05-2026x", "12-05-2026 x",
		"x12-05-2026", "12-05/2026", "12/05-2026", "12 05 2026", "12--05-2026",
		"12-05-", "-05-2026", "+1-05-2026", "1-+5-2026", "12-05-1899", "01-01-2200",
		"", "   ", "vandaag", "12-05-2026\n2",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ibis_date d = 42;
		cr_assert_not(date_parse(bad[i], &d), "\"%s\" must be refused", bad[i]);
		cr_assert_not(date_parse_nl(bad[i], &d), "\"%s\" must be refused", bad[i]);
		cr_assert_not(date_parse_iso(bad[i], &d), "\"%s\" must be refused", bad[i]);
		cr_assert_eq(d, 42, "a refused parse leaves the output alone");
	}
	ibis_date d;
	cr_assert_not(date_parse(NULL, &d));
	cr_assert_not(date_parse_nl(NULL, &d));
	cr_assert_not(date_parse_iso(NULL, &d));
}

Test(date, leap_years)
{
	ibis_date d;
	cr_assert(date_parse("29-02-2024", &d));
	cr_assert_eq(d, th_ymd(2024, 2, 29));
	cr_assert_not(date_parse("29-02-2026", &d));
	cr_assert(date_parse("29-02-2000", &d));
	cr_assert_not(date_parse("29-02-1900", &d));
	cr_assert_not(date_parse("29-02-2100", &d));
	cr_assert(date_parse("2096-02-29", &d));
	cr_assert_eq(date_add_days(th_ymd(2024, 2, 28), 1), th_ymd(2024, 2, 29));
	cr_assert_eq(date_add_days(th_ymd(2026, 2, 28), 1), th_ymd(2026, 3, 1));
}

/* ------------------------------------------------------------- formatting */

Test(date, format_both_forms)
{
	char nl[DATE_NL_LEN], iso[DATE_ISO_LEN];
	ibis_date d = th_ymd(2026, 5, 2);
	cr_assert_str_eq(date_format_nl(d, nl), "02-05-2026");
	cr_assert_str_eq(date_format_iso(d, iso), "2026-05-02");
	cr_assert_str_eq(date_format_nl(th_ymd(1900, 1, 1), nl), "01-01-1900");
	cr_assert_str_eq(date_format_iso(th_ymd(2199, 12, 31), iso), "2199-12-31");

	/* and back */
	cr_assert_eq(parse_ok(nl), th_ymd(1900, 1, 1));
	cr_assert_eq(parse_ok(iso), th_ymd(2199, 12, 31));
}

Test(date, format_none)
{
	char buf[DATE_NL_LEN];
	memset(buf, 'x', sizeof(buf));
	cr_assert_str_eq(date_format_nl(DATE_NONE, buf), "");
	memset(buf, 'x', sizeof(buf));
	cr_assert_str_eq(date_format_iso(DATE_NONE, buf), "");
}

/* ------------------------------------------------------------- arithmetic */

Test(date, weekday)
{
	cr_assert_eq(date_weekday(th_ymd(1970, 1, 1)), 3);
	cr_assert_eq(date_weekday(th_ymd(1969, 12, 31)), 2);
	cr_assert_eq(date_weekday(th_ymd(2026, 5, 12)), 1);
	cr_assert_eq(date_weekday(th_ymd(1900, 1, 1)), 0);
	cr_assert_eq(date_weekday(th_ymd(2026, 5, 17)), 6);
}

Test(date, add_months_clamps)
{
	cr_assert_eq(date_add_months(th_ymd(2026, 1, 31), 1), th_ymd(2026, 2, 28));
	cr_assert_eq(date_add_months(th_ymd(2024, 1, 31), 1), th_ymd(2024, 2, 29));
	cr_assert_eq(date_add_months(th_ymd(2026, 3, 31), -1), th_ymd(2026, 2, 28));
	cr_assert_eq(date_add_months(th_ymd(2026, 8, 31), 1), th_ymd(2026, 9, 30));
	cr_assert_eq(date_add_months(th_ymd(2026, 11, 15), 3), th_ymd(2027, 2, 15));
	cr_assert_eq(date_add_months(th_ymd(2026, 1, 15), -13), th_ymd(2024, 12, 15));
	cr_assert_eq(date_add_months(th_ymd(2026, 12, 1), -12), th_ymd(2025, 12, 1));
	cr_assert_eq(date_add_months(th_ymd(2026, 5, 12), 0), th_ymd(2026, 5, 12));
	cr_assert_eq(date_add_months(DATE_NONE, 1), DATE_NONE);
}

Test(date, add_days_and_years)
{
	cr_assert_eq(date_add_days(th_ymd(2026, 12, 31), 1), th_ymd(2027, 1, 1));
	cr_assert_eq(date_add_days(th_ymd(2026, 3, 1), -1), th_ymd(2026, 2, 28));
	cr_assert_eq(date_add_days(DATE_NONE, 5), DATE_NONE);
	cr_assert_eq(date_add_years(th_ymd(2024, 2, 29), 1), th_ymd(2025, 2, 28));
	cr_assert_eq(date_add_years(th_ymd(2024, 2, 29), 4), th_ymd(2028, 2, 29));
	cr_assert_eq(date_add_years(th_ymd(2026, 5, 12), -10), th_ymd(2016, 5, 12));
	cr_assert_eq(date_add_years(DATE_NONE, 1), DATE_NONE);
}

Test(date, age)
{
	ibis_date birth = th_ymd(2016, 5, 12);
	cr_assert_eq(date_age(birth, th_ymd(2026, 5, 11)), 9);
	cr_assert_eq(date_age(birth, th_ymd(2026, 5, 12)), 10);
	cr_assert_eq(date_age(birth, th_ymd(2026, 12, 31)), 10);
	cr_assert_eq(date_age(birth, birth), 0);
	/* born on 29 February: a year older from 1 March in other years */
	ibis_date leap = th_ymd(2016, 2, 29);
	cr_assert_eq(date_age(leap, th_ymd(2026, 2, 28)), 9);
	cr_assert_eq(date_age(leap, th_ymd(2026, 3, 1)), 10);
	cr_assert_eq(date_age(leap, th_ymd(2024, 2, 29)), 8);
	cr_assert_eq(date_age(DATE_NONE, birth), -1);
}

/* ----------------------------------------------------------- school years */

Test(date, schoolyear_of)
{
	cr_assert_eq(schoolyear_of(th_ymd(2026, 7, 31)), 2025);
	cr_assert_eq(schoolyear_of(th_ymd(2026, 8, 1)), 2026);
	cr_assert_eq(schoolyear_of(th_ymd(2027, 1, 1)), 2026);
	cr_assert_eq(schoolyear_of(th_ymd(1900, 1, 1)), 1899);
}

Test(date, schoolyear_bounds)
{
	cr_assert_eq(schoolyear_start(2026), th_ymd(2026, 8, 1));
	cr_assert_eq(schoolyear_end(2026), th_ymd(2027, 7, 31));
	cr_assert_eq(schoolyear_of(schoolyear_start(2026)), 2026);
	cr_assert_eq(schoolyear_of(schoolyear_end(2026)), 2026);
	cr_assert_eq(date_add_days(schoolyear_end(2025), 1), schoolyear_start(2026));
}

Test(date, schoolyear_text)
{
	char buf[10];
	cr_assert_str_eq(schoolyear_format(2026, buf), "2026-2027");
	cr_assert_str_eq(schoolyear_format(1999, buf), "1999-2000");

	int y = 0;
	cr_assert(schoolyear_parse("2026-2027", &y));
	cr_assert_eq(y, 2026);
	cr_assert(schoolyear_parse("1999-2000", &y));
	cr_assert_eq(y, 1999);
	cr_assert(schoolyear_parse("2025", &y));
	cr_assert_eq(y, 2025);
	cr_assert(schoolyear_parse(" 2024-2025 ", &y));
	cr_assert_eq(y, 2024);

	static const char *const bad[] = {
		"2026-2028", "2026-2026", "2027-2026", "2026-", "2026-27", "26-27",
		"20262027", "2026/2027", "2026-2027x", "1850-1851", "", "schooljaar",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		y = 42;
		cr_assert_not(schoolyear_parse(bad[i], &y), "\"%s\" must be refused", bad[i]);
		cr_assert_eq(y, 42);
	}
	cr_assert_not(schoolyear_parse(NULL, &y));
}

/* ------------------------------------------------------------------ today */

static ibis_date local_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	cr_assert_not_null(localtime_r(&now, &tm));
	return th_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

Test(date, today_override)
{
	ibis_date fixed = th_ymd(1901, 9, 2); /* never the real today */
	date_set_today(fixed);
	cr_assert_eq(date_today(), fixed);
	cr_assert_eq(date_today(), fixed, "the override stays until cleared");

	date_set_today(DATE_NONE);
	/* midnight may pass between the readings: the result must be one of them */
	ibis_date before = local_today();
	ibis_date today = date_today();
	ibis_date after = local_today();
	cr_assert(today == before || today == after);
	cr_assert_neq(today, fixed);
}
