/* ptybench - measure a full-screen program as its user sees it.
 *
 * Runs a command in a pseudo-terminal of a given size, then for the start and
 * for each step (keys written to the terminal) measures the time until the last
 * byte of the program's response and the number of bytes it wrote. A response
 * has ended when the program has been quiet for --quiet milliseconds; that quiet
 * time is not counted. At the end the child's peak resident memory is printed.
 *
 *   ptybench [--cols N] [--rows N] [--quiet MS] [--expect TEXT]
 *            [--step LABEL=KEYS]... -- COMMAND [ARGS...]
 *
 * KEYS understands \e (Escape), \r, \n, \t, \\ and \xHH. --expect waits, before
 * the start is counted as over, until TEXT appeared in the output. Output: one
 * line per measurement, "LABEL ms=12.345 bytes=530", then "peak_rss_kb=N".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Turn the escapes of a KEYS argument into bytes; returns the length. */
static size_t unescape(const char *s, char *out)
{
	size_t n = 0;
	while (*s) {
		if (*s != '\\' || !s[1]) {
			out[n++] = *s++;
			continue;
		}
		s++;
		switch (*s) {
		case 'e': out[n++] = 27; s++; break;
		case 'r': out[n++] = '\r'; s++; break;
		case 'n': out[n++] = '\n'; s++; break;
		case 't': out[n++] = '\t'; s++; break;
		case 'x': {
			char hex[3] = {s[1], s[1] ? s[2] : 0, 0};
			out[n++] = (char)strtol(hex, NULL, 16);
			s += s[1] && s[2] ? 3 : 1;
			break;
		}
		default: out[n++] = *s++; break;
		}
	}
	return n;
}

struct response {
	double ms;     /* from the trigger to the last byte */
	size_t bytes;
	int found;     /* expect text seen */
};

/* Read until quiet_ms pass without output (and, when expect is given, until it
 * was seen, or 20 s passed). */
static struct response drain(int fd, double t0, int quiet_ms, const char *expect)
{
	struct response r = {0, 0, expect == NULL};
	double last = t0;
	char buf[65536];
	/* a sliding tail so that expect is found across read boundaries */
	char tail[512] = "";
	size_t tlen = 0;
	for (;;) {
		struct pollfd p = {fd, POLLIN, 0};
		int wait = quiet_ms;
		if (!r.found)
			wait = 20000;
		int rc = poll(&p, 1, wait);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc <= 0)
			break;
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n <= 0)
			break;
		last = now_ms();
		r.bytes += (size_t)n;
		if (!r.found) {
			for (ssize_t i = 0; i < n; i++) {
				if (tlen == sizeof(tail) - 1) {
					memmove(tail, tail + 256, tlen - 256);
					tlen -= 256;
				}
				tail[tlen++] = buf[i];
			}
			tail[tlen] = '\0';
			if (memmem(tail, tlen, expect, strlen(expect)))
				r.found = 1;
		}
	}
	r.ms = last - t0;
	return r;
}

int main(int argc, char **argv)
{
	int cols = 80, rows = 24, quiet = 150;
	const char *expect = NULL;
	char **steps = calloc((size_t)argc, sizeof(*steps));
	int nsteps = 0, i;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else if (!strcmp(argv[i], "--cols") && i + 1 < argc) {
			cols = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--rows") && i + 1 < argc) {
			rows = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--quiet") && i + 1 < argc) {
			quiet = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--expect") && i + 1 < argc) {
			expect = argv[++i];
		} else if (!strcmp(argv[i], "--step") && i + 1 < argc) {
			steps[nsteps++] = argv[++i];
		} else {
			fprintf(stderr, "ptybench: unknown argument %s\n", argv[i]);
			return 2;
		}
	}
	if (i >= argc) {
		fprintf(stderr, "usage: ptybench [options] -- command [args]\n");
		return 2;
	}
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
	int fd;
	double t0 = now_ms();
	pid_t pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		perror("ptybench: forkpty");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[i], argv + i);
		perror("ptybench: exec");
		_exit(127);
	}
	struct response r = drain(fd, t0, quiet, expect);
	printf("start ms=%.3f bytes=%zu%s\n", r.ms, r.bytes, r.found ? "" : " expect=missing");
	char keys[4096];
	for (int s = 0; s < nsteps; s++) {
		char *eq = strchr(steps[s], '=');
		if (!eq)
			continue;
		*eq = '\0';
		size_t n = unescape(eq + 1, keys);
		double t = now_ms();
		if (write(fd, keys, n) != (ssize_t)n)
			perror("ptybench: write");
		r = drain(fd, t, quiet, NULL);
		printf("%s ms=%.3f bytes=%zu\n", steps[s], r.ms, r.bytes);
	}
	kill(pid, SIGTERM);
	/* the program may print its goodbye; keep reading so it is not blocked */
	drain(fd, now_ms(), 100, NULL);
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("ptybench: wait4");
		return 1;
	}
	printf("peak_rss_kb=%ld\n", ru.ru_maxrss);
	free(steps);
	return 0;
}
