/*
 * x86_64 trap frame: what vectors.S builds on the kernel stack. From the
 * top down the CPU pushes the iret frame (ss, rsp, rflags, cs, rip) and, for
 * some vectors, an error code; the stub pushes a dummy error code where the
 * CPU pushes none, then the vector number, then every general register. The
 * field order is therefore fixed by the assembly (lowest address first).
 */
#ifndef ARCH_X86_FRAME_H
#define ARCH_X86_FRAME_H

#include <stdint.h>

struct trap_frame {
	/* The six system-call registers first, in argument order, then the
	 * number: struct sysregs is a view of them (no copy on a syscall). */
	uint64_t rdi, rsi, rdx, r10, r8, r9, rax;
	uint64_t rbx, rcx, rbp, r11, r12, r13, r14, r15;
	uint64_t vector;  /* pushed by the stub */
	uint64_t error;   /* CPU error code, or 0 */
	/* The interrupt frame iretq pops. */
	uint64_t rip, cs, rflags, rsp, ss;
};

_Static_assert(sizeof(struct trap_frame) == 22 * 8, "vectors.S frame size");

/*
 * A kernel context switched out inside the kernel: the SysV callee-saved
 * registers plus the stack pointer and the pc to resume at. Everything
 * else is caller-saved, so the compiler has already spilled it at the
 * call to arch_context_switch().
 */
struct arch_context {
	uint64_t rsp, rip;
	uint64_t rbx, rbp, r12, r13, r14, r15;
	uint64_t fs_base;   /* the user thread pointer, switched with us */
};

/* System call registers: a view of rdi rsi rdx r10 r8 r9 (r0..r5, in
 * and out) and rax (the number) in the frame. */
struct sysregs {
	uint64_t r[6];
	uint64_t nr;
};

/*
 * A task's x87, MMX and SSE registers in the FXSAVE64 layout (Intel SDM
 * vol. 1, 10.5.1): struct task's `fpu`, saved and loaded by
 * arch/x86/fpu.c. 512 bytes, 16-byte aligned (FXSAVE faults otherwise).
 */
struct arch_fpu {
	_Alignas(16) uint16_t fcw; /* x87 control word (rounding, precision, masks) */
	uint16_t fsw;          /* x87 status word (TOP, exception flags) */
	uint8_t ftw;           /* abridged tag word: bit i set = st(i) valid */
	uint8_t reserved0;
	uint16_t fop;
	uint64_t fip, fdp;     /* last x87 instruction and operand pointers */
	uint32_t mxcsr;        /* SSE control and status */
	uint32_t mxcsr_mask;   /* the MXCSR bits this CPU implements */
	uint8_t st[8][16];     /* st0-st7 / mm0-mm7, 10 bytes used of each */
	uint8_t xmm[16][16];   /* xmm0-xmm15 */
	uint8_t reserved1[96];
};

_Static_assert(sizeof(struct arch_fpu) == 512, "FXSAVE area");

/* Privilege level the trap came from (0 kernel, 3 user). */
#define TF_FROM_USER(tf) (((tf)->cs & 3) == 3)

#endif
