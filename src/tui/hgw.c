/* hgw.c - the HGW-raster: the indicators of an indicator set, grouped by
 * section (rows), scored 1-4 per school year or per assessor of one year
 * (columns), with the section means, the overall mean and the change
 * against the year before, drawn as a heat map.
 *
 * A score is typed straight into the cell under the cursor and stored at
 * once; the cursor then goes down one indicator, so a section is scored by
 * typing six digits. Each cell has its evidence (what was seen, where),
 * written in a text box over the grid. The panel under the grid shows the
 * whole text of the selected indicator, the normering's words of its score
 * and the first lines of the evidence.
 *
 * Colour says the score at a glance (score_role), but never alone: each cell
 * carries its digit and symbol ("3 +"), so a monochrome terminal, NO_COLOR
 * or a printout reads the same.
 *
 * The grid of one set is a few hundred cells at most: they are read whole
 * for the years shown (and the year before, for the arrows) whenever the
 * school, the year or the set changes and after every write.
 */
#include "tui_internal.h"
#include "textedit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ibis/app.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/db_school.h"
#include "ibis/db_sop.h"
#include "ibis/domain.h"
#include "ibis/hgw.h"
#include "ibis/indicators.h"
#include "ibis/records.h"

/* A cell: "3 ++*"; a mean: "2,7 (25/29) ↑". */
#define COL_W 13
/* The indicator's number and text keep at least this many columns. */
#define LABEL_MIN 30
/* At most this many school years side by side. */
#define MAX_YEARS 5
#define EVIDENCE_MAX 8000
#define NAME_MAX_CHARS 60
/* Dates end at 1900; so does the schema's school_year. */
#define FIRST_YEAR 1900

enum row_kind { RK_HEADING, RK_INDICATOR, RK_MEAN, RK_TOTAL };

/* One line of the grid. */
struct grow {
	enum row_kind kind;
	const struct indicator_section *sec; /* heading and mean rows */
	const struct indicator *ind;         /* indicator rows */
};

/* One column: a school year and an assessor ("" = gezamenlijk). */
struct gcol {
	int year;
	const char *assessor; /* "" or an item of hgw.assessors */
};

enum mode { M_GRID, M_EVIDENCE, M_NAME };

struct hgw {
	struct screen *self;
	struct school *schools;
	int nschools;
	int school;             /* index in schools */
	int year;               /* the chosen school year */
	int max_year;           /* '>' goes no further */
	int set;                /* index in app->dom.sets; -1: there is none */
	bool by_assessor;       /* columns: the assessors of year (else years) */
	bool loaded;
	unsigned changes;       /* tui changes seen */

	struct indicator_score *cells; /* of the set, year - MAX_YEARS .. year */
	int ncells;
	struct strlist assessors;      /* of the set and year */

	struct grow *rows;
	int nrows;
	int cur;                /* the cursor's row (an indicator), -1: none */
	int top;                /* first row shown */
	int id_w;               /* columns of the longest indicator number */

	struct gcol *cols;
	int ncols;
	int col;                /* the cursor's column */
	int col_left;           /* first column shown */

	enum mode mode;
	struct indicator_score edit; /* the cell whose evidence is open */
	char *edit_label;            /* "1.1 · 2026-2027 · Gezamenlijk" */
	char *edit_initial;          /* the evidence as it was opened */
	struct textedit te;
	struct field name;           /* a new assessor */
	char *problem;               /* why the box's last save was refused */
	char *remove_name;           /* the assessor D asks about */
};

enum {
	HG_UP = 1, HG_DOWN, HG_PGUP, HG_PGDN, HG_HOME, HG_END, HG_LEFT, HG_RIGHT,
	HG_SCORE, HG_CLEAR, HG_EVIDENCE, HG_SET, HG_SET_PREV, HG_VIEW,
	HG_PREV_YEAR, HG_NEXT_YEAR, HG_SCHOOL, HG_ADD, HG_REMOVE,
	HG_SAVE, HG_CANCEL, HG_EDIT, HG_EDIT_MOVE, HG_EDIT_MORE, HG_EXTERNAL,
	HG_NAME_EDIT, HG_NAME_MORE,
};

enum { ASK_SCHOOL = 1, ASK_REMOVE };

/* ============================================================= key tables */

/* Scoring and evidence come first: they are what the screen is for. */
#define SCORE_KEYS \
	{ HG_SCORE, { '1', '2', '3', '4' }, NULL, \
	  "Score 1 tot en met 4 in de gekozen cel zetten (meteen opgeslagen); de cursor gaat " \
	  "daarna een indicator omlaag" }, \
	{ HG_CLEAR, { '0', TK_DELETE }, NULL, \
	  "De score van de gekozen cel wissen (de onderbouwing blijft staan)" }, \
	{ HG_EVIDENCE, { 'e', TK_ENTER }, "Onderbouwing", \
	  "De onderbouwing van de gekozen cel schrijven of wijzigen: wat is gezien, waar" }

#define MOVE_KEYS \
	{ HG_SET_PREV, { TK_BTAB }, NULL, "De vorige indicatorenset" }, \
	{ HG_PREV_YEAR, { '<', '[' }, NULL, "Het vorige schooljaar kiezen" }, \
	{ HG_NEXT_YEAR, { '>', ']' }, NULL, \
	  "Het volgende schooljaar kiezen (tot en met het huidige)" }, \
	{ HG_SCHOOL, { 's' }, NULL, "Een andere school kiezen (als er meer dan één is)" }, \
	{ HG_UP, { TK_UP, 'k' }, NULL, "Een indicator omhoog" }, \
	{ HG_DOWN, { TK_DOWN, 'j' }, NULL, "Een indicator omlaag" }, \
	{ HG_LEFT, { TK_LEFT, 'h' }, NULL, "Een kolom naar links" }, \
	{ HG_RIGHT, { TK_RIGHT, 'l' }, NULL, "Een kolom naar rechts" }, \
	{ HG_PGUP, { TK_PGUP }, NULL, "Een pagina omhoog" }, \
	{ HG_PGDN, { TK_PGDN }, NULL, "Een pagina omlaag" }, \
	{ HG_HOME, { TK_HOME, 'g' }, NULL, "Naar de eerste indicator" }, \
	{ HG_END, { TK_END, 'G' }, NULL, "Naar de laatste indicator" }

/* School years side by side. */
static const struct keydef year_keys[] = {
	SCORE_KEYS,
	{ HG_SET, { TK_TAB }, "Set",
	  "De volgende indicatorenset (HGW-indicatoren, inspectie, een eigen set van de "
	  "school)" },
	{ HG_VIEW, { 'v' }, "Beoordelaars",
	  "De beoordelaars van het gekozen schooljaar naast elkaar (Gezamenlijk, IB'er, "
	  "directie, ...) in plaats van de schooljaren" },
	{ HG_ADD, { 'a' }, NULL,
	  "Een beoordelaar toevoegen aan het gekozen schooljaar (toont de beoordelaars)" },
	MOVE_KEYS,
	{ 0, { 0 }, NULL, NULL },
};

/* The assessors of one year side by side. */
static const struct keydef assessor_keys[] = {
	SCORE_KEYS,
	{ HG_VIEW, { 'v' }, "Jaren", "Terug naar de schooljaren naast elkaar" },
	{ HG_ADD, { 'a' }, "Beoordelaar",
	  "Een beoordelaar toevoegen: een kolom voor bijvoorbeeld IB'er, directie of "
	  "SWV-consulent" },
	{ HG_REMOVE, { 'D' }, NULL,
	  "De gekozen beoordelaar verwijderen (alleen een kolom zonder scores en onderbouwing; "
	  "met een vraag)" },
	{ HG_SET, { TK_TAB }, NULL, "De volgende indicatorenset" },
	MOVE_KEYS,
	{ 0, { 0 }, NULL, NULL },
};

#undef SCORE_KEYS
#undef MOVE_KEYS

/* The evidence box. */
static const struct keydef evidence_keys[] = {
	{ HG_SAVE, { TK_F(2), TK_CTRL('s') }, "Opslaan", "De onderbouwing opslaan (F2 of Ctrl-S)" },
	{ HG_CANCEL, { TK_ESC }, "Annuleren",
	  "Sluiten zonder op te slaan (met een vraag als er iets is veranderd)" },
	{ HG_EDIT, { TK_BACKSPACE, TK_DELETE, TK_LEFT, TK_RIGHT, TK_HOME, TK_END, TK_ENTER }, NULL,
	  "Typen en bewerken; Enter begint een nieuwe regel, Home en End gaan naar het begin "
	  "en eind van de regel" },
	{ HG_EDIT_MOVE, { TK_UP, TK_DOWN, TK_PGUP, TK_PGDN, TK_CTRL_LEFT, TK_CTRL_RIGHT }, NULL,
	  "Een regel of pagina omhoog en omlaag; Ctrl-← en Ctrl-→ een woord terug en verder" },
	{ HG_EDIT_MORE, { TK_CTRL('u'), TK_CTRL('k'), TK_CTRL('w') }, NULL,
	  "Ctrl-U wist tot het begin van de regel, Ctrl-K tot het eind, Ctrl-W het woord voor "
	  "de cursor" },
	{ HG_EXTERNAL, { TK_CTRL('e') }, NULL,
	  "De onderbouwing bewerken in uw eigen editor ($VISUAL, $EDITOR, anders nano of vi)" },
	{ 0, { 0 }, NULL, NULL },
};

/* The name of a new assessor. */
static const struct keydef name_keys[] = {
	{ HG_SAVE, { TK_ENTER, TK_F(2), TK_CTRL('s') }, "Toevoegen",
	  "De beoordelaar toevoegen als kolom (Enter, F2 of Ctrl-S)" },
	{ HG_CANCEL, { TK_ESC }, "Annuleren", "Sluiten zonder een beoordelaar toe te voegen" },
	{ HG_NAME_EDIT, { TK_BACKSPACE, TK_DELETE, TK_LEFT, TK_RIGHT, TK_HOME, TK_END }, NULL,
	  "De naam typen en bewerken" },
	{ HG_NAME_MORE, { TK_CTRL('u'), TK_CTRL('w') }, NULL,
	  "Ctrl-U wist alles voor de cursor, Ctrl-W het woord voor de cursor" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const hgw_tables[] = {
	year_keys, assessor_keys, evidence_keys, name_keys, NULL,
};

/* ================================================================ helpers */

static const struct indicator_set *cur_set(const struct hgw *h, const struct tui *t)
{
	const struct domain *d = &t->app->dom;

	return h->set >= 0 && h->set < d->nsets ? &d->sets[h->set] : NULL;
}

static ibis_id school_id(const struct hgw *h)
{
	return h->nschools > 0 ? h->schools[h->school].id : 0;
}

static const char *dash(const struct tui *t)
{
	return t->utf8 ? "—" : "-";
}

static const char *dot(const struct tui *t)
{
	return t->utf8 ? "·" : ".";
}

static void notice(struct tui *t, const char *title, const char *text)
{
	struct dialog_arg a = { .title = title, .text = text };

	tui_push(t, &dialog_screen, &a);
}

static const struct indicator *cur_indicator(const struct hgw *h)
{
	return h->cur >= 0 && h->cur < h->nrows ? h->rows[h->cur].ind : NULL;
}

static const struct gcol *cur_col(const struct hgw *h)
{
	return h->col >= 0 && h->col < h->ncols ? &h->cols[h->col] : NULL;
}

/* The stored cell of ind in column c; NULL when there is none. */
static const struct indicator_score *cell_at(const struct hgw *h, const struct tui *t,
					     const struct indicator *ind, const struct gcol *c)
{
	const struct indicator_set *set = cur_set(h, t);

	if (!set || !ind || !c)
		return NULL;
	return hgw_find(h->cells, h->ncells, set->id, ind->id, c->year, c->assessor);
}

/* "1.1 · 2026-2027 · Gezamenlijk". Caller frees. */
static char *cell_label(const struct tui *t, const struct indicator *ind, const struct gcol *c)
{
	char sy[16];

	schoolyear_format(c->year, sy);
	return xasprintf("%s %s %s %s %s", ind->id, dot(t), sy, dot(t),
			 hgw_assessor_label(c->assessor));
}

/* ================================================================== rows */

/* Per section: its heading, its indicators (file order) and its mean; then
 * the mean of the whole set. */
static void build_rows(struct hgw *h, struct tui *t)
{
	const struct indicator_set *set = cur_set(h, t);

	free(h->rows);
	h->rows = NULL;
	h->nrows = 0;
	h->cur = -1;
	h->top = 0;
	h->id_w = 3;
	if (!set)
		return;
	h->rows = xcalloc((size_t)(2 * set->nsections + set->nindicators + 1), sizeof(*h->rows));
	for (int s = 0; s < set->nsections; s++) {
		const struct indicator_section *sec = &set->sections[s];
		h->rows[h->nrows++] = (struct grow){ .kind = RK_HEADING, .sec = sec };
		for (int i = 0; i < set->nindicators; i++) {
			const struct indicator *ind = &set->indicators[i];
			if (ind->section != sec->number)
				continue;
			if (h->cur < 0)
				h->cur = h->nrows;
			h->rows[h->nrows++] = (struct grow){ .kind = RK_INDICATOR, .ind = ind };
			int w = text_cols(ind->id);
			if (w > h->id_w)
				h->id_w = w;
		}
		h->rows[h->nrows++] = (struct grow){ .kind = RK_MEAN, .sec = sec };
	}
	h->rows[h->nrows++] = (struct grow){ .kind = RK_TOTAL };
}

/* The indicator row nearest to row from (dir 1: at or after, -1: at or
 * before); -1 when there is none that way. */
static int indicator_row(const struct hgw *h, int from, int dir)
{
	for (int r = from; r >= 0 && r < h->nrows; r += dir)
		if (h->rows[r].kind == RK_INDICATOR)
			return r;
	return -1;
}

/* =============================================================== columns */

/* The columns of the view; the cursor stays on the column of the same year
 * and assessor when there still is one, else on the chosen year (years) or
 * on Gezamenlijk (assessors). */
static void build_cols(struct hgw *h, int keep_year, const char *keep_assessor)
{
	free(h->cols);
	h->cols = NULL;
	h->ncols = 0;
	if (h->by_assessor) {
		h->cols = xcalloc(h->assessors.len + 1, sizeof(*h->cols));
		h->cols[h->ncols++] = (struct gcol){ .year = h->year, .assessor = "" };
		for (size_t i = 0; i < h->assessors.len; i++)
			h->cols[h->ncols++] =
				(struct gcol){ .year = h->year, .assessor = h->assessors.items[i] };
	} else {
		/* From the earliest year with a cell (at most MAX_YEARS back),
		 * and at least last year beside this one, so a school that
		 * started scoring recently gets no empty columns; the draw
		 * shows as many of the newest as fit the window. */
		int first = h->year - 1;
		for (int i = 0; i < h->ncells; i++)
			if (h->cells[i].school_year < first &&
			    h->cells[i].school_year > h->year - MAX_YEARS)
				first = h->cells[i].school_year;
		if (first < FIRST_YEAR)
			first = FIRST_YEAR;
		h->cols = xcalloc((size_t)(h->year - first + 1), sizeof(*h->cols));
		for (int y = first; y <= h->year; y++)
			h->cols[h->ncols++] = (struct gcol){ .year = y, .assessor = "" };
	}
	h->col = h->by_assessor ? 0 : h->ncols - 1;
	for (int i = 0; keep_assessor && i < h->ncols; i++)
		if (h->cols[i].year == keep_year && strcmp(h->cols[i].assessor, keep_assessor) == 0)
			h->col = i;
	/* The chosen year at the right; draw keeps the cursor in view. */
	h->col_left = h->by_assessor ? 0 : h->ncols;
}

/* ================================================================ loading */

static void cells_free(struct hgw *h)
{
	indicator_scores_free(h->cells, h->ncells);
	h->cells = NULL;
	h->ncells = 0;
	sl_free(&h->assessors);
}

/* Read the cells of the set for the years shown and the year before them,
 * and the assessors of the chosen year. Known even after a failure, so that
 * the error shows once rather than on every draw. keep: keep the cursor's
 * column. */
static void load(struct hgw *h, struct tui *t, bool keep)
{
	struct ibis_error err;
	const struct indicator_set *set = cur_set(h, t);
	const struct gcol *c = cur_col(h);
	int keep_year = c ? c->year : 0;
	char *keep_assessor = keep && c ? xstrdup(c->assessor) : NULL;

	cells_free(h);
	h->loaded = true;
	h->changes = t->changes;
	if (set && h->nschools > 0) {
		int from = h->year - MAX_YEARS < FIRST_YEAR ? FIRST_YEAR : h->year - MAX_YEARS;
		if (db_score_list(t->app->db, school_id(h), set->id, from, h->year, &h->cells,
				  &h->ncells, &err) != IBIS_OK) {
			tui_report(t, &err);
			h->cells = NULL;
			h->ncells = 0;
		} else if (db_assessor_list(t->app->db, school_id(h), set->id, h->year,
					    &h->assessors, &err) != IBIS_OK) {
			tui_report(t, &err);
			sl_free(&h->assessors);
		}
	}
	build_cols(h, keep_year, keep_assessor);
	free(keep_assessor);
}

/* ================================================================== enter */

static int hgw_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct hgw *h = s->state;
	const struct school_arg *a = arg;
	struct ibis_error err;

	h->self = s;
	h->year = a && a->school_year ? a->school_year : schoolyear_of(date_today());
	h->max_year = schoolyear_of(date_today());
	if (h->year > h->max_year)
		h->max_year = h->year;
	te_init(&h->te, EVIDENCE_MAX);
	field_init(&h->name, NAME_MAX_CHARS);
	h->set = t->app->dom.nsets > 0 ? 0 : -1;
	if (db_school_list(t->app->db, &h->schools, &h->nschools, &err) != IBIS_OK) {
		tui_report(t, &err);
		h->schools = NULL;
		h->nschools = 0;
	}
	for (int i = 0; a && a->school_id && i < h->nschools; i++)
		if (h->schools[i].id == a->school_id)
			h->school = i;
	build_rows(h, t);
	load(h, t, false);
	return TR_REDRAW;
}

static void hgw_leave(struct screen *s, struct tui *t)
{
	struct hgw *h = s->state;

	(void)t;
	cells_free(h);
	schools_free(h->schools, h->nschools);
	free(h->rows);
	free(h->cols);
	indicator_score_clear(&h->edit);
	free(h->edit_label);
	free(h->edit_initial);
	te_free(&h->te);
	field_free(&h->name);
	free(h->problem);
	free(h->remove_name);
}

/* ================================================================ layout */

struct geo {
	int head_y;        /* the column headings */
	int grid_y, grid_h;
	int panel_y, panel_h;
	int label_w;       /* number and text of an indicator, from column 1 */
	int col_x;         /* the first column shown */
	int vis;           /* columns shown */
};

/* The panel under the grid: more of the texts when the window is tall. */
static int panel_height(void)
{
	return LINES >= 40 ? 10 : LINES >= 30 ? 8 : 6;
}

static struct geo geometry(const struct hgw *h, int y)
{
	struct geo g;
	int fit = (COLS - 2 - LABEL_MIN) / (COL_W + 1);

	if (fit < 1)
		fit = 1;
	g.vis = h->ncols < fit ? h->ncols : fit;
	g.col_x = COLS - 1 - g.vis * (COL_W + 1) + 1;
	g.label_w = g.col_x - 2;
	g.panel_h = panel_height();
	g.head_y = y;
	g.grid_y = y + 1;
	g.panel_y = LINES - 1 - g.panel_h;
	g.grid_h = g.panel_y - g.grid_y;
	if (g.grid_h < 1)
		g.grid_h = 1;
	return g;
}

/* Scroll so that the cursor's row is in view, with its section's heading
 * above it when it is the first indicator and the section's mean below it
 * when it is the last. */
static void scroll_to_cursor(struct hgw *h, int height)
{
	if (h->cur < 0) {
		h->top = 0;
		return;
	}
	int lo = h->cur, hi = h->cur;
	if (lo > 0 && h->rows[lo - 1].kind == RK_HEADING)
		lo--;
	while (hi + 1 < h->nrows && (h->rows[hi + 1].kind == RK_MEAN ||
				     h->rows[hi + 1].kind == RK_TOTAL))
		hi++;
	if (hi >= h->top + height)
		h->top = hi - height + 1;
	if (lo < h->top)
		h->top = lo;
	if (h->cur >= h->top + height)
		h->top = h->cur - height + 1;
	if (h->top > h->nrows - height)
		h->top = h->nrows - height;
	if (h->top < 0)
		h->top = 0;
}

static void scroll_cols(struct hgw *h, int vis)
{
	if (h->col < h->col_left)
		h->col_left = h->col;
	if (h->col >= h->col_left + vis)
		h->col_left = h->col - vis + 1;
	if (h->col_left > h->ncols - vis)
		h->col_left = h->ncols - vis;
	if (h->col_left < 0)
		h->col_left = 0;
}

/* ==================================================================== draw */

/* The mean of a section (0: the whole set) in column c: "2,7 (5/6) ↑".
 * Into buf; returns buf. */
static char *mean_cell(const struct hgw *h, const struct tui *t, int section,
		       const struct gcol *c, char *buf, size_t size)
{
	const struct indicator_set *set = cur_set(h, t);
	struct hgw_mean now = hgw_mean(set, section, h->cells, h->ncells, c->year, c->assessor);
	struct hgw_mean before =
		hgw_mean(set, section, h->cells, h->ncells, c->year - 1, c->assessor);
	enum hgw_trend tr = hgw_trend(now, before, NULL);
	char m[32], count[32] = "";

	hgw_mean_text(now, t->utf8, m, sizeof(m));
	if (now.scored > 0 && now.scored < now.total)
		snprintf(count, sizeof(count), " (%d/%d)", now.scored, now.total);
	snprintf(buf, size, "%s%s%s%s", m, count, tr == HGW_TREND_NONE ? "" : " ",
		 hgw_trend_symbol(tr, t->utf8));
	return buf;
}

static void draw_cell(struct tui *t, int y, int x, const struct indicator_score *c, bool sel)
{
	int score = c && c->score >= 1 && c->score <= 4 ? c->score : 0;
	bool ev = c && !str_empty(c->evidence);
	char buf[32];
	attr_t a;

	if (score)
		snprintf(buf, sizeof(buf), "%d %s%s", score, hgw_score_symbol(score), ev ? "*" : "");
	else
		snprintf(buf, sizeof(buf), "%s%s", dot(t), ev ? " *" : "");
	if (sel)
		a = role_attr(t, ROLE_SELECTED);
	else if (score)
		a = role_attr(t, score_role(score));
	else
		a = role_attr(t, ev ? ROLE_NORMAL : ROLE_DIM);
	draw_fill(y, x, COL_W, a);
	draw_text(y, x + 1, COL_W - 1, buf, a);
}

static void draw_headings(struct hgw *h, struct tui *t, const struct geo *g)
{
	attr_t ha = role_attr(t, ROLE_COLUMNS);
	char sy[16];

	char *lead = h->by_assessor ? xasprintf("Indicator %s beoordelaars", dot(t))
				    : xstrdup("Indicator");
	draw_text(g->head_y, 1, g->label_w, lead, ha);
	free(lead);
	for (int i = 0; i < g->vis; i++) {
		const struct gcol *c = &h->cols[h->col_left + i];
		int x = g->col_x + i * (COL_W + 1);
		const char *label = h->by_assessor ? hgw_assessor_label(c->assessor)
						   : schoolyear_format(c->year, sy);
		draw_fill(g->head_y, x, COL_W, ha);
		draw_text(g->head_y, x + 1, COL_W - 1, label, ha);
	}
	/* More columns than fit: say which way they are. */
	if (h->col_left > 0)
		draw_text(g->head_y, g->col_x - 1, 1, t->utf8 ? "◂" : "<", ha);
	if (h->col_left + g->vis < h->ncols)
		draw_text(g->head_y, COLS - 1, 1, t->utf8 ? "▸" : ">", ha);
}

static void draw_row(struct hgw *h, struct tui *t, const struct geo *g, int y, int r)
{
	const struct grow *row = &h->rows[r];
	char buf[64];

	switch (row->kind) {
	case RK_HEADING: {
		char *s = xasprintf("%d %s", row->sec->number, row->sec->name ? row->sec->name : "");
		draw_text(y, 1, COLS - 2, s, role_attr(t, ROLE_LABEL));
		free(s);
		return;
	}
	case RK_INDICATOR: {
		bool sel = r == h->cur;
		attr_t a = role_attr(t, sel ? ROLE_SELECTED : ROLE_NORMAL);
		if (sel)
			draw_fill(y, 0, g->col_x - 1, a);
		draw_text(y, 1, h->id_w, row->ind->id, a);
		draw_text(y, 1 + h->id_w + 2, g->label_w - h->id_w - 2, row->ind->text, a);
		for (int i = 0; i < g->vis; i++) {
			int k = h->col_left + i;
			draw_cell(t, y, g->col_x + i * (COL_W + 1),
				  cell_at(h, t, row->ind, &h->cols[k]), sel && k == h->col);
		}
		return;
	}
	case RK_MEAN:
	case RK_TOTAL: {
		bool total = row->kind == RK_TOTAL;
		attr_t a = role_attr(t, total ? ROLE_NORMAL : ROLE_LABEL) | A_BOLD;
		int x = total ? 1 : 1 + h->id_w + 2;
		draw_text(y, x, g->col_x - 1 - x, total ? "Totaal" : "Gemiddelde", a);
		for (int i = 0; i < g->vis; i++) {
			const struct gcol *c = &h->cols[h->col_left + i];
			mean_cell(h, t, total ? 0 : row->sec->number, c, buf, sizeof(buf));
			draw_text(y, g->col_x + i * (COL_W + 1) + 1, COL_W - 1, buf,
				  role_attr(t, ROLE_NORMAL) | A_BOLD);
		}
		return;
	}
	}
}

/* Lines of text wrapped to width; at most max of them are drawn from row
 * y, the last with "…" when some are left off. Returns the rows used. */
static int draw_wrapped(struct tui *t, int y, int x, int width, int max, const char *text,
			attr_t a)
{
	struct strlist lines = { 0 };
	int n = 0;

	if (max <= 0)
		return 0;
	text_wrap(text, width, &lines);
	for (size_t i = 0; i < lines.len && n < max; i++, n++) {
		if (n == max - 1 && i + 1 < lines.len) {
			char *s = xasprintf("%s %s", lines.items[i], t->utf8 ? "…" : "...");
			draw_text(y + n, x, width, s, a);
			free(s);
		} else {
			draw_text(y + n, x, width, lines.items[i], a);
		}
	}
	sl_free(&lines);
	return n;
}

/* Under the grid: the selected cell, the indicator's whole text, the words
 * of its score and the evidence. */
static void draw_panel(struct hgw *h, struct tui *t, const struct geo *g)
{
	const struct indicator_set *set = cur_set(h, t);
	const struct indicator *ind = cur_indicator(h);
	const struct gcol *c = cur_col(h);
	int y = g->panel_y, x = 1, width = COLS - 2;
	attr_t dim = role_attr(t, ROLE_DIM);

	for (int i = 0; i < COLS; i++)
		draw_text(y, i, 1, t->utf8 ? "─" : "-", dim);
	if (!ind || !c || !set)
		return;
	/* The cell at the left of the rule, the keys of a cell at its right
	 * while there is room for both. */
	char *label = cell_label(t, ind, c);
	char *lead = xasprintf(" %s ", label);
	char *hint = xasprintf(" 1-4 score %s 0 wist %s Enter onderbouwing ", dot(t), dot(t));
	int lw = text_cols(lead), hw = text_cols(hint);
	draw_text(y, 2, COLS - 4, lead, role_attr(t, ROLE_LABEL));
	if (2 + lw + 2 + hw + 2 <= COLS)
		draw_text(y, COLS - 2 - hw, hw, hint, dim);
	free(hint);
	free(lead);
	free(label);
	y++;

	const struct indicator_score *cell = cell_at(h, t, ind, c);
	int lines = g->panel_h - 1;
	int text_max = lines - 2 < 1 ? 1 : lines - 2;
	char *text = xasprintf("%s  %s", ind->id, ind->text ? ind->text : "");
	y += draw_wrapped(t, y, x, width, text_max, text, role_attr(t, ROLE_NORMAL));
	free(text);

	int score = cell ? cell->score : 0;
	if (score >= 1 && score <= 4) {
		const char *words = hgw_score_words(set, score);
		char *s = xasprintf("Score %d", score);
		int w = draw_text(y, x, width, s, role_attr(t, score_role(score)));
		free(s);
		if (words) {
			char *rest = xasprintf(": %s", words);
			draw_text(y, x + w, width - w, rest, role_attr(t, ROLE_NORMAL));
			free(rest);
		}
	} else {
		draw_text(y, x, width, "Nog geen score: typ 1 tot en met 4", dim);
	}
	y++;

	int left = g->panel_y + g->panel_h - y;
	if (cell && !str_empty(cell->evidence)) {
		char *ev = xasprintf("Onderbouwing: %s", cell->evidence);
		draw_wrapped(t, y, x, width, left, ev, role_attr(t, ROLE_NORMAL));
		free(ev);
	} else if (left > 0) {
		draw_text(y, x, width, "Geen onderbouwing (Enter om te schrijven)", dim);
	}
}

/* The box of the evidence: where it goes. */
static void evidence_box(int *y, int *x, int *h, int *w)
{
	*w = COLS - 4 > 100 ? 100 : COLS - 4;
	*h = LINES - 4 > 22 ? 22 : LINES - 4;
	*y = (LINES - 1 - *h) / 2;
	*x = (COLS - *w) / 2;
}

static void draw_evidence(struct hgw *h, struct tui *t)
{
	attr_t a = role_attr(t, ROLE_DIALOG);
	int y, x, bh, w;
	const struct indicator *ind = cur_indicator(h);

	evidence_box(&y, &x, &bh, &w);
	for (int r = 0; r < bh; r++)
		draw_fill(y + r, x, w, a);
	draw_box(t, y, x, bh, w, a);
	draw_box_title(y, x, w, "Onderbouwing", a);
	int row = y + 1;
	draw_text(row++, x + 2, w - 4, h->edit_label ? h->edit_label : "", a | A_BOLD);
	if (ind && ind->text)
		row += draw_wrapped(t, row, x + 2, w - 4, 3, ind->text, a | A_DIM);
	row++;
	draw_text(row++, x + 2, w - 4, "Onderbouwing: wat is gezien, waar", a);
	int bottom = y + bh - 2 - (h->problem ? 1 : 0);
	int eh = bottom - row;
	if (eh < 1)
		eh = 1;
	int cy = -1, cx = -1;
	te_draw(&h->te, row, x + 2, eh, w - 4, role_attr(t, ROLE_NORMAL), &cy, &cx);
	if (h->problem)
		draw_text(y + bh - 3, x + 2, w - 4, h->problem, role_attr(t, ROLE_ERROR));
	char *foot = xasprintf("F2 of Ctrl-S slaat op %s Esc annuleert %s Ctrl-E in uw eigen editor",
			       dot(t), dot(t));
	draw_text(y + bh - 2, x + 2, w - 4, foot, a | A_DIM);
	free(foot);
	if (cy >= 0) {
		t->want_cursor = true;
		t->cursor_y = cy;
		t->cursor_x = cx;
	}
}

static void draw_name(struct hgw *h, struct tui *t)
{
	attr_t a = role_attr(t, ROLE_DIALOG);
	int w = COLS - 8 < 72 ? COLS - 8 : 72;
	int bh = h->problem ? 9 : 8;
	int y = (LINES - 1 - bh) / 2, x = (COLS - w) / 2;
	char sy[16];

	for (int r = 0; r < bh; r++)
		draw_fill(y + r, x, w, a);
	draw_box(t, y, x, bh, w, a);
	draw_box_title(y, x, w, "Beoordelaar toevoegen", a);
	char *q = xasprintf("Naam van de beoordelaar in %s (zoals IB'er, directie, "
			    "SWV-consulent):", schoolyear_format(h->year, sy));
	draw_wrapped(t, y + 2, x + 2, w - 4, 2, q, a);
	free(q);
	draw_fill(y + 4, x + 2, w - 4, role_attr(t, ROLE_PROMPT));
	int cx = field_draw(&h->name, y + 4, x + 2, w - 4,
			    role_attr(t, ROLE_PROMPT) | A_UNDERLINE);
	t->want_cursor = true;
	t->cursor_y = y + 4;
	t->cursor_x = cx;
	if (h->problem)
		draw_text(y + 5, x + 2, w - 4, h->problem, role_attr(t, ROLE_ERROR));
	char *foot = xasprintf("Enter voegt toe %s Esc annuleert", dot(t));
	draw_text(y + bh - 2, x + 2, w - 4, foot, a | A_DIM);
	free(foot);
}

static void hgw_draw(struct screen *s, struct tui *t)
{
	struct hgw *h = s->state;
	const struct indicator_set *set = cur_set(h, t);
	char sy[16];

	if (!h->loaded || h->changes != t->changes)
		load(h, t, true);
	schoolyear_format(h->year, sy);
	char *left = h->nschools > 0
		? xasprintf("HGW-raster %s %s %s %s", dash(t),
			    h->schools[h->school].name ? h->schools[h->school].name : "", dash(t), sy)
		: xasprintf("HGW-raster %s %s", dash(t), sy);
	char *right = set ? xasprintf("%s %s %s", set->name ? set->name : set->id, dot(t),
				      h->by_assessor ? "per beoordelaar" : "per jaar")
			  : xstrdup("");
	int y = draw_header(t, left, right);
	free(left);
	free(right);

	if (h->nschools == 0) {
		draw_text(y + 1, 2, COLS - 4, "Nog geen school; maak er een met ibis init of ibis demo.",
			  role_attr(t, ROLE_DIM));
		return;
	}
	if (!set) {
		draw_text(y + 1, 2, COLS - 4,
			  "Er is geen indicatorenset: de map indicators bij de gegevens is leeg.",
			  role_attr(t, ROLE_DIM));
		return;
	}

	struct geo g = geometry(h, y);
	scroll_cols(h, g.vis);
	scroll_to_cursor(h, g.grid_h);
	draw_headings(h, t, &g);
	for (int i = 0; i < g.grid_h && h->top + i < h->nrows; i++)
		draw_row(h, t, &g, g.grid_y + i, h->top + i);
	draw_panel(h, t, &g);

	if (h->mode == M_EVIDENCE)
		draw_evidence(h, t);
	else if (h->mode == M_NAME)
		draw_name(h, t);
}

/* ================================================================ moving */

static int move_to(struct hgw *h, int row)
{
	if (row < 0 || row == h->cur)
		return TR_HANDLED;
	h->cur = row;
	return TR_HANDLED | TR_REDRAW;
}

/* A page: about as many rows as the grid shows (header and headings above
 * it, the panel and the key bar below). */
static int page_rows(void)
{
	int rows = LINES - 1 - panel_height() - 2;

	return rows > 2 ? rows - 1 : 1;
}

static int move_cursor(struct hgw *h, int action)
{
	int r;

	if (h->cur < 0)
		return TR_HANDLED;
	switch (action) {
	case HG_UP:
		return move_to(h, indicator_row(h, h->cur - 1, -1));
	case HG_DOWN:
		return move_to(h, indicator_row(h, h->cur + 1, 1));
	case HG_PGUP:
		r = indicator_row(h, h->cur - page_rows(), 1);
		if (r < 0 || r >= h->cur)
			r = indicator_row(h, h->cur - page_rows(), -1);
		return move_to(h, r >= 0 ? r : indicator_row(h, 0, 1));
	case HG_PGDN:
		r = indicator_row(h, h->cur + page_rows(), -1);
		if (r <= h->cur)
			r = indicator_row(h, h->cur + page_rows(), 1);
		return move_to(h, r >= 0 ? r : indicator_row(h, h->nrows - 1, -1));
	case HG_HOME:
		return move_to(h, indicator_row(h, 0, 1));
	case HG_END:
		return move_to(h, indicator_row(h, h->nrows - 1, -1));
	case HG_LEFT:
		if (h->col <= 0)
			return TR_HANDLED;
		h->col--;
		return TR_HANDLED | TR_REDRAW;
	case HG_RIGHT:
		if (h->col >= h->ncols - 1)
			return TR_HANDLED;
		h->col++;
		return TR_HANDLED | TR_REDRAW;
	default:
		return TR_HANDLED;
	}
}

/* ================================================================ scoring */

/* A new cell for ind in column c, nothing in it yet. */
static void new_cell(const struct hgw *h, const struct tui *t, const struct indicator *ind,
		     const struct gcol *c, struct indicator_score *s)
{
	memset(s, 0, sizeof(*s));
	s->school_id = school_id(h);
	s->set_id = xstrdup(cur_set(h, t)->id);
	s->indicator = xstrdup(ind->id);
	s->school_year = c->year;
	s->assessor = xstrdup(c->assessor);
}

/* A colleague changed the cell meanwhile: the grid is read again and err
 * says so in the words of this screen. */
static void conflict(struct hgw *h, struct tui *t, struct ibis_error *err, const char *what)
{
	load(h, t, true);
	ibis_fail(err, IBIS_EDB, "Een collega heeft deze cel intussen gewijzigd; het raster is "
				 "opnieuw gelezen. %s", what);
	err->fault = DBF_CONFLICT;
}

/* Store score (0: none) in the cell under the cursor, then go down. */
static int put_score(struct hgw *h, struct tui *t, int score)
{
	struct ibis_error err;
	const struct indicator *ind = cur_indicator(h);
	const struct gcol *c = cur_col(h);

	if (!ind || !c || h->nschools == 0)
		return TR_HANDLED;
	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	const struct indicator_score *cell = cell_at(h, t, ind, c);
	int now = cell ? cell->score : 0;
	if (now != score) {
		struct indicator_score s;
		if (cell)
			indicator_score_copy(&s, cell);
		else
			new_cell(h, t, ind, c, &s);
		s.score = score;
		enum ibis_status st = db_score_put(t->app->db, &s, &err);
		indicator_score_clear(&s);
		if (st != IBIS_OK) {
			if (err.fault == DBF_CONFLICT)
				conflict(h, t, &err, "Kijk de score na en typ hem zo nodig opnieuw.");
			tui_report(t, &err);
			return TR_HANDLED | TR_REDRAW;
		}
		t->changes++;
		load(h, t, true);
	}
	move_to(h, indicator_row(h, h->cur + 1, 1));
	return TR_HANDLED | TR_REDRAW;
}

/* =============================================================== evidence */

static void close_box(struct hgw *h)
{
	h->mode = M_GRID;
	freep(&h->edit_initial);
	freep(&h->edit_label);
	freep(&h->problem);
	indicator_score_clear(&h->edit);
}

static int open_evidence(struct hgw *h, struct tui *t)
{
	const struct indicator *ind = cur_indicator(h);
	const struct gcol *c = cur_col(h);

	if (!ind || !c || h->nschools == 0)
		return TR_HANDLED;
	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	close_box(h);
	const struct indicator_score *cell = cell_at(h, t, ind, c);
	if (cell)
		indicator_score_copy(&h->edit, cell);
	else
		new_cell(h, t, ind, c, &h->edit);
	te_set(&h->te, h->edit.evidence);
	h->edit_initial = te_get(&h->te);
	h->edit_label = cell_label(t, ind, c);
	h->mode = M_EVIDENCE;
	return TR_HANDLED | TR_REDRAW;
}

static bool evidence_changed(const struct hgw *h)
{
	char *now = te_get(&h->te);
	bool changed = strcmp(now, h->edit_initial ? h->edit_initial : "") != 0;

	free(now);
	return changed;
}

static int save_evidence(struct hgw *h, struct tui *t)
{
	struct ibis_error err;

	if (!evidence_changed(h)) {
		close_box(h);
		return TR_HANDLED | TR_REDRAW;
	}
	struct indicator_score s;
	indicator_score_copy(&s, &h->edit);
	free(s.evidence);
	s.evidence = te_empty(&h->te) ? NULL : te_get(&h->te);
	enum ibis_status st = db_score_put(t->app->db, &s, &err);
	indicator_score_clear(&s);
	if (st != IBIS_OK) {
		if (err.fault == DBF_CONFLICT) {
			/* What was typed stays in the box; the next F2 writes it
			 * knowingly over the colleague's version (keeping their
			 * score). */
			conflict(h, t, &err, "Uw tekst staat nog in het vak: F2 slaat hem alsnog op, "
					     "Esc breekt af.");
			const struct indicator_score *cell =
				hgw_find(h->cells, h->ncells, h->edit.set_id, h->edit.indicator,
					 h->edit.school_year, h->edit.assessor);
			if (cell) {
				struct indicator_score fresh;
				indicator_score_copy(&fresh, cell);
				indicator_score_clear(&h->edit);
				h->edit = fresh;
			} else {
				h->edit.id = 0;
				h->edit.version = 0;
				h->edit.score = 0;
			}
		}
		freep(&h->problem);
		h->problem = xstrdup("Niet opgeslagen; de tekst staat nog in het vak.");
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	t->changes++;
	close_box(h);
	load(h, t, true);
	return TR_HANDLED | TR_REDRAW;
}

static int drop_evidence(struct tui *t, void *ctx)
{
	struct hgw *h = ctx;

	(void)t;
	close_box(h);
	return TR_REDRAW;
}

static int cancel_evidence(struct hgw *h, struct tui *t)
{
	if (!evidence_changed(h)) {
		close_box(h);
		return TR_HANDLED | TR_REDRAW;
	}
	struct dialog_arg a = {
		.title = "Onderbouwing",
		.text = "De gewijzigde onderbouwing weggooien? (j/n)",
		.question = true,
		.on_yes = drop_evidence,
		.ctx = h,
	};
	tui_push(t, &dialog_screen, &a);
	return TR_HANDLED | TR_REDRAW;
}

static int external_evidence(struct hgw *h, struct tui *t)
{
	struct ibis_error err;
	char *out = NULL;
	char *text = te_get(&h->te);
	enum ibis_status st = te_external(t, text, &out, &err);

	free(text);
	if (st != IBIS_OK) {
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	te_set(&h->te, out);
	free(out);
	return TR_HANDLED | TR_REDRAW;
}

static int evidence_key(struct hgw *h, tkey key)
{
	int y, x, bh, w;

	evidence_box(&y, &x, &bh, &w);
	te_layout(&h->te, w - 4);
	if (te_key(&h->te, key) == FIELD_CHANGED)
		freep(&h->problem);
	return TR_HANDLED | TR_REDRAW;
}

/* ============================================================== assessors */

static int set_view(struct hgw *h, bool by_assessor)
{
	h->by_assessor = by_assessor;
	build_cols(h, 0, NULL);
	return TR_HANDLED | TR_REDRAW;
}

static int open_name(struct hgw *h, struct tui *t)
{
	if (h->nschools == 0 || !cur_set(h, t))
		return TR_HANDLED;
	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	if (!h->by_assessor)
		set_view(h, true);
	close_box(h);
	field_clear(&h->name);
	h->mode = M_NAME;
	return TR_HANDLED | TR_REDRAW;
}

static int save_name(struct hgw *h, struct tui *t)
{
	struct ibis_error err;
	char *raw = field_get(&h->name);
	char *name = str_trim(raw);

	free(raw);
	freep(&h->problem);
	if (!name[0]) {
		h->problem = xstrdup("Typ de naam van de beoordelaar.");
		free(name);
		return TR_HANDLED | TR_REDRAW;
	}
	if (strcasecmp(name, hgw_assessor_label("")) == 0) {
		h->problem = xasprintf("%s is de kolom van de gezamenlijke score; kies een andere "
				       "naam.", hgw_assessor_label(""));
		free(name);
		return TR_HANDLED | TR_REDRAW;
	}
	if (db_assessor_add(t->app->db, school_id(h), cur_set(h, t)->id, h->year, name, &err) !=
	    IBIS_OK) {
		h->problem = xstrdup("Niet toegevoegd; de naam staat nog in het vak.");
		tui_report(t, &err);
		free(name);
		return TR_HANDLED | TR_REDRAW;
	}
	t->changes++;
	close_box(h);
	load(h, t, false);
	for (int i = 0; i < h->ncols; i++)
		if (strcasecmp(h->cols[i].assessor, name) == 0)
			h->col = i;
	free(name);
	return TR_HANDLED | TR_REDRAW;
}

static int answered(void *ctx, struct tui *t, int id, int choice);

static int ask_remove(struct hgw *h, struct tui *t)
{
	const struct gcol *c = cur_col(h);
	struct ibis_error err;
	char sy[16];

	if (!h->by_assessor || !c || h->nschools == 0)
		return TR_HANDLED;
	if (!c->assessor[0]) {
		notice(t, "Beoordelaar", "De kolom Gezamenlijk hoort bij elk schooljaar en kan niet "
					 "worden verwijderd.");
		return TR_HANDLED | TR_REDRAW;
	}
	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	schoolyear_format(c->year, sy);
	int used = 0;
	for (int i = 0; i < h->ncells; i++)
		if (h->cells[i].school_year == c->year &&
		    strcmp(h->cells[i].assessor, c->assessor) == 0)
			used++;
	if (used > 0) {
		ibis_fail(&err, IBIS_EINPUT,
			  "%s heeft in %s nog %d %s met een score of onderbouwing en kan niet worden "
			  "verwijderd. Wis die eerst (0 en de onderbouwing leegmaken).", c->assessor,
			  sy, used, used == 1 ? "cel" : "cellen");
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	free(h->remove_name);
	h->remove_name = xstrdup(c->assessor);
	char *q = xasprintf("Beoordelaar %s verwijderen uit %s? (j/n)", c->assessor, sy);
	struct prompt_arg a = {
		.kind = PROMPT_ASK,
		.title = "Beoordelaar verwijderen",
		.text = q,
		.done = answered,
		.ctx = h,
		.id = ASK_REMOVE,
	};
	prompt_push(t, &a);
	free(q);
	return TR_HANDLED | TR_REDRAW;
}

static int remove_assessor(struct hgw *h, struct tui *t)
{
	struct ibis_error err;
	const struct indicator_set *set = cur_set(h, t);

	if (!h->remove_name || !set || h->nschools == 0)
		return TR_REDRAW;
	if (db_assessor_remove(t->app->db, school_id(h), set->id, h->year, h->remove_name, &err) !=
	    IBIS_OK) {
		tui_report(t, &err);
		load(h, t, true);
	} else {
		/* The cursor goes to the column before the one removed. */
		int col = h->col;
		t->changes++;
		load(h, t, false);
		h->col = col - 1 < 0 ? 0 : col - 1 >= h->ncols ? h->ncols - 1 : col - 1;
	}
	freep(&h->remove_name);
	return TR_REDRAW;
}

/* ============================================================ school, year */

static int answered(void *ctx, struct tui *t, int id, int choice)
{
	struct hgw *h = ctx;

	switch (id) {
	case ASK_SCHOOL:
		if (choice >= 0 && choice < h->nschools && choice != h->school) {
			h->school = choice;
			load(h, t, false);
		}
		return TR_REDRAW;
	case ASK_REMOVE:
		return remove_assessor(h, t);
	default:
		return TR_REDRAW;
	}
}

static int choose_school(struct hgw *h, struct tui *t)
{
	if (h->nschools < 2) {
		notice(t, "School", h->nschools == 1
				       ? "Er is maar één school."
				       : "Nog geen school; maak er een met ibis init of ibis demo.");
		return TR_HANDLED | TR_REDRAW;
	}
	struct prompt_arg a = {
		.text = "Het HGW-raster van welke school?",
		.selected = h->school,
		.done = answered,
		.ctx = h,
		.id = ASK_SCHOOL,
	};
	prompt_school(t, &a, h->schools, h->nschools);
	return TR_HANDLED | TR_REDRAW;
}

static int change_year(struct hgw *h, struct tui *t, int delta)
{
	int year = h->year + delta;

	if (year > h->max_year || year < FIRST_YEAR)
		return TR_HANDLED;
	h->year = year;
	load(h, t, false);
	return TR_HANDLED | TR_REDRAW;
}

static int change_set(struct hgw *h, struct tui *t, int delta)
{
	int n = t->app->dom.nsets;

	if (n < 2)
		return TR_HANDLED;
	h->set = ((h->set + delta) % n + n) % n;
	build_rows(h, t);
	load(h, t, true);
	return TR_HANDLED | TR_REDRAW;
}

/* ================================================================ actions */

static const struct keydef *hgw_keymap(struct screen *s)
{
	struct hgw *h = s->state;

	switch (h->mode) {
	case M_EVIDENCE:
		return evidence_keys;
	case M_NAME:
		return name_keys;
	default:
		return h->by_assessor ? assessor_keys : year_keys;
	}
}

static bool hgw_typing(struct screen *s)
{
	struct hgw *h = s->state;

	return h->mode != M_GRID;
}

static int hgw_input(struct screen *s, struct tui *t, tkey key)
{
	struct hgw *h = s->state;

	(void)t;
	if (h->mode == M_EVIDENCE)
		return evidence_key(h, key);
	if (h->mode == M_NAME) {
		if (field_key(&h->name, key) == FIELD_CHANGED)
			freep(&h->problem);
		return TR_HANDLED | TR_REDRAW;
	}
	return TR_HANDLED;
}

static int box_action(struct hgw *h, struct tui *t, int action, tkey key)
{
	switch (action) {
	case HG_SAVE:
		return h->mode == M_EVIDENCE ? save_evidence(h, t) : save_name(h, t);
	case HG_CANCEL:
		if (h->mode == M_EVIDENCE)
			return cancel_evidence(h, t);
		close_box(h);
		return TR_HANDLED | TR_REDRAW;
	case HG_EDIT:
	case HG_EDIT_MOVE:
	case HG_EDIT_MORE:
	case HG_NAME_EDIT:
	case HG_NAME_MORE:
		return hgw_input(h->self, t, key);
	case HG_EXTERNAL:
		return external_evidence(h, t);
	default:
		return 0;
	}
}

static int hgw_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct hgw *h = s->state;

	if (h->mode != M_GRID)
		return box_action(h, t, action, key);
	/* A key may come before the draw that reads a change. */
	if (!h->loaded || h->changes != t->changes)
		load(h, t, true);
	switch (action) {
	case HG_UP:
	case HG_DOWN:
	case HG_PGUP:
	case HG_PGDN:
	case HG_HOME:
	case HG_END:
	case HG_LEFT:
	case HG_RIGHT:
		return move_cursor(h, action);
	case HG_SCORE:
		return put_score(h, t, (int)(key - '0'));
	case HG_CLEAR:
		return put_score(h, t, 0);
	case HG_EVIDENCE:
		return open_evidence(h, t);
	case HG_SET:
		return change_set(h, t, 1);
	case HG_SET_PREV:
		return change_set(h, t, -1);
	case HG_VIEW:
		return set_view(h, !h->by_assessor);
	case HG_PREV_YEAR:
		return change_year(h, t, -1);
	case HG_NEXT_YEAR:
		return change_year(h, t, 1);
	case HG_SCHOOL:
		return choose_school(h, t);
	case HG_ADD:
		return open_name(h, t);
	case HG_REMOVE:
		return ask_remove(h, t);
	default:
		return 0;
	}
}

const struct screen_ops hgw_screen = {
	.name = "HGW-raster",
	.state_size = sizeof(struct hgw),
	.enter = hgw_enter,
	.draw = hgw_draw,
	.tables = hgw_tables,
	.keymap = hgw_keymap,
	.action = hgw_action,
	.typing = hgw_typing,
	.input = hgw_input,
	.leave = hgw_leave,
};
