/*
 * A heap for a root task (<pith/heap.h>): fresh Frames from its pool,
 * mapped one after the other into a window of its own address space.
 */
#include <pith/heap.h>
#include <pith/syscall.h>

static struct {
	slot_t pool, aspace, scratch;
	uint64_t next, end;
} root;

static void *root_morecore(size_t n)
{
	uint64_t pages = (n + 4095) / 4096;
	uint64_t va = root.next;

	if (!pages || pages > (root.end - va) / 4096)
		return NULL;
	if (sys_obj_create(root.pool, CAP_FRAME, root.scratch, pages))
		return NULL;
	long err = sys_map(root.aspace, root.scratch, va, RIGHT_READ | RIGHT_WRITE);
	/* Mapped, the frame lives on without its capability; unmapped (an
	 * error), deleting the capability frees it. */
	sys_cap_delete(root.scratch);
	if (err)
		return NULL;
	root.next = va + pages * 4096;
	return (void *)(uintptr_t)va;
}

int pith_heap_init_root(uint64_t pool, uint64_t aspace, uint64_t scratch,
			uint64_t base, uint64_t size)
{
	if ((base | size) & 4095 || base + size < base)
		return -EINVAL;
	root.pool = pool;
	root.aspace = aspace;
	root.scratch = scratch;
	root.next = base;
	root.end = base + size;
	__pith_morecore = root_morecore;
	return 0;
}
