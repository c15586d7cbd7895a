/* test_config.c - configuration layering, the key table and the paths. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ibis/app.h"
#include "ibis/config.h"
#include "ibis/util.h"

/* Every test gets its own folder with an (empty) system folder, a home and an
 * XDG config folder, so no real configuration of the user can leak in. */
static char *dir, *sysdir, *xdg;

static void setup(void)
{
	dir = th_tmpdir();
	sysdir = path_join(dir, "etc-ibis");
	xdg = path_join(dir, "xdg");
	char *home = path_join(dir, "home");
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	unsetenv("XDG_DATA_HOME");
	free(home);
}

static void teardown(void)
{
	th_rmtree(dir);
	free(dir);
	free(sysdir);
	free(xdg);
}

TestSuite(config, .init = setup, .fini = teardown);

static enum ibis_status load(struct ibis_config *cfg, const char *config_file, bool system_only,
			     struct ibis_error *err)
{
	struct config_source src = {
		.datadir = th_datadir(),
		.config_file = config_file,
		.system_only = system_only,
		.sysconfdir = sysdir,
	};
	return config_load(cfg, &src, err);
}

static char *write_system(const char *content)
{
	return th_write(dir, "etc-ibis/ibis.ini", content);
}

static char *write_user(const char *content)
{
	return th_write(dir, "xdg/ibis/ibis.ini", content);
}

Test(config, shipped_defaults)
{
	struct ibis_config cfg;
	struct ibis_error err = {0};
	cr_assert_eq(load(&cfg, NULL, false, &err), IBIS_OK, "%s", err.message);
	cr_assert_null(cfg.db_path);
	cr_assert_eq(cfg.busy_timeout_ms, 5000);
	cr_assert_str_eq(cfg.level_model, "4-niveaus");
	cr_assert_eq(cfg.groepsbesprekingen, 3);
	cr_assert(cfg.colour);
	cr_assert_eq(cfg.escdelay_ms, 25);
	cr_assert_not(cfg.school_weeks);
	cr_assert_null(cfg.holidays);
	cr_assert_str_eq(cfg.datadir, th_datadir());
	cr_assert_str_eq(cfg.sysconfdir, sysdir);
	char *shipped = path_join(th_datadir(), "ibis.ini");
	cr_assert_str_eq(cfg.files_read, shipped);
	/* the line of niveaumodel in data/ibis.ini, counted here */
	FILE *fp = fopen(shipped, "r");
	cr_assert_not_null(fp);
	char buf[1024];
	int line = 0, found = 0;
	while (!found && fgets(buf, sizeof(buf), fp)) {
		line++;
		if (str_starts(buf, "niveaumodel"))
			found = line;
	}
	fclose(fp);
	cr_assert_gt(found, 0);
	char *where = xasprintf("%s:%d", shipped, found);
	cr_assert_str_eq(cfg.level_model_where, where);
	free(where);
	free(shipped);
	config_free(&cfg);
	cr_assert_null(cfg.level_model);
}

Test(config, user_file_overrides_one_key)
{
	char *user = write_user("; mine\n[scherm]\nkleur = nee\n");
	struct ibis_config cfg;
	struct ibis_error err = {0};
	cr_assert_eq(load(&cfg, NULL, false, &err), IBIS_OK, "%s", err.message);
	cr_assert_not(cfg.colour);
	cr_assert_eq(cfg.escdelay_ms, 25);
	cr_assert_eq(cfg.groepsbesprekingen, 3);
	cr_assert_str_eq(cfg.level_model, "4-niveaus");
	char *shipped = path_join(th_datadir(), "ibis.ini");
	char *files = xasprintf("%s, %s", shipped, user);
	cr_assert_str_eq(cfg.files_read, files);
	free(files);
	free(shipped);
	config_free(&cfg);
	free(user);
}

Test(config, home_config_without_xdg)
{
	unsetenv("XDG_CONFIG_HOME");
	char *user = th_write(dir, "home/.config/ibis/ibis.ini", "[school]\ngroepsbesprekingen = 5\n");
	struct ibis_config cfg;
	struct ibis_error err = {0};
	cr_assert_eq(load(&cfg, NULL, false, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(cfg.groepsbesprekingen, 5);
	cr_assert(strstr(cfg.files_read, user));
	config_free(&cfg);
	free(user);
}

Test(config, system_then_user)
{
	char *sys = write_system("[school]\ngroepsbesprekingen = 4\nniveaumodel = \"6-lagen\"\n"
				 "[scherm]\nkleur = nee\n");
	char *user = write_user("[scherm]\nkleur = ja\n");
	struct ibis_config cfg;
	struct ibis_error err = {0};
	cr_assert_eq(load(&cfg, NULL, false, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(cfg.groepsbesprekingen, 4);
	cr_assert_str_eq(cfg.level_model, "6-lagen");
	char *where = xasprintf("%s:3", sys);
	cr_assert_str_eq(cfg.level_model_where, where);
	free(where);
	cr_assert(cfg.colour);
	config_free(&cfg);

	/* running setgid: the user's file is not read */
	cr_assert_eq(load(&cfg, NULL, true, &err), IBIS_OK, "%s", err.message);
	cr_assert_not(cfg.colour);
	cr_assert_null(strstr(cfg.files_read, user));
	config_free(&cfg);
	free(sys);
	free(user);
}

Test(config, config_file_replaces_system_and_user)
{
	char *sys = write_system("[school]\ngroepsbesprekingen = 4\n");
	char *user = write_user("[scherm]\nkleur = nee\n");
	char *own = th_write(dir, "own.ini", "[scherm]\nescdelay_ms = 50\n[database]\n"
					     "pad = \"/srv/ibis/school.db\"\n");
	struct ibis_config cfg;
	struct ibis_error err = {0};
	cr_assert_eq(load(&cfg, own, false, &err), IBIS_OK, "%s", err.message);
	cr_assert_eq(cfg.escdelay_ms, 50);
	cr_assert_eq(cfg.groepsbesprekingen, 3);
	cr_assert(cfg.colour);
	cr_assert_str_eq(cfg.db_path, "/srv/ibis/school.db");
	char *shipped = path_join(th_datadir(), "ibis.ini");
	char *files = xasprintf("%s, %s", shipped, own);
	cr_assert_str_eq(cfg.files_read, files);
	free(files);
	free(shipped);
	config_free(&cfg);
	free(sys);
	free(user);
	free(own);
}

Test(config, config_file_must_exist)
{
	char *missing = path_join(dir, "nope.ini");
	struct ibis_config cfg;
	struct ibis_error err = {0};
	cr_assert_eq(load(&cfg, missing, false, &err), IBIS_EINPUT);
	char *want = xasprintf("kan configuratiebestand %s niet lezen: ", missing);
	cr_assert(str_starts(err.message, want), "%s", err.message);
	free(want);
	config_free(&cfg);
	free(missing);

	cr_assert_eq(load(&cfg, dir, false, &err), IBIS_EINPUT);
	want = xasprintf("kan configuratiebestand %s niet lezen: het is een map", dir);
	cr_assert_str_eq(err.message, want);
	free(want);
	config_free(&cfg);
}

Test(config, unknown_key_with_line)
{
	char *user = write_user("[database]\nwachttijd_ms = 100\n\n[scherm]\nkleur = ja\nkleuren = nee\n");
	struct ibis_config cfg;
	struct ibis_error err = {0};
	cr_assert_eq(load(&cfg, NULL, false, &err), IBIS_EINPUT);
	char *want = xasprintf("%s:6: kleuren: onbekende sleutel", user);
	cr_assert_str_eq(err.message, want);
	free(want);
	config_free(&cfg);
	free(user);
}

Test(config, unknown_section)
{
	char *own = th_write(dir, "own.ini", "[scherm]\nkleur = ja\n[kleuren]\nrood = 1\n");
	struct ibis_config cfg;
	struct ibis_error err = {0};
	cr_assert_eq(load(&cfg, own, false, &err), IBIS_EINPUT);
	char *want = xasprintf("%s:3: [kleuren]: onbekende sectie (bekend: [database], [school], "
			       "[scherm])",
			       own);
	cr_assert_str_eq(err.message, want);
	free(want);
	config_free(&cfg);
	free(own);
}

Test(config, bad_values)
{
	static const struct {
		const char *content;
		const char *expect;
	} cases[] = {
		{"[database]\nwachttijd_ms = snel\n", "2: wachttijd_ms: geen getal: „snel”"},
		{"[database]\n\nwachttijd_ms = 600001\n",
		 "3: wachttijd_ms: 600001 ligt niet tussen 0 en 600000"},
		{"[school]\ngroepsbesprekingen = -1\n",
		 "2: groepsbesprekingen: -1 ligt niet tussen 0 en 20"},
		{"[scherm]\nkleur = soms\n", "2: kleur: geen ja of nee: „soms”"},
		{"[scherm]\nescdelay_ms = 1001\n", "2: escdelay_ms: 1001 ligt niet tussen 0 en 1000"},
		{"[school]\nniveaumodel = \"\"\n", "2: niveaumodel: mag niet leeg zijn"},
		{"[school]\n\nweken = werkweken\n",
		 "3: weken: onbekend woord „werkweken” (kalenderweken of schoolweken)"},
		{"[school]\nweken = ja\n", "2: weken: onbekend woord „ja” (kalenderweken of schoolweken)"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *own = th_write(dir, "own.ini", cases[i].content);
		struct ibis_config cfg;
		struct ibis_error err = {0};
		cr_assert_eq(load(&cfg, own, false, &err), IBIS_EINPUT, "case %zu", i);
		char *want = xasprintf("%s:%s", own, cases[i].expect);
		cr_assert_str_eq(err.message, want);
		free(want);
		config_free(&cfg);
		free(own);
	}
}

Test(config, empty_pad_means_default)
{
	char *sys = write_system("[database]\npad = \"/srv/a.db\"\n");
	char *user = write_user("[database]\npad = \"\"\n");
	struct ibis_config cfg;
	struct ibis_error err = {0};
	cr_assert_eq(load(&cfg, NULL, false, &err), IBIS_OK, "%s", err.message);
	cr_assert_null(cfg.db_path);
	config_free(&cfg);
	free(sys);
	free(user);
}

Test(config, missing_datadir)
{
	char *nodir = path_join(dir, "geen-data");
	struct config_source src = {.datadir = nodir, .sysconfdir = sysdir};
	struct ibis_config cfg;
	struct ibis_error err = {0};
	cr_assert_eq(config_load(&cfg, &src, &err), IBIS_EINPUT);
	char *want = xasprintf("de datamap %s bestaat niet; geef de juiste map met --datadir", nodir);
	cr_assert_str_eq(err.message, want);
	free(want);
	config_free(&cfg);
	free(nodir);
}

Test(config, db_path)
{
	struct ibis_config cfg;
	struct ibis_error err = {0};
	cr_assert_eq(load(&cfg, NULL, false, &err), IBIS_OK, "%s", err.message);
	char *p = config_db_path(&cfg, "/x/y.db");
	cr_assert_str_eq(p, "/x/y.db");
	free(p);

	char *want = xasprintf("%s/home/.local/share/ibis/ibis.db", dir);
	p = config_db_path(&cfg, NULL);
	cr_assert_str_eq(p, want);
	free(p);
	free(want);

	setenv("XDG_DATA_HOME", "/data/home", 1);
	p = config_db_path(&cfg, "");
	cr_assert_str_eq(p, "/data/home/ibis/ibis.db");
	free(p);

	cfg.db_path = xstrdup("~/scholen/ibis.db");
	want = xasprintf("%s/home/scholen/ibis.db", dir);
	p = config_db_path(&cfg, NULL);
	cr_assert_str_eq(p, want);
	free(p);
	free(want);
	free(cfg.db_path);
	cfg.db_path = xstrdup("/srv/ibis.db");
	p = config_db_path(&cfg, NULL);
	cr_assert_str_eq(p, "/srv/ibis.db");
	free(p);
	config_free(&cfg);
}

Test(config, data_file_prefers_the_schools_own)
{
	struct ibis_config cfg;
	struct ibis_error err = {0};
	cr_assert_eq(load(&cfg, NULL, false, &err), IBIS_OK, "%s", err.message);
	char *shipped = path_join(th_datadir(), "levels/6-lagen.ini");
	char *p = config_data_file(&cfg, "levels/6-lagen.ini");
	cr_assert_str_eq(p, shipped);
	free(p);
	char *own = th_write(dir, "etc-ibis/levels/6-lagen.ini", "[model]\n");
	p = config_data_file(&cfg, "levels/6-lagen.ini");
	cr_assert_str_eq(p, own);
	free(p);
	/* a file the school does not have still comes from the data folder */
	p = config_data_file(&cfg, "levels/4-niveaus.ini");
	char *other = path_join(th_datadir(), "levels/4-niveaus.ini");
	cr_assert_str_eq(p, other);
	free(p);
	free(other);
	free(own);
	free(shipped);
	config_free(&cfg);
}

Test(config, describe_lists_every_key)
{
	struct ibis_config cfg;
	struct ibis_error err = {0};
	char *user = write_user("[school]\nniveaumodel = \"6-lagen\"\n");
	cr_assert_eq(load(&cfg, NULL, false, &err), IBIS_OK, "%s", err.message);
	char *text = config_describe(&cfg);
	static const char *const lines[] = {
		"[database]\n", "pad = \"\"", "wachttijd_ms = 5000", "[school]\n",
		"niveaumodel = \"6-lagen\"", "groepsbesprekingen = 3", "[scherm]\n", "kleur = ja",
		"escdelay_ms = 25", "weken = kalenderweken", "vakanties = \"\"",
	};
	for (size_t i = 0; i < ARRAY_LEN(lines); i++)
		cr_assert(strstr(text, lines[i]), "missing %s in:\n%s", lines[i], text);
	free(text);
	config_free(&cfg);
	free(user);
}

/* ============================================================ weeks and holidays */

/* The line of key in the shipped data/ibis.ini, counted here. */
static int shipped_line(const char *key)
{
	char *shipped = path_join(th_datadir(), "ibis.ini");
	FILE *fp = fopen(shipped, "r");
	cr_assert_not_null(fp);
	char buf[1024];
	int line = 0, found = 0;
	while (!found && fgets(buf, sizeof(buf), fp)) {
		line++;
		if (str_starts(buf, key))
			found = line;
	}
	fclose(fp);
	free(shipped);
	return found;
}

Test(config, weeks_and_holidays)
{
	struct ibis_config cfg;
	struct ibis_error err = {0};
	cr_assert_eq(load(&cfg, NULL, false, &err), IBIS_OK, "%s", err.message);
	char *where = xasprintf("%s/ibis.ini:%d", th_datadir(), shipped_line("vakanties ="));
	cr_assert_gt(shipped_line("vakanties ="), 0);
	cr_assert_gt(shipped_line("weken ="), 0);
	cr_assert_str_eq(cfg.holidays_where, where);
	free(where);
	config_free(&cfg);

	char *user = write_user("[school]\nweken = schoolweken\n"
				"vakanties = \"19-10-2026 t/m 23-10-2026, 21-12-2026 t/m 01-01-2027\"\n");
	cr_assert_eq(load(&cfg, NULL, false, &err), IBIS_OK, "%s", err.message);
	cr_assert(cfg.school_weeks);
	cr_assert_str_eq(cfg.holidays, "19-10-2026 t/m 23-10-2026, 21-12-2026 t/m 01-01-2027");
	where = xasprintf("%s:3", user);
	cr_assert_str_eq(cfg.holidays_where, where);
	free(where);
	char *text = config_describe(&cfg);
	cr_assert(strstr(text, "weken = schoolweken"), "%s", text);
	free(text);
	config_free(&cfg);
	cr_assert_null(cfg.holidays);
	free(user);

	/* a later file may empty the list again */
	char *sys = write_system("[school]\nvakanties = \"01-01-2027\"\n");
	user = write_user("[school]\nvakanties = \"\"\n");
	cr_assert_eq(load(&cfg, NULL, false, &err), IBIS_OK, "%s", err.message);
	cr_assert_null(cfg.holidays);
	cr_assert_not(cfg.school_weeks);
	config_free(&cfg);
	free(sys);
	free(user);
}

Test(config, app_reads_the_holidays)
{
	char *own = th_write(dir, "own.ini", "[school]\nweken = schoolweken\n"
					     "vakanties = \"21-12-2026 t/m 01-01-2027, 19-10-2026 t/m "
					     "23-10-2026\"\n");
	struct app_options opt = {.config_file = own, .datadir = th_datadir(), .today = DATE_NONE};
	struct app app;
	struct ibis_error err = {0};
	cr_assert_eq(app_init(&app, &opt, &err), IBIS_OK, "%s", err.message);
	cr_assert(app.cal.school_weeks);
	cr_assert_eq(app.cal.nholidays, 2);
	ibis_date d;
	cr_assert(date_parse("2026-10-19", &d));
	cr_assert_eq(app.cal.holidays[0].from, d);
	app_free(&app);
	cr_assert_null(app.cal.holidays);
	free(own);
}

Test(config, bad_holiday_stops_with_file_and_line)
{
	char *own = th_write(dir, "own.ini", "[school]\nweken = schoolweken\n"
					     "vakanties = \"19-10-2026 t/m 23-10-2026, 30-02-2027\"\n");
	struct app_options opt = {.config_file = own, .datadir = th_datadir(), .today = DATE_NONE};
	struct app app;
	struct ibis_error err = {0};
	cr_assert_eq(app_init(&app, &opt, &err), IBIS_EINPUT);
	char *want = xasprintf("%s:3: vakanties: vakantie 2: '30-02-2027': geen geldige datum", own);
	cr_assert_str_eq(err.message, want);
	free(want);
	app_free(&app);
	free(own);
}
