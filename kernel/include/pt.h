/*
 * Portable page-table walker (kernel/pt.c) over the arch's PTE encoding
 * (arch/inline.h). Trees have ARCH_PT_LEVELS levels of 512 entries; level 0
 * maps 4 KiB pages. Tables come from kernel_pmm.
 */
#ifndef PITH_PT_H
#define PITH_PT_H

#include "arch.h"

struct pt_lookup {
	int err;          /* 0, or -ENOENT when nothing is mapped */
	paddr_t pa;       /* physical address va translates to */
	unsigned prot;    /* PT_* rights of the mapping */
	unsigned level;   /* level of the leaf (0 = 4 KiB page) */
};

/* Prepare the kernel root's kmap window (ARCH_KMAP_BASE): called once at
 * boot, before any other root exists. */
must_check int pt_kernel_init(void);
/* Create every table of the kernel root down to level 0 for the kernel
 * range [va, va + size), so that mapping pages there later never allocates
 * and never changes the root's kernel half. Boot only, before any other
 * root exists. -ENOMEM if the tables do not fit. */
must_check int pt_kernel_prealloc(vaddr_t va, size_t size);

/* A new root whose kernel half is the kernel's (shared tables). */
must_check int pt_create(paddr_t *root);
/* Free the user half's tables and the root; mapped frames are the
 * caller's business. Returns the number of table pages freed. */
size_t pt_destroy(paddr_t root);

/* Call fn(va, pa, prot, ctx) for every leaf in the user half, in address
 * order, until fn returns an error (which is returned). */
int pt_for_each_user_leaf(paddr_t root,
			  int (*fn)(vaddr_t, paddr_t, unsigned, void *), void *ctx);

/* Map one 4 KiB page. -EINVAL if unaligned or va is in a huge mapping,
 * -EEXIST if already mapped, -ENOMEM if a table could not be allocated.
 * *tables_added (if not NULL) is incremented per table page allocated. */
must_check int pt_map(paddr_t root, vaddr_t va, paddr_t pa, unsigned prot,
		      size_t *tables_added);
/* pt_map's common case, no allocation: true if the tables for va exist
 * and its entry was empty, and now maps pa; false (nothing changed) if a
 * table is missing, va is in a huge mapping or a page is there. */
bool pt_map_existing(paddr_t root, vaddr_t va, paddr_t pa, unsigned prot);
/* Map one 4 KiB page whether or not one is mapped there: *had says
 * whether one was, *old its physical address (the TLB entry is flushed). */
must_check int pt_replace(paddr_t root, vaddr_t va, paddr_t pa, unsigned prot,
			  size_t *tables_added, bool *had, paddr_t *old);
/* Remove the 4 KiB mapping at va; -ENOENT if none, -EINVAL inside a huge
 * mapping. Flushes the TLB entry. With tables_freed, tables left empty are
 * freed (not the root) and *tables_freed is incremented per table. */
must_check int pt_unmap(paddr_t root, vaddr_t va, size_t *tables_freed);
/* Free every empty table of the user half (not the root); returns how
 * many were freed. */
size_t pt_prune(paddr_t root);
/* The present 4 KiB leaf entry for va, or NULL (none, or a huge page).
 * For callers that read and rewrite one entry without walking twice; a
 * changed entry must be followed by arch_tlb_flush_page(va). */
pte_t *pt_entry(paddr_t root, vaddr_t va);
/* Change the rights of the 4 KiB mapping at va; -ENOENT if none. */
must_check int pt_protect(paddr_t root, vaddr_t va, unsigned prot);
struct pt_lookup pt_lookup(paddr_t root, vaddr_t va);

#endif
