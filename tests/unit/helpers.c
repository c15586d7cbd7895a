/* helpers.c - see helpers.h. */
#include "helpers.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ibis/util.h"

char *th_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl = xasprintf("%s/ibis-test-XXXXXX", str_empty(base) ? "/tmp" : base);
	if (!mkdtemp(tmpl))
		cr_assert_fail("mkdtemp %s: %s", tmpl, strerror(errno));
	return tmpl;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void th_rmtree(const char *dir)
{
	if (dir)
		nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *th_datadir(void)
{
	const char *d = getenv("IBIS_DATADIR");
	return str_empty(d) ? "data" : d;
}

const char *th_testdata(void)
{
	const char *d = getenv("IBIS_TEST_DATA");
	return str_empty(d) ? "tests/data" : d;
}

char *th_write(const char *dir, const char *name, const char *content)
{
	char *path = path_join(dir, name);
	/* create intermediate folders of name */
	for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0700);
		*p = '/';
	}
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "cannot write %s", path);
	fputs(content, f);
	fclose(f);
	return path;
}

struct db *th_db_new(char **dir)
{
	*dir = th_tmpdir();
	char *path = path_join(*dir, "test.db");
	struct db_options opt = {.path = path, .mode = DB_CREATE};
	struct ibis_error err = {0};
	struct db *db = NULL;
	enum ibis_status st = db_open(&db, &opt, &err);
	cr_assert_eq(st, IBIS_OK, "db_open %s: %s (%s)", path, err.message, err.detail);
	free(path);
	return db;
}
