/*
 * kernel/cspace.c and kernel/object.c: capability tables, the capability
 * system calls, object reference counting and MemPool accounting. Built
 * against the host pseudo-arch (host_arch/) with the stand-ins of
 * host_kernel.c: objects are calloc'd, frames aligned_alloc'd, and the
 * destructors of the types not compiled here only count their calls.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "host_kernel.h"
#include "support.h"

#include "arch.h"
#include "cspace.h"
#include "ipc.h"
#include "kmem.h"
#include "object.h"
#include "task.h"
#include "uapi/errno.h"

#define PG ((uint64_t)PAGE_SIZE)
#define CS_COST (sizeof(struct cspace) + CSPACE_PAGES * PG)  /* object + slots */

static struct mempool *root;  /* quota 1 MiB, itself uncharged */
static struct task self;

static struct mempool *pool_new(struct mempool *parent, uint64_t quota)
{
	struct mempool *p;

	/* As sys_obj_create does for CAP_MEMPOOL. */
	if (pool_charge(parent, quota) < 0)
		return NULL;
	p = obj_alloc(parent, CAP_MEMPOOL, sizeof(*p));
	if (!p) {
		pool_refund(parent, quota);
		return NULL;
	}
	p->quota = quota;
	return p;
}

static struct kobj *obj_new(struct mempool *pool, enum cap_type type)
{
	size_t size = type == CAP_ENDPOINT ? sizeof(struct endpoint)
		    : type == CAP_NOTIFICATION ? sizeof(struct notification)
		    : 64;
	return obj_alloc(pool, type, size);
}

static struct sysregs R;

static int64_t sys(long (*fn)(struct sysregs *), uint64_t a0, uint64_t a1,
		   uint64_t a2, uint64_t a3, uint64_t a4)
{
	memset(&R, 0, sizeof(R));
	R.r[0] = a0;
	R.r[1] = a1;
	R.r[2] = a2;
	R.r[3] = a3;
	R.r[4] = a4;
	/* As kernel/syscall.c does: the handler's result goes to r0. */
	R.r[0] = (uint64_t)fn(&R);
	return (int64_t)R.r[0];
}

/* The capability in one of current's slots. */
static struct cap *slot(uint64_t i)
{
	return &current->cs->slots[i];
}

/* ---- MemPools and object lifetime ------------------------------------------ */

static void test_pool_charge(void)
{
	struct mempool *p = pool_new(root, 1000);

	CHECK(p != NULL);
	CHECK_EQ(root->used, 1000 + sizeof(*p));
	CHECK_EQ(p->quota, 1000);
	CHECK_EQ(p->used, 0);
	CHECK_EQ(pool_charge(p, 600), 0);
	CHECK_EQ(pool_charge(p, 401), -ENOMEM);
	CHECK_EQ(p->used, 600);
	CHECK_EQ(pool_charge(p, 400), 0);       /* exactly to the quota */
	CHECK_EQ(p->used, 1000);
	CHECK_EQ(pool_charge(p, 1), -ENOMEM);
	CHECK_EQ(pool_charge(p, 0), 0);
	pool_refund(p, 1000);
	CHECK_EQ(p->used, 0);
	CHECK_EQ(pool_charge(p, UINT64_MAX), -ENOMEM);
	CHECK_EQ(pool_charge(p, (uint64_t)0 - 24), -ENOMEM);
	CHECK_EQ(p->used, 0);
	/* No pool: nothing to charge, never fails. */
	CHECK_EQ(pool_charge(NULL, UINT64_MAX), 0);
	pool_refund(NULL, 5);

	/* A pool asking its parent for more than it has. */
	CHECK(pool_new(p, 1001) == NULL);
	CHECK_EQ(p->used, 0);
	CHECK(pool_new(p, 1000 - sizeof(*p) + 1) == NULL);
	CHECK_EQ(p->used, 0);
	CHECK_EQ(p->hdr.refs, 1);
	obj_put(&p->hdr);
	CHECK_EQ(root->used, 0);
}

static void test_obj_lifetime(void)
{
	long live = host_kmalloc_live;
	uint32_t root_refs = root->hdr.refs;
	struct endpoint *ep;

	host_kernel_reset_counts();
	ep = (struct endpoint *)obj_new(root, CAP_ENDPOINT);
	CHECK(ep != NULL);
	CHECK_EQ(ep->hdr.type, CAP_ENDPOINT);
	CHECK_EQ(ep->hdr.refs, 1);
	CHECK_EQ(ep->hdr.size, sizeof(*ep));
	CHECK(ep->hdr.pool == root);
	CHECK_EQ(root->used, sizeof(*ep));
	CHECK_EQ(root->hdr.refs, root_refs + 1);  /* objects hold their pool */
	CHECK(ep->senders.head == NULL && ep->receive_caps == 0);
	CHECK_EQ(host_kmalloc_live, live + 1);

	obj_get(&ep->hdr);
	obj_get(&ep->hdr);
	obj_put(&ep->hdr);
	obj_put(&ep->hdr);
	CHECK_EQ(host_destroyed[CAP_ENDPOINT], 0);
	CHECK_EQ(ep->hdr.refs, 1);
	obj_put(&ep->hdr);
	CHECK_EQ(host_destroyed[CAP_ENDPOINT], 1);
	CHECK(host_destroyed_last[CAP_ENDPOINT] == &ep->hdr);
	CHECK_EQ(root->used, 0);
	CHECK_EQ(root->hdr.refs, root_refs);
	CHECK_EQ(host_kmalloc_live, live);

	/* Every type reaches its own destructor; a console object none. */
	const enum cap_type types[] = { CAP_TASK, CAP_ASPACE, CAP_FRAME,
					CAP_NOTIFICATION, CAP_IRQ,
					CAP_CONSOLE };
	for (unsigned i = 0; i < ARRAY_SIZE(types); i++) {
		struct kobj *o = obj_new(root, types[i]);

		CHECK(o != NULL);
		obj_put(o);
		if (types[i] != CAP_CONSOLE)
			CHECK_EQ(host_destroyed[types[i]], 1);
	}
	CHECK_EQ(root->used, 0);
	CHECK_EQ(host_kmalloc_live, live);

	/* An uncharged object (boot time): no pool, no reference on one. */
	struct kobj *o = obj_alloc(NULL, CAP_NOTIFICATION, sizeof(struct notification));
	CHECK(o != NULL && o->pool == NULL);
	obj_put(o);
	CHECK_EQ(host_kmalloc_live, live);

	/* A bad type is a panic, not a silent free. */
	jmp_buf jb;
	o = obj_alloc(root, CAP_CONSOLE, sizeof(struct kobj));
	o->type = CAP_TYPE_COUNT;
	fprintf(stderr, "(a panic about a bad type is expected next)\n");
	support_panic_jmp = &jb;
	int panics = support_panic_calls;
	if (!setjmp(jb))
		obj_put(o);
	support_panic_jmp = NULL;
	CHECK_EQ(support_panic_calls, panics + 1);
	o->type = CAP_CONSOLE;
	o->refs = 1;
	obj_put(o);
	CHECK_EQ(root->used, 0);
	CHECK_EQ(host_kmalloc_live, live);
}

static void test_obj_quota(void)
{
	uint64_t root_before = root->used;
	struct mempool *p = pool_new(root, 3 * sizeof(struct endpoint) + sizeof(struct kobj));
	struct kobj *e[4], *con;
	long live = host_kmalloc_live;

	for (int i = 0; i < 3; i++) {
		e[i] = obj_new(p, CAP_ENDPOINT);
		CHECK(e[i] != NULL);
	}
	CHECK_EQ(p->used, 3 * sizeof(struct endpoint));
	CHECK_EQ(p->hdr.refs, 4);
	e[3] = obj_new(p, CAP_ENDPOINT);          /* a kobj's worth left */
	CHECK(e[3] == NULL);
	CHECK_EQ(p->used, 3 * sizeof(struct endpoint));
	CHECK_EQ(p->hdr.refs, 4);
	CHECK_EQ(host_kmalloc_live, live + 3);
	con = obj_alloc(p, CAP_CONSOLE, sizeof(struct kobj));      /* exactly the rest */
	CHECK(con != NULL);
	CHECK_EQ(p->used, p->quota);

	/* kmalloc failing after the charge: the charge comes back exactly. */
	obj_put(e[2]);
	uint64_t used = p->used;
	host_kmalloc_fail = 1;
	CHECK(obj_new(p, CAP_ENDPOINT) == NULL);
	CHECK_EQ(host_kmalloc_fail, 0);
	CHECK_EQ(p->used, used);
	CHECK_EQ(p->hdr.refs, 4);
	/* Too big for kmalloc: refunded as well. */
	uint64_t rused = root->used;
	CHECK(obj_alloc(root, CAP_CONSOLE, KMEM_MAX_SIZE + 1) == NULL);
	CHECK_EQ(root->used, rused);

	/* Dropping the pool's own reference (its "capability") does not
	 * free it while objects hold it; the last object's put does, and
	 * the parent gets quota and header back. */
	obj_put(e[0]);
	obj_put(e[1]);
	CHECK_EQ(p->hdr.refs, 2);                /* ours + the console's */
	CHECK_EQ(p->used, sizeof(struct kobj));
	host_kernel_reset_counts();
	obj_put(&p->hdr);
	CHECK_EQ(p->hdr.refs, 1);
	CHECK_EQ(root->used, root_before + p->quota + sizeof(*p));
	obj_put(con);
	CHECK_EQ(root->used, root_before);
	CHECK_EQ(host_kmalloc_live, live - 1);   /* p itself is gone too */
}

static void test_pool_destroy(void)
{
	uint64_t before = root->used;
	struct mempool *a = pool_new(root, 64 * 1024);
	struct mempool *b = pool_new(a, 16 * 1024);
	struct kobj *o;
	paddr_t pa;

	CHECK(a && b);
	CHECK_EQ(root->used, before + 64 * 1024 + sizeof(*a));
	CHECK_EQ(a->used, 16 * 1024 + sizeof(*b));
	o = obj_new(b, CAP_NOTIFICATION);
	CHECK(o != NULL);
	CHECK_EQ(pool_frames(b, 2, &pa), 0);
	CHECK_EQ(b->used, sizeof(struct notification) + 2 * PG);
	CHECK_EQ(a->used, 16 * 1024 + sizeof(*b));  /* children are prepaid */

	/* Drop the pools' own references: b lives on in o, a in b. */
	obj_put(&b->hdr);
	obj_put(&a->hdr);
	CHECK_EQ(b->hdr.refs, 1);
	CHECK_EQ(a->hdr.refs, 1);
	pool_frames_free(b, pa, 2);
	CHECK_EQ(b->used, sizeof(struct notification));
	/* The last object goes: b is destroyed and returns its quota and
	 * header to a, which is then destroyed and returns all to root. */
	obj_put(o);
	CHECK_EQ(root->used, before);
	CHECK_EQ(host_frames_live, 0);
}

static void test_pool_frames(void)
{
	struct mempool *p = pool_new(root, 5 * PG);
	long frames = host_frames_live;
	paddr_t pa, pb;

	CHECK_EQ(pool_frames(p, 1, &pa), 0);
	CHECK_EQ(p->used, PG);
	CHECK_EQ(pa & PAGE_MASK, 0);
	CHECK_EQ(((uint8_t *)phys_to_virt(pa))[PG - 1], 0);
	CHECK_EQ(pool_frames(p, 4, &pb), 0);
	CHECK_EQ(p->used, 5 * PG);
	CHECK_EQ(host_frames_live, frames + 5);
	CHECK_EQ(pool_frames(p, 1, &pb), -ENOMEM);  /* full */
	CHECK_EQ(p->used, 5 * PG);
	CHECK_EQ(host_frames_live, frames + 5);
	pool_frames_free(p, pb, 4);
	CHECK_EQ(p->used, PG);
	/* Allocation failing after the charge: refunded exactly. */
	host_frame_fail = 1;
	CHECK_EQ(pool_frames(p, 2, &pb), -ENOMEM);
	CHECK_EQ(p->used, PG);
	host_frame_fail = 1;
	CHECK_EQ(pool_frames(p, 1, &pb), -ENOMEM);
	CHECK_EQ(p->used, PG);
	/* A page count beyond the quota fails in the charge. */
	CHECK_EQ(pool_frames(p, (size_t)1 << 40, &pb), -ENOMEM);
	CHECK_EQ(p->used, PG);
	pool_frames_free(p, pa, 1);
	CHECK_EQ(p->used, 0);
	CHECK_EQ(host_frames_live, frames);
	obj_put(&p->hdr);
}

/* ---- capability tables ----------------------------------------------------- */

static void test_cspace_create(void)
{
	uint64_t used = root->used;
	long live = host_kmalloc_live, frames = host_frames_live;
	struct cspace *cs = cspace_create(root);

	CHECK(cs != NULL);
	CHECK_EQ(cs->hdr.type, CAP_CSPACE);
	CHECK_EQ(root->used, used + CS_COST);
	CHECK_EQ(host_frames_live, frames + CSPACE_PAGES);
	CHECK_EQ((uintptr_t)cs->slots & PAGE_MASK, 0);
	for (unsigned i = 0; i < CSPACE_SLOTS; i++)
		CHECK(cs->slots[i].obj == NULL && cs->slots[i].rights == 0);
	/* A space may not hold a capability to itself (a cycle). */
	CHECK_EQ(cap_install(cs, 5, &cs->hdr, RIGHTS_ALL, 0), -EINVAL);
	CHECK_EQ(cs->hdr.refs, 1);
	obj_put(&cs->hdr);
	CHECK_EQ(root->used, used);
	CHECK_EQ(host_frames_live, frames);
	CHECK_EQ(host_kmalloc_live, live);

	/* Out of quota for the object, or for its frame by one byte. */
	struct mempool *p = pool_new(root, CS_COST - 1);
	CHECK(cspace_create(p) == NULL);
	CHECK_EQ(p->used, 0);
	CHECK_EQ(p->hdr.refs, 1);
	CHECK_EQ(host_kmalloc_live, live + 1);
	obj_put(&p->hdr);
	p = pool_new(root, sizeof(struct cspace) - 1);
	CHECK(cspace_create(p) == NULL);
	CHECK_EQ(p->used, 0);
	obj_put(&p->hdr);
	/* No memory for the frame, or for the object. */
	host_frame_fail = 1;
	CHECK(cspace_create(root) == NULL);
	host_kmalloc_fail = 1;
	CHECK(cspace_create(root) == NULL);
	CHECK_EQ(root->used, used);
	CHECK_EQ(host_frames_live, frames);
	CHECK_EQ(host_kmalloc_live, live);
	/* Exactly enough. */
	p = pool_new(root, CS_COST);
	cs = cspace_create(p);
	CHECK(cs != NULL);
	CHECK_EQ(p->used, p->quota);
	obj_put(&p->hdr);
	obj_put(&cs->hdr);
	CHECK_EQ(root->used, used);
}

static void test_lookup_install(void)
{
	struct cspace *cs = cspace_create(root);
	struct kobj *n = obj_new(root, CAP_NOTIFICATION);
	struct endpoint *ep = (struct endpoint *)obj_new(root, CAP_ENDPOINT);
	struct cap_ref c;

	host_kernel_reset_counts();
	CHECK_EQ(cap_install(cs, 0, n, RIGHT_READ, 0), -EBADF);
	CHECK_EQ(cap_install(cs, CSPACE_SLOTS, n, RIGHT_READ, 0), -EBADF);
	CHECK_EQ(cap_install(cs, UINT64_MAX, n, RIGHT_READ, 0), -EBADF);
	CHECK_EQ(cap_install(cs, (uint64_t)1 << 32, n, RIGHT_READ, 0), -EBADF);
	CHECK_EQ(n->refs, 1);
	CHECK(cs->slots[0].obj == NULL);

	CHECK_EQ(cap_install(cs, 1, n, 0xff, ~0ull), 0);
	CHECK_EQ(n->refs, 2);
	CHECK_EQ(cs->slots[1].rights, RIGHTS_ALL);   /* masked */
	CHECK_EQ(cs->slots[1].badge, BADGE_MAX);     /* 48 bits */
	CHECK_EQ(cap_install(cs, 1, &ep->hdr, RIGHT_READ, 0), -EEXIST);
	CHECK(cs->slots[1].obj == n);
	CHECK_EQ(ep->hdr.refs, 1);
	CHECK_EQ(host_receivers_calls, 0);
	CHECK_EQ(cap_install(cs, CSPACE_SLOTS - 1, n, RIGHT_WRITE, 7), 0);
	CHECK_EQ(n->refs, 3);

	/* Lookup: index, then presence, then type, then rights. */
	c = cap_lookup(cs, 0, CAP_NONE, 0);
	CHECK(c.err == -EBADF && c.cap == NULL);
	c = cap_lookup(cs, CSPACE_SLOTS, CAP_NONE, 0);
	CHECK_EQ(c.err, -EBADF);
	c = cap_lookup(cs, UINT64_MAX, CAP_NONE, 0);
	CHECK_EQ(c.err, -EBADF);
	c = cap_lookup(cs, 2, CAP_NONE, 0);
	CHECK_EQ(c.err, -EBADF);
	c = cap_lookup(cs, 1, CAP_NONE, 0);
	CHECK(c.err == 0 && c.cap == &cs->slots[1]);
	c = cap_lookup(cs, 1, CAP_NOTIFICATION, RIGHTS_ALL);
	CHECK(c.err == 0 && c.cap == &cs->slots[1]);
	c = cap_lookup(cs, 1, CAP_ENDPOINT, 0);
	CHECK(c.err == -ENOTTY && c.cap == NULL);
	c = cap_lookup(cs, CSPACE_SLOTS - 1, CAP_NOTIFICATION, RIGHT_WRITE);
	CHECK_EQ(c.err, 0);
	c = cap_lookup(cs, CSPACE_SLOTS - 1, CAP_NOTIFICATION,
		       RIGHT_WRITE | RIGHT_READ);
	CHECK(c.err == -EPERM && c.cap == NULL);
	c = cap_lookup(cs, CSPACE_SLOTS - 1, CAP_ENDPOINT, RIGHT_READ);
	CHECK_EQ(c.err, -ENOTTY);                  /* type before rights */

	/* Receiver counting: READ endpoint caps only. */
	CHECK_EQ(cap_install(cs, 3, &ep->hdr, RIGHT_WRITE | RIGHT_GRANT, 0), 0);
	CHECK_EQ(host_receivers_calls, 0);
	CHECK_EQ(cap_install(cs, 4, &ep->hdr, RIGHT_READ, 0), 0);
	CHECK_EQ(host_receivers_calls, 1);
	CHECK_EQ(host_receivers_last_delta, 1);
	CHECK(host_receivers_last_ep == ep);
	CHECK_EQ(cap_install(cs, 5, &ep->hdr, RIGHTS_ALL, 0), 0);
	CHECK_EQ(ep->receive_caps, 2);
	CHECK_EQ(ep->hdr.refs, 4);
	cap_clear(&cs->slots[3]);                  /* WRITE: no call */
	CHECK_EQ(host_receivers_calls, 2);
	CHECK_EQ(ep->hdr.refs, 3);
	cap_clear(&cs->slots[4]);
	CHECK_EQ(host_receivers_calls, 3);
	CHECK_EQ(host_receivers_last_delta, -1);
	CHECK_EQ(ep->receive_caps, 1);
	CHECK(cs->slots[4].obj == NULL && cs->slots[4].rights == 0 &&
	      cs->slots[4].badge == 0);
	cap_clear(&cs->slots[4]);                  /* empty: nothing */
	CHECK_EQ(host_receivers_calls, 3);
	CHECK_EQ(ep->hdr.refs, 2);
	/* Notification caps with READ do not count as receivers. */
	CHECK_EQ(cap_install(cs, 6, n, RIGHT_READ, 0), 0);
	CHECK_EQ(host_receivers_calls, 3);

	/* Destroying the space clears every slot (slot 5: -1 receiver). */
	obj_put(&cs->hdr);
	CHECK_EQ(host_receivers_calls, 4);
	CHECK_EQ(ep->receive_caps, 0);
	CHECK_EQ(host_receivers_underflow, 0);
	CHECK_EQ(ep->hdr.refs, 1);
	CHECK_EQ(n->refs, 1);
	obj_put(n);
	obj_put(&ep->hdr);
	CHECK_EQ(root->used, 0);
}

/* ---- capability system calls ----------------------------------------------- */

static void test_sys_identify(void)
{
	struct kobj *n = obj_new(root, CAP_NOTIFICATION);

	CHECK_EQ(cap_install(current->cs, 10, n, RIGHT_READ | RIGHT_WRITE,
			     0x1234), 0);
	CHECK_EQ(sys(sys_cap_identify, 10, 0, 0, 0, 0), CAP_NOTIFICATION);
	CHECK_EQ(R.r[1], RIGHT_READ | RIGHT_WRITE);
	CHECK_EQ(R.r[2], 0x1234);
	CHECK_EQ(sys(sys_cap_identify, 11, 0, 0, 0, 0), -EBADF);
	CHECK_EQ(sys(sys_cap_identify, 0, 0, 0, 0, 0), -EBADF);
	CHECK_EQ(sys(sys_cap_identify, CSPACE_SLOTS, 0, 0, 0, 0), -EBADF);
	CHECK_EQ(sys(sys_cap_identify, UINT64_MAX, 0, 0, 0, 0), -EBADF);
	CHECK_EQ(sys(sys_cap_delete, 10, 0, 0, 0, 0), 0);
	obj_put(n);
}

static void test_sys_copy_move(void)
{
	struct cspace *other = cspace_create(root);
	struct endpoint *ep = (struct endpoint *)obj_new(root, CAP_ENDPOINT);
	struct kobj *n = obj_new(root, CAP_NOTIFICATION);

	host_kernel_reset_counts();
	CHECK_EQ(cap_install(current->cs, 20, &ep->hdr,
			     RIGHT_READ | RIGHT_WRITE, 5), 0);
	CHECK_EQ(cap_install(current->cs, 21, &other->hdr, RIGHTS_ALL, 0), 0);
	CHECK_EQ(cap_install(current->cs, 22, &other->hdr,
			     RIGHTS_ALL & ~RIGHT_CONTROL, 0), 0);
	CHECK_EQ(cap_install(current->cs, 23, n, RIGHTS_ALL, 0), 0);
	CHECK_EQ(ep->receive_caps, 1);
	obj_put(&other->hdr);          /* slots 21 and 22 hold it now */
	CHECK_EQ(other->hdr.refs, 2);

	/* Copy within the own space: same rights and badge, a reference and
	 * a receiver more. */
	CHECK_EQ(sys(sys_cap_copy, 20, 0, 30, 0, 0), 0);
	CHECK(slot(30)->obj == &ep->hdr);
	CHECK_EQ(slot(30)->rights, RIGHT_READ | RIGHT_WRITE);
	CHECK_EQ(slot(30)->badge, 5);
	CHECK_EQ(ep->hdr.refs, 3);
	CHECK_EQ(ep->receive_caps, 2);
	/* Occupied, bad and zero destination slots; bad sources. */
	CHECK_EQ(sys(sys_cap_copy, 20, 0, 30, 0, 0), -EEXIST);
	CHECK_EQ(sys(sys_cap_copy, 20, 0, 23, 0, 0), -EEXIST);
	CHECK(slot(23)->obj == n);
	CHECK_EQ(sys(sys_cap_copy, 20, 0, 0, 0, 0), -EBADF);
	CHECK_EQ(sys(sys_cap_copy, 20, 0, CSPACE_SLOTS, 0, 0), -EBADF);
	CHECK_EQ(sys(sys_cap_copy, 31, 0, 32, 0, 0), -EBADF);
	CHECK_EQ(sys(sys_cap_copy, 0, 0, 32, 0, 0), -EBADF);
	CHECK(slot(32)->obj == NULL);
	CHECK_EQ(ep->hdr.refs, 3);
	CHECK_EQ(ep->receive_caps, 2);
	/* Into another space: needs a CapSpace cap with CONTROL. */
	CHECK_EQ(sys(sys_cap_copy, 20, 21, 7, 0, 0), 0);
	CHECK(other->slots[7].obj == &ep->hdr);
	CHECK_EQ(sys(sys_cap_copy, 20, 22, 8, 0, 0), -EPERM);
	CHECK_EQ(sys(sys_cap_copy, 20, 23, 8, 0, 0), -ENOTTY);
	CHECK_EQ(sys(sys_cap_copy, 20, 24, 8, 0, 0), -EBADF);
	CHECK_EQ(sys(sys_cap_copy, 20, CSPACE_SLOTS, 8, 0, 0), -EBADF);
	CHECK(other->slots[8].obj == NULL);
	CHECK_EQ(sys(sys_cap_copy, 20, 21, 0, 0, 0), -EBADF);
	CHECK_EQ(ep->hdr.refs, 4);
	CHECK_EQ(ep->receive_caps, 3);

	/* Move: the capability changes slot, nothing else changes. */
	int calls = host_receivers_calls;
	CHECK_EQ(sys(sys_cap_move, 30, 0, 40, 0, 0), 0);
	CHECK(slot(30)->obj == NULL && slot(30)->rights == 0 &&
	      slot(30)->badge == 0);
	CHECK(slot(40)->obj == &ep->hdr);
	CHECK_EQ(slot(40)->rights, RIGHT_READ | RIGHT_WRITE);
	CHECK_EQ(slot(40)->badge, 5);
	CHECK_EQ(ep->hdr.refs, 4);
	CHECK_EQ(host_receivers_calls, calls);
	CHECK_EQ(sys(sys_cap_move, 40, 0, 20, 0, 0), -EEXIST);
	CHECK_EQ(sys(sys_cap_move, 40, 0, 40, 0, 0), -EEXIST);  /* onto itself */
	CHECK(slot(40)->obj == &ep->hdr);
	CHECK_EQ(sys(sys_cap_move, 40, 0, 0, 0, 0), -EBADF);
	CHECK_EQ(sys(sys_cap_move, 40, 0, CSPACE_SLOTS, 0, 0), -EBADF);
	CHECK_EQ(sys(sys_cap_move, 40, 0, UINT64_MAX, 0, 0), -EBADF);
	CHECK_EQ(sys(sys_cap_move, 41, 0, 42, 0, 0), -EBADF);
	CHECK_EQ(sys(sys_cap_move, 0, 0, 42, 0, 0), -EBADF);
	CHECK_EQ(sys(sys_cap_move, 40, 22, 9, 0, 0), -EPERM);
	CHECK_EQ(sys(sys_cap_move, 40, 23, 9, 0, 0), -ENOTTY);
	CHECK_EQ(sys(sys_cap_move, 40, 0, 20, 0, 0), -EEXIST);
	CHECK(slot(40)->obj == &ep->hdr);
	CHECK_EQ(sys(sys_cap_move, 40, 21, 7, 0, 0), -EEXIST);
	CHECK_EQ(sys(sys_cap_move, 40, 21, 9, 0, 0), 0);
	CHECK(slot(40)->obj == NULL);
	CHECK(other->slots[9].obj == &ep->hdr);
	CHECK_EQ(ep->hdr.refs, 4);
	CHECK_EQ(host_receivers_calls, calls);

	/* Delete drops the reference (and a receiver). */
	CHECK_EQ(sys(sys_cap_delete, 20, 0, 0, 0, 0), 0);
	CHECK(slot(20)->obj == NULL);
	CHECK_EQ(ep->hdr.refs, 3);
	CHECK_EQ(ep->receive_caps, 2);
	CHECK_EQ(sys(sys_cap_delete, 20, 0, 0, 0, 0), -EBADF);
	CHECK_EQ(sys(sys_cap_delete, 0, 0, 0, 0, 0), -EBADF);
	CHECK_EQ(sys(sys_cap_delete, CSPACE_SLOTS, 0, 0, 0, 0), -EBADF);

	/* The other space holds the last two; deleting our caps to it
	 * destroys it, which drops them: the endpoint goes too. */
	CHECK_EQ(sys(sys_cap_delete, 21, 0, 0, 0, 0), 0);
	CHECK_EQ(host_destroyed[CAP_ENDPOINT], 0);
	obj_put(&ep->hdr);                        /* our own reference */
	CHECK_EQ(host_destroyed[CAP_ENDPOINT], 0);
	CHECK_EQ(sys(sys_cap_delete, 22, 0, 0, 0, 0), 0);
	CHECK_EQ(host_destroyed[CAP_ENDPOINT], 1);
	CHECK_EQ(host_receivers_underflow, 0);
	CHECK_EQ(host_receivers_sum, 0);

	/* Deleting the last cap to a notification destroys it. */
	obj_put(n);
	CHECK_EQ(host_destroyed[CAP_NOTIFICATION], 0);
	CHECK_EQ(sys(sys_cap_delete, 23, 0, 0, 0, 0), 0);
	CHECK_EQ(host_destroyed[CAP_NOTIFICATION], 1);
	CHECK(host_destroyed_last[CAP_NOTIFICATION] == n);
}

static void test_sys_mint(void)
{
	struct endpoint *ep = (struct endpoint *)obj_new(root, CAP_ENDPOINT);
	struct kobj *n = obj_new(root, CAP_NOTIFICATION);
	struct kobj *f = obj_new(root, CAP_FRAME);
	const unsigned rw = RIGHT_READ | RIGHT_WRITE;

	host_kernel_reset_counts();
	CHECK_EQ(cap_install(current->cs, 50, &ep->hdr, rw | RIGHT_GRANT, 0), 0);
	CHECK_EQ(cap_install(current->cs, 51, n, RIGHT_WRITE, 0), 0);
	CHECK_EQ(cap_install(current->cs, 52, f, rw, 0), 0);
	CHECK_EQ(host_receivers_calls, 1);

	/* Rights are the source's & mask: they shrink, never grow. */
	CHECK_EQ(sys(sys_cap_mint, 50, 0, 60, RIGHT_WRITE, 0), 0);
	CHECK_EQ(slot(60)->rights, RIGHT_WRITE);
	CHECK_EQ(slot(60)->badge, 0);
	CHECK_EQ(host_receivers_calls, 1);          /* no READ: no receiver */
	CHECK_EQ(sys(sys_cap_mint, 50, 0, 61, RIGHTS_ALL, 0), 0);
	CHECK_EQ(slot(61)->rights, rw | RIGHT_GRANT);
	CHECK_EQ(host_receivers_calls, 2);
	CHECK_EQ(host_receivers_last_delta, 1);
	CHECK_EQ(sys(sys_cap_mint, 60, 0, 62, RIGHTS_ALL, 0), 0);
	CHECK_EQ(slot(62)->rights, RIGHT_WRITE);
	CHECK_EQ(sys(sys_cap_mint, 52, 0, 63, RIGHT_EXEC | RIGHT_READ, 0), 0);
	CHECK_EQ(slot(63)->rights, RIGHT_READ);
	CHECK_EQ(sys(sys_cap_mint, 52, 0, 64, 0, 0), 0);
	CHECK_EQ(slot(64)->rights, 0);
	CHECK_EQ(f->refs, 4);
	/* Bits outside RIGHTS_ALL are an error, not silently dropped. */
	CHECK_EQ(sys(sys_cap_mint, 50, 0, 65, RIGHTS_ALL + 1, 0), -EINVAL);
	CHECK_EQ(sys(sys_cap_mint, 50, 0, 65, 1ull << 32 | RIGHT_READ, 0),
		 -EINVAL);
	CHECK(slot(65)->obj == NULL);

	/* Badges: a first one, on endpoints and notifications only. */
	CHECK_EQ(sys(sys_cap_mint, 60, 0, 65, RIGHT_WRITE, 0x77), 0);
	CHECK_EQ(slot(65)->badge, 0x77);
	CHECK_EQ(sys(sys_cap_mint, 65, 0, 66, RIGHT_WRITE, 0x88), -EINVAL);
	CHECK_EQ(sys(sys_cap_mint, 65, 0, 66, RIGHT_WRITE, 0), 0);  /* kept */
	CHECK_EQ(slot(66)->badge, 0x77);
	CHECK_EQ(sys(sys_cap_mint, 51, 0, 67, RIGHT_WRITE, BADGE_MAX), 0);
	CHECK_EQ(slot(67)->badge, BADGE_MAX);
	CHECK_EQ(sys(sys_cap_mint, 51, 0, 68, RIGHT_WRITE, BADGE_MAX + 1),
		 -EINVAL);
	CHECK_EQ(sys(sys_cap_mint, 52, 0, 68, rw, 1), -EINVAL);      /* frame */
	CHECK(slot(68)->obj == NULL);
	CHECK_EQ(f->refs, 4);

	/* Slots and spaces: as copy. */
	CHECK_EQ(sys(sys_cap_mint, 50, 0, 60, RIGHT_WRITE, 0), -EEXIST);
	CHECK_EQ(sys(sys_cap_mint, 50, 0, 0, RIGHT_WRITE, 0), -EBADF);
	CHECK_EQ(sys(sys_cap_mint, 0, 0, 69, RIGHT_WRITE, 0), -EBADF);
	CHECK_EQ(sys(sys_cap_mint, 69, 0, 70, RIGHT_WRITE, 0), -EBADF);
	CHECK_EQ(sys(sys_cap_mint, 50, 51, 70, RIGHT_WRITE, 0), -ENOTTY);
	/* An error in the source wins over one in the arguments. */
	CHECK_EQ(sys(sys_cap_mint, 69, 0, 70, ~0ull, ~0ull), -EBADF);

	/* Mint of a READ endpoint cap keeping READ: one more receiver;
	 * deleting everything balances the count. */
	CHECK_EQ(sys(sys_cap_mint, 61, 0, 70, RIGHT_READ, 3), 0);
	CHECK_EQ(ep->receive_caps, 3);
	for (uint64_t s = 50; s <= 70; s++)
		if (slot(s)->obj)
			CHECK_EQ(sys(sys_cap_delete, s, 0, 0, 0, 0), 0);
	CHECK_EQ(ep->receive_caps, 0);
	CHECK_EQ(host_receivers_sum, 0);
	CHECK_EQ(host_receivers_underflow, 0);
	CHECK_EQ(ep->hdr.refs, 1);
	CHECK_EQ(n->refs, 1);
	CHECK_EQ(f->refs, 1);
	obj_put(&ep->hdr);
	obj_put(n);
	obj_put(f);
}

/* Objects created until a pool runs dry, then freed: the pool's used
 * bytes return to exactly zero and its parent gets everything back. */
static void test_quota_exhaustion(void)
{
	uint64_t before = root->used;
	struct mempool *p = pool_new(root, 2 * CS_COST + 100);
	struct cspace *cs[3];
	struct kobj *objs[64];
	unsigned nobj = 0;

	cs[0] = cspace_create(p);
	cs[1] = cspace_create(p);
	CHECK(cs[0] && cs[1]);
	cs[2] = cspace_create(p);
	CHECK(cs[2] == NULL);
	CHECK_EQ(p->used, 2 * CS_COST);
	while (nobj < ARRAY_SIZE(objs) &&
	       (objs[nobj] = obj_new(p, CAP_NOTIFICATION)))
		nobj++;
	CHECK_EQ(nobj, 100 / sizeof(struct notification));
	CHECK(p->used <= p->quota);
	CHECK(p->quota - p->used < sizeof(struct notification));
	for (unsigned i = 0; i < nobj; i++) {
		CHECK_EQ(cap_install(cs[i & 1], 1 + i, objs[i], RIGHTS_ALL, 0),
			 0);
		obj_put(objs[i]);
	}
	obj_put(&p->hdr);
	CHECK_EQ(root->used, before + p->quota + sizeof(*p));
	obj_put(&cs[0]->hdr);
	obj_put(&cs[1]->hdr);
	CHECK_EQ(root->used, before);
}

/* Deleting a pool's last capability dooms it; at the safe point every
 * object charged to it and to its child pools is destroyed, whatever
 * cycles they form, and the parent's usage is back where it was. */
static void test_pool_reclaim(void)
{
	uint64_t before = root->used;
	struct mempool *a = pool_new(root, 256 * 1024);
	struct mempool *b = pool_new(a, 64 * 1024);
	struct cspace *x = cspace_create(b), *y = cspace_create(b);
	struct kobj *n = obj_new(a, CAP_NOTIFICATION);
	int work = host_kernel_work;

	CHECK(a && b && x && y && n);
	CHECK_EQ(cap_install(x, 1, &y->hdr, RIGHTS_ALL, 0), 0);
	CHECK_EQ(cap_install(y, 1, &x->hdr, RIGHTS_ALL, 0), 0);
	CHECK_EQ(cap_install(x, 2, &b->hdr, RIGHTS_ALL, 0), 0);  /* b holds itself */
	CHECK_EQ(cap_install(y, 3, n, RIGHTS_ALL, 0), 0);
	CHECK_EQ(cap_install(current->cs, 9, &a->hdr, RIGHTS_ALL, 0), 0);
	obj_put(&x->hdr);
	obj_put(&y->hdr);
	obj_put(n);
	obj_put(&b->hdr);
	obj_put(&a->hdr);
	CHECK(root->used > before);
	CHECK(!a->dying);
	/* Moving the capability is not deleting it. */
	CHECK_EQ(sys(sys_cap_move, 9, 0, 10, 0, 0), 0);
	CHECK(!a->dying && doomed_pools == NULL);
	CHECK_EQ(sys(sys_cap_delete, 10, 0, 0, 0, 0), 0);
	CHECK(a->dying && doomed_pools == a);
	CHECK_EQ(host_kernel_work, work + 1);
	CHECK_EQ(pool_charge(a, 1), -ENOMEM);      /* nothing more is charged */
	host_kernel_reset_counts();
	memset(host_revoked, 0, sizeof(host_revoked));
	pool_reclaim_pending();
	CHECK(doomed_pools == NULL);
	CHECK_EQ(host_revoked[CAP_NOTIFICATION], 1);
	CHECK_EQ(host_destroyed[CAP_NOTIFICATION], 1);
	CHECK_EQ(root->used, before);
}

int main(void)
{
	long live0 = host_kmalloc_live;

	root = obj_alloc(NULL, CAP_MEMPOOL, sizeof(*root));
	root->quota = 1 << 20;

	test_pool_charge();
	test_obj_lifetime();
	test_obj_quota();
	test_pool_destroy();
	test_pool_frames();
	test_cspace_create();
	test_lookup_install();

	current = &self;
	self.cs = cspace_create(root);
	test_sys_identify();
	test_sys_copy_move();
	test_sys_mint();
	test_quota_exhaustion();
	test_pool_reclaim();
	for (unsigned i = 1; i < CSPACE_SLOTS; i++)
		CHECK(self.cs->slots[i].obj == NULL);
	obj_put(&self.cs->hdr);
	current = NULL;

	CHECK_EQ(root->used, 0);
	CHECK_EQ(root->hdr.refs, 1);
	obj_put(&root->hdr);
	CHECK_EQ(host_kmalloc_live, live0);
	CHECK_EQ(host_frames_live, 0);
	return check_summary("cspace");
}
