/* chart.h - the layout of the level step chart, without a screen.
 *
 * The Tijdlijn screen, the Overzicht and the exports draw what this computes:
 * a grid of cells, each one character (UTF-8 box or block characters, or plain
 * ASCII when the locale cannot show them) plus the level it belongs to, for
 * colour. The chart reads without colour: the line itself is the level.
 *
 *           Laag 4 │
 *           Laag 3 │          ┌──────────
 *           Laag 2 │    ┌─────┘
 *           Laag 1 │────┘
 *                  └────┬─────┬─────┬────
 *                   aug  sep   okt   nov
 *                       2026-2027
 *             plans │    ▬▬▬OOP▬▬      (one row per plan, bars under the axis)
 *
 * The x axis runs from the start of the first school year shown to the end of
 * the last: months (labelled with their Dutch three-letter names) for up to 2
 * school years, quarters for more, school-year boundaries marked and labelled
 * ("2026-2027" or "26-27" where space is short). No ncurses here: everything
 * is unit-tested for 1, 2 and 6 school years.
 */
#ifndef IBIS_CHART_H
#define IBIS_CHART_H

#include <stdbool.h>

#include "ibis/date.h"

/* One level episode on the chart. end DATE_NONE: still open (drawn up to
 * today). */
struct chart_span {
	ibis_date start, end;
	int level;          /* 1 .. nlevels */
};

/* One plan bar under the chart. */
struct chart_bar {
	ibis_date start, end; /* end DATE_NONE: open (drawn up to today) */
	const char *label;    /* "OOP", written inside the bar when it fits */
	bool done;            /* evaluated or closed: drawn lighter (░ vs █) */
};

struct chart_opts {
	int first_year, last_year;  /* school years shown (first calendar year) */
	ibis_date today;            /* open spans and bars end here */
	int width;                  /* columns for the whole chart, labels included */
	int nlevels;                /* levels of the model (rows of the plot) */
	const char *const *level_names; /* nlevels short names for the y axis */
	bool utf8;                  /* box and block characters, else ASCII */
};

/* A cell: the UTF-8 text of one column (1 to 4 bytes + NUL) and the level
 * whose colour it takes (0 = none: axis, label, empty). */
struct chart_cell {
	char ch[5];
	unsigned char level;
	bool bar;                   /* part of a plan bar (drawn in the plan colour) */
	bool today;                 /* the column of today (may be marked); set in
				     * every row, the axis row shows ▲ / ^ there */
};

struct chart {
	int width, height;          /* cells per row, rows */
	struct chart_cell *cells;   /* height * width, row by row */
	int plot_x, plot_width;     /* columns of the time axis within a row */
	int first_bar_row;          /* row of the first plan bar; height when none */
	ibis_date from, to;         /* first and last day of the time axis */
};

/* The school years to show for episodes starting at `first` (DATE_NONE: none)
 * up to today: from the school year of the first episode (at most
 * max_years back from today's school year) to today's. max_years counts
 * today's school year too: 6 shows at most six school years. */
void chart_years(ibis_date first, ibis_date today, int max_years, int *first_year,
		 int *last_year);

/* Lay the chart out. Spans are given oldest first and may touch (a step on
 * the same day); spans and bars outside the years shown are clipped. The
 * number of rows is nlevels + 3 (axis, month labels, year labels) + nbars.
 * Returns false (and an empty chart) when width is too small to show
 * anything (fewer than 24 columns). Free with chart_free. */
bool chart_layout(const struct chart_opts *opt, const struct chart_span *spans, int nspans,
		  const struct chart_bar *bars, int nbars, struct chart *out);
void chart_free(struct chart *c);
/* The cell at row y, column x (no bounds check beyond an assert). */
const struct chart_cell *chart_at(const struct chart *c, int y, int x);
/* Row y as one UTF-8 string (for exports and tests). Caller frees. */
char *chart_row_text(const struct chart *c, int y);
/* The column of the plot for day d (clamped to the plot), counted from the
 * start of the row like chart_at's x: plot_x .. plot_x + plot_width - 1. */
int chart_column(const struct chart *c, ibis_date d);

#endif
