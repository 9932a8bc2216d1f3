/* The periodic tick, one-shot timers on notifications and CPU-time alarms
 * (kernel/timer.c). */
#ifndef PITH_TIMER_H
#define PITH_TIMER_H

#include "types.h"

struct notification;
struct task;
struct sysregs;

#define TIMER_HZ 100

/* Ticks since arch_timer_start(). */
extern volatile uint64_t timer_ticks;

/* Called by the arch from the timer interrupt, interrupts off; from_user:
 * the tick interrupted user mode (else the kernel or the idle loop), for
 * the current task's utime/stime. */
void timer_tick(bool from_user);

/* Signal every notification whose timer's deadline has passed (from the
 * tick, interrupts off). */
void timer_expire(void);

/* Take n's timer off the list (it is destroyed or re-armed). */
void timer_disarm(struct notification *n);

/* t was charged a tick: fire its CPU-time alarm if a threshold is
 * reached. */
void timer_cpu_charged(struct task *t);

/* Drop t's CPU-time alarm (its death, its notification's reclamation). */
void timer_alarm_drop(struct task *t);

long sys_clock_info(struct sysregs *r);
long sys_clock_set(struct sysregs *r);
long sys_timer_set(struct sysregs *r);
long sys_task_cpu_alarm(struct sysregs *r);

#endif
