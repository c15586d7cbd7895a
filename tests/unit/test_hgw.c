/* test_hgw.c - the HGW grid without a database: the score records, means with
 * missing cells left out and counted apart, the rounding of a mean and of a
 * change, the trend thresholds, the words and symbols of a score, the years
 * of a grid; the shipped indicator sets and a school's own set; the grid
 * exported as CSV and Markdown and the means reported per section per year.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/csv.h"
#include "ibis/hgw.h"
#include "ibis/indicators.h"
#include "ibis/util.h"

TestSuite(hgw);
TestSuite(hgw_sets, .init = th_tmp_setup, .fini = th_tmp_teardown);
TestSuite(hgw_export);
TestSuite(hgw_report);

/* ============================================================ fixtures */

/* The cells of a grid as the database would hand them over. */
struct grid {
	struct indicator_score *v;
	int n;
};

static void put(struct grid *g, const char *set, const char *ind, int year,
		const char *assessor, int score, const char *evidence)
{
	g->v = xrealloc(g->v, sizeof(*g->v) * (size_t)(g->n + 1));
	g->v[g->n++] = (struct indicator_score){
		.id = g->n + 1,
		.school_id = 1,
		.set_id = xstrdup(set),
		.indicator = xstrdup(ind),
		.school_year = year,
		.assessor = xstrdup(assessor),
		.score = score,
		.evidence = xstrdup(evidence),
		.version = 1,
	};
}

static void grid_free(struct grid *g)
{
	indicator_scores_free(g->v, g->n);
	g->v = NULL;
	g->n = 0;
}

/* The shipped set data/indicators/<id>.ini. */
static void load_set(const char *id, struct indicator_set *s)
{
	char *name = xasprintf("indicators/%s.ini", id);
	char *path = path_join(th_datadir(), name);
	struct ibis_error err = {0};
	cr_assert_eq(indicators_load(path, id, s, &err), IBIS_OK, "%s: %s", path, err.message);
	free(path);
	free(name);
}

/* A made-up mean: what a caller may hand in. */
static struct hgw_mean mean_of(int sum, int scored, int total)
{
	struct hgw_mean m = {.scored = scored, .total = total};
	if (scored)
		m.mean = (double)sum / scored;
	return m;
}

static char *mtext(struct hgw_mean m, bool utf8)
{
	static char buf[32];
	return hgw_mean_text(m, utf8, buf, sizeof(buf));
}

/* ============================================================ records */

Test(hgw, copy_is_deep_and_clear_zeroes)
{
	struct grid g = {0};
	put(&g, "hgw", "1.1", 2026, "IB'er", 3, "Gezien in groep 5");
	struct indicator_score c;
	indicator_score_copy(&c, &g.v[0]);
	cr_assert_neq(c.set_id, g.v[0].set_id);
	cr_assert_neq(c.evidence, g.v[0].evidence);
	cr_assert_str_eq(c.set_id, "hgw");
	cr_assert_str_eq(c.indicator, "1.1");
	cr_assert_str_eq(c.assessor, "IB'er");
	cr_assert_str_eq(c.evidence, "Gezien in groep 5");
	cr_assert_eq(c.score, 3);
	cr_assert_eq(c.school_year, 2026);
	cr_assert_eq(c.version, 1);
	grid_free(&g);
	/* the copy outlives the original */
	cr_assert_str_eq(c.evidence, "Gezien in groep 5");
	indicator_score_clear(&c);
	cr_assert_null(c.set_id);
	cr_assert_null(c.evidence);
	cr_assert_eq(c.score, 0);
	cr_assert_eq(c.school_year, 0);

	struct indicator_score none = {.score = 2}, copy;
	indicator_score_copy(&copy, &none);
	cr_assert_null(copy.evidence);
	cr_assert_eq(copy.score, 2);
	indicator_score_clear(&copy);
}

Test(hgw, assessor_label)
{
	cr_assert_str_eq(hgw_assessor_label(""), "Gezamenlijk");
	cr_assert_str_eq(hgw_assessor_label(NULL), "Gezamenlijk");
	cr_assert_str_eq(hgw_assessor_label("SWV-consulent"), "SWV-consulent");
}

Test(hgw, find_matches_every_key)
{
	struct grid g = {0};
	put(&g, "hgw", "1.1", 2026, "", 3, NULL);
	put(&g, "inspectie", "1.1", 2026, "", 1, NULL);
	put(&g, "hgw", "1.1", 2025, "", 2, NULL);
	put(&g, "hgw", "1.1", 2026, "directie", 4, NULL);
	cr_assert_eq(hgw_find(g.v, g.n, "hgw", "1.1", 2026, "")->score, 3);
	cr_assert_eq(hgw_find(g.v, g.n, "hgw", "1.1", 2026, NULL)->score, 3);
	cr_assert_eq(hgw_find(g.v, g.n, "inspectie", "1.1", 2026, "")->score, 1);
	cr_assert_eq(hgw_find(g.v, g.n, "hgw", "1.1", 2025, "")->score, 2);
	cr_assert_eq(hgw_find(g.v, g.n, "hgw", "1.1", 2026, "directie")->score, 4);
	cr_assert_null(hgw_find(g.v, g.n, "hgw", "1.2", 2026, ""));
	cr_assert_null(hgw_find(g.v, g.n, "hgw", "1.1", 2024, ""));
	cr_assert_null(hgw_find(g.v, g.n, "hgw", "1.1", 2026, "IB'er"));
	cr_assert_null(hgw_find(NULL, 0, "hgw", "1.1", 2026, ""));
	grid_free(&g);
}

/* ============================================================== means */

Test(hgw, mean_leaves_out_missing_cells)
{
	struct indicator_set s;
	load_set("hgw", &s);
	struct grid g = {0};
	put(&g, "hgw", "1.1", 2026, "", 3, NULL);
	put(&g, "hgw", "1.2", 2026, "", 4, NULL);
	put(&g, "hgw", "1.3", 2026, "", 2, NULL);
	put(&g, "hgw", "1.4", 2026, "", 0, "Evidence without a score"); /* not scored */
	/* 1.5 has no cell at all */
	put(&g, "hgw", "1.6", 2026, "", 3, NULL);
	/* cells of another set, year and assessor: never in this mean */
	put(&g, "inspectie", "1.2", 2026, "", 1, NULL);
	put(&g, "hgw", "1.5", 2025, "", 1, NULL);
	put(&g, "hgw", "1.5", 2026, "IB'er", 1, NULL);

	struct hgw_mean m = hgw_mean(&s, 1, g.v, g.n, 2026, "");
	cr_assert_eq(m.scored, 4);
	cr_assert_eq(m.total, 6);
	cr_assert_float_eq(m.mean, 3.0, 1e-12);
	char buf[32];
	cr_assert_str_eq(hgw_mean_text(m, true, buf, sizeof(buf)), "3,0");
	cr_assert_str_eq(hgw_count_text(m, buf, sizeof(buf)), "4 van 6");

	/* a section with nothing scored: a dash, never a 0,0 */
	struct hgw_mean none = hgw_mean(&s, 2, g.v, g.n, 2026, "");
	cr_assert_eq(none.scored, 0);
	cr_assert_eq(none.total, 6);
	cr_assert_str_eq(hgw_mean_text(none, true, buf, sizeof(buf)), "—");
	cr_assert_str_eq(hgw_mean_text(none, false, buf, sizeof(buf)), "-");
	cr_assert_str_eq(hgw_count_text(none, buf, sizeof(buf)), "0 van 6");

	/* the whole set: section 0 */
	struct hgw_mean all = hgw_mean(&s, 0, g.v, g.n, 2026, "");
	cr_assert_eq(all.scored, 4);
	cr_assert_eq(all.total, 29);
	cr_assert_float_eq(all.mean, 3.0, 1e-12);
	cr_assert_str_eq(hgw_count_text(all, buf, sizeof(buf)), "4 van 29");

	/* a year without any cell */
	struct hgw_mean empty = hgw_mean(&s, 0, g.v, g.n, 2020, "");
	cr_assert_eq(empty.scored, 0);
	cr_assert_eq(empty.total, 29);
	cr_assert_eq(hgw_mean(&s, 0, NULL, 0, 2026, "").scored, 0);

	grid_free(&g);
	indicators_free(&s);
}

Test(hgw, assessor_means_do_not_mix_with_the_agreed_score)
{
	struct indicator_set s;
	load_set("hgw", &s);
	struct grid g = {0};
	put(&g, "hgw", "2.1", 2026, "", 4, NULL);
	put(&g, "hgw", "2.1", 2026, "IB'er", 1, NULL);
	put(&g, "hgw", "2.2", 2026, "IB'er", 2, NULL);
	put(&g, "hgw", "2.3", 2026, "directie", 3, NULL);

	struct hgw_mean agreed = hgw_mean(&s, 2, g.v, g.n, 2026, "");
	cr_assert_eq(agreed.scored, 1);
	cr_assert_float_eq(agreed.mean, 4.0, 1e-12);
	/* NULL names the agreed score too */
	struct hgw_mean agreed2 = hgw_mean(&s, 2, g.v, g.n, 2026, NULL);
	cr_assert_eq(agreed2.scored, 1);
	cr_assert_float_eq(agreed2.mean, 4.0, 1e-12);

	struct hgw_mean ib = hgw_mean(&s, 2, g.v, g.n, 2026, "IB'er");
	cr_assert_eq(ib.scored, 2);
	cr_assert_eq(ib.total, 6);
	cr_assert_float_eq(ib.mean, 1.5, 1e-12);
	cr_assert_str_eq(mtext(ib, true), "1,5");

	struct hgw_mean dir = hgw_mean(&s, 2, g.v, g.n, 2026, "directie");
	cr_assert_eq(dir.scored, 1);
	cr_assert_float_eq(dir.mean, 3.0, 1e-12);

	struct hgw_mean nobody = hgw_mean(&s, 2, g.v, g.n, 2026, "SWV-consulent");
	cr_assert_eq(nobody.scored, 0);
	grid_free(&g);
	indicators_free(&s);
}

Test(hgw, mean_text_rounds_half_away_from_zero_on_the_fraction)
{
	/* 13/4 = 3.25 is exact in binary: half away from zero */
	cr_assert_str_eq(mtext(mean_of(13, 4, 6), true), "3,3");
	/* 63/20 = 3.15 is 3.1499999... as a double: still "3,2" */
	cr_assert_str_eq(mtext(mean_of(63, 20, 29), true), "3,2");
	/* 53/20 = 2.65 (2.6499999... as a double) */
	cr_assert_str_eq(mtext(mean_of(53, 20, 29), true), "2,7");
	/* 67/20 = 3.35 (3.3500000...1 as a double) */
	cr_assert_str_eq(mtext(mean_of(67, 20, 29), true), "3,4");
	cr_assert_str_eq(mtext(mean_of(81, 25, 29), true), "3,2"); /* 3.24 */
	cr_assert_str_eq(mtext(mean_of(10, 3, 6), true), "3,3");   /* 3.333 */
	cr_assert_str_eq(mtext(mean_of(11, 3, 6), true), "3,7");   /* 3.667 */
	cr_assert_str_eq(mtext(mean_of(4, 1, 6), true), "4,0");
	cr_assert_str_eq(mtext(mean_of(1, 1, 1), false), "1,0");
	/* a mean that is no fraction of its count (made by hand): rounded as
	 * the decimal it reads as */
	struct hgw_mean odd = {.mean = 3.25, .scored = 1, .total = 1};
	cr_assert_str_eq(mtext(odd, true), "3,3");
	odd.mean = 2.35;
	cr_assert_str_eq(mtext(odd, true), "2,4");
	odd.mean = 2.349;
	cr_assert_str_eq(mtext(odd, true), "2,3");
}

/* ============================================================= trends */

Test(hgw, trend_thresholds_both_ways)
{
	double d = 99;
	/* 3.25 - 3.2 is exactly the threshold 0.05 (0.0499999... when the
	 * doubles are subtracted): a change up */
	cr_assert_eq(hgw_trend(mean_of(13, 4, 6), mean_of(16, 5, 6), &d), HGW_TREND_UP);
	cr_assert_float_eq(d, 0.05, 1e-12);
	char buf[32];
	cr_assert_str_eq(hgw_delta_text(d, buf, sizeof(buf)), "+0,1");
	/* and the same step down */
	cr_assert_eq(hgw_trend(mean_of(16, 5, 6), mean_of(13, 4, 6), &d), HGW_TREND_DOWN);
	cr_assert_float_eq(d, -0.05, 1e-12);
	cr_assert_str_eq(hgw_delta_text(d, buf, sizeof(buf)), "-0,1");
	/* 3.24 against 3.2: below the threshold either way */
	cr_assert_eq(hgw_trend(mean_of(81, 25, 29), mean_of(16, 5, 6), &d), HGW_TREND_SAME);
	cr_assert_float_eq(d, 0.04, 1e-12);
	cr_assert_str_eq(hgw_delta_text(d, buf, sizeof(buf)), "0,0");
	cr_assert_eq(hgw_trend(mean_of(16, 5, 6), mean_of(81, 25, 29), &d), HGW_TREND_SAME);
	cr_assert_float_eq(d, -0.04, 1e-12);
	cr_assert_str_eq(hgw_delta_text(d, buf, sizeof(buf)), "0,0");
	/* equal means */
	cr_assert_eq(hgw_trend(mean_of(6, 2, 6), mean_of(9, 3, 6), &d), HGW_TREND_SAME);
	cr_assert_float_eq(d, 0.0, 1e-12);
	/* big changes */
	cr_assert_eq(hgw_trend(mean_of(17, 5, 6), mean_of(18, 6, 6), &d), HGW_TREND_UP);
	cr_assert_float_eq(d, 0.4, 1e-12);
	cr_assert_str_eq(hgw_delta_text(d, buf, sizeof(buf)), "+0,4");
	cr_assert_eq(hgw_trend(mean_of(3, 1, 6), mean_of(4, 1, 6), NULL), HGW_TREND_DOWN);
	cr_assert_eq(HGW_TREND_THRESHOLD, 0.05);
}

Test(hgw, trend_none_when_a_year_has_nothing_scored)
{
	double d = 99;
	cr_assert_eq(hgw_trend(mean_of(0, 0, 6), mean_of(12, 4, 6), &d), HGW_TREND_NONE);
	cr_assert_eq(d, 0);
	d = 99;
	cr_assert_eq(hgw_trend(mean_of(12, 4, 6), mean_of(0, 0, 6), &d), HGW_TREND_NONE);
	cr_assert_eq(d, 0);
	cr_assert_eq(hgw_trend(mean_of(0, 0, 6), mean_of(0, 0, 6), NULL), HGW_TREND_NONE);
	cr_assert_str_eq(hgw_trend_symbol(HGW_TREND_NONE, true), "");
	cr_assert_str_eq(hgw_trend_symbol(HGW_TREND_NONE, false), "");
}

Test(hgw, trend_from_cells_of_two_years)
{
	struct indicator_set s;
	load_set("hgw", &s);
	struct grid g = {0};
	/* 2025: 3 3 3 3 - -   2026: 4 3 3 3 3 -  (3.0 -> 3.2) */
	for (int i = 1; i <= 4; i++) {
		char id[8];
		snprintf(id, sizeof(id), "1.%d", i);
		put(&g, "hgw", id, 2025, "", 3, NULL);
		put(&g, "hgw", id, 2026, "", i == 1 ? 4 : 3, NULL);
	}
	put(&g, "hgw", "1.5", 2026, "", 3, NULL);
	struct hgw_mean now = hgw_mean(&s, 1, g.v, g.n, 2026, "");
	struct hgw_mean before = hgw_mean(&s, 1, g.v, g.n, 2025, "");
	double d;
	cr_assert_eq(hgw_trend(now, before, &d), HGW_TREND_UP);
	char buf[32];
	cr_assert_str_eq(hgw_delta_text(d, buf, sizeof(buf)), "+0,2");
	cr_assert_str_eq(mtext(now, true), "3,2");
	cr_assert_str_eq(mtext(before, true), "3,0");
	/* a section scored only this year has no trend */
	struct hgw_mean s2now = hgw_mean(&s, 2, g.v, g.n, 2026, "");
	cr_assert_eq(hgw_trend(s2now, hgw_mean(&s, 2, g.v, g.n, 2025, ""), NULL), HGW_TREND_NONE);
	grid_free(&g);
	indicators_free(&s);
}

Test(hgw, trend_symbols_and_delta_texts)
{
	cr_assert_str_eq(hgw_trend_symbol(HGW_TREND_UP, true), "↑");
	cr_assert_str_eq(hgw_trend_symbol(HGW_TREND_SAME, true), "→");
	cr_assert_str_eq(hgw_trend_symbol(HGW_TREND_DOWN, true), "↓");
	cr_assert_str_eq(hgw_trend_symbol(HGW_TREND_UP, false), "+");
	cr_assert_str_eq(hgw_trend_symbol(HGW_TREND_SAME, false), "=");
	cr_assert_str_eq(hgw_trend_symbol(HGW_TREND_DOWN, false), "-");
	char buf[32];
	cr_assert_str_eq(hgw_delta_text(0.3, buf, sizeof(buf)), "+0,3");
	cr_assert_str_eq(hgw_delta_text(-0.5, buf, sizeof(buf)), "-0,5");
	cr_assert_str_eq(hgw_delta_text(0.0, buf, sizeof(buf)), "0,0");
	cr_assert_str_eq(hgw_delta_text(-0.25, buf, sizeof(buf)), "-0,3");
	cr_assert_str_eq(hgw_delta_text(1.25, buf, sizeof(buf)), "+1,3");
	cr_assert_str_eq(hgw_delta_text(-3.0, buf, sizeof(buf)), "-3,0");
	cr_assert_str_eq(hgw_delta_text(3.25 - 3.2, buf, sizeof(buf)), "+0,1");
}

/* ============================================================= scores */

Test(hgw, score_words_and_symbols)
{
	struct indicator_set s;
	load_set("hgw", &s);
	cr_assert_str_eq(hgw_score_words(&s, 1), "niet aanwezig / niet zichtbaar");
	cr_assert_str_eq(hgw_score_words(&s, 2), "in onvoldoende mate aanwezig / zichtbaar");
	cr_assert_str_eq(hgw_score_words(&s, 3), "in voldoende mate aanwezig / zichtbaar");
	cr_assert_str_eq(hgw_score_words(&s, 4), "goed tot zeer goed aanwezig / zichtbaar");
	cr_assert_null(hgw_score_words(&s, 0));
	cr_assert_null(hgw_score_words(&s, 5));
	cr_assert_null(hgw_score_words(NULL, 3));
	indicators_free(&s);

	cr_assert_str_eq(hgw_score_symbol(1), "--");
	cr_assert_str_eq(hgw_score_symbol(2), "-");
	cr_assert_str_eq(hgw_score_symbol(3), "+");
	cr_assert_str_eq(hgw_score_symbol(4), "++");
	cr_assert_str_eq(hgw_score_symbol(0), "");
	cr_assert_str_eq(hgw_score_symbol(7), "");
}

Test(hgw, years_newest_first_without_duplicates)
{
	struct grid g = {0};
	put(&g, "hgw", "1.1", 2024, "", 3, NULL);
	put(&g, "inspectie", "1.1", 2026, "", 3, NULL);
	put(&g, "hgw", "1.2", 2025, "IB'er", 0, "alleen onderbouwing");
	put(&g, "hgw", "1.1", 2026, "", 2, NULL);
	put(&g, "hgw", "1.3", 2024, "", 4, NULL);
	put(&g, "hgw", "1.4", 2019, "", 4, NULL);
	int *years = NULL, n = -1;
	hgw_years(g.v, g.n, &years, &n);
	cr_assert_eq(n, 4);
	cr_assert_eq(years[0], 2026);
	cr_assert_eq(years[1], 2025);
	cr_assert_eq(years[2], 2024);
	cr_assert_eq(years[3], 2019);
	free(years);
	grid_free(&g);

	hgw_years(NULL, 0, &years, &n);
	cr_assert_eq(n, 0);
	free(years);
}

/* =============================================================== sets */

Test(hgw_sets, shipped_hgw_set)
{
	struct indicator_set s;
	load_set("hgw", &s);
	cr_assert_str_eq(s.id, "hgw");
	cr_assert_str_eq(s.name, "HGW-indicatoren");
	cr_assert_eq(s.nsections, 5);
	cr_assert_eq(s.nindicators, 29);
	cr_assert_eq(s.principles.len, 7);
	cr_assert_str_eq(s.principles.items[0],
			 "Onderwijsbehoeften van de leerlingen centraal stellen.");
	cr_assert_str_eq(s.principles.items[5], "Doelgericht en planmatig werken.");
	cr_assert_str_eq(s.norms[0], "niet aanwezig / niet zichtbaar");
	cr_assert_str_eq(s.norms[3], "goed tot zeer goed aanwezig / zichtbaar");
	static const int per_section[] = {6, 6, 6, 5, 6};
	for (int k = 0; k < 5; k++) {
		cr_assert_eq(s.sections[k].number, k + 1);
		cr_assert_eq(hgw_mean(&s, k + 1, NULL, 0, 2026, "").total, per_section[k],
			     "section %d", k + 1);
	}
	cr_assert_str_eq(s.sections[0].name, "Algemene preventieve ondersteuning in de groep");
	cr_assert_str_eq(s.sections[3].description,
			 "Inzet generalistische ondersteuning, specialistische ondersteuning");
	cr_assert_str_eq(s.indicators[0].id, "1.1");
	cr_assert_str_eq(s.indicators[28].id, "5.6");
	cr_assert_eq(s.indicators[28].section, 5);
	indicators_free(&s);
}

Test(hgw_sets, shipped_inspection_set)
{
	struct indicator_set s;
	load_set("inspectie", &s);
	cr_assert_str_eq(s.name, "Indicatoren Toezichtskader Inspectie");
	cr_assert_eq(s.nindicators, 22);
	cr_assert_eq(s.nsections, 5);
	cr_assert_eq(s.principles.len, 0);
	static const char *const names[] = {"Resultaten", "Afstemming",
					    "Volgen van de ontwikkeling", "Zorg",
					    "Kwaliteitszorg"};
	static const int per_section[] = {3, 4, 4, 5, 6};
	for (int k = 0; k < 5; k++) {
		cr_assert_eq(s.sections[k].number, k + 1);
		cr_assert_str_eq(s.sections[k].name, names[k]);
		cr_assert_eq(hgw_mean(&s, k + 1, NULL, 0, 2026, "").total, per_section[k]);
	}
	/* the inspection's own codes, in the groups of their codes */
	const struct indicator *i61 = indicators_find(&s, "6.1");
	cr_assert_not_null(i61);
	cr_assert_eq(i61->section, 2);
	cr_assert_null(indicators_find(&s, "1.3"));
	cr_assert_eq(indicators_find(&s, "9.6")->section, 5);
	cr_assert_str_eq(s.norms[2], "in voldoende mate aanwezig / zichtbaar");
	indicators_free(&s);
}

/* A school's own set: two sections, written after their indicators. */
static const char own_set[] =
	"; a school's own set\n"
	"[set]\n"
	"naam = \"Eigen kijkwijzer\"\n"
	"[normering]\n"
	"1 = \"nee\"\n"
	"2 = \"soms\"\n"
	"3 = \"meestal\"\n"
	"4 = \"altijd\"\n"
	"[indicator K.1]\n"
	"sectie = 2\n"
	"tekst = \"De leerkracht geeft feedback; kort en concreet.\"\n"
	"[indicator K.2]\n"
	"sectie = 1\n"
	"tekst = \"De leerkracht stemt af op de groep.\"\n"
	"[indicator K.3]\n"
	"sectie = 2\n"
	"tekst = \"Leerlingen weten wat het doel is.\"\n"
	"[sectie 1]\n"
	"naam = \"Klassenklimaat\"\n"
	"[sectie 2]\n"
	"naam = \"Instructie\"\n";

static void load_own(const char *dir, struct indicator_set *s)
{
	char *path = th_write(dir, "etc/indicators/eigen.ini", own_set);
	struct ibis_error err = {0};
	cr_assert_eq(indicators_load(path, "eigen", s, &err), IBIS_OK, "%s", err.message);
	free(path);
}

Test(hgw_sets, school_own_set)
{
	struct indicator_set s;
	load_own(th_dir, &s);
	cr_assert_str_eq(s.name, "Eigen kijkwijzer");
	cr_assert_eq(s.nsections, 2);
	cr_assert_eq(s.nindicators, 3);
	cr_assert_str_eq(hgw_score_words(&s, 2), "soms");
	cr_assert_str_eq(indicators_find(&s, "K.1")->text,
			 "De leerkracht geeft feedback; kort en concreet.");

	struct grid g = {0};
	put(&g, "eigen", "K.1", 2026, "", 4, NULL);
	put(&g, "eigen", "K.3", 2026, "", 1, NULL);
	put(&g, "eigen", "K.2", 2026, "", 2, NULL);
	struct hgw_mean instr = hgw_mean(&s, 2, g.v, g.n, 2026, "");
	cr_assert_eq(instr.total, 2);
	cr_assert_eq(instr.scored, 2);
	cr_assert_str_eq(mtext(instr, true), "2,5");
	struct hgw_mean all = hgw_mean(&s, 0, g.v, g.n, 2026, "");
	cr_assert_eq(all.total, 3);
	cr_assert_str_eq(mtext(all, true), "2,3");

	/* exported section by section: K.2 (section 1) comes first */
	const struct indicator_set *sets[] = {&s};
	char *csv = hgw_export_grid(sets, 1, g.v, g.n, 2026, NULL, NULL, GRID_CSV);
	cr_assert_str_eq(csv, "Set;Sectie;Sectienaam;Indicator;Tekst;Score;Normering;Onderbouwing\r\n"
			      "eigen;1;Klassenklimaat;K.2;De leerkracht stemt af op de groep.;2;"
			      "soms;\r\n"
			      "eigen;2;Instructie;K.1;\"De leerkracht geeft feedback; kort en "
			      "concreet.\";4;altijd;\r\n"
			      "eigen;2;Instructie;K.3;Leerlingen weten wat het doel is.;1;nee;\r\n");
	free(csv);
	grid_free(&g);
	indicators_free(&s);
}

Test(hgw_sets, malformed_own_set_names_file_and_line)
{
	char *path = th_write(th_dir, "etc/indicators/kapot.ini",
			      "[set]\n"
			      "naam = \"Kapot\"\n"
			      "[normering]\n"
			      "1 = \"a\"\n"
			      "2 = \"b\"\n"
			      "3 = \"c\"\n"
			      "4 = \"d\"\n"
			      "[sectie 1]\n"
			      "naam = \"Een\"\n"
			      "[indicator 1.1]\n"
			      "sectie = 2\n"
			      "tekst = \"x\"\n");
	struct indicator_set s;
	struct ibis_error err = {0};
	cr_assert_eq(indicators_load(path, "kapot", &s, &err), IBIS_EINPUT);
	char *want = xasprintf("%s:11: indicator 1.1.sectie: [sectie 2] bestaat niet in dit "
			       "bestand",
			       path);
	cr_assert_str_eq(err.message, want);
	/* nothing half-loaded is left behind */
	cr_assert_null(s.indicators);
	cr_assert_eq(s.nindicators, 0);
	free(want);
	free(path);
}

/* ============================================================= export */

/* Both shipped sets, on the heap so a suite's tests share the shape. */
struct two_sets {
	struct indicator_set hgw, insp;
	const struct indicator_set *sets[2];
};

static void two_sets_load(struct two_sets *t)
{
	load_set("hgw", &t->hgw);
	load_set("inspectie", &t->insp);
	t->sets[0] = &t->hgw;
	t->sets[1] = &t->insp;
}

static void two_sets_free(struct two_sets *t)
{
	indicators_free(&t->hgw);
	indicators_free(&t->insp);
}

static void parse_csv(const char *text, struct csv_table *t)
{
	struct ibis_error err = {0};
	cr_assert_eq(csv_parse(text, strlen(text), t, &err), IBIS_OK, "%s", err.message);
}

/* The number of lines ending in CRLF. */
static int crlf_lines(const char *s)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, "\r\n")); p += 2)
		n++;
	return n;
}

Test(hgw_export, format_names)
{
	enum grid_format f = GRID_TEXT;
	cr_assert(grid_format_parse("csv", &f));
	cr_assert_eq(f, GRID_CSV);
	cr_assert(grid_format_parse("md", &f));
	cr_assert_eq(f, GRID_MD);
	f = GRID_CSV;
	cr_assert(grid_format_parse("markdown", &f));
	cr_assert_eq(f, GRID_MD);
	cr_assert(grid_format_parse("text", &f));
	cr_assert_eq(f, GRID_TEXT);
	cr_assert(grid_format_parse("CSV", &f));
	cr_assert_eq(f, GRID_CSV);
	cr_assert_not(grid_format_parse("html", &f));
	cr_assert_not(grid_format_parse("", &f));
	cr_assert_not(grid_format_parse(NULL, &f));
	cr_assert_eq(f, GRID_CSV);
}

Test(hgw_export, csv_lists_every_indicator_without_scores)
{
	struct two_sets t;
	two_sets_load(&t);
	char *csv = hgw_export_grid(t.sets, 2, NULL, 0, 2026, NULL, "De Regenboog", GRID_CSV);
	cr_assert_eq(crlf_lines(csv), 52);
	struct csv_table tab;
	parse_csv(csv, &tab);
	cr_assert_eq(tab.nrows, 52);
	static const char *const head[] = {"Set", "Sectie", "Sectienaam", "Indicator",
					   "Tekst", "Score", "Normering", "Onderbouwing"};
	cr_assert_eq(tab.rows[0].nfields, 8);
	for (int i = 0; i < 8; i++)
		cr_assert_str_eq(tab.rows[0].fields[i], head[i]);
	int nhgw = 0, ninsp = 0;
	for (int r = 1; r < tab.nrows; r++) {
		char **f = tab.rows[r].fields;
		cr_assert_eq(tab.rows[r].nfields, 8, "row %d", r);
		nhgw += strcmp(f[0], "hgw") == 0;
		ninsp += strcmp(f[0], "inspectie") == 0;
		cr_assert_str_eq(f[5], "", "row %d", r);
		cr_assert_str_eq(f[6], "");
		cr_assert_str_eq(f[7], "");
		cr_assert_neq(f[4][0], '\0');
	}
	cr_assert_eq(nhgw, 29);
	cr_assert_eq(ninsp, 22);
	char **first = tab.rows[1].fields;
	cr_assert_str_eq(first[1], "1");
	cr_assert_str_eq(first[2], "Algemene preventieve ondersteuning in de groep");
	cr_assert_str_eq(first[3], "1.1");
	cr_assert_str_eq(first[4], t.hgw.indicators[0].text);
	char **i61 = tab.rows[1 + 29 + 3].fields;
	cr_assert_str_eq(i61[0], "inspectie");
	cr_assert_str_eq(i61[1], "2");
	cr_assert_str_eq(i61[2], "Afstemming");
	cr_assert_str_eq(i61[3], "6.1");
	char **last = tab.rows[51].fields;
	cr_assert_str_eq(last[3], "9.6");
	cr_assert_str_eq(last[2], "Kwaliteitszorg");
	csv_table_free(&tab);
	free(csv);
	two_sets_free(&t);
}

Test(hgw_export, csv_scores_evidence_and_assessor_columns)
{
	struct two_sets t;
	two_sets_load(&t);
	struct grid g = {0};
	const char *evidence = "Gezien in groep 5; \"rustig\" werken\nGroepsplan rekenen";
	put(&g, "hgw", "1.1", 2026, "", 3, evidence);
	put(&g, "hgw", "1.1", 2026, "IB'er", 2, "Klassenbezoek");
	put(&g, "hgw", "1.2", 2026, "IB'er", 0, "Nog niet gezien");
	put(&g, "hgw", "1.1", 2025, "", 1, "Vorig jaar");
	put(&g, "inspectie", "9.6", 2026, "", 4, NULL);
	struct strlist who = {0};
	sl_add(&who, "");
	sl_add(&who, "IB'er");
	sl_add(&who, "SWV-consulent");
	char *csv = hgw_export_grid(t.sets, 2, g.v, g.n, 2026, &who, NULL, GRID_CSV);
	/* the quoting of the writer: the field in quotes, its quotes doubled,
	 * the line break kept */
	cr_assert_not_null(strstr(csv, ";3;in voldoende mate aanwezig / zichtbaar;\"Gezien in "
				       "groep 5; \"\"rustig\"\" werken\nGroepsplan rekenen\";2;"
				       "in onvoldoende mate aanwezig / zichtbaar;Klassenbezoek;;;\r\n"),
			  "%s", csv);
	cr_assert_null(strstr(csv, "Vorig jaar"));
	struct csv_table tab;
	parse_csv(csv, &tab);
	cr_assert_eq(tab.nrows, 52);
	cr_assert_eq(tab.rows[0].nfields, 14);
	static const char *const extra[] = {
		"Score",			"Normering",		   "Onderbouwing",
		"Score (IB'er)",		"Normering (IB'er)",	   "Onderbouwing (IB'er)",
		"Score (SWV-consulent)", "Normering (SWV-consulent)", "Onderbouwing (SWV-consulent)",
	};
	for (int i = 0; i < 9; i++)
		cr_assert_str_eq(tab.rows[0].fields[5 + i], extra[i]);
	char **r11 = tab.rows[1].fields;
	cr_assert_eq(tab.rows[1].nfields, 14);
	cr_assert_str_eq(r11[3], "1.1");
	cr_assert_str_eq(r11[5], "3");
	cr_assert_str_eq(r11[7], evidence);
	cr_assert_str_eq(r11[8], "2");
	cr_assert_str_eq(r11[10], "Klassenbezoek");
	cr_assert_str_eq(r11[11], "");
	/* evidence without a score: the score and its words empty */
	char **r12 = tab.rows[2].fields;
	cr_assert_str_eq(r12[3], "1.2");
	cr_assert_str_eq(r12[5], "");
	cr_assert_str_eq(r12[8], "");
	cr_assert_str_eq(r12[9], "");
	cr_assert_str_eq(r12[10], "Nog niet gezien");
	char **r96 = tab.rows[51].fields;
	cr_assert_str_eq(r96[3], "9.6");
	cr_assert_str_eq(r96[5], "4");
	cr_assert_str_eq(r96[6], "goed tot zeer goed aanwezig / zichtbaar");
	/* every row has every column */
	for (int r = 0; r < tab.nrows; r++)
		cr_assert_eq(tab.rows[r].nfields, 14, "row %d", r);
	csv_table_free(&tab);
	free(csv);

	/* the year before has its own cells */
	csv = hgw_export_grid(t.sets, 2, g.v, g.n, 2025, NULL, NULL, GRID_CSV);
	parse_csv(csv, &tab);
	cr_assert_str_eq(tab.rows[1].fields[5], "1");
	cr_assert_str_eq(tab.rows[1].fields[7], "Vorig jaar");
	cr_assert_str_eq(tab.rows[51].fields[5], "");
	csv_table_free(&tab);
	free(csv);
	sl_free(&who);
	grid_free(&g);
	two_sets_free(&t);
}

/* The number of lines of s that start with prefix. */
static int lines_starting(const char *s, const char *prefix)
{
	int n = 0;
	size_t k = strlen(prefix);
	for (const char *p = s; p && *p;) {
		if (strncmp(p, prefix, k) == 0)
			n++;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return n;
}

Test(hgw_export, markdown_tables_per_section)
{
	struct two_sets t;
	two_sets_load(&t);
	struct grid g = {0};
	put(&g, "hgw", "1.1", 2026, "", 3, "Gezien | in groep 5\nen 6");
	put(&g, "hgw", "1.1", 2026, "directie", 4, NULL);
	struct strlist who = {0};
	sl_add(&who, "");
	sl_add(&who, "directie");
	char *md = hgw_export_grid(t.sets, 2, g.v, g.n, 2026, &who, "De Regenboog", GRID_MD);
	cr_assert(str_starts(md, "# HGW-raster De Regenboog — 2026-2027\n\n"), "%s", md);
	cr_assert_not_null(strstr(md, "\n## HGW-indicatoren\n"));
	cr_assert_not_null(strstr(md, "\n## Indicatoren Toezichtskader Inspectie\n"));
	cr_assert_not_null(strstr(md, "\n### 1 Algemene preventieve ondersteuning in de groep\n"));
	cr_assert_not_null(strstr(md, "\n### 2 Afstemming\n"));
	/* section 4's description under its heading */
	cr_assert_not_null(strstr(md, "\nInzet generalistische ondersteuning, specialistische "
				      "ondersteuning\n"));
	/* a table per section: 10 heads, 51 indicator rows */
	cr_assert_eq(lines_starting(md, "| Indicator | Tekst | Score | Normering | Onderbouwing | "
					"Score (directie) | Normering (directie) | "
					"Onderbouwing (directie) |\n"),
		     10);
	cr_assert_eq(lines_starting(md, "|---|---|---|---|---|---|---|---|\n"), 10);
	cr_assert_eq(lines_starting(md, "| ") - 10, 51);
	/* a "|" in the evidence is escaped, its line break a <br> */
	char *row = xasprintf("| 1.1 | %s | 3 | in voldoende mate aanwezig / zichtbaar | Gezien "
			      "\\| in groep 5<br>en 6 | 4 | goed tot zeer goed aanwezig / "
			      "zichtbaar |  |\n",
			      t.hgw.indicators[0].text);
	cr_assert_not_null(strstr(md, row), "%s", md);
	free(row);
	/* an empty score is a dash */
	row = xasprintf("| 1.2 | %s | — |  |  | — |  |  |\n", t.hgw.indicators[1].text);
	cr_assert_not_null(strstr(md, row));
	free(row);
	free(md);

	/* no school name; text is Markdown too */
	char *plain = hgw_export_grid(t.sets, 1, NULL, 0, 2026, NULL, NULL, GRID_TEXT);
	cr_assert(str_starts(plain, "# HGW-raster 2026-2027\n\n"), "%s", plain);
	cr_assert_eq(lines_starting(plain, "| Indicator | Tekst | Score | Normering | Onderbouwing |\n"),
		     5);
	cr_assert_eq(lines_starting(plain, "| ") - 5, 29);
	cr_assert_null(strstr(plain, "Inspectie"));
	cr_assert_eq(lines_starting(plain, "| 5.6 | "), 1);
	free(plain);
	sl_free(&who);
	grid_free(&g);
	two_sets_free(&t);
}

/* ============================================================= report */

/* Two years of agreed scores (and cells that must not count):
 * hgw 2025: section 1 all 3 (3,0), section 2 all 4 (4,0): total 42/12 = 3,5.
 * hgw 2026: section 1 4 4 3 3 3 and 1.6 evidence only (17/5 = 3,4), section 2
 *           all 3 (3,0), 3.1 = 2: total 37/12 = 3,08.
 * inspectie 2026: 1.1 = 2. */
static void two_years(struct grid *g)
{
	static const int s1_2026[] = {4, 4, 3, 3, 3};
	for (int i = 1; i <= 6; i++) {
		char id[8];
		snprintf(id, sizeof(id), "1.%d", i);
		put(g, "hgw", id, 2025, "", 3, NULL);
		if (i <= 5)
			put(g, "hgw", id, 2026, "", s1_2026[i - 1], NULL);
		else
			put(g, "hgw", id, 2026, "", 0, "Nog te bespreken");
		snprintf(id, sizeof(id), "2.%d", i);
		put(g, "hgw", id, 2025, "", 4, NULL);
		put(g, "hgw", id, 2026, "", 3, NULL);
	}
	put(g, "hgw", "3.1", 2026, "", 2, NULL);
	put(g, "hgw", "1.1", 2026, "IB'er", 1, NULL);
	put(g, "hgw", "4.1", 2026, "directie", 1, NULL);
	put(g, "inspectie", "1.1", 2026, "", 2, NULL);
}

/* The line of text that contains needle (a copy, caller frees), or NULL. */
static char *line_with(const char *text, const char *needle)
{
	const char *p = strstr(text, needle);
	if (!p)
		return NULL;
	const char *start = p;
	while (start > text && start[-1] != '\n')
		start--;
	size_t n = strcspn(start, "\n");
	return xstrndup(start, n);
}

/* True when s ends in tail. */
static bool str_ends_check(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n >= k && strcmp(s + n - k, tail) == 0;
}

/* Where the first occurrence of needle in line ends (bytes). */
static long end_of(const char *line, const char *needle)
{
	const char *p = strstr(line, needle);
	cr_assert_not_null(p, "'%s' not in '%s'", needle, line);
	return (long)(p - line) + (long)strlen(needle);
}

Test(hgw_report, text_two_years_with_arrow_and_difference)
{
	struct two_sets t;
	two_sets_load(&t);
	struct grid g = {0};
	two_years(&g);
	int years[] = {2026, 2025}; /* newest first, as hgw_years gives them */
	char *txt = hgw_report(t.sets, 2, g.v, g.n, years, 2, GRID_TEXT, true);
	cr_assert(str_starts(txt, "HGW-indicatoren\n\n"), "%s", txt);
	cr_assert_not_null(strstr(txt, "\nIndicatoren Toezichtskader Inspectie\n\n"));
	char *head = line_with(txt, "Sectie");
	char *s1 = line_with(txt, "1 Algemene preventieve");
	char *s2 = line_with(txt, "2 Aanvullende ondersteuning in de groep");
	char *s3 = line_with(txt, "3 Aanvullende ondersteuning in overleg");
	char *s4 = line_with(txt, "4 Schoolnabije");
	char *tot = line_with(txt, "Totaal");
	cr_assert(head && s1 && s2 && s3 && s4 && tot, "%s", txt);
	/* oldest year first, then the change */
	cr_assert_lt(end_of(head, "2025-2026"), end_of(head, "2026-2027"));
	cr_assert_lt(end_of(head, "2026-2027"), end_of(head, "Verschil"));
	/* the numbers right-aligned under their year */
	cr_assert_eq(end_of(s1, "3,0"), end_of(head, "2025-2026"), "\n%s\n%s", head, s1);
	cr_assert_eq(end_of(s1, "3,4 (5/6)"), end_of(head, "2026-2027"), "\n%s\n%s", head, s1);
	cr_assert(str_starts(s1 + end_of(s1, "3,4 (5/6)"), "  ↑ +0,4"), "%s", s1);
	cr_assert_not_null(strstr(s2, "4,0"));
	cr_assert_not_null(strstr(s2, "3,0  ↓ -1,0"), "%s", s2);
	/* scored in one year only: the count, and no change */
	cr_assert_not_null(strstr(s3, "—"));
	cr_assert_not_null(strstr(s3, "2,0 (1/6)"));
	cr_assert_null(strstr(s3, "↑"));
	cr_assert(str_ends_check(s3, "2,0 (1/6)"), "%s", s3);
	/* nothing scored either year; the directie's cell does not count */
	cr_assert_eq(end_of(s4, "—"), end_of(head, "2025-2026") + (long)strlen("—") - 1,
		     "\n%s\n%s", head, s4);
	cr_assert_not_null(strstr(tot, "3,5 (12/29)"));
	cr_assert_not_null(strstr(tot, "3,1 (12/29)  ↓ -0,4"), "%s", tot);
	/* the inspection set: 1.1 of that set only */
	char *insp = line_with(strstr(txt, "Toezichtskader"), "1 Resultaten");
	cr_assert_not_null(strstr(insp, "2,0 (1/3)"), "%s", insp);
	cr_assert_null(strstr(txt, " \n"));
	free(insp);
	free(head);
	free(s1);
	free(s2);
	free(s3);
	free(s4);
	free(tot);
	free(txt);

	/* without UTF-8: ASCII arrows and dashes */
	txt = hgw_report(t.sets, 2, g.v, g.n, years, 2, GRID_TEXT, false);
	s1 = line_with(txt, "1 Algemene preventieve");
	cr_assert(str_ends_check(s1, "3,4 (5/6)  + +0,4"), "%s", s1);
	s2 = line_with(txt, "2 Aanvullende ondersteuning in de groep");
	cr_assert(str_ends_check(s2, "3,0  - -1,0"), "%s", s2);
	cr_assert_null(strstr(txt, "—"));
	cr_assert_null(strstr(txt, "↑"));
	free(s1);
	free(s2);
	free(txt);
	grid_free(&g);
	two_sets_free(&t);
}

Test(hgw_report, csv_means_counts_and_difference)
{
	struct two_sets t;
	two_sets_load(&t);
	struct grid g = {0};
	two_years(&g);
	int years[] = {2026, 2025, 2026};
	char *csv = hgw_report(t.sets, 2, g.v, g.n, years, 3, GRID_CSV, true);
	struct csv_table tab;
	parse_csv(csv, &tab);
	/* the header, 5 sections and a total per set */
	cr_assert_eq(tab.nrows, 1 + 6 + 6);
	cr_assert(str_starts(csv, "Set;Sectie;Sectienaam;2025-2026;Gescoord 2025-2026;2026-2027;"
				  "Gescoord 2026-2027;Verschil\r\n"),
		  "%s", csv);
	cr_assert_not_null(strstr(csv, "\r\nhgw;1;Algemene preventieve ondersteuning in de groep;"
				       "3,0;6;3,4;5;+0,4\r\n"),
			  "%s", csv);
	cr_assert_not_null(strstr(csv, "\r\nhgw;2;Aanvullende ondersteuning in de groep;4,0;6;"
				       "3,0;6;-1,0\r\n"));
	cr_assert_not_null(strstr(csv, "\r\nhgw;3;Aanvullende ondersteuning in overleg met de "
				       "IB’er;;0;2,0;1;\r\n"));
	cr_assert_not_null(strstr(csv, "\r\nhgw;4;Schoolnabije ondersteuning/Collegiaal "
				       "netwerk/ondersteuningsteam;;0;;0;\r\n"));
	cr_assert_not_null(strstr(csv, "\r\nhgw;;Totaal;3,5;12;3,1;12;-0,4\r\n"));
	cr_assert_not_null(strstr(csv, "\r\ninspectie;1;Resultaten;;0;2,0;1;\r\n"));
	cr_assert_not_null(strstr(csv, "\r\ninspectie;;Totaal;;0;2,0;1;\r\n"));
	for (int r = 0; r < tab.nrows; r++)
		cr_assert_eq(tab.rows[r].nfields, 8, "row %d", r);
	csv_table_free(&tab);
	free(csv);
	grid_free(&g);
	two_sets_free(&t);
}

Test(hgw_report, markdown_table_per_set)
{
	struct two_sets t;
	two_sets_load(&t);
	struct grid g = {0};
	two_years(&g);
	int years[] = {2025, 2026};
	char *md = hgw_report(t.sets, 2, g.v, g.n, years, 2, GRID_MD, true);
	cr_assert(str_starts(md, "# Gemiddelden HGW-raster\n\n## HGW-indicatoren\n\n"
				 "| Sectie | 2025-2026 | 2026-2027 | Verschil |\n|---|---|---|---|\n"
				 "| 1 Algemene preventieve ondersteuning in de groep | 3,0 | "
				 "3,4 (5/6) | ↑ +0,4 |\n"),
		  "%s", md);
	cr_assert_not_null(strstr(md, "\n| 3 Aanvullende ondersteuning in overleg met de IB’er | "
				      "— | 2,0 (1/6) |  |\n"));
	cr_assert_not_null(strstr(md, "\n| Totaal | 3,5 (12/29) | 3,1 (12/29) | ↓ -0,4 |\n"));
	cr_assert_not_null(strstr(md, "\n## Indicatoren Toezichtskader Inspectie\n"));
	cr_assert_not_null(strstr(md, "\n| 2 Afstemming | — | — |  |\n"));
	cr_assert_eq(lines_starting(md, "| Sectie |"), 2);
	free(md);
	grid_free(&g);
	two_sets_free(&t);
}

Test(hgw_report, one_year_and_no_scores)
{
	struct two_sets t;
	two_sets_load(&t);
	struct grid g = {0};
	two_years(&g);
	/* one year: its means, no change to show */
	int one[] = {2026};
	char *csv = hgw_report(t.sets, 1, g.v, g.n, one, 1, GRID_CSV, true);
	cr_assert(str_starts(csv, "Set;Sectie;Sectienaam;2026-2027;Gescoord 2026-2027;Verschil\r\n"
				  "hgw;1;Algemene preventieve ondersteuning in de groep;3,4;5;\r\n"),
		  "%s", csv);
	cr_assert_eq(crlf_lines(csv), 7);
	free(csv);
	grid_free(&g);

	/* no scores at all: every section still listed with its dash */
	int years[] = {2026, 2025};
	char *txt = hgw_report(t.sets, 2, NULL, 0, years, 2, GRID_TEXT, false);
	char *s5 = line_with(txt, "5 Handelingsgericht werken in de school");
	cr_assert_not_null(s5, "%s", txt);
	cr_assert(str_ends_check(s5, "-          -"), "'%s'", s5);
	char *tot = line_with(txt, "Totaal");
	cr_assert(str_ends_check(tot, "-          -"), "'%s'", tot);
	cr_assert_not_null(strstr(txt, "5 Kwaliteitszorg"));
	free(s5);
	free(tot);
	free(txt);
	two_sets_free(&t);
}
