/*
 * RISC-V trap frame: what trap_entry.S saves on the kernel stack. The order
 * is fixed by the assembly (offset = 8 * index); x0 is not saved, so
 * regs[i] holds x(i+1). A trap from user mode puts it at the very top of
 * the task's kernel stack.
 */
#ifndef ARCH_RISCV_FRAME_H
#define ARCH_RISCV_FRAME_H

#include <stdint.h>

struct trap_frame {
	uint64_t regs[31];  /* x1..x31: ra, sp, gp, tp, t0-t2, s0-s1, a0-a7, ... */
	uint64_t sepc;
	uint64_t sstatus;
	uint64_t scause;
	uint64_t stval;
	uint64_t pad;       /* keeps the frame a multiple of 16 bytes */
};

_Static_assert(sizeof(struct trap_frame) == 288, "trap_entry.S TF_SIZE");

/* A kernel context switched out by arch_context_switch (switch.S): the
 * registers the calling convention says a callee must preserve. */
struct arch_context {
	uint64_t ra, sp;
	uint64_t s[12];   /* s0..s11 */
};

/* The system call registers are a view of a0..a7 in the frame: r0..r5 =
 * a0..a5, nr = a7 (arch_syscall_regs). */
struct sysregs {
	uint64_t r[6];
	uint64_t a6;
	uint64_t nr;
};

/*
 * A task's F and D registers (struct task's `fpu`, arch/riscv/fpu.c): the
 * copy the kernel keeps while they are not live in the hart. The task's
 * FP status, sstatus.FS (Initial: never used, all zero; Clean: this copy
 * is current; Dirty: the live registers are newer), is part of its
 * sstatus in the trap frame.
 */
struct arch_fpu {
	uint64_t f[32];   /* f0..f31, as fsd stores them */
	uint64_t fcsr;    /* frm (bits 7:5) and fflags (bits 4:0) */
	/* What the registers hold when they hold this task's values:
	 * &riscv_fpu_zero_id while FS is Initial (anybody's zeros will do),
	 * else this struct. Compared with riscv_fpu_live on every switch. */
	const void *id;
};

#define TF_RA(tf) ((tf)->regs[0])
#define TF_SP(tf) ((tf)->regs[1])
#define TF_S0(tf) ((tf)->regs[7])

#endif
