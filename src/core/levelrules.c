/* levelrules.c - see levelrules.h.
 *
 * Every level name in a message comes from the model (its short names, "Laag 3"
 * or "Niveau 3"); the only fixed words are the plan-type ids the data files
 * share (oop, opp, groeidocument) and the arrangement kinds.
 */
#include "ibis/levelrules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ================================================================ helpers */

/* A reason of only white space was not given. */
static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' && *s != '\f' && *s != '\v')
			return false;
	return true;
}

static bool sl_has(const struct strlist *sl, const char *s)
{
	if (!sl)
		return false;
	for (size_t i = 0; i < sl->len; i++)
		if (strcmp(sl->items[i], s) == 0)
			return true;
	return false;
}

/* The short name of a plan type when no template is at hand: the acronyms
 * among the shipped ids (oop, opp, ihp) upper-cased, the words (groepsplan,
 * groeidocument) as written. A school's own id of at most three letters is
 * taken for an acronym too. Caller frees. */
static char *plan_short(const char *id)
{
	size_t n = strlen(id);
	bool acronym = n > 0 && n <= 3;
	for (size_t i = 0; i < n && acronym; i++)
		if (id[i] < 'a' || id[i] > 'z')
			acronym = false;
	char *s = xstrdup(id);
	if (acronym)
		for (size_t i = 0; i < n; i++)
			s[i] = (char)(s[i] - 'a' + 'A');
	return s;
}

/* The short name of a level ("Laag 3"), or "niveau N" for a position the
 * model does not have. Written into buf of size n; returns buf. */
static const char *level_label(const struct level_model *m, int position, char *buf, size_t n)
{
	const struct level *l = levelmodel_level(m, position);
	if (l)
		str_copy(buf, l->short_name, n);
	else
		snprintf(buf, n, "niveau %d", position);
	return buf;
}

/* Join the short names of the levels lo+1 .. hi-1 of the given kind as
 * "A", "A en B", "A, B en C". Caller frees. */
static char *join_levels(const struct level_model *m, int lo, int hi, enum level_kind kind)
{
	int count = 0;
	for (int p = lo + 1; p < hi; p++)
		if (m->levels[p - 1].kind == kind)
			count++;
	struct strbuf sb = {0};
	int done = 0;
	for (int p = lo + 1; p < hi; p++) {
		if (m->levels[p - 1].kind != kind)
			continue;
		if (done > 0)
			sb_add(&sb, done == count - 1 ? " en " : ", ");
		sb_add(&sb, m->levels[p - 1].short_name);
		done++;
	}
	return sb_take(&sb);
}

/* The last day of a term of `years` starting on start: the day before its
 * anniversary, where the anniversary of 29 February in a common year is
 * 1 March (as date_age counts birthdays), so a term from 29-02-2028 runs
 * through 28-02-2030 and one from 01-03-2027 for a year through 29-02-2028. */
static ibis_date term_last_day(ibis_date start, int years)
{
	int y, mo, d;
	date_to_ymd(start, &y, &mo, &d);
	ibis_date anniversary = date_add_years(start, years);
	if (mo == 2 && d == 29) {
		int ay, am, ad;
		date_to_ymd(anniversary, &ay, &am, &ad);
		if (ad == 28)
			anniversary = date_add_days(anniversary, 1);
	}
	return date_add_days(anniversary, -1);
}

/* ================================================================== steps */

static int first_of_kind(const struct level_model *m, enum level_kind kind)
{
	if (!m)
		return 0;
	for (int i = 0; i < m->nlevels; i++)
		if (m->levels[i].kind == kind)
			return i + 1;
	return 0;
}

int levelmodel_placement(const struct level_model *m)
{
	return first_of_kind(m, LEVEL_PLACEMENT);
}

int levelmodel_return(const struct level_model *m)
{
	return first_of_kind(m, LEVEL_RETURN);
}

static const char *const kind_names[] = {
	[STEP_FIRST] = "eerste",       [STEP_UP] = "omhoog",
	[STEP_DOWN] = "omlaag",        [STEP_SAME] = "gelijk",
	[STEP_PLACEMENT] = "plaatsing", [STEP_RETURN] = "terugplaatsing",
};

const char *step_kind_name(enum step_kind k)
{
	if ((size_t)k >= ARRAY_LEN(kind_names))
		return "?";
	return kind_names[k];
}

void step_check_clear(struct step_check *c)
{
	if (!c)
		return;
	free(c->error);
	sl_free(&c->warnings);
	memset(c, 0, sizeof(*c));
}

/* Whether the pupil has a plan of type id; a groeidocument also counts when
 * the caller knows of one outside the open plans. */
static bool has_plan(const struct step_facts *f, const char *id)
{
	if (sl_has(f->plans, id))
		return true;
	return strcmp(id, "groeidocument") == 0 && f->groeidocument;
}

/* The model's expectations at the target level that the pupil does not meet.
 * A requirement that is also an expected plan (vereist opp with plan opp) is
 * said once, as a required plan. */
static void add_warnings(const struct level_model *m, const struct level *to,
			 const struct step_facts *f, struct strlist *w)
{
	const char *name = to->short_name;
	for (size_t i = 0; i < to->plans.len; i++) {
		const char *id = to->plans.items[i];
		if (has_plan(f, id))
			continue;
		bool required = (strcmp(id, "opp") == 0 && (to->requires & LEVEL_REQ_OPP)) ||
				(strcmp(id, "groeidocument") == 0 &&
				 (to->requires & LEVEL_REQ_GROEIDOCUMENT));
		char *plan = plan_short(id);
		if (required)
			sl_addf(w, "Op %s is een %s verplicht; er is geen open %s.", name, plan, plan);
		else
			sl_addf(w, "Op %s hoort een %s; er is geen open %s.", name, plan, plan);
		free(plan);
	}

	if ((to->requires & LEVEL_REQ_CONSENT) && !f->consent)
		sl_addf(w, "Voor %s is toestemming van de ouders nodig; die is nog niet vastgelegd.",
			name);
	if ((to->requires & LEVEL_REQ_GROEIDOCUMENT) && !has_plan(f, "groeidocument") &&
	    !sl_has(&to->plans, "groeidocument"))
		sl_addf(w, "Voor %s is een groeidocument nodig; dat is er nog niet.", name);
	if ((to->requires & LEVEL_REQ_OPP) && !has_plan(f, "opp") && !sl_has(&to->plans, "opp")) {
		char *plan = plan_short("opp");
		sl_addf(w, "Voor %s is een %s nodig; er is geen open %s.", name, plan, plan);
		free(plan);
	}
	/* a placement needs a TLV wherever the model gives a TLV its term, also
	 * when the level itself does not list it as required */
	bool tlv = (to->requires & LEVEL_REQ_TLV) ||
		   (to->kind == LEVEL_PLACEMENT && m->rules.tlv_max_years > 0);
	if (tlv && !f->tlv) {
		if (m->rules.tlv_max_years > 0)
			sl_addf(w,
				"Voor %s is een TLV nodig (geldig maximaal %d jaar); er is geen "
				"geldige TLV vastgelegd.",
				name, m->rules.tlv_max_years);
		else
			sl_addf(w, "Voor %s is een TLV nodig; er is geen geldige TLV vastgelegd.",
				name);
	}
	if ((to->requires & LEVEL_REQ_HOORRECHT) && !f->hoorrecht)
		sl_addf(w,
			"Voor %s geldt het hoorrecht: hoe de leerling en de ouders zijn gehoord, "
			"is nog niet vastgelegd.",
			name);
}

/* Why a return to `to` is refused, or NULL when the pupil is placed. Caller
 * frees. */
static char *return_refusal(const struct level_model *m, const struct level *to,
			    const struct level *cur)
{
	if (cur && cur->kind == LEVEL_PLACEMENT)
		return NULL;
	int placement = levelmodel_placement(m);
	if (!placement)
		return xasprintf("%s is een terugplaatsing, maar het model „%s” kent geen plaatsing "
				 "om van terug te keren.",
				 to->short_name, m->name);
	/* every placement level of the model, for a model with several */
	char *placed = join_levels(m, 0, m->nlevels + 1, LEVEL_PLACEMENT);
	char *msg;
	if (cur)
		msg = xasprintf("%s is een terugplaatsing: dat kan alleen na een plaatsing (%s); "
				"de leerling staat op %s.",
				to->short_name, placed, cur->short_name);
	else
		msg = xasprintf("%s is een terugplaatsing: dat kan alleen na een plaatsing (%s); "
				"de leerling heeft nog geen niveau.",
				to->short_name, placed);
	free(placed);
	return msg;
}

/* facts->from == 0 is always a first step (or a placement / return), so a
 * "step down from nothing" cannot arise; a return from nothing is refused by
 * return_refusal. step->date is not judged here: the caller asks the facts
 * (a valid TLV, consent) for that day. */
void level_step_check(const struct level_model *m, const struct step_facts *facts,
		      const struct level_step *step, struct step_check *out)
{
	static const struct step_facts none = {0};
	memset(out, 0, sizeof(*out));
	if (!facts)
		facts = &none;
	int from = facts->from;
	int to_pos = step ? step->to : 0;
	const char *reason = step ? step->reason : NULL;

	const struct level *to = levelmodel_level(m, to_pos);
	if (!to) {
		out->kind = from == 0 ? STEP_FIRST : to_pos > from ? STEP_UP : STEP_DOWN;
		if (m)
			out->error = xasprintf("Niveau %d bestaat niet in het model „%s” "
					       "(1 t/m %d).",
					       to_pos, m->name, m->nlevels);
		else
			out->error = xstrdup("Er is geen niveaumodel gekozen.");
		return;
	}
	const struct level *cur = from ? levelmodel_level(m, from) : NULL;

	if (to_pos == from)
		out->kind = STEP_SAME;
	else if (to->kind == LEVEL_PLACEMENT)
		out->kind = STEP_PLACEMENT;
	else if (to->kind == LEVEL_RETURN)
		out->kind = STEP_RETURN;
	else if (from == 0)
		out->kind = STEP_FIRST;
	else if (to_pos > from)
		out->kind = STEP_UP;
	else
		out->kind = STEP_DOWN;

	/* regular levels jumped over, in either direction; only a jump up needs
	 * a reason for it (a step down may go straight back to any level) */
	if (cur && out->kind != STEP_SAME && out->kind != STEP_RETURN) {
		int lo = from < to_pos ? from : to_pos, hi = from < to_pos ? to_pos : from;
		for (int p = lo + 1; p < hi; p++)
			if (m->levels[p - 1].kind == LEVEL_REGULAR)
				out->skipped++;
	}
	out->reason_required = out->kind == STEP_UP || out->kind == STEP_PLACEMENT;

	if (out->kind == STEP_DOWN)
		out->meeting = cur ? cur->meeting : NULL;
	else
		out->meeting = to->meeting;
	out->regie = to->regie;
	out->betrokken = to->betrokken;

	bool no_reason = blank(reason);
	if (from != 0 && !cur) {
		out->error = xasprintf("De leerling staat op niveau %d, dat niet bestaat in het model "
				       "„%s” (1 t/m %d); zet de niveaus eerst om (ibis levels "
				       "remap).",
				       from, m->name, m->nlevels);
	} else if (out->kind == STEP_SAME) {
		out->error = xasprintf("De leerling staat al op %s.", to->short_name);
	} else if (out->kind == STEP_RETURN) {
		out->error = return_refusal(m, to, cur);
	} else if (out->kind == STEP_UP && no_reason && out->skipped > 0) {
		char *skipped = join_levels(m, from, to_pos, LEVEL_REGULAR);
		out->error = xasprintf("Van %s naar %s slaat %s over; dat kan alleen met een reden: "
				       "welke observatie, toets of analyse liet zien dat de leerling "
				       "onvoldoende profiteerde van %s?",
				       cur->short_name, to->short_name, skipped, cur->short_name);
		free(skipped);
	} else if (out->kind == STEP_UP && no_reason) {
		out->error = xasprintf("Een reden is verplicht bij een hoger niveau: welke observatie, "
				       "toets of analyse liet zien dat de leerling onvoldoende "
				       "profiteerde van %s?",
				       cur->short_name);
	} else if (out->kind == STEP_PLACEMENT && no_reason) {
		out->error = xasprintf("Een reden is verplicht bij een plaatsing (%s): waarom kan de "
				       "leerling niet verder op deze school?",
				       to->short_name);
	}

	if (out->kind != STEP_SAME)
		add_warnings(m, to, facts, &out->warnings);
}

/* ============================================================== deadlines */

static const struct plan_template *find_template(const struct plan_template *const *t, int n,
						 const char *id)
{
	for (int i = 0; t && i < n; i++)
		if (t[i] && t[i]->id && strcmp(t[i]->id, id) == 0)
			return t[i];
	return NULL;
}

static void add_deadline(struct level_deadline **out, int *n, char *what, ibis_date due)
{
	*out = xrealloc(*out, (size_t)(*n + 1) * sizeof(**out));
	(*out)[*n].what = what;
	(*out)[*n].due = due;
	(*n)++;
}

/* The deadlines of one expected plan type: the model's rules for oop / opp
 * win over the template's own numbers. */
static void plan_deadlines(const struct level_model *m, const char *id,
			   const struct plan_template *t, ibis_date since,
			   struct level_deadline **out, int *n)
{
	/* a group plan's dates belong to the group, not to the pupil's level */
	if (t && t->for_group)
		return;
	int max_weeks = t ? t->max_weeks : 0;
	int within = t ? t->due_within_weeks : 0;
	int months = t ? t->eval_months : 0;
	if (strcmp(id, "oop") == 0 && m->rules.oop_max_weeks > 0)
		max_weeks = m->rules.oop_max_weeks;
	if (strcmp(id, "opp") == 0 && m->rules.opp_within_weeks > 0)
		within = m->rules.opp_within_weeks;
	if (strcmp(id, "opp") == 0 && m->rules.opp_eval_months > 0)
		months = m->rules.opp_eval_months;
	char *shortname = t && !str_empty(t->short_name) ? xstrdup(t->short_name) : plan_short(id);
	if (max_weeks > 0)
		add_deadline(out, n, xasprintf("%s uiterlijk geëvalueerd", shortname),
			     date_add_days(since, 7 * max_weeks));
	if (within > 0)
		add_deadline(out, n, xasprintf("%s opgesteld", shortname),
			     date_add_days(since, 7 * within));
	if (months > 0)
		add_deadline(out, n, xasprintf("%s geëvalueerd", shortname),
			     date_add_months(since, months));
	free(shortname);
}

/* The TLV deadline is the TLV's last valid day (term_last_day: since + the
 * term - 1 day), the same day arrangement_check prefills as its end, so the
 * signal list and the arrangement form never disagree by a day. */
void level_deadlines(const struct level_model *m, int level, ibis_date since,
		     const struct plan_template *const *templates, int ntemplates,
		     struct level_deadline **out, int *n)
{
	const struct level *l = levelmodel_level(m, level);
	if (!l || since == DATE_NONE)
		return;
	for (size_t i = 0; i < l->plans.len; i++) {
		const char *id = l->plans.items[i];
		plan_deadlines(m, id, find_template(templates, ntemplates, id), since, out, n);
	}
	/* vereist opp without plan opp: the OPP is still expected */
	if ((l->requires & LEVEL_REQ_OPP) && !sl_has(&l->plans, "opp"))
		plan_deadlines(m, "opp", find_template(templates, ntemplates, "opp"), since, out, n);
	if (l->kind == LEVEL_PLACEMENT && m->rules.tlv_max_years > 0)
		add_deadline(out, n, xstrdup("TLV verloopt uiterlijk"),
			     term_last_day(since, m->rules.tlv_max_years));
}

void level_deadlines_free(struct level_deadline *d, int n)
{
	for (int i = 0; d && i < n; i++)
		free(d[i].what);
	free(d);
}

/* =========================================================== arrangements */

/* A TLV's end date is its last valid day (db_arrangement_tlv_on counts the end
 * day in), so the longest term ends on start + tlv_max_jaren - 1 day
 * (term_last_day): a TLV from 01-08-2026 for 2 years is valid through
 * 31-07-2028. *default_end is that day and an end after it is refused. */
char *arrangement_check(const struct level_model *m, const struct arrangement *a,
			ibis_date *default_end)
{
	char d1[DATE_NL_LEN], d2[DATE_NL_LEN];
	if (default_end)
		*default_end = DATE_NONE;
	if (!a || a->start == DATE_NONE)
		return xstrdup("Een startdatum is verplicht.");

	int years = m ? m->rules.tlv_max_years : 0;
	ibis_date last = DATE_NONE;
	if (a->kind == ARRANGEMENT_TLV && years > 0) {
		last = term_last_day(a->start, years);
		if (default_end)
			*default_end = last;
	}

	if (a->end != DATE_NONE && a->end < a->start)
		return xasprintf("De einddatum (%s) ligt vóór de startdatum (%s).",
				 date_format_nl(a->end, d1), date_format_nl(a->start, d2));
	if (last == DATE_NONE)
		return NULL;
	if (a->end == DATE_NONE)
		return xasprintf("Een TLV heeft een einddatum nodig: in het model „%s” geldt een TLV "
				 "maximaal %d jaar, dus uiterlijk tot en met %s.",
				 m->name, years, date_format_nl(last, d1));
	if (a->end > last)
		return xasprintf("In het model „%s” geldt een TLV maximaal %d jaar: de einddatum "
				 "(%s) mag niet na %s liggen.",
				 m->name, years, date_format_nl(a->end, d1),
				 date_format_nl(last, d2));
	return NULL;
}

/* ============================================================ bookkeeping */

/* An episode's end is the start of the next one (db_level_insert closes the
 * open episode at the new start), so an episode covers [start, end). */
static bool covers(const struct level_episode *e, ibis_date d)
{
	return e->start != DATE_NONE && e->start <= d && (e->end == DATE_NONE || d < e->end);
}

int level_on(const struct level_episode *e, int n, ibis_date d)
{
	if (d == DATE_NONE)
		return 0;
	/* the newest covering episode, should the history be inconsistent */
	for (int i = n - 1; i >= 0; i--)
		if (covers(&e[i], d))
			return e[i].level;
	return 0;
}

/* The level of an episode named from its own model when lookup knows it, else
 * "niveau N". Written into buf of size n; returns buf. */
static const char *episode_label(const struct level_episode *e, model_lookup lookup,
				 const void *ctx, char *buf, size_t n)
{
	const struct level_model *m = lookup && e->model ? lookup(ctx, e->model) : NULL;
	return level_label(m, e->level, buf, n);
}

/* "de periode op Laag 2 vanaf 01-09-2026". Caller frees. */
static char *describe(const struct level_episode *e, model_lookup lookup, const void *ctx)
{
	char label[64], d[DATE_NL_LEN];
	episode_label(e, lookup, ctx, label, sizeof(label));
	if (e->start == DATE_NONE)
		return xasprintf("de periode op %s zonder begindatum", label);
	return xasprintf("de periode op %s vanaf %s", label, date_format_nl(e->start, d));
}

/* Add a line that begins with a description: its first letter upper-cased. */
static void add_problem(struct strlist *problems, char *line)
{
	if (line[0] >= 'a' && line[0] <= 'z')
		line[0] = (char)(line[0] - 'a' + 'A');
	if (problems)
		sl_take(problems, line);
	else
		free(line);
}

static bool overlap(const struct level_episode *a, const struct level_episode *b)
{
	if (a->start == DATE_NONE || b->start == DATE_NONE)
		return false;
	bool a_before_b_ends = b->end == DATE_NONE || a->start < b->end;
	bool b_before_a_ends = a->end == DATE_NONE || b->start < a->end;
	/* an empty episode (start == end) covers no day and overlaps nothing */
	bool a_empty = a->end != DATE_NONE && a->end <= a->start;
	bool b_empty = b->end != DATE_NONE && b->end <= b->start;
	return a_before_b_ends && b_before_a_ends && !a_empty && !b_empty;
}

bool level_episodes_check(const struct level_episode *e, int n, model_lookup lookup,
			  const void *ctx, struct strlist *problems)
{
	bool ok = true;
	int open = 0;
	for (int i = 0; i < n; i++) {
		char *what = describe(&e[i], lookup, ctx);
		char d[DATE_NL_LEN];
		if (e[i].start == DATE_NONE) {
			char label[64];
			episode_label(&e[i], lookup, ctx, label, sizeof(label));
			add_problem(problems,
				    xasprintf("Een periode op %s heeft geen begindatum.", label));
			ok = false;
		} else if (e[i].end != DATE_NONE && e[i].end < e[i].start) {
			add_problem(problems, xasprintf("%s eindigt vóór ze begint (%s).", what,
							date_format_nl(e[i].end, d)));
			ok = false;
		}
		if (e[i].end == DATE_NONE) {
			open++;
			if (i != n - 1) {
				add_problem(problems,
					    xasprintf("%s is nog open, maar is niet de laatste "
						      "periode.",
						      what));
				ok = false;
			}
		}
		for (int j = i + 1; j < n; j++) {
			if (!overlap(&e[i], &e[j]))
				continue;
			char *other = describe(&e[j], lookup, ctx);
			add_problem(problems, xasprintf("%s overlapt met %s.", what, other));
			free(other);
			ok = false;
		}
		if (lookup) {
			const struct level_model *m = e[i].model ? lookup(ctx, e[i].model) : NULL;
			if (!m) {
				add_problem(problems,
					    xasprintf("%s hoort bij een onbekend niveaumodel („%s”).",
						      what, e[i].model ? e[i].model : ""));
				ok = false;
			} else if (e[i].level < 1 || e[i].level > m->nlevels) {
				add_problem(problems,
					    xasprintf("%s past niet in het model „%s” (niveau 1 t/m "
						      "%d).",
						      what, m->name, m->nlevels));
				ok = false;
			}
		}
		free(what);
	}
	if (open > 1) {
		add_problem(problems, xasprintf("Er zijn %d open perioden; alleen de laatste mag "
						"open zijn.",
						open));
		ok = false;
	}
	return ok;
}

/* ================================================================= remap */

/* A decimal number of at most three digits at *p, moved past; -1 when there
 * is none (more digits count as out of range: 1000). */
static int number(const char **p)
{
	const char *s = *p;
	if (*s < '0' || *s > '9')
		return -1;
	int v = 0;
	for (; *s >= '0' && *s <= '9'; s++)
		if (v < 1000)
			v = v * 10 + (*s - '0');
	*p = s;
	return v > 1000 ? 1000 : v;
}

static void skip_spaces(const char **p)
{
	while (**p == ' ' || **p == '\t')
		(*p)++;
}

char *level_map_parse(const char *s, const struct level_model *to, struct level_map *out)
{
	memset(out, 0, sizeof(*out));
	int max = to ? to->nlevels : 9;
	struct strlist items = {0};
	sl_split(&items, s, ',');
	char *err = NULL;
	for (size_t i = 0; i < items.len && !err; i++) {
		const char *item = items.items[i], *p = item;
		int from = number(&p);
		skip_spaces(&p);
		int target = -1;
		if (from >= 0 && *p == '=') {
			p++;
			skip_spaces(&p);
			target = number(&p);
		}
		if (from < 0 || target < 0 || *p != '\0')
			err = xasprintf("„%s” is geen koppeling: schrijf oud=nieuw, bijvoorbeeld "
					"5=4,6=4.",
					item);
		else if (from < 1 || from > 9)
			err = xasprintf("„%s”: een oud niveau is 1 t/m 9, niet %d.", item, from);
		else if (target < 1 || target > max)
			err = to ? xasprintf("„%s”: niveau %d bestaat niet in het model „%s” (1 t/m "
					     "%d).",
					     item, target, to->name, to->nlevels)
				 : xasprintf("„%s”: een nieuw niveau is 1 t/m 9, niet %d.", item,
					     target);
		else if (out->map[from])
			err = xasprintf("Niveau %d is twee keer gekoppeld (%d en %d).", from,
					out->map[from], target);
		else
			out->map[from] = target;
	}
	sl_free(&items);
	if (err)
		memset(out, 0, sizeof(*out));
	return err;
}

/* The highest regular level of m (its top level when it has no regular one). */
static int highest_regular(const struct level_model *m)
{
	for (int p = m->nlevels; p >= 1; p--)
		if (m->levels[p - 1].kind == LEVEL_REGULAR)
			return p;
	return m->nlevels;
}

/* The kind of a level decides before its position: a placement stays a
 * placement and a return a return where `to` has one, and a position is kept
 * only where `to` has a level of the same kind there (a regular level 5 does
 * not become 6-lagen's placement laag 5). */
void level_map_default(const struct level_model *from, const struct level_model *to,
		       const struct level_map *explicit_map, struct level_map *out)
{
	memset(out, 0, sizeof(*out));
	if (from && to && to->nlevels > 0) {
		int placement = levelmodel_placement(to), ret = levelmodel_return(to);
		for (int old = 1; old <= from->nlevels && old < (int)ARRAY_LEN(out->map); old++) {
			enum level_kind kind = from->levels[old - 1].kind;
			const struct level *same = levelmodel_level(to, old);
			if (kind == LEVEL_PLACEMENT && placement)
				out->map[old] = placement;
			else if (kind == LEVEL_RETURN && ret)
				out->map[old] = ret;
			else if (same && same->kind == kind)
				out->map[old] = old;
			else
				out->map[old] = highest_regular(to);
		}
	}
	if (explicit_map)
		for (size_t old = 1; old < ARRAY_LEN(out->map); old++)
			if (explicit_map->map[old])
				out->map[old] = explicit_map->map[old];
}
