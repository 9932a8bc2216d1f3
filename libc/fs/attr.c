/*
 * Owners, times, room and limits of files through the file server
 * (proto/fs.h): chown, fchown, lchown, fchownat (FS_CHOWN); utimensat,
 * futimens, utimes (FS_UTIMENS); posix_fallocate (FS_FALLOCATE); and
 * what fstat and stat answer alone: fsync, fdatasync, posix_fadvise,
 * pathconf, fpathconf; sync. Everything fs keeps is in RAM or read-only, so
 * there is nothing to flush or advise: those only check the descriptor.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "call.h"
#include "internal.h"

/* ---- owners ------------------------------------------------------------- */

int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags)
{
	if (!path) {
		errno = EFAULT;
		return -1;
	}
	if (__pith_in_process)
		__pith_proc_ipcbuf()->mr[3] = (uint32_t)uid | (uint64_t)(uint32_t)gid << 32;
	return (int)__pith_proc_ret(__pith_fs_call(
		FS_CHOWN, 4, (uint64_t)(uintptr_t)path, __pith_fs_pathlen(path),
		(uint32_t)flags | (uint64_t)(uint32_t)dirfd << 32, NULL));
}

int chown(const char *path, uid_t uid, gid_t gid)
{
	return fchownat(AT_FDCWD, path, uid, gid, 0);
}

/* No symbolic links: lchown is chown. */
int lchown(const char *path, uid_t uid, gid_t gid)
{
	return fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

int fchown(int fd, uid_t uid, gid_t gid)
{
	if (fd < 0) {            /* not AT_FDCWD's meaning: the cwd */
		errno = EBADF;
		return -1;
	}
	return fchownat(fd, "", uid, gid, AT_EMPTY_PATH);
}

/* ---- times -------------------------------------------------------------- */

int utimensat(int dirfd, const char *path, const struct timespec times[2],
	      int flags)
{
	if (!path) {
		errno = EFAULT;
		return -1;
	}
	if (__pith_in_process) {
		/* NULL: both now. fs checks the nanoseconds. */
		uint64_t *w = &__pith_proc_ipcbuf()->mr[3];
		for (int i = 0; i < 2; i++) {
			w[2 * i] = times ? (uint64_t)times[i].tv_sec : 0;
			w[2 * i + 1] = times ? (uint64_t)times[i].tv_nsec
					     : (uint64_t)UTIME_NOW;
		}
	}
	return (int)__pith_proc_ret(__pith_fs_call(
		FS_UTIMENS, 7, (uint64_t)(uintptr_t)path, __pith_fs_pathlen(path),
		(uint32_t)flags | (uint64_t)(uint32_t)dirfd << 32, NULL));
}

int futimens(int fd, const struct timespec times[2])
{
	if (fd < 0) {
		errno = EBADF;
		return -1;
	}
	return utimensat(fd, "", times, AT_EMPTY_PATH);
}

/* Microseconds: 0..999999, else EINVAL (as Linux). */
int utimes(const char *path, const struct timeval times[2])
{
	struct timespec ts[2];

	if (!times)
		return utimensat(AT_FDCWD, path, NULL, 0);
	for (int i = 0; i < 2; i++) {
		if (times[i].tv_usec < 0 || times[i].tv_usec >= 1000000) {
			errno = EINVAL;
			return -1;
		}
		ts[i].tv_sec = times[i].tv_sec;
		ts[i].tv_nsec = times[i].tv_usec * 1000;
	}
	return utimensat(AT_FDCWD, path, ts, 0);
}

/* ---- data: nothing to flush, advise; room ------------------------------- */

/* Files and directories: 0 (RAM or read-only: always "on disk"); a pipe
 * or a device: EINVAL, as Linux. */
int fsync(int fd)
{
	struct stat st;

	if (fstat(fd, &st))
		return -1;
	if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int fdatasync(int fd)
{
	return fsync(fd);
}

void sync(void)
{
}

/* These two return the error number, errno untouched. */
int posix_fadvise(int fd, off_t off, off_t len, int advice)
{
	struct stat st;
	int saved = errno;

	if (fstat(fd, &st)) {
		int e = errno;
		errno = saved;
		return e;
	}
	if (S_ISFIFO(st.st_mode))
		return ESPIPE;
	if (advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE || len < 0)
		return EINVAL;
	(void)off;
	return 0;
}

int posix_fallocate(int fd, off_t off, off_t len)
{
	long r = __pith_fs_call(FS_FALLOCATE, 3, (uint64_t)(int64_t)fd,
				(uint64_t)off, (uint64_t)len, NULL);

	return r < 0 ? (int)-r : 0;
}

/* ---- limits --------------------------------------------------------------- */

/* The value of name (stat has checked the file): no limit here depends
 * on the file; -1 with errno untouched where there is no limit or the
 * option is not there. */
static long conf(int name)
{
	switch (name) {
	case _PC_LINK_MAX: return LINK_MAX;
	case _PC_MAX_CANON: return MAX_CANON;
	case _PC_MAX_INPUT: return MAX_INPUT;
	case _PC_NAME_MAX: return NAME_MAX;
	case _PC_PATH_MAX: return PATH_MAX;
	case _PC_PIPE_BUF: return PIPE_BUF;
	case _PC_CHOWN_RESTRICTED: return _POSIX_CHOWN_RESTRICTED;
	case _PC_NO_TRUNC: return _POSIX_NO_TRUNC;    /* ENAMETOOLONG */
	case _PC_VDISABLE: return _POSIX_VDISABLE;
	case _PC_FILESIZEBITS: return 64;
	case _PC_REC_MIN_XFER_SIZE: case _PC_REC_XFER_ALIGN:
	case _PC_ALLOC_SIZE_MIN: return 1024;         /* /tmp's block */
	case _PC_2_SYMLINKS: return 0;                /* none here */
	case _PC_SYNC_IO: case _PC_ASYNC_IO: case _PC_PRIO_IO:
	case _PC_SOCK_MAXBUF: case _PC_REC_INCR_XFER_SIZE:
	case _PC_REC_MAX_XFER_SIZE: case _PC_SYMLINK_MAX:
		return -1;
	default:
		errno = EINVAL;
		return -1;
	}
}

long pathconf(const char *path, int name)
{
	struct stat st;

	if (stat(path, &st))
		return -1;
	return conf(name);
}

long fpathconf(int fd, int name)
{
	struct stat st;

	if (fstat(fd, &st))
		return -1;
	return conf(name);
}
