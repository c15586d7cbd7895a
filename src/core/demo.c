/* demo.c - see demo.h.
 *
 * Everything here follows from (seed, today, pupils): a small PRNG of our own
 * (splitmix64, so no libc rand() state and no platform differences), pools in
 * fixed order and no hash tables. Each school draws from its own stream, so
 * that one school's data does not depend on how many draws the others made.
 *
 * The shape of a school: pupils are drawn per cohort, named by their jaargroep
 * in the current school year (0 = instroom, 9 and 10 = left for the VO after
 * groep 8 in the last two years). For each of the last three school years the
 * pupils present are formed into classes (kleuters in "1/2" classes,
 * combination classes for two small cohorts, parallel classes for big ones).
 * Level episodes, events and plans are then laid over each pupil's time at
 * school within those three years.
 */
#include "ibis/demo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ibis/date.h"
#include "ibis/db_arrangement.h"
#include "ibis/db_event.h"
#include "ibis/db_level.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/levelrules.h"
#include "ibis/records.h"
#include "ibis/text.h"
#include "ibis/util.h"

#include "demo_rng.h"

#define DEFAULT_PUPILS 240
#define SCHOOL_SIZE 500  /* pupils per school in a large set */
#define HISTORY 3        /* school years with groups: this one and two before */
#define NCOHORTS 11      /* jaargroep 0..8 now, and 9, 10: left after groep 8 */
#define MAX_STEPS 12
#define KLEUTER_CLASS 28 /* largest kleuter class before a parallel one */
#define CLASS_SIZE 30    /* largest class from groep 3 on */
#define COMBINE_BELOW 20 /* two cohorts both smaller than this share a class */

/* ================================================================== names */

struct surname {
	const char *tv; /* tussenvoegsel, NULL when none */
	const char *name;
};

/* Where a family's names come from: the mix of a Dutch primary school. */
struct origin {
	int weight; /* per mille */
	const char *const *boys;
	int nboys;
	const char *const *girls;
	int ngirls;
	const struct surname *surnames;
	int nsurnames;
	const char *const *women; /* grown-ups: parents and teachers */
	int nwomen;
	const char *const *men;
	int nmen;
};

static const char *const nl_boys[] = {
	"Daan", "Sem", "Lucas", "Levi", "Finn", "Noah", "Milan", "Bram", "Luuk", "Jesse",
	"Thijs", "Ruben", "Sven", "Max", "Mees", "Siem", "Julian", "Thomas", "Tim", "Jens",
	"Gijs", "Teun", "Stijn", "Ties", "Hidde", "Olivier", "Noël", "Ĳsbrand", "Jurre",
	"Floris", "Lars", "Sam", "Boaz", "Guus", "Otis", "Jip", "Morris", "Hugo", "Pepijn",
	"Wessel", "Stan", "Koen", "Joep", "Job", "Cas", "Tygo", "Dex", "Mats", "Benjamin",
	"Tobias", "René", "Sjoerd", "Wouter", "Rens",
};
static const char *const nl_girls[] = {
	"Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara", "Nora", "Evi", "Liv",
	"Lotte", "Fenna", "Saar", "Noor", "Anna", "Eva", "Isa", "Lieke", "Sanne", "Fleur",
	"Roos", "Floor", "Femke", "Chloë", "Anaïs", "Maud", "Jill", "Lynn", "Yara", "Noa",
	"Esmée", "Hanna", "Renée", "Lina", "Elin", "Fien", "Olivia", "Nina", "Loïs", "Merel",
	"Jasmijn", "Veerle", "Myrthe", "Daphne", "Noëlle", "Linde", "Mare", "Ĳke", "Annelies",
	"Sientje",
};
static const struct surname nl_surnames[] = {
	{NULL, "Jansen"}, {"de", "Vries"}, {"van den", "Berg"}, {"van", "Dijk"},
	{NULL, "Bakker"}, {NULL, "Janssen"}, {NULL, "Visser"}, {NULL, "Smit"},
	{NULL, "Meijer"}, {"de", "Boer"}, {NULL, "Mulder"}, {"de", "Groot"},
	{NULL, "Bos"}, {NULL, "Vos"}, {NULL, "Peters"}, {NULL, "Hendriks"},
	{"van", "Leeuwen"}, {NULL, "Dekker"}, {NULL, "Brouwer"}, {"de", "Wit"},
	{NULL, "Dijkstra"}, {NULL, "Smits"}, {"de", "Graaf"}, {"van der", "Meer"},
	{"van der", "Linden"}, {NULL, "Kok"}, {NULL, "Jacobs"}, {"de", "Haan"},
	{NULL, "Vermeulen"}, {"van den", "Heuvel"}, {"van der", "Veen"}, {"van den", "Broek"},
	{"de", "Bruijn"}, {"de", "Jong"}, {"van", "Beek"}, {"ter", "Horst"},
	{"ter", "Haar"}, {"in ’t", "Veld"}, {NULL, "Ĳsselmuiden"}, {NULL, "Kuipers"},
	{"van", "Wijk"}, {NULL, "Postma"}, {NULL, "Huisman"}, {"van", "Vliet"},
	{NULL, "Willems"}, {NULL, "Hoekstra"}, {"van der", "Heijden"}, {NULL, "Koster"},
	{"de", "Lange"}, {NULL, "Prins"}, {"van", "Doorn"}, {NULL, "Timmermans"},
	{"van ’t", "Hof"}, {NULL, "Schouten"}, {NULL, "Verbeek"}, {NULL, "Brinkman"},
};

static const char *const tr_boys[] = {
	"Mehmet", "Emir", "Yusuf", "Kerem", "Can", "Deniz", "Burak", "Efe", "Arda", "Mert",
	"Ömer", "Çağan", "Barış", "Emre", "Eren",
};
static const char *const tr_girls[] = {
	"Elif", "Zeynep", "Ayşe", "Büşra", "Ecem", "Defne", "Eylül", "Irmak", "Nisa", "Selin",
	"Azra", "Gülsüm", "Melis",
};
static const struct surname tr_surnames[] = {
	{NULL, "Yılmaz"}, {NULL, "Çelik"}, {NULL, "Öztürk"}, {NULL, "Şahin"}, {NULL, "Demir"},
	{NULL, "Kaya"}, {NULL, "Aydın"}, {NULL, "Doğan"}, {NULL, "Yıldız"}, {NULL, "Arslan"},
	{NULL, "Koç"}, {NULL, "Kurt"}, {NULL, "Özdemir"}, {NULL, "Aksoy"},
};

static const char *const ma_boys[] = {
	"Mohammed", "Adam", "Ayoub", "Omar", "Rayan", "Bilal", "Amir", "Imran", "Zakaria",
	"Ilias", "Yassine", "Soufiane", "Anas", "Hamza",
};
static const char *const ma_girls[] = {
	"Aya", "Fatima", "Yasmina", "Salma", "Inaya", "Hiba", "Amira", "Nour", "Malak", "Rania",
	"Douae", "Imane", "Kenza", "Sara",
};
static const struct surname ma_surnames[] = {
	{NULL, "El Idrissi"}, {NULL, "El Amrani"}, {NULL, "Bouzid"}, {NULL, "Benali"},
	{NULL, "Ait Taleb"}, {NULL, "El Khatib"}, {NULL, "Boukhari"}, {NULL, "Ouali"},
	{NULL, "Azzouzi"}, {NULL, "El Hamdaoui"}, {NULL, "Chaouch"}, {NULL, "Bakkali"},
	{NULL, "Ziani"},
};

static const char *const sr_boys[] = {
	"Jayden", "Dylan", "Shaquille", "Xavi", "Giovanni", "Ravi", "Anand", "Jermaine", "Kenzo",
	"Quincy",
};
static const char *const sr_girls[] = {
	"Aaliyah", "Shanaya", "Naomi", "Anjali", "Priya", "Kimberley", "Chelsey", "Jamila",
	"Kayla", "Zoë",
};
static const struct surname sr_surnames[] = {
	{NULL, "Pinas"}, {NULL, "Sital"}, {NULL, "Ramdin"}, {NULL, "Martina"},
	{NULL, "Doelwijt"}, {NULL, "Kromodimedjo"}, {NULL, "Ramsaransing"}, {NULL, "Cijntje"},
	{NULL, "Winklaar"}, {NULL, "Biharie"},
};

static const char *const pl_boys[] = {
	"Mateusz", "Jakub", "Oliwer", "Szymon", "Filip", "Kacper", "Antoni", "Luka", "Nikola",
	"Andrei",
};
static const char *const pl_girls[] = {
	"Maja", "Zuzanna", "Lena", "Zofia", "Alicja", "Wiktoria", "Hanna", "Ana", "Elena",
	"Julia",
};
static const struct surname pl_surnames[] = {
	{NULL, "Kowalski"}, {NULL, "Nowak"}, {NULL, "Wiśniewski"}, {NULL, "Lewandowski"},
	{NULL, "Wójcik"}, {NULL, "Kamiński"}, {NULL, "Kovačević"}, {NULL, "Popescu"},
	{NULL, "Horváth"}, {NULL, "Dvořák"},
};

static const char *const as_boys[] = {"Minh", "Duc", "Bao", "Huy", "Kai", "Ryan", "Wei", "Hao"};
static const char *const as_girls[] = {"Linh", "Mai", "Anh", "Lan", "Mei", "Yuki", "Thu"};
static const struct surname as_surnames[] = {
	{NULL, "Nguyen"}, {NULL, "Tran"}, {NULL, "Le"}, {NULL, "Pham"}, {NULL, "Chen"},
	{NULL, "Wang"}, {NULL, "Li"}, {NULL, "Huang"},
};

static const char *const ot_boys[] = {"Ahmad", "Mahmoud", "Yonas", "Karim", "Tariq", "Samir"};
static const char *const ot_girls[] = {"Rahaf", "Lamar", "Hana", "Selam", "Layla", "Dina"};
static const struct surname ot_surnames[] = {
	{NULL, "Haddad"}, {NULL, "Ahmadi"}, {NULL, "Al Masri"}, {NULL, "Tesfay"},
	{NULL, "Mohammadi"}, {NULL, "Hosseini"}, {NULL, "Abdi"},
};

static const char *const nl_women[] = {
	"Anouk", "Marieke", "Sandra", "Linda", "Esther", "Ingrid", "Petra", "Karin", "Mirjam",
	"Ilse", "Joyce", "Wendy", "Annemiek", "Hanneke", "Marloes", "Yvonne", "Saskia", "Inge",
	"Kim", "Manon", "Ellen", "Judith", "Sharon", "Carolien", "Mariëlle", "Renée",
};
static const char *const nl_men[] = {
	"Mark", "Jeroen", "Bas", "Rob", "Dennis", "Erik", "Martijn", "Sander", "Pieter", "Niels",
	"Ruud", "Arjen", "Joost", "Tom",
};
static const char *const tr_women[] = {"Fatma", "Hatice", "Ayşe", "Emine", "Songül", "Derya"};
static const char *const tr_men[] = {"Gökhan", "Mustafa", "Hakan", "Murat", "Serkan", "Özgür"};
static const char *const ma_women[] = {"Naima", "Fatima", "Khadija", "Samira", "Nadia", "Latifa"};
static const char *const ma_men[] = {"Rachid", "Youssef", "Mohamed", "Khalid", "Said", "Karim"};
static const char *const sr_women[] = {"Sharon", "Natasha", "Sandhya", "Kavita", "Gwendolyn"};
static const char *const sr_men[] = {"Romano", "Rajesh", "Errol", "Clyde", "Sunil"};
static const char *const pl_women[] = {"Agnieszka", "Katarzyna", "Magdalena", "Ioana", "Marta"};
static const char *const pl_men[] = {"Piotr", "Tomasz", "Marek", "Andrzej", "Mihai"};
static const char *const as_women[] = {"Thi Hoa", "Lan", "Mei Ling", "Hanh"};
static const char *const as_men[] = {"Van Long", "Minh Tuan", "Jun", "Hieu"};
static const char *const ot_women[] = {"Amal", "Rasha", "Hiwet", "Nasrin"};
static const char *const ot_men[] = {"Ahmed", "Yonas", "Reza", "Bashir"};

#define N(a) a, (int)ARRAY_LEN(a)
static const struct origin origins[] = {
	{700, N(nl_boys), N(nl_girls), N(nl_surnames), N(nl_women), N(nl_men)},
	{70, N(tr_boys), N(tr_girls), N(tr_surnames), N(tr_women), N(tr_men)},
	{70, N(ma_boys), N(ma_girls), N(ma_surnames), N(ma_women), N(ma_men)},
	{45, N(sr_boys), N(sr_girls), N(sr_surnames), N(sr_women), N(sr_men)},
	{45, N(pl_boys), N(pl_girls), N(pl_surnames), N(pl_women), N(pl_men)},
	{25, N(as_boys), N(as_girls), N(as_surnames), N(as_women), N(as_men)},
	{45, N(ot_boys), N(ot_girls), N(ot_surnames), N(ot_women), N(ot_men)},
};
#undef N

/* =============================================================== schools */

static const char *const school_names[] = {
	"OBS De Regenboog", "CBS Het Kompas", "RKBS Sint Jozef", "OBS De Vlinder",
	"PCBS De Zonnebloem", "IKC Het Palet", "CBS De Wegwijzer", "OBS De Springplank",
	"RKBS De Klimop", "CBS Het Anker", "OBS De Bron", "PCBS De Fontein",
	"Daltonschool De Meander", "IKC Het Mozaïek", "OBS De Notenkraker",
	"CBS Prins Willem-Alexander", "OBS Koningin Juliana", "CBS De Hoeksteen",
	"PCBS Het Baken", "CBS De Ark", "RKBS Sint Franciscus", "RKBS Sint Maarten",
	"OBS De Tweemaster", "Jenaplanschool De Wilgen", "OBS De Linde", "IKC Kleurrijk",
	"Montessorischool De Sterrenwacht", "OBS Het Startpunt", "CBS De Toermalijn",
	"OBS De Boomgaard", "IKC De Ontdekking", "OBS De Kameleon", "CBS De Vuurtoren",
	"OBS De Octopus", "RKBS Titus Brandsma", "CBS Eben-Haëzer", "OBS De Piramide",
	"PCBS De Schakel", "OBS Het Klaverblad", "RKBS De Lindehof", "CBS De Morgenster",
	"OBS De Zevensprong", "Vrije School De Zonnewijzer", "OBS Het Kinderrijk",
	"CBS Oranje Nassau", "RKBS De Wieken", "OBS De Horizon", "IKC De Parel",
	"CBS Het Zaadje", "OBS De Duizendpoot",
};
/* A second school of the same name is told apart by its location. */
static const char *const locations[] = {
	"Noord", "Zuid", "Oost", "West", "Centrum", "Aan de Vaart", "Het Veld", "De Hoven",
};
static const char *const towns[] = {
	"Amersfoort", "Leusden", "Soest", "Baarn", "Bunschoten-Spakenburg", "Nijkerk",
	"Woudenberg", "Barneveld", "Scherpenzeel", "Renswoude", "Veenendaal", "Eemnes",
};
static const char *const streets[] = {
	"Dorpsstraat", "Kerkstraat", "Schoolstraat", "Molenweg", "Eikenlaan", "Beukenlaan",
	"Lindenlaan", "Julianastraat", "Wilhelminastraat", "Prins Bernhardlaan", "Spoorstraat",
	"Stationsweg", "Vogelweide", "Merelstraat", "Lijsterbeslaan", "Tulpstraat", "Rozenlaan",
	"Dahliastraat", "Zonnebloemweg", "Hoofdstraat", "Nieuweweg", "Zandweg", "Heideweg",
	"Vaartweg", "Burgemeester de Withstraat",
};

/* ============================================================ support texts */

/* One ontwikkelingsgebied (the 8 of the basisondersteuning, in its order):
 * what a pupil's support is about, so that a pupil's reasons, plans and goals
 * tell one story. */
struct area {
	int weight;
	const char *topic;   /* in a title: "OOP technisch lezen" */
	const char *subject; /* the plan's vakgebied field */
	const char *reason[3]; /* step up to level 2, 3, 4 and higher */
	const char *need;      /* onderwijsbehoeften */
	const char *approach;  /* aanpak */
	const char *goal_short[2];
	const char *goal_long;
};

static const struct area areas[8] = {
	{25, "technisch lezen", "Technisch lezen",
	 {"Stagnatie technisch lezen: de DMT-score blijft onder het groepsgemiddelde "
	  "ondanks verlengde instructie.",
	  "Onvoldoende groei in lezen na twee periodes extra instructie; vermoeden van "
	  "dyslexie, begeleiding buiten de klas.",
	  "Ernstige enkelvoudige dyslexie vastgesteld; intensieve begeleiding met externe "
	  "deskundigheid nodig."},
	 "Heeft behoefte aan korte, herhaalde leesmomenten met directe feedback en aan "
	 "voorlezen van langere teksten.",
	 "Dagelijks vijftien minuten RALFI-lezen met de leerkracht; twee keer per week "
	 "extra spellinginstructie aan de instructietafel.",
	 {"Leest aan het eind van de periode kaart 2 van de DMT met 45 woorden per minuut.",
	  "Schrijft de woorden met ei/ij en au/ou in 80% van het dictee goed."},
	 "Leest aan het eind van het schooljaar op AVI-niveau E5."},
	{22, "rekenen", "Rekenen",
	 {"Achterstand rekenen na de M-toets; extra instructie in de groep nodig.",
	  "Blijvende achterstand rekenen ondanks extra instructie; remedial teaching "
	  "buiten de groep.",
	  "Vermoeden van dyscalculie; eigen leerlijn rekenen op advies van de "
	  "ondersteuningsspecialist."},
	 "Heeft behoefte aan concreet materiaal en aan het hardop voordoen van de "
	 "oplossingsstappen.",
	 "Verlengde instructie rekenen aan de instructietafel; drie keer per week "
	 "tafeloefeningen op de computer.",
	 {"Kent de tafels van 1 tot en met 5 geautomatiseerd (binnen drie seconden per som).",
	  "Rekent optellen en aftrekken tot 100 met tientaloverschrijding zelfstandig uit."},
	 "Beheerst aan het eind van het schooljaar de rekendoelen van dit leerjaar."},
	{8, "extra uitdaging", "Verrijking",
	 {"Ontwikkelingsvoorsprong; heeft meer uitdaging nodig dan het basisaanbod.",
	  "Onderpresteert en verliest motivatie; plusklas buiten de groep.",
	  "Hoogbegaafd met sociaal-emotionele problemen; advies van een externe specialist."},
	 "Heeft behoefte aan compacten van de leerstof en verrijkingswerk met ruimte voor "
	 "eigen keuzes.",
	 "Leerstof compacten bij rekenen en spelling; wekelijks in de plusgroep werken aan "
	 "een eigen onderzoek.",
	 {"Plant het verrijkingswerk zelfstandig in met de weektaak.",
	  "Presenteert het eigen onderzoek aan de groep."},
	 "Werkt het hele schooljaar met plezier en inzet op het eigen niveau."},
	{12, "werkhouding en planning", "Werkhouding",
	 {"Concentratie en taakgerichtheid vragen extra begeleiding in de klas.",
	  "Werkhouding belemmert het leren ondanks aanpassingen in de klas; begeleiding door "
	  "de IB’er.",
	  "Ernstige problemen met aandacht en planning; afstemming met zorgpartners."},
	 "Heeft behoefte aan korte, duidelijke opdrachten, een vaste plek en een visueel "
	 "dagprogramma.",
	 "Werken met een takenkaart en een time-timer; na elke taak een korte check-in bij de "
	 "leerkracht.",
	 {"Begint binnen twee minuten na de instructie zelfstandig aan de taak.",
	  "Maakt de weektaak af met behulp van de planner."},
	 "Werkt aan het eind van het schooljaar twintig minuten zelfstandig aan een taak."},
	{6, "tempo en leerstof", "Eigen leerlijn",
	 {"Leert in een lager tempo; extra herhaling en instructie in de groep.",
	  "Kan het tempo van de groep niet bijhouden; onderzoek naar de leermogelijkheden.",
	  "Eigen leerlijn nodig met een ontwikkelingsperspectief."},
	 "Heeft behoefte aan extra herhaling, kleine stappen en succeservaringen.",
	 "Verwerking op eigen niveau; dagelijks herhaling van de basisvaardigheden met de "
	 "onderwijsassistent.",
	 {"Kent de klanken en letters van kern 1 tot en met 6 van de methode.",
	  "Telt vooruit en terug tot 100."},
	 "Werkt aan het eind van het schooljaar op de eigen leerlijn aan de gestelde doelen."},
	{17, "gedrag en sociaal-emotioneel", "Sociaal-emotionele ontwikkeling",
	 {"Trekt zich terug in de groep; extra aandacht voor de sociaal-emotionele "
	  "ontwikkeling.",
	  "Handelingsverlegenheid van de leerkracht bij het gedrag; inzet van de "
	  "gedragsspecialist.",
	  "Ernstige gedragsproblemen; externe ondersteuning via het samenwerkingsverband."},
	 "Heeft behoefte aan voorspelbaarheid, een vaste aanspreekpersoon en positieve "
	 "bevestiging.",
	 "Dagelijks een startgesprek met de leerkracht; beloningssysteem gericht op twee "
	 "gedragsdoelen; een time-outplek in de klas.",
	 {"Vraagt op een rustige manier om hulp als iets niet lukt.",
	  "Speelt in de pauze zonder ruzie met minstens twee klasgenoten."},
	 "Voelt zich veilig in de groep en hoort erbij (vragenlijst sociale veiligheid)."},
	{7, "taal en woordenschat", "Taal",
	 {"Beperkte woordenschat; extra taalaanbod in de groep.",
	  "Spraak- en taalproblemen; logopedie en extra begeleiding buiten de klas.",
	  "Ernstige taalontwikkelingsstoornis; advies van Kentalis (cluster 2)."},
	 "Heeft behoefte aan het voorbewerken van nieuwe woorden en aan visuele "
	 "ondersteuning.",
	 "Woordenschat voorbewerken in een klein groepje; een woordweb bij elk thema; twee keer "
	 "per week logopedie op school.",
	 {"Kent twintig woorden van het thema en gebruikt ze in een zin.",
	  "Vertelt een verhaal in de goede volgorde met behulp van plaatjes."},
	 "Haalt aan het eind van het schooljaar een voldoende op de woordenschattoets."},
	{3, "motoriek en gezondheid", "Motoriek",
	 {"De fijne motoriek vraagt extra oefening in de groep.",
	  "Langdurige ziekte; aanpassingen in het programma en afstemming met ouders.",
	  "De medische situatie vraagt ondersteuning van buiten de school."},
	 "Heeft behoefte aan aangepast materiaal en rustmomenten.",
	 "Schrijfoefeningen met een aangepaste pen; rustmomenten in het dagprogramma; "
	 "afstemming met de fysiotherapeut.",
	 {"Schrijft een korte zin leesbaar binnen de lijnen.",
	  "Doet mee aan de gymles met de afgesproken aanpassingen."},
	 "Volgt het hele schooljaar het programma met de afgesproken aanpassingen."},
};

static const char *const placement_reasons[] = {
	"TLV afgegeven door het samenwerkingsverband; plaatsing op het speciaal "
	"basisonderwijs.",
	"De onderwijsbehoeften overstijgen de mogelijkheden van de school; plaatsing in het "
	"speciaal onderwijs met een TLV.",
};
static const char *const lower_reasons[] = {
	"Doelen behaald; de extra ondersteuning is afgebouwd.",
	"Goede vooruitgang; verder met het aanbod in de groep.",
	"Extra ondersteuning niet meer nodig na de evaluatie met ouders.",
};

static const char *const obs_texts[] = {
	"Werkt geconcentreerd tijdens de zelfstandige verwerking; vraagt weinig hulp.",
	"Heeft moeite om na de instructie zelfstandig te beginnen; kijkt veel rond.",
	"Speelt in de pauze vaak alleen; zoekt weinig contact met klasgenoten.",
	"Doet actief mee in de kring en vertelt graag.",
	"Raakt snel gefrustreerd bij rekenopdrachten met meerdere stappen.",
	"Leest vlot, maar begrijpt de tekst niet altijd; vragen over de tekst gaan moeizaam.",
	"Werkt slordig; het schrift is lastig te lezen.",
	"Helpt klasgenoten uit zichzelf en neemt verantwoordelijkheid.",
	"Is na het weekend vaak moe en onrustig.",
	"Houdt zich goed aan de klassenafspraken.",
	"Heeft de verlengde instructie aan de instructietafel goed opgepakt.",
	"Automatiseert de tafels nog niet; telt op de vingers.",
};
static const char *const obs_kleuter_texts[] = {
	"Knipt en plakt nog onhandig; de fijne motoriek vraagt aandacht.",
	"Benoemt de kleuren en vormen zonder hulp.",
	"Speelt fijn samen in de bouwhoek.",
	"Luistert goed tijdens het voorlezen en vertelt het verhaal na.",
	"Vindt het lastig om afscheid te nemen van papa of mama bij de deur.",
	"Herkent de letters van de eigen naam.",
};
static const char *const parent_texts[] = {
	"Tienminutengesprek: ouders herkennen het beeld van school en zijn tevreden.",
	"Gesprek met ouders over de concentratie; afgesproken om over zes weken te evalueren.",
	"Ouders vertellen dat het thuis goed gaat; thuis wordt samen gelezen.",
	"Ouders geïnformeerd over de extra ondersteuning; zij zijn akkoord.",
	"Startgesprek: ouders vertellen over de interesses en de thuissituatie.",
	"Ouders maken zich zorgen over het leesplezier; afgesproken thuis dagelijks te lezen.",
};
static const char *const child_texts[] = {
	"Kindgesprek: rekenen vindt de leerling moeilijk, de uitleg aan de instructietafel "
	"helpt.",
	"Kindgesprek: voelt zich soms buitengesloten op het plein.",
	"Kindgesprek: wil graag meer uitdaging en kiest een project over de ruimte.",
	"Kindgesprek: vertelt trots over de vooruitgang met lezen.",
	"Kindgesprek: samen een eigen leerdoel voor de komende periode gekozen.",
};
static const char *const note_texts[] = {
	"Drie dagen afwezig wegens ziekte.",
	"Afspraak gemaakt met de logopedist voor een screening.",
	"Werkt deze periode met een koptelefoon tijdens het zelfstandig werken.",
	"Doet op dinsdag mee met de plusgroep.",
	"Nieuwe plaats in de klas, vooraan bij de instructietafel.",
	"Na de vakantie begonnen met een beloningskaart.",
};
static const char *const external_texts[] = {
	"Overleg met de schoolmaatschappelijk werker (SMW) over de thuissituatie.",
	"Logopedie begonnen; eens per week op school.",
	"Verslag van het dyslexieonderzoek ontvangen.",
	"Consultatie met de ondersteuningsspecialist van het samenwerkingsverband.",
	"Contact met de jeugdarts (GGD) over vermoeidheid.",
	"Met ouders besproken dat de huisarts kan verwijzen voor onderzoek naar ADHD.",
};
/* Medical or safeguarding: marked restricted, only the IB'er and admin see them. */
static const char *const restricted_texts[] = {
	"Zorgmelding besproken met de aandachtsfunctionaris; contact met Veilig Thuis.",
	"Medische informatie: epilepsie; het medicatieprotocol ligt op school.",
	"Ouders gaan scheiden; afspraken over wie informatie krijgt vastgelegd.",
};
static const char *const meeting_texts[] = {
	"Besproken in de groepsbespreking; de aanpak in de groep wordt voortgezet.",
	"Besproken in de groepsbespreking: extra instructie blijft nodig.",
	"Besproken in de groepsbespreking; de doelen van deze periode zijn behaald.",
	"Besproken in de groepsbespreking; ouders worden uitgenodigd voor een gesprek.",
};
static const char *const goal_evaluations[] = {
	"", /* open */
	"Doel behaald; de vaardigheid is voldoende geautomatiseerd.",
	"Doel deels behaald; de aanpak wordt nog een periode voortgezet.",
	"Doel niet behaald; de aanpak is aangepast na overleg met de IB’er.",
};

/* Values of plan fields the shipped templates share, by field key. */
static const struct {
	const char *key;
	const char *value;
} plan_texts[] = {
	{"uitstroom", "Vmbo basis- en kaderberoepsgerichte leerweg"},
	{"onderbouwing", "Op basis van de leerresultaten van de afgelopen twee jaar en het "
			 "psychologisch onderzoek."},
	{"bevorderend", "Gemotiveerd, betrokken ouders, werkt goed in een klein groepje."},
	{"belemmerend", "Snel afgeleid, faalangst bij toetsen, beperkt werkgeheugen."},
	{"ondersteuningsbehoeften", "Heeft ondersteuning nodig van een onderwijsassistent bij de "
				    "verwerking en een vaste begeleider."},
	{"afwijkingen", "Eigen leerlijn voor de hoofdvakken; de leerling werkt niet aan alle "
			"doelen van het leerjaar."},
	{"afspraken", "Evaluatie met ouders en leerling na elke toetsperiode; de IB’er plant de "
		      "gesprekken."},
	{"inbreng_leerling", "De leerling vertelt dat uitleg in een klein groepje helpt en wil zelf "
			     "kiezen met welke taak te beginnen."},
	{"inbreng_kind", "De leerling vertelt dat uitleg in een klein groepje helpt en wil zelf "
			 "kiezen met welke taak te beginnen."},
	{"invloed_leerling", "Op verzoek van de leerling is een vaste rustplek in de klas "
			     "afgesproken."},
	{"inbreng_ouders", "Ouders herkennen het beeld en oefenen thuis tien minuten per dag."},
	{"wat_werkt", "Korte instructie, directe feedback en een vaste structuur werken goed."},
	{"middelen", "Materiaal van de methode, extra oefenstof en oefenprogramma’s op de "
		     "computer."},
	{"organisatie", "Instructie in drie niveaus aan de instructietafel; de onderwijsassistent "
			"begeleidt de verwerking."},
};

static const char *const group_subjects[] = {
	"Rekenen", "Technisch lezen", "Begrijpend lezen", "Spelling",
};

/* =================================================================== dates */

static ibis_date ymd(int y, int m, int d)
{
	ibis_date r;
	if (!date_from_ymd(y, m, d, &r))
		date_from_ymd(y, m, 28, &r);
	return r;
}

/* Weekdays outside the summer and Christmas holidays. */
static bool is_school_day(ibis_date d)
{
	if (date_weekday(d) >= 5)
		return false;
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	if ((m == 7 && dd >= 14) || (m == 8 && dd <= 24))
		return false;
	return !((m == 12 && dd >= 23) || (m == 1 && dd <= 3));
}

/* A school day in [a, b], or a itself when the span has none. */
static ibis_date random_school_day(struct rng *r, ibis_date a, ibis_date b)
{
	if (b <= a)
		return a;
	ibis_date d = a;
	for (int i = 0; i < 24; i++) {
		d = a + rng_below(r, b - a + 1);
		if (is_school_day(d))
			return d;
	}
	return d;
}

/* The first school day on or after d. */
static ibis_date next_school_day(ibis_date d)
{
	for (int i = 0; i < 60 && !is_school_day(d); i++)
		d++;
	return d;
}

/* ================================================================ the plan */

struct step {
	int level;       /* position in the school's model */
	ibis_date date;
	int kind;        /* 0 the first episode, 1 up, -1 down */
};

struct dpupil {
	ibis_id id;
	int order;                  /* drawing order, the tie-breaker of every sort */
	int cohort;                 /* jaargroep now: 0 instroom .. 8; 9, 10 left after 8 */
	int origin;
	bool girl;
	const char *first;
	const struct surname *family;
	ibis_date birth, enrolled, left;
	enum leave_destination dest;
	bool newcomer;              /* came from another school mid-way */
	int cls[HISTORY];           /* class index per school year, -1 when none */
	int area;                   /* what the support is about (index in areas) */
	int nsteps;
	struct step steps[MAX_STEPS];
};

struct dclass {
	ibis_id id;
	char name[16];
	enum group_kind kind;
	int jmin, jmax;
	int teacher;     /* index in the school's teachers */
};

struct dschool {
	int index;
	ibis_id id;
	char *name;
	const struct level_model *model;
	const char *town;
	char *ib_login;
	struct strlist teachers;       /* names */
	struct strlist teacher_logins;
	struct dclass *classes[HISTORY];
	int nclasses[HISTORY];
	int npupils;
	struct dpupil *pupils;
	const struct plan_template *group_plan; /* a groepsplan the model names, or NULL */
};

struct gen {
	struct db *db;
	const struct domain *dom;
	struct ibis_error *err;
	struct rng rng;      /* of the school being made */
	ibis_date today;
	int year;            /* the current school year */
	unsigned seed;
	int brin_base;
};

/* The school year of history index h (0 = two years ago). */
static int hist_year(const struct gen *g, int h)
{
	return g->year - (HISTORY - 1) + h;
}

/* A pupil's jaargroep in school year y (may be < 0 or > 8). */
static int jaargroep_in(const struct gen *g, const struct dpupil *p, int y)
{
	return p->cohort - (g->year - y);
}

static bool present_in(const struct gen *g, const struct dpupil *p, int y)
{
	int j = jaargroep_in(g, p, y);
	return j >= 0 && j <= 8 && schoolyear_start(y) <= g->today &&
	       p->enrolled <= schoolyear_end(y) &&
	       (p->left == DATE_NONE || p->left >= schoolyear_start(y));
}

/* s folded to lower-case ASCII letters and digits only, appended to sb. */
static void add_folded(struct strbuf *sb, const char *s)
{
	char *folded = text_fold(s);
	for (const char *r = folded; *r; r++)
		if ((*r >= 'a' && *r <= 'z') || (*r >= '0' && *r <= '9'))
			sb_addc(sb, *r);
	free(folded);
}

/* "anouk.devries": a login made from a name. Caller frees. */
static char *login_of(const char *first, const char *tv, const char *last)
{
	struct strbuf sb = {0};
	add_folded(&sb, first);
	sb_addc(&sb, '.');
	if (tv)
		add_folded(&sb, tv);
	add_folded(&sb, last);
	return sb_take(&sb);
}

/* A teacher or IB'er: "Anouk de Vries"; *first and *family say which.
 * Caller frees. */
static char *adult_name(struct rng *r, const char **first, const struct surname **family)
{
	bool woman = rng_chance(r, 0.8); /* most teachers in primary schools are women */
	const struct origin *o = &origins[rng_chance(r, 0.85) ? 0 : rng_range(r, 1, 6)];
	*first = woman ? o->women[rng_below(r, o->nwomen)] : o->men[rng_below(r, o->nmen)];
	*family = &o->surnames[rng_below(r, o->nsurnames)];
	return xasprintf("%s%s%s %s", *first, (*family)->tv ? " " : "",
			 (*family)->tv ? (*family)->tv : "", (*family)->name);
}

/* ---------------------------------------------------------------- cohorts */

/* Draw birth, enrolment and leaving of one pupil of cohort c. */
static void draw_life(struct gen *g, struct dpupil *p)
{
	struct rng *r = &g->rng;
	int y = g->year, c = p->cohort;
	/* groep j in year y: born 1 October (y-j-4) .. 30 September (y-j-3) */
	ibis_date lo = ymd(y - c - 4, 10, 1), hi = ymd(y - c - 3, 9, 30);
	if (c == 0)
		hi = date_add_years(g->today, -4); /* only who turned 4 by today */
	if (hi < lo)
		hi = lo;
	if (c > 0 && rng_chance(r, 0.03)) { /* doubled a year once */
		lo = date_add_years(lo, -1);
		hi = date_add_years(hi, -1);
	}
	p->birth = lo + rng_below(r, hi - lo + 1);
	/* children start on (the school day after) their fourth birthday */
	p->enrolled = next_school_day(date_add_years(p->birth, 4));
	if (p->enrolled > g->today)
		p->enrolled = g->today;
	p->left = DATE_NONE;
	p->dest = LEAVE_NONE;

	ibis_date window = schoolyear_start(hist_year(g, 0));
	if (c >= 2 && c <= 8 && rng_chance(r, 0.05)) {
		/* came from another school, in groep 1 or later */
		ibis_date from = schoolyear_start(y - c + 1);
		if (from < window)
			from = window;
		if (from < g->today - 14) {
			p->enrolled = random_school_day(r, from, g->today - 14);
			p->newcomer = true;
		}
	} else if (c >= 1 && c <= 8 && rng_chance(r, 0.03)) {
		/* moved away to another school */
		ibis_date from = p->enrolled + 60 > window ? p->enrolled + 60 : window;
		if (from < g->today - 1) {
			p->left = random_school_day(r, from, g->today - 1);
			p->dest = LEAVE_SCHOOL;
		}
	}
	if (c >= 9) { /* left for the VO at the end of groep 8 */
		p->left = schoolyear_end(y - (c - 8));
		p->dest = LEAVE_VO;
	}
}

/* The highest position of the model's first run of regular levels, and the
 * first placement level (0 when none). */
static void model_shape(const struct level_model *m, int *regular, int *placement)
{
	*regular = 0;
	*placement = 0;
	for (int i = 0; i < m->nlevels; i++) {
		if (m->levels[i].kind == LEVEL_REGULAR && *regular == i)
			*regular = i + 1;
		if (m->levels[i].kind == LEVEL_PLACEMENT && !*placement)
			*placement = i + 1;
	}
	if (*regular < 1)
		*regular = 1;
	if (*placement && *placement <= *regular)
		*placement = 0;
}

/* A pupil's level path over the time at school: about 70% stay at level 1,
 * fewer at each higher level, a few are placed elsewhere; some come back
 * down one level when the goals are met. */
static void draw_levels(struct gen *g, const struct dschool *s, struct dpupil *p)
{
	struct rng *r = &g->rng;
	int regular, placement;
	model_shape(s->model, &regular, &placement);

	int aw[8];
	for (int i = 0; i < 8; i++)
		aw[i] = areas[i].weight;
	p->area = rng_weighted(r, aw, 8);
	p->steps[0] = (struct step){1, p->enrolled, 0};
	p->nsteps = 1;

	int target = 1;
	bool placed = false;
	if (regular > 1 && !rng_chance(r, 0.70)) {
		/* fewer pupils at each higher level: weights 1, 0.45, 0.2, ... */
		int lw[MAX_STEPS];
		int n = 0, w = 1000;
		for (int l = 2; l <= regular && n < MAX_STEPS - 2; l++, w = w * 45 / 100)
			lw[n++] = w > 0 ? w : 1;
		target = 2 + rng_weighted(r, lw, n);
		if (placement && target == regular && rng_chance(r, 0.25))
			placed = true;
	}

	ibis_date start = schoolyear_start(hist_year(g, 0)) + 21;
	ibis_date a = p->enrolled + 56 > start ? p->enrolled + 56 : start;
	ibis_date end = p->left != DATE_NONE && p->left < g->today ? p->left : g->today;
	/* kleuters seldom go beyond the first step up, young pupils not far */
	int last_j = jaargroep_in(g, p, schoolyear_of(end));
	int cap = last_j <= 2 ? 2 : last_j <= 4 ? 3 : regular;
	if (last_j <= 2 && target > 1 && rng_chance(r, 0.5))
		target = 1;
	if (target > cap) {
		target = cap;
		placed = false;
	}
	ibis_date b = end - 7;
	int raises = target - 1 + (placed ? 1 : 0);
	int fit = b >= a ? (b - a) / 42 + 1 : 0; /* six weeks at least between steps */
	if (raises > fit) {
		placed = false;
		raises = fit < target - 1 ? fit : target - 1;
	}
	if (raises <= 0)
		return;

	/* raises dates at least 42 days apart: spread the slack at random */
	int slack = (b - a) - 42 * (raises - 1);
	int offs[MAX_STEPS];
	for (int i = 0; i < raises; i++)
		offs[i] = rng_range(r, 0, slack);
	for (int i = 1; i < raises; i++) /* insertion sort: raises is small */
		for (int k = i; k > 0 && offs[k - 1] > offs[k]; k--) {
			int t = offs[k];
			offs[k] = offs[k - 1];
			offs[k - 1] = t;
		}
	for (int i = 0; i < raises; i++) {
		ibis_date d = a + offs[i] + 42 * i;
		int wd = date_weekday(d);
		if (wd >= 5)
			d -= wd - 4; /* meetings are on weekdays: the Friday before */
		int level = placed && i == raises - 1 ? placement : i + 2;
		p->steps[p->nsteps++] = (struct step){level, d, 1};
	}
	ibis_date last = p->steps[p->nsteps - 1].date;
	if (placed) {
		p->left = last;
		p->dest = rng_chance(r, 0.7) ? LEAVE_SBO : LEAVE_SO;
	} else if (b - last >= 84 && rng_chance(r, 0.3)) {
		ibis_date d = random_school_day(r, last + 84, b);
		int down = p->steps[p->nsteps - 1].level - 1;
		if (d > last)
			p->steps[p->nsteps++] = (struct step){down, d, -1};
	}
}

static int cmp_enrolled(const void *x, const void *y)
{
	const struct dpupil *a = x, *b = y;
	if (a->enrolled != b->enrolled)
		return a->enrolled < b->enrolled ? -1 : 1;
	return a->order - b->order;
}

/* Draw every pupil of a school: cohort sizes from random weights (so some
 * cohorts are small enough to share a class), then each pupil's life. */
static void draw_pupils(struct gen *g, struct dschool *s)
{
	struct rng *r = &g->rng;
	double w[NCOHORTS], total = 0;
	for (int c = 0; c < NCOHORTS; c++)
		w[c] = 0.5 + rng_unit(r);
	/* two small cohorts next to each other share a class in a small school
	 * (a "4/5"), and do so again a year later one groep up */
	int small = rng_range(r, 3, 7);
	w[small] = 0.35 + 0.1 * rng_unit(r);
	w[small + 1] = 0.35 + 0.1 * rng_unit(r);
	/* instroom this year: the share of the year since 1 October */
	double f = (double)(g->today - ymd(g->year, 10, 1)) / 365.0;
	w[0] *= f < 0 ? 0 : f > 1 ? 1 : f;
	for (int c = 0; c < NCOHORTS; c++)
		total += w[c];

	s->pupils = xcalloc((size_t)s->npupils, sizeof(*s->pupils));
	double cum = 0;
	int made = 0;
	for (int c = 0; c < NCOHORTS; c++) {
		cum += w[c];
		int upto = c == NCOHORTS - 1 ? s->npupils : (int)(s->npupils * cum / total + 0.5);
		for (; made < upto; made++) {
			struct dpupil *p = &s->pupils[made];
			p->order = made;
			p->cohort = c;
			int ow[ARRAY_LEN(origins)];
			for (size_t i = 0; i < ARRAY_LEN(origins); i++)
				ow[i] = origins[i].weight;
			p->origin = rng_weighted(r, ow, (int)ARRAY_LEN(origins));
			const struct origin *o = &origins[p->origin];
			p->girl = rng_chance(r, 0.5);
			/* a Dutch first name in a family of another origin, now and then */
			const struct origin *fo = rng_chance(r, 0.08) ? &origins[0] : o;
			p->first = p->girl ? fo->girls[rng_below(r, fo->ngirls)]
					   : fo->boys[rng_below(r, fo->nboys)];
			p->family = &o->surnames[rng_below(r, o->nsurnames)];
			for (int h = 0; h < HISTORY; h++)
				p->cls[h] = -1;
			draw_life(g, p);
			draw_levels(g, s, p);
		}
	}
	/* leerlingnummers follow enrolment */
	qsort(s->pupils, (size_t)s->npupils, sizeof(*s->pupils), cmp_enrolled);
}

/* ---------------------------------------------------------------- classes */

static void add_class(struct dschool *s, int h, const char *name, enum group_kind kind, int jmin,
		      int jmax)
{
	int n = s->nclasses[h]++;
	s->classes[h] = xrealloc(s->classes[h], (size_t)s->nclasses[h] * sizeof(struct dclass));
	struct dclass *k = &s->classes[h][n];
	memset(k, 0, sizeof(*k));
	snprintf(k->name, sizeof(k->name), "%s", name);
	k->kind = kind;
	k->jmin = jmin;
	k->jmax = jmax;
	/* the same place in the list keeps its teacher over the years */
	k->teacher = n % (int)s->teachers.len;
}

/* Deal the pupils of jaargroepen jlo..jhi present in year h over classes
 * first .. first+k-1: shuffled within a jaargroep, then dealt in turn, so
 * parallel classes are even and kleuter classes mix groep 1 and 2. */
static void deal(struct gen *g, struct dschool *s, int h, int jlo, int jhi, int first, int k)
{
	int y = hist_year(g, h);
	int *idx = xmalloc((size_t)s->npupils * sizeof(int));
	int turn = 0;
	for (int j = jlo; j <= jhi; j++) {
		int n = 0;
		for (int i = 0; i < s->npupils; i++)
			if (present_in(g, &s->pupils[i], y) && jaargroep_in(g, &s->pupils[i], y) == j)
				idx[n++] = i;
		for (int i = n - 1; i > 0; i--) {
			int x = rng_below(&g->rng, i + 1), t = idx[i];
			idx[i] = idx[x];
			idx[x] = t;
		}
		for (int i = 0; i < n; i++)
			s->pupils[idx[i]].cls[h] = first + (turn++ % k);
	}
	free(idx);
}

/* The classes of one school year. */
static void form_classes(struct gen *g, struct dschool *s, int h)
{
	int y = hist_year(g, h), count[9] = {0};
	for (int i = 0; i < s->npupils; i++)
		if (present_in(g, &s->pupils[i], y))
			count[jaargroep_in(g, &s->pupils[i], y)]++;

	char name[16];
	int kleuters = count[0] + count[1] + count[2];
	if (kleuters > 0) {
		int k = (kleuters + KLEUTER_CLASS - 1) / KLEUTER_CLASS, first = s->nclasses[h];
		int jmin = count[0] ? 0 : count[1] ? 1 : 2, jmax = count[2] ? 2 : count[1] ? 1 : 0;
		for (int i = 0; i < k; i++) {
			if (k == 1)
				snprintf(name, sizeof(name), "1/2");
			else
				snprintf(name, sizeof(name), "1/2%c", 'A' + i);
			add_class(s, h, name, jmax > jmin ? GROUP_COMBINATION : GROUP_REGULAR, jmin,
				  jmax);
		}
		deal(g, s, h, 0, 2, first, k);
	}
	for (int j = 3; j <= 8; j++) {
		if (!count[j])
			continue;
		int first = s->nclasses[h];
		if (j < 8 && count[j] < COMBINE_BELOW && count[j + 1] > 0 &&
		    count[j + 1] < COMBINE_BELOW && count[j] + count[j + 1] <= CLASS_SIZE) {
			snprintf(name, sizeof(name), "%d/%d", j, j + 1);
			add_class(s, h, name, GROUP_COMBINATION, j, j + 1);
			deal(g, s, h, j, j + 1, first, 1);
			j++;
			continue;
		}
		int k = (count[j] + CLASS_SIZE - 1) / CLASS_SIZE;
		for (int i = 0; i < k; i++) {
			if (k == 1)
				snprintf(name, sizeof(name), "%d", j);
			else
				snprintf(name, sizeof(name), "%d%c", j, 'A' + i);
			add_class(s, h, name, GROUP_REGULAR, j, j);
		}
		deal(g, s, h, j, j, first, k);
	}
}

/* ============================================================== db writes */

static enum ibis_status insert_school(struct gen *g, struct dschool *s, const char *model_id)
{
	struct rng *r = &g->rng;
	int n = (int)ARRAY_LEN(school_names);
	/* names in an order of this seed, each used once per location */
	int pick = (int)((s->index + (int)(g->seed % (unsigned)n)) % n);
	int round = s->index / n;
	if (round == 0)
		s->name = xstrdup(school_names[pick]);
	else if (round <= (int)ARRAY_LEN(locations))
		s->name = xasprintf("%s %s", school_names[pick], locations[round - 1]);
	else
		s->name = xasprintf("%s locatie %d", school_names[pick], round);
	s->town = PICK(r, towns);

	/* BRIN: 2 digits, 2 letters, vestiging 00; a step coprime with 100*26*26
	 * keeps them unique for every school of the set */
	int code = (g->brin_base + s->index * 7919) % 67600;
	char brin[8];
	snprintf(brin, sizeof(brin), "%02d%c%c00", code % 100, 'A' + (code / 100) % 26,
		 'A' + (code / 2600) % 26);

	const struct surname *fam;
	const char *first;
	free(adult_name(r, &first, &fam));
	s->ib_login = login_of(first, fam->tv, fam->name);
	for (int i = 0; i < 48; i++) {
		sl_take(&s->teachers, adult_name(r, &first, &fam));
		sl_take(&s->teacher_logins, login_of(first, fam->tv, fam->name));
	}

	struct school rec = {
		.name = s->name,
		.brin = brin,
		.level_model = (char *)model_id,
		.groepsbesprekingen = 3,
	};
	enum ibis_status st = db_school_insert(g->db, &rec, g->err);
	s->id = rec.id;
	return st;
}

/* One or two parents, both with gezag. */
static enum ibis_status insert_guardians(struct gen *g, const struct dpupil *p)
{
	struct rng *r = &g->rng;
	const struct origin *o = &origins[p->origin];
	bool mother_first = rng_chance(r, 0.75);
	int n = rng_chance(r, 0.8) ? 2 : 1;
	for (int k = 0; k < n; k++) {
		bool mother = k == 0 ? mother_first : !mother_first;
		const char *first = mother ? o->women[rng_below(r, o->nwomen)]
					   : o->men[rng_below(r, o->nmen)];
		/* mothers keep their own name about half of the time */
		const struct surname *fam = mother && rng_chance(r, 0.5)
			? &o->surnames[rng_below(r, o->nsurnames)] : p->family;
		char *name = xasprintf("%s%s%s %s", first, fam->tv ? " " : "",
				       fam->tv ? fam->tv : "", fam->name);
		char *login = login_of(first, fam->tv, fam->name);
		char *email = xasprintf("%s@example.nl", login);
		char phone[16];
		snprintf(phone, sizeof(phone), "06-%08d", rng_range(r, 10000000, 99999999));
		struct guardian rec = {
			.pupil_id = p->id,
			.name = name,
			.relation = mother ? "moeder" : "vader",
			.gezag = true,
			.phone = phone,
			.email = email,
		};
		enum ibis_status st = db_guardian_insert(g->db, &rec, g->err);
		free(name);
		free(login);
		free(email);
		if (st != IBIS_OK)
			return st;
	}
	return IBIS_OK;
}

static enum ibis_status insert_pupils(struct gen *g, struct dschool *s)
{
	struct rng *r = &g->rng;
	int base = 1000 * rng_range(r, 1, 89);
	for (int i = 0; i < s->npupils; i++) {
		struct dpupil *p = &s->pupils[i];
		char number[16], address[160];
		snprintf(number, sizeof(number), "%d", base + i + 1);
		/* one draw per statement: the order of evaluation of arguments is
		 * unspecified, and the data must not depend on the compiler */
		const char *street = PICK(r, streets);
		int house = rng_range(r, 1, 180);
		int postcode = rng_range(r, 1000, 9999);
		char l1 = (char)('A' + rng_below(r, 18));
		char l2 = (char)('A' + rng_below(r, 18));
		snprintf(address, sizeof(address), "%s %d, %04d %c%c %s", street, house, postcode,
			 l1, l2, s->town);
		struct pupil rec = {
			.school_id = s->id,
			.number = number,
			.first_name = (char *)p->first,
			.tussenvoegsel = (char *)p->family->tv,
			.last_name = (char *)p->family->name,
			.birth_date = p->birth,
			.address = address,
			.enrolled = p->enrolled,
			.left = p->left,
			.destination = p->dest,
		};
		enum ibis_status st = db_pupil_insert(g->db, &rec, g->err);
		if (st != IBIS_OK)
			return st;
		p->id = rec.id;

		st = insert_guardians(g, p);
		if (st != IBIS_OK)
			return st;
	}
	return IBIS_OK;
}

static enum ibis_status insert_groups(struct gen *g, struct dschool *s)
{
	enum ibis_status st;
	for (int h = 0; h < HISTORY; h++) {
		if (schoolyear_start(hist_year(g, h)) > g->today)
			continue;
		form_classes(g, s, h);
		for (int i = 0; i < s->nclasses[h]; i++) {
			struct dclass *k = &s->classes[h][i];
			struct group rec = {
				.school_id = s->id,
				.name = k->name,
				.school_year = hist_year(g, h),
				.kind = k->kind,
				.jaargroep_min = k->jmin,
				.jaargroep_max = k->jmax,
			};
			if ((st = db_group_insert(g->db, &rec, g->err)) != IBIS_OK)
				return st;
			k->id = rec.id;
			st = db_group_add_teacher(g->db, k->id, s->teachers.items[k->teacher], 0, g->err);
			if (st != IBIS_OK)
				return st;
			if (rng_chance(&g->rng, 0.3)) { /* a duo */
				int duo = (k->teacher + 24) % (int)s->teachers.len;
				st = db_group_add_teacher(g->db, k->id, s->teachers.items[duo], 0, g->err);
				if (st != IBIS_OK)
					return st;
			}
		}
	}
	for (int i = 0; i < s->npupils; i++) {
		const struct dpupil *p = &s->pupils[i];
		for (int h = 0; h < HISTORY; h++) {
			if (p->cls[h] < 0)
				continue;
			int j = jaargroep_in(g, p, hist_year(g, h));
			st = db_group_add_member(g->db, s->classes[h][p->cls[h]].id, p->id, j, g->err);
			if (st != IBIS_OK)
				return st;
		}
	}
	return IBIS_OK;
}

/* ----------------------------------------------------------------- events */

/* The teacher of the pupil's class on day d, else the school's IB'er. */
static const char *teacher_at(const struct gen *g, const struct dschool *s,
			      const struct dpupil *p, ibis_date d)
{
	int h = schoolyear_of(d) - hist_year(g, 0);
	if (h < 0 || h >= HISTORY || p->cls[h] < 0)
		return s->ib_login;
	return s->teacher_logins.items[s->classes[h][p->cls[h]].teacher];
}

/* The support level of the pupil on day d. */
static int level_at(const struct dpupil *p, ibis_date d)
{
	int level = 1;
	for (int i = 0; i < p->nsteps && p->steps[i].date <= d; i++)
		level = p->steps[i].level;
	return level;
}

static enum ibis_status add_event(struct gen *g, const struct dpupil *p, const char *kind,
				  ibis_date d, const char *author, const char *text, bool restricted)
{
	struct event e = {
		.pupil_id = p->id,
		.kind = (char *)kind,
		.date = d,
		.author = (char *)author,
		.text = (char *)text,
		.restricted = restricted,
	};
	return db_event_insert(g->db, &e, g->err);
}

static const char *const roman[] = {"I", "II", "III", "IV", "V"};
static const char *const letters[] = {"A", "B", "C", "D", "E"};
static const char *const avi_levels[] = {
	"Start", "M3", "E3", "M4", "E4", "M5", "E5", "M6", "E6", "M7", "E7", "Plus",
};
static const char *const cito_subjects[] = {
	"Rekenen-Wiskunde", "Begrijpend lezen", "Spelling", "Technisch lezen",
};

/* A test result at the M (January) or E (June) moment of the school year of
 * d. Returns IBIS_OK without writing when the pupil was not there or is a
 * kleuter then; *made tells. */
static enum ibis_status add_toets(struct gen *g, const struct dschool *s, const struct dpupil *p,
				  ibis_date d, ibis_date lo, ibis_date hi, bool *made)
{
	struct rng *r = &g->rng;
	*made = false;
	int sy = schoolyear_of(d), m, y, dd;
	date_to_ymd(d, &y, &m, &dd);
	bool mid = m >= 8 || m <= 3;
	int offset = rng_range(r, 0, mid ? 24 : 18);
	ibis_date when = next_school_day((mid ? ymd(sy + 1, 1, 15) : ymd(sy + 1, 6, 1)) + offset);
	int j = jaargroep_in(g, p, sy);
	if (j < 3 || j > 8 || when < lo || when > hi)
		return IBIS_OK;

	/* pupils with more support score lower more often */
	int idx = rng_below(r, 5);
	if (rng_chance(r, 0.6))
		idx += level_at(p, when) - 1;
	if (idx > 4)
		idx = 4;
	char moment[8], score[24];
	snprintf(moment, sizeof(moment), "%c%d", mid ? 'M' : 'E', j);
	int noise = rng_range(r, -3, 3);
	const char *toets, *subject, *niveau;
	int kind = j <= 5 ? rng_below(r, 5) : 4; /* DMT and AVI for the young readers */
	if (kind == 0) {
		toets = "DMT";
		subject = "Technisch lezen";
		int words = 10 + 12 * (j - 2) + (2 - idx) * 6 + noise;
		snprintf(score, sizeof(score), "%d", words < 3 ? 3 : words);
		niveau = letters[idx];
	} else if (kind == 1) {
		toets = "AVI";
		subject = "Technisch lezen";
		int level = 2 * (j - 3) + (mid ? 1 : 2) - (idx - 2);
		level = level < 0 ? 0 : level > 11 ? 11 : level;
		snprintf(score, sizeof(score), "AVI-%s", avi_levels[level]);
		niveau = NULL; /* AVI gives a level, no niveau */
	} else {
		toets = "Cito LVS";
		subject = PICK(r, cito_subjects);
		int v = 120 + 12 * j + (mid ? 0 : 5) + (2 - idx) * 7 + noise;
		snprintf(score, sizeof(score), "%d", v);
		niveau = roman[idx];
	}
	char *text = niveau ? xasprintf("%s %s %s: %s (%s)", toets, subject, moment, score, niveau)
			    : xasprintf("%s %s %s: %s", toets, subject, moment, score);
	struct event e = {
		.pupil_id = p->id,
		.kind = "toets",
		.date = when,
		.author = (char *)teacher_at(g, s, p, when),
		.text = text,
		.toets = (char *)toets,
		.vakgebied = (char *)subject,
		.moment = moment,
		.score = score,
		.niveau = (char *)niveau,
	};
	enum ibis_status st = db_event_insert(g->db, &e, g->err);
	free(text);
	*made = st == IBIS_OK;
	return st;
}

enum { EV_OBSERVATIE, EV_TOETS, EV_OUDER, EV_KIND, EV_NOTITIE, EV_EXTERN, EV_BESPREKING, EV_N };

/* The pupil's timeline: a meeting note and a talk with the parents at every
 * level change, and about three other events a school year. */
static enum ibis_status insert_events(struct gen *g, const struct dschool *s,
				      const struct dpupil *p)
{
	struct rng *r = &g->rng;
	enum ibis_status st;
	ibis_date lo = schoolyear_start(hist_year(g, 0));
	if (p->enrolled > lo)
		lo = p->enrolled;
	ibis_date hi = p->left != DATE_NONE && p->left < g->today ? p->left : g->today;
	if (hi < lo)
		return IBIS_OK;

	for (int i = 1; i < p->nsteps; i++) {
		const struct step *sp = &p->steps[i];
		const struct level *to = levelmodel_level(s->model, sp->level);
		const struct level *from = levelmodel_level(s->model, p->steps[i - 1].level);
		const char *meeting = sp->kind > 0 ? to->meeting : from->meeting;
		char *text = xasprintf("Besluit%s%s: naar %s (%s).", meeting ? " " : "",
				       meeting ? meeting : "", to->short_name, to->name);
		st = add_event(g, p, "bespreking", sp->date, s->ib_login, text, false);
		free(text);
		if (st != IBIS_OK)
			return st;
		ibis_date talk = next_school_day(sp->date + rng_range(r, 1, 10));
		if (talk <= hi && rng_chance(r, 0.7)) {
			text = xasprintf("Gesprek met ouders over de stap naar %s; zij zijn "
					 "geïnformeerd en akkoord.", to->short_name);
			st = add_event(g, p, "oudergesprek", talk, s->ib_login, text, false);
			free(text);
			if (st != IBIS_OK)
				return st;
		}
	}

	int top = 1;
	for (int i = 0; i < p->nsteps; i++)
		if (p->steps[i].level > top)
			top = p->steps[i].level;
	double years = (double)(hi - lo) / 365.0;
	double rate = 2.9 + 1.2 * rng_unit(r) + 0.8 * (top - 1);
	int n = (int)(years * rate + rng_unit(r));
	int weights[EV_N] = {30, 30, 12, 8, 12, 4 + (top >= 3 ? 8 : 0), 4};
	for (int i = 0; i < n; i++) {
		int kind = rng_weighted(r, weights, EV_N);
		ibis_date d = random_school_day(r, lo, hi);
		if (kind == EV_TOETS) {
			bool made;
			if ((st = add_toets(g, s, p, d, lo, hi, &made)) != IBIS_OK)
				return st;
			if (made)
				continue;
			kind = EV_OBSERVATIE;
		}
		const char *teacher = teacher_at(g, s, p, d);
		switch (kind) {
		case EV_OBSERVATIE: {
			int j = jaargroep_in(g, p, schoolyear_of(d));
			const char *text = j <= 2 ? PICK(r, obs_kleuter_texts) : PICK(r, obs_texts);
			st = add_event(g, p, "observatie", d, teacher, text, false);
			break;
		}
		case EV_OUDER: {
			const char *text = PICK(r, parent_texts);
			const char *who = rng_chance(r, 0.6) ? teacher : s->ib_login;
			st = add_event(g, p, "oudergesprek", d, who, text, false);
			break;
		}
		case EV_KIND:
			st = add_event(g, p, "kindgesprek", d, teacher, PICK(r, child_texts), false);
			break;
		case EV_NOTITIE: {
			const char *text = PICK(r, note_texts);
			const char *who = rng_chance(r, 0.5) ? teacher : s->ib_login;
			st = add_event(g, p, "notitie", d, who, text, false);
			break;
		}
		case EV_EXTERN:
			if (rng_chance(r, 0.1))
				st = add_event(g, p, "extern", d, s->ib_login, PICK(r, restricted_texts),
					       true);
			else
				st = add_event(g, p, "extern", d, s->ib_login, PICK(r, external_texts),
					       false);
			break;
		default:
			st = add_event(g, p, "bespreking", d, s->ib_login, PICK(r, meeting_texts),
				       false);
			break;
		}
		if (st != IBIS_OK)
			return st;
	}
	return IBIS_OK;
}

/* ------------------------------------------------------------------ plans */

struct plan_ctx {
	const struct area *area;   /* NULL for a group plan */
	const char *subject;
	const struct level *level; /* NULL for a group plan */
	bool closed;
	enum goal_result result;
	ibis_date start, end, eval;
	bool second_half;          /* group plan: February to June */
};

static const char generic_text[] =
	"Besproken met leerkracht, ouders en IB’er; zie het verslag van de bespreking.";

/* The value of a text field, or NULL to leave it empty. Caller frees. */
static char *field_text(const struct plan_ctx *c, const struct plan_field *f)
{
	const char *k = f->key;
	if (!strcmp(k, "vakgebied") || !strcmp(k, "gebied"))
		return xstrdup(c->subject);
	if (!strcmp(k, "evaluatie"))
		return c->closed ? xstrdup(c->area ? goal_evaluations[c->result]
					  : "De meeste doelen zijn behaald; de aanpak wordt "
					    "voortgezet.")
				 : NULL;
	if (!c->area) { /* a group plan */
		if (!strcmp(k, "periode"))
			return xstrdup(c->second_half ? "februari tot en met juni"
						      : "september tot en met januari");
		if (!strcmp(k, "beginsituatie"))
			return xasprintf("Na de %s-toets liggen de meeste leerlingen op koers; een "
					 "groepje heeft verlengde instructie nodig.",
					 c->second_half ? "M" : "E");
		if (!strcmp(k, "onderwijsbehoeften"))
			return xstrdup("De groep heeft behoefte aan duidelijke instructie in korte "
				       "stappen en aan samenwerkend leren.");
		if (!strcmp(k, "aanpak"))
			return xstrdup("Instructie volgens het directe-instructiemodel in drie "
				       "niveaus: verkorte, basis- en verlengde instructie.");
	} else {
		int tier = c->level->position - 2;
		tier = tier < 0 ? 0 : tier > 2 ? 2 : tier;
		if (!strcmp(k, "aanleiding") || !strcmp(k, "beginsituatie"))
			return xstrdup(c->area->reason[tier]);
		if (!strcmp(k, "hulpvraag"))
			return xasprintf("Hoe ondersteunen we de leerling het best bij %s?",
					 c->area->topic);
		if (!strcmp(k, "onderwijsbehoeften"))
			return xstrdup(c->area->need);
		if (!strcmp(k, "aanpak") || !strcmp(k, "ingezet"))
			return xstrdup(c->area->approach);
		if (!strcmp(k, "beeld"))
			return xasprintf("Vrolijke, betrokken leerling die hulp nodig heeft bij %s.",
					 c->area->topic);
		if (!strcmp(k, "betrokkenen"))
			return xstrdup(c->level->betrokken ? c->level->betrokken
							   : "Leerkracht, IB’er en ouders.");
		if (!strcmp(k, "periode")) {
			char a[DATE_NL_LEN], b[DATE_NL_LEN];
			return xasprintf("%s tot %s", date_format_nl(c->start, a),
					 date_format_nl(c->end != DATE_NONE ? c->end : c->eval, b));
		}
	}
	for (size_t i = 0; i < ARRAY_LEN(plan_texts); i++)
		if (!strcmp(k, plan_texts[i].key))
			return xstrdup(plan_texts[i].value);
	return f->required ? xstrdup(generic_text) : NULL;
}

static enum ibis_status insert_goals(struct gen *g, ibis_id plan_id, const struct plan_ctx *c)
{
	struct rng *r = &g->rng;
	int area = c->area ? (int)(c->area - areas) + 1 : !strcmp(c->subject, "Rekenen") ? 2 : 1;
	int n = rng_chance(r, 0.5) ? 2 : 1;
	for (int i = 0; i < n; i++) {
		bool long_term = i == 1;
		char *text;
		if (c->area)
			text = xstrdup(long_term ? c->area->goal_long
						 : c->area->goal_short[rng_below(r, 2)]);
		else
			text = xasprintf(long_term ? "Aan het eind van het schooljaar haalt 80%% van "
						     "de groep minimaal niveau III bij %s."
						   : "De leerlingen met verlengde instructie beheersen "
						     "de doelen van dit blok %s.",
					 c->subject);
		enum goal_result result = GOAL_OPEN;
		if (c->closed)
			result = i == 0 ? c->result : (enum goal_result)rng_range(r, 1, 3);
		struct goal rec = {
			.plan_id = plan_id,
			.area = area,
			.long_term = long_term,
			.text = text,
			.target = long_term ? schoolyear_end(schoolyear_of(c->start))
					    : (c->end != DATE_NONE ? c->end : c->eval),
			.result = result,
			.evaluation = result == GOAL_OPEN ? NULL : (char *)goal_evaluations[result],
		};
		enum ibis_status st = db_goal_insert(g->db, &rec, g->err);
		free(text);
		if (st != IBIS_OK)
			return st;
	}
	return IBIS_OK;
}

/* Fill the plan's fields from its template: goals as goal rows, every
 * required field and the optional ones a demo has a text for. */
static enum ibis_status fill_plan(struct gen *g, ibis_id plan_id, const struct plan_template *t,
				  const struct plan_ctx *c)
{
	enum ibis_status st = IBIS_OK;
	bool goals = false;
	for (int i = 0; i < t->nfields && st == IBIS_OK; i++) {
		const struct plan_field *f = &t->fields[i];
		char *value = NULL;
		switch (f->type) {
		case FIELD_GOALS:
			if (!goals)
				st = insert_goals(g, plan_id, c);
			goals = true;
			continue;
		case FIELD_PUPILS:
			continue; /* instruction groups are made in the plan editor */
		case FIELD_DATE:
			if (c->eval != DATE_NONE) {
				value = xmalloc(DATE_ISO_LEN);
				date_format_iso(c->eval, value);
			}
			break;
		case FIELD_CHOICE: {
			int n = (int)f->choices.len, pick = 0;
			if (!strcmp(f->key, "variant"))
				pick = c->level && c->level->position >= 3 ? 1 : 0;
			else if (c->closed)
				pick = c->result == GOAL_MET ? 0 : 1;
			else if (!f->required)
				continue;
			if (n > 0)
				value = xstrdup(f->choices.items[pick < n ? pick : n - 1]);
			break;
		}
		default:
			value = field_text(c, f);
			break;
		}
		if (value)
			st = db_plan_set_field(g->db, plan_id, f->key, value, g->err);
		free(value);
	}
	return st;
}

/* The first template of ids that exists and is for one pupil, or NULL. */
static const struct plan_template *first_pupil_template(const struct gen *g,
							const struct strlist *ids)
{
	for (size_t i = 0; i < ids->len; i++) {
		const struct plan_template *t = domain_plan(g->dom, ids->items[i]);
		if (t && !t->for_group)
			return t;
	}
	return NULL;
}

/* The template of a pupil plan the model expects at a level, or NULL. A
 * model that names no pupil plan at any level (seed 000's four levels leave
 * the paperwork to the school) would make a demo without plans; there the
 * demo takes what the level requires (an OPP, a groeidocument) or else an
 * individual handelingsplan above level 1, when the data folder has them. */
static const struct plan_template *pupil_template(const struct gen *g,
						  const struct level_model *m, const struct level *l)
{
	const struct plan_template *t = first_pupil_template(g, &l->plans);
	if (t)
		return t;
	for (int i = 0; i < m->nlevels; i++)
		if (first_pupil_template(g, &m->levels[i].plans))
			return NULL; /* the model does name plans, just not here */
	if (l->position < 2 || l->kind != LEVEL_REGULAR)
		return NULL;
	const char *id = l->requires & LEVEL_REQ_OPP ? "opp"
			 : l->requires & LEVEL_REQ_GROEIDOCUMENT ? "groeidocument" : "ihp";
	t = domain_plan(g->dom, id);
	return t && !t->for_group ? t : NULL;
}

/* The plans of one level episode: an OOP-like plan (max_weeks) is followed
 * by the next one until the episode ends; an OPP-like one (evaluated every
 * eval_months) runs on with its next evaluation date. */
static enum ibis_status insert_episode_plans(struct gen *g, const struct dschool *s,
					     const struct dpupil *p, int step)
{
	struct rng *r = &g->rng;
	const struct level *l = levelmodel_level(s->model, p->steps[step].level);
	const struct plan_template *t = pupil_template(g, s->model, l);
	if (!t || l->kind == LEVEL_PLACEMENT)
		return IBIS_OK;
	ibis_date ep_end = step + 1 < p->nsteps ? p->steps[step + 1].date : DATE_NONE;
	bool gone = p->left != DATE_NONE && p->left <= g->today;
	ibis_date limit = ep_end != DATE_NONE ? ep_end : gone ? p->left : g->today;
	bool over = ep_end != DATE_NONE || gone;
	ibis_date start = next_school_day(p->steps[step].date + rng_range(r, 3, 20));

	for (int cycle = 1; start <= limit && start <= g->today && cycle <= 3; cycle++) {
		struct plan_ctx c = {
			.area = &areas[p->area],
			.subject = areas[p->area].subject,
			.level = l,
			.start = start,
			.end = DATE_NONE,
			.eval = DATE_NONE,
		};
		bool repeat = true;
		if (t->max_weeks > 0) {
			int lo = t->max_weeks > 4 ? t->max_weeks - 2 : 1;
			c.end = start + 7 * rng_range(r, lo, t->max_weeks);
			c.eval = c.end;
		} else if (t->eval_months > 0) {
			c.eval = date_add_months(start, t->eval_months);
			while (c.eval < limit)
				c.eval = date_add_months(c.eval, t->eval_months);
			if (over)
				c.end = limit;
			repeat = false;
		} else {
			c.end = start + 7 * rng_range(r, 8, 12);
			c.eval = c.end;
			repeat = rng_chance(r, 0.5);
		}

		enum plan_status status;
		int res = rng_below(r, 100);
		c.result = res < 55 ? GOAL_MET : res < 85 ? GOAL_PARTLY : GOAL_NOT_MET;
		if (c.end != DATE_NONE && c.end < g->today) {
			/* a recent plan with no follow-up whose evaluation is still
			 * waiting: something for the signal list */
			bool followed = repeat && cycle < 3 && c.end + 14 < limit;
			bool overdue = !over && !followed && c.end > g->today - 56 &&
				       rng_chance(r, 0.4);
			status = overdue ? PLAN_ACTIVE
					 : rng_chance(r, 0.7) ? PLAN_CLOSED : PLAN_EVALUATED;
		} else if (start > g->today - 14 && rng_chance(r, 0.3)) {
			status = PLAN_CONCEPT;
		} else {
			status = PLAN_ACTIVE;
		}
		c.closed = status == PLAN_CLOSED || status == PLAN_EVALUATED;

		char *title = cycle > 1 ? xasprintf("%s %s (%d)", t->short_name, c.area->topic, cycle)
					: xasprintf("%s %s", t->short_name, c.area->topic);
		struct plan rec = {
			.template_id = t->id,
			.pupil_id = p->id,
			.title = title,
			.status = status,
			.start = start,
			.end = c.end,
			.eval_date = c.eval,
			.author = s->ib_login,
			.due = DATE_NONE,
			.agreed = c.closed || status == PLAN_ACTIVE ? start : DATE_NONE,
			.evaluated = c.closed ? c.eval : DATE_NONE,
		};
		enum ibis_status st = db_plan_insert(g->db, &rec, g->err);
		free(title);
		if (st == IBIS_OK)
			st = fill_plan(g, rec.id, t, &c);
		if (st != IBIS_OK)
			return st;
		if (!repeat || c.end == DATE_NONE)
			break;
		start = next_school_day(c.end + rng_range(r, 1, 14));
	}
	return IBIS_OK;
}

/* A groepsplan per class and half year, for a model that names one. */
static enum ibis_status insert_group_plans(struct gen *g, const struct dschool *s)
{
	const struct plan_template *t = s->group_plan;
	if (!t)
		return IBIS_OK;
	for (int h = 0; h < HISTORY; h++) {
		int y = hist_year(g, h);
		for (int i = 0; i < s->nclasses[h]; i++) {
			const struct dclass *k = &s->classes[h][i];
			for (int half = 0; half < 2; half++) {
				ibis_date start = next_school_day(half ? ymd(y + 1, 2, 1)
								       : schoolyear_start(y) + 40);
				if (start > g->today)
					continue;
				struct plan_ctx c = {
					.subject = group_subjects[(i + h) % ARRAY_LEN(group_subjects)],
					.start = start,
					.end = half ? ymd(y + 1, 7, 3) : ymd(y + 1, 1, 31),
					.second_half = half == 1,
				};
				c.eval = c.end;
				c.closed = c.end < g->today;
				int res = rng_below(&g->rng, 100);
				c.result = res < 60 ? GOAL_MET : res < 90 ? GOAL_PARTLY : GOAL_NOT_MET;
				char *title = xasprintf("%s %s %s", t->short_name, c.subject, k->name);
				struct plan rec = {
					.template_id = t->id,
					.group_id = k->id,
					.title = title,
					.status = c.closed ? PLAN_CLOSED : PLAN_ACTIVE,
					.start = c.start,
					.end = c.end,
					.eval_date = c.eval,
					.author = s->ib_login,
					.due = DATE_NONE,
					.agreed = DATE_NONE,
					.evaluated = c.closed ? c.eval : DATE_NONE,
				};
				enum ibis_status st = db_plan_insert(g->db, &rec, g->err);
				free(title);
				if (st == IBIS_OK)
					st = fill_plan(g, rec.id, t, &c);
				if (st != IBIS_OK)
					return st;
			}
		}
	}
	return IBIS_OK;
}

/* ---------------------------------------------------------------- levels */

/* The TLV that goes with a placement on SBO/SO, from the day of the step for
 * the model's longest term (two years where the model says nothing). Drawn
 * from nothing random, so that the rest of a seed's demo stays the same. */
static enum ibis_status insert_tlv(struct gen *g, const struct dschool *s,
				   const struct dpupil *p, ibis_date start)
{
	struct arrangement a = {
		.pupil_id = p->id,
		.kind = ARRANGEMENT_TLV,
		.start = start,
		.end = DATE_NONE,
		.description = p->dest == LEAVE_SO ? "Plaatsing in het speciaal onderwijs (SO)."
						   : "Plaatsing in het speciaal basisonderwijs (SBO).",
	};
	ibis_date last = DATE_NONE;
	free(arrangement_check(s->model, &a, &last)); /* only for the model's term */
	a.end = last != DATE_NONE ? last : date_add_days(date_add_years(start, 2), -1);
	int y, m, d;
	date_to_ymd(start, &y, &m, &d);
	char reference[32];
	snprintf(reference, sizeof(reference), "TLV-%d-%06lld", y, (long long)p->id);
	a.reference = reference;
	return db_arrangement_insert(g->db, &a, g->err);
}

static enum ibis_status insert_levels(struct gen *g, const struct dschool *s,
				      const struct dpupil *p)
{
	for (int i = 0; i < p->nsteps; i++) {
		const struct step *sp = &p->steps[i];
		const struct level *l = levelmodel_level(s->model, sp->level);
		const char *reason, *meeting = NULL;
		if (sp->kind == 0) {
			reason = p->newcomer ? "Zij-instroom vanuit een andere basisschool."
					     : "Instroom op school; basisaanbod in de groep.";
		} else if (sp->kind > 0) {
			int tier = sp->level - 2;
			reason = l->kind == LEVEL_PLACEMENT
					 ? placement_reasons[(p->order + i) % ARRAY_LEN(placement_reasons)]
					 : areas[p->area].reason[tier > 2 ? 2 : tier];
			meeting = l->meeting;
		} else {
			reason = lower_reasons[(p->order + i) % ARRAY_LEN(lower_reasons)];
			meeting = levelmodel_level(s->model, p->steps[i - 1].level)->meeting;
		}
		struct level_episode e = {
			.pupil_id = p->id,
			.model = s->model->id,
			.level = sp->level,
			.start = sp->date,
			.end = DATE_NONE,
			.reason = (char *)reason,
			.meeting = (char *)meeting,
			.regie = l->regie,
			.betrokkenen = l->betrokken,
			.author = s->ib_login,
		};
		enum ibis_status st = db_level_insert(g->db, &e, g->err);
		if (st == IBIS_OK && l->kind == LEVEL_PLACEMENT)
			st = insert_tlv(g, s, p, sp->date);
		if (st == IBIS_OK)
			st = insert_episode_plans(g, s, p, i);
		if (st != IBIS_OK)
			return st;
	}
	return IBIS_OK;
}

/* ================================================================ schools */

static void school_free(struct dschool *s)
{
	free(s->name);
	free(s->ib_login);
	sl_free(&s->teachers);
	sl_free(&s->teacher_logins);
	for (int h = 0; h < HISTORY; h++)
		free(s->classes[h]);
	free(s->pupils);
	memset(s, 0, sizeof(*s));
}

/* The template of a group plan the model names at any level, or NULL. */
static const struct plan_template *group_template(const struct gen *g,
						  const struct level_model *m)
{
	for (int i = 0; i < m->nlevels; i++)
		for (size_t k = 0; k < m->levels[i].plans.len; k++) {
			const struct plan_template *t = domain_plan(g->dom, m->levels[i].plans.items[k]);
			if (t && t->for_group)
				return t;
		}
	return NULL;
}

static enum ibis_status make_school(struct gen *g, struct dschool *s)
{
	enum ibis_status st = insert_school(g, s, s->model->id);
	if (st != IBIS_OK)
		return st;
	s->group_plan = group_template(g, s->model);
	draw_pupils(g, s);
	if ((st = insert_pupils(g, s)) != IBIS_OK || (st = insert_groups(g, s)) != IBIS_OK)
		return st;
	for (int i = 0; i < s->npupils; i++) {
		const struct dpupil *p = &s->pupils[i];
		if ((st = insert_levels(g, s, p)) != IBIS_OK || (st = insert_events(g, s, p)) != IBIS_OK)
			return st;
	}
	if ((st = insert_group_plans(g, s)) != IBIS_OK)
		return st;
	return demo_school_side(g->db, g->dom, s->id, g->year, (unsigned)rng_next(&g->rng), g->err);
}

/* The stream of school i: splitmix64 of the seed and the index, so schools do
 * not share draws. */
static uint64_t school_stream(unsigned seed, int i)
{
	struct rng r = {((uint64_t)seed << 32) ^ (uint64_t)(unsigned)i ^ 0x1B15DE7110ULL};
	return rng_next(&r);
}

enum ibis_status demo_generate(struct db *db, const struct domain *dom,
			       const struct demo_options *opt, const char *default_model,
			       struct ibis_error *err)
{
	int total = opt->pupils > 0 ? opt->pupils : DEFAULT_PUPILS;
	const char *first_id = !str_empty(opt->level_model) ? opt->level_model : default_model;
	const struct level_model *first = str_empty(first_id) ? NULL : domain_model(dom, first_id);
	if (!first)
		return ibis_fail(err, IBIS_EINPUT, "Onbekend niveaumodel ‘%s’ voor de demo.",
				 first_id ? first_id : "");
	if (db_count_rows(db, "schools") != 0 || db_count_rows(db, "pupils") != 0)
		return ibis_fail(err, IBIS_EINPUT,
				 "De database is niet leeg; een demo komt alleen in een nieuwe "
				 "database.");

	struct gen g = {
		.db = db,
		.dom = dom,
		.err = err,
		.today = date_today(),
		.seed = opt->seed,
	};
	g.year = schoolyear_of(g.today);
	struct rng master = {school_stream(opt->seed, -1)};
	g.brin_base = rng_below(&master, 67600);

	/* one school for a small set, else schools of about SCHOOL_SIZE */
	int nschools = total < SCHOOL_SIZE + SCHOOL_SIZE / 2 ? 1 : (total + SCHOOL_SIZE / 2) / SCHOOL_SIZE;
	int *sizes = xcalloc((size_t)nschools, sizeof(int));
	for (int i = 0; i < nschools; i++)
		sizes[i] = total / nschools + (i < total % nschools ? 1 : 0);
	for (int i = 0; i + 1 < nschools; i += 2) { /* pairs keep the sum exact */
		int d = rng_range(&master, 0, sizes[i] / 5);
		sizes[i] += d;
		sizes[i + 1] -= d;
	}
	int first_index = (int)(first - dom->models);

	enum ibis_status st = db_begin(db, err);
	for (int i = 0; i < nschools && st == IBIS_OK; i++) {
		struct dschool s = {
			.index = i,
			.npupils = sizes[i],
			.model = i == 0 ? first : &dom->models[(first_index + i) % dom->nmodels],
		};
		g.rng.s = school_stream(opt->seed, i);
		st = make_school(&g, &s);
		school_free(&s);
	}
	free(sizes);
	if (st == IBIS_OK)
		st = db_commit(db, err);
	if (st != IBIS_OK)
		db_rollback(db);
	return st;
}
