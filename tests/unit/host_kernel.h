/*
 * Host stand-ins for the kernel services under kernel/object.c and
 * kernel/cspace.c (host_kernel.c): kmalloc over calloc, frames over
 * aligned_alloc, counting destructors, a recording endpoint_receivers and
 * `current`. Counters let a test check that every object and frame came
 * back; the *_fail countdowns make the Nth allocation fail.
 */
#ifndef PITH_TEST_HOST_KERNEL_H
#define PITH_TEST_HOST_KERNEL_H

#include <stddef.h>

#include "uapi/cap.h"

struct kobj;
struct endpoint;

/* Objects from kmalloc not yet kfree'd; frames allocated, not freed. */
extern long host_kmalloc_live, host_frames_live;

/* When > 0, counts down on each kmalloc / frame allocation; the one that
 * brings it to 0 fails (returns NULL / -ENOMEM). 0: never fail. */
extern int host_kmalloc_fail, host_frame_fail;

/* Destructor calls by type (CAP_TASK..CAP_IRQ), and the last object each
 * was called for. */
extern int host_destroyed[CAP_TYPE_COUNT];
extern struct kobj *host_destroyed_last[CAP_TYPE_COUNT];

/* endpoint_receivers calls: how many, the sum of deltas, the last ep and
 * delta; host_receivers_underflow is set if receive_caps went below 0. */
extern int host_receivers_calls, host_receivers_sum, host_receivers_last_delta;
extern struct endpoint *host_receivers_last_ep;
extern int host_receivers_underflow;

void host_kernel_reset_counts(void);

extern int host_revoked[CAP_TYPE_COUNT];
extern int host_kernel_work;

#endif
