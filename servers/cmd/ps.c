/*
 * ps [-eAf]: every process (as `ps -e`; the options are accepted for
 * habit's sake), one line each: PID PPID UID STAT PRI NI POLICY NLWP TIME
 * COMMAND. PRI is the kernel priority level (0..139, higher runs first),
 * POLICY as ps's CLS column (TS, FF, RR, B, IDL), NLWP the threads, TIME
 * user + system CPU time. The list comes from the process server
 * (PROC_PS, docs/proto-procsrv.md). The system's servers, procsrv and fs,
 * are tasks, not processes: they come first, without a pid, their names
 * in brackets (as Linux's ps shows kernel threads).
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

static void show(const struct pith_psinfo *p, int server)
{
	unsigned long long s = (p->utime_us + p->stime_us) / 1000000;
	char time[16], pid[12], ppid[12];

	snprintf(time, sizeof(time), "%llu:%02llu", s / 60, s % 60);
	snprintf(pid, sizeof(pid), "%d", p->pid);
	snprintf(ppid, sizeof(ppid), "%d", p->ppid);
	printf("%5s %5s %5u %-4c %3d %3d %-6s %4u %8s %s%s%s\n",
	       server ? "-" : pid, server ? "-" : ppid, p->uid, p->state,
	       p->level, p->nice, policy_name(p->policy), p->nthreads, time,
	       server ? "[" : "", p->comm[0] ? p->comm : "?", server ? "]" : "");
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
	/* The system's servers first, as a Linux ps shows kernel threads:
	 * no pid, the name in brackets. */
	for (int i = pith_ps_server(0, &p); i > 0; i = pith_ps_server(i, &p))
		show(&p, 1);
	for (pid = pith_ps(1, &p); pid > 0; pid = pith_ps(pid + 1, &p))
		show(&p, 0);
	if (pid < 0) {
		perror("ps");
		return 1;
	}
	return 0;
}
