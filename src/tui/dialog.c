/* dialog.c - boxes over the screen below: a question (j/n), a message, and
 * the picker (a choice from a list). */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "ibis/text.h"

struct dialog {
	char *title;
	char *text;
	bool question;
	bool error;
	int yes_flags;
	int (*on_yes)(struct tui *t, void *ctx);
	void *ctx;
};

enum { DA_YES = ANSWER_YES, DA_NO = ANSWER_NO, DA_CLOSE };

/* Also the question of prompt.c: one set of j/n keys everywhere. */
const struct keydef answer_keys[] = {
	{ ANSWER_YES, { 'j', 'J', 'y', 'Y' }, "Ja", "Ja" },
	{ ANSWER_NO, { 'n', 'N', TK_ESC, 'q' }, "Nee", "Nee: terug zonder iets te doen" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef message_keys[] = {
	{ DA_CLOSE, { TK_ENTER, TK_ESC, 'q', ' ' }, "Sluiten", "De melding sluiten" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const dialog_tables[] = { answer_keys, message_keys, NULL };

static int dialog_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct dialog *d = s->state;
	const struct dialog_arg *a = arg;

	(void)t;
	d->title = xstrdup(a->title ? a->title : "");
	d->text = xstrdup(a->text ? a->text : "");
	d->question = a->question;
	d->error = a->error;
	d->yes_flags = a->yes_flags;
	d->on_yes = a->on_yes;
	d->ctx = a->ctx;
	return TR_REDRAW;
}

static void dialog_leave(struct screen *s, struct tui *t)
{
	struct dialog *d = s->state;

	(void)t;
	free(d->title);
	free(d->text);
}

/* A frame: Unicode lines in a UTF-8 locale (PuTTY and others mangle the
 * alternate character set there), the alternate character set elsewhere. */
void draw_box(const struct tui *t, int y, int x, int h, int w, attr_t a)
{
	for (int i = 0; i < h; i++)
		draw_fill(y + i, x, w, a);
	if (t->utf8) {
		struct strbuf top = { 0 }, bottom = { 0 };
		sb_add(&top, "┌");
		sb_add(&bottom, "└");
		for (int i = 0; i < w - 2; i++) {
			sb_add(&top, "─");
			sb_add(&bottom, "─");
		}
		sb_add(&top, "┐");
		sb_add(&bottom, "┘");
		draw_text(y, x, w, sb_str(&top), a);
		draw_text(y + h - 1, x, w, sb_str(&bottom), a);
		for (int i = 1; i < h - 1; i++) {
			draw_text(y + i, x, 1, "│", a);
			draw_text(y + i, x + w - 1, 1, "│", a);
		}
		sb_free(&top);
		sb_free(&bottom);
		return;
	}
	mvwaddch(stdscr, y, x, ACS_ULCORNER | a);
	mvwaddch(stdscr, y, x + w - 1, ACS_URCORNER | a);
	mvwaddch(stdscr, y + h - 1, x, ACS_LLCORNER | a);
	mvwaddch(stdscr, y + h - 1, x + w - 1, ACS_LRCORNER | a);
	mvwhline(stdscr, y, x + 1, ACS_HLINE | a, w - 2);
	mvwhline(stdscr, y + h - 1, x + 1, ACS_HLINE | a, w - 2);
	mvwvline(stdscr, y + 1, x, ACS_VLINE | a, h - 2);
	mvwvline(stdscr, y + 1, x + w - 1, ACS_VLINE | a, h - 2);
}

void draw_box_title(int y, int x, int w, const char *title, attr_t a)
{
	char *s = xasprintf(" %s ", title);

	draw_text(y, x + 2, w - 4, s, a | A_BOLD);
	free(s);
}

static void dialog_draw(struct screen *s, struct tui *t)
{
	struct dialog *d = s->state;
	attr_t a = role_attr(t, d->error ? ROLE_ERROR : ROLE_DIALOG);
	int maxw = COLS - 8 < 64 ? COLS - 8 : 64;
	struct strlist lines = { 0 };

	text_wrap(d->text, maxw - 4, &lines);
	int w = text_cols(d->title) + 4;
	for (size_t i = 0; i < lines.len; i++) {
		int lw = text_cols(lines.items[i]) + 4;
		if (lw > w)
			w = lw;
	}
	if (w < 30)
		w = 30;
	if (w > maxw)
		w = maxw;
	int maxlines = LINES - 6;
	int n = (int)lines.len < maxlines ? (int)lines.len : maxlines;
	int h = n + 4;
	int y = (LINES - 1 - h) / 2, x = (COLS - w) / 2;

	draw_box(t, y, x, h, w, a);
	if (d->title[0])
		draw_box_title(y, x, w, d->title, a);
	for (int i = 0; i < n; i++)
		draw_text(y + 2 + i, x + 2, w - 4, lines.items[i], a);
	sl_free(&lines);
}

static const struct keydef *dialog_keymap(struct screen *s)
{
	struct dialog *d = s->state;

	return d->question ? answer_keys : message_keys;
}

static int dialog_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct dialog *d = s->state;

	(void)key;
	switch (action) {
	case DA_YES: {
		int flags = d->on_yes ? d->on_yes(t, d->ctx) : 0;
		return TR_HANDLED | TR_POP | TR_REDRAW | d->yes_flags | flags;
	}
	case DA_NO:
	case DA_CLOSE:
		return TR_HANDLED | TR_POP | TR_REDRAW;
	default:
		return 0;
	}
}

const struct screen_ops dialog_screen = {
	.name = "Vraag",
	.flags = SCREEN_OVERLAY,
	.state_size = sizeof(struct dialog),
	.enter = dialog_enter,
	.draw = dialog_draw,
	.tables = dialog_tables,
	.keymap = dialog_keymap,
	.action = dialog_action,
	.leave = dialog_leave,
};

void dialog_ask_quit(struct tui *t)
{
	if (t->depth > 0) {
		struct screen *top = t->stack[t->depth - 1];
		if (top->ops == &dialog_screen && ((struct dialog *)top->state)->question)
			return;
	}
	struct dialog_arg arg = {
		.title = "Afsluiten",
		.text = "Ibis afsluiten? (j/n)",
		.question = true,
		.yes_flags = TR_QUIT,
	};
	tui_push(t, &dialog_screen, &arg);
}

/* ================================================================= picker */

/* Our own list rather than the ncurses menu library: the loop draws every
 * visible screen into stdscr on each pass, while a menu keeps its own posted
 * state in a window of its own (unpost_menu erases that window, and
 * set_menu_format on a resize puts the cursor back on the first item), so
 * it would fight the redraw; it also matches only a prefix of the item,
 * case- but not diacritics-insensitively, where we narrow on any part of it
 * with the folding of the pupil search. The list widget already gives the
 * windowing, and the key table gives the help and key bar. */
struct picker {
	char *title;
	struct strlist items;
	char **folded;        /* search key of each item */
	int *view;            /* indices of the items that match the filter */
	int nview;
	struct list list;
	struct field filter;
	int (*on_pick)(struct tui *t, void *ctx, int index);
	void *ctx;
};

enum { PK_UP = 1, PK_DOWN, PK_PGUP, PK_PGDN, PK_HOME, PK_END, PK_PICK, PK_CANCEL, PK_EDIT };

static const struct keydef picker_keys[] = {
	{ PK_PICK, { TK_ENTER }, "Kiezen", "Het gekozen item nemen" },
	{ PK_CANCEL, { TK_ESC }, "Annuleren", "Sluiten zonder iets te kiezen" },
	{ PK_UP, { TK_UP }, NULL, "Een regel omhoog" },
	{ PK_DOWN, { TK_DOWN }, NULL, "Een regel omlaag" },
	{ PK_PGUP, { TK_PGUP }, NULL, "Een pagina omhoog" },
	{ PK_PGDN, { TK_PGDN }, NULL, "Een pagina omlaag" },
	{ PK_HOME, { TK_HOME }, NULL, "Naar het eerste item" },
	{ PK_END, { TK_END }, NULL, "Naar het laatste item" },
	{ PK_EDIT, { TK_BACKSPACE, TK_CTRL('u'), TK_CTRL('w') }, NULL,
	  "De zoektekst bewerken; typen maakt de lijst korter (\"jan\" vindt Jansen)" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const picker_tables[] = { picker_keys, NULL };

/* Narrow the view to the items holding the typed text, keeping the cursor
 * on the same item when it still matches. */
static void picker_narrow(struct picker *pk)
{
	int cur = pk->nview > 0 ? pk->view[pk->list.cursor] : -1;
	char *text = field_get(&pk->filter);
	char *needle = text_fold(text);
	int pos = 0;

	free(text);
	pk->nview = 0;
	for (size_t i = 0; i < pk->items.len; i++) {
		if (needle[0] && !strstr(pk->folded[i], needle))
			continue;
		if ((int)i == cur)
			pos = pk->nview;
		pk->view[pk->nview++] = (int)i;
	}
	free(needle);
	pk->list.cursor = pos;
	list_set_count(&pk->list, pk->nview);
}

static int picker_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct picker *pk = s->state;
	const struct picker_arg *a = arg;

	(void)t;
	pk->title = xstrdup(a->title ? a->title : "");
	for (size_t i = 0; i < a->items->len; i++)
		sl_add(&pk->items, a->items->items[i]);
	size_t n = pk->items.len ? pk->items.len : 1;
	pk->folded = xcalloc(n, sizeof(*pk->folded));
	pk->view = xcalloc(n, sizeof(*pk->view));
	for (size_t i = 0; i < pk->items.len; i++)
		pk->folded[i] = text_fold(pk->items.items[i]);
	pk->on_pick = a->on_pick;
	pk->ctx = a->ctx;
	field_init(&pk->filter, 60);
	pk->list.height = 1;
	picker_narrow(pk);
	if (a->current >= 0 && a->current < pk->nview)
		pk->list.cursor = a->current;
	return TR_REDRAW;
}

static void picker_leave(struct screen *s, struct tui *t)
{
	struct picker *pk = s->state;

	(void)t;
	for (size_t i = 0; i < pk->items.len; i++)
		free(pk->folded[i]);
	free(pk->folded);
	free(pk->view);
	sl_free(&pk->items);
	field_free(&pk->filter);
	free(pk->title);
}

static void picker_draw(struct screen *s, struct tui *t)
{
	struct picker *pk = s->state;
	attr_t a = role_attr(t, ROLE_DIALOG);
	int w = text_cols(pk->title) + 6;

	for (size_t i = 0; i < pk->items.len; i++) {
		int iw = text_cols(pk->items.items[i]) + 6;
		if (iw > w)
			w = iw;
	}
	if (w < 40)
		w = 40;
	if (w > COLS - 8)
		w = COLS - 8;
	int rows = (int)pk->items.len;
	if (rows > LINES - 9)
		rows = LINES - 9;
	if (rows < 1)
		rows = 1;
	int h = rows + 3; /* frame, search line, rows, frame */
	int y = (LINES - 1 - h) / 2, x = (COLS - w) / 2;

	draw_box(t, y, x, h, w, a);
	draw_box_title(y, x, w, pk->title, a);

	/* The search line: the typed text, or how to narrow. */
	if (pk->filter.len > 0) {
		draw_text(y + 1, x + 2, 8, "Zoeken:", a | A_BOLD);
		int cx = field_draw(&pk->filter, y + 1, x + 10, w - 12, a);
		t->want_cursor = true;
		t->cursor_y = y + 1;
		t->cursor_x = cx;
	} else {
		draw_text(y + 1, x + 2, w - 4, "typ om te zoeken", a | A_DIM);
	}

	list_set_height(&pk->list, rows);
	if (pk->nview == 0)
		draw_text(y + 2, x + 2, w - 4, "Niets gevonden.", a | A_DIM);
	for (int i = 0; i < rows && pk->list.top + i < pk->nview; i++) {
		int k = pk->list.top + i;
		bool sel = k == pk->list.cursor;
		attr_t ia = sel ? role_attr(t, ROLE_SELECTED) : a;
		if (sel)
			draw_fill(y + 2 + i, x + 1, w - 2, ia);
		draw_text(y + 2 + i, x + 2, w - 4, pk->items.items[pk->view[k]], ia);
	}
	/* Where the cursor is when the list is longer than the box. */
	if (pk->nview > rows) {
		char *pos = xasprintf(" %d/%d ", pk->list.cursor + 1, pk->nview);
		int pw = text_cols(pos);
		draw_text(y + h - 1, x + w - 2 - pw, pw, pos, a);
		free(pos);
	}
}

static const struct keydef *picker_keymap(struct screen *s)
{
	(void)s;
	return picker_keys;
}

static bool picker_typing(struct screen *s)
{
	(void)s;
	return true;
}

static int picker_input(struct screen *s, struct tui *t, tkey key)
{
	struct picker *pk = s->state;

	(void)t;
	if (field_key(&pk->filter, key) == FIELD_CHANGED)
		picker_narrow(pk);
	return TR_HANDLED | TR_REDRAW;
}

static int picker_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct picker *pk = s->state;
	static const enum list_move moves[] = {
		[PK_UP] = LM_UP, [PK_DOWN] = LM_DOWN, [PK_PGUP] = LM_PGUP,
		[PK_PGDN] = LM_PGDN, [PK_HOME] = LM_HOME, [PK_END] = LM_END,
	};

	switch (action) {
	case PK_UP:
	case PK_DOWN:
	case PK_PGUP:
	case PK_PGDN:
	case PK_HOME:
	case PK_END:
		return list_move(&pk->list, moves[action]) ? TR_HANDLED | TR_REDRAW : TR_HANDLED;
	case PK_EDIT:
		return picker_input(s, t, key);
	case PK_CANCEL:
		return TR_HANDLED | TR_POP | TR_REDRAW;
	case PK_PICK: {
		if (pk->nview == 0)
			return TR_HANDLED;
		int flags = pk->on_pick ? pk->on_pick(t, pk->ctx, pk->view[pk->list.cursor]) : 0;
		return TR_HANDLED | TR_POP | TR_REDRAW | flags;
	}
	default:
		return 0;
	}
}

const struct screen_ops picker_screen = {
	.name = "Kiezen",
	.flags = SCREEN_OVERLAY,
	.state_size = sizeof(struct picker),
	.enter = picker_enter,
	.draw = picker_draw,
	.tables = picker_tables,
	.keymap = picker_keymap,
	.action = picker_action,
	.typing = picker_typing,
	.input = picker_input,
	.leave = picker_leave,
};
