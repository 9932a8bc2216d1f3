/*
 * func.c: shell functions (POSIX XCU 2.9.5): `name() compound-command`
 * defines one; calling it runs the body in this shell with the call's
 * arguments as $1.., and `return [n]` ends it. A definition keeps the
 * tree it came in (its arena is not freed: sh.keep_tree), so a body
 * outlives the command line that defined it. Entry points: func_define,
 * func_find, func_call, and the return builtin.
 */
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct func {
	char *name;
	struct node *body;
	struct func *next;
};

static struct func *funcs;

void func_define(const char *name, struct node *body)
{
	struct func *f;

	for (f = funcs; f; f = f->next)
		if (!strcmp(f->name, name))
			break;
	if (!f) {
		f = calloc(1, sizeof(*f));
		if (!f || !(f->name = strdup(name))) {
			sh_error("out of memory");
			free(f);
			return;
		}
		f->next = funcs;
		funcs = f;
	}
	f->body = body;
	sh.keep_tree = true;
}

struct node *func_find(const char *name)
{
	for (struct func *f = funcs; f; f = f->next)
		if (!strcmp(f->name, name))
			return f->body;
	return NULL;
}

void func_unset(const char *name)
{
	for (struct func **p = &funcs; *p; p = &(*p)->next) {
		if (!strcmp((*p)->name, name)) {
			struct func *f = *p;
			*p = f->next;
			free(f->name);
			free(f);
			return;
		}
	}
}

int func_call(struct node *body, char **argv)
{
	char **saved = sh.params;
	size_t nsaved = sh.nparams, n = 0;
	int depth = sh.loop_depth;

	while (argv[1 + n])
		n++;
	sh.params = NULL;
	sh.nparams = 0;
	params_set(argv + 1, n);
	sh.func_depth++;
	sh.loop_depth = 0;          /* break does not leave the function */
	int st = run_node(body, false);
	if (sh.returning) {
		sh.returning = false;
		st = sh.status;
	}
	sh.loop_depth = depth;
	sh.func_depth--;
	params_set(NULL, 0);
	sh.params = saved;
	sh.nparams = nsaved;
	return st;
}

/* return [n]: end the function (or . script) with n, or with $?. */
int builtin_return(char **argv)
{
	int st = sh.status;

	if (argv[1]) {
		char *end;
		long v = strtol(argv[1], &end, 10);
		if (!*argv[1] || *end) {
			sh_error("return: %s: numeric argument required", argv[1]);
			v = 2;
		}
		st = (int)(v & 0xff);
	}
	if (!sh.func_depth) {
		sh_error("return: can only `return' from a function or a . script");
		return 1;
	}
	sh.status = st;
	sh.returning = true;
	return st;
}
