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
	char kbuf[2048], hbuf[2048];
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
	char kbuf[2048];
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

/* libc's %f %e %g (libc/printf_float.c): exact digits, rounded to
 * nearest with ties to even, as glibc prints them. */
static void test_float_fixed(void)
{
	IS("0.000000 1.000000 -1.500000", "%f %f %f", 0.0, 1.0, -1.5);
	IS("3.141593 3.14159265358979 3", "%f %.14f %.0f", 3.14159265358979,
	   3.14159265358979, 3.14159265358979);
	/* Exactly representable halves go to the even neighbour. */
	IS("0 2 2 4 -0 -2", "%.0f %.0f %.0f %.0f %.0f %.0f", 0.5, 1.5, 2.5, 3.5,
	   -0.5, -2.5);
	IS("0.1 0.2 0.3 1.0", "%.1f %.1f %.1f %.1f", 0.125, 0.25, 0.25 + 0.0625,
	   0.96);
	/* 0.995 is really a little below: 0.99499999999999999555910790149937... */
	IS("0.12 0.38 0.99", "%.2f %.2f %.2f", 0.125, 0.375, 0.995);
	/* 2.675 is really 2.67499999999999982236431605997495353221893310546875. */
	IS("2.67 2.67499999999999982236431605997495353221893310546875",
	   "%.2f %.50f", 2.675, 2.675);
	IS("0.000 0.001 0.0", "%.3f %.3f %.1f", 0.0004, 0.0005000001, 0.04);
	IS("100000000000000000000.000000", "%f", 1e20);
	IS("1000000000000000015902891109759918046836080856394528138978132755774783"
	   "8772170381060813469985856815104", "%.0f", 1e100);
	IS("-0.000000 -0", "%f %.0f", -0.0, -0.0);
	IS("123", "%.0f", 123.456);
	SAME("%f", 1e300);
	SAME("%.20f %.30f", 1e-300, 0.1);
	SAME("%.1074f", 4.9406564584124654e-324);   /* every digit of 2^-1074 */
	SAME("%f %f", 1.7976931348623157e308, 2.2250738585072014e-308);
}

static void test_float_exp(void)
{
	IS("1.000000e+00 1.500000e-01 -2.500000e+10", "%e %e %e", 1.0, 0.15, -2.5e10);
	IS("0.000000e+00 -0.000000e+00", "%e %e", 0.0, -0.0);
	IS("1.000000e+300 1.000000e-300", "%e %e", 1e300, 1e-300);
	IS("1.797693e+308 4.940656e-324", "%e %e", 1.7976931348623157e308,
	   4.9406564584124654e-324);
	IS("2e+00 2e+00 2e+00 4e+00", "%.0e %.0e %.0e %.0e", 1.5, 2.5, 2.4999, 3.5);
	IS("1.0e+01 9.9e+00", "%.1e %.1e", 9.96, 9.94);       /* carry into the exponent */
	IS("1.2346E+05 1.2345E-05", "%.4E %.4E", 123456.0, 0.0000123449);
	IS("1.00000000000000002505909183520875968569614680770370524992534231990046"
	   "60431840514846763028121819501008949623062702782541489103114649988041"
	   "30812246091606190182719426627934584275510414782787015070222639260603"
	   "79361392435977509403014386614147912551359088259101734169222292122040"
	   "4918621822029155619541859419e-300", "%.300e", 1e-300);
	SAME("%.17e %.3e %.0e", 0.1, 123.456e200, 5e-324);
}

static void test_float_general(void)
{
	IS("0 1 0.5 100000 1e+06 1.23457e+06", "%g %g %g %g %g %g", 0.0, 1.0, 0.5,
	   100000.0, 1000000.0, 1234567.0);
	IS("0.0001 1e-05 0.000123457 1.5e-300", "%g %g %g %g", 0.0001, 0.00001,
	   0.000123456789, 1.5e-300);
	IS("1e+300 3.14159 3 3.1", "%g %g %.1g %.2g", 1e300, 3.14159265, 3.14159265,
	   3.14159265);
	IS("0.1 100 1e+02 1E+02", "%g %.3g %.2g %.2G", 0.1, 100.0, 100.0, 100.0);
	/* '#' keeps the zeros and the point. */
	IS("1.00000 0.00000 1. 1.e+02", "%#g %#g %#.1g %#.1g", 1.0, 0.0, 1.0, 100.0);
	IS("2 0.5 1e+01", "%.0g %g %.1g", 2.5, 0.5, 9.5);     /* ties to even */
	IS("9.99999e+06 1e+07", "%g %g", 9999994.0, 9999995.0);
	SAME("%g %g %g %.10g %.17g", 1e-4, 9.99999e-5, 123456.5, 1.0 / 3, 0.1);
	SAME("%G %G %#G %#.3g", 1e-10, 1e20, 2.5e-5, 42.0);
}

static void test_float_flags(void)
{
	double inf = __builtin_inf(), nan = __builtin_nan("");

	IS("[   3.14] [3.14   ] [0003.14] [-003.14] [+3.14] [ 3.14]",
	   "[%7.2f] [%-7.2f] [%07.2f] [%07.2f] [%+.2f] [% .2f]", 3.14159,
	   3.14159, 3.14159, -3.14159, 3.14159, 3.14159);
	IS("[1.5e+00   ] [+001.5e+00] [   +1.5E+00]", "[%-10.1e] [%+010.1e] [%+11.1E]",
	   1.5, 1.5, 1.5);
	IS("[3.] [3.0] [     2.50]", "[%#.0f] [%#.1f] [%9.2f]", 3.0, 3.0, 2.5);
	IS("inf -inf INF +inf [  inf] [inf  ] [ -inf]", "%f %e %G %+g [%5f] [%-5f] [%05f]",
	   inf, -inf, inf, inf, inf, inf, -inf);
	IS("nan NAN -nan [  nan] [ nan]", "%f %E %g [%5e] [% 4g]", nan, nan, -nan,
	   nan, nan);
	SAME("[%+-12.3e] [% 012.4f] [%#-9.0e] [%*.*f]", -1.25, 2.0, 7.0, 9, 2, 0.005);
	SAME("%f %d %e %s %g", 1.25, 7, 2.5, "mixed", 0.75);  /* the va_list keeps step */
}

/* Doubles from every part of the range, against the host's printf. */
static void test_float_sweep(void)
{
	uint64_t seed = 0x9e3779b97f4a7c15ull;

	for (int i = 0; i < 3000; i++) {
		uint64_t bits;
		double v;

		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		bits = seed;
		memcpy(&v, &bits, sizeof(v));
		int prec = (int)(seed >> 59);       /* 0..31 */
		SAME("%.*e|%.*g|%#.*g", prec, v, prec, v, prec, v);
		if (v > -1e30 && v < 1e30)
			SAME("%.*f", prec, v);
	}
	for (int i = 0; i < 2000; i++) {         /* short decimals: ties */
		double v = (double)(i - 1000) / 8;
		SAME("%.0f %.1f %.2f %.0e %.1e %.1g %g", v, v, v, v, v, v, v);
	}
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
	test_float_fixed();
	test_float_exp();
	test_float_general();
	test_float_flags();
	test_float_sweep();
	test_unknown();
	test_truncation();
	test_callback();
	return check_summary("printf");
}
