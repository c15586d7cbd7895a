/* eventform.c - adding to a pupil's timeline: an event (an observation, a
 * toets with its structured result, a conversation, a note, an external
 * contact) and an arrangement (TLV or onderwijsarrangement).
 *
 * Both forms keep what was typed when a save is refused: a date that does
 * not exist, a required field left empty, a TLV longer than the model
 * allows. The toets rows show only while the kind is toets, since the
 * database keeps a result for a toets only.
 */
#include "tui_internal.h"
#include "rowform.h"

#include <stdlib.h>
#include <string.h>

#include "ibis/app.h"
#include "ibis/date.h"
#include "ibis/db_arrangement.h"
#include "ibis/db_event.h"
#include "ibis/levelrules.h"
#include "ibis/records.h"

/* What both forms hold besides their rows. */
struct entry {
	struct screen *self;
	ibis_id pupil_id;
	char *name;
	const struct level_model *model; /* the school's; NULL when not installed */
	struct rowform rf;
	char *notice;
	char *title;
	/* The form's own parts: how the rows change when the row at focus
	 * changed (a toets shows its result rows; a TLV's kind or start moves
	 * its end), and the save. */
	void (*reshape)(struct entry *e, int focus);
	int (*save)(struct entry *e, struct tui *t);
};

#define LABEL_COLS 16

static void set_notice(struct entry *e, const char *msg)
{
	free(e->notice);
	e->notice = msg ? xstrdup(msg) : NULL;
}

/* What both forms do first: nrows empty rows, the database writable, the
 * pupil (arg: const ibis_id *) and, when want_model, the school's level
 * model found. False when the form cannot open (it has said why). */
static bool entry_start(struct entry *e, struct screen *s, struct tui *t, const void *arg,
			int nrows, bool want_model)
{
	e->self = s;
	rf_init(&e->rf, nrows);
	if (tui_refuse_readonly(t))
		return false;
	e->pupil_id = *(const ibis_id *)arg;
	return rf_pupil(t, e->pupil_id, &e->name, want_model ? &e->model : NULL);
}

static void entry_free(struct entry *e)
{
	rf_free(&e->rf);
	free(e->notice);
	free(e->name);
	free(e->title);
}

static void entry_draw(struct entry *e, struct tui *t)
{
	int y = draw_header(t, e->title, NULL);
	int x = 2;

	/* Why the last save was refused, in full: the rows move down for it. */
	y = rf_draw_notice(t, e->notice, y, x) + 1;
	rf_draw(t, &e->rf, y, x, LABEL_COLS);
	draw_text(LINES - 3, x, COLS - 2 * x, "* verplicht", role_attr(t, ROLE_DIM));
	rf_draw_hint(t, &e->rf, LINES - 2);
}

/* A database refusal of the value (IBIS_EINPUT) lands in the notice; any
 * other failure is reported as well. The form stays either way. */
static void report_failure(struct entry *e, struct tui *t, const struct ibis_error *err)
{
	if (err->status == IBIS_EINPUT) {
		char *msg = xasprintf("Niet opgeslagen: %s", err->message);
		set_notice(e, msg);
		free(msg);
		return;
	}
	set_notice(e, "Niet opgeslagen: de database gaf een fout (zie de melding). Uw invoer "
		      "staat er nog.");
	tui_report(t, err);
}

/* ================================================================= events */

enum {
	E_DATE,
	E_KIND,
	E_TOETS,
	E_VAKGEBIED,
	E_MOMENT,
	E_SCORE,
	E_NIVEAU,
	E_AUTHOR,
	E_TEXT,
	E_RESTRICTED,
	E_COUNT
};

/* The kinds an IB'er adds by hand; "bespreking" comes from meetings. */
static const char *const event_kinds[] = {
	"observatie", "toets", "oudergesprek", "kindgesprek", "notitie", "extern",
};
#define KIND_TOETS 1

/* Index 0 is "geen"; the others as the database stores them. */
static const char *const toets_levels[] = {
	"geen", "I", "II", "III", "IV", "V", "A", "B", "C", "D", "E",
};

static bool is_toets(const struct entry *e)
{
	return e->rf.rows[E_KIND].choice == KIND_TOETS;
}

/* The toets rows show for a toets only; a toets needs its name rather than
 * a text (its result says what happened). */
static void event_shape(struct entry *e)
{
	bool toets = is_toets(e);

	for (int i = E_TOETS; i <= E_NIVEAU; i++)
		rf_show(&e->rf, i, toets);
	e->rf.rows[E_TEXT].required = !toets;
	e->rf.rows[E_TEXT].hint = toets ? "Wat opviel (niet verplicht bij een toets)"
					: "Wat er gebeurde of besproken is";
}

static int save_event(struct entry *e, struct tui *t);

static void event_reshape(struct entry *e, int focus)
{
	if (focus == E_KIND)
		event_shape(e);
}

static int eventform_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct entry *e = s->state;
	struct rowform *rf = &e->rf;
	char d[DATE_NL_LEN];

	if (!entry_start(e, s, t, arg, E_COUNT, false))
		return TR_POP;
	e->reshape = event_reshape;
	e->save = save_event;

	rf_text(rf, E_DATE, "Datum", 10, true);
	rf_choice(rf, E_KIND, "Soort", true);
	for (size_t i = 0; i < ARRAY_LEN(event_kinds); i++)
		rf_add_choice(rf, E_KIND, event_kinds[i]);
	rf_text(rf, E_TOETS, "Toets", 80, true);
	rf_text(rf, E_VAKGEBIED, "Vakgebied", 60, false);
	rf_text(rf, E_MOMENT, "Moment", 12, false);
	rf_text(rf, E_SCORE, "Score", 40, false);
	rf_choice(rf, E_NIVEAU, "Niveau", false);
	for (size_t i = 0; i < ARRAY_LEN(toets_levels); i++)
		rf_add_choice(rf, E_NIVEAU, toets_levels[i]);
	rf_text(rf, E_AUTHOR, "Auteur", 80, false);
	rf_text(rf, E_TEXT, "Tekst", 2000, true);
	rf_choice(rf, E_RESTRICTED, "Vertrouwelijk", false);
	rf_add_choice(rf, E_RESTRICTED, "nee");
	rf_add_choice(rf, E_RESTRICTED, "ja");

	rf->rows[E_DATE].hint = "dd-mm-jjjj (standaard vandaag)";
	rf->rows[E_TOETS].hint = "De naam van de toets, bijv. Cito LVS, DMT, AVI";
	rf->rows[E_VAKGEBIED].hint = "Bijv. rekenen-wiskunde, begrijpend lezen, spelling";
	rf->rows[E_MOMENT].hint = "Het afnamemoment, bijv. M5 (midden groep 5) of E5 (eind)";
	rf->rows[E_SCORE].hint = "Zoals de toets hem geeft, bijv. 42 of 112 (vs)";
	rf->rows[E_NIVEAU].hint = "I-V of A-E, of geen; typen kiest ook";
	rf->rows[E_AUTHOR].hint = "Wie het vastlegt";
	rf->rows[E_RESTRICTED].hint = "ja: medisch of veiligheid, alleen IB en beheer zien het";
	rf_set(rf, E_DATE, date_format_nl(date_today(), d));
	rf_set(rf, E_AUTHOR, t->app->user);
	event_shape(e);
	rf->focus = E_DATE;
	rf_mark_initial(rf);
	e->title = xasprintf("ibis — Nieuwe gebeurtenis · %s", e->name);
	return TR_REDRAW;
}

static void entry_leave(struct screen *s, struct tui *t)
{
	(void)t;
	entry_free(s->state);
}

static void eventform_draw(struct screen *s, struct tui *t)
{
	entry_draw(s->state, t);
}

static int save_event(struct entry *e, struct tui *t)
{
	struct rowform *rf = &e->rf;
	struct event ev = { 0 };
	struct ibis_error err;
	ibis_date date;
	int bad = -1;

	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	rf_clear_messages(rf);
	set_notice(e, NULL);
	if (!rf_date(rf, E_DATE, true, &date))
		bad = E_DATE;
	if (is_toets(e) && rf_empty(rf, E_TOETS)) {
		rf_message(rf, E_TOETS, "Vul in welke toets het was.");
		if (bad < 0)
			bad = E_TOETS;
	}
	if (!is_toets(e) && rf_empty(rf, E_TEXT)) {
		rf_message(rf, E_TEXT, "Vul de tekst in: wat er gebeurde of besproken is.");
		if (bad < 0)
			bad = E_TEXT;
	}
	if (bad >= 0) {
		rf_focus(rf, bad);
		set_notice(e, "Niet opgeslagen: verbeter wat onder de velden staat.");
		return TR_HANDLED | TR_REDRAW;
	}

	ev.pupil_id = e->pupil_id;
	ev.kind = xstrdup(event_kinds[rf->rows[E_KIND].choice]);
	ev.date = date;
	ev.author = rf_get_opt(&e->rf, E_AUTHOR);
	ev.text = rf_get_opt(&e->rf, E_TEXT);
	ev.restricted = rf->rows[E_RESTRICTED].choice == 1;
	if (is_toets(e)) {
		ev.toets = rf_get_opt(&e->rf, E_TOETS);
		ev.vakgebied = rf_get_opt(&e->rf, E_VAKGEBIED);
		ev.moment = rf_get_opt(&e->rf, E_MOMENT);
		ev.score = rf_get_opt(&e->rf, E_SCORE);
		int lv = rf->rows[E_NIVEAU].choice;
		ev.niveau = lv > 0 ? xstrdup(toets_levels[lv]) : NULL;
	}
	enum ibis_status st = db_event_insert(t->app->db, &ev, &err);
	event_clear(&ev);
	if (st != IBIS_OK) {
		report_failure(e, t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	t->changes++;
	t->saved_pupil = e->pupil_id;
	return TR_HANDLED | TR_REDRAW | TR_POP;
}

static int after_key(struct entry *e, int focus, int r)
{
	if (r == FIELD_CHANGED) {
		rf_message(&e->rf, focus, NULL);
		e->reshape(e, focus);
	}
	return TR_HANDLED | TR_REDRAW;
}

static int entry_input(struct screen *s, struct tui *t, tkey key)
{
	struct entry *e = s->state;
	int focus = e->rf.focus;

	(void)t;
	return after_key(e, focus, rf_input(&e->rf, key));
}

static int picked_choice(struct tui *t, void *ctx, int index)
{
	struct entry *e = ctx;

	(void)t;
	if (rf_choose(&e->rf, index))
		after_key(e, e->rf.focus, FIELD_CHANGED);
	return TR_REDRAW;
}

static int entry_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct entry *e = s->state;
	int focus = e->rf.focus;

	switch (action) {
	case RFA_SAVE:
		return e->save(e, t);
	case RFA_CANCEL:
		return rf_cancel(t, e->self, rf_changed(&e->rf));
	case RFA_PICK:
		return rf_pick(t, &e->rf, picked_choice, e);
	case RFA_NEXT:
	case RFA_PREV:
	case RFA_EDIT:
		return after_key(e, focus, rf_action(&e->rf, action, key));
	default:
		return 0;
	}
}

const struct screen_ops eventform_screen = {
	.name = "Gebeurtenis",
	.state_size = sizeof(struct entry),
	.enter = eventform_enter,
	.draw = eventform_draw,
	.tables = rowform_tables,
	.keymap = rf_keymap,
	.action = entry_action,
	.typing = rf_typing,
	.input = entry_input,
	.leave = entry_leave,
};

/* =========================================================== arrangements */

enum { A_KIND, A_START, A_END, A_DESCRIPTION, A_REFERENCE, A_COUNT };

static enum arrangement_kind chosen_kind(const struct entry *e)
{
	return e->rf.rows[A_KIND].choice == 0 ? ARRANGEMENT_TLV : ARRANGEMENT_ONDERWIJS;
}

/* The end date follows the kind and the start until the user types in it:
 * a TLV under a model with a longest term ends at start + that term, an
 * onderwijsarrangement has no end unless one is given. */
static void arrangement_shape(struct entry *e)
{
	struct rowform *rf = &e->rf;
	struct arrangement a = { 0 };
	ibis_date start, end = DATE_NONE;
	char d[DATE_NL_LEN];
	char *s = rf_get(rf, A_START);

	a.pupil_id = e->pupil_id;
	a.kind = chosen_kind(e);
	a.end = DATE_NONE;
	if (date_parse(s, &start) && a.kind == ARRANGEMENT_TLV && e->model) {
		a.start = start;
		free(arrangement_check(e->model, &a, &end));
	}
	free(s);
	rf_prefill(rf, A_END, end != DATE_NONE ? date_format_nl(end, d) : "");

	int years = e->model ? e->model->rules.tlv_max_years : 0;
	char *hint;
	if (a.kind == ARRANGEMENT_TLV && years > 0)
		hint = xasprintf("dd-mm-jjjj; een TLV geldt in dit model ten hoogste %d jaar na de "
				 "begindatum", years);
	else if (a.kind == ARRANGEMENT_TLV)
		hint = xstrdup("dd-mm-jjjj, of leeg als de TLV geen einddatum heeft");
	else
		hint = xstrdup("dd-mm-jjjj, of leeg: een onderwijsarrangement zonder einddatum");
	rf_hint(rf, A_END, hint);
	free(hint);
	rf->rows[A_END].required = a.kind == ARRANGEMENT_TLV && years > 0;
}

static int save_arrangement(struct entry *e, struct tui *t);

static void arrangement_reshape(struct entry *e, int focus)
{
	if (focus == A_KIND || focus == A_START)
		arrangement_shape(e);
}

static int arrangementform_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct entry *e = s->state;
	struct rowform *rf = &e->rf;
	char d[DATE_NL_LEN];

	if (!entry_start(e, s, t, arg, A_COUNT, true))
		return TR_POP;
	e->reshape = arrangement_reshape;
	e->save = save_arrangement;

	rf_choice(rf, A_KIND, "Soort", true);
	rf_add_choice(rf, A_KIND, arrangement_kind_label(ARRANGEMENT_TLV));
	rf_add_choice(rf, A_KIND, arrangement_kind_label(ARRANGEMENT_ONDERWIJS));
	rf_text(rf, A_START, "Begindatum", 10, true);
	rf_text(rf, A_END, "Einddatum", 10, false);
	rf_text(rf, A_DESCRIPTION, "Omschrijving", 500, false);
	rf_text(rf, A_REFERENCE, "Kenmerk", 80, false);
	rf->rows[A_KIND].hint = "TLV (toelaatbaarheidsverklaring) of onderwijsarrangement";
	rf->rows[A_START].hint = "dd-mm-jjjj (standaard vandaag)";
	rf->rows[A_DESCRIPTION].hint = "Wat het arrangement inhoudt, bijv. SBO, SO cluster 4, "
				       "ambulante begeleiding";
	rf->rows[A_REFERENCE].hint = "Het kenmerk van het besluit van het samenwerkingsverband";
	rf_set(rf, A_START, date_format_nl(date_today(), d));
	arrangement_shape(e);
	rf->focus = A_KIND;
	rf_mark_initial(rf);
	e->title = xasprintf("ibis — Nieuw arrangement · %s", e->name);
	return TR_REDRAW;
}

static void arrangementform_draw(struct screen *s, struct tui *t)
{
	entry_draw(s->state, t);
}

static int save_arrangement(struct entry *e, struct tui *t)
{
	struct rowform *rf = &e->rf;
	struct arrangement a = { 0 };
	struct ibis_error err;
	ibis_date start, end, def = DATE_NONE;

	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	rf_clear_messages(rf);
	set_notice(e, NULL);
	bool ok_start = rf_date(rf, A_START, true, &start);
	bool ok_end = rf_date(rf, A_END, false, &end);
	if (!ok_start || !ok_end) {
		rf_focus(rf, ok_start ? A_END : A_START);
		set_notice(e, "Niet opgeslagen: verbeter de datum.");
		return TR_HANDLED | TR_REDRAW;
	}

	a.pupil_id = e->pupil_id;
	a.kind = chosen_kind(e);
	a.start = start;
	a.end = end;
	a.description = rf_get_opt(&e->rf, A_DESCRIPTION);
	a.reference = rf_get_opt(&e->rf, A_REFERENCE);
	char *refusal = NULL;
	if (e->model)
		refusal = arrangement_check(e->model, &a, &def);
	else if (end != DATE_NONE && end < start)
		refusal = xstrdup("De einddatum ligt voor de begindatum.");
	if (refusal) {
		char *msg = xasprintf("Niet opgeslagen: %s", refusal);
		set_notice(e, msg);
		rf_focus(rf, A_END);
		free(msg);
		free(refusal);
		arrangement_clear(&a);
		return TR_HANDLED | TR_REDRAW;
	}
	enum ibis_status st = db_arrangement_insert(t->app->db, &a, &err);
	arrangement_clear(&a);
	if (st != IBIS_OK) {
		report_failure(e, t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	t->changes++;
	t->saved_pupil = e->pupil_id;
	return TR_HANDLED | TR_REDRAW | TR_POP;
}

const struct screen_ops arrangementform_screen = {
	.name = "Arrangement",
	.state_size = sizeof(struct entry),
	.enter = arrangementform_enter,
	.draw = arrangementform_draw,
	.tables = rowform_tables,
	.keymap = rf_keymap,
	.action = entry_action,
	.typing = rf_typing,
	.input = entry_input,
	.leave = entry_leave,
};
