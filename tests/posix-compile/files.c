/* Files and directories as a portable program uses them: <fcntl.h>
 * <sys/stat.h> <dirent.h> <unistd.h> <stdio.h>. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "compile.h"

static int descriptors(const char *path)
{
	char buf[PIPE_BUF];
	int fds[2], fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	ssize_t n;
	struct flock lk = { .l_type = F_RDLCK, .l_whence = SEEK_SET };

	if (fd < 0)
		return errno != ENOSYS && errno != ENOENT;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write(STDOUT_FILENO, buf, (size_t)n) != n)
			break;
	lseek(fd, 0, SEEK_SET);
	struct pollfd pfd[2] = { { fd, POLLIN | POLLPRI, 0 },
				 { STDOUT_FILENO, POLLOUT | POLLWRNORM, 0 } };
	nfds_t npfd = sizeof(pfd) / sizeof(pfd[0]);
	if (poll(pfd, npfd, 0) > 0 && (pfd[0].revents & (POLLERR | POLLHUP | POLLNVAL)))
		return 1;
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	fcntl(fd, F_SETLK, &lk);
	int d = dup(fd);
	dup2(d, 10);
	close(d);
	close(10);
	if (pipe(fds) == 0) {
		write(fds[1], "x", 1);
		close(fds[1]);
		close(fds[0]);
	}
	int c = creat("/tmp/new", S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH);
	int a = openat(AT_FDCWD, "/tmp/at", O_WRONLY | O_CREAT | O_EXCL | O_TRUNC, 0644);
	close(c);
	close(a);
	return close(fd) < 0 && isatty(fd);
}

static int status(const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0) {
		printf("%s: %lld bytes, mode %o, %s, mtime %lld\n", path,
		       (long long)st.st_size, (unsigned)(st.st_mode & 07777),
		       S_ISDIR(st.st_mode) ? "dir" : S_ISREG(st.st_mode) ? "file"
		       : S_ISLNK(st.st_mode) ? "link" : S_ISFIFO(st.st_mode) ? "fifo"
		       : S_ISCHR(st.st_mode) ? "char" : "other",
		       (long long)st.st_mtime);
	}
	fstat(0, &st);
	lstat(path, &st);
	mkdir("/tmp/d", S_IRWXU | S_IRWXG | S_IRWXO);
	chmod("/tmp/d", 0700);
	umask(022);
	access(path, R_OK | W_OK | X_OK | F_OK);
	chdir("/tmp");
	char cwd[PATH_MAX];
	if (getcwd(cwd, sizeof(cwd)))
		printf("in %s\n", cwd);
	unlink("/tmp/new");
	rmdir("/tmp/d");
	return 0;
}

static int directory(void)
{
	DIR *d = opendir("/");
	struct dirent *e;
	int n = 0;

	if (!d)
		return errno != ENOSYS;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
		if (strlen(e->d_name) > NAME_MAX)
			return 1;
	}
	rewinddir(d);
	closedir(d);
	return n < 0;
}

static int streams(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256];
	char *dyn = NULL;
	size_t cap = 0;

	if (!f) {
		perror(path);
		return errno != ENOSYS;
	}
	setvbuf(f, NULL, _IOFBF, BUFSIZ);
	while (fgets(line, sizeof(line), f))
		fputs(line, stdout);
	rewind(f);
	while (getline(&dyn, &cap, f) > 0)
		printf("%s", dyn);
	free(dyn);
	fseek(f, 0L, SEEK_END);
	printf("%ld bytes, eof %d, error %d, fd %d\n", ftell(f), feof(f), ferror(f),
	       fileno(f));
	clearerr(f);
	int c = fgetc(f);
	ungetc(c, f);
	size_t got = fread(line, 1, sizeof(line), f);
	fwrite(line, 1, got, stderr);
	fclose(f);
	FILE *out = fdopen(STDOUT_FILENO, "w");
	if (out)
		fprintf(out, "%s\n", "via fdopen");
	remove("/tmp/x");
	rename("/tmp/a", "/tmp/b");
	FILE *t = tmpfile();
	if (t)
		fclose(t);
	return 0;
}

int files(const char *path)
{
	return descriptors(path) | status(path) | directory() | streams(path);
}
