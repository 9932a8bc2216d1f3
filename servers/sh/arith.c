/*
 * arith.c: arithmetic expansion, $((expression)) (POSIX XCU 2.6.4), by
 * recursive descent with C's precedence over signed long integers.
 * Entry point: sh_arith(). Variables are read through the expansion
 * context (an unset or empty one is 0; one that is not a number is an
 * error); assignment operators are not supported. Overflow wraps, as in
 * most shells; division by zero is an error. Host-tested with the parser.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

#define ARITH_DEPTH 64

struct ar {
	const struct expand_env *env;
	const char *s;
	int depth;
	int failed;
	char *err;
	size_t errlen;
};

static long long fail(struct ar *a, const char *msg)
{
	if (!a->failed) {
		a->failed = 1;
		snprintf(a->err, a->errlen, "%s", msg);
	}
	return 0;
}

static void blanks(struct ar *a)
{
	while (*a->s == ' ' || *a->s == '\t' || *a->s == '\n')
		a->s++;
}

/* Is the operator op next (and not the start of a longer one)? */
static int take(struct ar *a, const char *op)
{
	size_t n = strlen(op);

	blanks(a);
	if (strncmp(a->s, op, n))
		return 0;
	/* "<" must not take "<<" or "<=", "&" not "&&", "|" not "||"... */
	char c = a->s[n];
	if (n == 1 && ((op[0] == '<' && (c == '<' || c == '=')) ||
		       (op[0] == '>' && (c == '>' || c == '=')) ||
		       (op[0] == '&' && c == '&') || (op[0] == '|' && c == '|') ||
		       (op[0] == '!' && c == '=') || (op[0] == '=' && c == '=')))
		return 0;
	a->s += n;
	return 1;
}

static long long expr(struct ar *a, int level);

/* A number in s (decimal, 0x hex, 0 octal); -1 in *end if not all of it. */
static long long number(struct ar *a, const char *s, size_t n)
{
	char buf[64], *end;

	if (n >= sizeof(buf))
		return fail(a, "arithmetic: number too long");
	memcpy(buf, s, n);
	buf[n] = 0;
	long long v = (long long)strtoull(buf, &end, 0);
	if (*end)
		return fail(a, "arithmetic: bad number");
	return v;
}

static long long primary(struct ar *a)
{
	blanks(a);
	if (++a->depth > ARITH_DEPTH)
		return fail(a, "arithmetic: nested too deep");
	long long v;
	char c = *a->s;
	if (take(a, "(")) {
		v = expr(a, 0);
		if (!take(a, ")"))
			v = fail(a, "arithmetic: missing `)'");
	} else if (take(a, "-")) {
		v = -primary(a);
	} else if (take(a, "+")) {
		v = primary(a);
	} else if (take(a, "!")) {
		v = !primary(a);
	} else if (take(a, "~")) {
		v = ~primary(a);
	} else if (c >= '0' && c <= '9') {
		const char *b = a->s;
		while ((*a->s >= '0' && *a->s <= '9') || ((*a->s | 32) >= 'a' && (*a->s | 32) <= 'z'))
			a->s++;
		v = number(a, b, (size_t)(a->s - b));
	} else if ((c | 32) >= 'a' && (c | 32) <= 'z') {
		char name[64];
		size_t n = 0;
		while (n < sizeof(name) - 1 && (((*a->s | 32) >= 'a' && (*a->s | 32) <= 'z') ||
		       (*a->s >= '0' && *a->s <= '9') || *a->s == '_'))
			name[n++] = *a->s++;
		name[n] = 0;
		const char *val = a->env->lookup(a->env->ctx, name);
		while (val && (*val == ' ' || *val == '\t'))
			val++;
		v = val && *val ? number(a, val, strlen(val)) : 0;
	} else if (c == '_') {
		a->s++;
		v = fail(a, "arithmetic: bad variable");
	} else {
		v = fail(a, c ? "arithmetic: syntax error" : "arithmetic: missing operand");
	}
	a->depth--;
	return v;
}

/* Binary operators by precedence, lowest first. */
static const char *const levels[][4] = {
	{ "||" }, { "&&" }, { "|" }, { "^" }, { "&" }, { "==", "!=" },
	{ "<=", ">=", "<", ">" }, { "<<", ">>" }, { "+", "-" }, { "*", "/", "%" },
};
#define NLEVELS (sizeof(levels) / sizeof(levels[0]))

static long long apply(struct ar *a, const char *op, long long l, long long r)
{
	unsigned long long ul = (unsigned long long)l, ur = (unsigned long long)r;

	switch (op[0]) {
	case '|': return op[1] ? (l || r) : (l | r);
	case '&': return op[1] ? (l && r) : (l & r);
	case '^': return l ^ r;
	case '=': return l == r;
	case '!': return l != r;
	case '<': return op[1] == '=' ? l <= r : op[1] == '<' ? (long long)(ul << (ur & 63)) : l < r;
	case '>': return op[1] == '=' ? l >= r : op[1] == '>' ? l >> (ur & 63) : l > r;
	case '+': return (long long)(ul + ur);
	case '-': return (long long)(ul - ur);
	case '*': return (long long)(ul * ur);
	case '/': case '%':
		if (r == 0)
			return fail(a, "arithmetic: division by zero");
		if (l == (long long)(1ull << 63) && r == -1)
			return op[0] == '/' ? l : 0;
		return op[0] == '/' ? l / r : l % r;
	}
	return fail(a, "arithmetic: syntax error");
}

static long long expr(struct ar *a, int level)
{
	if ((size_t)level == NLEVELS)
		return primary(a);
	long long l = expr(a, level + 1);
	for (;;) {
		const char *op = NULL;
		for (int i = 0; i < 4 && levels[level][i]; i++)
			if (take(a, levels[level][i])) {
				op = levels[level][i];
				break;
			}
		if (!op || a->failed)
			return l;
		long long r = expr(a, level + 1);
		l = apply(a, op, l, r);
	}
}

int sh_arith(const struct expand_env *env, const char *text, long long *out,
	     char *err, size_t errlen)
{
	struct ar a = { .env = env, .s = text, .err = err, .errlen = errlen };

	*out = expr(&a, 0);
	blanks(&a);
	if (!a.failed && *a.s)
		fail(&a, "arithmetic: syntax error");
	return a.failed ? -1 : 0;
}
