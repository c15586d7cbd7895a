/* rowform.h - the form of the level, event and arrangement screens: labelled
 * rows that are either a one-line text field or a choice, some of them shown
 * only in some cases (the result of a toets), each with an optional message
 * under it and a hint for the line above the key bar. Part of src/tui; include
 * after tui_internal.h.
 *
 * struct form (form.c) holds text fields only; these screens also choose a
 * level, a kind or ja/nee, and fill some fields by themselves (the meeting the
 * model names for a step) until the user types in them, which is what the
 * extra bookkeeping here is for.
 */
#ifndef IBIS_TUI_ROWFORM_H
#define IBIS_TUI_ROWFORM_H

#include "tui_internal.h"

#include "ibis/levelmodel.h"
#include "ibis/records.h"

enum rf_kind { RF_TEXT, RF_CHOICE };

struct rf_row {
	const char *label;       /* a literal, not copied */
	enum rf_kind kind;
	bool required;           /* drawn with " *" */
	bool hidden;             /* not drawn, skipped by Tab */
	struct field field;      /* RF_TEXT */
	struct strlist choices;  /* RF_CHOICE: the labels shown */
	int choice;              /* RF_CHOICE: index in choices */
	char *initial;           /* the value at the start, to tell a change */
	/* The value the form last put in by itself (rf_prefill); NULL when
	 * none. While the text is still that, a new prefill replaces it. */
	char *prefill;
	char *message;           /* what is wrong, under the row; NULL when fine */
	const char *hint;        /* shown while focused (a literal), or NULL */
	char *hint_owned;        /* a hint made by the screen; wins over hint */
};

struct rowform {
	struct rf_row *rows;
	int n;
	int focus;
};

/* A form of n rows, each an empty text field until set up below. */
void rf_init(struct rowform *rf, int n);
void rf_free(struct rowform *rf);
/* Make row i a text field of at most max characters / a choice. */
void rf_text(struct rowform *rf, int i, const char *label, int max, bool required);
void rf_choice(struct rowform *rf, int i, const char *label, bool required);
void rf_add_choice(struct rowform *rf, int i, const char *label);

/* Replace the text of row i (NULL = empty), cursor at the end. */
void rf_set(struct rowform *rf, int i, const char *s);
/* The text of row i, trimmed. Caller frees. */
char *rf_get(const struct rowform *rf, int i);
/* The text of row i as it goes into a record: trimmed, NULL when empty.
 * Caller frees. */
char *rf_get_opt(const struct rowform *rf, int i);
/* True when row i holds no text (spaces only). */
bool rf_empty(const struct rowform *rf, int i);
/* Put s in row i when the user has not typed there: the text is empty and
 * nothing was prefilled yet, or it is still the previous prefill. s is
 * remembered as the prefill either way (NULL counts as ""). */
void rf_prefill(struct rowform *rf, int i, const char *s);
/* Remember s as what the form would put in row i, without putting it
 * there: a stored value being corrected is not replaced by the model's,
 * but follows it from then on when it is the same. */
void rf_prefill_seed(struct rowform *rf, int i, const char *s);
/* Remember every row's value as the one at the start. */
void rf_mark_initial(struct rowform *rf);
/* True when a row differs from its value at the start. */
bool rf_changed(const struct rowform *rf);
/* Set (s copied; NULL clears) the message under row i / every message. */
void rf_message(struct rowform *rf, int i, const char *s);
void rf_clear_messages(struct rowform *rf);
/* Set a hint of the screen's own for row i (copied; NULL: back to hint). */
void rf_hint(struct rowform *rf, int i, const char *s);
/* Show or hide row i; the focus leaves a row that is hidden. */
void rf_show(struct rowform *rf, int i, bool shown);
/* Focus row i (when shown). */
void rf_focus(struct rowform *rf, int i);

/* Parse row i as a date (dd-mm-jjjj or jjjj-mm-dd) into *out. An empty row
 * gives DATE_NONE and true unless required. On failure the row gets a Dutch
 * message naming its label and false is returned. */
bool rf_date(struct rowform *rf, int i, bool required, ibis_date *out);

/* The keys of these forms (a screen may have a table of its own with the
 * same actions). */
enum {
	RFA_SAVE = 1,
	RFA_CANCEL,
	RFA_NEXT,
	RFA_PREV,
	RFA_EDIT,
	RFA_PICK,
};
extern const struct keydef rowform_keys[];
/* screen_ops parts of a screen whose keys are rowform_keys alone. */
extern const struct keydef *const rowform_tables[];
const struct keydef *rf_keymap(struct screen *s);
/* screen_ops.typing of a form: what is typed goes into the focused row. */
bool rf_typing(struct screen *s);

/* Act on RFA_NEXT, RFA_PREV and RFA_EDIT (key is the key pressed): move the
 * focus, edit the text, or on a choice step through the choices with Left /
 * Right (Home / End: first / last). Returns FIELD_*. */
int rf_action(struct rowform *rf, int action, tkey key);
/* A typed character: into a text field; on a choice a letter picks the next
 * choice that starts with it, a space the next choice. Returns FIELD_*. */
int rf_input(struct rowform *rf, tkey key);
/* Open the picker over the choices of the focused row (title: its label);
 * on_pick gets ctx and the index chosen. Returns result flags; nothing
 * happens on a text row. */
int rf_pick(struct tui *t, struct rowform *rf,
	    int (*on_pick)(struct tui *t, void *ctx, int index), void *ctx);

/* The picker's answer for the focused choice row (rf_pick's on_pick):
 * choose index. False when it is no choice of the row or already chosen. */
bool rf_choose(struct rowform *rf, int index);

/* Draw the shown rows from row y, labels at x in label_cols columns, the
 * fields to the right edge less a margin; a message takes a line under its
 * row. Sets the tui cursor on the focused row. Returns the rows used. */
int rf_draw(struct tui *t, struct rowform *rf, int y, int x, int label_cols);
/* Why the last save was refused (notice, NULL: nothing), in full, under
 * row y from column x: at most three wrapped lines. Returns the row after
 * it (y when there is no notice). */
int rf_draw_notice(struct tui *t, const char *notice, int y, int x);
/* The focused row's hint on row y (dim), or nothing. */
void rf_draw_hint(struct tui *t, const struct rowform *rf, int y);

/* Esc: close at once when nothing changed, else ask "Weggooien? (j/n)"
 * first (self is closed on j). Returns result flags. */
int rf_cancel(struct tui *t, struct screen *self, bool changed);

/* The pupil a form is about: its natural name (caller frees) and, when
 * model is not NULL, the level model of its school (NULL when the school
 * names a model this installation does not have). Reports and returns
 * false when the pupil cannot be read. */
bool rf_pupil(struct tui *t, ibis_id pupil_id, char **name, const struct level_model **model);

/* A text of the model on one line: its lines joined with "; " and the
 * bullets ("• ") in front of them left off. NULL stays NULL. Caller frees. */
char *rf_one_line(const char *s);

#endif
