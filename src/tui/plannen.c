/* plannen.c - the plans of a pupil (the Plannen tab of the dossier, between
 * Tijdlijn and Gegevens) or of a group (from the Groepen screen): a list with
 * type, title, status and the dates that matter, and from it a new plan from
 * a template, the editor (planedit.c), a logboek entry, the versions kept at
 * status changes, the export as a document, and deleting a concept.
 *
 * Also here, because the editor and the Tijdlijn use them too: the logboek
 * dialog (plan_log_ask) and the export (plan_export_ask).
 *
 * A pupil or a group has a handful of plans, so the list is read whole and
 * read again whenever another screen saved something (t->changes).
 */
#include "tui_internal.h"
#include "textview.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ibis/app.h"
#include "ibis/date.h"
#include "ibis/db_draft.h"
#include "ibis/db_event.h"
#include "ibis/db_plan.h"
#include "ibis/db_school.h"
#include "ibis/docwriter.h"
#include "ibis/domain.h"
#include "ibis/levelmodel.h"
#include "ibis/planapp.h"
#include "ibis/plandoc.h"
#include "ibis/plantemplate.h"
#include "ibis/records.h"
#include "ibis/text.h"

struct plannen {
	ibis_id pupil_id;          /* one of the two is set */
	ibis_id group_id;
	unsigned changes;          /* tui changes seen: read again after a save */

	char *title;               /* header, left */
	char *right;               /* header, right */
	const struct level *level; /* the pupil's current level in the school's
				    * model (its expected plans), or NULL */
	char *level_name;          /* "Laag 3" for the template picker */

	struct plan *plans;        /* newest start first */
	int nplans;
	struct list list;

	struct strlist pick_ids;   /* the templates the picker of n offers */
	struct plan_snapshot *snaps; /* the versions the picker of v offers */
	int nsnaps;
	ibis_id snaps_plan;
	ibis_id delete_id;         /* the plan d asks about, and its version */
	int delete_version;
};

/* ================================================================ helpers */

/* The short name of a plan's template ("OOP"), its id when this
 * installation lacks the template. */
static const char *plan_kort(const struct tui *t, const struct plan *p)
{
	const struct plan_template *pt =
		p->template_id ? domain_plan(&t->app->dom, p->template_id) : NULL;

	if (pt && pt->short_name)
		return pt->short_name;
	return p->template_id ? p->template_id : "plan";
}

/* "OOP Rekenen tafels", or "OOP" without a title. Caller frees. */
static char *plan_label(const struct tui *t, const struct plan *p)
{
	if (str_empty(p->title))
		return xstrdup(plan_kort(t, p));
	return xasprintf("%s %s", plan_kort(t, p), p->title);
}

static void notice(struct tui *t, const char *title, const char *text)
{
	struct dialog_arg a = { .title = title, .text = text };

	tui_push(t, &dialog_screen, &a);
}

/* A stored "YYYY-MM-DD HH:MM:SS" (UTC) as the local "dd-mm-jjjj hh:mm";
 * the text as stored when it does not read. */
static void stamp_local(const char *stamp, char *buf, size_t size)
{
	struct tm tm = { 0 };
	int y, mo, d, h, mi, s;

	if (!stamp || sscanf(stamp, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6) {
		snprintf(buf, size, "%s", stamp ? stamp : "");
		return;
	}
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	time_t when = timegm(&tm);
	struct tm local;
	if (when == (time_t)-1 || !localtime_r(&when, &local)) {
		snprintf(buf, size, "%s", stamp);
		return;
	}
	strftime(buf, size, "%d-%m-%Y %H:%M", &local);
}

/* ================================================================ loading */

static void plans_clear(struct plannen *pn)
{
	plans_free(pn->plans, pn->nplans);
	pn->plans = NULL;
	pn->nplans = 0;
}

static void snaps_clear(struct plannen *pn)
{
	plan_snapshots_free(pn->snaps, pn->nsnaps);
	pn->snaps = NULL;
	pn->nsnaps = 0;
	pn->snaps_plan = 0;
}

/* The header of a pupil's plans: the dossier's, with the pupil's group and
 * level at the right; and the pupil's level for the template picker. */
static bool load_pupil(struct plannen *pn, struct tui *t)
{
	struct ibis_error err;
	struct plan probe = { .pupil_id = pn->pupil_id };
	struct plan_facts f = { 0 };

	if (db_plan_facts(t->app->db, &probe, &f, &err) != IBIS_OK) {
		tui_report(t, &err);
		plan_facts_clear(&f);
		return false;
	}
	char *name = name_natural(f.pupil.first_name, f.pupil.tussenvoegsel, f.pupil.last_name);
	pn->title = xasprintf("ibis — Dossier #%lld · %s", (long long)pn->pupil_id, name);
	free(name);

	const struct level_model *m = f.model ? domain_model(&t->app->dom, f.model) : NULL;
	pn->level = m && f.level > 0 ? levelmodel_level(m, f.level) : NULL;
	pn->level_name = pn->level ? xstrdup(pn->level->short_name) : NULL;
	char *lv = f.level > 0 ? level_label(t, f.level, pn->level ? pn->level->short_name : NULL)
			       : xstrdup("geen niveau");
	if (f.group)
		pn->right = xasprintf("groep %s · %s", f.group, lv);
	else
		pn->right = xasprintf("%s · %s",
				      f.pupil.left != DATE_NONE ? "vertrokken" : "geen groep", lv);
	free(lv);
	plan_facts_clear(&f);
	return true;
}

static bool load_group(struct plannen *pn, struct tui *t)
{
	struct ibis_error err;
	struct group g = { 0 };
	char sy[16];

	if (db_group_get(t->app->db, pn->group_id, &g, &err) != IBIS_OK) {
		tui_report(t, &err);
		return false;
	}
	schoolyear_format(g.school_year, sy);
	pn->title = xasprintf("ibis — Plannen van groep %s (%s)", g.name ? g.name : "", sy);
	group_clear(&g);
	return true;
}

/* Read the header and the plans; the cursor stays on the plan it was on
 * when that is still there. False when the pupil or group cannot be read
 * (reported). */
static bool load(struct plannen *pn, struct tui *t)
{
	struct ibis_error err;
	ibis_id keep = pn->list.cursor < pn->nplans ? pn->plans[pn->list.cursor].id : 0;
	enum ibis_status st;

	/* The versions stay: the picker that offers them may be up. */
	pn->changes = t->changes;
	plans_clear(pn);
	freep(&pn->title);
	freep(&pn->right);
	freep(&pn->level_name);
	pn->level = NULL;
	if (!(pn->pupil_id ? load_pupil(pn, t) : load_group(pn, t))) {
		pn->title = xstrdup("ibis — Plannen");
		list_set_count(&pn->list, 0);
		return false;
	}
	if (pn->pupil_id)
		st = db_plan_list(t->app->db, pn->pupil_id, &pn->plans, &pn->nplans, &err);
	else
		st = db_plan_list_group(t->app->db, pn->group_id, &pn->plans, &pn->nplans, &err);
	if (st != IBIS_OK) {
		tui_report(t, &err);
		pn->plans = NULL;
		pn->nplans = 0;
	}
	if (!pn->pupil_id)
		pn->right = xasprintf("%d %s", pn->nplans, pn->nplans == 1 ? "plan" : "plannen");
	list_set_count(&pn->list, pn->nplans);
	for (int i = 0; keep && i < pn->nplans; i++)
		if (pn->plans[i].id == keep)
			pn->list.cursor = i;
	list_set_count(&pn->list, pn->nplans);
	return true;
}

static int plannen_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct plannen *pn = s->state;
	const struct plannen_arg *a = arg;

	pn->pupil_id = a->pupil_id;
	pn->group_id = a->pupil_id ? 0 : a->group_id;
	pn->list.height = 1;
	return load(pn, t) ? TR_REDRAW : TR_POP;
}

static void plannen_leave(struct screen *s, struct tui *t)
{
	struct plannen *pn = s->state;

	(void)t;
	plans_clear(pn);
	snaps_clear(pn);
	sl_free(&pn->pick_ids);
	free(pn->title);
	free(pn->right);
	free(pn->level_name);
}

/* =================================================================== draw */

/* Columns: type and title at the left, status and the four dates at the
 * right. Below 100 columns a date shows its year in two digits, so that the
 * title keeps some room at 80. Each date column has one more column for the
 * "!" of an overdue date. */
struct columns {
	int type_x, type_w, title_x, title_w, status_x, status_w;
	int date_w, start_x, end_x, eval_x, due_x;
	bool short_year;
};

static struct columns layout(void)
{
	struct columns c;

	c.short_year = COLS < 100;
	c.date_w = c.short_year ? 8 : 10;
	c.type_x = 1;
	c.type_w = 10;
	c.title_x = c.type_x + c.type_w + 1;
	c.due_x = COLS - 1 - (c.date_w + 1);
	c.eval_x = c.due_x - 1 - (c.date_w + 1);
	c.end_x = c.eval_x - 1 - c.date_w;
	c.start_x = c.end_x - 1 - c.date_w;
	c.status_w = 11;
	c.status_x = c.start_x - 1 - c.status_w;
	c.title_w = c.status_x - 1 - c.title_x;
	return c;
}

static void format_date(const struct columns *c, ibis_date d, char *buf)
{
	if (d == DATE_NONE) {
		buf[0] = '\0';
		return;
	}
	date_format_nl(d, buf);
	if (c->short_year) /* dd-mm-jjjj -> dd-mm-jj */
		memmove(buf + 6, buf + 8, 3);
}

/* A date that has passed while it still asks for something: the plan to be
 * drawn up (a concept past its due date), evaluated or ended (an active plan
 * past its evaluation or end date). */
static bool overdue(ibis_date d, bool applies)
{
	return applies && d != DATE_NONE && d < date_today();
}

static void draw_date(struct tui *t, const struct columns *c, int y, int x, ibis_date d,
		      bool late, attr_t a, bool sel)
{
	char buf[DATE_NL_LEN];

	format_date(c, d, buf);
	if (late) {
		attr_t la = sel ? a : role_attr(t, ROLE_OVERDUE);
		char *s = xasprintf("%s!", buf);
		draw_text(y, x, c->date_w + 1, s, la);
		free(s);
	} else {
		draw_text(y, x, c->date_w, buf, a);
	}
}

static void draw_row(struct plannen *pn, struct tui *t, const struct columns *c, int y, int k)
{
	const struct plan *p = &pn->plans[k];
	bool sel = k == pn->list.cursor;
	attr_t a = role_attr(t, sel ? ROLE_SELECTED : ROLE_NORMAL);
	bool active = p->status == PLAN_ACTIVE;

	if (sel)
		draw_fill(y, 0, COLS, a);
	draw_text(y, c->type_x, c->type_w, plan_kort(t, p), a);
	draw_text(y, c->title_x, c->title_w, p->title ? p->title : "", a);
	draw_text(y, c->status_x, c->status_w, plan_status_name(p->status), a);
	draw_date(t, c, y, c->start_x, p->start, false, a, sel);
	draw_date(t, c, y, c->end_x, p->end, false, a, sel);
	draw_date(t, c, y, c->eval_x, p->eval_date, overdue(p->eval_date, active), a, sel);
	draw_date(t, c, y, c->due_x, p->due, overdue(p->due, p->status == PLAN_CONCEPT), a, sel);
}

static void plannen_draw(struct screen *s, struct tui *t)
{
	static const char *const hints[] = { "Tab Gegevens", "v versies", "x export", NULL };
	struct plannen *pn = s->state;

	if (pn->changes != t->changes)
		load(pn, t);
	int y = draw_header(t, pn->title, pn->right);
	if (pn->pupil_id)
		dossier_tabs_draw(t, y++, TAB_PLANNEN, hints);

	struct columns c = layout();
	attr_t ha = role_attr(t, ROLE_COLUMNS);
	draw_text(y, c.type_x, c.type_w, "Type", ha);
	draw_text(y, c.title_x, c.title_w, "Titel", ha);
	draw_text(y, c.status_x, c.status_w, "Status", ha);
	draw_text(y, c.start_x, c.date_w, "Start", ha);
	draw_text(y, c.end_x, c.date_w, "Eind", ha);
	draw_text(y, c.eval_x, c.date_w + 1, "Evaluatie", ha);
	draw_text(y, c.due_x, c.date_w + 1, "Uiterlijk", ha);
	y++;

	int status_y = LINES - 2;
	list_set_height(&pn->list, status_y - y);
	if (pn->nplans == 0)
		draw_text(y + 1, 2, COLS - 4, "Nog geen plannen. Druk n voor een nieuw plan.",
			  role_attr(t, ROLE_DIM));
	for (int i = 0; i < pn->list.height && pn->list.top + i < pn->nplans; i++)
		draw_row(pn, t, &c, y + i, pn->list.top + i);

	/* The title in full when the column cut it, else the keys that have
	 * no room on the key bar; and where the cursor is. */
	char *pos = pn->nplans > 0 ? xasprintf("%d/%d", pn->list.cursor + 1, pn->nplans)
				   : xstrdup("");
	int pw = text_cols(pos);
	const struct plan *cur = pn->nplans > 0 ? &pn->plans[pn->list.cursor] : NULL;
	char *line;
	if (cur && cur->title && text_cols(cur->title) > c.title_w)
		line = plan_label(t, cur);
	else
		line = xstrdup("v versies · x exporteren · d verwijderen (concept)");
	draw_text(status_y, 1, COLS - 4 - pw, line, role_attr(t, ROLE_DIM));
	draw_text(status_y, COLS - 1 - pw, pw, pos, role_attr(t, ROLE_DIM));
	free(line);
	free(pos);
}

/* ================================================================ new plan */

static int template_picked(struct tui *t, void *ctx, int index)
{
	struct plannen *pn = ctx;

	if (index < 0 || index >= (int)pn->pick_ids.len)
		return 0;
	struct planedit_arg a = {
		.template_id = pn->pick_ids.items[index],
		.pupil_id = pn->pupil_id,
		.group_id = pn->group_id,
	};
	tui_push(t, &planedit_screen, &a);
	return TR_REDRAW;
}

static bool expected(const struct plannen *pn, const char *id)
{
	if (!pn->level)
		return false;
	for (size_t i = 0; i < pn->level->plans.len; i++)
		if (strcmp(pn->level->plans.items[i], id) == 0)
			return true;
	return false;
}

static void offer_template(struct plannen *pn, struct strlist *labels,
			   const struct plan_template *pt, bool exp)
{
	const char *kort = pt->short_name ? pt->short_name : pt->id;
	const char *name = pt->name ? pt->name : pt->id;

	if (exp)
		sl_addf(labels, "%s · %s (verwacht bij %s)", kort, name,
			pn->level_name ? pn->level_name : "dit niveau");
	else
		sl_addf(labels, "%s · %s", kort, name);
	sl_add(&pn->pick_ids, pt->id);
}

/* The templates for pupils (or for groups); for a pupil the plans its
 * model expects at the current level first. */
static int new_plan(struct plannen *pn, struct tui *t)
{
	const struct domain *dom = &t->app->dom;
	struct strlist labels = { 0 };
	bool for_group = pn->group_id != 0;

	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	sl_free(&pn->pick_ids);
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < dom->nplans; i++) {
			const struct plan_template *pt = &dom->plans[i];
			bool exp = !for_group && expected(pn, pt->id);
			if (pt->for_group == for_group && exp == (pass == 0))
				offer_template(pn, &labels, pt, exp);
		}
	if (labels.len == 0) {
		notice(t, "Nieuw plan",
		       for_group ? "Er is geen sjabloon voor een groepsplan (voor = groep) in "
				   "de map plans."
				 : "Er is geen sjabloon voor een leerlingplan (voor = leerling) in "
				   "de map plans.");
		return TR_HANDLED | TR_REDRAW;
	}
	struct picker_arg a = {
		.title = "Nieuw plan",
		.items = &labels,
		.current = 0,
		.on_pick = template_picked,
		.ctx = pn,
	};
	tui_push(t, &picker_screen, &a);
	sl_free(&labels);
	return TR_HANDLED | TR_REDRAW;
}

/* ================================================================ versions */

/* One version of a plan on a page of its own: the Markdown it was kept as,
 * headings in the heading colour. */
struct snapview_arg {
	const struct plan_snapshot *snap;
	const char *label; /* "OOP Rekenen" */
};

static int snapview_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct tv_page *sv = s->state;
	const struct snapview_arg *a = arg;
	char when[40];
	struct strlist lines = { 0 };

	(void)t;
	tv_init(&sv->tv);
	stamp_local(a->snap->taken_at, when, sizeof(when));
	sv->title = xasprintf("ibis — %s · versie van %s", a->label, when);
	struct strbuf facts = { 0 };
	sb_printf(&facts, "Bewaard bij de status %s", a->snap->reason ? a->snap->reason : "—");
	if (a->snap->author)
		sb_printf(&facts, ", door %s", a->snap->author);
	sb_add(&facts, ". Deze versie verandert niet meer.");
	tv_text(&sv->tv, ROLE_DIM, 1, sb_str(&facts));
	tv_text(&sv->tv, ROLE_NORMAL, 0, "");
	sb_free(&facts);
	sl_split(&lines, a->snap->content ? a->snap->content : "", '\n');
	for (size_t i = 0; i < lines.len; i++) {
		const char *l = lines.items[i];
		tv_text(&sv->tv, l[0] == '#' ? ROLE_COLUMNS : ROLE_NORMAL, 1, l);
	}
	sl_free(&lines);
	return TR_REDRAW;
}

static const struct screen_ops snapview_screen = {
	.name = "Plannen: versie",
	.state_size = sizeof(struct tv_page),
	.enter = snapview_enter,
	.draw = tv_page_draw,
	.tables = tv_page_tables,
	.keymap = tv_page_keymap,
	.action = tv_page_action,
	.leave = tv_page_leave,
};

static const struct plan *find_plan(const struct plannen *pn, ibis_id id)
{
	for (int i = 0; i < pn->nplans; i++)
		if (pn->plans[i].id == id)
			return &pn->plans[i];
	return NULL;
}

static int snapshot_picked(struct tui *t, void *ctx, int index)
{
	struct plannen *pn = ctx;
	const struct plan *p = find_plan(pn, pn->snaps_plan);

	/* The picker lists the newest first; the array is oldest first. */
	if (index < 0 || index >= pn->nsnaps || !p)
		return 0;
	char *label = plan_label(t, p);
	struct snapview_arg a = { .snap = &pn->snaps[pn->nsnaps - 1 - index], .label = label };
	tui_push(t, &snapview_screen, &a);
	free(label);
	return TR_REDRAW;
}

static int versions(struct plannen *pn, struct tui *t)
{
	struct ibis_error err;
	struct strlist labels = { 0 };

	if (pn->nplans == 0)
		return TR_HANDLED;
	const struct plan *p = &pn->plans[pn->list.cursor];
	snaps_clear(pn);
	if (db_plan_snapshots(t->app->db, p->id, &pn->snaps, &pn->nsnaps, &err) != IBIS_OK) {
		tui_report(t, &err);
		pn->snaps = NULL;
		pn->nsnaps = 0;
		return TR_HANDLED | TR_REDRAW;
	}
	pn->snaps_plan = p->id;
	if (pn->nsnaps == 0) {
		notice(t, "Versies", "Dit plan heeft nog geen versies. Bij elke wijziging van de "
				     "status wordt het plan zoals het dan is bewaard.");
		return TR_HANDLED | TR_REDRAW;
	}
	/* Newest first: the version asked for most. */
	for (int i = pn->nsnaps - 1; i >= 0; i--) {
		char when[40];
		stamp_local(pn->snaps[i].taken_at, when, sizeof(when));
		sl_addf(&labels, "%s · %s · %s", when,
			pn->snaps[i].reason ? pn->snaps[i].reason : "—",
			pn->snaps[i].author ? pn->snaps[i].author : "onbekend");
	}
	char *title = xasprintf("Versies van %s", plan_kort(t, p));
	struct picker_arg a = {
		.title = title,
		.items = &labels,
		.current = 0,
		.on_pick = snapshot_picked,
		.ctx = pn,
	};
	tui_push(t, &picker_screen, &a);
	free(title);
	sl_free(&labels);
	return TR_HANDLED | TR_REDRAW;
}

/* ================================================================== delete */

static int delete_confirmed(struct tui *t, void *ctx)
{
	struct plannen *pn = ctx;
	struct ibis_error err;
	struct draft d = { 0 };
	bool found = false;

	if (db_plan_delete(t->app->db, pn->delete_id, pn->delete_version, &err) != IBIS_OK) {
		tui_report(t, &err);
		t->changes++; /* a colleague changed it: show the plan as it is now */
		return TR_REDRAW;
	}
	/* A draft of the plan would be offered back at the next start for a
	 * plan that no longer exists. */
	if (db_draft_find(t->app->db, t->app->user, "plan", pn->delete_id, &d, &found, &err) !=
	    IBIS_OK)
		tui_report(t, &err);
	else if (found && db_draft_delete(t->app->db, d.id, &err) != IBIS_OK)
		tui_report(t, &err);
	draft_clear(&d);
	t->changes++;
	return TR_REDRAW;
}

static int ask_delete(struct plannen *pn, struct tui *t)
{
	if (pn->nplans == 0 || tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	const struct plan *p = &pn->plans[pn->list.cursor];
	char *label = plan_label(t, p);
	if (p->status != PLAN_CONCEPT) {
		char *text = xasprintf("%s is %s: alleen een plan dat nog concept is kan worden "
				       "verwijderd. Een plan dat niet meer loopt sluit u af met "
				       "de status afgesloten (in het plan, F3).",
				       label, plan_status_name(p->status));
		notice(t, "Plan verwijderen", text);
		free(text);
		free(label);
		return TR_HANDLED | TR_REDRAW;
	}
	pn->delete_id = p->id;
	pn->delete_version = p->version;
	char *q = xasprintf("%s (concept) verwijderen, met alle doelen en het logboek? (j/n)",
			    label);
	struct dialog_arg a = {
		.title = "Plan verwijderen",
		.text = q,
		.question = true,
		.on_yes = delete_confirmed,
		.ctx = pn,
	};
	tui_push(t, &dialog_screen, &a);
	free(q);
	free(label);
	return TR_HANDLED | TR_REDRAW;
}

/* ================================================================= actions */

enum {
	PA_UP = 1, PA_DOWN, PA_PGUP, PA_PGDN, PA_HOME, PA_END,
	PA_OPEN, PA_NEW, PA_LOG, PA_VERSIONS, PA_EXPORT, PA_DELETE, PA_TAB, PA_BTAB,
};

/* The keys of both lists; the pupil's adds the tabs. */
#define PLANNEN_KEYDEFS \
	{ PA_OPEN, { TK_ENTER }, "Openen", "Het plan onder de cursor openen in de editor" }, \
	{ PA_NEW, { 'n' }, "Nieuw", \
	  "Een nieuw plan: kies het soort (bij een leerling eerst de plannen die het " \
	  "niveau vraagt)" }, \
	{ PA_LOG, { 'l' }, "Logboek", \
	  "Een regel in het logboek van het plan onder de cursor (datum vandaag, uw naam)" }, \
	{ PA_VERSIONS, { 'v' }, NULL, \
	  "De versies van het plan: zoals het was bij elke statuswijziging" }, \
	{ PA_EXPORT, { 'x' }, NULL, \
	  "Het plan exporteren als document (Markdown of HTML) in de map waar ibis is " \
	  "gestart" }, \
	{ PA_DELETE, { 'd' }, NULL, \
	  "Het plan onder de cursor verwijderen; alleen een plan dat nog concept is (met een " \
	  "vraag)" }, \
	{ PA_UP, { TK_UP, 'k' }, NULL, "Een plan omhoog" }, \
	{ PA_DOWN, { TK_DOWN, 'j' }, NULL, "Een plan omlaag" }, \
	{ PA_PGUP, { TK_PGUP }, NULL, "Een pagina omhoog" }, \
	{ PA_PGDN, { TK_PGDN }, NULL, "Een pagina omlaag" }, \
	{ PA_HOME, { TK_HOME, 'g' }, NULL, "Naar het eerste plan" }, \
	{ PA_END, { TK_END, 'G' }, NULL, "Naar het laatste plan" }

static const struct keydef pupil_keys[] = {
	PLANNEN_KEYDEFS,
	{ PA_TAB, { TK_TAB }, NULL, "Naar het tabblad Gegevens (feiten en niveaugeschiedenis)" },
	{ PA_BTAB, { TK_BTAB }, NULL, "Naar het tabblad Tijdlijn (niveaugrafiek en gebeurtenissen)" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef group_keys[] = {
	PLANNEN_KEYDEFS,
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const plannen_tables[] = { pupil_keys, group_keys, NULL };

static const struct keydef *plannen_keymap(struct screen *s)
{
	struct plannen *pn = s->state;

	return pn->pupil_id ? pupil_keys : group_keys;
}

/* Replace this tab by another on the stack; when that one cannot open (it
 * said why), this tab stays. */
static int switch_tab(struct plannen *pn, struct tui *t, const struct screen_ops *ops)
{
	ibis_id id = pn->pupil_id;

	if (tui_push(t, ops, &id) & TR_POP)
		return TR_HANDLED | TR_REDRAW;
	return TR_HANDLED | TR_POP | TR_REDRAW;
}

static int list_go(struct plannen *pn, enum list_move how)
{
	return list_move(&pn->list, how) ? TR_HANDLED | TR_REDRAW : TR_HANDLED;
}

static int plannen_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct plannen *pn = s->state;

	/* A key may come before the draw that reads a change: act on the
	 * plans as they are now. */
	if (pn->changes != t->changes)
		load(pn, t);
	const struct plan *cur = pn->nplans > 0 ? &pn->plans[pn->list.cursor] : NULL;

	(void)key;
	switch (action) {
	case PA_UP:
		return list_go(pn, LM_UP);
	case PA_DOWN:
		return list_go(pn, LM_DOWN);
	case PA_PGUP:
		return list_go(pn, LM_PGUP);
	case PA_PGDN:
		return list_go(pn, LM_PGDN);
	case PA_HOME:
		return list_go(pn, LM_HOME);
	case PA_END:
		return list_go(pn, LM_END);
	case PA_OPEN: {
		if (!cur)
			return TR_HANDLED;
		struct planedit_arg a = { .plan_id = cur->id };
		tui_push(t, &planedit_screen, &a);
		return TR_HANDLED | TR_REDRAW;
	}
	case PA_NEW:
		return new_plan(pn, t);
	case PA_LOG:
		if (cur)
			plan_log_ask(t, cur->id, NULL, NULL);
		return TR_HANDLED | TR_REDRAW;
	case PA_VERSIONS:
		return versions(pn, t);
	case PA_EXPORT:
		if (cur)
			plan_export_ask(t, cur->id);
		return TR_HANDLED | TR_REDRAW;
	case PA_DELETE:
		return ask_delete(pn, t);
	case PA_TAB:
		return switch_tab(pn, t, &dossier_screen);
	case PA_BTAB:
		return switch_tab(pn, t, &tijdlijn_screen);
	default:
		return 0;
	}
}

const struct screen_ops plannen_screen = {
	.name = "Plannen",
	.state_size = sizeof(struct plannen),
	.enter = plannen_enter,
	.draw = plannen_draw,
	.tables = plannen_tables,
	.keymap = plannen_keymap,
	.action = plannen_action,
	.leave = plannen_leave,
};

/* ================================================================ logboek */

/* "Logboek - <plan>": one line of text (it scrolls sideways), saved at once
 * with today's date and the user as author. */
struct logask {
	struct screen *self;
	ibis_id plan_id;
	char *title;
	char *facts;        /* "23-11-2026 · door jansen" */
	struct field text;
	int (*after)(void *ctx, struct tui *t);
	void *ctx;
	char *problem;      /* why the last save was refused, or NULL */
};

struct logask_arg {
	ibis_id plan_id;
	int (*after)(void *ctx, struct tui *t);
	void *ctx;
};

#define LOG_MAX 2000

enum { LA_SAVE = 1, LA_CANCEL, LA_EDIT };

static const struct keydef logask_keys[] = {
	{ LA_SAVE, { TK_ENTER, TK_F(2), TK_CTRL('s') }, "Opslaan",
	  "De regel in het logboek zetten (Enter, F2 of Ctrl-S)" },
	{ LA_CANCEL, { TK_ESC }, "Annuleren",
	  "Sluiten zonder op te slaan (met een vraag als er al tekst staat)" },
	{ LA_EDIT, { TK_BACKSPACE, TK_DELETE, TK_LEFT, TK_RIGHT, TK_HOME, TK_END, TK_CTRL('u'),
		     TK_CTRL('w') }, NULL,
	  "De tekst bewerken (Ctrl-U wist alles voor de cursor, Ctrl-W een woord)" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const logask_tables[] = { logask_keys, NULL };

static int logask_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct logask *la = s->state;
	const struct logask_arg *a = arg;
	struct ibis_error err;
	struct plan_doc d;
	bool found = false;
	char day[DATE_NL_LEN];

	la->self = s;
	la->plan_id = a->plan_id;
	la->after = a->after;
	la->ctx = a->ctx;
	field_init(&la->text, LOG_MAX);
	plandoc_init(&d);
	if (db_plan_load(t->app->db, a->plan_id, &d, &found, &err) != IBIS_OK) {
		tui_report(t, &err);
		plandoc_free(&d);
		return TR_POP;
	}
	if (!found) {
		ibis_fail(&err, IBIS_EINPUT, "Plan %lld bestaat niet meer.", (long long)a->plan_id);
		tui_report(t, &err);
		plandoc_free(&d);
		return TR_POP;
	}
	if (d.plan.status == PLAN_CLOSED) {
		char *label = plan_label(t, &d.plan);
		ibis_fail(&err, IBIS_EINPUT, "%s is afgesloten; het logboek kan niet meer worden "
					     "aangevuld.", label);
		free(label);
		tui_report(t, &err);
		plandoc_free(&d);
		return TR_POP;
	}
	char *label = plan_label(t, &d.plan);
	la->title = xasprintf("Logboek - %s", label);
	free(label);
	la->facts = xasprintf("%s · door %s", date_format_nl(date_today(), day),
			      t->app->user ? t->app->user : "onbekend");
	plandoc_free(&d);
	return TR_REDRAW;
}

static void logask_leave(struct screen *s, struct tui *t)
{
	struct logask *la = s->state;

	(void)t;
	field_free(&la->text);
	free(la->title);
	free(la->facts);
	free(la->problem);
}

static void logask_draw(struct screen *s, struct tui *t)
{
	struct logask *la = s->state;
	attr_t a = role_attr(t, ROLE_DIALOG);
	int w = COLS - 8 < 72 ? COLS - 8 : 72;
	int h = la->problem ? 9 : 8;
	int y = (LINES - 1 - h) / 2, x = (COLS - w) / 2;

	for (int r = 0; r < h; r++)
		draw_fill(y + r, x, w, a);
	draw_box(t, y, x, h, w, a);
	draw_box_title(y, x, w, la->title, a);
	draw_text(y + 1, x + 2, w - 4, la->facts, a | A_DIM);
	draw_text(y + 3, x + 2, w - 4, "Wat is er gebeurd of afgesproken?", a);
	draw_fill(y + 4, x + 2, w - 4, role_attr(t, ROLE_PROMPT));
	int cx = field_draw(&la->text, y + 4, x + 2, w - 4, role_attr(t, ROLE_PROMPT) | A_UNDERLINE);
	t->want_cursor = true;
	t->cursor_y = y + 4;
	t->cursor_x = cx;
	char *count = xasprintf("%d/%d tekens", la->text.len, LOG_MAX);
	draw_text(y + 5, x + w - 2 - text_cols(count), text_cols(count), count, a | A_DIM);
	free(count);
	if (la->problem)
		draw_text(y + 6, x + 2, w - 4, la->problem, role_attr(t, ROLE_ERROR));
	draw_text(y + h - 2, x + 2, w - 4, "Enter of F2 slaat op · Esc annuleert", a | A_DIM);
}

static const struct keydef *logask_keymap(struct screen *s)
{
	(void)s;
	return logask_keys;
}

static bool logask_typing(struct screen *s)
{
	(void)s;
	return true;
}

static int logask_input(struct screen *s, struct tui *t, tkey key)
{
	struct logask *la = s->state;

	(void)t;
	if (field_key(&la->text, key) == FIELD_CHANGED)
		freep(&la->problem);
	return TR_HANDLED | TR_REDRAW;
}

static int logask_save(struct logask *la, struct tui *t)
{
	struct ibis_error err;
	char *raw = field_get(&la->text);
	char *text = str_trim(raw);

	free(raw);
	if (!text[0]) {
		free(text);
		freep(&la->problem);
		la->problem = xstrdup("Typ eerst wat er in het logboek moet komen.");
		return TR_HANDLED | TR_REDRAW;
	}
	struct plan_log_entry e = {
		.plan_id = la->plan_id,
		.date = date_today(),
		.author = t->app->user ? xstrdup(t->app->user) : NULL,
		.text = text,
	};
	enum ibis_status st = db_plan_log_add(t->app->db, &e, &err);
	plan_log_entry_clear(&e);
	if (st != IBIS_OK) {
		/* The text stays in the field: it can be saved again. */
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	t->changes++;
	int flags = la->after ? la->after(la->ctx, t) : 0;
	return TR_HANDLED | TR_POP | TR_REDRAW | flags;
}

static int logask_drop(struct tui *t, void *ctx)
{
	struct logask *la = ctx;

	tui_remove(t, la->self);
	return TR_REDRAW;
}

static int logask_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct logask *la = s->state;

	switch (action) {
	case LA_SAVE:
		return logask_save(la, t);
	case LA_CANCEL: {
		char *raw = field_get(&la->text);
		char *trimmed = str_trim(raw);
		bool empty = !trimmed[0];
		free(raw);
		free(trimmed);
		if (empty)
			return TR_HANDLED | TR_POP | TR_REDRAW;
		struct dialog_arg a = {
			.title = "Logboek",
			.text = "De getypte tekst weggooien? (j/n)",
			.question = true,
			.on_yes = logask_drop,
			.ctx = la,
		};
		tui_push(t, &dialog_screen, &a);
		return TR_HANDLED | TR_REDRAW;
	}
	case LA_EDIT:
		return logask_input(s, t, key);
	default:
		return 0;
	}
}

static const struct screen_ops logask_screen = {
	.name = "Logboek",
	.flags = SCREEN_OVERLAY,
	.state_size = sizeof(struct logask),
	.enter = logask_enter,
	.draw = logask_draw,
	.tables = logask_tables,
	.keymap = logask_keymap,
	.action = logask_action,
	.typing = logask_typing,
	.input = logask_input,
	.leave = logask_leave,
};

void plan_log_ask(struct tui *t, long long plan_id, int (*after)(void *ctx, struct tui *t),
		  void *ctx)
{
	if (tui_refuse_readonly(t))
		return;
	struct logask_arg a = { .plan_id = plan_id, .after = after, .ctx = ctx };
	tui_push(t, &logask_screen, &a);
}

/* ================================================================= export */

/* "OOP-12-Vries.html". Caller frees. */
static char *export_name(const struct tui *t, const struct plan *p, const struct plan_facts *f,
			 enum doc_format format)
{
	struct strbuf sb = { 0 };

	sb_add(&sb, "");
	doc_name_part(&sb, plan_kort(t, p));
	sb_printf(&sb, "-%lld-", (long long)p->id);
	size_t before = sb.len;
	if (p->pupil_id && f->pupil.last_name)
		doc_name_part(&sb, f->pupil.last_name);
	else if (f->group)
		doc_name_part(&sb, f->group);
	if (sb.len == before)
		sb_add(&sb, p->pupil_id ? "leerling" : "groep");
	sb_add(&sb, format == DOC_HTML ? ".html" : ".md");
	return sb_take(&sb);
}

/* Render plan plan_id in format into the current folder; the full path or
 * an error. Caller frees *path. */
static enum ibis_status export_plan(struct tui *t, ibis_id plan_id, enum doc_format format,
				    char **path, struct ibis_error *err)
{
	struct plan_doc d;
	struct plan_facts f = { 0 };
	bool found = false;
	char *text = NULL, *name = NULL;
	enum ibis_status st;

	*path = NULL;
	plandoc_init(&d);
	if ((st = db_plan_load(t->app->db, plan_id, &d, &found, err)) != IBIS_OK)
		goto out;
	if (!found) {
		st = ibis_fail(err, IBIS_EINPUT, "Plan %lld bestaat niet meer.", plan_id);
		goto out;
	}
	if ((st = db_plan_facts(t->app->db, &d.plan, &f, err)) != IBIS_OK)
		goto out;
	if ((st = app_plan_render(t->app, &d, format, &text, err)) != IBIS_OK)
		goto out;
	name = export_name(t, &d.plan, &f, format);
	st = doc_save_here(name, text, "Het plan", path, err);
out:
	free(name);
	free(text);
	plan_facts_clear(&f);
	plandoc_free(&d);
	return st;
}

/* The plan of the format question. The prompt hands back only its ctx and
 * an int, and ctx must stay valid while the prompt is up; the prompt is
 * modal, so one export is asked at a time. */
static ibis_id export_plan_id;

static int export_chosen(void *ctx, struct tui *t, int id, int choice)
{
	struct ibis_error err;
	char *path = NULL;

	(void)ctx;
	(void)id;
	if (export_plan(t, export_plan_id, choice == 1 ? DOC_HTML : DOC_MD, &path, &err) !=
	    IBIS_OK) {
		tui_report(t, &err);
		return TR_REDRAW;
	}
	char *text = xasprintf("Het plan is opgeslagen als\n%s", path);
	notice(t, "Exporteren", text);
	free(text);
	free(path);
	return TR_REDRAW;
}

void plan_export_ask(struct tui *t, long long plan_id)
{
	static const char *const formats[] = { "Markdown", "HTML" };

	export_plan_id = plan_id;
	struct prompt_arg a = {
		.kind = PROMPT_CHOOSE,
		.title = "Exporteren",
		.text = "Als welk soort document? HTML opent in de browser en is om af te "
			"drukken; Markdown is platte tekst.",
		.options = formats,
		.noptions = 2,
		.selected = 1,
		.done = export_chosen,
	};
	prompt_push(t, &a);
}
