/* jaarovergang.h - the jaarovergang: at the start of a school year every pupil
 * of a school moves up to the next group in one step.
 *
 * The plan is pure (no database): db_jaarovergang.h reads its input and
 * applies it, so these rules are tested without one. Y is the school year the
 * pupils leave (year), Y+1 the one they go to.
 *
 * Who: every pupil of the school who has not left (no left date), with their
 * group and jaargroep of Y. A pupil already in a group of Y+1 (put there by
 * hand, or by an earlier jaarovergang) is left alone (JOV_PLACED); when that
 * holds for everyone, the jaarovergang has been done (jov_plan_done).
 *
 * Where to, from jaargroep j of Y:
 * - the target jaargroep is j+1; j for a pupil who doubles (doubleert), j+2
 *   for one who skips a year (versnelt). A target past 8 means leaving for the
 *   VO on the last day of Y (31 July): groep 8 leaves unless it doubles, and
 *   a versneller from groep 7 goes straight to the VO. A pupil marked as
 *   leaving (vertrekt) leaves that same day with the destination given.
 * - the group, first match wins:
 *   1. a group chosen by hand (jov_choose);
 *   2. the next-year image of the pupil's own group (see below), when it holds
 *      the target jaargroep: "5B" -> "6B", "4/5" -> "5/6";
 *   3. the only group of Y+1 that holds the target jaargroep; among several,
 *      the only one with the pupil's class letter (a doubler of "5B" goes to
 *      "5B" when Y+1 has "5A" and "5B");
 *   4. none: the pupil needs a choice (JOV_UNPLACED, with its candidates).
 *   The plan is not applied while a pupil who had a group has none.
 * - a pupil in no group of the school in Y has no jaargroep to go on: they stay
 *   without a group (JOV_NO_GROUP) unless one is chosen with a jaargroep.
 *
 * The groups of Y+1: when the school has made any, those are used as they are
 * (and a pupil with no match in them needs a choice). When there are none, the
 * plan makes them from Y's (jov_plan.makes_groups) and the preview says so:
 * - a group moves up: every jaargroep number in its name +1 ("5B" -> "6B",
 *   "4/5" -> "5/6", "Groep 7" -> "Groep 8"), numbers past 8 dropped ("7/8" ->
 *   "8"); a name without a number stays ("Uilen"). Its jaargroepen +1, at most
 *   8; a combination that becomes one jaargroep becomes a regular group. A
 *   groep 8 has no next group.
 * - a kleutergroep (jaargroepen within 0-2, mixed, or named "1/2"), an
 *   instroom group and a schakelklas stay what they are: the same name, kind
 *   and jaargroepen (a kleutergroep up to groep 2). Who outgrows it moves on as
 *   in rule 3; when no group moves up into that jaargroep, a new one is made
 *   with the class letter: the oudste kleuters of "1/2A" go to a new "3A".
 * - a pupil whose target no group holds (a doubler in a jaargroep nobody moves
 *   up into) gets a new group the same way ("4B" for a doubler of "4B").
 * - teachers are not copied: they are set per school year.
 * Every group of Y but groep 8 gets its image, also when it ends up empty, so
 * the new year starts with the same classes one step up.
 *
 * A plan is rebuilt whole after every change (mark, choice); a school has a few
 * hundred pupils, and the order of the moves never changes, so a screen's
 * cursor stays on the same pupil.
 *
 * Typical use (a screen or ibis jaarovergang):
 *	struct jov_input in;
 *	db_jaarovergang_load(db, school, year, &in, &err);
 *	struct jov_plan plan;
 *	jov_plan_init(&plan, &in);               (takes over in)
 *	jov_mark(&plan, pupil_id, JOV_DOUBLE, LEAVE_NONE, &err);
 *	jov_choose(&plan, other_id, "5/6", -1, &err);
 *	... show plan.moves[i] with jov_move_from / jov_move_to ...
 *	if (jov_plan_ready(&plan)) db_jaarovergang_apply(db, &plan, login, &res, &err);
 *	jov_plan_free(&plan);
 */
#ifndef IBIS_JAAROVERGANG_H
#define IBIS_JAAROVERGANG_H

#include <stdbool.h>

#include "ibis/date.h"
#include "ibis/error.h"
#include "ibis/records.h"

/* A group of Y, or of Y+1 (existing, or one the plan makes). */
struct jov_group {
	ibis_id id;            /* 0 for a group of Y+1 the plan makes */
	char *name;
	enum group_kind kind;
	int jaargroep_min, jaargroep_max;
	int source;            /* a group the plan makes: the index in plan->from
				* it is the image of or was made for; else -1 */
};

/* An active pupil of the school, as db_jaarovergang_load reads them. */
struct jov_pupil {
	ibis_id id;
	char *name;            /* "Berg, Anna van den" */
	char *number;          /* leerlingnummer, NULL when none */
	ibis_id group_id;      /* the group of Y; 0 when none */
	int jaargroep;         /* in Y; -1 when in no group */
	char *placed_in;       /* the group of Y+1 the pupil is already in, or NULL */
	int placed_jaargroep;  /* -1 when not placed */
};

/* Everything the plan needs; all strings owned. */
struct jov_input {
	ibis_id school_id;
	char *school_name;
	int year;                     /* Y */
	struct jov_group *from;       /* the groups of Y, by jaargroep then name */
	int nfrom;
	struct jov_group *to;         /* the groups of Y+1 that exist (often none) */
	int nto;
	struct jov_pupil *pupils;     /* in the order the lists show them (name) */
	int npupils;
};
void jov_input_free(struct jov_input *in);

/* What was marked for a pupil before applying. */
enum jov_mark {
	JOV_NORMAL = 0, /* j -> j+1; groep 8 leaves for the VO */
	JOV_DOUBLE,     /* doubleert: stays at jaargroep j */
	JOV_SKIP,       /* versnelt: j -> j+2 */
	JOV_LEAVE,      /* vertrekt on the last day of Y, with a destination */
};

enum jov_outcome {
	JOV_MOVE,       /* into plan->to[to] with jaargroep to_jaargroep */
	JOV_LEAVES,     /* leaves on plan->leave_date for dest */
	JOV_UNPLACED,   /* had a group but no unique one in Y+1: needs a choice */
	JOV_NO_GROUP,   /* in no group in Y, none chosen: stays without a group */
	JOV_PLACED,     /* already in a group of Y+1: left alone */
};

struct jov_move {
	/* the pupil, as read */
	ibis_id pupil_id;
	char *name;            /* "Berg, Anna van den" */
	char *number;          /* NULL when none */
	int from;              /* index in plan->from; -1 when in none of them */
	int from_jaargroep;    /* -1 when unknown */
	char *placed_in;       /* see jov_pupil */
	int placed_jaargroep;
	/* what was marked (jov_mark, jov_choose) */
	enum jov_mark mark;
	enum leave_destination mark_dest; /* JOV_LEAVE only */
	char *choice;          /* name of a group of Y+1 chosen by hand, or NULL */
	int choice_jaargroep;  /* -1: the target jaargroep */
	/* the outcome */
	enum jov_outcome outcome;
	int target;            /* the jaargroep aimed at; -1 when unknown */
	int to;                /* JOV_MOVE: index in plan->to; else -1 */
	int to_jaargroep;      /* JOV_MOVE: the jaargroep in Y+1; else -1 */
	enum leave_destination dest; /* JOV_LEAVES: where to; else LEAVE_NONE */
	char *why;             /* JOV_UNPLACED: why, in Dutch; else NULL */
};

struct jov_plan {
	ibis_id school_id;
	char *school_name;
	int year;              /* Y: the pupils go from Y to Y+1 */
	ibis_date leave_date;  /* the last day of Y (31 July): who leaves, leaves then */
	bool makes_groups;     /* Y+1 had no groups: to[] are made by the plan */
	struct jov_group *from; /* the groups of Y */
	int nfrom;
	struct jov_group *to;  /* the groups of Y+1, by jaargroep then name */
	int nto;
	struct jov_move *moves; /* one per pupil: by group of Y (in from order,
				 * pupils without a group last), then by name */
	int nmoves;
};

/* Make the plan of in, taking over its contents (in is left empty, safe to
 * free again). No pupil is marked. */
void jov_plan_init(struct jov_plan *plan, struct jov_input *in);
void jov_plan_free(struct jov_plan *plan);

/* The index in plan->moves of a pupil, -1 when the pupil is not in the plan. */
int jov_find(const struct jov_plan *plan, ibis_id pupil_id);

/* Mark a pupil (JOV_NORMAL undoes a mark); dest is the destination of
 * JOV_LEAVE (any but LEAVE_NONE), ignored otherwise. A pupil not in the plan,
 * already placed, or without a jaargroep for doubling or skipping is
 * IBIS_EINPUT with a Dutch message. The plan is rebuilt. */
enum ibis_status jov_mark(struct jov_plan *plan, ibis_id pupil_id, enum jov_mark mark,
			  enum leave_destination dest, struct ibis_error *err);
/* Put a pupil in the group of Y+1 named group (a name in plan->to, any case)
 * with jaargroep (-1: the target jaargroep when the group holds it, else the
 * group's only one). NULL group undoes a choice. Refused (IBIS_EINPUT, nothing
 * changed) for a group that is not there, a jaargroep outside the group, a
 * pupil marked as leaving or already placed, or when the jaargroep cannot be
 * told (a combination group for a pupil without a jaargroep). The plan is
 * rebuilt. */
enum ibis_status jov_choose(struct jov_plan *plan, ibis_id pupil_id, const char *group,
			    int jaargroep, struct ibis_error *err);

/* The groups of Y+1 a pupil could go to: those holding the target jaargroep,
 * or all of them when none does or the target is unknown. Fills out with up
 * to max indexes in plan->to; returns how many there are. */
int jov_candidates(const struct jov_plan *plan, int move, int *out, int max);

/* "6B, groep 6", "VO op 31-07-2027", "vertrekt (sbo) op 31-07-2027", "kies
 * een groep (groep 6)", "zonder groep", "al in 6A, groep 6": where a move goes.
 * Caller frees. */
char *jov_move_to(const struct jov_plan *plan, int move);
/* "5B, groep 5", or "geen groep": where a move comes from. Caller frees. */
char *jov_move_from(const struct jov_plan *plan, int move);
/* "doubleert", "versnelt", "vertrekt", "" (JOV_NORMAL). Static text. */
const char *jov_mark_name(enum jov_mark mark);

struct jov_counts {
	int pupils;       /* every pupil in the plan */
	int up;           /* moving on one jaargroep (JOV_MOVE, not marked) */
	int doubles;      /* JOV_MOVE marked JOV_DOUBLE */
	int skips;        /* JOV_MOVE marked JOV_SKIP */
	int vo;           /* leaving for the VO (groep 8, versnellers from 7) */
	int leaves;       /* leaving elsewhere, as marked */
	int unplaced;     /* JOV_UNPLACED */
	int no_group;     /* JOV_NO_GROUP */
	int placed;       /* JOV_PLACED */
	int new_groups;   /* groups of Y+1 the plan makes */
	int exceptions;   /* marked or chosen by hand */
};
void jov_count(const struct jov_plan *plan, struct jov_counts *c);

/* True when the plan can be applied: something to do, nobody unplaced. */
bool jov_plan_ready(const struct jov_plan *plan);
/* True when nothing is left to do because the pupils are already in groups
 * of Y+1: the jaarovergang has been done. */
bool jov_plan_done(const struct jov_plan *plan);

/* The preview in Dutch, one line each, ending in a newline: the years, whether
 * groups are made, per group of Y where its pupils go with counts, the new
 * groups, the exceptions, who leaves for the VO, who has no group, who is
 * already placed, and the totals. Caller frees. */
char *jov_preview(const struct jov_plan *plan);

/* --- which school year --- */

/* What a school has in one school year. */
struct jov_year_state {
	int groups;   /* groups of the school */
	int members;  /* pupils in them */
};
/* The default year Y for "today's" school year t, given the state of t-1, t
 * and t+1 in st[0], st[1], st[2]: t when pupils are in groups of t and none
 * yet in t+1; t-1 when t has nobody in a group yet but t-1 has (after the
 * summer, also when the school made t's groups already). Otherwise -1 and err
 * (IBIS_EINPUT) says why: done already, or nobody in a group. */
int jov_default_year(int t, const struct jov_year_state st[3], struct ibis_error *err);

#endif
