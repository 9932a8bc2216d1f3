/*
 * The scheduling policy (servers/procsrv/policy.c): what procsrv tells
 * the kernel (a level and a quantum, SYS_SCHED_SET) for a process's
 * policy, nice value and real-time priority, and the POSIX/Linux rules
 * for changing them. Pure, no system calls: host-tested in
 * tests/unit/test_policy.c. The model and its formulas are in
 * docs/scheduling.md ("The policy"); docs/decisions.md 30.
 *
 * Errors are negative errno values (uapi/errno.h).
 */
#ifndef PROCSRV_POLICY_H
#define PROCSRV_POLICY_H

#include <stdbool.h>
#include <stdint.h>

/* Linux's policy numbers (<sched.h>). */
enum {
	POLICY_OTHER = 0, POLICY_FIFO = 1, POLICY_RR = 2, POLICY_BATCH = 3,
	POLICY_IDLE = 5,
};
#define POLICY_RESET_ON_FORK 0x40000000

#define NICE_MIN   (-20)
#define NICE_MAX   19
#define RT_PRIO_MIN 1
#define RT_PRIO_MAX 99

/* Kernel levels (0..139, higher runs first). */
#define LEVEL_IDLE    1        /* SCHED_IDLE */
#define LEVEL_OTHER   20       /* SCHED_OTHER and SCHED_BATCH, every nice */
#define LEVEL_RT_BASE 39       /* SCHED_FIFO / SCHED_RR: 39 + rt_priority */
#define LEVEL_SERVER  139      /* procsrv itself, above every process */

#define RR_SLICE_MS   100      /* SCHED_RR's quantum (sched_rr_get_interval) */

/* A process's scheduling attributes (each of its threads gets them). */
struct sched_attr {
	uint8_t policy;          /* POLICY_* */
	bool reset_on_fork;      /* SCHED_RESET_ON_FORK */
	int8_t nice;             /* -20..19, kept under every policy */
	uint8_t rt_prio;         /* 1..99 for FIFO and RR, else 0 */
};

/* What the kernel is told: SYS_SCHED_SET(task, level, quantum, level). */
struct sched_params {
	uint32_t level;
	uint32_t quantum;        /* ticks; 0 = FIFO (no time slice) */
};

/* SCHED_OTHER, nice 0: a new process (init), and what reset-on-fork
 * gives back. */
void policy_default(struct sched_attr *a);
/* Linux 2.6's O(1) time slice for a nice value, in ms:
 * static_prio = 120 + nice; (140 - static_prio) * 20 below 120, else
 * (140 - static_prio) * 5: -20 -> 800, 0 -> 100, 10 -> 50, 19 -> 5. */
uint32_t policy_slice_ms(int nice);
/* ms as ticks at hz, rounded to nearest, at least one. */
uint32_t policy_ms_to_ticks(uint32_t ms, uint32_t hz);
/* The level and quantum for a, at hz ticks per second. used is what the
 * task used since its last report (a quantum report's w0; 0 when the
 * parameters are set, not recharged): the recharge is the full slice
 * whatever was used, so this model does not look at it. */
struct sched_params policy_params(const struct sched_attr *a, uint32_t hz,
				  uint64_t used);
/* sched_rr_get_interval: the time slice in ms (0 for FIFO). */
uint32_t policy_interval_ms(const struct sched_attr *a);
/* What fork gives the child of a parent with a. */
void policy_fork(struct sched_attr *child, const struct sched_attr *parent);
/* Is (policy, rt_prio) valid for sched_setscheduler? -EINVAL if not
 * (an unknown policy, flags other than SCHED_RESET_ON_FORK, a real-time
 * priority outside 1..99, a non-zero one for the others). */
int policy_check_param(int64_t policy, int64_t rt_prio);
/* May a caller with effective uid euid (and real uid ruid) act on a
 * process with real / effective uids truid / teuid (Linux's
 * check_same_owner: root, or the caller's euid is either)? */
bool policy_same_owner(uint32_t euid, uint32_t truid, uint32_t teuid);
/* May a caller with effective uid euid change old to new (setpriority's
 * and sched_setscheduler's privilege rule, with RLIMIT_NICE and
 * RLIMIT_RTPRIO at 0)? Root may do anything; others may not lower the
 * nice value (-EACCES, setpriority's error; nice() and the sched_ calls
 * turn it into -EPERM), choose a real-time policy or raise a real-time
 * priority, or drop SCHED_RESET_ON_FORK (-EPERM). */
int policy_may_change(uint32_t euid, const struct sched_attr *old,
		      const struct sched_attr *new);
/* nice clamped to -20..19 (setpriority's rule). */
int policy_clamp_nice(int64_t nice);

#endif
