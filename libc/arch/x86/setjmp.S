/*
 * setjmp/longjmp, x86_64 (<setjmp.h>). The buffer holds what a call must
 * preserve: rbx, rbp, r12-r15, the stack pointer as it will be after
 * setjmp returns, the return address, and the control words a callee
 * must keep (MXCSR, the x87 control word); then, at JB_MASK_SAVED, the
 * word saying whether a signal mask was saved (checked against the C
 * layout in libc/signal/sigjmp.c). The SysV ABI has no callee-saved
 * vector registers. longjmp puts them back and returns val (1 if val is
 * 0) from the setjmp that filled the buffer.
 */
#define JB_MASK_SAVED 208

.macro SAVE_REGS
	movq	%rbx, 0(%rdi)
	movq	%rbp, 8(%rdi)
	movq	%r12, 16(%rdi)
	movq	%r13, 24(%rdi)
	movq	%r14, 32(%rdi)
	movq	%r15, 40(%rdi)
	leaq	8(%rsp), %rdx		/* rsp after our return */
	movq	%rdx, 48(%rdi)
	movq	(%rsp), %rdx		/* the return address */
	movq	%rdx, 56(%rdi)
	stmxcsr	64(%rdi)
	fnstcw	68(%rdi)
.endm

	.text
	.globl setjmp, _setjmp
setjmp:
_setjmp:
	SAVE_REGS
	movl	$0, JB_MASK_SAVED(%rdi)
	xorl	%eax, %eax
	ret

	/* int sigsetjmp(env, savemask): the registers, then C records the
	 * mask (__pith_sigsetjmp_mask(env, savemask) returns 0); a tail
	 * jump, so it returns straight to our caller. */
	.globl sigsetjmp
sigsetjmp:
	SAVE_REGS
	jmp	__pith_sigsetjmp_mask

	.globl longjmp, _longjmp
longjmp:
_longjmp:
	movl	%esi, %eax
	testl	%eax, %eax
	jnz	1f
	incl	%eax			/* longjmp(env, 0) returns 1 */
1:	movq	0(%rdi), %rbx
	movq	8(%rdi), %rbp
	movq	16(%rdi), %r12
	movq	24(%rdi), %r13
	movq	32(%rdi), %r14
	movq	40(%rdi), %r15
	ldmxcsr	64(%rdi)
	fldcw	68(%rdi)
	movq	48(%rdi), %rsp
	jmpq	*56(%rdi)
