/*
 * The printf family (<stdio.h>) on the shared engine fmt_format
 * (kernel/printf.c, with libc's floating point). Stream output is
 * gathered in 256-byte pieces on the stack and handed to the stream;
 * a call on a stream that is not fully buffered ends with a flush, so one
 * printf is one console write, as before streams existed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "printf.h"
#include "stdio_impl.h"

struct piece {
	FILE *f;
	int fd;               /* f == NULL: write straight to fd (dprintf) */
	int err;
	size_t len;
	char buf[256];
};

static void piece_flush(struct piece *p)
{
	if (!p->len)
		return;
	if (p->f) {
		if (__pith_stdio_put(p->f, p->buf, p->len))
			p->err = 1;
	} else {
		for (size_t done = 0; done < p->len;) {
			ssize_t n = write(p->fd, p->buf + done, p->len - done);
			if (n <= 0) {
				p->err = 1;
				break;
			}
			done += (size_t)n;
		}
	}
	p->len = 0;
}

static void piece_out(char c, void *ctx)
{
	struct piece *p = ctx;

	if (p->len == sizeof(p->buf))
		piece_flush(p);
	p->buf[p->len++] = c;
}

static int format(struct piece *p, const char *fmt, va_list ap)
{
	int n = fmt_format(piece_out, p, fmt, ap);

	piece_flush(p);
	return p->err ? -1 : n;
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct piece p = { .f = f };
	int n = format(&p, fmt, ap);

	if (n >= 0 && f->mode != _IOFBF && f->wlen && __pith_stdio_flush(f))
		return -1;
	return n;
}

int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
	struct piece p = { .fd = fd };

	return format(&p, fmt, ap);
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt,
	      va_list ap)
{
	return kvsnprintf(buf, size, fmt, ap);
}

int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	return kvsnprintf(buf, SIZE_MAX, fmt, ap);
}

int vasprintf(char **out, const char *restrict fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = kvsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	*out = NULL;
	if (n < 0 || !(*out = malloc((size_t)n + 1)))
		return -1;
	return kvsnprintf(*out, (size_t)n + 1, fmt, ap);
}

#define VARIADIC(call)          \
	va_list ap;             \
	int n;                  \
	va_start(ap, fmt);      \
	n = call;               \
	va_end(ap);             \
	return n

int printf(const char *restrict fmt, ...) { VARIADIC(vfprintf(stdout, fmt, ap)); }
int fprintf(FILE *restrict f, const char *restrict fmt, ...) { VARIADIC(vfprintf(f, fmt, ap)); }
int dprintf(int fd, const char *restrict fmt, ...) { VARIADIC(vdprintf(fd, fmt, ap)); }
int sprintf(char *restrict buf, const char *restrict fmt, ...) { VARIADIC(vsprintf(buf, fmt, ap)); }
int asprintf(char **out, const char *restrict fmt, ...) { VARIADIC(vasprintf(out, fmt, ap)); }

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	VARIADIC(vsnprintf(buf, size, fmt, ap));
}
