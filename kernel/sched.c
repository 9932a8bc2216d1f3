/*
 * The scheduler: fixed-priority preemptive run queues (kernel/runq.c),
 * levels 0..SCHED_PRIO_MAX, higher first, round robin within a level by a
 * per-task quantum in ticks (0: FIFO, no time slice). Tasks with a
 * scheduler endpoint are taken off the CPU when their quantum is used up
 * and their scheduler gets a report (Minix 3's SCHED pattern); the policy
 * lives there, not here. docs/scheduling.md has the whole picture.
 *
 * The kernel runs with interrupts disabled, so a switch only happens
 * where the kernel blocks (task_block), yields, hands the CPU over in IPC
 * (sched_handoff) or returns to user mode with sched_need_resched set
 * (user_return): by the tick when the quantum is used up, or by a wake-up
 * of a task with a higher priority than current. When nothing is runnable
 * the idle loop runs on the boot stack.
 *
 * Entry points: sched_enqueue, sched_remove, schedule, sched_handoff,
 * sched_handoff_user, sched_resume_user, task_block, task_wake, sched_suspend, sched_resume, timer_tick,
 * user_return, sched_idle_loop, and the calls SYS_SCHED_SET and
 * SYS_TASK_INFO.
 */
#include "aspace.h"
#include "cspace.h"
#include "ipc.h"
#include "panic.h"
#include "sched.h"
#include "timer.h"
#include "uapi/errno.h"
#include "uapi/ipc.h"
#include "uapi/task.h"
#include "usercopy.h"

struct task *current;

struct runq sched_runq;               /* sched.h: read-only outside */
static struct arch_context idle_ctx;
bool sched_need_resched;       /* current should leave the CPU (sched.h) */
static struct task *dead_task;   /* freed once we are off its stack */

/* A FIFO task's ticks_left is never counted down; it is kept nonzero. */
#define FIFO_TICKS_LEFT 1u

void sched_set_params(struct task *t, unsigned prio, unsigned quantum)
{
	t->prio = prio;
	t->quantum = quantum;
	t->ticks_left = quantum ? quantum : FIFO_TICKS_LEFT;
}

void sched_task_init(struct task *t)
{
	/* A task's ceiling is its creator's (the root task, made by the
	 * kernel, gets the highest); its priority starts at the default or
	 * at the ceiling if that is lower. */
	t->mcp = current ? current->mcp : SCHED_PRIO_MAX;
	sched_set_params(t, MIN(SCHED_PRIO_DEFAULT, t->mcp), TASK_QUANTUM_TICKS);
}

/* Is a runnable task waiting with a higher priority than prio? */
static bool higher_waiting(unsigned prio)
{
	return runq_any_above(&sched_runq, prio);
}

void sched_enqueue(struct task *t)
{
	t->state = TASK_RUNNABLE;
	/* A suspended task is parked: runnable, but not on the run queue
	 * until sched_resume. */
	if (t->suspended || runq_contains(&sched_runq, t))
		return;
	runq_push(&sched_runq, t);
	if (current && t != current && t->prio > current->prio)
		sched_need_resched = true;
}

void sched_remove(struct task *t)
{
	if (!runq_remove(&sched_runq, t))
		tqueue_remove(t);
}

void sched_suspend(struct task *t)
{
	t->suspended = true;
	runq_remove(&sched_runq, t);
	if (t == current)
		sched_need_resched = true;
}

void sched_resume(struct task *t)
{
	t->suspended = false;
	if (t->state == TASK_RUNNABLE && t != current && !t->queue)
		sched_enqueue(t);
}

void sched_defer_free(struct task *t)
{
	assert(!dead_task);
	dead_task = t;
}

void sched_reap(void)
{
	struct task *t = dead_task;

	if (t && t != current) {
		dead_task = NULL;
		obj_put(&t->hdr);
	}
}

static inline __attribute__((always_inline)) void switch_to(struct arch_context *from, struct task *next)
{
	sched_switch_prepare(next);
	arch_context_switch(from, next ? &next->ctx : &idle_ctx);
	sched_reap();
}

void schedule(void)
{
	struct task *prev = current;
	struct task *next = runq_pop(&sched_runq);

	/* Whoever runs next is the best choice there is: nothing is owed. */
	sched_need_resched = false;
	if (next == prev)
		return;
	switch_to(prev ? &prev->ctx : &idle_ctx, next);
}

void sched_handoff(struct task *next)
{
	/* current is blocked (not on the run queue); next, blocked until now
	 * and on no queue, gets the CPU at once, without a trip through the
	 * run queue, unless that would run it ahead of a higher priority (or
	 * it is suspended). */
	if (!sched_can_handoff(next)) {
		sched_enqueue(next);
		schedule();
		return;
	}
	next->state = TASK_RUNNABLE;
	sched_need_resched = false;
	switch_to(&current->ctx, next);
}

/* A task that left through sched_handoff_user is switched to by
 * arch_context_switch (a slow-path waker): finish its system call as
 * syscall_dispatch would have (the result is what task_wake handed over). */
void sched_resume_user(struct trap_frame *tf)
{
	sched_reap();
	if (!current->regs_replaced)   /* as in syscall_dispatch */
		arch_syscall_regs(tf)->r[0] = (uint64_t)(long)current->wake_err;
	user_return(tf);
}

int task_block(enum task_state state, struct tqueue *q)
{
	current->state = state;
	if (q)
		tqueue_push(q, current);
	schedule();
	return current->wake_err;
}

void task_wake(struct task *t, int err)
{
	sched_remove(t);
	t->wake_err = err;
	/* In the frame at once too, so that SYS_TASK_GET_REGS of a task woken
	 * but not yet back in user mode shows its call's result (a signal
	 * frame written then keeps it; docs/signals.md). */
	if (t->sys)
		t->sys->r[0] = (uint64_t)(long)err;
	sched_enqueue(t);
}

void timer_tick(bool from_user)
{
	struct task *t = current;

	timer_ticks++;
	timer_expire();
	if (!t)
		return;
	/* Sampled accounting: the whole tick goes to whoever it caught. The
	 * kernel runs with interrupts off, so a kernel-mode tick with a task
	 * current is rare; stime is a lower bound. */
	if (from_user)
		t->utime++;
	else
		t->stime++;
	t->ticks_used++;
	timer_cpu_charged(t);
	if (t->quantum && (t->ticks_left == 0 || --t->ticks_left == 0))
		sched_need_resched = true;
}

/* Parameters a scheduler asked for, checked against the task's ceiling. */
static int check_params(uint64_t prio, uint64_t quantum, unsigned ceiling)
{
	if (prio > SCHED_PRIO_MAX || quantum > SCHED_QUANTUM_MAX)
		return -EINVAL;
	if (prio > ceiling)
		return -EPERM;
	return 0;
}

/*
 * current used up its quantum. With a scheduler endpoint, the report is a
 * call the kernel makes for the task (like a fault): the task waits, on
 * no run queue, until its scheduler answers: SCHED_REPLY_SET with a new
 * priority and quantum (at most the task's ceiling), or any other label to
 * go on as it is (SYS_SCHED_SET may have changed it meanwhile). Whatever
 * order things happen in (scheduler waiting, busy, answering later
 * through a saved Reply, dropping the call, dying) the task gets exactly
 * one outcome and cannot wait for an answer that already came. Then it
 * goes to the tail of its level with a full quantum.
 */
static void quantum_expired(struct task *t)
{
	if (t->sched_ep) {
		uint64_t used = t->ticks_used;

		t->ticks_used = 0;
		int err = ipc_kernel_send(t->sched_ep, t->sched_badge,
					  MSG_INFO(SCHED_MSG_EXPIRED, 3, 0),
					  used, t->utime, t->stime, true);
		const struct sysregs *k = &t->kmsg;
		if (!err && MSG_LABEL(k->r[2]) == SCHED_REPLY_SET &&
		    !check_params(k->r[3], k->r[4], t->mcp))
			sched_set_params(t, (unsigned)k->r[3], (unsigned)k->r[4]);
	}
	t->ticks_left = t->quantum ? t->quantum : FIFO_TICKS_LEFT;
	sched_enqueue(t);
	schedule();
}

/* The work of user_return, kept out of line: the common case (nothing to
 * do) must not pay for this function's register saves. */
static __attribute__((noinline)) void resched(void)
{
	while (sched_need_resched) {
		struct task *t = current;

		sched_need_resched = false;
		if (doomed_pools)
			pool_reclaim_pending();   /* may end current */
		if (t->suspended) {
			schedule();   /* runnable, not queued: parked */
		} else if (t->quantum && t->ticks_left == 0) {
			quantum_expired(t);
		} else if (higher_waiting(t->prio)) {
			/* Preempted mid-turn: keep the place and the rest of
			 * the quantum. */
			runq_push_head(&sched_runq, t);
			schedule();
		}
	}
}

void user_return(struct trap_frame *tf)
{
	(void)tf;
	if (sched_need_resched)
		resched();
}

void sched_kernel_work(void)
{
	sched_need_resched = true;
}

noreturn void sched_idle_loop(void)
{
	for (;;) {
		arch_irq_disable();
		if (doomed_pools)
			pool_reclaim_pending();
		struct task *next = runq_pop(&sched_runq);
		if (next)
			switch_to(&idle_ctx, next);
		else
			arch_cpu_idle();
	}
}

/* ---- system calls --------------------------------------------------------- */

/* SYS_SCHED_SET(task, prio, quantum, mcp): see docs/scheduling.md. The
 * caller's own ceiling bounds both the priority and the ceiling it gives;
 * mcp SCHED_MCP_KEEP leaves the task's ceiling as it is. */
long sys_sched_set(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_TASK,
				      RIGHT_CONTROL);
	uint64_t prio = r->r[1], quantum = r->r[2], mcp = r->r[3];
	struct task *t;
	int err;

	if (c.err)
		return c.err;
	t = (struct task *)c.cap->obj;
	err = check_params(prio, quantum, current->mcp);
	if (!err && mcp != SCHED_MCP_KEEP)
		err = mcp > SCHED_PRIO_MAX ? -EINVAL
			: mcp > current->mcp ? -EPERM : 0;
	if (err)
		return err;
	if (t->state == TASK_DEAD)
		return -ESRCH;
	if (mcp != SCHED_MCP_KEEP)
		t->mcp = (unsigned)mcp;
	bool queued = runq_remove(&sched_runq, t);
	sched_set_params(t, (unsigned)prio, (unsigned)quantum);
	if (queued)
		sched_enqueue(t);          /* the tail of its new level */
	else if (t == current && higher_waiting(t->prio))
		sched_need_resched = true;       /* lowered below a waiting task */
	return 0;
}

static uint64_t info_state(const struct task *t)
{
	switch (t->state) {
	case TASK_INACTIVE: return TASK_INFO_INACTIVE;
	case TASK_RUNNABLE: return TASK_INFO_RUNNABLE;
	case TASK_DEAD: return TASK_INFO_DEAD;
	default: return TASK_INFO_BLOCKED;
	}
}

/* SYS_TASK_INFO(task, struct task_info *). */
long sys_task_info(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_TASK,
				      RIGHT_READ);

	if (c.err)
		return c.err;
	struct task *t = (struct task *)c.cap->obj;
	struct task_info ti = {
		.state = info_state(t),
		.suspended = t->suspended,
		.prio = t->prio,
		.quantum = t->quantum,
		.utime = t->utime,
		.stime = t->stime,
		.mcp = t->mcp,
		.ipc_fast = t->ipc_fast,
	};
	return copy_to_user(r->r[1], &ti, sizeof(ti));
}
