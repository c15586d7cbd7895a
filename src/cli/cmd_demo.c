/* cmd_demo.c - ibis demo: a database with a fictional school. */
#include <stdio.h>
#include <time.h>

#include "cli_internal.h"
#include "ibis/demo.h"

static const char *plural(long long n, const char *one, const char *more)
{
	return n == 1 ? one : more;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

int cmd_demo(struct app *app, const struct cli_args *a)
{
	const struct level_model *model;
	int st = cli_pick_model(app, a->model, &model);
	if (st)
		return st;
	st = cli_make_room(app, a->force);
	if (st)
		return st;

	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct ibis_error err = {0};
	struct demo_options opt = {
		.pupils = a->pupils > 0 ? a->pupils : 240,
		.seed = a->seed,
		.level_model = model->id,
	};
	if (app_open_db(app, DB_CREATE, &err) != IBIS_OK)
		return cli_report(&err, app->verbose);
	if (demo_generate(app->db, &app->dom, &opt, model->id, &err) != IBIS_OK) {
		st = cli_report(&err, app->verbose);
		db_close(app->db);
		app->db = NULL;
		cli_remove_db(app->db_path); /* ours, and empty after the rollback */
		return st;
	}

	long long schools = db_count_rows(app->db, "schools");
	long long groups = db_count_rows(app->db, "groups");
	long long pupils = db_count_rows(app->db, "pupils");
	long long levels = db_count_rows(app->db, "level_episodes");
	long long events = db_count_rows(app->db, "events");
	long long plans = db_count_rows(app->db, "plans");
	printf("Demodatabase %s: %lld %s, %lld %s, %lld %s, %lld %s, %lld %s, %lld %s.\n",
	       app->db_path, schools, plural(schools, "school", "scholen"), groups,
	       plural(groups, "groep", "groepen"), pupils, plural(pupils, "leerling", "leerlingen"),
	       levels, plural(levels, "niveauperiode", "niveauperiodes"), events,
	       plural(events, "gebeurtenis", "gebeurtenissen"), plans,
	       plural(plans, "plan", "plannen"));
	if (app->verbose)
		fprintf(stderr, "ibis: demo gemaakt in %.2f s (startgetal %u).\n",
			seconds_since(&t0), opt.seed);
	return fflush(stdout) == 0 ? 0 : IBIS_EINPUT;
}
