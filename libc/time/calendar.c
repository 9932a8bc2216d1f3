/*
 * Calendar time in UTC (<time.h>): gmtime(_r), localtime(_r) (= UTC
 * until there is a time zone database), mktime/timegm, difftime,
 * asctime(_r), ctime(_r), tzset. Days to dates use the proleptic
 * Gregorian calendar with the civil-from-days method: count days from
 * 0000-03-01 so that the leap day ends each 4/100/400-year cycle.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <time.h>

char *tzname[2] = { "UTC", "UTC" };
long timezone;
int daylight;

void tzset(void)
{
}

static long long floor_div(long long a, long long b)
{
	return a / b - (a % b < 0);
}

/* Days since 1970-01-01 of y-m-d (m 1..12, any d). */
static long long days_from_civil(long long y, int m, int d)
{
	y -= m <= 2;
	long long era = floor_div(y, 400);
	long long yoe = y - era * 400;                             /* 0..399 */
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;     /* 0..146096 */
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, long long *y, int *m, int *d)
{
	z += 719468;
	long long era = floor_div(z, 146097);
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	long long days = floor_div(*t, 86400), secs = *t - days * 86400;
	long long y;
	int m, d;

	civil_from_days(days, &y, &m, &d);
	if (y - 1900 > INT_MAX || y - 1900 < INT_MIN) {
		errno = EOVERFLOW;
		return NULL;
	}
	tm->tm_year = (int)(y - 1900);
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_wday = (int)((days % 7 + 11) % 7);  /* 1970-01-01 was a Thursday */
	tm->tm_yday = (int)(days - days_from_civil(y, 1, 1));
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = "UTC";
	return tm;
}

struct tm *gmtime(const time_t *t)
{
	static struct tm tm;

	return gmtime_r(t, &tm);
}

struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	return gmtime_r(t, tm);
}

struct tm *localtime(const time_t *t)
{
	return gmtime(t);
}

/* Normalizes *tm (out-of-range fields carry into the next) and fills in
 * tm_wday and tm_yday, as mktime must. */
time_t timegm(struct tm *tm)
{
	long long mon = tm->tm_mon, y = tm->tm_year + 1900LL;
	time_t t;

	y += floor_div(mon, 12);
	mon -= floor_div(mon, 12) * 12;
	t = days_from_civil(y, (int)mon + 1, 1) + tm->tm_mday - 1;
	t = t * 86400 + tm->tm_hour * 3600LL + tm->tm_min * 60LL + tm->tm_sec;
	if (!gmtime_r(&t, tm))
		return (time_t)-1;
	return t;
}

time_t mktime(struct tm *tm)
{
	return timegm(tm);
}

double difftime(time_t end, time_t start)
{
	return (double)(end - start);
}

static const char wday_name[7][4] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};
static const char mon_name[12][4] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

char *asctime_r(const struct tm *restrict tm, char *restrict buf)
{
	if ((unsigned)tm->tm_wday > 6 || (unsigned)tm->tm_mon > 11) {
		errno = EOVERFLOW;
		return NULL;
	}
	snprintf(buf, 26, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n",
		 wday_name[tm->tm_wday], mon_name[tm->tm_mon], tm->tm_mday,
		 tm->tm_hour, tm->tm_min, tm->tm_sec, 1900 + tm->tm_year);
	return buf;
}

char *asctime(const struct tm *tm)
{
	static char buf[26];

	return asctime_r(tm, buf);
}

char *ctime_r(const time_t *t, char *buf)
{
	struct tm tm;

	return gmtime_r(t, &tm) ? asctime_r(&tm, buf) : NULL;
}

char *ctime(const time_t *t)
{
	static char buf[26];

	return ctime_r(t, buf);
}
