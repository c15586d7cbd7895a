/* pupil.c - pupils and guardians, placements, the windowed pupil list and the
 * export walk.
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
	" search_key)"
	" VALUES (:school, :number, :first, :tv, :last, :birth, :address, :enrolled, :left,"
	" :dest, :notes, :sort, :search)";
/* Optimistic locking: the row is changed only if it is still at the version
 * the caller read. */
static const char SQL_PUPIL_UPDATE[] =
	"UPDATE pupils SET school_id = :school, number = :number, first_name = :first,"
	" tussenvoegsel = :tv, last_name = :last, birth_date = :birth, address = :address,"
	" enrolled_date = :enrolled, left_date = :left, destination = :dest, notes = :notes,"
	" sort_key = :sort, search_key = :search, version = version + 1"
	" WHERE id = :id AND version = :version";
static const char SQL_PUPIL_GET[] =
	"SELECT id, school_id, number, first_name, tussenvoegsel, last_name, birth_date,"
	" address, enrolled_date, left_date, destination, notes, version"
	" FROM pupils WHERE id = :id";
static const char SQL_PUPIL_EXISTS[] = "SELECT count(*) FROM pupils WHERE id = :id";

/* Bind the columns insert and update share. The keys are derived from the
 * name here, so they can never disagree with it. */
static void pupil_bind(struct dbq *q, const struct pupil *p)
{
	char *sort = name_sort_key(p->first_name, p->tussenvoegsel, p->last_name);
	char *search = name_search_key(p->first_name, p->tussenvoegsel, p->last_name);

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
	dbq_bind_text(q, ":sort", sort);
	dbq_bind_text(q, ":search", search);
	free(sort);
	free(search);
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
	long long exists = 0;
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

/* Only the rows on screen are fetched. Without a search, the inner query
 * walks an index in name order (pupils_active_sort, or with one school
 * pupils_active_school_sort; the full pupils_sort / pupils_school_sort when
 * pupils who left are included) and stops after OFFSET + LIMIT entries. The
 * partial indexes hold exactly the pupils at school, so skipping to an offset
 * and counting never read the table: at 50,000 pupils the last page and the
 * count take a few milliseconds. Only the LIMIT rows kept are joined with their
 * group and current level, through UNIQUE (pupil_id, school_year) and the
 * partial index level_episodes_open.
 *
 * A search folds the typed text (text_fold) and looks for it as a substring
 * of search_key, which the program folded the same way: "zoe" finds Zoë,
 * "yilmaz" Yılmaz, "ijsbrand" Ĳsbrand, "van den berg" the natural order and
 * "berg anna" the list order. instr() needs no escaping of % or _. Every row
 * must be looked at, so a search reads the table in storage order and sorts
 * the matches (the unary + keeps the planner off the name-order indexes,
 * whose random lookups per row cost up to five times more when the matches
 * sort late): about 10-15 ms per keystroke at 50,000 pupils. Issue 3 may
 * replace this with an FTS5 table over search_key with the trigram tokenizer
 * (the key is already folded, so trigram's lack of folding does not matter),
 * which answers in under a millisecond. */
#define LIST_INNER                                                                        \
	"SELECT p.id, p.first_name, p.tussenvoegsel, p.last_name, p.left_date, p.sort_key" \
	" FROM pupils p"
#define LIST_JOIN                                                                         \
	" LEFT JOIN group_members gm ON gm.pupil_id = p.id AND gm.school_year = :year"     \
	" LEFT JOIN groups g ON g.id = gm.group_id"                                       \
	" LEFT JOIN level_episodes le ON le.pupil_id = p.id AND le.end_date IS NULL"      \
	" ORDER BY p.sort_key, p.id"
#define LIST_PAGE(where, order)                                                           \
	"SELECT p.id, p.first_name, p.tussenvoegsel, p.last_name, g.name, gm.jaargroep,"  \
	" le.level, le.model, p.left_date"                                                \
	" FROM (" LIST_INNER where order " LIMIT :limit OFFSET :offset) p" LIST_JOIN
#define LIST_COUNT(where, order) "SELECT count(*) FROM pupils p" where
/* The literal "left_date IS NULL" is what lets the planner pick the partial
 * indexes; "1" keeps every variant a WHERE with AND-ed terms. */
#define AT_SCHOOL " WHERE p.left_date IS NULL"
#define AT_SCHOOL_SCAN " WHERE +p.left_date IS NULL"
#define EVERYONE " WHERE 1"
#define ONE_SCHOOL " AND p.school_id = :school"
#define SEARCH " AND instr(p.search_key, :needle) > 0"
#define BY_INDEX " ORDER BY p.sort_key, p.id"
#define BY_SORT " ORDER BY +p.sort_key, p.id"
#define VARIANTS(M)                                                                       \
	{                                                                                 \
		M(AT_SCHOOL, BY_INDEX),                                                   \
		M(AT_SCHOOL ONE_SCHOOL, BY_INDEX),                                        \
		M(AT_SCHOOL_SCAN SEARCH, BY_SORT),                                        \
		M(AT_SCHOOL_SCAN ONE_SCHOOL SEARCH, BY_SORT),                             \
		M(EVERYONE, BY_INDEX),                                                    \
		M(EVERYONE ONE_SCHOOL, BY_INDEX),                                         \
		M(EVERYONE SEARCH, BY_SORT),                                              \
		M(EVERYONE ONE_SCHOOL SEARCH, BY_SORT),                                   \
	}

/* Indexed by the filters (1: one school, 2: a search, 4: pupils who left
 * too): a fixed text for each combination, so that each has its own plan
 * with the right index. */
static const char *const list_page_sql[8] = VARIANTS(LIST_PAGE);
static const char *const list_count_sql[8] = VARIANTS(LIST_COUNT);

/* Prepare the count or page statement of q. The folded needle is returned
 * (caller frees; NULL when there is no search). */
static char *list_prepare(struct dbq *dq, struct db *db, const struct pupil_query *q, bool page)
{
	char *needle = str_empty(q->search) ? NULL : text_fold(q->search);
	if (needle && !*needle)
		freep(&needle); /* only punctuation or spaces: no filter */
	int variant = (q->school_id ? 1 : 0) | (needle ? 2 : 0) | (q->include_left ? 4 : 0);

	dbq_prepare(dq, db, page ? list_page_sql[variant] : list_count_sql[variant]);
	if (q->school_id)
		dbq_bind_int(dq, ":school", q->school_id);
	if (needle)
		dbq_bind_text(dq, ":needle", needle);
	return needle;
}

void pupil_rows_free(struct pupil_row *rows, int n)
{
	for (int i = 0; rows && i < n; i++) {
		free(rows[i].name);
		free(rows[i].group_name);
		free(rows[i].level_model);
	}
	free(rows);
}

enum ibis_status db_pupil_count(struct db *db, const struct pupil_query *q, int *count,
				struct ibis_error *err)
{
	enum ibis_status st;
	long long n = 0;
	struct dbq dq;

	char *needle = list_prepare(&dq, db, q, false);
	st = dbq_one_int(&dq, &n, NULL, err);
	free(needle);
	*count = st == IBIS_OK ? (int)n : 0;
	return st;
}

enum ibis_status db_pupil_page(struct db *db, const struct pupil_query *q, int offset,
			       int limit, struct pupil_row *rows, int *n, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct dbq dq;
	int got = 0, rc = SQLITE_DONE;

	*n = 0;
	if (limit <= 0)
		return IBIS_OK;
	char *needle = list_prepare(&dq, db, q, true);
	dbq_bind_int(&dq, ":year", q->school_year);
	dbq_bind_int(&dq, ":limit", limit);
	dbq_bind_int(&dq, ":offset", offset > 0 ? offset : 0);
	while (got < limit && (rc = dbq_step(&dq)) == SQLITE_ROW) {
		struct pupil_row *r = &rows[got++];
		r->id = dbq_id(&dq, 0);
		r->name = name_display(dbq_text_ref(&dq, 1), dbq_text_ref(&dq, 2),
				       dbq_text_ref(&dq, 3));
		r->group_name = dbq_text(&dq, 4);
		r->jaargroep = dbq_int_or(&dq, 5, -1);
		r->level = dbq_int_or(&dq, 6, 0);
		r->level_model = dbq_text(&dq, 7);
		r->left = dbq_date(&dq, 8);
	}
	if (got < limit && rc != SQLITE_DONE) {
		st = dbq_fail(&dq, err);
		/* Nothing half: the rows read so far are given back. */
		for (int i = 0; i < got; i++) {
			free(rows[i].name);
			free(rows[i].group_name);
			free(rows[i].level_model);
			memset(&rows[i], 0, sizeof(rows[i]));
		}
		got = 0;
	}
	dbq_finish(&dq);
	free(needle);
	*n = got;
	return st;
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

enum ibis_status db_pupil_export(struct db *db, bool all, int school_year,
				 int (*fn)(const struct pupil_export_row *row, void *ctx),
				 void *ctx, struct ibis_error *err)
{
	enum ibis_status st = IBIS_OK;
	struct dbq q;
	int rc;

	dbq_prepare(&q, db, SQL_EXPORT);
	dbq_bind_int(&q, ":year", school_year);
	dbq_bind_bool(&q, ":all", all);
	while ((rc = dbq_step(&q)) == SQLITE_ROW) {
		struct pupil_export_row row = {
			.id = dbq_id(&q, 0),
			.number = dbq_text_ref(&q, 1),
			.first_name = dbq_text_ref(&q, 2),
			.tussenvoegsel = dbq_text_ref(&q, 3),
			.last_name = dbq_text_ref(&q, 4),
			.birth_date = dbq_date(&q, 5),
			.group_name = dbq_text_ref(&q, 6),
			.school_name = dbq_text_ref(&q, 7),
			.status = dbq_is_null(&q, 8) ? "actief" : "vertrokken",
		};
		if (fn(&row, ctx) != 0) {
			st = ibis_fail(err, IBIS_EINPUT, "De export is afgebroken.");
			break;
		}
	}
	if (st == IBIS_OK && rc != SQLITE_DONE)
		st = dbq_fail(&q, err);
	dbq_finish(&q);
	return st;
}
