/*
 * procsrv and time: its clock (ticks since boot, for times() and a
 * process's start time) and the timer notification every thread gets
 * in its capability space (PROC_SLOT_TIMER), on which libc sleeps
 * without asking procsrv (docs/decisions.md, 28).
 */
#include <pith/clock.h>

#include "procsrv.h"

uint64_t ticks_hz(void)
{
	return bi->ticks_per_second ? bi->ticks_per_second : 100;
}

uint64_t ticks_now(void)
{
	return pith_clock_ns() / (1000000000ull / ticks_hz());
}

uint64_t ticks_to_us(uint64_t t)
{
	return t * 1000000ull / ticks_hz();
}

int time_thread_caps(struct proc *p, slot_t cs, slot_t *keep)
{
	slot_t n = slot_get();
	int err = -ENOMEM;

	if (n && !sys_obj_create(p->pool, CAP_NOTIFICATION, n, 0) &&
	    !sys_cap_copy(n, cs, PROC_SLOT_TIMER))
		err = 0;
	if (err || !keep) {
		slot_put(n);
		return err;
	}
	/* procsrv's copy: a signal wakes a thread sleeping on it. */
	slot_put(*keep);
	*keep = n;
	return 0;
}
