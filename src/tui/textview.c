/* textview.c - a scrollable page of paragraphs, wrapped to the window.
 *
 * The help screen and the dossier are read-only pages: paragraphs with an
 * optional lead column (a key, a label, a level) are kept as given and wrapped
 * again only when the width changes, so a resize re-flows the text.
 */
#include "tui_internal.h"
#include "textview.h"

#include <stdlib.h>
#include <string.h>

void tv_init(struct textview *tv)
{
	memset(tv, 0, sizeof(*tv));
}

static void tv_free_lines(struct textview *tv)
{
	for (int i = 0; i < tv->nlines; i++) {
		free(tv->lines[i].lead);
		free(tv->lines[i].text);
	}
	free(tv->lines);
	tv->lines = NULL;
	tv->nlines = tv->lines_cap = 0;
	tv->width = 0;
}

static void tv_clear(struct textview *tv)
{
	for (int i = 0; i < tv->npara; i++) {
		free(tv->paras[i].lead);
		free(tv->paras[i].text);
	}
	tv->npara = 0;
	tv_free_lines(tv);
}

void tv_free(struct textview *tv)
{
	tv_clear(tv);
	free(tv->paras);
	memset(tv, 0, sizeof(*tv));
}

void tv_add(struct textview *tv, const struct tv_para *p)
{
	if (tv->npara == tv->paras_cap) {
		tv->paras_cap = tv->paras_cap ? tv->paras_cap * 2 : 32;
		tv->paras = xrealloc(tv->paras, (size_t)tv->paras_cap * sizeof(*tv->paras));
	}
	struct tv_para *q = &tv->paras[tv->npara++];
	*q = *p;
	q->lead = xstrdup(p->lead);
	q->text = xstrdup(p->text ? p->text : "");
	tv->width = 0; /* wrap again */
}

void tv_text(struct textview *tv, enum role role, int indent, const char *text)
{
	struct tv_para p = { .role = role, .indent = indent, .text = (char *)text };

	tv_add(tv, &p);
}

void tv_fact(struct textview *tv, const char *label, const char *value)
{
	struct tv_para p = {
		.role = ROLE_NORMAL,
		.lead_role = ROLE_LABEL,
		.indent = 1,
		.lead = (char *)label,
		.lead_cols = 18,
		.text = (char *)(value && value[0] ? value : "—"),
	};
	tv_add(tv, &p);
}

void tv_heading(struct textview *tv, const char *text)
{
	tv_text(tv, ROLE_NORMAL, 0, "");
	tv_text(tv, ROLE_COLUMNS, 0, text);
}

static void tv_push_line(struct textview *tv, const struct tv_para *p, const char *lead,
			 const char *text)
{
	if (tv->nlines == tv->lines_cap) {
		tv->lines_cap = tv->lines_cap ? tv->lines_cap * 2 : 64;
		tv->lines = xrealloc(tv->lines, (size_t)tv->lines_cap * sizeof(*tv->lines));
	}
	struct tv_line *l = &tv->lines[tv->nlines++];
	l->para = p;
	l->lead = xstrdup(lead);
	l->text = xstrdup(text);
}

static void tv_wrap(struct textview *tv, int width)
{
	tv_free_lines(tv);
	tv->width = width;
	for (int i = 0; i < tv->npara; i++) {
		const struct tv_para *p = &tv->paras[i];
		int tw = width - p->indent - (p->lead ? p->lead_cols : 0);
		if (tw < 1)
			tw = 1;
		if (p->nowrap) {
			tv_push_line(tv, p, p->lead, p->text);
			continue;
		}
		struct strlist parts = { 0 };
		text_wrap(p->text, tw, &parts);
		for (size_t k = 0; k < parts.len; k++)
			tv_push_line(tv, p, k == 0 ? p->lead : NULL, parts.items[k]);
		sl_free(&parts);
	}
}

void tv_draw(struct tui *t, struct textview *tv, int y, int height)
{
	if (tv->width != COLS - 2 || !tv->lines)
		tv_wrap(tv, COLS - 2);
	list_set_count(&tv->list, tv->nlines);
	list_set_height(&tv->list, height);
	for (int i = 0; i < height; i++) {
		int k = tv->list.top + i;
		if (k >= tv->nlines)
			break;
		const struct tv_line *l = &tv->lines[k];
		const struct tv_para *p = l->para;
		int x = 1 + p->indent;
		if (l->lead)
			draw_text(y + i, x, p->lead_cols - 1, l->lead, role_attr(t, p->lead_role));
		if (p->lead)
			x += p->lead_cols;
		draw_text(y + i, x, COLS - 1 - x, l->text, role_attr(t, p->role));
	}
}

/* The scroll keys of a page: the help screen's table, and the start of the
 * dossier's (TV_KEYDEFS). */
const struct keydef tv_keys[] = {
	TV_KEYDEFS,
	{ 0, { 0 }, NULL, NULL },
};

int tv_action(struct textview *tv, int action)
{
	static const enum list_move moves[] = {
		[TV_UP] = LM_UP, [TV_DOWN] = LM_DOWN, [TV_PGUP] = LM_PGUP,
		[TV_PGDN] = LM_PGDN, [TV_HOME] = LM_HOME, [TV_END] = LM_END,
	};

	if (action < TV_UP || action > TV_END)
		return 0;
	return list_scroll(&tv->list, moves[action]) ? TR_HANDLED | TR_REDRAW : TR_HANDLED;
}

/* ================================================================ a page */

const struct keydef *const tv_page_tables[] = { tv_keys, NULL };

const struct keydef *tv_page_keymap(struct screen *s)
{
	(void)s;
	return tv_keys;
}

int tv_page_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct tv_page *pg = s->state;

	(void)t;
	(void)key;
	return tv_action(&pg->tv, action);
}

void tv_page_draw(struct screen *s, struct tui *t)
{
	struct tv_page *pg = s->state;
	int y = draw_header(t, pg->title, NULL);

	tv_draw(t, &pg->tv, y + 1, LINES - 1 - (y + 1));
}

void tv_page_leave(struct screen *s, struct tui *t)
{
	struct tv_page *pg = s->state;

	(void)t;
	tv_free(&pg->tv);
	free(pg->title);
}
