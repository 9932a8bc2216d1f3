/*
 * bench: the guest benchmark program (root task of boot-bench.img, run by
 * the `bench` target under QEMU -icount shift=0,sleep=off, where the
 * counter counts retired guest instructions). Prints one line per figure,
 * "BENCH <name> <instructions-per-op>", the median over RUNS batches of
 * BATCH operations, with the measuring loop's own cost subtracted. Never a
 * test: nothing here fails on speed.
 */
#include <pith/pager.h>
#include <pith/spawn.h>
#include <pith/syscall.h>
#include <stdio.h>
#include <time.h>

#include "benchproto.h"
#include <pith/cpio.h>

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

static long spawn_vic(const struct pith_bootinfo *bi, slot_t *next,
		      struct spawn *s)
{
	struct cpio_file f;

	if (cpio_find((const void *)bi->image_vaddr, bi->image_size,
		      "bin/benchvic", &f))
		return -ENOENT;
	*s = (struct spawn){
		.pool = POOL, .self_aspace = ROOT_SLOT_ASPACE, .window = 0x20000000,
		.first_slot = *next, .elf = f.data, .elf_size = f.size,
	};
	*next += 5;
	return pith_spawn(s);
}

static volatile double fp_sink;

/* The batches of the switch figures, apart: the compiler may load FP
 * constants ahead of a loop, which must not make the FP-free figure
 * touch FP. */
static __attribute__((noinline)) uint64_t yield_batch(void)
{
	uint64_t t0 = pith_counter();

	for (int i = 0; i < BATCH; i++)
		sys_yield();
	return pith_counter() - t0;
}

static __attribute__((noinline)) uint64_t yield_batch_fp(void)
{
	uint64_t t0 = pith_counter();

	for (int i = 0; i < BATCH; i++) {
		fp_sink += 1.0;
		sys_yield();
	}
	return pith_counter() - t0;
}

/* Two tasks at one level yielding to each other: two switches a round.
 * With fp, each writes an FP register before every yield, so each switch
 * has FP state to save and to load (the add is counted too). */
static long switches(const struct pith_bootinfo *bi, slot_t *next,
		     uint64_t overhead, bool fp)
{
	struct spawn s;
	long err = spawn_vic(bi, next, &s);

	if (!err)
		err = sys_task_start(s.task, s.entry, SPAWN_STACK_TOP, fp ? 3 : 1);
	if (err)
		return err;
	sys_yield();
	for (int r = 0; r < RUNS; r++)
		samples[r] = fp ? yield_batch_fp() : yield_batch();
	uint64_t m = median();
	printf("BENCH %s %llu\n", fp ? "context_switch_yield_fp" : "context_switch_yield",
	       (unsigned long long)((m - overhead) / (2 * BATCH)));
	return sys_task_kill(s.task);
}

/* Clone a task with 1 MiB mapped (copy, COW), then be the pager of its
 * child and of itself while they write every page. */
static long clone_and_faults(const struct pith_bootinfo *bi, slot_t *next)
{
	struct spawn s;
	slot_t ep = (*next)++, fp = (*next)++, fc = (*next)++;
	slot_t child = (*next)++, cas = (*next)++;
	struct msg m;
	long err = spawn_vic(bi, next, &s);

	if (!err)
		err = sys_obj_create(POOL, CAP_ENDPOINT, ep, 0);
	if (!err)
		err = sys_cap_mint(ep, 0, fp, RIGHT_WRITE, 1);
	if (!err)
		err = sys_cap_mint(ep, 0, fc, RIGHT_WRITE, 2);
	if (!err)
		err = sys_cap_mint(ep, s.cspace, 1, RIGHT_WRITE, 3);
	if (!err)
		err = sys_task_set_ep(s.task, fp, 0);
	if (!err)
		err = sys_task_start(s.task, s.entry, SPAWN_STACK_TOP, 2);
	if (!err)
		err = sys_recv(ep, &m);  /* B_CLONE_ME: it waits in its call */
	if (err)
		return err;
	struct clone_args a = {
		.flags = CLONE_STOPPED, .pool = POOL, .dst = child,
		.retval = B_CHILD_RETVAL,
		.fault_ep = fc, .aspace_dst = cas,
	};
	for (int r = 0; r < RUNS; r++) {
		uint64_t t0 = pith_counter();
		err = sys_task_clone(s.task, &a);
		samples[r] = pith_counter() - t0;
		if (err)
			return err;
		sys_task_kill(child);
		sys_cap_delete(child);
		sys_cap_delete(cas);
	}
	printf("BENCH clone_1mib_cow %llu\n", (unsigned long long)median());
	a.flags = 0;
	if ((err = sys_task_clone(s.task, &a)))
		return err;
	/* Serve: faults (badge 1 parent, 2 child) and the two reports. */
	err = sys_reply_recv(ep, MSG_INFO(0, 0, 0), 0, 0, 0, &m);
	for (int done = 0; !err && done < 2;) {
		uint64_t label = MSG_LABEL(m.info), w0 = 0;
		if (m.badge == 1 || m.badge == 2) {
			long r = pith_cow_resolve(m.badge == 1 ? s.aspace : cas,
						  m.w[0], POOL);
			label = r < 0 ? FAULT_KILL : FAULT_RESUME;
		} else if (label == B_CHILD_GONE) {
			label = 0;
			w0 = sys_task_resume(child) == -ESRCH;
		} else if (label == B_CHILD || label == B_PARENT) {
			printf("BENCH %s %llu\n", label == B_CHILD
			       ? "cow_fault_via_pager_with_copy"
			       : "fault_via_pager_no_copy",
			       (unsigned long long)m.w[0]);
			done++;
		}
		if (done == 2)
			err = sys_reply(MSG_INFO(0, 0, 0), 0, 0, 0);
		else
			err = sys_reply_recv(ep, MSG_INFO(label, 1, 0), w0, 0, 0, &m);
	}
	return err;
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

	/* The clock read in user mode (the factors fetched before). */
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	for (int r = 0; r < RUNS; r++) {
		uint64_t t0 = pith_counter();
		for (int i = 0; i < BATCH; i++)
			clock_gettime(CLOCK_MONOTONIC, &ts);
		samples[r] = pith_counter() - t0;
	}
	report("clock_gettime_monotonic", median(), overhead);

	/* SYS_MAP_ZERO alone: the kernel's part of a pager's demand-zero
	 * fault (a zeroed page, its Frame, the mapping), at new addresses
	 * whose page tables exist (unmapped again outside the count). */
	pith_syscall5(SYS_MAP_ZERO, ROOT_SLOT_ASPACE, 0x30001000,
		      RIGHT_READ | RIGHT_WRITE, POOL, 0);
	for (int r = 0; r < RUNS; r++) {
		uint64_t t0 = pith_counter();
		for (int i = 0; i < BATCH; i++)
			pith_syscall5(SYS_MAP_ZERO, ROOT_SLOT_ASPACE, 0x30002000 + i * 4096ull,
				      RIGHT_READ | RIGHT_WRITE, POOL, 0);
		samples[r] = pith_counter() - t0;
		for (int i = 0; i < BATCH; i++)
			pith_syscall5(SYS_UNMAP, ROOT_SLOT_ASPACE, 0x30002000 + i * 4096ull, 0, 0, 0);
	}
	report("map_zero_page", median(), overhead);

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
	next += 5;
	/* The FP figure last: from then on this task has FP state (on
	 * RISC-V, Clean), which would make the other figures pay for it. */
	if (switches(bi, &next, overhead, false) || clone_and_faults(bi, &next) ||
	    switches(bi, &next, overhead, true)) {
		printf("bench: failed\n");
		return 1;
	}
	printf("bench: done\n");
	return 0;
}
