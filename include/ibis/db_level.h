/* db_level.h - level episodes: where a pupil stands, since when, why. */
#ifndef IBIS_DB_LEVEL_H
#define IBIS_DB_LEVEL_H

#include <stdbool.h>

#include "ibis/db.h"
#include "ibis/levelrules.h"
#include "ibis/records.h"

/* Record a new level episode starting at e->start. The pupil's open episode (if
 * any) is closed at that date in the same transaction; a start before the open
 * episode's start is refused (IBIS_EINPUT). e->id and e->version are set. */
enum ibis_status db_level_insert(struct db *db, struct level_episode *e, struct ibis_error *err);
/* All episodes of a pupil, oldest first. Caller frees with level_episodes_free. */
enum ibis_status db_level_history(struct db *db, ibis_id pupil_id, struct level_episode **out,
				  int *n, struct ibis_error *err);
/* The open episode; *found false when the pupil has none. */
enum ibis_status db_level_current(struct db *db, ibis_id pupil_id, struct level_episode *out,
				  bool *found, struct ibis_error *err);

/* ============================================================ corrections */

/* Correct a recorded episode: its level, start date, reason, meeting, regie
 * and betrokkenen become those of *fixed (fixed->id names the episode,
 * fixed->version the version the user started from: another user's change in
 * between is DBF_CONFLICT). The old values, who (author), the day (on) and
 * why (required) go to level_corrections in the same transaction. A new start
 * date moves the end of the episode before it along and may not reach before
 * that episode's start or after this episode's end. *fixed's version is
 * bumped. */
enum ibis_status db_level_correct(struct db *db, struct level_episode *fixed, const char *why,
				  const char *author, ibis_date on, struct ibis_error *err);
/* Withdraw the newest episode of its pupil (a step that was never taken):
 * it is removed, the episode before it (if any) ends where the withdrawn one
 * ended (open again when the withdrawn one was open), and a correction
 * 'ingetrokken' keeps all its values. Only the newest episode may be
 * withdrawn (an older one: IBIS_EINPUT with a Dutch message). version as in
 * db_level_correct. */
enum ibis_status db_level_withdraw(struct db *db, ibis_id episode_id, int version,
				   const char *why, const char *author, ibis_date on,
				   struct ibis_error *err);
/* The corrections of a pupil, oldest first. Free with level_corrections_free. */
enum ibis_status db_level_corrections(struct db *db, ibis_id pupil_id,
				      struct level_correction **out, int *n,
				      struct ibis_error *err);
/* One episode by id; *found false when there is none. */
enum ibis_status db_level_get(struct db *db, ibis_id id, struct level_episode *out, bool *found,
			      struct ibis_error *err);

/* ================================================================ models */

/* A pupil whose open episode does not fit the school's model. */
struct level_misfit {
	ibis_id pupil_id;
	char *name;          /* "Berg, Anna van den" */
	char *group;         /* group of the pupil in the episode's school year, NULL when none */
	char *model;         /* model of the open episode */
	int level;
};
/* The pupils at school school_id (0 = every school, each against its own
 * model) whose open episode is in another model than model_id (NULL = the
 * school's own level_model) or above nlevels (0 = not checked), in name order.
 * Free with level_misfits_free. */
enum ibis_status db_level_misfits(struct db *db, ibis_id school_id, const char *model_id,
				  int nlevels, struct level_misfit **out, int *n,
				  struct ibis_error *err);
void level_misfits_free(struct level_misfit *m, int n);
/* Quick: whether any pupil at school has an open episode in another model
 * than its school's (what db_level_misfits(0, NULL, 0) would list): two
 * index probes per school, never a walk over every pupil. */
enum ibis_status db_level_misfits_any(struct db *db, bool *any, struct ibis_error *err);
/* Move the pupils at school school_id onto model to_model: every open
 * episode in another model (or, in to_model itself, above to_nlevels) is
 * closed on `date` and a new one opens on that day at map[old level] in
 * to_model, reason "Omgezet van model OLD (niveau N) naar NEW", author
 * given; a pupil whose mapped level equals the old one in the same model is
 * left alone. An old level without a mapping (map[level] == 0) refuses the
 * whole remap (IBIS_EINPUT naming the level and a pupil). Then the school's
 * level_model becomes to_model. One transaction; *changed receives the
 * number of pupils moved. map has 10 entries (index = old level). */
enum ibis_status db_level_remap(struct db *db, ibis_id school_id, const char *to_model,
				int to_nlevels, const int *map, ibis_date date,
				const char *author, int *changed, struct ibis_error *err);

/* The facts the level rules ask (levelrules.h) of a pupil on day d:
 * facts->from the level of its episode covering d (0 none); the template ids
 * of its open plans (concept or actief) appended to *plans, and facts->plans
 * pointed at it; consent: a consent 'gegeven' on or before d not followed by
 * an 'ingetrokken' or 'geweigerd' of the same subject; groeidocument: a
 * groeidocument plan that is not afgesloten; hoorrecht: an OPP whose field
 * inbreng_leerling is filled, or a kindgesprek event in the year before d;
 * tlv: a TLV valid on d. */
enum ibis_status db_level_facts(struct db *db, ibis_id pupil_id, ibis_date d,
				struct step_facts *facts, struct strlist *plans,
				struct ibis_error *err);

/* Archive a pupil who leaves (db_pupil_archive) and, when dest is LEAVE_SBO
 * or LEAVE_SO and placement > 0 (the model's placement level,
 * levelmodel_placement), record the step to that level in model `model` on
 * the leave date, reason "Vertrek naar SBO" / "Vertrek naar SO", author
 * given: one transaction. p->version is bumped as db_pupil_archive does. */
enum ibis_status db_level_archive(struct db *db, struct pupil *p, ibis_date left,
				  enum leave_destination dest, const char *model, int placement,
				  const char *author, struct ibis_error *err);

#endif
