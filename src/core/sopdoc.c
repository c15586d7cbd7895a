/* sopdoc.c - see sopdoc.h.
 *
 * Two documents from one gathered input. The SOP is the school's formal
 * profile (after seed 003): every part, the checklist and the HGW means, as
 * the samenwerkingsverband and the MR read it. The schoolgids section speaks
 * to parents: short sentences, every word of the trade explained where it is
 * first used, and nothing internal (no scores, no staff names, no notes).
 *
 * A part that has nothing to show says so in a sentence: an empty heading
 * reads as if something was lost, a sentence reads as a fact.
 */
#include "ibis/sopdoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ibis/date.h"
#include "ibis/db_school.h"
#include "ibis/db_sop.h"
#include "ibis/util.h"

/* ================================================================ gather */

enum ibis_status sop_gather(struct app *app, ibis_id school_id, int school_year,
			    struct sop_input *in, struct ibis_error *err)
{
	memset(in, 0, sizeof(*in));
	in->school_year = school_year;
	in->today = date_today();
	in->basis = &app->dom.basis;
	in->data = &app->dom.sop;
	if (!app->db)
		return ibis_fail(err, IBIS_EDB, "Er is geen database geopend.");

	enum ibis_status st = db_school_get(app->db, school_id, &in->school, err);
	if (st != IBIS_OK)
		return st;
	in->model = domain_model(&app->dom, in->school.level_model);

	st = db_expertise_list(app->db, school_id, school_year, &in->expertise, &in->nexpertise,
			       err);
	if (st == IBIS_OK)
		st = db_training_list(app->db, school_id, school_year, true, &in->training,
				      &in->ntraining, err);
	if (st == IBIS_OK)
		st = db_offer_list(app->db, school_id, school_year, &in->offers, &in->noffers, err);
	if (st == IBIS_OK)
		st = db_limit_list(app->db, school_id, school_year, &in->limits, &in->nlimits, err);
	if (st == IBIS_OK)
		st = db_basis_list(app->db, school_id, school_year, &in->cells, &in->ncells, err);
	if (st == IBIS_OK)
		st = db_score_list(app->db, school_id, NULL, school_year - 1, school_year,
				   &in->scores, &in->nscores, err);
	if (st != IBIS_OK)
		return st;

	in->nsets = app->dom.nsets;
	in->sets = xcalloc(in->nsets > 0 ? (size_t)in->nsets : 1, sizeof(*in->sets));
	for (int i = 0; i < in->nsets; i++)
		in->sets[i] = &app->dom.sets[i];
	return IBIS_OK;
}

void sop_input_free(struct sop_input *in)
{
	if (!in)
		return;
	school_clear(&in->school);
	sop_expertise_free(in->expertise, in->nexpertise);
	sop_training_free(in->training, in->ntraining);
	sop_offer_free(in->offers, in->noffers);
	sop_limit_free(in->limits, in->nlimits);
	basis_cells_free(in->cells, in->ncells);
	free(in->sets);
	indicator_scores_free(in->scores, in->nscores);
	memset(in, 0, sizeof(*in));
}

/* ================================================================ common */

/* What the document writer and every part need. */
struct sopw {
	const struct sop_input *in;
	struct docw w;
	char year[16];      /* "2026-2027" */
	char prev_year[16]; /* "2025-2026" */
};

static const char *school_name(const struct sop_input *in)
{
	return !str_empty(in->school.name) ? in->school.name : "de school";
}

/* The level of the school's model at position, NULL when unknown. */
static const struct level *model_level(const struct sop_input *in, int position)
{
	return in->model ? levelmodel_level(in->model, position) : NULL;
}

/* "Niveau 2" (the level's short name), "niveau 2" when the model lacks it,
 * NULL for 0. Caller frees. */
static char *level_short(const struct sop_input *in, int position)
{
	if (position <= 0)
		return NULL;
	const struct level *l = model_level(in, position);
	if (l && !str_empty(l->short_name))
		return xstrdup(l->short_name);
	return xasprintf("niveau %d", position);
}

/* The ontwikkelingsgebied with this number in the grid, NULL when none. */
static const struct basis_area *find_area(const struct basis_grid *g, int number)
{
	for (int i = 0; g && i < g->nareas; i++)
		if (g->areas[i].number == number)
			return &g->areas[i];
	return NULL;
}

static const struct basis_cell *find_cell(const struct sop_input *in, int area,
					  const char *aspect)
{
	for (int i = 0; i < in->ncells; i++)
		if (in->cells[i].area == area && in->cells[i].aspect &&
		    strcmp(in->cells[i].aspect, aspect) == 0)
			return &in->cells[i];
	return NULL;
}

/* Items joined as Dutch prose: "a", "a en b", "a, b en c". Caller frees. */
static char *join_and(const struct strlist *items)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < items->len; i++) {
		if (i > 0)
			sb_add(&sb, i + 1 == items->len ? " en " : ", ");
		sb_add(&sb, items->items[i]);
	}
	return sb_take(&sb);
}

/* A number the school may leave open (-1): "" then. Into buf. */
static const char *count_text(int v, char *buf, size_t size)
{
	if (v < 0)
		return "";
	snprintf(buf, size, "%d", v);
	return buf;
}

/* The school years of the training rows up to the document's year, newest
 * first, without duplicates. Caller frees. */
static int *training_years(const struct sop_input *in, int *n)
{
	int *years = xcalloc(in->ntraining > 0 ? (size_t)in->ntraining : 1, sizeof(*years));
	*n = 0;
	for (int i = 0; i < in->ntraining; i++) {
		int y = in->training[i].school_year;
		if (y > in->school_year)
			continue;
		int k = 0;
		while (k < *n && years[k] != y)
			k++;
		if (k < *n)
			continue;
		/* insert keeping newest first */
		int pos = 0;
		while (pos < *n && years[pos] > y)
			pos++;
		memmove(&years[pos + 1], &years[pos], (size_t)(*n - pos) * sizeof(*years));
		years[pos] = y;
		(*n)++;
	}
	return years;
}

/* Indices of the offers of one kenmerk (NULL = general; unknown keys are
 * matched as written), ordered by level (not given last), then as read.
 * Caller frees. */
static int *offers_of(const struct sop_input *in, const char *kenmerk, int *n)
{
	int *idx = xcalloc(in->noffers > 0 ? (size_t)in->noffers : 1, sizeof(*idx));
	*n = 0;
	for (int i = 0; i < in->noffers; i++) {
		const char *k = in->offers[i].kenmerk;
		bool match = kenmerk ? (k && strcmp(k, kenmerk) == 0) : str_empty(k);
		if (!match)
			continue;
		int lv = in->offers[i].level > 0 ? in->offers[i].level : 1000000;
		int pos = *n;
		while (pos > 0) {
			const struct sop_offer *o = &in->offers[idx[pos - 1]];
			int plv = o->level > 0 ? o->level : 1000000;
			if (plv <= lv)
				break;
			idx[pos] = idx[pos - 1];
			pos--;
		}
		idx[pos] = i;
		(*n)++;
	}
	return idx;
}

/* The kenmerk keys of offers that sop.ini does not know (a school's old or
 * own key), in order of first appearance: they are shown under their key
 * rather than lost. */
static void unknown_kenmerken(const struct sop_input *in, struct strlist *out)
{
	for (int i = 0; i < in->noffers; i++) {
		const char *k = in->offers[i].kenmerk;
		if (str_empty(k) || sop_kenmerk_find(in->data, k))
			continue;
		bool seen = false;
		for (size_t j = 0; j < out->len && !seen; j++)
			seen = strcmp(out->items[j], k) == 0;
		if (!seen)
			sl_add(out, k);
	}
}

/* The headings of the limits in the order to show them: the usual headings
 * of sop.ini first (in its order), then the school's own in order of first
 * appearance. Headings are compared without case. Limits without heading
 * are not listed here. */
static void limit_headings(const struct sop_input *in, struct strlist *out)
{
	for (size_t g = 0; in->data && g < in->data->grenzen.len; g++) {
		for (int i = 0; i < in->nlimits; i++) {
			if (in->limits[i].heading &&
			    strcasecmp(in->limits[i].heading, in->data->grenzen.items[g]) == 0) {
				sl_add(out, in->data->grenzen.items[g]);
				break;
			}
		}
	}
	for (int i = 0; i < in->nlimits; i++) {
		const char *h = in->limits[i].heading;
		if (str_empty(h))
			continue;
		bool seen = false;
		for (size_t j = 0; j < out->len && !seen; j++)
			seen = strcasecmp(out->items[j], h) == 0;
		if (!seen)
			sl_add(out, h);
	}
}

/* The descriptions of the limits under heading (NULL = those without one). */
static void limits_under(const struct sop_input *in, const char *heading, struct strlist *out)
{
	for (int i = 0; i < in->nlimits; i++) {
		const struct sop_limit *l = &in->limits[i];
		if (str_empty(l->description))
			continue;
		bool match = heading ? (l->heading && strcasecmp(l->heading, heading) == 0)
				     : str_empty(l->heading);
		if (match)
			sl_add(out, l->description);
	}
}

/* The grenzen, grouped: one sub-heading per heading, then those without a
 * heading ("Overige grenzen" when there were headings, else a plain list). */
static void write_limits(struct sopw *s)
{
	struct strlist plain = {0}, heads = {0};
	limit_headings(s->in, &heads);
	for (size_t h = 0; h < heads.len; h++) {
		struct strlist items = {0};
		limits_under(s->in, heads.items[h], &items);
		docw_heading(&s->w, 3, heads.items[h]);
		docw_list(&s->w, &items);
		sl_free(&items);
	}
	limits_under(s->in, NULL, &plain);
	if (plain.len && heads.len)
		docw_heading(&s->w, 3, "Overige grenzen");
	docw_list(&s->w, &plain);
	sl_free(&plain);
	sl_free(&heads);
}

/* The number of limits with a description. */
static int count_limits(const struct sop_input *in)
{
	int n = 0;
	for (int i = 0; i < in->nlimits; i++)
		n += !str_empty(in->limits[i].description);
	return n;
}

/* ============================================================ the SOP */

static void sop_school_facts(struct sopw *s)
{
	const struct sop_input *in = s->in;
	struct strlist names = {0}, values = {0};
	char date[DATE_NL_LEN];

	sl_add(&names, "School");
	sl_add(&values, school_name(in));
	if (!str_empty(in->school.brin)) {
		sl_add(&names, "BRIN");
		sl_add(&values, in->school.brin);
	}
	sl_add(&names, "Schooljaar");
	sl_add(&values, s->year);
	sl_add(&names, "Ondersteuningsniveaus");
	if (in->model)
		sl_add(&values, in->model->name);
	else
		sl_add(&values, !str_empty(in->school.level_model) ? in->school.level_model
								   : "niet gekozen");
	if (in->basis && !str_empty(in->basis->name)) {
		sl_add(&names, "Norm basisondersteuning");
		sl_add(&values, in->basis->name);
	}
	if (in->today != DATE_NONE) {
		sl_add(&names, "Opgesteld op");
		sl_add(&values, date_format_nl(in->today, date));
	}
	docw_facts(&s->w, &names, &values);
	sl_free(&names);
	sl_free(&values);

	char *text = xasprintf(
		"In dit schoolondersteuningsprofiel beschrijft %s welke ondersteuning de school "
		"biedt: hoe zij de basisondersteuning realiseert die het samenwerkingsverband van "
		"iedere school vraagt, welke extra ondersteuning zij daarbovenop kan bieden en waar "
		"de grenzen van haar mogelijkheden liggen. Het profiel wordt ieder schooljaar "
		"bijgewerkt en door de medezeggenschapsraad (MR) vastgesteld.",
		school_name(in));
	docw_paragraph(&s->w, text);
	free(text);

	struct strlist roles = {0};
	sl_add(&roles, "Directeur");
	sl_add(&roles, "Voorzitter MR");
	docw_signatures(&s->w, &roles);
	sl_free(&roles);
}

/* The text of a checklist cell: the norm's, with the school's own added, or
 * the school's alone where the norm is silent. Caller frees. */
static char *cell_text(const struct basis_area *area, int aspect, const struct basis_cell *c)
{
	const char *norm = area->texts ? area->texts[aspect] : NULL;
	const char *own = c ? c->description : NULL;
	if (!str_empty(norm) && !str_empty(own))
		return xasprintf("%s\n\nAanvulling school: %s", norm, own);
	if (!str_empty(norm))
		return xstrdup(norm);
	if (!str_empty(own))
		return xasprintf("Beschrijving school: %s", own);
	return xstrdup("De norm beschrijft dit aspect niet; de school heeft het nog niet "
		       "beschreven.");
}

static void sop_basis(struct sopw *s)
{
	const struct sop_input *in = s->in;
	const struct basis_grid *g = in->basis;
	if (!g || g->nareas == 0 || g->naspects == 0) {
		docw_paragraph(&s->w, "Er is geen norm voor de basisondersteuning geladen; de "
				      "checklist kan daarom niet worden getoond.");
		return;
	}

	int counts[BASIS_NSTATUS] = {0};
	for (int a = 0; a < g->nareas; a++) {
		for (int k = 0; k < g->naspects; k++) {
			const struct basis_cell *c =
				find_cell(in, g->areas[a].number, g->aspect_keys[k]);
			enum basis_status st = c ? c->status : BASIS_OPEN;
			if ((int)st < 0 || (int)st >= BASIS_NSTATUS)
				st = BASIS_OPEN;
			counts[st]++;
		}
	}
	int total = g->nareas * g->naspects;

	struct strlist aspects = {0};
	for (int k = 0; k < g->naspects; k++)
		sl_add(&aspects, g->aspect_names[k]);
	char *aspect_list = join_and(&aspects);
	sl_free(&aspects);
	char *intro = xasprintf(
		"De school toetst haar basisondersteuning aan de norm van het "
		"samenwerkingsverband (%s). Per ontwikkelingsgebied beoordeelt zij de aspecten "
		"%s. Bij elk aspect staat de beschrijving uit de norm (of die van de school waar "
		"de norm niets beschrijft), het oordeel van de school, een toelichting en het "
		"protocol of document waarop het rust.",
		g->name, aspect_list);
	free(aspect_list);
	docw_paragraph(&s->w, intro);
	free(intro);

	if (counts[BASIS_OPEN] == total) {
		char *t = xasprintf("In %s is nog geen enkel onderdeel van de checklist "
				    "beoordeeld (%d onderdelen open).",
				    s->year, total);
		docw_paragraph(&s->w, t);
		free(t);
	}
	static const enum basis_status order[BASIS_NSTATUS] = {
		BASIS_MEETS, BASIS_PARTLY, BASIS_FAILS, BASIS_NA, BASIS_OPEN,
	};
	const char *head[2] = {"Oordeel", "Aantal"};
	docw_table_begin(&s->w, head, 2);
	for (int i = 0; i < BASIS_NSTATUS; i++) {
		char num[16];
		snprintf(num, sizeof(num), "%d", counts[order[i]]);
		const char *row[2] = {basis_status_label(order[i]), num};
		docw_row(&s->w, row);
	}
	char num[16];
	snprintf(num, sizeof(num), "%d", total);
	const char *last[2] = {"Totaal", num};
	docw_row(&s->w, last);
	docw_table_end(&s->w);

	for (int a = 0; a < g->nareas; a++) {
		const struct basis_area *area = &g->areas[a];
		char *title = xasprintf("%d %s", area->number, area->name);
		docw_heading(&s->w, 3, title);
		free(title);
		const char *cols[5] = {"Aspect", "Beschrijving", "Oordeel", "Toelichting",
				       "Protocol of document"};
		docw_table_begin(&s->w, cols, 5);
		for (int k = 0; k < g->naspects; k++) {
			const struct basis_cell *c = find_cell(in, area->number, g->aspect_keys[k]);
			char *text = cell_text(area, k, c);
			const char *row[5] = {
				g->aspect_names[k], text,
				basis_status_label(c ? c->status : BASIS_OPEN),
				c ? c->note : NULL, c ? c->document : NULL,
			};
			docw_row(&s->w, row);
			free(text);
		}
		docw_table_end(&s->w);
	}
}

/* "toestemming, opp" from a level's requirement bits. Caller frees; NULL
 * when none. */
static char *requirement_words(unsigned req)
{
	struct strlist words = {0};
	for (unsigned bit = 1; bit && bit <= LEVEL_REQ_HOORRECHT; bit <<= 1) {
		const char *w = (req & bit) ? level_requirement_name(bit) : NULL;
		if (w)
			sl_add(&words, w);
	}
	char *out = NULL;
	if (words.len) {
		struct strbuf sb = {0};
		for (size_t i = 0; i < words.len; i++)
			sb_printf(&sb, "%s%s", i ? ", " : "", words.items[i]);
		out = sb_take(&sb);
	}
	sl_free(&words);
	return out;
}

static void fact(struct strlist *names, struct strlist *values, const char *name,
		 const char *value)
{
	if (str_empty(value))
		return;
	sl_add(names, name);
	sl_add(values, value);
}

static void sop_levels(struct sopw *s)
{
	const struct level_model *m = s->in->model;
	if (!m) {
		char *t = xasprintf("Het ondersteuningsmodel van de school (%s) is in deze "
				    "installatie niet beschikbaar; de niveaus kunnen daarom niet "
				    "worden beschreven.",
				    !str_empty(s->in->school.level_model) ? s->in->school.level_model
									 : "geen gekozen");
		docw_paragraph(&s->w, t);
		free(t);
		return;
	}
	char *t = xasprintf("De school organiseert haar ondersteuning in %d niveaus, van licht "
			    "naar zwaar (model „%s”).",
			    m->nlevels, m->name);
	docw_paragraph(&s->w, t);
	free(t);
	if (!str_empty(m->description))
		docw_paragraph(&s->w, m->description);
	if (!str_empty(m->source)) {
		t = xasprintf("Bron: %s", m->source);
		docw_note(&s->w, t);
		free(t);
	}
	for (int i = 0; i < m->nlevels; i++) {
		const struct level *l = &m->levels[i];
		char *title = level_display_name(l);
		docw_heading(&s->w, 3, title ? title : "Niveau");
		free(title);

		struct strlist names = {0}, values = {0};
		fact(&names, &values, "Voor wie", l->wie);
		fact(&names, &values, "Wanneer", l->wanneer);
		fact(&names, &values, "Wat", l->wat);
		fact(&names, &values, "Hoe", l->hoe);
		fact(&names, &values, "Waar", l->waar);
		fact(&names, &values, "Regie", l->regie);
		fact(&names, &values, "Betrokken", l->betrokken);
		fact(&names, &values, "Verantwoordelijk", l->verantwoordelijk);
		fact(&names, &values, "Ouders", l->ouders);
		fact(&names, &values, "Bespreking", l->meeting);
		if (l->plans.len) {
			struct strbuf sb = {0};
			for (size_t k = 0; k < l->plans.len; k++)
				sb_printf(&sb, "%s%s", k ? ", " : "", l->plans.items[k]);
			fact(&names, &values, "Plan", sb_str(&sb));
			sb_free(&sb);
		}
		if (l->kind == LEVEL_PLACEMENT)
			fact(&names, &values, "Soort", "plaatsing elders (SBO/SO)");
		else if (l->kind == LEVEL_RETURN)
			fact(&names, &values, "Soort", "terugplaatsing");
		if (l->basis == 1)
			fact(&names, &values, "Ondersteuning", "basisondersteuning");
		else if (l->basis == 0)
			fact(&names, &values, "Ondersteuning", "extra ondersteuning");
		char *req = requirement_words(l->requires);
		fact(&names, &values, "Vereist", req);
		free(req);
		if (names.len == 0)
			docw_paragraph(&s->w, "Het model beschrijft dit niveau niet verder.");
		docw_facts(&s->w, &names, &values);
		sl_free(&names);
		sl_free(&values);
	}
}

static void sop_expertise(struct sopw *s)
{
	const struct sop_input *in = s->in;
	if (in->nexpertise == 0) {
		char *t = xasprintf("Voor %s is nog geen aanwezige expertise vastgelegd.", s->year);
		docw_paragraph(&s->w, t);
		free(t);
		return;
	}
	docw_paragraph(&s->w, "Binnen de school is specifieke deskundigheid aanwezig op het "
			      "gebied van:");
	const char *head[7] = {"Deskundigheid", "Aantal medewerkers", "Opgeleid", "In opleiding",
			       "Ontwikkelingsgebied", "Namen", "Toelichting"};
	docw_table_begin(&s->w, head, 7);
	for (int i = 0; i < in->nexpertise; i++) {
		const struct sop_expertise *e = &in->expertise[i];
		char a[16], b[16], c[16];
		const struct basis_area *area = e->area > 0 ? find_area(in->basis, e->area) : NULL;
		char *area_text = area ? xasprintf("%d %s", area->number, area->name)
			       : e->area > 0 ? xasprintf("gebied %d", e->area)
					     : NULL;
		const char *row[7] = {
			e->expertise,
			count_text(e->staff_count, a, sizeof(a)),
			count_text(e->trained, b, sizeof(b)),
			count_text(e->in_training, c, sizeof(c)),
			area_text,
			e->person,
			e->note,
		};
		docw_row(&s->w, row);
		free(area_text);
	}
	docw_table_end(&s->w);
}

static void sop_training(struct sopw *s)
{
	const struct sop_input *in = s->in;
	int nyears;
	int *years = training_years(in, &nyears);
	if (nyears == 0) {
		char *t = xasprintf("Tot en met %s is nog geen professionalisering vastgelegd.",
				    s->year);
		docw_paragraph(&s->w, t);
		free(t);
		free(years);
		return;
	}
	docw_paragraph(&s->w, "Per schooljaar de scholing van het hele team "
			      "(schoolontwikkeling) en van afzonderlijke medewerkers "
			      "(individuele ontwikkeling).");
	for (int y = 0; y < nyears; y++) {
		char buf[16];
		docw_heading(&s->w, 3, schoolyear_format(years[y], buf));
		const char *head[7] = {"Soort", "Onderwerp", "Aantal", "Wie",
				       "Gepland", "Afgerond", "Toelichting"};
		docw_table_begin(&s->w, head, 7);
		/* the school's own development first, as in the source */
		for (int pass = 0; pass < 2; pass++) {
			enum sop_scope scope = pass == 0 ? SOP_SCOPE_SCHOOL : SOP_SCOPE_INDIVIDUAL;
			for (int i = 0; i < in->ntraining; i++) {
				const struct sop_training *t = &in->training[i];
				if (t->school_year != years[y] || t->scope != scope)
					continue;
				char n[16], p[DATE_NL_LEN], d[DATE_NL_LEN];
				const char *row[7] = {
					scope == SOP_SCOPE_SCHOOL ? "Schoolontwikkeling"
								  : "Individuele ontwikkeling",
					t->topic,
					t->participants > 0 ? count_text(t->participants, n, sizeof(n))
							    : NULL,
					t->who,
					t->planned != DATE_NONE ? date_format_nl(t->planned, p) : NULL,
					t->done != DATE_NONE ? date_format_nl(t->done, d) : NULL,
					t->note,
				};
				docw_row(&s->w, row);
			}
		}
		docw_table_end(&s->w);
	}
	free(years);
}

/* One group of offers as a table (Niveau, Aanbod); says so when empty. */
static void offer_table(struct sopw *s, const char *kenmerk)
{
	int n;
	int *idx = offers_of(s->in, kenmerk, &n);
	if (n == 0) {
		docw_paragraph(&s->w, "Hiervoor is nog geen aanbod beschreven.");
		free(idx);
		return;
	}
	const char *head[2] = {"Niveau", "Aanbod"};
	docw_table_begin(&s->w, head, 2);
	for (int i = 0; i < n; i++) {
		const struct sop_offer *o = &s->in->offers[idx[i]];
		char *lv = level_short(s->in, o->level);
		const char *row[2] = {lv, o->description};
		docw_row(&s->w, row);
		free(lv);
	}
	docw_table_end(&s->w);
	free(idx);
}

static void sop_offers(struct sopw *s)
{
	const struct sop_input *in = s->in;
	if (in->noffers == 0) {
		char *t = xasprintf("Voor %s is nog geen aanbod per kindkenmerk beschreven.",
				    s->year);
		docw_paragraph(&s->w, t);
		free(t);
		return;
	}
	docw_paragraph(&s->w, "Het aanbod van de school in de basisondersteuning en de extra "
			      "ondersteuning, per kindkenmerk, met het niveau waarop het wordt "
			      "geboden.");
	int n;
	int *general = offers_of(in, NULL, &n);
	free(general);
	if (n > 0) {
		docw_heading(&s->w, 3, "Algemeen");
		offer_table(s, NULL);
	}
	for (int k = 0; in->data && k < in->data->nkenmerken; k++) {
		const struct sop_kenmerk *km = &in->data->kenmerken[k];
		docw_heading(&s->w, 3, km->name);
		if (!str_empty(km->description))
			docw_note(&s->w, km->description);
		offer_table(s, km->key);
	}
	struct strlist other = {0};
	unknown_kenmerken(in, &other);
	for (size_t i = 0; i < other.len; i++) {
		docw_heading(&s->w, 3, other.items[i]);
		offer_table(s, other.items[i]);
	}
	sl_free(&other);
}

static void sop_limits(struct sopw *s)
{
	if (count_limits(s->in) == 0) {
		char *t = xasprintf("Voor %s zijn nog geen grenzen aan zorg beschreven.", s->year);
		docw_paragraph(&s->w, t);
		free(t);
		return;
	}
	docw_paragraph(&s->w, "De school streeft ernaar ieder kind thuisnabij onderwijs te "
			      "bieden. Er zijn echter grenzen aan haar mogelijkheden; de school "
			      "noemt ze hier, omdat zij sommige leerlingen anders tekort zou doen.");
	write_limits(s);
}

/* "3,2" or "3,2 (5 van 6)" when not every indicator is scored; "—" when
 * none is. Into buf. */
static const char *mean_cell(struct hgw_mean m, char *buf, size_t size)
{
	char mean[32], count[32];
	hgw_mean_text(m, true, mean, sizeof(mean));
	if (m.scored > 0 && m.scored < m.total)
		snprintf(buf, size, "%s (%s)", mean, hgw_count_text(m, count, sizeof(count)));
	else
		snprintf(buf, size, "%s", mean);
	return buf;
}

static void hgw_row(struct sopw *s, const struct indicator_set *set, int section,
		    const char *label)
{
	const struct sop_input *in = s->in;
	struct hgw_mean before =
		hgw_mean(set, section, in->scores, in->nscores, in->school_year - 1, "");
	struct hgw_mean now = hgw_mean(set, section, in->scores, in->nscores, in->school_year, "");
	double delta = 0;
	enum hgw_trend tr = hgw_trend(now, before, &delta);
	char b[64], n[64], change[64], d[32];
	if (tr == HGW_TREND_NONE)
		snprintf(change, sizeof(change), "—");
	else
		snprintf(change, sizeof(change), "%s %s", hgw_trend_symbol(tr, true),
			 hgw_delta_text(delta, d, sizeof(d)));
	const char *row[4] = {label, mean_cell(before, b, sizeof(b)), mean_cell(now, n, sizeof(n)),
			      change};
	docw_row(&s->w, row);
}

static void sop_hgw(struct sopw *s)
{
	const struct sop_input *in = s->in;
	if (in->nsets == 0) {
		docw_paragraph(&s->w, "Er zijn geen indicatorensets om de school mee te "
				      "beoordelen.");
		return;
	}
	char *t = xasprintf(
		"Ieder jaar beoordeelt de school hoe handelingsgericht zij werkt, aan de hand van "
		"indicatoren met scores van 1 tot 4. Hieronder per set het gemiddelde van de "
		"gezamenlijke scores per sectie in %s en %s en de verandering; tussen haakjes "
		"hoeveel indicatoren zijn gescoord als dat niet alle zijn.",
		s->prev_year, s->year);
	docw_paragraph(&s->w, t);
	free(t);
	for (int i = 0; i < in->nsets; i++) {
		const struct indicator_set *set = in->sets[i];
		docw_heading(&s->w, 3, set->name);
		struct hgw_mean now = hgw_mean(set, 0, in->scores, in->nscores, in->school_year, "");
		struct hgw_mean before =
			hgw_mean(set, 0, in->scores, in->nscores, in->school_year - 1, "");
		if (now.scored == 0 && before.scored == 0) {
			t = xasprintf("Voor deze set zijn in %s en %s nog geen gezamenlijke scores "
				      "vastgelegd.",
				      s->prev_year, s->year);
			docw_paragraph(&s->w, t);
			free(t);
			continue;
		}
		const char *head[4] = {"Sectie", s->prev_year, s->year, "Verandering"};
		docw_table_begin(&s->w, head, 4);
		for (int k = 0; k < set->nsections; k++) {
			char *label = xasprintf("%d %s", set->sections[k].number,
						set->sections[k].name);
			hgw_row(s, set, set->sections[k].number, label);
			free(label);
		}
		hgw_row(s, set, 0, "Totaal");
		docw_table_end(&s->w);
		struct strbuf norm = {0};
		sb_add(&norm, "Scores:");
		for (int k = 0; k < 4; k++)
			if (!str_empty(set->norms[k]))
				sb_printf(&norm, "%s %d = %s", k ? ";" : "", k + 1, set->norms[k]);
		sb_add(&norm, ".");
		docw_note(&s->w, sb_str(&norm));
		sb_free(&norm);
	}
}

static void document_for_school(struct sopw *s)
{
	const struct sop_input *in = s->in;
	const char *name = in->data && !str_empty(in->data->name) ? in->data->name
								 : "Schoolondersteuningsprofiel";
	char *title = xasprintf("%s %s %s", name, school_name(in), s->year);
	docw_begin(&s->w, s->w.format, title);
	docw_heading(&s->w, 1, title);
	free(title);

	docw_heading(&s->w, 2, "Gegevens van de school");
	sop_school_facts(s);
	docw_heading(&s->w, 2, "Basisondersteuning");
	sop_basis(s);
	docw_heading(&s->w, 2, "Ondersteuningsniveaus");
	sop_levels(s);
	docw_heading(&s->w, 2, "Aanwezige expertise");
	sop_expertise(s);
	docw_heading(&s->w, 2, "Professionalisering");
	sop_training(s);
	docw_heading(&s->w, 2, "Aanbod per kindkenmerk");
	sop_offers(s);
	docw_heading(&s->w, 2, "Grenzen aan zorg");
	sop_limits(s);
	docw_heading(&s->w, 2, "Handelingsgericht werken");
	sop_hgw(s);
}

/* ====================================================== the schoolgids */

/* The short names of the levels that match (basis 1/0, or a requirement bit
 * when req is not 0) as prose: "Niveau 3, Niveau 4 en Niveau 5". NULL when
 * none. Caller frees. */
static char *levels_where(const struct level_model *m, int basis, unsigned req)
{
	struct strlist names = {0};
	for (int i = 0; m && i < m->nlevels; i++) {
		const struct level *l = &m->levels[i];
		bool match = req ? (l->requires & req) != 0 : l->basis == basis;
		if (match)
			sl_add(&names, !str_empty(l->short_name) ? l->short_name : l->name);
	}
	char *out = names.len ? join_and(&names) : NULL;
	sl_free(&names);
	return out;
}

/* The levels of the model with basis == basis (or every level for -2) as a
 * list "Niveau 2: In de klas met hulp van collega’s uit de school". */
static void level_list(struct sopw *s, int basis)
{
	const struct level_model *m = s->in->model;
	struct strlist items = {0};
	for (int i = 0; m && i < m->nlevels; i++) {
		const struct level *l = &m->levels[i];
		if (basis != -2 && l->basis != basis)
			continue;
		if (!str_empty(l->short_name) && !str_empty(l->name) &&
		    strcmp(l->short_name, l->name) != 0)
			sl_addf(&items, "%s: %s", l->short_name, l->name);
		else
			sl_add(&items, !str_empty(l->name) ? l->name : l->short_name);
	}
	docw_list(&s->w, &items);
	sl_free(&items);
}

static bool model_says_basis(const struct level_model *m)
{
	for (int i = 0; m && i < m->nlevels; i++)
		if (m->levels[i].basis >= 0)
			return true;
	return false;
}

static void gids_intro(struct sopw *s)
{
	const struct sop_input *in = s->in;
	char *t = xasprintf(
		"Ieder kind is anders. De meeste kinderen leren goed met de lessen en de hulp van "
		"de leerkracht in de klas. Sommige kinderen hebben meer hulp nodig. Bijvoorbeeld "
		"bij lezen of rekenen, bij hun gedrag of bij hun gezondheid. Die hulp noemen wij "
		"ondersteuning. In dit deel van de schoolgids leest u welke ondersteuning %s "
		"geeft in schooljaar %s.",
		school_name(in), s->year);
	docw_paragraph(&s->w, t);
	free(t);
	docw_paragraph(&s->w,
		       "Onze school werkt samen met andere scholen in de regio. Samen vormen zij "
		       "een samenwerkingsverband. De scholen hebben met elkaar afgesproken welke "
		       "hulp iedere school in ieder geval geeft. Zo weet u wat u van ons mag "
		       "verwachten.");
	if (in->model && in->model->nlevels > 0) {
		t = xasprintf("Wij geven ondersteuning in %d stappen. Die stappen noemen wij "
			      "niveaus. Hoe hoger het niveau, hoe meer hulp uw kind krijgt:",
			      in->model->nlevels);
		docw_paragraph(&s->w, t);
		free(t);
		level_list(s, -2);
	}
}

static void gids_basis(struct sopw *s)
{
	const struct level_model *m = s->in->model;
	docw_paragraph(&s->w,
		       "De basisondersteuning is de hulp die iedere leerling op onze school kan "
		       "krijgen. U hoeft daarvoor niets aan te vragen. Het samenwerkingsverband "
		       "heeft afgesproken wat er minstens bij hoort.");
	docw_paragraph(&s->w,
		       "Denk aan extra uitleg en oefening bij lezen, spelling en rekenen. Aan "
		       "meer uitdaging voor kinderen die snel leren. Aan hulp bij het plannen "
		       "van werk, bij gedrag en bij het omgaan met andere kinderen. En aan hulp "
		       "bij de taal, bij een ziekte of bij een lichamelijke beperking. De school "
		       "let goed op hoe ieder kind zich ontwikkelt. Zo ziet zij op tijd wanneer "
		       "een kind iets extra nodig heeft.");
	if (model_says_basis(m)) {
		char *basis = levels_where(m, 1, 0);
		if (basis) {
			docw_paragraph(&s->w, "Bij ons hoort dit bij de basisondersteuning:");
			level_list(s, 1);
		}
		free(basis);
	}
}

static void gids_more(struct sopw *s)
{
	const struct sop_input *in = s->in;
	const struct level_model *m = in->model;
	docw_paragraph(&s->w,
		       "Soms is de basisondersteuning niet genoeg. De leerkracht merkt dat vaak "
		       "als eerste en praat er dan met u over. Daarna denkt de intern begeleider "
		       "mee. De intern begeleider is de collega die op school de hulp aan "
		       "leerlingen regelt.");
	docw_paragraph(&s->w,
		       "Samen met u bekijken wij wat uw kind nodig heeft. Soms vragen wij advies "
		       "aan een deskundige van buiten de school, bijvoorbeeld van het "
		       "samenwerkingsverband. Hulp die verder gaat dan de basisondersteuning heet "
		       "extra ondersteuning.");
	char *extra = model_says_basis(m) ? levels_where(m, 0, 0) : NULL;
	if (extra) {
		docw_paragraph(&s->w, "Bij ons is dit extra ondersteuning:");
		level_list(s, 0);
	}
	free(extra);
	char *consent = levels_where(m, -1, LEVEL_REQ_CONSENT);
	if (consent) {
		char *t = xasprintf("Bij %s vragen wij altijd eerst uw toestemming.", consent);
		docw_paragraph(&s->w, t);
		free(t);
		free(consent);
	} else {
		docw_paragraph(&s->w, "Voor extra ondersteuning vragen wij altijd eerst uw "
				      "toestemming.");
	}
	char *opp = levels_where(m, -1, LEVEL_REQ_OPP);
	if (opp) {
		int months = m->rules.opp_eval_months;
		char *when = months == 12 ? xstrdup("minstens één keer per jaar")
			     : months > 0 ? xasprintf("minstens iedere %d maanden", months)
					  : xstrdup("regelmatig");
		char *t = xasprintf(
			"Bij %s maken wij samen met u een plan voor uw kind. Dat plan heet een "
			"ontwikkelingsperspectief (OPP). Daarin staat wat uw kind gaat leren en welke "
			"hulp het krijgt. Wij bespreken het plan %s met u.",
			opp, when);
		docw_paragraph(&s->w, t);
		free(t);
		free(when);
		free(opp);
	}
	bool elsewhere = false;
	for (int i = 0; m && i < m->nlevels; i++)
		elsewhere = elsewhere || m->levels[i].kind == LEVEL_PLACEMENT ||
			    (m->levels[i].requires & LEVEL_REQ_TLV);
	if (elsewhere)
		docw_paragraph(&s->w,
			       "Soms past een andere school beter bij uw kind, bijvoorbeeld een "
			       "school voor speciaal (basis)onderwijs. Daarvoor is een "
			       "toelaatbaarheidsverklaring (TLV) van het samenwerkingsverband "
			       "nodig. Dat is een besluit dat uw kind naar zo’n school mag. Dit "
			       "gebeurt altijd in overleg met u.");
}

static void gids_expertise(struct sopw *s)
{
	const struct sop_input *in = s->in;
	struct strlist items = {0};
	for (int i = 0; i < in->nexpertise; i++) {
		const struct sop_expertise *e = &in->expertise[i];
		if (str_empty(e->expertise))
			continue;
		bool learning = e->in_training > 0 && e->trained <= 0;
		if (e->staff_count > 1)
			sl_addf(&items, "%s (%d collega’s%s)", e->expertise, e->staff_count,
				learning ? ", nog in opleiding" : "");
		else
			sl_addf(&items, "%s%s", e->expertise, learning ? " (nog in opleiding)" : "");
	}
	if (items.len == 0) {
		docw_paragraph(&s->w, "Voor dit schooljaar staat hier nog niet beschreven welke "
				      "deskundigheid er in onze school is. De intern begeleider "
				      "vertelt u er graag meer over.");
	} else {
		docw_paragraph(&s->w, "In ons team werken collega’s met een extra opleiding. Zij "
				      "helpen de leerkrachten en denken mee over kinderen die meer "
				      "nodig hebben. Op onze school zijn dat:");
		docw_list(&s->w, &items);
	}
	sl_free(&items);

	struct strlist topics = {0};
	for (int i = 0; i < in->ntraining; i++)
		if (in->training[i].school_year == in->school_year &&
		    in->training[i].scope == SOP_SCOPE_SCHOOL && !str_empty(in->training[i].topic))
			sl_add(&topics, in->training[i].topic);
	if (topics.len) {
		docw_paragraph(&s->w, "Dit schooljaar leert het hele team samen over:");
		docw_list(&s->w, &topics);
	}
	sl_free(&topics);
}

/* The offers of one group for parents: "Niveau 2: description". */
static void gids_offer_list(struct sopw *s, const char *kenmerk)
{
	int n;
	int *idx = offers_of(s->in, kenmerk, &n);
	struct strlist items = {0};
	for (int i = 0; i < n; i++) {
		const struct sop_offer *o = &s->in->offers[idx[i]];
		char *lv = level_short(s->in, o->level);
		if (lv)
			sl_addf(&items, "%s: %s", lv, o->description ? o->description : "");
		else
			sl_add(&items, o->description ? o->description : "");
		free(lv);
	}
	docw_list(&s->w, &items);
	sl_free(&items);
	free(idx);
}

static void gids_offers(struct sopw *s)
{
	const struct sop_input *in = s->in;
	if (in->noffers == 0) {
		docw_paragraph(&s->w, "Voor dit schooljaar hebben wij nog niet per onderwerp "
				      "beschreven wat wij bieden. Vraag de intern begeleider wat er "
				      "voor uw kind mogelijk is.");
		return;
	}
	docw_paragraph(&s->w, "Hieronder staat per onderwerp wat onze school biedt. Bij elk "
			      "punt staat op welk niveau dat gebeurt.");
	int n;
	free(offers_of(in, NULL, &n));
	if (n > 0) {
		docw_heading(&s->w, 3, "Algemeen");
		gids_offer_list(s, NULL);
	}
	for (int k = 0; in->data && k < in->data->nkenmerken; k++) {
		const struct sop_kenmerk *km = &in->data->kenmerken[k];
		free(offers_of(in, km->key, &n));
		if (n == 0)
			continue;
		docw_heading(&s->w, 3, km->name);
		gids_offer_list(s, km->key);
	}
	struct strlist other = {0};
	unknown_kenmerken(in, &other);
	for (size_t i = 0; i < other.len; i++) {
		docw_heading(&s->w, 3, other.items[i]);
		gids_offer_list(s, other.items[i]);
	}
	sl_free(&other);
}

static void gids_limits(struct sopw *s)
{
	docw_paragraph(&s->w,
		       "Wij willen ieder kind dicht bij huis goed onderwijs geven. Toch kunnen "
		       "wij niet ieder kind alles bieden wat het nodig heeft.");
	if (count_limits(s->in) == 0) {
		docw_paragraph(&s->w, "Voor dit schooljaar hebben wij geen grenzen beschreven. "
				      "Hebt u een vraag hierover? Praat dan met de intern "
				      "begeleider.");
		return;
	}
	docw_paragraph(&s->w, "Hieronder staat wanneer wij die grens bereiken. Past onze school "
			      "niet bij wat uw kind nodig heeft? Dan zoeken wij samen met u en "
			      "het samenwerkingsverband een school die beter past.");
	write_limits(s);
}

static void gids_voice(struct sopw *s)
{
	char *t;
	docw_paragraph(&s->w,
		       "U kent uw kind het best. Daarom praten wij met u over hoe het met uw kind "
		       "gaat en maken wij samen afspraken.");
	docw_paragraph(&s->w,
		       "Wij vragen altijd eerst uw toestemming. Dat doen wij voordat uw kind extra "
		       "ondersteuning krijgt, voordat iemand van buiten de school met uw kind gaat "
		       "werken en voordat wij uw kind bespreken in het ondersteuningsteam. Dat is "
		       "een overleg van de school met deskundigen van binnen en buiten de school.");
	docw_paragraph(&s->w,
		       "Ook uw kind mag meepraten. Dat heet hoorrecht. Sinds 1 augustus 2025 staat "
		       "in de wet dat de school uw kind vraagt wat het nodig heeft en wat het van "
		       "zijn of haar plan vindt. Wij doen dat op een manier die past bij de "
		       "leeftijd van uw kind. Wat uw kind zegt, schrijven wij op in het plan.");
	t = xasprintf("Hebt u vragen over de ondersteuning van uw kind? Praat dan eerst met de "
		      "leerkracht. U kunt ook een afspraak maken met de intern begeleider van "
		      "%s.",
		      school_name(s->in));
	docw_paragraph(&s->w, t);
	free(t);
}

static void document_for_parents(struct sopw *s)
{
	char *title = xasprintf("Ondersteuning op %s, schooljaar %s", school_name(s->in), s->year);
	docw_begin(&s->w, s->w.format, title);
	docw_heading(&s->w, 1, title);
	free(title);

	docw_heading(&s->w, 2, "Ondersteuning op onze school");
	gids_intro(s);
	docw_heading(&s->w, 2, "Wat iedere leerling krijgt: de basisondersteuning");
	gids_basis(s);
	docw_heading(&s->w, 2, "Als uw kind meer nodig heeft");
	gids_more(s);
	docw_heading(&s->w, 2, "Deskundigheid in de school");
	gids_expertise(s);
	docw_heading(&s->w, 2, "Wat wij extra bieden");
	gids_offers(s);
	docw_heading(&s->w, 2, "Waar onze grenzen liggen");
	gids_limits(s);
	docw_heading(&s->w, 2, "U en uw kind praten mee");
	gids_voice(s);
}

char *sop_document(const struct sop_input *in, enum doc_format fmt, enum sop_audience aud)
{
	struct sopw s = {.in = in};
	s.w.format = fmt;
	schoolyear_format(in->school_year, s.year);
	schoolyear_format(in->school_year - 1, s.prev_year);
	if (aud == SOP_FOR_PARENTS)
		document_for_parents(&s);
	else
		document_for_school(&s);
	if (in->today != DATE_NONE) {
		char date[DATE_NL_LEN];
		char *t = xasprintf("Bijgewerkt op %s.", date_format_nl(in->today, date));
		docw_note(&s.w, t);
		free(t);
	}
	return docw_end(&s.w);
}
