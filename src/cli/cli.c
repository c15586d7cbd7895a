/* cli.c - see cli.h: the global options, the subcommand table and the helpers
 * the subcommands share (cli_internal.h).
 */
#include "config.h"

#include "ibis/cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_internal.h"
#include "ibis/date.h"
#include "ibis/db_level.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/domain.h"
#include "ibis/text.h"

/* ================================================================ usage */

/* The one description of the command line: --help prints it and the man page
 * is written from it, so keep the two in step. */
static const char usage_text[] =
	"Gebruik: ibis [OPTIE...] [OPDRACHT [ARGUMENT...] [OPTIE...]]\n"
	"\n"
	"ibis houdt per leerling de ondersteuning bij: het niveau door de tijd, de\n"
	"plannen, de besprekingen en de gesprekken. Zonder opdracht opent ibis het\n"
	"volledige scherm op de bestaande database.\n"
	"\n"
	"Opdrachten:\n"
	"  init [--school NAAM] [--brin CODE] [--model ID] [--force]\n"
	"        Maak een nieuwe database met één school.\n"
	"  demo [--pupils N] [--seed S] [--model ID] [--force]\n"
	"        Maak een database met een fictieve school (bij veel leerlingen een\n"
	"        samenwerkingsverband van scholen van zo’n 500 leerlingen), met\n"
	"        groepen, niveaus, gebeurtenissen en plannen over drie schooljaren.\n"
	"  check\n"
	"        Controleer de database: schemaversie, aantallen en integriteit, en\n"
	"        leerlingen van wie het niveau niet past bij het model van de school.\n"
	"  export pupils [--all] [--output BESTAND]\n"
	"        Schrijf de leerlingen als CSV (puntkomma, UTF-8) met de kolommen\n"
	"        Id;Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;\n"
	"        Groep;School;Status en de groep van het huidige schooljaar.\n"
	"  export timeline LEERLING [--format md|html] [--output BESTAND]\n"
	"        Schrijf de niveaus, arrangementen en gebeurtenissen van een leerling\n"
	"        als document voor ouders (Markdown of HTML; zonder afgeschermde\n"
	"        gebeurtenissen).\n"
	"  export plan ID [--format md|html] [--output BESTAND]\n"
	"        Schrijf plan ID (OOP, OPP, groepsplan, ...) als document om te\n"
	"        printen en aan ouders mee te geven: alle onderdelen, de doelen met\n"
	"        hun evaluatie, het logboek en regels om te ondertekenen.\n"
	"  export sop [--school S] [--year JJJJ] [--format md|html]\n"
	"         [--as sop|schoolgids] [--output BESTAND]\n"
	"        Schrijf het schoolondersteuningsprofiel (SOP) van school S voor\n"
	"        schooljaar JJJJ als document: basisondersteuning, niveaus,\n"
	"        expertise, professionalisering, aanbod, grenzen en de HGW-scores.\n"
	"        Met --as schoolgids dezelfde inhoud als deel van de schoolgids, in\n"
	"        gewone taal voor ouders en zonder scores.\n"
	"  export grid [--school S] --year JJJJ [--format csv|md] [--output BESTAND]\n"
	"        Schrijf het HGW-raster van schooljaar JJJJ: elke indicator van\n"
	"        elke set, gescoord of niet, met sectie, nummer, tekst, de score\n"
	"        met de woorden van de normering en de onderbouwing; per extra\n"
	"        beoordelaar drie kolommen erbij.\n"
	"  import pupils BESTAND [--school S] [--map KOLOM=VELD]... [--dry-run]\n"
	"         [--skip-invalid AFGEKEURD]\n"
	"        Lees leerlingen uit een CSV-bestand (ParnasSys, ESIS, Excel of ibis\n"
	"        export pupils): nieuwe worden toegevoegd, bekende bijgewerkt. Is een\n"
	"        regel ongeldig, dan wordt niets geïmporteerd en staat elke fout op\n"
	"        stderr als ‘REGEL: veld: reden’.\n"
	"  jaarovergang [--school S] [--year JJJJ] [--doubles L]... [--skips L]...\n"
	"         [--leaves L=BESTEMMING]... [--group L=GROEP[:J]]... [--apply]\n"
	"        Zet alle leerlingen van school S (Id, BRIN-code of naam; nodig als\n"
	"        de database meer scholen heeft) over naar de volgende groep: van\n"
	"        schooljaar JJJJ naar het jaar erna. Zonder --apply alleen het\n"
	"        voorbeeld; er wordt niets gewijzigd. L is het Id of leerlingnummer.\n"
	"  levels check [--school S]\n"
	"        Toon de leerlingen van wie het huidige niveau niet past bij het\n"
	"        niveaumodel van hun school, als Id;Naam;Groep;Model;Niveau.\n"
	"  levels remap [--school S] --to MODEL [--map OUD=NIEUW,...] [--date DATUM]\n"
	"         [--apply]\n"
	"        Zet de niveaus van de leerlingen van school S om naar niveaumodel\n"
	"        MODEL, dat daarna het model van de school is. Zonder --apply alleen\n"
	"        het voorbeeld; er wordt niets gewijzigd.\n"
	"  levels set LEERLING NIVEAU [--reason TEKST] [--date DATUM]\n"
	"         [--meeting SOORT] [--regie R] [--betrokkenen B]\n"
	"        Leg een nieuw niveau vast volgens de regels van het model van de\n"
	"        school. NIVEAU is een nummer of de korte naam (‘Laag 3’).\n"
	"  levels history LEERLING\n"
	"        Toon de niveauperiodes van een leerling en de correcties.\n"
	"  report levels [--school S] [--date DATUM] [--format text|csv]\n"
	"        Het aantal leerlingen per niveau per groep.\n"
	"  report grid [--school S] [--year JJJJ] [--format text|csv|md]\n"
	"        De gemiddelde HGW-score per sectie per schooljaar (tot en met\n"
	"        JJJJ), met de verandering tegen het jaar ervoor.\n"
	"  help\n"
	"        Toon deze tekst.\n"
	"\n"
	"Opties bij een opdracht:\n"
	"  --school NAAM      naam van de school (init; standaard \"Mijn school\");\n"
	"                     bij import: Id, BRIN-code of naam van de school waar\n"
	"                     alle leerlingen van het bestand in komen; bij levels\n"
	"                     en report: de school (standaard alle scholen, bij\n"
	"                     remap de enige); bij export sop, export grid en\n"
	"                     report grid: de school (nodig als de database meer\n"
	"                     scholen heeft)\n"
	"  --brin CODE        BRIN-code van de school, zoals 12AB00 (init)\n"
	"  --model ID         niveaumodel, de naam van een bestand in levels/ zonder\n"
	"                     .ini (init, demo; standaard [school] niveaumodel)\n"
	"  --force            vervang een bestaande database (init, demo)\n"
	"  --pupils N         aantal leerlingen, 1 tot 200000 (demo; standaard 240)\n"
	"  --seed S           startgetal: hetzelfde getal met dezelfde --today geeft\n"
	"                     dezelfde database (demo; standaard 1)\n"
	"  --all              ook leerlingen die de school verlaten hebben (export)\n"
	"  --output BESTAND   schrijf naar BESTAND in plaats van naar de\n"
	"                     standaarduitvoer (export); een half bestand blijft\n"
	"                     nooit achter\n"
	"  --map KOLOM=VELD   lees de kolom KOLOM als VELD: id, leerlingnummer,\n"
	"                     roepnaam, tussenvoegsel, achternaam, geboortedatum, groep,\n"
	"                     school of status (import; mag vaker)\n"
	"  --dry-run          toon wat er toegevoegd, gewijzigd en gelaten zou worden,\n"
	"                     zonder iets op te slaan (import)\n"
	"  --skip-invalid AFGEKEURD\n"
	"                     importeer alleen de geldige regels en schrijf de\n"
	"                     afgekeurde met hun reden naar het CSV-bestand AFGEKEURD\n"
	"                     (import)\n"
	"  --year JJJJ        het schooljaar dat de leerlingen verlaten, 2026 of\n"
	"                     2026-2027 (jaarovergang; standaard het jaar dat nu aan\n"
	"                     de beurt is, gezien --today); het schooljaar van het\n"
	"                     document (export sop; standaard het huidige) of van\n"
	"                     het raster (export grid); het laatste jaar van het\n"
	"                     overzicht (report grid; standaard alle jaren)\n"
	"  --as sop|schoolgids\n"
	"                     het SOP zelf, of dezelfde inhoud als deel van de\n"
	"                     schoolgids voor ouders (export sop; standaard sop)\n"
	"  --doubles L        leerling L doubleert (jaarovergang; mag vaker)\n"
	"  --skips L          leerling L slaat een jaar over (jaarovergang; mag vaker)\n"
	"  --leaves L=BESTEMMING\n"
	"                     leerling L vertrekt aan het eind van het schooljaar naar\n"
	"                     school, sbo, so, vo of anders (jaarovergang; mag vaker)\n"
	"  --group L=GROEP[:J]\n"
	"                     zet leerling L in GROEP van het nieuwe jaar, met\n"
	"                     jaargroep J (jaarovergang; mag vaker)\n"
	"  --apply            voer de jaarovergang uit, in één keer (jaarovergang,\n"
	"                     levels remap)\n"
	"  --to MODEL         het nieuwe niveaumodel (levels remap)\n"
	"  --map OUD=NIEUW,...\n"
	"                     zet niveau OUD om naar niveau NIEUW van het nieuwe\n"
	"                     model (levels remap; standaard hetzelfde nummer, of het\n"
	"                     hoogste gewone niveau)\n"
	"  --date DATUM       de dag van de stap of omzetting, of de peildatum\n"
	"                     (levels, report; standaard vandaag)\n"
	"  --reason TEKST     waarom: wat liet zien dat de leerling niet genoeg had\n"
	"                     aan het vorige niveau (levels set; nodig bij omhoog)\n"
	"  --meeting SOORT    de bespreking die besliste (levels set; standaard die\n"
	"                     het model noemt)\n"
	"  --regie R, --betrokkenen B\n"
	"                     wie de regie heeft en wie betrokken zijn (levels set;\n"
	"                     standaard wat het model zegt)\n"
	"  --format FORMAAT   text of csv (report levels); text, csv of md (report\n"
	"                     grid); md of html (export timeline, export plan,\n"
	"                     export sop); csv of md (export grid)\n"
	"\n"
	"Algemene opties (voor of na de opdracht):\n"
	"  --db PAD           het databasebestand (standaard [database] pad uit de\n"
	"                     configuratie, anders $XDG_DATA_HOME/ibis/ibis.db)\n"
	"  --config BESTAND   lees dit configuratiebestand in plaats van het systeem-\n"
	"                     en het gebruikersbestand\n"
	"  --datadir MAP      de map met de gegevensbestanden (niveaumodellen, plannen;\n"
	"                     standaard " IBIS_PKGDATADIR ")\n"
	"  --today DATUM      doe alsof het vandaag DATUM is (dd-mm-jjjj of jjjj-mm-dd)\n"
	"  --verbose          toon bij een fout ook de technische details\n"
	"  --help             toon deze tekst\n"
	"  --version          toon het versienummer\n"
	"\n"
	"Records worden genoemd bij hun vaste nummer (Id); een leerling ook bij het\n"
	"leerlingnummer.\n"
	"\n"
	"Afsluitstatus:\n"
	"  0  gelukt\n"
	"  1  verkeerd gebruik van de opdrachtregel\n"
	"  2  ongeldige invoer: een bestand, een waarde, een regel; ook een\n"
	"     uitvoerbestand dat niet geschreven kan worden\n"
	"  3  databaseprobleem: ontbreekt, beschadigd, vergrendeld, alleen-lezen, vol\n"
	"  4  niet toegestaan\n";

static const char see_help[] = "Zie ‘ibis --help’.\n";

/* ============================================================== reports */

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("ibis: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_report(const struct ibis_error *err, bool verbose)
{
	ibis_error_print(err, verbose);
	/* a failure without a status is still a failure */
	return err->status != IBIS_OK ? (int)err->status : IBIS_EDB;
}

int cli_open_existing(struct app *app)
{
	struct ibis_error err = {0};
	if (app_open_db(app, DB_EXISTING, &err) == IBIS_OK)
		return 0;
	int st = cli_report(&err, app->verbose);
	/* the db layer may give the hint itself */
	if (err.fault == DBF_MISSING && !strstr(err.message, "ibis init"))
		cli_error("Maak eerst een database met ‘ibis init’ of ‘ibis demo’, "
			  "of kies er een met --db.");
	return st;
}

static int remove_if_there(const char *path)
{
	if (unlink(path) == 0 || errno == ENOENT)
		return 0;
	int e = errno;
	cli_error("%s kan niet worden verwijderd: %s.", path, errno_text(e));
	return IBIS_EDB;
}

/* The files SQLite keeps beside a database. */
static const char *const db_companions[] = {"-wal", "-shm", "-journal"};

int cli_make_room(const struct app *app, bool force)
{
	struct stat st;
	if (lstat(app->db_path, &st) != 0)
		return 0; /* nothing there (a missing folder is db_open's to report) */
	if (S_ISDIR(st.st_mode)) {
		cli_error("%s is een map, geen databasebestand.", app->db_path);
		return IBIS_EINPUT;
	}
	if (!force) {
		cli_error("De database %s bestaat al; gebruik --force om haar te vervangen.",
			  app->db_path);
		return IBIS_EINPUT;
	}
	for (size_t i = 0; i < ARRAY_LEN(db_companions); i++) {
		char *p = xasprintf("%s%s", app->db_path, db_companions[i]);
		int rc = remove_if_there(p);
		free(p);
		if (rc)
			return rc;
	}
	return remove_if_there(app->db_path);
}

void cli_remove_db(const char *path)
{
	for (size_t i = 0; i < ARRAY_LEN(db_companions); i++) {
		char *p = xasprintf("%s%s", path, db_companions[i]);
		unlink(p);
		free(p);
	}
	unlink(path);
}

int cli_pick_model(const struct app *app, const char *model, const struct level_model **out)
{
	const char *id = !str_empty(model) ? model : app->cfg.level_model;
	const struct level_model *m = str_empty(id) ? NULL : domain_model(&app->dom, id);
	if (m) {
		*out = m;
		return 0;
	}
	struct strbuf known = {0};
	for (int i = 0; i < app->dom.nmodels; i++) {
		if (i)
			sb_add(&known, ", ");
		sb_add(&known, app->dom.models[i].id);
	}
	if (str_empty(id))
		cli_error("Geen niveaumodel gekozen; geef --model met een van: %s.", sb_str(&known));
	else
		cli_error("Onbekend niveaumodel ‘%s’%s; bekend zijn: %s.", id,
			  !str_empty(model) ? "" : " in de configuratie", sb_str(&known));
	sb_free(&known);
	return IBIS_EINPUT;
}

/* ========================================================== naming records */

bool cli_all_digits(const char *s)
{
	if (str_empty(s))
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static bool same_ascii(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	for (; *a && *b; a++, b++) {
		char x = *a >= 'a' && *a <= 'z' ? (char)(*a - 32) : *a;
		char y = *b >= 'a' && *b <= 'z' ? (char)(*b - 32) : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

static void add_school(struct strbuf *sb, const struct school *s)
{
	sb_printf(sb, "\n  %lld  %s", (long long)s->id, s->name);
	if (s->brin)
		sb_printf(sb, " (%s)", s->brin);
}

int cli_pick_school(struct app *app, const char *want, ibis_id *id)
{
	struct school *s = NULL;
	int n = 0;
	struct ibis_error err = {0};
	if (db_school_list(app->db, &s, &n, &err) != IBIS_OK)
		return cli_report(&err, app->verbose);

	int st = 0, hits = 0, hit = -1;
	struct strbuf list = {0};
	if (n == 0) {
		cli_error("De database heeft nog geen school.");
		st = IBIS_EINPUT;
		goto out;
	}
	if (!want) {
		if (n == 1) {
			*id = s[0].id;
			goto out;
		}
		for (int i = 0; i < n; i++)
			add_school(&list, &s[i]);
		cli_error("De database heeft %d scholen; kies er een met --school (Id, BRIN of "
			  "naam):%s", n, sb_str(&list));
		st = IBIS_EUSAGE;
		goto out;
	}

	/* an exact Id, BRIN or name first; then a unique part of a name */
	for (int i = 0; i < n && hit < 0; i++)
		if ((cli_all_digits(want) && s[i].id == atoll(want)) || same_ascii(s[i].brin, want))
			hit = i;
	char *fw = text_fold(want);
	for (int i = 0; i < n && hit < 0; i++) {
		char *fn = text_fold(s[i].name);
		if (strcmp(fn, fw) == 0)
			hit = i;
		free(fn);
	}
	if (hit < 0 && *fw) {
		for (int i = 0; i < n; i++)
			if (text_fold_contains(s[i].name, want)) {
				hit = i;
				hits++;
				add_school(&list, &s[i]);
			}
		if (hits > 1) {
			cli_error("‘%s’ past bij %d scholen; kies er een met haar Id of BRIN:%s", want,
				  hits, sb_str(&list));
			st = IBIS_EINPUT;
			hit = -1;
		}
	}
	free(fw);
	if (st)
		goto out;
	if (hit < 0) {
		sb_reset(&list);
		for (int i = 0; i < n; i++)
			add_school(&list, &s[i]);
		cli_error("Geen school ‘%s’ in de database; er zijn:%s", want, sb_str(&list));
		st = IBIS_EINPUT;
		goto out;
	}
	*id = s[hit].id;
out:
	sb_free(&list);
	schools_free(s, n);
	return st;
}

/* The pupils whose leerlingnummer is the one asked for. */
struct number_hits {
	const char *want;
	ibis_id first;      /* the first pupil found, 0 while none */
	int n;
	struct strbuf list; /* "\n  Id  Name (School)" per pupil */
};

static int collect_number(const struct pupil_export_row *row, void *ctx)
{
	struct number_hits *h = ctx;
	if (!row->number || !same_ascii(row->number, h->want))
		return 0;
	if (!h->first)
		h->first = row->id;
	h->n++;
	char *name = name_natural(row->first_name, row->tussenvoegsel, row->last_name);
	sb_printf(&h->list, "\n  %lld  %s (%s)", (long long)row->id, name,
		  row->school_name ? row->school_name : "?");
	free(name);
	return 0;
}

int cli_pick_pupil(struct app *app, const char *arg, struct pupil *p)
{
	struct ibis_error err = {0};
	char *want = str_trim(arg);
	struct pupil by_id = {0};
	struct number_hits h = {.want = want};
	int st = 0;
	memset(p, 0, sizeof(*p));
	if (cli_all_digits(want) && strlen(want) < 19) {
		enum ibis_status gs = db_pupil_get(app->db, atoll(want), &by_id, &err);
		if (gs != IBIS_OK && gs != IBIS_EINPUT) {
			st = cli_report(&err, app->verbose);
			goto out;
		}
		ibis_error_clear(&err);
	}

	/* a leerlingnummer is unique within a school only: look at them all, so
	 * that a name that fits two pupils is refused rather than guessed */
	if (!str_empty(want) &&
	    db_pupil_with_number(app->db, want, schoolyear_of(date_today()), collect_number, &h,
				 &err) != IBIS_OK) {
		st = cli_report(&err, app->verbose);
		goto out;
	}
	ibis_id id = by_id.id ? by_id.id : h.first;
	if (by_id.id && h.n > 0 && !(h.n == 1 && h.first == by_id.id)) {
		char *name = name_natural(by_id.first_name, by_id.tussenvoegsel, by_id.last_name);
		cli_error("‘%s’ is het Id van %s (leerlingnummer %s) en het leerlingnummer van:%s\n"
			  "Noem de leerling bij een Id of leerlingnummer dat alleen bij haar hoort.",
			  want, name, by_id.number ? by_id.number : "geen", sb_str(&h.list));
		free(name);
		st = IBIS_EINPUT;
	} else if (!by_id.id && h.n > 1) {
		cli_error("Leerlingnummer ‘%s’ hoort bij %d leerlingen; noem de leerling bij het Id:%s",
			  want, h.n, sb_str(&h.list));
		st = IBIS_EINPUT;
	} else if (!id) {
		cli_error("Geen leerling ‘%s’: geen leerling met dat Id of leerlingnummer.", want);
		st = IBIS_EINPUT;
	} else if (db_pupil_get(app->db, id, p, &err) != IBIS_OK) {
		st = cli_report(&err, app->verbose);
	}
out:
	pupil_clear(&by_id);
	sb_free(&h.list);
	free(want);
	return st;
}

/* ================================================================ misfits */

/* With one school, the database answers directly. With several, one call per
 * school would read every pupil once per school (the query scans the active
 * pupils), so one call asks for everything above the smallest number of
 * levels of the schools' models, and each pupil found is then judged against
 * its own school's model: the same answer in one pass. */
enum ibis_status cli_level_misfits(struct app *app, const struct school *schools, int n,
				   struct level_misfit ***per, int **nper, struct ibis_error *err)
{
	*per = xcalloc((size_t)n + 1, sizeof(**per));
	*nper = xcalloc((size_t)n + 1, sizeof(**nper));
	int min_levels = 0;
	for (int i = 0; i < n; i++) {
		const struct level_model *m = domain_model(&app->dom, schools[i].level_model);
		if (m && (!min_levels || m->nlevels < min_levels))
			min_levels = m->nlevels;
	}
	if (!min_levels)
		return IBIS_OK; /* no school's model is known: nothing to judge by */
	if (n == 1) {
		const struct level_model *m = domain_model(&app->dom, schools[0].level_model);
		return db_level_misfits(app->db, schools[0].id, NULL, m->nlevels, &(*per)[0],
					&(*nper)[0], err);
	}

	struct level_misfit *all = NULL;
	int nall = 0;
	enum ibis_status st = db_level_misfits(app->db, 0, NULL, min_levels, &all, &nall, err);
	int *caps = xcalloc((size_t)n + 1, sizeof(*caps));
	for (int k = 0; k < nall && st == IBIS_OK; k++) {
		struct pupil p = {0};
		if ((st = db_pupil_get(app->db, all[k].pupil_id, &p, err)) != IBIS_OK)
			break;
		int i = 0;
		while (i < n && schools[i].id != p.school_id)
			i++;
		pupil_clear(&p);
		const struct level_model *m =
			i < n ? domain_model(&app->dom, schools[i].level_model) : NULL;
		if (!m || (all[k].model && strcmp(all[k].model, m->id) == 0 &&
			   all[k].level <= m->nlevels))
			continue;
		if ((*nper)[i] == caps[i]) {
			caps[i] = caps[i] ? 2 * caps[i] : 8;
			(*per)[i] = xrealloc((*per)[i], (size_t)caps[i] * sizeof(*(*per)[i]));
		}
		/* the strings move over; the husk is freed below */
		(*per)[i][(*nper)[i]++] = all[k];
		memset(&all[k], 0, sizeof(all[k]));
	}
	free(caps);
	level_misfits_free(all, nall);
	return st;
}

void cli_level_misfits_free(struct level_misfit **per, int *nper, int n)
{
	for (int i = 0; per && i < n; i++)
		level_misfits_free(per[i], nper[i]);
	free(per);
	free(nper);
}

/* ======================================================== options given */

int cli_only_options(const struct cli_args *a, const char *command,
		     const char *const *allowed)
{
	const struct {
		const char *name;
		bool given;
	} given[] = {
		{"school", a->school != NULL},
		{"brin", a->brin != NULL},
		{"model", a->model != NULL},
		{"force", a->force},
		{"all", a->all},
		{"output", a->output != NULL},
		{"format", a->format != NULL},
		{"as", a->as != NULL},
		{"map", a->maps.len > 0},
		{"dry-run", a->dry_run},
		{"skip-invalid", a->skip_invalid != NULL},
		{"year", a->year != 0},
		{"apply", a->apply},
		{"to", a->to != NULL},
		{"date", a->date != DATE_NONE},
		{"reason", a->reason != NULL},
		{"meeting", a->meeting != NULL},
		{"regie", a->regie != NULL},
		{"betrokkenen", a->betrokkenen != NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(given); i++) {
		if (!given[i].given)
			continue;
		bool ok = false;
		for (const char *const *p = allowed; *p && !ok; p++)
			ok = strcmp(*p, given[i].name) == 0;
		if (!ok) {
			cli_error("De optie ‘--%s’ hoort niet bij ‘ibis %s’.", given[i].name, command);
			fputs(see_help, stderr);
			return IBIS_EUSAGE;
		}
	}
	return 0;
}

/* ============================================================== options */

enum {
	OPT_DB = 256,
	OPT_CONFIG,
	OPT_DATADIR,
	OPT_TODAY,
	OPT_VERBOSE,
	OPT_HELP,
	OPT_VERSION,
	OPT_SCHOOL,
	OPT_BRIN,
	OPT_MODEL,
	OPT_FORCE,
	OPT_PUPILS,
	OPT_SEED,
	OPT_ALL,
	OPT_OUTPUT,
	OPT_MAP,
	OPT_DRY_RUN,
	OPT_SKIP_INVALID,
	OPT_YEAR,
	OPT_DOUBLES,
	OPT_SKIPS,
	OPT_LEAVES,
	OPT_GROUP,
	OPT_APPLY,
	OPT_TO,
	OPT_DATE,
	OPT_REASON,
	OPT_MEETING,
	OPT_REGIE,
	OPT_BETROKKENEN,
	OPT_FORMAT,
	OPT_AS,
};

static const struct option global_options[] = {
	{"db", required_argument, NULL, OPT_DB},
	{"config", required_argument, NULL, OPT_CONFIG},
	{"datadir", required_argument, NULL, OPT_DATADIR},
	{"today", required_argument, NULL, OPT_TODAY},
	{"verbose", no_argument, NULL, OPT_VERBOSE},
	{"help", no_argument, NULL, OPT_HELP},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

static const struct option init_options[] = {
	{"school", required_argument, NULL, OPT_SCHOOL},
	{"brin", required_argument, NULL, OPT_BRIN},
	{"model", required_argument, NULL, OPT_MODEL},
	{"force", no_argument, NULL, OPT_FORCE},
	{NULL, 0, NULL, 0},
};

static const struct option demo_options[] = {
	{"pupils", required_argument, NULL, OPT_PUPILS},
	{"seed", required_argument, NULL, OPT_SEED},
	{"model", required_argument, NULL, OPT_MODEL},
	{"force", no_argument, NULL, OPT_FORCE},
	{NULL, 0, NULL, 0},
};

/* The options of every export; each kind refuses the ones not its own. */
static const struct option export_options[] = {
	{"all", no_argument, NULL, OPT_ALL},
	{"output", required_argument, NULL, OPT_OUTPUT},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"school", required_argument, NULL, OPT_SCHOOL},
	{"year", required_argument, NULL, OPT_YEAR},
	{"as", required_argument, NULL, OPT_AS},
	{NULL, 0, NULL, 0},
};

static const struct option import_options[] = {
	{"school", required_argument, NULL, OPT_SCHOOL},
	{"map", required_argument, NULL, OPT_MAP},
	{"dry-run", no_argument, NULL, OPT_DRY_RUN},
	{"skip-invalid", required_argument, NULL, OPT_SKIP_INVALID},
	{NULL, 0, NULL, 0},
};

static const struct option jaarovergang_options[] = {
	{"school", required_argument, NULL, OPT_SCHOOL},
	{"year", required_argument, NULL, OPT_YEAR},
	{"doubles", required_argument, NULL, OPT_DOUBLES},
	{"skips", required_argument, NULL, OPT_SKIPS},
	{"leaves", required_argument, NULL, OPT_LEAVES},
	{"group", required_argument, NULL, OPT_GROUP},
	{"apply", no_argument, NULL, OPT_APPLY},
	{NULL, 0, NULL, 0},
};

/* The options of every levels subcommand; cmd_levels refuses the ones that
 * do not belong to the subcommand given. */
static const struct option levels_options[] = {
	{"school", required_argument, NULL, OPT_SCHOOL},
	{"to", required_argument, NULL, OPT_TO},
	{"map", required_argument, NULL, OPT_MAP},
	{"date", required_argument, NULL, OPT_DATE},
	{"apply", no_argument, NULL, OPT_APPLY},
	{"reason", required_argument, NULL, OPT_REASON},
	{"meeting", required_argument, NULL, OPT_MEETING},
	{"regie", required_argument, NULL, OPT_REGIE},
	{"betrokkenen", required_argument, NULL, OPT_BETROKKENEN},
	{NULL, 0, NULL, 0},
};

/* report levels takes --date, report grid --year. */
static const struct option report_options[] = {
	{"school", required_argument, NULL, OPT_SCHOOL},
	{"date", required_argument, NULL, OPT_DATE},
	{"year", required_argument, NULL, OPT_YEAR},
	{"format", required_argument, NULL, OPT_FORMAT},
	{NULL, 0, NULL, 0},
};

static const struct option no_options[] = {
	{NULL, 0, NULL, 0},
};

struct command {
	const char *name;
	const struct option *options; /* its own, besides the global ones */
	int min_words, max_words;     /* arguments after the name */
	int (*run)(struct app *app, const struct cli_args *a); /* NULL: help */
};

static const struct command commands[] = {
	{"init", init_options, 0, 0, cmd_init},
	{"demo", demo_options, 0, 0, cmd_demo},
	{"check", no_options, 0, 0, cmd_check},
	{"export", export_options, 1, 2, cmd_export},
	{"import", import_options, 2, 2, cmd_import},
	{"jaarovergang", jaarovergang_options, 0, 0, cmd_jaarovergang},
	{"levels", levels_options, 1, 3, cmd_levels},
	{"report", report_options, 1, 1, cmd_report},
	{"help", no_options, 0, 1, NULL},
};

struct cli {
	struct app_options opt;
	bool help, version;
	struct cli_args a;
};

/* The name of option id in table (for messages). */
static const char *option_name(const struct option *table, int id)
{
	for (const struct option *o = table; o->name; o++)
		if (o->val == id)
			return o->name;
	return "?";
}

/* Parse a whole decimal number in [lo, hi]; false for anything else. */
static bool parse_number(const char *s, long long lo, long long hi, long long *out)
{
	if (str_empty(s))
		return false;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v > (unsigned long long)hi || (long long)v < lo)
		return false;
	*out = (long long)v;
	return true;
}

/* Apply one option. Returns -1 to go on, else the exit status. */
static int apply_option(struct cli *c, int id, const char *arg)
{
	long long n;
	switch (id) {
	case OPT_DB:
	case OPT_CONFIG:
	case OPT_DATADIR:
		if (str_empty(arg)) {
			cli_error("--%s vraagt een %s, geen lege tekst.",
				  option_name(global_options, id), id == OPT_DATADIR ? "map" : "pad");
			fputs(see_help, stderr);
			return IBIS_EUSAGE;
		}
		if (id == OPT_DB)
			c->opt.db_path = arg;
		else if (id == OPT_CONFIG)
			c->opt.config_file = arg;
		else
			c->opt.datadir = arg;
		return -1;
	case OPT_TODAY:
		if (!date_parse(arg, &c->opt.today)) {
			cli_error("Ongeldige datum ‘%s’ bij --today; schrijf dd-mm-jjjj of jjjj-mm-dd.",
				  arg);
			return IBIS_EINPUT;
		}
		return -1;
	case OPT_VERBOSE:
		c->opt.verbose = true;
		return -1;
	case OPT_HELP:
		c->help = true;
		return -1;
	case OPT_VERSION:
		c->version = true;
		return -1;
	case OPT_SCHOOL:
		c->a.school = arg;
		return -1;
	case OPT_BRIN:
		c->a.brin = arg;
		return -1;
	case OPT_MODEL:
		c->a.model = arg;
		return -1;
	case OPT_FORCE:
		c->a.force = true;
		return -1;
	case OPT_PUPILS:
		if (!parse_number(arg, 1, 200000, &n)) {
			cli_error("Ongeldig aantal leerlingen ‘%s’ bij --pupils; kies 1 tot 200000.", arg);
			return IBIS_EINPUT;
		}
		c->a.pupils = (int)n;
		return -1;
	case OPT_SEED:
		if (!parse_number(arg, 0, UINT_MAX, &n)) {
			cli_error("Ongeldig startgetal ‘%s’ bij --seed; kies 0 tot %u.", arg, UINT_MAX);
			return IBIS_EINPUT;
		}
		c->a.seed = (unsigned)n;
		return -1;
	case OPT_ALL:
		c->a.all = true;
		return -1;
	case OPT_OUTPUT:
		if (str_empty(arg)) {
			cli_error("--output vraagt een bestandsnaam, geen lege tekst.");
			fputs(see_help, stderr);
			return IBIS_EUSAGE;
		}
		c->a.output = arg;
		return -1;
	case OPT_MAP:
		sl_add(&c->a.maps, arg);
		return -1;
	case OPT_DRY_RUN:
		c->a.dry_run = true;
		return -1;
	case OPT_SKIP_INVALID:
		if (str_empty(arg)) {
			cli_error("--skip-invalid vraagt een bestandsnaam, geen lege tekst.");
			fputs(see_help, stderr);
			return IBIS_EUSAGE;
		}
		c->a.skip_invalid = arg;
		return -1;
	case OPT_YEAR:
		if (!schoolyear_parse(arg, &c->a.year)) {
			cli_error("Ongeldig schooljaar ‘%s’ bij --year; schrijf 2026 of 2026-2027.", arg);
			return IBIS_EINPUT;
		}
		return -1;
	case OPT_DOUBLES:
		sl_add(&c->a.doubles, arg);
		return -1;
	case OPT_SKIPS:
		sl_add(&c->a.skips, arg);
		return -1;
	case OPT_LEAVES:
		sl_add(&c->a.leaves, arg);
		return -1;
	case OPT_GROUP:
		sl_add(&c->a.choices, arg);
		return -1;
	case OPT_APPLY:
		c->a.apply = true;
		return -1;
	case OPT_TO:
		if (str_empty(arg)) {
			cli_error("--to vraagt een niveaumodel, geen lege tekst.");
			fputs(see_help, stderr);
			return IBIS_EUSAGE;
		}
		c->a.to = arg;
		return -1;
	case OPT_DATE:
		if (!date_parse(arg, &c->a.date)) {
			cli_error("Ongeldige datum ‘%s’ bij --date; schrijf dd-mm-jjjj of jjjj-mm-dd.",
				  arg);
			return IBIS_EINPUT;
		}
		return -1;
	case OPT_REASON:
		c->a.reason = arg;
		return -1;
	case OPT_MEETING:
		c->a.meeting = arg;
		return -1;
	case OPT_REGIE:
		c->a.regie = arg;
		return -1;
	case OPT_BETROKKENEN:
		c->a.betrokkenen = arg;
		return -1;
	case OPT_FORMAT:
		c->a.format = arg;
		return -1;
	case OPT_AS:
		c->a.as = arg;
		return -1;
	}
	return IBIS_EUSAGE;
}

/* Run getopt_long over argv with the global options plus own (NULL = only the
 * global ones). optstring "+:" stops at the subcommand; ":" lets options and
 * arguments mix, so a global option may follow the subcommand. Returns -1 to go
 * on (optind then points past the options), else the exit status. */
static int parse_options(struct cli *c, int argc, char **argv, const char *optstring,
			 const struct option *own, const char *command)
{
	size_t nglobal = ARRAY_LEN(global_options) - 1, nown = 0;
	while (own && own[nown].name)
		nown++;
	struct option *table = xcalloc(nglobal + nown + 1, sizeof(*table));
	memcpy(table, global_options, nglobal * sizeof(*table));
	if (nown)
		memcpy(table + nglobal, own, nown * sizeof(*table));

	int status = -1;
	opterr = 0;
	optind = 0; /* glibc: start afresh, also for the second argv */
	int id;
	while (status < 0 && (id = getopt_long(argc, argv, optstring, table, NULL)) != -1) {
		const char *where = command ? " bij ‘ibis " : "";
		const char *where_end = command ? "’" : "";
		const char *cmd = command ? command : "";
		if (id == ':') {
			cli_error("De optie ‘--%s’%s%s%s vraagt een waarde.",
				  option_name(table, optopt), where, cmd, where_end);
			fputs(see_help, stderr);
			status = IBIS_EUSAGE;
		} else if (id == '?') {
			if (optopt >= OPT_DB)
				cli_error("De optie ‘--%s’ neemt geen waarde.", option_name(table, optopt));
			else if (optopt > 0 && optopt < 128)
				cli_error("Onbekende optie ‘-%c’%s%s%s.", optopt, where, cmd, where_end);
			else {
				/* glibc has stepped past the unknown long option */
				const char *bad = optind > 0 && optind <= argc ? argv[optind - 1] : "?";
				cli_error("Onbekende optie ‘%.*s’%s%s%s.", (int)strcspn(bad, "="), bad,
					  where, cmd, where_end);
			}
			fputs(see_help, stderr);
			status = IBIS_EUSAGE;
		} else {
			status = apply_option(c, id, optarg);
		}
	}
	free(table);
	return status;
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* ================================================================= main */

static int run(struct cli *c, int argc, char **argv, int (*run_tui)(struct app *app))
{
	int st = parse_options(c, argc, argv, "+:", NULL, NULL);
	if (st >= 0)
		return st;

	const struct command *cmd = NULL;
	if (optind < argc) {
		const char *name = argv[optind];
		cmd = find_command(name);
		if (!cmd) {
			cli_error("Onbekende opdracht ‘%s’.", name);
			fputs(see_help, stderr);
			return IBIS_EUSAGE;
		}
		/* the subcommand's name stands in for argv[0] */
		int sub_argc = argc - optind;
		char **sub_argv = argv + optind;
		st = parse_options(c, sub_argc, sub_argv, ":", cmd->options, cmd->name);
		if (st >= 0)
			return st;
		for (int i = optind; i < sub_argc; i++)
			sl_add(&c->a.words, sub_argv[i]);
	}

	if (c->help || (cmd && !cmd->run)) {
		fputs(usage_text, stdout);
		return fflush(stdout) == 0 ? 0 : IBIS_EINPUT;
	}
	if (c->version) {
		printf("ibis %s\n", PACKAGE_VERSION);
		return fflush(stdout) == 0 ? 0 : IBIS_EINPUT;
	}
	if (cmd && (int)c->a.words.len < cmd->min_words) {
		cli_error("‘ibis %s’ vraagt meer argumenten.", cmd->name);
		fputs(see_help, stderr);
		return IBIS_EUSAGE;
	}
	if (cmd && (int)c->a.words.len > cmd->max_words) {
		cli_error("Onverwacht argument ‘%s’ bij ‘ibis %s’.",
			  c->a.words.items[cmd->max_words], cmd->name);
		fputs(see_help, stderr);
		return IBIS_EUSAGE;
	}

	struct app app;
	struct ibis_error err = {0};
	if (app_init(&app, &c->opt, &err) != IBIS_OK) {
		st = cli_report(&err, c->opt.verbose);
		app_free(&app);
		return st;
	}
	if (cmd) {
		st = cmd->run(&app, &c->a);
	} else {
		st = cli_open_existing(&app);
		if (st == 0)
			st = run_tui(&app);
	}
	app_free(&app);
	return st;
}

int cli_main(int argc, char **argv, int (*run_tui)(struct app *app))
{
	struct cli c = {0};
	c.opt.today = DATE_NONE;
	c.a.seed = 1;
	c.a.date = DATE_NONE;
	int st = run(&c, argc, argv, run_tui);
	sl_free(&c.a.words);
	sl_free(&c.a.maps);
	sl_free(&c.a.doubles);
	sl_free(&c.a.skips);
	sl_free(&c.a.leaves);
	sl_free(&c.a.choices);
	return st;
}
