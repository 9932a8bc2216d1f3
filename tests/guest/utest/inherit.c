/*
 * utest's tests of what a clone inherits from its source: the fault
 * endpoint (CLONE_PAGER) and the scheduler endpoint with priority and
 * quantum (CLONE_SCHED), each against a clone that takes the endpoint
 * named in its arguments instead. The source is the worker, waiting in a
 * call to us (W_MODE_HOLD); its clones return from that call with
 * WORKER_CHILD.
 */
#include "utest.h"
#include "worker.h"

#define BAD_SP 0x60000000ull    /* unmapped in the worker's space */
#define SCHED_SRC 0x5c          /* the worker's scheduler endpoint badge */
#define SCHED_ARG 0x5d          /* the one in clone_args */

/* Clone the worker, stopped, sharing its spaces. */
static long clone_worker(struct spawn *s, slot_t dst, uint64_t flags,
			 slot_t fault_ep, slot_t sched_ep, uint64_t sp)
{
	struct clone_args a = {
		.flags = CLONE_VM | CLONE_CAPS | CLONE_STOPPED | flags,
		.pool = POOL, .dst = dst, .retval = WORKER_CHILD,
		.fault_ep = fault_ep, .sched_ep = sched_ep, .sp = sp,
	};

	return sys_task_clone(s->task, &a);
}

/* Resume t; the next message on ep is its fault: check who it seems to
 * come from, answer FAULT_KILL. */
static bool fault_badge(slot_t ep, slot_t t, uint64_t badge)
{
	struct msg m;

	CHECK(sys_task_resume(t) == 0);
	CHECK(sys_recv(ep, &m) == 0);
	CHECK(m.badge == badge);
	CHECK(MSG_LABEL(m.info) == FAULT_PAGE);
	CHECK(m.w[0] >= BAD_SP - 4096 && m.w[0] < BAD_SP + 4096);  /* its stack */
	CHECK(sys_reply(MSG_INFO(FAULT_KILL, 0, 0), 0, 0, 0) == 0);
	CHECK(wait_dead(t));
	return true;
}

/* The clones run on an unmapped stack and fault at once: with CLONE_PAGER
 * the fault reaches the worker's handler with the worker's badge; without
 * it, the endpoint of clone_args with its badge. */
bool test_clone_pager(void)
{
	struct spawn s;
	slot_t ep = new_slot(), fc = new_slot(), t0 = new_slot(), t1 = new_slot();
	struct msg m;

	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, ep, 0) == 0);
	CHECK(sys_cap_mint(ep, 0, fc, RIGHT_WRITE, FAULT_CHILD) == 0);
	CHECK(start_worker(&s, ep, true, W_MODE_HOLD) == 0);
	CHECK(sys_recv(ep, &m) == 0);
	CHECK(m.badge == REPORTS && MSG_LABEL(m.info) == W_INFO);
	CHECK(clone_worker(&s, t0, CLONE_PAGER, fc, 0, BAD_SP) == 0);
	CHECK(clone_worker(&s, t1, 0, fc, 0, BAD_SP) == 0);
	CHECK(sys_reply(MSG_INFO(0, 1, 0), 0, 0, 0) == 0);  /* it exits */
	CHECK(answer_exits(ep, 1));
	CHECK(wait_dead(s.task));
	CHECK(fault_badge(ep, t0, FAULT_PARENT));
	CHECK(fault_badge(ep, t1, FAULT_CHILD));
	drop_worker(&s);
	sys_cap_delete(t0);
	sys_cap_delete(t1);
	sys_cap_delete(fc);
	sys_cap_delete(ep);
	return true;
}

/* Resume t (below us); it spins until its quantum is used up: the report
 * arrives on ep with the badge of the endpoint it has. */
static bool report_badge(slot_t ep, slot_t t, uint64_t badge)
{
	struct msg m;

	CHECK(sys_task_resume(t) == 0);
	CHECK(sys_recv(ep, &m) == 0);
	CHECK(m.badge == badge);
	CHECK(MSG_LABEL(m.info) == SCHED_MSG_EXPIRED);
	CHECK(sys_task_kill(t) == 0);
	CHECK(task_dead(t));
	return true;
}

/* With CLONE_SCHED the clone has the worker's scheduler endpoint,
 * priority and quantum; without, the endpoint of clone_args and the
 * defaults. */
bool test_clone_sched(void)
{
	struct spawn s;
	slot_t ep = new_slot(), src = new_slot(), arg = new_slot();
	slot_t t0 = new_slot(), t1 = new_slot();
	struct task_info ti;
	struct msg m;

	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, ep, 0) == 0);
	CHECK(sys_cap_mint(ep, 0, src, RIGHT_WRITE, SCHED_SRC) == 0);
	CHECK(sys_cap_mint(ep, 0, arg, RIGHT_WRITE, SCHED_ARG) == 0);
	CHECK(start_worker(&s, ep, false, W_MODE_HOLD) == 0);
	CHECK(sys_recv(ep, &m) == 0);
	CHECK(m.badge == REPORTS && MSG_LABEL(m.info) == W_INFO);
	CHECK(sys_task_set_ep(s.task, 0, src) == 0);
	CHECK(sys_sched_set(s.task, 59, 1) == 0);     /* just below us */
	CHECK(clone_worker(&s, t0, CLONE_SCHED, 0, arg, 0) == 0);
	CHECK(clone_worker(&s, t1, 0, 0, arg, 0) == 0);
	CHECK(sys_task_kill(s.task) == 0);            /* the clones stay */
	CHECK(sys_task_info(t0, &ti) == 0);
	CHECK(ti.prio == 59 && ti.quantum == 1 && ti.suspended == 1);
	CHECK(sys_task_info(t1, &ti) == 0);
	CHECK(ti.prio == 60 && ti.quantum == 5);
	CHECK(report_badge(ep, t0, SCHED_SRC));
	CHECK(report_badge(ep, t1, SCHED_ARG));
	drop_worker(&s);
	sys_cap_delete(t0);
	sys_cap_delete(t1);
	sys_cap_delete(src);
	sys_cap_delete(arg);
	sys_cap_delete(ep);
	return true;
}

/* A thread that returns: libc ends it with SYS_TASK_EXIT(its value). */
static long return_code(void *arg)
{
	return (long)(uintptr_t)arg;
}

/* SYS_TASK_EXIT of a task with a fault endpoint: its handler first gets a
 * FAULT_EXIT call with the code, and the task is dead only once answered.
 * clone's cspace_dst gives a capability to the clone's own (copied) space;
 * with CLONE_CAPS that space is ours, which cannot hold itself. */
bool test_exit_reaches_pager_and_cspace_dst(void)
{
	slot_t ep = new_slot(), fc = new_slot(), t = new_slot(), cs = new_slot();
	slot_t f = new_slot();
	uint64_t top = WINDOW + 4 * 4096;
	struct msg m;
	struct task_info ti;

	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, ep, 0) == 0);
	CHECK(sys_cap_mint(ep, 0, fc, RIGHT_WRITE, FAULT_CHILD) == 0);
	CHECK(sys_obj_create(POOL, CAP_FRAME, f, 4) == 0);
	CHECK(sys_map(ROOT_SLOT_ASPACE, f, WINDOW, RIGHT_READ | RIGHT_WRITE) == 0);
	struct clone_args a = { .flags = CLONE_VM, .pool = POOL, .dst = t,
				.sp = top, .fault_ep = fc, .cspace_dst = cs };
	CHECK(pith_thread_clone(ROOT_SLOT_TASK, &a, return_code, (void *)42) == 0);
	uint64_t rights;
	CHECK(sys_cap_identify(cs, &rights, 0) == CAP_CSPACE);
	CHECK(sys_cap_copy(ep, cs, 200) == 0);   /* we may edit its space */
	CHECK(sys_recv(ep, &m) == 0);
	CHECK(m.badge == FAULT_CHILD && MSG_LABEL(m.info) == FAULT_EXIT);
	CHECK(m.w[0] == 42);
	CHECK(sys_task_info(t, &ti) == 0 && ti.state == TASK_INFO_BLOCKED);
	CHECK(sys_reply(MSG_INFO(0, 0, 0), 0, 0, 0) == 0);
	CHECK(wait_dead(t));
	CHECK(sys_cap_delete(t) == 0 && sys_cap_delete(cs) == 0);
	/* With CLONE_CAPS the clone's space is ours: refused, nothing made. */
	struct clone_args b = { .flags = CLONE_VM | CLONE_CAPS | CLONE_STOPPED,
				.pool = POOL, .dst = t, .sp = top, .cspace_dst = cs };
	CHECK(pith_thread_clone(ROOT_SLOT_TASK, &b, return_code, 0) == -EINVAL);
	CHECK(sys_cap_identify(t, 0, 0) == -EBADF);
	CHECK(sys_cap_identify(cs, 0, 0) == -EBADF);
	b.cspace_dst = t;
	CHECK(pith_thread_clone(ROOT_SLOT_TASK, &b, return_code, 0) == -EBADF);
	for (int i = 0; i < 4; i++)
		CHECK(sys_unmap(ROOT_SLOT_ASPACE, WINDOW + i * 4096) == 0);
	sys_cap_delete(f);
	sys_cap_delete(fc);
	sys_cap_delete(ep);
	return true;
}
