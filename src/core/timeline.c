/* timeline.c - see timeline.h.
 *
 * One walk over the document writes both formats: each part asks a small
 * writer for a heading, a facts list, a table or a list item, and the writer
 * of the format escapes the text. Whatever comes from the database (names,
 * reasons, summaries) is text, never markup: Markdown gets a backslash before
 * every character that could start markup, HTML gets entities, so a name
 * holding "<script>" or a reason holding "|" reads as written.
 */
#include "ibis/timeline.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ibis/text.h"
#include "ibis/util.h"

/* ---------------------------------------------------------------- escaping */

/* Where a piece of Markdown text lands decides what a line break becomes. */
enum md_place {
	MD_INLINE, /* heading, list item: lines are joined with a space */
	MD_CELL,   /* table cell: lines are separated by <br> */
};

/* Append s escaped for Markdown. A run of line breaks counts as one; white
 * space at the ends of s is dropped, so a joined or <br>-separated text never
 * begins or ends with a break. */
static void md_escape(struct strbuf *sb, const char *s, enum md_place place)
{
	char *t = str_trim(s ? s : "");
	bool pending_break = false;
	for (const char *p = t; *p; p++) {
		if (*p == '\n' || *p == '\r') {
			pending_break = true;
			continue;
		}
		if (pending_break) {
			sb_add(sb, place == MD_CELL ? "<br>" : " ");
			pending_break = false;
		}
		if (strchr("|*_`[]<>#\\", *p))
			sb_addc(sb, '\\');
		sb_addc(sb, *p == '\t' ? ' ' : *p);
	}
	free(t);
}

/* Append s escaped for HTML text and attribute values; line breaks become
 * <br> (a run of them one). */
static void html_escape(struct strbuf *sb, const char *s)
{
	char *t = str_trim(s ? s : "");
	bool pending_break = false;
	for (const char *p = t; *p; p++) {
		if (*p == '\n' || *p == '\r') {
			pending_break = true;
			continue;
		}
		if (pending_break) {
			sb_add(sb, "<br>");
			pending_break = false;
		}
		switch (*p) {
		case '&': sb_add(sb, "&amp;"); break;
		case '<': sb_add(sb, "&lt;"); break;
		case '>': sb_add(sb, "&gt;"); break;
		case '"': sb_add(sb, "&quot;"); break;
		case '\'': sb_add(sb, "&#39;"); break;
		default: sb_addc(sb, *p); break;
		}
	}
	free(t);
}

/* ----------------------------------------------------------------- writer */

struct writer {
	enum timeline_format format;
	struct strbuf out;
	int ncols; /* columns of the table being written */
};

/* A heading of depth 1 (the title) or 2 (a part). */
static void w_heading_at(struct writer *w, int depth, const char *text)
{
	if (w->format == TIMELINE_MD) {
		sb_add(&w->out, depth == 1 ? "# " : "## ");
		md_escape(&w->out, text, MD_INLINE);
		sb_add(&w->out, "\n\n");
	} else {
		sb_printf(&w->out, "<h%d>", depth);
		html_escape(&w->out, text);
		sb_printf(&w->out, "</h%d>\n", depth);
	}
}

static void w_title(struct writer *w, const char *title)
{
	w_heading_at(w, 1, title);
}

static void w_heading(struct writer *w, const char *heading)
{
	w_heading_at(w, 2, heading);
}

static void w_paragraph(struct writer *w, const char *text)
{
	if (w->format == TIMELINE_MD) {
		md_escape(&w->out, text, MD_INLINE);
		sb_add(&w->out, "\n\n");
	} else {
		sb_add(&w->out, "<p>");
		html_escape(&w->out, text);
		sb_add(&w->out, "</p>\n");
	}
}

/* The facts block: "- Geboortedatum: 12-03-2017" / <dt>, <dd>; nothing at all
 * when there are no facts. */
static void w_facts(struct writer *w, const struct strlist *names, const struct strlist *values)
{
	if (names->len == 0)
		return;
	if (w->format == TIMELINE_HTML)
		sb_add(&w->out, "<dl>\n");
	for (size_t i = 0; i < names->len; i++) {
		if (w->format == TIMELINE_MD) {
			sb_add(&w->out, "- ");
			md_escape(&w->out, names->items[i], MD_INLINE);
			sb_add(&w->out, ": ");
			md_escape(&w->out, values->items[i], MD_INLINE);
			sb_add(&w->out, "\n");
		} else {
			sb_add(&w->out, "<dt>");
			html_escape(&w->out, names->items[i]);
			sb_add(&w->out, "</dt><dd>");
			html_escape(&w->out, values->items[i]);
			sb_add(&w->out, "</dd>\n");
		}
	}
	sb_add(&w->out, w->format == TIMELINE_MD ? "\n" : "</dl>\n");
}

/* A table with the given header cells; then w_row per row, then w_table_end. */
static void w_table_begin(struct writer *w, const char *const *head, int n)
{
	w->ncols = n;
	if (w->format == TIMELINE_MD) {
		sb_add(&w->out, "|");
		for (int i = 0; i < n; i++) {
			sb_add(&w->out, " ");
			md_escape(&w->out, head[i], MD_CELL);
			sb_add(&w->out, " |");
		}
		sb_add(&w->out, "\n|");
		for (int i = 0; i < n; i++)
			sb_add(&w->out, "---|");
		sb_add(&w->out, "\n");
	} else {
		sb_add(&w->out, "<table>\n<thead>\n<tr>");
		for (int i = 0; i < n; i++) {
			sb_add(&w->out, "<th>");
			html_escape(&w->out, head[i]);
			sb_add(&w->out, "</th>");
		}
		sb_add(&w->out, "</tr>\n</thead>\n<tbody>\n");
	}
}

/* A row of w->ncols cells; a NULL cell is empty. */
static void w_row(struct writer *w, const char *const *cells)
{
	if (w->format == TIMELINE_MD) {
		sb_add(&w->out, "|");
		for (int i = 0; i < w->ncols; i++) {
			sb_add(&w->out, " ");
			md_escape(&w->out, cells[i], MD_CELL);
			sb_add(&w->out, " |");
		}
		sb_add(&w->out, "\n");
	} else {
		sb_add(&w->out, "<tr>");
		for (int i = 0; i < w->ncols; i++) {
			sb_add(&w->out, "<td>");
			html_escape(&w->out, cells[i]);
			sb_add(&w->out, "</td>");
		}
		sb_add(&w->out, "</tr>\n");
	}
}

static void w_table_end(struct writer *w)
{
	sb_add(&w->out, w->format == TIMELINE_MD ? "\n" : "</tbody>\n</table>\n");
}

/* ------------------------------------------------------------------- parts */

/* The page around the body of an HTML document. Print style: black on white,
 * tables ruled, no rows split over pages. */
static const char html_style[] =
	"<style>\n"
	"body { font-family: sans-serif; color: #000; background: #fff; max-width: 60em;"
	" margin: 2em auto; padding: 0 1em; line-height: 1.4; }\n"
	"table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; }\n"
	"th, td { border: 1px solid #888; padding: 0.25em 0.5em; text-align: left;"
	" vertical-align: top; }\n"
	"th { background: #eee; }\n"
	"dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }\n"
	"dt { font-weight: bold; }\n"
	"dd { margin: 0; }\n"
	".bijgewerkt { margin-top: 2em; font-size: 0.9em; }\n"
	"@media print {\n"
	"  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }\n"
	"  h2 { break-after: avoid; }\n"
	"  tr { break-inside: avoid; }\n"
	"  th { background: none; }\n"
	"}\n"
	"</style>\n";

static void write_head(struct writer *w, const char *title)
{
	if (w->format != TIMELINE_HTML)
		return;
	sb_add(&w->out, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<title>");
	html_escape(&w->out, title);
	sb_add(&w->out, "</title>\n");
	sb_add(&w->out, html_style);
	sb_add(&w->out, "</head>\n<body>\n");
}

static void write_facts(struct writer *w, const struct timeline_doc *doc)
{
	const struct pupil *p = doc->pupil;
	struct strlist names = {0}, values = {0};
	char date[DATE_NL_LEN];
	if (p && p->birth_date != DATE_NONE) {
		sl_add(&names, "Geboortedatum");
		sl_add(&values, date_format_nl(p->birth_date, date));
	}
	if (!str_empty(doc->school)) {
		sl_add(&names, "School");
		sl_add(&values, doc->school);
	}
	if (!str_empty(doc->group)) {
		sl_add(&names, "Groep");
		sl_add(&values, doc->group);
	}
	/* every export names the record by its id (DESIGN.md) */
	if (p && p->id > 0) {
		sl_add(&names, "Id");
		sl_addf(&values, "%lld", p->id);
	}
	w_facts(w, &names, &values);
	sl_free(&names);
	sl_free(&values);
}

/* "Laag 3 – Extra begeleiding" from the school's model; "niveau 2 (4-niveaus)"
 * for an episode recorded under another model (or a position the model does
 * not have). Caller frees. */
static char *level_label(const struct timeline_doc *doc, const struct level_episode *e)
{
	const struct level_model *m = doc->model;
	bool same = m && (!e->model || (m->id && strcmp(e->model, m->id) == 0));
	const struct level *l = same ? levelmodel_level(m, e->level) : NULL;
	if (l && !str_empty(l->short_name) && !str_empty(l->name) &&
	    strcmp(l->short_name, l->name) != 0)
		return xasprintf("%s – %s", l->short_name, l->name);
	if (l && !str_empty(l->name))
		return xstrdup(l->name);
	if (l && !str_empty(l->short_name))
		return xstrdup(l->short_name);
	const char *model = e->model ? e->model : (m && m->id ? m->id : NULL);
	if (model)
		return xasprintf("niveau %d (%s)", e->level, model);
	return xasprintf("niveau %d", e->level);
}

static void write_levels(struct writer *w, const struct timeline_doc *doc)
{
	w_heading(w, "Niveaus");
	if (doc->nepisodes <= 0 || !doc->episodes) {
		w_paragraph(w, "Er is nog geen niveau vastgelegd.");
		return;
	}
	static const char *const head[] = {"Van", "Tot", "Niveau", "Reden", "Bespreking",
					   "Regie"};
	w_table_begin(w, head, (int)ARRAY_LEN(head));
	for (int i = 0; i < doc->nepisodes; i++) {
		const struct level_episode *e = &doc->episodes[i];
		char from[DATE_NL_LEN], to[DATE_NL_LEN];
		char *label = level_label(doc, e);
		const char *cells[] = {
			date_format_nl(e->start, from),
			e->end == DATE_NONE ? "heden" : date_format_nl(e->end, to),
			label, e->reason, e->meeting, e->regie,
		};
		w_row(w, cells);
		free(label);
	}
	w_table_end(w);
}

static void write_arrangements(struct writer *w, const struct timeline_doc *doc)
{
	if (doc->narrangements <= 0 || !doc->arrangements)
		return;
	w_heading(w, "Arrangementen");
	static const char *const head[] = {"Soort", "Van", "Tot", "Omschrijving"};
	w_table_begin(w, head, (int)ARRAY_LEN(head));
	for (int i = 0; i < doc->narrangements; i++) {
		const struct arrangement *a = &doc->arrangements[i];
		char from[DATE_NL_LEN], to[DATE_NL_LEN];
		const char *cells[] = {
			arrangement_kind_label(a->kind),
			date_format_nl(a->start, from),
			a->end == DATE_NONE ? "geen einddatum" : date_format_nl(a->end, to),
			a->description,
		};
		w_row(w, cells);
	}
	w_table_end(w);
}

/* Markdown: a list, one item per line ("- 12-09-2025, toets (jdevries):
 * summary"); HTML: a table with the same four parts. */
static void write_items(struct writer *w, const struct timeline_doc *doc)
{
	w_heading(w, "Tijdlijn");
	if (doc->nitems <= 0 || !doc->items) {
		w_paragraph(w, "Er is nog niets vastgelegd.");
		return;
	}
	static const char *const head[] = {"Datum", "Soort", "Door", "Omschrijving"};
	if (w->format == TIMELINE_HTML)
		w_table_begin(w, head, (int)ARRAY_LEN(head));
	for (int i = 0; i < doc->nitems; i++) {
		const struct tl_item *t = &doc->items[i];
		char date[DATE_NL_LEN];
		date_format_nl(t->date, date);
		if (w->format == TIMELINE_HTML) {
			const char *cells[] = {date, t->kind, t->author, t->summary};
			w_row(w, cells);
			continue;
		}
		sb_add(&w->out, "- ");
		sb_add(&w->out, date);
		if (!str_empty(t->kind)) {
			sb_add(&w->out, ", ");
			md_escape(&w->out, t->kind, MD_INLINE);
		}
		if (!str_empty(t->author)) {
			sb_add(&w->out, " (");
			md_escape(&w->out, t->author, MD_INLINE);
			sb_add(&w->out, ")");
		}
		sb_add(&w->out, ": ");
		md_escape(&w->out, t->summary, MD_INLINE);
		sb_add(&w->out, "\n");
	}
	if (w->format == TIMELINE_HTML)
		w_table_end(w);
	else
		sb_add(&w->out, "\n");
}

static void write_footer(struct writer *w, const struct timeline_doc *doc)
{
	char date[DATE_NL_LEN];
	ibis_date today = doc->today != DATE_NONE ? doc->today : date_today();
	char *text = xasprintf("Bijgewerkt tot %s.", date_format_nl(today, date));
	if (w->format == TIMELINE_MD) {
		md_escape(&w->out, text, MD_INLINE);
		sb_add(&w->out, "\n");
	} else {
		sb_add(&w->out, "<p class=\"bijgewerkt\">");
		html_escape(&w->out, text);
		sb_add(&w->out, "</p>\n</body>\n</html>\n");
	}
	free(text);
}

/* ----------------------------------------------------------------- public */

char *timeline_render(const struct timeline_doc *doc, enum timeline_format format)
{
	struct writer w = {.format = format == TIMELINE_HTML ? TIMELINE_HTML : TIMELINE_MD};
	const struct pupil *p = doc->pupil;
	char *name = p ? name_natural(p->first_name, p->tussenvoegsel, p->last_name)
		       : xstrdup("");
	char *title = *name ? xasprintf("Ondersteuning van %s", name)
			    : xstrdup("Ondersteuning");

	write_head(&w, title);
	w_title(&w, title);
	write_facts(&w, doc);
	write_levels(&w, doc);
	write_arrangements(&w, doc);
	write_items(&w, doc);
	write_footer(&w, doc);

	free(title);
	free(name);
	return sb_take(&w.out);
}

bool timeline_format_parse(const char *s, enum timeline_format *out)
{
	if (!s)
		return false;
	if (strcasecmp(s, "md") == 0 || strcasecmp(s, "markdown") == 0) {
		*out = TIMELINE_MD;
		return true;
	}
	if (strcasecmp(s, "html") == 0) {
		*out = TIMELINE_HTML;
		return true;
	}
	return false;
}
