/*
 * proc.c: procsrv's process table, pids and the process tree (proc.h).
 * Entry points: proc_table_init(), proc_alloc() / proc_free(),
 * proc_find(), proc_first() / proc_next(), proc_count*(), proc_link() /
 * proc_unlink() / proc_reparent_children(), proc_wait_matches() /
 * proc_wait_find(). Groups and sessions are in pgrp.c, credentials and
 * limits in cred.c.
 *
 * The table is an array of PROC_MAX records whose pages are mapped as
 * records are first used (table_space, area.h); a record is in use
 * when its state is not PROC_FREE. A direct map from pid to record
 * (pid_slot) makes proc_find() one load: procsrv looks a process up on
 * every message it gets.
 *
 * Pids are given upward from the last one given, as Linux does, so a
 * number is not reused soon after its process is reaped (a stale pid in
 * a shell variable then names nothing rather than a stranger). After
 * PID_MAX - 1 the count wraps to 2: 1 is init's and given only once. A
 * number still used as some record's pid, process-group id or session id
 * is skipped, zombies included: a new process must not join a group or
 * session by the accident of its number, and setsid()/setpgid() rely on
 * a fresh pid naming no group. The tids of every process's threads are
 * skipped too, and proc_new_tid() gives a thread its tid by the same
 * rule: pids and tids are one name space (as on Linux), and a tid is the
 * badge procsrv knows a thread by, so two live threads must never share
 * one.
 *
 * Pure bookkeeping: no system calls, no allocation, so it builds for the
 * host tests and for the freestanding guest alike.
 */
#include <stddef.h>
#include <string.h>

#include "proc.h"

/* The table is mapped as it is first used (area.h's table_space):
 * records from hw up were never used (free, maybe not mapped). */
static struct proc *table;          /* [PROC_MAX] */
static uint32_t hw;
static uint16_t pid_slot[PID_MAX];  /* record index + 1 by pid, 0 = none */
static uint32_t nprocs;
static int32_t last_pid;            /* the pid given last, 0 before init */
static uint32_t next_free;          /* where the search for a record starts */
/* The used records' indices, in no order (used[0 .. nprocs)), and each
 * record's place in it: next_pid() visits only the records in use. */
static uint16_t used[PROC_MAX], used_at[PROC_MAX];

/* One bit per number taken as a pid, pgid, sid or tid: set by each
 * next_pid() from the records in use and cleared again before it returns
 * (callers set pgid and sid directly, so no count of them can be kept up
 * to date here). All zero between calls. Static: too large for a server
 * stack. */
static uint64_t taken[PID_MAX / 64];

_Static_assert(PID_MAX % 64 == 0, "taken[] holds whole words");
_Static_assert(PROC_MAX < 65535, "pid_slot holds an index + 1 in 16 bits");
_Static_assert(PROC_MAX < PID_MAX - 1, "every record can have a pid");

static void zero(void *p, size_t n)
{
	memset(p, 0, n);
}

void proc_table_init(void)
{
	if (!table)
		table = table_space(PROC_MAX * sizeof(*table));
	if (hw)
		zero(table, hw * sizeof(*table));
	hw = 0;
	zero(pid_slot, sizeof(pid_slot));
	zero(taken, sizeof(taken));
	nprocs = 0;
	last_pid = 0;
	next_free = 0;
}

static void mark(int32_t n, bool on)
{
	if (n > 0 && n < PID_MAX) {
		if (on)
			taken[n / 64] |= 1ull << (n % 64);
		else
			taken[n / 64] = 0;   /* each of its bits was set by this call */
	}
}

/* Set (or clear) the bits of every number the records in use hold. */
static void mark_used(bool on)
{
	for (uint32_t i = 0; i < nprocs; i++) {
		const struct proc *p = &table[used[i]];
		mark(p->pid, on);
		mark(p->pgid, on);
		mark(p->sid, on);
		for (struct thread *t = p->threads; t; t = t->next)
			mark((int32_t)t->tid, on);
	}
}

static bool is_taken(int32_t n)
{
	return taken[n / 64] >> (n % 64) & 1;
}

/* The next free number after last_pid, or 0 if every one is taken. */
static int32_t next_pid(void)
{
	int32_t n = last_pid, found = 0;

	mark_used(true);
	/* 2 .. PID_MAX-1 each visited at most once; 1 only on the first
	 * call, when last_pid is 0. */
	for (int32_t tries = 0; tries < PID_MAX - 1; tries++) {
		n++;
		if (n >= PID_MAX || n < 1)
			n = 2;
		if (!is_taken(n)) {
			found = n;
			break;
		}
	}
	mark_used(false);
	return found;
}

struct proc *proc_alloc(void)
{
	struct proc *p = NULL;
	int32_t pid;

	if (nprocs >= PROC_MAX || !table)
		return NULL;
	pid = next_pid();
	if (pid == 0)
		return NULL;
	/* Round the records used so far; a new one only when all are
	 * taken: the table's memory follows the most processes at once. */
	for (uint32_t i = 0; i < hw; i++) {
		uint32_t k = (next_free + i) % hw;

		if (table[k].state == PROC_FREE) {
			p = &table[k];
			break;
		}
	}
	if (!p)
		p = &table[hw];   /* hw < PROC_MAX: nprocs < PROC_MAX */
	/* A record used for the first time: no memory for it is a full
	 * table. */
	if ((uint32_t)(p - table) >= hw) {
		if (table_need(p, sizeof(*p)))
			return NULL;
		hw = (uint32_t)(p - table) + 1;
	}
	next_free = (uint32_t)(p - table) + 1;

	zero(p, sizeof(*p));
	p->pid = pid;
	p->state = PROC_RUNNING;
	/* Credentials all 0 (root) with no supplementary groups, as the
	 * zeroed record already says. */
	proc_default_rlimits(p->rlim);
	pid_slot[pid] = (uint16_t)(p - table + 1);
	last_pid = pid;
	used_at[p - table] = (uint16_t)nprocs;
	used[nprocs++] = (uint16_t)(p - table);
	return p;
}

int32_t proc_new_tid(void)
{
	int32_t tid = next_pid();

	if (tid)
		last_pid = tid;
	return tid;
}

/* The record is wiped, so a stale pointer to it finds PROC_FREE and pid
 * 0. If it is still linked to a parent it is unlinked, and areas left in
 * its map go back to the pool, so a caller's slip does not corrupt the
 * tree or leak the pool. */
void proc_free(struct proc *p)
{
	if (p->parent)
		proc_unlink(p);
	area_clear(&p->mm);
	if (p->pid > 0 && p->pid < PID_MAX)
		pid_slot[p->pid] = 0;
	zero(p, sizeof(*p));
	uint16_t at = used_at[p - table], last = used[--nprocs];
	used[at] = last;
	used_at[last] = at;
}

struct proc *proc_find(int32_t pid)
{
	uint16_t s;

	if (pid <= 0 || pid >= PID_MAX)
		return NULL;
	s = pid_slot[pid];
	return s ? &table[s - 1] : NULL;
}

static struct proc *used_from(uint32_t i)
{
	for (; i < hw; i++)
		if (table[i].state != PROC_FREE)
			return &table[i];
	return NULL;
}

struct proc *proc_first(void)
{
	return used_from(0);
}

struct proc *proc_next(struct proc *p)
{
	return used_from((uint32_t)(p - table) + 1);
}

uint32_t proc_count(void)
{
	return nprocs;
}

uint32_t proc_count_uid(uint32_t ruid)
{
	uint32_t n = 0;

	for (struct proc *p = proc_first(); p; p = proc_next(p))
		if (p->cred.ruid == ruid)
			n++;
	return n;
}

/* ---- the tree ------------------------------------------------------------ */

void proc_link(struct proc *parent, struct proc *child)
{
	struct proc **pp = &parent->children;

	while (*pp)
		pp = &(*pp)->sibling;
	*pp = child;
	child->sibling = NULL;
	child->parent = parent;
}

void proc_unlink(struct proc *p)
{
	struct proc **pp;

	if (!p->parent)
		return;
	for (pp = &p->parent->children; *pp; pp = &(*pp)->sibling) {
		if (*pp == p) {
			*pp = p->sibling;
			break;
		}
	}
	p->parent = NULL;
	p->sibling = NULL;
}

/* The whole list of children moves at once, appended after init's own,
 * so ps and pstree see the orphans in the order they were born. */
uint32_t proc_reparent_children(struct proc *dying, struct proc *init)
{
	struct proc **tail = &init->children;
	uint32_t zombies = 0;

	if (dying == init || !dying->children)
		return 0;
	while (*tail)
		tail = &(*tail)->sibling;
	*tail = dying->children;
	dying->children = NULL;
	for (struct proc *c = *tail; c; c = c->sibling) {
		c->parent = init;
		if (c->state == PROC_ZOMBIE)
			zombies++;
	}
	return zombies;
}

/* ---- wait ---------------------------------------------------------------- */

/* pid is widened before it is negated: -INT32_MIN does not fit an
 * int32_t. No group has that number, so wait(INT32_MIN) matches nothing
 * and gives ECHILD (Linux gives ESRCH for it; the caller may check). */
struct proc_wait_sel proc_wait_select(const struct proc *parent, int32_t pid)
{
	if (pid > 0)
		return (struct proc_wait_sel){ PROC_P_PID, pid };
	if (pid == -1)
		return (struct proc_wait_sel){ PROC_P_ALL, 0 };
	if (pid == 0)
		return (struct proc_wait_sel){ PROC_P_PGID, parent->pgid };
	return (struct proc_wait_sel){ PROC_P_PGID, -(int64_t)pid };
}

bool proc_wait_selects(const struct proc *parent, const struct proc *child,
		       struct proc_wait_sel sel)
{
	if (child->parent != parent || child->state == PROC_FREE)
		return false;
	switch (sel.idtype) {
	case PROC_P_ALL: return true;
	case PROC_P_PID: return child->pid == sel.id;
	case PROC_P_PGID: return child->pgid == sel.id;
	}
	return false;
}

bool proc_wait_matches(const struct proc *parent, const struct proc *child,
		       int32_t pid)
{
	return proc_wait_selects(parent, child, proc_wait_select(parent, pid));
}

struct proc *proc_wait_find(struct proc *parent, int32_t pid, bool *any)
{
	*any = false;
	for (struct proc *c = parent->children; c; c = c->sibling) {
		if (!proc_wait_matches(parent, c, pid))
			continue;
		*any = true;
		if (c->state == PROC_ZOMBIE)
			return c;
	}
	return NULL;
}
