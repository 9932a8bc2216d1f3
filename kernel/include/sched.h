/*
 * The scheduler's interface beyond the basics in task.h (kernel/sched.c):
 * per-task priority and quantum, suspension, and the scheduling system
 * calls. docs/scheduling.md describes the mechanism as a whole.
 */
#ifndef PITH_SCHED_H
#define PITH_SCHED_H

#include "aspace.h"
#include "runq.h"
#include "task.h"

/* Run queue and switching (kernel/sched.c). */
void sched_enqueue(struct task *t);
void sched_remove(struct task *t);
/* Give up the CPU: current is not runnable (blocked or dead) or has been
 * re-queued. Returns when current runs again. */
void schedule(void);
/* Free a dead task once the CPU has left its kernel stack. */
void sched_defer_free(struct task *t);
void sched_reap(void);
/* Work is waiting for a safe point (a doomed pool): make the next return
 * to user mode go through the scheduler, which does it. */
void sched_kernel_work(void);
/* The idle loop: runs tasks forever. Called once by kmain. */
noreturn void sched_idle_loop(void);
/* IPC fast path: current has blocked itself (state set, queued if need
 * be); switch straight to next, which was blocked and whose message
 * (r1..r5) and result (wake_err, which its handler returns) are already in
 * place. Returns when current runs again. */
void sched_handoff(struct task *next);
/* Make next (NULL: the idle loop) the running task: its stack for traps,
 * its address space, its FP registers. The kernel context switch is the
 * caller's. Inline: it is on every switch. */
static inline __attribute__((always_inline)) void sched_switch_prepare(struct task *next)
{
	if (current)
		arch_fpu_leave(&current->fpu, current->tf);
	current = next;
	if (next) {
		arch_set_kernel_stack((uintptr_t)(next->tf + 1));
		aspace_activate(next->as);
		arch_fpu_enter(&next->fpu, next->tf);
	}
}

/*
 * The IPC fast path's switch (docs/architecture.md, "IPC"): as
 * sched_handoff, but current, blocked in a call or reply_recv made
 * through the fast path, keeps nothing on its kernel stack (its system
 * call is over but for the result), so no kernel context is saved: it
 * resumes, when woken, in sched_resume_user. next has its results in its
 * frame (r0..r5) and in wake_err, for whichever way it left the CPU: if
 * it left this way it goes straight back to user mode, else its kernel
 * context resumes. The caller checked sched_can_handoff(next).
 * sched_need_resched needs no clearing: it is never set while a task runs in
 * user mode (every return to user mode goes through user_return or is
 * this). Inline: it is the end of the fast path.
 */
static inline __attribute__((always_inline)) noreturn void
sched_handoff_user(struct task *next)
{
	struct task *prev = current;

	next->state = TASK_RUNNABLE;
	sched_switch_prepare(next);
	arch_context_leave(&prev->ctx, prev->tf, &next->ctx, next->tf);
}

/* Called by the arch trampoline for a task that left through
 * sched_handoff_user and was switched to the ordinary way: its r0 becomes
 * wake_err, then user_return. */
void sched_resume_user(struct trap_frame *tf);

/* current should leave the CPU at its return to user mode (user_return);
 * only sched.c sets it, the arch's lean system-call exit reads it. */
extern bool sched_need_resched;

/* The run queue; only sched.c changes it. */
extern struct runq sched_runq;
/* Time spent idle since boot, in monotonic nanoseconds (sched_idle_loop). */
extern uint64_t sched_idle_ns;

/* May the blocked task next take the CPU at once (sched_handoff,
 * sched_handoff_user)? Not if it is suspended or a task of a higher
 * priority waits. */
static inline bool sched_can_handoff(const struct task *next)
{
	return !next->suspended && !runq_any_above(&sched_runq, next->prio);
}

/* Wake a blocked task: runnable; its task_block returns err. */
void task_wake(struct task *t, int err);
/* Block current in state on queue q (NULL: none) until task_wake; returns
 * the error the waker gave. */
int task_block(enum task_state state, struct tqueue *q);

/* Give a new task its creator's ceiling (mcp; the highest for the root
 * task), the default priority (at most that) and quantum. Called by
 * task_create before the task can be started or configured. */
void sched_task_init(struct task *t);
/* Set a task's priority (<= SCHED_PRIO_MAX) and quantum with a full turn,
 * for a task that is not on the run queue (a new clone inheriting its
 * parent's). */
void sched_set_params(struct task *t, unsigned prio, unsigned quantum);

/* Hold t off the CPU: off the run queue if it is there; if t is current,
 * it leaves the CPU at its next return to user mode and does not run again
 * until sched_resume. A blocked task stays blocked; when woken it becomes
 * runnable but is not queued. */
void sched_suspend(struct task *t);
/* Release t: if it is runnable (and not running or queued), queue it,
 * preempting current if t has a higher priority. */
void sched_resume(struct task *t);

struct sysregs;
long sys_sched_set(struct sysregs *r);
long sys_task_info(struct sysregs *r);

#endif
