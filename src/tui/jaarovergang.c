/* jaarovergang.c - Jaarovergang: the preview of moving every pupil of a
 * school to the next group, the exceptions marked before it is applied, and
 * applying it.
 *
 * The rules are jaarovergang.h's; this screen only shows the plan, lets the
 * IB'er mark doublers, versnellers and leavers and choose a group where the
 * plan cannot, and applies it after a question that states the counts. The
 * plan is rebuilt after every mark (it is small), and since the order of the
 * moves never changes the cursor stays on the same pupil.
 */
#include "tui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ibis/app.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/db_jaarovergang.h"
#include "ibis/db_school.h"
#include "ibis/jaarovergang.h"
#include "ibis/records.h"

/* A line of the list: a group of Y as a heading, or a pupil's move. */
struct jrow {
	int move;   /* index in plan.moves; -1 for a heading */
	int from;   /* heading: index in plan.from, -1 for pupils without a group */
	int count;  /* heading: pupils under it */
};

/* A mark or choice kept across a reload of the plan. */
struct kept {
	ibis_id pupil_id;
	enum jov_mark mark;
	enum leave_destination dest;
	char *choice;
	int choice_jaargroep;
};

struct jov {
	struct school *schools;
	int nschools;
	int school;             /* index in schools; -1 before one is chosen */
	int year;               /* Y */
	char *note;             /* why the default year could not be told, or NULL */
	char *result;           /* what the last apply did, or NULL */

	bool have_plan;
	struct jov_plan plan;
	struct jov_counts counts;
	struct jrow *rows;
	int nrows;
	struct list list;

	/* What a prompt is about. */
	ibis_id pending;        /* the pupil */
	int *cands;             /* the groups offered (indexes in plan.to) */
	int ncands;
	bool cands_undo;        /* the first option undoes a choice */
	int pending_group;      /* index in plan.to chosen, waiting for a jaargroep */
};

enum {
	JV_UP = 1, JV_DOWN, JV_PGUP, JV_PGDN, JV_HOME, JV_END,
	JV_MARK, JV_DOUBLE, JV_SKIP, JV_LEAVE, JV_NORMAL, JV_GROUP, JV_APPLY,
	JV_PREV_YEAR, JV_NEXT_YEAR, JV_SCHOOL,
};

enum { ASK_MARK = 1, ASK_DEST, ASK_GROUP, ASK_JAARGROEP, ASK_APPLY, ASK_SCHOOL };

/* ============================================================= key tables */

static const struct keydef jov_keys[] = {
	{ JV_MARK, { TK_ENTER, 'm' }, "Markeren",
	  "De leerling onder de cursor markeren: gewoon over, doubleert, versnelt of vertrekt" },
	{ JV_GROUP, { 'g' }, "Groep",
	  "Een groep kiezen voor de leerling onder de cursor (uit de groepen die passen)" },
	{ JV_APPLY, { 'u' }, "Uitvoeren",
	  "De jaarovergang uitvoeren (met een vraag die de aantallen noemt)" },
	{ JV_DOUBLE, { 'd' }, NULL, "De leerling doubleert: blijft in dezelfde jaargroep" },
	{ JV_SKIP, { 'o' }, NULL, "De leerling versnelt: slaat een jaargroep over" },
	{ JV_LEAVE, { 'x' }, NULL, "De leerling vertrekt (de bestemming wordt gevraagd)" },
	{ JV_NORMAL, { 'n' }, NULL, "De markering weghalen: gewoon naar de volgende groep" },
	{ JV_PREV_YEAR, { TK_LEFT, '[' }, NULL, "De jaarovergang een schooljaar eerder bekijken" },
	{ JV_NEXT_YEAR, { TK_RIGHT, ']' }, NULL, "De jaarovergang een schooljaar later bekijken" },
	{ JV_SCHOOL, { 's' }, NULL, "Een andere school kiezen (als er meer dan één is)" },
	{ JV_UP, { TK_UP, 'k' }, NULL, "Een leerling omhoog" },
	{ JV_DOWN, { TK_DOWN, 'j' }, NULL, "Een leerling omlaag" },
	{ JV_PGUP, { TK_PGUP }, NULL, "Een pagina omhoog" },
	{ JV_PGDN, { TK_PGDN }, NULL, "Een pagina omlaag" },
	{ JV_HOME, { TK_HOME }, NULL, "Naar de eerste leerling" },
	{ JV_END, { TK_END, 'G' }, NULL, "Naar de laatste leerling" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const jov_tables[] = { jov_keys, NULL };

/* =============================================================== the plan */

static void plan_drop(struct jov *j)
{
	if (j->have_plan)
		jov_plan_free(&j->plan);
	j->have_plan = false;
	memset(&j->counts, 0, sizeof(j->counts));
	free(j->rows);
	j->rows = NULL;
	j->nrows = 0;
}

/* The list lines of the plan: a heading per group of Y, then its pupils. */
static void build_rows(struct jov *j)
{
	free(j->rows);
	j->rows = NULL;
	j->nrows = 0;
	if (!j->have_plan) {
		list_set_count(&j->list, 0);
		return;
	}
	const struct jov_plan *p = &j->plan;
	j->rows = xcalloc((size_t)(2 * p->nmoves + 1), sizeof(*j->rows));
	int head = -1;
	for (int i = 0; i < p->nmoves; i++) {
		if (head < 0 || j->rows[head].from != p->moves[i].from) {
			head = j->nrows;
			j->rows[j->nrows++] = (struct jrow){ .move = -1, .from = p->moves[i].from };
		}
		j->rows[head].count++;
		j->rows[j->nrows++] = (struct jrow){ .move = i, .from = p->moves[i].from };
	}
	jov_count(p, &j->counts);
	list_set_count(&j->list, j->nrows);
}

/* Keep the cursor off the headings, going on in direction dir. */
static void cursor_fix(struct jov *j, int dir)
{
	if (j->nrows == 0)
		return;
	int c = j->list.cursor;
	while (c >= 0 && c < j->nrows && j->rows[c].move < 0)
		c += dir;
	if (c < 0 || c >= j->nrows) {
		c = j->list.cursor;
		while (c >= 0 && c < j->nrows && j->rows[c].move < 0)
			c -= dir;
	}
	if (c >= 0 && c < j->nrows)
		j->list.cursor = c;
	list_set_count(&j->list, j->nrows);
}

/* The row of a pupil, -1 when not in the plan. */
static int row_of(const struct jov *j, ibis_id pupil)
{
	int m = j->have_plan ? jov_find(&j->plan, pupil) : -1;

	for (int i = 0; m >= 0 && i < j->nrows; i++)
		if (j->rows[i].move == m)
			return i;
	return -1;
}

/* The move under the cursor, or NULL. */
static const struct jov_move *current(const struct jov *j)
{
	if (!j->have_plan || j->list.cursor >= j->nrows || j->nrows == 0)
		return NULL;
	int m = j->rows[j->list.cursor].move;
	return m >= 0 ? &j->plan.moves[m] : NULL;
}

/* Put the cursor on pupil (or the first pupil when gone). */
static void cursor_to(struct jov *j, ibis_id pupil)
{
	int r = pupil ? row_of(j, pupil) : -1;

	j->list.cursor = r >= 0 ? r : 0;
	list_set_count(&j->list, j->nrows);
	cursor_fix(j, 1);
}

static void kept_free(struct kept *k, int n)
{
	for (int i = 0; i < n; i++)
		free(k[i].choice);
	free(k);
}

/* Read the plan of the school for Y again. With keep, the marks and choices
 * made so far are made again on the new plan (those that no longer apply are
 * dropped). The cursor stays on its pupil. */
static void load(struct jov *j, struct tui *t, bool keep)
{
	struct ibis_error err;
	struct jov_input in;
	struct kept *kept = NULL;
	int nkept = 0;
	const struct jov_move *cur = current(j);
	ibis_id at = cur ? cur->pupil_id : 0;

	if (keep && j->have_plan) {
		kept = xcalloc((size_t)(j->plan.nmoves + 1), sizeof(*kept));
		for (int i = 0; i < j->plan.nmoves; i++) {
			const struct jov_move *m = &j->plan.moves[i];
			if (m->mark == JOV_NORMAL && !m->choice)
				continue;
			kept[nkept++] = (struct kept){
				.pupil_id = m->pupil_id,
				.mark = m->mark,
				.dest = m->mark_dest,
				.choice = m->choice ? xstrdup(m->choice) : NULL,
				.choice_jaargroep = m->choice_jaargroep,
			};
		}
	}
	plan_drop(j);
	if (j->school < 0 || j->nschools == 0) {
		kept_free(kept, nkept);
		build_rows(j);
		return;
	}
	memset(&in, 0, sizeof(in));
	if (db_jaarovergang_load(t->app->db, j->schools[j->school].id, j->year, &in, &err) !=
	    IBIS_OK) {
		jov_input_free(&in);
		kept_free(kept, nkept);
		tui_report(t, &err);
		build_rows(j);
		return;
	}
	jov_plan_init(&j->plan, &in);
	jov_input_free(&in);
	j->have_plan = true;
	for (int i = 0; i < nkept; i++) {
		if (kept[i].mark != JOV_NORMAL)
			jov_mark(&j->plan, kept[i].pupil_id, kept[i].mark, kept[i].dest, NULL);
		if (kept[i].choice)
			jov_choose(&j->plan, kept[i].pupil_id, kept[i].choice,
				   kept[i].choice_jaargroep, NULL);
	}
	kept_free(kept, nkept);
	build_rows(j);
	cursor_to(j, at);
}

/* The year to show for the school: jov_default_year with the app's today.
 * When it cannot tell (done already, nobody in a group), this school year,
 * with the reason as a note. */
static void pick_year(struct jov *j, struct tui *t)
{
	struct ibis_error err;
	struct jov_year_state st[3];
	int now = schoolyear_of(date_today());

	free(j->note);
	j->note = NULL;
	j->year = now;
	if (j->school < 0)
		return;
	for (int k = 0; k < 3; k++) {
		if (db_jaarovergang_state(t->app->db, j->schools[j->school].id, now - 1 + k, &st[k],
					  &err) != IBIS_OK) {
			tui_report(t, &err);
			return;
		}
	}
	int y = jov_default_year(now, st, &err);
	if (y >= 0)
		j->year = y;
	else
		j->note = xstrdup(err.message);
}

/* ================================================================== enter */

static int answered(void *ctx, struct tui *t, int id, int choice);

static void ask_school(struct jov *j, struct tui *t)
{
	struct prompt_arg a = {
		.text = "De jaarovergang van welke school?",
		.selected = j->school > 0 ? j->school : 0,
		.done = answered,
		.ctx = j,
		.id = ASK_SCHOOL,
	};

	prompt_school(t, &a, j->schools, j->nschools);
}

static int jov_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct jov *j = s->state;
	struct ibis_error err;

	(void)arg;
	j->list.height = 1;
	j->school = -1;
	if (db_school_list(t->app->db, &j->schools, &j->nschools, &err) != IBIS_OK) {
		tui_report(t, &err);
		j->nschools = 0;
	}
	if (j->nschools == 1) {
		j->school = 0;
		pick_year(j, t);
		load(j, t, false);
	} else if (j->nschools > 1) {
		ask_school(j, t);
	}
	return TR_REDRAW;
}

static void jov_leave(struct screen *s, struct tui *t)
{
	struct jov *j = s->state;

	(void)t;
	plan_drop(j);
	schools_free(j->schools, j->nschools);
	free(j->note);
	free(j->result);
	free(j->cands);
}

/* =================================================================== draw */

struct columns {
	int name_x, name_w, from_x, from_w, to_x, to_w, mark_x, mark_w;
};

static struct columns layout(void)
{
	struct columns c;

	c.mark_w = 9;
	c.mark_x = COLS - 1 - c.mark_w;
	c.to_w = 25;
	c.to_x = c.mark_x - 2 - c.to_w;
	c.from_w = 14;
	c.from_x = c.to_x - 2 - c.from_w;
	c.name_x = 3;
	c.name_w = c.from_x - 2 - c.name_x;
	return c;
}

/* Where a move goes, short enough for the column: the leave date is the same
 * for everyone and stands in the header. Caller frees. */
static char *move_to(const struct jov *j, int i)
{
	const struct jov_move *m = &j->plan.moves[i];

	if (m->outcome == JOV_LEAVES) {
		if (m->dest == LEAVE_VO && m->mark != JOV_LEAVE)
			return xstrdup("VO");
		return xasprintf("vertrekt (%s)", leave_destination_name(m->dest));
	}
	return jov_move_to(&j->plan, i);
}

static void draw_counts(struct jov *j, struct tui *t, int y)
{
	const struct jov_counts *c = &j->counts;
	attr_t a = role_attr(t, ROLE_NORMAL);

	char *l1 = xasprintf("Over %d · Doubleren %d · Versnellen %d · Naar VO %d · "
			     "Vertrekken %d", c->up, c->doubles, c->skips, c->vo, c->leaves);
	draw_text(y, 1, COLS - 2, l1, a);
	free(l1);
	char *l2 = xasprintf("Nieuwe groepen %d · Groep kiezen %d · Zonder groep %d · "
			     "Al geplaatst %d", c->new_groups, c->unplaced, c->no_group,
			     c->placed);
	draw_text(y + 1, 1, COLS - 2, l2, a);
	free(l2);
}

/* The state of the jaarovergang in one line. Caller frees. */
static char *status_line(const struct jov *j, enum role *role)
{
	char y1[16];

	schoolyear_format(j->year + 1, y1);
	*role = ROLE_PROMPT;
	if (j->result)
		return xstrdup(j->result);
	if (jov_plan_done(&j->plan)) {
		return xasprintf("Uitgevoerd: de leerlingen staan al in de groepen van %s.", y1);
	}
	if (j->counts.unplaced > 0) {
		*role = ROLE_ERROR;
		return xasprintf("Kies eerst een groep voor %d %s (g) en voer dan uit (u).",
				 j->counts.unplaced,
				 j->counts.unplaced == 1 ? "leerling" : "leerlingen");
	}
	if (jov_plan_ready(&j->plan))
		return xasprintf("Klaar om uit te voeren (u)%s.",
				 j->plan.makes_groups ? "; de groepen van het nieuwe jaar "
							"worden gemaakt" : "");
	return xstrdup("Er is niets over te zetten.");
}

static void draw_row(struct jov *j, struct tui *t, const struct columns *c, int y, int k)
{
	const struct jrow *r = &j->rows[k];
	const struct jov_plan *p = &j->plan;

	if (r->move < 0) {
		char *h;
		const char *noun = r->count == 1 ? "leerling" : "leerlingen";
		if (r->from >= 0)
			h = xasprintf("Groep %s · %d %s", p->from[r->from].name, r->count, noun);
		else
			h = xasprintf("Zonder groep · %d %s", r->count, noun);
		draw_text(y, 1, COLS - 2, h, role_attr(t, ROLE_LABEL) | A_BOLD);
		free(h);
		return;
	}
	const struct jov_move *m = &p->moves[r->move];
	bool sel = k == j->list.cursor;
	attr_t a = role_attr(t, sel ? ROLE_SELECTED : ROLE_NORMAL);
	attr_t to_a = a;

	if (sel)
		draw_fill(y, 0, COLS, a);
	else if (m->outcome == JOV_UNPLACED)
		to_a = role_attr(t, ROLE_ERROR);
	else if (m->outcome == JOV_PLACED || m->outcome == JOV_NO_GROUP)
		to_a = role_attr(t, ROLE_DIM);
	draw_text(y, c->name_x, c->name_w, m->name ? m->name : "", a);
	char *from = jov_move_from(p, r->move);
	draw_text(y, c->from_x, c->from_w, from, a);
	free(from);
	char *to = move_to(j, r->move);
	draw_text(y, c->to_x, c->to_w, to, to_a);
	free(to);
	const char *mark = jov_mark_name(m->mark);
	if (!mark[0] && m->choice)
		mark = "gekozen";
	draw_text(y, c->mark_x, c->mark_w, mark, sel ? a : role_attr(t, ROLE_LABEL));
}

static void jov_draw(struct screen *s, struct tui *t)
{
	struct jov *j = s->state;
	char y0[16], y1[16];

	schoolyear_format(j->year, y0);
	schoolyear_format(j->year + 1, y1);
	const char *school = j->school >= 0 && j->schools[j->school].name
		? j->schools[j->school].name : "";
	char *left = school[0] ? xasprintf("ibis — Jaarovergang · %s", school)
			       : xstrdup("ibis — Jaarovergang");
	char *right = j->have_plan
		? xasprintf("%d %s · %s %s %s", j->counts.pupils,
			    j->counts.pupils == 1 ? "leerling" : "leerlingen", y0,
			    t->utf8 ? "→" : "->", y1)
		: xasprintf("%s %s %s", y0, t->utf8 ? "→" : "->", y1);
	int y = draw_header(t, left, j->school >= 0 ? right : NULL);
	free(left);
	free(right);

	int status_y = LINES - 2;
	if (j->school < 0) {
		const char *msg = j->nschools == 0 ? "Er is nog geen school in deze database."
						  : "Kies eerst een school (s).";
		draw_text(y + 1, 2, COLS - 4, msg, role_attr(t, ROLE_DIM));
		return;
	}
	if (!j->have_plan) {
		draw_text(y + 1, 2, COLS - 4, "De jaarovergang kon niet worden gelezen.",
			  role_attr(t, ROLE_DIM));
		return;
	}
	draw_counts(j, t, y);
	enum role role;
	char *st = status_line(j, &role);
	draw_text(y + 2, 1, COLS - 2, st, role_attr(t, role) | A_BOLD);
	free(st);
	y += 3;

	struct columns c = layout();
	attr_t ha = role_attr(t, ROLE_COLUMNS);
	draw_text(y, 1, c.name_w + 2, "Leerling", ha);
	draw_text(y, c.from_x, c.from_w, "Van", ha);
	char d[DATE_NL_LEN];
	char *to_head = xasprintf("Naar (vertrek %s)", date_format_nl(j->plan.leave_date, d));
	draw_text(y, c.to_x, c.to_w, to_head, ha);
	free(to_head);
	draw_text(y, c.mark_x, c.mark_w, "Bijzonder", ha);
	y++;

	list_set_height(&j->list, status_y - y);
	/* The heading above the first pupil shown stays in sight when it fits. */
	if (j->list.top > 0 && j->rows[j->list.top - 1].move < 0 &&
	    j->list.cursor < j->list.top - 1 + j->list.height)
		j->list.top--;
	if (j->nrows == 0) {
		struct strlist lines = { 0 };
		text_wrap(j->note ? j->note : "Geen leerlingen.", COLS - 4, &lines);
		for (size_t i = 0; i < lines.len && y + 1 + (int)i < status_y; i++)
			draw_text(y + 1 + (int)i, 2, COLS - 4, lines.items[i],
				  role_attr(t, ROLE_DIM));
		sl_free(&lines);
	}
	for (int i = 0; i < j->list.height && j->list.top + i < j->nrows; i++)
		draw_row(j, t, &c, y + i, j->list.top + i);

	char *hint = xasprintf("d doubleert · o versnelt · x vertrekt · n gewoon · %s jaar%s",
			       t->utf8 ? "←/→" : "[ ]", j->nschools > 1 ? " · s school" : "");
	draw_text(status_y, 1, COLS - 12, hint, role_attr(t, ROLE_DIM));
	free(hint);
	const struct jov_move *m = current(j);
	if (m) {
		char *pos = xasprintf("%d/%d", jov_find(&j->plan, m->pupil_id) + 1,
				      j->plan.nmoves);
		int w = text_cols(pos);
		draw_text(status_y, COLS - 1 - w, w, pos, role_attr(t, ROLE_DIM));
		free(pos);
	}
}

/* ================================================================ marking */

static int mark(struct jov *j, struct tui *t, ibis_id pupil, enum jov_mark mk,
		enum leave_destination dest)
{
	struct ibis_error err;

	if (!j->have_plan)
		return TR_REDRAW;
	free(j->result);
	j->result = NULL;
	if (jov_mark(&j->plan, pupil, mk, dest, &err) != IBIS_OK)
		tui_report(t, &err);
	build_rows(j);
	cursor_to(j, pupil);
	return TR_REDRAW;
}

static const enum leave_destination dests[] = {
	LEAVE_SCHOOL, LEAVE_SBO, LEAVE_SO, LEAVE_VO, LEAVE_OTHER,
};
static const char *const dest_names[] = {
	"Andere basisschool", "SBO (speciaal basisonderwijs)", "SO (speciaal onderwijs)",
	"VO (voortgezet onderwijs)", "Anders",
};

static void ask_dest(struct jov *j, struct tui *t, const struct jov_move *m)
{
	char *q = xasprintf("Waar gaat %s naartoe? Het vertrek is op de laatste schooldag.",
			    m->name);
	int sel = 0;
	for (size_t i = 0; i < ARRAY_LEN(dests); i++)
		if (m->mark == JOV_LEAVE && m->mark_dest == dests[i])
			sel = (int)i;
	struct prompt_arg a = {
		.kind = PROMPT_CHOOSE,
		.title = "Vertrekt",
		.text = q,
		.options = dest_names,
		.noptions = (int)ARRAY_LEN(dest_names),
		.selected = sel,
		.done = answered,
		.ctx = j,
		.id = ASK_DEST,
	};
	j->pending = m->pupil_id;
	prompt_push(t, &a);
	free(q);
}

static void ask_mark(struct jov *j, struct tui *t, const struct jov_move *m)
{
	static const char *const options[] = {
		"Gewoon naar de volgende groep",
		"Doubleert (blijft in dezelfde jaargroep)",
		"Versnelt (slaat een jaargroep over)",
		"Vertrekt (bestemming kiezen)",
	};
	char *q = xasprintf("%s: %s", m->name, jov_mark_name(m->mark)[0]
			    ? jov_mark_name(m->mark) : "gewoon over");
	struct prompt_arg a = {
		.kind = PROMPT_CHOOSE,
		.title = "Markeren",
		.text = q,
		.options = options,
		.noptions = (int)ARRAY_LEN(options),
		.selected = (int)m->mark,
		.done = answered,
		.ctx = j,
		.id = ASK_MARK,
	};
	j->pending = m->pupil_id;
	prompt_push(t, &a);
	free(q);
}

/* "6A (groep 6)", "5/6 (groep 5-6)". Caller frees. */
static char *group_option(const struct jov_group *g)
{
	if (g->jaargroep_min == g->jaargroep_max)
		return xasprintf("%s (groep %d)", g->name, g->jaargroep_min);
	return xasprintf("%s (groep %d-%d)", g->name, g->jaargroep_min, g->jaargroep_max);
}

static int ask_group(struct jov *j, struct tui *t)
{
	const struct jov_move *m = current(j);
	struct ibis_error err;

	if (!m)
		return TR_HANDLED;
	if (m->outcome == JOV_PLACED || m->mark == JOV_LEAVE) {
		ibis_fail(&err, IBIS_EINPUT, "%s %s; er valt geen groep te kiezen.", m->name,
			  m->outcome == JOV_PLACED ? "zit al in een groep van het nieuwe jaar"
						   : "vertrekt");
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	int m_index = jov_find(&j->plan, m->pupil_id);
	free(j->cands);
	j->cands = xcalloc((size_t)j->plan.nto + 1, sizeof(*j->cands));
	j->ncands = jov_candidates(&j->plan, m_index, j->cands, j->plan.nto);
	if (j->ncands > j->plan.nto)
		j->ncands = j->plan.nto;
	j->cands_undo = m->choice != NULL;

	struct strlist opts = { 0 };
	int sel = 0;
	if (j->cands_undo)
		sl_add(&opts, "Geen keuze: ibis kiest de groep");
	for (int i = 0; i < j->ncands; i++) {
		const struct jov_group *g = &j->plan.to[j->cands[i]];
		sl_take(&opts, group_option(g));
		if (m->outcome == JOV_MOVE && m->to == j->cands[i])
			sel = (int)opts.len - 1;
	}
	if (opts.len == 0) {
		ibis_fail(&err, IBIS_EINPUT, "Er is geen groep in het nieuwe schooljaar om uit "
					     "te kiezen.");
		tui_report(t, &err);
		sl_free(&opts);
		return TR_HANDLED | TR_REDRAW;
	}
	char *from = jov_move_from(&j->plan, m_index);
	char *q = m->target >= 0
		? xasprintf("%s (nu %s) gaat naar groep %d. In welke groep?", m->name, from,
			    m->target)
		: xasprintf("%s (nu %s): in welke groep?", m->name, from);
	struct prompt_arg a = {
		.kind = PROMPT_CHOOSE,
		.title = "Groep kiezen",
		.text = q,
		.options = (const char *const *)opts.items,
		.noptions = (int)opts.len,
		.selected = sel,
		.done = answered,
		.ctx = j,
		.id = ASK_GROUP,
	};
	j->pending = m->pupil_id;
	prompt_push(t, &a);
	free(q);
	free(from);
	sl_free(&opts);
	return TR_HANDLED | TR_REDRAW;
}

static int choose(struct jov *j, struct tui *t, const char *group, int jaargroep)
{
	struct ibis_error err;

	free(j->result);
	j->result = NULL;
	if (jov_choose(&j->plan, j->pending, group, jaargroep, &err) != IBIS_OK)
		tui_report(t, &err);
	build_rows(j);
	cursor_to(j, j->pending);
	return TR_REDRAW;
}

/* A group was picked: a combination group that does not hold the target
 * needs the jaargroep too. */
static int group_chosen(struct jov *j, struct tui *t, int choice)
{
	if (j->cands_undo) {
		if (choice == 0)
			return choose(j, t, NULL, -1);
		choice--;
	}
	if (choice < 0 || choice >= j->ncands)
		return TR_REDRAW;
	int gi = j->cands[choice];
	const struct jov_group *g = &j->plan.to[gi];
	int m = jov_find(&j->plan, j->pending);
	int target = m >= 0 ? j->plan.moves[m].target : -1;
	if (g->jaargroep_min == g->jaargroep_max ||
	    (target >= g->jaargroep_min && target <= g->jaargroep_max))
		return choose(j, t, g->name, -1);

	struct strlist opts = { 0 };
	for (int k = g->jaargroep_min; k <= g->jaargroep_max; k++)
		sl_addf(&opts, "Groep %d", k);
	char *q = xasprintf("In welke jaargroep van %s?", g->name);
	struct prompt_arg a = {
		.kind = PROMPT_CHOOSE,
		.title = "Jaargroep",
		.text = q,
		.options = (const char *const *)opts.items,
		.noptions = (int)opts.len,
		.done = answered,
		.ctx = j,
		.id = ASK_JAARGROEP,
	};
	j->pending_group = gi;
	prompt_push(t, &a);
	free(q);
	sl_free(&opts);
	return TR_REDRAW;
}

/* ================================================================ applying */

static int apply(struct jov *j, struct tui *t)
{
	struct ibis_error err;
	struct jov_result res;
	char y1[16];

	memset(&res, 0, sizeof(res));
	if (db_jaarovergang_apply(t->app->db, &j->plan, t->app->user, &res, &err) != IBIS_OK) {
		tui_report(t, &err);
		/* Someone else changed the groups: plan again, marks kept. */
		if (err.fault == DBF_CONFLICT)
			load(j, t, true);
		return TR_REDRAW;
	}
	t->changes++;
	schoolyear_format(j->year + 1, y1);
	free(j->result);
	j->result = xasprintf("Uitgevoerd: %d in groepen van %s, %d vertrokken, %d %s gemaakt.",
			      res.moved, y1, res.left, res.groups_made,
			      res.groups_made == 1 ? "groep" : "groepen");
	char *text = xasprintf("De jaarovergang is uitgevoerd: %d %s in een groep van %s, "
			       "%d vertrokken, %d %s gemaakt.", res.moved,
			       res.moved == 1 ? "leerling" : "leerlingen", y1, res.left,
			       res.groups_made, res.groups_made == 1 ? "groep" : "groepen");
	struct dialog_arg d = {
		.title = "Jaarovergang uitgevoerd",
		.text = text,
	};
	load(j, t, false);
	tui_push(t, &dialog_screen, &d);
	free(text);
	return TR_REDRAW;
}

static int ask_apply(struct jov *j, struct tui *t)
{
	struct ibis_error err;
	char y0[16], y1[16];

	if (!j->have_plan)
		return TR_HANDLED;
	schoolyear_format(j->year, y0);
	schoolyear_format(j->year + 1, y1);
	if (jov_plan_done(&j->plan)) {
		ibis_fail(&err, IBIS_EINPUT, "De jaarovergang van %s naar %s is al uitgevoerd.",
			  y0, y1);
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	if (j->counts.unplaced > 0) {
		ibis_fail(&err, IBIS_EINPUT,
			  "Voor %d %s is nog geen groep gekozen: zet de cursor op de leerling "
			  "en druk g. Daarna kan de jaarovergang worden uitgevoerd.",
			  j->counts.unplaced, j->counts.unplaced == 1 ? "leerling" : "leerlingen");
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	if (!jov_plan_ready(&j->plan)) {
		ibis_fail(&err, IBIS_EINPUT, "Er is niets over te zetten van %s naar %s.", y0, y1);
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	if (db_readonly(t->app->db)) {
		ibis_fail(&err, IBIS_EDB, "De database is alleen-lezen geopend: de jaarovergang "
					  "kan niet worden uitgevoerd.");
		err.fault = DBF_READONLY;
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	const struct jov_counts *c = &j->counts;
	struct strbuf sb = { 0 };
	sb_printf(&sb, "De jaarovergang van %s naar %s uitvoeren voor %s?\n\n", y0, y1,
		  j->plan.school_name ? j->plan.school_name : "de school");
	sb_printf(&sb, "%d naar de volgende groep, %d %s, %d %s, %d naar het VO, %d %s",
		  c->up, c->doubles, c->doubles == 1 ? "doubleert" : "doubleren", c->skips,
		  c->skips == 1 ? "versnelt" : "versnellen", c->vo, c->leaves,
		  c->leaves == 1 ? "vertrekt" : "vertrekken");
	if (c->no_group)
		sb_printf(&sb, ", %d %s zonder groep", c->no_group,
			  c->no_group == 1 ? "blijft" : "blijven");
	sb_add(&sb, ".");
	if (c->new_groups)
		sb_printf(&sb, " %d %s voor %s worden gemaakt.", c->new_groups,
			  c->new_groups == 1 ? "groep" : "groepen", y1);
	sb_add(&sb, "\n\nUitvoeren? (j/n)");
	struct prompt_arg a = {
		.kind = PROMPT_ASK,
		.title = "Jaarovergang uitvoeren",
		.text = sb_str(&sb),
		.done = answered,
		.ctx = j,
		.id = ASK_APPLY,
	};
	prompt_push(t, &a);
	sb_free(&sb);
	return TR_HANDLED | TR_REDRAW;
}

/* ================================================================= answers */

static int answered(void *ctx, struct tui *t, int id, int choice)
{
	struct jov *j = ctx;

	switch (id) {
	case ASK_SCHOOL:
		if (choice >= 0 && choice < j->nschools) {
			j->school = choice;
			free(j->result);
			j->result = NULL;
			pick_year(j, t);
			j->list.cursor = j->list.top = 0;
			load(j, t, false);
		}
		return TR_REDRAW;
	case ASK_MARK:
		if (choice == 3) {
			int m = jov_find(&j->plan, j->pending);
			if (m >= 0)
				ask_dest(j, t, &j->plan.moves[m]);
			return TR_REDRAW;
		}
		return mark(j, t, j->pending, (enum jov_mark)choice, LEAVE_NONE);
	case ASK_DEST:
		if (choice < 0 || choice >= (int)ARRAY_LEN(dests))
			return TR_REDRAW;
		return mark(j, t, j->pending, JOV_LEAVE, dests[choice]);
	case ASK_GROUP:
		return group_chosen(j, t, choice);
	case ASK_JAARGROEP:
		if (j->pending_group < 0 || j->pending_group >= j->plan.nto)
			return TR_REDRAW;
		return choose(j, t, j->plan.to[j->pending_group].name,
			      j->plan.to[j->pending_group].jaargroep_min + choice);
	case ASK_APPLY:
		return apply(j, t);
	default:
		return TR_REDRAW;
	}
}

/* ================================================================== keys */

static const struct keydef *jov_keymap(struct screen *s)
{
	(void)s;
	return jov_keys;
}

static int go(struct jov *j, enum list_move how, int dir)
{
	int before = j->list.cursor, top = j->list.top;

	list_move(&j->list, how);
	/* On a heading, step past it; at the very top stay put. */
	if (j->nrows && j->rows[j->list.cursor].move < 0) {
		if (how == LM_UP && j->list.cursor == 0) {
			j->list.cursor = before;
			j->list.top = 0;
		} else {
			cursor_fix(j, dir);
		}
	}
	return j->list.cursor != before || j->list.top != top ? TR_HANDLED | TR_REDRAW
							       : TR_HANDLED;
}

static int jov_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct jov *j = s->state;
	const struct jov_move *m = current(j);

	(void)key;
	switch (action) {
	case JV_UP:
		return go(j, LM_UP, -1);
	case JV_DOWN:
		return go(j, LM_DOWN, 1);
	case JV_PGUP:
		return go(j, LM_PGUP, -1);
	case JV_PGDN:
		return go(j, LM_PGDN, 1);
	case JV_HOME:
		return go(j, LM_HOME, 1);
	case JV_END:
		return go(j, LM_END, -1);
	case JV_MARK:
		if (m)
			ask_mark(j, t, m);
		return TR_HANDLED | TR_REDRAW;
	case JV_DOUBLE:
		return m ? TR_HANDLED | mark(j, t, m->pupil_id, JOV_DOUBLE, LEAVE_NONE)
			 : TR_HANDLED;
	case JV_SKIP:
		return m ? TR_HANDLED | mark(j, t, m->pupil_id, JOV_SKIP, LEAVE_NONE) : TR_HANDLED;
	case JV_NORMAL:
		return m ? TR_HANDLED | mark(j, t, m->pupil_id, JOV_NORMAL, LEAVE_NONE)
			 : TR_HANDLED;
	case JV_LEAVE:
		if (m)
			ask_dest(j, t, m);
		return TR_HANDLED | TR_REDRAW;
	case JV_GROUP:
		return ask_group(j, t);
	case JV_APPLY:
		return ask_apply(j, t);
	case JV_PREV_YEAR:
	case JV_NEXT_YEAR:
		if (j->school < 0)
			return TR_HANDLED;
		j->year += action == JV_NEXT_YEAR ? 1 : -1;
		free(j->note);
		j->note = NULL;
		free(j->result);
		j->result = NULL;
		j->list.cursor = j->list.top = 0;
		load(j, t, false);
		return TR_HANDLED | TR_REDRAW;
	case JV_SCHOOL:
		if (j->nschools > 1)
			ask_school(j, t);
		return TR_HANDLED | TR_REDRAW;
	default:
		return 0;
	}
}

const struct screen_ops jaarovergang_screen = {
	.name = "Jaarovergang",
	.state_size = sizeof(struct jov),
	.enter = jov_enter,
	.draw = jov_draw,
	.tables = jov_tables,
	.keymap = jov_keymap,
	.action = jov_action,
	.leave = jov_leave,
};
