/*
 * RISC-V trap dispatch. scause's top bit separates interrupts from
 * exceptions; exceptions are decoded into the portable struct trap_info.
 * Only S-mode traps exist until user mode does; one from U-mode here would
 * be a kernel bug.
 */
#include <arch/asm.h>

#include "console.h"
#include "kstack.h"
#include "panic.h"
#include "riscv.h"
#include "timer.h"

_Static_assert(ASM_TRAP_PAGE_FAULT == TRAP_PAGE_FAULT, "asm.h out of date");
_Static_assert(ASM_TRAP_ILLEGAL == TRAP_ILLEGAL, "asm.h out of date");
_Static_assert(ASM_TRAP_BREAKPOINT == TRAP_BREAKPOINT, "asm.h out of date");
_Static_assert(ASM_KSTACK_BASE == ARCH_KSTACK_BASE &&
	       (1ull << ASM_KSTACK_AREA_SHIFT) == KSTACK_AREA_SIZE &&
	       (1ull << ASM_KSTACK_SLOT_SHIFT) == KSTACK_SLOT_SIZE &&
	       ASM_KSTACK_GUARD == KSTACK_GUARD_PAGES * PAGE_SIZE &&
	       ASM_KSTACK_GUARD % 512 == 0, "asm.h out of date");

#define CAUSE_INTERRUPT (1ull << 63)
#define IRQ_S_TIMER 5
#define IRQ_S_EXTERNAL 9

static struct trap_info decode(const struct trap_frame *tf)
{
	struct trap_info ti = {
		.kind = TRAP_OTHER, .pc = tf->sepc, .cause = tf->scause,
	};

	switch (tf->scause) {
	case 0: case 4: case 6:  /* instruction, load, store misaligned */
		ti.kind = TRAP_MISALIGNED;
		ti.addr = tf->stval;
		break;
	case 2:
		ti.kind = TRAP_ILLEGAL;
		break;
	case 3:
		ti.kind = TRAP_BREAKPOINT;
		break;
	case 1: case 12:         /* instruction access fault / page fault */
		ti.kind = TRAP_PAGE_FAULT;
		ti.access = TRAP_ACCESS_EXEC;
		ti.addr = tf->stval;
		break;
	case 5: case 13:         /* load access fault / page fault */
		ti.kind = TRAP_PAGE_FAULT;
		ti.access = TRAP_ACCESS_READ;
		ti.addr = tf->stval;
		break;
	case 7: case 15:         /* store access fault / page fault */
		ti.kind = TRAP_PAGE_FAULT;
		ti.access = TRAP_ACCESS_WRITE;
		ti.addr = tf->stval;
		break;
	}
	return ti;
}

/* Every trap but a system call (which trap_entry.S sends straight to
 * its row of syscall_table). */
void riscv_trap(struct trap_frame *tf)
{
	bool from_user = !(tf->sstatus & SSTATUS_SPP);

	if (tf->scause & CAUSE_INTERRUPT) {
		if ((tf->scause & 0xff) == IRQ_S_TIMER) {
			/* Re-arm first, then account the tick to whoever it
			 * interrupted (user or kernel mode). */
			riscv_timer_interrupt();
			timer_tick(from_user);
		} else if ((tf->scause & 0xff) == IRQ_S_EXTERNAL)
			riscv_external_interrupt();
		else
			kprintf("riscv: unexpected interrupt %#llx\n",
				(unsigned long long)tf->scause);
	} else {
		struct trap_info ti = decode(tf);
		if (from_user)
			trap_user(tf, &ti);
		else
			trap_kernel(tf, &ti);
	}
	if (from_user)
		user_return(tf);
}

noreturn void riscv_crash_returned(void);
void riscv_crash_returned(void)
{
	panic("arch_crash: the instruction did not trap");
}

vaddr_t arch_frame_pc(const struct trap_frame *tf) { return tf->sepc; }
vaddr_t arch_frame_fp(const struct trap_frame *tf) { return TF_S0(tf); }
vaddr_t arch_frame_sp(const struct trap_frame *tf) { return TF_SP(tf); }
void arch_frame_set_pc(struct trap_frame *tf, vaddr_t pc) { tf->sepc = pc; }

void arch_frame_print(const struct trap_frame *tf)
{
	static const char *const names[31] = {
		"ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0",
		"a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4",
		"s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5",
		"t6",
	};

	for (int i = 0; i < 31; i++)
		kprintf("  %-3s %016llx%s", names[i],
			(unsigned long long)tf->regs[i], i % 4 == 3 ? "\n" : "");
	kprintf("\n  sepc %016llx sstatus %016llx scause %016llx stval %016llx\n",
		(unsigned long long)tf->sepc, (unsigned long long)tf->sstatus,
		(unsigned long long)tf->scause, (unsigned long long)tf->stval);
}
