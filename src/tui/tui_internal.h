/* tui_internal.h - what the screens and widgets of src/tui share.
 *
 * The loop (tui.c) owns a stack of screens. A screen is one file exporting a
 * `const struct screen_ops`; the loop reads a key, looks it up in the key table
 * of the screen on top, then in the global table (keys.c), and acts on the
 * result flags the handler returns. Drawing is always a full pass over the
 * visible screens into stdscr, followed by one doupdate(): ncurses compares with
 * what the terminal shows and sends only the cells that changed, which keeps a
 * slow SSH link quick without any bookkeeping of our own.
 *
 * Only src/tui includes ncurses.
 */
#ifndef IBIS_TUI_INTERNAL_H
#define IBIS_TUI_INTERNAL_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <ncursesw/curses.h>

#include <stdbool.h>
#include <wchar.h>

#include "ibis/error.h"
#include "ibis/util.h"

struct app;
struct tui;
struct screen;

/* ===================================================================== keys */

/* A key as the screens see it: a character is its code point; a function key
 * (KEY_* of ncurses) is TK_FN | code, so the two ranges never meet (ncurses'
 * codes 0401.. overlap real characters such as U+0101). Enter and Backspace
 * arrive in several forms and are folded into one code each. */
typedef int tkey;
#define TK_FN 0x01000000
#define TK_KEY(k) (TK_FN | (k))
#define TK_CTRL(c) ((c) & 0x1f)
#define TK_ESC 27
#define TK_TAB '\t'
#define TK_ENTER TK_KEY(KEY_ENTER)
#define TK_BACKSPACE TK_KEY(KEY_BACKSPACE)
#define TK_UP TK_KEY(KEY_UP)
#define TK_DOWN TK_KEY(KEY_DOWN)
#define TK_LEFT TK_KEY(KEY_LEFT)
#define TK_RIGHT TK_KEY(KEY_RIGHT)
#define TK_PGUP TK_KEY(KEY_PPAGE)
#define TK_PGDN TK_KEY(KEY_NPAGE)
#define TK_HOME TK_KEY(KEY_HOME)
#define TK_END TK_KEY(KEY_END)
#define TK_DELETE TK_KEY(KEY_DC)
#define TK_BTAB TK_KEY(KEY_BTAB)
#define TK_F(n) TK_KEY(KEY_F(n))
#define TK_RESIZE TK_KEY(KEY_RESIZE)
/* Ctrl-Left / Ctrl-Right (a word back / on): ncurses has no fixed code for
 * them, keys_setup binds the xterm sequences to these. */
#define TK_CTRL_LEFT TK_KEY(KEY_MAX + 1)
#define TK_CTRL_RIGHT TK_KEY(KEY_MAX + 2)

/* One action of a screen, declared once: the keys that trigger it, its label
 * on the bottom key bar (NULL: only in the help screen) and its help text. The
 * same row drives dispatch, the key bar and the help screen, so they cannot
 * drift apart. A table ends with an entry whose action is 0. */
struct keydef {
	int action;          /* > 0, the screen's own enum */
	tkey keys[8];        /* 0-terminated; keys[0] is shown on the key bar */
	const char *label;   /* short Dutch label for the key bar, or NULL */
	const char *help;    /* Dutch sentence for the help screen */
};

/* The entry of table that key triggers, or NULL. */
const struct keydef *keytable_find(const struct keydef *table, tkey key);
/* Number of entries before the terminating one. */
int keytable_len(const struct keydef *table);
/* Name of a key for the key bar and help: "Enter", "PgDn", "F1", "Ctrl-L", "/".
 * Written into buf (at least 16 bytes); returns buf. */
char *tkey_name(tkey key, char *buf, size_t size);
/* All keys of def, ", " separated. Caller frees. */
char *keydef_keys(const struct keydef *def);
/* Read one key, normalised (Enter, Backspace); 0 when nothing was read
 * (timeout, interrupted by a signal, an unknown escape sequence). delay is the
 * window's read timeout in ms, restored after peeking past an Esc. */
tkey key_read(WINDOW *win, int delay);
/* Teach ncurses the Home/End/... sequences of terminals whose terminfo entry
 * lacks them. Call once after the terminal is set up. */
void keys_setup(void);
/* True when the locale is UTF-8: arrows, bars and "…" may be drawn (main
 * sets the locale first). */
bool locale_is_utf8(void);
/* True when key is a character that can be typed into a text field. */
bool key_is_text(tkey key);

/* The keys that work on every screen (a screen's own table wins). */
enum global_action {
	GA_HELP = 1,
	GA_QUIT,
	GA_BACK,
	GA_REDRAW,
	GA_INTERRUPT,
};
extern const struct keydef global_keys[];

/* ================================================================= screens */

/* Result flags of a key handler and of enter. */
enum {
	TR_HANDLED = 1 << 0, /* the key did something (or was deliberately eaten) */
	TR_REDRAW = 1 << 1,  /* draw again */
	TR_POP = 1 << 2,     /* close this screen */
	TR_QUIT = 1 << 3,    /* leave ibis */
};

enum {
	SCREEN_OVERLAY = 1 << 0, /* drawn over the screen below it (dialogs) */
};

struct screen_ops {
	const char *name;     /* Dutch title, used by the help screen */
	unsigned flags;       /* SCREEN_* */
	size_t state_size;    /* private state, zeroed before enter */
	/* Set up with the argument given to tui_push. Returns result flags;
	 * TR_POP when the screen cannot open (it has reported why). */
	int (*enter)(struct screen *s, struct tui *t, const void *arg);
	/* Draw into stdscr, rows 0 .. LINES-2 (the key bar is the loop's). */
	void (*draw)(struct screen *s, struct tui *t);
	/* Every table keymap can return, NULL-terminated (the unit tests check
	 * them for clashes and for a key bar that fits). */
	const struct keydef *const *tables;
	/* The key table in force now (a screen may switch with its mode). */
	const struct keydef *(*keymap)(struct screen *s);
	/* Act on an action of the key table; key is the key that triggered it. */
	int (*action)(struct screen *s, struct tui *t, int action, tkey key);
	/* Optional: true while the screen types into a text field; then the
	 * characters that are in no table of the screen go to input (not to the
	 * global keys, so "q" and "?" can be typed). */
	bool (*typing)(struct screen *s);
	int (*input)(struct screen *s, struct tui *t, tkey key);
	/* Optional: free the private state. */
	void (*leave)(struct screen *s, struct tui *t);
	/* Optional: called about once a second while the screen is anywhere on
	 * the stack (after each key and each idle read), for work that waits
	 * for time to pass (the plan editor's autosave). Returns result flags
	 * (TR_REDRAW). */
	int (*tick)(struct screen *s, struct tui *t);
};

struct screen {
	const struct screen_ops *ops;
	void *state;
};

/* What the loop shares with the screens. */
struct tui {
	struct app *app;
	struct screen **stack;
	int depth, cap;
	bool colour;          /* colours in use (else the monochrome attributes) */
	bool utf8;            /* the locale is UTF-8: ▁▂▃, →, … may be drawn */
	bool want_cursor;     /* set by a draw: show the cursor at cursor_y/x */
	int cursor_y, cursor_x;
	bool has_error;       /* an error to show once the draw is done */
	struct ibis_error error;
	/* Bumped by every screen that saved a change, so that the screens
	 * below it read their data again when they are drawn next. */
	unsigned changes;
	long long saved_pupil; /* the pupil saved last (0: none), for the list */
};

/* Push a screen; arg is handed to its enter. Returns enter's flags (TR_POP
 * already acted on: the screen is gone again). */
int tui_push(struct tui *t, const struct screen_ops *ops, const void *arg);
/* Remove s from the stack wherever it is (a dialog closing the screen that
 * opened it); its leave runs now. */
void tui_remove(struct tui *t, struct screen *s);
/* When the database is read-only: report so (the banner's words) and return
 * true; a screen calls it before it starts a change. */
bool tui_refuse_readonly(struct tui *t);
/* Show err in a message dialog once the current draw or key is done (the
 * first error wins until it is dismissed). */
void tui_report(struct tui *t, const struct ibis_error *err);
/* True when the terminal is large enough for the screens (80x24). */
bool tui_size_ok(void);

#define TUI_MIN_COLS 80
#define TUI_MIN_LINES 24

/* ===================================================================== draw */

/* The colour roles. Each has a colour pair and a monochrome attribute. */
enum role {
	ROLE_NORMAL = 0,
	ROLE_HEADER,    /* top line of a screen */
	ROLE_COLUMNS,   /* column headings */
	ROLE_SELECTED,  /* the cursor row */
	ROLE_KEY,       /* a key on the key bar */
	ROLE_KEYLABEL,  /* its label */
	ROLE_BANNER,    /* read-only banner */
	ROLE_ERROR,     /* error dialog, error lines */
	ROLE_DIALOG,    /* dialog body */
	ROLE_PROMPT,    /* input line */
	ROLE_LABEL,     /* labels of facts, section titles */
	ROLE_DIM,       /* secondary text */
	ROLE_OVERDUE,   /* a date that has passed (drawn with a "!" too) */
	ROLE_LEVEL1, ROLE_LEVEL2, ROLE_LEVEL3, ROLE_LEVEL4, ROLE_LEVEL5,
	ROLE_LEVEL6, ROLE_LEVEL7, ROLE_LEVEL8, ROLE_LEVEL9,
	ROLE_SCORE1, ROLE_SCORE2, ROLE_SCORE3, ROLE_SCORE4, /* heat map 1-4 */
	ROLE_COUNT
};

/* Start colours when wanted and possible; sets t->colour. */
void draw_init_colours(struct tui *t, bool want);
/* The attribute of a role under the current colour mode. */
attr_t role_attr(const struct tui *t, enum role r);
/* The heat-map role of a score 1-4 (ROLE_NORMAL for anything else). */
enum role score_role(int score);
/* The role of a level position (1-based; clamped to 1..9). */
enum role level_role(int position);

/* Text of the locale (UTF-8) to wide characters; a byte that does not decode
 * becomes '?'. *n receives the number of characters. Caller frees. */
wchar_t *to_wide(const char *s, size_t *n);
/* n wide characters back to the locale's multibyte text. Caller frees. */
char *from_wide(const wchar_t *w, size_t n);
/* Display width of UTF-8 text (unprintable characters count one: they are
 * drawn as '?'). */
int text_cols(const char *s);
/* Draw UTF-8 s at y,x in at most width columns with attr, cut with an
 * ellipsis when it does not fit. Returns the columns used. */
int draw_text(int y, int x, int width, const char *s, attr_t attr);
/* Fill width columns at y,x with spaces in attr. */
void draw_fill(int y, int x, int width, attr_t attr);
/* Word-wrap UTF-8 s into lines of at most width columns (a word longer than a
 * line is cut hard; "\n" breaks a line); appended to out. */
void text_wrap(const char *s, int width, struct strlist *out);
/* 1234 -> "1.234" (Dutch thousands separator) into buf; returns buf. */
char *format_count(long long n, char *buf, size_t size);

/* The header line (row 0) with left and right texts, and under it the
 * read-only banner when the database is read-only. Returns the first free
 * row. */
int draw_header(struct tui *t, const char *left, const char *right);
/* One "key label" pair of the key bar. */
struct bar_item {
	char keys[48];
	const char *label;
};
/* The pairs of the key bar for a screen's table (which may be NULL) followed
 * by the global keys that still reach their action; first: the screen is the
 * bottom of the stack (Esc quits rather than goes back); help: the screen is
 * the help screen. Returns how many were stored (at most max). */
int keybar_items(const struct keydef *table, bool typing, bool first, bool help,
		 struct bar_item *out, int max);
/* Columns the pairs take on the bar, gaps included. */
int keybar_width(const struct bar_item *items, int n);
/* The key bar on the bottom line for the screen on top. */
void draw_keybar(struct tui *t, struct screen *top);
/* The level of a pupil as "▃ Laag 3" (a bar when UTF-8, "[3]" otherwise, so
 * that it reads without colour). short_name may be NULL. Caller frees. */
char *level_label(const struct tui *t, int position, const char *short_name);

/* ================================================================ widgets */

/* A list of count rows of which height are visible: the cursor and the first
 * visible row. The rows themselves are the screen's (fetched per window). */
struct list {
	int count;
	int cursor;   /* 0 .. count-1; 0 when empty */
	int top;      /* first visible row */
	int height;   /* visible rows, at least 1 */
};

enum list_move { LM_UP, LM_DOWN, LM_PGUP, LM_PGDN, LM_HOME, LM_END };

/* Set the number of rows (cursor and top are kept in range). */
void list_set_count(struct list *l, int count);
/* Set the visible height (after a resize); keeps the cursor visible. */
void list_set_height(struct list *l, int height);
/* Move the cursor; returns true when cursor or top changed. */
bool list_move(struct list *l, enum list_move how);
/* Scroll without a cursor (a text view): top moves, cursor follows top.
 * Returns true when top changed. */
bool list_scroll(struct list *l, enum list_move how);

/* A one-line text field edited in place: wide characters, a cursor and a
 * horizontal scroll. */
struct field {
	wchar_t *text;  /* NUL-terminated; never NULL after field_init */
	int len, cap;   /* in characters */
	int max;        /* most characters accepted */
	int cursor;     /* 0 .. len */
	int scroll;     /* first character shown */
};

enum {
	FIELD_IGNORED = 0,
	FIELD_MOVED,    /* only the cursor moved */
	FIELD_CHANGED,  /* the text changed */
};

void field_init(struct field *f, int max);
void field_free(struct field *f);
/* Replace the text with UTF-8 s (NULL = empty); cursor at the end. */
void field_set(struct field *f, const char *s);
void field_clear(struct field *f);
/* The text as UTF-8. Caller frees. */
char *field_get(const struct field *f);
/* Typing and editing keys: characters, Backspace, Delete, Left, Right, Home,
 * End, Ctrl-U (clear before the cursor), Ctrl-W (word before the cursor).
 * Returns FIELD_*. */
int field_key(struct field *f, tkey key);
/* Draw the field at y,x in width columns; returns the cursor's column. */
int field_draw(struct field *f, int y, int x, int width, attr_t attr);

/* A form: labelled fields, one focused; Tab / Shift-Tab (and Up / Down) move
 * between them, other keys go to the focused field. */
struct form_item {
	const char *label;
	struct field field;
};
struct form {
	struct form_item *items;
	int n;
	int focus;
};

/* A form of n fields with these labels (strings not copied: use literals) and
 * maximum lengths. */
void form_init(struct form *fm, int n, const char *const *labels, const int *max);
void form_free(struct form *fm);
/* Returns FIELD_* (FIELD_MOVED also for a change of focus). */
int form_key(struct form *fm, tkey key);
/* Draw from row y at column x, width columns wide; labels take label_cols.
 * Sets the tui cursor to the focused field. Returns the rows used. */
int form_draw(struct tui *t, struct form *fm, int y, int x, int width, int label_cols);

/* ================================================================= screens */

/* The first screen: the pupil list. */
extern const struct screen_ops pupils_screen;
/* One pupil, read-only: arg is a const ibis_id *. */
extern const struct screen_ops dossier_screen;
/* Help for the screen below: arg is the struct screen * to explain. */
extern const struct screen_ops help_screen;
/* Add a pupil (arg NULL) or edit one (arg a const ibis_id *): pupilform.c. */
extern const struct screen_ops pupilform_screen;
/* The groups of a school year, with their teachers: groups.c. arg NULL. */
extern const struct screen_ops groups_screen;
/* The jaarovergang of a school, preview, exceptions and apply:
 * jaarovergang.c. arg NULL. */
extern const struct screen_ops jaarovergang_screen;
/* Import a pupil file, preview and apply: importscreen.c. arg NULL. */
extern const struct screen_ops import_screen;
/* A pupil's Tijdlijn, the first tab of the dossier: the level step chart
 * with the plans under it and every event beneath; raise or lower the level,
 * add an event: tijdlijn.c. arg: const ibis_id * (the pupil). Tab moves to
 * the next tab (Tijdlijn -> Plannen -> Gegevens -> Tijdlijn; Shift-Tab back),
 * each tab's screen replacing the other on the stack. */
extern const struct screen_ops tijdlijn_screen;
/* The tab line of a pupil's dossier at row y, "[Tijdlijn] | Gegevens" with
 * the current tab marked (brackets and colour), and at its right as many of
 * hints (NULL-terminated, may be NULL) as fit: tijdlijn.c. */
enum dossier_tab { TAB_TIJDLIJN, TAB_PLANNEN, TAB_GEGEVENS };
void dossier_tabs_draw(struct tui *t, int y, enum dossier_tab current,
		       const char *const *hints);
/* Change, correct or withdraw a level step: levelform.c. */
enum levelform_mode {
	LF_CHANGE,   /* a new step (raise or lower) */
	LF_CORRECT,  /* correct the recorded episode episode_id */
	LF_WITHDRAW, /* withdraw the newest episode episode_id */
};
struct levelform_arg {
	enum levelform_mode mode;
	long long pupil_id;   /* ibis_id */
	long long episode_id; /* LF_CORRECT, LF_WITHDRAW */
	int to;              /* LF_CHANGE: level proposed (0: one up from the current) */
};
extern const struct screen_ops levelform_screen;
/* Add an event to a pupil's timeline (date, kind, author, text; a toets
 * with its structured result): eventform.c. arg: const ibis_id *. */
extern const struct screen_ops eventform_screen;
/* Record a TLV or onderwijsarrangement: eventform.c. arg: const ibis_id *. */
extern const struct screen_ops arrangementform_screen;
/* The Overzicht: level distribution per group and the counts per level over
 * the school year: overzicht.c. arg NULL. */
extern const struct screen_ops overzicht_screen;

/* ------------------------------------------------------------------ plans */
struct plan_doc;
struct plan_context;
struct plan_field;
struct plan_member;
struct plan_template;
struct goal;

/* The plans of a pupil (the dossier's Plannen tab, Tab cycles like the
 * other tabs) or of a group (from the Groepen screen): list, new plan,
 * open, logboek entry, versions (snapshots), export: plannen.c. arg: const
 * struct plannen_arg *. */
struct plannen_arg {
	long long pupil_id; /* one of the two is set */
	long long group_id;
};
extern const struct screen_ops plannen_screen;
/* Add a logboek entry to plan plan_id: asks the text (date today, author
 * the user) and saves it at once; after (may be NULL) is called with ctx
 * once it is saved: plannen.c. */
void plan_log_ask(struct tui *t, long long plan_id,
		  int (*after)(void *ctx, struct tui *t), void *ctx);
/* Export plan plan_id as a document: asks Markdown or HTML, writes
 * "<KORT>-<id>-<name>.md|html" in the folder ibis was started from and
 * reports the full path (or why it could not): plannen.c. */
void plan_export_ask(struct tui *t, long long plan_id);

/* The plan editor built from the template: planedit.c. arg: const struct
 * planedit_arg *. */
struct planedit_arg {
	long long plan_id;       /* the plan to open; 0: a new plan */
	const char *template_id; /* a new plan: its template */
	long long pupil_id;      /* a new plan: for this pupil, or */
	long long group_id;      /*   for this group */
	long long draft_id;      /* open this draft (offered at start) instead
				  * of the stored plan; 0: none */
};
extern const struct screen_ops planedit_screen;
/* At start: offer the drafts this login left (a dropped connection, a
 * kill, a crash): "Herstellen", "Later", "Weggooien" for each; Herstellen
 * opens the editor with the draft: planedit.c. */
void plan_drafts_offer(struct tui *t);

/* One SMARTI goal: area, term, target date, text, result, evaluation:
 * goalform.c. done gets the goal as the form holds it (the caller copies
 * it) and returns result flags; nothing is called on cancel. */
struct goalform_arg {
	const struct goal *goal;   /* the goal to edit, or NULL for a new one */
	const char *title;         /* "Doel van OOP Rekenen - Zoë de Vries" */
	long long default_target;  /* ibis_date: a new goal's target (the
				    * plan's end), DATE_NONE when none */
	bool evaluate;             /* start on the result (evaluating) */
	int (*done)(void *ctx, struct tui *t, const struct goal *g);
	void *ctx;
};
extern const struct screen_ops goalform_screen;

/* Divide the pupils of a group over the instruction groups of a leerlingen
 * field: planpupils.c. done gets the field's new members (field_key,
 * group_name, pupil_id, pupil_name set). */
struct planpupils_arg {
	long long group_id;
	const struct plan_field *field;
	const struct plan_doc *doc;  /* the division so far */
	int (*done)(void *ctx, struct tui *t, const struct plan_member *m, int n);
	void *ctx;
};
extern const struct screen_ops planpupils_screen;

/* Move a plan to another status: the statuses the role may choose, the
 * checks of each (what is missing, as plan_check says), and what the move
 * asks for (the parents' instemming date, the evaluation's date and who
 * took part, the next evaluation date): planstatus.c. done gets a copy of
 * doc with the new status and those values set; the caller saves it with a
 * snapshot. */
struct planstatus_arg {
	const struct plan_doc *doc;
	const struct plan_context *rules;
	int role;                    /* enum user_role */
	int (*done)(void *ctx, struct tui *t, const struct plan_doc *moved);
	void *ctx;
};
extern const struct screen_ops planstatus_screen;

/* A colleague saved the plan meanwhile: every part both changed, with both
 * versions side by side; the user chooses per part (m: mijn, c: collega),
 * F2 takes the result: planmerge.c. done gets the merged plan (with the
 * colleague's version, so it can be saved); nothing is called on Esc (the
 * caller keeps its draft). */
struct planmerge_arg {
	const struct plan_template *t;
	const struct plan_doc *base, *mine, *theirs;
	int (*done)(void *ctx, struct tui *t, const struct plan_doc *merged);
	void *ctx;
};
extern const struct screen_ops planmerge_screen;

/* A box that asks and hands the answer back to the screen below: prompt.c.
 * done is called with the answer (choice: 1 for "ja", or the index of the
 * option chosen) and returns result flags; nothing is called when the prompt
 * is cancelled. ctx is the asking screen's state, alive under the prompt. */
enum prompt_kind { PROMPT_ASK, PROMPT_CHOOSE };
typedef int (*prompt_done_fn)(void *ctx, struct tui *t, int id, int choice);
struct prompt_arg {
	enum prompt_kind kind;
	const char *title;
	const char *text;             /* the question or explanation; may hold "\n" */
	bool error;                   /* draw in the error colours */
	const char *const *options;   /* PROMPT_CHOOSE: copied */
	int noptions;
	int selected;                 /* PROMPT_CHOOSE: the option the cursor starts on */
	prompt_done_fn done;
	void *ctx;
	int id;                       /* handed back to done: which question */
};
extern const struct screen_ops prompt_screen;
void prompt_push(struct tui *t, const struct prompt_arg *arg);
/* A PROMPT_CHOOSE titled "School" over the names of schools[0..n-1]; the
 * kind, title and options of arg are set here, the rest is arg's. */
struct school;
void prompt_school(struct tui *t, const struct prompt_arg *arg, const struct school *schools,
		   int n);

/* Dialogs (overlays). */
struct dialog_arg {
	const char *title;
	const char *text;       /* may hold "\n" */
	bool question;          /* j/n; otherwise a message closed with Enter/Esc */
	bool error;             /* draw in the error colours */
	/* On "j": the flags to return (e.g. TR_QUIT). */
	int yes_flags;
	/* On "j", when set: called (ctx handed back) before the dialog closes;
	 * its flags are added to yes_flags. */
	int (*on_yes)(struct tui *t, void *ctx);
	void *ctx;
};
extern const struct screen_ops dialog_screen;
/* The frame of a dialog, filled with attribute a: Unicode lines in a UTF-8
 * locale, the alternate character set elsewhere. */
void draw_box(const struct tui *t, int y, int x, int h, int w, attr_t a);
/* The title " title " in bold on the top line of a box of width w at y, x. */
void draw_box_title(int y, int x, int w, const char *title, attr_t a);
/* The j/n keys of a question (dialog.c, prompt.c): a screen that uses the
 * table numbers its other actions after ANSWER_NO. */
enum { ANSWER_YES = 1, ANSWER_NO };
extern const struct keydef answer_keys[];
/* A choice from a list, over the screen below: arrows move, typing narrows
 * the list (diacritics-insensitive), Enter chooses, Esc cancels. */
struct picker_arg {
	const char *title;
	const struct strlist *items; /* the labels (copied) */
	int current;                 /* item the cursor starts on; -1 = first */
	/* Called with the index in items of the choice; returns result flags
	 * (it may push a screen of its own). */
	int (*on_pick)(struct tui *t, void *ctx, int index);
	void *ctx;
};
extern const struct screen_ops picker_screen;
/* --------------------------------------------------------------- documents */

/* Append s to a file name: letters (UTF-8 ones too), digits, '-' and '_'
 * kept; a space or '/' becomes one '-' (none at the start); the rest is left
 * out: docsave.c. */
void doc_name_part(struct strbuf *sb, const char *s);
/* Write text as the file name in the folder ibis was started from, whole or
 * not at all (a temporary file renamed over it; the mode a new file gets).
 * *path gets the full path (caller frees); on failure IBIS_EINPUT with
 * "<what> kan niet worden opgeslagen als <path>: <reason>." (what: "Het
 * plan", "Het document"). */
enum ibis_status doc_save_here(const char *name, const char *text, const char *what,
			       char **path, struct ibis_error *err);

/* ------------------------------------------------------------ school side */

/* The school and school year a school screen opens on. arg NULL: the first
 * school (by name) and the current school year; each screen lets the user
 * change both ('s' another school when there are several, '<' '>' the
 * year), as the Overzicht does. */
struct school_arg {
	long long school_id;  /* 0: the first school */
	int school_year;      /* 0: the current one */
};

/* The HGW-raster: the indicators of a set by section (rows) against school
 * years or the assessors of one year (columns); type 1-4 in a cell, 0 or
 * Delete clears, Enter / 'e' the evidence; section and overall means with
 * the change against last year; a heat map: hgw.c. arg: const struct
 * school_arg * or NULL. */
extern const struct screen_ops hgw_screen;

/* The basisondersteuning checklist: ontwikkelingsgebieden (rows) x aspecten
 * (columns), per cell the norm's text or the school's own, a status, a note
 * and the document it rests on: checklist.c. arg: const struct school_arg *
 * or NULL. */
extern const struct screen_ops checklist_screen;

/* The School screen, the SOP: parts Expertise, Professionalisering,
 * Niveaus, Aanbod, Grenzen (Tab moves between them); rows added, changed
 * and deleted through sopform; H opens the HGW-raster, B the checklist, x
 * exports the SOP or the schoolgids section: school.c. arg: const struct
 * school_arg * or NULL. */
extern const struct screen_ops school_screen;

/* One row of a SOP part, new or changed, saved to the database on F2 (the
 * screen below reads again through t->changes): sopform.c. */
enum sopform_kind { SF_EXPERTISE, SF_TRAINING, SF_OFFER, SF_LIMIT };
struct sopform_arg {
	enum sopform_kind kind;
	const void *row;      /* the record to change (struct sop_expertise,
			       * sop_training, sop_offer or sop_limit), copied;
			       * NULL: a new row */
	long long school_id;  /* a new row: its school and school year */
	int school_year;
};
extern const struct screen_ops sopform_screen;

/* Ask "Ibis afsluiten? (j/n)". */
void dialog_ask_quit(struct tui *t);

#endif
