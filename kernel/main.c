/*
 * kmain: the portable half of boot. The arch code has set up paging,
 * traps and the console and described the machine in a struct boot_info;
 * here the kernel builds its allocators, moves to the guarded idle stack,
 * reads the boot image, starts the tick, and (in the self-test image) runs
 * the in-kernel tests.
 */
#include "arch.h"
#include "aspace.h"
#include "bootimage.h"
#include "console.h"
#include "kstack.h"
#include "panic.h"
#include "pmm.h"
#include "pt.h"
#include "roottask.h"
#include "selftest.h"
#include "sched.h"
#include "task.h"
#include "timer.h"

static void *boot_p2v(paddr_t pa)
{
	return phys_to_virt(pa);
}

static void print_ranges(const char *what, const struct mem_range *r,
			 unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		kprintf("  %-8s %#014llx - %#014llx (%llu KiB)\n", what,
			(unsigned long long)r[i].base,
			(unsigned long long)(r[i].base + r[i].size),
			(unsigned long long)(r[i].size >> 10));
}

/* The rest of boot, on the guarded idle stack. */
static struct boot_info *boot_info;

static noreturn void kmain_idle_stack(void)
{
	struct boot_info *bi = boot_info;

	if (frame_table_init() < 0)
		panic("no room for the frame table");

	bootimage_init(bi);

	kprintf("timer: %s\n", arch_timer_start(TIMER_HZ));
	arch_irq_enable();

#ifdef PITH_SELFTEST
	selftest_run(bi);
#endif
	roottask_start(bi);
	kprintf("pith: boot complete (QEMU: Ctrl-A X quits)\n");
	sched_idle_loop();
}

/*
 * Leave the boot stack (in the kernel image, where nothing guards its
 * bottom) for a stack in the kernel stack area, which the idle loop keeps
 * for good. The boot stack is not used again.
 */
static noreturn void switch_to_idle_stack(struct boot_info *bi)
{
	static struct arch_context boot_ctx, idle_ctx;
	uintptr_t base;

	if (kstack_init() < 0 || kstack_alloc(NULL, KSTACK_OWNER_IDLE, &base) < 0)
		panic("cannot build the kernel stack area");
	boot_info = bi;
	arch_context_init(&idle_ctx, base + KSTACK_SIZE, kmain_idle_stack);
	arch_context_switch(&boot_ctx, &idle_ctx);
	panic("back on the boot stack");
}

noreturn void kmain(struct boot_info *bi)
{
	kprintf("\nPith " PITH_VERSION " on " ARCH_NAME "\n");
	kprintf("firmware: %s\n", bi->firmware);
	kprintf("command line: \"%s\"\n", bi->cmdline);

	print_ranges("ram", bi->ram, bi->nram);
	print_ranges("reserved", bi->reserved, bi->nreserved);
	if (pmm_init_boot(&kernel_pmm, bi, boot_p2v) < 0)
		panic("no room for the frame bitmap");
	kprintf("memory: %zu frames (%zu MiB) free of %zu in span\n",
		kernel_pmm.nfree, kernel_pmm.nfree >> (20 - PAGE_SHIFT),
		kernel_pmm.nframes);
	if (pt_kernel_init() < 0)
		panic("cannot build the kmap window's page tables");
	switch_to_idle_stack(bi);
}
