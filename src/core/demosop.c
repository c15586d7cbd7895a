/* demosop.c - the school side of a demo school (see demo_school_side in
 * demo.h): the HGW grid, the basisondersteuning checklist and the SOP.
 *
 * The content follows the SOP of seed 003 in kind (its expertise table,
 * professionalisering per school year, aanbod per kindkenmerk, grenzen aan
 * zorg) with our own wording, varied per school by a stream of its own of
 * the demo's PRNG (demo_rng.h, so nothing depends on libc's rand()). Every row
 * goes through db_sop.h, inside the caller's transaction; a demo of 100
 * schools writes some 30.000 rows here, so nothing is read back.
 *
 * The records written point into static texts and the domain's data: the
 * database copies what it stores and sets only id and version, so no record
 * here is ever cleared.
 */
#include "ibis/demo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ibis/date.h"
#include "ibis/db_school.h"
#include "ibis/db_sop.h"
#include "ibis/hgw.h"
#include "ibis/levelmodel.h"
#include "ibis/records.h"
#include "ibis/sop.h"
#include "ibis/util.h"

#include "demo_rng.h"

/* The record fields are char * (the records own their strings once read);
 * the demo's are static or the domain's and are only read by the database. */
static char *text(const char *s)
{
	return (char *)s;
}

struct side {
	struct db *db;
	const struct domain *dom;
	ibis_id school;
	int year;                        /* the current school year */
	const struct level_model *model; /* the school's; NULL when unknown */
	struct rng rng;
	struct ibis_error *err;
};

/* A day within school year y, in month m (8 = August .. 7 = July). */
static ibis_date day_in(int y, int m, int d)
{
	ibis_date out = DATE_NONE;
	if (!date_from_ymd(m >= 8 ? y : y + 1, m, d, &out))
		out = schoolyear_start(y);
	return out;
}

/* ============================================================= expertise */

enum trained_as { ALL_TRAINED, ONE_TRAINED, IN_TRAINING, HALF_IN_TRAINING };

struct expertise_def {
	const char *name;
	int lo, hi;      /* number of staff */
	int area;        /* ontwikkelingsgebied it serves, 0 = none */
	enum trained_as trained;
	int percent;     /* of the schools that have it */
	const char *note;
};

static const struct expertise_def expertise_defs[] = {
	{"Intern begeleider", 1, 2, 0, ALL_TRAINED, 100, NULL},
	{"Gedragsspecialist", 1, 2, 6, ALL_TRAINED, 90, NULL},
	{"Rekenspecialist", 1, 1, 2, ALL_TRAINED, 85, NULL},
	{"Taalspecialist", 1, 1, 7, ALL_TRAINED, 80, NULL},
	{"Leescoördinator", 1, 1, 1, ALL_TRAINED, 60, NULL},
	{"Coördinator VVE", 1, 1, 7, ALL_TRAINED, 55,
	 "Samen met de peuteropvang in het gebouw."},
	{"Jonge kind specialist", 1, 1, 0, ALL_TRAINED, 70, NULL},
	{"Bouwcoördinatoren", 3, 3, 0, ONE_TRAINED, 100, "Onderbouw, middenbouw en bovenbouw."},
	{"Intern onderwijsadviseur", 1, 1, 0, ALL_TRAINED, 40, NULL},
	{"Specialist meer- en hoogbegaafdheid", 1, 1, 3, HALF_IN_TRAINING, 60,
	 "Aanspreekpunt voor de plusgroep."},
	{"Leerkracht schakelklas", 1, 1, 7, IN_TRAINING, 35, NULL},
	{"Specialist executieve functies", 1, 1, 4, ALL_TRAINED, 25, NULL},
	{"Anti-pestcoördinator", 1, 1, 6, ALL_TRAINED, 50, NULL},
	{"Bedrijfshulpverleners", 4, 6, 8, ALL_TRAINED, 60,
	 "Ook bevoegd voor de medische handelingen uit het protocol."},
};

static enum ibis_status put_expertise(struct side *s)
{
	for (size_t i = 0; i < ARRAY_LEN(expertise_defs); i++) {
		const struct expertise_def *d = &expertise_defs[i];
		if (!rng_percent(&s->rng, d->percent))
			continue;
		int n = rng_range(&s->rng, d->lo, d->hi);
		struct sop_expertise e = {
			.school_id = s->school,
			.school_year = s->year,
			.expertise = text(d->name),
			.staff_count = n,
			.area = d->area <= s->dom->basis.nareas ? d->area : 0,
			.note = rng_percent(&s->rng, 70) ? text(d->note) : NULL,
		};
		switch (d->trained) {
		case ALL_TRAINED:
			e.trained = n;
			e.in_training = 0;
			break;
		case ONE_TRAINED:
			e.trained = 1;
			e.in_training = n - 1;
			break;
		case IN_TRAINING:
			e.trained = 0;
			e.in_training = n;
			break;
		case HALF_IN_TRAINING:
			e.trained = rng_percent(&s->rng, 50) ? n : 0;
			e.in_training = n - e.trained;
			break;
		}
		enum ibis_status st = db_expertise_save(s->db, &e, s->err);
		if (st != IBIS_OK)
			return st;
	}
	return IBIS_OK;
}

/* ===================================================== professionalisering */

struct training_def {
	const char *topic;
	const char *who;
	int max;         /* individual: most participants */
};

static const struct training_def school_training[] = {
	{"Coaching on the job", "Hele team", 0},
	{"Professionele leergemeenschappen", "Hele team", 0},
	{"Executieve functies in de klas", "Hele team", 0},
	{"Teamontwikkeling: zelfredzaamheid", "Hele team", 0},
	{"Kleuter in beeld", "Onderbouw", 0},
	{"Implementatie DHH (signaleren van hoogbegaafdheid)", "Hele team", 0},
	{"Samen doordenken: taal in de onderbouw", "Onderbouw", 0},
	{"Training rekenonderwijs", "Middenbouw en bovenbouw", 0},
	{"Communicatietraining: het gesprek met ouders", "Hele team", 0},
	{"Implementatie Blink wereldoriëntatie", "Hele team", 0},
	{"Handelingsgericht werken: de groepsbespreking", "Leerkrachten en IB", 0},
	{"Hoorrecht: het kind praat mee over zijn plan", "Hele team", 0},
	{"De Vreedzame School: opfrisdag", "Hele team", 0},
	{"Expliciete directe instructie (EDI)", "Leerkrachten", 0},
	{"Close reading bij begrijpend lezen", "Bovenbouw", 0},
};

static const struct training_def individual_training[] = {
	{"Master EN, specialisatie begeleiden", "Leerkrachten", 2},
	{"WO-onderwijskunde", "Intern begeleider", 1},
	{"Zij-instroom (pabo)", "Zij-instromers", 6},
	{"Basistraining DHH", "Leerkrachten", 3},
	{"Startbekwaam schoolleider", "Adjunct-directeur", 1},
	{"Basisbekwaam schoolleider", "Directeur", 1},
	{"Opleiding leerkracht schakelklas", "Leerkracht groep 2", 1},
	{"Cursus coaching", "Bouwcoördinatoren", 2},
	{"Kindertherapie", "Gedragsspecialist", 1},
	{"Post-hbo gedragsspecialist", "Leerkrachten", 2},
	{"Post-hbo rekenspecialist", "Leerkracht", 1},
	{"Opleiding jonge kind specialist", "Leerkracht groep 1/2", 1},
	{"Post-hbo intern begeleider", "Leerkracht", 1},
	{"Basisbekwaam schoolopleider", "Leerkrachten", 2},
};

static const int training_months[] = {9, 10, 11, 1, 2, 3, 4, 5, 6};

/* k different indexes below n into pick (k <= n). */
static void pick_distinct(struct rng *r, int n, int k, int *pick)
{
	for (int i = 0; i < k; i++) {
		bool again;
		do {
			pick[i] = rng_below(r, n);
			again = false;
			for (int j = 0; j < i; j++)
				again = again || pick[j] == pick[i];
		} while (again);
	}
}

static enum ibis_status put_training_year(struct side *s, int y)
{
	int pick[4];
	for (int scope = 0; scope < 2; scope++) {
		const struct training_def *defs = scope ? individual_training : school_training;
		int ndefs = scope ? (int)ARRAY_LEN(individual_training) :
				    (int)ARRAY_LEN(school_training);
		int k = scope ? rng_range(&s->rng, 2, 3) : rng_range(&s->rng, 2, 4);
		pick_distinct(&s->rng, ndefs, k, pick);
		for (int i = 0; i < k; i++) {
			const struct training_def *d = &defs[pick[i]];
			/* one draw per statement: the order of arguments is
			 * not fixed by C, the demo's data must be */
			int month = PICK(&s->rng, training_months);
			ibis_date when = day_in(y, month, rng_range(&s->rng, 1, 28));
			struct sop_training t = {
				.school_id = s->school,
				.school_year = y,
				.scope = scope ? SOP_SCOPE_INDIVIDUAL : SOP_SCOPE_SCHOOL,
				.topic = text(d->topic),
				.participants = scope ? rng_range(&s->rng, 1, d->max) : 0,
				.who = text(d->who),
				.planned = when,
				/* this year's are still to come; the demo knows no
				 * "today" here */
				.done = y < s->year ? when : DATE_NONE,
			};
			enum ibis_status st = db_training_save(s->db, &t, s->err);
			if (st != IBIS_OK)
				return st;
		}
	}
	return IBIS_OK;
}

/* ================================================================= aanbod */

/* Per kindkenmerk of sop.ini: what is offered in the group, with help inside
 * the school, and with help from outside. */
struct offer_def {
	const char *kenmerk;
	const char *tier[3];
};

static const struct offer_def offer_defs[] = {
	{"leren",
	 {"Instructie in drie niveaus (verkort, basis, verlengd) volgens het groepsplan; "
	  "vanaf groep 4 niveauwerk voor technisch lezen, begrijpend lezen en rekenen.",
	  "Extra instructie en begeleide verwerking in de klas na overleg met de intern "
	  "begeleider; een plusgroep met verrijkingswerk voor leerlingen met een "
	  "ontwikkelingsvoorsprong.",
	  "Onderzoek en advies door de orthopedagoog van het bestuur; bij een vermoeden van "
	  "ernstige dyslexie een leerlingdossier voor de vergoede diagnostiek."}},
	{"werkhouding",
	 {"Dagplanning op het bord, dag- en weektaken, het stoplicht en vaste groepsafspraken "
	  "in alle groepen.",
	  "Hulpmiddelen als koptelefoons, time timers en een studybuddy, na overleg met de "
	  "intern begeleider; een handelingsplan voor de taakaanpak.",
	  "Observatie en advies van een externe specialist als het handelingsplan te weinig "
	  "oplevert."}},
	{"sociaal-emotioneel",
	 {"Lessen van De Vreedzame School in alle groepen; twee keer per jaar een meting van "
	  "de sociaal-emotionele ontwikkeling en daarna een groepsplan gedrag.",
	  "Gesprekken met de gedragsspecialist, een individueel plan en een training sociale "
	  "vaardigheden in een kleine groep.",
	  "Kindbespreking met GGD, schoolmaatschappelijk werk en de consulent van het "
	  "samenwerkingsverband."}},
	{"gedrag",
	 {"Een voorspelbare dagstructuur, visuele ondersteuning en een vaste plek in de klas "
	  "voor leerlingen met bijvoorbeeld ADHD of autisme.",
	  "Een prikkelarme werkplek en een time-outplek buiten de klas; de afspraken staan in "
	  "een individueel plan dat met ouders is besproken.",
	  "Ambulante begeleiding en een arrangement via het samenwerkingsverband, in overleg "
	  "met ouders en jeugdhulp."}},
	{"thuissituatie",
	 {"Startgesprekken met ouders en kind aan het begin van het jaar; bij zorgen worden "
	  "ouders meteen betrokken.",
	  "Vier keer per jaar een kindbespreking met netwerkpartners, waarvoor ouders en "
	  "leerkracht uitgenodigd kunnen worden.",
	  "Samenwerking met het wijkteam en schoolmaatschappelijk werk; verwijzing naar "
	  "jeugdhulp met instemming van ouders."}},
	{"fysiek-medisch",
	 {"Het gebouw is rolstoeltoegankelijk, met een lift en een invalidetoilet.",
	  "Aanpassingen in de klas en bij bewegingsonderwijs, afgestemd met ouders en de "
	  "fysiotherapeut.",
	  "Bij een taalontwikkelingsstoornis begeleiding met advies van Kentalis en de "
	  "logopedisten in het gebouw."}},
	{"ziektebeelden",
	 {"Afspraken over medicijnen en medische handelingen staan in het medisch protocol; "
	  "ouders geven daarvoor schriftelijk toestemming.",
	  "Een persoonlijk plan met ouders, arts of verpleegkundige, bijvoorbeeld bij "
	  "diabetes of epilepsie.",
	  "Onderwijs op afstand bij langdurige ziekte, met advies van de consulent onderwijs "
	  "aan zieke leerlingen."}},
	{"verstandelijk",
	 {"Een eigen leerlijn binnen de groep, zolang dat haalbaar is voor de groep en de "
	  "leerling.",
	  "Een ontwikkelingsperspectief met eigen doelen, twee keer per jaar besproken met "
	  "ouders en leerling.",
	  "Afstemming met het samenwerkingsverband over een arrangement of een andere plek "
	  "als maatwerk in de school niet meer haalbaar is."}},
};

/* For a kindkenmerk of a school's own sop.ini. */
static const char *const offer_general[3] = {
	"Aanbod in de groep volgens het groepsplan, afgestemd op de onderwijsbehoeften.",
	"Extra begeleiding in en buiten de klas met hulp van de intern begeleider.",
	"Advies en begeleiding van externe specialisten, in overleg met ouders.",
};

/* The level of the school's model that tier (0 in the group, 1 with help in
 * the school, 2 with help from outside) stands at: within the regular
 * levels, so that no aanbod sits at a placement elsewhere. 0 when the
 * school's model is not known. */
static int tier_level(const struct level_model *m, int tier)
{
	if (!m || m->nlevels == 0)
		return 0;
	int regular = 0;
	for (int i = 0; i < m->nlevels; i++)
		if (m->levels[i].kind == LEVEL_REGULAR)
			regular = m->levels[i].position;
	if (regular == 0)
		regular = m->nlevels;
	int want = tier == 0 ? 1 : tier == 1 ? 2 : m->nlevels >= 5 ? 4 : 3;
	return want < regular ? want : regular;
}

static enum ibis_status put_offer(struct side *s, const char *kenmerk, int level,
				  const char *description)
{
	struct sop_offer o = {
		.school_id = s->school,
		.school_year = s->year,
		.kenmerk = text(kenmerk),
		.level = level,
		.description = text(description),
	};
	return db_offer_save(s->db, &o, s->err);
}

static enum ibis_status put_offers(struct side *s)
{
	enum ibis_status st = put_offer(s, NULL, tier_level(s->model, 0),
					"Handelingsgericht werken: elke leerling krijgt les op het "
					"niveau van zijn leerjaar, in vier instructiegroepen "
					"volgens het groepsplan.");
	for (int k = 0; k < s->dom->sop.nkenmerken && st == IBIS_OK; k++) {
		const struct sop_kenmerk *km = &s->dom->sop.kenmerken[k];
		const char *const *tier = offer_general;
		for (size_t i = 0; i < ARRAY_LEN(offer_defs); i++)
			if (strcmp(offer_defs[i].kenmerk, km->key) == 0)
				tier = offer_defs[i].tier;
		int ntiers = rng_percent(&s->rng, 70) ? 3 : 2;
		for (int t = 0; t < ntiers && st == IBIS_OK; t++)
			st = put_offer(s, km->key, tier_level(s->model, t), tier[t]);
	}
	return st;
}

/* ================================================================ grenzen */

struct limit_def {
	const char *heading; /* as in the shipped sop.ini */
	const char *text[2];
};

static const struct limit_def limit_defs[] = {
	{"Verstoring van rust en veiligheid",
	 {"Het team loopt vast bij (extreem) externaliserend gedrag waardoor het onderwijs in de "
	  "groep stilvalt.",
	  "De veiligheid of het welbevinden van het kind zelf, van andere kinderen of van het "
	  "personeel komt in het geding."}},
	{"Geen balans tussen verzorging en/of behandeling en onderwijs",
	 {"Een kind heeft medisch handelen nodig waarvoor leerkrachten de kennis, de "
	  "vaardigheden of de tijd niet hebben.",
	  "Een kind heeft de hele dag door veel lichamelijke verzorging nodig."}},
	{"Verstoring van het leerproces voor de andere kinderen",
	 {"De rust in de groep wordt zo vaak verstoord dat de andere kinderen niet meer tot "
	  "leren komen.",
	  "Leerkrachten kunnen de klas niet verlaten om een kind met een lichamelijke beperking "
	  "te helpen, bijvoorbeeld bij het toiletbezoek."}},
	{"Gebrek aan capaciteit",
	 {"In een groep zitten al veel leerlingen met een eigen onderwijsbehoefte en er is geen "
	  "ruimte of extra hulp meer.",
	  NULL}},
	{"Grenzen aan de leerbaarheid van het kind",
	 {"Voor een leerling met een zeer beperkt verstandelijk vermogen (IQ onder de 70) is een "
	  "eigen leerlijn in de groep niet meer haalbaar.",
	  NULL}},
	{"Ouders houden de benodigde zorg tegen",
	 {"Ouders geven vanaf ondersteuningsniveau 3 geen toestemming voor onderzoek of "
	  "interventies die de school of externe deskundigen adviseren.",
	  NULL}},
};

static enum ibis_status put_limit(struct side *s, const char *heading, const char *description)
{
	struct sop_limit l = {
		.school_id = s->school,
		.school_year = s->year,
		.heading = text(heading),
		.description = text(description),
	};
	return db_limit_save(s->db, &l, s->err);
}

static enum ibis_status put_limits(struct side *s)
{
	enum ibis_status st = IBIS_OK;
	for (size_t h = 0; h < s->dom->sop.grenzen.len && st == IBIS_OK; h++) {
		const char *heading = s->dom->sop.grenzen.items[h];
		const struct limit_def *d = NULL;
		for (size_t i = 0; i < ARRAY_LEN(limit_defs) && !d; i++)
			if (strcmp(limit_defs[i].heading, heading) == 0)
				d = &limit_defs[i];
		if (!d) {
			st = put_limit(s, heading,
				       "De school bespreekt met ouders en het samenwerkingsverband "
				       "wat zij in deze situatie niet kan bieden.");
			continue;
		}
		st = put_limit(s, heading, d->text[0]);
		if (st == IBIS_OK && d->text[1] && rng_percent(&s->rng, 60))
			st = put_limit(s, heading, d->text[1]);
	}
	if (st == IBIS_OK)
		st = put_limit(s, NULL,
			       "Past de samenstelling van een groep niet bij de onderwijsbehoeften "
			       "van een aangemelde leerling, dan zoekt de directie met ouders en het "
			       "samenwerkingsverband naar een passende plek op een andere school.");
	return st;
}

/* ============================================================= checklist */

/* The document a cell rests on, per ontwikkelingsgebied of the shipped grid. */
static const char *const area_documents[] = {
	"Protocol leesproblemen en dyslexie",
	"Protocol ERWD",
	"Beleidsplan meer- en hoogbegaafdheid",
	"Visiedocument executieve functies",
	"Beleid eigen leerlijnen",
	"Veiligheidsplan en meldcode",
	"Taalbeleidsplan",
	"Protocol medisch handelen en medicijnverstrekking",
};

static const char *const other_documents[] = {
	"Zorgplan", "Schoolplan 2024-2028", "Jaarplan", "Schoolgids",
};

/* The school's own text for a cell the norm leaves empty: for the cells of
 * the shipped grid that have none, then per aspect. */
struct own_text {
	int area;            /* 0 = any area */
	const char *aspect;
	const char *text;
};

static const struct own_text own_texts[] = {
	{3, "materialen",
	 "Verrijkingsmaterialen per leerjaar (Levelwerk, Acadin) en een kast met "
	 "denkspellen in de plusklas."},
	{3, "protocol",
	 "Het protocol meer- en hoogbegaafdheid van het bestuur, met de signalering met DHH "
	 "in groep 1, 3 en 5."},
	{3, "randvoorwaarden",
	 "Een vaste specialist als aanspreekpunt en twee uur per week voor de plusgroep."},
	{6, "materialen",
	 "De lessen van De Vreedzame School, een time timer en pictogrammen per groep, en "
	 "de kijkwijzer sociaal-emotionele ontwikkeling."},
	{8, "materialen",
	 "Een afsluitbare medicijnkast, een EHBO-koffer per verdieping en een rolstoelvriendelijk "
	 "werkblad."},
	{0, "aanbod", "Het aanbod staat per leerjaar in de leerlijnen van de school."},
	{0, "materialen", "De school gebruikt de materialen van haar methoden, met de "
			  "remediërende delen voor de verlengde instructie."},
	{0, "protocol", "Afspraken staan in het zorgplan van de school."},
	{0, "expertise", "De intern begeleider en de specialisten van de school adviseren."},
	{0, "ruimte", "Er is een stille werkplek op de gang en een spreekkamer."},
	{0, "randvoorwaarden", "Tijd voor overleg staat in het jaarrooster."},
};

static const char *own_text_for(int area, const char *aspect)
{
	for (size_t i = 0; i < ARRAY_LEN(own_texts); i++)
		if ((own_texts[i].area == area || own_texts[i].area == 0) &&
		    strcmp(own_texts[i].aspect, aspect) == 0)
			return own_texts[i].text;
	return "De school beschrijft dit in haar zorgplan.";
}

static const char *const notes_partly[] = {
	"Nog niet in alle groepen zichtbaar.",
	"Afspraken staan, de uitvoering wisselt per bouw.",
	"Scholing staat gepland voor dit schooljaar.",
	"Protocol is verouderd; wordt herzien.",
};
static const char *const notes_fails[] = {
	"Geen eigen specialist; we vragen het bestuur om hulp.",
	"Ontbreekt nog; actiepunt in het jaarplan.",
};
static const char *const notes_na[] = {
	"Geregeld op bestuursniveau.",
	"Niet van toepassing op onze locatie.",
};
static const char *const notes_meets[] = {
	"Gezien bij de audit van het bestuur.",
	"Besproken in de teamvergadering.",
	"Geborgd in de kwaliteitskaart.",
};

/* voldoet, deels, voldoet niet, n.v.t., open */
static const enum basis_status statuses[] = {
	BASIS_MEETS, BASIS_PARTLY, BASIS_FAILS, BASIS_NA, BASIS_OPEN,
};
static const int weights_prev[] = {56, 22, 6, 4, 12};
static const int weights_now[] = {64, 18, 4, 4, 10};

static enum basis_status draw_status(struct rng *r, const int *weights)
{
	return statuses[rng_weighted(r, weights, (int)ARRAY_LEN(statuses))];
}

/* This year's status of a cell judged last year: what was partly in place
 * is often in place now, and little gets worse. */
static enum basis_status next_status(struct rng *r, enum basis_status before)
{
	switch (before) {
	case BASIS_PARTLY:
		return rng_percent(r, 50) ? BASIS_MEETS : BASIS_PARTLY;
	case BASIS_FAILS:
		return rng_percent(r, 50) ? BASIS_PARTLY : BASIS_FAILS;
	case BASIS_OPEN:
		return draw_status(r, weights_now);
	case BASIS_MEETS:
		return rng_percent(r, 4) ? BASIS_PARTLY : BASIS_MEETS;
	case BASIS_NA:
		break;
	}
	return before;
}

static const char *note_for(struct rng *r, enum basis_status st)
{
	switch (st) {
	case BASIS_PARTLY:
		return rng_percent(r, 70) ? PICK(r, notes_partly) : NULL;
	case BASIS_FAILS:
		return PICK(r, notes_fails);
	case BASIS_NA:
		return PICK(r, notes_na);
	case BASIS_MEETS:
		return rng_percent(r, 12) ? PICK(r, notes_meets) : NULL;
	case BASIS_OPEN:
		break;
	}
	return NULL;
}

static enum ibis_status put_cell(struct side *s, int year, int area, const char *aspect,
				 enum basis_status status, const char *description)
{
	/* a cell not met or not judged rests on no document yet */
	bool rests = status == BASIS_MEETS || status == BASIS_PARTLY;
	const char *document = NULL;
	if (rests && strcmp(aspect, "protocol") == 0 && rng_percent(&s->rng, 90))
		document = area >= 1 && area <= (int)ARRAY_LEN(area_documents) ?
				   area_documents[area - 1] :
				   "Zorgplan";
	else if (rests && rng_percent(&s->rng, 25))
		document = PICK(&s->rng, other_documents);
	struct basis_cell c = {
		.school_id = s->school,
		.school_year = year,
		.area = area,
		.aspect = text(aspect),
		.status = status,
		.description = text(description),
		.note = text(note_for(&s->rng, status)),
		.document = text(document),
	};
	return db_basis_put(s->db, &c, s->err);
}

static enum ibis_status put_checklist(struct side *s)
{
	const struct basis_grid *g = &s->dom->basis;
	for (int a = 0; a < g->nareas; a++) {
		const struct basis_area *area = &g->areas[a];
		for (int k = 0; k < g->naspects; k++) {
			const char *aspect = g->aspect_keys[k];
			/* where the norm says nothing the school writes its own
			 * text, or leaves the cell open */
			const char *own = NULL;
			if (!area->texts[k] && rng_percent(&s->rng, 70))
				own = own_text_for(area->number, aspect);
			bool empty = !area->texts[k] && !own;
			enum ibis_status st = IBIS_OK;
			enum basis_status before = BASIS_OPEN;
			bool judged = rng_percent(&s->rng, 85);
			if (judged) {
				before = empty ? (rng_percent(&s->rng, 60) ? BASIS_NA : BASIS_OPEN) :
						 draw_status(&s->rng, weights_prev);
				st = put_cell(s, s->year - 1, area->number, aspect, before, own);
			}
			if (st == IBIS_OK && rng_percent(&s->rng, 92)) {
				enum basis_status now =
					empty ? (judged ? before : BASIS_OPEN) :
					judged ? next_status(&s->rng, before) :
						 draw_status(&s->rng, weights_now);
				st = put_cell(s, s->year, area->number, aspect, now, own);
			}
			if (st != IBIS_OK)
				return st;
		}
	}
	return IBIS_OK;
}

/* ================================================================ HGW grid */

static const char *const evidence_texts[] = {
	"Gezien bij de klassenbezoeken in groep 3 tot en met 8 (oktober).",
	"Groepsplannen van alle groepen ingezien.",
	"Verslagen van de groepsbesprekingen in ParnasSys.",
	"Kindgesprekken vastgelegd bij de leerlingen vanaf niveau 2.",
	"Startgesprekken met ouders in september; verslagen in het dossier.",
	"Besproken in de teamvergadering; afspraken in het zorgplan.",
	"Observaties van de IB'er met de kijkwijzer HGW.",
	"Uit de tevredenheidspeiling onder ouders en leerlingen.",
	"Trendanalyse van de midden- en eindtoetsen.",
	"Collegiale consultatie in de bouwvergadering.",
	"Leerlingbesprekingen met de orthopedagoog gevolgd.",
	"Steekproef van OPP's en handelingsplannen bekeken.",
};

static int clamp_score(int v)
{
	return v < 1 ? 1 : v > 4 ? 4 : v;
}

static enum ibis_status put_score(struct side *s, const struct indicator_set *set,
				  const struct indicator *ind, int year, const char *assessor,
				  int score, const char *evidence)
{
	struct indicator_score c = {
		.school_id = s->school,
		.set_id = set->id,
		.indicator = ind->id,
		.school_year = year,
		.assessor = text(assessor),
		.score = score,
		.evidence = text(evidence),
	};
	return db_score_put(s->db, &c, s->err);
}

/* A set's agreed scores of last year and this year (a plausible upward
 * trend, 2-3 indicators not yet scored this year), and for the hgw set the
 * IB'er's and the directie's own scores of this year. */
static enum ibis_status put_set(struct side *s, const struct indicator_set *set)
{
	int n = set->nindicators;
	if (n == 0)
		return IBIS_OK;
	int *prev = xcalloc((size_t)n, sizeof(*prev));
	int *now = xcalloc((size_t)n, sizeof(*now));
	/* the school's level in tenths, and a lean per section */
	int base = rng_range(&s->rng, 24, 32);
	int lean[10];
	for (size_t i = 0; i < ARRAY_LEN(lean); i++)
		lean[i] = rng_range(&s->rng, -4, 4);
	for (int i = 0; i < n; i++) {
		int sec = set->indicators[i].section;
		int tenths = base + lean[sec >= 0 && sec < 10 ? sec : 0] + rng_range(&s->rng, -6, 6);
		prev[i] = clamp_score((tenths + 5) / 10);
		int step = rng_below(&s->rng, 100);
		now[i] = clamp_score(prev[i] + (step < 35 ? 1 : step < 42 ? -1 : 0));
	}
	int open[3];
	int nopen = n > 6 ? rng_range(&s->rng, 2, 3) : 0;
	pick_distinct(&s->rng, n, nopen, open);
	for (int k = 0; k < nopen; k++)
		now[open[k]] = 0;

	enum ibis_status st = IBIS_OK;
	for (int i = 0; i < n && st == IBIS_OK; i++) {
		const struct indicator *ind = &set->indicators[i];
		const char *ev = rng_percent(&s->rng, 15) ? PICK(&s->rng, evidence_texts) : NULL;
		st = put_score(s, set, ind, s->year - 1, "", prev[i], ev);
		if (st != IBIS_OK)
			break;
		ev = rng_percent(&s->rng, 18) ? PICK(&s->rng, evidence_texts) : NULL;
		if (now[i] == 0)
			ev = rng_percent(&s->rng, 50) ? "Nog niet besproken in het team." : NULL;
		if (now[i] || ev)
			st = put_score(s, set, ind, s->year, "", now[i], ev);
	}

	if (strcmp(set->id, "hgw") == 0) {
		static const char *const assessors[] = {"IB'er", "Directie"};
		for (size_t a = 0; a < ARRAY_LEN(assessors) && st == IBIS_OK; a++) {
			for (int i = 0; i < n && st == IBIS_OK; i++) {
				if (rng_percent(&s->rng, 4))
					continue;
				/* where the team has not agreed yet, each has a view */
				int own = now[i] ? now[i] : prev[i];
				int d = rng_below(&s->rng, 100);
				own = clamp_score(own + (d < 15 ? 1 : d < 30 ? -1 : 0));
				const char *ev = rng_percent(&s->rng, 10) ?
							 PICK(&s->rng, evidence_texts) :
							 NULL;
				st = put_score(s, set, &set->indicators[i], s->year, assessors[a],
					       own, ev);
			}
		}
	}
	free(prev);
	free(now);
	return st;
}

/* ================================================================== main */

enum ibis_status demo_school_side(struct db *db, const struct domain *dom, ibis_id school_id,
				  int school_year, unsigned seed, struct ibis_error *err)
{
	struct side s = {
		.db = db,
		.dom = dom,
		.school = school_id,
		.year = school_year,
		.rng = {.s = 0x5D0F5C4001ULL ^ ((uint64_t)seed << 17) ^ (uint64_t)school_year},
		.err = err,
	};
	struct school sch = {0};
	enum ibis_status st = db_school_get(db, school_id, &sch, err);
	if (st != IBIS_OK)
		return st;
	s.model = domain_model(dom, sch.level_model);
	school_clear(&sch);

	if ((st = put_expertise(&s)) != IBIS_OK)
		return st;
	for (int y = school_year - 3; y <= school_year; y++)
		if ((st = put_training_year(&s, y)) != IBIS_OK)
			return st;
	if ((st = put_offers(&s)) != IBIS_OK || (st = put_limits(&s)) != IBIS_OK ||
	    (st = put_checklist(&s)) != IBIS_OK)
		return st;
	for (int i = 0; i < dom->nsets; i++)
		if ((st = put_set(&s, &dom->sets[i])) != IBIS_OK)
			return st;
	return IBIS_OK;
}
