/*
 * What init does next, without doing it: the order in which the entries of
 * a parsed inittab run, which reaped child belonged to which entry, and
 * the respawn rate limiter. No system calls: time comes in as seconds of a
 * monotonic clock and pids are plain numbers, so the host unit tests drive
 * it through hours of deaths and restarts in microseconds. init.c turns
 * each step into fork/exec, a console write or a wait.
 *
 * The order (sysvinit's): every sysinit entry, one at a time, each waited
 * for; then boot and bootwait entries in file order (bootwait waited for);
 * then the entries of the runlevel in file order: wait entries are waited
 * for before any later line starts, once and respawn entries are started
 * and not waited for. off and initdefault entries never run. Respawn
 * entries already started keep being restarted while a later wait entry
 * runs.
 */
#ifndef PITH_INIT_PLAN_H
#define PITH_INIT_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "inittab.h"

/* sysvinit's limits: PLAN_RESPAWN_MAX starts within PLAN_RESPAWN_WINDOW
 * seconds and the next start is refused; the entry then rests for
 * PLAN_RESPAWN_REST seconds. */
#define PLAN_RESPAWN_MAX 10
#define PLAN_RESPAWN_WINDOW 120
#define PLAN_RESPAWN_REST 300

/* Per entry of the table. */
struct plan_slot {
	long pid;          /* the running child, or 0 */
	bool started;      /* reached by the boot sequence (once: started) */
	bool resting;      /* respawn refused until rest_until */
	uint64_t rest_until;
	uint64_t starts[PLAN_RESPAWN_MAX]; /* ring of recent start times */
	unsigned nstarts, head;            /* head: the oldest once full */
};

struct plan {
	const struct inittab *tab;
	char runlevel;
	unsigned pass;     /* 0 sysinit, 1 boot, 2 runlevel, 3 done */
	size_t next;       /* next entry to look at in this pass */
	long waiting;      /* entry waited for, or -1 */
	struct plan_slot slot[INITTAB_MAX_ENTRIES];
	char msg[96];      /* the text of the last PLAN_SAY */
};

enum plan_do {
	PLAN_START, /* run tab->entry[entry]; then call plan_started() */
	PLAN_SAY,   /* write text to the console */
	PLAN_WAIT,  /* reap children; give up after timeout seconds
		       (-1: no timer is due, wait for a child only) */
};

struct plan_step {
	enum plan_do what;
	size_t entry;     /* PLAN_START */
	long timeout;     /* PLAN_WAIT: > 0, or -1 */
	const char *text; /* PLAN_SAY: NUL-terminated, valid until the next
			     plan_next() */
};

/* Start a plan for table t (which must outlive it) in runlevel rl. */
void plan_init(struct plan *p, const struct inittab *t, char rl);

/* What to do now. Every PLAN_START must be answered by plan_started()
 * before the next call, or the same entry is handed out again. */
struct plan_step plan_next(struct plan *p, uint64_t now);

/* Entry i was started at now as pid (<= 0: the fork failed; the start
 * still counts for the rate limiter, a waited entry is given up). */
void plan_started(struct plan *p, size_t i, long pid, uint64_t now);

enum plan_reap_do {
	PLAN_REAP_ORPHAN,  /* not an entry's child: nothing to do */
	PLAN_REAP_DONE,    /* an entry that runs once has ended */
	PLAN_REAP_RESPAWN, /* a respawn entry: plan_next() restarts it now */
	PLAN_REAP_REST,    /* a respawn entry over the rate limit: it rests
			      (plan_next() says so) until rest_until */
};

struct plan_reap {
	enum plan_reap_do what;
	long entry;          /* -1 for an orphan */
	uint64_t rest_until; /* PLAN_REAP_REST */
};

/* A child died: whose was it and what follows. The exit status does not
 * matter: like sysvinit, init restarts a respawn entry however it ended. */
struct plan_reap plan_reaped(struct plan *p, long pid, uint64_t now);

#endif
