/*
 * worker: the subject of utest's clone, fault and task-control tests,
 * spawned in its own address space. Slots: 1 report endpoint (utest), 2
 * console, 6 an endpoint to block on. The argument selects the mode (low
 * byte) and a page count (the rest).
 */
#include <pith/spawn.h>
#include <pith/syscall.h>

#include "worker.h"

#define REPORT 1

static volatile uint8_t big[WORKER_MAX_PAGES * 4096] __attribute__((aligned(4096)));

static long report(uint64_t label, uint64_t w0, uint64_t w1)
{
	struct msg m;
	long r = sys_call(REPORT, MSG_INFO(label, 2, 0), w0, w1, 0, &m);

	return r ? r : (long)m.w[0];
}

/* Fork through utest (which clones us), then both sides write every page
 * and check they see only their own values. */
static int cow(unsigned npages)
{
	uint64_t errors = 0;

	for (unsigned i = 0; i < npages; i++)
		big[i * 4096] = (uint8_t)(i + 1);
	long rc = report(W_FORK_ME, (uint64_t)(uintptr_t)big, npages);
	if (rc == WORKER_CHILD) { /* the child: utest set this in its registers */
		for (unsigned i = 0; i < npages; i++)
			big[i * 4096] = (uint8_t)(i + 100);
		for (unsigned i = 0; i < npages; i++)
			errors += big[i * 4096] != (uint8_t)(i + 100);
		report(W_CHILD_DONE, errors, 0);
		return 0;
	}
	if (rc != 0)
		return 3;
	/* The parent waits until the child is gone, then finds its own
	 * values intact and writes (now unshared pages: no copies). */
	while (report(W_CHILD_GONE, 0, 0) != 1)
		sys_yield();
	for (unsigned i = 0; i < npages; i++)
		errors += big[i * 4096] != (uint8_t)(i + 1);
	for (unsigned i = 0; i < npages; i++)
		big[i * 4096] = (uint8_t)(i + 200);
	for (unsigned i = 0; i < npages; i++)
		errors += big[i * 4096] != (uint8_t)(i + 200);
	report(W_PARENT_DONE, errors, 0);
	return 0;
}

/* A load at a known place: the faulting pc lies in this function. */
static __attribute__((noinline)) uint64_t load(volatile uint64_t *p)
{
	return *p;
}

int main(uint64_t arg)
{
	volatile uint64_t *bad = (volatile uint64_t *)WORKER_BAD_ADDR;

	switch (arg & 0xff) {
	case W_MODE_COW:
		return cow((unsigned)(arg >> 8));
	case W_MODE_ILLEGAL:
		report(W_INFO, (uint64_t)(uintptr_t)pith_illegal_instruction, 0);
		pith_illegal_instruction();
		return 1;
	case W_MODE_BREAKPOINT:
		report(W_INFO, (uint64_t)(uintptr_t)pith_breakpoint, 0);
		pith_breakpoint();
		return 1;
	case W_MODE_DIVIDE: {
		report(W_INFO, (uint64_t)(uintptr_t)pith_divide_by_zero, 0);
		long q = pith_divide_by_zero(7);
		report(W_INFO, 0, (uint64_t)q); /* no trap on this machine */
		return 0;
	}
	case W_MODE_ACCESS:
		report(W_INFO, WORKER_BAD_ADDR, 0);
		return (int)*bad;
	case W_MODE_NO_HANDLER:
		report(W_INFO, (uint64_t)(uintptr_t)load, 0);
		return (int)load(bad);
	case W_MODE_HOLD:
		/* utest clones us while we wait here; the clone spins. */
		if (report(W_INFO, 0, 0) == WORKER_CHILD)
			for (;;)
				;
		return 0;
	case W_MODE_BLOCK_RECV:
		sys_recv(6, 0);
		return 1;
	}
	return 2;
}
