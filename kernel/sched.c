/*
 * The scheduler: one FIFO run queue, round robin with a quantum of
 * TASK_QUANTUM_TICKS, and an idle loop on the boot stack for when nothing
 * is runnable. The kernel runs with interrupts disabled, so a switch only
 * happens where the kernel blocks, yields or returns to user mode after
 * the tick said the quantum is used up. (Priorities, FIFO/RR classes and
 * scheduler endpoints come with the scheduling-mechanism stage.)
 */
#include "aspace.h"
#include "panic.h"
#include "task.h"
#include "timer.h"

struct task *current;

static struct tqueue runq;
static struct arch_context idle_ctx;
static bool need_resched;
static struct task *dead_task;   /* freed once we are off its stack */

void tqueue_push(struct tqueue *q, struct task *t)
{
	assert(!t->queue);
	t->queue = q;
	t->qnext = NULL;
	t->qprev = q->tail;
	if (q->tail)
		q->tail->qnext = t;
	else
		q->head = t;
	q->tail = t;
}

void tqueue_remove(struct task *t)
{
	struct tqueue *q = t->queue;

	if (!q)
		return;
	if (t->qprev)
		t->qprev->qnext = t->qnext;
	else
		q->head = t->qnext;
	if (t->qnext)
		t->qnext->qprev = t->qprev;
	else
		q->tail = t->qprev;
	t->queue = NULL;
	t->qnext = t->qprev = NULL;
}

struct task *tqueue_pop(struct tqueue *q)
{
	struct task *t = q->head;

	if (t)
		tqueue_remove(t);
	return t;
}

void sched_enqueue(struct task *t)
{
	t->state = TASK_RUNNABLE;
	tqueue_push(&runq, t);
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

/* Make next the running task: its stack for traps, its address space. */
static void switch_to(struct arch_context *from, struct task *next)
{
	current = next;
	if (next) {
		next->ticks_left = TASK_QUANTUM_TICKS;
		arch_set_kernel_stack((uintptr_t)(next->tf + 1));
		aspace_activate(next->as);
	}
	arch_context_switch(from, next ? &next->ctx : &idle_ctx);
	sched_reap();
}

void schedule(void)
{
	struct task *prev = current;
	struct task *next = tqueue_pop(&runq);

	if (next == prev) {
		prev->ticks_left = TASK_QUANTUM_TICKS;
		return;
	}
	switch_to(prev ? &prev->ctx : &idle_ctx, next);
}

void sched_handoff(struct task *next)
{
	/* current is blocked (not on the run queue); next gets the CPU at
	 * once, without a trip through the run queue. */
	tqueue_remove(next);
	next->state = TASK_RUNNABLE;
	switch_to(&current->ctx, next);
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
	tqueue_remove(t);
	t->wake_err = err;
	if (t->sys)
		t->sys->r[0] = (uint64_t)err;
	sched_enqueue(t);
}

void timer_tick(void)
{
	timer_ticks++;
	if (current && current->ticks_left && --current->ticks_left == 0)
		need_resched = true;
}

void user_return(struct trap_frame *tf)
{
	(void)tf;
	if (need_resched && current->state == TASK_RUNNABLE) {
		need_resched = false;
		sched_enqueue(current);
		schedule();
	}
}

noreturn void sched_idle_loop(void)
{
	for (;;) {
		arch_irq_disable();
		struct task *next = tqueue_pop(&runq);
		if (next)
			switch_to(&idle_ctx, next);
		else
			arch_cpu_idle();
	}
}
