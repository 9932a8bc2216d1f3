/*
 * mkdir [-p] dir...: make directories (mode 0777 less the umask); -p
 * makes missing parents too and is quiet about ones that exist. Each
 * failure is reported and makes the status 1; a bad option is 2.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int make(char *path, int parents)
{
	if (parents) {
		for (char *s = path + 1; *s; s++) {
			if (*s != '/')
				continue;
			*s = 0;
			int r = mkdir(path, 0777);
			int e = errno;
			*s = '/';
			if (r < 0 && e != EEXIST) {
				errno = e;
				return -1;
			}
		}
	}
	if (mkdir(path, 0777) < 0) {
		struct stat st;
		if (parents && errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			return 0;
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1, parents = 0, status = 0;

	if (i < argc && !strcmp(argv[i], "-p")) {
		parents = 1;
		i++;
	}
	if (i >= argc || argv[i][0] == '-') {
		fprintf(stderr, "usage: mkdir [-p] dir...\n");
		return 2;
	}
	for (; i < argc; i++) {
		if (make(argv[i], parents) < 0) {
			fprintf(stderr, "mkdir: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
