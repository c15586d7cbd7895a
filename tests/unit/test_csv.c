/* test_csv.c - the CSV writer: quoting, row ends, write failures. */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "ibis/csv.h"

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
