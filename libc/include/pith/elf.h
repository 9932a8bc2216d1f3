/*
 * The ELF64 executable parser for programs (a process server's exec): the
 * kernel's portable parser (kernel/elf.c, compiled into libc), its
 * interface unchanged.
 */
#ifndef PITH_LIBC_ELF_H
#define PITH_LIBC_ELF_H

#include "../../../kernel/include/elf.h"

#endif
