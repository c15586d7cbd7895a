/* test_text.c - UTF-8, search folding, Dutch names, widths. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "ibis/text.h"

/* main() sets the locale in the program; wcwidth needs it here too. */
static void utf8_locale(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
}

TestSuite(text, .init = utf8_locale);

static void assert_fold(const char *in, const char *want)
{
	char *got = text_fold(in);
	cr_assert_str_eq(got, want, "fold(\"%s\")", in);
	free(got);
}

/* ------------------------------------------------------------------- UTF-8 */

Test(text, valid_utf8)
{
	cr_assert(utf8_valid("", 0));
	cr_assert(utf8_valid("abc", 3));
	cr_assert(utf8_valid("Zoë Çelik 日本 😀", strlen("Zoë Çelik 日本 😀")));
	cr_assert(utf8_valid("\xEF\xBF\xBD", 3), "U+FFFD itself is fine");
	cr_assert_not(utf8_valid("\xC3", 1), "cut short");
	cr_assert_not(utf8_valid("Zo\xEB", 3), "a Latin-1 byte");
	cr_assert_not(utf8_valid("\xC0\xAF", 2), "overlong /");
	cr_assert_not(utf8_valid("\xE0\x80\xAF", 3), "overlong /");
	cr_assert_not(utf8_valid("\xED\xA0\x80", 3), "surrogate");
	cr_assert_not(utf8_valid("\xF4\x90\x80\x80", 4), "beyond U+10FFFF");
	cr_assert_not(utf8_valid("\x80", 1), "lone continuation");
	cr_assert_not(utf8_valid("\xC3\x28", 2), "bad continuation");
	/* only n bytes count: a valid prefix of a longer string */
	cr_assert(utf8_valid("ab\xFF", 2));
}

Test(text, decode_encode)
{
	size_t len;
	cr_assert_eq(utf8_decode("A", 1, &len), 'A');
	cr_assert_eq(len, 1);
	cr_assert_eq(utf8_decode("ë", 2, &len), 0xEB);
	cr_assert_eq(len, 2);
	cr_assert_eq(utf8_decode("日", 3, &len), 0x65E5);
	cr_assert_eq(len, 3);
	cr_assert_eq(utf8_decode("😀", 4, &len), 0x1F600);
	cr_assert_eq(len, 4);
	cr_assert_eq(utf8_decode("\xC3\xAB", 1, &len), 0xFFFD, "n limits the sequence");
	cr_assert_eq(len, 1);
	cr_assert_eq(utf8_decode("\xFF" "a", 2, &len), 0xFFFD);
	cr_assert_eq(len, 1);

	static const uint32_t cps[] = {0x41, 0x7F, 0x80, 0xEB, 0x7FF, 0x800, 0x131, 0xFFFD,
				       0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
	for (size_t i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		char buf[4];
		size_t n = utf8_encode(cps[i], buf);
		cr_assert(utf8_valid(buf, n), "U+%04X", cps[i]);
		cr_assert_eq(utf8_decode(buf, n, &len), cps[i]);
		cr_assert_eq(len, n);
	}
	char buf[4];
	cr_assert_eq(utf8_encode(0xD800, buf), 3, "a surrogate is written as U+FFFD");
	cr_assert_eq(memcmp(buf, "\xEF\xBF\xBD", 3), 0);
}

Test(text, width)
{
	cr_assert_eq(utf8_width("abc"), 3);
	cr_assert_eq(utf8_width("Zoë"), 3);
	cr_assert_eq(utf8_width("Zoe\xCC\x88"), 3, "combining diaeresis takes no column");
	cr_assert_eq(utf8_width("日本"), 4);
	cr_assert_eq(utf8_width(""), 0);
	cr_assert_eq(utf8_width(NULL), 0);
	cr_assert_eq(utf8_width("a\tb\n"), 2, "controls count 0");
	cr_assert_eq(utf8_width("a\xFF" "b"), 3, "a bad byte shows as one replacement");
}

/* ----------------------------------------------------------------- folding */

Test(text, fold_basics)
{
	assert_fold("Zoë Çelik-van den Berg", "zoe celik van den berg");
	assert_fold("  Anna   MARIA\t\n", "anna maria");
	assert_fold("D’Ancona", "d ancona");
	assert_fold("O'Brien", "o brien");
	assert_fold("Jan‐Willem — de Vries", "jan willem de vries");
	assert_fold("a.b,c;d/e(f)", "a b c d e f");
	assert_fold("groep 5B", "groep 5b");
	assert_fold("", "");
	assert_fold("  -- ’’ ", "");
	assert_fold(NULL, "");
	assert_fold("Ａｎｎａ", "anna");
	assert_fold("a\xC2\xA0" "b", "a b");
	assert_fold("Ja\xC2\xAD" "nsen", "jansen");
	assert_fold("Zoe\xCC\x88", "zoe");
}

Test(text, fold_latin1)
{
	assert_fold("éèêëáàâäãåíìîïóòôöõúùûüýÿñç", "eeeeaaaaaaiiiiooooouuuuyync");
	assert_fold("ÉÈÊËÁÀÂÄÃÅÍÌÎÏÓÒÔÖÕÚÙÛÜÝŸÑÇ", "eeeeaaaaaaiiiiooooouuuuyync");
	assert_fold("ß æ Æ œ Œ ø Ø đ Đ þ Þ ð", "ss ae ae oe oe o o d d th th d");
	assert_fold("Straße", "strasse");
	assert_fold("3×4÷2", "3 4 2");
}

Test(text, fold_latin_extended)
{
	assert_fold("čćšşșğžőűłśźżąęřňťďůāēīōū", "ccsssgzoulszzaerntduaeiou");
	assert_fold("ČĆŠŞȘĞŽŐŰŁŚŹŻĄĘŘŇŤĎŮĀĒĪŌŪ", "ccsssgzoulszzaerntduaeiou");
	assert_fold("Yılmaz", "yilmaz");
	assert_fold("İstanbul", "istanbul");
	assert_fold("Ĳsbrand ĳs", "ijsbrand ijs");
	assert_fold("Nguyễn Thị Phương", "nguyen thi phuong");
	assert_fold("Ştefănescu Țurcanu", "stefanescu turcanu");
}

Test(text, fold_other_scripts)
{
	assert_fold("Ελένη", "ελενη");
	assert_fold("ОЛЬГА Ёлкина", "ольга елкина");
	assert_fold("日本", "日本");
}

Test(text, fold_every_latin_letter_to_ascii)
{
	/* each letter of U+00C0..U+017F (but × and ÷) folds to ASCII letters */
	for (uint32_t cp = 0xC0; cp < 0x180; cp++) {
		if (cp == 0xD7 || cp == 0xF7)
			continue;
		char in[5];
		in[utf8_encode(cp, in)] = '\0';
		char *out = text_fold(in);
		cr_assert(strlen(out) >= 1 && strlen(out) <= 2, "U+%04X -> \"%s\"", cp, out);
		for (const char *p = out; *p; p++)
			cr_assert(*p >= 'a' && *p <= 'z', "U+%04X -> \"%s\"", cp, out);
		free(out);
	}
}

Test(text, fold_invalid_utf8)
{
	assert_fold("Zo\xEB", "zo");
	assert_fold("\xFF\xFE", "");
	assert_fold("a\xC3", "a");
	assert_fold("\xC3" "a", "a");
	assert_fold("an\xED\xA0\x80na", "anna");
	assert_fold("\xF0\x9F\x98", "");
	/* every single byte and byte pair: no crash, and the key is valid UTF-8 */
	for (int a = 1; a < 256; a++) {
		for (int b = 0; b < 256; b += 17) {
			char in[4] = {(char)a, (char)b, 'x', '\0'};
			if (b == 0)
				in[1] = 'y';
			char *out = text_fold(in);
			cr_assert(utf8_valid(out, strlen(out)), "%02X %02X", a, b);
			free(out);
		}
	}
}

Test(text, search_finds)
{
	cr_assert(text_fold_contains("Zoë de Wit", "zoe"));
	cr_assert(text_fold_contains("Çelik", "celik"));
	cr_assert(text_fold_contains("Yılmaz", "yilmaz"));
	cr_assert(text_fold_contains("Yilmaz", "YILMAZ"));
	cr_assert(text_fold_contains("Ĳsbrand", "ijsbrand"));
	cr_assert(text_fold_contains("van den Berg", "berg"));
	cr_assert(text_fold_contains("Zoë", "ZOË"));
	cr_assert(text_fold_contains("anything", ""));
	cr_assert_not(text_fold_contains("Zoë", "zoey"));
	cr_assert_not(text_fold_contains("Berg", "bergen"));
}

/* ------------------------------------------------------------------- names */

Test(text, name_forms)
{
	char *s;
	s = name_display("Anna", "van den", "Berg");
	cr_assert_str_eq(s, "Berg, Anna van den");
	free(s);
	s = name_display("Piet", NULL, "Jansen");
	cr_assert_str_eq(s, "Jansen, Piet");
	free(s);
	s = name_display("Piet", "", "Jansen");
	cr_assert_str_eq(s, "Jansen, Piet");
	free(s);
	s = name_display(NULL, "de", "Vries");
	cr_assert_str_eq(s, "Vries, de");
	free(s);
	s = name_display(NULL, NULL, "Vries");
	cr_assert_str_eq(s, "Vries");
	free(s);
	s = name_display(" Anna ", " van den ", " Berg ");
	cr_assert_str_eq(s, "Berg, Anna van den");
	free(s);
	s = name_natural("Anna", "van den", "Berg");
	cr_assert_str_eq(s, "Anna van den Berg");
	free(s);
	s = name_natural("Piet", NULL, "Jansen");
	cr_assert_str_eq(s, "Piet Jansen");
	free(s);
	s = name_natural(NULL, NULL, NULL);
	cr_assert_str_eq(s, "");
	free(s);
}

Test(text, name_sort_key_form)
{
	char *k = name_sort_key("Zoë", "van den", "Çelik-Berg");
	cr_assert_str_eq(k, "celik berg\x01zoe\x01van den");
	free(k);
	k = name_sort_key("Piet", NULL, "Jansen");
	cr_assert_str_eq(k, "jansen\x01piet\x01");
	free(k);
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

Test(text, dutch_sort_order)
{
	/* first, tussenvoegsel, last; listed in the expected order */
	static const char *const names[][3] = {
		{"Anna", "van den", "Berg"},
		{"Bram", NULL, "Berg"},
		{"Cor", "van der", "Berg"},
		{"Ed", NULL, "Berg-Visser"},
		{"Bob", NULL, "Bergen"},
		{"Ömer", NULL, "Çelik"},
		{"Zoë", NULL, "Celik"},
		{"Piet", "de", "Jong"},
		{"Kees", NULL, "Jonge"},
		{"Ayşe", NULL, "Yılmaz"},
		{"Ĳsbrand", NULL, "Zwart"},
	};
	enum { N = sizeof(names) / sizeof(names[0]) };
	char *keys[N], *sorted[N];
	/* shuffle by a fixed stride so the input order is not the answer */
	for (size_t i = 0; i < N; i++) {
		size_t j = (i * 5) % N;
		keys[i] = name_sort_key(names[i][0], names[i][1], names[i][2]);
		sorted[j] = keys[i];
	}
	qsort(sorted, N, sizeof(sorted[0]), cmp_key);
	for (size_t i = 0; i < N; i++)
		cr_assert_eq(sorted[i], keys[i], "position %zu: got \"%s\", want \"%s\"", i,
			     sorted[i], keys[i]);
	for (size_t i = 0; i < N; i++)
		free(keys[i]);
}

Test(text, name_search_key_matches)
{
	char *key = name_search_key("Anna", "van den", "Berg");
	static const char *const hits[] = {"berg", "van den berg", "berg anna", "anna van",
					   "Anna van den Berg", "BERG, Anna", "den"};
	for (size_t i = 0; i < sizeof(hits) / sizeof(hits[0]); i++) {
		char *needle = text_fold(hits[i]);
		cr_assert_not_null(strstr(key, needle), "\"%s\" in \"%s\"", hits[i], key);
		free(needle);
	}
	static const char *const misses[] = {"berg berg", "anna anna", "bergen", "piet"};
	for (size_t i = 0; i < sizeof(misses) / sizeof(misses[0]); i++) {
		char *needle = text_fold(misses[i]);
		cr_assert_null(strstr(key, needle), "\"%s\" not in \"%s\"", misses[i], key);
		free(needle);
	}
	free(key);

	key = name_search_key("Zoë", NULL, "Yılmaz");
	cr_assert_str_eq(key, "zoe yilmaz | yilmaz zoe");
	free(key);
	key = name_search_key("Ĳsbrand", "van", "Çelik");
	cr_assert(text_fold_contains(key, "ijsbrand van celik"));
	cr_assert(text_fold_contains(key, "celik ijsbrand"));
	free(key);
}
