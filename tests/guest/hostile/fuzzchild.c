/*
 * The fuzzer's child: this program again, started by the fuzzer's parent
 * with the address of the log page as its argument. It makes log->calls
 * random system calls, the number and each argument drawn from the
 * round's seed: mostly the slots it was given and the addresses of its own
 * memory, then bad slots, unmapped, kernel and non-canonical addresses,
 * random words, message infos, rights masks, object types. A buffer of
 * its own is refilled with such values now and then, so the structures
 * the kernel reads (clone_args, user_regs) are random too. It never
 * prints: its console capability has no write right.
 */
#include <pith/spawn.h>

#include "fuzz.h"

static uint64_t buf[1024] __attribute__((aligned(4096)));  /* two pages */

static const uint64_t odd_words[] = {
	0, 255, 256, 1ull << 32, 1ull << 63, ~0ull, 0x7fffffffffffffffull,
};
static const uint64_t far_addresses[] = {
	PITH_KERNEL_ADDR, PITH_PHYSMAP_ADDR, PITH_PHYSMAP_ADDR + 0x80000000ull,
	PITH_USER_TOP, PITH_USER_TOP - 8, 1ull << 63, ~0ull - 7,
	0x30000000, 0x1000, 8,
};

static uint64_t page_address(uint64_t x)
{
	switch (x % 7) {
	case 0: return (uint64_t)(uintptr_t)buf;
	case 1: return (uint64_t)(uintptr_t)buf + 4096;
	case 2: return 0x400000;                       /* our text */
	case 3: return SPAWN_STACK_TOP - 4096;         /* our stack */
	case 4: return SPAWN_IPCBUF_VADDR;
	default: return 0x60000000 + (x >> 8) % 8 * 4096;  /* free */
	}
}

/* An interesting value. */
static uint64_t pick(uint64_t *s)
{
	uint64_t x = rng_next(s), y = x >> 8;

	switch (x % 16) {
	case 0: case 1: case 2: case 3: case 4:
		return y % FC_COUNT;                   /* a slot we may hold */
	case 5: return 16 + y % 24;                    /* where we create */
	case 6: return odd_words[y % (sizeof(odd_words) / sizeof(odd_words[0]))];
	case 7: return (uint64_t)(uintptr_t)buf + (y % 8192 & ~(y & 8 ? 7ull : 0));
	case 8: return page_address(y);
	case 9: return far_addresses[y % (sizeof(far_addresses) / sizeof(far_addresses[0]))];
	case 10: return x ^ (x << 17);                 /* any word */
	case 11: return y % 16;
	case 12: return MSG_INFO(y >> 16, y % 67, (y >> 8) & 1);
	case 13: return y & (RIGHTS_ALL | MAP_REPLACE);
	case 14: return 1 + y % CAP_TYPE_COUNT;
	default: return (y % 64) * 4096;               /* pages, quotas */
	}
}

/* Calls worth logging when they succeed: those that change something. */
static bool changes_state(uint64_t nr)
{
	switch (nr) {
	case SYS_NULL: case SYS_DEBUG_READ: case SYS_CAP_IDENTIFY:
	case SYS_POOL_INFO: case SYS_YIELD: case SYS_TASK_GET_REGS:
	case SYS_TASK_INFO: case SYS_MAP_INFO: case SYS_SIGNAL:
	case SYS_PAGE_COPY:
		return false;
	}
	return true;
}

int fuzz_child_main(uint64_t log_vaddr)
{
	struct fuzz_log *lg = (struct fuzz_log *)(uintptr_t)log_vaddr;
	uint64_t s = lg->seed ^ 0x5eedull;

	if (lg->magic != FUZZ_MAGIC)
		return 1;
	for (uint64_t i = 0; i < lg->calls; i++) {
		uint64_t x = rng_next(&s), r[6];
		uint64_t nr = x % (SYS_COUNT + 3);
		/* Ending itself ends the round: keep it rare. */
		if (nr == SYS_TASK_EXIT && (x >> 32) % 8)
			nr = SYS_YIELD;
		if ((x >> 40) % 64 == 0)
			nr = pick(&s);
		if ((x >> 48) % 4 == 0)
			for (int k = 0; k < 48; k++)
				buf[k] = pick(&s);
		for (int k = 0; k < 6; k++)
			r[k] = pick(&s);
		lg->last.nr = nr;
		for (int k = 0; k < 6; k++)
			lg->last.a[k] = r[k];
		long ret = pith_syscall((long)nr, r);
		lg->done = i + 1;
		if (ret >= 0 && changes_state(nr) && lg->nok < FUZZ_OK_MAX) {
			lg->last.ret = ret;
			lg->ok[lg->nok++] = lg->last;
		}
	}
	return 0;
}
