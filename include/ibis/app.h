/* app.h - what a running ibis holds: configuration, domain data, the database
 * and who is using it. Shared by the command line and the screens.
 */
#ifndef IBIS_APP_H
#define IBIS_APP_H

#include <stdbool.h>

#include "ibis/config.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/domain.h"
#include "ibis/error.h"
#include "ibis/planrules.h"

struct app_options {
	const char *db_path;     /* --db, or NULL */
	const char *config_file; /* --config, or NULL */
	const char *datadir;     /* --datadir, or NULL */
	ibis_date today;         /* --today, or DATE_NONE */
	bool verbose;
};

struct app {
	struct ibis_config cfg;
	struct domain dom;
	struct plan_calendar cal; /* how plan periods are counted ([school] weken,
				   * vakanties) */
	struct db *db;     /* NULL until app_open_db */
	char *db_path;     /* the resolved database path */
	char *user;        /* login name of the real user id */
	bool verbose;
	bool db_path_default; /* neither --db nor [database] pad: app_open_db may
			       * create the default folder ($XDG_DATA_HOME/ibis) */
};

/* Read configuration and every data file, resolve the database path and the
 * user; does not open the database. On failure the app is still safe to free. */
enum ibis_status app_init(struct app *app, const struct app_options *opt, struct ibis_error *err);
/* Open the database at app->db_path (see db_open). In DB_CREATE mode the
 * default folder is created when missing (0700); a folder named by --db or the
 * config never is. */
enum ibis_status app_open_db(struct app *app, enum db_mode mode, struct ibis_error *err);
void app_free(struct app *app);

#endif
