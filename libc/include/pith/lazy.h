/*
 * Memory that is mapped as it is first used (libc/lazy.c): a server's
 * large tables, sized for the largest system, live in a reserved range
 * of its own address space instead of its bss, and a page of them is
 * mapped (zeroed, charged to a pool) only when the server says it is
 * about to use it (pith_lazy_need). A page is never unmapped again.
 *
 * The server must ask before every first write and may read a page only
 * if it is mapped (pith_lazy_mapped): a task's own access to an unmapped
 * page is a fault, and procsrv and fs have no pager. Kernel copies
 * (SYS_VM_COPY) into or out of the range need the pages too.
 */
#ifndef PITH_LIBC_LAZY_H
#define PITH_LIBC_LAZY_H

#include <pith/syscall.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PITH_LAZY_PAGE      4096u
#define PITH_LAZY_MAX_PAGES 2048u  /* 8 MiB of tables per range */

struct pith_lazy {
	uint64_t base;        /* page-aligned start of the reserved range */
	uint64_t used;        /* bytes given out by pith_lazy_alloc */
	slot_t aspace, pool;  /* the server's own space; who pays */
	uint32_t npages;      /* pages mapped so far */
	uint64_t bytes;       /* what the pool was charged for them: pages
				 and the page tables under them */
	uint64_t mapped[PITH_LAZY_MAX_PAGES / 64];
};

/* bytes (rounded up to whole pages) of the range, none mapped yet; NULL
 * if the range is full. Called at start, before any use. */
void *pith_lazy_alloc(struct pith_lazy *z, size_t bytes);
/* pith_lazy_need's slow part: map what is missing. */
int pith_lazy_map(struct pith_lazy *z, const void *p, size_t len);

/* Map the pages under [p, p + len) that are not mapped yet (p in the
 * range, or anywhere else: then nothing to do). 0, or -ENOMEM with the
 * pages mapped so far kept. Inline: a few instructions when p is
 * outside the range or on one page already mapped. */
static inline int pith_lazy_need(struct pith_lazy *z, const void *p, size_t len)
{
	uint64_t off = (uint64_t)(uintptr_t)p - z->base, pg = off / PITH_LAZY_PAGE;

	if (off >= z->used || !len ||
	    (pg == (off + len - 1) / PITH_LAZY_PAGE &&
	     (z->mapped[pg / 64] >> (pg % 64) & 1)))
		return 0;
	return pith_lazy_map(z, p, len);
}

/* Whether the page under p is mapped (true outside the range). */
static inline bool pith_lazy_mapped(const struct pith_lazy *z, const void *p)
{
	uint64_t off = (uint64_t)(uintptr_t)p - z->base, pg = off / PITH_LAZY_PAGE;

	return off >= z->used || (z->mapped[pg / 64] >> (pg % 64) & 1);
}

#endif
