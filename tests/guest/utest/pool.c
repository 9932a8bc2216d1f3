/*
 * utest's pool-reclamation tests: deleting a MemPool's last capability, or
 * SYS_POOL_DESTROY, destroys every object charged to the pool whatever
 * references and cycles exist, and the parent's usage comes back to what
 * it was to the byte. Also: unmapping frees the page tables it empties.
 */
#include "utest.h"

static uint64_t used_now(slot_t pool)
{
	uint64_t quota, used;

	return sys_pool_info(pool, &quota, &used) == 0 ? used : ~0ull;
}

/* A child pool of POOL with room for a few tasks and spaces. */
static slot_t child_pool(void)
{
	slot_t p = new_slot();

	return sys_obj_create(POOL, CAP_MEMPOOL, p, 256 * 1024) == 0 ? p : 0;
}

/* Two capability spaces of a pool holding each other (a cycle nobody can
 * break by deleting capabilities) and a CapSpace capability that may not
 * go into its own space, by copy or by move. */
bool test_pool_reclaims_cycles(void)
{
	uint64_t base = used_now(POOL);
	slot_t p = child_pool(), a = new_slot(), b = new_slot(), x = new_slot();

	CHECK(p != 0);
	CHECK(sys_obj_create(p, CAP_CSPACE, a, 0) == 0);
	CHECK(sys_obj_create(p, CAP_CSPACE, b, 0) == 0);
	CHECK(sys_cap_copy(a, a, 5) == -EINVAL);
	CHECK(sys_cap_copy(a, 0, x) == 0);
	CHECK(sys_cap_move(x, a, 5) == -EINVAL);   /* the move path too */
	CHECK(sys_cap_delete(x) == 0);
	CHECK(sys_cap_copy(a, b, 1) == 0);
	CHECK(sys_cap_copy(b, a, 1) == 0);
	CHECK(sys_cap_delete(a) == 0);
	CHECK(sys_cap_delete(b) == 0);
	CHECK(used_now(p) > 0);                     /* the cycle lives on */
	CHECK(sys_cap_delete(p) == 0);              /* the last capability */
	CHECK(used_now(POOL) == base);
	return true;
}

/* A task never started that holds a capability to itself, and a stopped
 * clone nobody holds any more: both go with their pool. */
static long never_runs(void *arg)
{
	(void)arg;
	return 0;
}

bool test_pool_reclaims_tasks(void)
{
	uint64_t base = used_now(POOL);
	slot_t p = child_pool(), t = new_slot(), cs = new_slot(), c = new_slot();
	struct clone_args a = { .flags = CLONE_VM | CLONE_CAPS | CLONE_STOPPED,
				.pool = p, .dst = c, .sp = WINDOW + 0x1000 };

	CHECK(p != 0);
	CHECK(sys_obj_create(p, CAP_TASK, t, 0) == 0);
	CHECK(sys_obj_create(p, CAP_CSPACE, cs, 0) == 0);
	CHECK(sys_cap_copy(t, cs, 1) == 0);
	CHECK(sys_task_configure(t, 0, cs, 0, 0) == 0);
	CHECK(sys_cap_delete(cs) == 0);
	CHECK(sys_cap_delete(t) == 0);
	CHECK(pith_thread_clone(ROOT_SLOT_TASK, &a, never_runs, 0) == 0);
	CHECK(sys_cap_delete(c) == 0);              /* stopped, unreachable */
	CHECK(used_now(p) > 0);
	CHECK(sys_cap_delete(p) == 0);
	CHECK(used_now(POOL) == base);
	return true;
}

/* Running tasks are killed: a thread blocked in receive on an endpoint of
 * the pool, and one spinning; capabilities we held to them are deleted. */
static long spin(void *arg)
{
	(void)arg;
	for (;;)
		sys_yield();
}

static volatile slot_t recv_ep;

static long block_in_recv(void *arg)
{
	struct msg m;

	(void)arg;
	sys_recv(recv_ep, &m);
	for (;;)
		sys_yield();
}

bool test_pool_kills_running_tasks(void)
{
	uint64_t base = used_now(POOL);
	slot_t p = child_pool(), t1 = new_slot(), t2 = new_slot();
	slot_t ep = new_slot(), f = new_slot();
	struct task_info ti;

	CHECK(p != 0);
	CHECK(sys_obj_create(POOL, CAP_FRAME, f, 4) == 0);
	CHECK(sys_map(ROOT_SLOT_ASPACE, f, WINDOW, RIGHT_READ | RIGHT_WRITE) == 0);
	CHECK(sys_obj_create(p, CAP_ENDPOINT, ep, 0) == 0);
	recv_ep = ep;
	struct clone_args a1 = { .flags = CLONE_VM | CLONE_CAPS, .pool = p,
				 .dst = t1, .sp = WINDOW + 0x2000 };
	struct clone_args a2 = { .flags = CLONE_VM | CLONE_CAPS, .pool = p,
				 .dst = t2, .sp = WINDOW + 0x4000 };
	CHECK(pith_thread_clone(ROOT_SLOT_TASK, &a1, block_in_recv, 0) == 0);
	CHECK(pith_thread_clone(ROOT_SLOT_TASK, &a2, spin, 0) == 0);
	for (int i = 0; i < 10; i++)
		sys_yield();
	CHECK(sys_task_info(t1, &ti) == 0 && ti.state == TASK_INFO_BLOCKED);
	CHECK(sys_task_info(t2, &ti) == 0 && ti.state == TASK_INFO_RUNNABLE);
	CHECK(sys_pool_destroy(p) == 0);
	/* Every capability to the pool's objects, and to the pool, is gone. */
	CHECK(sys_cap_identify(t1, 0, 0) == -EBADF);
	CHECK(sys_cap_identify(t2, 0, 0) == -EBADF);
	CHECK(sys_cap_identify(ep, 0, 0) == -EBADF);
	CHECK(sys_cap_identify(p, 0, 0) == -EBADF);
	for (int i = 0; i < 10; i++)
		sys_yield();                        /* nobody runs them */
	for (int i = 0; i < 4; i++)
		CHECK(sys_unmap(ROOT_SLOT_ASPACE, WINDOW + i * 4096) == 0);
	CHECK(sys_cap_delete(f) == 0);
	CHECK(used_now(POOL) == base);
	return true;
}

/* A frame of the pool mapped in our own address space is unmapped from it;
 * a pool capability kept inside the pool itself does not save it from
 * SYS_POOL_DESTROY; our own pool cannot be destroyed by us. */
bool test_pool_destroy_unmaps_frames(void)
{
	uint64_t base = used_now(POOL);
	slot_t p = child_pool(), f = new_slot(), cs = new_slot();
	uint64_t rights, count, flags;

	CHECK(p != 0);
	CHECK(sys_obj_create(p, CAP_FRAME, f, 2) == 0);
	CHECK(sys_map(ROOT_SLOT_ASPACE, f, WINDOW, RIGHT_READ | RIGHT_WRITE) == 0);
	*(volatile uint64_t *)WINDOW = 7;
	CHECK(sys_obj_create(p, CAP_CSPACE, cs, 0) == 0);
	CHECK(sys_cap_copy(p, cs, 1) == 0);       /* the pool holds itself */
	CHECK(sys_cap_delete(cs) == 0);
	CHECK(sys_pool_destroy(POOL) == -EBUSY);
	CHECK(sys_pool_destroy(f) == -ENOTTY);
	CHECK(sys_pool_destroy(p) == 0);
	CHECK(sys_map_info(ROOT_SLOT_ASPACE, WINDOW, &rights, &count, &flags)
	      == -ENOENT);
	CHECK(sys_map_info(ROOT_SLOT_ASPACE, WINDOW + 4096, &rights, &count,
			   &flags) == -ENOENT);
	CHECK(sys_cap_identify(f, 0, 0) == -EBADF);
	CHECK(used_now(POOL) == base);
	return true;
}

/* Pools carved from pools, 100 deep, each kept alive only by a cycle of
 * its own (two capability spaces holding each other and the pool):
 * destroying the outermost destroys them all (iteratively: users choose
 * the depth). */
bool test_pool_nested_destroyed(void)
{
	const int depth = 100;
	uint64_t base = used_now(POOL);
	slot_t top = new_slot(), s[2] = { new_slot(), new_slot() };
	slot_t a = new_slot(), b = new_slot(), prev = top;

	CHECK(sys_obj_create(POOL, CAP_MEMPOOL, top, 4 << 20) == 0);
	for (int i = 0; i < depth; i++) {
		slot_t cur = s[i % 2];
		CHECK(sys_obj_create(prev, CAP_MEMPOOL, cur,
				     (4 << 20) - (i + 1) * 32768) == 0);
		CHECK(sys_obj_create(cur, CAP_CSPACE, a, 0) == 0);
		CHECK(sys_obj_create(cur, CAP_CSPACE, b, 0) == 0);
		CHECK(sys_cap_copy(a, b, 1) == 0);
		CHECK(sys_cap_copy(b, a, 1) == 0);
		CHECK(sys_cap_copy(cur, a, 2) == 0);
		CHECK(sys_cap_delete(a) == 0);
		CHECK(sys_cap_delete(b) == 0);
		if (prev != top)
			CHECK(sys_cap_delete(prev) == 0);
		prev = cur;
	}
	CHECK(sys_cap_delete(prev) == 0);
	CHECK(used_now(POOL) > base + depth * 2 * 8192);
	CHECK(sys_pool_destroy(top) == 0);
	CHECK(used_now(POOL) == base);
	return true;
}

/* A thread whose pool's last capability is in its own capability space
 * deletes it: it ends itself, and everything comes back. */
static volatile slot_t self_pool_slot;

static long delete_own_pool(void *arg)
{
	(void)arg;
	sys_cap_delete(self_pool_slot);
	for (;;)
		sys_yield();     /* not reached: the deletion ended us */
}

bool test_pool_task_destroys_its_own(void)
{
	uint64_t base = used_now(POOL);
	slot_t p = child_pool(), t = new_slot(), f = new_slot();
	struct clone_args a = { .flags = CLONE_VM, .pool = p, .dst = t,
				.sp = WINDOW + 0x2000 };

	CHECK(p != 0);
	CHECK(sys_obj_create(POOL, CAP_FRAME, f, 4) == 0);
	CHECK(sys_map(ROOT_SLOT_ASPACE, f, WINDOW, RIGHT_READ | RIGHT_WRITE) == 0);
	self_pool_slot = p;
	/* Without CLONE_CAPS the thread's space is a copy of ours (charged
	 * to p), with its own capability to p in the same slot. */
	CHECK(pith_thread_clone(ROOT_SLOT_TASK, &a, delete_own_pool, 0) == 0);
	CHECK(sys_cap_delete(p) == 0);
	CHECK(used_now(POOL) > base + 4 * 4096);
	for (int i = 0; i < 1000 && sys_cap_identify(t, 0, 0) != -EBADF; i++)
		sys_yield();
	CHECK(sys_cap_identify(t, 0, 0) == -EBADF);
	for (int i = 0; i < 4; i++)
		CHECK(sys_unmap(ROOT_SLOT_ASPACE, WINDOW + i * 4096) == 0);
	CHECK(sys_cap_delete(f) == 0);
	CHECK(used_now(POOL) == base);
	return true;
}

/* Page tables that unmapping empties are freed and their charge refunded. */
bool test_unmap_frees_page_tables(void)
{
	const uint64_t far = 0x2000000000ull;  /* a root entry nobody uses */
	slot_t f = new_slot();

	CHECK(sys_obj_create(POOL, CAP_FRAME, f, 1) == 0);
	uint64_t before = used_now(POOL);
	CHECK(sys_map(ROOT_SLOT_ASPACE, f, far, RIGHT_READ) == 0);
	CHECK(used_now(POOL) > before);             /* new tables charged */
	CHECK(sys_unmap(ROOT_SLOT_ASPACE, far) == 0);
	CHECK(used_now(POOL) == before);
	CHECK(sys_cap_delete(f) == 0);
	return true;
}

/* CapSpaces come in sizes: the default, or a power of two from 128 to
 * 65536 slots; the root task's has ROOT_CSPACE_SLOTS. Each costs its
 * table, charged to the pool, and slots past the end are -EBADF. */
bool test_cspace_sizes(void)
{
	uint64_t base = used_now(POOL);
	slot_t cs = new_slot(), n = new_slot();

	CHECK(bi->cspace_slots == ROOT_CSPACE_SLOTS);
	CHECK(sys_obj_create(POOL, CAP_NOTIFICATION, n, 0) == 0);
	CHECK(sys_cap_copy(n, 0, ROOT_CSPACE_SLOTS - 1) == 0);  /* the last */
	CHECK(sys_cap_copy(n, 0, ROOT_CSPACE_SLOTS) == -EBADF);
	CHECK(sys_cap_delete(ROOT_CSPACE_SLOTS - 1) == 0);
	CHECK(sys_obj_create(POOL, CAP_CSPACE, cs, 100) == -EINVAL);
	CHECK(sys_obj_create(POOL, CAP_CSPACE, cs, 64) == -EINVAL);
	CHECK(sys_obj_create(POOL, CAP_CSPACE, cs, 131072) == -EINVAL);
	CHECK(sys_obj_create(POOL, CAP_CSPACE, cs, 128) == 0);
	CHECK(used_now(POOL) >= base + 4096);   /* one page of slots */
	CHECK(used_now(POOL) < base + 2 * 4096);
	CHECK(sys_cap_copy(n, cs, 127) == 0);
	CHECK(sys_cap_copy(n, cs, 128) == -EBADF);
	CHECK(sys_cap_delete(cs) == 0);
	CHECK(sys_obj_create(POOL, CAP_CSPACE, cs, 65536) == 0);
	CHECK(used_now(POOL) >= base + 2 * 1024 * 1024);
	CHECK(sys_cap_copy(n, cs, 65535) == 0);
	CHECK(sys_cap_delete(cs) == 0);
	CHECK(sys_cap_delete(n) == 0);
	CHECK(used_now(POOL) == base);
	return true;
}
