/*
 * select, pselect and poll (fs's FS_POLL, docs/proto-fs.md): run by
 * proctest as `polltest <case>`, one process per case, as fstest's are.
 * A case's result is its exit status: 0 passed, else the line of the
 * failed check (low byte). A watchdog child kills a case that waits
 * for good (status 128 + SIGKILL), so one lost wake-up cannot hang the
 * rest of the run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <pthread.h>
/* <sched.h> (through <pthread.h>) names Linux's clone flags, which
 * <pith/syscall.h>'s kernel ones replace here (neither is used). */
#undef CLONE_VM
#undef CLONE_SETTLS
#include <pith/syscall.h>
#include <proto/fs.h>
#include <proto/procsrv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FSCASE_PROG "polltest"
#include "fscase.h"

/* In a child: its exit status says which check failed. */
#define CHILD_CHECK(c) do { if (!(c)) _exit(__LINE__ & 0xff ? __LINE__ & 0xff : 1); } while (0)

static const char release[] = "/etc/pith-release";
static char buf[16384];              /* a full pipe's worth */

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* As exited, but a child still there after ms is killed: -2. */
static int exited_within(pid_t pid, long ms)
{
	int st;

	for (long t = 0; t < ms; t += 10) {
		pid_t got = waitpid(pid, &st, WNOHANG);
		if (got == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (st & 0x7f);
		if (got != 0)
			return -1;
		nap(10);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	return -2;
}

/* CLOCK_MONOTONIC in milliseconds. */
static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One descriptor's revents after poll with timeout 0 (-1: poll failed,
 * -2: poll did not return 0 or 1). */
static int revents_now(int fd, short events)
{
	struct pollfd p = { fd, events, 0x7777 };
	int n = poll(&p, 1, 0);

	if (n < 0)
		return -1;
	if (n != (p.revents != 0))
		return -2;
	return p.revents;
}

/* select with timeout {0,0} on one descriptor: which sets it stays in
 * (1 read, 2 write, 4 except), or -1. */
static int select_now(int fd, int which)
{
	fd_set r, w, e;
	struct timeval tv = { 0, 0 };

	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_ZERO(&e);
	if (which & 1)
		FD_SET(fd, &r);
	if (which & 2)
		FD_SET(fd, &w);
	if (which & 4)
		FD_SET(fd, &e);
	int n = select(fd + 1, &r, &w, &e, &tv);
	if (n < 0)
		return -1;
	int got = (FD_ISSET(fd, &r) ? 1 : 0) | (FD_ISSET(fd, &w) ? 2 : 0) |
		  (FD_ISSET(fd, &e) ? 4 : 0);
	return n == __builtin_popcount(got) ? got : -2;
}

/* Regular files, devices and directories are always ready; revents has
 * only what was asked for (and the bits always reported). */
static int case_files_ready(void)
{
	CHECK(POLLIN == 1 && POLLPRI == 2 && POLLOUT == 4 && POLLERR == 8);
	CHECK(POLLHUP == 0x10 && POLLNVAL == 0x20 && POLLRDNORM == 0x40);
	CHECK(POLLRDBAND == 0x80 && POLLWRNORM == 0x100 && POLLWRBAND == 0x200);
	CHECK(sizeof(struct pollfd) == 8);
	int fds[5];
	fds[0] = open(release, O_RDONLY);
	fds[1] = open("/dev/null", O_RDWR);
	fds[2] = open("/dev/zero", O_RDONLY);
	fds[3] = open("/etc", O_RDONLY | O_DIRECTORY);
	fds[4] = open("/tmp/polltest.f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(fds[0] >= 3 && fds[1] >= 3 && fds[2] >= 3 && fds[3] >= 3 && fds[4] >= 3);
	CHECK(unlink("/tmp/polltest.f") == 0);
	struct pollfd p[5];
	for (int i = 0; i < 5; i++)
		p[i] = (struct pollfd){ fds[i], POLLIN | POLLOUT, 0x7777 };
	long t0 = now_ms();
	CHECK(poll(p, 5, -1) == 5);                 /* ready: no wait */
	CHECK(now_ms() - t0 < 1000);
	for (int i = 0; i < 5; i++)
		CHECK(p[i].revents == (POLLIN | POLLOUT));
	for (int i = 0; i < 5; i++) {
		CHECK(revents_now(fds[i], POLLIN) == POLLIN);
		CHECK(revents_now(fds[i], POLLOUT) == POLLOUT);
		CHECK(revents_now(fds[i], 0) == 0);     /* nothing asked */
		CHECK(revents_now(fds[i], POLLPRI) == 0);
		CHECK(select_now(fds[i], 7) == 3);      /* never exceptional */
	}
	/* All at once, waiting for good: returns at once with every bit. */
	fd_set r, w, e;
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_ZERO(&e);
	int max = 0;
	for (int i = 0; i < 5; i++) {
		FD_SET(fds[i], &r);
		FD_SET(fds[i], &w);
		max = fds[i] > max ? fds[i] : max;
	}
	t0 = now_ms();
	CHECK(select(max + 1, &r, &w, &e, NULL) == 10);
	CHECK(now_ms() - t0 < 1000);
	for (int i = 0; i < 5; i++)
		CHECK(FD_ISSET(fds[i], &r) && FD_ISSET(fds[i], &w));
	/* A descriptor set but at or past nfds is not looked at. */
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	FD_SET(60, &r);                             /* not open */
	struct timeval tv = { 0, 0 };
	CHECK(select(fds[0] + 1, &r, NULL, NULL, &tv) == 1 && FD_ISSET(fds[0], &r));
	/* pselect with no mask is select. */
	FD_ZERO(&w);
	FD_SET(fds[1], &w);
	CHECK(pselect(fds[1] + 1, NULL, &w, NULL, NULL, NULL) == 1 && FD_ISSET(fds[1], &w));
	/* The same descriptor twice: each entry answered for itself. */
	struct pollfd twice[3] = { { fds[1], POLLIN, 0 }, { fds[1], POLLOUT, 0 },
				   { fds[1], 0, 0 } };
	CHECK(poll(twice, 3, 0) == 2);
	CHECK(twice[0].revents == POLLIN && twice[1].revents == POLLOUT && twice[2].revents == 0);
	/* /dev/zero still reads and the file still takes writes. */
	CHECK(read(fds[2], buf, 10) == 10 && buf[0] == 0 && write(fds[4], "abc", 3) == 3);
	for (int i = 0; i < 5; i++)
		CHECK(close(fds[i]) == 0);
	return 0;
}

/* A pipe's read end: ready when it holds data; a waiting select or poll
 * is woken by another process's write, before its timeout. */
static int case_pipe_readable(void)
{
	struct fs_counts c0;
	int fds[2];

	CHECK(fs_counts(&c0) == 0);
	CHECK(pipe(fds) == 0);
	CHECK(revents_now(fds[0], POLLIN) == 0);
	CHECK(select_now(fds[0], 1) == 0);
	CHECK(revents_now(fds[1], POLLOUT) == POLLOUT);
	CHECK(revents_now(fds[1], POLLOUT | POLLWRNORM) == (POLLOUT | POLLWRNORM));
	CHECK(revents_now(fds[1], POLLIN) == 0);    /* a write end never reads */
	CHECK(select_now(fds[1], 2) == 2);
	CHECK(write(fds[1], "ab", 2) == 2);
	CHECK(revents_now(fds[0], POLLIN) == POLLIN);
	CHECK(revents_now(fds[0], POLLIN | POLLRDNORM) == (POLLIN | POLLRDNORM));
	CHECK(revents_now(fds[0], POLLOUT) == 0);   /* a read end never writes */
	CHECK(select_now(fds[0], 3) == 1);
	CHECK(read(fds[0], buf, 10) == 2);
	CHECK(revents_now(fds[0], POLLIN) == 0);
	/* select woken by a child's write. */
	long t0 = now_ms();
	pid_t pid = fork();
	if (pid == 0) {
		nap(200);
		CHILD_CHECK(write(fds[1], "x", 1) == 1);
		_exit(0);
	}
	CHECK(pid > 0);
	fd_set r;
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	struct timeval tv = { 5, 0 };
	CHECK(select(fds[0] + 1, &r, NULL, NULL, &tv) == 1 && FD_ISSET(fds[0], &r));
	long dt = now_ms() - t0;
	CHECK(dt >= 150 && dt < 5000);
	CHECK(exited(pid) == 0);
	CHECK(read(fds[0], buf, 10) == 1 && buf[0] == 'x');
	/* poll woken the same way, several descriptors watched. */
	int other[2];
	CHECK(pipe(other) == 0);
	t0 = now_ms();
	pid = fork();
	if (pid == 0) {
		nap(200);
		CHILD_CHECK(write(fds[1], "y", 1) == 1);
		_exit(0);
	}
	CHECK(pid > 0);
	struct pollfd p[3] = { { other[0], POLLIN, 0 }, { fds[0], POLLIN, 0 },
			       { other[1], POLLIN, 0 } };
	CHECK(poll(p, 3, 5000) == 1);
	dt = now_ms() - t0;
	CHECK(dt >= 150 && dt < 5000);
	CHECK(p[0].revents == 0 && p[1].revents == POLLIN && p[2].revents == 0);
	CHECK(exited(pid) == 0);
	CHECK(read(fds[0], buf, 10) == 1 && buf[0] == 'y');
	CHECK(close(other[0]) == 0 && close(other[1]) == 0);
	CHECK(close(fds[0]) == 0 && close(fds[1]) == 0);
	CHECK(fs_counts_same(&c0));
	return 0;
}

/* The read end with no write end left: POLLHUP (and POLLIN while data is
 * left), readable to select; a waiter is woken when the last writer
 * closes or exits. */
static int case_pipe_hup(void)
{
	struct fs_counts c0;
	int fds[2];

	CHECK(fs_counts(&c0) == 0);
	CHECK(pipe(fds) == 0 && close(fds[1]) == 0);
	CHECK(revents_now(fds[0], POLLIN) == POLLHUP);
	CHECK(revents_now(fds[0], 0) == POLLHUP);   /* reported unasked */
	CHECK(select_now(fds[0], 5) == 1);          /* end of file: readable */
	CHECK(read(fds[0], buf, 1) == 0);
	CHECK(close(fds[0]) == 0);
	/* Data left: both, until it is read. */
	CHECK(pipe(fds) == 0 && write(fds[1], "ab", 2) == 2);
	int w2 = dup(fds[1]);
	CHECK(w2 > 0 && close(fds[1]) == 0);
	CHECK(revents_now(fds[0], POLLIN) == POLLIN);   /* a dup still writes */
	CHECK(close(w2) == 0);
	CHECK(revents_now(fds[0], POLLIN) == (POLLIN | POLLHUP));
	CHECK(read(fds[0], buf, 10) == 2);
	CHECK(revents_now(fds[0], POLLIN) == POLLHUP);
	CHECK(close(fds[0]) == 0);
	/* A waiting poll woken by a child closing the last write end (the
	 * child is still there when poll returns). */
	CHECK(pipe(fds) == 0);
	long t0 = now_ms();
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		nap(200);
		close(fds[1]);
		nap(1500);
		_exit(0);
	}
	CHECK(pid > 0 && close(fds[1]) == 0);
	struct pollfd p = { fds[0], POLLIN, 0 };
	CHECK(poll(&p, 1, 5000) == 1 && p.revents == POLLHUP);
	long dt = now_ms() - t0;
	CHECK(dt >= 150 && dt < 1500);
	CHECK(waitpid(pid, NULL, WNOHANG) == 0);    /* closed, not gone */
	CHECK(exited(pid) == 0 && close(fds[0]) == 0);
	/* A waiting select woken by the last writer's exit. */
	CHECK(pipe(fds) == 0);
	t0 = now_ms();
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		nap(200);
		_exit(0);
	}
	CHECK(pid > 0 && close(fds[1]) == 0);
	fd_set r;
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	struct timeval tv = { 5, 0 };
	CHECK(select(fds[0] + 1, &r, NULL, NULL, &tv) == 1 && FD_ISSET(fds[0], &r));
	dt = now_ms() - t0;
	CHECK(dt >= 150 && dt < 5000);
	CHECK(read(fds[0], buf, 1) == 0);
	CHECK(exited(pid) == 0 && close(fds[0]) == 0);
	/* And poll by the exit of a writer that wrote first. */
	CHECK(pipe(fds) == 0);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		CHILD_CHECK(write(fds[1], "z", 1) == 1);
		nap(200);
		_exit(0);
	}
	CHECK(pid > 0 && close(fds[1]) == 0);
	CHECK(exited(pid) == 0);
	p = (struct pollfd){ fds[0], POLLIN, 0 };
	CHECK(poll(&p, 1, 5000) == 1 && p.revents == (POLLIN | POLLHUP));
	CHECK(close(fds[0]) == 0);
	CHECK(fs_counts_same(&c0));
	return 0;
}

/* Fill a pipe through its O_NONBLOCK write end; the bytes written. */
static size_t fill(int wfd)
{
	size_t total = 0;
	ssize_t k;

	while ((k = write(wfd, buf, 1000)) > 0)
		total += (size_t)k;
	while ((k = write(wfd, buf, 1)) > 0)
		total += (size_t)k;
	return total;
}

/* The write end: POLLOUT while PIPE_BUF bytes are free; a waiter is woken
 * when a reader makes that room, not before. */
static int case_pipe_writable(void)
{
	struct fs_counts c0;
	int fds[2];

	CHECK(fs_counts(&c0) == 0);
	CHECK(pipe(fds) == 0);
	CHECK(fcntl(fds[1], F_SETFL, O_NONBLOCK) == 0);
	CHECK(revents_now(fds[1], POLLOUT) == POLLOUT);
	CHECK(fill(fds[1]) == 16384 && errno == EAGAIN);
	CHECK(revents_now(fds[1], POLLOUT) == 0);
	CHECK(revents_now(fds[1], POLLOUT | POLLIN) == 0);
	CHECK(select_now(fds[1], 2) == 0);
	CHECK(revents_now(fds[0], POLLIN) == POLLIN);
	/* Less than PIPE_BUF free: still not writable. */
	CHECK(read(fds[0], buf, 100) == 100);
	CHECK(revents_now(fds[1], POLLOUT) == 0);
	CHECK(read(fds[0], buf, PIPE_BUF - 101) == PIPE_BUF - 101);
	CHECK(revents_now(fds[1], POLLOUT) == 0 && select_now(fds[1], 2) == 0);
	CHECK(read(fds[0], buf, 1) == 1);           /* PIPE_BUF free now */
	CHECK(revents_now(fds[1], POLLOUT) == POLLOUT);
	CHECK(select_now(fds[1], 2) == 2);
	CHECK(write(fds[1], buf, PIPE_BUF) == PIPE_BUF);
	CHECK(revents_now(fds[1], POLLOUT) == 0);
	/* A child reads 3000 (not enough), then 2000 more: poll wakes after
	 * the second. */
	long t0 = now_ms();
	pid_t pid = fork();
	if (pid == 0) {
		nap(200);
		CHILD_CHECK(read(fds[0], buf, 3000) == 3000);
		nap(300);
		CHILD_CHECK(read(fds[0], buf, 2000) == 2000);
		_exit(0);
	}
	CHECK(pid > 0);
	struct pollfd p = { fds[1], POLLOUT, 0 };
	CHECK(poll(&p, 1, 5000) == 1 && p.revents == POLLOUT);
	long dt = now_ms() - t0;
	CHECK(dt >= 450 && dt < 5000);
	CHECK(exited(pid) == 0);
	/* select woken the same way. */
	CHECK(fill(fds[1]) == 5000);
	t0 = now_ms();
	pid = fork();
	if (pid == 0) {
		nap(200);
		CHILD_CHECK(read(fds[0], buf, 8000) == 8000);
		_exit(0);
	}
	CHECK(pid > 0);
	fd_set w;
	FD_ZERO(&w);
	FD_SET(fds[1], &w);
	struct timeval tv = { 5, 0 };
	CHECK(select(fds[1] + 1, NULL, &w, NULL, &tv) == 1 && FD_ISSET(fds[1], &w));
	dt = now_ms() - t0;
	CHECK(dt >= 150 && dt < 5000);
	CHECK(exited(pid) == 0);
	CHECK(write(fds[1], buf, PIPE_BUF) == PIPE_BUF);
	CHECK(close(fds[0]) == 0 && close(fds[1]) == 0);
	CHECK(fs_counts_same(&c0));
	return 0;
}

/* The write end with no read end: POLLERR; select calls it writable and
 * the write then fails with EPIPE. */
static int case_pipe_err(void)
{
	struct fs_counts c0;
	int fds[2];

	CHECK(fs_counts(&c0) == 0);
	CHECK(signal(SIGPIPE, SIG_IGN) != SIG_ERR);
	CHECK(pipe(fds) == 0 && close(fds[0]) == 0);
	int rv = revents_now(fds[1], POLLOUT);
	CHECK(rv > 0 && (rv & POLLERR) && !(rv & (POLLIN | POLLHUP | POLLNVAL)));
	CHECK(revents_now(fds[1], 0) == POLLERR);   /* reported unasked */
	CHECK(select_now(fds[1], 2) == 2);
	CHECK(FAILS(write(fds[1], "x", 1), EPIPE));
	CHECK(close(fds[1]) == 0);
	/* A full pipe, its last reader (a child) exits: a poll waiting for
	 * POLLOUT is woken with POLLERR. */
	CHECK(pipe(fds) == 0 && fcntl(fds[1], F_SETFL, O_NONBLOCK) == 0);
	CHECK(fill(fds[1]) == 16384);
	long t0 = now_ms();
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[1]);
		nap(200);
		_exit(0);
	}
	CHECK(pid > 0 && close(fds[0]) == 0);
	struct pollfd p = { fds[1], POLLOUT, 0 };
	CHECK(poll(&p, 1, 5000) == 1 && (p.revents & POLLERR));
	long dt = now_ms() - t0;
	CHECK(dt >= 150 && dt < 5000);
	CHECK(exited(pid) == 0);
	CHECK(FAILS(write(fds[1], "x", 1), EPIPE));
	CHECK(close(fds[1]) == 0);
	CHECK(fs_counts_same(&c0));
	return 0;
}

/* Descriptors not open: POLLNVAL (counted), select EBADF; negative fds
 * in poll are skipped. */
static int case_nval_badf(void)
{
	int fd = open(release, O_RDONLY), gone = open(release, O_RDONLY);

	CHECK(fd >= 3 && gone > fd && close(gone) == 0);
	CHECK(revents_now(40, POLLIN) == POLLNVAL);
	CHECK(revents_now(63, POLLOUT) == POLLNVAL);
	CHECK(revents_now(64, POLLIN) == POLLNVAL);         /* past the table */
	CHECK(revents_now(1000, POLLIN) == POLLNVAL);
	CHECK(revents_now(gone, POLLIN) == POLLNVAL);       /* closed */
	CHECK(revents_now(40, 0) == POLLNVAL);              /* unasked */
	struct pollfd p[4] = { { -1, POLLIN, 0x7777 }, { 40, POLLIN, 0x7777 },
			       { fd, POLLIN, 0x7777 }, { -5, POLLOUT, 0x7777 } };
	CHECK(poll(p, 4, -1) == 2);
	CHECK(p[0].revents == 0 && p[1].revents == POLLNVAL);
	CHECK(p[2].revents == POLLIN && p[3].revents == 0);
	/* Only negative descriptors: nothing to wait for but the timeout. */
	p[0] = (struct pollfd){ -1, POLLIN, 0x7777 };
	long t0 = now_ms();
	CHECK(poll(p, 1, 100) == 0 && p[0].revents == 0);
	CHECK(now_ms() - t0 >= 100);
	/* select: any set descriptor not open fails the call. */
	fd_set r, w, e;
	struct timeval tv = { 0, 0 };
	FD_ZERO(&r);
	FD_SET(fd, &r);
	FD_SET(40, &r);
	CHECK(FAILS(select(41, &r, NULL, NULL, &tv), EBADF));
	FD_ZERO(&w);
	FD_SET(70, &w);
	CHECK(FAILS(select(71, NULL, &w, NULL, &tv), EBADF));
	FD_ZERO(&e);
	FD_SET(gone, &e);
	CHECK(FAILS(select(gone + 1, NULL, NULL, &e, &tv), EBADF));
	FD_ZERO(&r);
	FD_SET(gone, &r);
	CHECK(FAILS(select(gone + 1, &r, NULL, NULL, NULL), EBADF));  /* no wait */
	FD_ZERO(&r);
	FD_SET(1000, &r);
	CHECK(FAILS(pselect(1001, &r, NULL, NULL, &(struct timespec){ 0, 0 }, NULL), EBADF));
	/* The good descriptor alone still works. */
	CHECK(select_now(fd, 1) == 1 && close(fd) == 0);
	return 0;
}

/* Timeouts: 0 polls once; others run out after at least their time. */
static int case_timeouts(void)
{
	struct fs_counts c0;
	int fds[2];

	CHECK(fs_counts(&c0) == 0);
	CHECK(pipe(fds) == 0);
	struct pollfd p = { fds[0], POLLIN, 0x7777 };
	long t0 = now_ms();
	CHECK(poll(&p, 1, 0) == 0 && p.revents == 0);
	CHECK(poll(NULL, 0, 0) == 0);
	CHECK(now_ms() - t0 < 500);
	t0 = now_ms();
	CHECK(poll(&p, 1, 120) == 0 && p.revents == 0);
	long dt = now_ms() - t0;
	CHECK(dt >= 120 && dt < 3000);
	t0 = now_ms();
	CHECK(poll(NULL, 0, 80) == 0);
	dt = now_ms() - t0;
	CHECK(dt >= 80 && dt < 3000);
	/* select {0, 50000}: 0, the set cleared, after 50 ms or more. */
	fd_set r;
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	struct timeval tv = { 0, 0 };
	t0 = now_ms();
	CHECK(select(fds[0] + 1, &r, NULL, NULL, &tv) == 0 && !FD_ISSET(fds[0], &r));
	CHECK(now_ms() - t0 < 500);
	FD_SET(fds[0], &r);
	tv = (struct timeval){ 0, 50000 };
	t0 = now_ms();
	CHECK(select(fds[0] + 1, &r, NULL, NULL, &tv) == 0 && !FD_ISSET(fds[0], &r));
	dt = now_ms() - t0;
	CHECK(dt >= 50 && dt < 3000);
	/* A second and a bit, seconds and microseconds both counted. */
	FD_SET(fds[0], &r);
	tv = (struct timeval){ 1, 20000 };
	t0 = now_ms();
	CHECK(select(fds[0] + 1, &r, NULL, NULL, &tv) == 0);
	dt = now_ms() - t0;
	CHECK(dt >= 1020 && dt < 4000);
	/* select(0, ...) is a sleep. */
	tv = (struct timeval){ 0, 100000 };
	t0 = now_ms();
	CHECK(select(0, NULL, NULL, NULL, &tv) == 0);
	dt = now_ms() - t0;
	CHECK(dt >= 100 && dt < 3000);
	/* pselect's timespec. */
	struct timespec ts = { 0, 60000000 };
	FD_SET(fds[0], &r);
	t0 = now_ms();
	CHECK(pselect(fds[0] + 1, &r, NULL, NULL, &ts, NULL) == 0 && !FD_ISSET(fds[0], &r));
	dt = now_ms() - t0;
	CHECK(dt >= 60 && dt < 3000);
	CHECK(ts.tv_sec == 0 && ts.tv_nsec == 60000000);    /* const: kept */
	/* A wait woken early by data leaves no timer behind: the next wait
	 * (1 s) is not ended by the first one's 300 ms running out. */
	pid_t wr = fork();
	if (wr == 0) {
		nap(100);
		CHILD_CHECK(write(fds[1], "e", 1) == 1);
		_exit(0);
	}
	CHECK(wr > 0);
	t0 = now_ms();
	CHECK(poll(&p, 1, 300) == 1 && p.revents == POLLIN);
	CHECK(read(fds[0], buf, 1) == 1 && exited(wr) == 0);
	CHECK(poll(&p, 1, 1000) == 0 && p.revents == 0);
	dt = now_ms() - t0;
	CHECK(dt >= 1000 && dt < 4000);
	/* Nothing is left waiting in fs after a timeout. */
	CHECK(close(fds[0]) == 0 && close(fds[1]) == 0);
	CHECK(fs_counts_same(&c0));
	return 0;
}

/* Several timeouts, each running out at its own time. */
static int case_timeouts_several(void)
{
	struct fs_counts c0;
	int fds[2];

	CHECK(fs_counts(&c0) == 0 && pipe(fds) == 0);
	struct pollfd p = { fds[0], POLLIN, 0 };
	long t0, dt;
	/* Two children wait 600 ms (poll) and 200 ms (select), this one
	 * 400, started in that order (a later, earlier deadline takes fs's
	 * timer over). */
	pid_t kid[2];
	for (int k = 0; k < 2; k++) {
		kid[k] = fork();
		if (kid[k] == 0) {
			long t = now_ms(), d;
			if (k == 0) {
				CHILD_CHECK(poll(&p, 1, 600) == 0);
				d = now_ms() - t;
				CHILD_CHECK(d >= 600 && d < 3000);
			} else {
				fd_set kr;
				FD_ZERO(&kr);
				FD_SET(fds[0], &kr);
				struct timeval ktv = { 0, 200000 };
				CHILD_CHECK(select(fds[0] + 1, &kr, NULL, NULL, &ktv) == 0);
				d = now_ms() - t;
				CHILD_CHECK(d >= 200 && d < 2600);
			}
			_exit(0);
		}
		CHECK(kid[k] > 0);
		nap(30);
	}
	t0 = now_ms();
	CHECK(poll(&p, 1, 400) == 0);
	dt = now_ms() - t0;
	CHECK(dt >= 400 && dt < 2800);
	CHECK(exited_within(kid[1], 3000) == 0);
	CHECK(exited_within(kid[0], 3000) == 0);    /* the 600 ms one */
	CHECK(close(fds[0]) == 0 && close(fds[1]) == 0);
	CHECK(fs_counts_same(&c0));
	return 0;
}

/* Bad arguments: EINVAL, and nothing waits. */
static int case_bad_args(void)
{
	int fds[2];
	fd_set r;
	struct timeval tv;
	struct timespec ts;

	CHECK(pipe(fds) == 0);
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	tv = (struct timeval){ 0, 0 };
	CHECK(FAILS(select(-1, &r, NULL, NULL, &tv), EINVAL));
	CHECK(FAILS(select(FD_SETSIZE + 1, &r, NULL, NULL, &tv), EINVAL));
	CHECK(FAILS(select(INT_MAX, &r, NULL, NULL, &tv), EINVAL));
	CHECK(FAILS(select(-1, NULL, NULL, NULL, NULL), EINVAL));
	CHECK(select(FD_SETSIZE, &r, NULL, NULL, &tv) == 0);   /* the largest */
	FD_SET(fds[0], &r);
	tv = (struct timeval){ -1, 0 };
	CHECK(FAILS(select(fds[0] + 1, &r, NULL, NULL, &tv), EINVAL));
	tv = (struct timeval){ 0, -1 };
	CHECK(FAILS(select(fds[0] + 1, &r, NULL, NULL, &tv), EINVAL));
	tv = (struct timeval){ 0, 1000000 };
	CHECK(FAILS(select(fds[0] + 1, &r, NULL, NULL, &tv), EINVAL));
	tv = (struct timeval){ 0, 1000000 };
	CHECK(FAILS(select(0, NULL, NULL, NULL, &tv), EINVAL));
	FD_SET(fds[1], &r);                         /* a write end: not ready */
	long t0 = now_ms();
	CHECK(FAILS(select(fds[1] + 1, &r, NULL, NULL, &(struct timeval){ 0, -5 }), EINVAL));
	CHECK(now_ms() - t0 < 500);
	ts = (struct timespec){ 0, 1000000000 };
	CHECK(FAILS(pselect(fds[0] + 1, &r, NULL, NULL, &ts, NULL), EINVAL));
	ts = (struct timespec){ -1, 0 };
	CHECK(FAILS(pselect(fds[0] + 1, &r, NULL, NULL, &ts, NULL), EINVAL));
	ts = (struct timespec){ 0, -1 };
	CHECK(FAILS(pselect(fds[0] + 1, &r, NULL, NULL, &ts, NULL), EINVAL));
	CHECK(FAILS(pselect(-1, NULL, NULL, NULL, &(struct timespec){ 0, 0 }, NULL), EINVAL));
	CHECK(FAILS(pselect(FD_SETSIZE + 1, NULL, NULL, NULL, NULL, NULL), EINVAL));
	/* poll: more than FS_FD_MAX entries. */
	static struct pollfd many[FS_FD_MAX + 2];
	for (unsigned i = 0; i < FS_FD_MAX + 2; i++)
		many[i] = (struct pollfd){ -1, POLLIN, 0 };
	CHECK(FS_FD_MAX == 64);
	CHECK(FAILS(poll(many, FS_FD_MAX + 1, 0), EINVAL));
	CHECK(FAILS(poll(many, (nfds_t)-1, 0), EINVAL));
	CHECK(poll(many, FS_FD_MAX, 0) == 0);       /* exactly 64: allowed */
	many[FS_FD_MAX - 1].fd = fds[1];
	many[FS_FD_MAX - 1].events = POLLOUT;
	CHECK(poll(many, FS_FD_MAX, 0) == 1 && many[FS_FD_MAX - 1].revents == POLLOUT);
	tv = (struct timeval){ 0, 0 };
	/* Bad addresses: the caller gets EFAULT or, if its own libc touches
	 * them, SIGSEGV; fs goes on either way. */
	for (int k = 0; k < 3; k++) {
		pid_t pid = fork();
		if (pid == 0) {
			int n = k == 0 ? poll((struct pollfd *)16, 1, 0) :
				k == 1 ? select(4, (fd_set *)24, NULL, NULL, &tv) :
				poll((struct pollfd *)(uintptr_t)0xffff800000000000ull, 2, 0);
			_exit(n == -1 && errno == EFAULT ? 0 : 1);
		}
		int st;
		CHECK(pid > 0 && waitpid(pid, &st, 0) == pid);
		CHECK(WIFEXITED(st) ? WEXITSTATUS(st) == 0 : WTERMSIG(st) == SIGSEGV);
	}
	CHECK(write(fds[1], "k", 1) == 1 && revents_now(fds[0], POLLIN) == POLLIN);
	CHECK(close(fds[0]) == 0 && close(fds[1]) == 0);
	return 0;
}

static volatile sig_atomic_t handled[NSIG];

static void on_signal(int sig)
{
	handled[sig]++;
}

/* Arm ITIMER_REAL for ms once. */
static int alarm_in(long ms)
{
	struct itimerval it = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };

	return setitimer(ITIMER_REAL, &it, NULL);
}

/* A handled signal ends a waiting select, pselect or poll with EINTR,
 * SA_RESTART or not: they are never restarted. */
static int case_eintr(void)
{
	struct fs_counts c0;
	struct sigaction sa = { 0 };
	int fds[2];
	fd_set r;

	CHECK(fs_counts(&c0) == 0);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
	CHECK(pipe(fds) == 0);
	for (int k = 0; k < 6; k++) {
		struct timeval tv = { 5, 0 };
		struct pollfd p = { fds[0], POLLIN, 0 };
		int n = handled[SIGALRM];
		int rc = -2;

		FD_ZERO(&r);
		FD_SET(fds[0], &r);
		long t0 = now_ms();
		CHECK(alarm_in(150) == 0);
		switch (k) {
		case 0: rc = select(fds[0] + 1, &r, NULL, NULL, NULL); break;
		case 1: rc = select(fds[0] + 1, &r, NULL, NULL, &tv); break;
		case 2: rc = poll(&p, 1, -1); break;
		case 3: rc = poll(&p, 1, 5000); break;
		case 4: rc = pselect(fds[0] + 1, &r, NULL, NULL, NULL, NULL); break;
		case 5: rc = select(0, NULL, NULL, NULL, &tv); break;
		}
		long dt = now_ms() - t0;
		if (rc != -1 || errno != EINTR)
			printf("  polltest eintr: call %d returned %d (errno %d)\n", k, rc, errno);
		CHECK(rc == -1 && errno == EINTR);
		CHECK(handled[SIGALRM] == n + 1);
		CHECK(dt >= 100 && dt < 4000);
		CHECK(fs_waiting_becomes(c0.waiting));  /* fs let go of it */
	}
	/* Without SA_RESTART the same. */
	sa.sa_flags = 0;
	CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
	struct pollfd p = { fds[0], POLLIN, 0 };
	CHECK(alarm_in(100) == 0);
	CHECK(FAILS(poll(&p, 1, 5000), EINTR) && handled[SIGALRM] == 7);
	/* The pipe still works after the interrupted waits. */
	CHECK(write(fds[1], "q", 1) == 1);
	CHECK(poll(&p, 1, 1000) == 1 && p.revents == POLLIN);
	CHECK(close(fds[0]) == 0 && close(fds[1]) == 0);
	CHECK(fs_counts_same(&c0));
	return 0;
}

static bool blocked(int sig)
{
	sigset_t now;

	return sigprocmask(SIG_BLOCK, NULL, &now) == 0 && sigismember(&now, sig) == 1;
}

/* SIGUSR1 and SIGUSR2 handled (counted in handled[]), SIGUSR1 blocked. */
static int mask_setup(sigset_t *empty)
{
	struct sigaction sa = { 0 };
	sigset_t usr1;

	sa.sa_handler = on_signal;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigemptyset(empty);
	if (sigaction(SIGUSR1, &sa, NULL) || sigaction(SIGUSR2, &sa, NULL))
		return -1;
	return sigprocmask(SIG_BLOCK, &usr1, NULL);
}

/* A signal blocked by the caller and pending when pselect starts: the
 * mask that opens it and the wait are one step (what pselect is for),
 * so it interrupts at once rather than running its handler before the
 * wait and leaving the wait to its timeout. */
static int case_pselect_pending(void)
{
	sigset_t empty, pend;
	int fds[2];
	fd_set r;

	CHECK(mask_setup(&empty) == 0 && pipe(fds) == 0);
	pid_t me = getpid();
	pid_t pid = fork();
	if (pid == 0)
		_exit(kill(me, SIGUSR1) == 0 ? 0 : 1);
	CHECK(pid > 0 && exited(pid) == 0);
	CHECK(sigpending(&pend) == 0 && sigismember(&pend, SIGUSR1) == 1);
	CHECK(handled[SIGUSR1] == 0);
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	struct timespec ts = { 3, 0 };
	long t0 = now_ms();
	int rc = pselect(fds[0] + 1, &r, NULL, NULL, &ts, &empty);
	long dt = now_ms() - t0;
	if (rc != -1)
		printf("  polltest pselect_pending: %d after %ld ms, handler ran %d times\n",
		       rc, dt, (int)handled[SIGUSR1]);
	CHECK(rc == -1 && errno == EINTR);
	CHECK(dt < 2000);
	CHECK(handled[SIGUSR1] == 1 && blocked(SIGUSR1));
	CHECK(close(fds[0]) == 0 && close(fds[1]) == 0);
	return 0;
}

/* pselect's mask is in force only while it waits. */
static int case_pselect_mask(void)
{
	sigset_t empty;
	int fds[2];
	fd_set r;
	struct timespec ts;

	CHECK(mask_setup(&empty) == 0 && pipe(fds) == 0);
	pid_t me = getpid(), pid;
	/* Sent while it waits: SIGUSR1, blocked by the caller, opened by
	 * the mask. */
	ts = (struct timespec){ 5, 0 };
	long t0 = now_ms();
	pid = fork();
	if (pid == 0) {
		nap(200);
		_exit(kill(me, SIGUSR1) == 0 ? 0 : 1);
	}
	CHECK(pid > 0);
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	CHECK(FAILS(pselect(fds[0] + 1, &r, NULL, NULL, &ts, &empty), EINTR));
	long dt = now_ms() - t0;
	CHECK(dt >= 150 && dt < 5000);
	CHECK(handled[SIGUSR1] == 1 && blocked(SIGUSR1) && !blocked(SIGUSR2));
	CHECK(exited(pid) == 0);
	/* The other way: SIGUSR2 open to the caller but blocked by the mask
	 * does not interrupt; it is handled once pselect has returned. */
	sigset_t usr2;
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	pid = fork();
	if (pid == 0) {
		nap(100);
		_exit(kill(me, SIGUSR2) == 0 ? 0 : 1);
	}
	CHECK(pid > 0);
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	ts = (struct timespec){ 0, 500000000 };
	t0 = now_ms();
	int rc = pselect(fds[0] + 1, &r, NULL, NULL, &ts, &usr2);
	CHECK(rc == 0 && now_ms() - t0 >= 500);
	for (int i = 0; i < 100 && handled[SIGUSR2] == 0; i++)
		nap(5);
	CHECK(handled[SIGUSR2] == 1 && !blocked(SIGUSR2) && blocked(SIGUSR1));
	CHECK(exited(pid) == 0);
	/* Ready descriptors win over no signal: a plain pselect with a mask. */
	CHECK(write(fds[1], "m", 1) == 1);
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	CHECK(pselect(fds[0] + 1, &r, NULL, NULL, &ts, &usr2) == 1 && FD_ISSET(fds[0], &r));
	CHECK(blocked(SIGUSR1) && !blocked(SIGUSR2));
	CHECK(close(fds[0]) == 0 && close(fds[1]) == 0);
	return 0;
}

static void die_now(int sig)
{
	_exit(sig);
}

/* fs forgets the waiting select or poll of a process killed or ended by
 * a handler; the pipe works on. */
static int case_killed_waiter(void)
{
	struct fs_counts c0;
	int fds[2], st;

	CHECK(fs_counts(&c0) == 0 && c0.waiting == 0);
	CHECK(pipe(fds) == 0);
	for (int k = 0; k < 3; k++) {
		pid_t pid = fork();
		if (pid == 0) {
			fd_set r;
			struct pollfd p = { fds[0], POLLIN, 0 };

			if (k == 2)
				signal(SIGUSR1, die_now);
			FD_ZERO(&r);
			FD_SET(fds[0], &r);
			if (k == 1)
				poll(&p, 1, -1);
			else
				select(fds[0] + 1, &r, NULL, NULL, NULL);
			_exit(77);
		}
		CHECK(pid > 0);
		CHECK(fs_waiting_becomes(c0.waiting + 1));
		CHECK(kill(pid, k == 0 ? SIGKILL : k == 1 ? SIGTERM : SIGUSR1) == 0);
		CHECK(waitpid(pid, &st, 0) == pid);
		if (k < 2)
			CHECK(WIFSIGNALED(st) && WTERMSIG(st) == (k == 0 ? SIGKILL : SIGTERM));
		else
			CHECK(WIFEXITED(st) && WEXITSTATUS(st) == SIGUSR1);
		CHECK(fs_waiting_becomes(c0.waiting));
	}
	/* Two waiters, one killed: the other is still woken. */
	pid_t a = fork();
	if (a == 0) {
		struct pollfd p = { fds[0], POLLIN, 0 };
		_exit(poll(&p, 1, 8000) == 1 && p.revents == POLLIN ? 0 : 1);
	}
	CHECK(a > 0 && fs_waiting_becomes(c0.waiting + 1));
	pid_t b = fork();
	if (b == 0) {
		fd_set r;
		FD_ZERO(&r);
		FD_SET(fds[0], &r);
		select(fds[0] + 1, &r, NULL, NULL, NULL);
		_exit(77);
	}
	CHECK(b > 0 && fs_waiting_becomes(c0.waiting + 2));
	CHECK(kill(b, SIGKILL) == 0 && exited(b) == 128 + SIGKILL);
	CHECK(fs_waiting_becomes(c0.waiting + 1));
	CHECK(write(fds[1], "w", 1) == 1);
	CHECK(exited(a) == 0);
	CHECK(fs_waiting_becomes(c0.waiting));
	CHECK(read(fds[0], buf, 10) == 1 && revents_now(fds[0], POLLIN) == 0);
	CHECK(close(fds[0]) == 0 && close(fds[1]) == 0);
	CHECK(fs_counts_same(&c0));
	return 0;
}

/* Eight children each wait in poll on a pipe of their own; each is woken
 * by its own write. Then the parent watches all eight at once. */
static int case_many_waiters(void)
{
	enum { N = 8 };
	struct fs_counts c0;
	int p[N][2];
	pid_t pid[N];

	CHECK(fs_counts(&c0) == 0);
	for (int i = 0; i < N; i++)
		CHECK(pipe(p[i]) == 0);
	for (int i = 0; i < N; i++) {
		pid[i] = fork();
		if (pid[i] == 0) {
			struct pollfd q = { p[i][0], POLLIN, 0 };
			CHILD_CHECK(poll(&q, 1, 10000) == 1 && q.revents == POLLIN);
			CHILD_CHECK(read(p[i][0], buf, 10) == 1 && buf[0] == 'a' + i);
			_exit(0);
		}
		CHECK(pid[i] > 0);
	}
	CHECK(fs_waiting_becomes(c0.waiting + N));
	for (int i = N - 1; i >= 0; i--)
		CHECK(write(p[i][1], &(char){ (char)('a' + i) }, 1) == 1);
	for (int i = 0; i < N; i++)
		CHECK(exited(pid[i]) == 0);
	CHECK(fs_waiting_becomes(c0.waiting));
	/* One poll and one select over all eight: only the written one. */
	struct pollfd q[N];
	fd_set r;
	int max = 0;
	FD_ZERO(&r);
	for (int i = 0; i < N; i++) {
		q[i] = (struct pollfd){ p[i][0], POLLIN, 0 };
		FD_SET(p[i][0], &r);
		max = p[i][0] > max ? p[i][0] : max;
	}
	pid_t w = fork();
	if (w == 0) {
		nap(150);
		CHILD_CHECK(write(p[5][1], "5", 1) == 1);
		nap(150);
		CHILD_CHECK(write(p[2][1], "2", 1) == 1);
		_exit(0);
	}
	CHECK(w > 0);
	CHECK(poll(q, N, 5000) == 1);
	for (int i = 0; i < N; i++)
		CHECK(q[i].revents == (i == 5 ? POLLIN : 0));
	CHECK(read(p[5][0], buf, 10) == 1);
	struct timeval tv = { 5, 0 };
	CHECK(select(max + 1, &r, NULL, NULL, &tv) == 1);
	for (int i = 0; i < N; i++)
		CHECK(FD_ISSET(p[i][0], &r) == (i == 2));
	CHECK(exited(w) == 0);
	for (int i = 0; i < N; i++)
		CHECK(close(p[i][0]) == 0 && close(p[i][1]) == 0);
	CHECK(fs_counts_same(&c0));
	return 0;
}

/* The console on 0..2: always writable; reading is looked at without
 * waiting (input may or may not be there). */
static int case_console(void)
{
	struct fs_counts c0;

	CHECK(fs_counts(&c0) == 0);
	CHECK(isatty(0) && isatty(1) && isatty(2));
	CHECK(revents_now(1, POLLOUT) == POLLOUT);
	CHECK(revents_now(2, POLLOUT) == POLLOUT);
	fd_set w;
	FD_ZERO(&w);
	FD_SET(1, &w);
	FD_SET(2, &w);
	struct timeval tv = { 0, 0 };
	CHECK(select(3, NULL, &w, NULL, &tv) == 2 && FD_ISSET(1, &w) && FD_ISSET(2, &w));
	long t0 = now_ms();
	int rv = revents_now(0, POLLIN);
	CHECK(rv == 0 || rv == POLLIN);
	CHECK(now_ms() - t0 < 1000);
	rv = revents_now(0, POLLIN | POLLOUT);     /* 0 is read and write */
	CHECK(rv == POLLOUT || rv == (POLLIN | POLLOUT));
	/* A short wait for input ends by its timeout (or by input) and
	 * leaves nothing waiting in fs. */
	struct pollfd p = { 0, POLLIN, 0 };
	t0 = now_ms();
	int n = poll(&p, 1, 100);
	long dt = now_ms() - t0;
	CHECK((n == 0 && p.revents == 0 && dt >= 100) || (n == 1 && p.revents == POLLIN));
	CHECK(dt < 3000);
	CHECK(fs_waiting_becomes(c0.waiting));
	/* A dup of the console is the console. */
	int d = dup(1);
	CHECK(d >= 3 && revents_now(d, POLLOUT) == POLLOUT && close(d) == 0);
	CHECK(fs_counts_same(&c0));
	return 0;
}

/* ---- threads: fs's limit of waiting calls per process ---- */

static int tw_fd;

/* A thread's poll: 1 woken with POLLIN, 2 EAGAIN (fs's limit), else 0. */
static void *tw_poll(void *arg)
{
	struct pollfd p = { tw_fd, POLLIN, 0 };
	int n = poll(&p, 1, 8000);

	if (n == 1 && p.revents == POLLIN)
		return (void *)1L;
	return (void *)(n == -1 && errno == EAGAIN ? 2L : 0L);
}

/* Twelve threads of one process in poll at once: at most fs's per-process
 * limit wait, the others get EAGAIN at once; one write wakes every one
 * waiting. Then a process with its threads waiting is killed: all of
 * them are forgotten. */
static int case_thread_waiters(void)
{
	enum { T = 12 };
	struct fs_counts c0, c;
	int fds[2];
	pthread_t t[T];

	CHECK(fs_counts(&c0) == 0 && pipe(fds) == 0);
	tw_fd = fds[0];
	for (int i = 0; i < T; i++)
		CHECK(pthread_create(&t[i], NULL, tw_poll, NULL) == 0);
	/* Let them all reach fs, then see how many wait. */
	uint64_t last = ~0ull;
	for (int i = 0; i < 60; i++) {
		nap(20);
		CHECK(fs_counts(&c) == 0);
		if (c.waiting == last && c.waiting > c0.waiting)
			break;
		last = c.waiting;
	}
	uint64_t held = c.waiting - c0.waiting;
	CHECK(held >= 1 && held <= T);
	CHECK(write(fds[1], "t", 1) == 1);
	long woken = 0, refused = 0;
	for (int i = 0; i < T; i++) {
		void *r;
		CHECK(pthread_join(t[i], &r) == 0);
		woken += (long)r == 1;
		refused += (long)r == 2;
	}
	if (woken + refused != T || (uint64_t)woken != held)
		printf("  polltest thread_waiters: %d held, %ld woken, %ld EAGAIN\n",
		       (int)held, woken, refused);
	CHECK(woken + refused == T && (uint64_t)woken == held);
	CHECK(fs_waiting_becomes(c0.waiting));
	CHECK(read(fds[0], buf, 10) == 1);
	/* Killed with its threads waiting. */
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < 6; i++)
			pthread_create(&t[i], NULL, tw_poll, NULL);
		tw_poll(NULL);
		_exit(77);
	}
	CHECK(pid > 0);
	CHECK(fs_waiting_becomes(c0.waiting + 7));
	CHECK(kill(pid, SIGKILL) == 0 && exited(pid) == 128 + SIGKILL);
	CHECK(fs_waiting_becomes(c0.waiting));
	/* fs serves the pipe as before. */
	CHECK(write(fds[1], "u", 1) == 1 && revents_now(fds[0], POLLIN) == POLLIN);
	CHECK(close(fds[0]) == 0 && close(fds[1]) == 0);
	CHECK(fs_counts_same(&c0));
	return 0;
}

static const struct { const char *name; int (*fn)(void); } cases[] = {
	{ "files_ready", case_files_ready }, { "pipe_readable", case_pipe_readable },
	{ "pipe_hup", case_pipe_hup }, { "pipe_writable", case_pipe_writable },
	{ "pipe_err", case_pipe_err }, { "nval_badf", case_nval_badf },
	{ "timeouts", case_timeouts }, { "timeouts_several", case_timeouts_several },
	{ "bad_args", case_bad_args },
	{ "eintr", case_eintr }, { "pselect_mask", case_pselect_mask },
	{ "pselect_pending", case_pselect_pending },
	{ "killed_waiter", case_killed_waiter }, { "many_waiters", case_many_waiters },
	{ "console", case_console }, { "thread_waiters", case_thread_waiters },
};

int main(int argc, char **argv)
{
	for (unsigned i = 0; argc == 2 && i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (strcmp(argv[1], cases[i].name))
			continue;
		pid_t me = getpid(), dog = fork();
		if (dog == 0) {
			nap(20000);
			printf("  polltest %s: still running after 20 s, killed\n", argv[1]);
			kill(me, SIGKILL);
			_exit(0);
		}
		int rc = cases[i].fn();
		kill(dog, SIGKILL);
		waitpid(dog, NULL, 0);
		return rc;
	}
	printf("polltest: no such case\n");
	return 99;
}
