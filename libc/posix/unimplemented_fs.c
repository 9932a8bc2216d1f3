/*
 * Calls the file server (fs) does not answer: links, symbolic links,
 * record locks and shared memory objects; fs has none of
 * them (docs/libc.md). Each fails with ENOSYS in its standard's failure
 * form. What fs answers is in libc/fs/. Delete a function here when its
 * real one lands.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

int link(const char *old, const char *new_) { PITH_ENOSYS(-1); }
int linkat(int olddirfd, const char *old, int newdirfd, const char *new_,
	   int flags) { PITH_ENOSYS(-1); }
int symlink(const char *target, const char *path) { PITH_ENOSYS(-1); }
int symlinkat(const char *target, int dirfd, const char *path) { PITH_ENOSYS(-1); }
ssize_t readlink(const char *restrict path, char *restrict buf, size_t size) { PITH_ENOSYS(-1); }
ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf,
		   size_t size) { PITH_ENOSYS(-1); }
int lockf(int fd, int cmd, off_t len) { PITH_ENOSYS(-1); }

int shm_open(const char *name, int oflag, mode_t mode) { PITH_ENOSYS(-1); }
int shm_unlink(const char *name) { PITH_ENOSYS(-1); }
