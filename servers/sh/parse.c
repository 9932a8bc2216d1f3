/*
 * parse.c: the shell grammar (POSIX XCU 2.10) by recursive descent over
 * lex()'s tokens, into the tree of parse.h. Entry point: parse().
 *
 *   list      := and_or ((';' | '&' | newline) and_or)* [';' | '&']
 *   and_or    := pipeline (('&&' | '||') newline* pipeline)*
 *   pipeline  := ['!'] command ('|' newline* command)*
 *   command   := simple | (if | while | until | for | case | '{' | '(')
 *                redirect* | name '(' ')' command
 *
 * Reserved words (if then else elif fi while until do done for in { } !)
 * are recognized only unquoted and where a command starts. Running out of
 * tokens inside a construct is PARSE_INCOMPLETE, anything unexpected
 * PARSE_ERROR; both leave a message. Nesting is bounded (PARSE_DEPTH) so
 * hostile input cannot exhaust the stack.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

#define PARSE_DEPTH 300

/* ---- the arena ---- */
struct arena_block {
	struct arena_block *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

void *arena_alloc(struct arena *a, size_t n)
{
	struct arena_block *b = a->blocks;

	n = (n + 15) & ~(size_t)15;
	if (!b || b->size - b->used < n) {
		size_t size = n > 8192 ? n : 8192;
		b = malloc(sizeof(*b) + size);
		if (!b) {
			fputs("sh: out of memory\n", stderr);
			abort();
		}
		b->size = size;
		b->used = 0;
		b->next = a->blocks;
		a->blocks = b;
	}
	void *p = b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *d = arena_alloc(a, n + 1);
	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

void arena_free(struct arena *a)
{
	while (a->blocks) {
		struct arena_block *b = a->blocks;
		a->blocks = b->next;
		free(b);
	}
}

/* ---- names ---- */
int sh_is_name(const char *s, size_t n)
{
	if (!n || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') ||
		    s[0] == '_'))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

int sh_is_assignment(const char *w)
{
	const char *eq = strchr(w, '=');
	return eq && sh_is_name(w, (size_t)(eq - w));
}

/* ---- the parser ---- */
struct parser {
	struct arena *a;
	struct token *t;
	size_t i, n;
	int depth;
	enum parse_status st;    /* the first error wins */
	char *err;
	size_t errlen;
};

static const char *tok_name(const struct token *t)
{
	switch (t->kind) {
	case T_EOF: return "end of file";
	case T_WORD: return t->text;
	case T_NEWLINE: return "newline";
	case T_SEMI: return ";";
	case T_DSEMI: return ";;";
	case T_AMP: return "&";
	case T_AND_IF: return "&&";
	case T_OR_IF: return "||";
	case T_PIPE: return "|";
	case T_LPAREN: return "(";
	case T_RPAREN: return ")";
	case T_REDIR: break;
	}
	static const char *const ops[] = {
		[R_IN] = "<", [R_OUT] = ">", [R_APPEND] = ">>",
		[R_DUPIN] = "<&", [R_DUPOUT] = ">&", [R_RDWR] = "<>",
		[R_HEREDOC] = "<<",
	};
	return ops[t->op];
}

static struct token *peek(struct parser *p)
{
	return &p->t[p->i];
}

static struct token *next(struct parser *p)
{
	struct token *t = &p->t[p->i];
	if (t->kind != T_EOF)
		p->i++;
	return t;
}

/* Report the token at hand as unexpected (end of input: incomplete). */
static void *fail(struct parser *p)
{
	if (p->st == PARSE_OK) {
		struct token *t = peek(p);
		p->st = t->kind == T_EOF ? PARSE_INCOMPLETE : PARSE_ERROR;
		int bare = t->kind == T_EOF || t->kind == T_NEWLINE;
		snprintf(p->err, p->errlen, "syntax error: unexpected %s%s%s",
			 bare ? "" : "`", tok_name(t), bare ? "" : "'");
	}
	return NULL;
}

/* Is the token at hand the unquoted reserved word w? */
static int is_word(struct parser *p, const char *w)
{
	struct token *t = peek(p);
	return t->kind == T_WORD && !strcmp(t->text, w);
}

static int is_reserved(const char *w)
{
	static const char *const words[] = {
		"if", "then", "else", "elif", "fi", "while", "until", "do",
		"done", "for", "in", "{", "}", "!", "case", "esac",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(w, words[i]))
			return 1;
	return 0;
}

/* Words that end a list inside a compound command. */
static int at_list_end(struct parser *p)
{
	struct token *t = peek(p);
	if (t->kind == T_EOF || t->kind == T_RPAREN || t->kind == T_DSEMI)
		return 1;
	if (t->kind != T_WORD)
		return 0;
	static const char *const ends[] = { "then", "else", "elif", "fi", "do",
					    "done", "}", "esac" };
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		if (!strcmp(t->text, ends[i]))
			return 1;
	return 0;
}

static void skip_newlines(struct parser *p)
{
	while (peek(p)->kind == T_NEWLINE)
		next(p);
}

static int expect_word(struct parser *p, const char *w)
{
	if (!is_word(p, w)) {
		fail(p);
		return 0;
	}
	next(p);
	return 1;
}

static struct node *new_node(struct parser *p, enum node_kind k)
{
	struct node *n = arena_alloc(p->a, sizeof(*n));
	n->kind = k;
	return n;
}

static struct node *parse_list(struct parser *p);

/* Growing arrays in the arena: room for index n at least. */
static void *grow(struct parser *p, void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	size_t nc = *cap ? *cap * 2 : 8;
	while (nc <= n)
		nc *= 2;
	void *nv = arena_alloc(p->a, nc * size);
	if (*cap)
		memcpy(nv, v, *cap * size);
	*cap = nc;
	return nv;
}

/* A redirection: the operator token, then its word (a here-document:
 * the body the lexer hung on the operator stands for it). */
static struct redir *parse_redir(struct parser *p)
{
	struct token *op = next(p);
	struct redir *r = arena_alloc(p->a, sizeof(*r));

	r->op = op->op;
	r->fd = op->fd >= 0 ? op->fd
		: (op->op == R_IN || op->op == R_DUPIN || op->op == R_RDWR ||
		   op->op == R_HEREDOC) ? 0 : 1;
	if (peek(p)->kind != T_WORD)
		return fail(p);
	r->word = next(p)->text;
	if (op->op == R_HEREDOC) {
		r->word = op->body;
		r->quoted = op->quoted;
	}
	return r;
}

static void add_redir(struct redir **list, struct redir *r)
{
	while (*list)
		list = &(*list)->next;
	*list = r;
}

static struct node *parse_simple(struct parser *p)
{
	struct node *n = new_node(p, N_CMD);
	size_t acap = 0, wcap = 0;

	for (;;) {
		struct token *t = peek(p);
		if (t->kind == T_REDIR) {
			struct redir *r = parse_redir(p);
			if (!r)
				return NULL;
			add_redir(&n->redirs, r);
		} else if (t->kind == T_WORD) {
			if (!n->nwords && sh_is_assignment(t->text)) {
				n->assigns = grow(p, n->assigns, n->nassigns, &acap,
						  sizeof(char *));
				n->assigns[n->nassigns++] = t->text;
			} else {
				n->words = grow(p, n->words, n->nwords + 1, &wcap,
						sizeof(char *));
				n->words[n->nwords++] = t->text;
				n->words[n->nwords] = NULL;
			}
			next(p);
		} else {
			break;
		}
	}
	if (!n->nwords && !n->nassigns && !n->redirs)
		return fail(p);
	return n;
}

/* The list of a compound command up to the closing word w. */
static struct node *parse_body(struct parser *p, const char *w)
{
	struct node *b = parse_list(p);
	if (!b)
		return NULL;
	return expect_word(p, w) ? b : NULL;
}

static struct node *parse_if(struct parser *p)
{
	struct node *n = new_node(p, N_IF);

	next(p);   /* if or elif */
	if (!(n->a = parse_body(p, "then")))
		return NULL;
	if (!(n->b = parse_list(p)))
		return NULL;
	if (is_word(p, "elif")) {
		n->c = parse_if(p);
		return n->c ? n : NULL;
	}
	if (is_word(p, "else")) {
		next(p);
		if (!(n->c = parse_list(p)))
			return NULL;
	}
	return expect_word(p, "fi") ? n : NULL;
}

static struct node *parse_loop(struct parser *p)
{
	struct node *n = new_node(p, is_word(p, "while") ? N_WHILE : N_UNTIL);

	next(p);
	if (!(n->a = parse_body(p, "do")) || !(n->b = parse_body(p, "done")))
		return NULL;
	return n;
}

static struct node *parse_for(struct parser *p)
{
	struct node *n = new_node(p, N_FOR);
	size_t cap = 0;

	next(p);
	struct token *v = peek(p);
	if (v->kind != T_WORD || !sh_is_name(v->text, strlen(v->text)))
		return fail(p);
	n->var = next(p)->text;
	skip_newlines(p);
	if (is_word(p, "in")) {
		next(p);
		n->list = arena_alloc(p->a, sizeof(char *));
		while (peek(p)->kind == T_WORD) {
			n->list = grow(p, n->list, n->nlist + 1, &cap, sizeof(char *));
			n->list[n->nlist++] = next(p)->text;
		}
		if (peek(p)->kind != T_SEMI && peek(p)->kind != T_NEWLINE)
			return fail(p);
		next(p);
	} else if (peek(p)->kind == T_SEMI) {
		next(p);
	}
	skip_newlines(p);
	if (!expect_word(p, "do") || !(n->b = parse_body(p, "done")))
		return NULL;
	return n;
}

/* case word in [(]pat[|pat]...) list ;; ... esac */
static struct node *parse_case(struct parser *p)
{
	struct node *n = new_node(p, N_CASE);
	struct case_item **tail = &n->items;

	next(p);
	if (peek(p)->kind != T_WORD)
		return fail(p);
	n->var = next(p)->text;
	skip_newlines(p);
	if (!expect_word(p, "in"))
		return NULL;
	skip_newlines(p);
	while (!is_word(p, "esac")) {
		struct case_item *it = arena_alloc(p->a, sizeof(*it));
		size_t cap = 0;
		if (peek(p)->kind == T_LPAREN)
			next(p);
		for (;;) {
			if (peek(p)->kind != T_WORD)
				return fail(p);
			it->pats = grow(p, it->pats, it->npats, &cap, sizeof(char *));
			it->pats[it->npats++] = next(p)->text;
			if (peek(p)->kind != T_PIPE)
				break;
			next(p);
		}
		if (peek(p)->kind != T_RPAREN)
			return fail(p);
		next(p);
		skip_newlines(p);
		if (!at_list_end(p) && !(it->body = parse_list(p)))
			return NULL;
		*tail = it;
		tail = &it->next;
		if (peek(p)->kind == T_DSEMI) {
			next(p);
			skip_newlines(p);
		} else if (!is_word(p, "esac")) {
			return fail(p);
		}
	}
	next(p);
	return n;
}

static struct node *parse_command(struct parser *p)
{
	struct node *n;
	struct token *t = peek(p);

	if (++p->depth > PARSE_DEPTH) {
		if (p->st == PARSE_OK) {
			p->st = PARSE_ERROR;
			snprintf(p->err, p->errlen, "syntax error: nested too deep");
		}
		return NULL;
	}
	if (t->kind == T_LPAREN) {
		next(p);
		n = new_node(p, N_SUBSHELL);
		if (!(n->a = parse_list(p)))
			return NULL;
		if (peek(p)->kind != T_RPAREN)
			return fail(p);
		next(p);
	} else if (t->kind == T_WORD && is_reserved(t->text)) {
		if (!strcmp(t->text, "if"))
			n = parse_if(p);
		else if (!strcmp(t->text, "while") || !strcmp(t->text, "until"))
			n = parse_loop(p);
		else if (!strcmp(t->text, "for"))
			n = parse_for(p);
		else if (!strcmp(t->text, "case"))
			n = parse_case(p);
		else if (!strcmp(t->text, "{")) {
			next(p);
			n = new_node(p, N_GROUP);
			if (!(n->a = parse_body(p, "}")))
				return NULL;
		} else
			return fail(p);
		if (!n)
			return NULL;
	} else if (t->kind == T_WORD && p->i + 2 < p->n &&
		   p->t[p->i + 1].kind == T_LPAREN && p->t[p->i + 2].kind == T_RPAREN) {
		/* name() compound-command */
		if (!sh_is_name(t->text, strlen(t->text)))
			return fail(p);
		n = new_node(p, N_FUNC);
		n->var = t->text;
		p->i += 3;
		skip_newlines(p);
		struct token *b = peek(p);
		if (b->kind != T_LPAREN && !(b->kind == T_WORD && is_reserved(b->text) &&
					     strcmp(b->text, "!") && strcmp(b->text, "}")))
			return fail(p);
		if (!(n->a = parse_command(p)))
			return NULL;
		p->depth--;
		return n;
	} else {
		p->depth--;
		return parse_simple(p);
	}
	/* Redirections after a compound command apply to all of it. */
	while (peek(p)->kind == T_REDIR) {
		struct redir *r = parse_redir(p);
		if (!r)
			return NULL;
		add_redir(&n->redirs, r);
	}
	p->depth--;
	return n;
}

static struct node *parse_pipeline(struct parser *p)
{
	int negate = 0;
	size_t cap = 0;

	if (is_word(p, "!")) {
		next(p);
		negate = 1;
	}
	struct node *first = parse_command(p);
	if (!first)
		return NULL;
	struct node *n = first;
	if (peek(p)->kind == T_PIPE) {
		n = new_node(p, N_PIPE);
		n->cmds = grow(p, NULL, 0, &cap, sizeof(struct node *));
		n->cmds[n->ncmds++] = first;
		while (peek(p)->kind == T_PIPE) {
			next(p);
			skip_newlines(p);
			struct node *c = parse_command(p);
			if (!c)
				return NULL;
			n->cmds = grow(p, n->cmds, n->ncmds, &cap, sizeof(struct node *));
			n->cmds[n->ncmds++] = c;
		}
	}
	if (negate) {
		struct node *x = new_node(p, N_NOT);
		x->a = n;
		n = x;
	}
	return n;
}

static struct node *parse_and_or(struct parser *p)
{
	struct node *n = parse_pipeline(p);

	while (n && (peek(p)->kind == T_AND_IF || peek(p)->kind == T_OR_IF)) {
		struct node *x = new_node(p, next(p)[0].kind == T_AND_IF ? N_AND : N_OR);
		skip_newlines(p);
		x->a = n;
		if (!(x->b = parse_pipeline(p)))
			return NULL;
		n = x;
	}
	return n;
}

/* and_or's separated by ; & and newlines, until a word that closes a
 * compound command, `)` or the end. An empty list is an error (`if
 * then`); the caller of the top level allows it. */
static struct node *parse_list(struct parser *p)
{
	struct node *list = NULL;

	skip_newlines(p);
	if (++p->depth > PARSE_DEPTH) {
		if (p->st == PARSE_OK) {
			p->st = PARSE_ERROR;
			snprintf(p->err, p->errlen, "syntax error: nested too deep");
		}
		return NULL;
	}
	while (!at_list_end(p)) {
		struct node *n = parse_and_or(p);
		if (!n)
			return NULL;
		struct token *t = peek(p);
		if (t->kind == T_AMP) {
			struct node *bg = new_node(p, N_BG);
			bg->a = n;
			n = bg;
		}
		if (!list) {
			list = n;
		} else {
			struct node *s = new_node(p, N_SEQ);
			s->a = list;
			s->b = n;
			list = s;
		}
		if (t->kind == T_AMP || t->kind == T_SEMI || t->kind == T_NEWLINE) {
			next(p);
			skip_newlines(p);
		} else if (!at_list_end(p)) {
			return fail(p);
		}
	}
	p->depth--;
	if (!list)
		return fail(p);
	return list;
}

enum parse_status parse(struct arena *a, const char *src, struct node **out,
			char *err, size_t errlen)
{
	struct lexed lx;
	struct parser p = { .a = a, .err = err, .errlen = errlen };
	enum parse_status st;

	*out = NULL;
	if (errlen)
		err[0] = 0;
	if ((st = lex(a, src, &lx, err, errlen)) != PARSE_OK)
		return st;
	p.t = lx.tok;
	p.n = lx.n;
	skip_newlines(&p);
	if (peek(&p)->kind == T_EOF)
		return PARSE_OK;          /* nothing to run */
	struct node *n = parse_list(&p);
	if (n && peek(&p)->kind != T_EOF)
		fail(&p);                 /* a stray `fi', `)', `done'... */
	if (p.st != PARSE_OK)
		return p.st;
	*out = n;
	return PARSE_OK;
}
