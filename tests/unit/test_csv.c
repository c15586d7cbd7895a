/* test_csv.c - the CSV writer (quoting, row ends, write failures) and the
 * reader (encodings, separators, quoting, line numbers, refusals). */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/csv.h"
#include "ibis/util.h"

/* A writer on a memory stream, so the tests read back exactly what was
 * written. */
struct capture {
	FILE *f;
	char *buf;
	size_t len;
	struct csv_writer w;
};

static void cap_open(struct capture *c, char sep)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	cr_assert_not_null(c->f);
	csv_writer_init(&c->w, c->f, sep);
}

/* Finish the writer and compare everything written with want. */
static void cap_check(struct capture *c, const char *want)
{
	cr_assert(csv_writer_finish(&c->w));
	cr_assert_eq(fclose(c->f), 0);
	cr_assert_str_eq(c->buf, want);
	free(c->buf);
}

Test(csv, plain_row)
{
	struct capture c;
	cap_open(&c, ';');
	csv_field(&c.w, "Id");
	csv_field(&c.w, "Roepnaam");
	csv_field(&c.w, "Achternaam");
	csv_end_row(&c.w);
	csv_field_int(&c.w, 17);
	csv_field(&c.w, "Anna");
	csv_field(&c.w, "Berg");
	csv_end_row(&c.w);
	cap_check(&c, "Id;Roepnaam;Achternaam\r\n17;Anna;Berg\r\n");
}

Test(csv, default_separator)
{
	struct capture c;
	cap_open(&c, '\0');
	cr_assert_eq(c.w.sep, ';');
	csv_field(&c.w, "a");
	csv_field(&c.w, "b");
	csv_end_row(&c.w);
	cap_check(&c, "a;b\r\n");
}

Test(csv, quoting)
{
	struct capture c;
	cap_open(&c, ';');
	csv_field(&c.w, "Basis; aanbod");
	csv_field(&c.w, "zei \"ja\"");
	csv_field(&c.w, "regel 1\r\nregel 2");
	csv_field(&c.w, "alleen\nLF");
	csv_field(&c.w, "alleen\rCR");
	csv_field(&c.w, "\"");
	csv_field(&c.w, "komma, geen probleem");
	csv_end_row(&c.w);
	cap_check(&c, "\"Basis; aanbod\";\"zei \"\"ja\"\"\";\"regel 1\r\nregel 2\";"
		      "\"alleen\nLF\";\"alleen\rCR\";\"\"\"\";komma, geen probleem\r\n");
}

Test(csv, quoting_follows_separator)
{
	struct capture c;
	cap_open(&c, ',');
	csv_field(&c.w, "a,b");
	csv_field(&c.w, "c;d");
	csv_end_row(&c.w);
	cap_check(&c, "\"a,b\",c;d\r\n");
}

Test(csv, empty_and_null_fields)
{
	struct capture c;
	cap_open(&c, ';');
	csv_field(&c.w, "");
	csv_field(&c.w, NULL);
	csv_field(&c.w, "x");
	csv_field(&c.w, NULL);
	csv_end_row(&c.w);
	csv_field(&c.w, NULL);
	csv_end_row(&c.w);
	csv_field(&c.w, "a");
	csv_field(&c.w, "");
	csv_end_row(&c.w);
	cap_check(&c, ";;x;\r\n\r\na;\r\n");
}

Test(csv, integers)
{
	struct capture c;
	cap_open(&c, ';');
	csv_field_int(&c.w, 0);
	csv_field_int(&c.w, -42);
	csv_field_int(&c.w, 1234567890123LL);
	csv_field_int(&c.w, LLONG_MIN);
	csv_field_int(&c.w, LLONG_MAX);
	csv_end_row(&c.w);
	cap_check(&c, "0;-42;1234567890123;-9223372036854775808;9223372036854775807\r\n");
}

Test(csv, utf8_unchanged)
{
	struct capture c;
	cap_open(&c, ';');
	csv_field(&c.w, "Zoë");
	csv_field(&c.w, "Çelik-van den Berg");
	csv_field(&c.w, "Yılmaz; Ĳsbrand");
	csv_field(&c.w, "IB’er 日本");
	csv_end_row(&c.w);
	cap_check(&c, "Zoë;Çelik-van den Berg;\"Yılmaz; Ĳsbrand\";IB’er 日本\r\n");
}

Test(csv, full_disk_fails)
{
	FILE *f = fopen("/dev/full", "w");
	cr_assert_not_null(f);
	struct csv_writer w;
	csv_writer_init(&w, f, ';');
	csv_field(&w, "Anna");
	csv_field_int(&w, 1);
	csv_end_row(&w);
	/* small enough to sit in the buffer: the failure shows at the flush */
	cr_assert_not(csv_writer_finish(&w));
	cr_assert(w.failed);
	fclose(f);
}

Test(csv, full_disk_fails_while_writing)
{
	FILE *f = fopen("/dev/full", "w");
	cr_assert_not_null(f);
	struct csv_writer w;
	csv_writer_init(&w, f, ';');
	/* far more than a stdio buffer: a write itself must fail */
	for (int i = 0; i < 20000 && !w.failed; i++) {
		csv_field(&w, "een veld met \"aanhalingstekens\" en ; scheiding");
		csv_end_row(&w);
	}
	cr_assert(w.failed, "the failed flag is set by the writes");
	cr_assert_not(csv_writer_finish(&w));
	fclose(f);
}

/* ================================================================ reading */

/* Parse a string (its length by strlen unless n is given) and expect success. */
static void parse_ok(const char *data, size_t n, struct csv_table *t)
{
	struct ibis_error err = {0};
	enum ibis_status st = csv_parse(data, n ? n : strlen(data), t, &err);
	cr_assert_eq(st, IBIS_OK, "csv_parse: %s", err.message);
}

/* Parse and expect a refusal whose message holds want. */
static void parse_fails(const char *data, size_t n, const char *want)
{
	struct csv_table t;
	struct ibis_error err = {0};
	enum ibis_status st = csv_parse(data, n ? n : strlen(data), &t, &err);
	cr_assert_eq(st, IBIS_EINPUT, "expected a refusal of \"%s\"", data);
	cr_assert(strstr(err.message, want), "message \"%s\" lacks \"%s\"", err.message, want);
	csv_table_free(&t);
}

static void expect_row(const struct csv_table *t, int i, int line, int n, ...)
{
	cr_assert_lt(i, t->nrows, "row %d of %d", i, t->nrows);
	const struct csv_row *r = &t->rows[i];
	cr_assert_eq(r->line, line, "row %d starts on line %d, not %d", i, r->line, line);
	cr_assert_eq(r->nfields, n, "row %d has %d fields, not %d", i, r->nfields, n);
	va_list ap;
	va_start(ap, n);
	for (int f = 0; f < n; f++) {
		const char *want = va_arg(ap, const char *);
		cr_assert_str_eq(r->fields[f], want, "row %d field %d", i, f);
	}
	va_end(ap);
}

Test(csv_read, plain_semicolons)
{
	struct csv_table t;
	parse_ok("Id;Roepnaam\n1;Anna\n2;Piet\n", 0, &t);
	cr_assert_eq(t.sep, ';');
	cr_assert_eq(t.encoding, CSV_UTF8);
	cr_assert_eq(t.nrows, 3);
	expect_row(&t, 0, 1, 2, "Id", "Roepnaam");
	expect_row(&t, 1, 2, 2, "1", "Anna");
	expect_row(&t, 2, 3, 2, "2", "Piet");
	csv_table_free(&t);
}

Test(csv_read, commas_detected)
{
	struct csv_table t;
	parse_ok("Id,Roepnaam,Achternaam\n1,Anna,\"Berg; van den\"\n", 0, &t);
	cr_assert_eq(t.sep, ',');
	expect_row(&t, 1, 2, 3, "1", "Anna", "Berg; van den");
	csv_table_free(&t);
}

Test(csv_read, separator_detection)
{
	cr_assert_eq(csv_detect_separator("a;b;c", 5), ';');
	cr_assert_eq(csv_detect_separator("a,b,c", 5), ',');
	/* a tie, and neither: ';' */
	cr_assert_eq(csv_detect_separator("a;b,c", 5), ';');
	cr_assert_eq(csv_detect_separator("Naam", 4), ';');
	cr_assert_eq(csv_detect_separator("", 0), ';');
	/* only the header line counts */
	const char *d = "a;b\n1,2,3,4,5\n";
	cr_assert_eq(csv_detect_separator(d, strlen(d)), ';');
	/* separators inside quotes do not count */
	d = "\"Naam, voluit\",\"Adres, plaats\";Groep\n";
	cr_assert_eq(csv_detect_separator(d, strlen(d)), ';');
	d = "\"a;b;c;d\",x,y\n";
	cr_assert_eq(csv_detect_separator(d, strlen(d)), ',');
	/* a doubled quote does not end the quoted field */
	d = "\"zei \"\"a;b;c\"\"\",x,y\n";
	cr_assert_eq(csv_detect_separator(d, strlen(d)), ',');
	/* a quoted header name with a line break in it */
	d = "\"Naam\n;;;\",x,y\n";
	cr_assert_eq(csv_detect_separator(d, strlen(d)), ',');
	/* empty lines before the header */
	d = "\r\n\na,b,c\n";
	cr_assert_eq(csv_detect_separator(d, strlen(d)), ',');
}

Test(csv_read, quoted_fields)
{
	struct csv_table t;
	parse_ok("Naam;Notitie;Groep\n"
		 "\"Berg; Anna\";\"zei \"\"ja\"\"\";5A\n"
		 "\"\";\"\"\"\";\"\"\n"
		 "Piet;\"regel 1\nregel 2\r\nregel 3\";6\n"
		 "Eva;laatste;7\n",
		 0, &t);
	cr_assert_eq(t.nrows, 5);
	expect_row(&t, 1, 2, 3, "Berg; Anna", "zei \"ja\"", "5A");
	expect_row(&t, 2, 3, 3, "", "\"", "");
	expect_row(&t, 3, 4, 3, "Piet", "regel 1\nregel 2\r\nregel 3", "6");
	/* the line breaks inside the quotes count: Eva is on line 7 */
	expect_row(&t, 4, 7, 3, "Eva", "laatste", "7");
	csv_table_free(&t);
}

Test(csv_read, text_after_a_closing_quote_is_kept)
{
	struct csv_table t;
	parse_ok("a;b\n\"Berg\" jr.;x\nvan \"de\" Berg;y\n", 0, &t);
	expect_row(&t, 1, 2, 2, "Berg jr.", "x");
	expect_row(&t, 2, 3, 2, "van \"de\" Berg", "y");
	csv_table_free(&t);
}

Test(csv_read, line_ends)
{
	struct csv_table t;
	parse_ok("a;b\r\n1;2\r\n3;4", 0, &t);
	cr_assert_eq(t.nrows, 3);
	expect_row(&t, 1, 2, 2, "1", "2");
	expect_row(&t, 2, 3, 2, "3", "4");
	csv_table_free(&t);
	/* old Mac: CR alone */
	parse_ok("a;b\r1;2\r\r3;4\r", 0, &t);
	cr_assert_eq(t.nrows, 3);
	expect_row(&t, 1, 2, 2, "1", "2");
	expect_row(&t, 2, 4, 2, "3", "4");
	csv_table_free(&t);
}

Test(csv_read, empty_lines_and_separator_lines_left_out)
{
	struct csv_table t;
	parse_ok("\na;b;c\n\n1;2;3\n;;\n  ; \t;\n\r\n4;5;6\n\n", 0, &t);
	cr_assert_eq(t.nrows, 3);
	expect_row(&t, 0, 2, 3, "a", "b", "c");
	expect_row(&t, 1, 4, 3, "1", "2", "3");
	expect_row(&t, 2, 8, 3, "4", "5", "6");
	csv_table_free(&t);
	/* a quoted empty field is still empty */
	parse_ok("a;b\n\"\";\"\"\n", 0, &t);
	cr_assert_eq(t.nrows, 1);
	csv_table_free(&t);
}

Test(csv_read, ragged_rows_kept_as_they_are)
{
	struct csv_table t;
	parse_ok("a;b;c\n1\n1;2\n1;2;3;4\n1;2;3;\n", 0, &t);
	cr_assert_eq(t.nrows, 5);
	expect_row(&t, 1, 2, 1, "1");
	expect_row(&t, 2, 3, 2, "1", "2");
	expect_row(&t, 3, 4, 4, "1", "2", "3", "4");
	expect_row(&t, 4, 5, 4, "1", "2", "3", "");
	csv_table_free(&t);
}

Test(csv_read, utf8_with_and_without_bom)
{
	struct csv_table t;
	parse_ok("Roepnaam;Achternaam\nZoë;Çelik\nĲsbrand;Yılmaz\n", 0, &t);
	cr_assert_eq(t.encoding, CSV_UTF8);
	expect_row(&t, 1, 2, 2, "Zoë", "Çelik");
	expect_row(&t, 2, 3, 2, "Ĳsbrand", "Yılmaz");
	csv_table_free(&t);

	parse_ok("\xEF\xBB\xBFRoepnaam,Achternaam\nZoë,Çelik\n", 0, &t);
	cr_assert_eq(t.encoding, CSV_UTF8_BOM);
	cr_assert_eq(t.sep, ',');
	/* the BOM is not part of the first header name */
	expect_row(&t, 0, 1, 2, "Roepnaam", "Achternaam");
	expect_row(&t, 1, 2, 2, "Zoë", "Çelik");
	csv_table_free(&t);

	/* a BOM alone is an empty file */
	parse_ok("\xEF\xBB\xBF", 3, &t);
	cr_assert_eq(t.nrows, 0);
	csv_table_free(&t);
}

Test(csv_read, windows_1252_converted)
{
	struct csv_table t;
	/* Zoë;Çelik;café;€ 5;garçon — as Dutch Excel saves it */
	parse_ok("Roepnaam;Achternaam;Notitie\r\nZo\xEB;\xC7" "elik;caf\xE9 \x80 5 gar\xE7on\r\n", 0,
		 &t);
	cr_assert_eq(t.encoding, CSV_WINDOWS_1252);
	cr_assert_eq(t.sep, ';');
	expect_row(&t, 1, 2, 3, "Zoë", "Çelik", "café € 5 garçon");
	csv_table_free(&t);
	/* one bad byte at the very end makes the whole file Windows-1252 */
	parse_ok("a;b\nZoë;x\ny;\xE9\n", 0, &t);
	cr_assert_eq(t.encoding, CSV_WINDOWS_1252);
	expect_row(&t, 1, 2, 2, "ZoÃ«", "x");
	expect_row(&t, 2, 3, 2, "y", "é");
	csv_table_free(&t);
}

Test(csv_read, windows_1252_every_high_byte)
{
	char in[128];
	for (int i = 0; i < 128; i++)
		in[i] = (char)(0x80 + i);
	size_t n;
	char *out = csv_windows1252_to_utf8(in, sizeof(in), &n);
	cr_assert_not_null(out, "iconv knows WINDOWS-1252");
	cr_assert_eq(strlen(out), n);
	/* € ‚ ƒ ... and the five undefined bytes as U+FFFD */
	cr_assert(str_starts(out, "€\xEF\xBF\xBD‚ƒ„…†‡ˆ‰Š‹Œ\xEF\xBF\xBDŽ\xEF\xBF\xBD\xEF\xBF\xBD"
				  "‘’“”•–—˜™š›œ\xEF\xBF\xBDžŸ\xC2\xA0¡"),
		  "got %s", out);
	cr_assert(strstr(out, "ëìíîïðñòóôõö÷øùúûüýþÿ"), "got %s", out);
	free(out);

	out = csv_windows1252_to_utf8("", 0, &n);
	cr_assert_str_eq(out, "");
	cr_assert_eq(n, 0);
	free(out);
}

Test(csv_read, refusals)
{
	parse_fails("a;b\n\"open;x\n1;2\n", 0, "regel 2: het aanhalingsteken wordt niet gesloten");
	parse_fails("a;b\n1;2\n3;\0;\n", 11, "regel 3: een NUL-teken");
	parse_fails("PK\x03\x04rest", 8, "Excel-werkmap (.xlsx)");
	parse_fails("\xD0\xCF\x11\xE0rest", 8, "Excel-werkmap (.xls)");
	parse_fails("\xFF\xFE" "a\0;\0", 6, "UTF-16");
	parse_fails("\xEF\xBB\xBF" "a;b\n1;2\nZo\xEB;3\n", 0,
		    "regel 3: geen geldige UTF-8, terwijl het bestand met een UTF-8-markering");
}

Test(csv_read, last_line_without_line_end)
{
	struct csv_table t;
	parse_ok("a;b\n1;\"x\ny\"", 0, &t);
	cr_assert_eq(t.nrows, 2);
	expect_row(&t, 1, 2, 2, "1", "x\ny");
	csv_table_free(&t);
}

Test(csv_read, fixture_parnassys_windows_1252)
{
	char *path = path_join(th_testdata(), "import/parnassys-1252.csv");
	struct csv_table t;
	struct ibis_error err = {0};
	cr_assert_eq(csv_read_file(path, &t, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(t.encoding, CSV_WINDOWS_1252);
	cr_assert_eq(t.sep, ';');
	cr_assert_eq(t.nrows, 4);
	expect_row(&t, 0, 1, 7, "Leerlingnummer", "Achternaam", "Tussenvoegsel", "Roepnaam",
		   "Geboortedatum", "Groep", "Opmerking");
	expect_row(&t, 1, 2, 7, "1001", "Çelik", "", "Zoë", "3-4-2018", "5A", "Ouderbijdrage € 45");
	expect_row(&t, 2, 3, 7, "1002", "Hervé", "van", "Anaïs", "12-11-2016", "7", "");
	expect_row(&t, 3, 4, 7, "1003", "Françoise", "", "Noël", "2019-01-31", "4",
		   "Zei: \"prima; tot morgen\"\r\ntweede regel");
	csv_table_free(&t);
	free(path);
}

Test(csv_read, fixture_esis_bom_commas)
{
	char *path = path_join(th_testdata(), "import/esis-bom.csv");
	struct csv_table t;
	struct ibis_error err = {0};
	cr_assert_eq(csv_read_file(path, &t, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(t.encoding, CSV_UTF8_BOM);
	cr_assert_eq(t.sep, ',');
	cr_assert_eq(t.nrows, 4);
	expect_row(&t, 0, 1, 7, "Pupil number", "Last name", "Prefix", "First name",
		   "Date of birth", "Class", "Notes");
	expect_row(&t, 1, 2, 7, "2001", "Berg", "van den", "Anna", "01-02-2017", "5B",
		   "Allergie: noten, pinda");
	expect_row(&t, 2, 3, 7, "2002", "Yılmaz", "", "Ĳsbrand", "2015-09-30", "8", "");
	expect_row(&t, 3, 5, 7, "2003", "Jansen", "", "Piet", "7-7-2020", "3", "");
	csv_table_free(&t);
	free(path);
}

Test(csv_read, file_errors_name_the_file)
{
	char *dir = th_tmpdir();
	char *missing = path_join(dir, "nergens.csv");
	struct csv_table t;
	struct ibis_error err = {0};
	cr_assert_eq(csv_read_file(missing, &t, &err), IBIS_EINPUT);
	cr_assert(str_starts(err.message, missing), "%s", err.message);
	cr_assert(strstr(err.message, "kan niet worden gelezen"), "%s", err.message);
	csv_table_free(&t);

	char *empty = th_write(dir, "leeg.csv", "\r\n\r\n;;;\r\n");
	cr_assert_eq(csv_read_file(empty, &t, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, "leeg.csv is leeg"), "%s", err.message);
	csv_table_free(&t);

	char *open = th_write(dir, "open.csv", "a;b\n1;\"2\n");
	cr_assert_eq(csv_read_file(open, &t, &err), IBIS_EINPUT);
	cr_assert(str_starts(err.message, open), "%s", err.message);
	cr_assert(strstr(err.message, ": regel 2: het aanhalingsteken"), "%s", err.message);
	csv_table_free(&t);

	/* a folder is not a file */
	cr_assert_eq(csv_read_file(dir, &t, &err), IBIS_EINPUT);
	csv_table_free(&t);

	th_rmtree(dir);
	free(dir);
	free(missing);
	free(empty);
	free(open);
}

/* What the writer writes, the reader reads back. */
Test(csv_read, writer_round_trip)
{
	static const char *const fields[] = {"Berg; van den", "zei \"ja\"", "regel 1\r\nregel 2",
					     "", "Zoë", "alleen\rCR", ",", "\"\""};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct csv_writer w;
	csv_writer_init(&w, f, ';');
	csv_field(&w, "kop");
	csv_end_row(&w);
	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		csv_field(&w, fields[i]);
	csv_end_row(&w);
	cr_assert(csv_writer_finish(&w));
	fclose(f);
	struct csv_table t;
	parse_ok(buf, len, &t);
	cr_assert_eq(t.nrows, 2);
	cr_assert_eq(t.rows[1].nfields, (int)ARRAY_LEN(fields));
	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		cr_assert_str_eq(t.rows[1].fields[i], fields[i]);
	csv_table_free(&t);
	free(buf);
}
