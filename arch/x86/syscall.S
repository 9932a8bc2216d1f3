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
#include "syscall.h"

/* rbx rbp r12-r15 into their frame slots (rsp = the frame). */
.macro SAVE_CALLEE_SLOTS
	movq %rbx, TF_RBX(%rsp)
	movq %rbp, TF_RBP(%rsp)
	movq %r12, TF_R12(%rsp)
	movq %r13, TF_R13(%rsp)
	movq %r14, TF_R14(%rsp)
	movq %r15, TF_R15(%rsp)
.endm

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
 * (rcx), error 0, vector VEC_SYSCALL, then the general registers. Then
 * go by the call's row in syscall_table (kernel/include/syscall.h): a
 * lean call (kernel/syscall.c: its handler never leaves the CPU and reads
 * no register beyond r0..r5) saves only the registers a C call may
 * change, calls the handler from here and comes back by sysretq; rbx,
 * rbp and r12-r15 stay in the CPU throughout (C code gives them back),
 * so nothing can see them missing from the frame: nobody else runs
 * meanwhile. If the handler made sched_need_resched true they are stored
 * after all and the ordinary way out is taken (user_return may switch
 * tasks). Other calls save the whole frame and call the row's entry
 * function (docs/decisions.md, 2).
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
	/* The registers a C call may change, in frame order; the slots of
	 * the others (rbx rbp r12-r15) are filled below if need be. */
	subq $32, %rsp          /* r15 r14 r13 r12 */
	pushq %r11
	subq $8, %rsp           /* rbp */
	pushq %rcx
	subq $8, %rsp           /* rbx */
	pushq %rax
	pushq %r9
	pushq %r8
	pushq %r10
	pushq %rdx
	pushq %rsi
	pushq %rdi
	/* 176 bytes below a 16-aligned top: aligned for the calls. rax =
	 * the number: its row of syscall_table, {handler, full}. */
	cmpq $SYSCALL_TABLE_SIZE, %rax
	jae .Lsyscall_bad
	shlq $SYSCALL_ROW_SHIFT, %rax
	cmpq $0, syscall_table + SYSCALL_ROW_FULL(%rax)
	jne .Lsyscall
	/* Lean: the handler, r0, and back by sysretq unless need_resched;
	 * sysretq takes rcx and r11 as they came, so rcx must be an address
	 * it can return to (bit 47 clear: the lower half), else the whole
	 * way, whose exit checks. rbp is the user's here (not saved, so not
	 * zeroed): kernel backtraces from a lean handler may run into user
	 * values and stop there. */
	btq $47, %rcx
	jc .Lsyscall_bad
	movq %rsp, %rdi         /* struct sysregs: the frame's start */
	call *syscall_table(%rax)
	movq %rax, (%rsp)       /* r0 */
	cmpb $0, sched_need_resched(%rip)
	jne .Llean_resched
	popq %rdi
	popq %rsi
	popq %rdx
	popq %r10
	popq %r8
	popq %r9
	popq %rax
	addq $8, %rsp           /* rbx: never left the CPU */
	popq %rcx
	addq $8, %rsp           /* rbp */
	popq %r11
	addq $32, %rsp          /* r12-r15; now at the vector */
	/* As in x86_user_exit: rcx and r11 are the rip and rflags the
	 * syscall instruction gave (ring 3 cannot set IOPL, and rcx was
	 * checked above). */
	swapgs
	movq (TF_RSP - TF_VECTOR)(%rsp), %rsp
	sysretq

.Llean_resched:
	/* rbx rbp r12-r15 are still the task's: complete the frame, since
	 * user_return may switch tasks. */
	SAVE_CALLEE_SLOTS
	movq %rsp, %rdi
	call user_return
	jmp x86_user_exit

	/* The whole frame, then the row's entry: syscall_dispatch or the
	 * IPC fast path, which end with user_return. A zero rbp ends
	 * kernel backtraces at this frame. */
.Lsyscall:
	SAVE_CALLEE_SLOTS
	xorl %ebp, %ebp
	movq %rsp, %rdi
	call *syscall_table + SYSCALL_ROW_FULL(%rax)
	jmp x86_user_exit
.Lsyscall_bad:
	SAVE_CALLEE_SLOTS
	xorl %ebp, %ebp
	movq %rsp, %rdi
	call syscall_dispatch   /* -ENOSYS, or a lean call the long way */
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
