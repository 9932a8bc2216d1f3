/*
 * x86_64 task registers for clone, signal frames and debuggers
 * (arch_regs_read/write in kernel/include/arch.h). struct user_regs.gpr[]
 * uses the order rax rbx rcx rdx rsi rdi rbp rsp r8..r15; the FS base (the
 * thread pointer) lives in the kernel context, which switch.S swaps.
 */
#include "arch.h"
#include "uapi/errno.h"
#include "uapi/task.h"
#include "x86.h"
#include "x86asm.h"

/* The user may change the arithmetic flags, DF, TF and AC; IF stays on. */
#define RFL_USER_MASK 0x40dd5ull

static uint64_t *gpr_slot(struct trap_frame *tf, unsigned i)
{
	uint64_t *const slots[16] = {
		&tf->rax, &tf->rbx, &tf->rcx, &tf->rdx, &tf->rsi, &tf->rdi,
		&tf->rbp, &tf->rsp, &tf->r8, &tf->r9, &tf->r10, &tf->r11,
		&tf->r12, &tf->r13, &tf->r14, &tf->r15,
	};

	return slots[i];
}

void arch_regs_read(const struct trap_frame *tf, const struct arch_context *ctx,
		    struct user_regs *out)
{
	struct trap_frame *t = (struct trap_frame *)tf;

	*out = (struct user_regs){ 0 };
	for (unsigned i = 0; i < 16; i++)
		out->gpr[i] = *gpr_slot(t, i);
	out->pc = tf->rip;
	out->sp = tf->rsp;
	out->flags = tf->rflags;
	out->tls = ctx->fs_base;
}

static bool canonical_user(uint64_t a)
{
	return a < ARCH_USER_TOP;
}

int arch_regs_write(struct trap_frame *tf, struct arch_context *ctx,
		    const struct user_regs *in)
{
	if (!canonical_user(in->pc) || !canonical_user(in->sp) ||
	    !canonical_user(in->tls))
		return -EINVAL;
	for (unsigned i = 0; i < 16; i++)
		*gpr_slot(tf, i) = in->gpr[i];
	tf->rip = in->pc;
	tf->rsp = in->sp;
	tf->rflags = (in->flags & RFL_USER_MASK) | RFL_IF | RFL_FIXED;
	tf->cs = USER_CS;
	tf->ss = USER_SS;
	ctx->fs_base = in->tls;
	return 0;
}

/* The value a system call returns: rdi, where the stubs take r0 from
 * (they copy it to rax for C). */
void arch_frame_set_retval(struct trap_frame *tf, uint64_t v)
{
	tf->rdi = v;
}

void arch_frame_set_sp(struct trap_frame *tf, uint64_t sp)
{
	tf->rsp = sp;
}

void arch_set_tls(struct trap_frame *tf, struct arch_context *ctx, uint64_t tls)
{
	(void)tf;
	ctx->fs_base = tls;
}

uint64_t arch_get_tls(const struct trap_frame *tf, const struct arch_context *ctx)
{
	(void)tf;
	return ctx->fs_base;
}
