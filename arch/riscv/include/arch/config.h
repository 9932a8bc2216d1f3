/*
 * RISC-V 64 constants for the portable kernel (see kernel/include/arch.h).
 *
 * Sv39 virtual memory layout (upper half = kernel, shared by every space):
 *   0x0000000000000000 - 0x0000003fffffffff  user (256 GiB)
 *   0xffffffc000000000 - 0xffffffcfffffffff  physmap: all RAM and MMIO,
 *                                            PA + ARCH_PHYSMAP_BASE (64 GiB)
 *   0xffffffe000000000 - 0xffffffe03fffffff  kmap: dynamic kernel mappings
 *   0xffffffe040000000 - 0xffffffe043ffffff  kernel stack area: 4096 slots of
 *                                            16 KiB (kernel/include/kstack.h)
 *   0xffffffff80000000 - 0xffffffffbfffffff  kernel image (PA 0x80000000..)
 */
#ifndef ARCH_RISCV_CONFIG_H
#define ARCH_RISCV_CONFIG_H

#define ARCH_NAME "riscv64"
#define ARCH_ELF_MACHINE 243 /* EM_RISCV */

#define ARCH_PHYSMAP_BASE  0xffffffc000000000ull
#define ARCH_PHYSMAP_SIZE  (64ull << 30)
#define ARCH_KMAP_BASE     0xffffffe000000000ull
#define ARCH_KMAP_SIZE     (1ull << 30)
/* Kernel stacks with guard pages (kernel/kstack.c), above the kmap window. */
#define ARCH_KSTACK_BASE   0xffffffe040000000ull
#define ARCH_KERNEL_VBASE  0xffffffff80000000ull
/* Kernel image virtual address minus physical address. */
#define ARCH_KERNEL_OFFSET (ARCH_KERNEL_VBASE - 0x80000000ull)

/* Sv39: three levels of 512 entries; root entries from 256 up map the
 * kernel half and are shared by every address space. */
#define ARCH_PT_LEVELS       3
#define ARCH_PT_KERNEL_FIRST 256
#define ARCH_USER_TOP        0x0000004000000000ull

/* Frame record with -fno-omit-frame-pointer: s0 points just above the
 * saved ra (s0 - 8) and the caller's s0 (s0 - 16). */
#define ARCH_FP_RA_OFF   (-8)
#define ARCH_FP_PREV_OFF (-16)

#endif
