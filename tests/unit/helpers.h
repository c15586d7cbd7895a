/* helpers.h - shared by the unit tests: private temporary folders, files and
 * databases, and where the source tree's data files are. Tests never touch a
 * user's files: everything lives in a fresh folder under $TMPDIR (or /tmp).
 */
#ifndef IBIS_TEST_HELPERS_H
#define IBIS_TEST_HELPERS_H

#include "ibis/db.h"

/* A new empty folder. Caller removes it with th_rmtree and frees the string. */
char *th_tmpdir(void);
/* Remove a folder and everything in it. */
void th_rmtree(const char *dir);
/* The source tree's data/ ($IBIS_DATADIR, set by make check). */
const char *th_datadir(void);
/* The source tree's tests/data/ ($IBIS_TEST_DATA). */
const char *th_testdata(void);
/* Write content to dir/name (creating sub folders); returns the path (caller
 * frees). */
char *th_write(const char *dir, const char *name, const char *content);
/* A fresh database in a new temporary folder; *dir receives the folder (caller
 * removes and frees it). Fails the test when it cannot be made. */
struct db *th_db_new(char **dir);

#endif
