/* chart.c - see chart.h.
 *
 * Time maps linearly to plot columns by day number: column o of the plot holds
 * the days d with (d - from) * plot_width / ndays == o. The level line is
 * decided per column, from the level held on the last day of the column that
 * has one (a later span wins a day it shares with an earlier one, so a step or
 * a correction on one day ends at the new level). A column whose level differs
 * from the column before draws the step as a vertical from the old level to
 * the new one; levels visited and left within one column (a zero-length span)
 * leave no mark, as there is no column to show them in.
 *
 * Each cell holds exactly one terminal column. Text (level names, bar labels)
 * is cut into cells by a fixed table of zero-width and double-width code
 * points rather than wcwidth(), so that a layout, an export and the tests do
 * not depend on the locale: a zero-width mark is dropped, a double-width
 * character shows as '?', and in ASCII mode every non-ASCII character does.
 */
#include "ibis/chart.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ibis/text.h"
#include "ibis/util.h"

#define MIN_WIDTH 24  /* narrower than this shows nothing */
#define MIN_PLOT 12   /* columns the level labels always leave to the plot */
#define MAX_LABEL 12  /* widest level label (a model's kort is at most 12) */
#define MONTH_LABEL 3 /* "jan" */
#define MAX_YEARS 300 /* 1900..2199, the range of dates */

/* --------------------------------------------------------------- glyphs */

enum glyph {
	G_LINE,       /* level held */
	G_VERT,       /* between the two ends of a step */
	G_UP_FROM,    /* step up, at the old level */
	G_UP_TO,      /* step up, at the new level */
	G_DOWN_FROM,  /* step down, at the old level */
	G_DOWN_TO,    /* step down, at the new level */
	G_YAXIS,
	G_CORNER,     /* where the y axis meets the time axis */
	G_XAXIS,
	G_TICK,
	G_TODAY,
	G_YEAR_MARK,  /* school-year boundary in the year-label row */
	G_BAR_OPEN,
	G_BAR_DONE,
	G_COUNT
};

static const char *const glyph_utf8[G_COUNT] = {
	"─", "│", "┘", "┌", "┐", "└", "│", "└", "─", "┬", "▲", "│", "█", "░",
};
static const char *const glyph_ascii[G_COUNT] = {
	"-", "|", "+", "+", "+", "+", "|", "+", "-", "+", "^", "|", "#", "=",
};

static const char *const month_names[12] = {
	"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
};

/* ----------------------------------------------------------------- cells */

static struct chart_cell *cell(struct chart *c, int y, int x)
{
	assert(y >= 0 && y < c->height && x >= 0 && x < c->width);
	return &c->cells[(size_t)y * (size_t)c->width + (size_t)x];
}

static void put(struct chart *c, int y, int x, const char *s, int level)
{
	struct chart_cell *cl = cell(c, y, x);
	str_copy(cl->ch, s, sizeof(cl->ch));
	cl->level = (unsigned char)level;
}

static void put_glyph(struct chart *c, const struct chart_opts *opt, int y, int x,
		      enum glyph g, int level)
{
	put(c, y, x, opt->utf8 ? glyph_utf8[g] : glyph_ascii[g], level);
}

/* Columns a code point takes in a terminal, by a fixed table (see the top):
 * 0 for combining marks and invisible format characters, 2 for the East Asian
 * wide ranges and emoji, else 1. */
static int cp_columns(uint32_t cp)
{
	static const uint32_t zero[][2] = {
		{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
		{0x064B, 0x065F}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
		{0x2028, 0x202E}, {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F},
		{0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
	};
	static const uint32_t wide[][2] = {
		{0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF},
		{0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
		{0xFE30, 0xFE4F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
		{0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD},
	};
	for (size_t i = 0; i < ARRAY_LEN(zero); i++)
		if (cp >= zero[i][0] && cp <= zero[i][1])
			return 0;
	for (size_t i = 0; i < ARRAY_LEN(wide); i++)
		if (cp >= wide[i][0] && cp <= wide[i][1])
			return 2;
	return 1;
}

/* Cut s into one-column cells: store at most max of them in out (may be NULL
 * when max is 0) and return how many s needs in all. White space controls
 * become a space, other controls are dropped. */
static int text_cells(const char *s, bool utf8, char (*out)[5], int max)
{
	int n = 0;
	size_t len = s ? strlen(s) : 0;
	for (size_t i = 0; i < len;) {
		size_t cl;
		uint32_t cp = utf8_decode(s + i, len - i, &cl);
		i += cl;
		char buf[5] = "";
		if (cp == '\t' || cp == '\n' || cp == '\r')
			buf[0] = ' ';
		else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			continue;
		else if (cp < 0x80)
			buf[0] = (char)cp;
		else {
			int w = cp_columns(cp);
			if (w == 0)
				continue;
			if (!utf8 || w != 1)
				buf[0] = '?';
			else
				buf[utf8_encode(cp, buf)] = '\0';
		}
		if (out && n < max)
			memcpy(out[n], buf, sizeof(buf));
		n++;
	}
	return n;
}

/* Write the first n cells of text at row y from column x. */
static void put_cells(struct chart *c, int y, int x, char (*text)[5], int n, bool bar)
{
	for (int i = 0; i < n; i++) {
		struct chart_cell *cl = cell(c, y, x + i);
		memcpy(cl->ch, text[i], sizeof(cl->ch));
		cl->level = 0;
		cl->bar = bar;
	}
}

/* ------------------------------------------------------------------ time */

static long long chart_days(const struct chart *c)
{
	return (long long)c->to - c->from + 1;
}

/* The first day of plot column o (0 .. plot_width; plot_width gives the day
 * after the axis). */
static ibis_date column_first_day(const struct chart *c, int o)
{
	long long nd = chart_days(c);
	return (ibis_date)(c->from + ((long long)o * nd + c->plot_width - 1) / c->plot_width);
}

int chart_column(const struct chart *c, ibis_date d)
{
	if (c->plot_width <= 0)
		return c->plot_x;
	if (d == DATE_NONE || d < c->from)
		d = c->from;
	if (d > c->to)
		d = c->to;
	return c->plot_x + (int)((long long)(d - c->from) * c->plot_width / chart_days(c));
}

void chart_years(ibis_date first, ibis_date today, int max_years, int *first_year,
		 int *last_year)
{
	if (today == DATE_NONE)
		today = date_today();
	int last = schoolyear_of(today);
	int from = first == DATE_NONE ? last : schoolyear_of(first);
	if (max_years < 1)
		max_years = 1;
	if (from > last)
		from = last;
	if (from < last - (max_years - 1))
		from = last - (max_years - 1);
	*first_year = from;
	*last_year = last;
}

/* ------------------------------------------------------------ the line */

/* A span as drawn: open and reversed ends resolved. */
struct span_days {
	ibis_date start, end;
	int level;
};

/* Level of plot column o: that of the span holding the column's last day
 * with any level (the later span on a shared day); 0 when none. */
static int column_level(const struct chart *c, const struct span_days *sp, int n, int o)
{
	ibis_date lo = column_first_day(c, o);
	ibis_date hi = column_first_day(c, o + 1) - 1;
	int level = 0;
	ibis_date best = DATE_NONE;
	for (int i = 0; i < n; i++) {
		if (sp[i].start > hi || sp[i].end < lo)
			continue;
		ibis_date last = sp[i].end < hi ? sp[i].end : hi;
		if (last >= best) {
			best = last;
			level = sp[i].level;
		}
	}
	return level;
}

static void draw_line(struct chart *c, const struct chart_opts *opt,
		      const struct chart_span *spans, int nspans)
{
	struct span_days *sp = xcalloc(nspans > 0 ? (size_t)nspans : 1, sizeof(*sp));
	int n = 0;
	ibis_date open_end = opt->today != DATE_NONE ? opt->today : c->to;
	for (int i = 0; i < nspans; i++) {
		const struct chart_span *s = &spans[i];
		if (s->start == DATE_NONE || s->level < 1 || s->level > opt->nlevels)
			continue;
		sp[n].start = s->start;
		sp[n].end = s->end == DATE_NONE ? open_end : s->end;
		if (sp[n].end < sp[n].start)
			sp[n].end = sp[n].start;
		sp[n].level = s->level;
		n++;
	}

	int prev = 0;
	for (int o = 0; o < c->plot_width; o++) {
		int level = column_level(c, sp, n, o);
		int x = c->plot_x + o;
		int row = opt->nlevels - level;
		if (level == 0) {
			/* a gap between episodes (or before the first): nothing */
		} else if (prev == 0 || prev == level) {
			put_glyph(c, opt, row, x, G_LINE, level);
		} else {
			bool up = level > prev;
			put_glyph(c, opt, opt->nlevels - prev, x, up ? G_UP_FROM : G_DOWN_FROM, prev);
			int lo = up ? prev : level, hi = up ? level : prev;
			for (int l = lo + 1; l < hi; l++)
				put_glyph(c, opt, opt->nlevels - l, x, G_VERT, l);
			put_glyph(c, opt, row, x, up ? G_UP_TO : G_DOWN_TO, level);
		}
		prev = level;
	}
	free(sp);
}

/* ---------------------------------------------------------- axis, labels */

/* The level labels, right-aligned in columns 0 .. labw - 1, and the y axis. */
static void draw_levels(struct chart *c, const struct chart_opts *opt, int labw)
{
	char(*text)[5] = xcalloc((size_t)labw, sizeof(*text));
	for (int level = 1; level <= opt->nlevels; level++) {
		int row = opt->nlevels - level;
		const char *name = opt->level_names ? opt->level_names[level - 1] : NULL;
		char num[16];
		if (!name) {
			snprintf(num, sizeof(num), "%d", level);
			name = num;
		}
		int n = text_cells(name, opt->utf8, text, labw);
		if (n > labw)
			n = labw;
		put_cells(c, row, labw - n, text, n, false);
		put_glyph(c, opt, row, c->plot_x - 1, G_YAXIS, 0);
	}
	free(text);
}

/* True when labels of width w at the starts cols[0], cols[step], ... each fit
 * before the next (with a space between) and before the end of the plot. */
static bool labels_fit(const int *cols, int n, int step, int w, int end)
{
	for (int i = 0; i < n; i += step) {
		bool last = i + step >= n;
		int next = last ? end : cols[i + step];
		if (next - cols[i] < w + (last ? 0 : 1))
			return false;
	}
	return true;
}

/* True when ticks at cols[0], cols[step], ... are never next to each other. */
static bool ticks_apart(const int *cols, int n, int step)
{
	for (int i = 0; i + step < n; i += step)
		if (cols[i + step] - cols[i] < 2)
			return false;
	return true;
}

/* The axis row with its ticks and today's mark, and the month labels: every
 * month, every other month or every quarter for up to 2 school years, quarters
 * for more, whichever first fits without two labels touching; none when even
 * quarters do not fit (the year row still names the years). */
static void draw_axis(struct chart *c, const struct chart_opts *opt, int nyears)
{
	int axis = opt->nlevels, mrow = axis + 1;
	int nmonths = 12 * nyears;
	int end = c->plot_x + c->plot_width;
	int *cols = xcalloc((size_t)nmonths, sizeof(*cols));
	for (int i = 0; i < nmonths; i++)
		cols[i] = chart_column(c, date_add_months(c->from, i));

	static const int month_steps[] = {1, 2, 3};
	int label_step = 0;
	for (size_t k = nyears <= 2 ? 0 : 2; k < ARRAY_LEN(month_steps); k++) {
		if (labels_fit(cols, nmonths, month_steps[k], MONTH_LABEL, end)) {
			label_step = month_steps[k];
			break;
		}
	}
	int tick_step = 12;
	if (ticks_apart(cols, nmonths, 1))
		tick_step = 1;
	else if (label_step && ticks_apart(cols, nmonths, label_step))
		tick_step = label_step;

	put_glyph(c, opt, axis, c->plot_x - 1, G_CORNER, 0);
	for (int x = c->plot_x; x < end; x++)
		put_glyph(c, opt, axis, x, G_XAXIS, 0);
	/* the first month starts at the corner: no tick of its own */
	for (int i = tick_step; i < nmonths; i += tick_step)
		put_glyph(c, opt, axis, cols[i], G_TICK, 0);

	for (int i = 0; label_step && i < nmonths; i += label_step)
		for (int k = 0; k < MONTH_LABEL; k++) {
			char ch[2] = {month_names[(7 + i) % 12][k], '\0'};
			put(c, mrow, cols[i] + k, ch, 0);
		}
	free(cols);

	if (opt->today != DATE_NONE && opt->today >= c->from && opt->today <= c->to) {
		int x = chart_column(c, opt->today);
		put_glyph(c, opt, axis, x, G_TODAY, 0);
		for (int y = 0; y < c->height; y++)
			cell(c, y, x)->today = true;
	}
}

/* The school-year labels, centred between the boundary marks and never
 * touching one: "2026-2027" when every year has room for it, else "26-27"
 * where that fits. */
static void draw_years(struct chart *c, const struct chart_opts *opt, int nyears)
{
	int row = opt->nlevels + 2;
	int end = c->plot_x + c->plot_width;
	int *lo = xcalloc((size_t)nyears, sizeof(*lo));
	int *hi = xcalloc((size_t)nyears, sizeof(*hi));
	for (int j = 0; j < nyears; j++) {
		int start = chart_column(c, schoolyear_start(opt->first_year + j));
		lo[j] = j > 0 ? start + 1 : start;
		if (j > 0) {
			put_glyph(c, opt, row, start, G_YEAR_MARK, 0);
			hi[j - 1] = start;
		}
	}
	hi[nyears - 1] = end;

	/* a space between a label and a boundary mark */
	for (int j = 0; j < nyears; j++) {
		if (j > 0)
			lo[j]++;
		if (j < nyears - 1)
			hi[j]--;
	}
	char full[16], brief[16];
	bool all_full = true;
	for (int j = 0; j < nyears; j++)
		if (hi[j] - lo[j] < 9)
			all_full = false;
	for (int j = 0; j < nyears; j++) {
		int y = opt->first_year + j;
		const char *text;
		if (all_full) {
			text = schoolyear_format(y, full);
		} else {
			snprintf(brief, sizeof(brief), "%02d-%02d", y % 100, (y + 1) % 100);
			text = brief;
		}
		int w = (int)strlen(text);
		if (hi[j] - lo[j] < w)
			continue;
		int x = lo[j] + (hi[j] - lo[j] - w) / 2;
		for (int k = 0; k < w; k++) {
			char ch[2] = {text[k], '\0'};
			put(c, row, x + k, ch, 0);
		}
	}
	free(lo);
	free(hi);
}

/* ------------------------------------------------------------------ bars */

static void draw_bar(struct chart *c, const struct chart_opts *opt, int row,
		     const struct chart_bar *b)
{
	ibis_date start = b->start == DATE_NONE ? c->from : b->start;
	ibis_date stop = b->end;
	if (stop == DATE_NONE)
		stop = opt->today != DATE_NONE ? opt->today : c->to;
	if (stop < start)
		stop = start;
	if (stop < c->from || start > c->to)
		return; /* wholly outside the years shown */
	int x0 = chart_column(c, start), x1 = chart_column(c, stop);
	for (int x = x0; x <= x1; x++) {
		put_glyph(c, opt, row, x, b->done ? G_BAR_DONE : G_BAR_OPEN, 0);
		cell(c, row, x)->bar = true;
	}

	int len = x1 - x0 + 1;
	int room = c->plot_x + c->plot_width - (x1 + 2); /* after the bar and a space */
	int max = len > room ? len : room;
	if (max <= 0)
		return;
	char(*text)[5] = xcalloc((size_t)max, sizeof(*text));
	int n = text_cells(b->label, opt->utf8, text, max);
	if (n > 0 && n + 2 <= len)
		put_cells(c, row, x0 + (len - n) / 2, text, n, true);
	else if (n > 0 && n <= room)
		put_cells(c, row, x1 + 2, text, n, false);
	free(text);
}

/* ---------------------------------------------------------------- layout */

bool chart_layout(const struct chart_opts *opt, const struct chart_span *spans, int nspans,
		  const struct chart_bar *bars, int nbars, struct chart *out)
{
	memset(out, 0, sizeof(*out));
	out->from = out->to = DATE_NONE;
	if (!opt || opt->width < MIN_WIDTH || opt->nlevels < 1 || opt->nlevels > 255)
		return false;
	int first = opt->first_year, last = opt->last_year;
	if (last < first)
		last = first;
	if (last - first + 1 > MAX_YEARS)
		return false;
	ibis_date from = schoolyear_start(first), to = schoolyear_end(last);
	if (from == DATE_NONE || to == DATE_NONE)
		return false;
	if (nspans < 0 || !spans)
		nspans = 0;
	if (nbars < 0 || !bars)
		nbars = 0;
	int nyears = last - first + 1;

	/* the label column: as wide as the widest name, within limits */
	int labw = 1;
	for (int level = 1; level <= opt->nlevels; level++) {
		const char *name = opt->level_names ? opt->level_names[level - 1] : NULL;
		int w = name ? text_cells(name, opt->utf8, NULL, 0) : snprintf(NULL, 0, "%d", level);
		if (w > labw)
			labw = w;
	}
	if (labw > MAX_LABEL)
		labw = MAX_LABEL;
	if (labw > opt->width - 2 - MIN_PLOT)
		labw = opt->width - 2 - MIN_PLOT;

	struct chart *c = out;
	c->width = opt->width;
	c->height = opt->nlevels + 3 + nbars;
	c->first_bar_row = opt->nlevels + 3;
	c->from = from;
	c->to = to;
	c->plot_x = labw + 2; /* label, a space, the y axis */
	c->plot_width = c->width - c->plot_x;
	/* never more columns than days, so that every column holds a day */
	if ((long long)c->plot_width > chart_days(c))
		c->plot_width = (int)chart_days(c);
	c->cells = xcalloc((size_t)c->width * (size_t)c->height, sizeof(*c->cells));
	for (size_t i = 0; i < (size_t)c->width * (size_t)c->height; i++)
		c->cells[i].ch[0] = ' ';

	struct chart_opts o = *opt;
	o.first_year = first;
	o.last_year = last;
	draw_levels(c, &o, labw);
	draw_line(c, &o, spans, nspans);
	for (int i = 0; i < nbars; i++)
		draw_bar(c, &o, c->first_bar_row + i, &bars[i]);
	draw_years(c, &o, nyears);
	/* last: today's column spans every row, bars included */
	draw_axis(c, &o, nyears);
	return true;
}

void chart_free(struct chart *c)
{
	if (!c)
		return;
	free(c->cells);
	memset(c, 0, sizeof(*c));
	c->from = c->to = DATE_NONE;
}

const struct chart_cell *chart_at(const struct chart *c, int y, int x)
{
	assert(y >= 0 && y < c->height && x >= 0 && x < c->width);
	return &c->cells[(size_t)y * (size_t)c->width + (size_t)x];
}

/* Every cell, trailing blanks included, so that a row is as wide as the
 * chart; "" for a row that does not exist. */
char *chart_row_text(const struct chart *c, int y)
{
	struct strbuf sb = {0};
	if (y >= 0 && y < c->height)
		for (int x = 0; x < c->width; x++)
			sb_add(&sb, chart_at(c, y, x)->ch);
	return sb_take(&sb);
}
