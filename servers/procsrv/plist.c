/*
 * plist.c: PROC_PS, the process list as ps and pstree read it: one
 * process's record a call, found by a pid cursor (the first process with
 * pid >= cursor), so a walk of the whole table takes one call per process
 * and no state is kept between calls. Any process may ask (as /proc is
 * readable by all on Linux). The system's servers (procsrv, fs) are
 * tasks, not processes: a second list, by index, tells them.
 * docs/proto-procsrv.md has the layout.
 */
#include <string.h>

#include "procsrv.h"

/* 'R' if some thread can run, 'S' if all wait (in procsrv, or blocked
 * in IPC: on fs's pipes, a server), 'T' stopped, 'Z' zombie. The thread
 * asking runs (it is blocked only in this very call). */
static char state_of(struct proc *p, const struct thread *asking)
{
	if (p->state == PROC_ZOMBIE)
		return 'Z';
	if (p->state == PROC_STOPPED)
		return 'T';
	for (struct thread *t = p->threads; t; t = t->next) {
		struct task_info ti;
		if (t == asking)
			return 'R';
		if (t->reply)
			continue;
		if (t->task && sys_task_info(t->task, &ti) == 0 &&
		    ti.state == TASK_INFO_BLOCKED)
			continue;
		return 'R';
	}
	return 'S';
}

/* The system's servers: procsrv (the root task) and those it starts. */
static struct {
	char name[PROC_COMM];
	slot_t task;
} servers[PLIST_SERVERS] = { { "procsrv", ROOT_SLOT_TASK } };
static unsigned nservers = 1;

void plist_server(const char *name, slot_t task)
{
	if (nservers == PLIST_SERVERS)
		return;
	strncpy(servers[nservers].name, name, PROC_COMM - 1);
	servers[nservers++].task = task;
}

/* A server's record: root's, FIFO at its level, one thread. */
static void server_record(struct req *r, unsigned i)
{
	struct task_info ti;
	uint64_t *x = r->extra;

	memset(x, 0, PROC_PS_WORDS * sizeof(uint64_t));
	if (sys_task_info(servers[i].task, &ti))
		memset(&ti, 0, sizeof(ti));
	r->w[0] = i + 1;
	r->w[1] = r->w[2] = 0;
	x[PROC_PS_STATE] = ti.state == TASK_INFO_RUNNABLE ? 'R' : 'S';
	x[PROC_PS_POLICY] = POLICY_FIFO;
	x[PROC_PS_LEVEL] = ti.prio;
	x[PROC_PS_UTIME] = ticks_to_us(ti.utime);
	x[PROC_PS_STIME] = ticks_to_us(ti.stime);
	x[PROC_PS_NTHREADS] = 1;
	memcpy(&x[PROC_PS_COMM], servers[i].name, strnlen(servers[i].name, PROC_COMM));
	r->nextra = PROC_PS_WORDS;
}

void do_ps(struct req *r)
{
	int64_t cursor = (int64_t)r->m.w[0];
	struct proc *best = NULL;

	if (cursor < 0 || r->m.w[1] > 1) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	if (r->m.w[1] == 1) {
		if ((uint64_t)cursor < nservers)
			server_record(r, (unsigned)cursor);
		else
			r->w[0] = 0;
		return;
	}
	for (struct proc *p = proc_first(); p; p = proc_next(p))
		if (p->pid >= cursor && (!best || p->pid < best->pid))
			best = p;
	if (!best) {
		r->w[0] = 0;
		return;
	}
	uint64_t ut = 0, st = 0;
	if (best->state != PROC_ZOMBIE)
		proc_times(best, &ut, &st);
	else {
		ut = best->utime;
		st = best->stime;
	}
	struct sched_params sp = policy_params(&best->sched, (uint32_t)ticks_hz(), 0);
	uint64_t *x = r->extra;
	r->w[0] = (uint64_t)best->pid;
	r->w[1] = best->parent ? (uint64_t)best->parent->pid : 0;
	r->w[2] = best->cred.ruid;
	x[PROC_PS_STATE] = (uint64_t)state_of(best, r->t);
	x[PROC_PS_NICE] = (uint64_t)(int64_t)best->sched.nice;
	x[PROC_PS_POLICY] = best->sched.policy |
			    (best->sched.reset_on_fork ? POLICY_RESET_ON_FORK : 0);
	x[PROC_PS_RTPRIO] = best->sched.rt_prio;
	x[PROC_PS_LEVEL] = sp.level;
	x[PROC_PS_UTIME] = ticks_to_us(ut);
	x[PROC_PS_STIME] = ticks_to_us(st);
	x[PROC_PS_NTHREADS] = best->nthreads;
	x[PROC_PS_PGID] = (uint64_t)best->pgid;
	x[PROC_PS_SID] = (uint64_t)best->sid;
	x[PROC_PS_EUID] = best->cred.euid;
	x[PROC_PS_COMM] = x[PROC_PS_COMM + 1] = 0;
	memcpy(&x[PROC_PS_COMM], best->comm, strnlen(best->comm, PROC_COMM));
	r->nextra = PROC_PS_WORDS;
}
