/*
 * RISC-V bodies of tests/guest/utest/fpregs.h: f0-f31 and fcsr filled
 * from a seed and checked, around yields or a clone.
 */
#include "../../fpregs.h"

/* f_i = seed + i (raw bits); fcsr = (1 + seed % 4) << 5 | seed % 32. */
.macro FILL seed
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	addi	t0, \seed, \i
	fmv.d.x	f\i, t0
	.endr
	andi	t0, \seed, 3
	addi	t0, t0, 1
	slli	t0, t0, 5
	andi	t1, \seed, 31
	or	t0, t0, t1
	fscsr	t0
.endm

/* a0 = 0 if all match, else 1 + the first wrong register (fcsr: 33). */
.macro CHECK seed
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fmv.x.d	t0, f\i
	addi	t1, \seed, \i
	li	a0, \i + 1
	bne	t0, t1, 9f
	.endr
	andi	t1, \seed, 3
	addi	t1, t1, 1
	slli	t1, t1, 5
	andi	t2, \seed, 31
	or	t1, t1, t2
	frcsr	t0
	li	a0, 33
	bne	t0, t1, 9f
	li	a0, 0
9:
.endm

	.text
	.globl fpregs_yield_check
fpregs_yield_check:
	addi	sp, sp, -32
	sd	s1, 0(sp)
	sd	s2, 8(sp)
	mv	s1, a0
	mv	s2, a1
	FILL	s1
1:	beqz	s2, 2f
	li	a7, FPREGS_SYS_YIELD
	ecall
	addi	s2, s2, -1
	j	1b
2:	CHECK	s1
	fscsr	zero			/* C's default: round to nearest */
	ld	s1, 0(sp)
	ld	s2, 8(sp)
	addi	sp, sp, 32
	ret

	.globl fpregs_clone_check
fpregs_clone_check:
	addi	sp, sp, -32
	sd	s1, 0(sp)
	sd	s2, 8(sp)
	mv	s1, a0
	mv	s2, a3			/* child_result: the child has it too */
	FILL	s1
	mv	a0, a1
	mv	a1, a2
	li	a7, FPREGS_SYS_TASK_CLONE
	ecall
	li	t0, FPREGS_THREAD_CHILD
	beq	a0, t0, 3f
	bltz	a0, 2f			/* the clone failed */
	CHECK	s1
2:	fscsr	zero			/* C's default: round to nearest */
	ld	s1, 0(sp)
	ld	s2, 8(sp)
	addi	sp, sp, 32
	ret
3:	CHECK	s1			/* child, on its own stack */
	sd	a0, 0(s2)
	li	a0, 0
	li	a7, FPREGS_SYS_TASK_EXIT
	ecall
4:	j	4b
