/* basis.h - the basisondersteuning grid (data/basisondersteuning.ini):
 * ontwikkelingsgebieden (rows) x aspecten (columns).
 */
#ifndef IBIS_BASIS_H
#define IBIS_BASIS_H

#include "ibis/error.h"

struct basis_area {
	int number;
	char *name;
	char **texts; /* naspects entries; NULL where the source gives no text */
};

struct basis_grid {
	char *path;
	char *name;
	char *source; /* NULL when absent */
	int naspects;
	char **aspect_keys;  /* "aanbod" */
	char **aspect_names; /* "Aanbod" */
	int nareas;
	struct basis_area *areas;
};

enum ibis_status basis_load(const char *path, struct basis_grid *g, struct ibis_error *err);
void basis_free(struct basis_grid *g);

#endif
