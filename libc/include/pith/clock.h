/*
 * The monotonic clock without a system call (libc/time/clock.c): the
 * counter user mode reads itself, scaled by the kernel's factors
 * (uapi/clock.h), which the first use fetches once (SYS_CLOCK_INFO).
 */
#ifndef PITH_LIBC_CLOCK_H
#define PITH_LIBC_CLOCK_H

#include <stdint.h>
#include <uapi/clock.h>

/* The kernel's clock factors (fetched on first use). */
const struct clock_info *pith_clock_info(void);
/* Nanoseconds since boot on the kernel's monotonic clock, the clock of
 * SYS_TIMER_SET's deadlines. */
uint64_t pith_clock_ns(void);

#endif
