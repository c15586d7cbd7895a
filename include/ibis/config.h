/* config.h - the configuration: data/ibis.ini overridden by the system and the
 * user file, or by one --config file.
 *
 * Every key is declared once in a table in config.c (section, key, type,
 * default, target), used to load and to document; an unknown key or a bad
 * value stops the program with "FILE:LINE: key: ...".
 */
#ifndef IBIS_CONFIG_H
#define IBIS_CONFIG_H

#include <stdbool.h>

#include "ibis/error.h"

struct ibis_config {
	char *datadir;         /* where the shipped data files are */
	char *sysconfdir;      /* where a school's own files are ($(sysconfdir)/ibis) */
	char *db_path;         /* [database] pad; NULL = default */
	int busy_timeout_ms;   /* [database] wachttijd_ms */
	char *level_model;     /* [school] niveaumodel: model id for new schools */
	int groepsbesprekingen; /* [school] groepsbesprekingen: norm per school year */
	bool school_weeks;     /* [school] weken = schoolweken (default kalenderweken):
				* plan periods leave out the holidays */
	char *holidays;        /* [school] vakanties: "DATE t/m DATE, ..." or NULL */
	char *holidays_where;  /* "FILE:LINE" that set vakanties, for messages */
	bool colour;           /* [scherm] kleur */
	int escdelay_ms;       /* [scherm] escdelay_ms */
	char *files_read;      /* the config files read, ", " separated (for ibis check) */
	char *level_model_where; /* "FILE:LINE" that set niveaumodel, for messages */
};

/* Options that decide where configuration comes from. */
struct config_source {
	const char *datadir;     /* --datadir, or NULL for pkgdatadir */
	const char *config_file; /* --config, or NULL for system + user file */
	bool system_only;        /* running setgid: ignore the user's file */
	const char *sysconfdir;  /* NULL for $(sysconfdir)/ibis; tests point it at a
				  * folder of their own */
};

/* Fill cfg from datadir/ibis.ini, then $(sysconfdir)/ibis/ibis.ini and
 * $XDG_CONFIG_HOME/ibis/ibis.ini (or ~/.config/ibis/ibis.ini) when they exist, or
 * instead of those two the --config file (which must exist). Returns IBIS_OK
 * or IBIS_EINPUT with err set. Free with config_free even on failure. */
enum ibis_status config_load(struct ibis_config *cfg, const struct config_source *src,
			     struct ibis_error *err);
void config_free(struct ibis_config *cfg);

/* The database path to use: explicit (--db) when given, else [database] pad,
 * else $XDG_DATA_HOME/ibis/ibis.db (~/.local/share/ibis/ibis.db). Caller frees. */
char *config_db_path(const struct ibis_config *cfg, const char *explicit_path);

/* The file for a data file name such as "levels/6-lagen.ini": the school's own
 * in sysconfdir when it exists, else the shipped one in datadir. Caller frees. */
char *config_data_file(const struct ibis_config *cfg, const char *relpath);

/* Every configuration key with its current value and a Dutch description, in
 * the INI format (for ibis check and the curious). Caller frees. */
char *config_describe(const struct ibis_config *cfg);

#endif
