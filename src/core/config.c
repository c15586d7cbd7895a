/* config.c - see config.h.
 *
 * Every key is declared once, in keys[] below: the loader walks it to fill
 * struct ibis_config, to refuse unknown keys and to describe the configuration
 * (config_describe), so a new key cannot be half added.
 */
#include "ibis/config.h"

#include <errno.h>
#include <pwd.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ibis/inifile.h"
#include "ibis/util.h"

#ifndef IBIS_PKGDATADIR
#define IBIS_PKGDATADIR "/usr/local/share/ibis"
#endif
#ifndef IBIS_SYSCONFDIR
#define IBIS_SYSCONFDIR "/usr/local/etc"
#endif

/* ============================================================ the table */

/* CFG_PAIR: one of two words, stored as a bool (the second word is true). */
enum cfg_type { CFG_TEXT, CFG_INT, CFG_BOOL, CFG_PAIR };

struct cfg_key {
	const char *section;
	const char *key;
	enum cfg_type type;
	const char *def;  /* default as it would be written in the file */
	int min, max;     /* CFG_INT */
	bool empty_ok;    /* CFG_TEXT: "" means "use the built-in default" */
	size_t offset;    /* into struct ibis_config */
	const char *help; /* Dutch, for config_describe */
	const char *words[2]; /* CFG_PAIR: the word for false, the word for true */
};

#define AT(field) offsetof(struct ibis_config, field)

static const struct cfg_key keys[] = {
	{"database", "pad", CFG_TEXT, "", 0, 0, true, AT(db_path),
	 "het databasebestand; leeg: --db, anders $XDG_DATA_HOME/ibis/ibis.db", {0}},
	{"database", "wachttijd_ms", CFG_INT, "5000", 0, 600000, false, AT(busy_timeout_ms),
	 "hoe lang (ms) te wachten op een database die een ander aan het schrijven is", {0}},
	{"school", "niveaumodel", CFG_TEXT, "4-niveaus", 0, 0, false, AT(level_model),
	 "het ondersteuningsmodel van een nieuwe school (een bestand in levels/)", {0}},
	{"school", "groepsbesprekingen", CFG_INT, "3", 0, 20, false, AT(groepsbesprekingen),
	 "aantal groepsbesprekingen per groep per schooljaar", {0}},
	{"school", "weken", CFG_PAIR, "kalenderweken", 0, 0, false, AT(school_weeks),
	 "hoe perioden van plannen in weken tellen: kalenderweken of schoolweken (zonder de "
	 "vakanties)",
	 {"kalenderweken", "schoolweken"}},
	{"school", "vakanties", CFG_TEXT, "", 0, 0, true, AT(holidays),
	 "de vakanties, voor het tellen in schoolweken: \"19-10-2026 t/m 23-10-2026, ...\"", {0}},
	{"scherm", "kleur", CFG_BOOL, "ja", 0, 0, false, AT(colour),
	 "kleuren gebruiken (NO_COLOR zet ze ook uit)", {0}},
	{"scherm", "escdelay_ms", CFG_INT, "25", 0, 1000, false, AT(escdelay_ms),
	 "hoe lang (ms) na Esc op de rest van een toets te wachten (ESCDELAY wint)", {0}},
};

static char **text_at(struct ibis_config *cfg, const struct cfg_key *k)
{
	return (char **)((char *)cfg + k->offset);
}

static int *int_at(struct ibis_config *cfg, const struct cfg_key *k)
{
	return (int *)((char *)cfg + k->offset);
}

static bool *bool_at(struct ibis_config *cfg, const struct cfg_key *k)
{
	return (bool *)((char *)cfg + k->offset);
}

static const void *field(const struct ibis_config *cfg, const struct cfg_key *k)
{
	return (const char *)cfg + k->offset;
}

static const struct cfg_key *find_key(const char *section, const char *key)
{
	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		if (strcmp(keys[i].section, section) == 0 && strcmp(keys[i].key, key) == 0)
			return &keys[i];
	return NULL;
}

static bool known_section(const char *section)
{
	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		if (strcmp(keys[i].section, section) == 0)
			return true;
	return false;
}

/* The built-in defaults, so that a key missing from every file still has a
 * sensible value; data/ibis.ini states the same ones for the reader. */
static void set_defaults(struct ibis_config *cfg)
{
	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		const struct cfg_key *k = &keys[i];
		switch (k->type) {
		case CFG_TEXT:
			freep(text_at(cfg, k));
			*text_at(cfg, k) = *k->def ? xstrdup(k->def) : NULL;
			break;
		case CFG_INT:
			*int_at(cfg, k) = atoi(k->def);
			break;
		case CFG_BOOL:
			*bool_at(cfg, k) = strcmp(k->def, "ja") == 0;
			break;
		case CFG_PAIR:
			*bool_at(cfg, k) = strcmp(k->def, k->words[1]) == 0;
			break;
		}
	}
}

/* One of the two words of a CFG_PAIR key. */
static enum ibis_status pair_value(const struct inifile *f, const struct cfg_key *k, bool *out,
				   struct ibis_error *err)
{
	char *v = str_trim(inifile_get(f, k->section, k->key));
	enum ibis_status st = IBIS_OK;
	if (strcmp(v, k->words[0]) == 0)
		*out = false;
	else if (strcmp(v, k->words[1]) == 0)
		*out = true;
	else
		st = inifile_fail(f, k->section, k->key, err, "onbekend woord „%s” (%s of %s)", v,
				  k->words[0], k->words[1]);
	free(v);
	return st;
}

/* Where a text key was set, for the messages of the module that reads the
 * value later (the level model, the holidays). */
static char **where_at(struct ibis_config *cfg, const struct cfg_key *k)
{
	if (k->offset == AT(level_model))
		return &cfg->level_model_where;
	if (k->offset == AT(holidays))
		return &cfg->holidays_where;
	return NULL;
}

/* ============================================================ loading */

/* Apply one file over cfg: every section and key must be in the table. */
static enum ibis_status apply_file(struct ibis_config *cfg, const char *path,
				   struct ibis_error *err)
{
	struct inifile *f = inifile_load(path, err);
	if (!f)
		return IBIS_EINPUT;
	enum ibis_status st = IBIS_OK;
	for (size_t s = 0; s < inifile_nsections(f) && st == IBIS_OK; s++) {
		const char *section = inifile_section(f, s);
		if (!known_section(section)) {
			st = inifile_fail(f, section, NULL, err,
					  "onbekende sectie (bekend: [database], [school], [scherm])");
			break;
		}
		size_t n;
		const char *const *names = inifile_keys(f, section, &n);
		for (size_t i = 0; i < n && st == IBIS_OK; i++) {
			const struct cfg_key *k = find_key(section, names[i]);
			if (!k) {
				st = inifile_fail(f, section, names[i], err, "onbekende sleutel");
				break;
			}
			switch (k->type) {
			case CFG_TEXT: {
				char *v = str_trim(inifile_get(f, section, k->key));
				if (!*v && !k->empty_ok) {
					free(v);
					st = inifile_fail(f, section, k->key, err,
							  "mag niet leeg zijn");
					break;
				}
				freep(text_at(cfg, k));
				if (*v) {
					*text_at(cfg, k) = v;
				} else {
					free(v);
				}
				char **where = where_at(cfg, k);
				if (where) {
					free(*where);
					*where = xasprintf("%s:%d", path,
							   inifile_line(f, section, k->key));
				}
				break;
			}
			case CFG_INT:
				st = inifile_int(f, section, k->key, k->min, k->max,
						 *int_at(cfg, k), int_at(cfg, k), err);
				break;
			case CFG_BOOL:
				st = inifile_bool(f, section, k->key, *bool_at(cfg, k),
						  bool_at(cfg, k), err);
				break;
			case CFG_PAIR:
				st = pair_value(f, k, bool_at(cfg, k), err);
				break;
			}
		}
	}
	inifile_free(f);
	if (st == IBIS_OK) {
		if (cfg->files_read) {
			char *all = xasprintf("%s, %s", cfg->files_read, path);
			free(cfg->files_read);
			cfg->files_read = all;
		} else {
			cfg->files_read = xstrdup(path);
		}
	}
	return st;
}

static const char *home_dir(void)
{
	const char *home = getenv("HOME");
	if (!str_empty(home))
		return home;
	struct passwd *pw = getpwuid(getuid());
	return pw && !str_empty(pw->pw_dir) ? pw->pw_dir : NULL;
}

/* $XDG_CONFIG_HOME/ibis/ibis.ini or ~/.config/ibis/ibis.ini; NULL without a
 * home. Caller frees. */
static char *user_file(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	/* the XDG spec ignores a relative path */
	if (!str_empty(xdg) && xdg[0] == '/')
		return xasprintf("%s/ibis/ibis.ini", xdg);
	const char *home = home_dir();
	return home ? xasprintf("%s/.config/ibis/ibis.ini", home) : NULL;
}

enum ibis_status config_load(struct ibis_config *cfg, const struct config_source *src,
			     struct ibis_error *err)
{
	memset(cfg, 0, sizeof(*cfg));
	set_defaults(cfg);
	cfg->datadir = xstrdup(src && src->datadir ? src->datadir : IBIS_PKGDATADIR);
	cfg->sysconfdir = src && src->sysconfdir ? xstrdup(src->sysconfdir)
						 : xstrdup(IBIS_SYSCONFDIR "/ibis");

	if (!path_is_dir(cfg->datadir))
		return ibis_fail(err, IBIS_EINPUT,
				 "de datamap %s bestaat niet; geef de juiste map met --datadir",
				 cfg->datadir);
	char *shipped = path_join(cfg->datadir, "ibis.ini");
	enum ibis_status st = apply_file(cfg, shipped, err);
	free(shipped);
	if (st != IBIS_OK)
		return st;

	if (src && src->config_file) {
		/* unlike the system and user files, an explicit file must be there */
		struct stat sb;
		const char *why = NULL;
		if (stat(src->config_file, &sb) != 0 || access(src->config_file, R_OK) != 0)
			why = strerror(errno);
		else if (S_ISDIR(sb.st_mode))
			why = "het is een map";
		if (why)
			return ibis_fail(err, IBIS_EINPUT, "kan configuratiebestand %s niet lezen: %s",
					 src->config_file, why);
		return apply_file(cfg, src->config_file, err);
	}

	char *system = path_join(cfg->sysconfdir, "ibis.ini");
	if (path_is_file(system))
		st = apply_file(cfg, system, err);
	free(system);
	if (st != IBIS_OK || (src && src->system_only))
		return st;

	char *user = user_file();
	if (user && path_is_file(user))
		st = apply_file(cfg, user, err);
	free(user);
	return st;
}

void config_free(struct ibis_config *cfg)
{
	if (!cfg)
		return;
	free(cfg->datadir);
	free(cfg->sysconfdir);
	free(cfg->db_path);
	free(cfg->level_model);
	free(cfg->files_read);
	free(cfg->level_model_where);
	free(cfg->holidays);
	free(cfg->holidays_where);
	memset(cfg, 0, sizeof(*cfg));
}

/* ============================================================ paths */

char *config_db_path(const struct ibis_config *cfg, const char *explicit_path)
{
	if (!str_empty(explicit_path))
		return xstrdup(explicit_path);
	const char *home = home_dir();
	if (cfg && !str_empty(cfg->db_path)) {
		if (str_starts(cfg->db_path, "~/") && home)
			return path_join(home, cfg->db_path + 2);
		return xstrdup(cfg->db_path);
	}
	const char *xdg = getenv("XDG_DATA_HOME");
	if (!str_empty(xdg) && xdg[0] == '/')
		return xasprintf("%s/ibis/ibis.db", xdg);
	return xasprintf("%s/.local/share/ibis/ibis.db", home ? home : ".");
}

char *config_data_file(const struct ibis_config *cfg, const char *relpath)
{
	if (!str_empty(cfg->sysconfdir)) {
		char *own = path_join(cfg->sysconfdir, relpath);
		if (path_is_file(own))
			return own;
		free(own);
	}
	return path_join(cfg->datadir, relpath);
}

char *config_describe(const struct ibis_config *cfg)
{
	struct strbuf sb = {0};
	const char *section = NULL;
	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		const struct cfg_key *k = &keys[i];
		if (!section || strcmp(section, k->section) != 0) {
			sb_printf(&sb, "%s[%s]\n", section ? "\n" : "", k->section);
			section = k->section;
		}
		switch (k->type) {
		case CFG_TEXT: {
			const char *v = *(char *const *)field(cfg, k);
			sb_printf(&sb, "%s = \"%s\"", k->key, v ? v : "");
			break;
		}
		case CFG_INT:
			sb_printf(&sb, "%s = %d", k->key, *(const int *)field(cfg, k));
			break;
		case CFG_BOOL:
			sb_printf(&sb, "%s = %s", k->key, *(const bool *)field(cfg, k) ? "ja" : "nee");
			break;
		case CFG_PAIR:
			sb_printf(&sb, "%s = %s", k->key, k->words[*(const bool *)field(cfg, k)]);
			break;
		}
		sb_printf(&sb, "    ; %s\n", k->help);
	}
	return sb_take(&sb);
}
