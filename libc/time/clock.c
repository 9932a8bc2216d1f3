/*
 * Clocks and sleeping: clock_gettime, clock_getres, gettimeofday, time,
 * timespec_get, clock (<time.h>, <sys/time.h>), nanosleep,
 * clock_nanosleep, usleep, sleep (<unistd.h>).
 *
 * The clock is read in user mode (<pith/clock.h>): the machine's counter
 * (rdtime, rdtsc) scaled by the kernel's factors, which the first use
 * fetches with SYS_CLOCK_INFO and keeps (they never change after boot; a
 * fork inherits them, an exec fetches them again). CLOCK_REALTIME is the
 * monotonic clock plus the offset the kernel read from the machine's RTC
 * at boot (without an RTC: the epoch at boot).
 *
 * Sleeping arms the kernel timer of the thread's own notification
 * (PROC_SLOT_TIMER, which procsrv gives every thread) for the deadline
 * and waits on it: no call to procsrv. Without procsrv (a root task) there
 * is no such notification: ENOSYS. A signal handler interrupts a sleep:
 * procsrv signals the same notification and counts the handler in the
 * IPC buffer (PROC_TCB_SIGNALS), and the sleep ends with EINTR and the
 * time left (docs/signals.md).
 */
#include <errno.h>
#include <pith/clock.h>
#include <pith/machine.h>
#include <pith/syscall.h>
#include <proto/procsrv.h>
#include <sys/time.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "../proc/call.h"

#define NSEC 1000000000ull

static struct clock_info info;   /* mult == 0: not fetched yet */

static __attribute__((noinline)) void fetch_info(void)
{
	struct clock_info ci;

	if (sys_clock_info(&ci) == 0)
		info = ci;
}

const struct clock_info *pith_clock_info(void)
{
	if (__builtin_expect(!info.mult, 0))
		fetch_info();
	return &info;
}

uint64_t pith_clock_ns(void)
{
	if (__builtin_expect(!info.mult, 0))
		fetch_info();
	return clock_info_ns(&info, pith_clock_counter());
}

/* CPU time in ns, user + system (who: RUSAGE_SELF, the process's;
 * RUSAGE_THREAD, the calling thread's), counted in ticks. */
static int cpu_ns(int who, uint64_t *ns)
{
	struct rusage ru;

	if (getrusage(who, &ru))
		return -1;
	*ns = ((uint64_t)ru.ru_utime.tv_sec + (uint64_t)ru.ru_stime.tv_sec) * NSEC +
	      ((uint64_t)ru.ru_utime.tv_usec + (uint64_t)ru.ru_stime.tv_usec) * 1000;
	return 0;
}

/* A clock's time in ns, or -1 with errno. */
static int clock_ns(clockid_t id, uint64_t *ns)
{
	switch (id) {
	case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE: case CLOCK_BOOTTIME:
		*ns = pith_clock_ns();
		return 0;
	case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE:
		/* The offset may have been set since (clock_settime): asked
		 * of the kernel each time. */
		fetch_info();
		*ns = pith_clock_ns() + (uint64_t)info.realtime_offset_ns;
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
		return cpu_ns(RUSAGE_SELF, ns);
	case CLOCK_THREAD_CPUTIME_ID:
		return cpu_ns(RUSAGE_THREAD, ns);
	default:
		errno = EINVAL;
		return -1;
	}
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
	uint64_t ns;

	if (clock_ns(id, &ns))
		return -1;
	ts->tv_sec = (time_t)(ns / NSEC);
	ts->tv_nsec = (long)(ns % NSEC);
	return 0;
}

int clock_getres(clockid_t id, struct timespec *res)
{
	const struct clock_info *ci = pith_clock_info();
	uint64_t ns;

	switch (id) {
	case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_BOOTTIME:
	case CLOCK_REALTIME:
		ns = ci->resolution_ns ? ci->resolution_ns : 1;
		break;
	case CLOCK_MONOTONIC_COARSE: case CLOCK_REALTIME_COARSE:
	case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID:
		ns = NSEC / sysconf(_SC_CLK_TCK);
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = (long)ns;
	}
	return 0;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	uint64_t ns;

	(void)clock_ns(CLOCK_REALTIME, &ns);
	if (tv) {
		tv->tv_sec = (time_t)(ns / NSEC);
		tv->tv_usec = (suseconds_t)(ns % NSEC / 1000);
	}
	if (tz) {
		/* Obsolete: UTC, no daylight saving. */
		struct timezone *z = tz;
		z->tz_minuteswest = 0;
		z->tz_dsttime = 0;
	}
	return 0;
}

time_t time(time_t *t)
{
	uint64_t ns;
	time_t s;

	(void)clock_ns(CLOCK_REALTIME, &ns);
	s = (time_t)(ns / NSEC);
	if (t)
		*t = s;
	return s;
}

int timespec_get(struct timespec *ts, int base)
{
	if (base != TIME_UTC)
		return 0;
	clock_gettime(CLOCK_REALTIME, ts);
	return base;
}

clock_t clock(void)
{
	uint64_t ns;

	if (cpu_ns(RUSAGE_SELF, &ns))
		return (clock_t)-1;
	return (clock_t)(ns / (NSEC / CLOCKS_PER_SEC));
}

/* ---- sleeping -------------------------------------------------------------- */

static int valid_timespec(const struct timespec *ts)
{
	return ts->tv_nsec >= 0 && ts->tv_nsec < (long)NSEC && ts->tv_sec >= 0;
}

/* ts as ns, saturating (a sleep of centuries is for ever). */
static uint64_t timespec_ns(const struct timespec *ts)
{
	uint64_t s = (uint64_t)ts->tv_sec;

	if (s > (TIMER_NEVER - 1) / NSEC - 1)
		return TIMER_NEVER - 1;
	return s * NSEC + (uint64_t)ts->tv_nsec;
}

/* The count of signal handlers procsrv started on this thread. */
static uint64_t handlers_run(void)
{
	return *(volatile uint64_t *)&__pith_proc_ipcbuf()->user[PROC_TCB_SIGNALS];
}

/* Sleep until the monotonic clock reads deadline: 0 or an error number;
 * EINTR when a signal handler ran meanwhile (procsrv wakes the wait by
 * the same notification, and counts handlers in the IPC buffer). */
static int sleep_until(uint64_t deadline)
{
	if (!__pith_in_process)
		return ENOSYS;
	uint64_t seen = handlers_run();
	/* The wait returns at the timer's tick; anything else that signals
	 * the notification (a timer left from an earlier sleep, a signal
	 * for which no handler ran) only makes us arm it again. */
	while (pith_clock_ns() < deadline) {
		uint64_t bits;
		if (sys_timer_set(PROC_SLOT_TIMER, deadline) < 0 ||
		    sys_wait(PROC_SLOT_TIMER, &bits) < 0)
			return ENOSYS;
		if (handlers_run() != seen && pith_clock_ns() < deadline)
			return EINTR;
	}
	return 0;
}

static uint64_t add_sat(uint64_t a, uint64_t b)
{
	return a + b < a || a + b >= TIMER_NEVER ? TIMER_NEVER - 1 : a + b;
}

int clock_nanosleep(clockid_t id, int flags, const struct timespec *req,
		    struct timespec *rem)
{
	uint64_t ns, now;
	int err;

	switch (id) {
	case CLOCK_MONOTONIC: case CLOCK_BOOTTIME: case CLOCK_REALTIME:
		break;
	case CLOCK_PROCESS_CPUTIME_ID:
		return ENOTSUP;
	default:
		return EINVAL;
	}
	if (!valid_timespec(req))
		return EINVAL;
	ns = timespec_ns(req);
	now = pith_clock_ns();
	if (!(flags & TIMER_ABSTIME)) {
		uint64_t end = add_sat(now, ns);
		err = sleep_until(end);
		if (err == EINTR && rem) {
			/* The time not slept (never restarted: POSIX). */
			uint64_t left = end - pith_clock_ns();
			if ((int64_t)left < 0)
				left = 0;
			rem->tv_sec = (time_t)(left / NSEC);
			rem->tv_nsec = (long)(left % NSEC);
		}
		return err;
	}
	if (id == CLOCK_REALTIME) {
		/* Realtime to monotonic: a time before boot is past. */
		fetch_info();   /* the offset as set now */
		int64_t off = info.realtime_offset_ns;
		ns = off > 0 && ns < (uint64_t)off ? 0 : ns - (uint64_t)off;
	}
	return sleep_until(ns);
}

/* CLOCK_REALTIME only, by procsrv (root only: EPERM). */
int clock_settime(clockid_t id, const struct timespec *ts)
{
	if (id != CLOCK_REALTIME || !valid_timespec(ts)) {
		errno = EINVAL;
		return -1;
	}
	return (int)__pith_proc_ret(__pith_proc_call(PROC_CLOCK_SET, 3,
						     timespec_ns(ts), 0, 0, NULL));
}

int settimeofday(const struct timeval *tv, const struct timezone *tz)
{
	(void)tz;   /* no time zones: UTC */
	if (!tv)
		return 0;
	if (tv->tv_usec < 0 || tv->tv_usec >= 1000000) {
		errno = EINVAL;
		return -1;
	}
	struct timespec ts = { tv->tv_sec, (long)tv->tv_usec * 1000 };
	return clock_settime(CLOCK_REALTIME, &ts);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	int err = clock_nanosleep(CLOCK_MONOTONIC, 0, req, rem);

	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

int usleep(useconds_t usec)
{
	struct timespec ts = { (time_t)(usec / 1000000), (long)(usec % 1000000) * 1000 };

	return nanosleep(&ts, NULL);
}

unsigned sleep(unsigned seconds)
{
	struct timespec ts = { (time_t)seconds, 0 }, rem = { 0, 0 };

	/* The seconds not slept: none, those left when a signal handler
	 * interrupted (rounded up), or all when sleeping is impossible. */
	if (!nanosleep(&ts, &rem))
		return 0;
	return errno == EINTR ? (unsigned)rem.tv_sec + (rem.tv_nsec > 0) : seconds;
}
