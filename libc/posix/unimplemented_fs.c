/*
 * Calls the file server (fs) does not answer yet: links, owners,
 * times, special files and terminals. Each fails
 * with ENOSYS in its standard's failure form. What fs answers is in
 * libc/fs/. Delete a function here when its real one lands.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "internal.h"

int posix_fadvise(int fd, off_t off, off_t len, int advice) { return ENOSYS; }
int posix_fallocate(int fd, off_t off, off_t len) { return ENOSYS; }
int link(const char *old, const char *new_) { PITH_ENOSYS(-1); }
int linkat(int olddirfd, const char *old, int newdirfd, const char *new_,
	   int flags) { PITH_ENOSYS(-1); }
int symlink(const char *target, const char *path) { PITH_ENOSYS(-1); }
int symlinkat(const char *target, int dirfd, const char *path) { PITH_ENOSYS(-1); }
ssize_t readlink(const char *restrict path, char *restrict buf, size_t size) { PITH_ENOSYS(-1); }
ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf,
		   size_t size) { PITH_ENOSYS(-1); }
int chown(const char *path, uid_t uid, gid_t gid) { PITH_ENOSYS(-1); }
int fchown(int fd, uid_t uid, gid_t gid) { PITH_ENOSYS(-1); }
int lchown(const char *path, uid_t uid, gid_t gid) { PITH_ENOSYS(-1); }
int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags) { PITH_ENOSYS(-1); }
int fsync(int fd) { PITH_ENOSYS(-1); }
int fdatasync(int fd) { PITH_ENOSYS(-1); }
void sync(void) {}
int lockf(int fd, int cmd, off_t len) { PITH_ENOSYS(-1); }
long pathconf(const char *path, int name) { PITH_ENOSYS(-1); }
long fpathconf(int fd, int name) { PITH_ENOSYS(-1); }
char *mktemp(char *tmpl) { PITH_ENOSYS(NULL); }
char *realpath(const char *restrict path, char *restrict resolved) { PITH_ENOSYS(NULL); }

int mkfifo(const char *path, mode_t mode) { PITH_ENOSYS(-1); }
int mkfifoat(int dirfd, const char *path, mode_t mode) { PITH_ENOSYS(-1); }
int mknod(const char *path, mode_t mode, dev_t dev) { PITH_ENOSYS(-1); }
int mknodat(int dirfd, const char *path, mode_t mode, dev_t dev) { PITH_ENOSYS(-1); }
int futimens(int fd, const struct timespec times[2]) { PITH_ENOSYS(-1); }
int utimensat(int dirfd, const char *path, const struct timespec times[2],
	      int flags) { PITH_ENOSYS(-1); }
int utimes(const char *path, const struct timeval times[2]) { PITH_ENOSYS(-1); }
int scandir(const char *path, struct dirent ***list,
	    int (*filter)(const struct dirent *),
	    int (*cmp)(const struct dirent **, const struct dirent **)) { PITH_ENOSYS(-1); }

int shm_open(const char *name, int oflag, mode_t mode) { PITH_ENOSYS(-1); }
int shm_unlink(const char *name) { PITH_ENOSYS(-1); }
