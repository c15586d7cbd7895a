/* dialog.c - a box over the screen below: a question (j/n) or a message. */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

struct dialog {
	char *title;
	char *text;
	bool question;
	bool error;
	int yes_flags;
};

enum { DA_YES = 1, DA_NO, DA_CLOSE };

static const struct keydef question_keys[] = {
	{ DA_YES, { 'j', 'J', 'y', 'Y' }, "Ja", "Ja" },
	{ DA_NO, { 'n', 'N', TK_ESC, 'q' }, "Nee", "Nee: terug zonder iets te doen" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef message_keys[] = {
	{ DA_CLOSE, { TK_ENTER, TK_ESC, 'q', ' ' }, "Sluiten", "De melding sluiten" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const dialog_tables[] = { question_keys, message_keys, NULL };

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
static void draw_box(const struct tui *t, int y, int x, int h, int w, attr_t a)
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
	if (d->title[0]) {
		char *title = xasprintf(" %s ", d->title);
		draw_text(y, x + 2, w - 4, title, a | A_BOLD);
		free(title);
	}
	for (int i = 0; i < n; i++)
		draw_text(y + 2 + i, x + 2, w - 4, lines.items[i], a);
	sl_free(&lines);
}

static const struct keydef *dialog_keymap(struct screen *s)
{
	struct dialog *d = s->state;

	return d->question ? question_keys : message_keys;
}

static int dialog_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct dialog *d = s->state;

	(void)t;
	(void)key;
	switch (action) {
	case DA_YES:
		return TR_HANDLED | TR_POP | TR_REDRAW | d->yes_flags;
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
