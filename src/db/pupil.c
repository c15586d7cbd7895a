/* pupil.c - pupils and guardians, placements, the windowed pupil list and the
 * export walk; archiving and the group of a school year.
 */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "ibis/db_pupil.h"
#include "ibis/text.h"
#include "ibis/util.h"

/* ================================================================= pupils */

static const char SQL_PUPIL_INSERT[] =
	"INSERT INTO pupils (school_id, number, first_name, tussenvoegsel, last_name,"
	" birth_date, address, enrolled_date, left_date, destination, notes, sort_key,"
	" search_key, search_grams)"
	" VALUES (:school, :number, :first, :tv, :last, :birth, :address, :enrolled, :left,"
	" :dest, :notes, :sort, :search, :grams)";
/* Optimistic locking: the row is changed only if it is still at the version
 * the caller read. */
static const char SQL_PUPIL_UPDATE[] =
	"UPDATE pupils SET school_id = :school, number = :number, first_name = :first,"
	" tussenvoegsel = :tv, last_name = :last, birth_date = :birth, address = :address,"
	" enrolled_date = :enrolled, left_date = :left, destination = :dest, notes = :notes,"
	" sort_key = :sort, search_key = :search, search_grams = :grams,"
	" version = version + 1"
	" WHERE id = :id AND version = :version";
static const char SQL_PUPIL_GET[] =
	"SELECT id, school_id, number, first_name, tussenvoegsel, last_name, birth_date,"
	" address, enrolled_date, left_date, destination, notes, version"
	" FROM pupils WHERE id = :id";
static const char SQL_PUPIL_EXISTS[] = "SELECT count(*) FROM pupils WHERE id = :id";

/* The letters and letter pairs a search of 1 or 2 characters can ask for:
 * only [a-z0-9], which is what the fold leaves of Latin names (a needle with
 * anything else is matched with instr()). */
static int gram_index(char c)
{
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	if (c >= '0' && c <= '9')
		return 26 + (c - '0');
	return -1;
}

#define NGRAM1 36
static const char gram_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";

/* The distinct letters and pairs of adjacent letters of a folded key, as
 * words separated by spaces ("a b e ... an be ..."): the document of the
 * pupil_grams index. Caller frees. */
static char *search_grams(const char *key)
{
	bool one[NGRAM1] = {false};
	bool two[NGRAM1 * NGRAM1] = {false};
	struct strbuf sb = {0};

	for (size_t i = 0; key[i]; i++) {
		int a = gram_index(key[i]);
		if (a < 0)
			continue;
		one[a] = true;
		int b = gram_index(key[i + 1]);
		if (b >= 0)
			two[a * NGRAM1 + b] = true;
	}
	for (int a = 0; a < NGRAM1; a++)
		if (one[a]) {
			if (sb.len)
				sb_addc(&sb, ' ');
			sb_addc(&sb, gram_chars[a]);
		}
	for (int k = 0; k < NGRAM1 * NGRAM1; k++)
		if (two[k]) {
			if (sb.len)
				sb_addc(&sb, ' ');
			sb_addc(&sb, gram_chars[k / NGRAM1]);
			sb_addc(&sb, gram_chars[k % NGRAM1]);
		}
	return sb_take(&sb);
}

void dbi_pupil_keys(struct dbi_pupil_keys *k, const char *first, const char *tv,
		    const char *last)
{
	k->sort = name_sort_key(first, tv, last);
	k->search = name_search_key(first, tv, last);
	k->grams = search_grams(k->search);
}

void dbi_pupil_keys_free(struct dbi_pupil_keys *k)
{
	free(k->sort);
	free(k->search);
	free(k->grams);
}

/* Bind the columns insert and update share. The keys are derived from the
 * name here, so they can never disagree with it. */
static void pupil_bind(struct dbq *q, const struct pupil *p)
{
	struct dbi_pupil_keys k;

	dbi_pupil_keys(&k, p->first_name, p->tussenvoegsel, p->last_name);
	dbq_bind_id(q, ":school", p->school_id);
	dbq_bind_opt(q, ":number", p->number);
	dbq_bind_opt(q, ":first", p->first_name);
	dbq_bind_opt(q, ":tv", p->tussenvoegsel);
	dbq_bind_opt(q, ":last", p->last_name);
	dbq_bind_date(q, ":birth", p->birth_date);
	dbq_bind_opt(q, ":address", p->address);
	dbq_bind_date(q, ":enrolled", p->enrolled);
	dbq_bind_date(q, ":left", p->left);
	dbq_bind_opt(q, ":dest", leave_destination_name(p->destination));
	dbq_bind_opt(q, ":notes", p->notes);
	dbq_bind_text(q, ":sort", k.sort);
	dbq_bind_text(q, ":search", k.search);
	dbq_bind_text(q, ":grams", k.grams);
	dbi_pupil_keys_free(&k);
}

/* The refusals a user can act on, before SQLite gives its generic ones. */
static enum ibis_status pupil_validate(const struct pupil *p, struct ibis_error *err)
{
	if (str_empty(p->first_name) || str_empty(p->last_name))
		return dbi_fail(err, DBF_CONSTRAINT, "Roepnaam en achternaam zijn verplicht.");
	if (p->school_id == 0)
		return dbi_fail(err, DBF_CONSTRAINT, "Een leerling hoort bij een school.");
	return IBIS_OK;
}

/* A pupil write refused by the schema, said in the words of a pupil. */
static void pupil_constraint_message(const struct dbq *q, const struct pupil *p,
				     struct ibis_error *err)
{
	if (q->rc == SQLITE_CONSTRAINT_UNIQUE)
		dbi_message(err, "Er is op deze school al een leerling met leerlingnummer %s.",
			    p->number ? p->number : "");
	else if (q->rc == SQLITE_CONSTRAINT_FOREIGNKEY)
		dbi_message(err, "School %lld bestaat niet.", (long long)p->school_id);
}

/* After an UPDATE ... WHERE version = :version changed no row: either the
 * pupil is gone or someone else saved it meanwhile. */
static enum ibis_status pupil_not_saved(struct db *db, const struct pupil *p,
					struct ibis_error *err)
{
	enum ibis_status st;
	long long exists = 0;
	struct dbq q;

	dbq_prepare(&q, db, SQL_PUPIL_EXISTS);
	dbq_bind_int(&q, ":id", p->id);
	if ((st = dbq_one_int(&q, &exists, NULL, err)) != IBIS_OK)
		return st;
	if (!exists)
		return ibis_fail(err, IBIS_EINPUT, "Leerling %lld bestaat niet (meer).",
				 (long long)p->id);
	dbi_fail(err, DBF_CONFLICT,
		 "Leerling %lld is intussen door iemand anders gewijzigd; uw wijzigingen zijn niet "
		 "opgeslagen.",
		 (long long)p->id);
	ibis_detail(err, "pupils.id %lld is no longer at version %d", (long long)p->id, p->version);
	return IBIS_EDB;
}

enum ibis_status db_pupil_insert(struct db *db, struct pupil *p, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK || (st = pupil_validate(p, err)) != IBIS_OK)
		return st;
	dbq_prepare(&q, db, SQL_PUPIL_INSERT);
	pupil_bind(&q, p);
	if ((st = dbq_exec(&q, err)) != IBIS_OK) {
		pupil_constraint_message(&q, p, err);
		return st;
	}
	p->id = dbi_last_id(db);
	p->version = 1;
	return IBIS_OK;
}

enum ibis_status db_pupil_update(struct db *db, struct pupil *p, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK || (st = pupil_validate(p, err)) != IBIS_OK)
		return st;
	dbq_prepare(&q, db, SQL_PUPIL_UPDATE);
	pupil_bind(&q, p);
	dbq_bind_int(&q, ":id", p->id);
	dbq_bind_int(&q, ":version", p->version);
	if ((st = dbq_exec(&q, err)) != IBIS_OK) {
		pupil_constraint_message(&q, p, err);
		return st;
	}
	if (dbi_changes(db) == 1) {
		p->version++;
		return IBIS_OK;
	}
	/* Nothing changed: either the row is gone or its version moved on. */
	return pupil_not_saved(db, p, err);
}

enum ibis_status db_pupil_get(struct db *db, ibis_id id, struct pupil *p, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct dbq q;
	int rc;

	pupil_clear(p);
	dbq_prepare(&q, db, SQL_PUPIL_GET);
	dbq_bind_int(&q, ":id", id);
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		p->id = dbq_id(&q, 0);
		p->school_id = dbq_id(&q, 1);
		p->number = dbq_text(&q, 2);
		p->first_name = dbq_text(&q, 3);
		p->tussenvoegsel = dbq_text(&q, 4);
		p->last_name = dbq_text(&q, 5);
		p->birth_date = dbq_date(&q, 6);
		p->address = dbq_text(&q, 7);
		p->enrolled = dbq_date(&q, 8);
		p->left = dbq_date(&q, 9);
		if (!leave_destination_parse(dbq_text_ref(&q, 10), &p->destination))
			p->destination = LEAVE_NONE;
		p->notes = dbq_text(&q, 11);
		p->version = (int)dbq_int(&q, 12);
	} else if (rc == SQLITE_DONE) {
		st = ibis_fail(err, IBIS_EINPUT, "Leerling %lld bestaat niet.", (long long)id);
	} else {
		st = dbq_fail(&q, err);
	}
	dbq_finish(&q);
	return st;
}

static const char SQL_GRAMS_ALL[] = "SELECT id, search_key FROM pupils ORDER BY id";
static const char SQL_GRAMS_SET[] = "UPDATE pupils SET search_grams = :grams WHERE id = :id";

enum ibis_status dbi_fill_search_grams(struct db *db, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct dbq q, u;
	int rc;

	dbq_prepare(&q, db, SQL_GRAMS_ALL);
	while (st == IBIS_OK && (rc = dbq_step(&q)) == SQLITE_ROW) {
		char *grams = search_grams(dbq_text_ref(&q, 1) ? dbq_text_ref(&q, 1) : "");
		dbq_prepare(&u, db, SQL_GRAMS_SET);
		dbq_bind_text(&u, ":grams", grams);
		dbq_bind_int(&u, ":id", dbq_int(&q, 0));
		st = dbq_exec(&u, err);
		free(grams);
	}
	if (st == IBIS_OK && rc != SQLITE_DONE)
		st = dbq_fail(&q, err);
	dbq_finish(&q);
	return st;
}

/* ============================================================== guardians */

static const char SQL_GUARDIAN_INSERT[] =
	"INSERT INTO guardians (pupil_id, name, relation, gezag, phone, email)"
	" VALUES (:pupil, :name, :relation, :gezag, :phone, :email)";

enum ibis_status db_guardian_insert(struct db *db, struct guardian *g, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	dbq_prepare(&q, db, SQL_GUARDIAN_INSERT);
	dbq_bind_id(&q, ":pupil", g->pupil_id);
	dbq_bind_opt(&q, ":name", g->name);
	dbq_bind_opt(&q, ":relation", g->relation);
	dbq_bind_bool(&q, ":gezag", g->gezag);
	dbq_bind_opt(&q, ":phone", g->phone);
	dbq_bind_opt(&q, ":email", g->email);
	if ((st = dbq_exec(&q, err)) != IBIS_OK) {
		if (q.rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			dbi_message(err, "Leerling %lld bestaat niet.", (long long)g->pupil_id);
		return st;
	}
	g->id = dbi_last_id(db);
	g->version = 1;
	return IBIS_OK;
}

static const char SQL_GUARDIAN_LIST[] =
	"SELECT id, pupil_id, name, relation, gezag, phone, email, version"
	" FROM guardians WHERE pupil_id = :pupil ORDER BY id";

enum ibis_status db_guardian_list(struct db *db, ibis_id pupil_id, struct guardian **out, int *n,
				  struct ibis_error *err)
{
	struct guardian *a = NULL;
	int len = 0, cap = 0, rc;
	struct dbq q;

	dbq_prepare(&q, db, SQL_GUARDIAN_LIST);
	dbq_bind_id(&q, ":pupil", pupil_id);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		a = dbi_grow(a, len, &cap, sizeof(*a));
		struct guardian *g = &a[len++];
		memset(g, 0, sizeof(*g));
		g->id = dbq_id(&q, 0);
		g->pupil_id = dbq_id(&q, 1);
		g->name = dbq_text(&q, 2);
		g->relation = dbq_text(&q, 3);
		g->gezag = dbq_bool(&q, 4);
		g->phone = dbq_text(&q, 5);
		g->email = dbq_text(&q, 6);
		g->version = (int)dbq_int(&q, 7);
	}
	if (rc != SQLITE_DONE) {
		enum ibis_status st = dbq_fail(&q, err);
		dbq_finish(&q);
		for (int i = 0; i < len; i++)
			guardian_clear(&a[i]);
		free(a);
		*out = NULL;
		*n = 0;
		return st;
	}
	dbq_finish(&q);
	*out = a;
	*n = len;
	return IBIS_OK;
}

/* ============================================================= placement */

/* The group of that school year (if any), its school or else the pupil's,
 * and the group's teachers in the order they were added. */
static const char SQL_PLACEMENT[] =
	"SELECT g.id, g.name, gm.jaargroep, s.id, s.name,"
	" (SELECT group_concat(t.name, ', ') FROM group_teachers t WHERE t.group_id = g.id)"
	" FROM pupils p"
	" LEFT JOIN group_members gm ON gm.pupil_id = p.id AND gm.school_year = :year"
	" LEFT JOIN groups g ON g.id = gm.group_id"
	" LEFT JOIN schools s ON s.id = coalesce(g.school_id, p.school_id)"
	" WHERE p.id = :id";

void placement_clear(struct placement *pl)
{
	free(pl->group_name);
	free(pl->school_name);
	free(pl->teachers);
	memset(pl, 0, sizeof(*pl));
	pl->jaargroep = -1;
}

enum ibis_status db_pupil_placement(struct db *db, ibis_id pupil_id, int school_year,
				    struct placement *out, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct dbq q;
	int rc;

	memset(out, 0, sizeof(*out));
	out->jaargroep = -1;
	dbq_prepare(&q, db, SQL_PLACEMENT);
	dbq_bind_int(&q, ":year", school_year);
	dbq_bind_int(&q, ":id", pupil_id);
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		out->group_id = dbq_id(&q, 0);
		out->group_name = dbq_text(&q, 1);
		out->jaargroep = dbq_int_or(&q, 2, -1);
		out->school_id = dbq_id(&q, 3);
		out->school_name = dbq_text(&q, 4);
		out->teachers = dbq_text(&q, 5);
	} else if (rc == SQLITE_DONE) {
		st = ibis_fail(err, IBIS_EINPUT, "Leerling %lld bestaat niet.", (long long)pupil_id);
	} else {
		st = dbq_fail(&q, err);
	}
	dbq_finish(&q);
	return st;
}

/* ======================================================== the pupil list */

/* Only the rows on screen are fetched: a statement walks an index in the
 * order of the list, applies the filters to each entry and stops after
 * OFFSET + LIMIT of them; the page's rows are then read one by one by id.
 * Which index is walked depends on what bounds the work:
 *
 * - A school, group or teacher filter bounds the rows to a school (about 500
 *   pupils) or a class (about 30): those rows are found through
 *   pupils_active_school_sort / pupils_school_sort (school_id first) or
 *   through the group's members (group_members_group, group_teachers_name),
 *   filtered, and sorted in memory. A search is then instr() on each of them:
 *   bounded by the school, never by all pupils.
 * - Without one of those, the list of all schools walks the index of its
 *   order (pupils_active_sort_search, pupils_active_level, pupils_active_deadline,
 *   pupils_left_sort or pupils_sort; group_members_list for the order by
 *   group) and stops after the page. The count comes from pupil_counts, a
 *   few rows kept by triggers, instead of a walk over every entry.
 * - A search of 3 or more characters (after folding) asks the trigram index
 *   of that status (pupil_search or pupil_search_left) for the matching
 *   rowids; its count is the count of that index alone. With few matches
 *   (up to DRIVE_MAX) the page is read from those rowids and sorted in
 *   memory; with many, the order's index is walked as above and each entry
 *   is tested with instr() on the search_key the index itself holds, so that
 *   "van" (a sixth of all pupils) fills a page after about a hundred entries
 *   instead of sorting thousands of rows. A page in the second half of such
 *   a list is read by walking backwards from its end.
 * - A search of 1 or 2 characters cannot use trigrams. Walking the order's
 *   index with instr() would fill a page quickly (a letter matches most
 *   names), but the count would have to look at every pupil: 10-15 ms at
 *   50,000 in a release build, 150 ms and more under the sanitizers, on the
 *   very first keystroke. So each pupil also has search_grams, its distinct
 *   letters and letter pairs as words ("a b ... an nn ..."), in a word index
 *   of its own (pupil_grams, pupil_grams_left; detail none, ~40 words a
 *   pupil): "ja" is then one word of that index, counted and listed exactly
 *   like a trigram match above. Only [a-z0-9] have grams; a 1-2 character
 *   needle with anything else (a Greek letter) falls back to instr() on each
 *   row, which is correct, only not bounded. With a school, group or teacher
 *   filter instr() is used as for longer needles.
 */

/* Up to this many matches, read them and sort; beyond, walk the order's
 * index (covering: see schema.c) and test each entry with instr(). Reading
 * a match costs a table row, a random page (~3.5 us at 50,000 pupils with
 * SQLite's default 2 MB cache); walking costs ~0.1-0.2 us an entry, and
 * matches of a name cluster in name order, so the walk to the first page can
 * be long: measured, 300 is where the two meet. */
#ifndef DRIVE_MAX
#define DRIVE_MAX 300
#endif

enum list_search { LS_NONE, LS_FTS, LS_SHORT };
enum list_kind {
	LK_COUNT,      /* number of pupils in the list */
	LK_IDS,        /* ids in list order (for the order by group: those in a group) */
	LK_ARM2,       /* order by group: ids of pupils in no group that year */
	LK_ARM1_COUNT, /* order by group: how many of the list are in a group */
	LK_NKINDS
};

/* What decides the text of a list statement. */
struct list_shape {
	enum list_kind kind;
	enum pupil_status status;
	bool school, level, group, teacher;
	enum list_search search;
	enum pupil_sort sort;
	bool grams; /* LS_FTS through pupil_grams (1-2 letters), not trigrams */
	bool drive; /* LS_FTS: read the matches and sort, not walk and probe */
	bool reverse; /* LK_IDS: the list from its end (a page near the end) */
};

/* A school, group or teacher filter bounds the rows (see above). */
static bool shape_bounded(const struct list_shape *s)
{
	return s->school || s->group || s->teacher;
}

/* The matches of the trigram index (or indexes) of the status, or of the
 * gram index for a needle of 1 or 2 letters. */
static const char *fts_set(enum pupil_status st, bool grams)
{
	if (grams) {
		switch (st) {
		case PUPILS_ACTIVE:
			return "SELECT rowid FROM pupil_grams WHERE pupil_grams MATCH :fts";
		case PUPILS_LEFT:
			return "SELECT rowid FROM pupil_grams_left WHERE pupil_grams_left MATCH :fts";
		default:
			return "SELECT rowid FROM pupil_grams WHERE pupil_grams MATCH :fts"
			       " UNION ALL SELECT rowid FROM pupil_grams_left"
			       " WHERE pupil_grams_left MATCH :fts";
		}
	}
	switch (st) {
	case PUPILS_ACTIVE:
		return "SELECT rowid FROM pupil_search WHERE pupil_search MATCH :fts";
	case PUPILS_LEFT:
		return "SELECT rowid FROM pupil_search_left WHERE pupil_search_left MATCH :fts";
	default:
		return "SELECT rowid FROM pupil_search WHERE pupil_search MATCH :fts"
		       " UNION ALL SELECT rowid FROM pupil_search_left"
		       " WHERE pupil_search_left MATCH :fts";
	}
}

/* The WHERE terms on p of the filters, each starting with " AND ". A status
 * term is written plainly when the walk may use the partial index it names,
 * and with a unary + when p is reached by rowid (so the planner does not
 * walk that index instead). */
static void add_terms(struct strbuf *sb, const struct list_shape *s)
{
	const char *plus = s->search == LS_FTS && s->drive ? "+" : "";
	if (s->status == PUPILS_ACTIVE)
		sb_printf(sb, " AND %sp.left_date IS NULL", plus);
	else if (s->status == PUPILS_LEFT)
		sb_printf(sb, " AND %sp.left_date IS NOT NULL", plus);
	if (s->school)
		sb_add(sb, " AND p.school_id = :school");
	if (s->level)
		sb_add(sb, " AND p.cur_level = :level");
	if (s->group)
		sb_add(sb, " AND p.id IN (SELECT gm2.pupil_id FROM group_members gm2"
			   " WHERE gm2.group_id = :group AND gm2.school_year = :year)");
	if (s->teacher)
		sb_add(sb, " AND p.id IN (SELECT gm3.pupil_id FROM group_teachers t"
			   " JOIN group_members gm3 ON gm3.group_id = t.group_id"
			   " WHERE t.name = :teacher AND gm3.school_year = :year)");
	/* Walking an order, each entry is tested with instr() on its row: the
	 * matches are many (see DRIVE_MAX), so the page is full after a few
	 * hundred entries. Building the set of matches to probe instead costs
	 * as much as all the matches (10 ms for the 28,000 of "a"), and an FTS5
	 * lookup per entry reads the whole doclist each time. */
	if (s->search == LS_SHORT || (s->search == LS_FTS && !s->drive))
		sb_add(sb, " AND instr(p.search_key, :needle) > 0");
	else if (s->search == LS_FTS)
		sb_printf(sb, " AND p.id IN (%s)", fts_set(s->status, s->grams));
}

/* The ORDER BY of a sort. sorted: the rows are few and sorted in memory, so
 * the first key gets a unary + to keep the planner off the order's index.
 * reverse: the same order backwards (the index walked from its end). */
static void add_order(struct strbuf *sb, enum pupil_sort sort, bool sorted, bool reverse)
{
	const char *plus = sorted ? "+" : "";
	const char *asc = reverse ? " DESC" : "";
	switch (sort) {
	case SORT_LEVEL:
		sb_printf(sb, " ORDER BY %sp.cur_level%s, p.sort_key%s, p.id%s", plus,
			  reverse ? "" : " DESC", asc, asc);
		break;
	case SORT_DEADLINE:
		sb_printf(sb,
			  " ORDER BY %sp.next_deadline IS NULL%s, p.next_deadline%s, p.sort_key%s,"
			  " p.id%s",
			  plus, asc, asc, asc, asc);
		break;
	default:
		sb_printf(sb, " ORDER BY %sp.sort_key%s, p.id%s", plus, asc, asc);
		break;
	}
}

/* The rows of the order by group that are in a group that school year. A
 * bounded list reaches the members from the pupils (UNIQUE (pupil_id,
 * school_year)); the list of all schools walks group_members_list in order. */
static void add_arm1_from(struct strbuf *sb, const struct list_shape *s)
{
	bool from_pupils = shape_bounded(s) || (s->search == LS_FTS && s->drive);
	if (!from_pupils && !s->level && s->status != PUPILS_ALL) {
		/* pupil_active and the copy of search_key say all there is to
		 * say: group_members_list alone */
		sb_printf(sb, " FROM group_members gm WHERE gm.school_year = :year"
			      " AND gm.pupil_active = %d", s->status == PUPILS_ACTIVE);
		if (s->search != LS_NONE)
			sb_add(sb, " AND instr(gm.search_key, :needle) > 0");
		return;
	}
	if (from_pupils)
		sb_add(sb, " FROM pupils p CROSS JOIN group_members gm"
			   " WHERE gm.pupil_id = p.id AND gm.school_year = :year");
	else
		sb_add(sb, " FROM group_members gm CROSS JOIN pupils p"
			   " WHERE gm.school_year = :year AND p.id = gm.pupil_id");
	if (!from_pupils && s->status == PUPILS_ACTIVE)
		sb_add(sb, " AND gm.pupil_active = 1");
	else if (!from_pupils && s->status == PUPILS_LEFT)
		sb_add(sb, " AND gm.pupil_active = 0");
	add_terms(sb, s);
}

static char *list_sql_build(const struct list_shape *s)
{
	struct strbuf sb = {0};
	bool sorted = shape_bounded(s) || (s->search == LS_FTS && s->drive);

	switch (s->kind) {
	case LK_COUNT:
		if (s->search == LS_NONE && !s->group && !s->teacher) {
			sb_add(&sb, "SELECT coalesce(sum(n), 0) FROM pupil_counts WHERE 1");
			if (s->school)
				sb_add(&sb, " AND school_id = :school");
			if (s->status == PUPILS_ACTIVE)
				sb_add(&sb, " AND active = 1");
			else if (s->status == PUPILS_LEFT)
				sb_add(&sb, " AND active = 0");
			if (s->level)
				sb_add(&sb, " AND level = :level");
		} else if (s->search == LS_FTS && !s->level && !shape_bounded(s)) {
			const char *t = s->grams ? "pupil_grams" : "pupil_search";
			sb_add(&sb, "SELECT 0");
			if (s->status != PUPILS_LEFT)
				sb_printf(&sb, " + (SELECT count(*) FROM %s WHERE %s MATCH :fts)", t, t);
			if (s->status != PUPILS_ACTIVE)
				sb_printf(&sb, " + (SELECT count(*) FROM %s_left WHERE %s_left MATCH :fts)",
					  t, t);
		} else {
			sb_add(&sb, "SELECT count(*) FROM pupils p WHERE 1");
			add_terms(&sb, s);
		}
		break;
	case LK_IDS:
		if (s->sort == SORT_GROUP) {
			sb_add(&sb, "SELECT gm.pupil_id");
			add_arm1_from(&sb, s);
			sb_printf(&sb, " ORDER BY %sgm.list_key, gm.pupil_id", sorted ? "+" : "");
		} else {
			sb_add(&sb, "SELECT p.id FROM pupils p WHERE 1");
			add_terms(&sb, s);
			add_order(&sb, s->sort, sorted, s->reverse);
		}
		sb_add(&sb, " LIMIT :limit OFFSET :offset");
		break;
	case LK_ARM2:
		sb_add(&sb, "SELECT p.id FROM pupils p WHERE NOT EXISTS (SELECT 1 FROM group_members gm"
			    " WHERE gm.pupil_id = p.id AND gm.school_year = :year)");
		add_terms(&sb, s);
		add_order(&sb, SORT_NAME, sorted, false);
		sb_add(&sb, " LIMIT :limit OFFSET :offset");
		break;
	default:
		sb_add(&sb, "SELECT count(*)");
		add_arm1_from(&sb, s);
		break;
	}
	return sb_take(&sb);
}

#define NSHAPES (LK_NKINDS * 3 * 2 * 2 * 2 * 2 * 3 * SORT_COUNT * 2 * 2 * 2)

/* The text of a shape, built the first time it is asked for and kept for
 * the life of the program: dbq_prepare caches statements by the address of
 * their text, so each shape keeps one prepared statement (and its plan). The
 * texts are made of the fixed fragments above only; every value is bound. */
static const char *list_sql(const struct list_shape *s)
{
	static char *texts[NSHAPES];
	int k = s->kind;
	k = k * 3 + (int)s->status;
	k = k * 2 + s->school;
	k = k * 2 + s->level;
	k = k * 2 + s->group;
	k = k * 2 + s->teacher;
	k = k * 3 + (int)s->search;
	k = k * SORT_COUNT + (int)s->sort;
	k = k * 2 + s->grams;
	k = k * 2 + s->drive;
	k = k * 2 + s->reverse;
	if (!texts[k])
		texts[k] = list_sql_build(s);
	return texts[k];
}

/* A query made ready: its shape, the folded needle and the match text. */
struct list_ctx {
	struct list_shape shape;
	char *needle; /* folded search, NULL when none */
	char *fts;    /* the needle as an FTS5 phrase, NULL unless LS_FTS */
};

static void list_ctx_free(struct list_ctx *c)
{
	free(c->needle);
	free(c->fts);
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void list_ctx_init(struct list_ctx *c, const struct pupil_query *q)
{
	memset(c, 0, sizeof(*c));
	c->shape.status = q->status <= PUPILS_ALL ? q->status : PUPILS_ALL;
	c->shape.school = q->school_id != 0;
	c->shape.level = q->level != 0;
	c->shape.group = q->group_id != 0;
	c->shape.teacher = !str_empty(q->teacher);
	c->shape.sort = q->sort < SORT_COUNT ? q->sort : SORT_NAME;
	c->needle = str_empty(q->search) ? NULL : text_fold(q->search);
	if (c->needle && !*c->needle)
		freep(&c->needle); /* only punctuation or spaces: no filter */
	if (!c->needle) {
		c->shape.search = LS_NONE;
	} else if (utf8_chars(c->needle) >= 3 && !shape_bounded(&c->shape)) {
		/* A folded needle holds no '"' (punctuation folds to a space),
		 * so it is one FTS5 phrase as it stands; trigram phrases match
		 * substrings. */
		c->shape.search = LS_FTS;
		c->fts = xasprintf("\"%s\"", c->needle);
	} else if (!shape_bounded(&c->shape) && gram_index(c->needle[0]) >= 0 &&
		   (!c->needle[1] || gram_index(c->needle[1]) >= 0)) {
		/* 1 or 2 of [a-z0-9]: one word of the gram index */
		c->shape.search = LS_FTS;
		c->shape.grams = true;
		c->fts = xasprintf("\"%s\"", c->needle);
	} else {
		c->shape.search = LS_SHORT;
	}
}

/* Bind name when the statement has it (each shape uses only some). */
static void bind_int_if(struct dbq *dq, const char *name, long long v)
{
	if (dq->st && sqlite3_bind_parameter_index(dq->st, name))
		dbq_bind_int(dq, name, v);
}

static void bind_text_if(struct dbq *dq, const char *name, const char *s)
{
	if (dq->st && s && sqlite3_bind_parameter_index(dq->st, name))
		dbq_bind_text(dq, name, s);
}

static void list_prepare(struct dbq *dq, struct db *db, const struct list_ctx *c,
			 const struct pupil_query *q, enum list_kind kind)
{
	struct list_shape s = c->shape;
	s.kind = kind;
	dbq_prepare(dq, db, list_sql(&s));
	bind_int_if(dq, ":school", q->school_id);
	bind_int_if(dq, ":level", q->level);
	bind_int_if(dq, ":group", q->group_id);
	bind_int_if(dq, ":year", q->school_year);
	bind_text_if(dq, ":teacher", q->teacher);
	bind_text_if(dq, ":needle", c->needle);
	bind_text_if(dq, ":fts", c->fts);
}

static enum ibis_status list_count(struct db *db, const struct list_ctx *c,
				   const struct pupil_query *q, enum list_kind kind, long long *n,
				   struct ibis_error *err)
{
	struct list_ctx dc = *c;
	struct dbq dq;
	*n = 0;
	/* A count reads the matches themselves, never walks an order. */
	dc.shape.drive = true;
	list_prepare(&dq, db, &dc, q, kind);
	return dbq_one_int(&dq, n, NULL, err);
}

/* For a trigram or gram search of the list of all schools: read the matches
 * and sort them, or walk the order and test each entry (see DRIVE_MAX). */
static enum ibis_status list_choose_drive(struct db *db, struct list_ctx *c,
					  const struct pupil_query *q, struct ibis_error *err)
{
	if (c->shape.search != LS_FTS)
		return IBIS_OK;
	struct list_ctx plain = *c;
	long long matches = 0;
	plain.shape.level = false; /* the count of the trigram index alone */
	enum ibis_status st = list_count(db, &plain, q, LK_COUNT, &matches, err);
	c->shape.drive = st == IBIS_OK && matches <= DRIVE_MAX;
	return st;
}

/* Step the ids of one list statement into ids[*got..], up to limit. */
static enum ibis_status list_ids_run(struct dbq *dq, ibis_id *ids, int *got, int limit,
				     struct ibis_error *err)
{
	int rc = SQLITE_DONE;
	while (*got < limit && (rc = dbq_step(dq)) == SQLITE_ROW)
		ids[(*got)++] = dbq_id(dq, 0);
	enum ibis_status st = IBIS_OK;
	if (*got < limit && rc != SQLITE_DONE)
		st = dbq_fail(dq, err);
	dbq_finish(dq);
	return st;
}

/* The ids of rows offset .. offset+limit-1 of the list, in order. */
static enum ibis_status list_ids(struct db *db, const struct list_ctx *c,
				 const struct pupil_query *q, int offset, int limit, ibis_id *ids,
				 int *got, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq dq;

	*got = 0;
	list_prepare(&dq, db, c, q, LK_IDS);
	dbq_bind_int(&dq, ":limit", limit);
	dbq_bind_int(&dq, ":offset", offset);
	if ((st = list_ids_run(&dq, ids, got, limit, err)) != IBIS_OK)
		return st;
	/* The order by group: pupils in no group that school year come last.
	 * A group or teacher filter only holds pupils in a group. */
	if (c->shape.sort != SORT_GROUP || *got == limit || c->shape.group || c->shape.teacher)
		return IBIS_OK;
	long long in_groups = 0;
	if (*got == 0 && (st = list_count(db, c, q, LK_ARM1_COUNT, &in_groups, err)) != IBIS_OK)
		return st;
	long long off2 = *got > 0 ? 0 : offset - in_groups;
	list_prepare(&dq, db, c, q, LK_ARM2);
	dbq_bind_int(&dq, ":limit", limit - *got);
	dbq_bind_int(&dq, ":offset", off2 > 0 ? off2 : 0);
	return list_ids_run(&dq, ids, got, limit, err);
}

/* One row of the page by id. The active plan's type is the latest started
 * of the pupil's plans with status actief (plans_pupil; no start date counts
 * as oldest, the higher id wins a tie). Written as "no later one exists"
 * rather than ORDER BY ... LIMIT 1: a pupil has a handful of plans, and a
 * sorter per row costs more than comparing them (20 sorters a page were half
 * the time of a page under the sanitizers). */
static const char SQL_LIST_ROW[] =
	"SELECT p.id, p.first_name, p.tussenvoegsel, p.last_name, g.name, gm.jaargroep,"
	" le.level, le.model, p.left_date, p.next_deadline,"
	" (SELECT pl.template_id FROM plans pl WHERE pl.pupil_id = p.id AND pl.status = 'actief'"
	"  AND NOT EXISTS (SELECT 1 FROM plans l WHERE l.pupil_id = p.id AND l.status = 'actief'"
	"   AND (coalesce(l.start_date, '') > coalesce(pl.start_date, '')"
	"    OR (coalesce(l.start_date, '') = coalesce(pl.start_date, '') AND l.id > pl.id))))"
	" FROM pupils p"
	" LEFT JOIN group_members gm ON gm.pupil_id = p.id AND gm.school_year = :year"
	" LEFT JOIN groups g ON g.id = gm.group_id"
	" LEFT JOIN level_episodes le ON le.pupil_id = p.id AND le.end_date IS NULL"
	" WHERE p.id = :id";

static enum ibis_status list_row(struct db *db, ibis_id id, int school_year, struct pupil_row *r,
				 struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct dbq dq;
	int rc;

	memset(r, 0, sizeof(*r));
	r->jaargroep = -1;
	r->deadline = DATE_NONE;
	r->left = DATE_NONE;
	dbq_prepare(&dq, db, SQL_LIST_ROW);
	dbq_bind_int(&dq, ":year", school_year);
	dbq_bind_int(&dq, ":id", id);
	rc = dbq_step(&dq);
	if (rc == SQLITE_ROW) {
		r->id = dbq_id(&dq, 0);
		r->name = name_display(dbq_text_ref(&dq, 1), dbq_text_ref(&dq, 2),
				       dbq_text_ref(&dq, 3));
		r->group_name = dbq_text(&dq, 4);
		r->jaargroep = dbq_int_or(&dq, 5, -1);
		r->level = dbq_int_or(&dq, 6, 0);
		r->level_model = dbq_text(&dq, 7);
		r->left = dbq_date(&dq, 8);
		r->deadline = dbq_date(&dq, 9);
		r->plan_type = dbq_text(&dq, 10);
	} else if (rc == SQLITE_DONE) {
		/* deleted between the two statements (another process) */
		st = ibis_fail(err, IBIS_EINPUT, "Leerling %lld bestaat niet (meer).", (long long)id);
	} else {
		st = dbq_fail(&dq, err);
	}
	dbq_finish(&dq);
	return st;
}

void pupil_rows_clear(struct pupil_row *rows, int n)
{
	for (int i = 0; rows && i < n; i++) {
		free(rows[i].name);
		free(rows[i].group_name);
		free(rows[i].level_model);
		free(rows[i].plan_type);
		memset(&rows[i], 0, sizeof(rows[i]));
	}
}

void pupil_rows_free(struct pupil_row *rows, int n)
{
	pupil_rows_clear(rows, n);
	free(rows);
}

enum ibis_status db_pupil_count(struct db *db, const struct pupil_query *q, int *count,
				struct ibis_error *err)
{
	struct list_ctx c;
	long long n = 0;

	list_ctx_init(&c, q);
	enum ibis_status st = list_count(db, &c, q, LK_COUNT, &n, err);
	list_ctx_free(&c);
	*count = st == IBIS_OK ? (int)n : 0;
	return st;
}

/* A list read by walking an order of all schools, whose count is a few
 * rows or an index count: a page in its second half is read by walking the
 * order backwards from the end, so that the last page (End) costs what the
 * first does. */
static bool list_reversible(const struct list_ctx *c)
{
	return !shape_bounded(&c->shape) && c->shape.sort != SORT_GROUP &&
	       (c->shape.search == LS_NONE || (c->shape.search == LS_FTS && !c->shape.drive));
}

/* The ids of page (offset, limit), from whichever end is nearer. */
static enum ibis_status list_page_ids(struct db *db, struct list_ctx *c,
				      const struct pupil_query *q, int offset, int limit,
				      ibis_id *ids, int *got, struct ibis_error *err)
{
	enum ibis_status st;
	long long total = 0;

	*got = 0;
	if (offset == 0 || !list_reversible(c))
		return list_ids(db, c, q, offset, limit, ids, got, err);
	if ((st = list_count(db, c, q, LK_COUNT, &total, err)) != IBIS_OK)
		return st;
	if (offset >= total)
		return IBIS_OK;
	if ((long long)offset + limit / 2 <= total / 2)
		return list_ids(db, c, q, offset, limit, ids, got, err);
	long long end = (long long)offset + limit < total ? (long long)offset + limit : total;
	c->shape.reverse = true;
	st = list_ids(db, c, q, (int)(total - end), (int)(end - offset), ids, got, err);
	c->shape.reverse = false;
	for (int i = 0, j = *got - 1; i < j; i++, j--) {
		ibis_id t = ids[i];
		ids[i] = ids[j];
		ids[j] = t;
	}
	return st;
}

enum ibis_status db_pupil_page(struct db *db, const struct pupil_query *q, int offset,
			       int limit, struct pupil_row *rows, int *n, struct ibis_error *err)
{
	enum ibis_status st;
	struct list_ctx c;
	int got = 0;

	*n = 0;
	if (limit <= 0)
		return IBIS_OK;
	ibis_id *ids = xmalloc((size_t)limit * sizeof(*ids));
	list_ctx_init(&c, q);
	st = list_choose_drive(db, &c, q, err);
	if (st == IBIS_OK)
		st = list_page_ids(db, &c, q, offset > 0 ? offset : 0, limit, ids, &got, err);
	for (int i = 0; st == IBIS_OK && i < got; i++) {
		if ((st = list_row(db, ids[i], q->school_year, &rows[i], err)) != IBIS_OK)
			pupil_rows_clear(rows, i); /* nothing half */
	}
	list_ctx_free(&c);
	free(ids);
	*n = st == IBIS_OK ? got : 0;
	return st;
}

/* Walk the ids of the list in order until id: the cost grows with the
 * position, not with the list, and it runs after a sort or an edit, not per
 * keystroke. */
enum ibis_status db_pupil_position(struct db *db, const struct pupil_query *q, ibis_id id,
				   int *pos, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct list_ctx c;
	struct dbq dq;
	int rc = SQLITE_DONE, i = 0;

	*pos = -1;
	list_ctx_init(&c, q);
	st = list_choose_drive(db, &c, q, err);
	for (int arm = 0; st == IBIS_OK && *pos < 0 && arm < 2; arm++) {
		if (arm == 1 && (c.shape.sort != SORT_GROUP || c.shape.group || c.shape.teacher))
			break;
		list_prepare(&dq, db, &c, q, arm == 0 ? LK_IDS : LK_ARM2);
		dbq_bind_int(&dq, ":limit", -1);
		dbq_bind_int(&dq, ":offset", 0);
		while ((rc = dbq_step(&dq)) == SQLITE_ROW) {
			if (dbq_id(&dq, 0) == id) {
				*pos = i;
				break;
			}
			i++;
		}
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			st = dbq_fail(&dq, err);
		dbq_finish(&dq);
	}
	list_ctx_free(&c);
	return st;
}

/* ========================================================== leaving, groups */

static const char SQL_PUPIL_ARCHIVE[] =
	"UPDATE pupils SET left_date = :left, destination = :dest, version = version + 1"
	" WHERE id = :id AND version = :version";

/* Set (or clear, with DATE_NONE and LEAVE_NONE) the leaving of p. */
static enum ibis_status pupil_set_left(struct db *db, struct pupil *p, ibis_date left,
				       enum leave_destination dest, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	dbq_prepare(&q, db, SQL_PUPIL_ARCHIVE);
	dbq_bind_date(&q, ":left", left);
	dbq_bind_opt(&q, ":dest", dest == LEAVE_NONE ? NULL : leave_destination_name(dest));
	dbq_bind_int(&q, ":id", p->id);
	dbq_bind_int(&q, ":version", p->version);
	if ((st = dbq_exec(&q, err)) != IBIS_OK)
		return st;
	if (dbi_changes(db) != 1)
		return pupil_not_saved(db, p, err);
	p->left = left;
	p->destination = dest;
	p->version++;
	return IBIS_OK;
}

enum ibis_status db_pupil_archive(struct db *db, struct pupil *p, ibis_date left,
				  enum leave_destination dest, struct ibis_error *err)
{
	char buf[16];

	if (dest == LEAVE_NONE || dest > LEAVE_OTHER)
		return ibis_fail(err, IBIS_EINPUT,
				 "Kies waar de leerling heen gaat (andere school, SBO, SO, VO of anders).");
	if (left == DATE_NONE)
		return ibis_fail(err, IBIS_EINPUT, "De datum van vertrek is verplicht.");
	if (p->birth_date != DATE_NONE && left < p->birth_date)
		return ibis_fail(err, IBIS_EINPUT,
				 "De datum van vertrek (%s) ligt voor de geboortedatum.",
				 date_format_nl(left, buf));
	if (p->enrolled != DATE_NONE && left < p->enrolled)
		return ibis_fail(err, IBIS_EINPUT,
				 "De datum van vertrek (%s) ligt voor de datum van inschrijving.",
				 date_format_nl(left, buf));
	return pupil_set_left(db, p, left, dest, err);
}

enum ibis_status db_pupil_unarchive(struct db *db, struct pupil *p, struct ibis_error *err)
{
	return pupil_set_left(db, p, DATE_NONE, LEAVE_NONE, err);
}

static const char SQL_SET_GROUP_INFO[] =
	"SELECT g.school_id, g.school_year, g.jaargroep_min, g.jaargroep_max, g.name,"
	" (SELECT p.school_id FROM pupils p WHERE p.id = :pupil)"
	" FROM groups g WHERE g.id = :group";
/* One group per pupil and school year: the UNIQUE (pupil_id, school_year)
 * row is replaced in place, so the history of other years stays. */
static const char SQL_SET_GROUP[] =
	"INSERT INTO group_members (group_id, pupil_id, school_year, jaargroep)"
	" VALUES (:group, :pupil, :year, :jaargroep)"
	" ON CONFLICT (pupil_id, school_year) DO UPDATE SET group_id = excluded.group_id,"
	" jaargroep = excluded.jaargroep, version = version + 1";
static const char SQL_UNSET_GROUP[] =
	"DELETE FROM group_members WHERE pupil_id = :pupil AND school_year = :year";

enum ibis_status db_pupil_set_group(struct db *db, ibis_id pupil_id, int school_year,
				    ibis_id group_id, int jaargroep, struct ibis_error *err)
{
	enum ibis_status st;
	struct dbq q;
	long long pupil_school = 0;
	ibis_id group_school = 0;
	int year = 0, jmin = 0, jmax = 0, rc;
	char *name = NULL;

	if ((st = dbi_writable(db, err)) != IBIS_OK)
		return st;
	if (group_id == 0) {
		dbq_prepare(&q, db, SQL_UNSET_GROUP);
		dbq_bind_id(&q, ":pupil", pupil_id);
		dbq_bind_int(&q, ":year", school_year);
		return dbq_exec(&q, err);
	}
	dbq_prepare(&q, db, SQL_SET_GROUP_INFO);
	dbq_bind_id(&q, ":group", group_id);
	dbq_bind_id(&q, ":pupil", pupil_id);
	rc = dbq_step(&q);
	if (rc == SQLITE_ROW) {
		group_school = dbq_id(&q, 0);
		year = (int)dbq_int(&q, 1);
		jmin = (int)dbq_int(&q, 2);
		jmax = (int)dbq_int(&q, 3);
		name = dbq_text(&q, 4);
		pupil_school = dbq_id(&q, 5);
	} else if (rc == SQLITE_DONE) {
		st = ibis_fail(err, IBIS_EINPUT, "Groep %lld bestaat niet.", (long long)group_id);
	} else {
		st = dbq_fail(&q, err);
	}
	dbq_finish(&q);
	if (st == IBIS_OK && pupil_school == 0)
		st = ibis_fail(err, IBIS_EINPUT, "Leerling %lld bestaat niet.", (long long)pupil_id);
	else if (st == IBIS_OK && pupil_school != group_school)
		st = ibis_fail(err, IBIS_EINPUT, "Groep %s hoort bij een andere school dan de leerling.",
			       name);
	else if (st == IBIS_OK && jaargroep < 0 && jmin != jmax)
		st = ibis_fail(err, IBIS_EINPUT,
			       "Groep %s is een combinatiegroep: kies jaargroep %d tot en met %d.",
			       name, jmin, jmax);
	else if (st == IBIS_OK && jaargroep >= 0 && (jaargroep < jmin || jaargroep > jmax))
		st = jmin == jmax
			     ? ibis_fail(err, IBIS_EINPUT, "Groep %s is jaargroep %d, niet %d.", name,
					 jmin, jaargroep)
			     : ibis_fail(err, IBIS_EINPUT,
					 "Groep %s heeft jaargroep %d tot en met %d, niet %d.", name,
					 jmin, jmax, jaargroep);
	free(name);
	if (st != IBIS_OK)
		return st;
	dbq_prepare(&q, db, SQL_SET_GROUP);
	dbq_bind_id(&q, ":group", group_id);
	dbq_bind_id(&q, ":pupil", pupil_id);
	dbq_bind_int(&q, ":year", year);
	dbq_bind_int(&q, ":jaargroep", jaargroep < 0 ? jmin : jaargroep);
	return dbq_exec(&q, err);
}

/* ================================================================ export */

static const char SQL_EXPORT[] =
	"SELECT p.id, p.number, p.first_name, p.tussenvoegsel, p.last_name, p.birth_date,"
	" g.name, s.name, p.left_date"
	" FROM pupils p"
	" JOIN schools s ON s.id = p.school_id"
	" LEFT JOIN group_members gm ON gm.pupil_id = p.id AND gm.school_year = :year"
	" LEFT JOIN groups g ON g.id = gm.group_id"
	" WHERE (:all OR p.left_date IS NULL)"
	" ORDER BY p.sort_key, p.id";

/* The pupils whose leerlingnummer is :number (ASCII case ignored, as people
 * type it), at school or left; served by pupils_number (schema 3). */
static const char SQL_WITH_NUMBER[] =
	"SELECT p.id, p.number, p.first_name, p.tussenvoegsel, p.last_name, p.birth_date,"
	" g.name, s.name, p.left_date"
	" FROM pupils p"
	" JOIN schools s ON s.id = p.school_id"
	" LEFT JOIN group_members gm ON gm.pupil_id = p.id AND gm.school_year = :year"
	" LEFT JOIN groups g ON g.id = gm.group_id"
	" WHERE p.number IS NOT NULL AND p.number = :number COLLATE NOCASE"
	" ORDER BY p.sort_key, p.id";

/* Hand each row of the prepared query q (the columns of SQL_EXPORT) to fn. */
static enum ibis_status export_walk(struct dbq *q,
				    int (*fn)(const struct pupil_export_row *row, void *ctx),
				    void *ctx, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	int rc;

	while ((rc = dbq_step(q)) == SQLITE_ROW) {
		struct pupil_export_row row = {
			.id = dbq_id(q, 0),
			.number = dbq_text_ref(q, 1),
			.first_name = dbq_text_ref(q, 2),
			.tussenvoegsel = dbq_text_ref(q, 3),
			.last_name = dbq_text_ref(q, 4),
			.birth_date = dbq_date(q, 5),
			.group_name = dbq_text_ref(q, 6),
			.school_name = dbq_text_ref(q, 7),
			.status = dbq_is_null(q, 8) ? "actief" : "vertrokken",
		};
		if (fn(&row, ctx) != 0) {
			st = ibis_fail(err, IBIS_EINPUT, "De export is afgebroken.");
			break;
		}
	}
	if (st == IBIS_OK && rc != SQLITE_DONE)
		st = dbq_fail(q, err);
	dbq_finish(q);
	return st;
}

enum ibis_status db_pupil_export(struct db *db, bool all, int school_year,
				 int (*fn)(const struct pupil_export_row *row, void *ctx),
				 void *ctx, struct ibis_error *err)
{
	struct dbq q;

	dbq_prepare(&q, db, SQL_EXPORT);
	dbq_bind_int(&q, ":year", school_year);
	dbq_bind_bool(&q, ":all", all);
	return export_walk(&q, fn, ctx, err);
}

enum ibis_status db_pupil_with_number(struct db *db, const char *number, int school_year,
				      int (*fn)(const struct pupil_export_row *row, void *ctx),
				      void *ctx, struct ibis_error *err)
{
	struct dbq q;

	dbq_prepare(&q, db, SQL_WITH_NUMBER);
	dbq_bind_int(&q, ":year", school_year);
	dbq_bind_text(&q, ":number", number);
	return export_walk(&q, fn, ctx, err);
}

