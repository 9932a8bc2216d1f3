/*
 * mmu.c - x86_64 paging control. The tables themselves are built by
 * entry.S (boot) and kernel/pt.c (everything after); this file only names
 * the kernel's root and drives CR3 and the TLB.
 *
 * Entry points: arch_kernel_root(), arch_tlb_flush_page(),
 * arch_tlb_flush_all() (arch_pt_activate() is inline in arch/inline.h).
 */
#include "kstring.h"
#include "x86.h"

paddr_t arch_kernel_root(void)
{
	return virt_to_phys(boot_pml4);
}

void arch_tlb_flush_page(vaddr_t va)
{
	__asm__ volatile("invlpg (%0)" :: "r"(va) : "memory");
}

/* Reloading CR3 drops every non-global translation; kernel pages are
 * global (CR4.PGE) and stay, which is what arch.h asks for. */
void arch_tlb_flush_all(void)
{
	write_cr3(read_cr3());
}

void arch_page_zero(void *page)
{
	memset(page, 0, PAGE_SIZE);
}
