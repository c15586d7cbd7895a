/* textedit.h - a multi-line text field for long Dutch text (the plan
 * editor's tekst fields): word wrap at the width it is drawn in, UTF-8
 * (wide characters: ë, é, ï, ç, and double-width characters), a cursor
 * that moves by character, word (Ctrl-Left / Ctrl-Right) and visual line
 * (Up / Down keep the column; Home / End go to the start / end of the
 * visual line; PgUp / PgDn by the visible height), vertical scrolling, and
 * handing the text to an external editor ($EDITOR). Part of src/tui;
 * include after tui_internal.h.
 *
 * The text is held as wide characters with '\n' for a new paragraph
 * (Enter). Wrapping is only a view: the stored text keeps the user's own
 * line breaks and nothing else.
 */
#ifndef IBIS_TUI_TEXTEDIT_H
#define IBIS_TUI_TEXTEDIT_H

#include "tui_internal.h"

struct textedit {
	wchar_t *text;    /* NUL-terminated; never NULL after te_init */
	int len, cap;     /* in characters */
	int max;          /* most characters accepted */
	int cursor;       /* 0 .. len */
	int top;          /* first visual line shown */
	int height;       /* visible lines at the last draw (PgUp / PgDn) */
	int goal_col;     /* the column Up / Down try to keep; -1: the cursor's */
	/* The layout at width: the first character of every visual line. */
	int width;        /* 0: not laid out yet */
	int *starts;
	int nlines, lines_cap;
};

void te_init(struct textedit *te, int max);
void te_free(struct textedit *te);
/* Replace the text with UTF-8 s (NULL = empty; "\r\n" becomes "\n"; tabs
 * become a space; other control characters are dropped); cursor at the end,
 * scrolled to show it. */
void te_set(struct textedit *te, const char *s);
/* The text as UTF-8 with trailing white space of the whole text removed.
 * Caller frees. */
char *te_get(const struct textedit *te);
/* True when the text holds only white space. */
bool te_empty(const struct textedit *te);

/* Lay the text out in lines of at most width columns (a word longer than a
 * line is cut hard; spaces at a break stay at the end of the line they end)
 * and return the number of visual lines (at least 1). */
int te_layout(struct textedit *te, int width);
/* The visual line and column of the cursor at the last layout. */
void te_cursor_pos(const struct textedit *te, int *line, int *col);

/* The editing keys: characters; Enter (a new line); Backspace, Delete;
 * Left, Right; Ctrl-Left, Ctrl-Right (word); Up, Down (visual line, keeping
 * the column); Home, End (visual line); Ctrl-A / Ctrl-E are NOT handled
 * (Ctrl-E is the external editor); PgUp, PgDn; Ctrl-U (delete to the start
 * of the visual line), Ctrl-K (to the end of it), Ctrl-W (the word before
 * the cursor). Up on the first line and Down on the last return
 * FIELD_IGNORED, so that a form can move to the field above or below.
 * Needs te_layout first (te_draw does it). Returns FIELD_*. */
int te_key(struct textedit *te, tkey key);

/* Draw lines top .. top+height-1 of the layout at width in the box y, x,
 * height x width with attr, scrolling so that the cursor line is visible;
 * the rest of the box is filled with attr. When cur_y / cur_x are not NULL
 * they receive the screen position of the cursor (-1 when not visible). */
void te_draw(struct textedit *te, int y, int x, int height, int width, attr_t attr,
	     int *cur_y, int *cur_x);

/* Edit text in an external editor: $VISUAL, else $EDITOR, else nano, else
 * vi (the first found on PATH; an editor given with arguments, "emacs -nw",
 * works). The terminal is handed over (endwin) and taken back after. The
 * text goes through a temporary file of mode 0600 in $TMPDIR (else /tmp)
 * that is removed afterwards. *out: the edited text (caller frees; a final
 * newline the editor adds is dropped), or NULL when the editor failed or
 * exited with a non-zero status (err says why; the text is unchanged then).
 * Returns IBIS_OK or IBIS_EINPUT. */
enum ibis_status te_external(struct tui *t, const char *text, char **out,
			     struct ibis_error *err);

#endif
