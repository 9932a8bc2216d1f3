/* String and memory functions. libc compiles the kernel's own
 * implementation (kernel/string.c), so the declarations are its too. */
#ifndef PITH_LIBC_STRING_H
#define PITH_LIBC_STRING_H

#include "../../kernel/include/kstring.h"

#endif
