/*
 * Program entry, RISC-V. Two conventions, one per kind of program
 * (docs/libc.md):
 *   _start          a task started by SYS_TASK_START (the root task, and
 *                   tasks spawned with pith_spawn): a0 = the one argument
 *                   its creator passed, sp = the stack top. main(a0), then
 *                   exit with its result.
 *   _start_process  a POSIX process (linked with -e _start_process, CMake
 *                   pith_posix_program): sp points at argc, then argv,
 *                   NULL, envp, NULL, auxv (System V); the C side is
 *                   __pith_start_process (libc/posix/start.c).
 * Each is in a section of its own, so --gc-sections keeps only the one
 * the link's entry names.
 */
	.section .text.start, "ax"
	.globl _start
_start:
	li	s0, 0			/* ends backtraces */
	li	ra, 0
	call	main
	call	exit			/* a0 = main's result */
1:	j	1b

	.section .text.start_process, "ax"
	.globl _start_process
_start_process:
	li	s0, 0
	li	ra, 0
	mv	a0, sp			/* the initial stack */
	andi	sp, sp, -16
	call	__pith_start_process
1:	j	1b
