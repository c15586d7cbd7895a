/* cmd_export.c - ibis export pupils: the pupil list as CSV.
 *
 * An output that cannot be written (a bad path, a full disk, /dev/full) is
 * status 2, bad input, like any file the user named: status 3 is kept for the
 * database itself.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_internal.h"
#include "ibis/csv.h"
#include "ibis/date.h"
#include "ibis/db_pupil.h"

/* The header of DESIGN.md; import reads the same. */
static const char *const pupil_columns[] = {
	"Id", "Leerlingnummer", "Roepnaam", "Tussenvoegsel", "Achternaam",
	"Geboortedatum", "Groep", "School", "Status",
};

/* A half-written export file must not pass for a whole one; a device or a
 * pipe the user named is left alone. */
static void remove_partial(const char *path)
{
	struct stat sb;
	if (path && stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		unlink(path);
}

struct export_out {
	struct csv_writer w;
	int sys_errno; /* of the first failed write, 0 while none */
};

/* Keep the errno of the first failure: later calls may change it. */
static void note_failure(struct export_out *o)
{
	if (o->w.failed && !o->sys_errno)
		o->sys_errno = errno ? errno : EIO;
}

static int write_pupil(const struct pupil_export_row *row, void *ctx)
{
	struct export_out *o = ctx;
	struct csv_writer *w = &o->w;
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
	note_failure(o);
	return w->failed; /* a closed pipe or full disk ends the walk */
}

int cmd_export(struct app *app, const struct cli_args *a)
{
	const char *what = a->words.items[0];
	if (strcmp(what, "pupils") != 0) {
		cli_error("Onbekende export ‘%s’; kies ‘pupils’.", what);
		fputs("Zie ‘ibis --help’.\n", stderr);
		return IBIS_EUSAGE;
	}
	int st = cli_open_existing(app);
	if (st)
		return st;

	FILE *out = stdout;
	const char *out_name = "de standaarduitvoer";
	if (a->output) {
		struct stat os, ds;
		if (stat(a->output, &os) == 0 && stat(app->db_path, &ds) == 0 &&
		    os.st_dev == ds.st_dev && os.st_ino == ds.st_ino) {
			cli_error("%s is de database zelf; kies een ander uitvoerbestand.", a->output);
			return IBIS_EINPUT;
		}
		out = fopen(a->output, "w");
		if (!out) {
			int e = errno;
			cli_error("%s kan niet worden geschreven: %s.", a->output, cli_errno_text(e));
			return IBIS_EINPUT;
		}
		out_name = a->output;
	}

	struct export_out o = {0};
	errno = 0;
	csv_writer_init(&o.w, out, ';');
	for (size_t i = 0; i < ARRAY_LEN(pupil_columns); i++)
		csv_field(&o.w, pupil_columns[i]);
	csv_end_row(&o.w);
	note_failure(&o);

	struct ibis_error err = {0};
	enum ibis_status dbst = IBIS_OK;
	if (!o.w.failed)
		dbst = db_pupil_export(app->db, a->all, schoolyear_of(date_today()), write_pupil, &o,
				       &err);
	errno = 0;
	bool written = csv_writer_finish(&o.w) && !o.w.failed;
	note_failure(&o);
	if (out != stdout && fclose(out) != 0 && written) {
		written = false;
		o.sys_errno = errno;
	}
	int e = o.sys_errno;

	if (!written) {
		if (e)
			cli_error("Schrijven naar %s is mislukt: %s.", out_name, cli_errno_text(e));
		else
			cli_error("Schrijven naar %s is mislukt.", out_name);
		remove_partial(a->output);
		return IBIS_EINPUT;
	}
	if (dbst != IBIS_OK) {
		remove_partial(a->output);
		return cli_report(&err, app->verbose);
	}
	return 0;
}
