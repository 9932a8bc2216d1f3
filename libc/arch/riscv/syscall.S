/*
 * RISC-V system call trap and program entry. pith_syscall(nr, r): a7 = nr,
 * a0..a5 = r[0..5]; after ecall the kernel has put the results in a0..a5
 * and left every other register alone, so t0 still holds r.
 */
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

	/* Entry: a0 = the argument the creator passed, sp = stack top. */
	.section .text.start, "ax"
	.globl _start
_start:
	li	s0, 0			/* ends backtraces */
	li	ra, 0
	call	main
	call	sys_task_exit
1:	j	1b
