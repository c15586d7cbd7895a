/* overzicht.c - Overzicht: how the pupils of a school (or of every school)
 * spread over the levels of the school's model.
 *
 * Part 1, "Niveaus per groep": one row per group on a day (today, or 30 July
 * for an earlier school year) with a stacked bar and the counts per level.
 * Part 2, "Aantal leerlingen per niveau door het schooljaar": the counts on
 * the first of every month of the school year so far, each month with a bar
 * of its own. Both are read once when the school or the school year changes
 * (two queries, db_report.h), never on a redraw.
 *
 * A bar segment is drawn with its level's digit in reverse video of the
 * level's colour: the digit makes it read without colour (NO_COLOR, a
 * monochrome terminal, a printout of the screen), the colour makes it read at
 * a glance. When both parts fit the window they are shown together; else Tab
 * switches between them.
 */
#include "tui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ibis/app.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/db_report.h"
#include "ibis/db_school.h"
#include "ibis/domain.h"
#include "ibis/levelmodel.h"
#include "ibis/records.h"

#define MAX_LEVEL 9
/* Part 1 shares the window with part 2 only when this many groups (or all of
 * them, when fewer) stay visible; below that, Tab shows one part at a time. */
#define MIN_GROUP_ROWS 8

/* A line of part 1: a group (row >= 0) or, with every school shown, the
 * heading of a school (row < 0; heading names the first row of that school). */
struct ov_line {
	int row;
	int heading;
};

struct overzicht {
	struct school *schools;
	int nschools;
	int school;             /* index in schools; -1 = every school */
	int year;               /* the school year shown */
	ibis_date day;          /* the day of part 1 */

	struct level_row *rows;
	int nrows;
	int months[12][10];
	int nmonths;
	bool loaded;
	unsigned changes;       /* tui changes seen */

	/* Derived from the data when it is read. */
	struct ov_line *lines;
	int nlines;
	int maxlevel;           /* level columns 1..maxlevel */
	bool has_none;          /* some pupils have no level: a column for them */
	int totals[10];
	int grand;
	int max_group;          /* the largest group total: the scale of part 1 */
	int max_month;          /* the largest month total: the scale of part 2 */
	int label_w;            /* the width of the group / month column */
	int count_w, total_w;   /* of a level column and of the total column */
	const struct level_model *model; /* of the legend; NULL when the schools shown
					  * have different models (or an unknown one) */
	bool mixed;             /* the schools shown use different models */

	struct list list;       /* the lines of part 1 (scrolled, no cursor) */
	int part;               /* 0 or 1: the part shown when only one fits */
	bool both;              /* the last draw showed both parts */
};

enum {
	OV_UP = 1, OV_DOWN, OV_PGUP, OV_PGDN, OV_HOME, OV_END,
	OV_PART, OV_PREV_YEAR, OV_NEXT_YEAR, OV_SCHOOL,
};

/* ============================================================= key tables */

#define OV_KEYS \
	{ OV_PREV_YEAR, { '<', '[', TK_LEFT }, "Eerder", "Het vorige schooljaar" }, \
	{ OV_NEXT_YEAR, { '>', ']', TK_RIGHT }, "Later", \
	  "Het volgende schooljaar (tot en met het huidige)" }, \
	{ OV_SCHOOL, { 's' }, "School", \
	  "Een andere school kiezen, of alle scholen samen (als er meer dan één is)" }, \
	{ OV_UP, { TK_UP, 'k' }, NULL, "De groepen een regel omhoog schuiven" }, \
	{ OV_DOWN, { TK_DOWN, 'j' }, NULL, "De groepen een regel omlaag schuiven" }, \
	{ OV_PGUP, { TK_PGUP }, NULL, "De groepen een pagina omhoog" }, \
	{ OV_PGDN, { TK_PGDN, ' ' }, NULL, "De groepen een pagina omlaag" }, \
	{ OV_HOME, { TK_HOME, 'g' }, NULL, "Naar de eerste groep" }, \
	{ OV_END, { TK_END, 'G' }, NULL, "Naar de laatste groep" }

/* Both parts on the screen. */
static const struct keydef both_keys[] = {
	OV_KEYS,
	{ 0, { 0 }, NULL, NULL },
};

/* One part at a time: Tab switches. */
static const struct keydef split_keys[] = {
	{ OV_PART, { TK_TAB, TK_BTAB }, "Deel",
	  "Wisselen tussen deel 1 (niveaus per groep) en deel 2 (door het schooljaar), "
	  "als ze niet samen op het scherm passen" },
	OV_KEYS,
	{ 0, { 0 }, NULL, NULL },
};

#undef OV_KEYS

static const struct keydef *const overzicht_tables[] = { split_keys, both_keys, NULL };

/* ================================================================ loading */

static ibis_id school_id(const struct overzicht *o)
{
	return o->school >= 0 && o->school < o->nschools ? o->schools[o->school].id : 0;
}

static const char *school_name(const struct overzicht *o)
{
	if (o->nschools == 0)
		return "geen school";
	if (o->school < 0)
		return "alle scholen";
	return o->schools[o->school].name ? o->schools[o->school].name : "";
}

static void data_free(struct overzicht *o)
{
	level_rows_free(o->rows, o->nrows);
	o->rows = NULL;
	o->nrows = 0;
	free(o->lines);
	o->lines = NULL;
	o->nlines = 0;
	memset(o->months, 0, sizeof(o->months));
	o->nmonths = 0;
}

static const struct level_model *model_of(struct tui *t, const char *id)
{
	return id ? domain_model(&t->app->dom, id) : NULL;
}

/* The model of the legend and the number of level columns: the models of the
 * schools shown, and any level found above them (a pupil whose level does
 * not fit the model still counts, in a column of its own). */
static void derive_levels(struct overzicht *o, struct tui *t)
{
	const struct level_model *first = NULL;
	bool any = false;

	o->model = NULL;
	o->mixed = false;
	o->maxlevel = 0;
	for (int i = 0; i < o->nschools; i++) {
		if (o->school >= 0 && i != o->school)
			continue;
		const struct level_model *m = model_of(t, o->schools[i].level_model);
		if (m && m->nlevels > o->maxlevel)
			o->maxlevel = m->nlevels;
		if (!any)
			first = m;
		else if (m != first)
			o->mixed = true;
		any = true;
	}
	o->model = o->mixed ? NULL : first;
	/* No school yet: the names of the model a new school would get. */
	if (!o->model && !o->mixed && t->app->cfg.level_model && o->nschools == 0)
		o->model = model_of(t, t->app->cfg.level_model);
	for (int k = 0; k <= MAX_LEVEL; k++) {
		bool seen = o->totals[k] > 0;
		for (int m = 0; m < o->nmonths && !seen; m++)
			seen = o->months[m][k] > 0;
		if (!seen)
			continue;
		if (k == 0)
			o->has_none = true;
		else if (k > o->maxlevel)
			o->maxlevel = k;
	}
	if (o->maxlevel < 1)
		o->maxlevel = 1;
}

static int count_cols(int n)
{
	char buf[32];

	return text_cols(format_count(n, buf, sizeof(buf)));
}

/* Everything the draw needs that follows from the data alone. */
static void derive(struct overzicht *o, struct tui *t)
{
	int maxcount = 0;

	memset(o->totals, 0, sizeof(o->totals));
	o->grand = o->max_group = o->max_month = 0;
	o->has_none = false;
	o->label_w = 8; /* "aug 2026" */
	for (int i = 0; i < o->nrows; i++) {
		const struct level_row *r = &o->rows[i];
		for (int k = 0; k <= MAX_LEVEL; k++)
			o->totals[k] += r->counts[k];
		o->grand += r->total;
		if (r->total > o->max_group)
			o->max_group = r->total;
		int w = text_cols(r->group ? r->group : "zonder groep");
		if (w > o->label_w)
			o->label_w = w;
	}
	if (o->label_w > 14)
		o->label_w = 14;
	for (int m = 0; m < o->nmonths; m++) {
		int sum = 0;
		for (int k = 0; k <= MAX_LEVEL; k++) {
			sum += o->months[m][k];
			if (o->months[m][k] > maxcount)
				maxcount = o->months[m][k];
		}
		if (sum > o->max_month)
			o->max_month = sum;
	}
	for (int k = 0; k <= MAX_LEVEL; k++)
		if (o->totals[k] > maxcount)
			maxcount = o->totals[k];
	derive_levels(o, t);

	o->count_w = count_cols(maxcount) + 1;
	if (o->count_w < 4)
		o->count_w = 4;
	int tw = count_cols(o->grand > o->max_month ? o->grand : o->max_month);
	o->total_w = (tw > 6 ? tw : 6) + 1;

	/* The lines of part 1: with every school shown, a heading before the
	 * groups of each school. */
	o->lines = xcalloc((size_t)(2 * o->nrows + 1), sizeof(*o->lines));
	o->nlines = 0;
	for (int i = 0; i < o->nrows; i++) {
		if (o->school < 0 && (i == 0 || o->rows[i].school_id != o->rows[i - 1].school_id))
			o->lines[o->nlines++] = (struct ov_line){ .row = -1, .heading = i };
		o->lines[o->nlines++] = (struct ov_line){ .row = i, .heading = -1 };
	}
	list_set_count(&o->list, o->nlines);
}

/* Read both parts for the school and school year. Known even after a
 * failure, so that the error shows once rather than on every draw. */
static void load(struct overzicht *o, struct tui *t)
{
	struct ibis_error err;
	ibis_date today = date_today();

	data_free(o);
	o->loaded = true;
	o->changes = t->changes;
	/* An earlier year is counted on its last day but one: pupils leaving
	 * with the jaarovergang are gone on 31 July itself. */
	o->day = o->year >= schoolyear_of(today) ? today
						 : date_add_days(schoolyear_end(o->year), -1);
	if (o->nschools > 0) {
		if (db_report_levels(t->app->db, school_id(o), o->day, &o->rows, &o->nrows, &err) !=
		    IBIS_OK) {
			tui_report(t, &err);
			o->rows = NULL;
			o->nrows = 0;
		} else if (db_report_level_months(t->app->db, school_id(o), o->year, o->day,
						  o->months, &o->nmonths, &err) != IBIS_OK) {
			tui_report(t, &err);
			memset(o->months, 0, sizeof(o->months));
			o->nmonths = 0;
		}
	}
	if (o->nmonths < 0)
		o->nmonths = 0;
	if (o->nmonths > 12)
		o->nmonths = 12;
	derive(o, t);
}

/* ================================================================== enter */

static int overzicht_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct overzicht *o = s->state;
	struct ibis_error err;

	(void)arg;
	o->list.height = 1;
	o->year = schoolyear_of(date_today());
	if (db_school_list(t->app->db, &o->schools, &o->nschools, &err) != IBIS_OK) {
		tui_report(t, &err);
		return TR_POP;
	}
	/* One school to begin with, not all of them: that is what an IB'er
	 * looks at, and the cheapest to read on a board's database. */
	o->school = o->nschools > 0 ? 0 : -1;
	load(o, t);
	return TR_REDRAW;
}

static void overzicht_leave(struct screen *s, struct tui *t)
{
	struct overzicht *o = s->state;

	(void)t;
	data_free(o);
	schools_free(o->schools, o->nschools);
}

/* =================================================================== bars */

/* The cells of a stacked bar: len columns shared over the levels by count,
 * every level present getting at least one cell while there is room (one
 * pupil at SO must show), the rest by largest remainder. cells[k] for level
 * k (0 = no level). */
static void bar_cells(const int counts[10], int total, int len, int cells[10])
{
	int present = 0, used = 0;
	long long rest[10];

	memset(cells, 0, 10 * sizeof(*cells));
	if (total <= 0 || len <= 0)
		return;
	for (int k = 0; k <= MAX_LEVEL; k++)
		if (counts[k] > 0)
			present++;
	int base = present <= len ? 1 : 0;
	int share = len - base * present;
	for (int k = 0; k <= MAX_LEVEL; k++) {
		if (counts[k] <= 0) {
			rest[k] = -1;
			continue;
		}
		long long num = (long long)counts[k] * share;
		cells[k] = base + (int)(num / total);
		rest[k] = num % total;
		used += cells[k];
	}
	while (used < len) {
		int best = -1;
		for (int k = 0; k <= MAX_LEVEL; k++)
			if (rest[k] >= 0 && (best < 0 || rest[k] > rest[best]))
				best = k;
		if (best < 0)
			break;
		cells[best]++;
		rest[best] = -1;
		used++;
	}
}

/* The attribute of a level's bar cells: its colour reversed, so the bar is
 * a solid block with the digit in it. */
static attr_t level_attr(const struct tui *t, int level)
{
	return role_attr(t, level_role(level)) | A_REVERSE;
}

/* Draw a bar of total pupils (counts by level) at y,x, scaled so that scale
 * pupils fill width columns. */
static void draw_bar(struct tui *t, int y, int x, int width, const int counts[10], int total,
		     int scale)
{
	int cells[10];
	char digit[2] = { 0, 0 };

	if (width <= 0 || total <= 0 || scale <= 0)
		return;
	int len = (int)(((long long)total * width + scale / 2) / scale);
	if (len < 1)
		len = 1;
	if (len > width)
		len = width;
	bar_cells(counts, total, len, cells);
	for (int k = 1; k <= MAX_LEVEL; k++) {
		if (cells[k] <= 0)
			continue;
		digit[0] = (char)('0' + k);
		attr_t a = level_attr(t, k);
		for (int i = 0; i < cells[k]; i++)
			draw_text(y, x + i, 1, digit, a);
		x += cells[k];
	}
	for (int i = 0; i < cells[0]; i++)
		draw_text(y, x + i, 1, t->utf8 ? "·" : ".", role_attr(t, ROLE_DIM));
}

/* ================================================================== layout */

/* Columns shared by both parts: label, bar, one column per level (and one
 * for "no level" when there are such pupils), total. */
struct columns {
	int label_x, label_w;
	int bar_x, bar_w;
	int level_x;            /* the first level column */
	int none_x;             /* -1 when there is no such column */
	int total_x;
};

static struct columns layout(const struct overzicht *o)
{
	struct columns c;
	int ncols = o->maxlevel + (o->has_none ? 1 : 0);

	c.label_x = 1;
	c.label_w = o->label_w;
	c.total_x = COLS - 1 - o->total_w;
	c.level_x = c.total_x - ncols * o->count_w;
	c.none_x = o->has_none ? c.level_x + o->maxlevel * o->count_w : -1;
	c.bar_x = c.label_x + c.label_w + 1;
	c.bar_w = c.level_x - 1 - c.bar_x;
	if (c.bar_w < 4)
		c.bar_w = 0;
	return c;
}

/* n right-aligned in the width columns that end at x + width. */
static void draw_count(int y, int x, int width, int n, attr_t a)
{
	char buf[32];
	int w = text_cols(format_count(n, buf, sizeof(buf)));

	if (w > width)
		w = width;
	draw_text(y, x + width - w, w, buf, a);
}

static void draw_right(int y, int x, int width, const char *s, attr_t a)
{
	int w = text_cols(s);

	if (w > width)
		w = width;
	draw_text(y, x + width - w, w, s, a);
}

/* The column headings: label, bar, the level numbers, the total. */
static void draw_headings(struct overzicht *o, struct tui *t, const struct columns *c, int y,
			  const char *label, const char *bar)
{
	attr_t ha = role_attr(t, ROLE_COLUMNS);
	char num[12]; /* any int */

	draw_text(y, c->label_x, c->label_w, label, ha);
	if (c->bar_w > 0)
		draw_text(y, c->bar_x, c->bar_w, bar, ha);
	for (int k = 1; k <= o->maxlevel; k++) {
		snprintf(num, sizeof(num), "%d", k);
		draw_right(y, c->level_x + (k - 1) * o->count_w, o->count_w, num, ha);
	}
	if (c->none_x >= 0)
		draw_right(y, c->none_x, o->count_w, t->utf8 ? "–" : "-", ha);
	draw_right(y, c->total_x, o->total_w, "Totaal", ha);
}

/* The counts and the total of one row. */
static void draw_counts(struct overzicht *o, struct tui *t, const struct columns *c, int y,
			const int counts[10], int total, attr_t a)
{
	for (int k = 1; k <= o->maxlevel; k++)
		draw_count(y, c->level_x + (k - 1) * o->count_w, o->count_w, counts[k],
			   counts[k] ? a : role_attr(t, ROLE_DIM));
	if (c->none_x >= 0)
		draw_count(y, c->none_x, o->count_w, counts[0],
			   counts[0] ? a : role_attr(t, ROLE_DIM));
	draw_count(y, c->total_x, o->total_w, total, a);
}

/* ================================================================== legend */

/* One entry of the legend: the cell sample and its words. */
struct legend_item {
	int level;              /* 0 = no level */
	char *words;
};

static int legend_items(struct overzicht *o, struct legend_item *out)
{
	int n = 0;

	for (int k = 1; k <= o->maxlevel; k++) {
		const struct level *l = o->model ? levelmodel_level(o->model, k) : NULL;
		out[n].level = k;
		if (l && l->short_name)
			out[n].words = xstrdup(l->short_name);
		else if (o->model)
			out[n].words = xasprintf("niveau %d (buiten het model)", k);
		else
			out[n].words = xasprintf("niveau %d", k);
		n++;
	}
	if (o->has_none)
		out[n++] = (struct legend_item){ .level = 0, .words = xstrdup("geen niveau") };
	return n;
}

/* The legend's lead: which model the names come from. Caller frees. */
static char *legend_lead(const struct overzicht *o)
{
	if (o->mixed)
		return xstrdup("Niveaus (de scholen hebben elk hun eigen model):");
	if (o->model && o->model->name)
		return xasprintf("%s:", o->model->name);
	return xstrdup("Niveaus:");
}

/* Lay the legend out in width columns from x, and draw it from row y when
 * draw is set. Returns the rows it takes. */
static int legend(struct overzicht *o, struct tui *t, int y, bool draw)
{
	struct legend_item items[11];
	int n = legend_items(o, items);
	char *lead = legend_lead(o);
	int x0 = 1, right = COLS - 1;
	int x = x0, rows = 1;
	attr_t la = role_attr(t, ROLE_LABEL);

	if (draw)
		draw_text(y, x, right - x, lead, la);
	x += text_cols(lead) + 1;
	for (int i = 0; i < n; i++) {
		/* "1 Laag 1" with the digit drawn as in the bars. */
		int w = 2 + text_cols(items[i].words);
		if (x > x0 && x + w > right) {
			rows++;
			x = x0 + 2;
		}
		if (draw) {
			int yy = y + rows - 1;
			char digit[2] = { (char)('0' + items[i].level), 0 };
			if (items[i].level > 0)
				draw_text(yy, x, 1, digit, level_attr(t, items[i].level));
			else
				draw_text(yy, x, 1, t->utf8 ? "·" : ".", role_attr(t, ROLE_DIM));
			draw_text(yy, x + 2, right - x - 2, items[i].words, role_attr(t, ROLE_NORMAL));
		}
		x += w + 2;
		free(items[i].words);
	}
	free(lead);
	return rows;
}

/* ================================================================== part 1 */

static void draw_group_line(struct overzicht *o, struct tui *t, const struct columns *c, int y,
			    const struct ov_line *l)
{
	if (l->row < 0) {
		const struct level_row *r = &o->rows[l->heading];
		const struct level_model *m = model_of(t, r->level_model);
		char *h = m && m->name ? xasprintf("%s · %s", r->school ? r->school : "", m->name)
				      : xstrdup(r->school ? r->school : "");
		draw_text(y, c->label_x, COLS - 2, h, role_attr(t, ROLE_LABEL));
		free(h);
		return;
	}
	const struct level_row *r = &o->rows[l->row];
	attr_t a = role_attr(t, ROLE_NORMAL);
	draw_text(y, c->label_x, c->label_w, r->group ? r->group : "zonder groep",
		  r->group ? a : role_attr(t, ROLE_DIM));
	draw_bar(t, y, c->bar_x, c->bar_w, r->counts, r->total, o->max_group);
	draw_counts(o, t, c, y, r->counts, r->total, a);
}

/* Part 1 from row y in height rows (title, headings, the groups, the total).
 * Returns the rows used. */
static int draw_part1(struct overzicht *o, struct tui *t, const struct columns *c, int y,
		      int height)
{
	char d[DATE_NL_LEN];
	int y0 = y;
	int list_h = height - 3;

	if (list_h < 1)
		list_h = 1;
	char *title = xasprintf("Niveaus per groep op %s", date_format_nl(o->day, d));
	draw_text(y, 1, COLS - 24, title, role_attr(t, ROLE_LABEL));
	free(title);
	list_set_height(&o->list, list_h);
	if (o->nlines > list_h) {
		int last = o->list.top + list_h < o->nlines ? o->list.top + list_h : o->nlines;
		char *pos = xasprintf("regel %d%s%d van %d", o->list.top + 1, t->utf8 ? "–" : "-",
				      last, o->nlines);
		draw_right(y, COLS - 22, 21, pos, role_attr(t, ROLE_DIM));
		free(pos);
	}
	y++;
	draw_headings(o, t, c, y++, "Groep", "Verdeling over de niveaus");
	if (o->nlines == 0) {
		char *msg = o->nschools == 0
			? xstrdup("Er is nog geen school in deze database.")
			: xasprintf("Geen leerlingen op school op %s.", d);
		draw_text(y, 2, COLS - 4, msg, role_attr(t, ROLE_DIM));
		free(msg);
	}
	for (int i = 0; i < list_h && o->list.top + i < o->nlines; i++)
		draw_group_line(o, t, c, y + i, &o->lines[o->list.top + i]);
	int shown = o->nlines - o->list.top < list_h ? o->nlines - o->list.top : list_h;
	y += shown > 1 ? shown : 1;
	attr_t ta = role_attr(t, ROLE_NORMAL) | A_BOLD;
	draw_text(y, c->label_x, c->label_w, "Totaal", ta);
	draw_bar(t, y, c->bar_x, c->bar_w, o->totals, o->grand, o->grand);
	draw_counts(o, t, c, y, o->totals, o->grand, ta);
	return y + 1 - y0;
}

/* Rows part 1 takes around its list of groups. */
#define PART1_FIXED 3

/* ================================================================== part 2 */

static const char *const month_names[12] = {
	"aug", "sep", "okt", "nov", "dec", "jan", "feb", "mrt", "apr", "mei", "jun", "jul",
};

static int part2_height(const struct overzicht *o)
{
	return 2 + (o->nmonths > 0 ? o->nmonths : 1);
}

static int draw_part2(struct overzicht *o, struct tui *t, const struct columns *c, int y)
{
	char sy[16];
	int y0 = y;

	schoolyear_format(o->year, sy);
	char *title = xasprintf("Aantal leerlingen per niveau door het schooljaar %s", sy);
	draw_text(y++, 1, COLS - 2, title, role_attr(t, ROLE_LABEL));
	free(title);
	draw_headings(o, t, c, y++, "Op de 1e", "Verdeling over de niveaus");
	if (o->nmonths == 0)
		draw_text(y++, 2, COLS - 4, "Nog geen maand geteld.", role_attr(t, ROLE_DIM));
	for (int m = 0; m < o->nmonths; m++) {
		char label[16];
		int total = 0;
		for (int k = 0; k <= MAX_LEVEL; k++)
			total += o->months[m][k];
		snprintf(label, sizeof(label), "%s %d", month_names[m], m < 5 ? o->year : o->year + 1);
		draw_text(y, c->label_x, c->label_w, label, role_attr(t, ROLE_NORMAL));
		draw_bar(t, y, c->bar_x, c->bar_w, o->months[m], total, o->max_month);
		draw_counts(o, t, c, y, o->months[m], total, role_attr(t, ROLE_NORMAL));
		y++;
	}
	return y - y0;
}

/* ==================================================================== draw */

static void overzicht_draw(struct screen *s, struct tui *t)
{
	struct overzicht *o = s->state;
	char sy[16];

	if (!o->loaded || o->changes != t->changes)
		load(o, t);
	schoolyear_format(o->year, sy);

	/* Where everything goes: the legend on the rows above the key bar,
	 * both parts above it when they fit. */
	int legend_h = legend(o, t, 0, false);
	int bottom = LINES - 1 - legend_h;
	int p1_rows = o->nlines > 0 ? o->nlines : 1;
	int min_rows = p1_rows < MIN_GROUP_ROWS ? p1_rows : MIN_GROUP_ROWS;
	int header_h = 1 + (db_readonly(t->app->db) ? 1 : 0);
	int avail = bottom - header_h;
	int p2_h = part2_height(o);
	o->both = avail - PART1_FIXED - 1 - p2_h >= min_rows;

	char *left = xasprintf("ibis — Overzicht · %s", school_name(o));
	char *right = o->both ? xstrdup(sy)
			      : xasprintf("%s · deel %d van 2", sy, o->part + 1);
	int y = draw_header(t, left, right);
	free(left);
	free(right);

	struct columns c = layout(o);
	if (o->both) {
		int p1_h = avail - 1 - p2_h;
		if (p1_h > PART1_FIXED + p1_rows)
			p1_h = PART1_FIXED + p1_rows;
		y += draw_part1(o, t, &c, y, p1_h);
		draw_part2(o, t, &c, y + 1);
	} else if (o->part == 0) {
		draw_part1(o, t, &c, y, bottom - y);
	} else {
		draw_part2(o, t, &c, y);
	}
	legend(o, t, bottom, true);
}

/* ================================================================= actions */

static int school_chosen(void *ctx, struct tui *t, int id, int choice)
{
	struct overzicht *o = ctx;

	(void)id;
	/* Option 0 is "Alle scholen", then the schools in order. */
	int school = choice - 1;
	if (school >= o->nschools)
		return TR_REDRAW;
	if (school != o->school) {
		o->school = school;
		o->list.top = o->list.cursor = 0;
		load(o, t);
	}
	return TR_REDRAW;
}

static int choose_school(struct overzicht *o, struct tui *t)
{
	if (o->nschools < 2)
		return TR_HANDLED;
	/* "Alle scholen" as the first of the list prompt_school shows. */
	struct school *choices = xcalloc((size_t)o->nschools + 1, sizeof(*choices));
	choices[0].name = (char *)"Alle scholen";
	for (int i = 0; i < o->nschools; i++)
		choices[i + 1] = o->schools[i];
	struct prompt_arg a = {
		.text = "Het overzicht van welke school?",
		.selected = o->school + 1,
		.done = school_chosen,
		.ctx = o,
	};
	prompt_school(t, &a, choices, o->nschools + 1);
	free(choices);
	return TR_HANDLED | TR_REDRAW;
}

static int change_year(struct overzicht *o, struct tui *t, int delta)
{
	int year = o->year + delta;

	/* Nothing is known of the years to come; 1900 is where dates end. */
	if (year > schoolyear_of(date_today()) || year < 1900)
		return TR_HANDLED;
	o->year = year;
	o->list.top = o->list.cursor = 0;
	load(o, t);
	return TR_HANDLED | TR_REDRAW;
}

static const struct keydef *overzicht_keymap(struct screen *s)
{
	struct overzicht *o = s->state;

	return o->both ? both_keys : split_keys;
}

static int scroll_groups(struct overzicht *o, enum list_move how)
{
	/* In deel 2 the keys bring deel 1 back first: that is what scrolls. */
	if (!o->both && o->part == 1) {
		o->part = 0;
		return TR_HANDLED | TR_REDRAW;
	}
	return list_scroll(&o->list, how) ? TR_HANDLED | TR_REDRAW : TR_HANDLED;
}

static int overzicht_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct overzicht *o = s->state;

	(void)key;
	switch (action) {
	case OV_UP:
		return scroll_groups(o, LM_UP);
	case OV_DOWN:
		return scroll_groups(o, LM_DOWN);
	case OV_PGUP:
		return scroll_groups(o, LM_PGUP);
	case OV_PGDN:
		return scroll_groups(o, LM_PGDN);
	case OV_HOME:
		return scroll_groups(o, LM_HOME);
	case OV_END:
		return scroll_groups(o, LM_END);
	case OV_PART:
		o->part = !o->part;
		return TR_HANDLED | TR_REDRAW;
	case OV_PREV_YEAR:
		return change_year(o, t, -1);
	case OV_NEXT_YEAR:
		return change_year(o, t, 1);
	case OV_SCHOOL:
		return choose_school(o, t);
	default:
		return 0;
	}
}

const struct screen_ops overzicht_screen = {
	.name = "Overzicht",
	.state_size = sizeof(struct overzicht),
	.enter = overzicht_enter,
	.draw = overzicht_draw,
	.tables = overzicht_tables,
	.keymap = overzicht_keymap,
	.action = overzicht_action,
	.leave = overzicht_leave,
};
