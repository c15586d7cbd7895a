/* cli.h - the command line: global options and subcommands. */
#ifndef IBIS_CLI_H
#define IBIS_CLI_H

struct app;

/* Run ibis with argv. With no subcommand, calls run_tui with the opened app
 * (so the command-line library does not depend on the screens). Returns the
 * process exit status (0-4, see ibis(1)). */
int cli_main(int argc, char **argv, int (*run_tui)(struct app *app));

#endif
