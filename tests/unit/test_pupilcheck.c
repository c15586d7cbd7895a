/* test_pupilcheck.c - the rules of the pupil form: every rule, its message,
 * the dates, and the ages on their boundaries. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/pupilcheck.h"

/* A pupil that passes: 8 years old on 23-11-2026. */
static void good(const char *text[PF_COUNT])
{
	for (int i = 0; i < PF_COUNT; i++)
		text[i] = NULL;
	text[PF_FIRST] = "Zoë";
	text[PF_TUSSEN] = "van den";
	text[PF_LAST] = "Berg";
	text[PF_BIRTH] = "14-03-2018";
	text[PF_GROUP] = "5B";
	text[PF_NUMBER] = "1234";
	text[PF_ENROLLED] = "01-09-2022";
	text[PF_NOTES] = "";
}

#define TODAY th_ymd(2026, 11, 23)

Test(pupilcheck, a_good_pupil_passes)
{
	const char *text[PF_COUNT];
	struct pupil_check c;

	good(text);
	cr_assert(pupil_check(text, TODAY, GROUP_FOUND, 2026, &c));
	cr_assert_eq(c.first_bad, PF_COUNT);
	for (int i = 0; i < PF_COUNT; i++)
		cr_assert_null(c.message[i], "field %d: %s", i, c.message[i]);
	cr_assert_eq(c.birth, th_ymd(2018, 3, 14));
	cr_assert_eq(c.enrolled, th_ymd(2022, 9, 1));
	pupil_check_clear(&c);

	/* Only the names and the birth date are required. */
	text[PF_TUSSEN] = text[PF_GROUP] = text[PF_NUMBER] = text[PF_ENROLLED] = NULL;
	text[PF_NOTES] = NULL;
	cr_assert(pupil_check(text, TODAY, GROUP_UNKNOWN, 2026, &c),
		  "an empty group is no group, not an unknown one");
	cr_assert_eq(c.enrolled, DATE_NONE);
	pupil_check_clear(&c);
}

Test(pupilcheck, names_are_required)
{
	const char *text[PF_COUNT];
	struct pupil_check c;

	good(text);
	text[PF_FIRST] = "   ";
	text[PF_LAST] = NULL;
	cr_assert_not(pupil_check(text, TODAY, GROUP_FOUND, 2026, &c));
	cr_assert_str_eq(c.message[PF_FIRST], "Vul de roepnaam in.");
	cr_assert_str_eq(c.message[PF_LAST], "Vul de achternaam in.");
	cr_assert_null(c.message[PF_BIRTH]);
	cr_assert_eq(c.first_bad, PF_FIRST);
	pupil_check_clear(&c);

	text[PF_FIRST] = "Anna";
	cr_assert_not(pupil_check(text, TODAY, GROUP_FOUND, 2026, &c));
	cr_assert_eq(c.first_bad, PF_LAST, "focus goes to the first bad field");
	pupil_check_clear(&c);
}

Test(pupilcheck, birth_date_must_be_a_real_date)
{
	const char *text[PF_COUNT];
	struct pupil_check c;

	good(text);
	text[PF_BIRTH] = "";
	cr_assert_not(pupil_check(text, TODAY, GROUP_FOUND, 2026, &c));
	cr_assert_str_eq(c.message[PF_BIRTH], "Vul de geboortedatum in (dd-mm-jjjj).");
	cr_assert_eq(c.first_bad, PF_BIRTH);
	pupil_check_clear(&c);

	text[PF_BIRTH] = "31-02-2018";
	cr_assert_not(pupil_check(text, TODAY, GROUP_FOUND, 2026, &c));
	cr_assert_str_eq(c.message[PF_BIRTH], "31-02-2018 bestaat niet.");
	cr_assert_eq(c.birth, DATE_NONE);
	pupil_check_clear(&c);

	text[PF_BIRTH] = "29-2-2019";
	cr_assert_not(pupil_check(text, TODAY, GROUP_FOUND, 2026, &c));
	cr_assert_str_eq(c.message[PF_BIRTH], "29-02-2019 bestaat niet.");
	pupil_check_clear(&c);

	text[PF_BIRTH] = "14 maart 2018";
	cr_assert_not(pupil_check(text, TODAY, GROUP_FOUND, 2026, &c));
	cr_assert_str_eq(c.message[PF_BIRTH],
			 "Geen datum: schrijf dd-mm-jjjj, bijvoorbeeld 05-03-2018.");
	pupil_check_clear(&c);

	text[PF_BIRTH] = "14-13-2018";
	cr_assert_not(pupil_check(text, TODAY, GROUP_FOUND, 2026, &c));
	cr_assert_str_eq(c.message[PF_BIRTH],
			 "Geen datum: schrijf dd-mm-jjjj, bijvoorbeeld 05-03-2018.");
	pupil_check_clear(&c);
}

Test(pupilcheck, dates_in_every_accepted_form)
{
	ibis_date d;
	char *msg;

	cr_assert_null(pupil_check_date("14-03-2018", &d));
	cr_assert_eq(d, th_ymd(2018, 3, 14));
	cr_assert_null(pupil_check_date(" 4-3-2018 ", &d));
	cr_assert_eq(d, th_ymd(2018, 3, 4));
	cr_assert_null(pupil_check_date("4/3/2018", &d));
	cr_assert_eq(d, th_ymd(2018, 3, 4));
	cr_assert_null(pupil_check_date("04.03.2018", &d));
	cr_assert_eq(d, th_ymd(2018, 3, 4));
	cr_assert_null(pupil_check_date("2018-03-04", &d));
	cr_assert_eq(d, th_ymd(2018, 3, 4));
	cr_assert_null(pupil_check_date("29-02-2020", &d), "a leap day");

	msg = pupil_check_date("2019-02-29", &d);
	cr_assert_str_eq(msg, "29-02-2019 bestaat niet.");
	cr_assert_eq(d, DATE_NONE);
	free(msg);
	msg = pupil_check_date("31-04-2018", &d);
	cr_assert_str_eq(msg, "31-04-2018 bestaat niet.");
	free(msg);
	msg = pupil_check_date("4-3-18", &d);
	cr_assert_str_eq(msg, "Geen datum: schrijf dd-mm-jjjj, bijvoorbeeld 05-03-2018.");
	free(msg);
	msg = pupil_check_date("4-3/2018", &d);
	cr_assert_str_eq(msg, "Geen datum: schrijf dd-mm-jjjj, bijvoorbeeld 05-03-2018.");
	free(msg);
	msg = pupil_check_date("01-01-1800", &d);
	cr_assert_str_eq(msg, "Geen datum: schrijf dd-mm-jjjj, bijvoorbeeld 05-03-2018.");
	free(msg);
}

/* The age on today: at least 3 whole years, at most 14. */
static char *age_message(const char *birth)
{
	const char *text[PF_COUNT];
	struct pupil_check c;

	good(text);
	text[PF_BIRTH] = birth;
	text[PF_ENROLLED] = NULL;
	pupil_check(text, TODAY, GROUP_FOUND, 2026, &c);
	char *m = c.message[PF_BIRTH] ? strdup(c.message[PF_BIRTH]) : NULL;
	pupil_check_clear(&c);
	return m;
}

Test(pupilcheck, ages_on_the_boundaries)
{
	char *m;

	/* Third birthday today: old enough; one day later born: too young. */
	cr_assert_null(m = age_message("23-11-2023"));
	m = age_message("24-11-2023");
	cr_assert_str_eq(m, "Te jong voor de basisschool: 2 jaar op 23-11-2026 (minstens 3).");
	free(m);
	/* The day before the fifteenth birthday: still 14; on it: too old. */
	cr_assert_null(m = age_message("24-11-2011"));
	m = age_message("23-11-2011");
	cr_assert_str_eq(m, "Te oud voor de basisschool: 15 jaar op 23-11-2026 (hoogstens 14).");
	free(m);
	m = age_message("23-11-2026");
	cr_assert_str_eq(m, "Te jong voor de basisschool: 0 jaar op 23-11-2026 (minstens 3).");
	free(m);
	m = age_message("24-11-2026");
	cr_assert_str_eq(m, "De geboortedatum ligt na vandaag (23-11-2026).");
	free(m);
}

Test(pupilcheck, the_group_must_exist)
{
	const char *text[PF_COUNT];
	struct pupil_check c;

	good(text);
	text[PF_GROUP] = " 9Z ";
	cr_assert_not(pupil_check(text, TODAY, GROUP_UNKNOWN, 2026, &c));
	cr_assert_str_eq(c.message[PF_GROUP], "Groep 9Z bestaat niet in schooljaar 2026-2027.");
	cr_assert_eq(c.first_bad, PF_GROUP);
	pupil_check_clear(&c);

	text[PF_GROUP] = "5B";
	cr_assert_not(pupil_check(text, TODAY, GROUP_AMBIGUOUS, 2026, &c));
	cr_assert_str_eq(c.message[PF_GROUP],
			 "Groep 5B bestaat op meer dan één school; kies de groep uit de lijst.");
	pupil_check_clear(&c);
}

Test(pupilcheck, enrolment_date)
{
	const char *text[PF_COUNT];
	struct pupil_check c;

	good(text);
	text[PF_ENROLLED] = "01-09-2017";
	cr_assert_not(pupil_check(text, TODAY, GROUP_FOUND, 2026, &c));
	cr_assert_str_eq(c.message[PF_ENROLLED], "De inschrijfdatum ligt vóór de geboortedatum.");
	cr_assert_eq(c.first_bad, PF_ENROLLED);
	pupil_check_clear(&c);

	text[PF_ENROLLED] = "32-09-2022";
	cr_assert_not(pupil_check(text, TODAY, GROUP_FOUND, 2026, &c));
	cr_assert_str_eq(c.message[PF_ENROLLED],
			 "Geen datum: schrijf dd-mm-jjjj, bijvoorbeeld 05-03-2018.");
	pupil_check_clear(&c);

	/* With a wrong birth date the order of the dates is not judged. */
	text[PF_BIRTH] = "31-02-2018";
	text[PF_ENROLLED] = "01-09-2000";
	cr_assert_not(pupil_check(text, TODAY, GROUP_FOUND, 2026, &c));
	cr_assert_null(c.message[PF_ENROLLED]);
	cr_assert_eq(c.enrolled, th_ymd(2000, 9, 1));
	pupil_check_clear(&c);
}

Test(pupilcheck, every_bad_field_at_once)
{
	const char *text[PF_COUNT] = { NULL };
	struct pupil_check c;

	text[PF_GROUP] = "8X";
	text[PF_ENROLLED] = "x";
	cr_assert_not(pupil_check(text, TODAY, GROUP_UNKNOWN, 2026, &c));
	cr_assert_not_null(c.message[PF_FIRST]);
	cr_assert_not_null(c.message[PF_LAST]);
	cr_assert_not_null(c.message[PF_BIRTH]);
	cr_assert_not_null(c.message[PF_GROUP]);
	cr_assert_not_null(c.message[PF_ENROLLED]);
	cr_assert_null(c.message[PF_TUSSEN]);
	cr_assert_null(c.message[PF_NUMBER]);
	cr_assert_null(c.message[PF_NOTES]);
	cr_assert_eq(c.first_bad, PF_FIRST);
	pupil_check_clear(&c);
	cr_assert_eq(c.first_bad, PF_COUNT);
}

Test(pupilcheck, labels)
{
	cr_assert_str_eq(pupil_field_label(PF_FIRST), "Roepnaam");
	cr_assert_str_eq(pupil_field_label(PF_ENROLLED), "Ingeschreven");
	cr_assert_str_eq(pupil_field_label(PF_COUNT), "");
}
