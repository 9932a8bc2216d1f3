/*
 * The process server's protocol (servers/procsrv; docs/proto-procsrv.md).
 * Every process reaches procsrv through PROC_SLOT_PROCSRV in its own
 * capability space: an endpoint capability minted with the calling
 * thread's id as badge, so procsrv knows who asks without trusting the
 * message. A request is a call: label = PROC_* opcode, w0..w2 the
 * arguments in registers, more in the IPC buffer's words 3.. where said.
 * The reply: label 0, w0 = the result (>= 0) or -errno, w1/w2 and IPC
 * buffer words 3.. extra results where said.
 *
 * Used by procsrv's dispatch loop and by libc's client stubs alike.
 */
#ifndef PITH_PROTO_PROCSRV_H
#define PITH_PROTO_PROCSRV_H

#include <stdint.h>

/* A process's capability space (set up by procsrv at exec). */
enum proc_slot {
	PROC_SLOT_PROCSRV = 1,   /* endpoint to procsrv, badged with the tid */
	PROC_SLOT_CONSOLE = 2,   /* the kernel debug console: empty when the
				    console server runs (it alone drives the UART) */
	PROC_SLOT_TIMER = 3,     /* the thread's own notification, for its
				    timer (SYS_TIMER_SET): libc sleeps on it */
	PROC_SLOT_FS = 4,        /* endpoint to fs (proto/fs.h), badged with the pid */
	PROC_SLOT_FIRST_FREE = 8,
};

/* Where procsrv maps a process's IPC buffer (one page below the stack's
 * lowest possible page is left unmapped as a guard). */
#define PROC_IPCBUF_VADDR 0x7fff0000ull
/* The stack grows down from here (RLIMIT_STACK deep at most). */
#define PROC_STACK_TOP    0x7ffe0000ull
/* mmap without a hint places below here, top-down. */
#define PROC_MMAP_TOP     0x70000000ull

/* A clone/fork child's result register, told apart from any call result
 * (0 or -errno): libc's stub returns 0 in the child when it sees it. */
#define PROC_CHILD_RETURN 1

/* PROC_CLONE's flags: Linux's values. The exit signal is the low byte. */
#define PROC_CSIGNAL              0x000000ffu
#define PROC_CLONE_VM             0x00000100u
#define PROC_CLONE_FS             0x00000200u  /* accepted: a thread shares fs's table anyway */
#define PROC_CLONE_FILES          0x00000400u  /* accepted: as CLONE_FS */
#define PROC_CLONE_SIGHAND        0x00000800u
#define PROC_CLONE_PTRACE         0x00002000u  /* accepted, ignored */
#define PROC_CLONE_VFORK          0x00004000u
#define PROC_CLONE_PARENT         0x00008000u
#define PROC_CLONE_THREAD         0x00010000u
#define PROC_CLONE_SYSVSEM        0x00040000u  /* accepted, ignored */
#define PROC_CLONE_SETTLS         0x00080000u
#define PROC_CLONE_PARENT_SETTID  0x00100000u
#define PROC_CLONE_CHILD_CLEARTID 0x00200000u
#define PROC_CLONE_DETACHED       0x00400000u  /* accepted, ignored (Linux) */
#define PROC_CLONE_UNTRACED       0x00800000u  /* accepted, ignored */
#define PROC_CLONE_CHILD_SETTID   0x01000000u

/* A thread's IPC buffer. The main thread's is at PROC_IPCBUF_VADDR; every
 * other thread of the process gets a page of its own in
 * [PROC_THREAD_IPCBUF, + PROC_THREADS_MAX pages), unmapped when it ends.
 * Its words ipc_buffer.user[] are the thread's control block (TCB):
 * procsrv starts every thread it makes (the main thread at exec, a clone
 * thread without CLONE_SETTLS) with its thread pointer (tp / FS base) at
 * &user[0] and user[0] holding that address (the x86-64 ABI's self
 * pointer), so libc finds its IPC buffer and its per-thread data (errno)
 * from the thread pointer. user[1..5] are libc's. */
#define PROC_THREAD_IPCBUF 0x80000000ull
/* Signal words of a thread's IPC buffer, after the TCB's (docs/signals.md,
 * "Masks"): user[PROC_TCB_SIGMASK] is the thread's blocked mask, which
 * libc's sigprocmask changes in place and procsrv reads before it decides
 * anything (and writes when a handler starts or returns);
 * user[PROC_TCB_SIGPEND] is procsrv's note of the signals pending for
 * the thread or its process (a superset: sigprocmask calls procsrv only
 * when it unblocks one of them); user[PROC_TCB_SIGNALS] counts the
 * handlers procsrv started on the thread, written when a signal ends a
 * sleep (a sleep that wakes early with it changed was interrupted). */
#define PROC_TCB_SIGMASK   3
#define PROC_TCB_SIGPEND   4
#define PROC_TCB_SIGNALS   5
/* The auxiliary vector entry (Pith's own type) exec gives a program:
 * the main thread's TCB, so libc knows it runs under procsrv (a program
 * started by pith_spawn_process has no TCB and no procsrv). */
#define PROC_AT_TCB        0x7001
#define PROC_THREADS_MAX   64     /* threads of one process, main included */

/* The longest name PROC_SERVE takes (the NUL not counted). */
#define PROC_NAME_MAX 31

/* PROC_FUTEX's ops (Linux's numbers; FUTEX_PRIVATE_FLAG is accepted). */
#define PROC_FUTEX_WAIT    0
#define PROC_FUTEX_WAKE    1
#define PROC_FUTEX_PRIVATE 128

enum proc_op {
	PROC_NONE = 0,
	/* identity: () -> w0 = the id */
	PROC_GETPID,             /* thread group id */
	PROC_GETPPID,
	PROC_GETTID,
	/* (flags, stack, tls) + words 3..4 = parent_tid, child_tid
	 * pointers: Linux's clone (PROC_CLONE_*, the exit signal in the low
	 * byte); fork is (SIGCHLD, 0, 0), vfork (CLONE_VM | CLONE_VFORK |
	 * SIGCHLD, 0, 0). stack 0 keeps the caller's stack pointer; tls is
	 * used with CLONE_SETTLS. -> w0 = the child's tid. The child starts
	 * as a return from this call with PROC_CHILD_RETURN as its result
	 * register (and, given a stack, on it). Rules and errors:
	 * docs/processes.md, "Threads and futex". */
	PROC_CLONE,
	/* (path, argv, envp) pointers in the caller's space -> no reply on
	 * success (the caller's image is gone); -errno otherwise. */
	PROC_EXECVE,
	/* (status): the whole process ends, every thread (exit_group). No
	 * reply. One thread alone ends by SYS_TASK_EXIT (its FAULT_EXIT). */
	PROC_EXIT,
	/* (pid, options) -> w0 = pid (0 with WNOHANG and nothing yet) or
	 * -errno, w1 = wait status, words 3..4 = the child's user and
	 * system time in microseconds. May be answered later. */
	PROC_WAIT4,
	/* (pid, sig) -> 0 or -errno (kill's rules; docs/signals.md) */
	PROC_KILL,
	/* credentials: GETRESUID/GETRESGID () -> w0 = 0, w1 = real,
	 * w2 = effective, word 3 = saved */
	PROC_GETRESUID,
	PROC_GETRESGID,
	PROC_SETUID,             /* (uid) */
	PROC_SETGID,
	PROC_SETEUID,
	PROC_SETEGID,
	PROC_SETREUID,           /* (ruid, euid); -1 unchanged */
	PROC_SETREGID,
	PROC_SETRESUID,          /* (ruid, euid, suid) */
	PROC_SETRESGID,
	PROC_SETFSUID,           /* (fsuid) -> w0 = the old fsuid */
	PROC_SETFSGID,
	PROC_GETGROUPS,          /* () -> w0 = n, words 3.. = the groups */
	PROC_SETGROUPS,          /* (n) + words 3.. = the groups */
	/* groups and sessions */
	PROC_GETPGID,            /* (pid) -> pgid */
	PROC_SETPGID,            /* (pid, pgid) */
	PROC_GETSID,             /* (pid) -> sid */
	PROC_SETSID,             /* () -> the new sid */
	/* limits and times */
	PROC_GETRLIMIT,          /* (resource) -> w0 = 0, w1 = cur, w2 = max */
	PROC_SETRLIMIT,          /* (resource, cur, max) */
	PROC_TIMES,              /* () -> w0 = ticks since boot, w1 = utime,
				    w2 = stime, words 3..4 = cutime, cstime */
	PROC_GETRUSAGE,          /* (who: 0 self, -1 children, 1 the calling
				    thread) -> w0 = 0,
				    w1 = user us, w2 = system us */
	/* memory */
	PROC_BRK,                /* (addr; 0 asks) -> the break */
	PROC_MMAP,               /* (addr, len, prot | flags << 32) -> addr */
	PROC_MUNMAP,             /* (addr, len) */
	PROC_MPROTECT,           /* (addr, len, prot) */
	/* (op, uaddr, val): WAIT: if the 32-bit word at uaddr is val, the
	 * caller waits until a WAKE at uaddr in its process (-> 0), else
	 * -EAGAIN; WAKE: wakes up to val waiters, oldest first -> how many.
	 * -EINVAL (uaddr not 4-aligned), -EFAULT, -ENOMEM (table of waiters
	 * full), -ENOSYS (other ops). */
	PROC_FUTEX,
	/* (sig, handler, mask) + word 3 = flags | PROC_SA_SET (else only
	 * ask), word 4 = restorer: struct sigaction's fields by value ->
	 * w0 = 0, w1 = the old handler, w2 = the old mask, words 3..4 = the
	 * old flags and restorer (none with PROC_SA_NOOLD in word 3: a
	 * short answer, which the kernel's fast path carries). A handler (not SIG_DFL 0 / SIG_IGN 1)
	 * needs SA_RESTORER with the restorer: the entry (libc's
	 * __pith_sigtramp) procsrv starts it through (docs/signals.md).
	 * -EINVAL (signo 0 or > 64, SIGKILL or SIGSTOP given an action, a
	 * handler or restorer outside user space). */
	PROC_SIGACTION,
	/* () -> w0 = 0, w1 = processes (zombies included), w2 = bytes of
	 * memory procsrv's pool has given out, words 3..4 = file pages the
	 * pager mapped from the boot image itself / copied: what `ps` and
	 * the tests that count leaks and sharing read. */
	PROC_SYSINFO,
	/* The name service (servers/procsrv/names.c; docs/proto-procsrv.md,
	 * "Names"). w0 = a pointer to the name, a NUL-terminated string of
	 * 1..PROC_NAME_MAX printable ASCII bytes, no blanks (else -EINVAL;
	 * -EFAULT). Capabilities go into the calling thread's own space, in
	 * the lowest free slot from PROC_SLOT_FIRST_FREE (-EMFILE: none). */
	/* (name) -> w0 = the slot of a READ capability to a new endpoint,
	 * charged to the caller's pool: the caller serves the name until
	 * the calling thread ends, execs or PROC_UNSERVE. -EEXIST (served),
	 * -ENOMEM (table or pool full). */
	PROC_SERVE,
	/* (name) -> w0 = the slot of a WRITE capability to its endpoint,
	 * badged with the caller's pid; w1 = the server's pid. A new slot
	 * each call. -ENOENT (nobody serves it). */
	PROC_CONNECT,
	/* (name) -> 0: the name is free again (connections made stay).
	 * -ENOENT, -EPERM (served by another process). */
	PROC_UNSERVE,
	/* Interval timers (Linux's ITIMER_REAL 0, ITIMER_VIRTUAL 1,
	 * ITIMER_PROF 2): (which, value µs, interval µs) -> w0 = 0, w1 = the
	 * old value (µs left, rounded up), w2 = the old interval (µs). value
	 * 0 disarms. alarm() is ITIMER_REAL. -EINVAL (which). */
	PROC_SETITIMER,
	/* (which) -> as PROC_SETITIMER, nothing changed */
	PROC_GETITIMER,
	/* Scheduling (servers/procsrv/sched.c; docs/scheduling.md, "The
	 * policy"). which: PRIO_PROCESS 0, PRIO_PGRP 1, PRIO_USER 2; who 0
	 * is the caller's pid, group or real uid. */
	/* (which, who, nice clamped to -20..19) -> 0: every matching
	 * process. -EINVAL (which), -ESRCH (none), -EPERM (another user's),
	 * -EACCES (a lower nice value, not root). */
	PROC_SETPRIORITY,
	/* (which, who) -> w0 = 0, w1 = the lowest nice value of the
	 * matching processes. -EINVAL, -ESRCH. */
	PROC_GETPRIORITY,
	/* (pid (0: the caller), policy | SCHED_RESET_ON_FORK, or -1 to keep
	 * the policy (sched_setparam), rt priority) -> 0. -EINVAL (pid < 0,
	 * policy or priority), -ESRCH, -EPERM (another user's, or a
	 * real-time policy, a higher real-time priority or dropping
	 * reset-on-fork when not root). */
	PROC_SCHED_SET,
	/* (pid, 0) -> w0 = 0, w1 = policy | SCHED_RESET_ON_FORK, w2 = rt
	 * priority; (pid, 1) -> w0 = 0, w1 = the time slice in µs (0 for
	 * SCHED_FIFO: sched_rr_get_interval). -EINVAL (pid < 0), -ESRCH. */
	PROC_SCHED_GET,
	/* The console's foreground process group (servers/procsrv/tty.c;
	 * docs/proto-console.md). () -> w0 = the group, w1 = the terminal's
	 * session; -ENOTTY (the caller's session is not the terminal's). */
	PROC_TCGETPGRP,
	/* (pgrp) -> 0: signals typed on the console go to pgrp. -EINVAL
	 * (pgrp <= 0), -ENOTTY (another session's terminal), -EPERM (no
	 * group pgrp in the caller's session). */
	PROC_TCSETPGRP,
	/* Signals (servers/procsrv/signal.c; docs/signals.md). Masks are
	 * sigset_t's 64 bits (bit n-1: signal n) by value. */
	/* (how: SIG_BLOCK 0 / SIG_UNBLOCK 1 / SIG_SETMASK 2, set, 1 if set
	 * is given else 0) -> w0 = 0, w1 = the calling thread's old mask.
	 * SIGKILL and SIGSTOP are never blocked. -EINVAL (how). */
	PROC_SIGMASK,
	/* () -> w0 = 0, w1 = the signals pending for the calling thread or
	 * its process */
	PROC_SIGPENDING,
	/* (mask, 1: keep the current mask (pause)) -> -EINTR once a handler
	 * has run (the frame restores the mask the caller had) */
	PROC_SIGSUSPEND,
	/* (ss, old): pointers (0: none) to stack_t. -EINVAL (flags), -ENOMEM
	 * (smaller than MINSIGSTKSZ), -EPERM (running on it), -EFAULT */
	PROC_SIGALTSTACK,
	/* (the frame's ucontext_t) -> no answer: the thread's registers and
	 * mask become the frame's. A frame procsrv cannot read or whose
	 * registers are not user registers ends the process by SIGSEGV. */
	PROC_SIGRETURN,
	/* (tid, sig): sig to that thread of the caller's process alone
	 * (pthread_kill; si_code SI_TKILL). -ESRCH (no such thread in the
	 * process), -EINVAL (sig outside 0..64). */
	PROC_TKILL,
	/* (set, 1: only look) -> w0 = the signal taken (pending for the
	 * thread or its process, in set; the lowest), w1 = si_code | si_pid
	 * << 32, w2 = si_uid | si_status << 32, word 3 = si_addr; waits (an
	 * answer later) when none is pending. -EAGAIN (only look, none),
	 * -EINVAL (an empty set), -EINTR (a handler ran meanwhile). */
	PROC_SIGWAIT,
	/* (ns since the epoch): CLOCK_REALTIME is set (clock_settime,
	 * settimeofday). -EPERM (effective uid not 0). */
	PROC_CLOCK_SET,
	/* (cursor, 0) -> the first process (zombies included) with pid >=
	 * cursor: w0 = its pid (0: none left), w1 = ppid, w2 = real uid;
	 * words 3.. = PROC_PS_* below. ps and pstree walk the table with
	 * cursor = the last pid + 1 (servers/procsrv/plist.c).
	 * (index, 1) -> the system server at index (procsrv itself, fs:
	 * tasks that are not processes): w0 = index + 1 (0: none left),
	 * w1 = w2 = 0, words 3.. as for a process. -EINVAL (cursor < 0,
	 * or the second word not 0 or 1). */
	PROC_PS,
	/* () -> no answer: the machine is switched off (procsrv, the root
	 * task, exits with TASK_EXIT_SHUTDOWN: the kernel's arch_shutdown,
	 * QEMU's status 0 on both arches). -EPERM unless the caller's
	 * effective uid is 0. halt, poweroff. */
	PROC_POWEROFF,
	/* (steal) -> 0: the console becomes the controlling terminal of the
	 * caller's session, its group in the foreground (TIOCSCTTY). Only a
	 * session leader (-EPERM); a terminal another live session holds
	 * only with steal = 1 by root (-EPERM otherwise). */
	PROC_TCSETCTTY,
	/* (idtype: P_ALL 0 / P_PID 1 / P_PGID 2, id, options: WEXITED,
	 * WSTOPPED, WCONTINUED (one at least), WNOHANG, WNOWAIT) -> w0 = the
	 * child's pid (0 with WNOHANG and nothing yet) or -errno, w1 =
	 * si_code | si_status << 32, w2 = si_uid, words 3..4 = the child's
	 * user and system time in µs (an end's; else 0). P_PGID 0 is the
	 * caller's group. May be answered later, as PROC_WAIT4 (whose code
	 * it shares). -EINVAL (options, idtype, P_PID 0), -ECHILD, -EINTR,
	 * -EBUSY (another thread of the process waits). */
	PROC_WAITID,
	/* (pid > 0, sig, value) -> 0: sigqueue; kill's permission rule,
	 * si_code SI_QUEUE, the value as si_value (in si_addr's place in
	 * the words of PROC_SIGWAIT and PROC_SIG_RUN). A real-time signal
	 * (SIGRTMIN..) already pending is queued, not merged. -EINVAL (sig
	 * outside 0..64), -ESRCH, -EPERM, -EAGAIN (the process's queue is
	 * full). */
	PROC_SIGQUEUE,
	/* (addr, len, op): every page of [addr, addr + len) mapped
	 * (msync, madvise, munlock: op PROC_MEM_CHECK), and made present
	 * (mlock: PROC_MEM_PRESENT, at most 16 MiB a call). -EINVAL (addr
	 * not page-aligned, an overflow, an unknown op), -ENOMEM (a page
	 * not mapped, over 16 MiB to lock, no memory; pages made present
	 * before it stay). */
	PROC_MEMCTL,
	PROC_OP_COUNT
};

/* PROC_MEMCTL's ops. */
#define PROC_MEM_CHECK   0
#define PROC_MEM_PRESENT 1

/* PROC_SIGACTION's word 3: an action is given. */
#define PROC_SA_SET (1ull << 32)
/* PROC_SIGACTION's word 3: the old action's flags and restorer are not
 * wanted (the answer has no words 3..4). */
#define PROC_SA_NOOLD (1ull << 33)

/* An answer of a call interrupted by a signal whose handler has
 * SA_RESTART: libc's stub makes the same call again (never seen by a
 * program; Linux's ERESTARTSYS). */
#define PROC_ERESTART 512

/* An answer whose label is PROC_SIG_RUN carries, after the call's own
 * words, PROC_SIG_RUN_WORDS words asking the caller to run a handler
 * before it returns the call's result (docs/signals.md, "Delivery at a
 * call's return"): the last words of the answer are
 *   [0] signo | sa_flags << 32      [1] the handler
 *   [2] the mask to restore after it (the handler's mask is already set)
 *   [3] si_code | si_pid << 32      [4] si_uid | si_status << 32
 *   [5] si_addr                     [6] the alternate stack's ss_sp
 *   [7] its ss_size (0: none)
 * procsrv answers so only PROC_KILL, PROC_TKILL, PROC_SIGQUEUE,
 * PROC_SIGMASK, PROC_SIGSUSPEND, PROC_SIGWAIT, PROC_WAIT4 and PROC_WAITID,
 * which libc makes through its one call path (libc/proc/call.h). */
#define PROC_SIG_RUN       1
#define PROC_SIG_RUN_WORDS 8

/* PROC_PS's answer, IPC-buffer words 3.. (index = word - 3). */
enum proc_ps_word {
	PROC_PS_STATE,           /* 'R' running, 'S' waiting in procsrv or
				    blocked, 'T' stopped, 'Z' zombie */
	PROC_PS_NICE,            /* -20..19 (as int64) */
	PROC_PS_POLICY,          /* SCHED_* with SCHED_RESET_ON_FORK */
	PROC_PS_RTPRIO,          /* 1..99 for FIFO/RR, else 0 */
	PROC_PS_LEVEL,           /* the kernel priority level (0..139) */
	PROC_PS_UTIME,           /* user time, µs (live threads included) */
	PROC_PS_STIME,           /* system time, µs */
	PROC_PS_NTHREADS,
	PROC_PS_PGID,
	PROC_PS_SID,
	PROC_PS_EUID,
	PROC_PS_COMM,            /* 16 bytes, NUL-padded: 2 words */
	PROC_PS_WORDS = PROC_PS_COMM + 2
};

/* wait status, as Linux encodes it (<sys/wait.h> reads the same). */
#define PROC_W_EXITED(code)  (((code) & 0xff) << 8)
#define PROC_W_SIGNALED(sig) ((sig) & 0x7f)
#define PROC_W_STOPPED(sig)  ((((sig) & 0xff) << 8) | 0x7f)
#define PROC_W_CONTINUED     0xffff
#define PROC_W_COREDUMP      0x80

#endif
