/*
 * setjmp/longjmp register checks for utest (arch/<arch>/jmpregs.S): in
 * assembly, because only there can a test put known values in every
 * callee-saved register and be sure the compiler does not.
 *
 * jmpregs_test(env) loads a pattern into every callee-saved register
 * (RISC-V s0-s11 and fs0-fs11; x86 rbx rbp r12-r15, and a non-default
 * MXCSR rounding mode), calls setjmp(env), then jmpregs_clobber(env),
 * which overwrites them all and calls longjmp(env, 7). Back from setjmp
 * it counts the registers that lost their value, plus 100 if setjmp did
 * not return 7, and returns that (0 = all good), with the caller's
 * registers restored.
 */
#ifndef UTEST_JMPREGS_H
#define UTEST_JMPREGS_H

#include <setjmp.h>

long jmpregs_test(jmp_buf env);

#endif
