/*
 * benchvic: the subject of the clone and fault benchmarks (bench.c is its
 * pager and fork server). Slot 1 reports to bench. Mode 1 yields for ever
 * (the other half of the context-switch figure), mode 3 too but writes an
 * FP register before each yield (the FP variant of that figure); mode 2 asks to be cloned
 * and then, in the child and then in the parent, writes each page of a
 * 1 MiB array once, timing every write, and reports the median (the
 * child's writes hit shared pages: copies; the parent writes after the
 * child is gone: no copies).
 */
#include <pith/syscall.h>

#include "benchproto.h"

static volatile double fp_sink;
static volatile uint8_t mib[BENCH_PAGES * 4096] __attribute__((aligned(4096)));
static uint64_t t[BENCH_PAGES];

static uint64_t timed_writes(uint8_t v)
{
	for (int i = 0; i < BENCH_PAGES; i++) {
		uint64_t t0 = pith_counter();
		mib[i * 4096] = v;
		t[i] = pith_counter() - t0;
	}
	for (int i = 1; i < BENCH_PAGES; i++)
		for (int j = i; j > 0 && t[j - 1] > t[j]; j--) {
			uint64_t x = t[j];
			t[j] = t[j - 1];
			t[j - 1] = x;
		}
	return t[BENCH_PAGES / 2];
}

int main(uint64_t mode)
{
	struct msg m;

	if (mode == 1)
		for (;;)
			sys_yield();
	if (mode == 3)
		for (;;) {
			fp_sink += 1.0;
			sys_yield();
		}
	for (int i = 0; i < BENCH_PAGES; i++)
		mib[i * 4096] = 1;
	if (sys_call(1, MSG_INFO(B_CLONE_ME, 0, 0), 0, 0, 0, &m) == B_CHILD_RETVAL) {
		sys_call(1, MSG_INFO(B_CHILD, 1, 0), timed_writes(2), 0, 0, &m);
		return 0;
	}
	/* The parent waits for the child to be gone: its pages are then
	 * its own and a write fault needs no copy. */
	while (sys_call(1, MSG_INFO(B_CHILD_GONE, 0, 0), 0, 0, 0, &m) == 0 &&
	       m.w[0] != 1)
		sys_yield();
	sys_call(1, MSG_INFO(B_PARENT, 1, 0), timed_writes(3), 0, 0, &m);
	return 0;
}
