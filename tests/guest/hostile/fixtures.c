/*
 * The sweep's fixtures (sweep.h lists them): objects of every type, a
 * suspended thread, an inactive task, a dead one, a Reply capability for a
 * thread's pending call, and pages of our own: writable, read-only next to
 * it, then nothing. Made before each sweep test, deleted after it.
 */
#include <string.h>

#include "sweep.h"

static volatile long caller_rc = 1;

static long call_and_wait(void *arg)
{
	struct msg m;

	(void)arg;
	caller_rc = sys_call(F_EP_W, MSG_INFO(9, 0, 0), 0, 0, 0, &m);
	return 0;
}

static long nothing(void *arg)
{
	(void)arg;
	return 0;
}

static uint64_t stack_top(unsigned n)
{
	return STACKS + (n + 1) * 4 * 4096ull;
}

long thread(slot_t dst, unsigned stack, uint64_t flags,
		   long (*fn)(void *), void *arg)
{
	struct clone_args a = {
		.flags = CLONE_VM | CLONE_CAPS | flags, .pool = POOL, .dst = dst,
		.sp = stack_top(stack),
	};

	return pith_thread_clone(ROOT_SLOT_TASK, &a, fn, arg);
}

/* While F_CALLER's call waits for its answer: reply_save's destination
 * (checked only then) and pool, then the save that makes F_REPLY. */
static bool reply_save_rows(void)
{
	static const struct { uint64_t pool, dst; long want; } v[] = {
		{ F_POOL, 0, -EBADF }, { F_POOL, ROOT_CSPACE_SLOTS, -EBADF },
		{ F_POOL, ~0ull, -EBADF }, { F_POOL, F_BUSY, -EEXIST },
		{ 0, F_REPLY, -EBADF }, { F_EP, F_REPLY, -ENOTTY },
		{ F_POOL_RO, F_REPLY, -EPERM },
	};
	uint64_t used = pool_used(F_POOL);

	for (unsigned i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		long got = sys_reply_save(v[i].pool, v[i].dst);
		if (got != v[i].want)
			printf("  reply_save(%llu, %llu): got %ld, want %ld\n",
			       (unsigned long long)v[i].pool,
			       (unsigned long long)v[i].dst, got, v[i].want);
		CHECK(got == v[i].want);
	}
	CHECK(pool_used(F_POOL) == used);
	return true;
}

bool fixture_make(void)
{
	CHECK(bi->first_free_slot <= F_POOL);
	CHECK(sys_obj_create(POOL, CAP_MEMPOOL, F_POOL, 256 * 1024) == 0);
	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, F_EP, 0) == 0);
	CHECK(sys_cap_mint(F_EP, 0, F_EP_W, RIGHT_WRITE | RIGHT_GRANT, 0x42) == 0);
	CHECK(sys_cap_mint(F_EP, 0, F_EP_RO, RIGHT_READ, 0) == 0);
	CHECK(sys_obj_create(POOL, CAP_NOTIFICATION, F_NTFN, 0) == 0);
	CHECK(sys_cap_copy(F_NTFN, 0, F_MOVESRC) == 0);
	CHECK(sys_obj_create(POOL, CAP_FRAME, F_FRAME, 1) == 0);
	CHECK(sys_cap_mint(F_FRAME, 0, F_FRAME_RO, RIGHT_READ, 0) == 0);
	CHECK(sys_cap_mint(F_POOL, 0, F_POOL_RO, RIGHT_READ, 0) == 0);
	CHECK(sys_obj_create(POOL, CAP_ASPACE, F_ASPACE, 0) == 0);
	CHECK(sys_map(F_ASPACE, F_FRAME, F_VA, RIGHT_READ | RIGHT_WRITE) == 0);
	CHECK(sys_map(F_ASPACE, F_FRAME, F_VA_RO, RIGHT_READ) == 0);
	CHECK(sys_obj_create(POOL, CAP_CSPACE, F_CSPACE, 0) == 0);
	CHECK(sys_obj_create(POOL, CAP_TASK, F_INACT, 0) == 0);
	CHECK(sys_obj_create(POOL, CAP_FRAME, F_P0, 1) == 0);
	CHECK(sys_obj_create(POOL, CAP_FRAME, F_P1, 1) == 0);
	CHECK(sys_map(ROOT_SLOT_ASPACE, F_P0, P0, RIGHT_READ | RIGHT_WRITE) == 0);
	CHECK(sys_map(ROOT_SLOT_ASPACE, F_P1, P1, RIGHT_READ) == 0);
	CHECK(sys_obj_create(POOL, CAP_FRAME, F_STACKS, 16) == 0);
	CHECK(sys_map(ROOT_SLOT_ASPACE, F_STACKS, STACKS, RIGHT_READ | RIGHT_WRITE) == 0);
	/* An endpoint nobody can receive on. */
	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, F_SCRATCH, 0) == 0);
	CHECK(sys_cap_mint(F_SCRATCH, 0, F_DEADEP_W, RIGHT_WRITE, 0) == 0);
	CHECK(sys_cap_delete(F_SCRATCH) == 0);
	/* Threads: one never run, one dead, one waiting for our answer. */
	CHECK(thread(F_CHILD, 0, CLONE_STOPPED, nothing, 0) == 0);
	CHECK(thread(F_DEAD, 1, 0, nothing, 0) == 0);
	CHECK(wait_dead(F_DEAD, 1000));
	CHECK(thread(F_CALLER, 2, 0, call_and_wait, 0) == 0);
	struct msg m;
	CHECK(sys_recv(F_EP, &m) == 0);          /* its call */
	CHECK(m.badge == 0x42 && MSG_LABEL(m.info) == 9);
	CHECK(reply_save_rows());
	CHECK(sys_reply_save(F_POOL, F_REPLY) == 0);
	memset((void *)P0, '.', 4096);
	return true;
}

bool fixture_drop(void)
{
	/* F_CALLER gets its answer and ends. */
	CHECK(sys_reply_to(F_REPLY, MSG_INFO(0, 0, 0), 0, 0, 0, 0) == 0);
	CHECK(wait_dead(F_CALLER, 1000));
	CHECK(caller_rc == 0);
	CHECK(sys_task_kill(F_CHILD) == 0);
	for (int i = 0; i < 16; i++)
		sys_unmap(ROOT_SLOT_ASPACE, STACKS + i * 4096ull);
	sys_unmap(ROOT_SLOT_ASPACE, P0);
	sys_unmap(ROOT_SLOT_ASPACE, P1);
	for (slot_t s = F_POOL; s < F_LAST; s++)
		sys_cap_delete(s);
	return true;
}

/* Page tables of our own space, once made, stay until the space dies:
 * make the fixtures once before measuring, so that only the sweep's own
 * effect is measured. */
bool fixture_settle(void)
{
	static bool done;

	if (!done) {
		CHECK(fixture_make());
		CHECK(fixture_drop());
	}
	done = true;
	return true;
}

