/* Assembly helpers shared by the RISC-V .S files. */
#ifndef ARCH_RISCV_ASM_H
#define ARCH_RISCV_ASM_H

/* Values of enum trap_kind (kernel/include/trap.h), checked in trap.c. */
#define ASM_TRAP_PAGE_FAULT 1
#define ASM_TRAP_ILLEGAL    2
#define ASM_TRAP_BREAKPOINT 3

#ifdef __ASSEMBLER__
/* Exception-table entry: a trap at \insn resumes at \fixup. */
.macro EXTABLE insn, fixup
	.pushsection __extable, "a"
	.balign 8
	.quad \insn, \fixup
	.popsection
.endm
#endif

#endif
