/*
 * arch.h - the one interface between the portable kernel and an architecture.
 *
 * Every function declared here is implemented by arch/riscv and by arch/x86;
 * there are no weak symbols, so a port that misses one fails to link. Each
 * arch also provides two headers reached through <arch/...>:
 *
 *   arch/config.h  constants: ARCH_NAME, the virtual memory layout
 *                  (ARCH_PHYSMAP_BASE, ARCH_KERNEL_OFFSET, ARCH_KMAP_BASE,
 *                  ARCH_KMAP_SIZE, ARCH_KSTACK_BASE: the kernel stack area
 *                  of kernel/include/kstack.h), page-table geometry (ARCH_PT_LEVELS,
 *                  ARCH_PT_KERNEL_FIRST) and the frame-pointer layout
 *                  (ARCH_FP_PREV_OFF, ARCH_FP_RA_OFF).
 *   arch/inline.h  hot static inline bodies: interrupt masking, page-table
 *                  entry encoding, reading the frame pointer.
 *   arch/frame.h   struct trap_frame, the registers saved on a trap, and
 *                  struct arch_fpu, a task's FP/SIMD registers.
 *
 * Boot contract: the arch entry code sets up a stack and a higher-half
 * mapping (kernel image at its link address, all RAM at ARCH_PHYSMAP_BASE),
 * installs its trap vector, brings up the console, fills a struct boot_info
 * and calls kmain(). Interrupts stay disabled until kmain enables them.
 */
#ifndef PITH_ARCH_H
#define PITH_ARCH_H

#include "types.h"
#include "bootinfo.h"
#include "trap.h"

/* Portable mapping rights, encoded into PTEs by arch_pte_leaf(). */
#define PT_READ  1u
#define PT_WRITE 2u
#define PT_EXEC  4u
#define PT_USER  8u
#define PT_COW   16u  /* software bit: write-protected for copy-on-write */

#include <arch/config.h>
#include <arch/frame.h>
#include <arch/inline.h>

/* ---- entry from the arch boot code ------------------------------------ */

/* Portable kernel main. Called once, on the boot stack, interrupts off. */
noreturn void kmain(struct boot_info *bi);

/* ---- console ------------------------------------------------------------ */

/*
 * Read/write one register of the boot console's 16550 UART (reg is the
 * register index 0..7; the arch knows the base and the access width or
 * port). The portable driver in kernel/uart16550.c does the rest.
 */
uint8_t arch_uart_read(unsigned reg);
void arch_uart_write(unsigned reg, uint8_t val);

/* ---- interrupts and CPU ------------------------------------------------- */
/* In arch/inline.h: arch_irq_save(), arch_irq_restore(flags),
 * arch_irq_enable(), arch_irq_disable(), arch_frame_pointer(). */

/* Wait for the next interrupt with interrupts enabled; returns after it has
 * been handled. Leaves interrupts enabled. */
void arch_cpu_idle(void);

/* Zero one page (4 KiB at a page-aligned kernel address): the frames the
 * kernel hands out, among them every demand-zero page of user space.
 * RISC-V uses Zicboz (cbo.zero) where the hart has it, probed at boot. */
void arch_page_zero(void *page);

/* End the machine with a status for QEMU: 0 is "pass", anything else
 * "fail" with that code (0..255): RISC-V's test device makes QEMU exit with
 * the code itself; x86's isa-debug-exit with 33 + 2 * code (33 is pass).
 * Never returns; if there is no exit device the CPU halts with interrupts
 * off. */
noreturn void arch_poweroff(unsigned code);
/* Switch the machine off as halt does (the root task's exit with
 * TASK_EXIT_SHUTDOWN): QEMU ends with status 0, not a test's pass status.
 * RISC-V: arch_poweroff(0) already does (test device, SBI SRST). x86:
 * ACPI S5 through the q35 chipset's PM1a control register. Falls back to
 * arch_poweroff(0) where that does not end QEMU. Never returns. */
noreturn void arch_shutdown(void);

/* ---- time --------------------------------------------------------------- */

/* Start the periodic tick at hz per second; each tick calls timer_tick() in
 * interrupt context. Called once from kmain with interrupts off. Returns a
 * short description of the clock source for the boot log. */
const char *arch_timer_start(unsigned hz);

/* Monotonic nanoseconds since boot (rdtime / calibrated TSC). Callable with
 * interrupts on or off, before arch_timer_start too. Equal to
 * clock_info_ns(arch_clock_info(), counter): user mode computes the same
 * value from the same factors (uapi/clock.h). */
uint64_t arch_clock_ns(void);

/* The clock's factors (fixed once the arch's boot code has run: counter,
 * scale, resolution, the real-time offset read from the machine's RTC if
 * it has one; tick_ns is filled in by the portable code). */
struct clock_info;
struct clock_info *arch_clock_info(void);

/* ---- paging -------------------------------------------------------------- */
/* Page-table geometry is in arch/config.h. arch/inline.h encodes entries:
 *   pte_t arch_pte_table(paddr_t table)           entry pointing at a table
 *   pte_t arch_pte_leaf(paddr_t pa, prot, level)  leaf (level 0 = 4 KiB)
 *   bool arch_pte_present(pte), arch_pte_is_leaf(pte, level)
 *   paddr_t arch_pte_addr(pte); unsigned arch_pte_prot(pte)  (PT_* bits)
 * The portable walker in kernel/pt.c does the rest. */

/* Physical address of the kernel's root page table (the one built at boot,
 * whose upper half every address space shares). */
paddr_t arch_kernel_root(void);

/* (Static inline in arch/inline.h: it is on every switch.)
 * void arch_pt_activate(paddr_t root);
 *   Make root the active page table of this CPU. */

/* Drop stale TLB entries for one page / for everything non-global, on this
 * CPU. Called after a PTE is changed or removed. */
void arch_tlb_flush_page(vaddr_t va);
void arch_tlb_flush_all(void);

/* ---- traps --------------------------------------------------------------- */
/* The arch trap entry saves a struct trap_frame, decodes the cause into a
 * struct trap_info and calls trap_kernel() (kernel/trap.c) for exceptions
 * taken in kernel mode, or timer_tick() for the tick. A kernel stack
 * overflow (a fault on a guard page of the kernel stack area, see
 * kernel/include/kstack.h) must still reach trap_kernel, on a stack that
 * works, with the guard address in trap_info.addr: the frame cannot be
 * saved on the overflowed stack. */

/* Print every register of a trap frame on the console (panic path). */
void arch_frame_print(const struct trap_frame *tf);

/* The saved pc, frame pointer and stack pointer of a trap frame (the
 * interrupted code's, also when the trap entry moved to another stack);
 * set the pc to resume at. */
vaddr_t arch_frame_pc(const struct trap_frame *tf);
vaddr_t arch_frame_fp(const struct trap_frame *tf);
vaddr_t arch_frame_sp(const struct trap_frame *tf);
void arch_frame_set_pc(struct trap_frame *tf, vaddr_t pc);

/*
 * Self-test probe: execute one instruction that must trap with the given
 * kind (TRAP_BREAKPOINT, TRAP_ILLEGAL or TRAP_PAGE_FAULT for a read of the
 * unmapped address `addr`), under an exception-table fixup so the kernel
 * resumes after it. Returns the address of the trapping instruction, so the
 * caller can compare it with the trap_info the handler recorded. Returns 0
 * for a kind the arch cannot probe.
 */
vaddr_t arch_probe_trap(enum trap_kind kind, vaddr_t addr);

/*
 * Self-test crash: execute an instruction of the given kind with no fixup,
 * so the kernel must report it and panic. Does not return.
 */
noreturn void arch_crash(enum trap_kind kind);

/* ---- user mode and kernel contexts ------------------------------------- */
/*
 * Each task has its own kernel stack; its user registers live in a struct
 * trap_frame at the top of that stack while it is in the kernel. A kernel
 * context (struct arch_context, arch/frame.h) holds the callee-saved
 * registers of a task that is switched out inside the kernel.
 *
 * Every trap from user mode lands on the current task's kernel stack top
 * (set with arch_set_kernel_stack), saves the user registers there and
 * calls, with interrupts disabled:
 *   for a system call, what its row in syscall_table says
 *                                (kernel/include/syscall.h: a lean
 *                                handler straight away, with only the
 *                                registers a C call may change saved, or
 *                                the row's entry, which calls user_return
 *                                itself);
 *   trap_user(tf, &ti)           for an exception (kernel/fault.c);
 *   timer_tick() / irq_dispatch(line)   for interrupts;
 * and then (but after a system call's entry, which does it), before restoring the
 * user registers, user_return(tf), which may switch to another task and
 * come back later.
 */

/* Prepare ctx so that the first arch_context_switch() to it calls fn() on
 * the stack ending at kstack_top, interrupts disabled. fn never returns. */
void arch_context_init(struct arch_context *ctx, uintptr_t kstack_top,
		       void (*fn)(void));

/* Save the callee-saved state of the running kernel context in from and
 * resume to. Interrupts must be disabled; they stay so. */
void arch_context_switch(struct arch_context *from, struct arch_context *to);

/*
 * The IPC fast path's switch (kernel/sched.c, sched_handoff_user): the
 * running task (kernel context from, user registers from_tf, all saved
 * by its system call's entry) leaves the CPU for good: nothing on its
 * kernel stack is needed again. `from` is set so that the next
 * arch_context_switch() to it enters an arch trampoline on the stack just
 * below from_tf, which calls sched_resume_user(from_tf) and returns to
 * user mode from from_tf. Then the task owning `to` runs: if it left the
 * CPU the same way, straight back in user mode from to_tf (the caller
 * has written its system call's results there); otherwise its kernel
 * context resumes as arch_context_switch() would resume it. The caller
 * has made that task current (kernel stack, address space, FP
 * registers); this switches what the kernel context carries (x86: the
 * FS base). Interrupts disabled.
 */
noreturn void arch_context_leave(struct arch_context *from,
				 struct trap_frame *from_tf,
				 struct arch_context *to,
				 struct trap_frame *to_tf);

/* A fresh user register set: everything zero but pc, stack pointer and the
 * first argument register; user mode, interrupts enabled once in user. */
void arch_user_frame_init(struct trap_frame *tf, vaddr_t pc, vaddr_t sp,
			  uint64_t arg);

/* Restore every register from tf (which is at the top of the current
 * kernel stack) and drop to user mode. Interrupts disabled on entry. */
noreturn void arch_enter_user(struct trap_frame *tf);

/* (Static inline in arch/inline.h: it is on every switch.)
 * void arch_set_kernel_stack(uintptr_t top);
 *   The kernel stack top (16-aligned) the next trap from user mode lands
 *   on. */

/*
 * System call registers (see kernel/include/uapi/syscall.h): struct
 * sysregs (arch/frame.h) has the number `nr` and `r[6]`, arguments r0..r5
 * in, result r0 and extra results r1..r5 out. arch_syscall_regs returns
 * them for the frame: a view into the frame itself (each arch lays its
 * frame out so that the registers are contiguous; no copy is made).
 */
/* (Static inline in arch/inline.h: it is on every system call.)
 * struct sysregs *arch_syscall_regs(struct trap_frame *tf); */

/* Copy n bytes between kernel and user memory with user access enabled
 * only for the copy (SUM on RISC-V, stac/clac on x86 with SMAP). The range
 * is checked by the portable caller (kernel/usercopy.c); a fault inside the
 * copy returns -EFAULT through the exception table. */
must_check int arch_copy_user(void *dst, const void *src, size_t n);

/* ---- floating point and SIMD registers --------------------------------- */
/*
 * Each task has a struct arch_fpu (arch/frame.h) in its struct task: its
 * FP/SIMD registers (RISC-V: f0-f31 and fcsr; x86_64: the FXSAVE area,
 * x87, MMX, SSE and MXCSR) as the kernel keeps them while they are not
 * live in the CPU. The CPU's registers hold one task's values at a time;
 * the arch remembers whose, so a task that runs again before anybody
 * else touched them reloads nothing. The kernel never uses FP itself
 * (built without it; on RISC-V sstatus.FS is Off while the kernel runs).
 * All of these are called with interrupts disabled and cannot fail.
 * arch_fpu_leave and arch_fpu_enter are static inline (arch/inline.h):
 * they are on every task switch.
 *
 * void arch_fpu_leave(struct arch_fpu *fpu, struct trap_frame *tf);
 *   The task owning fpu and tf (its user registers) is switched out
 *   (it may be dead). Makes *fpu current if the live registers may be
 *   newer: always on x86_64, only when sstatus.FS is Dirty on RISC-V
 *   (it becomes Clean). The live registers keep the task's values.
 *
 * void arch_fpu_enter(struct arch_fpu *fpu, struct trap_frame *tf);
 *   The task owning fpu and tf runs next: its values become live,
 *   unless they already are (RISC-V: a task whose FS is Initial needs
 *   only all-zero registers).
 */

/* A new task's state: the clean default (x86_64: the x87 state FNINIT
 * leaves, MXCSR 0x1f80, everything else zero; RISC-V: all zero, which
 * the frame's FS = Initial from arch_user_frame_init announces). fpu may
 * reuse the memory of a dead task whose values are still live: they are
 * forgotten, never handed to the new task. */
void arch_fpu_init(struct arch_fpu *fpu);

/* Clone: *dst becomes a copy of src's newest state, taken from the live
 * registers when they hold src's values (src may be current, in the
 * middle of this system call). dst_tf is dst's frame, already copied from
 * src's: its FP status is made to match *dst. dst is not running. */
void arch_fpu_copy(struct arch_fpu *dst, struct trap_frame *dst_tf,
		   struct arch_fpu *src, struct trap_frame *src_tf);

/* ---- task registers (clone, signals, debuggers) ------------------------ */
struct user_regs;

/* Fill *out from a task's saved user registers (tf) and its kernel
 * context (where x86 keeps the FS base). */
void arch_regs_read(const struct trap_frame *tf, const struct arch_context *ctx,
		    struct user_regs *out);

/* Load a task's user registers from *in. -EINVAL (nothing changed) for
 * values user mode may not hold (a pc outside the user half). The task is
 * not running. */
must_check int arch_regs_write(struct trap_frame *tf, struct arch_context *ctx,
			       const struct user_regs *in);

/* The return-value register (a0 / rax) and the stack pointer of a frame. */
void arch_frame_set_retval(struct trap_frame *tf, uint64_t v);
void arch_frame_set_sp(struct trap_frame *tf, uint64_t sp);

/* The user thread pointer of a task that is not running: tp in the frame
 * on RISC-V, the FS base in the kernel context on x86 (switched with it). */
void arch_set_tls(struct trap_frame *tf, struct arch_context *ctx, uint64_t tls);
uint64_t arch_get_tls(const struct trap_frame *tf, const struct arch_context *ctx);

/* ---- device interrupts --------------------------------------------------- */
/* Lines are the interrupt controller's numbers: PLIC sources on RISC-V,
 * IOAPIC inputs (GSIs) on x86. The arch calls irq_dispatch(line) for a
 * line that fired, with the line masked until irq_dispatch's owner acks. */

/* Route and unmask / mask one line. -EINVAL for a line that does not exist. */
must_check int arch_irq_line_enable(unsigned line);
void arch_irq_line_disable(unsigned line);

/* The line of the boot UART's receive interrupt. */
unsigned arch_uart_irq_line(void);

/* ---- addresses ----------------------------------------------------------- */

/* All RAM is mapped at ARCH_PHYSMAP_BASE; the kernel image is linked at
 * physical + ARCH_KERNEL_OFFSET. */
static inline void *phys_to_virt(paddr_t pa)
{
	return (void *)(uintptr_t)(pa + ARCH_PHYSMAP_BASE);
}

static inline paddr_t virt_to_phys(const void *va)
{
	uintptr_t v = (uintptr_t)va;

	return v >= ARCH_KERNEL_VBASE ? v - ARCH_KERNEL_OFFSET
				      : v - ARCH_PHYSMAP_BASE;
}

#endif
