/*
 * Kernel stacks (kernel/kstack.c). Every kernel stack lives in one slot of
 * the kernel stack area, a fixed virtual region at ARCH_KSTACK_BASE in the
 * kernel half:
 *
 *   slot i: [ guard: KSTACK_GUARD_PAGES unmapped ][ stack: KSTACK_PAGES ]
 *           ^ ARCH_KSTACK_BASE + i * KSTACK_SLOT_SIZE
 *
 * so running off the bottom of a stack touches an unmapped page and traps
 * instead of overwriting whatever lies below. The guard is as large as the
 * stack, so no stack frame that fits in a stack can jump over it. The area
 * has KSTACK_SLOTS slots; its page tables are built at boot, so every
 * address space (which copies the kernel half of the root) sees every
 * stack mapped later.
 */
#ifndef PITH_KSTACK_H
#define PITH_KSTACK_H

#include "arch.h"

#define KSTACK_PAGES       2
#define KSTACK_SIZE        (KSTACK_PAGES * PAGE_SIZE)
#define KSTACK_GUARD_PAGES 2
#define KSTACK_SLOT_SIZE   ((KSTACK_GUARD_PAGES + KSTACK_PAGES) * PAGE_SIZE)
#define KSTACK_SLOTS       4096
#define KSTACK_AREA_SIZE   ((vaddr_t)KSTACK_SLOTS * KSTACK_SLOT_SIZE)

/* Owner of a stack that belongs to no task (the idle loop's). */
#define KSTACK_OWNER_IDLE 0

struct mempool;

/* Build the page tables of the whole area in the kernel root. Once, at
 * boot, before any other root exists. */
must_check int kstack_init(void);

/*
 * A zeroed kernel stack in a free slot, its frames charged to pool (NULL:
 * uncharged); owner is the task id named if it overflows. *base is its
 * lowest address, the top is *base + KSTACK_SIZE. -ENOMEM if every slot is
 * taken or the pool or the frame allocator is out of memory.
 */
must_check int kstack_alloc(struct mempool *pool, uint64_t owner,
			    uintptr_t *base);

/* Unmap the stack at base (TLB flushed), refund its frames to pool and
 * free its slot. The CPU must not be running on it. */
void kstack_free(struct mempool *pool, uintptr_t base);

/* Slots not in use (self-tests). */
size_t kstack_slots_free(void);

/* Is va inside a guard page of the area? */
bool kstack_in_guard(vaddr_t va);

/*
 * For an exception taken in kernel mode (trap_kernel): if the fault address
 * or the interrupted stack pointer lies in a guard page, panic with
 * "kernel stack overflow", naming the stack's owner. Returns otherwise.
 * The arch has already moved the handler onto a stack that works.
 */
void kstack_check_trap(const struct trap_frame *tf, const struct trap_info *ti);

#endif
