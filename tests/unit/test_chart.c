/* test_chart.c - the layout of the level step chart for 1, 2 and 6 school
 * years: the line, the axis, the labels, the bars, and the edges (clipping,
 * touching and zero-length spans, ASCII, too narrow). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/chart.h"
#include "ibis/util.h"

static const char *const laag[] = {"Laag 1", "Laag 2", "Laag 3", "Laag 4"};
static const char *const months[] = {"aug", "sep", "okt", "nov", "dec", "jan",
				     "feb", "mrt", "apr", "mei", "jun", "jul"};

/* Options for the 4-level model "Laag 1".."Laag 4", today 23-11-2026. */
static struct chart_opts opts(int first_year, int last_year, int width)
{
	struct chart_opts o = {
		.first_year = first_year,
		.last_year = last_year,
		.today = th_ymd(2026, 11, 23),
		.width = width,
		.nlevels = 4,
		.level_names = laag,
		.utf8 = true,
	};
	return o;
}

static void layout(const struct chart_opts *o, const struct chart_span *sp, int nsp,
		   const struct chart_bar *bars, int nbars, struct chart *c)
{
	cr_assert(chart_layout(o, sp, nsp, bars, nbars, c), "layout should succeed");
	cr_assert_eq(c->width, o->width);
	cr_assert_eq(c->height, o->nlevels + 3 + nbars);
	cr_assert_eq(c->first_bar_row, o->nlevels + 3);
}

static const char *ch(const struct chart *c, int y, int x)
{
	return chart_at(c, y, x)->ch;
}

/* Row y without its trailing blanks. Caller frees. */
static char *row(const struct chart *c, int y)
{
	char *s = chart_row_text(c, y);
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

static void assert_row(const struct chart *c, int y, const char *want)
{
	char *got = row(c, y);
	cr_assert_str_eq(got, want, "row %d:\n got [%s]\nwant [%s]", y, got, want);
	free(got);
}

/* n spaces then text. Caller frees. */
static char *at(int n, const char *text)
{
	return xasprintf("%*s%s", n, "", text);
}

/* The words of row y: runs of cells that are not blank, with the column each
 * starts at. */
struct word {
	int x;
	char text[64];
};

static int words(const struct chart *c, int y, struct word *out, int max)
{
	int n = 0;
	for (int x = 0; x < c->width; x++) {
		if (strcmp(ch(c, y, x), " ") == 0)
			continue;
		cr_assert_lt(n, max, "too many words in row %d", y);
		out[n].x = x;
		out[n].text[0] = '\0';
		while (x < c->width && strcmp(ch(c, y, x), " ") != 0) {
			cr_assert_lt(strlen(out[n].text) + 5, sizeof(out[n].text));
			strcat(out[n].text, ch(c, y, x));
			x++;
		}
		n++;
	}
	return n;
}

/* How many cells of rows first..last hold s. */
static int count(const struct chart *c, int first, int last, const char *s)
{
	int n = 0;
	for (int y = first; y <= last; y++)
		for (int x = 0; x < c->width; x++)
			n += strcmp(ch(c, y, x), s) == 0;
	return n;
}

/* The column a test expects for day d: plot_x + days * plot_width / ndays. */
static int col(const struct chart *c, ibis_date d)
{
	long long nd = (long long)c->to - c->from + 1;
	return c->plot_x + (int)((long long)(d - c->from) * c->plot_width / nd);
}

/* The month row of any layout: every word a Dutch month name starting at the
 * column of its month's first day, one step of months apart, never touching;
 * returns how many and the step. */
static int check_months(const struct chart *c, int nyears, int *step)
{
	struct word w[80];
	int mrow = c->first_bar_row - 2;
	int n = words(c, mrow, w, 80);
	*step = 0;
	int prev = -1;
	for (int i = 0; i < n; i++) {
		int idx = -1;
		for (int m = 0; m < 12 * nyears && idx < 0; m++) {
			ibis_date first = date_add_months(c->from, m);
			if (strcmp(w[i].text, months[m % 12]) == 0 && col(c, first) == w[i].x &&
			    m > prev)
				idx = m;
		}
		cr_assert_geq(idx, 0, "\"%s\" at column %d is not a month label under its month",
			      w[i].text, w[i].x);
		if (i == 0)
			cr_assert_eq(idx, 0, "the first label names the first month");
		if (i == 1)
			*step = idx - prev;
		if (i > 1)
			cr_assert_eq(idx - prev, *step, "labels at an even step");
		if (i > 0)
			cr_assert_gt(w[i].x, w[i - 1].x + 3, "labels touch");
		prev = idx;
	}
	return n;
}

/* ============================================================ one year */

/* 2026-2027 at 80 columns: labels 6 wide + space + axis, so the plot is the
 * 72 columns from 8 over 365 days. */
Test(chart, one_year_line_axis_and_labels)
{
	struct chart_opts o = opts(2026, 2026, 80);
	struct chart_span sp[] = {
		{th_ymd(2026, 8, 1), th_ymd(2026, 9, 30), 1},
		{th_ymd(2026, 10, 1), DATE_NONE, 3},
	};
	struct chart c;
	layout(&o, sp, 2, NULL, 0, &c);
	cr_assert_eq(c.height, 7);
	cr_assert_eq(c.plot_x, 8);
	cr_assert_eq(c.plot_width, 72);
	cr_assert_eq(c.from, th_ymd(2026, 8, 1));
	cr_assert_eq(c.to, th_ymd(2027, 7, 31));
	cr_assert_eq(chart_column(&c, th_ymd(2026, 8, 1)), 8);
	cr_assert_eq(chart_column(&c, th_ymd(2026, 10, 1)), 20); /* 61 * 72 / 365 = 12 */
	cr_assert_eq(chart_column(&c, th_ymd(2027, 7, 31)), 79);
	cr_assert_eq(chart_column(&c, th_ymd(2020, 1, 1)), 8, "clamped");
	cr_assert_eq(chart_column(&c, th_ymd(2030, 1, 1)), 79, "clamped");

	/* level 1 held until 30-09, the step up at 01-10 (column 20) through
	 * level 2 to level 3, held until today (column 30) */
	assert_row(&c, 0, "Laag 4 │");
	assert_row(&c, 1, "Laag 3 │            ┌──────────");
	assert_row(&c, 2, "Laag 2 │            │");
	assert_row(&c, 3, "Laag 1 │────────────┘");
	cr_assert_str_eq(ch(&c, 3, 19), "─");
	cr_assert_eq(chart_at(&c, 3, 19)->level, 1);
	cr_assert_eq(chart_at(&c, 3, 20)->level, 1);
	cr_assert_eq(chart_at(&c, 2, 20)->level, 2);
	cr_assert_eq(chart_at(&c, 1, 20)->level, 3);
	cr_assert_eq(chart_at(&c, 1, 30)->level, 3);
	cr_assert_str_eq(ch(&c, 1, 31), " ", "an open span ends today");
	cr_assert_eq(chart_at(&c, 1, 3)->level, 0, "labels have no level");
	cr_assert_eq(chart_at(&c, 1, 7)->level, 0, "the axis has no level");

	/* axis: corner, a tick at every month start after the first, today */
	int axis = 4;
	cr_assert_str_eq(ch(&c, axis, 7), "└");
	cr_assert_str_eq(ch(&c, axis, 8), "─");
	cr_assert_str_eq(ch(&c, axis, col(&c, th_ymd(2026, 9, 1))), "┬");
	cr_assert_str_eq(ch(&c, axis, col(&c, th_ymd(2027, 7, 1))), "┬");
	cr_assert_eq(col(&c, th_ymd(2026, 11, 23)), 30);
	cr_assert_str_eq(ch(&c, axis, 30), "▲");
	cr_assert_eq(count(&c, axis, axis, "┬"), 11);
	cr_assert_eq(count(&c, axis, axis, "▲"), 1);
	for (int y = 0; y < c.height; y++) {
		cr_assert(chart_at(&c, y, 30)->today, "row %d of today's column", y);
		cr_assert_not(chart_at(&c, y, 29)->today);
		cr_assert_not(chart_at(&c, y, 31)->today);
	}

	/* every month labelled, under its tick */
	int step;
	cr_assert_eq(check_months(&c, 1, &step), 12);
	cr_assert_eq(step, 1);
	assert_row(&c, 5, "        aug   sep   okt   nov   dec   jan   feb  mrt   apr   mei   jun"
			  "   jul");
	/* the year label centred in the plot: 8 + (72 - 9) / 2 */
	char *want = at(39, "2026-2027");
	assert_row(&c, 6, want);
	free(want);
	chart_free(&c);
	cr_assert_null(c.cells);
	cr_assert_eq(c.height, 0);
}

Test(chart, step_down_and_gap)
{
	struct chart_opts o = opts(2026, 2026, 80);
	struct chart_span down[] = {
		{th_ymd(2026, 8, 1), th_ymd(2026, 9, 30), 3},
		{th_ymd(2026, 10, 1), DATE_NONE, 1},
	};
	struct chart c;
	layout(&o, down, 2, NULL, 0, &c);
	assert_row(&c, 1, "Laag 3 │────────────┐");
	assert_row(&c, 2, "Laag 2 │            │");
	assert_row(&c, 3, "Laag 1 │            └──────────");
	chart_free(&c);

	/* a gap (September has no level): nothing in its columns, and the next
	 * episode starts as a line of its own, not as a step */
	struct chart_span gap[] = {
		{th_ymd(2026, 8, 1), th_ymd(2026, 8, 31), 1},
		{th_ymd(2026, 10, 1), DATE_NONE, 3},
	};
	layout(&o, gap, 2, NULL, 0, &c);
	cr_assert_eq(col(&c, th_ymd(2026, 8, 31)), 13);
	assert_row(&c, 1, "Laag 3 │            ───────────");
	assert_row(&c, 2, "Laag 2 │");
	assert_row(&c, 3, "Laag 1 │──────");
	chart_free(&c);
}

/* A step on a day maps to that day's column, whether the spans touch on the
 * same day or on consecutive days. */
Test(chart, touching_spans)
{
	struct chart_opts o = opts(2026, 2026, 80);
	struct chart_span same_day[] = {
		{th_ymd(2026, 8, 1), th_ymd(2026, 10, 1), 1},
		{th_ymd(2026, 10, 1), DATE_NONE, 2},
	};
	struct chart_span next_day[] = {
		{th_ymd(2026, 8, 1), th_ymd(2026, 9, 30), 1},
		{th_ymd(2026, 10, 1), DATE_NONE, 2},
	};
	struct chart a, b;
	layout(&o, same_day, 2, NULL, 0, &a);
	layout(&o, next_day, 2, NULL, 0, &b);
	for (int y = 0; y < a.height; y++) {
		char *ra = chart_row_text(&a, y), *rb = chart_row_text(&b, y);
		cr_assert_str_eq(ra, rb, "row %d", y);
		free(ra);
		free(rb);
	}
	cr_assert_str_eq(ch(&a, 3, 20), "┘");
	cr_assert_str_eq(ch(&a, 2, 20), "┌");
	chart_free(&a);
	chart_free(&b);

	/* 10-11 is the last day of column 27: the later span wins the day, so
	 * the step is in that column, not the next */
	struct chart_span end_of_column[] = {
		{th_ymd(2026, 8, 1), th_ymd(2026, 11, 10), 1},
		{th_ymd(2026, 11, 10), DATE_NONE, 2},
	};
	layout(&o, end_of_column, 2, NULL, 0, &a);
	cr_assert_eq(col(&a, th_ymd(2026, 11, 10)), 27);
	cr_assert_eq(col(&a, th_ymd(2026, 11, 11)), 28);
	cr_assert_str_eq(ch(&a, 3, 26), "─");
	cr_assert_str_eq(ch(&a, 3, 27), "┘");
	cr_assert_str_eq(ch(&a, 2, 27), "┌");
	cr_assert_str_eq(ch(&a, 2, 28), "─");
	chart_free(&a);
}

/* A wrong level entered and corrected on the same day leaves a zero-length
 * span: the chart steps straight to the corrected level. */
Test(chart, zero_length_span)
{
	struct chart_opts o = opts(2026, 2026, 80);
	struct chart_span sp[] = {
		{th_ymd(2026, 8, 1), th_ymd(2026, 10, 1), 2},
		{th_ymd(2026, 10, 1), th_ymd(2026, 10, 1), 4},
		{th_ymd(2026, 10, 1), DATE_NONE, 3},
	};
	struct chart c;
	layout(&o, sp, 3, NULL, 0, &c);
	assert_row(&c, 0, "Laag 4 │");
	assert_row(&c, 1, "Laag 3 │            ┌──────────");
	assert_row(&c, 2, "Laag 2 │────────────┘");
	for (int y = 0; y < c.height; y++)
		for (int x = 0; x < c.width; x++)
			cr_assert_neq(chart_at(&c, y, x)->level, 4);
	chart_free(&c);

	/* alone, a zero-length span is one cell; an end before the start too */
	struct chart_span one[] = {{th_ymd(2026, 10, 1), th_ymd(2026, 10, 1), 2}};
	layout(&o, one, 1, NULL, 0, &c);
	assert_row(&c, 2, "Laag 2 │            ─");
	chart_free(&c);
	struct chart_span reversed[] = {{th_ymd(2026, 10, 1), th_ymd(2026, 9, 1), 2}};
	layout(&o, reversed, 1, NULL, 0, &c);
	assert_row(&c, 2, "Laag 2 │            ─");
	chart_free(&c);
}

Test(chart, clipping)
{
	struct chart_opts o = opts(2026, 2026, 80);
	struct chart_span sp[] = {
		{th_ymd(2019, 9, 1), th_ymd(2021, 3, 1), 4},   /* wholly before */
		{th_ymd(2021, 3, 2), th_ymd(2026, 9, 30), 2},  /* starts before */
		{th_ymd(2026, 10, 1), th_ymd(2031, 1, 1), 3},  /* ends after */
		{th_ymd(2031, 1, 2), DATE_NONE, 1},          /* wholly after */
		{th_ymd(2026, 9, 1), th_ymd(2026, 9, 2), 0},    /* no such level */
		{th_ymd(2026, 9, 1), th_ymd(2026, 9, 2), 5},
	};
	struct chart c;
	layout(&o, sp, 6, NULL, 0, &c);
	assert_row(&c, 0, "Laag 4 │");
	assert_row(&c, 2, "Laag 2 │────────────┘");
	cr_assert_str_eq(ch(&c, 2, 8), "─", "a clipped span starts as a line");
	/* level 3 from 01-10 to past the end of the plot */
	struct strbuf l3 = {0};
	sb_add(&l3, "Laag 3 │            ┌");
	for (int x = 21; x < 80; x++)
		sb_add(&l3, "─");
	assert_row(&c, 1, sb_str(&l3));
	sb_free(&l3);
	assert_row(&c, 3, "Laag 1 │");
	chart_free(&c);
}

/* ================================================================ bars */

Test(chart, bars_and_their_labels)
{
	struct chart_opts o = opts(2026, 2026, 80);
	struct chart_bar bars[] = {
		{th_ymd(2026, 10, 1), th_ymd(2026, 11, 20), "OOP", true},       /* inside */
		{th_ymd(2026, 11, 1), DATE_NONE, "OPP rekenen", false},     /* after */
		{th_ymd(2025, 1, 1), th_ymd(2025, 3, 1), "oud", true},          /* before */
		{th_ymd(2025, 6, 1), th_ymd(2026, 8, 20), "Groeidocument", false}, /* clipped */
		{th_ymd(2027, 7, 20), th_ymd(2027, 7, 31), "IHP rekenen", false}, /* no room */
		{th_ymd(2026, 9, 15), th_ymd(2026, 9, 15), "Gesprek", true},    /* one day */
		{th_ymd(2026, 11, 1), th_ymd(2026, 11, 11), "OOP", false},      /* just too short */
	};
	struct chart c;
	layout(&o, NULL, 0, bars, 7, &c);
	int r = c.first_bar_row;
	cr_assert_eq(r, 7);
	cr_assert_eq(c.height, 14);

	/* 01-10 .. 20-11: columns 20 .. 29, the label centred inside */
	char *want = at(20, "░░░OOP░░░░");
	assert_row(&c, r, want);
	free(want);
	for (int x = 20; x <= 29; x++)
		cr_assert(chart_at(&c, r, x)->bar, "column %d is bar", x);
	cr_assert_not(chart_at(&c, r, 19)->bar);
	cr_assert_not(chart_at(&c, r, 30)->bar);

	/* open: 01-11 (column 26) up to today (30); label after it */
	want = at(26, "█████ OPP rekenen");
	assert_row(&c, r + 1, want);
	free(want);
	cr_assert(chart_at(&c, r + 1, 30)->bar);
	cr_assert_not(chart_at(&c, r + 1, 32)->bar, "a label after the bar is not bar");

	assert_row(&c, r + 2, "");

	want = at(8, "████ Groeidocument");
	assert_row(&c, r + 3, want);
	free(want);

	/* from column 77 to 79: no room inside or after, so no label */
	want = at(77, "███");
	assert_row(&c, r + 4, want);
	free(want);

	int x = col(&c, th_ymd(2026, 9, 15));
	want = at(x, "░ Gesprek");
	assert_row(&c, r + 5, want);
	free(want);

	/* three cells: the label would hide the bar, so it goes after */
	want = at(26, "███ OOP");
	assert_row(&c, r + 6, want);
	free(want);

	/* bars leave the plot rows alone */
	for (int y = 0; y < 4; y++)
		for (int xx = 8; xx < 80; xx++)
			cr_assert_str_eq(ch(&c, y, xx), " ");
	chart_free(&c);
}

/* =========================================================== two years */

Test(chart, two_years)
{
	struct chart_opts o = opts(2025, 2026, 80);
	struct chart_span sp[] = {
		{th_ymd(2025, 9, 1), th_ymd(2026, 1, 14), 1},
		{th_ymd(2026, 1, 15), th_ymd(2026, 9, 30), 2},
		{th_ymd(2026, 10, 1), DATE_NONE, 3},
	};
	struct chart_bar bar = {th_ymd(2026, 1, 15), th_ymd(2026, 3, 12), "OOP", true};
	struct chart c;
	layout(&o, sp, 3, &bar, 1, &c);
	cr_assert_eq(c.height, 8);
	cr_assert_eq(c.from, th_ymd(2025, 8, 1));
	cr_assert_eq(c.to, th_ymd(2027, 7, 31));

	/* 730 days on 72 columns */
	cr_assert_eq(col(&c, th_ymd(2025, 9, 1)), 11);
	cr_assert_eq(col(&c, th_ymd(2026, 1, 15)), 24);
	cr_assert_eq(col(&c, th_ymd(2026, 10, 1)), 50);
	cr_assert_eq(col(&c, th_ymd(2026, 11, 23)), 55);
	cr_assert_str_eq(ch(&c, 3, 10), " ", "nothing before the first episode");
	cr_assert_str_eq(ch(&c, 3, 11), "─");
	cr_assert_str_eq(ch(&c, 3, 24), "┘");
	cr_assert_str_eq(ch(&c, 2, 24), "┌");
	cr_assert_str_eq(ch(&c, 2, 49), "─");
	cr_assert_str_eq(ch(&c, 2, 50), "┘");
	cr_assert_str_eq(ch(&c, 1, 50), "┌");
	cr_assert_str_eq(ch(&c, 1, 55), "─");
	cr_assert_str_eq(ch(&c, 1, 56), " ");
	cr_assert_str_eq(ch(&c, 4, 55), "▲");

	/* three columns a month: every other month is labelled */
	int step;
	cr_assert_eq(check_months(&c, 2, &step), 12);
	cr_assert_eq(step, 2);
	struct word w[40];
	int n = words(&c, 5, w, 40);
	cr_assert_str_eq(w[0].text, "aug");
	cr_assert_str_eq(w[1].text, "okt");
	cr_assert_str_eq(w[n - 1].text, "jun");

	/* the boundary of the school years at 01-08-2026: 365 * 72 / 730 = 36 */
	char *want = xasprintf("%*s2025-2026%*s│%*s2026-2027", 21, "", 14, "", 13, "");
	assert_row(&c, 6, want);
	free(want);
	cr_assert_str_eq(ch(&c, 4, 44), "┬", "the boundary has a tick");

	want = at(24, "░OOP░░");
	assert_row(&c, 7, want);
	free(want);
	chart_free(&c);

	/* wide enough: every month */
	o.width = 130;
	layout(&o, sp, 3, NULL, 0, &c);
	cr_assert_eq(check_months(&c, 2, &step), 24);
	cr_assert_eq(step, 1);
	chart_free(&c);
}

/* ============================================================= six years */

Test(chart, six_years)
{
	int first, last;
	chart_years(th_ymd(2019, 10, 1), th_ymd(2026, 11, 23), 6, &first, &last);
	cr_assert_eq(first, 2021);
	cr_assert_eq(last, 2026);
	struct chart_opts o = opts(first, last, 80);
	struct chart_span sp[] = {
		{th_ymd(2019, 10, 1), th_ymd(2024, 12, 31), 1},
		{th_ymd(2025, 1, 1), th_ymd(2026, 6, 30), 2},
		{th_ymd(2026, 9, 1), DATE_NONE, 4},
	};
	struct chart c;
	layout(&o, sp, 3, NULL, 0, &c);
	cr_assert_eq(c.height, 7);
	cr_assert_eq(c.to - c.from + 1, 2191);
	cr_assert_str_eq(ch(&c, 3, 8), "─", "clipped at 01-08-2021");
	int step_col = col(&c, th_ymd(2025, 1, 1));
	cr_assert_str_eq(ch(&c, 3, step_col), "┘");
	cr_assert_str_eq(ch(&c, 2, step_col), "┌");
	/* July and August 2026 have no level: two empty columns, then level 4 */
	int end2 = col(&c, th_ymd(2026, 6, 30)), start4 = col(&c, th_ymd(2026, 9, 1));
	cr_assert_gt(start4, end2 + 1);
	cr_assert_str_eq(ch(&c, 2, end2), "─");
	for (int x = end2 + 1; x < start4; x++)
		for (int y = 0; y < 4; y++)
			cr_assert_str_eq(ch(&c, y, x), " ");
	cr_assert_str_eq(ch(&c, 0, start4), "─");
	cr_assert_eq(chart_at(&c, 0, start4)->level, 4);

	/* three columns a quarter: no month labels, the years named in full */
	assert_row(&c, 5, "");
	struct word w[20];
	int n = words(&c, 6, w, 20);
	cr_assert_eq(n, 11);
	for (int j = 0; j < 6; j++) {
		char name[16];
		cr_assert_str_eq(w[2 * j].text, schoolyear_format(2021 + j, name));
		if (j > 0) {
			cr_assert_str_eq(w[2 * j - 1].text, "│");
			cr_assert_eq(w[2 * j - 1].x, col(&c, schoolyear_start(2021 + j)));
			cr_assert_str_eq(ch(&c, 4, w[2 * j - 1].x), "┬");
		}
	}
	chart_free(&c);

	/* narrower: "21-22" */
	o.width = 60;
	layout(&o, sp, 3, NULL, 0, &c);
	n = words(&c, 6, w, 20);
	char *r6 = row(&c, 6);
	cr_assert_eq(n, 11, "[%s]", r6);
	free(r6);
	for (int j = 0; j < 6; j++) {
		char name[8];
		snprintf(name, sizeof(name), "%02d-%02d", 21 + j, 22 + j);
		cr_assert_str_eq(w[2 * j].text, name);
	}
	chart_free(&c);
	/* narrower still: a label only where it has room, none cut */
	o.width = 50;
	layout(&o, sp, 3, NULL, 0, &c);
	n = words(&c, 6, w, 20);
	cr_assert_str_eq(w[0].text, "21-22");
	cr_assert_str_eq(w[n - 1].text, "26-27");
	cr_assert_eq(count(&c, 6, 6, "│"), 5);
	chart_free(&c);

	/* wide: quarters */
	o.width = 200;
	layout(&o, sp, 3, NULL, 0, &c);
	int step;
	cr_assert_eq(check_months(&c, 6, &step), 24);
	cr_assert_eq(step, 3);
	struct word mw[30];
	n = words(&c, 5, mw, 30);
	cr_assert_str_eq(mw[0].text, "aug");
	cr_assert_str_eq(mw[1].text, "nov");
	cr_assert_str_eq(mw[2].text, "feb");
	cr_assert_str_eq(mw[3].text, "mei");
	chart_free(&c);
}

/* At every width and number of years: month labels sit under their month
 * and never touch, year labels never run into each other or a mark. */
Test(chart, labels_never_overlap)
{
	static const int years[] = {1, 2, 3, 6};
	for (size_t k = 0; k < ARRAY_LEN(years); k++) {
		for (int width = 24; width <= 240; width++) {
			struct chart_opts o = opts(2027 - years[k], 2026, width);
			struct chart c;
			layout(&o, NULL, 0, NULL, 0, &c);
			int step;
			int n = check_months(&c, years[k], &step);
			if (years[k] > 2)
				cr_assert(n == 0 || step == 3 || n == 1, "quarters beyond 2 years");
			if (years[k] <= 2 && width >= 80)
				cr_assert_gt(n, 0, "months labelled at width %d", width);
			struct word w[40];
			int nw = words(&c, 6, w, 40);
			for (int i = 0; i < nw; i++) {
				int y;
				bool mark = strcmp(w[i].text, "│") == 0;
				bool full = strlen(w[i].text) == 9 && schoolyear_parse(w[i].text, &y);
				bool brief = strlen(w[i].text) == 5 && w[i].text[2] == '-';
				cr_assert(mark || full || brief, "width %d: \"%s\"", width, w[i].text);
			}
			chart_free(&c);
		}
	}
}

/* ================================================================ edges */

Test(chart, ascii_only)
{
	static const char *const names[] = {"Niveau é", "Zoë 2", "漢字"};
	struct chart_opts o = opts(2025, 2026, 80);
	o.utf8 = false;
	o.nlevels = 3;
	o.level_names = names;
	struct chart_span sp[] = {
		{th_ymd(2025, 9, 1), th_ymd(2026, 1, 14), 1},
		{th_ymd(2026, 1, 15), th_ymd(2026, 9, 30), 3},
		{th_ymd(2026, 10, 1), DATE_NONE, 1},
	};
	struct chart_bar bars[] = {
		{th_ymd(2026, 1, 15), th_ymd(2026, 3, 12), "Één", true},
		{th_ymd(2026, 10, 1), DATE_NONE, "OPP", false},
	};
	struct chart c;
	layout(&o, sp, 3, bars, 2, &c);
	for (int y = 0; y < c.height; y++) {
		char *s = chart_row_text(&c, y);
		for (const char *p = s; *p; p++)
			cr_assert_lt((unsigned char)*p, 0x80, "row %d: \"%s\"", y, s);
		cr_assert_eq(strlen(s), 80, "one byte a column");
		free(s);
	}
	char *r0 = row(&c, 0);
	cr_assert(str_starts(r0, "      ?? |"), "[%s]", r0);
	free(r0);
	char *r2 = row(&c, 2);
	cr_assert(str_starts(r2, "Niveau ? |"), "[%s]", r2);
	free(r2);
	cr_assert_str_eq(ch(&c, 2, c.plot_x), " ");
	int x = col(&c, th_ymd(2026, 1, 15));
	cr_assert_str_eq(ch(&c, 2, x - 1), "-");
	cr_assert_str_eq(ch(&c, 2, x), "+");
	cr_assert_str_eq(ch(&c, 1, x), "|");
	cr_assert_str_eq(ch(&c, 0, x), "+");
	cr_assert_str_eq(ch(&c, 3, c.plot_x - 1), "+");
	cr_assert_str_eq(ch(&c, 3, c.plot_x), "-");
	cr_assert_str_eq(ch(&c, 3, col(&c, th_ymd(2025, 9, 1))), "+");
	cr_assert_str_eq(ch(&c, 3, col(&c, th_ymd(2026, 11, 23))), "^");
	cr_assert_str_eq(ch(&c, 5, col(&c, schoolyear_start(2026))), "|");
	cr_assert_str_eq(ch(&c, 6, x), "=");
	cr_assert_str_eq(ch(&c, 7, col(&c, th_ymd(2026, 10, 1))), "#");
	chart_free(&c);
}

Test(chart, text_in_cells)
{
	/* a combining accent is dropped, a double-width character shows as '?',
	 * an over-long name is cut to 12 columns */
	static const char *const names[] = {"Ne\xcc\x81", "Gespecialiseerde ondersteuning"};
	struct chart_opts o = opts(2026, 2026, 80);
	o.nlevels = 2;
	o.level_names = names;
	struct chart_bar bar = {th_ymd(2026, 9, 1), th_ymd(2026, 12, 31), "漢 ü", false};
	struct chart c;
	layout(&o, NULL, 0, &bar, 1, &c);
	cr_assert_eq(c.plot_x, 14);
	assert_row(&c, 0, "Gespecialise │");
	assert_row(&c, 1, "          Ne │");
	int x0 = col(&c, th_ymd(2026, 9, 1)), x1 = col(&c, th_ymd(2026, 12, 31));
	int lx = x0 + (x1 - x0 + 1 - 3) / 2;
	cr_assert_str_eq(ch(&c, 5, lx), "?");
	cr_assert_str_eq(ch(&c, 5, lx + 1), " ");
	cr_assert_str_eq(ch(&c, 5, lx + 2), "ü");
	chart_free(&c);
}

Test(chart, too_narrow)
{
	struct chart_opts o = opts(2026, 2026, 23);
	struct chart c;
	memset(&c, 0x5a, sizeof(c));
	cr_assert_not(chart_layout(&o, NULL, 0, NULL, 0, &c));
	cr_assert_eq(c.width, 0);
	cr_assert_eq(c.height, 0);
	cr_assert_null(c.cells);
	char *s = chart_row_text(&c, 0);
	cr_assert_str_eq(s, "");
	free(s);
	chart_free(&c);

	o.width = 24;
	layout(&o, NULL, 0, NULL, 0, &c);
	cr_assert_geq(c.plot_width, 12);
	cr_assert_eq(c.plot_x + c.plot_width, 24);
	chart_free(&c);

	o.nlevels = 0;
	cr_assert_not(chart_layout(&o, NULL, 0, NULL, 0, &c));
	cr_assert_null(c.cells);
}

Test(chart, years_clamp)
{
	int f, l;
	ibis_date today = th_ymd(2026, 11, 23);
	chart_years(DATE_NONE, today, 6, &f, &l);
	cr_assert(f == 2026 && l == 2026, "no episodes: this school year (%d-%d)", f, l);
	chart_years(th_ymd(2025, 3, 1), today, 6, &f, &l);
	cr_assert(f == 2024 && l == 2026, "%d-%d", f, l);
	chart_years(th_ymd(2026, 8, 1), today, 6, &f, &l);
	cr_assert(f == 2026 && l == 2026, "%d-%d", f, l);
	chart_years(th_ymd(2026, 7, 31), today, 6, &f, &l);
	cr_assert(f == 2025 && l == 2026, "%d-%d", f, l);
	chart_years(th_ymd(2010, 1, 1), today, 6, &f, &l);
	cr_assert(f == 2021 && l == 2026, "at most 6 years: %d-%d", f, l);
	chart_years(th_ymd(2020, 9, 1), today, 6, &f, &l);
	cr_assert(f == 2021 && l == 2026, "at most 6 years: %d-%d", f, l);
	chart_years(th_ymd(2021, 9, 1), today, 6, &f, &l);
	cr_assert(f == 2021 && l == 2026, "%d-%d", f, l);
	chart_years(th_ymd(2010, 1, 1), today, 2, &f, &l);
	cr_assert(f == 2025 && l == 2026, "%d-%d", f, l);
	chart_years(th_ymd(2010, 1, 1), today, 0, &f, &l);
	cr_assert(f == 2026 && l == 2026, "%d-%d", f, l);
	chart_years(th_ymd(2028, 1, 1), today, 6, &f, &l);
	cr_assert(f == 2026 && l == 2026, "a future episode: %d-%d", f, l);
	chart_years(th_ymd(2026, 1, 1), th_ymd(2027, 7, 31), 6, &f, &l);
	cr_assert(f == 2025 && l == 2026, "31 July ends a school year: %d-%d", f, l);
}
