/*
 * The host side of libc's unit tests: the few calls libc's portable
 * sources make into the system (write, _exit, ...), answered by the host,
 * and a morecore that gives malloc memory in separate host blocks (so
 * the allocator meets non-contiguous memory, as from a root task's
 * frames). Compiled against the host's headers, without names.h: the
 * pith_* names here are libc's renamed ones (names.h). Each returns
 * what libc's stub would, or does the real thing where a test needs it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host_libc.h"

/* Errors are reported through libc's errno, not the host's. */
int *pith___errno_location(void);
#define PITH_ERRNO (*pith___errno_location())

/* Console capture: what libc wrote to descriptors 1 and 2. */
char host_console[1 << 16];
size_t host_console_len;
int host_console_echo = 1;

long pith_write(int fd, const void *buf, unsigned long n)
{
	if (fd != 1 && fd != 2) {
		PITH_ERRNO = ENOSYS;
		return -1;
	}
	if (host_console_len + n <= sizeof(host_console)) {
		memcpy(host_console + host_console_len, buf, n);
		host_console_len += n;
	}
	return host_console_echo ? write(fd, buf, n) : (long)n;
}

#define ENOSYS_STUB(ret, name, ...)        \
	ret name(__VA_ARGS__)              \
	{                                  \
		PITH_ERRNO = ENOSYS;       \
		return (ret)-1;            \
	}

ENOSYS_STUB(long, pith_read, int fd, void *buf, unsigned long n)
ENOSYS_STUB(long, pith_lseek, int fd, long off, int whence)
ENOSYS_STUB(int, pith_close, int fd)
ENOSYS_STUB(int, pith_open, const char *path, int flags, ...)
ENOSYS_STUB(int, pith_unlink, const char *path)
ENOSYS_STUB(int, pith_rmdir, const char *path)
ENOSYS_STUB(int, pith_execve, const char *path, char *const argv[], char *const envp[])
ENOSYS_STUB(int, pith_getpid, void)
ENOSYS_STUB(int, pith_kill, int pid, int sig)
ENOSYS_STUB(int, pith_sigaction, int sig, const void *act, void *old)
ENOSYS_STUB(int, pith_sigprocmask, int how, const void *set, void *old)
ENOSYS_STUB(int, pith_sigsuspend, const void *mask)

int pith_isatty(int fd)
{
	return fd >= 0 && fd <= 2;
}

void (*host_exit_hook)(int status);

void pith__exit(int status)
{
	void (*hook)(int) = host_exit_hook;

	host_exit_hook = NULL;   /* the hook may call _exit itself */
	if (hook)
		hook(status);
	exit(status);
}

/* ---- memory for malloc ---- */
static void *blocks[4096];
static size_t nblocks;
size_t host_morecore_calls, host_morecore_limit = (size_t)-1;

static void *host_morecore(size_t n)
{
	if (nblocks == sizeof(blocks) / sizeof(blocks[0]) ||
	    host_morecore_calls >= host_morecore_limit)
		return NULL;
	host_morecore_calls++;
	/* Misaligned on purpose: malloc must cope with any address. */
	char *p = malloc(n + 8);
	if (!p)
		return NULL;
	blocks[nblocks++] = p;
	return p + 8;
}

void *(*__pith_morecore)(size_t n) = host_morecore;
