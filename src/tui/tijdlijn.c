/* tijdlijn.c - the Tijdlijn, the first tab of a pupil's dossier: the level
 * over time as a step chart across the school years, the plans as bars under
 * it, and beneath it every item of the pupil's timeline, newest first, in a
 * list with a cursor. From here the level is raised, lowered, corrected or
 * withdrawn (levelform.c), and events and arrangements are added
 * (eventform.c); after such a save the screen reads everything again.
 *
 * One pupil has a few dozen timeline items and episodes, so they are read
 * whole (the chart needs the whole history anyway); the draw writes only the
 * rows of the list that are in view. Enter shows one item in full on a page
 * of its own (the item screen at the end of this file).
 */
#include "tui_internal.h"
#include "textview.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ibis/app.h"
#include "ibis/chart.h"
#include "ibis/date.h"
#include "ibis/db_arrangement.h"
#include "ibis/db_event.h"
#include "ibis/db_level.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/db_timeline.h"
#include "ibis/domain.h"
#include "ibis/levelmodel.h"
#include "ibis/plantemplate.h"
#include "ibis/records.h"
#include "ibis/text.h"

/* School years the chart goes back at most. */
#define CHART_YEARS 6
/* Rows the event list keeps however many plans the chart could show. */
#define LIST_MIN_ROWS 5

/* Columns of the event list: date, kind, author, then the summary takes
 * the rest. A wider window gives the author (a login) more room. */
struct columns {
	int date_x, kind_x, kind_w, author_x, author_w, text_x, text_w;
};

static struct columns layout(void)
{
	struct columns c;

	c.date_x = 1;
	c.kind_x = c.date_x + 10 + 2;
	c.kind_w = 12;
	c.author_x = c.kind_x + c.kind_w + 2;
	c.author_w = COLS >= 100 ? 22 : 14;
	c.text_x = c.author_x + c.author_w + 2;
	c.text_w = COLS - 1 - c.text_x;
	return c;
}

struct tijdlijn {
	ibis_id id;
	unsigned changes;          /* tui changes seen: read again after a save */

	char *title;               /* header, left */
	char *place;               /* "groep 5B", "vertrokken" or "geen groep" */
	int level;                 /* current level position, 0 when none */
	char *level_text;          /* the level as level_label writes it */
	const struct level_model *model; /* the school's model: the chart's y axis */

	struct level_episode *eps; /* oldest first */
	int neps;
	struct level_correction *cors;
	int ncors;
	struct plan *plans;        /* newest start first */
	int nplans;
	struct tl_item *items;     /* oldest first; the list shows them reversed */
	int nitems;
	char *filter;              /* the kind shown, NULL for all */
	struct strlist kinds;      /* the kinds offered by the filter picker */
	struct list list;          /* row 0 = the newest item */

	struct chart chart;        /* laid out for chart_width and chart_bars */
	bool have_chart;
	bool chart_stale;
	int chart_width, chart_bars;
};

/* Restricted events (medical, safeguarding) are for the IB'er and the admin
 * only. Roles come in a later issue; until then whoever runs the screens may
 * see them, and the list marks them. */
static bool sees_restricted(const struct tui *t)
{
	(void)t;
	return true;
}

/* ============================================================== the tabs */

void dossier_tabs_draw(struct tui *t, int y, enum dossier_tab current,
		       const char *const *hints)
{
	static const char *const names[] = { [TAB_TIJDLIJN] = "Tijdlijn",
					     [TAB_PLANNEN] = "Plannen",
					     [TAB_GEGEVENS] = "Gegevens" };
	int x = 1;

	for (int i = 0; i < (int)ARRAY_LEN(names); i++) {
		if (i > 0)
			x += draw_text(y, x, COLS - 1 - x, " | ", role_attr(t, ROLE_DIM));
		/* Brackets as well as the colour: the tab reads without colour. */
		char *s = i == (int)current ? xasprintf("[%s]", names[i]) : xstrdup(names[i]);
		/* Not the cursor's colour: the list's cursor row must be the
		 * only one that looks like it. */
		x += draw_text(y, x, COLS - 1 - x, s,
			       role_attr(t, i == (int)current ? ROLE_COLUMNS : ROLE_NORMAL));
		free(s);
	}
	/* The keys that have no room on the key bar, as many as fit. */
	struct strbuf sb = { 0 };
	sb_add(&sb, "");
	for (int i = 0; hints && hints[i]; i++) {
		int w = text_cols(sb_str(&sb)) + (sb.len ? 3 : 0) + text_cols(hints[i]);
		if (x + 2 + w > COLS - 1)
			break;
		sb_printf(&sb, "%s%s", sb.len ? " · " : "", hints[i]);
	}
	int w = text_cols(sb_str(&sb));
	if (w > 0)
		draw_text(y, COLS - 1 - w, w, sb_str(&sb), role_attr(t, ROLE_DIM));
	sb_free(&sb);
}

/* ================================================================ loading */

static void items_clear(struct tijdlijn *tl)
{
	tl_items_free(tl->items, tl->nitems);
	tl->items = NULL;
	tl->nitems = 0;
}

static void data_clear(struct tijdlijn *tl)
{
	freep(&tl->title);
	freep(&tl->place);
	freep(&tl->level_text);
	level_episodes_free(tl->eps, tl->neps);
	tl->eps = NULL;
	tl->neps = 0;
	level_corrections_free(tl->cors, tl->ncors);
	tl->cors = NULL;
	tl->ncors = 0;
	plans_free(tl->plans, tl->nplans);
	tl->plans = NULL;
	tl->nplans = 0;
	items_clear(tl);
	if (tl->have_chart)
		chart_free(&tl->chart);
	tl->have_chart = false;
	tl->chart_stale = true;
	tl->model = NULL;
	tl->level = 0;
}

/* The model an episode was recorded in: the school's when it names none,
 * NULL when it names one that is not installed (its levels are then only
 * numbers: another model's names would be wrong). */
static const struct level_model *episode_model(const struct tijdlijn *tl, const struct tui *t,
					       const char *model_id)
{
	return model_id ? domain_model(&t->app->dom, model_id) : tl->model;
}

/* "Laag 3" from the model, or "niveau 3" when the model does not know the
 * position. Caller frees. */
static char *level_name(const struct tijdlijn *tl, const struct tui *t, const char *model_id,
			int level)
{
	const struct level_model *m = episode_model(tl, t, model_id);
	const struct level *l = m ? levelmodel_level(m, level) : NULL;

	return l ? xstrdup(l->short_name) : xasprintf("niveau %d", level);
}

/* The row of the list the cursor is on, as an item; NULL when the list is
 * empty. Row 0 is the newest item. */
static const struct tl_item *row_item(const struct tijdlijn *tl, int row)
{
	if (row < 0 || row >= tl->nitems)
		return NULL;
	return &tl->items[tl->nitems - 1 - row];
}

static const struct tl_item *cursor_item(const struct tijdlijn *tl)
{
	return row_item(tl, tl->list.cursor);
}

/* Read the timeline (under the filter); the cursor goes to the item of
 * source/id when it is still there, else stays at its row. */
static void load_items(struct tijdlijn *tl, struct tui *t, enum tl_source source, ibis_id id)
{
	struct ibis_error err;
	struct tl_query q = {
		.pupil_id = tl->id,
		.kind = tl->filter,
		.with_restricted = sees_restricted(t),
	};

	items_clear(tl);
	if (db_timeline(t->app->db, &q, &tl->items, &tl->nitems, &err) != IBIS_OK) {
		tui_report(t, &err);
		tl->items = NULL;
		tl->nitems = 0;
	}
	list_set_count(&tl->list, tl->nitems);
	for (int row = 0; id && row < tl->nitems; row++) {
		const struct tl_item *it = row_item(tl, row);
		if (it->source == source && it->id == id) {
			tl->list.cursor = row;
			list_set_count(&tl->list, tl->nitems);
			break;
		}
	}
}

/* Read the pupil and everything the screen shows. False when the pupil
 * itself cannot be read (reported); a part that cannot be read is reported
 * and left empty. */
static bool load(struct tijdlijn *tl, struct tui *t)
{
	struct db *db = t->app->db;
	struct ibis_error err;
	struct pupil p = { 0 };
	struct placement pl = { 0 };
	struct school sc = { 0 };
	const struct tl_item *cur = cursor_item(tl);
	enum tl_source keep_source = cur ? cur->source : TL_EVENT;
	ibis_id keep_id = cur ? cur->id : 0;

	data_clear(tl);
	tl->changes = t->changes;
	if (db_pupil_get(db, tl->id, &p, &err) != IBIS_OK) {
		tui_report(t, &err);
		tl->title = xasprintf("ibis — Dossier #%lld", (long long)tl->id);
		tl->place = xstrdup("");
		tl->level_text = xstrdup("");
		list_set_count(&tl->list, 0);
		return false;
	}
	if (db_pupil_placement(db, tl->id, schoolyear_of(date_today()), &pl, &err) != IBIS_OK) {
		tui_report(t, &err);
		placement_clear(&pl);
	}
	if (db_school_get(db, p.school_id, &sc, &err) != IBIS_OK) {
		tui_report(t, &err);
		school_clear(&sc);
	}
	tl->model = sc.level_model ? domain_model(&t->app->dom, sc.level_model) : NULL;
	if (db_level_history(db, tl->id, &tl->eps, &tl->neps, &err) != IBIS_OK) {
		tui_report(t, &err);
		tl->eps = NULL;
		tl->neps = 0;
	}
	if (db_level_corrections(db, tl->id, &tl->cors, &tl->ncors, &err) != IBIS_OK) {
		tui_report(t, &err);
		tl->cors = NULL;
		tl->ncors = 0;
	}
	if (db_plan_list(db, tl->id, &tl->plans, &tl->nplans, &err) != IBIS_OK) {
		tui_report(t, &err);
		tl->plans = NULL;
		tl->nplans = 0;
	}
	/* A school without a (known) model still gets a chart, on the axis of
	 * the model its pupil's last step was recorded in. */
	if (!tl->model && tl->neps > 0)
		tl->model = domain_model(&t->app->dom, tl->eps[tl->neps - 1].model);

	const struct level_episode *open = NULL;
	for (int i = tl->neps - 1; i >= 0 && !open; i--)
		if (tl->eps[i].end == DATE_NONE)
			open = &tl->eps[i];
	tl->level = open ? open->level : 0;
	if (open) {
		const struct level_model *m = episode_model(tl, t, open->model);
		const struct level *l = m ? levelmodel_level(m, open->level) : NULL;
		tl->level_text = level_label(t, open->level, l ? l->short_name : NULL);
	} else {
		tl->level_text = xstrdup("geen niveau");
	}

	char *name = name_natural(p.first_name, p.tussenvoegsel, p.last_name);
	tl->title = xasprintf("ibis — Dossier #%lld · %s", (long long)p.id, name);
	free(name);
	if (pl.group_id)
		tl->place = xasprintf("groep %s", pl.group_name ? pl.group_name : "");
	else
		tl->place = xstrdup(p.left != DATE_NONE ? "vertrokken" : "geen groep");

	load_items(tl, t, keep_source, keep_id);
	school_clear(&sc);
	placement_clear(&pl);
	pupil_clear(&p);
	return true;
}

/* ================================================================ summaries */

static int episode_index(const struct tijdlijn *tl, ibis_id id)
{
	for (int i = 0; i < tl->neps; i++)
		if (tl->eps[i].id == id)
			return i;
	return -1;
}

static const struct level_correction *find_correction(const struct tijdlijn *tl, ibis_id id)
{
	for (int i = 0; i < tl->ncors; i++)
		if (tl->cors[i].id == id)
			return &tl->cors[i];
	return NULL;
}

static const struct plan *find_plan(const struct tijdlijn *tl, ibis_id id)
{
	for (int i = 0; i < tl->nplans; i++)
		if (tl->plans[i].id == id)
			return &tl->plans[i];
	return NULL;
}

/* "Laag 3 (was Laag 2): reason", the levels named from the model rather than
 * the numbers of the stored summary. */
static void level_summary(const struct tijdlijn *tl, const struct tui *t,
			  const struct tl_item *it, struct strbuf *sb)
{
	int k = episode_index(tl, it->id);

	if (k < 0) {
		sb_add(sb, it->summary ? it->summary : "");
		return;
	}
	const struct level_episode *e = &tl->eps[k];
	char *now = level_name(tl, t, e->model, e->level);
	sb_add(sb, now);
	free(now);
	if (k > 0) {
		const struct level_episode *prev = &tl->eps[k - 1];
		char *was = level_name(tl, t, prev->model, prev->level);
		sb_printf(sb, " (was %s)", was);
		free(was);
	}
	if (!str_empty(e->reason))
		sb_printf(sb, ": %.*s", (int)strcspn(e->reason, "\n"), e->reason);
}

/* "Stap gecorrigeerd, was Laag 2 vanaf 18-07-2025: why". */
static void correction_summary(const struct tijdlijn *tl, const struct tui *t,
			       const struct tl_item *it, struct strbuf *sb)
{
	const struct level_correction *c = find_correction(tl, it->id);
	char d[DATE_NL_LEN];

	if (!c) {
		sb_add(sb, it->summary ? it->summary : "");
		return;
	}
	char *old = level_name(tl, t, c->old.model, c->old.level);
	if (c->action == CORRECTION_WITHDRAWN)
		sb_printf(sb, "Stap ingetrokken: %s vanaf %s", old, date_format_nl(c->old.start, d));
	else
		sb_printf(sb, "Stap gecorrigeerd, was %s vanaf %s", old,
			  date_format_nl(c->old.start, d));
	free(old);
	if (!str_empty(c->why))
		sb_printf(sb, ": %.*s", (int)strcspn(c->why, "\n"), c->why);
}

/* The one line of the list for an item. Caller frees. */
static char *item_summary(const struct tijdlijn *tl, const struct tui *t,
			  const struct tl_item *it)
{
	struct strbuf sb = { 0 };

	sb_add(&sb, "");
	if (it->restricted)
		sb_add(&sb, "(afgeschermd) ");
	if (it->source == TL_LEVEL)
		level_summary(tl, t, it, &sb);
	else if (it->source == TL_CORRECTION)
		correction_summary(tl, t, it, &sb);
	else if (it->summary)
		sb_addn(&sb, it->summary, strcspn(it->summary, "\n"));
	return sb_take(&sb);
}

/* =================================================================== chart */

/* Lay the chart out for width columns with the newest nbars plans, unless
 * that is what is laid out already. */
static void chart_update(struct tijdlijn *tl, struct tui *t, int width, int nbars)
{
	if (!tl->chart_stale && tl->chart_width == width && tl->chart_bars == nbars)
		return;
	if (tl->have_chart)
		chart_free(&tl->chart);
	tl->have_chart = false;
	tl->chart_stale = false;
	tl->chart_width = width;
	tl->chart_bars = nbars;
	if (!tl->model || tl->model->nlevels < 1)
		return;

	int nlevels = tl->model->nlevels;
	const char **names = xcalloc((size_t)nlevels, sizeof(*names));
	for (int i = 0; i < nlevels; i++)
		names[i] = tl->model->levels[i].short_name;

	/* Every episode on the school's axis by its position; one recorded in a
	 * larger model before a remap is drawn at the top rather than left out,
	 * so the line has no gap. */
	struct chart_span *spans = xcalloc((size_t)(tl->neps > 0 ? tl->neps : 1), sizeof(*spans));
	for (int i = 0; i < tl->neps; i++) {
		int lv = tl->eps[i].level;
		spans[i].start = tl->eps[i].start;
		spans[i].end = tl->eps[i].end;
		spans[i].level = lv < 1 ? 1 : lv > nlevels ? nlevels : lv;
	}

	/* The plans come newest first: the newest nbars, drawn oldest first. */
	struct chart_bar *bars = xcalloc((size_t)(nbars > 0 ? nbars : 1), sizeof(*bars));
	int nb = 0;
	for (int i = nbars - 1; i >= 0; i--) {
		const struct plan *p = &tl->plans[i];
		if (p->start == DATE_NONE)
			continue;
		const struct plan_template *pt =
			p->template_id ? domain_plan(&t->app->dom, p->template_id) : NULL;
		bool done = p->status == PLAN_EVALUATED || p->status == PLAN_CLOSED;
		ibis_date end = p->end;
		/* A finished plan without an end date ends where it was
		 * evaluated, not today. */
		if (done && end == DATE_NONE)
			end = p->eval_date != DATE_NONE && p->eval_date >= p->start ? p->eval_date
										 : p->start;
		bars[nb].start = p->start;
		bars[nb].end = end;
		bars[nb].label = pt && pt->short_name ? pt->short_name
				: p->template_id ? p->template_id : "plan";
		bars[nb].done = done;
		nb++;
	}

	struct chart_opts opt = {
		.today = date_today(),
		.width = width,
		.nlevels = nlevels,
		.level_names = names,
		.utf8 = t->utf8,
	};
	chart_years(tl->neps > 0 ? tl->eps[0].start : DATE_NONE, opt.today, CHART_YEARS,
		    &opt.first_year, &opt.last_year);
	tl->have_chart = chart_layout(&opt, spans, tl->neps, bars, nb, &tl->chart);
	if (!tl->have_chart)
		chart_free(&tl->chart);
	free(bars);
	free(spans);
	free(names);
}

/* The attribute of a cell: the level's colour for the line, the plan colour
 * for a bar. Without colour the level roles are plain or bold, and the line's
 * height itself says the level. */
static attr_t cell_attr(const struct tui *t, const struct chart_cell *c)
{
	if (c->bar)
		return role_attr(t, ROLE_LABEL);
	if (c->level > 0)
		return role_attr(t, level_role(c->level));
	return role_attr(t, ROLE_NORMAL);
}

/* Row r of the chart at screen row y, column x: runs of cells with the same
 * attribute are written at once. */
static void chart_draw_row(const struct tui *t, const struct chart *c, int r, int y, int x)
{
	struct strbuf run = { 0 };
	int from = 0;
	attr_t a = 0;

	for (int col = 0; col <= c->width; col++) {
		const struct chart_cell *cell = col < c->width ? chart_at(c, r, col) : NULL;
		attr_t ca = cell ? cell_attr(t, cell) : 0;
		if (col > from && (!cell || ca != a)) {
			draw_text(y, x + from, col - from, sb_str(&run), a);
			sb_reset(&run);
			from = col;
		}
		if (!cell)
			break;
		a = ca;
		sb_add(&run, cell->ch[0] ? cell->ch : " ");
	}
	sb_free(&run);
}

/* =================================================================== draw */

/* Rows the chart may take at most (its plans included) when it starts at
 * row y: the list below keeps LIST_MIN_ROWS and its heading. */
static int chart_room(int y)
{
	return (LINES - 1) - y - 1 - LIST_MIN_ROWS;
}

static void draw_list(struct tijdlijn *tl, struct tui *t, int y)
{
	attr_t ha = role_attr(t, ROLE_COLUMNS);
	int bottom = LINES - 1;
	struct columns c = layout();

	draw_text(y, c.date_x, 10, "Datum", ha);
	draw_text(y, c.kind_x, c.kind_w, "Soort", ha);
	draw_text(y, c.author_x, c.author_w, "Door", ha);
	draw_text(y, c.text_x, c.text_w, "Omschrijving", ha);
	if (tl->nitems > 0) {
		char *pos = xasprintf("%d/%d", tl->list.cursor + 1, tl->nitems);
		int w = text_cols(pos);
		draw_fill(y, COLS - 3 - w, w + 2, role_attr(t, ROLE_NORMAL));
		draw_text(y, COLS - 1 - w, w, pos, role_attr(t, ROLE_DIM));
		free(pos);
	}
	y++;
	list_set_height(&tl->list, bottom - y);
	if (tl->nitems == 0) {
		char *msg = tl->filter
			? xasprintf("Geen items van de soort %s; f toont weer alle.", tl->filter)
			: xstrdup("Nog niets vastgelegd. Met n voegt u een gebeurtenis toe.");
		draw_text(y, 2, COLS - 4, msg, role_attr(t, ROLE_DIM));
		free(msg);
		return;
	}
	for (int i = 0; i < tl->list.height; i++) {
		int row = tl->list.top + i;
		const struct tl_item *it = row_item(tl, row);
		if (!it)
			break;
		bool sel = row == tl->list.cursor;
		attr_t a = role_attr(t, sel ? ROLE_SELECTED : ROLE_NORMAL);
		char d[DATE_NL_LEN];

		if (sel)
			draw_fill(y + i, 0, COLS, a);
		draw_text(y + i, c.date_x, 10, date_format_nl(it->date, d), a);
		/* A level step's kind in that level's colour. */
		attr_t ka = a;
		if (!sel && it->source == TL_LEVEL && it->level > 0)
			ka = role_attr(t, level_role(it->level));
		draw_text(y + i, c.kind_x, c.kind_w, it->kind ? it->kind : "", ka);
		draw_text(y + i, c.author_x, c.author_w, it->author ? it->author : "", a);
		char *s = item_summary(tl, t, it);
		draw_text(y + i, c.text_x, c.text_w, s, a);
		free(s);
	}
}

static void tijdlijn_draw(struct screen *s, struct tui *t)
{
	struct tijdlijn *tl = s->state;
	static const char *const hints[] = {
		"Tab Plannen", "f filter", "l logboek", "c/d corrigeren", "a arrangement", NULL,
	};

	if (tl->changes != t->changes)
		load(tl, t);

	char *right = tl->filter
		? xasprintf("%s · %s · filter: %s", tl->place, tl->level_text, tl->filter)
		: xasprintf("%s · %s", tl->place, tl->level_text);
	int y = draw_header(t, tl->title, right);
	free(right);
	dossier_tabs_draw(t, y, TAB_TIJDLIJN, hints);
	y++;

	int room = chart_room(y);
	int base = tl->model ? tl->model->nlevels + 3 : 0;
	if (!tl->model) {
		draw_text(y++, 2, COLS - 4,
			  "Geen grafiek: de school heeft geen bekend niveaumodel.",
			  role_attr(t, ROLE_DIM));
	} else if (base > room) {
		draw_text(y++, 2, COLS - 4, "Het venster is te laag voor de grafiek.",
			  role_attr(t, ROLE_DIM));
	} else {
		/* As many plans as fit; when not all do, the last row says how
		 * many more there are. */
		int shown = tl->nplans;
		bool capped = base + shown > room;
		if (capped)
			shown = room - base - 1;
		chart_update(tl, t, COLS - 2, shown);
		if (tl->have_chart) {
			for (int r = 0; r < tl->chart.height; r++)
				chart_draw_row(t, &tl->chart, r, y + r, 1);
			/* The bars' rows have no level name: say what they are. */
			if (tl->chart.first_bar_row < tl->chart.height && tl->chart.plot_x > 2) {
				int w = tl->chart.plot_x - 2;
				int lw = text_cols("Plannen");
				int x = 1 + (lw < w ? w - lw : 0);
				draw_text(y + tl->chart.first_bar_row, x, w - (x - 1), "Plannen",
					  role_attr(t, ROLE_DIM));
			}
			y += tl->chart.height;
			if (capped) {
				char *more = xasprintf("+%d %s", tl->nplans - shown,
						       tl->nplans - shown == 1 ? "plan" : "plannen");
				draw_text(y++, 1 + tl->chart.plot_x, COLS - 2 - tl->chart.plot_x,
					  more, role_attr(t, ROLE_DIM));
				free(more);
			}
		} else {
			draw_text(y++, 2, COLS - 4, "Het venster is te smal voor de grafiek.",
				  role_attr(t, ROLE_DIM));
		}
	}
	draw_list(tl, t, y);
}

/* ================================================================== enter */

static int tijdlijn_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct tijdlijn *tl = s->state;

	tl->id = *(const ibis_id *)arg;
	tl->list.height = 1;
	tl->chart_stale = true;
	return load(tl, t) ? TR_REDRAW : TR_POP;
}

static void tijdlijn_leave(struct screen *s, struct tui *t)
{
	struct tijdlijn *tl = s->state;

	(void)t;
	data_clear(tl);
	free(tl->filter);
	sl_free(&tl->kinds);
}

/* ================================================================ actions */

enum {
	TA_UP = 1, TA_DOWN, TA_PGUP, TA_PGDN, TA_HOME, TA_END,
	TA_OPEN, TA_NEW, TA_RAISE, TA_LOWER, TA_CORRECT, TA_WITHDRAW, TA_ARRANGEMENT,
	TA_FILTER, TA_TAB, TA_EDIT, TA_BTAB, TA_LOG,
};

static const struct keydef tijdlijn_keys[] = {
	{ TA_OPEN, { TK_ENTER }, "Openen",
	  "Het item onder de cursor helemaal tonen (een gebeurtenis met de toetsuitslag, een "
	  "niveaustap met reden, bespreking, regie en betrokkenen, een correctie met de oude "
	  "waarden, een plan)" },
	{ TA_NEW, { 'n' }, "Nieuw",
	  "Een nieuwe gebeurtenis vastleggen: datum, soort, auteur en tekst (een toets met "
	  "de uitslag)" },
	{ TA_RAISE, { '+' }, "Hoger",
	  "Het niveau verhogen: datum, reden, bespreking, regie en betrokkenen" },
	{ TA_LOWER, { '-' }, "Lager", "Het niveau verlagen" },
	{ TA_FILTER, { 'f' }, NULL, "Alleen één soort tonen (observatie, toets, niveau, ...) of weer alle" },
	{ TA_TAB, { TK_TAB }, NULL, "Naar het tabblad Plannen (de plannen van de leerling)" },
	{ TA_BTAB, { TK_BTAB }, NULL, "Naar het tabblad Gegevens (feiten en niveaugeschiedenis)" },
	{ TA_LOG, { 'l' }, NULL,
	  "Een regel in het logboek van het lopende plan (concept of actief); bij meer "
	  "lopende plannen eerst kiezen welk" },
	{ TA_CORRECT, { 'c' }, NULL,
	  "De niveaustap onder de cursor corrigeren (staat de cursor niet op een stap: het "
	  "huidige niveau); de oude waarden blijven bewaard" },
	{ TA_WITHDRAW, { 'd' }, NULL,
	  "De nieuwste niveaustap intrekken (een stap die nooit is gezet); de oude waarden "
	  "blijven bewaard" },
	{ TA_ARRANGEMENT, { 'a' }, NULL, "Een TLV of onderwijsarrangement vastleggen" },
	{ TA_EDIT, { 'e' }, NULL, "De gegevens van de leerling wijzigen (naam, geboortedatum, ...)" },
	{ TA_UP, { TK_UP, 'k' }, NULL, "Een item omhoog (nieuwer)" },
	{ TA_DOWN, { TK_DOWN, 'j' }, NULL, "Een item omlaag (ouder)" },
	{ TA_PGUP, { TK_PGUP }, NULL, "Een pagina omhoog" },
	{ TA_PGDN, { TK_PGDN }, NULL, "Een pagina omlaag" },
	{ TA_HOME, { TK_HOME, 'g' }, NULL, "Naar het nieuwste item" },
	{ TA_END, { TK_END, 'G' }, NULL, "Naar het oudste item" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const tijdlijn_tables[] = { tijdlijn_keys, NULL };

static const struct keydef *tijdlijn_keymap(struct screen *s)
{
	(void)s;
	return tijdlijn_keys;
}

/* A refusal or explanation in a message box. */
static void notice(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void notice(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	struct dialog_arg a = { .title = "Tijdlijn", .text = text };
	tui_push(t, &dialog_screen, &a);
	free(text);
}

static const struct level_episode *newest_episode(const struct tijdlijn *tl)
{
	return tl->neps > 0 ? &tl->eps[tl->neps - 1] : NULL;
}

/* The open episode, else the newest. */
static const struct level_episode *current_episode(const struct tijdlijn *tl)
{
	for (int i = tl->neps - 1; i >= 0; i--)
		if (tl->eps[i].end == DATE_NONE)
			return &tl->eps[i];
	return newest_episode(tl);
}

static int open_levelform(struct tui *t, enum levelform_mode mode, ibis_id pupil,
			  ibis_id episode, int to)
{
	struct levelform_arg a = {
		.mode = mode,
		.pupil_id = pupil,
		.episode_id = episode,
		.to = to,
	};

	tui_push(t, &levelform_screen, &a);
	return TR_HANDLED | TR_REDRAW;
}

static int raise_or_lower(struct tijdlijn *tl, struct tui *t, bool up)
{
	int top = tl->model ? tl->model->nlevels : 9;

	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	if (up && tl->level >= top) {
		char *name = level_name(tl, t, NULL, tl->level);
		notice(t, "%s is het hoogste niveau van het model; hoger kan niet.", name);
		free(name);
		return TR_HANDLED | TR_REDRAW;
	}
	if (!up && tl->level == 0) {
		notice(t, "Er is nog geen niveau vastgelegd; met + legt u het eerste vast.");
		return TR_HANDLED | TR_REDRAW;
	}
	if (!up && tl->level <= 1) {
		char *name = level_name(tl, t, NULL, tl->level);
		notice(t, "%s is het laagste niveau; lager kan niet.", name);
		free(name);
		return TR_HANDLED | TR_REDRAW;
	}
	return open_levelform(t, LF_CHANGE, tl->id, 0, up ? tl->level + 1 : tl->level - 1);
}

static int correct(struct tijdlijn *tl, struct tui *t)
{
	const struct tl_item *it = cursor_item(tl);
	ibis_id episode = 0;

	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	if (it && it->source == TL_LEVEL) {
		episode = it->id;
	} else {
		const struct level_episode *e = current_episode(tl);
		episode = e ? e->id : 0;
	}
	if (!episode) {
		notice(t, "Er is nog geen niveaustap om te corrigeren.");
		return TR_HANDLED | TR_REDRAW;
	}
	return open_levelform(t, LF_CORRECT, tl->id, episode, 0);
}

static int withdraw(struct tijdlijn *tl, struct tui *t)
{
	const struct tl_item *it = cursor_item(tl);
	const struct level_episode *newest = newest_episode(tl);
	char d[DATE_NL_LEN];

	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	if (!newest) {
		notice(t, "Er is nog geen niveaustap om in te trekken.");
		return TR_HANDLED | TR_REDRAW;
	}
	if (it && it->source == TL_LEVEL && it->id != newest->id) {
		char *name = level_name(tl, t, newest->model, newest->level);
		notice(t, "Alleen de nieuwste niveaustap (%s vanaf %s) kan worden ingetrokken. "
			  "Een oudere stap corrigeert u met c.", name,
		       date_format_nl(newest->start, d));
		free(name);
		return TR_HANDLED | TR_REDRAW;
	}
	return open_levelform(t, LF_WITHDRAW, tl->id, newest->id, 0);
}

static int add_with(struct tijdlijn *tl, struct tui *t, const struct screen_ops *ops)
{
	ibis_id id = tl->id;

	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	tui_push(t, ops, &id);
	return TR_HANDLED | TR_REDRAW;
}

static int filter_picked(struct tui *t, void *ctx, int index)
{
	struct tijdlijn *tl = ctx;

	freep(&tl->filter);
	if (index > 0 && index <= (int)tl->kinds.len)
		tl->filter = xstrdup(tl->kinds.items[index - 1]);
	tl->list.cursor = tl->list.top = 0;
	load_items(tl, t, TL_EVENT, 0);
	return TR_REDRAW;
}

static int choose_filter(struct tijdlijn *tl, struct tui *t)
{
	struct ibis_error err;
	struct strlist labels = { 0 };
	int current = 0;

	sl_free(&tl->kinds);
	if (db_timeline_kinds(t->app->db, tl->id, sees_restricted(t), &tl->kinds, &err) !=
	    IBIS_OK) {
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	/* The kind in force stays offered even when nothing of it is left. */
	bool listed = !tl->filter;
	for (size_t i = 0; i < tl->kinds.len && !listed; i++)
		listed = strcmp(tl->kinds.items[i], tl->filter) == 0;
	if (!listed)
		sl_add(&tl->kinds, tl->filter);
	sl_add(&labels, "alle");
	for (size_t i = 0; i < tl->kinds.len; i++) {
		sl_add(&labels, tl->kinds.items[i]);
		if (tl->filter && strcmp(tl->kinds.items[i], tl->filter) == 0)
			current = (int)i + 1;
	}
	struct picker_arg a = {
		.title = "Soort",
		.items = &labels,
		.current = current,
		.on_pick = filter_picked,
		.ctx = tl,
	};
	tui_push(t, &picker_screen, &a);
	sl_free(&labels);
	return TR_HANDLED | TR_REDRAW;
}

/* Replace this tab by another one on the stack. */
static int switch_tab(struct tijdlijn *tl, struct tui *t, bool next)
{
	ibis_id id = tl->id;
	struct plannen_arg pa = { .pupil_id = tl->id };
	int r = next ? tui_push(t, &plannen_screen, &pa) : tui_push(t, &dossier_screen, &id);

	if (r & TR_POP)
		return TR_HANDLED | TR_REDRAW;
	return TR_HANDLED | TR_POP | TR_REDRAW;
}

/* The plans a logboek entry can go to: those still running. */
static bool plan_open(const struct plan *p)
{
	return p->status == PLAN_CONCEPT || p->status == PLAN_ACTIVE;
}

/* The index-th open plan of the list. */
static const struct plan *open_plan(const struct tijdlijn *tl, int index)
{
	for (int i = 0; i < tl->nplans; i++)
		if (plan_open(&tl->plans[i]) && index-- == 0)
			return &tl->plans[i];
	return NULL;
}

static int log_picked(struct tui *t, void *ctx, int index)
{
	const struct plan *p = open_plan(ctx, index);

	if (p)
		plan_log_ask(t, p->id, NULL, NULL);
	return TR_REDRAW;
}

/* l: a logboek entry for the pupil's running plan, chosen when there are
 * more. */
static int add_log(struct tijdlijn *tl, struct tui *t)
{
	struct strlist labels = { 0 };
	char d[DATE_NL_LEN];

	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	const struct plan *p;
	for (int k = 0; (p = open_plan(tl, k)); k++) {
		const struct plan_template *pt =
			p->template_id ? domain_plan(&t->app->dom, p->template_id) : NULL;
		sl_addf(&labels, "%s %s (%s%s%s)",
			pt && pt->short_name ? pt->short_name : p->template_id ? p->template_id : "plan",
			p->title ? p->title : "", plan_status_name(p->status),
			p->start != DATE_NONE ? ", vanaf " : "",
			p->start != DATE_NONE ? date_format_nl(p->start, d) : "");
	}
	if (labels.len == 0) {
		notice(t, "Er loopt geen plan (concept of actief) voor deze leerling: een "
			  "logboekregel hoort bij een plan. Maak een plan in het tabblad Plannen.");
	} else if (labels.len == 1) {
		plan_log_ask(t, open_plan(tl, 0)->id, NULL, NULL);
	} else {
		struct picker_arg a = {
			.title = "Logboek van welk plan?",
			.items = &labels,
			.current = 0,
			.on_pick = log_picked,
			.ctx = tl,
		};
		tui_push(t, &picker_screen, &a);
	}
	sl_free(&labels);
	return TR_HANDLED | TR_REDRAW;
}

static const struct screen_ops item_screen;

struct item_arg {
	const struct tijdlijn *tl;
	const struct tl_item *item;
};

static int list_go(struct tijdlijn *tl, enum list_move how)
{
	return list_move(&tl->list, how) ? TR_HANDLED | TR_REDRAW : TR_HANDLED;
}

static int tijdlijn_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct tijdlijn *tl = s->state;

	(void)key;
	switch (action) {
	case TA_UP:
		return list_go(tl, LM_UP);
	case TA_DOWN:
		return list_go(tl, LM_DOWN);
	case TA_PGUP:
		return list_go(tl, LM_PGUP);
	case TA_PGDN:
		return list_go(tl, LM_PGDN);
	case TA_HOME:
		return list_go(tl, LM_HOME);
	case TA_END:
		return list_go(tl, LM_END);
	case TA_OPEN: {
		const struct tl_item *it = cursor_item(tl);
		if (!it)
			return TR_HANDLED;
		struct item_arg a = { .tl = tl, .item = it };
		tui_push(t, &item_screen, &a);
		return TR_HANDLED | TR_REDRAW;
	}
	case TA_NEW:
		return add_with(tl, t, &eventform_screen);
	case TA_ARRANGEMENT:
		return add_with(tl, t, &arrangementform_screen);
	case TA_EDIT:
		return add_with(tl, t, &pupilform_screen);
	case TA_RAISE:
		return raise_or_lower(tl, t, true);
	case TA_LOWER:
		return raise_or_lower(tl, t, false);
	case TA_CORRECT:
		return correct(tl, t);
	case TA_WITHDRAW:
		return withdraw(tl, t);
	case TA_FILTER:
		return choose_filter(tl, t);
	case TA_TAB:
	case TA_BTAB:
		return switch_tab(tl, t, action == TA_TAB);
	case TA_LOG:
		return add_log(tl, t);
	default:
		return 0;
	}
}

const struct screen_ops tijdlijn_screen = {
	.name = "Tijdlijn",
	.state_size = sizeof(struct tijdlijn),
	.enter = tijdlijn_enter,
	.draw = tijdlijn_draw,
	.tables = tijdlijn_tables,
	.keymap = tijdlijn_keymap,
	.action = tijdlijn_action,
	.leave = tijdlijn_leave,
};

/* ============================================================ one item */

/* One item in full on a read-only page: built once when it opens, from the
 * Tijdlijn's records and, for an event or a level step, the row read again
 * (the list holds only a line of it). */
static void fact_date(struct textview *tv, const char *label, ibis_date d, const char *none)
{
	char buf[DATE_NL_LEN];

	tv_fact(tv, label, d != DATE_NONE ? date_format_nl(d, buf) : none);
}

/* The level of an episode as "▃ Laag 3 — In de klas met ..." with the model
 * named when it is not the school's. */
static void fact_level(const struct tijdlijn *tl, const struct tui *t, struct textview *tv,
		       const char *label, const char *model_id, int level)
{
	const struct level_model *m = episode_model(tl, t, model_id);
	const struct level *l = m ? levelmodel_level(m, level) : NULL;
	char *lab = level_label(t, level, l ? l->short_name : NULL);
	struct strbuf sb = { 0 };

	sb_add(&sb, lab);
	if (l && l->name && strcmp(l->name, l->short_name) != 0)
		sb_printf(&sb, " — %s", l->name);
	if (m && m != tl->model)
		sb_printf(&sb, " (model %s)", m->name);
	else if (!m && model_id)
		sb_printf(&sb, " (model %s)", model_id);
	struct tv_para p = {
		.role = ROLE_NORMAL,
		.lead_role = ROLE_LABEL,
		.indent = 1,
		.lead = (char *)label,
		.lead_cols = 18,
		.text = (char *)sb_str(&sb),
	};
	tv_add(tv, &p);
	sb_free(&sb);
	free(lab);
}

/* The fields of an episode (a step, or the old values of a correction). */
static void episode_facts(const struct tijdlijn *tl, const struct tui *t, struct textview *tv,
			  const struct level_episode *e)
{
	fact_level(tl, t, tv, "Niveau", e->model, e->level);
	fact_date(tv, "Vanaf", e->start, "onbekend");
	fact_date(tv, "Tot", e->end, "heden");
	tv_fact(tv, "Reden", e->reason);
	tv_fact(tv, "Besloten in", e->meeting);
	tv_fact(tv, "Regie", e->regie);
	tv_fact(tv, "Betrokkenen", e->betrokkenen);
	tv_fact(tv, "Vastgelegd door", e->author);
}

static void build_event(struct tui *t, struct textview *tv, const struct tl_item *it)
{
	struct ibis_error err;
	struct event e = { 0 };
	bool found = false;

	if (db_event_get(t->app->db, it->id, &e, &found, &err) != IBIS_OK) {
		tui_report(t, &err);
		found = false;
	}
	if (!found) {
		tv_fact(tv, "Omschrijving", it->summary);
		return;
	}
	fact_date(tv, "Datum", e.date, "onbekend");
	tv_fact(tv, "Soort", e.kind);
	tv_fact(tv, "Door", e.author);
	if (e.restricted)
		tv_fact(tv, "Afgeschermd", "ja: alleen voor de IB'er en de beheerder");
	if (e.toets || e.vakgebied || e.moment || e.score || e.niveau) {
		tv_heading(tv, "Toetsuitslag");
		tv_fact(tv, "Toets", e.toets);
		tv_fact(tv, "Vakgebied", e.vakgebied);
		tv_fact(tv, "Moment", e.moment);
		tv_fact(tv, "Score", e.score);
		tv_fact(tv, "Niveau", e.niveau);
	}
	tv_heading(tv, "Tekst");
	tv_text(tv, ROLE_NORMAL, 1, !str_empty(e.text) ? e.text : "—");
	event_clear(&e);
}

static void build_level(const struct tijdlijn *tl, struct tui *t, struct textview *tv,
			const struct tl_item *it)
{
	struct ibis_error err;
	struct level_episode e = { 0 };
	bool found = false;

	if (db_level_get(t->app->db, it->id, &e, &found, &err) != IBIS_OK) {
		tui_report(t, &err);
		found = false;
	}
	if (!found) {
		tv_fact(tv, "Omschrijving", it->summary);
		return;
	}
	int k = episode_index(tl, e.id);
	if (k > 0)
		fact_level(tl, t, tv, "Was", tl->eps[k - 1].model, tl->eps[k - 1].level);
	episode_facts(tl, t, tv, &e);
	if (e.corrects) {
		char *s = xasprintf("stap #%lld", (long long)e.corrects);
		tv_fact(tv, "Corrigeert", s);
		free(s);
	}
	level_episode_clear(&e);
}

static void build_correction(const struct tijdlijn *tl, struct tui *t, struct textview *tv,
			     const struct tl_item *it)
{
	const struct level_correction *c = find_correction(tl, it->id);

	if (!c) {
		tv_fact(tv, "Omschrijving", it->summary);
		return;
	}
	tv_fact(tv, "Actie", c->action == CORRECTION_WITHDRAWN ? "stap ingetrokken"
							    : "stap gecorrigeerd");
	fact_date(tv, "Op", c->on, "onbekend");
	tv_fact(tv, "Door", c->author);
	tv_fact(tv, "Waarom", c->why);
	tv_heading(tv, "De stap was");
	episode_facts(tl, t, tv, &c->old);
}

static void build_plan(const struct tijdlijn *tl, struct tui *t, struct textview *tv,
		       const struct tl_item *it)
{
	const struct plan *p = find_plan(tl, it->id);

	if (!p) {
		tv_fact(tv, "Omschrijving", it->summary);
		return;
	}
	const struct plan_template *pt =
		p->template_id ? domain_plan(&t->app->dom, p->template_id) : NULL;
	tv_fact(tv, "Plan", pt ? pt->name : p->template_id);
	tv_fact(tv, "Titel", p->title);
	tv_fact(tv, "Status", plan_status_name(p->status));
	fact_date(tv, "Start", p->start, "onbekend");
	fact_date(tv, "Einde", p->end, "geen");
	fact_date(tv, "Evaluatie", p->eval_date, "geen");
	tv_fact(tv, "Door", p->author);
}

static void build_arrangement(struct tui *t, struct textview *tv, const struct tl_item *it,
			      ibis_id pupil)
{
	struct ibis_error err;
	struct arrangement *list = NULL;
	int n = 0;
	const struct arrangement *a = NULL;

	if (db_arrangement_list(t->app->db, pupil, &list, &n, &err) != IBIS_OK) {
		tui_report(t, &err);
		list = NULL;
		n = 0;
	}
	for (int i = 0; i < n && !a; i++)
		if (list[i].id == it->id)
			a = &list[i];
	if (!a) {
		tv_fact(tv, "Omschrijving", it->summary);
	} else {
		tv_fact(tv, "Soort", arrangement_kind_label(a->kind));
		fact_date(tv, "Vanaf", a->start, "onbekend");
		fact_date(tv, "Tot", a->end, "geen einddatum");
		tv_fact(tv, "Omschrijving", a->description);
		tv_fact(tv, "Kenmerk", a->reference);
	}
	arrangements_free(list, n);
}

static int item_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct tv_page *iv = s->state;
	const struct item_arg *a = arg;
	const struct tijdlijn *tl = a->tl;
	const struct tl_item *it = a->item;
	char d[DATE_NL_LEN];

	tv_init(&iv->tv);
	iv->title = xasprintf("%s · %s %s", tl->title, it->kind ? it->kind : "",
			      date_format_nl(it->date, d));
	switch (it->source) {
	case TL_EVENT:
		build_event(t, &iv->tv, it);
		break;
	case TL_LEVEL:
		build_level(tl, t, &iv->tv, it);
		break;
	case TL_CORRECTION:
		build_correction(tl, t, &iv->tv, it);
		break;
	case TL_PLAN_START:
	case TL_PLAN_EVAL:
		build_plan(tl, t, &iv->tv, it);
		break;
	case TL_ARRANGEMENT:
		build_arrangement(t, &iv->tv, it, tl->id);
		break;
	case TL_MEETING:
	case TL_CONSENT:
	default:
		fact_date(&iv->tv, "Datum", it->date, "onbekend");
		tv_fact(&iv->tv, "Soort", it->kind);
		tv_fact(&iv->tv, "Door", it->author);
		tv_fact(&iv->tv, "Omschrijving", it->summary);
		break;
	}
	return TR_REDRAW;
}

static const struct screen_ops item_screen = {
	.name = "Tijdlijn: item",
	.state_size = sizeof(struct tv_page),
	.enter = item_enter,
	.draw = tv_page_draw,
	.tables = tv_page_tables,
	.keymap = tv_page_keymap,
	.action = tv_page_action,
	.leave = tv_page_leave,
};
