/* plantemplate.h - plan templates (data/plans/ID.ini): one plan editor for
 * every plan type, driven by the template's field list and rules.
 */
#ifndef IBIS_PLANTEMPLATE_H
#define IBIS_PLANTEMPLATE_H

#include <stdbool.h>

#include "ibis/error.h"
#include "ibis/util.h"

enum field_type {
	FIELD_LINE,   /* regel */
	FIELD_TEXT,   /* tekst */
	FIELD_DATE,   /* datum */
	FIELD_CHOICE, /* keuze */
	FIELD_GOALS,  /* doelen */
	FIELD_PUPILS, /* leerlingen */
};

struct plan_field {
	char *key;   /* from [veld KEY] */
	char *label;
	char *help;  /* NULL when absent */
	enum field_type type;
	bool required;      /* verplicht = ja: filled before the plan is active */
	bool required_eval; /* verplicht = evaluatie: filled before it is evaluated */
	bool legal;  /* wettelijk */
	struct strlist choices; /* keuze: the choices; leerlingen: the groups */
};

struct plan_template {
	char *id;          /* file name without .ini: "oop" */
	char *path;
	char *name;
	char *short_name;
	bool for_group;    /* voor = groep */
	char *source;      /* NULL when absent */
	char *description; /* NULL when absent */
	int max_weeks;           /* 0 = no rule */
	int due_within_weeks;    /* opstellen_binnen_weken, 0 = no rule */
	int eval_months;         /* evaluatie_maanden, 0 = no rule */
	char *eval_with;         /* NULL when absent */
	bool consent;            /* instemming */
	bool teacher;            /* leerkracht = ja: a teacher may make it active
				  * and evaluate it (plan_transition_ok) */
	int nfields;
	struct plan_field *fields;
};

enum ibis_status plantemplate_load(const char *path, const char *id, struct plan_template *t,
				   struct ibis_error *err);
void plantemplate_free(struct plan_template *t);
const struct plan_field *plantemplate_field(const struct plan_template *t, const char *key);
/* Dutch name of a field type as written in the files ("tekst"). */
const char *field_type_name(enum field_type type);

#endif
