/*
 * Reader for cpio "newc" archives, the boot image format (kernel/cpio.c).
 * Every offset and length is checked against the archive size: a malformed
 * archive yields -EINVAL, never a read outside it.
 */
#ifndef PITH_CPIO_H
#define PITH_CPIO_H

#include "types.h"

struct cpio_file {
	const char *name;   /* not NUL-terminated in general: use namelen */
	size_t namelen;     /* without the terminating NUL */
	const void *data;
	size_t size;
	uint32_t mode;
	uint32_t uid, gid;  /* the owner (set-user-ID programs, permissions) */
	uint32_t mtime;
};

/* Read the entry at *offset and advance *offset past it. Returns 0 for an
 * entry, 1 at the trailer (end of archive), -EINVAL if malformed. */
must_check int cpio_next(const void *archive, size_t len, size_t *offset,
			 struct cpio_file *out);

/* Find a file by name ("etc/inittab"; a leading "./" or "/" in either the
 * archive or the name is ignored). Returns 0, -ENOENT or -EINVAL. */
must_check int cpio_find(const void *archive, size_t len, const char *name,
			 struct cpio_file *out);

#endif
