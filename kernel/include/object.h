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

struct kobj {
	uint8_t type;           /* enum cap_type */
	uint32_t refs;
	uint32_t size;          /* bytes allocated (and charged) */
	struct mempool *pool;   /* NULL for boot-time kernel objects */
	struct kobj *next_dead; /* on the list of objects to destroy */
};

/* A MemPool: a quota of bytes that objects and frames are charged to. A
 * child pool is charged its whole quota to its parent (hdr.pool) when
 * created, and gives it back when destroyed. */
struct mempool {
	struct kobj hdr;
	uint64_t quota;
	uint64_t used;
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

/* Type-specific destructors, called by obj_put (each in its topic file). */
void task_destroy(struct kobj *o);
void aspace_destroy(struct kobj *o);
void cspace_destroy(struct kobj *o);
void frame_destroy(struct kobj *o);
void endpoint_destroy(struct kobj *o);
void notification_destroy(struct kobj *o);
void irq_destroy(struct kobj *o);
void reply_destroy(struct kobj *o);

#endif
