/*
 * Signal names and numbers for kill (the 31 standard signals, Linux's
 * numbers as <signal.h> gives them), shared by the commands of this
 * folder that take a signal.
 */
#ifndef CMD_SIGNAME_H
#define CMD_SIGNAME_H

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct { const char *name; int sig; } signames[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "BUS", SIGBUS }, { "FPE", SIGFPE }, { "KILL", SIGKILL },
	{ "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
	{ "STKFLT", 16 }, { "CHLD", SIGCHLD }, { "CONT", SIGCONT },
	{ "STOP", SIGSTOP }, { "TSTP", SIGTSTP }, { "TTIN", SIGTTIN },
	{ "TTOU", SIGTTOU }, { "URG", SIGURG }, { "XCPU", SIGXCPU },
	{ "XFSZ", SIGXFSZ }, { "VTALRM", SIGVTALRM }, { "PROF", SIGPROF },
	{ "WINCH", SIGWINCH }, { "IO", SIGIO }, { "PWR", 30 },
	{ "SYS", SIGSYS },
};
#define NSIGNAMES (sizeof(signames) / sizeof(signames[0]))

/* A signal by name (TERM, SIGTERM, any case) or number; -1 if none. */
static inline int sig_parse(const char *s)
{
	char *end;

	if (*s >= '0' && *s <= '9') {
		long v = strtol(s, &end, 10);
		return *end || v < 0 || v > 64 ? -1 : (int)v;
	}
	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	for (size_t i = 0; i < NSIGNAMES; i++)
		if (!strcasecmp(s, signames[i].name))
			return signames[i].sig;
	return -1;
}

static inline const char *sig_name(int sig)
{
	for (size_t i = 0; i < NSIGNAMES; i++)
		if (signames[i].sig == sig)
			return signames[i].name;
	return NULL;
}

#endif
