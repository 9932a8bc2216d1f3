/* What bench and benchvic agree on. */
#ifndef BENCHPROTO_H
#define BENCHPROTO_H

#define BENCH_PAGES 256   /* 1 MiB */
#define B_CHILD_RETVAL 0x5eed  /* what the clone's call returns */

enum {
	B_CLONE_ME = 1,   /* clone me (I stay blocked in this call) */
	B_CHILD,          /* w0 = median instructions of a COW write fault */
	B_PARENT,         /* w0 = median of a write fault without a copy */
	B_CHILD_GONE,     /* parent asks: is the child gone? (w0 = 1) */
};

#endif
