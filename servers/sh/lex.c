/*
 * lex.c: the shell's tokenizer (POSIX XCU 2.3, "Token Recognition").
 * Entry point: lex(). Words keep their quotes and backslashes: expansion
 * (expand.c) needs them to know what was quoted. A word made only of
 * digits right before `<` or `>` is the redirection's descriptor (2>).
 * Comments run from a `#` that starts a word to the end of the line.
 * Here-documents (XCU 2.7.4): at each newline token the bodies of the
 * `<<word` / `<<-word` before it are read, in order, each up to a line
 * that is the word with its quotes removed (`<<-`: leading tabs of
 * every line stripped first), and kept on their T_REDIR token.
 * Host-tested (tests/unit/test_shparse.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Characters that end an unquoted word. */
static int is_meta(char c)
{
	return c == 0 || is_blank(c) || c == '\n' || c == ';' || c == '&' ||
	       c == '|' || c == '<' || c == '>' || c == '(' || c == ')';
}

static struct token *push(struct arena *a, struct lexed *out, enum tok_kind k)
{
	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 32;
		struct token *t = arena_alloc(a, cap * sizeof(*t));
		if (out->n)
			memcpy(t, out->tok, out->n * sizeof(*t));
		out->tok = t;
		out->cap = cap;
	}
	struct token *t = &out->tok[out->n++];
	memset(t, 0, sizeof(*t));
	t->kind = k;
	t->fd = -1;
	return t;
}

/* The redirection operator at *s (`<` or `>` and what follows) into t;
 * *s is moved past it. */
static void redir_op(const char **s, struct token *t)
{
	const char *p = *s;
	char c = p[0], d = p[1];
	enum redir_op op;

	*s = p + 2;
	if (c == '<' && d == '<') {
		op = R_HEREDOC;
		if (p[2] == '-') {
			t->strip = 1;
			*s = p + 3;
		}
	} else if (c == '<' && d == '&') op = R_DUPIN;
	else if (c == '<' && d == '>') op = R_RDWR;
	else if (c == '>' && d == '>') op = R_APPEND;
	else if (c == '>' && d == '&') op = R_DUPOUT;
	else if (c == '>' && d == '|') op = R_OUT;
	else {
		*s = p + 1;
		op = c == '<' ? R_IN : R_OUT;
	}
	t->op = op;
}

/* Does a substitution start at s: ${, $( or a backquote? */
static int subst_at(const char *s)
{
	return (*s == '$' && (s[1] == '{' || s[1] == '(')) || *s == '`';
}

/* Substitutions nest at most this deep (hostile input, the stack). */
#define SUBST_DEPTH 64

static const char *skip_subst(const char *s, int depth)
{
	const char *e;

	if (depth > SUBST_DEPTH)
		return NULL;
	if (*s == '`') {
		for (s++; *s && *s != '`'; s++)
			if (*s == '\\' && s[1])
				s++;
		return *s ? s + 1 : NULL;
	}
	char open = s[1], close = open == '{' ? '}' : ')';
	int level = 0;
	for (s++; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
		} else if (*s == '\'') {
			if (!(e = strchr(s + 1, '\'')))
				return NULL;
			s = e;
		} else if (*s == '"') {
			for (s++; *s && *s != '"'; s++) {
				if (*s == '\\' && s[1]) {
					s++;
				} else if (subst_at(s)) {
					if (!(e = skip_subst(s, depth + 1)))
						return NULL;
					s = e - 1;
				}
			}
			if (!*s)
				return NULL;
		} else if (subst_at(s)) {
			if (!(e = skip_subst(s, depth + 1)))
				return NULL;
			s = e - 1;
		} else if (*s == open) {
			level++;
		} else if (*s == close && --level == 0) {
			return s + 1;
		}
	}
	return NULL;
}

const char *sh_skip_subst(const char *s)
{
	return skip_subst(s, 0);
}

/* What is missing when the substitution at s does not end. */
static const char *subst_open(const char *s)
{
	return *s == '`' ? "unterminated `" : s[1] == '{' ? "missing `}'" : "missing `)'";
}

/* Scan one word from s; returns its end, or NULL if a quote is open. */
static const char *scan_word(const char *s, const char **what)
{
	while (!is_meta(*s)) {
		if (*s == '\\') {
			if (!s[1]) {
				*what = "unexpected end of file after `\\'";
				return NULL;
			}
			s += 2;
		} else if (*s == '\'') {
			const char *e = strchr(s + 1, '\'');
			if (!e) {
				*what = "unterminated quoted string";
				return NULL;
			}
			s = e + 1;
		} else if (*s == '"') {
			for (s++; *s && *s != '"'; s++) {
				if (*s == '\\' && s[1]) {
					s++;
				} else if (subst_at(s)) {
					const char *e = sh_skip_subst(s);
					if (!e) {
						*what = subst_open(s);
						return NULL;
					}
					s = e - 1;
				}
			}
			if (!*s) {
				*what = "unterminated quoted string";
				return NULL;
			}
			s++;
		} else if (subst_at(s)) {
			const char *e = sh_skip_subst(s);
			if (!e) {
				*what = subst_open(s);
				return NULL;
			}
			s = e;
		} else {
			s++;
		}
	}
	return s;
}

/* A here-document's delimiter: w with its quotes removed (arena);
 * *quoted: was any part of it quoted. */
static char *unquote(struct arena *a, const char *w, int *quoted)
{
	char *d = arena_alloc(a, strlen(w) + 1), *o = d;
	char q = 0;

	*quoted = 0;
	for (; *w; w++) {
		if (q) {
			if (*w == q)
				q = 0;
			else if (q == '"' && *w == '\\' && w[1] && strchr("$`\"\\", w[1]))
				*o++ = *++w;
			else
				*o++ = *w;
		} else if (*w == '\'' || *w == '"') {
			q = *w;
			*quoted = 1;
		} else if (*w == '\\' && w[1]) {
			*quoted = 1;
			*o++ = *++w;
		} else {
			*o++ = *w;
		}
	}
	*o = 0;
	return d;
}

/* The body of one here-document from s (a line's start) up to its
 * delimiter line, into t->body; returns where the input goes on, or
 * NULL if it ends first. */
static const char *heredoc_body(struct arena *a, struct token *t,
				const char *delim, const char *s)
{
	size_t dlen = strlen(delim);
	const char *p = s, *end;

	/* Find the delimiter line; end: where the body stops. */
	for (;;) {
		const char *l = p, *nl = strchr(p, '\n');
		if (t->strip)
			while (*l == '\t')
				l++;
		size_t len = nl ? (size_t)(nl - l) : strlen(l);
		if (len == dlen && !memcmp(l, delim, dlen)) {
			end = p;
			p = nl ? nl + 1 : l + len;
			break;
		}
		if (!nl)
			return NULL;
		p = nl + 1;
	}
	char *b = arena_alloc(a, (size_t)(end - s) + 1), *o = b;
	while (s < end) {
		if (t->strip)
			while (*s == '\t')
				s++;
		while (s < end && *s != '\n')
			*o++ = *s++;
		if (s < end)
			*o++ = *s++;
	}
	*o = 0;
	t->body = b;
	return p;
}

/* After a newline token: the bodies of the here-documents among the
 * tokens from *first on; *first moves past them. Returns where the input
 * goes on, or NULL with what is missing (a delimiter line). */
static const char *heredocs(struct arena *a, struct lexed *out, size_t *first,
			    const char *s, const char **missing)
{
	for (size_t i = *first; i < out->n; i++) {
		struct token *t = &out->tok[i];
		if (t->kind != T_REDIR || t->op != R_HEREDOC || t->body)
			continue;
		if (i + 1 >= out->n || out->tok[i + 1].kind != T_WORD)
			continue;      /* `<<' without a word: the parser's error */
		const char *delim = unquote(a, out->tok[i + 1].text, &t->quoted);
		if (!(s = heredoc_body(a, t, delim, s))) {
			*missing = delim;
			return NULL;
		}
	}
	*first = out->n;
	return s;
}

enum parse_status lex(struct arena *a, const char *src, struct lexed *out,
		      char *err, size_t errlen)
{
	const char *s = src, *missing;
	size_t first = 0;          /* tokens before this have their bodies */

	memset(out, 0, sizeof(*out));
	for (;;) {
		while (is_blank(*s) || (*s == '\\' && s[1] == '\n'))
			s += *s == '\\' ? 2 : 1;
		if (!*s)
			break;
		if (*s == '#') {
			while (*s && *s != '\n')
				s++;
			continue;
		}
		char c = *s, d = s[1];
		struct token *t;
		switch (c) {
		case '\n':
			push(a, out, T_NEWLINE);
			if (!(s = heredocs(a, out, &first, s + 1, &missing)))
				goto unterminated;
			continue;
		case ';':
			push(a, out, d == ';' ? T_DSEMI : T_SEMI);
			s += d == ';' ? 2 : 1;
			continue;
		case '&':
			push(a, out, d == '&' ? T_AND_IF : T_AMP);
			s += d == '&' ? 2 : 1;
			continue;
		case '|':
			push(a, out, d == '|' ? T_OR_IF : T_PIPE);
			s += d == '|' ? 2 : 1;
			continue;
		case '(': push(a, out, T_LPAREN); s++; continue;
		case ')': push(a, out, T_RPAREN); s++; continue;
		case '<': case '>':
			t = push(a, out, T_REDIR);
			redir_op(&s, t);
			continue;
		}
		const char *what = NULL;
		const char *e = scan_word(s, &what);
		if (!e) {
			snprintf(err, errlen, "syntax error: %s", what);
			return PARSE_INCOMPLETE;
		}
		/* An all-digit word touching < or > names the descriptor. */
		size_t n = (size_t)(e - s), i = 0;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == n && n <= 4 && (*e == '<' || *e == '>')) {
			t = push(a, out, T_REDIR);
			t->fd = atoi(s);
			s = e;
			redir_op(&s, t);
			continue;
		}
		t = push(a, out, T_WORD);
		t->text = arena_strndup(a, s, n);
		s = e;
	}
	/* A here-document without a newline after it has no body yet. */
	if (!heredocs(a, out, &first, s, &missing))
		goto unterminated;
	push(a, out, T_EOF);
	return PARSE_OK;
unterminated:
	snprintf(err, errlen, "syntax error: here-document without its `%s' line",
		 missing);
	return PARSE_INCOMPLETE;
}
