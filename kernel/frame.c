/*
 * Frame objects and the frame table. A Frame is physically contiguous
 * memory; the frame table (one entry per physical page of RAM) finds the
 * Frame a page belongs to and counts how many times the page is mapped,
 * which copy-on-write pagers ask for. Each mapping of a page holds a
 * reference to its Frame.
 */
#include "arch.h"
#include "frame.h"
#include "pmm.h"
#include "task.h"

static struct page_info *frame_table;

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

struct page_info *page_info_of(paddr_t pa)
{
	pa &= ~(paddr_t)PAGE_MASK;
	if (pa < kernel_pmm.base ||
	    (pa - kernel_pmm.base) / PAGE_SIZE >= kernel_pmm.nframes)
		return NULL;
	return &frame_table[(pa - kernel_pmm.base) / PAGE_SIZE];
}

struct frame *frame_of(paddr_t pa)
{
	struct page_info *p = page_info_of(pa);

	return p ? p->frame : NULL;
}

uint32_t page_maps(paddr_t pa)
{
	struct page_info *p = page_info_of(pa);

	return p ? p->maps : 0;
}

static void set_owner(struct frame *f, struct frame *owner)
{
	for (size_t i = 0; i < f->npages; i++) {
		struct page_info *p = page_info_of(f->pa + i * PAGE_SIZE);
		if (p)
			*p = (struct page_info){ owner, 0 };
	}
}

/* Account one more / one less mapping of the page at pa. */
void page_mapped(paddr_t pa)
{
	struct page_info *p = page_info_of(pa);

	if (p && p->frame) {
		p->maps++;
		p->frame->mapcount++;
		obj_get(&p->frame->hdr);
	}
}

void page_unmapped(paddr_t pa)
{
	struct page_info *p = page_info_of(pa);

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

/* Its pool is destroyed: tasks using it as their IPC buffer let go; its
 * mappings in other pools' spaces are removed at the end of the
 * reclamation (aspace_unmap_revoked), once the pool's own spaces are gone. */
void frame_revoke(struct kobj *o)
{
	task_drop_refs(o);
}

bool frame_is_mapped(const struct kobj *o)
{
	return ((const struct frame *)o)->mapcount != 0;
}
