/* levelrules.h - the rules of a level model applied to a pupil's steps.
 *
 * Everything a screen or command needs to decide about a change of level comes
 * from here, computed from the model (data/levels/NAME.ini) and plain facts about
 * the pupil; nothing here reads the database, so each shipped model's rules are
 * unit-tested directly. Messages are Dutch and name the model's own level
 * names ("Laag 3", "Niveau 2"), never a fixed list.
 */
#ifndef IBIS_LEVELRULES_H
#define IBIS_LEVELRULES_H

#include <stdbool.h>

#include "ibis/date.h"
#include "ibis/levelmodel.h"
#include "ibis/plantemplate.h"
#include "ibis/records.h"
#include "ibis/util.h"

/* ================================================================== steps */

enum step_kind {
	STEP_FIRST,     /* the pupil has no level yet: the first one is recorded */
	STEP_UP,        /* to a higher regular level */
	STEP_DOWN,      /* to a lower level (the support is no longer needed) */
	STEP_SAME,      /* to the level the pupil already has: refused */
	STEP_PLACEMENT, /* to a level of kind plaatsing (SBO/SO) */
	STEP_RETURN,    /* to a level of kind terugplaatsing (back to regular) */
};

/* What the pupil has now, as far as the rules ask. The caller fills it from
 * the database; a field it does not know stays false / DATE_NONE. */
struct step_facts {
	int from;                     /* current level position, 0 = none */
	const struct strlist *plans;  /* template ids of the pupil's open plans
				       * (concept or actief); NULL = none */
	bool consent;                 /* parents' consent recorded (given, not withdrawn) */
	bool groeidocument;           /* a groeidocument exists */
	bool hoorrecht;               /* the pupil's voice is recorded (in the OPP) */
	bool tlv;                     /* a TLV valid on the day of the step */
};

/* The step asked for. */
struct level_step {
	int to;                       /* new level position, 1 .. nlevels */
	ibis_date date;               /* the day of the step */
	const char *reason;           /* NULL or "" when not given */
};

/* The verdict on a step. Strings are owned (freed by step_check_clear). */
struct step_check {
	enum step_kind kind;
	int skipped;          /* regular levels jumped over (0 = the next one) */
	bool reason_required; /* up, skipping, placement: a reason must be given */
	char *error;          /* Dutch, why the step may not be recorded; NULL = allowed */
	/* What the model expects at the new level and the pupil lacks: "Op Laag 4
	 * hoort een OPP; Sanne heeft geen open OPP.". Warnings, not refusals: the
	 * step is recorded, the IB'er then makes the plan or asks the consent. */
	struct strlist warnings;
	/* Prefill of the form, from the model (NULL when the model says nothing):
	 * the kind of meeting that decides this step (the target level's
	 * bespreking for a step up; for a step down the current level's), and the
	 * target level's regie and betrokken. Point into the model. */
	const char *meeting;
	const char *regie;
	const char *betrokken;
};

/* Judge a step from facts->from to step->to under model m. Never fails: an
 * impossible step (unknown level, same level, a raise or skip without a
 * reason, a return while not placed) sets out->error. */
void level_step_check(const struct level_model *m, const struct step_facts *facts,
		      const struct level_step *step, struct step_check *out);
void step_check_clear(struct step_check *c);
/* "omhoog", "omlaag", ... for messages and the timeline. */
const char *step_kind_name(enum step_kind k);

/* The first level of kind plaatsing of the model (0 when none): where a pupil
 * who leaves for SBO/SO is recorded. */
int levelmodel_placement(const struct level_model *m);
/* The first level of kind terugplaatsing (0 when none). */
int levelmodel_return(const struct level_model *m);

/* ============================================================== deadlines */

/* A date a rule of the model sets, for the signal list and the timeline. */
struct level_deadline {
	char *what;       /* Dutch: "OOP uiterlijk afgerond", "OPP opgesteld", ... */
	ibis_date due;
};

/* The deadlines that follow from a pupil being at level `level` since
 * `since` under model m and the plan templates' own rules (oop_max_weken from
 * the start, opp_binnen_weken from the start of a level that expects an OPP,
 * the OPP's yearly evaluation, ...). Appended to *out (*n entries, grown);
 * free with level_deadlines_free. templates may be NULL (the model's rules
 * only). */
void level_deadlines(const struct level_model *m, int level, ibis_date since,
		     const struct plan_template *const *templates, int ntemplates,
		     struct level_deadline **out, int *n);
void level_deadlines_free(struct level_deadline *d, int n);

/* =========================================================== arrangements */

/* Check a TLV or onderwijsarrangement against the model: a TLV ends at most
 * tlv_max_jaren after its start where the model says so (the end is then
 * required: *default_end receives start + the maximum, for the form to
 * prefill); an end before the start is refused. Returns NULL when allowed,
 * else a Dutch message (caller frees). */
char *arrangement_check(const struct level_model *m, const struct arrangement *a,
			ibis_date *default_end);

/* ============================================================ bookkeeping */

/* Check a pupil's episodes (oldest first, as db_level_history returns them):
 * no two overlap, at most one is open and it is the last, every level fits
 * its model (models looked up with lookup; a NULL lookup skips that check).
 * Each problem is appended to problems as a Dutch line. Returns true when
 * there is none. */
typedef const struct level_model *(*model_lookup)(const void *ctx, const char *id);
bool level_episodes_check(const struct level_episode *e, int n, model_lookup lookup,
			  const void *ctx, struct strlist *problems);
/* The level of the pupil on day d from its episodes (0: none then). */
int level_on(const struct level_episode *e, int n, ibis_date d);

/* ================================================================= remap */

/* A mapping of the levels of one model onto another: map[old] = new, for
 * old 1..9 (0 = not given). */
struct level_map {
	int map[10];
};

/* Parse "5=4,6=4" (spaces allowed) into *out; a level outside 1..9 on the
 * left, outside 1..to->nlevels on the right, or a level given twice is
 * refused with a Dutch message (caller frees). Returns NULL when it parsed. */
char *level_map_parse(const char *s, const struct level_model *to, struct level_map *out);
/* The default mapping from one model to another: the same position where it
 * exists in `to`, a placement level to `to`'s placement level, a return
 * level to `to`'s return level, else the highest regular level of `to`.
 * Entries given in *explicit (may be NULL) win. */
void level_map_default(const struct level_model *from, const struct level_model *to,
		       const struct level_map *explicit_map, struct level_map *out);

#endif
