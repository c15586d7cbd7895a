/* hgwexport.c - see hgw.h: the grid of one school year written out (ibis
 * export grid) and the means per section per year (ibis report grid).
 *
 * The CSV goes through the CSV writer into a memory stream, so that a
 * quote, a ';' or a line break in an indicator's text or a note is quoted
 * exactly as in every other export. The Markdown goes through the document
 * writer, which escapes whatever would be markup ("|" in a note must not
 * split a table cell).
 */
#include "ibis/hgw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ibis/csv.h"
#include "ibis/date.h"
#include "ibis/docwriter.h"
#include "ibis/text.h"

bool grid_format_parse(const char *s, enum grid_format *out)
{
	static const struct {
		const char *name;
		enum grid_format fmt;
	} names[] = {
		{"csv", GRID_CSV}, {"md", GRID_MD}, {"markdown", GRID_MD}, {"text", GRID_TEXT},
	};
	for (size_t i = 0; s && i < ARRAY_LEN(names); i++)
		if (strcasecmp(s, names[i].name) == 0) {
			*out = names[i].fmt;
			return true;
		}
	return false;
}

/* ============================================================ helpers */

/* A CSV writer into memory. Out of memory is the only way a memory stream
 * fails, and that is fatal everywhere in ibis. */
struct memcsv {
	char *buf;
	size_t len;
	struct csv_writer w;
};

static void memcsv_open(struct memcsv *m)
{
	m->buf = NULL;
	m->len = 0;
	FILE *f = open_memstream(&m->buf, &m->len);
	if (!f) {
		fputs("ibis: onvoldoende geheugen\n", stderr);
		exit(3);
	}
	csv_writer_init(&m->w, f, ';');
}

/* Close the stream and hand over the text. Caller frees. */
static char *memcsv_close(struct memcsv *m)
{
	bool ok = csv_writer_finish(&m->w);
	if (fclose(m->w.out) != 0 || !ok || !m->buf) {
		fputs("ibis: onvoldoende geheugen\n", stderr);
		exit(3);
	}
	return m->buf;
}

/* The assessors the caller asked for; none means the agreed score alone. */
static const char *assessor_at(const struct strlist *assessors, size_t i)
{
	if (!assessors || assessors->len == 0)
		return "";
	return assessors->items[i] ? assessors->items[i] : "";
}

static size_t assessor_count(const struct strlist *assessors)
{
	return assessors && assessors->len ? assessors->len : 1;
}

/* The digits of the scores; "" for none. */
static const char *score_digits(int score)
{
	static const char *const digits[] = {"", "1", "2", "3", "4"};
	return score >= 1 && score <= 4 ? digits[score] : "";
}

/* ========================================================== the grid */

/* The three columns of each assessor. */
static const char *const assessor_parts[] = {"Score", "Normering", "Onderbouwing"};

/* The head of part p of an assessor's columns: "Score" for the agreed score,
 * "Score (IB'er)" for an assessor. Caller frees. */
static char *assessor_head(size_t p, const char *name)
{
	return *name ? xasprintf("%s (%s)", assessor_parts[p], name) : xstrdup(assessor_parts[p]);
}

static void grid_csv_header(struct csv_writer *w, const struct strlist *assessors)
{
	static const char *const fixed[] = {"Set", "Sectie", "Sectienaam", "Indicator", "Tekst"};
	for (size_t i = 0; i < ARRAY_LEN(fixed); i++)
		csv_field(w, fixed[i]);
	for (size_t a = 0; a < assessor_count(assessors); a++)
		for (size_t p = 0; p < ARRAY_LEN(assessor_parts); p++) {
			char *h = assessor_head(p, assessor_at(assessors, a));
			csv_field(w, h);
			free(h);
		}
	csv_end_row(w);
}

static char *grid_csv(const struct indicator_set *const *sets, int nsets,
		      const struct indicator_score *v, int n, int school_year,
		      const struct strlist *assessors)
{
	struct memcsv m;
	memcsv_open(&m);
	grid_csv_header(&m.w, assessors);
	for (int s = 0; s < nsets; s++) {
		const struct indicator_set *set = sets[s];
		for (int k = 0; k < set->nsections; k++) {
			const struct indicator_section *sec = &set->sections[k];
			/* section by section, even when a school's own file
			 * mixes them; within one the file's order */
			for (int i = 0; i < set->nindicators; i++) {
				const struct indicator *ind = &set->indicators[i];
				if (ind->section != sec->number)
					continue;
				csv_field(&m.w, set->id);
				csv_field_int(&m.w, sec->number);
				csv_field(&m.w, sec->name);
				csv_field(&m.w, ind->id);
				csv_field(&m.w, ind->text);
				for (size_t a = 0; a < assessor_count(assessors); a++) {
					const struct indicator_score *c =
						hgw_find(v, n, set->id, ind->id, school_year,
							 assessor_at(assessors, a));
					int score = c ? c->score : 0;
					csv_field(&m.w, score_digits(score));
					csv_field(&m.w, hgw_score_words(set, score));
					csv_field(&m.w, c ? c->evidence : NULL);
				}
				csv_end_row(&m.w);
			}
		}
	}
	return memcsv_close(&m);
}

static char *grid_md(const struct indicator_set *const *sets, int nsets,
		     const struct indicator_score *v, int n, int school_year,
		     const struct strlist *assessors, const char *school_name)
{
	char year[16];
	schoolyear_format(school_year, year);
	char *title = str_empty(school_name)
			      ? xasprintf("HGW-raster %s", year)
			      : xasprintf("HGW-raster %s — %s", school_name, year);
	struct docw w;
	docw_begin(&w, DOC_MD, title);
	docw_heading(&w, 1, title);
	free(title);

	size_t na = assessor_count(assessors);
	int ncols = 2 + 3 * (int)na;
	char **head = xcalloc((size_t)ncols, sizeof(*head));
	head[0] = xstrdup("Indicator");
	head[1] = xstrdup("Tekst");
	for (size_t a = 0; a < na; a++)
		for (size_t p = 0; p < ARRAY_LEN(assessor_parts); p++)
			head[2 + 3 * a + p] = assessor_head(p, assessor_at(assessors, a));
	const char **cells = xcalloc((size_t)ncols, sizeof(*cells));

	for (int s = 0; s < nsets; s++) {
		const struct indicator_set *set = sets[s];
		docw_heading(&w, 2, set->name);
		for (int k = 0; k < set->nsections; k++) {
			const struct indicator_section *sec = &set->sections[k];
			char *heading = xasprintf("%d %s", sec->number, sec->name);
			docw_heading(&w, 3, heading);
			free(heading);
			if (sec->description)
				docw_paragraph(&w, sec->description);
			docw_table_begin(&w, (const char *const *)head, ncols);
			for (int i = 0; i < set->nindicators; i++) {
				const struct indicator *ind = &set->indicators[i];
				if (ind->section != sec->number)
					continue;
				cells[0] = ind->id;
				cells[1] = ind->text;
				for (size_t a = 0; a < na; a++) {
					const struct indicator_score *c =
						hgw_find(v, n, set->id, ind->id, school_year,
							 assessor_at(assessors, a));
					int score = c ? c->score : 0;
					cells[2 + 3 * a] =
						*score_digits(score) ? score_digits(score) : "—";
					cells[3 + 3 * a] = hgw_score_words(set, score);
					cells[4 + 3 * a] = c ? c->evidence : NULL;
				}
				docw_row(&w, cells);
			}
			docw_table_end(&w);
		}
	}
	for (int i = 0; i < ncols; i++)
		free(head[i]);
	free(head);
	free(cells);
	return docw_end(&w);
}

char *hgw_export_grid(const struct indicator_set *const *sets, int nsets,
		      const struct indicator_score *v, int n, int school_year,
		      const struct strlist *assessors, const char *school_name,
		      enum grid_format fmt)
{
	if (fmt == GRID_CSV)
		return grid_csv(sets, nsets, v, n, school_year, assessors);
	return grid_md(sets, nsets, v, n, school_year, assessors, school_name);
}

/* ======================================================== the report */

/* One row of the report: a section of a set or the whole set (number 0),
 * its agreed mean per year (oldest first) and the change of the newest
 * year. */
struct report_row {
	const struct indicator_set *set;
	int section;      /* 0 = Totaal */
	const char *name; /* the section's name, "Totaal" */
	struct hgw_mean *means;
	enum hgw_trend trend;
	double delta;
};

static int oldest_first(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* The years as columns: oldest first, each once. Caller frees. */
static int *column_years(const int *years, int nyears, int *ncols)
{
	int *out = xmalloc(sizeof(*out) * (size_t)(nyears > 0 ? nyears : 1));
	int k = 0;
	for (int i = 0; years && i < nyears; i++) {
		bool seen = false;
		for (int j = 0; j < k && !seen; j++)
			seen = out[j] == years[i];
		if (!seen)
			out[k++] = years[i];
	}
	qsort(out, (size_t)k, sizeof(*out), oldest_first);
	*ncols = k;
	return out;
}

/* The rows of one set: every section in file order, then the total. Caller
 * frees with rows_free. */
static struct report_row *set_rows(const struct indicator_set *set,
				   const struct indicator_score *v, int n, const int *years,
				   int nyears, int *nrows)
{
	*nrows = set->nsections + 1;
	struct report_row *rows = xcalloc((size_t)*nrows, sizeof(*rows));
	for (int r = 0; r < *nrows; r++) {
		struct report_row *row = &rows[r];
		row->set = set;
		row->section = r < set->nsections ? set->sections[r].number : 0;
		row->name = r < set->nsections ? set->sections[r].name : "Totaal";
		row->means = xcalloc((size_t)(nyears > 0 ? nyears : 1), sizeof(*row->means));
		for (int y = 0; y < nyears; y++)
			row->means[y] = hgw_mean(set, row->section, v, n, years[y], "");
		row->trend = HGW_TREND_NONE;
		row->delta = 0;
		if (nyears >= 2)
			row->trend = hgw_trend(row->means[nyears - 1], row->means[nyears - 2],
					       &row->delta);
	}
	return rows;
}

static void rows_free(struct report_row *rows, int nrows)
{
	for (int r = 0; r < nrows; r++)
		free(rows[r].means);
	free(rows);
}

/* "3,2" alone when every indicator is scored, "3,2 (5/6)" when not, the
 * dash when none is. Caller frees. */
static char *mean_cell(struct hgw_mean m, bool utf8)
{
	char buf[32];
	hgw_mean_text(m, utf8, buf, sizeof(buf));
	if (m.scored > 0 && m.scored < m.total)
		return xasprintf("%s (%d/%d)", buf, m.scored, m.total);
	return xstrdup(buf);
}

/* "↑ +0,3"; "" when there is nothing to compare. Caller frees. */
static char *change_cell(const struct report_row *row, bool utf8)
{
	if (row->trend == HGW_TREND_NONE)
		return xstrdup("");
	char buf[32];
	return xasprintf("%s %s", hgw_trend_symbol(row->trend, utf8),
			 hgw_delta_text(row->delta, buf, sizeof(buf)));
}

/* "1 Algemene preventieve ..." or "Totaal". Caller frees. */
static char *section_label(const struct report_row *row)
{
	return row->section ? xasprintf("%d %s", row->section, row->name) : xstrdup(row->name);
}

static void report_csv_set(struct csv_writer *w, const struct report_row *rows, int nrows,
			   int nyears)
{
	for (int r = 0; r < nrows; r++) {
		const struct report_row *row = &rows[r];
		csv_field(w, row->set->id);
		if (row->section)
			csv_field_int(w, row->section);
		else
			csv_field(w, NULL);
		csv_field(w, row->name);
		for (int y = 0; y < nyears; y++) {
			char buf[32];
			struct hgw_mean m = row->means[y];
			csv_field(w, m.scored > 0 ? hgw_mean_text(m, true, buf, sizeof(buf)) : NULL);
			csv_field_int(w, m.scored);
		}
		char buf[32];
		csv_field(w, row->trend == HGW_TREND_NONE
				     ? NULL
				     : hgw_delta_text(row->delta, buf, sizeof(buf)));
		csv_end_row(w);
	}
}

/* The cells of a set's table, a row per report row: the label, a cell per
 * year, the change. Freed with cells_free. */
static char **table_cells(const struct report_row *rows, int nrows, int nyears, bool utf8)
{
	int ncols = nyears + 2;
	char **cells = xcalloc((size_t)(nrows * ncols), sizeof(*cells));
	for (int r = 0; r < nrows; r++) {
		char **c = cells + r * ncols;
		c[0] = section_label(&rows[r]);
		for (int y = 0; y < nyears; y++)
			c[1 + y] = mean_cell(rows[r].means[y], utf8);
		c[ncols - 1] = change_cell(&rows[r], utf8);
	}
	return cells;
}

static void cells_free(char **cells, int n)
{
	for (int i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
}

/* The column heads of a set's table. Freed with cells_free. */
static char **table_head(const int *years, int nyears)
{
	int ncols = nyears + 2;
	char **head = xcalloc((size_t)ncols, sizeof(*head));
	head[0] = xstrdup("Sectie");
	for (int y = 0; y < nyears; y++) {
		char buf[16];
		head[1 + y] = xstrdup(schoolyear_format(years[y], buf));
	}
	head[ncols - 1] = xstrdup("Verschil");
	return head;
}

/* s padded with spaces to width columns, left or right aligned. */
static void pad_cell(struct strbuf *sb, const char *s, int width, bool right)
{
	int pad = width - utf8_width(s);
	for (int i = 0; right && i < pad; i++)
		sb_addc(sb, ' ');
	sb_add(sb, s);
	for (int i = 0; !right && i < pad; i++)
		sb_addc(sb, ' ');
}

static void report_text_set(struct strbuf *sb, const struct indicator_set *set,
			    const struct report_row *rows, int nrows, const int *years, int nyears,
			    bool utf8)
{
	int ncols = nyears + 2;
	char **head = table_head(years, nyears);
	char **cells = table_cells(rows, nrows, nyears, utf8);
	int *width = xcalloc((size_t)ncols, sizeof(*width));
	for (int c = 0; c < ncols; c++) {
		width[c] = utf8_width(head[c]);
		for (int r = 0; r < nrows; r++) {
			int cw = utf8_width(cells[r * ncols + c]);
			if (cw > width[c])
				width[c] = cw;
		}
	}
	sb_printf(sb, "%s\n\n", set->name);
	for (int r = -1; r < nrows; r++) {
		char **line = r < 0 ? head : cells + r * ncols;
		struct strbuf row = {0};
		for (int c = 0; c < ncols; c++) {
			if (c)
				sb_add(&row, "  ");
			/* the numbers right-aligned under their year; the last
			 * column is not padded, so no line ends in spaces */
			if (c == ncols - 1)
				sb_add(&row, line[c]);
			else
				pad_cell(&row, line[c], width[c], c > 0);
		}
		while (row.len && row.buf[row.len - 1] == ' ')
			row.buf[--row.len] = '\0';
		sb_add(sb, sb_str(&row));
		sb_addc(sb, '\n');
		sb_free(&row);
	}
	cells_free(head, ncols);
	cells_free(cells, nrows * ncols);
	free(width);
}

static void report_md_set(struct docw *w, const struct indicator_set *set,
			  const struct report_row *rows, int nrows, const int *years, int nyears,
			  bool utf8)
{
	int ncols = nyears + 2;
	char **head = table_head(years, nyears);
	char **cells = table_cells(rows, nrows, nyears, utf8);
	docw_heading(w, 2, set->name);
	docw_table_begin(w, (const char *const *)head, ncols);
	for (int r = 0; r < nrows; r++)
		docw_row(w, (const char *const *)(cells + r * ncols));
	docw_table_end(w);
	cells_free(head, ncols);
	cells_free(cells, nrows * ncols);
}

char *hgw_report(const struct indicator_set *const *sets, int nsets,
		 const struct indicator_score *v, int n, const int *years, int nyears,
		 enum grid_format fmt, bool utf8)
{
	int ny;
	int *cols = column_years(years, nyears, &ny);
	char *out;
	if (fmt == GRID_CSV) {
		struct memcsv m;
		memcsv_open(&m);
		csv_field(&m.w, "Set");
		csv_field(&m.w, "Sectie");
		csv_field(&m.w, "Sectienaam");
		for (int y = 0; y < ny; y++) {
			char buf[16];
			schoolyear_format(cols[y], buf);
			csv_field(&m.w, buf);
			char *h = xasprintf("Gescoord %s", buf);
			csv_field(&m.w, h);
			free(h);
		}
		csv_field(&m.w, "Verschil");
		csv_end_row(&m.w);
		for (int s = 0; s < nsets; s++) {
			int nrows;
			struct report_row *rows = set_rows(sets[s], v, n, cols, ny, &nrows);
			report_csv_set(&m.w, rows, nrows, ny);
			rows_free(rows, nrows);
		}
		out = memcsv_close(&m);
	} else if (fmt == GRID_MD) {
		struct docw w;
		docw_begin(&w, DOC_MD, "Gemiddelden HGW-raster");
		docw_heading(&w, 1, "Gemiddelden HGW-raster");
		for (int s = 0; s < nsets; s++) {
			int nrows;
			struct report_row *rows = set_rows(sets[s], v, n, cols, ny, &nrows);
			report_md_set(&w, sets[s], rows, nrows, cols, ny, utf8);
			rows_free(rows, nrows);
		}
		out = docw_end(&w);
	} else {
		struct strbuf sb = {0};
		for (int s = 0; s < nsets; s++) {
			int nrows;
			struct report_row *rows = set_rows(sets[s], v, n, cols, ny, &nrows);
			if (s)
				sb_addc(&sb, '\n');
			report_text_set(&sb, sets[s], rows, nrows, cols, ny, utf8);
			rows_free(rows, nrows);
		}
		out = sb_take(&sb);
	}
	free(cols);
	return out;
}
