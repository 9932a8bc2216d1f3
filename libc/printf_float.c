/*
 * libc's fmt_float (kernel/include/fmt.h): %f %F %e %E %g %G for the
 * shared printf engine, with width, precision and the flags - + space 0 #,
 * inf and nan. Exact, like glibc: every finite double is a finite decimal
 * fraction (m * 2^-k = m * 5^k / 10^k), so it is expanded into all its
 * decimal digits with integer arithmetic on a big number in base 10^9,
 * then rounded once, to nearest with ties to even (what glibc prints in
 * the default rounding mode; the current rounding mode is not consulted).
 * The digits take about 1.2 KiB of stack.
 *
 * Entry point: fmt_float. Only libc (and the host unit tests) link this
 * file: it is the only part of the engine that uses floating point.
 */
#include "fmt.h"
#include "kstring.h"

#define LIMB_BASE 1000000000u
#define LIMBS_MAX 90    /* 810 digits; a double needs at most 767 */

/* A decimal: value = 0.d[0]d[1]...d[n-1] * 10^exp, d[0] != '0' and no
 * trailing zeros; n == 0 is zero. Digits are characters. */
struct decimal {
	char d[LIMBS_MAX * 9];
	int n, exp;
};

/* A natural number in base 10^9, least significant limb first. */
struct big {
	uint32_t limb[LIMBS_MAX];
	int n;
};

/* b *= m, for m <= 5^13 (the product of a limb and m fits 64 bits). */
static void big_mul(struct big *b, uint32_t m)
{
	uint64_t carry = 0;

	for (int i = 0; i < b->n; i++) {
		uint64_t v = (uint64_t)b->limb[i] * m + carry;
		b->limb[i] = (uint32_t)(v % LIMB_BASE);
		carry = v / LIMB_BASE;
	}
	while (carry) {
		b->limb[b->n++] = (uint32_t)(carry % LIMB_BASE);
		carry /= LIMB_BASE;
	}
}

/* The exact decimal digits of a finite v >= 0. */
static void decimal_of(double v, struct decimal *x)
{
	static const uint32_t pow5[14] = {
		1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1953125,
		9765625, 48828125, 244140625, 1220703125,
	};
	uint64_t bits, m;
	int e, point = 0;
	struct big b;

	memcpy(&bits, &v, sizeof(bits));
	m = bits & ((1ull << 52) - 1);
	e = (int)(bits >> 52) & 0x7ff;
	if (e)
		m |= 1ull << 52;
	else
		e = 1;                     /* subnormal */
	e -= 1075;                         /* v = m * 2^e */
	x->n = x->exp = 0;
	if (!m)
		return;
	while (!(m & 1) && e < 0) {       /* fewer multiplications */
		m >>= 1;
		e++;
	}
	b.limb[0] = (uint32_t)(m % LIMB_BASE);
	b.limb[1] = (uint32_t)(m / LIMB_BASE);  /* m < 2^53 < 10^18 */
	b.n = b.limb[1] ? 2 : 1;
	if (e > 0) {
		for (; e > 0; e -= 29)
			big_mul(&b, 1u << (e < 29 ? e : 29));
	} else {
		point = -e;                /* m * 5^-e, point -e from the right */
		for (int k = -e; k > 0; k -= 13)
			big_mul(&b, pow5[k < 13 ? k : 13]);
	}
	/* The top limb without leading zeros, the others nine digits each. */
	char top[10];
	int tn = 0;
	for (uint32_t t = b.limb[b.n - 1]; t; t /= 10)
		top[tn++] = (char)('0' + t % 10);
	while (tn)
		x->d[x->n++] = top[--tn];
	for (int i = b.n - 2; i >= 0; i--)
		for (int j = 8; j >= 0; j--) {
			uint32_t p = 1;
			for (int k = 0; k < j; k++)
				p *= 10;
			x->d[x->n++] = (char)('0' + b.limb[i] / p % 10);
		}
	x->exp = x->n - point;
	while (x->n && x->d[x->n - 1] == '0')
		x->n--;
}

/* Keep `keep` significant digits (keep <= 0: none, the rounding unit is
 * at or above the first digit), rounding to nearest, ties to even. */
static void round_to(struct decimal *x, int keep)
{
	bool up;

	if (keep >= x->n)
		return;
	if (keep < 0) {
		x->n = 0;                  /* below half a unit */
		return;
	}
	/* No trailing zeros: digits after the first dropped one are
	 * nonzero exactly when there are any. */
	up = x->d[keep] > '5' ||
	     (x->d[keep] == '5' &&
	      (x->n > keep + 1 || (keep > 0 && (x->d[keep - 1] - '0') % 2)));
	x->n = keep;
	if (up) {
		int i = keep - 1;
		while (i >= 0 && x->d[i] == '9')
			i--;
		if (i < 0) {               /* 99.9 -> 100: one digit more up */
			x->d[0] = '1';
			x->n = 1;
			x->exp++;
			return;
		}
		x->d[i]++;
		x->n = i + 1;
	}
	while (x->n && x->d[x->n - 1] == '0')
		x->n--;
}

static char digit_at(const struct decimal *x, int i)
{
	return i >= 0 && i < x->n ? x->d[i] : '0';
}

/* The digits of %f: integer part, point, p decimals. */
static int fixed_len(const struct decimal *x, int p, bool point)
{
	return (x->n && x->exp > 0 ? x->exp : 1) + point + p;
}

static void emit_fixed(struct fmt_out *o, const struct decimal *x, int p,
		       bool point)
{
	if (x->n && x->exp > 0)
		for (int i = 0; i < x->exp; i++)
			fmt_emit(o, digit_at(x, i));
	else
		fmt_emit(o, '0');
	if (point)
		fmt_emit(o, '.');
	for (int j = 0; j < p; j++)
		fmt_emit(o, x->n ? digit_at(x, x->exp + j) : '0');
}

/* The digits of %e: d.ddd, then e, sign and at least two exponent digits. */
static int exp_value(const struct decimal *x)
{
	return x->n ? x->exp - 1 : 0;
}

static int exp_len(const struct decimal *x, int p, bool point)
{
	int e = exp_value(x);
	int len = 1 + point + p + 2 + 2;   /* d . ddd e+ dd */

	for (e = e < 0 ? -e : e; e >= 100; e /= 10)
		len++;
	return len;
}

static void emit_exp(struct fmt_out *o, const struct decimal *x, int p,
		     bool point, bool upper)
{
	int e = exp_value(x);
	char buf[8];
	int n = 0;

	fmt_emit(o, digit_at(x, 0));
	if (point)
		fmt_emit(o, '.');
	for (int j = 1; j <= p; j++)
		fmt_emit(o, digit_at(x, j));
	fmt_emit(o, upper ? 'E' : 'e');
	fmt_emit(o, e < 0 ? '-' : '+');
	for (e = e < 0 ? -e : e; e || n < 2; e /= 10)
		buf[n++] = (char)('0' + e % 10);
	while (n)
		fmt_emit(o, buf[--n]);
}

/* Sign, padding and the body (inf/nan text or digits). */
static void emit_field(struct fmt_out *o, const struct fmt_spec *sp,
		       char sign, bool zero_pad, int body_len,
		       const char *text, const struct decimal *x, bool exp_style,
		       int p, bool point, bool upper)
{
	int total = (sign != 0) + body_len;

	if (!sp->left && !zero_pad)
		fmt_pad(o, ' ', sp->width - total);
	if (sign)
		fmt_emit(o, sign);
	if (!sp->left && zero_pad)
		fmt_pad(o, '0', sp->width - total);
	if (text)
		while (*text)
			fmt_emit(o, *text++);
	else if (exp_style)
		emit_exp(o, x, p, point, upper);
	else
		emit_fixed(o, x, p, point);
	if (sp->left)
		fmt_pad(o, ' ', sp->width - total);
}

bool fmt_float(struct fmt_out *o, const struct fmt_spec *sp, char conv,
	       va_list *ap)
{
	double v = va_arg(*ap, double);
	bool upper = conv == 'F' || conv == 'E' || conv == 'G';
	char lower = (char)(upper ? conv - 'A' + 'a' : conv);
	uint64_t bits;
	char sign = 0;
	struct decimal x;

	memcpy(&bits, &v, sizeof(bits));
	if (bits >> 63)
		sign = '-';
	else if (sp->plus)
		sign = '+';
	else if (sp->space)
		sign = ' ';
	if (((bits >> 52) & 0x7ff) == 0x7ff) {
		const char *t = (bits << 12) ? (upper ? "NAN" : "nan")
					     : (upper ? "INF" : "inf");
		emit_field(o, sp, sign, false, 3, t, NULL, false, 0, false, false);
		return true;
	}
	decimal_of(v < 0 ? -v : v, &x);

	int p = sp->prec < 0 ? 6 : sp->prec;
	bool exp_style = lower == 'e';
	if (lower == 'g') {
		/* %g: the style %e would give an exponent X with P digits; %f
		 * with P - 1 - X decimals if P > X >= -4, else %e with P - 1;
		 * without '#', trailing zeros (and a bare point) go. */
		int P = p ? p : 1;
		round_to(&x, P);
		int X = exp_value(&x);
		exp_style = !(P > X && X >= -4);
		p = exp_style ? P - 1 : P - 1 - X;
		if (!sp->alt) {
			int sig = exp_style ? x.n - 1 : x.n - x.exp;
			if (sig < 0)
				sig = 0;
			if (p > sig)
				p = sig;
		}
	} else if (exp_style) {
		round_to(&x, p + 1);
	} else {
		round_to(&x, x.exp + p);
	}
	bool point = p > 0 || sp->alt;
	int len = exp_style ? exp_len(&x, p, point) : fixed_len(&x, p, point);
	emit_field(o, sp, sign, sp->zero, len, NULL, &x, exp_style, p, point,
		   upper);
	return true;
}
