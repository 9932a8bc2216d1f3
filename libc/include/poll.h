/* Waiting on descriptors (<poll.h>): the file server's FS_POLL, as
 * select's (libc/fs/poll.c). Linux's values. */
#ifndef _POLL_H
#define _POLL_H

#define POLLIN     0x001
#define POLLPRI    0x002
#define POLLOUT    0x004
#define POLLERR    0x008
#define POLLHUP    0x010
#define POLLNVAL   0x020
#define POLLRDNORM 0x040
#define POLLRDBAND 0x080
#define POLLWRNORM 0x100
#define POLLWRBAND 0x200

typedef unsigned long nfds_t;

struct pollfd {
	int fd;             /* negative: ignored (revents 0) */
	short events;       /* what to wait for */
	short revents;      /* what is ready: events', and POLLERR,
			       POLLHUP, POLLNVAL always */
};

int poll(struct pollfd *fds, nfds_t nfds, int timeout);

#endif
