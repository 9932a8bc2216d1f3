/*
 * Self-test runner. Before the tests, "crash=<kind>" on the command line
 * makes the kernel take an unexpected trap of that kind, so the harness can
 * check that kernel traps are reported (and never hang); "crash=stack"
 * and "crash=idle-stack" overflow a task's kernel stack / the idle stack.
 */
#include "arch.h"
#include "kstring.h"
#include "selftest.h"

const struct boot_info *selftest_boot_info;

static const struct {
	const char *name;
	bool (*fn)(void);
} tests[] = {
	{ "printf_format", test_printf },
	{ "frames_alloc_free_all", test_frames_all },
	{ "frames_double_free", test_frames_double_free },
	{ "kmem_objects", test_kmem },
	{ "pt_map_translate_unmap", test_pt_user },
	{ "pt_kernel_window", test_pt_kernel_window },
	{ "timer_ticks", test_timer_ticks },
	{ "trap_breakpoint", test_trap_breakpoint },
	{ "trap_illegal_instruction", test_trap_illegal },
	{ "trap_page_fault", test_trap_page_fault },
	{ "bootimage_files", test_bootimage },
	{ "kstack_guard_slots", test_kstack_slots },
};

static void maybe_crash(const struct boot_info *bi)
{
	static const struct {
		const char *name;
		enum trap_kind kind;
	} kinds[] = {
		{ "illegal", TRAP_ILLEGAL },
		{ "access", TRAP_PAGE_FAULT },
		{ "breakpoint", TRAP_BREAKPOINT },
	};
	char want[16];

	if (!boot_cmdline_get(bi, "crash", want, sizeof(want)))
		return;
	if (strcmp(want, "stack") == 0 || strcmp(want, "idle-stack") == 0) {
		kprintf("selftest: crashing on purpose (%s)\n", want);
		selftest_crash_stack(want[0] == 'i');
	}
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (strcmp(want, kinds[i].name) == 0) {
			kprintf("selftest: crashing on purpose (%s)\n", want);
			arch_crash(kinds[i].kind);
		}
	kprintf("selftest: unknown crash kind \"%s\"\n", want);
}

void selftest_run(const struct boot_info *bi)
{
	unsigned passed = 0, failed = 0;

	selftest_boot_info = bi;
	maybe_crash(bi);
	for (size_t i = 0; i < ARRAY_SIZE(tests); i++) {
		bool ok = tests[i].fn();
		kprintf("TEST %s %s\n", tests[i].name, ok ? "PASS" : "FAIL");
		ok ? passed++ : failed++;
	}
	kprintf("%u passed, %u failed\n", passed, failed);
	arch_poweroff(failed == 0 && passed > 0 ? 0 : 1);
}
