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

_Static_assert(sizeof(struct cap) == 32, "cap layout");
_Static_assert(CSPACE_SLOTS * sizeof(struct cap) == CSPACE_PAGES * PAGE_SIZE,
	       "cspace size");
_Static_assert(CSPACE_MIN_SLOTS * sizeof(struct cap) == PAGE_SIZE,
	       "the smallest space is a page");

/* Every capability is on its object's list, so that destroying a pool can
 * find and delete each capability to each of its objects. */
static void link_cap(struct cap *c, struct kobj *obj)
{
	c->obj = obj;
	c->next = obj->caps;
	if (c->next)
		c->next->pprev = &c->next;
	c->pprev = &obj->caps;
	obj->caps = c;
}

static void unlink_cap(struct cap *c)
{
	*c->pprev = c->next;
	if (c->next)
		c->next->pprev = c->pprev;
	c->next = NULL;
	c->pprev = NULL;
}

struct cap_dst cap_dst(uint64_t cs_slot, uint64_t slot)
{
	struct cspace *cs = current->cs;

	if (cs_slot) {
		struct cap_ref c = cap_lookup(cs, cs_slot, CAP_CSPACE,
					      RIGHT_CONTROL);
		if (c.err)
			return (struct cap_dst){ c.err, NULL, NULL };
		cs = (struct cspace *)c.cap->obj;
	}
	return cap_dst_in(cs, slot);
}

struct cap_dst cap_dst_in(struct cspace *cs, uint64_t slot)
{
	if (slot == 0 || slot >= cs->nslots)
		return (struct cap_dst){ -EBADF, NULL, NULL };
	if (cs->slots[slot].obj)
		return (struct cap_dst){ -EEXIST, NULL, NULL };
	return (struct cap_dst){ 0, cs, &cs->slots[slot] };
}

/* A space holding a capability to itself would keep itself alive until
 * its pool is destroyed (a cycle nobody else can break): refused, for a
 * copy and for a move alike. Longer cycles are possible; destroying the
 * pool they are charged to reclaims them (kernel/object.c). */
static bool into_itself(struct cap_dst d, const struct kobj *obj)
{
	return obj == &d.cs->hdr;
}

int cap_set(struct cap_dst d, struct kobj *obj, unsigned rights, uint64_t badge)
{
	struct cap *c = d.slot;

	if (d.err)
		return d.err;
	if (into_itself(d, obj))
		return -EINVAL;
	obj_get(obj);
	link_cap(c, obj);
	c->rights = rights & RIGHTS_ALL;
	c->badge = badge & BADGE_MAX;
	if (obj->type == CAP_ENDPOINT && (rights & RIGHT_READ))
		endpoint_receivers((struct endpoint *)obj, +1);
	return 0;
}

int cap_install(struct cspace *cs, uint64_t slot, struct kobj *obj,
		unsigned rights, uint64_t badge)
{
	return cap_set(cap_dst_in(cs, slot), obj, rights, badge);
}

void cap_clear(struct cap *c)
{
	struct kobj *obj = c->obj;

	if (!obj)
		return;
	unlink_cap(c);
	c->obj = NULL;
	if (obj->type == CAP_ENDPOINT && (c->rights & RIGHT_READ))
		endpoint_receivers((struct endpoint *)obj, -1);
	if (obj->type == CAP_MEMPOOL && !obj->caps)
		pool_doom((struct mempool *)obj);
	c->rights = 0;
	c->badge = 0;
	obj_put(obj);
}

void cspace_install_self(struct cspace *cs, uint64_t slot)
{
	struct cap *c = &cs->slots[slot];

	obj_get(&cs->hdr);
	link_cap(c, &cs->hdr);
	c->rights = RIGHTS_ALL;
}

struct cspace *cspace_create_sized(struct mempool *pool, uint64_t nslots)
{
	struct cspace *cs;
	paddr_t pa;

	if (nslots < CSPACE_MIN_SLOTS || nslots > CSPACE_MAX_SLOTS ||
	    (nslots & (nslots - 1)))
		return NULL;
	cs = obj_alloc(pool, CAP_CSPACE, sizeof(*cs));
	if (!cs)
		return NULL;
	if (pool_frames(pool, cspace_table_bytes(nslots) / PAGE_SIZE, &pa) < 0) {
		obj_put(&cs->hdr);
		return NULL;
	}
	cs->slots = phys_to_virt(pa);
	cs->nslots = nslots;
	return cs;
}

struct cspace *cspace_create(struct mempool *pool)
{
	return cspace_create_sized(pool, CSPACE_SLOTS);
}

static void cspace_clear(struct cspace *cs)
{
	for (uint64_t i = 1; i < cs->nslots; i++)
		cap_clear(&cs->slots[i]);
}

void cspace_destroy(struct kobj *o)
{
	struct cspace *cs = (struct cspace *)o;

	if (!cs->slots)
		return;
	cspace_clear(cs);
	pool_frames_free(o->pool, virt_to_phys(cs->slots),
			 cspace_table_bytes(cs->nslots) / PAGE_SIZE);
}

/* Its pool is destroyed: empty it (which breaks any cycle through it) and
 * end the tasks that use it. */
void cspace_revoke(struct kobj *o)
{
	struct cspace *cs = (struct cspace *)o;

	if (cs->slots)
		cspace_clear(cs);
	task_drop_refs(o);
}

/* ---- system calls --------------------------------------------------------- */

long sys_cap_identify(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_NONE, 0);

	if (c.err)
		return c.err;
	r->r[1] = c.cap->rights;
	r->r[2] = c.cap->badge;
	return c.cap->obj->type;
}

/* Copy, mint and move take (src slot, destination CapSpace or 0 for the
 * caller's own, destination slot): the same two lookups. */
struct cap_args {
	int err;
	struct cap *src;
	struct cap_dst dst;
};

static struct cap_args cap_args(const struct sysregs *r)
{
	struct cap_ref src = cap_lookup(current->cs, r->r[0], CAP_NONE, 0);
	struct cap_args a = { src.err, src.cap, { 0, NULL, NULL } };

	if (!a.err) {
		a.dst = cap_dst(r->r[1], r->r[2]);
		a.err = a.dst.err;
	}
	return a;
}

long sys_cap_copy(struct sysregs *r)
{
	struct cap_args a = cap_args(r);

	if (a.err)
		return a.err;
	return cap_set(a.dst, a.src->obj, a.src->rights, a.src->badge);
}

/* Mint: a copy with rights & mask and, on an unbadged endpoint or
 * notification capability, a badge. Rights never grow. */
long sys_cap_mint(struct sysregs *r)
{
	struct cap_args a = cap_args(r);
	uint64_t rights = r->r[3], badge = r->r[4];

	if (a.err)
		return a.err;
	if (rights & ~(uint64_t)RIGHTS_ALL || badge > BADGE_MAX)
		return -EINVAL;
	if (badge && (a.src->badge || (a.src->obj->type != CAP_ENDPOINT &&
				       a.src->obj->type != CAP_NOTIFICATION)))
		return -EINVAL;  /* only a first badge, only where it means something */
	return cap_set(a.dst, a.src->obj, a.src->rights & (unsigned)rights,
		       badge ? badge : a.src->badge);
}

long sys_cap_move(struct sysregs *r)
{
	struct cap_args a = cap_args(r);

	if (a.err)
		return a.err;
	if (into_itself(a.dst, a.src->obj))
		return -EINVAL;
	/* A move keeps the reference and the receiver count. */
	struct kobj *obj = a.src->obj;
	struct cap *d = a.dst.slot;
	unlink_cap(a.src);
	d->rights = a.src->rights;
	d->badge = a.src->badge;
	link_cap(d, obj);
	*a.src = (struct cap){ 0 };
	return 0;
}

long sys_cap_delete(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_NONE, 0);

	if (!c.err)
		cap_clear(c.cap);
	return c.err;
}
