/*
 * In-kernel self-tests, linked only into pith-selftest.elf. Each test
 * returns true on success; CHECK() reports the failing condition and
 * returns false. The runner prints "TEST <name> PASS|FAIL" per test and
 * "N passed, N failed", then powers off with the matching status.
 */
#ifndef PITH_SELFTEST_H
#define PITH_SELFTEST_H

#include "bootinfo.h"
#include "console.h"

#define CHECK(c)                                                         \
	do {                                                             \
		if (!(c)) {                                              \
			kprintf("  check failed: %s (%s:%d)\n", #c,      \
				__FILE__, __LINE__);                     \
			return false;                                    \
		}                                                        \
	} while (0)

noreturn void selftest_run(const struct boot_info *bi);

/* The boot info, for tests that need it. */
extern const struct boot_info *selftest_boot_info;

bool test_frames_all(void);
bool test_frames_double_free(void);
bool test_kmem(void);
bool test_pt_user(void);
bool test_pt_kernel_window(void);
bool test_timer_ticks(void);
bool test_trap_breakpoint(void);
bool test_trap_illegal(void);
bool test_trap_page_fault(void);
bool test_bootimage(void);
bool test_printf(void);
bool test_kstack_slots(void);

/* crash=stack / crash=idle-stack: overflow a task's kernel stack / the
 * idle stack (test_kstack.c). */
noreturn void selftest_crash_stack(bool idle);

#endif
