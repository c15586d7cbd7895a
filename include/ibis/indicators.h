/* indicators.h - indicator sets for the HGW grid (data/indicators/ID.ini). */
#ifndef IBIS_INDICATORS_H
#define IBIS_INDICATORS_H

#include "ibis/error.h"
#include "ibis/util.h"

struct indicator_section {
	int number;        /* N of [sectie N] */
	char *name;
	char *description; /* NULL when absent */
};

struct indicator {
	char *id;      /* "1.1" as written in [indicator 1.1] (original case) */
	int section;   /* number of its section */
	char *text;
};

struct indicator_set {
	char *id;          /* file name without .ini */
	char *path;
	char *name;
	char *source;      /* NULL when absent */
	char *description; /* NULL when absent */
	char *norms[4];    /* words of the scores 1..4 (norms[0] is score 1) */
	struct strlist principles; /* numbered principles, in order; may be empty */
	int nsections;
	struct indicator_section *sections;
	int nindicators;
	struct indicator *indicators; /* in file order */
};

enum ibis_status indicators_load(const char *path, const char *id, struct indicator_set *s,
				 struct ibis_error *err);
void indicators_free(struct indicator_set *s);
/* The indicator with this id, NULL when none. */
const struct indicator *indicators_find(const struct indicator_set *s, const char *id);

#endif
