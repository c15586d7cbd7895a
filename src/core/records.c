/* records.c - see records.h. */
#include "ibis/records.h"

#include <stdlib.h>
#include <string.h>

void school_clear(struct school *s)
{
	free(s->name);
	free(s->brin);
	free(s->level_model);
	memset(s, 0, sizeof(*s));
}

void group_clear(struct group *g)
{
	free(g->name);
	memset(g, 0, sizeof(*g));
}

void pupil_clear(struct pupil *p)
{
	free(p->number);
	free(p->first_name);
	free(p->tussenvoegsel);
	free(p->last_name);
	free(p->address);
	free(p->notes);
	memset(p, 0, sizeof(*p));
	p->birth_date = p->enrolled = p->left = DATE_NONE;
}

void guardian_clear(struct guardian *g)
{
	free(g->name);
	free(g->relation);
	free(g->phone);
	free(g->email);
	memset(g, 0, sizeof(*g));
}

void level_episode_clear(struct level_episode *e)
{
	free(e->model);
	free(e->reason);
	free(e->meeting);
	free(e->regie);
	free(e->betrokkenen);
	free(e->author);
	memset(e, 0, sizeof(*e));
	e->start = e->end = DATE_NONE;
}

void event_clear(struct event *e)
{
	free(e->kind);
	free(e->author);
	free(e->text);
	free(e->toets);
	free(e->vakgebied);
	free(e->moment);
	free(e->score);
	free(e->niveau);
	memset(e, 0, sizeof(*e));
	e->date = DATE_NONE;
}

void plan_clear(struct plan *p)
{
	free(p->template_id);
	free(p->title);
	free(p->author);
	free(p->evaluated_with);
	memset(p, 0, sizeof(*p));
	p->start = p->end = p->eval_date = DATE_NONE;
	p->due = p->agreed = p->evaluated = DATE_NONE;
}

void plan_member_clear(struct plan_member *m)
{
	free(m->field_key);
	free(m->group_name);
	free(m->pupil_name);
	memset(m, 0, sizeof(*m));
}

void plan_log_entry_clear(struct plan_log_entry *e)
{
	free(e->author);
	free(e->text);
	memset(e, 0, sizeof(*e));
	e->date = DATE_NONE;
}

void plan_snapshot_clear(struct plan_snapshot *s)
{
	free(s->taken_at);
	free(s->reason);
	free(s->author);
	free(s->content);
	memset(s, 0, sizeof(*s));
}

void goal_clear(struct goal *g)
{
	free(g->text);
	free(g->evaluation);
	memset(g, 0, sizeof(*g));
	g->target = DATE_NONE;
}

void level_correction_clear(struct level_correction *c)
{
	free(c->author);
	free(c->why);
	level_episode_clear(&c->old);
	memset(c, 0, sizeof(*c));
	c->on = DATE_NONE;
	c->old.start = c->old.end = DATE_NONE;
}

void arrangement_clear(struct arrangement *a)
{
	free(a->description);
	free(a->reference);
	memset(a, 0, sizeof(*a));
	a->start = a->end = DATE_NONE;
}

static void tl_item_clear(struct tl_item *t)
{
	free(t->kind);
	free(t->author);
	free(t->summary);
	memset(t, 0, sizeof(*t));
}

#define ARRAY_FREE(fn, clear, type)                 \
	void fn(type *a, int n)                     \
	{                                           \
		for (int i = 0; a && i < n; i++)    \
			clear(&a[i]);               \
		free(a);                            \
	}

ARRAY_FREE(level_episodes_free, level_episode_clear, struct level_episode)
ARRAY_FREE(events_free, event_clear, struct event)
ARRAY_FREE(schools_free, school_clear, struct school)
ARRAY_FREE(groups_free, group_clear, struct group)
ARRAY_FREE(plans_free, plan_clear, struct plan)
ARRAY_FREE(level_corrections_free, level_correction_clear, struct level_correction)
ARRAY_FREE(arrangements_free, arrangement_clear, struct arrangement)
ARRAY_FREE(plan_members_free, plan_member_clear, struct plan_member)
ARRAY_FREE(plan_log_free, plan_log_entry_clear, struct plan_log_entry)
ARRAY_FREE(plan_snapshots_free, plan_snapshot_clear, struct plan_snapshot)
ARRAY_FREE(tl_items_free, tl_item_clear, struct tl_item)

/* --------------------------------------------------- words of enumerations */

/* One table per enumeration: the stored (and shown) word at the index of the
 * value, so names and parsing cannot drift apart. */
static const char *const leave_words[] = {"", "school", "sbo", "so", "vo", "anders"};
static const char *const group_kind_words[] = {"regulier", "combinatie", "schakelklas",
					       "instroom"};
static const char *const plan_status_words[] = {"concept", "actief", "geëvalueerd",
						"afgesloten"};
static const char *const goal_result_words[] = {"open", "behaald", "deels behaald",
						"niet behaald"};
static const char *const user_role_words[] = {"ib", "leerkracht", "directie", "admin"};
static const char *const correction_words[] = {"gewijzigd", "ingetrokken"};
static const char *const arrangement_words[] = {"tlv", "onderwijsarrangement"};
static const char *const arrangement_labels[] = {"TLV", "Onderwijsarrangement"};

static const char *word_of(const char *const *words, size_t n, int v)
{
	return v >= 0 && (size_t)v < n ? words[v] : "";
}

static bool parse_word(const char *const *words, size_t n, size_t first, const char *s,
		       int *out)
{
	if (!s)
		return false;
	for (size_t i = first; i < n; i++) {
		if (strcmp(words[i], s) == 0) {
			*out = (int)i;
			return true;
		}
	}
	return false;
}

#define WORDS(words) words, sizeof(words) / sizeof(words[0])

const char *leave_destination_name(enum leave_destination d)
{
	return word_of(WORDS(leave_words), (int)d);
}

bool leave_destination_parse(const char *s, enum leave_destination *out)
{
	int v;
	if (!parse_word(WORDS(leave_words), 1, s, &v))
		return false;
	*out = (enum leave_destination)v;
	return true;
}

const char *group_kind_name(enum group_kind k)
{
	return word_of(WORDS(group_kind_words), (int)k);
}

bool group_kind_parse(const char *s, enum group_kind *out)
{
	int v;
	if (!parse_word(WORDS(group_kind_words), 0, s, &v))
		return false;
	*out = (enum group_kind)v;
	return true;
}

const char *user_role_name(enum user_role r)
{
	return word_of(WORDS(user_role_words), (int)r);
}

bool user_role_parse(const char *s, enum user_role *out)
{
	int v;
	if (!parse_word(WORDS(user_role_words), 0, s, &v))
		return false;
	*out = (enum user_role)v;
	return true;
}

const char *plan_status_name(enum plan_status s)
{
	return word_of(WORDS(plan_status_words), (int)s);
}

bool plan_status_parse(const char *s, enum plan_status *out)
{
	int v;
	if (!parse_word(WORDS(plan_status_words), 0, s, &v))
		return false;
	*out = (enum plan_status)v;
	return true;
}

const char *goal_result_name(enum goal_result r)
{
	return word_of(WORDS(goal_result_words), (int)r);
}

bool goal_result_parse(const char *s, enum goal_result *out)
{
	int v;
	if (!parse_word(WORDS(goal_result_words), 0, s, &v))
		return false;
	*out = (enum goal_result)v;
	return true;
}

const char *correction_action_name(enum correction_action a)
{
	return word_of(WORDS(correction_words), (int)a);
}

bool correction_action_parse(const char *s, enum correction_action *out)
{
	int v;
	if (!parse_word(WORDS(correction_words), 0, s, &v))
		return false;
	*out = (enum correction_action)v;
	return true;
}

const char *arrangement_kind_name(enum arrangement_kind k)
{
	return word_of(WORDS(arrangement_words), (int)k);
}

const char *arrangement_kind_label(enum arrangement_kind k)
{
	return word_of(WORDS(arrangement_labels), (int)k);
}

bool arrangement_kind_parse(const char *s, enum arrangement_kind *out)
{
	int v;
	if (!parse_word(WORDS(arrangement_words), 0, s, &v))
		return false;
	*out = (enum arrangement_kind)v;
	return true;
}
