/*
 * kill [-s SIG | -SIG] pid...   send a signal (TERM by default) to each
 *                               pid (negative: a process group; after --)
 * kill -l [status]              list the signal names, or name the
 *                               signal of an exit status (128 + n)
 * Errors are reported per pid and make the status 1; bad usage is 2.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "signame.h"

static int usage(void)
{
	fprintf(stderr, "usage: kill [-s signal | -signal] pid... | kill -l [status]\n");
	return 2;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;

	if (argc < 2)
		return usage();
	if (!strcmp(argv[1], "-l")) {
		if (argc == 2) {
			for (size_t k = 0; k < NSIGNAMES; k++)
				printf("%2d) SIG%s\n", signames[k].sig, signames[k].name);
			return 0;
		}
		char *end;
		long v = strtol(argv[2], &end, 10);
		if (*end || argc > 3)
			return usage();
		const char *n = sig_name((int)(v > 128 ? v - 128 : v));
		if (!n) {
			fprintf(stderr, "kill: %s: invalid signal\n", argv[2]);
			return 1;
		}
		puts(n);
		return 0;
	}
	if (!strcmp(argv[1], "-s")) {
		if (argc < 4 || (sig = sig_parse(argv[2])) < 0) {
			if (argc >= 3)
				fprintf(stderr, "kill: %s: invalid signal\n", argv[2]);
			return usage();
		}
		i = 3;
	} else if (argv[1][0] == '-' && strcmp(argv[1], "--") &&
		   !(argv[1][1] >= '0' && argv[1][1] <= '9' && argc == 2)) {
		if ((sig = sig_parse(argv[1] + 1)) < 0) {
			fprintf(stderr, "kill: %s: invalid signal\n", argv[1] + 1);
			return usage();
		}
		i = 2;
	}
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	if (i >= argc)
		return usage();
	for (; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);
		if (!*argv[i] || *end) {
			fprintf(stderr, "kill: %s: not a pid\n", argv[i]);
			status = 1;
			continue;
		}
		if (kill((pid_t)pid, sig) < 0) {
			fprintf(stderr, "kill: (%ld): %s\n", pid, strerror(errno));
			status = 1;
		}
	}
	return status;
}
