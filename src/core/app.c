/* app.c - see app.h. */
#include "ibis/app.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ibis/util.h"

/* The login of the real user id. Never $USER: on a shared school server the
 * environment is the user's to change, and roles hang on this name. A uid
 * without a passwd entry (a container) gets its number, so that the audit log
 * still tells users apart. Caller frees. */
static char *real_login(void)
{
	uid_t uid = getuid();
	struct passwd *pw = getpwuid(uid);
	if (pw && !str_empty(pw->pw_name))
		return xstrdup(pw->pw_name);
	return xasprintf("uid%lu", (unsigned long)uid);
}

enum ibis_status app_init(struct app *app, const struct app_options *opt, struct ibis_error *err)
{
	memset(app, 0, sizeof(*app));
	app->verbose = opt->verbose;
	app->user = real_login();
	if (opt->today != DATE_NONE)
		date_set_today(opt->today);

	/* A setgid ibis on a shared server must not let a user's own file
	 * point it at another database or data folder. */
	struct config_source src = {
		.datadir = opt->datadir,
		.config_file = opt->config_file,
		.system_only = getegid() != getgid(),
	};
	enum ibis_status st = config_load(&app->cfg, &src, err);
	if (st != IBIS_OK)
		return st;
	st = domain_load(&app->dom, &app->cfg, err);
	if (st != IBIS_OK)
		return st;
	struct ibis_error cal_err = {0};
	if (plan_calendar_parse(app->cfg.holidays, app->cfg.school_weeks, &app->cal, &cal_err) !=
	    IBIS_OK) {
		const char *where = app->cfg.holidays_where ? app->cfg.holidays_where : "ibis.ini";
		return ibis_fail(err, IBIS_EINPUT, "%s: vakanties: %s", where, cal_err.message);
	}

	app->db_path_default = str_empty(opt->db_path) && str_empty(app->cfg.db_path);
	app->db_path = config_db_path(&app->cfg, str_empty(opt->db_path) ? NULL : opt->db_path);
	return IBIS_OK;
}

/* mkdir -p with mode 0700 for each folder made: the default folder holds
 * personal data of pupils (the XDG spec asks 0700 as well). */
static enum ibis_status make_folders(const char *dir, struct ibis_error *err)
{
	if (path_is_dir(dir))
		return IBIS_OK;
	char *parent = path_dirname(dir);
	enum ibis_status st = IBIS_OK;
	if (strcmp(parent, dir) != 0 && strcmp(parent, ".") != 0)
		st = make_folders(parent, err);
	free(parent);
	if (st != IBIS_OK)
		return st;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		int e = errno;
		ibis_fail(err, IBIS_EDB, "De map %s kan niet worden gemaakt: %s.", dir, strerror(e));
		if (err)
			err->fault = DBF_MISSING;
		return IBIS_EDB;
	}
	return IBIS_OK;
}

enum ibis_status app_open_db(struct app *app, enum db_mode mode, struct ibis_error *err)
{
	if (app->db) {
		db_close(app->db);
		app->db = NULL;
	}
	if (mode == DB_CREATE && app->db_path_default) {
		char *dir = path_dirname(app->db_path);
		enum ibis_status st = make_folders(dir, err);
		free(dir);
		if (st != IBIS_OK)
			return st;
	}
	struct db_options o = {
		.path = app->db_path,
		.mode = mode,
		.busy_timeout_ms = app->cfg.busy_timeout_ms,
	};
	return db_open(&app->db, &o, err);
}

void app_free(struct app *app)
{
	if (app->db)
		db_close(app->db);
	domain_free(&app->dom);
	plan_calendar_free(&app->cal);
	config_free(&app->cfg);
	free(app->db_path);
	free(app->user);
	memset(app, 0, sizeof(*app));
}
