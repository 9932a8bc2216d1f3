/*
 * The process table (servers/procsrv/proc.c): what procsrv knows of each
 * process, as Linux keeps it in task_struct. Pure bookkeeping, no system
 * calls, so it is host-tested (tests/unit/test_proc.c): pid allocation,
 * the tree of parents and children, re-parenting to init, process groups
 * and sessions with the POSIX rules, credentials and resource limits.
 * Kernel objects (task, spaces, pool) are only named here by slot.
 *
 * Errors are negative errno values (uapi/errno.h).
 */
#ifndef PROCSRV_PROC_H
#define PROCSRV_PROC_H

#include <stdbool.h>
#include <stdint.h>

#include "area.h"
#include "policy.h"
#include "signals.h"

#define PID_MAX      32768   /* pids are 1..PID_MAX-1, allocated upward */
#define PROC_MAX     1024    /* processes at once, zombies included */
#define NGROUPS_MAX  32
#define RLIM_NLIMITS 16      /* Linux's RLIMIT_* numbering */
#define RLIM_INFINITY (~0ull)
#define PROC_COMM    16

/* Linux's RLIMIT_* numbers (the protocol and <sys/resource.h> use them). */
enum {
	RLIM_CPU = 0, RLIM_FSIZE = 1, RLIM_DATA = 2, RLIM_STACK = 3,
	RLIM_CORE = 4, RLIM_RSS = 5, RLIM_NPROC = 6, RLIM_NOFILE = 7,
	RLIM_MEMLOCK = 8, RLIM_AS = 9,
};

enum proc_state {
	PROC_FREE = 0,
	PROC_RUNNING,     /* running or sleeping: it has live threads */
	PROC_STOPPED,     /* stopped by a signal */
	PROC_ZOMBIE,      /* exited, not yet reaped: only this record is left */
};

struct cred {
	uint32_t ruid, euid, suid, fsuid;
	uint32_t rgid, egid, sgid, fsgid;
	uint32_t ngroups;
	uint32_t groups[NGROUPS_MAX];
};

struct rlim {
	uint64_t cur, max;
};

/* A thread: one kernel task of the process. Its badge on procsrv's
 * endpoint (and its fault and scheduler endpoints) is its tid. */
struct thread {
	uint32_t tid;             /* the main thread's tid is the pid */
	uint64_t task;            /* slot of its Task capability in procsrv */
	uint64_t cspace;          /* slot of its CapSpace (0 for the main
				     thread: that is proc->cspace) */
	uint64_t clear_tid;       /* CLONE_CHILD_CLEARTID address, or 0 */
	uint64_t reply;           /* slot of a saved Reply it waits on, or 0 */
	uint64_t ipcbuf;          /* address of its IPC buffer page */
	struct thread_sig sig;    /* its mask, pending signals, altstack
				     (servers/procsrv/signals.h) */
	struct proc *proc;
	struct thread *next;      /* in proc->threads */
};

struct proc {
	int32_t pid;
	enum proc_state state;
	struct proc *parent;      /* NULL only for init (pid 1) */
	struct proc *children;    /* first child */
	struct proc *sibling;     /* next child of the same parent */
	int32_t pgid, sid;
	bool execed;              /* has called execve since fork (setpgid) */
	struct cred cred;
	struct rlim rlim[RLIM_NLIMITS];
	uint64_t utime, stime;    /* ticks, its threads' (dead ones included) */
	uint64_t cutime, cstime;  /* ticks, its reaped children's */
	int32_t wstatus;          /* wait status, once a zombie (W* encoding) */
	uint32_t exit_signal;     /* signal its parent gets at its end (SIGCHLD) */
	struct sched_attr sched;  /* policy, nice, rt priority (policy.h) */
	struct thread *threads;
	uint32_t nthreads;
	uint64_t pool, aspace, cspace;  /* slots of its kernel objects, or 0 */
	uint64_t pages;           /* user pages procsrv gave it */
	struct area_map mm;
	char comm[PROC_COMM];     /* the program's name */
	void *server;             /* procsrv's own per-process state */
};

/* Empty the table. */
void proc_table_init(void);

/* A free record with a new pid: the next number upward from the last one
 * given, wrapping at PID_MAX to 2 (1 is init's, given once), skipping a
 * number that is a live process's pid, process-group id or session id.
 * The record is RUNNING, parentless, with default credentials (root),
 * limits (proc_default_rlimits) and pgid = sid = 0. NULL if PROC_MAX
 * processes exist or no pid is free. */
struct proc *proc_alloc(void);
/* A new tid for a thread other than a main one (CLONE_THREAD), by the
 * rule of proc_alloc(), so a tid never equals a live pid, pgid, sid or
 * another thread's tid; the caller links the thread into proc->threads
 * before the next proc_alloc() or proc_new_tid(). 0 if none is free.
 * (Added with proc.c: tids are badges and must be unique.) */
int32_t proc_new_tid(void);
/* Give the record back (it must have no children and no threads left). */
void proc_free(struct proc *p);
/* The process with this pid (zombies included), or NULL. */
struct proc *proc_find(int32_t pid);
/* Every used record, in table order: for (p = proc_first(); p; p = proc_next(p)). */
struct proc *proc_first(void);
struct proc *proc_next(struct proc *p);
/* Processes that exist (zombies included), and those of a real uid. */
uint32_t proc_count(void);
uint32_t proc_count_uid(uint32_t ruid);

/* Make child a child of parent (last in its list). */
void proc_link(struct proc *parent, struct proc *child);
/* Take p out of its parent's list. */
void proc_unlink(struct proc *p);
/* Give every child of dying to init, in order; returns how many of them
 * are zombies (init must be told: it reaps them). */
uint32_t proc_reparent_children(struct proc *dying, struct proc *init);

/* wait's choice of children, POSIX: pid > 0 that child; -1 any child; 0
 * any in the caller's process group; < -1 any in group -pid. */
bool proc_wait_matches(const struct proc *parent, const struct proc *child,
		       int32_t pid);
/* The same choice as waitid puts it (idtype, id; Linux's P_* values):
 * every wait's, wait4's pid turned into one by proc_wait_select. */
enum { PROC_P_ALL = 0, PROC_P_PID = 1, PROC_P_PGID = 2 };
struct proc_wait_sel {
	uint32_t idtype;          /* PROC_P_* */
	int64_t id;               /* the pid or the group (not 0) */
};
struct proc_wait_sel proc_wait_select(const struct proc *parent, int32_t pid);
bool proc_wait_selects(const struct proc *parent, const struct proc *child,
		       struct proc_wait_sel sel);
/* A matching zombie child of parent, or NULL; *any says whether any child
 * matches at all (else wait gives ECHILD). */
struct proc *proc_wait_find(struct proc *parent, int32_t pid, bool *any);

/* Process groups and sessions (POSIX rules and errors). */
int proc_setpgid(struct proc *caller, int32_t pid, int32_t pgid);
int32_t proc_getpgid(struct proc *caller, int32_t pid);   /* or -ESRCH */
int32_t proc_getsid(struct proc *caller, int32_t pid);    /* or -ESRCH */
int32_t proc_setsid(struct proc *caller);                  /* new sid or -EPERM */
/* Is there a process (not a zombie) in group pgid? */
bool proc_pgrp_exists(int32_t pgid);

/* Credentials, the POSIX/Linux rules: uid 0 (effective) may set any id,
 * others only to one of their real, effective or saved ids. An argument
 * of -1 (as uint32_t) means "unchanged" where Linux allows it. */
int cred_setuid(struct cred *c, uint32_t uid);
int cred_setgid(struct cred *c, uint32_t gid);
int cred_seteuid(struct cred *c, uint32_t euid);
int cred_setegid(struct cred *c, uint32_t egid);
int cred_setreuid(struct cred *c, uint32_t ruid, uint32_t euid);
int cred_setregid(struct cred *c, uint32_t rgid, uint32_t egid);
int cred_setresuid(struct cred *c, uint32_t ruid, uint32_t euid, uint32_t suid);
int cred_setresgid(struct cred *c, uint32_t rgid, uint32_t egid, uint32_t sgid);
/* The old fsuid / fsgid (Linux returns it whether or not it changed). */
uint32_t cred_setfsuid(struct cred *c, uint32_t fsuid);
uint32_t cred_setfsgid(struct cred *c, uint32_t fsgid);
int cred_setgroups(struct cred *c, uint32_t n, const uint32_t *groups);
/* May a process with credentials from signal one with to (kill's rule:
 * root, or the sender's real or effective uid is the target's real or
 * saved uid)? */
bool cred_may_signal(const struct cred *from, const struct cred *to);
/* Exec of a set-user-id / set-group-id program (mode bits of the file). */
void cred_exec_setid(struct cred *c, bool setuid, uint32_t uid, bool setgid,
		     uint32_t gid);

/* Resource limits. */
void proc_default_rlimits(struct rlim *r);
int proc_setrlimit(struct proc *p, uint32_t resource, const struct rlim *new);
int proc_getrlimit(const struct proc *p, uint32_t resource, struct rlim *out);

#endif
