/* The rest of <stdio.h>: perror, remove, tmpnam, ctermid. Files that
 * need the process server (popen, pclose) are in
 * libc/posix/unimplemented_proc.c, tmpfile and rename with the file
 * server's. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "stdio_impl.h"

void perror(const char *s)
{
	const char *msg = strerror(errno);

	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}

int remove(const char *path)
{
	int saved = errno;

	if (unlink(path) == 0)
		return 0;
	if (errno != EISDIR)
		return -1;
	errno = saved;
	return rmdir(path);
}

/* Names under P_tmpdir made unique by a counter (the file server will
 * say whether one exists; the caller's open with O_EXCL decides). */
char *tmpnam(char *s)
{
	static char buf[L_tmpnam];
	static unsigned counter;

	if (!s)
		s = buf;
	snprintf(s, L_tmpnam, "%s/t%u.%u", P_tmpdir, (unsigned)getpid() & 0xffff,
		 counter++ % TMP_MAX);
	return s;
}

char *ctermid(char *s)
{
	static char buf[L_ctermid];

	if (!s)
		s = buf;
	strcpy(s, "/dev/tty");
	return s;
}
