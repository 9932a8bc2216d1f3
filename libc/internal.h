/*
 * What libc's own files share and programs do not see: the hooks between
 * stdio, exit and the console, and the stub helper. Kept to the few names
 * that cross files.
 */
#ifndef PITH_LIBC_INTERNAL_H
#define PITH_LIBC_INTERNAL_H

#include <errno.h>

/* Flush every output stream (exit calls it; libc/stdio/file.c). */
void __pith_stdio_flush_all(void);

/* A process started by procsrv: threads' errno and the IPC buffer from
 * the thread pointer, _exit as exit_group (libc/proc/thread.c). */
void __pith_process_init(void);
/* Ask procsrv to end the whole process (exit_group); returns only when
 * there is no procsrv to ask. */
void __pith_exit_group(int status);

/* Without a file server (a task not started by procsrv): write on 1 and
 * 2 to the debug console, isatty true for 0..2 (libc/posix/interim.c). */
#include <stddef.h>
#include <sys/types.h>
ssize_t __pith_console_write(int fd, const void *buf, size_t n);
int __pith_console_isatty(int fd);

/* errno's place when threads have their own (libc/errno.c). */
extern int *(*__pith_errno_thread)(void);

/* Run the pthread keys' destructors (libc/posix/pthread.c). */
void __pith_pthread_keys_run(void);

/* The result of a call whose server does not exist yet. */
#define PITH_ENOSYS(ret) \
	do { \
		errno = ENOSYS; \
		return ret; \
	} while (0)

#endif
