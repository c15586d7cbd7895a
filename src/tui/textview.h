/* textview.h - a read-only, scrollable page of wrapped paragraphs (help,
 * dossier). Part of src/tui; include after tui_internal.h. */
#ifndef IBIS_TUI_TEXTVIEW_H
#define IBIS_TUI_TEXTVIEW_H

#include "tui_internal.h"

/* A paragraph: an optional lead column (key, label, level) and a text that
 * wraps under itself. */
struct tv_para {
	enum role role;       /* of the text */
	enum role lead_role;  /* of the lead */
	int indent;           /* columns before the lead */
	char *lead;           /* NULL = no lead column */
	int lead_cols;        /* width of the lead column, gap included */
	char *text;
	bool nowrap;          /* one line, cut with an ellipsis */
};

struct tv_line {
	const struct tv_para *para;
	char *lead;           /* on the first line of a paragraph only */
	char *text;
};

struct textview {
	struct tv_para *paras;
	int npara, paras_cap;
	struct tv_line *lines; /* paras wrapped for width */
	int nlines, lines_cap;
	int width;
	struct list list;      /* top = first line shown */
};

void tv_init(struct textview *tv);
void tv_free(struct textview *tv);
/* Append a copy of p (its strings are copied). */
void tv_add(struct textview *tv, const struct tv_para *p);
/* Append a plain paragraph. */
void tv_text(struct textview *tv, enum role role, int indent, const char *text);
/* Append "label      value" (the label in a column of its own; an empty
 * value as "—"), the facts of a dossier page. */
void tv_fact(struct textview *tv, const char *label, const char *value);
/* Append an empty line and a section heading. */
void tv_heading(struct textview *tv, const char *text);
/* Draw height rows from row y, wrapped to the window's width. */
void tv_draw(struct tui *t, struct textview *tv, int y, int height);

/* Scroll actions for a screen's key table; a screen numbers its own actions
 * after TV_END. */
enum { TV_UP = 1, TV_DOWN, TV_PGUP, TV_PGDN, TV_HOME, TV_END };
/* The entries of tv_keys, for a screen whose table adds keys of its own
 * after them (the dossier). */
#define TV_KEYDEFS \
	{ TV_UP, { TK_UP, 'k' }, NULL, "Een regel omhoog" }, \
	{ TV_DOWN, { TK_DOWN, 'j' }, NULL, "Een regel omlaag" }, \
	{ TV_PGUP, { TK_PGUP }, NULL, "Een pagina omhoog" }, \
	{ TV_PGDN, { TK_PGDN, ' ' }, "Verder", "Een pagina omlaag" }, \
	{ TV_HOME, { TK_HOME, 'g' }, NULL, "Naar het begin" }, \
	{ TV_END, { TK_END, 'G' }, NULL, "Naar het eind" }
extern const struct keydef tv_keys[];
/* Act on a TV_* action; 0 when action is not one of them. */
int tv_action(struct textview *tv, int action);

/* A page screen: a title over a textview with tv_keys and nothing else (the
 * help, a timeline item, a version of a plan). Such a screen's state is a
 * struct tv_page, which its enter fills; the parts below do the rest. */
struct tv_page {
	struct textview tv;
	char *title;
};
extern const struct keydef *const tv_page_tables[];
const struct keydef *tv_page_keymap(struct screen *s);
int tv_page_action(struct screen *s, struct tui *t, int action, tkey key);
/* The text under the header, to the key bar. */
void tv_page_draw(struct screen *s, struct tui *t);
void tv_page_leave(struct screen *s, struct tui *t);

#endif
