/*
 * hostile: the root task of the hostile test image. It sweeps every
 * system-call number with bad arguments (sweep.c, recipes.c), then runs
 * seeded random system calls in children confined to pools of their own
 * and checks every byte comes back (fuzz.c, fuzzchild.c). The same program
 * is the fuzzer's child: the kernel starts the root task with the boot
 * info's address, the fuzzer its children with their log page's.
 *
 * The kernel command line picks the mode (docs/testing.md):
 *   hostile=long   a million calls and more (default: the short CI run)
 *   seed=N         first seed of the random rounds
 *   rounds=N       random rounds; calls=N: calls per child
 *   leaks=warn     report leaks without failing
 * Output: "TEST <name> PASS|FAIL" lines, "N passed, N failed"; the exit
 * status (0 = all passed) becomes QEMU's.
 */
#include <string.h>

#include "fuzz.h"

const struct pith_bootinfo *bi;
struct hostile_opts opt;

uint64_t pool_used(slot_t pool)
{
	uint64_t quota, used;

	return sys_pool_info(pool, &quota, &used) ? 0 : used;
}

long task_state(slot_t task)
{
	struct task_info ti;
	long err = sys_task_info(task, &ti);

	return err ? err : (long)ti.state;
}

bool wait_dead(slot_t task, unsigned tries)
{
	for (unsigned i = 0; i < tries && task_state(task) != TASK_INFO_DEAD; i++)
		sys_yield();
	return task_state(task) == TASK_INFO_DEAD;
}

/* The value of key=value on the command line, or NULL. */
static const char *cmdline_value(const char *key)
{
	size_t n = strlen(key);

	for (const char *p = bi->cmdline; *p; ) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, key, n) && p[n] == '=')
			return p + n + 1;
		while (*p && *p != ' ')
			p++;
	}
	return NULL;
}

static uint64_t cmdline_number(const char *key, uint64_t dflt)
{
	const char *v = cmdline_value(key);
	uint64_t x = 0;
	unsigned base = 10;

	if (!v)
		return dflt;
	if (v[0] == '0' && v[1] == 'x') {
		base = 16;
		v += 2;
	}
	for (; *v && *v != ' '; v++) {
		unsigned d = *v >= 'a' ? (unsigned)(*v - 'a' + 10) : (unsigned)(*v - '0');
		if (d >= base)
			break;
		x = x * base + d;
	}
	return x;
}

static void read_options(void)
{
	const char *mode = cmdline_value("hostile");
	const char *leaks = cmdline_value("leaks");

	opt.long_mode = mode && !strncmp(mode, "long", 4);
	opt.leaks_fatal = !(leaks && !strncmp(leaks, "warn", 4));
	opt.seed = cmdline_number("seed", 0x5eed0001);
	opt.rounds = cmdline_number("rounds", opt.long_mode ? 6000 : 1500);
	opt.calls = cmdline_number("calls", opt.long_mode ? 400 : 300);
}

static const struct guest_test tests[] = {
	{ "hostile_sweep_bad_arguments", test_sweep },
	{ "hostile_sweep_calls_that_block", test_sweep_blocking_in_children },
	{ "hostile_fuzz_regressions", test_fuzz_regressions },
	{ "hostile_fuzz_random", test_fuzz_random },
};

int main(uint64_t arg)
{
	if (arg != ROOT_BOOTINFO_VADDR)
		return fuzz_child_main(arg);
	bi = (const struct pith_bootinfo *)(uintptr_t)arg;
	if (bi->magic != BOOTINFO_MAGIC) {
		printf("hostile: bad boot info\n");
		return 1;
	}
	read_options();
	printf("hostile: %s mode on %s, leaks %s\n", opt.long_mode ? "long" : "short",
	       bi->arch, opt.leaks_fatal ? "fail the test" : "are reported only");
	return guest_run_tests(GUEST_TESTS(tests), NULL);
}
