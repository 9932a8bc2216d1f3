/*
 * sh: the shell. Reads commands from a string (-c), a script file or its
 * standard input, a line at a time; a command spread over several lines
 * (an open quote, `if` without `fi`, a trailing `|`) is read whole before
 * it runs. Interactive when it reads a terminal and was given no script:
 * then it prompts ("# " for root, "$ " otherwise, or $PS1; "> " for a
 * continued command), does job control (jobs.c), reports finished
 * background jobs before each prompt, and a syntax error costs only the
 * command (status 2). A script's syntax error ends the shell with 2, as
 * POSIX asks of a non-interactive shell.
 *
 *   sh [-i] [-ex] [file [arg...]]
 *   sh [-ex] -c command [name [arg...]]
 *   sh -s [arg...]
 * (-e, -x: set -e, set -x from the start.)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "sh.h"

/* A command (all its lines) longer than this is refused. */
#define SH_INPUT_MAX (256 * 1024)

struct shell sh;

struct input {
	int fd;                  /* -1: a string */
	const char *str;
	size_t pos, len;
	bool bytewise;           /* a pipe or file shared with the commands */
	char buf[512];
	size_t bpos, blen;
};

struct text {
	char *s;
	size_t len, cap;
	bool too_long;
};

static void text_add(struct text *t, char c)
{
	if (t->len + 2 > t->cap) {
		if (t->cap >= SH_INPUT_MAX) {
			t->too_long = true;
			return;
		}
		size_t cap = t->cap ? t->cap * 2 : 256;
		char *s = realloc(t->s, cap);
		if (!s) {
			t->too_long = true;
			return;
		}
		t->s = s;
		t->cap = cap;
	}
	t->s[t->len++] = c;
	t->s[t->len] = 0;
}

/* Append one line (with its newline) to t: 1, or 0 at the end of input
 * with nothing read. */
static int read_line(struct input *in, struct text *t)
{
	int got = 0;

	for (;;) {
		char c;
		if (in->fd < 0) {
			if (in->pos >= in->len)
				return got;
			c = in->str[in->pos++];
		} else {
			if (in->bpos >= in->blen) {
				ssize_t n = read(in->fd, in->buf,
						 in->bytewise ? 1 : sizeof(in->buf));
				if (n < 0 && errno == EINTR) {
					trap_run_pending();
					continue;
				}
				if (n <= 0)
					return got;
				in->bpos = 0;
				in->blen = (size_t)n;
			}
			c = in->buf[in->bpos++];
		}
		got = 1;
		if (c)
			text_add(t, c);
		if (c == '\n')
			return 1;
	}
}

static void prompt(bool more)
{
	const char *p = more ? var_get("PS2") : var_get("PS1");

	if (!p)
		p = more ? "> " : geteuid() == 0 ? "# " : "$ ";
	fflush(stdout);
	(void)!write(2, p, strlen(p));
}

/* Arenas whose trees hold function bodies: kept for good. */
static struct kept {
	struct arena a;
	struct kept *next;
} *kept;

static void keep_arena(struct arena *a)
{
	struct kept *k = malloc(sizeof(*k));

	if (!k)
		return;           /* then the memory is merely unreachable */
	k->a = *a;
	k->next = kept;
	kept = k;
}

/* Read, parse and run commands until the end of the input. Prompts
 * only for the interactive shell's own input, not a string it runs
 * (eval, .). */
static void run_input(struct input *in)
{
	struct text t = { 0 };
	bool prompts = sh.interactive && in->fd >= 0;

	for (;;) {
		if (prompts) {
			if (!t.len)
				jobs_notify();
			prompt(t.len != 0);
		}
		trap_run_pending();
		int got = read_line(in, &t);
		if (!got && !t.len)
			break;
		if (t.too_long) {
			sh_error("command longer than %d bytes", SH_INPUT_MAX);
			sh.status = 2;
			if (!prompts)
				exit(2);
			/* Skip the rest of that line. */
			t.len = 0;
			t.too_long = false;
			continue;
		}
		struct arena a = { 0 };
		struct node *tree;
		char err[160];
		enum parse_status st = parse(&a, t.s ? t.s : "", &tree, err, sizeof(err));
		if (st == PARSE_INCOMPLETE && got) {
			arena_free(&a);
			continue;         /* the command goes on: one more line */
		}
		t.len = 0;
		if (st != PARSE_OK) {
			sh_error("%s", err);
			arena_free(&a);
			sh.status = 2;
			if (!sh.interactive)
				sh_exit(2);
			if (!prompts)
				break;    /* eval or . at the prompt: that string ends */
			continue;
		}
		/* A function defined by this tree lives in its arena: keep it.
		 * (The flag of an outer run_input, for eval and ., survives.) */
		bool outer = sh.keep_tree;
		sh.keep_tree = false;
		run(tree);
		bool keep = sh.keep_tree;
		sh.keep_tree = outer || keep;
		if (!keep)
			arena_free(&a);
		else
			keep_arena(&a);
		fflush(stdout);
		if (!got)
			break;
	}
	free(t.s);
}

int sh_run_string(const char *text)
{
	struct input in = { .fd = -1, .str = text, .len = strlen(text) };

	run_input(&in);
	return sh.status;
}

/* A script file, read whole. */
static char *read_file(const char *path, size_t *len);

int sh_run_file(const char *path)
{
	size_t len;
	char *text = read_file(path, &len);

	if (!text)
		return -1;
	struct input in = { .fd = -1, .str = text, .len = len };
	run_input(&in);
	free(text);
	return sh.status;
}

static _Noreturn void usage(void)
{
	fputs("usage: sh [-i] [-ex] [file [arg...]] | sh [-ex] -c command [name [arg...]] | "
	      "sh -s [arg...]\n", stderr);
	exit(2);
}

static char *read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *buf = NULL;
	size_t n = 0, cap = 0;

	if (fd < 0)
		return NULL;
	for (;;) {
		if (n + 4096 > cap) {
			cap = cap ? cap * 2 : 8192;
			if (cap > SH_INPUT_MAX * 16) {
				errno = EFBIG;
				break;
			}
			char *b = realloc(buf, cap);
			if (!b)
				break;
			buf = b;
		}
		ssize_t r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(buf);
			close(fd);
			errno = e;
			return NULL;
		}
		if (r == 0) {
			close(fd);
			buf[n] = 0;
			*len = n;
			return buf;
		}
		n += (size_t)r;
	}
	free(buf);
	close(fd);
	return NULL;
}

int main(int argc, char **argv, char **envp)
{
	const char *command = NULL, *script = NULL;
	bool force_interactive = false, from_stdin = false;
	int i = 1;

	(void)argc;
	trap_init();
	sh.shell_pid = getpid();
	sh.arg0 = argv[0] ? argv[0] : "sh";
	vars_init(envp);
	for (; argv[i] && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (!strcmp(argv[i], "-c")) {
			if (!argv[i + 1])
				usage();
			command = argv[++i];
		} else if (!strcmp(argv[i], "-i")) {
			force_interactive = true;
		} else if (!strcmp(argv[i], "-s")) {
			from_stdin = true;
		} else if (argv[i][strspn(argv[i] + 1, "ex") + 1] == 0) {
			/* -e, -x, -ex: as set -e, set -x */
			sh.errexit |= strchr(argv[i], 'e') != NULL;
			sh.xtrace |= strchr(argv[i], 'x') != NULL;
		} else {
			sh_error("%s: unknown option", argv[i]);
			usage();
		}
	}
	if (command) {
		/* sh -c cmd [name [args]] */
		if (argv[i])
			sh.arg0 = argv[i++];
	} else if (!from_stdin && argv[i]) {
		script = argv[i++];
		sh.arg0 = (char *)script;
	}
	{
		size_t n = 0;
		while (argv[i + n])
			n++;
		params_set(argv + i, n);
	}
	if (command)
		sh_exit(sh_run_string(command));
	if (script) {
		if (sh_run_file(script) < 0) {
			sh_error("%s: %s", script, strerror(errno));
			return errno == ENOENT ? 127 : 126;
		}
		sh_exit(sh.status);
	}
	sh.interactive = force_interactive || isatty(0);
	if (sh.interactive) {
		sh.pgid = getpgrp();
		if (sh.pgid != getpid() && setpgid(0, 0) == 0)
			sh.pgid = getpid();
		/* A shell leading its own session (init's respawn entry)
		 * makes the console its controlling terminal, taking it from
		 * init's session, which holds it from boot, as root may
		 * (TIOCSCTTY, 1); then its jobs can have the foreground. */
		if (getsid(0) == getpid())
			(void)ioctl(0, TIOCSCTTY, 1);
		(void)tcsetpgrp(0, sh.pgid);
		jobs_shell_signals();
	}
	struct input in = { .fd = 0, .bytewise = !isatty(0) };
	run_input(&in);
	if (sh.interactive)
		(void)!write(2, "exit\n", 5);
	sh_exit(sh.status);
}
