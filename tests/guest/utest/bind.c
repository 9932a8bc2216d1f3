/*
 * utest's bound-notification tests (SYS_TASK_BIND): the root task binds a
 * notification to itself and receives on an endpoint; a helper thread of
 * ours calls, sends and signals. A receive returns the notification's
 * bits (label IPC_LABEL_NOTIFY) when they are pending at its start or
 * arrive while it waits, on the slow path and behind the IPC fast path's
 * reply_recv, and never at a message's expense.
 */
#include <pith/clock.h>

#include "utest.h"

#define STACK_HELPER 9
#define MS 1000000ull
#define LABEL_MSG 5

enum { H_SIGNAL = 1, H_SEND, H_CALL, H_RECV };

/* A helper thread's script: up to four steps, each an op on a slot with
 * a word; what each returned and the word of each answer. */
struct step {
	int op;
	slot_t slot;
	uint64_t w0;
};

static struct job {
	struct step s[4];
	volatile long result[4];
	volatile uint64_t got[4], label[4], info[4];
	volatile int done;
} job;

static long helper(void *arg)
{
	struct msg m;

	(void)arg;
	for (int i = 0; i < 4 && job.s[i].op; i++) {
		const struct step *s = &job.s[i];
		long r = -1;
		m.w[0] = m.info = 0;
		switch (s->op) {
		case H_SIGNAL: r = sys_signal(s->slot); break;
		case H_SEND:
			r = sys_send(s->slot, MSG_INFO(LABEL_MSG, 1, 0), s->w0, 0, 0);
			break;
		case H_CALL:
			r = sys_call(s->slot, MSG_INFO(LABEL_MSG, 1, 0), s->w0, 0, 0, &m);
			break;
		case H_RECV: r = sys_recv(s->slot, &m); break;
		}
		job.result[i] = r;
		job.got[i] = m.w[0];
		job.label[i] = MSG_LABEL(m.info);
		job.info[i] = m.info;
	}
	job.done = 1;
	return 0;
}

static slot_t helper_task, helper_stack;

/* Start the helper on the script in job (same priority as ours: it runs
 * when we block or yield). */
static bool helper_start(void)
{
	uint64_t top = new_stack(helper_stack, STACK_HELPER);
	struct clone_args a = {
		.flags = CLONE_VM | CLONE_CAPS, .pool = POOL, .dst = helper_task,
		.sp = top,
	};

	job.done = 0;
	return top && pith_thread_clone(ROOT_SLOT_TASK, &a, helper, 0) == 0;
}

static bool helper_blocked(void)
{
	for (int i = 0; i < 1000 && task_state(helper_task) != TASK_INFO_BLOCKED; i++)
		sys_yield();
	return task_state(helper_task) == TASK_INFO_BLOCKED;
}

static bool helper_stop(void)
{
	for (int i = 0; i < 1000 && !job.done; i++)
		sys_yield();
	sys_task_kill(helper_task);
	CHECK(wait_dead(helper_task));
	sys_cap_delete(helper_task);
	drop_stack(helper_stack, STACK_HELPER);
	return true;
}

static uint64_t fast_count(void)
{
	struct task_info ti;

	return sys_task_info(ROOT_SLOT_TASK, &ti) == 0 ? ti.ipc_fast : ~0ull;
}

static bool is_notify(const struct msg *m, uint64_t bits)
{
	return MSG_IS_NOTIFY(m->info) && MSG_LABEL(m->info) == IPC_LABEL_NOTIFY &&
	       MSG_LEN(m->info) == 0 && !MSG_HAS_CAP(m->info) && m->badge == bits &&
	       m->w[0] == 0 && m->w[1] == 0 && m->w[2] == 0;
}

static bool is_msg(const struct msg *m, uint64_t w0)
{
	return MSG_LABEL(m->info) == LABEL_MSG && m->w[0] == w0;
}

static slot_t ep, n, sig[4];

/* An endpoint, a notification bound to us, capabilities to signal it
 * with badges 1, 2, 4, 8 (sig[i] has 1 << i). */
static bool setup(void)
{
	ep = new_slot();
	n = new_slot();
	helper_task = new_slot();
	helper_stack = new_slot();
	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, ep, 0) == 0);
	CHECK(sys_obj_create(POOL, CAP_NOTIFICATION, n, 0) == 0);
	for (int i = 0; i < 4; i++) {
		sig[i] = new_slot();
		CHECK(sys_cap_mint(n, 0, sig[i], RIGHT_WRITE, 1ull << i) == 0);
	}
	CHECK(sys_task_bind(ROOT_SLOT_TASK, n) == 0);
	return true;
}

static void teardown(void)
{
	sys_task_bind(ROOT_SLOT_TASK, 0);
	for (int i = 0; i < 4; i++)
		sys_cap_delete(sig[i]);
	sys_cap_delete(n);
	sys_cap_delete(ep);
}

/* Bits pending when the receive starts return at once (ORed, then
 * cleared); a message waiting at the same time is received next. */
static bool pending_checks(void)
{
	struct msg m;

	CHECK(sys_signal(sig[2]) == 0 && sys_signal(sig[3]) == 0);
	CHECK(sys_recv(ep, &m) == 0 && is_notify(&m, 0xc));
	/* A sender waits and a signal comes: both arrive, neither lost. */
	job = (struct job){ .s = { { H_SEND, ep, 77 } } };
	CHECK(helper_start() && helper_blocked());
	CHECK(sys_signal(sig[0]) == 0);
	CHECK(sys_recv(ep, &m) == 0 && is_notify(&m, 1));
	CHECK(sys_recv(ep, &m) == 0 && is_msg(&m, 77));   /* bits were cleared */
	CHECK(helper_stop() && job.result[0] == 0);
	return true;
}

bool test_bind_pending_bits(void)
{
	bool ok = setup() && pending_checks();

	teardown();
	return ok;
}

/* A receive that blocks wakes for a signal, and for a timer set on the
 * bound notification. */
static bool wake_checks(void)
{
	struct msg m;

	job = (struct job){ .s = { { H_SIGNAL, sig[1], 0 } } };
	CHECK(helper_start());
	CHECK(sys_recv(ep, &m) == 0 && is_notify(&m, 2));
	CHECK(helper_stop() && job.result[0] == 0);
	uint64_t deadline = pith_clock_ns() + 20 * MS;
	CHECK(sys_timer_set(sig[3], deadline) == 0);
	CHECK(sys_recv(ep, &m) == 0 && is_notify(&m, 8));
	CHECK(pith_clock_ns() >= deadline);
	return true;
}

bool test_bind_signal_wakes_recv(void)
{
	bool ok = setup() && wake_checks();

	teardown();
	return ok;
}

/* The receive half of reply_recv: blocked by the fast path (woken
 * through its trampoline) and by the slow path (a long answer); and with
 * bits pending, the fast path must not block (a message from the helper
 * would come instead of the bits if it did). */
static bool reply_recv_checks(void)
{
	struct ipc_buffer *ib = (struct ipc_buffer *)ROOT_IPCBUF_VADDR;
	struct msg m;
	uint64_t before;

	job = (struct job){ .s = { { H_CALL, ep, 1 }, { H_SIGNAL, sig[1], 0 },
				   { H_CALL, ep, 3 }, { H_SIGNAL, sig[2], 0 } } };
	CHECK(helper_start());
	CHECK(sys_recv(ep, &m) == 0 && is_msg(&m, 1));
	before = fast_count();
	CHECK(sys_reply_recv(ep, MSG_INFO(0, 1, 0), 2, 0, 0, &m) == 0);
	CHECK(is_notify(&m, 2));
	CHECK(fast_count() == before + 1);      /* it blocked on the fast path */
	CHECK(sys_recv(ep, &m) == 0 && is_msg(&m, 3));
	ib->mr[3] = 0;
	before = fast_count();
	CHECK(sys_reply_recv(ep, MSG_INFO(0, 4, 0), 4, 0, 0, &m) == 0);
	CHECK(is_notify(&m, 4));
	CHECK(fast_count() == before);          /* the slow path */
	CHECK(helper_stop());
	CHECK(job.result[0] == 0 && job.got[0] == 2);
	CHECK(job.result[2] == 0 && job.got[2] == 4);
	/* Pending before a reply_recv the fast path could serve. */
	job = (struct job){ .s = { { H_CALL, ep, 5 }, { H_SEND, ep, 0xdead } } };
	CHECK(helper_start());
	CHECK(sys_recv(ep, &m) == 0 && is_msg(&m, 5));
	CHECK(sys_signal(sig[0]) == 0);
	before = fast_count();
	CHECK(sys_reply_recv(ep, MSG_INFO(0, 1, 0), 6, 0, 0, &m) == 0);
	CHECK(is_notify(&m, 1));
	CHECK(fast_count() == before);
	CHECK(sys_recv(ep, &m) == 0 && is_msg(&m, 0xdead));
	CHECK(helper_stop() && job.got[0] == 6);
	return true;
}

bool test_bind_wakes_reply_recv(void)
{
	bool ok = setup() && reply_recv_checks();

	teardown();
	return ok;
}

/* Errors, the one-to-one rule, unbinding by call, by death and by
 * destruction (the last capability, the pool), and no message passing
 * for a notification (on the fast path's way too). */
static bool error_checks(void)
{
	slot_t ro = new_slot(), wo = new_slot(), n2 = new_slot();
	slot_t sub = new_slot(), n3 = new_slot();
	struct msg m;
	uint64_t bits;

	CHECK(sys_task_bind(ep, n) == -ENOTTY);
	CHECK(sys_task_bind(ROOT_SLOT_TASK, ep) == -ENOTTY);
	CHECK(sys_task_bind(0, n) == -EBADF);
	CHECK(sys_cap_mint(ROOT_SLOT_TASK, 0, ro, RIGHT_READ, 0) == 0);
	CHECK(sys_task_bind(ro, n) == -EPERM);
	CHECK(sys_cap_mint(n, 0, wo, RIGHT_WRITE, 0) == 0);
	CHECK(sys_task_bind(ROOT_SLOT_TASK, wo) == -EPERM);
	/* One each way. */
	CHECK(sys_task_bind(ROOT_SLOT_TASK, n) == 0);      /* the same pair */
	CHECK(sys_obj_create(POOL, CAP_NOTIFICATION, n2, 0) == 0);
	CHECK(sys_task_bind(ROOT_SLOT_TASK, n2) == -EBUSY);
	job = (struct job){ .s = { { H_RECV, ep, 0 } } };
	CHECK(helper_start() && helper_blocked());
	CHECK(sys_task_bind(helper_task, n) == -EBUSY);
	CHECK(sys_task_bind(helper_task, n2) == 0);
	/* A signal wakes the helper's receive: bound to it, not to us. */
	CHECK(sys_signal(n2) == 0);
	CHECK(helper_stop());
	CHECK(job.result[0] == 0 && MSG_IS_NOTIFY(job.info[0]));
	/* A message cannot pass for a notification: the kernel's bit is
	 * cleared on the fast path (a short call to a waiting receiver) and
	 * on the slow one (a send that waits for the receiver). */
	job = (struct job){ .s = { { H_RECV, ep, 0 }, { H_RECV, ep, 0 } } };
	CHECK(helper_start() && helper_blocked());
	uint64_t before = fast_count();
	CHECK(sys_call(ep, IPC_INFO_NOTIFY | 0xff00, 0, 0, 0, &m) == -EPIPE);
	CHECK(fast_count() == before + 1);
	CHECK(helper_blocked());
	CHECK(sys_send(ep, IPC_INFO_NOTIFY | 0xff00, 0, 0, 0) == 0);
	CHECK(helper_stop());
	CHECK(job.result[0] == 0 && job.result[1] == 0);
	CHECK(job.info[0] == MSG_INFO(IPC_LABEL_NOTIFY, 0, 0));
	CHECK(job.info[1] == MSG_INFO(IPC_LABEL_NOTIFY, 0, 0));
	CHECK(!MSG_IS_NOTIFY(job.info[0]) && !MSG_IS_NOTIFY(job.info[1]));
	/* Its death unbound n2. */
	CHECK(sys_task_bind(helper_task, n2) == -EBADF);   /* deleted */
	CHECK(sys_task_bind(ROOT_SLOT_TASK, 0) == 0);
	CHECK(sys_task_bind(ROOT_SLOT_TASK, n2) == 0);
	/* Deleting n2 unbinds us. */
	CHECK(sys_cap_delete(n2) == 0);
	CHECK(sys_task_bind(ROOT_SLOT_TASK, n) == 0);
	/* Unbound: a signal waits in the word, the message comes through. */
	CHECK(sys_task_bind(ROOT_SLOT_TASK, 0) == 0);
	CHECK(sys_signal(sig[0]) == 0);
	job = (struct job){ .s = { { H_SEND, ep, 9 } } };
	CHECK(helper_start());
	CHECK(sys_recv(ep, &m) == 0 && is_msg(&m, 9));
	CHECK(helper_stop());
	CHECK(sys_wait(n, &bits) == 0 && bits == 1);
	/* A notification in a pool that is destroyed: unbound with it. */
	CHECK(sys_obj_create(POOL, CAP_MEMPOOL, sub, 64 * 1024) == 0);
	CHECK(sys_obj_create(sub, CAP_NOTIFICATION, n3, 0) == 0);
	CHECK(sys_task_bind(ROOT_SLOT_TASK, n3) == 0);
	CHECK(sys_pool_destroy(sub) == 0);
	CHECK(sys_cap_identify(n3, 0, 0) == -EBADF);
	CHECK(sys_task_bind(ROOT_SLOT_TASK, n) == 0);
	sys_cap_delete(sub);
	sys_cap_delete(ro);
	sys_cap_delete(wo);
	return true;
}

bool test_bind_errors_and_unbind(void)
{
	bool ok = setup() && error_checks();

	teardown();
	return ok;
}
