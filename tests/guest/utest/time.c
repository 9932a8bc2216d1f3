/*
 * utest's time tests: the clock user mode reads itself (<pith/clock.h>,
 * SYS_CLOCK_INFO), one-shot timers on notifications (SYS_TIMER_SET) and
 * CPU-time alarms (SYS_TASK_CPU_ALARM), on both arches.
 */
#include <pith/clock.h>
#include <pith/machine.h>

#include "utest.h"

#define MS 1000000ull
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

static uint64_t tick_ns(void)
{
	return pith_clock_info()->tick_ns;
}

static uint64_t utime_of(slot_t task)
{
	struct task_info ti;

	return sys_task_info(task, &ti) == 0 ? ti.utime : 0;
}

/* The clock never goes back, agrees with the kernel's factors, and ten
 * ticks of our own user time take ten ticks on it (give or take one at
 * each end: the tick samples). */
bool test_time_clock_monotonic(void)
{
	const struct clock_info *ci = pith_clock_info();
	struct clock_info k;
	uint64_t prev = pith_clock_ns();

	CHECK(sys_clock_info(&k) == 0);
	CHECK(k.mult == ci->mult && k.counter_base == ci->counter_base);
	CHECK(ci->mult != 0 && ci->counter_hz != 0 && ci->tick_ns == 10 * MS);
	CHECK(ci->resolution_ns >= 1 && ci->resolution_ns <= 1000);
	CHECK(ci->source == CLOCK_SOURCE_RDTIME || ci->source == CLOCK_SOURCE_TSC);
	for (int i = 0; i < 10000; i++) {
		uint64_t now = pith_clock_ns();
		CHECK(now >= prev);
		prev = now;
	}
	/* The best of three: a host that stalls the guest moves the clock
	 * on by the stall but delivers one tick for it. */
	uint64_t took = ~0ull;
	for (int i = 0; i < 3; i++) {
		uint64_t u0 = utime_of(ROOT_SLOT_TASK), u, t0;
		while ((u = utime_of(ROOT_SLOT_TASK)) == u0)
			;
		t0 = pith_clock_ns();
		while (utime_of(ROOT_SLOT_TASK) < u + 10)
			;
		took = MIN(took, pith_clock_ns() - t0);
	}
	printf("  10 ticks of user time: %llu ns on the clock; counter %llu Hz, "
	       "resolution %llu ns%s\n", (unsigned long long)took,
	       (unsigned long long)ci->counter_hz,
	       (unsigned long long)ci->resolution_ns,
	       ci->flags & CLOCK_INFO_RTC ? ", RTC" : "");
	CHECK(took >= 9 * ci->tick_ns && took <= 12 * ci->tick_ns);
	if (ci->flags & CLOCK_INFO_RTC)   /* after 2020-01-01 */
		CHECK(pith_clock_ns() + (uint64_t)ci->realtime_offset_ns >
		      1577836800ull * 1000 * MS);
	CHECK(sys_clock_info((struct clock_info *)PITH_KERNEL_ADDR) == -EFAULT);
	CHECK(sys_clock_info((struct clock_info *)8) == -EFAULT);
	return true;
}

/* Timers fire at the tick after their deadline: never early, at most one
 * tick late (measured with the clock; the best of a few, as the host may
 * stall the guest at any moment), with the capability's badge. */
bool test_time_timer_precision(void)
{
	slot_t n = new_slot(), b = new_slot();
	uint64_t best = ~0ull, worst = 0, bits;

	CHECK(sys_obj_create(POOL, CAP_NOTIFICATION, n, 0) == 0);
	CHECK(sys_cap_mint(n, 0, b, RIGHT_READ | RIGHT_WRITE, 0x70) == 0);
	for (int i = 0; i < 8; i++) {
		uint64_t deadline = pith_clock_ns() + 15 * MS + (uint64_t)i * 3100000;
		CHECK(sys_timer_set(b, deadline) == 0);
		CHECK(sys_wait(n, &bits) == 0);
		uint64_t now = pith_clock_ns();
		CHECK(bits == 0x70);
		CHECK(now >= deadline);
		best = MIN(best, now - deadline);
		worst = MAX(worst, now - deadline);
	}
	printf("  timer lateness: best %llu ns, worst %llu ns (tick %llu ns)\n",
	       (unsigned long long)best, (unsigned long long)worst,
	       (unsigned long long)tick_ns());
	CHECK(best <= tick_ns());
	CHECK(worst <= 5 * tick_ns());
	CHECK(sys_cap_delete(b) == 0 && sys_cap_delete(n) == 0);
	return true;
}

/* The idle time SYS_CLOCK_INFO reports stands still while we compute and
 * grows by about the time we wait for a timer (the system has no other
 * runnable task meanwhile). */
bool test_time_idle_accounting(void)
{
	slot_t n = new_slot(), b = new_slot();
	struct clock_info k0, k1, k2;
	uint64_t bits;

	CHECK(sys_obj_create(POOL, CAP_NOTIFICATION, n, 0) == 0);
	CHECK(sys_cap_mint(n, 0, b, RIGHT_READ | RIGHT_WRITE, 1) == 0);
	CHECK(sys_clock_info(&k0) == 0);
	uint64_t t0 = pith_clock_ns();
	while (pith_clock_ns() < t0 + 3 * tick_ns())
		;
	CHECK(sys_clock_info(&k1) == 0);
	uint64_t t1 = pith_clock_ns();
	CHECK(sys_timer_set(b, t1 + 50 * MS) == 0);
	CHECK(sys_wait(n, &bits) == 0 && bits == 1);
	CHECK(sys_clock_info(&k2) == 0);
	uint64_t t2 = pith_clock_ns();
	printf("  idle: %llu ns while computing, %llu ns of %llu ns waiting\n",
	       (unsigned long long)(k1.idle_ns - k0.idle_ns),
	       (unsigned long long)(k2.idle_ns - k1.idle_ns),
	       (unsigned long long)(t2 - t1));
	CHECK(k1.idle_ns == k0.idle_ns);
	CHECK(k2.idle_ns - k1.idle_ns >= 40 * MS);
	CHECK(k2.idle_ns - k1.idle_ns <= t2 - t1);
	CHECK(k2.idle_ns <= t2);
	CHECK(sys_cap_delete(b) == 0 && sys_cap_delete(n) == 0);
	return true;
}

/* A disarmed timer never fires; re-arming replaces the deadline; a
 * deadline already past fires before the call returns. */
bool test_time_timer_cancel_and_past(void)
{
	slot_t n = new_slot(), one = new_slot(), two = new_slot();
	uint64_t bits, now = pith_clock_ns();

	CHECK(sys_obj_create(POOL, CAP_NOTIFICATION, n, 0) == 0);
	CHECK(sys_cap_mint(n, 0, one, RIGHT_WRITE, 1) == 0);
	CHECK(sys_cap_mint(n, 0, two, RIGHT_WRITE, 2) == 0);
	/* Cancel: nothing arrives after the deadline has long passed. */
	CHECK(sys_timer_set(one, now + 20 * MS) == 0);
	CHECK(sys_timer_set(one, TIMER_NEVER) == 1);
	CHECK(sys_timer_set(one, TIMER_NEVER) == 0);
	while (pith_clock_ns() < now + 20 * MS + 3 * tick_ns())
		sys_yield();
	/* Past deadlines fire at once: the bits are two's alone. */
	CHECK(sys_timer_set(two, 0) == 0);
	CHECK(sys_wait(n, &bits) == 0 && bits == 2);
	CHECK(sys_timer_set(two, pith_clock_ns() - 1) == 0);
	CHECK(sys_timer_set(two, TIMER_NEVER) == 0);   /* fired: not armed */
	CHECK(sys_wait(n, &bits) == 0 && bits == 2);
	/* Re-arming moves the deadline (and the badge) later. */
	now = pith_clock_ns();
	CHECK(sys_timer_set(one, now + 10 * MS) == 0);
	CHECK(sys_timer_set(two, now + 40 * MS) == 1);
	CHECK(sys_wait(n, &bits) == 0 && bits == 2);
	CHECK(pith_clock_ns() >= now + 40 * MS);
	/* A deadline centuries away stays armed; deleting the notification
	 * takes its timer with it (the leak checks of pool tests see it). */
	CHECK(sys_timer_set(one, TIMER_NEVER - 1) == 0);
	CHECK(sys_timer_set(one, TIMER_NEVER - 1) == 1);
	CHECK(sys_cap_delete(one) == 0 && sys_cap_delete(two) == 0);
	CHECK(sys_cap_delete(n) == 0);
	return true;
}

bool test_time_bad_arguments(void)
{
	slot_t n = new_slot(), ro = new_slot(), ep = new_slot(), tr = new_slot();

	CHECK(sys_obj_create(POOL, CAP_NOTIFICATION, n, 0) == 0);
	CHECK(sys_obj_create(POOL, CAP_ENDPOINT, ep, 0) == 0);
	CHECK(sys_cap_mint(n, 0, ro, RIGHT_READ, 0) == 0);
	CHECK(sys_cap_mint(ROOT_SLOT_TASK, 0, tr, RIGHT_READ, 0) == 0);
	CHECK(sys_timer_set(0, 0) == -EBADF);
	CHECK(sys_timer_set(100000, 0) == -EBADF);
	CHECK(sys_timer_set(ep, 0) == -ENOTTY);
	CHECK(sys_timer_set(ro, 0) == -EPERM);
	CHECK(sys_task_cpu_alarm(n, 1, 0, n, NULL, NULL) == -ENOTTY);
	CHECK(sys_task_cpu_alarm(tr, 1, 0, n, NULL, NULL) == -EPERM);
	CHECK(sys_task_cpu_alarm(ROOT_SLOT_TASK, 1, 0, ep, NULL, NULL) == -ENOTTY);
	CHECK(sys_task_cpu_alarm(ROOT_SLOT_TASK, 1, 0, ro, NULL, NULL) == -EPERM);
	CHECK(sys_task_cpu_alarm(ROOT_SLOT_TASK, 0, 0, n, NULL, NULL) == -EINVAL);
	CHECK(sys_task_cpu_alarm(ROOT_SLOT_TASK, 0, 0, 0, NULL, NULL) == 0);
	/* Huge thresholds are thresholds never reached: armed, then gone. */
	CHECK(sys_task_cpu_alarm(ROOT_SLOT_TASK, ~0ull, ~0ull, n, NULL, NULL) == 0);
	CHECK(sys_task_cpu_alarm(ROOT_SLOT_TASK, 0, 0, 0, NULL, NULL) == 0);
	sys_cap_delete(tr);
	sys_cap_delete(ro);
	sys_cap_delete(ep);
	sys_cap_delete(n);
	return true;
}

static long spin(void *arg)
{
	(void)arg;
	for (;;)
		__asm__ volatile("" ::: "memory");
	return 0;
}

static long sleep_forever(void *arg)
{
	uint64_t bits;

	sys_wait((slot_t)(uintptr_t)arg, &bits);
	return 0;
}

/* A thread of ours (shared space and capabilities) running fn(arg). */
static bool start_thread(slot_t t, slot_t f, unsigned stack, long (*fn)(void *),
			 void *arg)
{
	uint64_t top = new_stack(f, stack);
	struct clone_args a = {
		.flags = CLONE_VM | CLONE_CAPS, .pool = POOL, .dst = t, .sp = top,
	};

	return top && pith_thread_clone(ROOT_SLOT_TASK, &a, fn, arg) == 0;
}

static void stop_thread(slot_t t, slot_t f, unsigned stack)
{
	sys_task_kill(t);
	wait_dead(t);
	sys_cap_delete(t);
	drop_stack(f, stack);
}

/* The alarm of a spinning task t fires when its user time, or its user
 * plus system time, reaches the threshold (a timer on badge 2 is the
 * watchdog); the sleeping task s's never does. n is the notification,
 * alarm and dog its capabilities with badges 1 and 2. */
static bool alarm_checks(slot_t t, slot_t s, slot_t n, slot_t alarm, slot_t dog)
{
	uint64_t bits, ut, total;

	/* User time: 5 ticks from now. */
	CHECK(sys_task_cpu_alarm(t, utime_of(t) + 5, 0, alarm, &ut, &total) == 0);
	CHECK(sys_timer_set(dog, pith_clock_ns() + 2000 * MS) == 0);
	CHECK(sys_wait(n, &bits) == 0);
	CHECK(bits == 1);
	uint64_t u = utime_of(t);
	CHECK(u >= ut + 5 && u <= ut + 5 + 6);   /* + a quantum we waited */
	/* User + system time: 3 ticks from now. */
	CHECK(sys_task_cpu_alarm(t, 0, total + 3, alarm, &ut, &total) == 0);
	CHECK(sys_wait(n, &bits) == 0 && bits == 1);
	/* Already reached: at once. */
	CHECK(sys_task_cpu_alarm(t, 1, 0, alarm, NULL, NULL) == 0);
	CHECK(sys_wait(n, &bits) == 0 && bits == 1);
	/* The sleeper: the watchdog comes first. */
	CHECK(sys_task_cpu_alarm(s, utime_of(s) + 1, 0, alarm, &ut, &total) == 0);
	CHECK(sys_timer_set(dog, pith_clock_ns() + 100 * MS) == 1);
	CHECK(sys_wait(n, &bits) == 0 && bits == 2);
	CHECK(utime_of(s) == ut);
	return true;
}

bool test_time_cpu_alarm(void)
{
	slot_t n = new_slot(), alarm = new_slot(), dog = new_slot();
	slot_t t = new_slot(), f = new_slot(), s = new_slot(), g = new_slot();
	slot_t idle = new_slot();
	bool ok;

	CHECK(sys_obj_create(POOL, CAP_NOTIFICATION, n, 0) == 0);
	CHECK(sys_obj_create(POOL, CAP_NOTIFICATION, idle, 0) == 0);
	CHECK(sys_cap_mint(n, 0, alarm, RIGHT_WRITE, 1) == 0);
	CHECK(sys_cap_mint(n, 0, dog, RIGHT_WRITE, 2) == 0);
	CHECK(start_thread(t, f, 5, spin, NULL));
	ok = start_thread(s, g, 6, sleep_forever, (void *)(uintptr_t)idle) &&
	     alarm_checks(t, s, n, alarm, dog);
	/* The tasks' deaths take their alarms (and references) with them. */
	stop_thread(t, f, 5);
	stop_thread(s, g, 6);
	sys_cap_delete(alarm);
	sys_cap_delete(dog);
	sys_cap_delete(idle);
	sys_cap_delete(n);
	return ok;
}
