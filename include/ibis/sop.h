/* sop.h - the school support profile (schoolondersteuningsprofiel, SOP) and
 * the basisondersteuning checklist as records, and the SOP's own data file
 * (data/sop.ini: the kindkenmerken an aanbod is described for, and the usual
 * headings of the grenzen aan zorg, after seed 003).
 *
 * Every row belongs to a school and a school year (the first calendar year:
 * 2026 = 2026-2027). Strings are owned (NULL when empty) and freed by the
 * *_clear functions, which leave the struct zeroed.
 */
#ifndef IBIS_SOP_H
#define IBIS_SOP_H

#include <stdbool.h>

#include "ibis/date.h"
#include "ibis/error.h"
#include "ibis/records.h"
#include "ibis/util.h"

/* Aanwezige expertise: "3 Bouwcoördinatoren, 1 opgeleid, 2 in opleiding". */
struct sop_expertise {
	ibis_id id;
	ibis_id school_id;
	int school_year;
	char *expertise;     /* the specialism: "Gedragsspecialist"; required */
	int staff_count;     /* number of staff with it; -1 = not given */
	int trained;         /* of them trained (opgeleid); -1 = not given */
	int in_training;     /* of them in opleiding; -1 = not given */
	int area;            /* ontwikkelingsgebied 1-8 it serves, 0 = none */
	char *person;        /* names, when the school writes them */
	char *note;
	int version;
};

/* Professionalisering: for the whole school (schoolontwikkeling) or for
 * individual staff ("2x master EN specialisatie begeleiden"). */
enum sop_scope { SOP_SCOPE_SCHOOL, SOP_SCOPE_INDIVIDUAL };

struct sop_training {
	ibis_id id;
	ibis_id school_id;
	int school_year;
	enum sop_scope scope;
	char *topic;         /* required */
	int participants;    /* individual: how many staff; 0 = not given */
	char *who;
	ibis_date planned;   /* DATE_NONE when none */
	ibis_date done;      /* DATE_NONE while not done */
	char *note;
	int version;
};

/* Aanbod per kindkenmerk: what the school offers for pupils with this
 * kenmerk, at which level of its model. */
struct sop_offer {
	ibis_id id;
	ibis_id school_id;
	int school_year;
	char *kenmerk;       /* key of a [kindkenmerk KEY] of sop.ini; NULL = general */
	int level;           /* position in the school's level model; 0 = not given */
	char *description;   /* required */
	int version;
};

/* Grenzen aan zorg. */
struct sop_limit {
	ibis_id id;
	ibis_id school_id;
	int school_year;
	char *heading;       /* "Verstoring van rust en veiligheid"; may be NULL */
	char *description;   /* required */
	int version;
};

/* A cell of the basisondersteuning checklist: area (row, the number of a
 * [gebied N] of basisondersteuning.ini) x aspect (column, the KEY of an
 * [aspect KEY]). */
enum basis_status {
	BASIS_OPEN = 0,      /* not yet judged */
	BASIS_MEETS,         /* voldoet */
	BASIS_PARTLY,        /* deels */
	BASIS_FAILS,         /* voldoet niet */
	BASIS_NA,            /* n.v.t. */
};
#define BASIS_NSTATUS 5

struct basis_cell {
	ibis_id id;          /* 0 = not stored yet */
	ibis_id school_id;
	int school_year;
	int area;
	char *aspect;
	enum basis_status status;
	char *description;   /* the school's own text where the grid gives none */
	char *note;
	char *document;      /* the protocol or document it rests on */
	int version;
};

/* The words on screen and in documents: "open", "voldoet", "deels",
 * "voldoet niet", "n.v.t." (static). */
const char *basis_status_label(enum basis_status s);
/* The value in the database: NULL (open), "voldoet", "deels", "voldoet niet",
 * "nvt" (static). */
const char *basis_status_db(enum basis_status s);
/* Either form above (and "nvt"/"n.v.t."), case-insensitive; NULL or "" is
 * BASIS_OPEN. False for anything else. */
bool basis_status_parse(const char *s, enum basis_status *out);
/* A short mark for the grid: "✓" "½" "✗" "–" " " in UTF-8, "+" "~" "x" "n" "."
 * otherwise (static). */
const char *basis_status_mark(enum basis_status s, bool utf8);

/* "school" / "individueel" (static; also the database values) and back. */
const char *sop_scope_name(enum sop_scope s);
bool sop_scope_parse(const char *s, enum sop_scope *out);

void sop_expertise_clear(struct sop_expertise *e);
void sop_training_clear(struct sop_training *t);
void sop_offer_clear(struct sop_offer *o);
void sop_limit_clear(struct sop_limit *l);
void basis_cell_clear(struct basis_cell *c);
void sop_expertise_free(struct sop_expertise *v, int n);
void sop_training_free(struct sop_training *v, int n);
void sop_offer_free(struct sop_offer *v, int n);
void sop_limit_free(struct sop_limit *v, int n);
void basis_cells_free(struct basis_cell *v, int n);
/* Deep copies (dst is overwritten, not freed first). */
void sop_expertise_copy(struct sop_expertise *dst, const struct sop_expertise *src);
void sop_training_copy(struct sop_training *dst, const struct sop_training *src);
void sop_offer_copy(struct sop_offer *dst, const struct sop_offer *src);
void sop_limit_copy(struct sop_limit *dst, const struct sop_limit *src);
void basis_cell_copy(struct basis_cell *dst, const struct basis_cell *src);

/* ------------------------------------------------------------ sop.ini */

struct sop_kenmerk {
	char *key;           /* "gedrag" of [kindkenmerk gedrag] */
	char *name;          /* "Problemen op het gebied van werkhouding" */
	char *description;   /* what belongs under it; NULL when absent */
};

struct sop_data {
	char *path;
	char *name;          /* [sop] naam */
	char *source;        /* NULL when absent */
	int nkenmerken;
	struct sop_kenmerk *kenmerken;  /* in file order */
	struct strlist grenzen;         /* [grenzen] 1, 2, ...: usual headings */
};

/* Load data/sop.ini (format in data/README). A malformed file: IBIS_EINPUT
 * naming file, line and key. */
enum ibis_status sop_data_load(const char *path, struct sop_data *d, struct ibis_error *err);
void sop_data_free(struct sop_data *d);
/* The kenmerk with this key, NULL when none (or key NULL). */
const struct sop_kenmerk *sop_kenmerk_find(const struct sop_data *d, const char *key);

#endif
