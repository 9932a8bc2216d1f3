/*
 * exec.c: running a syntax tree. Entry points: run(), run_node(),
 * exec_command() (redirections are redir.c's, $(...) subst.c's, job
 * texts jobs.c's).
 *
 * A simple command is expanded, then either changes the shell's own
 * variables (assignments alone), runs a builtin in the shell (its
 * redirections undone afterwards), or runs a program in a child: fork,
 * the child's own process group and default signals (jobs.c), the
 * redirections, exec with PATH search. A pipeline forks one child per
 * command, joined by pipes, all in one process group (the first child's
 * pid); the shell waits for them all and takes the last one's status.
 * `&` starts the same without waiting and records the job.
 *
 * set -x writes each simple command, expanded, to stderr after $PS4
 * (`+ ` by default) before it runs. set -e ends the shell (sh_exit, so
 * the EXIT trap runs) when a simple command, a pipeline or a subshell
 * fails, except where POSIX says -e is ignored: the condition of if,
 * elif, while and until, a command under `!', and all but the last of
 * an && || list (sh.no_errexit counts those contexts, functions called
 * there included). The actions of trapped signals run after each
 * command (trap.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

void sh_error(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = snprintf(buf, sizeof(buf), "sh: ");
	n += vsnprintf(buf + n, sizeof(buf) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 2)
		n = (int)sizeof(buf) - 2;
	buf[n++] = '\n';
	fflush(stdout);
	/* One write, so that the line is not split among other output. */
	(void)!write(2, buf, (size_t)n);
}

int status_of(int ws)
{
	if (WIFEXITED(ws))
		return WEXITSTATUS(ws);
	if (WIFSIGNALED(ws))
		return 128 + WTERMSIG(ws);
	if (WIFSTOPPED(ws))
		return 128 + WSTOPSIG(ws);
	return 1;
}

/* ---- programs ---- */

_Noreturn void exec_command(char **argv, char **envp)
{
	const char *name = argv[0];
	char path[PATH_MAX];
	int err = ENOENT;

	if (strchr(name, '/')) {
		execve(name, argv, envp);
		err = errno;
		snprintf(path, sizeof(path), "%s", name);
	} else {
		const char *p = var_get("PATH");
		if (!p)
			p = "/bin:/sbin";
		for (;;) {
			const char *end = strchrnul(p, ':');
			int n = snprintf(path, sizeof(path), "%.*s%s%s", (int)(end - p), p,
					 end == p ? "" : "/", name);
			if (n > 0 && (size_t)n < sizeof(path)) {
				execve(path, argv, envp);
				if (errno != ENOENT && errno != ENOTDIR) {
					err = errno;
					break;
				}
			}
			if (!*end)
				break;
			p = end + 1;
		}
	}
	if (err == ENOEXEC) {
		/* Not a program and no #!: a script for the shell (POSIX). */
		size_t n = 0;
		while (argv[n])
			n++;
		char **v = calloc(n + 2, sizeof(char *));
		if (v) {
			v[0] = "sh";
			v[1] = path;
			for (size_t i = 1; i <= n; i++)
				v[i + 1] = argv[i];
			execve("/bin/sh", v, envp);
		}
	}
	struct stat st;
	if (strchr(name, '/') && stat(name, &st) == 0 && S_ISDIR(st.st_mode))
		err = EISDIR;     /* procsrv says ENOENT: no program there */
	if (err == ENOENT) {
		sh_error("%s: not found", name);
		_exit(127);
	}
	sh_error("%s: %s", name, strerror(err));
	_exit(err == EACCES || err == ENOEXEC || err == EISDIR ? 126 : 127);
}


/* Expand a command's words into argv. Returns -1 on a bad substitution. */
static int expand_words(char **words, size_t n, struct strvec *out)
{
	struct expand_env env;
	char err[128];

	vars_expand_env(&env);
	for (size_t i = 0; i < n; i++) {
		if (expand_word(&env, words[i], 1, out, err, sizeof(err))) {
			sh_error("%s: %s", words[i], err);
			return -1;
		}
	}
	return 0;
}

/* NAME=value words, expanded, into out as NAME=value strings. */
static int expand_assigns(char **assigns, size_t n, struct strvec *out)
{
	struct expand_env env;
	char err[128];

	vars_expand_env(&env);
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(assigns[i], '=');
		char *v = expand_one(&env, eq + 1, err, sizeof(err));
		if (!v) {
			sh_error("%s: %s", assigns[i], err);
			return -1;
		}
		size_t k = (size_t)(eq - assigns[i]);
		char *s = malloc(k + strlen(v) + 2);
		if (!s)
			exit(2);
		memcpy(s, assigns[i], k + 1);
		strcpy(s + k + 1, v);
		free(v);
		strvec_push(out, s);
	}
	return 0;
}

static void set_assigns(struct strvec *as)
{
	for (size_t i = 0; i < as->n; i++) {
		char *eq = strchr(as->v[i], '=');
		*eq = 0;
		var_set(as->v[i], eq + 1, 0);
		*eq = '=';
	}
}

/* Start a child: its process group (pgid 0: its own), signals, and
 * the terminal when it is the foreground job of an interactive shell.
 * Returns the pid in the parent, 0 in the child, -1 on failure. */
static pid_t start_child(pid_t pgid, bool background)
{
	pid_t pid = fork();

	if (pid < 0) {
		sh_error("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		sh.forked = true;
		if (sh.interactive) {
			pid_t me = getpid();
			setpgid(0, pgid ? pgid : me);
			if (!background)
				(void)tcsetpgrp(0, pgid ? pgid : me);
		}
		jobs_child_signals(background);
		if (background && !sh.interactive) {
			/* POSIX: a background job without job control reads
			 * /dev/null, not the shell's input. */
			int fd = open("/dev/null", O_RDONLY);
			if (fd > 0) {
				dup2(fd, 0);
				close(fd);
			}
		}
		return 0;
	}
	if (sh.interactive)
		setpgid(pid, pgid ? pgid : pid);   /* both sides: no race */
	return pid;
}

/* set -x: the command as it will run, after $PS4 (expanded, as POSIX
 * asks), in one write. */
static void xtrace(struct strvec *as, struct strvec *argv)
{
	struct expand_env env;
	char err[128], *line;
	const char *raw = var_get("PS4");
	static bool busy;     /* a $(...) in PS4 is not traced: no loop */

	if (busy)
		return;
	vars_expand_env(&env);
	busy = true;
	char *ps4 = raw ? expand_one(&env, raw, err, sizeof(err)) : NULL;
	busy = false;
	size_t len = strlen(ps4 ? ps4 : "+ ") + 2;

	for (size_t i = 0; i < as->n; i++)
		len += strlen(as->v[i]) + 1;
	for (size_t i = 0; i < argv->n; i++)
		len += strlen(argv->v[i]) + 1;
	if (!(line = malloc(len))) {
		free(ps4);
		return;
	}
	strcpy(line, ps4 ? ps4 : "+ ");
	free(ps4);
	for (size_t i = 0; i < as->n + argv->n; i++) {
		if (i)
			strcat(line, " ");
		strcat(line, i < as->n ? as->v[i] : argv->v[i - as->n]);
	}
	strcat(line, "\n");
	fflush(stdout);
	(void)!write(2, line, strlen(line));
	free(line);
}

static int run_simple(struct node *n, bool forked, bool background)
{
	struct strvec argv = { 0 }, as = { 0 };
	int status = 0;

	sh.subst_status = -1;
	if (expand_words(n->words, n->nwords, &argv) ||
	    expand_assigns(n->assigns, n->nassigns, &as)) {
		status = 1;
		goto out;
	}
	if (sh.xtrace && (argv.n || as.n))
		xtrace(&as, &argv);
	if (!argv.n) {
		/* Assignments alone; redirections still happen (and are
		 * undone): `> file` makes the file. */
		struct saved_fd *save = NULL;
		set_assigns(&as);
		if (sh.subst_status >= 0)
			status = sh.subst_status;   /* x=$(false): $? is 1 */
		if (redir_apply(n->redirs, &save))
			status = 1;
		redir_restore(save);
		goto out;
	}
	struct node *func = func_find(argv.v[0]);
	if (func) {
		struct saved_fd *save = NULL;
		set_assigns(&as);
		if (background) {
			/* In a subshell of its own, as any compound job. */
			char text[128];
			pid_t pid = start_child(0, true);
			if (pid == 0) {
				if (redir_apply(n->redirs, NULL))
					_exit(1);
				_exit(func_call(func, argv.v));
			}
			if (pid > 0) {
				node_text(n, text, sizeof(text));
				sh.last_bg = pid;
				job_add(pid, &pid, 1, text, true);
			}
			status = pid > 0 ? 0 : 2;
		} else if (redir_apply(n->redirs, forked ? NULL : &save)) {
			status = 1;
		} else {
			status = func_call(func, argv.v);
		}
		redir_restore(save);
		goto out;
	}
	builtin_fn b = background ? NULL : builtin_find(argv.v[0]);
	if (b) {
		struct saved_fd *save = NULL;
		if (builtin_is_special(argv.v[0]))
			set_assigns(&as);
		/* exec's redirections stay: they are what it is for. */
		bool keep = forked || !strcmp(argv.v[0], "exec");
		if (redir_apply(n->redirs, keep ? NULL : &save)) {
			status = 1;
		} else {
			status = b(argv.v);
			fflush(stdout);
		}
		redir_restore(save);
		goto out;
	}
	if (!forked) {
		char text[128];
		pid_t pid = start_child(0, background);
		if (pid < 0) {
			status = 2;
			goto out;
		}
		if (pid > 0) {
			node_text(n, text, sizeof(text));
			if (background) {
				sh.last_bg = pid;
				job_add(pid, &pid, 1, text, true);
				status = 0;
			} else {
				status = job_wait_fg(pid, &pid, 1, text);
			}
			goto out;
		}
	}
	/* In the child. */
	if (redir_apply(n->redirs, NULL))
		_exit(1);
	exec_command(argv.v, vars_environ(as.v, as.n));
out:
	strvec_free(&argv);
	strvec_free(&as);
	return status;
}

static int run_pipeline(struct node *n, bool background)
{
	pid_t pids[64], pgid = 0;
	size_t started = 0;
	int in = -1;
	char text[128];

	if (n->ncmds > sizeof(pids) / sizeof(pids[0])) {
		sh_error("pipeline of more than %zu commands", sizeof(pids) / sizeof(pids[0]));
		return 2;
	}
	for (size_t i = 0; i < n->ncmds; i++) {
		int p[2] = { -1, -1 };
		if (i + 1 < n->ncmds && pipe(p) < 0) {
			sh_error("pipe: %s", strerror(errno));
			break;
		}
		pid_t pid = start_child(pgid, background);
		if (pid < 0) {
			close(p[0]);
			close(p[1]);
			break;
		}
		if (pid == 0) {
			if (in >= 0) {
				dup2(in, 0);
				close(in);
			}
			if (p[1] >= 0) {
				dup2(p[1], 1);
				close(p[1]);
				close(p[0]);
			}
			fflush(stdout);
			_exit(run_node(n->cmds[i], true));
		}
		if (!pgid)
			pgid = pid;
		pids[started++] = pid;
		if (in >= 0)
			close(in);
		in = p[0];
		if (p[1] >= 0)
			close(p[1]);
	}
	if (in >= 0)
		close(in);
	if (!started)
		return 2;
	node_text(n, text, sizeof(text));
	if (background) {
		sh.last_bg = pids[started - 1];
		job_add(pgid, pids, started, text, true);
		return 0;
	}
	return job_wait_fg(pgid, pids, started, text);
}

/* A loop's body ran; true if the loop must end (break, or a shell
 * exiting). Counts down break and continue levels. */
static bool loop_end(void)
{
	if (sh.returning)
		return true;
	if (sh.breaking) {
		sh.breaking--;
		return true;
	}
	if (sh.continuing) {
		if (--sh.continuing)
			return true;    /* continue an outer loop */
	}
	return false;
}

static int run_for(struct node *n)
{
	struct strvec words = { 0 };
	int status = 0;

	if (n->list) {
		if (expand_words(n->list, n->nlist, &words))
			return 1;
	} else {
		for (size_t i = 0; i < sh.nparams; i++)
			strvec_push(&words, strdup(sh.params[i]));
	}
	sh.loop_depth++;
	for (size_t i = 0; i < words.n; i++) {
		var_set(n->var, words.v[i], 0);
		status = run_node(n->b, false);
		if (loop_end())
			break;
	}
	sh.loop_depth--;
	strvec_free(&words);
	return status;
}

static int run_while(struct node *n)
{
	int status = 0;

	sh.loop_depth++;
	for (;;) {
		sh.no_errexit++;
		int c = run_node(n->a, false);
		sh.no_errexit--;
		if (sh.breaking || sh.continuing || sh.returning) {
			if (loop_end())
				break;
			continue;
		}
		if ((c == 0) != (n->kind == N_WHILE))
			break;
		status = run_node(n->b, false);
		if (loop_end())
			break;
	}
	sh.loop_depth--;
	return status;
}

/* case: the first item with a pattern matching the word runs. */
static int run_case(struct node *n)
{
	struct expand_env env;
	char err[128];
	int status = 0;

	vars_expand_env(&env);
	char *word = expand_one(&env, n->var, err, sizeof(err));
	if (!word) {
		sh_error("%s: %s", n->var, err);
		return 1;
	}
	for (struct case_item *it = n->items; it; it = it->next) {
		for (size_t i = 0; i < it->npats; i++) {
			char *pat = expand_pattern(&env, it->pats[i], err, sizeof(err));
			if (!pat) {
				sh_error("%s: %s", it->pats[i], err);
				free(word);
				return 1;
			}
			int hit = sh_fnmatch(pat, word);
			free(pat);
			if (hit) {
				free(word);
				return it->body ? run_node(it->body, false) : 0;
			}
		}
	}
	free(word);
	return status;
}

static int run_compound(struct node *n, bool forked)
{
	struct saved_fd *save = NULL;
	int status;

	if (redir_apply(n->redirs, forked ? NULL : &save)) {
		redir_restore(save);
		return 1;
	}
	switch (n->kind) {
	case N_IF:
		sh.no_errexit++;
		status = run_node(n->a, false);
		sh.no_errexit--;
		if (status == 0)
			status = run_node(n->b, false);
		else
			status = n->c ? run_node(n->c, false) : 0;
		break;
	case N_WHILE: case N_UNTIL: status = run_while(n); break;
	case N_FOR: status = run_for(n); break;
	case N_CASE: status = run_case(n); break;
	case N_GROUP: status = run_node(n->a, false); break;
	default: status = 2; break;
	}
	redir_restore(save);
	return status;
}

int run_node(struct node *n, bool forked)
{
	int st = 0;

	if (sh.breaking || sh.continuing || sh.returning)
		return sh.status;
	switch (n->kind) {
	case N_CMD: st = run_simple(n, forked, false); break;
	case N_PIPE: st = run_pipeline(n, false); break;
	case N_AND:
		sh.no_errexit++;
		st = run_node(n->a, false);
		sh.no_errexit--;
		if (st == 0 && !sh.breaking && !sh.continuing && !sh.returning)
			st = run_node(n->b, forked);
		break;
	case N_OR:
		sh.no_errexit++;
		st = run_node(n->a, false);
		sh.no_errexit--;
		if (st != 0 && !sh.breaking && !sh.continuing && !sh.returning)
			st = run_node(n->b, forked);
		break;
	case N_SEQ:
		run_node(n->a, false);
		st = run_node(n->b, forked);
		break;
	case N_NOT:
		sh.no_errexit++;
		st = !run_node(n->a, false);
		sh.no_errexit--;
		break;
	case N_FUNC: func_define(n->var, n->a); st = 0; break;
	case N_BG:
		if (n->a->kind == N_CMD) {
			st = run_simple(n->a, false, true);
		} else if (n->a->kind == N_PIPE) {
			st = run_pipeline(n->a, true);
		} else {
			/* Anything else runs in a subshell of its own. */
			char text[128];
			pid_t pid = start_child(0, true);
			if (pid == 0)
				_exit(run_node(n->a, true));
			if (pid > 0) {
				node_text(n->a, text, sizeof(text));
				sh.last_bg = pid;
				job_add(pid, &pid, 1, text, true);
			}
			st = pid > 0 ? 0 : 2;
		}
		break;
	case N_SUBSHELL:
		if (forked) {
			st = run_node(n->a, true);
		} else {
			char text[128];
			pid_t pid = start_child(0, false);
			if (pid == 0) {
				if (redir_apply(n->redirs, NULL))
					_exit(1);
				_exit(run_node(n->a, true));
			}
			node_text(n, text, sizeof(text));
			st = pid > 0 ? job_wait_fg(pid, &pid, 1, text) : 2;
		}
		break;
	default:
		st = run_compound(n, forked);
		break;
	}
	sh.status = st;
	if (st && sh.errexit && !sh.no_errexit && !sh.returning &&
	    (n->kind == N_CMD || n->kind == N_PIPE || n->kind == N_SUBSHELL))
		sh_exit(st);
	trap_run_pending();
	return st;
}

int run(struct node *n)
{
	return n ? run_node(n, false) : sh.status;
}
