/* panic(): a broken kernel invariant. Prints and stops (kernel/panic.c). */
#ifndef PITH_PANIC_H
#define PITH_PANIC_H

#include "types.h"
#include "trap.h"

noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
noreturn void panic_trap(const struct trap_frame *tf, const struct trap_info *ti);

/* Print the frame-pointer chain starting at frame pointer fp. */
void backtrace_print(uintptr_t fp);

#define assert(c) \
	((c) ? (void)0 : panic("assertion failed: %s (%s:%d)", #c, __FILE__, __LINE__))

#endif
