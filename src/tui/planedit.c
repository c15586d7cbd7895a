/* planedit.c - the plan editor: one screen for every plan type, built from
 * the plan's template (data/plans): the header (title, dates, the parents'
 * instemming), every field of the template in file order - a line, a date,
 * a multi-line text (textedit.h), a choice, the SMARTI goals (goalform.c),
 * the pupils of a groepsplan's instruction groups (planpupils.c) - and the
 * logboek, with the status change (planstatus.c), a logboek entry and the
 * export (plannen.c) one key away.
 *
 * Nothing typed may be lost. The document being edited (mine) is brought up
 * to date after every key; a draft of it is written to the database a few
 * seconds after the last change, when the focus leaves a changed item,
 * after a sub-screen changed it and when the screen is removed for whatever
 * reason (Esc, F10, SIGHUP or SIGTERM: the loop removes every screen). A
 * save that fails keeps everything on the screen and writes the draft; a
 * save that meets a colleague's newer version merges the two (plandoc_merge)
 * and lets the user choose where both changed (planmerge.c). The draft is
 * removed only once a save went through or the user threw it away.
 *
 * plan_drafts_offer, at the end, offers the drafts of this login at start.
 */
#include "tui_internal.h"
#include "textedit.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ibis/app.h"
#include "ibis/date.h"
#include "ibis/db_draft.h"
#include "ibis/db_plan.h"
#include "ibis/domain.h"
#include "ibis/planapp.h"
#include "ibis/plandoc.h"
#include "ibis/planrules.h"
#include "ibis/plantemplate.h"
#include "ibis/records.h"
#include "ibis/text.h"

/* A draft is written this long after the last change. */
#define DRAFT_DELAY_MS 3000
/* The most characters of a tekst field, a line and the title. */
#define TEXT_MAX 20000
#define LINE_MAX_CHARS 500
#define TITLE_MAX 200
/* The lines of a text box: it grows with its text between these. */
#define BOX_MIN 3
#define BOX_MAX 8

enum item_kind {
	IK_TITLE,
	IK_START,
	IK_END,
	IK_EVAL,
	IK_AGREED,
	IK_LINE,   /* a template field: regel */
	IK_DATE,   /* datum */
	IK_TEXT,   /* tekst */
	IK_CHOICE, /* keuze */
	IK_GOALS,  /* doelen */
	IK_PUPILS, /* leerlingen */
	IK_LOG,    /* the logboek entries, read-only */
};

struct item {
	enum item_kind kind;
	const struct plan_field *f; /* the template's field; NULL for the header */
	struct field line;          /* the title, the dates, a regel or datum */
	struct textedit te;         /* a tekst field */
	bool bad;                   /* a date that is no date: not in the doc */
	int sel;                    /* goals: the goal selected; log: first line */
	int nlines;                 /* log: wrapped lines at the last draw */
};

struct planedit {
	struct screen *self;
	const struct plan_template *tpl;
	struct plan_doc mine;  /* what is on the screen */
	struct plan_doc base;  /* as stored when editing began (or the first
				* version of a new plan) */
	bool has_base;         /* base is a stored plan */
	struct plan_doc theirs; /* a colleague's version while merging */
	struct plan_context ctx;
	bool have_ctx;
	enum user_role role;
	bool locked;           /* afgesloten, or a role that may only read */
	char *who;             /* "Zoë de Vries" or "groep 5B" */

	struct item *items;
	int nitems, focus, top;
	int page_items;        /* items in view at the last draw */

	struct plan_log_entry *log; /* oldest first */
	int nlog;

	struct draft draft;    /* the draft this editor writes (id 0: none yet) */
	struct draft offered;  /* a draft found when the plan opened */
	bool draft_dirty;      /* changed since the last draft */
	bool item_dirty;       /* the focused item changed */
	bool draft_failed;     /* the last draft could not be written */
	bool discard;          /* "Niet opslaan": leave writes no draft */
	long long changed_at;  /* ms, monotonic */

	int goal_index;        /* the goal being edited or removed */
	char *notice;          /* the line above the key bar, until the next key */
	enum role notice_role;
};

/* ================================================================ helpers */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* What went wrong (ROLE_OVERDUE) or what was done (set_info), on the line
 * above the key bar until the next key. */
static void set_notice(struct planedit *st, const char *msg)
{
	free(st->notice);
	st->notice = msg ? xstrdup(msg) : NULL;
	st->notice_role = ROLE_OVERDUE;
}

static void set_info(struct planedit *st, const char *msg)
{
	set_notice(st, msg);
	st->notice_role = ROLE_LABEL;
}

static const char *short_name(const struct planedit *st)
{
	return st->tpl->short_name ? st->tpl->short_name : st->tpl->id;
}

static const char *dot(const struct tui *t)
{
	return t->utf8 ? "·" : "-";
}

/* "23-11-2026 14:05" in local time from the database's UTC
 * "2026-11-23 13:05:00"; the text itself when it does not read. Caller
 * frees. */
static char *local_stamp(const char *utc)
{
	int y, mo, d, h, mi;
	ibis_date day;
	struct tm tm;
	char buf[32];

	if (!utc || sscanf(utc, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi) != 5 ||
	    !date_from_ymd(y, mo, d, &day))
		return xstrdup(utc ? utc : "?");
	time_t tt = (time_t)day * 86400 + h * 3600 + mi * 60;
	if (!localtime_r(&tt, &tm) || !strftime(buf, sizeof(buf), "%d-%m-%Y %H:%M", &tm))
		return xstrdup(utc);
	return xstrdup(buf);
}

/* The pupil's natural name or "groep 5B" of plan p; "" when unknown.
 * Caller frees. */
static char *plan_who(struct tui *t, const struct plan *p)
{
	struct plan_facts f = { 0 };
	struct ibis_error err;
	char *who;

	if (db_plan_facts(t->app->db, p, &f, &err) != IBIS_OK) {
		tui_report(t, &err);
		return xstrdup("");
	}
	if (f.pupil.id)
		who = name_natural(f.pupil.first_name, f.pupil.tussenvoegsel, f.pupil.last_name);
	else
		who = f.group ? xasprintf("groep %s", f.group) : xstrdup("");
	plan_facts_clear(&f);
	return who;
}

static bool item_is_date(const struct item *it)
{
	return it->kind == IK_START || it->kind == IK_END || it->kind == IK_EVAL ||
	       it->kind == IK_AGREED || it->kind == IK_DATE;
}

static bool item_has_line(const struct item *it)
{
	return it->kind == IK_TITLE || it->kind == IK_LINE || item_is_date(it);
}

static ibis_date *header_date(struct planedit *st, const struct item *it)
{
	switch (it->kind) {
	case IK_START:
		return &st->mine.plan.start;
	case IK_END:
		return &st->mine.plan.end;
	case IK_EVAL:
		return &st->mine.plan.eval_date;
	case IK_AGREED:
		return &st->mine.plan.agreed;
	default:
		return NULL;
	}
}

static const char *item_label(const struct item *it)
{
	switch (it->kind) {
	case IK_TITLE:
		return "Titel";
	case IK_START:
		return "Startdatum";
	case IK_END:
		return "Einddatum";
	case IK_EVAL:
		return "Evaluatiedatum";
	case IK_AGREED:
		return "Instemming ouders";
	case IK_LOG:
		return "Logboek";
	default:
		return it->f->label ? it->f->label : it->f->key;
	}
}

/* The members of leerlingen field key in group g, ", " separated ("" for
 * none). Caller frees. */
static char *group_names(const struct plan_doc *d, const char *key, const char *g)
{
	struct strbuf sb = { 0 };

	sb_add(&sb, "");
	for (int i = 0; i < d->nmembers; i++) {
		const struct plan_member *m = &d->members[i];
		if (!m->field_key || strcmp(m->field_key, key) != 0 || !m->group_name ||
		    strcmp(m->group_name, g) != 0)
			continue;
		sb_printf(&sb, "%s%s", sb.len ? ", " : "", m->pupil_name ? m->pupil_name : "?");
	}
	return sb_take(&sb);
}

static bool field_has_members(const struct plan_doc *d, const char *key)
{
	for (int i = 0; i < d->nmembers; i++)
		if (d->members[i].field_key && strcmp(d->members[i].field_key, key) == 0)
			return true;
	return false;
}

/* True when a required item holds nothing. */
static bool item_empty(const struct planedit *st, const struct item *it)
{
	switch (it->kind) {
	case IK_TITLE:
		return str_empty(st->mine.plan.title);
	case IK_GOALS:
		return st->mine.ngoals == 0;
	case IK_PUPILS:
		return !field_has_members(&st->mine, it->f->key);
	case IK_LINE:
	case IK_DATE:
	case IK_TEXT:
	case IK_CHOICE:
		return plandoc_get(&st->mine, it->f->key) == NULL;
	default:
		return false;
	}
}

static bool item_required(const struct item *it)
{
	return it->kind == IK_TITLE || (it->f && it->f->required);
}

/* ============================================================ the document */

/* Put the widgets' contents in line with mine (after a load, a draft
 * restored, a merge). */
static void items_fill(struct planedit *st)
{
	char d[DATE_NL_LEN];

	for (int i = 0; i < st->nitems; i++) {
		struct item *it = &st->items[i];
		ibis_date *hd = header_date(st, it);
		it->bad = false;
		switch (it->kind) {
		case IK_TITLE:
			field_set(&it->line, st->mine.plan.title);
			break;
		case IK_START:
		case IK_END:
		case IK_EVAL:
		case IK_AGREED:
			field_set(&it->line, date_format_nl(*hd, d));
			break;
		case IK_LINE:
			field_set(&it->line, plandoc_get(&st->mine, it->f->key));
			break;
		case IK_DATE: {
			const char *v = plandoc_get(&st->mine, it->f->key);
			ibis_date day;
			field_set(&it->line, v && date_parse(v, &day) ? date_format_nl(day, d) : v);
			break;
		}
		case IK_TEXT:
			te_set(&it->te, plandoc_get(&st->mine, it->f->key));
			break;
		case IK_GOALS:
			if (it->sel >= st->mine.ngoals)
				it->sel = st->mine.ngoals > 0 ? st->mine.ngoals - 1 : 0;
			break;
		default:
			break;
		}
	}
}

/* Bring mine up to date with item it (after a change). A date that does not
 * read leaves the document as it was and marks the item. */
static void item_commit(struct planedit *st, struct item *it)
{
	char *s = NULL, *trimmed = NULL;
	ibis_date day = DATE_NONE;

	if (item_has_line(it)) {
		s = field_get(&it->line);
		trimmed = str_trim(s);
		free(s);
	}
	if (item_is_date(it)) {
		it->bad = trimmed[0] && !date_parse(trimmed, &day);
		if (!it->bad) {
			ibis_date *hd = header_date(st, it);
			if (hd) {
				*hd = day;
			} else {
				char iso[DATE_ISO_LEN];
				plandoc_set(&st->mine, it->f->key,
					    day != DATE_NONE ? date_format_iso(day, iso) : NULL);
			}
		}
	} else if (it->kind == IK_TITLE) {
		free(st->mine.plan.title);
		st->mine.plan.title = trimmed[0] ? xstrdup(trimmed) : NULL;
	} else if (it->kind == IK_LINE) {
		plandoc_set(&st->mine, it->f->key, trimmed);
	} else if (it->kind == IK_TEXT) {
		s = te_get(&it->te);
		plandoc_set(&st->mine, it->f->key, s);
		free(s);
	}
	free(trimmed);
}

static void mark_changed(struct planedit *st)
{
	st->draft_dirty = true;
	st->item_dirty = true;
	st->changed_at = now_ms();
}

/* Unsaved: what is on the screen is not what was stored (or, for a new
 * plan, what it started as). */
static bool unsaved(const struct planedit *st)
{
	return !plandoc_equal(&st->mine, &st->base);
}

static void refresh_context(struct planedit *st, struct tui *t)
{
	struct ibis_error err;

	st->have_ctx = app_plan_context(t->app, &st->mine, &st->ctx, &err) == IBIS_OK;
	if (!st->have_ctx)
		tui_report(t, &err);
}

static void read_log(struct planedit *st, struct tui *t)
{
	struct ibis_error err;

	plan_log_free(st->log, st->nlog);
	st->log = NULL;
	st->nlog = 0;
	if (!st->mine.plan.id)
		return;
	if (db_plan_log_list(t->app->db, st->mine.plan.id, &st->log, &st->nlog, &err) != IBIS_OK) {
		tui_report(t, &err);
		st->log = NULL;
		st->nlog = 0;
	}
}

static void update_locked(struct planedit *st)
{
	st->locked = st->mine.plan.status == PLAN_CLOSED || st->role == USER_DIRECTIE;
}

/* Why nothing can be changed here, or NULL when it can. */
static const char *locked_reason(const struct planedit *st)
{
	if (st->mine.plan.status == PLAN_CLOSED)
		return "Dit plan is afgesloten en kan alleen nog gelezen worden.";
	if (st->role == USER_DIRECTIE)
		return "Met uw rol (directie) kunt u plannen lezen, niet wijzigen.";
	return NULL;
}

/* Before a change: false (and the user told why) when none may be made. */
static bool may_change(struct planedit *st, struct tui *t)
{
	if (tui_refuse_readonly(t))
		return false;
	if (st->locked) {
		set_notice(st, locked_reason(st));
		return false;
	}
	return true;
}

/* ================================================================= drafts */

/* Write mine as this editor's draft. Returns false (and says so, once per
 * run of failures) when it could not be written; it is tried again later. */
static bool write_draft(struct planedit *st, struct tui *t)
{
	struct ibis_error err;

	if (!t->app->db || db_readonly(t->app->db))
		return false;
	free(st->draft.content);
	st->draft.content = plandoc_draft(&st->mine, st->has_base ? &st->base : NULL);
	if (!st->draft.login)
		st->draft.login = xstrdup(t->app->user ? t->app->user : "");
	if (!st->draft.kind)
		st->draft.kind = xstrdup("plan");
	st->draft.record_id = st->mine.plan.id;
	if (db_draft_put(t->app->db, &st->draft, &err) != IBIS_OK) {
		/* Again after the delay, not on every tick. */
		st->changed_at = now_ms();
		if (!st->draft_failed) {
			char *msg = xasprintf("Tussentijds bewaren lukte niet: %s Uw tekst staat er "
					      "nog; sla op met F2.", err.message);
			set_notice(st, msg);
			free(msg);
			tui_report(t, &err);
		}
		st->draft_failed = true;
		return false;
	}
	st->draft_failed = false;
	st->draft_dirty = false;
	return true;
}

static void drop_draft(struct planedit *st, struct tui *t)
{
	struct ibis_error err;

	if (st->draft.id && db_draft_delete(t->app->db, st->draft.id, &err) != IBIS_OK)
		tui_report(t, &err);
	st->draft.id = 0;
	st->draft_dirty = false;
	st->item_dirty = false;
}

/* The focus leaves an item: a changed one is written as a draft. */
static void focus_to(struct planedit *st, struct tui *t, int i)
{
	if (i < 0)
		i = 0;
	if (i >= st->nitems)
		i = st->nitems - 1;
	if (i == st->focus)
		return;
	if (st->item_dirty && st->draft_dirty)
		write_draft(st, t);
	st->item_dirty = false;
	st->focus = i;
}

/* ================================================================== saving */

/* The rules' dates go on the plan: the due date, and the evaluation date
 * when none is set. */
static void put_rule_dates(struct planedit *st)
{
	ibis_date due, eval;

	if (!st->have_ctx)
		return;
	plan_rule_dates(&st->ctx, &st->mine, &due, &eval);
	st->mine.plan.due = due;
	if (st->mine.plan.eval_date == DATE_NONE && eval != DATE_NONE) {
		char d[DATE_NL_LEN];
		st->mine.plan.eval_date = eval;
		for (int i = 0; i < st->nitems; i++)
			if (st->items[i].kind == IK_EVAL)
				field_set(&st->items[i].line, date_format_nl(eval, d));
	}
}

/* What stops a save before the database is asked: a date that is no date,
 * no title. Moves the focus there and says so. */
static bool ready_to_save(struct planedit *st, struct tui *t)
{
	for (int i = 0; i < st->nitems; i++) {
		struct item *it = &st->items[i];
		if (it->bad) {
			char *msg = xasprintf("Niet opgeslagen: %s is geen geldige datum "
					      "(dd-mm-jjjj).", item_label(it));
			set_notice(st, msg);
			free(msg);
			focus_to(st, t, i);
			return false;
		}
	}
	if (str_empty(st->mine.plan.title)) {
		set_notice(st, "Niet opgeslagen: vul een titel in.");
		focus_to(st, t, 0);
		return false;
	}
	return true;
}

static int merge_done(void *ctx, struct tui *t, const struct plan_doc *merged);

/* Show both versions, part by part (mine against theirs, both from base). */
static void push_merge(struct planedit *st, struct tui *t)
{
	struct planmerge_arg a = {
		.t = st->tpl,
		.base = &st->base,
		.mine = &st->mine,
		.theirs = &st->theirs,
		.done = merge_done,
		.ctx = st,
	};

	tui_push(t, &planmerge_screen, &a);
}

/* The save went through: the stored plan is mine now. */
static void saved(struct planedit *st, struct tui *t)
{
	plandoc_free(&st->base);
	plandoc_init(&st->base);
	plandoc_copy(&st->base, &st->mine);
	st->has_base = true;
	drop_draft(st, t);
	t->changes++;
	if (st->mine.plan.pupil_id)
		t->saved_pupil = st->mine.plan.pupil_id;
	update_locked(st);
}

/* A save that failed for another reason than a colleague: everything stays,
 * and the draft is written so that a crash now loses nothing either. */
static void save_failed(struct planedit *st, struct tui *t, const struct ibis_error *err)
{
	bool kept = write_draft(st, t);
	char *msg = xasprintf("Niet opgeslagen: %s %s", err->message,
			      kept ? "Uw tekst staat er nog en is tussentijds bewaard."
				   : "Uw tekst staat er nog.");

	set_notice(st, msg);
	free(msg);
	if (err->status != IBIS_EINPUT)
		tui_report(t, err);
}

/* Write one attempt of doc (a copy of mine, so that a failed write leaves
 * mine untouched) with a snapshot when asked. */
static enum ibis_status write_plan(struct tui *t, struct plan_doc *doc,
				   bool snapshot, struct ibis_error *err)
{
	struct plan_snapshot snap = { 0 };
	enum ibis_status rc;

	if (!doc->plan.id)
		return db_plan_create(t->app->db, doc, err);
	if (!snapshot)
		return db_plan_save(t->app->db, doc, NULL, err);
	if (app_plan_render(t->app, doc, DOC_MD, &snap.content, err) != IBIS_OK)
		return err->status;
	snap.plan_id = doc->plan.id;
	snap.reason = xstrdup(plan_status_name(doc->plan.status));
	snap.author = xstrdup(t->app->user);
	rc = db_plan_save(t->app->db, doc, &snap, err);
	plan_snapshot_clear(&snap);
	return rc;
}

/* Save mine (with a snapshot of a status change when snapshot). A
 * colleague's save meanwhile is merged: without conflicts at once, else in
 * planmerge (not for a status change: that is redone after a plain save).
 * Returns true when saved. */
static bool save(struct planedit *st, struct tui *t, bool snapshot)
{
	struct ibis_error err;
	bool merged = false;

	if (tui_refuse_readonly(t))
		return false;
	if (st->locked && !snapshot) {
		set_notice(st, locked_reason(st));
		return false;
	}
	if (!ready_to_save(st, t))
		return false;
	put_rule_dates(st);

	for (int attempt = 0; attempt < 3; attempt++) {
		struct plan_doc tmp;
		plandoc_init(&tmp);
		plandoc_copy(&tmp, &st->mine);
		if (write_plan(t, &tmp, snapshot, &err) == IBIS_OK) {
			plandoc_free(&st->mine);
			st->mine = tmp;
			saved(st, t);
			if (merged) {
				items_fill(st);
				set_info(st, "Samengevoegd met de wijzigingen van een collega en "
					     "opgeslagen.");
			} else {
				set_info(st, "Opgeslagen.");
			}
			return true;
		}
		plandoc_free(&tmp);
		if (err.fault != DBF_CONFLICT) {
			save_failed(st, t, &err);
			return false;
		}

		/* A colleague saved meanwhile: theirs against mine. */
		bool found = false;
		plandoc_free(&st->theirs);
		plandoc_init(&st->theirs);
		if (db_plan_load(t->app->db, st->mine.plan.id, &st->theirs, &found, &err) != IBIS_OK) {
			save_failed(st, t, &err);
			return false;
		}
		if (!found) {
			write_draft(st, t);
			set_notice(st, "Niet opgeslagen: een collega heeft dit plan verwijderd. Uw "
				       "tekst staat er nog en is tussentijds bewaard.");
			return false;
		}
		struct plan_doc out;
		struct plan_conflict *conf = NULL;
		int nconf = 0;
		plandoc_init(&out);
		plandoc_merge(&st->base, &st->mine, &st->theirs, st->tpl, &t->app->dom.basis, &out,
			      &conf, &nconf);
		plan_conflicts_free(conf, nconf);
		if (nconf > 0) {
			plandoc_free(&out);
			write_draft(st, t);
			if (snapshot) {
				set_notice(st, "Een collega heeft dit plan net opgeslagen; de status is "
					       "niet gewijzigd. Sla eerst op (F2) en wijzig daarna de "
					       "status.");
				return false;
			}
			push_merge(st, t);
			return false;
		}
		/* The status is no unit of the merge: a status change keeps its
		 * own. */
		if (snapshot)
			out.plan.status = st->mine.plan.status;
		plandoc_free(&st->mine);
		st->mine = out;
		plandoc_free(&st->base);
		st->base = st->theirs;
		plandoc_init(&st->theirs);
		merged = true;
	}
	write_draft(st, t);
	set_notice(st, "Niet opgeslagen: het plan werd steeds opnieuw door een ander opgeslagen. "
		       "Probeer het zo nog eens (F2).");
	return false;
}

static int merge_done(void *ctx, struct tui *t, const struct plan_doc *merged)
{
	struct planedit *st = ctx;

	plandoc_free(&st->mine);
	plandoc_init(&st->mine);
	plandoc_copy(&st->mine, merged);
	plandoc_free(&st->base);
	st->base = st->theirs;
	plandoc_init(&st->theirs);
	items_fill(st);
	mark_changed(st);
	write_draft(st, t);
	if (save(st, t, false))
		set_info(st, "Samengevoegd en opgeslagen.");
	return TR_REDRAW;
}

/* ==================================================================== enter */

static void add_item(struct planedit *st, enum item_kind kind, const struct plan_field *f)
{
	struct item *it;

	st->items = xrealloc(st->items, (size_t)(st->nitems + 1) * sizeof(*st->items));
	it = &st->items[st->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->f = f;
	field_init(&it->line, kind == IK_TITLE ? TITLE_MAX
			      : kind == IK_LINE ? LINE_MAX_CHARS : DATE_NL_LEN - 1);
	te_init(&it->te, kind == IK_TEXT ? TEXT_MAX : 1);
}

static void build_items(struct planedit *st)
{
	static const enum item_kind header[] = { IK_TITLE, IK_START, IK_END, IK_EVAL };
	static const enum item_kind of_type[] = {
		[FIELD_LINE] = IK_LINE, [FIELD_TEXT] = IK_TEXT, [FIELD_DATE] = IK_DATE,
		[FIELD_CHOICE] = IK_CHOICE, [FIELD_GOALS] = IK_GOALS, [FIELD_PUPILS] = IK_PUPILS,
	};

	for (size_t i = 0; i < ARRAY_LEN(header); i++)
		add_item(st, header[i], NULL);
	if (st->tpl->consent)
		add_item(st, IK_AGREED, NULL);
	for (int i = 0; i < st->tpl->nfields; i++)
		add_item(st, of_type[st->tpl->fields[i].type], &st->tpl->fields[i]);
	add_item(st, IK_LOG, NULL);
	items_fill(st);
}

/* A new plan of template tpl: today's start, the longest period's end,
 * the rules' evaluation date. */
static void new_plan(struct planedit *st, struct tui *t, const struct planedit_arg *a)
{
	struct plan *p = &st->mine.plan;

	p->template_id = xstrdup(a->template_id);
	p->pupil_id = a->pupil_id;
	p->group_id = a->group_id;
	p->status = PLAN_CONCEPT;
	p->title = xstrdup(st->tpl->name ? st->tpl->name : st->tpl->id);
	p->author = xstrdup(t->app->user);
	p->start = date_today();
	if (st->tpl->max_weeks > 0)
		p->end = plan_weeks_end(&t->app->cal, p->start, st->tpl->max_weeks);
}

static int restore_answer(void *ctx, struct tui *t, int id, int choice);

/* Read draft id of this login into d; reports and returns false when it is
 * gone. */
static bool find_draft(struct tui *t, ibis_id id, struct draft *d)
{
	struct ibis_error err;
	struct draft *list = NULL;
	int n = 0;
	bool found = false;

	if (db_draft_list(t->app->db, t->app->user, "plan", &list, &n, &err) != IBIS_OK) {
		tui_report(t, &err);
		return false;
	}
	for (int i = 0; i < n && !found; i++)
		if (list[i].id == id) {
			*d = list[i];
			memset(&list[i], 0, sizeof(list[i]));
			found = true;
		}
	drafts_free(list, n);
	if (!found) {
		ibis_fail(&err, IBIS_EINPUT, "Deze niet-opgeslagen versie bestaat niet meer.");
		tui_report(t, &err);
	}
	return found;
}

/* Take draft d's document as mine (and its base, when it kept one). */
static bool take_draft(struct planedit *st, struct tui *t, const struct draft *d)
{
	struct ibis_error err;
	struct plan_doc m, b;
	bool has_base = false;

	plandoc_init(&m);
	plandoc_init(&b);
	if (plandoc_undraft(d->content ? d->content : "", &m, &b, &has_base, &err) != IBIS_OK) {
		tui_report(t, &err);
		plandoc_free(&m);
		plandoc_free(&b);
		return false;
	}
	plandoc_free(&st->mine);
	st->mine = m;
	if (has_base) {
		plandoc_free(&st->base);
		st->base = b;
		st->has_base = true;
	} else {
		plandoc_free(&b);
	}
	return true;
}

static bool open_draft(struct planedit *st, struct tui *t, ibis_id id)
{
	struct ibis_error err;

	if (!find_draft(t, id, &st->draft) || !take_draft(st, t, &st->draft))
		return false;
	if (!st->has_base) {
		if (st->mine.plan.id) {
			/* A draft of a stored plan without its base: the plan as it
			 * is now stands in for it. */
			bool found = false;
			if (db_plan_load(t->app->db, st->mine.plan.id, &st->base, &found, &err) !=
			    IBIS_OK) {
				tui_report(t, &err);
				return false;
			}
			st->has_base = found;
			if (!found)
				st->mine.plan.id = 0;
		}
		if (!st->has_base) {
			/* A plan never saved: what it started as is unknown; an
			 * empty one makes it count as changed. */
			plandoc_free(&st->base);
			plandoc_init(&st->base);
		}
	}
	return true;
}

/* Opening a stored plan that has a draft of this login: ask. */
static void offer_own_draft(struct planedit *st, struct tui *t)
{
	struct ibis_error err;
	bool found = false;

	if (db_readonly(t->app->db) ||
	    db_draft_find(t->app->db, t->app->user, "plan", st->mine.plan.id, &st->offered, &found,
			  &err) != IBIS_OK) {
		draft_clear(&st->offered);
		return;
	}
	if (!found)
		return;
	static const char *const options[] = { "Herstellen", "Weggooien" };
	char *when = local_stamp(st->offered.saved_at);
	char *text = xasprintf("Er is een niet-opgeslagen versie van %s. Herstellen?", when);
	struct prompt_arg a = {
		.kind = PROMPT_CHOOSE,
		.title = "Niet opgeslagen",
		.text = text,
		.options = options,
		.noptions = 2,
		.done = restore_answer,
		.ctx = st,
	};
	prompt_push(t, &a);
	free(text);
	free(when);
}

static int restore_answer(void *ctx, struct tui *t, int id, int choice)
{
	struct planedit *st = ctx;
	struct ibis_error err;

	(void)id;
	if (choice == 0) {
		if (take_draft(st, t, &st->offered)) {
			draft_clear(&st->draft);
			st->draft = st->offered;
			memset(&st->offered, 0, sizeof(st->offered));
			items_fill(st);
			update_locked(st);
			set_info(st, "De niet-opgeslagen versie is hersteld; F2 slaat haar op.");
		}
	} else if (db_draft_delete(t->app->db, st->offered.id, &err) != IBIS_OK) {
		tui_report(t, &err);
	}
	draft_clear(&st->offered);
	return TR_REDRAW;
}

static int planedit_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct planedit *st = s->state;
	const struct planedit_arg *a = arg;
	struct ibis_error err;

	st->self = s;
	plandoc_init(&st->mine);
	plandoc_init(&st->base);
	plandoc_init(&st->theirs);
	if (db_user_role(t->app->db, t->app->user, &st->role, &err) != IBIS_OK) {
		/* Unknown: reading is safe, changing is not. */
		tui_report(t, &err);
		st->role = USER_DIRECTIE;
	}

	if (a->draft_id) {
		if (!open_draft(st, t, a->draft_id))
			return TR_POP;
	} else if (a->plan_id) {
		bool found = false;
		if (db_plan_load(t->app->db, a->plan_id, &st->mine, &found, &err) != IBIS_OK) {
			tui_report(t, &err);
			return TR_POP;
		}
		if (!found) {
			ibis_fail(&err, IBIS_EINPUT, "Dit plan bestaat niet meer; misschien heeft een "
				  "collega het net verwijderd.");
			tui_report(t, &err);
			return TR_POP;
		}
		plandoc_copy(&st->base, &st->mine);
		st->has_base = true;
	}

	const char *tid = a->draft_id || a->plan_id ? st->mine.plan.template_id : a->template_id;
	st->tpl = tid ? domain_plan(&t->app->dom, tid) : NULL;
	if (!st->tpl) {
		ibis_fail(&err, IBIS_EINPUT, "Het sjabloon '%s' van dit plan is hier niet "
			  "geïnstalleerd; het plan kan niet worden geopend.", tid ? tid : "?");
		tui_report(t, &err);
		return TR_POP;
	}
	if (!a->draft_id && !a->plan_id) {
		if (tui_refuse_readonly(t))
			return TR_POP;
		new_plan(st, t, a);
	}
	refresh_context(st, t);
	if (!a->draft_id && !a->plan_id) {
		put_rule_dates(st);
		plandoc_copy(&st->base, &st->mine);
	}
	st->who = plan_who(t, &st->mine.plan);
	update_locked(st);
	build_items(st);
	read_log(st, t);
	if (a->plan_id && !a->draft_id)
		offer_own_draft(st, t);
	return TR_REDRAW;
}

static void planedit_leave(struct screen *s, struct tui *t)
{
	struct planedit *st = s->state;

	/* Esc, F10, a dropped connection or a kill: whatever was typed and not
	 * saved stays as a draft. */
	if (!st->discard && st->tpl && unsaved(st) && (st->draft_dirty || !st->draft.id))
		write_draft(st, t);
	for (int i = 0; i < st->nitems; i++) {
		field_free(&st->items[i].line);
		te_free(&st->items[i].te);
	}
	free(st->items);
	plandoc_free(&st->mine);
	plandoc_free(&st->base);
	plandoc_free(&st->theirs);
	plan_log_free(st->log, st->nlog);
	draft_clear(&st->draft);
	draft_clear(&st->offered);
	free(st->who);
	free(st->notice);
}

/* ==================================================================== draw */

#define PAGE_X 2

static int text_width(void)
{
	return COLS - PAGE_X - 4;
}

/* One line of a goal: "K Rekenen - Tafels tot 10 (15-01-2027) · open". Caller
 * frees. */
static char *goal_line(const struct tui *t, const struct goal *g)
{
	const struct basis_grid *b = &t->app->dom.basis;
	struct strbuf sb = { 0 };
	char d[DATE_NL_LEN];

	sb_add(&sb, g->long_term ? "L" : "K");
	for (int i = 0; i < b->nareas; i++)
		if (b->areas[i].number == g->area && g->area)
			sb_printf(&sb, " %s -", b->areas[i].name);
	sb_printf(&sb, " %.*s", (int)strcspn(g->text ? g->text : "", "\n"), g->text ? g->text : "");
	if (g->target != DATE_NONE)
		sb_printf(&sb, " (%s)", date_format_nl(g->target, d));
	sb_printf(&sb, " %s %s", dot(t), goal_result_name(g->result));
	return sb_take(&sb);
}

/* The logboek, newest first, wrapped at width. */
static void log_lines(const struct planedit *st, int width, struct strlist *out)
{
	char d[DATE_NL_LEN];

	for (int i = st->nlog - 1; i >= 0; i--) {
		const struct plan_log_entry *e = &st->log[i];
		char *s = xasprintf("%s %s: %s", date_format_nl(e->date, d),
				    e->author ? e->author : "?", e->text ? e->text : "");
		text_wrap(s, width, out);
		free(s);
	}
}

/* The rows item it takes (its label line included). */
static int item_height(struct planedit *st, struct item *it)
{
	int n;

	switch (it->kind) {
	case IK_TEXT:
		n = te_layout(&it->te, text_width());
		return 1 + (n < BOX_MIN ? BOX_MIN : n > BOX_MAX ? BOX_MAX : n);
	case IK_GOALS:
		return 1 + (st->mine.ngoals > 0 ? st->mine.ngoals : 1);
	case IK_PUPILS:
		return 1 + (it->f->choices.len > 0 ? (int)it->f->choices.len : 1);
	case IK_LOG: {
		struct strlist lines = { 0 };
		log_lines(st, COLS - PAGE_X - 2, &lines);
		it->nlines = (int)lines.len;
		sl_free(&lines);
		return 1 + (it->nlines > 0 ? it->nlines : 1);
	}
	default:
		return 2;
	}
}

static void draw_label(struct planedit *st, struct tui *t, struct item *it, int y, bool focus)
{
	char *label = xasprintf("%s%s%s", item_label(it), item_required(it) ? " *" : "",
				it->f && it->f->legal ? " (wettelijk)" : "");

	if (focus)
		draw_text(y, 0, 2, t->utf8 ? "▸" : ">", role_attr(t, ROLE_PROMPT));
	draw_text(y, PAGE_X, COLS - PAGE_X - 12, label, role_attr(t, ROLE_LABEL));
	free(label);
	const char *right = NULL;
	attr_t ra = role_attr(t, ROLE_DIM);
	if (it->bad) {
		right = "geen geldige datum";
		ra = role_attr(t, ROLE_OVERDUE);
	} else if (item_required(it) && item_empty(st, it)) {
		right = "verplicht";
	} else if (it->kind == IK_LOG) {
		right = "F4 voegt toe";
	}
	if (right) {
		int w = text_cols(right);
		draw_text(y, COLS - 2 - w, w, right, ra);
	}
}

static void set_cursor(struct tui *t, int y, int x)
{
	t->want_cursor = true;
	t->cursor_y = y;
	t->cursor_x = x;
}

/* Item it from row y in at most rows rows (a text box or list cut short at
 * the bottom of the page). */
static void draw_item(struct planedit *st, struct tui *t, struct item *it, int y, int rows,
		      bool focus)
{
	attr_t norm = role_attr(t, ROLE_NORMAL), dim = role_attr(t, ROLE_DIM);
	int width = COLS - PAGE_X - 2;

	draw_label(st, t, it, y, focus);
	y++;
	rows--;
	if (rows <= 0)
		return;
	switch (it->kind) {
	case IK_TITLE:
	case IK_LINE:
	case IK_START:
	case IK_END:
	case IK_EVAL:
	case IK_AGREED:
	case IK_DATE: {
		int w = item_is_date(it) ? 12 : width;
		attr_t a = focus ? role_attr(t, ROLE_PROMPT) | A_UNDERLINE : A_UNDERLINE;
		if (focus) {
			set_cursor(t, y, field_draw(&it->line, y, PAGE_X, w, a));
		} else {
			int c = it->line.cursor, sc = it->line.scroll;
			it->line.cursor = it->line.scroll = 0;
			field_draw(&it->line, y, PAGE_X, w, a);
			it->line.cursor = c;
			it->line.scroll = sc;
		}
		break;
	}
	case IK_TEXT: {
		int n = te_layout(&it->te, text_width());
		int h = n < BOX_MIN ? BOX_MIN : n > BOX_MAX ? BOX_MAX : n;
		int cy = -1, cx = -1;
		if (h > rows)
			h = rows;
		attr_t bar = role_attr(t, focus ? ROLE_PROMPT : ROLE_DIM);
		for (int i = 0; i < h; i++)
			draw_text(y + i, PAGE_X, 1, t->utf8 ? "│" : "|", bar);
		te_draw(&it->te, y, PAGE_X + 2, h, text_width(), norm, focus ? &cy : NULL,
			focus ? &cx : NULL);
		if (focus && cy >= 0)
			set_cursor(t, cy, cx);
		break;
	}
	case IK_CHOICE: {
		const char *v = plandoc_get(&st->mine, it->f->key);
		char *s = xasprintf("%s %s %s", t->utf8 ? "◂" : "<",
				    v ? v : t->utf8 ? "—" : "-", t->utf8 ? "▸" : ">");
		draw_text(y, PAGE_X, width, s, focus ? role_attr(t, ROLE_PROMPT) : norm);
		free(s);
		break;
	}
	case IK_GOALS:
		if (st->mine.ngoals == 0) {
			draw_text(y, PAGE_X, width, "Nog geen doelen: + voegt een doel toe.", dim);
			break;
		}
		for (int i = 0; i < st->mine.ngoals && i < rows; i++) {
			char *s = goal_line(t, &st->mine.goals[i]);
			bool sel = focus && i == it->sel;
			attr_t a = role_attr(t, sel ? ROLE_SELECTED : ROLE_NORMAL);
			if (sel)
				draw_fill(y + i, PAGE_X, width, a);
			draw_text(y + i, PAGE_X, width, s, a);
			free(s);
		}
		break;
	case IK_PUPILS:
		if (it->f->choices.len == 0) {
			draw_text(y, PAGE_X, width, "Het sjabloon noemt geen instructiegroepen.", dim);
			break;
		}
		for (int i = 0; i < (int)it->f->choices.len && i < rows; i++) {
			const char *g = it->f->choices.items[i];
			char *names = group_names(&st->mine, it->f->key, g);
			char *s = xasprintf("%s: %s", g, names[0] ? names : t->utf8 ? "—" : "-");
			draw_text(y + i, PAGE_X, width, s,
				  focus && i == 0 ? role_attr(t, ROLE_PROMPT) : norm);
			free(s);
			free(names);
		}
		break;
	case IK_LOG: {
		struct strlist lines = { 0 };
		log_lines(st, width, &lines);
		if (lines.len == 0)
			draw_text(y, PAGE_X, width,
				  st->mine.plan.id ? "Nog geen notities." :
				  "Nog geen notities; F4 slaat het plan op en voegt er een toe.", dim);
		if (it->sel > (int)lines.len - 1)
			it->sel = lines.len > 0 ? (int)lines.len - 1 : 0;
		for (int i = 0; i < rows && it->sel + i < (int)lines.len; i++)
			draw_text(y + i, PAGE_X, width, lines.items[it->sel + i], norm);
		sl_free(&lines);
		break;
	}
	}
}

/* "Uiterlijk klaar 05-01-2027 · Evaluatie 18-01-2027 · Instemming ouders nog
 * niet · Alleen lezen". */
static void draw_facts(struct planedit *st, struct tui *t, int y)
{
	struct strbuf sb = { 0 };
	ibis_date due = DATE_NONE, eval = DATE_NONE;
	char d[DATE_NL_LEN];
	const char *sep = t->utf8 ? " · " : " - ";

	if (st->have_ctx)
		plan_rule_dates(&st->ctx, &st->mine, &due, &eval);
	if (due == DATE_NONE)
		due = st->mine.plan.due;
	if (st->mine.plan.eval_date != DATE_NONE)
		eval = st->mine.plan.eval_date;
	sb_add(&sb, "");
	if (due != DATE_NONE)
		sb_printf(&sb, "Uiterlijk klaar %s", date_format_nl(due, d));
	if (eval != DATE_NONE)
		sb_printf(&sb, "%sEvaluatie %s", sb.len ? sep : "", date_format_nl(eval, d));
	if (st->tpl->consent)
		sb_printf(&sb, "%sInstemming ouders %s", sb.len ? sep : "",
			  st->mine.plan.agreed != DATE_NONE ? date_format_nl(st->mine.plan.agreed, d)
							    : "nog niet");
	int x = draw_text(y, 1, COLS - 2, sb_str(&sb), role_attr(t, ROLE_NORMAL)) + 1;
	if (st->locked) {
		char *ro = xasprintf("%sAlleen lezen", sb.len ? sep : "");
		draw_text(y, x, COLS - 1 - x, ro, role_attr(t, ROLE_OVERDUE));
		free(ro);
	}
	sb_free(&sb);
}

/* The line above the key bar: a notice, else the focused field's hulp, else
 * the first thing the rules say of the plan as it stands. */
static void draw_hint(struct planedit *st, struct tui *t, int y)
{
	const struct item *it = &st->items[st->focus];

	if (st->notice) {
		draw_text(y, 1, COLS - 2, st->notice, role_attr(t, st->notice_role));
		return;
	}
	if (it->f && it->f->help) {
		draw_text(y, 1, COLS - 2, it->f->help, role_attr(t, ROLE_DIM));
		return;
	}
	if (!st->have_ctx)
		return;
	struct plan_issues is = { 0 };
	plan_check(&st->ctx, &st->mine, st->mine.plan.status, &is);
	if (is.n > 0)
		draw_text(y, 1, COLS - 2, is.items[0].text, role_attr(t, ROLE_DIM));
	plan_issues_free(&is);
}

static void planedit_draw(struct screen *s, struct tui *t)
{
	struct planedit *st = s->state;
	char *left = xasprintf("%s %s %s %s %s", short_name(st),
			       dot(t), st->mine.plan.title ? st->mine.plan.title : "", dot(t), st->who);
	char *right = st->mine.plan.id
		? xasprintf("%s %s plan %lld%s", plan_status_name(st->mine.plan.status), dot(t),
			    (long long)st->mine.plan.id, unsaved(st) ? "*" : "")
		: xasprintf("%s %s nieuw", plan_status_name(st->mine.plan.status), dot(t));
	int y = draw_header(t, left, right);

	free(left);
	free(right);
	draw_facts(st, t, y++);

	/* The page: from top, keeping the focused item whole in view. */
	int last = LINES - 3, rows = last - y + 1;
	int *h = xcalloc((size_t)st->nitems, sizeof(*h));
	for (int i = 0; i < st->nitems; i++)
		h[i] = item_height(st, &st->items[i]);
	if (st->top > st->focus)
		st->top = st->focus;
	for (;;) {
		int sum = 0;
		for (int i = st->top; i <= st->focus; i++)
			sum += h[i];
		if (sum <= rows || st->top >= st->focus)
			break;
		st->top++;
	}
	st->page_items = 0;
	for (int i = st->top; i < st->nitems && y <= last; i++) {
		int room = last - y + 1;
		draw_item(st, t, &st->items[i], y, h[i] < room ? h[i] : room, i == st->focus);
		if (h[i] <= room)
			st->page_items++;
		y += h[i];
	}
	if (st->page_items < 1)
		st->page_items = 1;
	free(h);
	draw_hint(st, t, LINES - 2);
}

/* ==================================================================== keys */

enum {
	PA_SAVE = 1,
	PA_STATUS,
	PA_LOG,
	PA_EXPORT,
	PA_BACK,
	PA_NEXT,
	PA_PREV,
	PA_UP,
	PA_DOWN,
	PA_PGUP,
	PA_PGDN,
	PA_EXTERNAL,
	PA_EDIT,
	PA_EDIT_MORE,
	PA_ENTER,
	PA_CHOICE,
	PA_GOAL_ADD,
	PA_GOAL_DEL,
	PA_GOAL_EVAL,
};

/* The keys of every item; the item's own keys follow. */
#define COMMON_KEYS                                                                        \
	{ PA_SAVE, { TK_F(2), TK_CTRL('s') }, "Opslaan",                                   \
	  "Het plan opslaan (F2 of Ctrl-S); heeft een collega het intussen opgeslagen, "   \
	  "dan worden beide versies samengevoegd" },                                       \
	{ PA_STATUS, { TK_F(3) }, "Status",                                                \
	  "De status wijzigen (concept, actief, geëvalueerd, afgesloten), met wat er "     \
	  "nog ontbreekt; bij elke wijziging wordt een versie van het plan bewaard" },     \
	{ PA_LOG, { TK_F(4) }, "Logboek",                                                  \
	  "Een notitie in het logboek, met de datum van vandaag (een nieuw plan wordt "    \
	  "eerst opgeslagen)" },                                                           \
	{ PA_EXPORT, { TK_F(5) }, NULL,                                                    \
	  "Het plan als document (Markdown of HTML) om af te drukken of aan ouders te "    \
	  "geven (eerst opgeslagen)" },                                                    \
	{ PA_BACK, { TK_ESC }, "Terug",                                                    \
	  "Terug; met niet-opgeslagen wijzigingen vraagt ibis eerst: opslaan, niet "       \
	  "opslaan of verder bewerken" },                                                  \
	{ PA_NEXT, { TK_TAB }, NULL, "Naar het volgende onderdeel" },                      \
	{ PA_PREV, { TK_BTAB }, NULL, "Naar het vorige onderdeel" },                       \
	{ PA_UP, { TK_UP }, NULL,                                                          \
	  "Omhoog: een regel in een tekstvak of een doel in de lijst, en daarboven naar "  \
	  "het vorige onderdeel" },                                                        \
	{ PA_DOWN, { TK_DOWN }, NULL,                                                      \
	  "Omlaag: een regel in een tekstvak of een doel in de lijst, en daaronder naar "  \
	  "het volgende onderdeel" },                                                      \
	{ PA_PGUP, { TK_PGUP }, NULL, "Een pagina onderdelen terug" },                     \
	{ PA_PGDN, { TK_PGDN }, NULL, "Een pagina onderdelen verder" },                    \
	{ PA_EXTERNAL, { TK_CTRL('e') }, NULL,                                             \
	  "Het tekstvak bewerken in uw eigen editor ($VISUAL, $EDITOR, anders nano of vi)" }

static const struct keydef text_keys[] = {
	COMMON_KEYS,
	{ PA_EDIT, { TK_BACKSPACE, TK_DELETE, TK_LEFT, TK_RIGHT, TK_HOME, TK_END, TK_ENTER },
	  NULL, "Typen en bewerken; Enter begint een nieuwe regel, Home en End gaan naar het "
	  "begin en eind van de regel" },
	{ PA_EDIT_MORE, { TK_CTRL_LEFT, TK_CTRL_RIGHT, TK_CTRL('u'), TK_CTRL('k'),
			   TK_CTRL('w') }, NULL,
	  "Ctrl-← en Ctrl-→: een woord terug en verder; Ctrl-U wist tot het begin van de "
	  "regel, Ctrl-K tot het eind, Ctrl-W het woord voor de cursor" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef line_keys[] = {
	COMMON_KEYS,
	{ PA_EDIT, { TK_BACKSPACE, TK_DELETE, TK_LEFT, TK_RIGHT, TK_HOME, TK_END, TK_CTRL('u'),
		     TK_CTRL('w') }, NULL,
	  "Typen en bewerken (Ctrl-U wist alles voor de cursor, Ctrl-W een woord); een "
	  "datum als dd-mm-jjjj" },
	{ PA_ENTER, { TK_ENTER }, NULL, "Naar het volgende onderdeel" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef choice_keys[] = {
	COMMON_KEYS,
	{ PA_CHOICE, { TK_LEFT, TK_RIGHT, ' ' }, NULL,
	  "De vorige en volgende keuze (Spatie: de volgende; een letter: de keuze die "
	  "ermee begint)" },
	{ PA_ENTER, { TK_ENTER }, NULL, "Naar het volgende onderdeel" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef goal_keys[] = {
	COMMON_KEYS,
	{ PA_ENTER, { TK_ENTER }, NULL, "Het gekozen doel bewerken" },
	{ PA_GOAL_ADD, { '+', TK_KEY(KEY_IC) }, NULL, "Een doel toevoegen (+ of Ins)" },
	{ PA_GOAL_DEL, { TK_DELETE }, NULL, "Het gekozen doel verwijderen (met een vraag)" },
	{ PA_GOAL_EVAL, { 'v' }, NULL,
	  "Het gekozen doel evalueren: behaald, deels behaald of niet behaald, met een tekst" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef pupils_keys[] = {
	COMMON_KEYS,
	{ PA_ENTER, { TK_ENTER }, NULL,
	  "De leerlingen van de groep over de instructiegroepen verdelen" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef view_keys[] = {
	COMMON_KEYS,
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const planedit_tables[] = {
	text_keys, line_keys, choice_keys, goal_keys, pupils_keys, view_keys, NULL,
};

static const struct keydef *planedit_keymap(struct screen *s)
{
	struct planedit *st = s->state;

	switch (st->items[st->focus].kind) {
	case IK_TEXT:
		return text_keys;
	case IK_CHOICE:
		return choice_keys;
	case IK_GOALS:
		return goal_keys;
	case IK_PUPILS:
		return pupils_keys;
	case IK_LOG:
		return view_keys;
	default:
		return line_keys;
	}
}

/* Typed characters never reach the global keys here ("q" is a letter of a
 * word, not "back"). */
static bool planedit_typing(struct screen *s)
{
	(void)s;
	return true;
}

/* ============================================================ sub-screens */

static char *goal_title(const struct planedit *st)
{
	return xasprintf("Doel van %s %s - %s", short_name(st),
			 st->mine.plan.title ? st->mine.plan.title : "", st->who);
}

/* After a sub-screen changed the document: a draft at once. */
static void sub_changed(struct planedit *st, struct tui *t)
{
	mark_changed(st);
	write_draft(st, t);
	st->item_dirty = false;
}

static int goal_added(void *ctx, struct tui *t, const struct goal *g)
{
	struct planedit *st = ctx;
	int i = plandoc_add_goal(&st->mine, g);

	st->items[st->focus].sel = i;
	sub_changed(st, t);
	return TR_REDRAW;
}

static int goal_edited(void *ctx, struct tui *t, const struct goal *g)
{
	struct planedit *st = ctx;
	struct plan_doc *d = &st->mine;
	int i = st->goal_index;

	if (i < 0 || i >= d->ngoals)
		return goal_added(ctx, t, g);
	/* In its place, with the identity of the stored goal. */
	ibis_id id = d->goals[i].id, plan_id = d->goals[i].plan_id;
	int version = d->goals[i].version;
	int j = plandoc_add_goal(d, g);
	struct goal fresh = d->goals[j];
	fresh.id = id;
	fresh.plan_id = plan_id;
	fresh.version = version;
	d->goals[j] = d->goals[i];
	d->goals[i] = fresh;
	plandoc_remove_goal(d, j);
	sub_changed(st, t);
	return TR_REDRAW;
}

static int open_goal(struct planedit *st, struct tui *t, bool add, bool evaluate)
{
	struct item *it = &st->items[st->focus];

	if (!may_change(st, t))
		return TR_HANDLED | TR_REDRAW;
	if (!add && st->mine.ngoals == 0) {
		set_notice(st, "Nog geen doelen: + voegt een doel toe.");
		return TR_HANDLED | TR_REDRAW;
	}
	char *title = goal_title(st);
	st->goal_index = add ? -1 : it->sel;
	struct goalform_arg a = {
		.goal = add ? NULL : &st->mine.goals[it->sel],
		.title = title,
		.default_target = st->mine.plan.end,
		.evaluate = evaluate,
		.done = add ? goal_added : goal_edited,
		.ctx = st,
	};
	tui_push(t, &goalform_screen, &a);
	free(title);
	return TR_HANDLED | TR_REDRAW;
}

static int goal_remove_now(struct tui *t, void *ctx)
{
	struct planedit *st = ctx;

	if (st->goal_index >= 0 && st->goal_index < st->mine.ngoals) {
		plandoc_remove_goal(&st->mine, st->goal_index);
		struct item *it = &st->items[st->focus];
		if (it->sel >= st->mine.ngoals)
			it->sel = st->mine.ngoals > 0 ? st->mine.ngoals - 1 : 0;
		sub_changed(st, t);
	}
	return TR_REDRAW;
}

static int remove_goal(struct planedit *st, struct tui *t)
{
	struct item *it = &st->items[st->focus];

	if (!may_change(st, t))
		return TR_HANDLED | TR_REDRAW;
	if (st->mine.ngoals == 0)
		return TR_HANDLED;
	st->goal_index = it->sel;
	char *line = goal_line(t, &st->mine.goals[it->sel]);
	char *text = xasprintf("Dit doel verwijderen? (j/n)\n\n%s", line);
	struct dialog_arg a = {
		.title = "Doel verwijderen",
		.text = text,
		.question = true,
		.on_yes = goal_remove_now,
		.ctx = st,
	};
	tui_push(t, &dialog_screen, &a);
	free(text);
	free(line);
	return TR_HANDLED | TR_REDRAW;
}

static int pupils_done(void *ctx, struct tui *t, const struct plan_member *m, int n)
{
	struct planedit *st = ctx;
	const char *key = st->items[st->focus].f->key;
	struct plan_doc *d = &st->mine;

	/* The field's division is replaced by the new one. */
	for (int i = d->nmembers - 1; i >= 0; i--)
		if (d->members[i].field_key && strcmp(d->members[i].field_key, key) == 0)
			plandoc_set_member(d, key, NULL, d->members[i].pupil_id, NULL);
	for (int i = 0; i < n; i++)
		plandoc_set_member(d, key, m[i].group_name, m[i].pupil_id, m[i].pupil_name);
	sub_changed(st, t);
	return TR_REDRAW;
}

static int open_pupils(struct planedit *st, struct tui *t)
{
	if (!may_change(st, t))
		return TR_HANDLED | TR_REDRAW;
	if (!st->mine.plan.group_id) {
		set_notice(st, "Alleen een plan voor een groep verdeelt leerlingen over "
			       "instructiegroepen.");
		return TR_HANDLED | TR_REDRAW;
	}
	struct planpupils_arg a = {
		.group_id = st->mine.plan.group_id,
		.field = st->items[st->focus].f,
		.doc = &st->mine,
		.done = pupils_done,
		.ctx = st,
	};
	tui_push(t, &planpupils_screen, &a);
	return TR_HANDLED | TR_REDRAW;
}

static int status_done(void *ctx, struct tui *t, const struct plan_doc *moved)
{
	struct planedit *st = ctx;
	struct plan_doc prev;

	plandoc_init(&prev);
	plandoc_copy(&prev, &st->mine);
	plandoc_free(&st->mine);
	plandoc_init(&st->mine);
	plandoc_copy(&st->mine, moved);
	if (save(st, t, true)) {
		char *msg = xasprintf("De status is nu %s; deze versie van het plan is bewaard.",
				      plan_status_name(st->mine.plan.status));
		items_fill(st);
		set_info(st, msg);
		free(msg);
		plandoc_free(&prev);
	} else {
		plandoc_free(&st->mine);
		st->mine = prev;
	}
	update_locked(st);
	return TR_REDRAW;
}

static int open_status(struct planedit *st, struct tui *t)
{
	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	if (!st->have_ctx) {
		refresh_context(st, t);
		if (!st->have_ctx)
			return TR_HANDLED | TR_REDRAW;
	}
	/* A status change is saved with a snapshot of the stored plan. */
	if (!st->mine.plan.id && !save(st, t, false))
		return TR_HANDLED | TR_REDRAW;
	if (!ready_to_save(st, t))
		return TR_HANDLED | TR_REDRAW;
	struct planstatus_arg a = {
		.doc = &st->mine,
		.rules = &st->ctx,
		.role = (int)st->role,
		.done = status_done,
		.ctx = st,
	};
	tui_push(t, &planstatus_screen, &a);
	return TR_HANDLED | TR_REDRAW;
}

static int log_added(void *ctx, struct tui *t)
{
	struct planedit *st = ctx;

	read_log(st, t);
	return TR_REDRAW;
}

static int add_log(struct planedit *st, struct tui *t)
{
	if (!may_change(st, t))
		return TR_HANDLED | TR_REDRAW;
	if (!st->mine.plan.id && !save(st, t, false))
		return TR_HANDLED | TR_REDRAW;
	plan_log_ask(t, st->mine.plan.id, log_added, st);
	return TR_HANDLED | TR_REDRAW;
}

static int export_plan(struct planedit *st, struct tui *t)
{
	/* The document is made from the stored plan: store what is shown when
	 * that may be done; a plan that cannot be stored has nothing to show. */
	if (!st->mine.plan.id || unsaved(st)) {
		bool can = !st->locked && !db_readonly(t->app->db);
		if (can && !save(st, t, false))
			return TR_HANDLED | TR_REDRAW;
		if (!can && !st->mine.plan.id) {
			may_change(st, t);
			return TR_HANDLED | TR_REDRAW;
		}
	}
	plan_export_ask(t, st->mine.plan.id);
	return TR_HANDLED | TR_REDRAW;
}

static int external_edit(struct planedit *st, struct tui *t)
{
	struct item *it = &st->items[st->focus];
	struct ibis_error err;
	char *out = NULL;

	if (it->kind != IK_TEXT) {
		set_notice(st, "Ctrl-E werkt in een tekstvak: ga er eerst met Tab naartoe.");
		return TR_HANDLED | TR_REDRAW;
	}
	if (!may_change(st, t))
		return TR_HANDLED | TR_REDRAW;
	char *text = te_get(&it->te);
	enum ibis_status rc = te_external(t, text, &out, &err);
	free(text);
	if (rc != IBIS_OK) {
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	te_set(&it->te, out);
	free(out);
	item_commit(st, it);
	sub_changed(st, t);
	return TR_HANDLED | TR_REDRAW;
}

/* ================================================================= leaving */

static int leave_answer(void *ctx, struct tui *t, int id, int choice)
{
	struct planedit *st = ctx;

	(void)id;
	switch (choice) {
	case 0: /* Opslaan */
		if (save(st, t, false))
			tui_remove(t, st->self);
		break;
	case 1: /* Niet opslaan */
		drop_draft(st, t);
		st->discard = true;
		tui_remove(t, st->self);
		break;
	default: /* Verder bewerken */
		break;
	}
	return TR_REDRAW;
}

static int go_back(struct planedit *st, struct tui *t)
{
	if (!unsaved(st))
		return TR_HANDLED | TR_POP | TR_REDRAW;
	static const char *const options[] = { "Opslaan", "Niet opslaan", "Verder bewerken" };
	struct prompt_arg a = {
		.kind = PROMPT_CHOOSE,
		.title = "Niet opgeslagen wijzigingen",
		.text = "Dit plan heeft wijzigingen die nog niet zijn opgeslagen.",
		.options = options,
		.noptions = 3,
		.done = leave_answer,
		.ctx = st,
	};
	prompt_push(t, &a);
	return TR_HANDLED | TR_REDRAW;
}

/* ================================================================ editing */

/* Keys that change text (the rest only move the cursor). */
static bool key_changes_text(tkey key)
{
	return key_is_text(key) || key == TK_BACKSPACE || key == TK_DELETE ||
	       key == TK_ENTER || key == TK_CTRL('u') || key == TK_CTRL('k') ||
	       key == TK_CTRL('w');
}

/* A key for the focused line or text field. */
static int edit_key(struct planedit *st, struct tui *t, tkey key)
{
	struct item *it = &st->items[st->focus];
	int r;

	if (key_changes_text(key) && !may_change(st, t))
		return TR_HANDLED | TR_REDRAW;
	if (it->kind == IK_TEXT) {
		te_layout(&it->te, text_width());
		r = te_key(&it->te, key);
	} else if (item_has_line(it)) {
		r = field_key(&it->line, key);
	} else {
		return TR_HANDLED;
	}
	if (r == FIELD_CHANGED) {
		item_commit(st, it);
		mark_changed(st);
	}
	return TR_HANDLED | TR_REDRAW;
}

/* The choice after (dir 1) or before (-1) the current one; "no choice" is
 * one of them. */
static int step_choice(struct planedit *st, struct tui *t, int dir)
{
	struct item *it = &st->items[st->focus];
	const struct strlist *c = &it->f->choices;
	const char *v = plandoc_get(&st->mine, it->f->key);
	int n = (int)c->len + 1, cur = 0;

	if (!may_change(st, t))
		return TR_HANDLED | TR_REDRAW;
	for (int i = 0; v && i < (int)c->len; i++)
		if (strcmp(c->items[i], v) == 0)
			cur = i + 1;
	cur = (cur + dir + n) % n;
	plandoc_set(&st->mine, it->f->key, cur ? c->items[cur - 1] : NULL);
	mark_changed(st);
	return TR_HANDLED | TR_REDRAW;
}

/* A letter on a choice: the next choice that starts with it. */
static int letter_choice(struct planedit *st, struct tui *t, tkey key)
{
	struct item *it = &st->items[st->focus];
	const struct strlist *c = &it->f->choices;
	const char *v = plandoc_get(&st->mine, it->f->key);
	wchar_t w[2] = { (wchar_t)key, 0 };
	char *typed = from_wide(w, 1);
	char *letter = text_fold(typed);
	int cur = -1;

	free(typed);
	for (int i = 0; v && i < (int)c->len; i++)
		if (strcmp(c->items[i], v) == 0)
			cur = i;
	for (int k = 1; letter[0] && k <= (int)c->len; k++) {
		int i = (cur + k + (int)c->len) % (int)c->len;
		char *f = text_fold(c->items[i]);
		bool hit = str_starts(f, letter);
		free(f);
		if (hit && i != cur) {
			free(letter);
			if (!may_change(st, t))
				return TR_HANDLED | TR_REDRAW;
			plandoc_set(&st->mine, it->f->key, c->items[i]);
			mark_changed(st);
			return TR_HANDLED | TR_REDRAW;
		}
	}
	free(letter);
	return TR_HANDLED;
}

static int move_vertical(struct planedit *st, struct tui *t, tkey key)
{
	struct item *it = &st->items[st->focus];
	bool up = key == TK_UP;

	switch (it->kind) {
	case IK_TEXT:
		te_layout(&it->te, text_width());
		if (te_key(&it->te, key) != FIELD_IGNORED)
			return TR_HANDLED | TR_REDRAW;
		break;
	case IK_GOALS:
		if (up && it->sel > 0) {
			it->sel--;
			return TR_HANDLED | TR_REDRAW;
		}
		if (!up && it->sel < st->mine.ngoals - 1) {
			it->sel++;
			return TR_HANDLED | TR_REDRAW;
		}
		break;
	case IK_LOG:
		if (up && it->sel > 0) {
			it->sel--;
			return TR_HANDLED | TR_REDRAW;
		}
		if (!up && it->sel < it->nlines - 1) {
			it->sel++;
			return TR_HANDLED | TR_REDRAW;
		}
		break;
	default:
		break;
	}
	focus_to(st, t, st->focus + (up ? -1 : 1));
	return TR_HANDLED | TR_REDRAW;
}

static int planedit_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct planedit *st = s->state;
	struct item *it = &st->items[st->focus];

	set_notice(st, NULL);
	switch (action) {
	case PA_SAVE:
		save(st, t, false);
		return TR_HANDLED | TR_REDRAW;
	case PA_STATUS:
		return open_status(st, t);
	case PA_LOG:
		return add_log(st, t);
	case PA_EXPORT:
		return export_plan(st, t);
	case PA_BACK:
		return go_back(st, t);
	case PA_NEXT:
		focus_to(st, t, st->focus + 1);
		return TR_HANDLED | TR_REDRAW;
	case PA_PREV:
		focus_to(st, t, st->focus - 1);
		return TR_HANDLED | TR_REDRAW;
	case PA_UP:
	case PA_DOWN:
		return move_vertical(st, t, key);
	case PA_PGUP:
		focus_to(st, t, st->focus - st->page_items);
		return TR_HANDLED | TR_REDRAW;
	case PA_PGDN:
		focus_to(st, t, st->focus + st->page_items);
		return TR_HANDLED | TR_REDRAW;
	case PA_EXTERNAL:
		return external_edit(st, t);
	case PA_EDIT:
	case PA_EDIT_MORE:
		return edit_key(st, t, key);
	case PA_ENTER:
		if (it->kind == IK_GOALS)
			return open_goal(st, t, false, false);
		if (it->kind == IK_PUPILS)
			return open_pupils(st, t);
		focus_to(st, t, st->focus + 1);
		return TR_HANDLED | TR_REDRAW;
	case PA_CHOICE:
		return step_choice(st, t, key == TK_LEFT ? -1 : 1);
	case PA_GOAL_ADD:
		return open_goal(st, t, true, false);
	case PA_GOAL_DEL:
		return remove_goal(st, t);
	case PA_GOAL_EVAL:
		return open_goal(st, t, false, true);
	default:
		return 0;
	}
}

static int planedit_input(struct screen *s, struct tui *t, tkey key)
{
	struct planedit *st = s->state;
	struct item *it = &st->items[st->focus];

	set_notice(st, NULL);
	switch (it->kind) {
	case IK_CHOICE:
		return letter_choice(st, t, key);
	case IK_GOALS:
		set_notice(st, "Doelen: + voegt toe, Enter bewerkt, v evalueert, Delete "
			       "verwijdert.");
		return TR_HANDLED | TR_REDRAW;
	case IK_PUPILS:
		set_notice(st, "Enter verdeelt de leerlingen over de instructiegroepen.");
		return TR_HANDLED | TR_REDRAW;
	case IK_LOG:
		set_notice(st, "Het logboek vult u aan met F4.");
		return TR_HANDLED | TR_REDRAW;
	default:
		return edit_key(st, t, key);
	}
}

/* About once a second: the draft, a few seconds after the last change. */
static int planedit_tick(struct screen *s, struct tui *t)
{
	struct planedit *st = s->state;

	if (!st->draft_dirty || now_ms() - st->changed_at < DRAFT_DELAY_MS)
		return 0;
	bool failed_before = st->draft_failed;
	write_draft(st, t);
	return st->draft_failed != failed_before ? TR_REDRAW : 0;
}

const struct screen_ops planedit_screen = {
	.name = "Plan",
	.state_size = sizeof(struct planedit),
	.enter = planedit_enter,
	.draw = planedit_draw,
	.tables = planedit_tables,
	.keymap = planedit_keymap,
	.action = planedit_action,
	.typing = planedit_typing,
	.input = planedit_input,
	.leave = planedit_leave,
	.tick = planedit_tick,
};

/* ========================================================= drafts at start */

/* The drafts are offered one at a time, newest id first; each prompt
 * carries the id of its draft, so that the next one is found without any
 * state of our own (a prompt cancelled with Esc simply ends the round). */
static void offer_below(struct tui *t, ibis_id bound);

static int offer_answer(void *ctx, struct tui *t, int id, int choice)
{
	struct ibis_error err;

	(void)ctx;
	switch (choice) {
	case 0: { /* Herstellen: the next question waits under the editor */
		offer_below(t, id);
		struct planedit_arg a = { .draft_id = id };
		tui_push(t, &planedit_screen, &a);
		break;
	}
	case 2: /* Weggooien */
		if (db_draft_delete(t->app->db, id, &err) != IBIS_OK)
			tui_report(t, &err);
		offer_below(t, id);
		break;
	default: /* Later */
		offer_below(t, id);
		break;
	}
	return TR_REDRAW;
}

static void offer_below(struct tui *t, ibis_id bound)
{
	struct ibis_error err;
	struct draft *list = NULL;
	int n = 0, pick = -1;

	if (!t->app->db || db_readonly(t->app->db))
		return;
	if (db_draft_list(t->app->db, t->app->user, "plan", &list, &n, &err) != IBIS_OK) {
		tui_report(t, &err);
		return;
	}
	for (int i = 0; i < n; i++)
		if (list[i].id < bound && list[i].id <= INT_MAX &&
		    (pick < 0 || list[i].id > list[pick].id))
			pick = i;
	if (pick < 0) {
		drafts_free(list, n);
		return;
	}

	struct plan_doc m, b;
	bool has_base = false;
	char *what;
	plandoc_init(&m);
	plandoc_init(&b);
	if (plandoc_undraft(list[pick].content ? list[pick].content : "", &m, &b, &has_base,
			    &err) == IBIS_OK) {
		const struct plan_template *tp =
			m.plan.template_id ? domain_plan(&t->app->dom, m.plan.template_id) : NULL;
		char *who = plan_who(t, &m.plan);
		what = xasprintf("%s %s%s%s%s", tp && tp->short_name ? tp->short_name : "Plan",
				 m.plan.title ? m.plan.title : "", who[0] ? " (" : "", who,
				 who[0] ? ")" : "");
		free(who);
	} else {
		what = xstrdup("Een plan");
	}
	plandoc_free(&m);
	plandoc_free(&b);

	static const char *const options[] = { "Herstellen", "Later", "Weggooien" };
	char *when = local_stamp(list[pick].saved_at);
	char *text = xasprintf("%s: er is een niet-opgeslagen versie van %s. Herstellen?", what,
			       when);
	struct prompt_arg a = {
		.kind = PROMPT_CHOOSE,
		.title = "Niet opgeslagen",
		.text = text,
		.options = options,
		.noptions = 3,
		.done = offer_answer,
		.id = (int)list[pick].id,
	};
	prompt_push(t, &a);
	free(text);
	free(when);
	free(what);
	drafts_free(list, n);
}

void plan_drafts_offer(struct tui *t)
{
	offer_below(t, LLONG_MAX);
}
