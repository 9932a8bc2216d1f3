/*
 * The periodic tick. For now it only counts; the scheduler will hang
 * quantum accounting and preemption here.
 */
#include "timer.h"

volatile uint64_t timer_ticks;

void timer_tick(void)
{
	timer_ticks++;
}
