/*
 * test.c: the test and [ builtins (POSIX test): strings (-n, -z, =, !=),
 * integers (-eq -ne -lt -le -gt -ge), files (-e -f -d -c -p -r -w -x -s),
 * ! ( ) -a -o. Status 0 true, 1 false, 2 an error (with a message).
 * Entry point: builtin_test().
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

struct targs {
	char **v;
	int i, n;
	int error;
};

static int bad(struct targs *t, const char *what, const char *arg)
{
	if (!t->error)
		sh_error("test: %s%s%s", arg ? arg : "", arg ? ": " : "", what);
	t->error = 1;
	return 0;
}

static const char *peek(struct targs *t, int k)
{
	return t->i + k < t->n ? t->v[t->i + k] : NULL;
}

static int integer(struct targs *t, const char *s, long long *v)
{
	char *end;

	errno = 0;
	*v = strtoll(s, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	if (!*s || *end || errno)
		return bad(t, "integer expression expected", s);
	return 1;
}

static int is_binary(const char *op)
{
	static const char *const ops[] = { "=", "!=", "-eq", "-ne", "-lt", "-le",
					   "-gt", "-ge" };
	for (size_t i = 0; op && i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strcmp(op, ops[i]))
			return 1;
	return 0;
}

static int binary(struct targs *t, const char *l, const char *op, const char *r)
{
	long long a, b;

	if (!strcmp(op, "="))
		return !strcmp(l, r);
	if (!strcmp(op, "!="))
		return strcmp(l, r) != 0;
	if (!integer(t, l, &a) || !integer(t, r, &b))
		return 0;
	if (!strcmp(op, "-eq")) return a == b;
	if (!strcmp(op, "-ne")) return a != b;
	if (!strcmp(op, "-lt")) return a < b;
	if (!strcmp(op, "-le")) return a <= b;
	if (!strcmp(op, "-gt")) return a > b;
	return a >= b;
}

static int unary(struct targs *t, char op, const char *arg)
{
	struct stat st;

	switch (op) {
	case 'n': return *arg != 0;
	case 'z': return *arg == 0;
	case 'r': return access(arg, R_OK) == 0;
	case 'w': return access(arg, W_OK) == 0;
	case 'x': return access(arg, X_OK) == 0;
	}
	if (stat(arg, &st) < 0)
		return 0;
	switch (op) {
	case 'e': return 1;
	case 'f': return S_ISREG(st.st_mode);
	case 'd': return S_ISDIR(st.st_mode);
	case 'c': return S_ISCHR(st.st_mode);
	case 'p': return S_ISFIFO(st.st_mode);
	case 's': return st.st_size > 0;
	}
	return bad(t, "unknown operator", NULL);
}

static int expr_or(struct targs *t, int depth);

static int primary(struct targs *t, int depth)
{
	const char *a = peek(t, 0), *b = peek(t, 1);

	if (depth > 64)
		return bad(t, "nested too deep", NULL);
	if (!a)
		return bad(t, "argument expected", NULL);
	if (!strcmp(a, "!") && b) {
		t->i++;
		return !primary(t, depth + 1);
	}
	if (!strcmp(a, "(") && b && !is_binary(b)) {
		t->i++;
		int v = expr_or(t, depth + 1);
		if (!peek(t, 0) || strcmp(peek(t, 0), ")"))
			return bad(t, "`)' expected", NULL);
		t->i++;
		return v;
	}
	if (b && is_binary(b) && peek(t, 2)) {
		t->i += 3;
		return binary(t, a, b, t->v[t->i - 1]);
	}
	if (a[0] == '-' && a[1] && !a[2] && strchr("nzrwxefdcps", a[1]) && b) {
		t->i += 2;
		return unary(t, a[1], b);
	}
	t->i++;
	return *a != 0;
}

static int expr_and(struct targs *t, int depth)
{
	int v = primary(t, depth);

	while (peek(t, 0) && !strcmp(peek(t, 0), "-a")) {
		t->i++;
		v = primary(t, depth) && v;
	}
	return v;
}

static int expr_or(struct targs *t, int depth)
{
	int v = expr_and(t, depth);

	while (peek(t, 0) && !strcmp(peek(t, 0), "-o")) {
		t->i++;
		v = expr_and(t, depth) || v;
	}
	return v;
}

int builtin_test(char **argv)
{
	struct targs t = { .v = argv + 1 };

	while (t.v[t.n])
		t.n++;
	if (!strcmp(argv[0], "[")) {
		if (!t.n || strcmp(t.v[t.n - 1], "]")) {
			sh_error("[: missing `]'");
			return 2;
		}
		t.n--;
	}
	if (!t.n)
		return 1;
	int v = expr_or(&t, 0);
	if (!t.error && t.i < t.n)
		bad(&t, "too many arguments", t.v[t.i]);
	return t.error ? 2 : !v;
}
