/*
 * glob.c: pathname expansion (POSIX XCU 2.13): `*`, `?` and bracket
 * expressions (`[abc]`, `[a-z]`, `[!x]`) in each component of a path,
 * matched against directory entries, results sorted; a name starting
 * with `.` only matches a pattern that starts with one. A backslash
 * makes the next byte literal (expansion escapes what was quoted).
 * Entry points: sh_fnmatch(), sh_glob(). Only POSIX directory calls, so
 * it is host-tested too (tests/unit/test_shparse.c).
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parse.h"

/* Match one pattern element at *pp (?, [...], \x or a byte) against c;
 * *pp moves past it. */
static int match_one(const char **pp, char c)
{
	const char *p = *pp;

	if (*p == '?') {
		*pp = p + 1;
		return 1;
	}
	if (*p == '\\' && p[1]) {
		*pp = p + 2;
		return p[1] == c;
	}
	if (*p == '[') {
		const char *b = p + 1, *q;
		int neg = 0, ok = 0;
		if (*b == '!' || *b == '^') {
			neg = 1;
			b++;
		}
		q = b;
		if (*q == ']')
			q++;
		while (*q && *q != ']')
			q++;
		if (!*q) {              /* no closing ]: a plain [ */
			*pp = p + 1;
			return c == '[';
		}
		for (const char *r = b; r < q;) {
			char lo = *r;
			if (lo == '\\' && r + 1 < q)
				lo = *++r;
			if (r + 2 < q && r[1] == '-') {
				char hi = r[2];
				if ((unsigned char)lo <= (unsigned char)c &&
				    (unsigned char)c <= (unsigned char)hi)
					ok = 1;
				r += 3;
			} else {
				if (c == lo)
					ok = 1;
				r++;
			}
		}
		*pp = q + 1;
		return ok != neg;
	}
	*pp = p + 1;
	return *p == c;
}

int sh_fnmatch(const char *p, const char *s)
{
	const char *star_p = NULL, *star_s = NULL;

	/* One backtracking point is enough: a later * supersedes it. */
	while (*s) {
		if (*p == '*') {
			while (*p == '*')
				p++;
			star_p = p;
			star_s = s;
			continue;
		}
		const char *q = p;
		if (*p && match_one(&q, *s)) {
			p = q;
			s++;
			continue;
		}
		if (!star_p)
			return 0;
		p = star_p;
		s = ++star_s;
	}
	while (*p == '*')
		p++;
	return !*p;
}

/* Does the pattern (n bytes) hold an unescaped *, ? or [? */
static int has_meta(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\\') {
			i++;
			continue;
		}
		if (p[i] == '*' || p[i] == '?' || p[i] == '[')
			return 1;
	}
	return 0;
}

struct globber {
	struct strvec *out;
	size_t found;
	int depth;
};

static char *join(const char *dir, const char *name, size_t n)
{
	size_t d = strlen(dir);
	char *s = malloc(d + n + 2);

	if (!s)
		abort();
	memcpy(s, dir, d);
	if (d && dir[d - 1] != '/')
		s[d++] = '/';
	memcpy(s + d, name, n);
	s[d + n] = 0;
	return s;
}

/* Expand the components of pat from p on, below the directory dir
 * ("" for a relative pattern's start). */
static void walk(struct globber *g, const char *dir, const char *p)
{
	while (*p == '/')
		p++;
	const char *end = strchr(p, '/');
	size_t n = end ? (size_t)(end - p) : strlen(p);
	int last = !end || !end[strspn(end, "/")];

	if (++g->depth > 64)
		goto out;
	if (!has_meta(p, n)) {
		/* A literal component: its backslashes go. */
		char *lit = malloc(n + 1), *path;
		size_t k = 0;
		struct stat st;
		if (!lit)
			abort();
		for (size_t i = 0; i < n; i++) {
			if (p[i] == '\\' && i + 1 < n)
				i++;
			lit[k++] = p[i];
		}
		path = join(dir, lit, k);
		free(lit);
		if (last) {
			if (lstat(path, &st) == 0) {
				strvec_push(g->out, path);
				g->found++;
				path = NULL;
			}
		} else {
			walk(g, path, p + n);
		}
		free(path);
		goto out;
	}
	char *comp = malloc(n + 1);
	if (!comp)
		abort();
	memcpy(comp, p, n);
	comp[n] = 0;
	DIR *d = opendir(*dir ? dir : ".");
	struct dirent *e;
	while (d && (e = readdir(d))) {
		const char *name = e->d_name;
		if (!strcmp(name, ".") || !strcmp(name, ".."))
			continue;
		if (name[0] == '.' && comp[0] != '.')
			continue;
		if (!sh_fnmatch(comp, name))
			continue;
		char *path = join(dir, name, strlen(name));
		struct stat st;
		if (last) {
			strvec_push(g->out, path);
			g->found++;
		} else {
			if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
				walk(g, path, p + n);
			free(path);
		}
	}
	if (d)
		closedir(d);
	free(comp);
out:
	g->depth--;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t sh_glob(const char *pattern, struct strvec *out)
{
	struct globber g = { .out = out };
	size_t first = out->n;

	if (!has_meta(pattern, strlen(pattern)))
		return 0;
	walk(&g, pattern[0] == '/' ? "/" : "", pattern);
	if (g.found)
		qsort(out->v + first, g.found, sizeof(char *), cmp);
	return g.found;
}
