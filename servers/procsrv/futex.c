/*
 * A minimal futex: FUTEX_WAIT and FUTEX_WAKE on a 32-bit word of a
 * process's memory, keyed by (process, address). A waiter's call is kept
 * as a saved Reply in its thread record (t->reply) and answered by a
 * wake; procsrv serves one message at a time, so the compare in WAIT and
 * the queueing are one step, which is all the futex contract needs (a
 * WAKE after the word changed finds every waiter that saw the old value).
 * The table of waiters is bounded (ENOMEM when full) and kept in arrival
 * order, so a wake takes the oldest first. A waiter whose thread ends
 * (exit_group, a fatal fault, exec, kill) is dropped by thread_drop().
 */
#include "procsrv.h"

#define FUTEX_WAITERS_MAX 256

static struct waiter {
	struct thread *t;
	uint64_t uaddr;
} waiters[FUTEX_WAITERS_MAX];
static unsigned nwaiters;

static void remove_at(unsigned i)
{
	for (; i + 1 < nwaiters; i++)
		waiters[i] = waiters[i + 1];
	nwaiters--;
}

int futex_wake(struct proc *p, uint64_t uaddr, int n)
{
	int woken = 0;

	for (unsigned i = 0; i < nwaiters && woken < n;) {
		struct thread *t = waiters[i].t;
		if (t->proc != p || waiters[i].uaddr != uaddr) {
			i++;
			continue;
		}
		remove_at(i);
		if (t->reply) {
			reply_to(t->reply, 0, 0, 0, NULL, 0);
			t->reply = 0;
		}
		woken++;
	}
	return woken;
}

void futex_forget(struct thread *t)
{
	for (unsigned i = 0; i < nwaiters;)
		if (waiters[i].t == t)
			remove_at(i);
		else
			i++;
}

static void futex_wait(struct req *r, uint64_t uaddr, uint32_t val)
{
	uint32_t now;

	if (user_read(r->p, uaddr, &now, sizeof(now))) {
		r->w[0] = (uint64_t)-EFAULT;
		return;
	}
	if (now != val) {
		r->w[0] = (uint64_t)-EAGAIN;
		return;
	}
	if (nwaiters == FUTEX_WAITERS_MAX || r->t->reply ||
	    !(r->t->reply = reply_save())) {
		r->w[0] = (uint64_t)-ENOMEM;
		return;
	}
	waiters[nwaiters++] = (struct waiter){ r->t, uaddr };
	r->reply = false;
}

void do_futex(struct req *r)
{
	uint64_t op = r->m.w[0] & ~(uint64_t)PROC_FUTEX_PRIVATE;
	uint64_t uaddr = r->m.w[1];

	if (uaddr & 3) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	switch (op) {
	case PROC_FUTEX_WAIT:
		futex_wait(r, uaddr, (uint32_t)r->m.w[2]);
		break;
	case PROC_FUTEX_WAKE: {
		int n = (int)r->m.w[2];
		r->w[0] = (uint64_t)futex_wake(r->p, uaddr, n < 0 ? 0 : n);
		break;
	}
	default:
		r->w[0] = (uint64_t)-ENOSYS;
	}
}
