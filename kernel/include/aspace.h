/*
 * Address spaces (kernel/aspace.c): a page table whose kernel half is
 * shared, holding mappings of Frames (frame.h) in the user half. The page
 * system calls are in kernel/sys_page.c.
 */
#ifndef PITH_ASPACE_H
#define PITH_ASPACE_H

#include "frame.h"
#include "object.h"
#include "pt.h"

struct aspace {
	struct kobj hdr;
	paddr_t root;
	struct aspace *all_next;   /* every address space (aspace_unmap_revoked) */
	struct aspace **all_pprev;
};

struct aspace *aspace_create(struct mempool *pool);

/* Map every page of f at va (page-aligned) with PT_* prot (PT_USER is
 * added). -EINVAL bad address, -EEXIST something is mapped there (unless
 * replace: then the old pages are unmapped first), -ENOMEM; on error
 * nothing new stays mapped. */
must_check int aspace_map(struct aspace *as, struct frame *f, vaddr_t va,
			  unsigned prot, bool replace);
/* The same for pages first..first+count-1 of f (-EINVAL if out of it). */
must_check int aspace_map_range(struct aspace *as, struct frame *f, size_t first,
				size_t count, vaddr_t va, unsigned prot, bool replace);

/* One page at pa (a page of a Frame), at va (page-aligned, below
 * ARCH_USER_TOP: the caller checked), with PT_* prot: aspace_map's work
 * for one page without its range checks (SYS_MAP_ZERO's). */
must_check int aspace_map_page(struct aspace *as, vaddr_t va, paddr_t pa,
			       unsigned prot, bool replace);

/* Give dst every mapping of src (clone without CLONE_VM): the same pages,
 * writable ones turned read-only and PT_COW in both. -ENOMEM leaves dst
 * partly filled (the caller destroys it). */
must_check int aspace_copy_cow(struct aspace *src, struct aspace *dst);
must_check int aspace_unmap(struct aspace *as, vaddr_t va);

/* Unmap, from every address space, every page of a Frame whose pool is
 * being destroyed (kobj.revoked). */
void aspace_unmap_revoked(void);

/* The root the CPU translates through (kernel/aspace.c sets it). */
extern paddr_t aspace_active_root;

/* Make as the CPU's address space (NULL: the kernel's). Inline: it is on
 * every task switch, and two tasks of one space need no table switch. */
static inline void aspace_activate(struct aspace *as)
{
	paddr_t root = as ? as->root : arch_kernel_root();

	if (root != aspace_active_root) {
		aspace_active_root = root;
		arch_pt_activate(root);
	}
}

struct sysregs;
long sys_map(struct sysregs *r);
long sys_unmap(struct sysregs *r);
long sys_protect(struct sysregs *r);
long sys_map_info(struct sysregs *r);
long sys_page_copy(struct sysregs *r);
long sys_page_unshare(struct sysregs *r);
long sys_map_zero(struct sysregs *r);
long sys_vm_copy(struct sysregs *r);

#endif
