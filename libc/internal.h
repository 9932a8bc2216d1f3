/*
 * What libc's own files share and programs do not see: the hooks between
 * stdio, exit and the console, and the stub helper. Kept to the few names
 * that cross files.
 */
#ifndef PITH_LIBC_INTERNAL_H
#define PITH_LIBC_INTERNAL_H

#include <errno.h>

/* Flush every output stream (exit calls it; libc/stdio/file.c). */
void __pith_stdio_flush_all(void);

/* The result of a call whose server does not exist yet. */
#define PITH_ENOSYS(ret) \
	do { \
		errno = ENOSYS; \
		return ret; \
	} while (0)

#endif
