/*
 * The boot image's format for programs: the kernel's portable cpio "newc"
 * reader (kernel/cpio.c, compiled into libc), its interface unchanged.
 */
#ifndef PITH_LIBC_CPIO_H
#define PITH_LIBC_CPIO_H

#include "../../../kernel/include/cpio.h"

#endif
