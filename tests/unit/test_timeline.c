/* test_timeline.c - a pupil's levels and timeline as Markdown and HTML for
 * parents: the exact documents of a small hand-made dossier, escaping of
 * hostile text, levels of another model, the optional parts. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/timeline.h"
#include "ibis/util.h"

/* A model of the school's own: level 3's short name is its name. */
static struct level levels[] = {
	{.position = 1, .name = "In de klas", .short_name = "Niveau 1"},
	{.position = 2, .name = "Met hulp van collega's", .short_name = "Niveau 2"},
	{.position = 3, .name = "Zwaar", .short_name = "Zwaar"},
};
static struct level_model model = {
	.id = "eigen", .name = "Eigen model", .nlevels = 3, .levels = levels,
};

static struct pupil pupil;
static struct level_episode episodes[3];
static struct arrangement arrangements[2];
static struct tl_item items[3];
static struct timeline_doc doc;

/* Anna van den Berg: niveau 1 since August 2025, niveau 2 from 15-01-2026
 * (open), a TLV and an onderwijsarrangement, three timeline items. */
static void setup(void)
{
	pupil = (struct pupil){
		.id = 42, .first_name = "Anna", .tussenvoegsel = "van den", .last_name = "Berg",
		.birth_date = th_ymd(2017, 3, 12), .enrolled = DATE_NONE, .left = DATE_NONE,
	};
	episodes[0] = (struct level_episode){
		.model = "eigen", .level = 1, .start = th_ymd(2025, 8, 20),
		.end = th_ymd(2026, 1, 14),
		.reason = "Instroom", .regie = "leerkracht",
	};
	episodes[1] = (struct level_episode){
		.model = "eigen", .level = 2, .start = th_ymd(2026, 1, 15), .end = DATE_NONE,
		.reason = "Toets M5 rekenen: E\nna het OOP", .meeting = "leerlingbespreking",
		.regie = "IB'er",
	};
	arrangements[0] = (struct arrangement){
		.kind = ARRANGEMENT_TLV, .start = th_ymd(2026, 8, 1), .end = th_ymd(2028, 7, 31),
		.description = "SBO De Brug",
	};
	arrangements[1] = (struct arrangement){
		.kind = ARRANGEMENT_ONDERWIJS, .start = th_ymd(2026, 9, 1), .end = DATE_NONE,
		.description = "Lezen & spelling",
	};
	items[0] = (struct tl_item){
		.source = TL_EVENT, .date = th_ymd(2025, 9, 12), .kind = "toets",
		.author = "jdevries",
		.summary = "Cito M5 rekenen: E",
	};
	items[1] = (struct tl_item){
		.source = TL_LEVEL, .date = th_ymd(2026, 1, 15), .kind = "niveau", .author = "ib",
		.summary = "Niveau 2 (was 1): na het OOP", .level = 2,
	};
	items[2] = (struct tl_item){
		.source = TL_EVENT, .date = th_ymd(2026, 2, 1), .kind = "oudergesprek",
		.summary = "Gesprek met moeder\nafspraken \"gemaakt\"",
	};
	doc = (struct timeline_doc){
		.pupil = &pupil, .school = "De Regenboog", .group = "5B", .model = &model,
		.episodes = episodes, .nepisodes = 2, .arrangements = arrangements,
		.narrangements = 2, .items = items, .nitems = 3, .today = th_ymd(2026, 11, 23),
	};
}

TestSuite(timeline, .init = setup);

static void assert_doc(const char *got, const char *want)
{
	/* line by line first, so that a failure names the line */
	const char *g = got, *w = want;
	for (int line = 1; *g || *w; line++) {
		size_t gl = strcspn(g, "\n"), wl = strcspn(w, "\n");
		char *gs = xstrndup(g, gl), *ws = xstrndup(w, wl);
		cr_assert_str_eq(gs, ws, "line %d:\n got [%s]\nwant [%s]", line, gs, ws);
		free(gs);
		free(ws);
		g += gl + (g[gl] == '\n');
		w += wl + (w[wl] == '\n');
	}
	cr_assert_str_eq(got, want);
}

/* ============================================================= Markdown */

Test(timeline, markdown)
{
	char *md = timeline_render(&doc, TIMELINE_MD);
	assert_doc(md,
		   "# Ondersteuning van Anna van den Berg\n"
		   "\n"
		   "- Geboortedatum: 12-03-2017\n"
		   "- School: De Regenboog\n"
		   "- Groep: 5B\n"
		   "- Id: 42\n"
		   "\n"
		   "## Niveaus\n"
		   "\n"
		   "| Van | Tot | Niveau | Reden | Bespreking | Regie |\n"
		   "|---|---|---|---|---|---|\n"
		   "| 20-08-2025 | 14-01-2026 | Niveau 1 – In de klas | Instroom |  | leerkracht |\n"
		   "| 15-01-2026 | heden | Niveau 2 – Met hulp van collega's | Toets M5 rekenen: "
		   "E<br>na het OOP | leerlingbespreking | IB'er |\n"
		   "\n"
		   "## Arrangementen\n"
		   "\n"
		   "| Soort | Van | Tot | Omschrijving |\n"
		   "|---|---|---|---|\n"
		   "| TLV | 01-08-2026 | 31-07-2028 | SBO De Brug |\n"
		   "| Onderwijsarrangement | 01-09-2026 | geen einddatum | Lezen & spelling |\n"
		   "\n"
		   "## Tijdlijn\n"
		   "\n"
		   "- 12-09-2025, toets (jdevries): Cito M5 rekenen: E\n"
		   "- 15-01-2026, niveau (ib): Niveau 2 (was 1): na het OOP\n"
		   "- 01-02-2026, oudergesprek: Gesprek met moeder afspraken \"gemaakt\"\n"
		   "\n"
		   "Bijgewerkt tot 23-11-2026.\n");
	free(md);
}

/* ================================================================= HTML */

static const char *body_of(const char *html)
{
	const char *b = strstr(html, "<body>\n");
	cr_assert_not_null(b, "no <body>");
	return b;
}

Test(timeline, html)
{
	char *html = timeline_render(&doc, TIMELINE_HTML);
	cr_assert(str_starts(html, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n"
				   "<meta charset=\"utf-8\">\n"
				   "<title>Ondersteuning van Anna van den Berg</title>\n<style>\n"),
		  "%s", html);
	cr_assert_not_null(strstr(html, "@media print {"));
	cr_assert_not_null(strstr(html, "</style>\n</head>\n<body>\n"));
	cr_assert_null(strstr(html, "<script"));
	assert_doc(body_of(html),
		   "<body>\n"
		   "<h1>Ondersteuning van Anna van den Berg</h1>\n"
		   "<dl>\n"
		   "<dt>Geboortedatum</dt><dd>12-03-2017</dd>\n"
		   "<dt>School</dt><dd>De Regenboog</dd>\n"
		   "<dt>Groep</dt><dd>5B</dd>\n"
		   "<dt>Id</dt><dd>42</dd>\n"
		   "</dl>\n"
		   "<h2>Niveaus</h2>\n"
		   "<table>\n<thead>\n"
		   "<tr><th>Van</th><th>Tot</th><th>Niveau</th><th>Reden</th><th>Bespreking</th>"
		   "<th>Regie</th></tr>\n"
		   "</thead>\n<tbody>\n"
		   "<tr><td>20-08-2025</td><td>14-01-2026</td><td>Niveau 1 – In de klas</td>"
		   "<td>Instroom</td><td></td><td>leerkracht</td></tr>\n"
		   "<tr><td>15-01-2026</td><td>heden</td><td>Niveau 2 – Met hulp van collega&#39;s"
		   "</td><td>Toets M5 rekenen: E<br>na het OOP</td><td>leerlingbespreking</td>"
		   "<td>IB&#39;er</td></tr>\n"
		   "</tbody>\n</table>\n"
		   "<h2>Arrangementen</h2>\n"
		   "<table>\n<thead>\n"
		   "<tr><th>Soort</th><th>Van</th><th>Tot</th><th>Omschrijving</th></tr>\n"
		   "</thead>\n<tbody>\n"
		   "<tr><td>TLV</td><td>01-08-2026</td><td>31-07-2028</td><td>SBO De Brug</td></tr>\n"
		   "<tr><td>Onderwijsarrangement</td><td>01-09-2026</td><td>geen einddatum</td>"
		   "<td>Lezen &amp; spelling</td></tr>\n"
		   "</tbody>\n</table>\n"
		   "<h2>Tijdlijn</h2>\n"
		   "<table>\n<thead>\n"
		   "<tr><th>Datum</th><th>Soort</th><th>Door</th><th>Omschrijving</th></tr>\n"
		   "</thead>\n<tbody>\n"
		   "<tr><td>12-09-2025</td><td>toets</td><td>jdevries</td>"
		   "<td>Cito M5 rekenen: E</td></tr>\n"
		   "<tr><td>15-01-2026</td><td>niveau</td><td>ib</td>"
		   "<td>Niveau 2 (was 1): na het OOP</td></tr>\n"
		   "<tr><td>01-02-2026</td><td>oudergesprek</td><td></td>"
		   "<td>Gesprek met moeder<br>afspraken &quot;gemaakt&quot;</td></tr>\n"
		   "</tbody>\n</table>\n"
		   "<p class=\"bijgewerkt\">Bijgewerkt tot 23-11-2026.</p>\n"
		   "</body>\n</html>\n");
	free(html);
}

/* ============================================================ escaping */

Test(timeline, hostile_text)
{
	pupil.first_name = "<script>alert('x')</script>";
	doc.school = "A & B \"C\"";
	episodes[1].reason = "rekenen | taal\r\n\r\n*lezen*";
	items[0].summary = "# kop * item _x_ `code` \\ [l](u) <b>";
	items[1].author = "<i>ib</i>";
	items[2].summary = "regel 1\nregel 2\n\nregel 3";

	char *md = timeline_render(&doc, TIMELINE_MD);
	cr_assert(str_starts(md, "# Ondersteuning van \\<script\\>alert('x')\\</script\\> van den "
				 "Berg\n"), "%s", md);
	cr_assert_not_null(strstr(md, "\n- School: A & B \"C\"\n"));
	cr_assert_not_null(strstr(md, "\n| 15-01-2026 | heden | Niveau 2 – Met hulp van collega's "
				      "| rekenen \\| taal<br>\\*lezen\\* | leerlingbespreking "
				      "| IB'er |\n"), "%s", md);
	cr_assert_not_null(strstr(md, "\n- 12-09-2025, toets (jdevries): \\# kop \\* item \\_x\\_ "
				      "\\`code\\` \\\\ \\[l\\](u) \\<b\\>\n"), "%s", md);
	cr_assert_not_null(strstr(md, "\n- 15-01-2026, niveau (\\<i\\>ib\\</i\\>): "), "%s", md);
	cr_assert_not_null(strstr(md, "\n- 01-02-2026, oudergesprek: regel 1 regel 2 regel 3\n"),
			   "%s", md);
	free(md);

	char *html = timeline_render(&doc, TIMELINE_HTML);
	cr_assert_null(strstr(html, "<script"), "%s", html);
	cr_assert_null(strstr(html, "<i>"));
	cr_assert_null(strstr(html, "<b>"));
	cr_assert_not_null(strstr(html, "<title>Ondersteuning van &lt;script&gt;alert(&#39;x&#39;)"
					"&lt;/script&gt; van den Berg</title>\n"));
	cr_assert_not_null(strstr(html, "<h1>Ondersteuning van &lt;script&gt;alert(&#39;x&#39;)"
					"&lt;/script&gt; van den Berg</h1>\n"));
	cr_assert_not_null(strstr(html, "<dt>School</dt><dd>A &amp; B &quot;C&quot;</dd>\n"));
	cr_assert_not_null(strstr(html, "<td>rekenen | taal<br>*lezen*</td>"), "%s", html);
	cr_assert_not_null(strstr(html, "<td>&lt;i&gt;ib&lt;/i&gt;</td>"));
	cr_assert_not_null(strstr(html, "<td># kop * item _x_ `code` \\ [l](u) &lt;b&gt;</td>"));
	cr_assert_not_null(strstr(html, "<td>regel 1<br>regel 2<br>regel 3</td>"));
	free(html);
}

/* ================================================================ levels */

Test(timeline, other_model_unknown_level_and_open)
{
	struct level_episode e[] = {
		{.model = "4-niveaus", .level = 2, .start = th_ymd(2024, 9, 1),
		 .end = th_ymd(2025, 7, 31)},
		{.model = "eigen", .level = 9, .start = th_ymd(2025, 8, 1), .end = th_ymd(2025, 8, 1)},
		{.model = NULL, .level = 3, .start = th_ymd(2025, 8, 2), .end = DATE_NONE},
	};
	doc.episodes = e;
	doc.nepisodes = 3;
	char *md = timeline_render(&doc, TIMELINE_MD);
	cr_assert_not_null(strstr(md, "\n| 01-09-2024 | 31-07-2025 | niveau 2 (4-niveaus) |  |  "
				      "|  |\n"), "%s", md);
	cr_assert_not_null(strstr(md, "\n| 01-08-2025 | 01-08-2025 | niveau 9 (eigen) |  |  |  |\n"),
			   "%s", md);
	/* no model recorded: the school's; its short name is its name */
	cr_assert_not_null(strstr(md, "\n| 02-08-2025 | heden | Zwaar |  |  |  |\n"), "%s", md);
	free(md);

	char *html = timeline_render(&doc, TIMELINE_HTML);
	cr_assert_not_null(strstr(html, "<tr><td>01-09-2024</td><td>31-07-2025</td>"
					"<td>niveau 2 (4-niveaus)</td><td></td><td></td><td></td>"
					"</tr>\n"), "%s", html);
	cr_assert_not_null(strstr(html, "<tr><td>02-08-2025</td><td>heden</td><td>Zwaar</td>"));
	free(html);
}

/* The names of a shipped model: "Laag 3 – Extra begeleiding". */
Test(timeline, shipped_model_names)
{
	char *path = path_join(th_datadir(), "levels/6-lagen.ini");
	struct level_model m;
	struct ibis_error err = {0};
	cr_assert_eq(levelmodel_load(path, "6-lagen", &m, &err), IBIS_OK, "%s", err.message);
	struct level_episode e[] = {
		{.model = "6-lagen", .level = 3, .start = th_ymd(2026, 1, 15), .end = DATE_NONE,
		 .reason = "Handelingsverlegen", .meeting = "MDO", .regie = "IB'er"},
	};
	doc.model = &m;
	doc.episodes = e;
	doc.nepisodes = 1;
	char *md = timeline_render(&doc, TIMELINE_MD);
	cr_assert_not_null(strstr(md, "\n| 15-01-2026 | heden | Laag 3 – Extra begeleiding | "
				      "Handelingsverlegen | MDO | IB'er |\n"), "%s", md);
	free(md);
	levelmodel_free(&m);
	free(path);
}

/* ======================================================= optional parts */

Test(timeline, optional_parts)
{
	doc.narrangements = 0;
	doc.nepisodes = 0;
	doc.nitems = 0;
	doc.school = NULL;
	doc.group = NULL;
	pupil.birth_date = DATE_NONE;
	pupil.id = 0;
	pupil.tussenvoegsel = NULL;
	char *md = timeline_render(&doc, TIMELINE_MD);
	assert_doc(md,
		   "# Ondersteuning van Anna Berg\n"
		   "\n"
		   "## Niveaus\n"
		   "\n"
		   "Er is nog geen niveau vastgelegd.\n"
		   "\n"
		   "## Tijdlijn\n"
		   "\n"
		   "Er is nog niets vastgelegd.\n"
		   "\n"
		   "Bijgewerkt tot 23-11-2026.\n");
	free(md);
	char *html = timeline_render(&doc, TIMELINE_HTML);
	cr_assert_null(strstr(html, "Arrangementen"));
	cr_assert_null(strstr(html, "<dl>"));
	assert_doc(body_of(html),
		   "<body>\n"
		   "<h1>Ondersteuning van Anna Berg</h1>\n"
		   "<h2>Niveaus</h2>\n"
		   "<p>Er is nog geen niveau vastgelegd.</p>\n"
		   "<h2>Tijdlijn</h2>\n"
		   "<p>Er is nog niets vastgelegd.</p>\n"
		   "<p class=\"bijgewerkt\">Bijgewerkt tot 23-11-2026.</p>\n"
		   "</body>\n</html>\n");
	free(html);
}

Test(timeline, no_arrangements_no_section)
{
	doc.narrangements = 0;
	char *md = timeline_render(&doc, TIMELINE_MD);
	cr_assert_null(strstr(md, "Arrangementen"));
	cr_assert_not_null(strstr(md, "| leerlingbespreking | IB'er |\n\n## Tijdlijn\n"), "%s", md);
	free(md);
	char *html = timeline_render(&doc, TIMELINE_HTML);
	cr_assert_null(strstr(html, "Arrangementen"));
	cr_assert_not_null(strstr(html, "</tbody>\n</table>\n<h2>Tijdlijn</h2>\n"));
	free(html);
}

Test(timeline, format_parse)
{
	enum timeline_format f = TIMELINE_HTML;
	cr_assert(timeline_format_parse("md", &f));
	cr_assert_eq(f, TIMELINE_MD);
	f = TIMELINE_HTML;
	cr_assert(timeline_format_parse("markdown", &f));
	cr_assert_eq(f, TIMELINE_MD);
	cr_assert(timeline_format_parse("html", &f));
	cr_assert_eq(f, TIMELINE_HTML);
	cr_assert(timeline_format_parse("HTML", &f));
	cr_assert_eq(f, TIMELINE_HTML);
	f = TIMELINE_MD;
	cr_assert_not(timeline_format_parse("htm", &f));
	cr_assert_not(timeline_format_parse("text", &f));
	cr_assert_not(timeline_format_parse("", &f));
	cr_assert_not(timeline_format_parse(NULL, &f));
	cr_assert_not(timeline_format_parse("md ", &f));
	cr_assert_eq(f, TIMELINE_MD, "unchanged on failure");
}
