/*
 * Page tables, written once for both arches. A tree has ARCH_PT_LEVELS
 * levels of 512 entries; the arch supplies only the entry encoding
 * (arch/inline.h). Root entries from ARCH_PT_KERNEL_FIRST up are the
 * kernel half: every root copies them from the kernel's root, so kernel
 * tables below them are shared, and only the user half is ever freed.
 */
#include "kstring.h"
#include "pmm.h"
#include "pt.h"
#include "uapi/errno.h"

#define PT_ENTRIES 512

static pte_t *table(paddr_t pa)
{
	return phys_to_virt(pa);
}

static unsigned pt_index(vaddr_t va, unsigned level)
{
	return (unsigned)(va >> (PAGE_SHIFT + 9 * level)) & (PT_ENTRIES - 1);
}

/*
 * The first entry from i on (below limit) that is not all zero, or limit.
 * A process's tables are mostly empty (a few pages of text, data and
 * stack in trees of 512-entry tables), and the walks that visit every
 * entry (clone's copy, a space's destruction) would spend most of their
 * time on the empty ones: they are skipped eight at a time (through a
 * pointer: a 32-bit index costs a zero-extension per load on RV64). A
 * nonzero entry is not necessarily present: callers still check.
 */
static unsigned skip_zero(const pte_t *t, unsigned i, unsigned limit)
{
	const pte_t *p = t + i, *end = t + limit;

	while (end - p >= 8 &&
	       !(p[0] | p[1] | p[2] | p[3] | p[4] | p[5] | p[6] | p[7]))
		p += 8;
	while (p < end && !*p)
		p++;
	return (unsigned)(p - t);
}

int pt_create(paddr_t *root)
{
	int err = frame_alloc(root);

	if (err)
		return err;
	memcpy(table(*root) + ARCH_PT_KERNEL_FIRST,
	       table(arch_kernel_root()) + ARCH_PT_KERNEL_FIRST,
	       (PT_ENTRIES - ARCH_PT_KERNEL_FIRST) * sizeof(pte_t));
	return 0;
}

static size_t free_tables(paddr_t pa, unsigned level, unsigned limit)
{
	pte_t *t = table(pa);
	size_t n = 1;

	if (level > 0)
		for (unsigned i = skip_zero(t, 0, limit); i < limit;
		     i = skip_zero(t, i + 1, limit))
			if (arch_pte_present(t[i]) && !arch_pte_is_leaf(t[i], level))
				n += free_tables(arch_pte_addr(t[i]), level - 1,
						 PT_ENTRIES);
	frame_free(pa);
	return n;
}

size_t pt_destroy(paddr_t root)
{
	return free_tables(root, ARCH_PT_LEVELS - 1, ARCH_PT_KERNEL_FIRST);
}

static int leaves(paddr_t pa, unsigned level, unsigned limit, vaddr_t base,
		  int (*fn)(vaddr_t, paddr_t, unsigned, void *), void *ctx)
{
	pte_t *t = table(pa);
	int err = 0;

	for (unsigned i = skip_zero(t, 0, limit); i < limit && !err;
	     i = skip_zero(t, i + 1, limit)) {
		vaddr_t va = base + ((vaddr_t)i << (PAGE_SHIFT + 9 * level));
		if (!arch_pte_present(t[i]))
			continue;
		if (arch_pte_is_leaf(t[i], level))
			err = fn(va, arch_pte_addr(t[i]), arch_pte_prot(t[i]), ctx);
		else if (level > 0)
			err = leaves(arch_pte_addr(t[i]), level - 1, PT_ENTRIES, va,
				     fn, ctx);
	}
	return err;
}

int pt_for_each_user_leaf(paddr_t root,
			  int (*fn)(vaddr_t, paddr_t, unsigned, void *), void *ctx)
{
	return leaves(root, ARCH_PT_LEVELS - 1, ARCH_PT_KERNEL_FIRST, 0, fn, ctx);
}

/*
 * The level-0 entry for va, allocating missing tables if alloc. Fails with
 * -ENOENT (no table, !alloc), -EINVAL (a huge leaf covers va) or -ENOMEM.
 */
static int walk(paddr_t root, vaddr_t va, bool alloc, pte_t **out,
		size_t *added)
{
	pte_t *t = table(root);

	for (unsigned level = ARCH_PT_LEVELS - 1; level > 0; level--) {
		pte_t *e = &t[pt_index(va, level)];
		if (!arch_pte_present(*e)) {
			paddr_t next;
			if (!alloc)
				return -ENOENT;
			if (frame_alloc(&next) < 0)
				return -ENOMEM;
			*e = arch_pte_table(next);
			if (added)
				(*added)++;
		} else if (arch_pte_is_leaf(*e, level)) {
			return -EINVAL;
		}
		t = table(arch_pte_addr(*e));
	}
	*out = &t[pt_index(va, 0)];
	return 0;
}

/* Install a 4 KiB leaf at va. Without replace an existing one is an error
 * (-EEXIST); with it, *had and *old tell what was there (flushed). */
static int set_leaf(paddr_t root, vaddr_t va, paddr_t pa, unsigned prot,
		    size_t *tables_added, bool replace, bool *had, paddr_t *old)
{
	pte_t *e;
	int err;

	if ((va | pa) & PAGE_MASK)
		return -EINVAL;
	err = walk(root, va, true, &e, tables_added);
	if (err)
		return err;
	*had = arch_pte_present(*e);
	if (*had && !replace)
		return -EEXIST;
	if (*had)
		*old = arch_pte_addr(*e);
	*e = arch_pte_leaf(pa, prot, 0);
	if (*had)
		arch_tlb_flush_page(va);
	return 0;
}

int pt_map(paddr_t root, vaddr_t va, paddr_t pa, unsigned prot,
	   size_t *tables_added)
{
	bool had;
	paddr_t old;

	return set_leaf(root, va, pa, prot, tables_added, false, &had, &old);
}

bool pt_map_existing(paddr_t root, vaddr_t va, paddr_t pa, unsigned prot)
{
	pte_t *e;

	if ((va | pa) & PAGE_MASK || walk(root, va, false, &e, NULL) ||
	    arch_pte_present(*e))
		return false;
	*e = arch_pte_leaf(pa, prot, 0);
	return true;
}

int pt_replace(paddr_t root, vaddr_t va, paddr_t pa, unsigned prot,
	       size_t *tables_added, bool *had, paddr_t *old)
{
	return set_leaf(root, va, pa, prot, tables_added, true, had, old);
}

static bool table_empty(const pte_t *t)
{
	for (unsigned i = 0; i < PT_ENTRIES; i++)
		if (arch_pte_present(t[i]))
			return false;
	return true;
}

int pt_unmap(paddr_t root, vaddr_t va, size_t *tables_freed)
{
	pte_t *path[ARCH_PT_LEVELS]; /* path[l]: the entry at level l */
	pte_t *t = table(root);
	unsigned level;

	va &= ~(vaddr_t)PAGE_MASK;
	for (level = ARCH_PT_LEVELS - 1;; level--) {
		pte_t *e = &t[pt_index(va, level)];
		if (!arch_pte_present(*e))
			return -ENOENT;
		path[level] = e;
		if (arch_pte_is_leaf(*e, level))
			break;
		if (level == 0)
			return -ENOENT;
		t = table(arch_pte_addr(*e));
	}
	if (level != 0)
		return -EINVAL;   /* inside a huge mapping */
	*path[0] = 0;
	/* Any CPU may cache the old translation; this one does until told. */
	arch_tlb_flush_page(va);
	if (!tables_freed)
		return 0;
	/* Free the tables this emptied, bottom up; never the root. */
	size_t freed = 0;
	for (level = 1; level < ARCH_PT_LEVELS; level++) {
		paddr_t child = arch_pte_addr(*path[level]);
		if (!table_empty(table(child)))
			break;
		*path[level] = 0;
		frame_free(child);
		freed++;
	}
	if (freed) {
		/* Walk caches may hold the freed tables: drop everything. */
		arch_tlb_flush_all();
		*tables_freed += freed;
	}
	return 0;
}

/* Free the empty tables below the entries of t (a table at level, of
 * which the first limit entries are looked at); returns how many. */
static size_t prune(pte_t *t, unsigned level, unsigned limit)
{
	size_t n = 0;

	for (unsigned i = 0; i < limit; i++) {
		if (!arch_pte_present(t[i]) || arch_pte_is_leaf(t[i], level))
			continue;
		paddr_t child = arch_pte_addr(t[i]);
		if (level > 1)
			n += prune(table(child), level - 1, PT_ENTRIES);
		if (table_empty(table(child))) {
			t[i] = 0;
			frame_free(child);
			n++;
		}
	}
	return n;
}

size_t pt_prune(paddr_t root)
{
	size_t n = prune(table(root), ARCH_PT_LEVELS - 1, ARCH_PT_KERNEL_FIRST);

	if (n)
		arch_tlb_flush_all();
	return n;
}

pte_t *pt_entry(paddr_t root, vaddr_t va)
{
	pte_t *e;

	if (walk(root, va & ~(vaddr_t)PAGE_MASK, false, &e, NULL) ||
	    !arch_pte_present(*e))
		return NULL;
	return e;
}

int pt_protect(paddr_t root, vaddr_t va, unsigned prot)
{
	pte_t *e;
	int err = walk(root, va, false, &e, NULL);

	if (err == -EINVAL)
		return -EINVAL;
	if (err || !arch_pte_present(*e))
		return -ENOENT;
	*e = arch_pte_leaf(arch_pte_addr(*e), prot, 0);
	arch_tlb_flush_page(va);
	return 0;
}

struct pt_lookup pt_lookup(paddr_t root, vaddr_t va)
{
	pte_t *t = table(root);

	for (unsigned level = ARCH_PT_LEVELS - 1;; level--) {
		pte_t e = t[pt_index(va, level)];
		if (!arch_pte_present(e))
			break;
		if (arch_pte_is_leaf(e, level)) {
			vaddr_t span = (vaddr_t)1 << (PAGE_SHIFT + 9 * level);
			return (struct pt_lookup){
				.pa = arch_pte_addr(e) + (va & (span - 1)),
				.prot = arch_pte_prot(e),
				.level = level,
			};
		}
		if (level == 0)
			break;
		t = table(arch_pte_addr(e));
	}
	return (struct pt_lookup){ .err = -ENOENT };
}

int pt_kernel_init(void)
{
	pte_t *e;

	/* Create the kmap window's tables below the root now, so the root's
	 * kernel half never changes after boot and the copies pt_create()
	 * makes of it stay valid. The window fits under one root entry. */
	_Static_assert(ARCH_KMAP_SIZE <= (1ull << (PAGE_SHIFT + 9 * (ARCH_PT_LEVELS - 1))),
		       "kmap window spans several root entries");
	return walk(arch_kernel_root(), ARCH_KMAP_BASE, true, &e, NULL);
}

int pt_kernel_prealloc(vaddr_t va, size_t size)
{
	/* One walk per level-0 table: each maps 512 pages. */
	const vaddr_t span = (vaddr_t)PAGE_SIZE * PT_ENTRIES;
	pte_t *e;

	for (vaddr_t v = ALIGN_DOWN(va, span); v < va + size; v += span) {
		int err = walk(arch_kernel_root(), v, true, &e, NULL);
		if (err)
			return err;
	}
	return 0;
}
