/* cmd_levels.c - ibis levels check | remap | set | history: the support
 * levels of pupils from the command line.
 *
 * A step is judged by exactly the rules the Tijdlijn screen uses
 * (levelrules.h on the facts db_level_facts gathers), so a script cannot
 * record what the screen would refuse. A remap without --apply only shows
 * what would change: the levels of a school are never changed silently.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "ibis/date.h"
#include "ibis/db_level.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/domain.h"
#include "ibis/levelrules.h"
#include "ibis/text.h"

/* ================================================================ common */

/* How a level is written: the short name of its model ("Laag 3"), or
 * "niveau 3 (MODEL)" when the model is not among the data files or the level
 * is not in it. Caller frees. */
static char *level_label(const struct app *app, const char *model_id, int level)
{
	const struct level_model *m = model_id ? domain_model(&app->dom, model_id) : NULL;
	const struct level *l = m ? levelmodel_level(m, level) : NULL;
	if (l)
		return xstrdup(l->short_name);
	return xasprintf("niveau %d (%s)", level, model_id ? model_id : "onbekend model");
}

/* One field of a "Id;Naam;..." line, quoted as RFC 4180 asks when it holds
 * the separator, a quote or a line break. */
static void put_field(FILE *f, const char *s, bool last)
{
	s = s ? s : "";
	if (strpbrk(s, ";\"\r\n")) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputc(last ? '\n' : ';', f);
}

/* Print "    label: text" (nothing when text is empty), the further lines of
 * a multi-line text indented. */
static void put_text(const char *label, const char *text)
{
	if (str_empty(text))
		return;
	printf("    %s: ", label);
	for (const char *p = text; *p; p++) {
		putchar(*p);
		if (*p == '\n' && p[1])
			fputs("      ", stdout);
	}
	putchar('\n');
}

static int flush_stdout(void)
{
	if (fflush(stdout) != 0) {
		cli_error("Schrijven naar de standaarduitvoer is mislukt.");
		return IBIS_EINPUT;
	}
	return 0;
}

/* The school of id with its model; *m NULL (with a message, status 2) when
 * the school's model is not among the data files. */
static int school_and_model(struct app *app, ibis_id id, struct school *s,
			    const struct level_model **m)
{
	struct ibis_error err = {0};
	if (db_school_get(app->db, id, s, &err) != IBIS_OK)
		return cli_report(&err, app->verbose);
	*m = domain_model(&app->dom, s->level_model);
	if (!*m) {
		cli_error("Het niveaumodel ‘%s’ van %s staat niet bij de gegevensbestanden; kies een "
			  "ander model met ‘ibis levels remap --school %lld --to MODEL’.",
			  s->level_model ? s->level_model : "", s->name, (long long)s->id);
		return IBIS_EINPUT;
	}
	return 0;
}

/* ================================================================= check */

static int levels_check(struct app *app, const struct cli_args *a)
{
	static const char *const allowed[] = {"school", NULL};
	int st = cli_only_options(a, "levels check", allowed);
	if (st || (st = cli_open_existing(app)) != 0)
		return st;

	struct ibis_error err = {0};
	struct school *schools = NULL;
	int nschools = 0;
	if (a->school) {
		ibis_id id = 0;
		if ((st = cli_pick_school(app, a->school, &id)) != 0)
			return st;
		schools = xcalloc(1, sizeof(*schools));
		nschools = 1;
		if (db_school_get(app->db, id, &schools[0], &err) != IBIS_OK) {
			schools_free(schools, nschools);
			return cli_report(&err, app->verbose);
		}
	} else if (db_school_list(app->db, &schools, &nschools, &err) != IBIS_OK) {
		return cli_report(&err, app->verbose);
	}

	/* each school against its own model, so that the number of levels of
	 * that model is checked too */
	struct level_misfit **mf = NULL;
	int *n = NULL, total = 0, unknown = 0;
	if (cli_level_misfits(app, schools, nschools, &mf, &n, &err) != IBIS_OK)
		st = cli_report(&err, app->verbose);
	for (int i = 0; i < nschools; i++) {
		total += n[i];
		unknown += !domain_model(&app->dom, schools[i].level_model);
	}

	if (!st && total) {
		fputs("Id;Naam;Groep;Model;Niveau\n", stdout);
		for (int i = 0; i < nschools; i++)
			for (int k = 0; k < n[i]; k++) {
				const struct level_misfit *f = &mf[i][k];
				char id[24], level[12];
				snprintf(id, sizeof(id), "%lld", (long long)f->pupil_id);
				snprintf(level, sizeof(level), "%d", f->level);
				put_field(stdout, id, false);
				put_field(stdout, f->name, false);
				put_field(stdout, f->group, false);
				put_field(stdout, f->model, false);
				put_field(stdout, level, true);
			}
	} else if (!st) {
		for (int i = 0; i < nschools; i++) {
			const struct level_model *m = domain_model(&app->dom, schools[i].level_model);
			if (m)
				printf("Alle niveaus passen bij het model van %s (%s).\n", schools[i].name,
				       m->name);
		}
		if (nschools == 0)
			printf("De database heeft nog geen school.\n");
	}
	if (!st)
		st = flush_stdout();

	/* how to fix it, per school */
	for (int i = 0; i < nschools && !st; i++) {
		const struct school *s = &schools[i];
		const struct level_model *m = domain_model(&app->dom, s->level_model);
		if (!m)
			cli_error("Het niveaumodel ‘%s’ van %s staat niet bij de gegevensbestanden; kies "
				  "een model met ‘ibis levels remap --school %lld --to MODEL’.",
				  s->level_model ? s->level_model : "", s->name, (long long)s->id);
		else if (n[i])
			cli_error("%d %s van %s %s een niveau dat niet past bij het model %s (%s); "
				  "bekijk de omzetting met ‘ibis levels remap --school %lld --to %s’ en "
				  "voer haar uit met --apply.", n[i], n[i] == 1 ? "leerling" : "leerlingen",
				  s->name, n[i] == 1 ? "heeft" : "hebben", m->name, m->id,
				  (long long)s->id, m->id);
	}
	if (!st && (total || unknown))
		st = IBIS_EINPUT;

	cli_level_misfits_free(mf, n, nschools);
	schools_free(schools, nschools);
	return st;
}

/* ================================================================= remap */

/* A move of the preview: how many pupils go from (model, level) to a new
 * level. */
struct remap_count {
	char *move; /* "Laag 5 → Niveau 4" */
	int old;    /* the old level, for the order */
	int n;
};

static void count_move(struct remap_count **c, int *n, const char *move, int old)
{
	for (int i = 0; i < *n; i++)
		if (strcmp((*c)[i].move, move) == 0) {
			(*c)[i].n++;
			return;
		}
	*c = xrealloc(*c, (size_t)(*n + 1) * sizeof(**c));
	(*c)[*n] = (struct remap_count){xstrdup(move), old, 1};
	(*n)++;
}

/* By old level, then by the text (several old models). */
static int cmp_count(const void *a, const void *b)
{
	const struct remap_count *x = a, *y = b;
	if (x->old != y->old)
		return x->old < y->old ? -1 : 1;
	return strcmp(x->move, y->move);
}

/* "  Laag 1 → Niveau 1        144" for each move, the counts in one column. */
static void print_counts(const struct remap_count *c, int n)
{
	int w = 0;
	for (int i = 0; i < n; i++)
		if (utf8_width(c[i].move) > w)
			w = utf8_width(c[i].move);
	for (int i = 0; i < n; i++)
		printf("  %s%*s  %6d\n", c[i].move, w - utf8_width(c[i].move), "", c[i].n);
}

/* The model most of the pupils to move come from, when it is among the data
 * files (the default mapping follows its placement and return levels);
 * else NULL. */
static const struct level_model *usual_model(const struct app *app,
					     const struct level_misfit *mf, int n)
{
	const struct level_model *best = NULL;
	int best_n = 0;
	for (int i = 0; i < n; i++) {
		const struct level_model *m = domain_model(&app->dom, mf[i].model);
		if (!m || m == best)
			continue;
		int k = 0;
		for (int j = 0; j < n; j++)
			k += mf[j].model && strcmp(mf[j].model, m->id) == 0;
		if (k > best_n) {
			best = m;
			best_n = k;
		}
	}
	return best;
}

static int levels_remap(struct app *app, const struct cli_args *a)
{
	static const char *const allowed[] = {"school", "to", "map", "date", "apply", NULL};
	int st = cli_only_options(a, "levels remap", allowed);
	if (st)
		return st;
	if (!a->to) {
		cli_error("‘ibis levels remap’ vraagt het nieuwe niveaumodel met --to MODEL.");
		fputs("Zie ‘ibis --help’.\n", stderr);
		return IBIS_EUSAGE;
	}
	const struct level_model *to = NULL;
	if ((st = cli_pick_model(app, a->to, &to)) != 0)
		return st;
	if ((st = cli_open_existing(app)) != 0)
		return st;
	ibis_id school_id = 0;
	if ((st = cli_pick_school(app, a->school, &school_id)) != 0)
		return st;

	struct ibis_error err = {0};
	struct school school = {0};
	if (db_school_get(app->db, school_id, &school, &err) != IBIS_OK)
		return cli_report(&err, app->verbose);

	struct level_misfit *mf = NULL;
	int n = 0;
	if (db_level_misfits(app->db, school_id, to->id, to->nlevels, &mf, &n, &err) != IBIS_OK) {
		school_clear(&school);
		return cli_report(&err, app->verbose);
	}

	struct level_map explicit_map = {0}, map = {0};
	if (a->maps.len) {
		struct strbuf all = {0};
		for (size_t i = 0; i < a->maps.len; i++)
			sb_printf(&all, "%s%s", i ? "," : "", a->maps.items[i]);
		char *why = level_map_parse(sb_str(&all), to, &explicit_map);
		if (why) {
			cli_error("Ongeldige --map ‘%s’: %s", sb_str(&all), why);
			st = IBIS_EINPUT;
		}
		free(why);
		sb_free(&all);
	}
	const struct level_model *from = usual_model(app, mf, n);
	if (!from)
		from = domain_model(&app->dom, school.level_model);
	/* without a known model to come from, positions map onto themselves
	 * where the new model has them */
	level_map_default(from ? from : to, to, &explicit_map, &map);
	/* a level beyond the old model (a school's own file that lost levels)
	 * goes where the default sends any level without a match: the highest
	 * regular level of the new model */
	int top = to->nlevels;
	while (top > 1 && to->levels[top - 1].kind != LEVEL_REGULAR)
		top--;
	for (int old = (from ? from->nlevels : to->nlevels) + 1; old <= 9; old++)
		if (!map.map[old])
			map.map[old] = top;

	ibis_date date = a->date != DATE_NONE ? a->date : date_today();
	char day[DATE_NL_LEN];
	date_format_nl(date, day);
	bool same_model = school.level_model && strcmp(school.level_model, to->id) == 0;

	/* the preview, also the part of --apply that says what will happen */
	struct remap_count *counts = NULL;
	int ncounts = 0, unmapped = 0;
	const char *unmapped_example = NULL;
	int unmapped_level = 0;
	for (int i = 0; !st && i < n; i++) {
		int old = mf[i].level;
		int nl = old >= 1 && old <= 9 ? map.map[old] : 0;
		char *fl = level_label(app, mf[i].model, old);
		char *tl = nl ? level_label(app, to->id, nl) : NULL;
		if (!nl) {
			unmapped++;
			unmapped_example = mf[i].name;
			unmapped_level = old;
		}
		if (!a->apply) {
			if (i == 0)
				printf("Leerlingen van %s die omgezet worden naar %s (%s) op %s:\n",
				       school.name, to->name, to->id, day);
			printf("  %6lld  %s%s%s%s: %s → %s\n", (long long)mf[i].pupil_id,
			       mf[i].name ? mf[i].name : "", mf[i].group ? " (" : "",
			       mf[i].group ? mf[i].group : "", mf[i].group ? ")" : "", fl,
			       tl ? tl : "? (geen omzetting)");
		}
		char *key = xasprintf("%s → %s", fl, tl ? tl : "?");
		count_move(&counts, &ncounts, key, old);
		free(key);
		free(fl);
		free(tl);
	}
	if (ncounts)
		qsort(counts, (size_t)ncounts, sizeof(*counts), cmp_count);
	if (!st && unmapped) {
		cli_error("Voor %s is geen omzetting gegeven (bijvoorbeeld %s); geef ze met --map "
			  "%d=NIEUW (1 tot %d in %s).", unmapped == 1 ? "1 leerling" : "leerlingen",
			  unmapped_example ? unmapped_example : "?", unmapped_level, to->nlevels,
			  to->id);
		st = IBIS_EINPUT;
	}

	if (!st && !a->apply) {
		if (n == 0 && same_model)
			printf("Alle niveaus van %s passen al bij %s (%s); er is niets om te zetten.\n",
			       school.name, to->name, to->id);
		else if (n == 0)
			printf("Geen leerling van %s heeft een niveau dat omgezet moet worden.\n",
			       school.name);
		if (ncounts) {
			printf("\nPer niveau:\n");
			print_counts(counts, ncounts);
			printf("Samen %d %s.\n", n, n == 1 ? "leerling" : "leerlingen");
		}
		if (!same_model)
			printf("Het niveaumodel van %s wordt %s (nu %s).\n", school.name, to->id,
			       school.level_model ? school.level_model : "geen");
		if (n || !same_model)
			printf("\nDit is een voorbeeld; er is niets gewijzigd. Voer de omzetting uit met "
			       "--apply.\n");
		st = flush_stdout();
	} else if (!st && n == 0 && same_model) {
		printf("Alle niveaus van %s passen al bij %s (%s); er is niets omgezet.\n",
		       school.name, to->name, to->id);
		st = flush_stdout();
	} else if (!st) {
		int changed = 0;
		if (db_level_remap(app->db, school_id, to->id, to->nlevels, map.map, date, app->user,
				   &changed, &err) != IBIS_OK) {
			st = cli_report(&err, app->verbose);
		} else {
			printf("%d %s van %s omgezet naar %s (%s) op %s.\n", changed,
			       changed == 1 ? "leerling" : "leerlingen", school.name, to->name, to->id,
			       day);
			print_counts(counts, ncounts);
			printf("Het niveaumodel van %s is nu %s.\n", school.name, to->id);
			if (fflush(stdout) != 0) {
				cli_error("De omzetting is uitgevoerd, maar schrijven naar de "
					  "standaarduitvoer is mislukt.");
				st = IBIS_EINPUT;
			}
		}
	}
	for (int i = 0; i < ncounts; i++)
		free(counts[i].move);
	free(counts);
	level_misfits_free(mf, n);
	school_clear(&school);
	return st;
}

/* =================================================================== set */

/* The level of m that s names: its position, or its short name or name
 * (without case or accents). 0 when none. */
static int parse_level(const struct level_model *m, const char *s)
{
	char *t = str_trim(s);
	int found = 0;
	if (cli_all_digits(t) && strlen(t) < 3) {
		int v = atoi(t);
		found = v >= 1 && v <= m->nlevels ? v : 0;
	}
	char *ft = text_fold(t);
	for (int i = 0; i < m->nlevels && !found && *ft; i++) {
		char *fs = text_fold(m->levels[i].short_name);
		char *fn = text_fold(m->levels[i].name);
		if (strcmp(fs, ft) == 0 || strcmp(fn, ft) == 0)
			found = i + 1;
		free(fs);
		free(fn);
	}
	free(ft);
	free(t);
	return found;
}

static char *level_choices(const struct level_model *m)
{
	struct strbuf sb = {0};
	for (int i = 0; i < m->nlevels; i++)
		sb_printf(&sb, "\n  %d  %s (%s)", i + 1, m->levels[i].short_name, m->levels[i].name);
	return sb_take(&sb);
}

/* An option's value, or the model's prefill when the option was not given;
 * an option given as "" leaves the field empty. */
static char *value_or(const char *given, const char *prefill)
{
	const char *v = given ? given : prefill;
	char *t = v ? str_trim(v) : NULL;
	if (t && !*t)
		freep(&t);
	return t;
}

static int levels_set(struct app *app, const struct cli_args *a)
{
	static const char *const allowed[] = {"reason", "date", "meeting", "regie",
					      "betrokkenen", NULL};
	int st = cli_only_options(a, "levels set", allowed);
	if (st)
		return st;
	if (a->words.len != 3) {
		cli_error("‘ibis levels set’ vraagt een leerling en een niveau: "
			  "ibis levels set LEERLING NIVEAU.");
		fputs("Zie ‘ibis --help’.\n", stderr);
		return IBIS_EUSAGE;
	}
	if ((st = cli_open_existing(app)) != 0)
		return st;

	struct ibis_error err = {0};
	struct pupil p = {0};
	struct school school = {0};
	struct level_episode cur = {0}, e = {0};
	struct strlist plans = {0};
	struct step_check check = {0};
	const struct level_model *m = NULL;
	char *name = NULL, *choices = NULL, *other = NULL;
	bool found = false;
	if ((st = cli_pick_pupil(app, a->words.items[1], &p)) != 0 ||
	    (st = school_and_model(app, p.school_id, &school, &m)) != 0)
		goto out;
	name = name_natural(p.first_name, p.tussenvoegsel, p.last_name);

	int to = parse_level(m, a->words.items[2]);
	if (!to) {
		choices = level_choices(m);
		cli_error("Onbekend niveau ‘%s’ in het model %s van %s; kies een nummer of een "
			  "korte naam:%s", a->words.items[2], m->name, school.name, choices);
		st = IBIS_EINPUT;
		goto out;
	}
	ibis_date date = a->date != DATE_NONE ? a->date : date_today();
	char day[DATE_NL_LEN];
	date_format_nl(date, day);
	if (p.left != DATE_NONE && date > p.left) {
		cli_error("%s heeft de school verlaten op %s; een niveau na die dag kan niet.", name,
			  date_format_nl(p.left, (char[DATE_NL_LEN]){0}));
		st = IBIS_EINPUT;
		goto out;
	}

	if (db_level_current(app->db, p.id, &cur, &found, &err) != IBIS_OK) {
		st = cli_report(&err, app->verbose);
		goto out;
	}
	struct step_facts facts = {0};
	if (db_level_facts(app->db, p.id, date, &facts, &plans, &err) != IBIS_OK) {
		st = cli_report(&err, app->verbose);
		goto out;
	}
	/* as the screen does: the step leaves the open level, and an open level
	 * of another model (the school changed model without a remap) is no
	 * level in this one, so the step is the first in this model */
	facts.plans = plans.len ? &plans : NULL;
	facts.from = found && cur.model && strcmp(cur.model, m->id) == 0 ? cur.level : 0;
	if (found && !facts.from)
		other = level_label(app, cur.model, cur.level);
	char *reason = value_or(a->reason, NULL);
	struct level_step step = {.to = to, .date = date, .reason = reason};
	level_step_check(m, &facts, &step, &check);
	if (check.error) {
		cli_error("%s", check.error);
		if (check.reason_required && !reason)
			cli_error("Geef de reden met --reason TEKST.");
		free(reason);
		st = IBIS_EINPUT;
		goto out;
	}

	e.pupil_id = p.id;
	e.model = xstrdup(m->id);
	e.level = to;
	e.start = date;
	e.end = DATE_NONE;
	e.reason = reason;
	e.meeting = value_or(a->meeting, check.meeting);
	e.regie = value_or(a->regie, check.regie);
	e.betrokkenen = value_or(a->betrokkenen, check.betrokken);
	e.author = xstrdup(app->user);
	if (db_level_insert(app->db, &e, &err) != IBIS_OK) {
		st = cli_report(&err, app->verbose);
		goto out;
	}

	char *from = facts.from ? level_label(app, m->id, facts.from)
		   : xstrdup(other ? other : "geen niveau");
	const struct level *l = levelmodel_level(m, to);
	printf("%s (Id %lld): %s → %s (%s) op %s, %s.\n", name, (long long)p.id, from,
	       l->short_name, l->name, day, step_kind_name(check.kind));
	free(from);
	put_text("Reden", e.reason);
	put_text("Bespreking", e.meeting);
	put_text("Regie", e.regie);
	put_text("Betrokkenen", e.betrokkenen);
	st = flush_stdout();
	/* expectations of the model, not refusals: the step is recorded */
	if (other)
		fprintf(stderr, "waarschuwing: het vorige niveau (%s) is vastgelegd in model %s; "
			"deze stap is de eerste in model %s (ibis levels remap zet alle leerlingen "
			"van de school om).\n", other, cur.model, m->id);
	for (size_t i = 0; i < check.warnings.len; i++)
		fprintf(stderr, "waarschuwing: %s\n", check.warnings.items[i]);

out:
	step_check_clear(&check);
	sl_free(&plans);
	level_episode_clear(&cur);
	level_episode_clear(&e);
	school_clear(&school);
	pupil_clear(&p);
	free(name);
	free(choices);
	free(other);
	return st;
}

/* =============================================================== history */

static int levels_history(struct app *app, const struct cli_args *a)
{
	static const char *const allowed[] = {NULL};
	int st = cli_only_options(a, "levels history", allowed);
	if (st)
		return st;
	if (a->words.len != 2) {
		cli_error("‘ibis levels history’ vraagt één leerling: ibis levels history LEERLING.");
		fputs("Zie ‘ibis --help’.\n", stderr);
		return IBIS_EUSAGE;
	}
	if ((st = cli_open_existing(app)) != 0)
		return st;

	struct ibis_error err = {0};
	struct pupil p = {0};
	struct school school = {0};
	struct level_episode *e = NULL;
	struct level_correction *c = NULL;
	int ne = 0, nc = 0;
	char *name = NULL;
	if ((st = cli_pick_pupil(app, a->words.items[1], &p)) != 0)
		goto out;
	if (db_school_get(app->db, p.school_id, &school, &err) != IBIS_OK ||
	    db_level_history(app->db, p.id, &e, &ne, &err) != IBIS_OK ||
	    db_level_corrections(app->db, p.id, &c, &nc, &err) != IBIS_OK) {
		st = cli_report(&err, app->verbose);
		goto out;
	}
	name = name_natural(p.first_name, p.tussenvoegsel, p.last_name);
	const struct level_model *m = domain_model(&app->dom, school.level_model);
	printf("%s (Id %lld), %s, niveaumodel %s\n", name, (long long)p.id, school.name,
	       m ? m->name : school.level_model);
	if (ne == 0)
		printf("\nGeen niveaus vastgelegd.\n");
	else
		printf("\n%-10s  %-10s  %s\n", "Van", "Tot", "Niveau");
	for (int i = 0; i < ne; i++) {
		char from[DATE_NL_LEN], till[DATE_NL_LEN];
		char *label = level_label(app, e[i].model, e[i].level);
		const struct level_model *em = domain_model(&app->dom, e[i].model);
		const struct level *l = em ? levelmodel_level(em, e[i].level) : NULL;
		date_format_nl(e[i].start, from);
		if (e[i].end == DATE_NONE)
			str_copy(till, "nu", sizeof(till));
		else
			date_format_nl(e[i].end, till);
		printf("%-10s  %-10s  %s%s%s%s\n", from, till, label, l ? " (" : "",
		       l ? l->name : "", l ? ")" : "");
		put_text("Reden", e[i].reason);
		put_text("Bespreking", e[i].meeting);
		put_text("Regie", e[i].regie);
		put_text("Betrokkenen", e[i].betrokkenen);
		put_text("Door", e[i].author);
		free(label);
	}
	if (nc)
		printf("\nCorrecties:\n");
	for (int i = 0; i < nc; i++) {
		char on[DATE_NL_LEN], was[DATE_NL_LEN];
		char *label = level_label(app, c[i].old.model, c[i].old.level);
		printf("  %s door %s: %s; was %s vanaf %s\n", date_format_nl(c[i].on, on),
		       c[i].author ? c[i].author : "onbekend", correction_action_name(c[i].action),
		       label, date_format_nl(c[i].old.start, was));
		put_text("Reden was", c[i].old.reason);
		put_text("Waarom", c[i].why);
		free(label);
	}
	st = flush_stdout();
out:
	level_episodes_free(e, ne);
	level_corrections_free(c, nc);
	school_clear(&school);
	pupil_clear(&p);
	free(name);
	return st;
}

/* ================================================================== main */

int cmd_levels(struct app *app, const struct cli_args *a)
{
	const char *what = a->words.items[0];
	if (strcmp(what, "check") == 0 || strcmp(what, "remap") == 0) {
		if (a->words.len > 1) {
			cli_error("Onverwacht argument ‘%s’ bij ‘ibis levels %s’.", a->words.items[1],
				  what);
			fputs("Zie ‘ibis --help’.\n", stderr);
			return IBIS_EUSAGE;
		}
		return what[0] == 'c' ? levels_check(app, a) : levels_remap(app, a);
	}
	if (strcmp(what, "set") == 0)
		return levels_set(app, a);
	if (strcmp(what, "history") == 0)
		return levels_history(app, a);
	cli_error("Onbekende opdracht ‘levels %s’; kies check, remap, set of history.", what);
	fputs("Zie ‘ibis --help’.\n", stderr);
	return IBIS_EUSAGE;
}
