/* test_inifile.c - our scan of INI files and the values iniparser gives. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/inifile.h"
#include "ibis/util.h"

TestSuite(inifile, .init = th_tmp_setup, .fini = th_tmp_teardown);

/* Load content written to a fresh file; *path receives its name. */
static struct inifile *load_text(const char *content, char **path, struct ibis_error *err)
{
	*path = th_write(th_dir, "t.ini", content);
	return inifile_load(*path, err);
}

/* Loading content must fail with exactly "PATH:<expect>". */
static void expect_fail(const char *content, const char *expect)
{
	struct ibis_error err = {0};
	char *path;
	struct inifile *f = load_text(content, &path, &err);
	cr_assert_null(f, "loaded although it should fail with %s", expect);
	cr_assert_eq(err.status, IBIS_EINPUT);
	char *want = xasprintf("%s:%s", path, expect);
	cr_assert_str_eq(err.message, want);
	free(want);
	free(path);
}

/* ============================================================ values */

Test(inifile, quoted_value_keeps_semicolon_and_hash)
{
	struct ibis_error err = {0};
	char *path;
	struct inifile *f = load_text("[a]\n"
				      "quoted = \"Basis; aanbod # en meer\"\n"
				      "plain = Basis; aanbod\n"
				      "spaces = \"  binnen  \"  ; comment after\n"
				      "empty = \"\"\n"
				      "none =\n",
				      &path, &err);
	cr_assert_not_null(f, "%s", err.message);
	cr_assert_str_eq(inifile_get(f, "a", "quoted"), "Basis; aanbod # en meer");
	cr_assert_str_eq(inifile_get(f, "a", "plain"), "Basis");
	cr_assert_str_eq(inifile_get(f, "a", "spaces"), "  binnen  ");
	cr_assert_str_eq(inifile_get(f, "a", "empty"), "");
	cr_assert_str_eq(inifile_get(f, "a", "none"), "");
	cr_assert_null(inifile_get(f, "a", "absent"));
	cr_assert_null(inifile_get(f, "b", "quoted"));
	cr_assert_null(inifile_text(f, "a", "empty"));
	inifile_free(f);
	free(path);
}

Test(inifile, continuation_keys_joined_and_newlines)
{
	struct ibis_error err = {0};
	char *path;
	struct inifile *f = load_text("[niveau 1]\n"
				      "wat = \"Eerste deel.\"\n"
				      "wat.2 = \"Tweede deel:\\n• punt een\\n• punt twee\"\n"
				      "wat.3 = \"Derde.\"\n"
				      "hoe = \"Alleen\\neen\"\n",
				      &path, &err);
	cr_assert_not_null(f, "%s", err.message);
	cr_assert_str_eq(inifile_get(f, "niveau 1", "wat.2"),
			 "Tweede deel:\\n• punt een\\n• punt twee");
	char *wat = inifile_text(f, "niveau 1", "wat");
	cr_assert_str_eq(wat, "Eerste deel. Tweede deel:\n• punt een\n• punt twee Derde.");
	char *hoe = inifile_text(f, "niveau 1", "hoe");
	cr_assert_str_eq(hoe, "Alleen\neen");
	const char *const allowed[] = {"wat*", "hoe", NULL};
	cr_assert_eq(inifile_check_keys(f, "niveau 1", allowed, &err), IBIS_OK, "%s", err.message);
	free(wat);
	free(hoe);
	inifile_free(f);
	free(path);
}

Test(inifile, sections_and_keys_in_file_order_with_lines)
{
	struct ibis_error err = {0};
	char *path;
	struct inifile *f = load_text("; comment\n"
				      "# another\n"
				      "[Model]\n"
				      "Naam = \"x\"\n"
				      "\n"
				      "niveaus = 2\n"
				      "  [niveau 2]  \n"
				      "zeta = 1\n"
				      "alfa = 2\n",
				      &path, &err);
	cr_assert_not_null(f, "%s", err.message);
	cr_assert_eq(inifile_nsections(f), 2);
	cr_assert_str_eq(inifile_section(f, 0), "model");
	cr_assert_str_eq(inifile_section_written(f, 0), "Model");
	cr_assert_str_eq(inifile_section(f, 1), "niveau 2");
	cr_assert_null(inifile_section(f, 2));
	cr_assert(inifile_has_section(f, "MODEL"));
	cr_assert_not(inifile_has_section(f, "niveau 1"));
	cr_assert_eq(inifile_line(f, "model", NULL), 3);
	cr_assert_eq(inifile_line(f, "model", "naam"), 4);
	cr_assert_eq(inifile_line(f, "model", "niveaus"), 6);
	cr_assert_eq(inifile_line(f, "niveau 2", NULL), 7);
	cr_assert_eq(inifile_line(f, "niveau 2", "alfa"), 9);
	cr_assert_eq(inifile_line(f, "niveau 2", "beta"), 0);
	cr_assert_eq(inifile_line(f, "niveau 3", NULL), 0);
	size_t n;
	const char *const *keys = inifile_keys(f, "niveau 2", &n);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(keys[0], "zeta");
	cr_assert_str_eq(keys[1], "alfa");
	cr_assert_null(keys[2]);
	keys = inifile_keys(f, "absent", &n);
	cr_assert_eq(n, 0);
	cr_assert_null(keys[0]);
	cr_assert_str_eq(inifile_get(f, "model", "naam"), "x");
	cr_assert_str_eq(inifile_path(f), path);
	inifile_free(f);
	free(path);
}

Test(inifile, bom_is_tolerated)
{
	struct ibis_error err = {0};
	char *path;
	struct inifile *f = load_text("\xEF\xBB\xBF[a]\nnaam = \"Zoë\"\n", &path, &err);
	cr_assert_not_null(f, "%s", err.message);
	cr_assert_str_eq(inifile_section(f, 0), "a");
	cr_assert_eq(inifile_line(f, "a", "naam"), 2);
	cr_assert_str_eq(inifile_get(f, "a", "naam"), "Zoë");
	inifile_free(f);
	free(path);
}

Test(inifile, single_quotes_are_quotes_too)
{
	struct ibis_error err = {0};
	char *path;
	struct inifile *f = load_text("[a]\nx = 'een; twee'\n", &path, &err);
	cr_assert_not_null(f, "%s", err.message);
	cr_assert_str_eq(inifile_get(f, "a", "x"), "een; twee");
	inifile_free(f);
	free(path);
}

/* A suite of its own: the stderr redirection is this test's only setup. */
Test(inifile_quiet, iniparser_prints_nothing, .init = cr_redirect_stderr)
{
	th_dir = th_tmpdir();
	struct ibis_error err = {0};
	char *path;
	struct inifile *f = load_text("\xEF\xBB\xBF[a]\nx = 1\n", &path, &err);
	cr_assert_not_null(f, "%s", err.message);
	inifile_free(f);
	free(path);
	f = load_text("[a]\nx\n", &path, &err);
	cr_assert_null(f);
	free(path);
	th_rmtree(th_dir);
	free(th_dir);
	fflush(stderr);
	cr_assert_stderr_eq_str("");
}

/* ============================================================ numbers */

Test(inifile, int_values)
{
	struct ibis_error err = {0};
	char *path;
	struct inifile *f = load_text("[model]\n"
				      "niveaus = 6\n"
				      "neg = -3\n"
				      "word = zes\n"
				      "quoted = \"zes\"\n"
				      "big = 12\n"
				      "hex = 0x10\n"
				      "huge = 99999999999999999999\n"
				      "empty = \"\"\n",
				      &path, &err);
	cr_assert_not_null(f, "%s", err.message);
	int v = 0;
	cr_assert_eq(inifile_int(f, "model", "niveaus", 2, 9, 0, &v, &err), IBIS_OK);
	cr_assert_eq(v, 6);
	cr_assert_eq(inifile_int(f, "model", "neg", -5, 5, 0, &v, &err), IBIS_OK);
	cr_assert_eq(v, -3);
	cr_assert_eq(inifile_int(f, "model", "absent", 0, 9, 7, &v, &err), IBIS_OK);
	cr_assert_eq(v, 7);
	cr_assert_eq(inifile_int(f, "model", "empty", 0, 9, 4, &v, &err), IBIS_OK);
	cr_assert_eq(v, 4);

	cr_assert_eq(inifile_int(f, "model", "word", 2, 9, 0, &v, &err), IBIS_EINPUT);
	char *want = xasprintf("%s:4: word: geen getal: „zes”", path);
	cr_assert_str_eq(err.message, want);
	free(want);
	cr_assert_eq(inifile_int(f, "model", "quoted", 2, 9, 0, &v, &err), IBIS_EINPUT);
	want = xasprintf("%s:5: quoted: geen getal: „zes”", path);
	cr_assert_str_eq(err.message, want);
	free(want);
	cr_assert_eq(inifile_int(f, "model", "big", 2, 9, 0, &v, &err), IBIS_EINPUT);
	want = xasprintf("%s:6: big: 12 ligt niet tussen 2 en 9", path);
	cr_assert_str_eq(err.message, want);
	free(want);
	cr_assert_eq(inifile_int(f, "model", "hex", 0, 99, 0, &v, &err), IBIS_EINPUT);
	cr_assert_eq(inifile_int(f, "model", "huge", 0, 99, 0, &v, &err), IBIS_EINPUT);
	want = xasprintf("%s:8: huge: 99999999999999999999 ligt niet tussen 0 en 99", path);
	cr_assert_str_eq(err.message, want);
	free(want);
	inifile_free(f);
	free(path);
}

Test(inifile, bool_values)
{
	struct ibis_error err = {0};
	char *path;
	struct inifile *f = load_text("[scherm]\n"
				      "a = ja\nb = nee\nc = Ja\nd = true\ne = 0\nf = misschien\n",
				      &path, &err);
	cr_assert_not_null(f, "%s", err.message);
	bool b = false;
	cr_assert_eq(inifile_bool(f, "scherm", "a", false, &b, &err), IBIS_OK);
	cr_assert(b);
	cr_assert_eq(inifile_bool(f, "scherm", "b", true, &b, &err), IBIS_OK);
	cr_assert_not(b);
	cr_assert_eq(inifile_bool(f, "scherm", "c", false, &b, &err), IBIS_OK);
	cr_assert(b);
	cr_assert_eq(inifile_bool(f, "scherm", "d", false, &b, &err), IBIS_OK);
	cr_assert(b);
	cr_assert_eq(inifile_bool(f, "scherm", "e", true, &b, &err), IBIS_OK);
	cr_assert_not(b);
	cr_assert_eq(inifile_bool(f, "scherm", "absent", true, &b, &err), IBIS_OK);
	cr_assert(b);
	cr_assert_eq(inifile_bool(f, "scherm", "f", true, &b, &err), IBIS_EINPUT);
	char *want = xasprintf("%s:7: f: geen ja of nee: „misschien”", path);
	cr_assert_str_eq(err.message, want);
	free(want);
	inifile_free(f);
	free(path);
}

/* ============================================================ required and allowed keys */

Test(inifile, require_names_the_section_line)
{
	struct ibis_error err = {0};
	char *path;
	struct inifile *f = load_text("[model]\nnaam = \"M\"\n\n[niveau 3]\nkort = \"N3\"\n"
				      "naam = \"\"\n",
				      &path, &err);
	cr_assert_not_null(f, "%s", err.message);
	char *v = NULL;
	cr_assert_eq(inifile_require(f, "model", "naam", &v, &err), IBIS_OK);
	cr_assert_str_eq(v, "M");
	free(v);
	cr_assert_eq(inifile_require(f, "model", "bron", &v, &err), IBIS_EINPUT);
	cr_assert_null(v);
	char *want = xasprintf("%s:1: bron: ontbreekt", path);
	cr_assert_str_eq(err.message, want);
	free(want);
	cr_assert_eq(inifile_require(f, "niveau 3", "wie", &v, &err), IBIS_EINPUT);
	want = xasprintf("%s:4: niveau 3.wie: ontbreekt", path);
	cr_assert_str_eq(err.message, want);
	free(want);
	cr_assert_eq(inifile_require(f, "niveau 3", "naam", &v, &err), IBIS_EINPUT);
	want = xasprintf("%s:6: niveau 3.naam: mag niet leeg zijn", path);
	cr_assert_str_eq(err.message, want);
	free(want);
	cr_assert_eq(inifile_fail(f, "absent", NULL, &err, "ontbreekt"), IBIS_EINPUT);
	want = xasprintf("%s: [absent]: ontbreekt", path);
	cr_assert_str_eq(err.message, want);
	free(want);
	inifile_free(f);
	free(path);
}

Test(inifile, unknown_key)
{
	struct ibis_error err = {0};
	char *path;
	struct inifile *f = load_text("[scherm]\nkleur = ja\nkleuren = nee\n", &path, &err);
	cr_assert_not_null(f, "%s", err.message);
	const char *const allowed[] = {"kleur", "escdelay_ms", NULL};
	cr_assert_eq(inifile_check_keys(f, "scherm", allowed, &err), IBIS_EINPUT);
	char *want = xasprintf("%s:3: kleuren: onbekende sleutel", path);
	cr_assert_str_eq(err.message, want);
	cr_assert(strstr(err.detail, "kleur, escdelay_ms"), "%s", err.detail);
	free(want);
	inifile_free(f);
	free(path);
}

Test(inifile, continuation_needs_its_start_and_no_gaps)
{
	struct ibis_error err = {0};
	char *path;
	const char *const allowed[] = {"wat*", "naam", NULL};
	struct inifile *f = load_text("[niveau 1]\nwat = \"a\"\nwat.3 = \"c\"\n", &path, &err);
	cr_assert_not_null(f, "%s", err.message);
	cr_assert_eq(inifile_check_keys(f, "niveau 1", allowed, &err), IBIS_EINPUT);
	char *want = xasprintf("%s:3: niveau 1.wat.3: wat.2 ontbreekt (de delen van een tekst "
			       "lopen zonder gaten door)",
			       path);
	cr_assert_str_eq(err.message, want);
	free(want);
	inifile_free(f);
	free(path);

	f = load_text("[niveau 1]\nwat.2 = \"b\"\n", &path, &err);
	cr_assert_not_null(f, "%s", err.message);
	cr_assert_eq(inifile_check_keys(f, "niveau 1", allowed, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, ":2: niveau 1.wat.2: wat ontbreekt"), "%s", err.message);
	inifile_free(f);
	free(path);

	/* only a text key marked with '*' continues */
	f = load_text("[niveau 1]\nnaam = \"a\"\nnaam.2 = \"b\"\n", &path, &err);
	cr_assert_not_null(f, "%s", err.message);
	cr_assert_eq(inifile_check_keys(f, "niveau 1", allowed, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, ":3: niveau 1.naam.2: onbekende sleutel"), "%s", err.message);
	inifile_free(f);
	free(path);
}

/* ============================================================ malformed files */

Test(inifile, duplicate_key)
{
	expect_fail("[niveau 2]\nnaam = \"a\"\nkort = \"b\"\nNaam = \"c\"\n",
		    "4: niveau 2.naam: staat al op regel 2 in [niveau 2]");
}

Test(inifile, duplicate_section)
{
	expect_fail("[model]\nnaam = \"a\"\n\n[Model]\n", "4: [Model]: sectie staat al op regel 1");
}

Test(inifile, long_line)
{
	struct strbuf sb = {0};
	sb_add(&sb, "[a]\nb = 1\nwat = \"");
	for (int i = 0; i < 1200 - 8; i++)
		sb_addc(&sb, 'x');
	sb_add(&sb, "\"\n");
	expect_fail(sb_str(&sb), "3: regel te lang (1200 bytes, maximaal 1000)");
	sb_free(&sb);
}

Test(inifile, line_of_1000_bytes_is_fine)
{
	struct strbuf sb = {0};
	sb_add(&sb, "[a]\r\nwat = \"");
	for (int i = 0; i < 1000 - 8; i++)
		sb_addc(&sb, 'x');
	sb_add(&sb, "\"\r\n");
	struct ibis_error err = {0};
	char *path;
	struct inifile *f = load_text(sb_str(&sb), &path, &err);
	cr_assert_not_null(f, "%s", err.message);
	cr_assert_eq(strlen(inifile_get(f, "a", "wat")), 1000 - 8);
	inifile_free(f);
	free(path);
	sb_free(&sb);
}

Test(inifile, unterminated_quote)
{
	expect_fail("[a]\n\nnaam = \"Extra\n", "3: naam: aanhalingsteken \" niet afgesloten");
}

Test(inifile, text_after_closing_quote)
{
	expect_fail("[a]\nnaam = \"De \"beste\" school\"\n",
		    "2: naam: tekst na het sluitende aanhalingsteken (een \" kan niet in een "
		    "tekst staan; gebruik „ ” of ‘ ’)");
}

Test(inifile, syntax_errors)
{
	expect_fail("[a]\nnaam \"x\"\n", "2: geen sectiekop, commentaar of sleutel = waarde");
	expect_fail("[a] ; comment\n", "1: sectiekop moet eindigen op ] (commentaar hoort op een "
				       "eigen regel)");
	expect_fail("[a]\n= 3\n", "2: sleutel ontbreekt voor de =");
	expect_fail("naam = 3\n", "1: naam: sleutel buiten een sectie; zet er eerst een [sectie] "
				  "boven");
	expect_fail("[a:b]\n", "1: [a:b]: ongeldige sectienaam (alleen letters, cijfers, spatie, "
			       "punt, - en _; nooit :)");
	expect_fail("[]\n", "1: sectie zonder naam");
	expect_fail("[a]\nna:am = 1\n", "2: na:am: ongeldige sleutelnaam (alleen letters, "
					 "cijfers, spatie, punt, - en _; nooit :)");
	expect_fail("[a]\nb = 1 \\\nc = 2\n", "2: regel eindigt op \\; een lange tekst gaat verder "
					      "in een genummerde sleutel (wat.2, wat.3, ...)");
}

Test(inifile, invalid_utf8)
{
	expect_fail("[a]\nb = \"ok\"\nc = \"kl\xE0s\"\n",
		    "3: geen geldige UTF-8 (byte 8 van de regel)");
	/* an overlong '/' and a surrogate are not UTF-8 either */
	expect_fail("[a]\nb = \"\xC0\xAF\"\n", "2: geen geldige UTF-8 (byte 6 van de regel)");
	expect_fail("[a]\nb = \"\xED\xA0\x80\"\n", "2: geen geldige UTF-8 (byte 6 van de regel)");
}

Test(inifile, missing_file)
{
	struct ibis_error err = {0};
	char *path = path_join(th_dir, "absent.ini");
	cr_assert_null(inifile_load(path, &err));
	cr_assert_eq(err.status, IBIS_EINPUT);
	char *want = xasprintf("kan %s niet lezen: ", path);
	cr_assert(str_starts(err.message, want), "%s", err.message);
	free(want);
	free(path);
}
