/* pupilform.c - adding a pupil or changing one: names, birth date, group of
 * this school year, leerlingnummer, enrolment date and notes.
 *
 * The rules are those of core/pupilcheck.c; a message lands under its field
 * and the cursor on the first field that needs one, with everything typed
 * left as it was. A colleague's save in the meantime (version conflict) keeps
 * the typed text too, says so, and a second save then writes this version.
 */
#include "tui_internal.h"
#include "rowform.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ibis/app.h"
#include "ibis/date.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/pupilcheck.h"
#include "ibis/records.h"
#include "ibis/text.h"

struct pupilform {
	struct screen *self;
	ibis_id id;               /* 0 while new */
	struct pupil pupil;       /* as read: version and the fields not in the form */
	struct form form;
	char *initial[PF_COUNT];  /* the texts at the start, to tell a change */
	struct pupil_check check; /* the messages under the fields */
	char *notice;             /* over the form: why nothing was saved */
	int school_year;
	ibis_id school_id;        /* the pupil's school; 0 when new among several */
	ibis_id orig_group;       /* the group that year before the change */
	int orig_jaargroep;
	/* The group chosen in the picker, as long as the text is its name. */
	ibis_id picked_group;
	ibis_id picked_school;
	char *picked_name;
	struct group *groups;     /* offered by the open picker */
	int ngroups;
	char *title;
};

static const int field_max[PF_COUNT] = {
	[PF_FIRST] = 60, [PF_TUSSEN] = 20, [PF_LAST] = 80, [PF_BIRTH] = 10,
	[PF_GROUP] = 20, [PF_NUMBER] = 20, [PF_ENROLLED] = 10, [PF_NOTES] = 500,
};

enum { FA_SAVE = 1, FA_CANCEL, FA_PICK, FA_NEXT, FA_PREV, FA_EDIT };

/* Every F-key has a control key too (the letters are typed into the fields). */
static const struct keydef form_keys[] = {
	{ FA_SAVE, { TK_F(2), TK_CTRL('s') }, "Opslaan", "De leerling opslaan (F2 of Ctrl-S)" },
	{ FA_CANCEL, { TK_ESC }, "Annuleren",
	  "Terug zonder op te slaan (met een vraag als er iets is veranderd)" },
	{ FA_PICK, { TK_F(4), TK_CTRL('g') }, "Kies groep",
	  "De groep kiezen uit de groepen van dit schooljaar (F4 of Ctrl-G)" },
	{ FA_NEXT, { TK_TAB, TK_DOWN, TK_ENTER }, NULL,
	  "Naar het volgende veld (Tab, ↓ of Enter)" },
	{ FA_PREV, { TK_BTAB, TK_UP }, NULL, "Naar het vorige veld" },
	{ FA_EDIT, { TK_BACKSPACE, TK_DELETE, TK_LEFT, TK_RIGHT, TK_HOME, TK_END,
		     TK_CTRL('u'), TK_CTRL('w') }, NULL,
	  "Het veld bewerken (Ctrl-U wist alles voor de cursor, Ctrl-W een woord)" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const form_tables[] = { form_keys, NULL };

/* ================================================================== enter */

static void set_initial(struct pupilform *f, int i, const char *s)
{
	free(f->initial[i]);
	f->initial[i] = xstrdup(s ? s : "");
	field_set(&f->form.items[i].field, s);
}

static int pupilform_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct pupilform *f = s->state;
	struct ibis_error err;
	const char *labels[PF_COUNT];
	char d[DATE_NL_LEN];

	f->self = s;
	f->school_year = schoolyear_of(date_today());
	f->orig_jaargroep = -1;
	f->check.first_bad = PF_COUNT;
	for (int i = 0; i < PF_COUNT; i++)
		labels[i] = pupil_field_label((enum pupil_field)i);
	form_init(&f->form, PF_COUNT, labels, field_max);
	for (int i = 0; i < PF_COUNT; i++)
		set_initial(f, i, "");
	if (tui_refuse_readonly(t))
		return TR_POP;

	if (arg) {
		struct placement pl = { 0 };
		f->id = *(const ibis_id *)arg;
		if (db_pupil_get(t->app->db, f->id, &f->pupil, &err) != IBIS_OK ||
		    db_pupil_placement(t->app->db, f->id, f->school_year, &pl, &err) != IBIS_OK) {
			placement_clear(&pl);
			tui_report(t, &err);
			return TR_POP;
		}
		const struct pupil *p = &f->pupil;
		f->school_id = p->school_id;
		f->orig_group = pl.group_id;
		f->orig_jaargroep = pl.jaargroep;
		set_initial(f, PF_FIRST, p->first_name);
		set_initial(f, PF_TUSSEN, p->tussenvoegsel);
		set_initial(f, PF_LAST, p->last_name);
		set_initial(f, PF_BIRTH, date_format_nl(p->birth_date, d));
		set_initial(f, PF_GROUP, pl.group_id ? pl.group_name : NULL);
		set_initial(f, PF_NUMBER, p->number);
		set_initial(f, PF_ENROLLED, date_format_nl(p->enrolled, d));
		set_initial(f, PF_NOTES, p->notes);
		/* The group as read is known by id: no lookup by name needed. */
		if (pl.group_id) {
			f->picked_group = pl.group_id;
			f->picked_school = p->school_id;
			f->picked_name = xstrdup(pl.group_name ? pl.group_name : "");
		}
		char *name = name_natural(p->first_name, p->tussenvoegsel, p->last_name);
		f->title = xasprintf("ibis — Leerling #%lld wijzigen · %s", (long long)f->id,
				     name);
		free(name);
		placement_clear(&pl);
	} else {
		struct school *schools = NULL;
		int n = 0;
		if (db_school_list(t->app->db, &schools, &n, &err) != IBIS_OK) {
			tui_report(t, &err);
			return TR_POP;
		}
		if (n == 1)
			f->school_id = schools[0].id;
		schools_free(schools, n);
		if (n == 0) {
			ibis_fail(&err, IBIS_EINPUT, "Er is nog geen school in deze database; maak "
				  "er eerst een met ibis init.");
			tui_report(t, &err);
			return TR_POP;
		}
		/* A zeroed date is 01-01-1970, not "none". */
		f->pupil.birth_date = f->pupil.enrolled = f->pupil.left = DATE_NONE;
		f->pupil.destination = LEAVE_NONE;
		f->title = xstrdup("ibis — Nieuwe leerling");
	}
	return TR_REDRAW;
}

static void free_groups(struct pupilform *f)
{
	groups_free(f->groups, f->ngroups);
	f->groups = NULL;
	f->ngroups = 0;
}

static void pupilform_leave(struct screen *s, struct tui *t)
{
	struct pupilform *f = s->state;

	(void)t;
	form_free(&f->form);
	for (int i = 0; i < PF_COUNT; i++)
		free(f->initial[i]);
	pupil_check_clear(&f->check);
	pupil_clear(&f->pupil);
	free_groups(f);
	free(f->notice);
	free(f->picked_name);
	free(f->title);
}

/* =================================================================== draw */

#define LABEL_COLS 16

/* The quiet hint under a field that has no message. */
static const char *hint(const struct pupilform *f, int i)
{
	switch (i) {
	case PF_BIRTH:
		return "dd-mm-jjjj";
	case PF_ENROLLED:
		return "dd-mm-jjjj; leeg als onbekend";
	case PF_GROUP:
		return f->id ? "F4 kiest een groep; leeg: geen groep dit schooljaar"
			     : "F4 kiest een groep van dit schooljaar";
	default:
		return NULL;
	}
}

static void pupilform_draw(struct screen *s, struct tui *t)
{
	struct pupilform *f = s->state;
	char sy[16];
	char *right = xstrdup(schoolyear_format(f->school_year, sy));
	int y = draw_header(t, f->title, right);
	int x = 2, fw = 40;

	free(right);
	if (f->notice)
		draw_text(y, x, COLS - 2 * x, f->notice, role_attr(t, ROLE_OVERDUE));
	y += 1;
	for (int i = 0; i < PF_COUNT; i++) {
		int row = y + 2 * i;
		bool focus = i == f->form.focus;
		char *label = xasprintf("%s%s", f->form.items[i].label,
					i == PF_FIRST || i == PF_LAST || i == PF_BIRTH ? " *" : "");
		draw_text(row, x, LABEL_COLS, label, role_attr(t, ROLE_LABEL));
		free(label);
		int w = i == PF_NOTES ? COLS - x - LABEL_COLS - 3 : fw;
		attr_t a = focus ? role_attr(t, ROLE_PROMPT) | A_UNDERLINE : A_UNDERLINE;
		int cx = field_draw(&f->form.items[i].field, row, x + LABEL_COLS + 1, w, a);
		if (focus) {
			t->want_cursor = true;
			t->cursor_y = row;
			t->cursor_x = cx;
		}
		const char *msg = f->check.message[i];
		const char *h = hint(f, i);
		/* A long message starts under the label rather than being cut. */
		int mx = x + LABEL_COLS + 1;
		if (msg && text_cols(msg) > COLS - 1 - mx)
			mx = x;
		if (msg)
			draw_text(row + 1, mx, COLS - 1 - mx, msg, role_attr(t, ROLE_OVERDUE));
		else if (h && focus)
			draw_text(row + 1, x + LABEL_COLS + 1, COLS - x - LABEL_COLS - 2, h,
				  role_attr(t, ROLE_DIM));
	}
	draw_text(y + 2 * PF_COUNT, x, COLS - 2 * x, "* verplicht", role_attr(t, ROLE_DIM));
}

/* ================================================================== saving */

static bool changed(const struct pupilform *f)
{
	for (int i = 0; i < PF_COUNT; i++) {
		char *now = field_get(&f->form.items[i].field);
		bool same = strcmp(now, f->initial[i]) == 0;
		free(now);
		if (!same)
			return true;
	}
	return false;
}

static void set_notice(struct pupilform *f, const char *msg)
{
	free(f->notice);
	f->notice = msg ? xstrdup(msg) : NULL;
}

/* Find the typed group in the school year: by the picker's id while the text
 * is its name, else by name in the pupil's school, or (a new pupil among
 * several schools) in every school, which then also names the school. */
static enum ibis_status find_group(struct pupilform *f, struct tui *t, const char *name,
				   ibis_id *gid, ibis_id *school, enum group_lookup *how,
				   struct ibis_error *err)
{
	*gid = 0;
	*school = f->school_id;
	*how = GROUP_FOUND;
	if (!name[0])
		return IBIS_OK;
	if (f->picked_group && f->picked_name && strcmp(name, f->picked_name) == 0) {
		*gid = f->picked_group;
		*school = f->picked_school;
		return IBIS_OK;
	}
	if (f->school_id) {
		if (db_group_find(t->app->db, f->school_id, f->school_year, name, gid, err) !=
		    IBIS_OK)
			return IBIS_EDB;
		*how = *gid ? GROUP_FOUND : GROUP_UNKNOWN;
		return IBIS_OK;
	}
	struct school *schools = NULL;
	int n = 0, hits = 0;
	if (db_school_list(t->app->db, &schools, &n, err) != IBIS_OK)
		return IBIS_EDB;
	for (int i = 0; i < n; i++) {
		ibis_id id = 0;
		if (db_group_find(t->app->db, schools[i].id, f->school_year, name, &id, err) !=
		    IBIS_OK) {
			schools_free(schools, n);
			return IBIS_EDB;
		}
		if (id) {
			hits++;
			*gid = id;
			*school = schools[i].id;
		}
	}
	schools_free(schools, n);
	*how = hits == 0 ? GROUP_UNKNOWN : hits == 1 ? GROUP_FOUND : GROUP_AMBIGUOUS;
	if (hits != 1)
		*gid = 0;
	return IBIS_OK;
}

/* The pupil's own jaargroep in group gid: kept when the group stays the
 * same; in a combination class ("4/5") estimated from the age on 1 October
 * (4 years: groep 1), which the groups screen can correct; -1 lets a class
 * of one jaargroep give its own. */
static int jaargroep_for(struct pupilform *f, struct tui *t, ibis_id gid, ibis_date birth,
			 struct ibis_error *err, enum ibis_status *st)
{
	struct group g = { 0 };
	ibis_date oct1;

	*st = IBIS_OK;
	if (gid == f->orig_group && f->orig_jaargroep >= 0)
		return f->orig_jaargroep;
	if ((*st = db_group_get(t->app->db, gid, &g, err)) != IBIS_OK)
		return -1;
	int jg = -1;
	if (g.jaargroep_min != g.jaargroep_max) {
		date_from_ymd(f->school_year, 10, 1, &oct1);
		jg = date_age(birth, oct1) - 3;
		if (jg < g.jaargroep_min)
			jg = g.jaargroep_min;
		if (jg > g.jaargroep_max)
			jg = g.jaargroep_max;
	}
	group_clear(&g);
	return jg;
}

/* Copy text into *dst, NULL when empty (the records keep absent as NULL). */
static void take_text(char **dst, char *text)
{
	char *trimmed = str_trim(text);

	free(text);
	free(*dst);
	if (!trimmed[0]) {
		free(trimmed);
		trimmed = NULL;
	}
	*dst = trimmed;
}

static enum ibis_status write_pupil(struct pupilform *f, struct tui *t, struct pupil *p,
				    ibis_id gid, struct ibis_error *err)
{
	struct db *db = t->app->db;
	enum ibis_status st;

	if ((st = db_begin(db, err)) != IBIS_OK)
		return st;
	st = p->id ? db_pupil_update(db, p, err) : db_pupil_insert(db, p, err);
	if (st == IBIS_OK && (gid != f->orig_group || !f->id)) {
		int jg = gid ? jaargroep_for(f, t, gid, p->birth_date, err, &st) : -1;
		if (st == IBIS_OK && (gid || f->orig_group))
			st = db_pupil_set_group(db, p->id, f->school_year, gid, jg, err);
	}
	if (st == IBIS_OK)
		st = db_commit(db, err);
	if (st != IBIS_OK)
		db_rollback(db);
	return st;
}

static int save(struct pupilform *f, struct tui *t)
{
	char *text[PF_COUNT];
	struct ibis_error err;
	ibis_id gid, school;
	enum group_lookup how;
	int flags = TR_HANDLED | TR_REDRAW;

	if (tui_refuse_readonly(t))
		return flags;
	for (int i = 0; i < PF_COUNT; i++)
		text[i] = field_get(&f->form.items[i].field);
	char *group = str_trim(text[PF_GROUP]);

	pupil_check_clear(&f->check);
	set_notice(f, NULL);
	if (find_group(f, t, group, &gid, &school, &how, &err) != IBIS_OK) {
		set_notice(f, err.message);
		goto out;
	}
	bool ok = pupil_check((const char *const *)text, date_today(), how, f->school_year,
			      &f->check);
	if (ok && !school) {
		f->check.message[PF_GROUP] = xstrdup("Kies de groep: er zijn meer scholen, en de "
						     "groep bepaalt de school.");
		f->check.first_bad = PF_GROUP;
		ok = false;
	}
	if (!ok) {
		f->form.focus = f->check.first_bad;
		set_notice(f, "Niet opgeslagen: verbeter wat onder de velden staat.");
		goto out;
	}

	/* The record as read, with the form's fields over it: what the form
	 * does not show (address, leaving) is kept. */
	struct pupil p = f->pupil;
	p.first_name = p.tussenvoegsel = p.last_name = p.number = p.notes = NULL;
	p.address = f->pupil.address ? xstrdup(f->pupil.address) : NULL;
	take_text(&p.first_name, text[PF_FIRST]);
	take_text(&p.tussenvoegsel, text[PF_TUSSEN]);
	take_text(&p.last_name, text[PF_LAST]);
	take_text(&p.number, text[PF_NUMBER]);
	take_text(&p.notes, text[PF_NOTES]);
	text[PF_FIRST] = text[PF_TUSSEN] = text[PF_LAST] = text[PF_NUMBER] = NULL;
	text[PF_NOTES] = NULL;
	p.birth_date = f->check.birth;
	p.enrolled = f->check.enrolled;
	p.school_id = school;

	enum ibis_status st = write_pupil(f, t, &p, gid, &err);
	if (st == IBIS_OK) {
		t->changes++;
		t->saved_pupil = p.id;
		flags |= TR_POP;
	} else if (err.fault == DBF_CONFLICT && f->id) {
		/* Keep what was typed; take the colleague's version number so that
		 * a second save is a deliberate overwrite. */
		struct pupil now = { 0 };
		if (db_pupil_get(t->app->db, f->id, &now, &err) == IBIS_OK)
			f->pupil.version = now.version;
		pupil_clear(&now);
		set_notice(f, "Iemand anders heeft deze leerling net gewijzigd. Uw invoer staat er "
			      "nog: F2 slaat die toch op, Esc laat de andere versie staan.");
	} else if (t->app->verbose && err.detail[0]) {
		char *msg = xasprintf("%s (%s)", err.message, err.detail);
		set_notice(f, msg);
		free(msg);
	} else {
		set_notice(f, err.message[0] ? err.message : "Opslaan is niet gelukt.");
	}
	pupil_clear(&p);
out:
	free(group);
	for (int i = 0; i < PF_COUNT; i++)
		free(text[i]);
	return flags;
}

/* ================================================================= picking */

static int picked_group(struct tui *t, void *ctx, int i)
{
	struct pupilform *f = ctx;

	(void)t;
	if (i >= 0 && i < f->ngroups) {
		const struct group *g = &f->groups[i];
		free(f->picked_name);
		f->picked_name = xstrdup(g->name ? g->name : "");
		f->picked_group = g->id;
		f->picked_school = g->school_id;
		field_set(&f->form.items[PF_GROUP].field, g->name);
		free(f->check.message[PF_GROUP]);
		f->check.message[PF_GROUP] = NULL;
	}
	free_groups(f);
	return TR_REDRAW;
}

static int pick_group(struct pupilform *f, struct tui *t)
{
	struct strlist items = { 0 };
	struct school *schools = NULL;
	struct ibis_error err;
	int n = 0, current = 0;
	char sy[16];

	free_groups(f);
	if (db_group_list(t->app->db, f->school_id, f->school_year, &f->groups, &f->ngroups,
			  &err) != IBIS_OK ||
	    db_school_list(t->app->db, &schools, &n, &err) != IBIS_OK) {
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	if (f->ngroups == 0) {
		schools_free(schools, n);
		ibis_fail(&err, IBIS_EINPUT, "Er zijn geen groepen in schooljaar %s; maak ze "
			  "eerst aan (G op de leerlingenlijst).",
			  schoolyear_format(f->school_year, sy));
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	char *typed = field_get(&f->form.items[PF_GROUP].field);
	for (int i = 0; i < f->ngroups; i++) {
		const struct group *g = &f->groups[i];
		const char *school = NULL;
		for (int k = 0; k < n && !f->school_id && n > 1; k++)
			if (schools[k].id == g->school_id)
				school = schools[k].name;
		if (school)
			sl_addf(&items, "%s · %s", g->name ? g->name : "", school);
		else
			sl_add(&items, g->name ? g->name : "");
		if (g->name && strcasecmp(g->name, typed) == 0)
			current = i;
	}
	free(typed);
	schools_free(schools, n);
	char *title = xasprintf("Groep in %s", schoolyear_format(f->school_year, sy));
	struct picker_arg a = {
		.title = title,
		.items = &items,
		.current = current,
		.on_pick = picked_group,
		.ctx = f,
	};
	tui_push(t, &picker_screen, &a);
	free(title);
	sl_free(&items);
	return TR_HANDLED | TR_REDRAW;
}

/* ==================================================================== keys */

static const struct keydef *pupilform_keymap(struct screen *s)
{
	(void)s;
	return form_keys;
}

static bool pupilform_typing(struct screen *s)
{
	(void)s;
	return true;
}

static int pupilform_input(struct screen *s, struct tui *t, tkey key)
{
	struct pupilform *f = s->state;

	(void)t;
	form_key(&f->form, key);
	return TR_HANDLED | TR_REDRAW;
}

static int pupilform_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct pupilform *f = s->state;

	switch (action) {
	case FA_SAVE:
		return save(f, t);
	case FA_CANCEL:
		return rf_cancel(t, f->self, changed(f));
	case FA_PICK:
		f->form.focus = PF_GROUP;
		return pick_group(f, t);
	case FA_NEXT:
		form_key(&f->form, TK_TAB);
		return TR_HANDLED | TR_REDRAW;
	case FA_PREV:
		form_key(&f->form, TK_BTAB);
		return TR_HANDLED | TR_REDRAW;
	case FA_EDIT:
		return pupilform_input(s, t, key);
	default:
		return 0;
	}
}

const struct screen_ops pupilform_screen = {
	.name = "Leerling",
	.state_size = sizeof(struct pupilform),
	.enter = pupilform_enter,
	.draw = pupilform_draw,
	.tables = form_tables,
	.keymap = pupilform_keymap,
	.action = pupilform_action,
	.typing = pupilform_typing,
	.input = pupilform_input,
	.leave = pupilform_leave,
};
