/*
 * trap.c: the trap builtin and the shell's exit (POSIX XCU 2.14, trap).
 * `trap 'action' cond...` for EXIT (0), HUP, INT, QUIT, TERM, USR1,
 * USR2 and CHLD, by name (SIG prefix and case optional) or number;
 * `trap - cond` (or a number first: `trap 2`) resets, `trap '' cond`
 * ignores (SIG_IGN, which children inherit through fork and exec),
 * `trap` alone lists the traps set as commands that set them again.
 *
 * A caught signal only marks itself pending (catch()); its action runs
 * between commands (trap_run_pending(), from run_node() and while the
 * shell waits at its prompt), never inside the handler and never inside
 * another action, with $? kept. The handler is installed without
 * SA_RESTART, so `wait` is interrupted and returns 128 + the signal, as
 * POSIX asks. A subshell (any child of the shell) starts with the caught
 * signals back at their defaults and no EXIT trap; ignored ones stay
 * ignored. A signal ignored when a non-interactive shell started cannot
 * be trapped or reset there (POSIX): `trap` leaves it, silently. The
 * EXIT trap runs in sh_exit(), the shell's one way out.
 *
 * Entry points: trap_init, builtin_trap, trap_run_pending, trap_subshell,
 * trap_ignored, trap_signal_pending, sh_exit.
 */
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sh.h"

static const struct {
	const char *name;
	int sig;
} conds[] = {
	{ "EXIT", 0 }, { "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "TERM", SIGTERM }, { "USR1", SIGUSR1 }, { "USR2", SIGUSR2 },
	{ "CHLD", SIGCHLD },
};
#define NCONDS (sizeof(conds) / sizeof(conds[0]))

/* The action of each condition (by its index in conds): NULL the
 * default, "" ignored, else the commands. */
static char *action[NCONDS];
/* In a subshell, until it sets a trap of its own: the parent's actions,
 * which `trap' alone still lists (POSIX: so that "$(trap)" saves them). */
static char *outer[NCONDS];
static bool inherited;
static bool ignored_on_entry[NCONDS];
static volatile sig_atomic_t pending[NCONDS];
static volatile sig_atomic_t any_pending;
static bool in_trap;

static void catch(int sig)
{
	for (size_t i = 1; i < NCONDS; i++)
		if (conds[i].sig == sig)
			pending[i] = 1;
	any_pending = 1;
}

/* A condition's index in conds, or -1: a name (INT, SIGINT, int) or the
 * number of one of them. */
static int cond_of(const char *s)
{
	if (*s >= '0' && *s <= '9') {
		char *end;
		long n = strtol(s, &end, 10);
		for (size_t i = 0; i < NCONDS && !*end; i++)
			if (conds[i].sig == n)
				return (int)i;
		return -1;
	}
	if (!strncasecmp(s, "SIG", 3) && strcasecmp(s, "SIG"))
		s += 3;
	for (size_t i = 0; i < NCONDS; i++)
		if (!strcasecmp(s, conds[i].name))
			return (int)i;
	return -1;
}

/* The disposition the shell gives a signal without a trap: the
 * interactive shell ignores SIGINT and SIGQUIT (jobs.c). */
static void set_disposition(size_t i)
{
	int sig = conds[i].sig;
	struct sigaction sa;

	if (!sig)
		return;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	if (!action[i])
		sa.sa_handler = sh.interactive && (sig == SIGINT || sig == SIGQUIT)
			? SIG_IGN : SIG_DFL;
	else if (!*action[i] && sig != SIGCHLD)
		sa.sa_handler = SIG_IGN;
	else if (!*action[i])
		sa.sa_handler = SIG_DFL;   /* ignored by default: SIG_IGN would
					      reap children unwaited */
	else
		sa.sa_handler = catch;
	sigaction(sig, &sa, NULL);
}

void trap_init(void)
{
	for (size_t i = 1; i < NCONDS; i++) {
		struct sigaction old;
		if (sigaction(conds[i].sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			ignored_on_entry[i] = true;
	}
}

bool trap_ignored(int sig)
{
	for (size_t i = 1; i < NCONDS; i++)
		if (conds[i].sig == sig)
			return action[i] && !*action[i];
	return false;
}

int trap_signal_pending(void)
{
	if (!any_pending)
		return 0;
	for (size_t i = 1; i < NCONDS; i++)
		if (pending[i])
			return conds[i].sig;
	return 0;
}

/* Run one action as eval would, $? kept. The text is copied: the action
 * may replace its own trap. */
static void run_action(const char *a)
{
	int saved = sh.status;
	char *text = strdup(a);

	if (!text)
		return;
	sh_run_string(text);
	free(text);
	sh.status = saved;
}

void trap_run_pending(void)
{
	if (!any_pending || in_trap)
		return;
	in_trap = true;
	while (any_pending) {
		any_pending = 0;
		for (size_t i = 1; i < NCONDS; i++) {
			if (!pending[i])
				continue;
			pending[i] = 0;
			if (action[i] && *action[i])
				run_action(action[i]);
			/* The action's own commands ending do not call it again. */
			if (conds[i].sig == SIGCHLD)
				pending[i] = 0;
		}
	}
	in_trap = false;
}

void trap_subshell(void)
{
	for (size_t i = 0; i < NCONDS; i++) {
		pending[i] = 0;
		free(outer[i]);
		outer[i] = NULL;
		if (!action[i] || !*action[i])
			continue;     /* default, or ignored: inherited */
		outer[i] = action[i];
		action[i] = NULL;
		inherited = true;
		if (conds[i].sig)
			signal(conds[i].sig, SIG_DFL);
	}
	any_pending = 0;
}

_Noreturn void sh_exit(int status)
{
	char *a = action[0];

	if (a && *a) {
		action[0] = NULL;     /* once: `exit' inside it ends the shell */
		sh.status = status;
		sh_run_string(a);
		free(a);
	}
	fflush(stdout);
	exit(status);
}

/* A trap's action as a single-quoted word the shell reads back. */
static void print_quoted(const char *s)
{
	putchar('\'');
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*s);
	}
	putchar('\'');
}

int builtin_trap(char **argv)
{
	int i = 1, status = 0;
	const char *act;

	if (argv[i] && !strcmp(argv[i], "--"))
		i++;
	if (!argv[i]) {
		for (size_t k = 0; k < NCONDS; k++) {
			const char *a = action[k] ? action[k] : inherited ? outer[k] : NULL;
			if (!a)
				continue;
			fputs("trap -- ", stdout);
			print_quoted(a);
			printf(" %s\n", conds[k].name);
		}
		return 0;
	}
	/* A number first: every operand is a condition to reset. */
	if (isdigit((unsigned char)argv[i][0]) && cond_of(argv[i]) >= 0) {
		act = NULL;
	} else {
		act = argv[i++];
		if (!strcmp(act, "-"))
			act = NULL;
		if (!argv[i]) {
			sh_error("trap: usage: trap [action condition...]");
			return 2;
		}
	}
	for (; argv[i]; i++) {
		int k = cond_of(argv[i]);
		if (k < 0) {
			sh_error("trap: %s: bad signal", argv[i]);
			status = 1;
			continue;
		}
		if (ignored_on_entry[k] && !sh.interactive)
			continue;
		char *copy = act ? strdup(act) : NULL;
		if (act && !copy) {
			sh_error("trap: out of memory");
			return 1;
		}
		free(action[k]);
		action[k] = copy;
		inherited = false;
		set_disposition((size_t)k);
	}
	return status;
}
