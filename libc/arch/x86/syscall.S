/*
 * x86_64 system call trap (program entry is crt0.S). pith_syscall(nr, r): rax = nr,
 * rdi rsi rdx r10 r8 r9 = r[0..5]; the syscall instruction clobbers rcx
 * and r11; the kernel returns r[0..5] in the same six registers (so r0,
 * the result, in rdi: each stub copies it to rax for C). r12
 * (callee-saved) holds r across the trap.
 */
/* C call (nr, r0..r4) in rdi rsi rdx rcx r8 r9 -> system call (rax = nr,
 * rdi rsi rdx r10 r8), trap, result (rdi) to rax. */
.macro SYSCALL5
	movq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	movq	%r8, %r10
	movq	%r9, %r8
	syscall
	movq	%rdi, %rax
.endm

	.text
	.globl pith_syscall
pith_syscall:
	pushq	%r12
	movq	%rsi, %r12
	movq	%rdi, %rax
	movq	0(%r12), %rdi
	movq	8(%r12), %rsi
	movq	16(%r12), %rdx
	movq	24(%r12), %r10
	movq	32(%r12), %r8
	movq	40(%r12), %r9
	syscall
	movq	%rdi, %rax
	movq	%rdi, 0(%r12)
	movq	%rsi, 8(%r12)
	movq	%rdx, 16(%r12)
	movq	%r10, 24(%r12)
	movq	%r8, 32(%r12)
	movq	%r9, 40(%r12)
	popq	%r12
	ret

/*
 * long pith_syscall5(nr, r0, r1, r2, r3, r4): the lean form for hot paths
 * and benchmarks: arguments in registers, only r0 comes back.
 * uint64_t pith_counter(void): the time-stamp counter (under QEMU
 * -icount shift=0 it advances by one per retired instruction).
 */
	.text
	.globl pith_syscall5
pith_syscall5:
	SYSCALL5
	ret

	.globl pith_counter
pith_counter:
	rdtsc
	shlq	$32, %rdx
	orq	%rdx, %rax
	ret

/*
 * long pith_thread_clone_raw(src, args, fn, arg): SYS_TASK_CLONE; the
 * child, whose copy of the registers has rdi = args->retval
 * (PITH_THREAD_CHILD, set by pith_thread_clone) and rsp = the new stack,
 * calls fn(arg) and exits with its result. fn and arg ride in r12 and r13,
 * which the child's register copy carries too.
 */
	.globl pith_thread_clone_raw
pith_thread_clone_raw:
	pushq	%r12
	pushq	%r13
	movq	%rdx, %r12
	movq	%rcx, %r13
	movl	$25, %eax		/* SYS_TASK_CLONE */
	syscall
	movq	%rdi, %rax
	cmpq	$0x7c10, %rax		/* PITH_THREAD_CHILD */
	je	1f
	popq	%r13
	popq	%r12
	ret
1:	xorl	%ebp, %ebp		/* child, on its own stack */
	movq	%r13, %rdi
	call	*%r12
	movq	%rax, %rdi
	call	sys_task_exit
2:	jmp	2b

	.globl pith_illegal_instruction
pith_illegal_instruction:
	ud2
	ret

	.globl pith_breakpoint
pith_breakpoint:
	int3
	ret

/*
 * long pith_ipc(nr, ep, info, w0, w1, w2, struct msg *m): an IPC system
 * call whose answer is a message: r0 (rdi) comes back, and badge, info and
 * w0..w2 (rsi rdx r10 r8 r9) are stored in *m (meaningful when r0 is 0).
 * m is the seventh argument, on the stack above the return address.
 */
	.globl pith_ipc
pith_ipc:
	movq	8(%rsp), %r11		/* m: r11 is free until the syscall */
	pushq	%r11
	SYSCALL5
	popq	%rcx
	movq	%rsi, 0(%rcx)
	movq	%rdx, 8(%rcx)
	movq	%r10, 16(%rcx)
	movq	%r8, 24(%rcx)
	movq	%r9, 32(%rcx)
	ret

	/* uint64_t pith_tls_word0(void): the word the thread pointer (FS
	 * base) points at. */
	.globl pith_tls_word0
pith_tls_word0:
	movq	%fs:0, %rax
	ret

	/* long pith_divide_by_zero(long x): x / 0, which raises #DE. */
	.globl pith_divide_by_zero
pith_divide_by_zero:
	movq	%rdi, %rax
	cqto
	xorl	%ecx, %ecx
	idivq	%rcx
	ret

/*
 * The process server's threads (libc/proc/thread.c).
 * uintptr_t __pith_thread_pointer(void): the thread's TCB, whose first
 * word is its own address (FS base itself cannot be read without
 * FSGSBASE).
 */
	.globl __pith_thread_pointer
__pith_thread_pointer:
	movq	%fs:0, %rax
	ret

/*
 * long __pith_clone_call(flags, stack, tls, fn, arg, uint64_t *w0): the
 * PROC_CLONE call (SYS_CALL on PROC_SLOT_PROCSRV; words 3..4 are already
 * in the caller's IPC buffer). The parent gets the call's status back and
 * the answer's w0 (r10) in *w0. The child resumes here with rdi =
 * PROC_CHILD_RETURN on its new stack, where nothing of the caller's
 * frames is: it must not return into C. fn and arg ride in r12 and r13,
 * which its register copy carries, to __pith_thread_start(fn, arg).
 */
	.globl __pith_clone_call
__pith_clone_call:
	pushq	%r12
	pushq	%r13
	pushq	%r14
	movq	%rcx, %r12
	movq	%r8, %r13
	movq	%r9, %r14
	movq	%rdx, %r8		/* w2 = tls */
	movq	%rsi, %r10		/* w1 = stack */
	movq	%rdi, %rdx		/* w0 = flags */
	movq	$0x40005, %rsi		/* MSG_INFO(PROC_CLONE, 5, 0) */
	movl	$1, %edi		/* PROC_SLOT_PROCSRV */
	movl	$18, %eax		/* SYS_CALL */
	syscall
	cmpq	$1, %rdi		/* PROC_CHILD_RETURN */
	je	1f
	movq	%r10, 0(%r14)
	movq	%rdi, %rax
	popq	%r14
	popq	%r13
	popq	%r12
	ret
1:	andq	$-16, %rsp		/* the child */
	xorl	%ebp, %ebp
	movq	%r12, %rdi
	movq	%r13, %rsi
	call	__pith_thread_start
2:	jmp	2b
