/*
 * The environment (<stdlib.h>): environ, getenv, setenv, unsetenv,
 * putenv, clearenv. environ starts as the array crt0 found on the stack
 * (or an empty one); the first change copies it into an array of ours,
 * with a parallel flag per entry saying whether libc allocated the string
 * (setenv) and so may free it when it is replaced or removed. If the
 * program assigns environ itself, the next change adopts the new array.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *empty_env[1];
char **environ = empty_env;

static char **ours;      /* our copy (== environ while it is ours) */
static bool *owned;      /* owned[i]: we allocated ours[i] */
static size_t count, cap;

static size_t name_len(const char *s)
{
	return strchrnul(s, '=') - s;
}

static bool valid_name(const char *name)
{
	return name && *name && !strchr(name, '=');
}

/* Make environ our array, with room for one more entry. */
static int adopt(void)
{
	if (environ != ours || !ours) {
		size_t n = 0;
		while (environ && environ[n])
			n++;
		char **v = malloc((n + 8) * sizeof(*v));
		bool *o = calloc(n + 8, sizeof(*o));
		if (!v || !o) {
			free(v);
			free(o);
			return -1;
		}
		if (n)
			memcpy(v, environ, n * sizeof(*v));
		v[n] = NULL;
		free(ours);
		free(owned);
		ours = environ = v;
		owned = o;
		count = n;
		cap = n + 8;
	}
	if (count + 1 >= cap) {
		char **v = realloc(ours, cap * 2 * sizeof(*v));
		if (!v)
			return -1;
		ours = environ = v;
		bool *o = realloc(owned, cap * 2 * sizeof(*o));
		if (!o)
			return -1;
		owned = o;
		cap *= 2;
	}
	return 0;
}

/* Index of name (up to len bytes) in environ, or -1. */
static long find(const char *name, size_t len)
{
	for (size_t i = 0; environ && environ[i]; i++)
		if (name_len(environ[i]) == len &&
		    memcmp(environ[i], name, len) == 0)
			return (long)i;
	return -1;
}

char *getenv(const char *name)
{
	size_t len = strlen(name);
	long i = find(name, len);

	return i < 0 ? NULL : environ[i] + len + 1;
}

/* Put entry s (owned or not) in place of name's, or at the end. */
static int put(char *s, bool mine)
{
	if (adopt())
		return -1;
	long i = find(s, name_len(s));
	if (i >= 0) {
		if (owned[i])
			free(ours[i]);
	} else {
		i = (long)count++;
		ours[count] = NULL;
	}
	ours[i] = s;
	owned[i] = mine;
	return 0;
}

int setenv(const char *name, const char *value, int overwrite)
{
	size_t nl, vl;
	char *s;

	if (!valid_name(name)) {
		errno = EINVAL;
		return -1;
	}
	if (!overwrite && getenv(name))
		return 0;
	nl = strlen(name);
	vl = strlen(value);
	if (!(s = malloc(nl + vl + 2)))
		return -1;
	memcpy(s, name, nl);
	s[nl] = '=';
	memcpy(s + nl + 1, value, vl + 1);
	if (put(s, true)) {
		free(s);
		return -1;
	}
	return 0;
}

int putenv(char *string)
{
	if (!strchr(string, '='))
		return unsetenv(string);
	return put(string, false);
}

int unsetenv(const char *name)
{
	long i;

	if (!valid_name(name)) {
		errno = EINVAL;
		return -1;
	}
	while ((i = find(name, strlen(name))) >= 0) {
		if (adopt())
			return -1;
		if (owned[i])
			free(ours[i]);
		memmove(&ours[i], &ours[i + 1], (count - (size_t)i) * sizeof(*ours));
		memmove(&owned[i], &owned[i + 1], (count - (size_t)i) * sizeof(*owned));
		count--;
	}
	return 0;
}

int clearenv(void)
{
	if (environ == ours)
		for (size_t i = 0; i < count; i++)
			if (owned[i])
				free(ours[i]);
	free(ours);
	free(owned);
	ours = NULL;
	owned = NULL;
	count = cap = 0;
	environ = empty_env;
	return 0;
}
