/*
 * What the process server tells of the whole system (proto/procsrv.h,
 * PROC_SYSINFO): for tools such as ps, and for tests that count leaks.
 */
#ifndef PITH_PROCINFO_H
#define PITH_PROCINFO_H

#include <stdint.h>

struct pith_sysinfo {
	uint64_t processes;     /* zombies included */
	uint64_t pool_used;     /* bytes of memory procsrv has given out */
	uint64_t image_pages;   /* file pages mapped from the boot image (shared) */
	uint64_t copied_pages;  /* file pages copied (data, partial pages) */
	uint64_t table_bytes;   /* procsrv's own tables, mapped as they grow,
				 * their page tables included (not in pool_used) */
};

/* 0, or -1 with errno (ENOSYS without a process server). */
int pith_sysinfo(struct pith_sysinfo *out);

/* One process as PROC_PS tells it (ps, pstree). */
struct pith_psinfo {
	int32_t pid, ppid, pgid, sid;
	uint32_t uid, euid;
	char state;             /* R, S, T, Z */
	int nice;
	int policy;             /* SCHED_* (SCHED_RESET_ON_FORK or'd in) */
	int rt_priority;
	int level;              /* the kernel priority level, 0..139 */
	uint64_t utime_us, stime_us;
	uint32_t nthreads;
	char comm[17];          /* the program's name */
};

/* The process with the lowest pid >= cursor: its pid (> 0) with *out
 * filled, 0 when there is none, -1 with errno (ENOSYS without a process
 * server, EINVAL for a negative cursor). Walk the table with
 * for (pid = pith_ps(1, &i); pid > 0; pid = pith_ps(pid + 1, &i)). */
int pith_ps(int32_t cursor, struct pith_psinfo *out);
/* The system server at index (0: procsrv, then fs...: tasks procsrv
 * started that are not processes; pid and ppid 0): index + 1 with *out
 * filled, 0 past the last, -1 with errno. */
int pith_ps_server(int index, struct pith_psinfo *out);

/* Switch the machine off (PROC_POWEROFF): returns only on failure, -1
 * with errno EPERM (not root) or ENOSYS. */
int pith_poweroff(void);

#endif
