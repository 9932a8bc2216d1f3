/*
 * File status and the working directory through the file server
 * (proto/fs.h): stat, fstat, lstat, fstatat, access, faccessat, isatty,
 * chdir, fchdir, getcwd. The cwd is fs's (per process, inherited by
 * fork), so every thread of a process shares it.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "call.h"
#include "internal.h"

static void fill_stat(struct stat *st)
{
	struct fs_stat s;

	memcpy(&s, &__pith_proc_ipcbuf()->mr[3], sizeof(s));
	memset(st, 0, sizeof(*st));
	st->st_dev = s.dev;
	st->st_ino = s.ino;
	st->st_mode = s.mode;
	st->st_nlink = s.nlink;
	st->st_uid = s.uid;
	st->st_gid = s.gid;
	st->st_rdev = s.rdev;
	st->st_size = (off_t)s.size;
	st->st_blksize = 4096;
	st->st_blocks = (blkcnt_t)s.blocks;
	st->st_mtim.tv_sec = s.mtime;
	st->st_mtim.tv_nsec = s.mtime_ns;
	st->st_atim.tv_sec = s.atime;
	st->st_atim.tv_nsec = s.atime_ns;
	st->st_ctim.tv_sec = s.ctime;
	st->st_ctim.tv_nsec = s.ctime_ns;
}

int fstatat(int dirfd, const char *restrict path, struct stat *restrict st,
	    int flags)
{
	if (!path) {
		errno = EFAULT;
		return -1;
	}
	long r = __pith_fs_call(FS_STAT, 3, (uint64_t)(uintptr_t)path,
				__pith_fs_pathlen(path),
				(uint32_t)flags | (uint64_t)(uint32_t)dirfd << 32, NULL);
	if (r == 0)
		fill_stat(st);
	return (int)__pith_proc_ret(r);
}

int stat(const char *restrict path, struct stat *restrict st)
{
	return fstatat(AT_FDCWD, path, st, 0);
}

int lstat(const char *restrict path, struct stat *restrict st)
{
	return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

int fstat(int fd, struct stat *st)
{
	long r = __pith_fs_call(FS_FSTAT, 3, (uint64_t)(int64_t)fd, 0, 0, NULL);

	if (r == 0)
		fill_stat(st);
	return (int)__pith_proc_ret(r);
}

int faccessat(int dirfd, const char *path, int mode, int flags)
{
	if (!path) {
		errno = EFAULT;
		return -1;
	}
	if ((mode & ~7) || (flags & 0xff)) {
		errno = EINVAL;
		return -1;
	}
	return (int)__pith_proc_ret(__pith_fs_call(
		FS_ACCESS, 3, (uint64_t)(uintptr_t)path, __pith_fs_pathlen(path),
		(uint64_t)(unsigned)mode | (uint64_t)((unsigned)flags >> 8) << 8 |
		(uint64_t)(uint32_t)dirfd << 32, NULL));
}

int access(const char *path, int mode)
{
	return faccessat(AT_FDCWD, path, mode, 0);
}

int isatty(int fd)
{
	struct stat st;

	if (!__pith_in_process)
		return __pith_console_isatty(fd);
	if (fstat(fd, &st))
		return 0;                 /* errno: EBADF */
	if (S_ISCHR(st.st_mode) && st.st_rdev == FS_DEV_CONSOLE)
		return 1;
	errno = ENOTTY;
	return 0;
}

int chdir(const char *path)
{
	if (!path) {
		errno = EFAULT;
		return -1;
	}
	return (int)__pith_proc_ret(__pith_fs_call(FS_CHDIR, 3, (uint64_t)(uintptr_t)path,
						   __pith_fs_pathlen(path), 0, NULL));
}

int fchdir(int fd)
{
	return (int)__pith_proc_ret(__pith_fs_call(FS_FCHDIR, 3, (uint64_t)(int64_t)fd,
						   0, 0, NULL));
}

/* glibc's: a NULL buf is allocated, of size bytes or (size 0) just
 * enough. */
char *getcwd(char *buf, size_t size)
{
	char path[FS_INLINE_MAX];
	long r = __pith_fs_call(FS_GETCWD, 3, 0, 0, 0, NULL);

	if (r > 0 && r <= FS_INLINE_MAX)
		memcpy(path, __pith_fs_inline(), (size_t)r);  /* before malloc calls */
	else if (r >= 0)
		r = -ENAMETOOLONG;
	if (r < 0) {
		errno = (int)-r;
		return NULL;
	}
	if (buf && !size) {
		errno = EINVAL;
		return NULL;
	}
	if (size && (size_t)r > size) {
		errno = ERANGE;
		return NULL;
	}
	char *out = buf ? buf : malloc(size ? size : (size_t)r);
	if (!out) {
		errno = ENOMEM;
		return NULL;
	}
	memcpy(out, path, (size_t)r);
	return out;
}
