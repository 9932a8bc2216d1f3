/*
 * Kernel object lifetime and MemPool accounting. Objects come from the
 * slab allocator and are charged to a pool; frames are charged page by
 * page. A pool that runs dry makes the allocation fail with -ENOMEM, so no
 * task can exhaust kernel memory beyond the quota its pool was given.
 *
 * Pools are also the unit of reclamation: deleting a pool's last
 * capability destroys every object charged to it, whatever references and
 * cycles exist among them or point at them from outside (pool_reclaim), so
 * no sequence of calls can leave memory charged for ever.
 */
#include "aspace.h"
#include "console.h"
#include "cspace.h"
#include "kmem.h"
#include "object.h"
#include "panic.h"
#include "pmm.h"
#include "sched.h"
#include "task.h"
#include "uapi/errno.h"

int pool_charge(struct mempool *p, uint64_t bytes)
{
	if (!p)
		return 0;
	if (p->dying || bytes > p->quota - p->used)
		return -ENOMEM;
	p->used += bytes;
	return 0;
}

void pool_refund(struct mempool *p, uint64_t bytes)
{
	if (!p)
		return;
	assert(bytes <= p->used);
	p->used -= bytes;
}

static void list_add(struct kobj **head, struct kobj *o)
{
	o->pnext = *head;
	if (o->pnext)
		o->pnext->pprev = &o->pnext;
	o->pprev = head;
	*head = o;
}

static void list_del(struct kobj *o)
{
	if (!o->pprev)
		return;
	*o->pprev = o->pnext;
	if (o->pnext)
		o->pnext->pprev = o->pprev;
	o->pnext = NULL;
	o->pprev = NULL;
}

void *obj_alloc(struct mempool *pool, enum cap_type type, size_t size)
{
	struct kobj *o;

	assert(size >= sizeof(struct kobj));
	if (pool_charge(pool, size) < 0)
		return NULL;
	o = kmalloc(size);
	if (!o) {
		pool_refund(pool, size);
		return NULL;
	}
	o->type = (uint8_t)type;
	o->refs = 1;
	o->size = (uint32_t)size;
	o->pool = pool;
	if (pool) {
		obj_get(&pool->hdr);
		list_add(&pool->objs, o);
	}
	return o;
}

int pool_frames(struct mempool *p, size_t npages, paddr_t *pa)
{
	if (npages == 0 || npages > UINT64_MAX / PAGE_SIZE)
		return -ENOMEM;
	int err = pool_charge(p, (uint64_t)npages * PAGE_SIZE);

	if (err)
		return err;
	err = npages == 1 ? frame_alloc(pa) : frame_alloc_contig(npages, pa);
	if (err)
		pool_refund(p, (uint64_t)npages * PAGE_SIZE);
	return err;
}

void pool_frames_free(struct mempool *p, paddr_t pa, size_t npages)
{
	for (size_t i = 0; i < npages; i++)
		frame_free(pa + i * PAGE_SIZE);
	pool_refund(p, (uint64_t)npages * PAGE_SIZE);
}

static void pool_destroy(struct kobj *o)
{
	struct mempool *p = (struct mempool *)o;

	/* Objects hold a reference on their pool, so nothing is charged to
	 * it any more: give its quota back to the parent. */
	assert(p->used == 0);
	pool_refund(o->pool, p->quota);
}

/* Objects whose last reference went, waiting to be destroyed. Destroying
 * one drops references to others (a CapSpace to everything in it, a task
 * to its spaces, ...): doing that recursively would let a user who builds a
 * long enough chain run the kernel off the end of its 8 KiB stack, so the
 * outermost obj_put destroys them one after another instead. */
static struct kobj *dead_list;
static bool draining;

static void destroy(struct kobj *o)
{
	switch ((enum cap_type)o->type) {
	case CAP_TASK: task_destroy(o); break;
	case CAP_ASPACE: aspace_destroy(o); break;
	case CAP_CSPACE: cspace_destroy(o); break;
	case CAP_FRAME: frame_destroy(o); break;
	case CAP_ENDPOINT: endpoint_destroy(o); break;
	case CAP_NOTIFICATION: notification_destroy(o); break;
	case CAP_IRQ: irq_destroy(o); break;
	case CAP_MEMPOOL: pool_destroy(o); break;
	case CAP_REPLY: reply_destroy(o); break;
	default: break; /* CAP_CONSOLE: nothing of its own */
	}
	/* task_destroy may defer the free of a task that is still running on
	 * its own kernel stack; it takes a reference back to say so. */
	if (o->refs)
		return;
	struct mempool *pool = o->pool;
	size_t size = o->size;
	list_del(o);
	kfree(o);
	if (pool) {
		pool_refund(pool, size);
		obj_put(&pool->hdr);
	}
}

void obj_put(struct kobj *o)
{
	assert(o->refs > 0);
	if (--o->refs)
		return;
	if (o->type == CAP_NONE || o->type >= CAP_TYPE_COUNT)
		panic("obj_put: object %p has bad type %u", (void *)o, o->type);
	o->next_dead = dead_list;
	dead_list = o;
	if (draining)
		return;
	draining = true;
	while (dead_list) {
		struct kobj *d = dead_list;
		dead_list = d->next_dead;
		destroy(d);
	}
	draining = false;
}

/* ---- reclamation ------------------------------------------------------------ */

struct mempool *doomed_pools;

void pool_doom(struct mempool *p)
{
	if (p->dying)
		return;
	p->dying = true;
	obj_get(&p->hdr);      /* the doomed list's */
	p->next_doomed = doomed_pools;
	doomed_pools = p;
	sched_kernel_work();
}

/* Everything o holds and everything held of it, by type. */
static void revoke(struct kobj *o, struct mempool *p)
{
	o->revoked = true;
	if (o->type == CAP_MEMPOOL)
		((struct mempool *)o)->dying = true;  /* not doomed on its own */
	while (o->caps)
		cap_clear(o->caps);
	switch ((enum cap_type)o->type) {
	case CAP_TASK: task_revoke(o); break;
	case CAP_ASPACE: aspace_revoke(o); break;
	case CAP_CSPACE: cspace_revoke(o); break;
	case CAP_FRAME: frame_revoke(o); break;
	case CAP_ENDPOINT: endpoint_revoke(o); break;
	case CAP_NOTIFICATION: notification_revoke(o); break;
	case CAP_IRQ: irq_revoke(o); break;
	case CAP_MEMPOOL: {
		/* A child pool goes with its parent. Its objects join the
		 * parent's list (iteratively, never by recursion: users
		 * choose how deep pools nest). */
		struct mempool *c = (struct mempool *)o;
		c->dying = true;
		while (c->objs) {
			struct kobj *x = c->objs;
			list_del(x);
			list_add(&p->objs, x);
		}
		break;
	}
	default: break; /* CAP_REPLY: its destructor fails the caller */
	}
}

static void pool_reclaim(struct mempool *p)
{
	struct kobj *o;

	/* Each object moves to the revoked list, is revoked and loses the
	 * reference taken here; destroyed objects leave whichever list they
	 * are on. Revoking one may destroy others, or add objects from a
	 * child pool to p->objs: the loop runs until nothing is left. */
	while (p->hdr.caps)
		cap_clear(p->hdr.caps);
	while ((o = p->objs)) {
		list_del(o);
		list_add(&p->revoked, o);
		obj_get(o);
		revoke(o, p);
		obj_put(o);
	}
	/* Frames of the pool still mapped in spaces of other pools. */
	for (o = p->revoked; o; o = o->pnext)
		if (o->type == CAP_FRAME && frame_is_mapped(o)) {
			aspace_unmap_revoked();
			break;
		}
	/* What is left is held by something reclamation does not know:
	 * a kernel bug, said loudly (the hostile test fails on the leak).
	 * current, if it is to die, still holds its things until then. */
	for (o = p->revoked; o && !task_reclaim_current(); o = o->pnext)
		if (o->type != CAP_MEMPOOL || !((struct mempool *)o)->next_doomed)
				kprintf("pith: pool reclaim: an object of type %u is "
				"still referenced (%u)\n", o->type, o->refs);
}

void pool_reclaim_pending(void)
{
	struct mempool *p;

	while ((p = doomed_pools)) {
		doomed_pools = p->next_doomed;
		pool_reclaim(p);
		obj_put(&p->hdr);
	}
	task_reclaim_done();
}
