/*
 * Zeroing a page (arch_page_zero, arch/riscv/mmu.c): by cbo.zero where
 * Zicboz is there for S-mode, else by 8-byte stores, 512 bytes an
 * iteration (the loop's own cost is then 2 instructions a 64 stores:
 * about 530 instructions a page, against 580 at 16 stores an iteration
 * and 900 for the generic memset).
 */
#include <arch/asm.h>

	.text

	/* riscv_page_zero_cboz(a0 = page, a1 = block size) */
	.globl riscv_page_zero_cboz
riscv_page_zero_cboz:
	li	t0, 4096
	add	t0, a0, t0
	mv	t1, a0
1:	.word	0x0043200f	/* cbo.zero (t1): clang 14 has no mnemonic */
	add	t1, t1, a1
	bltu	t1, t0, 1b
	ret

	/* riscv_page_zero_stores(a0 = page) */
	.globl riscv_page_zero_stores
riscv_page_zero_stores:
	li	t0, 4096
	add	t0, a0, t0
1:
	.set	off, 0
	.rept	64
	sd	zero, off(a0)
	.set	off, off + 8
	.endr
	addi	a0, a0, 512
	bltu	a0, t0, 1b
	ret
