/*
 * Self-tests of trap handling and the tick: traps taken in kernel mode at
 * exception-table sites are decoded into the right kind and resumed; the
 * periodic timer interrupt arrives at the configured rate.
 */
#include "arch.h"
#include "selftest.h"
#include "timer.h"

static bool probe(enum trap_kind kind, vaddr_t addr)
{
	trap_last_fixup = (struct trap_info){ 0 };
	vaddr_t pc = arch_probe_trap(kind, addr);

	kprintf("  %s at %p -> %s, addr %p\n", trap_kind_name(kind), (void *)pc,
		trap_kind_name(trap_last_fixup.kind),
		(void *)trap_last_fixup.addr);
	CHECK(pc != 0);
	CHECK(trap_last_fixup.kind == kind);
	CHECK(trap_last_fixup.pc == pc);
	return true;
}

bool test_trap_breakpoint(void)
{
	return probe(TRAP_BREAKPOINT, 0);
}

bool test_trap_illegal(void)
{
	return probe(TRAP_ILLEGAL, 0);
}

bool test_trap_page_fault(void)
{
	/* Never mapped: the kmap window is empty but for the pt test. */
	const vaddr_t va = ARCH_KMAP_BASE + 0x200000 + 0x18;

	CHECK(probe(TRAP_PAGE_FAULT, va));
	CHECK(trap_last_fixup.addr == va);
	CHECK(trap_last_fixup.access == TRAP_ACCESS_READ);
	return true;
}

/*
 * Twenty ticks must arrive within five seconds, and not much faster than
 * the programmed rate: at least half the time 19 periods take. The margin
 * is wide on purpose: under TCG on a loaded host the emulated timer can
 * fire late and then catch up in a burst, so a tight bound would be a
 * timing test that fails on a slow machine; a timer programmed for 4x the
 * rate (or more) still fails it.
 */
bool test_timer_ticks(void)
{
	const uint64_t limit = 5000000000ull;
	uint64_t t0 = arch_clock_ns(), k0 = timer_ticks, now = t0;

	while (timer_ticks < k0 + 20 && (now = arch_clock_ns()) - t0 < limit)
		;
	uint64_t k1 = timer_ticks;
	kprintf("  %llu ticks in %llu us\n", (unsigned long long)(k1 - k0),
		(unsigned long long)((now - t0) / 1000));
	CHECK(now >= t0);
	CHECK(k1 >= k0 + 20);
	CHECK(now - t0 >= 19ull * 1000000000ull / TIMER_HZ / 2);
	return true;
}
