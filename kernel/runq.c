/*
 * Task queues and the priority run queue (see runq.h, which has the
 * inline tqueue_push/remove/pop for any queue of tasks: run queue levels,
 * endpoint and notification wait queues). Entry points: runq_push/
 * push_head/remove/top/peek/pop for the run queue. Nothing here switches tasks or looks at
 * the clock: kernel/sched.c decides, this file only keeps order.
 */
#include "panic.h"
#include "runq.h"

static void tqueue_push_head(struct tqueue *q, struct task *t)
{
	assert(!t->queue);
	t->queue = q;
	t->qprev = NULL;
	t->qnext = q->head;
	if (q->head)
		q->head->qprev = t;
	else
		q->tail = t;
	q->head = t;
}

/* ---- the run queue -------------------------------------------------------- */

static void mark(struct runq *rq, unsigned prio)
{
	rq->bits[prio / 64] |= 1ull << (prio % 64);
	if ((int)prio > rq->top_hint)
		rq->top_hint = (int)prio;
}

static void unmark(struct runq *rq, unsigned prio)
{
	rq->bits[prio / 64] &= ~(1ull << (prio % 64));
}

static struct tqueue *level_of(struct runq *rq, const struct task *t)
{
	assert(t->prio <= SCHED_PRIO_MAX);
	return &rq->level[t->prio];
}

void runq_push(struct runq *rq, struct task *t)
{
	tqueue_push(level_of(rq, t), t);
	mark(rq, t->prio);
}

void runq_push_head(struct runq *rq, struct task *t)
{
	tqueue_push_head(level_of(rq, t), t);
	mark(rq, t->prio);
}

bool runq_contains(const struct runq *rq, const struct task *t)
{
	return t->queue >= &rq->level[0] && t->queue < &rq->level[SCHED_LEVELS];
}

bool runq_remove(struct runq *rq, struct task *t)
{
	if (!runq_contains(rq, t))
		return false;
	unsigned prio = (unsigned)(t->queue - rq->level);
	tqueue_remove(t);
	if (!rq->level[prio].head)
		unmark(rq, prio);
	return true;
}

int runq_top(struct runq *rq)
{
	for (int w = RUNQ_WORDS - 1; w >= 0; w--) {
		while (rq->bits[w]) {
			int prio = w * 64 + 63 - __builtin_clzll(rq->bits[w]);
			if (rq->level[prio].head)
				return rq->top_hint = prio;
			/* A task left this level by a bare tqueue_remove (a
			 * killed task): repair the bit and look further. */
			unmark(rq, (unsigned)prio);
		}
	}
	return rq->top_hint = -1;
}

struct task *runq_peek(struct runq *rq)
{
	int prio = runq_top(rq);

	return prio < 0 ? NULL : rq->level[prio].head;
}

struct task *runq_pop(struct runq *rq)
{
	struct task *t = runq_peek(rq);

	if (t)
		runq_remove(rq, t);
	return t;
}
