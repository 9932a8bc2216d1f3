/*
 * The kernel's fmt_float (kernel/include/fmt.h): the kernel is built
 * without floating point, so %f and friends are printed as written, like
 * any conversion the engine does not know. libc links
 * libc/printf_float.c instead.
 */
#include "fmt.h"

bool fmt_float(struct fmt_out *o, const struct fmt_spec *sp, char conv,
	       va_list *ap)
{
	(void)o;
	(void)sp;
	(void)conv;
	(void)ap;
	return false;
}
