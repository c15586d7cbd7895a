/* planmerge.c - a colleague saved the plan while this user was editing it:
 * the parts both changed, each version in full, chosen part by part.
 *
 * Everything only one of the two changed is merged without asking
 * (plandoc_merge); only the real conflicts come here. Nothing is saved by
 * this screen: the merged plan goes back to the editor (done), which saves
 * it; Esc leaves the editor as it was, with its draft.
 */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "ibis/app.h"
#include "ibis/domain.h"
#include "ibis/plandoc.h"
#include "ibis/plantemplate.h"

struct planmerge {
	struct plan_doc mine;         /* what this user typed */
	struct plan_doc out;          /* theirs with the parts only mine changed */
	struct plan_conflict *conf;
	int nconf;
	int sel;                      /* the conflict under the cursor */
	int top;                      /* the first conflict shown */
	char *title;
	int (*done)(void *ctx, struct tui *t, const struct plan_doc *merged);
	void *ctx;
};

enum {
	PM_UP = 1, PM_DOWN, PM_HOME, PM_END, PM_MINE, PM_THEIRS, PM_TOGGLE, PM_ALL_MINE,
	PM_DONE, PM_CANCEL,
};

/* Lines of each version shown; a longer text ends in "…". */
#define VERSION_LINES 4
#define TEXT_COL 24

/* ================================================================== enter */

static int planmerge_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct planmerge *m = s->state;
	const struct planmerge_arg *a = arg;
	struct plan_doc empty;

	m->done = a->done;
	m->ctx = a->ctx;
	plandoc_init(&m->mine);
	plandoc_init(&m->out);
	plandoc_init(&empty);
	plandoc_copy(&m->mine, a->mine);
	plandoc_merge(a->base ? a->base : &empty, a->mine, a->theirs, a->t,
		      t->app ? &t->app->dom.basis : NULL, &m->out, &m->conf, &m->nconf);
	plandoc_free(&empty);
	m->title = xasprintf("ibis — Samenvoegen - %s %s",
			     a->t && a->t->short_name ? a->t->short_name : "Plan",
			     a->mine->plan.title ? a->mine->plan.title : "");
	return TR_REDRAW;
}

static void planmerge_leave(struct screen *s, struct tui *t)
{
	struct planmerge *m = s->state;

	(void)t;
	plan_conflicts_free(m->conf, m->nconf);
	plandoc_free(&m->mine);
	plandoc_free(&m->out);
	free(m->title);
}

/* =================================================================== draw */

/* The lines of one version of a conflict at most width wide. */
static void version_lines(const char *text, int width, const char *more, struct strlist *out)
{
	struct strlist all = { 0 };

	text_wrap(text, width, &all);
	for (size_t i = 0; i < all.len && i < VERSION_LINES; i++) {
		if (i == VERSION_LINES - 1 && all.len > VERSION_LINES)
			sl_addf(out, "%s %s", all.items[i], more);
		else
			sl_add(out, all.items[i]);
	}
	sl_free(&all);
}

/* Rows a conflict takes: its label, both versions (at least a line each),
 * a blank line. */
static int block_rows(const struct plan_conflict *c, int width)
{
	struct strlist a = { 0 }, b = { 0 };

	version_lines(c->mine, width, "...", &a);
	version_lines(c->theirs, width, "...", &b);
	int n = 1 + (a.len ? (int)a.len : 1) + (b.len ? (int)b.len : 1) + 1;
	sl_free(&a);
	sl_free(&b);
	return n;
}

/* One version: "[x] Mijn versie:" and its text beside it. Returns the next
 * free row (at most last + 1). */
static int draw_version(struct tui *t, int y, int last, bool chosen, const char *name,
			const char *text)
{
	struct strlist lines = { 0 };
	int width = COLS - TEXT_COL - 2;
	attr_t a = chosen ? role_attr(t, ROLE_NORMAL) | A_BOLD : role_attr(t, ROLE_NORMAL);
	char *head = xasprintf("[%s] %s", chosen ? "x" : " ", name);

	draw_text(y, 4, TEXT_COL - 5, head, a);
	free(head);
	version_lines(text, width, t->utf8 ? "…" : "...", &lines);
	if (lines.len == 0)
		draw_text(y++, TEXT_COL, width, "(leeg)", role_attr(t, ROLE_DIM));
	for (size_t i = 0; i < lines.len && y <= last; i++)
		draw_text(y++, TEXT_COL, width, lines.items[i], a);
	sl_free(&lines);
	return y;
}

static void planmerge_draw(struct screen *s, struct tui *t)
{
	struct planmerge *m = s->state;
	char right[32];
	int width = COLS - TEXT_COL - 2;

	snprintf(right, sizeof(right), "%d onderde%s", m->nconf, m->nconf == 1 ? "el" : "len");
	int y = draw_header(t, m->title, right);
	struct strlist intro = { 0 };
	text_wrap("Een collega heeft dit plan opgeslagen terwijl u het bewerkte. Kies per "
		  "onderdeel welke versie blijft.", COLS - 4, &intro);
	for (size_t i = 0; i < intro.len; i++)
		draw_text(y++, 2, COLS - 4, intro.items[i], role_attr(t, ROLE_NORMAL));
	sl_free(&intro);
	y++;

	int last = LINES - 3;
	if (m->nconf == 0) {
		draw_text(y, 2, COLS - 4, "Geen tegenstrijdige wijzigingen: F2 neemt het "
			  "samengevoegde plan over.", role_attr(t, ROLE_DIM));
		return;
	}
	/* Keep the conflict under the cursor in view. */
	if (m->sel < m->top)
		m->top = m->sel;
	for (;;) {
		int rows = 0;
		for (int i = m->top; i <= m->sel; i++)
			rows += block_rows(&m->conf[i], width);
		if (rows - 1 <= last - y + 1 || m->top == m->sel)
			break;
		m->top++;
	}

	for (int i = m->top; i < m->nconf && y <= last; i++) {
		const struct plan_conflict *c = &m->conf[i];
		bool sel = i == m->sel;
		attr_t la = sel ? role_attr(t, ROLE_SELECTED) : role_attr(t, ROLE_LABEL);
		if (sel)
			draw_fill(y, 0, COLS, la);
		char *label = xasprintf("%s %s", sel ? (t->utf8 ? "▸" : ">") : " ",
					c->label ? c->label : c->unit);
		draw_text(y++, 1, COLS - 2, label, la);
		free(label);
		if (y <= last)
			y = draw_version(t, y, last, c->take_mine, "Mijn versie:", c->mine);
		if (y <= last)
			y = draw_version(t, y, last, !c->take_mine, "Versie collega:", c->theirs);
		y++;
	}

	int nmine = 0;
	for (int i = 0; i < m->nconf; i++)
		nmine += m->conf[i].take_mine;
	char *sum = xasprintf("Gekozen: %d mijn versie, %d versie collega", nmine,
			      m->nconf - nmine);
	draw_text(LINES - 2, 2, COLS - 4, sum, role_attr(t, ROLE_DIM));
	free(sum);
}

/* ==================================================================== keys */

static const struct keydef planmerge_keys[] = {
	{ PM_MINE, { 'm' }, "Mijn", "Mijn versie van dit onderdeel houden" },
	{ PM_THEIRS, { 'c' }, "Collega", "De versie van de collega houden" },
	{ PM_ALL_MINE, { 'a' }, "Alle mijn", "Bij elk onderdeel mijn versie houden" },
	{ PM_DONE, { TK_F(2), TK_CTRL('s') }, "Klaar",
	  "Het samengevoegde plan overnemen in de editor en opslaan (F2 of Ctrl-S)" },
	{ PM_CANCEL, { TK_ESC, 'q' }, "Terug",
	  "Terug naar het plan zonder samen te voegen; er wordt niets opgeslagen en het "
	  "concept blijft bewaard" },
	{ PM_TOGGLE, { ' ' }, NULL, "Bij dit onderdeel de andere versie kiezen" },
	{ PM_UP, { TK_UP, 'k' }, NULL, "Het vorige onderdeel" },
	{ PM_DOWN, { TK_DOWN, 'j' }, NULL, "Het volgende onderdeel" },
	{ PM_HOME, { TK_HOME }, NULL, "Het eerste onderdeel" },
	{ PM_END, { TK_END }, NULL, "Het laatste onderdeel" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const planmerge_tables[] = { planmerge_keys, NULL };

static const struct keydef *planmerge_keymap(struct screen *s)
{
	(void)s;
	return planmerge_keys;
}

static int finish(struct planmerge *m, struct tui *t)
{
	plandoc_resolve(&m->out, &m->mine, m->conf, m->nconf);
	int flags = m->done ? m->done(m->ctx, t, &m->out) : 0;
	return flags | TR_HANDLED | TR_REDRAW | TR_POP;
}

static int planmerge_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct planmerge *m = s->state;
	struct plan_conflict *c = m->nconf > 0 ? &m->conf[m->sel] : NULL;

	(void)key;
	switch (action) {
	case PM_UP:
		if (m->sel > 0)
			m->sel--;
		return TR_HANDLED | TR_REDRAW;
	case PM_DOWN:
		if (m->sel + 1 < m->nconf)
			m->sel++;
		return TR_HANDLED | TR_REDRAW;
	case PM_HOME:
		m->sel = 0;
		return TR_HANDLED | TR_REDRAW;
	case PM_END:
		m->sel = m->nconf > 0 ? m->nconf - 1 : 0;
		return TR_HANDLED | TR_REDRAW;
	case PM_MINE:
	case PM_THEIRS:
		if (!c)
			return TR_HANDLED;
		c->take_mine = action == PM_MINE;
		/* On to the next part: choosing is one key per part. */
		if (m->sel + 1 < m->nconf)
			m->sel++;
		return TR_HANDLED | TR_REDRAW;
	case PM_TOGGLE:
		if (c)
			c->take_mine = !c->take_mine;
		return TR_HANDLED | TR_REDRAW;
	case PM_ALL_MINE:
		for (int i = 0; i < m->nconf; i++)
			m->conf[i].take_mine = true;
		return TR_HANDLED | TR_REDRAW;
	case PM_DONE:
		return finish(m, t);
	case PM_CANCEL:
		return TR_HANDLED | TR_POP | TR_REDRAW;
	default:
		return 0;
	}
}

const struct screen_ops planmerge_screen = {
	.name = "Samenvoegen",
	.state_size = sizeof(struct planmerge),
	.enter = planmerge_enter,
	.draw = planmerge_draw,
	.tables = planmerge_tables,
	.keymap = planmerge_keymap,
	.action = planmerge_action,
	.leave = planmerge_leave,
};
