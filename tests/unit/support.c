/*
 * Host versions of kprintf() and panic() for the unit tests, and the
 * counters behind check.h. kprintf goes to stdout; panic aborts the test
 * (ASan/ctest then report it) unless a test is expecting one.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "support.h"

#include "console.h"
#include "panic.h"

int check_run, check_failed;
int support_kprintf_calls;
int support_panic_calls;
jmp_buf *support_panic_jmp;

int check_summary(const char *suite)
{
	printf("%s: %d checks, %d failed\n", suite, check_run, check_failed);
	if (check_run == 0) {
		fprintf(stderr, "%s: no checks ran\n", suite);
		return 1;
	}
	return check_failed != 0;
}

int kvprintf(const char *fmt, va_list ap)
{
	support_kprintf_calls++;
	return vprintf(fmt, ap);
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

void panic(const char *fmt, ...)
{
	va_list ap;

	support_panic_calls++;
	fprintf(stderr, "panic: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	if (support_panic_jmp)
		longjmp(*support_panic_jmp, 1);
	abort();
}
