/*
 * Portable description of a trap. Each arch decodes its cause registers
 * (scause/stval on RISC-V, vector/error code/CR2 on x86) into a struct
 * trap_info; the portable kernel decides what to do with it. The same kinds
 * will travel to user pagers in fault messages.
 */
#ifndef PITH_TRAP_H
#define PITH_TRAP_H

#include "types.h"

enum trap_kind {
	TRAP_NONE = 0,
	TRAP_PAGE_FAULT,  /* access to an unmapped or protected address */
	TRAP_ILLEGAL,     /* illegal / undefined instruction */
	TRAP_BREAKPOINT,  /* ebreak / int3 */
	TRAP_MISALIGNED,  /* misaligned access the hardware refuses */
	TRAP_DIVIDE,      /* integer divide error (x86) */
	TRAP_PROTECTION,  /* general protection, privileged instruction */
	TRAP_MACHINE,     /* double fault, machine check, NMI: fatal */
	TRAP_OTHER,
};

/* Access bits of a fault. */
#define TRAP_ACCESS_READ  1u
#define TRAP_ACCESS_WRITE 2u
#define TRAP_ACCESS_EXEC  4u

struct trap_info {
	enum trap_kind kind;
	unsigned access;   /* TRAP_ACCESS_* for page faults, else 0 */
	vaddr_t addr;      /* faulting data address, or 0 */
	vaddr_t pc;        /* address of the trapping instruction */
	uint64_t cause;    /* the raw arch cause (scause / vector), for logs */
};

struct trap_frame;

/*
 * Called by the arch for an exception taken in kernel mode. If the pc has an
 * exception-table fixup, records the trap in trap_last_fixup and moves the
 * frame's pc to the fixup; otherwise reports the trap and panics.
 */
void trap_kernel(struct trap_frame *tf, const struct trap_info *ti);

/*
 * Called by the arch for traps from user mode (contract in arch.h), with
 * interrupts disabled, on the current task's kernel stack:
 *   a system call: its row of syscall_table (kernel/include/syscall.h):
 *                  the handler itself for a lean call, else the row's
 *                  entry (syscall_dispatch, the IPC fast path), which
 *                  ends with user_return itself, so the arch returns to
 *                  user at once;
 *   trap_user      an exception (kernel/fault.c);
 *   irq_dispatch   a device interrupt line (kernel/notification.c), also
 *                  from kernel mode (the idle loop);
 *   user_return    last thing before the user registers are restored; may
 *                  switch tasks (kernel/sched.c).
 */
void trap_user(struct trap_frame *tf, const struct trap_info *ti);
void irq_dispatch(unsigned line);
void user_return(struct trap_frame *tf);

/* The last trap resolved through the exception table (self-tests read it). */
extern struct trap_info trap_last_fixup;

const char *trap_kind_name(enum trap_kind kind);

/*
 * Exception table: pairs (instruction that may fault, where to resume).
 * Arch assembly emits entries into the __extable section; the linker
 * scripts collect them between __extable_start and __extable_end.
 */
struct extable_entry {
	vaddr_t insn;
	vaddr_t fixup;
};

#endif
