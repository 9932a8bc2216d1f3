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
 * Every round has its own seed; each task's calls depend on nothing else,
 * so a seed replays a round: exactly when the child has one task, up to
 * the timer's interleaving of its tasks when it has more (the seed says
 * how many, 1..4). Seeds that ever found something are kept in
 * `regressions` below and run first, every time.
 */
#include <pith/spawn.h>
#include <string.h>

#include <pith/cpio.h>
#include "fuzz.h"

/* Seeds that found something, replayed before the random rounds: a
 * round seed, how many rounds from it, calls per task, what it found (the
 * leaks reproduce on both arches). They are expected until pool
 * destruction lands (docs/testing.md). */
static const struct {
	uint64_t seed;
	unsigned rounds, calls;
	const char *found;
} regressions[] = {
	{ 0x7824b96d09a4cb26, 1, 400,
	  "leak: its own CapSpace inside itself, a cycle nothing breaks" },
	{ 0x7168642739dbd592, 1, 400,
	  "leak: task_clone of itself at call 26; the clone outlives the round "
	  "blocked and keeps the spaces and the pool" },
	{ 0xf054ca7c7d9b3486, 1, 400,
	  "leak: the same after creating a notification and a sched_set" },
	{ 0x99e4bdf92c39a60b, 1, 400,
	  "leak: a clone whose clone_args came from random words" },
	{ 0x94cacfa6f1e3b712, 1, 300,
	  "setup failed (-ESRCH): the child ran and died before we cloned it "
	  "into more tasks; now started suspended" },
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
	R_STACKS,       /* the other tasks' stacks */
	R_THREAD,       /* tasks 1..3 of the child (task 0 is R_SPAWN) */
	R_END = R_THREAD + FUZZ_THREADS,
};

#define WINDOW 0x20000000ull     /* pith_spawn's copy window (16 MiB) */
#define CHILD_QUOTA (512 * 1024)  /* a child with 4 tasks starts with ~250 KiB used */
#define TICK_BUDGET 40           /* child CPU ticks per round at most */
#define ROUND_ITERATIONS 400     /* our yields per round at most */
#define SHOW_LEAKS 6             /* leaking rounds shown in full */

static struct fuzz_log *const log = (struct fuzz_log *)FUZZ_LOG_VADDR;

struct stats {
	uint64_t rounds, calls, leaks, stuck, hangs, early;
	int64_t leaked_bytes;
	/* Per call: in how many rounds it succeeded, and in how many of the
	 * leaking ones. */
	uint32_t ok_rounds[FUZZ_NR_MAX], ok_leaks[FUZZ_NR_MAX];
	uint32_t self_cs_rounds, self_cs_leaks;
	/* The last call of rounds that ended before their last call. */
	uint32_t ended_by[FUZZ_NR_MAX];
	long setup_failed;
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
	case FC_CSPACE: {
		/* Its own CapSpace inside itself: the kernel refuses it by copy
		 * and by move alike (it once let a move through: seed
		 * 0x7824b96d09a4cb26). The child gets a capability to a second
		 * space of its pool that holds one to the first: a longer
		 * cycle, which only the pool's destruction breaks. */
		long err;
		if (sys_cap_copy(s->cspace, 0, R_TMP))
			return -1;
		if (sys_cap_move(R_TMP, s->cspace, slot) != -EINVAL)
			return -1;
		sys_cap_delete(R_TMP);
		if ((err = sys_obj_create(R_POOL, CAP_CSPACE, R_TMP, 0)) ||
		    (err = sys_cap_copy(s->cspace, R_TMP, 1)) ||
		    (err = sys_cap_move(R_TMP, s->cspace, slot)))
			return err;
		return 0;
	}
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
static long setup(struct spawn *s, uint64_t seed, uint64_t calls, uint32_t given,
		  unsigned nthreads)
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
	/* Started suspended, so that it has not run when we clone it. */
	if ((err = sys_task_set_ep(s->task, R_CEP, 0)) ||
	    (err = sys_task_suspend(s->task)) ||
	    (err = sys_task_start(s->task, s->entry, SPAWN_STACK_TOP, FUZZ_LOG_VADDR)))
		return err;
	/* More tasks in the same spaces: clones of that one, so they too
	 * begin at its entry; the argument register is the clone's return
	 * value. */
	if (nthreads > 1 &&
	    ((err = sys_obj_create(R_POOL, CAP_FRAME, R_STACKS, 4 * (FUZZ_THREADS - 1))) ||
	     (err = sys_map(s->aspace, R_STACKS, FUZZ_STACKS, RIGHT_READ | RIGHT_WRITE))))
		return err;
	for (unsigned i = 1; i < nthreads; i++) {
		struct clone_args a = {
			.flags = CLONE_VM | CLONE_CAPS | CLONE_PAGER | CLONE_STOPPED,
			.pool = R_POOL,
			.dst = R_THREAD + i, .retval = FUZZ_LOG_VADDR + i,
			.sp = FUZZ_STACKS + i * 16384,
		};
		if ((err = sys_task_clone(s->task, &a)))
			return err;
	}
	for (unsigned i = 0; i < nthreads; i++)
		if ((err = sys_task_resume(i ? R_THREAD + i : s->task)))
			return err;
	return 0;
}

static slot_t task_slot(unsigned i)
{
	return i ? R_THREAD + i : R_SPAWN;
}

/* Wait for the child's tasks, bounded: all end, or all stop making
 * progress (dead, or blocked or suspended with the same count of calls
 * made), or they used up their ticks, or our patience ran out. */
static int wait_child(unsigned nthreads, uint64_t calls)
{
	uint64_t last[FUZZ_THREADS] = { ~0ull, ~0ull, ~0ull, ~0ull };
	int still = 0;

	for (int it = 0; it < ROUND_ITERATIONS; it++) {
		unsigned dead = 0, quiet = 0;
		uint64_t ticks = 0;
		for (unsigned i = 0; i < nthreads; i++) {
			struct task_info ti;
			if (sys_task_info(task_slot(i), &ti) ||
			    ti.state == TASK_INFO_DEAD) {
				dead++;
				continue;
			}
			ticks += ti.utime + ti.stime;
			quiet += log->done[i] == last[i] &&
				 (ti.state == TASK_INFO_BLOCKED || ti.suspended);
			last[i] = log->done[i];
		}
		if (dead == nthreads)
			return 0;
		still = dead + quiet == nthreads ? still + 1 : 0;
		if (still > 3)
			return 1;             /* stuck: blocked for good */
		if (ticks > TICK_BUDGET * nthreads)
			return 2;             /* out of time */
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
	R_STACKS, R_THREAD + 1, R_THREAD + 2, R_THREAD + 3,
};

/* The pool goes as the process server will make it go: SYS_POOL_DESTROY,
 * whatever capabilities to it the child kept inside its pool; or, when
 * the child was given none, by deleting our (then last) capability. */
static void end_pool(bool child_has_pool)
{
	if (child_has_pool)
		sys_pool_destroy(R_POOL);
	else
		sys_cap_delete(R_POOL);
}

static void teardown(bool pool_first, bool child_has_pool)
{
	struct task_info ti;

	sys_unmap(ROOT_SLOT_ASPACE, FUZZ_LOG_VADDR);
	if (pool_first) {
		end_pool(child_has_pool);
		/* What we still hold to the pool's objects must stay safe to
		 * use, whatever the pool's death did to them. */
		(void)sys_cap_identify(R_SPAWN, 0, 0);
		(void)sys_task_info(R_SPAWN, &ti);
		(void)sys_signal(R_CNTFN);
	}
	for (unsigned i = 0; i < sizeof(round_slots) / sizeof(round_slots[0]); i++)
		sys_cap_delete(round_slots[i]);
	end_pool(child_has_pool);
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
	unsigned nthreads = 1 + rng_next(&rng) % FUZZ_THREADS;
	struct spawn s;
	long err;

	/* Its own CapSpace inside itself makes a cycle only pool
	 * destruction can break: one round in four. */
	if (rng_next(&rng) % 4)
		given &= ~(1u << FC_CSPACE);
	err = setup(&s, seed, calls, given, nthreads);
	if (check && !st->rounds) {
		uint64_t q, used;
		(void)sys_pool_info(R_POOL, &q, &used);
		printf("  a child with %u tasks starts with %llu of its %llu bytes used\n",
		       nthreads, (unsigned long long)used, (unsigned long long)q);
	}
	if (err) {
		printf("  seed %#llx: setting up the child failed (%ld)\n",
		       (unsigned long long)seed, err);
		teardown(true, true);
		st->setup_failed = err;
		return false;
	}
	int how = wait_child(nthreads, calls);
	uint64_t done = 0, nok = log->nok, last = log->last[0].nr;
	struct fuzz_call lastc[FUZZ_THREADS];
	memcpy(lastc, log->last, sizeof(lastc));
	for (unsigned i = 0; i < nthreads; i++) {
		sys_task_kill(task_slot(i));
		done += log->done[i];
	}
	calls *= nthreads;
	struct fuzz_call ok[FUZZ_OK_MAX];
	memcpy(ok, log->ok, sizeof(ok));
	teardown(pool_first, given & (1u << FC_POOL));
	after = pool_used(POOL);
	if (!check)
		return true;
	st->rounds++;
	st->calls += done;
	st->stuck += how == 1;
	st->hangs += how == 2;
	st->early += how == 0 && done < calls;
	if (done < calls)
		st->ended_by[last < FUZZ_NR_MAX ? last : FUZZ_NR_MAX - 1]++;
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
	st->leaked_bytes += (int64_t)(after - base);  /* may be negative: see docs/testing.md */
	printf("  LEAK seed %#llx: %lld bytes; %u tasks made %llu of %llu calls; "
	       "caps %#x%s; pool %s first\n", (unsigned long long)seed,
	       (long long)(after - base), nthreads, (unsigned long long)done,
	       (unsigned long long)calls, (unsigned)given,
	       self_cs ? " (its own CapSpace in itself)" : "",
	       pool_first ? "deleted" : "deleted last, others");
	if (st->leaks <= SHOW_LEAKS) {
		printf("   calls that succeeded (%llu):\n", (unsigned long long)nok);
		for (uint64_t i = 0; i < nok && i < FUZZ_OK_MAX; i++)
			print_call(&ok[i]);
		printf("   each task's last call:\n");
		for (unsigned i = 0; i < nthreads; i++)
			print_call(&lastc[i]);
	}
	return !opt.leaks_fatal;
}

static uint64_t round_seed(uint64_t seed, uint64_t i)
{
	return seed + i * 0x9e3779b97f4a7c15ull;
}

static void print_stats(const char *what, const struct stats *st)
{
	printf("  %s: %llu rounds, %llu calls, %llu leaking (%lld bytes); "
	       "children that ended early %llu, stopped blocked %llu, stopped "
	       "by the time limit %llu\n", what,
	       (unsigned long long)st->rounds, (unsigned long long)st->calls,
	       (unsigned long long)st->leaks, (long long)st->leaked_bytes,
	       (unsigned long long)st->early, (unsigned long long)st->stuck,
	       (unsigned long long)st->hangs);
	printf("  rounds cut short, by last call:");
	for (unsigned nr = 0; nr < FUZZ_NR_MAX; nr++)
		if (st->ended_by[nr])
			printf(" %s %u", syscall_name(nr), st->ended_by[nr]);
	printf("\n");
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
			ok &= round(round_seed(regressions[i].seed, r),
				    regressions[i].calls, &st, true);
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
		if (st.setup_failed == -ENOMEM && st.leaks) {
			printf("  out of memory after %llu leaking rounds: stopping\n",
			       (unsigned long long)st.leaks);
			break;
		}
		if (opt.long_mode && r % 500 == 499)
			print_stats("so far", &st);
	}
	print_stats("random", &st);
	return ok;
}
