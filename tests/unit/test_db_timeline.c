/* test_db_timeline.c - a pupil's timeline merged from every source table: the
 * order (date, then source, then id), each source's one-line summary, the
 * kind filter, restricted events, the list of kinds, and one event by id.
 *
 * Meetings and consents have no functions of their own in src/db yet, so the
 * fixture writes those rows with plain SQL on a second connection (as
 * test_db.c does for what the program cannot write); everything else goes
 * through the db_* functions.
 */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/db_arrangement.h"
#include "ibis/db_event.h"
#include "ibis/db_level.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/db_timeline.h"
#include "ibis/util.h"

/* ================================================================ fixture */

TestSuite(dbtimeline, .init = th_db_setup, .fini = th_db_teardown);

static ibis_id pupil_new(ibis_id school, const char *first)
{
	struct ibis_error err = {0};
	struct pupil p = {.school_id = school, .first_name = (char *)first, .last_name = "Test",
			  .birth_date = th_ymd(2017, 2, 3), .enrolled = th_ymd(2021, 8, 30),
			  .left = DATE_NONE};
	TH_OK(db_pupil_insert(th_db, &p, &err));
	return p.id;
}

static ibis_id event_new(ibis_id pupil, const char *kind, ibis_date d, const char *author,
			 const char *text, bool restricted)
{
	struct ibis_error err = {0};
	struct event e = {.pupil_id = pupil, .kind = (char *)kind, .date = d,
			  .author = (char *)author, .text = (char *)text, .restricted = restricted};
	TH_OK(db_event_insert(th_db, &e, &err));
	return e.id;
}

static ibis_id toets_new(ibis_id pupil, ibis_date d, const char *toets, const char *vakgebied,
			 const char *moment, const char *score, const char *niveau,
			 const char *text)
{
	struct ibis_error err = {0};
	struct event e = {.pupil_id = pupil, .kind = "toets", .date = d, .author = "juf.cas",
			  .text = (char *)text, .toets = (char *)toets,
			  .vakgebied = (char *)vakgebied, .moment = (char *)moment,
			  .score = (char *)score, .niveau = (char *)niveau};
	TH_OK(db_event_insert(th_db, &e, &err));
	return e.id;
}

static struct level_episode level_new(ibis_id pupil, int level, ibis_date start,
				      const char *reason, const char *meeting)
{
	struct ibis_error err = {0};
	struct level_episode e = {.pupil_id = pupil, .model = "4-niveaus", .level = level,
				  .start = start, .end = DATE_NONE, .reason = (char *)reason,
				  .meeting = (char *)meeting, .author = "ib.anna"};
	TH_OK(db_level_insert(th_db, &e, &err));
	return e;
}

static ibis_id plan_new(ibis_id pupil, const char *template_id, const char *title,
			enum plan_status status, ibis_date start, ibis_date end, ibis_date eval)
{
	struct ibis_error err = {0};
	struct plan p = {.template_id = (char *)template_id, .pupil_id = pupil,
			 .title = (char *)title, .status = status, .start = start, .end = end,
			 .eval_date = eval,
			 .due = DATE_NONE, .agreed = DATE_NONE, .evaluated = DATE_NONE, .author = "ib.anna"};
	TH_OK(db_plan_insert(th_db, &p, &err));
	return p.id;
}

static ibis_id arrangement_new(ibis_id pupil, enum arrangement_kind kind, ibis_date start,
			       ibis_date end)
{
	struct ibis_error err = {0};
	struct arrangement a = {.pupil_id = pupil, .kind = kind, .start = start, .end = end,
				.description = "Omschrijving", .reference = "SWV-1"};
	TH_OK(db_arrangement_insert(th_db, &a, &err));
	return a.id;
}

/* Rows without a db function: plain SQL on a second connection. */
static void sql(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sql(const char *fmt, ...)
{
	char text[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	th_sql_exec(db_path(th_db), text);
}

/* The pupil of every test and its rows, by source. */
struct world {
	ibis_id school, pupil, other;
	ibis_id e_obs, e_cito, e_dmt, e_avi, e_secret, e_blank, e_team;
	ibis_id l1, l2, l3;
	ibis_id p_oop, p_groei, p_opp, p_ihp, p_closed;
	ibis_id mi_rekenen, mi_ouders, mi_mdo;
	ibis_id c_mdo, c_onderzoek;
	ibis_id a_onderwijs, a_tlv;
};

/* See expected[] below for what each row looks like on the timeline. The
 * rows are written in an order unlike the timeline's, so the order is the
 * merge's. */
static void world_make(struct world *w)
{
	struct ibis_error err = {0};
	struct school s = {.name = "OBS De Linde", .level_model = "4-niveaus",
			   .groepsbesprekingen = 3};
	TH_OK(db_school_insert(th_db, &s, &err));
	w->school = s.id;
	w->pupil = pupil_new(w->school, "Sanne");
	w->other = pupil_new(w->school, "Ander");

	w->a_tlv = arrangement_new(w->pupil, ARRANGEMENT_TLV, th_ymd(2026, 11, 12),
				   th_ymd(2028, 11, 11));
	w->a_onderwijs = arrangement_new(w->pupil, ARRANGEMENT_ONDERWIJS, th_ymd(2026, 9, 10),
					 DATE_NONE);

	sql("INSERT INTO consents (id, pupil_id, subject, status, consent_date, author)"
	    " VALUES (11, %lld, 'onderzoek', 'ingetrokken', '2026-11-12', 'ib.anna'),"
	    " (10, %lld, 'mdo', 'gegeven', '2026-09-10', 'ib.anna'),"
	    " (12, %lld, 'mdo', 'gegeven', '2026-09-10', NULL)",
	    w->pupil, w->pupil, w->other);
	w->c_mdo = 10;
	w->c_onderzoek = 11;
	sql("INSERT INTO meetings (id, school_id, kind, meeting_date, title, author) VALUES"
	    " (1, %lld, 'groepsbespreking', '2026-09-10', 'Groep 5', 'ib.anna'),"
	    " (2, %lld, 'MDO/OT', '2026-11-12', NULL, 'ib.bert');"
	    "INSERT INTO meeting_items (id, meeting_id, position, pupil_id, title, notes, decision)"
	    " VALUES (21, 1, 2, %lld, NULL, '\n  Ouders uitnodigen.\nVoor een gesprek.', NULL),"
	    " (20, 1, 1, %lld, 'Rekenen besproken', 'Notities', 'Besluit'),"
	    " (22, 1, 3, NULL, 'Algemeen punt', NULL, NULL),"
	    " (23, 1, 4, %lld, 'Andere leerling', NULL, NULL),"
	    " (24, 2, 1, %lld, NULL, NULL, 'Verwijzing SO\nmet toestemming')",
	    w->school, w->school, w->pupil, w->pupil, w->other, w->pupil);
	w->mi_rekenen = 20;
	w->mi_ouders = 21;
	w->mi_mdo = 24;

	w->p_ihp = plan_new(w->pupil, "ihp", "Lezen", PLAN_CONCEPT, th_ymd(2026, 11, 10), DATE_NONE,
			    DATE_NONE);
	w->p_oop = plan_new(w->pupil, "oop", "Rekenen tafels", PLAN_ACTIVE, th_ymd(2026, 9, 12),
			    th_ymd(2026, 11, 7), th_ymd(2026, 11, 7));
	w->p_groei = plan_new(w->pupil, "groeidocument", "Doorgaande lijn", PLAN_CLOSED,
			      th_ymd(2026, 8, 25), th_ymd(2026, 11, 12), DATE_NONE);
	w->p_opp = plan_new(w->pupil, "opp", NULL, PLAN_EVALUATED, th_ymd(2026, 9, 10),
			    th_ymd(2026, 12, 1), th_ymd(2026, 10, 15));
	w->p_closed = plan_new(w->pupil, "opp", "Gesloten", PLAN_CLOSED, th_ymd(2026, 6, 11),
			       th_ymd(2026, 10, 2), th_ymd(2027, 6, 11));
	plan_new(w->pupil, "oop", "Nog niet gepland", PLAN_CONCEPT, DATE_NONE, DATE_NONE,
		 DATE_NONE);
	plan_new(w->other, "oop", "Van een ander", PLAN_ACTIVE, th_ymd(2026, 9, 10), DATE_NONE,
		 DATE_NONE);

	struct level_episode l1 = level_new(w->pupil, 1, th_ymd(2026, 8, 20), "Instroom op school.",
					    NULL);
	w->l1 = l1.id;
	w->l2 = level_new(w->pupil, 2, th_ymd(2026, 9, 10), "Toets M5 rekenen E.\nTweede regel",
			  "groepsbespreking").id;
	w->l3 = level_new(w->pupil, 3, th_ymd(2026, 10, 20), NULL, "leerlingbespreking").id;
	struct level_episode l4 = level_new(w->pupil, 4, th_ymd(2026, 11, 2), "Per ongeluk", NULL);
	TH_OK(db_level_withdraw(th_db, l4.id, l4.version, "Dubbel ingevoerd", "ib.bert",
				th_ymd(2026, 11, 5), &err));
	/* the step to level 2 closed (and so changed) level 1: read it again */
	struct level_episode fix = {0};
	bool found = false;
	TH_OK(db_level_get(th_db, l1.id, &fix, &found, &err));
	cr_assert(found);
	free(fix.regie);
	fix.regie = xstrdup("leerkracht");
	TH_OK(db_level_correct(th_db, &fix, "Regie verkeerd.\nToelichting", "ib.bert",
			       th_ymd(2026, 11, 12), &err));
	level_episode_clear(&fix);
	level_new(w->other, 2, th_ymd(2026, 9, 10), "Van een ander", NULL);

	w->e_team = event_new(w->pupil, "bespreking", th_ymd(2026, 11, 12), "ib.anna",
			      "Besproken in het team.", false);
	w->e_blank = event_new(w->pupil, "notitie", th_ymd(2026, 10, 2), NULL,
			       "\n   \n  Tweede alinea.  \nDerde", false);
	w->e_secret = event_new(w->pupil, "extern", th_ymd(2026, 10, 1), "ib.anna",
				"Medische informatie.\nVertrouwelijk", true);
	w->e_obs = event_new(w->pupil, "observatie", th_ymd(2026, 9, 10), "juf.cas",
			     "Werkt goed mee.\nTweede regel.", false);
	w->e_cito = toets_new(w->pupil, th_ymd(2026, 9, 10), "Cito LVS", "Rekenen-Wiskunde", "M5",
			      "152", "III", "Daling sinds E4.\nmeer");
	w->e_dmt = toets_new(w->pupil, th_ymd(2026, 6, 10), "DMT", "Technisch lezen", "E4", "45",
			     "C", "DMT Technisch lezen E4: 45 (C)");
	w->e_avi = toets_new(w->pupil, th_ymd(2026, 6, 11), "AVI", NULL, NULL, "AVI-E4", NULL,
			     NULL);
	event_new(w->other, "observatie", th_ymd(2026, 9, 10), "juf.cas", "Van een ander", false);
}

struct expect {
	enum tl_source source;
	ibis_id id;
	int y, m, d;
	const char *kind;
	const char *author;
	const char *summary;
	bool restricted;
	int level;
};

/* The whole timeline, restricted events included. */
static int expected(const struct world *w, struct expect *x)
{
	const struct expect all[] = {
		{TL_EVENT, w->e_dmt, 2026, 6, 10, "toets", "juf.cas",
		 "DMT Technisch lezen E4: 45 (C)", false, 0},
		{TL_EVENT, w->e_avi, 2026, 6, 11, "toets", "juf.cas", "AVI: AVI-E4", false, 0},
		{TL_PLAN_START, w->p_closed, 2026, 6, 11, "plan", "ib.anna",
		 "OPP gestart: Gesloten", false, 0},
		{TL_LEVEL, w->l1, 2026, 8, 20, "niveau", "ib.anna", "Niveau 1: Instroom op school.",
		 false, 1},
		{TL_PLAN_START, w->p_groei, 2026, 8, 25, "plan", "ib.anna",
		 "Groeidocument gestart: Doorgaande lijn", false, 0},
		/* one day, every source: events, level, plan, meetings, consent,
		 * arrangement, and by id within a source */
		{TL_EVENT, w->e_obs, 2026, 9, 10, "observatie", "juf.cas", "Werkt goed mee.", false,
		 0},
		{TL_EVENT, w->e_cito, 2026, 9, 10, "toets", "juf.cas",
		 "Cito LVS Rekenen-Wiskunde M5: 152 (III); Daling sinds E4.", false, 0},
		{TL_LEVEL, w->l2, 2026, 9, 10, "niveau", "ib.anna",
		 "Niveau 2 (was 1): Toets M5 rekenen E; bespreking: groepsbespreking", false, 2},
		{TL_PLAN_START, w->p_opp, 2026, 9, 10, "plan", "ib.anna", "OPP gestart", false, 0},
		{TL_MEETING, w->mi_rekenen, 2026, 9, 10, "bespreking", "ib.anna",
		 "Groepsbespreking: Rekenen besproken", false, 0},
		{TL_MEETING, w->mi_ouders, 2026, 9, 10, "bespreking", "ib.anna",
		 "Groepsbespreking: Ouders uitnodigen.", false, 0},
		{TL_CONSENT, w->c_mdo, 2026, 9, 10, "toestemming", "ib.anna",
		 "Toestemming mdo: gegeven", false, 0},
		{TL_ARRANGEMENT, w->a_onderwijs, 2026, 9, 10, "arrangement", NULL,
		 "Onderwijsarrangement van 10-09-2026 zonder einddatum", false, 0},
		{TL_PLAN_START, w->p_oop, 2026, 9, 12, "plan", "ib.anna",
		 "OOP gestart: Rekenen tafels", false, 0},
		{TL_EVENT, w->e_secret, 2026, 10, 1, "extern", "ib.anna", "Medische informatie.",
		 true, 0},
		{TL_EVENT, w->e_blank, 2026, 10, 2, "notitie", NULL, "Tweede alinea.", false, 0},
		/* closed: on its end, not on the next evaluation it still names */
		{TL_PLAN_EVAL, w->p_closed, 2026, 10, 2, "evaluatie", "ib.anna",
		 "OPP afgesloten: Gesloten", false, 0},
		{TL_PLAN_EVAL, w->p_opp, 2026, 10, 15, "evaluatie", "ib.anna", "OPP geëvalueerd",
		 false, 0},
		{TL_LEVEL, w->l3, 2026, 10, 20, "niveau", "ib.anna",
		 "Niveau 3 (was 2); bespreking: leerlingbespreking", false, 3},
		{TL_CORRECTION, 0, 2026, 11, 5, "correctie", "ib.bert",
		 "Niveau 4 sinds 02-11-2026 ingetrokken: Dubbel ingevoerd", false, 4},
		{TL_PLAN_START, w->p_ihp, 2026, 11, 10, "plan", "ib.anna", "IHP gepland: Lezen",
		 false, 0},
		{TL_EVENT, w->e_team, 2026, 11, 12, "bespreking", "ib.anna",
		 "Besproken in het team.", false, 0},
		{TL_CORRECTION, 0, 2026, 11, 12, "correctie", "ib.bert",
		 "Niveau 1 sinds 20-08-2026 gecorrigeerd: Regie verkeerd.", false, 1},
		{TL_PLAN_EVAL, w->p_groei, 2026, 11, 12, "evaluatie", "ib.anna",
		 "Groeidocument afgesloten: Doorgaande lijn", false, 0},
		{TL_MEETING, w->mi_mdo, 2026, 11, 12, "bespreking", "ib.bert",
		 "MDO/OT: Verwijzing SO", false, 0},
		{TL_CONSENT, w->c_onderzoek, 2026, 11, 12, "toestemming", "ib.anna",
		 "Toestemming onderzoek: ingetrokken", false, 0},
		{TL_ARRANGEMENT, w->a_tlv, 2026, 11, 12, "arrangement", NULL,
		 "TLV van 12-11-2026 tot 11-11-2028", false, 0},
	};
	memcpy(x, all, sizeof(all));
	return (int)ARRAY_LEN(all);
}

/* items must be exactly the expected entries that pass keep(). id 0 in an
 * expectation: any id (the corrections' ids are the database's). */
static void assert_items(const struct tl_item *items, int n, const struct expect *x, int nx,
			 bool with_restricted, const char *kind)
{
	int k = 0;
	for (int i = 0; i < nx; i++) {
		if ((x[i].restricted && !with_restricted) || (kind && strcmp(kind, x[i].kind)))
			continue;
		cr_assert_lt(k, n, "missing item %d: %s", k, x[i].summary);
		const struct tl_item *t = &items[k++];
		ibis_date d = th_ymd(x[i].y, x[i].m, x[i].d);
		char got[DATE_NL_LEN];
		cr_assert_str_eq(t->summary, x[i].summary, "item %d", k - 1);
		cr_assert_eq(t->date, d, "%s: date %s", x[i].summary, date_format_nl(t->date, got));
		cr_assert_eq(t->source, x[i].source, "%s: source %d", x[i].summary, t->source);
		if (x[i].id)
			cr_assert_eq(t->id, x[i].id, "%s: id %lld", x[i].summary, t->id);
		else
			cr_assert_gt(t->id, 0, "%s", x[i].summary);
		cr_assert_str_eq(t->kind, x[i].kind, "%s", x[i].summary);
		if (x[i].author)
			cr_assert_str_eq(t->author, x[i].author, "%s", x[i].summary);
		else
			cr_assert_null(t->author, "%s: author %s", x[i].summary, t->author);
		cr_assert_eq(t->restricted, x[i].restricted, "%s", x[i].summary);
		cr_assert_eq(t->level, x[i].level, "%s: level %d", x[i].summary, t->level);
	}
	cr_assert_eq(n, k, "%d items, %d expected", n, k);
}

/* ============================================================== timeline */

Test(dbtimeline, every_source_in_order)
{
	struct world w;
	struct expect x[32];
	struct ibis_error err = {0};
	struct tl_item *items = NULL;
	int n = 0;

	world_make(&w);
	int nx = expected(&w, x);
	struct tl_query q = {.pupil_id = w.pupil, .with_restricted = true};
	TH_OK(db_timeline(th_db, &q, &items, &n, &err));
	assert_items(items, n, x, nx, true, NULL);
	tl_items_free(items, n);
}

Test(dbtimeline, restricted_left_out)
{
	struct world w;
	struct expect x[32];
	struct ibis_error err = {0};
	struct tl_item *items = NULL;
	int n = 0;

	world_make(&w);
	int nx = expected(&w, x);
	struct tl_query q = {.pupil_id = w.pupil};
	TH_OK(db_timeline(th_db, &q, &items, &n, &err));
	assert_items(items, n, x, nx, false, NULL);
	for (int i = 0; i < n; i++)
		cr_assert(items[i].source != TL_EVENT || items[i].id != w.e_secret,
			  "the restricted event is left out");
	tl_items_free(items, n);
}

Test(dbtimeline, kind_filter)
{
	struct world w;
	struct expect x[32];
	struct ibis_error err = {0};
	struct tl_item *items = NULL;
	int n = 0;

	world_make(&w);
	int nx = expected(&w, x);
	/* events and meeting items share the kind bespreking */
	const char *kinds[] = {"bespreking", "niveau", "plan", "evaluatie", "toets", "correctie",
			       "toestemming", "arrangement", "extern"};
	int counts[] = {4, 3, 5, 3, 3, 2, 2, 2, 1};
	for (size_t k = 0; k < ARRAY_LEN(kinds); k++) {
		struct tl_query q = {.pupil_id = w.pupil, .kind = kinds[k],
				     .with_restricted = true};
		TH_OK(db_timeline(th_db, &q, &items, &n, &err));
		cr_assert_eq(n, counts[k], "%s: %d items", kinds[k], n);
		assert_items(items, n, x, nx, true, kinds[k]);
		tl_items_free(items, n);
	}
	/* the restricted one only with restricted */
	struct tl_query q = {.pupil_id = w.pupil, .kind = "extern"};
	TH_OK(db_timeline(th_db, &q, &items, &n, &err));
	cr_assert_eq(n, 0);
	tl_items_free(items, n);
	/* a kind that is not there; "" is no filter */
	q = (struct tl_query){.pupil_id = w.pupil, .kind = "oudergesprek", .with_restricted = true};
	TH_OK(db_timeline(th_db, &q, &items, &n, &err));
	cr_assert_eq(n, 0);
	tl_items_free(items, n);
	q = (struct tl_query){.pupil_id = w.pupil, .kind = "", .with_restricted = true};
	TH_OK(db_timeline(th_db, &q, &items, &n, &err));
	cr_assert_eq(n, nx);
	tl_items_free(items, n);
}

Test(dbtimeline, other_pupil_and_empty)
{
	struct world w;
	struct ibis_error err = {0};
	struct tl_item *items = NULL;
	int n = 0;

	world_make(&w);
	struct tl_query q = {.pupil_id = w.other, .with_restricted = true};
	TH_OK(db_timeline(th_db, &q, &items, &n, &err));
	/* 10-09-2026: observation, level, plan, meeting item, consent */
	cr_assert_eq(n, 5, "%d items", n);
	cr_assert_str_eq(items[0].summary, "Van een ander");
	cr_assert_str_eq(items[1].summary, "Niveau 2: Van een ander");
	cr_assert_str_eq(items[2].summary, "OOP gestart: Van een ander");
	cr_assert_str_eq(items[3].summary, "Groepsbespreking: Andere leerling");
	cr_assert_str_eq(items[4].summary, "Toestemming mdo: gegeven");
	cr_assert_null(items[4].author);
	tl_items_free(items, n);

	ibis_id nobody = pupil_new(w.school, "Leeg");
	q.pupil_id = nobody;
	TH_OK(db_timeline(th_db, &q, &items, &n, &err));
	cr_assert_eq(n, 0);
	cr_assert_null(items);
}

/* ================================================================= kinds */

Test(dbtimeline, kinds_sorted_and_distinct)
{
	struct world w;
	struct ibis_error err = {0};
	struct strlist kinds = {0};

	world_make(&w);
	TH_OK(db_timeline_kinds(th_db, w.pupil, false, &kinds, &err));
	const char *want[] = {"arrangement", "bespreking", "correctie", "evaluatie", "niveau",
			      "notitie", "observatie", "plan", "toestemming", "toets"};
	cr_assert_eq(kinds.len, ARRAY_LEN(want), "%zu kinds", kinds.len);
	for (size_t i = 0; i < ARRAY_LEN(want); i++)
		cr_assert_str_eq(kinds.items[i], want[i]);
	sl_free(&kinds);

	/* "extern" is there only through the restricted event */
	TH_OK(db_timeline_kinds(th_db, w.pupil, true, &kinds, &err));
	cr_assert_eq(kinds.len, ARRAY_LEN(want) + 1, "%zu kinds", kinds.len);
	cr_assert_str_eq(kinds.items[4], "extern");
	cr_assert_str_eq(kinds.items[5], "niveau");
	sl_free(&kinds);

	ibis_id nobody = pupil_new(w.school, "Leeg");
	TH_OK(db_timeline_kinds(th_db, nobody, true, &kinds, &err));
	cr_assert_eq(kinds.len, 0);
	sl_free(&kinds);
}

/* ================================================================= event */

Test(dbtimeline, event_get)
{
	struct world w;
	struct ibis_error err = {0};
	struct event e = {0};
	bool found = false;

	world_make(&w);
	TH_OK(db_event_get(th_db, w.e_cito, &e, &found, &err));
	cr_assert(found);
	cr_assert_eq(e.id, w.e_cito);
	cr_assert_eq(e.pupil_id, w.pupil);
	cr_assert_str_eq(e.kind, "toets");
	cr_assert_eq(e.date, th_ymd(2026, 9, 10));
	cr_assert_str_eq(e.author, "juf.cas");
	cr_assert_str_eq(e.text, "Daling sinds E4.\nmeer");
	cr_assert_not(e.restricted);
	cr_assert_str_eq(e.toets, "Cito LVS");
	cr_assert_str_eq(e.vakgebied, "Rekenen-Wiskunde");
	cr_assert_str_eq(e.moment, "M5");
	cr_assert_str_eq(e.score, "152");
	cr_assert_str_eq(e.niveau, "III");
	cr_assert_eq(e.meeting_id, 0);
	cr_assert_eq(e.version, 1);

	/* a second read replaces the first (no leak, no stale fields) */
	TH_OK(db_event_get(th_db, w.e_secret, &e, &found, &err));
	cr_assert(found);
	cr_assert_str_eq(e.kind, "extern");
	cr_assert(e.restricted);
	cr_assert_null(e.toets);
	cr_assert_null(e.niveau);

	TH_OK(db_event_get(th_db, w.e_avi + 1000, &e, &found, &err));
	cr_assert_not(found);
	cr_assert_null(e.kind);
	cr_assert_null(e.text);
	event_clear(&e);
}
