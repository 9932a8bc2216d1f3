/*
 * printf and friends on top of the shared formatting engine
 * (kernel/printf.c, compiled into libc too). Output is buffered per call
 * and written to the debug console in one system call per 256 bytes.
 */
#include <pith/syscall.h>
#include <stdio.h>
#include <string.h>

#include "printf.h"

unsigned long stdio_console_slot = ROOT_SLOT_CONSOLE;

struct outbuf {
	char buf[256];
	size_t len;
};

static void flush(struct outbuf *o)
{
	if (o->len)
		sys_debug_write(stdio_console_slot, o->buf, o->len);
	o->len = 0;
}

static void out(char c, void *ctx)
{
	struct outbuf *o = ctx;

	if (o->len == sizeof(o->buf))
		flush(o);
	o->buf[o->len++] = c;
}

int vprintf(const char *fmt, va_list ap)
{
	struct outbuf o = { .len = 0 };
	int n = fmt_format(out, &o, fmt, ap);

	flush(&o);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return kvsnprintf(buf, size, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	return printf("%s\n", s);
}
