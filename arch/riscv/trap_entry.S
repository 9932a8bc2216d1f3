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
 */
#include <arch/asm.h>

#define TF_SIZE 288
#define SSTATUS_SPP 0x100
#define SSTATUS_FS 0x6000

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
.Lsave_rest:
	sd	x1, 0*8(sp)
	sd	x3, 2*8(sp)
	sd	x4, 3*8(sp)
	sd	x6, 5*8(sp)
	sd	x7, 6*8(sp)
	sd	x8, 7*8(sp)
	sd	x9, 8*8(sp)
	sd	x10, 9*8(sp)
	sd	x11, 10*8(sp)
	sd	x12, 11*8(sp)
	sd	x13, 12*8(sp)
	sd	x14, 13*8(sp)
	sd	x15, 14*8(sp)
	sd	x16, 15*8(sp)
	sd	x17, 16*8(sp)
	sd	x18, 17*8(sp)
	sd	x19, 18*8(sp)
	sd	x20, 19*8(sp)
	sd	x21, 20*8(sp)
	sd	x22, 21*8(sp)
	sd	x23, 22*8(sp)
	sd	x24, 23*8(sp)
	sd	x25, 24*8(sp)
	sd	x26, 25*8(sp)
	sd	x27, 26*8(sp)
	sd	x28, 27*8(sp)
	sd	x29, 28*8(sp)
	sd	x30, 29*8(sp)
	sd	x31, 30*8(sp)
	csrr	t0, sepc
	sd	t0, 31*8(sp)
	li	t1, SSTATUS_FS
	csrrc	t0, sstatus, t1		/* save it and turn FP off */
	sd	t0, 32*8(sp)
	csrr	t0, scause
	sd	t0, 33*8(sp)
	li	t1, 8			/* ecall from U-mode: a system call */
	beq	t0, t1, .Lsyscall
	csrr	t0, stval
	sd	t0, 34*8(sp)

	mv	a0, sp
	call	riscv_trap
	j	trap_return

.Lsyscall:
	/* The straight way for system calls: no cause decoding. */
	ld	t0, 31*8(sp)
	addi	t0, t0, 4		/* resume after the ecall */
	sd	t0, 31*8(sp)
	mv	a0, sp
	call	syscall_entry
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
	ld	x1, 0*8(sp)
	ld	x3, 2*8(sp)
	ld	x4, 3*8(sp)
	ld	x5, 4*8(sp)
	ld	x6, 5*8(sp)
	ld	x7, 6*8(sp)
	ld	x8, 7*8(sp)
	ld	x9, 8*8(sp)
	ld	x10, 9*8(sp)
	ld	x11, 10*8(sp)
	ld	x12, 11*8(sp)
	ld	x13, 12*8(sp)
	ld	x14, 13*8(sp)
	ld	x15, 14*8(sp)
	ld	x16, 15*8(sp)
	ld	x17, 16*8(sp)
	ld	x18, 17*8(sp)
	ld	x19, 18*8(sp)
	ld	x20, 19*8(sp)
	ld	x21, 20*8(sp)
	ld	x22, 21*8(sp)
	ld	x23, 22*8(sp)
	ld	x24, 23*8(sp)
	ld	x25, 24*8(sp)
	ld	x26, 25*8(sp)
	ld	x27, 26*8(sp)
	ld	x28, 27*8(sp)
	ld	x29, 28*8(sp)
	ld	x30, 29*8(sp)
	ld	x31, 30*8(sp)
	ld	x2, 1*8(sp)		/* last: sp itself */
	sret

	/* For traps taken on an overflowed kernel stack (one CPU). */
	.section .bss.emergency_stack, "aw", @nobits
	.balign 16
riscv_emergency_stack:
	.space	8192
riscv_emergency_stack_top:
