/*
 * The seeded system-call fuzzer. Each round the parent (the root task)
 * makes a child MemPool, spawns a copy of this program charged to it and
 * gives it a capability set drawn from the round's seed: its own task,
 * address space and (sometimes) capability space, the pool, a sub-pool,
 * endpoints, notifications and frames of its pool and of ours. The child
 * (fuzz_child_main) makes random system calls with arguments from a list
 * of interesting values, logging its progress and every call that
 * succeeded in a page it shares with us. The parent waits a bounded time,
 * kills it, destroys its pool by deleting the last capability to it and
 * then wants its own pool's usage back at its value before the round,
 * exactly: a difference is a leak, reported with the seed, the round, the
 * bytes and the calls that succeeded.
 *
 * Every round has its own seed; the child's calls depend on nothing else,
 * so a seed replays a round. Seeds that ever found something are kept in
 * `regressions` below and run first, every time.
 */
#include <pith/spawn.h>
#include <string.h>

#include "cpio.h"
#include "fuzz.h"

/* Seeds that found something, replayed before the random rounds. Each
 * entry: a round seed, how many rounds from it, what it found. */
static const struct {
	uint64_t seed;
	unsigned rounds;
	const char *found;
} regressions[] = {
	{ 0x1, 1, "placeholder: replaced by the first finding" },
};

/* Our slots for a round (the sweep's fixtures are gone by then). */
enum {
	R_POOL = 100,   /* the child's pool */
	R_SPAWN,        /* pith_spawn's five: task, aspace, cspace, ipcbuf, scratch */
	R_LOG = R_SPAWN + 5,
	R_CEP,          /* an endpoint of the child's pool (its fault endpoint) */
	R_CNTFN,
	R_CFRAME,
	R_SUBPOOL,
	R_EP,           /* objects of our pool the child gets capabilities to */
	R_NTFN,
	R_FRAME,
	R_TMP,
	R_END,
};

#define WINDOW 0x20000000ull     /* pith_spawn's copy window (16 MiB) */
#define CHILD_QUOTA (768 * 1024)
#define TICK_BUDGET 40           /* child CPU ticks per round at most */
#define ROUND_ITERATIONS 400     /* our yields per round at most */
#define SHOW_LEAKS 6             /* leaking rounds shown in full */

static struct fuzz_log *const log = (struct fuzz_log *)FUZZ_LOG_VADDR;

struct stats {
	uint64_t rounds, calls, leaks, leaked_bytes, stuck, hangs;
	/* Per call: in how many rounds it succeeded, and in how many of the
	 * leaking ones. */
	uint32_t ok_rounds[FUZZ_NR_MAX], ok_leaks[FUZZ_NR_MAX];
	uint32_t self_cs_rounds, self_cs_leaks;
};

static const void *self_elf(size_t *size)
{
	struct cpio_file f;

	if (cpio_find((const void *)bi->image_vaddr, bi->image_size, "hostile", &f))
		return NULL;
	*size = f.size;
	return f.data;
}

/* Capabilities the child may get: its slot, and how we make it there. */
static long give(struct spawn *s, unsigned slot)
{
	switch (slot) {
	case FC_TASK: return sys_cap_copy(s->task, s->cspace, slot);
	case FC_CSPACE:
		/* Its own CapSpace inside itself: only a move can do that. */
		if (sys_cap_copy(s->cspace, 0, R_TMP))
			return -1;
		return sys_cap_move(R_TMP, s->cspace, slot);
	case FC_ASPACE: return sys_cap_copy(s->aspace, s->cspace, slot);
	case FC_POOL: return sys_cap_copy(R_POOL, s->cspace, slot);
	case FC_CONSOLE: return sys_cap_mint(CON, s->cspace, slot, RIGHT_READ, 0);
	case FC_IPCBUF: return sys_cap_copy(s->ipcbuf, s->cspace, slot);
	case FC_EP: return sys_cap_copy(R_CEP, s->cspace, slot);
	case FC_NTFN: return sys_cap_copy(R_CNTFN, s->cspace, slot);
	case FC_FRAME: return sys_cap_copy(R_CFRAME, s->cspace, slot);
	case FC_SUBPOOL: return sys_cap_move(R_SUBPOOL, s->cspace, slot);
	case FC_EP_W: return sys_cap_mint(R_CEP, s->cspace, slot,
					  RIGHT_WRITE | RIGHT_GRANT, 5);
	case FC_OUR_EP: return sys_cap_copy(R_EP, s->cspace, slot);
	case FC_OUR_NTFN: return sys_cap_mint(R_NTFN, s->cspace, slot, RIGHT_WRITE, 9);
	case FC_OUR_FRAME: return sys_cap_mint(R_FRAME, s->cspace, slot, RIGHT_READ, 0);
	case FC_TASK_RO: return sys_cap_mint(s->task, s->cspace, slot, RIGHT_READ, 0);
	}
	return 0;
}

/* Make the child's world; on failure the caller deletes what exists. */
static long setup(struct spawn *s, uint64_t seed, uint64_t calls, uint32_t given)
{
	long err;

	s->pool = R_POOL;
	s->self_aspace = ROOT_SLOT_ASPACE;
	s->window = WINDOW;
	s->first_slot = R_SPAWN;
	s->elf = self_elf(&s->elf_size);
	if (!s->elf)
		return -ENOENT;
	if ((err = sys_obj_create(POOL, CAP_MEMPOOL, R_POOL, CHILD_QUOTA)) ||
	    (err = pith_spawn(s)) ||
	    (err = sys_obj_create(R_POOL, CAP_FRAME, R_LOG, 1)) ||
	    (err = sys_map(ROOT_SLOT_ASPACE, R_LOG, FUZZ_LOG_VADDR,
			   RIGHT_READ | RIGHT_WRITE)) ||
	    (err = sys_map(s->aspace, R_LOG, FUZZ_LOG_VADDR,
			   RIGHT_READ | RIGHT_WRITE)) ||
	    (err = sys_obj_create(R_POOL, CAP_ENDPOINT, R_CEP, 0)) ||
	    (err = sys_obj_create(R_POOL, CAP_NOTIFICATION, R_CNTFN, 0)) ||
	    (err = sys_obj_create(R_POOL, CAP_FRAME, R_CFRAME, 2)) ||
	    (err = sys_obj_create(R_POOL, CAP_MEMPOOL, R_SUBPOOL, 16384)) ||
	    (err = sys_obj_create(POOL, CAP_ENDPOINT, R_EP, 0)) ||
	    (err = sys_obj_create(POOL, CAP_NOTIFICATION, R_NTFN, 0)) ||
	    (err = sys_obj_create(POOL, CAP_FRAME, R_FRAME, 1)))
		return err;
	memset(log, 0, sizeof(*log));
	log->magic = FUZZ_MAGIC;
	log->seed = seed;
	log->calls = calls;
	log->given = given;
	for (unsigned slot = 1; slot < FC_COUNT; slot++)
		if ((given & (1u << slot)) && (err = give(s, slot)))
			return err;
	if ((err = sys_task_set_ep(s->task, R_CEP, 0)))
		return err;
	return sys_task_start(s->task, s->entry, SPAWN_STACK_TOP, FUZZ_LOG_VADDR);
}

/* Wait for the child, bounded: it ends, or stops making progress while
 * blocked or suspended, or uses up its ticks, or our patience. */
static int wait_child(slot_t task, uint64_t calls)
{
	uint64_t last = ~0ull;
	int still = 0;

	for (int it = 0; it < ROUND_ITERATIONS; it++) {
		struct task_info ti;
		if (sys_task_info(task, &ti) || ti.state == TASK_INFO_DEAD)
			return 0;
		if (log->done == last &&
		    (ti.state == TASK_INFO_BLOCKED || ti.suspended)) {
			if (++still > 3)
				return 1;     /* stuck: blocked for good */
		} else {
			still = 0;
		}
		last = log->done;
		if (ti.utime + ti.stime > TICK_BUDGET && log->done < calls)
			return 2;         /* out of time */
		sys_yield();
	}
	return 2;
}

static void print_call(const struct fuzz_call *c)
{
	printf("    %s(%llx %llx %llx %llx %llx %llx) = %lld\n",
	       syscall_name(c->nr), (unsigned long long)c->a[0],
	       (unsigned long long)c->a[1], (unsigned long long)c->a[2],
	       (unsigned long long)c->a[3], (unsigned long long)c->a[4],
	       (unsigned long long)c->a[5], (long long)c->ret);
}

/* The slots we may hold after a round, in the order they are deleted
 * when the pool goes last; the pool goes first in the other order. */
static const slot_t round_slots[] = {
	R_SPAWN, R_SPAWN + 1, R_SPAWN + 2, R_SPAWN + 3, R_SPAWN + 4, R_LOG,
	R_CEP, R_CNTFN, R_CFRAME, R_SUBPOOL, R_EP, R_NTFN, R_FRAME, R_TMP,
};

static void teardown(bool pool_first)
{
	struct task_info ti;

	sys_unmap(ROOT_SLOT_ASPACE, FUZZ_LOG_VADDR);
	if (pool_first) {
		sys_cap_delete(R_POOL);
		/* What we still hold to the pool's objects must stay safe to
		 * use, whatever the pool's death did to them. */
		(void)sys_cap_identify(R_SPAWN, 0, 0);
		(void)sys_task_info(R_SPAWN, &ti);
		(void)sys_signal(R_CNTFN);
	}
	for (unsigned i = 0; i < sizeof(round_slots) / sizeof(round_slots[0]); i++)
		sys_cap_delete(round_slots[i]);
	sys_cap_delete(R_POOL);
	for (int i = 0; i < 4; i++)
		sys_yield();  /* dead tasks' stacks are freed by the next to run */
}

/* One round; false if the kernel misbehaved in a way we can see (setup
 * failing, a leak when leaks are fatal). */
static bool round(uint64_t seed, uint64_t calls, struct stats *st, bool check)
{
	uint64_t rng = seed, base = pool_used(POOL), after;
	uint32_t given = (uint32_t)rng_next(&rng) & FC_GIVE_MASK;
	bool pool_first = rng_next(&rng) & 1;
	struct spawn s;
	long err;

	/* Its own CapSpace inside itself makes a cycle only pool
	 * destruction can break: one round in four. */
	if (rng_next(&rng) % 4)
		given &= ~(1u << FC_CSPACE);
	err = setup(&s, seed, calls, given);
	if (err) {
		printf("  seed %#llx: setting up the child failed (%ld)\n",
		       (unsigned long long)seed, err);
		teardown(true);
		return false;
	}
	int how = wait_child(R_SPAWN, calls);
	sys_task_kill(R_SPAWN);
	uint64_t done = log->done, nok = log->nok;
	struct fuzz_call ok[FUZZ_OK_MAX];
	memcpy(ok, log->ok, sizeof(ok));
	teardown(pool_first);
	after = pool_used(POOL);
	if (!check)
		return true;
	st->rounds++;
	st->calls += done;
	st->stuck += how == 1;
	st->hangs += how == 2;
	bool leak = after != base;
	bool self_cs = given & (1u << FC_CSPACE);
	st->self_cs_rounds += self_cs;
	st->self_cs_leaks += self_cs && leak;
	uint32_t seen[FUZZ_NR_MAX / 32 + 1] = { 0 };
	for (uint64_t i = 0; i < nok && i < FUZZ_OK_MAX; i++) {
		unsigned nr = ok[i].nr < FUZZ_NR_MAX ? (unsigned)ok[i].nr : FUZZ_NR_MAX - 1;
		if (seen[nr / 32] & (1u << nr % 32))
			continue;
		seen[nr / 32] |= 1u << nr % 32;
		st->ok_rounds[nr]++;
		st->ok_leaks[nr] += leak;
	}
	if (!leak)
		return true;
	st->leaks++;
	st->leaked_bytes += after - base;
	printf("  LEAK seed %#llx: %lld bytes; %llu of %llu calls made; caps %#x%s; "
	       "pool %s first\n", (unsigned long long)seed,
	       (long long)(after - base), (unsigned long long)done,
	       (unsigned long long)calls, (unsigned)given,
	       self_cs ? " (its own CapSpace in itself)" : "",
	       pool_first ? "deleted" : "deleted last, others");
	if (st->leaks <= SHOW_LEAKS) {
		printf("   calls that succeeded (%llu):\n", (unsigned long long)nok);
		for (uint64_t i = 0; i < nok && i < FUZZ_OK_MAX; i++)
			print_call(&ok[i]);
	}
	return !opt.leaks_fatal;
}

static uint64_t round_seed(uint64_t seed, uint64_t i)
{
	return seed + i * 0x9e3779b97f4a7c15ull;
}

static void print_stats(const char *what, const struct stats *st)
{
	printf("  %s: %llu rounds, %llu calls, %llu leaking (%llu bytes), "
	       "%llu stopped blocked, %llu stopped by the time limit\n", what,
	       (unsigned long long)st->rounds, (unsigned long long)st->calls,
	       (unsigned long long)st->leaks, (unsigned long long)st->leaked_bytes,
	       (unsigned long long)st->stuck, (unsigned long long)st->hangs);
	if (!st->leaks)
		return;
	printf("  own CapSpace given in %u rounds, %u of them leaked\n",
	       st->self_cs_rounds, st->self_cs_leaks);
	printf("  calls that succeeded in leaking rounds (leaking/all rounds):\n");
	for (unsigned nr = 0; nr < FUZZ_NR_MAX; nr++)
		if (st->ok_leaks[nr])
			printf("    %s %u/%u\n", syscall_name(nr), st->ok_leaks[nr],
			       st->ok_rounds[nr]);
}

static struct stats st;

/* A first round makes the page tables of our copy window and log page;
 * they stay, so it is not counted. */
static bool warm_up(void)
{
	static bool done;

	if (!done)
		CHECK(round(0, 0, &st, false));
	done = true;
	return true;
}

bool test_fuzz_regressions(void)
{
	bool ok = true;

	CHECK(warm_up());
	memset(&st, 0, sizeof(st));
	for (unsigned i = 0; i < sizeof(regressions) / sizeof(regressions[0]); i++)
		for (unsigned r = 0; r < regressions[i].rounds; r++)
			ok &= round(round_seed(regressions[i].seed, r), opt.calls, &st, true);
	print_stats("regressions", &st);
	return ok;
}

bool test_fuzz_random(void)
{
	bool ok = true;

	CHECK(warm_up());
	memset(&st, 0, sizeof(st));
	printf("  seed %#llx, %llu rounds of %llu calls\n",
	       (unsigned long long)opt.seed, (unsigned long long)opt.rounds,
	       (unsigned long long)opt.calls);
	for (uint64_t r = 0; r < opt.rounds; r++) {
		ok &= round(round_seed(opt.seed, r), opt.calls, &st, true);
		if (opt.long_mode && r % 500 == 499)
			print_stats("so far", &st);
	}
	print_stats("random", &st);
	return ok;
}
