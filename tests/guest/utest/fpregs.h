/*
 * Per-arch FP register probes for utest's FP tests (tests/guest/utest/fp.c;
 * bodies in arch/<arch>/fpregs.S). Each fills every FP/SIMD register of
 * the machine from `seed` (a small positive number) and checks them all
 * later, without any C code in between that could use them:
 *   RISC-V: f0-f31 (f_i = seed + i as raw bits) and fcsr (rounding mode
 *           1 + seed % 4, flags seed % 32);
 *   x86_64: xmm0-xmm15 (seed + i, ~(seed + i)), the eight x87 stack
 *           registers (seed * 16 + i), the x87 control word and MXCSR
 *           (rounding control seed % 4 in both).
 * Checks return 0 when everything is intact, else 1 + the number of the
 * first wrong register (in the order above; the control registers last),
 * and leave the control registers at C's defaults (round to nearest).
 */
#ifndef UTEST_FPREGS_H
#define UTEST_FPREGS_H

/* System call numbers the assembly uses (checked in fp.c). */
#define FPREGS_SYS_TASK_EXIT 15
#define FPREGS_SYS_YIELD 24
#define FPREGS_SYS_TASK_CLONE 25
#define FPREGS_THREAD_CHILD 0x7c10  /* PITH_THREAD_CHILD */

#ifndef __ASSEMBLER__
struct clone_args;

/* Fill, call SYS_YIELD `yields` times, check. */
long fpregs_yield_check(unsigned long seed, unsigned long yields);

/* Fill, SYS_TASK_CLONE(src, args) with args->retval = PITH_THREAD_CHILD
 * and args->sp a fresh stack; the child checks its registers, stores the
 * result in *child_result and exits; the parent checks its own and
 * returns the result, or the clone's error (negative). */
long fpregs_clone_check(unsigned long seed, unsigned long src,
			struct clone_args *args, volatile long *child_result);
#endif

#endif
