/*
 * Kernel context switch (arch_context_switch in kernel/include/arch.h):
 * save the callee-saved registers of the running kernel context into
 * *a0, load those of *a1, and return into the other context. The caller
 * has interrupts off. struct arch_context is {ra, sp, s0..s11}.
 */
	.text
	.globl arch_context_switch
arch_context_switch:
	sd	ra, 0*8(a0)
	sd	sp, 1*8(a0)
	sd	s0, 2*8(a0)
	sd	s1, 3*8(a0)
	sd	s2, 4*8(a0)
	sd	s3, 5*8(a0)
	sd	s4, 6*8(a0)
	sd	s5, 7*8(a0)
	sd	s6, 8*8(a0)
	sd	s7, 9*8(a0)
	sd	s8, 10*8(a0)
	sd	s9, 11*8(a0)
	sd	s10, 12*8(a0)
	sd	s11, 13*8(a0)
.Lload:
	ld	ra, 0*8(a1)
	ld	sp, 1*8(a1)
	ld	s0, 2*8(a1)
	ld	s1, 3*8(a1)
	ld	s2, 4*8(a1)
	ld	s3, 5*8(a1)
	ld	s4, 6*8(a1)
	ld	s5, 7*8(a1)
	ld	s6, 8*8(a1)
	ld	s7, 9*8(a1)
	ld	s8, 10*8(a1)
	ld	s9, 11*8(a1)
	ld	s10, 12*8(a1)
	ld	s11, 13*8(a1)
	ret

/*
 * arch_context_leave(from, from_tf, to, to_tf) (kernel/include/arch.h):
 * leave the running kernel context for good. `from` is made to enter
 * riscv_resume_user on the stack just below from_tf the next time
 * arch_context_switch goes to it; its callee-saved registers are not
 * needed there. If `to` left the same way, return to user mode from
 * to_tf directly (trap_return re-arms sscratch from it); else resume
 * `to` as arch_context_switch would.
 */
	.globl arch_context_leave
arch_context_leave:
	lla	t0, riscv_resume_user
	ld	t1, 0*8(a2)
	sd	t0, 0*8(a0)		/* ra */
	sd	a1, 1*8(a0)		/* sp */
	bne	t1, t0, 1f
	mv	sp, a3
	j	trap_return
1:	mv	a1, a2
	j	.Lload

/*
 * A task that left through arch_context_leave resumes here, sp = its
 * trap frame: sched_resume_user(tf) finishes its system call, then back
 * to user mode. s0 = 0 ends kernel backtraces at this frame.
 */
	.globl riscv_resume_user
riscv_resume_user:
	li	s0, 0
	mv	a0, sp
	call	sched_resume_user
	j	trap_return

/*
 * arch_copy_user(dst, src, n): copy with SUM set, so S-mode may touch user
 * pages for exactly this long. Word at a time when both pointers are
 * 8-byte aligned, bytes otherwise. A fault on either side lands in the
 * fixup, which clears SUM and returns -EFAULT.
 */
	.globl arch_copy_user
arch_copy_user:
	li	t1, 1 << 18		/* sstatus.SUM */
	csrs	sstatus, t1
	or	t2, a0, a1
	andi	t2, t2, 7
	bnez	t2, 2f
1:	li	t2, 8
	bltu	a2, t2, 2f
3:	ld	t0, 0(a1)
4:	sd	t0, 0(a0)
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
	j	1b
2:	beqz	a2, 9f
5:	lb	t0, 0(a1)
6:	sb	t0, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	j	2b
9:	csrc	sstatus, t1
	li	a0, 0
	ret
.Lcopy_fault:
	li	t1, 1 << 18
	csrc	sstatus, t1
	li	a0, -14			/* -EFAULT */
	ret
	.pushsection __extable, "a"
	.balign 8
	.quad	3b, .Lcopy_fault
	.quad	4b, .Lcopy_fault
	.quad	5b, .Lcopy_fault
	.quad	6b, .Lcopy_fault
	.popsection
