/*
 * The inside of the printf engine (kernel/printf.c), for the conversions
 * it leaves to another file: floating point. The kernel has no FP, so
 * its fmt_float (kernel/printf_nofloat.c) declines and the conversion is
 * printed as written; libc's (libc/printf_float.c) formats %f %F %e %E %g
 * %G. Which one a program gets is decided by what it links.
 */
#ifndef PITH_FMT_H
#define PITH_FMT_H

#include "types.h"

/* One conversion's flags, width and precision. */
struct fmt_spec {
	bool left, zero, plus, space, alt;  /* - 0 + space # */
	int width, prec;                    /* prec < 0: none given */
};

/* Where the characters go, and how many went. */
struct fmt_out {
	void (*out)(char, void *);
	void *ctx;
	int count;
};

void fmt_emit(struct fmt_out *o, char c);
void fmt_pad(struct fmt_out *o, char c, int n);  /* n <= 0: nothing */

/* Format the double argument of conversion conv (f F e E g G) from *ap.
 * Returns false, having consumed nothing, when this build has no
 * floating point. */
bool fmt_float(struct fmt_out *o, const struct fmt_spec *sp, char conv,
	       va_list *ap);

#endif
