/* What libc needs to know about the machine it runs on: x86_64. */
#ifndef PITH_LIBC_MACHINE_H
#define PITH_LIBC_MACHINE_H

#include <stdint.h>

#define ARCH_ELF_MACHINE_USER 62 /* EM_X86_64 */
#define PITH_USER_TOP (1ull << 47)  /* canonical lower half */
#define PITH_KERNEL_ADDR 0xffffffff80100000ull /* any kernel address */
#define PITH_PHYSMAP_ADDR 0xffff800000000000ull /* the kernel's map of RAM */
/* Stack pointer at a function's first instruction (as after a call). */
#define PITH_ENTRY_SP(top) ((top) - 8)
/* Does an integer division by zero trap? */
#define PITH_DIVIDE_TRAPS 1  /* x86: #DE */

/* The clock's counter (uapi/clock.h): the TSC (CR4.TSD clear: user mode
 * may read it). */
static inline uint64_t pith_clock_counter(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

#endif
