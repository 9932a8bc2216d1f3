/*
 * realpath: the absolute name of a file, ".", ".." and repeated slashes
 * resolved. There are no symbolic links, so the name follows from the
 * path's text, but each component is checked as the kernel's walk
 * would check it: stat of the path up to it (its errors: ENOENT,
 * ENOTDIR, EACCES for a directory without search permission), and a
 * non-directory with anything after it is ENOTDIR.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static int resolve(const char *path, char *out)
{
	char prefix[PATH_MAX];
	size_t ol = 0, i = 0;
	struct stat st;

	if (path[0] != '/') {
		if (!getcwd(out, PATH_MAX))
			return errno;
		ol = strlen(out);
		if (ol == 1)
			ol = 0;           /* "/": components add their own '/' */
	}
	while (path[i]) {
		while (path[i] == '/')
			i++;
		if (!path[i])
			break;
		size_t start = i;
		while (path[i] && path[i] != '/')
			i++;
		size_t k = i - start;
		if (k > NAME_MAX)
			return ENAMETOOLONG;
		/* The path as given, up to this component: fs walks it (a
		 * relative one from the cwd), checking search permission and
		 * what ".." crosses. */
		memcpy(prefix, path, i);
		prefix[i] = 0;
		if (stat(prefix, &st))
			return errno;
		if (path[i] == '/' && !S_ISDIR(st.st_mode))
			return ENOTDIR;
		if (k == 1 && path[start] == '.')
			continue;
		if (k == 2 && path[start] == '.' && path[start + 1] == '.') {
			while (ol && out[ol - 1] != '/')
				ol--;
			if (ol)
				ol--;
			continue;
		}
		if (ol + 1 + k >= PATH_MAX)
			return ENAMETOOLONG;
		out[ol++] = '/';
		memcpy(out + ol, path + start, k);
		ol += k;
	}
	if (!ol)
		out[ol++] = '/';
	out[ol] = 0;
	return 0;
}

char *realpath(const char *restrict path, char *restrict resolved)
{
	char buf[PATH_MAX];
	int err;

	if (!path) {
		errno = EINVAL;
		return NULL;
	}
	if (!path[0]) {
		errno = ENOENT;
		return NULL;
	}
	if (strnlen(path, PATH_MAX) >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	if ((err = resolve(path, buf))) {
		errno = err;
		return NULL;
	}
	if (!resolved && !(resolved = malloc(strlen(buf) + 1))) {
		errno = ENOMEM;
		return NULL;
	}
	return strcpy(resolved, buf);
}
