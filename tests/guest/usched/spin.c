/*
 * spin: the helper task of the scheduling tests (usched.c spawns several).
 * It counts in the shared page while it holds the CPU, watches another
 * child's counter to see who ran in between, and tells the root it is
 * done through its CHILD_DONE notification before it exits. Time is
 * measured in its own user ticks (SYS_TASK_INFO on itself), never in loop
 * iterations, so the tests do not depend on the host's speed.
 */
#include <stdbool.h>

#include <pith/syscall.h>

#include "usched.h"

static struct shared *const sh = (struct shared *)SHARED_VA;

static uint64_t my_utime(void)
{
	struct task_info ti;

	return sys_task_info(CHILD_SELF, &ti) == 0 ? ti.utime : 0;
}

/* Count until the own utime grew by `ticks` (or stop); note each time the
 * other child's counter moved between two of our steps. */
static void count_for(unsigned me, unsigned other, uint64_t ticks)
{
	uint64_t end = my_utime() + ticks, last = sh->count[other];

	for (uint64_t i = 1; !sh->stop; i++) {
		uint64_t o = sh->count[other];
		if (o != last) {
			sh->switches[me]++;
			last = o;
		}
		sh->count[me]++;
		if (i % 256 == 0 && my_utime() >= end)
			return;
	}
}

/* Every way to a priority above its ceiling (mcp, set by the root) must
 * fail: raising itself or its ceiling, a clone inheriting its priority
 * (cut down to the ceiling), a task it creates. result[me][]: 0 raise
 * itself, 1 raise its ceiling, 2 clone, 3/4 the clone's prio/mcp, 5 raise
 * the clone, 6/7 a created task's prio/mcp. */
static void ceiling(unsigned me)
{
	volatile uint64_t *r = sh->result[me];
	struct clone_args a = {
		.flags = CLONE_VM | CLONE_CAPS | CLONE_SCHED | CLONE_STOPPED,
		.pool = CHILD_POOL, .dst = CHILD_FREE,
	};
	struct task_info ti;

	r[0] = (uint64_t)sys_sched_set(CHILD_SELF, 139, 5);
	r[1] = (uint64_t)sys_sched_set_mcp(CHILD_SELF, 40, 5, 139);
	r[2] = (uint64_t)sys_task_clone(CHILD_SELF, &a);
	if (sys_task_info(CHILD_FREE, &ti) == 0) {
		r[3] = ti.prio;
		r[4] = ti.mcp;
	}
	r[5] = (uint64_t)sys_sched_set(CHILD_FREE, 100, 5);
	sys_task_kill(CHILD_FREE);
	sys_cap_delete(CHILD_FREE);
	if (sys_obj_create(CHILD_POOL, CAP_TASK, CHILD_FREE + 1, 0) == 0 &&
	    sys_task_info(CHILD_FREE + 1, &ti) == 0) {
		r[6] = ti.prio;
		r[7] = ti.mcp;
	}
	sys_cap_delete(CHILD_FREE + 1);
}

/* Spin FIFO at the highest priority it can get; signal each own tick. */
static void greedy(unsigned me)
{
	volatile uint64_t *r = sh->result[me];
	uint64_t t;

	r[0] = (uint64_t)sys_sched_set(CHILD_SELF, 139, 0);
	r[1] = (uint64_t)sys_sched_set_mcp(CHILD_SELF, 50, 0, 139);
	if (r[0] != 0)
		r[2] = (uint64_t)sys_sched_set(CHILD_SELF, 50, 0);
	t = my_utime();
	for (uint64_t i = 1;; i++) {
		sh->count[me]++;
		if (i % 256 == 0 && my_utime() != t) {
			t = my_utime();
			sys_signal(CHILD_SIG);
		}
	}
}

int main(uint64_t arg)
{
	unsigned mode = arg & 0xff, me = (arg >> 8) & (MAX_CHILD - 1);
	unsigned other = me ^ 1;

	switch (mode) {
	case MODE_SPIN:
		while (!sh->stop)
			sh->count[me]++;
		break;
	case MODE_SPIN_TICKS:
		count_for(me, other, sh->ticks);
		sh->result[me][0] = sh->count[other];
		break;
	case MODE_FIFO: {
		count_for(me, other, sh->ticks);
		uint64_t before = sh->count[other];
		sys_yield();
		/* How far the other got while we were at the tail. */
		sh->result[me][0] = sh->count[other] - before;
		break;
	}
	case MODE_LOW: {
		uint64_t start = my_utime();
		bool signalled = false;
		for (uint64_t i = 1; !sh->stop; i++) {
			sh->count[me]++;
			if (!signalled && i % 256 == 0 && my_utime() >= start + 2) {
				/* The count as the higher task becomes runnable:
				 * it must run before we count once more. */
				sh->result[me][0] = sh->count[me];
				signalled = true;
				sys_signal(CHILD_SIG);
			}
		}
		break;
	}
	case MODE_HIGH:
		sys_wait(CHILD_SIG, 0);
		sh->result[me][0] = sh->count[other];
		count_for(me, other, sh->ticks);
		sh->result[me][1] = sh->count[other];
		break;
	case MODE_RAISE:
		sh->count[me] = 1;
		sys_sched_set(CHILD_SELF, 20, 5);
		sh->result[me][0] = 1;
		break;
	case MODE_CEILING:
		ceiling(me);
		break;
	case MODE_GREEDY:
		greedy(me);
		break;
	}
	sys_signal(CHILD_DONE);
	return 0;
}
