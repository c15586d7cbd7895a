/* test_planrules.c - the rules of plans against the shipped templates and
 * models: the OOP's 8 weeks (calendar and school weeks), the OPP's legal
 * parts and instemming, the evaluation, the 6-week and yearly dates, a
 * school's own model overriding a number, the start of extra support and who
 * may move a plan where. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/planrules.h"
#include "ibis/util.h"

TestSuite(calendar, .init = th_tmp_setup, .fini = th_tmp_teardown);
TestSuite(rules, .init = th_tmp_setup, .fini = th_tmp_teardown);
TestSuite(support, .init = th_tmp_setup, .fini = th_tmp_teardown);
TestSuite(status, .init = th_tmp_setup, .fini = th_tmp_teardown);

/* ============================================================ helpers */

static ibis_date D(const char *s)
{
	ibis_date d;
	cr_assert(date_parse(s, &d), "bad date in test: %s", s);
	return d;
}

static void load_model(const char *path, const char *id, struct level_model *m)
{
	struct ibis_error err = {0};
	cr_assert_eq(levelmodel_load(path, id, m, &err), IBIS_OK, "%s", err.message);
}

static void add_goal(struct plan_doc *d, ibis_id id, const char *text, enum goal_result r)
{
	struct goal g = {.id = id, .area = 1, .text = (char *)text, .target = DATE_NONE,
			 .result = r};
	plandoc_add_goal(d, &g);
}

/* Every field the template marks verplicht = ja, filled. */
static void fill_required(struct plan_doc *d, const struct plan_template *t)
{
	for (int i = 0; i < t->nfields; i++) {
		const struct plan_field *fl = &t->fields[i];
		if (!fl->required)
			continue;
		if (fl->type == FIELD_GOALS)
			add_goal(d, 0, "Leest een tekst op AVI-niveau M4 vlot en foutloos voor", GOAL_OPEN);
		else if (fl->type == FIELD_PUPILS)
			plandoc_set_member(d, fl->key, fl->choices.items[0], 7, "Anna de Vries");
		else
			plandoc_set(d, fl->key, "ingevuld");
	}
}

static const struct plan_issue *find_unit(const struct plan_issues *is, const char *unit)
{
	for (int i = 0; i < is->n; i++)
		if (is->items[i].unit && strcmp(is->items[i].unit, unit) == 0)
			return &is->items[i];
	return NULL;
}

static const struct plan_issue *find_text(const struct plan_issues *is, const char *text)
{
	for (int i = 0; i < is->n; i++)
		if (strcmp(is->items[i].text, text) == 0)
			return &is->items[i];
	return NULL;
}

/* All issues, one per line, for assertion messages. Caller frees. */
static char *dump(const struct plan_issues *is)
{
	struct strbuf sb = {0};
	for (int i = 0; i < is->n; i++)
		sb_printf(&sb, "%s [%s] %s\n", is->items[i].kind == PLAN_REFUSE ? "REFUSE" : "WARN",
			  is->items[i].unit ? is->items[i].unit : "-", is->items[i].text);
	return sb_take(&sb);
}

#define assert_refusals(is, n)                                                          \
	do {                                                                            \
		char *all_ = dump(is);                                                  \
		cr_assert_eq(plan_issues_refusals(is), (n), "issues:\n%s", all_);        \
		free(all_);                                                             \
	} while (0)

/* ============================================================ calendar */

Test(calendar, weeks_round_up)
{
	ibis_date from = D("2026-09-01");
	cr_assert_eq(plan_weeks(NULL, from, from), 1);
	cr_assert_eq(plan_weeks(NULL, from, date_add_days(from, 6)), 1);
	cr_assert_eq(plan_weeks(NULL, from, date_add_days(from, 7)), 2);
	cr_assert_eq(plan_weeks(NULL, from, date_add_days(from, -1)), 0);
	cr_assert_eq(plan_weeks(NULL, from, DATE_NONE), 0);
	cr_assert_eq(plan_weeks_end(NULL, from, 8), D("2026-10-26"));
	cr_assert_eq(plan_weeks(NULL, from, D("2026-10-26")), 8);
}

Test(calendar, parse_sorts_and_merges)
{
	struct plan_calendar c;
	struct ibis_error err = {0};
	cr_assert_eq(plan_calendar_parse("21-12-2026 t/m 01-01-2027, 19-10-2026 t/m 23-10-2026,"
					 " 2026-10-22 t/m 2026-10-26, 05-04-2027",
					 true, &c, &err),
		     IBIS_OK, "%s", err.message);
	cr_assert(c.school_weeks);
	cr_assert_eq(c.nholidays, 3);
	cr_assert_eq(c.holidays[0].from, D("2026-10-19"));
	cr_assert_eq(c.holidays[0].to, D("2026-10-26"));
	cr_assert_eq(c.holidays[1].from, D("2026-12-21"));
	cr_assert_eq(c.holidays[1].to, D("2027-01-01"));
	cr_assert_eq(c.holidays[2].from, D("2027-04-05"));
	cr_assert_eq(c.holidays[2].to, D("2027-04-05"));
	plan_calendar_free(&c);
	cr_assert_null(c.holidays);

	cr_assert_eq(plan_calendar_parse(NULL, false, &c, &err), IBIS_OK);
	cr_assert_eq(c.nholidays, 0);
	plan_calendar_free(&c);
	cr_assert_eq(plan_calendar_parse("  ", true, &c, &err), IBIS_OK);
	cr_assert_eq(c.nholidays, 0);
	plan_calendar_free(&c);
}

Test(calendar, bad_ranges)
{
	static const struct {
		const char *spec, *message;
	} cases[] = {
		{"19-10-2026 t/m 23-10-2026, 30-02-2026",
		 "vakantie 2: '30-02-2026': geen geldige datum"},
		{"19-10-2026 t/m 32-10-2026", "vakantie 1: '32-10-2026': geen geldige datum"},
		{"herfst", "vakantie 1: 'herfst': geen geldige datum"},
		{"t/m 23-10-2026", "vakantie 1: 't/m 23-10-2026': geen geldige datum"},
		{"23-10-2026 t/m 19-10-2026",
		 "vakantie 1: '23-10-2026 t/m 19-10-2026': de einddatum ligt voor de begindatum"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct plan_calendar c;
		struct ibis_error err = {0};
		cr_assert_eq(plan_calendar_parse(cases[i].spec, true, &c, &err), IBIS_EINPUT, "%s",
			     cases[i].spec);
		cr_assert_str_eq(err.message, cases[i].message);
		cr_assert_eq(c.nholidays, 0);
		cr_assert_null(c.holidays);
	}
}

Test(calendar, school_weeks_leave_out_the_holidays)
{
	struct plan_calendar c;
	struct ibis_error err = {0};
	cr_assert_eq(plan_calendar_parse("19-10-2026 t/m 23-10-2026", true, &c, &err), IBIS_OK);
	ibis_date from = D("2026-09-01");
	/* 8 weeks with a 5-day holiday inside end 5 days later */
	cr_assert_eq(plan_weeks_end(&c, from, 8), D("2026-10-31"));
	cr_assert_eq(plan_weeks(&c, from, D("2026-10-31")), 8);
	cr_assert_eq(plan_weeks(&c, from, D("2026-11-01")), 9);
	cr_assert_eq(plan_weeks(NULL, from, D("2026-10-31")), 9);
	/* a period before the holiday is not lengthened */
	cr_assert_eq(plan_weeks_end(&c, from, 2), D("2026-09-14"));
	/* starting inside the holiday: counting begins after it */
	cr_assert_eq(plan_weeks_end(&c, D("2026-10-21"), 1), D("2026-10-30"));
	/* calendar weeks ignore the list */
	c.school_weeks = false;
	cr_assert_eq(plan_weeks_end(&c, from, 8), D("2026-10-26"));
	plan_calendar_free(&c);
}

/* ============================================================ OOP: 8 weeks */

struct oop_fixture {
	struct plan_template t;
	struct level_model model;
	struct plan_context ctx;
	struct plan_doc d;
};

static void oop_setup(struct oop_fixture *f)
{
	th_load_template("oop", &f->t);
	th_load_model("6-lagen", &f->model);
	f->ctx = (struct plan_context){.t = &f->t, .model = &f->model, .cal = NULL,
				       .today = D("2026-09-01"), .support_start = DATE_NONE};
	plandoc_init(&f->d);
	fill_required(&f->d, &f->t);
	f->d.plan.start = D("2026-09-01");
	f->d.plan.eval_date = D("2026-10-26");
}

static void oop_teardown(struct oop_fixture *f)
{
	plandoc_free(&f->d);
	plantemplate_free(&f->t);
	levelmodel_free(&f->model);
}

Test(rules, oop_of_eight_weeks_accepted)
{
	struct oop_fixture f;
	oop_setup(&f);
	f.d.plan.end = D("2026-10-26");
	struct plan_issues is = {0};
	plan_check(&f.ctx, &f.d, PLAN_ACTIVE, &is);
	assert_refusals(&is, 0);
	cr_assert_eq(is.n, 0);
	plan_issues_free(&is);
	oop_teardown(&f);
}

Test(rules, oop_one_day_too_long_refused)
{
	struct oop_fixture f;
	oop_setup(&f);
	f.d.plan.end = D("2026-10-27");
	struct plan_issues is = {0};
	plan_check(&f.ctx, &f.d, PLAN_ACTIVE, &is);
	assert_refusals(&is, 1);
	cr_assert_eq(is.items[0].kind, PLAN_REFUSE);
	cr_assert_str_eq(is.items[0].unit, "eind");
	cr_assert_str_eq(is.items[0].text, "Een OOP loopt maximaal 8 weken; deze periode is 9 weken "
					   "(01-09-2026 t/m 27-10-2026).");
	plan_issues_free(&is);

	/* in school weeks, with the autumn holiday inside, the same period fits */
	struct plan_calendar c;
	cr_assert_eq(plan_calendar_parse("19-10-2026 t/m 23-10-2026", true, &c, NULL), IBIS_OK);
	f.ctx.cal = &c;
	plan_check(&f.ctx, &f.d, PLAN_ACTIVE, &is);
	assert_refusals(&is, 0);
	plan_issues_free(&is);
	f.d.plan.end = D("2026-11-01");
	plan_check(&f.ctx, &f.d, PLAN_ACTIVE, &is);
	assert_refusals(&is, 1);
	cr_assert_str_eq(is.items[0].text, "Een OOP loopt maximaal 8 schoolweken; deze periode is 9 "
					   "schoolweken (01-09-2026 t/m 01-11-2026).");
	plan_issues_free(&is);
	plan_calendar_free(&c);
	oop_teardown(&f);
}

Test(rules, oop_needs_end_start_and_evaluation_date)
{
	struct oop_fixture f;
	oop_setup(&f);
	f.d.plan.start = DATE_NONE;
	f.d.plan.eval_date = DATE_NONE;
	struct plan_issues is = {0};
	plan_check(&f.ctx, &f.d, PLAN_ACTIVE, &is);
	assert_refusals(&is, 3);
	cr_assert_str_eq(find_unit(&is, "start")->text, "Het plan heeft nog geen startdatum.");
	cr_assert_str_eq(find_unit(&is, "eind")->text,
			 "Een OOP loopt maximaal 8 weken; het plan heeft nog geen einddatum.");
	cr_assert_str_eq(find_unit(&is, "evaluatiedatum")->text,
			 "Het plan heeft nog geen evaluatiedatum.");
	plan_issues_free(&is);

	/* with a start, the rule proposes the end of the 8 weeks */
	f.d.plan.start = D("2026-09-01");
	f.d.plan.end = D("2026-10-20");
	plan_check(&f.ctx, &f.d, PLAN_ACTIVE, &is);
	assert_refusals(&is, 1);
	cr_assert_str_eq(find_unit(&is, "evaluatiedatum")->text,
			 "Het plan heeft nog geen evaluatiedatum (volgens de regels uiterlijk "
			 "20-10-2026).");
	plan_issues_free(&is);

	/* a required field left empty, and an end before the start */
	oop_teardown(&f);
	oop_setup(&f);
	plandoc_set(&f.d, "aanpak", "   ");
	f.d.plan.end = D("2026-08-31");
	plan_check(&f.ctx, &f.d, PLAN_ACTIVE, &is);
	assert_refusals(&is, 2);
	cr_assert_str_eq(find_unit(&is, "veld:aanpak")->text, "Verplicht deel ontbreekt: Aanpak.");
	cr_assert_str_eq(find_unit(&is, "eind")->text,
			 "De einddatum (31-08-2026) ligt voor de startdatum (01-09-2026).");
	plan_issues_free(&is);
	oop_teardown(&f);
}

Test(rules, active_oop_past_its_weeks_warns)
{
	struct oop_fixture f;
	oop_setup(&f);
	f.d.plan.end = D("2026-10-26");
	f.d.plan.status = PLAN_ACTIVE;
	f.ctx.today = D("2026-10-27");
	struct plan_issues is = {0};
	plan_check(&f.ctx, &f.d, PLAN_CLOSED, &is);
	assert_refusals(&is, 0);
	cr_assert_eq(is.n, 3, "%d", is.n);
	cr_assert_str_eq(find_unit(&is, "eind")->text,
			 "De einddatum (26-10-2026) is voorbij; evalueer het plan of sluit het af.");
	cr_assert_str_eq(find_unit(&is, "start")->text,
			 "Een OOP loopt maximaal 8 weken; dit plan loopt al 9 weken (sinds "
			 "01-09-2026).");
	cr_assert_str_eq(find_unit(&is, "evaluatiedatum")->text,
			 "De evaluatiedatum (26-10-2026) is voorbij.");
	for (int i = 0; i < is.n; i++)
		cr_assert_eq(is.items[i].kind, PLAN_WARN);
	plan_issues_free(&is);
	oop_teardown(&f);
}

/* ============================================================ model override */

Test(rules, model_overrides_the_template)
{
	char *path = th_write(th_dir, "levels/eigen.ini",
			      "[model]\nnaam = \"Eigen\"\nniveaus = 2\n"
			      "[niveau 1]\nnaam = \"Basis\"\nkort = \"1\"\nbasis = ja\n"
			      "[niveau 2]\nnaam = \"Extra\"\nkort = \"2\"\nbasis = nee\n"
			      "[regels]\noop_max_weken = 6\nopp_binnen_weken = 4\n");
	struct level_model m;
	load_model(path, "eigen", &m);
	struct plan_template oop, opp, ihp;
	th_load_template("oop", &oop);
	th_load_template("opp", &opp);
	th_load_template("ihp", &ihp);

	struct plan_limits lim;
	plan_limits_get(&oop, NULL, &lim);
	cr_assert_eq(lim.max_weeks, 8);
	plan_limits_get(&oop, &m, &lim);
	cr_assert_eq(lim.max_weeks, 6);
	cr_assert_eq(lim.due_within_weeks, 0);
	plan_limits_get(&opp, &m, &lim);
	cr_assert_eq(lim.max_weeks, 0);
	cr_assert_eq(lim.due_within_weeks, 4);
	cr_assert_eq(lim.eval_months, 12); /* the model does not say: the template's */
	plan_limits_get(&ihp, &m, &lim);
	cr_assert_eq(lim.max_weeks, 0);
	cr_assert_eq(lim.due_within_weeks, 0);
	cr_assert_eq(lim.eval_months, 0);

	struct plan_doc d;
	plandoc_init(&d);
	fill_required(&d, &oop);
	d.plan.start = D("2026-09-01");
	d.plan.end = D("2026-10-19"); /* 7 weeks */
	d.plan.eval_date = d.plan.end;
	struct plan_context ctx = {.t = &oop, .model = &m, .today = D("2026-09-01"),
				   .support_start = DATE_NONE};
	struct plan_issues is = {0};
	plan_check(&ctx, &d, PLAN_ACTIVE, &is);
	assert_refusals(&is, 1);
	cr_assert_str_eq(is.items[0].text, "Een OOP loopt maximaal 6 weken; deze periode is 7 weken "
					   "(01-09-2026 t/m 19-10-2026).");
	plan_issues_free(&is);
	ctx.model = NULL;
	plan_check(&ctx, &d, PLAN_ACTIVE, &is);
	assert_refusals(&is, 0);
	plan_issues_free(&is);

	/* the OPP's due date follows the model's 4 weeks */
	ctx.t = &opp;
	ctx.model = &m;
	ctx.support_start = D("2026-09-07");
	ibis_date due, eval;
	plan_rule_dates(&ctx, &d, &due, &eval);
	cr_assert_eq(due, D("2026-10-04"));

	plandoc_free(&d);
	plantemplate_free(&oop);
	plantemplate_free(&opp);
	plantemplate_free(&ihp);
	levelmodel_free(&m);
	free(path);
}

/* ============================================================ OPP */

struct opp_fixture {
	struct plan_template t;
	struct level_model model;
	struct plan_context ctx;
	struct plan_doc d;
};

static void opp_setup(struct opp_fixture *f)
{
	th_load_template("opp", &f->t);
	th_load_model("6-lagen", &f->model);
	f->ctx = (struct plan_context){.t = &f->t, .model = &f->model, .today = D("2026-10-01"),
				       .support_start = D("2026-09-07")};
	plandoc_init(&f->d);
	f->d.plan.start = D("2026-10-01");
	f->d.plan.eval_date = D("2027-10-01");
	f->d.plan.agreed = D("2026-09-30");
}

static void opp_teardown(struct opp_fixture *f)
{
	plandoc_free(&f->d);
	plantemplate_free(&f->t);
	levelmodel_free(&f->model);
}

Test(rules, opp_lists_every_empty_legal_part)
{
	struct opp_fixture f;
	opp_setup(&f);
	int required = 0, legal = 0;
	for (int i = 0; i < f.t.nfields; i++) {
		required += f.t.fields[i].required;
		legal += f.t.fields[i].required && f.t.fields[i].legal;
	}
	/* the shipped OPP: 7 parts of the perspectief, 3 of the hoorrecht, and
	 * the handelingsdeel (doelen, aanpak, afspraken) */
	cr_assert_eq(required, 13);
	cr_assert_eq(legal, 10);

	struct plan_issues is = {0};
	plan_check(&f.ctx, &f.d, PLAN_ACTIVE, &is);
	assert_refusals(&is, 13);
	int named_legal = 0;
	for (int i = 0; i < is.n; i++) {
		cr_assert_eq(is.items[i].kind, PLAN_REFUSE);
		cr_assert(str_starts(is.items[i].unit, "veld:"), "%s", is.items[i].unit);
		if (strstr(is.items[i].text, "(wettelijk)."))
			named_legal++;
	}
	cr_assert_eq(named_legal, 10);
	cr_assert_str_eq(find_unit(&is, "veld:onderbouwing")->text,
			 "Verplicht deel ontbreekt: Onderbouwing van de uitstroombestemming "
			 "(wettelijk).");
	cr_assert_str_eq(find_unit(&is, "veld:afwijkingen")->text,
			 "Verplicht deel ontbreekt: Afwijkingen van het onderwijsprogramma "
			 "(wettelijk).");
	cr_assert_str_eq(find_unit(&is, "veld:inbreng_leerling")->text,
			 "Verplicht deel ontbreekt: Inbreng leerling (hoorrecht) (wettelijk).");
	cr_assert_str_eq(find_unit(&is, "veld:doelen")->text, "Verplicht deel ontbreekt: Doelen.");
	cr_assert_null(find_unit(&is, "veld:evaluatie"));
	/* the fields are listed in the template's order */
	cr_assert_str_eq(is.items[0].unit, "veld:uitstroom");
	plan_issues_free(&is);
	opp_teardown(&f);
}

Test(rules, opp_without_instemming_refused)
{
	struct opp_fixture f;
	opp_setup(&f);
	fill_required(&f.d, &f.t);
	f.d.plan.agreed = DATE_NONE;
	struct plan_issues is = {0};
	plan_check(&f.ctx, &f.d, PLAN_ACTIVE, &is);
	assert_refusals(&is, 1);
	cr_assert_str_eq(is.items[0].unit, "instemming");
	cr_assert_str_eq(is.items[0].text, "De instemming van de ouders met het handelingsdeel is nog "
					   "niet vastgelegd, met de datum.");
	plan_issues_free(&is);

	f.d.plan.agreed = D("2026-10-02"); /* tomorrow */
	plan_check(&f.ctx, &f.d, PLAN_ACTIVE, &is);
	assert_refusals(&is, 1);
	cr_assert_str_eq(find_unit(&is, "instemming")->text,
			 "De datum van de instemming van de ouders (02-10-2026) ligt na vandaag.");
	plan_issues_free(&is);

	/* no evaluation date: the rule's date is named */
	f.d.plan.agreed = D("2026-10-01");
	f.d.plan.eval_date = DATE_NONE;
	plan_check(&f.ctx, &f.d, PLAN_ACTIVE, &is);
	assert_refusals(&is, 1);
	cr_assert_str_eq(find_unit(&is, "evaluatiedatum")->text,
			 "Het plan heeft nog geen evaluatiedatum (volgens de regels uiterlijk "
			 "01-10-2027).");
	plan_issues_free(&is);
	opp_teardown(&f);
}

Test(rules, complete_opp_accepted)
{
	struct opp_fixture f;
	opp_setup(&f);
	fill_required(&f.d, &f.t);
	struct plan_issues is = {0};
	plan_check(&f.ctx, &f.d, PLAN_ACTIVE, &is);
	assert_refusals(&is, 0);
	cr_assert_eq(is.n, 0);
	plan_issues_free(&is);
	opp_teardown(&f);
}

Test(rules, active_opp_without_hoorrecht_warns)
{
	struct opp_fixture f;
	opp_setup(&f);
	fill_required(&f.d, &f.t);
	plandoc_set(&f.d, "inbreng_leerling", NULL);
	plandoc_set(&f.d, "invloed_leerling", NULL);
	f.d.plan.status = PLAN_ACTIVE;
	struct plan_issues is = {0};
	plan_check(&f.ctx, &f.d, PLAN_CLOSED, &is);
	assert_refusals(&is, 0);
	cr_assert_eq(is.n, 2);
	const struct plan_issue *w = find_unit(&is, "veld:inbreng_leerling");
	cr_assert_not_null(w);
	cr_assert_eq(w->kind, PLAN_WARN);
	cr_assert_str_eq(w->text, "Wettelijk deel ontbreekt: Inbreng leerling (hoorrecht).");
	cr_assert_not_null(find_unit(&is, "veld:invloed_leerling"));
	plan_issues_free(&is);
	opp_teardown(&f);
}

Test(rules, concept_opp_past_its_due_date_warns)
{
	struct opp_fixture f;
	opp_setup(&f);
	f.ctx.today = D("2026-10-19"); /* due 18-10-2026: 6 weeks from 07-09-2026 */
	struct plan_issues is = {0};
	plan_check(&f.ctx, &f.d, PLAN_CLOSED, &is);
	assert_refusals(&is, 0);
	cr_assert_eq(is.n, 1);
	cr_assert_str_eq(is.items[0].unit, "uiterlijk");
	cr_assert_str_eq(is.items[0].text,
			 "Het plan had uiterlijk 18-10-2026 klaar moeten zijn (een OPP wordt "
			 "opgesteld binnen 6 weken na de start van de extra ondersteuning).");
	plan_issues_free(&is);
	/* the date on the plan wins over the rule's */
	f.d.plan.due = D("2026-10-30");
	plan_check(&f.ctx, &f.d, PLAN_CLOSED, &is);
	cr_assert_eq(is.n, 0);
	plan_issues_free(&is);
	opp_teardown(&f);
}

/* ============================================================ evaluation */

static void evaluated_opp(struct opp_fixture *f)
{
	opp_setup(f);
	fill_required(&f->d, &f->t);
	f->d.goals[0].id = 41;
	f->d.goals[0].result = GOAL_PARTLY;
	add_goal(&f->d, 42, "Rekent tot honderd", GOAL_MET);
	plandoc_set(&f->d, "evaluatie", "Doelen grotendeels behaald; uitstroom blijft passend.");
	f->d.plan.status = PLAN_ACTIVE;
	f->d.plan.evaluated = D("2027-09-28");
	f->d.plan.evaluated_with = xstrdup("Beide ouders, leerling en IB");
	f->ctx.today = D("2027-09-30");
}

Test(rules, evaluation_complete)
{
	struct opp_fixture f;
	evaluated_opp(&f);
	struct plan_issues is = {0};
	plan_check(&f.ctx, &f.d, PLAN_EVALUATED, &is);
	assert_refusals(&is, 0);
	cr_assert_eq(is.n, 0);
	plan_issues_free(&is);
	opp_teardown(&f);
}

Test(rules, evaluation_with_an_open_goal_refused)
{
	struct opp_fixture f;
	evaluated_opp(&f);
	f.d.goals[0].result = GOAL_OPEN;
	add_goal(&f.d, 0, "Nieuw doel", GOAL_OPEN);
	struct plan_issues is = {0};
	plan_check(&f.ctx, &f.d, PLAN_EVALUATED, &is);
	assert_refusals(&is, 2);
	cr_assert_str_eq(find_unit(&is, "doel:41")->text,
			 "Doel nog niet geëvalueerd: „Leest een tekst op AVI-niveau M4…”.");
	cr_assert_str_eq(find_unit(&is, "doel:nieuw:0")->text,
			 "Doel nog niet geëvalueerd: „Nieuw doel”.");
	cr_assert_null(find_unit(&is, "doel:42"));
	plan_issues_free(&is);
	opp_teardown(&f);
}

Test(rules, evaluation_without_the_parents_refused)
{
	struct opp_fixture f;
	evaluated_opp(&f);
	free(f.d.plan.evaluated_with);
	f.d.plan.evaluated_with = xstrdup("de leerling, IB’er");
	struct plan_issues is = {0};
	plan_check(&f.ctx, &f.d, PLAN_EVALUATED, &is);
	assert_refusals(&is, 1);
	cr_assert_str_eq(is.items[0].unit, "evaluatie_gehouden");
	cr_assert_str_eq(is.items[0].text,
			 "Bij de evaluatie ontbreekt: ouders (een OPP wordt geëvalueerd met ouders, "
			 "leerling).");
	plan_issues_free(&is);

	/* a word inside another word does not count: "grootouders" are not "ouders" */
	free(f.d.plan.evaluated_with);
	f.d.plan.evaluated_with = xstrdup("grootouders");
	plan_check(&f.ctx, &f.d, PLAN_EVALUATED, &is);
	assert_refusals(&is, 2);
	cr_assert_not_null(find_text(&is, "Bij de evaluatie ontbreekt: leerling (een OPP wordt "
					  "geëvalueerd met ouders, leerling)."));
	plan_issues_free(&is);

	/* nobody recorded, no date, no evaluation text */
	freep(&f.d.plan.evaluated_with);
	f.d.plan.evaluated = DATE_NONE;
	plandoc_set(&f.d, "evaluatie", NULL);
	plan_check(&f.ctx, &f.d, PLAN_EVALUATED, &is);
	assert_refusals(&is, 4);
	cr_assert_not_null(find_text(&is, "De datum waarop de evaluatie is gehouden ontbreekt."));
	cr_assert_str_eq(find_unit(&is, "veld:evaluatie")->text,
			 "Voor de evaluatie ontbreekt: Evaluatie.");
	plan_issues_free(&is);

	/* held in the future */
	f.d.plan.evaluated = D("2027-10-05");
	f.d.plan.evaluated_with = xstrdup("ouders en leerling");
	plandoc_set(&f.d, "evaluatie", "Gehouden.");
	plan_check(&f.ctx, &f.d, PLAN_EVALUATED, &is);
	assert_refusals(&is, 1);
	cr_assert_str_eq(is.items[0].text, "De evaluatie kan niet na vandaag zijn gehouden "
					   "(05-10-2027).");
	plan_issues_free(&is);
	opp_teardown(&f);
}

Test(rules, oop_evaluated_with_its_participants)
{
	struct oop_fixture f;
	oop_setup(&f);
	f.d.plan.end = D("2026-10-26");
	f.d.plan.status = PLAN_ACTIVE;
	f.d.goals[0].result = GOAL_MET;
	f.d.plan.evaluated = D("2026-10-26");
	f.d.plan.evaluated_with = xstrdup("Ouders, Kwaliteitscoordinator");
	plandoc_set(&f.d, "evaluatie", "Behaald.");
	f.ctx.today = D("2026-10-26");
	struct plan_issues is = {0};
	plan_check(&f.ctx, &f.d, PLAN_EVALUATED, &is);
	assert_refusals(&is, 0);
	plan_issues_free(&is);
	oop_teardown(&f);
}

/* ============================================================ rule dates */

Test(rules, rule_dates)
{
	struct opp_fixture f;
	opp_setup(&f);
	ibis_date due, eval;
	/* OPP: due 6 weeks after the support started, evaluated 12 months after the start */
	plan_rule_dates(&f.ctx, &f.d, &due, &eval);
	cr_assert_eq(due, D("2026-10-18"));
	cr_assert_eq(due, plan_weeks_end(NULL, D("2026-09-07"), 6));
	cr_assert_eq(eval, D("2027-10-01"));
	/* after an evaluation: 12 months after it */
	f.d.plan.evaluated = D("2027-09-28");
	plan_rule_dates(&f.ctx, &f.d, &due, &eval);
	cr_assert_eq(eval, D("2028-09-28"));
	/* without the start of support: from the plan's start */
	f.ctx.support_start = DATE_NONE;
	plan_rule_dates(&f.ctx, &f.d, &due, &eval);
	cr_assert_eq(due, D("2026-11-11"));
	/* school weeks move the due date past the holiday */
	struct plan_calendar c;
	cr_assert_eq(plan_calendar_parse("19-10-2026 t/m 23-10-2026", true, &c, NULL), IBIS_OK);
	f.ctx.cal = &c;
	f.ctx.support_start = D("2026-09-14");
	plan_rule_dates(&f.ctx, &f.d, &due, &eval);
	cr_assert_eq(due, D("2026-10-30"));
	cr_assert_eq(plan_weeks_end(NULL, D("2026-09-14"), 6), D("2026-10-25"));
	plan_calendar_free(&c);
	opp_teardown(&f);

	/* OOP: evaluated at its end, or at the end of its 8 weeks */
	struct oop_fixture o;
	oop_setup(&o);
	plan_rule_dates(&o.ctx, &o.d, &due, &eval);
	cr_assert_eq(due, DATE_NONE);
	cr_assert_eq(eval, D("2026-10-26"));
	o.d.plan.end = D("2026-10-12");
	plan_rule_dates(&o.ctx, &o.d, &due, &eval);
	cr_assert_eq(eval, D("2026-10-12"));
	oop_teardown(&o);

	/* groeidocument: no rule at all */
	struct plan_template g;
	th_load_template("groeidocument", &g);
	struct plan_doc d;
	plandoc_init(&d);
	d.plan.start = D("2026-09-01");
	struct plan_context ctx = {.t = &g, .today = D("2026-09-01"), .support_start = DATE_NONE};
	plan_rule_dates(&ctx, &d, &due, &eval);
	cr_assert_eq(due, DATE_NONE);
	cr_assert_eq(eval, DATE_NONE);
	plandoc_free(&d);
	plantemplate_free(&g);
}

Test(rules, groepsplan_needs_pupils_in_groups)
{
	struct plan_template t;
	th_load_template("groepsplan", &t);
	struct plan_doc d;
	plandoc_init(&d);
	fill_required(&d, &t);
	d.plan.start = D("2026-09-01");
	struct plan_context ctx = {.t = &t, .today = D("2026-09-01"), .support_start = DATE_NONE};
	struct plan_issues is = {0};
	plan_check(&ctx, &d, PLAN_ACTIVE, &is);
	assert_refusals(&is, 0);
	plan_issues_free(&is);
	plandoc_set_member(&d, "leerlingen", NULL, 7, "Anna de Vries");
	plan_check(&ctx, &d, PLAN_ACTIVE, &is);
	assert_refusals(&is, 1);
	cr_assert_str_eq(find_unit(&is, "veld:leerlingen")->text,
			 "Verplicht deel ontbreekt: Instructiegroepen.");
	plan_issues_free(&is);
	plandoc_free(&d);
	plantemplate_free(&t);
}

/* ============================================================ support start */

static struct level_episode ep(const char *model, int level, const char *from, const char *to)
{
	return (struct level_episode){.model = (char *)model, .level = level, .start = D(from),
				      .end = to ? D(to) : DATE_NONE};
}

Test(support, start_of_the_run_of_extra_levels)
{
	struct level_model m;
	th_load_model("6-lagen", &m); /* laag 1-2 basis, 3-4 extra, 5 plaatsing */
	struct level_episode a[] = {
		ep("6-lagen", 1, "2023-08-21", "2024-02-01"),
		ep("6-lagen", 3, "2024-02-02", "2024-06-30"),
		ep("6-lagen", 4, "2024-07-01", NULL),
	};
	cr_assert_eq(plan_support_start(&m, a, 3), D("2024-02-02"));
	/* the newest when none is open */
	a[2].end = D("2025-01-31");
	cr_assert_eq(plan_support_start(&m, a, 3), D("2024-02-02"));
	a[2].end = DATE_NONE;

	/* a return to a basis level breaks the run */
	struct level_episode b[] = {
		ep("6-lagen", 3, "2023-08-21", "2024-02-01"),
		ep("6-lagen", 2, "2024-02-02", "2024-06-30"),
		ep("6-lagen", 3, "2024-07-01", "2025-01-10"),
		ep("6-lagen", 5, "2025-01-11", NULL),
	};
	cr_assert_eq(plan_support_start(&m, b, 4), D("2024-07-01"));
	/* current level within the basisondersteuning: none */
	cr_assert_eq(plan_support_start(&m, b, 2), DATE_NONE);
	/* laag 6 (terugplaatsing, basis not said) is not extra support */
	struct level_episode c[] = {
		ep("6-lagen", 5, "2023-08-21", "2024-02-01"),
		ep("6-lagen", 6, "2024-02-02", NULL),
	};
	cr_assert_eq(plan_support_start(&m, c, 2), DATE_NONE);
	cr_assert_eq(plan_support_start(&m, c, 1), D("2023-08-21"));
	/* an episode of another model or an unknown level is not known to be extra */
	struct level_episode d[] = {
		ep("4-niveaus", 4, "2023-08-21", "2024-02-01"),
		ep("6-lagen", 4, "2024-02-02", NULL),
	};
	cr_assert_eq(plan_support_start(&m, d, 2), D("2024-02-02"));
	d[1].level = 9;
	cr_assert_eq(plan_support_start(&m, d, 2), DATE_NONE);
	cr_assert_eq(plan_support_start(&m, NULL, 0), DATE_NONE);
	levelmodel_free(&m);
}

/* ============================================================ status */

Test(status, next_statuses)
{
	enum plan_status out[4];
	cr_assert_eq(plan_next_statuses(PLAN_CONCEPT, out), 2);
	cr_assert_eq(out[0], PLAN_ACTIVE);
	cr_assert_eq(out[1], PLAN_CLOSED);
	cr_assert_eq(plan_next_statuses(PLAN_ACTIVE, out), 2);
	cr_assert_eq(out[0], PLAN_EVALUATED);
	cr_assert_eq(out[1], PLAN_CLOSED);
	cr_assert_eq(plan_next_statuses(PLAN_EVALUATED, out), 2);
	cr_assert_eq(out[0], PLAN_ACTIVE);
	cr_assert_eq(out[1], PLAN_CLOSED);
	cr_assert_eq(plan_next_statuses(PLAN_CLOSED, out), 0);
}

static void expect_move(enum user_role role, const struct plan_template *t, enum plan_status from,
			enum plan_status to, const char *why)
{
	char *got = NULL;
	bool ok = plan_transition_ok(role, t, from, to, &got);
	if (!why) {
		cr_assert(ok, "%s %s: %s -> %s refused: %s", user_role_name(role), t->id,
			  plan_status_name(from), plan_status_name(to), got ? got : "");
		cr_assert_null(got);
	} else {
		cr_assert_not(ok, "%s %s: %s -> %s allowed", user_role_name(role), t->id,
			      plan_status_name(from), plan_status_name(to));
		cr_assert_str_eq(got, why);
	}
	free(got);
}

Test(status, moves_per_role)
{
	struct plan_template oop, opp, gp;
	th_load_template("oop", &oop);
	th_load_template("opp", &opp);
	th_load_template("groepsplan", &gp);
	cr_assert(oop.teacher);
	cr_assert(gp.teacher);
	cr_assert_not(opp.teacher);

	static const enum plan_status all[] = {PLAN_CONCEPT, PLAN_ACTIVE, PLAN_EVALUATED,
					       PLAN_CLOSED};
	/* ib and admin: every listed move, nothing else */
	for (size_t i = 0; i < 4; i++) {
		for (size_t j = 0; j < 4; j++) {
			enum plan_status next[4];
			int n = plan_next_statuses(all[i], next);
			bool listed = false;
			for (int k = 0; k < n; k++)
				listed = listed || next[k] == all[j];
			cr_assert_eq(plan_transition_ok(USER_IB, &opp, all[i], all[j], NULL), listed);
			cr_assert_eq(plan_transition_ok(USER_ADMIN, &oop, all[i], all[j], NULL),
				     listed);
			cr_assert_not(plan_transition_ok(USER_DIRECTIE, &oop, all[i], all[j], NULL));
		}
	}
	expect_move(USER_IB, &opp, PLAN_CLOSED, PLAN_ACTIVE,
		    "Een plan met de status „afgesloten” kan niet naar „actief”.");
	expect_move(USER_IB, &opp, PLAN_CONCEPT, PLAN_EVALUATED,
		    "Een plan met de status „concept” kan niet naar „geëvalueerd”.");

	/* leerkracht: activate and evaluate an OOP or groepsplan, nothing more */
	expect_move(USER_LEERKRACHT, &oop, PLAN_CONCEPT, PLAN_ACTIVE, NULL);
	expect_move(USER_LEERKRACHT, &oop, PLAN_ACTIVE, PLAN_EVALUATED, NULL);
	expect_move(USER_LEERKRACHT, &gp, PLAN_CONCEPT, PLAN_ACTIVE, NULL);
	expect_move(USER_LEERKRACHT, &gp, PLAN_ACTIVE, PLAN_EVALUATED, NULL);
	expect_move(USER_LEERKRACHT, &oop, PLAN_ACTIVE, PLAN_CLOSED,
		    "Alleen de intern begeleider kan een OOP afsluiten.");
	expect_move(USER_LEERKRACHT, &oop, PLAN_EVALUATED, PLAN_ACTIVE,
		    "Alleen de intern begeleider kan een OOP opnieuw actief maken.");
	expect_move(USER_LEERKRACHT, &opp, PLAN_CONCEPT, PLAN_ACTIVE,
		    "Alleen de intern begeleider kan een OPP actief maken.");
	expect_move(USER_LEERKRACHT, &opp, PLAN_ACTIVE, PLAN_EVALUATED,
		    "Alleen de intern begeleider kan een OPP als geëvalueerd vastleggen.");
	expect_move(USER_LEERKRACHT, &opp, PLAN_ACTIVE, PLAN_CLOSED,
		    "Alleen de intern begeleider kan een OPP afsluiten.");
	/* directie: none */
	expect_move(USER_DIRECTIE, &oop, PLAN_CONCEPT, PLAN_ACTIVE,
		    "Alleen de leerkracht en de intern begeleider kunnen een OOP actief maken.");
	expect_move(USER_DIRECTIE, &opp, PLAN_ACTIVE, PLAN_CLOSED,
		    "Alleen de intern begeleider kan een OPP afsluiten.");

	plantemplate_free(&oop);
	plantemplate_free(&opp);
	plantemplate_free(&gp);
}
