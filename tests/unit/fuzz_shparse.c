/*
 * libFuzzer target for the shell's language (servers/sh: lex.c, parse.c,
 * expand.c, arith.c). The input is a script: parse() must give PARSE_OK,
 * PARSE_INCOMPLETE or PARSE_ERROR (the last two with a message), and on
 * PARSE_OK every word of the tree (command words, assignments,
 * redirection targets, for lists) is expanded, with and without field
 * splitting, against a few variables, and every here-document's body as
 * the shell would (expand_heredoc). A crash, a sanitizer report or a
 * broken rule aborts. Seeds: tests/unit/shparse_seeds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *lookup(void *ctx, const char *name)
{
	(void)ctx;
	if (!strcmp(name, "A")) return "a b";
	if (!strcmp(name, "HOME")) return "/";
	if (!strcmp(name, "?")) return "0";
	return NULL;
}

/* Command substitution faked: its text back (no shell to run it). */
static char *fake_command(void *ctx, const char *text)
{
	size_t n = strlen(text) + 1;
	char *s = malloc(n);

	(void)ctx;
	if (s)
		memcpy(s, text, n);
	return s;
}

static void expand_all(char **w, size_t n)
{
	char *params[] = { "p1", " p 2 " };
	/* No globbing: random patterns would walk the host's disk. */
	struct expand_env env = { lookup, NULL, fake_command, NULL, params, 2, NULL };
	char err[64];

	for (size_t i = 0; i < n; i++) {
		for (int split = 0; split < 2; split++) {
			struct strvec v = { 0 };
			if (expand_word(&env, w[i], split, &v, err, sizeof(err)) && !err[0])
				abort();      /* a failure always says why */
			strvec_free(&v);
		}
	}
}

static void expand_body(const struct redir *r)
{
	char *params[] = { "p1", " p 2 " };
	struct expand_env env = { lookup, NULL, fake_command, NULL, params, 2, NULL };
	char err[64];

	err[0] = 0;
	char *s = expand_heredoc(&env, r->word, err, sizeof(err));
	if (!s && !err[0])
		abort();              /* a failure always says why */
	free(s);
}

static void walk(struct node *n, int depth)
{
	if (!n || depth > 1000)
		return;
	expand_all(n->words, n->nwords);
	expand_all(n->assigns, n->nassigns);
	if (n->list)
		expand_all(n->list, n->nlist);
	for (struct redir *r = n->redirs; r; r = r->next) {
		if (r->op == R_HEREDOC)
			expand_body(r);
		else
			expand_all(&r->word, 1);
	}
	for (size_t i = 0; i < n->ncmds; i++)
		walk(n->cmds[i], depth + 1);
	for (struct case_item *it = n->items; it; it = it->next) {
		expand_all(it->pats, it->npats);
		walk(it->body, depth + 1);
	}
	if (n->var && n->kind == N_CASE)
		expand_all(&n->var, 1);
	walk(n->a, depth + 1);
	walk(n->b, depth + 1);
	walk(n->c, depth + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *src = malloc(size + 1), err[160];
	struct arena a = { 0 };
	struct node *tree;

	if (!src)
		return 0;
	memcpy(src, data, size);
	src[size] = 0;
	enum parse_status st = parse(&a, src, &tree, err, sizeof(err));
	if (st != PARSE_OK && st != PARSE_INCOMPLETE && st != PARSE_ERROR)
		abort();
	if (st != PARSE_OK && !err[0]) {
		fprintf(stderr, "fuzz_shparse: status %d without a message\n", st);
		abort();
	}
	if (st == PARSE_OK)
		walk(tree, 0);
	arena_free(&a);
	free(src);
	return 0;
}
