/*
 * Hot RISC-V primitives as static inline bodies (contract in arch.h):
 * interrupt masking through sstatus.SIE and Sv39 PTE encoding.
 */
#ifndef ARCH_RISCV_INLINE_H
#define ARCH_RISCV_INLINE_H

#include <stdbool.h>
#include <stdint.h>

#define SSTATUS_SIE (1ul << 1)
#define SSTATUS_SPIE (1ul << 5)
#define SSTATUS_SPP (1ul << 8)
#define SSTATUS_SUM (1ul << 18)
#define SSTATUS_FS (3ul << 13)          /* FP status: */
#define SSTATUS_FS_OFF (0ul << 13)      /*   FP instructions trap */
#define SSTATUS_FS_INITIAL (1ul << 13)  /*   all registers zero */
#define SSTATUS_FS_CLEAN (2ul << 13)    /*   the saved copy is current */
#define SSTATUS_FS_DIRTY (3ul << 13)    /*   written since the last save */
#define SSTATUS_SD (1ul << 63)          /* read-only: FS (or XS, VS) Dirty */

#define csr_read(csr) ({ unsigned long v_; \
	__asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write(csr, val) \
	__asm__ volatile("csrw " #csr ", %0" :: "rK"(val) : "memory")
#define csr_set(csr, bits) \
	__asm__ volatile("csrs " #csr ", %0" :: "rK"(bits) : "memory")
#define csr_clear(csr, bits) \
	__asm__ volatile("csrc " #csr ", %0" :: "rK"(bits) : "memory")

static inline unsigned long arch_irq_save(void)
{
	unsigned long s;

	__asm__ volatile("csrrci %0, sstatus, 2" : "=r"(s) :: "memory");
	return s & SSTATUS_SIE;
}

static inline void arch_irq_restore(unsigned long flags)
{
	csr_set(sstatus, flags);
}

static inline void arch_irq_enable(void) { csr_set(sstatus, SSTATUS_SIE); }
static inline void arch_irq_disable(void) { csr_clear(sstatus, SSTATUS_SIE); }

static inline uintptr_t arch_frame_pointer(void)
{
	return (uintptr_t)__builtin_frame_address(0);
}

/* ---- FP registers (arch/riscv/fpu.c; contract in arch.h) ----------------- */

/* What f0-f31/fcsr hold: a struct arch_fpu's id (NULL: unknown). */
extern const void *riscv_fpu_live;
extern const char riscv_fpu_zero_id;
void riscv_fpu_leave_dirty(struct arch_fpu *fpu, struct trap_frame *tf);
void riscv_fpu_enter_slow(struct arch_fpu *fpu);

/* The hot paths are a test or two: save only a Dirty task (sstatus.SD,
 * the sign bit, says so), load only one whose values are not there. Two
 * tasks that never used FP share the zeros and pay nothing more. */
static inline void arch_fpu_leave(struct arch_fpu *fpu, struct trap_frame *tf)
{
	if ((int64_t)tf->sstatus < 0)
		riscv_fpu_leave_dirty(fpu, tf);
}

static inline void arch_fpu_enter(struct arch_fpu *fpu, struct trap_frame *tf)
{
	(void)tf;
	if (riscv_fpu_live != fpu->id)
		riscv_fpu_enter_slow(fpu);
}

/* Nothing to do: trap_return points sscratch at the top of the frame it
 * returns from (arch/riscv/trap_entry.S). */
static inline void arch_set_kernel_stack(uintptr_t top)
{
	(void)top;
}

/* System call registers: a view of a0..a7 in the frame (arch/frame.h). */
static inline struct sysregs *arch_syscall_regs(struct trap_frame *tf)
{
	return (struct sysregs *)&tf->regs[9]; /* a0 */
}

/* ---- Sv39 translation (contract in arch.h) ------------------------------ */

#define SATP_SV39 (8ull << 60)

/* Inline: it is on every switch between address spaces. Without ASIDs
 * the new root needs the whole TLB flushed (but global kernel pages). */
static inline void arch_pt_activate(uint64_t root)
{
	csr_write(satp, SATP_SV39 | (root >> 12));
	__asm__ volatile("sfence.vma" ::: "memory");
}

/* ---- Sv39 page-table entries ------------------------------------------- */

typedef uint64_t pte_t;

#define PTE_V (1ul << 0)
#define PTE_R (1ul << 1)
#define PTE_W (1ul << 2)
#define PTE_X (1ul << 3)
#define PTE_U (1ul << 4)
#define PTE_G (1ul << 5)
#define PTE_A (1ul << 6)
#define PTE_D (1ul << 7)
#define PTE_COW (1ul << 8)  /* RSW bit: ours, ignored by the MMU */

static inline pte_t arch_pte_table(uint64_t pa)
{
	return ((pa >> 12) << 10) | PTE_V;
}

/* A and D are set up front: Pith does not use them for page aging, and
 * hardware that traps on A/D clear would only cost faults. W implies R,
 * because W without R is a reserved encoding. */
static inline pte_t arch_pte_leaf(uint64_t pa, unsigned prot, unsigned level)
{
	pte_t pte = ((pa >> 12) << 10) | PTE_V | PTE_A | PTE_D;

	(void)level;
	if (prot & (PT_READ | PT_WRITE))
		pte |= PTE_R;
	if (prot & PT_WRITE)
		pte |= PTE_W;
	if (prot & PT_EXEC)
		pte |= PTE_X;
	pte |= (prot & PT_USER) ? PTE_U : PTE_G;
	if (prot & PT_COW)
		pte |= PTE_COW;
	return pte;
}

static inline bool arch_pte_present(pte_t pte) { return pte & PTE_V; }

static inline bool arch_pte_is_leaf(pte_t pte, unsigned level)
{
	(void)level;
	return pte & (PTE_R | PTE_W | PTE_X);
}

static inline uint64_t arch_pte_addr(pte_t pte)
{
	return ((pte >> 10) & ((1ull << 44) - 1)) << 12;
}

static inline unsigned arch_pte_prot(pte_t pte)
{
	return ((pte & PTE_R) ? PT_READ : 0) | ((pte & PTE_W) ? PT_WRITE : 0) |
	       ((pte & PTE_X) ? PT_EXEC : 0) | ((pte & PTE_U) ? PT_USER : 0) |
	       ((pte & PTE_COW) ? PT_COW : 0);
}

#endif
