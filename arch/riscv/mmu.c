/*
 * Sv39 MMU control. The kernel's root table is the boot table from
 * entry.S; the portable walker (kernel/pt.c) edits it and others.
 */
#include "console.h"
#include "kstring.h"
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

/* Zicboz's block, once probed (0: none; memset then). */
static uint64_t cboz_block;

void riscv_page_zero_init(void)
{
	static _Alignas(4096) uint8_t test[4096];
	uint64_t n = 0;

	memset(test, 0xff, sizeof(test));
	if (!riscv_probe_cboz(test)) {
		kprintf("riscv: no Zicboz for S-mode: pages zeroed by stores\n");
		return;
	}
	while (n < sizeof(test) && test[n] == 0)
		n++;
	/* A sane block: a power of two, at least 16 bytes, the probe zeroed
	 * exactly that much. */
	if (n >= 16 && !(n & (n - 1)) && (n == sizeof(test) || test[n] == 0xff))
		cboz_block = n;
	kprintf("riscv: Zicboz: %llu-byte blocks%s\n", (unsigned long long)n,
		cboz_block ? ", pages zeroed by cbo.zero" : " (not used)");
}

void arch_page_zero(void *page)
{
	if (cboz_block)
		riscv_page_zero_cboz(page, cboz_block);
	else
		riscv_page_zero_stores(page);
}
