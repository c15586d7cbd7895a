/* tui.c - the terminal, the screen stack and the event loop.
 *
 * The loop owns drawing, resizing and the global keys; screens only say what
 * changed through the flags their handlers return (compare htop's
 * ScreenManager). Every way out - a normal quit, SIGTERM, SIGHUP, exit() from
 * deep inside (out of memory) - restores the terminal.
 */
#include "tui_internal.h"

#include <ncursesw/term.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ibis/app.h"
#include "ibis/tui.h"

/* ================================================================ signals */

/* Set by the handlers, read by the loop between keys. A blocking read is
 * interrupted by the signal (no SA_RESTART), and the read also times out now
 * and then, so a signal that lands just before the read is seen too. */
static volatile sig_atomic_t stop_signal;
static volatile sig_atomic_t interrupt_signal;

/* How long a read waits before the loop looks at the signal flags again. */
#define READ_TIMEOUT_MS 1000

static void on_stop(int sig)
{
	stop_signal = sig;
}

static void on_interrupt(int sig)
{
	(void)sig;
	interrupt_signal = 1;
}

static const int stop_signals[] = { SIGTERM, SIGHUP, SIGQUIT };

struct saved_signals {
	struct sigaction stop[ARRAY_LEN(stop_signals)];
	struct sigaction intr;
};

static void install_signals(struct saved_signals *saved)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;
	for (size_t i = 0; i < ARRAY_LEN(stop_signals); i++)
		sigaction(stop_signals[i], &sa, &saved->stop[i]);
	sa.sa_handler = on_interrupt;
	sigaction(SIGINT, &sa, &saved->intr);
}

static void restore_signals(const struct saved_signals *saved)
{
	for (size_t i = 0; i < ARRAY_LEN(stop_signals); i++)
		sigaction(stop_signals[i], &saved->stop[i], NULL);
	sigaction(SIGINT, &saved->intr, NULL);
}

/* ================================================================ terminal */

static SCREEN *term_screen;

/* Also reached through exit() (xmalloc out of memory) while the screens run. */
static void term_restore(void)
{
	if (!term_screen)
		return;
	if (!isendwin())
		endwin();
	delscreen(term_screen);
	term_screen = NULL;
}

/* A terminal ibis can draw on: known to terminfo and able to move the
 * cursor (TERM=dumb cannot). Asked of terminfo before curses starts, so that a
 * refusal leaves the terminal untouched. */
static bool term_usable(void)
{
	const char *term = getenv("TERM");
	int err = 0;
	bool ok = false;

	if (setupterm(NULL, STDOUT_FILENO, &err) == OK) {
		const char *cup = tigetstr("cup");
		ok = cup && cup != (const char *)-1;
		del_curterm(cur_term);
	}
	if (!ok)
		fprintf(stderr, "ibis: met de terminal '%s' kan ibis geen scherm tekenen; zet TERM "
				"goed (bijvoorbeeld TERM=xterm-256color) of gebruik een subcommando.\n",
			term ? term : "");
	return ok;
}

static bool term_start(struct tui *t)
{
	static bool registered;

	if (!term_usable())
		return false;
	term_screen = newterm(NULL, stdout, stdin);
	if (!term_screen) {
		fprintf(stderr, "ibis: de terminal kon niet worden geopend.\n");
		return false;
	}
	set_term(term_screen);
	if (!registered) {
		atexit(term_restore);
		registered = true;
	}
	/* raw, not cbreak: Ctrl-S and Ctrl-Q must reach us (flow control off),
	 * and Ctrl-C arrives as a key we answer like q. */
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	idlok(stdscr, TRUE);
	leaveok(stdscr, FALSE);
	/* The short escape delay makes Esc and arrows answer at once, also over
	 * SSH; ESCDELAY in the environment wins (ncurses read it already). */
	if (!getenv("ESCDELAY"))
		set_escdelay(t->app->cfg.escdelay_ms);
	wtimeout(stdscr, READ_TIMEOUT_MS);
	keys_setup();
	curs_set(0);

	const char *nc = getenv("NO_COLOR");
	draw_init_colours(t, t->app->cfg.colour && nc == NULL);
	t->utf8 = locale_is_utf8();
	return true;
}

/* ================================================================= stack */

bool tui_size_ok(void)
{
	return COLS >= TUI_MIN_COLS && LINES >= TUI_MIN_LINES;
}

static void screen_free(struct tui *t, struct screen *s)
{
	if (s->ops->leave)
		s->ops->leave(s, t);
	free(s->state);
	free(s);
}

void tui_remove(struct tui *t, struct screen *s)
{
	for (int i = t->depth - 1; i >= 0; i--) {
		if (t->stack[i] != s)
			continue;
		memmove(t->stack + i, t->stack + i + 1,
			(size_t)(t->depth - i - 1) * sizeof(*t->stack));
		t->depth--;
		screen_free(t, s);
		return;
	}
}

int tui_push(struct tui *t, const struct screen_ops *ops, const void *arg)
{
	struct screen *s = xcalloc(1, sizeof(*s));

	s->ops = ops;
	s->state = ops->state_size ? xcalloc(1, ops->state_size) : NULL;
	if (t->depth == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->stack = xrealloc(t->stack, (size_t)t->cap * sizeof(*t->stack));
	}
	t->stack[t->depth++] = s;
	int r = ops->enter ? ops->enter(s, t, arg) : 0;
	if (r & TR_POP)
		tui_remove(t, s);
	return r;
}

void tui_report(struct tui *t, const struct ibis_error *err)
{
	if (t->has_error)
		return;
	t->error = *err;
	t->has_error = true;
}

/* Show a reported error as a message dialog. */
static void show_error(struct tui *t)
{
	if (!t->has_error)
		return;
	struct ibis_error e = t->error;
	char *text;

	if (e.detail[0] && t->app->verbose)
		text = xasprintf("%s\n\n(%s)", e.message, e.detail);
	else
		text = xstrdup(e.message[0] ? e.message : "Er ging iets mis.");
	struct dialog_arg arg = {
		.title = "Fout",
		.text = text,
		.error = true,
	};
	tui_push(t, &dialog_screen, &arg);
	free(text);
	/* Cleared after the push, so that an error while the dialog itself
	 * opens cannot stack dialogs without end. */
	t->has_error = false;
}

/* ================================================================== draw */

static void draw_too_small(struct tui *t)
{
	char *msg = xasprintf("Het venster is te klein: minstens %d%s%d nodig, nu %d%s%d.",
			      TUI_MIN_COLS, t->utf8 ? "×" : "x", TUI_MIN_LINES, COLS,
			      t->utf8 ? "×" : "x", LINES);
	struct strlist rows = { 0 };
	int width = COLS > 4 ? COLS - 2 : COLS;

	text_wrap(msg, width, &rows);
	int n = (int)rows.len < LINES ? (int)rows.len : LINES;
	int y0 = (LINES - n) / 2;
	for (int i = 0; i < n; i++) {
		int w = text_cols(rows.items[i]);
		int x = w < COLS ? (COLS - w) / 2 : 0;
		draw_text(y0 + i, x, COLS - x, rows.items[i], role_attr(t, ROLE_BANNER));
	}
	sl_free(&rows);
	free(msg);
}

static void draw_all(struct tui *t)
{
	werase(stdscr);
	t->want_cursor = false;
	if (!tui_size_ok()) {
		draw_too_small(t);
	} else if (t->depth > 0) {
		/* From the lowest screen that is visible: overlays show what is
		 * under them. */
		int from = t->depth - 1;
		while (from > 0 && (t->stack[from]->ops->flags & SCREEN_OVERLAY))
			from--;
		for (int i = from; i < t->depth; i++) {
			t->want_cursor = false;
			t->stack[i]->ops->draw(t->stack[i], t);
		}
		draw_keybar(t, t->stack[t->depth - 1]);
	}
	if (t->want_cursor) {
		curs_set(1);
		leaveok(stdscr, FALSE);
		wmove(stdscr, t->cursor_y, t->cursor_x);
	} else {
		curs_set(0);
		/* The cursor is hidden: leave it wherever the update ends instead
		 * of moving it back to a corner, one sequence less on every key. */
		leaveok(stdscr, TRUE);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* ================================================================== keys */

static int global_action(struct tui *t, int action)
{
	switch (action) {
	case GA_HELP:
		if (t->stack[t->depth - 1]->ops == &help_screen)
			return TR_HANDLED;
		tui_push(t, &help_screen, t->stack[t->depth - 1]);
		return TR_HANDLED | TR_REDRAW;
	case GA_QUIT:
		return TR_HANDLED | TR_QUIT;
	case GA_BACK:
		if (t->depth > 1)
			return TR_HANDLED | TR_POP;
		dialog_ask_quit(t);
		return TR_HANDLED | TR_REDRAW;
	case GA_INTERRUPT:
		dialog_ask_quit(t);
		return TR_HANDLED | TR_REDRAW;
	case GA_REDRAW:
		clearok(curscr, TRUE);
		return TR_HANDLED | TR_REDRAW;
	default:
		return 0;
	}
}

/* Hand key to the screen on top, then to the global table. */
static int dispatch(struct tui *t, tkey key)
{
	struct screen *s = t->stack[t->depth - 1];
	const struct keydef *table = s->ops->keymap ? s->ops->keymap(s) : NULL;
	const struct keydef *d = keytable_find(table, key);
	int r;

	if (d) {
		r = s->ops->action(s, t, d->action, key);
	} else if (s->ops->typing && s->ops->typing(s) && key_is_text(key)) {
		r = s->ops->input ? s->ops->input(s, t, key) : TR_HANDLED;
	} else if ((d = keytable_find(global_keys, key))) {
		r = global_action(t, d->action);
	} else {
		return 0;
	}
	if ((r & TR_POP) && !(r & TR_QUIT))
		tui_remove(t, s);
	return r;
}

/* While the window is too small nothing is visible to act on, so only the
 * keys that leave or repaint count. */
static int dispatch_small(struct tui *t, tkey key)
{
	const struct keydef *d = keytable_find(global_keys, key);

	if (d && (d->action == GA_QUIT || d->action == GA_REDRAW))
		return global_action(t, d->action);
	return 0;
}

/* ================================================================= ticks */

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Give every screen with a tick its turn, at most once a second however
 * fast keys arrive, so that typing never waits on a screen's timed work. */
static int run_ticks(struct tui *t)
{
	static long long last;
	long long now = now_ms();
	int r = 0;

	if (now - last < READ_TIMEOUT_MS)
		return 0;
	last = now;
	for (int i = 0; i < t->depth; i++) {
		struct screen *s = t->stack[i];
		if (s->ops->tick)
			r |= s->ops->tick(s, t);
	}
	return r;
}

/* ================================================================== run */

int tui_run(struct app *app)
{
	struct tui t;
	struct saved_signals saved;
	int status = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "ibis: geen terminal; start ibis in een terminal, of gebruik een "
				"subcommando (ibis --help).\n");
		return IBIS_EUSAGE;
	}
	memset(&t, 0, sizeof(t));
	t.app = app;
	stop_signal = 0;
	interrupt_signal = 0;
	if (!term_start(&t))
		return IBIS_EUSAGE;
	install_signals(&saved);

	bool quit = false;
	bool redraw = true;
	int r = tui_push(&t, &pupils_screen, NULL);
	if (r & TR_QUIT)
		quit = true;

	while (!quit && t.depth > 0) {
		if (t.has_error) {
			show_error(&t);
			redraw = true;
		}
		if (redraw) {
			draw_all(&t);
			/* A draw may fetch rows and fail: show that at once. */
			if (t.has_error)
				continue;
			redraw = false;
		}
		if (stop_signal) {
			status = 128 + stop_signal;
			break;
		}
		if (interrupt_signal) {
			interrupt_signal = 0;
			if (tui_size_ok())
				dialog_ask_quit(&t);
			redraw = true;
			continue;
		}

		tkey key = key_read(stdscr, READ_TIMEOUT_MS);
		if (run_ticks(&t) & TR_REDRAW)
			redraw = true;
		if (key == 0)
			continue;
		if (key == TK_RESIZE) {
			redraw = true;
			continue;
		}
		r = tui_size_ok() ? dispatch(&t, key) : dispatch_small(&t, key);
		if (r & TR_QUIT)
			quit = true;
		if (r & (TR_REDRAW | TR_POP))
			redraw = true;
	}

	while (t.depth > 0)
		tui_remove(&t, t.stack[t.depth - 1]);
	free(t.stack);
	term_restore();
	restore_signals(&saved);
	return status;
}
