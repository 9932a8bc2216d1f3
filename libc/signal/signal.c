/*
 * Signal calls built on the process server's primitives (sigaction,
 * sigprocmask, kill, getpid): signal, bsd_signal, raise, killpg,
 * siginterrupt, psignal, psiginfo and the obsolete XSI sighold, sigrelse,
 * sigignore, sigpause, sigset. They work as soon as the primitives do;
 * until then they fail with the primitives' ENOSYS.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void (*signal(int sig, void (*handler)(int)))(int)
{
	struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_RESTART };
	struct sigaction old;

	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

void (*bsd_signal(int sig, void (*handler)(int)))(int)
{
	return signal(sig, handler);
}

int raise(int sig)
{
	pid_t self = getpid();

	return self < 0 ? -1 : kill(self, sig);
}

int killpg(pid_t pgrp, int sig)
{
	if (pgrp <= 1) {
		errno = EINVAL;
		return -1;
	}
	return kill(-pgrp, sig);
}

int siginterrupt(int sig, int flag)
{
	struct sigaction sa;

	if (sigaction(sig, NULL, &sa) < 0)
		return -1;
	if (flag)
		sa.sa_flags &= ~SA_RESTART;
	else
		sa.sa_flags |= SA_RESTART;
	return sigaction(sig, &sa, NULL);
}

void psignal(int sig, const char *s)
{
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, strsignal(sig));
	else
		fprintf(stderr, "%s\n", strsignal(sig));
}

void psiginfo(const siginfo_t *info, const char *s)
{
	psignal(info->si_signo, s);
}

/* Block, unblock one signal. */
static int mask_one(int how, int sig)
{
	sigset_t set;

	sigemptyset(&set);
	if (sigaddset(&set, sig) < 0)
		return -1;
	return sigprocmask(how, &set, NULL);
}

int sighold(int sig)
{
	return mask_one(SIG_BLOCK, sig);
}

int sigrelse(int sig)
{
	return mask_one(SIG_UNBLOCK, sig);
}

int sigignore(int sig)
{
	return signal(sig, SIG_IGN) == SIG_ERR ? -1 : 0;
}

int sigpause(int sig)
{
	sigset_t set;

	if (sigprocmask(SIG_SETMASK, NULL, &set) < 0 || sigdelset(&set, sig) < 0)
		return -1;
	return sigsuspend(&set);
}

/* SIG_HOLD adds sig to the mask; anything else installs the handler and
 * unblocks sig. Returns the previous disposition (SIG_HOLD if it was
 * blocked). */
void (*sigset(int sig, void (*handler)(int)))(int)
{
	sigset_t set, old;
	struct sigaction sa = { .sa_handler = handler }, prev;

	sigemptyset(&set);
	if (sigaddset(&set, sig) < 0)
		return SIG_ERR;
	if (handler == SIG_HOLD) {
		if (sigaction(sig, NULL, &prev) < 0 ||
		    sigprocmask(SIG_BLOCK, &set, &old) < 0)
			return SIG_ERR;
	} else {
		sigemptyset(&sa.sa_mask);
		if (sigaction(sig, &sa, &prev) < 0 ||
		    sigprocmask(SIG_UNBLOCK, &set, &old) < 0)
			return SIG_ERR;
	}
	return sigismember(&old, sig) ? SIG_HOLD : prev.sa_handler;
}
