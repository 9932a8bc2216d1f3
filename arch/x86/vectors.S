/*
 * vectors.S - the 256 interrupt/exception entry stubs and the common path
 * that saves a struct trap_frame (arch/frame.h) and calls x86_trap().
 *
 * On an interrupt or exception the CPU (in 64-bit mode) aligns rsp down to
 * 16 bytes, switches stacks if the IDT entry names an IST slot or the trap
 * comes from ring 3 (TSS.rsp0), and pushes ss, rsp, rflags, cs, rip and,
 * for vectors 8, 10-14, 17, 21, 29 and 30 only, an error code. Each stub
 * pushes a dummy 0 where the CPU pushes none, so every frame has the same
 * shape, then pushes its vector number. The IDT gates are interrupt gates,
 * so IF is clear on entry and stays clear until iretq restores RFLAGS.
 *
 * From ring 3 the CPU has switched to TSS.rsp0, the current task's kernel
 * stack top (16-aligned), so the 176-byte frame ends exactly at the top:
 * that is the task's struct trap_frame. Such a trap goes to x86_trap_user()
 * and leaves through x86_user_exit (syscall.S), the one exit to ring 3.
 * NMI, #DF and #MC use IST stacks even from ring 3; x86_trap_user treats
 * them as fatal before anything could switch tasks on such a stack.
 *
 * Entry points: x86_vector_table (the stub addresses, for cpu.c).
 */
#include "x86asm.h"

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || \
		      (v) == 21 || (v) == 29 || (v) == 30)

	/* The table of stub addresses, filled in by the loop below. */
	.section .rodata.x86_vector_table, "a"
	.balign 8
	.globl x86_vector_table
x86_vector_table:

	.text
	.balign 16
	.set vec, 0
	.rept 256
	.balign 16
1:
	.if HAS_ERROR(vec)
	.else
	pushq $0
	.endif
	pushq $vec
	jmp trap_common
	.pushsection .rodata.x86_vector_table, "a"
	.quad 1b
	.popsection
	.set vec, vec + 1
	.endr

trap_common:
	PUSH_GPRS

	/* Interrupt gates clear IF and TF but not AC or DF, both of which
	 * user code can set: AC would switch SMAP off for the whole handler,
	 * and the SysV ABI wants DF clear at calls. Load RFLAGS = just the
	 * always-one bit (IF stays clear). popfq, not clac: clac is #UD on
	 * CPUs without SMAP. */
	pushq $RFL_FIXED
	popfq
	/* The frame is 22 * 8 = 176 bytes on a 16-aligned base, so rsp is
	 * 16-aligned here as a call requires. */
	movq %rsp, %rdi
	testb $3, TF_CS(%rsp)
	jnz 1f

	/* From ring 0: GS already holds the kernel base (and must not be
	 * swapped). Return with iretq to the interrupted kernel code. */
	call x86_trap
	POP_GPRS
	addq $16, %rsp          /* vector and error code */
	iretq

	/* From ring 3: GS holds the user's base; swap in the kernel's. The
	 * exit path swaps back. rbp is the user's (saved in the frame): zero
	 * it so kernel backtraces end here instead of walking user memory.
	 * x86_trap_user may switch tasks inside user_return and come back
	 * much later. */
1:	swapgs
	xorl %ebp, %ebp
	call x86_trap_user
	jmp x86_user_exit
