/* planapp.h - plans with everything around them that the running program
 * knows: the template and the school's model from the domain data, the
 * calendar from the config, the pupil, group, school, level and logboek from
 * the database. Shared by `ibis export plan` and the plan editor. */
#ifndef IBIS_PLANAPP_H
#define IBIS_PLANAPP_H

#include "ibis/app.h"
#include "ibis/docwriter.h"
#include "ibis/plandoc.h"
#include "ibis/planrules.h"

/* The rules' context of d: its template (IBIS_EINPUT naming the template id
 * when this installation lacks it), the model of its school, app->cal,
 * date_today(), and the pupil's support start (plan_support_start over the
 * episodes; DATE_NONE for a group plan). */
enum ibis_status app_plan_context(struct app *app, const struct plan_doc *d,
				  struct plan_context *c, struct ibis_error *err);

/* The document of d (plan_render) with its pupil, group, school, level
 * name, areas (app->dom's basisondersteuning grid) and logboek read from the
 * database. *out: caller frees. */
enum ibis_status app_plan_render(struct app *app, const struct plan_doc *d,
				 enum doc_format format, char **out, struct ibis_error *err);

#endif
