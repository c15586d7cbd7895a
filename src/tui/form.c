/* form.c - one-line text fields and forms of labelled fields.
 *
 * Our own rather than the ncurses form library: a field here holds wide
 * characters and is measured per character (an ë takes one column, a CJK
 * character two), its text comes back as UTF-8 without the padding the form
 * library adds, and it draws through the same helpers as every other line.
 */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

/* ================================================================= field */

void field_init(struct field *f, int max)
{
	memset(f, 0, sizeof(*f));
	f->max = max > 0 ? max : 1;
	f->cap = 16;
	f->text = xcalloc((size_t)f->cap, sizeof(wchar_t));
}

void field_free(struct field *f)
{
	free(f->text);
	memset(f, 0, sizeof(*f));
}

static void field_reserve(struct field *f, int len)
{
	if (len + 1 <= f->cap)
		return;
	while (f->cap < len + 1)
		f->cap *= 2;
	f->text = xrealloc(f->text, (size_t)f->cap * sizeof(wchar_t));
}

void field_clear(struct field *f)
{
	f->len = f->cursor = f->scroll = 0;
	f->text[0] = L'\0';
}

void field_set(struct field *f, const char *s)
{
	size_t n;
	wchar_t *w = to_wide(s, &n);

	if (n > (size_t)f->max)
		n = (size_t)f->max;
	field_reserve(f, (int)n);
	wmemcpy(f->text, w, n);
	f->text[n] = L'\0';
	f->len = f->cursor = (int)n;
	f->scroll = 0;
	free(w);
}

char *field_get(const struct field *f)
{
	return from_wide(f->text, (size_t)f->len);
}

static void field_delete(struct field *f, int from, int to)
{
	if (from < 0)
		from = 0;
	if (to > f->len)
		to = f->len;
	if (from >= to)
		return;
	memmove(f->text + from, f->text + to, (size_t)(f->len - to + 1) * sizeof(wchar_t));
	f->len -= to - from;
	if (f->cursor > to)
		f->cursor -= to - from;
	else if (f->cursor > from)
		f->cursor = from;
}

static int field_insert(struct field *f, wchar_t wc)
{
	if (f->len >= f->max)
		return FIELD_IGNORED;
	field_reserve(f, f->len + 1);
	memmove(f->text + f->cursor + 1, f->text + f->cursor,
		(size_t)(f->len - f->cursor + 1) * sizeof(wchar_t));
	f->text[f->cursor++] = wc;
	f->len++;
	return FIELD_CHANGED;
}

int field_key(struct field *f, tkey key)
{
	int len = f->len;

	if (key_is_text(key))
		return field_insert(f, (wchar_t)key);
	switch (key) {
	case TK_BACKSPACE:
		field_delete(f, f->cursor - 1, f->cursor);
		break;
	case TK_DELETE:
		field_delete(f, f->cursor, f->cursor + 1);
		break;
	case TK_CTRL('u'):
		field_delete(f, 0, f->cursor);
		break;
	case TK_CTRL('w'): {
		int from = f->cursor;
		while (from > 0 && iswspace((wint_t)f->text[from - 1]))
			from--;
		while (from > 0 && !iswspace((wint_t)f->text[from - 1]))
			from--;
		field_delete(f, from, f->cursor);
		break;
	}
	case TK_LEFT:
		if (f->cursor == 0)
			return FIELD_IGNORED;
		f->cursor--;
		return FIELD_MOVED;
	case TK_RIGHT:
		if (f->cursor == f->len)
			return FIELD_IGNORED;
		f->cursor++;
		return FIELD_MOVED;
	case TK_HOME:
		f->cursor = 0;
		return FIELD_MOVED;
	case TK_END:
		f->cursor = f->len;
		return FIELD_MOVED;
	default:
		return FIELD_IGNORED;
	}
	return f->len != len ? FIELD_CHANGED : FIELD_IGNORED;
}

static int cols_of(wchar_t wc)
{
	int w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

int field_draw(struct field *f, int y, int x, int width, attr_t attr)
{
	if (width < 2)
		width = 2;
	/* Scroll so that the cursor (and one column for it past the end) fits. */
	if (f->scroll > f->cursor)
		f->scroll = f->cursor;
	for (;;) {
		int used = 1;
		for (int i = f->scroll; i < f->cursor; i++)
			used += cols_of(f->text[i]);
		if (used <= width || f->scroll >= f->cursor)
			break;
		f->scroll++;
	}
	draw_fill(y, x, width, attr);

	int used = 0, i = f->scroll, cx = x;
	for (; i < f->len; i++) {
		int c = cols_of(f->text[i]);
		if (used + c > width)
			break;
		if (i == f->cursor)
			cx = x + used;
		used += c;
	}
	if (f->cursor >= i)
		cx = x + used;
	char *shown = from_wide(f->text + f->scroll, (size_t)(i - f->scroll));
	draw_text(y, x, width, shown, attr);
	free(shown);
	return cx;
}

/* ================================================================== form */

void form_init(struct form *fm, int n, const char *const *labels, const int *max)
{
	fm->items = xcalloc((size_t)(n > 0 ? n : 1), sizeof(*fm->items));
	fm->n = n;
	fm->focus = 0;
	for (int i = 0; i < n; i++) {
		fm->items[i].label = labels[i];
		field_init(&fm->items[i].field, max[i]);
	}
}

void form_free(struct form *fm)
{
	for (int i = 0; i < fm->n; i++)
		field_free(&fm->items[i].field);
	free(fm->items);
	memset(fm, 0, sizeof(*fm));
}

int form_key(struct form *fm, tkey key)
{
	if (fm->n == 0)
		return FIELD_IGNORED;
	switch (key) {
	case TK_TAB:
	case TK_DOWN:
		fm->focus = (fm->focus + 1) % fm->n;
		return FIELD_MOVED;
	case TK_BTAB:
	case TK_UP:
		fm->focus = (fm->focus + fm->n - 1) % fm->n;
		return FIELD_MOVED;
	default:
		return field_key(&fm->items[fm->focus].field, key);
	}
}

int form_draw(struct tui *t, struct form *fm, int y, int x, int width, int label_cols)
{
	int fw = width - label_cols - 1;

	for (int i = 0; i < fm->n; i++) {
		draw_text(y + i, x, label_cols, fm->items[i].label, role_attr(t, ROLE_LABEL));
		attr_t a = role_attr(t, i == fm->focus ? ROLE_PROMPT : ROLE_NORMAL);
		int cx = field_draw(&fm->items[i].field, y + i, x + label_cols + 1, fw,
				    a | (i == fm->focus ? A_UNDERLINE : A_NORMAL));
		if (i == fm->focus) {
			t->want_cursor = true;
			t->cursor_y = y + i;
			t->cursor_x = cx;
		}
	}
	return fm->n;
}
