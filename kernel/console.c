/*
 * Kernel console: polled output on the boot UART. Good enough for boot
 * messages and panics; user-visible console I/O belongs to the console
 * server once it exists.
 */
#include "console.h"
#include "printf.h"
#include "uart.h"

void console_init(void)
{
	uart_init();
}

void console_putc(char c)
{
	if (c == '\n')
		uart_putc('\r');
	uart_putc(c);
}

void console_write(const char *s, size_t n)
{
	while (n--)
		console_putc(*s++);
}

static void console_out(char c, void *ctx)
{
	(void)ctx;
	console_putc(c);
}

int kvprintf(const char *fmt, va_list ap)
{
	return fmt_format(console_out, NULL, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}
