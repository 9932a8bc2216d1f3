/*
 * x86_64 constants for the portable kernel (see kernel/include/arch.h).
 *
 * 4-level paging, 48-bit virtual addresses (upper half = kernel, shared by
 * every address space through PML4 entries 256..511):
 *   0x0000000000000000 - 0x00007fffffffffff  user (128 TiB)
 *   0xffff800000000000 - 0xffff8000ffffffff  physmap: the first 4 GiB of the
 *                                            physical space, RAM and MMIO
 *                                            (LAPIC, IOAPIC), PA + base
 *   0xffffc00000000000 - 0xffffc0003fffffff  kmap: dynamic kernel mappings,
 *                                            empty at boot (kernel/pt.c)
 *   0xffffc00040000000 - 0xffffc00043ffffff  kernel stack area: 4096 slots of
 *                                            16 KiB (kernel/include/kstack.h)
 *   0xffffffff80000000 - 0xffffffffbfffffff  kernel image: PA 0..1 GiB, the
 *                                            image itself linked at
 *                                            0xffffffff80100000 (PA 1 MiB)
 * The kernel image window is the top 2 GiB because -mcmodel=kernel makes
 * the compiler use sign-extended 32-bit absolute addresses.
 */
#ifndef ARCH_X86_CONFIG_H
#define ARCH_X86_CONFIG_H

#define ARCH_NAME "x86_64"
#define ARCH_ELF_MACHINE 62 /* EM_X86_64 */

#define ARCH_PHYSMAP_BASE  0xffff800000000000ull
#define ARCH_PHYSMAP_SIZE  (4ull << 30)
#define ARCH_KMAP_BASE     0xffffc00000000000ull
#define ARCH_KMAP_SIZE     (1ull << 30)
/* Kernel stacks with guard pages (kernel/kstack.c), above the kmap window. */
#define ARCH_KSTACK_BASE   0xffffc00040000000ull
#define ARCH_KERNEL_VBASE  0xffffffff80000000ull
/* Kernel image virtual address minus physical address. */
#define ARCH_KERNEL_OFFSET ARCH_KERNEL_VBASE
/* Where the image is loaded and linked (physical / virtual). */
#define ARCH_KERNEL_PHYS   0x100000ull

/* Four levels of 512 entries (PML4, PDPT, PD, PT); PML4 entries from 256
 * up map the kernel half and are shared by every address space. */
#define ARCH_PT_LEVELS       4
#define ARCH_PT_KERNEL_FIRST 256
#define ARCH_USER_TOP        0x0000800000000000ull

/* Frame record with -fno-omit-frame-pointer: rbp points at the caller's
 * saved rbp, and the return address sits just above it. */
#define ARCH_FP_RA_OFF   8
#define ARCH_FP_PREV_OFF 0

#endif
