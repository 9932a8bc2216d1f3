/*
 * posixchild: a POSIX program (main(argc, argv, envp), started at
 * _start_process by utest with pith_spawn_process). It checks what crt0
 * gave it and reports from its first-registered atexit handler, which
 * runs last, so the report also says the handlers ran in reverse
 * (posixchild.h). Slot 1 is utest's endpoint.
 */
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pith/syscall.h>

#include "posixchild.h"

static uint64_t passed, order;

static void report(void)
{
	order = order * 10 + 1;
	sys_send(1, MSG_INFO(POSIXCHILD_REPORT, 2, 0), passed, order, 0);
}

static void second(void) { order = order * 10 + 2; }
static void third(void) { order = order * 10 + 3; }

int main(int argc, char **argv, char **envp)
{
	alignas(16) volatile char probe[16];

	atexit(report);
	atexit(second);
	atexit(third);
	if (argc == 3)
		passed |= POSIXCHILD_ARGC;
	if (argc == 3 && !strcmp(argv[0], "posixchild") && !strcmp(argv[1], "one") &&
	    !strcmp(argv[2], "two words") && !argv[3])
		passed |= POSIXCHILD_ARGV;
	if (envp == argv + argc + 1 && environ == envp && envp[0] &&
	    !strcmp(envp[0], "PITH_TEST=yes") && envp[1] && !envp[2])
		passed |= POSIXCHILD_ENVP;
	const char *t = getenv("PITH_TEST"), *h = getenv("HOME");
	if (t && !strcmp(t, "yes") && h && !strcmp(h, "/") && !getenv("NOPE"))
		passed |= POSIXCHILD_GETENV;
	if (((uintptr_t)probe & 15) == 0)
		passed |= POSIXCHILD_ALIGNED;
	return 7;
}
