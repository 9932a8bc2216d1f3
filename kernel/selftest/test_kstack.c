/*
 * The kernel stack area (kernel/kstack.c): stacks are mapped with their
 * guard pages unmapped, seen from address spaces made before them, unmapped
 * again when their task dies, and slots run out with -ENOMEM and come back.
 * selftest_crash_stack() is "crash=stack": a task overflows its kernel
 * stack on purpose, and the kernel must report it ("crash=idle-stack": the
 * idle stack the self-tests run on).
 */
#include "kmem.h"
#include "kstack.h"
#include "panic.h"
#include "pmm.h"
#include "pt.h"
#include "selftest.h"
#include "task.h"
#include "uapi/errno.h"

static bool mapped(paddr_t root, vaddr_t va)
{
	return pt_lookup(root, va).err == 0;
}

/* A task's stack: mapped in the kernel root and in an older space, its
 * guard not; after the task is gone, nothing. */
static bool check_one_stack(void)
{
	paddr_t older;
	struct task *t;
	vaddr_t base;

	CHECK(pt_create(&older) == 0);
	t = task_create(NULL);
	CHECK(t);
	base = t->kstack;
	CHECK(base >= ARCH_KSTACK_BASE &&
	      base < ARCH_KSTACK_BASE + KSTACK_AREA_SIZE);
	CHECK((uintptr_t)(t->tf + 1) == base + KSTACK_SIZE);
	for (vaddr_t va = base; va < base + KSTACK_SIZE; va += PAGE_SIZE) {
		CHECK(mapped(arch_kernel_root(), va));
		CHECK(mapped(older, va));
		CHECK(!kstack_in_guard(va));
	}
	for (unsigned i = 1; i <= KSTACK_GUARD_PAGES; i++) {
		CHECK(!mapped(arch_kernel_root(), base - i * PAGE_SIZE));
		CHECK(kstack_in_guard(base - i * PAGE_SIZE));
	}
	/* The stack works through that mapping. */
	((volatile uint64_t *)base)[0] = 0x57acc;
	CHECK(((volatile uint64_t *)base)[0] == 0x57acc);
	obj_put(&t->hdr);
	CHECK(!mapped(arch_kernel_root(), base));
	CHECK(!mapped(older, base + KSTACK_SIZE - 1));
	pt_destroy(older);
	return true;
}

/* Take every free slot, fail the next task with no memory shortage, give
 * them all back, then churn through more tasks than there are slots. */
bool test_kstack_slots(void)
{
	size_t before = kernel_pmm.nfree + kmem_spare_slabs(), slots = kstack_slots_free();
	struct task *list = NULL, *t;
	size_t n = 0;

	CHECK(check_one_stack());
	CHECK(kernel_pmm.nfree + kmem_spare_slabs() == before);
	CHECK(slots > 0 && slots < KSTACK_SLOTS); /* the idle stack has one */
	while ((t = task_create(NULL)) != NULL) {
		t->qnext = list;
		list = t;
		n++;
	}
	CHECK(n == slots);
	CHECK(kstack_slots_free() == 0);
	uintptr_t base;
	CHECK(kstack_alloc(NULL, 0, &base) == -ENOMEM);
	CHECK(kernel_pmm.nfree > 1024); /* it was the slots that ran out */
	while (list) {
		t = list;
		list = t->qnext;
		obj_put(&t->hdr);
	}
	CHECK(kstack_slots_free() == slots);
	for (size_t i = 0; i < KSTACK_SLOTS + KSTACK_SLOTS / 2; i++) {
		t = task_create(NULL);
		CHECK(t);
		((volatile uint64_t *)t->tf)[0] = i;
		obj_put(&t->hdr);
	}
	CHECK(kstack_slots_free() == slots);
	CHECK(kernel_pmm.nfree + kmem_spare_slabs() == before);
	return true;
}

/* ---- crash=stack ------------------------------------------------------ */

/* Never reached, but the compiler cannot know: the recursion is not
 * provably infinite, so it is neither flagged nor folded. */
static volatile unsigned overflow_limit = 1u << 30;

/* 1 KiB of locals per call that the compiler must keep: they are volatile
 * and read back after the inner call returns. */
static __attribute__((noinline)) unsigned overflow(unsigned depth)
{
	volatile uint8_t buf[1024];

	buf[depth % sizeof(buf)] = (uint8_t)depth;
	if (depth >= overflow_limit)
		return buf[0];
	return overflow(depth + 1) + buf[depth % sizeof(buf)];
}

static noreturn void overflow_task(void)
{
	overflow(0);
	panic("crash=stack: the recursion came back");
}

noreturn void selftest_crash_stack(bool idle)
{
	static struct arch_context from;
	struct task *t;

	if (idle) {
		/* The self-tests run on the idle stack. */
		arch_irq_disable();
		overflow_task();
	}
	t = task_create(NULL);

	if (!t)
		panic("crash=stack: no task");
	kprintf("selftest: task %llu recurses on its kernel stack %p-%p\n",
		(unsigned long long)t->id, (void *)t->kstack,
		(void *)(t->kstack + KSTACK_SIZE));
	/* Run overflow_task on the task's own kernel stack (no user mode:
	 * the task is only a stack here). */
	arch_irq_disable();
	arch_context_init(&t->ctx, (uintptr_t)t->tf, overflow_task);
	arch_context_switch(&from, &t->ctx);
	panic("crash=stack: back from the task");
}
