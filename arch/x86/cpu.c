/*
 * cpu.c - the x86_64 descriptor tables: the final GDT (replacing the
 * three-entry boot GDT of entry.S), the TSS with its interrupt stacks,
 * the IDT pointing at the stubs of vectors.S, and the legacy 8259 PIC,
 * which is remapped away from the exception vectors and masked because
 * Pith takes its interrupts through the LAPIC (and later the IOAPIC).
 *
 * Entry points: x86_cpu_init() (from boot.c, interrupts off); the TSS
 * itself (x86_tss, arch/inline.h) for arch_set_kernel_stack.
 */
#include "x86.h"

_Static_assert(sizeof(struct x86_tss) == 104, "TSS layout");

struct idt_gate {
	uint16_t off_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;
	uint16_t off_mid;
	uint32_t off_hi;
	uint32_t reserved;
};

_Static_assert(sizeof(struct idt_gate) == 16, "IDT gate layout");

struct table_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

/* Gate type: present, 64-bit interrupt gate (clears IF on entry), and the
 * lowest ring allowed to raise the vector with an "int n" instruction. */
#define GATE_INTR(dpl) (0x8e | ((dpl) << 5))

/* Stacks of their own for the traps that may strike when the current
 * stack is unusable: a double fault is often a kernel stack overflow, and
 * an NMI or machine check can land anywhere, even mid-switch. */
#define IST_STACK_SIZE 8192
static uint8_t ist_stacks[3][IST_STACK_SIZE] aligned(16);

struct x86_tss x86_tss aligned(16);
static struct idt_gate idt[256] aligned(16);

/*
 * Flat segments: in long mode base and limit are ignored for CS/DS/SS;
 * what counts is L (64-bit code), DPL and present. The TSS descriptor is
 * 16 bytes, so it takes two slots.
 */
static uint64_t gdt[7] aligned(16) = {
	[0] = 0,
	[SEG_KCODE / 8] = 0x00af9a000000ffffull,  /* code, ring 0, L */
	[SEG_KDATA / 8] = 0x00cf92000000ffffull,  /* data, ring 0 */
	[SEG_UDATA / 8] = 0x00cff2000000ffffull,  /* data, ring 3 */
	[SEG_UCODE / 8] = 0x00affa000000ffffull,  /* code, ring 3, L */
	/* [5], [6]: the TSS, filled in at run time */
};

static void gdt_set_tss(void)
{
	uint64_t base = (uint64_t)(uintptr_t)&x86_tss;
	uint64_t limit = sizeof(x86_tss) - 1;

	gdt[SEG_TSS / 8] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
			   (0x89ull << 40) |   /* present, available 64-bit TSS */
			   (((limit >> 16) & 0xf) << 48) |
			   (((base >> 24) & 0xff) << 56);
	gdt[SEG_TSS / 8 + 1] = base >> 32;
}

static void gdt_load(void)
{
	struct table_ptr p = { sizeof(gdt) - 1, (uint64_t)(uintptr_t)gdt };

	/* A new GDT takes effect for a segment register only when it is
	 * reloaded: CS through a far return, the data segments by mov. */
	__asm__ volatile(
		"lgdt %0\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movl %2, %%eax\n\t"
		"movl %%eax, %%ds\n\t"
		"movl %%eax, %%es\n\t"
		"movl %%eax, %%ss\n\t"
		"ltr %w3"
		:: "m"(p), "i"(SEG_KCODE), "i"(SEG_KDATA), "r"(SEG_TSS)
		: "rax", "memory");
}

static void idt_set(unsigned vec, uint64_t handler, unsigned ist, unsigned dpl)
{
	idt[vec] = (struct idt_gate){
		.off_lo = handler & 0xffff,
		.selector = SEG_KCODE,
		.ist = ist,
		.type = GATE_INTR(dpl),
		.off_mid = (handler >> 16) & 0xffff,
		.off_hi = handler >> 32,
	};
}

static void idt_load(void)
{
	struct table_ptr p = { sizeof(idt) - 1, (uint64_t)(uintptr_t)idt };

	for (unsigned v = 0; v < 256; v++)
		idt_set(v, x86_vector_table[v], 0, 0);
	/* int3 may come from user code (debuggers); everything else raised by
	 * "int n" from ring 3 is a #GP instead of a forged interrupt. */
	idt_set(3, x86_vector_table[3], 0, 3);
	idt_set(2, x86_vector_table[2], IST_NMI, 0);
	idt_set(8, x86_vector_table[8], IST_DOUBLE_FAULT, 0);
	idt_set(18, x86_vector_table[18], IST_MACHINE, 0);
	__asm__ volatile("lidt %0" :: "m"(p) : "memory");
}

/* Short delay between PIC writes: old 8259s need it, and port 0x80 (the
 * POST code port) is the traditional harmless target. */
static void io_wait(void)
{
	outb(0x80, 0);
}

/*
 * The 8259 pair starts with IRQ 0-7 on vectors 8-15, on top of CPU
 * exceptions. Reinitialise it with vector bases 0x20/0x28 (so a stray or
 * spurious IRQ is recognisable) and mask every line: the LAPIC timer and
 * the IOAPIC deliver the interrupts Pith uses.
 */
static void pic_disable(void)
{
	outb(0x20, 0x11); io_wait();    /* ICW1: init, ICW4 follows */
	outb(0xa0, 0x11); io_wait();
	outb(0x21, VEC_PIC_BASE); io_wait();      /* ICW2: vector base */
	outb(0xa1, VEC_PIC_BASE + 8); io_wait();
	outb(0x21, 0x04); io_wait();    /* ICW3: slave on IRQ 2 */
	outb(0xa1, 0x02); io_wait();    /* ICW3: slave identity */
	outb(0x21, 0x01); io_wait();    /* ICW4: 8086 mode */
	outb(0xa1, 0x01); io_wait();
	outb(0x21, 0xff);               /* mask all */
	outb(0xa1, 0xff);
}

void x86_cpu_init(void)
{
	x86_tss.rsp[0] = (uint64_t)(uintptr_t)boot_stack_top;
	for (unsigned i = 0; i < 3; i++)
		x86_tss.ist[i] = (uint64_t)(uintptr_t)(ist_stacks[i] + IST_STACK_SIZE);
	x86_tss.iomap_base = sizeof(x86_tss);   /* no I/O bitmap: ring 3 gets no ports */
	gdt_set_tss();
	gdt_load();
	idt_load();
	pic_disable();
}
