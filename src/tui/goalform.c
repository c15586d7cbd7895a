/* goalform.c - one SMARTI goal of a plan: its ontwikkelingsgebied, term,
 * target date, text, and at the evaluation its result with what was found.
 *
 * The form hands the goal back to the plan editor (done) rather than saving
 * it: the goal is part of the plan document, saved with the rest of it. A
 * long-term goal runs to the end of the school year, so choosing "lange
 * termijn" puts 31-07 in Streefdatum until the user types a date there.
 */
#include "tui_internal.h"
#include "rowform.h"

#include <stdlib.h>
#include <string.h>

#include "ibis/app.h"
#include "ibis/basis.h"
#include "ibis/date.h"
#include "ibis/domain.h"
#include "ibis/records.h"

enum { R_AREA, R_TERM, R_TARGET, R_TEXT, R_RESULT, R_EVAL, R_COUNT };

enum { TERM_SHORT, TERM_LONG };

struct goalform {
	struct screen *self;
	struct goal goal;           /* the goal as given (ids, version kept) */
	const struct basis_grid *areas;
	ibis_date default_target;   /* a short-term goal's target: the plan's end */
	ibis_date year_end;         /* a long-term goal's: 31-07 of its school year */
	int (*done)(void *ctx, struct tui *t, const struct goal *g);
	void *ctx;
	struct rowform rf;
	char *notice;               /* why the last save was refused */
	char *title;
	bool evaluate;              /* opened to evaluate the goal */
	bool editing;               /* a goal was given (not a new one) */
};

#define LABEL_COLS 14

static void set_notice(struct goalform *f, const char *msg)
{
	free(f->notice);
	f->notice = msg ? xstrdup(msg) : NULL;
}

/* The target the form would put in for the chosen term; "" when none. */
static const char *term_target(const struct goalform *f, char buf[DATE_NL_LEN])
{
	ibis_date d = f->rf.rows[R_TERM].choice == TERM_LONG ? f->year_end : f->default_target;

	return date_format_nl(d, buf);
}

/* The evaluation is asked for as soon as there is a result. */
static void shape(struct goalform *f)
{
	f->rf.rows[R_EVAL].required = f->rf.rows[R_RESULT].choice != GOAL_OPEN;
}

/* ================================================================== enter */

static void build_rows(struct goalform *f)
{
	struct rowform *rf = &f->rf;

	rf_init(rf, R_COUNT);
	rf_choice(rf, R_AREA, "Gebied", false);
	rf_add_choice(rf, R_AREA, "geen");
	for (int i = 0; f->areas && i < f->areas->nareas; i++)
		rf_add_choice(rf, R_AREA, f->areas->areas[i].name);
	rf_choice(rf, R_TERM, "Termijn", false);
	rf_add_choice(rf, R_TERM, "korte termijn");
	rf_add_choice(rf, R_TERM, "lange termijn (einde schooljaar)");
	rf_text(rf, R_TARGET, "Streefdatum", 10, false);
	rf_text(rf, R_TEXT, "Doel", 2000, true);
	rf_choice(rf, R_RESULT, "Resultaat", false);
	for (int r = GOAL_OPEN; r <= GOAL_NOT_MET; r++)
		rf_add_choice(rf, R_RESULT, goal_result_name((enum goal_result)r));
	rf_text(rf, R_EVAL, "Evaluatie", 2000, false);

	rf->rows[R_AREA].hint = "Het ontwikkelingsgebied waarop het doel zich richt";
	rf->rows[R_TERM].hint = "Een tussendoel, of een doel voor het einde van het schooljaar";
	rf->rows[R_TARGET].hint = "dd-mm-jjjj: wanneer het doel bereikt moet zijn";
	rf->rows[R_TEXT].hint = "SMARTI: specifiek, meetbaar, acceptabel, realistisch, "
				"tijdgebonden, inspirerend";
	rf->rows[R_RESULT].hint = "Bij de evaluatie: behaald, deels behaald of niet behaald";
	rf->rows[R_EVAL].hint = "Wat bereikt is en wat werkte; verplicht zodra er een resultaat is";
}

/* The choice index of area number n (0: "geen"). */
static int area_index(const struct goalform *f, int n)
{
	for (int i = 0; n > 0 && f->areas && i < f->areas->nareas; i++)
		if (f->areas->areas[i].number == n)
			return i + 1;
	return 0;
}

static int goalform_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct goalform *f = s->state;
	const struct goalform_arg *a = arg;
	char d[DATE_NL_LEN];

	f->self = s;
	f->done = a->done;
	f->ctx = a->ctx;
	f->evaluate = a->evaluate;
	f->editing = a->goal != NULL;
	f->areas = t->app ? &t->app->dom.basis : NULL;
	f->default_target = a->default_target;
	/* The school year the plan runs in: its end when known, else now. */
	ibis_date in_year = a->default_target != DATE_NONE ? a->default_target : date_today();
	f->year_end = schoolyear_end(schoolyear_of(in_year));
	f->goal.target = DATE_NONE;
	if (a->goal) {
		f->goal = *a->goal;
		f->goal.text = xstrdup(a->goal->text);
		f->goal.evaluation = xstrdup(a->goal->evaluation);
	}

	build_rows(f);
	struct rowform *rf = &f->rf;
	if (a->goal) {
		rf->rows[R_AREA].choice = area_index(f, f->goal.area);
		rf->rows[R_TERM].choice = f->goal.long_term ? TERM_LONG : TERM_SHORT;
		rf_set(rf, R_TARGET, date_format_nl(f->goal.target, d));
		/* A stored target that is what the term gives follows the term
		 * when it changes; one typed by hand stays. */
		rf_prefill_seed(rf, R_TARGET, term_target(f, d));
		rf_set(rf, R_TEXT, f->goal.text);
		int r = (int)f->goal.result;
		rf->rows[R_RESULT].choice = r >= GOAL_OPEN && r <= GOAL_NOT_MET ? r : GOAL_OPEN;
		rf_set(rf, R_EVAL, f->goal.evaluation);
	} else {
		rf_prefill(rf, R_TARGET, term_target(f, d));
	}
	shape(f);
	rf->focus = a->evaluate ? R_RESULT : a->goal ? R_TEXT : R_AREA;
	rf_mark_initial(rf);
	f->title = xasprintf("ibis — %s", a->title && a->title[0] ? a->title : "Doel");
	return TR_REDRAW;
}

static void goalform_leave(struct screen *s, struct tui *t)
{
	struct goalform *f = s->state;

	(void)t;
	rf_free(&f->rf);
	goal_clear(&f->goal);
	free(f->notice);
	free(f->title);
}

/* =================================================================== draw */

static void goalform_draw(struct screen *s, struct tui *t)
{
	struct goalform *f = s->state;
	int y = draw_header(t, f->title, f->evaluate ? "evalueren" : f->editing ? "bewerken"
									: "nieuw doel");
	int x = 2;

	y = rf_draw_notice(t, f->notice, y, x) + 1;
	rf_draw(t, &f->rf, y, x, LABEL_COLS);
	draw_text(LINES - 3, x, COLS - 2 * x,
		  "* verplicht · Enter op het laatste veld of F2 neemt het doel over",
		  role_attr(t, ROLE_DIM));
	rf_draw_hint(t, &f->rf, LINES - 2);
}

/* ================================================================== check */

/* Check row i when the focus leaves it (or at the save): the message goes
 * under the row. Returns false when the row is wrong. */
static bool check_row(struct goalform *f, int i)
{
	ibis_date d;

	switch (i) {
	case R_TARGET:
		return rf_date(&f->rf, R_TARGET, false, &d);
	case R_TEXT:
		if (rf_empty(&f->rf, R_TEXT)) {
			rf_message(&f->rf, R_TEXT, "Vul het doel in: wat de leerling dan kan.");
			return false;
		}
		return true;
	case R_EVAL:
		if (f->rf.rows[R_EVAL].required && rf_empty(&f->rf, R_EVAL)) {
			rf_message(&f->rf, R_EVAL,
				   "Vul de evaluatie in: bij een resultaat hoort wat er bereikt is.");
			return false;
		}
		return true;
	default:
		return true;
	}
}

static int save(struct goalform *f, struct tui *t)
{
	int bad = -1;

	rf_clear_messages(&f->rf);
	set_notice(f, NULL);
	for (int i = 0; i < R_COUNT; i++)
		if (!check_row(f, i) && bad < 0)
			bad = i;
	if (bad >= 0) {
		rf_focus(&f->rf, bad);
		set_notice(f, "Niet overgenomen: verbeter wat onder de velden staat.");
		return TR_HANDLED | TR_REDRAW;
	}

	struct goal g = f->goal;
	int ai = f->rf.rows[R_AREA].choice;
	g.area = ai > 0 && f->areas && ai <= f->areas->nareas ? f->areas->areas[ai - 1].number : 0;
	g.long_term = f->rf.rows[R_TERM].choice == TERM_LONG;
	rf_date(&f->rf, R_TARGET, false, &g.target);
	g.text = rf_get_opt(&f->rf, R_TEXT);
	g.result = (enum goal_result)f->rf.rows[R_RESULT].choice;
	g.evaluation = rf_get_opt(&f->rf, R_EVAL);
	int flags = f->done ? f->done(f->ctx, t, &g) : 0;
	free(g.text);
	free(g.evaluation);
	return flags | TR_HANDLED | TR_REDRAW | TR_POP;
}

/* ==================================================================== keys */

/* After a change of row focus: the term moves the target while it was not
 * typed in, a result asks for the evaluation. */
static int after_key(struct goalform *f, int focus, int r)
{
	char d[DATE_NL_LEN];

	if (r == FIELD_CHANGED) {
		rf_message(&f->rf, focus, NULL);
		set_notice(f, NULL);
		if (focus == R_TERM)
			rf_prefill(&f->rf, R_TARGET, term_target(f, d));
		if (focus == R_RESULT) {
			shape(f);
			if (!f->rf.rows[R_EVAL].required)
				rf_message(&f->rf, R_EVAL, NULL);
		}
	} else if (r == FIELD_MOVED && f->rf.focus != focus) {
		rf_message(&f->rf, focus, NULL);
		check_row(f, focus);
	}
	return TR_HANDLED | TR_REDRAW;
}

static int goalform_input(struct screen *s, struct tui *t, tkey key)
{
	struct goalform *f = s->state;
	int focus = f->rf.focus;

	(void)t;
	return after_key(f, focus, rf_input(&f->rf, key));
}

static int picked(struct tui *t, void *ctx, int index)
{
	struct goalform *f = ctx;

	(void)t;
	if (rf_choose(&f->rf, index))
		after_key(f, f->rf.focus, FIELD_CHANGED);
	return TR_REDRAW;
}

/* The last row shown: Enter there takes the goal. */
static int last_row(const struct rowform *rf)
{
	for (int i = rf->n - 1; i > 0; i--)
		if (!rf->rows[i].hidden)
			return i;
	return 0;
}

static int goalform_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct goalform *f = s->state;
	int focus = f->rf.focus;

	switch (action) {
	case RFA_SAVE:
		return save(f, t);
	case RFA_CANCEL:
		return rf_cancel(t, f->self, rf_changed(&f->rf));
	case RFA_PICK:
		return rf_pick(t, &f->rf, picked, f);
	case RFA_NEXT:
		if (key == TK_ENTER && focus == last_row(&f->rf))
			return save(f, t);
		return after_key(f, focus, rf_action(&f->rf, action, key));
	case RFA_PREV:
	case RFA_EDIT:
		return after_key(f, focus, rf_action(&f->rf, action, key));
	default:
		return 0;
	}
}

const struct screen_ops goalform_screen = {
	.name = "Doel",
	.state_size = sizeof(struct goalform),
	.enter = goalform_enter,
	.draw = goalform_draw,
	.tables = rowform_tables,
	.keymap = rf_keymap,
	.action = goalform_action,
	.typing = rf_typing,
	.input = goalform_input,
	.leave = goalform_leave,
};
