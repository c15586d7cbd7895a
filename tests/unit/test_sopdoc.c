/* test_sopdoc.c - the SOP and its schoolgids section: a hand-made sop_input
 * (the shipped model, grid, sop.ini and HGW set) written in Markdown and
 * HTML for both audiences: every heading in order, the checklist counts,
 * the levels, the HGW means with their change, escaping, the sentences of
 * empty parts, nothing internal in the parents' version; and sop_gather on
 * a temporary database. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/app.h"
#include "ibis/db_school.h"
#include "ibis/db_sop.h"
#include "ibis/indicators.h"
#include "ibis/sopdoc.h"
#include "ibis/util.h"

static const char *const school_heads[] = {
	"Gegevens van de school", "Basisondersteuning", "Ondersteuningsniveaus",
	"Aanwezige expertise", "Professionalisering", "Aanbod per kindkenmerk",
	"Grenzen aan zorg", "Handelingsgericht werken", NULL,
};
static const char *const parent_heads[] = {
	"Ondersteuning op onze school", "Wat iedere leerling krijgt: de basisondersteuning",
	"Als uw kind meer nodig heeft", "Deskundigheid in de school", "Wat wij extra bieden",
	"Waar onze grenzen liggen", "U en uw kind praten mee", NULL,
};

/* ============================================================ fixture */

static struct level_model *model;
static struct basis_grid grid;
static struct sop_data data;
static struct indicator_set hgw;
static const struct indicator_set *sets[1];
static struct sop_input full; /* every part filled */
static struct sop_input empty; /* the same school with no rows */

static void add_score(struct sop_input *in, const char *indicator, int year, const char *who,
		      int score)
{
	in->scores = xrealloc(in->scores, (size_t)(in->nscores + 1) * sizeof(*in->scores));
	in->scores[in->nscores++] = (struct indicator_score){
		.school_id = 1, .set_id = xstrdup("hgw"), .indicator = xstrdup(indicator),
		.school_year = year, .assessor = xstrdup(who), .score = score,
	};
}

static void base_input(struct sop_input *in)
{
	memset(in, 0, sizeof(*in));
	in->school = (struct school){
		.id = 1, .name = xstrdup("De Regenboog"), .brin = xstrdup("12AB00"),
		.level_model = xstrdup("5-niveaus-sop"), .groepsbesprekingen = 3,
	};
	in->model = model;
	in->school_year = 2026;
	in->today = th_ymd(2026, 11, 23);
	in->basis = &grid;
	in->data = &data;
	in->sets = xcalloc(1, sizeof(*in->sets));
	in->sets[0] = &hgw;
	in->nsets = 1;
}

static void setup(void)
{
	struct ibis_error err = {0};
	model = th_get_model("5-niveaus-sop");
	th_load_basis(&grid);
	char *path = path_join(th_datadir(), "sop.ini");
	TH_OK(sop_data_load(path, &data, &err));
	free(path);
	path = path_join(th_datadir(), "indicators/hgw.ini");
	TH_OK(indicators_load(path, "hgw", &hgw, &err));
	free(path);
	sets[0] = &hgw;

	base_input(&empty);
	base_input(&full);
	struct sop_input *in = &full;

	in->nexpertise = 2;
	in->expertise = xcalloc(2, sizeof(*in->expertise));
	in->expertise[0] = (struct sop_expertise){
		.expertise = xstrdup("Gedragsspecialist"), .staff_count = 2, .trained = 2,
		.in_training = 0, .area = 6, .person = xstrdup("Ans Jansen, Bert Smit"),
		.note = xstrdup("Interne notitie over gedrag"),
	};
	in->expertise[1] = (struct sop_expertise){
		.expertise = xstrdup("Schakelklas"), .staff_count = 1, .trained = 0,
		.in_training = 1, .area = 0,
	};

	in->ntraining = 3;
	in->training = xcalloc(3, sizeof(*in->training));
	in->training[0] = (struct sop_training){
		.school_year = 2026, .scope = SOP_SCOPE_INDIVIDUAL,
		.topic = xstrdup("master EN specialisatie begeleiden"), .participants = 2,
		.who = xstrdup("Carla de Wit"), .planned = th_ymd(2026, 9, 1), .done = DATE_NONE,
	};
	in->training[1] = (struct sop_training){
		.school_year = 2026, .scope = SOP_SCOPE_SCHOOL, .topic = xstrdup("Coaching on the job"),
		.planned = DATE_NONE, .done = th_ymd(2027, 3, 15),
	};
	in->training[2] = (struct sop_training){
		.school_year = 2025, .scope = SOP_SCOPE_SCHOOL, .topic = xstrdup("Executieve functies"),
		.planned = DATE_NONE, .done = DATE_NONE,
	};

	in->noffers = 3;
	in->offers = xcalloc(3, sizeof(*in->offers));
	in->offers[0] = (struct sop_offer){
		.kenmerk = xstrdup("gedrag"), .level = 2,
		.description = xstrdup("Groepsplan gedrag na de meting in november."),
	};
	in->offers[1] = (struct sop_offer){
		.kenmerk = NULL, .level = 1,
		.description = xstrdup("Niveauwerk vanaf groep 4 | rekenen *en* lezen <script>"),
	};
	in->offers[2] = (struct sop_offer){
		.kenmerk = xstrdup("gedrag"), .level = 0,
		.description = xstrdup("Time timers en koptelefoons."),
	};

	in->nlimits = 4;
	in->limits = xcalloc(4, sizeof(*in->limits));
	in->limits[0] = (struct sop_limit){
		.heading = xstrdup("Gebrek aan capaciteit"),
		.description = xstrdup("Grote aantallen leerlingen met een onderwijsbehoefte."),
	};
	in->limits[1] = (struct sop_limit){
		.heading = xstrdup("Verstoring van rust en veiligheid"),
		.description = xstrdup("Extreem externaliserend gedrag waarbij het onderwijs "
				       "stagneert."),
	};
	in->limits[2] = (struct sop_limit){
		.heading = NULL, .description = xstrdup("Een te complexe groepssamenstelling."),
	};
	in->limits[3] = (struct sop_limit){
		.heading = xstrdup("Eigen kop van de school"),
		.description = xstrdup("Geen lift naar de tweede verdieping."),
	};

	in->ncells = 3;
	in->cells = xcalloc(3, sizeof(*in->cells));
	in->cells[0] = (struct basis_cell){
		.area = 1, .aspect = xstrdup("aanbod"), .status = BASIS_MEETS,
		.note = xstrdup("Dyslexieprotocol wordt gevolgd"), .document = xstrdup("Protocol ERWD"),
	};
	in->cells[1] = (struct basis_cell){
		.area = 2, .aspect = xstrdup("protocol"), .status = BASIS_PARTLY,
	};
	in->cells[2] = (struct basis_cell){
		.area = 4, .aspect = xstrdup("ruimte"), .status = BASIS_NA,
		.description = xstrdup("Eigen beschrijving ruimte"),
	};

	/* section 1 of the hgw set: all 2 last year, all 3 this year; the IB'er
	 * scores 4 everywhere (not agreed, so not in the document) */
	for (int i = 0; i < hgw.nindicators; i++) {
		if (hgw.indicators[i].section != 1)
			continue;
		add_score(in, hgw.indicators[i].id, 2025, "", 2);
		add_score(in, hgw.indicators[i].id, 2026, "", 3);
		add_score(in, hgw.indicators[i].id, 2026, "IB’er", 4);
	}
}

static void teardown(void)
{
	sop_input_free(&full);
	sop_input_free(&empty);
	indicators_free(&hgw);
	sop_data_free(&data);
	basis_free(&grid);
	th_put_model(model);
}

TestSuite(sopdoc, .init = setup, .fini = teardown);

/* ============================================================ helpers */

/* The position of the level-2 heading text in doc, or NULL. */
static const char *find_heading(const char *doc, enum doc_format fmt, const char *text)
{
	char *h = fmt == DOC_MD ? xasprintf("\n## %s\n", text) : xasprintf("<h2>%s</h2>", text);
	const char *p = strstr(doc, h);
	free(h);
	return p;
}

static void assert_headings(const char *doc, enum doc_format fmt, const char *const *heads)
{
	const char *prev = doc;
	int n = 0;
	for (int i = 0; heads[i]; i++) {
		const char *p = find_heading(doc, fmt, heads[i]);
		cr_assert_not_null(p, "heading \"%s\" missing", heads[i]);
		cr_assert(p > prev, "heading \"%s\" out of order", heads[i]);
		prev = p;
		n++;
	}
	/* and no other part */
	const char *tag = fmt == DOC_MD ? "\n## " : "<h2>";
	int count = 0;
	for (const char *p = strstr(doc, tag); p; p = strstr(p + 1, tag))
		count++;
	cr_assert_eq(count, n, "%d level-2 headings, expected %d", count, n);
}

static void assert_has(const char *doc, const char *s)
{
	cr_assert(strstr(doc, s), "document lacks \"%s\"", s);
}

static void assert_lacks(const char *doc, const char *s)
{
	cr_assert_null(strstr(doc, s), "document holds \"%s\"", s);
}

/* ============================================================ the SOP */

Test(sopdoc, school_headings_in_order)
{
	for (int f = 0; f < 2; f++) {
		enum doc_format fmt = f ? DOC_HTML : DOC_MD;
		char *doc = sop_document(&full, fmt, SOP_FOR_SCHOOL);
		assert_headings(doc, fmt, school_heads);
		free(doc);
		doc = sop_document(&empty, fmt, SOP_FOR_SCHOOL);
		assert_headings(doc, fmt, school_heads);
		free(doc);
	}
}

Test(sopdoc, parent_headings_in_order)
{
	for (int f = 0; f < 2; f++) {
		enum doc_format fmt = f ? DOC_HTML : DOC_MD;
		char *doc = sop_document(&full, fmt, SOP_FOR_PARENTS);
		assert_headings(doc, fmt, parent_heads);
		free(doc);
		doc = sop_document(&empty, fmt, SOP_FOR_PARENTS);
		assert_headings(doc, fmt, parent_heads);
		free(doc);
	}
}

Test(sopdoc, school_facts_and_dates)
{
	char *doc = sop_document(&full, DOC_MD, SOP_FOR_SCHOOL);
	assert_has(doc, "# Schoolondersteuningsprofiel De Regenboog 2026-2027\n");
	assert_has(doc, "- School: De Regenboog\n");
	assert_has(doc, "- BRIN: 12AB00\n");
	assert_has(doc, "- Schooljaar: 2026-2027\n");
	assert_has(doc, "- Ondersteuningsniveaus: 5 niveaus (SOP)\n");
	assert_has(doc, "- Opgesteld op: 23-11-2026\n");
	assert_has(doc, "Bijgewerkt op 23-11-2026.");
	assert_has(doc, "**Voorzitter MR**");
	free(doc);
}

Test(sopdoc, checklist_counts_and_cells)
{
	char *doc = sop_document(&full, DOC_MD, SOP_FOR_SCHOOL);
	int total = grid.nareas * grid.naspects;
	char *open = xasprintf("| open | %d |", total - 3);
	char *sum = xasprintf("| Totaal | %d |", total);
	assert_has(doc, "| voldoet | 1 |");
	assert_has(doc, "| deels | 1 |");
	assert_has(doc, "| voldoet niet | 0 |");
	assert_has(doc, "| n.v.t. | 1 |");
	assert_has(doc, open);
	assert_has(doc, sum);
	/* every area as a sub-heading, the judged cell with its note and document */
	for (int a = 0; a < grid.nareas; a++) {
		char *h = xasprintf("### %d %s\n", grid.areas[a].number, grid.areas[a].name);
		assert_has(doc, h);
		free(h);
	}
	assert_has(doc, "| voldoet | Dyslexieprotocol wordt gevolgd | Protocol ERWD |");
	assert_has(doc, "Eigen beschrijving ruimte");
	free(open);
	free(sum);
	free(doc);
}

Test(sopdoc, levels_with_texts)
{
	char *doc = sop_document(&full, DOC_MD, SOP_FOR_SCHOOL);
	for (int i = 0; i < model->nlevels; i++) {
		char *name = level_display_name(&model->levels[i]);
		char *h = xasprintf("### %s\n", name);
		assert_has(doc, h);
		free(h);
		free(name);
	}
	assert_has(doc, "- Voor wie: Leerlingen die functioneren in de groep en zich naar "
			"verwachting ontwikkelen.\n");
	assert_has(doc, "- Ondersteuning: extra ondersteuning\n");
	assert_has(doc, "- Vereist: toestemming, opp\n");
	free(doc);
}

Test(sopdoc, expertise_training_offers_limits)
{
	char *doc = sop_document(&full, DOC_MD, SOP_FOR_SCHOOL);
	assert_has(doc, "| Gedragsspecialist | 2 | 2 | 0 | 6 Gedrag en sociaal emotionele "
			"ontwikkeling | Ans Jansen, Bert Smit | Interne notitie over gedrag |");
	/* professionalisering: newest year first, school before individual */
	const char *y26 = strstr(doc, "### 2026-2027\n");
	const char *y25 = strstr(doc, "### 2025-2026\n");
	cr_assert(y26 && y25 && y26 < y25);
	const char *school = strstr(doc, "| Schoolontwikkeling | Coaching on the job |");
	const char *indiv = strstr(doc, "| Individuele ontwikkeling | master EN specialisatie "
					"begeleiden | 2 | Carla de Wit | 01-09-2026 |");
	cr_assert(school && indiv && y26 < school && school < indiv && indiv < y25);
	assert_has(doc, "15-03-2027");
	/* aanbod: general first, kenmerken in sop.ini order, by level */
	const char *gen = strstr(doc, "### Algemeen\n");
	const char *ged = strstr(doc, "### Problematieken op het gebied van specifieke "
				      "gedragskenmerken\n");
	cr_assert(gen && ged && gen < ged);
	const char *l2 = strstr(doc, "| Niveau 2 | Groepsplan gedrag");
	const char *l0 = strstr(doc, "|  | Time timers");
	cr_assert(l2 && l0 && ged < l2 && l2 < l0);
	assert_has(doc, "Hiervoor is nog geen aanbod beschreven.");
	/* grenzen in the order of sop.ini */
	const char *rust = strstr(doc, "### Verstoring van rust en veiligheid\n");
	const char *cap = strstr(doc, "### Gebrek aan capaciteit\n");
	const char *own = strstr(doc, "### Eigen kop van de school\n\n- Geen lift");
	const char *rest = strstr(doc, "### Overige grenzen\n\n- Een te complexe "
				       "groepssamenstelling.\n");
	cr_assert(rust && cap && own && rest && rust < cap && cap < own && own < rest);
	free(doc);
}

Test(sopdoc, hgw_means_and_trend)
{
	int n1 = 0;
	for (int i = 0; i < hgw.nindicators; i++)
		n1 += hgw.indicators[i].section == 1;
	char *doc = sop_document(&full, DOC_MD, SOP_FOR_SCHOOL);
	char *row = xasprintf("| 1 %s | 2,0 | 3,0 | ↑ +1,0 |", hgw.sections[0].name);
	assert_has(doc, row);
	char *total = xasprintf("| Totaal | 2,0 (%d van %d) | 3,0 (%d van %d) | ↑ +1,0 |", n1,
				hgw.nindicators, n1, hgw.nindicators);
	assert_has(doc, total);
	assert_has(doc, "| Sectie | 2025-2026 | 2026-2027 | Verandering |");
	/* the IB'er's own 4s are not the agreed score */
	assert_lacks(doc, "4,0");
	free(row);
	free(total);
	free(doc);
}

Test(sopdoc, escapes_markup)
{
	char *md = sop_document(&full, DOC_MD, SOP_FOR_SCHOOL);
	assert_has(md, "Niveauwerk vanaf groep 4 \\| rekenen \\*en\\* lezen \\<script\\>");
	assert_lacks(md, "<script>");
	char *html = sop_document(&full, DOC_HTML, SOP_FOR_SCHOOL);
	assert_has(html, "Niveauwerk vanaf groep 4 | rekenen *en* lezen &lt;script&gt;");
	assert_lacks(html, "<script>");
	assert_has(html, "<!DOCTYPE html>");
	assert_has(html, "</html>");
	char *gids = sop_document(&full, DOC_HTML, SOP_FOR_PARENTS);
	assert_has(gids, "&lt;script&gt;");
	assert_lacks(gids, "<script>");
	free(md);
	free(html);
	free(gids);
}

Test(sopdoc, empty_parts_say_so)
{
	char *doc = sop_document(&empty, DOC_MD, SOP_FOR_SCHOOL);
	assert_has(doc, "In 2026-2027 is nog geen enkel onderdeel van de checklist beoordeeld");
	assert_has(doc, "Voor 2026-2027 is nog geen aanwezige expertise vastgelegd.");
	assert_has(doc, "Tot en met 2026-2027 is nog geen professionalisering vastgelegd.");
	assert_has(doc, "Voor 2026-2027 is nog geen aanbod per kindkenmerk beschreven.");
	assert_has(doc, "Voor 2026-2027 zijn nog geen grenzen aan zorg beschreven.");
	assert_has(doc, "Voor deze set zijn in 2025-2026 en 2026-2027 nog geen gezamenlijke "
			"scores vastgelegd.");
	free(doc);

	doc = sop_document(&empty, DOC_MD, SOP_FOR_PARENTS);
	assert_has(doc, "nog niet beschreven welke deskundigheid");
	assert_has(doc, "nog niet per onderwerp beschreven");
	assert_has(doc, "Voor dit schooljaar hebben wij geen grenzen beschreven.");
	free(doc);

	/* no model in this installation, no grid, no sets */
	struct sop_input bare = empty;
	bare.model = NULL;
	bare.basis = NULL;
	bare.nsets = 0;
	doc = sop_document(&bare, DOC_HTML, SOP_FOR_SCHOOL);
	assert_headings(doc, DOC_HTML, school_heads);
	assert_has(doc, "(5-niveaus-sop) is in deze installatie niet beschikbaar");
	assert_has(doc, "Er is geen norm voor de basisondersteuning geladen");
	assert_has(doc, "Er zijn geen indicatorensets");
	free(doc);
	doc = sop_document(&bare, DOC_MD, SOP_FOR_PARENTS);
	assert_headings(doc, DOC_MD, parent_heads);
	free(doc);
}

/* ====================================================== the schoolgids */

Test(sopdoc, parents_nothing_internal)
{
	for (int f = 0; f < 2; f++) {
		char *doc = sop_document(&full, f ? DOC_HTML : DOC_MD, SOP_FOR_PARENTS);
		assert_lacks(doc, "Ans Jansen");
		assert_lacks(doc, "Bert Smit");
		assert_lacks(doc, "Carla de Wit");
		assert_lacks(doc, "Interne notitie");
		assert_lacks(doc, "Dyslexieprotocol");
		assert_lacks(doc, "3,0");
		assert_lacks(doc, "2,0");
		assert_lacks(doc, "voldoet");
		assert_lacks(doc, "Handelingsgericht");
		assert_lacks(doc, "master EN");
		free(doc);
	}
}

Test(sopdoc, parents_plain_content)
{
	char *doc = sop_document(&full, DOC_MD, SOP_FOR_PARENTS);
	assert_has(doc, "# Ondersteuning op De Regenboog, schooljaar 2026-2027\n");
	/* the school's levels, basis and extra in simple words */
	assert_has(doc, "Wij geven ondersteuning in 5 stappen.");
	assert_has(doc, "- Niveau 1: Door de leerkracht in de klas\n");
	assert_has(doc, "De basisondersteuning is de hulp die iedere leerling");
	assert_has(doc, "Bij ons is dit extra ondersteuning:\n\n- Niveau 5: Extra (zware) "
			"ondersteuning\n");
	assert_has(doc, "Bij Niveau 3, Niveau 4 en Niveau 5 vragen wij altijd eerst uw "
			"toestemming.");
	assert_has(doc, "ontwikkelingsperspectief (OPP)");
	/* the words of the trade explained */
	assert_has(doc, "De intern begeleider is de collega die");
	assert_has(doc, "Dat heet hoorrecht.");
	assert_has(doc, "afspraak maken met de intern begeleider van De Regenboog.");
	/* expertise without names; this year's team training */
	assert_has(doc, "- Gedragsspecialist (2 collega’s)\n");
	assert_has(doc, "- Schakelklas (nog in opleiding)\n");
	assert_has(doc, "- Coaching on the job\n");
	assert_lacks(doc, "Executieve functies"); /* last year's */
	/* offers and limits */
	assert_has(doc, "- Niveau 2: Groepsplan gedrag na de meting in november.\n");
	assert_has(doc, "### Verstoring van rust en veiligheid\n");
	assert_has(doc, "Bijgewerkt op 23-11-2026.");
	free(doc);
}

/* ====================================================== sop_gather */

TestSuite(sopgather, .init = th_db_setup, .fini = th_db_teardown);

Test(sopgather, reads_school_year)
{
	struct ibis_error err = {0};
	struct app app = {0};
	char *conf = th_write(th_dir, "empty.ini", "");
	struct app_options opt = {.db_path = th_path, .config_file = conf,
				  .datadir = th_datadir(), .today = th_ymd(2026, 11, 23)};
	date_set_today(opt.today);
	TH_OK(app_init(&app, &opt, &err));
	app.db = th_db; /* the fixture's connection; given back before app_free */

	ibis_id school = th_school_new(th_db, "De Regenboog", "12AB00", "5-niveaus-sop");
	ibis_id other = th_school_new(th_db, "Het Anker", NULL, "6-lagen");

	struct sop_expertise e = {.school_id = school, .school_year = 2026,
				  .expertise = "Gedragsspecialist", .staff_count = 2, .trained = 1,
				  .in_training = 1};
	TH_OK(db_expertise_save(th_db, &e, &err));
	struct sop_expertise e_old = {.school_id = school, .school_year = 2025,
				      .expertise = "Oud", .staff_count = -1, .trained = -1,
				      .in_training = -1};
	TH_OK(db_expertise_save(th_db, &e_old, &err));
	struct sop_expertise e_other = {.school_id = other, .school_year = 2026,
					.expertise = "Andere school", .staff_count = -1,
					.trained = -1, .in_training = -1};
	TH_OK(db_expertise_save(th_db, &e_other, &err));
	struct sop_training t1 = {.school_id = school, .school_year = 2025,
				  .scope = SOP_SCOPE_SCHOOL, .topic = "Executieve functies",
				  .planned = DATE_NONE, .done = DATE_NONE};
	struct sop_training t2 = {.school_id = school, .school_year = 2027,
				  .scope = SOP_SCOPE_SCHOOL, .topic = "Volgend jaar",
				  .planned = DATE_NONE, .done = DATE_NONE};
	TH_OK(db_training_save(th_db, &t1, &err));
	TH_OK(db_training_save(th_db, &t2, &err));
	struct sop_offer o = {.school_id = school, .school_year = 2026, .kenmerk = "gedrag",
			      .level = 2, .description = "Groepsplan gedrag"};
	TH_OK(db_offer_save(th_db, &o, &err));
	struct sop_limit l = {.school_id = school, .school_year = 2026,
			      .heading = "Gebrek aan capaciteit", .description = "Grote groepen"};
	TH_OK(db_limit_save(th_db, &l, &err));
	struct basis_cell c = {.school_id = school, .school_year = 2026, .area = 1,
			       .aspect = "aanbod", .status = BASIS_MEETS};
	TH_OK(db_basis_put(th_db, &c, &err));
	const struct indicator_set *set = domain_set(&app.dom, "hgw");
	cr_assert_not_null(set);
	struct indicator_score s1 = {.school_id = school, .set_id = "hgw",
				     .indicator = set->indicators[0].id, .school_year = 2026,
				     .assessor = "", .score = 3};
	struct indicator_score s0 = {.school_id = school, .set_id = "hgw",
				     .indicator = set->indicators[0].id, .school_year = 2025,
				     .assessor = "", .score = 2};
	struct indicator_score sx = {.school_id = school, .set_id = "hgw",
				     .indicator = set->indicators[0].id, .school_year = 2023,
				     .assessor = "", .score = 1};
	TH_OK(db_score_put(th_db, &s1, &err));
	TH_OK(db_score_put(th_db, &s0, &err));
	TH_OK(db_score_put(th_db, &sx, &err));

	struct sop_input in;
	TH_OK(sop_gather(&app, school, 2026, &in, &err));
	cr_assert_str_eq(in.school.name, "De Regenboog");
	cr_assert_not_null(in.model);
	cr_assert_str_eq(in.model->id, "5-niveaus-sop");
	cr_assert_eq(in.school_year, 2026);
	cr_assert_eq(in.today, th_ymd(2026, 11, 23));
	cr_assert_eq(in.basis, &app.dom.basis);
	cr_assert_eq(in.data, &app.dom.sop);
	cr_assert_eq(in.nexpertise, 1);
	cr_assert_str_eq(in.expertise[0].expertise, "Gedragsspecialist");
	cr_assert_eq(in.ntraining, 1); /* 2025 yes, 2027 not */
	cr_assert_str_eq(in.training[0].topic, "Executieve functies");
	cr_assert_eq(in.noffers, 1);
	cr_assert_eq(in.nlimits, 1);
	cr_assert_eq(in.ncells, 1);
	cr_assert_eq(in.cells[0].status, BASIS_MEETS);
	cr_assert_eq(in.nsets, app.dom.nsets);
	cr_assert_eq(in.nscores, 2); /* 2025 and 2026, not 2023 */

	char *doc = sop_document(&in, DOC_MD, SOP_FOR_SCHOOL);
	assert_headings(doc, DOC_MD, school_heads);
	assert_has(doc, "| Gedragsspecialist | 2 | 1 | 1 |");
	assert_has(doc, "| voldoet | 1 |");
	assert_has(doc, "| Niveau 2 | Groepsplan gedrag |");
	assert_lacks(doc, "Andere school");
	assert_lacks(doc, "Volgend jaar");
	free(doc);
	sop_input_free(&in);
	cr_assert_null(in.expertise);

	/* an unknown school */
	cr_assert_eq(sop_gather(&app, 999, 2026, &in, &err), IBIS_EINPUT);
	sop_input_free(&in);

	app.db = NULL;
	app_free(&app);
	free(conf);
}
