/* Shared by the hostile test's files (tests/guest/hostile/). */
#ifndef HOSTILE_H
#define HOSTILE_H

#include <stdbool.h>

#include <pith/machine.h>
#include <pith/syscall.h>
#include <stdio.h>

#include "../check.h"

#define CON ROOT_SLOT_CONSOLE
#define POOL ROOT_SLOT_POOL

/* What the command line asked for (hostile.c). */
struct hostile_opts {
	bool long_mode;        /* hostile=long: a million calls and more */
	bool leaks_fatal;      /* leaks=warn turns a leak into a report */
	uint64_t seed;         /* seed=N: the first random round's seed */
	uint64_t rounds;       /* rounds=N: random rounds after the table */
	uint64_t calls;        /* calls=N: system calls per child */
};
extern struct hostile_opts opt;
extern const struct pith_bootinfo *bi;

/* The root pool's bytes in use (0 if it cannot be read). */
uint64_t pool_used(slot_t pool);
/* Yield until the task is dead or `tries` yields went by. */
bool wait_dead(slot_t task, unsigned tries);
/* The task's state (TASK_INFO_*) or a negative error. */
long task_state(slot_t task);

/* recipes.c: the call's name, or "(unknown)". */
const char *syscall_name(uint64_t nr);

/* sweep.c */
bool test_sweep(void);
bool test_sweep_blocking_in_children(void);

/* fuzz.c */
bool test_fuzz_regressions(void);
bool test_fuzz_random(void);
/* The fuzz child's main, when the parent started us with a log page. */
int fuzz_child_main(uint64_t log_vaddr);

/* A small deterministic generator (xorshift64*), shared by the fuzzer's
 * parent and child so a seed replays a round exactly. */
static inline uint64_t rng_next(uint64_t *s)
{
	uint64_t x = *s ? *s : 0x9e3779b97f4a7c15ull;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545f4914f6cdd1dull;
}

#endif
