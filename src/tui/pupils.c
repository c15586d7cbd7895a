/* pupils.c - Leerlingen: the pupil list, the first screen.
 *
 * Only the rows in the window are fetched (db_pupil_page), again when the
 * window moves or the filter changes, so thousands of pupils scroll as fast as
 * twenty. `/` types a search that narrows the list with every key; `f` picks
 * the filters (status, school, group, level, teacher) and `s` the order, both
 * shown on the line under the header. After a change of filter or order the
 * cursor stays on the same pupil when that pupil is still listed
 * (db_pupil_position). `a` archives the pupil who leaves, or brings an
 * archived pupil back; a pupil who leaves for SBO or SO is recorded at the
 * placement level of the school's model, and undoing that withdraws it.
 * Enter opens the pupil's Tijdlijn, `O` the Overzicht of the levels.
 */
#include "tui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ibis/app.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/db_level.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/domain.h"
#include "ibis/levelmodel.h"
#include "ibis/levelrules.h"
#include "ibis/plantemplate.h"
#include "ibis/pupilcheck.h"
#include "ibis/text.h"

struct pupils {
	struct list list;
	struct field input;     /* the search while it is typed */
	bool editing;
	char *filter;           /* search in force; NULL = none */
	int school_year;
	char *place;            /* school and database for the header */

	/* The filters and the order, as pupil_query wants them, and the names
	 * the filter line shows for them. */
	enum pupil_status status;
	ibis_id school_id;
	char *school_name;
	ibis_id group_id;
	char *group_name;
	int level;
	char *level_name;
	char *teacher;
	enum pupil_sort sort;

	/* Choices offered by the open picker; the picker hands back an index. */
	struct school *schools;
	int nschools;
	struct group *groups;
	int ngroups;
	struct strlist teachers;
	const struct level_model *model;

	unsigned changes;       /* tui changes seen: another screen saved */
	ibis_id keep_id;        /* after a refilter: the pupil to stay on */
	int keep_row;           /* and its row in the window before */
	ibis_id act_id;         /* the pupil of an open question (undo archive) */

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
	PA_NEW, PA_CHANGE, PA_ARCHIVE, PA_FILTER, PA_SORT,
	PA_GROUPS, PA_JAAROVERGANG, PA_IMPORT, PA_OVERZICHT, PA_HGW, PA_BASIS, PA_SCHOOL,
};

/* ============================================================= key tables */

/* The key bar holds what an IB'er needs most; the rest is in the help. */
#define LIST_KEYS \
	{ PA_UP, { TK_UP, 'k' }, NULL, "Een leerling omhoog" }, \
	{ PA_DOWN, { TK_DOWN, 'j' }, NULL, "Een leerling omlaag" }, \
	{ PA_PGUP, { TK_PGUP }, NULL, "Een pagina omhoog" }, \
	{ PA_PGDN, { TK_PGDN }, NULL, "Een pagina omlaag" }, \
	{ PA_HOME, { TK_HOME, 'g' }, NULL, "Naar de eerste leerling" }, \
	{ PA_END, { TK_END }, NULL, "Naar de laatste leerling" }, \
	{ PA_OPEN, { TK_ENTER }, NULL, \
	  "Het dossier van de gekozen leerling openen, op de tab Tijdlijn" }, \
	{ PA_SEARCH, { '/' }, "Zoek", \
	  "Zoeken op naam: typ een deel van de naam; hoofdletters en accenten tellen " \
	  "niet mee (\"zoe\" vindt Zoë)" }, \
	{ PA_NEW, { 'n' }, "Nieuw", "Een nieuwe leerling inschrijven" }, \
	{ PA_CHANGE, { 'e' }, "Wijzig", "De gegevens van de gekozen leerling wijzigen" }, \
	{ PA_FILTER, { 'f' }, "Filter", \
	  "Filteren op status (actief, vertrokken, alle), school, groep, niveau of " \
	  "leerkracht" }, \
	{ PA_SORT, { 's' }, NULL, \
	  "De volgorde wisselen: naam, groep, niveau, deadline" }, \
	{ PA_ARCHIVE, { 'a' }, NULL, \
	  "Vertrek: de leerling verlaat de school (datum en bestemming); bij een " \
	  "vertrokken leerling het vertrek ongedaan maken" }, \
	{ PA_GROUPS, { 'G' }, NULL, \
	  "Groepen: de groepen van het schooljaar en hun leerkrachten" }, \
	{ PA_JAAROVERGANG, { 'J' }, NULL, \
	  "Jaarovergang: alle leerlingen naar hun groep van het volgende schooljaar" }, \
	{ PA_IMPORT, { 'I' }, NULL, "Importeren: leerlingen uit een CSV-bestand (ParnasSys, ESIS)" }, \
	{ PA_OVERZICHT, { 'O' }, NULL, "Overzicht: niveaus per groep en door het schooljaar" }, \
	{ PA_HGW, { 'H' }, NULL, \
	  "HGW-raster: de indicatoren van handelingsgericht werken scoren (1-4), per " \
	  "schooljaar of per beoordelaar" }, \
	{ PA_BASIS, { 'B' }, NULL, \
	  "Basisondersteuning: de checklist van ontwikkelingsgebieden en aspecten" }, \
	{ PA_SCHOOL, { 'S' }, NULL, \
	  "School: het schoolondersteuningsprofiel (expertise, professionalisering, " \
	  "niveaus, aanbod, grenzen aan zorg)" }

static const struct keydef list_keys[] = {
	LIST_KEYS,
	{ 0, { 0 }, NULL, NULL },
};

/* With a search in force Esc clears it first; only then does it leave. The
 * status line says so ("Esc wist"), which leaves the key bar room. */
static const struct keydef filtered_keys[] = {
	LIST_KEYS,
	{ PA_CLEAR, { TK_ESC }, NULL, "De zoektekst wissen: weer alle leerlingen van het filter" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef edit_keys[] = {
	{ PA_ACCEPT, { TK_ENTER }, "Klaar", "De zoektekst houden en terug naar de lijst" },
	{ PA_CANCEL, { TK_ESC }, "Wissen", "De zoektekst wissen en terug naar de lijst" },
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
		.school_id = p->school_id,
		.school_year = p->school_year,
		.status = p->status,
		.group_id = p->group_id,
		.level = p->level,
		.teacher = p->teacher,
		.sort = p->sort,
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

/* The fetched row at list index i, or NULL. */
static const struct pupil_row *row_at(const struct pupils *p, int i)
{
	if (!p->rows_known || i < p->rows_top || i >= p->rows_top + p->nrows)
		return NULL;
	return &p->rows[i - p->rows_top];
}

/* After a new search: count again, back to the first row. */
static void invalidate(struct pupils *p)
{
	p->count_known = false;
	p->keep_id = 0;
	rows_drop(p);
	p->list.cursor = p->list.top = 0;
}

/* After a new filter or order, or a change saved elsewhere: count again and
 * find pupil id (the one under the cursor when 0) in the new list. */
static void refilter(struct pupils *p, ibis_id id)
{
	const struct pupil_row *r = row_at(p, p->list.cursor);

	p->keep_id = id ? id : r ? r->id : 0;
	p->keep_row = p->list.cursor - p->list.top;
	p->count_known = false;
	rows_drop(p);
}

static void ensure_count(struct pupils *p, struct tui *t)
{
	struct ibis_error err;
	struct pupil_query q = make_query(p);
	int count = 0, pos = -1;

	if (p->count_known)
		return;
	/* Known even on failure: the error shows once, not on every draw. */
	p->count_known = true;
	if (db_pupil_count(t->app->db, &q, &count, &err) != IBIS_OK) {
		tui_report(t, &err);
		p->failed = true;
		count = 0;
	}
	if (p->keep_id && count > 0 &&
	    db_pupil_position(t->app->db, &q, p->keep_id, &pos, &err) != IBIS_OK) {
		tui_report(t, &err);
		pos = -1;
	}
	/* Gone from the list (archived, filtered out): the cursor keeps its
	 * place, on the pupil who moved up into it. */
	if (pos >= 0) {
		p->list.cursor = pos;
		p->list.top = pos - p->keep_row;
		if (p->list.top < 0)
			p->list.top = 0;
	}
	p->keep_id = 0;
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

/* Pupils whose level does not fit their school's model (the school chose
 * another model since): said once, when ibis opens, with the command that
 * maps them. Nothing is changed without the IB'er asking. */
static void warn_misfits(struct tui *t)
{
	struct level_misfit *m = NULL;
	struct ibis_error err;
	struct pupil pu = { 0 };
	struct school sc = { 0 };
	int n = 0;
	bool any = false;

	if (db_level_misfits_any(t->app->db, &any, &err) != IBIS_OK) {
		tui_report(t, &err);
		return;
	}
	if (!any)
		return;
	if (db_level_misfits(t->app->db, 0, NULL, 0, &m, &n, &err) != IBIS_OK) {
		tui_report(t, &err);
		return;
	}
	if (n == 0)
		goto out;
	if (db_pupil_get(t->app->db, m[0].pupil_id, &pu, &err) != IBIS_OK ||
	    db_school_get(t->app->db, pu.school_id, &sc, &err) != IBIS_OK) {
		tui_report(t, &err);
		goto out;
	}
	/* A name may hold spaces; the BRIN or the id never does. */
	char *school = sc.brin ? xstrdup(sc.brin) : xasprintf("%lld", sc.id);
	char *text = xasprintf("%d %s een niveau dat niet past bij het model van hun school. "
			       "Zet ze om met:\nibis levels remap --school %s --to %s",
			       n, n == 1 ? "leerling heeft" : "leerlingen hebben", school,
			       sc.level_model ? sc.level_model : "MODEL");
	struct dialog_arg a = {
		.title = "Niveaus buiten het model",
		.text = text,
	};
	tui_push(t, &dialog_screen, &a);
	free(text);
	free(school);
out:
	school_clear(&sc);
	pupil_clear(&pu);
	level_misfits_free(m, n);
}

static int pupils_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct pupils *p = s->state;

	(void)arg;
	field_init(&p->input, 100);
	p->school_year = schoolyear_of(date_today());
	p->place = make_place(t);
	p->list.height = 1;
	p->status = PUPILS_ACTIVE;
	p->sort = SORT_NAME;
	p->changes = t->changes;
	warn_misfits(t);
	plan_drafts_offer(t);
	return TR_REDRAW;
}

/* Free what the pickers offered. */
static void choices_drop(struct pupils *p)
{
	schools_free(p->schools, p->nschools);
	p->schools = NULL;
	p->nschools = 0;
	groups_free(p->groups, p->ngroups);
	p->groups = NULL;
	p->ngroups = 0;
	sl_free(&p->teachers);
}

static void pupils_leave(struct screen *s, struct tui *t)
{
	struct pupils *p = s->state;

	(void)t;
	rows_drop(p);
	choices_drop(p);
	field_free(&p->input);
	free(p->filter);
	free(p->place);
	free(p->school_name);
	free(p->group_name);
	free(p->level_name);
	free(p->teacher);
}

/* ===================================================================== draw */

/* Column layout for the current width: the name takes what is left. */
struct columns {
	int name_x, name_w, group_x, group_w, jg_x, jg_w, level_x, level_w;
	int plan_x, plan_w, due_x, due_w;
};

static struct columns layout(void)
{
	struct columns c;

	c.due_w = 11;  /* "!dd-mm-jjjj" */
	c.plan_w = 7;
	c.level_w = 16;
	c.jg_w = 2;
	c.group_w = 6;
	c.due_x = COLS - 1 - c.due_w;
	c.plan_x = c.due_x - 1 - c.plan_w;
	c.level_x = c.plan_x - 1 - c.level_w;
	c.jg_x = c.level_x - 1 - c.jg_w;
	c.group_x = c.jg_x - 1 - c.group_w;
	c.name_x = 1;
	c.name_w = c.group_x - 1 - c.name_x;
	return c;
}

static const char *level_short(struct tui *t, const struct pupil_row *r)
{
	const struct level_model *m = r->level_model ?
		domain_model(&t->app->dom, r->level_model) : NULL;
	const struct level *l = m ? levelmodel_level(m, r->level) : NULL;
	return l ? l->short_name : NULL;
}

/* The plan column: the template's short name ("OPP") or its key. */
static const char *plan_short(struct tui *t, const struct pupil_row *r)
{
	const struct plan_template *pt = domain_plan(&t->app->dom, r->plan_type);
	if (pt && pt->short_name)
		return pt->short_name;
	return r->plan_type;
}

static void draw_row(struct tui *t, const struct columns *c, int y, const struct pupil_row *r,
		     bool selected, ibis_date today)
{
	attr_t normal = role_attr(t, selected ? ROLE_SELECTED : ROLE_NORMAL);
	const char *none = t->utf8 ? "—" : "-";
	char jg[16], due[DATE_NL_LEN + 1];

	if (selected)
		draw_fill(y, 0, COLS, normal);
	draw_text(y, c->name_x, c->name_w, r->name ? r->name : "", normal);
	draw_text(y, c->group_x, c->group_w, r->group_name ? r->group_name : none, normal);
	if (r->jaargroep >= 0)
		snprintf(jg, sizeof(jg), "%d", r->jaargroep);
	else
		snprintf(jg, sizeof(jg), "%s", none);
	draw_text(y, c->jg_x + c->jg_w - text_cols(jg), c->jg_w, jg, normal);

	char *lv = level_label(t, r->level, level_short(t, r));
	attr_t la = selected || r->level <= 0 ? normal : role_attr(t, level_role(r->level));
	draw_text(y, c->level_x, c->level_w, lv, la);
	free(lv);

	/* No plan and no deadline stay empty: the end of the row is then one
	 * clear-to-end-of-line for the terminal, which keeps a cursor move within
	 * 200 bytes over SSH. */
	if (r->plan_type)
		draw_text(y, c->plan_x, c->plan_w, plan_short(t, r), normal);

	/* An overdue deadline: a "!" (readable without colour) and the colour. */
	if (r->deadline != DATE_NONE) {
		bool overdue = r->deadline < today;
		due[0] = overdue ? '!' : ' ';
		date_format_nl(r->deadline, due + 1);
		/* On the cursor bar the "!" alone: two colour pairs do not
		 * combine, and bold there cost 35 bytes a move. */
		attr_t da = overdue && !selected ? role_attr(t, ROLE_OVERDUE) : normal;
		draw_text(y, c->due_x, c->due_w, due, da);
	}
}

static const char *status_word(enum pupil_status s)
{
	switch (s) {
	case PUPILS_LEFT:
		return "vertrokken";
	case PUPILS_ALL:
		return "alle";
	default:
		return "actief";
	}
}

static const char *sort_word(enum pupil_sort s)
{
	switch (s) {
	case SORT_GROUP:
		return "groep";
	case SORT_LEVEL:
		return "niveau";
	case SORT_DEADLINE:
		return "deadline";
	default:
		return "naam";
	}
}

/* The filter lines under the header: every filter in force, and the order
 * on the right. Usually one line; long names (a school, a teacher) take a
 * second rather than being cut. Returns the lines used. */
static int draw_filters(struct pupils *p, struct tui *t, int y)
{
	struct strlist parts = { 0 };
	attr_t a = role_attr(t, ROLE_LABEL);
	char *right = xasprintf("Sortering: %s", sort_word(p->sort));
	int rw = text_cols(right);
	int width = COLS - 4 - rw;
	struct strbuf line[2] = { { 0 }, { 0 } };
	int k = 0;

	sl_addf(&parts, "Status: %s", status_word(p->status));
	if (p->school_id)
		sl_addf(&parts, "School: %s", p->school_name ? p->school_name : "");
	if (p->group_id)
		sl_addf(&parts, "Groep: %s", p->group_name ? p->group_name : "");
	if (p->level)
		sl_addf(&parts, "Niveau: %s", p->level_name ? p->level_name : "");
	if (p->teacher)
		sl_addf(&parts, "Leerkracht: %s", p->teacher);
	for (size_t i = 0; i < parts.len; i++) {
		int used = line[k].len ? text_cols(sb_str(&line[k])) + 3 : 0;
		if (used && used + text_cols(parts.items[i]) > width && k == 0)
			k = 1;
		if (line[k].len)
			sb_add(&line[k], " · ");
		sb_add(&line[k], parts.items[i]);
	}
	draw_text(y, COLS - 1 - rw, rw, right, a);
	for (int i = 0; i <= k; i++) {
		draw_text(y + i, 1, width, sb_str(&line[i]), a);
		sb_free(&line[i]);
	}
	free(right);
	sl_free(&parts);
	return k + 1;
}

/* The line above the key bar: the search being typed, or the filter in
 * force. No "20/240" position: it changed with every cursor move and cost
 * about 25 bytes each time, which took a move that scrolls the list past 200
 * bytes on a slow link; the header has the count. */
static void draw_status(struct pupils *p, struct tui *t, int y)
{
	if (p->editing) {
		static const char prompt[] = "Zoeken: ";
		int pw = text_cols(prompt);
		draw_text(y, 1, pw, prompt, role_attr(t, ROLE_PROMPT));
		int cx = field_draw(&p->input, y, 1 + pw, COLS - 16 - pw, role_attr(t, ROLE_NORMAL));
		t->want_cursor = true;
		t->cursor_y = y;
		t->cursor_x = cx;
	} else if (p->filter) {
		char *s = xasprintf("Filter: %s  (Esc wist)", p->filter);
		draw_text(y, 1, COLS - 16, s, role_attr(t, ROLE_PROMPT));
		free(s);
	}
}

static void pupils_draw(struct screen *s, struct tui *t)
{
	struct pupils *p = s->state;
	char n[32];

	/* Another screen saved a change: read again, staying on its pupil. */
	if (p->changes != t->changes) {
		p->changes = t->changes;
		refilter(p, (ibis_id)t->saved_pupil);
		t->saved_pupil = 0;
	}
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
	y += draw_filters(p, t, y);

	struct columns c = layout();
	attr_t ha = role_attr(t, ROLE_COLUMNS);
	draw_text(y, c.name_x, c.name_w, "Naam", ha);
	draw_text(y, c.group_x, c.group_w, "Groep", ha);
	draw_text(y, c.jg_x, c.jg_w, "Jg", ha);
	draw_text(y, c.level_x, c.level_w, "Niveau", ha);
	draw_text(y, c.plan_x, c.plan_w, "Plan", ha);
	draw_text(y, c.due_x + 1, c.due_w - 1, "Deadline", ha);
	y++;

	/* The status line (the search being typed, the filter) only when there
	 * is one; otherwise the list has that row too, and a move that scrolls
	 * the list need not clear a blank line after it. */
	int status_y = p->editing || p->filter ? LINES - 2 : LINES - 1;
	list_set_height(&p->list, status_y - y);
	ensure_rows(p, t);

	if (p->list.count == 0) {
		const char *msg = p->filter ? "Geen leerlingen gevonden met dit filter." :
			p->status == PUPILS_LEFT ? "Geen vertrokken leerlingen." :
			p->group_id || p->level || p->teacher || p->school_id ?
				"Geen leerlingen met dit filter (f kiest een ander filter)." :
				"Er zijn nog geen leerlingen (n schrijft er een in).";
		draw_text(y + 1, 2, COLS - 4, msg, role_attr(t, ROLE_DIM));
	}
	ibis_date today = date_today();
	for (int i = 0; i < p->list.height; i++) {
		const struct pupil_row *r = row_at(p, p->list.top + i);
		if (!r)
			break;
		draw_row(t, &c, y + i, r, p->list.top + i == p->list.cursor, today);
	}
	draw_status(p, t, status_y);
}

/* ================================================================= filters */

/* The model whose level names the level filter shows: the filtered school's,
 * else that of the only school, else the configured one. */
static const struct level_model *filter_model(struct pupils *p, struct tui *t)
{
	struct school *schools = NULL;
	struct ibis_error err;
	int n = 0;
	const char *id = t->app->cfg.level_model;
	const struct level_model *m = NULL;

	if (db_school_list(t->app->db, &schools, &n, &err) != IBIS_OK) {
		tui_report(t, &err);
		n = 0;
	}
	for (int i = 0; i < n; i++)
		if ((p->school_id && schools[i].id == p->school_id) || (!p->school_id && n == 1))
			m = domain_model(&t->app->dom, schools[i].level_model);
	if (!m && id)
		m = domain_model(&t->app->dom, id);
	if (!m && t->app->dom.nmodels > 0)
		m = &t->app->dom.models[0];
	schools_free(schools, n);
	return m;
}

static int open_picker(struct tui *t, const char *title, const struct strlist *items, int current,
		       int (*on_pick)(struct tui *, void *, int), struct pupils *p)
{
	struct picker_arg a = {
		.title = title,
		.items = items,
		.current = current,
		.on_pick = on_pick,
		.ctx = p,
	};
	tui_push(t, &picker_screen, &a);
	return TR_HANDLED | TR_REDRAW;
}

static void set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s ? xstrdup(s) : NULL;
}

static int picked_status(struct tui *t, void *ctx, int i)
{
	struct pupils *p = ctx;

	(void)t;
	p->status = i == 1 ? PUPILS_LEFT : i == 2 ? PUPILS_ALL : PUPILS_ACTIVE;
	refilter(p, 0);
	return TR_REDRAW;
}

/* A school or group filter: its id and the name the filter line shows; 0 and
 * NULL for all of them. */
static void set_choice(ibis_id *id, char **name, ibis_id new_id, const char *new_name)
{
	*id = new_id;
	set_str(name, new_name);
}

/* After a choice from a list read for the picker: drop that list and read
 * the pupils again. */
static int choice_made(struct pupils *p)
{
	choices_drop(p);
	refilter(p, 0);
	return TR_REDRAW;
}

static int picked_school(struct tui *t, void *ctx, int i)
{
	struct pupils *p = ctx;
	bool one = i > 0 && i <= p->nschools;

	(void)t;
	set_choice(&p->school_id, &p->school_name, one ? p->schools[i - 1].id : 0,
		   one ? p->schools[i - 1].name : NULL);
	/* A group belongs to one school: another school's group would empty
	 * the list without saying why. */
	set_choice(&p->group_id, &p->group_name, 0, NULL);
	return choice_made(p);
}

static int picked_group(struct tui *t, void *ctx, int i)
{
	struct pupils *p = ctx;
	bool one = i > 0 && i <= p->ngroups;

	(void)t;
	set_choice(&p->group_id, &p->group_name, one ? p->groups[i - 1].id : 0,
		   one ? p->groups[i - 1].name : NULL);
	return choice_made(p);
}

static char *level_choice(const struct level *l)
{
	if (l->short_name && l->name && strcmp(l->short_name, l->name) != 0)
		return xasprintf("%d  %s — %s", l->position, l->short_name, l->name);
	return xasprintf("%d  %s", l->position, l->name ? l->name : "");
}

static int picked_level(struct tui *t, void *ctx, int i)
{
	struct pupils *p = ctx;

	(void)t;
	p->level = i > 0 ? i : 0;
	const struct level *l = p->model && i > 0 ? levelmodel_level(p->model, i) : NULL;
	free(p->level_name);
	p->level_name = !i ? NULL : l && l->short_name ? xstrdup(l->short_name)
						      : xasprintf("%d", i);
	refilter(p, 0);
	return TR_REDRAW;
}

static int picked_teacher(struct tui *t, void *ctx, int i)
{
	struct pupils *p = ctx;

	(void)t;
	bool one = i > 0 && (size_t)i <= p->teachers.len;
	set_str(&p->teacher, one ? p->teachers.items[i - 1] : NULL);
	return choice_made(p);
}

static int pick_status(struct tui *t, struct pupils *p)
{
	struct strlist items = { 0 };

	sl_add(&items, "Actief: de leerlingen op school");
	sl_add(&items, "Vertrokken: het archief");
	sl_add(&items, "Alle leerlingen");
	int r = open_picker(t, "Status", &items, (int)p->status, picked_status, p);
	sl_free(&items);
	return r;
}

static int pick_school(struct tui *t, struct pupils *p)
{
	struct strlist items = { 0 };
	struct ibis_error err;
	int current = 0;

	choices_drop(p);
	if (db_school_list(t->app->db, &p->schools, &p->nschools, &err) != IBIS_OK) {
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	sl_add(&items, "Alle scholen");
	for (int i = 0; i < p->nschools; i++) {
		if (p->schools[i].brin)
			sl_addf(&items, "%s (%s)", p->schools[i].name, p->schools[i].brin);
		else
			sl_add(&items, p->schools[i].name ? p->schools[i].name : "");
		if (p->schools[i].id == p->school_id)
			current = i + 1;
	}
	int r = open_picker(t, "School", &items, current, picked_school, p);
	sl_free(&items);
	return r;
}

static int pick_group(struct tui *t, struct pupils *p)
{
	struct strlist items = { 0 };
	struct ibis_error err;
	char sy[16], *title;
	int current = 0;

	choices_drop(p);
	if (db_group_list(t->app->db, p->school_id, p->school_year, &p->groups, &p->ngroups,
			  &err) != IBIS_OK ||
	    db_school_list(t->app->db, &p->schools, &p->nschools, &err) != IBIS_OK) {
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	sl_add(&items, "Alle groepen");
	for (int i = 0; i < p->ngroups; i++) {
		const struct group *g = &p->groups[i];
		const char *school = NULL;
		for (int k = 0; k < p->nschools && p->nschools > 1; k++)
			if (p->schools[k].id == g->school_id)
				school = p->schools[k].name;
		if (school)
			sl_addf(&items, "%s · %s", g->name ? g->name : "", school);
		else
			sl_add(&items, g->name ? g->name : "");
		if (g->id == p->group_id)
			current = i + 1;
	}
	title = xasprintf("Groep (%s)", schoolyear_format(p->school_year, sy));
	int r = open_picker(t, title, &items, current, picked_group, p);
	free(title);
	sl_free(&items);
	return r;
}

static int pick_level(struct tui *t, struct pupils *p)
{
	struct strlist items = { 0 };

	p->model = filter_model(p, t);
	sl_add(&items, "Alle niveaus");
	int n = p->model ? p->model->nlevels : 0;
	for (int i = 0; i < n; i++)
		sl_take(&items, level_choice(&p->model->levels[i]));
	int r = open_picker(t, p->model && p->model->name ? p->model->name : "Niveau", &items,
			    p->level <= n ? p->level : 0, picked_level, p);
	sl_free(&items);
	return r;
}

static int pick_teacher(struct tui *t, struct pupils *p)
{
	struct strlist items = { 0 };
	struct ibis_error err;
	int current = 0;

	choices_drop(p);
	if (db_teacher_names(t->app->db, p->school_id, p->school_year, &p->teachers, &err) !=
	    IBIS_OK) {
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	sl_add(&items, "Alle leerkrachten");
	for (size_t i = 0; i < p->teachers.len; i++) {
		sl_add(&items, p->teachers.items[i]);
		if (p->teacher && strcmp(p->teacher, p->teachers.items[i]) == 0)
			current = (int)i + 1;
	}
	int r = open_picker(t, "Leerkracht", &items, current, picked_teacher, p);
	sl_free(&items);
	return r;
}

enum { FILTER_STATUS, FILTER_SCHOOL, FILTER_GROUP, FILTER_LEVEL, FILTER_TEACHER, FILTER_RESET };

static int picked_filter(struct tui *t, void *ctx, int i)
{
	struct pupils *p = ctx;

	switch (i) {
	case FILTER_STATUS:
		return pick_status(t, p);
	case FILTER_SCHOOL:
		return pick_school(t, p);
	case FILTER_GROUP:
		return pick_group(t, p);
	case FILTER_LEVEL:
		return pick_level(t, p);
	case FILTER_TEACHER:
		return pick_teacher(t, p);
	default:
		p->status = PUPILS_ACTIVE;
		p->school_id = p->group_id = 0;
		p->level = 0;
		set_str(&p->school_name, NULL);
		set_str(&p->group_name, NULL);
		set_str(&p->level_name, NULL);
		set_str(&p->teacher, NULL);
		refilter(p, 0);
		return TR_REDRAW;
	}
}

/* The first picker: which filter, each with its value now. */
static int pick_filter(struct tui *t, struct pupils *p)
{
	struct strlist items = { 0 };

	sl_addf(&items, "Status: %s", status_word(p->status));
	sl_addf(&items, "School: %s", p->school_id ? p->school_name : "alle scholen");
	sl_addf(&items, "Groep: %s", p->group_id ? p->group_name : "alle groepen");
	sl_addf(&items, "Niveau: %s", p->level ? p->level_name : "alle niveaus");
	sl_addf(&items, "Leerkracht: %s", p->teacher ? p->teacher : "alle leerkrachten");
	sl_add(&items, "Alle filters wissen");
	int r = open_picker(t, "Filter", &items, 0, picked_filter, p);
	sl_free(&items);
	return r;
}

/* ================================================================ archiving */

/* The pupil who leaves: a date (today unless typed otherwise) and where to. */
struct archive {
	ibis_id id;
	char *name;
	struct field date;
	int focus;              /* 0 the date, 1 the destination */
	int dest;               /* index in destinations */
	char *message;          /* what went wrong, NULL when nothing */
	/* Where a pupil who leaves for SBO or SO is recorded: the placement
	 * level of the school's model (0 when the model has none). */
	char *model;            /* the model's id, NULL when unknown */
	int placement;
	char *placement_name;   /* "Laag 5" */
};

static const enum leave_destination destinations[] = {
	LEAVE_SCHOOL, LEAVE_SBO, LEAVE_SO, LEAVE_VO, LEAVE_OTHER,
};
static const char *const destination_words[] = {
	"andere basisschool", "SBO", "SO", "VO", "anders",
};

enum { AR_SAVE = 1, AR_CANCEL, AR_NEXT, AR_LEFT, AR_RIGHT, AR_EDIT };

static const struct keydef archive_keys[] = {
	{ AR_SAVE, { TK_ENTER, TK_F(2), TK_CTRL('s') }, "Vertrek opslaan",
	  "Het vertrek vastleggen: de leerling gaat naar het archief" },
	{ AR_CANCEL, { TK_ESC }, "Annuleren", "Terug zonder iets te veranderen" },
	{ AR_NEXT, { TK_TAB, TK_BTAB, TK_UP, TK_DOWN }, "Volgende",
	  "Naar het andere veld (datum of bestemming)" },
	{ AR_LEFT, { TK_LEFT }, NULL, "Bestemming: de vorige; in de datum: cursor naar links" },
	{ AR_RIGHT, { TK_RIGHT }, NULL,
	  "Bestemming: de volgende; in de datum: cursor naar rechts" },
	{ AR_EDIT, { TK_BACKSPACE, TK_DELETE, TK_HOME, TK_END, TK_CTRL('u'), TK_CTRL('w') }, NULL,
	  "De datum bewerken (dd-mm-jjjj)" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const archive_tables[] = { archive_keys, NULL };

/* The placement level of the model of school school_id: *model its id and
 * *name the level's short name (both to be freed; NULL and 0 when the
 * school's model is unknown or has no placement level). */
static void placement_of(struct tui *t, ibis_id school_id, char **model, int *placement,
			 char **name)
{
	struct school sc = { 0 };
	struct ibis_error err;

	*model = NULL;
	*name = NULL;
	*placement = 0;
	if (db_school_get(t->app->db, school_id, &sc, &err) != IBIS_OK)
		return;
	const struct level_model *m = sc.level_model ?
		domain_model(&t->app->dom, sc.level_model) : NULL;
	int level = m ? levelmodel_placement(m) : 0;
	if (level > 0) {
		const struct level *l = levelmodel_level(m, level);
		*model = xstrdup(m->id);
		*placement = level;
		*name = l && l->short_name ? xstrdup(l->short_name) : xasprintf("niveau %d", level);
	}
	school_clear(&sc);
}

static bool to_placement(enum leave_destination d)
{
	return d == LEAVE_SBO || d == LEAVE_SO;
}

static int archive_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct archive *a = s->state;
	struct pupil pu = { 0 };
	struct ibis_error err;
	char d[DATE_NL_LEN];

	a->id = *(const ibis_id *)arg;
	if (db_pupil_get(t->app->db, a->id, &pu, &err) != IBIS_OK) {
		tui_report(t, &err);
		return TR_POP;
	}
	a->name = name_natural(pu.first_name, pu.tussenvoegsel, pu.last_name);
	placement_of(t, pu.school_id, &a->model, &a->placement, &a->placement_name);
	pupil_clear(&pu);
	field_init(&a->date, 10);
	field_set(&a->date, date_format_nl(date_today(), d));
	return TR_REDRAW;
}

static void archive_leave(struct screen *s, struct tui *t)
{
	struct archive *a = s->state;

	(void)t;
	free(a->name);
	free(a->message);
	free(a->model);
	free(a->placement_name);
	field_free(&a->date);
}

static void archive_draw(struct screen *s, struct tui *t)
{
	struct archive *a = s->state;
	attr_t da = role_attr(t, ROLE_DIALOG);
	int w = 64, h = 11;
	int y = (LINES - 1 - h) / 2, x = (COLS - w) / 2;

	draw_box(t, y, x, h, w, da);
	char *title = xasprintf("Vertrek: %s", a->name);
	draw_box_title(y, x, w, title, da);
	free(title);
	draw_text(y + 2, x + 2, 18, "Datum vertrek", da | A_BOLD);
	int cx = field_draw(&a->date, y + 2, x + 20, 12,
			    a->focus == 0 ? role_attr(t, ROLE_SELECTED) : da | A_UNDERLINE);
	draw_text(y + 3, x + 20, w - 22, "dd-mm-jjjj", da | A_DIM);
	draw_text(y + 4, x + 2, 18, "Bestemming", da | A_BOLD);
	int bx = x + 20;
	for (size_t i = 0; i < ARRAY_LEN(destination_words); i++) {
		bool on = (int)i == a->dest;
		char *word = xasprintf(on ? "[%s]" : " %s ", destination_words[i]);
		attr_t wa = on ? (a->focus == 1 ? role_attr(t, ROLE_SELECTED) : da | A_BOLD) : da;
		int ww = text_cols(word);
		if (bx + ww > x + w - 1) {
			free(word);
			break;
		}
		draw_text(y + 4, bx, ww, word, wa);
		bx += ww;
		free(word);
	}
	if (a->message)
		draw_text(y + 6, x + 2, w - 4, a->message, role_attr(t, ROLE_ERROR));
	if (to_placement(destinations[a->dest]) && a->placement > 0) {
		char *note = xasprintf("Het niveau wordt %s (plaatsing).", a->placement_name);
		draw_text(y + 7, x + 2, w - 4, note, da);
		free(note);
	}
	draw_text(y + 8, x + 2, w - 4,
		  "Enter: vastleggen; de leerling gaat naar het archief.",
		  da | A_DIM);
	if (a->focus == 0) {
		t->want_cursor = true;
		t->cursor_y = y + 2;
		t->cursor_x = cx;
	}
}

static const struct keydef *archive_keymap(struct screen *s)
{
	(void)s;
	return archive_keys;
}

static bool archive_typing(struct screen *s)
{
	struct archive *a = s->state;

	return a->focus == 0;
}

static int archive_input(struct screen *s, struct tui *t, tkey key)
{
	struct archive *a = s->state;

	(void)t;
	if (a->focus == 0)
		field_key(&a->date, key);
	return TR_HANDLED | TR_REDRAW;
}

static int archive_save(struct archive *a, struct tui *t)
{
	char *text = field_get(&a->date);
	ibis_date left;
	char *msg = pupil_check_date(text, &left);
	struct ibis_error err;
	struct pupil pu = { 0 };

	free(text);
	free(a->message);
	a->message = NULL;
	if (!msg && left > date_today())
		msg = xstrdup("De datum van vertrek ligt na vandaag.");
	if (msg) {
		a->message = msg;
		a->focus = 0;
		return TR_HANDLED | TR_REDRAW;
	}
	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_POP | TR_REDRAW;
	enum leave_destination dest = destinations[a->dest];
	enum ibis_status st = db_pupil_get(t->app->db, a->id, &pu, &err);
	if (st == IBIS_OK && to_placement(dest) && a->placement > 0)
		st = db_level_archive(t->app->db, &pu, left, dest, a->model, a->placement,
				      t->app->user, &err);
	else if (st == IBIS_OK)
		st = db_pupil_archive(t->app->db, &pu, left, dest, &err);
	if (st != IBIS_OK) {
		pupil_clear(&pu);
		a->message = xstrdup(err.message);
		return TR_HANDLED | TR_REDRAW;
	}
	pupil_clear(&pu);
	t->changes++;
	t->saved_pupil = a->id;
	return TR_HANDLED | TR_POP | TR_REDRAW;
}

static int archive_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct archive *a = s->state;
	int n = (int)ARRAY_LEN(destinations);

	switch (action) {
	case AR_SAVE:
		return archive_save(a, t);
	case AR_CANCEL:
		return TR_HANDLED | TR_POP | TR_REDRAW;
	case AR_NEXT:
		a->focus = !a->focus;
		return TR_HANDLED | TR_REDRAW;
	case AR_LEFT:
	case AR_RIGHT:
		if (a->focus == 0)
			return archive_input(s, t, key);
		a->dest = (a->dest + (action == AR_LEFT ? n - 1 : 1)) % n;
		return TR_HANDLED | TR_REDRAW;
	case AR_EDIT:
		return archive_input(s, t, key);
	default:
		return 0;
	}
}

static const struct screen_ops archive_screen = {
	.name = "Vertrek",
	.flags = SCREEN_OVERLAY,
	.state_size = sizeof(struct archive),
	.enter = archive_enter,
	.draw = archive_draw,
	.tables = archive_tables,
	.keymap = archive_keymap,
	.action = archive_action,
	.typing = archive_typing,
	.input = archive_input,
	.leave = archive_leave,
};

/* True when e is the step archive_save recorded for pupil p leaving for SBO
 * or SO: the placement level of its model, from the day p left, with the
 * reason db_level_archive writes. */
static bool is_leaving_step(struct tui *t, const struct pupil *p, const struct level_episode *e)
{
	const struct level_model *m = e->model ? domain_model(&t->app->dom, e->model) : NULL;
	int placement = m ? levelmodel_placement(m) : 0;

	return placement > 0 && e->level == placement && p->left != DATE_NONE &&
	       e->start == p->left && e->reason && str_starts(e->reason, "Vertrek naar");
}

/* Bring the pupil back, and withdraw the placement step its leaving
 * recorded: one transaction, so the pupil is never back at school while
 * still placed elsewhere. */
static enum ibis_status unarchive(struct tui *t, struct pupil *p, struct ibis_error *err)
{
	struct db *db = t->app->db;
	struct level_episode cur = { 0 };
	bool found = false;
	enum ibis_status st;

	if ((st = db_level_current(db, p->id, &cur, &found, err)) != IBIS_OK)
		return st;
	if (!found || !is_leaving_step(t, p, &cur)) {
		level_episode_clear(&cur);
		return db_pupil_unarchive(db, p, err);
	}
	if ((st = db_begin(db, err)) == IBIS_OK) {
		st = db_level_withdraw(db, cur.id, cur.version, "Vertrek ongedaan gemaakt",
				       t->app->user, date_today(), err);
		if (st == IBIS_OK)
			st = db_pupil_unarchive(db, p, err);
		if (st == IBIS_OK)
			st = db_commit(db, err);
		if (st != IBIS_OK)
			db_rollback(db);
	}
	level_episode_clear(&cur);
	return st;
}

static int undo_archive(struct tui *t, void *ctx)
{
	struct pupils *p = ctx;
	struct pupil pu = { 0 };
	struct ibis_error err;

	if (tui_refuse_readonly(t))
		return 0;
	if (db_pupil_get(t->app->db, p->act_id, &pu, &err) != IBIS_OK ||
	    unarchive(t, &pu, &err) != IBIS_OK)
		tui_report(t, &err);
	else {
		t->changes++;
		t->saved_pupil = p->act_id;
	}
	pupil_clear(&pu);
	return 0;
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

/* Make the field's text the search in force. cleared: the search was wiped
 * (Esc), so the cursor stays on its pupil in the longer list; a typed
 * narrowing starts at the first match instead. */
static void apply_filter(struct pupils *p, bool cleared)
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
	if (!same) {
		if (cleared)
			refilter(p, 0);
		else
			invalidate(p);
	}
	free(p->filter);
	p->filter = trimmed;
}

static int list_go(struct pupils *p, enum list_move how)
{
	return list_move(&p->list, how) ? TR_HANDLED | TR_REDRAW : TR_HANDLED;
}

/* The pupil under the cursor, or NULL when the list is empty. */
static const struct pupil_row *current(struct pupils *p, struct tui *t)
{
	if (p->list.count == 0)
		return NULL;
	ensure_rows(p, t);
	return row_at(p, p->list.cursor);
}

/* Open a screen about one pupil (its argument is the pupil's id). */
static int open_for(struct tui *t, const struct screen_ops *ops, ibis_id id)
{
	tui_push(t, ops, &id);
	return TR_HANDLED | TR_REDRAW;
}

/* The pupil under the cursor when it may be changed; else NULL, and *flags
 * is what the key returns (the read-only refusal has been shown). */
static const struct pupil_row *current_to_change(struct pupils *p, struct tui *t, int *flags)
{
	const struct pupil_row *r = current(p, t);

	if (!r) {
		*flags = TR_HANDLED;
		return NULL;
	}
	if (tui_refuse_readonly(t)) {
		*flags = TR_HANDLED | TR_REDRAW;
		return NULL;
	}
	return r;
}

static int open_dossier(struct pupils *p, struct tui *t)
{
	const struct pupil_row *r = current(p, t);

	return r ? open_for(t, &tijdlijn_screen, r->id) : TR_HANDLED;
}

static int edit_pupil(struct pupils *p, struct tui *t)
{
	int flags;
	const struct pupil_row *r = current_to_change(p, t, &flags);

	return r ? open_for(t, &pupilform_screen, r->id) : flags;
}

static int archive_pupil(struct pupils *p, struct tui *t)
{
	int flags;
	const struct pupil_row *r = current_to_change(p, t, &flags);

	if (!r)
		return flags;
	if (r->left == DATE_NONE)
		return open_for(t, &archive_screen, r->id);
	char d[DATE_NL_LEN];
	char *text = xasprintf("%s is vertrokken op %s. Het vertrek ongedaan maken, zodat de "
			       "leerling weer op school staat? (j/n)", r->name,
			       date_format_nl(r->left, d));
	struct dialog_arg a = {
		.title = "Vertrek ongedaan maken",
		.text = text,
		.question = true,
		.on_yes = undo_archive,
		.ctx = p,
	};
	p->act_id = r->id;
	tui_push(t, &dialog_screen, &a);
	free(text);
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
		apply_filter(p, true);
		return TR_HANDLED | TR_REDRAW;
	case PA_ACCEPT:
		p->editing = false;
		apply_filter(p, false);
		return TR_HANDLED | TR_REDRAW;
	case PA_EDIT:
		if (field_key(&p->input, key) == FIELD_CHANGED)
			apply_filter(p, false);
		return TR_HANDLED | TR_REDRAW;
	case PA_NEW:
		if (tui_refuse_readonly(t))
			return TR_HANDLED | TR_REDRAW;
		tui_push(t, &pupilform_screen, NULL);
		return TR_HANDLED | TR_REDRAW;
	case PA_CHANGE:
		return edit_pupil(p, t);
	case PA_ARCHIVE:
		return archive_pupil(p, t);
	case PA_FILTER:
		return pick_filter(t, p);
	case PA_SORT:
		p->sort = (enum pupil_sort)((p->sort + 1) % SORT_COUNT);
		refilter(p, 0);
		return TR_HANDLED | TR_REDRAW;
	case PA_GROUPS:
		tui_push(t, &groups_screen, NULL);
		return TR_HANDLED | TR_REDRAW;
	case PA_JAAROVERGANG:
		tui_push(t, &jaarovergang_screen, NULL);
		return TR_HANDLED | TR_REDRAW;
	case PA_IMPORT:
		tui_push(t, &import_screen, NULL);
		return TR_HANDLED | TR_REDRAW;
	case PA_OVERZICHT:
		tui_push(t, &overzicht_screen, NULL);
		return TR_HANDLED | TR_REDRAW;
	case PA_HGW:
		tui_push(t, &hgw_screen, NULL);
		return TR_HANDLED | TR_REDRAW;
	case PA_BASIS:
		tui_push(t, &checklist_screen, NULL);
		return TR_HANDLED | TR_REDRAW;
	case PA_SCHOOL:
		tui_push(t, &school_screen, NULL);
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
		apply_filter(p, false);
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
