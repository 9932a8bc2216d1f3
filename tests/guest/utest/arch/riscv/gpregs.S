/*
 * RISC-V body of tests/guest/utest/gpregs.h: x1 x3 x5-x9 x16 x18-x31
 * filled with seed * 64 + i around one system call, then checked.
 */
#include "../../gpregs.h"

#define KEPT 1, 3, 5, 6, 7, 8, 9, 16, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31

	.text
	.globl gpregs_syscall
gpregs_syscall:
	addi	sp, sp, -128
	sd	ra, 0(sp)
	sd	gp, 8(sp)
	sd	s0, 16(sp)
	sd	s1, 24(sp)
	sd	s2, 32(sp)
	sd	s3, 40(sp)
	sd	s4, 48(sp)
	sd	s5, 56(sp)
	sd	s6, 64(sp)
	sd	s7, 72(sp)
	sd	s8, 80(sp)
	sd	s9, 88(sp)
	sd	s10, 96(sp)
	sd	s11, 104(sp)
	sd	a5, 112(sp)		/* ret */
	sd	a0, 120(sp)		/* seed */
	mv	a7, a1
	mv	a0, a2
	mv	a1, a3
	mv	a2, a4
	li	a3, 0
	li	a4, 0
	li	a5, 0
	.irp n, KEPT
	ld	x\n, 120(sp)
	slli	x\n, x\n, 6
	addi	x\n, x\n, \n
	.endr
	ecall
	ld	a1, 112(sp)
	sd	a0, 0(a1)
	.irp n, KEPT
	ld	a1, 120(sp)
	slli	a1, a1, 6
	addi	a1, a1, \n
	li	a0, \n + 1
	bne	x\n, a1, 9f
	.endr
	li	a0, 0
9:	ld	ra, 0(sp)
	ld	gp, 8(sp)
	ld	s0, 16(sp)
	ld	s1, 24(sp)
	ld	s2, 32(sp)
	ld	s3, 40(sp)
	ld	s4, 48(sp)
	ld	s5, 56(sp)
	ld	s6, 64(sp)
	ld	s7, 72(sp)
	ld	s8, 80(sp)
	ld	s9, 88(sp)
	ld	s10, 96(sp)
	ld	s11, 104(sp)
	addi	sp, sp, 128
	ret
