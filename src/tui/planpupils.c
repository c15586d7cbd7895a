/* planpupils.c - the pupils of a group divided over the instruction groups of
 * a groepsplan's leerlingen field (verkorte instructie, basisinstructie, ...).
 *
 * One keystroke per pupil: the number of the instruction group puts the
 * pupil there and moves on, so a class of 28 is divided in 28 keys. The
 * division goes back to the plan editor (done); it is saved with the plan.
 */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "ibis/app.h"
#include "ibis/db_plan.h"
#include "ibis/plandoc.h"
#include "ibis/plantemplate.h"
#include "ibis/records.h"

struct pp_row {
	ibis_id pupil_id;
	char *name;
	int group;    /* index in the field's groups, -1 when in none */
	int initial;  /* the group at the start, to tell a change */
};

struct planpupils {
	struct screen *self;
	char *key;             /* the field's key */
	char *title;
	struct strlist groups; /* the field's instruction groups */
	struct pp_row *rows;
	int nrows;
	struct list list;
	int (*done)(void *ctx, struct tui *t, const struct plan_member *m, int n);
	void *ctx;
};

enum {
	PP_UP = 1, PP_DOWN, PP_PGUP, PP_PGDN, PP_HOME, PP_END,
	PP_SET, PP_CLEAR, PP_PREV, PP_NEXT, PP_DONE, PP_CANCEL,
};

/* ================================================================== enter */

static int group_index(const struct planpupils *p, const char *name)
{
	for (size_t i = 0; name && i < p->groups.len; i++)
		if (strcmp(p->groups.items[i], name) == 0)
			return (int)i;
	return -1;
}

static void add_row(struct planpupils *p, ibis_id id, const char *name, int group)
{
	struct pp_row *r;

	p->rows = xrealloc(p->rows, (size_t)(p->nrows + 1) * sizeof(*p->rows));
	r = &p->rows[p->nrows++];
	r->pupil_id = id;
	r->name = xstrdup(name ? name : "?");
	r->group = r->initial = group;
}

static int planpupils_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct planpupils *p = s->state;
	const struct planpupils_arg *a = arg;
	struct plan_member *m = NULL;
	struct ibis_error err;
	int n = 0;

	p->self = s;
	p->done = a->done;
	p->ctx = a->ctx;
	p->key = xstrdup(a->field->key);
	for (size_t i = 0; i < a->field->choices.len; i++)
		sl_add(&p->groups, a->field->choices.items[i]);
	p->title = xasprintf("ibis — Instructiegroepen - %s", a->field->label);
	if (db_group_pupils(t->app->db, a->group_id, &m, &n, &err) != IBIS_OK) {
		tui_report(t, &err);
		return TR_POP;
	}
	for (int i = 0; i < n; i++) {
		const char *g = a->doc ? plandoc_member_group(a->doc, p->key, m[i].pupil_id) : NULL;
		add_row(p, m[i].pupil_id, m[i].pupil_name, group_index(p, g));
	}
	plan_members_free(m, n);
	/* A pupil divided before who has left the group meanwhile keeps his
	 * place: leaving him out would drop him from the plan unasked. */
	for (int i = 0; a->doc && i < a->doc->nmembers; i++) {
		const struct plan_member *dm = &a->doc->members[i];
		bool listed = false;
		if (!dm->field_key || strcmp(dm->field_key, p->key) != 0)
			continue;
		for (int k = 0; k < p->nrows && !listed; k++)
			listed = p->rows[k].pupil_id == dm->pupil_id;
		if (!listed)
			add_row(p, dm->pupil_id, dm->pupil_name, group_index(p, dm->group_name));
	}
	p->list.height = 1;
	list_set_count(&p->list, p->nrows);
	return TR_REDRAW;
}

static void planpupils_leave(struct screen *s, struct tui *t)
{
	struct planpupils *p = s->state;

	(void)t;
	for (int i = 0; i < p->nrows; i++)
		free(p->rows[i].name);
	free(p->rows);
	sl_free(&p->groups);
	free(p->key);
	free(p->title);
}

/* =================================================================== draw */

/* The legend "1 Verkorte instructie  2 Basisinstructie ... 0 geen" from row
 * y, wrapped between its items. Returns the next free row. */
static int draw_legend(struct planpupils *p, struct tui *t, int y)
{
	int x = 2, width = COLS - 4;
	attr_t a = role_attr(t, ROLE_DIM);

	for (size_t i = 0; i <= p->groups.len; i++) {
		char *item = i < p->groups.len && i < 9
				     ? xasprintf("%zu %s", i + 1, p->groups.items[i])
				     : i == p->groups.len ? xstrdup("0 geen") : NULL;
		if (!item)
			continue;
		int w = text_cols(item);
		if (x > 2 && x + w > 2 + width) {
			y++;
			x = 2;
		}
		draw_text(y, x, 2 + width - x, item, a);
		x += w + 2;
		free(item);
	}
	return y + 1;
}

static void planpupils_draw(struct screen *s, struct tui *t)
{
	struct planpupils *p = s->state;
	char right[32];

	snprintf(right, sizeof(right), "%d leerling%s", p->nrows, p->nrows == 1 ? "" : "en");
	int y = draw_header(t, p->title, right);
	y = draw_legend(p, t, y) + 1;

	int last = LINES - 3; /* the counts go on LINES - 2 */
	list_set_height(&p->list, last - y + 1 > 1 ? last - y + 1 : 1);
	if (p->nrows == 0)
		draw_text(y, 2, COLS - 4, "Deze groep heeft geen leerlingen.", role_attr(t, ROLE_DIM));
	for (int i = 0; i < p->list.height && p->list.top + i < p->nrows; i++) {
		const struct pp_row *r = &p->rows[p->list.top + i];
		bool sel = p->list.top + i == p->list.cursor;
		attr_t a = sel ? role_attr(t, ROLE_SELECTED) : role_attr(t, ROLE_NORMAL);
		const char *g = r->group >= 0 ? p->groups.items[r->group] : t->utf8 ? "—" : "-";
		int gw = text_cols(g);
		if (sel)
			draw_fill(y + i, 0, COLS, a);
		draw_text(y + i, 2, COLS - gw - 7, r->name, a);
		draw_text(y + i, COLS - 2 - gw, gw, g, r->group >= 0 || sel ? a : role_attr(t, ROLE_DIM));
	}

	/* How many are in each group, so that a forgotten pupil shows: with
	 * the groups' names when that fits, else with their numbers. */
	for (int named = 1; named >= 0; named--) {
		struct strbuf sb = { 0 };
		int none = p->nrows;
		const char *sep = t->utf8 ? " · " : " - ";
		for (size_t g = 0; g < p->groups.len; g++) {
			int c = 0;
			for (int i = 0; i < p->nrows; i++)
				c += p->rows[i].group == (int)g;
			none -= c;
			if (named)
				sb_printf(&sb, "%s%s %d", g ? sep : "", p->groups.items[g], c);
			else
				sb_printf(&sb, "%s%zu: %d", g ? sep : "Aantal per groep: ", g + 1, c);
		}
		sb_printf(&sb, "%sgeen%s %d", p->groups.len ? sep : "", named ? "" : ":", none);
		bool fits = text_cols(sb_str(&sb)) <= COLS - 4;
		if (fits || !named)
			draw_text(LINES - 2, 2, COLS - 4, sb_str(&sb), role_attr(t, ROLE_DIM));
		sb_free(&sb);
		if (fits)
			break;
	}
}

/* ==================================================================== keys */

static const struct keydef planpupils_keys[] = {
	{ PP_SET, { '1', '2', '3', '4', '5', '6', '7' }, "Indelen",
	  "De leerling in instructiegroep 1 tot 7 zetten (zie de regel bovenaan) en naar de "
	  "volgende leerling" },
	{ PP_SET, { '8', '9' }, NULL, "De leerling in instructiegroep 8 of 9 zetten" },
	{ PP_CLEAR, { '0', TK_DELETE }, "Eruit", "De leerling uit zijn instructiegroep halen" },
	{ PP_DONE, { TK_F(2), TK_ENTER, TK_CTRL('s') }, "Klaar",
	  "De indeling overnemen in het plan (F2, Enter of Ctrl-S)" },
	{ PP_CANCEL, { TK_ESC, 'q' }, "Annuleren",
	  "Terug zonder de indeling over te nemen (met een vraag als er iets is veranderd)" },
	{ PP_PREV, { TK_LEFT }, NULL, "De vorige instructiegroep voor de leerling" },
	{ PP_NEXT, { TK_RIGHT, ' ' }, NULL, "De volgende instructiegroep voor de leerling" },
	{ PP_UP, { TK_UP, 'k' }, NULL, "Een leerling omhoog" },
	{ PP_DOWN, { TK_DOWN, 'j' }, NULL, "Een leerling omlaag" },
	{ PP_PGUP, { TK_PGUP }, NULL, "Een pagina omhoog" },
	{ PP_PGDN, { TK_PGDN }, NULL, "Een pagina omlaag" },
	{ PP_HOME, { TK_HOME }, NULL, "Naar de eerste leerling" },
	{ PP_END, { TK_END }, NULL, "Naar de laatste leerling" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const planpupils_tables[] = { planpupils_keys, NULL };

static const struct keydef *planpupils_keymap(struct screen *s)
{
	(void)s;
	return planpupils_keys;
}

static bool changed(const struct planpupils *p)
{
	for (int i = 0; i < p->nrows; i++)
		if (p->rows[i].group != p->rows[i].initial)
			return true;
	return false;
}

/* The field's members: by instruction group, within it in list order. */
static int finish(struct planpupils *p, struct tui *t)
{
	struct plan_member *m = xcalloc((size_t)(p->nrows > 0 ? p->nrows : 1), sizeof(*m));
	int n = 0;

	for (size_t g = 0; g < p->groups.len; g++) {
		for (int i = 0; i < p->nrows; i++) {
			if (p->rows[i].group != (int)g)
				continue;
			m[n].field_key = xstrdup(p->key);
			m[n].group_name = xstrdup(p->groups.items[g]);
			m[n].pupil_id = p->rows[i].pupil_id;
			m[n].pupil_name = xstrdup(p->rows[i].name);
			n++;
		}
	}
	int flags = p->done ? p->done(p->ctx, t, m, n) : 0;
	plan_members_free(m, n);
	return flags | TR_HANDLED | TR_REDRAW | TR_POP;
}

static int discard(struct tui *t, void *ctx)
{
	tui_remove(t, ctx);
	return TR_REDRAW;
}

static int planpupils_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct planpupils *p = s->state;
	struct pp_row *r = p->nrows > 0 ? &p->rows[p->list.cursor] : NULL;
	int ng = (int)p->groups.len;
	static const enum list_move moves[] = {
		[PP_UP] = LM_UP, [PP_DOWN] = LM_DOWN, [PP_PGUP] = LM_PGUP,
		[PP_PGDN] = LM_PGDN, [PP_HOME] = LM_HOME, [PP_END] = LM_END,
	};

	switch (action) {
	case PP_UP:
	case PP_DOWN:
	case PP_PGUP:
	case PP_PGDN:
	case PP_HOME:
	case PP_END:
		return list_move(&p->list, moves[action]) ? TR_HANDLED | TR_REDRAW : TR_HANDLED;
	case PP_SET:
		if (!r || key - '1' >= ng)
			return TR_HANDLED;
		r->group = key - '1';
		list_move(&p->list, LM_DOWN);
		return TR_HANDLED | TR_REDRAW;
	case PP_CLEAR:
		if (!r)
			return TR_HANDLED;
		r->group = -1;
		list_move(&p->list, LM_DOWN);
		return TR_HANDLED | TR_REDRAW;
	case PP_PREV:
	case PP_NEXT:
		/* Through the groups and "none" (-1), round. */
		if (!r || ng == 0)
			return TR_HANDLED;
		r->group = ((r->group + 1 + (action == PP_NEXT ? 1 : ng)) % (ng + 1)) - 1;
		return TR_HANDLED | TR_REDRAW;
	case PP_DONE:
		return finish(p, t);
	case PP_CANCEL: {
		if (!changed(p))
			return TR_HANDLED | TR_POP | TR_REDRAW;
		struct dialog_arg a = {
			.title = "Niet overgenomen",
			.text = "De indeling is veranderd en nog niet overgenomen. Weggooien? (j/n)",
			.question = true,
			.on_yes = discard,
			.ctx = p->self,
		};
		tui_push(t, &dialog_screen, &a);
		return TR_HANDLED | TR_REDRAW;
	}
	default:
		return 0;
	}
}

const struct screen_ops planpupils_screen = {
	.name = "Instructiegroepen",
	.state_size = sizeof(struct planpupils),
	.enter = planpupils_enter,
	.draw = planpupils_draw,
	.tables = planpupils_tables,
	.keymap = planpupils_keymap,
	.action = planpupils_action,
	.leave = planpupils_leave,
};
