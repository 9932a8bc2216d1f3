/*
 * The fuzzer's child: this program again, started by the fuzzer's parent
 * with the address of the log page plus its task number (0..3: the parent
 * may clone it into up to four tasks sharing its spaces, so that one
 * blocked in IPC does not end the round) as its argument. Each makes log->calls
 * random system calls, the number and each argument drawn from the
 * round's seed. Half the calls are plausible: each argument drawn for
 * what the call takes there (the sweep's recipes say what that is), so
 * that calls succeed and build state. The other half take anything from a
 * list of interesting values: the slots it was given, the addresses of its
 * own memory, bad slots, unmapped, kernel and non-canonical addresses,
 * random words, message infos, rights masks, object types. A buffer of
 * its own is refilled with such values now and then, so the structures
 * the kernel reads (clone_args, user_regs) are random too. It never
 * prints: its console capability has no write right.
 */
#include <pith/spawn.h>

#include "fuzz.h"
#include "sweep.h"

static uint64_t buf[1024] __attribute__((aligned(4096)));  /* two pages */

static const uint64_t odd_words[] = {
	0, 255, 256, 4096, 1ull << 32, 1ull << 63, ~0ull, 0x7fffffffffffffffull,
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

/* The type of what the parent may have put in each of our slots. */
static const uint8_t fc_type[FC_COUNT] = {
	[FC_TASK] = CAP_TASK, [FC_CSPACE] = CAP_CSPACE, [FC_ASPACE] = CAP_ASPACE,
	[FC_POOL] = CAP_MEMPOOL, [FC_CONSOLE] = CAP_CONSOLE,
	[FC_IPCBUF] = CAP_FRAME, [FC_EP] = CAP_ENDPOINT,
	[FC_NTFN] = CAP_NOTIFICATION, [FC_FRAME] = CAP_FRAME,
	[FC_SUBPOOL] = CAP_MEMPOOL, [FC_EP_W] = CAP_ENDPOINT,
	[FC_OUR_EP] = CAP_ENDPOINT, [FC_OUR_NTFN] = CAP_NOTIFICATION,
	[FC_OUR_FRAME] = CAP_FRAME, [FC_TASK_RO] = CAP_TASK,
};

static uint64_t slot_of_type(unsigned type, uint64_t y)
{
	if (y % 4 == 0)
		return 16 + (y >> 2) % 24;             /* something it made */
	for (unsigned i = 0; i < FC_COUNT; i++) {
		unsigned s = 1 + (unsigned)((y >> 2) + i) % (FC_COUNT - 1);
		if (type == CAP_NONE || fc_type[s] == type)
			return s;
	}
	return 1 + (y >> 2) % (FC_COUNT - 1);
}

/* A value of the kind the call takes in that place. */
static uint64_t plausible(const struct arg *a, uint64_t *s)
{
	uint64_t y = rng_next(s);

	switch (a->kind) {
	case A_CAP: return slot_of_type(a->type, y);
	case A_OPTCAP: return y % 4 == 1 ? 0 : slot_of_type(a->type, y >> 2);
	case A_DST: return y % 8 ? 16 + y % 24 : 1 + y % 15;
	case A_IN: case A_OUT: return (uint64_t)(uintptr_t)buf;
	case A_PAGE: case A_MAPPED: case A_UADDR: case A_ALIGNED:
		return page_address(y);
	case A_LEN: return y % 64;
	case A_MAPRIGHTS:
		return RIGHT_READ | (y & (RIGHT_WRITE | RIGHT_EXEC)) |
		       (y & 8 ? MAP_REPLACE : 0);
	case A_PROTRIGHTS: return RIGHT_READ | (y & (RIGHT_WRITE | RIGHT_EXEC));
	case A_RIGHTS: return y & RIGHTS_ALL;
	case A_BADGE: return y & 4 ? y >> 56 : 0;
	case A_INFO: return MSG_INFO((y >> 16) & 0xff, y % 4, (y >> 8) % 4 == 0);
	case A_TYPE: return 1 + y % CAP_MEMPOOL;
	case A_PRIO: return 40 + y % 40;
	case A_QUANTUM: return y % 10;
	case A_PC: return page_address(y);
	case A_SP: return (uint64_t)(uintptr_t)buf + 4096;
	default: return pick(s);
	}
}

/* Arguments for call nr: plausible ones or anything. */
static void draw_args(uint64_t nr, uint64_t r[6], uint64_t *s)
{
	bool sensible = nr < SYS_COUNT && recipes[nr].name && rng_next(s) % 2;

	for (int k = 0; k < 6; k++)
		r[k] = sensible ? plausible(&recipes[nr].a[k], s) : pick(s);
	if (sensible && nr == SYS_OBJ_CREATE)
		r[3] = r[1] == CAP_FRAME ? 1 + r[3] % 4 : r[3] % 16 * 4096;
}

/* What the kernel reads from our buffer: a plausible clone_args or
 * anything. */
static void refill(uint64_t *s)
{
	uint64_t y = rng_next(s);

	for (int k = 0; k < 48; k++)
		buf[k] = pick(s);
	if (y % 2) {
		struct clone_args *c = (struct clone_args *)buf;
		c->flags = (y >> 8) & CLONE_ALL_FLAGS;
		c->pool = y & 0x10000 ? FC_SUBPOOL : FC_POOL;
		c->dst = 16 + (y >> 20) % 24;
		c->fault_ep = y & 0x20000 ? FC_EP : 0;
		c->sched_ep = 0;
		c->sp = 0;
		c->aspace_dst = y & 0x40000 ? 16 + (y >> 30) % 24 : 0;
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

int fuzz_child_main(uint64_t arg)
{
	struct fuzz_log *lg = (struct fuzz_log *)(uintptr_t)(arg & ~4095ull);
	unsigned me = (unsigned)(arg & 4095) % FUZZ_THREADS;
	uint64_t s = lg->seed ^ (0x5eedull + me * 0x9e3779b97f4a7c15ull);

	if (lg->magic != FUZZ_MAGIC)
		return 1;
	for (uint64_t i = 0; i < lg->calls; i++) {
		uint64_t x = rng_next(&s), r[6];
		uint64_t nr = x % (SYS_COUNT + 3);
		/* Ending itself ends the round: keep it rare. */
		if (nr == SYS_TASK_EXIT && (x >> 32) % 64)
			nr = SYS_YIELD;
		if ((x >> 40) % 64 == 0)
			nr = pick(&s);
		if ((x >> 48) % 4 == 0)
			refill(&s);
		draw_args(nr, r, &s);
		struct fuzz_call *last = &lg->last[me];
		last->nr = nr;
		for (int k = 0; k < 6; k++)
			last->a[k] = r[k];
		long ret = pith_syscall((long)nr, r);
		lg->done[me] = i + 1;
		if (ret >= 0 && changes_state(nr) && lg->nok < FUZZ_OK_MAX) {
			last->ret = ret;
			lg->ok[lg->nok++] = *last;
		}
	}
	return 0;
}
