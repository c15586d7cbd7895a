/* test_planexport.c - a plan as a document for parents: a hand-made OPP with
 * the shipped opp.ini in Markdown and HTML (title, facts, every label, legal
 * parts, empty parts, goals with their area and result, evaluation, logboek,
 * signature lines, escaping), a groepsplan with its instruction groups, the
 * document writer's own blocks, and planapp on a demo database. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/app.h"
#include "ibis/db_plan.h"
#include "ibis/demo.h"
#include "ibis/docwriter.h"
#include "ibis/planapp.h"
#include "ibis/planexport.h"
#include "ibis/util.h"

static struct plan_template opp;
static struct basis_grid grid;
static struct plan_doc doc;
static struct pupil pupil;
static struct plan_log_entry log_entries[2];
static struct plan_export x;

/* Anna van den Berg's OPP: every field filled except "belemmerend" (left
 * open), one legal part with markup characters, two goals (one evaluated),
 * an evaluation held with the parents, two logboek entries. */
static void setup(void)
{
	th_load_template("opp", &opp);
	th_load_basis(&grid);

	plandoc_init(&doc);
	doc.plan.id = 17;
	doc.plan.template_id = xstrdup("opp");
	doc.plan.pupil_id = 42;
	doc.plan.title = xstrdup("OPP rekenen");
	doc.plan.status = PLAN_ACTIVE;
	doc.plan.start = th_ymd(2026, 9, 1);
	doc.plan.end = th_ymd(2027, 7, 31);
	doc.plan.eval_date = th_ymd(2027, 6, 15);
	doc.plan.author = xstrdup("jdevries");
	doc.plan.due = th_ymd(2026, 10, 13);
	doc.plan.agreed = th_ymd(2026, 10, 1);
	doc.plan.evaluated = th_ymd(2027, 1, 20);
	doc.plan.evaluated_with = xstrdup("ouders, leerling");
	for (int i = 0; i < opp.nfields; i++) {
		const struct plan_field *f = &opp.fields[i];
		if (f->type == FIELD_GOALS || strcmp(f->key, "belemmerend") == 0)
			continue;
		char *v = xasprintf("Tekst van %s.", f->key);
		plandoc_set(&doc, f->key, v);
		free(v);
	}
	plandoc_set(&doc, "onderbouwing", "Rekenen | taal * lezen <b>A & B</b>\nTweede regel");
	struct goal g1 = {
		.area = 2, .long_term = true, .text = "Anna kent de tafels tot 10.",
		.target = th_ymd(2027, 7, 1), .result = GOAL_MET, .evaluation = "Gehaald in juni.",
	};
	struct goal g2 = {
		.area = 0, .long_term = false, .text = "Anna rekent tot 100.", .target = DATE_NONE,
		.result = GOAL_OPEN,
	};
	plandoc_add_goal(&doc, &g1);
	plandoc_add_goal(&doc, &g2);

	pupil = (struct pupil){
		.id = 42, .first_name = "Anna", .tussenvoegsel = "van den", .last_name = "Berg",
		.birth_date = th_ymd(2017, 3, 12), .enrolled = DATE_NONE, .left = DATE_NONE,
	};
	log_entries[0] = (struct plan_log_entry){
		.date = th_ymd(2026, 9, 10), .author = "jdevries", .text = "Gestart met de tafels.",
	};
	log_entries[1] = (struct plan_log_entry){
		.date = th_ymd(2026, 10, 2), .text = "Gesprek met moeder\nover thuis oefenen",
	};
	x = (struct plan_export){
		.t = &opp, .doc = &doc, .log = log_entries, .nlog = 2, .pupil = &pupil,
		.group = "5B", .school = "De Regenboog",
		.level = "Laag 3 – Extra ondersteuning in de school", .areas = &grid,
		.today = th_ymd(2027, 1, 25),
	};
}

static void teardown(void)
{
	plandoc_free(&doc);
	basis_free(&grid);
	plantemplate_free(&opp);
}

TestSuite(planexport, .init = setup, .fini = teardown);

static void has(const char *doc_text, const char *want)
{
	cr_assert_not_null(strstr(doc_text, want), "missing [%s] in:\n%s", want, doc_text);
}

/* ============================================================= Markdown */

Test(planexport, markdown_title_and_facts)
{
	char *md = plan_render(&x, DOC_MD);
	cr_assert(str_starts(md, "# Ontwikkelingsperspectiefplan (OPP) voor Anna van den Berg\n\n"
				 "- Titel: OPP rekenen\n"
				 "- Leerling: Anna van den Berg\n"
				 "- Geboortedatum: 12-03-2017\n"
				 "- Groep: 5B\n"
				 "- School: De Regenboog\n"
				 "- Niveau: Laag 3 – Extra ondersteuning in de school\n"
				 "- Status: actief\n"
				 "- Periode: 01-09-2026 t/m 31-07-2027\n"
				 "- Evaluatie: gepland op 15-06-2027\n"
				 "- Opgesteld door: jdevries\n"
				 "- Uiterlijk klaar: 13-10-2026\n"
				 "- Instemming ouders: gegeven op 01-10-2026\n"
				 "- Id: 17\n\n"),
		  "%s", md);
	/* the template's text for parents follows the facts */
	has(md, "\n\nPlan voor een leerling die meer nodig heeft dan de basisondersteuning");
	/* one newline at the end, the note last */
	size_t len = strlen(md);
	cr_assert(len > 2 && md[len - 1] == '\n' && md[len - 2] != '\n');
	cr_assert(strstr(md, "\nBijgewerkt tot 25-01-2027.\n") == md + len -
		  strlen("\nBijgewerkt tot 25-01-2027.\n"), "%s", md);
	free(md);
}

Test(planexport, markdown_every_label_in_file_order)
{
	char *md = plan_render(&x, DOC_MD);
	const char *at = md;
	for (int i = 0; i < opp.nfields; i++) {
		const struct plan_field *f = &opp.fields[i];
		char *want = f->legal ? xasprintf("\n## %s (wettelijk)\n\n", f->label)
				      : xasprintf("\n## %s\n\n", f->label);
		const char *found = strstr(at, want);
		cr_assert_not_null(found, "field %s: no [%s] after the previous field in:\n%s",
				   f->key, want, md);
		at = found + 1;
		free(want);
	}
	/* the 10 legal parts of the shipped OPP, each marked once */
	int legal = 0, marked = 0;
	for (int i = 0; i < opp.nfields; i++)
		legal += opp.fields[i].legal;
	for (const char *p = md; (p = strstr(p, "(wettelijk)")); p++)
		marked++;
	cr_assert_eq(legal, 10);
	cr_assert_eq(marked, legal);
	has(md, "## Inbreng ouders (hoorrecht) (wettelijk)\n\nTekst van inbreng\\_ouders.\n\n");
	has(md, "## Wie doet wat\n\nTekst van afspraken.\n\n");
	free(md);
}

Test(planexport, markdown_empty_part_shows_dash)
{
	char *md = plan_render(&x, DOC_MD);
	has(md, "## Belemmerende factoren (wettelijk)\n\n—\n\n## Onderwijsbehoeften (wettelijk)");
	free(md);
	/* a goals field without goals, too */
	while (doc.ngoals > 0)
		plandoc_remove_goal(&doc, 0);
	md = plan_render(&x, DOC_MD);
	has(md, "## Doelen\n\n—\n\n## Ondersteuning en begeleiding\n");
	cr_assert_null(strstr(md, "### Doel 1"));
	free(md);
}

Test(planexport, markdown_goals)
{
	char *md = plan_render(&x, DOC_MD);
	has(md, "## Doelen\n\n"
		"### Doel 1\n\n"
		"Anna kent de tafels tot 10.\n\n"
		"- Ontwikkelingsgebied: Rekenproblemen/dyscalculie\n"
		"- Termijn: lange termijn (einde schooljaar)\n"
		"- Streefdatum: 01-07-2027\n"
		"- Resultaat: behaald\n"
		"- Evaluatie: Gehaald in juni.\n\n"
		"### Doel 2\n\n"
		"Anna rekent tot 100.\n\n"
		"- Termijn: korte termijn\n"
		"- Resultaat: nog niet geëvalueerd\n\n"
		"## Ondersteuning en begeleiding\n");
	free(md);
}

Test(planexport, markdown_evaluation_log_signatures)
{
	char *md = plan_render(&x, DOC_MD);
	has(md, "## Gehouden evaluatie\n\n- Datum: 20-01-2027\n- Met: ouders, leerling\n\n");
	has(md, "## Logboek\n\n| Datum | Door | Notitie |\n|---|---|---|\n"
		"| 10-09-2026 | jdevries | Gestart met de tafels. |\n"
		"| 02-10-2026 |  | Gesprek met moeder<br>over thuis oefenen |\n\n");
	has(md, "## Ondertekening\n\nMet hun handtekening stemmen de ouders in met het "
		"handelingsdeel");
	const char *sign = strstr(md, "**Ouder(s)/verzorger(s)**\n\nNaam: ___");
	cr_assert_not_null(sign, "%s", md);
	const char *teacher = strstr(sign, "**Leerkracht**\n\nNaam: ___");
	cr_assert_not_null(teacher, "%s", md);
	cr_assert_not_null(strstr(teacher, "**Intern begeleider**\n\nNaam: ___"), "%s", md);
	int lines = 0;
	for (const char *p = sign; (p = strstr(p, "\n\nHandtekening: ___")); p++)
		lines++;
	cr_assert_eq(lines, 3);
	/* the order of the parts */
	cr_assert(strstr(md, "## Gehouden evaluatie") < strstr(md, "## Logboek"));
	cr_assert(strstr(md, "## Logboek") < strstr(md, "## Ondertekening"));
	cr_assert(strstr(md, "## Evaluatie\n") < strstr(md, "## Gehouden evaluatie"));
	free(md);
}

Test(planexport, markdown_escaping)
{
	char *md = plan_render(&x, DOC_MD);
	has(md, "## Onderbouwing van de uitstroombestemming (wettelijk)\n\n"
		"Rekenen \\| taal \\* lezen \\<b\\>A & B\\</b\\>  \nTweede regel\n\n");
	free(md);
}

/* ================================================================= HTML */

Test(planexport, html)
{
	char *html = plan_render(&x, DOC_HTML);
	cr_assert(str_starts(html, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n"
				   "<meta charset=\"utf-8\">\n<title>Ontwikkelingsperspectiefplan "
				   "(OPP) voor Anna van den Berg</title>\n<style>\n"),
		  "%s", html);
	has(html, "@media print {");
	has(html, "</style>\n</head>\n<body>\n"
		  "<h1>Ontwikkelingsperspectiefplan (OPP) voor Anna van den Berg</h1>\n<dl>\n"
		  "<dt>Titel</dt><dd>OPP rekenen</dd>\n");
	has(html, "<dt>Instemming ouders</dt><dd>gegeven op 01-10-2026</dd>\n");
	for (int i = 0; i < opp.nfields; i++) {
		const struct plan_field *f = &opp.fields[i];
		char *want = f->legal ? xasprintf("<h2>%s (wettelijk)</h2>\n", f->label)
				      : xasprintf("<h2>%s</h2>\n", f->label);
		has(html, want);
		free(want);
	}
	has(html, "<h2>Belemmerende factoren (wettelijk)</h2>\n<p>—</p>\n");
	has(html, "<h3>Doel 1</h3>\n<p>Anna kent de tafels tot 10.</p>\n<dl>\n"
		  "<dt>Ontwikkelingsgebied</dt><dd>Rekenproblemen/dyscalculie</dd>\n");
	has(html, "<dt>Resultaat</dt><dd>behaald</dd>\n");
	has(html, "<tr><td>02-10-2026</td><td></td><td>Gesprek met moeder<br>over thuis oefenen"
		  "</td></tr>\n");
	/* the signatures are one block that a printer keeps on one page */
	const char *block = strstr(html, "<div class=\"handtekeningen\" style=\"break-inside: avoid;");
	cr_assert_not_null(block, "%s", html);
	const char *end = strstr(block, "</div>\n");
	cr_assert_not_null(end);
	const char *roles[] = {"Ouder(s)/verzorger(s)", "Leerkracht", "Intern begeleider"};
	for (size_t i = 0; i < ARRAY_LEN(roles); i++) {
		char *want = xasprintf("<strong>%s</strong><br>Naam: ___", roles[i]);
		const char *r = strstr(block, want);
		cr_assert(r && r < end, "no signature of %s in the block:\n%s", roles[i], html);
		cr_assert_not_null(strstr(r, "<br>Handtekening: ___"));
		free(want);
	}
	cr_assert(str_starts(html + strlen(html) - strlen("</body>\n</html>\n"),
			     "</body>\n</html>\n"));
	cr_assert_null(strstr(html, "<script"));
	free(html);
}

Test(planexport, html_escaping)
{
	plandoc_set(&doc, "uitstroom", "<script>alert('x')</script>");
	pupil.first_name = "Zoë & \"Jo\"";
	char *html = plan_render(&x, DOC_HTML);
	cr_assert_null(strstr(html, "<script"), "%s", html);
	cr_assert_null(strstr(html, "<b>"));
	has(html, "<title>Ontwikkelingsperspectiefplan (OPP) voor Zoë &amp; &quot;Jo&quot; van "
		  "den Berg</title>");
	has(html, "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>");
	has(html, "<p>Rekenen | taal * lezen &lt;b&gt;A &amp; B&lt;/b&gt;<br>Tweede regel</p>\n");
	free(html);
}

/* ========================================================= other cases */

Test(planexport, not_agreed_no_log_no_evaluation)
{
	doc.plan.agreed = DATE_NONE;
	doc.plan.evaluated = DATE_NONE;
	freep(&doc.plan.evaluated_with);
	doc.plan.end = DATE_NONE;
	x.nlog = 0;
	x.log = NULL;
	x.level = NULL;
	x.school = NULL;
	char *md = plan_render(&x, DOC_MD);
	has(md, "- Instemming ouders: nog niet gegeven\n");
	has(md, "- Periode: vanaf 01-09-2026\n");
	cr_assert_null(strstr(md, "- Niveau:"));
	cr_assert_null(strstr(md, "- School:"));
	has(md, "## Gehouden evaluatie\n\nEr is nog geen evaluatie gehouden.\n\n");
	has(md, "## Logboek\n\nEr staat nog niets in het logboek.\n\n");
	free(md);
}

Test(planexport, group_plan_with_members)
{
	struct plan_template gp;
	th_load_template("groepsplan", &gp);
	struct plan_doc d;
	plandoc_init(&d);
	d.plan.id = 5;
	d.plan.template_id = xstrdup("groepsplan");
	d.plan.group_id = 3;
	d.plan.title = xstrdup("Rekenen blok 3");
	d.plan.start = th_ymd(2026, 9, 1);
	d.plan.end = th_ymd(2026, 11, 30);
	plandoc_set(&d, "vakgebied", "Rekenen");
	plandoc_set(&d, "evaluatiedatum", "2026-11-30");
	plandoc_set_member(&d, "leerlingen", "Verlengde instructie", 11, "Bram de Vries");
	plandoc_set_member(&d, "leerlingen", "Verkorte instructie", 12, "Anna van den Berg");
	plandoc_set_member(&d, "leerlingen", "Verlengde instructie", 13, "Ali Yılmaz");
	struct plan_export gx = {
		.t = &gp, .doc = &d, .group = "5B", .school = "De Regenboog", .areas = &grid,
		.today = th_ymd(2026, 11, 23),
	};

	char *md = plan_render(&gx, DOC_MD);
	cr_assert(str_starts(md, "# Groepsplan voor groep 5B\n\n- Titel: Rekenen blok 3\n"
				 "- Groep: 5B\n- School: De Regenboog\n- Status: concept\n"
				 "- Periode: 01-09-2026 t/m 30-11-2026\n- Id: 5\n\n"),
		  "%s", md);
	cr_assert_null(strstr(md, "Leerling:"));
	cr_assert_null(strstr(md, "Instemming"), "the groepsplan asks no instemming");
	cr_assert_null(strstr(md, "(wettelijk)"));
	has(md, "## Instructiegroepen\n\n"
		"- Verkorte instructie: Anna van den Berg\n"
		"- Basisinstructie: —\n"
		"- Verlengde instructie: Ali Yılmaz, Bram de Vries\n"
		"- Begeleide verwerking: —\n\n");
	has(md, "## Vakgebied\n\nRekenen\n\n");
	has(md, "## Evaluatie gepland op\n\n30-11-2026\n\n");
	has(md, "## Onderwijsbehoeften\n\n—\n\n");
	has(md, "**Ouder(s)/verzorger(s)**");
	free(md);

	char *html = plan_render(&gx, DOC_HTML);
	has(html, "<h1>Groepsplan voor groep 5B</h1>\n");
	has(html, "<h2>Instructiegroepen</h2>\n<dl>\n"
		  "<dt>Verkorte instructie</dt><dd>Anna van den Berg</dd>\n"
		  "<dt>Basisinstructie</dt><dd>—</dd>\n");
	free(html);
	plandoc_free(&d);
	plantemplate_free(&gp);
}

/* ======================================================== the writer */

Test(docwriter, paragraphs_lists_and_end)
{
	struct docw w;
	docw_begin(&w, DOC_MD, "T");
	docw_paragraph(&w, "een\ntwee\n\n  \ndrie\n");
	struct strlist items = {0};
	sl_add(&items, "- niet genest");
	sl_add(&items, "1. geen nummer");
	sl_add(&items, "gewoon * ster");
	docw_list(&w, &items);
	docw_paragraph(&w, "---\n=== kop?\n12) ook niet");
	struct strlist none = {0};
	docw_list(&w, &none);
	docw_note(&w, "noot");
	char *md = docw_end(&w);
	cr_assert_str_eq(md, "een  \ntwee\n\ndrie\n\n"
			     "- \\- niet genest\n- 1\\. geen nummer\n- gewoon \\* ster\n\n"
			     "\\---  \n\\=== kop?  \n12\\) ook niet\n\n"
			     "noot\n");
	free(md);
	cr_assert_eq(w.out.len, 0, "the writer is empty afterwards");

	docw_begin(&w, DOC_HTML, "T & U");
	docw_heading(&w, 3, "Sub <x>");
	docw_paragraph(&w, "een\ntwee\n\ndrie");
	docw_list(&w, &items);
	docw_note(&w, "noot");
	char *html = docw_end(&w);
	has(html, "<title>T &amp; U</title>\n");
	has(html, "<body>\n<h3>Sub &lt;x&gt;</h3>\n<p>een<br>twee</p>\n<p>drie</p>\n"
		  "<ul>\n<li>- niet genest</li>\n<li>1. geen nummer</li>\n<li>gewoon * ster</li>\n"
		  "</ul>\n<p class=\"bijgewerkt\">noot</p>\n</body>\n</html>\n");
	free(html);
	sl_free(&items);
}

Test(docwriter, format_parse)
{
	enum doc_format f = DOC_HTML;
	cr_assert(doc_format_parse("MD", &f));
	cr_assert_eq(f, DOC_MD);
	cr_assert(doc_format_parse("markdown", &f));
	cr_assert(doc_format_parse("html", &f));
	cr_assert_eq(f, DOC_HTML);
	cr_assert_not(doc_format_parse("pdf", &f));
	cr_assert_not(doc_format_parse(NULL, &f));
	cr_assert_eq(f, DOC_HTML);
}

/* ====================================================== with the app */

/* The 6-lagen demo (it has OPPs) through app_init, as the command line
 * opens it. */
struct demo_app {
	struct app app;
	char *dir;
};

static void demo_app_open(struct demo_app *d)
{
	d->dir = th_tmpdir();
	char *conf = th_write(d->dir, "empty.ini", "");
	char *db = path_join(d->dir, "demo.db");
	struct app_options opt = {
		.db_path = db, .config_file = conf, .datadir = th_datadir(),
		.today = th_ymd(2026, 11, 23),
	};
	struct ibis_error err = {0};
	date_set_today(opt.today);
	cr_assert_eq(app_init(&d->app, &opt, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(app_open_db(&d->app, DB_CREATE, &err), IBIS_OK, "%s", err.message);
	struct demo_options dopt = {.pupils = 240, .seed = 1, .level_model = "6-lagen"};
	cr_assert_eq(demo_generate(d->app.db, &d->app.dom, &dopt, "6-lagen", &err), IBIS_OK, "%s",
		     err.message);
	free(db);
	free(conf);
}

static void demo_app_close(struct demo_app *d)
{
	app_free(&d->app);
	th_rmtree(d->dir);
	free(d->dir);
	date_set_today(DATE_NONE);
}

/* The first plan of template tid, loaded into out. */
static void find_plan(struct app *app, const char *tid, struct plan_doc *out)
{
	struct ibis_error err = {0};
	for (ibis_id id = 1; id < 2000; id++) {
		bool found = false;
		cr_assert_eq(db_plan_load(app->db, id, out, &found, &err), IBIS_OK, "%s",
			     err.message);
		if (found && strcmp(out->plan.template_id, tid) == 0)
			return;
	}
	cr_assert_fail("the demo has no %s", tid);
}

Test(planapp, context_and_render_of_a_demo_opp, .timeout = 120)
{
	struct demo_app d;
	demo_app_open(&d);
	struct plan_doc doc_opp;
	plandoc_init(&doc_opp);
	find_plan(&d.app, "opp", &doc_opp);
	struct ibis_error err = {0};

	struct plan_context c;
	cr_assert_eq(app_plan_context(&d.app, &doc_opp, &c, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(c.t, domain_plan(&d.app.dom, "opp"));
	cr_assert_eq(c.model, domain_model(&d.app.dom, "6-lagen"));
	cr_assert_eq(c.cal, &d.app.cal);
	cr_assert_eq(c.today, th_ymd(2026, 11, 23));
	/* a pupil with an OPP gets extra support, started before today */
	cr_assert_neq(c.support_start, DATE_NONE);
	cr_assert_leq(c.support_start, c.today);

	char *md = NULL;
	cr_assert_eq(app_plan_render(&d.app, &doc_opp, DOC_MD, &md, &err), IBIS_OK, "%s",
		     err.message);
	cr_assert(str_starts(md, "# Ontwikkelingsperspectiefplan (OPP) voor "), "%s", md);
	char *id = xasprintf("\n- Id: %lld\n", doc_opp.plan.id);
	has(md, id);
	has(md, "\n- School: ");
	has(md, "\n- Niveau: Laag ");
	has(md, "## Verwachte uitstroombestemming (wettelijk)");
	free(id);
	free(md);

	/* a template this installation lacks */
	freep(&doc_opp.plan.template_id);
	doc_opp.plan.template_id = xstrdup("weggehaald");
	md = NULL;
	cr_assert_eq(app_plan_context(&d.app, &doc_opp, &c, &err), IBIS_EINPUT);
	cr_assert_not_null(strstr(err.message, "weggehaald"), "%s", err.message);
	cr_assert_eq(app_plan_render(&d.app, &doc_opp, DOC_HTML, &md, &err), IBIS_EINPUT);
	cr_assert_null(md);

	plandoc_free(&doc_opp);
	demo_app_close(&d);
}
