/* planexport.h - a plan as a document fit to print and to give to parents
 * (`ibis export plan ID --format md|html`, the editor's export, and the
 * snapshot kept at every status change). No database: the caller gathers
 * what is written. */
#ifndef IBIS_PLANEXPORT_H
#define IBIS_PLANEXPORT_H

#include "ibis/basis.h"
#include "ibis/date.h"
#include "ibis/docwriter.h"
#include "ibis/levelmodel.h"
#include "ibis/plandoc.h"
#include "ibis/plantemplate.h"
#include "ibis/records.h"

struct plan_export {
	const struct plan_template *t;
	const struct plan_doc *doc;
	const struct plan_log_entry *log; /* oldest first; may be NULL */
	int nlog;
	const struct pupil *pupil;        /* a pupil plan; NULL for a group plan */
	const char *group;                /* the pupil's group, or the plan's group */
	const char *school;               /* name; NULL when unknown */
	const char *level;                /* "Laag 3 - Extra ondersteuning in de
					   * school", NULL when none */
	const struct basis_grid *areas;   /* names the goals' areas; may be NULL */
	ibis_date today;
};

/* The document, in plain Dutch: the title ("Ontwikkelingsperspectiefplan
 * (OPP)") with the pupil's name (or the group); the facts (leerling,
 * geboortedatum, groep, school, niveau, status, periode, evaluatie, opgesteld
 * door, uiterlijk klaar, instemming ouders); every field of the template in
 * file order with its label (legal parts marked "(wettelijk)"; an empty
 * field as "—" so that a reader sees it was left open); the goals with area,
 * term, target date, result and evaluation; the instruction groups with
 * their pupils; the evaluation held (date, with whom); the logboek by date;
 * then signature lines for the parents, the teacher and the intern
 * begeleider. Caller frees. */
char *plan_render(const struct plan_export *x, enum doc_format format);

#endif
