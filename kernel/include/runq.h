/*
 * Task queues and the run queue (kernel/runq.c): pure data structures,
 * with no notion of "current" or of switching, so the host unit tests
 * (tests/unit/test_runq.c) exercise them directly.
 *
 * A struct tqueue is an intrusive FIFO through task->qnext/qprev; a task is
 * on at most one queue at a time (task->queue says which). The run queue
 * is one tqueue per priority level plus a bitmap of the non-empty levels,
 * so finding the highest runnable level is a few count-leading-zeros,
 * whatever the number of tasks.
 */
#ifndef PITH_RUNQ_H
#define PITH_RUNQ_H

#include "panic.h"
#include "task.h"

#define SCHED_PRIO_MAX      139   /* levels 0..139; higher runs first */
#define SCHED_LEVELS        (SCHED_PRIO_MAX + 1)
#define SCHED_PRIO_DEFAULT  60    /* of a new task */
#define SCHED_QUANTUM_MAX   10000 /* ticks (100 s at TIMER_HZ 100) */

#define RUNQ_WORDS ((SCHED_LEVELS + 63) / 64)

struct runq {
	uint64_t bits[RUNQ_WORDS];   /* bit p: level[p] is not empty */
	/* No level above this one has a task: an upper bound of the
	 * highest non-empty level (any value when the queue is empty),
	 * raised by a push, made exact by runq_top. It answers
	 * runq_any_above's common "no" in one compare. */
	int top_hint;
	struct tqueue level[SCHED_LEVELS];
};

/* Append t (on no queue) to q / take t off whatever queue it is on (no-op
 * if none) / take the head of q (NULL if empty). A tqueue_remove on a run
 * queue level bypasses the bitmap; use runq_remove (or sched_remove) for
 * tasks that may be on the run queue. Inline: they are on the IPC path. */
static inline __attribute__((always_inline)) void tqueue_push(struct tqueue *q, struct task *t)
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

static inline __attribute__((always_inline)) void tqueue_remove(struct task *t)
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

static inline struct task *tqueue_pop(struct tqueue *q)
{
	struct task *t = q->head;

	if (t)
		tqueue_remove(t);
	return t;
}

/* Queue t (on no queue) at the tail / head of level t->prio, which must be
 * <= SCHED_PRIO_MAX. The head is for a task preempted before its turn was
 * over: it keeps its place in the round robin. */
void runq_push(struct runq *rq, struct task *t);
void runq_push_head(struct runq *rq, struct task *t);
/* Is t on one of rq's levels? */
bool runq_contains(const struct runq *rq, const struct task *t);
/* Take t off rq; false (and nothing done) if it is not on rq. */
bool runq_remove(struct runq *rq, struct task *t);
/* Is a task queued at a level above prio? Only the bitmap, no bit scan
 * (which RV64 without Zbb lacks), inline: it is on the IPC path. A stale
 * bit can only say "yes" wrongly, which costs a reschedule. */
static inline bool runq_any_above(const struct runq *rq, unsigned prio)
{
	unsigned w = prio / 64, b = prio % 64;

	if (__builtin_expect(rq->top_hint <= (int)prio, 1))
		return false;
	if (b < 63 && rq->bits[w] >> (b + 1))
		return true;
	for (w++; w < RUNQ_WORDS; w++)
		if (rq->bits[w])
			return true;
	return false;
}
/* The highest non-empty level, or -1 if rq is empty. */
int runq_top(struct runq *rq);
/* The head of the highest non-empty level, without / with taking it off;
 * NULL if rq is empty. */
struct task *runq_peek(struct runq *rq);
struct task *runq_pop(struct runq *rq);

#endif
