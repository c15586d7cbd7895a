/* rowform.c - labelled rows of text fields and choices for the level, event
 * and arrangement forms (see rowform.h for why not struct form). */
#include "tui_internal.h"
#include "rowform.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ibis/app.h"
#include "ibis/date.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/domain.h"
#include "ibis/pupilcheck.h"
#include "ibis/text.h"

/* ================================================================== rows */

void rf_init(struct rowform *rf, int n)
{
	rf->rows = xcalloc((size_t)(n > 0 ? n : 1), sizeof(*rf->rows));
	rf->n = n;
	rf->focus = 0;
	for (int i = 0; i < n; i++) {
		rf->rows[i].kind = RF_TEXT;
		rf->rows[i].label = "";
		field_init(&rf->rows[i].field, 1);
	}
}

void rf_free(struct rowform *rf)
{
	for (int i = 0; i < rf->n; i++) {
		struct rf_row *r = &rf->rows[i];
		field_free(&r->field);
		sl_free(&r->choices);
		free(r->initial);
		free(r->prefill);
		free(r->message);
		free(r->hint_owned);
	}
	free(rf->rows);
	memset(rf, 0, sizeof(*rf));
}

void rf_text(struct rowform *rf, int i, const char *label, int max, bool required)
{
	struct rf_row *r = &rf->rows[i];

	field_free(&r->field);
	field_init(&r->field, max);
	r->kind = RF_TEXT;
	r->label = label;
	r->required = required;
}

void rf_choice(struct rowform *rf, int i, const char *label, bool required)
{
	struct rf_row *r = &rf->rows[i];

	r->kind = RF_CHOICE;
	r->label = label;
	r->required = required;
	r->choice = 0;
}

void rf_add_choice(struct rowform *rf, int i, const char *label)
{
	sl_add(&rf->rows[i].choices, label ? label : "");
}

void rf_set(struct rowform *rf, int i, const char *s)
{
	field_set(&rf->rows[i].field, s);
}

char *rf_get(const struct rowform *rf, int i)
{
	char *raw = field_get(&rf->rows[i].field);
	char *s = str_trim(raw);

	free(raw);
	return s;
}

char *rf_get_opt(const struct rowform *rf, int i)
{
	char *s = rf_get(rf, i);

	if (!s[0]) {
		free(s);
		return NULL;
	}
	return s;
}

bool rf_empty(const struct rowform *rf, int i)
{
	char *s = rf_get(rf, i);
	bool empty = !s[0];

	free(s);
	return empty;
}

/* The value of a row as text: what a text field holds (untrimmed, so that a
 * typed space counts as a change), a choice's index. */
static char *row_value(const struct rf_row *r)
{
	if (r->kind == RF_CHOICE)
		return xasprintf("%d", r->choice);
	return field_get(&r->field);
}

void rf_prefill(struct rowform *rf, int i, const char *s)
{
	struct rf_row *r = &rf->rows[i];
	char *now = field_get(&r->field);
	const char *want = s ? s : "";

	if (r->prefill ? strcmp(now, r->prefill) == 0 : now[0] == '\0') {
		if (strcmp(now, want) != 0)
			field_set(&r->field, want);
	}
	free(now);
	free(r->prefill);
	r->prefill = xstrdup(want);
}

void rf_prefill_seed(struct rowform *rf, int i, const char *s)
{
	free(rf->rows[i].prefill);
	rf->rows[i].prefill = xstrdup(s ? s : "");
}

void rf_mark_initial(struct rowform *rf)
{
	for (int i = 0; i < rf->n; i++) {
		free(rf->rows[i].initial);
		rf->rows[i].initial = row_value(&rf->rows[i]);
	}
}

bool rf_changed(const struct rowform *rf)
{
	for (int i = 0; i < rf->n; i++) {
		const struct rf_row *r = &rf->rows[i];
		if (r->hidden && r->kind == RF_TEXT && r->field.len == 0)
			continue;
		char *now = row_value(r);
		bool same = r->initial && strcmp(now, r->initial) == 0;
		free(now);
		if (!same)
			return true;
	}
	return false;
}

void rf_message(struct rowform *rf, int i, const char *s)
{
	free(rf->rows[i].message);
	rf->rows[i].message = s ? xstrdup(s) : NULL;
}

void rf_clear_messages(struct rowform *rf)
{
	for (int i = 0; i < rf->n; i++)
		rf_message(rf, i, NULL);
}

void rf_hint(struct rowform *rf, int i, const char *s)
{
	free(rf->rows[i].hint_owned);
	rf->rows[i].hint_owned = s ? xstrdup(s) : NULL;
}

/* The next shown row from `from` in direction dir (+1 / -1), wrapping;
 * `from` itself when no other row is shown. */
static int next_shown(const struct rowform *rf, int from, int dir)
{
	for (int k = 1; k <= rf->n; k++) {
		int i = ((from + dir * k) % rf->n + rf->n) % rf->n;
		if (!rf->rows[i].hidden)
			return i;
	}
	return from;
}

void rf_show(struct rowform *rf, int i, bool shown)
{
	rf->rows[i].hidden = !shown;
	if (!shown && rf->focus == i)
		rf->focus = next_shown(rf, i, -1);
}

void rf_focus(struct rowform *rf, int i)
{
	if (i >= 0 && i < rf->n && !rf->rows[i].hidden)
		rf->focus = i;
}

bool rf_date(struct rowform *rf, int i, bool required, ibis_date *out)
{
	char *s = rf_get(rf, i);
	bool ok = true;

	*out = DATE_NONE;
	if (!s[0]) {
		if (required) {
			char *msg = xasprintf("%s: vul een datum in (dd-mm-jjjj).", rf->rows[i].label);
			rf_message(rf, i, msg);
			free(msg);
			ok = false;
		}
	} else if (!date_parse(s, out)) {
		/* pupil_check_date tells a day that does not exist (31-02) from
		 * text that is no date at all. */
		ibis_date unused;
		char *why = pupil_check_date(s, &unused);
		char *msg = why && isdigit((unsigned char)why[0])
				    ? xasprintf("%s: %s", rf->rows[i].label, why)
				    : xasprintf("%s: geen datum; schrijf dd-mm-jjjj, bijvoorbeeld "
						"23-11-2026.", rf->rows[i].label);
		rf_message(rf, i, msg);
		free(msg);
		free(why);
		*out = DATE_NONE;
		ok = false;
	}
	free(s);
	return ok;
}

/* ================================================================== keys */

/* Every F-key has a control key too: letters are typed into the fields. */
const struct keydef rowform_keys[] = {
	{ RFA_SAVE, { TK_F(2), TK_CTRL('s') }, "Opslaan", "Opslaan (F2 of Ctrl-S)" },
	{ RFA_CANCEL, { TK_ESC }, "Annuleren",
	  "Terug zonder op te slaan (met een vraag als er iets is veranderd)" },
	{ RFA_NEXT, { TK_TAB, TK_DOWN, TK_ENTER }, "Volgend veld",
	  "Naar het volgende veld (Tab, ↓ of Enter)" },
	{ RFA_PREV, { TK_BTAB, TK_UP }, NULL, "Naar het vorige veld (Shift-Tab of ↑)" },
	/* Not on the key bar (it would not fit beside the others): the hint
	 * of a choice row names it. */
	{ RFA_PICK, { TK_F(4), TK_CTRL('g') }, NULL,
	  "Een keuzeveld (niveau, soort): de keuze uit een lijst maken (F4 of Ctrl-G)" },
	{ RFA_EDIT, { TK_BACKSPACE, TK_DELETE, TK_LEFT, TK_RIGHT, TK_HOME, TK_END,
		      TK_CTRL('u'), TK_CTRL('w') }, NULL,
	  "Het veld bewerken (Ctrl-U wist alles voor de cursor, Ctrl-W een woord); op een "
	  "keuzeveld kiezen ← en → de vorige en volgende keuze, een letter de keuze die "
	  "ermee begint" },
	{ 0, { 0 }, NULL, NULL },
};

static int choice_key(struct rf_row *r, tkey key)
{
	int n = (int)r->choices.len, c = r->choice;

	if (n == 0)
		return FIELD_IGNORED;
	switch (key) {
	case TK_LEFT:
		c = (c + n - 1) % n;
		break;
	case TK_RIGHT:
		c = (c + 1) % n;
		break;
	case TK_HOME:
		c = 0;
		break;
	case TK_END:
		c = n - 1;
		break;
	default:
		return FIELD_IGNORED;
	}
	if (c == r->choice)
		return FIELD_IGNORED;
	r->choice = c;
	return FIELD_CHANGED;
}

int rf_action(struct rowform *rf, int action, tkey key)
{
	struct rf_row *r = &rf->rows[rf->focus];

	switch (action) {
	case RFA_NEXT:
		rf->focus = next_shown(rf, rf->focus, 1);
		return FIELD_MOVED;
	case RFA_PREV:
		rf->focus = next_shown(rf, rf->focus, -1);
		return FIELD_MOVED;
	case RFA_EDIT:
		if (r->kind == RF_CHOICE)
			return choice_key(r, key);
		return field_key(&r->field, key);
	default:
		return FIELD_IGNORED;
	}
}

int rf_input(struct rowform *rf, tkey key)
{
	struct rf_row *r = &rf->rows[rf->focus];

	if (r->kind == RF_TEXT)
		return field_key(&r->field, key);
	int n = (int)r->choices.len;
	if (n == 0)
		return FIELD_IGNORED;
	if (key == ' ')
		return choice_key(r, TK_RIGHT);
	/* The next choice after the current one whose label starts with the
	 * letter, accents and case aside ("e" finds "extern" and "Één"). */
	char letter[8] = { 0 };
	wchar_t w[2] = { (wchar_t)key, 0 };
	char *typed = from_wide(w, 1);
	char *folded = text_fold(typed);
	free(typed);
	str_copy(letter, folded, sizeof(letter));
	free(folded);
	if (!letter[0])
		return FIELD_IGNORED;
	for (int k = 1; k <= n; k++) {
		int i = (r->choice + k) % n;
		char *f = text_fold(r->choices.items[i]);
		bool hit = str_starts(f, letter);
		free(f);
		if (hit) {
			if (i == r->choice)
				return FIELD_IGNORED;
			r->choice = i;
			return FIELD_CHANGED;
		}
	}
	return FIELD_IGNORED;
}

const struct keydef *const rowform_tables[] = { rowform_keys, NULL };

const struct keydef *rf_keymap(struct screen *s)
{
	(void)s;
	return rowform_keys;
}

bool rf_typing(struct screen *s)
{
	(void)s;
	return true;
}

bool rf_choose(struct rowform *rf, int index)
{
	struct rf_row *r = &rf->rows[rf->focus];

	if (index < 0 || index >= (int)r->choices.len || index == r->choice)
		return false;
	r->choice = index;
	return true;
}

int rf_pick(struct tui *t, struct rowform *rf,
	    int (*on_pick)(struct tui *t, void *ctx, int index), void *ctx)
{
	struct rf_row *r = &rf->rows[rf->focus];

	if (r->kind != RF_CHOICE || r->choices.len == 0)
		return TR_HANDLED;
	struct picker_arg a = {
		.title = r->label,
		.items = &r->choices,
		.current = r->choice,
		.on_pick = on_pick,
		.ctx = ctx,
	};
	tui_push(t, &picker_screen, &a);
	return TR_HANDLED | TR_REDRAW;
}

/* ================================================================== draw */

int rf_draw(struct tui *t, struct rowform *rf, int y, int x, int label_cols)
{
	int fx = x + label_cols + 1;
	int fw = COLS - fx - 2;
	int row = y;

	if (fw < 10)
		fw = 10;
	for (int i = 0; i < rf->n && row < LINES - 2; i++) {
		struct rf_row *r = &rf->rows[i];
		bool focus = i == rf->focus;
		if (r->hidden)
			continue;
		char *label = xasprintf("%s%s", r->label, r->required ? " *" : "");
		draw_text(row, x, label_cols, label, role_attr(t, ROLE_LABEL));
		free(label);
		attr_t a = focus ? role_attr(t, ROLE_PROMPT) | A_UNDERLINE : A_UNDERLINE;
		int cx;
		if (r->kind == RF_CHOICE) {
			const char *text = r->choice < (int)r->choices.len
						   ? r->choices.items[r->choice] : "";
			/* The arrows stay in view; a long label is cut between them. */
			draw_fill(row, fx, fw, a);
			draw_text(row, fx, 2, t->utf8 ? "◂ " : "< ", a);
			int used = draw_text(row, fx + 2, fw - 4, text, a);
			draw_text(row, fx + 2 + used, 2, t->utf8 ? " ▸" : " >", a);
			cx = fx + 2;
		} else if (focus) {
			cx = field_draw(&r->field, row, fx, fw, a);
		} else {
			/* A row not being edited shows its start, not where its
			 * cursor was left (a prefilled text has it at the end). */
			int cursor = r->field.cursor, scroll = r->field.scroll;
			r->field.cursor = r->field.scroll = 0;
			cx = field_draw(&r->field, row, fx, fw, a);
			r->field.cursor = cursor;
			r->field.scroll = scroll;
		}
		if (focus) {
			t->want_cursor = true;
			t->cursor_y = row;
			t->cursor_x = cx;
		}
		row++;
		if (r->message && row < LINES - 2) {
			/* A long message starts under the label rather than being cut. */
			int mx = text_cols(r->message) > COLS - 1 - fx ? x : fx;
			draw_text(row++, mx, COLS - 1 - mx, r->message, role_attr(t, ROLE_OVERDUE));
		}
	}
	return row - y;
}

int rf_draw_notice(struct tui *t, const char *notice, int y, int x)
{
	struct strlist lines = { 0 };

	if (!notice)
		return y;
	text_wrap(notice, COLS - 2 * x, &lines);
	for (size_t i = 0; i < lines.len && i < 3; i++)
		draw_text(++y, x, COLS - 2 * x, lines.items[i], role_attr(t, ROLE_OVERDUE));
	sl_free(&lines);
	return y + 1;
}

void rf_draw_hint(struct tui *t, const struct rowform *rf, int y)
{
	const struct rf_row *r = &rf->rows[rf->focus];
	const char *h = r->hint_owned ? r->hint_owned : r->hint;

	/* F4 has no room on the key bar: a choice says it here. */
	if (r->kind == RF_CHOICE) {
		char *s = h ? xasprintf("%s (← en → of F4)", h)
			    : xstrdup("← en → kiezen, of F4 voor de lijst");
		draw_text(y, 2, COLS - 4, s, role_attr(t, ROLE_DIM));
		free(s);
	} else if (h) {
		draw_text(y, 2, COLS - 4, h, role_attr(t, ROLE_DIM));
	}
}

/* ================================================================ leaving */

static int discard(struct tui *t, void *ctx)
{
	tui_remove(t, ctx);
	return TR_REDRAW;
}

int rf_cancel(struct tui *t, struct screen *self, bool changed)
{
	if (!changed)
		return TR_HANDLED | TR_POP | TR_REDRAW;
	struct dialog_arg a = {
		.title = "Niet opgeslagen",
		.text = "Wat u hebt getypt is nog niet opgeslagen. Weggooien? (j/n)",
		.question = true,
		.on_yes = discard,
		.ctx = self,
	};
	tui_push(t, &dialog_screen, &a);
	return TR_HANDLED | TR_REDRAW;
}

/* ================================================================= pupil */

bool rf_pupil(struct tui *t, ibis_id pupil_id, char **name, const struct level_model **model)
{
	struct ibis_error err;
	struct pupil p = { 0 };
	struct school sc = { 0 };

	*name = NULL;
	if (model)
		*model = NULL;
	if (db_pupil_get(t->app->db, pupil_id, &p, &err) != IBIS_OK) {
		tui_report(t, &err);
		return false;
	}
	if (model) {
		if (db_school_get(t->app->db, p.school_id, &sc, &err) != IBIS_OK) {
			pupil_clear(&p);
			tui_report(t, &err);
			return false;
		}
		if (sc.level_model)
			*model = domain_model(&t->app->dom, sc.level_model);
		school_clear(&sc);
	}
	*name = name_natural(p.first_name, p.tussenvoegsel, p.last_name);
	pupil_clear(&p);
	return true;
}

char *rf_one_line(const char *s)
{
	struct strlist lines = { 0 };
	struct strbuf sb = { 0 };

	if (!s)
		return NULL;
	sl_split(&lines, s, '\n');
	sb_add(&sb, "");
	for (size_t i = 0; i < lines.len; i++) {
		char *line = str_trim(lines.items[i]);
		const char *p = line;
		if (str_starts(p, "•"))
			p += strlen("•");
		else if (str_starts(p, "- "))
			p += 1;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p) {
			/* A line that ends in a sign of its own ("Wie kan hierbij
			 * helpen?") needs no "; " after it. */
			if (sb.len)
				sb_add(&sb, strchr(".:;?!", sb.buf[sb.len - 1]) ? " " : "; ");
			sb_add(&sb, p);
		}
		free(line);
	}
	sl_free(&lines);
	return sb_take(&sb);
}
