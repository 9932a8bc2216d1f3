/*
 * Named pipes (mkfifo, mknod S_IFIFO) in /tmp (docs/proto-fs.md, FIFOs):
 * the node and its errors, opens that wait for the other end, O_NONBLOCK
 * and O_RDWR opens, end of file and SIGPIPE, a waiting open interrupted
 * and killed, unlink while open, poll, the limit of waiting opens. Run by proctest as
 * `fifotest <case>`, one process per case, as fstest is. A case's result
 * is its exit status: 0 passed, else the line of the failed check (low
 * byte).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FSCASE_PROG "fifotest"
#include "fscase.h"

static const char fifo[] = "/tmp/fifo";

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

static unsigned char listed_type(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	unsigned char t = 0xff;

	if (!d)
		return t;
	while ((e = readdir(d)))
		if (!strcmp(e->d_name, name))
			t = e->d_type;
	closedir(d);
	return t;
}

/* As uid 1000 (in a child): no FIFO in a directory of root's 0755. */
static int user_denied(void)
{
	if (setgid(100) || setuid(1000))
		return 1;
	if (!FAILS(mkfifo("/tmp/fifo_ro/x", 0600), EACCES))
		return 2;
	if (!FAILS(mknod("/tmp/fifo_ro/x", S_IFCHR | 0600, 0), EPERM))
		return 3;
	return 0;
}

/* mkfifo and mknod: the node, its mode and owner, every error. */
static int case_errors(void)
{
	struct stat st;
	char longname[300];
	mode_t old = umask(022);

	CHECK(mkfifo(fifo, 0666) == 0);
	CHECK(stat(fifo, &st) == 0 && S_ISFIFO(st.st_mode) && st.st_size == 0);
	CHECK((st.st_mode & 07777) == 0644 && st.st_uid == getuid() && st.st_nlink == 1);
	CHECK(listed_type("/tmp", "fifo") == DT_FIFO);
	CHECK(FAILS(mkfifo(fifo, 0600), EEXIST));
	CHECK(FAILS(mkfifo("/tmp", 0600), EEXIST));
	CHECK(FAILS(mkfifo("/tmp/nope/x", 0600), ENOENT));
	CHECK(FAILS(mkfifo("/etc/pith-release/x", 0600), ENOTDIR));
	CHECK(FAILS(mkfifo("/etc/x", 0600), EROFS));
	CHECK(FAILS(mkfifo("", 0600), ENOENT));
	memset(longname, 'n', sizeof(longname));
	memcpy(longname, "/tmp/", 5);
	longname[sizeof(longname) - 1] = 0;
	CHECK(FAILS(mkfifo(longname, 0600), ENAMETOOLONG));
	/* rename and unlink work on it; chmod too. */
	CHECK(rename(fifo, "/tmp/fifo2") == 0 && FAILS(stat(fifo, &st), ENOENT));
	CHECK(chmod("/tmp/fifo2", 0600) == 0 && stat("/tmp/fifo2", &st) == 0 &&
	      S_ISFIFO(st.st_mode) && (st.st_mode & 07777) == 0600);
	CHECK(FAILS(truncate("/tmp/fifo2", 0), EINVAL));
	CHECK(FAILS(rmdir("/tmp/fifo2"), ENOTDIR));
	CHECK(unlink("/tmp/fifo2") == 0 && FAILS(stat("/tmp/fifo2", &st), ENOENT));
	/* mknod: S_IFIFO as mkfifo, a plain file as Linux, no devices. */
	CHECK(mknod(fifo, S_IFIFO | 0640, 0) == 0 && stat(fifo, &st) == 0 &&
	      S_ISFIFO(st.st_mode) && (st.st_mode & 07777) == 0640);
	CHECK(FAILS(mknod(fifo, S_IFIFO | 0640, 0), EEXIST) && unlink(fifo) == 0);
	CHECK(mknodat(AT_FDCWD, "/tmp/plain", 0600, 0) == 0 && stat("/tmp/plain", &st) == 0 &&
	      S_ISREG(st.st_mode) && st.st_size == 0 && unlink("/tmp/plain") == 0);
	CHECK(FAILS(mknod(fifo, S_IFDIR | 0700, 0), EPERM));
	CHECK(FAILS(mknod(fifo, S_IFCHR | 0600, 0), EPERM));
	CHECK(FAILS(mknod(fifo, S_IFBLK | 0600, 0), EPERM));
	CHECK(FAILS(mknod(fifo, 0170000 | 0600, 0), EINVAL));
	CHECK(FAILS(mknod(fifo, 0030000 | 0600, 0), EINVAL));
	CHECK(FAILS(stat(fifo, &st), ENOENT));
	/* A user's limits. */
	CHECK(mkdir("/tmp/fifo_ro", 0755) == 0);
	pid_t pid = fork();
	if (pid == 0)
		_exit(user_denied());
	CHECK(exited(pid) == 0 && rmdir("/tmp/fifo_ro") == 0);
	/* The umask applies. */
	umask(077);
	CHECK(mkfifoat(AT_FDCWD, fifo, 0666) == 0 && stat(fifo, &st) == 0 &&
	      (st.st_mode & 07777) == 0600 && unlink(fifo) == 0);
	umask(old);
	return 0;
}

/* In a child: open fifo with flags, then read everything to end of file
 * (expecting want) or write what. */
static pid_t peer(int flags, const char *what, const char *want)
{
	pid_t pid = fork();

	if (pid == 0) {
		char buf[64];
		size_t got = 0;
		ssize_t k;
		int fd = open(fifo, flags);
		if (fd < 0)
			_exit(10);
		if (what)
			_exit(write(fd, what, strlen(what)) == (ssize_t)strlen(what) ? 0 : 11);
		while ((k = read(fd, buf + got, sizeof(buf) - got)) > 0)
			got += (size_t)k;
		_exit(k == 0 && got == strlen(want) && !memcmp(buf, want, got) ? 0 : 12);
	}
	return pid;
}

/* The reader opens first and waits for a writer. */
static int case_reader_first(void)
{
	struct fs_counts c0;

	CHECK(fs_counts(&c0) == 0 && c0.waiting == 0 && mkfifo(fifo, 0600) == 0);
	pid_t pid = peer(O_RDONLY, NULL, "hello, fifo");
	CHECK(pid > 0 && fs_waiting_becomes(1));
	int fd = open(fifo, O_WRONLY);
	CHECK(fd >= 0 && fs_waiting_becomes(0));
	CHECK(FAILS(lseek(fd, 0, SEEK_CUR), ESPIPE));
	CHECK(FAILS(pwrite(fd, "x", 1, 0), ESPIPE) && FAILS(ftruncate(fd, 0), EINVAL));
	struct stat st;
	CHECK(fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode) && st.st_nlink == 1);
	CHECK(write(fd, "hello, ", 7) == 7 && write(fd, "fifo", 4) == 4);
	CHECK(close(fd) == 0 && exited(pid) == 0);
	CHECK(unlink(fifo) == 0 && fs_counts_same(&c0));
	return 0;
}

/* The writer opens first and waits for a reader. */
static int case_writer_first(void)
{
	struct fs_counts c0;
	char buf[16];

	CHECK(fs_counts(&c0) == 0 && mkfifo(fifo, 0600) == 0);
	pid_t pid = peer(O_WRONLY, "written", NULL);
	CHECK(pid > 0 && fs_waiting_becomes(1));
	int fd = open(fifo, O_RDONLY);
	CHECK(fd >= 0 && exited(pid) == 0);
	CHECK(read(fd, buf, sizeof(buf)) == 7 && !memcmp(buf, "written", 7));
	CHECK(read(fd, buf, sizeof(buf)) == 0);          /* the writer is gone */
	CHECK(close(fd) == 0);
	/* Two readers waiting, one writer: all three go on. */
	pid_t a = peer(O_RDONLY, NULL, ""), b = peer(O_RDONLY, NULL, "");
	CHECK(a > 0 && b > 0 && fs_waiting_becomes(2));
	CHECK((fd = open(fifo, O_WRONLY)) >= 0 && fs_waiting_becomes(0));
	CHECK(close(fd) == 0 && exited(a) == 0 && exited(b) == 0);
	CHECK(unlink(fifo) == 0 && fs_counts_same(&c0));
	return 0;
}

/* O_NONBLOCK: a reader at once, a writer without a reader ENXIO. */
static int case_nonblock(void)
{
	struct fs_counts c0;
	char buf[16];
	int r, w;

	CHECK(fs_counts(&c0) == 0 && mkfifo(fifo, 0600) == 0);
	CHECK(FAILS(open(fifo, O_WRONLY | O_NONBLOCK), ENXIO));
	CHECK((r = open(fifo, O_RDONLY | O_NONBLOCK)) >= 0);
	CHECK(read(r, buf, sizeof(buf)) == 0);          /* no writer: end of file */
	CHECK((w = open(fifo, O_WRONLY | O_NONBLOCK)) >= 0);
	CHECK(FAILS(read(r, buf, sizeof(buf)), EAGAIN));
	CHECK(write(w, "abc", 3) == 3 && read(r, buf, sizeof(buf)) == 3);
	/* A blocking writer finds the reader there: no wait. */
	int w2 = open(fifo, O_WRONLY);
	CHECK(w2 >= 0 && write(w2, "d", 1) == 1 && read(r, buf, 1) == 1 && buf[0] == 'd');
	CHECK(close(w2) == 0 && close(w) == 0);
	CHECK(read(r, buf, sizeof(buf)) == 0 && close(r) == 0);
	CHECK(FAILS(open(fifo, O_WRONLY | O_NONBLOCK), ENXIO));
	/* A reader waiting in open counts: a non-blocking writer opens. */
	pid_t pid = peer(O_RDONLY, NULL, "xy");
	CHECK(pid > 0 && fs_waiting_becomes(1));
	CHECK((w = open(fifo, O_WRONLY | O_NONBLOCK)) >= 0 && write(w, "xy", 2) == 2);
	CHECK(close(w) == 0 && exited(pid) == 0);
	CHECK(unlink(fifo) == 0 && fs_counts_same(&c0));
	return 0;
}

/* O_RDWR: at once, both ends in one description; a pipe lives while
 * any end is open and its data goes with it. */
static int case_rdwr(void)
{
	struct fs_counts c0;
	char buf[16];
	int fd, r;

	CHECK(fs_counts(&c0) == 0 && mkfifo(fifo, 0600) == 0);
	CHECK((fd = open(fifo, O_RDWR)) >= 0 && (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
	CHECK(write(fd, "self", 4) == 4 && read(fd, buf, sizeof(buf)) == 4 &&
	      !memcmp(buf, "self", 4));
	/* A reader opens at once (a writer is there) and shares the pipe. */
	CHECK((r = open(fifo, O_RDONLY)) >= 0);
	CHECK(write(fd, "both", 4) == 4 && read(r, buf, 2) == 2 && !memcmp(buf, "bo", 2));
	CHECK(read(fd, buf, sizeof(buf)) == 2 && !memcmp(buf, "th", 2));
	CHECK(fcntl(fd, F_SETFL, O_NONBLOCK) == 0 && FAILS(read(fd, buf, 1), EAGAIN));
	CHECK(write(fd, "left", 4) == 4);
	CHECK(close(fd) == 0 && close(r) == 0 && fs_counts_same(&c0));
	/* No opener a moment: a new pipe, the bytes left are gone. */
	CHECK((fd = open(fifo, O_RDWR | O_NONBLOCK)) >= 0 && FAILS(read(fd, buf, 1), EAGAIN));
	CHECK(close(fd) == 0 && unlink(fifo) == 0 && fs_counts_same(&c0));
	return 0;
}

/* End of file when the last writer closes; SIGPIPE and EPIPE when no
 * reader is left. */
static int case_eof_sigpipe(void)
{
	struct fs_counts c0;
	char buf[16];
	int r, w, w2, status;

	CHECK(fs_counts(&c0) == 0 && mkfifo(fifo, 0600) == 0);
	CHECK((r = open(fifo, O_RDONLY | O_NONBLOCK)) >= 0 && (w = open(fifo, O_WRONLY)) >= 0);
	CHECK(fcntl(r, F_SETFL, 0) == 0 && (w2 = dup(w)) >= 0);
	CHECK(write(w, "a", 1) == 1 && close(w) == 0 && read(r, buf, 8) == 1);
	CHECK(write(w2, "b", 1) == 1 && close(w2) == 0);
	CHECK(read(r, buf, 8) == 1 && buf[0] == 'b' && read(r, buf, 8) == 0);
	/* A writer again on the same pipe (the reader holds it). */
	CHECK((w = open(fifo, O_WRONLY)) >= 0 && write(w, "c", 1) == 1);
	CHECK(read(r, buf, 8) == 1 && buf[0] == 'c' && close(r) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		(void)write(w, "x", 1);
		_exit(0);                 /* not reached: SIGPIPE ends it */
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE);
	CHECK(signal(SIGPIPE, SIG_IGN) != SIG_ERR && FAILS(write(w, "x", 1), EPIPE));
	CHECK(signal(SIGPIPE, SIG_DFL) == SIG_IGN && close(w) == 0);
	CHECK(unlink(fifo) == 0 && fs_counts_same(&c0));
	return 0;
}

static void on_usr1(int sig)
{
	(void)sig;
}

/* In a child: a handler for SIGUSR1 (flags), then an open of fifo that
 * waits: 0 when it fails with EINTR (want_eintr) or succeeds. */
static pid_t interrupted_opener(int flags, bool want_eintr)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = flags };
		if (sigaction(SIGUSR1, &sa, NULL))
			_exit(20);
		int fd = open(fifo, O_RDONLY);
		if (want_eintr)
			_exit(fd == -1 && errno == EINTR ? 0 : 21);
		_exit(fd >= 0 ? 0 : 22);
	}
	return pid;
}

/* A waiting open: EINTR at a signal, made again with SA_RESTART, and
 * dropped when its process is killed (fs's waiting count back). */
static int case_interrupt(void)
{
	struct fs_counts c0;
	int fd;

	CHECK(fs_counts(&c0) == 0 && mkfifo(fifo, 0600) == 0);
	pid_t pid = interrupted_opener(0, true);
	CHECK(pid > 0 && fs_waiting_becomes(1));
	CHECK(kill(pid, SIGUSR1) == 0 && exited(pid) == 0 && fs_waiting_becomes(0));
	pid = interrupted_opener(SA_RESTART, false);
	CHECK(pid > 0 && fs_waiting_becomes(1));
	CHECK(kill(pid, SIGUSR1) == 0);
	nap(50);
	CHECK(fs_waiting_becomes(1));                    /* waiting again */
	CHECK((fd = open(fifo, O_WRONLY)) >= 0 && exited(pid) == 0 && close(fd) == 0);
	pid = interrupted_opener(0, true);
	CHECK(pid > 0 && fs_waiting_becomes(1));
	CHECK(kill(pid, SIGKILL) == 0 && exited(pid) == 128 + SIGKILL);
	CHECK(fs_waiting_becomes(0));
	CHECK(FAILS(open(fifo, O_WRONLY | O_NONBLOCK), ENXIO));   /* nobody left */
	CHECK(unlink(fifo) == 0 && fs_counts_same(&c0));
	return 0;
}

/* Unlinked while open: the open ends go on; a new FIFO of that name is
 * another one. */
static int case_unlink(void)
{
	struct fs_counts c0;
	struct stat st;
	char buf[16];
	int r, w, r2;

	CHECK(fs_counts(&c0) == 0 && mkfifo(fifo, 0600) == 0);
	CHECK((r = open(fifo, O_RDONLY | O_NONBLOCK)) >= 0 && (w = open(fifo, O_WRONLY)) >= 0);
	CHECK(unlink(fifo) == 0 && FAILS(stat(fifo, &st), ENOENT));
	CHECK(fstat(r, &st) == 0 && S_ISFIFO(st.st_mode) && st.st_nlink == 0);
	CHECK(write(w, "still", 5) == 5 && read(r, buf, sizeof(buf)) == 5);
	CHECK(mkfifo(fifo, 0600) == 0 && (r2 = open(fifo, O_RDONLY | O_NONBLOCK)) >= 0);
	CHECK(write(w, "old", 3) == 3 && read(r2, buf, sizeof(buf)) == 0);
	CHECK(read(r, buf, sizeof(buf)) == 3);
	CHECK(close(r2) == 0 && close(w) == 0 && read(r, buf, 1) == 0 && close(r) == 0);
	CHECK(unlink(fifo) == 0 && fs_counts_same(&c0));
	return 0;
}

/* poll and select on a FIFO's ends: a reader that came first is not hung
 * up until a writer has come and gone; readable when data comes, hung up
 * when the writer goes; the write end writable. */
static int case_poll(void)
{
	struct fs_counts c0;
	char buf[16];
	int r, w;

	CHECK(fs_counts(&c0) == 0 && mkfifo(fifo, 0600) == 0);
	/* A reader before any writer: no hang-up yet (Linux's rule), so a
	 * poll waits for a writer to come and go. */
	CHECK((r = open(fifo, O_RDONLY | O_NONBLOCK)) >= 0);
	struct pollfd p[2] = { { r, POLLIN, 0 }, { -1, POLLOUT, 0 } };
	CHECK(poll(p, 1, 0) == 0);
	fd_set rs;
	struct timeval tv = { 0, 0 };
	FD_ZERO(&rs);
	FD_SET(r, &rs);
	CHECK(select(r + 1, &rs, NULL, NULL, &tv) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		nap(100);
		int fd = open(fifo, O_WRONLY);
		_exit(fd >= 0 && close(fd) == 0 ? 0 : 1);
	}
	CHECK(pid > 0 && poll(p, 1, 5000) == 1 && p[0].revents == POLLHUP);
	CHECK(exited(pid) == 0 && read(r, buf, sizeof(buf)) == 0);
	CHECK((w = open(fifo, O_WRONLY)) >= 0);
	p[1].fd = w;
	CHECK(poll(p, 2, 0) == 1 && p[0].revents == 0 && p[1].revents == POLLOUT);
	pid = fork();
	if (pid == 0) {
		nap(100);
		_exit(write(w, "late", 4) == 4 ? 0 : 1);
	}
	CHECK(pid > 0 && poll(p, 1, 5000) == 1 && (p[0].revents & POLLIN));
	CHECK(exited(pid) == 0 && read(r, buf, sizeof(buf)) == 4);
	CHECK(poll(p, 1, 0) == 0);
	CHECK(close(w) == 0 && poll(p, 1, 1000) == 1 && (p[0].revents & POLLHUP));
	CHECK(close(r) == 0 && unlink(fifo) == 0 && fs_counts_same(&c0));
	return 0;
}

/* 32 opens wait at most (fs's FWAIT_MAX): the next is EAGAIN; one
 * writer lets them all go on. */
static int case_many(void)
{
	struct fs_counts c0;
	pid_t pids[32];
	int fd;

	CHECK(fs_counts(&c0) == 0 && mkfifo(fifo, 0600) == 0);
	for (int i = 0; i < 32; i++)
		CHECK((pids[i] = peer(O_RDONLY, NULL, "")) > 0);
	CHECK(fs_waiting_becomes(32));
	CHECK(FAILS(open(fifo, O_RDONLY), EAGAIN));
	CHECK((fd = open(fifo, O_WRONLY)) >= 0 && fs_waiting_becomes(0));
	CHECK(close(fd) == 0);
	for (int i = 0; i < 32; i++)
		CHECK(exited(pids[i]) == 0);
	CHECK(unlink(fifo) == 0 && fs_counts_same(&c0));
	return 0;
}

static const struct { const char *name; int (*fn)(void); } cases[] = {
	{ "errors", case_errors }, { "reader_first", case_reader_first },
	{ "writer_first", case_writer_first }, { "nonblock", case_nonblock },
	{ "rdwr", case_rdwr }, { "eof_sigpipe", case_eof_sigpipe },
	{ "interrupt", case_interrupt }, { "unlink", case_unlink },
	{ "poll", case_poll }, { "many", case_many },
};

int main(int argc, char **argv)
{
	for (unsigned i = 0; argc == 2 && i < sizeof(cases) / sizeof(cases[0]); i++)
		if (!strcmp(argv[1], cases[i].name)) {
			int r = cases[i].fn();
			unlink(fifo);          /* what a failed case left */
			return r;
		}
	printf("fifotest: no such case\n");
	return 99;
}
