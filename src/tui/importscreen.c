/* importscreen.c - Importeren: a pupil file (ParnasSys, ESIS, Excel, ibis
 * export) read, planned against the database, shown, and applied.
 *
 * The steps are those of `ibis import pupils` (cmd_import.c): the whole file
 * is read and checked, planned (which writes nothing), shown with its counts,
 * its problems as "LINE: field: reason" and its changes, and applied only
 * after a question: all or nothing, or, when rows are invalid, the valid rows
 * only with the rejected ones written beside the file first.
 */
#include "tui_internal.h"
#include "textview.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ibis/app.h"
#include "ibis/date.h"
#include "ibis/db.h"
#include "ibis/db_import.h"
#include "ibis/db_school.h"
#include "ibis/import.h"
#include "ibis/records.h"
#include "ibis/text.h"

struct imp {
	bool planned;           /* showing a plan (else typing the path) */
	bool done;              /* the plan was applied */
	struct field path;
	char *file;             /* the path read, ~ expanded */
	bool have_file;
	struct import_file f;
	bool have_plan;
	struct import_plan plan;
	char *school;           /* the school chosen for a file that names none */
	int year;
	struct school *schools;
	int nschools;
	struct textview tv;
	char *result;           /* what the apply did */
	char *rejected;         /* where the rejected rows go */
	char *place;            /* school(s) for the header */
};

enum {
	IM_READ = TV_END + 1, IM_EDIT, IM_APPLY, IM_OTHER,
};

enum { ASK_SCHOOL = 1, ASK_APPLY, ASK_APPLY_VALID };

/* ============================================================= key tables */

static const struct keydef path_keys[] = {
	{ IM_READ, { TK_ENTER }, "Lezen", "Het bestand lezen en laten zien wat de import doet" },
	{ IM_EDIT, { TK_BACKSPACE, TK_DELETE, TK_LEFT, TK_RIGHT, TK_HOME, TK_END,
		     TK_CTRL('u'), TK_CTRL('w') }, NULL,
	  "Het pad bewerken (Ctrl-U wist alles voor de cursor, Ctrl-W een woord)" },
	{ 0, { 0 }, NULL, NULL },
};

#define SCROLL_KEYS \
	{ TV_UP, { TK_UP, 'k' }, NULL, "Een regel omhoog" }, \
	{ TV_DOWN, { TK_DOWN, 'j' }, NULL, "Een regel omlaag" }, \
	{ TV_PGUP, { TK_PGUP }, NULL, "Een pagina omhoog" }, \
	{ TV_PGDN, { TK_PGDN, ' ' }, NULL, "Een pagina omlaag" }, \
	{ TV_HOME, { TK_HOME, 'g' }, NULL, "Naar het begin" }, \
	{ TV_END, { TK_END, 'G' }, NULL, "Naar het eind" }

static const struct keydef plan_keys[] = {
	{ IM_APPLY, { 'i' }, "Importeren",
	  "Importeren (met een vraag); met ongeldige regels: alleen de geldige, en de "
	  "afgekeurde regels naast het bestand" },
	{ IM_OTHER, { 'b' }, "Ander bestand", "Een ander bestand kiezen" },
	SCROLL_KEYS,
	{ 0, { 0 }, NULL, NULL },
};

static const struct keydef done_keys[] = {
	{ IM_OTHER, { 'b' }, "Ander bestand", "Nog een bestand importeren" },
	SCROLL_KEYS,
	{ 0, { 0 }, NULL, NULL },
};

#undef SCROLL_KEYS

static const struct keydef *const import_tables[] = { path_keys, plan_keys, done_keys, NULL };

/* ================================================================ helpers */

static void drop_plan(struct imp *m)
{
	if (m->have_plan)
		import_plan_free(&m->plan);
	m->have_plan = false;
	if (m->have_file)
		import_file_free(&m->f);
	m->have_file = false;
	free(m->school);
	m->school = NULL;
	free(m->rejected);
	m->rejected = NULL;
	free(m->result);
	m->result = NULL;
	tv_free(&m->tv);
	tv_init(&m->tv);
	m->planned = false;
	m->done = false;
}

/* The path typed, trimmed, with a leading ~/ made the home folder. Caller
 * frees. */
static char *expand_path(const char *typed)
{
	char *s = str_trim(typed);
	const char *home = getenv("HOME");

	if (home && home[0] && (strcmp(s, "~") == 0 || str_starts(s, "~/"))) {
		char *e = xasprintf("%s%s", home, s + 1);
		free(s);
		return e;
	}
	return s;
}

/* Where the rejected rows of file go: beside it, "NAME-afgekeurd.csv", with a
 * number when that exists already (never over another file). Caller frees. */
static char *rejected_path(const char *file)
{
	size_t len = strlen(file);
	size_t stem = len;
	const char *slash = strrchr(file, '/');
	const char *dot = strrchr(file, '.');

	if (dot && (!slash || dot > slash + 1))
		stem = (size_t)(dot - file);
	for (int i = 1;; i++) {
		char *p = i == 1 ? xasprintf("%.*s-afgekeurd.csv", (int)stem, file)
				 : xasprintf("%.*s-afgekeurd-%d.csv", (int)stem, file, i);
		struct stat st;
		if (stat(p, &st) != 0)
			return p;
		free(p);
	}
}

/* "Berg, Anna van den" of a row. Caller frees. */
static char *row_name(const struct import_row *r)
{
	return name_display(r->first_name ? r->first_name : "", r->tussenvoegsel,
			    r->last_name ? r->last_name : "");
}

/* ============================================================ the preview */

static void heading(struct textview *tv, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void heading(struct textview *tv, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);

	if (tv->npara > 0)
		tv_text(tv, ROLE_NORMAL, 0, "");
	tv_text(tv, ROLE_COLUMNS, 0, s);
	free(s);
}

/* "LINE: text", as the command line writes problems. */
static void line(struct textview *tv, enum role role, int lineno, const char *text)
{
	char *s = xasprintf("%d: %s", lineno, text);

	tv_text(tv, role, 1, s);
	free(s);
}

/* What a new pupil's row says: "Berg, Anna van den (01-02-2017), groep 5A".
 * Caller frees. */
static char *added_text(const struct imp *m, const struct import_row *r,
			const struct import_plan_row *pr)
{
	struct strbuf sb = { 0 };
	char d[DATE_NL_LEN];
	char *name = row_name(r);

	sb_printf(&sb, "%s (%s)", name, date_format_nl(r->birth_date, d));
	free(name);
	if (r->number)
		sb_printf(&sb, ", leerlingnummer %s", r->number);
	if (pr->group >= 0) {
		const struct import_group *g = &m->plan.groups[pr->group];
		sb_printf(&sb, ", groep %s%s", g->name, g->is_new ? " (nieuw)" : "");
	}
	if (m->plan.nschools > 1)
		sb_printf(&sb, ", %s", import_plan_school_name(&m->plan, pr->school_id));
	return sb_take(&sb);
}

static void build_preview(struct imp *m)
{
	struct textview *tv = &m->tv;
	const struct import_plan *p = &m->plan;

	tv_free(tv);
	tv_init(tv);
	if (m->done && m->result) {
		tv_text(tv, ROLE_PROMPT, 0, m->result);
		tv_text(tv, ROLE_NORMAL, 0, "");
		tv_text(tv, ROLE_DIM, 0, "Wat er gepland was:");
	}
	if (m->f.ignored.len > 0) {
		struct strbuf sb = { 0 };
		sb_add(&sb, "Genegeerde kolommen: ");
		for (size_t i = 0; i < m->f.ignored.len; i++)
			sb_printf(&sb, "%s%s", i ? ", " : "", m->f.ignored.items[i]);
		tv_text(tv, ROLE_DIM, 0, sb_str(&sb));
		sb_free(&sb);
	}
	if (p->invalid > 0) {
		heading(tv, p->invalid == 1 ? "Problemen (%d regel ongeldig)"
					    : "Problemen (%d regels ongeldig)", p->invalid);
		for (int i = 0; i < m->f.nrows; i++) {
			const struct import_row *r = &m->f.rows[i];
			for (size_t k = 0; k < r->problems.len; k++)
				line(tv, ROLE_ERROR, r->line, r->problems.items[k]);
		}
	}
	if (p->changed > 0) {
		heading(tv, "Wijzigen (%d)", p->changed);
		for (int i = 0; i < p->nrows && i < m->f.nrows; i++) {
			const struct import_plan_row *pr = &p->rows[i];
			if (pr->action != IMPORT_CHANGE)
				continue;
			char *name = row_name(&m->f.rows[i]);
			char *s = xasprintf("%s: %s%s", name,
					    pr->change_text ? pr->change_text : "gewijzigd",
					    pr->archived ? " (vertrokken leerling)" : "");
			line(tv, ROLE_NORMAL, m->f.rows[i].line, s);
			free(s);
			free(name);
		}
	}
	if (p->added > 0) {
		heading(tv, "Toevoegen (%d)", p->added);
		for (int i = 0; i < p->nrows && i < m->f.nrows; i++) {
			const struct import_plan_row *pr = &p->rows[i];
			if (pr->action != IMPORT_ADD)
				continue;
			char *s = added_text(m, &m->f.rows[i], pr);
			line(tv, ROLE_NORMAL, m->f.rows[i].line, s);
			free(s);
		}
	}
	if (p->skipped > 0) {
		heading(tv, "Overslaan (%d): vertrokken en niet in de database", p->skipped);
		for (int i = 0; i < p->nrows && i < m->f.nrows; i++) {
			if (p->rows[i].action != IMPORT_SKIP)
				continue;
			char *name = row_name(&m->f.rows[i]);
			line(tv, ROLE_DIM, m->f.rows[i].line, name);
			free(name);
		}
	}
	if (p->same > 0) {
		heading(tv, "Ongewijzigd (%d)", p->same);
		tv_text(tv, ROLE_DIM, 1, "Deze leerlingen staan er al zo in; de import laat ze "
					 "zoals ze zijn.");
	}
	if (m->f.nrows == 0)
		tv_text(tv, ROLE_DIM, 0, "Het bestand heeft geen leerlingen onder de kopregel.");
}

/* ====================================================== reading, planning */

static int answered(void *ctx, struct tui *t, int id, int choice);

/* Plan the file read, for the school chosen (or the file's own). */
static void plan(struct imp *m, struct tui *t)
{
	struct ibis_error err;

	if (db_import_plan(t->app->db, &m->f, m->school, m->year, &m->plan, &err) != IBIS_OK) {
		import_plan_free(&m->plan);
		tui_report(t, &err);
		return;
	}
	m->have_plan = true;
	m->planned = true;
	build_preview(m);
}

/* True when every row leaves the school open: no School/BRIN column, or one
 * with nothing in it. */
static bool file_names_no_school(const struct import_file *f)
{
	if (f->column[IMPORT_SCHOOL] < 0)
		return true;
	for (int i = 0; i < f->nrows; i++)
		if (f->rows[i].school)
			return false;
	return true;
}

static void ask_school(struct imp *m, struct tui *t)
{
	char *q = xasprintf("Het bestand %s noemt geen school, en de database heeft er %d. In "
			    "welke school komen de leerlingen?", m->file, m->nschools);
	struct prompt_arg a = {
		.text = q,
		.done = answered,
		.ctx = m,
		.id = ASK_SCHOOL,
	};

	prompt_school(t, &a, m->schools, m->nschools);
	free(q);
}

/* Read the file typed and plan it (after asking for the school when needed).
 * On a failure the path stays as typed. */
static int read_file(struct imp *m, struct tui *t)
{
	struct ibis_error err;
	char *typed = field_get(&m->path);
	char *file = expand_path(typed);

	free(typed);
	if (!file[0]) {
		free(file);
		ibis_fail(&err, IBIS_EINPUT, "Typ het pad van het bestand, bijvoorbeeld "
					     "~/leerlingen.csv.");
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	drop_plan(m);
	free(m->file);
	m->file = file;
	struct import_options opt = { .maps = NULL, .today = date_today() };
	if (import_read_file(m->file, &opt, &m->f, &err) != IBIS_OK) {
		import_file_free(&m->f);
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	m->have_file = true;
	if (m->nschools > 1 && file_names_no_school(&m->f)) {
		ask_school(m, t);
		return TR_HANDLED | TR_REDRAW;
	}
	plan(m, t);
	return TR_HANDLED | TR_REDRAW;
}

/* Read and plan again (after a conflict): the database changed under us. */
static void replan(struct imp *m, struct tui *t)
{
	struct ibis_error err;
	char *school = m->school ? xstrdup(m->school) : NULL;

	drop_plan(m);
	m->school = school;
	struct import_options opt = { .maps = NULL, .today = date_today() };
	if (import_read_file(m->file, &opt, &m->f, &err) != IBIS_OK) {
		import_file_free(&m->f);
		tui_report(t, &err);
		return;
	}
	m->have_file = true;
	plan(m, t);
}

/* ================================================================ applying */

/* Write the rejected rows; false after reporting why. */
static bool write_rejected(struct imp *m, struct tui *t)
{
	struct ibis_error err;
	FILE *out = fopen(m->rejected, "w");

	if (!out) {
		ibis_fail(&err, IBIS_EINPUT, "%s kan niet worden geschreven: %s; er is niets "
					     "geïmporteerd.", m->rejected, strerror(errno));
		tui_report(t, &err);
		return false;
	}
	errno = 0;
	bool ok = import_write_rejected(&m->f, out);
	int e = errno;
	if (fclose(out) != 0 && ok) {
		ok = false;
		e = errno;
	}
	if (!ok) {
		unlink(m->rejected);
		ibis_fail(&err, IBIS_EINPUT, "Schrijven naar %s is mislukt: %s; er is niets "
					     "geïmporteerd.", m->rejected, strerror(e ? e : EIO));
		tui_report(t, &err);
	}
	return ok;
}

static int apply(struct imp *m, struct tui *t, bool skip_invalid)
{
	struct ibis_error err;

	if (skip_invalid && !write_rejected(m, t))
		return TR_REDRAW;
	if (db_import_apply(t->app->db, &m->f, &m->plan, skip_invalid, &err) != IBIS_OK) {
		if (skip_invalid)
			unlink(m->rejected); /* nothing was imported: no half a report */
		tui_report(t, &err);
		if (err.fault == DBF_CONFLICT)
			replan(m, t);
		return TR_REDRAW;
	}
	t->changes++;
	struct strbuf sb = { 0 };
	const struct import_plan *p = &m->plan;
	sb_printf(&sb, "Geïmporteerd: %d %s toegevoegd, %d gewijzigd, %d ongewijzigd.",
		  p->added, p->added == 1 ? "leerling" : "leerlingen", p->changed, p->same);
	if (skip_invalid && p->invalid > 0)
		sb_printf(&sb, " %s met de reden in %s.",
			  p->invalid == 1 ? "De afgekeurde regel staat"
					  : "De afgekeurde regels staan",
			  m->rejected);
	free(m->result);
	m->result = sb_take(&sb);
	m->done = true;
	build_preview(m);
	struct dialog_arg d = {
		.title = "Import klaar",
		.text = m->result,
	};
	tui_push(t, &dialog_screen, &d);
	return TR_REDRAW;
}

static int ask_apply(struct imp *m, struct tui *t)
{
	struct ibis_error err;
	const struct import_plan *p = &m->plan;
	char sy[16];

	if (m->done) {
		ibis_fail(&err, IBIS_EINPUT, "Dit bestand is al geïmporteerd; kies een ander "
					     "bestand met b.");
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	if (db_readonly(t->app->db)) {
		ibis_fail(&err, IBIS_EDB, "De database is alleen-lezen; er is niets "
					  "geïmporteerd.");
		err.fault = DBF_READONLY;
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	if (p->added + p->changed == 0) {
		ibis_fail(&err, IBIS_EINPUT, p->invalid
			  ? "Er is niets te importeren: de geldige regels veranderen niets en de "
			    "ongeldige worden niet geïmporteerd. Verbeter het bestand."
			  : "Er is niets te importeren: alle leerlingen staan er al zo in.");
		tui_report(t, &err);
		return TR_HANDLED | TR_REDRAW;
	}
	schoolyear_format(m->year, sy);
	struct strbuf sb = { 0 };
	struct prompt_arg a = {
		.kind = PROMPT_ASK,
		.title = "Importeren",
		.done = answered,
		.ctx = m,
		.id = ASK_APPLY,
	};
	if (p->invalid > 0) {
		free(m->rejected);
		m->rejected = rejected_path(m->file);
		sb_printf(&sb, "%d %s ongeldig; zo wordt er niets geïmporteerd (alles of niets).\n\n",
			  p->invalid, p->invalid == 1 ? "regel is" : "regels zijn");
		sb_printf(&sb, "Alleen de geldige regels importeren? Dan %s %d %s toegevoegd en "
			       "%d gewijzigd (schooljaar %s), en %s de afgekeurde %s met de "
			       "reden in:\n%s\n\n(j/n)",
			  p->added + p->changed == 1 ? "wordt" : "worden", p->added,
			  p->added == 1 ? "leerling" : "leerlingen", p->changed, sy,
			  p->invalid == 1 ? "komt" : "komen", p->invalid == 1 ? "regel" : "regels",
			  m->rejected);
		a.title = "Alleen de geldige regels?";
		a.id = ASK_APPLY_VALID;
	} else {
		sb_printf(&sb, "%d %s toevoegen en %d wijzigen (schooljaar %s)? Alles in één "
			       "keer.", p->added, p->added == 1 ? "leerling" : "leerlingen",
			  p->changed, sy);
		if (p->same > 0)
			sb_printf(&sb, " %d %s ongewijzigd.", p->same,
				  p->same == 1 ? "blijft" : "blijven");
		sb_add(&sb, "\n\n(j/n)");
	}
	a.text = sb_str(&sb);
	prompt_push(t, &a);
	sb_free(&sb);
	return TR_HANDLED | TR_REDRAW;
}

static int answered(void *ctx, struct tui *t, int id, int choice)
{
	struct imp *m = ctx;

	switch (id) {
	case ASK_SCHOOL:
		if (choice < 0 || choice >= m->nschools || !m->have_file)
			return TR_REDRAW;
		free(m->school);
		m->school = xasprintf("%lld", (long long)m->schools[choice].id);
		plan(m, t);
		return TR_REDRAW;
	case ASK_APPLY:
		return apply(m, t, false);
	case ASK_APPLY_VALID:
		return apply(m, t, true);
	default:
		return TR_REDRAW;
	}
}

/* =================================================================== enter */

static int import_enter(struct screen *s, struct tui *t, const void *arg)
{
	struct imp *m = s->state;
	struct ibis_error err;

	(void)arg;
	field_init(&m->path, 1000);
	tv_init(&m->tv);
	m->year = schoolyear_of(date_today());
	if (db_readonly(t->app->db)) {
		ibis_fail(&err, IBIS_EDB, "De database is alleen-lezen geopend: importeren kan "
					  "niet.");
		err.fault = DBF_READONLY;
		tui_report(t, &err);
		return TR_POP | TR_REDRAW;
	}
	if (db_school_list(t->app->db, &m->schools, &m->nschools, &err) != IBIS_OK) {
		tui_report(t, &err);
		m->nschools = 0;
	}
	if (m->nschools == 1)
		m->place = xstrdup(m->schools[0].name ? m->schools[0].name : "");
	else
		m->place = xasprintf("%d scholen", m->nschools);
	return TR_REDRAW;
}

static void import_leave(struct screen *s, struct tui *t)
{
	struct imp *m = s->state;

	(void)t;
	drop_plan(m);
	tv_free(&m->tv);
	field_free(&m->path);
	free(m->file);
	free(m->place);
	schools_free(m->schools, m->nschools);
}

/* ==================================================================== draw */

static void draw_path(struct imp *m, struct tui *t, int y)
{
	static const char label[] = "Bestand: ";
	struct strlist lines = { 0 };
	char sy[16];
	int width = COLS - 4;

	schoolyear_format(m->year, sy);
	char *intro = xasprintf(
		"Importeer leerlingen uit een CSV-bestand (een export van ParnasSys of ESIS, een "
		"lijst uit Excel, of ibis export pupils) in schooljaar %s. Eerst ziet u wat er "
		"zou veranderen; er wordt pas iets opgeslagen na uw bevestiging.", sy);
	text_wrap(intro, width, &lines);
	free(intro);
	y++;
	for (size_t i = 0; i < lines.len; i++)
		draw_text(y++, 2, width, lines.items[i], role_attr(t, ROLE_NORMAL));
	sl_free(&lines);
	y++;
	int lw = text_cols(label);
	draw_text(y, 2, lw, label, role_attr(t, ROLE_LABEL));
	int cx = field_draw(&m->path, y, 2 + lw, width - lw,
			    role_attr(t, ROLE_PROMPT) | A_UNDERLINE);
	t->want_cursor = true;
	t->cursor_y = y;
	t->cursor_x = cx;
	y += 2;
	text_wrap("Kolommen (kopregel): Roepnaam (of Voornaam), Achternaam en Geboortedatum "
		  "zijn verplicht; verder Tussenvoegsel, Leerlingnummer, Groep, School of BRIN "
		  "en Status. Scheidingsteken ; of , — UTF-8 of Windows-1252; "
		  "datums als dd-mm-jjjj, d-m-jjjj of jjjj-mm-dd. Een ~ aan het begin is uw "
		  "thuismap.", width, &lines);
	for (size_t i = 0; i < lines.len && y < LINES - 2; i++)
		draw_text(y++, 2, width, lines.items[i], role_attr(t, ROLE_DIM));
	sl_free(&lines);
}

static void draw_plan(struct imp *m, struct tui *t, int y)
{
	const struct import_plan *p = &m->plan;
	char *counts = xasprintf("Toevoegen %d · Wijzigen %d · Ongewijzigd %d · Overslaan %d · "
				 "Ongeldig %d", p->added, p->changed, p->same, p->skipped,
				 p->invalid);
	draw_text(y, 1, COLS - 2, counts, role_attr(t, ROLE_NORMAL) | A_BOLD);
	free(counts);

	char *file = xasprintf("Bestand: %s (%d %s)", m->file, m->f.nrows,
			       m->f.nrows == 1 ? "regel" : "regels");
	draw_text(y + 1, 1, COLS - 2, file, role_attr(t, ROLE_DIM));
	free(file);

	enum role role = ROLE_PROMPT;
	char *status;
	if (m->done)
		status = xasprintf("Geïmporteerd: %d toegevoegd, %d gewijzigd, %d ongewijzigd.",
				   p->added, p->changed, p->same);
	else if (p->invalid > 0) {
		role = ROLE_ERROR;
		status = xasprintf("%d %s ongeldig: zo wordt niets geïmporteerd. i: alleen de "
				   "geldige regels.", p->invalid,
				   p->invalid == 1 ? "regel is" : "regels zijn");
	} else if (p->added + p->changed == 0)
		status = xstrdup("Niets te importeren: alles staat er al zo in.");
	else
		status = xstrdup("Nog niets opgeslagen: i importeert (na een vraag).");
	draw_text(y + 2, 1, COLS - 2, status, role_attr(t, role) | A_BOLD);
	free(status);

	tv_draw(t, &m->tv, y + 4, LINES - 2 - (y + 4));
}

static void import_draw(struct screen *s, struct tui *t)
{
	struct imp *m = s->state;
	char *left = xasprintf("ibis — Importeren · %s", m->place ? m->place : "");
	int y = draw_header(t, left, m->planned ? "Leerlingen" : NULL);

	free(left);
	if (m->planned)
		draw_plan(m, t, y);
	else
		draw_path(m, t, y);
}

/* ==================================================================== keys */

static const struct keydef *import_keymap(struct screen *s)
{
	struct imp *m = s->state;

	if (!m->planned)
		return path_keys;
	return m->done ? done_keys : plan_keys;
}

static bool import_typing(struct screen *s)
{
	struct imp *m = s->state;

	return !m->planned;
}

static int import_action(struct screen *s, struct tui *t, int action, tkey key)
{
	struct imp *m = s->state;

	switch (action) {
	case IM_READ:
		return read_file(m, t);
	case IM_EDIT:
		field_key(&m->path, key);
		return TR_HANDLED | TR_REDRAW;
	case IM_APPLY:
		return ask_apply(m, t);
	case IM_OTHER:
		/* Back to the path, as it was typed. */
		drop_plan(m);
		return TR_HANDLED | TR_REDRAW;
	default:
		return tv_action(&m->tv, action);
	}
}

static int import_input(struct screen *s, struct tui *t, tkey key)
{
	struct imp *m = s->state;

	(void)t;
	field_key(&m->path, key);
	return TR_HANDLED | TR_REDRAW;
}

const struct screen_ops import_screen = {
	.name = "Importeren",
	.state_size = sizeof(struct imp),
	.enter = import_enter,
	.draw = import_draw,
	.tables = import_tables,
	.keymap = import_keymap,
	.action = import_action,
	.typing = import_typing,
	.input = import_input,
	.leave = import_leave,
};
