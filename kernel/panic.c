/*
 * panic(): report a broken kernel invariant or an unexpected kernel trap,
 * with a backtrace through the frame-pointer chain, then stop the machine
 * with the "fail" status so a test harness sees it at once.
 */
#include "arch.h"
#include "console.h"
#include "kstack.h"
#include "panic.h"

static bool panicking;

void backtrace_print(uintptr_t fp)
{
	kprintf("backtrace:\n");
	for (int depth = 0; depth < 32 && fp; depth++) {
		/* Only follow frames in the kernel half, aligned, growing
		 * upwards: a corrupt chain must not fault inside the panic. */
		if (fp < ARCH_PHYSMAP_BASE || fp % sizeof(uintptr_t))
			break;
		/* After a stack overflow the innermost record may be in the
		 * guard page below the stack. */
		if (kstack_in_guard(fp + ARCH_FP_RA_OFF) ||
		    kstack_in_guard(fp + ARCH_FP_PREV_OFF))
			break;
		uintptr_t ra = *(uintptr_t *)(fp + ARCH_FP_RA_OFF);
		uintptr_t prev = *(uintptr_t *)(fp + ARCH_FP_PREV_OFF);
		if (!ra)
			break;
		kprintf("  #%d %p\n", depth, (void *)ra);
		if (prev <= fp)
			break;
		fp = prev;
	}
}

/* A second panic (from inside the first) stops at once. */
static void panic_enter(void)
{
	arch_irq_disable();
	if (panicking) {
		kprintf("\nPANIC while panicking\n");
		arch_poweroff(1);
	}
	panicking = true;
}

/* Enter the panic and print "PANIC: <message>". */
static void headline(const char *fmt, va_list ap)
{
	panic_enter();
	kprintf("\nPANIC: ");
	kvprintf(fmt, ap);
	kprintf("\n");
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	headline(fmt, ap);
	va_end(ap);
	backtrace_print(arch_frame_pointer());
	arch_poweroff(1);
}

/* The trap line, every register and the backtrace; then stop. */
static noreturn void trap_report(const struct trap_frame *tf,
				 const struct trap_info *ti)
{
	kprintf("kernel trap: %s at pc %p", trap_kind_name(ti->kind),
		(void *)ti->pc);
	if (ti->kind == TRAP_PAGE_FAULT)
		kprintf(", %s of %p",
			ti->access & TRAP_ACCESS_WRITE ? "write" :
			ti->access & TRAP_ACCESS_EXEC ? "execute" : "read",
			(void *)ti->addr);
	kprintf(" (cause %#llx)\n", (unsigned long long)ti->cause);
	arch_frame_print(tf);
	kprintf("  #-1 %p (trapping pc)\n", (void *)arch_frame_pc(tf));
	backtrace_print(arch_frame_fp(tf));
	arch_poweroff(1);
}

void panic_trap(const struct trap_frame *tf, const struct trap_info *ti)
{
	panic_enter();
	kprintf("\nPANIC: ");
	trap_report(tf, ti);
}

void panic_trap_why(const struct trap_frame *tf, const struct trap_info *ti,
		    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	headline(fmt, ap);
	va_end(ap);
	trap_report(tf, ti);
}
