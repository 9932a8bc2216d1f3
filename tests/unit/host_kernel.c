/*
 * Host stand-ins for the kernel services kernel/object.c and
 * kernel/cspace.c call (see host_kernel.h). Physical addresses are host
 * pointers (host_arch/arch/config.h makes phys_to_virt the identity).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "host_kernel.h"

#include "ipc.h"
#include "kmem.h"
#include "object.h"
#include "panic.h"
#include "pmm.h"
#include "task.h"
#include "uapi/errno.h"

struct task *current;

long host_kmalloc_live, host_frames_live;
int host_kmalloc_fail, host_frame_fail;
int host_destroyed[CAP_TYPE_COUNT];
struct kobj *host_destroyed_last[CAP_TYPE_COUNT];
int host_receivers_calls, host_receivers_sum, host_receivers_last_delta;
struct endpoint *host_receivers_last_ep;
int host_receivers_underflow;

void host_kernel_reset_counts(void)
{
	memset(host_destroyed, 0, sizeof(host_destroyed));
	memset(host_destroyed_last, 0, sizeof(host_destroyed_last));
	host_receivers_calls = host_receivers_sum = 0;
	host_receivers_last_delta = 0;
	host_receivers_last_ep = NULL;
	host_receivers_underflow = 0;
}

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

/* ---- destructors of the types this test does not compile ------------------ */

static void destroyed(struct kobj *o, enum cap_type t)
{
	if (o->type != t || o->refs != 0)
		panic("destructor for type %d called on type %u refs %u",
		      t, o->type, o->refs);
	host_destroyed[t]++;
	host_destroyed_last[t] = o;
}

void task_destroy(struct kobj *o) { destroyed(o, CAP_TASK); }
void aspace_destroy(struct kobj *o) { destroyed(o, CAP_ASPACE); }
void frame_destroy(struct kobj *o) { destroyed(o, CAP_FRAME); }
void endpoint_destroy(struct kobj *o) { destroyed(o, CAP_ENDPOINT); }
void notification_destroy(struct kobj *o) { destroyed(o, CAP_NOTIFICATION); }
void irq_destroy(struct kobj *o) { destroyed(o, CAP_IRQ); }
void reply_destroy(struct kobj *o) { destroyed(o, CAP_REPLY); }

/* Pool reclamation's per-type steps: what the types compiled here do not
 * hold, recorded. */
int host_revoked[CAP_TYPE_COUNT];
int host_kernel_work;

void task_revoke(struct kobj *o) { host_revoked[o->type]++; }
void aspace_revoke(struct kobj *o) { host_revoked[o->type]++; }
void frame_revoke(struct kobj *o) { host_revoked[o->type]++; }
void endpoint_revoke(struct kobj *o) { host_revoked[o->type]++; }
void notification_revoke(struct kobj *o) { host_revoked[o->type]++; }
void irq_revoke(struct kobj *o) { host_revoked[o->type]++; }
void task_drop_refs(struct kobj *o) { (void)o; }
bool frame_is_mapped(const struct kobj *o) { (void)o; return false; }
void aspace_unmap_revoked(void) {}
bool task_reclaim_current(void) { return false; }
void task_reclaim_done(void) {}
void sched_kernel_work(void) { host_kernel_work++; }

void endpoint_receivers(struct endpoint *ep, int delta)
{
	if (ep->hdr.type != CAP_ENDPOINT)
		panic("endpoint_receivers on type %u", ep->hdr.type);
	if (delta < 0 && ep->receive_caps < (unsigned)-delta)
		host_receivers_underflow = 1;
	ep->receive_caps += (unsigned)delta;
	host_receivers_calls++;
	host_receivers_sum += delta;
	host_receivers_last_delta = delta;
	host_receivers_last_ep = ep;
}
