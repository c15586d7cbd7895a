/* records.h - the records of the data model as plain structs.
 *
 * Strings are owned by the struct (NULL when empty/absent) and freed by the
 * matching *_clear function, which leaves the struct zeroed. Ids are SQLite
 * rowids (0 = not yet stored). version counts the saved changes of a row, for
 * optimistic locking: an update names the version it started from.
 */
#ifndef IBIS_RECORDS_H
#define IBIS_RECORDS_H

#include <stdbool.h>

#include "ibis/date.h"

typedef long long ibis_id;

struct school {
	ibis_id id;
	char *name;
	char *brin;          /* 4 characters + 2 digits, e.g. "12AB00"; may be NULL */
	char *level_model;   /* id of data/levels/<id>.ini */
	int groepsbesprekingen; /* norm per school year */
	int version;
};

enum group_kind { GROUP_REGULAR, GROUP_COMBINATION, GROUP_SCHAKELKLAS, GROUP_INSTROOM };

struct group {
	ibis_id id;
	ibis_id school_id;
	char *name;          /* "5B", "4/5" */
	int school_year;     /* first calendar year: 2026 = 2026-2027 */
	enum group_kind kind;
	int jaargroep_min;   /* 0-8 (0 = instroom); a "4/5" class has 4 and 5 */
	int jaargroep_max;
	int version;
};

/* Why a pupil left. */
enum leave_destination {
	LEAVE_NONE = 0,
	LEAVE_SCHOOL, /* andere basisschool */
	LEAVE_SBO,
	LEAVE_SO,
	LEAVE_VO,
	LEAVE_OTHER,
};

struct pupil {
	ibis_id id;
	ibis_id school_id;
	char *number;        /* leerlingnummer; may be NULL */
	char *first_name;    /* roepnaam */
	char *tussenvoegsel; /* "van den"; may be NULL */
	char *last_name;
	ibis_date birth_date;
	char *address;       /* may be NULL */
	ibis_date enrolled;  /* DATE_NONE when unknown */
	ibis_date left;      /* DATE_NONE while at school */
	enum leave_destination destination;
	char *notes;
	int version;
};

struct guardian {
	ibis_id id;
	ibis_id pupil_id;
	char *name;
	char *relation;      /* moeder, vader, voogd, ... */
	bool gezag;
	char *phone;
	char *email;
	int version;
};

struct level_episode {
	ibis_id id;
	ibis_id pupil_id;
	char *model;         /* level model id at the time */
	int level;           /* position in that model, 1-based */
	ibis_date start;
	ibis_date end;       /* DATE_NONE while current */
	char *reason;
	char *meeting;       /* kind of the deciding meeting, from the model */
	ibis_id meeting_id;  /* the meeting record, 0 when none */
	char *regie;
	char *betrokkenen;
	char *author;        /* login who recorded it */
	ibis_id corrects;    /* id of the episode this one corrects, 0 when none */
	int version;
};

struct event {
	ibis_id id;
	ibis_id pupil_id;
	char *kind;          /* observatie, toets, oudergesprek, kindgesprek, notitie, extern, bespreking, ... */
	ibis_date date;
	char *author;
	char *text;
	bool restricted;     /* medical / safeguarding: only ib and admin see it */
	/* toets results (kind "toets"); NULL otherwise */
	char *toets, *vakgebied, *moment, *score, *niveau;
	ibis_id meeting_id;  /* 0 when none */
	int version;
};

enum plan_status { PLAN_CONCEPT, PLAN_ACTIVE, PLAN_EVALUATED, PLAN_CLOSED };

struct plan {
	ibis_id id;
	char *template_id;   /* "oop" */
	ibis_id pupil_id;    /* 0 for a group plan */
	ibis_id group_id;    /* 0 for a pupil plan */
	char *title;
	enum plan_status status;
	ibis_date start;
	ibis_date end;       /* end of the plan period, DATE_NONE when open */
	ibis_date eval_date; /* next evaluation, DATE_NONE when none */
	char *author;
	int version;
	/* Schema 4. */
	ibis_date due;       /* to be drawn up by (opstellen_binnen_weken), DATE_NONE */
	ibis_date agreed;    /* the parents' instemming, DATE_NONE when not (yet) */
	ibis_date evaluated; /* the last evaluation was held on, DATE_NONE when none */
	char *evaluated_with; /* who took part in it ("ouders, leerling"), or NULL */
};

enum goal_result { GOAL_OPEN, GOAL_MET, GOAL_PARTLY, GOAL_NOT_MET };

struct goal {
	ibis_id id;
	ibis_id plan_id;
	int area;            /* ontwikkelingsgebied 1-8, 0 when none */
	bool long_term;
	char *text;
	ibis_date target;
	enum goal_result result;
	char *evaluation;
	int version;
};

/* A pupil in an instruction group of a groepsplan (a field of type
 * leerlingen): plan_members. */
struct plan_member {
	char *field_key;     /* the template's field ("leerlingen") */
	char *group_name;    /* one of the field's groepen ("Verlengde instructie") */
	ibis_id pupil_id;
	char *pupil_name;    /* natural name, filled when read; not stored */
};

/* One dated entry of a plan's logboek (plan_log). */
struct plan_log_entry {
	ibis_id id;
	ibis_id plan_id;
	ibis_date date;
	char *author;        /* NULL when not recorded */
	char *text;
	int version;
};

/* A plan as it was at a status change (plan_snapshots): never changed. */
struct plan_snapshot {
	ibis_id id;
	ibis_id plan_id;
	char *taken_at;      /* "YYYY-MM-DD HH:MM:SS" (UTC) as stored */
	char *reason;        /* the new status ("actief", "geëvalueerd", ...) */
	char *author;
	char *content;       /* the plan as a Markdown document (plan_render) */
};

/* The roles of users (users.role). Who may do what per role is decided by
 * the module of the action (plan statuses: planrules.h). */
enum user_role { USER_IB, USER_LEERKRACHT, USER_DIRECTIE, USER_ADMIN };

/* A correction of a level episode (level_corrections): what the episode was
 * before, who changed it, on which day and why. */
enum correction_action { CORRECTION_CHANGED, CORRECTION_WITHDRAWN };

struct level_correction {
	ibis_id id;
	ibis_id pupil_id;
	ibis_id episode_id;  /* 0 once the episode was withdrawn */
	enum correction_action action;
	ibis_date on;        /* the day of the correction */
	char *author;
	char *why;
	struct level_episode old; /* the values before; old.id == episode_id (or the
				   * withdrawn id as it was) and old.pupil_id set */
};

/* A TLV (toelaatbaarheidsverklaring) or onderwijsarrangement. */
enum arrangement_kind { ARRANGEMENT_TLV, ARRANGEMENT_ONDERWIJS };

struct arrangement {
	ibis_id id;
	ibis_id pupil_id;
	enum arrangement_kind kind;
	ibis_date start;
	ibis_date end;       /* DATE_NONE: no end date */
	char *description;
	char *reference;     /* the samenwerkingsverband's number of the decision */
	int version;
};

/* A line of a pupil's timeline (db_timeline.h), merged from several tables. */
/* Where a line of the timeline comes from; id is the row in that table. */
enum tl_source {
	TL_EVENT,       /* events: observatie, toets, oudergesprek, kindgesprek, notitie,
			 * extern, bespreking, ... (kind = the event's kind) */
	TL_LEVEL,       /* level_episodes: a step (kind "niveau") */
	TL_CORRECTION,  /* level_corrections (kind "correctie") */
	TL_PLAN_START,  /* plans: started (kind "plan") */
	TL_PLAN_EVAL,   /* plans: evaluated or closed (kind "evaluatie"), dated eval_date
			 * or end date */
	TL_MEETING,     /* meeting_items of the pupil (kind "bespreking") */
	TL_CONSENT,     /* consents (kind "toestemming") */
	TL_ARRANGEMENT, /* arrangements started (kind "arrangement") */
};

struct tl_item {
	enum tl_source source;
	ibis_id id;
	ibis_date date;
	char *kind;      /* the word of the filter: "toets", "niveau", "plan", ... */
	char *author;    /* NULL when not recorded */
	char *summary;   /* one line, Dutch: "Niveau 3 (was 2): toets M5 rekenen E",
			  * "OOP gestart: Rekenen tafels", "TLV tot 31-07-2028"; level
			  * positions as numbers, the caller names them from its model */
	bool restricted; /* a restricted event (medical, safeguarding) */
	int level;       /* TL_LEVEL: the new level; TL_CORRECTION: the old level; else 0 */
};

void school_clear(struct school *s);
void group_clear(struct group *g);
void pupil_clear(struct pupil *p);
void guardian_clear(struct guardian *g);
void level_episode_clear(struct level_episode *e);
void event_clear(struct event *e);
void plan_clear(struct plan *p);
void goal_clear(struct goal *g);
void level_correction_clear(struct level_correction *c);
void plan_member_clear(struct plan_member *m);
void plan_log_entry_clear(struct plan_log_entry *e);
void plan_snapshot_clear(struct plan_snapshot *s);
void arrangement_clear(struct arrangement *a);
/* Free an array of n records and each record's strings. */
void level_episodes_free(struct level_episode *e, int n);
void events_free(struct event *e, int n);
void schools_free(struct school *s, int n);
void groups_free(struct group *g, int n);
void plans_free(struct plan *p, int n);
void level_corrections_free(struct level_correction *c, int n);
void arrangements_free(struct arrangement *a, int n);
void plan_members_free(struct plan_member *m, int n);
void plan_log_free(struct plan_log_entry *e, int n);
void plan_snapshots_free(struct plan_snapshot *s, int n);
void tl_items_free(struct tl_item *items, int n);

/* Dutch words as stored and shown ("sbo", "vo"; "actief"). The parse
 * functions return false for an unknown word. */
const char *leave_destination_name(enum leave_destination d);
bool leave_destination_parse(const char *s, enum leave_destination *out);
const char *group_kind_name(enum group_kind k);
bool group_kind_parse(const char *s, enum group_kind *out);
const char *plan_status_name(enum plan_status s);
bool plan_status_parse(const char *s, enum plan_status *out);
const char *goal_result_name(enum goal_result r);
bool goal_result_parse(const char *s, enum goal_result *out);
/* "ib", "leerkracht", "directie", "admin" as stored in users.role. */
const char *user_role_name(enum user_role r);
bool user_role_parse(const char *s, enum user_role *out);
/* "gewijzigd", "ingetrokken" */
const char *correction_action_name(enum correction_action a);
bool correction_action_parse(const char *s, enum correction_action *out);
/* "tlv", "onderwijsarrangement" as stored; the label shown is "TLV" /
 * "Onderwijsarrangement" (arrangement_kind_label). */
const char *arrangement_kind_name(enum arrangement_kind k);
const char *arrangement_kind_label(enum arrangement_kind k);
bool arrangement_kind_parse(const char *s, enum arrangement_kind *out);

#endif
