/*
 * The kernel stack area: every kernel stack (one per task, and the idle
 * loop's) sits in a slot of a fixed virtual region with unmapped guard
 * pages below it, so an overflow traps and is reported as such instead of
 * silently overwriting the memory below. kernel/include/kstack.h has the
 * layout.
 *
 * The stack's frames are still ordinary frames charged to the owner's
 * MemPool; only their address changes (they are no longer used through the
 * physmap). The area's page tables are all made at boot: mapping a stack
 * then never allocates, and since they hang below root entries fixed before
 * any address space is created, every space sees every stack.
 *
 * Entry points: kstack_init, kstack_alloc, kstack_free, kstack_slots_free,
 * kstack_in_guard, kstack_check_trap.
 */
#include "kstack.h"
#include "object.h"
#include "panic.h"
#include "pt.h"
#include "uapi/errno.h"

_Static_assert(ARCH_KSTACK_BASE % KSTACK_SLOT_SIZE == 0, "slot alignment");
_Static_assert(KSTACK_SLOTS % 64 == 0, "whole bitmap words");

static uint64_t used[KSTACK_SLOTS / 64];  /* 1 = slot taken */
static uint64_t owner[KSTACK_SLOTS];      /* task id, for the report */
static size_t nfree;
static size_t cursor;                     /* where the next search starts */

static vaddr_t slot_stack(size_t slot)
{
	return ARCH_KSTACK_BASE + slot * KSTACK_SLOT_SIZE +
	       KSTACK_GUARD_PAGES * PAGE_SIZE;
}

int kstack_init(void)
{
	nfree = KSTACK_SLOTS;
	return pt_kernel_prealloc(ARCH_KSTACK_BASE, KSTACK_AREA_SIZE);
}

/* A free slot, searched from the cursor on, so a freed stack's addresses
 * stay unmapped for a while (a stale pointer into it faults). */
static int slot_take(size_t *out)
{
	for (size_t n = 0; n < KSTACK_SLOTS; n++) {
		size_t s = (cursor + n) % KSTACK_SLOTS;
		if (!(used[s / 64] & (1ull << (s % 64)))) {
			used[s / 64] |= 1ull << (s % 64);
			cursor = (s + 1) % KSTACK_SLOTS;
			nfree--;
			*out = s;
			return 0;
		}
	}
	return -ENOMEM;
}

static void slot_give(size_t s)
{
	assert(used[s / 64] & (1ull << (s % 64)));
	used[s / 64] &= ~(1ull << (s % 64));
	nfree++;
}

int kstack_alloc(struct mempool *pool, uint64_t who, uintptr_t *base)
{
	size_t slot;
	paddr_t pa;
	int err = slot_take(&slot);

	if (err)
		return err;
	err = pool_frames(pool, KSTACK_PAGES, &pa);
	if (err) {
		slot_give(slot);
		return err;
	}
	vaddr_t va = slot_stack(slot);
	for (size_t i = 0; i < KSTACK_PAGES; i++) {
		/* The tables exist (kstack_init) and the slot was free: this
		 * cannot fail. The flush drops any stale invalid entry. */
		err = pt_map(arch_kernel_root(), va + i * PAGE_SIZE,
			     pa + i * PAGE_SIZE, PT_READ | PT_WRITE, NULL);
		assert(err == 0);
		arch_tlb_flush_page(va + i * PAGE_SIZE);
	}
	owner[slot] = who;
	*base = va;
	return 0;
}

void kstack_free(struct mempool *pool, uintptr_t base)
{
	size_t slot = (base - ARCH_KSTACK_BASE) / KSTACK_SLOT_SIZE;
	struct pt_lookup l = pt_lookup(arch_kernel_root(), base);

	assert(slot < KSTACK_SLOTS && base == slot_stack(slot) && l.err == 0);
	/* pt_unmap flushes each page from the TLB. */
	for (size_t i = 0; i < KSTACK_PAGES; i++)
		if (pt_unmap(arch_kernel_root(), base + i * PAGE_SIZE, NULL) < 0)
			panic("kernel stack %p not mapped", (void *)base);
	pool_frames_free(pool, l.pa, KSTACK_PAGES);
	slot_give(slot);
}

size_t kstack_slots_free(void)
{
	return nfree;
}

/* The slot whose guard holds va, or -1. */
static long guard_slot(vaddr_t va)
{
	vaddr_t off = va - ARCH_KSTACK_BASE;

	if (va < ARCH_KSTACK_BASE || off >= KSTACK_AREA_SIZE ||
	    off % KSTACK_SLOT_SIZE >= KSTACK_GUARD_PAGES * PAGE_SIZE)
		return -1;
	return (long)(off / KSTACK_SLOT_SIZE);
}

bool kstack_in_guard(vaddr_t va)
{
	return guard_slot(va) >= 0;
}

void kstack_check_trap(const struct trap_frame *tf, const struct trap_info *ti)
{
	vaddr_t sp = arch_frame_sp(tf);
	long slot = -1;

	/* A fault on the guard (x86 reports it as a double fault, since the
	 * CPU could not push the page fault's frame; trap_info.addr is still
	 * the address), or a stack pointer already in it or at its edge. */
	if (ti->kind == TRAP_PAGE_FAULT || ti->kind == TRAP_MACHINE)
		slot = guard_slot(ti->addr);
	if (slot < 0)
		slot = guard_slot(sp);
	if (slot < 0)
		slot = guard_slot(sp - 1);
	if (slot < 0)
		return;
	/* The arch contract: an overflow is handled off the area (RISC-V's
	 * emergency stack, x86's double-fault IST stack). Here on a kernel
	 * stack, the trap entry has saved its frames on whatever was mapped
	 * below the guard: say so rather than pretend all is well. */
	vaddr_t here = arch_frame_pointer() - ARCH_KSTACK_BASE;
	if (here < KSTACK_AREA_SIZE)
		panic("kernel stack overflow handled on a kernel stack (%p): "
		      "the trap entry did not switch stacks",
		      (void *)arch_frame_pointer());
	vaddr_t stack = slot_stack((size_t)slot);
	if (owner[slot] == KSTACK_OWNER_IDLE)
		panic_trap_why(tf, ti,
			       "kernel stack overflow on the idle stack %p-%p, "
			       "fault at %p, sp %p", (void *)stack,
			       (void *)(stack + KSTACK_SIZE), (void *)ti->addr,
			       (void *)sp);
	panic_trap_why(tf, ti,
		       "kernel stack overflow in task %llu, stack %p-%p, "
		       "fault at %p, sp %p", (unsigned long long)owner[slot],
		       (void *)stack, (void *)(stack + KSTACK_SIZE),
		       (void *)ti->addr, (void *)sp);
}
