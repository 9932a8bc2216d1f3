/*
 * Hot x86_64 primitives as static inline bodies (contract in arch.h):
 * interrupt masking through RFLAGS.IF, 4-level PTE encoding, and the port
 * I/O, MSR and control-register helpers the arch files share.
 */
#ifndef ARCH_X86_INLINE_H
#define ARCH_X86_INLINE_H

#include <stdbool.h>
#include <stdint.h>

#define RFLAGS_IF (1ul << 9)

static inline unsigned long arch_irq_save(void)
{
	unsigned long f;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(f) :: "memory");
	return f & RFLAGS_IF;
}

static inline void arch_irq_restore(unsigned long flags)
{
	if (flags & RFLAGS_IF)
		__asm__ volatile("sti" ::: "memory");
}

static inline void arch_irq_enable(void) { __asm__ volatile("sti" ::: "memory"); }
static inline void arch_irq_disable(void) { __asm__ volatile("cli" ::: "memory"); }

static inline uintptr_t arch_frame_pointer(void)
{
	return (uintptr_t)__builtin_frame_address(0);
}

/* ---- kernel stack top (contract in arch.h) ------------------------------ */

/*
 * Per-CPU data, reached through the GS base in the syscall entry (which
 * has no other free register to find the kernel stack with). In ring 0
 * IA32_GS_BASE points here; in ring 3 it holds the user's GS base and
 * IA32_KERNEL_GS_BASE points here; swapgs exchanges the two on every
 * crossing. Offsets in x86asm.h.
 */
struct x86_percpu {
	uint64_t kstack_top;    /* PERCPU_KSTACK */
	uint64_t user_rsp;      /* PERCPU_USER_RSP */
};
extern struct x86_percpu x86_percpu;

/* 64-bit TSS: in long mode it holds no task state, only the stack
 * pointers the CPU loads on a privilege change (rsp0) or for IDT gates
 * that name an IST slot. */
struct x86_tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

extern struct x86_tss x86_tss;   /* arch/x86/cpu.c */

/* Inline: it is on every switch. The syscall entry finds the top in the
 * per-CPU block, interrupts and exceptions from ring 3 in TSS.rsp0; the
 * latter align it down to 16 before pushing and the former do not, so an
 * unaligned top would put the two kinds of frame at different addresses
 * (every top is a kernel stack's end, 16-aligned). */
static inline void arch_set_kernel_stack(uintptr_t top)
{
	x86_percpu.kstack_top = top;
	x86_tss.rsp[0] = top;
}

/* ---- FP/SIMD registers (arch/x86/fpu.c; contract in arch.h) ------------- */

/* Whose values the x87/SSE registers hold (NULL: nobody's). */
extern struct arch_fpu *x86_fpu_live;

/* Eager: x86 has no dirty bit, so the state of a task leaving the CPU is
 * always saved (docs/decisions.md has the figures and the lazy
 * alternative). A task leaving is the one that ran, so the registers hold
 * its values. The 64-bit forms keep the full x87 instruction and operand
 * pointers. */
static inline void arch_fpu_leave(struct arch_fpu *fpu, struct trap_frame *tf)
{
	(void)tf;
	__asm__ volatile("fxsave64 %0" : "=m"(*fpu));
}

static inline void arch_fpu_enter(struct arch_fpu *fpu, struct trap_frame *tf)
{
	(void)tf;
	if (x86_fpu_live != fpu) {
		__asm__ volatile("fxrstor64 %0" :: "m"(*fpu));
		x86_fpu_live = fpu;
	}
}

/* ---- 4-level page-table entries ---------------------------------------- */

typedef uint64_t pte_t;

#define PTE_P   (1ull << 0)   /* present */
#define PTE_W   (1ull << 1)   /* writable */
#define PTE_U   (1ull << 2)   /* user accessible */
#define PTE_PWT (1ull << 3)   /* write-through */
#define PTE_PCD (1ull << 4)   /* cache disable */
#define PTE_A   (1ull << 5)   /* accessed */
#define PTE_D   (1ull << 6)   /* dirty */
#define PTE_PS  (1ull << 7)   /* leaf at PD/PDPT level (2 MiB / 1 GiB) */
#define PTE_G   (1ull << 8)   /* global: survives CR3 reloads (CR4.PGE) */
#define PTE_NX  (1ull << 63)  /* no execute (needs EFER.NXE) */
#define PTE_COW (1ull << 9)   /* available to software: copy-on-write */
#define PTE_ADDR_MASK 0x000ffffffffff000ull

/* The CPU ANDs the rights of every level, so table entries grant all of
 * them and the leaf alone decides. */
static inline pte_t arch_pte_table(uint64_t pa)
{
	return (pa & PTE_ADDR_MASK) | PTE_P | PTE_W | PTE_U;
}

/* A and D are set up front: Pith does not age pages, and setting them
 * saves the CPU a locked write-back on first touch. x86 cannot express
 * "present but not readable", so every present page is readable. Kernel
 * pages are global so a CR3 switch keeps them in the TLB. */
static inline pte_t arch_pte_leaf(uint64_t pa, unsigned prot, unsigned level)
{
	pte_t pte = (pa & PTE_ADDR_MASK) | PTE_P | PTE_A | PTE_D;

	if (level > 0)
		pte |= PTE_PS;
	if (prot & PT_WRITE)
		pte |= PTE_W;
	if (!(prot & PT_EXEC))
		pte |= PTE_NX;
	pte |= (prot & PT_USER) ? PTE_U : PTE_G;
	if (prot & PT_COW)
		pte |= PTE_COW;
	return pte;
}

static inline bool arch_pte_present(pte_t pte) { return pte & PTE_P; }

/* The lowest level has no PS bit: every present PTE there is a leaf. */
static inline bool arch_pte_is_leaf(pte_t pte, unsigned level)
{
	return level == 0 || (pte & PTE_PS);
}

static inline uint64_t arch_pte_addr(pte_t pte)
{
	return pte & PTE_ADDR_MASK;
}

static inline unsigned arch_pte_prot(pte_t pte)
{
	return PT_READ | ((pte & PTE_W) ? PT_WRITE : 0) |
	       ((pte & PTE_NX) ? 0 : PT_EXEC) | ((pte & PTE_U) ? PT_USER : 0) |
	       ((pte & PTE_COW) ? PT_COW : 0);
}

/* ---- port I/O, MSRs, control registers ---------------------------------- */

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" :: "a"(v), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" :: "a"(v), "Nd"(port));
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" :: "c"(msr), "a"((uint32_t)v),
			 "d"((uint32_t)(v >> 32)) : "memory");
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t read_cr2(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint64_t read_cr3(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr3" :: "r"(v) : "memory");
}

/* Inline (contract in arch.h): it is on every switch between address
 * spaces. Kernel pages are global and survive the reload. */
static inline void arch_pt_activate(uint64_t root)
{
	write_cr3(root);
}

static inline uint64_t read_cr0(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline void write_cr0(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr0" :: "r"(v) : "memory");
}

static inline uint64_t read_cr4(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void write_cr4(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr4" :: "r"(v) : "memory");
}

/* System call registers: a view of the frame (arch/frame.h). In: rax =
 * number, rdi rsi rdx r10 r8 r9 = r0..r5 (r10, not rcx: the syscall
 * instruction overwrites rcx with the return address). Out: the same six
 * registers, r0 (the result) in rdi; libc's stubs move it to rax. */
static inline struct sysregs *arch_syscall_regs(struct trap_frame *tf)
{
	return (struct sysregs *)&tf->rdi;
}

#endif
