/* Assembly helpers shared by the RISC-V .S files. */
#ifndef ARCH_RISCV_ASM_H
#define ARCH_RISCV_ASM_H

/* Values of enum trap_kind (kernel/include/trap.h), checked in trap.c. */
#define ASM_TRAP_PAGE_FAULT 1
#define ASM_TRAP_ILLEGAL    2
#define ASM_TRAP_BREAKPOINT 3

/* The kernel stack area (ARCH_KSTACK_BASE, kernel/include/kstack.h) as
 * trap_entry.S sees it: the area's size and a slot's size as powers of two,
 * the guard's size; checked in trap.c. */
#define ASM_KSTACK_BASE       0xffffffe040000000
#define ASM_KSTACK_AREA_SHIFT 26       /* 64 MiB */
#define ASM_KSTACK_SLOT_SHIFT 14       /* 16 KiB */
#define ASM_KSTACK_GUARD      0x2000   /* 8 KiB, a multiple of 512 */

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
