/*
 * The scheduler's interface beyond the basics in task.h (kernel/sched.c):
 * per-task priority and quantum, suspension, and the scheduling system
 * calls. docs/scheduling.md describes the mechanism as a whole.
 */
#ifndef PITH_SCHED_H
#define PITH_SCHED_H

#include "runq.h"
#include "task.h"

/* Give a new task the default priority and quantum. Called by
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
void sys_sched_set(struct sysregs *r);
void sys_task_info(struct sysregs *r);

#endif
