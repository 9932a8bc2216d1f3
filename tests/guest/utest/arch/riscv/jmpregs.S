/* jmpregs_test for RISC-V (jmpregs.h). */
	.text
	.globl jmpregs_test
jmpregs_test:
	addi	sp, sp, -224
	sd	ra, 0(sp)
	sd	a0, 8(sp)		/* env */
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
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11
	fsd	fs\n, (112 + 8 * \n)(sp)
	.endr
	/* The pattern: s<n> = 0x5100 + n, fs<n> = (double)(0x5100 + n). */
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11
	li	t0, 0x5100 + \n
	mv	s\n, t0
	fcvt.d.l fs\n, t0
	.endr
	call	setjmp
	bnez	a0, 1f
	ld	a0, 8(sp)
	call	jmpregs_clobber		/* does not return */
1:	li	t1, 7
	li	t2, 0
	beq	a0, t1, 2f
	li	t2, 100
2:	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11
	li	t0, 0x5100 + \n
	beq	s\n, t0, 3f
	addi	t2, t2, 1
3:	fcvt.l.d t1, fs\n
	beq	t1, t0, 4f
	addi	t2, t2, 1
4:
	.endr
	mv	a0, t2
	ld	ra, 0(sp)
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
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11
	fld	fs\n, (112 + 8 * \n)(sp)
	.endr
	addi	sp, sp, 224
	ret

	/* jmpregs_clobber(env): every callee-saved register changed, then
	 * longjmp(env, 7), from a frame of its own. */
jmpregs_clobber:
	addi	sp, sp, -16
	li	t0, -1
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11
	mv	s\n, t0
	fcvt.d.l fs\n, t0
	.endr
	li	a1, 7
	call	longjmp
