/*
 * select, pselect and poll: one FS_POLL call (proto/fs.h) with a mask of
 * descriptors for reading, one for writing and one for exceptions (every
 * descriptor is below FS_FD_MAX, 64), and a timeout in ns. fs answers with
 * what is ready: readable, writable, hung up, in error, not open. They are
 * never restarted after a signal's handler (POSIX), SA_RESTART or not.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/select.h>
#include <time.h>

#include "call.h"

struct answer {
	uint64_t m[FS_POLL_WORDS - FS_POLL_READ];
};
#define A_READ (FS_POLL_READ - FS_POLL_READ)
#define A_WRITE (FS_POLL_WRITE - FS_POLL_READ)
#define A_HUP (FS_POLL_HUP - FS_POLL_READ)
#define A_ERR (FS_POLL_ERR - FS_POLL_READ)
#define A_NVAL (FS_POLL_NVAL - FS_POLL_READ)

/* 0 and the answer, or -1 with errno. hm: hang-ups and errors wake the
 * call (poll's); xm: only checked to be open (select's exceptfds). */
static int fs_poll(uint64_t rm, uint64_t wm, uint64_t hm, uint64_t xm,
		   uint64_t ns, struct answer *a)
{
	struct ipc_buffer *ib = __pith_proc_ipcbuf();
	long r;

	ib->mr[3] = hm;
	ib->mr[4] = xm;
	r = __pith_fs_call(FS_POLL, 5, rm, wm, ns, NULL);
	if (r == -PROC_ERESTART)
		r = -EINTR;
	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	for (unsigned i = 0; i < sizeof(a->m) / sizeof(a->m[0]); i++)
		a->m[i] = ib->mr[FS_POLL_READ + i];
	return 0;
}

/* A timespec as ns (saturating at FS_POLL_FOREVER); -1 if malformed. */
static int64_t ts_ns(const struct timespec *ts, uint64_t *ns)
{
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000L)
		return -1;
	if ((uint64_t)ts->tv_sec >= (FS_POLL_FOREVER - 1) / 1000000000u - 1)
		*ns = FS_POLL_FOREVER - 1;
	else
		*ns = (uint64_t)ts->tv_sec * 1000000000u + (uint64_t)ts->tv_nsec;
	return 0;
}

static uint64_t set_mask(const fd_set *s, int n, uint64_t *beyond)
{
	uint64_t m = 0;

	for (int fd = 0; s && fd < n; fd++)
		if (FD_ISSET(fd, s)) {
			if (fd >= FS_FD_MAX)
				*beyond = 1;
			else
				m |= 1ull << fd;
		}
	return m;
}

static void mask_set(fd_set *s, int n, uint64_t m)
{
	if (!s)
		return;
	for (int fd = 0; fd < n; fd++)
		FD_CLR(fd, s);
	for (; m; m &= m - 1)
		FD_SET(__builtin_ctzll(m), s);
}

static int do_select(int n, fd_set *r, fd_set *w, fd_set *e, uint64_t ns)
{
	uint64_t beyond = 0;
	struct answer a;

	if (n < 0 || n > FD_SETSIZE) {
		errno = EINVAL;
		return -1;
	}
	uint64_t rm = set_mask(r, n, &beyond), wm = set_mask(w, n, &beyond);
	uint64_t em = set_mask(e, n, &beyond);
	if (beyond) {
		errno = EBADF;            /* no descriptor there can be open */
		return -1;
	}
	if (fs_poll(rm, wm, 0, em, ns, &a))
		return -1;
	if (a.m[A_NVAL]) {
		errno = EBADF;
		return -1;
	}
	/* As Linux's select: an end of file, a hang-up and an error are
	 * ready to read (the read returns at once); an error is ready to
	 * write too (the write fails at once). */
	uint64_t rr = (a.m[A_READ] | a.m[A_HUP] | a.m[A_ERR]) & rm;
	uint64_t wr = (a.m[A_WRITE] | a.m[A_ERR]) & wm;
	mask_set(r, n, rr);
	mask_set(w, n, wr);
	mask_set(e, n, 0);
	return __builtin_popcountll(rr) + __builtin_popcountll(wr);
}

int select(int n, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e,
	   struct timeval *restrict timeout)
{
	uint64_t ns = FS_POLL_FOREVER;

	if (timeout) {
		struct timespec ts = { timeout->tv_sec, 0 };
		if (timeout->tv_usec < 0 || timeout->tv_usec >= 1000000) {
			errno = EINVAL;
			return -1;
		}
		ts.tv_nsec = (long)timeout->tv_usec * 1000;
		if (ts_ns(&ts, &ns)) {
			errno = EINVAL;
			return -1;
		}
	}
	return do_select(n, r, w, e, ns);
}

/* The mask is set around the wait with sigprocmask: a signal that comes
 * between the two (after the mask opens, before fs holds the call) runs
 * its handler and the wait goes on to its timeout. procsrv holds no
 * pselect of its own to make the two one step (docs/signals.md). */
int pselect(int n, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e,
	    const struct timespec *restrict timeout,
	    const sigset_t *restrict mask)
{
	uint64_t ns = FS_POLL_FOREVER;
	sigset_t old;
	int res, saved;

	if (timeout && ts_ns(timeout, &ns)) {
		errno = EINVAL;
		return -1;
	}
	if (mask && sigprocmask(SIG_SETMASK, mask, &old))
		return -1;
	res = do_select(n, r, w, e, ns);
	saved = errno;
	if (mask)
		sigprocmask(SIG_SETMASK, &old, NULL);
	errno = saved;
	return res;
}

int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	uint64_t rm = 0, wm = 0, em = 0, ns = FS_POLL_FOREVER;
	struct answer a = { { 0 } };
	int ready = 0;
	bool nval = false;

	if (nfds > FS_FD_MAX) {
		errno = EINVAL;
		return -1;
	}
	for (nfds_t i = 0; i < nfds; i++) {
		int fd = fds[i].fd;
		if (fd < 0)
			continue;
		if (fd >= FS_FD_MAX) {
			nval = true;      /* never open: ready as POLLNVAL */
			continue;
		}
		uint64_t bit = 1ull << fd;
		/* No priority data nor bands here: POLLPRI, POLLRDBAND
		 * and POLLWRBAND are never ready. */
		if (fds[i].events & (POLLIN | POLLRDNORM))
			rm |= bit;
		if (fds[i].events & (POLLOUT | POLLWRNORM))
			wm |= bit;
		em |= bit;                /* hang-ups, errors: always asked */
	}
	if (timeout >= 0)
		ns = (uint64_t)timeout * 1000000u;
	if (nval)
		ns = 0;
	if ((em || ns) && fs_poll(rm, wm, em, 0, ns, &a))
		return -1;
	for (nfds_t i = 0; i < nfds; i++) {
		int fd = fds[i].fd;
		short ev = fds[i].events, rev = 0;
		fds[i].revents = 0;
		if (fd < 0)
			continue;
		if (fd >= FS_FD_MAX) {
			fds[i].revents = POLLNVAL;
			ready++;
			continue;
		}
		uint64_t bit = 1ull << fd;
		if (a.m[A_NVAL] & bit)
			rev = POLLNVAL;
		else {
			if (a.m[A_READ] & bit)
				rev |= ev & (POLLIN | POLLRDNORM);
			if (a.m[A_WRITE] & bit)
				rev |= ev & (POLLOUT | POLLWRNORM);
			if (a.m[A_HUP] & bit)
				rev |= POLLHUP;
			if (a.m[A_ERR] & bit)
				rev |= POLLERR;
		}
		fds[i].revents = rev;
		ready += rev != 0;
	}
	return ready;
}
