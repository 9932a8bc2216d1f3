/*
 * bench: the guest benchmark program (root task of boot-bench.img, run by
 * the `bench` target under QEMU -icount shift=0,sleep=off, where the
 * counter counts retired guest instructions). Prints one line per figure,
 * "BENCH <name> <instructions-per-op>", the median over RUNS batches of
 * BATCH operations, with the measuring loop's own cost subtracted. Never a
 * test: nothing here fails on speed.
 */
#include <pith/spawn.h>
#include <pith/syscall.h>
#include <stdio.h>

#include "cpio.h"

#define RUNS 31
#define BATCH 200
#define POOL ROOT_SLOT_POOL

static uint64_t samples[RUNS];

static uint64_t median(void)
{
	for (int i = 1; i < RUNS; i++)
		for (int j = i; j > 0 && samples[j - 1] > samples[j]; j--) {
			uint64_t t = samples[j];
			samples[j] = samples[j - 1];
			samples[j - 1] = t;
		}
	return samples[RUNS / 2];
}

/* Instructions per batch of an empty loop around the same stub call:
 * what the measurement itself costs. */
static uint64_t empty_loop(void)
{
	for (int r = 0; r < RUNS; r++) {
		uint64_t t0 = pith_counter();
		for (int i = 0; i < BATCH; i++)
			__asm__ volatile("" ::: "memory");
		samples[r] = pith_counter() - t0;
	}
	return median();
}

static void report(const char *name, uint64_t per_batch, uint64_t overhead)
{
	uint64_t net = per_batch > overhead ? per_batch - overhead : 0;

	printf("BENCH %s %llu\n", name, (unsigned long long)((net + BATCH / 2) / BATCH));
}

int main(const struct pith_bootinfo *bi)
{
	uint64_t overhead = empty_loop();
	struct cpio_file f;
	slot_t ep = bi->first_free_slot, next = ep + 1;

	printf("bench: %s, %d runs of %d operations, median\n", bi->arch, RUNS, BATCH);

	for (int r = 0; r < RUNS; r++) {
		uint64_t t0 = pith_counter();
		for (int i = 0; i < BATCH; i++)
			pith_syscall5(SYS_NULL, 0, 0, 0, 0, 0);
		samples[r] = pith_counter() - t0;
	}
	report("null_syscall", median(), overhead);

	/* IPC round trip to a server in another address space. */
	if (sys_obj_create(POOL, CAP_ENDPOINT, ep, 0) ||
	    cpio_find((const void *)bi->image_vaddr, bi->image_size, "bin/benchsrv", &f)) {
		printf("bench: no server\n");
		return 1;
	}
	struct spawn s = {
		.pool = POOL, .self_aspace = ROOT_SLOT_ASPACE, .window = 0x20000000,
		.first_slot = next, .elf = f.data, .elf_size = f.size,
	};
	if (pith_spawn(&s) || sys_cap_copy(ep, s.cspace, 1) ||
	    sys_task_start(s.task, s.entry, SPAWN_STACK_TOP, 0)) {
		printf("bench: cannot start the server\n");
		return 1;
	}
	pith_syscall5(SYS_CALL, ep, MSG_INFO(1, 1, 0), 0, 0, 0); /* warm up */
	for (int r = 0; r < RUNS; r++) {
		uint64_t t0 = pith_counter();
		for (int i = 0; i < BATCH; i++)
			pith_syscall5(SYS_CALL, ep, MSG_INFO(1, 1, 0), (uint64_t)i, 0, 0);
		samples[r] = pith_counter() - t0;
	}
	report("ipc_call_reply_recv_round_trip", median(), overhead);
	printf("bench: done\n");
	return 0;
}
