/*
 * Time (<time.h>). Broken-down time and formatting are computed here, in
 * UTC (libc/time/); reading and waiting on clocks asks the process
 * server (ENOSYS until it exists).
 */
#ifndef _TIME_H
#define _TIME_H

#define __need_size_t
#define __need_NULL
#include <stddef.h>
#define __PITH_NEED_time_t
#define __PITH_NEED_clock_t
#define __PITH_NEED_clockid_t
#define __PITH_NEED_timer_t
#define __PITH_NEED_pid_t
#define __PITH_NEED_timespec
#include <bits/types.h>

#define CLOCKS_PER_SEC 1000000L
#define TIME_UTC 1

#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3
#define CLOCK_MONOTONIC_RAW      4
#define CLOCK_REALTIME_COARSE    5
#define CLOCK_MONOTONIC_COARSE   6
#define CLOCK_BOOTTIME           7
#define TIMER_ABSTIME            1

struct tm {
	int tm_sec, tm_min, tm_hour;
	int tm_mday, tm_mon, tm_year;
	int tm_wday, tm_yday, tm_isdst;
	long tm_gmtoff;
	const char *tm_zone;
};

struct itimerspec {
	struct timespec it_interval;
	struct timespec it_value;
};

struct sigevent;

extern char *tzname[2];
extern long timezone;
extern int daylight;

clock_t clock(void);
time_t time(time_t *t);
double difftime(time_t end, time_t start);
time_t mktime(struct tm *tm);
time_t timegm(struct tm *tm);
struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm);
char *asctime(const struct tm *tm);
char *asctime_r(const struct tm *restrict tm, char *restrict buf);
char *ctime(const time_t *t);
char *ctime_r(const time_t *t, char *buf);
size_t strftime(char *restrict s, size_t max, const char *restrict fmt,
		const struct tm *restrict tm);
char *strptime(const char *restrict s, const char *restrict fmt,
	       struct tm *restrict tm);
void tzset(void);
int timespec_get(struct timespec *ts, int base);

int clock_gettime(clockid_t id, struct timespec *ts);
int clock_settime(clockid_t id, const struct timespec *ts);
int clock_getres(clockid_t id, struct timespec *res);
int clock_nanosleep(clockid_t id, int flags, const struct timespec *req,
		    struct timespec *rem);
int clock_getcpuclockid(pid_t pid, clockid_t *id);
int nanosleep(const struct timespec *req, struct timespec *rem);
int timer_create(clockid_t id, struct sigevent *restrict ev,
		 timer_t *restrict timer);
int timer_delete(timer_t timer);
int timer_settime(timer_t timer, int flags,
		  const struct itimerspec *restrict value,
		  struct itimerspec *restrict old);
int timer_gettime(timer_t timer, struct itimerspec *value);
int timer_getoverrun(timer_t timer);

#endif
