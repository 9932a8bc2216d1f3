/*
 * The one printf engine: fmt_format() walks the format string and emits
 * characters through a callback, so the console, snprintf and the host unit
 * tests share it. Floating-point conversions go to fmt_float (fmt.h): the
 * kernel's declines (it is built without FP), libc's formats them.
 */
#include "fmt.h"
#include "printf.h"
#include "kstring.h"

void fmt_emit(struct fmt_out *e, char c)
{
	e->out(c, e->ctx);
	e->count++;
}

void fmt_pad(struct fmt_out *e, char c, int n)
{
	while (n-- > 0)
		fmt_emit(e, c);
}

/* Emit one converted field: sign/prefix, zero padding, digits. */
static void emit_field(struct fmt_out *e, const struct fmt_spec *sp,
		       const char *prefix, const char *body, int len)
{
	int plen = (int)strlen(prefix);
	int zeros = 0;
	int total;

	if (sp->prec > len)
		zeros = sp->prec - len;
	else if (sp->zero && !sp->left && sp->prec < 0 &&
		 sp->width > plen + len)
		zeros = sp->width - plen - len;
	total = plen + zeros + len;
	if (!sp->left)
		fmt_pad(e, ' ', sp->width - total);
	while (*prefix)
		fmt_emit(e, *prefix++);
	fmt_pad(e, '0', zeros);
	for (int i = 0; i < len; i++)
		fmt_emit(e, body[i]);
	if (sp->left)
		fmt_pad(e, ' ', sp->width - total);
}

static void emit_number(struct fmt_out *e, const struct fmt_spec *sp,
			unsigned long long v, bool neg, unsigned base,
			bool upper, char conv)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	int len = 0;
	const char *prefix = "";

	/* Digits are produced backwards into the end of buf. */
	if (v == 0 && sp->prec == 0)
		len = 0;
	else
		do {
			buf[sizeof(buf) - 1 - len++] = digits[v % base];
			v /= base;
		} while (v);
	if (neg)
		prefix = "-";
	else if (sp->plus && conv == 'd')
		prefix = "+";
	else if (sp->space && conv == 'd')
		prefix = " ";
	/* C: "#x" prefixes only a nonzero value; "#o" adds a 0 only if the
	 * digits (after precision) do not already start with one. */
	else if (sp->alt && base == 16 && len &&
		 (conv == 'p' || buf[sizeof(buf) - len] != '0'))
		prefix = upper ? "0X" : "0x";
	else if (sp->alt && base == 8 && sp->prec <= len &&
		 (!len || buf[sizeof(buf) - len] != '0'))
		prefix = "0";
	emit_field(e, sp, prefix, buf + sizeof(buf) - len, len);
}

int fmt_format(void (*out)(char c, void *ctx), void *ctx,
	       const char *fmt, va_list args)
{
	struct fmt_out e = { out, ctx, 0 };
	va_list ap;

	/* A copy of our own, whose address fmt_float can take (a va_list
	 * parameter may be an array in disguise). */
	va_copy(ap, args);

	for (; *fmt; fmt++) {
		struct fmt_spec sp = { .prec = -1 };
		int lng = 0; /* -2 hh, -1 h, 1 l, 2 ll/z/t/j */
		const char *start = fmt;

		if (*fmt != '%') {
			fmt_emit(&e, *fmt);
			continue;
		}
		for (;;) {
			char f = *++fmt;
			if (f == '-') sp.left = true;
			else if (f == '0') sp.zero = true;
			else if (f == '+') sp.plus = true;
			else if (f == ' ') sp.space = true;
			else if (f == '#') sp.alt = true;
			else break;
		}
		if (*fmt == '*') {
			sp.width = va_arg(ap, int);
			if (sp.width < 0) {
				sp.left = true;
				sp.width = -sp.width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				sp.width = sp.width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			sp.prec = 0;
			if (*++fmt == '*') {
				sp.prec = va_arg(ap, int);
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					sp.prec = sp.prec * 10 + (*fmt++ - '0');
			}
		}
		for (;; fmt++) {
			if (*fmt == 'h') lng = lng < 0 ? -2 : -1;
			else if (*fmt == 'l') lng = lng > 0 ? 2 : 1;
			else if (*fmt == 'z' || *fmt == 't' || *fmt == 'j') lng = 2;
			else break;
		}

		switch (*fmt) {
		case 'd':
		case 'i': {
			long long v = lng >= 2 ? va_arg(ap, long long)
				    : lng == 1 ? va_arg(ap, long)
				    : va_arg(ap, int);
			if (lng == -1) v = (short)v;
			if (lng == -2) v = (signed char)v;
			emit_number(&e, &sp, v < 0 ? 0ull - (unsigned long long)v
						   : (unsigned long long)v,
				    v < 0, 10, false, 'd');
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			unsigned long long v = lng >= 2 ? va_arg(ap, unsigned long long)
					     : lng == 1 ? va_arg(ap, unsigned long)
					     : va_arg(ap, unsigned int);
			unsigned base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
			if (lng == -1) v = (unsigned short)v;
			if (lng == -2) v = (unsigned char)v;
			emit_number(&e, &sp, v, false, base, *fmt == 'X', *fmt);
			break;
		}
		case 'p':
			sp.alt = true;
			emit_number(&e, &sp, (uintptr_t)va_arg(ap, void *),
				    false, 16, false, 'p');
			break;
		case 'c': {
			char c = (char)va_arg(ap, int);
			sp.prec = -1;
			emit_field(&e, &sp, "", &c, 1);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			int len = (int)(sp.prec >= 0 ? strnlen(s, (size_t)sp.prec)
						     : strlen(s));
			sp.prec = -1;
			sp.zero = false;
			emit_field(&e, &sp, "", s, len);
			break;
		}
		case '%':
			fmt_emit(&e, '%');
			break;
		case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
			if (fmt_float(&e, &sp, *fmt, &ap))
				break;
			/* fall through: no FP in this build */
		default:
			/* Unknown conversion: print it as written. */
			for (; start <= fmt && *start; start++)
				fmt_emit(&e, *start);
			if (!*fmt)
				goto end;
			break;
		}
	}
end:
	va_end(ap);
	return e.count;
}

struct sbuf {
	char *buf;
	size_t size, pos;
};

static void sbuf_out(char c, void *ctx)
{
	struct sbuf *s = ctx;

	if (s->pos + 1 < s->size)
		s->buf[s->pos] = c;
	s->pos++;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sbuf s = { buf, size, 0 };
	int n = fmt_format(sbuf_out, &s, fmt, ap);

	if (size)
		buf[s.pos < size ? s.pos : size - 1] = '\0';
	return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
