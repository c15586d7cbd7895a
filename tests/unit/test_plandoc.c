/* test_plandoc.c - the plan document: values, goals and members, the draft
 * text (round trip of any text, damaged drafts refused), the units against
 * the shipped templates, and the three-way merge of a colleague's save. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/plandoc.h"
#include "ibis/text.h"

/* ================================================================ helpers */

static struct basis_grid *get_areas(void)
{
	struct basis_grid *g = xcalloc(1, sizeof(*g));
	th_load_basis(g);
	return g;
}

static void put_areas(struct basis_grid *g)
{
	basis_free(g);
	free(g);
}

/* Append a goal to d; returns its index. */
static int add_goal(struct plan_doc *d, ibis_id id, int area, bool long_term, const char *text,
		    ibis_date target, enum goal_result result, const char *evaluation)
{
	struct goal g = {0};
	g.id = id;
	g.plan_id = d->plan.id;
	g.area = area;
	g.long_term = long_term;
	g.text = (char *)text;
	g.target = target;
	g.result = result;
	g.evaluation = (char *)evaluation;
	g.version = id ? 1 : 0;
	return plandoc_add_goal(d, &g);
}

static void set_str(char **field, const char *s)
{
	free(*field);
	*field = xstrdup(s);
}

/* A saved OOP with a bit of everything. */
static void make_oop(struct plan_doc *d)
{
	plandoc_init(d);
	d->plan.id = 12;
	d->plan.version = 3;
	set_str(&d->plan.template_id, "oop");
	d->plan.pupil_id = 7;
	set_str(&d->plan.title, "OOP rekenen");
	d->plan.status = PLAN_ACTIVE;
	d->plan.start = th_ymd(2026, 9, 1);
	d->plan.end = th_ymd(2026, 10, 27);
	d->plan.eval_date = th_ymd(2026, 10, 20);
	set_str(&d->plan.author, "ib");
	plandoc_set(d, "vakgebied", "Rekenen");
	plandoc_set(d, "aanleiding", "Tafels gaan moeizaam.");
	plandoc_set(d, "aanpak", "Dagelijks tien minuten oefenen.");
	add_goal(d, 5, 2, false, "Kent de tafels van 1 tot en met 5", th_ymd(2026, 10, 15),
		 GOAL_OPEN, NULL);
	add_goal(d, 6, 2, true, "Rekent op niveau", th_ymd(2027, 7, 1), GOAL_OPEN, NULL);
}

static int unit_index(const struct plan_unit *u, int n, const char *id)
{
	for (int i = 0; i < n; i++)
		if (strcmp(u[i].id, id) == 0)
			return i;
	return -1;
}

static const struct plan_conflict *conflict_of(const struct plan_conflict *c, int n,
					       const char *unit)
{
	for (int i = 0; i < n; i++)
		if (strcmp(c[i].unit, unit) == 0)
			return &c[i];
	return NULL;
}

static int goal_index(const struct plan_doc *d, ibis_id id)
{
	for (int i = 0; i < d->ngoals; i++)
		if (d->goals[i].id == id)
			return i;
	return -1;
}

/* ========================================================= values, goals */

Test(plandoc, init_is_empty_concept)
{
	struct plan_doc d;
	plandoc_init(&d);
	cr_assert_eq(d.plan.status, PLAN_CONCEPT);
	cr_assert_eq(d.plan.start, DATE_NONE);
	cr_assert_eq(d.plan.end, DATE_NONE);
	cr_assert_eq(d.plan.eval_date, DATE_NONE);
	cr_assert_eq(d.plan.due, DATE_NONE);
	cr_assert_eq(d.plan.agreed, DATE_NONE);
	cr_assert_eq(d.plan.evaluated, DATE_NONE);
	cr_assert_eq(d.nvalues + d.ngoals + d.nmembers, 0);
	plandoc_free(&d);
	plandoc_free(&d);
}

Test(plandoc, set_get_clear)
{
	struct plan_doc d;
	plandoc_init(&d);
	cr_assert_null(plandoc_get(&d, "aanpak"));
	plandoc_set(&d, "aanpak", "  Elke dag\noefenen  ");
	cr_assert_str_eq(plandoc_get(&d, "aanpak"), "  Elke dag\noefenen  ", "kept as typed");
	plandoc_set(&d, "doel", "x");
	plandoc_set(&d, "aanpak", "Anders");
	cr_assert_eq(d.nvalues, 2, "no second entry for the same key");
	cr_assert_str_eq(plandoc_get(&d, "aanpak"), "Anders");
	plandoc_set(&d, "aanpak", " \t\n ");
	cr_assert_null(plandoc_get(&d, "aanpak"), "white space clears");
	cr_assert_eq(d.nvalues, 1);
	cr_assert_str_eq(plandoc_get(&d, "doel"), "x");
	plandoc_set(&d, "doel", NULL);
	cr_assert_null(plandoc_get(&d, "doel"));
	cr_assert_eq(d.nvalues, 0);
	plandoc_set(&d, "nooit", "");
	cr_assert_eq(d.nvalues, 0, "an empty value is never stored");
	plandoc_free(&d);
}

Test(plandoc, goals_add_remove)
{
	struct plan_doc d;
	plandoc_init(&d);
	char text[] = "Leest vlot";
	struct goal g = {0};
	g.text = text;
	g.target = DATE_NONE;
	cr_assert_eq(plandoc_add_goal(&d, &g), 0);
	text[0] = 'X'; /* the document holds a copy */
	cr_assert_str_eq(d.goals[0].text, "Leest vlot");
	add_goal(&d, 0, 1, true, "twee", DATE_NONE, GOAL_OPEN, NULL);
	add_goal(&d, 0, 1, true, "drie", DATE_NONE, GOAL_OPEN, NULL);
	cr_assert_eq(d.ngoals, 3);
	plandoc_remove_goal(&d, 1);
	cr_assert_eq(d.ngoals, 2);
	cr_assert_str_eq(d.goals[1].text, "drie");
	plandoc_remove_goal(&d, 5);
	plandoc_remove_goal(&d, -1);
	cr_assert_eq(d.ngoals, 2);
	plandoc_free(&d);
}

Test(plandoc, members_set_move_remove_order)
{
	struct plan_doc d;
	plandoc_init(&d);
	plandoc_set_member(&d, "leerlingen", "Verlengde instructie", 3, "Zoë de Vries");
	plandoc_set_member(&d, "leerlingen", "Basisinstructie", 1, "Bram Jansen");
	plandoc_set_member(&d, "leerlingen", "Basisinstructie", 2, "Anna Bakker");
	cr_assert_eq(d.nmembers, 3);
	cr_assert_str_eq(plandoc_member_group(&d, "leerlingen", 3), "Verlengde instructie");
	/* ordered by field, group, name */
	cr_assert_str_eq(d.members[0].pupil_name, "Anna Bakker");
	cr_assert_str_eq(d.members[1].pupil_name, "Bram Jansen");
	cr_assert_str_eq(d.members[2].pupil_name, "Zoë de Vries");
	plandoc_set_member(&d, "leerlingen", "Basisinstructie", 3, NULL);
	cr_assert_eq(d.nmembers, 3, "moved, not added");
	cr_assert_str_eq(plandoc_member_group(&d, "leerlingen", 3), "Basisinstructie");
	cr_assert_str_eq(d.members[2].pupil_name, "Zoë de Vries", "name kept");
	cr_assert_null(plandoc_member_group(&d, "andere", 3), "per field");
	plandoc_set_member(&d, "leerlingen", NULL, 1, NULL);
	cr_assert_eq(d.nmembers, 2);
	cr_assert_null(plandoc_member_group(&d, "leerlingen", 1));
	plandoc_free(&d);
}

Test(plandoc, copy_is_independent)
{
	struct plan_doc a, b;
	make_oop(&a);
	plandoc_set_member(&a, "leerlingen", "Basisinstructie", 1, "Bram");
	plandoc_copy(&b, &a);
	cr_assert(plandoc_equal(&a, &b));
	plandoc_set(&b, "aanpak", "Iets anders");
	set_str(&b.goals[0].text, "Ander doel");
	set_str(&b.plan.title, "Andere titel");
	plandoc_set_member(&b, "leerlingen", "Verlengde instructie", 1, NULL);
	cr_assert_str_eq(plandoc_get(&a, "aanpak"), "Dagelijks tien minuten oefenen.");
	cr_assert_str_eq(a.goals[0].text, "Kent de tafels van 1 tot en met 5");
	cr_assert_str_eq(a.plan.title, "OOP rekenen");
	cr_assert_str_eq(plandoc_member_group(&a, "leerlingen", 1), "Basisinstructie");
	cr_assert_not(plandoc_equal(&a, &b));
	plandoc_free(&a);
	plandoc_free(&b);
}

Test(plandoc, equal_rules)
{
	struct plan_doc a, b;
	make_oop(&a);
	plandoc_copy(&b, &a);
	b.plan.id = 99;
	b.plan.version = 8;
	cr_assert(plandoc_equal(&a, &b), "plan id and version are not content");
	b.goals[1].version = 2;
	cr_assert_not(plandoc_equal(&a, &b), "a goal's version is compared");
	b.goals[1].version = a.goals[1].version;
	b.plan.agreed = th_ymd(2026, 9, 3);
	cr_assert_not(plandoc_equal(&a, &b));
	b.plan.agreed = DATE_NONE;
	plandoc_set(&b, "vakgebied", NULL);
	plandoc_set(&b, "vakgebied", "Rekenen");
	cr_assert(plandoc_equal(&a, &b), "the order of values does not matter");
	plandoc_free(&a);
	plandoc_free(&b);
}

/* ================================================================= drafts */

static const char *const nasty[] = {
	"regel één\nregel twee\n\nna een lege regel\n",
	"letterlijk \\n en \\\\ en \\t en \\x41 blijven zo",
	"a = b == c; =begin",
	"\ttab vooraan\ten midden\t",
	"ë é ï ç — Zoë's “aanhalingstekens” 🙂👍🏽 日本",
	"\r\nWindows\r\n",
	"[einde]\n[mijn]\nveld=x\ty\nibis-planconcept 1",
	"bel\x07 en del\x7f en \x1b[31m",
};

/* mine with every kind of part filled with nasty text. */
static void make_nasty(struct plan_doc *d)
{
	make_oop(d);
	set_str(&d->plan.title, nasty[0]);
	set_str(&d->plan.author, nasty[4]);
	set_str(&d->plan.evaluated_with, nasty[2]);
	d->plan.due = th_ymd(2026, 10, 13);
	d->plan.agreed = th_ymd(2026, 9, 4);
	d->plan.evaluated = th_ymd(2026, 10, 21);
	d->plan.status = PLAN_EVALUATED;
	for (size_t i = 0; i < ARRAY_LEN(nasty); i++) {
		char *key = xasprintf("veld_%zu", i);
		plandoc_set(d, key, nasty[i]);
		free(key);
	}
	plandoc_set(d, "sleutel=met\tgek\\teken\nen ë", "waarde");
	add_goal(d, 0, 8, true, nasty[1], th_ymd(2027, 1, 15), GOAL_PARTLY, nasty[3]);
	add_goal(d, 0, 0, false, NULL, DATE_NONE, GOAL_NOT_MET, NULL);
	d->goals[0].result = GOAL_MET;
	set_str(&d->goals[0].evaluation, nasty[5]);
	plandoc_set_member(d, "leerlingen", "Verlengde instructie", 3, nasty[4]);
	plandoc_set_member(d, "leerlingen", "Basis\tinstructie\n", 4, NULL);
	plandoc_set_member(d, "andere=groep", "Begeleide verwerking", 5, "Ann\\e");
}

static void check_round_trip(const struct plan_doc *mine, const struct plan_doc *base)
{
	char *text = plandoc_draft(mine, base);
	cr_assert(str_starts(text, "ibis-planconcept 1\n"), "%s", text);
	cr_assert(utf8_valid(text, strlen(text)));
	struct plan_doc m, b;
	plandoc_init(&m);
	plandoc_init(&b);
	bool has_base = !base;
	struct ibis_error err = {0};
	cr_assert_eq(plandoc_undraft(text, &m, &b, &has_base, &err), IBIS_OK, "%s\n%s",
		     err.message, text);
	cr_assert_eq(has_base, base != NULL);
	cr_assert(plandoc_equal(&m, mine), "%s", text);
	cr_assert_eq(m.plan.id, mine->plan.id);
	cr_assert_eq(m.plan.version, mine->plan.version);
	cr_assert_eq(m.nvalues, mine->nvalues);
	for (int i = 0; i < mine->nvalues; i++)
		cr_assert_str_eq(plandoc_get(&m, mine->values[i].key), mine->values[i].value);
	cr_assert_eq(m.ngoals, mine->ngoals);
	for (int i = 0; i < mine->ngoals; i++) {
		cr_assert_eq(m.goals[i].id, mine->goals[i].id);
		cr_assert_eq(m.goals[i].plan_id, mine->goals[i].plan_id);
		cr_assert_eq(m.goals[i].result, mine->goals[i].result);
		cr_assert_eq(m.goals[i].target, mine->goals[i].target);
		cr_assert_eq(m.goals[i].area, mine->goals[i].area);
		cr_assert_eq(m.goals[i].long_term, mine->goals[i].long_term);
		cr_assert_str_eq(m.goals[i].text ? m.goals[i].text : "",
				 mine->goals[i].text ? mine->goals[i].text : "");
	}
	cr_assert_eq(m.nmembers, mine->nmembers);
	for (int i = 0; i < mine->nmembers; i++) {
		cr_assert_str_eq(m.members[i].field_key, mine->members[i].field_key);
		cr_assert_str_eq(m.members[i].group_name, mine->members[i].group_name);
		cr_assert_eq(m.members[i].pupil_id, mine->members[i].pupil_id);
		cr_assert_str_eq(m.members[i].pupil_name ? m.members[i].pupil_name : "",
				 mine->members[i].pupil_name ? mine->members[i].pupil_name : "");
	}
	if (base) {
		cr_assert(plandoc_equal(&b, base));
		cr_assert_eq(b.plan.version, base->plan.version);
	} else {
		cr_assert_eq(b.nvalues + b.ngoals + b.nmembers, 0);
	}
	plandoc_free(&m);
	plandoc_free(&b);
	free(text);
}

Test(draft, round_trip_without_base)
{
	struct plan_doc d;
	make_nasty(&d);
	check_round_trip(&d, NULL);
	plandoc_free(&d);
}

Test(draft, round_trip_with_base)
{
	struct plan_doc mine, base;
	make_nasty(&mine);
	make_oop(&base);
	plandoc_set(&base, "aanpak", nasty[6]);
	plandoc_set_member(&base, "leerlingen", "Basisinstructie", 9, "Kees");
	check_round_trip(&mine, &base);
	plandoc_free(&mine);
	plandoc_free(&base);
}

Test(draft, round_trip_empty_doc_and_bytes_that_are_not_utf8)
{
	struct plan_doc d;
	plandoc_init(&d);
	check_round_trip(&d, &d);
	plandoc_set(&d, "kapot", "half \xc3 teken \xff en \xe2\x82");
	check_round_trip(&d, NULL);
	plandoc_free(&d);
}

Test(draft, lines_hold_no_raw_newline_of_a_value)
{
	struct plan_doc d;
	plandoc_init(&d);
	plandoc_set(&d, "a", "een\ntwee");
	char *text = plandoc_draft(&d, NULL);
	cr_assert_not_null(strstr(text, "veld=a\teen\\ntwee\n"), "%s", text);
	cr_assert(str_starts(text, "ibis-planconcept 1\n[mijn]\n"), "%s", text);
	size_t len = strlen(text);
	cr_assert(len > 8 && strcmp(text + len - 8, "[einde]\n") == 0, "%s", text);
	free(text);
	plandoc_free(&d);
}

/* undraft text must fail; the message must hold want; mine is left empty. */
static void refused(const char *text, const char *want)
{
	struct plan_doc m, b;
	make_oop(&m);
	make_oop(&b);
	bool has_base = true;
	struct ibis_error err = {0};
	cr_assert_eq(plandoc_undraft(text, &m, &b, &has_base, &err), IBIS_EINPUT, "%s", text);
	cr_assert_not_null(strstr(err.message, want), "want \"%s\" in \"%s\"", want, err.message);
	cr_assert_not(has_base);
	cr_assert_eq(m.nvalues + m.ngoals + m.nmembers + b.nvalues + b.ngoals, 0);
	cr_assert_null(m.plan.title);
	plandoc_free(&m);
	plandoc_free(&b);
}

Test(draft, damaged_or_foreign_refused)
{
	refused("", "Dit is geen bewaard concept van een plan van ibis (regel 1");
	refused("Beste ouders,\nhierbij het plan.\n",
		"Dit is geen bewaard concept van een plan van ibis (regel 1).");
	refused("ibis-planconcept 2\n[mijn]\n[einde]\n", "andere versie van ibis (regel 1");
	refused("ibis-planconcept 1\n[mijn]\ntitel=OOP\n", "beschadigd (regel 3: de tekst houdt op");
	refused("ibis-planconcept 1\n[einde]\n", "het eigen plan ontbreekt");
	refused("ibis-planconcept 1\n[mijn]\nstart=31-12-2026\n[einde]\n",
		"beschadigd (regel 3: ongeldige datum)");
	refused("ibis-planconcept 1\n[mijn]\ntitel=a\\qb\n[einde]\n",
		"beschadigd (regel 3: ongeldig teken)");
	refused("ibis-planconcept 1\n[mijn]\ntitel=a\n\nkleur=rood\n[einde]\n",
		"(regel 5: onbekend soort regel)");
	refused("ibis-planconcept 1\n[mijn]\ndoel=1\t12\t1\t2\tkort\t\topen\ttekst\n[einde]\n",
		"(regel 3: onvolledig doel)");
	refused("ibis-planconcept 1\n[mijn]\ndoel=1\t12\t1\t2\tmidden\t\topen\ttekst\t\n[einde]\n",
		"(regel 3: onbekende termijn bij een doel)");
	refused("ibis-planconcept 1\n[mijn]\nstatus=klaar\n[einde]\n",
		"(regel 3: onbekende status)");
	refused("ibis-planconcept 1\n[mijn]\n[einde]\ntitel=x\n", "(regel 4: tekst na het einde)");
	refused("ibis-planconcept 1\n[mijn]\n[mijn]\n[einde]\n", "(regel 3: dit deel staat er");
	refused("ibis-planconcept 1\ntitel=x\n[mijn]\n[einde]\n", "(regel 2: tekst buiten een plan)");
	refused("ibis-planconcept 1\n[mijn]\nveld=a\t1\nveld=a\t2\n[einde]\n",
		"(regel 4: veld staat er twee keer)");
	refused("ibis-planconcept 1\n[mijn]\nlid=l\tg\tx\tAnna\n[einde]\n",
		"(regel 3: ongeldig leerlingnummer)");
	refused("ibis-planconcept 1\n[mijn]\ntitel=caf\xe9\n[einde]\n",
		"(regel 3: tekens die geen UTF-8 zijn)");
	refused("ibis-planconcept 1\n[mijn]\nid=12abc\n[einde]\n", "(regel 3: ongeldig nummer)");
}

Test(draft, damaged_message_has_detail)
{
	struct plan_doc m, b;
	plandoc_init(&m);
	plandoc_init(&b);
	bool has_base;
	struct ibis_error err = {0};
	cr_assert_eq(plandoc_undraft("ibis-planconcept 1\n[mijn]\neind=morgen\n[einde]\n", &m, &b,
				     &has_base, &err),
		     IBIS_EINPUT);
	cr_assert_str_eq(err.message,
			 "Het bewaarde concept van het plan is beschadigd (regel 3: ongeldige datum).");
	cr_assert_not_null(strstr(err.detail, "eind=morgen"), "%s", err.detail);
	plandoc_free(&m);
	plandoc_free(&b);
}

Test(draft, crlf_lines_read)
{
	struct plan_doc m, b;
	plandoc_init(&m);
	plandoc_init(&b);
	bool has_base = true;
	struct ibis_error err = {0};
	cr_assert_eq(plandoc_undraft("ibis-planconcept 1\r\n[mijn]\r\ntitel=Zoë\\r\r\n[einde]\r\n",
				     &m, &b, &has_base, &err),
		     IBIS_OK, "%s", err.message);
	cr_assert_str_eq(m.plan.title, "Zoë\r");
	cr_assert_not(has_base);
	plandoc_free(&m);
	plandoc_free(&b);
}

/* ================================================================== units */

Test(units, oop_in_template_order)
{
	struct plan_template *t = th_get_template("oop");
	struct basis_grid *areas = get_areas();
	struct plan_doc d;
	make_oop(&d);
	d.plan.evaluated = th_ymd(2026, 10, 21);
	set_str(&d.plan.evaluated_with, "ouders, kwaliteitscoördinator");
	d.plan.agreed = th_ymd(2026, 9, 4);
	plandoc_set(&d, "oud_veld", "Van een vorige versie van het sjabloon");
	plandoc_set(&d, "vervolg", "OOP afsluiten");
	add_goal(&d, 0, 1, false, "Leest een AVI-E3 tekst vlot en zonder fouten voor aan de groep",
		 th_ymd(2027, 1, 15), GOAL_PARTLY, "Vlot, nog twee fouten.");
	struct plan_unit *u;
	int n;
	plandoc_units(&d, t, areas, &u, &n);
	const char *const want[] = {
		"titel", "start", "eind", "evaluatiedatum", "uiterlijk", "instemming",
		"evaluatie_gehouden", "veld:vakgebied", "veld:aanleiding",
		"veld:onderwijsbehoeften", "doel:5", "doel:6", "doel:nieuw:0", "veld:aanpak",
		"veld:inbreng_leerling", "veld:inbreng_ouders", "veld:logboek", "veld:evaluatie",
		"veld:vervolg", "veld:oud_veld",
	};
	cr_assert_eq(n, (int)ARRAY_LEN(want));
	for (int i = 0; i < n; i++)
		cr_assert_str_eq(u[i].id, want[i], "unit %d", i);
	cr_assert_str_eq(u[0].label, "Titel");
	cr_assert_str_eq(u[0].text, "OOP rekenen");
	cr_assert_str_eq(u[1].text, "01-09-2026");
	cr_assert_str_eq(u[2].label, "Einddatum");
	cr_assert_str_eq(u[2].text, "27-10-2026");
	cr_assert_str_eq(u[4].text, "", "no due date");
	cr_assert_str_eq(u[5].text, "04-09-2026");
	cr_assert_str_eq(u[6].text, "21-10-2026 met ouders, kwaliteitscoördinator");
	cr_assert_str_eq(u[7].label, "Vakgebied");
	cr_assert_str_eq(u[7].text, "Rekenen");
	cr_assert_str_eq(u[9].text, "", "empty field still a unit");
	cr_assert_str_eq(u[10].label, "Doel: Kent de tafels van 1 tot …");
	cr_assert_str_eq(u[10].text,
			 "Korte termijn · Rekenproblemen/dyscalculie · streefdatum 15-10-2026\n"
			 "Kent de tafels van 1 tot en met 5");
	cr_assert_str_eq(u[11].text, "Lange termijn · Rekenproblemen/dyscalculie · streefdatum "
				     "01-07-2027\nRekent op niveau");
	cr_assert_str_eq(u[12].text,
			 "Korte termijn · Lees-spellingsproblemen/dyslexie · streefdatum 15-01-2027\n"
			 "Leest een AVI-E3 tekst vlot en zonder fouten voor aan de groep\n"
			 "Resultaat: deels behaald\nVlot, nog twee fouten.");
	cr_assert_str_eq(u[18].text, "OOP afsluiten");
	cr_assert_str_eq(u[19].label, "oud_veld");
	cr_assert_str_eq(u[19].text, "Van een vorige versie van het sjabloon");
	plan_units_free(u, n);

	plandoc_units(&d, t, NULL, &u, &n);
	cr_assert_str_eq(u[12].text,
			 "Korte termijn · gebied 1 · streefdatum 15-01-2027\n"
			 "Leest een AVI-E3 tekst vlot en zonder fouten voor aan de groep\n"
			 "Resultaat: deels behaald\nVlot, nog twee fouten.");
	plan_units_free(u, n);
	plandoc_free(&d);
	put_areas(areas);
	th_put_template(t);
}

Test(units, groepsplan_members_and_date_field)
{
	struct plan_template *t = th_get_template("groepsplan");
	struct plan_doc d;
	plandoc_init(&d);
	d.plan.group_id = 4;
	set_str(&d.plan.template_id, "groepsplan");
	plandoc_set(&d, "evaluatiedatum", "2027-01-28");
	plandoc_set_member(&d, "leerlingen", "Verlengde instructie", 3, "Zoë de Vries");
	plandoc_set_member(&d, "leerlingen", "Basisinstructie", 1, "Bram Jansen");
	plandoc_set_member(&d, "leerlingen", "Basisinstructie", 2, "Anna Bakker");
	plandoc_set_member(&d, "leerlingen", "Verkorte instructie", 5, NULL);
	plandoc_set_member(&d, "leerlingen", "Plusgroep", 6, "Mo");
	struct plan_unit *u;
	int n;
	plandoc_units(&d, t, NULL, &u, &n);
	int li = unit_index(u, n, "leerlingen:leerlingen");
	cr_assert_eq(li, unit_index(u, n, "veld:onderwijsbehoeften") + 1);
	cr_assert_str_eq(u[li].label, "Instructiegroepen");
	cr_assert_str_eq(u[li].text, "Verkorte instructie: leerling 5\n"
				     "Basisinstructie: Anna Bakker, Bram Jansen\n"
				     "Verlengde instructie: Zoë de Vries\n"
				     "Plusgroep: Mo");
	int ei = unit_index(u, n, "veld:evaluatiedatum");
	cr_assert(ei > li);
	cr_assert_str_eq(u[ei].text, "28-01-2027");
	cr_assert_str_eq(u[ei].label, "Evaluatie gepland op");
	cr_assert_str_eq(u[unit_index(u, n, "evaluatiedatum")].text, "", "the header's own");
	cr_assert_eq(unit_index(u, n, "veld:doelen"), -1);
	cr_assert_str_eq(u[n - 1].id, "veld:evaluatie");
	plan_units_free(u, n);

	/* Units of every shipped template build and hold the header. */
	const char *const ids[] = {"oop", "opp", "ihp", "groeidocument", "groepsplan"};
	for (size_t k = 0; k < ARRAY_LEN(ids); k++) {
		struct plan_template *tt = th_get_template(ids[k]);
		plandoc_units(&d, tt, NULL, &u, &n);
		cr_assert_gt(n, 7 + tt->nfields / 2, "%s", ids[k]);
		cr_assert_str_eq(u[6].id, "evaluatie_gehouden");
		plan_units_free(u, n);
		th_put_template(tt);
	}
	plandoc_free(&d);
	th_put_template(t);
}

/* ================================================================== merge */

struct merged {
	struct plan_doc out;
	struct plan_conflict *c;
	int n;
};

static void merge(const struct plan_doc *base, const struct plan_doc *mine,
		  const struct plan_doc *theirs, struct merged *m)
{
	struct plan_template *t = th_get_template("oop");
	plandoc_init(&m->out);
	plandoc_merge(base, mine, theirs, t, NULL, &m->out, &m->c, &m->n);
	th_put_template(t);
}

static void merged_free(struct merged *m)
{
	plandoc_free(&m->out);
	plan_conflicts_free(m->c, m->n);
}

/* base; mine and theirs start as copies, theirs saved once more. */
static void three(struct plan_doc *base, struct plan_doc *mine, struct plan_doc *theirs)
{
	make_oop(base);
	plandoc_set(base, "oud_veld", "Gebleven uit het oude sjabloon");
	plandoc_copy(mine, base);
	plandoc_copy(theirs, base);
	theirs->plan.version = base->plan.version + 1;
}

static void free3(struct plan_doc *a, struct plan_doc *b, struct plan_doc *c)
{
	plandoc_free(a);
	plandoc_free(b);
	plandoc_free(c);
}

Test(merge, disjoint_edits_without_conflict)
{
	struct plan_doc base, mine, theirs;
	three(&base, &mine, &theirs);
	plandoc_set(&mine, "aanpak", "Mijn aanpak");
	mine.plan.end = th_ymd(2026, 10, 20);
	set_str(&mine.goals[0].text, "Mijn doel");
	plandoc_set(&mine, "oud_veld", "Mijn tekst in het oude veld");
	plandoc_set(&theirs, "aanleiding", "Hun aanleiding");
	set_str(&theirs.plan.title, "Hun titel");
	theirs.goals[1].result = GOAL_MET;
	theirs.goals[1].version = 2;
	plandoc_set_member(&theirs, "leerlingen", "Basisinstructie", 1, "Bram");
	struct merged m;
	merge(&base, &mine, &theirs, &m);
	cr_assert_eq(m.n, 0, "first: %s", m.n ? m.c[0].unit : "");
	cr_assert_eq(m.out.plan.version, theirs.plan.version, "theirs' version, to save");
	cr_assert_eq(m.out.plan.id, 12);
	cr_assert_str_eq(plandoc_get(&m.out, "aanpak"), "Mijn aanpak");
	cr_assert_str_eq(plandoc_get(&m.out, "aanleiding"), "Hun aanleiding");
	cr_assert_str_eq(plandoc_get(&m.out, "oud_veld"), "Mijn tekst in het oude veld",
			 "a key the template does not list is merged too");
	cr_assert_str_eq(m.out.plan.title, "Hun titel");
	cr_assert_eq(m.out.plan.end, th_ymd(2026, 10, 20));
	cr_assert_str_eq(m.out.goals[0].text, "Mijn doel");
	cr_assert_eq(m.out.goals[1].result, GOAL_MET);
	cr_assert_eq(m.out.goals[1].version, 2);
	cr_assert_str_eq(plandoc_member_group(&m.out, "leerlingen", 1), "Basisinstructie");
	merged_free(&m);
	free3(&base, &mine, &theirs);
}

Test(merge, same_edit_no_conflict)
{
	struct plan_doc base, mine, theirs;
	three(&base, &mine, &theirs);
	plandoc_set(&mine, "aanpak", "Zelfde tekst");
	plandoc_set(&theirs, "aanpak", "Zelfde tekst");
	plandoc_remove_goal(&mine, 1);
	plandoc_remove_goal(&theirs, 1);
	struct merged m;
	merge(&base, &mine, &theirs, &m);
	cr_assert_eq(m.n, 0);
	cr_assert_str_eq(plandoc_get(&m.out, "aanpak"), "Zelfde tekst");
	cr_assert_eq(m.out.ngoals, 1);
	merged_free(&m);
	free3(&base, &mine, &theirs);
}

Test(merge, different_edits_conflict_with_both_texts)
{
	struct plan_doc base, mine, theirs;
	three(&base, &mine, &theirs);
	plandoc_set(&mine, "aanpak", "Mijn aanpak\nmet twee regels");
	plandoc_set(&theirs, "aanpak", "Hun aanpak");
	mine.plan.start = th_ymd(2026, 9, 8);
	theirs.plan.start = th_ymd(2026, 9, 15);
	plandoc_set(&mine, "aanleiding", NULL);
	plandoc_set(&theirs, "aanleiding", "Hun aanleiding");
	mine.goals[0].target = th_ymd(2026, 10, 1);
	theirs.goals[0].target = th_ymd(2026, 10, 2);
	plandoc_set(&mine, "vakgebied", "Taal"); /* only mine: no conflict */
	struct merged m;
	merge(&base, &mine, &theirs, &m);
	cr_assert_eq(m.n, 4);
	const struct plan_conflict *c = conflict_of(m.c, m.n, "veld:aanpak");
	cr_assert_not_null(c);
	cr_assert_str_eq(c->label, "Aanpak");
	cr_assert_str_eq(c->mine, "Mijn aanpak\nmet twee regels");
	cr_assert_str_eq(c->theirs, "Hun aanpak");
	cr_assert_not(c->take_mine);
	c = conflict_of(m.c, m.n, "start");
	cr_assert_not_null(c);
	cr_assert_str_eq(c->mine, "08-09-2026");
	cr_assert_str_eq(c->theirs, "15-09-2026");
	c = conflict_of(m.c, m.n, "veld:aanleiding");
	cr_assert_not_null(c);
	cr_assert_str_eq(c->mine, "");
	cr_assert_str_eq(c->theirs, "Hun aanleiding");
	c = conflict_of(m.c, m.n, "doel:5");
	cr_assert_not_null(c);
	cr_assert_not_null(strstr(c->mine, "streefdatum 01-10-2026"), "%s", c->mine);
	cr_assert_not_null(strstr(c->theirs, "streefdatum 02-10-2026"), "%s", c->theirs);
	/* out keeps theirs until resolved */
	cr_assert_str_eq(plandoc_get(&m.out, "aanpak"), "Hun aanpak");
	cr_assert_eq(m.out.plan.start, th_ymd(2026, 9, 15));
	cr_assert_str_eq(plandoc_get(&m.out, "vakgebied"), "Taal");

	/* resolve: mine for aanpak and aanleiding, theirs for the rest */
	for (int i = 0; i < m.n; i++)
		m.c[i].take_mine = !strcmp(m.c[i].unit, "veld:aanpak") ||
				   !strcmp(m.c[i].unit, "veld:aanleiding");
	plandoc_resolve(&m.out, &mine, m.c, m.n);
	cr_assert_str_eq(plandoc_get(&m.out, "aanpak"), "Mijn aanpak\nmet twee regels");
	cr_assert_null(plandoc_get(&m.out, "aanleiding"));
	cr_assert_eq(m.out.plan.start, th_ymd(2026, 9, 15));
	cr_assert_eq(m.out.goals[goal_index(&m.out, 5)].target, th_ymd(2026, 10, 2));
	cr_assert_eq(m.out.plan.version, theirs.plan.version);
	merged_free(&m);
	free3(&base, &mine, &theirs);
}

Test(merge, goals_added_on_both_sides)
{
	struct plan_doc base, mine, theirs;
	three(&base, &mine, &theirs);
	add_goal(&mine, 0, 3, false, "Mijn nieuwe doel", DATE_NONE, GOAL_OPEN, NULL);
	add_goal(&mine, 0, 4, false, "Mijn tweede nieuwe doel", DATE_NONE, GOAL_OPEN, NULL);
	add_goal(&theirs, 40, 5, true, "Hun nieuwe doel", DATE_NONE, GOAL_OPEN, NULL);
	struct merged m;
	merge(&base, &mine, &theirs, &m);
	cr_assert_eq(m.n, 0);
	cr_assert_eq(m.out.ngoals, 5);
	cr_assert_eq(m.out.goals[2].id, 40);
	cr_assert_str_eq(m.out.goals[3].text, "Mijn nieuwe doel");
	cr_assert_eq(m.out.goals[3].id, 0);
	cr_assert_str_eq(m.out.goals[4].text, "Mijn tweede nieuwe doel");
	merged_free(&m);
	free3(&base, &mine, &theirs);
}

Test(merge, goal_deleted_by_mine)
{
	struct plan_doc base, mine, theirs;
	three(&base, &mine, &theirs);
	/* mine deletes both; theirs leaves 5 alone and changes 6 */
	plandoc_remove_goal(&mine, 1);
	plandoc_remove_goal(&mine, 0);
	set_str(&theirs.goals[1].text, "Rekent op niveau, ook redactiesommen");
	struct merged m;
	merge(&base, &mine, &theirs, &m);
	cr_assert_eq(m.n, 1);
	cr_assert_eq(goal_index(&m.out, 5), -1, "unchanged by theirs: deleted");
	cr_assert_neq(goal_index(&m.out, 6), -1, "kept until the user chooses");
	cr_assert_str_eq(m.c[0].unit, "doel:6");
	cr_assert_str_eq(m.c[0].label, "Doel: Rekent op niveau, ook redactiesommen");
	cr_assert_str_eq(m.c[0].mine, "");
	cr_assert_not_null(strstr(m.c[0].theirs, "redactiesommen"));
	m.c[0].take_mine = true;
	plandoc_resolve(&m.out, &mine, m.c, m.n);
	cr_assert_eq(m.out.ngoals, 0);
	merged_free(&m);
	free3(&base, &mine, &theirs);
}

Test(merge, goal_deleted_by_theirs_changed_by_mine)
{
	struct plan_doc base, mine, theirs;
	three(&base, &mine, &theirs);
	plandoc_remove_goal(&theirs, 0);
	mine.goals[0].result = GOAL_MET;
	set_str(&mine.goals[0].evaluation, "Gehaald op 10 oktober.");
	struct merged m;
	merge(&base, &mine, &theirs, &m);
	cr_assert_eq(m.n, 1);
	cr_assert_str_eq(m.c[0].unit, "doel:5");
	cr_assert_str_eq(m.c[0].theirs, "");
	cr_assert_not_null(strstr(m.c[0].mine, "Resultaat: behaald\nGehaald op 10 oktober."));
	cr_assert_eq(m.out.ngoals, 1, "theirs' deletion stands until resolved");
	m.c[0].take_mine = true;
	plandoc_resolve(&m.out, &mine, m.c, m.n);
	cr_assert_eq(m.out.ngoals, 2);
	cr_assert_str_eq(m.out.goals[1].evaluation, "Gehaald op 10 oktober.");
	cr_assert_eq(m.out.goals[1].id, 0, "comes back as a new goal, so saving inserts it");
	merged_free(&m);
	free3(&base, &mine, &theirs);
}

Test(merge, members_and_header_units)
{
	struct plan_doc base, mine, theirs;
	three(&base, &mine, &theirs);
	plandoc_set_member(&base, "leerlingen", "Basisinstructie", 1, "Bram");
	plandoc_set_member(&mine, "leerlingen", "Verlengde instructie", 1, "Bram");
	plandoc_set_member(&theirs, "leerlingen", "Basisinstructie", 1, "Bram");
	plandoc_set_member(&theirs, "leerlingen", "Basisinstructie", 2, "Anna");
	mine.plan.evaluated = th_ymd(2026, 10, 21);
	set_str(&mine.plan.evaluated_with, "ouders");
	theirs.plan.evaluated = th_ymd(2026, 10, 21);
	set_str(&theirs.plan.evaluated_with, "ouders, kwaliteitscoördinator");
	mine.plan.agreed = th_ymd(2026, 9, 4);
	struct merged m;
	merge(&base, &mine, &theirs, &m);
	cr_assert_eq(m.n, 2);
	const struct plan_conflict *c = conflict_of(m.c, m.n, "leerlingen:leerlingen");
	cr_assert_not_null(c);
	cr_assert_str_eq(c->mine, "Verlengde instructie: Bram");
	cr_assert_str_eq(c->theirs, "Basisinstructie: Anna, Bram");
	c = conflict_of(m.c, m.n, "evaluatie_gehouden");
	cr_assert_not_null(c);
	cr_assert_str_eq(c->mine, "21-10-2026 met ouders");
	cr_assert_eq(m.out.plan.agreed, th_ymd(2026, 9, 4));
	for (int i = 0; i < m.n; i++)
		m.c[i].take_mine = true;
	plandoc_resolve(&m.out, &mine, m.c, m.n);
	cr_assert_str_eq(m.out.plan.evaluated_with, "ouders");
	cr_assert_str_eq(plandoc_member_group(&m.out, "leerlingen", 1), "Verlengde instructie");
	cr_assert_null(plandoc_member_group(&m.out, "leerlingen", 2));
	merged_free(&m);
	free3(&base, &mine, &theirs);
}

Test(merge, never_saved_base_and_draft_then_merge)
{
	/* A draft's base read back merges the same as the original. */
	struct plan_doc base, mine, theirs, m2, b2;
	three(&base, &mine, &theirs);
	plandoc_set(&mine, "evaluatie", "Mijn evaluatie");
	plandoc_set(&theirs, "evaluatie", "Hun evaluatie");
	char *text = plandoc_draft(&mine, &base);
	plandoc_init(&m2);
	plandoc_init(&b2);
	bool has_base = false;
	cr_assert_eq(plandoc_undraft(text, &m2, &b2, &has_base, NULL), IBIS_OK);
	cr_assert(has_base);
	struct merged m;
	merge(&b2, &m2, &theirs, &m);
	cr_assert_eq(m.n, 1);
	cr_assert_str_eq(m.c[0].mine, "Mijn evaluatie");
	merged_free(&m);
	/* No base: everything either side has differs from nothing. */
	merge(NULL, &m2, &theirs, &m);
	cr_assert_not_null(conflict_of(m.c, m.n, "veld:evaluatie"));
	cr_assert_null(conflict_of(m.c, m.n, "veld:vakgebied"), "both the same");
	merged_free(&m);
	free(text);
	plandoc_free(&m2);
	plandoc_free(&b2);
	free3(&base, &mine, &theirs);
}
