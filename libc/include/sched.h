/* Scheduling policy (<sched.h>): the process server's (libc/proc/sched.c),
 * except sched_yield (a kernel call) and the priority ranges.
 * Linux's policy numbers; FIFO and RR priorities 1..99. And clone. */
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

/* Linux's clone (glibc's signature): fn(arg) runs in the child on stack
 * (its top), and its result is the child's exit code; the optional
 * arguments are pid_t *parent_tid, void *tls, pid_t *child_tid, read
 * when CLONE_PARENT_SETTID, CLONE_SETTLS, CLONE_CHILD_SETTID or
 * CLONE_CHILD_CLEARTID ask for them. Returns the child's tid. With
 * CLONE_SETTLS, tls must point at a libc thread control block
 * (docs/processes.md), as glibc's must. */
int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...);

/* The flags, with glibc only under _GNU_SOURCE: the kernel's own CLONE_*
 * (<pith/syscall.h>) have the same names and other values. */
#ifdef _GNU_SOURCE
#define CSIGNAL              0x000000ff
#define CLONE_VM             0x00000100
#define CLONE_FS             0x00000200
#define CLONE_FILES          0x00000400
#define CLONE_SIGHAND        0x00000800
#define CLONE_PTRACE         0x00002000
#define CLONE_VFORK          0x00004000
#define CLONE_PARENT         0x00008000
#define CLONE_THREAD         0x00010000
#define CLONE_SYSVSEM        0x00040000
#define CLONE_SETTLS         0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED       0x00400000
#define CLONE_UNTRACED       0x00800000
#define CLONE_CHILD_SETTID   0x01000000
#endif

#endif
