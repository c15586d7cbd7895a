/* sopform.c - one row of a part of the School screen (the SOP), new or
 * changed: an expertise, a professionalisering, an aanbod or a grens.
 *
 * One rowform per kind. Numbers and required texts are checked before
 * anything is written, with the message under the field; a write the
 * database refuses (a colleague's change meanwhile, a locked database)
 * keeps everything typed, so F2 can try again.
 *
 * arg: const struct sopform_arg *. A row with id 0 is a new row that starts
 * from the row's values (the School screen starts a new aanbod under the
 * kindkenmerk the cursor is in).
 */
#include "tui_internal.h"
#include "rowform.h"

#include <stdlib.h>
#include <string.h>

#include "ibis/app.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/db_school.h"
#include "ibis/db_sop.h"
#include "ibis/domain.h"
#include "ibis/levelmodel.h"
#include "ibis/records.h"
#include "ibis/sop.h"

/* The rows of each kind. */
enum { X_NAME, X_STAFF, X_TRAINED, X_IN_TRAINING, X_AREA, X_PERSON, X_NOTE, X_COUNT };
enum { T_SCOPE, T_TOPIC, T_COUNT_, T_WHO, T_PLANNED, T_DONE, T_NOTE, T_COUNT };
enum { O_KENMERK, O_LEVEL, O_DESC, O_COUNT };
enum { L_HEADING, L_DESC, L_COUNT };

#define NUMBER_MAX 9999
#define LABEL_COLS 21

struct sopform {
	struct screen *self;
	enum sopform_kind kind;
	ibis_id id;               /* 0: a new row */
	int version;              /* as read; after a conflict, the colleague's */
	ibis_id school_id;
	int year;
	const struct level_model *model; /* the school's; NULL when not installed */
	struct rowform rf;
	/* What the choices of a row stand for, by index. */
	int *areas;               /* Ontwikkelingsgebied: area number, 0 = none */
	struct strlist kenmerken; /* Kindkenmerk: key, "" = Algemeen */
	int *levels;              /* Niveau: position, 0 = none */
	char *notice;             /* over the form: why nothing was saved */
	char *title;
	char *right;
};

/* ================================================================ helpers */

static void set_notice(struct sopform *f, const char *msg)
{
	free(f->notice);
	f->notice = msg ? xstrdup(msg) : NULL;
}

/* A number of a record as the form shows it: "" when not given. */
static void set_count(struct rowform *rf, int i, int n)
{
	char buf[16];

	if (n < 0) {
		rf_set(rf, i, NULL);
		return;
	}
	snprintf(buf, sizeof(buf), "%d", n);
	rf_set(rf, i, buf);
}

static void set_date(struct rowform *rf, int i, ibis_date d)
{
	char buf[DATE_NL_LEN];

	rf_set(rf, i, d != DATE_NONE ? date_format_nl(d, buf) : NULL);
}

/* Row i as a whole number 0-9999 into *out; empty is none. False (with a
 * message under the row) for anything else. */
static bool get_count(struct rowform *rf, int i, int none, int *out)
{
	char *s = rf_get(rf, i);
	size_t n = strlen(s);
	bool ok = n > 0 && n <= 4;

	*out = none;
	if (n == 0) {
		free(s);
		return true;
	}
	for (size_t k = 0; ok && k < n; k++)
		ok = s[k] >= '0' && s[k] <= '9';
	if (ok)
		*out = atoi(s);
	else {
		char *msg = xasprintf("%s: een heel getal van 0 tot en met %d, of leeg.",
				      rf->rows[i].label, NUMBER_MAX);
		rf_message(rf, i, msg);
		free(msg);
	}
	free(s);
	return ok;
}

/* A required text row: false with a message under it when empty. */
static bool need_text(struct rowform *rf, int i, const char *msg)
{
	if (!rf_empty(rf, i))
		return true;
	rf_message(rf, i, msg);
	return false;
}

/* =================================================================== rows */

static void build_expertise(struct sopform *f, struct tui *t, const struct sop_expertise *e)
{
	struct rowform *rf = &f->rf;
	const struct basis_grid *g = &t->app->dom.basis;

	rf_init(rf, X_COUNT);
	rf_text(rf, X_NAME, "Deskundigheid", 100, true);
	rf_text(rf, X_STAFF, "Aantal medewerkers", 4, false);
	rf_text(rf, X_TRAINED, "Opgeleid", 4, false);
	rf_text(rf, X_IN_TRAINING, "In opleiding", 4, false);
	rf_choice(rf, X_AREA, "Ontwikkelingsgebied", false);
	rf_text(rf, X_PERSON, "Namen", 300, false);
	rf_text(rf, X_NOTE, "Notitie", 1000, false);
	rf->rows[X_NAME].hint = "Het specialisme, bijv. Gedragsspecialist, Rekenspecialist, "
				"Intern begeleider";
	rf->rows[X_STAFF].hint = "Hoeveel medewerkers deze deskundigheid hebben";
	rf->rows[X_TRAINED].hint = "Hoeveel van hen de opleiding hebben afgerond";
	rf->rows[X_IN_TRAINING].hint = "Hoeveel van hen nog in opleiding zijn";
	rf->rows[X_AREA].hint = "Het ontwikkelingsgebied van de basisondersteuning waarvoor "
				"deze deskundigheid is";
	rf->rows[X_PERSON].hint = "Wie het zijn (niet verplicht; de schoolgids noemt geen namen)";
	rf->rows[X_NOTE].hint = "Bijv. waar de deskundigheid wordt ingezet";

	f->areas = xcalloc((size_t)g->nareas + 2, sizeof(*f->areas));
	int n = 0;
	rf_add_choice(rf, X_AREA, "geen");
	f->areas[n++] = 0;
	for (int i = 0; i < g->nareas; i++) {
		char *label = xasprintf("%d %s", g->areas[i].number,
					g->areas[i].name ? g->areas[i].name : "");
		rf_add_choice(rf, X_AREA, label);
		free(label);
		if (e && e->area == g->areas[i].number)
			rf->rows[X_AREA].choice = n;
		f->areas[n++] = g->areas[i].number;
	}
	if (e && e->area > 0 && rf->rows[X_AREA].choice == 0) {
		/* An area the grid no longer has stays as it was. */
		char *label = xasprintf("gebied %d", e->area);
		rf_add_choice(rf, X_AREA, label);
		free(label);
		rf->rows[X_AREA].choice = n;
		f->areas[n++] = e->area;
	}
	if (!e)
		return;
	rf_set(rf, X_NAME, e->expertise);
	set_count(rf, X_STAFF, e->staff_count);
	set_count(rf, X_TRAINED, e->trained);
	set_count(rf, X_IN_TRAINING, e->in_training);
	rf_set(rf, X_PERSON, e->person);
	rf_set(rf, X_NOTE, e->note);
}

static void training_shape(struct sopform *f)
{
	rf_show(&f->rf, T_COUNT_, f->rf.rows[T_SCOPE].choice == 1);
}

static void build_training(struct sopform *f, const struct sop_training *tr)
{
	struct rowform *rf = &f->rf;

	rf_init(rf, T_COUNT);
	rf_choice(rf, T_SCOPE, "Soort", true);
	rf_add_choice(rf, T_SCOPE, "School");
	rf_add_choice(rf, T_SCOPE, "Individueel");
	rf_text(rf, T_TOPIC, "Onderwerp", 200, true);
	rf_text(rf, T_COUNT_, "Aantal", 4, false);
	rf_text(rf, T_WHO, "Wie", 200, false);
	rf_text(rf, T_PLANNED, "Gepland", 10, false);
	rf_text(rf, T_DONE, "Afgerond", 10, false);
	rf_text(rf, T_NOTE, "Notitie", 1000, false);
	rf->rows[T_SCOPE].hint = "School: schoolontwikkeling van het team; Individueel: scholing "
				 "van medewerkers";
	rf->rows[T_TOPIC].hint = "Bijv. Coaching on the job, master EN, specialisatie begeleiden";
	rf->rows[T_COUNT_].hint = "Hoeveel medewerkers deze scholing volgen";
	rf->rows[T_WHO].hint = "Wie de scholing volgen of geven (niet verplicht)";
	rf->rows[T_PLANNED].hint = "dd-mm-jjjj: wanneer de scholing gepland is (niet verplicht)";
	rf->rows[T_DONE].hint = "dd-mm-jjjj: wanneer ze is afgerond; leeg zolang ze loopt";
	if (tr) {
		rf->rows[T_SCOPE].choice = tr->scope == SOP_SCOPE_INDIVIDUAL ? 1 : 0;
		rf_set(rf, T_TOPIC, tr->topic);
		if (tr->participants > 0)
			set_count(rf, T_COUNT_, tr->participants);
		rf_set(rf, T_WHO, tr->who);
		set_date(rf, T_PLANNED, tr->planned);
		set_date(rf, T_DONE, tr->done);
		rf_set(rf, T_NOTE, tr->note);
	}
	training_shape(f);
}

/* "2 In de klas met hulp van collega's" for a level of the model. Caller
 * frees. */
static char *level_choice(const struct level *l)
{
	const char *name = l->name ? l->name : l->short_name;

	return xasprintf("%d %s", l->position, name ? name : "");
}

static void build_offer(struct sopform *f, struct tui *t, const struct sop_offer *o)
{
	struct rowform *rf = &f->rf;
	const struct sop_data *d = &t->app->dom.sop;
	int n;

	rf_init(rf, O_COUNT);
	rf_choice(rf, O_KENMERK, "Kindkenmerk", false);
	rf_choice(rf, O_LEVEL, "Niveau", false);
	rf_text(rf, O_DESC, "Beschrijving", 2000, true);
	rf->rows[O_KENMERK].hint = "Voor welke leerlingen dit aanbod is; Algemeen: voor iedereen";
	rf->rows[O_LEVEL].hint = "Op welk niveau van het model van de school dit wordt geboden";
	rf->rows[O_DESC].hint = "Wat de school biedt, bijv. een schakelklas met extra taalaanbod "
				"voor groep 2";

	rf_add_choice(rf, O_KENMERK, "Algemeen");
	sl_add(&f->kenmerken, "");
	for (int i = 0; i < d->nkenmerken; i++) {
		rf_add_choice(rf, O_KENMERK, d->kenmerken[i].name ? d->kenmerken[i].name
								  : d->kenmerken[i].key);
		sl_add(&f->kenmerken, d->kenmerken[i].key);
		if (o && o->kenmerk && strcmp(o->kenmerk, d->kenmerken[i].key) == 0)
			rf->rows[O_KENMERK].choice = i + 1;
	}
	if (o && o->kenmerk && rf->rows[O_KENMERK].choice == 0) {
		/* A kenmerk sop.ini no longer has stays as it was. */
		rf_add_choice(rf, O_KENMERK, o->kenmerk);
		sl_add(&f->kenmerken, o->kenmerk);
		rf->rows[O_KENMERK].choice = (int)f->kenmerken.len - 1;
	}

	int nl = f->model ? f->model->nlevels : 0;
	f->levels = xcalloc((size_t)nl + 2, sizeof(*f->levels));
	n = 0;
	rf_add_choice(rf, O_LEVEL, "geen");
	f->levels[n++] = 0;
	for (int i = 0; i < nl; i++) {
		char *label = level_choice(&f->model->levels[i]);
		rf_add_choice(rf, O_LEVEL, label);
		free(label);
		if (o && o->level == f->model->levels[i].position)
			rf->rows[O_LEVEL].choice = n;
		f->levels[n++] = f->model->levels[i].position;
	}
	if (o && o->level > 0 && rf->rows[O_LEVEL].choice == 0) {
		char *label = xasprintf("niveau %d", o->level);
		rf_add_choice(rf, O_LEVEL, label);
		free(label);
		rf->rows[O_LEVEL].choice = n;
		f->levels[n++] = o->level;
	}
	if (o)
		rf_set(rf, O_DESC, o->description);
}

static void build_limit(struct sopform *f, const struct sop_limit *l)
{
	struct rowform *rf = &f->rf;

	rf_init(rf, L_COUNT);
	rf_text(rf, L_HEADING, "Kop", 200, false);
	rf_text(rf, L_DESC, "Beschrijving", 2000, true);
	rf->rows[L_HEADING].hint = "F4: een gebruikelijke kop kiezen, of typ een eigen kop";
	rf->rows[L_DESC].hint = "Wat de school niet kan bieden, en wanneer";
	if (l) {
		rf_set(rf, L_HEADING, l->heading);
		rf_set(rf, L_DESC, l->description);
	}
}

/* ================================================================== enter */

/* The header of a changed row and of a new one, by kind. */
static const char *const change_titles[] = {
	[SF_EXPERTISE] = "Expertise wijzigen",
	[SF_TRAINING] = "Professionalisering wijzigen",
	[SF_OFFER] = "Aanbod wijzigen",
	[SF_LIMIT] = "Grens aan zorg wijzigen",
};
static const char *const new_titles[] = {
	[SF_EXPERTISE] = "Nieuwe expertise",
	[SF_TRAINING] = "Nieuwe professionalisering",
	[SF_OFFER] = "Nieuw aanbod",
	[SF_LIMIT] = "Nieuwe grens aan zorg",
};

static int sopform_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct sopform *f = s->state;
	const struct sopform_arg *a = arg;
	struct ibis_error err;
	struct school sc = { 0 };
	char sy[16];

	f->self = s;
	f->kind = a->kind;
	f->school_id = a->school_id;
	f->year = a->school_year;
	if (tui_refuse_readonly(t))
		return TR_POP;

	/* The row's own school and year win: a professionalisering of an
	 * earlier year stays in that year. */
	const void *row = a->row;
	switch (f->kind) {
	case SF_EXPERTISE:
		if (row) {
			const struct sop_expertise *e = row;
			f->id = e->id;
			f->version = e->version;
			f->school_id = e->school_id ? e->school_id : f->school_id;
			f->year = e->school_year ? e->school_year : f->year;
		}
		break;
	case SF_TRAINING:
		if (row) {
			const struct sop_training *tr = row;
			f->id = tr->id;
			f->version = tr->version;
			f->school_id = tr->school_id ? tr->school_id : f->school_id;
			f->year = tr->school_year ? tr->school_year : f->year;
		}
		break;
	case SF_OFFER:
		if (row) {
			const struct sop_offer *o = row;
			f->id = o->id;
			f->version = o->version;
			f->school_id = o->school_id ? o->school_id : f->school_id;
			f->year = o->school_year ? o->school_year : f->year;
		}
		break;
	case SF_LIMIT:
		if (row) {
			const struct sop_limit *l = row;
			f->id = l->id;
			f->version = l->version;
			f->school_id = l->school_id ? l->school_id : f->school_id;
			f->year = l->school_year ? l->school_year : f->year;
		}
		break;
	}
	if (db_school_get(t->app->db, f->school_id, &sc, &err) != IBIS_OK) {
		tui_report(t, &err);
		return TR_POP;
	}
	f->model = sc.level_model ? domain_model(&t->app->dom, sc.level_model) : NULL;

	switch (f->kind) {
	case SF_EXPERTISE:
		build_expertise(f, t, row);
		break;
	case SF_TRAINING:
		build_training(f, row);
		break;
	case SF_OFFER:
		build_offer(f, t, row);
		break;
	case SF_LIMIT:
		build_limit(f, row);
		break;
	}
	/* A new row the School screen started in a group (a kindkenmerk, a
	 * heading) starts on what is still to be filled in. */
	f->rf.focus = 0;
	if (f->kind == SF_OFFER && row && !f->id && f->rf.rows[O_KENMERK].choice > 0)
		f->rf.focus = O_LEVEL;
	if (f->kind == SF_LIMIT && row && !f->id && !rf_empty(&f->rf, L_HEADING))
		f->rf.focus = L_DESC;
	rf_mark_initial(&f->rf);

	f->title = xasprintf("School (SOP) %s %s", t->utf8 ? "—" : "-",
			     f->id ? change_titles[f->kind] : new_titles[f->kind]);
	f->right = xasprintf("%s %s %s", sc.name ? sc.name : "", t->utf8 ? "·" : "-",
			     schoolyear_format(f->year, sy));
	school_clear(&sc);
	return TR_REDRAW;
}

static void sopform_leave(struct screen *s, struct tui *t)
{
	struct sopform *f = s->state;

	(void)t;
	rf_free(&f->rf);
	free(f->areas);
	free(f->levels);
	sl_free(&f->kenmerken);
	free(f->notice);
	free(f->title);
	free(f->right);
}

/* =================================================================== draw */

static void sopform_draw(struct screen *s, struct tui *t)
{
	struct sopform *f = s->state;
	int y = draw_header(t, f->title, f->right);
	int x = 2;

	/* Why the last save was refused, in full: the rows move down for it. */
	y = rf_draw_notice(t, f->notice, y, x) + 1;
	rf_draw(t, &f->rf, y, x, LABEL_COLS);
	draw_text(LINES - 3, x, COLS - 2 * x, "* verplicht", role_attr(t, ROLE_DIM));
	rf_draw_hint(t, &f->rf, LINES - 2);
}

/* ================================================================= saving */

/* The checks of each kind into a record; false (messages under the rows)
 * when something must be corrected first. */
static bool read_expertise(struct sopform *f, struct sop_expertise *e)
{
	struct rowform *rf = &f->rf;
	bool ok = need_text(rf, X_NAME, "Vul de deskundigheid in, bijv. Gedragsspecialist.");

	ok = get_count(rf, X_STAFF, -1, &e->staff_count) && ok;
	ok = get_count(rf, X_TRAINED, -1, &e->trained) && ok;
	ok = get_count(rf, X_IN_TRAINING, -1, &e->in_training) && ok;
	if (ok && e->staff_count >= 0) {
		int tr = e->trained > 0 ? e->trained : 0;
		int in = e->in_training > 0 ? e->in_training : 0;
		if (tr + in > e->staff_count) {
			char *msg = xasprintf("Opgeleid (%d) + in opleiding (%d) is meer dan het "
					      "aantal medewerkers (%d).", tr, in, e->staff_count);
			rf_message(rf, e->in_training >= 0 ? X_IN_TRAINING : X_TRAINED, msg);
			free(msg);
			ok = false;
		}
	}
	if (!ok)
		return false;
	e->expertise = rf_get_opt(rf, X_NAME);
	e->area = f->areas[rf->rows[X_AREA].choice];
	e->person = rf_get_opt(rf, X_PERSON);
	e->note = rf_get_opt(rf, X_NOTE);
	return true;
}

static bool read_training(struct sopform *f, struct sop_training *tr)
{
	struct rowform *rf = &f->rf;
	bool individual = rf->rows[T_SCOPE].choice == 1;
	bool ok = need_text(rf, T_TOPIC, "Vul het onderwerp in, bijv. Coaching on the job.");

	tr->participants = 0;
	if (individual)
		ok = get_count(rf, T_COUNT_, 0, &tr->participants) && ok;
	ok = rf_date(rf, T_PLANNED, false, &tr->planned) && ok;
	ok = rf_date(rf, T_DONE, false, &tr->done) && ok;
	if (!ok)
		return false;
	tr->scope = individual ? SOP_SCOPE_INDIVIDUAL : SOP_SCOPE_SCHOOL;
	tr->topic = rf_get_opt(rf, T_TOPIC);
	tr->who = rf_get_opt(rf, T_WHO);
	tr->note = rf_get_opt(rf, T_NOTE);
	return true;
}

static bool read_offer(struct sopform *f, struct sop_offer *o)
{
	struct rowform *rf = &f->rf;

	if (!need_text(rf, O_DESC, "Vul in wat de school biedt."))
		return false;
	const char *key = f->kenmerken.items[rf->rows[O_KENMERK].choice];
	o->kenmerk = key[0] ? xstrdup(key) : NULL;
	o->level = f->levels[rf->rows[O_LEVEL].choice];
	o->description = rf_get_opt(rf, O_DESC);
	return true;
}

static bool read_limit(struct sopform *f, struct sop_limit *l)
{
	struct rowform *rf = &f->rf;

	if (!need_text(rf, L_DESC, "Vul in wat de school niet kan bieden."))
		return false;
	l->heading = rf_get_opt(rf, L_HEADING);
	l->description = rf_get_opt(rf, L_DESC);
	return true;
}

/* The first row with a message, for the focus. */
static int first_message(const struct rowform *rf)
{
	for (int i = 0; i < rf->n; i++)
		if (rf->rows[i].message && !rf->rows[i].hidden)
			return i;
	return rf->focus;
}

/* The version of row id as stored now, found among the rows of its school
 * year; false when it is gone (or cannot be read). */
static bool stored_version(struct sopform *f, struct tui *t, int *version)
{
	struct db *db = t->app->db;
	struct ibis_error err;
	bool found = false;

	switch (f->kind) {
	case SF_EXPERTISE: {
		struct sop_expertise *v = NULL;
		int n = 0;
		if (db_expertise_list(db, f->school_id, f->year, &v, &n, &err) != IBIS_OK)
			return false;
		for (int i = 0; i < n && !found; i++)
			if (v[i].id == f->id) {
				*version = v[i].version;
				found = true;
			}
		sop_expertise_free(v, n);
		break;
	}
	case SF_TRAINING: {
		struct sop_training *v = NULL;
		int n = 0;
		if (db_training_list(db, f->school_id, f->year, false, &v, &n, &err) != IBIS_OK)
			return false;
		for (int i = 0; i < n && !found; i++)
			if (v[i].id == f->id) {
				*version = v[i].version;
				found = true;
			}
		sop_training_free(v, n);
		break;
	}
	case SF_OFFER: {
		struct sop_offer *v = NULL;
		int n = 0;
		if (db_offer_list(db, f->school_id, f->year, &v, &n, &err) != IBIS_OK)
			return false;
		for (int i = 0; i < n && !found; i++)
			if (v[i].id == f->id) {
				*version = v[i].version;
				found = true;
			}
		sop_offer_free(v, n);
		break;
	}
	case SF_LIMIT: {
		struct sop_limit *v = NULL;
		int n = 0;
		if (db_limit_list(db, f->school_id, f->year, &v, &n, &err) != IBIS_OK)
			return false;
		for (int i = 0; i < n && !found; i++)
			if (v[i].id == f->id) {
				*version = v[i].version;
				found = true;
			}
		sop_limit_free(v, n);
		break;
	}
	}
	return found;
}

/* A refused write: what was typed stays. After a colleague's change the
 * next F2 writes over it knowingly (with the version stored now); after a
 * delete it stores the row anew. */
static void report_failure(struct sopform *f, struct tui *t, const struct ibis_error *err)
{
	if (err->fault == DBF_CONFLICT && f->id) {
		int version = 0;
		if (stored_version(f, t, &version)) {
			f->version = version;
			set_notice(f, "Een collega heeft deze regel intussen gewijzigd. Uw invoer staat "
				      "er nog: F2 slaat hem alsnog op (over de wijziging heen), Esc "
				      "laat de andere versie staan.");
		} else {
			f->id = 0;
			f->version = 0;
			set_notice(f, "Een collega heeft deze regel intussen verwijderd. Uw invoer "
				      "staat er nog: F2 slaat hem op als nieuwe regel, Esc breekt af.");
		}
		return;
	}
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

static int save(struct sopform *f, struct tui *t)
{
	struct ibis_error err;
	struct db *db = t->app->db;
	enum ibis_status st = IBIS_OK;
	bool ok = false;

	if (tui_refuse_readonly(t))
		return TR_HANDLED | TR_REDRAW;
	rf_clear_messages(&f->rf);
	set_notice(f, NULL);
	switch (f->kind) {
	case SF_EXPERTISE: {
		struct sop_expertise e = { .id = f->id, .school_id = f->school_id,
					   .school_year = f->year, .version = f->version };
		if ((ok = read_expertise(f, &e)))
			st = db_expertise_save(db, &e, &err);
		sop_expertise_clear(&e);
		break;
	}
	case SF_TRAINING: {
		struct sop_training tr = { .id = f->id, .school_id = f->school_id,
					   .school_year = f->year, .version = f->version };
		if ((ok = read_training(f, &tr)))
			st = db_training_save(db, &tr, &err);
		sop_training_clear(&tr);
		break;
	}
	case SF_OFFER: {
		struct sop_offer o = { .id = f->id, .school_id = f->school_id,
				       .school_year = f->year, .version = f->version };
		if ((ok = read_offer(f, &o)))
			st = db_offer_save(db, &o, &err);
		sop_offer_clear(&o);
		break;
	}
	case SF_LIMIT: {
		struct sop_limit l = { .id = f->id, .school_id = f->school_id,
				       .school_year = f->year, .version = f->version };
		if ((ok = read_limit(f, &l)))
			st = db_limit_save(db, &l, &err);
		sop_limit_clear(&l);
		break;
	}
	}
	if (!ok) {
		rf_focus(&f->rf, first_message(&f->rf));
		set_notice(f, "Niet opgeslagen: verbeter wat onder de velden staat.");
		return TR_HANDLED | TR_REDRAW;
	}
	if (st != IBIS_OK) {
		report_failure(f, t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	t->changes++;
	return TR_HANDLED | TR_REDRAW | TR_POP;
}

/* ==================================================================== keys */

/* rowform's keys, with F4 also on the heading of a grens (a text row). */
static const struct keydef sopform_keys[] = {
	{ RFA_SAVE, { TK_F(2), TK_CTRL('s') }, "Opslaan", "Opslaan (F2 of Ctrl-S)" },
	{ RFA_CANCEL, { TK_ESC }, "Annuleren",
	  "Terug zonder op te slaan (met een vraag als er iets is veranderd)" },
	{ RFA_NEXT, { TK_TAB, TK_DOWN, TK_ENTER }, "Volgend veld",
	  "Naar het volgende veld (Tab, ↓ of Enter)" },
	{ RFA_PREV, { TK_BTAB, TK_UP }, NULL, "Naar het vorige veld (Shift-Tab of ↑)" },
	{ RFA_PICK, { TK_F(4), TK_CTRL('g') }, NULL,
	  "Een keuzeveld (gebied, soort, kindkenmerk, niveau) uit een lijst kiezen; bij de kop "
	  "van een grens een gebruikelijke kop kiezen (F4 of Ctrl-G)" },
	{ RFA_EDIT, { TK_BACKSPACE, TK_DELETE, TK_LEFT, TK_RIGHT, TK_HOME, TK_END,
		      TK_CTRL('u'), TK_CTRL('w') }, NULL,
	  "Het veld bewerken (Ctrl-U wist alles voor de cursor, Ctrl-W een woord); op een "
	  "keuzeveld kiezen ← en → de vorige en volgende keuze, een letter de keuze die "
	  "ermee begint" },
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef *const sopform_tables[] = { sopform_keys, NULL };

static const struct keydef *sopform_keymap(struct screen *s)
{
	(void)s;
	return sopform_keys;
}

/* After a key: a row that was changed loses its message; the Aantal of a
 * professionalisering shows for an individual one only. */
static int after_key(struct sopform *f, int focus, int r)
{
	if (r == FIELD_CHANGED) {
		rf_message(&f->rf, focus, NULL);
		if (f->kind == SF_TRAINING && focus == T_SCOPE)
			training_shape(f);
	}
	return TR_HANDLED | TR_REDRAW;
}

static int sopform_input(struct screen *s, struct tui *t, tkey key)
{
	struct sopform *f = s->state;
	int focus = f->rf.focus;

	(void)t;
	return after_key(f, focus, rf_input(&f->rf, key));
}

static int picked_choice(struct tui *t, void *ctx, int index)
{
	struct sopform *f = ctx;

	(void)t;
	if (rf_choose(&f->rf, index))
		after_key(f, f->rf.focus, FIELD_CHANGED);
	return TR_REDRAW;
}

static int picked_heading(struct tui *t, void *ctx, int index)
{
	struct sopform *f = ctx;
	const struct strlist *g = &t->app->dom.sop.grenzen;

	if (index < 0 || index >= (int)g->len)
		return 0;
	rf_set(&f->rf, L_HEADING, g->items[index]);
	rf_message(&f->rf, L_HEADING, NULL);
	return TR_REDRAW;
}

static int pick(struct sopform *f, struct tui *t)
{
	if (f->kind != SF_LIMIT || f->rf.focus != L_HEADING)
		return rf_pick(t, &f->rf, picked_choice, f);
	const struct strlist *g = &t->app->dom.sop.grenzen;
	if (g->len == 0)
		return TR_HANDLED;
	char *now = rf_get(&f->rf, L_HEADING);
	int current = -1;
	for (size_t i = 0; i < g->len; i++)
		if (strcmp(g->items[i], now) == 0)
			current = (int)i;
	free(now);
	struct picker_arg a = {
		.title = "Kop",
		.items = g,
		.current = current,
		.on_pick = picked_heading,
		.ctx = f,
	};
	tui_push(t, &picker_screen, &a);
	return TR_HANDLED | TR_REDRAW;
}

static int sopform_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct sopform *f = s->state;
	int focus = f->rf.focus;

	switch (action) {
	case RFA_SAVE:
		return save(f, t);
	case RFA_CANCEL:
		return rf_cancel(t, f->self, rf_changed(&f->rf));
	case RFA_PICK:
		return pick(f, t);
	case RFA_NEXT:
	case RFA_PREV:
	case RFA_EDIT:
		return after_key(f, focus, rf_action(&f->rf, action, key));
	default:
		return 0;
	}
}

const struct screen_ops sopform_screen = {
	.name = "School (SOP): regel",
	.state_size = sizeof(struct sopform),
	.enter = sopform_enter,
	.draw = sopform_draw,
	.tables = sopform_tables,
	.keymap = sopform_keymap,
	.action = sopform_action,
	.typing = rf_typing,
	.input = sopform_input,
	.leave = sopform_leave,
};
