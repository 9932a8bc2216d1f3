/*
 * kernel/runq.c: task queues and the priority run queue. Order within a
 * level (FIFO, head insertion for preempted tasks), highest level first,
 * removal from anywhere, the bitmap of non-empty levels kept exact, and
 * a level left empty by a bare tqueue_remove (a killed task) repaired.
 */
#include <setjmp.h>
#include <string.h>

#include "check.h"
#include "support.h"

#include "runq.h"

#define N 16

static struct task tasks[N];
static struct runq rq;

static void reset(void)
{
	memset(tasks, 0, sizeof(tasks));
	memset(&rq, 0, sizeof(rq));
}

static struct task *task(int i, unsigned prio)
{
	tasks[i].prio = prio;
	tasks[i].id = (uint64_t)i;
	return &tasks[i];
}

static bool bit(unsigned prio)
{
	return rq.bits[prio / 64] >> (prio % 64) & 1;
}

/* Every bit is set exactly for a non-empty level, and every task on a
 * level points back at it with consistent links. */
static bool consistent(void)
{
	for (unsigned p = 0; p < SCHED_LEVELS; p++) {
		struct tqueue *q = &rq.level[p];
		struct task *prev = NULL;

		if (bit(p) != (q->head != NULL))
			return false;
		for (struct task *t = q->head; t; prev = t, t = t->qnext)
			if (t->queue != q || t->qprev != prev || t->prio != p)
				return false;
		if (q->tail != prev)
			return false;
	}
	return true;
}

static int pop_id(void)
{
	struct task *t = runq_pop(&rq);

	return t ? (int)t->id : -1;
}

static void test_empty(void)
{
	reset();
	CHECK_EQ(runq_top(&rq), -1);
	CHECK(runq_peek(&rq) == NULL);
	CHECK(runq_pop(&rq) == NULL);
	CHECK(!runq_remove(&rq, task(0, 5)));
	CHECK(!runq_contains(&rq, &tasks[0]));
	CHECK(consistent());
}

static void test_fifo_within_level(void)
{
	reset();
	for (int i = 0; i < 4; i++)
		runq_push(&rq, task(i, 60));
	CHECK(consistent());
	CHECK_EQ(runq_top(&rq), 60);
	for (int i = 0; i < 4; i++)
		CHECK_EQ(pop_id(), i);
	CHECK_EQ(pop_id(), -1);
	CHECK(consistent());
	CHECK(!bit(60));
}

static void test_round_robin(void)
{
	/* The scheduler's RR: pop the head, run it, push it to the tail. */
	int want[] = { 0, 1, 2, 0, 1, 2, 0 };

	reset();
	for (int i = 0; i < 3; i++)
		runq_push(&rq, task(i, 10));
	for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		struct task *t = runq_pop(&rq);
		CHECK(t != NULL);
		if (!t)
			return;
		CHECK_EQ(t->id, want[k]);
		runq_push(&rq, t);
	}
	CHECK(consistent());
}

static void test_head_insertion(void)
{
	reset();
	runq_push(&rq, task(0, 30));
	runq_push(&rq, task(1, 30));
	runq_push_head(&rq, task(2, 30));   /* preempted: back at the front */
	CHECK(consistent());
	CHECK_EQ(pop_id(), 2);
	CHECK_EQ(pop_id(), 0);
	CHECK_EQ(pop_id(), 1);
	runq_push_head(&rq, task(3, 7));    /* into an empty level */
	CHECK(consistent());
	CHECK_EQ(runq_top(&rq), 7);
	CHECK_EQ(pop_id(), 3);
	CHECK(consistent());
}

static void test_highest_first(void)
{
	/* Levels chosen to cross the bitmap's word boundaries. */
	static const unsigned prios[] = { 0, 63, 64, 127, 128, SCHED_PRIO_MAX,
					  60, 1 };
	static const int order[] = { 5, 4, 3, 2, 1, 6, 7, 0 };

	reset();
	for (int i = 0; i < 8; i++)
		runq_push(&rq, task(i, prios[i]));
	CHECK(consistent());
	CHECK_EQ(runq_top(&rq), SCHED_PRIO_MAX);
	for (int k = 0; k < 8; k++) {
		CHECK(runq_peek(&rq) == &tasks[order[k]]);
		CHECK_EQ(pop_id(), order[k]);
		CHECK(consistent());
	}
	CHECK_EQ(runq_top(&rq), -1);
}

static void test_remove_middle(void)
{
	reset();
	for (int i = 0; i < 3; i++)
		runq_push(&rq, task(i, 90));
	runq_push(&rq, task(3, 20));
	CHECK(runq_contains(&rq, &tasks[1]));
	CHECK(runq_remove(&rq, &tasks[1]));           /* middle */
	CHECK(!runq_contains(&rq, &tasks[1]));
	CHECK(tasks[1].queue == NULL && tasks[1].qnext == NULL &&
	      tasks[1].qprev == NULL);
	CHECK(!runq_remove(&rq, &tasks[1]));          /* twice: no-op */
	CHECK(consistent());
	CHECK(runq_remove(&rq, &tasks[2]));           /* tail */
	CHECK(runq_remove(&rq, &tasks[0]));           /* last of the level */
	CHECK(consistent());
	CHECK(!bit(90));
	CHECK_EQ(runq_top(&rq), 20);
	runq_push(&rq, &tasks[1]);                    /* reusable */
	CHECK_EQ(pop_id(), 1);
	CHECK_EQ(pop_id(), 3);
	CHECK(consistent());
}

static void test_other_queue_not_runq(void)
{
	struct tqueue ep = { 0 };

	reset();
	tqueue_push(&ep, task(0, 50));
	CHECK(!runq_contains(&rq, &tasks[0]));
	CHECK(!runq_remove(&rq, &tasks[0]));
	CHECK(ep.head == &tasks[0]);
	CHECK(tqueue_pop(&ep) == &tasks[0]);
	CHECK(tqueue_pop(&ep) == NULL);
}

static void test_stale_bit_repaired(void)
{
	reset();
	runq_push(&rq, task(0, 100));
	runq_push(&rq, task(1, 40));
	tqueue_remove(&tasks[0]);        /* as task_kill does: bypasses rq */
	CHECK(bit(100));
	CHECK_EQ(runq_top(&rq), 40);
	CHECK(!bit(100));
	CHECK(consistent());
	CHECK_EQ(pop_id(), 1);
}

static void test_double_push_panics(void)
{
	jmp_buf jb;
	int panics = support_panic_calls;

	reset();
	runq_push(&rq, task(0, 3));
	fprintf(stderr, "(an assertion about a queued task is expected next)\n");
	support_panic_jmp = &jb;
	if (!setjmp(jb))
		runq_push(&rq, &tasks[0]);
	support_panic_jmp = NULL;
	CHECK_EQ(support_panic_calls, panics + 1);
}

int main(void)
{
	test_empty();
	test_fifo_within_level();
	test_round_robin();
	test_head_insertion();
	test_highest_first();
	test_remove_middle();
	test_other_queue_not_runq();
	test_stale_bit_repaired();
	test_double_push_panics();
	return check_summary("runq");
}
