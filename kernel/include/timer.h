/* The periodic tick (kernel/timer.c). */
#ifndef PITH_TIMER_H
#define PITH_TIMER_H

#include "types.h"

#define TIMER_HZ 100

/* Ticks since arch_timer_start(). */
extern volatile uint64_t timer_ticks;

/* Called by the arch from the timer interrupt, interrupts off. */
void timer_tick(void);

#endif
