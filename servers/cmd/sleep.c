/*
 * sleep seconds: wait that long; a fraction is allowed (sleep 0.5), as
 * GNU's sleep allows. A missing or bad operand is a usage error (2).
 */
#include <errno.h>
#include <stdio.h>
#include <time.h>

static int parse(const char *s, struct timespec *ts)
{
	long long sec = 0, ns = 0, scale = 100000000;
	const char *p = s;

	if (!*p)
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (sec > 100000000000LL)
			return -1;
		sec = sec * 10 + (*p - '0');
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
			ns += (*p - '0') * scale;
	}
	if (*p || (p == s))
		return -1;
	ts->tv_sec = (time_t)sec;
	ts->tv_nsec = (long)ns;
	return 0;
}

int main(int argc, char **argv)
{
	struct timespec ts, rem;

	if (argc != 2 || parse(argv[1], &ts)) {
		fprintf(stderr, "usage: sleep seconds[.fraction]\n");
		return 2;
	}
	while (nanosleep(&ts, &rem) < 0) {
		if (errno != EINTR) {
			perror("sleep");
			return 1;
		}
		ts = rem;
	}
	return 0;
}
