/*
 * entry.S - PVH boot entry: from 32-bit protected mode at physical
 * addresses to 64-bit long mode in the higher half, then x86_boot().
 *
 * How QEMU gets here (-kernel pith.elf, an ELF64 that is not a bzImage):
 * QEMU refuses Multiboot1 for ELF64, so it looks for the Xen PVH note
 * below (type XEN_ELFNOTE_PHYS32_ENTRY, in a PT_NOTE segment), loads every
 * PT_LOAD segment at its p_paddr (the linker script puts the image at
 * physical 0x100000 with AT()) and zero-fills .bss. Its pvh.bin option
 * ROM then builds a struct hvm_start_info below 1 MiB (memory map from the
 * e820 table, -append as the command line, -initrd as module 0) and jumps
 * to the note's physical address with:
 *   - 32-bit protected mode, flat 4 GiB CS/DS/ES/SS, paging off;
 *   - ebx = physical address of struct hvm_start_info;
 *   - interrupts off, no stack promised, no IDT we may rely on.
 * e_entry is ignored.
 *
 * This code is linked at the higher-half virtual address but runs at the
 * physical one, so until the jump to the higher half every absolute
 * address is written PA(symbol) and every jump is pc-relative.
 *
 * Steps: zero .bss, build the boot page tables, enable PAE, EFER.LME and
 * EFER.NXE, then paging, far-jump into 64-bit mode, jump to the higher
 * half, switch to the boot stack, drop the identity mapping and call
 * x86_boot(start_info_pa) with rbp = 0 so backtraces end there.
 *
 * Boot page tables (all in .bss, reachable later through arch_kernel_root):
 *   PML4[0]   -> identity PDPT: PA 0..1 GiB, only for the mode switch
 *   PML4[256] -> physmap PDPT: PA 0..4 GiB at 0xffff800000000000, 2 MiB
 *                pages, global, no-execute
 *   PML4[511] -> kernel PDPT, entry 510: PA 0..1 GiB at 0xffffffff80000000,
 *                2 MiB pages, global, executable (shares the PD with the
 *                identity map, which is what lets the switch run)
 * Memory types come from the firmware's MTRRs (UC over the PCI/LAPIC hole);
 * our PTEs keep PAT type WB, and MTRR UC wins, so MMIO is uncached.
 */
#define KERNEL_OFFSET 0xffffffff80000000
#define PA(x) ((x) - KERNEL_OFFSET)

#define CR0_PE   (1 << 0)
#define CR0_WP   (1 << 16)   /* honour read-only pages in ring 0 too */
#define CR0_PG   (1 << 31)
#define CR4_PAE  (1 << 5)
#define CR4_PGE  (1 << 7)
#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)

#define PTE_P  0x001
#define PTE_W  0x002
#define PTE_PS 0x080
#define PTE_G  0x100
#define PTE_NX_HI 0x80000000  /* bit 63, in the entry's high dword */

#define SEG_KCODE 0x08
#define SEG_KDATA 0x10

/*
 * The PVH note. QEMU reads the descriptor as a 64-bit value right after
 * the 4-byte-aligned name, so it is a .quad and the section stays 4-aligned
 * (QEMU aligns the name by the PT_NOTE segment's p_align).
 */
	.section .note.Xen, "a", @note
	.balign 4
	.long 4                 /* namesz: "Xen\0" */
	.long 8                 /* descsz */
	.long 18                /* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.balign 4
	.quad PA(pvh_start32)

	.section .text.boot, "ax"
	.code32
	.globl pvh_start32
pvh_start32:
	cld
	movl $PA(boot_stack_top), %esp

	/* Zero .bss ourselves: QEMU does, but other PVH loaders need not,
	 * and the page tables below must start empty. ebx is kept. */
	movl $PA(__bss_start), %edi
	movl $PA(__bss_end), %ecx
	subl %edi, %ecx
	xorl %eax, %eax
	rep stosb

	/* Kernel PD: 512 x 2 MiB covering PA 0..1 GiB, executable. */
	movl $PA(boot_pd_kernel), %edi
	movl $(PTE_P | PTE_W | PTE_PS | PTE_G), %eax
	movl $512, %ecx
1:	movl %eax, (%edi)
	addl $0x200000, %eax
	addl $8, %edi
	loop 1b

	/* Physmap PDs: 4 x 512 x 2 MiB covering PA 0..4 GiB, no-execute. The
	 * low dword wraps to 0 after the last entry; nothing uses it then. */
	movl $PA(boot_pd_phys), %edi
	movl $(PTE_P | PTE_W | PTE_PS | PTE_G), %eax
	movl $2048, %ecx
1:	movl %eax, (%edi)
	movl $PTE_NX_HI, 4(%edi)
	addl $0x200000, %eax
	addl $8, %edi
	loop 1b

	/* Physmap PDPT: entries 0..3 -> the four PDs. */
	movl $PA(boot_pdpt_phys), %edi
	movl $(PA(boot_pd_phys) + PTE_P + PTE_W), %eax
	movl $4, %ecx
1:	movl %eax, (%edi)
	addl $4096, %eax
	addl $8, %edi
	loop 1b

	movl $(PA(boot_pd_kernel) + PTE_P + PTE_W), %eax
	movl %eax, PA(boot_pdpt_ident)
	movl %eax, PA(boot_pdpt_kernel) + 510 * 8
	movl $(PA(boot_pdpt_ident) + PTE_P + PTE_W), PA(boot_pml4)
	movl $(PA(boot_pdpt_phys) + PTE_P + PTE_W), PA(boot_pml4) + 256 * 8
	movl $(PA(boot_pdpt_kernel) + PTE_P + PTE_W), PA(boot_pml4) + 511 * 8

	/* Long mode: the GDT with a 64-bit code segment first, then PAE and
	 * the root table, then EFER (NXE before any NX bit is walked, else
	 * the NX bit is a reserved-bit fault), then paging. Setting CR0.PG
	 * with EFER.LME activates long mode in its 32-bit compatibility
	 * submode; the far jump loads the 64-bit CS. */
	lgdt PA(boot_gdt_ptr32)
	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $PA(boot_pml4), %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl $(EFER_LME | EFER_NXE), %eax
	wrmsr
	movl %cr0, %eax
	orl $(CR0_PE | CR0_WP | CR0_PG), %eax
	movl %eax, %cr0
	ljmp $SEG_KCODE, $PA(start64_low)

	.code64
start64_low:
	/* 64-bit, still at the physical address through the identity map. */
	movabsq $start64_high, %rax
	jmp *%rax

start64_high:
	/* Tell debuggers this is the outermost frame (our own backtraces
	 * stop at rbp = 0 instead). */
	.cfi_sections .debug_frame
	.cfi_startproc
	.cfi_undefined rip
	/* Higher half. Reload GDTR with the GDT's virtual address before the
	 * identity map (which its physical base relies on) goes away. */
	lgdt boot_gdt_ptr64(%rip)
	movl $SEG_KDATA, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs
	leaq boot_stack_top(%rip), %rsp
	xorl %ebp, %ebp

	/* Drop the identity map, then turn on global pages: toggling
	 * CR4.PGE flushes the whole TLB, global entries included, so no
	 * stale low translation survives. */
	movq $0, boot_pml4(%rip)
	movq %cr3, %rax
	movq %rax, %cr3
	movq %cr4, %rax
	orq $CR4_PGE, %rax
	movq %rax, %cr4

	movl %ebx, %edi         /* zero-extends: start_info physical address */
	call x86_boot
1:	cli
	hlt
	jmp 1b
	.cfi_endproc

	.section .rodata.boot_gdt, "a"
	.balign 8
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff        /* 0x08: 64-bit code, ring 0 */
	.quad 0x00cf92000000ffff        /* 0x10: data, ring 0 */
boot_gdt_end:
boot_gdt_ptr32:
	.word boot_gdt_end - boot_gdt - 1
	.long PA(boot_gdt)
boot_gdt_ptr64:
	.word boot_gdt_end - boot_gdt - 1
	.quad boot_gdt

	.section .bss.boot, "aw", @nobits
	.balign 4096
	.globl boot_pml4
boot_pml4:        .skip 4096
boot_pdpt_ident:  .skip 4096
boot_pdpt_phys:   .skip 4096
boot_pdpt_kernel: .skip 4096
boot_pd_kernel:   .skip 4096
boot_pd_phys:     .skip 4 * 4096
	.balign 16
	.globl boot_stack, boot_stack_top
boot_stack:       .skip 16384
boot_stack_top:
