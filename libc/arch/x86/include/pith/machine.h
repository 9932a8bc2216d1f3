/* What libc needs to know about the machine it runs on: x86_64. */
#ifndef PITH_LIBC_MACHINE_H
#define PITH_LIBC_MACHINE_H

#define ARCH_ELF_MACHINE_USER 62 /* EM_X86_64 */
#define PITH_USER_TOP (1ull << 47)  /* canonical lower half */
#define PITH_KERNEL_ADDR 0xffffffff80100000ull /* any kernel address */
#define PITH_PHYSMAP_ADDR 0xffff800000000000ull /* the kernel's map of RAM */
/* Stack pointer at a function's first instruction (as after a call). */
#define PITH_ENTRY_SP(top) ((top) - 8)
/* Does an integer division by zero trap? */
#define PITH_DIVIDE_TRAPS 1  /* x86: #DE */

#endif
