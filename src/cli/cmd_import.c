/* cmd_import.c - ibis import pupils FILE: a pupil file (ParnasSys, ESIS,
 * Excel or `ibis export pupils`) read into the database.
 *
 * The order of the steps is what makes "all or nothing" hold: the whole file
 * is read and checked, then planned against the database (which writes
 * nothing), and only a plan without problems (or with --skip-invalid, the
 * rejected rows written to their file first) is applied, in one transaction.
 * A file the user named that cannot be read or written is status 2; the
 * database's own failures are status 3.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_internal.h"
#include "ibis/date.h"
#include "ibis/db_import.h"
#include "ibis/import.h"
#include "ibis/text.h"

/* True when a and b are one existing file (also through another name). */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return a && b && stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* ================================================================ preview */

/* "Berg, Anna van den" of a row. Caller frees. */
static char *row_name(const struct import_row *r)
{
	return name_display(r->first_name ? r->first_name : "", r->tussenvoegsel,
			    r->last_name ? r->last_name : "");
}

static void print_added(const struct import_plan *plan, const struct import_row *r,
			const struct import_plan_row *pr)
{
	char date[DATE_NL_LEN];
	char *name = row_name(r);
	printf("  regel %d: %s (%s)", r->line, name, date_format_nl(r->birth_date, date));
	free(name);
	if (r->number)
		printf(", leerlingnummer %s", r->number);
	if (pr->group >= 0) {
		const struct import_group *g = &plan->groups[pr->group];
		printf(", groep %s%s", g->name, g->is_new ? " (nieuw)" : "");
	}
	if (plan->nschools > 1)
		printf(", %s", import_plan_school_name(plan, pr->school_id));
	putchar('\n');
}

/* A matched pupil: who, and how the row found them. */
static void print_matched(const struct import_row *r, const struct import_plan_row *pr)
{
	char *name = row_name(r);
	printf("  regel %d: %s (Id %lld, op %s%s)", r->line, name, (long long)pr->pupil_id,
	       pr->matched_by ? pr->matched_by : "?", pr->archived ? "; vertrokken" : "");
	free(name);
	if (pr->change_text)
		printf(": %s", pr->change_text);
	putchar('\n');
}

static void print_section(const struct import_file *f, const struct import_plan *plan,
			  enum import_action action, const char *title, int count)
{
	if (!count)
		return;
	printf("%s (%d):\n", title, count);
	for (int i = 0; i < f->nrows; i++) {
		const struct import_row *r = &f->rows[i];
		const struct import_plan_row *pr = &plan->rows[i];
		if (pr->action != action)
			continue;
		if (action == IMPORT_ADD) {
			print_added(plan, r, pr);
		} else if (action == IMPORT_CHANGE || action == IMPORT_SAME) {
			print_matched(r, pr);
		} else {
			char *name = row_name(r);
			printf("  regel %d: %s\n", r->line, name);
			free(name);
		}
	}
}

/* The groups the import makes (only those a row is put in). */
static void print_new_groups(const struct import_file *f, const struct import_plan *plan)
{
	bool *used = xcalloc((size_t)plan->ngroups + 1, sizeof(bool));
	for (int i = 0; i < f->nrows; i++) {
		const struct import_plan_row *pr = &plan->rows[i];
		if ((pr->action == IMPORT_ADD || pr->action == IMPORT_CHANGE) && pr->group >= 0)
			used[pr->group] = true;
	}
	int n = 0;
	for (int g = 0; g < plan->ngroups; g++) {
		if (!plan->groups[g].is_new || !used[g])
			continue;
		printf("%s%s", n++ ? ", " : "Nieuwe groepen: ", plan->groups[g].name);
		if (plan->nschools > 1)
			printf(" (%s)", import_plan_school_name(plan, plan->groups[g].school_id));
	}
	if (n)
		puts(".");
	free(used);
}

/* "2 toegevoegd, 1 gewijzigd, 5 ongewijzigd" and the rest when there is any. */
static void print_counts(const struct import_plan *plan, bool skipped_invalid)
{
	printf("%d toegevoegd, %d gewijzigd, %d ongewijzigd", plan->added, plan->changed,
	       plan->same);
	if (plan->skipped)
		printf(", %d overgeslagen (vertrokken en niet in de database)", plan->skipped);
	if (plan->invalid)
		printf(", %d %s", plan->invalid, skipped_invalid ? "afgekeurd" : "ongeldig");
}

static void print_preview(const struct import_file *f, const struct import_plan *plan)
{
	char year[16];
	printf("Proefimport van %s (schooljaar %s); er wordt niets opgeslagen.\n", f->name,
	       schoolyear_format(plan->school_year, year));
	for (size_t i = 0; i < f->ignored.len; i++)
		printf("%s%s", i ? ", " : "Genegeerde kolommen: ", f->ignored.items[i]);
	if (f->ignored.len)
		puts(".");
	print_new_groups(f, plan);
	print_section(f, plan, IMPORT_ADD, "Toevoegen", plan->added);
	print_section(f, plan, IMPORT_CHANGE, "Wijzigen", plan->changed);
	print_section(f, plan, IMPORT_SAME, "Ongewijzigd", plan->same);
	print_section(f, plan, IMPORT_SKIP, "Overgeslagen: vertrokken en niet in de database",
		      plan->skipped);
	print_section(f, plan, IMPORT_INVALID, "Ongeldig, zie de fouten op stderr",
		      plan->invalid);
	fputs("Proefimport: ", stdout);
	print_counts(plan, false);
	puts("; er is niets opgeslagen.");
}

/* =========================================================== the rejected */

/* Write the rejected rows to path. Returns 0 or the exit status after a
 * message; a half-written file is removed. */
static int write_rejected(const struct import_file *f, const char *path)
{
	FILE *out = fopen(path, "w");
	if (!out) {
		int e = errno;
		cli_error("%s kan niet worden geschreven: %s; er is niets geïmporteerd.", path,
			  errno_text(e));
		return IBIS_EINPUT;
	}
	errno = 0;
	bool ok = import_write_rejected(f, out);
	int e = errno;
	if (fclose(out) != 0 && ok) {
		ok = false;
		e = errno;
	}
	if (!ok) {
		unlink(path);
		cli_error("Schrijven naar %s is mislukt: %s; er is niets geïmporteerd.", path,
			  errno_text(e ? e : EIO));
		return IBIS_EINPUT;
	}
	return 0;
}

/* ==================================================================== run */

static int import_pupils(struct app *app, const struct cli_args *a, const char *path)
{
	if (a->skip_invalid && !a->dry_run &&
	    (strcmp(a->skip_invalid, path) == 0 || same_file(a->skip_invalid, path))) {
		cli_error("--skip-invalid %s is het invoerbestand zelf; kies een ander bestand voor "
			  "de afgekeurde regels.",
			  a->skip_invalid);
		return IBIS_EINPUT;
	}
	if (a->skip_invalid && same_file(a->skip_invalid, app->db_path)) {
		cli_error("--skip-invalid %s is de database zelf; kies een ander bestand.",
			  a->skip_invalid);
		return IBIS_EINPUT;
	}
	int st = cli_open_existing(app);
	if (st)
		return st;
	if (!a->dry_run && db_readonly(app->db)) {
		cli_error("De database %s is alleen-lezen; er is niets geïmporteerd.", app->db_path);
		return IBIS_EDB;
	}

	struct ibis_error err = {0};
	struct import_options opt = {.maps = &a->maps, .today = date_today()};
	struct import_file f;
	struct import_plan plan = {0};
	if (import_read_file(path, &opt, &f, &err) != IBIS_OK ||
	    db_import_plan(app->db, &f, a->school, schoolyear_of(opt.today), &plan, &err) !=
		    IBIS_OK) {
		st = cli_report(&err, app->verbose);
		goto done;
	}

	if (plan.invalid) {
		fflush(stdout);
		import_print_problems(&f, stderr);
	}
	if (a->dry_run) {
		print_preview(&f, &plan);
		if (fflush(stdout) != 0) {
			cli_error("Schrijven naar de standaarduitvoer is mislukt: %s.",
				  errno_text(errno));
			st = IBIS_EINPUT;
		} else if (plan.invalid && !a->skip_invalid) {
			cli_error("%d %s ongeldig: zo zou er niets geïmporteerd worden.", plan.invalid,
				  plan.invalid == 1 ? "regel is" : "regels zijn");
			st = IBIS_EINPUT;
		}
		goto done;
	}
	if (plan.invalid && !a->skip_invalid) {
		cli_error("%d %s ongeldig; er is niets geïmporteerd. Verbeter het bestand, of "
			  "importeer alleen de geldige regels met --skip-invalid AFGEKEURD.csv.",
			  plan.invalid, plan.invalid == 1 ? "regel is" : "regels zijn");
		st = IBIS_EINPUT;
		goto done;
	}
	if (a->skip_invalid && (st = write_rejected(&f, a->skip_invalid)) != 0)
		goto done;
	if (db_import_apply(app->db, &f, &plan, a->skip_invalid != NULL, &err) != IBIS_OK) {
		st = cli_report(&err, app->verbose);
		if (a->skip_invalid)
			unlink(a->skip_invalid); /* nothing was imported: no half a report */
		goto done;
	}
	print_counts(&plan, true);
	puts(".");
	if (plan.invalid)
		printf("De afgekeurde regels staan met hun reden in %s.\n", a->skip_invalid);
	if (fflush(stdout) != 0)
		cli_error("Schrijven naar de standaarduitvoer is mislukt: %s (de import zelf is "
			  "gelukt).",
			  errno_text(errno));
done:
	import_plan_free(&plan);
	import_file_free(&f);
	return st;
}

int cmd_import(struct app *app, const struct cli_args *a)
{
	const char *what = a->words.items[0];
	if (strcmp(what, "pupils") != 0) {
		cli_error("Onbekende import ‘%s’; kies ‘pupils’.", what);
		fputs("Zie ‘ibis --help’.\n", stderr);
		return IBIS_EUSAGE;
	}
	return import_pupils(app, a, a->words.items[1]);
}
