/*
 * Endpoints, notifications and IRQ objects: the kernel side of IPC
 * (kernel/ipc.c, kernel/notification.c). The message layout is in
 * uapi/ipc.h.
 */
#ifndef PITH_IPC_H
#define PITH_IPC_H

#include "task.h"

struct endpoint {
	struct kobj hdr;
	struct tqueue senders;     /* blocked in send or call */
	struct tqueue receivers;   /* blocked in recv */
	unsigned receive_caps;     /* capabilities with RIGHT_READ */
};

struct notification {
	struct kobj hdr;
	uint64_t bits;
	struct tqueue waiters;
	struct task *bound;        /* the task whose receives hear it
	                              (SYS_TASK_BIND), or NULL */
	/* Its one-shot timer (kernel/timer.c, SYS_TIMER_SET): armed while
	 * timer_pprev is set, on the list of armed timers by deadline. */
	uint64_t timer_deadline;   /* monotonic ns */
	uint64_t timer_bits;       /* signalled when it fires */
	struct notification *timer_next, **timer_pprev;
};

/* A saved reply right (SYS_REPLY_SAVE): answers caller once; kept
 * (REPLY_KEEP) it is idle until the next SYS_REPLY_SAVE re-arms it. */
struct reply {
	struct kobj hdr;
	struct task *caller;        /* NULL once answered or the caller died */
	bool armed;                 /* saved and not yet answered */
};

struct irq {
	struct kobj hdr;
	unsigned line;
	struct notification *ntfn;  /* bound notification (referenced) */
	uint64_t badge;
};

struct endpoint *endpoint_create(struct mempool *pool);
struct notification *notification_create(struct mempool *pool);
/* An idle Reply (SYS_OBJ_CREATE): armed by SYS_REPLY_SAVE into its slot. */
struct reply *reply_create(struct mempool *pool);
struct irq *irq_create(struct mempool *pool, unsigned line);

/* A capability with RIGHT_READ to ep appeared (+1) or went (-1). When none
 * is left nobody can ever receive: blocked senders and callers fail with
 * -EPIPE, and so do later sends. */
void endpoint_receivers(struct endpoint *ep, int delta);

/* Send a message on behalf of current, which is not in a system call (a
 * fault, a quantum report): info/w0..w2 as in uapi/ipc.h (at most 3
 * words, no capability), badge as if sent through a capability with it.
 * A call blocks until the reply, which is then in current->kmsg (r2 =
 * info, r3.. = words). Returns 0, or -EPIPE if nobody can receive on ep
 * (or the receiver died, or dropped the call, before replying). */
int ipc_kernel_send(struct endpoint *ep, uint64_t badge, uint64_t info,
		    uint64_t w0, uint64_t w1, uint64_t w2, bool call);

/* t is dying: a caller waiting for t's answer fails with -EPIPE, and no
 * server or saved Reply keeps a link to t. */
void ipc_task_dead(struct task *t);

/* OR bits into the notification and wake one waiter; with none, wake
 * the task it is bound to if that task waits in a receive. */
void notification_signal(struct notification *n, uint64_t bits);

/* Does t have bits pending on its bound notification? A receive by t
 * then returns them at once (ipc_take_bound) instead of a message. A
 * task blocked in a receive never has (a signal wakes it), so the fast
 * path's call need not ask; its reply_recv must. */
static inline bool ipc_bound_pending(const struct task *t)
{
	return t->bound && t->bound->bits;
}

/* t's receive ends with its bound notification's bits (cleared): r1 =
 * bits, r2 = IPC_INFO_NOTIFY. The caller wakes t if it
 * is blocked (or returns 0 from t's own receive). */
void ipc_take_bound(struct task *t);

/* t or its bound notification goes: the binding goes with it. */
void notification_unbind(struct task *t);

/* Called by the arch for a device interrupt, with the line masked. */
void irq_dispatch(unsigned line);

struct sysregs;
/* The IPC fast path for SYS_CALL / SYS_REPLY_RECV (kernel/ipc.c), the
 * entry of their rows in syscall_table: if it applies, the CPU goes to
 * the partner and it does not return; if not, it hands the call to
 * syscall_dispatch. */
void ipc_fast_call(struct trap_frame *tf);
void ipc_fast_reply_recv(struct trap_frame *tf);
long sys_send(struct sysregs *r);
long sys_recv(struct sysregs *r);
long sys_call(struct sysregs *r);
long sys_reply_recv(struct sysregs *r);
long sys_reply(struct sysregs *r);
long sys_reply_save(struct sysregs *r);
long sys_reply_to(struct sysregs *r);
long sys_signal(struct sysregs *r);
long sys_wait(struct sysregs *r);
long sys_irq_set(struct sysregs *r);
long sys_irq_ack(struct sysregs *r);
long sys_task_bind(struct sysregs *r);

#endif
