/* jaarovergang.c - see jaarovergang.h: the plan of a jaarovergang, without a
 * database.
 *
 * Everything is derived again on every change (plan_rebuild): the groups of
 * Y+1 the plan makes depend on the marks (a doubler may need a group nobody
 * moves up into), and a school is small enough for that to cost nothing.
 */
#include "ibis/jaarovergang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ibis/text.h"
#include "ibis/util.h"

/* =========================================================== group names */

/* The jaargroep numbers in a group's name: the first run of single digits
 * 0-8 joined by '/' or '-' ("4/5" in "Groep 4/5B"). A digit that is part of a
 * longer number ("Lokaal 12") is not a jaargroep. */
struct name_parts {
	size_t start, end; /* bytes of the number list; start == end when none */
	int nums[9];
	int n;
	char sep;          /* the first separator, '/' when there is none */
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A lone digit 0-8 at s[i]: not next to another digit. */
static bool lone_digit(const char *s, size_t i)
{
	return is_digit(s[i]) && s[i] <= '8' && !is_digit(s[i + 1]) && (i == 0 || !is_digit(s[i - 1]));
}

static void parse_name(const char *name, struct name_parts *np)
{
	memset(np, 0, sizeof(*np));
	np->sep = '/';
	for (size_t i = 0; name[i]; i++) {
		if (!lone_digit(name, i))
			continue;
		np->start = i;
		np->nums[np->n++] = name[i] - '0';
		size_t k = i + 1;
		while (np->n < 9 && (name[k] == '/' || name[k] == '-') && lone_digit(name, k + 1)) {
			if (np->n == 1)
				np->sep = name[k];
			np->nums[np->n++] = name[k + 1] - '0';
			k += 2;
		}
		np->end = k;
		return;
	}
}

/* The name of a group one year on: every jaargroep number +1, those past 8
 * dropped; a name without numbers stays. NULL when every number is dropped
 * (groep 8). Caller frees. */
static char *shift_name(const char *name)
{
	struct name_parts np;
	parse_name(name, &np);
	if (np.n == 0)
		return xstrdup(name);
	struct strbuf sb = {0};
	sb_addn(&sb, name, np.start);
	int kept = 0;
	for (int i = 0; i < np.n; i++) {
		if (np.nums[i] + 1 > 8)
			continue;
		if (kept++)
			sb_addc(&sb, np.sep);
		sb_printf(&sb, "%d", np.nums[i] + 1);
	}
	if (!kept) {
		sb_free(&sb);
		return NULL;
	}
	sb_add(&sb, name + np.end);
	return sb_take(&sb);
}

/* The class letter of a group: what follows its numbers, trimmed ("B" of
 * "5B", "" of "4/5"); "" for a name without numbers. Caller frees. */
static char *class_letter(const char *name)
{
	struct name_parts np;
	parse_name(name, &np);
	return np.n ? str_trim(name + np.end) : xstrdup("");
}

/* ASCII case-insensitive equality: "6b" names "6B". */
static bool same_name(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

/* A kleutergroep, an instroom group or a schakelklas: the same class every
 * year, which pupils pass through. */
static bool is_standing(const struct jov_group *g)
{
	if (g->kind == GROUP_INSTROOM || g->kind == GROUP_SCHAKELKLAS)
		return true;
	if (g->jaargroep_max > 2)
		return false;
	if (g->jaargroep_min < g->jaargroep_max)
		return true;
	struct name_parts np;
	parse_name(g->name, &np);
	return np.n == 2 && np.nums[0] == 1 && np.nums[1] == 2;
}

static bool holds(const struct jov_group *g, int j)
{
	return j >= g->jaargroep_min && j <= g->jaargroep_max;
}

/* =============================================================== groups */

static void group_free(struct jov_group *g)
{
	free(g->name);
	memset(g, 0, sizeof(*g));
}

static void jov_groups_free(struct jov_group *a, int n)
{
	for (int i = 0; i < n; i++)
		group_free(&a[i]);
	free(a);
}

static int find_group(const struct jov_group *a, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(a[i].name, name) == 0)
			return i;
	for (int i = 0; i < n; i++)
		if (same_name(a[i].name, name))
			return i;
	return -1;
}

/* Append a group the plan makes; takes over name. Returns its index. */
static int add_group(struct jov_plan *plan, char *name, enum group_kind kind, int min, int max,
		     int source)
{
	plan->to = xrealloc(plan->to, (size_t)(plan->nto + 1) * sizeof(*plan->to));
	plan->to[plan->nto] = (struct jov_group){
		.id = 0, .name = name, .kind = kind,
		.jaargroep_min = min, .jaargroep_max = max, .source = source,
	};
	return plan->nto++;
}

/* The image of a group of Y in Y+1: its name, or NULL for groep 8. Caller
 * frees. */
static char *image_name(const struct jov_group *g)
{
	if (is_standing(g))
		return xstrdup(g->name);
	if (g->jaargroep_min >= 8)
		return NULL;
	return shift_name(g->name);
}

/* Make the images of the groups of Y; image[f] is the index in plan->to of
 * group f's image, -1 for none. */
static void make_images(struct jov_plan *plan, int *image)
{
	for (int f = 0; f < plan->nfrom; f++) {
		const struct jov_group *g = &plan->from[f];
		char *name = image_name(g);
		image[f] = -1;
		if (!name)
			continue;
		int min, max;
		enum group_kind kind = g->kind;
		if (is_standing(g)) {
			min = g->jaargroep_min;
			max = g->jaargroep_max;
			if (g->kind != GROUP_INSTROOM && g->kind != GROUP_SCHAKELKLAS) {
				/* a kleutergroep takes groep 1 and 2 */
				if (min > 1)
					min = 1;
				max = 2;
			}
		} else {
			min = g->jaargroep_min + 1;
			max = g->jaargroep_max + 1 > 8 ? 8 : g->jaargroep_max + 1;
		}
		if (kind == GROUP_COMBINATION && min == max)
			kind = GROUP_REGULAR;
		else if (kind == GROUP_REGULAR && min < max)
			kind = GROUP_COMBINATION;
		int at = find_group(plan->to, plan->nto, name);
		if (at >= 0) {
			/* two groups of Y with the same image ("4-5" and "4/5"): one
			 * group holding both */
			struct jov_group *t = &plan->to[at];
			if (min < t->jaargroep_min)
				t->jaargroep_min = min;
			if (max > t->jaargroep_max)
				t->jaargroep_max = max;
			if (t->jaargroep_min < t->jaargroep_max && t->kind == GROUP_REGULAR)
				t->kind = GROUP_COMBINATION;
			free(name);
		} else {
			at = add_group(plan, name, kind, min, max, f);
		}
		image[f] = at;
	}
}

/* ================================================================ moves */

static int target_of(const struct jov_move *m)
{
	if (m->from_jaargroep < 0)
		return -1;
	switch (m->mark) {
	case JOV_DOUBLE:
		return m->from_jaargroep;
	case JOV_SKIP:
		return m->from_jaargroep + 2;
	default:
		return m->from_jaargroep + 1;
	}
}

static void set_move(struct jov_move *m, int to, int j)
{
	m->outcome = JOV_MOVE;
	m->to = to;
	m->to_jaargroep = j;
}

static void set_unplaced(struct jov_move *m, char *why)
{
	m->outcome = JOV_UNPLACED;
	m->why = why;
}

/* "6A, 6B en 5/6" of the groups in idx. Caller frees. */
static char *group_names(const struct jov_plan *plan, const int *idx, int n)
{
	struct strbuf sb = {0};
	for (int i = 0; i < n; i++) {
		if (i)
			sb_add(&sb, i == n - 1 ? " en " : ", ");
		sb_add(&sb, plan->to[idx[i]].name);
	}
	return sb_take(&sb);
}

/* Rules 3 and 4 of the header, and the new group of made plans. */
static void place_by_jaargroep(struct jov_plan *plan, struct jov_move *m, int t)
{
	char year[16];
	schoolyear_format(plan->year + 1, year);
	char *letter = m->from >= 0 ? class_letter(plan->from[m->from].name) : xstrdup("");
	int *cand = xmalloc((size_t)(plan->nto + 1) * sizeof(int));
	int n = 0;
	for (int i = 0; i < plan->nto; i++)
		if (holds(&plan->to[i], t))
			cand[n++] = i;
	if (n == 1) {
		set_move(m, cand[0], t);
	} else if (n > 1) {
		int hit = -1, hits = 0;
		for (int i = 0; i < n; i++) {
			char *l = class_letter(plan->to[cand[i]].name);
			if (same_name(l, letter)) {
				hit = cand[i];
				hits++;
			}
			free(l);
		}
		if (hits == 1) {
			set_move(m, hit, t);
		} else {
			char *names = group_names(plan, cand, n);
			set_unplaced(m, xasprintf("%s heeft meer groepen met jaargroep %d: %s.", year,
						  t, names));
			free(names);
		}
	} else if (plan->makes_groups) {
		char *name = xasprintf("%d%s", t, letter);
		if (find_group(plan->to, plan->nto, name) < 0)
			set_move(m, add_group(plan, name, GROUP_REGULAR, t, t, m->from), t);
		else {
			set_unplaced(m, xasprintf("%s heeft geen groep met jaargroep %d (groep %s "
						  "heeft andere jaargroepen).", year, t, name));
			free(name);
		}
	} else {
		set_unplaced(m, xasprintf("%s heeft geen groep met jaargroep %d.", year, t));
	}
	free(cand);
	free(letter);
}

static void resolve(struct jov_plan *plan, struct jov_move *m, const int *image)
{
	m->to = -1;
	m->to_jaargroep = -1;
	m->dest = LEAVE_NONE;
	freep(&m->why);
	m->target = target_of(m);
	int t = m->target;

	if (m->placed_in) {
		m->outcome = JOV_PLACED;
		return;
	}
	if (m->mark == JOV_LEAVE) {
		m->outcome = JOV_LEAVES;
		m->dest = m->mark_dest;
		return;
	}
	if (m->choice) {
		int g = find_group(plan->to, plan->nto, m->choice);
		if (g < 0) {
			set_unplaced(m, xasprintf("De gekozen groep %s is er niet.", m->choice));
			return;
		}
		const struct jov_group *tg = &plan->to[g];
		int j = m->choice_jaargroep;
		if (j < 0)
			j = t >= 0 && holds(tg, t) ? t
			    : tg->jaargroep_min == tg->jaargroep_max ? tg->jaargroep_min : -1;
		if (j < 0 || !holds(tg, j)) {
			set_unplaced(m, xasprintf("Geef de jaargroep in groep %s (%d tot %d).", tg->name,
						  tg->jaargroep_min, tg->jaargroep_max));
			return;
		}
		set_move(m, g, j);
		return;
	}
	if (t < 0) {
		m->outcome = JOV_NO_GROUP;
		return;
	}
	if (t > 8) {
		m->outcome = JOV_LEAVES;
		m->dest = LEAVE_VO;
		return;
	}
	if (m->from >= 0 && image[m->from] >= 0 && holds(&plan->to[image[m->from]], t)) {
		set_move(m, image[m->from], t);
		return;
	}
	place_by_jaargroep(plan, m, t);
}

/* The oudste kleuters (and who outgrows an instroom group or schakelklas)
 * need a group of the next jaargroep; when no group of Y moves up into it, one
 * is made per class letter before anyone is placed, so that "1/2A" and
 * "1/2B" get "3A" and "3B" whatever order the pupils come in. */
static void make_outgrow_groups(struct jov_plan *plan, const int *image)
{
	int nimages = plan->nto;
	for (int i = 0; i < plan->nmoves; i++) {
		const struct jov_move *m = &plan->moves[i];
		if (m->placed_in || m->mark != JOV_NORMAL || m->choice || m->from < 0 ||
		    m->from_jaargroep < 0)
			continue;
		const struct jov_group *g = &plan->from[m->from];
		int t = m->from_jaargroep + 1;
		if (!is_standing(g) || t > 8 || image[m->from] < 0 ||
		    holds(&plan->to[image[m->from]], t))
			continue;
		bool taken = false;
		for (int k = 0; k < nimages && !taken; k++)
			taken = holds(&plan->to[k], t);
		if (taken)
			continue;
		char *letter = class_letter(g->name);
		char *name = xasprintf("%d%s", t, letter);
		free(letter);
		if (find_group(plan->to, plan->nto, name) < 0)
			add_group(plan, name, GROUP_REGULAR, t, t, m->from);
		else
			free(name);
	}
}

static int cmp_group(const struct jov_group *a, const struct jov_group *b)
{
	if (a->jaargroep_min != b->jaargroep_min)
		return a->jaargroep_min - b->jaargroep_min;
	return strcmp(a->name, b->name);
}

/* Sort the made groups as db_group_list orders groups, and follow the moves
 * along. */
static void sort_made_groups(struct jov_plan *plan)
{
	int n = plan->nto;
	int *order = xmalloc((size_t)(n + 1) * sizeof(int));
	for (int i = 0; i < n; i++)
		order[i] = i;
	for (int i = 1; i < n; i++) /* insertion sort: a school has few groups */
		for (int k = i; k > 0 && cmp_group(&plan->to[order[k - 1]], &plan->to[order[k]]) > 0;
		     k--) {
			int x = order[k];
			order[k] = order[k - 1];
			order[k - 1] = x;
		}
	int *where = xmalloc((size_t)(n + 1) * sizeof(int));
	struct jov_group *sorted = xmalloc((size_t)(n + 1) * sizeof(*sorted));
	for (int i = 0; i < n; i++) {
		sorted[i] = plan->to[order[i]];
		where[order[i]] = i;
	}
	free(plan->to);
	plan->to = sorted;
	for (int i = 0; i < plan->nmoves; i++)
		if (plan->moves[i].to >= 0)
			plan->moves[i].to = where[plan->moves[i].to];
	free(where);
	free(order);
}

static void plan_rebuild(struct jov_plan *plan)
{
	int *image = xmalloc((size_t)(plan->nfrom + 1) * sizeof(int));
	if (plan->makes_groups) {
		jov_groups_free(plan->to, plan->nto);
		plan->to = NULL;
		plan->nto = 0;
		make_images(plan, image);
		make_outgrow_groups(plan, image);
	} else {
		for (int f = 0; f < plan->nfrom; f++) {
			char *name = image_name(&plan->from[f]);
			image[f] = name ? find_group(plan->to, plan->nto, name) : -1;
			free(name);
		}
	}
	/* chosen groups last: a choice may name a group made for another pupil */
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < plan->nmoves; i++)
			if ((plan->moves[i].choice != NULL) == (pass == 1))
				resolve(plan, &plan->moves[i], image);
	if (plan->makes_groups)
		sort_made_groups(plan);
	free(image);
}

/* ================================================================= plan */

void jov_input_free(struct jov_input *in)
{
	free(in->school_name);
	jov_groups_free(in->from, in->nfrom);
	jov_groups_free(in->to, in->nto);
	for (int i = 0; i < in->npupils; i++) {
		free(in->pupils[i].name);
		free(in->pupils[i].number);
		free(in->pupils[i].placed_in);
	}
	free(in->pupils);
	memset(in, 0, sizeof(*in));
}

struct order {
	int from, index;
};

static int cmp_order(const void *x, const void *y)
{
	const struct order *a = x, *b = y;
	int fa = a->from < 0 ? 1 << 30 : a->from, fb = b->from < 0 ? 1 << 30 : b->from;
	if (fa != fb)
		return fa < fb ? -1 : 1;
	return a->index - b->index;
}

void jov_plan_init(struct jov_plan *plan, struct jov_input *in)
{
	memset(plan, 0, sizeof(*plan));
	plan->school_id = in->school_id;
	plan->school_name = in->school_name;
	plan->year = in->year;
	plan->leave_date = schoolyear_end(in->year);
	plan->from = in->from;
	plan->nfrom = in->nfrom;
	for (int f = 0; f < plan->nfrom; f++)
		plan->from[f].source = -1;
	plan->makes_groups = in->nto == 0;
	if (!plan->makes_groups) {
		plan->to = in->to;
		plan->nto = in->nto;
		for (int i = 0; i < plan->nto; i++)
			plan->to[i].source = -1;
	} else {
		free(in->to);
	}

	/* by group of Y, then in the order read (by name) */
	int n = in->npupils;
	struct order *ord = xmalloc((size_t)(n + 1) * sizeof(*ord));
	for (int i = 0; i < n; i++) {
		ord[i].index = i;
		ord[i].from = -1;
		for (int f = 0; in->pupils[i].group_id && f < plan->nfrom; f++)
			if (plan->from[f].id == in->pupils[i].group_id)
				ord[i].from = f;
	}
	qsort(ord, (size_t)n, sizeof(*ord), cmp_order);
	plan->moves = xcalloc((size_t)(n + 1), sizeof(*plan->moves));
	plan->nmoves = n;
	for (int i = 0; i < n; i++) {
		struct jov_pupil *p = &in->pupils[ord[i].index];
		struct jov_move *m = &plan->moves[i];
		m->pupil_id = p->id;
		m->name = p->name;
		m->number = p->number;
		m->from = ord[i].from;
		/* a jaargroep without a group of Y is nothing to go on */
		m->from_jaargroep = m->from >= 0 ? p->jaargroep : -1;
		m->placed_in = p->placed_in;
		m->placed_jaargroep = p->placed_in ? p->placed_jaargroep : -1;
		m->choice_jaargroep = -1;
		m->to = -1;
		m->to_jaargroep = -1;
	}
	free(ord);
	free(in->pupils);
	memset(in, 0, sizeof(*in));
	plan_rebuild(plan);
}

void jov_plan_free(struct jov_plan *plan)
{
	free(plan->school_name);
	jov_groups_free(plan->from, plan->nfrom);
	jov_groups_free(plan->to, plan->nto);
	for (int i = 0; i < plan->nmoves; i++) {
		struct jov_move *m = &plan->moves[i];
		free(m->name);
		free(m->number);
		free(m->placed_in);
		free(m->choice);
		free(m->why);
	}
	free(plan->moves);
	memset(plan, 0, sizeof(*plan));
}

int jov_find(const struct jov_plan *plan, ibis_id pupil_id)
{
	for (int i = 0; i < plan->nmoves; i++)
		if (plan->moves[i].pupil_id == pupil_id)
			return i;
	return -1;
}

/* The move of pupil_id that may still be changed, or NULL with err set. */
static struct jov_move *changeable(struct jov_plan *plan, ibis_id pupil_id,
				   struct ibis_error *err)
{
	int i = jov_find(plan, pupil_id);
	char year[16];
	if (i < 0) {
		ibis_fail(err, IBIS_EINPUT,
			  "Leerling %lld doet niet mee aan deze jaarovergang: geen leerling van %s "
			  "die op school is.", (long long)pupil_id,
			  plan->school_name ? plan->school_name : "deze school");
		return NULL;
	}
	struct jov_move *m = &plan->moves[i];
	if (m->placed_in) {
		ibis_fail(err, IBIS_EINPUT, "%s (%lld) zit al in groep %s van %s.", m->name,
			  (long long)m->pupil_id, m->placed_in,
			  schoolyear_format(plan->year + 1, year));
		return NULL;
	}
	return m;
}

enum ibis_status jov_mark(struct jov_plan *plan, ibis_id pupil_id, enum jov_mark mark,
			  enum leave_destination dest, struct ibis_error *err)
{
	struct jov_move *m = changeable(plan, pupil_id, err);
	char year[16];
	if (!m)
		return IBIS_EINPUT;
	if ((mark == JOV_DOUBLE || mark == JOV_SKIP) && m->from_jaargroep < 0)
		return ibis_fail(err, IBIS_EINPUT,
				 "%s (%lld) zat in %s in geen groep: er is geen jaargroep om te %s.",
				 m->name, (long long)m->pupil_id, schoolyear_format(plan->year, year),
				 mark == JOV_DOUBLE ? "doubleren" : "versnellen");
	if (mark == JOV_LEAVE && dest == LEAVE_NONE)
		return ibis_fail(err, IBIS_EINPUT, "Waar gaat %s (%lld) heen? Geef een bestemming.",
				 m->name, (long long)m->pupil_id);
	if (mark == JOV_LEAVE && m->choice)
		freep(&m->choice); /* leaving overrides a chosen group */
	m->mark = mark;
	m->mark_dest = mark == JOV_LEAVE ? dest : LEAVE_NONE;
	plan_rebuild(plan);
	return IBIS_OK;
}

enum ibis_status jov_choose(struct jov_plan *plan, ibis_id pupil_id, const char *group,
			    int jaargroep, struct ibis_error *err)
{
	struct jov_move *m = changeable(plan, pupil_id, err);
	char year[16];
	if (!m)
		return IBIS_EINPUT;
	int i = (int)(m - plan->moves);
	if (!group) {
		freep(&m->choice);
		m->choice_jaargroep = -1;
		plan_rebuild(plan);
		return IBIS_OK;
	}
	if (m->mark == JOV_LEAVE)
		return ibis_fail(err, IBIS_EINPUT, "%s (%lld) vertrekt; er is geen groep te kiezen.",
				 m->name, (long long)m->pupil_id);
	int g = find_group(plan->to, plan->nto, group);
	if (g < 0) {
		struct strbuf names = {0};
		for (int k = 0; k < plan->nto; k++) {
			if (k)
				sb_add(&names, ", ");
			sb_add(&names, plan->to[k].name);
		}
		enum ibis_status st = ibis_fail(err, IBIS_EINPUT,
						"%s heeft geen groep %s; kies uit: %s.",
						schoolyear_format(plan->year + 1, year), group,
						plan->nto ? sb_str(&names) : "(geen groepen)");
		sb_free(&names);
		return st;
	}
	const struct jov_group *tg = &plan->to[g];
	if (jaargroep >= 0 && !holds(tg, jaargroep))
		return ibis_fail(err, IBIS_EINPUT, "Groep %s heeft jaargroep %d tot %d, niet %d.",
				 tg->name, tg->jaargroep_min, tg->jaargroep_max, jaargroep);
	char *old = m->choice;
	int old_j = m->choice_jaargroep;
	m->choice = xstrdup(tg->name);
	m->choice_jaargroep = jaargroep;
	plan_rebuild(plan);
	m = &plan->moves[i];
	if (m->outcome != JOV_MOVE) {
		enum ibis_status st = ibis_fail(err, IBIS_EINPUT, "%s", m->why ? m->why : "");
		free(m->choice);
		m->choice = old;
		m->choice_jaargroep = old_j;
		plan_rebuild(plan);
		return st;
	}
	free(old);
	return IBIS_OK;
}

int jov_candidates(const struct jov_plan *plan, int move, int *out, int max)
{
	int t = plan->moves[move].target, n = 0;
	if (t >= 0)
		for (int i = 0; i < plan->nto; i++)
			if (holds(&plan->to[i], t)) {
				if (n < max)
					out[n] = i;
				n++;
			}
	if (n == 0)
		for (int i = 0; i < plan->nto; i++) {
			if (n < max)
				out[n] = i;
			n++;
		}
	return n;
}

const char *jov_mark_name(enum jov_mark mark)
{
	switch (mark) {
	case JOV_DOUBLE:
		return "doubleert";
	case JOV_SKIP:
		return "versnelt";
	case JOV_LEAVE:
		return "vertrekt";
	default:
		return "";
	}
}

char *jov_move_to(const struct jov_plan *plan, int move)
{
	const struct jov_move *m = &plan->moves[move];
	char date[DATE_NL_LEN];
	date_format_nl(plan->leave_date, date);
	switch (m->outcome) {
	case JOV_MOVE:
		return xasprintf("%s, groep %d", plan->to[m->to].name, m->to_jaargroep);
	case JOV_LEAVES:
		if (m->dest == LEAVE_VO && m->mark != JOV_LEAVE)
			return xasprintf("VO op %s", date);
		return xasprintf("vertrekt (%s) op %s", leave_destination_name(m->dest), date);
	case JOV_UNPLACED:
		return m->target >= 0 ? xasprintf("kies een groep (groep %d)", m->target)
				      : xstrdup("kies een groep");
	case JOV_NO_GROUP:
		return xstrdup("zonder groep");
	case JOV_PLACED:
		return m->placed_jaargroep >= 0
			? xasprintf("al in %s, groep %d", m->placed_in, m->placed_jaargroep)
			: xasprintf("al in %s", m->placed_in);
	}
	return xstrdup("");
}

char *jov_move_from(const struct jov_plan *plan, int move)
{
	const struct jov_move *m = &plan->moves[move];
	if (m->from >= 0)
		return xasprintf("%s, groep %d", plan->from[m->from].name, m->from_jaargroep);
	if (m->from_jaargroep >= 0)
		return xasprintf("groep %d", m->from_jaargroep);
	return xstrdup("geen groep");
}

void jov_count(const struct jov_plan *plan, struct jov_counts *c)
{
	memset(c, 0, sizeof(*c));
	c->pupils = plan->nmoves;
	for (int i = 0; i < plan->nmoves; i++) {
		const struct jov_move *m = &plan->moves[i];
		if (m->mark != JOV_NORMAL || m->choice)
			c->exceptions++;
		switch (m->outcome) {
		case JOV_MOVE:
			if (m->mark == JOV_DOUBLE)
				c->doubles++;
			else if (m->mark == JOV_SKIP)
				c->skips++;
			else
				c->up++;
			break;
		case JOV_LEAVES:
			if (m->dest == LEAVE_VO && m->mark != JOV_LEAVE)
				c->vo++;
			else
				c->leaves++;
			break;
		case JOV_UNPLACED:
			c->unplaced++;
			break;
		case JOV_NO_GROUP:
			c->no_group++;
			break;
		case JOV_PLACED:
			c->placed++;
			break;
		}
	}
	for (int i = 0; i < plan->nto; i++)
		if (plan->to[i].id == 0)
			c->new_groups++;
}

bool jov_plan_ready(const struct jov_plan *plan)
{
	struct jov_counts c;
	jov_count(plan, &c);
	return c.unplaced == 0 && c.up + c.doubles + c.skips + c.vo + c.leaves > 0;
}

bool jov_plan_done(const struct jov_plan *plan)
{
	struct jov_counts c;
	jov_count(plan, &c);
	return c.placed > 0 && c.up + c.doubles + c.skips + c.vo + c.leaves + c.unplaced == 0;
}

int jov_default_year(int t, const struct jov_year_state st[3], struct ibis_error *err)
{
	char y0[16], y1[16], y2[16];
	schoolyear_format(t - 1, y0);
	schoolyear_format(t, y1);
	schoolyear_format(t + 1, y2);
	if (st[1].members > 0 && st[2].members == 0)
		return t;
	if (st[1].members > 0) {
		ibis_fail(err, IBIS_EINPUT,
			  "De jaarovergang van %s naar %s is al uitgevoerd: in %s zitten al %d "
			  "leerlingen in een groep.", y1, y2, y2, st[2].members);
		return -1;
	}
	if (st[0].members > 0)
		return t - 1;
	ibis_fail(err, IBIS_EINPUT,
		  "Er zitten in %s en %s geen leerlingen in een groep: er is niets over te zetten.",
		  y0, y1);
	return -1;
}

/* ============================================================== preview */

/* s padded with spaces to width columns (wider text is kept whole). */
static void add_padded(struct strbuf *sb, const char *s, int width)
{
	sb_add(sb, s);
	for (int w = utf8_width(s); w < width; w++)
		sb_addc(sb, ' ');
}

/* One line of a pupil list: "   1234  Berg, Anna van den    5B, groep 5". */
static void add_pupil_line(struct strbuf *sb, const struct jov_plan *plan, int i,
			   const char *rest)
{
	const struct jov_move *m = &plan->moves[i];
	char *from = jov_move_from(plan, i);
	sb_printf(sb, "  %5lld  ", (long long)m->pupil_id);
	add_padded(sb, m->name, 24);
	sb_add(sb, "  ");
	sb_add(sb, from);
	if (rest) {
		sb_add(sb, " ");
		sb_add(sb, rest);
	}
	sb_addc(sb, '\n');
	free(from);
}

static void add_count(struct strbuf *sb, bool *first, const char *what, int n)
{
	if (!n)
		return;
	sb_printf(sb, "%s%s: %d", *first ? " → " : ", ", what, n);
	*first = false;
}

/* Where the pupils of group f (-1: pupils in no group) go. */
static void add_group_line(struct strbuf *sb, const struct jov_plan *plan, int f, int width)
{
	int total = 0, vo = 0, leaves = 0, unplaced = 0, no_group = 0, placed = 0;
	int *to = xcalloc((size_t)(plan->nto + 1), sizeof(int));
	for (int i = 0; i < plan->nmoves; i++) {
		const struct jov_move *m = &plan->moves[i];
		if (m->from != f)
			continue;
		total++;
		switch (m->outcome) {
		case JOV_MOVE:
			to[m->to]++;
			break;
		case JOV_LEAVES:
			if (m->dest == LEAVE_VO && m->mark != JOV_LEAVE)
				vo++;
			else
				leaves++;
			break;
		case JOV_UNPLACED:
			unplaced++;
			break;
		case JOV_NO_GROUP:
			no_group++;
			break;
		case JOV_PLACED:
			placed++;
			break;
		}
	}
	if (f < 0 && total == 0) {
		free(to);
		return;
	}
	sb_add(sb, "  ");
	add_padded(sb, f >= 0 ? plan->from[f].name : "(geen groep)", width);
	sb_printf(sb, " %3d", total);
	bool first = true;
	for (int k = 0; k < plan->nto; k++)
		add_count(sb, &first, plan->to[k].name, to[k]);
	add_count(sb, &first, "VO", vo);
	add_count(sb, &first, "vertrekt", leaves);
	add_count(sb, &first, "kies een groep", unplaced);
	add_count(sb, &first, "zonder groep", no_group);
	add_count(sb, &first, "al geplaatst", placed);
	if (first && total == 0)
		sb_add(sb, " → (geen leerlingen)");
	sb_addc(sb, '\n');
	free(to);
}

/* Before one part of the totals line: ": " before the first, ", " before
 * the rest. */
static void next_part(struct strbuf *sb, bool *first)
{
	sb_add(sb, *first ? ": " : ", ");
	*first = false;
}

/* text and a newline, broken at spaces so that no line is wider than width
 * columns (a longer word keeps its own line). */
static void add_wrapped(struct strbuf *sb, const char *text, int width)
{
	int col = 0;
	const char *p = text;
	while (*p) {
		size_t len = strcspn(p, " ");
		char *word = xstrndup(p, len);
		int w = utf8_width(word);
		if (col > 0 && col + 1 + w > width) {
			sb_addc(sb, '\n');
			col = 0;
		} else if (col > 0) {
			sb_addc(sb, ' ');
			col++;
		}
		sb_add(sb, word);
		col += w;
		free(word);
		p += len;
		while (*p == ' ')
			p++;
	}
	sb_addc(sb, '\n');
}

static const char *plural(int n, const char *one, const char *more)
{
	return n == 1 ? one : more;
}

char *jov_preview(const struct jov_plan *plan)
{
	struct strbuf sb = {0};
	char y[16], y1[16], date[DATE_NL_LEN];
	schoolyear_format(plan->year, y);
	schoolyear_format(plan->year + 1, y1);
	date_format_nl(plan->leave_date, date);
	struct jov_counts c;
	jov_count(plan, &c);

	sb_printf(&sb, "Jaarovergang %s: %s → %s\n\n", plan->school_name ? plan->school_name : "",
		  y, y1);
	if (plan->nfrom == 0)
		sb_printf(&sb, "De school heeft in %s geen groepen: er is niets over te zetten.\n\n",
			  y);
	else if (plan->makes_groups)
		sb_printf(&sb, "De groepen van %s bestaan nog niet: ze worden gemaakt uit die\n"
			  "van %s, één groep hoger. Leerkrachten worden niet overgenomen: die\n"
			  "stelt u per schooljaar in.\n\n", y1, y);
	else
		sb_printf(&sb, "De leerlingen gaan naar de %d groepen die %s al heeft.\n\n", plan->nto,
			  y1);

	int width = 12;
	for (int f = 0; f < plan->nfrom; f++)
		if (utf8_width(plan->from[f].name) > width)
			width = utf8_width(plan->from[f].name);
	sb_printf(&sb, "Per groep van %s (aantal leerlingen → waarheen):\n", y);
	for (int f = 0; f < plan->nfrom; f++)
		add_group_line(&sb, plan, f, width);
	add_group_line(&sb, plan, -1, width);

	if (plan->makes_groups && plan->nto) {
		sb_printf(&sb, "\nNieuwe groepen in %s:\n", y1);
		for (int k = 0; k < plan->nto; k++) {
			const struct jov_group *g = &plan->to[k];
			sb_add(&sb, "  ");
			add_padded(&sb, g->name, width);
			if (g->jaargroep_min == g->jaargroep_max)
				sb_printf(&sb, " groep %d", g->jaargroep_min);
			else
				sb_printf(&sb, " groep %d-%d", g->jaargroep_min, g->jaargroep_max);
			if (g->source >= 0)
				sb_printf(&sb, ", uit %s", plan->from[g->source].name);
			sb_addc(&sb, '\n');
		}
	}

	if (c.exceptions) {
		sb_printf(&sb, "\nUitzonderingen (%d):\n", c.exceptions);
		for (int i = 0; i < plan->nmoves; i++) {
			const struct jov_move *m = &plan->moves[i];
			if (m->mark == JOV_NORMAL && !m->choice)
				continue;
			char *to = jov_move_to(plan, i);
			char *rest = xasprintf("→ %s (%s)", to,
					       m->mark != JOV_NORMAL ? jov_mark_name(m->mark)
								     : "gekozen");
			add_pupil_line(&sb, plan, i, rest);
			free(rest);
			free(to);
		}
	}

	if (c.vo) {
		sb_printf(&sb, "\nNaar het VO op %s (%d):\n", date, c.vo);
		for (int i = 0; i < plan->nmoves; i++) {
			const struct jov_move *m = &plan->moves[i];
			if (m->outcome == JOV_LEAVES && m->dest == LEAVE_VO && m->mark != JOV_LEAVE)
				add_pupil_line(&sb, plan, i, NULL);
		}
	}

	if (c.unplaced || c.no_group) {
		sb_printf(&sb, "\nZonder groep in %s (%d):\n", y1, c.unplaced + c.no_group);
		for (int i = 0; i < plan->nmoves; i++) {
			const struct jov_move *m = &plan->moves[i];
			if (m->outcome == JOV_UNPLACED) {
				add_pupil_line(&sb, plan, i, "→ kies een groep");
				sb_printf(&sb, "          %s\n", m->why);
			} else if (m->outcome == JOV_NO_GROUP) {
				add_pupil_line(&sb, plan, i, "→ blijft zonder groep");
			}
		}
	}

	if (c.placed) {
		sb_printf(&sb, "\nAl in een groep van %s (%d):\n", y1, c.placed);
		for (int i = 0; i < plan->nmoves; i++) {
			if (plan->moves[i].outcome != JOV_PLACED)
				continue;
			char *to = jov_move_to(plan, i);
			char *rest = xasprintf("→ %s", to);
			add_pupil_line(&sb, plan, i, rest);
			free(rest);
			free(to);
		}
	}

	/* only what happens: a plan that has been done says so, not "0 gaan over" */
	struct strbuf total = {0};
	sb_printf(&total, "Samen %d %s", c.pupils, plural(c.pupils, "leerling", "leerlingen"));
	bool first = true;
	if (c.up || c.pupils == 0) {
		next_part(&total, &first);
		sb_printf(&total, "%d %s over", c.up, plural(c.up, "gaat", "gaan"));
	}
	if (c.doubles) {
		next_part(&total, &first);
		sb_printf(&total, "%d %s", c.doubles, plural(c.doubles, "doubleert", "doubleren"));
	}
	if (c.skips) {
		next_part(&total, &first);
		sb_printf(&total, "%d %s", c.skips, plural(c.skips, "versnelt", "versnellen"));
	}
	if (c.vo) {
		next_part(&total, &first);
		sb_printf(&total, "%d naar het VO", c.vo);
	}
	if (c.leaves) {
		next_part(&total, &first);
		sb_printf(&total, "%d %s", c.leaves, plural(c.leaves, "vertrekt", "vertrekken"));
	}
	if (c.unplaced) {
		next_part(&total, &first);
		sb_printf(&total, "%d nog zonder groep (kies een groep)", c.unplaced);
	}
	if (c.no_group) {
		next_part(&total, &first);
		sb_printf(&total, "%d %s zonder groep", c.no_group,
			  plural(c.no_group, "blijft", "blijven"));
	}
	if (c.placed) {
		next_part(&total, &first);
		sb_printf(&total, "%d al geplaatst", c.placed);
	}
	sb_add(&total, ".");
	sb_addc(&sb, '\n');
	add_wrapped(&sb, sb_str(&total), 78);
	sb_free(&total);
	if (plan->makes_groups && plan->nfrom > 0)
		sb_printf(&sb, "%d %s gemaakt.\n", c.new_groups,
			  plural(c.new_groups, "groep wordt", "groepen worden"));
	return sb_take(&sb);
}
