/* list.c - the list widget: a cursor and a window over count rows.
 *
 * It knows only numbers; the screen fetches and draws the rows in the window
 * (top .. top+height-1), so a list of 50,000 pupils costs what one screenful
 * costs.
 */
#include "tui_internal.h"

/* Keep top within range and, with a cursor, the cursor inside the window. */
static void list_clamp(struct list *l)
{
	if (l->height < 1)
		l->height = 1;
	if (l->count <= 0) {
		l->count = 0;
		l->cursor = 0;
		l->top = 0;
		return;
	}
	if (l->cursor >= l->count)
		l->cursor = l->count - 1;
	if (l->cursor < 0)
		l->cursor = 0;
	if (l->cursor < l->top)
		l->top = l->cursor;
	if (l->cursor >= l->top + l->height)
		l->top = l->cursor - l->height + 1;
	/* No empty space under the last row while there are rows above. */
	if (l->top > l->count - l->height)
		l->top = l->count - l->height;
	if (l->top < 0)
		l->top = 0;
}

void list_set_count(struct list *l, int count)
{
	l->count = count;
	list_clamp(l);
}

void list_set_height(struct list *l, int height)
{
	l->height = height;
	list_clamp(l);
}

bool list_move(struct list *l, enum list_move how)
{
	int cursor = l->cursor, top = l->top;

	if (l->count == 0)
		return false;
	switch (how) {
	case LM_UP:
		l->cursor--;
		break;
	case LM_DOWN:
		l->cursor++;
		break;
	case LM_PGUP:
		/* A page turns the window and keeps the cursor at its place in it. */
		l->cursor -= l->height;
		l->top -= l->height;
		if (l->top < 0)
			l->top = 0;
		break;
	case LM_PGDN:
		l->cursor += l->height;
		l->top += l->height;
		break;
	case LM_HOME:
		l->cursor = 0;
		break;
	case LM_END:
		l->cursor = l->count - 1;
		break;
	}
	list_clamp(l);
	return l->cursor != cursor || l->top != top;
}

bool list_scroll(struct list *l, enum list_move how)
{
	int top = l->top;
	int last = l->count - l->height;

	if (last < 0)
		last = 0;
	switch (how) {
	case LM_UP:
		l->top--;
		break;
	case LM_DOWN:
		l->top++;
		break;
	case LM_PGUP:
		l->top -= l->height > 1 ? l->height - 1 : 1;
		break;
	case LM_PGDN:
		l->top += l->height > 1 ? l->height - 1 : 1;
		break;
	case LM_HOME:
		l->top = 0;
		break;
	case LM_END:
		l->top = last;
		break;
	}
	if (l->top > last)
		l->top = last;
	if (l->top < 0)
		l->top = 0;
	l->cursor = l->top;
	return l->top != top;
}
