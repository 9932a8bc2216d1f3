/*
 * Frames for kernel use: kernel_pmm plus zeroing through the physmap. Kept
 * apart from pmm.c so the allocator itself stays free of arch knowledge
 * (and host-testable).
 */
#include "arch.h"
#include "kstring.h"
#include "panic.h"
#include "pmm.h"

int frame_alloc(paddr_t *pa)
{
	int err = pmm_alloc(&kernel_pmm, pa);

	if (!err)
		arch_page_zero(phys_to_virt(*pa));
	return err;
}

int frame_alloc_contig(size_t n, paddr_t *pa)
{
	int err = pmm_alloc_contig(&kernel_pmm, n, pa);

	for (size_t i = 0; !err && i < n; i++)
		arch_page_zero(phys_to_virt(*pa + i * PAGE_SIZE));
	return err;
}

void frame_free(paddr_t pa)
{
	/* Kernel code only frees what it allocated: a refusal here is a
	 * kernel bug, not bad user input. */
	if (pmm_free(&kernel_pmm, pa) < 0)
		panic("frame_free: %#llx is not an allocated frame",
		      (unsigned long long)pa);
}
