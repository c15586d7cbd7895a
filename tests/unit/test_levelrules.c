/* test_levelrules.c - the rules of each shipped level model (data/levels/):
 * allowed steps, prefill, expected plans and requirements, deadlines from
 * dates, arrangements, episode bookkeeping and the remap of levels. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/levelrules.h"

/* ================================================================ helpers */

/* Judge from -> to with reason under m; facts beyond `from` may be given. */
static void judge(const struct level_model *m, const struct step_facts *extra, int from, int to,
		  const char *reason, struct step_check *c)
{
	struct step_facts f = {0};
	if (extra)
		f = *extra;
	f.from = from;
	struct level_step s = {.to = to, .date = th_ymd(2026, 11, 23), .reason = reason};
	level_step_check(m, &f, &s, c);
}

static bool has_warning(const struct step_check *c, const char *text)
{
	for (size_t i = 0; i < c->warnings.len; i++)
		if (strcmp(c->warnings.items[i], text) == 0)
			return true;
	return false;
}

static bool contains(const struct strlist *sl, const char *part)
{
	for (size_t i = 0; i < sl->len; i++)
		if (strstr(sl->items[i], part))
			return true;
	return false;
}

/* All warnings, one a line, for assertion messages. Caller frees. */
static char *all_warnings(const struct step_check *c)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < c->warnings.len; i++)
		sb_printf(&sb, "[%s] ", c->warnings.items[i]);
	return sb_take(&sb);
}

#define REASON "Toets M5 rekenen: E, geen groei na 8 weken verlengde instructie."

static const char *const shipped[] = {"4-niveaus", "5-niveaus-sop", "5-niveaus-sterke-basis",
				      "6-lagen"};

/* ======================================================== every model */

Test(steps, every_model_up_with_reason_and_refused_without)
{
	for (size_t k = 0; k < ARRAY_LEN(shipped); k++) {
		struct level_model *m = th_get_model(shipped[k]);
		struct step_check c;
		for (int p = 1; p < m->nlevels; p++) {
			if (m->levels[p].kind != LEVEL_REGULAR || m->levels[p - 1].kind != LEVEL_REGULAR)
				continue;
			judge(m, NULL, p, p + 1, REASON, &c);
			cr_assert_eq(c.kind, STEP_UP, "%s %d->%d", m->id, p, p + 1);
			cr_assert_null(c.error, "%s %d->%d: %s", m->id, p, p + 1, c.error);
			cr_assert(c.reason_required);
			cr_assert_eq(c.skipped, 0);
			step_check_clear(&c);

			judge(m, NULL, p, p + 1, NULL, &c);
			char *want = xasprintf("Een reden is verplicht bij een hoger niveau: welke "
					       "observatie, toets of analyse liet zien dat de leerling "
					       "onvoldoende profiteerde van %s?",
					       m->levels[p - 1].short_name);
			cr_assert_str_eq(c.error, want, "%s", m->id);
			free(want);
			step_check_clear(&c);
		}
		/* the first level recorded needs no reason, whichever it is */
		judge(m, NULL, 0, 2, NULL, &c);
		cr_assert_eq(c.kind, STEP_FIRST);
		cr_assert_null(c.error, "%s: %s", m->id, c.error);
		cr_assert_not(c.reason_required);
		step_check_clear(&c);
		th_put_model(m);
	}
}

Test(steps, blank_reason_counts_as_missing)
{
	struct level_model *m = th_get_model("6-lagen");
	const char *blanks[] = {"", " ", "  \t \n"};
	for (size_t i = 0; i < ARRAY_LEN(blanks); i++) {
		struct step_check c;
		judge(m, NULL, 2, 3, blanks[i], &c);
		cr_assert_str_eq(c.error, "Een reden is verplicht bij een hoger niveau: welke observatie, "
					  "toets of analyse liet zien dat de leerling onvoldoende "
					  "profiteerde van Laag 2?");
		step_check_clear(&c);
	}
	th_put_model(m);
}

Test(steps, kind_names)
{
	cr_assert_str_eq(step_kind_name(STEP_FIRST), "eerste");
	cr_assert_str_eq(step_kind_name(STEP_UP), "omhoog");
	cr_assert_str_eq(step_kind_name(STEP_DOWN), "omlaag");
	cr_assert_str_eq(step_kind_name(STEP_SAME), "gelijk");
	cr_assert_str_eq(step_kind_name(STEP_PLACEMENT), "plaatsing");
	cr_assert_str_eq(step_kind_name(STEP_RETURN), "terugplaatsing");
}

/* ============================================================= 4 niveaus */

Test(model_4_niveaus, steps)
{
	struct level_model *m = th_get_model("4-niveaus");
	struct step_check c;

	cr_assert_eq(levelmodel_placement(m), 0);
	cr_assert_eq(levelmodel_return(m), 0);

	/* skipping niveau 2 needs a reason, and says what is skipped */
	judge(m, NULL, 1, 3, NULL, &c);
	cr_assert_eq(c.kind, STEP_UP);
	cr_assert_eq(c.skipped, 1);
	cr_assert_str_eq(c.error, "Van Niveau 1 naar Niveau 3 slaat Niveau 2 over; dat kan alleen "
				  "met een reden: welke observatie, toets of analyse liet zien dat "
				  "de leerling onvoldoende profiteerde van Niveau 1?");
	step_check_clear(&c);
	judge(m, NULL, 1, 4, "", &c);
	cr_assert_eq(c.skipped, 2);
	cr_assert_not_null(strstr(c.error, "slaat Niveau 2 en Niveau 3 over"), "%s", c.error);
	step_check_clear(&c);
	judge(m, NULL, 1, 3, REASON, &c);
	cr_assert_null(c.error, "%s", c.error);
	cr_assert_eq(c.skipped, 1);
	step_check_clear(&c);

	/* down: no reason needed */
	judge(m, NULL, 4, 2, NULL, &c);
	cr_assert_eq(c.kind, STEP_DOWN);
	cr_assert_null(c.error, "%s", c.error);
	cr_assert_not(c.reason_required);
	cr_assert_eq(c.skipped, 1);
	step_check_clear(&c);

	judge(m, NULL, 3, 3, REASON, &c);
	cr_assert_eq(c.kind, STEP_SAME);
	cr_assert_str_eq(c.error, "De leerling staat al op Niveau 3.");
	cr_assert_eq(c.warnings.len, 0);
	step_check_clear(&c);

	judge(m, NULL, 2, 5, REASON, &c);
	cr_assert_str_eq(c.error, "Niveau 5 bestaat niet in het model „4 niveaus” (1 t/m 4).");
	step_check_clear(&c);
	judge(m, NULL, 0, 0, NULL, &c);
	cr_assert_str_eq(c.error, "Niveau 0 bestaat niet in het model „4 niveaus” (1 t/m 4).");
	step_check_clear(&c);

	/* a level recorded above the model must be remapped first */
	judge(m, NULL, 6, 4, REASON, &c);
	cr_assert_not_null(c.error);
	cr_assert_not_null(strstr(c.error, "niveau 6"), "%s", c.error);
	cr_assert_not_null(strstr(c.error, "ibis levels remap"), "%s", c.error);
	step_check_clear(&c);
	th_put_model(m);
}

Test(model_4_niveaus, prefill)
{
	struct level_model *m = th_get_model("4-niveaus");
	struct step_check c;
	judge(m, NULL, 1, 2, REASON, &c);
	cr_assert_str_eq(c.meeting, "groepsbespreking");
	cr_assert_str_eq(c.regie, "Leerkracht");
	cr_assert_str_eq(c.betrokken, "IB’er");
	step_check_clear(&c);
	judge(m, NULL, 2, 3, REASON, &c);
	cr_assert_str_eq(c.meeting, "leerlingbespreking");
	step_check_clear(&c);
	judge(m, NULL, 3, 4, REASON, &c);
	cr_assert_str_eq(c.meeting, "mdo");
	cr_assert_str_eq(c.regie, "Leerkracht i.s.m. IB’er");
	/* the model expects no plan and asks nothing: no warnings */
	cr_assert_eq(c.warnings.len, 0);
	step_check_clear(&c);
	/* down: the meeting that decided the current level decides leaving it */
	judge(m, NULL, 4, 3, NULL, &c);
	cr_assert_str_eq(c.meeting, "mdo");
	cr_assert_str_eq(c.regie, "Leerkracht");
	step_check_clear(&c);
	judge(m, NULL, 0, 1, NULL, &c);
	cr_assert_null(c.meeting);
	cr_assert_null(c.betrokken);
	step_check_clear(&c);
	th_put_model(m);
}

Test(model_4_niveaus, no_deadlines)
{
	struct level_model *m = th_get_model("4-niveaus");
	struct level_deadline *d = NULL;
	int n = 0;
	for (int l = 1; l <= m->nlevels; l++)
		level_deadlines(m, l, th_ymd(2026, 9, 1), NULL, 0, &d, &n);
	cr_assert_eq(n, 0);
	cr_assert_null(d);
	th_put_model(m);
}

/* ======================================================== 5 niveaus (SOP) */

Test(model_5_niveaus_sop, expected_plans)
{
	struct level_model *m = th_get_model("5-niveaus-sop");
	struct step_check c;
	judge(m, NULL, 1, 2, REASON, &c);
	cr_assert_str_eq(c.meeting, "leerlingbespreking");
	cr_assert_eq(c.warnings.len, 2);
	cr_assert(has_warning(&c, "Op Niveau 2 hoort een groepsplan; er is geen open groepsplan."));
	cr_assert(has_warning(&c, "Op Niveau 2 hoort een IHP; er is geen open IHP."));
	step_check_clear(&c);

	struct strlist plans = {0};
	sl_add(&plans, "ihp");
	struct step_facts f = {.plans = &plans};
	judge(m, &f, 1, 2, REASON, &c);
	cr_assert_eq(c.warnings.len, 1, "%zu", c.warnings.len);
	cr_assert(has_warning(&c, "Op Niveau 2 hoort een groepsplan; er is geen open groepsplan."));
	step_check_clear(&c);
	sl_add(&plans, "groepsplan");
	judge(m, &f, 1, 2, REASON, &c);
	cr_assert_eq(c.warnings.len, 0);
	step_check_clear(&c);
	sl_free(&plans);
	th_put_model(m);
}

Test(model_5_niveaus_sop, consent_and_opp)
{
	struct level_model *m = th_get_model("5-niveaus-sop");
	struct step_check c;
	struct strlist plans = {0};
	sl_add(&plans, "ihp");
	struct step_facts f = {.plans = &plans};

	judge(m, &f, 2, 3, REASON, &c);
	cr_assert_null(c.error);
	cr_assert_null(c.meeting); /* the SOP names no meeting for niveau 3 */
	cr_assert_eq(c.warnings.len, 1);
	cr_assert(has_warning(&c, "Voor Niveau 3 is toestemming van de ouders nodig; die is nog "
				  "niet vastgelegd."));
	step_check_clear(&c);
	f.consent = true;
	judge(m, &f, 2, 3, REASON, &c);
	cr_assert_eq(c.warnings.len, 0);
	step_check_clear(&c);

	/* niveau 4: plan opp and vereist opp: said once, as required */
	f.consent = false;
	judge(m, &f, 3, 4, REASON, &c);
	char *w = all_warnings(&c);
	cr_assert_eq(c.warnings.len, 2, "%s", w);
	free(w);
	cr_assert(has_warning(&c, "Op Niveau 4 is een OPP verplicht; er is geen open OPP."));
	cr_assert(has_warning(&c, "Voor Niveau 4 is toestemming van de ouders nodig; die is nog "
				  "niet vastgelegd."));
	step_check_clear(&c);
	sl_add(&plans, "opp");
	f.consent = true;
	judge(m, &f, 3, 4, REASON, &c);
	cr_assert_eq(c.warnings.len, 0);
	step_check_clear(&c);

	/* niveau 5 is regular here: an ordinary step up, no placement */
	cr_assert_eq(levelmodel_placement(m), 0);
	judge(m, &f, 4, 5, REASON, &c);
	cr_assert_eq(c.kind, STEP_UP);
	cr_assert_null(c.error);
	step_check_clear(&c);
	sl_free(&plans);
	th_put_model(m);
}

Test(model_5_niveaus_sop, opp_deadlines_from_the_template)
{
	struct level_model *m = th_get_model("5-niveaus-sop");
	struct level_deadline *d = NULL;
	int n = 0;
	/* the model gives no OPP numbers: without templates nothing follows */
	level_deadlines(m, 4, th_ymd(2026, 9, 1), NULL, 0, &d, &n);
	cr_assert_eq(n, 0);

	struct plan_template *opp = th_get_template("opp"), *ihp = th_get_template("ihp");
	const struct plan_template *tpl[] = {ihp, opp};
	level_deadlines(m, 4, th_ymd(2026, 9, 1), tpl, 2, &d, &n);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(d[0].what, "OPP opgesteld");
	cr_assert_eq(d[0].due, th_ymd(2026, 10, 13)); /* 6 weeks */
	cr_assert_str_eq(d[1].what, "OPP geëvalueerd");
	cr_assert_eq(d[1].due, th_ymd(2027, 9, 1)); /* 12 months */
	/* appended to what is there */
	level_deadlines(m, 4, th_ymd(2027, 1, 31), tpl, 2, &d, &n);
	cr_assert_eq(n, 4);
	cr_assert_eq(d[2].due, th_ymd(2027, 3, 14));
	cr_assert_eq(d[3].due, th_ymd(2028, 1, 31));
	level_deadlines_free(d, n);

	/* the IHP and the group plan carry no dates */
	d = NULL;
	n = 0;
	level_deadlines(m, 2, th_ymd(2026, 9, 1), tpl, 2, &d, &n);
	cr_assert_eq(n, 0);
	th_put_template(opp);
	th_put_template(ihp);
	th_put_model(m);
}

/* ============================================= 5 niveaus (sterke basis) */

Test(model_5_niveaus_sterke_basis, prefill_and_groeidocument)
{
	struct level_model *m = th_get_model("5-niveaus-sterke-basis");
	struct step_check c;

	judge(m, NULL, 1, 2, REASON, &c);
	cr_assert_str_eq(c.meeting, "unit-overleg");
	cr_assert_null(c.regie);
	step_check_clear(&c);

	judge(m, NULL, 2, 3, REASON, &c);
	cr_assert_str_eq(c.meeting, "groepsbespreking");
	cr_assert_str_eq(c.regie, "Leerkracht");
	cr_assert(has_warning(&c, "Op Niveau 3 hoort een groeidocument; er is geen open "
				  "groeidocument."));
	cr_assert(has_warning(&c, "Voor Niveau 3 is toestemming van de ouders nodig; die is nog "
				  "niet vastgelegd."));
	cr_assert_eq(c.warnings.len, 2);
	step_check_clear(&c);
	struct step_facts f = {.groeidocument = true, .consent = true};
	judge(m, &f, 2, 3, REASON, &c);
	cr_assert_eq(c.warnings.len, 0);
	step_check_clear(&c);

	/* niveau 4: OT; groeidocument and OPP required */
	judge(m, NULL, 3, 4, REASON, &c);
	cr_assert_eq(c.kind, STEP_UP);
	cr_assert_str_eq(c.meeting, "ot");
	char *w = all_warnings(&c);
	cr_assert_eq(c.warnings.len, 2, "%s", w);
	free(w);
	cr_assert(has_warning(&c, "Op Niveau 4 is een OPP verplicht; er is geen open OPP."));
	cr_assert(has_warning(&c, "Voor Niveau 4 is een groeidocument nodig; dat is er nog niet."));
	step_check_clear(&c);
	/* an open groeidocument plan counts as well as the fact */
	struct strlist plans = {0};
	sl_add(&plans, "groeidocument");
	sl_add(&plans, "opp");
	struct step_facts g = {.plans = &plans};
	judge(m, &g, 3, 4, REASON, &c);
	cr_assert_eq(c.warnings.len, 0);
	step_check_clear(&c);
	sl_free(&plans);
	th_put_model(m);
}

Test(model_5_niveaus_sterke_basis, placement)
{
	struct level_model *m = th_get_model("5-niveaus-sterke-basis");
	struct step_check c;
	cr_assert_eq(levelmodel_placement(m), 5);
	cr_assert_eq(levelmodel_return(m), 0);

	judge(m, NULL, 4, 5, NULL, &c);
	cr_assert_eq(c.kind, STEP_PLACEMENT);
	cr_assert(c.reason_required);
	cr_assert_str_eq(c.error, "Een reden is verplicht bij een plaatsing (Niveau 5): waarom kan "
				  "de leerling niet verder op deze school?");
	step_check_clear(&c);

	judge(m, NULL, 4, 5, REASON, &c);
	cr_assert_null(c.error);
	cr_assert_null(c.meeting);
	/* vereist tlv, and the model gives no term */
	cr_assert_eq(c.warnings.len, 1);
	cr_assert(has_warning(&c, "Voor Niveau 5 is een TLV nodig; er is geen geldige TLV "
				  "vastgelegd."));
	step_check_clear(&c);
	struct step_facts f = {.tlv = true};
	judge(m, &f, 4, 5, REASON, &c);
	cr_assert_eq(c.warnings.len, 0);
	step_check_clear(&c);

	/* out of the placement: down, no reason needed; the meeting of niveau 5
	 * (none) decides */
	judge(m, NULL, 5, 4, NULL, &c);
	cr_assert_eq(c.kind, STEP_DOWN);
	cr_assert_null(c.error);
	cr_assert_null(c.meeting);
	step_check_clear(&c);
	judge(m, NULL, 4, 3, NULL, &c);
	cr_assert_str_eq(c.meeting, "ot");
	step_check_clear(&c);

	/* no TLV term in this model: no TLV deadline */
	struct level_deadline *d = NULL;
	int n = 0;
	level_deadlines(m, 5, th_ymd(2026, 8, 1), NULL, 0, &d, &n);
	cr_assert_eq(n, 0);
	th_put_model(m);
}

/* ================================================================ 6 lagen */

Test(model_6_lagen, warnings)
{
	struct level_model *m = th_get_model("6-lagen");
	struct step_check c;
	judge(m, NULL, 1, 2, REASON, &c);
	cr_assert_null(c.error);
	cr_assert_null(c.meeting);
	cr_assert_eq(c.warnings.len, 1);
	cr_assert_str_eq(c.warnings.items[0], "Op Laag 2 hoort een OOP; er is geen open OOP.");
	step_check_clear(&c);

	struct strlist plans = {0};
	sl_add(&plans, "oop");
	struct step_facts f = {.plans = &plans};
	judge(m, &f, 1, 2, REASON, &c);
	cr_assert_eq(c.warnings.len, 0);
	step_check_clear(&c);

	judge(m, &f, 3, 4, REASON, &c);
	char *w = all_warnings(&c);
	cr_assert_eq(c.warnings.len, 2, "%s", w);
	free(w);
	cr_assert(has_warning(&c, "Op Laag 4 is een OPP verplicht; er is geen open OPP."));
	cr_assert(contains(&c.warnings, "Voor Laag 4 geldt het hoorrecht"));
	step_check_clear(&c);
	sl_add(&plans, "opp");
	f.hoorrecht = true;
	judge(m, &f, 3, 4, REASON, &c);
	cr_assert_eq(c.warnings.len, 0);
	step_check_clear(&c);
	sl_free(&plans);
	th_put_model(m);
}

Test(model_6_lagen, placement_and_return)
{
	struct level_model *m = th_get_model("6-lagen");
	struct step_check c;
	cr_assert_eq(levelmodel_placement(m), 5);
	cr_assert_eq(levelmodel_return(m), 6);

	/* 2 -> 5 jumps over laag 3 and 4; a placement needs its reason */
	judge(m, NULL, 2, 5, NULL, &c);
	cr_assert_eq(c.kind, STEP_PLACEMENT);
	cr_assert_eq(c.skipped, 2);
	cr_assert_str_eq(c.error, "Een reden is verplicht bij een plaatsing (Laag 5): waarom kan de "
				  "leerling niet verder op deze school?");
	step_check_clear(&c);

	/* no vereist tlv, but the model's TLV term makes a placement need one */
	judge(m, NULL, 4, 5, REASON, &c);
	cr_assert_null(c.error);
	cr_assert_eq(c.warnings.len, 1);
	cr_assert_str_eq(c.warnings.items[0], "Voor Laag 5 is een TLV nodig (geldig maximaal 2 "
					      "jaar); er is geen geldige TLV vastgelegd.");
	step_check_clear(&c);
	struct step_facts f = {.tlv = true};
	judge(m, &f, 4, 5, REASON, &c);
	cr_assert_eq(c.warnings.len, 0);
	step_check_clear(&c);

	/* the return, reason optional */
	judge(m, NULL, 5, 6, NULL, &c);
	cr_assert_eq(c.kind, STEP_RETURN);
	cr_assert_not(c.reason_required);
	cr_assert_null(c.error, "%s", c.error);
	cr_assert_eq(c.skipped, 0);
	step_check_clear(&c);

	/* a return while not placed */
	judge(m, NULL, 3, 6, REASON, &c);
	cr_assert_eq(c.kind, STEP_RETURN);
	cr_assert_str_eq(c.error, "Laag 6 is een terugplaatsing: dat kan alleen na een plaatsing "
				  "(Laag 5); de leerling staat op Laag 3.");
	step_check_clear(&c);
	judge(m, NULL, 0, 6, REASON, &c);
	cr_assert_str_eq(c.error, "Laag 6 is een terugplaatsing: dat kan alleen na een plaatsing "
				  "(Laag 5); de leerling heeft nog geen niveau.");
	step_check_clear(&c);

	/* back at school after the return, a step to laag 3 is down; a new
	 * placement from laag 6 is a placement again */
	judge(m, NULL, 6, 3, NULL, &c);
	cr_assert_eq(c.kind, STEP_DOWN);
	cr_assert_null(c.error);
	step_check_clear(&c);
	judge(m, NULL, 6, 5, REASON, &c);
	cr_assert_eq(c.kind, STEP_PLACEMENT);
	cr_assert_null(c.error);
	step_check_clear(&c);
	judge(m, NULL, 5, 5, REASON, &c);
	cr_assert_eq(c.kind, STEP_SAME);
	cr_assert_str_eq(c.error, "De leerling staat al op Laag 5.");
	step_check_clear(&c);
	/* a pupil first recorded at the placement (archived to SBO) */
	judge(m, NULL, 0, 5, "Vertrek naar SBO", &c);
	cr_assert_eq(c.kind, STEP_PLACEMENT);
	cr_assert_null(c.error);
	step_check_clear(&c);
	th_put_model(m);
}

Test(model_6_lagen, deadlines)
{
	struct level_model *m = th_get_model("6-lagen");
	struct level_deadline *d = NULL;
	int n = 0;

	/* OOP: the model's 8 weeks, without any template */
	level_deadlines(m, 2, th_ymd(2026, 9, 1), NULL, 0, &d, &n);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(d[0].what, "OOP uiterlijk geëvalueerd");
	cr_assert_eq(d[0].due, th_ymd(2026, 10, 27));
	level_deadlines_free(d, n);

	/* TLV: 2 years, through the day before the anniversary */
	d = NULL;
	n = 0;
	level_deadlines(m, 5, th_ymd(2026, 8, 1), NULL, 0, &d, &n);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(d[0].what, "TLV verloopt uiterlijk");
	cr_assert_eq(d[0].due, th_ymd(2028, 7, 31));
	level_deadlines_free(d, n);

	/* laag 4's OPP: the numbers come from the template */
	struct plan_template *opp = th_get_template("opp"), *oop = th_get_template("oop");
	const struct plan_template *tpl[] = {oop, opp};
	d = NULL;
	n = 0;
	level_deadlines(m, 4, th_ymd(2026, 9, 1), NULL, 0, &d, &n);
	cr_assert_eq(n, 0);
	level_deadlines(m, 4, th_ymd(2026, 9, 1), tpl, 2, &d, &n);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(d[0].what, "OPP opgesteld");
	cr_assert_eq(d[0].due, th_ymd(2026, 10, 13));
	cr_assert_str_eq(d[1].what, "OPP geëvalueerd");
	cr_assert_eq(d[1].due, th_ymd(2027, 9, 1));
	level_deadlines_free(d, n);

	/* the model's OPP rules beat the template's */
	m->rules.opp_within_weeks = 4;
	m->rules.opp_eval_months = 6;
	d = NULL;
	n = 0;
	level_deadlines(m, 4, th_ymd(2026, 9, 1), tpl, 2, &d, &n);
	cr_assert_eq(n, 2);
	cr_assert_eq(d[0].due, th_ymd(2026, 9, 29));
	cr_assert_eq(d[1].due, th_ymd(2027, 3, 1));
	level_deadlines_free(d, n);

	/* so does its OOP rule; without the rule the template decides */
	oop->max_weeks = 4;
	d = NULL;
	n = 0;
	level_deadlines(m, 2, th_ymd(2026, 9, 1), tpl, 2, &d, &n);
	cr_assert_eq(n, 1);
	cr_assert_eq(d[0].due, th_ymd(2026, 10, 27));
	m->rules.oop_max_weeks = 0;
	level_deadlines(m, 2, th_ymd(2026, 9, 1), tpl, 2, &d, &n);
	cr_assert_eq(n, 2);
	cr_assert_eq(d[1].due, th_ymd(2026, 9, 29));
	level_deadlines_free(d, n);
	/* neither: no OOP deadline */
	d = NULL;
	n = 0;
	level_deadlines(m, 2, th_ymd(2026, 9, 1), NULL, 0, &d, &n);
	cr_assert_eq(n, 0);

	/* the regular levels without plans, an unknown level, no date */
	level_deadlines(m, 1, th_ymd(2026, 9, 1), tpl, 2, &d, &n);
	level_deadlines(m, 3, th_ymd(2026, 9, 1), tpl, 2, &d, &n);
	level_deadlines(m, 7, th_ymd(2026, 9, 1), tpl, 2, &d, &n);
	level_deadlines(m, 2, DATE_NONE, tpl, 2, &d, &n);
	cr_assert_eq(n, 0);
	th_put_template(opp);
	th_put_template(oop);
	th_put_model(m);
}

Test(model_6_lagen, tlv_deadline_over_a_leap_day)
{
	struct level_model *m = th_get_model("6-lagen");
	struct level_deadline *d = NULL;
	int n = 0;
	level_deadlines(m, 5, th_ymd(2028, 2, 29), NULL, 0, &d, &n);
	level_deadlines(m, 5, th_ymd(2026, 3, 1), NULL, 0, &d, &n);
	m->rules.tlv_max_years = 1;
	level_deadlines(m, 5, th_ymd(2027, 3, 1), NULL, 0, &d, &n);
	cr_assert_eq(n, 3);
	cr_assert_eq(d[0].due, th_ymd(2030, 2, 28));
	cr_assert_eq(d[1].due, th_ymd(2028, 2, 29));
	cr_assert_eq(d[2].due, th_ymd(2028, 2, 29));
	level_deadlines_free(d, n);
	th_put_model(m);
}

/* ============================================ names come from the model */

Test(steps, messages_name_a_schools_own_levels)
{
	char *dir = th_tmpdir();
	char *path = th_write(dir, "levels/eigen.ini",
			      "[model]\nnaam = \"Eigen model\"\nniveaus = 4\n"
			      "[niveau 1]\nnaam = \"a\"\nkort = \"Stap A\"\n"
			      "[niveau 2]\nnaam = \"b\"\nkort = \"Stap B\"\nbespreking = \"overleg\"\n"
			      "plan = \"eigenplan, ihp\"\nvereist = \"toestemming, tlv\"\n"
			      "[niveau 3]\nnaam = \"c\"\nkort = \"Stap C\"\nvereist = \"opp\"\n"
			      "[niveau 4]\nnaam = \"d\"\nkort = \"Terug\"\nsoort = terugplaatsing\n"
			      "[regels]\nopp_binnen_weken = 4\n");
	struct level_model m;
	struct ibis_error err = {0};
	cr_assert_eq(levelmodel_load(path, "eigen", &m, &err), IBIS_OK, "%s", err.message);
	struct step_check c;

	judge(&m, NULL, 1, 3, NULL, &c);
	cr_assert_not_null(strstr(c.error, "Van Stap A naar Stap C slaat Stap B over"), "%s",
			   c.error);
	step_check_clear(&c);
	judge(&m, NULL, 1, 2, REASON, &c);
	cr_assert_str_eq(c.meeting, "overleg");
	cr_assert(has_warning(&c, "Op Stap B hoort een eigenplan; er is geen open eigenplan."));
	cr_assert(has_warning(&c, "Op Stap B hoort een IHP; er is geen open IHP."));
	cr_assert(has_warning(&c, "Voor Stap B is toestemming van de ouders nodig; die is nog niet "
				  "vastgelegd."));
	cr_assert(has_warning(&c, "Voor Stap B is een TLV nodig; er is geen geldige TLV "
				  "vastgelegd."));
	cr_assert_eq(c.warnings.len, 4);
	step_check_clear(&c);
	/* a return level in a model without a placement can never be reached */
	judge(&m, NULL, 3, 4, REASON, &c);
	cr_assert_str_eq(c.error, "Terug is een terugplaatsing, maar het model „Eigen model” kent "
				  "geen plaatsing om van terug te keren.");
	step_check_clear(&c);
	judge(&m, NULL, 2, 9, REASON, &c);
	cr_assert_str_eq(c.error, "Niveau 9 bestaat niet in het model „Eigen model” (1 t/m 4).");
	step_check_clear(&c);
	/* vereist opp without plan opp: still said, and its deadline follows from
	 * the model's own rule */
	judge(&m, NULL, 2, 3, REASON, &c);
	cr_assert_eq(c.warnings.len, 1);
	cr_assert_str_eq(c.warnings.items[0], "Voor Stap C is een OPP nodig; er is geen open OPP.");
	step_check_clear(&c);
	struct level_deadline *d = NULL;
	int n = 0;
	level_deadlines(&m, 3, th_ymd(2026, 9, 1), NULL, 0, &d, &n);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(d[0].what, "OPP opgesteld");
	cr_assert_eq(d[0].due, th_ymd(2026, 9, 29));
	level_deadlines_free(d, n);
	levelmodel_free(&m);
	free(path);
	th_rmtree(dir);
	free(dir);
}

/* ============================================================ arrangements */

Test(arrangement, tlv_term_under_6_lagen)
{
	struct level_model *m = th_get_model("6-lagen");
	struct arrangement a = {.kind = ARRANGEMENT_TLV, .start = th_ymd(2026, 8, 1), .end = DATE_NONE};
	ibis_date def = 0;

	char *msg = arrangement_check(m, &a, &def);
	cr_assert_str_eq(msg, "Een TLV heeft een einddatum nodig: in het model „6 lagen” geldt een "
			      "TLV maximaal 2 jaar, dus uiterlijk tot en met 31-07-2028.");
	cr_assert_eq(def, th_ymd(2028, 7, 31));
	free(msg);

	a.end = th_ymd(2028, 7, 31);
	cr_assert_null(arrangement_check(m, &a, &def));
	a.end = th_ymd(2027, 1, 1);
	cr_assert_null(arrangement_check(m, &a, NULL));
	a.end = th_ymd(2028, 8, 1);
	msg = arrangement_check(m, &a, &def);
	cr_assert_str_eq(msg, "In het model „6 lagen” geldt een TLV maximaal 2 jaar: de einddatum "
			      "(01-08-2028) mag niet na 31-07-2028 liggen.");
	free(msg);

	a.end = th_ymd(2026, 7, 31);
	msg = arrangement_check(m, &a, &def);
	cr_assert_str_eq(msg, "De einddatum (31-07-2026) ligt vóór de startdatum (01-08-2026).");
	free(msg);
	/* the same day is a (short) valid term */
	a.end = a.start;
	cr_assert_null(arrangement_check(m, &a, NULL));

	/* a TLV from a leap day: through the day before 1 March two years on */
	a.start = th_ymd(2028, 2, 29);
	a.end = DATE_NONE;
	free(arrangement_check(m, &a, &def));
	cr_assert_eq(def, th_ymd(2030, 2, 28));
	th_put_model(m);
}

Test(arrangement, onderwijsarrangement_and_models_without_a_term)
{
	struct level_model *six = th_get_model("6-lagen"), *four = th_get_model("4-niveaus");
	struct arrangement a = {.kind = ARRANGEMENT_ONDERWIJS, .start = th_ymd(2026, 9, 1),
				.end = DATE_NONE};
	ibis_date def = 0;
	/* 4 niveaus records its arrangement without an end */
	cr_assert_null(arrangement_check(four, &a, &def));
	cr_assert_eq(def, DATE_NONE);
	cr_assert_null(arrangement_check(six, &a, &def));
	cr_assert_eq(def, DATE_NONE);
	a.end = th_ymd(2035, 1, 1);
	cr_assert_null(arrangement_check(six, &a, &def));

	/* a TLV where the model gives no term: any end, or none */
	a.kind = ARRANGEMENT_TLV;
	a.end = DATE_NONE;
	cr_assert_null(arrangement_check(four, &a, &def));
	cr_assert_eq(def, DATE_NONE);
	a.end = th_ymd(2031, 1, 1);
	cr_assert_null(arrangement_check(four, &a, &def));

	/* an end before the start, whatever the kind or model */
	a.kind = ARRANGEMENT_ONDERWIJS;
	a.end = th_ymd(2026, 8, 31);
	char *msg = arrangement_check(four, &a, &def);
	cr_assert_str_eq(msg, "De einddatum (31-08-2026) ligt vóór de startdatum (01-09-2026).");
	free(msg);
	msg = arrangement_check(NULL, &a, &def);
	cr_assert_not_null(msg);
	free(msg);

	a.start = DATE_NONE;
	msg = arrangement_check(six, &a, &def);
	cr_assert_str_eq(msg, "Een startdatum is verplicht.");
	free(msg);
	th_put_model(six);
	th_put_model(four);
}

/* ============================================================ bookkeeping */

struct models {
	struct level_model *m[2];
};

static const struct level_model *lookup(const void *ctx, const char *id)
{
	const struct models *ms = ctx;
	for (size_t i = 0; i < ARRAY_LEN(ms->m); i++)
		if (strcmp(ms->m[i]->id, id) == 0)
			return ms->m[i];
	return NULL;
}

static struct level_episode ep(const char *model, int level, ibis_date start, ibis_date end)
{
	struct level_episode e = {0};
	e.model = (char *)model;
	e.level = level;
	e.start = start;
	e.end = end;
	return e;
}

Test(episodes, a_good_history)
{
	struct models ms = {{th_get_model("6-lagen"), th_get_model("4-niveaus")}};
	struct level_episode e[] = {
		ep("4-niveaus", 1, th_ymd(2025, 9, 1), th_ymd(2026, 2, 1)),
		ep("4-niveaus", 2, th_ymd(2026, 2, 1), th_ymd(2026, 10, 1)),
		ep("6-lagen", 6, th_ymd(2026, 10, 1), DATE_NONE),
	};
	struct strlist p = {0};
	cr_assert(level_episodes_check(e, 3, lookup, &ms, &p));
	cr_assert_eq(p.len, 0);
	cr_assert(level_episodes_check(e, 0, lookup, &ms, &p));
	cr_assert(level_episodes_check(e, 3, NULL, NULL, NULL));

	/* the open episode is the current level; an end is the next start */
	cr_assert_eq(level_on(e, 3, th_ymd(2025, 8, 31)), 0);
	cr_assert_eq(level_on(e, 3, th_ymd(2025, 9, 1)), 1);
	cr_assert_eq(level_on(e, 3, th_ymd(2026, 1, 31)), 1);
	cr_assert_eq(level_on(e, 3, th_ymd(2026, 2, 1)), 2);
	cr_assert_eq(level_on(e, 3, th_ymd(2026, 9, 30)), 2);
	cr_assert_eq(level_on(e, 3, th_ymd(2026, 10, 1)), 6);
	cr_assert_eq(level_on(e, 3, th_ymd(2040, 1, 1)), 6);
	cr_assert_eq(level_on(e, 3, DATE_NONE), 0);
	cr_assert_eq(level_on(e, 0, th_ymd(2026, 1, 1)), 0);

	/* a closed last episode: no level after it */
	e[2].end = th_ymd(2027, 7, 1);
	cr_assert(level_episodes_check(e, 3, lookup, &ms, &p));
	cr_assert_eq(level_on(e, 3, th_ymd(2027, 6, 30)), 6);
	cr_assert_eq(level_on(e, 3, th_ymd(2027, 7, 1)), 0);
	th_put_model(ms.m[0]);
	th_put_model(ms.m[1]);
}

Test(episodes, overlap)
{
	struct models ms = {{th_get_model("6-lagen"), th_get_model("4-niveaus")}};
	struct level_episode e[] = {
		ep("6-lagen", 2, th_ymd(2026, 2, 1), th_ymd(2026, 10, 15)),
		ep("6-lagen", 3, th_ymd(2026, 10, 1), DATE_NONE),
	};
	struct strlist p = {0};
	cr_assert_not(level_episodes_check(e, 2, lookup, &ms, &p));
	cr_assert_eq(p.len, 1);
	cr_assert_str_eq(p.items[0], "De periode op Laag 2 vanaf 01-02-2026 overlapt met de "
				     "periode op Laag 3 vanaf 01-10-2026.");
	sl_free(&p);
	/* without the models the levels are named by number */
	cr_assert_not(level_episodes_check(e, 2, NULL, NULL, &p));
	cr_assert_str_eq(p.items[0], "De periode op niveau 2 vanaf 01-02-2026 overlapt met de "
				     "periode op niveau 3 vanaf 01-10-2026.");
	sl_free(&p);
	/* touching is not overlapping */
	e[0].end = th_ymd(2026, 10, 1);
	cr_assert(level_episodes_check(e, 2, lookup, &ms, &p));
	cr_assert_eq(p.len, 0);
	th_put_model(ms.m[0]);
	th_put_model(ms.m[1]);
}

Test(episodes, two_open_and_open_not_last)
{
	struct level_episode e[] = {
		ep("6-lagen", 1, th_ymd(2025, 9, 1), DATE_NONE),
		ep("6-lagen", 2, th_ymd(2026, 2, 1), DATE_NONE),
	};
	struct strlist p = {0};
	cr_assert_not(level_episodes_check(e, 2, NULL, NULL, &p));
	cr_assert(contains(&p, "Er zijn 2 open perioden; alleen de laatste mag open zijn."));
	cr_assert(contains(&p, "De periode op niveau 1 vanaf 01-09-2025 is nog open, maar is niet "
			       "de laatste periode."));
	cr_assert(contains(&p, "overlapt met"));
	sl_free(&p);

	/* the open one first, a closed one after it */
	e[1].end = th_ymd(2026, 3, 1);
	cr_assert_not(level_episodes_check(e, 2, NULL, NULL, &p));
	cr_assert(contains(&p, "is nog open, maar is niet de laatste periode."));
	cr_assert_not(contains(&p, "open perioden"));
	sl_free(&p);
	/* the level there is the newest covering episode's */
	cr_assert_eq(level_on(e, 2, th_ymd(2026, 2, 15)), 2);
	cr_assert_eq(level_on(e, 2, th_ymd(2026, 3, 15)), 1);
}

Test(episodes, level_outside_its_model)
{
	struct models ms = {{th_get_model("6-lagen"), th_get_model("4-niveaus")}};
	struct level_episode e[] = {
		ep("6-lagen", 5, th_ymd(2025, 9, 1), th_ymd(2026, 2, 1)),
		ep("4-niveaus", 5, th_ymd(2026, 2, 1), DATE_NONE),
	};
	struct strlist p = {0};
	cr_assert_not(level_episodes_check(e, 2, lookup, &ms, &p));
	cr_assert_eq(p.len, 1);
	cr_assert_str_eq(p.items[0], "De periode op niveau 5 vanaf 01-02-2026 past niet in het "
				     "model „4 niveaus” (niveau 1 t/m 4).");
	sl_free(&p);
	/* a NULL lookup skips the check */
	cr_assert(level_episodes_check(e, 2, NULL, NULL, &p));

	e[1].model = "weg";
	e[1].level = 2;
	cr_assert_not(level_episodes_check(e, 2, lookup, &ms, &p));
	cr_assert_str_eq(p.items[0], "De periode op niveau 2 vanaf 01-02-2026 hoort bij een "
				     "onbekend niveaumodel („weg”).");
	sl_free(&p);
	e[1].level = 0;
	e[1].model = "6-lagen";
	cr_assert_not(level_episodes_check(e, 2, lookup, &ms, &p));
	cr_assert(contains(&p, "past niet in het model „6 lagen” (niveau 1 t/m 6)."));
	sl_free(&p);
	th_put_model(ms.m[0]);
	th_put_model(ms.m[1]);
}

Test(episodes, bad_dates)
{
	struct level_episode e[] = {
		ep("6-lagen", 1, th_ymd(2025, 9, 1), th_ymd(2025, 8, 1)),
		ep("6-lagen", 2, DATE_NONE, DATE_NONE),
	};
	struct strlist p = {0};
	cr_assert_not(level_episodes_check(e, 2, NULL, NULL, &p));
	cr_assert_eq(p.len, 2);
	cr_assert_str_eq(p.items[0], "De periode op niveau 1 vanaf 01-09-2025 eindigt vóór ze "
				     "begint (01-08-2025).");
	cr_assert_str_eq(p.items[1], "Een periode op niveau 2 heeft geen begindatum.");
	sl_free(&p);
	cr_assert_eq(level_on(e, 2, th_ymd(2025, 8, 15)), 0);
}

/* ================================================================= remap */

Test(remap, parse)
{
	struct level_model *four = th_get_model("4-niveaus");
	struct level_map map;
	cr_assert_null(level_map_parse("5=4,6=4", four, &map));
	for (int i = 0; i < 10; i++)
		cr_assert_eq(map.map[i], i == 5 || i == 6 ? 4 : 0, "map[%d] = %d", i, map.map[i]);
	cr_assert_null(level_map_parse(" 5 = 4 , 6=3 ,", four, &map));
	cr_assert_eq(map.map[5], 4);
	cr_assert_eq(map.map[6], 3);
	cr_assert_null(level_map_parse("", four, &map));
	for (int i = 0; i < 10; i++)
		cr_assert_eq(map.map[i], 0);
	cr_assert_null(level_map_parse("9=1", four, &map));
	cr_assert_eq(map.map[9], 1);
	th_put_model(four);
}

Test(remap, parse_errors)
{
	struct level_model *four = th_get_model("4-niveaus");
	struct level_map map;
	char *msg;

	msg = level_map_parse("5=5", four, &map);
	cr_assert_str_eq(msg, "„5=5”: niveau 5 bestaat niet in het model „4 niveaus” (1 t/m 4).");
	free(msg);
	msg = level_map_parse("5=0", four, &map);
	cr_assert_not_null(msg);
	free(msg);
	msg = level_map_parse("0=1", four, &map);
	cr_assert_str_eq(msg, "„0=1”: een oud niveau is 1 t/m 9, niet 0.");
	free(msg);
	msg = level_map_parse("10=1", four, &map);
	cr_assert_str_eq(msg, "„10=1”: een oud niveau is 1 t/m 9, niet 10.");
	free(msg);
	msg = level_map_parse("5=4, 6=2, 5=3", four, &map);
	cr_assert_str_eq(msg, "Niveau 5 is twee keer gekoppeld (4 en 3).");
	free(msg);
	/* nothing half-parsed is left behind */
	for (int i = 0; i < 10; i++)
		cr_assert_eq(map.map[i], 0);

	const char *bad[] = {"5-4", "5=", "=4", "5=4x", "a=b", "5==4", "5 4", "-1=2", "5=4=3"};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		msg = level_map_parse(bad[i], four, &map);
		cr_assert_not_null(msg, "%s accepted", bad[i]);
		char *want = xasprintf("„%s” is geen koppeling: schrijf oud=nieuw, bijvoorbeeld "
				       "5=4,6=4.",
				       bad[i]);
		cr_assert_str_eq(msg, want);
		free(want);
		free(msg);
	}
	th_put_model(four);
}

Test(remap, defaults)
{
	struct level_model *six = th_get_model("6-lagen"), *four = th_get_model("4-niveaus"),
			   *sterk = th_get_model("5-niveaus-sterke-basis"),
			   *sop = th_get_model("5-niveaus-sop");
	struct level_map map;

	/* 6 lagen -> 4 niveaus: the placement and the return to the top level */
	level_map_default(six, four, NULL, &map);
	int want64[10] = {0, 1, 2, 3, 4, 4, 4, 0, 0, 0};
	for (int i = 0; i < 10; i++)
		cr_assert_eq(map.map[i], want64[i], "6->4 map[%d] = %d", i, map.map[i]);

	/* a placement stays a placement */
	level_map_default(six, sterk, NULL, &map);
	int want6s[10] = {0, 1, 2, 3, 4, 5, 4, 0, 0, 0};
	for (int i = 0; i < 10; i++)
		cr_assert_eq(map.map[i], want6s[i], "6->sterk map[%d] = %d", i, map.map[i]);
	level_map_default(sterk, six, NULL, &map);
	cr_assert_eq(map.map[5], 5);
	cr_assert_eq(map.map[4], 4);

	/* a regular niveau 5 does not become 6 lagen's placement */
	level_map_default(sop, six, NULL, &map);
	int wantsop6[10] = {0, 1, 2, 3, 4, 4, 0, 0, 0, 0};
	for (int i = 0; i < 10; i++)
		cr_assert_eq(map.map[i], wantsop6[i], "sop->6 map[%d] = %d", i, map.map[i]);

	level_map_default(four, six, NULL, &map);
	int want46[10] = {0, 1, 2, 3, 4, 0, 0, 0, 0, 0};
	for (int i = 0; i < 10; i++)
		cr_assert_eq(map.map[i], want46[i], "4->6 map[%d] = %d", i, map.map[i]);

	/* given entries win, also for levels above the old model */
	struct level_map given = {0};
	char *msg = level_map_parse("6=1,8=2", four, &given);
	cr_assert_null(msg);
	level_map_default(six, four, &given, &map);
	int wantg[10] = {0, 1, 2, 3, 4, 4, 1, 0, 2, 0};
	for (int i = 0; i < 10; i++)
		cr_assert_eq(map.map[i], wantg[i], "given map[%d] = %d", i, map.map[i]);

	th_put_model(six);
	th_put_model(four);
	th_put_model(sterk);
	th_put_model(sop);
}
