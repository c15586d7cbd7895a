/* prompt.c - a box over the screen below that asks something and hands the
 * answer back: a question (j/n) or a choice from a list.
 *
 * dialog.c's question only tells the loop to quit or not; the screens of the
 * jaarovergang, the groups and the import need the answer themselves, so a
 * prompt calls back into the screen that asked (its state stays alive under
 * the overlay for as long as the prompt is up).
 */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "ibis/records.h"

struct prompt {
	enum prompt_kind kind;
	char *title;
	char *text;
	bool error;
	struct strlist options;      /* PROMPT_CHOOSE */
	struct list list;
	prompt_done_fn done;
	void *ctx;
	int id;
};

enum {
	PR_YES = ANSWER_YES, PR_NO = ANSWER_NO, PR_ACCEPT, PR_CANCEL,
	PR_UP, PR_DOWN, PR_PGUP, PR_PGDN, PR_HOME, PR_END,
};

/* ============================================================= key tables */

static const struct keydef choose_keys[] = {
	{ PR_ACCEPT, { TK_ENTER }, "Kiezen", "De keuze onder de cursor nemen" },
	{ PR_CANCEL, { TK_ESC, 'q' }, "Annuleren", "Terug zonder iets te kiezen" },
	{ PR_UP, { TK_UP, 'k' }, NULL, "Een keuze omhoog" },
	{ PR_DOWN, { TK_DOWN, 'j' }, NULL, "Een keuze omlaag" },
	{ PR_PGUP, { TK_PGUP }, NULL, "Een pagina omhoog" },
	{ PR_PGDN, { TK_PGDN }, NULL, "Een pagina omlaag" },
	{ PR_HOME, { TK_HOME }, NULL, "Naar de eerste keuze" },
	{ PR_END, { TK_END }, NULL, "Naar de laatste keuze" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const prompt_tables[] = { answer_keys, choose_keys, NULL };

/* ================================================================ enter */

static int prompt_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct prompt *p = s->state;
	const struct prompt_arg *a = arg;

	(void)t;
	p->kind = a->kind;
	p->title = xstrdup(a->title ? a->title : "");
	p->text = xstrdup(a->text ? a->text : "");
	p->error = a->error;
	p->done = a->done;
	p->ctx = a->ctx;
	p->id = a->id;
	for (int i = 0; i < a->noptions; i++)
		sl_add(&p->options, a->options[i]);
	p->list.height = 1;
	list_set_count(&p->list, a->noptions);
	p->list.cursor = a->selected >= 0 && a->selected < a->noptions ? a->selected : 0;
	return TR_REDRAW;
}

static void prompt_leave(struct screen *s, struct tui *t)
{
	struct prompt *p = s->state;

	(void)t;
	free(p->title);
	free(p->text);
	sl_free(&p->options);
}

/* ================================================================== draw */

static void prompt_draw(struct screen *s, struct tui *t)
{
	struct prompt *p = s->state;
	attr_t a = role_attr(t, p->error ? ROLE_ERROR : ROLE_DIALOG);
	int maxw = COLS - 8 < 70 ? COLS - 8 : 70;
	struct strlist lines = { 0 };

	text_wrap(p->text, maxw - 4, &lines);
	int w = text_cols(p->title) + 6;
	for (size_t i = 0; i < lines.len; i++) {
		int lw = text_cols(lines.items[i]) + 4;
		if (lw > w)
			w = lw;
	}
	for (size_t i = 0; i < p->options.len; i++) {
		int lw = text_cols(p->options.items[i]) + 6;
		if (lw > w)
			w = lw;
	}
	if (w < 36)
		w = 36;
	if (w > maxw)
		w = maxw;

	/* Rows: the text, then a blank and the options. */
	int avail = LINES - 4;
	int extra = 0;
	if (p->kind == PROMPT_CHOOSE)
		extra = 1 + (p->list.count > 0 ? p->list.count : 1);
	int ntext = (int)lines.len;
	if (ntext + extra + 4 > avail && p->kind == PROMPT_CHOOSE) {
		int rows = avail - 4 - ntext - 1;
		extra = 1 + (rows < 3 ? 3 : rows);
	}
	if (ntext + extra + 4 > avail)
		ntext = avail - 4 - extra;
	if (ntext < 0)
		ntext = 0;
	int h = ntext + extra + 4;
	if (ntext == 0 && extra > 0)
		h--;
	int y = (LINES - 1 - h) / 2, x = (COLS - w) / 2;
	if (y < 0)
		y = 0;

	draw_box(t, y, x, h, w, a);
	if (p->title[0])
		draw_box_title(y, x, w, p->title, a);
	int row = y + 2;
	for (int i = 0; i < ntext; i++)
		draw_text(row++, x + 2, w - 4, lines.items[i], a);
	sl_free(&lines);
	if (ntext > 0)
		row++;
	if (p->kind == PROMPT_CHOOSE) {
		int height = extra - 1;
		list_set_height(&p->list, height);
		for (int i = 0; i < height && p->list.top + i < p->list.count; i++) {
			int k = p->list.top + i;
			bool sel = k == p->list.cursor;
			attr_t ra = sel ? role_attr(t, ROLE_SELECTED) : a;
			draw_fill(row + i, x + 2, w - 4, ra);
			draw_text(row + i, x + 3, w - 6, p->options.items[k], ra);
		}
		if (p->list.count == 0)
			draw_text(row, x + 3, w - 6, "(niets te kiezen)", a);
	}
}

/* ================================================================== keys */

static const struct keydef *prompt_keymap(struct screen *s)
{
	struct prompt *p = s->state;

	switch (p->kind) {
	case PROMPT_ASK:
		return answer_keys;
	case PROMPT_CHOOSE:
		return choose_keys;
	}
	return answer_keys;
}

/* Hand the answer to the screen that asked, and close. */
static int answer(struct prompt *p, struct tui *t, int choice)
{
	int r = TR_HANDLED | TR_REDRAW | TR_POP;

	if (p->done)
		r |= p->done(p->ctx, t, p->id, choice);
	return r;
}

static int prompt_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct prompt *p = s->state;
	enum list_move how;

	(void)key;
	switch (action) {
	case PR_YES:
		return answer(p, t, 1);
	case PR_ACCEPT:
		if (p->kind == PROMPT_CHOOSE && p->list.count == 0)
			return TR_HANDLED | TR_POP | TR_REDRAW;
		return answer(p, t, p->kind == PROMPT_CHOOSE ? p->list.cursor : 1);
	case PR_NO:
	case PR_CANCEL:
		return TR_HANDLED | TR_POP | TR_REDRAW;
	case PR_UP: how = LM_UP; break;
	case PR_DOWN: how = LM_DOWN; break;
	case PR_PGUP: how = LM_PGUP; break;
	case PR_PGDN: how = LM_PGDN; break;
	case PR_HOME: how = LM_HOME; break;
	case PR_END: how = LM_END; break;
	default:
		return 0;
	}
	return list_move(&p->list, how) ? TR_HANDLED | TR_REDRAW : TR_HANDLED;
}

const struct screen_ops prompt_screen = {
	.name = "Vraag",
	.flags = SCREEN_OVERLAY,
	.state_size = sizeof(struct prompt),
	.enter = prompt_enter,
	.draw = prompt_draw,
	.tables = prompt_tables,
	.keymap = prompt_keymap,
	.action = prompt_action,
	.leave = prompt_leave,
};

void prompt_push(struct tui *t, const struct prompt_arg *arg)
{
	tui_push(t, &prompt_screen, arg);
}

void prompt_school(struct tui *t, const struct prompt_arg *arg, const struct school *schools,
		   int n)
{
	struct prompt_arg a = *arg;
	const char **names = xcalloc((size_t)n + 1, sizeof(*names));

	for (int i = 0; i < n; i++)
		names[i] = schools[i].name ? schools[i].name : "";
	a.kind = PROMPT_CHOOSE;
	a.title = "School";
	a.options = names;
	a.noptions = n;
	prompt_push(t, &a);
	free(names);
}
