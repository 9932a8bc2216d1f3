/*
 * The calls that run a command line through /bin/sh: system, popen,
 * pclose (POSIX). system waits for the shell with SIGINT and SIGQUIT
 * ignored and SIGCHLD blocked in the caller, as POSIX asks (so a
 * SIGCHLD handler of the program does not reap the shell first). popen's
 * child closes the streams of earlier popens, which POSIX also asks; a
 * small table keeps each stream's pid for pclose.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SHELL "/bin/sh"
#define POPEN_MAX 16

static struct {
	FILE *f;
	pid_t pid;
} popened[POPEN_MAX];

int system(const char *command)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, oldint, oldquit;
	sigset_t chld, oldmask;
	int status;
	pid_t pid, r;

	if (!command)
		return access(SHELL, X_OK) == 0;
	sigemptyset(&ign.sa_mask);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigaction(SIGINT, &ign, &oldint);
	sigaction(SIGQUIT, &ign, &oldquit);
	sigprocmask(SIG_BLOCK, &chld, &oldmask);
	pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &oldint, NULL);
		sigaction(SIGQUIT, &oldquit, NULL);
		sigprocmask(SIG_SETMASK, &oldmask, NULL);
		execl(SHELL, "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	if (pid < 0) {
		status = -1;
	} else {
		do
			r = waitpid(pid, &status, 0);
		while (r < 0 && errno == EINTR);
		if (r < 0)
			status = -1;
	}
	sigaction(SIGINT, &oldint, NULL);
	sigaction(SIGQUIT, &oldquit, NULL);
	sigprocmask(SIG_SETMASK, &oldmask, NULL);
	return status;
}

FILE *popen(const char *command, const char *mode)
{
	int p[2], reading, slot = -1;
	FILE *f;

	if (!mode || (strcmp(mode, "r") && strcmp(mode, "w") &&
		      strcmp(mode, "re") && strcmp(mode, "we"))) {
		errno = EINVAL;
		return NULL;
	}
	reading = mode[0] == 'r';
	for (int i = 0; i < POPEN_MAX; i++)
		if (!popened[i].f) {
			slot = i;
			break;
		}
	if (slot < 0) {
		errno = EMFILE;
		return NULL;
	}
	if (pipe(p) < 0)
		return NULL;
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(p[0]);
		close(p[1]);
		errno = e;
		return NULL;
	}
	if (pid == 0) {
		for (int i = 0; i < POPEN_MAX; i++)
			if (popened[i].f)
				close(fileno(popened[i].f));
		int want = reading ? 1 : 0;
		int end = reading ? p[1] : p[0];
		if (end != want) {
			dup2(end, want);
			close(end);
		}
		close(reading ? p[0] : p[1]);
		execl(SHELL, "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	close(reading ? p[1] : p[0]);
	f = fdopen(reading ? p[0] : p[1], reading ? "r" : "w");
	if (!f) {
		int e = errno;
		close(reading ? p[0] : p[1]);
		waitpid(pid, NULL, 0);
		errno = e;
		return NULL;
	}
	popened[slot].f = f;
	popened[slot].pid = pid;
	return f;
}

int pclose(FILE *f)
{
	int status;
	pid_t pid = -1, r;

	for (int i = 0; i < POPEN_MAX; i++) {
		if (f && popened[i].f == f) {
			pid = popened[i].pid;
			popened[i].f = NULL;
			break;
		}
	}
	if (pid < 0) {
		errno = ECHILD;
		return -1;
	}
	fclose(f);
	do
		r = waitpid(pid, &status, 0);
	while (r < 0 && errno == EINTR);
	return r < 0 ? -1 : status;
}
