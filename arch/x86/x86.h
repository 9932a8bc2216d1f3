/*
 * x86.h - private interface between the x86_64 arch files (not seen by the
 * portable kernel): segment selectors, interrupt vectors, and the setup
 * functions boot.c calls before kmain().
 */
#ifndef ARCH_X86_PRIVATE_H
#define ARCH_X86_PRIVATE_H

#include "arch.h"

/* GDT selectors. The order is fixed by syscall/sysret: STAR gives the
 * kernel CS (SS = CS + 8) and a base from which sysret takes the user
 * SS (base + 8) and user CS (base + 16); with base 0x10 that is 0x18/0x20. */
#define SEG_KCODE 0x08
#define SEG_KDATA 0x10
#define SEG_UDATA 0x18
#define SEG_UCODE 0x20
#define SEG_TSS   0x28

/* Interrupt vectors: 0-31 are CPU exceptions, 0x20-0x2f the remapped and
 * masked 8259 PIC (only its spurious IRQ 7/15 can still arrive). The LAPIC
 * spurious vector must end in 0xf on older CPUs, hence 0xff. */
#define VEC_PIC_BASE 0x20
#define VEC_TIMER    0x30
#define VEC_SPURIOUS 0xff

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

/* vectors.S, trap.c */
extern const uint64_t x86_vector_table[256];
void x86_trap(struct trap_frame *tf);

/* entry.S */
extern char boot_pml4[], boot_stack_top[];
noreturn void x86_boot(paddr_t start_info_pa);

#endif
