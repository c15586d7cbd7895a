/* test_import.c - reading a pupil file (import.h): header names and their
 * synonyms, --map, values, dates, the age range and every problem text, the
 * problem listing and the file of rejected rows. No database here. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/csv.h"
#include "ibis/date.h"
#include "ibis/import.h"
#include "ibis/util.h"

static ibis_date today(void)
{
	ibis_date d;
	cr_assert(date_from_ymd(2026, 11, 23, &d));
	return d;
}

/* Read text as a pupil file with the given --map values (NULL-terminated,
 * may be NULL) and expect success. */
static void read_ok(const char *text, const char *const *maps, struct import_file *f)
{
	struct strlist sl = {0};
	for (int i = 0; maps && maps[i]; i++)
		sl_add(&sl, maps[i]);
	struct csv_table t;
	struct ibis_error err = {0};
	cr_assert_eq(csv_parse(text, strlen(text), &t, &err), IBIS_OK, "%s", err.message);
	struct import_options opt = {.maps = &sl, .today = today()};
	enum ibis_status st = import_read_table(&t, "test.csv", &opt, f, &err);
	cr_assert_eq(st, IBIS_OK, "import_read_table: %s", err.message);
	cr_assert_eq(t.nrows, 0, "the table was taken over");
	sl_free(&sl);
}

/* The same, expecting a refusal whose message holds want. */
static void read_fails(const char *text, const char *const *maps, const char *want)
{
	struct strlist sl = {0};
	for (int i = 0; maps && maps[i]; i++)
		sl_add(&sl, maps[i]);
	struct csv_table t;
	struct ibis_error err = {0};
	cr_assert_eq(csv_parse(text, strlen(text), &t, &err), IBIS_OK, "%s", err.message);
	struct import_options opt = {.maps = &sl, .today = today()};
	struct import_file f;
	enum ibis_status st = import_read_table(&t, "test.csv", &opt, &f, &err);
	cr_assert_eq(st, IBIS_EINPUT, "expected a refusal");
	cr_assert(strstr(err.message, want), "message \"%s\" lacks \"%s\"", err.message, want);
	import_file_free(&f);
	sl_free(&sl);
}

/* The problems of row i joined by " | ". Caller frees. */
static char *problems(const struct import_file *f, int i)
{
	struct strbuf sb = {0};
	for (size_t j = 0; j < f->rows[i].problems.len; j++) {
		if (j)
			sb_add(&sb, " | ");
		sb_add(&sb, f->rows[i].problems.items[j]);
	}
	return sb_take(&sb);
}

static void expect_problems(const struct import_file *f, int i, const char *want)
{
	char *got = problems(f, i);
	cr_assert_str_eq(got, want, "row %d (line %d)", i, f->rows[i].line);
	free(got);
}

/* ================================================================ names */

Test(import, field_names)
{
	enum import_field fld;
	cr_assert_str_eq(import_field_name(IMPORT_NUMBER), "leerlingnummer");
	cr_assert_str_eq(import_field_name(IMPORT_BIRTH), "geboortedatum");
	cr_assert(import_field_parse("Geboortedatum", &fld));
	cr_assert_eq(fld, IMPORT_BIRTH);
	cr_assert(import_field_parse("ID", &fld));
	cr_assert_eq(fld, IMPORT_ID);
	cr_assert(import_field_parse(" groep ", &fld));
	cr_assert_eq(fld, IMPORT_GROUP);
	cr_assert_not(import_field_parse("adres", &fld));
	cr_assert_not(import_field_parse("", &fld));
}

Test(import, header_synonyms)
{
	static const struct {
		const char *header;
		enum import_field field;
	} cases[] = {
		{"Id", IMPORT_ID},
		{"ID", IMPORT_ID},
		{"Leerlingnummer", IMPORT_NUMBER},
		{"Leerling nummer", IMPORT_NUMBER},
		{"leerling-nummer", IMPORT_NUMBER},
		{"Pupil number", IMPORT_NUMBER},
		{"Student Number", IMPORT_NUMBER},
		{"Roepnaam", IMPORT_FIRST},
		{"Voornaam", IMPORT_FIRST},
		{"First name", IMPORT_FIRST},
		{"first_name", IMPORT_FIRST},
		{"Tussenvoegsel", IMPORT_TV},
		{"Tussenv.", IMPORT_TV},
		{"Prefix", IMPORT_TV},
		{"Achternaam", IMPORT_LAST},
		{"ACHTERNAAM", IMPORT_LAST},
		{"Last name", IMPORT_LAST},
		{"Surname", IMPORT_LAST},
		{"Geboortedatum", IMPORT_BIRTH},
		{"Geboorte datum", IMPORT_BIRTH},
		{"Geb.datum", IMPORT_BIRTH},
		{"Date of birth", IMPORT_BIRTH},
		{"Birth date", IMPORT_BIRTH},
		{"Groep", IMPORT_GROUP},
		{"Klas", IMPORT_GROUP},
		{"Group", IMPORT_GROUP},
		{"Class", IMPORT_GROUP},
		{"BRIN", IMPORT_SCHOOL},
		{"School", IMPORT_SCHOOL},
		{"Status", IMPORT_STATUS},
		{" Status ", IMPORT_STATUS},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		enum import_field fld = IMPORT_NFIELDS;
		cr_assert(import_header_field(cases[i].header, &fld), "%s", cases[i].header);
		cr_assert_eq(fld, cases[i].field, "%s", cases[i].header);
	}
	enum import_field fld;
	cr_assert_not(import_header_field("Adres", &fld));
	cr_assert_not(import_header_field("Naam", &fld));
	cr_assert_not(import_header_field("", &fld));
}

Test(import, header_mapped_and_ignored_listed)
{
	struct import_file f;
	read_ok("Leerlingnummer;Achternaam;Adres;Roepnaam;Geb.datum;Klas;;Telefoon\n"
		"12;Berg;Dorpsstraat 1;Anna;01-02-2017;5A;;06-1\n",
		NULL, &f);
	cr_assert_eq(f.column[IMPORT_ID], -1);
	cr_assert_eq(f.column[IMPORT_NUMBER], 0);
	cr_assert_eq(f.column[IMPORT_LAST], 1);
	cr_assert_eq(f.column[IMPORT_FIRST], 3);
	cr_assert_eq(f.column[IMPORT_BIRTH], 4);
	cr_assert_eq(f.column[IMPORT_GROUP], 5);
	cr_assert_eq(f.column[IMPORT_TV], -1);
	cr_assert_eq(f.ignored.len, 3);
	cr_assert_str_eq(f.ignored.items[0], "Adres");
	cr_assert_str_eq(f.ignored.items[1], "(zonder naam)");
	cr_assert_str_eq(f.ignored.items[2], "Telefoon");
	cr_assert_str_eq(import_column_name(&f, IMPORT_BIRTH), "Geb.datum");
	cr_assert_str_eq(import_column_name(&f, IMPORT_TV), "tussenvoegsel");
	cr_assert_eq(f.nrows, 1);
	const struct import_row *r = &f.rows[0];
	cr_assert_eq(r->line, 2);
	cr_assert_str_eq(r->number, "12");
	cr_assert_str_eq(r->first_name, "Anna");
	cr_assert_null(r->tussenvoegsel);
	cr_assert_str_eq(r->last_name, "Berg");
	cr_assert_eq(r->birth_date, th_ymd(2017, 2, 1));
	cr_assert_str_eq(r->group, "5A");
	cr_assert_null(r->school);
	cr_assert_eq(r->id, 0);
	cr_assert_not(r->left);
	cr_assert_eq(r->problems.len, 0);
	import_file_free(&f);
}

Test(import, earlier_synonym_wins)
{
	struct import_file f;
	/* Voornaam comes first in the file, Roepnaam first among the synonyms */
	read_ok("Voornaam;Roepnaam;Achternaam;Geboortedatum;School;BRIN\n"
		"Johannes;Hans;Berg;01-02-2017;OBS De Wilg;12AB00\n",
		NULL, &f);
	cr_assert_eq(f.column[IMPORT_FIRST], 1);
	cr_assert_eq(f.column[IMPORT_SCHOOL], 5);
	cr_assert_str_eq(f.rows[0].first_name, "Hans");
	cr_assert_str_eq(f.rows[0].school, "12AB00");
	cr_assert_eq(f.ignored.len, 2);
	cr_assert_str_eq(f.ignored.items[0], "Voornaam");
	cr_assert_str_eq(f.ignored.items[1], "School");
	import_file_free(&f);
}

Test(import, map_option)
{
	static const char *const maps[] = {"Familienaam=achternaam", "Kind = roepnaam",
					   "Datum=Geboortedatum", "Lln.nr=leerlingnummer", NULL};
	struct import_file f;
	read_ok("Kind;Familienaam;Datum;Lln.nr;Achternaam;Klas\n"
		"Anna;Berg;1-2-2017;77;Anders;5A\n",
		maps, &f);
	cr_assert_eq(f.column[IMPORT_FIRST], 0);
	cr_assert_eq(f.column[IMPORT_LAST], 1);
	cr_assert_eq(f.column[IMPORT_BIRTH], 2);
	cr_assert_eq(f.column[IMPORT_NUMBER], 3);
	cr_assert_eq(f.column[IMPORT_GROUP], 5);
	/* --map wins over the synonym: the Achternaam column is ignored */
	cr_assert_eq(f.ignored.len, 1);
	cr_assert_str_eq(f.ignored.items[0], "Achternaam");
	cr_assert_str_eq(f.rows[0].first_name, "Anna");
	cr_assert_str_eq(f.rows[0].last_name, "Berg");
	cr_assert_str_eq(f.rows[0].number, "77");
	cr_assert_eq(f.rows[0].birth_date, th_ymd(2017, 2, 1));
	import_file_free(&f);

	/* the column name is compared without case, accents or spaces; the last
	 * '=' splits, so a column name may hold one */
	static const char *const maps2[] = {"naam kind=roepnaam", "a=b=achternaam", NULL};
	read_ok("Naam Kind;a=b;Geboortedatum\nZoë;Çelik;01-02-2017\n", maps2, &f);
	cr_assert_str_eq(f.rows[0].first_name, "Zoë");
	cr_assert_str_eq(f.rows[0].last_name, "Çelik");
	import_file_free(&f);
}

Test(import, map_errors)
{
	const char *text = "Kind;Familienaam;Geboortedatum;Klas\nAnna;Berg;01-02-2017;5A\n";
	static const char *const no_eq[] = {"Kind", NULL};
	read_fails(text, no_eq, "--map ‘Kind’: schrijf Kolomnaam=veld");
	static const char *const bad_field[] = {"Kind=naam", NULL};
	read_fails(text, bad_field, "--map ‘Kind=naam’: onbekend veld ‘naam’");
	static const char *const bad_column[] = {"Voornaam=roepnaam", NULL};
	read_fails(text, bad_column,
		   "--map ‘Voornaam=roepnaam’: de kolom ‘Voornaam’ staat niet in de kop van "
		   "test.csv (wel: Kind, Familienaam, Geboortedatum, Klas)");
	static const char *const twice_field[] = {"Kind=roepnaam", "Familienaam=roepnaam", NULL};
	read_fails(text, twice_field,
		   "--map ‘Familienaam=roepnaam’: het veld roepnaam heeft al de kolom ‘Kind’");
	static const char *const twice_column[] = {"Kind=roepnaam", "kind=achternaam", NULL};
	read_fails(text, twice_column,
		   "--map ‘kind=achternaam’: de kolom ‘Kind’ is al aan een ander veld gegeven");
}

Test(import, missing_required_columns)
{
	read_fails("Kind;Familienaam;Klas\nAnna;Berg;5A\n", NULL,
		   "test.csv: de kop mist de kolommen roepnaam, achternaam, geboortedatum "
		   "(gevonden: Kind, Familienaam, Klas); geef een kolom met een andere naam aan "
		   "met --map \"Kolomnaam=veld\".");
	read_fails("Roepnaam;Achternaam\nAnna;Berg\n", NULL,
		   "de kop mist de kolom geboortedatum (gevonden: Roepnaam, Achternaam)");
	static const char *const maps[] = {"Kind=roepnaam", NULL};
	read_fails("Kind;Achternaam;Klas\nAnna;Berg;5A\n", maps, "de kop mist de kolom geboortedatum");
}

Test(import, empty_file_refused)
{
	struct csv_table t = {0};
	struct import_file f;
	struct ibis_error err = {0};
	cr_assert_eq(import_read_table(&t, "leeg.csv", NULL, &f, &err), IBIS_EINPUT);
	cr_assert_str_eq(err.message, "leeg.csv is leeg.");
	import_file_free(&f);
}

/* ================================================================ values */

Test(import, values_trimmed_and_empty_is_null)
{
	struct import_file f;
	read_ok("Id;Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep;School;"
		"Status\n"
		" 17 ; 0042 ;  Anna ; van den ;Berg  ; 01-02-2017 ; 5A ; 12AB00 ; Vertrokken \n"
		";;Piet; ;Jansen;2017-02-01;;;actief\n"
		";;Eva;;Smit;1-2-2017;;;\n",
		NULL, &f);
	cr_assert_eq(f.nrows, 3);
	const struct import_row *r = &f.rows[0];
	cr_assert_eq(r->problems.len, 0, "%s", r->problems.len ? r->problems.items[0] : "");
	cr_assert_eq(r->id, 17);
	cr_assert_str_eq(r->number, "0042");
	cr_assert_str_eq(r->first_name, "Anna");
	cr_assert_str_eq(r->tussenvoegsel, "van den");
	cr_assert_str_eq(r->last_name, "Berg");
	cr_assert_str_eq(r->group, "5A");
	cr_assert_str_eq(r->school, "12AB00");
	cr_assert(r->left);
	r = &f.rows[1];
	cr_assert_eq(r->id, 0);
	cr_assert_null(r->number);
	cr_assert_null(r->tussenvoegsel);
	cr_assert_null(r->group);
	cr_assert_null(r->school);
	cr_assert_not(r->left);
	/* three forms, one date */
	cr_assert_eq(f.rows[0].birth_date, th_ymd(2017, 2, 1));
	cr_assert_eq(f.rows[1].birth_date, th_ymd(2017, 2, 1));
	cr_assert_eq(f.rows[2].birth_date, th_ymd(2017, 2, 1));
	cr_assert_eq(import_count_invalid(&f), 0);
	import_file_free(&f);
}

Test(import, date_forms)
{
	static const struct {
		const char *text;
		int y, m, d; /* 0: refused */
	} cases[] = {
		{"01-02-2017", 2017, 2, 1}, {"1-2-2017", 2017, 2, 1},  {"1-12-2016", 2016, 12, 1},
		{"2017-02-01", 2017, 2, 1}, {"01/02/2017", 2017, 2, 1}, {"1.2.2017", 2017, 2, 1},
		{"29-02-2016", 2016, 2, 29}, {"29-02-2017", 0, 0, 0},   {"31-04-2017", 0, 0, 0},
		{"2017-2-1", 0, 0, 0},      {"01-02-17", 0, 0, 0},      {"1 februari 2017", 0, 0, 0},
		{"01-13-2017", 0, 0, 0},    {"01-02-2017x", 0, 0, 0},   {"02/01/2017 00:00", 0, 0, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *text = xasprintf("Roepnaam;Achternaam;Geboortedatum\nAnna;Berg;%s\n",
				       cases[i].text);
		struct import_file f;
		read_ok(text, NULL, &f);
		if (cases[i].y) {
			cr_assert_eq(f.rows[0].problems.len, 0, "%s", cases[i].text);
			cr_assert_eq(f.rows[0].birth_date,
				     th_ymd(cases[i].y, cases[i].m, cases[i].d), "%s", cases[i].text);
		} else {
			char *want = xasprintf("Geboortedatum: ‘%s’ is geen geldige datum; schrijf "
					       "dd-mm-jjjj",
					       cases[i].text);
			expect_problems(&f, 0, want);
			cr_assert_eq(f.rows[0].birth_date, DATE_NONE);
			free(want);
		}
		import_file_free(&f);
		free(text);
	}
}

Test(import, age_range)
{
	/* today is 23-11-2026: 3 to 14 years, both included */
	struct import_file f;
	read_ok("Roepnaam;Achternaam;Geboortedatum;Status\n"
		"A;Een;23-11-2023;\n"  /* 3 today */
		"B;Twee;24-11-2023;\n" /* 2, 3 tomorrow */
		"C;Drie;24-11-2011;\n" /* 14, 15 tomorrow */
		"D;Vier;23-11-2011;\n" /* 15 today */
		"E;Vijf;23-11-2026;\n" /* born today: 0 */
		"F;Zes;24-11-2026;\n"  /* tomorrow */
		"G;Zeven;01-01-2000;vertrokken\n" /* left long ago: no age check */
		"H;Acht;01-01-2030;vertrokken\n", /* but never in the future */
		NULL, &f);
	expect_problems(&f, 0, "");
	expect_problems(&f, 1, "Geboortedatum: leeftijd 2 jaar op 23-11-2026 past niet bij de "
			       "basisschool (3 tot en met 14 jaar)");
	expect_problems(&f, 2, "");
	expect_problems(&f, 3, "Geboortedatum: leeftijd 15 jaar op 23-11-2026 past niet bij de "
			       "basisschool (3 tot en met 14 jaar)");
	expect_problems(&f, 4, "Geboortedatum: leeftijd 0 jaar op 23-11-2026 past niet bij de "
			       "basisschool (3 tot en met 14 jaar)");
	expect_problems(&f, 5, "Geboortedatum: 24-11-2026 ligt in de toekomst");
	expect_problems(&f, 6, "");
	cr_assert(f.rows[6].left);
	expect_problems(&f, 7, "Geboortedatum: 01-01-2030 ligt in de toekomst");
	cr_assert_eq(import_count_invalid(&f), 5);
	import_file_free(&f);
}

Test(import, every_problem_text)
{
	char *path = path_join(th_testdata(), "import/invalid.csv");
	struct import_options opt = {.today = today()};
	struct import_file f;
	struct ibis_error err = {0};
	cr_assert_eq(import_read_file(path, &opt, &f, &err), IBIS_OK, "%s", err.message);
	cr_assert_str_eq(f.name, path);
	cr_assert_eq(f.nrows, 10, "empty and separator-only lines are no rows");
	static const struct {
		int line;
		const char *problems;
	} want[] = {
		{2, ""},
		{5, "Roepnaam: ontbreekt"},
		{6, "Achternaam: ontbreekt | Geboortedatum: ‘31-02-2016’ is geen geldige datum; "
		    "schrijf dd-mm-jjjj"},
		{7, "Id: ‘x’ is geen geldig nummer"},
		{8, "Geboortedatum: leeftijd 1 jaar op 23-11-2026 past niet bij de basisschool (3 "
		    "tot en met 14 jaar)"},
		{9, "Geboortedatum: leeftijd 26 jaar op 23-11-2026 past niet bij de basisschool (3 "
		    "tot en met 14 jaar)"},
		{10, ""},
		{11, "Status: ‘weg’ is onbekend; verwacht actief of vertrokken"},
		{12, "rij: 5 velden, de kop heeft er 8"},
		{13, "Geboortedatum: 01-03-2030 ligt in de toekomst"},
	};
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		cr_assert_eq(f.rows[i].line, want[i].line, "row %zu", i);
		expect_problems(&f, (int)i, want[i].problems);
	}
	cr_assert(f.rows[6].left, "line 10 is vertrokken");
	cr_assert_eq(import_count_invalid(&f), 8);

	/* LINE: field: reason, in file order */
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	cr_assert(import_print_problems(&f, out));
	fclose(out);
	cr_assert(str_starts(buf, "5: Roepnaam: ontbreekt\n"
				  "6: Achternaam: ontbreekt\n"
				  "6: Geboortedatum: ‘31-02-2016’ is geen geldige datum; schrijf "
				  "dd-mm-jjjj\n"
				  "7: Id: ‘x’ is geen geldig nummer\n"),
		  "%s", buf);
	cr_assert(strstr(buf, "\n12: rij: 5 velden, de kop heeft er 8\n"
			      "13: Geboortedatum: 01-03-2030 ligt in de toekomst\n"),
		  "%s", buf);
	int lines = 0;
	for (char *p = buf; *p; p++)
		lines += *p == '\n';
	cr_assert_eq(lines, 9);
	free(buf);
	import_file_free(&f);
	free(path);
}

Test(import, problem_names_the_files_column)
{
	struct import_file f;
	read_ok("First name,Last name,Date of birth,ID\n,Smith,2016-13-01,-3\n", NULL, &f);
	expect_problems(&f, 0, "ID: ‘-3’ is geen geldig nummer | First name: ontbreekt | "
			       "Date of birth: ‘2016-13-01’ is geen geldige datum; schrijf "
			       "dd-mm-jjjj");
	import_file_free(&f);
}

Test(import, control_characters_refused)
{
	struct import_file f;
	read_ok("Roepnaam;Achternaam;Geboortedatum;Groep;Notitie\n"
		"\"Anna\nMaria\";Berg;01-02-2017;\"5\tA\";\"mag\nwel\"\n",
		NULL, &f);
	/* a line break in an ignored column is harmless */
	expect_problems(&f, 0, "Roepnaam: bevat een regeleinde of ander stuurteken | "
			       "Groep: bevat een regeleinde of ander stuurteken");
	import_file_free(&f);
}

Test(import, ragged_rows)
{
	struct import_file f;
	read_ok("Roepnaam;Achternaam;Geboortedatum\n"
		"Anna;Berg\n"
		"Piet;Jansen;01-02-2017;\n"       /* a trailing empty field: fine */
		"Eva;Smit;01-02-2017; ;\t\n"      /* blank extra fields: fine */
		"Sem;Vries;01-02-2017;extra\n",
		NULL, &f);
	expect_problems(&f, 0, "rij: 2 velden, de kop heeft er 3");
	cr_assert_null(f.rows[0].first_name, "a short row is not read further");
	expect_problems(&f, 1, "");
	cr_assert_str_eq(f.rows[1].first_name, "Piet");
	expect_problems(&f, 2, "");
	expect_problems(&f, 3, "rij: 4 velden, de kop heeft er 3");
	import_file_free(&f);
}

/* ============================================================ fixtures */

Test(import, parnassys_windows_1252_file)
{
	char *path = path_join(th_testdata(), "import/parnassys-1252.csv");
	struct import_options opt = {.today = today()};
	struct import_file f;
	struct ibis_error err = {0};
	cr_assert_eq(import_read_file(path, &opt, &f, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(f.nrows, 3);
	cr_assert_eq(import_count_invalid(&f), 0);
	cr_assert_str_eq(f.rows[0].first_name, "Zoë");
	cr_assert_str_eq(f.rows[0].last_name, "Çelik");
	cr_assert_eq(f.rows[0].birth_date, th_ymd(2018, 4, 3));
	cr_assert_str_eq(f.rows[1].first_name, "Anaïs");
	cr_assert_str_eq(f.rows[1].tussenvoegsel, "van");
	cr_assert_str_eq(f.rows[1].last_name, "Hervé");
	cr_assert_str_eq(f.rows[2].last_name, "Françoise");
	cr_assert_eq(f.rows[2].birth_date, th_ymd(2019, 1, 31));
	cr_assert_eq(f.ignored.len, 1);
	cr_assert_str_eq(f.ignored.items[0], "Opmerking");
	import_file_free(&f);
	free(path);
}

Test(import, esis_english_header_file)
{
	char *path = path_join(th_testdata(), "import/esis-bom.csv");
	struct import_options opt = {.today = today()};
	struct import_file f;
	struct ibis_error err = {0};
	cr_assert_eq(import_read_file(path, &opt, &f, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(f.nrows, 3);
	cr_assert_eq(import_count_invalid(&f), 0);
	cr_assert_str_eq(f.rows[0].number, "2001");
	cr_assert_str_eq(f.rows[0].tussenvoegsel, "van den");
	cr_assert_str_eq(f.rows[1].first_name, "Ĳsbrand");
	cr_assert_str_eq(f.rows[1].last_name, "Yılmaz");
	cr_assert_str_eq(f.rows[2].group, "3");
	cr_assert_eq(f.rows[2].line, 5);
	import_file_free(&f);
	free(path);
}

Test(import, unreadable_file)
{
	struct import_options opt = {.today = today()};
	struct import_file f;
	struct ibis_error err = {0};
	cr_assert_eq(import_read_file("/nonexistent/leerlingen.csv", &opt, &f, &err), IBIS_EINPUT);
	cr_assert(str_starts(err.message, "/nonexistent/leerlingen.csv kan niet worden gelezen"),
		  "%s", err.message);
	import_file_free(&f);
}

/* ========================================================= rejected rows */

static char *rejected(const struct import_file *f)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	cr_assert(import_write_rejected(f, out));
	fclose(out);
	return buf;
}

Test(import, rejected_file)
{
	struct import_file f;
	read_ok("Roepnaam;Achternaam;Geboortedatum;Notitie\n"
		"Anna;Berg;01-02-2017;goed\n"
		";Jansen;31-02-2017;\"zei \"\"hoi\"\"; dag\"\n"
		"Eva\n",
		NULL, &f);
	char *got = rejected(&f);
	/* plain UTF-8 in: no BOM out; the fields as read, quoted again */
	cr_assert_str_eq(got,
			 "Roepnaam;Achternaam;Geboortedatum;Notitie;Reden\r\n"
			 ";Jansen;31-02-2017;\"zei \"\"hoi\"\"; dag\";\"Roepnaam: ontbreekt; "
			 "Geboortedatum: ‘31-02-2017’ is geen geldige datum; schrijf "
			 "dd-mm-jjjj\"\r\n"
			 "Eva;;;;rij: 1 velden, de kop heeft er 4\r\n");
	free(got);
	import_file_free(&f);

	/* the file's own separator; a BOM for Excel when it had one */
	read_ok("\xEF\xBB\xBFRoepnaam,Achternaam,Geboortedatum\nAnna,,01-02-2017\n", NULL, &f);
	got = rejected(&f);
	cr_assert_str_eq(got, "\xEF\xBB\xBFRoepnaam,Achternaam,Geboortedatum,Reden\r\n"
			      "Anna,,01-02-2017,Achternaam: ontbreekt\r\n");
	free(got);
	import_file_free(&f);

	/* nothing rejected: the header alone */
	read_ok("Roepnaam;Achternaam;Geboortedatum\nAnna;Berg;01-02-2017\n", NULL, &f);
	got = rejected(&f);
	cr_assert_str_eq(got, "Roepnaam;Achternaam;Geboortedatum;Reden\r\n");
	free(got);
	import_file_free(&f);
}

Test(import, rejected_file_of_windows_1252_is_utf8_with_bom)
{
	struct import_file f;
	read_ok("Roepnaam;Achternaam;Geboortedatum\nZo\xEB;;01-02-2017\n", NULL, &f);
	cr_assert_eq(f.csv.encoding, CSV_WINDOWS_1252);
	char *got = rejected(&f);
	cr_assert_str_eq(got, "\xEF\xBB\xBFRoepnaam;Achternaam;Geboortedatum;Reden\r\n"
			      "Zoë;;01-02-2017;Achternaam: ontbreekt\r\n");
	free(got);
	import_file_free(&f);
}

Test(import, rejected_file_write_failure)
{
	struct import_file f;
	read_ok("Roepnaam;Achternaam;Geboortedatum\nAnna;;01-02-2017\n", NULL, &f);
	FILE *full = fopen("/dev/full", "w");
	cr_assert_not_null(full);
	cr_assert_not(import_write_rejected(&f, full));
	fclose(full);
	full = fopen("/dev/full", "w");
	cr_assert_not(import_print_problems(&f, full));
	fclose(full);
	import_file_free(&f);
}
