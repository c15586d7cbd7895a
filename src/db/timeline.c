/* timeline.c - everything that happened to a pupil, in date order.
 *
 * One statement per source table, each served by its pupil index; the rows
 * become tl_items with a one-line Dutch summary and are merged in C (date,
 * then the order of enum tl_source, then id). A pupil has at most a few
 * thousand rows, and the summaries need C anyway (first lines, dates as
 * dd-mm-jjjj, the level before a step), so one UNION ALL would only move the
 * merge into SQLite without saving a statement's worth of work.
 */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "ibis/db_timeline.h"
#include "ibis/util.h"

/* ================================================================== text */

/* The first line of s that is not blank, without surrounding white space;
 * NULL when s has none. Caller frees. */
static char *first_line(const char *s)
{
	while (s && *s) {
		size_t n = strcspn(s, "\n");
		char *line = xstrndup(s, n);
		char *t = str_trim(line);
		free(line);
		if (*t)
			return t;
		free(t);
		s += n;
		if (*s == '\n')
			s++;
	}
	return NULL;
}

/* s with its first letter upper-cased when it is an ASCII letter (a word
 * from a model or template id at the start of a summary). Caller frees. */
static char *capitalized(const char *s)
{
	char *c = xstrdup(s ? s : "");
	if (c[0] >= 'a' && c[0] <= 'z')
		c[0] = (char)(c[0] - 'a' + 'A');
	return c;
}

/* The name of a plan template in a summary: the abbreviations in capitals
 * ("OOP"), other ids as a word ("Groeidocument"). Caller frees. */
static char *plan_label(const char *template_id)
{
	static const char *const acronyms[] = {"oop", "opp", "ihp"};
	for (size_t i = 0; i < ARRAY_LEN(acronyms); i++) {
		if (template_id && strcmp(template_id, acronyms[i]) == 0) {
			char *c = xstrdup(template_id);
			for (char *p = c; *p; p++)
				*p = (char)(*p - 'a' + 'A');
			return c;
		}
	}
	return capitalized(template_id);
}

/* "HEAD: the first line of text", or HEAD alone when text has none. Caller
 * frees. */
static char *head_and_line(const char *head, const char *text)
{
	char *line = first_line(text);
	char *s = line ? xasprintf("%s: %s", head, line) : xstrdup(head);
	free(line);
	return s;
}

/* ================================================================= build */

/* The items gathered so far; kind, when set, keeps only that kind. */
struct tl_build {
	struct tl_item *a;
	int len, cap;
	const char *kind;
};

/* Add an item; summary is taken over (freed when the kind is filtered out). */
static void tl_add(struct tl_build *b, enum tl_source source, ibis_id id, ibis_date date,
		   const char *kind, const char *author, char *summary, bool restricted,
		   int level)
{
	if (b->kind && strcmp(b->kind, kind) != 0) {
		free(summary);
		return;
	}
	b->a = dbi_grow(b->a, b->len, &b->cap, sizeof(*b->a));
	b->a[b->len++] = (struct tl_item){
		.source = source,
		.id = id,
		.date = date,
		.kind = xstrdup(kind),
		.author = xstrdup(author), /* "" is never stored (dbq_bind_opt) */
		.summary = summary ? summary : xstrdup(""),
		.restricted = restricted,
		.level = level,
	};
}

/* The end of a walk over rows: IBIS_OK when it ran to the end. */
static enum ibis_status walk_end(struct dbq *q, int rc, struct ibis_error *err)
{
	enum ibis_status st = rc == SQLITE_DONE ? IBIS_OK : dbq_fail(q, err);
	dbq_finish(q);
	return st;
}

/* ---------------------------------------------------------------- events */

static const char SQL_TL_EVENTS[] =
	"SELECT id, event_date, kind, author, body, restricted, toets, vakgebied, moment,"
	" score, niveau FROM events WHERE pupil_id = :pupil AND (restricted = 0 OR :restricted)";

/* A toets's structured result, "Cito LVS Rekenen-Wiskunde M5: 152 (III)",
 * then the first line of its text when that says more; any other event the
 * first line of its text. Caller frees. */
static char *event_summary(struct dbq *q)
{
	char *line = first_line(dbq_text_ref(q, 4));
	if (strcmp(dbq_text_ref(q, 2), "toets") != 0)
		return line;

	struct strbuf sb = {0};
	for (int col = 6; col <= 8; col++) { /* toets, vakgebied, moment */
		const char *part = dbq_text_ref(q, col);
		if (str_empty(part))
			continue;
		if (sb.len)
			sb_addc(&sb, ' ');
		sb_add(&sb, part);
	}
	const char *score = dbq_text_ref(q, 9), *niveau = dbq_text_ref(q, 10);
	if (!str_empty(score))
		sb_printf(&sb, sb.len ? ": %s" : "%s", score);
	if (!str_empty(niveau))
		sb_printf(&sb, sb.len ? " (%s)" : "(%s)", niveau);
	if (line && strcmp(line, sb_str(&sb)) != 0)
		sb_printf(&sb, sb.len ? "; %s" : "%s", line);
	free(line);
	return sb_take(&sb);
}

static enum ibis_status tl_events(struct db *db, const struct tl_query *tq, struct tl_build *b,
				  struct ibis_error *err)
{
	struct dbq q;
	int rc;

	dbq_prepare(&q, db, SQL_TL_EVENTS);
	dbq_bind_id(&q, ":pupil", tq->pupil_id);
	dbq_bind_bool(&q, ":restricted", tq->with_restricted);
	while ((rc = dbq_step(&q)) == SQLITE_ROW)
		tl_add(b, TL_EVENT, dbq_id(&q, 0), dbq_date(&q, 1), dbq_text_ref(&q, 2),
		       dbq_text_ref(&q, 3), event_summary(&q), dbq_bool(&q, 5), 0);
	return walk_end(&q, rc, err);
}

/* ---------------------------------------------------------------- levels */

/* Oldest first, so that each step knows the level before it. */
static const char SQL_TL_LEVELS[] =
	"SELECT id, start_date, level, author, reason, meeting FROM level_episodes"
	" WHERE pupil_id = :pupil ORDER BY start_date, id";

static enum ibis_status tl_levels(struct db *db, const struct tl_query *tq, struct tl_build *b,
				  struct ibis_error *err)
{
	struct dbq q;
	int rc, before = 0;

	dbq_prepare(&q, db, SQL_TL_LEVELS);
	dbq_bind_id(&q, ":pupil", tq->pupil_id);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		int level = (int)dbq_int(&q, 2);
		struct strbuf sb = {0};
		sb_printf(&sb, "Niveau %d", level);
		if (before)
			sb_printf(&sb, " (was %d)", before);
		char *reason = first_line(dbq_text_ref(&q, 4));
		const char *meeting = dbq_text_ref(&q, 5);
		if (reason) {
			/* "groep; bespreking: ...", not "groep.; bespreking" */
			size_t len = strlen(reason);
			if (!str_empty(meeting) && reason[len - 1] == '.')
				reason[len - 1] = '\0';
			sb_printf(&sb, ": %s", reason);
		}
		free(reason);
		if (!str_empty(meeting))
			sb_printf(&sb, "; bespreking: %s", meeting);
		tl_add(b, TL_LEVEL, dbq_id(&q, 0), dbq_date(&q, 1), "niveau", dbq_text_ref(&q, 3),
		       sb_take(&sb), false, level);
		before = level;
	}
	return walk_end(&q, rc, err);
}

static const char SQL_TL_CORRECTIONS[] =
	"SELECT id, corrected_on, action, author, why, old_level, old_start"
	" FROM level_corrections WHERE pupil_id = :pupil";

static enum ibis_status tl_corrections(struct db *db, const struct tl_query *tq,
				       struct tl_build *b, struct ibis_error *err)
{
	struct dbq q;
	int rc;

	dbq_prepare(&q, db, SQL_TL_CORRECTIONS);
	dbq_bind_id(&q, ":pupil", tq->pupil_id);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		enum correction_action action;
		if (!correction_action_parse(dbq_text_ref(&q, 2), &action))
			action = CORRECTION_CHANGED;
		int level = (int)dbq_int(&q, 5);
		char since[DATE_NL_LEN], *head;
		head = xasprintf("Niveau %d sinds %s %s", level,
				 date_format_nl(dbq_date(&q, 6), since),
				 action == CORRECTION_WITHDRAWN ? "ingetrokken" : "gecorrigeerd");
		tl_add(b, TL_CORRECTION, dbq_id(&q, 0), dbq_date(&q, 1), "correctie",
		       dbq_text_ref(&q, 3), head_and_line(head, dbq_text_ref(&q, 4)), false, level);
		free(head);
	}
	return walk_end(&q, rc, err);
}

/* ----------------------------------------------------------------- plans */

static const char SQL_TL_PLANS[] =
	"SELECT id, template_id, title, status, start_date, end_date, eval_date, author"
	" FROM plans WHERE pupil_id = :pupil";

/* A plan: its start (a concept is only planned), and its evaluation or
 * closing once it has one: an evaluated plan on its evaluation date (else
 * its end), a closed one on its end date (else the evaluation date), since a
 * closed OPP may still carry the next yearly evaluation that will not come. */
static enum ibis_status tl_plans(struct db *db, const struct tl_query *tq, struct tl_build *b,
				 struct ibis_error *err)
{
	struct dbq q;
	int rc;

	dbq_prepare(&q, db, SQL_TL_PLANS);
	dbq_bind_id(&q, ":pupil", tq->pupil_id);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		ibis_id id = dbq_id(&q, 0);
		enum plan_status status;
		if (!plan_status_parse(dbq_text_ref(&q, 3), &status))
			status = PLAN_CONCEPT;
		char *label = plan_label(dbq_text_ref(&q, 1)), *head;
		const char *title = dbq_text_ref(&q, 2), *author = dbq_text_ref(&q, 7);
		ibis_date start = dbq_date(&q, 4), end = dbq_date(&q, 5), eval = dbq_date(&q, 6);

		if (start != DATE_NONE) {
			head = xasprintf("%s %s", label,
					 status == PLAN_CONCEPT ? "gepland" : "gestart");
			tl_add(b, TL_PLAN_START, id, start, "plan", author,
			       head_and_line(head, title), false, 0);
			free(head);
		}
		ibis_date done = status == PLAN_CLOSED ? (end != DATE_NONE ? end : eval)
						       : (eval != DATE_NONE ? eval : end);
		if ((status == PLAN_EVALUATED || status == PLAN_CLOSED) && done != DATE_NONE) {
			head = xasprintf("%s %s", label, plan_status_name(status));
			tl_add(b, TL_PLAN_EVAL, id, done, "evaluatie", author,
			       head_and_line(head, title), false, 0);
			free(head);
		}
		free(label);
	}
	return walk_end(&q, rc, err);
}

/* -------------------------------------------------------------- meetings */

static const char SQL_TL_MEETINGS[] =
	"SELECT mi.id, m.meeting_date, m.kind, m.author, mi.title, mi.notes, mi.decision"
	" FROM meeting_items mi JOIN meetings m ON m.id = mi.meeting_id"
	" WHERE mi.pupil_id = :pupil";

/* "Groepsbespreking: " and the item's title, else the first line of its
 * notes, else of its decision. */
static enum ibis_status tl_meetings(struct db *db, const struct tl_query *tq,
				    struct tl_build *b, struct ibis_error *err)
{
	struct dbq q;
	int rc;

	dbq_prepare(&q, db, SQL_TL_MEETINGS);
	dbq_bind_id(&q, ":pupil", tq->pupil_id);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		char *head = capitalized(dbq_text_ref(&q, 2));
		const char *text = NULL;
		for (int col = 4; col <= 6 && !text; col++) {
			char *line = first_line(dbq_text_ref(&q, col));
			if (line)
				text = dbq_text_ref(&q, col);
			free(line);
		}
		tl_add(b, TL_MEETING, dbq_id(&q, 0), dbq_date(&q, 1), "bespreking",
		       dbq_text_ref(&q, 3), head_and_line(head, text), false, 0);
		free(head);
	}
	return walk_end(&q, rc, err);
}

/* ------------------------------------------------- consent, arrangements */

static const char SQL_TL_CONSENTS[] =
	"SELECT id, consent_date, subject, status, author FROM consents WHERE pupil_id = :pupil";

static enum ibis_status tl_consents(struct db *db, const struct tl_query *tq,
				    struct tl_build *b, struct ibis_error *err)
{
	struct dbq q;
	int rc;

	dbq_prepare(&q, db, SQL_TL_CONSENTS);
	dbq_bind_id(&q, ":pupil", tq->pupil_id);
	while ((rc = dbq_step(&q)) == SQLITE_ROW)
		tl_add(b, TL_CONSENT, dbq_id(&q, 0), dbq_date(&q, 1), "toestemming",
		       dbq_text_ref(&q, 4),
		       xasprintf("Toestemming %s: %s", dbq_text_ref(&q, 2), dbq_text_ref(&q, 3)),
		       false, 0);
	return walk_end(&q, rc, err);
}

static const char SQL_TL_ARRANGEMENTS[] =
	"SELECT id, start_date, kind, end_date FROM arrangements WHERE pupil_id = :pupil";

static enum ibis_status tl_arrangements(struct db *db, const struct tl_query *tq,
					struct tl_build *b, struct ibis_error *err)
{
	struct dbq q;
	int rc;

	dbq_prepare(&q, db, SQL_TL_ARRANGEMENTS);
	dbq_bind_id(&q, ":pupil", tq->pupil_id);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		enum arrangement_kind kind;
		if (!arrangement_kind_parse(dbq_text_ref(&q, 2), &kind))
			kind = ARRANGEMENT_ONDERWIJS;
		const char *label = arrangement_kind_label(kind);
		char from[DATE_NL_LEN], to[DATE_NL_LEN];
		ibis_date start = dbq_date(&q, 1), end = dbq_date(&q, 3);
		date_format_nl(start, from);
		char *summary = end != DATE_NONE
			? xasprintf("%s van %s tot %s", label, from, date_format_nl(end, to))
			: xasprintf("%s van %s zonder einddatum", label, from);
		tl_add(b, TL_ARRANGEMENT, dbq_id(&q, 0), start, "arrangement", NULL, summary, false,
		       0);
	}
	return walk_end(&q, rc, err);
}

/* ================================================================ merged */

static int tl_cmp(const void *x, const void *y)
{
	const struct tl_item *a = x, *b = y;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->source != b->source)
		return a->source < b->source ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

typedef enum ibis_status (*tl_source_fn)(struct db *db, const struct tl_query *tq,
					 struct tl_build *b, struct ibis_error *err);
static const tl_source_fn sources[] = {
	tl_events, tl_levels, tl_corrections, tl_plans, tl_meetings, tl_consents, tl_arrangements,
};

static const char SQL_READ_BEGIN[] = "BEGIN";
static const char SQL_READ_END[] = "COMMIT";
static const char SQL_READ_UNDO[] = "ROLLBACK";

/* Every item of the query, merged. The statements run in one read
 * transaction (unless the caller has one open), so that a colleague's step
 * saved between two of them cannot show as half a change (the new episode
 * without the old one's end). */
static enum ibis_status tl_collect(struct db *db, const struct tl_query *tq, struct tl_build *b,
				   struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	bool own = sqlite3_get_autocommit(db->conn) != 0;

	if (own && (st = dbi_exec(db, SQL_READ_BEGIN, err)) != IBIS_OK)
		return st;
	for (size_t i = 0; i < ARRAY_LEN(sources) && st == IBIS_OK; i++)
		st = sources[i](db, tq, b, err);
	if (own) {
		if (st == IBIS_OK)
			st = dbi_exec(db, SQL_READ_END, err);
		else
			dbi_exec(db, SQL_READ_UNDO, NULL);
	}
	if (st != IBIS_OK) {
		tl_items_free(b->a, b->len);
		*b = (struct tl_build){0};
		return st;
	}
	if (b->len > 1)
		qsort(b->a, (size_t)b->len, sizeof(*b->a), tl_cmp);
	return IBIS_OK;
}

enum ibis_status db_timeline(struct db *db, const struct tl_query *q, struct tl_item **out,
			     int *n, struct ibis_error *err)
{
	struct tl_build b = {.kind = str_empty(q->kind) ? NULL : q->kind};
	enum ibis_status st = tl_collect(db, q, &b, err);

	*out = b.a;
	*n = b.len;
	return st;
}

static int str_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

enum ibis_status db_timeline_kinds(struct db *db, ibis_id pupil_id, bool with_restricted,
				   struct strlist *out, struct ibis_error *err)
{
	struct tl_query q = {.pupil_id = pupil_id, .with_restricted = with_restricted};
	struct tl_build b = {0};
	enum ibis_status st = tl_collect(db, &q, &b, err);
	if (st != IBIS_OK)
		return st;

	char **kinds = xmalloc(((size_t)b.len + 1) * sizeof(*kinds));
	for (int i = 0; i < b.len; i++)
		kinds[i] = b.a[i].kind;
	qsort(kinds, (size_t)b.len, sizeof(*kinds), str_cmp);
	for (int i = 0; i < b.len; i++)
		if (i == 0 || strcmp(kinds[i], kinds[i - 1]) != 0)
			sl_add(out, kinds[i]);
	free(kinds);
	tl_items_free(b.a, b.len);
	return IBIS_OK;
}

/* ================================================================= event */

static const char SQL_EVENT_GET[] =
	"SELECT id, pupil_id, kind, event_date, author, body, restricted, toets, vakgebied,"
	" moment, score, niveau, meeting_id, version FROM events WHERE id = :id";

enum ibis_status db_event_get(struct db *db, ibis_id id, struct event *out, bool *found,
			      struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct dbq q;
	int rc;

	event_clear(out);
	*found = false;
	dbq_prepare(&q, db, SQL_EVENT_GET);
	dbq_bind_id(&q, ":id", id);
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		out->id = dbq_id(&q, 0);
		out->pupil_id = dbq_id(&q, 1);
		out->kind = dbq_text(&q, 2);
		out->date = dbq_date(&q, 3);
		out->author = dbq_text(&q, 4);
		out->text = dbq_text(&q, 5);
		out->restricted = dbq_bool(&q, 6);
		out->toets = dbq_text(&q, 7);
		out->vakgebied = dbq_text(&q, 8);
		out->moment = dbq_text(&q, 9);
		out->score = dbq_text(&q, 10);
		out->niveau = dbq_text(&q, 11);
		out->meeting_id = dbq_id(&q, 12);
		out->version = (int)dbq_int(&q, 13);
		*found = true;
	} else if (rc != SQLITE_DONE) {
		st = dbq_fail(&q, err);
	}
	dbq_finish(&q);
	return st;
}
