/*
 * Text to floating point (<stdlib.h>): strtod, strtof, strtold, atof.
 *
 * Decimal input: up to 19 significant digits are kept exactly in a
 * 64-bit integer m (later digits only set a sticky bit), so the value is
 * m * 10^e. That product is formed in a 128-bit binary significand,
 * multiplying by 10 or by 1/10 (a 128-bit constant) once per power; each
 * step rounds at bit 128, so after at most ~350 steps the error is far
 * below the 2^-53 of a double and the final round-to-nearest-even is
 * right except for inputs within ~2^-115 of a halfway point (no bignum:
 * documented in docs/libc.md). Hexadecimal input ("0x1.8p3") is exact.
 * Also "inf", "infinity", "nan", "nan(...)", any case. Overflow gives
 * +-HUGE_VAL, underflow 0 or a subnormal, both with ERANGE.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned __int128 u128;

/* value = sig * 2^exp, sig normalized (bit 127 set) unless zero. */
struct xfloat {
	u128 sig;
	int exp;
};

static void normalize(struct xfloat *x)
{
	if (!x->sig)
		return;
	while (!(x->sig >> 127)) {
		x->sig <<= 1;
		x->exp--;
	}
}

/* x *= y: the top 128 bits of the 256-bit product, sticky below. */
static void xmul(struct xfloat *x, const struct xfloat *y)
{
	uint64_t a1 = (uint64_t)(x->sig >> 64), a0 = (uint64_t)x->sig;
	uint64_t b1 = (uint64_t)(y->sig >> 64), b0 = (uint64_t)y->sig;
	u128 lo = (u128)a0 * b0, m1 = (u128)a1 * b0, m2 = (u128)a0 * b1;
	u128 hi = (u128)a1 * b1;
	u128 mid = (lo >> 64) + (uint64_t)m1 + (uint64_t)m2;

	hi += (m1 >> 64) + (m2 >> 64) + (mid >> 64);
	x->sig = hi | ((uint64_t)mid != 0 || (uint64_t)lo != 0);
	x->exp += y->exp + 128;
	normalize(x);
}

static const struct xfloat ten = { (u128)10 << 124, -124 };
/* 1/10 = 0xcccc...cccd * 2^-131, rounded to 128 bits. */
static const struct xfloat tenth = {
	((u128)0xccccccccccccccccull << 64) | 0xcccccccccccccccdull, -131
};

/* Round sig * 2^exp to a double (nearest, ties to even). */
static double to_double(struct xfloat x, bool neg, bool *range)
{
	union {
		double d;
		uint64_t u;
	} r;
	int e;   /* the double's exponent: value in [2^e, 2^(e+1)) */
	int shift;
	uint64_t sig, bits;
	u128 rest, half;

	*range = false;
	if (!x.sig) {
		r.u = 0;
		goto sign;
	}
	e = x.exp + 127;
	if (e > 1023) {
		*range = true;
		r.u = 0x7ff0000000000000ull;
		goto sign;
	}
	shift = 75;                    /* keep 53 of the 128 bits */
	if (e < -1022)
		shift += -1022 - e;    /* subnormal: fewer bits */
	if (shift > 128) {
		*range = true;
		r.u = 0;
		goto sign;
	}
	sig = shift == 128 ? 0 : (uint64_t)(x.sig >> shift);
	rest = shift == 128 ? x.sig : x.sig & (((u128)1 << shift) - 1);
	half = (u128)1 << (shift - 1);
	if (rest > half || (rest == half && (sig & 1)))
		sig++;
	if (e < -1022) {
		bits = sig;            /* exponent field 0; a carry makes it 1 */
		*range = true;
	} else {
		/* sig carries the implicit bit at 2^52, which adds one to
		 * the exponent field: hence e + 1022, not e + 1023. A
		 * rounding carry to 2^53 bumps the exponent the same way. */
		bits = ((uint64_t)(e + 1022) << 52) + sig;
	}
	if (bits >= 0x7ff0000000000000ull) {
		*range = true;
		bits = 0x7ff0000000000000ull;
	}
	r.u = bits;
sign:
	if (neg)
		r.u |= 1ull << 63;
	return r.d;
}

static bool prefix(const char *s, const char *word)
{
	for (; *word; s++, word++)
		if (tolower((unsigned char)*s) != *word)
			return false;
	return true;
}

static int hexval(int c)
{
	if (isdigit(c))
		return c - '0';
	c |= 32;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Digits after "0x": a 64-bit significand and a binary exponent. */
/* An exponent after its letter at p ('p' or 'e'): [+-]digits added to
 * *exp (clamped far beyond any double). Without digits the letter is
 * not part of the number: p unchanged. */
static const char *scan_exponent(const char *p, int *exp)
{
	const char *q = p + 1;
	bool neg = false;
	int e = 0;

	if (*q == '+' || *q == '-')
		neg = *q++ == '-';
	if (!isdigit((unsigned char)*q))
		return p;
	for (; isdigit((unsigned char)*q); q++)
		if (e < 100000)
			e = e * 10 + (*q - '0');
	*exp += neg ? -e : e;
	return q;
}

static const char *scan_hex(const char *p, struct xfloat *x, bool *ok)
{
	uint64_t m = 0;
	int exp = 0, v;
	bool any = false, dot = false, sticky = false;

	for (;; p++) {
		if (*p == '.' && !dot) {
			dot = true;
			continue;
		}
		if ((v = hexval((unsigned char)*p)) < 0)
			break;
		any = true;
		if (m >> 60) {
			sticky |= v != 0;
			if (!dot)
				exp += 4;
		} else {
			m = m << 4 | (uint64_t)v;
			if (dot)
				exp -= 4;
		}
	}
	*ok = any;
	if (!any)
		return p;
	if ((*p | 32) == 'p')
		p = scan_exponent(p, &exp);
	x->sig = (u128)(m | sticky) << 64;
	x->exp = exp - 64;
	normalize(x);
	return p;
}

/* Decimal digits: m * 10^e10 as an xfloat. */
static const char *scan_dec(const char *p, struct xfloat *x, bool *ok)
{
	uint64_t m = 0;
	int ndig = 0;
	int e10 = 0;
	bool any = false, dot = false, sticky = false;

	for (;; p++) {
		if (*p == '.' && !dot) {
			dot = true;
			continue;
		}
		if (!isdigit((unsigned char)*p))
			break;
		any = true;
		if (ndig < 19) {
			if (m || *p != '0')
				ndig++;
			m = m * 10 + (uint64_t)(*p - '0');
			if (dot)
				e10--;
		} else {
			sticky |= *p != '0';
			if (!dot)
				e10++;
		}
	}
	*ok = any;
	if (!any)
		return p;
	if ((*p | 32) == 'e')
		p = scan_exponent(p, &e10);
	/* A sticky bit below the 19 digits: the value is a hair above m. */
	x->sig = ((u128)m << 64) | sticky;
	x->exp = -64;
	normalize(x);
	if (!m)
		return p;
	if (e10 > 400)
		e10 = 400;             /* overflows anyway */
	if (e10 < -400)
		e10 = -400;            /* underflows anyway */
	for (; e10 > 0; e10--)
		xmul(x, &ten);
	for (; e10 < 0; e10++)
		xmul(x, &tenth);
	return p;
}

double strtod(const char *restrict s, char **restrict end)
{
	const char *p = s;
	bool neg = false, ok, range;
	struct xfloat x;
	double d;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (prefix(p, "inf")) {
		p += prefix(p, "infinity") ? 8 : 3;
		d = __builtin_inf();
		goto done;
	}
	if (prefix(p, "nan")) {
		p += 3;
		if (*p == '(') {
			const char *q = p + 1;
			while (isalnum((unsigned char)*q) || *q == '_')
				q++;
			if (*q == ')')
				p = q + 1;
		}
		d = __builtin_nan("");
		goto done;
	}
	if (p[0] == '0' && (p[1] | 32) == 'x' &&
	    (hexval((unsigned char)p[2]) >= 0 ||
	     (p[2] == '.' && hexval((unsigned char)p[3]) >= 0)))
		p = scan_hex(p + 2, &x, &ok);
	else
		p = scan_dec(p, &x, &ok);
	if (!ok) {
		if (end)
			*end = (char *)s;
		return 0;
	}
	d = to_double(x, false, &range);
	if (range)
		errno = ERANGE;
done:
	if (end)
		*end = (char *)p;
	return neg ? -d : d;
}

float strtof(const char *restrict s, char **restrict end)
{
	double d = strtod(s, end);
	float f = (float)d;

	/* Double rounding can differ from direct rounding in rare halfway
	 * cases; accepted (docs/libc.md). */
	if ((f == 0 && d != 0) || (__builtin_isinf(f) && !__builtin_isinf(d)))
		errno = ERANGE;
	return f;
}

/* long double is wider than double on both arches, but libc keeps to
 * double precision. On RISC-V long double is IEEE quad, whose arithmetic
 * (even widening) is a compiler-rt call we do not link: the widening is
 * done on the bits. */
long double strtold(const char *restrict s, char **restrict end)
{
	double d = strtod(s, end);
#if __LDBL_MANT_DIG__ == 113
	union {
		double d;
		uint64_t u;
	} in = { .d = d };
	union {
		long double ld;
		u128 u;
	} out;
	uint64_t sign = in.u >> 63, bexp = (in.u >> 52) & 0x7ff;
	u128 frac = in.u & ((1ull << 52) - 1);

	if (bexp == 0x7ff) {
		bexp = 0x7fff;
	} else if (bexp) {
		bexp += 16383 - 1023;
	} else if (frac) {             /* subnormal double: normalize */
		bexp = 16383 - 1022;
		while (!(frac >> 52)) {
			frac <<= 1;
			bexp--;
		}
		frac &= (1ull << 52) - 1;
	}
	out.u = (u128)sign << 127 | (u128)bexp << 112 | frac << 60;
	return out.ld;
#else
	return d;
#endif
}

double atof(const char *s)
{
	return strtod(s, NULL);
}
