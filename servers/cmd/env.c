/*
 * env [-i] [name=value...] [command [arg...]]: run command with the
 * environment changed (-i: emptied first), or print the environment.
 * 127: command not found, 126: found but not runnable (POSIX).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	int i = 1;

	(void)argc;
	if (argv[i] && !strcmp(argv[i], "-i")) {
		static char *empty[] = { NULL };
		environ = empty;
		i++;
	} else if (argv[i] && argv[i][0] == '-' && strcmp(argv[i], "-")) {
		fprintf(stderr, "usage: env [-i] [name=value...] [command [arg...]]\n");
		return 2;
	}
	for (; argv[i] && strchr(argv[i], '='); i++) {
		char *eq = strchr(argv[i], '=');
		*eq = 0;
		if (setenv(argv[i], eq + 1, 1) < 0) {
			fprintf(stderr, "env: %s: %s\n", argv[i], strerror(errno));
			return 125;
		}
		*eq = '=';
	}
	if (!argv[i]) {
		for (char **e = environ; e && *e; e++)
			puts(*e);
		return 0;
	}
	execvp(argv[i], argv + i);
	fprintf(stderr, "env: %s: %s\n", argv[i], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
