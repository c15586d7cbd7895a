/* cmd_export.c - ibis export pupils (the pupil list as CSV), ibis export
 * timeline (a pupil's levels and events as a document for parents) and ibis
 * export plan (a plan as a document to print and give to parents); export
 * sop and export grid are in cmd_sop.c and write through cli_write_document.
 *
 * An output file is written beside its final name and renamed over it once
 * it is complete, so a failure (a full disk, a broken pipe) never leaves a
 * half file behind and never destroys the previous export. A device or a
 * pipe the user named is written directly, and so is an existing file in a
 * folder where no other file may be made. A file that cannot be written is
 * status 2, bad input, like any file the user named: status 3 is kept for
 * the database itself.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_internal.h"
#include "ibis/csv.h"
#include "ibis/date.h"
#include "ibis/db_arrangement.h"
#include "ibis/db_level.h"
#include "ibis/db_plan.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/db_timeline.h"
#include "ibis/docwriter.h"
#include "ibis/domain.h"
#include "ibis/planapp.h"
#include "ibis/timeline.h"

/* ================================================================ output */

struct out_file {
	FILE *f;
	const char *name; /* for messages: the path given, or "de standaarduitvoer" */
	char *target;     /* where the finished file is renamed to; NULL when the
			   * output is written directly (stdout, a device, a pipe) */
	char *tmp;        /* the file being written, beside target */
	int sys_errno;    /* of the first failed write, 0 while none */
};

/* Keep the errno of the first failure: later calls may change it. */
static void note_errno(struct out_file *o, int e)
{
	if (!o->sys_errno)
		o->sys_errno = e ? e : EIO;
}

/* Open the output named by path (NULL: standard output). Prints why not and
 * returns the exit status, else 0. */
static int out_open(const struct app *app, const char *path, struct out_file *o)
{
	memset(o, 0, sizeof(*o));
	if (!path) {
		o->f = stdout;
		o->name = "de standaarduitvoer";
		return 0;
	}
	o->name = path;
	struct stat os, ds;
	if (stat(path, &os) == 0 && stat(app->db_path, &ds) == 0 && os.st_dev == ds.st_dev &&
	    os.st_ino == ds.st_ino) {
		cli_error("%s is de database zelf; kies een ander uitvoerbestand.", path);
		return IBIS_EINPUT;
	}
	bool exists = stat(path, &os) == 0;
	if (exists && !S_ISREG(os.st_mode)) {
		if (S_ISDIR(os.st_mode)) {
			cli_error("%s kan niet worden geschreven: %s.", path, errno_text(EISDIR));
			return IBIS_EINPUT;
		}
		o->f = fopen(path, "w");
		if (!o->f) {
			int e = errno;
			cli_error("%s kan niet worden geschreven: %s.", path, errno_text(e));
			return IBIS_EINPUT;
		}
		return 0;
	}

	/* a file the user may not write is not replaced behind their back */
	if (exists && access(path, W_OK) != 0) {
		int e = errno;
		cli_error("%s kan niet worden geschreven: %s.", path, errno_text(e));
		return IBIS_EINPUT;
	}
	/* through a symbolic link to the file it names, which is then replaced */
	char *real = exists ? realpath(path, NULL) : NULL;
	o->target = real ? real : xstrdup(path);
	char *dir = path_dirname(o->target);
	const char *base = strrchr(o->target, '/');
	base = base ? base + 1 : o->target;
	o->tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	free(dir);
	int fd = mkstemp(o->tmp);
	if (fd < 0) {
		int e = errno;
		freep(&o->tmp);
		freep(&o->target);
		/* a writable file in a folder where no other file may be made:
		 * written in place, as the user asked */
		if (exists && (e == EACCES || e == EPERM) && (o->f = fopen(path, "w")))
			return 0;
		cli_error("%s kan niet worden geschreven: %s.", path, errno_text(e));
		return IBIS_EINPUT;
	}
	/* the permissions a new file would get (or the old file's), not
	 * mkstemp's 0600 */
	mode_t mask = umask(0);
	umask(mask);
	mode_t mode = exists ? (os.st_mode & 07777) : (0666 & ~mask);
	if (fchmod(fd, mode) != 0 || !(o->f = fdopen(fd, "w"))) {
		int e = errno;
		close(fd);
		unlink(o->tmp);
		cli_error("%s kan niet worden geschreven: %s.", path, errno_text(e));
		freep(&o->tmp);
		freep(&o->target);
		return IBIS_EINPUT;
	}
	return 0;
}

/* Finish the output: when keep, flush it and put the file in place; else (or
 * when that fails) remove what was written. Prints why a write failed and
 * returns 2 then, else 0. */
static int out_close(struct out_file *o, bool keep)
{
	bool failed = false;
	errno = 0;
	if (keep && (fflush(o->f) != 0 || ferror(o->f))) {
		note_errno(o, errno);
		failed = true;
	}
	if (keep && !failed && o->tmp && fsync(fileno(o->f)) != 0) {
		note_errno(o, errno);
		failed = true;
	}
	if (o->f != stdout && fclose(o->f) != 0 && keep && !failed) {
		note_errno(o, errno);
		failed = true;
	}
	o->f = NULL;
	if (keep && !failed && o->tmp && rename(o->tmp, o->target) != 0) {
		note_errno(o, errno);
		failed = true;
	}
	if (o->tmp && (failed || !keep))
		unlink(o->tmp);
	freep(&o->tmp);
	freep(&o->target);
	if (!failed)
		return 0;
	cli_error("Schrijven naar %s is mislukt: %s.", o->name, errno_text(o->sys_errno));
	return IBIS_EINPUT;
}

int cli_write_document(const struct app *app, const char *path, const char *text)
{
	struct out_file o;
	int st = out_open(app, path, &o);
	if (st)
		return st;
	errno = 0;
	size_t len = strlen(text);
	if (fwrite(text, 1, len, o.f) != len)
		note_errno(&o, errno);
	st = out_close(&o, o.sys_errno == 0);
	if (o.sys_errno && !st) {
		cli_error("Schrijven naar %s is mislukt: %s.", o.name, errno_text(o.sys_errno));
		st = IBIS_EINPUT;
	}
	return st;
}

/* ================================================================ pupils */

/* The header of DESIGN.md; import reads the same. */
static const char *const pupil_columns[] = {
	"Id", "Leerlingnummer", "Roepnaam", "Tussenvoegsel", "Achternaam",
	"Geboortedatum", "Groep", "School", "Status",
};

struct export_out {
	struct csv_writer w;
	struct out_file *o;
};

static void note_failure(struct export_out *x)
{
	if (x->w.failed)
		note_errno(x->o, errno);
}

static int write_pupil(const struct pupil_export_row *row, void *ctx)
{
	struct export_out *x = ctx;
	struct csv_writer *w = &x->w;
	char date[DATE_NL_LEN];
	csv_field_int(w, row->id);
	csv_field(w, row->number);
	csv_field(w, row->first_name);
	csv_field(w, row->tussenvoegsel);
	csv_field(w, row->last_name);
	csv_field(w, date_format_nl(row->birth_date, date));
	csv_field(w, row->group_name);
	csv_field(w, row->school_name);
	csv_field(w, row->status);
	csv_end_row(w);
	note_failure(x);
	return w->failed; /* a closed pipe or full disk ends the walk */
}

static int export_pupils(struct app *app, const struct cli_args *a)
{
	static const char *const allowed[] = {"all", "output", NULL};
	int st = cli_only_options(a, "export pupils", allowed);
	if (st)
		return st;
	if (a->words.len > 1) {
		cli_error("Onverwacht argument ‘%s’ bij ‘ibis export pupils’.", a->words.items[1]);
		fputs("Zie ‘ibis --help’.\n", stderr);
		return IBIS_EUSAGE;
	}
	if ((st = cli_open_existing(app)) != 0)
		return st;

	struct out_file o;
	if ((st = out_open(app, a->output, &o)) != 0)
		return st;
	struct export_out x = {.o = &o};
	errno = 0;
	csv_writer_init(&x.w, o.f, ';');
	for (size_t i = 0; i < ARRAY_LEN(pupil_columns); i++)
		csv_field(&x.w, pupil_columns[i]);
	csv_end_row(&x.w);
	note_failure(&x);

	struct ibis_error err = {0};
	enum ibis_status dbst = IBIS_OK;
	if (!x.w.failed)
		dbst = db_pupil_export(app->db, a->all, schoolyear_of(date_today()), write_pupil, &x,
				       &err);
	errno = 0;
	if (!csv_writer_finish(&x.w) || x.w.failed)
		note_failure(&x);
	bool written = !x.w.failed;
	if (!written) {
		/* out_close reports the write error it was given */
		out_close(&o, false);
		cli_error("Schrijven naar %s is mislukt: %s.", o.name, errno_text(o.sys_errno));
		return IBIS_EINPUT;
	}
	if (dbst != IBIS_OK) {
		out_close(&o, false);
		return cli_report(&err, app->verbose);
	}
	return out_close(&o, true);
}

/* ============================================================== timeline */

/* Everything the document shows, gathered from the database. */
struct timeline_parts {
	struct pupil pupil;
	struct school school;
	struct placement placement;
	struct level_episode *episodes;
	int nepisodes;
	struct arrangement *arrangements;
	int narrangements;
	struct tl_item *items;
	int nitems;
	int nshown; /* items[0..nshown) are not restricted */
};

static void parts_free(struct timeline_parts *t)
{
	pupil_clear(&t->pupil);
	school_clear(&t->school);
	placement_clear(&t->placement);
	level_episodes_free(t->episodes, t->nepisodes);
	arrangements_free(t->arrangements, t->narrangements);
	tl_items_free(t->items, t->nitems);
}

/* Leave out the restricted events (medical, safeguarding): the document is
 * for parents, and may be read by anyone they show it to. The shown items
 * come first (in their order), the others after them, so that all are still
 * freed. */
static void drop_restricted(struct timeline_parts *t)
{
	struct tl_item *sorted = xcalloc((size_t)t->nitems + 1, sizeof(*sorted));
	int k = 0;
	for (int i = 0; i < t->nitems; i++)
		if (!t->items[i].restricted)
			sorted[k++] = t->items[i];
	t->nshown = k;
	for (int i = 0; i < t->nitems; i++)
		if (t->items[i].restricted)
			sorted[k++] = t->items[i];
	free(t->items);
	t->items = sorted;
}

static int export_timeline(struct app *app, const struct cli_args *a)
{
	static const char *const allowed[] = {"format", "output", NULL};
	int st = cli_only_options(a, "export timeline", allowed);
	if (st)
		return st;
	if (a->words.len != 2) {
		cli_error("‘ibis export timeline’ vraagt één leerling: "
			  "ibis export timeline LEERLING.");
		fputs("Zie ‘ibis --help’.\n", stderr);
		return IBIS_EUSAGE;
	}
	enum timeline_format format = TIMELINE_MD;
	if (a->format && !timeline_format_parse(a->format, &format)) {
		cli_error("Onbekend formaat ‘%s’ bij --format; kies md of html.", a->format);
		return IBIS_EINPUT;
	}
	if ((st = cli_open_existing(app)) != 0)
		return st;

	struct timeline_parts t = {0};
	struct ibis_error err = {0};
	ibis_date today = date_today();
	if ((st = cli_pick_pupil(app, a->words.items[1], &t.pupil)) != 0)
		goto out;
	struct tl_query q = {.pupil_id = t.pupil.id, .kind = NULL, .with_restricted = false};
	if (db_school_get(app->db, t.pupil.school_id, &t.school, &err) != IBIS_OK ||
	    db_pupil_placement(app->db, t.pupil.id, schoolyear_of(today), &t.placement, &err) !=
		    IBIS_OK ||
	    db_level_history(app->db, t.pupil.id, &t.episodes, &t.nepisodes, &err) != IBIS_OK ||
	    db_arrangement_list(app->db, t.pupil.id, &t.arrangements, &t.narrangements, &err) !=
		    IBIS_OK ||
	    db_timeline(app->db, &q, &t.items, &t.nitems, &err) != IBIS_OK) {
		st = cli_report(&err, app->verbose);
		goto out;
	}
	drop_restricted(&t);
	const struct level_model *m = domain_model(&app->dom, t.school.level_model);
	if (!m) {
		cli_error("Het niveaumodel ‘%s’ van %s staat niet bij de gegevensbestanden; kies een "
			  "ander model met ‘ibis levels remap --school %lld --to MODEL’.",
			  t.school.level_model ? t.school.level_model : "", t.school.name,
			  (long long)t.school.id);
		st = IBIS_EINPUT;
		goto out;
	}

	struct timeline_doc doc = {
		.pupil = &t.pupil,
		.school = t.school.name,
		.group = t.placement.group_name,
		.model = m,
		.episodes = t.episodes,
		.nepisodes = t.nepisodes,
		.arrangements = t.arrangements,
		.narrangements = t.narrangements,
		.items = t.items,
		.nitems = t.nshown,
		.today = today,
	};
	char *text = timeline_render(&doc, format);
	st = cli_write_document(app, a->output, text);
	free(text);
out:
	parts_free(&t);
	return st;
}

/* ================================================================== plan */

/* The plan named by arg, its Id. Prints why not and returns the exit status
 * (2 for no such plan, 3 for the database), else 0 with out loaded. */
static int pick_plan(struct app *app, const char *arg, struct plan_doc *out)
{
	char *end = NULL;
	long long id = cli_all_digits(arg) ? strtoll(arg, &end, 10) : 0;
	if (id <= 0 || id == LLONG_MAX) {
		cli_error("‘%s’ is geen plan: noem een plan bij zijn Id (een getal).", arg);
		return IBIS_EINPUT;
	}
	struct ibis_error err = {0};
	bool found = false;
	if (db_plan_load(app->db, (ibis_id)id, out, &found, &err) != IBIS_OK)
		return cli_report(&err, app->verbose);
	if (!found) {
		cli_error("Er is geen plan met Id %lld.", id);
		return IBIS_EINPUT;
	}
	return 0;
}

static int export_plan(struct app *app, const struct cli_args *a)
{
	static const char *const allowed[] = {"format", "output", NULL};
	int st = cli_only_options(a, "export plan", allowed);
	if (st)
		return st;
	if (a->words.len != 2) {
		cli_error("‘ibis export plan’ vraagt één plan: ibis export plan ID.");
		fputs("Zie ‘ibis --help’.\n", stderr);
		return IBIS_EUSAGE;
	}
	enum doc_format format = DOC_MD;
	if (a->format && !doc_format_parse(a->format, &format)) {
		cli_error("Onbekend formaat ‘%s’ bij --format; kies md of html.", a->format);
		return IBIS_EINPUT;
	}
	if ((st = cli_open_existing(app)) != 0)
		return st;

	struct plan_doc doc;
	plandoc_init(&doc);
	char *text = NULL;
	struct ibis_error err = {0};
	if ((st = pick_plan(app, a->words.items[1], &doc)) != 0)
		goto out;
	if (app_plan_render(app, &doc, format, &text, &err) != IBIS_OK) {
		st = cli_report(&err, app->verbose);
		goto out;
	}
	st = cli_write_document(app, a->output, text);
out:
	free(text);
	plandoc_free(&doc);
	return st;
}

/* ================================================================== main */

int cmd_export(struct app *app, const struct cli_args *a)
{
	const char *what = a->words.items[0];
	if (strcmp(what, "pupils") == 0)
		return export_pupils(app, a);
	if (strcmp(what, "timeline") == 0)
		return export_timeline(app, a);
	if (strcmp(what, "plan") == 0)
		return export_plan(app, a);
	if (strcmp(what, "sop") == 0)
		return cmd_export_sop(app, a);
	if (strcmp(what, "grid") == 0)
		return cmd_export_grid(app, a);
	cli_error("Onbekende export ‘%s’; kies ‘pupils’, ‘timeline’, ‘plan’, ‘sop’ of ‘grid’.",
		  what);
	fputs("Zie ‘ibis --help’.\n", stderr);
	return IBIS_EUSAGE;
}
