/* timeline.c - see timeline.h.
 *
 * One walk over the document writes both formats: each part asks the
 * document writer (docwriter.h) for a heading, a facts list, a table or a
 * list item, and the writer escapes the text for its format.
 */
#include "ibis/timeline.h"

#include <stdlib.h>
#include <string.h>

#include "ibis/docwriter.h"
#include "ibis/text.h"
#include "ibis/util.h"

static void write_facts(struct docw *w, const struct timeline_doc *doc)
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
	docw_facts(w, &names, &values);
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
	char *s = level_display_name(same ? levelmodel_level(m, e->level) : NULL);
	if (s)
		return s;
	const char *model = e->model ? e->model : (m && m->id ? m->id : NULL);
	if (model)
		return xasprintf("niveau %d (%s)", e->level, model);
	return xasprintf("niveau %d", e->level);
}

static void write_levels(struct docw *w, const struct timeline_doc *doc)
{
	docw_heading(w, 2, "Niveaus");
	if (doc->nepisodes <= 0 || !doc->episodes) {
		docw_paragraph(w, "Er is nog geen niveau vastgelegd.");
		return;
	}
	static const char *const head[] = {"Van", "Tot", "Niveau", "Reden", "Bespreking",
					   "Regie"};
	docw_table_begin(w, head, (int)ARRAY_LEN(head));
	for (int i = 0; i < doc->nepisodes; i++) {
		const struct level_episode *e = &doc->episodes[i];
		char from[DATE_NL_LEN], to[DATE_NL_LEN];
		char *label = level_label(doc, e);
		const char *cells[] = {
			date_format_nl(e->start, from),
			e->end == DATE_NONE ? "heden" : date_format_nl(e->end, to),
			label, e->reason, e->meeting, e->regie,
		};
		docw_row(w, cells);
		free(label);
	}
	docw_table_end(w);
}

static void write_arrangements(struct docw *w, const struct timeline_doc *doc)
{
	if (doc->narrangements <= 0 || !doc->arrangements)
		return;
	docw_heading(w, 2, "Arrangementen");
	static const char *const head[] = {"Soort", "Van", "Tot", "Omschrijving"};
	docw_table_begin(w, head, (int)ARRAY_LEN(head));
	for (int i = 0; i < doc->narrangements; i++) {
		const struct arrangement *a = &doc->arrangements[i];
		char from[DATE_NL_LEN], to[DATE_NL_LEN];
		const char *cells[] = {
			arrangement_kind_label(a->kind),
			date_format_nl(a->start, from),
			a->end == DATE_NONE ? "geen einddatum" : date_format_nl(a->end, to),
			a->description,
		};
		docw_row(w, cells);
	}
	docw_table_end(w);
}

/* Markdown: a list, one item per line ("- 12-09-2025, toets (jdevries):
 * summary"); HTML: a table with the same four parts. */
static void write_items(struct docw *w, const struct timeline_doc *doc)
{
	docw_heading(w, 2, "Tijdlijn");
	if (doc->nitems <= 0 || !doc->items) {
		docw_paragraph(w, "Er is nog niets vastgelegd.");
		return;
	}
	static const char *const head[] = {"Datum", "Soort", "Door", "Omschrijving"};
	if (w->format == DOC_HTML)
		docw_table_begin(w, head, (int)ARRAY_LEN(head));
	for (int i = 0; i < doc->nitems; i++) {
		const struct tl_item *t = &doc->items[i];
		char date[DATE_NL_LEN];
		date_format_nl(t->date, date);
		if (w->format == DOC_HTML) {
			const char *cells[] = {date, t->kind, t->author, t->summary};
			docw_row(w, cells);
			continue;
		}
		sb_add(&w->out, "- ");
		sb_add(&w->out, date);
		if (!str_empty(t->kind)) {
			sb_add(&w->out, ", ");
			docw_inline(w, t->kind);
		}
		if (!str_empty(t->author)) {
			sb_add(&w->out, " (");
			docw_inline(w, t->author);
			sb_add(&w->out, ")");
		}
		sb_add(&w->out, ": ");
		docw_inline(w, t->summary);
		sb_add(&w->out, "\n");
	}
	if (w->format == DOC_HTML)
		docw_table_end(w);
	else
		sb_add(&w->out, "\n");
}

static void write_footer(struct docw *w, const struct timeline_doc *doc)
{
	char date[DATE_NL_LEN];
	ibis_date today = doc->today != DATE_NONE ? doc->today : date_today();
	char *text = xasprintf("Bijgewerkt tot %s.", date_format_nl(today, date));
	docw_note(w, text);
	free(text);
}

/* ----------------------------------------------------------------- public */

char *timeline_render(const struct timeline_doc *doc, enum timeline_format format)
{
	struct docw w;
	const struct pupil *p = doc->pupil;
	char *name = p ? name_natural(p->first_name, p->tussenvoegsel, p->last_name)
		       : xstrdup("");
	char *title = *name ? xasprintf("Ondersteuning van %s", name)
			    : xstrdup("Ondersteuning");

	docw_begin(&w, format == TIMELINE_HTML ? DOC_HTML : DOC_MD, title);
	docw_heading(&w, 1, title);
	write_facts(&w, doc);
	write_levels(&w, doc);
	write_arrangements(&w, doc);
	write_items(&w, doc);
	write_footer(&w, doc);

	free(title);
	free(name);
	return docw_end(&w);
}

bool timeline_format_parse(const char *s, enum timeline_format *out)
{
	enum doc_format f;
	if (!doc_format_parse(s, &f))
		return false;
	*out = f == DOC_HTML ? TIMELINE_HTML : TIMELINE_MD;
	return true;
}
