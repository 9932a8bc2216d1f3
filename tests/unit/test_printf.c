/*
 * kernel/printf.c: the printf engine behind kprintf and ksnprintf. Where C
 * defines the result, the kernel must agree with the host's snprintf
 * (SAME); kernel-specific behaviour (unknown conversions, NULL %s) is
 * checked against literal expectations.
 */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

#include "printf.h"

/* Format with both engines; strings and return values must match. No
 * format attribute: clang's -Wformat rejects defined-but-unusual cases
 * such as "%hhd" with an int argument, which are exactly what we test. */
#define SAME(...) same(__FILE__, __LINE__, __VA_ARGS__)

static void same(const char *file, int line, const char *fmt, ...)
{
	char kbuf[256], hbuf[256];
	va_list ap, aq;
	int kn, hn;

	va_start(ap, fmt);
	va_copy(aq, ap);
	kn = kvsnprintf(kbuf, sizeof(kbuf), fmt, ap);
	hn = vsnprintf(hbuf, sizeof(hbuf), fmt, aq);
	va_end(aq);
	va_end(ap);
	check_run++;
	if (kn != hn || strcmp(kbuf, hbuf) != 0) {
		check_failed++;
		fprintf(stderr, "%s:%d: \"%s\": kernel \"%s\" (%d), host \"%s\" (%d)\n",
			file, line, fmt, kbuf, kn, hbuf, hn);
	}
}

/* Format with the kernel only; the result must be exactly `want`. */
#define IS(want, ...) is(__FILE__, __LINE__, want, __VA_ARGS__)

/* No format attribute: this is how the tests pass formats the compiler
 * would rightly reject (unknown conversions). */
static void is(const char *file, int line, const char *want, const char *fmt, ...)
{
	char kbuf[256];
	va_list ap;
	int kn;

	va_start(ap, fmt);
	kn = kvsnprintf(kbuf, sizeof(kbuf), fmt, ap);
	va_end(ap);
	check_run++;
	if (kn != (int)strlen(want) || strcmp(kbuf, want) != 0) {
		check_failed++;
		fprintf(stderr, "%s:%d: \"%s\": kernel \"%s\" (%d), want \"%s\" (%d)\n",
			file, line, fmt, kbuf, kn, want, (int)strlen(want));
	}
}

static void test_conversions(void)
{
	SAME("%d %d %d %d %d", 0, 1, -1, INT_MAX, INT_MIN);
	SAME("%i %i", 42, -42);
	SAME("%u %u %u", 0u, 7u, UINT_MAX);
	SAME("%x %x %x %x", 0u, 255u, 0xdeadbeefu, UINT_MAX);
	SAME("%X %X", 0xabcdefu, UINT_MAX);
	SAME("%o %o %o", 0u, 8u, UINT_MAX);
	SAME("%p", (void *)0x1234);
	SAME("%p", (void *)&test_conversions);
	SAME("%s|%s|%s", "hello", "", "x y");
	SAME("%c%c%c", 'a', 'B', '!');
	SAME("100%% %%d %%");
	SAME("plain text, no conversions");
	SAME("");
	/* Literal expectations too, in case the host were wrong. */
	IS("-2147483648 ffffffff 37777777777", "%d %x %o", INT_MIN, UINT_MAX, UINT_MAX);
	IS("(null)", "%s", (const char *)NULL);
	IS("0x0", "%p", (void *)NULL);  /* the host says "(nil)" */
	IS("[    (null)]", "[%10s]", (const char *)NULL);
}

static void test_flags(void)
{
	SAME("[%-5d] [%-5d]", 42, -42);
	SAME("[%05d] [%05d] [%05i]", 42, -42, 0);
	SAME("[%+d] [%+d] [%+d]", 42, -42, 0);
	SAME("[% d] [% d] [% d]", 42, -42, 0);
	SAME("[% +d] [%+ d]", 5, 5);             /* + wins over space */
	SAME("[%-05d]", 7);                      /* - wins over 0 */
	IS("[5] [5] [5]", "[%+u] [% u] [%+x]", 5u, 5u, 5u); /* signed only */
	SAME("[%#x] [%#x] [%#X] [%#x]", 0u, 255u, 255u, 1u);
	SAME("[%#o] [%#o] [%#o] [%#o]", 0u, 8u, 1u, 0777u);
	SAME("[%#.0o] [%#.0x] [%#.3o]", 0u, 0u, 8u);
	SAME("[%#08x] [%#-8x] [%#8x] [%#08o]", 255u, 255u, 255u, 8u);
	SAME("[%+05d] [% 05d] [%+05d]", 42, 42, -42);
	SAME("[%-8s] [%8s] [%-3c] [%3c]", "ab", "ab", 'z', 'z');
	SAME("[%-#10X]", 0xbeefu);
}

static void test_width_precision(void)
{
	SAME("[%8.3d] [%-8.3d] [%8.3d]", 42, 42, -42);
	SAME("[%08.3d] [%08.3x]", 42, 42u);      /* precision disables 0 */
	SAME("[%.0d] [%5.0d] [%-5.0d] [%.0x] [%.0u]", 0, 0, 0, 0u, 0u);
	SAME("[%+.0d] [% .0d]", 0, 0);
	SAME("[%.5x] [%.5o] [%.1d] [%.2d]", 0xabu, 8u, 0, 7);
	SAME("[%.3s] [%.0s] [%.10s] [%8.2s] [%-8.2s]", "hello", "hello",
	     "hi", "hello", "hello");
	SAME("[%*d] [%*d] [%-*d]", 6, 42, -6, 42, 6, 42);
	SAME("[%.*d] [%.*d] [%.*d]", 4, 42, -1, 42, 0, 0);
	SAME("[%*.*s] [%*.*d]", 6, 2, "hello", -7, 3, 5);
	SAME("[%.*s]", 3, "abcdef");
	SAME("[%20d] [%-20d]", INT_MIN, INT_MIN);
	SAME("[%.20d]", -1);
}

static void test_lengths(void)
{
	SAME("%hhd %hhd %hhd %hhd", 300, -129, 127, -128);
	SAME("%hhu %hhx %hho", 257u, 0x1ffu, 0777u);
	SAME("%hd %hd %hu %hx", 70000, -32769, 65537u, 0x12345u);
	SAME("%ld %ld %ld", 0L, LONG_MIN, LONG_MAX);
	SAME("%lu %lx %lo", ULONG_MAX, ULONG_MAX, ULONG_MAX);
	SAME("%lld %lld %lld", LLONG_MIN, LLONG_MAX, -1LL);
	SAME("%llu %llx %llX %llo", ULLONG_MAX, 0x123456789abcdefULL,
	     0xfedcba987654321ULL, ULLONG_MAX);
	SAME("%zu %zx", SIZE_MAX, (size_t)0x1000);
	SAME("%td %jd %ju", (ptrdiff_t)-5, INTMAX_MIN, UINTMAX_MAX);
	SAME("[%+25lld] [%-25lld] [%025lld]", LLONG_MIN, LLONG_MIN, LLONG_MIN);
	SAME("[%#llx] [%#llo]", ULLONG_MAX, ULLONG_MAX);
	IS("-9223372036854775808", "%lld", LLONG_MIN);
	IS("18446744073709551615", "%llu", ULLONG_MAX);
	/* An int argument after a long one: the va_list stays in step. */
	SAME("%lld %d %hhd %s", 1LL << 40, 7, 1, "end");
}

static void test_unknown(void)
{
	IS("%y", "%y");
	IS("a%5yb", "a%5yb");
	IS("%-08.3ly!", "%-08.3ly!");
	IS("%y 5", "%y %d", 5);     /* consumes no argument */
	IS("abc%", "abc%");         /* lone % at the end */
	IS("%-", "%-");             /* flags, then the end */
	IS("%5", "%5");
	IS("%ll", "%ll");
}

static void test_truncation(void)
{
	char buf[16];
	int n;

	memset(buf, 'X', sizeof(buf));
	n = ksnprintf(buf, 0, "hello %d", 12345);
	CHECK_EQ(n, 11);
	CHECK(buf[0] == 'X');  /* size 0: nothing written */

	n = ksnprintf(NULL, 0, "%s", "anything");
	CHECK_EQ(n, 8);

	memset(buf, 'X', sizeof(buf));
	n = ksnprintf(buf, 1, "hello");
	CHECK_EQ(n, 5);
	CHECK(buf[0] == '\0');
	CHECK(buf[1] == 'X');

	memset(buf, 'X', sizeof(buf));
	n = ksnprintf(buf, 4, "%d", 123456);
	CHECK_EQ(n, 6);
	CHECK_STR(buf, "123");
	CHECK(buf[4] == 'X');

	memset(buf, 'X', sizeof(buf));
	n = ksnprintf(buf, 6, "hello");  /* exact fit */
	CHECK_EQ(n, 5);
	CHECK_STR(buf, "hello");

	memset(buf, 'X', sizeof(buf));
	n = ksnprintf(buf, 5, "hello");  /* one short */
	CHECK_EQ(n, 4 + 1);
	CHECK_STR(buf, "hell");

	memset(buf, 'X', sizeof(buf));
	n = ksnprintf(buf, 5, "");
	CHECK_EQ(n, 0);
	CHECK_STR(buf, "");

	/* Every size agrees with the host, including the terminator. */
	for (size_t size = 0; size <= 12; size++) {
		char k[16], h[16];
		memset(k, 'X', sizeof(k));
		memset(h, 'X', sizeof(h));
		int kn = ksnprintf(k, size, "[%5d|%s]", -42, "ab");
		int hn = snprintf(h, size, "[%5d|%s]", -42, "ab");
		CHECK_EQ(kn, hn);
		CHECK(memcmp(k, h, sizeof(k)) == 0);
	}
}

struct sink {
	char buf[64];
	int n;
};

static void sink_out(char c, void *ctx)
{
	struct sink *s = ctx;

	if (s->n < (int)sizeof(s->buf) - 1)
		s->buf[s->n] = c;
	s->n++;
}

static int sink_format(struct sink *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_format(sink_out, s, fmt, ap);
	va_end(ap);
	s->buf[s->n < (int)sizeof(s->buf) ? s->n : (int)sizeof(s->buf) - 1] = '\0';
	return n;
}

static void test_callback(void)
{
	struct sink s = { .n = 0 };
	int n = sink_format(&s, "%s=%#x%c", "v", 16u, '\n');

	CHECK_EQ(n, 7);
	CHECK_EQ(s.n, 7);  /* one callback per character */
	CHECK_STR(s.buf, "v=0x10\n");
}

int main(void)
{
	test_conversions();
	test_flags();
	test_width_precision();
	test_lengths();
	test_unknown();
	test_truncation();
	test_callback();
	return check_summary("printf");
}
