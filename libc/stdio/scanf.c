/*
 * Formatted input (<stdio.h>): the scanf family. One engine reads from a
 * source that gives a character and takes one back (a string or a
 * stream), so sscanf and fscanf behave the same. Numbers are collected
 * by the grammar of their conversion (never more than one character of
 * look-ahead, which is all a stream can push back) and converted by
 * strtoull/strtoll/strtod. Conversions: d i u o x X p f e g a E G F A s c
 * [ n %, with *, widths and the length modifiers hh h l ll j z t L.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stdio_impl.h"

struct src {
	int (*get)(struct src *);
	void (*unget)(struct src *, int c);
	const unsigned char *s;   /* string source */
	FILE *f;                  /* stream source */
	size_t count;             /* characters consumed (%n) */
};

static int next(struct src *in)
{
	int c = in->get(in);

	if (c != EOF)
		in->count++;
	return c;
}

static void back(struct src *in, int c)
{
	if (c != EOF) {
		in->unget(in, c);
		in->count--;
	}
}

static int str_get(struct src *in) { return *in->s ? *in->s++ : EOF; }
static void str_unget(struct src *in, int c) { (void)c; in->s--; }
static int file_get(struct src *in) { return fgetc(in->f); }
static void file_unget(struct src *in, int c) { ungetc(c, in->f); }

static void skip_space(struct src *in)
{
	int c;

	while (isspace(c = next(in)))
		;
	back(in, c);
}

/* A token being collected, at most width characters. */
struct tok {
	char buf[128];
	size_t len, width;
	int c;            /* the current (not yet taken) character */
};

static void take(struct src *in, struct tok *t)
{
	if (t->len < sizeof(t->buf) - 1)
		t->buf[t->len++] = (char)t->c;
	t->c = t->len < t->width ? next(in) : EOF;
}

static bool is_digit_of(int c, int base)
{
	if (base <= 10)
		return c >= '0' && c < '0' + base;
	return isxdigit(c);
}

/* [sign] [0x|0] digits: returns the base strto* should use. */
static int collect_int(struct src *in, struct tok *t, int base)
{
	if (t->c == '+' || t->c == '-')
		take(in, t);
	if ((base == 0 || base == 16) && t->c == '0') {
		take(in, t);
		if ((t->c | 32) == 'x') {
			take(in, t);
			base = 16;
		} else if (base == 0) {
			base = 8;
		}
	}
	if (base == 0)
		base = 10;
	while (is_digit_of(t->c, base))
		take(in, t);
	return base;
}

static bool take_word(struct src *in, struct tok *t, const char *w)
{
	for (; *w; w++) {
		if (tolower(t->c) != *w)
			return false;
		take(in, t);
	}
	return true;
}

static void collect_float(struct src *in, struct tok *t)
{
	int base = 10;

	if (t->c == '+' || t->c == '-')
		take(in, t);
	if (tolower(t->c) == 'i') {
		if (take_word(in, t, "inf"))
			take_word(in, t, "inity");
		return;
	}
	if (tolower(t->c) == 'n') {
		take_word(in, t, "nan");
		return;
	}
	if (t->c == '0') {
		take(in, t);
		if ((t->c | 32) == 'x') {
			take(in, t);
			base = 16;
		}
	}
	while (is_digit_of(t->c, base))
		take(in, t);
	if (t->c == '.') {
		take(in, t);
		while (is_digit_of(t->c, base))
			take(in, t);
	}
	if ((t->c | 32) == (base == 16 ? 'p' : 'e')) {
		take(in, t);
		if (t->c == '+' || t->c == '-')
			take(in, t);
		while (isdigit(t->c))
			take(in, t);
	}
}

static void store_int(void *p, int len, unsigned long long v)
{
	switch (len) {
	case -2: *(char *)p = (char)v; break;
	case -1: *(short *)p = (short)v; break;
	case 0: *(int *)p = (int)v; break;
	case 1: *(long *)p = (long)v; break;
	default: *(long long *)p = (long long)v; break;
	}
}

/* A %[ set: the characters up to the closing ]. */
static const char *parse_set(const char *fmt, bool set[256])
{
	bool neg = false;

	if (*fmt == '^') {
		neg = true;
		fmt++;
	}
	memset(set, 0, 256);
	if (*fmt == ']')
		set[(unsigned char)*fmt++] = true;
	for (; *fmt && *fmt != ']'; fmt++) {
		if (fmt[1] == '-' && fmt[2] && fmt[2] != ']') {
			for (int c = (unsigned char)fmt[0]; c <= (unsigned char)fmt[2]; c++)
				set[c] = true;
			fmt += 2;
		} else {
			set[(unsigned char)*fmt] = true;
		}
	}
	if (neg)
		for (int c = 0; c < 256; c++)
			set[c] = !set[c];
	return *fmt ? fmt : fmt - 1;  /* at the ] (or the last character) */
}

static int engine(struct src *in, const char *fmt, va_list ap)
{
	int assigned = 0;
	bool converted = false;

	for (; *fmt; fmt++) {
		if (isspace((unsigned char)*fmt)) {
			skip_space(in);
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') {
			if (*fmt == '%') {
				fmt++;
				skip_space(in);
			}
			int c = next(in);
			if (c != (unsigned char)*fmt) {
				back(in, c);
				return c == EOF && !converted ? EOF : assigned;
			}
			continue;
		}
		fmt++;
		bool skip = *fmt == '*';
		if (skip)
			fmt++;
		size_t width = 0;
		while (isdigit((unsigned char)*fmt))
			width = width * 10 + (size_t)(*fmt++ - '0');
		int len = 0;
		bool ldbl = false;
		for (;; fmt++) {
			if (*fmt == 'h')
				len--;
			else if (*fmt == 'l')
				len++;
			else if (*fmt == 'j' || *fmt == 'q')
				len = 2;
			else if (*fmt == 'z' || *fmt == 't')
				len = 1;
			else if (*fmt == 'L')
				ldbl = true, len = 2;
			else
				break;
		}
		char conv = *fmt;
		if (!conv)
			break;
		if (conv == 'n') {
			if (!skip)
				store_int(va_arg(ap, void *), len, in->count);
			continue;
		}
		if (conv != 'c' && conv != '[')
			skip_space(in);
		struct tok t = { .len = 0, .width = width ? width : SIZE_MAX };
		t.c = next(in);
		if (t.c == EOF)
			return converted ? assigned : EOF;

		switch (conv) {
		case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p': {
			int base = conv == 'd' || conv == 'u' ? 10 : conv == 'i' ? 0
				 : conv == 'o' ? 8 : 16;
			base = collect_int(in, &t, base);
			back(in, t.c);
			t.buf[t.len] = '\0';
			char *end;
			unsigned long long v = conv == 'd' || conv == 'i'
				? (unsigned long long)strtoll(t.buf, &end, base)
				: strtoull(t.buf, &end, base);
			if (end == t.buf || (size_t)(end - t.buf) != t.len)
				return assigned;
			if (!skip) {
				if (conv == 'p')
					*va_arg(ap, void **) = (void *)(uintptr_t)v;
				else
					store_int(va_arg(ap, void *), len, v);
				assigned++;
			}
			break;
		}
		case 'f': case 'e': case 'g': case 'a':
		case 'F': case 'E': case 'G': case 'A': {
			collect_float(in, &t);
			back(in, t.c);
			t.buf[t.len] = '\0';
			char *end;
			long double ld = 0;
			double d = ldbl ? 0 : strtod(t.buf, &end);
			if (ldbl)
				ld = strtold(t.buf, &end);
			if (end == t.buf || (size_t)(end - t.buf) != t.len)
				return assigned;
			if (!skip) {
				if (ldbl)
					*va_arg(ap, long double *) = ld;
				else if (len >= 1)
					*va_arg(ap, double *) = d;
				else
					*va_arg(ap, float *) = (float)d;
				assigned++;
			}
			break;
		}
		case 's': case 'c': case '[': {
			bool set[256];
			if (conv == '[')
				fmt = parse_set(fmt + 1, set);
			if (conv == 'c' && !width)
				t.width = 1;
			char *out = skip ? NULL : va_arg(ap, char *);
			size_t n = 0;
			while (n < t.width && t.c != EOF) {
				if (conv == 's' && isspace(t.c))
					break;
				if (conv == '[' && !set[t.c])
					break;
				if (out)
					out[n] = (char)t.c;
				n++;
				/* At the width, stop without reading more. */
				t.c = n < t.width ? next(in) : EOF;
			}
			back(in, t.c);
			if (n == 0 || (conv == 'c' && n < t.width))
				return assigned;
			if (out) {
				if (conv != 'c')
					out[n] = '\0';
				assigned++;
			}
			break;
		}
		default:
			back(in, t.c);
			return assigned;
		}
		converted = true;
	}
	return assigned;
}

int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap)
{
	struct src in = { str_get, str_unget, (const unsigned char *)s, NULL, 0 };

	return engine(&in, fmt, ap);
}

int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct src in = { file_get, file_unget, NULL, f, 0 };

	return engine(&in, fmt, ap);
}

int vscanf(const char *restrict fmt, va_list ap)
{
	return vfscanf(stdin, fmt, ap);
}

#define VARIADIC(call)          \
	va_list ap;             \
	int n;                  \
	va_start(ap, fmt);      \
	n = call;               \
	va_end(ap);             \
	return n

int sscanf(const char *restrict s, const char *restrict fmt, ...) { VARIADIC(vsscanf(s, fmt, ap)); }
int fscanf(FILE *restrict f, const char *restrict fmt, ...) { VARIADIC(vfscanf(f, fmt, ap)); }
int scanf(const char *restrict fmt, ...) { VARIADIC(vscanf(fmt, ap)); }
