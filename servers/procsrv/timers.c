/*
 * procsrv's timers: alarm and ITIMER_REAL, ITIMER_VIRTUAL and
 * ITIMER_PROF, and RLIMIT_CPU. What fires them reaches procsrv while it
 * waits for messages through a notification bound to its own task
 * (SYS_TASK_BIND, docs/decisions.md 29): its receive returns with info
 * IPC_INFO_NOTIFY and the notification's bits as badge.
 *
 *   NOTE_REAL  the one kernel timer procsrv keeps armed (SYS_TIMER_SET)
 *              for the earliest real-time deadline of all processes;
 *              each process's deadline and interval are kept here.
 *   NOTE_CPU   a CPU-time alarm (SYS_TASK_CPU_ALARM) of some thread: its
 *              process may have reached RLIMIT_CPU or a CPU timer.
 *
 * Neither bit says which process: procsrv looks at each that has
 * something armed (a few; at most PROC_MAX records, and firing is rare).
 *
 * CPU time is a process's, the sum over its threads (dead ones
 * included, p->utime), but an alarm is one task's. So each thread's
 * alarm is set at its own time plus ceil(left / threads), where left is
 * what the process has to go to its nearest target: the sum cannot get
 * there before some thread's alarm fires. When one fires procsrv adds up
 * again and acts, or sets them all again with what is left. The target
 * is therefore passed by at most about a tick per thread (and the kernel
 * samples: a tick goes wholly to whoever it catches).
 *
 * Without signal handlers (the signals issue), each expiry is its
 * signal's default action: SIGALRM, SIGVTALRM and SIGPROF end the
 * process, SIGXCPU too (with the core-dump bit). An ignored signal
 * (SIG_IGN) leaves it running, and an interval timer reloads. RLIMIT_CPU:
 * SIGXCPU at the soft limit (unless ignored), SIGKILL at the hard one.
 *
 * Entry points: timers_init, timers_fired, timers_cpu_check (after a
 * change: setrlimit, fork, a new thread, exec), timers_exit, and the
 * calls PROC_SETITIMER, PROC_GETITIMER (do_itimer).
 */
#include <pith/clock.h>

#include "procsrv.h"

#define NOTE_REAL 1u
#define NOTE_CPU  2u

#define ITIMER_REAL_L    0
#define ITIMER_VIRTUAL_L 1
#define ITIMER_PROF_L    2

static slot_t note_real, note_cpu;   /* the bound notification, badged */
slot_t srv_note;                     /* the notification itself */
static uint64_t real_armed = TIMER_NEVER;

void timers_init(void)
{
	slot_t n = slot_get();

	note_real = slot_get();
	note_cpu = slot_get();
	if (!n || !note_real || !note_cpu ||
	    sys_obj_create(ROOT_SLOT_POOL, CAP_NOTIFICATION, n, 0) ||
	    sys_cap_mint(n, 0, note_real, RIGHT_WRITE, NOTE_REAL) ||
	    sys_cap_mint(n, 0, note_cpu, RIGHT_WRITE, NOTE_CPU) ||
	    sys_task_bind(ROOT_SLOT_TASK, n))
		printf("procsrv: no timers (alarm, setitimer, RLIMIT_CPU)\n");
	/* n stays: the badged copies and the binding need the object. */
	srv_note = n;
	/* Above every process, real-time ones included (sched.c): a timer's
	 * signal then runs procsrv at once, and no process can starve it.
	 * FIFO: it always blocks soon. */
	sys_sched_set(ROOT_SLOT_TASK, LEVEL_SERVER, 0);
}

static uint64_t us_to_ticks(uint64_t us)   /* rounded up */
{
	uint64_t tick_us = 1000000 / ticks_hz();

	return us / tick_us + (us % tick_us != 0);
}

static bool alive(const struct proc *p)
{
	return p->state == PROC_RUNNING || p->state == PROC_STOPPED;
}

/* Processes to look at (do_kill's way: delivering may free records). */
static struct proc *pick[PROC_MAX];

/* ---- real time ------------------------------------------------------------ */

/* Keep the one kernel timer at the earliest deadline. */
static void real_arm(void)
{
	uint64_t first = TIMER_NEVER;

	for (struct proc *p = proc_first(); p; p = proc_next(p))
		if (alive(p) && ps(p)->real_at && ps(p)->real_at < first)
			first = ps(p)->real_at;
	if (first != real_armed) {
		sys_timer_set(note_real, first);
		real_armed = first;
	}
}

static void real_fired(void)
{
	uint64_t now = pith_clock_ns();
	unsigned n = 0;

	real_armed = TIMER_NEVER;       /* it fired: nothing is armed */
	for (struct proc *p = proc_first(); p; p = proc_next(p))
		if (alive(p) && ps(p)->real_at && ps(p)->real_at <= now)
			pick[n++] = p;
	for (unsigned i = 0; i < n; i++) {
		struct pserv *s = ps(pick[i]);
		if (!alive(pick[i]))
			continue;
		if (s->real_every) {
			while (s->real_at <= now)
				s->real_at += s->real_every;
		} else {
			s->real_at = 0;
		}
		proc_signal(pick[i], SIGALRM);
	}
	real_arm();
}

/* ---- CPU time -------------------------------------------------------------- */

/* limit seconds as ticks (0: none). */
static uint64_t limit_ticks(uint64_t limit)
{
	if (limit == RLIM_INFINITY || limit > (~0ull >> 1) / ticks_hz())
		return 0;
	return limit * ticks_hz();
}

static uint64_t min_target(uint64_t a, uint64_t b)
{
	return !a ? b : !b ? a : a < b ? a : b;
}

/* A CPU timer at its target: reload or disarm, then its signal. True if
 * the process ended. */
static bool cpu_expire(struct proc *p, uint64_t *at, uint64_t every,
		       uint64_t now, int sig)
{
	if (every)
		while (*at <= now)
			*at += every;
	else
		*at = 0;
	return proc_signal(p, sig);
}

/* Set each thread's alarm for the process's nearest targets (0: none). */
static void cpu_arm(struct proc *p, uint64_t ut, uint64_t tot,
		    uint64_t user_target, uint64_t total_target)
{
	uint64_t n = p->nthreads ? p->nthreads : 1;
	uint64_t ul = user_target ? user_target - ut : 0;
	uint64_t tl = total_target ? total_target - tot : 0;
	uint64_t ustep = (ul + n - 1) / n, tstep = (tl + n - 1) / n;

	for (struct thread *t = p->threads; t; t = t->next) {
		struct task_info ti;
		if (!t->task || sys_task_info(t->task, &ti))
			continue;
		uint64_t u = ul ? ti.utime + (ustep ? ustep : 1) : 0;
		uint64_t a = tl ? ti.utime + ti.stime + (tstep ? tstep : 1) : 0;
		sys_task_cpu_alarm(t->task, u, a, (u || a) ? note_cpu : 0,
				   NULL, NULL);
	}
	ps(p)->cpu_armed = user_target || total_target;
}

void timers_cpu_check(struct proc *p)
{
	struct pserv *s = ps(p);
	uint64_t ut, st, tot;

	if (!alive(p))
		return;
	proc_times(p, &ut, &st);
	tot = ut + st;
	uint64_t hard = limit_ticks(p->rlim[RLIM_CPU].max);
	uint64_t soft = proc_ignores(p, SIGXCPU) ? 0
		      : limit_ticks(p->rlim[RLIM_CPU].cur);
	if (hard && tot >= hard) {
		proc_signal(p, SIGKILL);
		return;
	}
	if (soft && tot >= soft && proc_signal(p, SIGXCPU))
		return;
	if (s->prof_at && tot >= s->prof_at &&
	    cpu_expire(p, &s->prof_at, s->prof_every, tot, SIGPROF))
		return;
	if (s->virt_at && ut >= s->virt_at &&
	    cpu_expire(p, &s->virt_at, s->virt_every, ut, SIGVTALRM))
		return;
	if (soft && tot >= soft)
		soft = 0;                   /* SIGXCPU did not end it */
	uint64_t total_target = min_target(min_target(hard, soft), s->prof_at);
	if (total_target || s->virt_at || s->cpu_armed)
		cpu_arm(p, ut, tot, s->virt_at, total_target);
}

static void cpu_fired(void)
{
	unsigned n = 0;

	for (struct proc *p = proc_first(); p; p = proc_next(p))
		if (alive(p) && ps(p)->cpu_armed)
			pick[n++] = p;
	for (unsigned i = 0; i < n; i++)
		timers_cpu_check(pick[i]);
}

void timers_fired(uint64_t bits)
{
	if (bits & NOTE_REAL)
		real_fired();
	if (bits & NOTE_CPU)
		cpu_fired();
}

void timers_exit(struct proc *p)
{
	struct pserv *s = ps(p);

	if (s) {
		s->real_at = s->real_every = 0;
		s->virt_at = s->virt_every = s->prof_at = s->prof_every = 0;
		s->cpu_armed = false;
	}
}

/* ---- PROC_SETITIMER, PROC_GETITIMER ---------------------------------------- */

/* Of a CPU timer: what is left and the interval, in µs. */
static void cpu_old(uint64_t at, uint64_t every, uint64_t now, uint64_t *w)
{
	w[1] = at ? ticks_to_us(at > now ? at - now : 1) : 0;
	w[2] = ticks_to_us(every);
}

/* (which, value µs, interval µs) -> w1, w2 = the old value and interval
 * (µs); PROC_GETITIMER (which) -> the same without a change. */
void do_itimer(struct req *r)
{
	struct proc *p = r->p;
	struct pserv *s = ps(p);
	uint64_t which = r->m.w[0], value = r->m.w[1], every = r->m.w[2];
	bool set = MSG_LABEL(r->m.info) == PROC_SETITIMER;
	uint64_t ut, st, now;

	if (which > ITIMER_PROF_L) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	if (which == ITIMER_REAL_L) {
		now = pith_clock_ns();
		r->w[1] = s->real_at ? (s->real_at > now ? s->real_at - now : 1000) : 0;
		r->w[1] = (r->w[1] + 999) / 1000;
		r->w[2] = s->real_every / 1000;
		if (!set)
			return;
		/* µs of up to 2^64-1 would overflow as ns: far enough is never. */
		s->real_at = !value ? 0 : value >= (TIMER_NEVER - now) / 1000
			     ? TIMER_NEVER - 1 : now + value * 1000;
		s->real_every = (every < (1ull << 50) ? every : 1ull << 50) * 1000;
		real_arm();
		return;
	}
	proc_times(p, &ut, &st);
	bool virt = which == ITIMER_VIRTUAL_L;
	now = virt ? ut : ut + st;
	uint64_t *at = virt ? &s->virt_at : &s->prof_at;
	uint64_t *ev = virt ? &s->virt_every : &s->prof_every;
	cpu_old(*at, *ev, now, r->w);
	if (!set)
		return;
	*at = value ? now + us_to_ticks(value) : 0;
	*ev = us_to_ticks(every);
	timers_cpu_check(p);
	r->reply = alive(p);
}
