/*
 * Portable trap policy for traps taken in kernel mode. The kernel touches
 * memory that may fault only at places listed in the exception table (the
 * user-copy routines, self-test probes); a trap anywhere else is a kernel
 * bug and panics with a full report; one on a kernel stack's guard page
 * is reported as a kernel stack overflow (kernel/kstack.c).
 */
#include "arch.h"
#include "kstack.h"
#include "panic.h"
#include "trap.h"

extern const struct extable_entry __extable_start[], __extable_end[];

struct trap_info trap_last_fixup;

static const struct extable_entry *extable_find(vaddr_t pc)
{
	for (const struct extable_entry *e = __extable_start; e < __extable_end; e++)
		if (e->insn == pc)
			return e;
	return NULL;
}

void trap_kernel(struct trap_frame *tf, const struct trap_info *ti)
{
	const struct extable_entry *e;

	/* First, so that no fixup (a user copy into an overflowing buffer
	 * on the stack) hides an overflow. */
	kstack_check_trap(tf, ti);
	e = extable_find(ti->pc);

	if (!e || ti->kind == TRAP_MACHINE)
		panic_trap(tf, ti);
	trap_last_fixup = *ti;
	arch_frame_set_pc(tf, e->fixup);
}

const char *trap_kind_name(enum trap_kind kind)
{
	static const char *const names[] = {
		[TRAP_NONE] = "no trap",
		[TRAP_PAGE_FAULT] = "page fault",
		[TRAP_ILLEGAL] = "illegal instruction",
		[TRAP_BREAKPOINT] = "breakpoint",
		[TRAP_MISALIGNED] = "misaligned access",
		[TRAP_DIVIDE] = "divide error",
		[TRAP_PROTECTION] = "protection fault",
		[TRAP_MACHINE] = "machine fault",
		[TRAP_OTHER] = "unknown trap",
	};

	if ((unsigned)kind < ARRAY_SIZE(names) && names[kind])
		return names[kind];
	return "unknown trap";
}
