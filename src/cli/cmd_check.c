/* cmd_check.c - ibis check: schema version, counts and integrity. */
#include <stdio.h>
#include <stdlib.h>

#include "cli_internal.h"
#include "ibis/db_school.h"
#include "ibis/domain.h"

/* The main tables and how ibis check names them. */
static const struct {
	const char *table;
	const char *label;
} counted[] = {
	{"schools", "scholen"},
	{"groups", "groepen"},
	{"group_teachers", "leerkrachten bij groepen"},
	{"group_members", "groepsindelingen"},
	{"pupils", "leerlingen"},
	{"guardians", "ouders en verzorgers"},
	{"level_episodes", "niveauperiodes"},
	{"events", "gebeurtenissen"},
	{"plans", "plannen"},
	{"plan_fields", "planvelden"},
	{"goals", "doelen"},
	{"meetings", "besprekingen"},
	{"consents", "toestemmingen"},
	{"users", "gebruikers"},
	{"audit", "auditregels"},
};

/* Problems the database cannot see itself: a school whose level model is not
 * among the data files cannot show its pupils' levels. */
static enum ibis_status check_models(struct app *app, struct strlist *problems,
				     struct ibis_error *err)
{
	struct school *schools = NULL;
	int n = 0;
	enum ibis_status st = db_school_list(app->db, &schools, &n, err);
	if (st != IBIS_OK)
		return st;
	for (int i = 0; i < n; i++)
		if (!domain_model(&app->dom, schools[i].level_model))
			sl_addf(problems, "School %lld ‘%s’ gebruikt niveaumodel ‘%s’, "
				"dat niet bij de gegevensbestanden staat.",
				schools[i].id, schools[i].name, schools[i].level_model);
	schools_free(schools, n);
	return IBIS_OK;
}

int cmd_check(struct app *app, const struct cli_args *a)
{
	(void)a;
	int st = cli_open_existing(app);
	if (st)
		return st;

	printf("Database:      %s%s\n", db_path(app->db),
	       db_readonly(app->db) ? " (alleen lezen)" : "");
	printf("Schemaversie:  %d\n", db_schema_version());
	printf("Configuratie:  %s\n", app->cfg.files_read ? app->cfg.files_read : "(geen)");
	printf("Gegevens:      %s\n", app->cfg.datadir ? app->cfg.datadir : "(onbekend)");
	printf("Aantallen:\n");
	for (size_t i = 0; i < ARRAY_LEN(counted); i++) {
		long long n = db_count_rows(app->db, counted[i].table);
		if (n >= 0)
			printf("  %-26s %10lld\n", counted[i].label, n);
	}

	struct strlist problems = {0};
	struct ibis_error err = {0};
	if (db_check(app->db, &problems, &err) != IBIS_OK ||
	    check_models(app, &problems, &err) != IBIS_OK) {
		sl_free(&problems);
		fflush(stdout);
		return cli_report(&err, app->verbose);
	}
	if (problems.len == 0) {
		printf("Integriteit:   in orde\n");
		sl_free(&problems);
		return fflush(stdout) == 0 ? 0 : IBIS_EINPUT;
	}
	printf("Integriteit:   %zu %s\n", problems.len,
	       problems.len == 1 ? "probleem" : "problemen");
	for (size_t i = 0; i < problems.len; i++)
		printf("  - %s\n", problems.items[i]);
	fflush(stdout);
	cli_error("De database %s heeft %zu %s; zie hierboven.", db_path(app->db), problems.len,
		  problems.len == 1 ? "probleem" : "problemen");
	sl_free(&problems);
	return IBIS_EDB;
}
