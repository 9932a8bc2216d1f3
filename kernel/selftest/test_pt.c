/*
 * Self-tests of the portable page-table code on the real MMU format: build
 * a user address space and inspect it, then map into the live kernel table
 * and use the mapping through the MMU.
 */
#include "kmem.h"
#include "pmm.h"
#include "pt.h"
#include "selftest.h"
#include "uapi/errno.h"

bool test_pt_user(void)
{
	size_t before = kernel_pmm.nfree + kmem_spare_slabs();
	const vaddr_t va = 0x40000000; /* 1 GiB, user half on both arches */
	paddr_t root, f;
	struct pt_lookup l;

	CHECK(pt_create(&root) == 0);
	CHECK(frame_alloc(&f) == 0);
	CHECK(pt_map(root, va, f, PT_READ | PT_WRITE | PT_USER, NULL) == 0);
	l = pt_lookup(root, va + 0x123);
	CHECK(l.err == 0);
	CHECK(l.pa == f + 0x123);
	CHECK(l.prot == (PT_READ | PT_WRITE | PT_USER));
	CHECK(l.level == 0);
	CHECK(pt_map(root, va, f, PT_READ, NULL) == -EEXIST);
	CHECK(pt_map(root, va + 1, f, PT_READ, NULL) == -EINVAL);
	CHECK(pt_lookup(root, va + PAGE_SIZE).err == -ENOENT);
	CHECK(pt_lookup(root, va + (1ull << 30)).err == -ENOENT);

	/* The kernel half is shared with the kernel's own table. */
	l = pt_lookup(root, (vaddr_t)&test_pt_user);
	CHECK(l.err == 0);
	CHECK(l.pa == virt_to_phys((void *)&test_pt_user));
	CHECK(!(l.prot & PT_USER));

	CHECK(pt_unmap(root, va, NULL) == 0);
	CHECK(pt_lookup(root, va).err == -ENOENT);
	CHECK(pt_unmap(root, va, NULL) == -ENOENT);
	CHECK(pt_map(root, va, f, PT_READ | PT_EXEC | PT_USER, NULL) == 0);
	CHECK(pt_lookup(root, va).prot == (PT_READ | PT_EXEC | PT_USER));

	/* Unmapping frees the tables it empties (and only those): a second
	 * page in the same last-level table keeps it; the last one frees
	 * every table down from the root. */
	size_t added = 0, freed = 0, free_before = kernel_pmm.nfree + kmem_spare_slabs();
	const vaddr_t far = ARCH_USER_TOP / 2;  /* a root entry of its own */
	CHECK(pt_map(root, far, f, PT_READ | PT_USER, &added) == 0);
	CHECK(added == ARCH_PT_LEVELS - 1);
	CHECK(pt_map(root, far + PAGE_SIZE, f, PT_READ | PT_USER, &added) == 0);
	CHECK(pt_unmap(root, far, &freed) == 0 && freed == 0);
	CHECK(pt_unmap(root, far + PAGE_SIZE, &freed) == 0);
	CHECK(freed == ARCH_PT_LEVELS - 1);
	CHECK(kernel_pmm.nfree + kmem_spare_slabs() == free_before);
	CHECK(pt_lookup(root, va).err == 0);   /* the other page stays */
	pt_destroy(root);
	frame_free(f);
	CHECK(kernel_pmm.nfree + kmem_spare_slabs() == before);
	return true;
}

bool test_pt_kernel_window(void)
{
	const vaddr_t va = ARCH_KMAP_BASE + 5 * PAGE_SIZE;
	volatile uint64_t *win = (volatile uint64_t *)va;
	paddr_t f;

	CHECK(frame_alloc(&f) == 0);
	volatile uint64_t *direct = phys_to_virt(f);
	CHECK(pt_map(arch_kernel_root(), va, f, PT_READ | PT_WRITE, NULL) == 0);
	win[3] = 0x5eed1234abcdull;
	CHECK(direct[3] == 0x5eed1234abcdull);
	direct[7] = 0xfeedfacecafeull;
	CHECK(win[7] == 0xfeedfacecafeull);

	/* After unmapping, the MMU must refuse the address. */
	CHECK(pt_unmap(arch_kernel_root(), va, NULL) == 0);
	trap_last_fixup = (struct trap_info){ 0 };
	vaddr_t pc = arch_probe_trap(TRAP_PAGE_FAULT, va);
	frame_free(f);
	CHECK(pc != 0);
	CHECK(trap_last_fixup.kind == TRAP_PAGE_FAULT);
	CHECK(trap_last_fixup.addr == va);
	return true;
}
