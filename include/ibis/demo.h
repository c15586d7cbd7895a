/* demo.h - a fictional school (or a whole samenwerkingsverband) for demos,
 * tests and benchmarks, deterministic for a seed and "today".
 */
#ifndef IBIS_DEMO_H
#define IBIS_DEMO_H

#include "ibis/db.h"
#include "ibis/domain.h"
#include "ibis/error.h"

struct demo_options {
	int pupils;              /* total number of pupils (default 240) */
	unsigned seed;           /* same seed + same today = same database */
	const char *level_model; /* model of the first school (others rotate over
				  * the shipped models); NULL = the config's */
};

/* Fill an empty database: schools of about 500 pupils (one school for small
 * sets), groups 1-8 for the last three school years, pupils with realistic
 * Dutch names (tussenvoegsels, diacritics), level episodes, events and plans
 * spread over those years. Runs in one transaction. */
enum ibis_status demo_generate(struct db *db, const struct domain *dom,
			       const struct demo_options *opt, const char *default_model,
			       struct ibis_error *err);

/* The school side of one demo school (demosop.c): the HGW grid of both
 * shipped sets for the current and the previous school year (the agreed
 * score, and for the current year an IB'er and a directie column, a few
 * cells left open, evidence on some), the basisondersteuning checklist of
 * both years, and an SOP (expertise, professionalisering over four years,
 * aanbod per kindkenmerk, grenzen aan zorg) in the spirit of seed 003.
 * Deterministic for seed. Runs inside the caller's transaction. */
enum ibis_status demo_school_side(struct db *db, const struct domain *dom, ibis_id school_id,
				  int school_year, unsigned seed, struct ibis_error *err);

#endif
