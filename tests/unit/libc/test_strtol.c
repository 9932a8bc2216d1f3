/* libc's strtol family and strtod on the host. */
#include <errno.h>
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static void test_bases(void)
{
	char *end;

	CHECK(strtol("  -42x", &end, 10) == -42 && *end == 'x');
	CHECK(strtol("+17", &end, 0) == 17 && *end == 0);
	CHECK(strtol("0x1f", &end, 0) == 31 && *end == 0);
	CHECK(strtol("0X1F", &end, 16) == 31 && *end == 0);
	CHECK(strtol("1f", &end, 16) == 31);
	CHECK(strtol("017", &end, 0) == 15 && *end == 0);
	CHECK(strtol("017", &end, 8) == 15);
	CHECK(strtol("019", &end, 0) == 1 && *end == '9');
	CHECK(strtol("zz", &end, 36) == 35 * 36 + 35 && *end == 0);
	CHECK(strtol("Zz", &end, 36) == 35 * 36 + 35);
	CHECK(strtol("101", &end, 2) == 5);
	/* "0x" with no hex digit: the number is the 0, end at the x. */
	CHECK(strtol("0xg", &end, 0) == 0 && *end == 'x');
	CHECK(strtol("0x", &end, 16) == 0 && *end == 'x');
	/* No number: end is the start, even past space and sign. */
	const char *none = "  -z";
	CHECK(strtol(none, &end, 10) == 0 && end == none);
	CHECK(strtol("", &end, 10) == 0);
	errno = 0;
	CHECK(strtol("1", &end, 1) == 0 && errno == EINVAL);
	errno = 0;
	CHECK(strtol("1", &end, 37) == 0 && errno == EINVAL);
	CHECK(strtol("\t\n\v\f\r 5", NULL, 10) == 5);
}

static void test_range(void)
{
	char *end;

	errno = 0;
	CHECK(strtol("9223372036854775807", &end, 10) == LONG_MAX && errno == 0);
	CHECK(strtol("-9223372036854775808", &end, 10) == LONG_MIN && errno == 0);
	CHECK(strtol("9223372036854775808", &end, 10) == LONG_MAX && errno == ERANGE);
	errno = 0;
	CHECK(strtol("-9223372036854775809", &end, 10) == LONG_MIN && errno == ERANGE);
	errno = 0;
	CHECK(strtol("99999999999999999999999999", &end, 10) == LONG_MAX &&
	      errno == ERANGE && *end == 0);      /* all digits consumed */
	errno = 0;
	CHECK(strtoul("18446744073709551615", &end, 10) == ULONG_MAX && errno == 0);
	CHECK(strtoul("18446744073709551616", &end, 10) == ULONG_MAX && errno == ERANGE);
	errno = 0;
	CHECK(strtoul("-1", &end, 10) == ULONG_MAX && errno == 0);
	CHECK(strtoull("-2", &end, 10) == ULLONG_MAX - 1);
	CHECK(strtoll("-0x8000000000000000", &end, 16) == LLONG_MIN);
	CHECK(strtoimax("-12", &end, 10) == -12 && strtoumax("12", &end, 10) == 12);
	CHECK(atoi("  123abc") == 123 && atol("-7") == -7 && atoll("1") == 1);
	CHECK(abs(-3) == 3 && labs(-3l) == 3 && llabs(-3ll) == 3);
	div_t d = div(-7, 2);
	CHECK(d.quot == -3 && d.rem == -1);
	ldiv_t l = ldiv(7, -2);
	CHECK(l.quot == -3 && l.rem == 1);
}

static int same(double a, double b)
{
	return memcmp(&a, &b, sizeof(a)) == 0;
}

static void test_strtod(void)
{
	char *end;

	CHECK(same(strtod("0.1", &end), 0.1) && *end == 0);
	CHECK(same(strtod("  -2.5e-3xyz", &end), -2.5e-3) && *end == 'x');
	CHECK(same(strtod("3.14159", NULL), 3.14159));
	CHECK(same(strtod("1e10", NULL), 1e10));
	CHECK(same(strtod("123456789012345678901234567890", NULL), 1.2345678901234568e29));
	CHECK(same(strtod("0.10000000000000001", NULL), 0.1));
	CHECK(same(strtod("2.2250738585072014e-308", NULL), DBL_MIN));
	CHECK(same(strtod("1.7976931348623157e308", NULL), DBL_MAX));
	CHECK(same(strtod("4.9406564584124654e-324", NULL), 4.9406564584124654e-324));
	CHECK(same(strtod(".5", NULL), 0.5) && same(strtod("5.", NULL), 5.0));
	CHECK(same(strtod("0x1.8p1", &end), 3.0) && *end == 0);
	CHECK(same(strtod("0x.1p4", NULL), 1.0));
	CHECK(same(strtod("-0", NULL), -0.0));
	CHECK(same(strtod("1e", &end), 1.0) && *end == 'e');
	CHECK(strtod("inf", NULL) > DBL_MAX && strtod("-Infinity", &end) < -DBL_MAX && *end == 0);
	double n = strtod("nan(123)", &end);
	CHECK(n != n && *end == 0);
	const char *bad = " .e5";
	CHECK(strtod(bad, &end) == 0 && end == bad);
	errno = 0;
	CHECK(strtod("1e400", NULL) > DBL_MAX && errno == ERANGE);
	errno = 0;
	CHECK(strtod("1e-400", NULL) == 0 && errno == ERANGE);
	errno = 0;
	CHECK(same(strtod("9007199254740993", NULL), 9007199254740992.0)); /* tie to even */
	CHECK(same(strtod("9007199254740995", NULL), 9007199254740996.0));
	CHECK(strtof("0.5", NULL) == 0.5f && atof("2") == 2.0);
	/* Every double printed with 17 digits reads back the same. */
	unsigned long long x = 88172645463325252ull;
	int ok = 1;
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		double v;
		memcpy(&v, &x, sizeof(v));
		if (v != v || v - v != 0)
			continue;
		char buf[64];
		snprintf(buf, sizeof(buf), "%.17g", v);
		if (!same(strtod(buf, NULL), v)) {
			printf("round trip %s\n", buf);
			ok = 0;
			break;
		}
	}
	CHECK(ok);
}

int main(void)
{
	test_bases();
	test_range();
	test_strtod();
	return check_done("libc strtol");
}
