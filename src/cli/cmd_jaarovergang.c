/* cmd_jaarovergang.c - ibis jaarovergang: the preview of moving every pupil of
 * a school to the next group, its exceptions, and applying it.
 *
 * Without --apply nothing is written, so a script or an IB'er can look as
 * often as they like; the exceptions are given again with --apply, since the
 * plan is rebuilt from the database each time (nothing half-decided is kept
 * between runs). Pupils are named by Id or leerlingnummer, both resolved
 * against the plan itself: only a pupil who takes part can be marked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "ibis/date.h"
#include "ibis/db_jaarovergang.h"
#include "ibis/jaarovergang.h"

/* ================================================================== year */

/* The year Y to plan: --year, else the default for today. */
static int pick_year(struct app *app, ibis_id school, int want, int *year)
{
	if (want) {
		*year = want;
		return 0;
	}
	struct ibis_error err = {0};
	struct jov_year_state st[3];
	int t = schoolyear_of(date_today());
	for (int i = 0; i < 3; i++)
		if (db_jaarovergang_state(app->db, school, t - 1 + i, &st[i], &err) != IBIS_OK)
			return cli_report(&err, app->verbose);
	int y = jov_default_year(t, st, &err);
	if (y < 0) {
		int rc = cli_report(&err, app->verbose);
		cli_error("Kies het schooljaar dat de leerlingen verlaten met --year JJJJ.");
		return rc;
	}
	*year = y;
	return 0;
}

/* ============================================================ exceptions */

/* The move of the pupil named p (Id or leerlingnummer). Prints why not and
 * returns -1. */
static int find_pupil(const struct jov_plan *plan, const char *p, const char *option)
{
	char *want = str_trim(p);
	int by_id = cli_all_digits(want) ? jov_find(plan, atoll(want)) : -1, by_number = -1;
	for (int i = 0; i < plan->nmoves && by_number < 0; i++)
		if (plan->moves[i].number && strcmp(plan->moves[i].number, want) == 0)
			by_number = i;
	int found = by_id >= 0 ? by_id : by_number;
	if (by_id >= 0 && by_number >= 0 && by_id != by_number) {
		const struct jov_move *a = &plan->moves[by_id], *b = &plan->moves[by_number];
		cli_error("‘%s’ bij --%s is het Id van %s en het leerlingnummer van %s (Id %lld); "
			  "noem de leerling bij het Id.", want, option, a->name, b->name,
			  (long long)b->pupil_id);
		found = -1;
	} else if (found < 0) {
		cli_error("Leerling ‘%s’ bij --%s doet niet mee aan de jaarovergang van %s: geen "
			  "leerling van de school die nog op school is, met dat Id of leerlingnummer.",
			  want, option, plan->school_name ? plan->school_name : "deze school");
	}
	free(want);
	return found;
}

/* Split "P=VALUE" of option; *value points into a copy the caller frees
 * (returned). NULL with a message when there is no '=' or either side is
 * empty. */
static char *split_pair(const char *arg, const char *option, const char *form, char **value)
{
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg || !eq[1]) {
		cli_error("--%s vraagt %s, niet ‘%s’.", option, form, arg);
		return NULL;
	}
	char *copy = xstrdup(arg);
	copy[eq - arg] = '\0';
	*value = copy + (eq - arg) + 1;
	return copy;
}

/* Remember which option named move i, so that a pupil is not given two
 * exceptions of one kind by mistake. */
static bool once(const char **seen, int i, const char *option, const struct jov_plan *plan)
{
	if (seen[i]) {
		cli_error("%s (Id %lld) staat bij --%s en bij --%s; kies één.",
			  plan->moves[i].name, (long long)plan->moves[i].pupil_id, seen[i], option);
		return false;
	}
	seen[i] = option;
	return true;
}

static int mark_all(struct jov_plan *plan, const struct strlist *list, enum jov_mark mark,
		    const char *option, const char **seen, bool verbose)
{
	for (size_t k = 0; k < list->len; k++) {
		const char *arg = list->items[k];
		char *value = NULL, *who = NULL;
		enum leave_destination dest = LEAVE_NONE;
		if (mark == JOV_LEAVE) {
			who = split_pair(arg, option, "LEERLING=BESTEMMING", &value);
			if (!who)
				return IBIS_EUSAGE;
			char *d = str_trim(value);
			for (char *c = d; *c; c++)
				if (*c >= 'A' && *c <= 'Z')
					*c = (char)(*c + 32);
			bool known = leave_destination_parse(d, &dest) && dest != LEAVE_NONE;
			if (!known)
				cli_error("Onbekende bestemming ‘%s’ bij --%s; kies school, sbo, so, vo of "
					  "anders.", value, option);
			free(d);
			if (!known) {
				free(who);
				return IBIS_EINPUT;
			}
		} else {
			who = xstrdup(arg);
		}
		int i = find_pupil(plan, who, option);
		free(who);
		if (i < 0)
			return IBIS_EINPUT;
		if (!once(seen, i, option, plan))
			return IBIS_EINPUT;
		struct ibis_error err = {0};
		if (jov_mark(plan, plan->moves[i].pupil_id, mark, dest, &err) != IBIS_OK)
			return cli_report(&err, verbose);
	}
	return 0;
}

/* --group P=GROEP or P=GROEP:J (J the jaargroep, for a combination group). */
static int choose_all(struct jov_plan *plan, const struct strlist *list, bool verbose)
{
	const char **seen = xcalloc((size_t)plan->nmoves + 1, sizeof(*seen));
	int st = 0;
	for (size_t k = 0; k < list->len && !st; k++) {
		char *value = NULL;
		char *who = split_pair(list->items[k], "group", "LEERLING=GROEP of LEERLING=GROEP:J",
				       &value);
		if (!who) {
			st = IBIS_EUSAGE;
			break;
		}
		int j = -1;
		char *colon = strrchr(value, ':');
		if (colon && colon[1] >= '0' && colon[1] <= '8' && !colon[2] && colon > value) {
			j = colon[1] - '0';
			*colon = '\0';
		}
		char *group = str_trim(value);
		int i = find_pupil(plan, who, "group");
		struct ibis_error err = {0};
		if (i < 0 || !once(seen, i, "group", plan))
			st = IBIS_EINPUT;
		else if (jov_choose(plan, plan->moves[i].pupil_id, group, j, &err) != IBIS_OK)
			st = cli_report(&err, verbose);
		free(group);
		free(who);
	}
	free(seen);
	return st;
}

static int exceptions(struct jov_plan *plan, const struct cli_args *a, bool verbose)
{
	const char **seen = xcalloc((size_t)plan->nmoves + 1, sizeof(*seen));
	int st = mark_all(plan, &a->doubles, JOV_DOUBLE, "doubles", seen, verbose);
	if (!st)
		st = mark_all(plan, &a->skips, JOV_SKIP, "skips", seen, verbose);
	if (!st)
		st = mark_all(plan, &a->leaves, JOV_LEAVE, "leaves", seen, verbose);
	free(seen);
	if (!st)
		st = choose_all(plan, &a->choices, verbose);
	return st;
}

/* ================================================================ output */

/* The pupils who need a group, each with where they could go. */
static void list_unplaced(FILE *f, const struct jov_plan *plan)
{
	int *cand = xmalloc(((size_t)plan->nto + 1) * sizeof(int));
	for (int i = 0; i < plan->nmoves; i++) {
		const struct jov_move *m = &plan->moves[i];
		if (m->outcome != JOV_UNPLACED)
			continue;
		char *from = jov_move_from(plan, i);
		fprintf(f, "  %lld  %s (%s)", (long long)m->pupil_id, m->name, from);
		free(from);
		int n = jov_candidates(plan, i, cand, plan->nto);
		for (int k = 0; k < n; k++)
			fprintf(f, "%s%s", k ? ", " : ": kies uit ", plan->to[cand[k]].name);
		fprintf(f, "\n        %s\n", m->why ? m->why : "");
	}
	free(cand);
}

static int preview(const struct jov_plan *plan)
{
	char y[16], y1[16];
	schoolyear_format(plan->year, y);
	schoolyear_format(plan->year + 1, y1);
	char *text = jov_preview(plan);
	fputs(text, stdout);
	free(text);
	struct jov_counts c;
	jov_count(plan, &c);
	/* the lists show who has a left date as gone, also one in the future */
	if (c.vo + c.leaves > 0 && date_today() < plan->leave_date && !jov_plan_done(plan)) {
		char date[DATE_NL_LEN];
		printf("\nLet op: wie vertrekt, krijgt bij het uitvoeren de vertrekdatum %s\n"
		       "en staat vanaf dan niet meer bij de leerlingen op school.\n",
		       date_format_nl(plan->leave_date, date));
	}
	if (jov_plan_done(plan)) {
		printf("\nDe jaarovergang van %s naar %s is al uitgevoerd: er is niets meer te doen.\n",
		       y, y1);
	} else if (c.unplaced) {
		printf("\nNog niet klaar: %d %s een groep in %s nodig.\n"
		       "Kies met --group LEERLING=GROEP:\n", c.unplaced,
		       c.unplaced == 1 ? "leerling heeft" : "leerlingen hebben", y1);
		list_unplaced(stdout, plan);
	} else if (jov_plan_ready(plan)) {
		printf("\nDit is een voorbeeld; er is niets gewijzigd. Voer de jaarovergang uit\n"
		       "met --apply (en dezelfde uitzonderingen).\n");
	}
	if (fflush(stdout) != 0) {
		cli_error("Schrijven naar de standaarduitvoer is mislukt.");
		return IBIS_EINPUT;
	}
	return 0;
}

static int apply(struct app *app, const struct jov_plan *plan)
{
	char y[16], y1[16];
	schoolyear_format(plan->year, y);
	schoolyear_format(plan->year + 1, y1);
	struct jov_counts c;
	jov_count(plan, &c);
	if (c.unplaced && !jov_plan_done(plan)) {
		cli_error("De jaarovergang van %s naar %s is niet uitgevoerd: %d %s nog geen groep "
			  "in %s.\nKies met --group LEERLING=GROEP:", y, y1, c.unplaced,
			  c.unplaced == 1 ? "leerling heeft" : "leerlingen hebben", y1);
		list_unplaced(stderr, plan);
		return IBIS_EINPUT;
	}
	struct ibis_error err = {0};
	struct jov_result res;
	if (db_jaarovergang_apply(app->db, plan, app->user, &res, &err) != IBIS_OK)
		return cli_report(&err, app->verbose);
	printf("Jaarovergang %s van %s naar %s uitgevoerd:\n", plan->school_name, y, y1);
	printf("  %d %s in een groep van %s", res.moved,
	       res.moved == 1 ? "leerling" : "leerlingen", y1);
	if (c.doubles)
		printf(" (%d %s)", c.doubles, c.doubles == 1 ? "doubleert" : "doubleren");
	printf(";\n  %d %s de school op %s", res.left, res.left == 1 ? "verlaat" : "verlaten",
	       date_format_nl(plan->leave_date, (char[DATE_NL_LEN]){0}));
	if (c.vo)
		printf(" (%d naar het VO)", c.vo);
	printf(";\n  %d %s gemaakt.\n", res.groups_made,
	       res.groups_made == 1 ? "groep" : "groepen");
	if (res.groups_made)
		printf("Leerkrachten zijn niet overgenomen: stel ze per groep in.\n");
	if (c.no_group)
		printf("%d %s zonder groep.\n", c.no_group,
		       c.no_group == 1 ? "leerling blijft" : "leerlingen blijven");
	if (fflush(stdout) != 0) {
		/* written and committed; only the report got lost */
		cli_error("De jaarovergang is uitgevoerd, maar schrijven naar de standaarduitvoer is "
			  "mislukt.");
		return IBIS_EINPUT;
	}
	return 0;
}

/* ================================================================== main */

int cmd_jaarovergang(struct app *app, const struct cli_args *a)
{
	int st = cli_open_existing(app);
	if (st)
		return st;
	ibis_id school = 0;
	int year = 0;
	if ((st = cli_pick_school(app, a->school, &school)) != 0 ||
	    (st = pick_year(app, school, a->year, &year)) != 0)
		return st;

	struct ibis_error err = {0};
	struct jov_input in;
	if (db_jaarovergang_load(app->db, school, year, &in, &err) != IBIS_OK) {
		jov_input_free(&in);
		return cli_report(&err, app->verbose);
	}
	struct jov_plan plan;
	jov_plan_init(&plan, &in);
	st = exceptions(&plan, a, app->verbose);
	if (!st)
		st = a->apply ? apply(app, &plan) : preview(&plan);
	jov_plan_free(&plan);
	return st;
}
