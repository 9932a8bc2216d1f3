/*
 * RISC-V trap vector (stvec, direct mode) and the way back.
 *
 * On any trap the hart has cleared sstatus.SIE (SPIE keeps the old value),
 * recorded the previous mode in sstatus.SPP and the pc in sepc. sscratch
 * tells where we came from: while a task runs in user mode it holds the
 * top of that task's kernel stack; while the kernel runs it is 0. So one
 * csrrw both finds the kernel stack and detects a trap from user mode,
 * without touching any other register (all of them are the user's).
 *
 * Saving sstatus also turns FP off (FS = Off) for the kernel, which has
 * none: a stray FP instruction traps instead of touching a task's
 * registers, and the task's FS (arch/riscv/fpu.c tracks its FP state with
 * it) stays in the frame until trap_return writes it back.
 *
 * Either way a struct trap_frame (arch/frame.h) is built, riscv_trap(frame)
 * is called, and trap_return restores the frame and srets. Returning to
 * user mode re-arms sscratch with the stack top above the frame.
 *
 * From the kernel, sp may have run into the guard page below a kernel
 * stack (kernel/include/kstack.h): then the frame is built on the
 * emergency stack instead, so that the overflow can be reported.
 *
 * System calls go by their row in syscall_table (kernel/include/syscall.h).
 * A lean call (kernel/syscall.c: its handler never leaves the CPU and
 * reads no register beyond a0..a5) takes a shorter way: only the
 * registers a C call may change (ra, t0-t6, a0-a7) and sp, sepc, sstatus
 * are saved; the handler is called from here; the same registers come
 * back and sret. gp, tp and s0-s11 stay in the hart throughout (the
 * kernel never uses gp or tp, and C code gives s0-s11 back), so nothing
 * can see them missing from the frame: nobody else runs meanwhile. If
 * the handler made sched_need_resched true, they are stored after all
 * and the ordinary way out is taken (user_return may switch tasks).
 * Other calls save the whole frame and go to the row's entry function,
 * as every other trap from user mode saves the whole frame
 * (docs/decisions.md, 2).
 */
#include <arch/asm.h>
#include "syscall.h"

#define TF_SIZE 288
#define SSTATUS_SPP 0x100
#define SSTATUS_FS 0x6000

/* The registers a C call may change, but x2 (sp) and x5 (t0), which the
 * entry saves first: ra, t1-t2, a0-a7, t3-t6. */
.macro SAVE_CALLER
	sd	x1, 0*8(sp)
	sd	x6, 5*8(sp)
	sd	x7, 6*8(sp)
	.irp n, 10, 11, 12, 13, 14, 15, 16, 17, 28, 29, 30, 31
	sd	x\n, (\n - 1)*8(sp)
	.endr
.endm

/* Those and t0, back from the frame (sp is the caller's to load). */
.macro LOAD_CALLER
	ld	x1, 0*8(sp)
	.irp n, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17, 28, 29, 30, 31
	ld	x\n, (\n - 1)*8(sp)
	.endr
.endm

/* The rest: gp, tp, s0-s11. */
.macro SAVE_CALLEE
	.irp n, 3, 4, 8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27
	sd	x\n, (\n - 1)*8(sp)
	.endr
.endm

.macro LOAD_CALLEE
	.irp n, 3, 4, 8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27
	ld	x\n, (\n - 1)*8(sp)
	.endr
.endm

	.text
	.balign 4
	.globl trap_vector
trap_vector:
	csrrw	sp, sscratch, sp
	bnez	sp, .Lfrom_user
	/* From the kernel: take sp back; sscratch (0) lends itself to x5
	 * while we look at sp. */
	csrrw	sp, sscratch, sp
	csrw	sscratch, x5
	/* A kernel stack overflow: sp in the kernel stack area and not a
	 * frame's worth above its slot's guard, i.e. the offset of sp - 1 in
	 * the slot is below guard + 512. Saving the frame there would fault
	 * again, forever; go to the emergency stack instead. */
	li	x5, ASM_KSTACK_BASE + 1
	sub	x5, sp, x5
	srli	x5, x5, ASM_KSTACK_AREA_SHIFT
	bnez	x5, .Lkernel_stack_ok	/* outside the area */
	li	x5, ASM_KSTACK_BASE + 1
	sub	x5, sp, x5
	slli	x5, x5, 64 - ASM_KSTACK_SLOT_SHIFT
	srli	x5, x5, 64 - ASM_KSTACK_SLOT_SHIFT + 9
	sltiu	x5, x5, ASM_KSTACK_GUARD / 512 + 1
	bnez	x5, .Lkernel_stack_overflow
.Lkernel_stack_ok:
	csrrw	x5, sscratch, zero	/* x5 back, sscratch 0 again */
	addi	sp, sp, -TF_SIZE
	sd	x5, 4*8(sp)
	addi	x5, sp, TF_SIZE		/* the interrupted sp */
	sd	x5, 1*8(sp)
	j	.Lsave_rest
.Lkernel_stack_overflow:
	/* The frame goes on the emergency stack, with the interrupted sp
	 * in it as usual; trap_kernel then reports the overflow. (A trap
	 * that only came close to the guard is handled there and returns:
	 * kernel-mode traps never switch tasks, so nothing else can land on
	 * the emergency stack meanwhile.) */
	mv	x5, sp
	lla	sp, riscv_emergency_stack_top
	addi	sp, sp, -TF_SIZE
	sd	x5, 1*8(sp)
	csrrw	x5, sscratch, zero
	sd	x5, 4*8(sp)
	j	.Lsave_rest
.Lfrom_user:
	/* sp = kernel stack top, sscratch = user sp. */
	addi	sp, sp, -TF_SIZE
	sd	x5, 4*8(sp)
	csrr	x5, sscratch
	sd	x5, 1*8(sp)
	csrw	sscratch, zero		/* in the kernel now */
	SAVE_CALLER
	csrr	t0, scause
	li	t1, 8			/* ecall from U-mode: a system call */
	bne	t0, t1, .Luser_trap
	csrr	t0, sepc
	addi	t0, t0, 4		/* resume after the ecall */
	sd	t0, 31*8(sp)
	li	t1, SSTATUS_FS
	csrrc	t0, sstatus, t1		/* save it and turn FP off */
	sd	t0, 32*8(sp)
	/* a7 = the number: its row of syscall_table, {handler, full}. */
	li	t0, SYSCALL_TABLE_SIZE
	bgeu	a7, t0, .Lsyscall_bad
	slli	t0, a7, SYSCALL_ROW_SHIFT
	lla	t1, syscall_table
	add	t0, t0, t1
	ld	t1, SYSCALL_ROW_FULL(t0)
	bnez	t1, .Lsyscall
	/* Lean: the handler, r0, and back unless need_resched. */
	ld	t0, 0(t0)
	addi	a0, sp, 9*8		/* struct sysregs: a0..a7 in the frame */
	jalr	t0
	sd	a0, 9*8(sp)		/* r0 */
	lla	t0, sched_need_resched
	lbu	t0, 0(t0)
	bnez	t0, .Llean_resched
	/* Back to user mode: SPP is 0, sstatus gives the task its FS back. */
	ld	t0, 32*8(sp)
	csrw	sstatus, t0
	ld	t0, 31*8(sp)
	csrw	sepc, t0
	addi	t0, sp, TF_SIZE		/* re-arm sscratch */
	csrw	sscratch, t0
	LOAD_CALLER
	ld	x2, 1*8(sp)		/* last: sp itself */
	sret

.Llean_resched:
	/* s0-s11, gp, tp are still the task's: complete the frame, since
	 * user_return may switch tasks. */
	SAVE_CALLEE
	mv	a0, sp
	call	user_return
	j	trap_return

.Lsyscall_bad:
	lla	t1, syscall_dispatch	/* -ENOSYS */
.Lsyscall:
	/* The whole frame, then the row's entry (t1): syscall_dispatch or
	 * the IPC fast path, which end with user_return. */
	SAVE_CALLEE
	mv	a0, sp
	jalr	t1
	j	trap_return

.Luser_trap:
	/* An exception or interrupt from user mode: the whole frame. */
	SAVE_CALLEE
	j	.Lsave_status

.Lsave_rest:
	SAVE_CALLER
	SAVE_CALLEE
.Lsave_status:
	csrr	t0, sepc
	sd	t0, 31*8(sp)
	li	t1, SSTATUS_FS
	csrrc	t0, sstatus, t1		/* save it and turn FP off */
	sd	t0, 32*8(sp)
	csrr	t0, scause
	sd	t0, 33*8(sp)
	csrr	t0, stval
	sd	t0, 34*8(sp)

	mv	a0, sp
	call	riscv_trap
	j	trap_return

	/* arch_enter_user(tf): tf is at the top of the current kernel stack. */
	.globl arch_enter_user
arch_enter_user:
	mv	sp, a0

	/* Restore the frame at sp and sret. Interrupts are off throughout. */
	.globl trap_return
trap_return:
	ld	t0, 32*8(sp)
	andi	t1, t0, SSTATUS_SPP
	bnez	t1, 1f
	addi	t1, sp, TF_SIZE		/* back to user: re-arm sscratch */
	csrw	sscratch, t1
1:	csrw	sstatus, t0
	ld	t0, 31*8(sp)		/* the handler may have moved it */
	csrw	sepc, t0
	LOAD_CALLER
	LOAD_CALLEE
	ld	x2, 1*8(sp)		/* last: sp itself */
	sret

	/* For traps taken on an overflowed kernel stack (one CPU). */
	.section .bss.emergency_stack, "aw", @nobits
	.balign 16
riscv_emergency_stack:
	.space	8192
riscv_emergency_stack_top:
