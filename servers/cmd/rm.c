/*
 * rm [-f] file...: remove files (unlink); rmdir dir... is separate.
 * Without -f a missing file is reported; every failure makes the status
 * 1. A bad option or no operand is a usage error (2).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int i = 1, force = 0, status = 0;

	if (i < argc && !strcmp(argv[i], "-f")) {
		force = 1;
		i++;
	}
	if (i >= argc && force)   /* rm -f alone: nothing to do (POSIX) */
		return 0;
	if (i >= argc || (argv[i][0] == '-' && argv[i][1])) {
		fprintf(stderr, "usage: rm [-f] file...\n");
		return 2;
	}
	for (; i < argc; i++) {
		if (unlink(argv[i]) == 0 || (force && errno == ENOENT))
			continue;
		fprintf(stderr, "rm: %s: %s\n", argv[i], strerror(errno));
		status = 1;
	}
	return status;
}
