/* hgw.c - see hgw.h: the score records, the means per section and their
 * change against the year before, and the words and symbols of a score.
 *
 * A mean is a fraction of small whole numbers (a sum of scores 1-4 over at
 * most a few dozen indicators). Its text and its trend are decided on that
 * fraction, not on the double: 13/4 = 3.25 must read "3,3", and 3.25 - 3.2
 * must count as a change of 0.05 (not as 0.0499999...), or a mean would show
 * one way on screen and the arrow point another.
 */
#include "ibis/hgw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ================================================================ records */

void indicator_score_clear(struct indicator_score *s)
{
	if (!s)
		return;
	free(s->set_id);
	free(s->indicator);
	free(s->assessor);
	free(s->evidence);
	memset(s, 0, sizeof(*s));
}

void indicator_scores_free(struct indicator_score *v, int n)
{
	for (int i = 0; v && i < n; i++)
		indicator_score_clear(&v[i]);
	free(v);
}

void indicator_score_copy(struct indicator_score *dst, const struct indicator_score *src)
{
	*dst = *src;
	dst->set_id = xstrdup(src->set_id);
	dst->indicator = xstrdup(src->indicator);
	dst->assessor = xstrdup(src->assessor);
	dst->evidence = xstrdup(src->evidence);
}

const char *hgw_assessor_label(const char *assessor)
{
	return str_empty(assessor) ? "Gezamenlijk" : assessor;
}

/* NULL and "" both name the agreed score; a set or indicator id never is
 * NULL in a stored cell, but a half-filled one must not crash a lookup. */
static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

const struct indicator_score *hgw_find(const struct indicator_score *v, int n, const char *set_id,
				       const char *indicator, int school_year,
				       const char *assessor)
{
	for (int i = 0; v && i < n; i++)
		if (v[i].school_year == school_year && same_text(v[i].set_id, set_id) &&
		    same_text(v[i].indicator, indicator) && same_text(v[i].assessor, assessor))
			return &v[i];
	return NULL;
}

/* ================================================================== means */

/* No libm for these few: the program does not link it. */
static double abs_d(double x)
{
	return x < 0 ? -x : x;
}

/* x rounded to the nearest whole number, halves away from zero. */
static long round_d(double x)
{
	return x < 0 ? -(long)(-x + 0.5) : (long)(x + 0.5);
}

struct hgw_mean hgw_mean(const struct indicator_set *set, int section,
			 const struct indicator_score *v, int n, int school_year,
			 const char *assessor)
{
	struct hgw_mean m = {0};
	int sum = 0;
	for (int i = 0; set && i < set->nindicators; i++) {
		const struct indicator *ind = &set->indicators[i];
		if (section != 0 && ind->section != section)
			continue;
		m.total++;
		const struct indicator_score *c =
			hgw_find(v, n, set->id, ind->id, school_year, assessor);
		if (c && c->score >= 1 && c->score <= 4) {
			m.scored++;
			sum += c->score;
		}
	}
	if (m.scored > 0)
		m.mean = (double)sum / m.scored;
	return m;
}

/* The whole sum of the scores behind m, when m is what hgw_mean makes (a
 * mean of whole scores); false for a mean made up by hand that is no such
 * fraction, which is then rounded as a double. */
static bool mean_sum(struct hgw_mean m, long *sum)
{
	if (m.scored <= 0)
		return false;
	double s = m.mean * m.scored;
	long r = round_d(s);
	if (abs_d(s - (double)r) > 1e-6)
		return false;
	*sum = r;
	return true;
}

/* num/den (den > 0) in tenths, rounded half away from zero, exactly. */
static long tenths_of_fraction(long num, long den)
{
	long a = labs(num) * 20 + den;
	long t = a / (2 * den);
	return num < 0 ? -t : t;
}

/* x in tenths, rounded half away from zero. The small nudge makes a value
 * that is a half in decimal but just below it in binary (0.05 - 1e-17)
 * round as the decimal would; real values near a half are never this close
 * to it (they are fractions with small denominators). */
static long tenths_of_double(double x)
{
	long t = (long)(abs_d(x) * 10.0 + 0.5 + 1e-9);
	return x < 0 ? -t : t;
}

/* "3,2" / "-0,5" from a number of tenths into buf. */
static char *tenths_text(long t, bool sign, char *buf, size_t size)
{
	const char *pre = t < 0 ? "-" : sign && t > 0 ? "+" : "";
	long a = labs(t);
	snprintf(buf, size, "%s%ld,%ld", pre, a / 10, a % 10);
	return buf;
}

char *hgw_mean_text(struct hgw_mean m, bool utf8, char *buf, size_t size)
{
	if (m.scored <= 0) {
		snprintf(buf, size, "%s", utf8 ? "—" : "-");
		return buf;
	}
	long sum;
	long t = mean_sum(m, &sum) ? tenths_of_fraction(sum, m.scored) : tenths_of_double(m.mean);
	return tenths_text(t, false, buf, size);
}

char *hgw_count_text(struct hgw_mean m, char *buf, size_t size)
{
	snprintf(buf, size, "%d van %d", m.scored, m.total);
	return buf;
}

/* ================================================================= trends */

enum hgw_trend hgw_trend(struct hgw_mean now, struct hgw_mean before, double *delta)
{
	if (delta)
		*delta = 0;
	if (now.scored <= 0 || before.scored <= 0)
		return HGW_TREND_NONE;
	/* a/b - c/e as one division of whole numbers, (a*e - c*b) / (b*e): the
	 * nearest double to the true difference, so that a change of exactly
	 * the threshold is not seen as a hair below it */
	long a, c;
	double d;
	if (mean_sum(now, &a) && mean_sum(before, &c))
		d = (double)(a * before.scored - c * now.scored) /
		    (double)((long)now.scored * before.scored);
	else
		d = now.mean - before.mean;
	bool same = abs_d(d) < HGW_TREND_THRESHOLD - 1e-9;
	bool up = d > 0;
	if (delta)
		*delta = d;
	if (same)
		return HGW_TREND_SAME;
	return up ? HGW_TREND_UP : HGW_TREND_DOWN;
}

const char *hgw_trend_symbol(enum hgw_trend tr, bool utf8)
{
	switch (tr) {
	case HGW_TREND_UP: return utf8 ? "↑" : "+";
	case HGW_TREND_SAME: return utf8 ? "→" : "=";
	case HGW_TREND_DOWN: return utf8 ? "↓" : "-";
	case HGW_TREND_NONE: break;
	}
	return "";
}

char *hgw_delta_text(double delta, char *buf, size_t size)
{
	return tenths_text(tenths_of_double(delta), true, buf, size);
}

/* ================================================================= scores */

const char *hgw_score_symbol(int score)
{
	switch (score) {
	case 1: return "--";
	case 2: return "-";
	case 3: return "+";
	case 4: return "++";
	default: return "";
	}
}

const char *hgw_score_words(const struct indicator_set *set, int score)
{
	if (!set || score < 1 || score > 4)
		return NULL;
	return set->norms[score - 1];
}

/* ================================================================== years */

static int newest_first(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x < y) - (x > y);
}

void hgw_years(const struct indicator_score *v, int n, int **years, int *nyears)
{
	int *out = xmalloc(sizeof(*out) * (size_t)(n > 0 ? n : 1));
	int k = 0;
	for (int i = 0; v && i < n; i++) {
		bool seen = false;
		for (int j = 0; j < k && !seen; j++)
			seen = out[j] == v[i].school_year;
		if (!seen)
			out[k++] = v[i].school_year;
	}
	qsort(out, (size_t)k, sizeof(*out), newest_first);
	*years = out;
	*nyears = k;
}
