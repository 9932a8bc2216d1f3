/*
 * syscall.S - the way into the kernel by the syscall instruction and the
 * one way back out to ring 3 that every trap from user mode shares.
 *
 * Entry points:
 *   x86_syscall_entry  IA32_LSTAR: the target of syscall;
 *   x86_user_exit      jumped to with rsp = the trap frame at the kernel
 *                      stack top and IF clear (trap_common, the syscall
 *                      entry, arch_enter_user);
 *   arch_enter_user    the first drop to ring 3 of a task.
 */
#include "x86asm.h"

	.text

/*
 * syscall leaves the CPU in ring 0 with: rcx = user rip (the instruction
 * after syscall), r11 = user rflags, CS/SS from IA32_STAR, RFLAGS masked
 * by IA32_SFMASK (IF, DF, TF, AC, NT clear: no interrupt can arrive and
 * SMAP is in force), and everything else untouched, rsp and the GS base
 * included: rsp is still the user's. NMI and #MC have IST stacks, so they
 * cannot land on that user stack in the instructions before the switch.
 *
 * Build the same struct trap_frame as an interrupt from ring 3 would, at
 * the top of the task's kernel stack: ss, rsp, rflags (r11), cs, rip
 * (rcx), error 0, vector VEC_SYSCALL, then the general registers.
 */
	.globl x86_syscall_entry
	.type x86_syscall_entry, @function
	.balign 16
x86_syscall_entry:
	swapgs
	movq %rsp, %gs:PERCPU_USER_RSP
	movq %gs:PERCPU_KSTACK, %rsp
	pushq $USER_SS
	pushq %gs:PERCPU_USER_RSP
	pushq %r11
	pushq $USER_CS
	pushq %rcx
	pushq $0
	pushq $VEC_SYSCALL
	PUSH_GPRS
	/* 176 bytes below a 16-aligned top: aligned for the call. A zero
	 * rbp ends kernel backtraces at this frame. */
	xorl %ebp, %ebp
	movq %rsp, %rdi
	call syscall_entry      /* which ends with user_return(tf) */
	jmp x86_user_exit
	.size x86_syscall_entry, . - x86_syscall_entry

/*
 * noreturn void arch_enter_user(struct trap_frame *tf): tf is the frame at
 * the top of the current kernel stack; everything below it is dead.
 */
	.globl arch_enter_user
	.type arch_enter_user, @function
arch_enter_user:
	movq %rdi, %rsp
	jmp x86_user_exit
	.size arch_enter_user, . - arch_enter_user

/*
 * Return to ring 3 from the frame at rsp. IF is clear and stays so until
 * sysretq / iretq load the user RFLAGS.
 *
 * Whatever the kernel wrote into the frame, ring 3 is the only place it
 * can lead: RFLAGS is reduced to RFL_USER plus IF (no IOPL, NT or VM from
 * a forged frame), and cs and ss are forced to the user selectors before
 * iretq (sysretq takes them from STAR, not from the frame).
 * A pc outside the user half would make sysretq fault in ring 0 with the
 * user rsp loaded (Intel) or iretq #GP in ring 0: instead the task takes
 * the fault it would have taken jumping there, through trap_user.
 *
 * sysretq is taken only when it restores exactly what iretq would: it
 * loads rip from rcx and rflags from r11, so only a frame with rcx == rip
 * and r11 == rflags qualifies; that is every frame the syscall entry
 * built (unless the kernel changed its pc or flags since), never an
 * interrupted one in general. Everything else returns by iretq.
 */
	.globl x86_user_exit
	.type x86_user_exit, @function
x86_user_exit:
	movq TF_RIP(%rsp), %rax
	shrq $47, %rax
	jz 1f
	movq %rsp, %rdi
	call x86_user_bad_pc    /* trap_user(tf, #GP); user_return(tf) */
	jmp x86_user_exit
1:
	movq TF_RFLAGS(%rsp), %rax
	andq $RFL_USER, %rax
	orq $(RFL_IF | RFL_FIXED), %rax
	movq %rax, TF_RFLAGS(%rsp)

	cmpq TF_R11(%rsp), %rax
	jne .Liret
	movq TF_RIP(%rsp), %rax
	cmpq TF_RCX(%rsp), %rax
	jne .Liret

	/* sysretq: rcx and r11 pop as rip and rflags, as checked. */
	POP_GPRS
	/* rsp is at the vector now; the user rsp is 5 slots up. After
	 * swapgs nothing may touch GS; after the rsp load nothing may touch
	 * the stack. An NMI in this window runs on its IST stack. */
	swapgs
	movq (TF_RSP - TF_VECTOR)(%rsp), %rsp
	sysretq

.Liret:
	/* iretq takes cs and ss from the frame (sysretq from STAR). */
	movq $USER_CS, TF_CS(%rsp)
	movq $USER_SS, TF_SS(%rsp)
	POP_GPRS
	addq $16, %rsp          /* vector and error code */
	swapgs
	iretq
	.size x86_user_exit, . - x86_user_exit
