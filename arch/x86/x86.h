/*
 * x86.h - private interface between the x86_64 arch files (not seen by the
 * portable kernel): the setup functions boot.c calls before kmain(), the
 * per-CPU block, and what the assembly and C files call in each other.
 * Selectors, vectors and assembly offsets are in x86asm.h.
 */
#ifndef ARCH_X86_PRIVATE_H
#define ARCH_X86_PRIVATE_H

#include "arch.h"

#include "x86asm.h"   /* selectors, vectors, frame offsets */

/* Interrupt stack table slots in the TSS (1-based, as the IDT names them). */
#define IST_DOUBLE_FAULT 1
#define IST_NMI          2
#define IST_MACHINE      3

/* cpu.c: load the final GDT and TSS, the IDT, and silence the 8259 PIC. */
void x86_cpu_init(void);

/* timer.c: enable the LAPIC and calibrate the TSC and LAPIC timer against
 * the PIT (arch_clock_ns works from here on). */
void x86_clock_init(void);
void x86_lapic_eoi(void);

/* vectors.S, trap.c: trap_common calls x86_trap() for a trap from ring 0
 * and x86_trap_user() for one from ring 3. */
extern const uint64_t x86_vector_table[256];
void x86_trap(struct trap_frame *tf);
void x86_trap_user(struct trap_frame *tf);

/* Per-CPU data (struct x86_percpu, x86_percpu): arch/inline.h. */

/* user.c: syscall MSRs, GS base, SMEP/SMAP (after x86_cpu_init). */
void x86_user_init(void);
extern bool x86_smap;       /* CR4.SMAP is on: stac/clac are valid */

/* syscall.S: the syscall entry, and the exit path every return to ring 3
 * takes (rsp = the trap frame at the kernel stack top, IF clear). */
void x86_syscall_entry(void);
noreturn void x86_user_exit(void);
/* user.c: the C side of those, called by the assembly. */
void x86_user_bad_pc(struct trap_frame *tf);

/* fpu.c: CR0/CR4 for x87 and SSE, a clean FPU (after x86_cpu_init). */
void x86_fpu_init(void);


/* ioapic.c: mask every input (boot). */
void x86_ioapic_init(void);

/* entry.S */
extern char boot_pml4[], boot_stack_top[];
noreturn void x86_boot(paddr_t start_info_pa);

#endif
