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
#include "ibis/error.h"
#include "ibis/util.h"

/* The subcommands' own options, all in one place: each subcommand accepts
 * only its own (cli.c's command table says which). */
struct cli_args {
	const char *school; /* init --school; import --school (an Id, BRIN or name) */
	const char *brin;   /* init --brin */
	const char *model;  /* init, demo --model */
	bool force;         /* init, demo --force */
	int pupils;         /* demo --pupils (0 = default) */
	unsigned seed;      /* demo --seed */
	bool all;           /* export --all */
	const char *output; /* export --output (NULL = stdout) */
	struct strlist maps; /* import --map Kolom=veld, in the order given */
	bool dry_run;        /* import --dry-run */
	const char *skip_invalid; /* import --skip-invalid FILE (NULL = all or nothing) */
	int year;               /* jaarovergang --year (0 = the default year) */
	struct strlist doubles; /* jaarovergang --doubles L, --skips L, --leaves L=B, */
	struct strlist skips;   /* --group L=G[:J]: each in the order given */
	struct strlist leaves;
	struct strlist choices;
	bool apply;             /* jaarovergang --apply */
	struct strlist words; /* the arguments after the subcommand ("pupils") */
};

/* Print "ibis: <message>" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* What errno e means, in Dutch for the common cases (strerror otherwise). */
const char *cli_errno_text(int e);
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

/* The subcommands: each returns the exit status (see ibis(1)). */
int cmd_init(struct app *app, const struct cli_args *a);
int cmd_demo(struct app *app, const struct cli_args *a);
int cmd_check(struct app *app, const struct cli_args *a);
int cmd_export(struct app *app, const struct cli_args *a);
int cmd_import(struct app *app, const struct cli_args *a);
int cmd_jaarovergang(struct app *app, const struct cli_args *a);

#endif
