/*
 * Host stand-ins for what kernel/object.c and kernel/cspace.c call
 * besides memory (host_mem.c): the destructors of the types test_cspace
 * does not compile, which only count their calls, a recording
 * endpoint_receivers and `current` (see host_kernel.h).
 */
#include <stdint.h>
#include <string.h>

#include "host_kernel.h"

#include "ipc.h"
#include "object.h"
#include "panic.h"
#include "task.h"
#include "uapi/errno.h"

struct task *current;

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
