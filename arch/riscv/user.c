/*
 * RISC-V side of user mode: kernel contexts, fresh user frames and the
 * system call register convention (a7 = number, a0..a5 in, a0..a5 out).
 * The stack for traps from user mode needs no setting (arch_set_kernel_stack
 * in arch/inline.h is empty): trap_return points sscratch at the top of
 * the frame it returns from, which is the top of the current task's
 * kernel stack.
 */
#include "riscv.h"

void arch_context_init(struct arch_context *ctx, uintptr_t kstack_top,
		       void (*fn)(void))
{
	*ctx = (struct arch_context){ 0 };
	ctx->ra = (uintptr_t)fn;
	ctx->sp = kstack_top & ~(uintptr_t)15;
}

void arch_user_frame_init(struct trap_frame *tf, vaddr_t pc, vaddr_t sp,
			  uint64_t arg)
{
	*tf = (struct trap_frame){ 0 };
	tf->sepc = pc;
	TF_SP(tf) = sp;
	tf->regs[9] = arg;             /* a0 */
	/* SPP = 0: user; interrupts on there; FP registers in their initial
	 * state (all zero, arch_fpu_init), nothing to save until written. */
	tf->sstatus = SSTATUS_SPIE | SSTATUS_FS_INITIAL;
}

_Static_assert(sizeof(struct sysregs) == 8 * 8, "a0..a7");
