/*
 * The clock user mode reads itself (kernel/user ABI). The kernel's
 * monotonic clock is a free-running counter user mode may read directly
 * (RISC-V: the time CSR through rdtime, which the kernel opens to user
 * mode in scounteren; x86_64: the TSC through rdtsc, which CR4.TSD leaves
 * allowed), converted to nanoseconds with factors fixed at boot.
 * SYS_CLOCK_INFO copies those factors out once; from then on a process
 * reads the clock with no system call (libc caches them: docs/libc.md).
 * The kernel's own clock (arch_clock_ns) and its timer deadlines use the
 * same conversion, clock_info_ns() below, so the two never disagree.
 */
#ifndef PITH_UAPI_CLOCK_H
#define PITH_UAPI_CLOCK_H

#include <stdint.h>

/* Which instruction reads the counter. */
#define CLOCK_SOURCE_RDTIME 1   /* RISC-V rdtime */
#define CLOCK_SOURCE_TSC    2   /* x86_64 rdtsc */

/* flags */
#define CLOCK_INFO_RTC 1u       /* realtime_offset_ns came from a hardware
				   real-time clock read at boot (else it is
				   0: realtime counts from the epoch at boot) */

/* SYS_TIMER_SET's deadline that disarms the timer. */
#define TIMER_NEVER (~0ull)

struct clock_info {
	uint64_t counter_base;   /* counter value at monotonic time 0 (boot) */
	uint64_t mult;           /* ns = ((counter - base) * mult) >> shift */
	uint32_t shift;
	uint32_t source;         /* CLOCK_SOURCE_* */
	uint64_t counter_hz;     /* the counter's frequency */
	uint64_t resolution_ns;  /* one counter step, rounded up */
	uint64_t tick_ns;        /* the kernel's tick: timers fire on it */
	int64_t realtime_offset_ns;  /* CLOCK_REALTIME = monotonic + this */
	uint32_t flags;          /* CLOCK_INFO_* */
	uint32_t reserved;
	uint64_t idle_ns;        /* the CPU's idle time since boot, at the call
				  * (busy = monotonic now - idle; under QEMU
				  * -icount shift=0 that is instructions) */
};

/* Nanoseconds of monotonic time at counter value count. */
static inline uint64_t clock_info_ns(const struct clock_info *ci,
				     uint64_t count)
{
	return (uint64_t)(((unsigned __int128)(count - ci->counter_base) *
			   ci->mult) >> ci->shift);
}

/* The factors for a counter of hz counts a second (shift 32: the error is
 * below one part in 2^32 of a nanosecond per count). */
static inline void clock_info_scale(struct clock_info *ci, uint64_t hz)
{
	ci->counter_hz = hz;
	ci->shift = 32;
	ci->mult = hz ? (uint64_t)(((unsigned __int128)1000000000u << 32) / hz) : 0;
	ci->resolution_ns = hz ? (1000000000u + hz - 1) / hz : 0;
}

#endif
