/* planrules.c - see planrules.h.
 *
 * The checks only read the document and the rules; every text is Dutch and
 * names the part and the rule, so that the status screen can show the list
 * as it is and the editor can jump to the unit of each line.
 */
#include "ibis/planrules.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ibis/text.h"
#include "ibis/util.h"

/* ============================================================ calendar */

static int cmp_holiday(const void *a, const void *b)
{
	const struct holiday *x = a, *y = b;
	return (x->from > y->from) - (x->from < y->from);
}

/* One date of range number n; whole is the range, named when the date part
 * itself is empty. */
static enum ibis_status parse_one(const char *part, const char *whole, int n, ibis_date *out,
				  struct ibis_error *err)
{
	char *s = str_trim(part);
	enum ibis_status st = IBIS_OK;
	if (!date_parse(s, out))
		st = ibis_fail(err, IBIS_EINPUT, "vakantie %d: '%s': geen geldige datum", n,
			       *s ? s : whole);
	free(s);
	return st;
}

static enum ibis_status parse_range(const char *range, int n, struct holiday *h,
				    struct ibis_error *err)
{
	const char *sep = strstr(range, "t/m");
	if (!sep) {
		enum ibis_status st = parse_one(range, range, n, &h->from, err);
		h->to = h->from;
		return st;
	}
	char *first = xstrndup(range, (size_t)(sep - range));
	enum ibis_status st = parse_one(first, range, n, &h->from, err);
	free(first);
	if (st == IBIS_OK)
		st = parse_one(sep + 3, range, n, &h->to, err);
	if (st == IBIS_OK && h->to < h->from)
		st = ibis_fail(err, IBIS_EINPUT,
			       "vakantie %d: '%s': de einddatum ligt voor de begindatum", n, range);
	return st;
}

enum ibis_status plan_calendar_parse(const char *spec, bool school_weeks,
				     struct plan_calendar *c, struct ibis_error *err)
{
	memset(c, 0, sizeof(*c));
	c->school_weeks = school_weeks;
	struct strlist ranges = {0};
	sl_split(&ranges, spec, ',');
	if (ranges.len == 0)
		return IBIS_OK;
	struct holiday *h = xcalloc(ranges.len, sizeof(*h));
	for (size_t i = 0; i < ranges.len; i++) {
		if (parse_range(ranges.items[i], (int)i + 1, &h[i], err) != IBIS_OK) {
			free(h);
			sl_free(&ranges);
			return IBIS_EINPUT;
		}
	}
	qsort(h, ranges.len, sizeof(*h), cmp_holiday);
	/* merge overlapping and touching ranges, so a day is never counted twice */
	int n = 0;
	for (size_t i = 0; i < ranges.len; i++) {
		if (n > 0 && h[i].from <= h[n - 1].to + 1) {
			if (h[i].to > h[n - 1].to)
				h[n - 1].to = h[i].to;
		} else {
			h[n++] = h[i];
		}
	}
	sl_free(&ranges);
	c->holidays = h;
	c->nholidays = n;
	return IBIS_OK;
}

void plan_calendar_free(struct plan_calendar *c)
{
	if (!c)
		return;
	free(c->holidays);
	memset(c, 0, sizeof(*c));
}

static bool counts_school_weeks(const struct plan_calendar *c)
{
	return c && c->school_weeks && c->nholidays > 0;
}

int plan_weeks(const struct plan_calendar *c, ibis_date from, ibis_date to)
{
	if (from == DATE_NONE || to == DATE_NONE || to < from)
		return 0;
	int days = to - from + 1;
	for (int i = 0; counts_school_weeks(c) && i < c->nholidays; i++) {
		ibis_date a = c->holidays[i].from > from ? c->holidays[i].from : from;
		ibis_date b = c->holidays[i].to < to ? c->holidays[i].to : to;
		if (b >= a)
			days -= b - a + 1;
	}
	return (days + 6) / 7;
}

ibis_date plan_weeks_end(const struct plan_calendar *c, ibis_date from, int weeks)
{
	if (from == DATE_NONE)
		return DATE_NONE;
	if (weeks <= 0)
		return date_add_days(from, -1);
	/* walk the counted days from from, jumping over each holiday */
	int need = 7 * weeks;
	ibis_date cursor = from;
	for (int i = 0; counts_school_weeks(c) && i < c->nholidays; i++) {
		const struct holiday *h = &c->holidays[i];
		if (h->to < cursor)
			continue;
		if (h->from > cursor) {
			int free_days = h->from - cursor;
			if (need <= free_days)
				return date_add_days(cursor, need - 1);
			need -= free_days;
		}
		cursor = date_add_days(h->to, 1);
	}
	return date_add_days(cursor, need - 1);
}

/* ============================================================ limits */

/* A model rule applies to the template its prefix names (oop_max_weken to
 * "oop"); the model's number wins over the template's. */
static const struct {
	const char *template_id;
	size_t limit; /* into struct plan_limits */
	size_t rule;  /* into struct level_rules */
} overrides[] = {
	{"oop", offsetof(struct plan_limits, max_weeks), offsetof(struct level_rules, oop_max_weeks)},
	{"opp", offsetof(struct plan_limits, due_within_weeks),
	 offsetof(struct level_rules, opp_within_weeks)},
	{"opp", offsetof(struct plan_limits, eval_months),
	 offsetof(struct level_rules, opp_eval_months)},
};

void plan_limits_get(const struct plan_template *t, const struct level_model *model,
		     struct plan_limits *out)
{
	memset(out, 0, sizeof(*out));
	if (!t)
		return;
	out->max_weeks = t->max_weeks;
	out->due_within_weeks = t->due_within_weeks;
	out->eval_months = t->eval_months;
	for (size_t i = 0; model && t->id && i < ARRAY_LEN(overrides); i++) {
		if (strcmp(t->id, overrides[i].template_id) != 0)
			continue;
		int rule = *(const int *)((const char *)&model->rules + overrides[i].rule);
		if (rule > 0)
			*(int *)((char *)out + overrides[i].limit) = rule;
	}
}

/* ============================================================ issues */

void plan_issues_free(struct plan_issues *is)
{
	if (!is)
		return;
	for (int i = 0; i < is->n; i++) {
		free(is->items[i].unit);
		free(is->items[i].text);
	}
	free(is->items);
	memset(is, 0, sizeof(*is));
}

int plan_issues_refusals(const struct plan_issues *is)
{
	int n = 0;
	for (int i = 0; is && i < is->n; i++)
		if (is->items[i].kind == PLAN_REFUSE)
			n++;
	return n;
}

__attribute__((format(printf, 4, 5))) static void add_issue(struct plan_issues *is,
							    enum plan_issue_kind kind,
							    const char *unit, const char *fmt, ...)
{
	if (is->n == is->cap) {
		is->cap = is->cap ? 2 * is->cap : 8;
		is->items = xrealloc(is->items, (size_t)is->cap * sizeof(*is->items));
	}
	va_list ap;
	va_start(ap, fmt);
	is->items[is->n++] = (struct plan_issue){
		.kind = kind,
		.unit = xstrdup(unit),
		.text = xvasprintf(fmt, ap),
	};
	va_end(ap);
}

/* ============================================================ helpers */

static bool field_empty(const struct plan_doc *d, const struct plan_field *fl)
{
	switch (fl->type) {
	case FIELD_GOALS:
		return d->ngoals == 0;
	case FIELD_PUPILS:
		for (int i = 0; i < d->nmembers; i++)
			if (d->members[i].field_key && strcmp(d->members[i].field_key, fl->key) == 0)
				return false;
		return true;
	default:
		return plandoc_get(d, fl->key) == NULL;
	}
}

/* "1 week", "9 weken", "9 schoolweken". */
static const char *weeks_word(const struct plan_calendar *c, int n)
{
	if (counts_school_weeks(c))
		return n == 1 ? "schoolweek" : "schoolweken";
	return n == 1 ? "week" : "weken";
}

static const char *short_name(const struct plan_template *t)
{
	return t && t->short_name ? t->short_name : "plan";
}

/* The first words of a goal, to name it: at most six, "…" when cut. Caller
 * frees. */
static char *first_words(const char *text)
{
	struct strbuf sb = {0};
	int words = 0;
	const char *p = text ? text : "";
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		if (words == 6) {
			sb_add(&sb, "…");
			break;
		}
		const char *e = p;
		while (*e && *e != ' ' && *e != '\t' && *e != '\n' && *e != '\r')
			e++;
		if (words++)
			sb_addc(&sb, ' ');
		sb_addn(&sb, p, (size_t)(e - p));
		p = e;
	}
	return sb_take(&sb);
}

/* Whether every word of participant occurs as a word of who, folded
 * (case and diacritics): "ouders" is in "Beide ouders, leerling". */
static bool took_part(const char *participant, const char *who)
{
	if (str_empty(who))
		return false;
	char *p = text_fold(participant), *w = text_fold(who);
	struct strlist pw = {0}, ww = {0};
	sl_split(&pw, p, ' ');
	sl_split(&ww, w, ' ');
	bool all = pw.len > 0;
	for (size_t i = 0; all && i < pw.len; i++) {
		bool found = false;
		for (size_t j = 0; !found && j < ww.len; j++)
			found = strcmp(pw.items[i], ww.items[j]) == 0;
		all = found;
	}
	sl_free(&pw);
	sl_free(&ww);
	free(p);
	free(w);
	return all;
}

/* ============================================================ checks */

static void check_fields(const struct plan_context *c, const struct plan_doc *d, bool at_eval,
			 enum plan_issue_kind kind, bool legal_only, struct plan_issues *out)
{
	for (int i = 0; c->t && i < c->t->nfields; i++) {
		const struct plan_field *fl = &c->t->fields[i];
		bool wanted = legal_only ? fl->legal : at_eval ? fl->required_eval : fl->required;
		if (!wanted || !field_empty(d, fl))
			continue;
		char *unit = xasprintf("veld:%s", fl->key);
		if (legal_only)
			add_issue(out, kind, unit, "Wettelijk deel ontbreekt: %s.", fl->label);
		else if (at_eval)
			add_issue(out, kind, unit, "Voor de evaluatie ontbreekt: %s%s.", fl->label,
				  fl->legal ? " (wettelijk)" : "");
		else
			add_issue(out, kind, unit, "Verplicht deel ontbreekt: %s%s.", fl->label,
				  fl->legal ? " (wettelijk)" : "");
		free(unit);
	}
}

static void check_activate(const struct plan_context *c, const struct plan_doc *d,
			   const struct plan_limits *lim, struct plan_issues *out)
{
	const struct plan *p = &d->plan;
	char a[DATE_NL_LEN], b[DATE_NL_LEN];
	check_fields(c, d, false, PLAN_REFUSE, false, out);
	if (p->start == DATE_NONE)
		add_issue(out, PLAN_REFUSE, "start", "Het plan heeft nog geen startdatum.");
	if (p->start != DATE_NONE && p->end != DATE_NONE && p->end < p->start)
		add_issue(out, PLAN_REFUSE, "eind",
			  "De einddatum (%s) ligt voor de startdatum (%s).",
			  date_format_nl(p->end, a), date_format_nl(p->start, b));
	if (lim->max_weeks > 0) {
		int weeks = plan_weeks(c->cal, p->start, p->end);
		if (p->end == DATE_NONE)
			add_issue(out, PLAN_REFUSE, "eind",
				  "Een %s loopt maximaal %d %s; het plan heeft nog geen einddatum.",
				  short_name(c->t), lim->max_weeks, weeks_word(c->cal, lim->max_weeks));
		else if (weeks > lim->max_weeks)
			add_issue(out, PLAN_REFUSE, "eind",
				  "Een %s loopt maximaal %d %s; deze periode is %d %s (%s t/m %s).",
				  short_name(c->t), lim->max_weeks, weeks_word(c->cal, lim->max_weeks),
				  weeks, weeks_word(c->cal, weeks), date_format_nl(p->start, a),
				  date_format_nl(p->end, b));
	}
	bool evaluated = !str_empty(c->t ? c->t->eval_with : NULL) || lim->max_weeks > 0 ||
			 lim->eval_months > 0;
	if (evaluated && p->eval_date == DATE_NONE) {
		ibis_date due, eval;
		plan_rule_dates(c, d, &due, &eval);
		if (eval != DATE_NONE)
			add_issue(out, PLAN_REFUSE, "evaluatiedatum",
				  "Het plan heeft nog geen evaluatiedatum (volgens de regels uiterlijk "
				  "%s).",
				  date_format_nl(eval, a));
		else
			add_issue(out, PLAN_REFUSE, "evaluatiedatum",
				  "Het plan heeft nog geen evaluatiedatum.");
	}
	if (c->t && c->t->consent) {
		if (p->agreed == DATE_NONE)
			add_issue(out, PLAN_REFUSE, "instemming",
				  "De instemming van de ouders met het handelingsdeel is nog niet "
				  "vastgelegd, met de datum.");
		else if (p->agreed > c->today)
			add_issue(out, PLAN_REFUSE, "instemming",
				  "De datum van de instemming van de ouders (%s) ligt na vandaag.",
				  date_format_nl(p->agreed, a));
	}
}

static void check_evaluate(const struct plan_context *c, const struct plan_doc *d,
			   struct plan_issues *out)
{
	const struct plan *p = &d->plan;
	char a[DATE_NL_LEN];
	if (p->evaluated == DATE_NONE)
		add_issue(out, PLAN_REFUSE, "evaluatie_gehouden",
			  "De datum waarop de evaluatie is gehouden ontbreekt.");
	else if (p->evaluated > c->today)
		add_issue(out, PLAN_REFUSE, "evaluatie_gehouden",
			  "De evaluatie kan niet na vandaag zijn gehouden (%s).",
			  date_format_nl(p->evaluated, a));
	int unsaved = 0;
	for (int i = 0; i < d->ngoals; i++) {
		const struct goal *g = &d->goals[i];
		char *unit = g->id ? xasprintf("doel:%lld", (long long)g->id)
				   : xasprintf("doel:nieuw:%d", unsaved);
		if (!g->id)
			unsaved++;
		if (g->result == GOAL_OPEN) {
			char *words = first_words(g->text);
			add_issue(out, PLAN_REFUSE, unit, "Doel nog niet geëvalueerd: „%s”.", words);
			free(words);
		}
		free(unit);
	}
	check_fields(c, d, true, PLAN_REFUSE, false, out);
	if (c->t && !str_empty(c->t->eval_with)) {
		struct strlist who = {0};
		sl_split(&who, c->t->eval_with, ',');
		for (size_t i = 0; i < who.len; i++)
			if (!took_part(who.items[i], p->evaluated_with))
				add_issue(out, PLAN_REFUSE, "evaluatie_gehouden",
					  "Bij de evaluatie ontbreekt: %s (een %s wordt geëvalueerd "
					  "met %s).",
					  who.items[i], short_name(c->t), c->t->eval_with);
		sl_free(&who);
	}
}

/* Warnings about the plan as it stands, whatever the move. */
static void check_standing(const struct plan_context *c, const struct plan_doc *d,
			   const struct plan_limits *lim, struct plan_issues *out)
{
	const struct plan *p = &d->plan;
	char a[DATE_NL_LEN];
	if (p->status == PLAN_ACTIVE) {
		if (p->end != DATE_NONE && p->end < c->today)
			add_issue(out, PLAN_WARN, "eind",
				  "De einddatum (%s) is voorbij; evalueer het plan of sluit het af.",
				  date_format_nl(p->end, a));
		int weeks = plan_weeks(c->cal, p->start, c->today);
		if (lim->max_weeks > 0 && weeks > lim->max_weeks)
			add_issue(out, PLAN_WARN, "start",
				  "Een %s loopt maximaal %d %s; dit plan loopt al %d %s (sinds %s).",
				  short_name(c->t), lim->max_weeks, weeks_word(c->cal, lim->max_weeks),
				  weeks, weeks_word(c->cal, weeks), date_format_nl(p->start, a));
	}
	if (p->status != PLAN_CLOSED && p->eval_date != DATE_NONE && p->eval_date < c->today &&
	    (p->evaluated == DATE_NONE || p->evaluated < p->eval_date))
		add_issue(out, PLAN_WARN, "evaluatiedatum", "De evaluatiedatum (%s) is voorbij.",
			  date_format_nl(p->eval_date, a));
	if (p->status == PLAN_CONCEPT) {
		ibis_date due = p->due, eval;
		if (due == DATE_NONE)
			plan_rule_dates(c, d, &due, &eval);
		if (due != DATE_NONE && due < c->today) {
			if (lim->due_within_weeks > 0)
				add_issue(out, PLAN_WARN, "uiterlijk",
					  "Het plan had uiterlijk %s klaar moeten zijn (een %s wordt "
					  "opgesteld binnen %d %s na de start van de extra "
					  "ondersteuning).",
					  date_format_nl(due, a), short_name(c->t),
					  lim->due_within_weeks, weeks_word(c->cal, lim->due_within_weeks));
			else
				add_issue(out, PLAN_WARN, "uiterlijk",
					  "Het plan had uiterlijk %s klaar moeten zijn.",
					  date_format_nl(due, a));
		}
	}
	if (p->status == PLAN_ACTIVE)
		check_fields(c, d, false, PLAN_WARN, true, out);
}

void plan_check(const struct plan_context *c, const struct plan_doc *d, enum plan_status to,
		struct plan_issues *out)
{
	struct plan_limits lim;
	plan_limits_get(c->t, c->model, &lim);
	if (to == PLAN_ACTIVE)
		check_activate(c, d, &lim, out);
	else if (to == PLAN_EVALUATED)
		check_evaluate(c, d, out);
	check_standing(c, d, &lim, out);
}

void plan_rule_dates(const struct plan_context *c, const struct plan_doc *d, ibis_date *due,
		     ibis_date *eval)
{
	struct plan_limits lim;
	plan_limits_get(c->t, c->model, &lim);
	const struct plan *p = &d->plan;
	*due = DATE_NONE;
	*eval = DATE_NONE;
	if (lim.due_within_weeks > 0) {
		ibis_date from = c->support_start != DATE_NONE ? c->support_start : p->start;
		*due = plan_weeks_end(c->cal, from, lim.due_within_weeks);
	}
	if (lim.eval_months > 0) {
		ibis_date from = p->evaluated != DATE_NONE ? p->evaluated : p->start;
		if (from != DATE_NONE)
			*eval = date_add_months(from, lim.eval_months);
	} else if (lim.max_weeks > 0) {
		*eval = p->end != DATE_NONE ? p->end : plan_weeks_end(c->cal, p->start, lim.max_weeks);
	}
}

/* ============================================================ support start */

/* Whether episode e is extra support in model m: not basisondersteuning
 * (basis = nee) or a placement elsewhere. An episode of another model or an
 * unknown level is not known to be extra. */
static bool extra_support(const struct level_model *m, const struct level_episode *e)
{
	if (e->model && m->id && strcmp(e->model, m->id) != 0)
		return false;
	const struct level *l = levelmodel_level(m, e->level);
	return l && (l->basis == 0 || l->kind == LEVEL_PLACEMENT);
}

ibis_date plan_support_start(const struct level_model *m, const struct level_episode *eps,
			     int n)
{
	if (!m || !eps || n <= 0)
		return DATE_NONE;
	int cur = n - 1;
	for (int i = n - 1; i >= 0; i--) {
		if (eps[i].end == DATE_NONE) {
			cur = i;
			break;
		}
	}
	if (!extra_support(m, &eps[cur]))
		return DATE_NONE;
	int first = cur;
	while (first > 0 && extra_support(m, &eps[first - 1]))
		first--;
	return eps[first].start;
}

/* ============================================================ status */

int plan_next_statuses(enum plan_status from, enum plan_status out[4])
{
	switch (from) {
	case PLAN_CONCEPT:
		out[0] = PLAN_ACTIVE;
		out[1] = PLAN_CLOSED;
		return 2;
	case PLAN_ACTIVE:
		out[0] = PLAN_EVALUATED;
		out[1] = PLAN_CLOSED;
		return 2;
	case PLAN_EVALUATED:
		out[0] = PLAN_ACTIVE;
		out[1] = PLAN_CLOSED;
		return 2;
	case PLAN_CLOSED:
		break;
	}
	return 0;
}

/* What the move is called in a sentence: "een OPP afsluiten". */
static const char *move_words(enum plan_status from, enum plan_status to)
{
	switch (to) {
	case PLAN_ACTIVE:
		return from == PLAN_EVALUATED ? "opnieuw actief maken" : "actief maken";
	case PLAN_EVALUATED:
		return "als geëvalueerd vastleggen";
	case PLAN_CLOSED:
		return "afsluiten";
	case PLAN_CONCEPT:
		break;
	}
	return "terugzetten naar concept";
}

bool plan_transition_ok(enum user_role role, const struct plan_template *t,
			enum plan_status from, enum plan_status to, char **why)
{
	if (why)
		*why = NULL;
	enum plan_status next[4];
	int n = plan_next_statuses(from, next);
	bool listed = false;
	for (int i = 0; i < n; i++)
		listed = listed || next[i] == to;
	if (!listed) {
		if (why)
			*why = xasprintf("Een plan met de status „%s” kan niet naar „%s”.",
					 plan_status_name(from), plan_status_name(to));
		return false;
	}
	bool teacher_move = t && t->teacher &&
			    ((from == PLAN_CONCEPT && to == PLAN_ACTIVE) ||
			     (from == PLAN_ACTIVE && to == PLAN_EVALUATED));
	if (role == USER_IB || role == USER_ADMIN || (role == USER_LEERKRACHT && teacher_move))
		return true;
	if (why)
		*why = teacher_move ? xasprintf("Alleen de leerkracht en de intern begeleider kunnen "
						"een %s %s.",
						short_name(t), move_words(from, to))
				    : xasprintf("Alleen de intern begeleider kan een %s %s.",
						short_name(t), move_words(from, to));
	return false;
}
