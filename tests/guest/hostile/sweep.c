/*
 * The sweep: every system-call number from 0 to past the last one, with
 * bad arguments. For a call with a recipe (recipes.c) each argument in
 * turn is replaced by every bad value of its kind (bad, empty and
 * out-of-range slots, capabilities of the wrong type, copies minted
 * without a needed right, bad pointers, bad lengths, ...) and must give
 * that kind's error; every number, known or not, also gets rows of nothing
 * but bad values. Neither pool may change by a byte across a failed call.
 * Calls that do not come back with good arguments (exit, kill or suspend
 * oneself, blocking IPC) run in a thread of ours, which we then kill.
 */
#include <string.h>

#include "sweep.h"

#define SHOW_MAX 40   /* failures printed; the rest are only counted */

static unsigned bad_rows, rows_run;

static void text_marker(void)
{
}

/* ---- running rows ---------------------------------------------------- */

/* want: an error, a result (0, or 1 from SYS_TIMER_SET), or
 * WANT_NOT_POSITIVE for "0 or an error" (calls that may pass): a value no
 * call returns. */
#define WANT_NOT_POSITIVE (-0x7fffffffffffffffl - 1)

static void run_row(long nr, const uint64_t a[6], long want, const char *why)
{
	uint64_t r[6], used0 = pool_used(POOL), sub0 = pool_used(F_POOL);
	long got;

	memcpy(r, a, sizeof(r));
	got = pith_syscall(nr, r);
	rows_run++;
	bool ok = want == WANT_NOT_POSITIVE ? got <= 0 : got == want;
	uint64_t used1 = pool_used(POOL), sub1 = pool_used(F_POOL);
	if (ok && got < 0 && (used1 != used0 || sub1 != sub0)) {
		ok = false;
		why = "a failed call changed a pool's usage";
	}
	if (!ok && bad_rows++ < SHOW_MAX)
		printf("  %s(%llx %llx %llx %llx %llx %llx) = %ld, want %ld: %s\n",
		       syscall_name(nr), (unsigned long long)a[0],
		       (unsigned long long)a[1], (unsigned long long)a[2],
		       (unsigned long long)a[3], (unsigned long long)a[4],
		       (unsigned long long)a[5], got, want, why);
	if (got >= 0 && want < 0) {
		/* It wrongly made something: do not let it linger. */
		if (sys_cap_identify(F_DST, 0, 0) == CAP_TASK)
			sys_task_kill(F_DST);
		sys_cap_delete(F_DST);
	}
}

static void run_sub(long nr, const uint64_t good[6], int i, uint64_t v,
		    long want, const char *why)
{
	uint64_t r[6];

	memcpy(r, good, sizeof(r));
	r[i] = v;
	run_row(nr, r, want, why);
}

/* ---- bad values by kind ---------------------------------------------- */

struct bad {
	uint64_t v;
	long err;
};

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define TOP PITH_USER_TOP
#define KADDR PITH_KERNEL_ADDR
#define PHYS PITH_PHYSMAP_ADDR

static const struct bad bad_in[] = {
	{ 0, -EFAULT }, { 8, -EFAULT }, { 4096, -EFAULT }, { KADDR, -EFAULT },
	{ PHYS, -EFAULT }, { TOP, -EFAULT }, { TOP - 4, -EFAULT },
	{ 1ull << 63, -EFAULT }, { ~0ull - 3, -EFAULT }, { 0x30000000, -EFAULT },
	{ P1 + 4096 - 4, -EFAULT },  /* readable, then not */
};
static const struct bad bad_out[] = {
	{ ROOT_IMAGE_VADDR, -EFAULT }, { P1, -EFAULT },
	{ P0 + 4096 - 4, -EFAULT },  /* writable, then read-only */
	{ 0, -EFAULT },               /* replaced by our text (below) */
};
static const struct bad bad_page[] = {
	{ F_VA_FREE + 1, -EINVAL }, { F_VA_FREE + 8, -EINVAL },
	{ F_VA_FREE + 0x800, -EINVAL }, { KADDR, -EINVAL }, { PHYS, -EINVAL },
	{ TOP, -EINVAL }, { ~0ull << 12, -EINVAL }, { 1ull << 63, -EINVAL },
	{ F_VA, -EEXIST },
};
static const struct bad bad_mapped[] = {
	{ F_VA + 1, -EINVAL }, { F_VA + 0x800, -EINVAL }, { KADDR, -EINVAL },
	{ PHYS, -EINVAL }, { TOP, -EINVAL }, { ~0ull << 12, -EINVAL },
	{ F_VA_FREE, -ENOENT }, { F_VA + 0x3000, -ENOENT },
};
static const struct bad bad_uaddr[] = {
	{ KADDR, -EINVAL }, { PHYS, -EINVAL }, { TOP, -EINVAL }, { ~0ull, -EINVAL },
	{ F_VA_FREE, -ENOENT }, { F_VA + 0x3000, -ENOENT },
};
static const struct bad bad_aligned[] = {
	{ 1, -EINVAL }, { 0x800, -EINVAL }, { 0xfff, -EINVAL }, { ~0ull, -EINVAL },
};
static const struct bad bad_len[] = {
	{ 4097, -E2BIG }, { 1ull << 32, -E2BIG }, { ~0ull, -E2BIG },
};
static const struct bad bad_maprights[] = {
	{ 0, -EINVAL }, { RIGHT_WRITE, -EINVAL }, { RIGHT_EXEC, -EINVAL },
	{ RIGHT_WRITE | MAP_REPLACE, -EINVAL }, { RIGHT_READ | 0x40, -EINVAL },
	{ RIGHT_READ | RIGHT_CONTROL, -EINVAL }, { RIGHT_READ | 0x200, -EINVAL },
	{ RIGHT_READ | 1ull << 32, -EINVAL }, { ~0ull, -EINVAL },
};
static const struct bad bad_protrights[] = {
	{ 0, -EINVAL }, { RIGHT_WRITE, -EINVAL }, { RIGHT_READ | MAP_REPLACE, -EINVAL },
	{ RIGHT_READ | RIGHT_GRANT, -EINVAL }, { RIGHT_READ | 0x40, -EINVAL },
	{ ~0ull, -EINVAL },
};
static const struct bad bad_rights[] = {
	{ 0x40, -EINVAL }, { 0x80, -EINVAL }, { 1ull << 32, -EINVAL }, { ~0ull, -EINVAL },
};
static const struct bad bad_badge[] = {
	{ 1ull << 48, -EINVAL }, { ~0ull, -EINVAL },
};
static const struct bad bad_info[] = {
	{ MSG_INFO(1, 65, 0), -EINVAL }, { MSG_INFO(1, 127, 0), -EINVAL },
	{ MSG_INFO(1, 100, 1), -EINVAL }, { ~0ull, -EINVAL },
};
static const struct bad bad_type[] = {
	{ CAP_NONE, -EINVAL }, { CAP_IRQ, -EINVAL }, { CAP_CONSOLE, -EINVAL },
	{ CAP_TYPE_COUNT, -EINVAL }, { 255, -EINVAL },
	{ 1ull << 32, -EINVAL }, { ~0ull, -EINVAL },
};
static const struct bad bad_prio[] = {
	{ 140, -EINVAL }, { 1ull << 32, -EINVAL }, { ~0ull, -EINVAL },
};
static const struct bad bad_quantum[] = {
	{ 10001, -EINVAL }, { 1ull << 32, -EINVAL }, { ~0ull, -EINVAL },
};
static const struct bad bad_pc[] = {
	{ TOP, -EFAULT }, { KADDR, -EFAULT }, { PHYS, -EFAULT }, { ~0ull, -EFAULT },
};
static const struct bad bad_sp[] = {
	{ TOP + 8, -EFAULT }, { KADDR, -EFAULT }, { ~0ull, -EFAULT },
};
static const struct bad bad_dst[] = {
	{ 0, -EBADF }, { ROOT_CSPACE_SLOTS, -EBADF }, { 1ull << 32, -EBADF }, { ~0ull, -EBADF },
	{ F_BUSY, -EEXIST },
};
static const struct bad bad_slot[] = {
	{ F_EMPTY, -EBADF }, { 255, -EBADF }, { ROOT_CSPACE_SLOTS, -EBADF },
	{ 1ull << 32, -EBADF }, { ~0ull, -EBADF }, { 1ull << 63, -EBADF },
	{ 0, -EBADF },  /* last: not bad where the capability is optional */
};

static const struct {
	const struct bad *v;
	unsigned n;
} by_kind[] = {
	[A_IN] = { bad_in, N(bad_in) },
	[A_PAGE] = { bad_page, N(bad_page) },
	[A_MAPPED] = { bad_mapped, N(bad_mapped) },
	[A_UADDR] = { bad_uaddr, N(bad_uaddr) },
	[A_ALIGNED] = { bad_aligned, N(bad_aligned) },
	[A_LEN] = { bad_len, N(bad_len) },
	[A_MAPRIGHTS] = { bad_maprights, N(bad_maprights) },
	[A_PROTRIGHTS] = { bad_protrights, N(bad_protrights) },
	[A_RIGHTS] = { bad_rights, N(bad_rights) },
	[A_BADGE] = { bad_badge, N(bad_badge) },
	[A_INFO] = { bad_info, N(bad_info) },
	[A_TYPE] = { bad_type, N(bad_type) },
	[A_PRIO] = { bad_prio, N(bad_prio) },
	[A_QUANTUM] = { bad_quantum, N(bad_quantum) },
	[A_PC] = { bad_pc, N(bad_pc) },
	[A_SP] = { bad_sp, N(bad_sp) },
	[A_DST] = { bad_dst, N(bad_dst) },
};

/* One capability of each type, for "wrong type" rows. */
static const slot_t typed[] = {
	F_POOL, F_EP, F_NTFN, F_FRAME, F_ASPACE, F_CSPACE, F_CHILD, CON,
	ROOT_SLOT_IRQ_UART, F_REPLY,
};

static void sweep_cap_arg(long nr, const uint64_t good[6], int i,
			  const struct arg *a)
{
	unsigned nslot = N(bad_slot) - (a->kind == A_OPTCAP);

	for (unsigned k = 0; k < nslot; k++)
		run_sub(nr, good, i, bad_slot[k].v, -EBADF, "bad slot");
	if (a->type != CAP_NONE)
		for (unsigned k = 0; k < N(typed); k++)
			if (sys_cap_identify(typed[k], 0, 0) != a->type)
				run_sub(nr, good, i, typed[k], -ENOTTY, "wrong type");
	/* Every right it needs, missing in turn, then all of them. */
	for (unsigned b = 1; b <= RIGHTS_ALL; b <<= 1) {
		if (!(a->rights & b))
			continue;
		if (sys_cap_mint(a->good, 0, F_SCRATCH, RIGHTS_ALL & ~b, 0)) {
			printf("  cannot mint slot %llu\n", (unsigned long long)a->good);
			bad_rows++;
			return;
		}
		run_sub(nr, good, i, F_SCRATCH, -EPERM, "missing a right");
		sys_cap_delete(F_SCRATCH);
	}
	if (a->rights && sys_cap_mint(a->good, 0, F_SCRATCH, 0, 0) == 0) {
		run_sub(nr, good, i, F_SCRATCH, -EPERM, "no rights at all");
		sys_cap_delete(F_SCRATCH);
	}
}

/* What our pointers point at for the calls that read a structure. */
static void prepare(long nr)
{
	memset((void *)P0, '.', 4096);
	if (nr == SYS_TASK_CLONE) {
		struct clone_args *c = (struct clone_args *)P0;
		*c = (struct clone_args){
			.flags = CLONE_VM | CLONE_CAPS | CLONE_STOPPED,
			.pool = F_POOL, .dst = F_DST,
		};
	} else if (nr == SYS_TASK_SET_REGS) {
		(void)sys_task_get_regs(F_CHILD, (struct user_regs *)P0);
	}
}

static void sweep_recipe(long nr, const struct recipe *rc)
{
	uint64_t good[6];

	for (int i = 0; i < 6; i++)
		good[i] = rc->a[i].kind == A_OPTCAP ? 0 : rc->a[i].good;
	for (int i = 0; i < 6; i++) {
		const struct arg *a = &rc->a[i];
		prepare(nr);
		if (a->kind == A_CAP || a->kind == A_OPTCAP) {
			sweep_cap_arg(nr, good, i, a);
			continue;
		}
		if (a->kind == A_OUT) {
			for (unsigned k = 0; k < N(bad_in); k++)
				run_sub(nr, good, i, bad_in[k].v, bad_in[k].err, "bad pointer");
			for (unsigned k = 0; k < N(bad_out); k++)
				run_sub(nr, good, i, bad_out[k].v ? bad_out[k].v
					: (uint64_t)(uintptr_t)text_marker,
					bad_out[k].err, "read-only memory");
			continue;
		}
		if (a->kind >= N(by_kind) || !by_kind[a->kind].v)
			continue;
		for (unsigned k = 0; k < by_kind[a->kind].n; k++)
			run_sub(nr, good, i, by_kind[a->kind].v[k].v,
				by_kind[a->kind].v[k].err, "bad value");
	}
}

/* Rows of nothing but bad values: every register from the same list,
 * then shifted so each register sees each value next to others. */
static const uint64_t generic[] = {
	0, F_EMPTY, 255, 256, 1ull << 32, ~0ull, KADDR, PHYS, TOP, 0x30000000,
};

static void sweep_generic(long nr, long want)
{
	uint64_t r[6];

	for (unsigned k = 0; k < N(generic); k++) {
		for (int i = 0; i < 6; i++)
			r[i] = generic[k];
		run_row(nr, r, want, "all bad");
		for (int i = 0; i < 6; i++)
			r[i] = generic[(k + 3 * i) % N(generic)];
		run_row(nr, r, want, "all bad, mixed");
	}
}

/* clone_args fields, one bad at a time. */
static void sweep_clone_args(void)
{
	static const struct { unsigned field; uint64_t v; long want; } v[] = {
		{ 0, 0x40, -EINVAL }, { 0, ~0ull, -EINVAL },
		{ 7, TOP, -EINVAL }, { 7, KADDR, -EINVAL },
		{ 1, 0, -EBADF }, { 1, F_EMPTY, -EBADF }, { 1, ROOT_CSPACE_SLOTS, -EBADF },
		{ 1, F_EP, -ENOTTY }, { 1, F_POOL_RO, -EPERM },
		{ 2, 0, -EBADF }, { 2, ROOT_CSPACE_SLOTS, -EBADF }, { 2, ~0ull, -EBADF },
		{ 2, F_BUSY, -EEXIST },
		{ 8, F_DST, -EBADF }, { 8, ROOT_CSPACE_SLOTS, -EBADF }, { 8, F_BUSY, -EEXIST },
		{ 5, F_EMPTY, -EBADF }, { 5, F_NTFN, -ENOTTY }, { 5, F_EP_RO, -EPERM },
		{ 6, ROOT_CSPACE_SLOTS, -EBADF }, { 6, F_POOL, -ENOTTY }, { 6, F_EP_RO, -EPERM },
	};
	uint64_t good[6] = { F_CHILD, P0 };

	for (unsigned i = 0; i < N(v); i++) {
		prepare(SYS_TASK_CLONE);
		((uint64_t *)P0)[v[i].field] = v[i].v;
		run_row(SYS_TASK_CLONE, good, v[i].want, "bad clone_args field");
	}
}

/* user_regs with a pc, sp or thread pointer outside the user half. */
static void sweep_user_regs(void)
{
	uint64_t good[6] = { F_CHILD, P0 };
	static const uint64_t bad[] = { TOP + 8, KADDR, ~0ull };
	static const char *const why[] = { "pc outside the user half",
		"sp outside the user half", "tls outside the user half" };

	for (unsigned f = 0; f < 3; f++)
		for (unsigned k = 0; k < N(bad); k++) {
			prepare(SYS_TASK_SET_REGS);
			((uint64_t *)P0)[f] = bad[k];  /* pc, sp, tls */
			run_row(SYS_TASK_SET_REGS, good, -EINVAL, why[f]);
		}
}

bool test_sweep(void)
{
	uint64_t base, after;
	long extra[] = { SYS_COUNT + 1000, 1l << 31, 1l << 32, (long)(1ull << 63), -1 };

	CHECK(fixture_settle());
	base = pool_used(POOL);
	bad_rows = rows_run = 0;
	CHECK(fixture_make());
	for (long nr = 0; nr < SYS_COUNT + 5 + (long)N(extra); nr++) {
		long n = nr < SYS_COUNT + 5 ? nr : extra[nr - SYS_COUNT - 5];
		const struct recipe *rc = n >= 0 && n < SYS_COUNT ? &recipes[n] : NULL;
		if (!rc) {
			sweep_generic(n, -ENOSYS);
			continue;
		}
		if (!rc->name)
			printf("  call %ld has no recipe: all-bad rows only\n", n);
		if (rc->flags & R_ENDS)
			continue;
		sweep_generic(n, !rc->name || (rc->flags & R_MAY_PASS)
			      ? WANT_NOT_POSITIVE : -EBADF);
		if (rc->name)
			sweep_recipe(n, rc);
	}
	for (unsigned i = 0; i < n_special_rows; i++) {
		prepare(special_rows[i].nr);
		run_row(special_rows[i].nr, special_rows[i].a, special_rows[i].want,
			special_rows[i].why);
	}
	sweep_clone_args();
	sweep_user_regs();
	CHECK(fixture_drop());
	for (int k = 0; k < 10; k++)
		sys_yield();
	after = pool_used(POOL);
	printf("  %u rows, %u wrong; pool %llu -> %llu bytes\n", rows_run, bad_rows,
	       (unsigned long long)base, (unsigned long long)after);
	CHECK(bad_rows == 0);
	CHECK(after == base);
	return true;
}

/* ---- calls that do not come back ------------------------------------ */

enum { ENDS_DEAD, ENDS_BLOCKED, ENDS_SUSPENDED };

static const struct {
	long nr;
	uint64_t a[6];
	int ends;
} blocking[] = {
	{ SYS_TASK_EXIT, { ~0ull }, ENDS_DEAD },
	{ SYS_TASK_EXIT, { 0 }, ENDS_DEAD },
	{ SYS_TASK_KILL, { F_THREAD }, ENDS_DEAD },
	{ SYS_TASK_SUSPEND, { F_THREAD }, ENDS_SUSPENDED },
	{ SYS_RECV, { F_EP }, ENDS_BLOCKED },
	{ SYS_WAIT, { F_NTFN }, ENDS_BLOCKED },
	{ SYS_SEND, { F_EP_W, MSG_INFO(1, 0, 0) }, ENDS_BLOCKED },
	{ SYS_CALL, { F_EP_W, MSG_INFO(1, 3, 0) }, ENDS_BLOCKED },
	{ SYS_REPLY_RECV, { F_EP, MSG_INFO(1, 0, 0) }, ENDS_BLOCKED },
	{ SYS_RECV, { F_EP }, ENDS_BLOCKED },  /* the queue is clean again */
};

static volatile int returned;

static long run_blocking(void *arg)
{
	unsigned i = (unsigned)(uintptr_t)arg;
	uint64_t r[6];

	memcpy(r, blocking[i].a, sizeof(r));
	(void)pith_syscall(blocking[i].nr, r);
	returned = 1;
	return 0;
}

static bool in_state(int ends)
{
	struct task_info ti;

	if (sys_task_info(F_THREAD, &ti))
		return false;
	return ends == ENDS_DEAD ? ti.state == TASK_INFO_DEAD
	     : ends == ENDS_BLOCKED ? ti.state == TASK_INFO_BLOCKED
	     : ti.suspended == 1;
}

bool test_sweep_blocking_in_children(void)
{
	uint64_t base;

	CHECK(fixture_settle());
	base = pool_used(POOL);
	CHECK(fixture_make());
	for (unsigned i = 0; i < N(blocking); i++) {
		returned = 0;
		CHECK(thread(F_THREAD, 3, 0, run_blocking, (void *)(uintptr_t)i) == 0);
		for (int k = 0; k < 200 && !in_state(blocking[i].ends); k++)
			sys_yield();
		if (!in_state(blocking[i].ends) || returned)
			printf("  %s: not in the expected state\n",
			       syscall_name(blocking[i].nr));
		CHECK(in_state(blocking[i].ends));
		CHECK(!returned);
		CHECK(sys_task_kill(F_THREAD) == 0);
		CHECK(wait_dead(F_THREAD, 100));
		CHECK(!returned);
		CHECK(sys_cap_delete(F_THREAD) == 0);
	}
	CHECK(fixture_drop());
	for (int k = 0; k < 10; k++)
		sys_yield();
	CHECK(pool_used(POOL) == base);
	return true;
}
