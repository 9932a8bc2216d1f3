/*
 * errno's home. Every access goes through __errno_location(). In a
 * process started by procsrv every thread has its own errno in its
 * control block (libc/proc/thread.c sets __pith_errno_thread at the
 * start); elsewhere (root tasks, tasks spawned without procsrv, the host
 * tests) there is one errno. A pointer and not a direct call, since this
 * file is portable and the thread pointer is not.
 */
#include <errno.h>
#include <stddef.h>

static int errno_value;
int *(*__pith_errno_thread)(void);

int *__errno_location(void)
{
	return __pith_errno_thread ? __pith_errno_thread() : &errno_value;
}
