/* Kernel console: formatted output to the boot UART (kernel/console.c). */
#ifndef PITH_CONSOLE_H
#define PITH_CONSOLE_H

#include "types.h"

void console_init(void);
void console_putc(char c);
void console_write(const char *s, size_t n);
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);

#endif
