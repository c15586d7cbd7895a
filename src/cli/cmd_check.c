/* cmd_check.c - ibis check: schema version, counts and integrity, and the
 * pupils whose level does not fit their school's model. */
#include <stdio.h>
#include <stdlib.h>

#include "cli_internal.h"
#include "ibis/db_level.h"
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
	{"level_corrections", "niveaucorrecties"},
	{"arrangements", "arrangementen"},
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

/* At most this many misfits are listed per school; ibis levels check lists
 * them all. */
enum { MISFITS_LISTED = 20 };

/* Pupils whose current level does not fit their school's model (another
 * model, or a level the model does not have): the screens cannot name that
 * level, and the rules cannot judge the next step. */
static enum ibis_status check_levels(struct app *app, struct strlist *problems,
				     struct ibis_error *err)
{
	struct school *schools = NULL;
	int n = 0;
	enum ibis_status st = db_school_list(app->db, &schools, &n, err);
	struct level_misfit **mf = NULL;
	int *nm = NULL;
	if (st == IBIS_OK)
		st = cli_level_misfits(app, schools, n, &mf, &nm, err);
	for (int i = 0; i < n && st == IBIS_OK; i++) {
		const struct level_model *m = domain_model(&app->dom, schools[i].level_model);
		for (int k = 0; k < nm[i] && k < MISFITS_LISTED; k++) {
			const struct level_misfit *f = &mf[i][k];
			sl_addf(problems, "Leerling %lld ‘%s’%s%s%s heeft niveau %d in model %s, dat niet "
				"past bij het model %s van %s; zie ‘ibis levels check’ en ‘ibis levels "
				"remap’.", (long long)f->pupil_id, f->name ? f->name : "",
				f->group ? " (" : "", f->group ? f->group : "", f->group ? ")" : "",
				f->level, f->model ? f->model : "?", m ? m->id : "?", schools[i].name);
		}
		if (nm[i] > MISFITS_LISTED)
			sl_addf(problems, "En nog %d leerlingen van %s met een niveau dat niet past bij "
				"het model %s; ‘ibis levels check --school %lld’ noemt ze allemaal.",
				nm[i] - MISFITS_LISTED, schools[i].name, m ? m->id : "?",
				(long long)schools[i].id);
	}
	cli_level_misfits_free(mf, nm, n);
	schools_free(schools, n);
	return st;
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
	    check_models(app, &problems, &err) != IBIS_OK ||
	    check_levels(app, &problems, &err) != IBIS_OK) {
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
