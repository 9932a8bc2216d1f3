/*
 * Signal state procsrv keeps per thread and per process (signal.c,
 * docs/signals.md). Plain data, so proc.h (host-tested) can hold it;
 * named signals.h, not signal.h, so that it never hides <signal.h> from
 * the host unit tests, which put this folder on their include path.
 */
#ifndef PROCSRV_SIGNALS_H
#define PROCSRV_SIGNALS_H

#include <stdbool.h>
#include <stdint.h>

#define SIG_COUNT 64

/* What a pending signal carries to a SA_SIGINFO handler (siginfo_t's
 * fields; the number is the index). */
struct ksiginfo {
	int32_t code;
	int32_t pid;
	uint32_t uid;
	int32_t status;
	uint64_t addr;
};

/* One signal's action: handler 0 SIG_DFL, 1 SIG_IGN, else an address in
 * the process, entered through restorer (libc's trampoline). */
struct ksigaction {
	uint64_t handler, mask, restorer;
	uint32_t flags;
};

/* Per thread. */
struct thread_sig {
	uint64_t mask;            /* blocked (bit n-1: signal n) */
	uint64_t pending;         /* sent to this thread alone (faults) */
	struct ksiginfo info;     /* of the last one sent to it alone */
	uint64_t saved_mask;      /* sigsuspend: the caller's own mask */
	bool suspended;           /* in sigsuspend: saved_mask is live */
	uint64_t reply;           /* saved Reply of its pause/sigsuspend/sigwait */
	uint64_t waitset;         /* in sigwait: the signals it waits for */
	uint64_t timer;           /* procsrv's copy of its timer notification */
	uint64_t handled;         /* handlers started on it (PROC_TCB_SIGNALS) */
	bool woke;                /* a signal ended its sleep: tell libc */
	uint64_t synced;          /* sig_step when mask was read from its
				     IPC buffer (the truth: libc's) */
	uint64_t ss_sp, ss_size;  /* sigaltstack (ss_size 0: none) */
};

/* A process's actions and the info of its pending signals, from a pool
 * (signal.c): a process without one has every action SIG_DFL, and its
 * pending signals need no info (only a handler sees it). procsrv's
 * memory is the root task's, which every process's creation pays for in
 * the kernel (docs/signals.md, "State"): 3.5 KB for each of PROC_MAX
 * processes would be 3.5 MB. */
struct sig_table {
	struct ksigaction act[SIG_COUNT];
	struct ksiginfo info[SIG_COUNT];
	bool used;
};

/* Per process. */
struct proc_sig {
	struct sig_table *tab;    /* NULL: all default */
	uint64_t pending;         /* sent to the process */
};

#endif
