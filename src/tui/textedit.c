/* textedit.c - the multi-line text field of the plan editor, and handing its
 * text to an external editor.
 *
 * The text is one array of wide characters with '\n' between paragraphs; the
 * layout (the first character of every visual line at the current width) is
 * rebuilt after every change, which at the length of a plan's field is far
 * cheaper than keeping it in step by hand. Every cursor motion is expressed in
 * character positions and the layout, never in screen cells.
 */
#include "textedit.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wctype.h>

/* The width te_key lays out at when nothing was drawn yet: every paragraph
 * one visual line. */
#define TE_UNWRAPPED (1 << 20)

/* ================================================================== text */

static int cols_of(wchar_t wc)
{
	int w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

static void te_reserve(struct textedit *te, int len)
{
	if (len + 1 <= te->cap)
		return;
	while (te->cap < len + 1)
		te->cap *= 2;
	te->text = xrealloc(te->text, (size_t)te->cap * sizeof(wchar_t));
}

void te_init(struct textedit *te, int max)
{
	memset(te, 0, sizeof(*te));
	te->max = max > 0 ? max : 1;
	te->cap = 16;
	te->text = xcalloc((size_t)te->cap, sizeof(wchar_t));
	te->goal_col = -1;
}

void te_free(struct textedit *te)
{
	free(te->text);
	free(te->starts);
	memset(te, 0, sizeof(*te));
}

/* ================================================================ layout */

static void add_start(struct textedit *te, int start)
{
	if (te->nlines == te->lines_cap) {
		te->lines_cap = te->lines_cap ? te->lines_cap * 2 : 16;
		te->starts = xrealloc(te->starts, (size_t)te->lines_cap * sizeof(*te->starts));
	}
	te->starts[te->nlines++] = start;
}

/* The visual lines of the paragraph p .. q-1. Spaces never force a break, so
 * the spaces at a break stay at the end of the line they end; a line breaks
 * before the last word that started on it, or hard when there is none. */
static void layout_paragraph(struct textedit *te, int p, int q, int width)
{
	int start = p;

	for (;;) {
		int used = 0, i = start, brk = -1;
		for (; i < q; i++) {
			int c = cols_of(te->text[i]);
			if (te->text[i] != L' ') {
				if (i > start && te->text[i - 1] == L' ')
					brk = i;
				if (used + c > width && i > start)
					break;
			}
			used += c;
		}
		add_start(te, start);
		if (i == q) {
			/* A full last line gets an empty one after it, so that
			 * the cursor at its end is drawn inside the box. */
			if (used >= width && q > p)
				add_start(te, q);
			return;
		}
		start = brk > start ? brk : i;
	}
}

int te_layout(struct textedit *te, int width)
{
	if (width < 1)
		width = 1;
	te->width = width;
	te->nlines = 0;
	int p = 0;
	for (int i = 0; i <= te->len; i++) {
		if (i == te->len || te->text[i] == L'\n') {
			layout_paragraph(te, p, i, width);
			p = i + 1;
		}
	}
	return te->nlines;
}

static void relayout(struct textedit *te)
{
	te_layout(te, te->width > 0 ? te->width : TE_UNWRAPPED);
}

/* The visual line of position pos: the last that starts at or before it. */
static int line_of(const struct textedit *te, int pos)
{
	int lo = 0, hi = te->nlines - 1;

	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;
		if (te->starts[mid] <= pos)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* One past the last character shown on line k ('\n' excluded). */
static int line_limit(const struct textedit *te, int k)
{
	if (k + 1 >= te->nlines)
		return te->len;
	int e = te->starts[k + 1];
	return e > te->starts[k] && te->text[e - 1] == L'\n' ? e - 1 : e;
}

/* The last position the cursor can take on line k: on its '\n' or at the end
 * of the text; on a wrapped line on its last character, since the position
 * after it is the start of the next line. */
static int line_end(const struct textedit *te, int k)
{
	int lim = line_limit(te, k);

	if (k + 1 < te->nlines && lim == te->starts[k + 1] && lim > te->starts[k])
		return lim - 1;
	return lim;
}

static int cols_between(const struct textedit *te, int from, int to)
{
	int c = 0;

	for (int i = from; i < to; i++)
		c += cols_of(te->text[i]);
	return c;
}

void te_cursor_pos(const struct textedit *te, int *line, int *col)
{
	if (te->nlines == 0) {
		*line = 0;
		*col = cols_between(te, 0, te->cursor);
		return;
	}
	*line = line_of(te, te->cursor);
	*col = cols_between(te, te->starts[*line], te->cursor);
}

/* The position on line k nearest to column col without passing it. */
static int pos_at_col(const struct textedit *te, int k, int col)
{
	int end = line_end(te, k), pos = te->starts[k], used = 0;

	while (pos < end && used + cols_of(te->text[pos]) <= col) {
		used += cols_of(te->text[pos]);
		pos++;
	}
	return pos;
}

/* ================================================================ set / get */

void te_set(struct textedit *te, const char *s)
{
	size_t n;
	wchar_t *w = to_wide(s, &n);
	int k = 0;

	te_reserve(te, (int)(n < (size_t)te->max ? n : (size_t)te->max));
	for (size_t i = 0; i < n && k < te->max; i++) {
		wchar_t c = w[i];
		if (c == L'\r' && i + 1 < n && w[i + 1] == L'\n')
			continue;
		if (c == L'\t')
			c = L' ';
		else if (c != L'\n' && iswcntrl((wint_t)c))
			continue;
		te->text[k++] = c;
	}
	free(w);
	te->text[k] = L'\0';
	te->len = te->cursor = k;
	te->goal_col = -1;
	te->top = 0;
	relayout(te);
	if (te->height > 0) {
		int line = line_of(te, te->cursor);
		if (line >= te->height)
			te->top = line - te->height + 1;
	}
}

char *te_get(const struct textedit *te)
{
	int n = te->len;

	while (n > 0 && iswspace((wint_t)te->text[n - 1]))
		n--;
	return from_wide(te->text, (size_t)n);
}

bool te_empty(const struct textedit *te)
{
	for (int i = 0; i < te->len; i++)
		if (!iswspace((wint_t)te->text[i]))
			return false;
	return true;
}

/* ================================================================ editing */

static int te_delete(struct textedit *te, int from, int to)
{
	if (from < 0)
		from = 0;
	if (to > te->len)
		to = te->len;
	if (from >= to)
		return FIELD_IGNORED;
	wmemmove(te->text + from, te->text + to, (size_t)(te->len - to + 1));
	te->len -= to - from;
	if (te->cursor > to)
		te->cursor -= to - from;
	else if (te->cursor > from)
		te->cursor = from;
	relayout(te);
	return FIELD_CHANGED;
}

static int te_insert(struct textedit *te, wchar_t wc)
{
	if (te->len >= te->max)
		return FIELD_IGNORED;
	te_reserve(te, te->len + 1);
	wmemmove(te->text + te->cursor + 1, te->text + te->cursor,
		 (size_t)(te->len - te->cursor + 1));
	te->text[te->cursor++] = wc;
	te->len++;
	relayout(te);
	return FIELD_CHANGED;
}

/* A letter or digit, or an apostrophe inside a word ("auto's", "zo'n"). */
static bool is_word(const struct textedit *te, int i)
{
	wchar_t c = te->text[i];

	if (iswalnum((wint_t)c))
		return true;
	return (c == L'\'' || c == 0x2019) && i > 0 && i + 1 < te->len &&
	       iswalnum((wint_t)te->text[i - 1]) && iswalnum((wint_t)te->text[i + 1]);
}

static int word_right(const struct textedit *te, int pos)
{
	while (pos < te->len && is_word(te, pos))
		pos++;
	while (pos < te->len && !is_word(te, pos))
		pos++;
	return pos;
}

static int word_left(const struct textedit *te, int pos)
{
	while (pos > 0 && !is_word(te, pos - 1))
		pos--;
	while (pos > 0 && is_word(te, pos - 1))
		pos--;
	return pos;
}

static int move_to(struct textedit *te, int pos)
{
	if (pos == te->cursor)
		return FIELD_IGNORED;
	te->cursor = pos;
	return FIELD_MOVED;
}

/* Up / Down / PgUp / PgDn: lines visual lines down (negative: up), keeping
 * the goal column. */
static int move_lines(struct textedit *te, int lines)
{
	int line, col;

	te_cursor_pos(te, &line, &col);
	if (te->goal_col < 0)
		te->goal_col = col;
	int to = line + lines;
	if (to < 0)
		to = 0;
	if (to > te->nlines - 1)
		to = te->nlines - 1;
	if (to == line) {
		/* The form takes the key (focus moves on): nothing to keep. */
		te->goal_col = -1;
		return FIELD_IGNORED;
	}
	te->cursor = pos_at_col(te, to, te->goal_col);
	return FIELD_MOVED;
}

static int page(struct textedit *te, int dir)
{
	int h = te->height > 0 ? te->height : 1;
	int r = move_lines(te, dir * h);

	if (r == FIELD_IGNORED) {
		/* On the first / last line already: to the very start / end. */
		te->goal_col = -1;
		return move_to(te, dir < 0 ? 0 : te->len);
	}
	te->top += dir * h;
	if (te->top > te->nlines - h)
		te->top = te->nlines - h;
	if (te->top < 0)
		te->top = 0;
	return r;
}

int te_key(struct textedit *te, tkey key)
{
	if (te->width == 0 || te->nlines == 0)
		relayout(te);

	int line = line_of(te, te->cursor);
	int goal = te->goal_col;

	te->goal_col = -1;
	if (key_is_text(key))
		return te_insert(te, (wchar_t)key);
	switch (key) {
	case TK_ENTER:
		return te_insert(te, L'\n');
	case TK_BACKSPACE:
		return te_delete(te, te->cursor - 1, te->cursor);
	case TK_DELETE:
		return te_delete(te, te->cursor, te->cursor + 1);
	case TK_LEFT:
		return te->cursor > 0 ? move_to(te, te->cursor - 1) : FIELD_IGNORED;
	case TK_RIGHT:
		return te->cursor < te->len ? move_to(te, te->cursor + 1) : FIELD_IGNORED;
	case TK_CTRL_LEFT:
		return move_to(te, word_left(te, te->cursor));
	case TK_CTRL_RIGHT:
		return move_to(te, word_right(te, te->cursor));
	case TK_HOME:
		move_to(te, te->starts[line]);
		return FIELD_MOVED;
	case TK_END:
		move_to(te, line_end(te, line));
		return FIELD_MOVED;
	case TK_UP:
	case TK_DOWN:
		te->goal_col = goal;
		return move_lines(te, key == TK_UP ? -1 : 1);
	case TK_PGUP:
	case TK_PGDN:
		te->goal_col = goal;
		return page(te, key == TK_PGUP ? -1 : 1);
	case TK_CTRL('u'):
		return te_delete(te, te->starts[line], te->cursor);
	case TK_CTRL('k'):
		return te_delete(te, te->cursor, line_limit(te, line));
	case TK_CTRL('w'): {
		int from = te->cursor;
		/* At a paragraph's start the word is on the line above: join
		 * first, as Backspace does. */
		if (from > 0 && te->text[from - 1] == L'\n')
			return te_delete(te, from - 1, from);
		while (from > 0 && te->text[from - 1] != L'\n' &&
		       iswspace((wint_t)te->text[from - 1]))
			from--;
		while (from > 0 && !iswspace((wint_t)te->text[from - 1]))
			from--;
		return te_delete(te, from, te->cursor);
	}
	default:
		return FIELD_IGNORED;
	}
}

/* ================================================================= draw */

void te_draw(struct textedit *te, int y, int x, int height, int width, attr_t attr,
	     int *cur_y, int *cur_x)
{
	if (width < 1)
		width = 1;
	if (height < 1)
		height = 1;
	if (width != te->width || te->nlines == 0)
		te_layout(te, width);
	te->height = height;

	int line, col;
	te_cursor_pos(te, &line, &col);
	if (te->top > te->nlines - height)
		te->top = te->nlines - height;
	if (te->top < 0)
		te->top = 0;
	if (line < te->top)
		te->top = line;
	if (line >= te->top + height)
		te->top = line - height + 1;

	for (int r = 0; r < height; r++) {
		int k = te->top + r;
		draw_fill(y + r, x, width, attr);
		if (k >= te->nlines)
			continue;
		/* Only what fits: the spaces a break leaves at the end of a
		 * line may reach past the box, and draw_text would add "…". */
		int from = te->starts[k], to = from, used = 0, lim = line_limit(te, k);
		while (to < lim && used + cols_of(te->text[to]) <= width)
			used += cols_of(te->text[to++]);
		char *s = from_wide(te->text + from, (size_t)(to - from));
		draw_text(y + r, x, width, s, attr);
		free(s);
	}
	if (cur_y)
		*cur_y = y + line - te->top;
	if (cur_x)
		*cur_x = x + (col < width ? col : width - 1);
}

/* ======================================================= external editor */

/* Largest file read back from the editor. */
#define TE_EXTERNAL_MAX (1024 * 1024)

/* True when the command word of editor (its first word) can be run: a path
 * that is executable, or a name found on PATH. A quoted first word is left to
 * the shell. */
static bool editor_found(const char *editor)
{
	while (*editor == ' ' || *editor == '\t')
		editor++;
	if (*editor == '\0')
		return false;
	if (*editor == '\'' || *editor == '"')
		return true;

	size_t n = strcspn(editor, " \t");
	char *cmd = xstrndup(editor, n);
	bool found = false;

	if (strchr(cmd, '/')) {
		found = path_is_file(cmd) && access(cmd, X_OK) == 0;
	} else {
		const char *path = getenv("PATH");
		if (!path || !*path)
			path = "/usr/bin:/bin";
		while (!found) {
			size_t len = strcspn(path, ":");
			char *dir = len ? xstrndup(path, len) : xstrdup(".");
			char *full = path_join(dir, cmd);
			found = path_is_file(full) && access(full, X_OK) == 0;
			free(full);
			free(dir);
			if (path[len] == '\0')
				break;
			path += len + 1;
		}
	}
	free(cmd);
	return found;
}

/* The editor to run, as the user wrote it, or NULL when none is found. */
static const char *pick_editor(void)
{
	const char *candidates[] = { getenv("VISUAL"), getenv("EDITOR"), "nano", "vi" };

	for (size_t i = 0; i < ARRAY_LEN(candidates); i++)
		if (candidates[i] && editor_found(candidates[i]))
			return candidates[i];
	return NULL;
}

static bool write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

/* The file at path, NUL-terminated, at most TE_EXTERNAL_MAX bytes. *too_big
 * when it holds more. Caller frees; NULL on error (errno set). */
static char *read_back(const char *path, bool *too_big)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *buf;
	size_t n = 0;

	*too_big = false;
	if (fd < 0)
		return NULL;
	buf = xmalloc(TE_EXTERNAL_MAX + 2);
	for (;;) {
		ssize_t r = read(fd, buf + n, TE_EXTERNAL_MAX + 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(buf);
			close(fd);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > TE_EXTERNAL_MAX) {
			*too_big = true;
			break;
		}
	}
	close(fd);
	buf[n] = '\0';
	return buf;
}

/* Run editor on path and wait for it: the child's status, -1 when it could
 * not be started. The file name reaches the editor as "$1" of the shell, so
 * it is never parsed; the editor's own words are, so that "emacs -nw" and a
 * quoted path work as in git. Like system(), Ctrl-C and Ctrl-\ belong to the
 * editor while it runs. */
static int run_editor(const char *editor, const char *path)
{
	char *script = xasprintf("exec %s \"$1\"", editor);
	struct sigaction ign, old_int, old_quit;
	int status = -1;

	memset(&ign, 0, sizeof(ign));
	sigemptyset(&ign.sa_mask);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	fflush(stdout);
	fflush(stderr);

	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execl("/bin/sh", "sh", "-c", script, "sh", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		/* A SIGHUP or SIGTERM for ibis interrupts the wait; the editor
		 * gets it too, and the loop acts on it once we are back. */
		while (waitpid(pid, &status, 0) < 0) {
			if (errno != EINTR) {
				status = -1;
				break;
			}
		}
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	free(script);
	return status;
}

enum ibis_status te_external(struct tui *t, const char *text, char **out,
			     struct ibis_error *err)
{
	(void)t;
	*out = NULL;

	const char *editor = pick_editor();
	if (!editor)
		return ibis_fail(err, IBIS_EINPUT,
				 "Er is geen teksteditor gevonden. Zet EDITOR (bijvoorbeeld "
				 "EDITOR=nano) of installeer nano.");

	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/ibis-tekst-XXXXXX", !str_empty(tmp) ? tmp : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		ibis_fail(err, IBIS_EINPUT,
			  "Er kon geen tijdelijk bestand voor de editor worden gemaakt; de tekst "
			  "is niet veranderd.");
		ibis_detail(err, "mkstemp %s: %s", path, strerror(errno));
		free(path);
		return IBIS_EINPUT;
	}
	/* Pupil data: readable by the user alone, whatever the umask. */
	fchmod(fd, S_IRUSR | S_IWUSR);
	size_t n = text ? strlen(text) : 0;
	bool ok = write_all(fd, text ? text : "", n) &&
		  (n == 0 || text[n - 1] == '\n' || write_all(fd, "\n", 1));
	int werr = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		werr = errno;
	}
	enum ibis_status st = IBIS_OK;
	if (!ok) {
		st = ibis_fail(err, IBIS_EINPUT,
			       "De tekst kon niet naar een tijdelijk bestand worden geschreven; "
			       "de tekst is niet veranderd.");
		ibis_detail(err, "%s: %s", path, strerror(werr));
	}

	bool curses = stdscr != NULL && !isendwin();
	int status = -1;
	if (st == IBIS_OK) {
		if (curses) {
			def_prog_mode();
			endwin();
		}
		status = run_editor(editor, path);
		if (curses) {
			reset_prog_mode();
			refresh();
		}
	}

	if (st != IBIS_OK) {
		/* reported above */
	} else if (status == -1) {
		st = ibis_fail(err, IBIS_EINPUT,
			       "De editor kon niet worden gestart; de tekst is niet veranderd.");
		ibis_detail(err, "fork/wait: %s", strerror(errno));
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		st = ibis_fail(err, IBIS_EINPUT,
			       "De editor \"%s\" is niet gevonden; de tekst is niet veranderd.",
			       editor);
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		st = ibis_fail(err, IBIS_EINPUT,
			       "De editor is gestopt met een fout; de tekst is niet veranderd.");
		if (WIFEXITED(status))
			ibis_detail(err, "%s: exit status %d", editor, WEXITSTATUS(status));
		else
			ibis_detail(err, "%s: signal %d", editor, WTERMSIG(status));
	} else {
		bool too_big;
		char *buf = read_back(path, &too_big);
		if (!buf) {
			st = ibis_fail(err, IBIS_EINPUT,
				       "De tekst uit de editor kon niet worden gelezen; de tekst is "
				       "niet veranderd.");
			ibis_detail(err, "%s: %s", path, strerror(errno));
		} else if (too_big) {
			st = ibis_fail(err, IBIS_EINPUT,
				       "De tekst uit de editor is te lang (meer dan %d kB); de tekst "
				       "is niet veranderd.",
				       TE_EXTERNAL_MAX / 1024);
			free(buf);
		} else {
			size_t len = strlen(buf);
			if (len > 0 && buf[len - 1] == '\n')
				buf[--len] = '\0';
			if (len > 0 && buf[len - 1] == '\r')
				buf[--len] = '\0';
			*out = buf;
		}
	}

	unlink(path);
	/* Some editors (emacs) leave a backup beside the file: it holds the
	 * same pupil data. */
	char *backup = xasprintf("%s~", path);
	unlink(backup);
	free(backup);
	free(path);
	return st;
}
