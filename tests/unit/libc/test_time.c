/* libc's gmtime, mktime/timegm and strftime on the host (UTC). */
#include <string.h>
#include <time.h>

#include "check.h"

static int is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int main(void)
{
	struct tm tm;
	time_t t;
	char buf[128];

	t = 0;
	CHECK(gmtime_r(&t, &tm) && tm.tm_year == 70 && tm.tm_mon == 0 &&
	      tm.tm_mday == 1 && tm.tm_wday == 4 && tm.tm_yday == 0 && tm.tm_hour == 0);
	t = 951782400;                       /* 2000-02-29 00:00:00 */
	CHECK(gmtime_r(&t, &tm) && tm.tm_year == 100 && tm.tm_mon == 1 &&
	      tm.tm_mday == 29 && tm.tm_wday == 2 && tm.tm_yday == 59);
	t = -1;                              /* 1969-12-31 23:59:59 */
	CHECK(gmtime_r(&t, &tm) && tm.tm_year == 69 && tm.tm_mon == 11 &&
	      tm.tm_mday == 31 && tm.tm_hour == 23 && tm.tm_sec == 59 && tm.tm_wday == 3);
	t = 4102444800;                      /* 2100-01-01, not a leap year's end */
	CHECK(gmtime_r(&t, &tm) && tm.tm_year == 200 && tm.tm_yday == 0 && tm.tm_wday == 5);

	/* Walk day by day across four centuries against a simple calendar. */
	int ok = 1, wday = 4;                /* 1970-01-01 was a Thursday */
	long y = 1970;
	int m = 0, d = 1, yday = 0;
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	for (long day = 0; day < 146097 && ok; day++) {
		t = day * 86400 + 3661;
		ok &= gmtime_r(&t, &tm) != NULL;
		ok &= tm.tm_year == y - 1900 && tm.tm_mon == m && tm.tm_mday == d &&
		      tm.tm_wday == wday && tm.tm_yday == yday && tm.tm_hour == 1 &&
		      tm.tm_min == 1 && tm.tm_sec == 1;
		struct tm copy = tm;
		ok &= timegm(&copy) == t;
		if (!ok)
			printf("day %ld: %ld-%d-%d\n", day, y, m + 1, d);
		wday = (wday + 1) % 7;
		yday++;
		if (++d > mdays[m] + (m == 1 && is_leap(y))) {
			d = 1;
			if (++m == 12) {
				m = 0;
				y++;
				yday = 0;
			}
		}
	}
	CHECK(ok);

	/* mktime normalizes out-of-range fields. */
	tm = (struct tm){ .tm_year = 99, .tm_mon = 11, .tm_mday = 31, .tm_hour = 23,
			  .tm_min = 59, .tm_sec = 60 };
	t = mktime(&tm);
	CHECK(t == 946684800 && tm.tm_year == 100 && tm.tm_mon == 0 && tm.tm_mday == 1 &&
	      tm.tm_sec == 0 && tm.tm_wday == 6);
	tm = (struct tm){ .tm_year = 100, .tm_mon = -1, .tm_mday = 0 };
	CHECK(mktime(&tm) == 946684800 - 32 * 86400 && tm.tm_mon == 10 && tm.tm_mday == 30);
	CHECK(difftime(10, 4) == 6.0);

	t = 1700000000;                      /* 2023-11-14 22:13:20, a Tuesday */
	gmtime_r(&t, &tm);
	CHECK(strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %a %A %b %B %j %u %w", &tm) > 0);
	CHECK_STR(buf, "2023-11-14 22:13:20 Tue Tuesday Nov November 318 2 2");
	strftime(buf, sizeof(buf), "%D %T %R %e %I %p %y %C %F %Z %z %% %n%t", &tm);
	CHECK_STR(buf, "11/14/23 22:13:20 22:13 14 10 PM 23 20 2023-11-14 UTC +0000 % \n\t");
	strftime(buf, sizeof(buf), "%c|%x|%X|%s|%U|%W|%V|%G|%g", &tm);
	CHECK_STR(buf, "Tue Nov 14 22:13:20 2023|11/14/23|22:13:20|1700000000|46|46|46|2023|23");
	/* ISO weeks at year ends: 2021-01-03 is in 2020's week 53; 2024-12-30
	 * in 2025's week 1. */
	tm = (struct tm){ .tm_year = 121, .tm_mday = 3 };
	mktime(&tm);
	strftime(buf, sizeof(buf), "%G-W%V-%u", &tm);
	CHECK_STR(buf, "2020-W53-7");
	tm = (struct tm){ .tm_year = 124, .tm_mon = 11, .tm_mday = 30 };
	mktime(&tm);
	strftime(buf, sizeof(buf), "%G-W%V-%u", &tm);
	CHECK_STR(buf, "2025-W01-1");
	CHECK(strftime(buf, 5, "%Y-%m", &tm) == 0);   /* does not fit */
	CHECK(strftime(buf, 8, "%Y-%m", &tm) == 7);
	t = 0;
	CHECK_STR(asctime(gmtime(&t)), "Thu Jan  1 00:00:00 1970\n");
	CHECK_STR(ctime(&t), "Thu Jan  1 00:00:00 1970\n");
	return check_done("libc time");
}
