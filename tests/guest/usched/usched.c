/*
 * usched: the root task of the scheduling test image. It checks the
 * scheduler's mechanism from user mode on both arches: priorities and
 * preemption, round robin and FIFO within a level, SYS_SCHED_SET and
 * SYS_TASK_INFO, and the quantum report to a scheduler endpoint. Helpers
 * (spin.c) share one page with it to report progress. Output: "TEST <name>
 * PASS|FAIL" lines and "N passed, N failed"; the exit status (0 = all
 * passed) becomes QEMU's.
 *
 * No check depends on the host's speed: waits are bounded by ticks the
 * tasks were charged (SYS_TASK_INFO), and checks are about order (who ran
 * while whom was runnable), never about ratios of time.
 */
#include <stdbool.h>

#include <pith/machine.h>
#include <pith/spawn.h>
#include <pith/syscall.h>
#include <stdio.h>
#include <string.h>

#include <pith/cpio.h>
#include "usched.h"

#include "../check.h"

#define CON ROOT_SLOT_CONSOLE
#define POOL ROOT_SLOT_POOL
#define SELF ROOT_SLOT_TASK
#define WINDOW 0x20000000ull   /* free range of our address space */
#define ROOT_PRIO 100          /* above every child unless a test says */
#define ROOT_QUANTUM 5

static const struct pith_bootinfo *bi;
static struct shared *const sh = (struct shared *)SHARED_VA;
static slot_t next_free, shared_frame, done_ntfn, sig_ntfn;
static slot_t live[MAX_CHILD];   /* children not reaped yet, by idx */

static slot_t new_slot(void)
{
	return next_free++;
}

static const void *image_file(const char *name, size_t *size)
{
	struct cpio_file f;

	if (cpio_find((const void *)bi->image_vaddr, bi->image_size, name, &f))
		return NULL;
	*size = f.size;
	return f.data;
}

/* A fresh start for a test: zeroed shared page, new notifications. */
static bool begin(void)
{
	memset((void *)sh, 0, sizeof(*sh));
	done_ntfn = new_slot();
	sig_ntfn = new_slot();
	return sys_obj_create(POOL, CAP_NOTIFICATION, done_ntfn, 0) == 0 &&
	       sys_obj_create(POOL, CAP_NOTIFICATION, sig_ntfn, 0) == 0;
}

struct child {
	slot_t task;
	uint64_t entry;
	unsigned idx;
};

/* Spawn bin/spin as child idx with the shared page, its own task, its
 * done bit and the test's signal notification, at prio/quantum, not yet
 * started (see start()). */
static bool spawn_child(struct child *c, unsigned idx, unsigned prio,
			unsigned quantum)
{
	struct spawn s = {
		.pool = POOL, .self_aspace = ROOT_SLOT_ASPACE, .window = WINDOW,
	};
	long err;

	s.elf = image_file("bin/spin", &s.elf_size);
	if (!s.elf)
		return false;
	s.first_slot = next_free;
	next_free += 5;
	err = pith_spawn(&s);
	if (!err)
		err = sys_map(s.aspace, shared_frame, SHARED_VA,
			      RIGHT_READ | RIGHT_WRITE);
	if (!err)
		err = sys_cap_mint(s.task, s.cspace, CHILD_SELF,
				   RIGHT_READ | RIGHT_CONTROL | RIGHT_CLONE, 0);
	if (!err)
		err = sys_cap_mint(done_ntfn, s.cspace, CHILD_DONE, RIGHT_WRITE,
				   1ull << idx);
	if (!err)
		err = sys_cap_copy(sig_ntfn, s.cspace, CHILD_SIG);
	if (!err)
		err = sys_cap_copy(POOL, s.cspace, CHILD_POOL);
	if (!err)
		err = sys_sched_set(s.task, prio, quantum);
	sys_cap_delete(s.cspace);
	sys_cap_delete(s.aspace);
	sys_cap_delete(s.ipcbuf);
	if (err) {
		printf("  spawn_child %u: error %ld\n", idx, err);
		return false;
	}
	c->task = s.task;
	c->entry = s.entry;
	c->idx = idx;
	live[idx] = s.task;
	return true;
}

static bool start(const struct child *c, unsigned mode)
{
	return sys_task_start(c->task, c->entry, SPAWN_STACK_TOP,
			      CHILD_ARG(mode, c->idx)) == 0;
}

/* Block until every child in mask has signalled CHILD_DONE. */
static void wait_done(uint64_t mask)
{
	uint64_t got = 0, bits;

	while ((got & mask) != mask && sys_wait(done_ntfn, &bits) == 0)
		got |= bits;
}

static uint64_t state_of(slot_t task)
{
	struct task_info ti;

	return sys_task_info(task, &ti) == 0 ? ti.state : ~0ull;
}

/* The children said they are done and only have to exit: step below
 * them (lowering our own priority must preempt us at once), let them
 * finish, come back up. Then they must be dead; their slots go. */
static bool reap(const struct child *c, unsigned n)
{
	CHECK(sys_sched_set(SELF, 0, ROOT_QUANTUM) == 0);
	sys_yield();
	CHECK(sys_sched_set(SELF, ROOT_PRIO, ROOT_QUANTUM) == 0);
	for (unsigned i = 0; i < n; i++) {
		CHECK(state_of(c[i].task) == TASK_INFO_DEAD);
		sys_cap_delete(c[i].task);
		live[c[i].idx] = 0;
	}
	return true;
}

/* After a failed test: children may still be spinning and would disturb
 * the next tests; end them. */
static void kill_leftovers(void)
{
	sys_sched_set(SELF, ROOT_PRIO, ROOT_QUANTUM);
	for (unsigned i = 0; i < MAX_CHILD; i++) {
		if (live[i]) {
			sys_task_kill(live[i]);
			sys_cap_delete(live[i]);
			live[i] = 0;
		}
	}
}

/* ---- tests ----------------------------------------------------------------- */

static bool test_info_and_defaults(void)
{
	slot_t t = new_slot(), ro = new_slot(), wo = new_slot();
	struct task_info ti;

	memset(&ti, 0xff, sizeof(ti));
	CHECK(sys_obj_create(POOL, CAP_TASK, t, 0) == 0);
	CHECK(sys_task_info(t, &ti) == 0);
	CHECK(ti.state == TASK_INFO_INACTIVE && ti.suspended == 0);
	CHECK(ti.prio == 60 && ti.quantum == 5);   /* the defaults */
	CHECK(ti.utime == 0 && ti.stime == 0);
	CHECK(sys_task_info(SELF, &ti) == 0);
	CHECK(ti.state == TASK_INFO_RUNNABLE);
	CHECK(ti.prio == ROOT_PRIO && ti.quantum == ROOT_QUANTUM);
	/* Bad arguments. */
	CHECK(sys_task_info(t, NULL) == -EFAULT);
	CHECK(sys_task_info(t, (struct task_info *)(PITH_KERNEL_ADDR)) == -EFAULT);
	CHECK(sys_task_info(t, (struct task_info *)0x30000000) == -EFAULT);
	CHECK(sys_task_info(CON, &ti) == -ENOTTY);
	CHECK(sys_task_info(250, &ti) == -EBADF);
	CHECK(sys_cap_mint(t, 0, wo, RIGHT_CONTROL, 0) == 0);
	CHECK(sys_task_info(wo, &ti) == -EPERM);           /* needs READ */
	CHECK(sys_cap_mint(t, 0, ro, RIGHT_READ, 0) == 0);
	CHECK(sys_task_info(ro, &ti) == 0);
	sys_cap_delete(ro);
	sys_cap_delete(wo);
	sys_cap_delete(t);
	return true;
}

static bool test_sched_set_errors(void)
{
	slot_t t = new_slot(), ro = new_slot();
	struct task_info ti;

	CHECK(sys_obj_create(POOL, CAP_TASK, t, 0) == 0);
	CHECK(sys_sched_set(t, 140, 5) == -EINVAL);
	CHECK(sys_sched_set(t, ~0ull, 5) == -EINVAL);
	CHECK(sys_sched_set(t, 10, 10001) == -EINVAL);
	CHECK(sys_sched_set(t, 10, 1ull << 32) == -EINVAL);
	CHECK(sys_sched_set(CON, 10, 5) == -ENOTTY);
	CHECK(sys_sched_set(0, 10, 5) == -EBADF);
	CHECK(sys_sched_set(250, 10, 5) == -EBADF);
	CHECK(sys_cap_mint(t, 0, ro, RIGHT_READ, 0) == 0);
	CHECK(sys_sched_set(ro, 10, 5) == -EPERM);         /* needs CONTROL */
	CHECK(sys_task_info(t, &ti) == 0);
	CHECK(ti.prio == 60 && ti.quantum == 5);           /* untouched */
	CHECK(sys_sched_set(t, 139, 10000) == 0);          /* the limits */
	CHECK(sys_task_info(t, &ti) == 0);
	CHECK(ti.prio == 139 && ti.quantum == 10000);
	CHECK(sys_sched_set(t, 0, 0) == 0);
	CHECK(sys_task_info(t, &ti) == 0);
	CHECK(ti.prio == 0 && ti.quantum == 0);
	sys_cap_delete(ro);
	sys_cap_delete(t);
	return true;
}

/* A low-priority task is counting; the moment it makes a higher one
 * runnable (by a signal), the higher one runs, and for as long as it
 * spins (several quanta) the low one makes no progress. */
static bool test_higher_preempts_lower(void)
{
	struct child c[2];

	CHECK(begin());
	sh->ticks = 12;
	CHECK(spawn_child(&c[0], 0, 20, 5));   /* low */
	CHECK(spawn_child(&c[1], 1, 40, 5));   /* high: waits first */
	CHECK(start(&c[1], MODE_HIGH));
	CHECK(start(&c[0], MODE_LOW));
	wait_done(1u << 1);
	uint64_t at_signal = sh->result[0][0];
	uint64_t at_wake = sh->result[1][0], at_end = sh->result[1][1];
	sh->stop = 1;
	wait_done(1u << 0);
	printf("  low: %llu at the signal, %llu when high ran, %llu when it "
	       "finished; high counted %llu\n", (unsigned long long)at_signal,
	       (unsigned long long)at_wake, (unsigned long long)at_end,
	       (unsigned long long)sh->count[1]);
	CHECK(at_signal > 0);
	CHECK(at_wake == at_signal);     /* preempted at once */
	CHECK(at_end == at_wake);        /* and not run meanwhile */
	CHECK(sh->switches[1] == 0);
	return reap(c, 2);
}

/* Two tasks at one level, quantum 2: both make progress while both are
 * runnable, each seeing the other's counter move many times. */
static bool test_round_robin(void)
{
	struct child c[2];

	CHECK(begin());
	sh->ticks = 16;
	CHECK(spawn_child(&c[0], 0, 30, 2));
	CHECK(spawn_child(&c[1], 1, 30, 2));
	CHECK(start(&c[0], MODE_SPIN_TICKS));
	CHECK(start(&c[1], MODE_SPIN_TICKS));
	wait_done(3);
	printf("  switches seen: %llu and %llu\n",
	       (unsigned long long)sh->switches[0],
	       (unsigned long long)sh->switches[1]);
	/* Each ran 16 ticks in turns of 2: about 8 turns each, and a
	 * turn-by-turn interleaving is visible to both. */
	CHECK(sh->switches[0] >= 3 && sh->switches[1] >= 3);
	return reap(c, 2);
}

/* Two FIFO tasks (quantum 0) at one level: the first runs its 15 ticks
 * (three default quanta) without the second running at all; its yield
 * lets the second run, which is not preempted by the first either. */
static bool test_fifo_not_preempted_by_equal(void)
{
	struct child c[2];

	CHECK(begin());
	sh->ticks = 15;
	CHECK(spawn_child(&c[0], 0, 30, 0));
	CHECK(spawn_child(&c[1], 1, 30, 0));
	CHECK(start(&c[0], MODE_FIFO));
	CHECK(start(&c[1], MODE_FIFO));
	wait_done(3);
	printf("  switches seen: %llu and %llu; the second counted %llu "
	       "during the first's yield\n",
	       (unsigned long long)sh->switches[0],
	       (unsigned long long)sh->switches[1],
	       (unsigned long long)sh->result[0][0]);
	CHECK(sh->switches[0] == 0 && sh->switches[1] == 0);
	CHECK(sh->result[0][0] > 0);
	return reap(c, 2);
}

/* Raising a queued task above the caller preempts the caller before
 * SYS_SCHED_SET returns to it. */
static bool test_sched_set_preempts(void)
{
	struct child c[1];
	struct task_info ti;

	CHECK(begin());
	CHECK(spawn_child(&c[0], 0, 20, 5));
	CHECK(start(&c[0], MODE_RAISE));
	CHECK(sys_task_info(c[0].task, &ti) == 0);
	CHECK(ti.state == TASK_INFO_RUNNABLE && ti.prio == 20);
	CHECK(sh->count[0] == 0);                  /* queued, not run */
	CHECK(sys_sched_set(c[0].task, ROOT_PRIO + 10, 5) == 0);
	CHECK(sh->count[0] == 1);                  /* it ran first */
	CHECK(sys_task_info(c[0].task, &ti) == 0);
	CHECK(ti.prio == 20);                      /* and lowered itself */
	CHECK(sh->result[0][0] == 0);              /* which preempted it */
	wait_done(1);
	CHECK(sh->result[0][0] == 1);
	return reap(c, 1);
}

/* A task with a scheduler endpoint that uses up its quantum is taken off
 * the CPU, and its scheduler receives the report (badge, label, ticks
 * used, utime, stime) as a call; the answer lets it run again. */
static bool test_quantum_report(void)
{
	struct child c[1];
	slot_t ep = new_slot(), sched = new_slot();
	struct task_info ti;
	struct msg m1, m2;

	CHECK(begin());
	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, ep, 0) == 0);
	CHECK(sys_cap_mint(ep, 0, sched, RIGHT_WRITE, 0x5c) == 0);
	CHECK(spawn_child(&c[0], 0, 30, 3));
	CHECK(sys_task_set_ep(c[0].task, 0, sched) == 0);
	CHECK(start(&c[0], MODE_SPIN));
	CHECK(sys_recv(ep, &m1) == 0);
	uint64_t count1 = sh->count[0];
	CHECK(sys_task_info(c[0].task, &ti) == 0);
	printf("  report: badge %#llx label %llu len %llu, used %llu, "
	       "utime %llu, stime %llu; the task is %s\n",
	       (unsigned long long)m1.badge,
	       (unsigned long long)MSG_LABEL(m1.info),
	       (unsigned long long)MSG_LEN(m1.info),
	       (unsigned long long)m1.w[0], (unsigned long long)m1.w[1],
	       (unsigned long long)m1.w[2],
	       ti.state == TASK_INFO_BLOCKED ? "blocked" : "not blocked");
	CHECK(m1.badge == 0x5c);
	CHECK(MSG_LABEL(m1.info) == SCHED_MSG_EXPIRED && MSG_LEN(m1.info) == 3);
	CHECK(m1.w[0] >= 3);                   /* its whole quantum */
	CHECK(m1.w[0] == m1.w[1] + m1.w[2]);   /* every tick it was charged */
	CHECK(m1.w[1] == ti.utime && m1.w[2] == ti.stime);
	CHECK(ti.state == TASK_INFO_BLOCKED);
	CHECK(count1 > 0);
	/* Let it run another quantum: the next report counts from zero. */
	CHECK(sys_reply(MSG_INFO(SCHED_REPLY_SET, 2, 0), 30, 3, 0) == 0);
	CHECK(sys_recv(ep, &m2) == 0);
	CHECK(MSG_LABEL(m2.info) == SCHED_MSG_EXPIRED);
	CHECK(m2.w[0] >= 3);
	/* Counted from the last report, which reset it. */
	CHECK(m2.w[0] == (m2.w[1] - m1.w[1]) + (m2.w[2] - m1.w[2]));
	CHECK(sh->count[0] > count1);          /* it ran again */
	/* Without a scheduler it just runs round robin until told to stop. */
	CHECK(sys_task_set_ep(c[0].task, 0, 0) == 0);
	sh->stop = 1;
	CHECK(sys_reply(MSG_INFO(SCHED_REPLY_KEEP, 0, 0), 0, 0, 0) == 0);
	wait_done(1);
	sys_cap_delete(sched);
	sys_cap_delete(ep);
	return reap(c, 1);
}

/* SYS_TASK_INFO's utime grows while a task spins: we share its level and
 * yield to it; each yield gives it at least a quantum. */
static bool test_utime_grows(void)
{
	struct child c[1];
	struct task_info ti;
	uint64_t u1 = 0, u2 = 0;

	CHECK(begin());
	CHECK(spawn_child(&c[0], 0, 30, 2));
	CHECK(start(&c[0], MODE_SPIN));
	CHECK(sys_sched_set(SELF, 30, ROOT_QUANTUM) == 0);
	for (int i = 0; i < 20 && u1 < 2; i++) {
		sys_yield();
		CHECK(sys_task_info(c[0].task, &ti) == 0);
		u1 = ti.utime;
	}
	for (int i = 0; i < 20 && u2 < u1 + 2; i++) {
		sys_yield();
		CHECK(sys_task_info(c[0].task, &ti) == 0);
		u2 = ti.utime;
	}
	CHECK(sys_sched_set(SELF, ROOT_PRIO, ROOT_QUANTUM) == 0);
	printf("  utime %llu then %llu ticks (stime %llu)\n",
	       (unsigned long long)u1, (unsigned long long)u2,
	       (unsigned long long)ti.stime);
	sh->stop = 1;
	wait_done(1);
	CHECK(u1 >= 2 && u2 >= u1 + 2);
	CHECK(ti.state == TASK_INFO_RUNNABLE && ti.prio == 30 && ti.quantum == 2);
	return reap(c, 1);
}

/* ---- quantum reports in every order ------------------------------------------
 * A child spinning with a scheduler endpoint (ours, badge REPORT_BADGE)
 * reports each used-up quantum as a call. Whatever order the scheduler's
 * answer comes in, the child must run again: these tests end by receiving
 * its next report, which it sends only after running a whole quantum. */

#define REPORT_BADGE 0x5c

struct reporter {
	struct child c;
	slot_t ep;
	uint64_t count;      /* its progress when last looked at */
};

/* Spawn child 0 at prio/quantum with our endpoint as its scheduler, and
 * start it spinning (it runs when we block or step below it). */
static bool reporter_start(struct reporter *r, unsigned prio, unsigned quantum)
{
	slot_t sched = new_slot();

	r->ep = new_slot();
	CHECK(begin());
	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, r->ep, 0) == 0);
	CHECK(sys_cap_mint(r->ep, 0, sched, RIGHT_WRITE, REPORT_BADGE) == 0);
	CHECK(spawn_child(&r->c, 0, prio, quantum));
	CHECK(sys_task_set_ep(r->c.task, 0, sched) == 0);
	CHECK(sys_cap_delete(sched) == 0);
	CHECK(start(&r->c, MODE_SPIN));
	return true;
}

/* Receive the child's next report: it ran (counted) since the last. */
static bool next_report(struct reporter *r, struct msg *m)
{
	CHECK(sys_recv(r->ep, m) == 0);
	CHECK(m->badge == REPORT_BADGE);
	CHECK(MSG_LABEL(m->info) == SCHED_MSG_EXPIRED);
	CHECK(sh->count[0] > r->count);
	r->count = sh->count[0];
	return true;
}

/* While we step below it, the child does not run (it waits for an
 * answer) */
static bool stays_off_cpu(struct reporter *r)
{
	uint64_t count = sh->count[0];

	CHECK(state_of(r->c.task) == TASK_INFO_BLOCKED);
	CHECK(sys_sched_set(SELF, 1, ROOT_QUANTUM) == 0);
	CHECK(sys_sched_set(SELF, ROOT_PRIO, ROOT_QUANTUM) == 0);
	CHECK(sh->count[0] == count);
	CHECK(state_of(r->c.task) == TASK_INFO_BLOCKED);
	return true;
}

/* We hold its last report: no more reports, let it finish. */
static bool reporter_end(struct reporter *r)
{
	CHECK(sys_task_set_ep(r->c.task, 0, 0) == 0);
	sh->stop = 1;
	CHECK(sys_reply(MSG_INFO(SCHED_REPLY_KEEP, 0, 0), 0, 0, 0) == 0);
	wait_done(1);
	sys_cap_delete(r->ep);
	return reap(&r->c, 1);
}

static uint64_t prio_of(slot_t task)
{
	struct task_info ti;

	return sys_task_info(task, &ti) == 0 ? ti.prio | ti.quantum << 8 : ~0ull;
}
#define PQ(prio, quantum) ((uint64_t)(prio) | (uint64_t)(quantum) << 8)

/* The scheduler is busy (not receiving) when the report is sent: it
 * queues. Before receiving it the scheduler sets the child's parameters
 * (the old race: that must not let the child run without its answer, nor
 * lose the answer), then receives and answers: the child runs again, at
 * the parameters set. */
static bool test_report_queued_while_busy(void)
{
	struct reporter r = { 0 };
	struct msg m;

	CHECK(reporter_start(&r, 30, 2));
	/* Below it: it runs a quantum and reports while we are not in recv. */
	CHECK(sys_sched_set(SELF, 20, ROOT_QUANTUM) == 0);
	CHECK(sys_sched_set(SELF, ROOT_PRIO, ROOT_QUANTUM) == 0);
	CHECK(sh->count[0] > 0);
	CHECK(stays_off_cpu(&r));
	CHECK(sys_sched_set(r.c.task, 35, 3) == 0);
	CHECK(stays_off_cpu(&r));
	CHECK(prio_of(r.c.task) == PQ(35, 3));
	CHECK(next_report(&r, &m));
	CHECK(m.w[0] >= 2);
	CHECK(sys_reply(MSG_INFO(SCHED_REPLY_KEEP, 0, 0), 0, 0, 0) == 0);
	CHECK(next_report(&r, &m));
	CHECK(m.w[0] >= 3);                   /* a quantum of 3 this time */
	CHECK(prio_of(r.c.task) == PQ(35, 3));
	return reporter_end(&r);
}

/* The scheduler saves the report's reply right, does other work (the
 * child stays off the CPU meanwhile) and answers through the Reply
 * capability later; the answer's parameters apply. */
static bool test_report_answered_late(void)
{
	struct reporter r = { 0 };
	slot_t reply = new_slot();
	struct msg m;

	CHECK(reporter_start(&r, 30, 2));
	CHECK(next_report(&r, &m));
	CHECK(sys_reply_save(POOL, reply) == 0);
	CHECK(sys_reply(MSG_INFO(SCHED_REPLY_SET, 2, 0), 50, 5, 0) == 0); /* nobody */
	CHECK(stays_off_cpu(&r));
	CHECK(sys_reply_to(reply, MSG_INFO(SCHED_REPLY_SET, 2, 0), 40, 3, 0, 0) == 0);
	CHECK(sys_cap_identify(reply, 0, 0) == -EBADF);   /* used up */
	CHECK(next_report(&r, &m));
	CHECK(m.w[0] >= 3);
	CHECK(prio_of(r.c.task) == PQ(40, 3));
	return reporter_end(&r);
}

/* A scheduler that drops the call (receives again without answering) or
 * deletes the saved Reply unanswered lets the child go on as it was. */
static bool test_report_dropped(void)
{
	struct reporter r = { 0 };
	slot_t reply = new_slot();
	struct msg m;

	CHECK(reporter_start(&r, 30, 2));
	CHECK(next_report(&r, &m));
	CHECK(next_report(&r, &m));           /* the first call dropped */
	CHECK(sys_reply_save(POOL, reply) == 0);
	CHECK(stays_off_cpu(&r));
	CHECK(sys_cap_delete(reply) == 0);
	CHECK(next_report(&r, &m));
	CHECK(prio_of(r.c.task) == PQ(30, 2));
	return reporter_end(&r);
}

/* The scheduler of this test: a thread of ours that receives one report,
 * tells us, and then waits for ever without answering. */
static slot_t thr_ep, thr_told, thr_never;
static volatile uint64_t thr_badge;

static long sched_thread(void *arg)
{
	struct msg m;

	(void)arg;
	if (sys_recv(thr_ep, &m) == 0 && MSG_LABEL(m.info) == SCHED_MSG_EXPIRED)
		thr_badge = m.badge;
	sys_signal(thr_told);
	sys_wait(thr_never, 0);
	return 0;
}

#define THR_STACK 0x41000000ull

/* The scheduler dies holding the report: the child goes on. */
static bool test_report_scheduler_dies(void)
{
	struct reporter r = { 0 };
	slot_t t = new_slot(), stack = new_slot();
	struct clone_args a = {
		.flags = CLONE_VM | CLONE_CAPS, .pool = POOL, .dst = t,
		.sp = THR_STACK + 4 * 4096,
	};
	struct msg m;

	thr_told = new_slot();
	thr_never = new_slot();
	thr_badge = 0;
	CHECK(sys_obj_create(POOL, CAP_NOTIFICATION, thr_told, 0) == 0);
	CHECK(sys_obj_create(POOL, CAP_NOTIFICATION, thr_never, 0) == 0);
	CHECK(sys_obj_create(POOL, CAP_FRAME, stack, 4) == 0);
	CHECK(sys_map(ROOT_SLOT_ASPACE, stack, THR_STACK, RIGHT_READ | RIGHT_WRITE) == 0);
	CHECK(reporter_start(&r, 30, 2));
	thr_ep = r.ep;
	CHECK(pith_thread_clone(SELF, &a, sched_thread, 0) == 0);
	CHECK(sys_wait(thr_told, 0) == 0);    /* it has the report */
	CHECK(thr_badge == REPORT_BADGE);
	r.count = sh->count[0];
	CHECK(stays_off_cpu(&r));
	CHECK(sys_task_kill(t) == 0);
	CHECK(state_of(t) == TASK_INFO_DEAD);
	CHECK(next_report(&r, &m));           /* it ran again */
	CHECK(prio_of(r.c.task) == PQ(30, 2));
	sys_cap_delete(t);
	for (unsigned i = 0; i < 4; i++)
		sys_unmap(ROOT_SLOT_ASPACE, THR_STACK + i * 4096ull);
	sys_cap_delete(stack);
	sys_cap_delete(thr_told);
	sys_cap_delete(thr_never);
	return reporter_end(&r);
}

/* An answer may not lift a task above its ceiling: SCHED_REPLY_SET with a
 * priority above it is ignored, one at it applies. */
static bool test_report_reply_above_ceiling(void)
{
	struct reporter r = { 0 };
	struct task_info ti;
	struct msg m;

	CHECK(reporter_start(&r, 30, 2));
	CHECK(sys_sched_set_mcp(r.c.task, 30, 2, 40) == 0);
	CHECK(sys_task_info(r.c.task, &ti) == 0 && ti.mcp == 40);
	CHECK(next_report(&r, &m));
	CHECK(sys_reply(MSG_INFO(SCHED_REPLY_SET, 2, 0), 41, 3, 0) == 0);
	CHECK(next_report(&r, &m));
	CHECK(prio_of(r.c.task) == PQ(30, 2));   /* ignored */
	CHECK(sys_reply(MSG_INFO(SCHED_REPLY_SET, 2, 0), 40, 3, 0) == 0);
	CHECK(next_report(&r, &m));
	CHECK(prio_of(r.c.task) == PQ(40, 3));
	return reporter_end(&r);
}

/* ---- priority ceilings ------------------------------------------------------ */

/* SYS_SCHED_SET checks prio and mcp against the caller's ceiling; a
 * clone's and a created task's priority are cut down to it. The child
 * runs at 90 with ceiling 50 (we may give that; it may not). */
static bool test_ceiling_limits(void)
{
	struct child c[1];
	struct task_info ti;
	const volatile uint64_t *r = sh->result[0];

	CHECK(begin());
	CHECK(spawn_child(&c[0], 0, 40, 5));
	CHECK(sys_sched_set_mcp(c[0].task, 90, 5, 50) == 0);
	CHECK(sys_task_info(c[0].task, &ti) == 0);
	CHECK(ti.prio == 90 && ti.mcp == 50);
	CHECK(start(&c[0], MODE_CEILING));
	wait_done(1);
	CHECK(r[0] == (uint64_t)-EPERM);      /* prio above its ceiling */
	CHECK(r[1] == (uint64_t)-EPERM);      /* a ceiling above its own */
	CHECK(r[2] == 0);                     /* the clone */
	CHECK(r[3] == 50 && r[4] == 50);      /* cut down from 90 */
	CHECK(r[5] == (uint64_t)-EPERM);
	CHECK(r[6] == 50 && r[7] == 50);      /* a new task: min(60, 50) */
	CHECK(sys_task_info(c[0].task, &ti) == 0);
	CHECK(ti.prio == 90 && ti.mcp == 50);
	/* We may: mcp KEEP leaves it, a lower one is taken. */
	CHECK(sys_sched_set_mcp(c[0].task, 90, 5, SCHED_MCP_KEEP) == 0);
	CHECK(sys_task_info(c[0].task, &ti) == 0 && ti.mcp == 50);
	CHECK(sys_sched_set_mcp(c[0].task, 90, 5, 140) == -EINVAL);
	return reap(c, 1);
}

/* The point of ceilings: a task with ceiling 50 that wants to spin FIFO
 * above everything cannot starve us (at 100). It spins at the best it
 * may get and signals each tick; we keep running: each signal wakes us at
 * once, we yield, and in the end we kill it. (Were its raise to 139
 * allowed, we would never run again and the test would time out.) */
static bool test_ceiling_fifo_spinner_cannot_starve_root(void)
{
	struct child c[1];
	struct task_info ti;
	const volatile uint64_t *r = sh->result[0];

	CHECK(begin());
	CHECK(spawn_child(&c[0], 0, 40, 5));
	CHECK(sys_sched_set_mcp(c[0].task, 40, 5, 50) == 0);
	CHECK(start(&c[0], MODE_GREEDY));
	for (int i = 0; i < 5; i++) {
		uint64_t before = sh->count[0];
		CHECK(sys_wait(sig_ntfn, 0) == 0);
		CHECK(sh->count[0] > before);     /* it spun meanwhile */
		CHECK(sys_yield() == 0);
		CHECK(sys_null() == 0);
	}
	CHECK(r[0] == (uint64_t)-EPERM && r[1] == (uint64_t)-EPERM && r[2] == 0);
	CHECK(sys_task_info(c[0].task, &ti) == 0);
	CHECK(ti.state == TASK_INFO_RUNNABLE);
	CHECK(ti.prio == 50 && ti.quantum == 0 && ti.mcp == 50);
	CHECK(sys_task_kill(c[0].task) == 0);
	CHECK(state_of(c[0].task) == TASK_INFO_DEAD);
	sys_cap_delete(c[0].task);
	live[0] = 0;
	return true;
}

static const struct guest_test tests[] = {
	{ "sched_task_info_and_defaults", test_info_and_defaults },
	{ "sched_set_errors", test_sched_set_errors },
	{ "sched_higher_preempts_lower", test_higher_preempts_lower },
	{ "sched_round_robin_same_level", test_round_robin },
	{ "sched_fifo_not_preempted_by_equal", test_fifo_not_preempted_by_equal },
	{ "sched_set_preempts_caller", test_sched_set_preempts },
	{ "sched_quantum_report", test_quantum_report },
	{ "sched_task_info_utime_grows", test_utime_grows },
	{ "sched_report_queued_while_busy", test_report_queued_while_busy },
	{ "sched_report_answered_late", test_report_answered_late },
	{ "sched_report_dropped", test_report_dropped },
	{ "sched_report_scheduler_dies", test_report_scheduler_dies },
	{ "sched_report_reply_above_ceiling", test_report_reply_above_ceiling },
	{ "sched_ceiling_limits", test_ceiling_limits },
	/* Last: broken, it hangs the machine (starves this task). */
	{ "sched_ceiling_fifo_spinner_cannot_starve_root",
	  test_ceiling_fifo_spinner_cannot_starve_root },
};

int main(const struct pith_bootinfo *info)
{
	bi = info;
	next_free = bi->first_free_slot;
	if (bi->magic != BOOTINFO_MAGIC) {
		printf("usched: bad boot info\n");
		return 1;
	}
	printf("usched: scheduling tests on %s\n", bi->arch);
	shared_frame = new_slot();
	if (sys_sched_set(SELF, ROOT_PRIO, ROOT_QUANTUM) != 0 ||
	    sys_obj_create(POOL, CAP_FRAME, shared_frame, 1) != 0 ||
	    sys_map(ROOT_SLOT_ASPACE, shared_frame, SHARED_VA,
		    RIGHT_READ | RIGHT_WRITE) != 0) {
		printf("usched: setup failed\n");
		return 1;
	}
	return guest_run_tests(GUEST_TESTS(tests), kill_leftovers);
}
