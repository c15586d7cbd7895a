/* planstatus.c - moving a plan to another status, in a box over the editor.
 *
 * The box lists the statuses the plan can go to, says which of them the
 * user's role may not choose and why, and under the chosen one what the
 * rules (plan_check) say against it: every missing legal part of an OPP,
 * the OOP longer than 8 weeks, a goal not yet evaluated. The move asks for
 * what it records (the parents' instemming, the evaluation's date and who
 * took part, the next evaluation date), and the checks are run again on the
 * plan as it would be with those values, after every key, so the user sees
 * a refusal go away as he types. The moved plan goes back to the editor
 * (done), which saves it with a snapshot.
 */
#include "tui_internal.h"
#include "rowform.h"

#include <stdlib.h>
#include <string.h>

#include "ibis/date.h"
#include "ibis/plandoc.h"
#include "ibis/planrules.h"
#include "ibis/plantemplate.h"
#include "ibis/records.h"

/* The fields a move may ask for; which are shown depends on the move. */
enum { R_AGREED, R_EVAL, R_EVALUATED, R_WITH, R_NEXT_EVAL, R_COUNT };

struct planstatus {
	struct screen *self;
	struct plan_doc doc;             /* the plan as the editor holds it */
	struct plan_context rules;
	int role;
	enum plan_status next[4];
	bool allowed[4];
	char *why[4];                    /* why the role may not; NULL when it may */
	int nnext;
	int sel;                         /* index in next */
	struct rowform rf;
	struct plan_issues issues;       /* of next[sel] with the values typed */
	int scroll;                      /* first line of the checks shown */
	int check_rows;                  /* rows the checks had at the last draw */
	char *notice;
	char *title;
	int (*done)(void *ctx, struct tui *t, const struct plan_doc *moved);
	void *ctx;
};

#define LABEL_COLS 24

static void set_notice(struct planstatus *f, const char *msg)
{
	free(f->notice);
	f->notice = msg ? xstrdup(msg) : NULL;
}

static enum plan_status chosen(const struct planstatus *f)
{
	return f->next[f->sel];
}

/* ================================================================= the move */

/* A date row as typed; DATE_NONE when empty or not (yet) a date. */
static ibis_date row_date(const struct planstatus *f, int i)
{
	char *s = rf_get(&f->rf, i);
	ibis_date d;

	if (!date_parse(s, &d))
		d = DATE_NONE;
	free(s);
	return d;
}

/* out (initialised) becomes the plan moved to the chosen status with the
 * values of the shown rows. */
static void build_moved(const struct planstatus *f, struct plan_doc *out)
{
	enum plan_status to = chosen(f);
	const struct rowform *rf = &f->rf;

	plandoc_copy(out, &f->doc);
	out->plan.status = to;
	if (!rf->rows[R_AGREED].hidden)
		out->plan.agreed = row_date(f, R_AGREED);
	if (!rf->rows[R_EVAL].hidden)
		out->plan.eval_date = row_date(f, R_EVAL);
	if (!rf->rows[R_NEXT_EVAL].hidden)
		out->plan.eval_date = row_date(f, R_NEXT_EVAL);
	if (!rf->rows[R_EVALUATED].hidden)
		out->plan.evaluated = row_date(f, R_EVALUATED);
	if (!rf->rows[R_WITH].hidden) {
		free(out->plan.evaluated_with);
		out->plan.evaluated_with = rf_get_opt(rf, R_WITH);
	}
}

/* The checks of the chosen move with the values as typed now. */
static void recheck(struct planstatus *f)
{
	struct plan_doc moved;

	plan_issues_free(&f->issues);
	memset(&f->issues, 0, sizeof(f->issues));
	plandoc_init(&moved);
	build_moved(f, &moved);
	plan_check(&f->rules, &moved, chosen(f), &f->issues);
	plandoc_free(&moved);
}

/* Show the rows the chosen move asks for, focus the first. */
static void shape(struct planstatus *f)
{
	enum plan_status to = chosen(f);
	bool again = to == PLAN_ACTIVE && f->doc.plan.status == PLAN_EVALUATED;
	bool activate = to == PLAN_ACTIVE && !again;
	const bool shown[R_COUNT] = {
		[R_AGREED] = activate && f->rules.t && f->rules.t->consent,
		[R_EVAL] = activate,
		[R_EVALUATED] = to == PLAN_EVALUATED,
		[R_WITH] = to == PLAN_EVALUATED,
		[R_NEXT_EVAL] = again,
	};

	f->rf.focus = 0;
	for (int i = 0; i < R_COUNT; i++)
		rf_show(&f->rf, i, shown[i]);
	for (int i = R_COUNT - 1; i >= 0; i--)
		if (shown[i])
			f->rf.focus = i;
	f->scroll = 0;
}

static bool any_row(const struct planstatus *f)
{
	for (int i = 0; i < R_COUNT; i++)
		if (!f->rf.rows[i].hidden)
			return true;
	return false;
}

/* ================================================================== enter */

static void build_rows(struct planstatus *f)
{
	struct rowform *rf = &f->rf;
	const struct plan_template *t = f->rules.t;
	ibis_date due, eval, today = date_today();
	char d[DATE_NL_LEN];

	rf_init(rf, R_COUNT);
	rf_text(rf, R_AGREED, "Instemming ouders op", 10, true);
	rf_text(rf, R_EVAL, "Evaluatie op", 10, false);
	rf_text(rf, R_EVALUATED, "Geëvalueerd op", 10, true);
	rf_text(rf, R_WITH, "Met", 200, false);
	rf_text(rf, R_NEXT_EVAL, "Volgende evaluatie", 10, false);
	rf->rows[R_AGREED].hint = "dd-mm-jjjj: de dag waarop de ouders instemden met het "
				  "handelingsdeel";
	rf->rows[R_EVAL].hint = "dd-mm-jjjj: wanneer het plan geëvalueerd wordt";
	rf->rows[R_EVALUATED].hint = "dd-mm-jjjj: de dag van de evaluatie";
	rf->rows[R_WITH].hint = "Wie meededen, bijvoorbeeld ouders, leerling, leerkracht";
	rf->rows[R_NEXT_EVAL].hint = "dd-mm-jjjj: de evaluatie van de nieuwe periode";

	plan_rule_dates(&f->rules, &f->doc, &due, &eval);
	rf_set(rf, R_AGREED, date_format_nl(f->doc.plan.agreed != DATE_NONE ? f->doc.plan.agreed
									     : today, d));
	rf_set(rf, R_EVAL, date_format_nl(f->doc.plan.eval_date != DATE_NONE ? f->doc.plan.eval_date
									       : eval, d));
	rf_set(rf, R_EVALUATED, date_format_nl(today, d));
	rf_set(rf, R_WITH, t && t->eval_with ? t->eval_with : f->doc.plan.evaluated_with);
	rf_set(rf, R_NEXT_EVAL, date_format_nl(eval, d));
}

static int planstatus_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct planstatus *f = s->state;
	const struct planstatus_arg *a = arg;

	f->self = s;
	f->done = a->done;
	f->ctx = a->ctx;
	f->role = a->role;
	f->rules = *a->rules;
	plandoc_init(&f->doc);
	plandoc_copy(&f->doc, a->doc);
	const struct plan_template *tp = f->rules.t;
	f->title = xasprintf("Status wijzigen - %s %s", tp && tp->short_name ? tp->short_name : "",
			     f->doc.plan.title ? f->doc.plan.title : "");
	if (tui_refuse_readonly(t))
		return TR_POP;

	f->nnext = plan_next_statuses(f->doc.plan.status, f->next);
	if (f->nnext == 0) {
		struct ibis_error err;
		ibis_fail(&err, IBIS_EINPUT, "Dit plan is %s; de status kan niet meer veranderen.",
			  plan_status_name(f->doc.plan.status));
		tui_report(t, &err);
		return TR_POP;
	}
	f->sel = -1;
	for (int i = 0; i < f->nnext; i++) {
		f->allowed[i] = plan_transition_ok((enum user_role)f->role, tp, f->doc.plan.status,
						   f->next[i], &f->why[i]);
		if (f->allowed[i] && f->sel < 0)
			f->sel = i;
	}
	if (f->sel < 0)
		f->sel = 0;
	build_rows(f);
	shape(f);
	recheck(f);
	return TR_REDRAW;
}

static void planstatus_leave(struct screen *s, struct tui *t)
{
	struct planstatus *f = s->state;

	(void)t;
	for (int i = 0; i < f->nnext; i++)
		free(f->why[i]);
	plan_issues_free(&f->issues);
	rf_free(&f->rf);
	plandoc_free(&f->doc);
	free(f->notice);
	free(f->title);
}

/* =================================================================== draw */

/* The checks as lines: "✗ text" / "! text", wrapped under themselves. */
static void check_lines(const struct planstatus *f, const struct tui *t, int width,
			struct strlist *lines, struct strlist *kinds)
{
	for (int i = 0; i < f->issues.n; i++) {
		const struct plan_issue *is = &f->issues.items[i];
		bool refuse = is->kind == PLAN_REFUSE;
		struct strlist wrapped = { 0 };
		text_wrap(is->text ? is->text : "", width - 2, &wrapped);
		for (size_t k = 0; k < wrapped.len; k++) {
			const char *mark = k ? "  " : refuse ? (t->utf8 ? "✗ " : "x ") : "! ";
			sl_addf(lines, "%s%s", mark, wrapped.items[k]);
			sl_add(kinds, refuse ? "r" : "w");
		}
		sl_free(&wrapped);
	}
}

static void planstatus_draw(struct screen *s, struct tui *t)
{
	struct planstatus *f = s->state;
	attr_t a = role_attr(t, ROLE_DIALOG);
	attr_t label = role_attr(t, ROLE_LABEL);
	int x = 2, width = COLS - 4;
	struct strlist lines = { 0 }, kinds = { 0 }, notice = { 0 };

	check_lines(f, t, width, &lines, &kinds);
	if (f->notice)
		text_wrap(f->notice, width, &notice);
	int nrows = 0;
	for (int i = 0; i < R_COUNT; i++)
		if (!f->rf.rows[i].hidden)
			nrows += 1 + (f->rf.rows[i].message != NULL);
	int nchecks = lines.len ? (int)lines.len : 1;
	/* Title border, Nu, blank, statuses, blank, rows and a blank, the
	 * checks' heading and lines, a blank, the notice, the hint, bottom
	 * border. */
	int fixed = 3 + f->nnext + 1 + (nrows ? nrows + 1 : 0) + 1 + 1 + (int)notice.len + 1 + 1;
	int maxh = LINES - 2;
	int h = fixed + nchecks < maxh ? fixed + nchecks : maxh;
	int avail = h - fixed;
	if (avail < 1)
		avail = 1;
	int y0 = 1;

	draw_box(t, y0, 0, h, COLS, a);
	draw_box_title(y0, 0, COLS, f->title, a);
	int y = y0 + 1;
	char *now = xasprintf("Nu: %s", plan_status_name(f->doc.plan.status));
	draw_text(y, x, width, now, a);
	free(now);
	y += 2;

	for (int i = 0; i < f->nnext; i++, y++) {
		bool sel = i == f->sel;
		attr_t ia = sel ? role_attr(t, ROLE_SELECTED) : f->allowed[i] ? a
										: a | A_DIM;
		char *line = f->allowed[i]
				     ? xstrdup(plan_status_name(f->next[i]))
				     : xasprintf("%s %s %s", plan_status_name(f->next[i]),
						 t->utf8 ? "—" : "-", f->why[i] ? f->why[i]
										: "niet toegestaan");
		if (sel)
			draw_fill(y, 1, COLS - 2, ia);
		draw_text(y, x, 2, sel ? (t->utf8 ? "▸" : ">") : " ", ia);
		draw_text(y, x + 2, width - 2, line, ia);
		free(line);
	}
	y++;

	if (nrows) {
		/* rf_draw keeps to the screen's rows; the box is cleared under it. */
		y += rf_draw(t, &f->rf, y, x, LABEL_COLS) + 1;
	}

	char *head = xasprintf("Controle voor %s:", plan_status_name(chosen(f)));
	draw_text(y++, x, width, head, label);
	free(head);
	f->check_rows = avail;
	if (f->scroll > (int)lines.len - avail)
		f->scroll = (int)lines.len - avail > 0 ? (int)lines.len - avail : 0;
	if (lines.len == 0) {
		draw_text(y, x, width, "Geen bezwaren.", a);
	} else {
		bool more = f->scroll + avail < (int)lines.len;
		for (int i = 0; i < avail && f->scroll + i < (int)lines.len; i++) {
			int k = f->scroll + i;
			if (more && i == avail - 1) {
				char *m = xasprintf("%s nog %d regels (PgDn)", t->utf8 ? "↓" : "v",
						    (int)lines.len - k);
				draw_text(y + i, x, width, m, a | A_DIM);
				free(m);
				break;
			}
			bool refuse = kinds.items[k][0] == 'r';
			draw_text(y + i, x, width, lines.items[k],
				  refuse ? role_attr(t, ROLE_ERROR) : a | A_DIM);
		}
	}
	y += avail + 1;

	for (size_t i = 0; i < notice.len && y < y0 + h - 2; i++)
		draw_text(y++, x, width, notice.items[i], role_attr(t, ROLE_OVERDUE));
	if (nrows) {
		const struct rf_row *r = &f->rf.rows[f->rf.focus];
		if (r->hint)
			draw_text(y0 + h - 2, x, width, r->hint, a | A_DIM);
	}
	sl_free(&lines);
	sl_free(&kinds);
	sl_free(&notice);
}

/* ==================================================================== keys */

enum {
	PS_OK = 1, PS_CANCEL, PS_UP, PS_DOWN, PS_NEXT_FIELD, PS_PREV_FIELD, PS_EDIT,
	PS_PGUP, PS_PGDN,
};

static const struct keydef planstatus_keys[] = {
	{ PS_OK, { TK_ENTER, TK_F(2), TK_CTRL('s') }, "Wijzigen",
	  "Het plan naar de gekozen status zetten, als de controle geen bezwaren meer heeft "
	  "(Enter, F2 of Ctrl-S)" },
	{ PS_CANCEL, { TK_ESC }, "Annuleren", "Terug naar het plan; de status blijft" },
	{ PS_UP, { TK_UP }, NULL, "De vorige status kiezen" },
	{ PS_DOWN, { TK_DOWN }, NULL, "De volgende status kiezen" },
	{ PS_NEXT_FIELD, { TK_TAB }, "Veld", "Naar het volgende veld van de wijziging" },
	{ PS_PREV_FIELD, { TK_BTAB }, NULL, "Naar het vorige veld van de wijziging" },
	{ PS_PGUP, { TK_PGUP }, NULL, "De controle omhoog schuiven" },
	{ PS_PGDN, { TK_PGDN }, NULL, "De controle omlaag schuiven (als die niet past)" },
	{ PS_EDIT, { TK_BACKSPACE, TK_DELETE, TK_LEFT, TK_RIGHT, TK_HOME, TK_END,
		     TK_CTRL('u'), TK_CTRL('w') }, NULL,
	  "Het veld bewerken (Ctrl-U wist alles voor de cursor, Ctrl-W een woord)" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const planstatus_tables[] = { planstatus_keys, NULL };

static const struct keydef *planstatus_keymap(struct screen *s)
{
	(void)s;
	return planstatus_keys;
}

static bool planstatus_typing(struct screen *s)
{
	return any_row(s->state);
}

static int after_change(struct planstatus *f, int focus, int r)
{
	if (r == FIELD_CHANGED) {
		rf_message(&f->rf, focus, NULL);
		set_notice(f, NULL);
		recheck(f);
	}
	return TR_HANDLED | TR_REDRAW;
}

static int planstatus_input(struct screen *s, struct tui *t, tkey key)
{
	struct planstatus *f = s->state;
	int focus = f->rf.focus;

	(void)t;
	return after_change(f, focus, rf_input(&f->rf, key));
}

static int confirm(struct planstatus *f, struct tui *t)
{
	enum plan_status to = chosen(f);
	bool dates_ok = true;
	ibis_date unused;

	set_notice(f, NULL);
	rf_clear_messages(&f->rf);
	if (!f->allowed[f->sel]) {
		char *msg = xasprintf("Kan niet naar %s: %s", plan_status_name(to),
				      f->why[f->sel] ? f->why[f->sel] : "niet toegestaan.");
		set_notice(f, msg);
		free(msg);
		return TR_HANDLED | TR_REDRAW;
	}
	for (int i = 0; i < R_COUNT; i++) {
		if (i == R_WITH || f->rf.rows[i].hidden)
			continue;
		if (!rf_date(&f->rf, i, false, &unused)) {
			if (dates_ok)
				rf_focus(&f->rf, i);
			dates_ok = false;
		}
	}
	if (!dates_ok) {
		set_notice(f, "Verbeter de datum.");
		return TR_HANDLED | TR_REDRAW;
	}
	recheck(f);
	int n = plan_issues_refusals(&f->issues);
	if (n > 0) {
		char *msg = n == 1 ? xasprintf("Kan niet naar %s: 1 punt ontbreekt.",
					       plan_status_name(to))
				   : xasprintf("Kan niet naar %s: %d punten ontbreken.",
					       plan_status_name(to), n);
		set_notice(f, msg);
		free(msg);
		f->scroll = 0;
		return TR_HANDLED | TR_REDRAW;
	}

	struct plan_doc moved;
	plandoc_init(&moved);
	build_moved(f, &moved);
	int flags = f->done ? f->done(f->ctx, t, &moved) : 0;
	plandoc_free(&moved);
	return flags | TR_HANDLED | TR_REDRAW | TR_POP;
}

static int planstatus_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct planstatus *f = s->state;
	int focus = f->rf.focus;

	switch (action) {
	case PS_OK:
		return confirm(f, t);
	case PS_CANCEL:
		return TR_HANDLED | TR_POP | TR_REDRAW;
	case PS_UP:
	case PS_DOWN: {
		int sel = f->sel + (action == PS_UP ? -1 : 1);
		if (sel < 0 || sel >= f->nnext)
			return TR_HANDLED;
		f->sel = sel;
		set_notice(f, NULL);
		rf_clear_messages(&f->rf);
		shape(f);
		recheck(f);
		return TR_HANDLED | TR_REDRAW;
	}
	case PS_PGUP:
	case PS_PGDN: {
		int page = f->check_rows > 2 ? f->check_rows - 1 : 1;
		f->scroll += action == PS_PGUP ? -page : page;
		if (f->scroll < 0)
			f->scroll = 0;
		return TR_HANDLED | TR_REDRAW;
	}
	case PS_NEXT_FIELD:
	case PS_PREV_FIELD:
		if (!any_row(f))
			return TR_HANDLED;
		return after_change(f, focus, rf_action(&f->rf, action == PS_NEXT_FIELD ? RFA_NEXT
											 : RFA_PREV,
							 key));
	case PS_EDIT:
		if (!any_row(f))
			return TR_HANDLED;
		return after_change(f, focus, rf_action(&f->rf, RFA_EDIT, key));
	default:
		return 0;
	}
}

const struct screen_ops planstatus_screen = {
	.name = "Status wijzigen",
	.flags = SCREEN_OVERLAY,
	.state_size = sizeof(struct planstatus),
	.enter = planstatus_enter,
	.draw = planstatus_draw,
	.tables = planstatus_tables,
	.keymap = planstatus_keymap,
	.action = planstatus_action,
	.typing = planstatus_typing,
	.input = planstatus_input,
	.leave = planstatus_leave,
};
