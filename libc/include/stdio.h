/* Minimal stdio for Pith programs (libc/stdio.c): formatted output to the
 * kernel debug console until the console server exists. */
#ifndef PITH_LIBC_STDIO_H
#define PITH_LIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int puts(const char *s);

/* The console capability printf writes through (default: the root task's
 * ROOT_SLOT_CONSOLE). */
extern unsigned long stdio_console_slot;

#endif
