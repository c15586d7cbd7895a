/* plandoc.h - one plan as the editor holds it: the header (struct plan), the
 * values of the template's fields, the SMARTI goals and the pupils of a
 * groepsplan's instruction groups. No database and no screen here: the
 * editor, the draft store, the conflict merge and the export all work on
 * this.
 *
 * The logboek is not part of the document: its entries are only ever added,
 * each one saved at once, so two people writing in the same plan never
 * collide there.
 *
 * Units. For comparing and merging, a document is cut into units, each with
 * a stable id:
 *   "titel", "start", "eind", "evaluatiedatum", "uiterlijk", "instemming",
 *   "evaluatie_gehouden" (evaluated + evaluated_with)  - the header;
 *   "veld:KEY"                 - the value of the template field KEY (line,
 *                                text, date, choice);
 *   "leerlingen:KEY"           - every pupil of the leerlingen field KEY;
 *   "doel:ID"                  - a saved goal (id ID);
 *   "doel:nieuw:N"             - the N-th (0-based) goal not saved yet (id 0),
 *                                counted in document order.
 * The status is not a unit: it only changes through a status change, which
 * is saved at once.
 */
#ifndef IBIS_PLANDOC_H
#define IBIS_PLANDOC_H

#include <stdbool.h>

#include "ibis/basis.h"
#include "ibis/error.h"
#include "ibis/plantemplate.h"
#include "ibis/records.h"

/* The value of one template field: text as typed; a date as ISO
 * "YYYY-MM-DD"; a choice as the choice's text. */
struct plan_value {
	char *key;
	char *value;
};

struct plan_doc {
	struct plan plan;            /* id 0 while never saved */
	struct plan_value *values;   /* no two with the same key; never an empty
				      * value (clearing removes the entry) */
	int nvalues;
	struct goal *goals;          /* in the order shown; id 0 = not saved yet */
	int ngoals;
	struct plan_member *members; /* ordered by field, group, pupil name */
	int nmembers;
};

/* An empty document (header dates DATE_NONE, status concept). */
void plandoc_init(struct plan_doc *d);
void plandoc_free(struct plan_doc *d);
/* dst (initialised or freed before) becomes a deep copy of src. */
void plandoc_copy(struct plan_doc *dst, const struct plan_doc *src);

/* The value of field key, NULL when empty. */
const char *plandoc_get(const struct plan_doc *d, const char *key);
/* Set the value of field key (copied); NULL or only white space clears it. */
void plandoc_set(struct plan_doc *d, const char *key, const char *value);

/* Goals: append a copy of g (returns its index); remove the goal at index i. */
int plandoc_add_goal(struct plan_doc *d, const struct goal *g);
void plandoc_remove_goal(struct plan_doc *d, int i);

/* The pupils of leerlingen field key: put pupil_id (named name) in
 * group_name, moving it out of any other group of that field; group_name
 * NULL takes the pupil out of the field. */
void plandoc_set_member(struct plan_doc *d, const char *key, const char *group_name,
			ibis_id pupil_id, const char *name);
/* The group of pupil_id in field key, NULL when in none. */
const char *plandoc_member_group(const struct plan_doc *d, const char *key, ibis_id pupil_id);

/* True when a and b hold the same content (header, values, goals, members;
 * ids and versions of the plan are not compared, those of goals are). */
bool plandoc_equal(const struct plan_doc *a, const struct plan_doc *b);

/* ------------------------------------------------------------------ drafts */

/* The text a draft keeps: mine (what is being typed) and base (the plan as
 * it was read from the database before editing; NULL for a plan never
 * saved), so that a draft recovered after a colleague's save can still be
 * merged. A line-based UTF-8 format with every value escaped, read back
 * exactly (any character, newlines included). Caller frees. */
char *plandoc_draft(const struct plan_doc *mine, const struct plan_doc *base);
/* Read a draft back. mine and base must be initialised (plandoc_init);
 * *has_base says whether a base was stored. A damaged text fails with
 * IBIS_EINPUT and a Dutch message naming the line, and leaves both empty. */
enum ibis_status plandoc_undraft(const char *text, struct plan_doc *mine, struct plan_doc *base,
				 bool *has_base, struct ibis_error *err);

/* ------------------------------------------------------------------- units */

struct plan_unit {
	char *id;     /* see the top of this file */
	char *label;  /* Dutch: "Einddatum", the field's label, "Doel: <first words>" */
	char *text;   /* the content as shown to a person choosing between two
		       * versions (dates dd-mm-jjjj, a goal with its area name,
		       * term, target, result and evaluation); "" when empty */
};

/* Every unit of d in document order (header, then the template's fields in
 * file order, the goals at the template's doelen field, the members at their
 * leerlingen field); absent or empty units are included with text "".
 * areas (may be NULL) names the ontwikkelingsgebieden of goals. */
void plandoc_units(const struct plan_doc *d, const struct plan_template *t,
		   const struct basis_grid *areas, struct plan_unit **out, int *n);
void plan_units_free(struct plan_unit *u, int n);

/* Copy unit id from src into dst: a unit that src does not have (a goal it
 * deleted) is removed from dst; a new goal of src is appended to dst. */
void plandoc_take(struct plan_doc *dst, const struct plan_doc *src, const char *id);

/* A unit that both sides changed, each differently. */
struct plan_conflict {
	char *unit;    /* unit id */
	char *label;
	char *mine;    /* text of the unit in mine ("" when absent) */
	char *theirs;  /* text of the unit in theirs */
	bool take_mine; /* the choice; false (theirs) until the user chooses */
};

/* Three-way merge of a colleague's save (theirs) with what this user typed
 * (mine) since both started from base. out (initialised) becomes theirs with
 * every unit that only mine changed taken from mine; a unit both changed to
 * the same stays; a unit both changed differently is listed in *conf (out
 * keeps theirs there until plandoc_resolve). out's plan id and version are
 * theirs', so that saving it passes the version check. Caller frees *conf
 * with plan_conflicts_free. */
void plandoc_merge(const struct plan_doc *base, const struct plan_doc *mine,
		   const struct plan_doc *theirs, const struct plan_template *t,
		   const struct basis_grid *areas, struct plan_doc *out,
		   struct plan_conflict **conf, int *nconf);
/* Take from mine every conflict whose take_mine is set. */
void plandoc_resolve(struct plan_doc *out, const struct plan_doc *mine,
		     const struct plan_conflict *conf, int nconf);
void plan_conflicts_free(struct plan_conflict *c, int n);

#endif
