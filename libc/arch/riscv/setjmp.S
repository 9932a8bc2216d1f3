/*
 * setjmp/longjmp, RISC-V (<setjmp.h>). The buffer holds what a call must
 * preserve: ra, sp, s0-s11 and fs0-fs11 (the lp64d ABI's callee-saved FP
 * registers), 26 doublewords, then the word saying whether a signal mask
 * was saved (JB_MASK_SAVED, checked against the C layout in
 * libc/signal/sigjmp.c). longjmp puts the registers back and returns val
 * (1 if val is 0) from the setjmp that filled the buffer.
 */
#define JB_MASK_SAVED 208

.macro SAVE_REGS
	sd	ra, 0(a0)
	sd	sp, 8(a0)
	sd	s0, 16(a0)
	sd	s1, 24(a0)
	sd	s2, 32(a0)
	sd	s3, 40(a0)
	sd	s4, 48(a0)
	sd	s5, 56(a0)
	sd	s6, 64(a0)
	sd	s7, 72(a0)
	sd	s8, 80(a0)
	sd	s9, 88(a0)
	sd	s10, 96(a0)
	sd	s11, 104(a0)
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11
	fsd	fs\n, (112 + 8 * \n)(a0)
	.endr
.endm

	.text
	.globl setjmp, _setjmp
setjmp:
_setjmp:
	SAVE_REGS
	sw	zero, JB_MASK_SAVED(a0)
	li	a0, 0
	ret

	/* int sigsetjmp(env, savemask): the registers, then C records the
	 * mask (__pith_sigsetjmp_mask(env, savemask) returns 0). A tail
	 * call: ra still holds our caller's return address. */
	.globl sigsetjmp
sigsetjmp:
	SAVE_REGS
	tail	__pith_sigsetjmp_mask

	.globl longjmp, _longjmp
longjmp:
_longjmp:
	ld	ra, 0(a0)
	ld	sp, 8(a0)
	ld	s0, 16(a0)
	ld	s1, 24(a0)
	ld	s2, 32(a0)
	ld	s3, 40(a0)
	ld	s4, 48(a0)
	ld	s5, 56(a0)
	ld	s6, 64(a0)
	ld	s7, 72(a0)
	ld	s8, 80(a0)
	ld	s9, 88(a0)
	ld	s10, 96(a0)
	ld	s11, 104(a0)
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11
	fld	fs\n, (112 + 8 * \n)(a0)
	.endr
	seqz	a0, a1			/* val == 0 ? 1 : 0 */
	add	a0, a0, a1		/* ... + val */
	ret
