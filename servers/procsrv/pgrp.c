/*
 * pgrp.c: process groups and sessions (proc.h). Entry points:
 * proc_setpgid(), proc_setsid(), proc_getpgid(), proc_getsid(),
 * proc_pgrp_exists().
 *
 * A group or a session is not an object of its own: it is the number in
 * its members' pgid or sid, as in POSIX. It exists while some record
 * carries it. A zombie is a process until it is reaped (its pid, group
 * and session are still held, as on Linux), so zombies count everywhere
 * here except in proc_pgrp_exists(), whose contract asks for a process
 * that can still receive a signal.
 *
 * The checks of setpgid follow Linux's order, so a call that breaks two
 * rules fails as it would there: EINVAL (pgid < 0), ESRCH (no such
 * process, or neither the caller nor its child), then for a child EPERM
 * (another session) before EACCES (it has exec'd), then EPERM (target is
 * a session leader), then EPERM (pgid names no group of the caller's
 * session).
 */
#include <stddef.h>

#include "proc.h"
#include "uapi/errno.h"

/* Does any record, zombies included, carry group pgid in session sid? */
static bool group_in_session(int32_t pgid, int32_t sid)
{
	for (struct proc *p = proc_first(); p; p = proc_next(p))
		if (p->pgid == pgid && p->sid == sid)
			return true;
	return false;
}

/* Is pgid the group of any record, zombies included? */
static bool group_held(int32_t pgid)
{
	for (struct proc *p = proc_first(); p; p = proc_next(p))
		if (p->pgid == pgid)
			return true;
	return false;
}

bool proc_pgrp_exists(int32_t pgid)
{
	if (pgid <= 0)
		return false;
	for (struct proc *p = proc_first(); p; p = proc_next(p))
		if (p->pgid == pgid && p->state != PROC_ZOMBIE)
			return true;
	return false;
}

int proc_setpgid(struct proc *caller, int32_t pid, int32_t pgid)
{
	struct proc *p;

	if (pid == 0)
		pid = caller->pid;
	if (pgid == 0)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	p = proc_find(pid);
	if (!p)
		return -ESRCH;
	if (p != caller) {
		if (p->parent != caller)
			return -ESRCH;
		if (p->sid != caller->sid)
			return -EPERM;
		if (p->execed)
			return -EACCES;
	}
	if (p->sid == p->pid)
		return -EPERM;  /* a session leader stays its group's leader */
	/* A new group is named by its leader's pid; joining one needs a
	 * member in the caller's session (p is in that session already). */
	if (pgid != pid && !group_in_session(pgid, caller->sid))
		return -EPERM;
	p->pgid = pgid;
	return 0;
}

/* Leading a group already (its pid names a group, even one it has left,
 * while any member remains) or a session forbids a new session: the old
 * group would otherwise span two sessions. */
int32_t proc_setsid(struct proc *caller)
{
	if (caller->sid == caller->pid || group_held(caller->pid))
		return -EPERM;
	caller->sid = caller->pid;
	caller->pgid = caller->pid;
	return caller->pid;
}

/* pid 0 is the caller; a negative pid names nothing. */
static struct proc *target(struct proc *caller, int32_t pid)
{
	return pid == 0 ? caller : proc_find(pid);
}

int32_t proc_getpgid(struct proc *caller, int32_t pid)
{
	struct proc *p = target(caller, pid);

	return p ? p->pgid : -ESRCH;
}

/* POSIX allows EPERM for a process of another session; Linux does not
 * give it, nor do we. */
int32_t proc_getsid(struct proc *caller, int32_t pid)
{
	struct proc *p = target(caller, pid);

	return p ? p->sid : -ESRCH;
}
