/*
 * x86_64 x87/SSE registers per task (contract in kernel/include/arch.h).
 *
 * Eager switching with FXSAVE/FXRSTOR: a task leaving the CPU is saved
 * (x86 has no dirty bit to say whether it touched the registers), and the
 * next one is restored unless its values are still live (it ran last, as
 * when the CPU only idled in between). CR0.TS stays clear, so there is no
 * device-not-available trap, and no other task's values ever sit in the
 * registers while a task runs, which is what lazy switching allowed to
 * leak through speculation (Lazy FP State Restore, CVE-2018-3665).
 * docs/decisions.md has the measurement behind the choice.
 *
 * The kernel is built -mgeneral-regs-only and never touches x87/SSE
 * itself, so the user's values stay in the registers while it runs.
 *
 * Entry points: x86_fpu_init (boot), arch_fpu_init, arch_fpu_copy; the
 * switch itself is inline (arch_fpu_leave / arch_fpu_enter, arch/inline.h).
 */
#include "kstring.h"
#include "x86.h"

#define CR0_MP (1ull << 1)   /* WAIT/FWAIT honour TS (with MP, as for NE) */
#define CR0_EM (1ull << 2)   /* x87 emulation: must be clear for x87/SSE */
#define CR0_TS (1ull << 3)   /* task switched: FP use raises #NM */
#define CR0_NE (1ull << 5)   /* x87 errors as #MF, not the legacy IRQ 13 */
#define CR4_OSFXSR (1ull << 9)      /* FXSAVE/FXRSTOR cover SSE; SSE allowed */
#define CR4_OSXMMEXCPT (1ull << 10) /* unmasked SSE exceptions raise #XM */

#define FCW_DEFAULT 0x037f   /* FNINIT: all x87 exceptions masked,
				64-bit precision, round to nearest */
#define MXCSR_DEFAULT 0x1f80 /* power-on: all SSE exceptions masked,
				round to nearest, no FTZ/DAZ */

struct arch_fpu *x86_fpu_live;
static uint32_t mxcsr_mask;

void x86_fpu_init(void)
{
	struct arch_fpu probe;
	uint32_t mxcsr = MXCSR_DEFAULT;

	write_cr0((read_cr0() | CR0_MP | CR0_NE) & ~(CR0_EM | CR0_TS));
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	__asm__ volatile("fninit; ldmxcsr %0" :: "m"(mxcsr));
	/* The MXCSR bits this CPU implements (0 means the SDM's default
	 * 0xffbf): a future call that writes a task's MXCSR must refuse
	 * others, or FXRSTOR would fault in the kernel. */
	__asm__ volatile("fxsave64 %0" : "=m"(probe));
	mxcsr_mask = probe.mxcsr_mask ? probe.mxcsr_mask : 0xffbf;
}

void arch_fpu_init(struct arch_fpu *fpu)
{
	memset(fpu, 0, sizeof(*fpu));
	fpu->fcw = FCW_DEFAULT;
	fpu->mxcsr = MXCSR_DEFAULT;
	fpu->mxcsr_mask = mxcsr_mask;
	/* Everything else is FNINIT's too: status 0, all tags empty (the
	 * abridged tag word has 1 = valid), pointers 0. */
	if (x86_fpu_live == fpu)
		x86_fpu_live = NULL;
}

void arch_fpu_copy(struct arch_fpu *dst, struct trap_frame *dst_tf,
		   struct arch_fpu *src, struct trap_frame *src_tf)
{
	(void)dst_tf;
	/* Live means src ran last; it may be the caller, with newer values
	 * in the registers than in *src. */
	if (x86_fpu_live == src)
		arch_fpu_leave(src, src_tf);
	*dst = *src;
	if (x86_fpu_live == dst)
		x86_fpu_live = NULL;
}
