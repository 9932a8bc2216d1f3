/* TEMPORARY (not committed): until the scheduler rewrite lands. */
#include "task.h"
void sched_suspend(struct task *t)
{
	if (t->state == TASK_RUNNABLE && t->queue && t != current)
		tqueue_remove(t);
}
void sched_resume(struct task *t)
{
	if (t->state == TASK_RUNNABLE && !t->queue && t != current)
		sched_enqueue(t);
}
