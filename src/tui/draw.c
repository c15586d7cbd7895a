/* draw.c - colours, text measured per character, and the lines every screen
 * shares: the header, the read-only banner and the key bar. */
#include "tui_internal.h"

#include <assert.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ibis/app.h"
#include "ibis/db.h"

/* ================================================================ colours */

/* One row per role: the colour pair (-1 = the terminal's default), extra
 * attributes with colour, and the attributes used without colour (NO_COLOR,
 * kleur = nee, or a terminal that has none). Everything must stay readable
 * in the monochrome column alone. */
static const struct style {
	short fg, bg;
	attr_t colour;
	attr_t mono;
} styles[] = {
	[ROLE_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
	[ROLE_HEADER] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD },
	[ROLE_COLUMNS] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[ROLE_SELECTED] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[ROLE_KEY] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[ROLE_KEYLABEL] = { -1, -1, A_NORMAL, A_NORMAL },
	[ROLE_BANNER] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD | A_UNDERLINE },
	[ROLE_ERROR] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD },
	[ROLE_DIALOG] = { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_NORMAL },
	[ROLE_PROMPT] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[ROLE_LABEL] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[ROLE_DIM] = { -1, -1, A_DIM, A_NORMAL },
	/* Red alone in colour (the "!" beside it says it too): bold would add a
	 * reset of every attribute before and after the date on each row. */
	[ROLE_OVERDUE] = { COLOR_RED, -1, A_NORMAL, A_BOLD },
	[ROLE_LEVEL1] = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[ROLE_LEVEL2] = { COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
	[ROLE_LEVEL3] = { COLOR_YELLOW, -1, A_NORMAL, A_NORMAL },
	[ROLE_LEVEL4] = { COLOR_MAGENTA, -1, A_NORMAL, A_BOLD },
	[ROLE_LEVEL5] = { COLOR_RED, -1, A_NORMAL, A_BOLD },
	[ROLE_LEVEL6] = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[ROLE_LEVEL7] = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
	[ROLE_LEVEL8] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[ROLE_LEVEL9] = { COLOR_WHITE, -1, A_BOLD, A_BOLD },
	/* The heat map of the HGW grid: red (1) to green (4) as background,
	 * so a whole column reads at a glance; without colour the cell's
	 * symbol (-- - + ++) says the same. */
	[ROLE_SCORE1] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD },
	[ROLE_SCORE2] = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_NORMAL },
	[ROLE_SCORE3] = { COLOR_BLACK, COLOR_GREEN, A_NORMAL, A_NORMAL },
	[ROLE_SCORE4] = { COLOR_WHITE, COLOR_GREEN, A_BOLD, A_BOLD },
};
static_assert(ARRAY_LEN(styles) == ROLE_COUNT, "one style per role");

void draw_init_colours(struct tui *t, bool want)
{
	t->colour = false;
	if (!want || !has_colors())
		return;
	if (start_color() == ERR || COLORS < 8 || COLOR_PAIRS <= ROLE_COUNT)
		return;
	bool defaults = use_default_colors() == OK;
	for (int r = 1; r < ROLE_COUNT; r++) {
		short fg = styles[r].fg, bg = styles[r].bg;
		if (!defaults) {
			if (fg < 0)
				fg = COLOR_WHITE;
			if (bg < 0)
				bg = COLOR_BLACK;
		}
		init_pair((short)r, fg, bg);
	}
	/* Plain text and blank cells get a pair of their own with the default
	 * colours. ncurses resets every attribute (sgr0) whenever it goes back
	 * to "no attribute at all"; with plain text in a pair of its own, going
	 * from a coloured cell back to it is one "default foreground" instead,
	 * 11 bytes less per coloured cell on every redrawn row. */
	init_pair((short)ROLE_COUNT, defaults ? -1 : COLOR_WHITE, defaults ? -1 : COLOR_BLACK);
	bkgdset(COLOR_PAIR(ROLE_COUNT) | ' ');
	t->colour = true;
}

attr_t role_attr(const struct tui *t, enum role r)
{
	if (r < 0 || r >= ROLE_COUNT)
		r = ROLE_NORMAL;
	if (!t->colour)
		return styles[r].mono;
	if (r == ROLE_NORMAL)
		return COLOR_PAIR(ROLE_COUNT);
	return COLOR_PAIR(r) | styles[r].colour;
}

enum role score_role(int score)
{
	if (score < 1 || score > 4)
		return ROLE_NORMAL;
	return (enum role)(ROLE_SCORE1 + score - 1);
}

enum role level_role(int position)
{
	if (position < 1)
		position = 1;
	if (position > 9)
		position = 9;
	return (enum role)(ROLE_LEVEL1 + position - 1);
}

/* ================================================================== text */

wchar_t *to_wide(const char *s, size_t *n)
{
	size_t len = s ? strlen(s) : 0;
	wchar_t *w = xmalloc((len + 1) * sizeof(*w));
	mbstate_t st = { 0 };
	size_t i = 0, k = 0;

	while (i < len) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, s + i, len - i, &st);
		if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
			memset(&st, 0, sizeof(st));
			wc = L'?';
			r = 1;
		}
		w[k++] = wc;
		i += r;
	}
	w[k] = L'\0';
	*n = k;
	return w;
}

/* Columns of one character as drawn: unprintable ones are drawn as '?'. */
static int wc_cols(wchar_t wc)
{
	int w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

static wchar_t wc_printable(wchar_t wc)
{
	return wcwidth(wc) < 0 ? L'?' : wc;
}

char *from_wide(const wchar_t *w, size_t n)
{
	struct strbuf sb = { 0 };
	mbstate_t st = { 0 };
	char mb[MB_LEN_MAX];

	sb_add(&sb, "");
	for (size_t i = 0; i < n; i++) {
		size_t r = wcrtomb(mb, w[i], &st);
		if (r == (size_t)-1) {
			memset(&st, 0, sizeof(st));
			sb_addc(&sb, '?');
		} else {
			sb_addn(&sb, mb, r);
		}
	}
	return sb_take(&sb);
}

int text_cols(const char *s)
{
	size_t n;
	wchar_t *w = to_wide(s, &n);
	int cols = 0;

	for (size_t i = 0; i < n; i++)
		cols += wc_cols(w[i]);
	free(w);
	return cols;
}

/* How many characters of w fit in width columns; *cols receives their width. */
static size_t fit_chars(const wchar_t *w, size_t n, int width, int *cols)
{
	int used = 0;
	size_t i = 0;

	for (; i < n; i++) {
		int c = wc_cols(w[i]);
		if (used + c > width)
			break;
		used += c;
	}
	*cols = used;
	return i;
}

/* The cut of w for width columns with room for an ellipsis when it does not
 * fit whole: *k characters of *cols columns, *cut when something was left. */
static void fit_ellipsis(const wchar_t *w, size_t n, int width, size_t *k, int *cols,
			 bool *cut)
{
	*k = fit_chars(w, n, width, cols);
	*cut = *k < n;
	if (*cut)
		*k = fit_chars(w, n, width - 1, cols);
}

static void add_wide(int y, int x, const wchar_t *w, size_t n, attr_t attr)
{
	wchar_t buf[64];
	size_t done = 0;

	wattrset(stdscr, (int)attr);
	wmove(stdscr, y, x);
	while (done < n) {
		size_t k = 0;
		while (done < n && k < ARRAY_LEN(buf) - 1)
			buf[k++] = wc_printable(w[done++]);
		buf[k] = L'\0';
		waddnwstr(stdscr, buf, (int)k);
	}
	wattrset(stdscr, A_NORMAL);
}

int draw_text(int y, int x, int width, const char *s, attr_t attr)
{
	if (width <= 0 || y < 0 || y >= LINES || x < 0 || x >= COLS)
		return 0;
	if (x + width > COLS)
		width = COLS - x;

	size_t n, k;
	int cols;
	bool cut;
	wchar_t *w = to_wide(s, &n);

	fit_ellipsis(w, n, width, &k, &cols, &cut);
	add_wide(y, x, w, k, attr);
	if (cut) {
		static const wchar_t ell_utf8[] = L"\u2026", ell_ascii[] = L"~";
		add_wide(y, x + cols, wc_cols(0x2026) == 1 ? ell_utf8 : ell_ascii, 1, attr);
		cols++;
	}
	free(w);
	return cols;
}

void draw_fill(int y, int x, int width, attr_t attr)
{
	if (width <= 0 || y < 0 || y >= LINES || x < 0 || x >= COLS)
		return;
	if (x + width > COLS)
		width = COLS - x;
	wattrset(stdscr, (int)attr);
	mvwhline(stdscr, y, x, ' ', width);
	wattrset(stdscr, A_NORMAL);
}

static void wrap_paragraph(const wchar_t *w, size_t n, int width, struct strlist *out)
{
	size_t start = 0;

	if (n == 0) {
		sl_add(out, "");
		return;
	}
	while (start < n) {
		int used = 0;
		size_t i = start, brk = 0;
		bool have_brk = false;

		while (i < n) {
			int c = wc_cols(w[i]);
			if (used + c > width && i > start)
				break;
			if (w[i] == L' ') {
				brk = i;
				have_brk = true;
			}
			used += c;
			i++;
		}
		size_t end = i;
		if (i < n && have_brk && brk > start)
			end = brk;
		/* Trailing spaces of a line are not worth a column. */
		size_t last = end;
		while (last > start && w[last - 1] == L' ')
			last--;
		sl_take(out, from_wide(w + start, last - start));
		start = end;
		while (start < n && w[start] == L' ')
			start++;
	}
}

void text_wrap(const char *s, int width, struct strlist *out)
{
	size_t n;
	wchar_t *w = to_wide(s, &n);
	size_t start = 0;

	if (width < 1)
		width = 1;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || w[i] == L'\n') {
			wrap_paragraph(w + start, i - start, width, out);
			start = i + 1;
		}
	}
	free(w);
}

char *format_count(long long n, char *buf, size_t size)
{
	char digits[32];
	char tmp[48];
	int len = snprintf(digits, sizeof(digits), "%lld", n < 0 ? -n : n);
	int k = 0;

	if (n < 0)
		tmp[k++] = '-';
	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			tmp[k++] = '.';
		tmp[k++] = digits[i];
	}
	tmp[k] = '\0';
	snprintf(buf, size, "%s", tmp);
	return buf;
}

/* ============================================================== shared lines */

/* The banner of a read-only database, also the message when a change is
 * refused: the user reads the same words in both places. */
static const char readonly_banner[] = "Alleen-lezen: wijzigingen worden niet opgeslagen";

bool tui_refuse_readonly(struct tui *t)
{
	struct ibis_error err;

	if (!t->app || !t->app->db || !db_readonly(t->app->db))
		return false;
	ibis_fail(&err, IBIS_EDB, "%s.", readonly_banner);
	err.fault = DBF_READONLY;
	tui_report(t, &err);
	return true;
}

int draw_header(struct tui *t, const char *left, const char *right)
{
	attr_t a = role_attr(t, ROLE_HEADER);
	int y = 0;

	draw_fill(y, 0, COLS, a);
	int rw = right ? text_cols(right) : 0;
	int maxr = COLS - 24;
	if (rw > maxr)
		rw = maxr > 0 ? maxr : 0;
	if (rw > 0)
		draw_text(y, COLS - 1 - rw, rw, right, a);
	draw_text(y, 1, COLS - 2 - (rw > 0 ? rw + 2 : 0), left, a);
	y++;
	if (t->app && t->app->db && db_readonly(t->app->db)) {
		attr_t b = role_attr(t, ROLE_BANNER);
		int w = text_cols(readonly_banner);
		draw_fill(y, 0, COLS, b);
		draw_text(y, w < COLS ? (COLS - w) / 2 : 0, COLS, readonly_banner, b);
		y++;
	}
	return y;
}

/* The key of def to show on the bar: the first that reaches the action (not
 * taken by the screen's own table, not typed into a field), with its letter
 * when the first is a named key. Empty when none is left. */
static void bar_keys(const struct keydef *def, const struct keydef *screen_table, bool typing,
		     char *buf, size_t size)
{
	tkey usable[ARRAY_LEN(def->keys)];
	size_t n = 0;
	char a[32], b[32];

	for (size_t i = 0; i < ARRAY_LEN(def->keys) && def->keys[i]; i++) {
		tkey k = def->keys[i];
		if (screen_table && def != keytable_find(screen_table, k) &&
		    keytable_find(screen_table, k))
			continue;
		if (typing && key_is_text(k))
			continue;
		usable[n++] = k;
	}
	buf[0] = '\0';
	if (n == 0)
		return;
	tkey_name(usable[0], a, sizeof(a));
	/* A named key with its letter: "F1/?", "Esc/q". */
	if (n > 1 && !key_is_text(usable[0]) && key_is_text(usable[1]))
		snprintf(buf, size, "%s/%s", a, tkey_name(usable[1], b, sizeof(b)));
	else
		snprintf(buf, size, "%s", a);
}

int keybar_items(const struct keydef *table, bool typing, bool first, bool help,
		 struct bar_item *out, int max)
{
	int n = 0;

	for (const struct keydef *d = table; d && d->action && n < max; d++) {
		if (!d->label)
			continue;
		bar_keys(d, NULL, typing, out[n].keys, sizeof(out[n].keys));
		if (!out[n].keys[0])
			continue;
		out[n++].label = d->label;
	}
	for (const struct keydef *d = global_keys; d->action && n < max; d++) {
		if (!d->label || (d->action == GA_HELP && help))
			continue;
		bar_keys(d, table, typing, out[n].keys, sizeof(out[n].keys));
		if (!out[n].keys[0])
			continue;
		out[n++].label = d->action == GA_BACK && first ? "Afsluiten" : d->label;
	}
	return n;
}

int keybar_width(const struct bar_item *items, int n)
{
	int w = 0;

	for (int i = 0; i < n; i++)
		w += (i ? 2 : 0) + text_cols(items[i].keys) + 1 + text_cols(items[i].label);
	return w;
}

void draw_keybar(struct tui *t, struct screen *top)
{
	const struct keydef *table = top->ops->keymap ? top->ops->keymap(top) : NULL;
	bool typing = top->ops->typing && top->ops->typing(top);
	struct bar_item items[24];
	int n = keybar_items(table, typing, t->depth <= 1, top->ops == &help_screen, items,
			     (int)ARRAY_LEN(items));
	int x = 0;

	draw_fill(LINES - 1, 0, COLS, role_attr(t, ROLE_KEYLABEL));
	/* What does not fit is left off whole rather than cut. */
	for (int i = 0; i < n; i++) {
		int kw = text_cols(items[i].keys), lw = text_cols(items[i].label);
		if (x + kw + 1 + lw > COLS)
			break;
		draw_text(LINES - 1, x, kw, items[i].keys, role_attr(t, ROLE_KEY));
		draw_text(LINES - 1, x + kw + 1, lw, items[i].label, role_attr(t, ROLE_KEYLABEL));
		x += kw + 1 + lw + 2;
	}
}

char *level_label(const struct tui *t, int position, const char *short_name)
{
	static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };

	if (position <= 0)
		return xstrdup(t->utf8 ? "—" : "-");
	if (t->utf8) {
		int i = position - 1;
		if (i >= (int)ARRAY_LEN(bars))
			i = (int)ARRAY_LEN(bars) - 1;
		if (short_name)
			return xasprintf("%s %s", bars[i], short_name);
		return xasprintf("%s niveau %d", bars[i], position);
	}
	if (short_name)
		return xasprintf("[%d] %s", position, short_name);
	return xasprintf("[%d] niveau %d", position, position);
}
