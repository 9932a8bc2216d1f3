/*
 * strftime (<time.h>) for the C locale, in UTC: every C11/POSIX
 * conversion, including the ISO 8601 week-based year (%G %g %V); the E
 * and O modifiers are accepted and ignored, as the C locale allows.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const day_full[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday"
};
static const char *const mon_full[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

struct out {
	char *s;
	size_t max, len;
	bool full;
};

static void put(struct out *o, const char *str)
{
	for (; *str; str++) {
		if (o->len + 1 >= o->max) {
			o->full = true;
			return;
		}
		o->s[o->len++] = *str;
	}
}

static void putnum(struct out *o, const char *fmt, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), fmt, v);
	put(o, buf);
}

/* Weeks in ISO year y: 53 when it starts on a Thursday, or on a
 * Wednesday in a leap year (p is the weekday of December 31st). */
static int iso_weeks(long long y)
{
	long long p = (y + y / 4 - y / 100 + y / 400) % 7;
	long long q = ((y - 1) + (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400) % 7;

	return p == 4 || q == 3 ? 53 : 52;
}

/* ISO 8601 week number and week-based year. */
static int iso_week(const struct tm *tm, long long *year)
{
	long long y = tm->tm_year + 1900LL;
	int wd = (tm->tm_wday + 6) % 7 + 1;           /* Monday = 1 */
	int w = (tm->tm_yday - wd + 10) / 7;

	if (w < 1) {
		y--;
		w = iso_weeks(y);
	} else if (w > iso_weeks(y)) {
		y++;
		w = 1;
	}
	*year = y;
	return w;
}

static void conv(struct out *o, char c, const struct tm *tm)
{
	long long y = tm->tm_year + 1900LL, iy;
	int h12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
	const char *wd = (unsigned)tm->tm_wday < 7 ? day_full[tm->tm_wday] : "?";
	const char *mn = (unsigned)tm->tm_mon < 12 ? mon_full[tm->tm_mon] : "?";
	char abbr[4];

	switch (c) {
	case 'a': snprintf(abbr, 4, "%s", wd); put(o, abbr); break;
	case 'A': put(o, wd); break;
	case 'b': case 'h': snprintf(abbr, 4, "%s", mn); put(o, abbr); break;
	case 'B': put(o, mn); break;
	case 'c': conv(o, 'a', tm); put(o, " "); conv(o, 'b', tm); put(o, " ");
		conv(o, 'e', tm); put(o, " "); conv(o, 'T', tm); put(o, " ");
		conv(o, 'Y', tm); break;
	case 'C': putnum(o, "%02lld", y / 100); break;
	case 'd': putnum(o, "%02lld", tm->tm_mday); break;
	case 'D': conv(o, 'm', tm); put(o, "/"); conv(o, 'd', tm); put(o, "/");
		conv(o, 'y', tm); break;
	case 'e': putnum(o, "%2lld", tm->tm_mday); break;
	case 'F': conv(o, 'Y', tm); put(o, "-"); conv(o, 'm', tm); put(o, "-");
		conv(o, 'd', tm); break;
	case 'g': iso_week(tm, &iy); putnum(o, "%02lld", (iy % 100 + 100) % 100); break;
	case 'G': iso_week(tm, &iy); putnum(o, "%lld", iy); break;
	case 'H': putnum(o, "%02lld", tm->tm_hour); break;
	case 'I': putnum(o, "%02lld", h12); break;
	case 'j': putnum(o, "%03lld", tm->tm_yday + 1); break;
	case 'm': putnum(o, "%02lld", tm->tm_mon + 1); break;
	case 'M': putnum(o, "%02lld", tm->tm_min); break;
	case 'n': put(o, "\n"); break;
	case 'p': put(o, tm->tm_hour < 12 ? "AM" : "PM"); break;
	case 'r': conv(o, 'I', tm); put(o, ":"); conv(o, 'M', tm); put(o, ":");
		conv(o, 'S', tm); put(o, " "); conv(o, 'p', tm); break;
	case 'R': conv(o, 'H', tm); put(o, ":"); conv(o, 'M', tm); break;
	case 's': putnum(o, "%lld", (long long)timegm(&(struct tm){
		.tm_year = tm->tm_year, .tm_mon = tm->tm_mon, .tm_mday = tm->tm_mday,
		.tm_hour = tm->tm_hour, .tm_min = tm->tm_min, .tm_sec = tm->tm_sec }));
		break;
	case 'S': putnum(o, "%02lld", tm->tm_sec); break;
	case 't': put(o, "\t"); break;
	case 'T': conv(o, 'H', tm); put(o, ":"); conv(o, 'M', tm); put(o, ":");
		conv(o, 'S', tm); break;
	case 'u': putnum(o, "%lld", (tm->tm_wday + 6) % 7 + 1); break;
	case 'U': putnum(o, "%02lld", (tm->tm_yday + 7 - tm->tm_wday) / 7); break;
	case 'V': putnum(o, "%02lld", iso_week(tm, &iy)); break;
	case 'w': putnum(o, "%lld", tm->tm_wday); break;
	case 'W': putnum(o, "%02lld", (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7); break;
	case 'x': conv(o, 'D', tm); break;
	case 'X': conv(o, 'T', tm); break;
	case 'y': putnum(o, "%02lld", (y % 100 + 100) % 100); break;
	case 'Y': putnum(o, "%lld", y); break;
	case 'z': put(o, "+0000"); break;
	case 'Z': put(o, "UTC"); break;
	case '%': put(o, "%"); break;
	default: {
		char lit[3] = { '%', c, 0 };
		put(o, lit);
	}
	}
}

size_t strftime(char *restrict s, size_t max, const char *restrict fmt,
		const struct tm *restrict tm)
{
	struct out o = { s, max, 0, false };

	for (; *fmt && !o.full; fmt++) {
		if (*fmt != '%') {
			char lit[2] = { *fmt, 0 };
			put(&o, lit);
			continue;
		}
		fmt++;
		if (*fmt == 'E' || *fmt == 'O')
			fmt++;
		if (!*fmt)
			break;
		conv(&o, *fmt, tm);
	}
	if (o.full || !max)
		return 0;
	s[o.len] = '\0';
	return o.len;
}
