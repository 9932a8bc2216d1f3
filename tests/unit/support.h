/*
 * Host stand-ins for the kernel services the portable sources call
 * (kprintf, panic), plus hooks for tests that expect a panic.
 */
#ifndef PITH_TEST_SUPPORT_H
#define PITH_TEST_SUPPORT_H

#include <setjmp.h>

/* Number of kprintf() calls so far (for "warns on the console" checks). */
extern int support_kprintf_calls;

/* When non-NULL, panic() longjmps here with value 1 instead of aborting.
 * A test sets it around a call that must panic and clears it after. */
extern jmp_buf *support_panic_jmp;
extern int support_panic_calls;

#endif
