/* sopdoc.h - the school support profile (SOP) as a document, and the same
 * content as a section of the schoolgids in plain language for parents.
 *
 * sop_gather reads everything the document needs for one school and school
 * year (database and domain data); sop_document writes it with docwriter, so
 * that the command line (ibis export sop) and the School screen make the same
 * document.
 */
#ifndef IBIS_SOPDOC_H
#define IBIS_SOPDOC_H

#include <stdbool.h>

#include "ibis/app.h"
#include "ibis/basis.h"
#include "ibis/docwriter.h"
#include "ibis/hgw.h"
#include "ibis/levelmodel.h"
#include "ibis/records.h"
#include "ibis/sop.h"

struct sop_input {
	struct school school;              /* owned copy */
	const struct level_model *model;   /* the school's model; NULL when this
					    * installation lacks it */
	int school_year;
	ibis_date today;                   /* the date the document is made */
	const struct basis_grid *basis;    /* the domain's grid */
	const struct sop_data *data;       /* the domain's sop.ini */
	struct sop_expertise *expertise;
	int nexpertise;
	struct sop_training *training;     /* every year up to school_year */
	int ntraining;
	struct sop_offer *offers;
	int noffers;
	struct sop_limit *limits;
	int nlimits;
	struct basis_cell *cells;          /* the checklist of school_year */
	int ncells;
	const struct indicator_set **sets; /* every set of the domain (pointers
					    * into it), owned array */
	int nsets;
	struct indicator_score *scores;    /* cells of school_year and the year
					    * before, every set and assessor */
	int nscores;
};

/* Read the SOP of school_id for school_year (the domain data of app, the
 * database rows). An unknown school: IBIS_EINPUT. in is cleared first; free
 * it with sop_input_free (also after a failure). */
enum ibis_status sop_gather(struct app *app, ibis_id school_id, int school_year,
			    struct sop_input *in, struct ibis_error *err);
void sop_input_free(struct sop_input *in);

enum sop_audience {
	SOP_FOR_SCHOOL,  /* the SOP itself: every part, with the HGW means */
	SOP_FOR_PARENTS, /* the schoolgids section: plain language, no internal
			  * scores or staff names */
};

/* The document. SOP_FOR_SCHOOL has, in this order, under these level-2
 * headings: "Gegevens van de school", "Basisondersteuning" (the checklist
 * per ontwikkelingsgebied: aspect, the norm's text or the school's own,
 * status, note, document, and a count per status), "Ondersteuningsniveaus"
 * (the school's level model with each level's descriptions),
 * "Aanwezige expertise", "Professionalisering" (per school year, school and
 * individual), "Aanbod per kindkenmerk", "Grenzen aan zorg",
 * "Handelingsgericht werken" (per set the agreed means per section of the
 * year and the change against the year before). A part without rows says
 * so in a sentence rather than being left out.
 * SOP_FOR_PARENTS has "Ondersteuning op onze school", "Wat iedere leerling
 * krijgt: de basisondersteuning", "Als uw kind meer nodig heeft",
 * "Deskundigheid in de school", "Wat wij extra bieden", "Waar onze grenzen
 * liggen", "U en uw kind praten mee" (consent, the pupil's hoorrecht).
 * Caller frees. */
char *sop_document(const struct sop_input *in, enum doc_format fmt, enum sop_audience aud);

#endif
