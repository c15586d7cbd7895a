/* groups.c - Groepen: the groups of a school in a school year, with their
 * jaargroepen, kind, teachers and number of pupils; add, edit and delete,
 * and open a group's plans (plannen.c).
 *
 * A school has a few dozen groups a year, so the whole year is read at once
 * (unlike the pupil list). The form is a mode of this screen: a validation
 * error or a conflict with a colleague's edit keeps everything typed.
 */
#include "tui_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ibis/app.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/db_school.h"
#include "ibis/records.h"

/* One group as the list shows it. */
struct grp_row {
	struct group g;
	char *teachers;  /* ", " separated; NULL when none */
	int members;     /* pupils at school in the group */
};

enum { F_NAME, F_FROM, F_TO, F_KIND, F_TEACHERS, F_COUNT };

struct groups {
	struct school *schools;
	int nschools;
	int school;             /* index in schools */
	int year;

	struct grp_row *rows;
	int nrows;
	bool loaded;
	struct list list;

	/* The form. */
	bool editing;
	struct group edit;      /* id 0 for a new group; version as read */
	struct form form;
	int bad_field;          /* -1: none */
	char *bad_msg;
};

enum {
	GR_UP = 1, GR_DOWN, GR_PGUP, GR_PGDN, GR_HOME, GR_END,
	GR_NEW, GR_EDIT, GR_DELETE, GR_PREV_YEAR, GR_NEXT_YEAR, GR_SCHOOL,
	GR_SAVE, GR_CANCEL, GR_NEXT_FIELD, GR_PREV_FIELD, GR_FIELD_KEY, GR_ENTER,
	GR_PLANS,
};

enum { ASK_DELETE = 1, ASK_SCHOOL };

/* ============================================================= key tables */

static const struct keydef list_keys[] = {
	{ GR_NEW, { 'n' }, "Nieuw", "Een nieuwe groep in dit schooljaar" },
	{ GR_EDIT, { 'e', TK_ENTER }, "Wijzigen",
	  "De groep onder de cursor wijzigen: naam, jaargroepen, soort en leerkrachten" },
	{ GR_DELETE, { 'd' }, "Verwijderen",
	  "De groep onder de cursor verwijderen (alleen een lege groep, met een vraag)" },
	{ GR_PREV_YEAR, { TK_LEFT, '[' }, NULL, "Het vorige schooljaar" },
	{ GR_NEXT_YEAR, { TK_RIGHT, ']' }, NULL, "Het volgende schooljaar" },
	{ GR_SCHOOL, { 's' }, NULL, "Een andere school kiezen (als er meer dan één is)" },
	{ GR_PLANS, { 'p' }, NULL, "De plannen van de groep onder de cursor (groepsplannen)" },
	{ GR_UP, { TK_UP, 'k' }, NULL, "Een groep omhoog" },
	{ GR_DOWN, { TK_DOWN, 'j' }, NULL, "Een groep omlaag" },
	{ GR_PGUP, { TK_PGUP }, NULL, "Een pagina omhoog" },
	{ GR_PGDN, { TK_PGDN }, NULL, "Een pagina omlaag" },
	{ GR_HOME, { TK_HOME, 'g' }, NULL, "Naar de eerste groep" },
	{ GR_END, { TK_END, 'G' }, NULL, "Naar de laatste groep" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef form_keys[] = {
	{ GR_SAVE, { TK_F(2), TK_CTRL('s') }, "Opslaan", "De groep opslaan (F2 of Ctrl-S)" },
	{ GR_CANCEL, { TK_ESC }, "Annuleren", "Het formulier sluiten zonder op te slaan" },
	{ GR_NEXT_FIELD, { TK_TAB, TK_DOWN }, "Volgend veld", "Naar het volgende veld" },
	{ GR_PREV_FIELD, { TK_BTAB, TK_UP }, NULL, "Naar het vorige veld" },
	{ GR_ENTER, { TK_ENTER }, NULL,
	  "Naar het volgende veld; in het laatste veld: opslaan" },
	{ GR_FIELD_KEY, { TK_BACKSPACE, TK_DELETE, TK_LEFT, TK_RIGHT, TK_HOME, TK_END,
			  TK_CTRL('u'), TK_CTRL('w') }, NULL,
	  "Het veld bewerken (Ctrl-U wist alles voor de cursor, Ctrl-W een woord)" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const groups_tables[] = { list_keys, form_keys, NULL };

/* ================================================================ loading */

static void rows_free(struct groups *g)
{
	for (int i = 0; i < g->nrows; i++) {
		group_clear(&g->rows[i].g);
		free(g->rows[i].teachers);
	}
	free(g->rows);
	g->rows = NULL;
	g->nrows = 0;
}

static ibis_id school_id(const struct groups *g)
{
	return g->nschools > 0 ? g->schools[g->school].id : 0;
}

/* Read the groups of the school year; the cursor goes to the group with id
 * keep when it is there. Known even after a failure, so that the error shows
 * once rather than on every draw. */
static void load(struct groups *g, struct tui *t, ibis_id keep)
{
	struct ibis_error err;
	struct group *list = NULL;
	int n = 0;

	rows_free(g);
	g->loaded = true;
	list_set_count(&g->list, 0);
	if (g->nschools == 0)
		return;
	if (db_group_list(t->app->db, school_id(g), g->year, &list, &n, &err) != IBIS_OK) {
		tui_report(t, &err);
		return;
	}
	g->rows = xcalloc((size_t)(n > 0 ? n : 1), sizeof(*g->rows));
	for (int i = 0; i < n; i++) {
		struct grp_row *r = &g->rows[i];
		r->g = list[i];
		memset(&list[i], 0, sizeof(list[i]));
		if (db_group_teachers(t->app->db, r->g.id, &r->teachers, &err) != IBIS_OK ||
		    db_group_count_members(t->app->db, r->g.id, &r->members, &err) != IBIS_OK) {
			g->nrows = i + 1;
			tui_report(t, &err);
			break;
		}
		g->nrows = i + 1;
	}
	groups_free(list, n);
	list_set_count(&g->list, g->nrows);
	for (int i = 0; i < g->nrows; i++)
		if (keep && g->rows[i].g.id == keep)
			g->list.cursor = i;
	list_set_count(&g->list, g->nrows);
}

/* =================================================================== enter */

static const char *const form_labels[F_COUNT] = {
	"Naam", "Jaargroep van", "Jaargroep tot", "Soort", "Leerkrachten",
};
static const int form_max[F_COUNT] = { 20, 2, 2, 12, 300 };

static int groups_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct groups *g = s->state;
	struct ibis_error err;

	(void)arg;
	g->bad_field = -1;
	g->list.height = 1;
	g->year = schoolyear_of(date_today());
	form_init(&g->form, F_COUNT, form_labels, form_max);
	if (db_school_list(t->app->db, &g->schools, &g->nschools, &err) != IBIS_OK) {
		tui_report(t, &err);
		g->nschools = 0;
	}
	load(g, t, 0);
	return TR_REDRAW;
}

static void groups_leave(struct screen *s, struct tui *t)
{
	struct groups *g = s->state;

	(void)t;
	rows_free(g);
	schools_free(g->schools, g->nschools);
	form_free(&g->form);
	group_clear(&g->edit);
	free(g->bad_msg);
}

/* ==================================================================== draw */

struct columns {
	int name_x, name_w, jg_x, jg_w, kind_x, kind_w, teach_x, teach_w, num_x, num_w;
};

static struct columns layout(void)
{
	struct columns c;

	c.name_x = 1;
	c.name_w = 10;
	c.jg_x = c.name_x + c.name_w + 2;
	c.jg_w = 9;
	c.kind_x = c.jg_x + c.jg_w + 2;
	c.kind_w = 11;
	c.num_w = 10;
	c.num_x = COLS - 1 - c.num_w;
	c.teach_x = c.kind_x + c.kind_w + 2;
	c.teach_w = c.num_x - 2 - c.teach_x;
	return c;
}

/* "5" or "4-5" (0 is the instroom jaargroep). */
static void jaargroep_text(const struct group *gr, char *buf, size_t size)
{
	if (gr->jaargroep_min == gr->jaargroep_max)
		snprintf(buf, size, "%d", gr->jaargroep_min);
	else
		snprintf(buf, size, "%d-%d", gr->jaargroep_min, gr->jaargroep_max);
}

static const char *school_name(const struct groups *g)
{
	if (g->nschools == 0)
		return "geen school";
	return g->schools[g->school].name ? g->schools[g->school].name : "";
}

static void draw_list(struct groups *g, struct tui *t)
{
	char sy[16], n[32];

	schoolyear_format(g->year, sy);
	char *left = xasprintf("ibis — Groepen · %s", school_name(g));
	char *right = xasprintf("%s · %s %s", sy, format_count(g->nrows, n, sizeof(n)),
				g->nrows == 1 ? "groep" : "groepen");
	int y = draw_header(t, left, right);
	free(left);
	free(right);

	struct columns c = layout();
	attr_t ha = role_attr(t, ROLE_COLUMNS);
	draw_text(y, c.name_x, c.name_w, "Groep", ha);
	draw_text(y, c.jg_x, c.jg_w, "Jaargroep", ha);
	draw_text(y, c.kind_x, c.kind_w, "Soort", ha);
	draw_text(y, c.teach_x, c.teach_w, "Leerkrachten", ha);
	draw_text(y, c.num_x, c.num_w, "Leerlingen", ha);
	y++;

	int status_y = LINES - 2;
	list_set_height(&g->list, status_y - y);
	if (g->nrows == 0) {
		char *msg = g->nschools == 0
			? xstrdup("Er is nog geen school in deze database.")
			: xasprintf("Geen groepen in %s. Maak er een met n.", sy);
		draw_text(y + 1, 2, COLS - 4, msg, role_attr(t, ROLE_DIM));
		free(msg);
	}
	for (int i = 0; i < g->list.height && g->list.top + i < g->nrows; i++) {
		int k = g->list.top + i;
		const struct grp_row *r = &g->rows[k];
		bool sel = k == g->list.cursor;
		attr_t a = role_attr(t, sel ? ROLE_SELECTED : ROLE_NORMAL);
		char jg[16], num[32];

		if (sel)
			draw_fill(y + i, 0, COLS, a);
		draw_text(y + i, c.name_x, c.name_w, r->g.name ? r->g.name : "", a);
		jaargroep_text(&r->g, jg, sizeof(jg));
		draw_text(y + i, c.jg_x, c.jg_w, jg, a);
		draw_text(y + i, c.kind_x, c.kind_w, group_kind_name(r->g.kind), a);
		draw_text(y + i, c.teach_x, c.teach_w,
			  r->teachers ? r->teachers : (t->utf8 ? "—" : "-"),
			  r->teachers || sel ? a : role_attr(t, ROLE_DIM));
		format_count(r->members, num, sizeof(num));
		draw_text(y + i, c.num_x + c.num_w - text_cols(num), text_cols(num), num, a);
	}

	/* The keys that are not on the bar, and where the cursor is. */
	char *hint = xasprintf("%s ander schooljaar · p plannen%s", t->utf8 ? "←/→" : "[ ]",
			       g->nschools > 1 ? " · s andere school" : "");
	draw_text(status_y, 1, COLS - 14, hint, role_attr(t, ROLE_DIM));
	free(hint);
	if (g->nrows > 0) {
		char *pos = xasprintf("%d/%d", g->list.cursor + 1, g->nrows);
		int w = text_cols(pos);
		draw_text(status_y, COLS - 1 - w, w, pos, role_attr(t, ROLE_DIM));
		free(pos);
	}
}

static void draw_form(struct groups *g, struct tui *t)
{
	char sy[16];
	const int label_cols = 16, x = 2;
	int width = COLS - 4 < 76 ? COLS - 4 : 76;

	schoolyear_format(g->year, sy);
	char *left = g->edit.id ? xasprintf("ibis — Groep %s wijzigen", g->edit.name)
				: xstrdup("ibis — Nieuwe groep");
	char *right = xasprintf("%s · %s", school_name(g), sy);
	int y = draw_header(t, left, right) + 1;
	free(left);
	free(right);

	for (int i = 0; i < g->form.n; i++) {
		struct form_item *it = &g->form.items[i];
		bool focus = i == g->form.focus;
		attr_t a = role_attr(t, focus ? ROLE_PROMPT : ROLE_NORMAL);

		draw_text(y, x, label_cols, it->label, role_attr(t, ROLE_LABEL));
		int cx = field_draw(&it->field, y, x + label_cols + 1, width - label_cols - 1,
				    a | (focus ? A_UNDERLINE : A_NORMAL));
		if (focus) {
			t->want_cursor = true;
			t->cursor_y = y;
			t->cursor_x = cx;
		}
		y++;
		if (i == g->bad_field && g->bad_msg)
			draw_text(y, x + label_cols + 1, width - label_cols - 1, g->bad_msg,
				  role_attr(t, ROLE_ERROR));
		y++;
	}
	struct strlist help = { 0 };
	text_wrap("Jaargroep: 0 tot en met 8 (0 is instroom); laat \"tot\" leeg voor één "
		  "jaargroep. Soort: regulier, combinatie, schakelklas of instroom (leeg: "
		  "regulier, of combinatie bij meer jaargroepen). Leerkrachten: namen "
		  "gescheiden door komma's.", width, &help);
	for (size_t i = 0; i < help.len && y < LINES - 2; i++)
		draw_text(y++, x, width, help.items[i], role_attr(t, ROLE_DIM));
	sl_free(&help);
}

static void groups_draw(struct screen *s, struct tui *t)
{
	struct groups *g = s->state;

	if (g->editing)
		draw_form(g, t);
	else
		draw_list(g, t);
}

/* ==================================================================== form */

static void set_bad(struct groups *g, int field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_bad(struct groups *g, int field, const char *fmt, ...)
{
	va_list ap;

	free(g->bad_msg);
	va_start(ap, fmt);
	g->bad_msg = xvasprintf(fmt, ap);
	va_end(ap);
	g->bad_field = field;
	g->form.focus = field;
}

static void clear_bad(struct groups *g)
{
	free(g->bad_msg);
	g->bad_msg = NULL;
	g->bad_field = -1;
}

/* The text of a field of the form, trimmed. Caller frees. */
static char *form_text(const struct groups *g, int field)
{
	char *raw = field_get(&g->form.items[field].field);
	char *s = str_trim(raw);

	free(raw);
	return s;
}

/* Refuse a change to a read-only database before anything is typed. */
static bool refuse_readonly(struct tui *t)
{
	struct ibis_error err;

	if (!db_readonly(t->app->db))
		return false;
	ibis_fail(&err, IBIS_EDB, "De database is alleen-lezen geopend: groepen kunnen niet "
				  "worden gewijzigd.");
	err.fault = DBF_READONLY;
	tui_report(t, &err);
	return true;
}

static void open_form(struct groups *g, const struct grp_row *r)
{
	char num[8];

	group_clear(&g->edit);
	clear_bad(g);
	for (int i = 0; i < F_COUNT; i++)
		field_clear(&g->form.items[i].field);
	g->form.focus = 0;
	if (r) {
		g->edit = r->g;
		g->edit.name = xstrdup(r->g.name ? r->g.name : "");
		field_set(&g->form.items[F_NAME].field, r->g.name);
		snprintf(num, sizeof(num), "%d", r->g.jaargroep_min);
		field_set(&g->form.items[F_FROM].field, num);
		if (r->g.jaargroep_max != r->g.jaargroep_min) {
			snprintf(num, sizeof(num), "%d", r->g.jaargroep_max);
			field_set(&g->form.items[F_TO].field, num);
		}
		field_set(&g->form.items[F_KIND].field, group_kind_name(r->g.kind));
		field_set(&g->form.items[F_TEACHERS].field, r->teachers);
	} else {
		g->edit.school_id = school_id(g);
		g->edit.school_year = g->year;
	}
	g->editing = true;
}

/* A jaargroep 0-8 typed in a field. */
static bool parse_jaargroep(const char *s, int *out)
{
	if (!s[0] || strlen(s) > 1 || s[0] < '0' || s[0] > '8')
		return false;
	*out = s[0] - '0';
	return true;
}

/* The teachers typed, comma separated, into names (empty parts dropped). */
static void split_teachers(const char *s, struct strlist *names)
{
	struct strlist parts = { 0 };

	sl_split(&parts, s, ',');
	for (size_t i = 0; i < parts.len; i++) {
		char *name = str_trim(parts.items[i]);
		if (name[0])
			sl_take(names, name);
		else
			free(name);
	}
	sl_free(&parts);
}

/* Check the form into gr (name, jaargroepen, kind) and names. False when a
 * field is wrong: its message is set and the focus moved there. */
static bool validate(struct groups *g, struct tui *t, struct group *gr, struct strlist *names)
{
	struct ibis_error err;
	char sy[16];
	char *name = form_text(g, F_NAME);
	char *from = form_text(g, F_FROM);
	char *to = form_text(g, F_TO);
	char *kind = form_text(g, F_KIND);
	char *teachers = form_text(g, F_TEACHERS);
	bool ok = false;
	ibis_id other = 0;

	clear_bad(g);
	schoolyear_format(g->year, sy);
	if (!name[0]) {
		set_bad(g, F_NAME, "Vul de naam van de groep in, zoals 5B of 4/5.");
		goto out;
	}
	if (!from[0]) {
		set_bad(g, F_FROM, "Vul de jaargroep in: 0 tot en met 8.");
		goto out;
	}
	if (!parse_jaargroep(from, &gr->jaargroep_min)) {
		set_bad(g, F_FROM, "\"%s\" is geen jaargroep: kies 0 tot en met 8.", from);
		goto out;
	}
	gr->jaargroep_max = gr->jaargroep_min;
	if (to[0] && !parse_jaargroep(to, &gr->jaargroep_max)) {
		set_bad(g, F_TO, "\"%s\" is geen jaargroep: kies 0 tot en met 8, of laat leeg.",
			to);
		goto out;
	}
	if (gr->jaargroep_max < gr->jaargroep_min) {
		set_bad(g, F_TO, "Kan niet lager zijn dan jaargroep van (%d).",
			gr->jaargroep_min);
		goto out;
	}
	if (!kind[0]) {
		gr->kind = gr->jaargroep_min == gr->jaargroep_max ? GROUP_REGULAR
								  : GROUP_COMBINATION;
	} else if (!group_kind_parse(kind, &gr->kind)) {
		set_bad(g, F_KIND, "Kies regulier, combinatie, schakelklas of instroom.");
		goto out;
	}
	if (gr->kind == GROUP_COMBINATION && gr->jaargroep_min == gr->jaargroep_max) {
		set_bad(g, F_KIND, "Een combinatiegroep heeft meer jaargroepen: vul \"tot\" in.");
		goto out;
	}
	if (gr->kind == GROUP_REGULAR && gr->jaargroep_min != gr->jaargroep_max) {
		set_bad(g, F_KIND, "Regulier is één jaargroep; kies combinatie (zoals 4/5).");
		goto out;
	}
	split_teachers(teachers, names);
	for (size_t i = 0; i < names->len; i++) {
		if (text_cols(names->items[i]) > 100) {
			set_bad(g, F_TEACHERS, "Een naam is te lang; scheid de namen met komma's.");
			goto out;
		}
	}
	if (db_group_find(t->app->db, school_id(g), g->year, name, &other, &err) != IBIS_OK) {
		tui_report(t, &err);
		goto out;
	}
	if (other && other != g->edit.id) {
		set_bad(g, F_NAME, "Er is al een groep %s in %s.", name, sy);
		goto out;
	}
	free(gr->name);
	gr->name = name;
	name = NULL;
	ok = true;
out:
	free(name);
	free(from);
	free(to);
	free(kind);
	free(teachers);
	return ok;
}

/* Write the group and its teachers in one transaction. */
static enum ibis_status store(struct db *db, struct group *gr, const struct strlist *names,
			      struct ibis_error *err)
{
	enum ibis_status st;
	bool is_new = gr->id == 0;

	if ((st = db_begin(db, err)) != IBIS_OK)
		return st;
	st = is_new ? db_group_insert(db, gr, err) : db_group_update(db, gr, err);
	if (st == IBIS_OK)
		st = db_group_set_teachers(db, gr->id, (const char *const *)names->items,
					   (int)names->len, err);
	if (st == IBIS_OK)
		st = db_commit(db, err);
	if (st != IBIS_OK) {
		db_rollback(db);
		if (is_new)
			gr->id = 0;
	}
	return st;
}

static int save(struct groups *g, struct tui *t)
{
	struct ibis_error err;
	struct strlist names = { 0 };
	struct group gr = g->edit;
	int version = g->edit.version;

	gr.name = NULL;
	if (!validate(g, t, &gr, &names)) {
		free(gr.name);
		sl_free(&names);
		return TR_HANDLED | TR_REDRAW;
	}
	enum ibis_status st = store(t->app->db, &gr, &names, &err);
	sl_free(&names);
	if (st != IBIS_OK) {
		if (err.fault == DBF_CONFLICT) {
			/* Keep what was typed; the next save overwrites the
			 * colleague's change knowingly, with the version now in
			 * the database. */
			struct group now = { 0 };
			struct ibis_error e2;
			if (db_group_get(t->app->db, g->edit.id, &now, &e2) == IBIS_OK) {
				g->edit.version = now.version;
				group_clear(&now);
				ibis_fail(&err, IBIS_EDB,
					  "Iemand anders heeft groep %s intussen gewijzigd. Wat u "
					  "typte staat nog in het formulier: F2 slaat het alsnog op "
					  "(over de wijziging heen), Esc breekt af.",
					  g->edit.name ? g->edit.name : "");
				err.fault = DBF_CONFLICT;
			} else {
				err = e2;
			}
		} else {
			g->edit.version = version;
		}
		free(gr.name);
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	ibis_id id = gr.id;
	free(gr.name);
	t->changes++;
	g->editing = false;
	clear_bad(g);
	load(g, t, id);
	return TR_HANDLED | TR_REDRAW;
}

/* ================================================================= actions */

static int answered(void *ctx, struct tui *t, int id, int choice)
{
	struct groups *g = ctx;
	struct ibis_error err;

	if (id == ASK_SCHOOL) {
		if (choice >= 0 && choice < g->nschools && choice != g->school) {
			g->school = choice;
			g->list.cursor = g->list.top = 0;
			load(g, t, 0);
		}
		return TR_REDRAW;
	}
	if (g->list.cursor >= g->nrows)
		return TR_REDRAW;
	ibis_id gid = g->rows[g->list.cursor].g.id;
	if (db_group_delete(t->app->db, gid, &err) != IBIS_OK)
		tui_report(t, &err);
	else
		t->changes++;
	load(g, t, 0);
	return TR_REDRAW;
}

static int ask_delete(struct groups *g, struct tui *t)
{
	struct ibis_error err;
	char sy[16];

	if (g->nrows == 0 || refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	const struct grp_row *r = &g->rows[g->list.cursor];
	schoolyear_format(g->year, sy);
	if (r->members > 0) {
		ibis_fail(&err, IBIS_EINPUT,
			  "Groep %s heeft %d %s en kan niet worden verwijderd. Zet de leerlingen "
			  "eerst in een andere groep.", r->g.name, r->members,
			  r->members == 1 ? "leerling" : "leerlingen");
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	char *q = xasprintf("Groep %s (%s) verwijderen? (j/n)", r->g.name, sy);
	struct prompt_arg a = {
		.kind = PROMPT_ASK,
		.title = "Groep verwijderen",
		.text = q,
		.done = answered,
		.ctx = g,
		.id = ASK_DELETE,
	};
	prompt_push(t, &a);
	free(q);
	return TR_HANDLED | TR_REDRAW;
}

static int choose_school(struct groups *g, struct tui *t)
{
	if (g->nschools < 2)
		return TR_HANDLED;
	struct prompt_arg a = {
		.text = "De groepen van welke school?",
		.selected = g->school,
		.done = answered,
		.ctx = g,
		.id = ASK_SCHOOL,
	};
	prompt_school(t, &a, g->schools, g->nschools);
	return TR_HANDLED | TR_REDRAW;
}

static const struct keydef *groups_keymap(struct screen *s)
{
	struct groups *g = s->state;

	return g->editing ? form_keys : list_keys;
}

static bool groups_typing(struct screen *s)
{
	struct groups *g = s->state;

	return g->editing;
}

static int list_go(struct groups *g, enum list_move how)
{
	return list_move(&g->list, how) ? TR_HANDLED | TR_REDRAW : TR_HANDLED;
}

static int groups_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct groups *g = s->state;

	switch (action) {
	case GR_UP:
		return list_go(g, LM_UP);
	case GR_DOWN:
		return list_go(g, LM_DOWN);
	case GR_PGUP:
		return list_go(g, LM_PGUP);
	case GR_PGDN:
		return list_go(g, LM_PGDN);
	case GR_HOME:
		return list_go(g, LM_HOME);
	case GR_END:
		return list_go(g, LM_END);
	case GR_NEW:
		if (g->nschools == 0 || refuse_readonly(t))
			return TR_HANDLED | TR_REDRAW;
		open_form(g, NULL);
		return TR_HANDLED | TR_REDRAW;
	case GR_EDIT:
		if (g->nrows == 0 || refuse_readonly(t))
			return TR_HANDLED | TR_REDRAW;
		open_form(g, &g->rows[g->list.cursor]);
		return TR_HANDLED | TR_REDRAW;
	case GR_DELETE:
		return ask_delete(g, t);
	case GR_PREV_YEAR:
	case GR_NEXT_YEAR:
		g->year += action == GR_NEXT_YEAR ? 1 : -1;
		g->list.cursor = g->list.top = 0;
		load(g, t, 0);
		return TR_HANDLED | TR_REDRAW;
	case GR_SCHOOL:
		return choose_school(g, t);
	case GR_PLANS: {
		if (g->nrows == 0)
			return TR_HANDLED;
		struct plannen_arg a = { .group_id = g->rows[g->list.cursor].g.id };
		tui_push(t, &plannen_screen, &a);
		return TR_HANDLED | TR_REDRAW;
	}
	case GR_SAVE:
		return save(g, t);
	case GR_CANCEL:
		g->editing = false;
		clear_bad(g);
		return TR_HANDLED | TR_REDRAW;
	case GR_NEXT_FIELD:
		form_key(&g->form, TK_TAB);
		return TR_HANDLED | TR_REDRAW;
	case GR_PREV_FIELD:
		form_key(&g->form, TK_BTAB);
		return TR_HANDLED | TR_REDRAW;
	case GR_ENTER:
		if (g->form.focus == g->form.n - 1)
			return save(g, t);
		form_key(&g->form, TK_TAB);
		return TR_HANDLED | TR_REDRAW;
	case GR_FIELD_KEY:
		form_key(&g->form, key);
		return TR_HANDLED | TR_REDRAW;
	default:
		return 0;
	}
}

static int groups_input(struct screen *s, struct tui *t, tkey key)
{
	struct groups *g = s->state;

	(void)t;
	form_key(&g->form, key);
	return TR_HANDLED | TR_REDRAW;
}

const struct screen_ops groups_screen = {
	.name = "Groepen",
	.state_size = sizeof(struct groups),
	.enter = groups_enter,
	.draw = groups_draw,
	.tables = groups_tables,
	.keymap = groups_keymap,
	.action = groups_action,
	.typing = groups_typing,
	.input = groups_input,
	.leave = groups_leave,
};
