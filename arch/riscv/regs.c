/*
 * RISC-V task registers for clone, signal frames and debuggers
 * (arch_regs_read/write in kernel/include/arch.h). struct user_regs.gpr[i]
 * is x_i; the thread pointer is tp (x4), part of the trap frame.
 */
#include "riscv.h"
#include "uapi/errno.h"
#include "uapi/task.h"

void arch_regs_read(const struct trap_frame *tf, const struct arch_context *ctx,
		    struct user_regs *out)
{
	(void)ctx;
	*out = (struct user_regs){ 0 };
	for (int i = 1; i < 32; i++)
		out->gpr[i] = tf->regs[i - 1];
	out->pc = tf->sepc;
	out->sp = TF_SP(tf);
	out->tls = tf->regs[3];
}

int arch_regs_write(struct trap_frame *tf, struct arch_context *ctx,
		    const struct user_regs *in)
{
	(void)ctx;
	if (in->pc >= ARCH_USER_TOP || in->sp > ARCH_USER_TOP ||
	    in->tls >= ARCH_USER_TOP)
		return -EINVAL;
	for (int i = 1; i < 32; i++)
		tf->regs[i - 1] = in->gpr[i];
	tf->sepc = in->pc;
	TF_SP(tf) = in->sp;
	tf->regs[3] = in->tls;
	/* Back to user mode, interrupts on there: nothing else is the
	 * user's to choose. FS is the kernel's record of the FP registers
	 * (arch/riscv/fpu.c) and stays. */
	tf->sstatus = SSTATUS_SPIE | (tf->sstatus & (SSTATUS_FS | SSTATUS_SD));
	return 0;
}

void arch_frame_set_retval(struct trap_frame *tf, uint64_t v)
{
	tf->regs[9] = v; /* a0 */
}

void arch_frame_set_sp(struct trap_frame *tf, uint64_t sp)
{
	TF_SP(tf) = sp;
}

void arch_set_tls(struct trap_frame *tf, struct arch_context *ctx, uint64_t tls)
{
	(void)ctx;
	tf->regs[3] = tls; /* tp */
}

uint64_t arch_get_tls(const struct trap_frame *tf, const struct arch_context *ctx)
{
	(void)ctx;
	return tf->regs[3];
}
