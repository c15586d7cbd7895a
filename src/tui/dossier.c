/* dossier.c - the Gegevens tab of a pupil's dossier, read-only: the facts,
 * the level history (newest first) and the latest events, on one scrollable
 * page. Tab switches to the Tijdlijn tab (tijdlijn.c), Shift-Tab to the
 * Plannen tab (plannen.c). */
#include "tui_internal.h"
#include "textview.h"

#include <stdlib.h>
#include <string.h>

#include "ibis/app.h"
#include "ibis/date.h"
#include "ibis/db_event.h"
#include "ibis/db_level.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/domain.h"
#include "ibis/levelmodel.h"
#include "ibis/records.h"
#include "ibis/text.h"

/* How many events the page shows; the count says how many there are. */
#define DOSSIER_EVENTS 25

struct dossier {
	ibis_id id;
	struct textview tv;
	char *title;
	char *right;
	unsigned changes;  /* tui changes seen: read again after an edit */
};

/* ================================================================ building */

static const char *dash(const struct tui *t)
{
	return t->utf8 ? "–" : "-";
}

static void add_facts(struct tui *t, struct textview *tv, const struct pupil *p,
		      const struct placement *pl, const struct school *sc, int year)
{
	char d[DATE_NL_LEN], sy[16];
	char *s;

	tv_text(tv, ROLE_COLUMNS, 0, "Leerling");
	s = xasprintf("%lld", (long long)p->id);
	tv_fact(tv, "Id", s);
	free(s);
	s = name_natural(p->first_name, p->tussenvoegsel, p->last_name);
	tv_fact(tv, "Naam", s);
	free(s);
	if (p->birth_date != DATE_NONE) {
		s = xasprintf("%s (%d jaar)", date_format_nl(p->birth_date, d),
			      date_age(p->birth_date, date_today()));
		tv_fact(tv, "Geboortedatum", s);
		free(s);
	} else {
		tv_fact(tv, "Geboortedatum", "onbekend");
	}
	tv_fact(tv, "Leerlingnummer", p->number);
	tv_fact(tv, "School", pl->school_name ? pl->school_name : sc->name);
	schoolyear_format(year, sy);
	if (pl->group_id) {
		if (pl->jaargroep >= 0)
			s = xasprintf("%s, jaargroep %d (%s)", pl->group_name ? pl->group_name : "",
				      pl->jaargroep, sy);
		else
			s = xasprintf("%s (%s)", pl->group_name ? pl->group_name : "", sy);
	} else {
		s = xasprintf("geen groep in %s", sy);
	}
	tv_fact(tv, "Groep", s);
	free(s);
	tv_fact(tv, "Leerkracht(en)", pl->teachers);
	tv_fact(tv, "Ingeschreven",
	     p->enrolled != DATE_NONE ? date_format_nl(p->enrolled, d) : "onbekend");
	if (p->left != DATE_NONE) {
		date_format_nl(p->left, d);
		if (p->destination != LEAVE_NONE)
			s = xasprintf("%s, naar %s", d, leave_destination_name(p->destination));
		else
			s = xstrdup(d);
		tv_fact(tv, "Vertrokken", s);
		free(s);
	}
	(void)t;
}

/* A line under a level episode, in the text column. */
static void detail(struct textview *tv, const char *text)
{
	struct tv_para q = {
		.role = ROLE_DIM,
		.indent = 1 + 18,
		.text = (char *)text,
	};
	tv_add(tv, &q);
}

static void add_levels(struct tui *t, struct textview *tv, const struct school *sc,
		       struct level_episode *eps, int n)
{
	const struct level_model *school_model =
		sc->level_model ? domain_model(&t->app->dom, sc->level_model) : NULL;
	char a[DATE_NL_LEN], b[DATE_NL_LEN];
	char *s;

	if (school_model)
		s = xasprintf("Niveaugeschiedenis (%s)", school_model->name);
	else
		s = xstrdup("Niveaugeschiedenis");
	tv_heading(tv, s);
	free(s);
	if (n == 0) {
		tv_text(tv, ROLE_DIM, 1, "Geen niveau vastgelegd.");
		return;
	}
	for (int i = n - 1; i >= 0; i--) {
		const struct level_episode *e = &eps[i];
		const struct level_model *m = e->model ? domain_model(&t->app->dom, e->model) : NULL;
		const struct level *l = m ? levelmodel_level(m, e->level) : NULL;
		char *lead = level_label(t, e->level, l ? l->short_name : NULL);
		char *when = xasprintf("%s %s %s", date_format_nl(e->start, a), dash(t),
				       e->end == DATE_NONE ? "heden" : date_format_nl(e->end, b));
		/* The dates first, in a column of their own (dd-mm-jjjj – dd-mm-jjjj
		 * is 23 columns), then the level's name. */
		struct strbuf line = { 0 };
		sb_add(&line, when);
		for (int pad = text_cols(when); pad < 25; pad++)
			sb_addc(&line, ' ');
		if (l)
			sb_add(&line, l->name);
		char *text = sb_take(&line);
		if (m && m != school_model) {
			char *t2 = xasprintf("%s (model %s)", text, m->name);
			free(text);
			text = t2;
		}
		struct tv_para p = {
			.role = ROLE_NORMAL,
			.lead_role = level_role(e->level),
			.indent = 1,
			.lead = lead,
			.lead_cols = 18,
			.text = text,
		};
		tv_add(tv, &p);
		free(lead);
		free(when);
		free(text);

		/* Why, decided where, and who leads, under the episode. */
		struct strbuf sb = { 0 };
		if (!str_empty(e->reason)) {
			sb_printf(&sb, "Reden: %s", e->reason);
			detail(tv, sb_str(&sb));
			sb_reset(&sb);
		}
		if (!str_empty(e->meeting))
			sb_printf(&sb, "Besloten in: %s", e->meeting);
		if (!str_empty(e->regie))
			sb_printf(&sb, "%sRegie: %s", sb.len ? " · " : "", e->regie);
		if (sb.len) {
			detail(tv, sb_str(&sb));
			sb_reset(&sb);
		}
		if (!str_empty(e->betrokkenen)) {
			sb_printf(&sb, "Betrokken: %s", e->betrokkenen);
			detail(tv, sb_str(&sb));
		}
		sb_free(&sb);
	}
}

/* The line an event shows: the first line of its text, or for a test
 * without text its result. */
static char *event_summary(const struct event *e)
{
	if (e->restricted)
		return xstrdup("(afgeschermd)");
	if (!str_empty(e->text))
		return xstrndup(e->text, strcspn(e->text, "\n"));
	struct strbuf sb = { 0 };
	sb_add(&sb, "");
	if (e->toets) {
		sb_add(&sb, e->toets);
		if (e->vakgebied)
			sb_printf(&sb, " %s", e->vakgebied);
		if (e->moment)
			sb_printf(&sb, " %s", e->moment);
		if (e->score)
			sb_printf(&sb, ": %s", e->score);
		if (e->niveau)
			sb_printf(&sb, " (%s)", e->niveau);
	}
	return sb_take(&sb);
}

static void add_events(struct textview *tv, struct event *evs, int n, int total)
{
	char c[32], d[DATE_NL_LEN];
	char *s;

	if (total > n)
		s = xasprintf("Gebeurtenissen (de laatste %d van %s)", n,
			      format_count(total, c, sizeof(c)));
	else
		s = xasprintf("Gebeurtenissen (%d)", n);
	tv_heading(tv, s);
	free(s);
	if (n == 0) {
		tv_text(tv, ROLE_DIM, 1, "Geen gebeurtenissen.");
		return;
	}
	for (int i = 0; i < n; i++) {
		char *lead = xasprintf("%s  %s", date_format_nl(evs[i].date, d),
				       evs[i].kind ? evs[i].kind : "");
		char *text = event_summary(&evs[i]);
		struct tv_para p = {
			.role = evs[i].restricted ? ROLE_DIM : ROLE_NORMAL,
			.lead_role = ROLE_LABEL,
			.indent = 1,
			.lead = lead,
			.lead_cols = 28,
			.text = text,
			.nowrap = true,
		};
		tv_add(tv, &p);
		free(lead);
		free(text);
	}
}

/* ================================================================== screen */

/* Read the pupil and fill the page; false when the pupil cannot be read. */
static bool build(struct dossier *ds, struct tui *t)
{
	ibis_id id = ds->id;
	struct db *db = t->app->db;
	struct ibis_error err;
	struct pupil p = { 0 };
	struct placement pl = { 0 };
	struct school sc = { 0 };
	struct level_episode *eps = NULL;
	struct event *evs = NULL;
	int neps = 0, nevs = 0, total = 0;
	int year = schoolyear_of(date_today());

	if (db_pupil_get(db, id, &p, &err) != IBIS_OK) {
		tui_report(t, &err);
		return false;
	}
	/* A part that cannot be read is reported and left out; the rest of the
	 * dossier still shows. */
	if (db_pupil_placement(db, id, year, &pl, &err) != IBIS_OK) {
		tui_report(t, &err);
		placement_clear(&pl);
		pl.jaargroep = -1;
	}
	if (db_school_get(db, p.school_id, &sc, &err) != IBIS_OK) {
		tui_report(t, &err);
		school_clear(&sc);
	}
	if (db_level_history(db, id, &eps, &neps, &err) != IBIS_OK) {
		tui_report(t, &err);
		eps = NULL;
		neps = 0;
	}
	if (db_event_list(db, id, DOSSIER_EVENTS, &evs, &nevs, &err) != IBIS_OK ||
	    db_event_count(db, id, &total, &err) != IBIS_OK) {
		tui_report(t, &err);
		events_free(evs, nevs);
		evs = NULL;
		nevs = total = 0;
	}

	char *name = name_natural(p.first_name, p.tussenvoegsel, p.last_name);
	ds->title = xasprintf("ibis — Dossier #%lld · %s", (long long)p.id, name);
	free(name);
	if (pl.group_id)
		ds->right = xasprintf("groep %s", pl.group_name ? pl.group_name : "");
	else
		ds->right = xstrdup(p.left != DATE_NONE ? "vertrokken" : "");

	add_facts(t, &ds->tv, &p, &pl, &sc, year);
	add_levels(t, &ds->tv, &sc, eps, neps);
	add_events(&ds->tv, evs, nevs, total);

	level_episodes_free(eps, neps);
	events_free(evs, nevs);
	school_clear(&sc);
	placement_clear(&pl);
	pupil_clear(&p);
	return true;
}

static int dossier_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct dossier *ds = s->state;

	ds->id = *(const ibis_id *)arg;
	ds->changes = t->changes;
	tv_init(&ds->tv);
	return build(ds, t) ? TR_REDRAW : TR_POP;
}

/* Another screen saved (the pupil form): read the page again, at the same
 * place. */
static void rebuild(struct dossier *ds, struct tui *t)
{
	int top = ds->tv.list.top;

	ds->changes = t->changes;
	tv_free(&ds->tv);
	free(ds->title);
	free(ds->right);
	ds->title = ds->right = NULL;
	tv_init(&ds->tv);
	if (!build(ds, t)) {
		ds->title = xstrdup("ibis — Dossier");
		ds->right = xstrdup("");
	}
	ds->tv.list.top = top;
}

static void dossier_leave(struct screen *s, struct tui *t)
{
	struct dossier *ds = s->state;

	(void)t;
	tv_free(&ds->tv);
	free(ds->title);
	free(ds->right);
}

static void dossier_draw(struct screen *s, struct tui *t)
{
	static const char *const hints[] = { "Tab Tijdlijn", NULL };
	struct dossier *ds = s->state;

	if (ds->changes != t->changes)
		rebuild(ds, t);
	int y = draw_header(t, ds->title, ds->right);

	/* The key bar has no room for Tab: the line of the tabs names it. */
	dossier_tabs_draw(t, y, TAB_GEGEVENS, hints);
	tv_draw(t, &ds->tv, y + 1, LINES - 1 - (y + 1));
}

/* The scroll keys of the text view, and the dossier's own after them. */
enum { DA_EDIT = TV_END + 1, DA_TAB, DA_BTAB };

static const struct keydef dossier_keys[] = {
	TV_KEYDEFS,
	{ DA_EDIT, { 'e' }, "Wijzig", "De gegevens van de leerling wijzigen" },
	{ DA_TAB, { TK_TAB }, NULL,
	  "Naar het tabblad Tijdlijn (niveaugrafiek en alle gebeurtenissen)" },
	{ DA_BTAB, { TK_BTAB }, NULL, "Naar het tabblad Plannen (de plannen van de leerling)" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const dossier_tables[] = { dossier_keys, NULL };

static const struct keydef *dossier_keymap(struct screen *s)
{
	(void)s;
	return dossier_keys;
}

static int dossier_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct dossier *ds = s->state;

	(void)key;
	if (action == DA_EDIT) {
		if (tui_refuse_readonly(t))
			return TR_HANDLED | TR_REDRAW;
		ibis_id id = ds->id;
		tui_push(t, &pupilform_screen, &id);
		return TR_HANDLED | TR_REDRAW;
	}
	if (action == DA_TAB || action == DA_BTAB) {
		/* The other tab takes this tab's place on the stack; when it
		 * cannot open (it said why), this tab stays. */
		ibis_id id = ds->id;
		struct plannen_arg pa = { .pupil_id = ds->id };
		int r = action == DA_TAB ? tui_push(t, &tijdlijn_screen, &id)
					 : tui_push(t, &plannen_screen, &pa);
		if (r & TR_POP)
			return TR_HANDLED | TR_REDRAW;
		return TR_HANDLED | TR_POP | TR_REDRAW;
	}
	return tv_action(&ds->tv, action);
}

const struct screen_ops dossier_screen = {
	.name = "Dossier",
	.state_size = sizeof(struct dossier),
	.enter = dossier_enter,
	.draw = dossier_draw,
	.tables = dossier_tables,
	.keymap = dossier_keymap,
	.action = dossier_action,
	.leave = dossier_leave,
};
