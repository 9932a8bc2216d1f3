/*
 * Kernel object allocator (kernel/kmem.c): slabs of one frame each, in size
 * classes of 16 to 2048 bytes. Objects are zeroed on allocation.
 */
#ifndef PITH_KMEM_H
#define PITH_KMEM_H

#include "types.h"

#define KMEM_MAX_SIZE 2048

/* An object of at least size bytes (1..KMEM_MAX_SIZE), zeroed, or NULL
 * when frames run out or size is out of range. */
void *kmalloc(size_t size);
void kfree(void *p);

/* Objects currently allocated (self-tests check for leaks). */
size_t kmem_live_objects(void);
/* Empty slabs kept (one class's spare each, at most NCLASSES): frames
 * not back with the frame allocator though no object uses them. */
size_t kmem_spare_slabs(void);

#endif
