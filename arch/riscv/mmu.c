/*
 * Sv39 MMU control. The kernel's root table is the boot table from
 * entry.S; the portable walker (kernel/pt.c) edits it and others.
 */
#include "riscv.h"

paddr_t arch_kernel_root(void)
{
	return virt_to_phys(boot_pt);
}

void arch_tlb_flush_page(vaddr_t va)
{
	__asm__ volatile("sfence.vma %0, zero" :: "r"(va) : "memory");
}

void arch_tlb_flush_all(void)
{
	__asm__ volatile("sfence.vma" ::: "memory");
}
