/* levelform.c - a step in a pupil's support level: a new one (raise or
 * lower), the correction of a recorded one, or its withdrawal.
 *
 * The rules are the model's (core/levelrules.c): while the level, date and
 * reason are typed, the form says what kind of step it is, whether a reason
 * is required and what the model expects at the new level, and it fills the
 * deciding meeting, regie and betrokkenen from the model until the user types
 * in them. A step the rules refuse is not saved; the form says why and keeps
 * everything typed. History is never rewritten: a correction and a
 * withdrawal are recorded with who, when and why (db_level_correct,
 * db_level_withdraw).
 */
#include "tui_internal.h"
#include "rowform.h"

#include <stdlib.h>
#include <string.h>

#include "ibis/app.h"
#include "ibis/date.h"
#include "ibis/db_level.h"
#include "ibis/domain.h"
#include "ibis/levelrules.h"
#include "ibis/records.h"

/* The rows of the form; LF_WITHDRAW shows only R_WHY, LF_CHANGE all but it. */
enum {
	R_LEVEL,
	R_DATE,
	R_REASON,
	R_MEETING,
	R_REGIE,
	R_BETROKKEN,
	R_WHY,
	R_COUNT
};

struct levelform {
	struct screen *self;
	enum levelform_mode mode;
	ibis_id pupil_id;
	char *name;                       /* the pupil, "Anna van den Berg" */
	const struct level_model *model;  /* of the step */
	/* LF_CHANGE: the open episode the step leaves. LF_CORRECT and
	 * LF_WITHDRAW: the episode itself (ep) and the one before it (prev). */
	struct level_episode ep, prev;
	bool has_ep, has_prev;
	int from;                         /* the level the step leaves, 0 = none */
	char *other_model;                /* the open episode's model when not ours */
	struct rowform rf;
	/* What the rules say of the step as typed, brought up to date after
	 * every key (judge). */
	ibis_date facts_date;             /* the day facts were read for */
	bool facts_read;
	struct step_facts facts;
	struct strlist plans;
	struct step_check check;
	bool seeded;                      /* the prefills were seen once */
	char *live_error;                 /* a refusal that no reason would lift */
	char *notice;                     /* over the form: why nothing was saved */
	char *title;
	char *right;
};

/* ================================================================ helpers */

static const char *dash(const struct tui *t)
{
	return t->utf8 ? "–" : "-";
}

/* "Laag 3 – Extra begeleiding"; "niveau 7" for a level the model lacks.
 * Caller frees. */
static char *level_text(const struct tui *t, const struct level_model *m, int position)
{
	const struct level *l = m ? levelmodel_level(m, position) : NULL;

	if (!l)
		return xasprintf("niveau %d", position);
	return xasprintf("%s %s %s", l->short_name, dash(t), l->name);
}

/* The short name of a level ("Laag 3"), or "niveau 7". Caller frees. */
static char *level_short(const struct level_model *m, int position)
{
	const struct level *l = m ? levelmodel_level(m, position) : NULL;

	return l ? xstrdup(l->short_name) : xasprintf("niveau %d", position);
}

static void set_notice(struct levelform *f, const char *msg)
{
	free(f->notice);
	f->notice = msg ? xstrdup(msg) : NULL;
}

static int chosen_level(const struct levelform *f)
{
	return f->rf.rows[R_LEVEL].choice + 1;
}

/* A correction keeps a stored text as it was (with its line breaks) when the
 * row still shows it unchanged on one line. Caller frees. */
static char *kept_or_typed(const struct levelform *f, int i, const char *stored)
{
	char *typed = rf_get_opt(&f->rf, i);
	char *shown = rf_one_line(stored);
	char *trimmed = shown ? str_trim(shown) : NULL;
	bool same = typed && trimmed && strcmp(typed, trimmed) == 0;

	free(shown);
	free(trimmed);
	if (same) {
		free(typed);
		return xstrdup(stored);
	}
	return typed;
}

/* ================================================================ refresh */

/* Read the facts the rules ask of the pupil on day d (plans, consent, TLV);
 * the level the step leaves is ours (from), not the one covering d. */
static void read_facts(struct levelform *f, struct tui *t, ibis_date d)
{
	struct ibis_error err;

	if (f->facts_read && f->facts_date == d)
		return;
	sl_free(&f->plans);
	memset(&f->facts, 0, sizeof(f->facts));
	if (db_level_facts(t->app->db, f->pupil_id, d, &f->facts, &f->plans, &err) != IBIS_OK) {
		tui_report(t, &err);
		sl_free(&f->plans);
		memset(&f->facts, 0, sizeof(f->facts));
	}
	f->facts.plans = f->plans.len ? &f->plans : NULL;
	f->facts.from = f->from;
	f->facts_date = d;
	f->facts_read = true;
}

/* Judge the step as typed, and let the prefilled rows follow the level. */
static void judge(struct levelform *f, struct tui *t)
{
	ibis_date d;
	char *reason;

	if (f->mode == LF_WITHDRAW || !f->model)
		return;
	char *date = rf_get(&f->rf, R_DATE);
	if (!date_parse(date, &d))
		d = f->facts_read ? f->facts_date : date_today();
	free(date);
	read_facts(f, t, d);

	reason = rf_get(&f->rf, R_REASON);
	struct level_step step = { .to = chosen_level(f), .date = d, .reason = reason };
	step_check_clear(&f->check);
	level_step_check(f->model, &f->facts, &step, &f->check);

	/* A refusal shown at once is one that no reason would lift (the same
	 * level, a return while not placed); the missing reason itself is only
	 * said on saving, the hint already says it is required. */
	free(f->live_error);
	f->live_error = NULL;
	if (f->check.error) {
		struct step_check other = { 0 };
		step.reason = "-";
		level_step_check(f->model, &f->facts, &step, &other);
		if (other.error)
			f->live_error = xstrdup(other.error);
		step_check_clear(&other);
	}
	free(reason);

	char *meeting = rf_one_line(f->check.meeting);
	char *regie = rf_one_line(f->check.regie);
	char *betrokken = rf_one_line(f->check.betrokken);
	/* A correction starts from the recorded values, even empty ones. */
	void (*fill)(struct rowform *, int, const char *) =
		f->mode == LF_CORRECT && !f->seeded ? rf_prefill_seed : rf_prefill;
	fill(&f->rf, R_MEETING, meeting);
	fill(&f->rf, R_REGIE, regie);
	fill(&f->rf, R_BETROKKEN, betrokken);
	f->seeded = true;
	free(meeting);
	free(regie);
	free(betrokken);

	f->rf.rows[R_REASON].required = f->check.reason_required;
	rf_hint(&f->rf, R_REASON,
		f->check.reason_required
			? "Verplicht bij deze stap: welke waarneming, toets of analyse liet dit zien"
			: "Waarom deze stap (niet verplicht bij deze stap)");
}

/* ================================================================== enter */

static void build_rows(struct levelform *f, struct tui *t)
{
	struct rowform *rf = &f->rf;

	rf_init(rf, R_COUNT);
	rf_choice(rf, R_LEVEL, "Niveau", true);
	rf_text(rf, R_DATE, "Datum", 10, true);
	rf_text(rf, R_REASON, "Reden", 1000, false);
	rf_text(rf, R_MEETING, "Bespreking", 80, false);
	rf_text(rf, R_REGIE, "Regie", 200, false);
	rf_text(rf, R_BETROKKEN, "Betrokkenen", 500, false);
	rf_text(rf, R_WHY, f->mode == LF_WITHDRAW ? "Waarom ingetrokken" : "Waarom gecorrigeerd",
		500, true);
	rf->rows[R_DATE].hint = f->mode == LF_CORRECT ? "dd-mm-jjjj: de dag waarop de stap inging"
						      : "dd-mm-jjjj (standaard vandaag)";
	rf->rows[R_MEETING].hint = "Het soort overleg dat de stap besloot; ingevuld uit het "
				   "model zolang u er niet in typt";
	rf->rows[R_REGIE].hint = "Wie de regie heeft; ingevuld uit het model";
	rf->rows[R_BETROKKEN].hint = "Wie betrokken zijn; ingevuld uit het model";
	rf->rows[R_WHY].hint = f->mode == LF_WITHDRAW
				       ? "Verplicht: waarom, bijv. verkeerde leerling of dubbel ingevoerd"
				       : "Verplicht: wat er fout was aan de vastgelegde stap";
	for (int i = 1; f->model && i <= f->model->nlevels; i++) {
		char *s = level_text(t, f->model, i);
		if (f->mode == LF_CHANGE && i == f->from) {
			char *with = xasprintf("%s (nu)", s);
			free(s);
			s = with;
		}
		rf_add_choice(rf, R_LEVEL, s);
		free(s);
	}
	for (int i = 0; i < R_COUNT; i++) {
		bool shown = f->mode == LF_WITHDRAW ? i == R_WHY : i != R_WHY || f->mode == LF_CORRECT;
		rf_show(rf, i, shown);
	}
	rf->focus = f->mode == LF_WITHDRAW ? R_WHY : R_LEVEL;
}

/* Read the episode to correct or withdraw and the one before it. */
static bool read_episode(struct levelform *f, struct tui *t, ibis_id id)
{
	struct ibis_error err;
	struct level_episode *hist = NULL;
	int n = 0;
	bool found = false;

	if (db_level_get(t->app->db, id, &f->ep, &found, &err) != IBIS_OK) {
		tui_report(t, &err);
		return false;
	}
	if (!found) {
		ibis_fail(&err, IBIS_EINPUT, "Deze niveaustap bestaat niet meer; misschien heeft "
			  "iemand anders hem net ingetrokken.");
		tui_report(t, &err);
		return false;
	}
	f->has_ep = true;
	f->pupil_id = f->ep.pupil_id;
	if (db_level_history(t->app->db, f->pupil_id, &hist, &n, &err) != IBIS_OK) {
		tui_report(t, &err);
		return false;
	}
	/* History is oldest first: the one before ours is the step it left. */
	for (int i = 0; i < n; i++) {
		if (hist[i].id != id)
			continue;
		if (i > 0) {
			f->prev = hist[i - 1];
			memset(&hist[i - 1], 0, sizeof(hist[i - 1]));
			f->has_prev = true;
		}
		break;
	}
	level_episodes_free(hist, n);
	return true;
}

static int levelform_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct levelform *f = s->state;
	const struct levelform_arg *a = arg;
	const struct level_model *school_model = NULL;
	struct ibis_error err;
	char d[DATE_NL_LEN];

	f->self = s;
	f->mode = a->mode;
	f->pupil_id = a->pupil_id;
	f->prev.start = f->prev.end = f->ep.start = f->ep.end = DATE_NONE;
	if (tui_refuse_readonly(t))
		return TR_POP;

	if (f->mode != LF_CHANGE && !read_episode(f, t, a->episode_id))
		return TR_POP;
	if (!rf_pupil(t, f->pupil_id, &f->name, &school_model))
		return TR_POP;

	if (f->mode == LF_CHANGE) {
		bool found = false;
		if (db_level_current(t->app->db, f->pupil_id, &f->ep, &found, &err) != IBIS_OK) {
			tui_report(t, &err);
			return TR_POP;
		}
		f->has_ep = found;
		f->model = school_model;
		if (!f->model) {
			ibis_fail(&err, IBIS_EINPUT, "Het niveaumodel van de school van deze leerling "
				  "is hier niet geïnstalleerd; zonder model kan het niveau niet "
				  "veranderen.");
			tui_report(t, &err);
			return TR_POP;
		}
		/* An open episode of another model (the school changed model
		 * without ibis levels remap) is no level in ours: the step is
		 * the first in this model. */
		if (found && f->ep.model && strcmp(f->ep.model, f->model->id) == 0)
			f->from = f->ep.level;
		else if (found)
			f->other_model = xstrdup(f->ep.model ? f->ep.model : "?");
	} else {
		/* A recorded step stays in the model it was recorded in. */
		f->model = f->ep.model ? domain_model(&t->app->dom, f->ep.model) : NULL;
		if (!f->model && f->mode == LF_CORRECT) {
			ibis_fail(&err, IBIS_EINPUT, "Deze stap is vastgelegd in niveaumodel %s, dat "
				  "hier niet geïnstalleerd is; corrigeren kan niet.",
				  f->ep.model ? f->ep.model : "?");
			tui_report(t, &err);
			return TR_POP;
		}
		if (f->has_prev && f->prev.model && f->ep.model &&
		    strcmp(f->prev.model, f->ep.model) == 0)
			f->from = f->prev.level;
	}

	build_rows(f, t);
	if (f->mode == LF_CHANGE) {
		int to = a->to > 0 ? a->to : f->from + 1;
		if (to > f->model->nlevels)
			to = f->model->nlevels;
		if (to < 1)
			to = 1;
		f->rf.rows[R_LEVEL].choice = to - 1;
		rf_set(&f->rf, R_DATE, date_format_nl(date_today(), d));
	} else if (f->mode == LF_CORRECT) {
		int lv = f->ep.level;
		if (lv > f->model->nlevels)
			lv = f->model->nlevels;
		f->rf.rows[R_LEVEL].choice = lv > 0 ? lv - 1 : 0;
		rf_set(&f->rf, R_DATE, date_format_nl(f->ep.start, d));
		char *reason = rf_one_line(f->ep.reason);
		char *meeting = rf_one_line(f->ep.meeting);
		char *regie = rf_one_line(f->ep.regie);
		char *betrokken = rf_one_line(f->ep.betrokkenen);
		rf_set(&f->rf, R_REASON, reason);
		rf_set(&f->rf, R_MEETING, meeting);
		rf_set(&f->rf, R_REGIE, regie);
		rf_set(&f->rf, R_BETROKKEN, betrokken);
		free(reason);
		free(meeting);
		free(regie);
		free(betrokken);
	}
	judge(f, t);
	rf_mark_initial(&f->rf);

	static const char *const verbs[] = {
		[LF_CHANGE] = "Niveau wijzigen",
		[LF_CORRECT] = "Niveaustap corrigeren",
		[LF_WITHDRAW] = "Niveaustap intrekken",
	};
	f->title = xasprintf("ibis — %s · %s", verbs[f->mode], f->name);
	f->right = xstrdup(f->model ? f->model->name : f->ep.model ? f->ep.model : "");
	return TR_REDRAW;
}

static void levelform_leave(struct screen *s, struct tui *t)
{
	struct levelform *f = s->state;

	(void)t;
	rf_free(&f->rf);
	level_episode_clear(&f->ep);
	level_episode_clear(&f->prev);
	step_check_clear(&f->check);
	sl_free(&f->plans);
	free(f->live_error);
	free(f->other_model);
	free(f->notice);
	free(f->name);
	free(f->title);
	free(f->right);
}

/* =================================================================== draw */

#define LABEL_COLS 22

/* Text wrapped at x in width columns from row y, in attr, at most up to
 * row last (inclusive). Returns the next free row. */
static int draw_wrapped(int y, int x, int width, int last, const char *text, attr_t attr)
{
	struct strlist lines = { 0 };

	text_wrap(text, width, &lines);
	for (size_t i = 0; i < lines.len && y <= last; i++)
		draw_text(y++, x, width, lines.items[i], attr);
	sl_free(&lines);
	return y;
}

/* The episode as a line: "01-09-2026: Laag 2 – Differentiatie in de klas". */
static char *episode_line(const struct tui *t, const struct level_episode *e)
{
	const struct level_model *m = e->model ? domain_model(&t->app->dom, e->model) : NULL;
	char d[DATE_NL_LEN];
	char *lv = level_text(t, m, e->level);
	char *s = xasprintf("%s %s", date_format_nl(e->start, d), lv);

	free(lv);
	return s;
}

/* "omhoog", "omhoog, overslaan van Laag 2 en Laag 3". Caller frees. */
static char *step_words(const struct levelform *f)
{
	const struct step_check *c = &f->check;
	struct strbuf sb = { 0 };
	int to = chosen_level(f);

	sb_add(&sb, step_kind_name(c->kind));
	if (c->skipped > 0) {
		struct strlist names = { 0 };
		int lo = f->from < to ? f->from + 1 : to + 1;
		int hi = f->from < to ? to - 1 : f->from - 1;
		for (int p = lo; p <= hi && (int)names.len < c->skipped; p++) {
			const struct level *l = levelmodel_level(f->model, p);
			if (l && l->kind == LEVEL_REGULAR)
				sl_add(&names, l->short_name);
		}
		if (names.len == 0) {
			sb_printf(&sb, ", %d %s overgeslagen", c->skipped,
				  c->skipped == 1 ? "niveau" : "niveaus");
		} else {
			sb_add(&sb, ", overslaan van ");
			for (size_t i = 0; i < names.len; i++) {
				if (i > 0)
					sb_add(&sb, i + 1 == names.len ? " en " : ", ");
				sb_add(&sb, names.items[i]);
			}
		}
		sl_free(&names);
	}
	return sb_take(&sb);
}

static void draw_step(struct levelform *f, struct tui *t, int y, int x)
{
	int width = COLS - x - 2;
	int last = LINES - 3;
	attr_t label = role_attr(t, ROLE_LABEL);
	attr_t warn = role_attr(t, ROLE_OVERDUE);

	if (y > last)
		return;
	char *kind = step_words(f);
	char *from = f->from ? level_short(f->model, f->from) : xstrdup("geen niveau");
	char *to = level_short(f->model, chosen_level(f));
	char *line = xasprintf("%s (%s %s %s) %s reden %s", kind, from, t->utf8 ? "→" : "->",
			       to, t->utf8 ? "·" : "-",
			       f->check.reason_required ? "verplicht" : "niet verplicht");
	draw_text(y, x, LABEL_COLS, "Stap", label);
	y = draw_wrapped(y, x + LABEL_COLS + 1, width - LABEL_COLS - 1, last, line,
			 role_attr(t, ROLE_NORMAL));
	free(line);
	free(kind);
	free(from);
	free(to);

	if (f->live_error && y <= last)
		y = draw_wrapped(y, x, width, last, f->live_error, warn);
	if (f->other_model && y <= last) {
		const struct level_model *om = domain_model(&t->app->dom, f->other_model);
		char *s = xasprintf("Het huidige niveau is vastgelegd in model %s; deze stap komt "
				    "in model %s (ibis levels remap zet leerlingen om).",
				    om ? om->name : f->other_model, f->model->name);
		y = draw_wrapped(y, x, width, last, s, warn);
		free(s);
	}
	if (f->check.warnings.len == 0 || y > last)
		return;
	y++;
	if (y <= last)
		draw_text(y++, x, width, "Wat het model verwacht:", label);
	for (size_t i = 0; i < f->check.warnings.len && y <= last; i++) {
		char *s = xasprintf("! %s", f->check.warnings.items[i]);
		y = draw_wrapped(y, x + 1, width - 1, last, s, warn);
		free(s);
	}
}

/* The step to withdraw and what holds after it. Returns the next free row. */
static int draw_withdraw(struct levelform *f, struct tui *t, int y, int x)
{
	int width = COLS - x - 2;
	int last = LINES - 3;
	attr_t label = role_attr(t, ROLE_LABEL);
	char *s;

	draw_text(y, x, LABEL_COLS, "Stap", label);
	s = episode_line(t, &f->ep);
	y = draw_wrapped(y, x + LABEL_COLS + 1, width - LABEL_COLS - 1, last, s,
			 role_attr(t, ROLE_NORMAL));
	free(s);
	draw_text(y, x, LABEL_COLS, "Reden", label);
	y = draw_wrapped(y, x + LABEL_COLS + 1, width - LABEL_COLS - 1, last,
			 str_empty(f->ep.reason) ? "—" : f->ep.reason, role_attr(t, ROLE_NORMAL));
	draw_text(y, x, LABEL_COLS, "Daarna geldt", label);
	if (f->has_prev) {
		s = episode_line(t, &f->prev);
		char *with = xasprintf("%s (weer)", s);
		y = draw_wrapped(y, x + LABEL_COLS + 1, width - LABEL_COLS - 1, last, with,
				 role_attr(t, ROLE_NORMAL));
		free(with);
		free(s);
	} else {
		y = draw_wrapped(y, x + LABEL_COLS + 1, width - LABEL_COLS - 1, last,
				 "geen niveau meer", role_attr(t, ROLE_NORMAL));
	}
	return y;
}

static void levelform_draw(struct screen *s, struct tui *t)
{
	struct levelform *f = s->state;
	int y = draw_header(t, f->title, f->right);
	int x = 2;
	char d[DATE_NL_LEN];

	/* Where the pupil stands before this step. */
	if (f->mode == LF_CHANGE) {
		char *now;
		if (f->has_ep && !f->other_model) {
			/* The date before the long name, which may be cut. */
			const struct level *l = levelmodel_level(f->model, f->ep.level);
			char *sn = level_short(f->model, f->ep.level);
			date_format_nl(f->ep.start, d);
			now = l ? xasprintf("%s sinds %s %s %s", sn, d, dash(t), l->name)
				: xasprintf("%s sinds %s", sn, d);
			free(sn);
		} else {
			now = xstrdup(f->has_ep ? "een niveau in een ander model"
						: "nog geen niveau vastgelegd");
		}
		draw_text(y, x, LABEL_COLS, "Nu", role_attr(t, ROLE_LABEL));
		draw_text(y, x + LABEL_COLS + 1, COLS - x - LABEL_COLS - 3, now,
			  role_attr(t, ROLE_NORMAL));
		free(now);
	} else if (f->mode == LF_CORRECT) {
		char *was = episode_line(t, &f->ep);
		draw_text(y, x, LABEL_COLS, "Vastgelegd", role_attr(t, ROLE_LABEL));
		draw_text(y, x + LABEL_COLS + 1, COLS - x - LABEL_COLS - 3, was,
			  role_attr(t, ROLE_NORMAL));
		free(was);
	}
	if (f->mode != LF_WITHDRAW)
		y++;
	/* Why the last save was refused, in full: the rows move down for it. */
	if (f->notice)
		y = draw_wrapped(y, x, COLS - 2 * x, y + 3, f->notice, role_attr(t, ROLE_OVERDUE));
	y++;

	if (f->mode == LF_WITHDRAW)
		y = draw_withdraw(f, t, y, x) + 1;
	y += rf_draw(t, &f->rf, y, x, LABEL_COLS);
	if (f->mode != LF_WITHDRAW)
		draw_step(f, t, y + 1, x);
	rf_draw_hint(t, &f->rf, LINES - 2);
}

/* ================================================================== saving */

static void report_failure(struct levelform *f, struct tui *t, const struct ibis_error *err)
{
	if (err->status == IBIS_EINPUT) {
		char *msg = xasprintf("Niet opgeslagen: %s", err->message);
		set_notice(f, msg);
		free(msg);
		return;
	}
	set_notice(f, "Niet opgeslagen: de database gaf een fout (zie de melding). Uw invoer "
		      "staat er nog.");
	tui_report(t, err);
}

/* The date and the rules, for a new step and a correction. Sets the notice
 * and the focus and returns false when the step may not be saved. */
static bool check_step(struct levelform *f, struct tui *t, ibis_date *date)
{
	if (!rf_date(&f->rf, R_DATE, true, date)) {
		rf_focus(&f->rf, R_DATE);
		set_notice(f, "Niet opgeslagen: verbeter de datum.");
		return false;
	}
	judge(f, t);
	if (f->check.error) {
		char *msg = xasprintf("Niet opgeslagen: %s", f->check.error);
		set_notice(f, msg);
		free(msg);
		if (f->check.reason_required && rf_empty(&f->rf, R_REASON)) {
			rf_focus(&f->rf, R_REASON);
			rf_message(&f->rf, R_REASON, "Vul de reden in: bij deze stap is die verplicht.");
		} else {
			rf_focus(&f->rf, R_LEVEL);
		}
		return false;
	}
	return true;
}

static int save_change(struct levelform *f, struct tui *t)
{
	struct level_episode e = { 0 };
	struct ibis_error err;
	ibis_date date;

	if (!check_step(f, t, &date))
		return TR_HANDLED | TR_REDRAW;
	e.pupil_id = f->pupil_id;
	e.model = xstrdup(f->model->id);
	e.level = chosen_level(f);
	e.start = date;
	e.end = DATE_NONE;
	e.reason = rf_get_opt(&f->rf, R_REASON);
	e.meeting = rf_get_opt(&f->rf, R_MEETING);
	e.regie = rf_get_opt(&f->rf, R_REGIE);
	e.betrokkenen = rf_get_opt(&f->rf, R_BETROKKEN);
	e.author = t->app->user ? xstrdup(t->app->user) : NULL;
	enum ibis_status st = db_level_insert(t->app->db, &e, &err);
	level_episode_clear(&e);
	if (st != IBIS_OK) {
		report_failure(f, t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	t->changes++;
	t->saved_pupil = f->pupil_id;
	return TR_HANDLED | TR_REDRAW | TR_POP;
}

static int save_correction(struct levelform *f, struct tui *t)
{
	struct level_episode e = { 0 };
	struct ibis_error err;
	ibis_date date;

	if (!check_step(f, t, &date))
		return TR_HANDLED | TR_REDRAW;
	char *why = rf_get(&f->rf, R_WHY);
	if (!why[0]) {
		free(why);
		rf_focus(&f->rf, R_WHY);
		rf_message(&f->rf, R_WHY, "Vul in waarom de stap gecorrigeerd wordt.");
		set_notice(f, "Niet opgeslagen: een correctie zegt waarom.");
		return TR_HANDLED | TR_REDRAW;
	}
	e.id = f->ep.id;
	e.pupil_id = f->ep.pupil_id;
	e.model = xstrdup(f->ep.model ? f->ep.model : f->model->id);
	e.level = chosen_level(f);
	e.start = date;
	e.end = f->ep.end;
	e.reason = kept_or_typed(f, R_REASON, f->ep.reason);
	e.meeting = kept_or_typed(f, R_MEETING, f->ep.meeting);
	e.meeting_id = f->ep.meeting_id;
	e.regie = kept_or_typed(f, R_REGIE, f->ep.regie);
	e.betrokkenen = kept_or_typed(f, R_BETROKKEN, f->ep.betrokkenen);
	e.author = f->ep.author ? xstrdup(f->ep.author) : NULL;
	e.corrects = f->ep.corrects;
	e.version = f->ep.version;

	bool same = e.level == f->ep.level && e.start == f->ep.start;
	const char *const pairs[][2] = {
		{ e.reason, f->ep.reason }, { e.meeting, f->ep.meeting },
		{ e.regie, f->ep.regie }, { e.betrokkenen, f->ep.betrokkenen },
	};
	for (size_t i = 0; i < ARRAY_LEN(pairs) && same; i++)
		same = strcmp(pairs[i][0] ? pairs[i][0] : "", pairs[i][1] ? pairs[i][1] : "") == 0;
	if (same) {
		free(why);
		level_episode_clear(&e);
		set_notice(f, "Niet opgeslagen: er is niets veranderd aan de stap.");
		return TR_HANDLED | TR_REDRAW;
	}

	enum ibis_status st = db_level_correct(t->app->db, &e, why, t->app->user, date_today(),
					       &err);
	free(why);
	level_episode_clear(&e);
	if (st == IBIS_OK) {
		t->changes++;
		t->saved_pupil = f->pupil_id;
		return TR_HANDLED | TR_REDRAW | TR_POP;
	}
	if (err.fault == DBF_CONFLICT) {
		/* Keep what was typed; take the colleague's version so that a
		 * second save is a deliberate correction of theirs. */
		struct level_episode now = { 0 };
		bool found = false;
		if (db_level_get(t->app->db, f->ep.id, &now, &found, &err) == IBIS_OK && found)
			f->ep.version = now.version;
		level_episode_clear(&now);
		set_notice(f, "Iemand anders heeft deze stap net gewijzigd. Uw invoer staat er nog: "
			      "F2 slaat uw correctie toch op, Esc laat de andere versie staan.");
		return TR_HANDLED | TR_REDRAW;
	}
	report_failure(f, t, &err);
	return TR_HANDLED | TR_REDRAW;
}

static int withdraw_now(struct tui *t, void *ctx)
{
	struct levelform *f = ctx;
	struct ibis_error err;
	char *why = rf_get(&f->rf, R_WHY);
	enum ibis_status st = db_level_withdraw(t->app->db, f->ep.id, f->ep.version, why,
						 t->app->user, date_today(), &err);

	free(why);
	if (st != IBIS_OK) {
		if (err.fault == DBF_CONFLICT)
			set_notice(f, "Iemand anders heeft deze stap net gewijzigd; lees de tijdlijn "
				      "opnieuw (Esc) voor u hem intrekt.");
		else
			report_failure(f, t, &err);
		return TR_REDRAW;
	}
	t->changes++;
	t->saved_pupil = f->pupil_id;
	tui_remove(t, f->self);
	return TR_REDRAW;
}

static int save_withdrawal(struct levelform *f, struct tui *t)
{
	if (rf_empty(&f->rf, R_WHY)) {
		rf_message(&f->rf, R_WHY, "Vul in waarom de stap wordt ingetrokken.");
		set_notice(f, "Niet ingetrokken: zeg eerst waarom.");
		return TR_HANDLED | TR_REDRAW;
	}
	struct dialog_arg a = {
		.title = "Intrekken",
		.text = "Deze stap intrekken? (j/n)",
		.question = true,
		.on_yes = withdraw_now,
		.ctx = f,
	};
	tui_push(t, &dialog_screen, &a);
	return TR_HANDLED | TR_REDRAW;
}

static int save(struct levelform *f, struct tui *t)
{
	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	rf_clear_messages(&f->rf);
	set_notice(f, NULL);
	switch (f->mode) {
	case LF_CHANGE:
		return save_change(f, t);
	case LF_CORRECT:
		return save_correction(f, t);
	case LF_WITHDRAW:
		return save_withdrawal(f, t);
	}
	return TR_HANDLED;
}

/* ==================================================================== keys */

/* A withdrawal has one text field and says what F2 does. */
static const struct keydef withdraw_keys[] = {
	{ RFA_SAVE, { TK_F(2), TK_CTRL('s') }, "Intrekken",
	  "De stap intrekken, na een vraag (F2 of Ctrl-S)" },
	{ RFA_CANCEL, { TK_ESC }, "Annuleren",
	  "Terug zonder iets in te trekken (met een vraag als er iets is getypt)" },
	{ RFA_NEXT, { TK_TAB, TK_DOWN, TK_ENTER }, NULL, "Naar het volgende veld" },
	{ RFA_PREV, { TK_BTAB, TK_UP }, NULL, "Naar het vorige veld" },
	{ RFA_EDIT, { TK_BACKSPACE, TK_DELETE, TK_LEFT, TK_RIGHT, TK_HOME, TK_END,
		      TK_CTRL('u'), TK_CTRL('w') }, NULL,
	  "Het veld bewerken (Ctrl-U wist alles voor de cursor, Ctrl-W een woord)" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const levelform_tables[] = { rowform_keys, withdraw_keys, NULL };

static const struct keydef *levelform_keymap(struct screen *s)
{
	struct levelform *f = s->state;

	return f->mode == LF_WITHDRAW ? withdraw_keys : rowform_keys;
}

/* After a key: a row that was changed loses its message, and the rules
 * look at the step again. */
static int after_key(struct levelform *f, struct tui *t, int focus, int r)
{
	if (r == FIELD_CHANGED) {
		rf_message(&f->rf, focus, NULL);
		judge(f, t);
	}
	return TR_HANDLED | TR_REDRAW;
}

static int levelform_input(struct screen *s, struct tui *t, tkey key)
{
	struct levelform *f = s->state;
	int focus = f->rf.focus;

	return after_key(f, t, focus, rf_input(&f->rf, key));
}

static int picked_level(struct tui *t, void *ctx, int index)
{
	struct levelform *f = ctx;

	/* The level is the form's one choice row: the row the picker is for. */
	if (rf_choose(&f->rf, index))
		after_key(f, t, f->rf.focus, FIELD_CHANGED);
	return TR_REDRAW;
}

static int levelform_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct levelform *f = s->state;
	int focus = f->rf.focus;

	switch (action) {
	case RFA_SAVE:
		return save(f, t);
	case RFA_CANCEL:
		return rf_cancel(t, f->self, rf_changed(&f->rf));
	case RFA_PICK:
		return rf_pick(t, &f->rf, picked_level, f);
	case RFA_NEXT:
	case RFA_PREV:
	case RFA_EDIT:
		return after_key(f, t, focus, rf_action(&f->rf, action, key));
	default:
		return 0;
	}
}

const struct screen_ops levelform_screen = {
	.name = "Niveaustap",
	.state_size = sizeof(struct levelform),
	.enter = levelform_enter,
	.draw = levelform_draw,
	.tables = levelform_tables,
	.keymap = levelform_keymap,
	.action = levelform_action,
	.typing = rf_typing,
	.input = levelform_input,
	.leave = levelform_leave,
};
