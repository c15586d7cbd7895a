/* planapp.c - see planapp.h. */
#include "ibis/planapp.h"

#include <stdlib.h>
#include <string.h>

#include "ibis/db_plan.h"
#include "ibis/domain.h"
#include "ibis/planexport.h"
#include "ibis/util.h"

/* The template of d, or IBIS_EINPUT naming its id. */
static enum ibis_status find_template(const struct app *app, const struct plan_doc *d,
				      const struct plan_template **out, struct ibis_error *err)
{
	const char *id = d->plan.template_id;
	*out = id ? domain_plan(&app->dom, id) : NULL;
	if (*out)
		return IBIS_OK;
	return ibis_fail(err, IBIS_EINPUT,
			 "Het plansjabloon ‘%s’ staat niet bij de gegevensbestanden; zet %s.ini "
			 "terug in de map plans/.",
			 id ? id : "", id ? id : "het sjabloon");
}

enum ibis_status app_plan_context(struct app *app, const struct plan_doc *d,
				  struct plan_context *c, struct ibis_error *err)
{
	const struct plan_template *t;
	enum ibis_status st = find_template(app, d, &t, err);
	if (st != IBIS_OK)
		return st;
	struct plan_facts f = {0};
	if ((st = db_plan_facts(app->db, &d->plan, &f, err)) != IBIS_OK) {
		plan_facts_clear(&f);
		return st;
	}
	/* a school whose model is not among the data files gets the rules of
	 * the template alone */
	const struct level_model *m = f.model ? domain_model(&app->dom, f.model) : NULL;
	*c = (struct plan_context){
		.t = t,
		.model = m,
		.cal = &app->cal,
		.today = date_today(),
		.support_start = f.pupil.id > 0 && m
					 ? plan_support_start(m, f.episodes, f.nepisodes)
					 : DATE_NONE,
	};
	plan_facts_clear(&f);
	return IBIS_OK;
}

/* "Laag 3 – Extra ondersteuning in de school" from the school's model (as
 * the timeline names levels); "niveau N" when the model does not know it;
 * NULL for no level. Caller frees. */
static char *level_label(const struct level_model *m, int position)
{
	if (position <= 0)
		return NULL;
	char *s = level_display_name(m ? levelmodel_level(m, position) : NULL);
	return s ? s : xasprintf("niveau %d", position);
}

enum ibis_status app_plan_render(struct app *app, const struct plan_doc *d,
				 enum doc_format format, char **out, struct ibis_error *err)
{
	*out = NULL;
	const struct plan_template *t;
	enum ibis_status st = find_template(app, d, &t, err);
	if (st != IBIS_OK)
		return st;
	struct plan_facts f = {0};
	struct plan_log_entry *log = NULL;
	int nlog = 0;
	if ((st = db_plan_facts(app->db, &d->plan, &f, err)) != IBIS_OK)
		goto out;
	/* a plan never saved has no logboek yet */
	if (d->plan.id > 0 &&
	    (st = db_plan_log_list(app->db, d->plan.id, &log, &nlog, err)) != IBIS_OK)
		goto out;

	const struct level_model *m = f.model ? domain_model(&app->dom, f.model) : NULL;
	char *level = level_label(m, f.level);
	struct plan_export x = {
		.t = t,
		.doc = d,
		.log = log,
		.nlog = nlog,
		.pupil = f.pupil.id > 0 ? &f.pupil : NULL,
		.group = f.group,
		.school = f.school,
		.level = level,
		.areas = &app->dom.basis,
		.today = date_today(),
	};
	*out = plan_render(&x, format);
	free(level);
out:
	plan_log_free(log, nlog);
	plan_facts_clear(&f);
	return st;
}
