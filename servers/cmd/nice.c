/*
 * nice [-n increment] command [arg...]: run command with its nice value
 * raised by increment (10 by default; a negative one needs root).
 * 127: command not found, 126: not runnable (POSIX).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int usage(void)
{
	fprintf(stderr, "usage: nice [-n increment] command [arg...]\n");
	return 2;
}

int main(int argc, char **argv)
{
	int inc = 10, i = 1;

	if (argc > 1 && !strcmp(argv[1], "-n")) {
		char *end;
		if (argc < 3)
			return usage();
		inc = (int)strtol(argv[2], &end, 10);
		if (!*argv[2] || *end)
			return usage();
		i = 3;
	} else if (argc > 1 && argv[1][0] == '-') {
		return usage();
	}
	if (i >= argc)
		return usage();
	errno = 0;
	if (nice(inc) == -1 && errno)
		fprintf(stderr, "nice: cannot set niceness: %s\n", strerror(errno));
	execvp(argv[i], argv + i);
	fprintf(stderr, "nice: %s: %s\n", argv[i], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
