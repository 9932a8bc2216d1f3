/* Waiting on descriptors (<sys/select.h>): the file server's FS_POLL
 * (libc/fs/poll.c). Descriptors are below 64 (FS_FD_MAX): one set beyond
 * that names a descriptor that cannot be open (EBADF). */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#define __PITH_NEED_time_t
#define __PITH_NEED_suseconds_t
#define __PITH_NEED_sigset_t
#define __PITH_NEED_timespec
#define __PITH_NEED_timeval
#include <bits/types.h>

#define FD_SETSIZE 1024

typedef struct {
	unsigned long fds_bits[FD_SETSIZE / (8 * sizeof(unsigned long))];
} fd_set;

#define __FD_WORD(fd) ((unsigned)(fd) / (8 * sizeof(unsigned long)))
#define __FD_BIT(fd) (1ul << ((unsigned)(fd) % (8 * sizeof(unsigned long))))
#define FD_ZERO(s) do { \
	for (unsigned __i = 0; __i < sizeof((s)->fds_bits) / sizeof(unsigned long); __i++) \
		(s)->fds_bits[__i] = 0; \
} while (0)
#define FD_SET(fd, s) ((void)((s)->fds_bits[__FD_WORD(fd)] |= __FD_BIT(fd)))
#define FD_CLR(fd, s) ((void)((s)->fds_bits[__FD_WORD(fd)] &= ~__FD_BIT(fd)))
#define FD_ISSET(fd, s) (((s)->fds_bits[__FD_WORD(fd)] & __FD_BIT(fd)) != 0)

int select(int n, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e,
	   struct timeval *restrict timeout);
int pselect(int n, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e,
	    const struct timespec *restrict timeout,
	    const sigset_t *restrict mask);

#endif
