/*
 * Address spaces and frames. User mappings are 4 KiB pages in the user
 * half; each references its Frame object, found again from the physical
 * address through the page table of the machine (one entry per physical
 * page: owning Frame and map count). Page-table pages are charged to the
 * address space's pool. Copy-on-write is a software PTE bit (PT_COW): the
 * kernel only marks pages and answers questions; the pager resolves.
 */
#include "arch.h"
#include "aspace.h"
#include "cspace.h"
#include "kstring.h"
#include "pmm.h"
#include "task.h"
#include "uapi/errno.h"
#include "uapi/task.h"
#include "usercopy.h"

struct page_info {
	struct frame *frame;   /* the Frame this physical page belongs to */
	uint32_t maps;         /* mappings of this page */
};

static struct page_info *frame_table;
static paddr_t active_root;

int frame_table_init(void)
{
	size_t bytes = kernel_pmm.nframes * sizeof(struct page_info);
	size_t pages = ALIGN_UP(bytes, PAGE_SIZE) / PAGE_SIZE;
	paddr_t pa;
	int err = frame_alloc_contig(pages, &pa);

	if (!err)
		frame_table = phys_to_virt(pa);
	return err;
}

static struct page_info *page(paddr_t pa)
{
	pa &= ~(paddr_t)PAGE_MASK;
	if (pa < kernel_pmm.base ||
	    (pa - kernel_pmm.base) / PAGE_SIZE >= kernel_pmm.nframes)
		return NULL;
	return &frame_table[(pa - kernel_pmm.base) / PAGE_SIZE];
}

struct frame *frame_of(paddr_t pa)
{
	struct page_info *p = page(pa);

	return p ? p->frame : NULL;
}

uint32_t page_maps(paddr_t pa)
{
	struct page_info *p = page(pa);

	return p ? p->maps : 0;
}

static void set_owner(struct frame *f, struct frame *owner)
{
	for (size_t i = 0; i < f->npages; i++) {
		struct page_info *p = page(f->pa + i * PAGE_SIZE);
		if (p)
			*p = (struct page_info){ owner, 0 };
	}
}

/* Account one more / one less mapping of the page at pa. */
static void page_mapped(paddr_t pa)
{
	struct page_info *p = page(pa);

	if (p && p->frame) {
		p->maps++;
		p->frame->mapcount++;
		obj_get(&p->frame->hdr);
	}
}

static void page_unmapped(paddr_t pa)
{
	struct page_info *p = page(pa);

	if (p && p->frame) {
		p->maps--;
		p->frame->mapcount--;
		obj_put(&p->frame->hdr);
	}
}

struct frame *frame_wrap(struct mempool *pool, paddr_t pa, size_t npages)
{
	struct frame *f = obj_alloc(pool, CAP_FRAME, sizeof(*f));

	if (!f)
		return NULL;
	f->pa = pa;
	f->npages = npages;
	set_owner(f, f);
	return f;
}

struct frame *frame_create(struct mempool *pool, size_t npages)
{
	paddr_t pa;
	struct frame *f;

	if (npages == 0 || npages > FRAME_MAX_PAGES)
		return NULL;
	if (pool_frames(pool, npages, &pa) < 0)
		return NULL;
	f = frame_wrap(pool, pa, npages);
	if (!f) {
		pool_frames_free(pool, pa, npages);
		return NULL;
	}
	f->owned = true;
	return f;
}

void frame_destroy(struct kobj *o)
{
	struct frame *f = (struct frame *)o;

	set_owner(f, NULL);
	if (f->owned)
		pool_frames_free(o->pool, f->pa, f->npages);
}

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
	if (active_root == as->root)
		aspace_activate(NULL);
	(void)pt_for_each_user_leaf(as->root, unmap_leaf, NULL);
	size_t tables = pt_destroy(as->root);
	pool_refund(o->pool, tables * PAGE_SIZE);
}

void aspace_activate(struct aspace *as)
{
	paddr_t root = as ? as->root : arch_kernel_root();

	if (root != active_root) {
		active_root = root;
		arch_pt_activate(root);
	}
}

/* One page; the page-table pages it may need are charged up front and
 * what was not used is refunded. */
static int map_page(struct aspace *as, vaddr_t va, paddr_t pa, unsigned prot,
		    bool replace)
{
	const size_t worst = ARCH_PT_LEVELS - 1;
	size_t added = 0;
	bool had = false;
	paddr_t old = 0;
	int err = pool_charge(as->hdr.pool, worst * PAGE_SIZE);

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

int aspace_unmap(struct aspace *as, vaddr_t va)
{
	struct pt_lookup l;

	if (va & PAGE_MASK || va >= ARCH_USER_TOP)
		return -EINVAL;
	l = pt_lookup(as->root, va);
	if (l.err)
		return l.err;
	int err = pt_unmap(as->root, va);
	if (!err)
		page_unmapped(l.pa);
	return err;
}

int aspace_map(struct aspace *as, struct frame *f, vaddr_t va, unsigned prot,
	       bool replace)
{
	size_t i;
	int err = 0;

	if (va & PAGE_MASK || va >= ARCH_USER_TOP ||
	    f->npages > (ARCH_USER_TOP - va) / PAGE_SIZE)
		return -EINVAL;
	if (!replace)
		for (i = 0; i < f->npages; i++)
			if (!pt_lookup(as->root, va + i * PAGE_SIZE).err)
				return -EEXIST;
	for (i = 0; i < f->npages && !err; i++)
		err = map_page(as, va + i * PAGE_SIZE, f->pa + i * PAGE_SIZE, prot,
			       replace);
	if (err) {
		/* Undo the pages mapped before the failure. */
		for (size_t j = 0; j + 1 < i; j++)
			(void)aspace_unmap(as, va + j * PAGE_SIZE);
	}
	return err;
}

struct cow_copy {
	struct aspace *src, *dst;
};

static int cow_leaf(vaddr_t va, paddr_t pa, unsigned prot, void *ctx)
{
	struct cow_copy *c = ctx;
	unsigned p = prot & ~PT_USER;

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
	if (active_root == src->root)
		arch_tlb_flush_all();
	return err;
}

/* ---- system calls --------------------------------------------------------- */

static unsigned prot_of(uint64_t rights)
{
	return ((rights & RIGHT_READ) ? PT_READ : 0) |
	       ((rights & RIGHT_WRITE) ? PT_WRITE : 0) |
	       ((rights & RIGHT_EXEC) ? PT_EXEC : 0);
}

/* SYS_MAP(aspace, frame, vaddr, rights): the frame capability must carry
 * every right asked for. */
void sys_map(struct sysregs *r)
{
	struct cap_ref a = cap_lookup(current->cs, r->r[0], CAP_ASPACE,
				      RIGHT_CONTROL);
	uint64_t rights = r->r[3];
	int err = a.err;
	struct cap_ref f = { 0, NULL };

	if (!err && (rights & ~(uint64_t)(RIGHT_READ | RIGHT_WRITE | RIGHT_EXEC |
					  MAP_REPLACE) ||
		     !(rights & RIGHT_READ)))
		err = -EINVAL;
	if (!err) {
		f = cap_lookup(current->cs, r->r[1], CAP_FRAME,
			       (unsigned)(rights & ~(uint64_t)MAP_REPLACE));
		err = f.err;
	}
	if (!err)
		err = aspace_map((struct aspace *)a.cap->obj,
				 (struct frame *)f.cap->obj, r->r[2],
				 prot_of(rights), r->r[3] & MAP_REPLACE);
	r->r[0] = (uint64_t)err;
}

void sys_unmap(struct sysregs *r)
{
	struct cap_ref a = cap_lookup(current->cs, r->r[0], CAP_ASPACE,
				      RIGHT_CONTROL);

	r->r[0] = (uint64_t)(a.err ? a.err
		: aspace_unmap((struct aspace *)a.cap->obj, r->r[1]));
}

/* SYS_PROTECT(aspace, vaddr, rights): only removes rights; adding one
 * takes the frame capability again (unmap + map), except that a page
 * write-protected for copy-on-write may get its write right back (the
 * pager found it mapped once: no copy needed). */
void sys_protect(struct sysregs *r)
{
	struct cap_ref a = cap_lookup(current->cs, r->r[0], CAP_ASPACE,
				      RIGHT_CONTROL);
	vaddr_t va = r->r[1];
	uint64_t rights = r->r[2];
	int err = a.err;

	if (!err && (va & PAGE_MASK || va >= ARCH_USER_TOP ||
		     rights & ~(uint64_t)(RIGHT_READ | RIGHT_WRITE | RIGHT_EXEC) ||
		     !(rights & RIGHT_READ)))
		err = -EINVAL;
	if (!err) {
		struct aspace *as = (struct aspace *)a.cap->obj;
		struct pt_lookup l = pt_lookup(as->root, va);
		unsigned prot = prot_of(rights);
		if (l.err)
			err = l.err;
		else if (prot & ~l.prot &
			 ~((l.prot & PT_COW) && page_maps(l.pa) == 1 ? PT_WRITE : 0))
			err = -EPERM;  /* a shared COW page must be copied */
		else
			err = pt_protect(as->root, va,
					 prot | PT_USER |
					 (prot & PT_WRITE ? 0 : (l.prot & PT_COW)));
	}
	r->r[0] = (uint64_t)err;
}

/* SYS_MAP_INFO(aspace, vaddr): r1 = rights, r2 = how many mappings the
 * page has (all address spaces), r3 = MAP_INFO_* flags. */
void sys_map_info(struct sysregs *r)
{
	struct cap_ref a = cap_lookup(current->cs, r->r[0], CAP_ASPACE,
				      RIGHT_READ);
	vaddr_t va = r->r[1];
	struct pt_lookup l;

	if (a.err || va >= ARCH_USER_TOP) {
		r->r[0] = (uint64_t)(a.err ? a.err : -EINVAL);
		return;
	}
	l = pt_lookup(((struct aspace *)a.cap->obj)->root, va);
	if (l.err) {
		r->r[0] = (uint64_t)l.err;
		return;
	}
	r->r[0] = 0;
	r->r[1] = ((l.prot & PT_READ) ? RIGHT_READ : 0) |
		  ((l.prot & PT_WRITE) ? RIGHT_WRITE : 0) |
		  ((l.prot & PT_EXEC) ? RIGHT_EXEC : 0);
	r->r[2] = page_maps(l.pa);
	r->r[3] = (l.prot & PT_COW) ? MAP_INFO_COW : 0;
}

/*
 * SYS_PAGE_UNSHARE(aspace, vaddr, pool): the copy-on-write step in one
 * call. The page at vaddr must be marked COW; if no other mapping shares
 * its physical page it gets its write right back (result 0), otherwise a
 * new frame charged to pool receives a copy (never zeroed first: it is
 * overwritten whole) and replaces it, writable (result 1). The pager keeps
 * the policy (which pool pays, whether to do it at all).
 */
void sys_page_unshare(struct sysregs *r)
{
	struct cap_ref a = cap_lookup(current->cs, r->r[0], CAP_ASPACE,
				      RIGHT_CONTROL);
	struct cap_ref p = cap_lookup(current->cs, r->r[2], CAP_MEMPOOL,
				      RIGHT_CONTROL);
	vaddr_t va = r->r[1] & ~(vaddr_t)PAGE_MASK;
	int err = a.err ? a.err : p.err;
	struct aspace *as;
	struct pt_lookup l;

	if (!err && va >= ARCH_USER_TOP)
		err = -EINVAL;
	if (err) {
		r->r[0] = (uint64_t)err;
		return;
	}
	as = (struct aspace *)a.cap->obj;
	pte_t *e = pt_entry(as->root, va);
	if (!e || !(arch_pte_prot(*e) & PT_COW)) {
		r->r[0] = (uint64_t)(e ? -EINVAL : -ENOENT);
		return;
	}
	l.pa = arch_pte_addr(*e);
	unsigned prot = (arch_pte_prot(*e) & (PT_READ | PT_EXEC)) | PT_WRITE;
	if (page_maps(l.pa) == 1) {
		/* Alone: the write right comes back, the COW mark goes. */
		*e = arch_pte_leaf(l.pa, prot | PT_USER, 0);
		arch_tlb_flush_page(va);
		r->r[0] = 0;
		return;
	}
	struct mempool *pool = (struct mempool *)p.cap->obj;
	paddr_t pa;
	struct frame *f = NULL;
	err = pool_charge(pool, PAGE_SIZE);
	if (!err && pmm_alloc(&kernel_pmm, &pa) < 0) {
		pool_refund(pool, PAGE_SIZE);
		err = -ENOMEM;
	}
	if (!err) {
		memcpy(phys_to_virt(pa), phys_to_virt(l.pa), PAGE_SIZE);
		f = frame_wrap(pool, pa, 1);
		if (!f) {
			pool_frames_free(pool, pa, 1);
			err = -ENOMEM;
		}
	}
	if (!err) {
		/* Swap the entry found above: no walk, no new table. */
		f->owned = true;
		*e = arch_pte_leaf(pa, prot | PT_USER, 0);
		arch_tlb_flush_page(va);
		page_mapped(pa);
		page_unmapped(l.pa);
		obj_put(&f->hdr); /* the mapping holds it */
	}
	r->r[0] = err ? (uint64_t)err : 1;
}

/* SYS_PAGE_COPY(aspace, vaddr, frame): copy the page mapped at vaddr into
 * the first page of frame, through the physmap (neither needs mapping). */
void sys_page_copy(struct sysregs *r)
{
	struct cap_ref a = cap_lookup(current->cs, r->r[0], CAP_ASPACE,
				      RIGHT_READ);
	struct cap_ref f = cap_lookup(current->cs, r->r[2], CAP_FRAME,
				      RIGHT_WRITE);
	vaddr_t va = r->r[1];
	int err = a.err ? a.err : f.err;

	if (!err && (va & PAGE_MASK || va >= ARCH_USER_TOP))
		err = -EINVAL;
	if (!err) {
		struct pt_lookup l = pt_lookup(((struct aspace *)a.cap->obj)->root, va);
		err = l.err;
		if (!err)
			memcpy(phys_to_virt(((struct frame *)f.cap->obj)->pa),
			       phys_to_virt(l.pa), PAGE_SIZE);
	}
	r->r[0] = (uint64_t)err;
}
