/* pupils.c - Leerlingen: the pupil list, the first screen.
 *
 * Only the rows in the window are fetched (db_pupil_page), again when the
 * window moves or the filter changes, so thousands of pupils scroll as fast as
 * twenty. `/` types a filter that narrows the list with every key.
 */
#include "tui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ibis/app.h"
#include "ibis/date.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/domain.h"
#include "ibis/levelmodel.h"

struct pupils {
	struct list list;
	struct field input;     /* the filter while it is typed */
	bool editing;
	char *filter;           /* in force; NULL = none */
	int school_year;
	char *place;            /* school and database for the header */

	bool count_known;
	/* The fetched window: rows top .. top+nrows-1 of the list. */
	struct pupil_row *rows;
	int nrows;
	bool rows_known;
	int rows_top, rows_height;
	/* A fetch failed: shown once, tried again on the next key, not on every
	 * draw (which would stack error dialogs). */
	bool failed;
};

enum {
	PA_UP = 1, PA_DOWN, PA_PGUP, PA_PGDN, PA_HOME, PA_END,
	PA_OPEN, PA_SEARCH, PA_CLEAR, PA_ACCEPT, PA_CANCEL, PA_EDIT,
};

/* ============================================================= key tables */

#define LIST_KEYS \
	{ PA_UP, { TK_UP, 'k' }, NULL, "Een leerling omhoog" }, \
	{ PA_DOWN, { TK_DOWN, 'j' }, NULL, "Een leerling omlaag" }, \
	{ PA_PGUP, { TK_PGUP }, NULL, "Een pagina omhoog" }, \
	{ PA_PGDN, { TK_PGDN }, NULL, "Een pagina omlaag" }, \
	{ PA_HOME, { TK_HOME, 'g' }, NULL, "Naar de eerste leerling" }, \
	{ PA_END, { TK_END, 'G' }, NULL, "Naar de laatste leerling" }, \
	{ PA_OPEN, { TK_ENTER }, "Openen", "Het dossier van de gekozen leerling openen" }, \
	{ PA_SEARCH, { '/' }, "Zoeken", \
	  "Zoeken op naam: typ een deel van de naam; hoofdletters en accenten tellen " \
	  "niet mee (\"zoe\" vindt Zoë)" }

static const struct keydef list_keys[] = {
	LIST_KEYS,
	{ 0, { 0 }, NULL, NULL },
};

/* With a filter in force Esc clears it first; only then does it leave. */
static const struct keydef filtered_keys[] = {
	LIST_KEYS,
	{ PA_CLEAR, { TK_ESC }, "Filter wissen", "Het filter wissen: weer alle leerlingen" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef edit_keys[] = {
	{ PA_ACCEPT, { TK_ENTER }, "Klaar", "Het filter houden en terug naar de lijst" },
	{ PA_CANCEL, { TK_ESC }, "Wissen", "Het filter wissen en terug naar de lijst" },
	{ PA_EDIT, { TK_BACKSPACE, TK_DELETE, TK_LEFT, TK_RIGHT, TK_HOME, TK_END,
		     TK_CTRL('u'), TK_CTRL('w') }, NULL,
	  "De zoektekst bewerken (Ctrl-U wist alles voor de cursor, Ctrl-W een woord)" },
	{ PA_UP, { TK_UP }, NULL, "Een leerling omhoog in de lijst" },
	{ PA_DOWN, { TK_DOWN }, NULL, "Een leerling omlaag in de lijst" },
	{ PA_PGUP, { TK_PGUP }, NULL, "Een pagina omhoog in de lijst" },
	{ PA_PGDN, { TK_PGDN }, NULL, "Een pagina omlaag in de lijst" },
	{ 0, { 0 }, NULL, NULL },
};

#undef LIST_KEYS

static const struct keydef *const pupils_tables[] = {
	list_keys, filtered_keys, edit_keys, NULL
};

/* ================================================================ fetching */

static struct pupil_query make_query(const struct pupils *p)
{
	struct pupil_query q = {
		.search = p->filter,
		.school_id = 0,
		.school_year = p->school_year,
		.status = PUPILS_ACTIVE,
	};
	return q;
}

static void rows_drop(struct pupils *p)
{
	pupil_rows_free(p->rows, p->nrows);
	p->rows = NULL;
	p->nrows = 0;
	p->rows_known = false;
}

/* After a new filter: count again, back to the first row. */
static void invalidate(struct pupils *p)
{
	p->count_known = false;
	rows_drop(p);
	p->list.cursor = p->list.top = 0;
}

static void ensure_count(struct pupils *p, struct tui *t)
{
	struct ibis_error err;
	struct pupil_query q = make_query(p);
	int count = 0;

	if (p->count_known)
		return;
	/* Known even on failure: the error shows once, not on every draw. */
	p->count_known = true;
	if (db_pupil_count(t->app->db, &q, &count, &err) != IBIS_OK) {
		tui_report(t, &err);
		p->failed = true;
		count = 0;
	}
	list_set_count(&p->list, count);
}

static void ensure_rows(struct pupils *p, struct tui *t)
{
	struct ibis_error err;
	struct pupil_query q = make_query(p);
	int height = p->list.height;

	if (p->rows_known && p->rows_top == p->list.top && p->rows_height == height)
		return;
	rows_drop(p);
	p->rows_known = true;
	p->rows_top = p->list.top;
	p->rows_height = height;
	if (p->list.count == 0)
		return;
	p->rows = xcalloc((size_t)height, sizeof(*p->rows));
	if (db_pupil_page(t->app->db, &q, p->list.top, height, p->rows, &p->nrows, &err) !=
	    IBIS_OK) {
		pupil_rows_free(p->rows, p->nrows);
		p->rows = NULL;
		p->nrows = 0;
		p->failed = true;
		tui_report(t, &err);
	}
}

/* The fetched row at list index i, or NULL. */
static const struct pupil_row *row_at(const struct pupils *p, int i)
{
	if (!p->rows_known || i < p->rows_top || i >= p->rows_top + p->nrows)
		return NULL;
	return &p->rows[i - p->rows_top];
}

/* ==================================================================== enter */

static char *make_place(struct tui *t)
{
	struct school *schools = NULL;
	struct ibis_error err;
	int n = 0;
	const char *path = t->app->db_path ? t->app->db_path : db_path(t->app->db);
	const char *base = path ? strrchr(path, '/') : NULL;
	base = base ? base + 1 : path;
	char *place;

	if (db_school_list(t->app->db, &schools, &n, &err) != IBIS_OK) {
		tui_report(t, &err);
		n = 0;
	}
	if (n == 1)
		place = xasprintf("%s (%s)", schools[0].name ? schools[0].name : "", base ? base : "");
	else if (n > 1)
		place = xasprintf("%d scholen (%s)", n, base ? base : "");
	else
		place = xstrdup(base ? base : "");
	schools_free(schools, n);
	return place;
}

static int pupils_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct pupils *p = s->state;

	(void)arg;
	field_init(&p->input, 100);
	p->school_year = schoolyear_of(date_today());
	p->place = make_place(t);
	p->list.height = 1;
	return TR_REDRAW;
}

static void pupils_leave(struct screen *s, struct tui *t)
{
	struct pupils *p = s->state;

	(void)t;
	rows_drop(p);
	field_free(&p->input);
	free(p->filter);
	free(p->place);
}

/* ===================================================================== draw */

/* Column layout for the current width. */
struct columns {
	int name_x, name_w, group_x, group_w, jg_x, jg_w, level_x, level_w;
};

static struct columns layout(void)
{
	struct columns c;

	c.level_w = 18;
	c.jg_w = 3;
	c.group_w = 8;
	c.level_x = COLS - 1 - c.level_w;
	c.jg_x = c.level_x - 2 - c.jg_w;
	c.group_x = c.jg_x - 2 - c.group_w;
	c.name_x = 1;
	c.name_w = c.group_x - 2 - c.name_x;
	return c;
}

static const char *level_short(struct tui *t, const struct pupil_row *r)
{
	const struct level_model *m = r->level_model ?
		domain_model(&t->app->dom, r->level_model) : NULL;
	const struct level *l = m ? levelmodel_level(m, r->level) : NULL;
	return l ? l->short_name : NULL;
}

static void draw_row(struct tui *t, const struct columns *c, int y, const struct pupil_row *r,
		     bool selected)
{
	attr_t normal = role_attr(t, selected ? ROLE_SELECTED : ROLE_NORMAL);
	char jg[16];

	if (selected)
		draw_fill(y, 0, COLS, normal);
	draw_text(y, c->name_x, c->name_w, r->name ? r->name : "", normal);
	draw_text(y, c->group_x, c->group_w, r->group_name ? r->group_name : "—", normal);
	if (r->jaargroep >= 0)
		snprintf(jg, sizeof(jg), "%d", r->jaargroep);
	else
		snprintf(jg, sizeof(jg), "%s", t->utf8 ? "—" : "-");
	draw_text(y, c->jg_x + c->jg_w - text_cols(jg), c->jg_w, jg, normal);

	char *lv = level_label(t, r->level, level_short(t, r));
	attr_t la = selected || r->level <= 0 ? normal : role_attr(t, level_role(r->level));
	draw_text(y, c->level_x, c->level_w, lv, la);
	free(lv);
}

static void draw_status(struct pupils *p, struct tui *t, int y)
{
	char a[32], b[32];

	if (p->list.count > 0) {
		char *pos = xasprintf("%s/%s", format_count(p->list.cursor + 1, a, sizeof(a)),
				      format_count(p->list.count, b, sizeof(b)));
		int w = text_cols(pos);
		draw_text(y, COLS - 1 - w, w, pos, role_attr(t, ROLE_DIM));
		free(pos);
	}
	if (p->editing) {
		static const char prompt[] = "Zoeken: ";
		int pw = text_cols(prompt);
		draw_text(y, 1, pw, prompt, role_attr(t, ROLE_PROMPT));
		int cx = field_draw(&p->input, y, 1 + pw, COLS - 16 - pw, role_attr(t, ROLE_NORMAL));
		t->want_cursor = true;
		t->cursor_y = y;
		t->cursor_x = cx;
	} else if (p->filter) {
		char *s = xasprintf("Filter: %s", p->filter);
		draw_text(y, 1, COLS - 16, s, role_attr(t, ROLE_PROMPT));
		free(s);
	}
}

static void pupils_draw(struct screen *s, struct tui *t)
{
	struct pupils *p = s->state;
	char n[32];

	ensure_count(p, t);

	char *left = xasprintf("ibis — Leerlingen · %s", p->place);
	char *right;
	format_count(p->list.count, n, sizeof(n));
	const char *noun = p->list.count == 1 ? "leerling" : "leerlingen";
	if (p->filter)
		right = xasprintf("%s %s · filter: %s", n, noun, p->filter);
	else
		right = xasprintf("%s %s", n, noun);
	int y = draw_header(t, left, right);
	free(left);
	free(right);

	struct columns c = layout();
	attr_t ha = role_attr(t, ROLE_COLUMNS);
	draw_text(y, c.name_x, c.name_w, "Naam", ha);
	draw_text(y, c.group_x, c.group_w, "Groep", ha);
	draw_text(y, c.jg_x + c.jg_w - 2, c.jg_w, "Jg", ha);
	draw_text(y, c.level_x, c.level_w, "Niveau", ha);
	y++;

	int status_y = LINES - 2;
	list_set_height(&p->list, status_y - y);
	ensure_rows(p, t);

	if (p->list.count == 0) {
		const char *msg = p->filter ? "Geen leerlingen gevonden met dit filter."
					    : "Er zijn nog geen leerlingen.";
		draw_text(y + 1, 2, COLS - 4, msg, role_attr(t, ROLE_DIM));
	}
	for (int i = 0; i < p->list.height; i++) {
		const struct pupil_row *r = row_at(p, p->list.top + i);
		if (!r)
			break;
		draw_row(t, &c, y + i, r, p->list.top + i == p->list.cursor);
	}
	draw_status(p, t, status_y);
}

/* ===================================================================== keys */

static const struct keydef *pupils_keymap(struct screen *s)
{
	struct pupils *p = s->state;

	if (p->editing)
		return edit_keys;
	return p->filter ? filtered_keys : list_keys;
}

static bool pupils_typing(struct screen *s)
{
	struct pupils *p = s->state;

	return p->editing;
}

/* Make the field's text the filter in force. */
static void apply_filter(struct pupils *p)
{
	char *text = field_get(&p->input);
	char *trimmed = str_trim(text);

	free(text);
	if (!trimmed[0]) {
		free(trimmed);
		trimmed = NULL;
	}
	bool same = (!trimmed && !p->filter) ||
		    (trimmed && p->filter && strcmp(trimmed, p->filter) == 0);
	free(p->filter);
	p->filter = trimmed;
	if (!same)
		invalidate(p);
}

static int list_go(struct pupils *p, enum list_move how)
{
	return list_move(&p->list, how) ? TR_HANDLED | TR_REDRAW : TR_HANDLED;
}

static int open_dossier(struct pupils *p, struct tui *t)
{
	if (p->list.count == 0)
		return TR_HANDLED;
	ensure_rows(p, t);
	const struct pupil_row *r = row_at(p, p->list.cursor);
	if (!r)
		return TR_HANDLED | TR_REDRAW;
	ibis_id id = r->id;
	tui_push(t, &dossier_screen, &id);
	return TR_HANDLED | TR_REDRAW;
}

/* After a failed fetch every key tries again. */
static void retry(struct pupils *p)
{
	if (!p->failed)
		return;
	p->failed = false;
	p->count_known = false;
	rows_drop(p);
}

static int pupils_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct pupils *p = s->state;

	retry(p);
	switch (action) {
	case PA_UP:
		return list_go(p, LM_UP);
	case PA_DOWN:
		return list_go(p, LM_DOWN);
	case PA_PGUP:
		return list_go(p, LM_PGUP);
	case PA_PGDN:
		return list_go(p, LM_PGDN);
	case PA_HOME:
		return list_go(p, LM_HOME);
	case PA_END:
		return list_go(p, LM_END);
	case PA_OPEN:
		return open_dossier(p, t);
	case PA_SEARCH:
		p->editing = true;
		field_set(&p->input, p->filter);
		return TR_HANDLED | TR_REDRAW;
	case PA_CLEAR:
	case PA_CANCEL:
		p->editing = false;
		field_clear(&p->input);
		apply_filter(p);
		return TR_HANDLED | TR_REDRAW;
	case PA_ACCEPT:
		p->editing = false;
		apply_filter(p);
		return TR_HANDLED | TR_REDRAW;
	case PA_EDIT:
		if (field_key(&p->input, key) == FIELD_CHANGED)
			apply_filter(p);
		return TR_HANDLED | TR_REDRAW;
	default:
		return 0;
	}
}

static int pupils_input(struct screen *s, struct tui *t, tkey key)
{
	struct pupils *p = s->state;

	(void)t;
	retry(p);
	if (field_key(&p->input, key) == FIELD_CHANGED)
		apply_filter(p);
	return TR_HANDLED | TR_REDRAW;
}

const struct screen_ops pupils_screen = {
	.name = "Leerlingen",
	.state_size = sizeof(struct pupils),
	.enter = pupils_enter,
	.draw = pupils_draw,
	.tables = pupils_tables,
	.keymap = pupils_keymap,
	.action = pupils_action,
	.typing = pupils_typing,
	.input = pupils_input,
	.leave = pupils_leave,
};
