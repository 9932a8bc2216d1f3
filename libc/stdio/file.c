/*
 * Streams (<stdio.h>): the standard three, opening and closing,
 * buffering (setvbuf), flushing and seeking. A stream is a buffer over a
 * descriptor and the calls read/write/lseek/close; stdout is line
 * buffered on a terminal and fully buffered otherwise (decided at its
 * first output), stderr unbuffered, files fully buffered unless a
 * terminal. Reading from a
 * stream first flushes stdout, so a prompt shows before the input.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "stdio_impl.h"

static unsigned char in_buf[BUFSIZ], out_buf[BUFSIZ], err_buf[8];

static struct __pith_file std_err = {
	.fd = 2, .flags = F_WRITE, .mode = _IONBF,
	.buf = err_buf, .size = sizeof(err_buf), .ungot = EOF,
};
static struct __pith_file std_out = {
	.fd = 1, .flags = F_WRITE | F_TTYCHK, .mode = _IOLBF,
	.buf = out_buf, .size = sizeof(out_buf), .ungot = EOF, .next = &std_err,
};
static struct __pith_file std_in = {
	.fd = 0, .flags = F_READ, .mode = _IOLBF,
	.buf = in_buf, .size = sizeof(in_buf), .ungot = EOF, .next = &std_out,
};

FILE *stdin = &std_in;
FILE *stdout = &std_out;
FILE *stderr = &std_err;
static FILE *streams = &std_in;

int __pith_stdio_flush(FILE *f)
{
	size_t done = 0;

	while (done < f->wlen) {
		ssize_t n = write(f->fd, f->buf + done, f->wlen - done);
		if (n <= 0) {
			f->flags |= F_ERR;
			memmove(f->buf, f->buf + done, f->wlen - done);
			f->wlen -= done;
			return EOF;
		}
		done += (size_t)n;
	}
	f->wlen = 0;
	return 0;
}

/* Leaving read mode: give back what was read ahead. */
static void drop_read_ahead(FILE *f)
{
	off_t ahead = (off_t)(f->rend - f->rpos) + (f->ungot != EOF);

	if (ahead)
		lseek(f->fd, -ahead, SEEK_CUR);
	f->rpos = f->rend = 0;
	f->ungot = EOF;
}

int __pith_stdio_put(FILE *f, const void *data, size_t n)
{
	const unsigned char *p = data;

	if (!(f->flags & F_WRITE)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return EOF;
	}
	if (f->rend || f->ungot != EOF)
		drop_read_ahead(f);
	if (f->flags & F_TTYCHK) {
		int e = errno;
		f->flags &= ~F_TTYCHK;
		f->mode = isatty(f->fd) ? _IOLBF : _IOFBF;
		errno = e;
	}
	while (n) {
		size_t room = f->size - f->wlen;
		size_t k = n < room ? n : room;
		memcpy(f->buf + f->wlen, p, k);
		f->wlen += k;
		p += k;
		n -= k;
		if (f->wlen == f->size && __pith_stdio_flush(f))
			return EOF;
	}
	if (f->mode == _IONBF ||
	    (f->mode == _IOLBF && memchr(data, '\n', (size_t)(p - (const unsigned char *)data))))
		return __pith_stdio_flush(f);
	return 0;
}

int __pith_stdio_fill(FILE *f)
{
	ssize_t n;

	if (!(f->flags & F_READ)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return EOF;
	}
	if (f->wlen && __pith_stdio_flush(f))
		return EOF;
	if (std_out.wlen)
		__pith_stdio_flush(&std_out);
	n = read(f->fd, f->buf, f->mode == _IONBF ? 1 : f->size);
	if (n <= 0) {
		f->flags |= n ? F_ERR : F_EOF;
		f->rpos = f->rend = 0;
		return EOF;
	}
	f->rpos = 1;
	f->rend = (size_t)n;
	return f->buf[0];
}

int fflush(FILE *f)
{
	int r = 0;

	if (f)
		return f->wlen ? __pith_stdio_flush(f) : 0;
	for (f = streams; f; f = f->next)
		if (f->wlen && __pith_stdio_flush(f))
			r = EOF;
	return r;
}

void __pith_stdio_flush_all(void)
{
	fflush(NULL);
}

int __pith_stdio_mode(const char *mode, int *oflags)
{
	int fl, o;

	switch (*mode) {
	case 'r': fl = F_READ; o = O_RDONLY; break;
	case 'w': fl = F_WRITE; o = O_WRONLY | O_CREAT | O_TRUNC; break;
	case 'a': fl = F_WRITE; o = O_WRONLY | O_CREAT | O_APPEND; break;
	default: return 0;
	}
	for (mode++; *mode; mode++) {
		if (*mode == '+') {
			fl = F_READ | F_WRITE;
			o = (o & ~O_ACCMODE) | O_RDWR;
		} else if (*mode == 'x') {
			o |= O_EXCL;
		} else if (*mode == 'e') {
			o |= O_CLOEXEC;
		}
	}
	*oflags = o;
	return fl;
}

FILE *__pith_stdio_new(int fd, int flags)
{
	FILE *f = calloc(1, sizeof(*f));
	unsigned char *buf = malloc(BUFSIZ);

	if (!f || !buf) {
		free(f);
		free(buf);
		return NULL;
	}
	f->fd = fd;
	f->flags = flags | F_MALLOC | F_OWNBUF;
	f->mode = isatty(fd) ? _IOLBF : _IOFBF;
	f->buf = buf;
	f->size = BUFSIZ;
	f->ungot = EOF;
	f->next = streams;
	streams = f;
	return f;
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
	int oflags, fl = __pith_stdio_mode(mode, &oflags), fd;
	FILE *f;

	if (!fl) {
		errno = EINVAL;
		return NULL;
	}
	if ((fd = open(path, oflags, 0666)) < 0)
		return NULL;
	if (!(f = __pith_stdio_new(fd, fl)))
		close(fd);
	return f;
}

FILE *fdopen(int fd, const char *mode)
{
	int oflags, fl = __pith_stdio_mode(mode, &oflags);

	if (!fl) {
		errno = EINVAL;
		return NULL;
	}
	return __pith_stdio_new(fd, fl);
}

/* Flush, close the descriptor; the FILE stays for freopen. */
static int close_stream(FILE *f)
{
	int r = fflush(f);

	if (close(f->fd) < 0)
		r = EOF;
	f->rpos = f->rend = f->wlen = 0;
	f->ungot = EOF;
	return r;
}

int fclose(FILE *f)
{
	int r = close_stream(f);

	for (FILE **pp = &streams; *pp; pp = &(*pp)->next)
		if (*pp == f) {
			*pp = f->next;
			break;
		}
	if (f->flags & F_OWNBUF)
		free(f->buf);
	if (f->flags & F_MALLOC)
		free(f);
	else
		f->flags = 0;  /* a standard stream, closed */
	return r;
}

FILE *freopen(const char *restrict path, const char *restrict mode,
	      FILE *restrict f)
{
	int oflags, fl = __pith_stdio_mode(mode, &oflags), fd;

	if (!path) {
		/* Changing the mode of the open description: the file
		 * server's business (fcntl), not there yet. */
		errno = ENOSYS;
		return NULL;
	}
	close_stream(f);
	if (!fl) {
		errno = EINVAL;
		return NULL;
	}
	if ((fd = open(path, oflags, 0666)) < 0)
		return NULL;
	f->fd = fd;
	f->flags = (f->flags & (F_MALLOC | F_OWNBUF)) | fl;
	return f;
}

int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
		return -1;
	f->flags &= ~F_TTYCHK;
	if (f->wlen && __pith_stdio_flush(f))
		return -1;
	if (buf && size) {
		if (f->flags & F_OWNBUF)
			free(f->buf);
		f->flags &= ~F_OWNBUF;
		f->buf = (unsigned char *)buf;
		f->size = size;
	}
	f->mode = mode;
	return 0;
}

void setbuf(FILE *restrict f, char *restrict buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

int fseeko(FILE *f, off_t off, int whence)
{
	if (f->wlen && __pith_stdio_flush(f))
		return -1;
	if (whence == SEEK_CUR)
		off -= (off_t)(f->rend - f->rpos) + (f->ungot != EOF);
	if (lseek(f->fd, off, whence) < 0)
		return -1;
	f->rpos = f->rend = 0;
	f->ungot = EOF;
	f->flags &= ~F_EOF;
	return 0;
}

int fseek(FILE *f, long off, int whence)
{
	return fseeko(f, off, whence);
}

off_t ftello(FILE *f)
{
	off_t pos = lseek(f->fd, 0, SEEK_CUR);

	if (pos < 0)
		return -1;
	return pos - (off_t)(f->rend - f->rpos) - (f->ungot != EOF) +
	       (off_t)f->wlen;
}

long ftell(FILE *f)
{
	return ftello(f);
}

void rewind(FILE *f)
{
	fseeko(f, 0, SEEK_SET);
	f->flags &= ~F_ERR;
}

int fgetpos(FILE *restrict f, fpos_t *restrict pos)
{
	off_t o = ftello(f);

	if (o < 0)
		return -1;
	pos->__pos = o;
	return 0;
}

int fsetpos(FILE *f, const fpos_t *pos)
{
	return fseeko(f, (off_t)pos->__pos, SEEK_SET);
}

int feof(FILE *f) { return (f->flags & F_EOF) != 0; }
int ferror(FILE *f) { return (f->flags & F_ERR) != 0; }
void clearerr(FILE *f) { f->flags &= ~(F_EOF | F_ERR); }
int fileno(FILE *f) { return f->fd; }

/* One thread per process for now: locking a stream is a no-op. */
void flockfile(FILE *f) { (void)f; }
void funlockfile(FILE *f) { (void)f; }
int ftrylockfile(FILE *f) { (void)f; return 0; }
