/*
 * Host stand-ins for the kernel's memory: kmalloc over calloc and frames
 * over aligned_alloc, with counters of what is live and countdowns that
 * make the Nth allocation fail (see host_kernel.h). Physical addresses
 * are host pointers (host_arch/arch/config.h makes phys_to_virt the
 * identity). Shared by every host test that builds kernel objects.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "host_kernel.h"

#include "kmem.h"
#include "panic.h"
#include "pmm.h"
#include "uapi/errno.h"

long host_kmalloc_live, host_frames_live;
int host_kmalloc_fail, host_frame_fail;

static int countdown(int *n)
{
	return *n > 0 && --*n == 0;
}

/* ---- kmem ----------------------------------------------------------------- */

void *kmalloc(size_t size)
{
	void *p;

	if (size == 0 || size > KMEM_MAX_SIZE || countdown(&host_kmalloc_fail))
		return NULL;
	p = calloc(1, size);
	if (p)
		host_kmalloc_live++;
	return p;
}

void kfree(void *p)
{
	if (!p)
		return;
	if (host_kmalloc_live <= 0)
		panic("kfree(%p): nothing allocated", p);
	host_kmalloc_live--;
	free(p);
}

size_t kmem_live_objects(void)
{
	return (size_t)host_kmalloc_live;
}

/* ---- frames ----------------------------------------------------------------
 * A run of n frames is one aligned_alloc; frame_free is per frame (as
 * pool_frames_free calls it), so each run remembers which of its frames
 * are still allocated and is freed with the last one. */

#define MAX_RUNS 256

static struct run {
	uintptr_t base;
	size_t n;
	size_t left;
	uint8_t live[512];
} runs[MAX_RUNS];

static int alloc_run(size_t n, paddr_t *pa)
{
	struct run *r = NULL;
	void *p;

	if (n == 0 || n > 512 || countdown(&host_frame_fail))
		return -ENOMEM;
	for (unsigned i = 0; i < MAX_RUNS && !r; i++)
		if (!runs[i].base)
			r = &runs[i];
	if (!r)
		panic("host frames: too many runs");
	p = aligned_alloc(PAGE_SIZE, n * PAGE_SIZE);
	if (!p)
		return -ENOMEM;
	memset(p, 0, n * PAGE_SIZE);
	r->base = (uintptr_t)p;
	r->n = r->left = n;
	memset(r->live, 1, n);
	host_frames_live += (long)n;
	*pa = (paddr_t)(uintptr_t)p;
	return 0;
}

int frame_alloc(paddr_t *pa)
{
	return alloc_run(1, pa);
}

int frame_alloc_contig(size_t n, paddr_t *pa)
{
	return alloc_run(n, pa);
}

void frame_free(paddr_t pa)
{
	for (unsigned i = 0; i < MAX_RUNS; i++) {
		struct run *r = &runs[i];

		if (!r->base || pa < r->base || pa >= r->base + r->n * PAGE_SIZE)
			continue;
		size_t k = (pa - r->base) / PAGE_SIZE;
		if (pa & PAGE_MASK || !r->live[k])
			panic("frame_free(%#llx): not an allocated frame",
			      (unsigned long long)pa);
		r->live[k] = 0;
		host_frames_live--;
		if (--r->left == 0) {
			free((void *)r->base);
			r->base = 0;
		}
		return;
	}
	panic("frame_free(%#llx): unknown frame", (unsigned long long)pa);
}
