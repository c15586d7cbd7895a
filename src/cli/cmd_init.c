/* cmd_init.c - ibis init: a new database with one school. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "ibis/db_school.h"
#include "ibis/text.h"

/* A BRIN code is two digits and two letters for the school, then two digits
 * for the location (vestiging): "12AB00". Lower case is accepted and raised.
 * Returns the normalised code (caller frees) or NULL. */
static char *normalise_brin(const char *s)
{
	char *t = str_trim(s);
	bool ok = strlen(t) == 6;
	for (int i = 0; ok && i < 6; i++) {
		unsigned char ch = (unsigned char)t[i];
		if (i == 2 || i == 3) {
			ok = isascii(ch) && isalpha(ch);
			t[i] = (char)toupper(ch);
		} else {
			ok = isascii(ch) && isdigit(ch);
		}
	}
	if (!ok)
		freep(&t);
	return t;
}

int cmd_init(struct app *app, const struct cli_args *a)
{
	const struct level_model *model;
	int st = cli_pick_model(app, a->model, &model);
	if (st)
		return st;

	char *name = str_trim(str_empty(a->school) ? "Mijn school" : a->school);
	if (str_empty(name) || !utf8_valid(name, strlen(name))) {
		cli_error("Geef de school een naam met --school (in UTF-8).");
		free(name);
		return IBIS_EINPUT;
	}
	char *brin = NULL;
	if (a->brin && !(brin = normalise_brin(a->brin))) {
		cli_error("Ongeldige BRIN-code ‘%s’: verwacht twee cijfers, twee letters en "
			  "twee cijfers, zoals 12AB00.", a->brin);
		free(name);
		return IBIS_EINPUT;
	}

	st = cli_make_room(app, a->force);
	if (st) {
		free(name);
		free(brin);
		return st;
	}

	struct ibis_error err = {0};
	struct school s = {
		.name = name,
		.brin = brin,
		.level_model = model->id,
		.groepsbesprekingen = app->cfg.groepsbesprekingen,
	};
	if (app_open_db(app, DB_CREATE, &err) != IBIS_OK ||
	    db_school_insert(app->db, &s, &err) != IBIS_OK) {
		st = cli_report(&err, app->verbose);
		/* a database that db_open refused is not ours to remove; one we
		 * just made and could not fill is */
		if (app->db) {
			db_close(app->db);
			app->db = NULL;
			cli_remove_db(app->db_path);
		}
	} else {
		printf("Database %s gemaakt met school %lld ‘%s’%s%s (niveaumodel %s).\n",
		       app->db_path, s.id, name, brin ? ", BRIN " : "", brin ? brin : "",
		       model->id);
		if (fflush(stdout) != 0)
			st = IBIS_EINPUT;
	}
	free(name);
	free(brin);
	return st;
}
