/*
 * probe.S - instructions that trap on purpose, for the kernel self-tests.
 *
 * arch_probe_trap(kind, addr) runs one trapping instruction with an
 * exception-table entry {instruction, fixup}, so trap_kernel() records the
 * trap and resumes at the fixup, which returns the instruction's address.
 * arch_crash(kind) runs the same instructions with no entry: the kernel
 * must report the trap and panic.
 *
 * Kinds handled (values of enum trap_kind, checked in trap.c):
 *   TRAP_BREAKPOINT  int3 (x86_trap reports rip - 1, the int3 itself)
 *   TRAP_ILLEGAL     ud2
 *   TRAP_PAGE_FAULT  8-byte load from addr (arch_crash: from 0)
 *   TRAP_DIVIDE      divl by zero
 *   TRAP_PROTECTION  load from a non-canonical address (#GP, not #PF)
 * Both functions build a frame record so backtraces reach the caller.
 */
#define TRAP_PAGE_FAULT 1
#define TRAP_ILLEGAL    2
#define TRAP_BREAKPOINT 3
#define TRAP_DIVIDE     5
#define TRAP_PROTECTION 6

#define NONCANONICAL 0x8000000000000000

/* One exception-table entry: where the fault may happen, where to go. */
#define EXTABLE(insn, fixup)			\
	.pushsection __extable, "a";		\
	.balign 8;				\
	.quad insn, fixup;			\
	.popsection

	.text
	.globl arch_probe_trap
	.type arch_probe_trap, @function
arch_probe_trap:
	pushq %rbp
	movq %rsp, %rbp
	cmpl $TRAP_BREAKPOINT, %edi
	je .Lbp
	cmpl $TRAP_ILLEGAL, %edi
	je .Lud
	cmpl $TRAP_PAGE_FAULT, %edi
	je .Lpf
	cmpl $TRAP_DIVIDE, %edi
	je .Lde
	cmpl $TRAP_PROTECTION, %edi
	je .Lgp
	xorl %eax, %eax
	popq %rbp
	ret

.Lbp:
.Lbp_insn:
	int3
.Lbp_fix:
	leaq .Lbp_insn(%rip), %rax
	popq %rbp
	ret
	EXTABLE(.Lbp_insn, .Lbp_fix)

.Lud:
.Lud_insn:
	ud2
.Lud_fix:
	leaq .Lud_insn(%rip), %rax
	popq %rbp
	ret
	EXTABLE(.Lud_insn, .Lud_fix)

.Lpf:
.Lpf_insn:
	movq (%rsi), %rax
.Lpf_fix:
	leaq .Lpf_insn(%rip), %rax
	popq %rbp
	ret
	EXTABLE(.Lpf_insn, .Lpf_fix)

.Lde:
	xorl %ecx, %ecx
	xorl %edx, %edx
	movl $1, %eax
.Lde_insn:
	divl %ecx
.Lde_fix:
	leaq .Lde_insn(%rip), %rax
	popq %rbp
	ret
	EXTABLE(.Lde_insn, .Lde_fix)

.Lgp:
	movabsq $NONCANONICAL, %rcx
.Lgp_insn:
	movq (%rcx), %rax
.Lgp_fix:
	leaq .Lgp_insn(%rip), %rax
	popq %rbp
	ret
	EXTABLE(.Lgp_insn, .Lgp_fix)
	.size arch_probe_trap, . - arch_probe_trap

	.globl arch_crash
	.type arch_crash, @function
arch_crash:
	pushq %rbp
	movq %rsp, %rbp
	cmpl $TRAP_BREAKPOINT, %edi
	jne 1f
	int3
1:	cmpl $TRAP_PAGE_FAULT, %edi
	jne 1f
	movq 0, %rax
1:	cmpl $TRAP_DIVIDE, %edi
	jne 1f
	xorl %ecx, %ecx
	xorl %edx, %edx
	divl %ecx
1:	cmpl $TRAP_PROTECTION, %edi
	jne 1f
	movabsq $NONCANONICAL, %rcx
	movq (%rcx), %rax
1:	/* TRAP_ILLEGAL, and the fallback for kinds with no instruction. */
	ud2
	/* Not reached: the kernel panics on every trap above. */
2:	cli
	hlt
	jmp 2b
	.size arch_crash, . - arch_crash
