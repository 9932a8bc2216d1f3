/*
 * Address spaces and frames (kernel/aspace.c). An AddrSpace is a page
 * table whose kernel half is shared; a Frame is physically contiguous
 * memory. Each mapped page references its Frame; the page table (one entry
 * per physical page) finds the Frame of a physical page and counts how many
 * times that page is mapped, which copy-on-write pagers ask for.
 */
#ifndef PITH_ASPACE_H
#define PITH_ASPACE_H

#include "object.h"
#include "pt.h"

struct aspace {
	struct kobj hdr;
	paddr_t root;
};

#define FRAME_MAX_PAGES 4096  /* 16 MiB, physically contiguous */

struct frame {
	struct kobj hdr;
	paddr_t pa;
	size_t npages;
	uint32_t mapcount;   /* page mappings of it, in all address spaces */
	bool owned;          /* its memory is ours to free (not the boot image) */
};

/* Build the frame table over kernel_pmm's span. Called once by kmain. */
must_check int frame_table_init(void);
/* The Frame a physical page belongs to, or NULL. */
struct frame *frame_of(paddr_t pa);
/* How many mappings the physical page has. */
uint32_t page_maps(paddr_t pa);

struct aspace *aspace_create(struct mempool *pool);
/* npages of zeroed memory charged to pool. */
struct frame *frame_create(struct mempool *pool, size_t npages);
/* A Frame over existing memory the kernel must not free (boot image). */
struct frame *frame_wrap(struct mempool *pool, paddr_t pa, size_t npages);

/* Map every page of f at va (page-aligned) with PT_* prot (PT_USER is
 * added). -EINVAL bad address, -EEXIST something is mapped there (unless
 * replace: then the old pages are unmapped first), -ENOMEM; on error
 * nothing new stays mapped. */
must_check int aspace_map(struct aspace *as, struct frame *f, vaddr_t va,
			  unsigned prot, bool replace);

/* Give dst every mapping of src (clone without CLONE_VM): the same pages,
 * writable ones turned read-only and PT_COW in both. -ENOMEM leaves dst
 * partly filled (the caller destroys it). */
must_check int aspace_copy_cow(struct aspace *src, struct aspace *dst);
must_check int aspace_unmap(struct aspace *as, vaddr_t va);

/* Make as the CPU's address space (NULL: the kernel's). */
void aspace_activate(struct aspace *as);

struct sysregs;
void sys_map(struct sysregs *r);
void sys_unmap(struct sysregs *r);
void sys_protect(struct sysregs *r);
void sys_map_info(struct sysregs *r);
void sys_page_copy(struct sysregs *r);
void sys_page_unshare(struct sysregs *r);

#endif
