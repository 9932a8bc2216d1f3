/*
 * The exec family over execve (the process server's): execv, execvp,
 * execvpe, execl, execlp, execle. The p forms search PATH (default
 * "/bin:/usr/bin") when the name has no slash, trying the next directory
 * on ENOENT, ENOTDIR or EACCES (remembering EACCES), as POSIX says.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pith/shebang.h>

int pith_shebang(const char *data, size_t size, char *line, char **interp,
		 char **arg)
{
	size_t n = 2;

	while (n < size && n < PITH_SHEBANG_MAX - 1 && data[n] != '\n')
		n++;
	memcpy(line, data, n);
	line[n] = 0;
	char *s = line + 2;
	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return -ENOEXEC;
	*interp = s;
	while (*s && *s != ' ' && *s != '\t')
		s++;
	*arg = NULL;
	if (*s) {
		*s++ = 0;
		while (*s == ' ' || *s == '\t')
			s++;
		char *e = s + strlen(s);
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			*--e = 0;
		if (*s)
			*arg = s;
	}
	return 0;
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

int execvpe(const char *file, char *const argv[], char *const envp[])
{
	const char *path, *dir;
	char buf[PATH_MAX];
	size_t flen;
	int denied = 0;

	if (!*file) {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/'))
		return execve(file, argv, envp);
	if (!(path = getenv("PATH")))
		path = "/bin:/usr/bin";
	flen = strlen(file);
	for (dir = path;; dir++) {
		const char *end = strchrnul(dir, ':');
		size_t dlen = (size_t)(end - dir);
		if (dlen + flen + 2 <= sizeof(buf)) {
			/* An empty entry is the current directory. */
			memcpy(buf, dir, dlen);
			buf[dlen] = '/';
			memcpy(buf + (dlen ? dlen + 1 : 0), file, flen + 1);
			execve(buf, argv, envp);
			if (errno == EACCES)
				denied = 1;
			else if (errno != ENOENT && errno != ENOTDIR)
				return -1;
		}
		if (!*end)
			break;
		dir = end;
	}
	if (denied)
		errno = EACCES;
	return -1;
}

int execvp(const char *file, char *const argv[])
{
	return execvpe(file, argv, environ);
}

/* Count the list after arg (up to the NULL). */
static size_t count_args(va_list ap)
{
	size_t n = 0;

	while (va_arg(ap, char *))
		n++;
	return n;
}

/* The l forms build argv on the stack: ARG_MAX bounds a real list. */
#define EXECL(call, with_env)                                           \
	va_list ap;                                                     \
	size_t n;                                                       \
	va_start(ap, arg);                                              \
	n = arg ? count_args(ap) : 0;                                   \
	va_end(ap);                                                     \
	if (n > ARG_MAX / sizeof(char *)) {                             \
		errno = E2BIG;                                          \
		return -1;                                              \
	}                                                               \
	char *argv[n + 2];                                              \
	char *const *envp = environ;                                    \
	va_start(ap, arg);                                              \
	argv[0] = (char *)arg;                                          \
	for (size_t i = 1; i <= n; i++)                                 \
		argv[i] = va_arg(ap, char *);                           \
	argv[n + 1] = NULL;                                             \
	if (arg)                                                        \
		(void)va_arg(ap, char *);  /* the closing NULL */       \
	if (with_env)                                                   \
		envp = va_arg(ap, char *const *);                       \
	va_end(ap);                                                     \
	return call

int execl(const char *path, const char *arg, ...)
{
	EXECL(execve(path, argv, envp), 0);
}

int execlp(const char *file, const char *arg, ...)
{
	EXECL(execvpe(file, argv, envp), 0);
}

int execle(const char *path, const char *arg, ...)
{
	EXECL(execve(path, argv, envp), 1);
}
