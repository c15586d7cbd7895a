/* test_tui.c - the parts of the screens that need no terminal: the key
 * tables (no clashes, help for every action, a key bar that fits in 80
 * columns), the list and text field widgets, and text measuring. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/tui/tui_internal.h"

static void utf8_locale(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"), "the C.UTF-8 locale is needed");
}

TestSuite(tui, .init = utf8_locale);

static const struct screen_ops *const screens[] = {
	&pupils_screen, &dossier_screen, &help_screen, &dialog_screen,
};

/* ============================================================= key tables */

static void check_table(const char *what, const struct keydef *table)
{
	int n = keytable_len(table);

	cr_assert_gt(n, 0, "%s: empty table", what);
	for (int i = 0; i < n; i++) {
		const struct keydef *d = &table[i];
		cr_assert_gt(d->action, 0, "%s: entry %d has no action", what, i);
		cr_assert_neq(d->keys[0], 0, "%s: action %d has no key", what, d->action);
		cr_assert(d->help && d->help[0], "%s: action %d has no help text", what, d->action);
		if (d->label)
			cr_assert_leq(text_cols(d->label), 16, "%s: label \"%s\" is too long", what,
				      d->label);
		for (size_t k = 0; k < ARRAY_LEN(d->keys) && d->keys[k]; k++)
			cr_assert_eq(keytable_find(table, d->keys[k]), d,
				     "%s: key %#x of action %d is bound twice", what,
				     (unsigned)d->keys[k], d->action);
	}
}

Test(tui, global_keys_are_sound)
{
	check_table("global", global_keys);
	/* F-keys are often taken by the terminal: each has a letter too. */
	for (const struct keydef *d = global_keys; d->action; d++) {
		bool fkey = false, letter = false;
		for (size_t k = 0; k < ARRAY_LEN(d->keys) && d->keys[k]; k++) {
			tkey key = d->keys[k];
			if ((key & TK_FN) && (key & ~TK_FN) >= KEY_F(1) && (key & ~TK_FN) <= KEY_F(24))
				fkey = true;
			else if (key_is_text(key) || key < 32)
				letter = true;
		}
		cr_assert(!fkey || letter, "global action %d has an F-key without a letter",
			  d->action);
	}
	cr_assert_eq(keytable_find(global_keys, TK_F(1))->action, GA_HELP);
	cr_assert_eq(keytable_find(global_keys, '?')->action, GA_HELP);
	cr_assert_eq(keytable_find(global_keys, TK_F(10))->action, GA_QUIT);
	cr_assert_eq(keytable_find(global_keys, TK_ESC)->action, GA_BACK);
	cr_assert_eq(keytable_find(global_keys, 'q')->action, GA_BACK);
	cr_assert_null(keytable_find(global_keys, 'x'));
}

Test(tui, screen_tables_are_sound)
{
	for (size_t i = 0; i < ARRAY_LEN(screens); i++) {
		const struct screen_ops *ops = screens[i];
		cr_assert_not_null(ops->tables, "%s declares no key tables", ops->name);
		for (int k = 0; ops->tables[k]; k++) {
			char *what = xasprintf("%s table %d", ops->name, k);
			check_table(what, ops->tables[k]);
			free(what);
		}
	}
}

Test(tui, key_bars_fit_80_columns)
{
	struct bar_item items[32];

	for (size_t i = 0; i < ARRAY_LEN(screens); i++) {
		const struct screen_ops *ops = screens[i];
		for (int k = 0; ops->tables[k]; k++) {
			int n = keybar_items(ops->tables[k], false, true, ops == &help_screen, items,
					     (int)ARRAY_LEN(items));
			cr_assert_gt(n, 0);
			cr_assert_leq(keybar_width(items, n), 80,
				      "the key bar of %s table %d takes %d columns", ops->name, k,
				      keybar_width(items, n));
		}
	}
}

Test(tui, key_bar_shows_what_reaches_the_action)
{
	static const struct keydef table[] = {
		{ 1, { TK_ENTER }, "Openen", "Openen" },
		{ 2, { TK_ESC }, "Wissen", "Het filter wissen" },
		{ 3, { 'x' }, NULL, "Alleen in de help" },
		{ 0, { 0 }, NULL, NULL },
	};
	struct bar_item items[16];
	int n = keybar_items(table, false, true, false, items, 16);

	cr_assert_eq(n, 5);
	cr_assert_str_eq(items[0].keys, "Enter");
	cr_assert_str_eq(items[0].label, "Openen");
	cr_assert_str_eq(items[1].keys, "Esc");
	cr_assert_str_eq(items[2].keys, "F1/?");
	cr_assert_str_eq(items[2].label, "Help");
	/* Esc is the table's: only q is left for going back, and on the first
	 * screen that means quitting. */
	cr_assert_str_eq(items[3].keys, "q");
	cr_assert_str_eq(items[3].label, "Afsluiten");
	cr_assert_str_eq(items[4].keys, "F10/Q");

	/* While typing, letters are text: only the named keys are left. */
	n = keybar_items(table, true, false, false, items, 16);
	cr_assert_eq(n, 4);
	cr_assert_str_eq(items[2].keys, "F1");
	cr_assert_str_eq(items[3].keys, "F10");
}

Test(tui, key_names)
{
	char buf[32];

	cr_assert_str_eq(tkey_name(TK_F(1), buf, sizeof(buf)), "F1");
	cr_assert_str_eq(tkey_name(TK_F(10), buf, sizeof(buf)), "F10");
	cr_assert_str_eq(tkey_name(TK_PGDN, buf, sizeof(buf)), "PgDn");
	cr_assert_str_eq(tkey_name(TK_UP, buf, sizeof(buf)), "↑");
	cr_assert_str_eq(tkey_name(TK_CTRL('l'), buf, sizeof(buf)), "Ctrl-L");
	cr_assert_str_eq(tkey_name('/', buf, sizeof(buf)), "/");
	cr_assert_str_eq(tkey_name(0xeb, buf, sizeof(buf)), "ë");
	char *all = keydef_keys(&global_keys[0]);
	cr_assert_str_eq(all, "F1, ?");
	free(all);
	cr_assert(key_is_text('a'));
	cr_assert(key_is_text(0x131)); /* ı: a character, not KEY_* 0x131 */
	cr_assert_not(key_is_text(TK_KEY(0x131)));
	cr_assert_not(key_is_text(TK_ESC));
	cr_assert_not(key_is_text(TK_ENTER));
}

/* ==================================================================== list */

Test(tui, list_moves_and_pages)
{
	struct list l = { 0 };

	list_set_height(&l, 10);
	list_set_count(&l, 95);
	cr_assert_eq(l.cursor, 0);
	cr_assert_not(list_move(&l, LM_UP));
	cr_assert(list_move(&l, LM_DOWN));
	cr_assert_eq(l.cursor, 1);
	cr_assert_eq(l.top, 0);
	cr_assert(list_move(&l, LM_PGDN));
	cr_assert_eq(l.cursor, 11);
	cr_assert_eq(l.top, 10);
	cr_assert(list_move(&l, LM_END));
	cr_assert_eq(l.cursor, 94);
	cr_assert_eq(l.top, 85);
	cr_assert_not(list_move(&l, LM_DOWN));
	cr_assert_not(list_move(&l, LM_PGDN));
	cr_assert(list_move(&l, LM_PGUP));
	cr_assert_eq(l.cursor, 84);
	cr_assert_eq(l.top, 75);
	cr_assert(list_move(&l, LM_HOME));
	cr_assert_eq(l.cursor, 0);
	cr_assert_eq(l.top, 0);
}

Test(tui, list_keeps_cursor_visible_on_resize_and_shrink)
{
	struct list l = { 0 };

	list_set_height(&l, 20);
	list_set_count(&l, 1000);
	list_move(&l, LM_END);
	cr_assert_eq(l.top, 980);
	list_set_height(&l, 1); /* a tiny window */
	cr_assert_eq(l.cursor, 999);
	cr_assert_eq(l.top, 999);
	list_set_height(&l, 30);
	cr_assert_eq(l.top, 970, "no empty rows under the last one");
	list_set_count(&l, 12); /* a filter narrowed the list */
	cr_assert_eq(l.cursor, 11);
	cr_assert_eq(l.top, 0);
	list_set_count(&l, 0);
	cr_assert_eq(l.cursor, 0);
	cr_assert_not(list_move(&l, LM_DOWN));
	cr_assert_not(list_move(&l, LM_END));
}

Test(tui, list_scrolls_as_a_page)
{
	struct list l = { 0 };

	list_set_height(&l, 10);
	list_set_count(&l, 25);
	cr_assert(list_scroll(&l, LM_PGDN));
	cr_assert_eq(l.top, 9);
	cr_assert(list_scroll(&l, LM_PGDN));
	cr_assert_eq(l.top, 15, "the last page ends at the last line");
	cr_assert_not(list_scroll(&l, LM_DOWN));
	cr_assert(list_scroll(&l, LM_HOME));
	cr_assert_eq(l.top, 0);
	list_set_count(&l, 5);
	cr_assert_not(list_scroll(&l, LM_END), "a short page does not scroll");
}

/* =================================================================== field */

static void type(struct field *f, const char *s)
{
	mbstate_t st = { 0 };
	size_t n = strlen(s), i = 0;

	while (i < n) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, s + i, n - i, &st);
		cr_assert(r > 0 && r <= n - i);
		field_key(f, (tkey)wc);
		i += r;
	}
}

static void expect_text(struct field *f, const char *want)
{
	char *got = field_get(f);
	cr_assert_str_eq(got, want);
	free(got);
}

Test(tui, field_edits_utf8)
{
	struct field f;

	field_init(&f, 10);
	type(&f, "Zoë Yı");
	expect_text(&f, "Zoë Yı");
	cr_assert_eq(f.len, 6);
	cr_assert_eq(field_key(&f, TK_BACKSPACE), FIELD_CHANGED);
	expect_text(&f, "Zoë Y");
	cr_assert_eq(field_key(&f, TK_HOME), FIELD_MOVED);
	cr_assert_eq(field_key(&f, TK_LEFT), FIELD_IGNORED);
	cr_assert_eq(field_key(&f, TK_DELETE), FIELD_CHANGED);
	expect_text(&f, "oë Y");
	cr_assert_eq(field_key(&f, 'Z'), FIELD_CHANGED);
	field_key(&f, TK_END);
	cr_assert_eq(field_key(&f, TK_CTRL('w')), FIELD_CHANGED);
	expect_text(&f, "Zoë ");
	cr_assert_eq(field_key(&f, TK_CTRL('u')), FIELD_CHANGED);
	expect_text(&f, "");
	cr_assert_eq(field_key(&f, TK_BACKSPACE), FIELD_IGNORED);
	cr_assert_eq(field_key(&f, TK_F(5)), FIELD_IGNORED);
	field_free(&f);
}

Test(tui, field_stops_at_its_maximum)
{
	struct field f;

	field_init(&f, 3);
	type(&f, "abcdef");
	expect_text(&f, "abc");
	cr_assert_eq(field_key(&f, 'x'), FIELD_IGNORED);
	field_set(&f, "çelik");
	expect_text(&f, "çel");
	cr_assert_eq(f.cursor, 3);
	field_set(&f, NULL);
	expect_text(&f, "");
	field_free(&f);
}

Test(tui, form_moves_between_fields)
{
	static const char *const labels[] = { "Naam", "Groep" };
	static const int max[] = { 20, 5 };
	struct form fm;

	form_init(&fm, 2, labels, max);
	type(&fm.items[0].field, "Anna");
	cr_assert_eq(form_key(&fm, TK_TAB), FIELD_MOVED);
	cr_assert_eq(fm.focus, 1);
	cr_assert_eq(form_key(&fm, '5'), FIELD_CHANGED);
	cr_assert_eq(form_key(&fm, TK_TAB), FIELD_MOVED);
	cr_assert_eq(fm.focus, 0, "Tab wraps around");
	cr_assert_eq(form_key(&fm, TK_BTAB), FIELD_MOVED);
	cr_assert_eq(fm.focus, 1);
	expect_text(&fm.items[0].field, "Anna");
	expect_text(&fm.items[1].field, "5");
	form_free(&fm);
}

/* ==================================================================== text */

Test(tui, text_measures_per_character)
{
	cr_assert_eq(text_cols("Zoë Çelik"), 9);
	cr_assert_eq(text_cols("日本"), 4);
	cr_assert_eq(text_cols(""), 0);
	cr_assert_eq(text_cols(NULL), 0);
	cr_assert_eq(text_cols("a\xff"), 2, "a bad byte is drawn as one '?'");
}

Test(tui, text_wrap_breaks_at_spaces)
{
	struct strlist l = { 0 };

	text_wrap("Het venster is te klein: minstens 80×24 nodig, nu 20×5.", 18, &l);
	cr_assert_eq(l.len, 4);
	cr_assert_str_eq(l.items[0], "Het venster is te");
	cr_assert_str_eq(l.items[1], "klein: minstens");
	cr_assert_str_eq(l.items[2], "80×24 nodig, nu");
	cr_assert_str_eq(l.items[3], "20×5.");
	sl_free(&l);

	text_wrap("abcdef\n\nxy", 4, &l);
	cr_assert_eq(l.len, 4, "a long word is cut, an empty line kept");
	cr_assert_str_eq(l.items[0], "abcd");
	cr_assert_str_eq(l.items[1], "ef");
	cr_assert_str_eq(l.items[2], "");
	cr_assert_str_eq(l.items[3], "xy");
	sl_free(&l);

	text_wrap("ab", 0, &l);
	cr_assert_eq(l.len, 2, "width 1 at least, never a loop");
	sl_free(&l);
}

Test(tui, counts_in_dutch)
{
	char buf[32];

	cr_assert_str_eq(format_count(0, buf, sizeof(buf)), "0");
	cr_assert_str_eq(format_count(999, buf, sizeof(buf)), "999");
	cr_assert_str_eq(format_count(1234, buf, sizeof(buf)), "1.234");
	cr_assert_str_eq(format_count(50000, buf, sizeof(buf)), "50.000");
	cr_assert_str_eq(format_count(1234567, buf, sizeof(buf)), "1.234.567");
	cr_assert_str_eq(format_count(-1234, buf, sizeof(buf)), "-1.234");
}

Test(tui, level_roles_are_clamped)
{
	cr_assert_eq(level_role(1), ROLE_LEVEL1);
	cr_assert_eq(level_role(6), ROLE_LEVEL6);
	cr_assert_eq(level_role(0), ROLE_LEVEL1);
	cr_assert_eq(level_role(42), ROLE_LEVEL9);
}

Test(tui, level_labels_read_without_colour)
{
	struct tui t = { 0 };
	char *s;

	t.utf8 = true;
	s = level_label(&t, 3, "Laag 3");
	cr_assert_str_eq(s, "▃ Laag 3");
	free(s);
	s = level_label(&t, 0, NULL);
	cr_assert_str_eq(s, "—");
	free(s);
	t.utf8 = false;
	s = level_label(&t, 2, "Niveau 2");
	cr_assert_str_eq(s, "[2] Niveau 2");
	free(s);
	s = level_label(&t, 12, NULL);
	cr_assert_str_eq(s, "[12] niveau 12");
	free(s);
}
