/* import.c - see db_import.h.
 *
 * Why everything is loaded first: a pupil file of a whole samenwerkingsverband
 * has 50,000 rows, and a SELECT per row (or three: by Id, by number, by name)
 * costs more than reading the pupils once. So the plan reads the schools, the
 * groups of the school year and every pupil with this year's group in three
 * statements, and matches in memory through hash tables; the apply step then
 * touches only the rows that change, in one transaction: a changed pupil
 * through db_pupil_update (with its version check), the new ones in bulk
 * (see "adding in bulk" below for why).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "ibis/db_import.h"
#include "ibis/db_pupil.h"
#include "ibis/db_school.h"
#include "ibis/text.h"
#include "ibis/util.h"

/* ============================================================ hash table */

/* String keys (owned) to an int, open addressing with linear probing. */
struct hslot {
	char *key;
	int val;
};

struct hmap {
	struct hslot *slots;
	size_t cap, len; /* cap is a power of two */
};

static uint64_t hash_key(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a */
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static struct hslot *hmap_slot(const struct hmap *m, const char *key)
{
	size_t i = (size_t)hash_key(key) & (m->cap - 1);
	while (m->slots[i].key && strcmp(m->slots[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

/* The value of key, or NULL. */
static int *hmap_get(const struct hmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	struct hslot *s = hmap_slot(m, key);
	return s->key ? &s->val : NULL;
}

/* The value slot of key, added (with val) when new: *fresh says which. Takes
 * key. */
static int *hmap_put(struct hmap *m, char *key, int val, bool *fresh)
{
	if ((m->len + 1) * 2 > m->cap) {
		struct hmap bigger = {.cap = m->cap ? m->cap * 2 : 1024};
		bigger.slots = xcalloc(bigger.cap, sizeof(*bigger.slots));
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].key)
				*hmap_slot(&bigger, m->slots[i].key) = m->slots[i];
		bigger.len = m->len;
		free(m->slots);
		*m = bigger;
	}
	struct hslot *s = hmap_slot(m, key);
	if (s->key) {
		free(key);
		*fresh = false;
		return &s->val;
	}
	s->key = key;
	s->val = val;
	m->len++;
	*fresh = true;
	return &s->val;
}

static void hmap_free(struct hmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

/* ================================================================ loading */

/* A pupil already in the database. */
struct known {
	ibis_id id, school_id;
	char *number, *first, *tv, *last;
	ibis_date birth;
	bool left;
	int version;
	ibis_id group_id; /* this school year's group, 0 when none */
	int jaargroep;
	int next_name;    /* the next pupil with the same name key, -1 */
	int matched_row;  /* the first row that matched this pupil, -1 */
};

/* Pupils in id order with their group of the year; the join goes through
 * UNIQUE (pupil_id, school_year). */
static const char SQL_IMPORT_PUPILS[] =
	"SELECT p.id, p.school_id, p.number, p.first_name, p.tussenvoegsel, p.last_name,"
	" p.birth_date, p.left_date IS NOT NULL, p.version, gm.group_id, gm.jaargroep"
	" FROM pupils p"
	" LEFT JOIN group_members gm ON gm.pupil_id = p.id AND gm.school_year = :year"
	" ORDER BY p.id";

/* Moving a pupil to another group of the same school year. */
static const char SQL_IMPORT_MOVE[] =
	"UPDATE group_members SET group_id = :group, jaargroep = :jaargroep,"
	" version = version + 1 WHERE pupil_id = :pupil AND school_year = :year";

struct planner {
	struct db *db;
	struct import_file *f;
	struct import_plan *plan;
	struct known *pupils;
	int npupils;
	struct hmap by_number;  /* "school\x02number" -> pupil */
	struct hmap by_name;    /* "school\x02name key\x02birth" -> first pupil */
	struct hmap schools;    /* folded BRIN or name -> school index, -1 ambiguous */
	struct hmap groups;     /* "school\x02folded name" -> first group */
	int *group_next;        /* the next group with the same key, -1 */
	int group_cap;
	bool *had_groups;       /* per school index: groups in the year before */
	int *school_of_row;     /* per row: school index, -1 when none */
};

static void known_free(struct known *k, int n)
{
	for (int i = 0; i < n; i++) {
		free(k[i].number);
		free(k[i].first);
		free(k[i].tv);
		free(k[i].last);
	}
	free(k);
}

static enum ibis_status load_pupils(struct planner *pl, struct ibis_error *err)
{
	struct dbq q;
	int rc, cap = 0;
	dbq_prepare(&q, pl->db, SQL_IMPORT_PUPILS);
	dbq_bind_int(&q, ":year", pl->plan->school_year);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		pl->pupils = dbi_grow(pl->pupils, pl->npupils, &cap, sizeof(*pl->pupils));
		struct known *k = &pl->pupils[pl->npupils++];
		*k = (struct known){
			.id = dbq_id(&q, 0),
			.school_id = dbq_id(&q, 1),
			.number = dbq_text(&q, 2),
			.first = dbq_text(&q, 3),
			.tv = dbq_text(&q, 4),
			.last = dbq_text(&q, 5),
			.birth = dbq_date(&q, 6),
			.left = dbq_bool(&q, 7),
			.version = (int)dbq_int(&q, 8),
			.group_id = dbq_id(&q, 9),
			.jaargroep = dbq_int_or(&q, 10, -1),
			.next_name = -1,
			.matched_row = -1,
		};
	}
	enum ibis_status st = rc == SQLITE_DONE ? IBIS_OK : dbq_fail(&q, err);
	dbq_finish(&q);
	return st;
}

/* The key of a name and birth date: each part folded (case, accents, ı, ĳ),
 * so "Zoë" in the file finds "Zoe" in the database. Caller frees. */
static char *name_key(ibis_id school, const char *first, const char *tv, const char *last,
		      ibis_date birth)
{
	char *f = text_fold(first), *t = text_fold(tv), *l = text_fold(last);
	struct strbuf sb = {0};
	sb_printf(&sb, "%lld\x02", (long long)school);
	sb_add(&sb, f);
	sb_addc(&sb, '\x01');
	sb_add(&sb, t);
	sb_addc(&sb, '\x01');
	sb_add(&sb, l);
	sb_printf(&sb, "\x02%d", birth);
	free(f);
	free(t);
	free(l);
	return sb_take(&sb);
}

/* Built by hand: the plan makes one per row and per pupil, and printf is a
 * measurable part of a 50,000-row import. Caller frees. */
static char *number_key(ibis_id school, const char *number)
{
	struct strbuf sb = {0};
	char id[24];
	int n = snprintf(id, sizeof(id), "%lld", (long long)school);
	sb_addn(&sb, id, (size_t)n);
	sb_addc(&sb, '\x02');
	sb_add(&sb, number);
	return sb_take(&sb);
}

/* Index the pupils of the schools the file's rows go to. */
static void index_pupils(struct planner *pl, const bool *involved)
{
	bool fresh;
	int s = -1;
	for (int i = 0; i < pl->npupils; i++) {
		struct known *k = &pl->pupils[i];
		/* pupils come in id order, mostly school by school */
		if (s < 0 || pl->plan->schools[s].id != k->school_id) {
			s = -1;
			for (int j = 0; j < pl->plan->nschools && s < 0; j++)
				if (pl->plan->schools[j].id == k->school_id)
					s = j;
		}
		if (s < 0 || !involved[s])
			continue;
		if (k->number)
			hmap_put(&pl->by_number, number_key(k->school_id, k->number), i, &fresh);
		int *first = hmap_put(&pl->by_name,
				      name_key(k->school_id, k->first, k->tv, k->last, k->birth), i,
				      &fresh);
		if (!fresh) {
			/* chain in id order: the first stays first */
			int j = *first;
			while (pl->pupils[j].next_name >= 0)
				j = pl->pupils[j].next_name;
			pl->pupils[j].next_name = i;
		}
	}
}

static struct known *pupil_by_id(struct planner *pl, ibis_id id)
{
	int lo = 0, hi = pl->npupils;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (pl->pupils[mid].id == id)
			return &pl->pupils[mid];
		if (pl->pupils[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* ================================================================ schools */

static const char *school_label(const struct school *s, char *buf, size_t n)
{
	if (s->brin)
		snprintf(buf, n, "%lld %s (%s)", (long long)s->id, s->name, s->brin);
	else
		snprintf(buf, n, "%lld %s", (long long)s->id, s->name);
	return buf;
}

/* The schools by folded BRIN and folded name; a name two schools share maps
 * to -1 (ambiguous). */
static void index_schools(struct planner *pl)
{
	bool fresh;
	for (int i = 0; i < pl->plan->nschools; i++) {
		const struct school *s = &pl->plan->schools[i];
		const char *names[2] = {s->brin, s->name};
		for (int j = 0; j < 2; j++) {
			if (str_empty(names[j]))
				continue;
			int *v = hmap_put(&pl->schools, text_fold(names[j]), i, &fresh);
			if (!fresh && *v != i)
				*v = -1;
		}
	}
}

/* The school index of an Id, BRIN or name; -1 none, -2 ambiguous. */
static int find_school(struct planner *pl, const char *what)
{
	char *end;
	long long id = strtoll(what, &end, 10);
	if (*what >= '0' && *what <= '9' && !*end) {
		for (int i = 0; i < pl->plan->nschools; i++)
			if (pl->plan->schools[i].id == id)
				return i;
	}
	char *key = text_fold(what);
	int *v = hmap_get(&pl->schools, key);
	free(key);
	return !v ? -1 : *v < 0 ? -2 : *v;
}

static char *school_list(const struct import_plan *plan)
{
	struct strbuf sb = {0};
	char buf[300];
	for (int i = 0; i < plan->nschools && i < 10; i++) {
		if (i)
			sb_add(&sb, ", ");
		sb_add(&sb, school_label(&plan->schools[i], buf, sizeof(buf)));
	}
	if (plan->nschools > 10)
		sb_printf(&sb, " en nog %d", plan->nschools - 10);
	return sb_take(&sb);
}

/* Give every row its school, or fail as a whole (see db_import.h). */
static enum ibis_status resolve_schools(struct planner *pl, const char *forced,
					struct ibis_error *err)
{
	struct import_plan *plan = pl->plan;
	struct import_file *f = pl->f;
	int forced_idx = -1;
	if (forced) {
		forced_idx = find_school(pl, forced);
		if (forced_idx < 0) {
			char *list = school_list(plan);
			enum ibis_status st = ibis_fail(
				err, IBIS_EINPUT,
				forced_idx == -2
					? "--school ‘%s’ past bij meer dan één school; geef het Id of de "
					  "BRIN-code (scholen: %s)."
					: "--school ‘%s’: geen school met dat Id, die BRIN-code of die "
					  "naam (scholen: %s).",
				forced, str_empty(list) ? "geen" : list);
			free(list);
			return st;
		}
		plan->forced_school = plan->schools[forced_idx].id;
	}
	if (plan->nschools == 0)
		return ibis_fail(err, IBIS_EINPUT,
				 "De database heeft nog geen school; maak er een met ‘ibis init "
				 "--school NAAM’.");
	bool has_column = f->column[IMPORT_SCHOOL] >= 0;
	if (forced_idx < 0 && !has_column && plan->nschools > 1)
		return ibis_fail(err, IBIS_EINPUT,
				 "De database heeft %d scholen en %s heeft geen kolom School of BRIN; "
				 "kies de school met --school.",
				 plan->nschools, f->name);

	struct strlist unknown = {0};
	struct hmap seen = {0};
	bool fresh;
	for (int i = 0; i < f->nrows; i++) {
		struct import_row *r = &f->rows[i];
		pl->school_of_row[i] = -1;
		if (forced_idx >= 0) {
			pl->school_of_row[i] = forced_idx;
		} else if (str_empty(r->school)) {
			if (plan->nschools == 1)
				pl->school_of_row[i] = 0;
			else if (r->raw->nfields >= f->csv.rows[0].nfields)
				import_row_problem(f, r, IMPORT_SCHOOL,
						   "ontbreekt; de database heeft %d scholen (of kies "
						   "er een met --school)",
						   plan->nschools);
		} else {
			int s = find_school(pl, r->school);
			if (s >= 0)
				pl->school_of_row[i] = s;
			else if (s == -2)
				import_row_problem(f, r, IMPORT_SCHOOL,
						   "‘%s’ past bij meer dan één school; schrijf de "
						   "BRIN-code",
						   r->school);
			else {
				hmap_put(&seen, text_fold(r->school), 0, &fresh);
				if (fresh)
					sl_add(&unknown, r->school);
			}
		}
		if (pl->school_of_row[i] >= 0)
			plan->rows[i].school_id = plan->schools[pl->school_of_row[i]].id;
	}
	hmap_free(&seen);
	if (!unknown.len)
		return IBIS_OK;

	struct strbuf names = {0};
	for (size_t i = 0; i < unknown.len && i < 10; i++)
		sb_printf(&names, "%s‘%s’", i ? ", " : "", unknown.items[i]);
	if (unknown.len > 10)
		sb_printf(&names, " en nog %zu", unknown.len - 10);
	char *list = school_list(plan);
	enum ibis_status st = ibis_fail(
		err, IBIS_EINPUT,
		"%s noemt %s %s die niet in de database %s (scholen: %s); import maakt geen "
		"scholen. Zet alle leerlingen in één school met --school.",
		f->name, unknown.len > 1 ? "de scholen" : "de school", sb_str(&names),
		unknown.len > 1 ? "staan" : "staat", list);
	free(list);
	sb_free(&names);
	sl_free(&unknown);
	return st;
}

/* ================================================================= groups */

static int add_group(struct planner *pl, struct import_group g)
{
	struct import_plan *plan = pl->plan;
	int cap = pl->group_cap;
	plan->groups = dbi_grow(plan->groups, plan->ngroups, &pl->group_cap, sizeof(*plan->groups));
	if (pl->group_cap != cap)
		pl->group_next = xrealloc(pl->group_next, (size_t)pl->group_cap * sizeof(int));
	int i = plan->ngroups++;
	plan->groups[i] = g;
	pl->group_next[i] = -1;
	char *folded = text_fold(g.name);
	bool fresh;
	int *first = hmap_put(&pl->groups, xasprintf("%lld\x02%s", (long long)g.school_id, folded),
			      i, &fresh);
	free(folded);
	if (!fresh) {
		int j = *first;
		while (pl->group_next[j] >= 0)
			j = pl->group_next[j];
		pl->group_next[j] = i;
	}
	return i;
}

static enum ibis_status load_groups(struct planner *pl, struct ibis_error *err)
{
	struct group *gs;
	int n;
	enum ibis_status st = db_group_list(pl->db, 0, pl->plan->school_year, &gs, &n, err);
	if (st != IBIS_OK)
		return st;
	for (int i = 0; i < n; i++) {
		for (int s = 0; s < pl->plan->nschools; s++)
			if (pl->plan->schools[s].id == gs[i].school_id)
				pl->had_groups[s] = true;
		add_group(pl, (struct import_group){
				      .id = gs[i].id,
				      .school_id = gs[i].school_id,
				      .name = gs[i].name,
				      .jaargroep_min = gs[i].jaargroep_min,
				      .jaargroep_max = gs[i].jaargroep_max,
				      .kind = gs[i].kind,
			      });
		gs[i].name = NULL; /* now the plan's */
	}
	groups_free(gs, n);
	return IBIS_OK;
}

/* The jaargroep a group name states: "groep 5", "5", "5b" give 5..5; "4/5",
 * "4-5", "groep 4/5", "1/2a" give 4..5 and 1..2 (folded, so / and - are
 * spaces). False when the name states none ("Bijen"). */
static bool name_jaargroep(const char *folded, int *min, int *max)
{
	const char *p = folded;
	if (str_starts(p, "groep "))
		p += 6;
	if (*p < '0' || *p > '8' || (p[1] >= '0' && p[1] <= '9'))
		return false;
	*min = *max = *p - '0';
	p++;
	if (*p == ' ' && p[1] >= '0' && p[1] <= '8' && !(p[2] >= '0' && p[2] <= '9') &&
	    p[1] - '0' > *min)
		*max = p[1] - '0';
	return true;
}

/* A pupil's own jaargroep in a group: the one the cell named ("Groep 5"),
 * else the group's only one, else what the age on 1 October says (groep 3
 * is the year a child is 6 on 1 October), within the group's range. */
static int guess_jaargroep(const struct import_group *g, int named, ibis_date birth, int year)
{
	if (named >= g->jaargroep_min && named <= g->jaargroep_max)
		return named;
	if (g->jaargroep_min == g->jaargroep_max)
		return g->jaargroep_min;
	ibis_date oct1;
	int j = g->jaargroep_min;
	if (birth != DATE_NONE && date_from_ymd(year, 10, 1, &oct1))
		j = date_age(birth, oct1) - 3;
	return j < g->jaargroep_min ? g->jaargroep_min : j > g->jaargroep_max ? g->jaargroep_max : j;
}

/* The names of groups for a message: "5A, 5B". Caller frees. */
static char *group_names(struct planner *pl, const int *idx, int n)
{
	struct strbuf sb = {0};
	for (int i = 0; i < n && i < 12; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", pl->plan->groups[idx[i]].name);
	if (n > 12)
		sb_printf(&sb, " en nog %d", n - 12);
	return sb_take(&sb);
}

/* Find (or, for a school without groups this year, make) the group of a
 * row's cell. Returns its index, or -1 after adding the row's problem;
 * *named is the jaargroep the cell named, -1 when none. */
static int resolve_group(struct planner *pl, int school, struct import_row *r, int *named)
{
	struct import_plan *plan = pl->plan;
	ibis_id sid = plan->schools[school].id;
	char year[16];
	schoolyear_format(plan->school_year, year);
	*named = -1;

	char *folded = text_fold(r->group);
	char *key = xasprintf("%lld\x02%s", (long long)sid, folded);
	int *hit = hmap_get(&pl->groups, key);
	free(key);
	if (hit) {
		int g = *hit, exact = -1, n = 0;
		int cand[16];
		for (int j = g; j >= 0; j = pl->group_next[j]) {
			if (strcmp(plan->groups[j].name, r->group) == 0)
				exact = j;
			if (n < 16)
				cand[n++] = j;
		}
		free(folded);
		if (n == 1 || exact >= 0)
			return exact >= 0 ? exact : g;
		char *names = group_names(pl, cand, n);
		import_row_problem(pl->f, r, IMPORT_GROUP, "‘%s’ is niet eenduidig in %s (%s)",
				   r->group, year, names);
		free(names);
		return -1;
	}

	/* "Groep 5" or "5": the class of jaargroep 5 when there is one. Only
	 * the groups the school had count: in a file that makes the groups, "8"
	 * is a group of its own whether "8A" came before it or not. */
	int min, max;
	bool states = name_jaargroep(folded, &min, &max);
	size_t len = strlen(folded);
	bool plain = states && min == max &&
		     (len == 1 || (len == 7 && str_starts(folded, "groep ")));
	if (plain) {
		int all[64], na = 0, single[64], ns = 0;
		for (int j = 0; j < plan->ngroups; j++) {
			const struct import_group *gr = &plan->groups[j];
			if (gr->is_new || gr->school_id != sid || min < gr->jaargroep_min ||
			    min > gr->jaargroep_max)
				continue;
			if (na < 64)
				all[na++] = j;
			if (gr->jaargroep_min == gr->jaargroep_max && ns < 64)
				single[ns++] = j;
		}
		int pick = na == 1 ? all[0] : ns == 1 ? single[0] : -1;
		if (pick >= 0) {
			free(folded);
			*named = min;
			return pick;
		}
		if (na > 1) {
			char *names = group_names(pl, all, na);
			import_row_problem(pl->f, r, IMPORT_GROUP,
					   "‘%s’ is niet eenduidig in %s: jaargroep %d zit in %s",
					   r->group, year, min, names);
			free(names);
			free(folded);
			return -1;
		}
	}
	free(folded);

	if (!pl->had_groups[school]) {
		if (!states) {
			import_row_problem(pl->f, r, IMPORT_GROUP,
					   "‘%s’ bestaat niet in %s, en de naam zegt niet welke "
					   "jaargroep (zoals 5B, Groep 5 of 4/5) om de groep te maken",
					   r->group, year);
			return -1;
		}
		*named = min == max ? min : -1;
		return add_group(pl, (struct import_group){
					     .school_id = sid,
					     .name = xstrdup(r->group),
					     .jaargroep_min = min,
					     .jaargroep_max = max,
					     .kind = max > min ? GROUP_COMBINATION
						     : min == 0 ? GROUP_INSTROOM
								: GROUP_REGULAR,
					     .is_new = true,
				     });
	}

	int mine[64], n = 0;
	for (int j = 0; j < plan->ngroups && n < 64; j++)
		if (plan->groups[j].school_id == sid)
			mine[n++] = j;
	char *names = group_names(pl, mine, n);
	import_row_problem(pl->f, r, IMPORT_GROUP, "‘%s’ bestaat niet in %s (wel: %s)", r->group,
			   year, names);
	free(names);
	return -1;
}

static int group_by_id(const struct import_plan *plan, ibis_id id)
{
	for (int i = 0; id && i < plan->ngroups; i++)
		if (plan->groups[i].id == id)
			return i;
	return -1;
}

/* ================================================================ matching */

static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static bool same_folded(const char *a, const char *b)
{
	char *fa = text_fold(a), *fb = text_fold(b);
	bool same = *fa && strcmp(fa, fb) == 0;
	free(fa);
	free(fb);
	return same;
}

/* Whether the pupil an Id names is the row's pupil (see db_import.h). */
static bool id_trusted(const struct known *k, const struct import_row *r, ibis_id school)
{
	bool name = same_folded(k->first, r->first_name) || same_folded(k->last, r->last_name);
	if (k->number && r->number)
		return strcmp(k->number, r->number) == 0 && (k->school_id == school || name);
	return name;
}

/* The pupil of a valid row: its index, -1 for none, -2 after a problem. */
static int match_row(struct planner *pl, struct import_row *r, ibis_id school,
		     const char **how)
{
	if (r->id) {
		struct known *k = pupil_by_id(pl, r->id);
		if (k && id_trusted(k, r, school)) {
			*how = "Id";
			return (int)(k - pl->pupils);
		}
	}
	if (r->number) {
		char *key = number_key(school, r->number);
		int *v = hmap_get(&pl->by_number, key);
		free(key);
		if (v) {
			*how = "leerlingnummer";
			return *v;
		}
	}
	char *key = name_key(school, r->first_name, r->tussenvoegsel, r->last_name, r->birth_date);
	int *v = hmap_get(&pl->by_name, key);
	free(key);
	if (!v)
		return -1;
	if (pl->pupils[*v].next_name < 0) {
		*how = "naam en geboortedatum";
		return *v;
	}
	struct strbuf ids = {0};
	for (int j = *v; j >= 0; j = pl->pupils[j].next_name)
		sb_printf(&ids, "%s%lld", ids.len ? ", " : "", (long long)pl->pupils[j].id);
	import_row_problem_row(r,
			       "naam en geboortedatum passen bij meer dan één leerling (Id %s); "
			       "voeg een kolom Id of Leerlingnummer toe",
			       sb_str(&ids));
	sb_free(&ids);
	return -2;
}

/* Group row i with the earlier rows of the same key: first maps the key
 * (taken over) to the first such row, next[] links each row to the next one
 * (-1 ends the chain). */
static void chain_row(struct hmap *first, int *next, char *key, int i)
{
	bool fresh;
	int *v = hmap_put(first, key, i, &fresh);
	if (!fresh) {
		int j = *v;
		while (next[j] >= 0)
			j = next[j];
		next[j] = i;
	}
}

/* A leerlingnummer twice in the file for one school: a problem of every row
 * that has it. */
static void check_duplicate_numbers(struct planner *pl)
{
	struct import_file *f = pl->f;
	struct hmap first = {0};
	int *next = xmalloc(((size_t)f->nrows + 1) * sizeof(int));
	for (int i = 0; i < f->nrows; i++) {
		next[i] = -1;
		if (!f->rows[i].number || pl->school_of_row[i] < 0)
			continue;
		chain_row(&first, next, number_key(pl->plan->rows[i].school_id, f->rows[i].number),
			  i);
	}
	for (size_t s = 0; s < first.cap; s++) {
		if (!first.slots[s].key || next[first.slots[s].val] < 0)
			continue;
		for (int i = first.slots[s].val; i >= 0; i = next[i]) {
			struct strbuf lines = {0};
			int shown = 0;
			for (int j = first.slots[s].val; j >= 0; j = next[j]) {
				if (j == i)
					continue;
				if (shown++ < 5)
					sb_printf(&lines, "%s%d", lines.len ? ", " : "", f->rows[j].line);
			}
			if (shown > 5)
				sb_printf(&lines, " en nog %d", shown - 5);
			import_row_problem(f, &f->rows[i], IMPORT_NUMBER, "‘%s’ staat ook op regel %s",
					   f->rows[i].number, sb_str(&lines));
			sb_free(&lines);
		}
	}
	free(next);
	hmap_free(&first);
}

/* Two new pupils of one school with the same name and birth date would both
 * be added, and the next import could tell them apart by their numbers only:
 * unless both rows have one, that is a problem of each row (most likely one
 * pupil twice in the file). */
static void check_duplicate_new(struct planner *pl, const int *match)
{
	struct import_file *f = pl->f;
	struct hmap first = {0};
	int *next = xmalloc(((size_t)f->nrows + 1) * sizeof(int));
	for (int i = 0; i < f->nrows; i++) {
		next[i] = -1;
		const struct import_row *r = &f->rows[i];
		if (match[i] != -1 || r->problems.len || pl->school_of_row[i] < 0)
			continue;
		chain_row(&first, next,
			  name_key(pl->plan->rows[i].school_id, r->first_name, r->tussenvoegsel,
				   r->last_name, r->birth_date),
			  i);
	}
	for (size_t s = 0; s < first.cap; s++) {
		if (!first.slots[s].key)
			continue;
		int head = first.slots[s].val;
		for (int i = head; i >= 0; i = next[i]) {
			for (int j = head; j >= 0; j = next[j]) {
				if (j == i || (f->rows[i].number && f->rows[j].number))
					continue;
				import_row_problem_row(&f->rows[i],
						       "dezelfde naam en geboortedatum als regel %d; "
						       "geef beide een leerlingnummer als het twee "
						       "leerlingen zijn",
						       f->rows[j].line);
				break;
			}
		}
	}
	free(next);
	hmap_free(&first);
}

/* ================================================================ changes */

static void describe(struct strbuf *sb, const char *what, const char *from, const char *to)
{
	sb_printf(sb, "%s%s %s → %s", sb->len ? "; " : "", what, str_empty(from) ? "(leeg)" : from,
		  str_empty(to) ? "(leeg)" : to);
}

/* What changes for a matched pupil. */
static void plan_changes(struct planner *pl, const struct import_row *r, struct known *k,
			 struct import_plan_row *pr)
{
	const struct import_file *f = pl->f;
	struct import_plan *plan = pl->plan;
	struct strbuf sb = {0};
	char a[DATE_NL_LEN], b[DATE_NL_LEN];
	if (r->number && !same_text(r->number, k->number)) {
		pr->changes |= IMPORT_CH_NUMBER;
		describe(&sb, "leerlingnummer", k->number, r->number);
	}
	if (!same_text(r->first_name, k->first)) {
		pr->changes |= IMPORT_CH_FIRST;
		describe(&sb, "roepnaam", k->first, r->first_name);
	}
	if (f->column[IMPORT_TV] >= 0 && !same_text(r->tussenvoegsel, k->tv)) {
		pr->changes |= IMPORT_CH_TV;
		describe(&sb, "tussenvoegsel", k->tv, r->tussenvoegsel);
	}
	if (!same_text(r->last_name, k->last)) {
		pr->changes |= IMPORT_CH_LAST;
		describe(&sb, "achternaam", k->last, r->last_name);
	}
	if (r->birth_date != k->birth) {
		pr->changes |= IMPORT_CH_BIRTH;
		describe(&sb, "geboortedatum", date_format_nl(k->birth, a),
			 date_format_nl(r->birth_date, b));
	}
	if (pr->school_id != k->school_id) {
		pr->changes |= IMPORT_CH_SCHOOL;
		describe(&sb, "school", import_plan_school_name(plan, k->school_id),
			 import_plan_school_name(plan, pr->school_id));
	}
	if (pr->group >= 0 && plan->groups[pr->group].id != k->group_id) {
		int old = group_by_id(plan, k->group_id);
		const struct import_group *g = &plan->groups[pr->group];
		char *to = xasprintf("%s%s", g->name, g->is_new ? " (nieuw)" : "");
		pr->changes |= IMPORT_CH_GROUP;
		describe(&sb, "groep", old >= 0 ? plan->groups[old].name : NULL, to);
		free(to);
	}
	pr->change_text = pr->changes ? sb_take(&sb) : NULL;
	sb_free(&sb);
}

/* ==================================================================== plan */

const char *import_plan_school_name(const struct import_plan *plan, ibis_id id)
{
	for (int i = 0; i < plan->nschools; i++)
		if (plan->schools[i].id == id)
			return plan->schools[i].name;
	return "";
}

static void planner_free(struct planner *pl)
{
	known_free(pl->pupils, pl->npupils);
	hmap_free(&pl->by_number);
	hmap_free(&pl->by_name);
	hmap_free(&pl->schools);
	hmap_free(&pl->groups);
	free(pl->group_next);
	free(pl->had_groups);
	free(pl->school_of_row);
}

/* Decide the action of every row, once schools are known. */
static void plan_rows(struct planner *pl)
{
	struct import_file *f = pl->f;
	struct import_plan *plan = pl->plan;
	int *match = xmalloc(((size_t)f->nrows + 1) * sizeof(int));

	check_duplicate_numbers(pl);
	for (int i = 0; i < f->nrows; i++) {
		struct import_row *r = &f->rows[i];
		struct import_plan_row *pr = &plan->rows[i];
		match[i] = -1;
		if (r->problems.len || pl->school_of_row[i] < 0)
			continue;
		match[i] = match_row(pl, r, pr->school_id, &pr->matched_by);
		if (match[i] < 0)
			continue;
		struct known *k = &pl->pupils[match[i]];
		if (k->matched_row >= 0) {
			import_row_problem_row(r, "dezelfde leerling (Id %lld) als regel %d",
					       (long long)k->id, f->rows[k->matched_row].line);
			struct import_row *other = &f->rows[k->matched_row];
			if (!other->problems.len)
				import_row_problem_row(other,
						       "dezelfde leerling (Id %lld) als regel %d",
						       (long long)k->id, r->line);
		} else {
			k->matched_row = i;
		}
	}

	check_duplicate_new(pl, match);

	for (int i = 0; i < f->nrows; i++) {
		struct import_row *r = &f->rows[i];
		struct import_plan_row *pr = &plan->rows[i];
		int s = pl->school_of_row[i];
		struct known *k = match[i] >= 0 ? &pl->pupils[match[i]] : NULL;
		pr->group = -1;
		pr->jaargroep = -1;
		if (s < 0 || r->raw->nfields < f->csv.rows[0].nfields)
			continue;
		/* a pupil who left is never put in a group: no group to check */
		bool placed = !r->left && !(k && k->left);
		if (placed && r->group) {
			int named;
			pr->group = resolve_group(pl, s, r, &named);
			if (pr->group >= 0) {
				if (k && plan->groups[pr->group].id == k->group_id && k->jaargroep >= 0)
					pr->jaargroep = k->jaargroep;
				else
					pr->jaargroep = guess_jaargroep(&plan->groups[pr->group], named,
									r->birth_date,
									plan->school_year);
			}
		}
		if (r->number && !r->problems.len) {
			char *key = number_key(pr->school_id, r->number);
			int *owner = hmap_get(&pl->by_number, key);
			free(key);
			if (owner && (!k || *owner != match[i])) {
				const struct known *o = &pl->pupils[*owner];
				char *name = name_display(o->first, o->tv, o->last);
				import_row_problem(f, r, IMPORT_NUMBER,
						   "‘%s’ hoort op deze school al bij leerling %lld (%s)",
						   r->number, (long long)o->id, name);
				free(name);
			}
		}
	}

	for (int i = 0; i < f->nrows; i++) {
		struct import_row *r = &f->rows[i];
		struct import_plan_row *pr = &plan->rows[i];
		if (r->problems.len) {
			pr->action = IMPORT_INVALID;
			plan->invalid++;
			continue;
		}
		if (match[i] < 0) {
			pr->action = r->left ? IMPORT_SKIP : IMPORT_ADD;
			if (r->left)
				plan->skipped++;
			else
				plan->added++;
			continue;
		}
		struct known *k = &pl->pupils[match[i]];
		pr->pupil_id = k->id;
		pr->version = k->version;
		pr->archived = k->left;
		plan_changes(pl, r, k, pr);
		pr->action = pr->changes ? IMPORT_CHANGE : IMPORT_SAME;
		if (pr->changes)
			plan->changed++;
		else
			plan->same++;
	}
	free(match);
}

enum ibis_status db_import_plan(struct db *db, struct import_file *f, const char *school,
				int school_year, struct import_plan *plan, struct ibis_error *err)
{
	memset(plan, 0, sizeof(*plan));
	plan->school_year = school_year;
	plan->nrows = f->nrows;
	plan->rows = xcalloc((size_t)f->nrows + 1, sizeof(*plan->rows));
	for (int i = 0; i < f->nrows; i++) {
		plan->rows[i].group = -1;
		plan->rows[i].jaargroep = -1;
	}

	struct planner pl = {.db = db, .f = f, .plan = plan};
	enum ibis_status st = db_school_list(db, &plan->schools, &plan->nschools, err);
	if (st != IBIS_OK)
		return st;
	pl.had_groups = xcalloc((size_t)plan->nschools + 1, sizeof(bool));
	pl.school_of_row = xmalloc(((size_t)f->nrows + 1) * sizeof(int));
	index_schools(&pl);
	if ((st = resolve_schools(&pl, school, err)) != IBIS_OK ||
	    (st = load_groups(&pl, err)) != IBIS_OK || (st = load_pupils(&pl, err)) != IBIS_OK) {
		planner_free(&pl);
		return st;
	}
	bool *involved = xcalloc((size_t)plan->nschools + 1, sizeof(bool));
	for (int i = 0; i < f->nrows; i++)
		if (pl.school_of_row[i] >= 0)
			involved[pl.school_of_row[i]] = true;
	index_pupils(&pl, involved);
	free(involved);
	plan_rows(&pl);
	planner_free(&pl);
	return IBIS_OK;
}

void import_plan_free(struct import_plan *plan)
{
	for (int i = 0; plan->rows && i < plan->nrows; i++)
		free(plan->rows[i].change_text);
	free(plan->rows);
	for (int i = 0; i < plan->ngroups; i++)
		free(plan->groups[i].name);
	free(plan->groups);
	schools_free(plan->schools, plan->nschools);
	memset(plan, 0, sizeof(*plan));
}

/* =================================================================== apply */

/* Make a new group the first time a row needs it. */
static enum ibis_status ensure_group(struct db *db, struct import_plan *plan, int gi,
				     struct ibis_error *err)
{
	struct import_group *g = &plan->groups[gi];
	if (g->id)
		return IBIS_OK;
	struct group rec = {
		.school_id = g->school_id,
		.name = g->name,
		.school_year = plan->school_year,
		.kind = g->kind,
		.jaargroep_min = g->jaargroep_min,
		.jaargroep_max = g->jaargroep_max,
	};
	enum ibis_status st = db_group_insert(db, &rec, err);
	g->id = rec.id;
	return st;
}

/* Move a pupil to group gi of the plan's school year (made first when new),
 * or put them in it when they had no group that year. */
static enum ibis_status place(struct db *db, struct import_plan *plan, ibis_id pupil, int gi,
			      int jaargroep, struct ibis_error *err)
{
	enum ibis_status st = ensure_group(db, plan, gi, err);
	if (st != IBIS_OK)
		return st;
	struct dbq q;
	dbq_prepare(&q, db, SQL_IMPORT_MOVE);
	dbq_bind_id(&q, ":group", plan->groups[gi].id);
	dbq_bind_int(&q, ":jaargroep", jaargroep);
	dbq_bind_id(&q, ":pupil", pupil);
	dbq_bind_int(&q, ":year", plan->school_year);
	if ((st = dbq_exec(&q, err)) != IBIS_OK)
		return st;
	if (dbi_changes(db) == 0)
		return db_group_add_member(db, plan->groups[gi].id, pupil, jaargroep, err);
	return IBIS_OK;
}

/* --- adding in bulk ---
 *
 * Why the new pupils are not added with db_pupil_insert one by one: every
 * INSERT into pupils inside a transaction runs with a statement journal (its
 * triggers write to the search indexes), and FTS5 flushes its pending index
 * data to disk at each statement's savepoint (SQLite 3.40). One statement per
 * pupil then costs a new index segment per pupil and the merges after it:
 * 10,000 pupils took 3.4 s that way and 0.4 s in one statement. So the new
 * pupils go in with INSERTs of up to 2048 rows each, and their places in the
 * groups likewise. The columns are those db_pupil_insert writes; the keys
 * come from dbi_pupil_keys, as there. */
#define ADD_PUPIL_COLUMNS                                                                    \
	"INSERT INTO pupils (id, school_id, number, first_name, tussenvoegsel, last_name,"   \
	" birth_date, sort_key, search_key, search_grams) VALUES "
#define ADD_PUPIL_PARAMS 10
#define P1 "(?,?,?,?,?,?,?,?,?,?)"
#define P2 P1 "," P1
#define P4 P2 "," P2
#define P8 P4 "," P4
#define P16 P8 "," P8
#define P32 P16 "," P16
#define P64 P32 "," P32
#define P128 P64 "," P64
#define P256 P128 "," P128
#define P512 P256 "," P256
#define P1024 P512 "," P512
#define P2048 P1024 "," P1024
static const char SQL_ADD_PUPILS_2048[] = ADD_PUPIL_COLUMNS P2048;
static const char SQL_ADD_PUPILS_32[] = ADD_PUPIL_COLUMNS P32;
static const char SQL_ADD_PUPILS_1[] = ADD_PUPIL_COLUMNS P1;

#define ADD_MEMBER_COLUMNS \
	"INSERT INTO group_members (group_id, pupil_id, school_year, jaargroep) VALUES "
#define ADD_MEMBER_PARAMS 4
#define M1 "(?,?,?,?)"
#define M2 M1 "," M1
#define M4 M2 "," M2
#define M8 M4 "," M4
#define M16 M8 "," M8
#define M32 M16 "," M16
#define M64 M32 "," M32
#define M128 M64 "," M64
#define M256 M128 "," M128
#define M512 M256 "," M256
#define M1024 M512 "," M512
#define M2048 M1024 "," M1024
static const char SQL_ADD_MEMBERS_2048[] = ADD_MEMBER_COLUMNS M2048;
static const char SQL_ADD_MEMBERS_32[] = ADD_MEMBER_COLUMNS M32;
static const char SQL_ADD_MEMBERS_1[] = ADD_MEMBER_COLUMNS M1;

static const char SQL_PUPIL_MAX_ID[] = "SELECT coalesce(max(id), 0) FROM pupils";

/* The statement for the next chunk of n rows: 2048, 32 or 1 at a time
 * (2048 rows are 20,480 parameters, within SQLite's default limit of 32,766). */
static const char *chunk_sql(int n, const char *sql2048, const char *sql32, const char *sql1,
			     int *size)
{
	*size = n >= 2048 ? 2048 : n >= 32 ? 32 : 1;
	return *size == 2048 ? sql2048 : *size == 32 ? sql32 : sql1;
}

/* Bind one new pupil at parameter base (0-based: ?base+1 ...). */
static void bind_pupil(struct dbq *q, int base, const struct import_row *r,
		       const struct import_plan_row *pr)
{
	struct dbi_pupil_keys k;
	dbi_pupil_keys(&k, r->first_name, r->tussenvoegsel, r->last_name);
	dbq_bind_id_at(q, base + 1, pr->pupil_id);
	dbq_bind_id_at(q, base + 2, pr->school_id);
	dbq_bind_text_at(q, base + 3, r->number);
	dbq_bind_text_at(q, base + 4, r->first_name);
	dbq_bind_text_at(q, base + 5, r->tussenvoegsel);
	dbq_bind_text_at(q, base + 6, r->last_name);
	dbq_bind_date_at(q, base + 7, r->birth_date);
	dbq_bind_text_at(q, base + 8, k.sort);
	dbq_bind_text_at(q, base + 9, k.search);
	dbq_bind_text_at(q, base + 10, k.grams);
	dbi_pupil_keys_free(&k);
}

/* Add the pupils of rows add[0..n-1] (indexes into f->rows), then put those
 * with a group in it. */
static enum ibis_status insert_pupils(struct db *db, const struct import_file *f,
				      const struct import_plan *plan, const int *add, int n,
				      struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct dbq q;
	int size;
	for (int done = 0; done < n && st == IBIS_OK; done += size) {
		dbq_prepare(&q, db, chunk_sql(n - done, SQL_ADD_PUPILS_2048, SQL_ADD_PUPILS_32,
					      SQL_ADD_PUPILS_1, &size));
		for (int k = 0; k < size; k++)
			bind_pupil(&q, k * ADD_PUPIL_PARAMS, &f->rows[add[done + k]],
				   &plan->rows[add[done + k]]);
		if ((st = dbq_exec(&q, err)) != IBIS_OK)
			dbi_message(err, "De nieuwe leerlingen konden niet worden toegevoegd: %s",
				    q.detail[0] ? q.detail : err->message);
	}

	int *placed = xmalloc(((size_t)n + 1) * sizeof(int));
	int np = 0;
	for (int i = 0; i < n; i++)
		if (plan->rows[add[i]].group >= 0)
			placed[np++] = add[i];
	for (int done = 0; done < np && st == IBIS_OK; done += size) {
		dbq_prepare(&q, db, chunk_sql(np - done, SQL_ADD_MEMBERS_2048, SQL_ADD_MEMBERS_32,
					      SQL_ADD_MEMBERS_1, &size));
		for (int k = 0; k < size; k++) {
			const struct import_plan_row *pr = &plan->rows[placed[done + k]];
			int base = k * ADD_MEMBER_PARAMS;
			dbq_bind_id_at(&q, base + 1, plan->groups[pr->group].id);
			dbq_bind_id_at(&q, base + 2, pr->pupil_id);
			dbq_bind_int_at(&q, base + 3, plan->school_year);
			dbq_bind_int_at(&q, base + 4, pr->jaargroep);
		}
		if ((st = dbq_exec(&q, err)) != IBIS_OK)
			dbi_message(err, "De nieuwe leerlingen konden niet in hun groep worden gezet: %s",
				    q.detail[0] ? q.detail : err->message);
	}
	free(placed);
	return st;
}

/* Add every IMPORT_ADD row: their new groups first, then the pupils. Ids
 * follow the highest one there is, in file order. */
static enum ibis_status add_all(struct db *db, const struct import_file *f,
				struct import_plan *plan, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	int *add = xmalloc(((size_t)f->nrows + 1) * sizeof(int));
	int n = 0;
	for (int i = 0; i < f->nrows && st == IBIS_OK; i++) {
		if (plan->rows[i].action != IMPORT_ADD)
			continue;
		add[n++] = i;
		if (plan->rows[i].group >= 0)
			st = ensure_group(db, plan, plan->rows[i].group, err);
	}
	long long last = 0;
	if (st == IBIS_OK && n > 0) {
		struct dbq q;
		dbq_prepare(&q, db, SQL_PUPIL_MAX_ID);
		st = dbq_one_int(&q, &last, NULL, err);
	}
	for (int i = 0; st == IBIS_OK && i < n; i++) {
		plan->rows[add[i]].pupil_id = (ibis_id)(last + 1 + i);
		plan->rows[add[i]].version = 1;
	}
	if (st == IBIS_OK && n > 0)
		st = insert_pupils(db, f, plan, add, n, err);
	free(add);
	return st;
}

static void replace(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value);
}

static enum ibis_status apply_change(struct db *db, struct import_plan *plan,
				     const struct import_row *r, struct import_plan_row *pr,
				     struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	if (pr->changes & IMPORT_CH_PUPIL) {
		struct pupil p = {0};
		if ((st = db_pupil_get(db, pr->pupil_id, &p, err)) != IBIS_OK)
			return st;
		if (p.version != pr->version) {
			pupil_clear(&p);
			dbi_fail(err, DBF_CONFLICT,
				 "leerling %lld is intussen door iemand anders gewijzigd; er is niets "
				 "geïmporteerd.",
				 (long long)pr->pupil_id);
			return IBIS_EDB;
		}
		if (pr->changes & IMPORT_CH_NUMBER)
			replace(&p.number, r->number);
		if (pr->changes & IMPORT_CH_FIRST)
			replace(&p.first_name, r->first_name);
		if (pr->changes & IMPORT_CH_TV)
			replace(&p.tussenvoegsel, r->tussenvoegsel);
		if (pr->changes & IMPORT_CH_LAST)
			replace(&p.last_name, r->last_name);
		if (pr->changes & IMPORT_CH_BIRTH)
			p.birth_date = r->birth_date;
		if (pr->changes & IMPORT_CH_SCHOOL)
			p.school_id = pr->school_id;
		st = db_pupil_update(db, &p, err);
		pr->version = p.version;
		pupil_clear(&p);
		if (st != IBIS_OK)
			return st;
	}
	if (pr->changes & IMPORT_CH_GROUP)
		st = place(db, plan, pr->pupil_id, pr->group, pr->jaargroep, err);
	return st;
}

enum ibis_status db_import_apply(struct db *db, const struct import_file *f,
				 struct import_plan *plan, bool skip_invalid, struct ibis_error *err)
{
	enum ibis_status st;
	if (plan->invalid && !skip_invalid)
		return ibis_fail(err, IBIS_EINPUT,
				 "%d %s afgekeurd; er is niets geïmporteerd.", plan->invalid,
				 plan->invalid == 1 ? "regel" : "regels");
	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	struct dbi_scope scope;
	if ((st = dbi_scope_begin(db, &scope, err)) != IBIS_OK)
		return st;
	/* the changes one by one (each names its line when it fails), then the
	 * new pupils together */
	for (int i = 0; i < f->nrows && st == IBIS_OK; i++) {
		struct import_plan_row *pr = &plan->rows[i];
		if (pr->action != IMPORT_CHANGE)
			continue;
		st = apply_change(db, plan, &f->rows[i], pr, err);
		if (st != IBIS_OK && err) {
			char msg[sizeof(err->message)];
			snprintf(msg, sizeof(msg), "%s", err->message);
			dbi_message(err, "regel %d: %s", f->rows[i].line, msg);
		}
	}
	if (st == IBIS_OK)
		st = add_all(db, f, plan, err);
	if (st == IBIS_OK)
		st = dbi_scope_commit(db, &scope, err);
	if (st != IBIS_OK) {
		dbi_scope_rollback(db, &scope);
		/* the groups and pupils made are gone with the rollback */
		for (int i = 0; i < plan->ngroups; i++)
			if (plan->groups[i].is_new)
				plan->groups[i].id = 0;
		for (int i = 0; i < f->nrows; i++)
			if (plan->rows[i].action == IMPORT_ADD)
				plan->rows[i].pupil_id = 0;
	}
	return st;
}
