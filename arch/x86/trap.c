/*
 * trap.c - x86_64 trap dispatch. vectors.S saves a struct trap_frame and
 * calls x86_trap() (from ring 0) or x86_trap_user() (from ring 3) with
 * interrupts off; here the vector is sorted into the LAPIC timer tick,
 * IOAPIC device interrupts, ignorable spurious interrupts, and CPU
 * exceptions, which are decoded into a portable struct trap_info for
 * trap_kernel() or trap_user().
 *
 * Entry points: x86_trap(), x86_trap_user(),
 * arch_frame_print/pc/fp/sp/set_pc().
 */
#include "console.h"
#include "panic.h"
#include "timer.h"
#include "x86.h"

/* probe.S hard-codes these values of enum trap_kind. */
_Static_assert(TRAP_PAGE_FAULT == 1 && TRAP_ILLEGAL == 2 &&
	       TRAP_BREAKPOINT == 3 && TRAP_DIVIDE == 5 &&
	       TRAP_PROTECTION == 6, "probe.S trap kinds");

/* CPU exception vectors. */
#define EXC_DE 0    /* divide error */
#define EXC_NMI 2
#define EXC_BP 3    /* int3 */
#define EXC_UD 6    /* invalid opcode */
#define EXC_DF 8    /* double fault */
#define EXC_GP 13   /* general protection */
#define EXC_PF 14   /* page fault */
#define EXC_AC 17   /* alignment check */
#define EXC_MC 18   /* machine check */

/* Page-fault error code bits. */
#define PF_WRITE (1u << 1)
#define PF_FETCH (1u << 4)

static void decode_exception(struct trap_frame *tf, struct trap_info *ti)
{
	ti->cause = tf->vector;
	switch (tf->vector) {
	case EXC_PF:
		ti->kind = TRAP_PAGE_FAULT;
		/* CR2 holds the faulting linear address; read it before
		 * anything could fault again (interrupts are off). */
		ti->addr = read_cr2();
		ti->access = (tf->error & PF_WRITE) ? TRAP_ACCESS_WRITE :
			     (tf->error & PF_FETCH) ? TRAP_ACCESS_EXEC :
						      TRAP_ACCESS_READ;
		break;
	case EXC_UD:
		ti->kind = TRAP_ILLEGAL;
		break;
	case EXC_BP:
		/* int3 is a trap, not a fault: the saved rip is already past
		 * the one-byte 0xcc. Step back so the frame, the report and
		 * the exception-table lookup all name the int3 itself. */
		tf->rip -= 1;
		ti->kind = TRAP_BREAKPOINT;
		break;
	case EXC_DE:
		ti->kind = TRAP_DIVIDE;
		break;
	case EXC_GP:
		ti->kind = TRAP_PROTECTION;
		break;
	case EXC_AC:
		ti->kind = TRAP_MISALIGNED;
		break;
	case EXC_DF:
		/* A page fault whose frame the CPU could not push (the
		 * stack pointer is on an unmapped page: a kernel stack
		 * overflow) ends here, on the IST stack. CR2 still holds
		 * the address of that fault, for kstack_check_trap. */
		ti->kind = TRAP_MACHINE;
		ti->addr = read_cr2();
		break;
	case EXC_NMI:
	case EXC_MC:
		ti->kind = TRAP_MACHINE;
		break;
	default:
		ti->kind = TRAP_OTHER;
		break;
	}
	ti->pc = tf->rip;
}

static bool is_irq_vector(uint64_t vec)
{
	return vec >= VEC_IRQ_BASE && vec < VEC_IRQ_BASE + VEC_IRQ_MAX;
}

/* A spurious LAPIC interrupt is not in service: no EOI. A masked 8259 can
 * still raise IRQ 7/15 spuriously; it is ignored too. */
static bool is_spurious_vector(uint64_t vec)
{
	return vec == VEC_SPURIOUS ||
	       (vec >= VEC_PIC_BASE && vec < VEC_PIC_BASE + 16);
}

/* An IOAPIC input: irq_dispatch masks the line (until its owner acks) and
 * only then the EOI lets the LAPIC deliver equal or lower priorities. */
static void device_irq(uint64_t vec)
{
	irq_dispatch((unsigned)(vec - VEC_IRQ_BASE));
	x86_lapic_eoi();
}

void x86_trap(struct trap_frame *tf)
{
	uint64_t vec = tf->vector;

	if (vec == VEC_TIMER) {
		/* EOI first: timer_tick() may switch tasks and not come back
		 * here for a while, and the LAPIC holds lower-or-equal
		 * priority interrupts until it sees the EOI. IF stays clear
		 * until iretq, so this cannot nest. */
		x86_lapic_eoi();
		timer_tick(false);
		return;
	}
	if (is_irq_vector(vec)) {
		device_irq(vec);
		return;
	}
	if (is_spurious_vector(vec))
		return;
	if (vec < 32) {
		struct trap_info ti = { 0 };

		decode_exception(tf, &ti);
		trap_kernel(tf, &ti);
		return;
	}
	kprintf("x86: unexpected interrupt vector %llu\n",
		(unsigned long long)vec);
	x86_lapic_eoi();
}

/*
 * A trap from ring 3. The frame is the current task's, at the top of its
 * kernel stack, so user_return() may switch tasks and come back here
 * later; syscall.S then restores the frame to ring 3.
 */
void x86_trap_user(struct trap_frame *tf)
{
	uint64_t vec = tf->vector;

	if (vec < 32) {
		struct trap_info ti = { 0 };

		decode_exception(tf, &ti);
		/* NMI, #DF and #MC run on IST stacks, not the task's: they
		 * must not reach user_return. They are fatal anyway. */
		if (ti.kind == TRAP_MACHINE)
			panic_trap(tf, &ti);
		trap_user(tf, &ti);
	} else if (vec == VEC_TIMER) {
		x86_lapic_eoi();   /* first: see x86_trap */
		timer_tick(true);
	} else if (is_irq_vector(vec)) {
		device_irq(vec);
	} else if (!is_spurious_vector(vec)) {
		kprintf("x86: unexpected interrupt vector %llu from user\n",
			(unsigned long long)vec);
		x86_lapic_eoi();
	}
	user_return(tf);
}

void arch_frame_print(const struct trap_frame *tf)
{
	kprintf("  rax %016llx  rbx %016llx  rcx %016llx\n"
		"  rdx %016llx  rsi %016llx  rdi %016llx\n"
		"  rbp %016llx  rsp %016llx  r8  %016llx\n"
		"  r9  %016llx  r10 %016llx  r11 %016llx\n"
		"  r12 %016llx  r13 %016llx  r14 %016llx\n"
		"  r15 %016llx  rip %016llx  rflags %08llx\n",
		(unsigned long long)tf->rax, (unsigned long long)tf->rbx,
		(unsigned long long)tf->rcx, (unsigned long long)tf->rdx,
		(unsigned long long)tf->rsi, (unsigned long long)tf->rdi,
		(unsigned long long)tf->rbp, (unsigned long long)tf->rsp,
		(unsigned long long)tf->r8, (unsigned long long)tf->r9,
		(unsigned long long)tf->r10, (unsigned long long)tf->r11,
		(unsigned long long)tf->r12, (unsigned long long)tf->r13,
		(unsigned long long)tf->r14, (unsigned long long)tf->r15,
		(unsigned long long)tf->rip, (unsigned long long)tf->rflags);
	kprintf("  cs %04llx  ss %04llx  vector %llu  error %#llx"
		"  cr2 %016llx  cr3 %016llx\n",
		(unsigned long long)tf->cs, (unsigned long long)tf->ss,
		(unsigned long long)tf->vector, (unsigned long long)tf->error,
		(unsigned long long)read_cr2(), (unsigned long long)read_cr3());
}

vaddr_t arch_frame_pc(const struct trap_frame *tf)
{
	return tf->rip;
}

vaddr_t arch_frame_fp(const struct trap_frame *tf)
{
	return tf->rbp;
}

vaddr_t arch_frame_sp(const struct trap_frame *tf)
{
	return tf->rsp;
}

void arch_frame_set_pc(struct trap_frame *tf, vaddr_t pc)
{
	tf->rip = pc;
}
