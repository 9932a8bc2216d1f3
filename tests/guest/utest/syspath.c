/*
 * utest's system-call path tests: whichever way the kernel takes in and
 * out of a system call (a lean call, which saves only the registers a C
 * call may change; the IPC fast path, which hands the CPU over without a
 * kernel context switch; the trampoline a task blocked on the fast path
 * resumes through when the slow path wakes it), every register the ABI
 * keeps comes back intact, and another task reading the registers of a
 * task that is off the CPU in the middle of a system call sees them all.
 * The register work is per-arch assembly (gpregs.h, arch/<arch>/gpregs.S).
 */
#include <pith/syscall.h>

#include "gpregs.h"
#include "utest.h"

#define STACK_WAITER 7
#define STACK_SERVER 8
#define SEED 0x5a17ul

/* What the other thread saw: 0 all registers as filled, 1 + i register i
 * wrong, -1 nothing yet, -2 SYS_TASK_GET_REGS failed. */
static volatile long seen;
static slot_t ntfn, ep;

static long regs_of_root_match(unsigned long seed)
{
	struct user_regs r;

	if (sys_task_get_regs(ROOT_SLOT_TASK, &r))
		return -2;
	for (int i = 0; i < 32; i++)
		if ((GPREGS_KEPT >> i & 1) && r.gpr[i] != seed * 64 + (unsigned)i)
			return i + 1;
	return 0;
}

static bool blocked(slot_t t)
{
	struct task_info ti;

	return sys_task_info(t, &ti) == 0 && ti.state == TASK_INFO_BLOCKED;
}

static long waiter(void *seed)
{
	uint64_t bits;

	if (sys_wait(ntfn, &bits) == 0)
		seen = regs_of_root_match((unsigned long)(uintptr_t)seed);
	return 0;
}

/* A lean call (SYS_SIGNAL) wakes a task of a higher priority, so the
 * kernel switches to it on the way out: that task must find our whole
 * frame, and we our registers when we run again. */
bool test_lean_call_switch_keeps_registers(void)
{
	slot_t t = new_slot(), f = new_slot();
	uint64_t top = new_stack(f, STACK_WAITER);
	struct clone_args a = {
		.flags = CLONE_VM | CLONE_CAPS, .pool = POOL, .dst = t,
		.sp = top,
	};
	struct task_info me;
	long ret = -1;

	ntfn = new_slot();
	seen = -1;
	CHECK(top != 0);
	CHECK(sys_obj_create(POOL, CAP_NOTIFICATION, ntfn, 0) == 0);
	CHECK(sys_task_info(ROOT_SLOT_TASK, &me) == 0);
	CHECK(pith_thread_clone(ROOT_SLOT_TASK, &a, waiter, (void *)SEED) == 0);
	for (int i = 0; i < 1000 && !blocked(t); i++)
		sys_yield();
	CHECK(blocked(t));
	CHECK(sys_sched_set(t, me.prio + 1, me.quantum) == 0);
	long bad = gpregs_syscall(SEED, SYS_SIGNAL, ntfn, 0, 0, &ret);
	CHECK(ret == 0);
	CHECK(seen == 0);      /* it ran before we came back, and saw all */
	CHECK(bad == 0);
	CHECK(wait_dead(t));
	sys_cap_delete(t);
	sys_cap_delete(ntfn);
	drop_stack(f, STACK_WAITER);
	return true;
}

enum { OP_CHECK = 1, OP_SLOW_REPLY, OP_SEND, OP_EXIT };
static volatile uint64_t sent;

/* Serves calls from the root task: reads its registers while it waits
 * for the answer, and answers through reply_recv (the fast path) or
 * reply then recv (the slow one). */
static long server(void *arg)
{
	struct msg m;
	long err = sys_recv(ep, &m);

	(void)arg;
	while (!err) {
		uint64_t op = MSG_LABEL(m.info);

		if (op == OP_SEND) {
			sent = m.w[0];
			err = sys_recv(ep, &m);
			continue;
		}
		seen = regs_of_root_match(m.w[0]);
		if (op == OP_CHECK) {
			err = sys_reply_recv(ep, MSG_INFO(0, 0, 0), 0, 0, 0, &m);
		} else if (op == OP_SLOW_REPLY) {
			err = sys_reply(MSG_INFO(0, 0, 0), 0, 0, 0);
			if (!err)
				err = sys_recv(ep, &m);
		} else {
			return sys_reply(MSG_INFO(0, 0, 0), 0, 0, 0);
		}
	}
	return err;
}

static bool call_checked(unsigned long seed, uint64_t op)
{
	long ret = -1;

	seen = -1;
	long bad = gpregs_syscall(seed, SYS_CALL, ep, MSG_INFO(op, 1, 0), seed,
				  &ret);
	if (bad || ret || seen)
		printf("  utest: op %llu: register %ld wrong, result %ld, "
		       "server saw %ld\n", (unsigned long long)op, bad, ret,
		       (long)seen);
	return bad == 0 && ret == 0 && seen == 0;
}

/* Calls through the IPC fast path in both directions, a slow reply to a
 * caller blocked on the fast path, a slow send to a server blocked on
 * it: the server sees the caller's whole frame each time, and the caller
 * gets its registers back. */
bool test_ipc_paths_keep_registers(void)
{
	slot_t t = new_slot(), f = new_slot();
	uint64_t top = new_stack(f, STACK_SERVER);
	struct clone_args a = {
		.flags = CLONE_VM | CLONE_CAPS, .pool = POOL, .dst = t,
		.sp = top,
	};
	struct task_info before, after;
	long ret = -1;

	ep = new_slot();
	CHECK(top != 0);
	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, ep, 0) == 0);
	CHECK(pith_thread_clone(ROOT_SLOT_TASK, &a, server, 0) == 0);
	for (int i = 0; i < 1000 && !blocked(t); i++)
		sys_yield();
	CHECK(sys_task_info(ROOT_SLOT_TASK, &before) == 0);
	for (unsigned long i = 0; i < 4; i++)
		CHECK(call_checked(SEED + i, OP_CHECK));
	CHECK(sys_task_info(ROOT_SLOT_TASK, &after) == 0);
	CHECK(after.ipc_fast >= before.ipc_fast + 4);
	/* Answered by SYS_REPLY: we resume through the trampoline. */
	CHECK(call_checked(SEED + 10, OP_SLOW_REPLY));
	CHECK(call_checked(SEED + 11, OP_CHECK)); /* server back on the fast path */
	/* A send wakes the server from its fast-path reply_recv. */
	sent = 0;
	CHECK(gpregs_syscall(SEED + 12, SYS_SEND, ep, MSG_INFO(OP_SEND, 1, 0),
			     0x5e4d, &ret) == 0);
	CHECK(ret == 0);
	for (int i = 0; i < 1000 && sent == 0; i++)
		sys_yield();
	CHECK(sent == 0x5e4d);
	CHECK(call_checked(SEED + 13, OP_EXIT));
	CHECK(wait_dead(t));
	sys_cap_delete(t);
	sys_cap_delete(ep);
	drop_stack(f, STACK_SERVER);
	return true;
}
