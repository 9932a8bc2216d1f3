/*
 * RISC-V kernel entry. OpenSBI enters here in S-mode at physical
 * 0x80200000 with the MMU off:
 *   a0 = hart id, a1 = physical address of the device tree,
 *   sie = 0 (interrupts off), satp = 0.
 * We switch on Sv39 with a static boot table of 1 GiB pages:
 *   root[2]        identity 0x80000000 (only to survive the satp write)
 *   root[256..319] physmap: PA 0..64 GiB at 0xffffffc000000000
 *   root[510]      kernel image: 0xffffffff80000000 -> PA 0x80000000
 * then jump to the linked (higher-half) address and call riscv_boot().
 * Until the jump only PC-relative addressing (lla) may be used.
 */
#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_G 0x20
#define PTE_A 0x40
#define PTE_D 0x80
#define GIGA(pa) ((((pa) >> 12) << 10))

	.section .text.entry, "ax"
	.globl _start
_start:
	csrw	sie, zero
	lla	t0, boot_pt
	srli	t0, t0, 12
	li	t1, 8 << 60		/* satp.MODE = Sv39 */
	or	t0, t0, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma

	/* Still at the physical pc, now through the identity entry. */
	lla	t0, .Lhigh_addr
	ld	t0, 0(t0)
	jr	t0

	.balign 8
.Lhigh_addr:
	.quad	high_entry

high_entry:
	lla	sp, boot_stack_top	/* pc is high now: lla gives high VAs */
	li	s0, 0			/* the frame-pointer chain ends here */
	li	ra, 0
	/* Zero .bss (QEMU does, but the ELF contract does not promise it). */
	lla	t0, __bss_start
	lla	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	call	riscv_boot		/* a0, a1 untouched: hart, dtb */
3:	wfi
	j	3b

	/* The boot page table is pure constants: 1 GiB leaves only. */
	.section .data.boot_pt, "aw"
	.balign 4096
	.globl boot_pt
boot_pt:
	.quad	0, 0
	.quad	GIGA(0x80000000) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
	.fill	253, 8, 0
	.set	gb, 0
	.rept	64
	.quad	GIGA(gb << 30) | PTE_V | PTE_R | PTE_W | PTE_G | PTE_A | PTE_D
	.set	gb, gb + 1
	.endr
	.fill	190, 8, 0
	.quad	GIGA(0x80000000) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_G | PTE_A | PTE_D
	.quad	0

	.section .bss.boot_stack, "aw", @nobits
	.balign 16
boot_stack:
	.space	16384
	.globl	boot_stack_top
boot_stack_top:
