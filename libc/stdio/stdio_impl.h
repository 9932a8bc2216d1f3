/* The inside of a stream (libc/stdio/), shared by its files only. */
#ifndef PITH_LIBC_STDIO_IMPL_H
#define PITH_LIBC_STDIO_IMPL_H

#include <stdbool.h>
#include <stdio.h>

#define F_READ   1     /* opened for reading */
#define F_WRITE  2     /* opened for writing */
#define F_EOF    4
#define F_ERR    8
#define F_MALLOC 16    /* the FILE itself is malloc'd */
#define F_OWNBUF 32    /* buf is malloc'd */
#define F_TTYCHK 64    /* mode not chosen yet: line if a terminal, else full */

struct __pith_file {
	int fd;
	int flags;
	int mode;                  /* _IOFBF, _IOLBF or _IONBF */
	unsigned char *buf;
	size_t size;
	size_t wlen;               /* bytes waiting to be written */
	size_t rpos, rend;         /* unread bytes: buf[rpos..rend) */
	int ungot;                 /* a pushed-back char, or EOF */
	struct __pith_file *next;  /* every open stream, for exit's flush */
};

/* Append n bytes to f's buffer, writing out as its mode says. Returns
 * 0 or EOF (error flag set). */
int __pith_stdio_put(FILE *f, const void *data, size_t n);
/* Write out f's pending bytes. */
int __pith_stdio_flush(FILE *f);
/* Refill f's read buffer; returns the next byte or EOF. */
int __pith_stdio_fill(FILE *f);
/* Parse an fopen mode: O_* flags in *oflags, F_READ/F_WRITE returned,
 * 0 for a bad mode. */
int __pith_stdio_mode(const char *mode, int *oflags);
/* Link a malloc'd stream on fd. */
FILE *__pith_stdio_new(int fd, int flags);

#endif
