/* The periodic tick (kernel/timer.c). */
#ifndef PITH_TIMER_H
#define PITH_TIMER_H

#include "types.h"

#define TIMER_HZ 100

/* Ticks since arch_timer_start(). */
extern volatile uint64_t timer_ticks;

/* Called by the arch from the timer interrupt, interrupts off; from_user:
 * the tick interrupted user mode (else the kernel or the idle loop), for
 * the current task's utime/stime. */
void timer_tick(bool from_user);

#endif
