/*
 * What usched (the root task of the scheduling tests) and spin (the
 * helper it spawns) share: the layout of a page mapped into both, the
 * child's capability slots and its modes.
 */
#ifndef USCHED_H
#define USCHED_H

#include <stdint.h>

#define SHARED_VA 0x40000000ull   /* the shared page, in every task */
#define MAX_CHILD 4

struct shared {
	volatile uint64_t stop;                 /* children: finish up */
	volatile uint64_t ticks;                /* a mode's tick budget */
	volatile uint64_t count[MAX_CHILD];     /* each child's progress */
	volatile uint64_t switches[MAX_CHILD];  /* saw the other's count move */
	volatile uint64_t result[MAX_CHILD][8]; /* per mode, see spin.c */
};

/* A child's capability slots. */
#define CHILD_SELF    1   /* its own task (READ | CONTROL | CLONE) */
#define CHILD_DONE    2   /* notification, badge 1 << idx: "finished" */
#define CHILD_SIG     3   /* notification shared by a test's children */
#define CHILD_POOL    4   /* the root's pool */
#define CHILD_FREE    10  /* free slots from here */

/* The start argument: mode | idx << 8. */
enum child_mode {
	MODE_SPIN,        /* count until stop */
	MODE_SPIN_TICKS,  /* count until its utime grew by ticks */
	MODE_FIFO,        /* as MODE_SPIN_TICKS, then yield once */
	MODE_LOW,         /* count; after 2 ticks signal CHILD_SIG once */
	MODE_HIGH,        /* wait on CHILD_SIG, then count for ticks */
	MODE_RAISE,       /* mark that it ran, lower itself to 20 */
	MODE_CEILING,     /* try to pass its ceiling: itself, a clone, a task */
	MODE_GREEDY,      /* try to spin FIFO above its ceiling; spin FIFO at
			     the best it may get, signalling CHILD_SIG each
			     tick */
};

#define CHILD_ARG(mode, idx) ((uint64_t)(mode) | (uint64_t)(idx) << 8)

#endif
