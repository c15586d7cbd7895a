/* levelmodel.h - support-level models (data/levels/NAME.ini).
 *
 * A school picks one model; its levels are stored by position (1 = lightest).
 * Every name, meeting kind and rule a screen shows comes from here, never from
 * a fixed list in code.
 */
#ifndef IBIS_LEVELMODEL_H
#define IBIS_LEVELMODEL_H

#include <stdbool.h>

#include "ibis/error.h"
#include "ibis/util.h"

enum level_kind {
	LEVEL_REGULAR = 0, /* regulier */
	LEVEL_PLACEMENT,   /* plaatsing: a placement elsewhere (SBO/SO) */
	LEVEL_RETURN,      /* terugplaatsing: back to a regular setting */
};

/* What a level asks for (vereist). */
enum {
	LEVEL_REQ_CONSENT = 1 << 0,       /* toestemming */
	LEVEL_REQ_GROEIDOCUMENT = 1 << 1, /* groeidocument */
	LEVEL_REQ_OPP = 1 << 2,           /* opp */
	LEVEL_REQ_TLV = 1 << 3,           /* tlv */
	LEVEL_REQ_HOORRECHT = 1 << 4,     /* hoorrecht */
};

struct level {
	int position;        /* 1-based */
	char *name;          /* naam (required) */
	char *short_name;    /* kort (required, <= 12 characters) */
	char *wie, *wanneer, *wat, *hoe, *waar; /* optional texts, NULL when absent */
	char *regie;
	char *betrokken;
	char *verantwoordelijk;
	char *ouders;
	char *meeting;       /* bespreking: kind of meeting deciding the step up here */
	struct strlist plans; /* plan: expected plan template ids */
	enum level_kind kind;
	int basis;           /* 1 basisondersteuning, 0 extra, -1 not said */
	unsigned requires;   /* LEVEL_REQ_* */
};

/* Numbers the source gives; 0 = the source says nothing. */
struct level_rules {
	int oop_max_weeks;
	int opp_within_weeks;
	int opp_eval_months;
	int tlv_max_years;
};

struct level_model {
	char *id;          /* file name without .ini */
	char *path;        /* the file it came from */
	char *name;
	char *source;      /* bron, NULL when absent */
	char *description; /* beschrijving */
	int nlevels;
	struct level *levels; /* nlevels entries, levels[i].position == i + 1 */
	struct level_rules rules;
};

/* Load and validate a model file; id is the model id to record. On failure
 * returns IBIS_EINPUT with "FILE:LINE: key: ..." and leaves *m empty. */
enum ibis_status levelmodel_load(const char *path, const char *id, struct level_model *m,
				 struct ibis_error *err);
void levelmodel_free(struct level_model *m);
/* Level at 1-based position, NULL when out of range. */
const struct level *levelmodel_level(const struct level_model *m, int position);
/* "Laag 3 – Extra begeleiding": the level's short name and name, or the one
 * of them there is when the other is empty or the same. NULL when l is NULL
 * or has neither. Caller frees. */
char *level_display_name(const struct level *l);
/* The word for a level's kind / requirement bit, Dutch, e.g. "toestemming". */
const char *level_requirement_name(unsigned bit);

#endif
