/*
 * Address spaces: a page table whose kernel half is shared, holding user
 * mappings of 4 KiB pages in the user half. Each mapping references its
 * Frame (kernel/frame.c). Page-table pages are charged to the address
 * space's pool. Copy-on-write is a software PTE bit (PT_COW): the kernel
 * only marks pages and answers questions; the pager resolves.
 */
#include "arch.h"
#include "aspace.h"
#include "pmm.h"
#include "task.h"
#include "uapi/errno.h"

paddr_t aspace_active_root;
static struct aspace *all_aspaces;

struct aspace *aspace_create(struct mempool *pool)
{
	struct aspace *as = obj_alloc(pool, CAP_ASPACE, sizeof(*as));

	if (!as)
		return NULL;
	if (pool_charge(pool, PAGE_SIZE) < 0) {
		obj_put(&as->hdr);
		return NULL;
	}
	if (pt_create(&as->root) < 0) {
		pool_refund(pool, PAGE_SIZE);
		as->root = 0;
		obj_put(&as->hdr);
		return NULL;
	}
	as->all_next = all_aspaces;
	if (all_aspaces)
		all_aspaces->all_pprev = &as->all_next;
	as->all_pprev = &all_aspaces;
	all_aspaces = as;
	return as;
}

static int unmap_leaf(vaddr_t va, paddr_t pa, unsigned prot, void *ctx)
{
	(void)va;
	(void)prot;
	(void)ctx;
	page_unmapped(pa);
	return 0;
}

void aspace_destroy(struct kobj *o)
{
	struct aspace *as = (struct aspace *)o;

	if (!as->root)
		return;
	if (aspace_active_root == as->root)
		aspace_activate(NULL);
	*as->all_pprev = as->all_next;
	if (as->all_next)
		as->all_next->all_pprev = as->all_pprev;
	(void)pt_for_each_user_leaf(as->root, unmap_leaf, NULL);
	size_t tables = pt_destroy(as->root);
	pool_refund(o->pool, tables * PAGE_SIZE);
}

/* Its pool is destroyed: the tasks running in it end. Its mappings go
 * when it does. */
void aspace_revoke(struct kobj *o)
{
	task_drop_refs(o);
}

struct revoked_walk {
	struct aspace *as;
	bool unmapped;
};

static int unmap_revoked_leaf(vaddr_t va, paddr_t pa, unsigned prot, void *ctx)
{
	struct revoked_walk *w = ctx;
	struct frame *f = frame_of(pa);

	(void)prot;
	/* Leave the tables be while walking them; pruned below. */
	if (f && f->hdr.revoked && pt_unmap(w->as->root, va, NULL) == 0) {
		page_unmapped(pa);
		w->unmapped = true;
	}
	return 0;
}

void aspace_unmap_revoked(void)
{
	for (struct aspace *as = all_aspaces; as; as = as->all_next) {
		struct revoked_walk w = { as, false };
		(void)pt_for_each_user_leaf(as->root, unmap_revoked_leaf, &w);
		if (w.unmapped)
			pool_refund(as->hdr.pool, pt_prune(as->root) * PAGE_SIZE);
	}
}

/* One page; the page-table pages it may need are charged up front and
 * what was not used is refunded. Most often the tables are there and the
 * entry is empty (a demand-zero fault, a clone's copy): one walk, nothing
 * to charge. */
static int map_page(struct aspace *as, vaddr_t va, paddr_t pa, unsigned prot,
		    bool replace)
{
	const size_t worst = ARCH_PT_LEVELS - 1;
	size_t added = 0;
	bool had = false;
	paddr_t old = 0;
	int err;

	if (pt_map_existing(as->root, va, pa, prot | PT_USER)) {
		page_mapped(pa);
		return 0;
	}
	err = pool_charge(as->hdr.pool, worst * PAGE_SIZE);
	if (err)
		return err;
	if (replace)
		err = pt_replace(as->root, va, pa, prot | PT_USER, &added, &had, &old);
	else
		err = pt_map(as->root, va, pa, prot | PT_USER, &added);
	pool_refund(as->hdr.pool, (worst - added) * PAGE_SIZE);
	if (!err)
		page_mapped(pa);
	if (had)
		page_unmapped(old);
	return err;
}

int aspace_map_page(struct aspace *as, vaddr_t va, paddr_t pa, unsigned prot,
		    bool replace)
{
	return map_page(as, va, pa, prot, replace);
}

int aspace_unmap(struct aspace *as, vaddr_t va)
{
	struct pt_lookup l;

	if (va & PAGE_MASK || va >= ARCH_USER_TOP)
		return -EINVAL;
	l = pt_lookup(as->root, va);
	if (l.err)
		return l.err;
	size_t freed = 0;
	int err = pt_unmap(as->root, va, &freed);
	if (!err)
		page_unmapped(l.pa);
	/* Tables the unmap emptied went back: so does their charge. */
	pool_refund(as->hdr.pool, freed * PAGE_SIZE);
	return err;
}

int aspace_map_range(struct aspace *as, struct frame *f, size_t first,
		     size_t count, vaddr_t va, unsigned prot, bool replace)
{
	size_t i;
	int err = 0;

	if (first >= f->npages || count == 0 || count > f->npages - first ||
	    va & PAGE_MASK || va >= ARCH_USER_TOP ||
	    count > (ARCH_USER_TOP - va) / PAGE_SIZE)
		return -EINVAL;
	paddr_t pa = f->pa + first * PAGE_SIZE;
	/* Several pages go all or none: look first. One page needs no look:
	 * pt_map refuses an occupied entry by itself. */
	if (!replace && count > 1)
		for (i = 0; i < count; i++)
			if (!pt_lookup(as->root, va + i * PAGE_SIZE).err)
				return -EEXIST;
	for (i = 0; i < count && !err; i++)
		err = map_page(as, va + i * PAGE_SIZE, pa + i * PAGE_SIZE, prot,
			       replace);
	if (err) {
		/* Undo the pages mapped before the failure. */
		for (size_t j = 0; j + 1 < i; j++)
			(void)aspace_unmap(as, va + j * PAGE_SIZE);
	}
	return err;
}

int aspace_map(struct aspace *as, struct frame *f, vaddr_t va, unsigned prot,
	       bool replace)
{
	return aspace_map_range(as, f, 0, f->npages, va, prot, replace);
}

struct cow_copy {
	struct aspace *src, *dst;
};

static int cow_leaf(vaddr_t va, paddr_t pa, unsigned prot, void *ctx)
{
	struct cow_copy *c = ctx;
	unsigned p = prot & ~PT_USER;
	struct frame *f = frame_of(pa);

	/* An IPC buffer is neither shared nor copy-on-write: the kernel
	 * writes messages into its frame directly, so a copy made by a
	 * pager would no longer be the buffer. The clone gets a private one
	 * of its own (task_ctl.c); other tasks' buffers stay in the source. */
	if (f && f->ipcbuf_users)
		return 0;
	if (p & (PT_WRITE | PT_COW)) {
		p = (p & ~PT_WRITE) | PT_COW;
		if (p != (prot & ~PT_USER))
			(void)pt_protect(c->src->root, va, p | PT_USER);
	}
	return map_page(c->dst, va, pa, p, false);
}

int aspace_copy_cow(struct aspace *src, struct aspace *dst)
{
	struct cow_copy c = { src, dst };
	int err = pt_for_each_user_leaf(src->root, cow_leaf, &c);

	/* The source lost write access: no stale writable TLB entry may stay
	 * behind on this CPU. */
	if (aspace_active_root == src->root)
		arch_tlb_flush_all();
	return err;
}
