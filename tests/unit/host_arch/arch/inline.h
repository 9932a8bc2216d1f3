/* Host pseudo-arch: interrupt masking is a no-op (single-threaded tests)
 * and a PTE just stores the address and the PT_* rights. */
#ifndef ARCH_HOST_INLINE_H
#define ARCH_HOST_INLINE_H

#include <stdbool.h>
#include <stdint.h>

static inline unsigned long arch_irq_save(void) { return 0; }
static inline void arch_irq_restore(unsigned long flags) { (void)flags; }
static inline void arch_irq_enable(void) {}
static inline void arch_irq_disable(void) {}

static inline uintptr_t arch_frame_pointer(void)
{
	return (uintptr_t)__builtin_frame_address(0);
}

/* Nothing to switch: no MMU, kernel stack or FP registers (sched.h's and
 * aspace.h's inline switch helpers call these). */
static inline void arch_pt_activate(uint64_t root) { (void)root; }
static inline void arch_set_kernel_stack(uintptr_t top) { (void)top; }
struct arch_fpu;
struct trap_frame;
static inline void arch_fpu_leave(struct arch_fpu *fpu, struct trap_frame *tf)
{
	(void)fpu;
	(void)tf;
}
static inline void arch_fpu_enter(struct arch_fpu *fpu, struct trap_frame *tf)
{
	(void)fpu;
	(void)tf;
}

typedef uint64_t pte_t;

#define HOST_PTE_V    0x100u
#define HOST_PTE_LEAF 0x200u

static inline pte_t arch_pte_table(uint64_t pa) { return pa | HOST_PTE_V; }

static inline pte_t arch_pte_leaf(uint64_t pa, unsigned prot, unsigned level)
{
	(void)level;
	return pa | HOST_PTE_V | HOST_PTE_LEAF | (prot & 0xffu);
}

static inline bool arch_pte_present(pte_t pte) { return pte & HOST_PTE_V; }

static inline bool arch_pte_is_leaf(pte_t pte, unsigned level)
{
	(void)level;
	return pte & HOST_PTE_LEAF;
}

static inline uint64_t arch_pte_addr(pte_t pte) { return pte & ~0xfffull; }
static inline unsigned arch_pte_prot(pte_t pte) { return pte & 0xffu; }

/* System call registers: a view of the host frame (the harness calls
 * handlers with a struct sysregs of its own; the fast-path entries, which
 * take a frame, are compiled but not run here). */
struct sysregs;
static inline struct sysregs *arch_syscall_regs(struct trap_frame *tf)
{
	return (struct sysregs *)(void *)tf;
}

#endif
