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
	}
	sys_signal(CHILD_DONE);
	return 0;
}
