/*
 * ps [-eAf]: every process (as `ps -e`; the options are accepted for
 * habit's sake), one line each: PID PPID UID STAT PRI NI POLICY NLWP TIME
 * COMMAND. PRI is the kernel priority level (0..139, higher runs first),
 * POLICY as ps's CLS column (TS, FF, RR, B, IDL), NLWP the threads, TIME
 * user + system CPU time. The list comes from the process server
 * (PROC_PS, docs/proto-procsrv.md). procsrv and fs are not processes and
 * are not listed.
 */
#include <pith/procinfo.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

static const char *policy_name(int p)
{
	switch (p & ~SCHED_RESET_ON_FORK) {
	case SCHED_OTHER: return "TS";
	case SCHED_FIFO: return "FF";
	case SCHED_RR: return "RR";
	case SCHED_BATCH: return "B";
	case SCHED_IDLE: return "IDL";
	}
	return "?";
}

int main(int argc, char **argv)
{
	struct pith_psinfo p;
	int pid;

	for (int i = 1; i < argc; i++) {
		if (argv[i][0] != '-' || strspn(argv[i] + 1, "eAfa") != strlen(argv[i] + 1) ||
		    !argv[i][1]) {
			fprintf(stderr, "usage: ps [-eAf]\n");
			return 2;
		}
	}
	printf("%5s %5s %5s %-4s %3s %3s %-6s %4s %8s %s\n", "PID", "PPID", "UID",
	       "STAT", "PRI", "NI", "POLICY", "NLWP", "TIME", "COMMAND");
	for (pid = pith_ps(1, &p); pid > 0; pid = pith_ps(pid + 1, &p)) {
		unsigned long long s = (p.utime_us + p.stime_us) / 1000000;
		char time[16];
		snprintf(time, sizeof(time), "%llu:%02llu", s / 60, s % 60);
		printf("%5d %5d %5u %-4c %3d %3d %-6s %4u %8s %s\n", p.pid, p.ppid,
		       p.uid, p.state, p.level, p.nice, policy_name(p.policy),
		       p.nthreads, time, p.comm[0] ? p.comm : "?");
	}
	if (pid < 0) {
		perror("ps");
		return 1;
	}
	return 0;
}
