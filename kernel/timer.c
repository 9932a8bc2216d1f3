/*
 * The tick counter. timer_tick() itself lives in kernel/sched.c, where the
 * tick charges the running task's quantum.
 */
#include "timer.h"

volatile uint64_t timer_ticks;
