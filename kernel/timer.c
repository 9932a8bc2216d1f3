/*
 * Time: the tick counter, one-shot timers and CPU-time alarms, and the
 * clock's factors for user mode. timer_tick() itself lives in
 * kernel/sched.c, where the tick charges the running task; it calls
 * timer_expire() and timer_cpu_charged() here.
 *
 * A timer belongs to a notification (struct notification's timer_*
 * fields): SYS_TIMER_SET arms it for a deadline on the monotonic clock
 * (arch_clock_ns, the clock user mode reads itself), and the first tick
 * at or after the deadline signals the notification, as SYS_SIGNAL would
 * through the capability the timer was set with. So a pool holds at most
 * as many timers as it paid notifications for, and a timer dies with its
 * notification. Armed timers sit on one list sorted by deadline: the tick
 * looks at its head only; arming walks it (bounded by the number of
 * armed notifications).
 *
 * A CPU-time alarm belongs to a task (struct task's alarm_*): the tick
 * that brings its user time, or its user plus kernel time, to a threshold
 * signals the alarm's notification (the error is the tick's sampling:
 * at most one tick).
 *
 * Entry points: timer_expire, timer_disarm, timer_cpu_charged,
 * timer_alarm_drop, and the calls SYS_CLOCK_INFO, SYS_TIMER_SET and
 * SYS_TASK_CPU_ALARM.
 */
#include "cspace.h"
#include "ipc.h"
#include "task.h"
#include "timer.h"
#include "uapi/clock.h"
#include "uapi/errno.h"
#include "usercopy.h"

volatile uint64_t timer_ticks;

static struct notification *armed;   /* by deadline, earliest first */

void timer_disarm(struct notification *n)
{
	if (!n->timer_pprev)
		return;
	*n->timer_pprev = n->timer_next;
	if (n->timer_next)
		n->timer_next->timer_pprev = n->timer_pprev;
	n->timer_next = NULL;
	n->timer_pprev = NULL;
}

/* After the last timer with the same or an earlier deadline: timers with
 * equal deadlines fire in the order they were set. */
static void timer_arm(struct notification *n, uint64_t deadline, uint64_t bits)
{
	struct notification **pp = &armed;

	n->timer_deadline = deadline;
	n->timer_bits = bits;
	while (*pp && (*pp)->timer_deadline <= deadline)
		pp = &(*pp)->timer_next;
	n->timer_next = *pp;
	if (*pp)
		(*pp)->timer_pprev = &n->timer_next;
	*pp = n;
	n->timer_pprev = pp;
}

void timer_expire(void)
{
	if (!armed)
		return;
	uint64_t now = arch_clock_ns();
	while (armed && armed->timer_deadline <= now) {
		struct notification *n = armed;
		timer_disarm(n);
		notification_signal(n, n->timer_bits);
	}
}

void timer_alarm_drop(struct task *t)
{
	struct notification *n = t->alarm_ntfn;

	if (n) {
		t->alarm_ntfn = NULL;
		obj_put(&n->hdr);
	}
}

static bool alarm_due(const struct task *t)
{
	return (t->alarm_user && t->utime >= t->alarm_user) ||
	       (t->alarm_total && t->utime + t->stime >= t->alarm_total);
}

static void alarm_fire(struct task *t)
{
	struct notification *n = t->alarm_ntfn;

	/* Keep the notification alive across the signal, then let go. */
	t->alarm_ntfn = NULL;
	notification_signal(n, t->alarm_bits);
	obj_put(&n->hdr);
}

void timer_cpu_charged(struct task *t)
{
	if (t->alarm_ntfn && alarm_due(t))
		alarm_fire(t);
}

/* ---- system calls --------------------------------------------------------- */

/* What SYS_CLOCK_SET added to the boot's real-time offset. */
static int64_t realtime_adjust_ns;

/* SYS_CLOCK_INFO(struct clock_info *): the factors user mode converts its
 * counter with, and the real-time offset as last set. */
long sys_clock_info(struct sysregs *r)
{
	struct clock_info ci = *arch_clock_info();

	ci.tick_ns = 1000000000u / TIMER_HZ;
	ci.realtime_offset_ns += realtime_adjust_ns;
	return copy_to_user(r->r[0], &ci, sizeof(ci));
}

/* SYS_CLOCK_SET(offset ns): CLOCK_REALTIME becomes the monotonic clock
 * plus offset. The root task's alone (the process server, which checks
 * the caller's privilege: clock_settime). */
long sys_clock_set(struct sysregs *r)
{
	if (!current->is_root)
		return -EPERM;
	realtime_adjust_ns = (int64_t)r->r[0] - arch_clock_info()->realtime_offset_ns;
	return 0;
}

/* SYS_TIMER_SET(notification, deadline ns): arm (or re-arm) the
 * notification's timer; TIMER_NEVER disarms it; a deadline already past
 * fires before the call returns. 1 if a timer was armed before, else 0. */
long sys_timer_set(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_NOTIFICATION,
				      RIGHT_WRITE);
	uint64_t deadline = r->r[1];
	struct notification *n;
	long was;

	if (c.err)
		return c.err;
	n = (struct notification *)c.cap->obj;
	was = n->timer_pprev != NULL;
	timer_disarm(n);
	if (deadline == TIMER_NEVER)
		return was;
	timer_arm(n, deadline, c.cap->badge ? c.cap->badge : 1);
	timer_expire();
	return was;
}

/* SYS_TASK_CPU_ALARM(task, user ticks, total ticks, notification or 0):
 * replace the task's CPU-time alarm (notification 0: none). r1 = the
 * task's utime, r2 = utime + stime, as of the call. */
long sys_task_cpu_alarm(struct sysregs *r)
{
	struct cap_ref tc = cap_lookup(current->cs, r->r[0], CAP_TASK,
				       RIGHT_CONTROL);
	uint64_t user = r->r[1], total = r->r[2];
	struct cap_ref nc = { 0, NULL };
	struct task *t;

	if (tc.err)
		return tc.err;
	if (r->r[3]) {
		nc = cap_lookup(current->cs, r->r[3], CAP_NOTIFICATION, RIGHT_WRITE);
		if (nc.err)
			return nc.err;
		if (!user && !total)
			return -EINVAL;
	}
	t = (struct task *)tc.cap->obj;
	if (t->state == TASK_DEAD)
		return -ESRCH;
	timer_alarm_drop(t);
	r->r[1] = t->utime;
	r->r[2] = t->utime + t->stime;
	if (!nc.cap)
		return 0;
	t->alarm_ntfn = (struct notification *)nc.cap->obj;
	obj_get(&t->alarm_ntfn->hdr);
	t->alarm_bits = nc.cap->badge ? nc.cap->badge : 1;
	t->alarm_user = user;
	t->alarm_total = total;
	timer_cpu_charged(t);      /* a threshold already reached: at once */
	return 0;
}
