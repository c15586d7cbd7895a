/* plandoc.c - see plandoc.h. */
#include "ibis/plandoc.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ibis/text.h"
#include "ibis/util.h"

/* ================================================================ document */

void plandoc_init(struct plan_doc *d)
{
	memset(d, 0, sizeof(*d));
	plan_clear(&d->plan);
}

void plandoc_free(struct plan_doc *d)
{
	if (!d)
		return;
	plan_clear(&d->plan);
	for (int i = 0; i < d->nvalues; i++) {
		free(d->values[i].key);
		free(d->values[i].value);
	}
	free(d->values);
	for (int i = 0; i < d->ngoals; i++)
		goal_clear(&d->goals[i]);
	free(d->goals);
	plan_members_free(d->members, d->nmembers);
	plandoc_init(d);
}

static void plan_copy(struct plan *dst, const struct plan *src)
{
	*dst = *src;
	dst->template_id = xstrdup(src->template_id);
	dst->title = xstrdup(src->title);
	dst->author = xstrdup(src->author);
	dst->evaluated_with = xstrdup(src->evaluated_with);
}

static void goal_copy(struct goal *dst, const struct goal *src)
{
	*dst = *src;
	dst->text = xstrdup(src->text);
	dst->evaluation = xstrdup(src->evaluation);
}

static void member_copy(struct plan_member *dst, const struct plan_member *src)
{
	dst->field_key = xstrdup(src->field_key);
	dst->group_name = xstrdup(src->group_name);
	dst->pupil_id = src->pupil_id;
	dst->pupil_name = xstrdup(src->pupil_name);
}

void plandoc_copy(struct plan_doc *dst, const struct plan_doc *src)
{
	plandoc_init(dst);
	plan_copy(&dst->plan, &src->plan);
	if (src->nvalues > 0) {
		dst->values = xcalloc((size_t)src->nvalues, sizeof(*dst->values));
		for (int i = 0; i < src->nvalues; i++) {
			dst->values[i].key = xstrdup(src->values[i].key);
			dst->values[i].value = xstrdup(src->values[i].value);
		}
		dst->nvalues = src->nvalues;
	}
	if (src->ngoals > 0) {
		dst->goals = xcalloc((size_t)src->ngoals, sizeof(*dst->goals));
		for (int i = 0; i < src->ngoals; i++)
			goal_copy(&dst->goals[i], &src->goals[i]);
		dst->ngoals = src->ngoals;
	}
	if (src->nmembers > 0) {
		dst->members = xcalloc((size_t)src->nmembers, sizeof(*dst->members));
		for (int i = 0; i < src->nmembers; i++)
			member_copy(&dst->members[i], &src->members[i]);
		dst->nmembers = src->nmembers;
	}
}

static int value_index(const struct plan_doc *d, const char *key)
{
	for (int i = 0; key && i < d->nvalues; i++)
		if (strcmp(d->values[i].key, key) == 0)
			return i;
	return -1;
}

const char *plandoc_get(const struct plan_doc *d, const char *key)
{
	int i = value_index(d, key);
	return i < 0 ? NULL : d->values[i].value;
}

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (!strchr(" \t\n\r\f\v", *s))
			return false;
	return true;
}

void plandoc_set(struct plan_doc *d, const char *key, const char *value)
{
	if (!key)
		return;
	int i = value_index(d, key);
	if (blank(value)) {
		if (i < 0)
			return;
		free(d->values[i].key);
		free(d->values[i].value);
		memmove(&d->values[i], &d->values[i + 1],
			(size_t)(d->nvalues - i - 1) * sizeof(*d->values));
		d->nvalues--;
		return;
	}
	if (i >= 0) {
		if (d->values[i].value == value)
			return;
		free(d->values[i].value);
		d->values[i].value = xstrdup(value);
		return;
	}
	d->values = xrealloc(d->values, (size_t)(d->nvalues + 1) * sizeof(*d->values));
	d->values[d->nvalues].key = xstrdup(key);
	d->values[d->nvalues].value = xstrdup(value);
	d->nvalues++;
}

int plandoc_add_goal(struct plan_doc *d, const struct goal *g)
{
	d->goals = xrealloc(d->goals, (size_t)(d->ngoals + 1) * sizeof(*d->goals));
	goal_copy(&d->goals[d->ngoals], g);
	return d->ngoals++;
}

void plandoc_remove_goal(struct plan_doc *d, int i)
{
	if (i < 0 || i >= d->ngoals)
		return;
	goal_clear(&d->goals[i]);
	memmove(&d->goals[i], &d->goals[i + 1], (size_t)(d->ngoals - i - 1) * sizeof(*d->goals));
	d->ngoals--;
}

/* ----------------------------------------------------------------- members */

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int member_cmp(const void *pa, const void *pb)
{
	const struct plan_member *a = pa, *b = pb;
	int c = cmp_str(a->field_key, b->field_key);
	if (!c)
		c = cmp_str(a->group_name, b->group_name);
	if (!c) {
		char *fa = text_fold(a->pupil_name ? a->pupil_name : "");
		char *fb = text_fold(b->pupil_name ? b->pupil_name : "");
		c = strcmp(fa, fb);
		free(fa);
		free(fb);
	}
	if (!c)
		c = cmp_str(a->pupil_name, b->pupil_name);
	if (!c)
		c = (a->pupil_id > b->pupil_id) - (a->pupil_id < b->pupil_id);
	return c;
}

static int member_index(const struct plan_doc *d, const char *key, ibis_id pupil_id)
{
	for (int i = 0; key && i < d->nmembers; i++)
		if (d->members[i].pupil_id == pupil_id && cmp_str(d->members[i].field_key, key) == 0)
			return i;
	return -1;
}

static void member_remove(struct plan_doc *d, int i)
{
	plan_member_clear(&d->members[i]);
	memmove(&d->members[i], &d->members[i + 1],
		(size_t)(d->nmembers - i - 1) * sizeof(*d->members));
	d->nmembers--;
}

static void member_append(struct plan_doc *d, const struct plan_member *m)
{
	d->members = xrealloc(d->members, (size_t)(d->nmembers + 1) * sizeof(*d->members));
	member_copy(&d->members[d->nmembers++], m);
}

static void members_sort(struct plan_doc *d)
{
	if (d->nmembers > 1)
		qsort(d->members, (size_t)d->nmembers, sizeof(*d->members), member_cmp);
}

void plandoc_set_member(struct plan_doc *d, const char *key, const char *group_name,
			ibis_id pupil_id, const char *name)
{
	if (!key)
		return;
	int i = member_index(d, key, pupil_id);
	if (!group_name) {
		if (i >= 0)
			member_remove(d, i);
		return;
	}
	if (i < 0) {
		struct plan_member m = {(char *)key, (char *)group_name, pupil_id, (char *)name};
		member_append(d, &m);
	} else {
		struct plan_member *m = &d->members[i];
		char *g = xstrdup(group_name);
		free(m->group_name);
		m->group_name = g;
		if (name) {
			char *n = xstrdup(name);
			free(m->pupil_name);
			m->pupil_name = n;
		}
	}
	members_sort(d);
}

const char *plandoc_member_group(const struct plan_doc *d, const char *key, ibis_id pupil_id)
{
	int i = member_index(d, key, pupil_id);
	return i < 0 ? NULL : d->members[i].group_name;
}

/* ---------------------------------------------------------------- equality */

static bool str_same(const char *a, const char *b)
{
	return cmp_str(a, b) == 0;
}

static bool header_same(const struct plan *a, const struct plan *b)
{
	return str_same(a->template_id, b->template_id) && a->pupil_id == b->pupil_id &&
	       a->group_id == b->group_id && str_same(a->title, b->title) &&
	       a->status == b->status && a->start == b->start && a->end == b->end &&
	       a->eval_date == b->eval_date && str_same(a->author, b->author) &&
	       a->due == b->due && a->agreed == b->agreed && a->evaluated == b->evaluated &&
	       str_same(a->evaluated_with, b->evaluated_with);
}

/* The content of a goal, as a person would see a change; ids and versions
 * are bookkeeping. */
static bool goal_content_same(const struct goal *a, const struct goal *b)
{
	return a->area == b->area && a->long_term == b->long_term && str_same(a->text, b->text) &&
	       a->target == b->target && a->result == b->result &&
	       str_same(a->evaluation, b->evaluation);
}

/* Values and members as sets: their order is how they were added or read. */
static bool values_same(const struct plan_doc *a, const struct plan_doc *b)
{
	if (a->nvalues != b->nvalues)
		return false;
	for (int i = 0; i < a->nvalues; i++)
		if (!str_same(a->values[i].value, plandoc_get(b, a->values[i].key)))
			return false;
	return true;
}

/* The members of field key (NULL: every field) are the same in a and b. */
static bool members_same(const struct plan_doc *a, const struct plan_doc *b, const char *key)
{
	int na = 0, nb = 0;
	for (int i = 0; i < a->nmembers; i++) {
		const struct plan_member *m = &a->members[i];
		if (key && cmp_str(m->field_key, key) != 0)
			continue;
		na++;
		int j = member_index(b, m->field_key ? m->field_key : "", m->pupil_id);
		if (j < 0 || !str_same(b->members[j].group_name, m->group_name))
			return false;
	}
	for (int i = 0; i < b->nmembers; i++)
		if (!key || cmp_str(b->members[i].field_key, key) == 0)
			nb++;
	return na == nb;
}

bool plandoc_equal(const struct plan_doc *a, const struct plan_doc *b)
{
	if (!header_same(&a->plan, &b->plan) || !values_same(a, b) || a->ngoals != b->ngoals ||
	    !members_same(a, b, NULL))
		return false;
	for (int i = 0; i < a->ngoals; i++) {
		const struct goal *ga = &a->goals[i], *gb = &b->goals[i];
		if (ga->id != gb->id || ga->version != gb->version || !goal_content_same(ga, gb))
			return false;
	}
	return true;
}

/* ================================================================== drafts */

/* The format:
 *   ibis-planconcept 1
 *   [mijn]
 *   NAME=VALUE            header fields (header_keys below)
 *   veld=KEY<TAB>VALUE
 *   doel=ID<TAB>PLAN<TAB>VERSION<TAB>AREA<TAB>lang|kort<TAB>TARGET<TAB>RESULT<TAB>TEXT<TAB>EVALUATION
 *   lid=FIELD<TAB>GROUP<TAB>PUPIL<TAB>NAME
 *   [basis]               (optional, the same lines)
 *   [einde]
 * Every part is escaped (\\ \n \r \t \xHH for other control bytes and
 * bytes that are not UTF-8), so a line holds no newline and a literal tab
 * always separates parts. [einde] shows that the text is whole. */

#define DRAFT_MAGIC "ibis-planconcept"
#define DRAFT_VERSION 1

enum hkind { HK_ID, HK_INT, HK_STR, HK_DATE, HK_STATUS };

static const struct {
	const char *name;
	enum hkind kind;
	size_t off;
} header_keys[] = {
	{"id", HK_ID, offsetof(struct plan, id)},
	{"versie", HK_INT, offsetof(struct plan, version)},
	{"sjabloon", HK_STR, offsetof(struct plan, template_id)},
	{"leerling", HK_ID, offsetof(struct plan, pupil_id)},
	{"groep", HK_ID, offsetof(struct plan, group_id)},
	{"titel", HK_STR, offsetof(struct plan, title)},
	{"status", HK_STATUS, offsetof(struct plan, status)},
	{"start", HK_DATE, offsetof(struct plan, start)},
	{"eind", HK_DATE, offsetof(struct plan, end)},
	{"evaluatiedatum", HK_DATE, offsetof(struct plan, eval_date)},
	{"auteur", HK_STR, offsetof(struct plan, author)},
	{"uiterlijk", HK_DATE, offsetof(struct plan, due)},
	{"instemming", HK_DATE, offsetof(struct plan, agreed)},
	{"geevalueerd", HK_DATE, offsetof(struct plan, evaluated)},
	{"geevalueerd_met", HK_STR, offsetof(struct plan, evaluated_with)},
};

static void put_esc(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = s ? strlen(s) : 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t len = 1;
		if (c >= 0x80)
			utf8_decode(s + i, n - i, &len);
		if (c == '\\') {
			sb_add(sb, "\\\\");
		} else if (c == '\n') {
			sb_add(sb, "\\n");
		} else if (c == '\r') {
			sb_add(sb, "\\r");
		} else if (c == '\t') {
			sb_add(sb, "\\t");
		} else if (c < 0x20 || c == 0x7f || (c >= 0x80 && len == 1)) {
			char e[5] = {'\\', 'x', hex[c >> 4], hex[c & 15], 0};
			sb_add(sb, e);
		} else {
			sb_addn(sb, s + i, len);
		}
		i += len;
	}
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The unescaped text of s[0..n) (caller frees), or NULL when an escape is
 * broken. */
static char *unesc(const char *s, size_t n)
{
	struct strbuf sb = {0};
	sb_add(&sb, "");
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\') {
			sb_addc(&sb, s[i]);
			continue;
		}
		if (++i >= n)
			goto bad;
		switch (s[i]) {
		case '\\': sb_addc(&sb, '\\'); break;
		case 'n': sb_addc(&sb, '\n'); break;
		case 'r': sb_addc(&sb, '\r'); break;
		case 't': sb_addc(&sb, '\t'); break;
		case 'x': {
			int h = i + 2 < n ? hexval(s[i + 1]) : -1;
			int l = i + 2 < n ? hexval(s[i + 2]) : -1;
			if (h < 0 || l < 0 || (h == 0 && l == 0))
				goto bad;
			sb_addc(&sb, (char)(h * 16 + l));
			i += 2;
			break;
		}
		default:
			goto bad;
		}
	}
	return sb_take(&sb);
bad:
	sb_free(&sb);
	return NULL;
}

static void put_date(struct strbuf *sb, ibis_date d)
{
	char buf[DATE_ISO_LEN];
	sb_add(sb, date_format_iso(d, buf));
}

static void put_doc(struct strbuf *sb, const char *name, const struct plan_doc *d)
{
	sb_printf(sb, "[%s]\n", name);
	for (size_t i = 0; i < ARRAY_LEN(header_keys); i++) {
		const char *p = (const char *)&d->plan + header_keys[i].off;
		sb_printf(sb, "%s=", header_keys[i].name);
		switch (header_keys[i].kind) {
		case HK_ID: sb_printf(sb, "%lld", *(const ibis_id *)p); break;
		case HK_INT: sb_printf(sb, "%d", *(const int *)p); break;
		case HK_STR: put_esc(sb, *(char *const *)p); break;
		case HK_DATE: put_date(sb, *(const ibis_date *)p); break;
		case HK_STATUS: sb_add(sb, plan_status_name(*(const enum plan_status *)p)); break;
		}
		sb_addc(sb, '\n');
	}
	for (int i = 0; i < d->nvalues; i++) {
		sb_add(sb, "veld=");
		put_esc(sb, d->values[i].key);
		sb_addc(sb, '\t');
		put_esc(sb, d->values[i].value);
		sb_addc(sb, '\n');
	}
	for (int i = 0; i < d->ngoals; i++) {
		const struct goal *g = &d->goals[i];
		sb_printf(sb, "doel=%lld\t%lld\t%d\t%d\t%s\t", g->id, g->plan_id, g->version, g->area,
			  g->long_term ? "lang" : "kort");
		put_date(sb, g->target);
		sb_printf(sb, "\t%s\t", goal_result_name(g->result));
		put_esc(sb, g->text);
		sb_addc(sb, '\t');
		put_esc(sb, g->evaluation);
		sb_addc(sb, '\n');
	}
	for (int i = 0; i < d->nmembers; i++) {
		const struct plan_member *m = &d->members[i];
		sb_add(sb, "lid=");
		put_esc(sb, m->field_key);
		sb_addc(sb, '\t');
		put_esc(sb, m->group_name);
		sb_printf(sb, "\t%lld\t", m->pupil_id);
		put_esc(sb, m->pupil_name);
		sb_addc(sb, '\n');
	}
}

char *plandoc_draft(const struct plan_doc *mine, const struct plan_doc *base)
{
	struct strbuf sb = {0};
	sb_printf(&sb, "%s %d\n", DRAFT_MAGIC, DRAFT_VERSION);
	put_doc(&sb, "mijn", mine);
	if (base)
		put_doc(&sb, "basis", base);
	sb_add(&sb, "[einde]\n");
	return sb_take(&sb);
}

/* ---------------------------------------------------------- reading drafts */

static bool parse_ll(const char *s, long long min, long long max, long long *out)
{
	if (str_empty(s) || !(*s == '-' || (*s >= '0' && *s <= '9')))
		return false;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

static bool parse_date_part(const char *s, ibis_date *out)
{
	if (!*s) {
		*out = DATE_NONE;
		return true;
	}
	return date_parse_iso(s, out);
}

/* Split an escaped line part on literal tabs into exactly n unescaped
 * parts (caller frees each); false when the count or an escape is wrong. */
static bool split_parts(const char *s, char **parts, int n)
{
	int tabs = 0;
	for (const char *p = s; *p; p++)
		tabs += *p == '\t';
	if (tabs != n - 1)
		return false;
	const char *p = s;
	for (int k = 0; k < n; k++) {
		size_t len = strcspn(p, "\t");
		parts[k] = unesc(p, len);
		if (!parts[k]) {
			for (int i = 0; i < k; i++)
				freep(&parts[i]);
			return false;
		}
		p += len + 1;
	}
	return true;
}

static void free_parts(char **parts, int n)
{
	for (int i = 0; i < n; i++)
		free(parts[i]);
}

/* Read one header line; returns why it is refused, or NULL. */
static const char *read_header(struct plan *p, size_t k, const char *val)
{
	char *s = unesc(val, strlen(val));
	if (!s)
		return "ongeldig teken";
	char *field = (char *)p + header_keys[k].off;
	const char *why = NULL;
	long long v;
	switch (header_keys[k].kind) {
	case HK_ID:
		if (!parse_ll(s, 0, LLONG_MAX, &v))
			why = "ongeldig nummer";
		else
			*(ibis_id *)field = v;
		break;
	case HK_INT:
		if (!parse_ll(s, 0, INT_MAX, &v))
			why = "ongeldig nummer";
		else
			*(int *)field = (int)v;
		break;
	case HK_STR: {
		char **sp = (char **)field;
		free(*sp);
		*sp = NULL;
		if (*s) {
			*sp = s;
			s = NULL;
		}
		break;
	}
	case HK_DATE:
		if (!parse_date_part(s, (ibis_date *)field))
			why = "ongeldige datum";
		break;
	case HK_STATUS:
		if (!plan_status_parse(s, (enum plan_status *)field))
			why = "onbekende status";
		break;
	}
	free(s);
	return why;
}

static const char *read_goal(struct plan_doc *d, const char *val)
{
	char *f[9] = {0};
	if (!split_parts(val, f, 9))
		return "onvolledig doel";
	const char *why = NULL;
	struct goal g = {0};
	long long id, plan, version, area;
	if (!parse_ll(f[0], 0, LLONG_MAX, &id) || !parse_ll(f[1], 0, LLONG_MAX, &plan) ||
	    !parse_ll(f[2], 0, INT_MAX, &version) || !parse_ll(f[3], 0, 99, &area))
		why = "ongeldig nummer bij een doel";
	else if (strcmp(f[4], "lang") && strcmp(f[4], "kort"))
		why = "onbekende termijn bij een doel";
	else if (!parse_date_part(f[5], &g.target))
		why = "ongeldige streefdatum";
	else if (!goal_result_parse(f[6], &g.result))
		why = "onbekend resultaat bij een doel";
	if (!why) {
		g.id = id;
		g.plan_id = plan;
		g.version = (int)version;
		g.area = (int)area;
		g.long_term = strcmp(f[4], "lang") == 0;
		g.text = *f[7] ? f[7] : NULL;
		g.evaluation = *f[8] ? f[8] : NULL;
		plandoc_add_goal(d, &g);
	}
	free_parts(f, 9);
	return why;
}

static const char *read_member(struct plan_doc *d, const char *val)
{
	char *f[4] = {0};
	if (!split_parts(val, f, 4))
		return "onvolledige indeling van een leerling";
	const char *why = NULL;
	long long id;
	if (!*f[0] || !*f[1])
		why = "leerling zonder veld of groep";
	else if (!parse_ll(f[2], 1, LLONG_MAX, &id))
		why = "ongeldig leerlingnummer";
	else if (member_index(d, f[0], id) >= 0)
		why = "leerling staat er twee keer";
	else {
		struct plan_member m = {f[0], f[1], id, *f[3] ? f[3] : NULL};
		member_append(d, &m);
	}
	free_parts(f, 4);
	return why;
}

static const char *read_value(struct plan_doc *d, const char *val)
{
	char *f[2] = {0};
	if (!split_parts(val, f, 2))
		return "onvolledig veld";
	const char *why = NULL;
	if (!*f[0])
		why = "veld zonder naam";
	else if (plandoc_get(d, f[0]))
		why = "veld staat er twee keer";
	else
		plandoc_set(d, f[0], f[1]);
	free_parts(f, 2);
	return why;
}

static const char *read_line(struct plan_doc *d, const char *line)
{
	const char *eq = strchr(line, '=');
	if (!eq)
		return "onleesbare regel";
	size_t nlen = (size_t)(eq - line);
	const char *val = eq + 1;
	if (nlen == 4 && strncmp(line, "veld", 4) == 0)
		return read_value(d, val);
	if (nlen == 4 && strncmp(line, "doel", 4) == 0)
		return read_goal(d, val);
	if (nlen == 3 && strncmp(line, "lid", 3) == 0)
		return read_member(d, val);
	for (size_t k = 0; k < ARRAY_LEN(header_keys); k++)
		if (strlen(header_keys[k].name) == nlen && strncmp(line, header_keys[k].name, nlen) == 0)
			return read_header(&d->plan, k, val);
	return "onbekend soort regel";
}

static enum ibis_status draft_fail(struct ibis_error *err, int line, const char *why,
				   const char *text)
{
	enum ibis_status st = ibis_fail(err, IBIS_EINPUT,
					"Het bewaarde concept van het plan is beschadigd "
					"(regel %d: %s).", line, why);
	if (text)
		ibis_detail(err, "draft line %d: %.200s", line, text);
	return st;
}

enum ibis_status plandoc_undraft(const char *text, struct plan_doc *mine, struct plan_doc *base,
				 bool *has_base, struct ibis_error *err)
{
	struct plan_doc scratch; /* a base nobody asked for */
	plandoc_init(&scratch);
	bool scratch_has;
	if (!base)
		base = &scratch;
	if (!has_base)
		has_base = &scratch_has;
	plandoc_free(mine);
	plandoc_free(base);
	*has_base = false;
	if (!text)
		text = "";
	enum ibis_status st = IBIS_OK;
	struct plan_doc *cur = NULL;
	bool seen_mine = false, seen_base = false, ended = false;
	int lineno = 0;
	char *line = NULL;
	for (const char *p = text; *p && st == IBIS_OK;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		lineno++;
		free(line);
		line = xstrndup(p, len);
		p += len + (nl ? 1 : 0);
		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		if (!utf8_valid(line, len)) {
			st = draft_fail(err, lineno, "tekens die geen UTF-8 zijn", NULL);
			break;
		}
		if (lineno == 1) {
			long long v;
			size_t ml = strlen(DRAFT_MAGIC);
			if (strncmp(line, DRAFT_MAGIC " ", ml + 1) != 0) {
				st = ibis_fail(err, IBIS_EINPUT,
					       "Dit is geen bewaard concept van een plan van ibis "
					       "(regel 1).");
				ibis_detail(err, "draft line 1: %.200s", line);
			} else if (!parse_ll(line + ml + 1, 0, INT_MAX, &v) || v != DRAFT_VERSION) {
				st = ibis_fail(err, IBIS_EINPUT,
					       "Het bewaarde concept van het plan komt van een "
					       "andere versie van ibis (regel 1: \"%.60s\").", line);
			}
			continue;
		}
		if (!len)
			continue;
		if (ended) {
			st = draft_fail(err, lineno, "tekst na het einde", line);
		} else if (strcmp(line, "[mijn]") == 0 || strcmp(line, "[basis]") == 0) {
			bool is_mine = line[1] == 'm';
			if (is_mine ? seen_mine : seen_base) {
				st = draft_fail(err, lineno, "dit deel staat er twee keer", line);
			} else {
				cur = is_mine ? mine : base;
				*(is_mine ? &seen_mine : &seen_base) = true;
			}
		} else if (strcmp(line, "[einde]") == 0) {
			ended = true;
		} else if (!cur) {
			st = draft_fail(err, lineno, "tekst buiten een plan", line);
		} else {
			const char *why = read_line(cur, line);
			if (why)
				st = draft_fail(err, lineno, why, line);
		}
	}
	free(line);
	if (st == IBIS_OK && lineno == 0)
		st = ibis_fail(err, IBIS_EINPUT,
			       "Dit is geen bewaard concept van een plan van ibis (regel 1 is leeg).");
	if (st == IBIS_OK && (!ended || !seen_mine))
		st = draft_fail(err, lineno, seen_mine ? "de tekst houdt op voor het einde"
						       : "het eigen plan ontbreekt",
				NULL);
	if (st != IBIS_OK) {
		plandoc_free(mine);
		plandoc_free(base);
	} else {
		*has_base = seen_base;
	}
	plandoc_free(&scratch);
	return st;
}

/* =================================================================== units */

static const struct {
	const char *id;
	const char *label;
} header_units[] = {
	{"titel", "Titel"},
	{"start", "Startdatum"},
	{"eind", "Einddatum"},
	{"evaluatiedatum", "Evaluatiedatum"},
	{"uiterlijk", "Opstellen uiterlijk"},
	{"instemming", "Instemming ouders"},
	{"evaluatie_gehouden", "Evaluatie gehouden"},
};

struct unitlist {
	struct plan_unit *u;
	int n, cap;
};

/* Append a unit; label and text are taken over (text NULL means ""). */
static void unit_add(struct unitlist *l, char *id, char *label, char *text)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->u = xrealloc(l->u, (size_t)l->cap * sizeof(*l->u));
	}
	l->u[l->n].id = id;
	l->u[l->n].label = label;
	l->u[l->n].text = text ? text : xstrdup("");
	l->n++;
}

static char *date_nl(ibis_date d)
{
	char buf[DATE_NL_LEN];
	return xstrdup(date_format_nl(d, buf));
}

static char *header_text(const struct plan *p, const char *id)
{
	if (!strcmp(id, "titel"))
		return xstrdup(p->title ? p->title : "");
	if (!strcmp(id, "start"))
		return date_nl(p->start);
	if (!strcmp(id, "eind"))
		return date_nl(p->end);
	if (!strcmp(id, "evaluatiedatum"))
		return date_nl(p->eval_date);
	if (!strcmp(id, "uiterlijk"))
		return date_nl(p->due);
	if (!strcmp(id, "instemming"))
		return date_nl(p->agreed);
	/* evaluatie_gehouden */
	char buf[DATE_NL_LEN];
	date_format_nl(p->evaluated, buf);
	if (str_empty(p->evaluated_with))
		return xstrdup(buf);
	return xasprintf("%s%smet %s", buf, *buf ? " " : "", p->evaluated_with);
}

static const char *area_name(const struct basis_grid *areas, int number, char *buf, size_t n)
{
	for (int i = 0; areas && i < areas->nareas; i++)
		if (areas->areas[i].number == number && !str_empty(areas->areas[i].name))
			return areas->areas[i].name;
	snprintf(buf, n, "gebied %d", number);
	return buf;
}

static char *goal_text(const struct goal *g, const struct basis_grid *areas)
{
	struct strbuf sb = {0};
	char buf[32];
	sb_add(&sb, g->long_term ? "Lange termijn" : "Korte termijn");
	if (g->area > 0)
		sb_printf(&sb, " · %s", area_name(areas, g->area, buf, sizeof(buf)));
	if (g->target != DATE_NONE) {
		char d[DATE_NL_LEN];
		sb_printf(&sb, " · streefdatum %s", date_format_nl(g->target, d));
	}
	if (!str_empty(g->text))
		sb_printf(&sb, "\n%s", g->text);
	if (g->result != GOAL_OPEN || !str_empty(g->evaluation))
		sb_printf(&sb, "\nResultaat: %s", goal_result_name(g->result));
	if (!str_empty(g->evaluation))
		sb_printf(&sb, "\n%s", g->evaluation);
	return sb_take(&sb);
}

/* "Doel: " and the first few words of the goal's text. */
static char *goal_label(const struct goal *g)
{
	enum { WORDS = 6, BYTES = 48 };
	if (str_empty(g->text))
		return xstrdup("Doel");
	struct strbuf sb = {0};
	sb_add(&sb, "Doel: ");
	const char *s = g->text;
	int words = 0;
	bool cut = false;
	while (*s) {
		while (*s && strchr(" \t\n\r", *s))
			s++;
		if (!*s)
			break;
		if (words == WORDS || sb.len > BYTES) {
			cut = true;
			break;
		}
		size_t w = strcspn(s, " \t\n\r");
		if (words)
			sb_addc(&sb, ' ');
		sb_addn(&sb, s, w);
		s += w;
		words++;
	}
	if (cut)
		sb_add(&sb, " …");
	return sb_take(&sb);
}

static char *goal_unit_id(const struct plan_doc *d, int i)
{
	if (d->goals[i].id)
		return xasprintf("doel:%lld", d->goals[i].id);
	int n = 0;
	for (int j = 0; j < i; j++)
		if (!d->goals[j].id)
			n++;
	return xasprintf("doel:nieuw:%d", n);
}

static void add_goal_units(struct unitlist *l, const struct plan_doc *d,
			   const struct basis_grid *areas)
{
	for (int i = 0; i < d->ngoals; i++)
		unit_add(l, goal_unit_id(d, i), goal_label(&d->goals[i]),
			 goal_text(&d->goals[i], areas));
}

static char *members_text(const struct plan_doc *d, const char *key, const struct plan_field *f)
{
	struct strbuf sb = {0};
	struct strlist groups = {0};
	for (size_t g = 0; f && g < f->choices.len; g++)
		sl_add(&groups, f->choices.items[g]);
	for (int i = 0; i < d->nmembers; i++) {
		const struct plan_member *m = &d->members[i];
		if (cmp_str(m->field_key, key) != 0)
			continue;
		bool known = false;
		for (size_t g = 0; g < groups.len && !known; g++)
			known = str_same(groups.items[g], m->group_name);
		if (!known)
			sl_add(&groups, m->group_name ? m->group_name : "");
	}
	for (size_t g = 0; g < groups.len; g++) {
		int n = 0;
		for (int i = 0; i < d->nmembers; i++) {
			const struct plan_member *m = &d->members[i];
			if (cmp_str(m->field_key, key) || !str_same(m->group_name, groups.items[g]))
				continue;
			if (n++ == 0)
				sb_printf(&sb, "%s%s: ", sb.len ? "\n" : "", groups.items[g]);
			else
				sb_add(&sb, ", ");
			if (str_empty(m->pupil_name))
				sb_printf(&sb, "leerling %lld", m->pupil_id);
			else
				sb_add(&sb, m->pupil_name);
		}
	}
	sl_free(&groups);
	return sb_take(&sb);
}

static bool is_value_type(enum field_type type)
{
	return type == FIELD_LINE || type == FIELD_TEXT || type == FIELD_DATE ||
	       type == FIELD_CHOICE;
}

/* A value the template shows as a field of its own. */
static bool value_in_template(const struct plan_template *t, const char *key)
{
	const struct plan_field *f = t ? plantemplate_field(t, key) : NULL;
	return f && is_value_type(f->type);
}

static bool pupils_in_template(const struct plan_template *t, const char *key)
{
	const struct plan_field *f = t ? plantemplate_field(t, key) : NULL;
	return f && f->type == FIELD_PUPILS;
}

static char *value_text(const char *v, const struct plan_field *f)
{
	ibis_date d;
	if (v && f && f->type == FIELD_DATE && date_parse_iso(v, &d))
		return date_nl(d);
	return xstrdup(v ? v : "");
}

void plandoc_units(const struct plan_doc *d, const struct plan_template *t,
		   const struct basis_grid *areas, struct plan_unit **out, int *n)
{
	struct unitlist l = {0};
	for (size_t i = 0; i < ARRAY_LEN(header_units); i++)
		unit_add(&l, xstrdup(header_units[i].id), xstrdup(header_units[i].label),
			 header_text(&d->plan, header_units[i].id));
	bool goals_done = false;
	for (int i = 0; t && i < t->nfields; i++) {
		const struct plan_field *f = &t->fields[i];
		if (is_value_type(f->type)) {
			unit_add(&l, xasprintf("veld:%s", f->key), xstrdup(f->label),
				 value_text(plandoc_get(d, f->key), f));
		} else if (f->type == FIELD_GOALS && !goals_done) {
			add_goal_units(&l, d, areas);
			goals_done = true;
		} else if (f->type == FIELD_PUPILS) {
			unit_add(&l, xasprintf("leerlingen:%s", f->key), xstrdup(f->label),
				 members_text(d, f->key, f));
		}
	}
	/* What the template does not (or no longer) name is kept all the
	 * same, after the template's own fields, under its key. */
	for (int i = 0; i < d->nvalues; i++)
		if (!value_in_template(t, d->values[i].key))
			unit_add(&l, xasprintf("veld:%s", d->values[i].key),
				 xstrdup(d->values[i].key), xstrdup(d->values[i].value));
	if (!goals_done)
		add_goal_units(&l, d, areas);
	for (int i = 0; i < d->nmembers; i++) {
		const char *key = d->members[i].field_key ? d->members[i].field_key : "";
		if (pupils_in_template(t, key))
			continue;
		bool seen = false;
		for (int j = 0; j < i && !seen; j++)
			seen = str_same(d->members[j].field_key, key);
		if (!seen)
			unit_add(&l, xasprintf("leerlingen:%s", key), xstrdup(key),
				 members_text(d, key, NULL));
	}
	*out = l.u;
	*n = l.n;
}

void plan_units_free(struct plan_unit *u, int n)
{
	for (int i = 0; u && i < n; i++) {
		free(u[i].id);
		free(u[i].label);
		free(u[i].text);
	}
	free(u);
}

/* =============================================================== take/merge */

/* The goal of unit id "doel:ID" or "doel:nieuw:N" in d, -1 when none. */
static int goal_of_unit(const struct plan_doc *d, const char *id)
{
	long long v;
	if (str_starts(id, "doel:nieuw:")) {
		if (!parse_ll(id + 11, 0, INT_MAX, &v))
			return -1;
		for (int i = 0, n = 0; i < d->ngoals; i++)
			if (!d->goals[i].id && n++ == v)
				return i;
		return -1;
	}
	if (!parse_ll(id + 5, 1, LLONG_MAX, &v))
		return -1;
	for (int i = 0; i < d->ngoals; i++)
		if (d->goals[i].id == v)
			return i;
	return -1;
}

static void take_header(struct plan *dst, const struct plan *src, const char *id)
{
	if (!strcmp(id, "titel")) {
		char *s = xstrdup(src->title);
		free(dst->title);
		dst->title = s;
	} else if (!strcmp(id, "start")) {
		dst->start = src->start;
	} else if (!strcmp(id, "eind")) {
		dst->end = src->end;
	} else if (!strcmp(id, "evaluatiedatum")) {
		dst->eval_date = src->eval_date;
	} else if (!strcmp(id, "uiterlijk")) {
		dst->due = src->due;
	} else if (!strcmp(id, "instemming")) {
		dst->agreed = src->agreed;
	} else if (!strcmp(id, "evaluatie_gehouden")) {
		char *s = xstrdup(src->evaluated_with);
		dst->evaluated = src->evaluated;
		free(dst->evaluated_with);
		dst->evaluated_with = s;
	}
}

static void take_goal(struct plan_doc *dst, const struct plan_doc *src, const char *id)
{
	int s = goal_of_unit(src, id), t = goal_of_unit(dst, id);
	if (s < 0) {
		plandoc_remove_goal(dst, t);
	} else if (t >= 0) {
		/* dst's id and version stay: saving updates that goal. */
		struct goal *g = &dst->goals[t];
		struct goal c;
		goal_copy(&c, &src->goals[s]);
		c.id = g->id;
		c.plan_id = g->plan_id;
		c.version = g->version;
		goal_clear(g);
		*g = c;
	} else {
		/* A goal dst does not have (dst deleted it) comes back as a new
		 * one, so that saving inserts it again. */
		int i = plandoc_add_goal(dst, &src->goals[s]);
		dst->goals[i].id = 0;
		dst->goals[i].version = 0;
		dst->goals[i].plan_id = dst->plan.id;
	}
}

void plandoc_take(struct plan_doc *dst, const struct plan_doc *src, const char *id)
{
	if (!id || dst == src)
		return;
	if (str_starts(id, "veld:")) {
		plandoc_set(dst, id + 5, plandoc_get(src, id + 5));
	} else if (str_starts(id, "leerlingen:")) {
		const char *key = id + 11;
		for (int i = dst->nmembers - 1; i >= 0; i--)
			if (str_same(dst->members[i].field_key, key))
				member_remove(dst, i);
		for (int i = 0; i < src->nmembers; i++)
			if (str_same(src->members[i].field_key, key))
				member_append(dst, &src->members[i]);
		members_sort(dst);
	} else if (str_starts(id, "doel:")) {
		take_goal(dst, src, id);
	} else {
		take_header(&dst->plan, &src->plan, id);
	}
}

/* Unit id is the same in a and b (content only: ids and versions aside). */
static bool unit_same(const struct plan_doc *a, const struct plan_doc *b, const char *id)
{
	if (str_starts(id, "veld:"))
		return str_same(plandoc_get(a, id + 5), plandoc_get(b, id + 5));
	if (str_starts(id, "leerlingen:"))
		return members_same(a, b, id + 11);
	if (str_starts(id, "doel:")) {
		int i = goal_of_unit(a, id), j = goal_of_unit(b, id);
		if (i < 0 || j < 0)
			return i == j;
		return goal_content_same(&a->goals[i], &b->goals[j]);
	}
	const struct plan *p = &a->plan, *q = &b->plan;
	if (!strcmp(id, "titel"))
		return str_same(p->title, q->title);
	if (!strcmp(id, "start"))
		return p->start == q->start;
	if (!strcmp(id, "eind"))
		return p->end == q->end;
	if (!strcmp(id, "evaluatiedatum"))
		return p->eval_date == q->eval_date;
	if (!strcmp(id, "uiterlijk"))
		return p->due == q->due;
	if (!strcmp(id, "instemming"))
		return p->agreed == q->agreed;
	if (!strcmp(id, "evaluatie_gehouden"))
		return p->evaluated == q->evaluated && str_same(p->evaluated_with, q->evaluated_with);
	return true;
}

static const struct plan_unit *find_unit(const struct plan_unit *u, int n, const char *id)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(u[i].id, id))
			return &u[i];
	return NULL;
}

struct unitset {
	struct plan_unit *u;
	int n;
};

void plandoc_merge(const struct plan_doc *base, const struct plan_doc *mine,
		   const struct plan_doc *theirs, const struct plan_template *t,
		   const struct basis_grid *areas, struct plan_doc *out,
		   struct plan_conflict **conf, int *nconf)
{
	struct plan_doc empty;
	plandoc_init(&empty);
	if (!base)
		base = &empty;
	struct unitset us[3]; /* theirs, mine, base: the order conflicts are listed */
	const struct plan_doc *docs[3] = {theirs, mine, base};
	for (int k = 0; k < 3; k++)
		plandoc_units(docs[k], t, areas, &us[k].u, &us[k].n);

	plandoc_free(out);
	plandoc_copy(out, theirs);
	struct plan_conflict *c = NULL;
	int nc = 0;
	for (int k = 0; k < 3; k++) {
		for (int i = 0; i < us[k].n; i++) {
			const char *id = us[k].u[i].id;
			if (str_starts(id, "doel:nieuw:"))
				continue;
			bool again = false;
			for (int j = 0; j < k && !again; j++)
				again = find_unit(us[j].u, us[j].n, id) != NULL;
			if (again)
				continue;
			bool mine_changed = !unit_same(base, mine, id);
			bool theirs_changed = !unit_same(base, theirs, id);
			if (mine_changed && !theirs_changed) {
				plandoc_take(out, mine, id);
			} else if (mine_changed && !unit_same(mine, theirs, id)) {
				const struct plan_unit *um = find_unit(us[1].u, us[1].n, id);
				const struct plan_unit *ut = find_unit(us[0].u, us[0].n, id);
				c = xrealloc(c, (size_t)(nc + 1) * sizeof(*c));
				c[nc].unit = xstrdup(id);
				c[nc].label = xstrdup(ut ? ut->label : um ? um->label : id);
				c[nc].mine = xstrdup(um ? um->text : "");
				c[nc].theirs = xstrdup(ut ? ut->text : "");
				c[nc].take_mine = false;
				nc++;
			}
		}
	}
	/* What mine added is no one else's: it always comes along. */
	for (int i = 0; i < mine->ngoals; i++)
		if (!mine->goals[i].id)
			plandoc_add_goal(out, &mine->goals[i]);
	for (int k = 0; k < 3; k++)
		plan_units_free(us[k].u, us[k].n);
	*conf = c;
	*nconf = nc;
}

void plandoc_resolve(struct plan_doc *out, const struct plan_doc *mine,
		     const struct plan_conflict *conf, int nconf)
{
	for (int i = 0; i < nconf; i++)
		if (conf[i].take_mine)
			plandoc_take(out, mine, conf[i].unit);
}

void plan_conflicts_free(struct plan_conflict *c, int n)
{
	for (int i = 0; c && i < n; i++) {
		free(c[i].unit);
		free(c[i].label);
		free(c[i].mine);
		free(c[i].theirs);
	}
	free(c);
}
