/*
 * Names and attributes through the file server (proto/fs.h): mkdir,
 * mkdirat, mkfifo, mkfifoat, mknod, mknodat, unlink, unlinkat, rmdir, rename, renameat, truncate,
 * ftruncate, umask, chmod, fchmod, fchmodat; and what is built on them:
 * mkstemp, mkostemp, mkdtemp, mktemp, tmpfile. Only /tmp is writable (a
 * RAM file system in fs); the boot image answers EROFS. umask is fs's (per
 * process, inherited by fork), so threads share it.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "call.h"
#include "internal.h"

/* A call of (path, length, word). */
static int path_call(uint64_t op, const char *path, uint64_t w)
{
	if (!path) {
		errno = EFAULT;
		return -1;
	}
	return (int)__pith_proc_ret(__pith_fs_call(op, 3, (uint64_t)(uintptr_t)path,
						   __pith_fs_pathlen(path), w, NULL));
}

static uint64_t at(int dirfd, uint32_t low)
{
	return low | (uint64_t)(uint32_t)dirfd << 32;
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	return path_call(FS_MKDIR, path, at(dirfd, mode));
}

int mkdir(const char *path, mode_t mode)
{
	return mkdirat(AT_FDCWD, path, mode);
}

/* The device number is not looked at: fs makes FIFOs and files only. */
int mknodat(int dirfd, const char *path, mode_t mode, dev_t dev)
{
	(void)dev;
	return path_call(FS_MKNOD, path, at(dirfd, mode));
}

int mknod(const char *path, mode_t mode, dev_t dev)
{
	return mknodat(AT_FDCWD, path, mode, dev);
}

/* mkfifo's mode is permission bits only: a type in it is not a FIFO. */
int mkfifoat(int dirfd, const char *path, mode_t mode)
{
	return mknodat(dirfd, path, S_IFIFO | (mode & 07777), 0);
}

int mkfifo(const char *path, mode_t mode)
{
	return mkfifoat(AT_FDCWD, path, mode);
}

int unlinkat(int dirfd, const char *path, int flags)
{
	return path_call(FS_UNLINK, path, at(dirfd, (uint32_t)flags));
}

int unlink(const char *path)
{
	return unlinkat(AT_FDCWD, path, 0);
}

int rmdir(const char *path)
{
	return unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}

int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	if (!oldpath || !newpath) {
		errno = EFAULT;
		return -1;
	}
	if (__pith_in_process) {   /* a root task has no such IPC buffer */
		struct ipc_buffer *ib = __pith_proc_ipcbuf();
		ib->mr[3] = (uint64_t)(uintptr_t)newpath;
		ib->mr[4] = __pith_fs_pathlen(newpath);
	}
	return (int)__pith_proc_ret(__pith_fs_call(
		FS_RENAME, 5, (uint64_t)(uintptr_t)oldpath, __pith_fs_pathlen(oldpath),
		(uint64_t)(uint32_t)olddirfd | (uint64_t)(uint32_t)newdirfd << 32, NULL));
}

int rename(const char *oldpath, const char *newpath)
{
	return renameat(AT_FDCWD, oldpath, AT_FDCWD, newpath);
}

int truncate(const char *path, off_t len)
{
	return path_call(FS_TRUNCATE, path, (uint64_t)len);
}

int ftruncate(int fd, off_t len)
{
	return (int)__pith_proc_ret(__pith_fs_call(FS_FTRUNCATE, 3, (uint64_t)(int64_t)fd,
						   (uint64_t)len, 0, NULL));
}

/* umask cannot fail; without fs (a root task) libc keeps the mask. */
mode_t umask(mode_t m)
{
	static mode_t local = 022;
	long r = __pith_fs_call(FS_UMASK, 3, m & 0777, 0, 0, NULL);

	if (r >= 0)
		return (mode_t)r;
	mode_t old = local;
	local = m & 0777;
	return old;
}

int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	/* No symbolic links: AT_SYMLINK_NOFOLLOW changes nothing. */
	if (flags & ~AT_SYMLINK_NOFOLLOW) {
		errno = EINVAL;
		return -1;
	}
	return path_call(FS_CHMOD, path, at(dirfd, mode));
}

int chmod(const char *path, mode_t mode)
{
	return fchmodat(AT_FDCWD, path, mode, 0);
}

int fchmod(int fd, mode_t mode)
{
	return (int)__pith_proc_ret(__pith_fs_call(FS_FCHMOD, 3, (uint64_t)(int64_t)fd,
						   mode, 0, NULL));
}

/* ---- temporary files ------------------------------------------------------ */

/* The six X's at the end of tmpl (suffix characters after them) replaced
 * by letters and digits until make succeeds or fails otherwise. */
static int make_unique(char *tmpl, size_t suffix, int (*make)(const char *, int),
		       int arg)
{
	static const char set[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static uint64_t seed;
	size_t len = tmpl ? strlen(tmpl) : 0;

	if (len < 6 + suffix || memcmp(tmpl + len - suffix - 6, "XXXXXX", 6)) {
		errno = EINVAL;
		return -1;
	}
	char *x = tmpl + len - suffix - 6;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	seed ^= (uint64_t)ts.tv_nsec * 0x9e3779b97f4a7c15ull ^ (uint64_t)getpid() << 32;
	for (int tries = 0; tries < 1000; tries++) {
		for (int i = 0; i < 6; i++) {
			seed = seed * 6364136223846793005ull + 1442695040888963407ull;
			x[i] = set[(seed >> 33) % (sizeof(set) - 1)];
		}
		int r = make(tmpl, arg);
		if (r >= 0 || errno != EEXIST)
			return r;
	}
	errno = EEXIST;
	return -1;
}

static int make_file(const char *path, int flags)
{
	return open(path, O_RDWR | O_CREAT | O_EXCL | flags, 0600);
}

static int make_dir(const char *path, int unused)
{
	(void)unused;
	return mkdir(path, 0700);
}

int mkostemps(char *tmpl, int suffixlen, int flags)
{
	if (suffixlen < 0 || (flags & ~(O_APPEND | O_CLOEXEC | O_SYNC))) {
		errno = EINVAL;
		return -1;
	}
	return make_unique(tmpl, (size_t)suffixlen, make_file, flags);
}

int mkostemp(char *tmpl, int flags)
{
	return mkostemps(tmpl, 0, flags);
}

int mkstemp(char *tmpl)
{
	return mkostemps(tmpl, 0, 0);
}

char *mkdtemp(char *tmpl)
{
	return make_unique(tmpl, 0, make_dir, 0) ? NULL : tmpl;
}

/* mktemp's test: 0 when no file has the name (lstat: ENOENT), else -1
 * (EEXIST to try another name, or the walk's error). */
static int name_free(const char *path, int unused)
{
	struct stat st;

	(void)unused;
	if (!lstat(path, &st)) {
		errno = EEXIST;
		return -1;
	}
	return errno == ENOENT ? 0 : -1;
}

/* Deprecated (a name is no file: another may take it first), but POSIX
 * 2001 programs call it. Failure leaves tmpl "" (errno EINVAL, EEXIST or
 * the directory's error). */
char *mktemp(char *tmpl)
{
	int saved = errno;

	if (make_unique(tmpl, 0, name_free, 0)) {
		if (tmpl)
			tmpl[0] = 0;
		return tmpl;
	}
	errno = saved;
	return tmpl;
}

/* A file in /tmp with no name: gone at its last close. */
FILE *tmpfile(void)
{
	char name[] = "/tmp/tmpfileXXXXXX";
	int fd = mkstemp(name);

	if (fd < 0)
		return NULL;
	unlink(name);
	FILE *f = fdopen(fd, "w+");
	if (!f)
		close(fd);
	return f;
}
