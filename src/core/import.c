/* import.c - see import.h. */
#include "ibis/import.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ibis/text.h"

/* ================================================================ fields */

static const char *const field_names[IMPORT_NFIELDS] = {
	[IMPORT_ID] = "id",
	[IMPORT_NUMBER] = "leerlingnummer",
	[IMPORT_FIRST] = "roepnaam",
	[IMPORT_TV] = "tussenvoegsel",
	[IMPORT_LAST] = "achternaam",
	[IMPORT_BIRTH] = "geboortedatum",
	[IMPORT_GROUP] = "groep",
	[IMPORT_SCHOOL] = "school",
	[IMPORT_STATUS] = "status",
};

/* Header names folded to a key: lower case, no accents, and no spaces or
 * punctuation at all, so "Leerling nummer", "Leerling-nummer" and
 * "Leerlingnummer" are one name and "Geb.datum" is "gebdatum". The order
 * decides between two columns for one field: the earlier synonym wins. */
static const struct {
	enum import_field field;
	const char *key;
} synonyms[] = {
	{IMPORT_ID, "id"},
	{IMPORT_NUMBER, "leerlingnummer"},
	{IMPORT_NUMBER, "pupilnumber"},
	{IMPORT_NUMBER, "studentnumber"},
	{IMPORT_FIRST, "roepnaam"},
	{IMPORT_FIRST, "voornaam"},
	{IMPORT_FIRST, "firstname"},
	{IMPORT_TV, "tussenvoegsel"},
	{IMPORT_TV, "tussenv"},
	{IMPORT_TV, "prefix"},
	{IMPORT_LAST, "achternaam"},
	{IMPORT_LAST, "lastname"},
	{IMPORT_LAST, "surname"},
	{IMPORT_BIRTH, "geboortedatum"},
	{IMPORT_BIRTH, "gebdatum"},
	{IMPORT_BIRTH, "dateofbirth"},
	{IMPORT_BIRTH, "birthdate"},
	{IMPORT_GROUP, "groep"},
	{IMPORT_GROUP, "klas"},
	{IMPORT_GROUP, "group"},
	{IMPORT_GROUP, "class"},
	{IMPORT_SCHOOL, "brin"},
	{IMPORT_SCHOOL, "school"},
	{IMPORT_STATUS, "status"},
};

/* The key of a header name (see above). Caller frees. */
static char *header_key(const char *s)
{
	char *k = text_fold(s);
	char *o = k;
	for (const char *p = k; *p; p++)
		if (*p != ' ')
			*o++ = *p;
	*o = '\0';
	return k;
}

const char *import_field_name(enum import_field f)
{
	return f >= 0 && f < IMPORT_NFIELDS ? field_names[f] : "?";
}

bool import_field_parse(const char *word, enum import_field *out)
{
	char *k = header_key(word);
	bool found = false;
	for (int f = 0; f < IMPORT_NFIELDS && !found; f++)
		if (strcmp(k, field_names[f]) == 0) {
			*out = (enum import_field)f;
			found = true;
		}
	free(k);
	return found;
}

/* The rank of a header key among the synonyms, -1 when none. */
static int synonym_rank(const char *key)
{
	for (size_t i = 0; i < ARRAY_LEN(synonyms); i++)
		if (strcmp(key, synonyms[i].key) == 0)
			return (int)i;
	return -1;
}

bool import_header_field(const char *header, enum import_field *out)
{
	char *k = header_key(header);
	int rank = synonym_rank(k);
	free(k);
	if (rank < 0)
		return false;
	*out = synonyms[rank].field;
	return true;
}

/* ============================================================== problems */

const char *import_column_name(const struct import_file *f, enum import_field fld)
{
	int c = f->column[fld];
	if (c < 0 || f->csv.nrows == 0 || c >= f->csv.rows[0].nfields)
		return import_field_name(fld);
	const char *name = f->csv.rows[0].fields[c];
	return str_empty(name) ? import_field_name(fld) : name;
}

void import_row_problem(const struct import_file *f, struct import_row *r, enum import_field fld,
			const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *reason = xvasprintf(fmt, ap);
	va_end(ap);
	sl_take(&r->problems, xasprintf("%s: %s", import_column_name(f, fld), reason));
	free(reason);
}

void import_row_problem_row(struct import_row *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *reason = xvasprintf(fmt, ap);
	va_end(ap);
	sl_take(&r->problems, xasprintf("rij: %s", reason));
	free(reason);
}

int import_count_invalid(const struct import_file *f)
{
	int n = 0;
	for (int i = 0; i < f->nrows; i++)
		if (f->rows[i].problems.len)
			n++;
	return n;
}

bool import_print_problems(const struct import_file *f, FILE *out)
{
	for (int i = 0; i < f->nrows; i++)
		for (size_t j = 0; j < f->rows[i].problems.len; j++)
			if (fprintf(out, "%d: %s\n", f->rows[i].line, f->rows[i].problems.items[j]) < 0)
				return false;
	return fflush(out) == 0;
}

bool import_write_rejected(const struct import_file *f, FILE *out)
{
	if (f->csv.nrows == 0)
		return false;
	const struct csv_row *header = &f->csv.rows[0];
	if (f->csv.encoding != CSV_UTF8 && fputs("\xEF\xBB\xBF", out) == EOF)
		return false;
	struct csv_writer w;
	csv_writer_init(&w, out, f->csv.sep);
	for (int i = 0; i < header->nfields; i++)
		csv_field(&w, header->fields[i]);
	csv_field(&w, "Reden");
	csv_end_row(&w);
	for (int i = 0; i < f->nrows && !w.failed; i++) {
		const struct import_row *r = &f->rows[i];
		if (!r->problems.len)
			continue;
		/* a short row is padded, so that Reden stays in its column */
		int n = r->raw->nfields > header->nfields ? r->raw->nfields : header->nfields;
		for (int j = 0; j < n; j++)
			csv_field(&w, j < r->raw->nfields ? r->raw->fields[j] : NULL);
		struct strbuf why = {0};
		for (size_t j = 0; j < r->problems.len; j++) {
			if (j)
				sb_add(&why, "; ");
			sb_add(&why, r->problems.items[j]);
		}
		csv_field(&w, sb_str(&why));
		sb_free(&why);
		csv_end_row(&w);
	}
	return csv_writer_finish(&w);
}

/* ================================================================ header */

/* The header names as a list for a message: "Naam, Klas, Adres". Caller
 * frees. */
static char *header_list(const struct csv_row *header)
{
	struct strbuf sb = {0};
	for (int i = 0; i < header->nfields; i++) {
		if (i)
			sb_add(&sb, ", ");
		sb_add(&sb, header->fields[i]);
	}
	return sb_take(&sb);
}

/* Apply the --map options: each "Kolom=veld" claims one column for one
 * field. The last '=' splits, so a column name may hold one. */
static enum ibis_status apply_maps(struct import_file *f, const struct strlist *maps,
				   bool claimed[], struct ibis_error *err)
{
	const struct csv_row *header = &f->csv.rows[0];
	for (size_t m = 0; maps && m < maps->len; m++) {
		const char *spec = maps->items[m];
		const char *eq = strrchr(spec, '=');
		if (!eq)
			return ibis_fail(err, IBIS_EINPUT,
					 "--map ‘%s’: schrijf Kolomnaam=veld, bijvoorbeeld "
					 "\"Klas=groep\".",
					 spec);
		char *col = xstrndup(spec, (size_t)(eq - spec));
		char *colname = str_trim(col);
		free(col);
		enum import_field fld;
		if (!import_field_parse(eq + 1, &fld)) {
			enum ibis_status st = ibis_fail(
				err, IBIS_EINPUT,
				"--map ‘%s’: onbekend veld ‘%s’; kies leerlingnummer, roepnaam, "
				"tussenvoegsel, achternaam, geboortedatum, groep, school, status of id.",
				spec, eq + 1);
			free(colname);
			return st;
		}
		char *key = header_key(colname);
		int found = -1;
		for (int c = 0; c < header->nfields && found < 0; c++) {
			char *hk = header_key(header->fields[c]);
			if (*key && strcmp(hk, key) == 0)
				found = c;
			free(hk);
		}
		free(key);
		if (found < 0) {
			char *list = header_list(header);
			enum ibis_status st = ibis_fail(
				err, IBIS_EINPUT, "--map ‘%s’: de kolom ‘%s’ staat niet in de kop van %s "
				"(wel: %s).", spec, colname, f->name, list);
			free(list);
			free(colname);
			return st;
		}
		free(colname);
		if (f->column[fld] >= 0)
			return ibis_fail(err, IBIS_EINPUT,
					 "--map ‘%s’: het veld %s heeft al de kolom ‘%s’.", spec,
					 field_names[fld], header->fields[f->column[fld]]);
		if (claimed[found])
			return ibis_fail(err, IBIS_EINPUT,
					 "--map ‘%s’: de kolom ‘%s’ is al aan een ander veld gegeven.",
					 spec, header->fields[found]);
		f->column[fld] = found;
		claimed[found] = true;
	}
	return IBIS_OK;
}

/* Map the header: --map first, then the synonyms; list what is left. */
static enum ibis_status map_header(struct import_file *f, const struct strlist *maps,
				   struct ibis_error *err)
{
	const struct csv_row *header = &f->csv.rows[0];
	bool *claimed = xcalloc((size_t)header->nfields + 1, sizeof(bool));
	int rank[IMPORT_NFIELDS];
	for (int i = 0; i < IMPORT_NFIELDS; i++) {
		f->column[i] = -1;
		rank[i] = -1;
	}
	enum ibis_status st = apply_maps(f, maps, claimed, err);
	bool by_map[IMPORT_NFIELDS];
	for (int i = 0; i < IMPORT_NFIELDS; i++)
		by_map[i] = f->column[i] >= 0;

	for (int c = 0; st == IBIS_OK && c < header->nfields; c++) {
		if (claimed[c])
			continue;
		char *key = header_key(header->fields[c]);
		int r = synonym_rank(key);
		free(key);
		if (r < 0)
			continue;
		enum import_field fld = synonyms[r].field;
		if (by_map[fld] || (f->column[fld] >= 0 && rank[fld] <= r))
			continue;
		if (f->column[fld] >= 0)
			claimed[f->column[fld]] = false;
		f->column[fld] = c;
		rank[fld] = r;
		claimed[c] = true;
	}
	for (int c = 0; st == IBIS_OK && c < header->nfields; c++)
		if (!claimed[c])
			sl_add(&f->ignored, str_empty(header->fields[c]) ? "(zonder naam)"
									  : header->fields[c]);
	free(claimed);
	if (st != IBIS_OK)
		return st;

	static const enum import_field required[] = {IMPORT_FIRST, IMPORT_LAST, IMPORT_BIRTH};
	struct strbuf missing = {0};
	int nmissing = 0;
	for (size_t i = 0; i < ARRAY_LEN(required); i++) {
		if (f->column[required[i]] >= 0)
			continue;
		if (nmissing++)
			sb_add(&missing, ", ");
		sb_add(&missing, field_names[required[i]]);
	}
	if (nmissing) {
		char *list = header_list(header);
		st = ibis_fail(err, IBIS_EINPUT,
			       "%s: de kop mist %s %s (gevonden: %s); geef een kolom met een andere "
			       "naam aan met --map \"Kolomnaam=veld\".",
			       f->name, nmissing > 1 ? "de kolommen" : "de kolom", sb_str(&missing),
			       list);
		free(list);
	}
	sb_free(&missing);
	return st;
}

/* ================================================================= rows */

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

/* A control character (a line break from a quoted field, a tab) has no place
 * in a name, a number or a group. */
static bool has_control(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			return true;
	return false;
}

/* The trimmed cell of a field, NULL when absent or empty. Caller frees. */
static char *cell(const struct import_file *f, const struct csv_row *raw, enum import_field fld)
{
	int c = f->column[fld];
	if (c < 0 || c >= raw->nfields)
		return NULL;
	char *t = str_trim(raw->fields[c]);
	if (!*t)
		freep(&t);
	return t;
}

static bool parse_id(const char *s, ibis_id *out)
{
	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v <= 0)
		return false;
	*out = v;
	return true;
}

/* Read one record into r and check what can be checked without the
 * database. */
static void read_row(struct import_file *f, const struct csv_row *raw, ibis_date today,
		     struct import_row *r)
{
	int want = f->csv.rows[0].nfields;
	r->line = raw->line;
	r->raw = raw;
	r->birth_date = DATE_NONE;
	bool ragged = raw->nfields < want;
	/* extra fields are harmless while empty: some programs end every row
	 * with a separator */
	for (int i = want; i < raw->nfields && !ragged; i++)
		ragged = !blank(raw->fields[i]);
	if (ragged) {
		import_row_problem_row(r, "%d velden, de kop heeft er %d", raw->nfields, want);
		return;
	}

	char *id = cell(f, raw, IMPORT_ID);
	char *birth = cell(f, raw, IMPORT_BIRTH);
	char *status = cell(f, raw, IMPORT_STATUS);
	r->number = cell(f, raw, IMPORT_NUMBER);
	r->first_name = cell(f, raw, IMPORT_FIRST);
	r->tussenvoegsel = cell(f, raw, IMPORT_TV);
	r->last_name = cell(f, raw, IMPORT_LAST);
	r->group = cell(f, raw, IMPORT_GROUP);
	r->school = cell(f, raw, IMPORT_SCHOOL);

	if (id && !parse_id(id, &r->id))
		import_row_problem(f, r, IMPORT_ID, "‘%s’ is geen geldig nummer", id);
	if (status && strcmp(status, "actief") == 0) {
		/* the common case, without folding */
	} else if (status) {
		char *k = header_key(status);
		if (strcmp(k, "vertrokken") == 0 || strcmp(k, "left") == 0)
			r->left = true;
		else if (strcmp(k, "actief") != 0 && strcmp(k, "active") != 0)
			import_row_problem(f, r, IMPORT_STATUS,
					   "‘%s’ is onbekend; verwacht actief of vertrokken", status);
		free(k);
	}
	if (!r->first_name)
		import_row_problem(f, r, IMPORT_FIRST, "ontbreekt");
	if (!r->last_name)
		import_row_problem(f, r, IMPORT_LAST, "ontbreekt");

	const struct {
		enum import_field fld;
		const char *value;
	} texts[] = {
		{IMPORT_NUMBER, r->number}, {IMPORT_FIRST, r->first_name},
		{IMPORT_TV, r->tussenvoegsel}, {IMPORT_LAST, r->last_name},
		{IMPORT_GROUP, r->group}, {IMPORT_SCHOOL, r->school},
	};
	for (size_t i = 0; i < ARRAY_LEN(texts); i++)
		if (has_control(texts[i].value))
			import_row_problem(f, r, texts[i].fld,
					   "bevat een regeleinde of ander stuurteken");

	char shown[DATE_NL_LEN];
	if (!birth) {
		import_row_problem(f, r, IMPORT_BIRTH, "ontbreekt");
	} else if (!date_parse(birth, &r->birth_date)) {
		import_row_problem(f, r, IMPORT_BIRTH,
				   "‘%s’ is geen geldige datum; schrijf dd-mm-jjjj", birth);
		r->birth_date = DATE_NONE;
	} else if (r->birth_date > today) {
		import_row_problem(f, r, IMPORT_BIRTH, "%s ligt in de toekomst",
				   date_format_nl(r->birth_date, shown));
	} else if (!r->left) {
		int age = date_age(r->birth_date, today);
		if (age < IMPORT_AGE_MIN || age > IMPORT_AGE_MAX)
			import_row_problem(f, r, IMPORT_BIRTH,
					   "leeftijd %d jaar op %s past niet bij de basisschool "
					   "(%d tot en met %d jaar)",
					   age, date_format_nl(today, shown), IMPORT_AGE_MIN,
					   IMPORT_AGE_MAX);
	}
	free(id);
	free(birth);
	free(status);
}

/* =================================================================== file */

enum ibis_status import_read_table(struct csv_table *csv, const char *name,
				   const struct import_options *opt, struct import_file *out,
				   struct ibis_error *err)
{
	memset(out, 0, sizeof(*out));
	out->name = xstrdup(name);
	out->csv = *csv;
	memset(csv, 0, sizeof(*csv));
	for (int i = 0; i < IMPORT_NFIELDS; i++)
		out->column[i] = -1;
	if (out->csv.nrows == 0)
		return ibis_fail(err, IBIS_EINPUT, "%s is leeg.", name);

	enum ibis_status st = map_header(out, opt ? opt->maps : NULL, err);
	if (st != IBIS_OK)
		return st;
	ibis_date today = opt && opt->today != DATE_NONE ? opt->today : date_today();
	out->nrows = out->csv.nrows - 1;
	out->rows = xcalloc((size_t)out->nrows + 1, sizeof(*out->rows));
	for (int i = 0; i < out->nrows; i++)
		read_row(out, &out->csv.rows[i + 1], today, &out->rows[i]);
	return IBIS_OK;
}

enum ibis_status import_read_file(const char *path, const struct import_options *opt,
				  struct import_file *out, struct ibis_error *err)
{
	struct csv_table csv;
	enum ibis_status st = csv_read_file(path, &csv, err);
	if (st != IBIS_OK) {
		csv_table_free(&csv);
		memset(out, 0, sizeof(*out));
		for (int i = 0; i < IMPORT_NFIELDS; i++)
			out->column[i] = -1;
		return st;
	}
	return import_read_table(&csv, strcmp(path, "-") == 0 ? "de standaardinvoer" : path, opt,
				 out, err);
}

void import_file_free(struct import_file *f)
{
	for (int i = 0; i < f->nrows; i++) {
		struct import_row *r = &f->rows[i];
		free(r->number);
		free(r->first_name);
		free(r->tussenvoegsel);
		free(r->last_name);
		free(r->group);
		free(r->school);
		sl_free(&r->problems);
	}
	free(f->rows);
	csv_table_free(&f->csv);
	sl_free(&f->ignored);
	free(f->name);
	memset(f, 0, sizeof(*f));
	for (int i = 0; i < IMPORT_NFIELDS; i++)
		f->column[i] = -1;
}
