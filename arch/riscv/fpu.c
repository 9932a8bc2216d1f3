/*
 * RISC-V F and D registers per task (contract in kernel/include/arch.h).
 *
 * sstatus.FS tells the kernel what the user did with f0-f31 and fcsr
 * since they were loaded: Initial (never used: all zero), Clean (the
 * task's struct arch_fpu is current), Dirty (written since). Each task's
 * FS lives in the sstatus of its trap frame: the trap entry saves it and
 * turns FP off for the kernel (FS = Off, so a stray FP instruction in the
 * kernel traps instead of clobbering a task's registers); trap_return
 * puts it back. So a task is saved only when it leaves the hart Dirty
 * (and is Clean from then on), and loaded only when the registers do not
 * hold its values already. riscv_fpu_live names what they hold: a task's
 * struct arch_fpu, or riscv_fpu_zero_id for the all-zero registers every
 * task whose FS is still Initial may share.
 *
 * Entry points: arch_fpu_init, arch_fpu_copy, and the slow paths of the
 * inline arch_fpu_leave / arch_fpu_enter (arch/inline.h). The register
 * moves themselves are in fpu.S, the one file assembled with F and D.
 */
#include "riscv.h"

const void *riscv_fpu_live;
const char riscv_fpu_zero_id;

static void set_fs(struct trap_frame *tf, unsigned long fs)
{
	/* SD is the hardware's summary of a Dirty FS; arch_fpu_leave tests
	 * the saved copy, so it must follow. */
	tf->sstatus &= ~(SSTATUS_FS | SSTATUS_SD);
	tf->sstatus |= fs | (fs == SSTATUS_FS_DIRTY ? SSTATUS_SD : 0);
}

void arch_fpu_init(struct arch_fpu *fpu)
{
	*fpu = (struct arch_fpu){ .id = &riscv_fpu_zero_id };
}

void riscv_fpu_leave_dirty(struct arch_fpu *fpu, struct trap_frame *tf)
{
	/* Dirty means the task wrote the registers in user mode, which it
	 * can only do while they hold its values. */
	riscv_fpu_save(fpu);
	set_fs(tf, SSTATUS_FS_CLEAN);
	fpu->id = fpu;
	riscv_fpu_live = fpu;
}

void riscv_fpu_enter_slow(struct arch_fpu *fpu)
{
	if (fpu->id == &riscv_fpu_zero_id)
		riscv_fpu_zero();
	else
		riscv_fpu_load(fpu);
	riscv_fpu_live = fpu->id;
}

void arch_fpu_copy(struct arch_fpu *dst, struct trap_frame *dst_tf,
		   struct arch_fpu *src, struct trap_frame *src_tf)
{
	/* Only the caller can be Dirty here: everybody else was saved on
	 * leaving the hart. */
	if (src_tf->sstatus & SSTATUS_SD)
		riscv_fpu_leave_dirty(src, src_tf);
	*dst = *src;
	if (dst->id != &riscv_fpu_zero_id)
		dst->id = dst;
	/* dst may reuse a dead task's memory whose values are still live. */
	if (riscv_fpu_live == dst)
		riscv_fpu_live = NULL;
	set_fs(dst_tf, src_tf->sstatus & SSTATUS_FS);
}
