/* hgw.h - the HGW indicator grid of a school: the scores (1-4) of the
 * indicators of an indicator set per school year and assessor, the means per
 * section and over the whole set, the change against the year before, and the
 * grid written out (CSV, Markdown) and reported (means per section per year).
 * No database: the caller reads the scores (db_sop.h) and hands them in.
 *
 * A column of the grid is one school year and one assessor. The assessor ""
 * is the school's agreed score (shown as "Gezamenlijk"); other assessors are
 * names the school chooses (IB'er, directie, SWV-consulent).
 */
#ifndef IBIS_HGW_H
#define IBIS_HGW_H

#include <stdbool.h>

#include "ibis/error.h"
#include "ibis/indicators.h"
#include "ibis/records.h"
#include "ibis/util.h"

/* One cell of the grid as stored. A cell may hold evidence without a score
 * (score 0). */
struct indicator_score {
	ibis_id id;          /* 0 = not stored yet */
	ibis_id school_id;
	char *set_id;        /* data/indicators/<id>.ini */
	char *indicator;     /* "1.1" */
	int school_year;     /* first calendar year: 2026 = 2026-2027 */
	char *assessor;      /* "" = gezamenlijk; never NULL once read */
	int score;           /* 1-4; 0 = not scored */
	char *evidence;      /* what was seen, where; NULL when none */
	int version;
};

void indicator_score_clear(struct indicator_score *s);
void indicator_scores_free(struct indicator_score *v, int n);
/* A deep copy of src into *dst. */
void indicator_score_copy(struct indicator_score *dst, const struct indicator_score *src);

/* The label of an assessor: "Gezamenlijk" for "" (static), else the name. */
const char *hgw_assessor_label(const char *assessor);

/* The cell of v[0..n-1] for this set, indicator, year and assessor; NULL when
 * there is none. */
const struct indicator_score *hgw_find(const struct indicator_score *v, int n, const char *set_id,
				       const char *indicator, int school_year,
				       const char *assessor);

/* A mean over the indicators of a section (or of the whole set): only the
 * scored cells count; the indicators without a score are counted apart so
 * that they can be shown ("3,2 (5 van 6)"). */
struct hgw_mean {
	double mean;  /* valid when scored > 0 */
	int scored;   /* indicators with a score 1-4 */
	int total;    /* indicators of the section / set */
};

/* The mean of section (its number; 0 = every indicator of the set) of set for
 * one column. */
struct hgw_mean hgw_mean(const struct indicator_set *set, int section,
			 const struct indicator_score *v, int n, int school_year,
			 const char *assessor);

/* "3,2" (one decimal, Dutch comma), "—" (UTF-8) or "-" when nothing is scored.
 * Written into buf (at least 16 bytes); returns buf. */
char *hgw_mean_text(struct hgw_mean m, bool utf8, char *buf, size_t size);
/* "5 van 6" scored; into buf, returns buf. */
char *hgw_count_text(struct hgw_mean m, char *buf, size_t size);

/* The change of a mean against the year before. A difference smaller than
 * HGW_TREND_THRESHOLD (either way) counts as the same (HGW_TREND_SAME). The
 * threshold has a name of its own: a macro named HGW_TREND_SAME would replace
 * the enum constant in every file that includes this header. */
enum hgw_trend { HGW_TREND_NONE, HGW_TREND_UP, HGW_TREND_SAME, HGW_TREND_DOWN };
#define HGW_TREND_THRESHOLD 0.05
/* NONE when either mean has nothing scored; *delta (may be NULL) gets
 * now - before (0 for NONE). */
enum hgw_trend hgw_trend(struct hgw_mean now, struct hgw_mean before, double *delta);
/* "↑" "→" "↓" in UTF-8, "+" "=" "-" otherwise; "" for NONE. Static. */
const char *hgw_trend_symbol(enum hgw_trend tr, bool utf8);
/* "+0,3", "-0,5", "0,0": into buf, returns buf. */
char *hgw_delta_text(double delta, char *buf, size_t size);

/* The symbol of a score for a grid without colour: "--" (1), "-" (2),
 * "+" (3), "++" (4), "" for 0. Static. */
const char *hgw_score_symbol(int score);
/* The words of a score from the set's normering ("niet aanwezig / niet
 * zichtbaar"), NULL for 0. */
const char *hgw_score_words(const struct indicator_set *set, int score);

/* The school years that hold any cell of v (any set, any assessor), newest
 * first, without duplicates. Caller frees *years. */
void hgw_years(const struct indicator_score *v, int n, int **years, int *nyears);

/* ------------------------------------------------------------ documents */

enum grid_format { GRID_CSV, GRID_MD, GRID_TEXT };

/* "csv" / "md" / "markdown" / "text"; false for anything else. */
bool grid_format_parse(const char *s, enum grid_format *out);

/* ibis export grid: every indicator of each set of sets[0..nsets-1] (in that
 * order), scored or not, for one school year: set, section number and name,
 * indicator id, full text, then per assessor of assessors (the first is ""
 * when the agreed score is wanted; the caller lists every assessor of the
 * year) the score, the normering's words and the evidence.
 * CSV: ';' separated, RFC 4180 quoting, UTF-8, a header line
 * "Set;Sectie;Sectienaam;Indicator;Tekst;Score;Normering;Onderbouwing" and
 * for every further assessor "Score (naam);Normering (naam);Onderbouwing
 * (naam)". Markdown (GRID_MD): a title with school and year, per set and
 * section a table, an empty score shown as "—". school_name may be NULL.
 * Caller frees the returned text. GRID_TEXT is treated as GRID_MD. */
char *hgw_export_grid(const struct indicator_set *const *sets, int nsets,
		      const struct indicator_score *v, int n, int school_year,
		      const struct strlist *assessors, const char *school_name,
		      enum grid_format fmt);

/* ibis report grid: the agreed (assessor "") means per section per school
 * year for each set: the years of years[0..nyears-1] as columns (oldest
 * first), a row per section and one for the whole set ("Totaal"), each mean
 * with its count when not every indicator is scored ("3,2 (5/6)"), and a last
 * column with the change of the newest year against the one before it
 * (arrow and difference). GRID_TEXT: aligned columns for a terminal; GRID_CSV:
 * "Set;Sectie;Sectienaam;<year>...;Verschil" with the mean as "3,2", empty
 * when nothing is scored, and the count in a column "Gescoord <year>" after
 * each year; GRID_MD: a table per set. utf8 chooses the arrows. Caller
 * frees. */
char *hgw_report(const struct indicator_set *const *sets, int nsets,
		 const struct indicator_score *v, int n, const int *years, int nyears,
		 enum grid_format fmt, bool utf8);

#endif
