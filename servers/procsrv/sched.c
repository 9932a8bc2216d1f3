/*
 * The scheduling policy's calls and its use of the kernel: the rules and
 * formulas are policy.c's (pure, host-tested); here each process's
 * attributes (proc->sched) reach its threads' tasks through
 * SYS_SCHED_SET, quantum reports are answered, and the calls
 * PROC_SETPRIORITY, PROC_GETPRIORITY, PROC_SCHED_SET and PROC_SCHED_GET
 * are served (docs/scheduling.md, "The policy").
 *
 * Each task gets its level as its ceiling too (sys_sched_set_mcp), so
 * that neither the task nor an answer to its report can lift it above
 * what its policy says. procsrv itself runs at LEVEL_SERVER, above every
 * process (timers_init).
 */
#include "procsrv.h"

#define PRIO_PROCESS_W 0
#define PRIO_PGRP_W    1
#define PRIO_USER_W    2

void sched_apply_task(struct proc *p, uint64_t task)
{
	struct sched_params s = policy_params(&p->sched, (uint32_t)ticks_hz(), 0);

	if (task)
		(void)sys_sched_set_mcp(task, s.level, s.quantum, s.level);
}

void sched_apply(struct proc *p)
{
	for (struct thread *t = p->threads; t; t = t->next)
		sched_apply_task(p, t->task);
}

/* A quantum report (BADGE_SCHED, w0 = ticks used): the recharge. */
void sched_report(struct thread *t, uint64_t used)
{
	struct sched_params s = policy_params(&t->proc->sched, (uint32_t)ticks_hz(), used);

	sys_reply(MSG_INFO(SCHED_REPLY_SET, 2, 0), s.level, s.quantum, 0);
}

/* The live process pid names for caller (0: itself), or NULL. */
static struct proc *target(struct proc *caller, int64_t pid)
{
	struct proc *p = pid == 0 ? caller : proc_find((int32_t)pid);

	return p && p->state != PROC_ZOMBIE ? p : NULL;
}

static bool prio_matches(const struct proc *p, uint64_t which, int64_t who)
{
	switch (which) {
	case PRIO_PROCESS_W: return p->pid == who;
	case PRIO_PGRP_W: return p->pgid == who;
	default: return p->cred.ruid == (uint32_t)who;
	}
}

/* Set p's attributes to n if the caller may: 0 or -errno. */
static int change(struct proc *caller, struct proc *p, const struct sched_attr *n)
{
	if (!policy_same_owner(caller->cred.euid, p->cred.ruid, p->cred.euid))
		return -EPERM;
	int err = policy_may_change(caller->cred.euid, &p->sched, n);
	if (err)
		return err;
	p->sched = *n;
	sched_apply(p);
	return 0;
}

static void do_priority(struct req *r)
{
	struct proc *caller = r->p;
	uint64_t which = r->m.w[0];
	int64_t who = (int64_t)r->m.w[1];
	bool set = MSG_LABEL(r->m.info) == PROC_SETPRIORITY;
	int nice = policy_clamp_nice((int64_t)r->m.w[2]);
	int err = -ESRCH, low = NICE_MAX + 1;

	if (which > PRIO_USER_W || who < 0 || who > UINT32_MAX) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	if (who == 0)
		who = which == PRIO_PROCESS_W ? caller->pid :
		      which == PRIO_PGRP_W ? caller->pgid : caller->cred.ruid;
	for (struct proc *p = proc_first(); p; p = proc_next(p)) {
		if (p->state == PROC_ZOMBIE || !prio_matches(p, which, who))
			continue;
		if (!set) {
			if (p->sched.nice < low)
				low = p->sched.nice;
			err = 0;
			continue;
		}
		/* Linux: every match is tried, the last error is the answer. */
		struct sched_attr n = p->sched;
		n.nice = (int8_t)nice;
		int e = change(caller, p, &n);
		err = err == -ESRCH || e ? e : err;
	}
	r->w[0] = (uint64_t)(int64_t)err;
	r->w[1] = (uint64_t)(int64_t)(set || err ? 0 : low);
}

void do_sched(struct req *r)
{
	int64_t pid = (int64_t)r->m.w[0];
	struct proc *p;

	if (MSG_LABEL(r->m.info) == PROC_SETPRIORITY ||
	    MSG_LABEL(r->m.info) == PROC_GETPRIORITY) {
		do_priority(r);
		return;
	}
	if (pid < 0 || pid >= PID_MAX) {
		r->w[0] = (uint64_t)(pid < 0 ? -EINVAL : -ESRCH);
		return;
	}
	if (!(p = target(r->p, pid))) {
		r->w[0] = (uint64_t)-ESRCH;
		return;
	}
	if (MSG_LABEL(r->m.info) == PROC_SCHED_GET) {
		if (r->m.w[1] == 1) {
			r->w[1] = (uint64_t)policy_interval_ms(&p->sched) * 1000;
		} else {
			r->w[1] = p->sched.policy |
				  (p->sched.reset_on_fork ? POLICY_RESET_ON_FORK : 0);
			r->w[2] = p->sched.rt_prio;
		}
		return;
	}
	/* PROC_SCHED_SET: policy -1 keeps the policy (sched_setparam). */
	int64_t policy = (int64_t)r->m.w[1], prio = (int64_t)r->m.w[2];
	bool keep = policy == -1;
	if (keep)
		policy = p->sched.policy |
			 (p->sched.reset_on_fork ? POLICY_RESET_ON_FORK : 0);
	int err = policy_check_param(policy, prio);
	if (!err) {
		struct sched_attr n = p->sched;
		n.policy = (uint8_t)(policy & ~(int64_t)POLICY_RESET_ON_FORK);
		n.reset_on_fork = policy & POLICY_RESET_ON_FORK;
		n.rt_prio = (uint8_t)prio;
		err = change(r->p, p, &n);
		if (err == -EACCES)
			err = -EPERM;
	}
	r->w[0] = (uint64_t)(int64_t)err;
}
