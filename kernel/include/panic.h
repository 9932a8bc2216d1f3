/* panic(): a broken kernel invariant. Prints and stops (kernel/panic.c). */
#ifndef PITH_PANIC_H
#define PITH_PANIC_H

#include "types.h"
#include "trap.h"

noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An unexpected kernel trap: its kind, the registers, a backtrace. */
noreturn void panic_trap(const struct trap_frame *tf, const struct trap_info *ti);
/* The same report, headed by a diagnosis ("kernel stack overflow ..."). */
noreturn void panic_trap_why(const struct trap_frame *tf,
			     const struct trap_info *ti, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Print the frame-pointer chain starting at frame pointer fp. */
void backtrace_print(uintptr_t fp);

#define assert(c) \
	((c) ? (void)0 : panic("assertion failed: %s (%s:%d)", #c, __FILE__, __LINE__))

#endif
