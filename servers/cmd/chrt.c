/*
 * chrt: the real-time scheduling policy and priority.
 *   chrt -p pid                        show pid's policy and priority
 *   chrt [-f|-r|-o|-b|-i] -p prio pid  set them (default -r)
 *   chrt [-f|-r|-o|-b|-i] prio command [arg...]   run command with them
 * -f SCHED_FIFO, -r SCHED_RR, -o SCHED_OTHER, -b SCHED_BATCH, -i
 * SCHED_IDLE; priority 1..99 for FIFO and RR, 0 for the others.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int usage(void)
{
	fprintf(stderr, "usage: chrt -p pid | chrt [-f|-r|-o|-b|-i] -p prio pid | "
		"chrt [-f|-r|-o|-b|-i] prio command [arg...]\n");
	return 2;
}

static const char *name(int p)
{
	switch (p & ~SCHED_RESET_ON_FORK) {
	case SCHED_OTHER: return "SCHED_OTHER";
	case SCHED_FIFO: return "SCHED_FIFO";
	case SCHED_RR: return "SCHED_RR";
	case SCHED_BATCH: return "SCHED_BATCH";
	case SCHED_IDLE: return "SCHED_IDLE";
	}
	return "?";
}

static int number(const char *s, long *v)
{
	char *end;
	*v = strtol(s, &end, 10);
	return *s && !*end && *v >= 0;
}

int main(int argc, char **argv)
{
	int policy = SCHED_RR, i = 1, pidmode = 0;
	long prio, pid;

	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-f")) policy = SCHED_FIFO;
		else if (!strcmp(a, "-r")) policy = SCHED_RR;
		else if (!strcmp(a, "-o")) policy = SCHED_OTHER;
		else if (!strcmp(a, "-b")) policy = SCHED_BATCH;
		else if (!strcmp(a, "-i")) policy = SCHED_IDLE;
		else if (!strcmp(a, "-p")) pidmode = 1;
		else return usage();
	}
	if (pidmode && argc - i == 1) {
		if (!number(argv[i], &pid))
			return usage();
		struct sched_param sp;
		int p = sched_getscheduler((pid_t)pid);
		if (p < 0 || sched_getparam((pid_t)pid, &sp) < 0) {
			fprintf(stderr, "chrt: pid %ld: %s\n", pid, strerror(errno));
			return 1;
		}
		printf("pid %ld's current scheduling policy: %s%s\n", pid, name(p),
		       (p & SCHED_RESET_ON_FORK) ? "|SCHED_RESET_ON_FORK" : "");
		printf("pid %ld's current scheduling priority: %d\n", pid, sp.sched_priority);
		return 0;
	}
	if (argc - i < 2 || !number(argv[i], &prio))
		return usage();
	struct sched_param sp = { .sched_priority = (int)prio };
	if (pidmode) {
		if (argc - i != 2 || !number(argv[i + 1], &pid))
			return usage();
		if (sched_setscheduler((pid_t)pid, policy, &sp) < 0) {
			fprintf(stderr, "chrt: failed to set pid %ld's policy: %s\n", pid,
				strerror(errno));
			return 1;
		}
		return 0;
	}
	if (sched_setscheduler(0, policy, &sp) < 0) {
		fprintf(stderr, "chrt: failed to set policy: %s\n", strerror(errno));
		return 1;
	}
	execvp(argv[i + 1], argv + i + 1);
	fprintf(stderr, "chrt: %s: %s\n", argv[i + 1], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
