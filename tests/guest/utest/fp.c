/*
 * utest's floating-point tests: every task keeps its own FP/SIMD
 * registers across task switches (including the control registers that
 * hold the rounding mode), a clone starts with its parent's, and FP code
 * compiled from C works, printf's %f/%e/%g included. The register work
 * is per-arch assembly (fpregs.h, arch/<arch>/fpregs.S): C code between
 * filling and checking could use the registers itself.
 */
#include <pith/syscall.h>
#include <string.h>

#include "fpregs.h"
#include "utest.h"

_Static_assert(FPREGS_SYS_TASK_EXIT == SYS_TASK_EXIT &&
	       FPREGS_SYS_YIELD == SYS_YIELD &&
	       FPREGS_SYS_TASK_CLONE == SYS_TASK_CLONE &&
	       FPREGS_THREAD_CHILD == PITH_THREAD_CHILD, "fpregs.h numbers");

#define STACK_FP_WORKER 5
#define STACK_FP_CLONE 6
/* The worker yields fewer times than utest: it must finish while utest
 * is still in its own run, with its values live in between. */
#define UTEST_YIELDS 200
#define WORKER_YIELDS 100

static volatile long worker_result;

static long fp_worker(void *seed)
{
	worker_result = fpregs_yield_check((unsigned long)(uintptr_t)seed,
					   WORKER_YIELDS);
	return 0;
}

/* Two tasks at the same priority fill all their FP registers with
 * different values and control settings and yield to each other, one
 * switch per yield; each must find its own values. */
bool test_fp_registers_kept_across_switches(void)
{
	slot_t t = new_slot(), f = new_slot();
	uint64_t top = new_stack(f, STACK_FP_WORKER);
	struct clone_args a = {
		.flags = CLONE_VM | CLONE_CAPS, .pool = POOL, .dst = t,
		.sp = top,
	};

	CHECK(top != 0);
	worker_result = -1;
	CHECK(pith_thread_clone(ROOT_SLOT_TASK, &a, fp_worker, (void *)2) == 0);
	long mine = fpregs_yield_check(1, UTEST_YIELDS);
	long theirs = worker_result;
	if (mine || theirs)
		printf("  utest: register %ld wrong, worker: %ld\n", mine, theirs);
	CHECK(theirs != -1);   /* the worker ran while our values were live */
	CHECK(mine == 0);
	CHECK(theirs == 0);
	CHECK(wait_dead(t));
	sys_cap_delete(t);
	drop_stack(f, STACK_FP_WORKER);
	return true;
}

/* SYS_TASK_CLONE of ourselves while our FP values are live (never saved
 * yet): the child must start with them, and we must keep them. */
bool test_fp_clone_copies_registers(void)
{
	slot_t t = new_slot(), f = new_slot();
	uint64_t top = new_stack(f, STACK_FP_CLONE);
	static volatile long child_result;
	struct clone_args a = {
		.flags = CLONE_VM | CLONE_CAPS, .pool = POOL, .dst = t,
		.sp = top, .retval = PITH_THREAD_CHILD,
	};

	CHECK(top != 0);
	child_result = -1;
	long mine = fpregs_clone_check(3, ROOT_SLOT_TASK, &a, &child_result);
	CHECK(wait_dead(t));
	if (mine || child_result)
		printf("  parent: register %ld wrong, child: %ld\n", mine,
		       (long)child_result);
	CHECK(mine == 0);
	CHECK(child_result == 0);
	sys_cap_delete(t);
	drop_stack(f, STACK_FP_CLONE);
	return true;
}

/* FP from C: the arithmetic, the double ABI and printf's conversions. */
bool test_fp_arithmetic_and_printf(void)
{
	volatile double third = 1.0 / 3.0, big = 1e300;
	char buf[64];

	CHECK(third * 3.0 == 1.0);
	CHECK((long)(big / 1e299) == 10);
	snprintf(buf, sizeof(buf), "%.3f|%e|%g|%g", 3.14159, big, 0.0001, 1e-5);
	CHECK(strcmp(buf, "3.142|1.000000e+300|0.0001|1e-05") == 0);
	snprintf(buf, sizeof(buf), "%.0f %.0f %.0f %8.2f|%-8.1e|", 0.5, 1.5,
		 2.5, -third, third);
	CHECK(strcmp(buf, "0 2 2    -0.33|3.3e-01 |") == 0);
	return true;
}
