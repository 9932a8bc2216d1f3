/*
 * Frame objects and the frame table (kernel/frame.c). A Frame is
 * physically contiguous memory; the frame table (one entry per physical
 * page) finds the Frame of a physical page and counts how many times that
 * page is mapped, which copy-on-write pagers ask for. Each mapping of a
 * page holds a reference to its Frame (page_mapped / page_unmapped).
 */
#ifndef PITH_FRAME_H
#define PITH_FRAME_H

#include "object.h"

#define FRAME_MAX_PAGES 4096  /* 16 MiB, physically contiguous */

struct frame {
	struct kobj hdr;
	paddr_t pa;
	size_t npages;
	uint32_t mapcount;   /* page mappings of it, in all address spaces */
	uint32_t ipcbuf_users; /* tasks with it as their IPC buffer */
	bool owned;          /* its memory is ours to free (not the boot image) */
};

struct page_info {
	struct frame *frame;   /* the Frame this physical page belongs to */
	uint32_t maps;         /* mappings of this page */
};

/* Build the frame table over kernel_pmm's span. Called once by kmain. */
must_check int frame_table_init(void);
/* The frame-table entry of a physical page of RAM, or NULL. */
struct page_info *page_info_of(paddr_t pa);
/* The Frame a physical page belongs to, or NULL. */
struct frame *frame_of(paddr_t pa);
/* How many mappings the physical page has. */
uint32_t page_maps(paddr_t pa);
/* Account one more / one less mapping of the page at pa (a reference to
 * its Frame each). */
void page_mapped(paddr_t pa);
void page_unmapped(paddr_t pa);

/* Is any page of the Frame o mapped anywhere? */
bool frame_is_mapped(const struct kobj *o);

/* npages of zeroed memory charged to pool. */
struct frame *frame_create(struct mempool *pool, size_t npages);
/* A Frame over existing memory the kernel must not free (boot image). */
struct frame *frame_wrap(struct mempool *pool, paddr_t pa, size_t npages);

#endif
