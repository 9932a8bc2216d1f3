/* Scheduling calls that need no server (<sched.h>): sched_yield is the
 * kernel's, and the priority ranges are fixed (FIFO and RR 1..99, the
 * others 0). The policy calls are the process server's. */
#include <errno.h>
#include <sched.h>

#include <pith/syscall.h>

int sched_yield(void)
{
	sys_yield();
	return 0;
}

static int range(int policy, int max)
{
	switch (policy) {
	case SCHED_FIFO:
	case SCHED_RR:
		return max ? 99 : 1;
	case SCHED_OTHER:
	case SCHED_BATCH:
	case SCHED_IDLE:
		return 0;
	default:
		errno = EINVAL;
		return -1;
	}
}

int sched_get_priority_min(int policy) { return range(policy, 0); }
int sched_get_priority_max(int policy) { return range(policy, 1); }
