/* What libc needs to know about the machine it runs on: RISC-V 64. */
#ifndef PITH_LIBC_MACHINE_H
#define PITH_LIBC_MACHINE_H

#include <stdint.h>

#define ARCH_ELF_MACHINE_USER 243 /* EM_RISCV */
#define PITH_USER_TOP (1ull << 38)  /* Sv39 user half */
#define PITH_KERNEL_ADDR 0xffffffff80200000ull /* any kernel address */
#define PITH_PHYSMAP_ADDR 0xffffffc000000000ull /* the kernel's map of RAM */
/* Stack pointer at a function's first instruction, for a stack top. */
#define PITH_ENTRY_SP(top) (top)
/* Does an integer division by zero trap? */
#define PITH_DIVIDE_TRAPS 0  /* RISC-V: x / 0 gives all ones, no trap */

/* The clock's counter (uapi/clock.h): the time CSR, which the kernel
 * lets user mode read (scounteren.TM). */
static inline uint64_t pith_clock_counter(void)
{
	uint64_t t;

	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

#endif
