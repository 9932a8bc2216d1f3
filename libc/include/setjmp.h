/*
 * Non-local jumps (<setjmp.h>). setjmp saves the callee-saved registers
 * (integer and, on RISC-V, fs0-fs11; on x86 MXCSR and the x87 control
 * word), the stack pointer and the return address
 * (libc/arch/<arch>/setjmp.S). sigsetjmp may also save the signal mask.
 */
#ifndef _SETJMP_H
#define _SETJMP_H

#define __PITH_NEED_sigset_t
#include <bits/types.h>

/* __regs: room for the larger arch (RISC-V: ra, sp, s0-s11, fs0-fs11). */
typedef struct __pith_jmp_buf {
	unsigned long long __regs[26];
	int __mask_saved;
	sigset_t __mask;
} jmp_buf[1], sigjmp_buf[1];

#define __PITH_RETURNS_TWICE __attribute__((__returns_twice__))

int setjmp(jmp_buf env) __PITH_RETURNS_TWICE;
_Noreturn void longjmp(jmp_buf env, int val);
int _setjmp(jmp_buf env) __PITH_RETURNS_TWICE;
_Noreturn void _longjmp(jmp_buf env, int val);
int sigsetjmp(sigjmp_buf env, int savemask) __PITH_RETURNS_TWICE;
_Noreturn void siglongjmp(sigjmp_buf env, int val);

#endif
