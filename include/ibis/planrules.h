/* planrules.h - the rules of plans as checks the user sees: the longest
 * period (OOP at most 8 weeks), the parts that must be filled before a plan
 * is active (the legal parts of an OPP, hoorrecht), the dates the rules put
 * on a plan (an OPP within 6 weeks of the start of extra support, evaluated
 * every 12 months), the parents' instemming, the evaluation, and who may
 * move a plan from one status to another.
 *
 * Every number and every required part comes from the plan template
 * (data/plans) and the school's level model ([regels]); nothing here knows a
 * plan type by name except through the model's rule names (oop_max_weken
 * applies to the template with id "oop", opp_binnen_weken and
 * opp_evaluatie_maanden to "opp"; the model's number wins over the
 * template's). No database here.
 */
#ifndef IBIS_PLANRULES_H
#define IBIS_PLANRULES_H

#include <stdbool.h>

#include "ibis/date.h"
#include "ibis/error.h"
#include "ibis/levelmodel.h"
#include "ibis/plandoc.h"
#include "ibis/plantemplate.h"
#include "ibis/records.h"

/* ---------------------------------------------------------------- weeks */

/* How periods in weeks are counted: calendar weeks (the default), or school
 * weeks, where the days of the school's holidays ([school] vakanties in
 * ibis.ini) do not count. */
struct holiday {
	ibis_date from, to; /* both days included */
};
struct plan_calendar {
	bool school_weeks;
	struct holiday *holidays; /* sorted by from, not overlapping */
	int nholidays;
};

/* Parse the holidays of the config: "19-10-2026 t/m 23-10-2026,
 * 21-12-2026 t/m 01-01-2027" (ranges separated by commas, each
 * "DATE t/m DATE" or one DATE for a single day; dd-mm-jjjj or jjjj-mm-dd).
 * spec NULL or "" is no holidays. A bad range fails with IBIS_EINPUT and a
 * Dutch message naming the range ("vakantie 2: '30-02-2026': geen geldige
 * datum"); overlapping ranges are merged. */
enum ibis_status plan_calendar_parse(const char *spec, bool school_weeks,
				     struct plan_calendar *c, struct ibis_error *err);
void plan_calendar_free(struct plan_calendar *c);

/* The number of weeks from..to (both days included), rounded up: 7 days are
 * 1 week, 8 days 2 weeks. School weeks leave out the holiday days. c NULL:
 * calendar weeks. 0 when to < from. */
int plan_weeks(const struct plan_calendar *c, ibis_date from, ibis_date to);
/* The last day of a period of weeks weeks that starts on from, so that
 * plan_weeks(c, from, result) == weeks (holiday days lengthen it). */
ibis_date plan_weeks_end(const struct plan_calendar *c, ibis_date from, int weeks);

/* ---------------------------------------------------------------- limits */

struct plan_limits {
	int max_weeks;        /* 0 = no limit */
	int due_within_weeks; /* 0 = no rule */
	int eval_months;      /* 0 = no rule */
};
/* The template's numbers, overridden by the model's [regels] for the
 * template they name (model may be NULL). */
void plan_limits_get(const struct plan_template *t, const struct level_model *model,
		     struct plan_limits *out);

/* ---------------------------------------------------------------- checks */

struct plan_context {
	const struct plan_template *t;
	const struct level_model *model;  /* the school's, may be NULL */
	const struct plan_calendar *cal;  /* NULL: calendar weeks */
	ibis_date today;
	/* The start of the pupil's extra support (plan_support_start), or
	 * DATE_NONE when the pupil has none or for a group plan. */
	ibis_date support_start;
};

enum plan_issue_kind {
	PLAN_REFUSE, /* stops the status change */
	PLAN_WARN,   /* shown, does not stop anything */
};
struct plan_issue {
	enum plan_issue_kind kind;
	char *unit;  /* the unit (plandoc.h) it is about, for the editor to
		      * mark and jump to; NULL when about the whole plan */
	char *text;  /* Dutch, one sentence, naming the part and the rule:
		      * "Verplicht deel ontbreekt: Onderbouwing van de
		      * uitstroombestemming (wettelijk).", "Een OOP loopt
		      * maximaal 8 weken; deze periode is 9 weken (01-09-2026
		      * t/m 02-11-2026)." */
};
struct plan_issues {
	struct plan_issue *items;
	int n, cap;
};
void plan_issues_free(struct plan_issues *is);
/* How many of is are PLAN_REFUSE. */
int plan_issues_refusals(const struct plan_issues *is);

/* What stops d from moving to status to, and what deserves a warning,
 * appended to out:
 * - to PLAN_ACTIVE: every field marked verplicht = ja that is empty (a goals
 *   field without goals, a leerlingen field without pupils), legal parts
 *   named as such; no start date; with a max_weeks limit no end date, or a
 *   period longer than the limit (with both numbers and dates); an
 *   evaluation date missing when the template names an evaluation
 *   (evaluatie_met, max_weken or evaluatie_maanden); with instemming = ja no
 *   date of the parents' agreement, or one after today.
 * - to PLAN_EVALUATED: no evaluation date held (d->plan.evaluated) or one
 *   after today; a goal still open (named by its first words); a field
 *   marked verplicht = evaluatie that is empty; a participant of the
 *   template's evaluatie_met missing from evaluated_with (compared
 *   case-insensitively, word by word: "ouders" is found in "beide ouders,
 *   leerling").
 * - to PLAN_CLOSED, PLAN_CONCEPT: nothing is refused here.
 * - always, as warnings, for the plan as it stands: an active plan past its
 *   end or past max_weeks from its start (the OOP past 8 weeks), an
 *   evaluation date passed, a due date passed while still concept, an empty
 *   legal part of an active plan (an OPP without hoorrecht).
 * Whether the move itself is allowed is plan_transition_ok's. */
void plan_check(const struct plan_context *c, const struct plan_doc *d, enum plan_status to,
		struct plan_issues *out);

/* The dates the rules put on the plan, DATE_NONE where no rule applies:
 * due = support_start (else the plan's start) + due_within_weeks (through
 * plan_weeks_end); eval = the last evaluation held (else the start) +
 * eval_months, or for a plan with max_weeks its end. */
void plan_rule_dates(const struct plan_context *c, const struct plan_doc *d, ibis_date *due,
		     ibis_date *eval);

/* The start of the current extra support of a pupil: the start of the
 * oldest of the unbroken run of episodes, ending in the open one (or the
 * newest), whose levels in model m are not basisondersteuning (basis 0, or
 * placement). eps oldest first. DATE_NONE when the current level is within
 * the basisondersteuning or unknown. */
ibis_date plan_support_start(const struct level_model *m, const struct level_episode *eps,
			     int n);

/* ---------------------------------------------------------------- status */

/* The statuses a plan may move to from from, in the order offered:
 * concept -> actief, afgesloten; actief -> geëvalueerd, afgesloten;
 * geëvalueerd -> actief (a next period), afgesloten; afgesloten -> none.
 * Returns how many were written to out. */
int plan_next_statuses(enum plan_status from, enum plan_status out[4]);
/* Whether role may move a plan of template t from from to to. ib and admin:
 * every move of plan_next_statuses; leerkracht: concept -> actief and
 * actief -> geëvalueerd of templates with leerkracht = ja (OOP,
 * groepsplan); directie: none; a move not in plan_next_statuses: nobody.
 * On false *why (when not NULL) is a Dutch sentence ("Alleen de intern
 * begeleider kan een OPP afsluiten."); caller frees. */
bool plan_transition_ok(enum user_role role, const struct plan_template *t,
			enum plan_status from, enum plan_status to, char **why);

#endif
