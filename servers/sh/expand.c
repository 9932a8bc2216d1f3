/*
 * expand.c: word expansion (POSIX XCU 2.6) of a word as the lexer kept
 * it: tilde, parameters, command substitution (through the context's
 * callback), arithmetic (arith.c), field splitting, pathname expansion
 * (through the context's callback: glob.c), quote removal. Entry points:
 * expand_word(), expand_one(). The shell's variables are reached only
 * through expand_env's lookup, so this file is host-tested too.
 *
 * Fields are built byte by byte with a mark for each byte: from an
 * unquoted expansion (only those split on IFS), unquoted (only those
 * are pattern characters). "$@" makes one field
 * per positional parameter even inside double quotes.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

void strvec_push(struct strvec *s, char *str)
{
	if (s->n + 1 >= s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		char **v = realloc(s->v, cap * sizeof(char *));
		if (!v) {
			fputs("sh: out of memory\n", stderr);
			abort();
		}
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = str;
	s->v[s->n] = NULL;
}

void strvec_free(struct strvec *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

/* The field being built: its bytes, which of them may split, and
 * whether anything (even an empty quoted string) made it exist. */
struct field {
	char *buf;
	char *split;         /* 1: from an unquoted expansion */
	size_t n, cap;
	int exists;
};

struct exp {
	const struct expand_env *env;
	int split;           /* field splitting at all (not for assignments) */
	int pattern;         /* a case pattern: quoted bytes escaped */
	struct field f;
	struct strvec *out;
	char *err;
	size_t errlen;
};

/* What a byte of a field may still become: split on IFS (it came from
 * an unquoted expansion), a pattern character (it was not quoted). add()
 * takes 0 (quoted), 1 (an unquoted expansion: both) or MARK_GLOB (an
 * unquoted byte of the word itself). */
#define MARK_SPLIT 1
#define MARK_GLOB  2

static void add(struct exp *x, char c, int splittable)
{
	struct field *f = &x->f;
	if (f->n + 1 >= f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;
		f->buf = realloc(f->buf, cap);
		f->split = realloc(f->split, cap);
		if (!f->buf || !f->split) {
			fputs("sh: out of memory\n", stderr);
			abort();
		}
		f->cap = cap;
	}
	f->buf[f->n] = c;
	f->split[f->n++] = (char)(splittable == 1 ? MARK_SPLIT | MARK_GLOB : splittable);
	f->exists = 1;
}

static void add_str(struct exp *x, const char *s, int splittable)
{
	while (*s)
		add(x, *s++, splittable);
}

/* The field as a pattern: what was quoted (and every backslash)
 * escaped. malloc'ed. */
static char *escaped(const struct field *f)
{
	char *pat = malloc(2 * f->n + 1);
	size_t k = 0;

	if (!pat)
		abort();
	for (size_t i = 0; i < f->n; i++) {
		char c = f->buf[i];
		if (c == '\\' || (!(f->split[i] & MARK_GLOB) && c && strchr("*?[", c)))
			pat[k++] = '\\';
		pat[k++] = c;
	}
	pat[k] = 0;
	return pat;
}

/* If the field has an unquoted *, ? or [, its pathname expansion: the
 * matches appended to out, true; false if none (the field stays). */
static bool glob_field(struct exp *x)
{
	struct field *f = &x->f;
	bool active = false;

	if (!x->split || !x->env->glob)
		return false;
	for (size_t i = 0; i < f->n && !active; i++)
		active = (f->split[i] & MARK_GLOB) && strchr("*?[", f->buf[i]) && f->buf[i];
	if (!active)
		return false;
	char *pat = escaped(f);
	size_t found = x->env->glob(x->env->ctx, pat, x->out);
	free(pat);
	return found > 0;
}

/* End the field at hand (if it exists) and start a new one. */
static void end_field(struct exp *x)
{
	struct field *f = &x->f;
	if (!f->exists)
		return;
	if (glob_field(x)) {
		f->n = 0;
		f->exists = 0;
		return;
	}
	if (x->pattern) {
		strvec_push(x->out, escaped(f));
		f->n = 0;
		f->exists = 0;
		return;
	}
	char *s = malloc(f->n + 1);
	if (!s) {
		fputs("sh: out of memory\n", stderr);
		abort();
	}
	if (f->n)
		memcpy(s, f->buf, f->n);
	s[f->n] = 0;
	strvec_push(x->out, s);
	f->n = 0;
	f->exists = 0;
}

static const char *ifs_of(const struct exp *x)
{
	return x->env->ifs ? x->env->ifs : " \t\n";
}

/* Split the finished bytes of the field at its splittable IFS bytes
 * (POSIX: IFS white space runs are one separator, and leading and
 * trailing ones make no field). */
static void split_field(struct exp *x)
{
	struct field *f = &x->f;
	const char *ifs = ifs_of(x);
	struct field whole = *f;

	memset(f, 0, sizeof(*f));
	for (size_t i = 0; i < whole.n; i++) {
		char c = whole.buf[i];
		if (!(whole.split[i] & MARK_SPLIT) || !c || !strchr(ifs, c)) {
			add(x, c, whole.split[i] & MARK_GLOB);
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n') {
			end_field(x);
		} else {
			/* A non-white separator ends a field even if empty. */
			f->exists = 1;
			end_field(x);
		}
	}
	/* A quoted empty string ("") is a field of its own. */
	if (!whole.n && whole.exists)
		f->exists = 1;
	free(whole.buf);
	free(whole.split);
}

static const char *lookup(struct exp *x, const char *name)
{
	return x->env->lookup(x->env->ctx, name);
}

/* One parameter's value by name (specials included); NULL: unset. */
static const char *param(struct exp *x, const char *name, char *tmp, size_t tmplen)
{
	const struct expand_env *e = x->env;

	if (name[0] >= '1' && name[0] <= '9') {
		size_t i = (size_t)strtoul(name, NULL, 10);
		return i <= e->nparams ? e->params[i - 1] : NULL;
	}
	if (!strcmp(name, "#")) {
		snprintf(tmp, tmplen, "%zu", e->nparams);
		return tmp;
	}
	return lookup(x, name);
}

/* $@ and $*: each positional parameter. Quoted "$@" gives a field each;
 * quoted "$*" one field joined with IFS's first byte; unquoted, both
 * give each one subject to splitting. */
static void add_all(struct exp *x, int quoted, int star)
{
	const struct expand_env *e = x->env;
	for (size_t i = 0; i < e->nparams; i++) {
		if (i) {
			if (quoted && star) {
				if (ifs_of(x)[0])
					add(x, ifs_of(x)[0], 0);
			} else if (quoted) {
				end_field(x);
				x->f.exists = 1;
			} else {
				add(x, ' ', 1);
			}
		}
		add_str(x, e->params[i], !quoted);
	}
	if (quoted && !star && e->nparams == 0)
		return;
	if (quoted)
		x->f.exists = 1;
}

/* A word inside ${name:-word}: expanded as a word of its own, without
 * splitting (a simplification: POSIX splits it if unquoted). */
static int expand_inner(struct exp *x, const char *w, size_t n, int quoted)
{
	char *copy = malloc(n + 1);
	struct strvec v = { 0 };
	int r;

	if (!copy)
		abort();
	memcpy(copy, w, n);
	copy[n] = 0;
	r = expand_word(x->env, copy, 0, &v, x->err, x->errlen);
	free(copy);
	if (!r && v.n)
		add_str(x, v.v[0], !quoted);
	strvec_free(&v);
	return r;
}

/* A command substitution's text (copied, n bytes) run; its output less
 * its trailing newlines added. backquoted: \$ \` \\ lose their backslash
 * first, as inside backquotes. */
static int command(struct exp *x, const char *text, size_t n, int quoted,
		   int backquoted)
{
	char *t = malloc(n + 1), *out;
	size_t k = 0;

	if (!t)
		abort();
	for (size_t i = 0; i < n; i++) {
		if (backquoted && text[i] == '\\' && i + 1 < n &&
		    strchr("$`\\", text[i + 1]))
			i++;
		t[k++] = text[i];
	}
	t[k] = 0;
	if (!x->env->command) {
		free(t);
		snprintf(x->err, x->errlen, "command substitution not available");
		return -1;
	}
	out = x->env->command(x->env->ctx, t);
	free(t);
	if (out) {
		size_t len = strlen(out);
		while (len && out[len - 1] == '\n')
			out[--len] = 0;
		add_str(x, out, !quoted);
		free(out);
	}
	return 0;
}

/* $((text)): the text expanded (parameters, substitutions), evaluated. */
static int arith(struct exp *x, const char *text, size_t n, int quoted)
{
	char *t = malloc(n + 1), *e, num[32];
	long long v;

	if (!t)
		abort();
	memcpy(t, text, n);
	t[n] = 0;
	e = expand_one(x->env, t, x->err, x->errlen);
	free(t);
	if (!e)
		return -1;
	int r = sh_arith(x->env, e, &v, x->err, x->errlen);
	free(e);
	if (r)
		return -1;
	snprintf(num, sizeof(num), "%lld", v);
	add_str(x, num, !quoted);
	return 0;
}

/* A parameter expansion at s (just after `$`); returns the bytes used,
 * or -1 on a bad substitution. A `$` followed by nothing it can name is
 * kept as it is. */
static long dollar(struct exp *x, const char *s, int quoted)
{
	char name[64], tmp[32];
	const char *v;

	if (*s == '(') {
		const char *e = sh_skip_subst(s - 1);
		if (!e) {
			snprintf(x->err, x->errlen, "missing `)'");
			return -1;
		}
		size_t n = (size_t)(e - s);
		int r;
		/* $((...)) unless it is $( (a) ), a subshell. */
		if (s[1] == '(' && n >= 4 && e[-2] == ')')
			r = arith(x, s + 2, n - 4, quoted);
		else
			r = command(x, s + 1, n - 2, quoted, 0);
		return r ? -1 : (long)n;
	}
	if (*s == '{') {
		const char *p = s + 1;
		int length = 0;
		size_t n = 0;
		if (*p == '#' && p[1] != '}') {
			length = 1;
			p++;
		}
		if (strchr("?$!#@*0123456789-", *p) && *p) {
			name[n++] = *p++;
			while (name[0] >= '0' && name[0] <= '9' && *p >= '0' &&
			       *p <= '9' && n < sizeof(name) - 1)
				name[n++] = *p++;
		} else {
			while (n < sizeof(name) - 1 && (((*p | 32) >= 'a' && (*p | 32) <= 'z') ||
			       *p == '_' || (n && *p >= '0' && *p <= '9')))
				name[n++] = *p++;
		}
		name[n] = 0;
		/* The operator and word, up to the matching brace. */
		const char *op = p;
		int depth = 1;
		const char *q = p;
		for (; *q; q++) {
			if (*q == '\\' && q[1])
				q++;
			else if (*q == '\'' && !quoted) {
				const char *e = strchr(q + 1, '\'');
				if (e)
					q = e;
			} else if (*q == '{')
				depth++;
			else if (*q == '}' && --depth == 0)
				break;
		}
		if (!n || !*q || (length && op != q)) {
			snprintf(x->err, x->errlen, "bad substitution");
			return -1;
		}
		if (!strcmp(name, "@") || !strcmp(name, "*")) {
			if (op != q) {
				snprintf(x->err, x->errlen, "bad substitution");
				return -1;
			}
			add_all(x, quoted, name[0] == '*');
			return q + 1 - s;
		}
		v = param(x, name, tmp, sizeof(tmp));
		if (length) {
			snprintf(tmp, sizeof(tmp), "%zu", v ? strlen(v) : 0);
			add_str(x, tmp, !quoted);
			return q + 1 - s;
		}
		if (op == q) {
			if (v)
				add_str(x, v, !quoted);
			return q + 1 - s;
		}
		int colon = *op == ':';
		if (colon)
			op++;
		const char *word = op + 1;
		int unset = !v || (colon && !*v);
		switch (*op) {
		case '-':
			if (unset) {
				if (expand_inner(x, word, (size_t)(q - word), quoted))
					return -1;
			} else {
				add_str(x, v, !quoted);
			}
			break;
		case '+':
			if (!unset && expand_inner(x, word, (size_t)(q - word), quoted))
				return -1;
			break;
		default:
			snprintf(x->err, x->errlen, "bad substitution");
			return -1;
		}
		return q + 1 - s;
	}
	if (*s && strchr("?$!#0123456789-", *s)) {
		name[0] = *s;
		name[1] = 0;
		v = param(x, name, tmp, sizeof(tmp));
		if (v)
			add_str(x, v, !quoted);
		return 1;
	}
	if (*s == '@' || *s == '*') {
		add_all(x, quoted, *s == '*');
		return 1;
	}
	size_t n = 0;
	while (n < sizeof(name) - 1 && (((s[n] | 32) >= 'a' && (s[n] | 32) <= 'z') ||
	       s[n] == '_' || (n && s[n] >= '0' && s[n] <= '9'))) {
		name[n] = s[n];
		n++;
	}
	if (!n) {
		add(x, '$', 0);
		return 0;
	}
	name[n] = 0;
	if ((v = lookup(x, name)))
		add_str(x, v, !quoted);
	return (long)n;
}

/* `...` at *s: run it, move *s past it. */
static int backquote(struct exp *x, const char **s, int quoted)
{
	const char *e = sh_skip_subst(*s);

	if (!e) {
		snprintf(x->err, x->errlen, "unterminated `");
		return -1;
	}
	int r = command(x, *s + 1, (size_t)(e - *s) - 2, quoted, 1);
	*s = e;
	return r;
}

static int expand(const struct expand_env *env, const char *w, int split,
		  int pattern, struct strvec *out, char *err, size_t errlen);

/* The fields in one malloc'ed string, joined with blanks ("$@" may
 * make several where one is wanted). */
static char *join_fields(const struct strvec *v)
{
	size_t len = 1;
	char *s;

	for (size_t i = 0; i < v->n; i++)
		len += strlen(v->v[i]) + 1;
	if (!(s = malloc(len)))
		abort();
	s[0] = 0;
	for (size_t i = 0; i < v->n; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, v->v[i]);
	}
	return s;
}

/* The inside of double quotes from *s up to the closing `"` (left at
 * *s), or a here-document's body (heredoc: to the end, `"` ordinary). */
static int dquoted(struct exp *x, const char **sp, int heredoc)
{
	const char *s = *sp;
	const char *esc = heredoc ? "$`\\\n" : "$`\"\\\n";
	int rc = 0;

	while (*s && (heredoc || *s != '"')) {
		if (*s == '\\' && s[1] && strchr(esc, s[1])) {
			if (s[1] != '\n')
				add(x, s[1], 0);
			s += 2;
		} else if (*s == '$') {
			long n = dollar(x, s + 1, 1);
			if (n < 0) {
				rc = -1;
				break;
			}
			s += 1 + n;
		} else if (*s == '`') {
			if (backquote(x, &s, 1)) {
				rc = -1;
				break;
			}
		} else {
			add(x, *s++, 0);
		}
	}
	*sp = s;
	return rc;
}

char *expand_heredoc(const struct expand_env *env, const char *body,
		     char *err, size_t errlen)
{
	struct strvec v = { 0 };
	struct exp x = { .env = env, .out = &v, .err = err, .errlen = errlen };
	const char *s = body;
	char *r = NULL;

	if (dquoted(&x, &s, 1) == 0) {
		x.f.exists = 1;
		end_field(&x);
		r = join_fields(&v);
	}
	free(x.f.buf);
	free(x.f.split);
	strvec_free(&v);
	return r;
}

int expand_word(const struct expand_env *env, const char *w, int split,
		struct strvec *out, char *err, size_t errlen)
{
	return expand(env, w, split, 0, out, err, errlen);
}

char *expand_pattern(const struct expand_env *env, const char *w, char *err,
		     size_t errlen)
{
	struct strvec v = { 0 };
	char *s = NULL;

	if (expand(env, w, 0, 1, &v, err, errlen) == 0 && v.n) {
		s = v.v[0];
		v.v[0] = NULL;
		for (size_t i = 1; i < v.n; i++)
			free(v.v[i]);
		free(v.v);
	} else {
		strvec_free(&v);
	}
	return s;
}

static int expand(const struct expand_env *env, const char *w, int split,
		  int pattern, struct strvec *out, char *err, size_t errlen)
{
	struct exp x = { .env = env, .split = split, .pattern = pattern, .out = out,
			 .err = err, .errlen = errlen };
	const char *s = w;
	int rc = 0;

	/* ~ or ~/...: HOME. (~user: no user database; kept as written.) */
	if (s[0] == '~' && (s[1] == 0 || s[1] == '/')) {
		const char *home = lookup(&x, "HOME");
		if (home) {
			add_str(&x, home, 0);
			x.f.exists = 1;
			s++;
		}
	}
	while (*s) {
		char c = *s;
		if (c == '\\') {
			if (s[1])
				add(&x, s[1], 0);
			s += s[1] ? 2 : 1;
		} else if (c == '\'') {
			const char *e = strchr(s + 1, '\'');
			if (!e)
				e = s + strlen(s);
			x.f.exists = 1;
			for (s++; s < e; s++)
				add(&x, *s, 0);
			if (*s)
				s++;
		} else if (c == '"') {
			/* Quotes make a field, even empty, except "$@". */
			if (strncmp(s, "\"$@\"", 4) && strncmp(s, "\"${@}\"", 6))
				x.f.exists = 1;
			s++;
			if (dquoted(&x, &s, 0)) {
				rc = -1;
				goto out;
			}
			if (*s)
				s++;
		} else if (c == '$') {
			long n = dollar(&x, s + 1, 0);
			if (n < 0) {
				rc = -1;
				goto out;
			}
			s += 1 + n;
		} else if (c == '`') {
			if (backquote(&x, &s, 0)) {
				rc = -1;
				goto out;
			}
		} else {
			add(&x, c, MARK_GLOB);
			s++;
		}
	}
	if (split)
		split_field(&x);
	else if (!x.f.exists)
		x.f.exists = 1;          /* an assignment's empty value */
	end_field(&x);
out:
	free(x.f.buf);
	free(x.f.split);
	return rc;
}

char *expand_one(const struct expand_env *env, const char *w, char *err,
		 size_t errlen)
{
	struct strvec v = { 0 };
	char *s = NULL;

	if (expand_word(env, w, 0, &v, err, errlen) == 0) {
		s = join_fields(&v);
	}
	strvec_free(&v);
	return s;
}
