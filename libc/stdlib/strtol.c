/*
 * Text to integer (<stdlib.h>, <inttypes.h>): strtol, strtoul, strtoll,
 * strtoull, strtoimax, strtoumax, atoi, atol, atoll. One scanner reads
 * optional space, a sign, the base prefix (0x for 16, 0 for 8 when base
 * is 0) and digits, saturating on overflow; each function then clamps to
 * its type and sets ERANGE as the standard says. The unsigned forms
 * negate in their type ("-1" is ULONG_MAX), as C requires.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

struct scanned {
	unsigned long long mag;  /* saturated at ULLONG_MAX */
	bool neg, overflow;
};

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 99;
}

/* Returns false (and *end = s) when there is no number: end points past
 * the last digit used otherwise. */
static bool scan(const char *s, char **end, int base, struct scanned *r)
{
	const char *p = s;
	bool any = false;

	r->mag = 0;
	r->neg = r->overflow = false;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		goto none;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		r->neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 32) == 'x' &&
	    digit_value((unsigned char)p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	for (int d; (d = digit_value((unsigned char)*p)) < base; p++) {
		any = true;
		if (r->mag > (ULLONG_MAX - (unsigned)d) / (unsigned)base) {
			r->overflow = true;
			r->mag = ULLONG_MAX;
		} else if (!r->overflow) {
			r->mag = r->mag * (unsigned)base + (unsigned)d;
		}
	}
	if (!any)
		goto none;
	if (end)
		*end = (char *)p;
	return true;
none:
	if (end)
		*end = (char *)s;
	return false;
}

/* Signed result in [min, max] (min = -max - 1). */
static long long to_signed(const char *s, char **end, int base,
			   long long min, long long max)
{
	struct scanned r;
	unsigned long long lim;

	if (!scan(s, end, base, &r))
		return 0;
	lim = r.neg ? (unsigned long long)max + 1 : (unsigned long long)max;
	if (r.overflow || r.mag > lim) {
		errno = ERANGE;
		return r.neg ? min : max;
	}
	return r.neg ? (long long)(0 - r.mag) : (long long)r.mag;
}

static unsigned long long to_unsigned(const char *s, char **end, int base,
				      unsigned long long max)
{
	struct scanned r;

	if (!scan(s, end, base, &r))
		return 0;
	if (r.overflow || r.mag > max) {
		errno = ERANGE;
		return max;
	}
	return r.neg ? (0 - r.mag) & max : r.mag;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	return (long)to_signed(s, end, base, LONG_MIN, LONG_MAX);
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
	return to_signed(s, end, base, LLONG_MIN, LLONG_MAX);
}

intmax_t strtoimax(const char *restrict s, char **restrict end, int base)
{
	return to_signed(s, end, base, INTMAX_MIN, INTMAX_MAX);
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	return (unsigned long)to_unsigned(s, end, base, ULONG_MAX);
}

unsigned long long strtoull(const char *restrict s, char **restrict end,
			    int base)
{
	return to_unsigned(s, end, base, ULLONG_MAX);
}

uintmax_t strtoumax(const char *restrict s, char **restrict end, int base)
{
	return to_unsigned(s, end, base, UINTMAX_MAX);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}
