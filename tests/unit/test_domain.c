/* test_domain.c - the shipped data files, a school's own files, the cross
 * checks, and a message with file, line and key for every kind of malformed
 * data file (tests/data/bad/ and files written here). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/domain.h"
#include "ibis/util.h"

TestSuite(domain, .init = th_tmp_setup, .fini = th_tmp_teardown);
TestSuite(datafile, .init = th_tmp_setup, .fini = th_tmp_teardown);

/* A fixture of tests/data/bad. */
static char *fixture(const char *name)
{
	return xasprintf("%s/bad/%s", th_testdata(), name);
}

/* A configuration over datadir with the school's own folder in dir/etc. */
static void make_config(struct ibis_config *cfg, const char *datadir)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->datadir = xstrdup(datadir);
	cfg->sysconfdir = path_join(th_dir, "etc");
	cfg->level_model = xstrdup("4-niveaus");
}

/* ============================================================ the shipped files */

Test(domain, every_shipped_file_loads)
{
	struct ibis_config cfg;
	make_config(&cfg, th_datadir());
	struct domain d;
	struct ibis_error err = {0};
	cr_assert_eq(domain_load(&d, &cfg, &err), IBIS_OK, "%s", err.message);

	static const struct {
		const char *id;
		int levels;
	} models[] = {
		{"4-niveaus", 4},
		{"5-niveaus-sop", 5},
		{"5-niveaus-sterke-basis", 5},
		{"6-lagen", 6},
	};
	cr_assert_eq(d.nmodels, 4);
	for (int i = 0; i < 4; i++) {
		cr_assert_str_eq(d.models[i].id, models[i].id);
		cr_assert_eq(d.models[i].nlevels, models[i].levels, "%s", models[i].id);
		for (int l = 0; l < d.models[i].nlevels; l++) {
			const struct level *lv = levelmodel_level(&d.models[i], l + 1);
			cr_assert_eq(lv->position, l + 1);
			cr_assert_not_null(lv->name);
			cr_assert_not_null(lv->short_name);
		}
		cr_assert_null(levelmodel_level(&d.models[i], 0));
		cr_assert_null(levelmodel_level(&d.models[i], models[i].levels + 1));
	}
	cr_assert_eq(domain_model(&d, "6-lagen"), &d.models[3]);

	static const char *const plans[] = {"groeidocument", "groepsplan", "ihp", "oop", "opp"};
	cr_assert_eq(d.nplans, 5);
	for (int i = 0; i < 5; i++) {
		cr_assert_str_eq(d.plans[i].id, plans[i]);
		cr_assert_gt(d.plans[i].nfields, 0, "%s", plans[i]);
	}
	cr_assert_eq(domain_plan(&d, "oop"), &d.plans[3]);
	cr_assert_null(domain_plan(&d, "xyz"));

	/* leerkracht = ja: OOP and groepsplan only */
	static const bool teacher[] = {false, true, false, true, false};
	for (int i = 0; i < 5; i++)
		cr_assert_eq(d.plans[i].teacher, teacher[i], "%s", plans[i]);
	/* verplicht = evaluatie: the evaluation of every plan that is evaluated;
	 * the groeidocument has none */
	for (int i = 0; i < 5; i++) {
		const struct plan_field *ev = plantemplate_field(&d.plans[i], "evaluatie");
		cr_assert_eq(ev != NULL, i != 0, "%s", plans[i]);
		if (ev) {
			cr_assert(ev->required_eval, "%s", plans[i]);
			cr_assert_not(ev->required, "%s", plans[i]);
		}
		for (int f = 0; f < d.plans[i].nfields; f++)
			cr_assert(!d.plans[i].fields[f].required_eval || &d.plans[i].fields[f] == ev,
				  "%s.%s", plans[i], d.plans[i].fields[f].key);
	}
	const struct plan_template *opp = domain_plan(&d, "opp");
	cr_assert_str_eq(opp->eval_with, "ouders, leerling");
	cr_assert(opp->consent);
	cr_assert_eq(opp->due_within_weeks, 6);
	cr_assert_eq(opp->eval_months, 12);
	cr_assert(plantemplate_field(opp, "uitstroom")->required);
	cr_assert(plantemplate_field(opp, "uitstroom")->legal);
	cr_assert_eq(domain_plan(&d, "oop")->max_weeks, 8);

	const struct indicator_set *hgw = domain_set(&d, "hgw");
	cr_assert_not_null(hgw);
	cr_assert_eq(hgw->nindicators, 29);
	cr_assert_eq(hgw->nsections, 5);
	cr_assert_eq(hgw->principles.len, 7);
	for (int i = 0; i < 4; i++)
		cr_assert_not_null(hgw->norms[i]);
	cr_assert_not_null(indicators_find(hgw, "1.1"));
	cr_assert_null(indicators_find(hgw, "9.9"));
	cr_assert_not_null(domain_set(&d, "inspectie"));

	cr_assert_eq(d.basis.nareas, 8);
	cr_assert_eq(d.basis.naspects, 6);
	domain_free(&d);
	config_free(&cfg);
}

Test(domain, loaded_through_config)
{
	struct config_source src = {.datadir = th_datadir(), .config_file = NULL,
				    .system_only = true};
	char *etc = path_join(th_dir, "etc");
	src.sysconfdir = etc;
	struct ibis_config cfg;
	struct ibis_error err = {0};
	cr_assert_eq(config_load(&cfg, &src, &err), IBIS_OK, "%s", err.message);
	struct domain d;
	cr_assert_eq(domain_load(&d, &cfg, &err), IBIS_OK, "%s", err.message);
	cr_assert_not_null(domain_model(&d, cfg.level_model));
	domain_free(&d);
	config_free(&cfg);
	free(etc);
}

/* ============================================================ a small data folder */

static const char *const small_model =
	"[model]\n"                                   /* 1 */
	"naam = \"Klein\"\n"                          /* 2 */
	"niveaus = 2\n"                               /* 3 */
	"\n"                                          /* 4 */
	"[niveau 1]\n"                                /* 5 */
	"naam = \"In de klas\"\n"                     /* 6 */
	"kort = \"Niveau 1\"\n"                       /* 7 */
	"basis = ja\n"                                /* 8 */
	"\n"                                          /* 9 */
	"[niveau 2]\n"                                /* 10 */
	"naam = \"Buiten de klas\"\n"                 /* 11 */
	"kort = \"Niveau 2\"\n"                       /* 12 */
	"plan = \"oop, %s\"\n"                        /* 13 */
	"soort = plaatsing\n"                         /* 14 */
	"vereist = \"toestemming, opp, hoorrecht\"\n" /* 15 */
	"wat = \"Een;\"\n"                            /* 16 */
	"wat.2 = \"twee\\ndrie\"\n"                   /* 17 */
	"bespreking = \"mdo\"\n"                      /* 18 */
	"\n"                                          /* 19 */
	"[regels]\n"                                  /* 20 */
	"oop_max_weken = 8\n";                        /* 21 */

static const char *const small_plan = "[plan]\n"
				      "naam = \"Onderwijsondersteuningsplan\"\n"
				      "kort = \"OOP\"\n"
				      "voor = leerling\n"
				      "max_weken = 8\n"
				      "instemming = ja\n"
				      "\n"
				      "[veld doelen]\n"
				      "label = \"Doelen\"\n"
				      "type = doelen\n"
				      "verplicht = ja\n"
				      "\n"
				      "[veld soort]\n"
				      "label = \"Soort\"\n"
				      "type = keuze\n"
				      "keuzes = \"lezen, rekenen, gedrag\"\n"
				      "hulp = \"Kies er één.\"\n";

static const char *const small_set = "[set]\n"
				     "naam = \"Set\"\n"
				     "[normering]\n"
				     "1 = \"een\"\n2 = \"twee\"\n3 = \"drie\"\n4 = \"vier\"\n"
				     "[principes]\n"
				     "1 = \"eerste\"\n2 = \"tweede\"\n"
				     "[indicator A.1]\n"
				     "sectie = 2\n"
				     "tekst = \"Tekst\"\n"
				     "[sectie 2]\n"
				     "naam = \"Twee\"\n";

static const char *const small_basis = "[basisondersteuning]\n"
				       "naam = \"Raster\"\n"
				       "[aspect aanbod]\n"
				       "naam = \"Aanbod\"\n"
				       "[aspect tijd]\n"
				       "naam = \"Tijd\"\n"
				       "[gebied 1]\n"
				       "naam = \"Lezen\"\n"
				       "tijd = \"Elke dag\"\n"
				       "tijd.2 = \"een half uur\"\n";

static const char small_sop[] = "[sop]\n"
				"naam = \"SOP\"\n"
				"[kindkenmerk leren]\n"
				"naam = \"Leren\"\n"
				"[grenzen]\n"
				"1 = \"Capaciteit\"\n";

/* A data folder in dir/data; the model's second plan id is extra_plan. */
static char *small_datadir(const char *extra_plan)
{
	char *data = path_join(th_dir, "data");
	char *model = xasprintf(small_model, extra_plan);
	free(th_write(th_dir, "data/levels/klein.ini", model));
	free(model);
	free(th_write(th_dir, "data/plans/oop.ini", small_plan));
	free(th_write(th_dir, "data/plans/groepsplan.ini", small_plan));
	free(th_write(th_dir, "data/indicators/set.ini", small_set));
	free(th_write(th_dir, "data/basisondersteuning.ini", small_basis));
	free(th_write(th_dir, "data/sop.ini", small_sop));
	return data;
}

Test(domain, small_folder_values)
{
	char *data = small_datadir("groepsplan");
	struct ibis_config cfg;
	make_config(&cfg, data);
	free(cfg.level_model);
	cfg.level_model = xstrdup("klein");
	struct domain d;
	struct ibis_error err = {0};
	cr_assert_eq(domain_load(&d, &cfg, &err), IBIS_OK, "%s", err.message);

	const struct level_model *m = domain_model(&d, "klein");
	cr_assert_not_null(m);
	cr_assert_str_eq(m->name, "Klein");
	cr_assert_null(m->source);
	cr_assert_eq(d.sop.nkenmerken, 1);
	cr_assert_str_eq(d.sop.kenmerken[0].key, "leren");
	cr_assert_eq(d.sop.grenzen.len, 1);
	cr_assert_eq(m->rules.oop_max_weeks, 8);
	cr_assert_eq(m->rules.tlv_max_years, 0);
	const struct level *l1 = levelmodel_level(m, 1), *l2 = levelmodel_level(m, 2);
	cr_assert_eq(l1->basis, 1);
	cr_assert_eq(l1->kind, LEVEL_REGULAR);
	cr_assert_eq(l1->requires, 0u);
	cr_assert_null(l1->meeting);
	cr_assert_eq(l2->basis, -1);
	cr_assert_eq(l2->kind, LEVEL_PLACEMENT);
	cr_assert_eq(l2->requires, LEVEL_REQ_CONSENT | LEVEL_REQ_OPP | LEVEL_REQ_HOORRECHT);
	cr_assert_str_eq(l2->wat, "Een; twee\ndrie");
	cr_assert_str_eq(l2->meeting, "mdo");
	cr_assert_eq(l2->plans.len, 2);
	cr_assert_str_eq(l2->plans.items[0], "oop");
	cr_assert_str_eq(l2->plans.items[1], "groepsplan");
	cr_assert_str_eq(level_requirement_name(LEVEL_REQ_TLV), "tlv");
	cr_assert_null(level_requirement_name(1u << 9));

	const struct plan_template *t = domain_plan(&d, "oop");
	cr_assert_str_eq(t->short_name, "OOP");
	cr_assert_not(t->for_group);
	cr_assert_eq(t->max_weeks, 8);
	cr_assert(t->consent);
	cr_assert_eq(t->nfields, 2);
	cr_assert_str_eq(t->fields[0].key, "doelen");
	cr_assert_eq(t->fields[0].type, FIELD_GOALS);
	cr_assert(t->fields[0].required);
	const struct plan_field *soort = plantemplate_field(t, "soort");
	cr_assert_eq(soort, &t->fields[1]);
	cr_assert_eq(soort->type, FIELD_CHOICE);
	cr_assert_eq(soort->choices.len, 3);
	cr_assert_str_eq(soort->choices.items[2], "gedrag");
	cr_assert_str_eq(soort->help, "Kies er één.");
	cr_assert_str_eq(field_type_name(FIELD_PUPILS), "leerlingen");

	const struct indicator_set *s = domain_set(&d, "set");
	cr_assert_str_eq(s->indicators[0].id, "A.1");
	cr_assert_eq(s->indicators[0].section, 2);
	cr_assert_str_eq(s->norms[3], "vier");
	cr_assert_str_eq(s->principles.items[1], "tweede");

	cr_assert_str_eq(d.basis.aspect_keys[1], "tijd");
	cr_assert_str_eq(d.basis.aspect_names[0], "Aanbod");
	cr_assert_null(d.basis.areas[0].texts[0]);
	cr_assert_str_eq(d.basis.areas[0].texts[1], "Elke dag een half uur");
	domain_free(&d);
	config_free(&cfg);
	free(data);
}

Test(domain, plan_referencing_unknown_template)
{
	char *data = small_datadir("handelingsplan");
	struct ibis_config cfg;
	make_config(&cfg, data);
	struct domain d;
	struct ibis_error err = {0};
	cr_assert_eq(domain_load(&d, &cfg, &err), IBIS_EINPUT);
	char *want = xasprintf("%s/levels/klein.ini:13: niveau 2.plan: onbekend plan "
			       "„handelingsplan” (bekend: groepsplan, oop)",
			       data);
	cr_assert_str_eq(err.message, want);
	free(want);
	cr_assert_eq(d.nmodels, 0);
	config_free(&cfg);
	free(data);
}

Test(domain, configured_model_must_exist)
{
	char *data = small_datadir("oop");
	struct ibis_config cfg;
	make_config(&cfg, data);
	free(cfg.level_model);
	cfg.level_model = xstrdup("7-lagen");
	cfg.level_model_where = xstrdup("/etc/ibis/ibis.ini:4");
	struct domain d;
	struct ibis_error err = {0};
	cr_assert_eq(domain_load(&d, &cfg, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message,
			 "/etc/ibis/ibis.ini:4: niveaumodel: onbekend model „7-lagen” (bekend: klein)");
	config_free(&cfg);
	free(data);
}

Test(domain, schools_own_files_win_and_add)
{
	char *data = small_datadir("oop");
	struct ibis_config cfg;
	make_config(&cfg, data);
	free(cfg.level_model);
	cfg.level_model = xstrdup("onze-school");
	char *own = th_write(th_dir, "etc/levels/klein.ini",
			     "[model]\nnaam = \"Eigen klein\"\nniveaus = 2\n"
			     "[niveau 1]\nnaam = \"a\"\nkort = \"a\"\n[niveau 2]\nnaam = \"b\"\nkort = \"b\"\n");
	char *added = th_write(th_dir, "etc/levels/onze-school.ini",
			       "[model]\nnaam = \"Onze school\"\nniveaus = 3\n"
			       "[niveau 1]\nnaam = \"a\"\nkort = \"a\"\n[niveau 2]\nnaam = \"b\"\n"
			       "kort = \"b\"\nplan = oop\n[niveau 3]\nnaam = \"c\"\nkort = \"c\"\n");
	char *basis = th_write(th_dir, "etc/basisondersteuning.ini",
			       "[basisondersteuning]\nnaam = \"Eigen raster\"\n"
			       "[aspect a]\nnaam = \"A\"\n[gebied 1]\nnaam = \"G\"\n");
	free(th_write(th_dir, "etc/plans/notes.txt", "not an ini file"));
	struct domain d;
	struct ibis_error err = {0};
	cr_assert_eq(domain_load(&d, &cfg, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(d.nmodels, 2);
	cr_assert_str_eq(d.models[0].id, "klein");
	cr_assert_str_eq(d.models[0].name, "Eigen klein");
	cr_assert_str_eq(d.models[0].path, own);
	cr_assert_str_eq(d.models[1].id, "onze-school");
	cr_assert_eq(d.models[1].nlevels, 3);
	cr_assert_eq(d.nplans, 2);
	cr_assert_str_eq(d.basis.name, "Eigen raster");
	cr_assert_str_eq(d.basis.path, basis);
	domain_free(&d);
	config_free(&cfg);
	free(own);
	free(added);
	free(basis);
	free(data);
}

Test(domain, missing_data_folder)
{
	struct ibis_config cfg;
	char *nodir = path_join(th_dir, "nergens");
	make_config(&cfg, nodir);
	struct domain d;
	struct ibis_error err = {0};
	cr_assert_eq(domain_load(&d, &cfg, &err), IBIS_EINPUT);
	char *want = xasprintf("de datamap %s bestaat niet; geef de juiste map met --datadir", nodir);
	cr_assert_str_eq(err.message, want);
	free(want);
	config_free(&cfg);
	free(nodir);
}

Test(domain, missing_sub_folder)
{
	char *data = small_datadir("oop");
	char *levels = path_join(data, "levels");
	th_rmtree(levels);
	struct ibis_config cfg;
	make_config(&cfg, data);
	struct domain d;
	struct ibis_error err = {0};
	cr_assert_eq(domain_load(&d, &cfg, &err), IBIS_EINPUT);
	char *want = xasprintf("kan de map %s niet lezen: ", levels);
	cr_assert(str_starts(err.message, want), "%s", err.message);
	cr_assert(strstr(err.message, "--datadir"), "%s", err.message);
	free(want);
	config_free(&cfg);
	free(levels);
	free(data);
}

/* ============================================================ malformed level models */

/* Loading the fixture must fail with "PATH:<expect>". */
static void expect_model_fail(const char *name, const char *expect)
{
	char *path = fixture(name);
	struct level_model m;
	struct ibis_error err = {0};
	cr_assert_eq(levelmodel_load(path, "x", &m, &err), IBIS_EINPUT, "%s loaded", name);
	char *want = xasprintf("%s:%s", path, expect);
	cr_assert_str_eq(err.message, want);
	cr_assert_null(m.levels);
	cr_assert_null(m.name);
	free(want);
	free(path);
}

Test(datafile, bom_file_loads)
{
	char *path = fixture("bom-ok.ini");
	struct level_model m;
	struct ibis_error err = {0};
	cr_assert_eq(levelmodel_load(path, "bom-ok", &m, &err), IBIS_OK, "%s", err.message);
	cr_assert_str_eq(m.name, "Testmodel");
	cr_assert_str_eq(m.id, "bom-ok");
	cr_assert_eq(m.nlevels, 3);
	cr_assert_str_eq(m.levels[2].name, "Buiten de klas");
	levelmodel_free(&m);
	free(path);
}

Test(datafile, missing_required_key)
{
	expect_model_fail("missing-key.ini", "15: niveau 3.naam: ontbreekt");
}

Test(datafile, unknown_key)
{
	expect_model_fail("unknown-key.ini", "13: niveau 2.kleur: onbekende sleutel");
}

Test(datafile, duplicate_key)
{
	expect_model_fail("dup-key.ini", "13: niveau 2.kort: staat al op regel 12 in [niveau 2]");
}

Test(datafile, duplicate_section)
{
	expect_model_fail("dup-section.ini", "19: [niveau 1]: sectie staat al op regel 6");
}

Test(datafile, long_line)
{
	expect_model_fail("long-line.ini", "9: regel te lang (1200 bytes, maximaal 1000)");
}

Test(datafile, bad_number)
{
	expect_model_fail("bad-number.ini", "4: niveaus: geen getal: „zes”");
}

Test(datafile, unknown_level_word)
{
	expect_model_fail("bad-level.ini",
			  "13: niveau 2.soort: onbekend woord „speciaal” (regulier, plaatsing of "
			  "terugplaatsing)");
}

Test(datafile, syntax_error)
{
	expect_model_fail("syntax.ini", "8: geen sectiekop, commentaar of sleutel = waarde");
}

Test(datafile, unterminated_quote)
{
	expect_model_fail("unterminated-quote.ini", "11: niveau 2.naam: aanhalingsteken \" niet afgesloten");
}

Test(datafile, invalid_utf8)
{
	expect_model_fail("bad-utf8.ini", "16: geen geldige UTF-8 (byte 21 van de regel)");
}

/* Files written here: one rule each, the line and key named. */
static void expect_fail(const char *name, const char *content, const char *expect)
{
	char *path = th_write(th_dir, name, content);
	struct ibis_error err = {0};
	enum ibis_status st;
	if (str_starts(name, "levels/")) {
		struct level_model m;
		st = levelmodel_load(path, "x", &m, &err);
		if (st == IBIS_OK)
			levelmodel_free(&m);
	} else if (str_starts(name, "plans/")) {
		struct plan_template t;
		st = plantemplate_load(path, "x", &t, &err);
		if (st == IBIS_OK)
			plantemplate_free(&t);
	} else if (str_starts(name, "indicators/")) {
		struct indicator_set s;
		st = indicators_load(path, "x", &s, &err);
		if (st == IBIS_OK)
			indicators_free(&s);
	} else {
		struct basis_grid g;
		st = basis_load(path, &g, &err);
		if (st == IBIS_OK)
			basis_free(&g);
	}
	cr_assert_eq(st, IBIS_EINPUT, "%s loaded: %s", name, content);
	char *want = xasprintf("%s:%s", path, expect);
	cr_assert_str_eq(err.message, want);
	free(want);
	free(path);
}

#define MODEL_HEAD "[model]\nnaam = \"M\"\nniveaus = 2\n"
#define LEVEL1 "[niveau 1]\nnaam = \"a\"\nkort = \"a\"\n"
#define LEVEL2 "[niveau 2]\nnaam = \"b\"\nkort = \"b\"\n"

Test(datafile, level_model_rules)
{
	expect_fail("levels/a.ini", LEVEL1 LEVEL2, " [model]: ontbreekt");
	expect_fail("levels/a.ini", "[model]\nnaam = \"M\"\n" LEVEL1 LEVEL2, "1: niveaus: ontbreekt");
	expect_fail("levels/a.ini", "[model]\nnaam = \"M\"\nniveaus = 12\n",
		    "3: niveaus: 12 ligt niet tussen 2 en 9");
	/* niveaus must match the [niveau N] sections, 1..N without gaps */
	expect_fail("levels/a.ini", "[model]\nnaam = \"M\"\nniveaus = 3\n" LEVEL1 LEVEL2,
		    "3: niveaus: 3 niveaus, maar [niveau 3] ontbreekt");
	expect_fail("levels/a.ini", MODEL_HEAD LEVEL1 LEVEL2 "[niveau 3]\nnaam = \"c\"\n",
		    "10: [niveau 3]: het model heeft maar 2 niveaus (niveaus = 2)");
	expect_fail("levels/a.ini", MODEL_HEAD LEVEL1 LEVEL2 "[niveau 02]\n",
		    "10: [niveau 02]: onbekende sectie (verwacht [model], [niveau N] of [regels])");
	expect_fail("levels/a.ini", MODEL_HEAD LEVEL1 "[niveau 2]\nnaam = \"b\"\n"
						      "kort = \"Dertien tekens\"\n",
		    "9: niveau 2.kort: „Dertien tekens” is te lang (14 tekens, maximaal 12)");
	expect_fail("levels/a.ini", MODEL_HEAD LEVEL1 LEVEL2 "vereist = \"toestemming, oop\"\n",
		    "10: niveau 2.vereist: onbekend woord „oop” (toestemming, groeidocument, opp, "
		    "tlv of hoorrecht)");
	expect_fail("levels/a.ini", MODEL_HEAD LEVEL1 LEVEL2 "basis = soms\n",
		    "10: niveau 2.basis: geen ja of nee: „soms”");
	expect_fail("levels/a.ini", MODEL_HEAD LEVEL1 LEVEL2 "[regels]\noop_max_weken = 0\n",
		    "11: oop_max_weken: 0 ligt niet tussen 1 en 520");
	expect_fail("levels/a.ini", MODEL_HEAD "bron.2 = \"x\"\n" LEVEL1 LEVEL2,
		    "4: bron.2: bron ontbreekt (de delen van een tekst lopen zonder gaten door)");
	/* kort counts characters, not bytes */
	char *path = th_write(th_dir, "levels/ok.ini",
			      MODEL_HEAD LEVEL1 "[niveau 2]\nnaam = \"b\"\nkort = \"Ëëëëëëëëëëëë\"\n");
	struct level_model m;
	struct ibis_error err = {0};
	cr_assert_eq(levelmodel_load(path, "ok", &m, &err), IBIS_OK, "%s", err.message);
	levelmodel_free(&m);
	free(path);
}

#define PLAN_HEAD "[plan]\nnaam = \"P\"\nkort = \"P\"\nvoor = leerling\n"

Test(datafile, plan_template_rules)
{
	expect_fail("plans/a.ini", "[plan]\nnaam = \"P\"\nkort = \"P\"\n[veld a]\nlabel = \"A\"\n"
				   "type = regel\n",
		    "1: voor: ontbreekt");
	expect_fail("plans/a.ini", "[plan]\nnaam = \"P\"\nkort = \"P\"\nvoor = klas\n",
		    "4: voor: onbekend woord „klas” (leerling of groep)");
	expect_fail("plans/a.ini", PLAN_HEAD, "1: [plan]: een plan heeft minstens één [veld NAAM]");
	expect_fail("plans/a.ini", PLAN_HEAD "[veld a]\nlabel = \"A\"\n",
		    "5: veld a.type: ontbreekt");
	expect_fail("plans/a.ini", PLAN_HEAD "[veld a]\nlabel = \"A\"\ntype = lijst\n",
		    "7: veld a.type: onbekend woord „lijst” (regel, tekst, datum, keuze, doelen of "
		    "leerlingen)");
	expect_fail("plans/a.ini", PLAN_HEAD "[veld a]\nlabel = \"A\"\ntype = keuze\n",
		    "5: veld a.keuzes: ontbreekt (type keuze heeft keuzes nodig)");
	expect_fail("plans/a.ini", PLAN_HEAD "[veld a]\nlabel = \"A\"\ntype = leerlingen\n"
					     "keuzes = \"x\"\n",
		    "8: veld a.keuzes: hoort niet bij type leerlingen");
	expect_fail("plans/a.ini", PLAN_HEAD "[veld a]\nlabel = \"A\"\ntype = tekst\nkleur = 1\n",
		    "8: veld a.kleur: onbekende sleutel");
	expect_fail("plans/a.ini", PLAN_HEAD "[velden]\n",
		    "5: [velden]: onbekende sectie (verwacht [plan] of [veld NAAM])");
	expect_fail("plans/a.ini", PLAN_HEAD "[veld a]\nlabel = \"A\"\ntype = tekst\n"
					     "verplicht = later\n",
		    "8: veld a.verplicht: onbekend woord „later” (ja, nee of evaluatie)");
	expect_fail("plans/a.ini", PLAN_HEAD "leerkracht = soms\n[veld a]\nlabel = \"A\"\n"
					     "type = tekst\n",
		    "5: leerkracht: geen ja of nee: „soms”");
}

Test(datafile, plan_template_new_keys)
{
	char *path = th_write(th_dir, "plans/eigen.ini",
			      PLAN_HEAD "leerkracht = ja\n"
					"[veld a]\nlabel = \"A\"\ntype = tekst\nverplicht = Evaluatie\n"
					"[veld b]\nlabel = \"B\"\ntype = regel\nverplicht = ja\n"
					"[veld c]\nlabel = \"C\"\ntype = regel\nverplicht = nee\n"
					"[veld d]\nlabel = \"D\"\ntype = datum\n");
	struct plan_template t;
	struct ibis_error err = {0};
	cr_assert_eq(plantemplate_load(path, "eigen", &t, &err), IBIS_OK, "%s", err.message);
	cr_assert(t.teacher);
	cr_assert_eq(t.nfields, 4);
	static const bool req[] = {false, true, false, false}, eval[] = {true, false, false, false};
	for (int i = 0; i < 4; i++) {
		cr_assert_eq(t.fields[i].required, req[i], "%s", t.fields[i].key);
		cr_assert_eq(t.fields[i].required_eval, eval[i], "%s", t.fields[i].key);
	}
	plantemplate_free(&t);
	free(path);
	/* without the key a teacher may not */
	path = th_write(th_dir, "plans/kaal.ini",
			PLAN_HEAD "[veld a]\nlabel = \"A\"\ntype = tekst\n");
	cr_assert_eq(plantemplate_load(path, "kaal", &t, &err), IBIS_OK, "%s", err.message);
	cr_assert_not(t.teacher);
	plantemplate_free(&t);
	free(path);
}

#define SET_HEAD "[set]\nnaam = \"S\"\n[normering]\n1 = \"a\"\n2 = \"b\"\n3 = \"c\"\n4 = \"d\"\n"

Test(datafile, indicator_set_rules)
{
	expect_fail("indicators/a.ini", "[set]\nnaam = \"S\"\n[normering]\n1 = \"a\"\n2 = \"b\"\n"
					"4 = \"d\"\n",
		    "3: normering.3: ontbreekt");
	expect_fail("indicators/a.ini", SET_HEAD "5 = \"e\"\n", "8: normering.5: onbekende sleutel");
	expect_fail("indicators/a.ini", SET_HEAD "[indicator 1.1]\nsectie = 1\ntekst = \"t\"\n",
		    "9: indicator 1.1.sectie: [sectie 1] bestaat niet in dit bestand");
	expect_fail("indicators/a.ini", SET_HEAD "[sectie 1]\nnaam = \"s\"\n[indicator 1.1]\n"
						 "tekst = \"t\"\n",
		    "10: indicator 1.1.sectie: ontbreekt");
	expect_fail("indicators/a.ini", SET_HEAD "[sectie 1]\nnaam = \"s\"\n[indicator 1.1]\n"
						 "sectie = 1\n",
		    "10: indicator 1.1.tekst: ontbreekt");
	expect_fail("indicators/a.ini", SET_HEAD "[principes]\n1 = \"a\"\n3 = \"c\"\n",
		    "10: principes.3: verwacht principe 2 (de nummers lopen vanaf 1 zonder gaten op)");
	expect_fail("indicators/a.ini", SET_HEAD "[sectie een]\nnaam = \"s\"\n",
		    "8: [sectie een]: een sectie heeft een nummer: [sectie 1]");
	expect_fail("indicators/a.ini", SET_HEAD "[sectie 1]\nnaam = \"s\"\n",
		    "1: [set]: de set heeft geen enkele [indicator N.M]");
}

#define BASIS_HEAD "[basisondersteuning]\nnaam = \"B\"\n[aspect aanbod]\nnaam = \"Aanbod\"\n"

Test(datafile, basis_grid_rules)
{
	expect_fail("basis.ini", BASIS_HEAD "[gebied 1]\nnaam = \"Lezen\"\ntijd = \"x\"\n",
		    "7: gebied 1.tijd: geen aspect van dit bestand (aspecten: aanbod)");
	expect_fail("basis.ini", BASIS_HEAD "[gebied 1]\naanbod = \"x\"\n",
		    "5: gebied 1.naam: ontbreekt");
	expect_fail("basis.ini", BASIS_HEAD "[gebied 1]\nnaam = \"Lezen\"\naanbod.3 = \"x\"\n",
		    "7: gebied 1.aanbod.3: aanbod.2 ontbreekt (de delen van een tekst lopen zonder "
		    "gaten door)");
	expect_fail("basis.ini", BASIS_HEAD, "1: [basisondersteuning]: geen enkel [gebied N] (de "
					     "rijen van het raster)");
	expect_fail("basis.ini", "[basisondersteuning]\nnaam = \"B\"\n[gebied 1]\nnaam = \"L\"\n",
		    "1: [basisondersteuning]: geen enkel [aspect NAAM] (de kolommen van het raster)");
	expect_fail("basis.ini", BASIS_HEAD "[rij 1]\n",
		    "5: [rij 1]: onbekende sectie (verwacht [basisondersteuning], [aspect NAAM] of "
		    "[gebied N])");
}
