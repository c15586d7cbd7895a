/* test_tui.c - the parts of the screens that need no terminal: the key
 * tables (no clashes, help for every action, a key bar that fits in 80
 * columns), the list and text field widgets, and text measuring. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/tui/tui_internal.h"
#include "helpers.h"
#include "ibis/app.h"
#include "ibis/db_arrangement.h"
#include "ibis/db_event.h"
#include "ibis/db_level.h"
#include "ibis/db_plan.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"

static void utf8_locale(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"), "the C.UTF-8 locale is needed");
}

TestSuite(tui, .init = utf8_locale);

static const struct screen_ops *const screens[] = {
	&pupils_screen, &dossier_screen, &help_screen, &dialog_screen,
	&pupilform_screen, &picker_screen, &groups_screen, &jaarovergang_screen,
	&import_screen, &prompt_screen,
	&overzicht_screen,
	&tijdlijn_screen,
	&levelform_screen, &eventform_screen, &arrangementform_screen,
	&plannen_screen, &planedit_screen, &goalform_screen, &planpupils_screen,
	&planstatus_screen, &planmerge_screen,
	&hgw_screen, &checklist_screen, &school_screen, &sopform_screen,
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
			/* As the first screen and above it, typing or not. */
			for (int mode = 0; mode < 4; mode++) {
				int n = keybar_items(ops->tables[k], mode & 1, !(mode & 2),
						     ops == &help_screen, items,
						     (int)ARRAY_LEN(items));
				cr_assert_gt(n, 0);
				cr_assert_leq(keybar_width(items, n), 80,
					      "the key bar of %s table %d (mode %d) takes %d "
					      "columns", ops->name, k, mode,
					      keybar_width(items, n));
			}
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

/* ============================================================ pupil list */

Test(tui, pupil_list_keys_open_the_other_screens)
{
	const struct keydef *list = pupils_screen.tables[0];
	const struct keydef *d;

	cr_assert_not_null(d = keytable_find(list, 'G'));
	cr_assert_not_null(strstr(d->help, "Groepen"), "G opens Groepen, not End");
	cr_assert_not_null(d = keytable_find(list, 'J'));
	cr_assert_not_null(strstr(d->help, "Jaarovergang"));
	cr_assert_not_null(d = keytable_find(list, 'I'));
	cr_assert_not_null(strstr(d->help, "Importeren"));
	cr_assert_not_null(d = keytable_find(list, 'H'));
	cr_assert_not_null(strstr(d->help, "HGW-raster"));
	cr_assert_not_null(d = keytable_find(list, 'B'));
	cr_assert_not_null(strstr(d->help, "Basisondersteuning"));
	cr_assert_not_null(d = keytable_find(list, 'S'));
	cr_assert_not_null(strstr(d->help, "schoolondersteuningsprofiel"));
	cr_assert_not_null(d = keytable_find(list, TK_END));
	cr_assert_not_null(strstr(d->help, "laatste"));
	cr_assert_not_null(keytable_find(list, 'n'));
	cr_assert_not_null(keytable_find(list, 'e'));
	cr_assert_not_null(keytable_find(list, 'a'));
	cr_assert_not_null(keytable_find(list, 'f'));
	cr_assert_not_null(keytable_find(list, 's'));
	cr_assert_null(keytable_find(list, TK_ESC), "Esc leaves unless a search is in force");
	cr_assert_not_null(keytable_find(pupils_screen.tables[1], TK_ESC));

	/* The form saves with F2 and Ctrl-S, and Ctrl-G is F4's twin. */
	const struct keydef *form = pupilform_screen.tables[0];
	cr_assert_eq(keytable_find(form, TK_F(2)), keytable_find(form, TK_CTRL('s')));
	cr_assert_eq(keytable_find(form, TK_F(4)), keytable_find(form, TK_CTRL('g')));
	cr_assert_null(keytable_find(form, 'q'), "q is typed into a field");
}

/* =================================================================== picker */

struct picked {
	int calls, index;
};

static int on_pick(struct tui *t, void *ctx, int index)
{
	struct picked *p = ctx;

	(void)t;
	p->calls++;
	p->index = index;
	return 0;
}

/* Run the action that key triggers on screen s, or its input when the key
 * is in no table (typed text). */
static int press(struct screen *s, struct tui *t, tkey key)
{
	const struct keydef *d = keytable_find(s->ops->keymap(s), key);

	if (d)
		return s->ops->action(s, t, d->action, key);
	cr_assert(s->ops->typing && s->ops->typing(s) && key_is_text(key));
	return s->ops->input(s, t, key);
}

static void press_text(struct screen *s, struct tui *t, const char *text)
{
	mbstate_t st = { 0 };
	size_t n = strlen(text), i = 0;

	while (i < n) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, text + i, n - i, &st);
		cr_assert(r > 0 && r <= n - i);
		press(s, t, (tkey)wc);
		i += r;
	}
}

static struct screen *open_screen(const struct screen_ops *ops, struct tui *t, const void *arg)
{
	struct screen *s = xcalloc(1, sizeof(*s));

	s->ops = ops;
	s->state = xcalloc(1, ops->state_size);
	cr_assert_eq(ops->enter(s, t, arg) & TR_POP, 0);
	return s;
}

static void close_screen(struct screen *s, struct tui *t)
{
	s->ops->leave(s, t);
	free(s->state);
	free(s);
}

Test(tui, picker_narrows_and_picks)
{
	struct tui t = { 0 };
	struct strlist items = { 0 };
	struct picked got = { 0 };

	sl_add(&items, "Alle leerkrachten");
	sl_add(&items, "Juf Çelik");
	sl_add(&items, "Meester Jansen");
	sl_add(&items, "Juf Zoë de Wit");
	struct picker_arg a = {
		.title = "Leerkracht", .items = &items, .current = 2,
		.on_pick = on_pick, .ctx = &got,
	};
	struct screen *s = open_screen(&picker_screen, &t, &a);

	/* Enter takes the item the cursor starts on. */
	int r = press(s, &t, TK_ENTER);
	cr_assert(r & TR_POP);
	cr_assert_eq(got.calls, 1);
	cr_assert_eq(got.index, 2);

	/* Typing narrows, without regard to case or accents. */
	press_text(s, &t, "celik");
	press(s, &t, TK_ENTER);
	cr_assert_eq(got.index, 1);
	press(s, &t, TK_CTRL('u'));
	press_text(s, &t, "juf");
	press(s, &t, TK_DOWN);
	press(s, &t, TK_ENTER);
	cr_assert_eq(got.index, 3, "the second of the two Juf's");
	press(s, &t, TK_DOWN);
	press(s, &t, TK_ENTER);
	cr_assert_eq(got.index, 3, "the cursor stops at the last match");

	/* Nothing matches: Enter does nothing; Backspace widens again. */
	press_text(s, &t, "xyz");
	got.calls = 0;
	r = press(s, &t, TK_ENTER);
	cr_assert_eq(r & TR_POP, 0);
	cr_assert_eq(got.calls, 0);
	for (int i = 0; i < 6; i++)
		press(s, &t, TK_BACKSPACE);
	press(s, &t, TK_HOME);
	press(s, &t, TK_ENTER);
	cr_assert_eq(got.index, 0);

	/* Esc closes without a choice. */
	got.calls = 0;
	r = press(s, &t, TK_ESC);
	cr_assert(r & TR_POP);
	cr_assert_eq(got.calls, 0);
	close_screen(s, &t);
	sl_free(&items);
}

static int on_yes(struct tui *t, void *ctx)
{
	(void)t;
	(*(int *)ctx)++;
	return TR_QUIT;
}

Test(tui, question_calls_back_on_yes_only)
{
	struct tui t = { 0 };
	int yes = 0;
	struct dialog_arg a = {
		.title = "Niet opgeslagen", .text = "Weggooien? (j/n)", .question = true,
		.on_yes = on_yes, .ctx = &yes,
	};
	struct screen *s = open_screen(&dialog_screen, &t, &a);

	int r = press(s, &t, 'n');
	cr_assert(r & TR_POP);
	cr_assert_eq(yes, 0);
	cr_assert_eq(r & TR_QUIT, 0);
	r = press(s, &t, 'j');
	cr_assert(r & TR_POP);
	cr_assert(r & TR_QUIT, "the callback's flags are returned");
	cr_assert_eq(yes, 1);
	close_screen(s, &t);
}

Test(tui, overdue_has_its_own_look_without_colour)
{
	struct tui t = { 0 };

	cr_assert_neq(role_attr(&t, ROLE_OVERDUE), role_attr(&t, ROLE_NORMAL));
}

/* ================================================================ read-only */

Test(tui, a_read_only_database_refuses_changes)
{
	char *dir;
	struct db *db = th_db_new(&dir);
	char *path = path_join(dir, "test.db");
	struct db_options opt = { .path = path, .mode = DB_EXISTING, .readonly = true };
	struct ibis_error err = { 0 };
	struct app app = { 0 };
	struct tui t = { 0 };

	/* Writable: nothing refused, nothing reported. */
	app.db = db;
	t.app = &app;
	cr_assert_not(tui_refuse_readonly(&t));
	cr_assert_not(t.has_error);
	db_close(db);

	cr_assert_eq(db_open(&app.db, &opt, &err), IBIS_OK, "%s", err.message);
	cr_assert(tui_refuse_readonly(&t));
	cr_assert(t.has_error);
	cr_assert_str_eq(t.error.message, "Alleen-lezen: wijzigingen worden niet opgeslagen.");
	cr_assert_eq(t.error.fault, DBF_READONLY);

	/* The pupil form does not even open. */
	struct screen s = { .ops = &pupilform_screen };
	s.state = xcalloc(1, pupilform_screen.state_size);
	t.has_error = false;
	cr_assert(pupilform_screen.enter(&s, &t, NULL) & TR_POP);
	cr_assert(t.has_error);
	pupilform_screen.leave(&s, &t);
	free(s.state);

	db_close(app.db);
	free(path);
	th_rmtree(dir);
	free(dir);
}

/* ============================================================= pupil form */

static ibis_id add_pupil(struct db *db, const char *first, const char *last)
{
	struct ibis_error err = { 0 };
	struct school sc = {
		.name = xstrdup("CBS Het Kompas"),
		.level_model = xstrdup("4-niveaus"),
	};
	struct pupil p = { 0 };

	cr_assert_eq(db_school_insert(db, &sc, &err), IBIS_OK, "%s", err.message);
	p.school_id = sc.id;
	p.first_name = xstrdup(first);
	p.last_name = xstrdup(last);
	cr_assert(date_parse_nl("14-03-2018", &p.birth_date));
	p.enrolled = p.left = DATE_NONE;
	cr_assert_eq(db_pupil_insert(db, &p, &err), IBIS_OK, "%s", err.message);
	ibis_id id = p.id;
	pupil_clear(&p);
	school_clear(&sc);
	return id;
}

static char *pupil_last_name(struct db *db, ibis_id id)
{
	struct ibis_error err = { 0 };
	struct pupil p = { 0 };

	cr_assert_eq(db_pupil_get(db, id, &p, &err), IBIS_OK, "%s", err.message);
	char *s = xstrdup(p.last_name);
	pupil_clear(&p);
	return s;
}

/* A colleague saves the same pupil while the form is open: the save is
 * refused with a message, the typed text stays, and a second save writes it. */
Test(tui, pupil_form_keeps_the_text_on_a_conflict)
{
	char *dir;
	struct app app = { 0 };
	struct tui t = { 0 };
	struct ibis_error err = { 0 };
	ibis_date today;

	cr_assert(date_parse_nl("23-11-2026", &today));
	date_set_today(today);
	app.db = th_db_new(&dir);
	t.app = &app;
	ibis_id id = add_pupil(app.db, "Anna", "Berg");

	struct screen *s = open_screen(&pupilform_screen, &t, &id);
	/* Roepnaam, Tussenvoegsel, then Achternaam: "Berg" becomes "Bergman". */
	press(s, &t, TK_TAB);
	press(s, &t, TK_TAB);
	press(s, &t, TK_END);
	press_text(s, &t, "man");

	struct pupil other = { 0 };
	cr_assert_eq(db_pupil_get(app.db, id, &other, &err), IBIS_OK);
	free(other.last_name);
	other.last_name = xstrdup("Bergh");
	cr_assert_eq(db_pupil_update(app.db, &other, &err), IBIS_OK, "%s", err.message);
	pupil_clear(&other);

	int r = press(s, &t, TK_F(2));
	cr_assert_eq(r & TR_POP, 0, "the form stays open");
	char *now = pupil_last_name(app.db, id);
	cr_assert_str_eq(now, "Bergh", "the colleague's save is not overwritten unasked");
	free(now);

	r = press(s, &t, TK_CTRL('s'));
	cr_assert(r & TR_POP, "the second save goes through");
	now = pupil_last_name(app.db, id);
	cr_assert_str_eq(now, "Bergman", "what was typed is what is saved");
	free(now);
	cr_assert_eq(t.changes, 1);
	cr_assert_eq(t.saved_pupil, id);
	close_screen(s, &t);

	date_set_today(DATE_NONE);
	db_close(app.db);
	th_rmtree(dir);
	free(dir);
}

/* ================================================================ tijdlijn */

Test(tui, tijdlijn_keys_reach_their_actions)
{
	const struct keydef *tl = tijdlijn_screen.tables[0];
	static const tkey keys[] = { TK_ENTER, 'n', '+', '-', 'c', 'd', 'a', 'f', TK_TAB,
				     TK_UP, TK_DOWN, 'j', 'k', TK_PGUP, TK_PGDN, TK_HOME,
				     TK_END };

	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		cr_assert_not_null(keytable_find(tl, keys[i]), "key %#x of the Tijdlijn",
				   (unsigned)keys[i]);
	cr_assert_null(keytable_find(tl, TK_ESC), "Esc goes back (the global key)");
	cr_assert_null(keytable_find(tl, 'q'), "q goes back (the global key)");
	cr_assert_neq(keytable_find(tl, '+'), keytable_find(tl, '-'));
	cr_assert_not_null(keytable_find(dossier_screen.tables[0], TK_TAB),
			   "Tab in the Gegevens tab goes back to the Tijdlijn");
	cr_assert_not_null(keytable_find(tl, 'l'), "l: a logboek entry");
	cr_assert_neq(keytable_find(tl, TK_TAB), keytable_find(tl, TK_BTAB),
		      "Tab and Shift-Tab go different ways");
}

/* A key on the screen on top, as the loop hands it over: the screen's table,
 * and a screen that asks to close is removed. */
static int press_top(struct tui *t, tkey key)
{
	struct screen *s = t->stack[t->depth - 1];
	const struct keydef *d = keytable_find(s->ops->keymap(s), key);

	cr_assert_not_null(d, "key %#x on %s", (unsigned)key, s->ops->name);
	int r = s->ops->action(s, t, d->action, key);
	if (r & TR_POP)
		tui_remove(t, s);
	return r;
}

static void add_episode(struct db *db, ibis_id pupil, int level, const char *start)
{
	struct ibis_error err = { 0 };
	struct level_episode e = {
		.pupil_id = pupil,
		.model = xstrdup("4-niveaus"),
		.level = level,
		.end = DATE_NONE,
		.reason = xstrdup("Uit de groepsbespreking"),
		.author = xstrdup("ib"),
	};

	cr_assert(date_parse_iso(start, &e.start));
	cr_assert_eq(db_level_insert(db, &e, &err), IBIS_OK, "%s", err.message);
	level_episode_clear(&e);
}

static void pop_all(struct tui *t)
{
	while (t->depth > 0)
		tui_remove(t, t->stack[t->depth - 1]);
	free(t->stack);
	t->stack = NULL;
	t->cap = 0;
}

/* Tab goes Tijdlijn -> Plannen -> Gegevens -> Tijdlijn, Shift-Tab the other
 * way, each tab taking the other's place on the stack; d on an older step is
 * refused with a message; a read-only database refuses a change before any
 * form opens. */
Test(tui, tijdlijn_switches_tabs_and_refuses)
{
	char *dir;
	struct app app = { 0 };
	struct tui t = { 0 };
	ibis_date today;

	cr_assert(date_parse_nl("23-11-2026", &today));
	date_set_today(today);
	app.db = th_db_new(&dir);
	t.app = &app;
	ibis_id id = add_pupil(app.db, "Anna", "Berg");
	add_episode(app.db, id, 1, "2024-08-20");
	add_episode(app.db, id, 2, "2025-10-01");

	tui_push(&t, &tijdlijn_screen, &id);
	cr_assert_eq(t.depth, 1);
	cr_assert_not(t.has_error, "%s", t.error.message);
	static const struct screen_ops *const forward[] = {
		&plannen_screen, &dossier_screen, &tijdlijn_screen,
	};
	for (size_t i = 0; i < ARRAY_LEN(forward); i++) {
		press_top(&t, TK_TAB);
		cr_assert_eq(t.depth, 1, "the tab takes the other's place");
		cr_assert_eq(t.stack[0]->ops, forward[i], "Tab %zu: %s", i, t.stack[0]->ops->name);
		cr_assert_not(t.has_error, "%s", t.error.message);
	}
	static const struct screen_ops *const back[] = {
		&dossier_screen, &plannen_screen, &tijdlijn_screen,
	};
	for (size_t i = 0; i < ARRAY_LEN(back); i++) {
		press_top(&t, TK_BTAB);
		cr_assert_eq(t.depth, 1);
		cr_assert_eq(t.stack[0]->ops, back[i], "Shift-Tab %zu: %s", i,
			     t.stack[0]->ops->name);
	}

	/* The oldest item is the first step: not the newest, so d refuses. */
	press_top(&t, TK_END);
	press_top(&t, 'd');
	cr_assert_eq(t.depth, 2);
	cr_assert_eq(t.stack[1]->ops, &dialog_screen, "d on an older step explains");
	press_top(&t, TK_ENTER);
	cr_assert_eq(t.depth, 1);
	cr_assert_not(t.has_error, "%s", t.error.message);
	pop_all(&t);
	db_close(app.db);

	/* Read-only: + is refused with the banner's words, nothing opens. */
	char *path = path_join(dir, "test.db");
	struct db_options opt = { .path = path, .mode = DB_EXISTING, .readonly = true };
	struct ibis_error err = { 0 };
	cr_assert_eq(db_open(&app.db, &opt, &err), IBIS_OK, "%s", err.message);
	tui_push(&t, &tijdlijn_screen, &id);
	cr_assert_eq(t.depth, 1);
	static const tkey changes[] = { '+', '-', 'c', 'd', 'n', 'a', 'l' };
	for (size_t i = 0; i < ARRAY_LEN(changes); i++) {
		t.has_error = false;
		press_top(&t, changes[i]);
		cr_assert_eq(t.depth, 1, "key %c opens nothing", (char)changes[i]);
		cr_assert(t.has_error, "key %c is refused", (char)changes[i]);
		cr_assert_eq(t.error.fault, DBF_READONLY);
	}
	pop_all(&t);

	date_set_today(DATE_NONE);
	db_close(app.db);
	free(path);
	th_rmtree(dir);
	free(dir);
}

/* ============================================ level, event and arrangement forms */

Test(tui, level_and_event_form_keys)
{
	const struct keydef *const tables[] = {
		levelform_screen.tables[0], levelform_screen.tables[1],
		eventform_screen.tables[0], arrangementform_screen.tables[0],
	};

	for (size_t i = 0; i < ARRAY_LEN(tables); i++) {
		const struct keydef *k = tables[i];
		cr_assert_eq(keytable_find(k, TK_F(2)), keytable_find(k, TK_CTRL('s')));
		cr_assert_not_null(keytable_find(k, TK_F(2)));
		cr_assert_not_null(keytable_find(k, TK_ESC));
		cr_assert_not_null(keytable_find(k, TK_TAB));
		cr_assert_not_null(keytable_find(k, TK_BTAB));
		cr_assert_not_null(keytable_find(k, TK_LEFT), "Left changes a choice");
		cr_assert_null(keytable_find(k, 'q'), "q is typed into a field");
		cr_assert_null(keytable_find(k, 'j'), "j is typed into a field");
	}
	/* The forms with a choice pick it from a list; the withdrawal has none. */
	cr_assert_eq(keytable_find(eventform_screen.tables[0], TK_F(4)),
		     keytable_find(eventform_screen.tables[0], TK_CTRL('g')));
	cr_assert_not_null(keytable_find(levelform_screen.tables[0], TK_F(4)));
	cr_assert_null(keytable_find(levelform_screen.tables[1], TK_F(4)));
}

/* The shipped models and a fresh database, today 23-11-2026, user "ib". */
struct form_env {
	char *dir;
	struct app app;
	struct tui t;
};

static void form_env_open(struct form_env *e)
{
	struct ibis_error err = { 0 };
	ibis_date today;

	memset(e, 0, sizeof(*e));
	cr_assert(date_parse_nl("23-11-2026", &today));
	date_set_today(today);
	e->app.db = th_db_new(&e->dir);
	char *conf = th_write(e->dir, "empty.ini", "");
	struct config_source src = { .datadir = th_datadir(), .config_file = conf };
	cr_assert_eq(config_load(&e->app.cfg, &src, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(domain_load(&e->app.dom, &e->app.cfg, &err), IBIS_OK, "%s", err.message);
	free(conf);
	e->app.user = xstrdup("ib");
	e->t.app = &e->app;
}

static void form_env_close(struct form_env *e)
{
	while (e->t.depth > 0)
		tui_remove(&e->t, e->t.stack[e->t.depth - 1]);
	free(e->t.stack);
	if (e->app.db)
		db_close(e->app.db);
	domain_free(&e->app.dom);
	config_free(&e->app.cfg);
	free(e->app.user);
	th_rmtree(e->dir);
	free(e->dir);
	date_set_today(DATE_NONE);
}

/* A pupil at a new school of the given model. */
static ibis_id pupil_in_model(struct db *db, const char *model)
{
	struct ibis_error err = { 0 };
	struct school sc = { .name = xstrdup("OBS De Vlinder"), .level_model = xstrdup(model) };
	struct pupil p = { 0 };

	cr_assert_eq(db_school_insert(db, &sc, &err), IBIS_OK, "%s", err.message);
	p.school_id = sc.id;
	p.first_name = xstrdup("Sanne");
	p.last_name = xstrdup("Visser");
	cr_assert(date_parse_nl("02-05-2017", &p.birth_date));
	p.enrolled = p.left = DATE_NONE;
	cr_assert_eq(db_pupil_insert(db, &p, &err), IBIS_OK, "%s", err.message);
	ibis_id id = p.id;
	pupil_clear(&p);
	school_clear(&sc);
	return id;
}

static ibis_id record_level(struct db *db, ibis_id pupil, const char *model, int level,
			    const char *start)
{
	struct ibis_error err = { 0 };
	struct level_episode e = {
		.pupil_id = pupil, .model = xstrdup(model), .level = level, .end = DATE_NONE,
		.reason = xstrdup("Uit de groepsbespreking"), .author = xstrdup("ib"),
	};

	cr_assert(date_parse_iso(start, &e.start));
	cr_assert_eq(db_level_insert(db, &e, &err), IBIS_OK, "%s", err.message);
	ibis_id id = e.id;
	level_episode_clear(&e);
	return id;
}

/* A key to the screen on top, as the loop hands it: its table, else typed
 * text; a screen that asks to close is removed. */
static int key_on_top(struct tui *t, tkey key)
{
	cr_assert_gt(t->depth, 0);
	struct screen *s = t->stack[t->depth - 1];
	const struct keydef *d = keytable_find(s->ops->keymap(s), key);
	int r;

	if (d) {
		r = s->ops->action(s, t, d->action, key);
	} else {
		cr_assert(s->ops->typing && s->ops->typing(s) && key_is_text(key),
			  "key %#x on %s", (unsigned)key, s->ops->name);
		r = s->ops->input(s, t, key);
	}
	if (r & TR_POP)
		tui_remove(t, s);
	return r;
}

static void keys_on_top(struct tui *t, tkey key, int times)
{
	for (int i = 0; i < times; i++)
		key_on_top(t, key);
}

static void type_on_top(struct tui *t, const char *text)
{
	mbstate_t st = { 0 };
	size_t n = strlen(text), i = 0;

	while (i < n) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, text + i, n - i, &st);
		cr_assert(r > 0 && r <= n - i);
		key_on_top(t, (tkey)wc);
		i += r;
	}
}

static void current_level(struct db *db, ibis_id pupil, struct level_episode *out)
{
	struct ibis_error err = { 0 };
	bool found = false;

	cr_assert_eq(db_level_current(db, pupil, out, &found, &err), IBIS_OK, "%s", err.message);
	cr_assert(found, "the pupil has a current level");
}

/* Rows of the level form: Niveau, Datum, Reden, Bespreking, Regie,
 * Betrokkenen (and Waarom for a correction); the cursor starts on Niveau. */
Test(tui, level_form_refuses_a_raise_without_reason_and_keeps_the_text)
{
	struct form_env e;
	struct level_episode cur = { 0 };

	form_env_open(&e);
	ibis_id id = pupil_in_model(e.app.db, "4-niveaus");
	record_level(e.app.db, id, "4-niveaus", 1, "2024-08-20");
	struct levelform_arg a = { .mode = LF_CHANGE, .pupil_id = id };
	tui_push(&e.t, &levelform_screen, &a);
	cr_assert_eq(e.t.depth, 1);
	cr_assert_not(e.t.has_error, "%s", e.t.error.message);

	/* Niveau 2 is proposed; a name is added to the prefilled Betrokkenen. */
	keys_on_top(&e.t, TK_TAB, 5);
	key_on_top(&e.t, TK_END);
	type_on_top(&e.t, "; juf Zoë");
	int r = key_on_top(&e.t, TK_F(2));
	cr_assert_eq(r & TR_POP, 0, "no reason: the form stays");
	cr_assert_eq(e.t.depth, 1);
	current_level(e.app.db, id, &cur);
	cr_assert_eq(cur.level, 1, "nothing was saved");
	level_episode_clear(&cur);

	/* The cursor went to Reden, and the typed Betrokkenen is still there. */
	type_on_top(&e.t, "Toets M5 rekenen: E-score");
	r = key_on_top(&e.t, TK_CTRL('s'));
	cr_assert(r & TR_POP);
	cr_assert_eq(e.t.depth, 0);
	cr_assert_eq(e.t.changes, 1);
	current_level(e.app.db, id, &cur);
	cr_assert_eq(cur.level, 2);
	cr_assert_str_eq(cur.model, "4-niveaus");
	cr_assert_eq(cur.start, date_today());
	cr_assert_str_eq(cur.reason, "Toets M5 rekenen: E-score");
	cr_assert_str_eq(cur.meeting, "groepsbespreking", "the model's meeting for Niveau 2");
	cr_assert_str_eq(cur.regie, "Leerkracht");
	cr_assert_str_eq(cur.betrokkenen, "IB’er; juf Zoë");
	cr_assert_str_eq(cur.author, "ib");
	level_episode_clear(&cur);
	form_env_close(&e);
}

Test(tui, level_form_prefill_follows_the_level_until_typed)
{
	struct form_env e;
	struct level_episode cur = { 0 };

	form_env_open(&e);
	ibis_id id = pupil_in_model(e.app.db, "4-niveaus");
	record_level(e.app.db, id, "4-niveaus", 1, "2024-08-20");
	record_level(e.app.db, id, "4-niveaus", 2, "2025-10-01");
	struct levelform_arg a = { .mode = LF_CHANGE, .pupil_id = id };
	tui_push(&e.t, &levelform_screen, &a);
	cr_assert_eq(e.t.depth, 1);

	/* Niveau 3 is proposed; Niveau 4 skips it, which needs a reason. */
	key_on_top(&e.t, TK_RIGHT);
	int r = key_on_top(&e.t, TK_F(2));
	cr_assert_eq(r & TR_POP, 0, "a skip without a reason is refused");
	current_level(e.app.db, id, &cur);
	cr_assert_eq(cur.level, 2);
	level_episode_clear(&cur);

	/* On Reden now. Then Regie gets a typed addition; back on Niveau,
	 * Niveau 3: the meeting follows the level, the typed Regie stays. */
	type_on_top(&e.t, "Analyse: geen groei in een half jaar");
	keys_on_top(&e.t, TK_TAB, 2);
	key_on_top(&e.t, TK_END);
	type_on_top(&e.t, " (tijdelijk)");
	keys_on_top(&e.t, TK_BTAB, 4);
	key_on_top(&e.t, TK_LEFT);
	r = key_on_top(&e.t, TK_F(2));
	cr_assert(r & TR_POP, "%s", e.t.error.message);
	current_level(e.app.db, id, &cur);
	cr_assert_eq(cur.level, 3);
	cr_assert_str_eq(cur.meeting, "leerlingbespreking");
	cr_assert_str_eq(cur.regie, "Leerkracht i.s.m. IB’er (tijdelijk)",
			 "typed on Niveau 4's regie, kept on Niveau 3");
	cr_assert_str_eq(cur.betrokkenen, "IB’er; Evt. specialist/RT’er/oa; Preventief optrekken "
			 "met ondersteuningsspecialist SWV; Evt. zorgpartners");
	cr_assert_str_eq(cur.reason, "Analyse: geen groei in een half jaar");
	level_episode_clear(&cur);
	form_env_close(&e);
}

Test(tui, level_form_corrects_and_withdraws_with_a_reason)
{
	struct form_env e;
	struct level_episode cur = { 0 };
	struct level_correction *c = NULL;
	struct ibis_error err = { 0 };
	int n = 0;
	ibis_date d;

	form_env_open(&e);
	ibis_id id = pupil_in_model(e.app.db, "4-niveaus");
	record_level(e.app.db, id, "4-niveaus", 1, "2024-08-20");
	ibis_id step = record_level(e.app.db, id, "4-niveaus", 2, "2025-10-01");

	struct levelform_arg a = { .mode = LF_CORRECT, .pupil_id = id, .episode_id = step };
	tui_push(&e.t, &levelform_screen, &a);
	cr_assert_eq(e.t.depth, 1);
	cr_assert_eq(key_on_top(&e.t, TK_F(2)) & TR_POP, 0, "no Waarom: refused");
	/* On Waarom now; a correction that changes nothing is refused too. */
	type_on_top(&e.t, "Datum stond verkeerd");
	cr_assert_eq(key_on_top(&e.t, TK_F(2)) & TR_POP, 0, "nothing changed: refused");
	keys_on_top(&e.t, TK_BTAB, 5);
	key_on_top(&e.t, TK_CTRL('u'));
	type_on_top(&e.t, "15-09-2025");
	cr_assert(key_on_top(&e.t, TK_F(2)) & TR_POP, "%s", e.t.error.message);
	current_level(e.app.db, id, &cur);
	cr_assert_eq(cur.id, step);
	cr_assert(date_parse_iso("2025-09-15", &d));
	cr_assert_eq(cur.start, d);
	cr_assert_eq(cur.level, 2);
	cr_assert_str_eq(cur.reason, "Uit de groepsbespreking", "the reason as it was");
	level_episode_clear(&cur);
	cr_assert_eq(db_level_corrections(e.app.db, id, &c, &n, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(n, 1);
	cr_assert_eq(c[0].action, CORRECTION_CHANGED);
	cr_assert_str_eq(c[0].why, "Datum stond verkeerd");
	cr_assert_str_eq(c[0].author, "ib");
	cr_assert(date_parse_iso("2025-10-01", &d));
	cr_assert_eq(c[0].old.start, d);
	level_corrections_free(c, n);

	a.mode = LF_WITHDRAW;
	tui_push(&e.t, &levelform_screen, &a);
	cr_assert_eq(e.t.depth, 1);
	key_on_top(&e.t, TK_F(2));
	cr_assert_eq(e.t.depth, 1, "no Waarom: no question either");
	type_on_top(&e.t, "Dubbel ingevoerd");
	key_on_top(&e.t, TK_F(2));
	cr_assert_eq(e.t.depth, 2);
	cr_assert_eq(e.t.stack[1]->ops, &dialog_screen, "Deze stap intrekken? (j/n)");
	key_on_top(&e.t, 'j');
	cr_assert_eq(e.t.depth, 0, "withdrawn: the dialog and the form are gone");
	cr_assert_not(e.t.has_error, "%s", e.t.error.message);
	current_level(e.app.db, id, &cur);
	cr_assert_eq(cur.level, 1, "the step before is current again");
	level_episode_clear(&cur);
	cr_assert_eq(db_level_corrections(e.app.db, id, &c, &n, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(n, 2);
	cr_assert_eq(c[1].action, CORRECTION_WITHDRAWN);
	cr_assert_str_eq(c[1].why, "Dubbel ingevoerd");
	level_corrections_free(c, n);
	cr_assert_eq(e.t.changes, 2);
	form_env_close(&e);
}

/* Rows of the event form: Datum, Soort, (Toets, Vakgebied, Moment, Score,
 * Niveau for a toets), Auteur, Tekst, Vertrouwelijk. */
Test(tui, event_form_saves_a_note_and_a_toets_result)
{
	struct form_env e;
	struct event *ev = NULL;
	struct ibis_error err = { 0 };
	int n = 0;

	form_env_open(&e);
	ibis_id id = pupil_in_model(e.app.db, "6-lagen");
	tui_push(&e.t, &eventform_screen, &id);
	cr_assert_eq(e.t.depth, 1);
	cr_assert_eq(key_on_top(&e.t, TK_F(2)) & TR_POP, 0, "an observation needs a text");
	/* The cursor is on Tekst now. */
	type_on_top(&e.t, "Werkt geconcentreerd aan de instructietafel");
	cr_assert(key_on_top(&e.t, TK_F(2)) & TR_POP, "%s", e.t.error.message);

	tui_push(&e.t, &eventform_screen, &id);
	key_on_top(&e.t, TK_TAB);
	type_on_top(&e.t, "t");
	key_on_top(&e.t, TK_TAB);
	cr_assert_eq(key_on_top(&e.t, TK_F(2)) & TR_POP, 0, "a toets needs its name");
	type_on_top(&e.t, "Cito LVS");
	key_on_top(&e.t, TK_TAB);
	type_on_top(&e.t, "rekenen-wiskunde");
	key_on_top(&e.t, TK_TAB);
	type_on_top(&e.t, "M5");
	key_on_top(&e.t, TK_TAB);
	type_on_top(&e.t, "42");
	key_on_top(&e.t, TK_TAB);
	type_on_top(&e.t, "v");
	cr_assert(key_on_top(&e.t, TK_CTRL('s')) & TR_POP, "%s", e.t.error.message);

	cr_assert_eq(db_event_list(e.app.db, id, 0, &ev, &n, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(ev[0].kind, "toets");
	cr_assert_str_eq(ev[0].toets, "Cito LVS");
	cr_assert_str_eq(ev[0].vakgebied, "rekenen-wiskunde");
	cr_assert_str_eq(ev[0].moment, "M5");
	cr_assert_str_eq(ev[0].score, "42");
	cr_assert_str_eq(ev[0].niveau, "V");
	cr_assert_null(ev[0].text);
	cr_assert_str_eq(ev[1].kind, "observatie");
	cr_assert_str_eq(ev[1].text, "Werkt geconcentreerd aan de instructietafel");
	cr_assert_str_eq(ev[1].author, "ib");
	cr_assert_eq(ev[1].date, date_today());
	cr_assert_not(ev[1].restricted);
	cr_assert_null(ev[1].toets);
	events_free(ev, n);
	form_env_close(&e);
}

/* Rows of the arrangement form: Soort, Begindatum, Einddatum, Omschrijving,
 * Kenmerk. 6-lagen gives a TLV at most 2 years. */
Test(tui, arrangement_form_keeps_a_tlv_within_the_model)
{
	struct form_env e;
	struct arrangement *ar = NULL;
	struct ibis_error err = { 0 };
	int n = 0;
	ibis_date d;

	form_env_open(&e);
	ibis_id id = pupil_in_model(e.app.db, "6-lagen");
	tui_push(&e.t, &arrangementform_screen, &id);
	cr_assert_eq(e.t.depth, 1);
	keys_on_top(&e.t, TK_TAB, 2);
	key_on_top(&e.t, TK_CTRL('u'));
	type_on_top(&e.t, "01-01-2029");
	cr_assert_eq(key_on_top(&e.t, TK_F(2)) & TR_POP, 0, "past the 2 years: refused");
	cr_assert_eq(db_arrangement_list(e.app.db, id, &ar, &n, &err), IBIS_OK);
	cr_assert_eq(n, 0);
	arrangements_free(ar, n);
	key_on_top(&e.t, TK_CTRL('u'));
	type_on_top(&e.t, "31-07-2028");
	key_on_top(&e.t, TK_TAB);
	type_on_top(&e.t, "SO cluster 4");
	key_on_top(&e.t, TK_TAB);
	type_on_top(&e.t, "SWV-2026-117");
	cr_assert(key_on_top(&e.t, TK_F(2)) & TR_POP, "%s", e.t.error.message);

	/* Left as it is, the end is the last day of the longest term. */
	tui_push(&e.t, &arrangementform_screen, &id);
	cr_assert(key_on_top(&e.t, TK_F(2)) & TR_POP, "%s", e.t.error.message);
	/* An onderwijsarrangement has no end unless one is typed. */
	tui_push(&e.t, &arrangementform_screen, &id);
	type_on_top(&e.t, "o");
	cr_assert(key_on_top(&e.t, TK_F(2)) & TR_POP, "%s", e.t.error.message);

	cr_assert_eq(db_arrangement_list(e.app.db, id, &ar, &n, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(n, 3);
	cr_assert_eq(ar[0].kind, ARRANGEMENT_TLV);
	cr_assert_eq(ar[0].start, date_today());
	cr_assert(date_parse_iso("2028-07-31", &d));
	cr_assert_eq(ar[0].end, d);
	cr_assert_str_eq(ar[0].description, "SO cluster 4");
	cr_assert_str_eq(ar[0].reference, "SWV-2026-117");
	int tlv2 = ar[1].kind == ARRANGEMENT_TLV ? 1 : 2, oa = 3 - tlv2;
	cr_assert(date_parse_iso("2028-11-22", &d));
	cr_assert_eq(ar[tlv2].end, d);
	cr_assert_eq(ar[oa].kind, ARRANGEMENT_ONDERWIJS);
	cr_assert_eq(ar[oa].end, DATE_NONE);
	arrangements_free(ar, n);
	cr_assert_eq(e.t.changes, 3);
	form_env_close(&e);
}

Test(tui, level_and_event_forms_refuse_a_read_only_database)
{
	struct form_env e;
	struct ibis_error err = { 0 };

	form_env_open(&e);
	ibis_id id = pupil_in_model(e.app.db, "4-niveaus");
	ibis_id step = record_level(e.app.db, id, "4-niveaus", 1, "2024-08-20");
	db_close(e.app.db);
	char *path = path_join(e.dir, "test.db");
	struct db_options opt = { .path = path, .mode = DB_EXISTING, .readonly = true };
	cr_assert_eq(db_open(&e.app.db, &opt, &err), IBIS_OK, "%s", err.message);

	struct levelform_arg args[] = {
		{ .mode = LF_CHANGE, .pupil_id = id },
		{ .mode = LF_CORRECT, .pupil_id = id, .episode_id = step },
		{ .mode = LF_WITHDRAW, .pupil_id = id, .episode_id = step },
	};
	for (size_t i = 0; i < ARRAY_LEN(args); i++) {
		e.t.has_error = false;
		tui_push(&e.t, &levelform_screen, &args[i]);
		cr_assert_eq(e.t.depth, 0);
		cr_assert(e.t.has_error);
		cr_assert_eq(e.t.error.fault, DBF_READONLY);
	}
	const struct screen_ops *const others[] = { &eventform_screen, &arrangementform_screen };
	for (size_t i = 0; i < ARRAY_LEN(others); i++) {
		e.t.has_error = false;
		tui_push(&e.t, others[i], &id);
		cr_assert_eq(e.t.depth, 0);
		cr_assert(e.t.has_error);
		cr_assert_eq(e.t.error.fault, DBF_READONLY);
	}
	free(path);
	form_env_close(&e);
}

/* ================================================================= plannen */

static ibis_id add_plan(struct db *db, ibis_id pupil, const char *tmpl, enum plan_status st,
			const char *start, const char *due)
{
	struct ibis_error err = { 0 };
	struct plan p = {
		.template_id = xstrdup(tmpl),
		.pupil_id = pupil,
		.title = xstrdup("Rekenen: tafels van 6 en 7"),
		.status = st,
		.end = DATE_NONE,
		.eval_date = DATE_NONE,
		.due = DATE_NONE,
		.agreed = DATE_NONE,
		.evaluated = DATE_NONE,
		.author = xstrdup("ib"),
	};

	cr_assert(date_parse_iso(start, &p.start));
	if (due)
		cr_assert(date_parse_iso(due, &p.due));
	cr_assert_eq(db_plan_insert(db, &p, &err), IBIS_OK, "%s", err.message);
	ibis_id id = p.id;
	plan_clear(&p);
	return id;
}

static int count_plans(struct db *db, ibis_id pupil)
{
	struct ibis_error err = { 0 };
	struct plan *list = NULL;
	int n = 0;

	cr_assert_eq(db_plan_list(db, pupil, &list, &n, &err), IBIS_OK, "%s", err.message);
	plans_free(list, n);
	return n;
}

/* The Plannen tab: d deletes a concept after j and refuses an active plan;
 * l adds a logboek entry (not an empty one); n offers the templates; v
 * without versions explains; x writes the document into the current folder
 * and says where; Tab goes on to Gegevens. */
Test(tui, plannen_deletes_logs_and_exports)
{
	struct form_env e;
	struct ibis_error err = { 0 };

	form_env_open(&e);
	ibis_id pupil = pupil_in_model(e.app.db, "4-niveaus");
	ibis_id active = add_plan(e.app.db, pupil, "ihp", PLAN_ACTIVE, "2026-09-01", NULL);
	add_plan(e.app.db, pupil, "oop", PLAN_CONCEPT, "2026-10-01", "2026-11-01");

	struct plannen_arg a = { .pupil_id = pupil };
	tui_push(&e.t, &plannen_screen, &a);
	cr_assert_eq(e.t.depth, 1);
	cr_assert_not(e.t.has_error, "%s", e.t.error.message);

	/* The newest start first: the concept OOP. */
	key_on_top(&e.t, 'd');
	cr_assert_eq(e.t.depth, 2);
	cr_assert_eq(e.t.stack[1]->ops, &dialog_screen);
	key_on_top(&e.t, 'j');
	cr_assert_eq(e.t.depth, 1);
	cr_assert_not(e.t.has_error, "%s", e.t.error.message);
	cr_assert_eq(count_plans(e.app.db, pupil), 1, "the concept is gone");

	/* The active IHP is not deleted: a message, and it stays. */
	key_on_top(&e.t, 'd');
	cr_assert_eq(e.t.depth, 2);
	key_on_top(&e.t, TK_ENTER);
	cr_assert_eq(e.t.depth, 1);
	cr_assert_eq(count_plans(e.app.db, pupil), 1);

	/* A logboek entry: an empty one is refused, the dialog stays. */
	unsigned before = e.t.changes;
	key_on_top(&e.t, 'l');
	cr_assert_eq(e.t.depth, 2, "%s", e.t.error.message);
	key_on_top(&e.t, TK_ENTER);
	cr_assert_eq(e.t.depth, 2, "nothing typed: not saved");
	type_on_top(&e.t, "Gesprek met moeder: het gaat beter met Zoë");
	key_on_top(&e.t, TK_ENTER);
	cr_assert_eq(e.t.depth, 1);
	cr_assert_not(e.t.has_error, "%s", e.t.error.message);
	cr_assert_gt(e.t.changes, before);
	struct plan_log_entry *log = NULL;
	int nlog = 0;
	cr_assert_eq(db_plan_log_list(e.app.db, active, &log, &nlog, &err), IBIS_OK, "%s",
		     err.message);
	cr_assert_eq(nlog, 1);
	cr_assert_str_eq(log[0].text, "Gesprek met moeder: het gaat beter met Zoë");
	cr_assert_str_eq(log[0].author, "ib");
	cr_assert_eq(log[0].date, date_today());
	plan_log_free(log, nlog);

	/* Esc with text typed asks before it throws the text away. */
	key_on_top(&e.t, 'l');
	type_on_top(&e.t, "half");
	key_on_top(&e.t, TK_ESC);
	cr_assert_eq(e.t.depth, 3);
	key_on_top(&e.t, 'j');
	cr_assert_eq(e.t.depth, 1);

	/* n: the picker of the templates; Esc closes it. */
	key_on_top(&e.t, 'n');
	cr_assert_eq(e.t.depth, 2);
	cr_assert_eq(e.t.stack[1]->ops, &picker_screen);
	key_on_top(&e.t, TK_ESC);
	cr_assert_eq(e.t.depth, 1);

	/* v: no versions yet. */
	key_on_top(&e.t, 'v');
	cr_assert_eq(e.t.depth, 2);
	cr_assert_eq(e.t.stack[1]->ops, &dialog_screen);
	key_on_top(&e.t, TK_ENTER);

	/* x: HTML (the option the cursor starts on) into the current folder. */
	char *cwd = getcwd(NULL, 0);
	cr_assert_not_null(cwd);
	cr_assert_eq(chdir(e.dir), 0);
	key_on_top(&e.t, 'x');
	cr_assert_eq(e.t.depth, 2);
	cr_assert_eq(e.t.stack[1]->ops, &prompt_screen);
	key_on_top(&e.t, TK_ENTER);
	cr_assert_not(e.t.has_error, "%s", e.t.error.message);
	cr_assert_eq(e.t.depth, 2, "a message says where the file is");
	key_on_top(&e.t, TK_ENTER);
	cr_assert_eq(chdir(cwd), 0);
	free(cwd);
	char *name = xasprintf("IHP-%lld-Visser.html", (long long)active);
	char *path = path_join(e.dir, name);
	cr_assert(path_is_file(path), "%s was written", path);
	free(path);
	free(name);

	key_on_top(&e.t, TK_TAB);
	cr_assert_eq(e.t.depth, 1);
	cr_assert_eq(e.t.stack[0]->ops, &dossier_screen);
	form_env_close(&e);
}
