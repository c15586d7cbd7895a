/* cmd_report.c - ibis report levels: how many pupils stand at each level of
 * their school's model, per group, on one day (ibis report grid, the HGW
 * means, is in cmd_sop.c).
 *
 * The text is a table per school with the model's own short names as
 * columns; the CSV is one table for a spreadsheet, its level columns named
 * after the model when every school in it has the same one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "ibis/csv.h"
#include "ibis/date.h"
#include "ibis/db_report.h"
#include "ibis/domain.h"
#include "ibis/text.h"

enum report_format { REPORT_TEXT, REPORT_CSV };

static const char no_group[] = "Zonder groep";

/* The number of level columns rows[from..to) need: the levels of the model,
 * and any higher level a pupil has (a level that does not fit, shown rather
 * than lost from the totals). */
static int level_columns(const struct level_model *m, const struct level_row *r, int from,
			 int to)
{
	int n = m ? m->nlevels : 0;
	for (int i = from; i < to; i++)
		for (int l = n + 1; l < 10; l++)
			if (r[i].counts[l])
				n = l;
	return n;
}

/* Column head of level l: the model's short name, else "Niveau l". Caller
 * frees. */
static char *level_head(const struct level_model *m, int l)
{
	const struct level *lv = m ? levelmodel_level(m, l) : NULL;
	return lv ? xstrdup(lv->short_name) : xasprintf("Niveau %d", l);
}

/* s left-aligned (right when right) in width terminal columns. */
static void cell(const char *s, int width, bool right)
{
	int pad = width - utf8_width(s);
	if (right)
		for (int i = 0; i < pad; i++)
			putchar(' ');
	fputs(s, stdout);
	if (!right)
		for (int i = 0; i < pad; i++)
			putchar(' ');
}

/* ================================================================== text */

static void text_school(const struct app *app, const struct level_row *r, int from, int to,
			ibis_date on)
{
	const struct level_model *m = domain_model(&app->dom, r[from].level_model);
	int ncols = level_columns(m, r, from, to);
	char day[DATE_NL_LEN], year[16];
	printf("%s: leerlingen per niveau op %s (schooljaar %s), niveaumodel %s\n\n",
	       r[from].school, date_format_nl(on, day), schoolyear_format(schoolyear_of(on), year),
	       m ? m->name : r[from].level_model);

	/* widths: the group column, then per count column its head or its
	 * widest number */
	int gw = utf8_width("Groep");
	if (utf8_width("Totaal") > gw)
		gw = utf8_width("Totaal");
	for (int i = from; i < to; i++) {
		int w = utf8_width(r[i].group ? r[i].group : no_group);
		if (w > gw)
			gw = w;
	}
	char **head = xcalloc((size_t)ncols + 3, sizeof(*head));
	int *width = xcalloc((size_t)ncols + 3, sizeof(*width));
	int sum[12] = {0}; /* [0] none, [1..9] levels, [10] total */
	for (int l = 1; l <= ncols; l++)
		head[l] = level_head(m, l);
	head[0] = xstrdup("Geen");
	head[ncols + 1] = xstrdup("Totaal");
	for (int i = from; i < to; i++) {
		for (int l = 0; l < 10; l++)
			sum[l] += r[i].counts[l];
		sum[10] += r[i].total;
	}
	for (int c = 0; c <= ncols + 1; c++) {
		char num[16];
		snprintf(num, sizeof(num), "%d", c == ncols + 1 ? sum[10] : sum[c]);
		width[c] = utf8_width(head[c]);
		if ((int)strlen(num) > width[c])
			width[c] = (int)strlen(num);
	}

	/* levels first, then "geen", then the total */
	cell("Groep", gw, false);
	for (int l = 1; l <= ncols; l++) {
		fputs("  ", stdout);
		cell(head[l], width[l], true);
	}
	fputs("  ", stdout);
	cell(head[0], width[0], true);
	fputs("  ", stdout);
	cell(head[ncols + 1], width[ncols + 1], true);
	putchar('\n');
	for (int i = from; i <= to; i++) {
		bool totals = i == to;
		const int *counts = totals ? sum : r[i].counts;
		char num[16];
		cell(totals ? "Totaal" : r[i].group ? r[i].group : no_group, gw, false);
		for (int l = 1; l <= ncols; l++) {
			snprintf(num, sizeof(num), "%d", counts[l]);
			fputs("  ", stdout);
			cell(num, width[l], true);
		}
		snprintf(num, sizeof(num), "%d", counts[0]);
		fputs("  ", stdout);
		cell(num, width[0], true);
		snprintf(num, sizeof(num), "%d", totals ? sum[10] : r[i].total);
		fputs("  ", stdout);
		cell(num, width[ncols + 1], true);
		putchar('\n');
	}
	for (int c = 0; c <= ncols + 1; c++)
		free(head[c]);
	free(head);
	free(width);
}

/* =================================================================== csv */

static bool write_csv(const struct app *app, const struct level_row *r, int n)
{
	/* one model for the whole file names the columns; mixed models get
	 * neutral heads */
	const struct level_model *m = n ? domain_model(&app->dom, r[0].level_model) : NULL;
	for (int i = 1; i < n && m; i++)
		if (!r[i].level_model || strcmp(r[i].level_model, m->id) != 0)
			m = NULL;
	int ncols = level_columns(m, r, 0, n);
	for (int i = 0; i < n && !m; i++) {
		const struct level_model *own = domain_model(&app->dom, r[i].level_model);
		if (own && own->nlevels > ncols)
			ncols = own->nlevels;
	}

	struct csv_writer w;
	csv_writer_init(&w, stdout, ';');
	csv_field(&w, "School");
	csv_field(&w, "Groep");
	for (int l = 1; l <= ncols; l++) {
		char *h = level_head(m, l);
		csv_field(&w, h);
		free(h);
	}
	csv_field(&w, "Geen niveau");
	csv_field(&w, "Totaal");
	csv_end_row(&w);
	for (int i = 0; i < n && !w.failed; i++) {
		csv_field(&w, r[i].school);
		csv_field(&w, r[i].group);
		for (int l = 1; l <= ncols; l++)
			csv_field_int(&w, r[i].counts[l]);
		csv_field_int(&w, r[i].counts[0]);
		csv_field_int(&w, r[i].total);
		csv_end_row(&w);
	}
	return csv_writer_finish(&w) && !w.failed;
}

/* ================================================================== main */

int cmd_report(struct app *app, const struct cli_args *a)
{
	const char *what = a->words.items[0];
	if (strcmp(what, "grid") == 0)
		return cmd_report_grid(app, a);
	if (strcmp(what, "levels") != 0) {
		cli_error("Onbekend overzicht ‘%s’; kies ‘levels’ of ‘grid’.", what);
		fputs("Zie ‘ibis --help’.\n", stderr);
		return IBIS_EUSAGE;
	}
	static const char *const allowed[] = {"school", "date", "format", NULL};
	int st = cli_only_options(a, "report levels", allowed);
	if (st)
		return st;
	enum report_format format = REPORT_TEXT;
	if (a->format && strcmp(a->format, "csv") == 0) {
		format = REPORT_CSV;
	} else if (a->format && strcmp(a->format, "text") != 0) {
		cli_error("Onbekend formaat ‘%s’ bij --format; kies text of csv.", a->format);
		return IBIS_EINPUT;
	}
	if ((st = cli_open_existing(app)) != 0)
		return st;
	ibis_id school = 0;
	if (a->school && (st = cli_pick_school(app, a->school, &school)) != 0)
		return st;

	ibis_date on = a->date != DATE_NONE ? a->date : date_today();
	struct ibis_error err = {0};
	struct level_row *rows = NULL;
	int n = 0;
	if (db_report_levels(app->db, school, on, &rows, &n, &err) != IBIS_OK)
		return cli_report(&err, app->verbose);

	bool written = true;
	if (format == REPORT_CSV) {
		written = write_csv(app, rows, n);
	} else {
		if (n == 0)
			printf("Geen leerlingen op school op %s.\n",
			       date_format_nl(on, (char[DATE_NL_LEN]){0}));
		/* the rows of one school follow each other */
		for (int from = 0, to; from < n; from = to) {
			for (to = from + 1; to < n && rows[to].school_id == rows[from].school_id; to++)
				;
			if (from)
				putchar('\n');
			text_school(app, rows, from, to, on);
		}
		written = fflush(stdout) == 0;
	}
	level_rows_free(rows, n);
	if (!written) {
		cli_error("Schrijven naar de standaarduitvoer is mislukt.");
		return IBIS_EINPUT;
	}
	return 0;
}
