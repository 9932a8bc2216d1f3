/*
 * RISC-V system call trap (program entry is crt0.S). pith_syscall(nr, r): a7 = nr,
 * a0..a5 = r[0..5]; after ecall the kernel has put the results in a0..a5
 * and left every other register alone, so t0 still holds r.
 */
/* C call (nr, r0..r4) in a0..a5 -> system call (a7 = nr, a0..a4), trap. */
.macro SYSCALL5
	mv	a7, a0
	mv	a0, a1
	mv	a1, a2
	mv	a2, a3
	mv	a3, a4
	mv	a4, a5
	ecall
.endm

	.text
	.globl pith_syscall
pith_syscall:
	mv	a7, a0
	mv	t0, a1
	ld	a0, 0(t0)
	ld	a1, 8(t0)
	ld	a2, 16(t0)
	ld	a3, 24(t0)
	ld	a4, 32(t0)
	ld	a5, 40(t0)
	ecall
	sd	a0, 0(t0)
	sd	a1, 8(t0)
	sd	a2, 16(t0)
	sd	a3, 24(t0)
	sd	a4, 32(t0)
	sd	a5, 40(t0)
	ret

/*
 * long pith_syscall5(nr, r0, r1, r2, r3, r4): the lean form for hot paths
 * and benchmarks: arguments in registers, only r0 comes back.
 * uint64_t pith_counter(void): retired instructions (rdinstret; user
 * access is granted by the kernel through scounteren).
 */
	.text
	.globl pith_syscall5
pith_syscall5:
	SYSCALL5
	ret

	.globl pith_counter
pith_counter:
	rdinstret a0
	ret

/*
 * long pith_thread_clone_raw(src, args, fn, arg): SYS_TASK_CLONE; the
 * child, whose copy of the registers has a0 = args->retval
 * (PITH_THREAD_CHILD, set by pith_thread_clone) and sp = the new stack,
 * calls fn(arg) and exits with its result. fn and arg ride in s1 and s2,
 * which the child's register copy carries too.
 */
	.globl pith_thread_clone_raw
pith_thread_clone_raw:
	addi	sp, sp, -32
	sd	s1, 0(sp)
	sd	s2, 8(sp)
	mv	s1, a2
	mv	s2, a3
	li	a7, 25			/* SYS_TASK_CLONE */
	ecall
	li	t0, 0x7c10		/* PITH_THREAD_CHILD */
	beq	a0, t0, 1f
	ld	s1, 0(sp)
	ld	s2, 8(sp)
	addi	sp, sp, 32
	ret
1:	li	s0, 0			/* child, on its own stack */
	mv	a0, s2
	jalr	s1
	call	sys_task_exit
2:	j	2b

	.globl pith_illegal_instruction
pith_illegal_instruction:
	.option push
	.option norvc
	unimp
	.option pop
	ret

	.globl pith_breakpoint
pith_breakpoint:
	ebreak
	ret

/*
 * long pith_ipc(nr, ep, info, w0, w1, w2, struct msg *m): an IPC system
 * call whose answer is a message: r0 comes back, and badge, info and
 * w0..w2 (a1..a5) are stored in *m (meaningful when r0 is 0).
 */
	.globl pith_ipc
pith_ipc:
	mv	t0, a6
	SYSCALL5
	sd	a1, 0(t0)
	sd	a2, 8(t0)
	sd	a3, 16(t0)
	sd	a4, 24(t0)
	sd	a5, 32(t0)
	ret

	/* uint64_t pith_tls_word0(void): the word the thread pointer points at. */
	.globl pith_tls_word0
pith_tls_word0:
	ld	a0, 0(tp)
	ret

	/* long pith_divide_by_zero(long x): x / 0. RISC-V does not trap: the
	 * quotient of a division by zero is all ones. */
	.globl pith_divide_by_zero
pith_divide_by_zero:
	div	a0, a0, zero
	ret

/*
 * The process server's threads (libc/proc/thread.c).
 * uintptr_t __pith_thread_pointer(void): tp, the thread's TCB.
 */
	.globl __pith_thread_pointer
__pith_thread_pointer:
	mv	a0, tp
	ret

/*
 * long __pith_clone_call(flags, stack, tls, fn, arg, uint64_t *w0): the
 * PROC_CLONE call (SYS_CALL on PROC_SLOT_PROCSRV; words 3..4 are already
 * in the caller's IPC buffer). The parent gets the call's status back and
 * the answer's w0 (a3) in *w0. The child resumes here with a0 =
 * PROC_CHILD_RETURN on its new stack, where nothing of the caller's
 * frames is: it must not return into C. fn and arg ride in s1 and s2,
 * which its register copy carries, to __pith_thread_start(fn, arg).
 */
	.globl __pith_clone_call
__pith_clone_call:
	addi	sp, sp, -32
	sd	s1, 0(sp)
	sd	s2, 8(sp)
	sd	s3, 16(sp)
	mv	s1, a3
	mv	s2, a4
	mv	s3, a5
	mv	a4, a2			/* w2 = tls */
	mv	a3, a1			/* w1 = stack */
	mv	a2, a0			/* w0 = flags */
	li	a0, 1			/* PROC_SLOT_PROCSRV */
	li	a1, 0x40005		/* MSG_INFO(PROC_CLONE, 5, 0) */
	li	a7, 18			/* SYS_CALL */
	ecall
	li	t0, 1			/* PROC_CHILD_RETURN */
	beq	a0, t0, 1f
	sd	a3, 0(s3)
	ld	s1, 0(sp)
	ld	s2, 8(sp)
	ld	s3, 16(sp)
	addi	sp, sp, 32
	ret
1:	andi	sp, sp, -16		/* the child */
	li	s0, 0
	li	ra, 0
	mv	a0, s1
	mv	a1, s2
	call	__pith_thread_start
2:	j	2b
