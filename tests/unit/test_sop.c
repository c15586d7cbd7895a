/* test_sop.c - the SOP records and data/sop.ini: the shipped file, malformed
 * files (each message names file, line and key), continuation keys, the
 * checklist statuses and scopes both ways, and deep copies and frees (run
 * under ASan, so a double free or leak fails). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/sop.h"
#include "ibis/util.h"

TestSuite(sop_data, .init = th_tmp_setup, .fini = th_tmp_teardown);
TestSuite(sop_records);

/* ------------------------------------------------------------ sop.ini */

Test(sop_data, shipped_file)
{
	struct ibis_error err = {0};
	struct sop_data d;
	char *path = path_join(th_datadir(), "sop.ini");
	TH_OK(sop_data_load(path, &d, &err));
	cr_assert_str_eq(d.path, path);
	cr_assert_str_eq(d.name, "Schoolondersteuningsprofiel");
	cr_assert_not_null(d.source);
	cr_assert_eq(d.nkenmerken, 8);
	cr_assert_str_eq(d.kenmerken[0].key, "leren");
	cr_assert_str_eq(d.kenmerken[0].name, "Leer- en ontwikkelingsproblemen");
	cr_assert_str_eq(d.kenmerken[7].key, "verstandelijk");
	const struct sop_kenmerk *k = sop_kenmerk_find(&d, "gedrag");
	cr_assert_not_null(k);
	cr_assert_str_eq(k->name, "Problematieken op het gebied van specifieke gedragskenmerken");
	cr_assert_str_eq(k->description, "Bijvoorbeeld ADD, ADHD, TOS en autisme.");
	cr_assert_null(sop_kenmerk_find(&d, "onbekend"));
	cr_assert_null(sop_kenmerk_find(&d, NULL));
	cr_assert_eq(d.grenzen.len, 6);
	cr_assert_str_eq(d.grenzen.items[0], "Verstoring van rust en veiligheid");
	cr_assert_str_eq(d.grenzen.items[5], "Ouders houden de benodigde zorg tegen");
	sop_data_free(&d);
	cr_assert_null(d.kenmerken);
	cr_assert_eq(d.nkenmerken, 0);
	sop_data_free(&d); /* twice is harmless */
	free(path);
}

/* Loads content and expects a failure whose message holds file:line: (just
 * the file when line is 0: nothing in the file to point at) and the word. */
static void expect_failure(const char *content, int line, const char *word)
{
	struct ibis_error err = {0};
	struct sop_data d;
	char *path = th_write(th_dir, "sop.ini", content);
	cr_assert_eq(sop_data_load(path, &d, &err), IBIS_EINPUT, "loaded: %s", content);
	cr_assert_eq(err.status, IBIS_EINPUT);
	char *where = line ? xasprintf("%s:%d:", path, line) : xasprintf("%s:", path);
	cr_assert(strstr(err.message, where), "message \"%s\" lacks \"%s\"", err.message, where);
	cr_assert(strstr(err.message, word), "message \"%s\" lacks \"%s\"", err.message, word);
	/* a failed load leaves nothing behind */
	cr_assert_null(d.name);
	cr_assert_null(d.kenmerken);
	cr_assert_eq(d.grenzen.len, 0);
	free(where);
	free(path);
}

Test(sop_data, unknown_key)
{
	expect_failure("[sop]\nnaam = \"SOP\"\n\n[kindkenmerk gedrag]\nnaam = \"Gedrag\"\n"
		       "omschrijving = \"typo\"\n",
		       6, "omschrijving");
}

Test(sop_data, unknown_key_in_head)
{
	expect_failure("[sop]\nnaam = \"SOP\"\nversie = 2\n", 3, "versie");
}

Test(sop_data, gap_in_grenzen)
{
	expect_failure("[sop]\nnaam = \"SOP\"\n[grenzen]\n1 = \"Een\"\n3 = \"Drie\"\n", 5, "3");
}

Test(sop_data, grenzen_not_from_one)
{
	expect_failure("[sop]\nnaam = \"SOP\"\n[grenzen]\n2 = \"Twee\"\n", 4, "2");
}

Test(sop_data, grenzen_word_key)
{
	expect_failure("[sop]\nnaam = \"SOP\"\n[grenzen]\n1 = \"Een\"\ntwee = \"Twee\"\n", 5,
		       "twee");
}

Test(sop_data, empty_grens)
{
	expect_failure("[sop]\nnaam = \"SOP\"\n[grenzen]\n1 = \"Een\"\n2 = \"\"\n", 5, "2");
}

Test(sop_data, missing_naam)
{
	expect_failure("[sop]\nnaam = \"SOP\"\n\n[kindkenmerk gedrag]\n"
		       "beschrijving = \"Zonder naam\"\n",
		       4, "naam");
}

Test(sop_data, missing_sop_naam)
{
	expect_failure("[sop]\nbron = \"ergens\"\n", 1, "naam");
}

Test(sop_data, missing_sop_section)
{
	expect_failure("[kindkenmerk gedrag]\nnaam = \"Gedrag\"\n", 0, "[sop]");
}

Test(sop_data, unknown_section)
{
	expect_failure("[sop]\nnaam = \"SOP\"\n[kenmerk gedrag]\nnaam = \"Gedrag\"\n", 3,
		       "onbekende sectie");
}

Test(sop_data, bad_kenmerk_key)
{
	expect_failure("[sop]\nnaam = \"SOP\"\n[kindkenmerk a.b]\nnaam = \"Gedrag\"\n", 3,
		       "kindkenmerk");
}

Test(sop_data, continuation_gap)
{
	expect_failure("[sop]\nnaam = \"SOP\"\n[kindkenmerk gedrag]\nnaam = \"Gedrag\"\n"
		       "beschrijving = \"Een\"\nbeschrijving.3 = \"Drie\"\n",
		       6, "beschrijving");
}

Test(sop_data, grens_continuation_gap)
{
	expect_failure("[sop]\nnaam = \"SOP\"\n[grenzen]\n1 = \"Een\"\n1.3 = \"drie\"\n", 5,
		       "1.3");
}

Test(sop_data, grens_continuation_before_its_grens)
{
	expect_failure("[sop]\nnaam = \"SOP\"\n[grenzen]\n1 = \"Een\"\n2.2 = \"twee\"\n"
		       "2 = \"Twee\"\n",
		       5, "2.2");
}

Test(sop_data, texts_and_continuations)
{
	struct ibis_error err = {0};
	struct sop_data d;
	char *path = th_write(th_dir, "sop.ini",
			      "\xEF\xBB\xBF; own file\n[sop]\nnaam = \"Eigen SOP\"\n"
			      "[kindkenmerk lezen]\nnaam = \"Lezen\"\n"
			      "beschrijving = \"• technisch\\n• begrijpend\"\n"
			      "beschrijving.2 = \"lezen\"\n"
			      "[kindkenmerk rekenen]\nnaam = \"Rekenen\"\n"
			      "[grenzen]\n1 = \"Rust en\"\n1.2 = \"veiligheid\"\n2 = \"Capaciteit\"\n");
	TH_OK(sop_data_load(path, &d, &err));
	cr_assert_str_eq(d.name, "Eigen SOP");
	cr_assert_null(d.source);
	cr_assert_eq(d.nkenmerken, 2);
	cr_assert_str_eq(d.kenmerken[0].description, "• technisch\n• begrijpend lezen");
	cr_assert_null(d.kenmerken[1].description);
	cr_assert_eq(d.grenzen.len, 2);
	cr_assert_str_eq(d.grenzen.items[0], "Rust en veiligheid");
	cr_assert_str_eq(d.grenzen.items[1], "Capaciteit");
	sop_data_free(&d);
	free(path);
}

Test(sop_data, no_grenzen_is_fine)
{
	struct ibis_error err = {0};
	struct sop_data d;
	char *path = th_write(th_dir, "sop.ini", "[sop]\nnaam = \"SOP\"\n");
	TH_OK(sop_data_load(path, &d, &err));
	cr_assert_eq(d.nkenmerken, 0);
	cr_assert_eq(d.grenzen.len, 0);
	sop_data_free(&d);
	free(path);
}

Test(sop_data, missing_file)
{
	struct ibis_error err = {0};
	struct sop_data d;
	char *path = path_join(th_dir, "nergens.ini");
	cr_assert_eq(sop_data_load(path, &d, &err), IBIS_EINPUT);
	cr_assert(strstr(err.message, "nergens.ini"), "%s", err.message);
	cr_assert_null(d.path);
	free(path);
}

/* ------------------------------------------------------------ names */

Test(sop_records, status_round_trip)
{
	static const char *const labels[] = {"open", "voldoet", "deels", "voldoet niet", "n.v.t."};
	static const char *const dbs[] = {NULL, "voldoet", "deels", "voldoet niet", "nvt"};
	for (int i = 0; i < BASIS_NSTATUS; i++) {
		enum basis_status s = (enum basis_status)i;
		cr_assert_str_eq(basis_status_label(s), labels[i]);
		if (dbs[i])
			cr_assert_str_eq(basis_status_db(s), dbs[i]);
		else
			cr_assert_null(basis_status_db(s));
		enum basis_status back = BASIS_NA;
		cr_assert(basis_status_parse(basis_status_label(s), &back));
		cr_assert_eq(back, s);
		back = BASIS_NA;
		cr_assert(basis_status_parse(basis_status_db(s), &back));
		cr_assert_eq(back, s);
	}
	enum basis_status s = BASIS_OPEN;
	cr_assert(basis_status_parse("NVT", &s));
	cr_assert_eq(s, BASIS_NA);
	cr_assert(basis_status_parse("Voldoet Niet", &s));
	cr_assert_eq(s, BASIS_FAILS);
	cr_assert(basis_status_parse("", &s));
	cr_assert_eq(s, BASIS_OPEN);
	s = BASIS_MEETS;
	cr_assert_not(basis_status_parse("goed", &s));
	cr_assert_not(basis_status_parse("voldoet nie", &s));
	cr_assert_eq(s, BASIS_MEETS);
}

Test(sop_records, status_marks)
{
	cr_assert_str_eq(basis_status_mark(BASIS_MEETS, true), "✓");
	cr_assert_str_eq(basis_status_mark(BASIS_PARTLY, true), "½");
	cr_assert_str_eq(basis_status_mark(BASIS_FAILS, true), "✗");
	cr_assert_str_eq(basis_status_mark(BASIS_NA, true), "–");
	cr_assert_str_eq(basis_status_mark(BASIS_OPEN, true), " ");
	cr_assert_str_eq(basis_status_mark(BASIS_MEETS, false), "+");
	cr_assert_str_eq(basis_status_mark(BASIS_PARTLY, false), "~");
	cr_assert_str_eq(basis_status_mark(BASIS_FAILS, false), "x");
	cr_assert_str_eq(basis_status_mark(BASIS_NA, false), "n");
	cr_assert_str_eq(basis_status_mark(BASIS_OPEN, false), ".");
}

Test(sop_records, scope_round_trip)
{
	enum sop_scope s = SOP_SCOPE_SCHOOL;
	cr_assert_str_eq(sop_scope_name(SOP_SCOPE_SCHOOL), "school");
	cr_assert_str_eq(sop_scope_name(SOP_SCOPE_INDIVIDUAL), "individueel");
	cr_assert(sop_scope_parse(sop_scope_name(SOP_SCOPE_INDIVIDUAL), &s));
	cr_assert_eq(s, SOP_SCOPE_INDIVIDUAL);
	cr_assert(sop_scope_parse("School", &s));
	cr_assert_eq(s, SOP_SCOPE_SCHOOL);
	cr_assert_not(sop_scope_parse("team", &s));
	cr_assert_not(sop_scope_parse(NULL, &s));
	cr_assert_eq(s, SOP_SCOPE_SCHOOL);
}

/* ------------------------------------------------------------ records */

Test(sop_records, copy_and_free)
{
	struct sop_expertise e = {
		.id = 1, .school_id = 2, .school_year = 2026, .expertise = xstrdup("Gedrag"),
		.staff_count = 2, .trained = 1, .in_training = 1, .area = 6,
		.person = xstrdup("Ans, Bert"), .note = NULL, .version = 3,
	};
	struct sop_expertise e2;
	sop_expertise_copy(&e2, &e);
	sop_expertise_clear(&e);
	cr_assert_null(e.expertise);
	cr_assert_eq(e.staff_count, 0);
	cr_assert_str_eq(e2.expertise, "Gedrag");
	cr_assert_str_eq(e2.person, "Ans, Bert");
	cr_assert_null(e2.note);
	cr_assert_eq(e2.in_training, 1);
	cr_assert_eq(e2.version, 3);

	struct sop_training t = {
		.scope = SOP_SCOPE_INDIVIDUAL, .topic = xstrdup("Master EN"), .participants = 2,
		.who = xstrdup("Ans"), .planned = th_ymd(2026, 9, 1), .done = DATE_NONE,
		.note = xstrdup("n"),
	};
	struct sop_training *tv = xcalloc(2, sizeof(*tv));
	sop_training_copy(&tv[0], &t);
	sop_training_copy(&tv[1], &t);
	sop_training_clear(&t);
	cr_assert_str_eq(tv[1].topic, "Master EN");
	cr_assert_eq(tv[1].planned, th_ymd(2026, 9, 1));
	cr_assert_eq(tv[1].done, DATE_NONE);
	cr_assert_neq(tv[0].topic, tv[1].topic);
	sop_training_free(tv, 2);

	struct sop_offer o = {.kenmerk = xstrdup("gedrag"), .level = 2,
			      .description = xstrdup("Groepsplan gedrag")};
	struct sop_offer *ov = xcalloc(1, sizeof(*ov));
	sop_offer_copy(&ov[0], &o);
	sop_offer_clear(&o);
	cr_assert_str_eq(ov[0].kenmerk, "gedrag");
	cr_assert_eq(ov[0].level, 2);
	sop_offer_free(ov, 1);

	struct sop_limit l = {.heading = NULL, .description = xstrdup("Geen lift")};
	struct sop_limit *lv = xcalloc(1, sizeof(*lv));
	sop_limit_copy(&lv[0], &l);
	sop_limit_clear(&l);
	cr_assert_null(lv[0].heading);
	cr_assert_str_eq(lv[0].description, "Geen lift");
	sop_limit_free(lv, 1);

	struct basis_cell c = {.area = 3, .aspect = xstrdup("aanbod"), .status = BASIS_PARTLY,
			       .description = xstrdup("eigen"), .note = xstrdup("notitie"),
			       .document = xstrdup("protocol.pdf"), .version = 4};
	struct basis_cell *cv = xcalloc(1, sizeof(*cv));
	basis_cell_copy(&cv[0], &c);
	basis_cell_clear(&c);
	cr_assert_null(c.aspect);
	cr_assert_str_eq(cv[0].aspect, "aanbod");
	cr_assert_eq(cv[0].status, BASIS_PARTLY);
	cr_assert_str_eq(cv[0].document, "protocol.pdf");
	basis_cells_free(cv, 1);

	struct sop_expertise *ev = xcalloc(1, sizeof(*ev));
	ev[0] = e2; /* the array takes the copy's strings */
	sop_expertise_free(ev, 1);
	/* NULL arrays are fine */
	sop_expertise_free(NULL, 0);
	basis_cells_free(NULL, 0);
	sop_limit_clear(NULL);
}
