/*
 * printf-style formatting, shared by the console and by snprintf
 * (kernel/printf.c). Supports %d %i %u %x %X %o %p %s %c %%, the flags
 * "-0 +#", width and precision (also *), and the length modifiers
 * hh h l ll z t j; in user programs also %f %F %e %E %g %G (libc's
 * fmt_float, fmt.h; the kernel has no FP). Unknown conversions are
 * printed literally.
 */
#ifndef PITH_PRINTF_H
#define PITH_PRINTF_H

#include "types.h"

/* Emit the formatted text one character at a time through out(c, ctx).
 * Returns the number of characters produced. */
int fmt_format(void (*out)(char c, void *ctx), void *ctx,
	       const char *fmt, va_list ap);

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
