/* jmpregs_test for x86_64 (jmpregs.h). MXCSR's rounding control (bits
 * 13-14) is set to "down" (01) as the pattern. */
	.text
	.globl jmpregs_test
jmpregs_test:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$24, %rsp		/* 16-byte aligned for the calls */
	movq	%rdi, 0(%rsp)		/* env */
	stmxcsr	8(%rsp)			/* the caller's MXCSR */
	movl	8(%rsp), %eax
	andl	$~0x6000, %eax
	orl	$0x2000, %eax
	movl	%eax, 12(%rsp)
	ldmxcsr	12(%rsp)
	movq	$0x5101, %rbx
	movq	$0x5102, %rbp
	movq	$0x5103, %r12
	movq	$0x5104, %r13
	movq	$0x5105, %r14
	movq	$0x5106, %r15
	call	setjmp
	testl	%eax, %eax
	jnz	1f
	movq	0(%rsp), %rdi
	call	jmpregs_clobber		/* does not return */
1:	xorl	%ecx, %ecx
	cmpl	$7, %eax
	je	2f
	movl	$100, %ecx
2:	cmpq	$0x5101, %rbx
	je	3f
	incl	%ecx
3:	cmpq	$0x5102, %rbp
	je	4f
	incl	%ecx
4:	cmpq	$0x5103, %r12
	je	5f
	incl	%ecx
5:	cmpq	$0x5104, %r13
	je	6f
	incl	%ecx
6:	cmpq	$0x5105, %r14
	je	7f
	incl	%ecx
7:	cmpq	$0x5106, %r15
	je	8f
	incl	%ecx
8:	stmxcsr	16(%rsp)
	movl	16(%rsp), %eax
	andl	$0x6000, %eax
	cmpl	$0x2000, %eax
	je	9f
	incl	%ecx
9:	ldmxcsr	8(%rsp)
	movl	%ecx, %eax
	addq	$24, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret

	/* jmpregs_clobber(env): every callee-saved register and MXCSR's
	 * rounding changed, then longjmp(env, 7), from a frame of its own. */
jmpregs_clobber:
	subq	$24, %rsp
	movq	$-1, %rbx
	movq	$-1, %rbp
	movq	$-1, %r12
	movq	$-1, %r13
	movq	$-1, %r14
	movq	$-1, %r15
	movl	$0x7f80, 8(%rsp)	/* round toward zero */
	ldmxcsr	8(%rsp)
	movl	$7, %esi
	call	longjmp
