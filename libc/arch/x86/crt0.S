/*
 * Program entry, x86_64. Two conventions, one per kind of program
 * (docs/libc.md):
 *   _start          a task started by SYS_TASK_START (the root task, and
 *                   tasks spawned with pith_spawn): rdi = the one argument
 *                   its creator passed, rsp = the stack top, 16-byte
 *                   aligned (so the call leaves main's frame aligned).
 *                   main(rdi), then exit with its result.
 *   _start_process  a POSIX process (linked with -e _start_process, CMake
 *                   pith_posix_program): rsp points at argc, then argv,
 *                   NULL, envp, NULL, auxv (System V); the C side is
 *                   __pith_start_process (libc/posix/start.c).
 * Each is in a section of its own, so --gc-sections keeps only the one
 * the link's entry names.
 */
	.section .text.start, "ax"
	.globl _start
_start:
	xorl	%ebp, %ebp		/* ends backtraces */
	call	main
	movl	%eax, %edi
	call	exit
1:	jmp	1b

	.section .text.start_process, "ax"
	.globl _start_process
_start_process:
	xorl	%ebp, %ebp
	movq	%rsp, %rdi		/* the initial stack */
	andq	$-16, %rsp
	call	__pith_start_process
1:	jmp	1b
