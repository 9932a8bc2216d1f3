/*
 * cat [file...]: copy each file (standard input for none or "-") to
 * standard output. A file that cannot be read is reported and skipped;
 * the status is then 1. An option is a usage error (2).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int copy(int fd, const char *name)
{
	static char buf[4096];

	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
			return 1;
		}
		if (n == 0)
			return 0;
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(1, buf + off, (size_t)(n - off));
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				fprintf(stderr, "cat: write error: %s\n", strerror(errno));
				return 1;
			}
			off += w;
		}
	}
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		return copy(0, "stdin");
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "usage: cat [file...]\n");
			return 2;
		}
	}
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-")) {
			status |= copy(0, "stdin");
			continue;
		}
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		status |= copy(fd, argv[i]);
		close(fd);
	}
	return status;
}
