/*
 * jobs.c: jobs. A job is a process group the shell started: a pipeline
 * or one command. The foreground job gets the terminal (tcsetpgrp) while
 * it runs, interactively; the shell takes it back afterwards. Background
 * and stopped jobs stay in a small table until they end and are waited
 * for (`wait`, or reported before the next prompt). The interactive
 * shell ignores SIGINT, SIGQUIT, SIGTSTP, SIGTTIN and SIGTTOU; its
 * children start with the default actions.
 *
 * Entry points: job_add, job_wait_fg, jobs_notify, node_text (a
 * command's text for the messages), and the builtins wait, jobs, fg, bg.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

#define JOB_PIDS 64

struct job {
	int used;
	pid_t pgid;
	pid_t pids[JOB_PIDS];
	int done[JOB_PIDS];      /* reaped */
	int wstatus[JOB_PIDS];
	size_t n;
	int stopped;
	char text[128];
};

static struct job jobs[JOBS_MAX];

void jobs_shell_signals(void)
{
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
}

void jobs_child_signals(bool background)
{
	trap_subshell();
	if (sh.interactive) {
		/* What `trap '' sig' ignores stays ignored. */
		if (!trap_ignored(SIGINT))
			signal(SIGINT, SIG_DFL);
		if (!trap_ignored(SIGQUIT))
			signal(SIGQUIT, SIG_DFL);
		signal(SIGTSTP, SIG_DFL);
		signal(SIGTTIN, SIG_DFL);
		signal(SIGTTOU, SIG_DFL);
	} else if (background) {
		/* POSIX: without job control, `&` commands ignore them. */
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
	}
}

static int job_number(const struct job *j)
{
	return (int)(j - jobs) + 1;
}

int job_add(pid_t pgid, const pid_t *pids, size_t n, const char *text,
	    bool announce)
{
	for (size_t i = 0; i < JOBS_MAX; i++) {
		struct job *j = &jobs[i];
		if (j->used)
			continue;
		memset(j, 0, sizeof(*j));
		j->used = 1;
		j->pgid = pgid;
		j->n = n > JOB_PIDS ? JOB_PIDS : n;
		memcpy(j->pids, pids, j->n * sizeof(pid_t));
		snprintf(j->text, sizeof(j->text), "%s", text);
		if (announce && sh.interactive)
			fprintf(stderr, "[%d] %d\n", job_number(j), (int)pids[n - 1]);
		return job_number(j);
	}
	/* A full table: the job runs on, unlisted; `wait` still reaps it. */
	return 0;
}

static int job_finished(const struct job *j)
{
	for (size_t i = 0; i < j->n; i++)
		if (!j->done[i])
			return 0;
	return 1;
}

/* Record a wait status in the job holding pid; the job, or NULL. */
static struct job *record(pid_t pid, int ws)
{
	for (size_t i = 0; i < JOBS_MAX; i++) {
		struct job *j = &jobs[i];
		if (!j->used)
			continue;
		for (size_t k = 0; k < j->n; k++) {
			if (j->pids[k] != pid)
				continue;
			if (WIFSTOPPED(ws)) {
				j->stopped = 1;
			} else if (WIFCONTINUED(ws)) {
				j->stopped = 0;
			} else {
				j->done[k] = 1;
				j->wstatus[k] = ws;
			}
			return j;
		}
	}
	return NULL;
}

/* Tell how a foreground process ended by a signal, as other shells do
 * (nothing for SIGINT, which the user typed, and SIGPIPE, the normal
 * end of a pipeline's writer). */
static void report_signal(int ws)
{
	if (!WIFSIGNALED(ws))
		return;
	int sig = WTERMSIG(ws);
	if (sig == SIGINT) {
		if (sh.interactive)
			fputc('\n', stderr);
		return;
	}
	if (sig == SIGPIPE)
		return;
	fprintf(stderr, "%s%s\n", strsignal(sig),
		(ws & 0x80) ? " (core dumped)" : "");
}

static void take_terminal(void)
{
	if (sh.interactive)
		(void)tcsetpgrp(0, sh.pgid);   /* ENOSYS until the console: fine */
}

int job_wait_fg(pid_t pgid, const pid_t *pids, size_t n, const char *text)
{
	int last = 0, stopped = 0;

	if (sh.interactive)
		(void)tcsetpgrp(0, pgid);
	for (size_t i = 0; i < n; i++) {
		int ws;
		pid_t r;
		do
			r = waitpid(pids[i], &ws, sh.interactive ? WUNTRACED : 0);
		while (r < 0 && errno == EINTR);
		if (r < 0) {
			ws = 0;
		} else if (WIFSTOPPED(ws)) {
			stopped = WSTOPSIG(ws);
			/* The rest of the job stops with it (same group). */
			last = ws;
			break;
		}
		if (i + 1 == n)
			report_signal(ws);
		last = ws;
	}
	take_terminal();
	if (stopped) {
		int num = job_add(pgid, pids, n, text, false);
		if (num) {
			jobs[num - 1].stopped = 1;
			fprintf(stderr, "\n[%d]+ Stopped  %s\n", num, text);
		}
		return 128 + stopped;
	}
	return status_of(last);
}

static const char *state_text(const struct job *j)
{
	static char buf[32];
	int ws = j->wstatus[j->n - 1];

	if (j->stopped)
		return "Stopped";
	if (!job_finished(j))
		return "Running";
	if (WIFSIGNALED(ws))
		return strsignal(WTERMSIG(ws));
	if (WEXITSTATUS(ws)) {
		snprintf(buf, sizeof(buf), "Exit %d", WEXITSTATUS(ws));
		return buf;
	}
	return "Done";
}

void jobs_notify(void)
{
	int ws;
	pid_t pid;

	while ((pid = waitpid(-1, &ws, WNOHANG | WUNTRACED)) > 0)
		record(pid, ws);
	for (size_t i = 0; i < JOBS_MAX; i++) {
		struct job *j = &jobs[i];
		if (j->used && job_finished(j)) {
			fprintf(stderr, "[%d]  %s  %s\n", job_number(j), state_text(j),
				j->text);
			j->used = 0;
		}
	}
}

/* wait [pid...]: with none, every child; $? then 0. With pids, each in
 * turn; $? is the last one's status, 127 for one that is not our child. */
int builtin_wait(char **argv)
{
	int status = 0, ws;
	pid_t r;

	if (!argv[1]) {
		while ((r = waitpid(-1, &ws, 0)) > 0 || (r < 0 && errno == EINTR)) {
			if (r > 0)
				record(r, ws);
			else if (trap_signal_pending())
				return 128 + trap_signal_pending();
		}
		for (size_t i = 0; i < JOBS_MAX; i++)
			if (jobs[i].used && job_finished(&jobs[i]))
				jobs[i].used = 0;
		return 0;
	}
	for (size_t a = 1; argv[a]; a++) {
		char *end;
		const char *arg = argv[a];
		long pid;
		struct job *j = NULL;
		if (arg[0] == '%') {
			long num = strtol(arg + 1, &end, 10);
			if (*end || num < 1 || num > JOBS_MAX || !jobs[num - 1].used) {
				sh_error("wait: %s: no such job", arg);
				status = 127;
				continue;
			}
			j = &jobs[num - 1];
			pid = j->pids[j->n - 1];
		} else {
			pid = strtol(arg, &end, 10);
			if (*end || pid <= 0) {
				sh_error("wait: %s: not a pid or valid job spec", arg);
				status = 2;
				continue;
			}
		}
		/* Already reaped (before a prompt, or by another wait)? */
		for (size_t i = 0; i < JOBS_MAX && !j; i++)
			for (size_t k = 0; jobs[i].used && k < jobs[i].n; k++)
				if (jobs[i].pids[k] == pid)
					j = &jobs[i];
		size_t k = 0;
		if (j)
			while (j->pids[k] != pid)
				k++;
		if (j && j->done[k]) {
			status = status_of(j->wstatus[k]);
		} else {
			int sig = 0;
			do
				r = waitpid((pid_t)pid, &ws, 0);
			while (r < 0 && errno == EINTR && !(sig = trap_signal_pending()));
			if (sig)
				return 128 + sig;   /* a trapped signal ends wait */
			if (r < 0) {
				sh_error("wait: pid %ld is not a child of this shell", pid);
				status = 127;
				continue;
			}
			record(r, ws);
			status = status_of(ws);
		}
		if (j && job_finished(j))
			j->used = 0;
	}
	return status;
}

int builtin_jobs(char **argv)
{
	int ws;
	pid_t pid;

	(void)argv;
	while ((pid = waitpid(-1, &ws, WNOHANG | WUNTRACED)) > 0)
		record(pid, ws);
	for (size_t i = 0; i < JOBS_MAX; i++) {
		struct job *j = &jobs[i];
		if (!j->used)
			continue;
		printf("[%d]  %s  %s\n", job_number(j), state_text(j), j->text);
		if (job_finished(j))
			j->used = 0;
	}
	return 0;
}

/* The job named by argv[1] (%n or nothing: the newest). */
static struct job *job_arg(char **argv, const char *cmd)
{
	if (argv[1]) {
		char *end;
		long n = strtol(argv[1] + (argv[1][0] == '%'), &end, 10);
		if (*end || n < 1 || n > JOBS_MAX || !jobs[n - 1].used) {
			sh_error("%s: %s: no such job", cmd, argv[1]);
			return NULL;
		}
		return &jobs[n - 1];
	}
	for (size_t i = JOBS_MAX; i-- > 0;)
		if (jobs[i].used && !job_finished(&jobs[i]))
			return &jobs[i];
	sh_error("%s: no current job", cmd);
	return NULL;
}

int builtin_fg(char **argv)
{
	struct job *j = job_arg(argv, "fg");
	pid_t pids[JOB_PIDS];
	size_t n = 0;
	char text[128];

	if (!j)
		return 1;
	for (size_t k = 0; k < j->n; k++)
		if (!j->done[k])
			pids[n++] = j->pids[k];
	snprintf(text, sizeof(text), "%s", j->text);
	printf("%s\n", text);
	fflush(stdout);
	pid_t pgid = j->pgid;
	j->used = 0;
	if (sh.interactive)
		(void)tcsetpgrp(0, pgid);
	if (kill(-pgid, SIGCONT) < 0 && errno == ESRCH)
		kill(pids[0], SIGCONT);
	return job_wait_fg(pgid, pids, n, text);
}

int builtin_bg(char **argv)
{
	struct job *j = job_arg(argv, "bg");

	if (!j)
		return 1;
	j->stopped = 0;
	if (kill(-j->pgid, SIGCONT) < 0 && errno == ESRCH)
		kill(j->pids[0], SIGCONT);
	fprintf(stderr, "[%d] %s &\n", job_number(j), j->text);
	return 0;
}

/* ---- job texts ---- */

static void text_add(char *buf, size_t len, const char *s)
{
	size_t n = strlen(buf);
	if (n + 1 < len)
		snprintf(buf + n, len - n, "%s", s);
}

static void text_of(const struct node *n, char *buf, size_t len)
{
	switch (n->kind) {
	case N_CMD:
		for (size_t i = 0; i < n->nassigns; i++) {
			text_add(buf, len, n->assigns[i]);
			text_add(buf, len, " ");
		}
		for (size_t i = 0; i < n->nwords; i++) {
			if (i)
				text_add(buf, len, " ");
			text_add(buf, len, n->words[i]);
		}
		break;
	case N_PIPE:
		for (size_t i = 0; i < n->ncmds; i++) {
			if (i)
				text_add(buf, len, " | ");
			text_of(n->cmds[i], buf, len);
		}
		break;
	case N_AND: case N_OR:
		text_of(n->a, buf, len);
		text_add(buf, len, n->kind == N_AND ? " && " : " || ");
		text_of(n->b, buf, len);
		break;
	case N_SEQ:
		text_of(n->a, buf, len);
		text_add(buf, len, "; ");
		text_of(n->b, buf, len);
		break;
	case N_SUBSHELL:
		text_add(buf, len, "(");
		text_of(n->a, buf, len);
		text_add(buf, len, ")");
		break;
	default:
		text_add(buf, len, "...");
		break;
	}
}

void node_text(const struct node *n, char *buf, size_t len)
{
	buf[0] = 0;
	text_of(n, buf, len);
}
