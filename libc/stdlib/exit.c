/*
 * Ending the process (<stdlib.h>): exit runs the atexit handlers in
 * reverse order of registration (a handler registered while exiting runs
 * too), flushes stdio and calls _exit; _Exit and abort skip both.
 * quick_exit has its own list. ATEXIT_MAX (<limits.h>) handlers each.
 */
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "internal.h"

struct handlers {
	void (*fn[ATEXIT_MAX])(void);
	int n;
};

static struct handlers at_exit, at_quick_exit_list;

static int add(struct handlers *h, void (*fn)(void))
{
	if (h->n == ATEXIT_MAX)
		return -1;
	h->fn[h->n++] = fn;
	return 0;
}

static void run(struct handlers *h)
{
	while (h->n > 0)
		h->fn[--h->n]();
}

int atexit(void (*fn)(void))
{
	return add(&at_exit, fn);
}

int at_quick_exit(void (*fn)(void))
{
	return add(&at_quick_exit_list, fn);
}

_Noreturn void exit(int status)
{
	run(&at_exit);
	__pith_stdio_flush_all();
	_exit(status);
}

_Noreturn void quick_exit(int status)
{
	run(&at_quick_exit_list);
	_exit(status);
}

_Noreturn void _Exit(int status)
{
	_exit(status);
}

/* SIGABRT, if signals can be delivered; otherwise end as a process killed
 * by SIGABRT would look to its parent (status 128 + 6 for a shell). */
/* SIGABRT; if it comes back (a handler returned, or it is blocked or
 * ignored), once more with the default action, unblocked: the process
 * ends by SIGABRT with a core status whatever the program did. */
_Noreturn void abort(void)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	sigset_t set;

	raise(SIGABRT);
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGABRT, &dfl, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);
	_exit(128 + SIGABRT);
}
