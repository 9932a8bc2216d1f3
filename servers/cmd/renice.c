/*
 * renice [-n] priority [-p|-g|-u] id...: set the nice value of processes
 * (-p, the default), process groups (-g) or users' processes (-u) to
 * priority; with -n, priority is an increment to each one's current
 * value (POSIX's form). Reports "id (which ID) old priority X, new
 * priority Y" for each, as util-linux does; errors make the status 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static int usage(void)
{
	fprintf(stderr, "usage: renice [-n] priority [-p|-g|-u] id...\n");
	return 2;
}

int main(int argc, char **argv)
{
	int i = 1, relative = 0, which = PRIO_PROCESS, status = 0, ids = 0;
	char *end;
	long prio;

	if (i < argc && !strcmp(argv[i], "-n")) {
		relative = 1;
		i++;
	}
	if (i >= argc)
		return usage();
	prio = strtol(argv[i], &end, 10);
	if (!*argv[i] || *end)
		return usage();
	for (i++; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-p")) { which = PRIO_PROCESS; continue; }
		if (!strcmp(a, "-g")) { which = PRIO_PGRP; continue; }
		if (!strcmp(a, "-u")) { which = PRIO_USER; continue; }
		long id = strtol(a, &end, 10);
		if (!*a || *end || id < 0)
			return usage();
		ids++;
		const char *what = which == PRIO_PROCESS ? "process ID"
				 : which == PRIO_PGRP ? "process group ID" : "user ID";
		errno = 0;
		int old = getpriority(which, (id_t)id);
		if (old == -1 && errno) {
			fprintf(stderr, "renice: failed to get priority for %ld (%s): %s\n",
				id, what, strerror(errno));
			status = 1;
			continue;
		}
		int want = relative ? old + (int)prio : (int)prio;
		if (setpriority(which, (id_t)id, want) < 0) {
			fprintf(stderr, "renice: failed to set priority for %ld (%s): %s\n",
				id, what, strerror(errno));
			status = 1;
			continue;
		}
		errno = 0;
		int now = getpriority(which, (id_t)id);
		printf("%ld (%s) old priority %d, new priority %d\n", id, what, old,
		       now == -1 && errno ? want : now);
	}
	return ids ? status : usage();
}
