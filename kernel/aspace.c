/*
 * Address spaces and frames. User mappings are 4 KiB pages in the user
 * half; each references its Frame object, found again from the physical
 * address through the frame table (one pointer per physical page).
 * Page-table pages are charged to the address space's pool.
 */
#include "arch.h"
#include "aspace.h"
#include "cspace.h"
#include "kstring.h"
#include "pmm.h"
#include "task.h"
#include "uapi/errno.h"

static struct frame **frame_table;
static paddr_t active_root;

int frame_table_init(void)
{
	size_t bytes = kernel_pmm.nframes * sizeof(struct frame *);
	size_t pages = ALIGN_UP(bytes, PAGE_SIZE) / PAGE_SIZE;
	paddr_t pa;
	int err = frame_alloc_contig(pages, &pa);

	if (!err)
		frame_table = phys_to_virt(pa);
	return err;
}

static struct frame **table_slot(paddr_t pa)
{
	if (pa < kernel_pmm.base ||
	    (pa - kernel_pmm.base) / PAGE_SIZE >= kernel_pmm.nframes)
		return NULL;
	return &frame_table[(pa - kernel_pmm.base) / PAGE_SIZE];
}

struct frame *frame_of(paddr_t pa)
{
	struct frame **slot = table_slot(pa & ~(paddr_t)PAGE_MASK);

	return slot ? *slot : NULL;
}

static void set_owner(struct frame *f, struct frame *owner)
{
	for (size_t i = 0; i < f->npages; i++) {
		struct frame **slot = table_slot(f->pa + i * PAGE_SIZE);
		if (slot)
			*slot = owner;
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

	if (npages == 0 || npages > 512)
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

static void unmap_leaf(vaddr_t va, paddr_t pa, void *ctx)
{
	struct frame *f = frame_of(pa);

	(void)va;
	(void)ctx;
	if (f) {
		f->mapcount--;
		obj_put(&f->hdr);
	}
}

void aspace_destroy(struct kobj *o)
{
	struct aspace *as = (struct aspace *)o;

	if (!as->root)
		return;
	if (active_root == as->root)
		aspace_activate(NULL);
	pt_for_each_user_leaf(as->root, unmap_leaf, NULL);
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
static int map_page(struct aspace *as, vaddr_t va, paddr_t pa, unsigned prot)
{
	const size_t worst = ARCH_PT_LEVELS - 1;
	size_t added = 0;
	int err = pool_charge(as->hdr.pool, worst * PAGE_SIZE);

	if (err)
		return err;
	err = pt_map(as->root, va, pa, prot | PT_USER, &added);
	pool_refund(as->hdr.pool, (worst - added) * PAGE_SIZE);
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
		unmap_leaf(va, l.pa, NULL);
	return err;
}

int aspace_map(struct aspace *as, struct frame *f, vaddr_t va, unsigned prot)
{
	size_t i;
	int err = 0;

	if (va & PAGE_MASK || va >= ARCH_USER_TOP ||
	    f->npages > (ARCH_USER_TOP - va) / PAGE_SIZE)
		return -EINVAL;
	for (i = 0; i < f->npages && !err; i++)
		err = map_page(as, va + i * PAGE_SIZE, f->pa + i * PAGE_SIZE, prot);
	if (err) {
		/* Undo the pages mapped before the failure. */
		for (size_t j = 0; j + 1 < i; j++)
			(void)pt_unmap(as->root, va + j * PAGE_SIZE);
		return err;
	}
	f->mapcount += (uint32_t)f->npages;
	f->hdr.refs += (uint32_t)f->npages;
	return 0;
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

	if (!err && (rights & ~(uint64_t)(RIGHT_READ | RIGHT_WRITE | RIGHT_EXEC) ||
		     !(rights & RIGHT_READ)))
		err = -EINVAL;
	if (!err) {
		f = cap_lookup(current->cs, r->r[1], CAP_FRAME, (unsigned)rights);
		err = f.err;
	}
	if (!err)
		err = aspace_map((struct aspace *)a.cap->obj,
				 (struct frame *)f.cap->obj, r->r[2],
				 prot_of(rights));
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
 * takes the frame capability again (unmap + map). */
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
		else if (prot & ~l.prot)
			err = -EPERM;
		else
			err = pt_protect(as->root, va, prot | PT_USER);
	}
	r->r[0] = (uint64_t)err;
}
