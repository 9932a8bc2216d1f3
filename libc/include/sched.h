/* Scheduling policy (<sched.h>): the process server's (ENOSYS until it
 * exists), except sched_yield (a kernel call) and the priority ranges.
 * Linux's policy numbers; FIFO and RR priorities 1..99. */
#ifndef _SCHED_H
#define _SCHED_H

#define __PITH_NEED_pid_t
#define __PITH_NEED_time_t
#define __PITH_NEED_timespec
#include <bits/types.h>

#define SCHED_OTHER 0
#define SCHED_FIFO  1
#define SCHED_RR    2
#define SCHED_BATCH 3
#define SCHED_IDLE  5
#define SCHED_RESET_ON_FORK 0x40000000

struct sched_param {
	int sched_priority;
};

int sched_setscheduler(pid_t pid, int policy, const struct sched_param *p);
int sched_getscheduler(pid_t pid);
int sched_setparam(pid_t pid, const struct sched_param *p);
int sched_getparam(pid_t pid, struct sched_param *p);
int sched_get_priority_min(int policy);
int sched_get_priority_max(int policy);
int sched_rr_get_interval(pid_t pid, struct timespec *interval);
int sched_yield(void);

#endif
