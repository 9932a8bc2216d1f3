/*
 * Per-arch general-register probe for utest's system-call path tests
 * (tests/guest/utest/syspath.c; bodies in arch/<arch>/gpregs.S).
 *
 * gpregs_syscall(seed, nr, r0, r1, r2, ret) fills every register the
 * system-call ABI keeps (uapi/syscall.h: all but the results and, on
 * x86_64, rcx, r11 and rax), except those it needs for the call, with
 * seed * 64 + i, i being the register's index in struct user_regs.gpr;
 * makes system call nr with arguments r0..r2 (r3..r5 = 0); stores the
 * result (r0) in *ret; and checks the registers with no C code in
 * between. Returns 0 when all are intact, else 1 + the index of the first
 * wrong one. GPREGS_KEPT has bit i set for each register filled:
 *   RISC-V: ra, gp, t0-t2, s0-s1, a6, s2-s11, t3-t6 (x1 x3 x5-x9 x16
 *           x18-x31; tp holds the thread pointer and stays);
 *   x86_64: rbx, rbp, r12-r15.
 */
#ifndef UTEST_GPREGS_H
#define UTEST_GPREGS_H

#ifdef __riscv
#define GPREGS_KEPT 0xfffd03eaull
#else
#define GPREGS_KEPT 0xf042ull
#endif

#ifndef __ASSEMBLER__
long gpregs_syscall(unsigned long seed, unsigned long nr, unsigned long r0,
		    unsigned long r1, unsigned long r2, long *ret);
#endif

#endif
