/*
 * utest's clone, fault and task-control tests. utest plays the process
 * server's part: it clones tasks, is the pager of the worker it spawns
 * (resolving copy-on-write with pith_cow_resolve) and kills what must die.
 */
#include <pith/machine.h>
#include <pith/pager.h>

#include "utest.h"
#include "worker.h"

#define STACKS 0x30000000ull  /* thread stacks, 64 KiB apart */
#define STACK_PAGES 4

/* A fresh thread stack; returns its top. */
uint64_t new_stack(slot_t frame, unsigned n)
{
	uint64_t base = STACKS + n * 0x10000ull;

	if (sys_obj_create(POOL, CAP_FRAME, frame, STACK_PAGES) ||
	    sys_map(ROOT_SLOT_ASPACE, frame, base, RIGHT_READ | RIGHT_WRITE))
		return 0;
	return base + STACK_PAGES * 4096;
}

void drop_stack(slot_t frame, unsigned n)
{
	for (unsigned i = 0; i < STACK_PAGES; i++)
		sys_unmap(ROOT_SLOT_ASPACE, STACKS + n * 0x10000ull + i * 4096);
	sys_cap_delete(frame);
}

static volatile uint64_t shared_word;

static long set_shared(void *arg)
{
	shared_word = (uint64_t)(uintptr_t)arg;
	return 0;
}

bool test_clone_vm_shares_memory(void)
{
	slot_t t = new_slot(), f = new_slot();
	uint64_t top = new_stack(f, 0);
	struct clone_args a = {
		.flags = CLONE_VM | CLONE_CAPS, .pool = POOL, .dst = t,
		.sp = top,
	};

	CHECK(top != 0);
	shared_word = 0;
	CHECK(pith_thread_clone(ROOT_SLOT_TASK, &a, set_shared, (void *)42) == 0);
	for (int i = 0; i < 20000 && shared_word != 42; i++)
		sys_yield();
	CHECK(shared_word == 42);     /* the child's write, seen here */
	CHECK(wait_dead(t));
	sys_cap_delete(t);
	drop_stack(f, 0);
	return true;
}

static uint64_t tls_block[2] = { 0x715ull, 0 };
static volatile uint64_t tls_seen;

static long read_tls(void *arg)
{
	(void)arg;
	tls_seen = pith_tls_word0();
	return 0;
}

/* CLONE_SETTLS: the thread finds its thread pointer, and the parent's is
 * untouched (the register is switched with the task). */
bool test_clone_settls(void)
{
	slot_t t = new_slot(), f = new_slot();
	uint64_t top = new_stack(f, 4);
	struct clone_args a = {
		.flags = CLONE_VM | CLONE_CAPS | CLONE_SETTLS, .pool = POOL,
		.dst = t, .sp = top, .tls = (uint64_t)(uintptr_t)tls_block,
	};
	struct user_regs before, after;

	CHECK(top != 0);
	CHECK(sys_task_get_regs(ROOT_SLOT_TASK, &before) == 0);
	tls_seen = 0;
	CHECK(pith_thread_clone(ROOT_SLOT_TASK, &a, read_tls, 0) == 0);
	for (int i = 0; i < 20000 && !tls_seen; i++)
		sys_yield();
	CHECK(tls_seen == 0x715);
	CHECK(wait_dead(t));
	CHECK(sys_task_get_regs(ROOT_SLOT_TASK, &after) == 0);
	CHECK(after.tls == before.tls);
	sys_cap_delete(t);
	drop_stack(f, 4);
	return true;
}

/* What a thread saw of the capability space it was given. */
static volatile long seen_pool, seen_irq, made;
static slot_t caps_slot;

static long probe_caps(void *arg)
{
	(void)arg;
	seen_pool = sys_cap_identify(ROOT_SLOT_POOL, 0, 0);
	seen_irq = sys_cap_identify(ROOT_SLOT_IRQ_UART, 0, 0);
	made = sys_obj_create(ROOT_SLOT_POOL, CAP_NOTIFICATION, caps_slot, 0);
	return 0;
}

static bool caps_clone(uint64_t flags, slot_t slot)
{
	slot_t t = new_slot(), f = new_slot();
	uint64_t top = new_stack(f, 1);
	struct clone_args a = {
		.flags = CLONE_VM | flags, .pool = POOL, .dst = t, .sp = top,
	};

	seen_pool = seen_irq = made = 1;
	caps_slot = slot;
	CHECK(top != 0);
	CHECK(pith_thread_clone(ROOT_SLOT_TASK, &a, probe_caps, 0) == 0);
	CHECK(wait_dead(t));
	sys_cap_delete(t);
	drop_stack(f, 1);
	return true;
}

bool test_clone_caps_share_versus_copy(void)
{
	slot_t shared = new_slot(), copied = new_slot();

	/* Shared: what the child makes appears in our space. */
	CHECK(caps_clone(CLONE_CAPS, shared));
	CHECK(made == 0);
	CHECK(seen_pool == CAP_MEMPOOL && seen_irq == CAP_IRQ);
	CHECK(sys_cap_identify(shared, 0, 0) == CAP_NOTIFICATION);
	/* Copied: the child has our capabilities (but not the interrupt,
	 * which has one owner) and what it makes stays in its copy. */
	CHECK(caps_clone(0, copied));
	CHECK(made == 0);
	CHECK(seen_pool == CAP_MEMPOOL);
	CHECK(seen_irq == -EBADF);
	CHECK(sys_cap_identify(copied, 0, 0) == -EBADF);
	sys_cap_delete(shared);
	return true;
}

/* Spawn the worker with its report capability (badged REPORTS) and the
 * console; with handler, faults go to ep badged FAULT_PARENT. */
long start_worker(struct spawn *s, slot_t ep, bool handler, uint64_t arg)
{
	slot_t rep = new_slot(), fp = new_slot();
	long err = spawn_program("bin/worker", s);

	if (!err)
		err = sys_cap_mint(ep, 0, rep, RIGHT_WRITE, REPORTS);
	if (!err)
		err = sys_cap_copy(rep, s->cspace, 1);
	if (!err)
		err = sys_cap_copy(CON, s->cspace, 2);
	if (!err && handler)
		err = sys_cap_mint(ep, 0, fp, RIGHT_WRITE, FAULT_PARENT);
	if (!err && handler)
		err = sys_task_set_ep(s->task, fp, 0);
	if (!err)
		err = sys_task_start(s->task, s->entry, SPAWN_STACK_TOP, arg);
	sys_cap_delete(rep);
	sys_cap_delete(fp);
	return err;
}

void drop_worker(struct spawn *s)
{
	sys_cap_delete(s->task);
	sys_cap_delete(s->aspace);
	sys_cap_delete(s->cspace);
	sys_cap_delete(s->ipcbuf);
}

struct cow_run {
	unsigned npages;
	uint64_t big, copies, upgrades, stray, exits;
	uint64_t child_err, parent_err;
};

/* Be the worker's pager and fork server until the parent reports. */
static bool serve_cow(struct cow_run *c, slot_t ep, struct spawn *s,
		      slot_t ct, slot_t ca, slot_t fc)
{
	bool forked = false;
	struct msg m;
	long err = sys_recv(ep, &m);

	for (;;) {
		uint64_t reply = MSG_INFO(0, 1, 0), w0 = 0;
		CHECK(err == 0);
		if ((m.badge == FAULT_PARENT || m.badge == FAULT_CHILD) &&
		    MSG_LABEL(m.info) == FAULT_EXIT) {
			c->exits++;       /* the child ended: its pager hears */
		} else if (m.badge == FAULT_PARENT || m.badge == FAULT_CHILD) {
			slot_t as = m.badge == FAULT_PARENT ? s->aspace : ca;
			long r = -EFAULT;
			if (MSG_LABEL(m.info) == FAULT_PAGE &&
			    (m.w[1] & FAULT_ACCESS_WRITE))
				r = pith_cow_resolve(as, m.w[0], POOL);
			if (r < 0) {
				printf("  unexpected fault %llu at %p (%ld)\n",
				       (unsigned long long)MSG_LABEL(m.info),
				       (void *)m.w[0], r);
				c->stray++;
				reply = MSG_INFO(FAULT_KILL, 0, 0);
			} else if (m.w[0] >= c->big &&
				   m.w[0] < c->big + c->npages * 4096ull) {
				r == 1 ? c->copies++ : c->upgrades++;
			}
		} else if (MSG_LABEL(m.info) == W_FORK_ME) {
			struct clone_args a = {
				.pool = POOL, .dst = ct, .retval = WORKER_CHILD,
				.fault_ep = fc, .aspace_dst = ca,
			};
			c->big = m.w[0];
			w0 = (uint64_t)sys_task_clone(s->task, &a);
			forked = w0 == 0;
		} else if (MSG_LABEL(m.info) == W_CHILD_DONE) {
			c->child_err = m.w[0];
		} else if (MSG_LABEL(m.info) == W_CHILD_GONE) {
			w0 = forked && task_dead(ct);
		} else if (MSG_LABEL(m.info) == W_PARENT_DONE) {
			c->parent_err = m.w[0];
			CHECK(sys_reply(MSG_INFO(0, 1, 0), 0, 0, 0) == 0);
			return true;
		}
		err = sys_reply_recv(ep, reply, w0, 0, 0, &m);
	}
}

static bool run_cow(unsigned npages)
{
	struct cow_run c = { .npages = npages, .child_err = ~0ull, .parent_err = ~0ull };
	struct spawn s;
	slot_t ep = new_slot(), fc = new_slot(), ct = new_slot(), ca = new_slot();
	uint64_t quota, used0, used1;

	CHECK(sys_pool_info(POOL, &quota, &used0) == 0);
	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, ep, 0) == 0);
	CHECK(sys_cap_mint(ep, 0, fc, RIGHT_WRITE, FAULT_CHILD) == 0);
	CHECK(start_worker(&s, ep, true, W_MODE_COW | (uint64_t)npages << 8) == 0);
	CHECK(serve_cow(&c, ep, &s, ct, ca, fc));
	/* Both end with SYS_TASK_EXIT, which their pager hears of. */
	CHECK(answer_exits(ep, 2 - c.exits));
	CHECK(wait_dead(s.task));
	CHECK(wait_dead(ct));
	printf("  %u pages: %llu copied, %llu re-mapped writable without a copy\n",
	       npages, (unsigned long long)c.copies, (unsigned long long)c.upgrades);
	CHECK(c.stray == 0);
	CHECK(c.child_err == 0);   /* the child saw its own values */
	CHECK(c.parent_err == 0);  /* the parent saw its own, untouched */
	CHECK(c.copies == npages); /* the child's writes to shared pages */
	CHECK(c.upgrades == npages); /* the parent's, once alone */
	drop_worker(&s);
	sys_cap_delete(ct);
	sys_cap_delete(ca);
	sys_cap_delete(fc);
	sys_cap_delete(ep);
	CHECK(sys_pool_info(POOL, &quota, &used1) == 0);
	CHECK(used1 == used0);     /* every frame came back */
	return true;
}

bool test_cow_one_page(void)
{
	return run_cow(1);
}

bool test_cow_1000_pages(void)
{
	return run_cow(WORKER_MAX_PAGES);
}

/* The worker reports what is about to fault, faults; we check the message
 * and, with kill, answer FAULT_KILL (else kill it while it waits). */
static bool run_fault(unsigned mode, uint64_t kind, bool answer)
{
	struct spawn s;
	slot_t ep = new_slot();
	struct msg m;
	uint64_t info;

	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, ep, 0) == 0);
	CHECK(start_worker(&s, ep, true, mode) == 0);
	CHECK(sys_recv(ep, &m) == 0);
	CHECK(m.badge == REPORTS && MSG_LABEL(m.info) == W_INFO);
	info = m.w[0];
	CHECK(sys_reply_recv(ep, MSG_INFO(0, 0, 0), 0, 0, 0, &m) == 0);
	CHECK(m.badge == FAULT_PARENT);
	CHECK(MSG_LABEL(m.info) == kind);
	if (kind == FAULT_ILLEGAL || kind == FAULT_BREAKPOINT) {
		CHECK(m.w[2] == info);                 /* pc */
	} else {
		CHECK(m.w[0] == info);                 /* address */
		CHECK(m.w[1] == FAULT_ACCESS_READ);
	}
	CHECK(task_state(s.task) == TASK_INFO_BLOCKED);   /* in its fault */
	if (answer)
		CHECK(sys_reply(MSG_INFO(FAULT_KILL, 0, 0), 0, 0, 0) == 0);
	else
		CHECK(sys_task_kill(s.task) == 0);     /* blocked in its fault */
	CHECK(wait_dead(s.task));
	CHECK(sys_reply(MSG_INFO(0, 0, 0), 0, 0, 0) == 0); /* nobody waits */
	drop_worker(&s);
	sys_cap_delete(ep);
	return true;
}

bool test_fault_illegal(void)
{
	return run_fault(W_MODE_ILLEGAL, FAULT_ILLEGAL, true);
}

bool test_fault_breakpoint(void)
{
	return run_fault(W_MODE_BREAKPOINT, FAULT_BREAKPOINT, true);
}

/* A division by zero is a fault where the machine traps (x86 #DE, with
 * the pc of the division); where it does not (RISC-V), the program goes on
 * with the architected result, all ones. */
bool test_fault_divide(void)
{
	struct spawn s;
	slot_t ep = new_slot();
	struct msg m;
	uint64_t fn;

	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, ep, 0) == 0);
	CHECK(start_worker(&s, ep, true, W_MODE_DIVIDE) == 0);
	CHECK(sys_recv(ep, &m) == 0);
	CHECK(m.badge == REPORTS && MSG_LABEL(m.info) == W_INFO);
	fn = m.w[0];
	CHECK(sys_reply_recv(ep, MSG_INFO(0, 0, 0), 0, 0, 0, &m) == 0);
	if (PITH_DIVIDE_TRAPS) {
		CHECK(m.badge == FAULT_PARENT);
		CHECK(MSG_LABEL(m.info) == FAULT_DIVIDE);
		CHECK(m.w[2] >= fn && m.w[2] < fn + 16);   /* in the function */
		CHECK(sys_reply(MSG_INFO(FAULT_KILL, 0, 0), 0, 0, 0) == 0);
	} else {
		CHECK(m.badge == REPORTS && m.w[0] == 0);
		CHECK(m.w[1] == ~0ull);                     /* 7 / 0 = -1 */
		CHECK(sys_reply(MSG_INFO(0, 0, 0), 0, 0, 0) == 0);
		CHECK(answer_exits(ep, 1));                 /* then it ends */
	}
	CHECK(wait_dead(s.task));
	drop_worker(&s);
	sys_cap_delete(ep);
	return true;
}

bool test_fault_bad_access(void)
{
	return run_fault(W_MODE_ACCESS, FAULT_PAGE, true);
}

bool test_kill_blocked_in_fault(void)
{
	return run_fault(W_MODE_ACCESS, FAULT_PAGE, false);
}

/* Without a fault endpoint the kernel kills the task where it faulted:
 * its saved pc stays on the faulting load (in the function it reported),
 * which no exit or return can produce (those end in sys_task_exit). */
bool test_fault_no_handler(void)
{
	struct spawn s;
	slot_t ep = new_slot();
	struct user_regs regs;
	struct msg m;
	uint64_t fn;

	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, ep, 0) == 0);
	CHECK(start_worker(&s, ep, false, W_MODE_NO_HANDLER) == 0);
	CHECK(sys_recv(ep, &m) == 0);
	CHECK(m.badge == REPORTS && MSG_LABEL(m.info) == W_INFO);
	fn = m.w[0];
	CHECK(sys_reply(MSG_INFO(0, 0, 0), 0, 0, 0) == 0);
	CHECK(wait_dead(s.task));
	CHECK(sys_task_get_regs(s.task, &regs) == 0);
	CHECK(regs.pc >= fn && regs.pc < fn + 32);  /* stopped at the load */
	drop_worker(&s);
	sys_cap_delete(ep);
	return true;
}

bool test_kill_blocked_in_ipc(void)
{
	struct spawn s;
	slot_t ep = new_slot(), e = new_slot(), w = new_slot();

	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, ep, 0) == 0);
	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, e, 0) == 0);
	CHECK(sys_cap_mint(e, 0, w, RIGHT_WRITE, 0) == 0);
	CHECK(spawn_program("bin/worker", &s) == 0);
	CHECK(sys_cap_mint(e, s.cspace, 6, RIGHT_READ, 0) == 0);
	CHECK(sys_cap_delete(e) == 0);   /* only the worker can receive */
	CHECK(sys_task_start(s.task, s.entry, SPAWN_STACK_TOP, W_MODE_BLOCK_RECV) == 0);
	sys_cap_delete(s.cspace);        /* its spaces die with it */
	sys_cap_delete(s.aspace);
	sys_cap_delete(s.ipcbuf);
	for (int i = 0; i < 50; i++)
		sys_yield();                 /* let it block in recv */
	CHECK(task_state(s.task) == TASK_INFO_BLOCKED);   /* in its recv */
	CHECK(sys_task_kill(s.task) == 0);
	CHECK(task_dead(s.task));
	CHECK(sys_send(w, MSG_INFO(1, 0, 0), 0, 0, 0) == -EPIPE);
	sys_cap_delete(s.task);
	sys_cap_delete(w);
	sys_cap_delete(ep);
	return true;
}

static volatile uint64_t spins, redirected;

static long spinner(void *arg)
{
	(void)arg;
	for (;;)
		spins++;
}

static void redirect_target(void)
{
	redirected = 1;
	sys_task_exit(0);
}

static slot_t park_ntfn;
static volatile uint64_t woke;

static long wait_then_mark(void *arg)
{
	(void)arg;
	sys_wait(park_ntfn, 0);
	woke = 1;
	return 0;
}

/* A suspended task that is woken stays off the CPU until resumed. */
bool test_suspended_task_stays_parked(void)
{
	slot_t t = new_slot(), f = new_slot();
	uint64_t top = new_stack(f, 3);
	struct clone_args a = {
		.flags = CLONE_VM | CLONE_CAPS, .pool = POOL, .dst = t, .sp = top,
	};

	park_ntfn = new_slot();
	woke = 0;
	CHECK(top != 0);
	CHECK(sys_obj_create(POOL, CAP_NOTIFICATION, park_ntfn, 0) == 0);
	CHECK(pith_thread_clone(ROOT_SLOT_TASK, &a, wait_then_mark, 0) == 0);
	for (int i = 0; i < 50; i++)
		sys_yield();                 /* it blocks in wait */
	CHECK(sys_task_suspend(t) == 0);
	CHECK(sys_signal(park_ntfn) == 0);   /* woken, but suspended */
	for (int i = 0; i < 50; i++)
		sys_yield();
	CHECK(woke == 0);
	CHECK(sys_task_resume(t) == 0);
	for (int i = 0; i < 20000 && !woke; i++)
		sys_yield();
	CHECK(woke == 1);
	CHECK(wait_dead(t));
	sys_cap_delete(t);
	sys_cap_delete(park_ntfn);
	drop_stack(f, 3);
	return true;
}

bool test_suspend_resume_regs(void)
{
	slot_t t = new_slot(), f = new_slot();
	uint64_t top = new_stack(f, 2), c1, c2;
	struct clone_args a = {
		.flags = CLONE_VM | CLONE_CAPS, .pool = POOL, .dst = t,
		.sp = top,
	};
	struct user_regs regs;

	CHECK(top != 0);
	spins = redirected = 0;
	CHECK(pith_thread_clone(ROOT_SLOT_TASK, &a, spinner, 0) == 0);
	for (int i = 0; i < 20000 && spins == 0; i++)
		sys_yield();
	CHECK(spins != 0);
	CHECK(sys_task_set_regs(t, &regs) == -EBUSY); /* running */
	CHECK(sys_task_suspend(t) == 0);
	c1 = spins;
	for (int i = 0; i < 50; i++)
		sys_yield();
	c2 = spins;
	CHECK(c1 == c2);                 /* no progress while suspended */
	CHECK(sys_task_get_regs(t, &regs) == 0);
	CHECK(regs.sp <= top && regs.sp > top - STACK_PAGES * 4096);
	/* Send it elsewhere, as a signal delivery would. */
	regs.pc = (uint64_t)(uintptr_t)redirect_target;
	regs.sp = PITH_ENTRY_SP(top);
	CHECK(sys_task_set_regs(t, &regs) == 0);
	regs.pc = PITH_KERNEL_ADDR;
	CHECK(sys_task_set_regs(t, &regs) == -EINVAL);
	regs.pc = (uint64_t)(uintptr_t)redirect_target;
	regs.tls = PITH_KERNEL_ADDR;     /* the thread pointer too */
	CHECK(sys_task_set_regs(t, &regs) == -EINVAL);
	CHECK(sys_task_resume(t) == 0);
	CHECK(wait_dead(t));
	CHECK(redirected == 1);
	sys_cap_delete(t);
	drop_stack(f, 2);
	return true;
}
