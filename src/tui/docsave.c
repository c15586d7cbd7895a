/* docsave.c - documents the screens write for people to print or hand on (a
 * plan, the SOP): a file name made from names shown on screen, written whole
 * or not at all into the folder ibis was started from. */
#include "tui_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ibis/error.h"
#include "ibis/util.h"

void doc_name_part(struct strbuf *sb, const char *s)
{
	bool dash = false;
	size_t start = sb->len;

	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		bool keep = *p >= 0x80 || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
			    (*p >= 'A' && *p <= 'Z') || *p == '_' || *p == '-';
		if (keep) {
			if (dash)
				sb_addc(sb, '-');
			dash = false;
			sb_addc(sb, (char)*p);
		} else if (*p == ' ' || *p == '/') {
			dash = sb->len > start;
		}
	}
}

/* Write text to path whole or not at all: a temporary file beside it,
 * renamed over it once complete. 0, or the errno of the failure. */
static int write_atomic(const char *path, const char *text)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	int e = 0;

	if (fd < 0) {
		e = errno;
		free(tmp);
		return e;
	}
	/* What a new file would get, not mkstemp's 0600: the document is
	 * meant to be printed and handed on. */
	mode_t mask = umask(0);
	umask(mask);
	size_t n = strlen(text), done = 0;
	if (fchmod(fd, 0666 & ~mask) != 0)
		e = errno;
	while (!e && done < n) {
		ssize_t w = write(fd, text + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			e = w < 0 ? errno : EIO;
		else
			done += (size_t)w;
	}
	if (!e && fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;
	if (!e && rename(tmp, path) != 0)
		e = errno;
	if (e)
		unlink(tmp);
	free(tmp);
	return e;
}

enum ibis_status doc_save_here(const char *name, const char *text, const char *what,
			       char **path, struct ibis_error *err)
{
	*path = NULL;
	char *cwd = getcwd(NULL, 0);
	if (!cwd) {
		int e = errno;
		return ibis_fail(err, IBIS_EINPUT,
				 "De map waar ibis is gestart is niet te vinden: %s.", errno_text(e));
	}
	char *full = path_join(cwd, name);
	free(cwd);
	int e = write_atomic(full, text);
	if (e) {
		ibis_fail(err, IBIS_EINPUT, "%s kan niet worden opgeslagen als %s: %s.", what, full,
			  errno_text(e));
		ibis_detail(err, "write %s: %s", full, strerror(e));
		free(full);
		return IBIS_EINPUT;
	}
	*path = full;
	return IBIS_OK;
}
