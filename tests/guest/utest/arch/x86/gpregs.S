/*
 * x86_64 body of tests/guest/utest/gpregs.h: rbx rbp r12-r15 filled with
 * seed * 64 + i (their index in struct user_regs.gpr) around one system
 * call, then checked.
 */
#include "../../gpregs.h"

.macro FILL reg, i
	movq	(%rsp), \reg
	shlq	$6, \reg
	addq	$\i, \reg
.endm

.macro CHECK reg, i
	movq	(%rsp), %rcx
	shlq	$6, %rcx
	addq	$\i, %rcx
	movl	$(\i + 1), %eax
	cmpq	%rcx, \reg
	jne	9f
.endm

	/* gpregs_syscall(seed rdi, nr rsi, r0 rdx, r1 rcx, r2 r8, ret r9) */
	.text
	.globl gpregs_syscall
gpregs_syscall:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	pushq	%r9			/* ret: 8(%rsp) */
	pushq	%rdi			/* seed: (%rsp) */
	movq	%rsi, %rax
	movq	%rdx, %rdi
	movq	%rcx, %rsi
	movq	%r8, %rdx
	xorl	%r10d, %r10d
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	FILL	%rbx, 1
	FILL	%rbp, 6
	FILL	%r12, 12
	FILL	%r13, 13
	FILL	%r14, 14
	FILL	%r15, 15
	syscall
	movq	8(%rsp), %rcx
	movq	%rdi, (%rcx)
	CHECK	%rbx, 1
	CHECK	%rbp, 6
	CHECK	%r12, 12
	CHECK	%r13, 13
	CHECK	%r14, 14
	CHECK	%r15, 15
	xorl	%eax, %eax
9:	addq	$16, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret
