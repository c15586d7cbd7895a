/* school.c - School (SOP): the school's support profile for one school year
 * in five parts, Tab moving between them:
 *
 *   Expertise            the aanwezige expertise (staff, specialism, opgeleid
 *                        and in opleiding);
 *   Professionalisering  every school year up to the chosen one, newest
 *                        first, school and individual;
 *   Niveaus              the school's level model with its descriptions,
 *                        read-only (it comes from the data files);
 *   Aanbod               what the school offers per kindkenmerk of sop.ini;
 *   Grenzen              the grenzen aan zorg, by heading.
 *
 * Rows are added, changed and deleted through sopform.c; 'c' copies last
 * year's expertise, aanbod and grenzen into an empty year, 'x' writes the SOP
 * or its schoolgids section as a document (sopdoc.h, the same document as
 * `ibis export sop`), and H and B open the HGW-raster and the
 * basisondersteuning checklist of the same school and year.
 *
 * A school has a few dozen SOP rows a year, so the four parts are read whole
 * whenever the school, the year or a row changes (t->changes).
 */
#include "tui_internal.h"
#include "rowform.h"
#include "textview.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ibis/app.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/db_school.h"
#include "ibis/db_sop.h"
#include "ibis/docwriter.h"
#include "ibis/domain.h"
#include "ibis/levelmodel.h"
#include "ibis/plantemplate.h"
#include "ibis/records.h"
#include "ibis/sop.h"
#include "ibis/sopdoc.h"

enum part { P_EXPERTISE, P_TRAINING, P_LEVELS, P_OFFERS, P_LIMITS, P_COUNT };

static const char *const part_names[P_COUNT] = {
	[P_EXPERTISE] = "Expertise",
	[P_TRAINING] = "Professionalisering",
	[P_LEVELS] = "Niveaus",
	[P_OFFERS] = "Aanbod",
	[P_LIMITS] = "Grenzen",
};

/* A line of a part's list: a group heading (a school year, a kindkenmerk, a
 * heading of the grenzen) or a row of the part's array. */
struct sline {
	int row;        /* index in the part's array; -1 for a heading */
	char *heading;  /* a heading's text (owned); NULL for a row */
};

struct school_scr {
	struct screen *self;
	struct school *schools;   /* by name */
	int nschools;
	int school;               /* index in schools */
	int year;                 /* the school year shown */
	enum part part;
	unsigned changes;         /* tui changes seen: read again after a save */
	const struct level_model *model; /* the school's; NULL when not installed */

	struct sop_expertise *exp;
	int nexp;
	struct sop_training *tr;  /* every year up to year, newest first */
	int ntr;
	struct sop_offer *off;
	int noff;
	struct sop_limit *lim;
	int nlim;

	struct sline *lines;      /* of the part shown (not Niveaus) */
	int nlines;
	struct list list;         /* over lines; the cursor is always on a row */
	struct textview tv;       /* Niveaus */

	/* What d asks about. */
	enum part del_part;
	ibis_id del_id;
	int del_version;
};

/* ================================================================ helpers */

static const char *dash(const struct tui *t)
{
	return t->utf8 ? "—" : "-";
}

static const char *dot(const struct tui *t)
{
	return t->utf8 ? "·" : "-";
}

static ibis_id school_id(const struct school_scr *s)
{
	return s->nschools > 0 ? s->schools[s->school].id : 0;
}

static const char *school_name(const struct school_scr *s)
{
	if (s->nschools == 0)
		return "";
	return s->schools[s->school].name ? s->schools[s->school].name : "";
}

static void notice(struct tui *t, const char *title, const char *text)
{
	struct dialog_arg a = { .title = title, .text = text };

	tui_push(t, &dialog_screen, &a);
}

/* The name of ontwikkelingsgebied number (basisondersteuning.ini), NULL when
 * the grid has no such area. */
static const char *area_name(const struct tui *t, int number)
{
	const struct basis_grid *g = &t->app->dom.basis;

	for (int i = 0; i < g->nareas; i++)
		if (g->areas[i].number == number)
			return g->areas[i].name;
	return NULL;
}

/* The name of a kindkenmerk key: sop.ini's, the key itself when sop.ini
 * lacks it, "Algemeen" for none. */
static const char *kenmerk_name(const struct tui *t, const char *key)
{
	if (!key)
		return "Algemeen";
	const struct sop_kenmerk *k = sop_kenmerk_find(&t->app->dom.sop, key);
	return k && k->name ? k->name : key;
}

/* A number that may be missing (negative): the number, or the dash. */
static void count_text(const struct tui *t, int n, char *buf, size_t size)
{
	if (n < 0)
		snprintf(buf, size, "%s", dash(t));
	else
		snprintf(buf, size, "%d", n);
}

/* A stored text on one line for a row of the list. Caller frees. */
static char *flat(const char *s)
{
	char *line = rf_one_line(s);

	return line ? line : xstrdup("");
}

/* ================================================================ loading */

static void lines_clear(struct school_scr *s)
{
	for (int i = 0; i < s->nlines; i++)
		free(s->lines[i].heading);
	free(s->lines);
	s->lines = NULL;
	s->nlines = 0;
}

static void data_clear(struct school_scr *s)
{
	sop_expertise_free(s->exp, s->nexp);
	sop_training_free(s->tr, s->ntr);
	sop_offer_free(s->off, s->noff);
	sop_limit_free(s->lim, s->nlim);
	s->exp = NULL;
	s->tr = NULL;
	s->off = NULL;
	s->lim = NULL;
	s->nexp = s->ntr = s->noff = s->nlim = 0;
}

static int part_count(const struct school_scr *s, enum part p)
{
	switch (p) {
	case P_EXPERTISE:
		return s->nexp;
	case P_TRAINING:
		return s->ntr;
	case P_OFFERS:
		return s->noff;
	case P_LIMITS:
		return s->nlim;
	default:
		return 0;
	}
}

static ibis_id row_id(const struct school_scr *s, enum part p, int row)
{
	if (row < 0 || row >= part_count(s, p))
		return 0;
	switch (p) {
	case P_EXPERTISE:
		return s->exp[row].id;
	case P_TRAINING:
		return s->tr[row].id;
	case P_OFFERS:
		return s->off[row].id;
	case P_LIMITS:
		return s->lim[row].id;
	default:
		return 0;
	}
}

static void add_line(struct school_scr *s, int row, const char *heading, int *cap)
{
	if (s->nlines == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		s->lines = xrealloc(s->lines, (size_t)*cap * sizeof(*s->lines));
	}
	s->lines[s->nlines].row = row;
	s->lines[s->nlines].heading = heading ? xstrdup(heading) : NULL;
	s->nlines++;
}

static bool same_text(const char *a, const char *b)
{
	if (!a || !b)
		return !a && !b;
	return strcmp(a, b) == 0;
}

/* Aanbod: "Algemeen" first, then the kindkenmerken in the order of sop.ini,
 * then any kenmerk sop.ini no longer has (the database sorts by kenmerk, so
 * those come in runs). */
static void lines_offers(struct school_scr *s, struct tui *t, int *cap)
{
	const struct sop_data *d = &t->app->dom.sop;
	bool *done = xcalloc((size_t)(s->noff > 0 ? s->noff : 1), sizeof(*done));

	for (int k = -1; k < d->nkenmerken; k++) {
		const char *key = k < 0 ? NULL : d->kenmerken[k].key;
		bool heading = false;
		for (int i = 0; i < s->noff; i++) {
			if (done[i] || !same_text(s->off[i].kenmerk, key))
				continue;
			if (!heading)
				add_line(s, -1, kenmerk_name(t, key), cap);
			heading = true;
			add_line(s, i, NULL, cap);
			done[i] = true;
		}
	}
	for (int i = 0; i < s->noff; i++) {
		if (done[i])
			continue;
		if (i == 0 || !done[i - 1] || !same_text(s->off[i].kenmerk, s->off[i - 1].kenmerk))
			add_line(s, -1, kenmerk_name(t, s->off[i].kenmerk), cap);
		add_line(s, i, NULL, cap);
		done[i] = true;
	}
	free(done);
}

/* Grenzen: the headings of sop.ini in their order, then the school's own
 * headings (as the database sorts them), then those without a heading. */
static void lines_limits(struct school_scr *s, struct tui *t, int *cap)
{
	const struct strlist *g = &t->app->dom.sop.grenzen;
	bool *done = xcalloc((size_t)(s->nlim > 0 ? s->nlim : 1), sizeof(*done));

	for (size_t k = 0; k < g->len; k++) {
		bool heading = false;
		for (int i = 0; i < s->nlim; i++) {
			if (done[i] || !same_text(s->lim[i].heading, g->items[k]))
				continue;
			if (!heading)
				add_line(s, -1, g->items[k], cap);
			heading = true;
			add_line(s, i, NULL, cap);
			done[i] = true;
		}
	}
	const char *last = NULL;
	bool any = false;
	for (int i = 0; i < s->nlim; i++) {
		if (done[i] || !s->lim[i].heading)
			continue;
		if (!any || !same_text(s->lim[i].heading, last))
			add_line(s, -1, s->lim[i].heading, cap);
		any = true;
		last = s->lim[i].heading;
		add_line(s, i, NULL, cap);
		done[i] = true;
	}
	bool heading = false;
	for (int i = 0; i < s->nlim; i++) {
		if (done[i])
			continue;
		if (!heading)
			add_line(s, -1, "Zonder kop", cap);
		heading = true;
		add_line(s, i, NULL, cap);
	}
	free(done);
}

/* The lines of the part shown; the cursor goes to the row with id keep when
 * it is there, else to the first row. */
static void build_lines(struct school_scr *s, struct tui *t, ibis_id keep)
{
	int cap = 0;
	char sy[16];

	lines_clear(s);
	switch (s->part) {
	case P_EXPERTISE:
		for (int i = 0; i < s->nexp; i++)
			add_line(s, i, NULL, &cap);
		break;
	case P_TRAINING:
		for (int i = 0; i < s->ntr; i++) {
			if (i == 0 || s->tr[i].school_year != s->tr[i - 1].school_year)
				add_line(s, -1, schoolyear_format(s->tr[i].school_year, sy), &cap);
			add_line(s, i, NULL, &cap);
		}
		break;
	case P_OFFERS:
		lines_offers(s, t, &cap);
		break;
	case P_LIMITS:
		lines_limits(s, t, &cap);
		break;
	default:
		break;
	}
	int cursor = -1, first = -1;
	for (int i = 0; i < s->nlines && cursor < 0; i++) {
		if (s->lines[i].row < 0)
			continue;
		if (first < 0)
			first = i;
		if (keep && row_id(s, s->part, s->lines[i].row) == keep)
			cursor = i;
	}
	/* The row kept is gone (deleted): the cursor stays where it was. */
	if (cursor < 0 && keep && s->nlines > 0) {
		int at = s->list.cursor < s->nlines ? s->list.cursor : s->nlines - 1;
		for (int i = at; i >= 0 && i < s->nlines && cursor < 0; i++)
			if (s->lines[i].row >= 0)
				cursor = i;
		for (int i = at; i >= 0 && cursor < 0; i--)
			if (s->lines[i].row >= 0)
				cursor = i;
	}
	if (cursor < 0)
		cursor = first;
	s->list.cursor = cursor < 0 ? 0 : cursor;
	if (!keep)
		s->list.top = 0;
	list_set_count(&s->list, s->nlines);
}

static void tv_fact_opt(struct textview *tv, const char *label, const char *value)
{
	if (!str_empty(value))
		tv_fact(tv, label, value);
}

/* Niveaus: the model and each level's descriptions, as facts. */
static void build_levels(struct school_scr *s, struct tui *t)
{
	struct textview *tv = &s->tv;
	const struct school *sc = s->nschools > 0 ? &s->schools[s->school] : NULL;

	tv_free(tv);
	tv_init(tv);
	if (!sc)
		return;
	if (!s->model) {
		char *msg = sc->level_model
			? xasprintf("Het niveaumodel van de school (%s) is hier niet geïnstalleerd.",
				    sc->level_model)
			: xstrdup("De school heeft nog geen niveaumodel.");
		tv_text(tv, ROLE_DIM, 1, msg);
		free(msg);
		return;
	}
	const struct level_model *m = s->model;
	tv_text(tv, ROLE_LABEL, 1, m->name ? m->name : m->id);
	if (!str_empty(m->description))
		tv_text(tv, ROLE_NORMAL, 1, m->description);
	if (!str_empty(m->source)) {
		char *src = xasprintf("Bron: %s", m->source);
		tv_text(tv, ROLE_DIM, 1, src);
		free(src);
	}
	for (int i = 0; i < m->nlevels; i++) {
		const struct level *l = &m->levels[i];
		char *name = level_display_name(l);
		if (!name)
			name = xasprintf("Niveau %d", l->position);
		tv_heading(tv, name);
		free(name);
		if (l->basis >= 0)
			tv_fact(tv, "Ondersteuning", l->basis ? "basisondersteuning"
							      : "extra ondersteuning");
		tv_fact_opt(tv, "Wie", l->wie);
		tv_fact_opt(tv, "Wanneer", l->wanneer);
		tv_fact_opt(tv, "Wat", l->wat);
		tv_fact_opt(tv, "Hoe", l->hoe);
		tv_fact_opt(tv, "Waar", l->waar);
		tv_fact_opt(tv, "Regie", l->regie);
		tv_fact_opt(tv, "Betrokken", l->betrokken);
		if (l->plans.len > 0) {
			struct strbuf sb = { 0 };
			for (size_t k = 0; k < l->plans.len; k++) {
				const struct plan_template *pt =
					domain_plan(&t->app->dom, l->plans.items[k]);
				if (k > 0)
					sb_add(&sb, ", ");
				if (pt && pt->name)
					sb_add(&sb, pt->name);
				else
					sb_add(&sb, l->plans.items[k]);
			}
			tv_fact(tv, "Plan", sb_str(&sb));
			sb_free(&sb);
		}
	}
}

/* The row of the part shown that is not among old[0..nold-1]: the one a
 * form just added. 0 when there is not exactly one. */
static ibis_id new_row_id(const struct school_scr *s, const ibis_id *old, int nold)
{
	ibis_id found = 0;

	for (int i = 0; i < part_count(s, s->part); i++) {
		ibis_id id = row_id(s, s->part, i);
		bool seen = false;
		for (int k = 0; k < nold && !seen; k++)
			seen = old[k] == id;
		if (!seen) {
			if (found)
				return 0;
			found = id;
		}
	}
	return found;
}

/* Read the four parts of the school and year; the cursor stays on the row
 * it was on when that is still there. With follow, a row that was added
 * meanwhile (by the form) gets the cursor. */
static void load(struct school_scr *s, struct tui *t, bool follow)
{
	struct ibis_error err;
	struct db *db = t->app->db;
	ibis_id keep = 0;
	int nold = part_count(s, s->part);
	ibis_id *old = xcalloc((size_t)(nold > 0 ? nold : 1), sizeof(*old));

	for (int i = 0; i < nold; i++)
		old[i] = row_id(s, s->part, i);
	if (s->nlines > 0 && s->list.cursor < s->nlines)
		keep = row_id(s, s->part, s->lines[s->list.cursor].row);
	s->changes = t->changes;
	data_clear(s);
	if (s->nschools > 0) {
		ibis_id id = school_id(s);
		enum ibis_status st = db_expertise_list(db, id, s->year, &s->exp, &s->nexp, &err);
		if (st == IBIS_OK)
			st = db_training_list(db, id, s->year, true, &s->tr, &s->ntr, &err);
		if (st == IBIS_OK)
			st = db_offer_list(db, id, s->year, &s->off, &s->noff, &err);
		if (st == IBIS_OK)
			st = db_limit_list(db, id, s->year, &s->lim, &s->nlim, &err);
		/* A list that fails is left empty (db_sop.h); the parts read
		 * before it stay. */
		if (st != IBIS_OK)
			tui_report(t, &err);
	}
	if (follow) {
		ibis_id added = new_row_id(s, old, nold);
		if (added)
			keep = added;
	}
	free(old);
	build_lines(s, t, keep);
}

/* The school changed (or the screen opened): its model and its data. */
static void load_school(struct school_scr *s, struct tui *t)
{
	const struct school *sc = s->nschools > 0 ? &s->schools[s->school] : NULL;

	s->model = sc && sc->level_model ? domain_model(&t->app->dom, sc->level_model) : NULL;
	build_levels(s, t);
	lines_clear(s);
	s->list.cursor = s->list.top = 0;
	load(s, t, false);
}

/* ================================================================== enter */

static int school_enter(struct screen *sc, struct tui *t, const void *arg)
{
	struct school_scr *s = sc->state;
	const struct school_arg *a = arg;
	struct ibis_error err;

	s->self = sc;
	s->list.height = 1;
	tv_init(&s->tv);
	s->year = a && a->school_year ? a->school_year : schoolyear_of(date_today());
	if (db_school_list(t->app->db, &s->schools, &s->nschools, &err) != IBIS_OK) {
		tui_report(t, &err);
		s->schools = NULL;
		s->nschools = 0;
	}
	for (int i = 0; a && a->school_id && i < s->nschools; i++)
		if (s->schools[i].id == a->school_id)
			s->school = i;
	load_school(s, t);
	return TR_REDRAW;
}

static void school_leave(struct screen *sc, struct tui *t)
{
	struct school_scr *s = sc->state;

	(void)t;
	lines_clear(s);
	data_clear(s);
	tv_free(&s->tv);
	schools_free(s->schools, s->nschools);
}

/* =================================================================== draw */

static void draw_tabs(struct school_scr *s, struct tui *t, int y)
{
	int x = 1;

	for (int i = 0; i < P_COUNT; i++) {
		if (i > 0)
			x += draw_text(y, x, COLS - 1 - x, " | ", role_attr(t, ROLE_DIM));
		/* Brackets as well as the colour: the tab reads without colour. */
		char *name = i == (int)s->part ? xasprintf("[%s]", part_names[i])
					       : xstrdup(part_names[i]);
		x += draw_text(y, x, COLS - 1 - x, name,
			       role_attr(t, i == (int)s->part ? ROLE_COLUMNS : ROLE_NORMAL));
		free(name);
	}
}

/* Columns of the Expertise part: number of staff, the specialism, opgeleid,
 * in opleiding, and the names and note in what is left. */
struct xcols {
	int n_x, n_w, name_x, name_w, tr_x, tr_w, it_x, it_w, rest_x, rest_w;
};

static struct xcols xlayout(void)
{
	struct xcols c;

	c.n_x = 1;
	c.n_w = 6;
	c.name_x = c.n_x + c.n_w + 2;
	c.name_w = 20 + (COLS > 80 ? (COLS - 80) / 2 : 0);
	c.tr_x = c.name_x + c.name_w + 2;
	c.tr_w = 11;
	c.it_x = c.tr_x + c.tr_w + 2;
	c.it_w = 15;
	c.rest_x = c.it_x + c.it_w + 2;
	c.rest_w = COLS - 1 - c.rest_x;
	return c;
}

/* Columns of Professionalisering: soort, aantal, onderwerp, the date. */
struct tcols {
	int scope_x, scope_w, n_x, n_w, topic_x, topic_w, date_x, date_w;
};

static struct tcols tlayout(void)
{
	struct tcols c;

	c.scope_x = 3;
	c.scope_w = 11;
	c.n_x = c.scope_x + c.scope_w + 2;
	c.n_w = 6;
	c.topic_x = c.n_x + c.n_w + 2;
	c.date_w = 19;
	c.date_x = COLS - 1 - c.date_w;
	c.topic_w = c.date_x - 2 - c.topic_x;
	return c;
}

#define LEVEL_W 9 /* "Niveau 2" */

static void draw_columns(struct school_scr *s, struct tui *t, int y)
{
	attr_t ha = role_attr(t, ROLE_COLUMNS);

	switch (s->part) {
	case P_EXPERTISE: {
		struct xcols c = xlayout();
		draw_text(y, c.n_x, c.n_w, "Aantal", ha);
		draw_text(y, c.name_x, c.name_w, "Deskundigheid", ha);
		draw_text(y, c.tr_x, c.tr_w, "Opgeleid", ha);
		draw_text(y, c.it_x, c.it_w, "In opleiding", ha);
		draw_text(y, c.rest_x, c.rest_w, "Namen, notitie", ha);
		break;
	}
	case P_TRAINING: {
		struct tcols c = tlayout();
		draw_text(y, c.scope_x, c.scope_w, "Soort", ha);
		draw_text(y, c.n_x, c.n_w, "Aantal", ha);
		draw_text(y, c.topic_x, c.topic_w, "Onderwerp", ha);
		draw_text(y, c.date_x, c.date_w, "Gepland / afgerond", ha);
		break;
	}
	case P_OFFERS:
		draw_text(y, 3, LEVEL_W, "Niveau", ha);
		draw_text(y, 3 + LEVEL_W + 2, COLS - 6 - LEVEL_W, "Beschrijving", ha);
		break;
	case P_LIMITS:
		draw_text(y, 3, COLS - 4, "Beschrijving", ha);
		break;
	default:
		break;
	}
}

static void draw_expertise(struct school_scr *s, struct tui *t, int y, int row, attr_t a)
{
	const struct sop_expertise *e = &s->exp[row];
	struct xcols c = xlayout();
	char num[16];
	char *cell;

	count_text(t, e->staff_count, num, sizeof(num));
	draw_text(y, c.n_x + c.n_w - text_cols(num), text_cols(num), num, a);
	draw_text(y, c.name_x, c.name_w, e->expertise ? e->expertise : "", a);
	count_text(t, e->trained, num, sizeof(num));
	cell = xasprintf("%s opgeleid", num);
	draw_text(y, c.tr_x, c.tr_w, cell, a);
	free(cell);
	count_text(t, e->in_training, num, sizeof(num));
	cell = xasprintf("%s in opleiding", num);
	draw_text(y, c.it_x, c.it_w, cell, a);
	free(cell);

	struct strbuf sb = { 0 };
	sb_add(&sb, "");
	char *person = flat(e->person), *note = flat(e->note);
	if (person[0])
		sb_add(&sb, person);
	if (note[0])
		sb_printf(&sb, "%s%s", sb.len ? (t->utf8 ? " · " : " - ") : "", note);
	free(person);
	free(note);
	draw_text(y, c.rest_x, c.rest_w, sb_str(&sb), a);
	sb_free(&sb);
}

/* The date a training shows: done when done, else planned. */
static void training_date(const struct sop_training *tr, char *buf, size_t size)
{
	char d[DATE_NL_LEN];

	if (tr->done != DATE_NONE)
		snprintf(buf, size, "afgerond %s", date_format_nl(tr->done, d));
	else if (tr->planned != DATE_NONE)
		snprintf(buf, size, "gepland %s", date_format_nl(tr->planned, d));
	else
		buf[0] = '\0';
}

static void draw_training(struct school_scr *s, struct tui *t, int y, int row, attr_t a)
{
	const struct sop_training *tr = &s->tr[row];
	struct tcols c = tlayout();
	char buf[40];

	(void)t;
	draw_text(y, c.scope_x, c.scope_w,
		  tr->scope == SOP_SCOPE_INDIVIDUAL ? "Individueel" : "School", a);
	if (tr->participants > 0) {
		snprintf(buf, sizeof(buf), "%dx", tr->participants);
		draw_text(y, c.n_x, c.n_w, buf, a);
	}
	char *topic = flat(tr->topic);
	draw_text(y, c.topic_x, c.topic_w, topic, a);
	free(topic);
	training_date(tr, buf, sizeof(buf));
	draw_text(y, c.date_x, c.date_w, buf, a);
}

static void draw_offer(struct school_scr *s, struct tui *t, int y, int row, attr_t a)
{
	const struct sop_offer *o = &s->off[row];
	char lv[24];

	if (o->level > 0)
		snprintf(lv, sizeof(lv), "Niveau %d", o->level);
	else
		snprintf(lv, sizeof(lv), "%s", dash(t));
	draw_text(y, 3, LEVEL_W, lv, a);
	char *desc = flat(o->description);
	draw_text(y, 3 + LEVEL_W + 2, COLS - 6 - LEVEL_W, desc, a);
	free(desc);
}

static void draw_limit(struct school_scr *s, struct tui *t, int y, int row, attr_t a)
{
	char *desc = flat(s->lim[row].description);

	(void)t;
	draw_text(y, 3, COLS - 4, desc, a);
	free(desc);
}

static void draw_line(struct school_scr *s, struct tui *t, int y, int k)
{
	const struct sline *l = &s->lines[k];
	bool sel = k == s->list.cursor;
	attr_t a = role_attr(t, sel ? ROLE_SELECTED : ROLE_NORMAL);

	if (l->row < 0) {
		draw_text(y, 1, COLS - 2, l->heading, role_attr(t, ROLE_LABEL) | A_BOLD);
		return;
	}
	if (sel)
		draw_fill(y, 0, COLS, a);
	switch (s->part) {
	case P_EXPERTISE:
		draw_expertise(s, t, y, l->row, a);
		break;
	case P_TRAINING:
		draw_training(s, t, y, l->row, a);
		break;
	case P_OFFERS:
		draw_offer(s, t, y, l->row, a);
		break;
	case P_LIMITS:
		draw_limit(s, t, y, l->row, a);
		break;
	default:
		break;
	}
}

/* "Label: text" into sb, " · " between the parts; nothing for an empty
 * text. */
static void part_add(const struct tui *t, struct strbuf *sb, const char *label, const char *text)
{
	if (str_empty(text))
		return;
	char *one = flat(text);
	if (sb->len)
		sb_printf(sb, " %s ", dot(t));
	if (label)
		sb_printf(sb, "%s: %s", label, one);
	else
		sb_add(sb, one);
	free(one);
}

/* The row under the cursor in full, for the panel under the list. Caller
 * frees. */
static char *row_details(struct school_scr *s, struct tui *t)
{
	struct strbuf sb = { 0 };
	char num[16], d[DATE_NL_LEN];

	sb_add(&sb, "");
	if (s->nlines == 0 || s->lines[s->list.cursor].row < 0)
		return sb_take(&sb);
	int row = s->lines[s->list.cursor].row;
	switch (s->part) {
	case P_EXPERTISE: {
		const struct sop_expertise *e = &s->exp[row];
		part_add(t, &sb, NULL, e->expertise);
		count_text(t, e->staff_count, num, sizeof(num));
		sb_printf(&sb, " %s %s %s", dot(t), num,
			  e->staff_count == 1 ? "medewerker" : "medewerkers");
		count_text(t, e->trained, num, sizeof(num));
		sb_printf(&sb, ", %s opgeleid", num);
		count_text(t, e->in_training, num, sizeof(num));
		sb_printf(&sb, ", %s in opleiding", num);
		if (e->area > 0) {
			const char *an = area_name(t, e->area);
			char *area = an ? xasprintf("%d %s", e->area, an) : xasprintf("%d", e->area);
			part_add(t, &sb, "Ontwikkelingsgebied", area);
			free(area);
		}
		part_add(t, &sb, "Namen", e->person);
		part_add(t, &sb, "Notitie", e->note);
		break;
	}
	case P_TRAINING: {
		const struct sop_training *tr = &s->tr[row];
		char sy[16];
		sb_printf(&sb, "%s, %s", schoolyear_format(tr->school_year, sy),
			  tr->scope == SOP_SCOPE_INDIVIDUAL ? "individueel" : "school");
		if (tr->participants > 0)
			sb_printf(&sb, " (%d %s)", tr->participants,
				  tr->participants == 1 ? "medewerker" : "medewerkers");
		part_add(t, &sb, NULL, tr->topic);
		part_add(t, &sb, "Wie", tr->who);
		if (tr->planned != DATE_NONE)
			part_add(t, &sb, "Gepland", date_format_nl(tr->planned, d));
		if (tr->done != DATE_NONE)
			part_add(t, &sb, "Afgerond", date_format_nl(tr->done, d));
		part_add(t, &sb, "Notitie", tr->note);
		break;
	}
	case P_OFFERS: {
		const struct sop_offer *o = &s->off[row];
		part_add(t, &sb, NULL, kenmerk_name(t, o->kenmerk));
		if (o->level > 0) {
			const struct level *l = s->model ? levelmodel_level(s->model, o->level) : NULL;
			char *lv = l && l->name ? xasprintf("Niveau %d %s %s", o->level,
							    t->utf8 ? "–" : "-", l->name)
						: xasprintf("Niveau %d", o->level);
			part_add(t, &sb, NULL, lv);
			free(lv);
		}
		part_add(t, &sb, NULL, o->description);
		break;
	}
	case P_LIMITS: {
		const struct sop_limit *l = &s->lim[row];
		part_add(t, &sb, NULL, l->heading ? l->heading : "Zonder kop");
		part_add(t, &sb, NULL, l->description);
		break;
	}
	default:
		break;
	}
	return sb_take(&sb);
}

/* "Nog geen <what> in 2026-2027." of an empty part. */
static const char *const empty_words[P_COUNT] = {
	[P_EXPERTISE] = "expertise in",
	[P_TRAINING] = "professionalisering tot en met",
	[P_OFFERS] = "aanbod in",
	[P_LIMITS] = "grenzen aan zorg in",
};

/* The list of a part with rows, the panel with the row in full under it. */
static void draw_rows(struct school_scr *s, struct tui *t, int y, int bottom)
{
	int panel_h = LINES >= 40 ? 5 : 3;
	int list_end = bottom - panel_h - 1; /* a line between list and panel */
	char sy[16];

	draw_columns(s, t, y++);
	if (list_end - y < 1)
		list_end = y + 1;
	list_set_height(&s->list, list_end - y);
	if (s->nlines == 0) {
		char *msg = xasprintf("Nog geen %s %s.", empty_words[s->part],
				      schoolyear_format(s->year, sy));
		draw_text(y + 1, 2, COLS - 4, msg, role_attr(t, ROLE_DIM));
		free(msg);
		const char *how = s->part == P_TRAINING
			? "Druk n voor een nieuwe regel."
			: "Druk n voor een nieuwe regel of c om vorig schooljaar over te nemen.";
		draw_text(y + 2, 2, COLS - 4, how, role_attr(t, ROLE_DIM));
		return;
	}
	for (int i = 0; i < s->list.height && s->list.top + i < s->nlines; i++)
		draw_line(s, t, y + i, s->list.top + i);

	char *details = row_details(s, t);
	struct strlist lines = { 0 };
	text_wrap(details, COLS - 2, &lines);
	int py = list_end + 1;
	for (int i = 0; i < (int)lines.len && i < panel_h; i++) {
		const char *l = lines.items[i];
		char *more = NULL;
		/* A text longer than the panel ends in an ellipsis. */
		if (i == panel_h - 1 && (int)lines.len > panel_h)
			l = more = xasprintf("%s %s", l, lines.items[i + 1]);
		draw_text(py + i, 1, COLS - 2, l, role_attr(t, ROLE_NORMAL));
		free(more);
	}
	sl_free(&lines);
	free(details);
}

static void school_draw(struct screen *sc, struct tui *t)
{
	struct school_scr *s = sc->state;
	char sy[16];

	if (s->changes != t->changes)
		load(s, t, true);
	schoolyear_format(s->year, sy);
	char *left = s->nschools > 0
		? xasprintf("School (SOP) %s %s %s %s", dash(t), school_name(s), dash(t), sy)
		: xstrdup("School (SOP)");
	char *right;
	if (s->nschools == 0)
		right = NULL;
	else if (s->part == P_LEVELS)
		right = s->model ? xstrdup(s->model->name ? s->model->name : s->model->id) : NULL;
	else
		right = xasprintf("%d %s", part_count(s, s->part),
				  part_count(s, s->part) == 1 ? "regel" : "regels");
	int y = draw_header(t, left, right);
	free(left);
	free(right);

	int status_y = LINES - 2;
	if (s->nschools == 0) {
		draw_text(y + 1, 2, COLS - 4, "Nog geen school; maak er een met ibis init of ibis demo.",
			  role_attr(t, ROLE_DIM));
		return;
	}
	draw_tabs(s, t, y++);
	if (s->part == P_LEVELS)
		tv_draw(t, &s->tv, y + 1, status_y - (y + 1));
	else
		draw_rows(s, t, y, status_y);

	/* The keys that have no room on the key bar, and where the cursor is. */
	struct strbuf hint = { 0 };
	sb_printf(&hint, "< > schooljaar %s ", dot(t));
	if (s->nschools > 1)
		sb_printf(&hint, "s school %s ", dot(t));
	sb_printf(&hint, "c vorig jaar %s H raster %s B basis %s x export", dot(t), dot(t), dot(t));
	char *pos = NULL;
	if (s->part != P_LEVELS && s->nlines > 0) {
		int n = 0, at = 0;
		for (int i = 0; i < s->nlines; i++) {
			if (s->lines[i].row < 0)
				continue;
			n++;
			if (i == s->list.cursor)
				at = n;
		}
		pos = xasprintf("%d/%d", at, n);
	}
	int pw = pos ? text_cols(pos) : 0;
	draw_text(status_y, 1, COLS - 3 - pw, sb_str(&hint), role_attr(t, ROLE_DIM));
	if (pos)
		draw_text(status_y, COLS - 1 - pw, pw, pos, role_attr(t, ROLE_DIM));
	free(pos);
	sb_free(&hint);
}

/* ================================================================ cursor */

/* The row line nearest to line k in direction dir (+1 / -1), k itself when
 * it is a row; -1 when there is none that way. */
static int row_line(const struct school_scr *s, int k, int dir)
{
	for (; k >= 0 && k < s->nlines; k += dir)
		if (s->lines[k].row >= 0)
			return k;
	return -1;
}

static int go(struct school_scr *s, enum list_move how)
{
	int cursor = s->list.cursor, top = s->list.top;
	int dir = how == LM_UP || how == LM_PGUP || how == LM_HOME ? -1 : 1;

	if (s->nlines == 0)
		return TR_HANDLED;
	list_move(&s->list, how);
	int k = row_line(s, s->list.cursor, dir);
	if (k < 0)
		k = row_line(s, s->list.cursor, -dir);
	if (k < 0)
		k = cursor;
	s->list.cursor = k;
	/* The heading of the first group shows when its first row is reached
	 * from below. */
	if (k < s->list.top)
		s->list.top = k;
	if (dir < 0 && row_line(s, k - 1, -1) < 0)
		s->list.top = 0;
	list_set_height(&s->list, s->list.height);
	return s->list.cursor != cursor || s->list.top != top ? TR_HANDLED | TR_REDRAW
							       : TR_HANDLED;
}

/* ================================================================= actions */

enum {
	SA_UP = 1, SA_DOWN, SA_PGUP, SA_PGDN, SA_HOME, SA_END,
	SA_NEW, SA_EDIT, SA_DELETE, SA_TAB, SA_BTAB, SA_PREV_YEAR, SA_NEXT_YEAR,
	SA_SCHOOL, SA_COPY, SA_EXPORT, SA_HGW, SA_BASIS,
};

#define SCHOOL_KEYS \
	{ SA_TAB, { TK_TAB }, "Deel", \
	  "Naar het volgende deel: Expertise, Professionalisering, Niveaus, Aanbod, Grenzen" }, \
	{ SA_BTAB, { TK_BTAB }, NULL, "Naar het vorige deel" }, \
	{ SA_PREV_YEAR, { '<', '[' }, NULL, "Het vorige schooljaar" }, \
	{ SA_NEXT_YEAR, { '>', ']' }, NULL, "Het volgende schooljaar" }, \
	{ SA_SCHOOL, { 's' }, NULL, "Een andere school kiezen (als er meer dan één is)" }, \
	{ SA_COPY, { 'c' }, NULL, \
	  "De expertise, het aanbod en de grenzen van vorig schooljaar overnemen in dit " \
	  "schooljaar, voor zover het er nog geen heeft (met een vraag)" }, \
	{ SA_EXPORT, { 'x' }, NULL, \
	  "Het SOP of de tekst voor de schoolgids exporteren als document (Markdown of " \
	  "HTML) in de map waar ibis is gestart" }, \
	{ SA_HGW, { 'H' }, NULL, "Het HGW-raster van deze school en dit schooljaar" }, \
	{ SA_BASIS, { 'B' }, NULL, \
	  "De checklist basisondersteuning van deze school en dit schooljaar" }

/* The parts with rows. */
static const struct keydef rows_keys[] = {
	{ SA_NEW, { 'n' }, "Nieuw",
	  "Een nieuwe regel in dit deel; in Aanbod en Grenzen onder de kop waar de cursor "
	  "staat" },
	{ SA_EDIT, { 'e', TK_ENTER }, "Wijzig", "De regel onder de cursor wijzigen" },
	{ SA_DELETE, { 'd' }, "Verwijder", "De regel onder de cursor verwijderen (met een vraag)" },
	SCHOOL_KEYS,
	{ SA_UP, { TK_UP, 'k' }, NULL, "Een regel omhoog" },
	{ SA_DOWN, { TK_DOWN, 'j' }, NULL, "Een regel omlaag" },
	{ SA_PGUP, { TK_PGUP }, NULL, "Een pagina omhoog" },
	{ SA_PGDN, { TK_PGDN }, NULL, "Een pagina omlaag" },
	{ SA_HOME, { TK_HOME, 'g' }, NULL, "Naar de eerste regel" },
	{ SA_END, { TK_END, 'G' }, NULL, "Naar de laatste regel" },
	{ 0, { 0 }, NULL, NULL },
};

/* Niveaus: a read-only page that scrolls. */
static const struct keydef levels_keys[] = {
	SCHOOL_KEYS,
	{ SA_UP, { TK_UP, 'k' }, NULL, "De niveaus een regel omhoog schuiven" },
	{ SA_DOWN, { TK_DOWN, 'j' }, NULL, "De niveaus een regel omlaag schuiven" },
	{ SA_PGUP, { TK_PGUP }, NULL, "Een pagina omhoog" },
	{ SA_PGDN, { TK_PGDN, ' ' }, "Verder", "Een pagina omlaag" },
	{ SA_HOME, { TK_HOME, 'g' }, NULL, "Naar het begin" },
	{ SA_END, { TK_END, 'G' }, NULL, "Naar het eind" },
	{ 0, { 0 }, NULL, NULL },
};

#undef SCHOOL_KEYS

static const struct keydef *const school_tables[] = { rows_keys, levels_keys, NULL };

static const struct keydef *school_keymap(struct screen *sc)
{
	struct school_scr *s = sc->state;

	return s->part == P_LEVELS ? levels_keys : rows_keys;
}

/* ------------------------------------------------------------ new, change */

static int open_form(struct school_scr *s, struct tui *t, const void *row)
{
	static const enum sopform_kind kinds[P_COUNT] = {
		[P_EXPERTISE] = SF_EXPERTISE, [P_TRAINING] = SF_TRAINING,
		[P_OFFERS] = SF_OFFER, [P_LIMITS] = SF_LIMIT,
	};
	struct sopform_arg a = {
		.kind = kinds[s->part],
		.row = row,
		.school_id = school_id(s),
		.school_year = s->year,
	};

	tui_push(t, &sopform_screen, &a);
	return TR_HANDLED | TR_REDRAW;
}

/* The row under the cursor, NULL when there is none. */
static const void *cursor_row(const struct school_scr *s)
{
	if (s->nlines == 0 || s->list.cursor >= s->nlines)
		return NULL;
	int row = s->lines[s->list.cursor].row;
	if (row < 0)
		return NULL;
	switch (s->part) {
	case P_EXPERTISE:
		return &s->exp[row];
	case P_TRAINING:
		return &s->tr[row];
	case P_OFFERS:
		return &s->off[row];
	case P_LIMITS:
		return &s->lim[row];
	default:
		return NULL;
	}
}

/* A new row starts in the group of the cursor: the aanbod under its
 * kindkenmerk, a grens under its heading (a row with id 0 is new to
 * sopform). */
static int new_row(struct school_scr *s, struct tui *t)
{
	if (s->nschools == 0 || s->part == P_LEVELS || tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	const void *cur = cursor_row(s);
	if (s->part == P_OFFERS && cur) {
		const struct sop_offer *o = cur;
		struct sop_offer start = { .kenmerk = o->kenmerk, .school_id = school_id(s),
					   .school_year = s->year };
		return open_form(s, t, &start);
	}
	if (s->part == P_LIMITS && cur) {
		const struct sop_limit *l = cur;
		struct sop_limit start = { .heading = l->heading, .school_id = school_id(s),
					   .school_year = s->year };
		return open_form(s, t, &start);
	}
	return open_form(s, t, NULL);
}

static int edit_row(struct school_scr *s, struct tui *t)
{
	const void *cur = cursor_row(s);

	if (!cur || tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	return open_form(s, t, cur);
}

/* ------------------------------------------------------------------ delete */

static int delete_confirmed(struct tui *t, void *ctx)
{
	struct school_scr *s = ctx;
	struct ibis_error err;
	struct db *db = t->app->db;
	enum ibis_status st;

	switch (s->del_part) {
	case P_EXPERTISE:
		st = db_expertise_delete(db, s->del_id, s->del_version, &err);
		break;
	case P_TRAINING:
		st = db_training_delete(db, s->del_id, s->del_version, &err);
		break;
	case P_OFFERS:
		st = db_offer_delete(db, s->del_id, s->del_version, &err);
		break;
	case P_LIMITS:
		st = db_limit_delete(db, s->del_id, s->del_version, &err);
		break;
	default:
		return TR_REDRAW;
	}
	if (st != IBIS_OK)
		tui_report(t, &err);
	else
		t->changes++;
	/* Either way the list shows what the database holds now. */
	load(s, t, false);
	return TR_REDRAW;
}

/* What the question names: the row's main text, cut. Caller frees. */
static char *row_title(const struct school_scr *s, const void *row)
{
	const char *text = NULL;

	switch (s->part) {
	case P_EXPERTISE:
		text = ((const struct sop_expertise *)row)->expertise;
		break;
	case P_TRAINING:
		text = ((const struct sop_training *)row)->topic;
		break;
	case P_OFFERS:
		text = ((const struct sop_offer *)row)->description;
		break;
	case P_LIMITS:
		text = ((const struct sop_limit *)row)->description;
		break;
	default:
		break;
	}
	char *one = flat(text);
	if (text_cols(one) > 60) {
		size_t n = 0;
		wchar_t *w = to_wide(one, &n);
		char *cut = from_wide(w, n < 57 ? n : 57);
		free(one);
		one = xasprintf("%s...", cut);
		free(cut);
		free(w);
	}
	return one;
}

static int ask_delete(struct school_scr *s, struct tui *t)
{
	const void *cur = cursor_row(s);

	if (!cur || tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	int row = s->lines[s->list.cursor].row;
	s->del_part = s->part;
	s->del_id = row_id(s, s->part, row);
	switch (s->part) {
	case P_EXPERTISE:
		s->del_version = s->exp[row].version;
		break;
	case P_TRAINING:
		s->del_version = s->tr[row].version;
		break;
	case P_OFFERS:
		s->del_version = s->off[row].version;
		break;
	case P_LIMITS:
		s->del_version = s->lim[row].version;
		break;
	default:
		return TR_HANDLED;
	}
	char *title = row_title(s, cur);
	char *q = xasprintf("\"%s\" verwijderen? (j/n)", title);
	struct dialog_arg a = {
		.title = "Verwijderen",
		.text = q,
		.question = true,
		.on_yes = delete_confirmed,
		.ctx = s,
	};
	tui_push(t, &dialog_screen, &a);
	free(q);
	free(title);
	return TR_HANDLED | TR_REDRAW;
}

/* -------------------------------------------------------------------- copy */

static int copy_confirmed(struct tui *t, void *ctx)
{
	struct school_scr *s = ctx;
	struct ibis_error err;
	int copied = 0;
	char from[16], to[16];

	schoolyear_format(s->year - 1, from);
	schoolyear_format(s->year, to);
	if (db_sop_copy_year(t->app->db, school_id(s), s->year - 1, s->year, &copied, &err) !=
	    IBIS_OK) {
		tui_report(t, &err);
		return TR_REDRAW;
	}
	if (copied > 0)
		t->changes++;
	load(s, t, false);
	char *msg = copied > 0
		? xasprintf("%d %s overgenomen uit %s in %s.", copied,
			    copied == 1 ? "regel" : "regels", from, to)
		: xasprintf("Niets overgenomen: %s heeft geen expertise, aanbod of grenzen die in "
			    "%s nog ontbreken.", from, to);
	notice(t, "Vorig jaar overnemen", msg);
	free(msg);
	return TR_REDRAW;
}

static int ask_copy(struct school_scr *s, struct tui *t)
{
	char from[16], to[16];

	if (s->nschools == 0 || tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	schoolyear_format(s->year - 1, from);
	schoolyear_format(s->year, to);
	if (s->nexp > 0 && s->noff > 0 && s->nlim > 0) {
		char *msg = xasprintf("%s heeft al expertise, aanbod en grenzen; er valt niets over "
				      "te nemen uit %s.", to, from);
		notice(t, "Vorig jaar overnemen", msg);
		free(msg);
		return TR_HANDLED | TR_REDRAW;
	}
	char *q = xasprintf("De expertise, het aanbod en de grenzen van %s overnemen in %s? "
			    "Alleen wat %s nog niet heeft; professionalisering blijft per jaar. "
			    "(j/n)", from, to, to);
	struct dialog_arg a = {
		.title = "Vorig jaar overnemen",
		.text = q,
		.question = true,
		.on_yes = copy_confirmed,
		.ctx = s,
	};
	tui_push(t, &dialog_screen, &a);
	free(q);
	return TR_HANDLED | TR_REDRAW;
}

/* ------------------------------------------------------------------ export */

/* The four documents of x, in the order offered. */
static const char *const export_options[] = {
	"SOP (Markdown)", "SOP (HTML)", "Schoolgids (Markdown)", "Schoolgids (HTML)",
};

/* Write the chosen document into the folder ibis was started from; the full
 * path, or an error. Caller frees *path. */
static enum ibis_status export_doc(struct school_scr *s, struct tui *t, enum doc_format fmt,
				   enum sop_audience aud, char **path, struct ibis_error *err)
{
	struct sop_input in;
	char sy[16];
	enum ibis_status st;

	*path = NULL;
	memset(&in, 0, sizeof(in));
	st = sop_gather(t->app, school_id(s), s->year, &in, err);
	if (st != IBIS_OK) {
		sop_input_free(&in);
		return st;
	}
	char *text = sop_document(&in, fmt, aud);
	sop_input_free(&in);

	struct strbuf name = { 0 };
	sb_printf(&name, "%s-%s-", aud == SOP_FOR_PARENTS ? "Schoolgids" : "SOP",
		  schoolyear_format(s->year, sy));
	size_t before = name.len;
	doc_name_part(&name, school_name(s));
	if (name.len == before)
		sb_add(&name, "school");
	sb_add(&name, fmt == DOC_HTML ? ".html" : ".md");

	st = doc_save_here(sb_str(&name), text, "Het document", path, err);
	free(text);
	sb_free(&name);
	return st;
}

static int export_chosen(void *ctx, struct tui *t, int id, int choice)
{
	struct school_scr *s = ctx;
	struct ibis_error err;
	char *path = NULL;

	(void)id;
	if (choice < 0 || choice >= (int)ARRAY_LEN(export_options))
		return TR_REDRAW;
	enum doc_format fmt = choice % 2 ? DOC_HTML : DOC_MD;
	enum sop_audience aud = choice >= 2 ? SOP_FOR_PARENTS : SOP_FOR_SCHOOL;
	if (export_doc(s, t, fmt, aud, &path, &err) != IBIS_OK) {
		tui_report(t, &err);
		return TR_REDRAW;
	}
	char *text = xasprintf("%s is opgeslagen als\n%s",
			       aud == SOP_FOR_PARENTS ? "De tekst voor de schoolgids" : "Het SOP",
			       path);
	notice(t, "Exporteren", text);
	free(text);
	free(path);
	return TR_REDRAW;
}

static int ask_export(struct school_scr *s, struct tui *t)
{
	if (s->nschools == 0)
		return TR_HANDLED;
	struct prompt_arg a = {
		.kind = PROMPT_CHOOSE,
		.title = "Exporteren",
		.text = "Welk document? Het SOP is voor het samenwerkingsverband en het team; de "
			"schoolgids-tekst is voor ouders, in gewone taal. HTML opent in de browser "
			"en is om af te drukken; Markdown is platte tekst.",
		.options = export_options,
		.noptions = (int)ARRAY_LEN(export_options),
		.selected = 0,
		.done = export_chosen,
		.ctx = s,
	};
	prompt_push(t, &a);
	return TR_HANDLED | TR_REDRAW;
}

/* ----------------------------------------------------------- school, year */

static int school_chosen(void *ctx, struct tui *t, int id, int choice)
{
	struct school_scr *s = ctx;

	(void)id;
	if (choice >= 0 && choice < s->nschools && choice != s->school) {
		s->school = choice;
		load_school(s, t);
	}
	return TR_REDRAW;
}

static int choose_school(struct school_scr *s, struct tui *t)
{
	if (s->nschools < 2) {
		notice(t, "School", s->nschools == 1 ? "Er is maar één school."
						     : "Er is nog geen school.");
		return TR_HANDLED | TR_REDRAW;
	}
	struct prompt_arg a = {
		.text = "Het SOP van welke school?",
		.selected = s->school,
		.done = school_chosen,
		.ctx = s,
	};
	prompt_school(t, &a, s->schools, s->nschools);
	return TR_HANDLED | TR_REDRAW;
}

/* Up to next school year (an SOP is written before the year starts); 1900
 * is where the database's years begin. */
static int change_year(struct school_scr *s, struct tui *t, int delta)
{
	int year = s->year + delta;

	if (year > schoolyear_of(date_today()) + 1 || year < 1900)
		return TR_HANDLED;
	s->year = year;
	lines_clear(s);
	s->list.cursor = s->list.top = 0;
	load(s, t, false);
	return TR_HANDLED | TR_REDRAW;
}

static int switch_part(struct school_scr *s, struct tui *t, int delta)
{
	s->part = (enum part)(((int)s->part + delta + P_COUNT) % P_COUNT);
	s->list.cursor = s->list.top = 0;
	build_lines(s, t, 0);
	return TR_HANDLED | TR_REDRAW;
}

static int open_other(struct school_scr *s, struct tui *t, const struct screen_ops *ops)
{
	struct school_arg a = { .school_id = school_id(s), .school_year = s->year };

	tui_push(t, ops, &a);
	return TR_HANDLED | TR_REDRAW;
}

static int school_action(struct screen *sc, struct tui *t, int action, tkey key)
{
	struct school_scr *s = sc->state;
	static const enum list_move moves[] = {
		[SA_UP] = LM_UP, [SA_DOWN] = LM_DOWN, [SA_PGUP] = LM_PGUP,
		[SA_PGDN] = LM_PGDN, [SA_HOME] = LM_HOME, [SA_END] = LM_END,
	};

	(void)key;
	/* A key may come before the draw that reads a change: act on the rows
	 * as they are now. */
	if (s->changes != t->changes)
		load(s, t, true);
	if (s->nschools == 0 && action != SA_SCHOOL)
		return TR_HANDLED;
	switch (action) {
	case SA_UP:
	case SA_DOWN:
	case SA_PGUP:
	case SA_PGDN:
	case SA_HOME:
	case SA_END:
		if (s->part == P_LEVELS)
			return list_scroll(&s->tv.list, moves[action]) ? TR_HANDLED | TR_REDRAW
								      : TR_HANDLED;
		return go(s, moves[action]);
	case SA_NEW:
		return new_row(s, t);
	case SA_EDIT:
		return edit_row(s, t);
	case SA_DELETE:
		return ask_delete(s, t);
	case SA_TAB:
		return switch_part(s, t, 1);
	case SA_BTAB:
		return switch_part(s, t, -1);
	case SA_PREV_YEAR:
		return change_year(s, t, -1);
	case SA_NEXT_YEAR:
		return change_year(s, t, 1);
	case SA_SCHOOL:
		return choose_school(s, t);
	case SA_COPY:
		return ask_copy(s, t);
	case SA_EXPORT:
		return ask_export(s, t);
	case SA_HGW:
		return open_other(s, t, &hgw_screen);
	case SA_BASIS:
		return open_other(s, t, &checklist_screen);
	default:
		return 0;
	}
}

const struct screen_ops school_screen = {
	.name = "School (SOP)",
	.state_size = sizeof(struct school_scr),
	.enter = school_enter,
	.draw = school_draw,
	.tables = school_tables,
	.keymap = school_keymap,
	.action = school_action,
	.leave = school_leave,
};
