/* libc's sscanf on the host, and printf/sscanf round trips. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

int main(void)
{
	int a, b, n;
	unsigned u;
	long l;
	long long ll;
	unsigned long ul;
	char s[32], t[32], c[4];
	double d;
	float f;
	short h;
	signed char hh;

	CHECK(sscanf("12 -34", "%d %d", &a, &b) == 2 && a == 12 && b == -34);
	CHECK(sscanf("0x1f 017 10", "%i %i %i", &a, &b, &n) == 3 && a == 31 && b == 15 && n == 10);
	CHECK(sscanf("ff 777 4294967295", "%x %o %u", &a, &b, &u) == 3 &&
	      a == 255 && b == 511 && u == 4294967295u);
	CHECK(sscanf("-9223372036854775807 18446744073709551615 123456789012",
		     "%lld %lu %ld", &ll, &ul, &l) == 3 &&
	      ll == -9223372036854775807ll && ul == 18446744073709551615ul &&
	      l == 123456789012l);
	CHECK(sscanf("70000 300", "%hd %hhd", &h, &hh) == 2 && h == (short)70000 &&
	      hh == (signed char)300);
	CHECK(sscanf("12345", "%2d%3d", &a, &b) == 2 && a == 12 && b == 345);
	CHECK(sscanf("hello world", "%s %s", s, t) == 2 && !strcmp(s, "hello") &&
	      !strcmp(t, "world"));
	CHECK(sscanf("abcdef", "%3s", s) == 1 && !strcmp(s, "abc"));
	CHECK(sscanf(" xyz", "%c", c) == 1 && c[0] == ' ');
	CHECK(sscanf("xyz", "%3c", c) == 1 && !memcmp(c, "xyz", 3));
	CHECK(sscanf("xy", "%3c", c) == 0);
	CHECK(sscanf("abc123def", "%[a-c]%[0-9]", s, t) == 2 && !strcmp(s, "abc") &&
	      !strcmp(t, "123"));
	CHECK(sscanf("key=value;", "%[^=]=%[^;]", s, t) == 2 && !strcmp(s, "key") &&
	      !strcmp(t, "value"));
	CHECK(sscanf("]]x", "%[]]", s) == 1 && !strcmp(s, "]]"));
	CHECK(sscanf("abc", "%[0-9]", s) == 0);
	CHECK(sscanf("12 34", "%d%n", &a, &n) == 1 && n == 2);
	CHECK(sscanf("  7", " %n%d", &n, &a) == 1 && n == 2 && a == 7);
	CHECK(sscanf("1 2 3", "%d %*d %d", &a, &b) == 2 && a == 1 && b == 3);
	CHECK(sscanf("3.5 -1e3 0x1p-1", "%lf %f %lf", &d, &f, &d) == 3 && f == -1000.0f && d == 0.5);
	CHECK(sscanf("2.25", "%lg", &d) == 1 && d == 2.25);
	CHECK(sscanf("inf", "%lf", &d) == 1 && d > 1e308);
	CHECK(sscanf("100%", "%d%%", &a) == 1 && a == 100);
	CHECK(sscanf("a:b", "a:%s", s) == 1 && !strcmp(s, "b"));
	CHECK(sscanf("x", "y%d", &a) == 0);
	CHECK(sscanf("", "%d", &a) == EOF);
	CHECK(sscanf("   ", "%d", &a) == EOF);
	CHECK(sscanf("abc", "%d", &a) == 0);
	CHECK(sscanf("-", "%d", &a) == 0);
	void *p;
	CHECK(sscanf("0x1234", "%p", &p) == 1 && p == (void *)0x1234);
	intmax_t im;
	size_t z;
	CHECK(sscanf("-5 6", "%jd %zu", &im, &z) == 2 && im == -5 && z == 6);

	/* printf -> sscanf round trips. */
	char buf[128];
	int ok = 1;
	for (long long v = -1000000007; v < 1000000007; v += 98765431) {
		snprintf(buf, sizeof(buf), "%lld %llx %llo", v, (unsigned long long)v,
			 (unsigned long long)v);
		long long r1;
		unsigned long long r2, r3;
		ok &= sscanf(buf, "%lld %llx %llo", &r1, &r2, &r3) == 3 && r1 == v &&
		      r2 == (unsigned long long)v && r3 == (unsigned long long)v;
	}
	for (double v = -1e6; v < 1e6; v += 12345.678) {
		snprintf(buf, sizeof(buf), "%.17g", v);
		double r;
		ok &= sscanf(buf, "%lf", &r) == 1 && r == v;
	}
	CHECK(ok);
	return check_done("libc scanf");
}
