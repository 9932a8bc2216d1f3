/*
 * Capability spaces and the capability system calls: identify, copy, mint
 * (fewer rights, a badge), move and delete. Installing or clearing a
 * capability is where reference counts change, and where an endpoint
 * learns how many capabilities can still receive on it.
 */
#include "arch.h"
#include "cspace.h"
#include "ipc.h"
#include "kstring.h"
#include "pmm.h"
#include "task.h"
#include "uapi/errno.h"

_Static_assert(sizeof(struct cap) == 16, "cap layout");
_Static_assert(CSPACE_SLOTS * sizeof(struct cap) == PAGE_SIZE, "cspace size");

int cap_install(struct cspace *cs, uint64_t slot, struct kobj *obj,
		unsigned rights, uint64_t badge)
{
	struct cap *c;

	if (slot == 0 || slot >= CSPACE_SLOTS)
		return -EBADF;
	c = &cs->slots[slot];
	if (c->obj)
		return -EEXIST;
	/* A space holding a capability to itself would keep itself alive
	 * for ever (a reference cycle nobody could break). Longer cycles
	 * (A holds B, B holds A) are still possible: see docs/architecture.md. */
	if (obj == &cs->hdr)
		return -EINVAL;
	obj_get(obj);
	c->obj = obj;
	c->rights = rights & RIGHTS_ALL;
	c->badge = badge & BADGE_MAX;
	if (obj->type == CAP_ENDPOINT && (rights & RIGHT_READ))
		endpoint_receivers((struct endpoint *)obj, +1);
	return 0;
}

void cap_clear(struct cap *c)
{
	struct kobj *obj = c->obj;

	if (!obj)
		return;
	c->obj = NULL;
	if (obj->type == CAP_ENDPOINT && (c->rights & RIGHT_READ))
		endpoint_receivers((struct endpoint *)obj, -1);
	c->rights = 0;
	c->badge = 0;
	obj_put(obj);
}

struct cspace *cspace_create(struct mempool *pool)
{
	struct cspace *cs = obj_alloc(pool, CAP_CSPACE, sizeof(*cs));
	paddr_t pa;

	if (!cs)
		return NULL;
	if (pool_frames(pool, 1, &pa) < 0) {
		obj_put(&cs->hdr);
		return NULL;
	}
	cs->slots = phys_to_virt(pa);
	return cs;
}

void cspace_destroy(struct kobj *o)
{
	struct cspace *cs = (struct cspace *)o;

	if (!cs->slots)
		return;
	for (unsigned i = 1; i < CSPACE_SLOTS; i++)
		cap_clear(&cs->slots[i]);
	pool_frames_free(o->pool, virt_to_phys(cs->slots), 1);
}

/* ---- system calls --------------------------------------------------------- */

void sys_cap_identify(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_NONE, 0);

	if (c.err) {
		r->r[0] = (uint64_t)c.err;
		return;
	}
	r->r[0] = c.cap->obj->type;
	r->r[1] = c.cap->rights;
	r->r[2] = c.cap->badge;
}

/* The destination space of copy/mint/move: r[1] names a CapSpace
 * capability with RIGHT_CONTROL, or is 0 for the caller's own. */
static struct cspace *dest_space(uint64_t slot, int *err)
{
	struct cap_ref c;

	if (slot == 0)
		return current->cs;
	c = cap_lookup(current->cs, slot, CAP_CSPACE, RIGHT_CONTROL);
	*err = c.err;
	return c.err ? NULL : (struct cspace *)c.cap->obj;
}

void sys_cap_copy(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_NONE, 0);
	int err = c.err;
	struct cspace *dst = err ? NULL : dest_space(r->r[1], &err);

	r->r[0] = (uint64_t)(err ? err
		: cap_install(dst, r->r[2], c.cap->obj, c.cap->rights,
			      c.cap->badge));
}

/* Mint: a copy with rights & mask and, on an unbadged endpoint or
 * notification capability, a badge. Rights never grow. */
void sys_cap_mint(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_NONE, 0);
	uint64_t rights = r->r[3], badge = r->r[4];
	int err = c.err;
	struct cspace *dst = err ? NULL : dest_space(r->r[1], &err);

	if (err) {
		/* reported below */
	} else if (rights & ~(uint64_t)RIGHTS_ALL || badge > BADGE_MAX) {
		err = -EINVAL;
	} else if (badge && (c.cap->badge ||
			     (c.cap->obj->type != CAP_ENDPOINT &&
			      c.cap->obj->type != CAP_NOTIFICATION))) {
		err = -EINVAL;  /* only a first badge, only where it means something */
	} else {
		err = cap_install(dst, r->r[2], c.cap->obj,
				  c.cap->rights & (unsigned)rights,
				  badge ? badge : c.cap->badge);
	}
	r->r[0] = (uint64_t)err;
}

void sys_cap_move(struct sysregs *r)
{
	struct cap_ref src = cap_lookup(current->cs, r->r[0], CAP_NONE, 0);
	int err = src.err;
	struct cspace *dst = err ? NULL : dest_space(r->r[1], &err);
	uint64_t slot = r->r[2];

	if (!err && (slot == 0 || slot >= CSPACE_SLOTS))
		err = -EBADF;
	else if (!err && dst->slots[slot].obj)
		err = -EEXIST;
	if (!err) {
		/* A move keeps the reference and the receiver count. */
		dst->slots[slot] = *src.cap;
		*src.cap = (struct cap){ 0 };
	}
	r->r[0] = (uint64_t)err;
}

void sys_cap_delete(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_NONE, 0);

	if (!c.err)
		cap_clear(c.cap);
	r->r[0] = (uint64_t)c.err;
}
