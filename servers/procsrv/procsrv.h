/*
 * procsrv's internal interface: what its files share. procsrv is the root
 * task: it owns all memory, is every process's pager and scheduler, and
 * answers the calls of libc's process stubs (proto/procsrv.h). It never
 * blocks on a client: a call that has to wait (wait4, vfork) is kept as a
 * saved Reply and answered later.
 *
 *   main.c    boot, the receive loop, dispatch
 *   caps.c    procsrv's capability slots, its copy window, user memory
 *   image.c   files of the boot image
 *   exec.c    starting a program in a process (ELF, stack, #!)
 *   pager.c   faults: demand paging, copy-on-write, SIGSEGV & co
 *   life.c    clone/fork/vfork, exit, wait4, kill
 *   signal.c  signals: actions, masks, delivery, frames (signals.h),
 *             with arch/<arch>/sigframe.c
 *   thread.c  threads: clone with CLONE_THREAD, a thread's end
 *   futex.c   futex wait and wake
 *   calls.c   ids, credentials, groups, limits, times, brk/mmap
 *   time.c    procsrv's clock, each thread's timer notification
 *   timers.c  alarm, interval timers, RLIMIT_CPU (its bound notification)
 *   fs_link.c the file server: its start, and fork/exec/exit/credentials told
 *   names.c   the name service: PROC_SERVE, PROC_CONNECT, PROC_UNSERVE
 *   tty.c     the console server: its start, the terminal's foreground
 *             group, the signals typed there
 *   plist.c   PROC_PS: the process list for ps and pstree
 *   power.c   PROC_POWEROFF: halt and poweroff
 *   proc.c, area.c   the pure tables (proc.h, area.h)
 */
#ifndef PROCSRV_H
#define PROCSRV_H

#include <errno.h>
#include <pith/lazy.h>
#include <pith/syscall.h>
#include <proto/procsrv.h>
#include <signal.h>
#include <stdio.h>

#include "area.h"
#include "proc.h"

/* Badges on procsrv's endpoint: what sent it, and the thread's id. */
enum { BADGE_CALL = 0, BADGE_FAULT = 1, BADGE_SCHED = 2 };
#define BADGE(kind, tid) (((uint64_t)(kind) << 32) | (uint32_t)(tid))
#define BADGE_KIND(b)    ((unsigned)((b) >> 32))
#define BADGE_TID(b)     ((uint32_t)(b))

/* The highest signal number (libc's <signal.h>, Linux's numbers). */
#define SIGNAL_MAX SIGRTMAX

extern const struct pith_bootinfo *bi;
extern slot_t srv_ep;             /* procsrv's endpoint (all rights) */

/* The per-process state only the server part needs. */
struct pserv {
	uint64_t wait_reply;      /* saved Reply of a wait4 or waitid that
				     waits, or 0 */
	struct proc_wait_sel wait_sel;   /* the children it waits for */
	uint32_t wait_options;    /* waitid's W* (wait4's with WEXITED) */
	bool wait_siginfo;        /* answered in waitid's form */
	uint64_t vfork_reply;     /* parent: saved Reply of its vfork call */
	struct proc *vfork_child; /* parent: the child it waits for */
	struct proc *vfork_parent;/* child: until it execs or exits */
	struct proc_sig sig;      /* actions and pending signals (signal.c) */
	uint32_t wait_tid;        /* the thread whose wait waits */
	uint32_t stop_sig;        /* the signal that stopped it */
	uint32_t report;          /* a stop or continue its parent's wait
				     has not seen yet (REPORT_*) */
	uint32_t clone_flags;     /* the Linux flags it was made with
				     (CLONE_FS, CLONE_FILES: for fs, later) */
	uint64_t start_ticks;
	/* Timers (timers.c): ITIMER_REAL's deadline (monotonic ns) and
	 * interval (ns); ITIMER_VIRTUAL's and ITIMER_PROF's targets in the
	 * process's user / user + system ticks, and intervals (ticks); 0:
	 * disarmed. cpu_armed: its threads have CPU alarms set. */
	uint64_t real_at, real_every;
	uint64_t virt_at, virt_every, prof_at, prof_every;
	bool cpu_armed;
};

enum { REPORT_NONE, REPORT_STOPPED, REPORT_CONTINUED };

static inline struct pserv *ps(struct proc *p)
{
	return (struct pserv *)p->server;
}

/* One request being served: who sent it, the message, and the answer. */
struct req {
	struct msg m;
	struct thread *t;         /* NULL: not from a known thread */
	struct proc *p;
	bool reply;               /* answer now (else saved or none) */
	uint64_t w[3];            /* the answer's words in registers */
	uint64_t extra[40];       /* words 3.. (IPC buffer) */
	unsigned nextra;
};

/* caps.c */
void caps_init(void);
slot_t slot_get(void);                 /* a free slot, or 0 */
void slot_put(slot_t s);               /* delete what is there, free it */
/* Save the pending call's reply right in a slot (0 if impossible): an
 * idle Reply re-armed, or a new one. */
slot_t reply_save(void);
/* Answer a saved Reply and give its slot back (the Reply kept idle for
 * reply_save, or used up). */
void reply_to(slot_t reply, int64_t w0, uint64_t w1, uint64_t w2,
	      const uint64_t *extra, unsigned nextra);
/* Delete a saved Reply unanswered (its caller, if alive, gets -EPIPE)
 * and give its slot back. */
void reply_drop(slot_t reply);
/* The same with a label (PROC_SIG_RUN). */
void reply_label(slot_t reply, uint64_t label, int64_t w0, uint64_t w1,
		 uint64_t w2, const uint64_t *extra, unsigned nextra);
/* User memory of a process, through SYS_VM_COPY; pages not yet there are
 * first made present as the pager would (faulting them in). */
int user_read(struct proc *p, uint64_t addr, void *buf, size_t len);
int user_write(struct proc *p, uint64_t addr, const void *buf, size_t len);
/* A NUL-terminated string of at most max bytes (NUL included):
 * length, -ENAMETOOLONG or -EFAULT. */
long user_string(struct proc *p, uint64_t addr, char *buf, size_t max);
/* procsrv's copy window: a range of its own space for one page at a time. */
extern uint64_t window_va;

/* image.c */
struct image_file {
	const uint8_t *data;
	uint64_t size;
	uint64_t offset;          /* of data in the boot image */
	uint32_t mode, uid, gid;
};
int image_find(const char *path, struct image_file *out);
/* A server from the boot image's path (fs, console): a pool of quota
 * bytes (s->pool) and pith_spawn's task and spaces in s, not started.
 * -ENOENT (not in the image), -EBUSY, -ENOMEM. */
struct spawn;
int server_spawn(const char *path, uint64_t quota, struct spawn *s);

/* exec.c */
#define EXEC_ARGV_MAX 8192        /* argv or envp entries */
#define CSPACE_SMALL 128          /* slots of a process's CapSpace */
/* Load path into p (a fresh process, or one calling execve): its new
 * image replaces everything it had. argv/envp are NULL-terminated arrays
 * of strings in procsrv's memory. -errno, and p keeps its old image. */
/* main.c: the range of procsrv's tables (area.h's table_space), and
 * what its tables mapped so far (area.h's table_space)
 * cost its pool, page tables included */
extern struct pith_lazy procsrv_tables;
uint64_t table_bytes(void);
void exec_init(void);                  /* reserve exec's buffers */
int exec_image(struct proc *p, const char *path, char *const argv[],
	       char *const envp[]);
/* execve from the calling process: strings read from its memory. */
void do_execve(struct req *r);

/* pager.c */
/* File pages given so far: mapped from the image itself / copied. */
extern uint64_t pager_image_pages, pager_copied_pages;
/* A fault of thread t: resolved (true), or t's process must die (false,
 * *sig the signal). */
bool pager_fault(struct thread *t, uint64_t kind, uint64_t addr,
		 uint64_t access, int *sig);
/* Make the page at addr present in p as the pager would on a fault
 * (for procsrv's own copies into user memory); write: writable too. */
int pager_touch(struct proc *p, uint64_t addr, bool write);

/* life.c */
void do_clone(struct req *r);
void do_exit(struct req *r);
/* A process record's end: signals, threads, server state and the record
 * freed (a zombie reaped, or a child that never ran). */
void proc_release(struct proc *p);
/* wait.c */
void do_wait4(struct req *r);
void do_waitid(struct req *r);
/* A wait status as waitid's si_code and si_status (SIGCHLD's too). */
void status_code(int32_t w, int *code, int *status);
void do_kill(struct req *r);
void do_futex(struct req *r);
/* The process ends: threads killed, memory freed, a zombie (or reaped at
 * once if its parent ignores SIGCHLD), parent told, children given to
 * init. wstatus is its wait status. */
void proc_exit(struct proc *p, int32_t wstatus);
/* Make a process with a main thread and empty spaces (for init and
 * clone); -errno. */
int proc_create(struct proc *parent, struct proc **out);
/* Kill and release a thread's task (not the process). */
void thread_drop(struct thread *t);
struct thread *thread_find(uint32_t tid);
/* A vfork child execs or ends: its parent's vfork returns. */
void vfork_release(struct proc *c);
/* The wait status of death by sig (with the core-dump bit where the
 * default action dumps core). */
int32_t signal_status(int sig);
/* Send sig to p from procsrv itself (a timer, a limit; SI_KERNEL):
 * true if p ended. */
bool proc_signal(struct proc *p, int sig);
/* Is sig set to SIG_IGN in p? */
bool proc_ignores(struct proc *p, int sig);
/* A stop signal's default action on p / SIGCONT's (its parent's wait
 * and SIGCHLD learn of it). */
void proc_stop(struct proc *p, int sig);
void proc_continue(struct proc *p);
/* Answer p's saved wait4 if a child can now be reported. */
void wake_waiter(struct proc *p);
/* Answer a quantum report of t (sched.c): used = ticks since the last. */
void sched_report(struct thread *t, uint64_t used);
/* A new thread record of p with this tid, linked first in p->threads
 * (NULL if the pool is full); and its release (not a main thread's). */
void life_init(void);                  /* reserve the thread tables */
struct thread *thread_alloc(struct proc *p, uint32_t tid);
void thread_free(struct thread *t);
/* A capability space for thread tid of p: procsrv's endpoint badged with
 * tid, the console, the thread's timer notification (procsrv's copy in
 * *timer). */
int fresh_cspace(struct proc *p, uint32_t tid, slot_t *out, slot_t *timer);

/* CLONE_PARENT_SETTID, CLONE_CHILD_SETTID (in child's memory) and
 * CLONE_CHILD_CLEARTID for the new thread t, from the call's words 3..4. */
void clone_settid(struct req *r, struct proc *child, struct thread *t,
		  uint32_t flags);

/* signal.c (docs/signals.md) */
/* The thread whose message procsrv is serving (NULL between messages):
 * a signal for it is delivered after its answer (sig_after_call). */
extern struct thread *sig_current;
/* Counts the messages procsrv serves (signal.c's cache of masks). */
extern uint64_t sig_step;
/* Send sig to p (t NULL: to the process, any thread not blocking it)
 * with si: its action is taken now (ignored, a default action) or it
 * is made pending and a thread that can take it is interrupted to run
 * the handler. True if p ended. */
bool sig_send(struct proc *p, struct thread *t, int sig,
	      const struct ksiginfo *si);
/* p's children are reaped without a zombie (SIGCHLD ignored, or
 * SA_NOCLDWAIT). */
bool sig_no_zombies(struct proc *p);
/* Child c exited, was killed, stopped or continued (CLD_* code): its
 * parent gets its exit signal with the child's pid, uid and status,
 * unless SA_NOCLDSTOP says otherwise (stop, continue). */
void sig_child(struct proc *c, int code, int status);
/* The calling thread of r faulted (kind, address, pc): true if a
 * handler of sig will run (answer the fault: sig_after_call delivers). */
bool sig_fault(struct req *r, int sig, uint64_t kind, uint64_t addr,
	       uint64_t pc);
/* After serving r (whose answer is due): if its thread has a signal to
 * take, answer it here, then give it the signal; true if answered.
 * sig_any_pending first: the cheap test every answer pays. */
bool sig_after_call(struct req *r);
static inline bool sig_any_pending(const struct req *r)
{
	return r->t && (r->t->sig.pending | ps(r->p)->sig.pending);
}
/* p was continued: its threads take their pending signals. */
void sig_kick_proc(struct proc *p);
/* fork: the child's actions are the parent's, its mask the calling
 * thread's; nothing pending. A new thread: its creator's mask. exec:
 * handled signals to default, ignored ones stay, the mask too. */
void sig_fork(struct proc *child, struct thread *caller);
/* The child's address space exists: its IPC buffer gets its mask words. */
void sig_started(struct proc *child);
/* An execve of t begins: its mask (user memory) goes to the new image. */
void sig_exec_prepare(struct thread *t);
/* A new process's actions: a copy of parent's (NULL: all default);
 * -EAGAIN when no table is free. Its release gives the table back. */
int sig_proc_copy(struct proc *child, struct proc *parent);
void sig_proc_free(struct proc *p);
void sig_thread_start(struct thread *t, struct thread *creator);
void sig_exec(struct proc *p);
/* PROC_SIGACTION .. PROC_SIGRETURN (not PROC_KILL: life.c). */
void do_signal(struct req *r);
/* arch/<arch>/sigframe.c: the end of user space, the bytes below the
 * stack pointer a frame must skip (x86-64's red zone), and the entry of
 * a handler: pc, sp and arguments (signo, info, uc, handler). */
extern const uint64_t sig_user_top, sig_redzone;
void sigframe_enter(struct user_regs *r, uint64_t entry, uint64_t sp, int sig,
		    uint64_t info, uint64_t uc, uint64_t handler);

/* thread.c */
/* clone with CLONE_THREAD (flags checked by do_clone): a new thread of
 * the caller's process. */
void clone_thread(struct req *r, uint32_t flags);
/* Thread t ended by SYS_TASK_EXIT (FAULT_EXIT) with code: that thread
 * only; the process ends with its last thread. */
void thread_exit(struct thread *t, int code);
/* p's main thread (tid == pid), or NULL. */
struct thread *thread_main(struct proc *p);
/* Write the TCB self pointer in the IPC buffer page at ipcbuf of aspace;
 * returns the thread pointer to start the thread with (0 on failure). */
uint64_t tcb_init(slot_t aspace, uint64_t ipcbuf);
/* Is page the IPC buffer of one of p's threads? (The pager's.) */
bool thread_ipcbuf_page(struct proc *p, uint64_t page);
/* exec: every thread but the main one goes; the main one is first. */
void threads_exec(struct proc *p);

/* futex.c */
/* Wake up to n waiters at uaddr in p; how many. */
int futex_wake(struct proc *p, uint64_t uaddr, int n);
/* t no longer waits (it ends): its entry goes, its Reply is its owner's. */
void futex_forget(struct thread *t);

/* plist.c: PROC_PS, one process's record for ps and pstree, or one of
 * the system's servers (tasks procsrv started that are not processes:
 * procsrv itself, fs), registered with plist_server (name <= 15 bytes,
 * its task's slot; at most PLIST_SERVERS). */
#define PLIST_SERVERS 8
void do_ps(struct req *r);
void plist_server(const char *name, slot_t task);
/* power.c: PROC_POWEROFF (root only) ends the machine */
void do_poweroff(struct req *r);

/* calls.c */
/* getpid, getppid or gettid (label) of thread t: its answer. */
static inline uint64_t id_of(const struct thread *t, uint64_t label)
{
	const struct proc *p = t->proc;

	return label == PROC_GETPID ? (uint64_t)p->pid
	     : label == PROC_GETTID ? t->tid
	     : p->parent ? (uint64_t)p->parent->pid : 0;
}
void do_ids(struct req *r);
void do_creds(struct req *r);
void do_groups(struct req *r);
void do_limits(struct req *r);
void do_memory(struct req *r);
/* p's user and system ticks so far, its live threads' included. */
void proc_times(struct proc *p, uint64_t *ut, uint64_t *st);

/* time.c */
uint64_t ticks_hz(void);               /* the kernel's tick rate */
uint64_t ticks_now(void);              /* ticks since boot */
uint64_t ticks_to_us(uint64_t t);
/* Give a thread's capability space cs its timer notification
 * (PROC_SLOT_TIMER), charged to p's pool; -ENOMEM. procsrv keeps a copy
 * in *keep (whatever was there goes), for a signal to wake a sleep. */
int time_thread_caps(struct proc *p, slot_t cs, slot_t *keep);
/* timers.c */
/* Make the notification procsrv's receive hears (bound to its task). */
void timers_init(void);
/* procsrv's receive ended for its notification with these bits. */
void timers_fired(uint64_t bits);
/* p's CPU limits or timers (or threads) changed: act on any reached,
 * set its threads' alarms for the rest. */
void timers_cpu_check(struct proc *p);
/* p ends: its timers go. */
void timers_exit(struct proc *p);
/* PROC_SETITIMER, PROC_GETITIMER. */
void do_itimer(struct req *r);
/* sched.c: the scheduling policy (policy.c) applied through the kernel. */
/* Give task (one of p's threads; 0: none yet) p's level and quantum. */
void sched_apply_task(struct proc *p, uint64_t task);
/* The same for every thread of p. */
void sched_apply(struct proc *p);
/* PROC_SETPRIORITY, PROC_GETPRIORITY, PROC_SCHED_SET, PROC_SCHED_GET. */
void do_sched(struct req *r);
/* names.c */
void do_names(struct req *r);
/* Thread t's task goes (its end, exec, its process's end): the names it
 * serves are free. */
void names_drop(const struct thread *t);

/* fs_link.c: the file server (proto/fs.h). Each call is a no-op when the
 * boot image has no /sbin/fs. */
/* Start fs from the boot image (before init): 0 or -errno. */
int fs_start(void);
/* PROC_SLOT_FS in cspace: fs's endpoint badged with pid. */
int fs_mint(slot_t cspace, int32_t pid);
/* fs learns of child (of parent, or the first process when NULL), whose
 * address space is aspace (0: none yet): -EAGAIN if fs has no room. */
int fs_link_fork(struct proc *parent, struct proc *child, slot_t aspace);
/* p has a new image (p->aspace): close-on-exec, and its credentials. */
void fs_link_exec(struct proc *p);
/* p is gone: its descriptors are closed. */
void fs_link_exit(struct proc *p);
/* p's credentials changed. */
void fs_link_cred(struct proc *p);
/* A handler is due on t, blocked somewhere: fs answers the calls it
 * keeps waiting for t's process (-EINTR, or PROC_ERESTART if restart). */
void fs_link_interrupt(struct thread *t, bool restart);
/* p's process group or session changed; the terminal's foreground group
 * or session did (fs stops background reads of the console). */
void fs_link_pgrp(struct proc *p);
void fs_link_tty(int32_t pgid, int32_t sid);

/* tty.c: the console server and the terminal (docs/proto-console.md). */
/* Bits of procsrv's bound notification that console signals (timers.c
 * uses the low ones). */
#define TTY_NOTE_INT  (1ull << 40)
#define TTY_NOTE_QUIT (1ull << 41)
#define TTY_NOTE_TSTP (1ull << 42)
#define TTY_NOTE_ALL  (TTY_NOTE_INT | TTY_NOTE_QUIT | TTY_NOTE_TSTP)
extern slot_t srv_note;           /* procsrv's bound notification (timers.c) */
/* Start /sbin/console (before fs): 0, -ENOENT (not in the image), -ENOMEM. */
int tty_start(void);
bool tty_running(void);
/* fs's capabilities for the console (its endpoint, fs's notification,
 * bound to fs's task), or, without a console server, the debug console. */
int tty_fs_caps(slot_t fs_cspace, slot_t fs_task);
/* PROC_SLOT_CONSOLE for a process: the debug console while there is no
 * console server, nothing when there is. */
int tty_console_mint(slot_t cspace);
/* The signals typed (TTY_NOTE_* bits) to the foreground group. */
void tty_signals(uint64_t bits);
void do_tty(struct req *r);

#endif
