/*
 * What works without the servers, on kernel calls alone: _exit ends the
 * process (exit_group through procsrv when there is one; else
 * SYS_TASK_EXIT), and in a task not started by procsrv (a root task, a
 * pith_spawn'd server) write on descriptors 1 and 2 goes to the kernel
 * debug console (pith_console_slot) and isatty says yes for 0..2. Under
 * procsrv descriptors are the file server's (libc/fs/).
 */
#include <errno.h>
#include <unistd.h>

#include <pith/syscall.h>

#include "internal.h"

slot_t pith_console_slot = ROOT_SLOT_CONSOLE;

#define CONSOLE_CHUNK 1024   /* below SYS_DEBUG_WRITE's limit */

/* Under procsrv the whole process ends, every thread (exit_group); one
 * thread alone ends by SYS_TASK_EXIT (libc/proc/thread.c). */
_Noreturn void _exit(int status)
{
	__pith_exit_group(status);
	sys_task_exit(status);
}

ssize_t __pith_console_write(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	size_t done = 0;

	if (fd != STDOUT_FILENO && fd != STDERR_FILENO) {
		errno = fd < 0 ? EBADF : ENOSYS;
		return -1;
	}
	while (done < n) {
		size_t k = n - done < CONSOLE_CHUNK ? n - done : CONSOLE_CHUNK;
		long r = sys_debug_write(pith_console_slot, p + done, k);
		if (r < 0) {
			if (done)
				break;
			errno = (int)-r;
			return -1;
		}
		done += (size_t)r;
	}
	return (ssize_t)done;
}

int __pith_console_isatty(int fd)
{
	if (fd >= 0 && fd <= 2)
		return 1;
	errno = fd < 0 ? EBADF : ENOTTY;
	return 0;
}
