/*
 * x86_64 bodies of tests/guest/utest/fpregs.h: xmm0-xmm15, the x87 stack,
 * the x87 control word and MXCSR filled from a seed and checked, around
 * yields or a clone. The syscall instruction clobbers rcx and r11, the
 * kernel returns results in rdi rsi rdx r10 r8 r9; the seed stays in rbx.
 */
#include "../../fpregs.h"

/* C's default control settings back (round to nearest), after a CHECK. */
.macro DEFAULTS
	fninit
	movl	$0x1f80, (%rsp)
	ldmxcsr	(%rsp)
.endm

/* Scratch: 16 bytes at (%rsp). */
.macro FILL seed
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	leaq	\i(\seed), %rax
	movq	%rax, (%rsp)
	notq	%rax
	movq	%rax, 8(%rsp)
	movdqu	(%rsp), %xmm\i
	.endr
	/* Control words first: fninit would reset the control word. */
	fninit
	movq	\seed, %rax
	andq	$3, %rax
	movq	%rax, %rcx
	shlq	$10, %rax
	orq	$0x037f, %rax		/* FNINIT's control word, rounding seed % 4 */
	movw	%ax, (%rsp)
	fldcw	(%rsp)
	shlq	$13, %rcx
	orq	$0x1f80, %rcx		/* default MXCSR, rounding seed % 4 */
	movl	%ecx, (%rsp)
	ldmxcsr	(%rsp)
	.irp i, 0,1,2,3,4,5,6,7
	movq	\seed, %rax
	shlq	$4, %rax
	addq	$\i, %rax
	movq	%rax, (%rsp)
	fildq	(%rsp)
	.endr
.endm

/* eax = 0 if all match, else 1 + the first wrong register: xmm0-15 are
 * 1-16, the x87 stack 17-24 (st0 first, which holds seed * 16 + 7),
 * the control word 25, MXCSR 26. Pops the x87 stack. */
.macro CHECK seed
	.irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	movdqu	%xmm\i, (%rsp)
	leaq	\i(\seed), %rax
	movl	$\i + 1, %ecx
	cmpq	%rax, (%rsp)
	jne	9f
	notq	%rax
	cmpq	%rax, 8(%rsp)
	jne	9f
	.endr
	.irp i, 7,6,5,4,3,2,1,0
	fistpq	(%rsp)
	movq	\seed, %rax
	shlq	$4, %rax
	addq	$\i, %rax
	movl	$24 - \i, %ecx
	cmpq	%rax, (%rsp)
	jne	9f
	.endr
	movq	\seed, %rax
	andq	$3, %rax
	movq	%rax, %rdx
	shlq	$10, %rax
	orq	$0x037f, %rax
	fnstcw	(%rsp)
	movl	$25, %ecx
	cmpw	%ax, (%rsp)
	jne	9f
	shlq	$13, %rdx
	orq	$0x1f80, %rdx
	stmxcsr	(%rsp)
	movl	$26, %ecx
	cmpl	%edx, (%rsp)
	jne	9f
	xorl	%ecx, %ecx
9:	movl	%ecx, %eax
.endm

	.text
	.globl fpregs_yield_check
fpregs_yield_check:
	pushq	%rbx
	pushq	%r12
	subq	$24, %rsp
	movq	%rdi, %rbx
	movq	%rsi, %r12
	FILL	%rbx
1:	testq	%r12, %r12
	jz	2f
	movl	$FPREGS_SYS_YIELD, %eax
	syscall
	decq	%r12
	jmp	1b
2:	CHECK	%rbx
	DEFAULTS
	addq	$24, %rsp
	popq	%r12
	popq	%rbx
	ret

	.globl fpregs_clone_check
fpregs_clone_check:
	pushq	%rbx
	pushq	%r12
	subq	$24, %rsp
	movq	%rdi, %rbx
	movq	%rcx, %r12		/* child_result: the child has it too */
	FILL	%rbx
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movl	$FPREGS_SYS_TASK_CLONE, %eax
	syscall
	movq	%rdi, %rax
	cmpq	$FPREGS_THREAD_CHILD, %rax
	je	3f
	testq	%rax, %rax
	js	2f			/* the clone failed */
	CHECK	%rbx
2:	DEFAULTS
	addq	$24, %rsp
	popq	%r12
	popq	%rbx
	ret
3:	subq	$24, %rsp		/* child, on its own stack: scratch */
	CHECK	%rbx
	movq	%rax, (%r12)
	xorl	%edi, %edi
	movl	$FPREGS_SYS_TASK_EXIT, %eax
	syscall
4:	jmp	4b
