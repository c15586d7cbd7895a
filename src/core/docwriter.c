/* docwriter.c - see docwriter.h.
 *
 * Every document part asks the writer for a heading, a facts list, a table or
 * a list, and the writer of the format escapes the text. Whatever comes from
 * the database (names, reasons, plan text) is text, never markup: Markdown
 * gets a backslash before every character that could start markup, HTML gets
 * entities, so a name holding "<script>" or a reason holding "|" reads as
 * written.
 */
#include "ibis/docwriter.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---------------------------------------------------------------- escaping */

/* Where a piece of Markdown text lands decides what a line break becomes. */
enum md_place {
	MD_INLINE, /* heading, list item: lines are joined with a space */
	MD_CELL,   /* table cell: lines are separated by <br> */
};

/* Append s trimmed, a run of line breaks as brk once and every other
 * character through put (the format's escape). White space at the ends of s
 * is dropped, so a text never begins or ends with a break. */
static void escape_text(struct strbuf *sb, const char *s, const char *brk,
			void (*put)(struct strbuf *sb, char c))
{
	char *t = str_trim(s ? s : "");
	bool pending_break = false;
	for (const char *p = t; *p; p++) {
		if (*p == '\n' || *p == '\r') {
			pending_break = true;
			continue;
		}
		if (pending_break) {
			sb_add(sb, brk);
			pending_break = false;
		}
		put(sb, *p);
	}
	free(t);
}

static void md_char(struct strbuf *sb, char c)
{
	if (strchr("|*_`[]<>#\\", c))
		sb_addc(sb, '\\');
	sb_addc(sb, c == '\t' ? ' ' : c);
}

/* Append s escaped for Markdown, lines joined or separated by <br> as place
 * asks. */
static void md_escape(struct strbuf *sb, const char *s, enum md_place place)
{
	escape_text(sb, s, place == MD_CELL ? "<br>" : " ", md_char);
}

/* Append s escaped for Markdown as the first thing on a line of a paragraph
 * or list item, where a leading "-", "+", "=", "~" or "1." would start a list,
 * a heading underline or a fence: that character gets a backslash too. */
static void md_escape_line(struct strbuf *sb, const char *s)
{
	char *t = str_trim(s ? s : "");
	size_t k = strspn(t, "0123456789");
	if (t[0] && strchr("-+=~", t[0])) {
		sb_addc(sb, '\\');
		md_escape(sb, t, MD_INLINE);
	} else if (k > 0 && (t[k] == '.' || t[k] == ')')) {
		sb_addn(sb, t, k);
		sb_addc(sb, '\\');
		md_escape(sb, t + k, MD_INLINE);
	} else {
		md_escape(sb, t, MD_INLINE);
	}
	free(t);
}

static void html_char(struct strbuf *sb, char c)
{
	switch (c) {
	case '&': sb_add(sb, "&amp;"); break;
	case '<': sb_add(sb, "&lt;"); break;
	case '>': sb_add(sb, "&gt;"); break;
	case '"': sb_add(sb, "&quot;"); break;
	case '\'': sb_add(sb, "&#39;"); break;
	default: sb_addc(sb, c); break;
	}
}

/* Append s escaped for HTML text and attribute values; line breaks become
 * <br> (a run of them one). */
static void html_escape(struct strbuf *sb, const char *s)
{
	escape_text(sb, s, "<br>", html_char);
}

/* ------------------------------------------------------------------- page */

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

bool doc_format_parse(const char *s, enum doc_format *out)
{
	if (!s)
		return false;
	if (strcasecmp(s, "md") == 0 || strcasecmp(s, "markdown") == 0) {
		*out = DOC_MD;
		return true;
	}
	if (strcasecmp(s, "html") == 0) {
		*out = DOC_HTML;
		return true;
	}
	return false;
}

void docw_begin(struct docw *w, enum doc_format format, const char *title)
{
	*w = (struct docw){.format = format == DOC_HTML ? DOC_HTML : DOC_MD};
	if (w->format != DOC_HTML)
		return;
	sb_add(&w->out, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<title>");
	html_escape(&w->out, title);
	sb_add(&w->out, "</title>\n");
	sb_add(&w->out, html_style);
	sb_add(&w->out, "</head>\n<body>\n");
}

char *docw_end(struct docw *w)
{
	if (w->format == DOC_HTML) {
		sb_add(&w->out, "</body>\n</html>\n");
	} else {
		/* every block ends in a blank line; the file ends in one newline */
		while (w->out.len > 1 && w->out.buf[w->out.len - 1] == '\n' &&
		       w->out.buf[w->out.len - 2] == '\n')
			w->out.buf[--w->out.len] = '\0';
	}
	w->ncols = 0;
	return sb_take(&w->out);
}

/* ----------------------------------------------------------------- blocks */

void docw_inline(struct docw *w, const char *text)
{
	if (w->format == DOC_MD)
		md_escape(&w->out, text, MD_INLINE);
	else
		html_escape(&w->out, text);
}

void docw_heading(struct docw *w, int depth, const char *text)
{
	depth = depth < 1 ? 1 : depth > 3 ? 3 : depth;
	if (w->format == DOC_MD) {
		sb_add(&w->out, depth == 1 ? "# " : depth == 2 ? "## " : "### ");
		md_escape(&w->out, text, MD_INLINE);
		sb_add(&w->out, "\n\n");
	} else {
		sb_printf(&w->out, "<h%d>", depth);
		html_escape(&w->out, text);
		sb_printf(&w->out, "</h%d>\n", depth);
	}
}

/* True when the line [s, s + n) holds nothing but white space. */
static bool blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(" \t\r", s[i]))
			return false;
	return true;
}

/* Paragraphs of text, split at empty lines; the lines within one are kept
 * apart by a hard line break ("  \n" in Markdown, <br> in HTML). open is the
 * HTML tag that starts each paragraph. */
static void paragraphs(struct docw *w, const char *text, const char *open)
{
	const char *p = text ? text : "";
	bool in_par = false; /* a paragraph is open */
	while (*p) {
		size_t n = strcspn(p, "\n");
		if (blank_line(p, n)) {
			if (in_par)
				sb_add(&w->out, w->format == DOC_MD ? "\n\n" : "</p>\n");
			in_par = false;
		} else {
			char *line = xstrndup(p, n);
			if (!in_par)
				sb_add(&w->out, w->format == DOC_MD ? "" : open);
			else
				sb_add(&w->out, w->format == DOC_MD ? "  \n" : "<br>");
			if (w->format == DOC_MD)
				md_escape_line(&w->out, line);
			else
				html_escape(&w->out, line);
			free(line);
			in_par = true;
		}
		p += n + (p[n] == '\n');
	}
	if (in_par)
		sb_add(&w->out, w->format == DOC_MD ? "\n\n" : "</p>\n");
}

void docw_paragraph(struct docw *w, const char *text)
{
	paragraphs(w, text, "<p>");
}

void docw_note(struct docw *w, const char *text)
{
	paragraphs(w, text, "<p class=\"bijgewerkt\">");
}

/* The facts block: "- Geboortedatum: 12-03-2017" / <dt>, <dd>; nothing at all
 * when there are no facts. */
void docw_facts(struct docw *w, const struct strlist *names, const struct strlist *values)
{
	if (names->len == 0)
		return;
	if (w->format == DOC_HTML)
		sb_add(&w->out, "<dl>\n");
	for (size_t i = 0; i < names->len; i++) {
		const char *value = i < values->len ? values->items[i] : NULL;
		if (w->format == DOC_MD) {
			sb_add(&w->out, "- ");
			md_escape(&w->out, names->items[i], MD_INLINE);
			sb_add(&w->out, ": ");
			md_escape(&w->out, value, MD_INLINE);
			sb_add(&w->out, "\n");
		} else {
			sb_add(&w->out, "<dt>");
			html_escape(&w->out, names->items[i]);
			sb_add(&w->out, "</dt><dd>");
			html_escape(&w->out, value);
			sb_add(&w->out, "</dd>\n");
		}
	}
	sb_add(&w->out, w->format == DOC_MD ? "\n" : "</dl>\n");
}

void docw_list(struct docw *w, const struct strlist *items)
{
	if (items->len == 0)
		return;
	if (w->format == DOC_HTML)
		sb_add(&w->out, "<ul>\n");
	for (size_t i = 0; i < items->len; i++) {
		if (w->format == DOC_MD) {
			sb_add(&w->out, "- ");
			md_escape_line(&w->out, items->items[i]);
		} else {
			sb_add(&w->out, "<li>");
			html_escape(&w->out, items->items[i]);
		}
		sb_add(&w->out, w->format == DOC_MD ? "\n" : "</li>\n");
	}
	sb_add(&w->out, w->format == DOC_MD ? "\n" : "</ul>\n");
}

/* ----------------------------------------------------------------- tables */

void docw_table_begin(struct docw *w, const char *const *head, int n)
{
	w->ncols = n;
	if (w->format == DOC_MD) {
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

void docw_row(struct docw *w, const char *const *cells)
{
	if (w->format == DOC_MD) {
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

void docw_table_end(struct docw *w)
{
	sb_add(&w->out, w->format == DOC_MD ? "\n" : "</tbody>\n</table>\n");
}

/* ------------------------------------------------------------- signatures */

/* Long enough to write a name or a signature on by hand. */
#define SIGN_LONG "______________________________"
#define SIGN_SHORT "______________"

/* In Markdown the lines of underscores stand between spaces or at the end of
 * a line, where they are neither emphasis nor a rule. The HTML block keeps
 * its own print rule (the page's style is shared with the timeline), so that
 * the signatures are never split from each other over two pages. */
void docw_signatures(struct docw *w, const struct strlist *roles)
{
	if (roles->len == 0)
		return;
	if (w->format == DOC_HTML)
		sb_add(&w->out, "<div class=\"handtekeningen\" style=\"break-inside: avoid; "
				"page-break-inside: avoid; margin-top: 1.5em;\">\n");
	for (size_t i = 0; i < roles->len; i++) {
		if (w->format == DOC_MD) {
			sb_add(&w->out, "**");
			md_escape(&w->out, roles->items[i], MD_INLINE);
			sb_add(&w->out, "**\n\nNaam: " SIGN_LONG "  Datum: " SIGN_SHORT
					"\n\nHandtekening: " SIGN_LONG "\n\n");
		} else {
			sb_add(&w->out, "<p style=\"margin: 0 0 2em 0; line-height: 2.5;\"><strong>");
			html_escape(&w->out, roles->items[i]);
			sb_add(&w->out, "</strong><br>Naam: " SIGN_LONG " Datum: " SIGN_SHORT
					"<br>Handtekening: " SIGN_LONG "</p>\n");
		}
	}
	if (w->format == DOC_HTML)
		sb_add(&w->out, "</div>\n");
}
