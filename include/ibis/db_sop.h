/* db_sop.h - the school side in the database: the HGW grid's scores and
 * assessors, the basisondersteuning checklist and the SOP rows (expertise,
 * professionalisering, aanbod, grenzen).
 *
 * Writes are optimistic: an update or delete names the version it read and
 * fails with IBIS_EDB / DBF_CONFLICT ("Een collega heeft dit intussen
 * gewijzigd; ...") when the row changed or vanished meanwhile; on success the
 * record's id and version are set to what is stored now. A row of another
 * school, or an unknown id: IBIS_EINPUT.
 */
#ifndef IBIS_DB_SOP_H
#define IBIS_DB_SOP_H

#include "ibis/db.h"
#include "ibis/hgw.h"
#include "ibis/sop.h"
#include "ibis/util.h"

/* ============================================================ HGW grid */

/* The cells of a school for one set (NULL = every set) in the school years
 * year_from .. year_to (inclusive), ordered by set, year, assessor,
 * indicator. Caller frees with indicator_scores_free. */
enum ibis_status db_score_list(struct db *db, ibis_id school_id, const char *set_id,
			       int year_from, int year_to, struct indicator_score **out, int *n,
			       struct ibis_error *err);

/* Store one cell (school_id, set_id, indicator, school_year, assessor of s):
 * s->id 0 inserts (a cell that exists meanwhile: DBF_CONFLICT), otherwise
 * the row is updated when its version is still s->version. A cell left with
 * neither score nor evidence is deleted (s->id becomes 0). A score outside
 * 0-4: IBIS_EINPUT. Naming an assessor stores it among the year's assessors
 * too. */
enum ibis_status db_score_put(struct db *db, struct indicator_score *s, struct ibis_error *err);

/* The school years with any cell or assessor of the school in set (NULL =
 * any set), newest first. Caller frees *years. */
enum ibis_status db_score_years(struct db *db, ibis_id school_id, const char *set_id,
				int **years, int *n, struct ibis_error *err);

/* The assessors of a set and school year (those added and those with a
 * cell), sorted by name without case, never "". out must be empty; caller
 * frees with sl_free. */
enum ibis_status db_assessor_list(struct db *db, ibis_id school_id, const char *set_id,
				  int school_year, struct strlist *out, struct ibis_error *err);
/* Add an assessor column (trimmed name, not empty; an existing one is no
 * error). */
enum ibis_status db_assessor_add(struct db *db, ibis_id school_id, const char *set_id,
				 int school_year, const char *assessor, struct ibis_error *err);
/* Remove an assessor column with no cells left; one with cells: IBIS_EINPUT
 * naming how many. */
enum ibis_status db_assessor_remove(struct db *db, ibis_id school_id, const char *set_id,
				    int school_year, const char *assessor,
				    struct ibis_error *err);

/* ==================================================== basisondersteuning */

/* The stored cells of a school year, by area then aspect. Caller frees with
 * basis_cells_free. */
enum ibis_status db_basis_list(struct db *db, ibis_id school_id, int school_year,
			       struct basis_cell **out, int *n, struct ibis_error *err);
/* Store one cell (insert when c->id is 0, else update at c->version). */
enum ibis_status db_basis_put(struct db *db, struct basis_cell *c, struct ibis_error *err);
/* Copy the cells of school year from into year to where to has no cell of
 * that area and aspect yet (the start of a new year's check); *copied (may
 * be NULL) gets how many. */
enum ibis_status db_basis_copy_year(struct db *db, ibis_id school_id, int from, int to,
				    int *copied, struct ibis_error *err);

/* ================================================================ SOP */

/* The rows of a school year (training: every year up to and including
 * school_year when all_years, else only that year; newest year first, then
 * school before individual, then topic). Expertise by specialism, offers by
 * kenmerk then level, limits by heading then id. Callers free with the
 * matching *_free of sop.h. */
enum ibis_status db_expertise_list(struct db *db, ibis_id school_id, int school_year,
				   struct sop_expertise **out, int *n, struct ibis_error *err);
enum ibis_status db_training_list(struct db *db, ibis_id school_id, int school_year,
				  bool all_years, struct sop_training **out, int *n,
				  struct ibis_error *err);
enum ibis_status db_offer_list(struct db *db, ibis_id school_id, int school_year,
			       struct sop_offer **out, int *n, struct ibis_error *err);
enum ibis_status db_limit_list(struct db *db, ibis_id school_id, int school_year,
			       struct sop_limit **out, int *n, struct ibis_error *err);

/* Insert (id 0) or update (at version) one row. A required text missing,
 * or trained + in_training above staff_count: IBIS_EINPUT with a Dutch
 * message naming the field. */
enum ibis_status db_expertise_save(struct db *db, struct sop_expertise *e, struct ibis_error *err);
enum ibis_status db_training_save(struct db *db, struct sop_training *t, struct ibis_error *err);
enum ibis_status db_offer_save(struct db *db, struct sop_offer *o, struct ibis_error *err);
enum ibis_status db_limit_save(struct db *db, struct sop_limit *l, struct ibis_error *err);

/* Delete one row when it is still at version (DBF_CONFLICT otherwise). */
enum ibis_status db_expertise_delete(struct db *db, ibis_id id, int version, struct ibis_error *err);
enum ibis_status db_training_delete(struct db *db, ibis_id id, int version, struct ibis_error *err);
enum ibis_status db_offer_delete(struct db *db, ibis_id id, int version, struct ibis_error *err);
enum ibis_status db_limit_delete(struct db *db, ibis_id id, int version, struct ibis_error *err);

/* Copy the expertise, aanbod and grenzen of school year from into year to
 * when to has none of that kind yet (professionalisering is per year and is
 * never copied); *copied (may be NULL) gets the number of rows. */
enum ibis_status db_sop_copy_year(struct db *db, ibis_id school_id, int from, int to, int *copied,
				  struct ibis_error *err);

#endif
