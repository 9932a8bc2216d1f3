/*
 * kernel/ipc.c, kernel/sched.c and kernel/task.c on the host (the harness
 * of host_sched.c: tasks on host ucontexts that really block): orders of
 * events that the guest tests cannot force. A quantum report that queues
 * because the scheduler is not receiving; tasks killed in the middle of
 * IPC (a caller blocked in send and in reply, a server holding a call or a
 * saved Reply); a blocked task suspended and then woken. Tasks and their
 * memory are really freed, so ASan sees any pointer left dangling.
 */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "host_kernel.h"
#include "host_sched.h"
#include "support.h"

#include "cspace.h"
#include "ipc.h"
#include "object.h"
#include "sched.h"
#include "uapi/errno.h"
#include "uapi/ipc.h"
#include "uapi/task.h"

#define EP 1        /* every test task's endpoint slot */
#define POOL_SLOT 2
#define TASK_SLOT 3
#define SAVED 4

/* What the programs saw, for the checks. */
static struct {
	int step;
	long rc;
	struct sysregs msg;
	enum task_state partner_state;
} seen[2];

static struct endpoint *ep;

static void reset(void)
{
	memset(seen, 0, sizeof(seen));
	ep = endpoint_create(host_pool);
}

/* End a test: the tasks are dead; drop our references (frees them). */
static void finish(struct task **t, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		CHECK_EQ(t[i]->state, TASK_DEAD);
		obj_put(&t[i]->hdr);
	}
	obj_put(&ep->hdr);
	host_sched_cleanup();
}

/* ---- a quantum report queued while the scheduler is busy -------------------- */

#define BADGE 0x5c
static struct task *reporter;

/* Uses up its quantum of 2 and so reports; goes on once answered. */
static void prog_reporter(uint64_t arg)
{
	(void)arg;
	seen[0].step = 1;
	host_tick();
	host_tick();                  /* the report, a call, is sent here */
	seen[0].step = 2;
	seen[0].msg.r[0] = current->prio;
	seen[0].msg.r[1] = current->quantum;
}

/* The scheduler: sets the reporter's parameters before it receives the
 * queued report (the old race), then receives and answers. */
static void prog_scheduler(uint64_t arg)
{
	struct sysregs r;

	seen[1].rc = hsys(sys_sched_set, &r, TASK_SLOT, 35, 3, SCHED_MCP_KEEP, 0);
	seen[1].partner_state = reporter->state;
	if (hsys(sys_recv, &r, EP, 0, 0, 0, 0) == 0)
		seen[1].msg = r;
	seen[1].step = 1;
	hsys(sys_reply, &r, 0, MSG_INFO(arg ? SCHED_REPLY_SET : SCHED_REPLY_KEEP, 2, 0),
	     40, 4, 0);
}

static void test_report_queued(int set)
{
	struct task *t[2];

	reset();
	t[0] = reporter = host_task(30, 2);
	t[1] = host_task(100, 5);
	obj_get(&ep->hdr);
	reporter->sched_ep = ep;
	reporter->sched_badge = BADGE;
	host_cap(t[1], EP, &ep->hdr, RIGHT_READ, 0);
	host_cap(t[1], TASK_SLOT, &t[0]->hdr, RIGHT_CONTROL, 0);
	host_start(t[0], prog_reporter, 0);
	host_run();
	/* Nobody receives: the report waits in the endpoint's send queue. */
	CHECK_EQ(seen[0].step, 1);
	CHECK_EQ(t[0]->state, TASK_BLOCKED_SEND);
	CHECK(ep->senders.head == t[0]);
	host_start(t[1], prog_scheduler, (uint64_t)set);
	host_run();
	CHECK_EQ(seen[1].rc, 0);
	CHECK_EQ(seen[1].partner_state, TASK_BLOCKED_SEND);  /* still waits */
	CHECK_EQ(seen[1].step, 1);
	CHECK_EQ(seen[1].msg.r[1], BADGE);
	CHECK_EQ(MSG_LABEL(seen[1].msg.r[2]), SCHED_MSG_EXPIRED);
	CHECK_EQ(MSG_LEN(seen[1].msg.r[2]), 3);
	CHECK_EQ(seen[1].msg.r[3], 2);                  /* ticks used */
	CHECK_EQ(seen[1].msg.r[4], 2);                  /* utime */
	CHECK_EQ(seen[0].step, 2);                      /* it went on */
	CHECK_EQ(seen[0].msg.r[0], set ? 40 : 35);      /* the answer's, or */
	CHECK_EQ(seen[0].msg.r[1], set ? 4 : 3);        /* sched_set's */
	CHECK_EQ(t[0]->ticks_used, 0);
	finish(t, 2);
}

/* ---- kill in the middle of IPC ---------------------------------------------- */

static void prog_call(uint64_t arg)
{
	struct sysregs r;

	seen[0].step = 1;
	seen[0].rc = hsys(sys_call, &r, EP, MSG_INFO(7, 1, 0), arg, 0, 0);
	seen[0].msg = r;
	seen[0].step = 2;
}

/* Receive one call; block (the test decides what happens meanwhile);
 * answer it (arg 0) or save it first and block again (arg 1). */
static void prog_serve(uint64_t arg)
{
	struct sysregs r;

	seen[1].rc = hsys(sys_recv, &r, EP, 0, 0, 0, 0);
	seen[1].msg = r;
	seen[1].step = 1;
	if (arg)
		seen[1].rc = hsys(sys_reply_save, &r, POOL_SLOT, SAVED, 0, 0, 0);
	host_block();
	seen[1].step = 2;
	seen[1].rc = hsys(sys_reply, &r, 0, MSG_INFO(8, 1, 0), 99, 0, 0);
	seen[1].step = 3;
}

static void prog_recv(uint64_t arg)
{
	struct sysregs r;

	(void)arg;
	seen[1].step = 1;
	seen[1].rc = hsys(sys_recv, &r, EP, 0, 0, 0, 0);
	seen[1].msg = r;
	seen[1].step = 2;
}

/* t[0] may call on EP, t[1] receive on it, at these priorities. */
static void caller_and_server(struct task *t[2], unsigned p0, unsigned p1)
{
	reset();
	t[0] = host_task(p0, 5);
	t[1] = host_task(p1, 5);
	host_cap(t[0], EP, &ep->hdr, RIGHT_WRITE, 0);
	host_cap(t[1], EP, &ep->hdr, RIGHT_READ, 0);
}

/* A caller killed while it waits in the send queue leaves it: the next
 * receiver finds nobody. */
static void test_kill_caller_in_send(void)
{
	struct task *t[2];

	caller_and_server(t, 50, 40);
	host_start(t[0], prog_call, 1);
	host_run();
	CHECK_EQ(t[0]->state, TASK_BLOCKED_SEND);
	task_kill(t[0], NULL);
	CHECK(ep->senders.head == NULL);
	host_start(t[1], prog_recv, 0);
	host_run();
	CHECK_EQ(seen[1].step, 1);                       /* waits in recv */
	CHECK_EQ(t[1]->state, TASK_BLOCKED_RECV);
	CHECK_EQ(seen[0].step, 1);                       /* never came back */
	task_kill(t[1], NULL);
	CHECK(ep->receivers.head == NULL);
	finish(t, 2);
}

/* A caller killed while its server holds the call: the server's answer
 * later goes nowhere (the caller is freed first: ASan would see a
 * dangling link). */
static void test_kill_caller_in_reply(void)
{
	struct task *t[2];

	caller_and_server(t, 50, 60);
	host_start(t[1], prog_serve, 0);
	host_start(t[0], prog_call, 5);
	host_run();
	CHECK_EQ(seen[1].step, 1);
	CHECK_EQ(seen[1].msg.r[3], 5);
	CHECK_EQ(t[0]->state, TASK_BLOCKED_REPLY);
	CHECK(t[1]->caller == t[0]);
	task_kill(t[0], NULL);
	CHECK(t[1]->caller == NULL);
	obj_put(&t[0]->hdr);                  /* freed now */
	task_wake(t[1], 0);
	host_run();
	CHECK_EQ(seen[1].step, 3);
	CHECK_EQ(seen[1].rc, 0);
	CHECK_EQ(t[1]->state, TASK_DEAD);
	obj_put(&t[1]->hdr);
	obj_put(&ep->hdr);
	host_sched_cleanup();
}

/* A server killed holding a call, or a saved Reply to it: the caller
 * fails with -EPIPE and runs on. */
static void test_kill_server_holding_reply(int saved)
{
	struct task *t[2];

	caller_and_server(t, 50, 60);
	host_cap(t[1], POOL_SLOT, &host_pool->hdr, RIGHT_CONTROL, 0);
	host_start(t[1], prog_serve, (uint64_t)saved);
	host_start(t[0], prog_call, 6);
	host_run();
	CHECK_EQ(seen[1].step, 1);
	CHECK_EQ(seen[1].rc, 0);
	CHECK_EQ(t[0]->state, TASK_BLOCKED_REPLY);
	CHECK(saved ? t[0]->reply_obj != NULL : t[0]->replier == t[1]);
	task_kill(t[1], NULL);
	CHECK_EQ(t[0]->state, TASK_RUNNABLE);
	host_run();
	CHECK_EQ(seen[0].step, 2);
	CHECK_EQ(seen[0].rc, -EPIPE);
	CHECK(t[0]->replier == NULL && t[0]->reply_obj == NULL);
	finish(t, 2);
}

/* ---- suspended while blocked ------------------------------------------------- */

static void prog_send(uint64_t arg)
{
	struct sysregs r;

	seen[0].rc = hsys(sys_send, &r, EP, MSG_INFO(3, 1, 0), arg, 0, 0);
	seen[0].step = 1;
}

/* A task blocked in recv (or in a call, waiting for the reply) is
 * suspended; the message comes: it is runnable but parked, and runs
 * only once resumed. */
static void test_suspend_blocked(int in_call)
{
	struct task *t[2];

	reset();
	t[0] = host_task(50, 5);
	t[1] = host_task(60, 5);
	host_cap(t[0], EP, &ep->hdr, RIGHT_READ | RIGHT_WRITE, 0);
	host_cap(t[1], EP, &ep->hdr, RIGHT_READ | RIGHT_WRITE, 0);
	if (in_call) {
		host_start(t[1], prog_serve, 0);
		host_start(t[0], prog_call, 9);
	} else {
		host_start(t[1], prog_recv, 0);
	}
	host_run();
	struct task *blocked = in_call ? t[0] : t[1];
	CHECK_EQ(blocked->state, in_call ? TASK_BLOCKED_REPLY : TASK_BLOCKED_RECV);
	sched_suspend(blocked);
	if (in_call)
		task_wake(t[1], 0);               /* the server answers */
	else
		host_start(t[0], prog_send, 11);  /* a sender comes */
	host_run();
	/* Woken, not run: the message is in place, the program has not
	 * seen it. */
	CHECK_EQ(blocked->state, TASK_RUNNABLE);
	CHECK(blocked->suspended);
	CHECK(blocked->queue == NULL);
	CHECK_EQ(in_call ? seen[0].step : seen[1].step, 1);
	host_run();
	CHECK_EQ(in_call ? seen[0].step : seen[1].step, 1);
	sched_resume(blocked);
	host_run();
	if (in_call) {
		CHECK_EQ(seen[0].step, 2);
		CHECK_EQ(seen[0].rc, 0);
		CHECK_EQ(MSG_LABEL(seen[0].msg.r[2]), 8);
		CHECK_EQ(seen[0].msg.r[3], 99);
	} else {
		CHECK_EQ(seen[1].step, 2);
		CHECK_EQ(seen[1].rc, 0);
		CHECK_EQ(seen[1].msg.r[3], 11);
		CHECK_EQ(seen[0].step, 1);
	}
	finish(t, 2);
}

int main(void)
{
	static struct mempool root = { .hdr = { .type = CAP_MEMPOOL, .refs = 1 },
				       .quota = 64u << 20 };

	host_pool = &root;
	/* A capability to the pool that outlives every test task, as the
	 * root task's does: a task's death must not delete the last one
	 * (which would destroy the pool, object.h). */
	struct cspace *keeper = cspace_create(NULL);
	CHECK(keeper && cap_install(keeper, 1, &root.hdr, RIGHTS_ALL, 0) == 0);
	test_report_queued(0);
	test_report_queued(1);
	test_kill_caller_in_send();
	test_kill_caller_in_reply();
	test_kill_server_holding_reply(0);
	test_kill_server_holding_reply(1);
	test_suspend_blocked(0);
	test_suspend_blocked(1);
	CHECK_EQ(root.used, 0);               /* everything came back */
	obj_put(&keeper->hdr);                /* dooms the (empty) pool */
	pool_reclaim_pending();
	CHECK_EQ(root.hdr.refs, 1);
	CHECK_EQ(host_kmalloc_live, 0);
	return check_summary("ipc");
}
