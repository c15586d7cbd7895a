/* domain.h - all domain data at once: every level model, plan template and
 * indicator set of the data folder (a school's own files in sysconfdir win over
 * the shipped ones of the same name and add new ones), and the
 * basisondersteuning grid and the SOP lists (sop.ini). Loaded and cross-checked at start: a plan id a level
 * names must exist; the configured default model must exist.
 */
#ifndef IBIS_DOMAIN_H
#define IBIS_DOMAIN_H

#include "ibis/basis.h"
#include "ibis/config.h"
#include "ibis/error.h"
#include "ibis/indicators.h"
#include "ibis/levelmodel.h"
#include "ibis/plantemplate.h"
#include "ibis/sop.h"

struct domain {
	int nmodels;
	struct level_model *models;     /* sorted by id */
	int nplans;
	struct plan_template *plans;    /* sorted by id */
	int nsets;
	struct indicator_set *sets;     /* sorted by id */
	struct basis_grid basis;
	struct sop_data sop;            /* sop.ini: kindkenmerken, grenzen */
};

enum ibis_status domain_load(struct domain *d, const struct ibis_config *cfg,
			     struct ibis_error *err);
void domain_free(struct domain *d);
/* Lookups by id; NULL when unknown. */
const struct level_model *domain_model(const struct domain *d, const char *id);
const struct plan_template *domain_plan(const struct domain *d, const char *id);
const struct indicator_set *domain_set(const struct domain *d, const char *id);

#endif
