/*
 * switch.S - kernel context switch.
 *
 * void arch_context_switch(struct arch_context *from (rdi),
 *                          struct arch_context *to (rsi))
 *
 * Saves what the SysV ABI makes callee-saved (rbx, rbp, r12-r15), the
 * stack pointer as it will be after this call returns, and the return
 * address; then loads the same from `to` and jumps to its saved pc. For a
 * context that was switched out here, that is a return from its own
 * arch_context_switch call; for a fresh one (arch_context_init) it is the
 * entry of its function, with rsp % 16 == 8 and rbp == 0.
 *
 * RFLAGS is not saved: interrupts are disabled across every switch (the
 * contract in arch.h), and DF is clear everywhere in the kernel.
 *
 * The FS base (the user thread pointer) belongs to the task, not the CPU:
 * it is loaded here (IA32_FS_BASE, MSR 0xc0000100) when it differs from
 * the outgoing context's. User code cannot change it without a system
 * call (no FSGSBASE), and every such call updates the context, so the
 * context's copy is always current and nothing needs reading back.
 */
#include "x86asm.h"

	.text
	.globl arch_context_switch
	.type arch_context_switch, @function
arch_context_switch:
	movq (%rsp), %rax
	leaq 8(%rsp), %rcx
	movq %rax, CTX_RIP(%rdi)
	movq %rcx, CTX_RSP(%rdi)
	movq %rbx, CTX_RBX(%rdi)
	movq %rbp, CTX_RBP(%rdi)
	movq %r12, CTX_R12(%rdi)
	movq %r13, CTX_R13(%rdi)
	movq %r14, CTX_R14(%rdi)
	movq %r15, CTX_R15(%rdi)
	movq CTX_FS_BASE(%rsi), %rax
	cmpq CTX_FS_BASE(%rdi), %rax
	je 1f
	movq %rsi, %r8
	movl $0xc0000100, %ecx
	movq %rax, %rdx
	shrq $32, %rdx
	wrmsr
	movq %r8, %rsi
1:
.Lload:
	movq CTX_RSP(%rsi), %rsp
	movq CTX_RBX(%rsi), %rbx
	movq CTX_RBP(%rsi), %rbp
	movq CTX_R12(%rsi), %r12
	movq CTX_R13(%rsi), %r13
	movq CTX_R14(%rsi), %r14
	movq CTX_R15(%rsi), %r15
	jmpq *CTX_RIP(%rsi)
	.size arch_context_switch, . - arch_context_switch

/*
 * noreturn void arch_context_leave(struct arch_context *from (rdi),
 *     struct trap_frame *from_tf (rsi), struct arch_context *to (rdx),
 *     struct trap_frame *to_tf (rcx))
 *
 * Leave the running kernel context for good. `from` is made to enter
 * x86_resume_user with rsp = from_tf the next time arch_context_switch
 * goes to it; its callee-saved registers are not needed there. The FS
 * base follows the same rule as in arch_context_switch. If `to` left the
 * same way, return to ring 3 from to_tf directly (the caller has set the
 * kernel stack top for it); else resume `to` as arch_context_switch
 * would.
 */
	.globl arch_context_leave
	.type arch_context_leave, @function
arch_context_leave:
	leaq x86_resume_user(%rip), %r9
	movq %r9, CTX_RIP(%rdi)
	movq %rsi, CTX_RSP(%rdi)
	movq %rdx, %rsi         /* to */
	movq %rcx, %r8          /* to_tf */
	movq CTX_FS_BASE(%rsi), %rax
	cmpq CTX_FS_BASE(%rdi), %rax
	je 1f
	movl $0xc0000100, %ecx
	movq %rax, %rdx
	shrq $32, %rdx
	wrmsr
1:	cmpq %r9, CTX_RIP(%rsi)
	jne .Lload
	movq %r8, %rsp
	jmp x86_user_exit
	.size arch_context_leave, . - arch_context_leave

/*
 * A task that left through arch_context_leave resumes here, rsp = its
 * trap frame (16-aligned): sched_resume_user(tf) finishes its system
 * call, then back to ring 3. rbp = 0 ends kernel backtraces here.
 */
	.globl x86_resume_user
	.type x86_resume_user, @function
x86_resume_user:
	xorl %ebp, %ebp
	movq %rsp, %rdi
	call sched_resume_user
	jmp x86_user_exit
	.size x86_resume_user, . - x86_resume_user
