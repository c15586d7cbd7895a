/* cli_internal.h - what the files of src/cli share: the parsed command line
 * and the helpers every subcommand uses to report.
 *
 * cli.c parses the global options and the subcommand's own in one table, so
 * that the global ones may come before or after the subcommand; each cmd_*.c
 * then only runs with the values it finds here.
 */
#ifndef IBIS_CLI_INTERNAL_H
#define IBIS_CLI_INTERNAL_H

#include <stdbool.h>

#include "ibis/app.h"
#include "ibis/date.h"
#include "ibis/error.h"
#include "ibis/records.h"
#include "ibis/util.h"

/* The subcommands' own options, all in one place: each subcommand accepts
 * only its own (cli.c's command table says which). */
struct cli_args {
	const char *school; /* init --school; import, jaarovergang, levels, report,
			     * export sop/grid --school (an Id, BRIN or name) */
	const char *brin;   /* init --brin */
	const char *model;  /* init, demo --model */
	bool force;         /* init, demo --force */
	int pupils;         /* demo --pupils (0 = default) */
	unsigned seed;      /* demo --seed */
	bool all;           /* export --all */
	const char *output; /* export --output (NULL = stdout) */
	const char *format; /* export timeline, plan, sop, grid, report --format
			     * (NULL = default) */
	const char *as;     /* export sop --as sop|schoolgids (NULL = sop) */
	struct strlist maps; /* import --map Kolom=veld; levels remap --map OUD=NIEUW,...;
			      * in the order given */
	bool dry_run;        /* import --dry-run */
	const char *skip_invalid; /* import --skip-invalid FILE (NULL = all or nothing) */
	int year;               /* jaarovergang, export sop/grid, report grid --year
				 * (0 = not given) */
	struct strlist doubles; /* jaarovergang --doubles L, --skips L, --leaves L=B, */
	struct strlist skips;   /* --group L=G[:J]: each in the order given */
	struct strlist leaves;
	struct strlist choices;
	bool apply;             /* jaarovergang, levels remap --apply */
	const char *to;         /* levels remap --to MODEL */
	ibis_date date;         /* levels, report --date (DATE_NONE = today) */
	const char *reason;     /* levels set --reason, --meeting, --regie, */
	const char *meeting;    /* --betrokkenen (NULL when not given) */
	const char *regie;
	const char *betrokkenen;
	struct strlist words; /* the arguments after the subcommand ("pupils") */
};

/* Print "ibis: <message>" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print err (and its detail when verbose) and return its status. */
int cli_report(const struct ibis_error *err, bool verbose);
/* Open the existing database of app for a command; on failure print why (with
 * the hint to run ibis init or ibis demo when it is missing) and return the
 * exit status, else 0. */
int cli_open_existing(struct app *app);
/* Refuse to overwrite app->db_path unless force: exit status 2 with a message
 * when it exists and !force; with force remove it and its -wal and -shm files
 * (a failure to remove is status 3). 0 when the path is free. */
int cli_make_room(const struct app *app, bool force);
/* Remove a database file made by a command that then failed, with its -wal
 * and -shm, so no half-made database stays behind. */
void cli_remove_db(const char *path);
/* Validate a level model id against the domain; NULL model means the
 * config's. Prints the error (naming the known models) and returns 2, or 0
 * with *out set to the model. */
int cli_pick_model(const struct app *app, const char *model, const struct level_model **out);
/* The subcommands that share one option table (export, levels) accept only
 * some of its options per kind: refuse (status 1, with a message naming the
 * option and command, e.g. "levels set") any option given that is not in
 * allowed (a NULL-terminated list of long option names). 0 when none. */
int cli_only_options(const struct cli_args *a, const char *command,
		     const char *const *allowed);
/* Write a whole document to the file named by path (NULL: standard output),
 * beside its final name and renamed over it once complete, so that a failure
 * leaves no half file (cmd_export.c). Prints why not and returns the exit
 * status (2 when it cannot be written), else 0. */
int cli_write_document(const struct app *app, const char *path, const char *text);
/* True when s is a non-empty run of ASCII digits. */
bool cli_all_digits(const char *s);
/* The school named by want: its Id, BRIN code, name, or a part of its name
 * that fits one school; NULL: the only school of the database. Prints why not
 * and returns the exit status (1 when the database has several schools and
 * want is NULL, 2 for an unknown or ambiguous name, 3 for the database), else
 * 0 with *id set. The database must be open. */
int cli_pick_school(struct app *app, const char *want, ibis_id *id);
/* The pupil named by arg: its Id or its leerlingnummer (at any school; a
 * number that fits several pupils, or the Id of one and the leerlingnummer of
 * another, is refused with the candidates listed). Prints why not and returns
 * the exit status (2 unknown or ambiguous, 3 database), else 0 with *p read
 * from the database (the caller clears it with pupil_clear). */
int cli_pick_pupil(struct app *app, const char *arg, struct pupil *p);

/* The pupils at school whose current level does not fit the model of their
 * school (another model, or above its number of levels), for each of the n
 * schools given: (*per)[i] has (*nper)[i] of them, in name order. A school
 * whose model is not among the data files gets none. Free with
 * cli_level_misfits_free (also after a failure). */
struct level_misfit;
enum ibis_status cli_level_misfits(struct app *app, const struct school *schools, int n,
				   struct level_misfit ***per, int **nper, struct ibis_error *err);
void cli_level_misfits_free(struct level_misfit **per, int *nper, int n);

/* The subcommands: each returns the exit status (see ibis(1)). */
int cmd_init(struct app *app, const struct cli_args *a);
int cmd_demo(struct app *app, const struct cli_args *a);
int cmd_check(struct app *app, const struct cli_args *a);
int cmd_export(struct app *app, const struct cli_args *a);
int cmd_import(struct app *app, const struct cli_args *a);
int cmd_jaarovergang(struct app *app, const struct cli_args *a);
int cmd_levels(struct app *app, const struct cli_args *a);
int cmd_report(struct app *app, const struct cli_args *a);
/* The school side (cmd_sop.c): ibis export sop, ibis export grid and ibis
 * report grid, reached through cmd_export and cmd_report. */
int cmd_export_sop(struct app *app, const struct cli_args *a);
int cmd_export_grid(struct app *app, const struct cli_args *a);
int cmd_report_grid(struct app *app, const struct cli_args *a);

#endif
