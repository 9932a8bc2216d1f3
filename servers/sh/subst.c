/*
 * subst.c: command substitution, $(...) and `...`: the text is parsed
 * and run in a subshell (a child without job control) whose standard
 * output is a pipe the shell reads to the end; the child's status is
 * kept in sh.subst_status ($? of a command of assignments alone).
 * Entry point: command_subst(), the expansion context's callback.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

char *command_subst(void *ctx, const char *text)
{
	struct arena a = { 0 };
	struct node *tree;
	char err[160], *buf = NULL;
	size_t n = 0, cap = 0;
	int p[2], ws;

	(void)ctx;
	if (parse(&a, text, &tree, err, sizeof(err)) != PARSE_OK) {
		sh_error("%s", err);
		arena_free(&a);
		sh.subst_status = 2;
		return NULL;
	}
	if (pipe(p) < 0) {
		sh_error("pipe: %s", strerror(errno));
		arena_free(&a);
		return NULL;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		sh_error("fork: %s", strerror(errno));
		close(p[0]);
		close(p[1]);
		arena_free(&a);
		return NULL;
	}
	if (pid == 0) {
		/* A subshell without job control, its output the pipe. */
		jobs_child_signals(false);
		sh.interactive = false;
		sh.forked = true;
		close(p[0]);
		if (p[1] != 1) {
			dup2(p[1], 1);
			close(p[1]);
		}
		int st = tree ? run_node(tree, true) : 0;
		fflush(stdout);
		_exit(st);
	}
	close(p[1]);
	for (;;) {
		if (n + 512 > cap) {
			cap = cap ? cap * 2 : 1024;
			char *b = realloc(buf, cap);
			if (!b)
				break;
			buf = b;
		}
		ssize_t r = read(p[0], buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(p[0]);
	if (buf)
		buf[n] = 0;
	pid_t r;
	do
		r = waitpid(pid, &ws, 0);
	while (r < 0 && errno == EINTR);
	sh.subst_status = r == pid ? status_of(ws) : 1;
	arena_free(&a);
	return buf;
}
