/*
 * Synchronous IPC on endpoints, seL4 style: a send meets a receive, the
 * message moves from one task to the other, and nobody buffers anything.
 * call = send + wait for the reply; the receiver of a call holds a one-shot
 * right to reply (task->caller), used by reply_recv. Words 0..2 travel in
 * registers, the rest between the two tasks' IPC buffers, which the kernel
 * reaches through the physmap.
 */
#include "cspace.h"
#include "ipc.h"
#include "kstring.h"
#include "uapi/errno.h"
#include "uapi/ipc.h"

struct endpoint *endpoint_create(struct mempool *pool)
{
	return obj_alloc(pool, CAP_ENDPOINT, sizeof(struct endpoint));
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
 * syscall registers of `to`, which is blocked in or running a receive.
 * Words beyond what `to` can hold are dropped (the length says so); a
 * capability moves only if the sender may grant and the receiver named
 * an empty slot.
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
	d->r[0] = 0;
	d->r[1] = badge;
	d->r[2] = MSG_INFO(MSG_LABEL(info), len, cap);
	d->r[3] = s->r[2];
	d->r[4] = s->r[3];
	d->r[5] = s->r[4];
}

/* current receives on ep: from a waiting sender, or by blocking. */
static void do_recv(struct endpoint *ep, struct sysregs *r)
{
	struct task *s;

	/* A receive drops an unused reply right: the caller it belonged to
	 * would otherwise wait for ever. It learns that with -EPIPE. */
	if (current->caller) {
		struct task *old = current->caller;
		current->caller = NULL;
		old->replier = NULL;
		task_wake(old, -EPIPE);
	}
	s = tqueue_pop(&ep->senders);

	if (!s) {
		if (ep->receive_caps == 0) {
			r->r[0] = (uint64_t)-EPIPE;
			return;
		}
		task_block(TASK_BLOCKED_RECV, &ep->receivers);
		return; /* the sender filled r (or the waker set r0 = error) */
	}
	deliver(s, current, s->send_badge, s->send_grant);
	if (s->is_call) {
		s->state = TASK_BLOCKED_REPLY;
		s->replier = current;
		current->caller = s;
	} else {
		task_wake(s, 0);
	}
}

/* current sends the message in current->sys (info r1, words r2..r4) on
 * ep: hand it to a receiver or block; for a call, then wait for the reply. */
static void send_to(struct endpoint *ep, uint64_t badge, bool grant, bool call)
{
	struct sysregs *r = current->sys;

	if (ep->receive_caps == 0) {
		r->r[0] = (uint64_t)-EPIPE;
		return;
	}
	current->send_badge = badge;
	current->send_grant = grant;
	current->is_call = call;
	struct task *rcv = tqueue_pop(&ep->receivers);
	if (!rcv) {
		/* Wait for a receiver; for a call, then for the reply too. */
		task_block(TASK_BLOCKED_SEND, &ep->senders);
		return;
	}
	deliver(current, rcv, current->send_badge, current->send_grant);
	if (!call) {
		task_wake(rcv, 0);
		r->r[0] = 0;
		return;
	}
	/* A call: the receiver runs next, directly (it answers us). */
	rcv->caller = current;
	current->replier = rcv;
	rcv->wake_err = 0;
	current->state = TASK_BLOCKED_REPLY;
	sched_handoff(rcv);
}

static void do_send(struct sysregs *r, bool call)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_ENDPOINT,
				      RIGHT_WRITE);
	int err = c.err ? c.err : check_message(r);

	if (err) {
		r->r[0] = (uint64_t)err;
		return;
	}
	send_to((struct endpoint *)c.cap->obj, c.cap->badge,
		c.cap->rights & RIGHT_GRANT, call);
}

int ipc_kernel_send(struct endpoint *ep, uint64_t badge, uint64_t info,
		    uint64_t w0, uint64_t w1, uint64_t w2, bool call)
{
	struct sysregs *saved = current->sys;
	struct sysregs *k = &current->kmsg;

	*k = (struct sysregs){ .r = { 0, MSG_INFO(MSG_LABEL(info), MSG_LEN(info), 0),
				      w0, w1, w2 } };
	current->sys = k;
	send_to(ep, badge, false, call);
	current->sys = saved;
	return (int)k->r[0];
}

void sys_send(struct sysregs *r)
{
	do_send(r, false);
}

/*
 * The fast path (seL4's idea): the common case of a call to a server that
 * waits in recv, and of the server's reply_recv to a caller while nobody
 * else is queued, with a short message (words in registers only, no
 * capability). Checks first, then straight-line work: move five
 * registers, link caller and server, hand the CPU over. Anything unusual
 * falls through to the general path, which gives the same result.
 */
static struct endpoint *fast_endpoint(const struct sysregs *r, unsigned right)
{
	uint64_t slot = r->r[0];
	struct cap *c;

	if (slot - 1 >= CSPACE_SLOTS - 1 || (r->r[1] & 0xff) > IPC_REG_WORDS)
		return NULL; /* bad slot, long message or a capability */
	c = &current->cs->slots[slot];
	if (!c->obj || c->obj->type != CAP_ENDPOINT || !(c->rights & right))
		return NULL;
	return (struct endpoint *)c->obj;
}

/* Registers of a short message from r into the partner's syscall regs. */
static void fast_deliver(const struct sysregs *r, struct task *to, uint64_t badge)
{
	struct sysregs *d = to->sys;

	d->r[0] = 0;
	d->r[1] = badge;
	d->r[2] = r->r[1] & ~0xff00ull; /* bits 8-15 are reserved */
	d->r[3] = r->r[2];
	d->r[4] = r->r[3];
	d->r[5] = r->r[4];
	to->wake_err = 0;
}

void sys_call(struct sysregs *r)
{
	struct endpoint *ep = fast_endpoint(r, RIGHT_WRITE);
	struct task *rcv = ep ? ep->receivers.head : NULL;

	if (!rcv) {
		do_send(r, true);
		return;
	}
	tqueue_remove(rcv);
	fast_deliver(r, rcv, current->cs->slots[r->r[0]].badge);
	rcv->caller = current;
	current->replier = rcv;
	current->is_call = true;
	current->state = TASK_BLOCKED_REPLY;
	sched_handoff(rcv);
}

void sys_recv(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_ENDPOINT,
				      RIGHT_READ);

	if (c.err) {
		r->r[0] = (uint64_t)c.err;
		return;
	}
	do_recv((struct endpoint *)c.cap->obj, r);
}

/* SYS_REPLY: answer the pending caller (if any; a caller that died is
 * simply gone) and go on. */
void sys_reply(struct sysregs *r)
{
	struct task *caller = current->caller;
	int err = check_message(r);

	if (!err && caller) {
		current->caller = NULL;
		caller->replier = NULL;
		deliver(current, caller, 0, true);
		task_wake(caller, 0);
	}
	r->r[0] = (uint64_t)err;
}

/*
 * "Reply later" (Minix's SUSPEND): SYS_REPLY_SAVE(pool, dst) moves the
 * pending reply right into a Reply object (its capability in dst, charged
 * to pool), so the server can receive other calls and answer this one
 * with SYS_REPLY_TO(reply, info, w0, w1, w2), which consumes the
 * capability. A Reply deleted unanswered fails its caller with -EPIPE; a
 * caller that dies first leaves an answer with nowhere to go (dropped).
 */
void sys_reply_save(struct sysregs *r)
{
	struct cap_ref pc = cap_lookup(current->cs, r->r[0], CAP_MEMPOOL,
				       RIGHT_CONTROL);
	struct task *c = current->caller;
	struct reply *rp;
	int err = pc.err;

	if (!err && !c)
		err = -EINVAL;    /* nobody waits for an answer */
	if (err) {
		r->r[0] = (uint64_t)err;
		return;
	}
	rp = obj_alloc((struct mempool *)pc.cap->obj, CAP_REPLY, sizeof(*rp));
	if (!rp) {
		r->r[0] = (uint64_t)-ENOMEM;
		return;
	}
	err = cap_install(current->cs, r->r[1], &rp->hdr, RIGHT_WRITE, 0);
	if (!err) {
		rp->caller = c;
		c->replier = NULL;
		c->reply_obj = rp;
		current->caller = NULL;
	}
	obj_put(&rp->hdr); /* the capability holds it (or nothing does) */
	r->r[0] = (uint64_t)err;
}

void sys_reply_to(struct sysregs *r)
{
	struct cap_ref rc = cap_lookup(current->cs, r->r[0], CAP_REPLY,
				       RIGHT_WRITE);
	int err = rc.err ? rc.err : check_message(r);

	if (err) {
		r->r[0] = (uint64_t)err;
		return;
	}
	struct reply *rp = (struct reply *)rc.cap->obj;
	struct task *c = rp->caller;
	if (c) {
		rp->caller = NULL;
		c->reply_obj = NULL;
		deliver(current, c, 0, true);
		task_wake(c, 0);
	}
	cap_clear(rc.cap); /* one-shot */
	r->r[0] = 0;
}

void reply_destroy(struct kobj *o)
{
	struct reply *rp = (struct reply *)o;
	struct task *c = rp->caller;

	if (c) {
		rp->caller = NULL;
		c->reply_obj = NULL;
		task_wake(c, -EPIPE);
	}
}

/* Reply to the pending caller (if any; a caller that died is simply gone),
 * then receive. */
void sys_reply_recv(struct sysregs *r)
{
	struct endpoint *fep = fast_endpoint(r, RIGHT_READ);
	struct task *to = current->caller;

	if (fep && to && !fep->senders.head && fep->receive_caps) {
		current->caller = NULL;
		to->replier = NULL;
		fast_deliver(r, to, 0);
		current->state = TASK_BLOCKED_RECV;
		tqueue_push(&fep->receivers, current);
		sched_handoff(to);
		return;
	}
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_ENDPOINT,
				      RIGHT_READ);
	int err = c.err ? c.err : check_message(r);

	if (err) {
		r->r[0] = (uint64_t)err;
		return;
	}
	struct endpoint *ep = (struct endpoint *)c.cap->obj;
	struct task *caller = current->caller;
	if (caller) {
		current->caller = NULL;
		caller->replier = NULL;
		deliver(current, caller, 0, true);
		caller->wake_err = 0;
		if (!ep->senders.head && ep->receive_caps) {
			/* Nothing to receive yet: wait on ep and give the CPU
			 * straight to the caller (the common server loop). */
			current->state = TASK_BLOCKED_RECV;
			tqueue_push(&ep->receivers, current);
			sched_handoff(caller);
			return;
		}
		sched_enqueue(caller);
	}
	do_recv(ep, r);
}
