/* planexport.c - see planexport.h.
 *
 * The document follows the template: every field in file order under its own
 * label, so a school's own template prints as it is edited. A field left
 * empty is written as "—" rather than left out, so that parents and
 * colleagues see which part is still open (a missing legal part of an OPP
 * must be visible on paper too).
 */
#include "ibis/planexport.h"

#include <stdlib.h>
#include <string.h>

#include "ibis/text.h"
#include "ibis/util.h"

/* What an empty part shows. */
#define EMPTY "—"

/* ------------------------------------------------------------------ names */

/* "Ontwikkelingsperspectiefplan (OPP)", or the name alone when the short
 * name adds nothing. Caller frees. */
static char *plan_type_name(const struct plan_template *t)
{
	const char *name = !str_empty(t->name) ? t->name : t->id ? t->id : "Plan";
	if (!str_empty(t->short_name) && strcmp(t->short_name, name) != 0)
		return xasprintf("%s (%s)", name, t->short_name);
	return xstrdup(name);
}

/* The ontwikkelingsgebied of a goal by its number: the grid's name, else
 * "gebied N"; NULL when the goal names none. Caller frees. */
static char *area_name(const struct basis_grid *areas, int area)
{
	if (area <= 0)
		return NULL;
	for (int i = 0; areas && i < areas->nareas; i++)
		if (areas->areas[i].number == area && !str_empty(areas->areas[i].name))
			return xstrdup(areas->areas[i].name);
	return xasprintf("gebied %d", area);
}

/* A date value as stored (ISO) in the Dutch form; anything else as written.
 * Caller frees. */
static char *date_value(const char *iso)
{
	ibis_date d;
	char buf[DATE_NL_LEN];
	if (iso && date_parse(iso, &d))
		return xstrdup(date_format_nl(d, buf));
	return xstrdup(iso);
}

/* ------------------------------------------------------------------ facts */

static void fact(struct strlist *names, struct strlist *values, const char *name,
		 const char *value)
{
	if (str_empty(value))
		return;
	sl_add(names, name);
	sl_add(values, value);
}

static void fact_date(struct strlist *names, struct strlist *values, const char *name,
		      const char *prefix, ibis_date d)
{
	char buf[DATE_NL_LEN];
	if (d == DATE_NONE)
		return;
	sl_add(names, name);
	sl_addf(values, "%s%s", prefix, date_format_nl(d, buf));
}

static void write_facts(struct docw *w, const struct plan_export *x)
{
	const struct plan *p = &x->doc->plan;
	const struct pupil *pu = x->pupil;
	struct strlist names = {0}, values = {0};
	char a[DATE_NL_LEN], b[DATE_NL_LEN];

	fact(&names, &values, "Titel", p->title);
	if (pu) {
		char *name = name_natural(pu->first_name, pu->tussenvoegsel, pu->last_name);
		fact(&names, &values, "Leerling", name);
		free(name);
		fact_date(&names, &values, "Geboortedatum", "", pu->birth_date);
	}
	fact(&names, &values, "Groep", x->group);
	fact(&names, &values, "School", x->school);
	fact(&names, &values, "Niveau", x->level);
	fact(&names, &values, "Status", plan_status_name(p->status));
	sl_add(&names, "Periode");
	if (p->start != DATE_NONE && p->end != DATE_NONE)
		sl_addf(&values, "%s t/m %s", date_format_nl(p->start, a),
			date_format_nl(p->end, b));
	else if (p->start != DATE_NONE)
		sl_addf(&values, "vanaf %s", date_format_nl(p->start, a));
	else if (p->end != DATE_NONE)
		sl_addf(&values, "t/m %s", date_format_nl(p->end, b));
	else
		sl_add(&values, "nog niet vastgesteld");
	fact_date(&names, &values, "Evaluatie", "gepland op ", p->eval_date);
	fact(&names, &values, "Opgesteld door", p->author);
	fact_date(&names, &values, "Uiterlijk klaar", "", p->due);
	if (p->agreed != DATE_NONE)
		fact_date(&names, &values, "Instemming ouders", "gegeven op ", p->agreed);
	else if (x->t->consent)
		fact(&names, &values, "Instemming ouders", "nog niet gegeven");
	/* every export names the record by its id (DESIGN.md) */
	if (p->id > 0) {
		sl_add(&names, "Id");
		sl_addf(&values, "%lld", p->id);
	}
	docw_facts(w, &names, &values);
	sl_free(&names);
	sl_free(&values);
}

/* ------------------------------------------------------------------ goals */

static void write_goals(struct docw *w, const struct plan_export *x)
{
	const struct plan_doc *d = x->doc;
	if (d->ngoals <= 0) {
		docw_paragraph(w, EMPTY);
		return;
	}
	for (int i = 0; i < d->ngoals; i++) {
		const struct goal *g = &d->goals[i];
		struct strlist names = {0}, values = {0};
		char *heading = xasprintf("Doel %d", i + 1);
		char *area = area_name(x->areas, g->area);
		docw_heading(w, 3, heading);
		docw_paragraph(w, str_empty(g->text) ? EMPTY : g->text);
		fact(&names, &values, "Ontwikkelingsgebied", area);
		fact(&names, &values, "Termijn",
		     g->long_term ? "lange termijn (einde schooljaar)" : "korte termijn");
		fact_date(&names, &values, "Streefdatum", "", g->target);
		fact(&names, &values, "Resultaat",
		     g->result == GOAL_OPEN ? "nog niet geëvalueerd" : goal_result_name(g->result));
		fact(&names, &values, "Evaluatie", g->evaluation);
		docw_facts(w, &names, &values);
		sl_free(&names);
		sl_free(&values);
		free(area);
		free(heading);
	}
}

/* ---------------------------------------------------------------- members */

/* The pupils of group in field key, joined with ", "; NULL when none. Caller
 * frees. */
static char *group_pupils(const struct plan_doc *d, const char *key, const char *group)
{
	struct strbuf sb = {0};
	for (int i = 0; i < d->nmembers; i++) {
		const struct plan_member *m = &d->members[i];
		if (!m->field_key || strcmp(m->field_key, key) != 0 || !m->group_name ||
		    strcmp(m->group_name, group) != 0)
			continue;
		if (sb.len)
			sb_add(&sb, ", ");
		if (!str_empty(m->pupil_name))
			sb_add(&sb, m->pupil_name);
		else
			sb_printf(&sb, "leerling %lld", m->pupil_id);
	}
	return sb.len ? sb_take(&sb) : NULL;
}

static bool listed(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->len; i++)
		if (strcmp(l->items[i], s) == 0)
			return true;
	return false;
}

/* The instruction groups of leerlingen field key: the template's groups in
 * their order (each, also an empty one), then any group the plan still
 * holds that the template no longer names. */
static void write_members(struct docw *w, const struct plan_doc *d, const char *key,
			  const struct strlist *groups)
{
	struct strlist names = {0}, values = {0};
	for (size_t i = 0; groups && i < groups->len; i++)
		sl_add(&names, groups->items[i]);
	for (int i = 0; i < d->nmembers; i++) {
		const struct plan_member *m = &d->members[i];
		if (m->field_key && strcmp(m->field_key, key) == 0 && m->group_name &&
		    !listed(&names, m->group_name))
			sl_add(&names, m->group_name);
	}
	if (names.len == 0) {
		docw_paragraph(w, EMPTY);
		return;
	}
	for (size_t i = 0; i < names.len; i++) {
		char *pupils = group_pupils(d, key, names.items[i]);
		sl_take(&values, pupils ? pupils : xstrdup(EMPTY));
	}
	docw_facts(w, &names, &values);
	sl_free(&names);
	sl_free(&values);
}

/* ----------------------------------------------------------------- fields */

static void write_field(struct docw *w, const struct plan_export *x, const struct plan_field *f)
{
	char *heading = f->legal ? xasprintf("%s (wettelijk)", f->label) : xstrdup(f->label);
	docw_heading(w, 2, heading);
	free(heading);
	if (f->type == FIELD_GOALS) {
		write_goals(w, x);
		return;
	}
	if (f->type == FIELD_PUPILS) {
		write_members(w, x->doc, f->key, &f->choices);
		return;
	}
	const char *value = plandoc_get(x->doc, f->key);
	if (str_empty(value)) {
		docw_paragraph(w, EMPTY);
	} else if (f->type == FIELD_DATE) {
		char *date = date_value(value);
		docw_paragraph(w, date);
		free(date);
	} else {
		docw_paragraph(w, value);
	}
}

/* What the plan holds that its template has no field for (a template that
 * was changed after the plan was written): shown after the fields rather
 * than lost. */
static void write_orphans(struct docw *w, const struct plan_export *x)
{
	const struct plan_template *t = x->t;
	const struct plan_doc *d = x->doc;
	bool has_goals = false;
	for (int i = 0; i < t->nfields; i++)
		has_goals |= t->fields[i].type == FIELD_GOALS;
	if (!has_goals && d->ngoals > 0) {
		docw_heading(w, 2, "Doelen");
		write_goals(w, x);
	}
	struct strlist done = {0};
	for (int i = 0; i < d->nmembers; i++) {
		const char *key = d->members[i].field_key;
		const struct plan_field *f = key ? plantemplate_field(t, key) : NULL;
		if (!key || (f && f->type == FIELD_PUPILS) || listed(&done, key))
			continue;
		sl_add(&done, key);
		docw_heading(w, 2, "Instructiegroepen");
		write_members(w, d, key, NULL);
	}
	sl_free(&done);
	for (int i = 0; i < d->nvalues; i++) {
		const struct plan_value *v = &d->values[i];
		if (plantemplate_field(t, v->key) || str_empty(v->value))
			continue;
		docw_heading(w, 2, v->key);
		docw_paragraph(w, v->value);
	}
}

/* ------------------------------------------------------- evaluation, log */

static void write_evaluation(struct docw *w, const struct plan *p)
{
	docw_heading(w, 2, "Gehouden evaluatie");
	if (p->evaluated == DATE_NONE && str_empty(p->evaluated_with)) {
		docw_paragraph(w, "Er is nog geen evaluatie gehouden.");
		return;
	}
	struct strlist names = {0}, values = {0};
	fact_date(&names, &values, "Datum", "", p->evaluated);
	fact(&names, &values, "Met", p->evaluated_with);
	docw_facts(w, &names, &values);
	sl_free(&names);
	sl_free(&values);
}

static void write_log(struct docw *w, const struct plan_export *x)
{
	docw_heading(w, 2, "Logboek");
	if (!x->log || x->nlog <= 0) {
		docw_paragraph(w, "Er staat nog niets in het logboek.");
		return;
	}
	static const char *const head[] = {"Datum", "Door", "Notitie"};
	docw_table_begin(w, head, (int)ARRAY_LEN(head));
	for (int i = 0; i < x->nlog; i++) {
		const struct plan_log_entry *e = &x->log[i];
		char date[DATE_NL_LEN];
		const char *cells[] = {date_format_nl(e->date, date), e->author, e->text};
		docw_row(w, cells);
	}
	docw_table_end(w);
}

static void write_signatures(struct docw *w, const struct plan_export *x)
{
	docw_heading(w, 2, "Ondertekening");
	docw_paragraph(w, x->t->consent
				  ? "Met hun handtekening stemmen de ouders in met het handelingsdeel "
				    "van dit plan: de doelen, de ondersteuning en de afspraken."
				  : "Met hun handtekening geven de ondertekenaars aan dat zij dit plan "
				    "samen hebben besproken.");
	struct strlist roles = {0};
	sl_add(&roles, "Ouder(s)/verzorger(s)");
	sl_add(&roles, "Leerkracht");
	sl_add(&roles, "Intern begeleider");
	docw_signatures(w, &roles);
	sl_free(&roles);
}

/* ----------------------------------------------------------------- public */

char *plan_render(const struct plan_export *x, enum doc_format format)
{
	const struct plan_template *t = x->t;
	char *type = plan_type_name(t);
	char *who = NULL;
	if (x->pupil)
		who = name_natural(x->pupil->first_name, x->pupil->tussenvoegsel,
				   x->pupil->last_name);
	else if (!str_empty(x->group))
		who = xasprintf("groep %s", x->group);
	char *title = !str_empty(who) ? xasprintf("%s voor %s", type, who) : xstrdup(type);

	struct docw w;
	docw_begin(&w, format, title);
	docw_heading(&w, 1, title);
	write_facts(&w, x);
	if (!str_empty(t->description))
		docw_paragraph(&w, t->description);
	for (int i = 0; i < t->nfields; i++)
		write_field(&w, x, &t->fields[i]);
	write_orphans(&w, x);
	write_evaluation(&w, &x->doc->plan);
	write_log(&w, x);
	write_signatures(&w, x);

	char date[DATE_NL_LEN];
	ibis_date today = x->today != DATE_NONE ? x->today : date_today();
	char *note = xasprintf("Bijgewerkt tot %s.", date_format_nl(today, date));
	docw_note(&w, note);

	free(note);
	free(title);
	free(who);
	free(type);
	return docw_end(&w);
}
