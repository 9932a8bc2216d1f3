/*
 * Kernel objects (kernel/object.c). Every object starts with a struct kobj:
 * its type, a reference count, and the MemPool its memory was charged to.
 * Capabilities, mappings, tasks (for their spaces) and the scheduler (for
 * a live task) hold references; when the last goes, the object is
 * destroyed, its memory freed and its charge returned to the pool.
 */
#ifndef PITH_OBJECT_H
#define PITH_OBJECT_H

#include "types.h"
#include "uapi/cap.h"

struct mempool;
struct cap;

struct kobj {
	uint8_t type;           /* enum cap_type */
	bool revoked;           /* its pool is being destroyed */
	uint32_t refs;
	uint32_t size;          /* bytes allocated (and charged) */
	struct mempool *pool;   /* NULL for boot-time kernel objects */
	struct kobj *next_dead; /* on the list of objects to destroy */
	struct kobj *pnext;     /* on its pool's list of objects */
	struct kobj **pprev;
	struct cap *caps;       /* the capabilities naming it (cspace.c) */
};

/* A MemPool: a quota of bytes that objects and frames are charged to. A
 * child pool is charged its whole quota to its parent (hdr.pool) when
 * created, and gives it back when destroyed. Every object charged to a
 * pool is on its list, so that deleting the pool's last capability can
 * destroy them all (pool_reclaim). */
struct mempool {
	struct kobj hdr;
	uint64_t quota;
	uint64_t used;
	struct kobj *objs;         /* objects charged to it */
	struct kobj *revoked;      /* ... being destroyed (pool_reclaim) */
	bool dying;                /* no capability left: nothing more is charged */
	struct mempool *next_doomed;
};

/* Allocate a zeroed object of `size` bytes (at most KMEM_MAX_SIZE) charged
 * to pool (which it then references). NULL pool: uncharged. Returns NULL
 * if the pool's quota or kernel memory runs out. */
void *obj_alloc(struct mempool *pool, enum cap_type type, size_t size);

static inline void obj_get(struct kobj *o)
{
	o->refs++;
}

/* Drop a reference; the last one destroys the object (before the
 * outermost obj_put returns: nested ones queue their objects). */
void obj_put(struct kobj *o);

/* Charge / refund bytes to a pool (only that pool: a child pool paid its
 * whole quota to its parent up front). */
must_check int pool_charge(struct mempool *p, uint64_t bytes);
void pool_refund(struct mempool *p, uint64_t bytes);

/* Frames charged to a pool: zeroed, physically contiguous. */
must_check int pool_frames(struct mempool *p, size_t npages, paddr_t *pa);
void pool_frames_free(struct mempool *p, paddr_t pa, size_t npages);

/* The last capability to p went: p is destroyed, with every object
 * charged to it, at the next safe point (pool_reclaim_pending). */
void pool_doom(struct mempool *p);

/* Destroy every doomed pool and everything charged to it, whatever
 * references and cycles exist: tasks are killed, spaces torn down, frames
 * unmapped from every space, capabilities to them deleted, and the memory
 * returned to the parent pool. Called where no kernel code holds a pointer
 * it still needs: on the way back to user mode and in the idle loop. If
 * current itself is destroyed, does not return. */
void pool_reclaim_pending(void);
extern struct mempool *doomed_pools;

/* Type-specific destructors, called by obj_put (each in its topic file). */
void task_destroy(struct kobj *o);
void aspace_destroy(struct kobj *o);
void cspace_destroy(struct kobj *o);
void frame_destroy(struct kobj *o);
void endpoint_destroy(struct kobj *o);
void notification_destroy(struct kobj *o);
void irq_destroy(struct kobj *o);
void reply_destroy(struct kobj *o);

/* Type-specific revocation, called by pool_reclaim on each object of a
 * destroyed pool after its capabilities are gone: drop what it holds and
 * what others hold of it (each in its topic file). */
void task_revoke(struct kobj *o);
void aspace_revoke(struct kobj *o);
void cspace_revoke(struct kobj *o);
void frame_revoke(struct kobj *o);
void endpoint_revoke(struct kobj *o);
void notification_revoke(struct kobj *o);
void irq_revoke(struct kobj *o);

#endif
