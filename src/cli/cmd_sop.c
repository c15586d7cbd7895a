/* cmd_sop.c - the school side on the command line: ibis export sop (the
 * school support profile, or the same content as a schoolgids section),
 * ibis export grid (the HGW grid of one school year, every indicator of
 * every set) and ibis report grid (the agreed means per section per year).
 *
 * The documents themselves are made by sopdoc.c and hgwexport.c, so that the
 * School and HGW-raster screens write the same; this file picks the school
 * and year, reads what they need and writes it (exports atomically, through
 * cli_write_document).
 */
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "ibis/date.h"
#include "ibis/db_school.h"
#include "ibis/db_sop.h"
#include "ibis/docwriter.h"
#include "ibis/domain.h"
#include "ibis/hgw.h"
#include "ibis/sopdoc.h"

static const char see_help[] = "Zie ‘ibis --help’.\n";

/* ================================================================ shared */

/* Refuse words after the kind ("ibis export sop extra"). */
static int no_more_words(const struct cli_args *a, const char *command)
{
	if (a->words.len <= 1)
		return 0;
	cli_error("Onverwacht argument ‘%s’ bij ‘ibis %s’.", a->words.items[1], command);
	fputs(see_help, stderr);
	return IBIS_EUSAGE;
}

/* The indicator sets of the domain in the order of the documents: hgw (the
 * grid of seed 004) first, then the others by id (the domain keeps them
 * sorted). Caller frees the array, not the sets. */
static const struct indicator_set **ordered_sets(const struct domain *dom, int *n)
{
	const struct indicator_set **v = xcalloc((size_t)dom->nsets + 1, sizeof(*v));
	int k = 0;
	const struct indicator_set *hgw = domain_set(dom, "hgw");
	if (hgw)
		v[k++] = hgw;
	for (int i = 0; i < dom->nsets; i++)
		if (&dom->sets[i] != hgw)
			v[k++] = &dom->sets[i];
	*n = k;
	return v;
}

/* The school named by --school (or the only one) for a command that works on
 * one school. Prints why not and returns the exit status, else 0. */
static int pick_one_school(struct app *app, const struct cli_args *a, ibis_id *id)
{
	int st = cli_open_existing(app);
	if (st)
		return st;
	return cli_pick_school(app, a->school, id);
}

static bool locale_utf8(void)
{
	return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

/* ============================================================ export sop */

int cmd_export_sop(struct app *app, const struct cli_args *a)
{
	static const char *const allowed[] = {"school", "year", "format", "as", "output", NULL};
	int st = cli_only_options(a, "export sop", allowed);
	if (st || (st = no_more_words(a, "export sop")) != 0)
		return st;
	enum doc_format format = DOC_MD;
	if (a->format && !doc_format_parse(a->format, &format)) {
		cli_error("Onbekend formaat ‘%s’ bij --format; kies md of html.", a->format);
		return IBIS_EINPUT;
	}
	enum sop_audience aud = SOP_FOR_SCHOOL;
	if (a->as && strcmp(a->as, "schoolgids") == 0) {
		aud = SOP_FOR_PARENTS;
	} else if (a->as && strcmp(a->as, "sop") != 0) {
		cli_error("Onbekende vorm ‘%s’ bij --as; kies sop of schoolgids.", a->as);
		return IBIS_EINPUT;
	}
	ibis_id school = 0;
	if ((st = pick_one_school(app, a, &school)) != 0)
		return st;

	int year = a->year ? a->year : schoolyear_of(date_today());
	struct sop_input in;
	struct ibis_error err = {0};
	if (sop_gather(app, school, year, &in, &err) != IBIS_OK) {
		st = cli_report(&err, app->verbose);
		sop_input_free(&in);
		return st;
	}
	char *text = sop_document(&in, format, aud);
	st = cli_write_document(app, a->output, text);
	free(text);
	sop_input_free(&in);
	return st;
}

/* =========================================================== export grid */

/* The assessor columns of the year: the agreed score first, then every
 * assessor of each set in the order of sets (a name used in two sets is one
 * column). */
static enum ibis_status grid_assessors(struct app *app, ibis_id school,
				       const struct indicator_set *const *sets, int nsets,
				       int year, struct strlist *out, struct ibis_error *err)
{
	sl_add(out, "");
	for (int i = 0; i < nsets; i++) {
		struct strlist names = {0};
		enum ibis_status st =
			db_assessor_list(app->db, school, sets[i]->id, year, &names, err);
		for (size_t k = 0; k < names.len && st == IBIS_OK; k++) {
			bool seen = false;
			for (size_t j = 0; j < out->len && !seen; j++)
				seen = strcmp(out->items[j], names.items[k]) == 0;
			if (!seen)
				sl_add(out, names.items[k]);
		}
		sl_free(&names);
		if (st != IBIS_OK)
			return st;
	}
	return IBIS_OK;
}

int cmd_export_grid(struct app *app, const struct cli_args *a)
{
	static const char *const allowed[] = {"school", "year", "format", "output", NULL};
	int st = cli_only_options(a, "export grid", allowed);
	if (st || (st = no_more_words(a, "export grid")) != 0)
		return st;
	if (!a->year) {
		cli_error("‘ibis export grid’ vraagt een schooljaar: --year 2026-2027.");
		fputs(see_help, stderr);
		return IBIS_EUSAGE;
	}
	enum grid_format format = GRID_CSV;
	if (a->format && (!grid_format_parse(a->format, &format) || format == GRID_TEXT)) {
		cli_error("Onbekend formaat ‘%s’ bij --format; kies csv of md.", a->format);
		return IBIS_EINPUT;
	}
	ibis_id school_id = 0;
	if ((st = pick_one_school(app, a, &school_id)) != 0)
		return st;

	struct school school = {0};
	struct indicator_score *scores = NULL;
	int nscores = 0;
	struct strlist assessors = {0};
	int nsets = 0;
	const struct indicator_set **sets = ordered_sets(&app->dom, &nsets);
	struct ibis_error err = {0};
	if (db_school_get(app->db, school_id, &school, &err) != IBIS_OK ||
	    db_score_list(app->db, school_id, NULL, a->year, a->year, &scores, &nscores, &err) !=
		    IBIS_OK ||
	    grid_assessors(app, school_id, sets, nsets, a->year, &assessors, &err) != IBIS_OK) {
		st = cli_report(&err, app->verbose);
	} else {
		char *text = hgw_export_grid(sets, nsets, scores, nscores, a->year, &assessors,
					     school.name, format);
		st = cli_write_document(app, a->output, text);
		free(text);
	}
	sl_free(&assessors);
	indicator_scores_free(scores, nscores);
	school_clear(&school);
	free(sets);
	return st;
}

/* =========================================================== report grid */

static int compare_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

int cmd_report_grid(struct app *app, const struct cli_args *a)
{
	static const char *const allowed[] = {"school", "year", "format", NULL};
	int st = cli_only_options(a, "report grid", allowed);
	if (st)
		return st;
	enum grid_format format = GRID_TEXT;
	if (a->format && !grid_format_parse(a->format, &format)) {
		cli_error("Onbekend formaat ‘%s’ bij --format; kies text, csv of md.", a->format);
		return IBIS_EINPUT;
	}
	ibis_id school_id = 0;
	if ((st = pick_one_school(app, a, &school_id)) != 0)
		return st;

	struct school school = {0};
	int *years = NULL, nyears = 0;
	struct indicator_score *scores = NULL;
	int nscores = 0;
	int nsets = 0;
	const struct indicator_set **sets = ordered_sets(&app->dom, &nsets);
	struct ibis_error err = {0};
	if (db_school_get(app->db, school_id, &school, &err) != IBIS_OK ||
	    db_score_years(app->db, school_id, NULL, &years, &nyears, &err) != IBIS_OK) {
		st = cli_report(&err, app->verbose);
		goto out;
	}
	/* the years up to and including --year, oldest first */
	int k = 0;
	for (int i = 0; i < nyears; i++)
		if (!a->year || years[i] <= a->year)
			years[k++] = years[i];
	nyears = k;
	qsort(years, (size_t)nyears, sizeof(*years), compare_int);
	if (nyears == 0) {
		char buf[16];
		if (a->year)
			printf("%s heeft nog geen HGW-scores tot en met schooljaar %s.\n", school.name,
			       schoolyear_format(a->year, buf));
		else
			printf("%s heeft nog geen HGW-scores.\n", school.name);
	} else if (db_score_list(app->db, school_id, NULL, years[0], years[nyears - 1], &scores,
				 &nscores, &err) != IBIS_OK) {
		st = cli_report(&err, app->verbose);
		goto out;
	} else {
		char *text = hgw_report(sets, nsets, scores, nscores, years, nyears, format,
					locale_utf8());
		if (format == GRID_TEXT)
			printf("%s: HGW-gemiddelden per sectie\n\n", school.name);
		fputs(text, stdout);
		free(text);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("Schrijven naar de standaarduitvoer is mislukt.");
		st = IBIS_EINPUT;
	}
out:
	indicator_scores_free(scores, nscores);
	free(years);
	school_clear(&school);
	free(sets);
	return st;
}
