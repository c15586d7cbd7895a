/* checklist.c - Basisondersteuning: the school's check of its
 * basisondersteuning against the samenwerkingsverband's norm.
 *
 * The grid is the norm's (data/basisondersteuning.ini, app->dom.basis, which
 * a school may replace with its own): ontwikkelingsgebieden as rows, aspecten
 * as columns, every number and name taken from the file. Per cell the school
 * keeps a status (voldoet / deels / voldoet niet / n.v.t., or still open), its
 * own text where the norm describes nothing (or an addition where it does), a
 * note and the protocol or document it rests on: one basis_cell row per cell
 * and school year, written as soon as a status key is pressed or the cell's
 * form is saved. A cell that was never touched has no row; it is open.
 *
 * Under the grid the panel shows the norm's text of the cell under the
 * cursor, which for some cells runs to a page, so it scrolls on its own
 * (PgUp/PgDn) while the arrows keep moving over the grid.
 */
#include "tui_internal.h"
#include "rowform.h"
#include "textview.h"

#include <stdlib.h>
#include <string.h>

#include "ibis/app.h"
#include "ibis/basis.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/db_school.h"
#include "ibis/db_sop.h"
#include "ibis/domain.h"
#include "ibis/records.h"
#include "ibis/sop.h"

/* The cell columns: wide enough for "✓ voldoet" and a gap; they grow with the
 * window up to CELL_MAX, and shrink to CELL_MIN (the word cut) before the
 * grid scrolls sideways. */
#define CELL_BASE 10
#define CELL_MIN 7
#define CELL_MAX 16
/* The area column never gets narrower than this. */
#define LABEL_MIN 14
/* The panel keeps at least its title and this many lines of text. */
#define PANEL_MIN 3

static const char no_norm_text[] = "De norm beschrijft dit aspect niet; de school vult het zelf in.";
static const char no_school_text[] = "Nog geen school; maak er een met ibis init of ibis demo.";

struct checklist {
	struct screen *self;
	struct school *schools;
	int nschools;
	int school;             /* index in schools; -1 when there is none */
	int year;               /* the school year shown */

	struct basis_cell *cells;  /* the stored cells of the year */
	int ncells;
	int *at;                /* [area * naspects + aspect]: index in cells, -1 */
	int counts[BASIS_NSTATUS];  /* over the grid's cells */
	bool loaded;
	unsigned changes;       /* tui changes seen */

	int row, col;           /* the cursor: area and aspect index */
	int top, left;          /* the first area row and aspect column shown */
	int rows_shown;         /* the last draw's visible areas and aspects */
	int cols_shown;

	struct textview panel;  /* the texts of the cell under the cursor */
	bool panel_ok;          /* built for the cursor's cell and data */

	int copy_from;          /* 'c': the year asked about */
};

enum {
	CL_UP = 1, CL_DOWN, CL_LEFT, CL_RIGHT, CL_HOME, CL_END, CL_FIRST, CL_LAST,
	CL_MEETS, CL_PARTLY, CL_FAILS, CL_NA, CL_OPEN,
	CL_EDIT, CL_PANEL_UP, CL_PANEL_DOWN,
	CL_COPY, CL_PREV_YEAR, CL_NEXT_YEAR, CL_SCHOOL,
};

/* ============================================================= key tables */

/* The status keys are explained on a line of the screen itself: the key bar
 * has room for three keys beside the global ones. */
static const struct keydef checklist_keys[] = {
	{ CL_EDIT, { TK_ENTER, 'e' }, "Bewerken",
	  "De cel bewerken: status, eigen beschrijving of aanvulling, notitie en "
	  "protocol/document (Enter of e)" },
	{ CL_COPY, { 'c' }, "Vorig jaar",
	  "De checklist van vorig schooljaar overnemen in de cellen die dit jaar nog leeg "
	  "zijn (met een vraag)" },
	{ CL_SCHOOL, { 's' }, "School", "Een andere school kiezen (als er meer dan één is)" },
	{ CL_MEETS, { '1' }, NULL, "Status van de cel: voldoet (meteen opgeslagen)" },
	{ CL_PARTLY, { '2' }, NULL, "Status van de cel: deels (meteen opgeslagen)" },
	{ CL_FAILS, { '3' }, NULL, "Status van de cel: voldoet niet (meteen opgeslagen)" },
	{ CL_NA, { '4' }, NULL, "Status van de cel: n.v.t. (meteen opgeslagen)" },
	{ CL_OPEN, { '0', TK_DELETE }, NULL,
	  "De status van de cel wissen: weer open, nog niet beoordeeld (0 of Delete); "
	  "notitie en document blijven staan" },
	{ CL_UP, { TK_UP, 'k' }, NULL, "Naar het ontwikkelingsgebied erboven" },
	{ CL_DOWN, { TK_DOWN, 'j' }, NULL, "Naar het ontwikkelingsgebied eronder" },
	{ CL_LEFT, { TK_LEFT, 'h' }, NULL, "Naar het aspect links" },
	{ CL_RIGHT, { TK_RIGHT, 'l' }, NULL, "Naar het aspect rechts" },
	{ CL_HOME, { TK_HOME }, NULL, "Naar het eerste aspect van het gebied" },
	{ CL_END, { TK_END }, NULL, "Naar het laatste aspect van het gebied" },
	{ CL_FIRST, { 'g' }, NULL, "Naar het eerste ontwikkelingsgebied" },
	{ CL_LAST, { 'G' }, NULL, "Naar het laatste ontwikkelingsgebied" },
	{ CL_PANEL_UP, { TK_PGUP }, NULL, "De tekst onder het raster een pagina terug" },
	{ CL_PANEL_DOWN, { TK_PGDN, ' ' }, NULL,
	  "De tekst onder het raster een pagina verder (PgDn of spatie)" },
	{ CL_PREV_YEAR, { '<', '[' }, NULL, "Het vorige schooljaar" },
	{ CL_NEXT_YEAR, { '>', ']' }, NULL,
	  "Het volgende schooljaar (tot en met het schooljaar na het huidige)" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const checklist_tables[] = { checklist_keys, NULL };

/* ================================================================ helpers */

static const struct basis_grid *grid_of(const struct tui *t)
{
	return &t->app->dom.basis;
}

static bool grid_empty(const struct tui *t)
{
	const struct basis_grid *g = grid_of(t);

	return g->nareas <= 0 || g->naspects <= 0;
}

static const char *dash(const struct tui *t)
{
	return t->utf8 ? "—" : "-";
}

static const char *dot(const struct tui *t)
{
	return t->utf8 ? "·" : "-";
}

static bool has_school(const struct checklist *c)
{
	return c->school >= 0 && c->school < c->nschools;
}

static const char *school_name(const struct checklist *c)
{
	if (!has_school(c))
		return "geen school";
	return c->schools[c->school].name ? c->schools[c->school].name : "";
}

/* The stored cell of area index r and aspect index k, or NULL (open). */
static const struct basis_cell *cell_at(const struct checklist *c, const struct tui *t, int r,
					int k)
{
	const struct basis_grid *g = grid_of(t);

	if (!c->at || r < 0 || r >= g->nareas || k < 0 || k >= g->naspects)
		return NULL;
	int i = c->at[r * g->naspects + k];
	return i >= 0 ? &c->cells[i] : NULL;
}

static enum basis_status status_at(const struct checklist *c, const struct tui *t, int r, int k)
{
	const struct basis_cell *cell = cell_at(c, t, r, k);

	return cell ? cell->status : BASIS_OPEN;
}

/* The short word of a status in a grid cell. */
static const char *status_word(enum basis_status s)
{
	switch (s) {
	case BASIS_MEETS:
		return "voldoet";
	case BASIS_PARTLY:
		return "deels";
	case BASIS_FAILS:
		return "niet";
	case BASIS_NA:
		return "n.v.t.";
	case BASIS_OPEN:
		break;
	}
	return "open";
}

/* The colour of a status: green for voldoet, yellow for deels, red for
 * voldoet niet (the heat map's ends), dim for n.v.t. */
static enum role status_role(enum basis_status s)
{
	switch (s) {
	case BASIS_MEETS:
		return score_role(4);
	case BASIS_PARTLY:
		return score_role(2);
	case BASIS_FAILS:
		return score_role(1);
	case BASIS_NA:
		return ROLE_DIM;
	case BASIS_OPEN:
		break;
	}
	return ROLE_NORMAL;
}

/* A new cell of the grid for the school and year shown: its row is not
 * stored yet. */
static void cell_new(const struct checklist *c, const struct tui *t, int r, int k,
		     struct basis_cell *out)
{
	const struct basis_grid *g = grid_of(t);

	memset(out, 0, sizeof(*out));
	out->school_id = c->schools[c->school].id;
	out->school_year = c->year;
	out->area = g->areas[r].number;
	out->aspect = xstrdup(g->aspect_keys[k]);
	out->status = BASIS_OPEN;
}

/* ================================================================ loading */

static void data_free(struct checklist *c)
{
	basis_cells_free(c->cells, c->ncells);
	c->cells = NULL;
	c->ncells = 0;
	free(c->at);
	c->at = NULL;
	memset(c->counts, 0, sizeof(c->counts));
}

/* Where a stored cell goes in the grid; false for a cell of an area or
 * aspect the grid (a school's own, changed since) does not have. */
static bool place(const struct basis_grid *g, const struct basis_cell *cell, int *r, int *k)
{
	*r = *k = -1;
	for (int i = 0; i < g->nareas; i++)
		if (g->areas[i].number == cell->area)
			*r = i;
	for (int i = 0; i < g->naspects && cell->aspect; i++)
		if (strcmp(g->aspect_keys[i], cell->aspect) == 0)
			*k = i;
	return *r >= 0 && *k >= 0;
}

/* Read the cells of the school and year. Known even after a failure, so
 * that the error shows once rather than on every draw. */
static void load(struct checklist *c, struct tui *t)
{
	const struct basis_grid *g = grid_of(t);
	struct ibis_error err;
	size_t n = grid_empty(t) ? 1 : (size_t)g->nareas * (size_t)g->naspects;

	data_free(c);
	c->loaded = true;
	c->changes = t->changes;
	c->panel_ok = false;
	c->at = xmalloc(n * sizeof(*c->at));
	for (size_t i = 0; i < n; i++)
		c->at[i] = -1;
	if (!has_school(c) || grid_empty(t))
		return;
	if (db_basis_list(t->app->db, c->schools[c->school].id, c->year, &c->cells, &c->ncells,
			  &err) != IBIS_OK) {
		tui_report(t, &err);
		c->cells = NULL;
		c->ncells = 0;
	}
	for (int i = 0; i < c->ncells; i++) {
		int r, k;
		if (place(g, &c->cells[i], &r, &k) && c->at[r * g->naspects + k] < 0)
			c->at[r * g->naspects + k] = i;
	}
	for (int r = 0; r < g->nareas; r++) {
		for (int k = 0; k < g->naspects; k++) {
			enum basis_status s = status_at(c, t, r, k);
			if ((int)s >= 0 && (int)s < BASIS_NSTATUS)
				c->counts[s]++;
		}
	}
}

/* ================================================================== enter */

static int checklist_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct checklist *c = s->state;
	const struct school_arg *a = arg;
	struct ibis_error err;

	c->self = s;
	tv_init(&c->panel);
	c->year = a && a->school_year > 0 ? a->school_year : schoolyear_of(date_today());
	if (db_school_list(t->app->db, &c->schools, &c->nschools, &err) != IBIS_OK) {
		tui_report(t, &err);
		return TR_POP;
	}
	c->school = c->nschools > 0 ? 0 : -1;
	for (int i = 0; a && a->school_id && i < c->nschools; i++)
		if (c->schools[i].id == a->school_id)
			c->school = i;
	load(c, t);
	return TR_REDRAW;
}

static void checklist_leave(struct screen *s, struct tui *t)
{
	struct checklist *c = s->state;

	(void)t;
	data_free(c);
	schools_free(c->schools, c->nschools);
	tv_free(&c->panel);
}

/* ================================================================== panel */

/* "Label   value" with a label column wide enough for "Eigen beschrijving". */
static void panel_fact(struct checklist *c, const struct tui *t, const char *label,
		       const char *value)
{
	struct tv_para p = {
		.role = ROLE_NORMAL,
		.lead_role = ROLE_LABEL,
		.indent = 0,
		.lead = (char *)label,
		.lead_cols = 20,
		.text = (char *)(!str_empty(value) ? value : dash(t)),
	};
	tv_add(&c->panel, &p);
}

/* The texts of the cell under the cursor: the norm's (or that it has none),
 * the school's own, the status, the note and the document. */
static void build_panel(struct checklist *c, struct tui *t)
{
	const struct basis_grid *g = grid_of(t);

	tv_free(&c->panel);
	tv_init(&c->panel);
	c->panel_ok = true;
	if (grid_empty(t) || !has_school(c))
		return;
	const char *norm = g->areas[c->row].texts ? g->areas[c->row].texts[c->col] : NULL;
	const struct basis_cell *cell = cell_at(c, t, c->row, c->col);
	bool own = str_empty(norm);

	if (own)
		tv_text(&c->panel, ROLE_DIM, 0, no_norm_text);
	else
		tv_text(&c->panel, ROLE_NORMAL, 0, norm);
	tv_text(&c->panel, ROLE_NORMAL, 0, "");
	if (own || (cell && !str_empty(cell->description)))
		panel_fact(c, t, own ? "Eigen beschrijving" : "Aanvulling school",
			   cell ? cell->description : NULL);
	panel_fact(c, t, "Status", basis_status_label(cell ? cell->status : BASIS_OPEN));
	panel_fact(c, t, "Notitie", cell ? cell->note : NULL);
	panel_fact(c, t, "Protocol/document", cell ? cell->document : NULL);
}

/* ================================================================== layout */

struct layout {
	int label_w;            /* the area column */
	int cell_w;             /* a cell column, its gap included */
	int ncols;              /* aspect columns that fit */
	int grid_rows;          /* area rows that fit */
	bool legend;            /* room for the line of status keys */
	int panel_y;            /* the panel's title row */
};

/* The widest area label ("8 Fysieke en medische ..."). */
static int label_need(const struct tui *t)
{
	const struct basis_grid *g = grid_of(t);
	int need = text_cols("Ontwikkelingsgebied");

	for (int i = 0; i < g->nareas; i++) {
		char *s = xasprintf("%d %s", g->areas[i].number, g->areas[i].name);
		int w = text_cols(s);
		free(s);
		if (w > need)
			need = w;
	}
	return need;
}

static struct layout layout_for(struct checklist *c, struct tui *t, int y)
{
	const struct basis_grid *g = grid_of(t);
	struct layout L;
	int n = g->naspects;
	int width = COLS - 2;

	/* Columns: the base width when the area column keeps its minimum;
	 * narrower cells, then sideways scrolling, when it does not; the
	 * room left over goes to the area names first, then the cells. */
	L.cell_w = CELL_BASE;
	L.ncols = n;
	if (width - n * L.cell_w < LABEL_MIN) {
		L.cell_w = (width - LABEL_MIN) / n;
		if (L.cell_w < CELL_MIN) {
			L.cell_w = CELL_MIN;
			L.ncols = (width - LABEL_MIN) / CELL_MIN;
			if (L.ncols < 1)
				L.ncols = 1;
		}
	}
	L.label_w = width - L.ncols * L.cell_w;
	int need = label_need(t) + 1;
	if (L.ncols == n && L.label_w > need) {
		int grow = (L.label_w - need) / n;
		if (L.cell_w + grow > CELL_MAX)
			grow = CELL_MAX - L.cell_w;
		if (grow > 0)
			L.cell_w += grow;
		L.label_w = width - L.ncols * L.cell_w;
	}

	/* Rows: headings, the areas, the summary, the keys' line, the panel
	 * (its title and text) down to the key bar. */
	int avail = LINES - 1 - y;
	int fixed = 1 + 1 + 1 + PANEL_MIN;
	L.grid_rows = g->nareas;
	if (L.grid_rows > avail - fixed - 1)
		L.grid_rows = avail - fixed - 1;
	if (L.grid_rows < 1)
		L.grid_rows = 1;
	L.legend = avail - fixed - L.grid_rows >= 1;
	L.panel_y = y + 1 + L.grid_rows + 1 + (L.legend ? 1 : 0);

	/* Keep the cursor inside the window. */
	if (c->row < c->top)
		c->top = c->row;
	if (c->row >= c->top + L.grid_rows)
		c->top = c->row - L.grid_rows + 1;
	if (c->top > g->nareas - L.grid_rows)
		c->top = g->nareas - L.grid_rows;
	if (c->top < 0)
		c->top = 0;
	if (c->col < c->left)
		c->left = c->col;
	if (c->col >= c->left + L.ncols)
		c->left = c->col - L.ncols + 1;
	if (c->left > n - L.ncols)
		c->left = n - L.ncols;
	if (c->left < 0)
		c->left = 0;
	c->rows_shown = L.grid_rows;
	c->cols_shown = L.ncols;
	return L;
}

/* An aspect's heading in w columns: its name, or without the parts in
 * brackets ("(Fysieke) ruimte(s)" -> "Ruimte") when the name does not fit;
 * the draw cuts what still does not. Caller frees. */
static char *aspect_heading(const char *name, int w)
{
	if (text_cols(name) <= w)
		return xstrdup(name);
	struct strbuf sb = { 0 };
	int depth = 0;
	for (const char *p = name; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		else if (depth == 0)
			sb_addc(&sb, *p);
	}
	char *raw = sb_take(&sb);
	char *s = str_trim(raw);
	free(raw);
	if (!s[0]) {
		free(s);
		return xstrdup(name);
	}
	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)(s[0] - 'a' + 'A');
	return s;
}

/* ==================================================================== draw */

/* What a cell shows: "✓ voldoet", "· open", or "(school)" for an open cell
 * the norm leaves to the school and the school has not described yet.
 * Caller frees. */
static char *cell_text(const struct checklist *c, const struct tui *t, int r, int k,
		       bool *school_part)
{
	const struct basis_grid *g = grid_of(t);
	const struct basis_cell *cell = cell_at(c, t, r, k);
	enum basis_status s = cell ? cell->status : BASIS_OPEN;
	const char *norm = g->areas[r].texts ? g->areas[r].texts[k] : NULL;

	*school_part = false;
	if (s == BASIS_OPEN) {
		if (str_empty(norm) && (!cell || str_empty(cell->description))) {
			*school_part = true;
			return xstrdup("(school)");
		}
		return xasprintf("%s open", t->utf8 ? "·" : ".");
	}
	return xasprintf("%s %s", basis_status_mark(s, t->utf8), status_word(s));
}

static void draw_grid(struct checklist *c, struct tui *t, const struct layout *L, int y)
{
	const struct basis_grid *g = grid_of(t);
	attr_t ha = role_attr(t, ROLE_COLUMNS);
	int x0 = 1;

	draw_text(y, x0, L->label_w - 1,
		  text_cols("Ontwikkelingsgebied") < L->label_w ? "Ontwikkelingsgebied" : "Gebied", ha);
	for (int j = 0; j < L->ncols && c->left + j < g->naspects; j++) {
		int k = c->left + j;
		int x = x0 + L->label_w + j * L->cell_w;
		char *h = aspect_heading(g->aspect_names[k], L->cell_w - 1);
		draw_text(y, x, L->cell_w - 1, h, k == c->col ? ha | A_REVERSE : ha);
		free(h);
	}
	/* More aspects than fit: say which way the others are. */
	if (c->left > 0)
		draw_text(y, x0 + L->label_w - 2, 1, t->utf8 ? "◂" : "<", ha);
	if (c->left + L->ncols < g->naspects)
		draw_text(y, COLS - 1, 1, t->utf8 ? "▸" : ">", ha);
	y++;

	for (int i = 0; i < L->grid_rows && c->top + i < g->nareas; i++) {
		int r = c->top + i;
		char *label = xasprintf("%d %s", g->areas[r].number, g->areas[r].name);
		draw_text(y + i, x0, L->label_w - 1, label,
			  r == c->row ? role_attr(t, ROLE_LABEL) : role_attr(t, ROLE_NORMAL));
		free(label);
		for (int j = 0; j < L->ncols && c->left + j < g->naspects; j++) {
			int k = c->left + j;
			int x = x0 + L->label_w + j * L->cell_w;
			bool school_part;
			char *text = cell_text(c, t, r, k, &school_part);
			enum basis_status s = status_at(c, t, r, k);
			attr_t a = r == c->row && k == c->col ? role_attr(t, ROLE_SELECTED)
				 : school_part		  ? role_attr(t, ROLE_DIM)
							  : role_attr(t, status_role(s));
			draw_fill(y + i, x, L->cell_w - 1, a);
			draw_text(y + i, x, L->cell_w - 1, text, a);
			free(text);
		}
	}
	if (c->top > 0 || c->top + L->grid_rows < g->nareas) {
		char *pos = xasprintf("gebied %d%s%d van %d", c->top + 1, t->utf8 ? "–" : "-",
				      c->top + L->grid_rows, g->nareas);
		int w = text_cols(pos);
		draw_text(y - 1, COLS - 1 - w, w, pos, role_attr(t, ROLE_DIM));
		free(pos);
	}
}

/* "Voldoet 20 · Deels 8 · Voldoet niet 2 · n.v.t. 3 · Open 15". Caller
 * frees. */
static char *summary_text(const struct checklist *c, const struct tui *t)
{
	return xasprintf("Voldoet %d %s Deels %d %s Voldoet niet %d %s n.v.t. %d %s Open %d",
			 c->counts[BASIS_MEETS], dot(t), c->counts[BASIS_PARTLY], dot(t),
			 c->counts[BASIS_FAILS], dot(t), c->counts[BASIS_NA], dot(t),
			 c->counts[BASIS_OPEN]);
}

static void draw_panel(struct checklist *c, struct tui *t, int y)
{
	const struct basis_grid *g = grid_of(t);
	int height = LINES - 1 - (y + 1);

	if (height < 1)
		return;
	if (!c->panel_ok)
		build_panel(c, t);
	char *title = xasprintf("%d %s %s %s", g->areas[c->row].number, g->areas[c->row].name,
				dot(t), g->aspect_names[c->col]);
	attr_t la = role_attr(t, ROLE_LABEL);
	tv_draw(t, &c->panel, y + 1, height);
	int rw = 0;
	if (c->panel.nlines > height) {
		int last = c->panel.list.top + height < c->panel.nlines ? c->panel.list.top + height
									: c->panel.nlines;
		char *pos = xasprintf("PgDn/PgUp %s regel %d%s%d van %d", dot(t),
				      c->panel.list.top + 1, t->utf8 ? "–" : "-", last,
				      c->panel.nlines);
		rw = text_cols(pos);
		draw_text(y, COLS - 1 - rw, rw, pos, role_attr(t, ROLE_DIM));
		free(pos);
	}
	draw_text(y, 1, COLS - 2 - (rw ? rw + 2 : 0), title, la | A_UNDERLINE);
	free(title);
}

static void checklist_draw(struct screen *s, struct tui *t)
{
	struct checklist *c = s->state;
	const struct basis_grid *g = grid_of(t);
	char sy[16];

	if (!c->loaded || c->changes != t->changes)
		load(c, t);
	schoolyear_format(c->year, sy);
	char *left = xasprintf("Basisondersteuning %s %s %s %s", dash(t), school_name(c), dash(t),
			       sy);
	char *right = NULL;
	if (has_school(c) && !grid_empty(t)) {
		int total = g->nareas * g->naspects;
		right = xasprintf("%d van %d beoordeeld", total - c->counts[BASIS_OPEN], total);
	}
	int y = draw_header(t, left, right);
	free(left);
	free(right);

	if (!has_school(c)) {
		draw_text(y + 1, 2, COLS - 4, no_school_text, role_attr(t, ROLE_DIM));
		return;
	}
	if (grid_empty(t)) {
		char *msg = xasprintf("Het raster %s beschrijft geen gebieden of aspecten.",
				      g->path ? g->path : "basisondersteuning.ini");
		draw_text(y + 1, 2, COLS - 4, msg, role_attr(t, ROLE_DIM));
		free(msg);
		return;
	}

	struct layout L = layout_for(c, t, y);
	draw_grid(c, t, &L, y);
	int sy_row = y + 1 + L.grid_rows;
	char *sum = summary_text(c, t);
	draw_text(sy_row, 1, COLS - 2, sum, role_attr(t, ROLE_NORMAL) | A_BOLD);
	free(sum);
	if (L.legend) {
		char *keys = xasprintf("1 voldoet %s 2 deels %s 3 voldoet niet %s 4 n.v.t. %s "
				       "0 open %s < > schooljaar",
				       dot(t), dot(t), dot(t), dot(t), dot(t));
		draw_text(sy_row + 1, 1, COLS - 2, keys, role_attr(t, ROLE_DIM));
		free(keys);
	}
	draw_panel(c, t, L.panel_y);
}

/* ================================================================= actions */

static void cursor_to(struct checklist *c, struct tui *t, int row, int col)
{
	const struct basis_grid *g = grid_of(t);

	if (row < 0)
		row = 0;
	if (row >= g->nareas)
		row = g->nareas - 1;
	if (col < 0)
		col = 0;
	if (col >= g->naspects)
		col = g->naspects - 1;
	if (row == c->row && col == c->col)
		return;
	c->row = row;
	c->col = col;
	c->panel_ok = false;
}

static int move_cursor(struct checklist *c, struct tui *t, int dr, int dk)
{
	int row = c->row, col = c->col;

	if (grid_empty(t))
		return TR_HANDLED;
	cursor_to(c, t, row + dr, col + dk);
	return row != c->row || col != c->col ? TR_HANDLED | TR_REDRAW : TR_HANDLED;
}

/* Store status st in the cell under the cursor at once. A failed write is
 * reported and the cells are read again, so that what shows is what is
 * stored (a colleague's change included). */
static int set_status(struct checklist *c, struct tui *t, enum basis_status st)
{
	struct basis_cell cell;
	struct ibis_error err;

	if (!has_school(c) || grid_empty(t))
		return TR_HANDLED;
	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	const struct basis_cell *cur = cell_at(c, t, c->row, c->col);
	if ((cur ? cur->status : BASIS_OPEN) == st)
		return TR_HANDLED;
	if (cur)
		basis_cell_copy(&cell, cur);
	else
		cell_new(c, t, c->row, c->col, &cell);
	cell.status = st;
	enum ibis_status rc = db_basis_put(t->app->db, &cell, &err);
	basis_cell_clear(&cell);
	if (rc != IBIS_OK)
		tui_report(t, &err);
	else
		t->changes++;
	load(c, t);
	return TR_HANDLED | TR_REDRAW;
}

static int change_year(struct checklist *c, struct tui *t, int delta)
{
	int year = c->year + delta;

	/* The coming school year is prepared in spring; further ahead nothing
	 * is known. 1900 is where dates end. */
	if (year > schoolyear_of(date_today()) + 1 || year < 1900)
		return TR_HANDLED;
	c->year = year;
	load(c, t);
	return TR_HANDLED | TR_REDRAW;
}

static void message(struct tui *t, const char *title, const char *text)
{
	struct dialog_arg a = { .title = title, .text = text };

	tui_push(t, &dialog_screen, &a);
}

static int school_chosen(void *ctx, struct tui *t, int id, int choice)
{
	struct checklist *c = ctx;

	(void)id;
	if (choice < 0 || choice >= c->nschools || choice == c->school)
		return TR_REDRAW;
	c->school = choice;
	load(c, t);
	return TR_REDRAW;
}

static int choose_school(struct checklist *c, struct tui *t)
{
	if (c->nschools < 2) {
		message(t, "School", c->nschools == 1 ? "Er is maar één school." : no_school_text);
		return TR_HANDLED | TR_REDRAW;
	}
	struct prompt_arg a = {
		.text = "De checklist van welke school?",
		.selected = c->school,
		.done = school_chosen,
		.ctx = c,
	};
	prompt_school(t, &a, c->schools, c->nschools);
	return TR_HANDLED | TR_REDRAW;
}

/* ------------------------------------------------------------------ copy */

static int copy_now(struct tui *t, void *ctx)
{
	struct checklist *c = ctx;
	struct ibis_error err;
	char from[16], to[16];
	int copied = 0;

	if (!has_school(c))
		return TR_REDRAW;
	schoolyear_format(c->copy_from, from);
	schoolyear_format(c->year, to);
	if (db_basis_copy_year(t->app->db, c->schools[c->school].id, c->copy_from, c->year,
			       &copied, &err) != IBIS_OK) {
		tui_report(t, &err);
		load(c, t);
		return TR_REDRAW;
	}
	if (copied > 0)
		t->changes++;
	load(c, t);
	char *text = copied > 0
		? xasprintf("%d %s overgenomen uit %s.", copied, copied == 1 ? "cel" : "cellen", from)
		: xasprintf("Niets overgenomen: alle cellen van %s die in %s zijn ingevuld, "
			    "staan in %s al.", from, from, to);
	message(t, "Vorig jaar overnemen", text);
	free(text);
	return TR_REDRAW;
}

static int copy_ask(struct checklist *c, struct tui *t)
{
	struct basis_cell *prev = NULL;
	struct ibis_error err;
	char from[16], to[16];
	int n = 0;

	if (!has_school(c) || grid_empty(t))
		return TR_HANDLED;
	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	c->copy_from = c->year - 1;
	schoolyear_format(c->copy_from, from);
	schoolyear_format(c->year, to);
	if (db_basis_list(t->app->db, c->schools[c->school].id, c->copy_from, &prev, &n, &err) !=
	    IBIS_OK) {
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	basis_cells_free(prev, n);
	if (n == 0) {
		char *text = xasprintf("In %s is de checklist van %s niet ingevuld; er is niets "
				       "over te nemen.", from, school_name(c));
		message(t, "Vorig jaar overnemen", text);
		free(text);
		return TR_HANDLED | TR_REDRAW;
	}
	char *text = xasprintf("De checklist van %s (%d %s) overnemen in %s?\nAlleen cellen die "
			       "in %s nog leeg zijn worden ingevuld; wat al is ingevuld blijft "
			       "staan. (j/n)",
			       from, n, n == 1 ? "cel" : "cellen", to, to);
	struct dialog_arg a = {
		.title = "Vorig jaar overnemen",
		.text = text,
		.question = true,
		.on_yes = copy_now,
		.ctx = c,
	};
	tui_push(t, &dialog_screen, &a);
	free(text);
	return TR_HANDLED | TR_REDRAW;
}

/* ------------------------------------------------------------ the form */

struct cellform_arg {
	const struct basis_cell *cell;  /* copied */
	const char *title;              /* header left */
	const char *year;               /* header right */
	const char *area;               /* "1 Lees-spellingsproblemen/dyslexie" */
	const char *aspect;             /* "Aanbod" */
	const char *norm;               /* the norm's text; NULL when none */
};

static const struct screen_ops cellform_screen;

static int edit_cell(struct checklist *c, struct tui *t)
{
	const struct basis_grid *g = grid_of(t);
	struct basis_cell cell;
	char sy[16];

	if (!has_school(c) || grid_empty(t))
		return TR_HANDLED;
	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	const struct basis_cell *cur = cell_at(c, t, c->row, c->col);
	if (cur)
		basis_cell_copy(&cell, cur);
	else
		cell_new(c, t, c->row, c->col, &cell);
	char *title = xasprintf("Basisondersteuning %s %s", dash(t), school_name(c));
	char *area = xasprintf("%d %s", g->areas[c->row].number, g->areas[c->row].name);
	struct cellform_arg a = {
		.cell = &cell,
		.title = title,
		.year = schoolyear_format(c->year, sy),
		.area = area,
		.aspect = g->aspect_names[c->col],
		.norm = g->areas[c->row].texts ? g->areas[c->row].texts[c->col] : NULL,
	};
	tui_push(t, &cellform_screen, &a);
	basis_cell_clear(&cell);
	free(title);
	free(area);
	return TR_HANDLED | TR_REDRAW;
}

static int panel_scroll(struct checklist *c, enum list_move how)
{
	return list_scroll(&c->panel.list, how) ? TR_HANDLED | TR_REDRAW : TR_HANDLED;
}

static const struct keydef *checklist_keymap(struct screen *s)
{
	(void)s;
	return checklist_keys;
}

static int checklist_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct checklist *c = s->state;
	const struct basis_grid *g = grid_of(t);

	(void)key;
	switch (action) {
	case CL_UP:
		return move_cursor(c, t, -1, 0);
	case CL_DOWN:
		return move_cursor(c, t, 1, 0);
	case CL_LEFT:
		return move_cursor(c, t, 0, -1);
	case CL_RIGHT:
		return move_cursor(c, t, 0, 1);
	case CL_HOME:
		return move_cursor(c, t, 0, -c->col);
	case CL_END:
		return move_cursor(c, t, 0, g->naspects - 1 - c->col);
	case CL_FIRST:
		return move_cursor(c, t, -c->row, 0);
	case CL_LAST:
		return move_cursor(c, t, g->nareas - 1 - c->row, 0);
	case CL_MEETS:
		return set_status(c, t, BASIS_MEETS);
	case CL_PARTLY:
		return set_status(c, t, BASIS_PARTLY);
	case CL_FAILS:
		return set_status(c, t, BASIS_FAILS);
	case CL_NA:
		return set_status(c, t, BASIS_NA);
	case CL_OPEN:
		return set_status(c, t, BASIS_OPEN);
	case CL_EDIT:
		return edit_cell(c, t);
	case CL_PANEL_UP:
		return panel_scroll(c, LM_PGUP);
	case CL_PANEL_DOWN:
		return panel_scroll(c, LM_PGDN);
	case CL_COPY:
		return copy_ask(c, t);
	case CL_PREV_YEAR:
		return change_year(c, t, -1);
	case CL_NEXT_YEAR:
		return change_year(c, t, 1);
	case CL_SCHOOL:
		return choose_school(c, t);
	default:
		return 0;
	}
}

const struct screen_ops checklist_screen = {
	.name = "Basisondersteuning",
	.state_size = sizeof(struct checklist),
	.enter = checklist_enter,
	.draw = checklist_draw,
	.tables = checklist_tables,
	.keymap = checklist_keymap,
	.action = checklist_action,
	.leave = checklist_leave,
};

/* ============================================================ cell form */

/* The rows of the cell's form. */
enum { R_STATUS, R_DESC, R_NOTE, R_DOC, R_COUNT };

struct cellform {
	struct screen *self;
	struct basis_cell cell;   /* as read; its id and version are the ones a
				   * save names */
	char *title, *year, *area, *aspect, *norm;
	bool own;                 /* the norm gives no text: the school writes it */
	struct rowform rf;
	char *notice;             /* why the last save did not go through */
};

#define LABEL_COLS 20

static void cf_notice(struct cellform *f, const char *msg)
{
	free(f->notice);
	f->notice = msg ? xstrdup(msg) : NULL;
}

/* A stored text on one line for its field (a text written elsewhere may hold
 * line breaks). Caller frees. */
static void cf_set(struct cellform *f, int i, const char *stored)
{
	char *one = rf_one_line(stored);

	rf_set(&f->rf, i, one);
	free(one);
}

/* What goes into the record: the stored text itself (line breaks and all)
 * while the field still shows it unchanged, else what was typed. Caller
 * frees; NULL when empty. */
static char *cf_value(const struct cellform *f, int i, const char *stored)
{
	char *typed = rf_get_opt(&f->rf, i);
	char *shown = rf_one_line(stored);
	char *trimmed = shown ? str_trim(shown) : NULL;
	bool same = typed && trimmed && strcmp(typed, trimmed) == 0;

	free(shown);
	free(trimmed);
	if (same) {
		free(typed);
		return xstrdup(stored);
	}
	return typed;
}

static int cellform_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct cellform *f = s->state;
	const struct cellform_arg *a = arg;

	f->self = s;
	if (tui_refuse_readonly(t))
		return TR_POP;
	basis_cell_copy(&f->cell, a->cell);
	f->title = xstrdup(a->title);
	f->year = xstrdup(a->year);
	f->area = xstrdup(a->area);
	f->aspect = xstrdup(a->aspect);
	f->norm = str_empty(a->norm) ? NULL : xstrdup(a->norm);
	f->own = f->norm == NULL;

	struct rowform *rf = &f->rf;
	rf_init(rf, R_COUNT);
	rf_choice(rf, R_STATUS, "Status", false);
	for (int st = 0; st < BASIS_NSTATUS; st++)
		rf_add_choice(rf, R_STATUS, basis_status_label((enum basis_status)st));
	rf_text(rf, R_DESC, f->own ? "Eigen beschrijving" : "Aanvulling school", 2000, f->own);
	rf_text(rf, R_NOTE, "Notitie", 2000, false);
	rf_text(rf, R_DOC, "Protocol/document", 500, false);
	rf->rows[R_STATUS].hint = "Voldoet, deels, voldoet niet, n.v.t. of open";
	rf->rows[R_DESC].hint = f->own
		? "De norm beschrijft dit aspect niet: beschrijf wat de school hier biedt"
		: "Wat de school toevoegt aan de tekst van de norm (niet verplicht)";
	rf->rows[R_NOTE].hint = "Wat opviel, wat nog moet gebeuren";
	rf->rows[R_DOC].hint = "Het protocol of document waarop dit rust (naam, plaats of link)";
	int st = f->cell.status;
	rf->rows[R_STATUS].choice = st >= 0 && st < BASIS_NSTATUS ? st : 0;
	cf_set(f, R_DESC, f->cell.description);
	cf_set(f, R_NOTE, f->cell.note);
	cf_set(f, R_DOC, f->cell.document);
	rf_mark_initial(rf);
	/* A cell the school still has to describe starts on its description. */
	rf->focus = f->own && str_empty(f->cell.description) ? R_DESC : R_STATUS;
	return TR_REDRAW;
}

static void cellform_leave(struct screen *s, struct tui *t)
{
	struct cellform *f = s->state;

	(void)t;
	rf_free(&f->rf);
	basis_cell_clear(&f->cell);
	free(f->title);
	free(f->year);
	free(f->area);
	free(f->aspect);
	free(f->norm);
	free(f->notice);
}

/* Text wrapped at x in width columns from row y, at most lines rows, the
 * last ending in an ellipsis when there is more. Returns the rows used. */
static int draw_wrapped(const struct tui *t, int y, int x, int width, int lines,
			const char *text, attr_t attr)
{
	struct strlist wrapped = { 0 };
	const char *more = t->utf8 ? "…" : "...";
	int used = 0;

	if (lines < 1)
		return 0;
	text_wrap(text, width, &wrapped);
	for (size_t i = 0; i < wrapped.len && used < lines; i++, used++) {
		if (used == lines - 1 && i + 1 < wrapped.len) {
			/* A full line is cut, which draws the mark itself. */
			int mw = text_cols(more);
			if (text_cols(wrapped.items[i]) + 1 + mw <= width) {
				int w = draw_text(y + used, x, width, wrapped.items[i], attr);
				draw_text(y + used, x + w + 1, mw, more, attr);
			} else {
				draw_text(y + used, x, width - mw - 1, wrapped.items[i], attr);
			}
		} else {
			draw_text(y + used, x, width, wrapped.items[i], attr);
		}
	}
	sl_free(&wrapped);
	return used;
}

static void cellform_draw(struct screen *s, struct tui *t)
{
	struct cellform *f = s->state;
	int y = draw_header(t, f->title, f->year);
	int x = 2;
	int width = COLS - 2 * x;
	attr_t la = role_attr(t, ROLE_LABEL);
	attr_t na = role_attr(t, ROLE_NORMAL);

	draw_text(y, x, LABEL_COLS, "Gebied", la);
	draw_text(y++, x + LABEL_COLS + 1, width - LABEL_COLS - 1, f->area, na);
	draw_text(y, x, LABEL_COLS, "Aspect", la);
	draw_text(y++, x + LABEL_COLS + 1, width - LABEL_COLS - 1, f->aspect, na);

	/* The norm gets the rows the form, its notice and the hint leave. */
	struct strlist notice = { 0 };
	if (f->notice)
		text_wrap(f->notice, width, &notice);
	int nnotice = notice.len > 3 ? 3 : (int)notice.len;
	sl_free(&notice);
	int messages = 0;
	for (int i = 0; i < f->rf.n; i++)
		if (f->rf.rows[i].message)
			messages++;
	int form_rows = R_COUNT + messages;
	int room = (LINES - 2) - (y + 1) - 1 - (nnotice ? nnotice + 1 : 0) - form_rows - 1;
	y++;
	draw_text(y, x, LABEL_COLS, "Norm", la);
	int used = f->norm ? draw_wrapped(t, y, x + LABEL_COLS + 1, width - LABEL_COLS - 1, room,
					  f->norm, na)
			   : draw_wrapped(t, y, x + LABEL_COLS + 1, width - LABEL_COLS - 1, room,
					  no_norm_text, role_attr(t, ROLE_DIM));
	y += used > 0 ? used : 1;
	/* A blank row, the notice, a blank row, the form. */
	if (f->notice)
		y = rf_draw_notice(t, f->notice, y, x);
	y++;
	rf_draw(t, &f->rf, y, x, LABEL_COLS);
	rf_draw_hint(t, &f->rf, LINES - 2);
}

/* After a refused write: read the cell as it is stored now, so that a
 * second F2 is a deliberate save over a colleague's change. True when it
 * was changed (or removed, or added) meanwhile. */
static bool cf_reread(struct cellform *f, struct tui *t)
{
	struct basis_cell *cells = NULL;
	struct ibis_error err;
	int n = 0;
	bool changed = false;

	if (db_basis_list(t->app->db, f->cell.school_id, f->cell.school_year, &cells, &n, &err) !=
	    IBIS_OK)
		return false;
	ibis_id id = 0;
	int version = 0;
	for (int i = 0; i < n; i++) {
		if (cells[i].area == f->cell.area && cells[i].aspect && f->cell.aspect &&
		    strcmp(cells[i].aspect, f->cell.aspect) == 0) {
			id = cells[i].id;
			version = cells[i].version;
		}
	}
	basis_cells_free(cells, n);
	if (id != f->cell.id || version != f->cell.version) {
		f->cell.id = id;
		f->cell.version = version;
		changed = true;
	}
	return changed;
}

static int cellform_save(struct cellform *f, struct tui *t)
{
	struct basis_cell cell;
	struct ibis_error err;

	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	rf_clear_messages(&f->rf);
	cf_notice(f, NULL);
	/* Nothing typed, nothing to write: the version stays as it is. */
	if (!rf_changed(&f->rf))
		return TR_HANDLED | TR_REDRAW | TR_POP;
	basis_cell_copy(&cell, &f->cell);
	cell.status = (enum basis_status)f->rf.rows[R_STATUS].choice;
	free(cell.description);
	free(cell.note);
	free(cell.document);
	cell.description = cf_value(f, R_DESC, f->cell.description);
	cell.note = cf_value(f, R_NOTE, f->cell.note);
	cell.document = cf_value(f, R_DOC, f->cell.document);
	enum ibis_status rc = db_basis_put(t->app->db, &cell, &err);
	basis_cell_clear(&cell);
	if (rc == IBIS_OK) {
		t->changes++;
		return TR_HANDLED | TR_REDRAW | TR_POP;
	}
	tui_report(t, &err);
	if ((err.fault == DBF_CONFLICT || err.fault == DBF_CONSTRAINT) && cf_reread(f, t)) {
		cf_notice(f, "Een collega heeft deze cel intussen gewijzigd. Uw invoer staat er nog: "
			     "F2 slaat die toch op, Esc laat de versie van de collega staan.");
		/* The checklist below shows the colleague's version meanwhile. */
		t->changes++;
	} else {
		cf_notice(f, "Niet opgeslagen (zie de melding). Uw invoer staat er nog: F2 probeert "
			     "het opnieuw.");
	}
	return TR_HANDLED | TR_REDRAW;
}

static int cellform_input(struct screen *s, struct tui *t, tkey key)
{
	struct cellform *f = s->state;
	int focus = f->rf.focus;

	(void)t;
	if (rf_input(&f->rf, key) == FIELD_CHANGED)
		rf_message(&f->rf, focus, NULL);
	return TR_HANDLED | TR_REDRAW;
}

static int cf_picked(struct tui *t, void *ctx, int index)
{
	struct cellform *f = ctx;

	(void)t;
	rf_choose(&f->rf, index);
	return TR_REDRAW;
}

static int cellform_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct cellform *f = s->state;

	switch (action) {
	case RFA_SAVE:
		return cellform_save(f, t);
	case RFA_CANCEL:
		return rf_cancel(t, f->self, rf_changed(&f->rf));
	case RFA_PICK:
		return rf_pick(t, &f->rf, cf_picked, f);
	case RFA_NEXT:
	case RFA_PREV:
	case RFA_EDIT:
		rf_action(&f->rf, action, key);
		return TR_HANDLED | TR_REDRAW;
	default:
		return 0;
	}
}

static const struct screen_ops cellform_screen = {
	.name = "Basisondersteuning: cel",
	.state_size = sizeof(struct cellform),
	.enter = cellform_enter,
	.draw = cellform_draw,
	.tables = rowform_tables,
	.keymap = rf_keymap,
	.action = cellform_action,
	.typing = rf_typing,
	.input = cellform_input,
	.leave = cellform_leave,
};
