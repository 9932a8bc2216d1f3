/*
 * Notifications: a word of signal bits and a queue of waiters, for
 * asynchronous wake-ups. signal ORs in the capability's badge (1 if it has
 * none); wait returns the accumulated bits and clears them, or blocks.
 * Irq objects deliver a device interrupt as a signal on the notification
 * bound to them; the line stays masked until the handler acknowledges.
 *
 * A notification may also be bound to one task (SYS_TASK_BIND, seL4's
 * bound notification), so that a server waiting for messages hears its
 * timers and alarms too: a signal that finds no waiter wakes the bound
 * task if it waits in a receive, which then returns the bits with the
 * info word IPC_INFO_NOTIFY (kernel/ipc.c checks for pending bits before
 * it blocks). The link is not a reference either way: the end of the task
 * (task_release) or of the notification (notification_destroy, which its
 * pool's reclamation calls too) unbinds.
 */
#include "cspace.h"
#include "ipc.h"
#include "sched.h"
#include "task.h"
#include "timer.h"
#include "uapi/errno.h"

#define IRQ_LINES 128

static struct irq *irq_bound[IRQ_LINES];

static void irq_unbind(struct irq *irq);

struct notification *notification_create(struct mempool *pool)
{
	return obj_alloc(pool, CAP_NOTIFICATION, sizeof(struct notification));
}

void notification_destroy(struct kobj *o)
{
	struct notification *n = (struct notification *)o;
	struct task *t;

	timer_disarm(n);
	if (n->bound)
		notification_unbind(n->bound);
	while ((t = tqueue_pop(&n->waiters)))
		task_wake(t, -EPIPE);
}

/* Its pool is destroyed: waiters fail, its timer is disarmed, interrupt
 * lines bound to it are unbound, CPU-time alarms on it dropped. */
void notification_revoke(struct kobj *o)
{
	notification_destroy(o);
	task_drop_refs(o);
	for (unsigned line = 0; line < IRQ_LINES && o->refs > 1; line++)
		if (irq_bound[line] && &irq_bound[line]->ntfn->hdr == o)
			irq_unbind(irq_bound[line]);
}

void notification_signal(struct notification *n, uint64_t bits)
{
	struct task *t = tqueue_pop(&n->waiters);

	n->bits |= bits;
	if (t) {
		t->sys->r[1] = n->bits;
		n->bits = 0;
		task_wake(t, 0);
		return;
	}
	/* Waiters first (seL4's order); then the bound task, if it waits in
	 * a receive (on whichever endpoint: task_wake takes it off that
	 * queue). A task blocked there by the fast path resumes through its
	 * trampoline like any other (sched_resume_user). */
	t = n->bound;
	if (t && t->state == TASK_BLOCKED_RECV) {
		ipc_take_bound(t);
		task_wake(t, 0);
	}
}

/* SYS_TASK_BIND(task, notification or 0): bind the notification to the
 * task (one each way: -EBUSY if either is bound elsewhere; the same pair
 * again is no change), or unbind (0). Bits already pending reach a task
 * blocked in a receive at once. */
long sys_task_bind(struct sysregs *r)
{
	struct cap_ref tc = cap_lookup(current->cs, r->r[0], CAP_TASK,
				       RIGHT_CONTROL);
	struct cap_ref nc = { 0, NULL };
	struct notification *n;
	struct task *t;

	if (tc.err)
		return tc.err;
	if (r->r[1]) {
		nc = cap_lookup(current->cs, r->r[1], CAP_NOTIFICATION, RIGHT_READ);
		if (nc.err)
			return nc.err;
	}
	t = (struct task *)tc.cap->obj;
	if (t->state == TASK_DEAD)
		return -ESRCH;
	if (!nc.cap) {
		notification_unbind(t);
		return 0;
	}
	n = (struct notification *)nc.cap->obj;
	if (t->bound == n)
		return 0;
	if (t->bound || n->bound)
		return -EBUSY;
	t->bound = n;
	n->bound = t;
	if (n->bits && t->state == TASK_BLOCKED_RECV) {
		ipc_take_bound(t);
		task_wake(t, 0);
	}
	return 0;
}

long sys_signal(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_NOTIFICATION,
				      RIGHT_WRITE);

	if (!c.err)
		notification_signal((struct notification *)c.cap->obj,
				    c.cap->badge ? c.cap->badge : 1);
	return c.err;
}

long sys_wait(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_NOTIFICATION,
				      RIGHT_READ);
	struct notification *n;

	if (c.err)
		return c.err;
	n = (struct notification *)c.cap->obj;
	if (n->bits) {
		r->r[1] = n->bits;
		n->bits = 0;
		return 0;
	}
	return task_block(TASK_BLOCKED_WAIT, &n->waiters);
}

/* ---- interrupts ------------------------------------------------------------ */

struct irq *irq_create(struct mempool *pool, unsigned line)
{
	struct irq *irq;

	if (line >= IRQ_LINES)
		return NULL;
	irq = obj_alloc(pool, CAP_IRQ, sizeof(*irq));
	if (irq)
		irq->line = line;
	return irq;
}

static void irq_unbind(struct irq *irq)
{
	if (!irq->ntfn)
		return;
	arch_irq_line_disable(irq->line);
	irq_bound[irq->line] = NULL;
	obj_put(&irq->ntfn->hdr);
	irq->ntfn = NULL;
}

void irq_destroy(struct kobj *o)
{
	irq_unbind((struct irq *)o);
}

void irq_revoke(struct kobj *o)
{
	irq_unbind((struct irq *)o);
}

void irq_dispatch(unsigned line)
{
	struct irq *irq = line < IRQ_LINES ? irq_bound[line] : NULL;

	/* Masked until acknowledged, so a level-triggered line does not
	 * storm while its handler runs. */
	arch_irq_line_disable(line);
	if (irq && irq->ntfn)
		notification_signal(irq->ntfn, irq->badge ? irq->badge : 1);
}

long sys_irq_set(struct sysregs *r)
{
	struct cap_ref ic = cap_lookup(current->cs, r->r[0], CAP_IRQ,
				       RIGHT_CONTROL);
	struct cap_ref nc = cap_lookup(current->cs, r->r[1], CAP_NOTIFICATION,
				       RIGHT_WRITE);
	int err = ic.err ? ic.err : nc.err;
	struct irq *irq;

	if (!err && r->r[2] > BADGE_MAX)
		err = -EINVAL;
	if (err)
		return err;
	irq = (struct irq *)ic.cap->obj;
	if (irq_bound[irq->line] && irq_bound[irq->line] != irq)
		return -EBUSY;
	irq_unbind(irq);
	irq->ntfn = (struct notification *)nc.cap->obj;
	obj_get(&irq->ntfn->hdr);
	irq->badge = r->r[2];
	irq_bound[irq->line] = irq;
	err = arch_irq_line_enable(irq->line);
	if (err)
		irq_unbind(irq);
	return err;
}

long sys_irq_ack(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_IRQ,
				      RIGHT_CONTROL);
	struct irq *irq;
	int err = c.err;

	if (!err) {
		irq = (struct irq *)c.cap->obj;
		err = irq->ntfn ? arch_irq_line_enable(irq->line) : -EINVAL;
	}
	return err;
}
