/*
 * Descriptors through the file server (proto/fs.h): open, creat, close, read,
 * write, pread, pwrite, lseek, dup, dup2, dup3, fcntl, pipe, pipe2. Up to
 * FS_INLINE_MAX bytes travel in the message; more are copied by fs
 * straight from or into the caller's buffer. A program not started by
 * procsrv (a root task) has no fs: write on 1 and 2 goes to the debug
 * console there (libc/posix/interim.c), the rest is ENOSYS.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "call.h"
#include "internal.h"

#define TOUCH_MAX (64u << 10)   /* a retry after EFAULT moves at most this */

void __pith_fs_touch(const void *buf, size_t n, int write)
{
	volatile char *p = (volatile char *)(uintptr_t)buf;
	uintptr_t end = (uintptr_t)buf + n;

	if (!n)
		return;
	for (uintptr_t a = (uintptr_t)buf; a < end; a = (a | 4095) + 1) {
		volatile char *c = p + (a - (uintptr_t)buf);
		if (write)
			*c = *c;
		else
			(void)*c;
	}
}

size_t __pith_fs_pathlen(const char *path)
{
	return strnlen(path, FS_PATH_MAX);
}

/* The mode travels in word 3 when O_CREAT may make a file. */
static int fs_open(int dirfd, const char *path, int flags, mode_t mode)
{
	if (!path) {
		errno = EFAULT;
		return -1;
	}
	int saved = errno, fd;
	/* A FIFO's open waits for the other end: made again after a
	 * handler with SA_RESTART (PROC_ERESTART), as read's. */
	do {
		errno = saved;
		if (__pith_in_process)   /* a root task has no such IPC buffer */
			__pith_proc_ipcbuf()->mr[3] = mode;
		fd = (int)__pith_proc_ret(__pith_fs_call(
			FS_OPEN, 4, (uint64_t)(uintptr_t)path, __pith_fs_pathlen(path),
			(uint32_t)flags | (uint64_t)(uint32_t)dirfd << 32, NULL));
	} while (fd < 0 && errno == PROC_ERESTART);
	return fd;
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;

	va_start(ap, flags);
	int fd = fs_open(dirfd, path, flags, flags & O_CREAT ? va_arg(ap, mode_t) : 0);
	va_end(ap);
	return fd;
}

int open(const char *path, int flags, ...)
{
	va_list ap;

	va_start(ap, flags);
	int fd = fs_open(AT_FDCWD, path, flags, flags & O_CREAT ? va_arg(ap, mode_t) : 0);
	va_end(ap);
	return fd;
}

int creat(const char *path, mode_t mode)
{
	return fs_open(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

int close(int fd)
{
	return (int)__pith_proc_ret(__pith_fs_call(FS_CLOSE, 3, (uint64_t)(int64_t)fd,
						   0, 0, NULL));
}

/* read / pread (off >= 0 for pread). */
static ssize_t fs_read(uint64_t op, int fd, void *buf, size_t n, off_t off)
{
	unsigned len = op == FS_PREAD ? 4 : 3;
	struct msg m;
	long r;

	if (op == FS_PREAD)
		__pith_proc_ipcbuf()->mr[3] = (uint64_t)off;
	if (n <= FS_INLINE_MAX) {
		r = __pith_fs_call(op, len, (uint64_t)(int64_t)fd, 0, n, &m);
		if (r > 0)
			memcpy(buf, __pith_fs_inline(), (size_t)r);
		return __pith_proc_ret(r);
	}
	r = __pith_fs_call(op, len, (uint64_t)(int64_t)fd, (uint64_t)(uintptr_t)buf, n, &m);
	if (r == -EFAULT) {
		/* A page not there yet (demand-zero, copy-on-write): make
		 * it, and ask again for at most what was touched. */
		if (n > TOUCH_MAX)
			n = TOUCH_MAX;
		__pith_fs_touch(buf, n, 1);
		if (op == FS_PREAD)
			__pith_proc_ipcbuf()->mr[3] = (uint64_t)off;
		r = __pith_fs_call(op, len, (uint64_t)(int64_t)fd,
				   (uint64_t)(uintptr_t)buf, n, &m);
	}
	return __pith_proc_ret(r);
}

static ssize_t fs_write(uint64_t op, int fd, const void *buf, size_t n, off_t off)
{
	struct ipc_buffer *ib = __pith_proc_ipcbuf();
	unsigned len = op == FS_PWRITE ? 4 : 3;
	long r;

	if (op == FS_PWRITE)
		ib->mr[3] = (uint64_t)off;
	if (n <= FS_INLINE_MAX) {
		memcpy(__pith_fs_inline(), buf, n);
		return __pith_proc_ret(__pith_fs_call(op, FS_DATA_WORD + (unsigned)((n + 7) / 8),
						      (uint64_t)(int64_t)fd, 0, n, NULL));
	}
	r = __pith_fs_call(op, len, (uint64_t)(int64_t)fd, (uint64_t)(uintptr_t)buf, n, NULL);
	if (r == -EFAULT) {
		if (n > TOUCH_MAX)
			n = TOUCH_MAX;
		__pith_fs_touch(buf, n, 0);
		if (op == FS_PWRITE)
			ib->mr[3] = (uint64_t)off;
		r = __pith_fs_call(op, len, (uint64_t)(int64_t)fd,
				   (uint64_t)(uintptr_t)buf, n, NULL);
	}
	return __pith_proc_ret(r);
}

/* A background job read the terminal (fs answered FS_ETTIN): SIGTTIN to
 * its process group, which stops it here until it is continued; then 0,
 * read again. EIO when SIGTTIN is ignored or blocked (POSIX); with a
 * handler, EINTR unless it has SA_RESTART. */
static int background_read(void)
{
	int r = __pith_job_signal(SIGTTIN);

	if (r > 0)
		errno = EIO;
	return r ? -1 : 0;
}

/* A pipe call a signal handler with SA_RESTART interrupted (fs answered
 * PROC_ERESTART; docs/signals.md) is made again, and so is a read of the
 * terminal by a background job once it is continued. */
ssize_t read(int fd, void *buf, size_t n)
{
	int saved = errno;
	ssize_t r;

	for (;;) {
		r = fs_read(FS_READ, fd, buf, n, 0);
		if (r >= 0 || (errno != PROC_ERESTART &&
			       (errno != FS_ETTIN || background_read())))
			return r;
		errno = saved;
	}
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	if (off < 0) {
		errno = EINVAL;
		return -1;
	}
	return fs_read(FS_PREAD, fd, buf, n, off);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	if (!__pith_in_process)
		return __pith_console_write(fd, buf, n);
	int saved = errno;
	ssize_t r;
	while ((r = fs_write(FS_WRITE, fd, buf, n, 0)) < 0 && errno == PROC_ERESTART)
		errno = saved;   /* as read */
	/* An image without a file server: standard output and error still
	 * reach the console (never a silent loss). */
	if (r < 0 && errno == ENOSYS && (fd == 1 || fd == 2))
		return __pith_console_write(fd, buf, n);
	/* A pipe without a reader: SIGPIPE too, as POSIX says (fs answers
	 * EPIPE and never calls procsrv, so the writer raises it). Ignored,
	 * the write fails with EPIPE; by default the process ends here. */
	if (r < 0 && errno == EPIPE) {
		raise(SIGPIPE);
		errno = EPIPE;
	}
	return r;
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	if (off < 0) {
		errno = EINVAL;
		return -1;
	}
	return fs_write(FS_PWRITE, fd, buf, n, off);
}

off_t lseek(int fd, off_t off, int whence)
{
	return (off_t)__pith_proc_ret(__pith_fs_call(FS_LSEEK, 3, (uint64_t)(int64_t)fd,
						     (uint64_t)off,
						     (uint64_t)(int64_t)whence, NULL));
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = cmd == F_GETFD || cmd == F_GETFL ? 0 : va_arg(ap, long);
	va_end(ap);
	return (int)__pith_proc_ret(__pith_fs_call(FS_FCNTL, 3, (uint64_t)(int64_t)fd,
						   (uint64_t)(int64_t)cmd,
						   (uint64_t)arg, NULL));
}

int dup(int fd)
{
	return fcntl(fd, F_DUPFD, 0);
}

int dup3(int fd, int fd2, int flags)
{
	return (int)__pith_proc_ret(__pith_fs_call(FS_DUP3, 3, (uint64_t)(int64_t)fd,
						   (uint64_t)(int64_t)fd2,
						   (uint64_t)(int64_t)flags, NULL));
}

int dup2(int fd, int fd2)
{
	if (fd == fd2)
		return fcntl(fd, F_GETFD) < 0 ? -1 : fd2;
	return dup3(fd, fd2, 0);
}

/* fs answers a read of an empty pipe or a write to a full one when it
 * can go on: the call simply takes longer (docs/proto-fs.md). */
int pipe2(int fds[2], int flags)
{
	struct msg m;
	long r;

	if (!fds) {
		errno = EFAULT;
		return -1;
	}
	r = __pith_fs_call(FS_PIPE, 3, (uint64_t)(uint32_t)flags, 0, 0, &m);
	if (r < 0)
		return (int)__pith_proc_ret(r);
	fds[0] = (int)m.w[1];
	fds[1] = (int)m.w[2];
	return 0;
}

int pipe(int fds[2])
{
	return pipe2(fds, 0);
}
