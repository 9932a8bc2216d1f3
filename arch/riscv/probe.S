/*
 * Self-test probes (see arch_probe_trap in kernel/include/arch.h): one
 * instruction that must trap, with an exception-table entry that resumes
 * right after it. a0 holds the instruction's address across the trap, so
 * the caller can compare it with what the trap handler saw. Compressed
 * encodings are switched off so each probe is one known 4-byte instruction.
 */
#include <arch/asm.h>

	.text
	.option norvc

	.globl arch_probe_trap
arch_probe_trap:		/* a0 = kind, a1 = address for a load */
	li	t0, ASM_TRAP_BREAKPOINT
	beq	a0, t0, .Lbreak
	li	t0, ASM_TRAP_ILLEGAL
	beq	a0, t0, .Lillegal
	li	t0, ASM_TRAP_PAGE_FAULT
	beq	a0, t0, .Lload
	li	a0, 0
	ret
.Lbreak:
	lla	a0, 1f
1:	ebreak
	ret
	EXTABLE 1b, 1b + 4
.Lillegal:
	lla	a0, 1f
1:	unimp			/* csrrw x0, cycle, x0: write to a read-only CSR */
	ret
	EXTABLE 1b, 1b + 4
.Lload:
	lla	a0, 1f
1:	ld	t0, 0(a1)
	ret
	EXTABLE 1b, 1b + 4

	/* The same instructions with no fixup: the kernel must panic. */
	.globl arch_crash
arch_crash:
	li	t0, ASM_TRAP_BREAKPOINT
	bne	a0, t0, 1f
	ebreak
1:	li	t0, ASM_TRAP_ILLEGAL
	bne	a0, t0, 1f
	unimp
1:	li	t0, 0x18		/* unmapped: below the user half's first page */
	ld	t0, 0(t0)
	tail	riscv_crash_returned

	/* Does this hart let S-mode read stimecmp (Sstc enabled by SBI)?
	 * Returns 1, or 0 after the illegal-instruction trap. */
	.globl riscv_probe_sstc
riscv_probe_sstc:
	li	a0, 0
1:	csrr	t0, 0x14d	/* stimecmp */
	li	a0, 1
2:	ret
	EXTABLE 1b, 2b

	/* Zicboz: cbo.zero of the cache block holding a0, if this hart has
	 * the extension and SBI let S-mode use it (menvcfg.CBZE). Returns 1,
	 * or 0 after the illegal-instruction trap. Encoded by hand (clang 14
	 * knows no cbo.zero): imm 4, rs1 = t1 (x6), funct3 2, MISC-MEM. */
	.globl riscv_probe_cboz
riscv_probe_cboz:
	mv	t1, a0
	li	a0, 0
1:	.word	0x0043200f	/* cbo.zero (t1) */
	li	a0, 1
2:	ret
	EXTABLE 1b, 2b
