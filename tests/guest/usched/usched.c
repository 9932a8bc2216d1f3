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

#include "cpio.h"
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
				   RIGHT_READ | RIGHT_CONTROL, 0);
	if (!err)
		err = sys_cap_mint(done_ntfn, s.cspace, CHILD_DONE, RIGHT_WRITE,
				   1ull << idx);
	if (!err)
		err = sys_cap_copy(sig_ntfn, s.cspace, CHILD_SIG);
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

static const struct guest_test tests[] = {
	{ "sched_task_info_and_defaults", test_info_and_defaults },
	{ "sched_set_errors", test_sched_set_errors },
	{ "sched_higher_preempts_lower", test_higher_preempts_lower },
	{ "sched_round_robin_same_level", test_round_robin },
	{ "sched_fifo_not_preempted_by_equal", test_fifo_not_preempted_by_equal },
	{ "sched_set_preempts_caller", test_sched_set_preempts },
	{ "sched_quantum_report", test_quantum_report },
	{ "sched_task_info_utime_grows", test_utime_grows },
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
