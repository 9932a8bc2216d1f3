/*
 * mkfifo [-m mode] name...: make FIFOs (named pipes, in /tmp), mode 0666
 * less the umask, or the octal mode given (not masked: POSIX). Each
 * failure is reported and makes the status 1; a bad option or mode is a
 * usage error (2).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
	int i = 1, status = 0, given = 0;
	mode_t mode = 0666;

	if (i + 1 < argc && !strcmp(argv[i], "-m")) {
		char *end;
		unsigned long m = strtoul(argv[i + 1], &end, 8);
		if (!*argv[i + 1] || *end || m > 07777) {
			fprintf(stderr, "mkfifo: %s: bad mode\n", argv[i + 1]);
			return 2;
		}
		mode = (mode_t)m;
		given = 1;
		i += 2;
	}
	if (i >= argc || argv[i][0] == '-') {
		fprintf(stderr, "usage: mkfifo [-m mode] name...\n");
		return 2;
	}
	for (; i < argc; i++) {
		if (mkfifo(argv[i], mode) < 0 || (given && chmod(argv[i], mode) < 0)) {
			fprintf(stderr, "mkfifo: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
