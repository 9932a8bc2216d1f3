/*
 * Synchronous IPC on endpoints, seL4 style: a send meets a receive, the
 * message moves from one task to the other, and nobody buffers anything.
 * call = send + wait for the reply; the receiver of a call holds a one-shot
 * right to reply (task->caller), used by reply_recv, or kept for later in
 * a Reply object. Words 0..2 travel in registers, the rest between the two
 * tasks' IPC buffers, which the kernel reaches through the physmap.
 *
 * Every function here that a system call ends in returns the call's
 * result; a task that blocked gets the result its waker handed over
 * (task_block), and the message itself in its syscall registers r1..r5.
 *
 * A receive also ends for the receiver's bound notification
 * (kernel/notification.c): bits pending when it starts return at once,
 * before any waiting sender (which stays queued for the next receive),
 * and a signal while it waits wakes it. Its info word, IPC_INFO_NOTIFY,
 * has a bit (IPC_INFO_KERNEL) that every delivery of a message clears
 * (deliver, fast_deliver), so no sender can forge it.
 */
#include "cspace.h"
#include "ipc.h"
#include "kstring.h"
#include "sched.h"
#include "syscall.h"
#include "uapi/errno.h"
#include "uapi/ipc.h"

struct endpoint *endpoint_create(struct mempool *pool)
{
	return obj_alloc(pool, CAP_ENDPOINT, sizeof(struct endpoint));
}

struct reply *reply_create(struct mempool *pool)
{
	return obj_alloc(pool, CAP_REPLY, sizeof(struct reply)); /* idle */
}

static void fail_all(struct tqueue *q, int err)
{
	struct task *t;

	while ((t = tqueue_pop(q)))
		task_wake(t, err);
}

void endpoint_receivers(struct endpoint *ep, int delta)
{
	ep->receive_caps += (unsigned)delta;
	if (ep->receive_caps == 0) {
		fail_all(&ep->senders, -EPIPE);
		fail_all(&ep->receivers, -EPIPE);
	}
}

void endpoint_destroy(struct kobj *o)
{
	struct endpoint *ep = (struct endpoint *)o;

	fail_all(&ep->senders, -EPIPE);
	fail_all(&ep->receivers, -EPIPE);
}

/* Its pool is destroyed: waiting senders and receivers fail, and tasks
 * that have it as fault or scheduler endpoint let go of it. */
void endpoint_revoke(struct kobj *o)
{
	endpoint_destroy(o);
	task_drop_refs(o);
}

/* ---- reply rights ----------------------------------------------------------
 * A caller waiting for its answer is linked to exactly one holder of the
 * right to answer: a server (server->caller, caller->replier) or a saved
 * Reply (reply->caller, caller->reply_obj). These helpers are the only
 * places that make or break the links. */

static void reply_link(struct task *server, struct task *caller)
{
	server->caller = caller;
	caller->replier = server;
	caller->state = TASK_BLOCKED_REPLY;
}

/* The caller server may answer, unlinked (NULL: none). */
static struct task *reply_take(struct task *server)
{
	struct task *c = server->caller;

	if (c) {
		server->caller = NULL;
		c->replier = NULL;
	}
	return c;
}

static struct task *reply_obj_take(struct reply *rp)
{
	struct task *c = rp->caller;

	if (c) {
		rp->caller = NULL;
		c->reply_obj = NULL;
	}
	return c;
}

void ipc_task_dead(struct task *t)
{
	struct task *c = reply_take(t);

	if (c)
		task_wake(c, -EPIPE);   /* its server died holding the call */
	if (t->replier)
		(void)reply_take(t->replier);
	if (t->reply_obj)
		(void)reply_obj_take(t->reply_obj);
}

/* ---- bound notifications (the signal side is kernel/notification.c) ----- */

void ipc_take_bound(struct task *t)
{
	struct sysregs *d = t->sys;

	d->r[1] = t->bound->bits;
	d->r[2] = IPC_INFO_NOTIFY;
	d->r[3] = d->r[4] = d->r[5] = 0;
	t->bound->bits = 0;
}

void notification_unbind(struct task *t)
{
	if (t->bound) {
		t->bound->bound = NULL;
		t->bound = NULL;
	}
}

/* ---- messages ------------------------------------------------------------- */

/* Is the message in r (info r1, words r2..r4) one current can send? */
static int check_message(const struct sysregs *r)
{
	unsigned len = MSG_LEN(r->r[1]);

	if (len > IPC_MAX_WORDS)
		return -EINVAL;
	if (len > IPC_REG_WORDS && !current->ipcbuf)
		return -EINVAL;
	return 0;
}

/*
 * Move the message `from` is sending (its syscall registers) into the
 * syscall registers of `to` (r1 badge, r2 info, r3..r5 words), which is
 * blocked in or running a receive. Words beyond what `to` can hold are
 * dropped (the length says so); a capability moves only if the sender may
 * grant and the receiver named an empty slot. The result (r0) is the
 * receiver's handler's to return.
 */
static void deliver(struct task *from, struct task *to, uint64_t badge,
		    bool grant)
{
	const struct sysregs *s = from->sys;
	struct sysregs *d = to->sys;
	uint64_t info = s->r[1];
	unsigned len = MSG_LEN(info);
	bool cap = false;

	if (len > IPC_REG_WORDS) {
		if (to->ipcbuf && from->ipcbuf)
			memcpy(&to->ipcbuf->mr[IPC_REG_WORDS],
			       &from->ipcbuf->mr[IPC_REG_WORDS],
			       (len - IPC_REG_WORDS) * sizeof(uint64_t));
		else
			len = IPC_REG_WORDS;
	}
	if (MSG_HAS_CAP(info) && grant && from->ipcbuf && to->ipcbuf) {
		struct cap_ref c = cap_lookup(from->cs, from->ipcbuf->send_cap,
					      CAP_NONE, 0);
		cap = !c.err && cap_install(to->cs, to->ipcbuf->recv_slot,
					    c.cap->obj, c.cap->rights,
					    c.cap->badge) == 0;
	}
	d->r[1] = badge;
	d->r[2] = MSG_INFO(MSG_LABEL(info), len, cap);
	d->r[3] = s->r[2];
	d->r[4] = s->r[3];
	d->r[5] = s->r[4];
}

/* Answer caller with current's message: it becomes runnable with result 0. */
static void answer(struct task *caller)
{
	deliver(current, caller, 0, true);
	task_wake(caller, 0);
}

/* current receives on ep: from a waiting sender, or by blocking. */
static int do_recv(struct endpoint *ep)
{
	/* A receive drops an unused reply right: the caller it belonged to
	 * would otherwise wait for ever. It learns that with -EPIPE. */
	struct task *old = reply_take(current);
	struct task *s;

	if (old)
		task_wake(old, -EPIPE);
	if (ipc_bound_pending(current)) {
		ipc_take_bound(current);
		return 0;
	}
	s = tqueue_pop(&ep->senders);
	if (!s) {
		if (ep->receive_caps == 0)
			return -EPIPE;
		return task_block(TASK_BLOCKED_RECV, &ep->receivers);
	}
	deliver(s, current, s->send_badge, s->send_grant);
	if (s->is_call)
		reply_link(current, s);
	else
		task_wake(s, 0);
	return 0;
}

/* current sends the message in current->sys (info r1, words r2..r4) on
 * ep: hand it to a receiver or block; for a call, then wait for the reply. */
static int send_to(struct endpoint *ep, uint64_t badge, bool grant, bool call)
{
	struct task *rcv;

	if (ep->receive_caps == 0)
		return -EPIPE;
	current->send_badge = badge;
	current->send_grant = grant;
	current->is_call = call;
	rcv = tqueue_pop(&ep->receivers);
	if (!rcv) {
		/* Wait for a receiver; for a call, then for the reply too. */
		return task_block(TASK_BLOCKED_SEND, &ep->senders);
	}
	deliver(current, rcv, badge, grant);
	if (!call) {
		task_wake(rcv, 0);
		return 0;
	}
	/* A call: the receiver runs next, directly (it answers us). */
	reply_link(rcv, current);
	rcv->wake_err = 0;
	if (rcv->sys)
		rcv->sys->r[0] = 0;   /* as task_wake does */
	sched_handoff(rcv);
	return current->wake_err;
}

static long do_send(struct sysregs *r, bool call)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_ENDPOINT,
				      RIGHT_WRITE);
	int err = c.err ? c.err : check_message(r);

	if (err)
		return err;
	return send_to((struct endpoint *)c.cap->obj, c.cap->badge,
		       c.cap->rights & RIGHT_GRANT, call);
}

int ipc_kernel_send(struct endpoint *ep, uint64_t badge, uint64_t info,
		    uint64_t w0, uint64_t w1, uint64_t w2, bool call)
{
	struct sysregs *saved = current->sys;
	struct sysregs *k = &current->kmsg;
	int err;

	*k = (struct sysregs){ .r = { 0, MSG_INFO(MSG_LABEL(info), MSG_LEN(info), 0),
				      w0, w1, w2 } };
	current->sys = k;
	err = send_to(ep, badge, false, call);
	current->sys = saved;
	return err;
}

long sys_send(struct sysregs *r)
{
	return do_send(r, false);
}

long sys_call(struct sysregs *r)
{
	return do_send(r, true);
}

/*
 * The fast path (seL4's idea): the common case of a call to a server that
 * waits in recv, and of the server's reply_recv to a caller while nobody
 * else is queued, with a short message (words in registers only, no
 * capability). The arch entry calls it instead of syscall_dispatch (the
 * rows of SYS_CALL and SYS_REPLY_RECV name it). Checks first; if any
 * fails, the call goes to syscall_dispatch and its ordinary handler gives
 * the same result. Then straight-line work: move five registers into the
 * partner's registers, link the two, and hand the CPU over with
 * sched_handoff_user: the caller keeps nothing on its kernel stack while
 * it waits, and a partner that waits the same way returns to user mode
 * directly, with no kernel context switched. Bound notifications cost
 * one check, in reply_recv: a server with bits pending must not block
 * (the slow path returns them). A call needs none: a receiver blocked in
 * recv has no bits pending, since a signal would have woken it.
 */
static inline __attribute__((always_inline)) struct endpoint *fast_endpoint(const struct sysregs *r, unsigned right)
{
	uint64_t slot = r->r[0];
	struct cap *c;

	struct cspace *cs = current->cs;

	if (slot - 1 >= cs->nslots - 1 || (r->r[1] & 0xff) > IPC_REG_WORDS)
		return NULL; /* bad slot, long message or a capability */
	c = &cs->slots[slot];
	if (!c->obj || c->obj->type != CAP_ENDPOINT || !(c->rights & right))
		return NULL;
	return (struct endpoint *)c->obj;
}

/* A short message from r into the partner's registers, with result 0:
 * in r0 for a partner that returns to user mode directly, in wake_err
 * for one whose kernel context resumes (sched_handoff_user). */
static inline __attribute__((always_inline)) void fast_deliver(const struct sysregs *r, struct task *to, uint64_t badge)
{
	struct sysregs *d = to->sys;

	to->wake_err = 0;
	d->r[0] = 0;
	d->r[1] = badge;
	d->r[2] = r->r[1] & ~0xff00ull; /* bits 8-15 are the kernel's */
	d->r[3] = r->r[2];
	d->r[4] = r->r[3];
	d->r[5] = r->r[4];
}

void ipc_fast_call(struct trap_frame *tf)
{
	const struct sysregs *r = arch_syscall_regs(tf);
	struct endpoint *ep = fast_endpoint(r, RIGHT_WRITE);
	struct task *rcv = ep ? ep->receivers.head : NULL;

	if (!rcv || !sched_can_handoff(rcv)) {
		syscall_dispatch(tf);
		return;
	}
	current->regs_replaced = false;   /* a new call (syscall_dispatch) */
	current->ipc_fast++;
	tqueue_remove(rcv);
	fast_deliver(r, rcv, current->cs->slots[r->r[0]].badge);
	current->is_call = true;
	reply_link(rcv, current);
	sched_handoff_user(rcv);
}

void ipc_fast_reply_recv(struct trap_frame *tf)
{
	const struct sysregs *r = arch_syscall_regs(tf);
	struct endpoint *ep = fast_endpoint(r, RIGHT_READ);
	struct task *to = current->caller;

	if (!ep || !to || ep->senders.head || !ep->receive_caps ||
	    ipc_bound_pending(current) || !sched_can_handoff(to)) {
		syscall_dispatch(tf);
		return;
	}
	current->regs_replaced = false;
	current->ipc_fast++;
	(void)reply_take(current);
	fast_deliver(r, to, 0);
	current->state = TASK_BLOCKED_RECV;
	tqueue_push(&ep->receivers, current);
	sched_handoff_user(to);
}

long sys_recv(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_ENDPOINT,
				      RIGHT_READ);

	if (c.err)
		return c.err;
	return do_recv((struct endpoint *)c.cap->obj);
}

/* SYS_REPLY: answer the pending caller (if any; a caller that died is
 * simply gone) and go on. */
long sys_reply(struct sysregs *r)
{
	int err = check_message(r);
	struct task *caller;

	if (err)
		return err;
	caller = reply_take(current);
	if (caller)
		answer(caller);
	return 0;
}

/*
 * "Reply later" (Minix's SUSPEND): SYS_REPLY_SAVE(pool, dst) moves the
 * pending reply right into a Reply object (its capability in dst, charged
 * to pool), so the server can receive other calls and answer this one
 * with SYS_REPLY_TO(reply, info, w0, w1, w2, flags), which consumes the
 * capability, or with REPLY_KEEP leaves it idle in its slot: a later
 * SYS_REPLY_SAVE into that slot re-arms the same object (pool unused),
 * which costs no allocation. A Reply deleted unanswered fails its caller
 * with -EPIPE; a caller that dies first leaves an answer with nowhere to
 * go (dropped).
 */
static void reply_arm(struct reply *rp)
{
	struct task *c = reply_take(current);

	rp->caller = c;
	rp->armed = true;
	c->reply_obj = rp;
}

long sys_reply_save(struct sysregs *r)
{
	/* An idle Reply of ours in dst: re-arm it. */
	struct cap_ref kept = cap_lookup(current->cs, r->r[1], CAP_REPLY,
					 RIGHT_WRITE);
	if (!kept.err) {
		struct reply *rp = (struct reply *)kept.cap->obj;
		if (rp->armed)
			return -EEXIST;
		if (!current->caller)
			return -EINVAL;
		reply_arm(rp);
		return 0;
	}

	struct cap_ref pc = cap_lookup(current->cs, r->r[0], CAP_MEMPOOL,
				       RIGHT_CONTROL);
	struct cap_dst dst = cap_dst(0, r->r[1]);
	struct reply *rp;
	int err = pc.err ? pc.err : dst.err;

	if (err)
		return err;
	if (!current->caller)
		return -EINVAL;    /* nobody waits for an answer */
	rp = reply_create((struct mempool *)pc.cap->obj);
	if (!rp)
		return -ENOMEM;
	err = cap_set(dst, &rp->hdr, RIGHT_WRITE, 0);
	if (!err)
		reply_arm(rp);
	obj_put(&rp->hdr); /* the capability holds it (or nothing does) */
	return err;
}

long sys_reply_to(struct sysregs *r)
{
	struct cap_ref rc = cap_lookup(current->cs, r->r[0], CAP_REPLY,
				       RIGHT_WRITE);
	int err = rc.err ? rc.err : check_message(r);
	uint64_t flags = r->r[5];
	struct reply *rp;
	struct task *c;

	if (err)
		return err;
	rp = (struct reply *)rc.cap->obj;
	if ((flags & ~REPLY_KEEP) || !rp->armed)
		return -EINVAL;    /* unknown flags, or an idle Reply */
	rp->armed = false;
	c = reply_obj_take(rp);
	if (c)
		answer(c);
	if (!(flags & REPLY_KEEP))
		cap_clear(rc.cap); /* one-shot */
	return 0;
}

void reply_destroy(struct kobj *o)
{
	struct task *c = reply_obj_take((struct reply *)o);

	if (c)
		task_wake(c, -EPIPE);
}

/* Reply to the pending caller (if any; a caller that died is simply gone),
 * then receive. */
long sys_reply_recv(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_ENDPOINT,
				      RIGHT_READ);
	int err = c.err ? c.err : check_message(r);

	if (err)
		return err;
	struct endpoint *ep = (struct endpoint *)c.cap->obj;
	struct task *caller = reply_take(current);
	if (caller) {
		deliver(current, caller, 0, true);
		caller->wake_err = 0;
		if (caller->sys)
			caller->sys->r[0] = 0;   /* as task_wake does */
		if (!ep->senders.head && ep->receive_caps &&
		    !ipc_bound_pending(current)) {
			/* Nothing to receive yet: wait on ep and give the CPU
			 * straight to the caller (the common server loop). */
			current->state = TASK_BLOCKED_RECV;
			tqueue_push(&ep->receivers, current);
			sched_handoff(caller);
			return current->wake_err;
		}
		sched_enqueue(caller);
	}
	return do_recv(ep);
}
