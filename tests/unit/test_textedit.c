/* test_textedit.c - the multi-line text field: wrapping, cursor motion,
 * editing, cleaning, limits, drawing with scrolling, the Ctrl-Left /
 * Ctrl-Right keys, and the external editor (a script standing in for it). A
 * screen, where one is needed, is an ncurses screen on /dev/null and a pipe:
 * no terminal. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/tui/textedit.h"
#include "helpers.h"

static void utf8_locale(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"), "the C.UTF-8 locale is needed");
}

TestSuite(textedit, .init = utf8_locale);

/* ================================================================ helpers */

/* Visual line k as laid out (its '\n' left off). Caller frees. */
static char *line_text(const struct textedit *te, int k)
{
	int from = te->starts[k];
	int to = k + 1 < te->nlines ? te->starts[k + 1] : te->len;

	if (to > from && te->text[to - 1] == L'\n')
		to--;
	return from_wide(te->text + from, (size_t)(to - from));
}

static void assert_lines(struct textedit *te, int width, const char *const *want, int n)
{
	int got = te_layout(te, width);

	for (int k = 0; k < n && k < got; k++) {
		char *s = line_text(te, k);
		cr_assert_str_eq(s, want[k], "line %d at width %d", k, width);
		free(s);
	}
	cr_assert_eq(got, n, "%d lines at width %d, expected %d", got, width, n);
}

static void assert_text(const struct textedit *te, const char *want)
{
	char *s = from_wide(te->text, (size_t)te->len);
	cr_assert_str_eq(s, want);
	free(s);
}

static void type(struct textedit *te, const char *s)
{
	size_t n;
	wchar_t *w = to_wide(s, &n);

	for (size_t i = 0; i < n; i++)
		te_key(te, w[i] == L'\n' ? TK_ENTER : (tkey)w[i]);
	free(w);
}

static void assert_pos(const struct textedit *te, int line, int col)
{
	int l, c;

	te_cursor_pos(te, &l, &c);
	cr_assert_eq(l, line, "cursor on line %d, expected %d", l, line);
	cr_assert_eq(c, col, "cursor in column %d, expected %d", c, col);
}

/* ================================================================= layout */

Test(textedit, wraps_a_dutch_paragraph_at_words)
{
	static const char para[] =
		"Zoë leest vlot voor, maar begrijpt de tekst niet altijd. Haar ouders "
		"lezen thuis dagelijks met haar; de juf geeft extra instructie.";
	static const char *const want[] = {
		"Zoë leest vlot voor, ", "maar begrijpt de ", "tekst niet altijd. ",
		"Haar ouders lezen ",    "thuis dagelijks met ", "haar; de juf geeft ",
		"extra instructie.",
	};
	struct textedit te;

	te_init(&te, 1000);
	te_set(&te, para);
	assert_lines(&te, 20, want, (int)ARRAY_LEN(want));

	/* Wrapping is a view: the text is the paragraph, nothing added. */
	char *back = te_get(&te);
	cr_assert_str_eq(back, para);
	free(back);
	for (int k = 0; k < te.nlines; k++) {
		char *s = line_text(&te, k);
		char *trimmed = str_trim(s);
		cr_assert_leq(text_cols(trimmed), 20, "line %d too wide: \"%s\"", k, s);
		free(trimmed);
		free(s);
	}
	te_free(&te);
}

Test(textedit, keeps_the_users_line_breaks)
{
	static const char *const want[] = { "Eerste alinea, ", "kort.", "", "Tweede." };
	struct textedit te;

	te_init(&te, 1000);
	te_set(&te, "Eerste alinea, kort.\n\nTweede.");
	assert_lines(&te, 16, want, (int)ARRAY_LEN(want));
	cr_assert_eq(te.starts[3], 22, "the third paragraph starts after both newlines");
	te_free(&te);
}

Test(textedit, cuts_a_word_longer_than_the_line_hard)
{
	static const char *const want[] = { "Het is een ", "hogeschool", "ondersteun",
					    "ingsarrang", "ement!" };
	struct textedit te;

	te_init(&te, 1000);
	te_set(&te, "Het is een hogeschoolondersteuningsarrangement!");
	assert_lines(&te, 10, want, (int)ARRAY_LEN(want));
	te_free(&te);
}

Test(textedit, a_full_last_line_gets_a_line_for_the_cursor)
{
	struct textedit te;

	te_init(&te, 100);
	te_set(&te, "abcde");
	cr_assert_eq(te_layout(&te, 5), 2);
	assert_pos(&te, 1, 0);
	te_key(&te, 'f');
	cr_assert_eq(te.nlines, 2);
	assert_pos(&te, 1, 1);
	te_free(&te);
}

Test(textedit, counts_double_width_characters_by_wcwidth)
{
	static const char *const want[] = { "漢字", "漢字", "漢" };
	struct textedit te;

	te_init(&te, 100);
	te_set(&te, "漢字漢字漢");
	assert_lines(&te, 5, want, (int)ARRAY_LEN(want));
	assert_pos(&te, 2, 2);
	/* Up keeps the column in cells: column 2 is the second character. */
	cr_assert_eq(te_key(&te, TK_UP), FIELD_MOVED);
	assert_pos(&te, 1, 2);
	cr_assert_eq(te.cursor, 3);

	/* Down from column 1 lands on the wide character covering it. */
	te_set(&te, "a漢字\n漢字b");
	te_layout(&te, 20);
	te.cursor = 1;
	cr_assert_eq(te_key(&te, TK_DOWN), FIELD_MOVED);
	assert_pos(&te, 1, 0);
	cr_assert_eq(te_key(&te, TK_UP), FIELD_MOVED);
	assert_pos(&te, 0, 1);
	te_key(&te, TK_DOWN);
	te_key(&te, TK_END);
	assert_pos(&te, 1, 5);
	te_key(&te, TK_UP);
	assert_pos(&te, 0, 5);
	cr_assert_eq(te.cursor, 3);
	te_free(&te);
}

/* ================================================================ cursor */

Test(textedit, moves_by_word_across_punctuation_and_accents)
{
	static const char text[] = "Zoë's café, één keer (ïdeaal)!";
	static const int right[] = { 6, 12, 16, 22, 30 };
	struct textedit te;

	te_init(&te, 100);
	te_set(&te, text);
	te_layout(&te, 80);
	te.cursor = 0;
	for (size_t i = 0; i < ARRAY_LEN(right); i++) {
		cr_assert_eq(te_key(&te, TK_CTRL_RIGHT), FIELD_MOVED);
		cr_assert_eq(te.cursor, right[i], "Ctrl-Right %zu: at %d, expected %d", i,
			     te.cursor, right[i]);
	}
	cr_assert_eq(te_key(&te, TK_CTRL_RIGHT), FIELD_IGNORED, "at the end already");
	static const int left[] = { 22, 16, 12, 6, 0 };
	for (size_t i = 0; i < ARRAY_LEN(left); i++) {
		cr_assert_eq(te_key(&te, TK_CTRL_LEFT), FIELD_MOVED);
		cr_assert_eq(te.cursor, left[i], "Ctrl-Left %zu: at %d, expected %d", i, te.cursor,
			     left[i]);
	}
	cr_assert_eq(te_key(&te, TK_CTRL_LEFT), FIELD_IGNORED);

	/* Across a paragraph break too. */
	te_set(&te, "einde.\nbegin");
	te.cursor = 2;
	te_key(&te, TK_CTRL_RIGHT);
	cr_assert_eq(te.cursor, 7);
	te_key(&te, TK_CTRL_LEFT);
	te_key(&te, TK_CTRL_LEFT);
	cr_assert_eq(te.cursor, 0);
	te_free(&te);
}

Test(textedit, up_and_down_keep_the_column_across_short_lines)
{
	struct textedit te;

	te_init(&te, 200);
	te_set(&te, "Eerste regel is lang\nkort\nDerde regel is ook lang");
	te_layout(&te, 40);
	te.cursor = 15;
	assert_pos(&te, 0, 15);
	cr_assert_eq(te_key(&te, TK_DOWN), FIELD_MOVED);
	assert_pos(&te, 1, 4);
	cr_assert_eq(te_key(&te, TK_DOWN), FIELD_MOVED);
	assert_pos(&te, 2, 15);
	cr_assert_eq(te_key(&te, TK_UP), FIELD_MOVED);
	assert_pos(&te, 1, 4);
	cr_assert_eq(te_key(&te, TK_UP), FIELD_MOVED);
	assert_pos(&te, 0, 15);
	/* Another key forgets the column. */
	te_key(&te, TK_DOWN);
	te_key(&te, TK_LEFT);
	te_key(&te, TK_DOWN);
	assert_pos(&te, 2, 3);

	/* Over wrapped lines of one paragraph as well. */
	te_set(&te, "een twee drie vier vijf zes zeven");
	te_layout(&te, 10);
	te.cursor = 2;
	te_key(&te, TK_DOWN);
	assert_pos(&te, 1, 2);
	cr_assert_eq(te.cursor, 11);
	te_free(&te);
}

Test(textedit, up_and_down_at_the_edges_are_ignored)
{
	struct textedit te;

	te_init(&te, 200);
	te_set(&te, "een\ntwee\ndrie");
	te_layout(&te, 40);
	cr_assert_eq(te_key(&te, TK_DOWN), FIELD_IGNORED, "Down on the last line");
	cr_assert_eq(te.cursor, 13);
	te.cursor = 1;
	cr_assert_eq(te_key(&te, TK_UP), FIELD_IGNORED, "Up on the first line");
	cr_assert_eq(te.cursor, 1);
	cr_assert_eq(te_key(&te, TK_DOWN), FIELD_MOVED);
	cr_assert_eq(te.cursor, 5);
	cr_assert_eq(te_key(&te, TK_END), FIELD_MOVED);
	cr_assert_eq(te_key(&te, TK_UP), FIELD_MOVED);
	cr_assert_eq(te.cursor, 3, "the end of \"een\"");

	te_set(&te, "");
	cr_assert_eq(te_key(&te, TK_UP), FIELD_IGNORED);
	cr_assert_eq(te_key(&te, TK_DOWN), FIELD_IGNORED);
	cr_assert_eq(te_key(&te, TK_LEFT), FIELD_IGNORED);
	cr_assert_eq(te_key(&te, TK_RIGHT), FIELD_IGNORED);
	te_free(&te);
}

Test(textedit, home_end_and_pages_work_on_visual_lines)
{
	struct textedit te;

	te_init(&te, 200);
	te_set(&te, "een twee drie vier vijf zes");
	te_layout(&te, 10);
	/* Lines: "een twee ", "drie vier ", "vijf zes". */
	te.cursor = 11;
	te_key(&te, TK_HOME);
	cr_assert_eq(te.cursor, 9);
	te_key(&te, TK_END);
	cr_assert_eq(te.cursor, 18, "on the space that ends the wrapped line");
	assert_pos(&te, 1, 9);
	te_key(&te, TK_DOWN);
	te_key(&te, TK_END);
	cr_assert_eq(te.cursor, te.len);

	te_set(&te, "1\n2\n3\n4\n5\n6\n7\n8\n9");
	te_layout(&te, 10);
	te.height = 3;
	te.cursor = 0;
	cr_assert_eq(te_key(&te, TK_PGDN), FIELD_MOVED);
	assert_pos(&te, 3, 0);
	te_key(&te, TK_PGDN);
	te_key(&te, TK_PGDN);
	assert_pos(&te, 8, 0);
	cr_assert_eq(te_key(&te, TK_PGDN), FIELD_MOVED, "to the end of the last line");
	cr_assert_eq(te_key(&te, TK_PGDN), FIELD_IGNORED);
	te_key(&te, TK_PGUP);
	assert_pos(&te, 5, 1);
	te_free(&te);
}

/* ================================================================ editing */

Test(textedit, backspace_and_delete_join_lines)
{
	struct textedit te;

	te_init(&te, 200);
	te_set(&te, "Eerste\nTweede\nDerde");
	te_layout(&te, 40);
	te.cursor = 7;
	cr_assert_eq(te_key(&te, TK_BACKSPACE), FIELD_CHANGED);
	assert_text(&te, "EersteTweede\nDerde");
	cr_assert_eq(te.cursor, 6);
	cr_assert_eq(te.nlines, 2, "the layout follows the change");
	te_key(&te, TK_END);
	cr_assert_eq(te_key(&te, TK_DELETE), FIELD_CHANGED);
	assert_text(&te, "EersteTweedeDerde");
	te_key(&te, TK_ENTER);
	assert_text(&te, "EersteTweede\nDerde");
	assert_pos(&te, 1, 0);
	te.cursor = 0;
	cr_assert_eq(te_key(&te, TK_BACKSPACE), FIELD_IGNORED);
	te_free(&te);
}

Test(textedit, ctrl_u_k_and_w_delete_parts_of_the_line)
{
	struct textedit te;

	te_init(&te, 200);
	te_set(&te, "een twee drie vier\nvijf zes");
	te_layout(&te, 10);
	/* Lines: "een twee ", "drie vier", "vijf zes". */
	te.cursor = 11;
	cr_assert_eq(te_key(&te, TK_CTRL('u')), FIELD_CHANGED);
	assert_text(&te, "een twee ie vier\nvijf zes");
	te.cursor = 11;
	cr_assert_eq(te_key(&te, TK_CTRL('k')), FIELD_CHANGED);
	assert_text(&te, "een twee ie\nvijf zes");
	cr_assert_eq(te_key(&te, TK_CTRL('k')), FIELD_IGNORED, "nothing left to the newline");
	te_key(&te, TK_CTRL('w'));
	assert_text(&te, "een twee \nvijf zes");
	te_key(&te, TK_CTRL('w'));
	assert_text(&te, "een \nvijf zes");
	te.cursor = 5;
	te_key(&te, TK_CTRL('w'));
	assert_text(&te, "een vijf zes");
	cr_assert_eq(te.cursor, 4);
	te_free(&te);
}

Test(textedit, enforces_the_maximum)
{
	struct textedit te;

	te_init(&te, 10);
	type(&te, "Dertien tekens");
	cr_assert_eq(te.len, 10);
	assert_text(&te, "Dertien te");
	cr_assert_eq(te_key(&te, 'x'), FIELD_IGNORED);
	cr_assert_eq(te_key(&te, TK_ENTER), FIELD_IGNORED);
	te_set(&te, "Een veel te lange tekst");
	cr_assert_eq(te.len, 10);
	cr_assert_eq(te.cursor, 10);
	assert_text(&te, "Een veel t");
	te_key(&te, TK_BACKSPACE);
	cr_assert_eq(te_key(&te, L'ë'), FIELD_CHANGED);
	assert_text(&te, "Een veel ë");
	te_free(&te);
}

Test(textedit, get_trims_trailing_white_space_only)
{
	struct textedit te;

	te_init(&te, 200);
	te_set(&te, "  Begin\n\n midden  \n\n  ");
	char *s = te_get(&te);
	cr_assert_str_eq(s, "  Begin\n\n midden");
	free(s);
	cr_assert_not(te_empty(&te));
	te_set(&te, " \n  \n");
	cr_assert(te_empty(&te));
	s = te_get(&te);
	cr_assert_str_eq(s, "");
	free(s);
	te_set(&te, NULL);
	cr_assert_eq(te.len, 0);
	cr_assert(te_empty(&te));
	te_free(&te);
}

Test(textedit, set_cleans_line_ends_tabs_and_control_characters)
{
	struct textedit te;

	te_init(&te, 200);
	te_set(&te, "regel één\r\nregel\ttwee\x01\x1b[1m\r\ndrie\r");
	assert_text(&te, "regel één\nregel twee[1m\ndrie");
	cr_assert_eq(te.cursor, te.len);
	cr_assert_eq(te_layout(&te, 40), 3);
	te_free(&te);
}

/* ================================================================ screen */

/* A screen of terminal type term without a terminal: output to /dev/null,
 * input from a pipe whose write end is *feed. NULL when terminfo does not
 * know term. */
static SCREEN *fake_screen(const char *term, FILE **feed)
{
	int fds[2];

	cr_assert_eq(pipe(fds), 0);
	FILE *in = fdopen(fds[0], "r");
	FILE *out = fopen("/dev/null", "w");
	*feed = fdopen(fds[1], "w");
	cr_assert(in && out && *feed);
	SCREEN *sc = newterm(term, out, in);
	if (!sc) {
		fclose(in);
		fclose(out);
		fclose(*feed);
		return NULL;
	}
	set_term(sc);
	keypad(stdscr, TRUE);
	return sc;
}

Test(textedit, draw_scrolls_to_the_cursor)
{
	FILE *feed;
	SCREEN *sc = fake_screen("xterm-256color", &feed);
	struct textedit te;
	int cy, cx;
	wchar_t row[32];

	te_init(&te, 500);
	te_set(&te, "een twee drie vier vijf zes zeven acht negen tien elf");
	te_draw(&te, 2, 4, 3, 10, A_NORMAL, &cy, &cx);
	/* Lines: een twee | drie vier | vijf zes | zeven acht | negen tien
	 * | elf; the cursor is at the end of "elf". */
	cr_assert_eq(te.nlines, 6);
	cr_assert_eq(te.top, 3);
	cr_assert_eq(cy, 4);
	cr_assert_eq(cx, 7);
	mvinnwstr(2, 4, row, 10);
	cr_assert(wcsncmp(row, L"zeven acht", 10) == 0, "first row shown: %ls", row);
	mvinnwstr(4, 4, row, 10);
	cr_assert(wcsncmp(row, L"elf       ", 10) == 0, "last row shown: %ls", row);

	te_key(&te, TK_PGUP);
	te_draw(&te, 2, 4, 3, 10, A_NORMAL, &cy, &cx);
	cr_assert_eq(te.top, 0);
	cr_assert_eq(cy, 4);
	cr_assert_eq(cx, 4 + 3);
	mvinnwstr(2, 4, row, 10);
	cr_assert(wcsncmp(row, L"een twee  ", 10) == 0, "after PgUp: %ls", row);

	te_free(&te);
	endwin();
	delscreen(sc);
	fclose(feed);
}

/* xterm's sequences, and rxvt's, whose terminfo gives KEY_MAX + 1 to a
 * key of its own; other terminal types when this system knows them. */
Test(textedit, ctrl_arrows_are_read_and_named)
{
	static const char *const terms[] = { "xterm-256color", "rxvt-unicode", "tmux-256color",
					     "screen-256color", "linux" };
	char name[32];

	for (size_t i = 0; i < ARRAY_LEN(terms); i++) {
		FILE *feed;
		SCREEN *sc = fake_screen(terms[i], &feed);
		if (!sc) {
			cr_assert_neq(i, 0, "terminfo lacks %s", terms[i]);
			continue;
		}
		keys_setup();
		fputs("\033[1;5D\033[1;5C\033Od\033Ocx", feed);
		fflush(feed);
		wtimeout(stdscr, 1000);
		cr_assert_eq(key_read(stdscr, 1000), TK_CTRL_LEFT, "%s", terms[i]);
		cr_assert_eq(key_read(stdscr, 1000), TK_CTRL_RIGHT, "%s", terms[i]);
		cr_assert_eq(key_read(stdscr, 1000), TK_CTRL_LEFT, "%s", terms[i]);
		cr_assert_eq(key_read(stdscr, 1000), TK_CTRL_RIGHT, "%s", terms[i]);
		cr_assert_eq(key_read(stdscr, 1000), 'x', "%s", terms[i]);
		endwin();
		delscreen(sc);
		fclose(feed);
	}
	cr_assert_str_eq(tkey_name(TK_CTRL_LEFT, name, sizeof(name)), "Ctrl-Links");
	cr_assert_str_eq(tkey_name(TK_CTRL_RIGHT, name, sizeof(name)), "Ctrl-Rechts");
}

/* ======================================================= external editor */

/* A folder with an executable script "editor" holding body, and a folder
 * "tmp met $spatie" for the temporary file, which TMPDIR points at. */
static char *editor_setup(const char *body, char **tmpdir)
{
	char *dir = th_tmpdir();
	char *script = xasprintf("#!/bin/sh\n%s\n", body);
	char *path = th_write(dir, "editor", script);

	cr_assert_eq(chmod(path, 0700), 0);
	*tmpdir = path_join(dir, "tmp met $spatie 'x'");
	cr_assert_eq(mkdir(*tmpdir, 0700), 0);
	setenv("TMPDIR", *tmpdir, 1);
	unsetenv("VISUAL");
	setenv("EDITOR", path, 1);
	free(script);
	free(path);
	return dir;
}

static int files_in(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;

	cr_assert_not_null(d);
	for (struct dirent *e; (e = readdir(d));)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

Test(textedit, external_editor_changes_the_text)
{
	char *tmpdir;
	char *dir = editor_setup("stat -c %a \"$1\" > \"$(dirname \"$1\")/../mode\"\n"
				 "sed -i '$a Tweede regel, met ë' \"$1\"",
				 &tmpdir);
	struct ibis_error err = { 0 };
	char *out = NULL;

	cr_assert_eq(te_external(NULL, "Eerste regel", &out, &err), IBIS_OK, "%s %s",
		     err.message, err.detail);
	cr_assert_str_eq(out, "Eerste regel\nTweede regel, met ë");
	cr_assert_eq(files_in(tmpdir), 0, "the temporary file is removed");
	char *mode_path = path_join(dir, "mode");
	FILE *f = fopen(mode_path, "r");
	char mode[16] = "";
	cr_assert_not_null(f, "the editor ran on a file in TMPDIR");
	cr_assert_not_null(fgets(mode, sizeof(mode), f));
	fclose(f);
	cr_assert_str_eq(mode, "600\n");

	free(mode_path);
	free(out);
	th_rmtree(dir);
	free(tmpdir);
	free(dir);
}

Test(textedit, external_editor_with_arguments)
{
	char *tmpdir;
	char *dir = editor_setup("[ \"$#\" = 3 ] || exit 3\nprintf '%s %s\\n' \"$1\" \"$2\" >> \"$3\"",
				 &tmpdir);
	char *editor = xasprintf("%s -nw 'twee woorden'", getenv("EDITOR"));
	struct ibis_error err = { 0 };
	char *out = NULL;

	setenv("VISUAL", editor, 1);
	setenv("EDITOR", "/nergens/te/vinden", 1);
	cr_assert_eq(te_external(NULL, "", &out, &err), IBIS_OK, "%s %s", err.message,
		     err.detail);
	cr_assert_str_eq(out, "-nw twee woorden");
	free(out);
	free(editor);
	th_rmtree(dir);
	free(tmpdir);
	free(dir);
}

Test(textedit, external_editor_failing_leaves_the_text)
{
	char *tmpdir;
	char *dir = editor_setup("echo weg > \"$1\"\nexit 1", &tmpdir);
	struct ibis_error err = { 0 };
	char *out = (char *)"niet aangeraakt";

	cr_assert_eq(te_external(NULL, "Blijft staan", &out, &err), IBIS_EINPUT);
	cr_assert_null(out);
	cr_assert(strstr(err.message, "niet veranderd"), "%s", err.message);
	cr_assert_eq(files_in(tmpdir), 0);
	th_rmtree(dir);
	free(tmpdir);
	free(dir);
}

Test(textedit, no_editor_found)
{
	char *tmpdir;
	char *dir = editor_setup("exit 0", &tmpdir);
	struct ibis_error err = { 0 };
	char *out = NULL;

	setenv("EDITOR", "geen-editor-met-deze-naam", 1);
	setenv("PATH", tmpdir, 1);
	cr_assert_eq(te_external(NULL, "tekst", &out, &err), IBIS_EINPUT);
	cr_assert_null(out);
	cr_assert(strstr(err.message, "EDITOR"), "%s", err.message);
	cr_assert_eq(files_in(tmpdir), 0);
	th_rmtree(dir);
	free(tmpdir);
	free(dir);
}
