/*
 * Host pseudo-arch for unit tests that compile kernel files including
 * "arch.h" (kernel/cspace.c, ...). Physical addresses are host pointers:
 * phys_to_virt(pa) = pa + ARCH_PHYSMAP_BASE = pa, and with the kernel
 * image "above everything" virt_to_phys(p) = p - ARCH_PHYSMAP_BASE = p for
 * every heap pointer. Frames come from aligned_alloc (host_kernel.c).
 */
#ifndef ARCH_HOST_CONFIG_H
#define ARCH_HOST_CONFIG_H

#define ARCH_NAME "host"
#define ARCH_ELF_MACHINE 62

#define ARCH_PHYSMAP_BASE  0ull
#define ARCH_PHYSMAP_SIZE  (1ull << 47)
#define ARCH_KMAP_BASE     0xfffffff000000000ull
#define ARCH_KMAP_SIZE     (1ull << 30)
#define ARCH_KERNEL_VBASE  0xffffffffffffffffull
#define ARCH_KERNEL_OFFSET 0ull

#define ARCH_PT_LEVELS       4
#define ARCH_PT_KERNEL_FIRST 256
#define ARCH_USER_TOP        0x0000800000000000ull

#define ARCH_FP_RA_OFF   8
#define ARCH_FP_PREV_OFF 0

#endif
