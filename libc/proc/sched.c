/*
 * Priorities and the scheduling policy through the process server
 * (PROC_SETPRIORITY, PROC_GETPRIORITY, PROC_SCHED_SET, PROC_SCHED_GET;
 * docs/scheduling.md, "The policy"). sched_yield and the priority ranges
 * need no server (libc/posix/sched.c).
 */
#include <sched.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "call.h"

int setpriority(int which, id_t who, int prio)
{
	return (int)__pith_proc_ret(__pith_proc_call(PROC_SETPRIORITY, 3,
		(uint64_t)(int64_t)which, (uint64_t)who, (uint64_t)(int64_t)prio,
		NULL));
}

/* The nice value, which may be -1: errno tells an error (POSIX). */
int getpriority(int which, id_t who)
{
	struct proc_answer a;
	long r = __pith_proc_call(PROC_GETPRIORITY, 3, (uint64_t)(int64_t)which,
				  (uint64_t)who, 0, &a);

	if (r < 0)
		return (int)__pith_proc_ret(r);
	return (int)(int64_t)a.m.w[1];
}

/* The new nice value (-1 is one too: errno tells), EPERM for a lower
 * one without privilege (where setpriority says EACCES). */
int nice(int inc)
{
	struct proc_answer a;
	long r = __pith_proc_call(PROC_GETPRIORITY, 3, PRIO_PROCESS, 0, 0, &a);

	if (r < 0)
		return (int)__pith_proc_ret(r);
	int n = (int)(int64_t)a.m.w[1];
	/* Clamp here too: inc may be huge. */
	if (inc > 40)
		inc = 40;
	if (inc < -40)
		inc = -40;
	n += inc;
	n = n < -20 ? -20 : n > 19 ? 19 : n;
	r = __pith_proc_call(PROC_SETPRIORITY, 3, PRIO_PROCESS, 0,
			     (uint64_t)(int64_t)n, NULL);
	if (r == -EACCES)
		r = -EPERM;
	if (r < 0)
		return (int)__pith_proc_ret(r);
	return n;
}

static long sched_set(pid_t pid, int64_t policy, const struct sched_param *p)
{
	if (!p)
		return __pith_proc_ret(-EINVAL);
	return __pith_proc_ret(__pith_proc_call(PROC_SCHED_SET, 3,
		(uint64_t)(int64_t)pid, (uint64_t)policy,
		(uint64_t)(int64_t)p->sched_priority, NULL));
}

int sched_setscheduler(pid_t pid, int policy, const struct sched_param *p)
{
	/* Linux returns 0, not the old policy, as POSIX would. */
	return policy < 0 ? (int)__pith_proc_ret(-EINVAL)
			  : (int)sched_set(pid, policy, p);
}

int sched_setparam(pid_t pid, const struct sched_param *p)
{
	return (int)sched_set(pid, -1, p);
}

int sched_getscheduler(pid_t pid)
{
	struct proc_answer a;
	long r = __pith_proc_call(PROC_SCHED_GET, 3, (uint64_t)(int64_t)pid, 0, 0, &a);

	return r < 0 ? (int)__pith_proc_ret(r) : (int)a.m.w[1];
}

int sched_getparam(pid_t pid, struct sched_param *p)
{
	struct proc_answer a;
	long r;

	if (!p)
		return (int)__pith_proc_ret(-EINVAL);
	r = __pith_proc_call(PROC_SCHED_GET, 3, (uint64_t)(int64_t)pid, 0, 0, &a);
	if (r < 0)
		return (int)__pith_proc_ret(r);
	p->sched_priority = (int)a.m.w[2];
	return 0;
}

int sched_rr_get_interval(pid_t pid, struct timespec *ts)
{
	struct proc_answer a;
	long r = __pith_proc_call(PROC_SCHED_GET, 3, (uint64_t)(int64_t)pid, 1, 0, &a);

	if (r < 0)
		return (int)__pith_proc_ret(r);
	ts->tv_sec = (time_t)(a.m.w[1] / 1000000);
	ts->tv_nsec = (long)(a.m.w[1] % 1000000) * 1000;
	return 0;
}
