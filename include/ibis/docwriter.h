/* docwriter.h - documents for people to read and print, in Markdown or as one
 * complete HTML page (UTF-8, a small print style, no script): the timeline
 * export, the plan export and the snapshots of plans. Markdown escapes what
 * would be markup (| * _ [ ] # ...); HTML escapes & < > " '. No database. */
#ifndef IBIS_DOCWRITER_H
#define IBIS_DOCWRITER_H

#include <stdbool.h>

#include "ibis/util.h"

enum doc_format { DOC_MD, DOC_HTML };

/* "md" / "markdown" / "html"; false for anything else. */
bool doc_format_parse(const char *s, enum doc_format *out);

struct docw {
	enum doc_format format;
	struct strbuf out;
	int ncols; /* columns of the table being written */
};

/* Start a document: the HTML page's head with title (nothing in Markdown). */
void docw_begin(struct docw *w, enum doc_format format, const char *title);
/* A heading of depth 1 (the title), 2 (a part) or 3 (a sub-part). */
void docw_heading(struct docw *w, int depth, const char *text);
/* A paragraph; "\n" in text is kept as a line break, an empty line as a new
 * paragraph. */
void docw_paragraph(struct docw *w, const char *text);
/* Text escaped for the format, with no block around it (lines joined with a
 * space in Markdown, <br> in HTML): for a caller that writes a line of its
 * own into w->out. */
void docw_inline(struct docw *w, const char *text);
/* A paragraph in a smaller, quiet style (a note, "bijgewerkt tot"). */
void docw_note(struct docw *w, const char *text);
/* "Name: value" lines (<dl>); nothing when names is empty. */
void docw_facts(struct docw *w, const struct strlist *names, const struct strlist *values);
/* A bullet list of items; nothing when empty. */
void docw_list(struct docw *w, const struct strlist *items);
/* A table with n header cells; then docw_row per row (n cells, NULL = empty),
 * then docw_table_end. */
void docw_table_begin(struct docw *w, const char *const *head, int n);
void docw_row(struct docw *w, const char *const *cells);
void docw_table_end(struct docw *w);
/* Lines to sign on paper: for each role "Naam: ____  Datum: ____
 * Handtekening: ____", kept together on one printed page. */
void docw_signatures(struct docw *w, const struct strlist *roles);
/* End the document (closing the HTML page) and hand over the text; w is
 * empty afterwards. Caller frees. */
char *docw_end(struct docw *w);

#endif
