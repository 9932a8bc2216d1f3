/* What utest and its worker agree on (tests/guest/utest/). */
#ifndef UTEST_WORKER_H
#define UTEST_WORKER_H

#define WORKER_MAX_PAGES 1000
#define WORKER_BAD_ADDR 0x70000128ull   /* never mapped */
#define WORKER_CHILD 0x5eed   /* what the forked child's call returns */

enum worker_mode {
	W_MODE_COW = 1,         /* arg >> 8 = pages to share and write */
	W_MODE_ILLEGAL,         /* report the pc, then an illegal instruction */
	W_MODE_ACCESS,          /* report the address, then read it */
	W_MODE_NO_HANDLER,      /* report where, then read a bad address
				   with no fault endpoint */
	W_MODE_BLOCK_RECV,      /* block in recv on slot 6 */
	W_MODE_BREAKPOINT,      /* report the pc, then a breakpoint */
	W_MODE_DIVIDE,          /* report the pc, divide by zero, report again */
	W_MODE_HOLD,            /* report, then exit (a clone: spin) */
};

/* Labels of the worker's reports to utest. */
enum worker_label {
	W_INFO = 1,             /* w0 = what is about to fault */
	W_FORK_ME,              /* w0 = the array, w1 = pages; clone me */
	W_CHILD_DONE,           /* w0 = errors the child saw */
	W_CHILD_GONE,           /* parent asks: has the child exited? */
	W_PARENT_DONE,          /* w0 = errors the parent saw */
};

#endif
