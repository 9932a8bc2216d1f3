/*
 * Tasks (kernel/task.c, kernel/task_ctl.c); the scheduler's calls are in
 * sched.h. A task has its own kernel stack with its user registers at the
 * top, a kernel context for when it is switched out, its FP/SIMD registers,
 * references to an
 * address space and a capability space, and the state of the IPC it is
 * blocked in.
 */
#ifndef PITH_TASK_H
#define PITH_TASK_H

#include "arch.h"
#include "kstack.h"
#include "object.h"

#define TASK_QUANTUM_TICKS 5

enum task_state {
	TASK_INACTIVE,      /* created, not started */
	TASK_RUNNABLE,      /* on the run queue, or running */
	TASK_BLOCKED_SEND,  /* in an endpoint's send queue (send or call) */
	TASK_BLOCKED_RECV,  /* in an endpoint's receive queue */
	TASK_BLOCKED_REPLY, /* called; waiting for the server's reply */
	TASK_BLOCKED_WAIT,  /* waiting on a notification */
	TASK_DEAD,
};

struct task;

/* An intrusive FIFO of tasks (run queue, endpoint and notification queues). */
struct tqueue {
	struct task *head, *tail;
};

struct aspace;
struct cspace;
struct frame;
struct ipc_buffer;
struct notification;
struct reply;

struct task {
	struct kobj hdr;
	struct arch_context ctx;
	uintptr_t kstack;          /* lowest address of the kernel stack
	                              (kernel/kstack.c), KSTACK_SIZE long */
	struct trap_frame *tf;     /* user registers, at the stack top */
	enum task_state state;
	uint64_t id;               /* for logs */

	struct aspace *as;
	struct cspace *cs;
	struct frame *ipcbuf_frame;
	struct ipc_buffer *ipcbuf; /* kernel view of the IPC buffer, or NULL */
	vaddr_t ipcbuf_va;         /* where the task has it mapped (0: unknown) */

	struct task *all_next;     /* every task (task_drop_refs) */
	struct task **all_pprev;
	struct task *qnext, *qprev;
	struct tqueue *queue;      /* the queue the task is on, or NULL */

	/* IPC in flight (kernel/ipc.c). */
	struct sysregs *sys;       /* registers of the syscall it is blocked
	                              in: its frame's (arch_syscall_regs),
	                              or kmsg while the kernel sends for it */
	uint64_t send_badge;       /* badge of the capability it sends through */
	bool send_grant;           /* that capability has RIGHT_GRANT */
	bool is_call;              /* blocked in call, not send */
	struct task *caller;       /* server: whom the next reply goes to */
	struct task *replier;      /* caller: the server holding its reply */
	struct reply *reply_obj;   /* caller: or the saved Reply holding it */
	struct notification *bound;/* its bound notification (SYS_TASK_BIND),
	                              not referenced: either's end unbinds */

	int wake_err;              /* what task_wake handed task_block */
	bool is_root;              /* its death ends the system */
	bool suspended;            /* held off the CPU (SYS_TASK_SUSPEND) */
	bool regs_replaced;        /* SYS_TASK_SET_REGS since its last system
	                              call began: that call's result must not
	                              overwrite r0 (a signal frame, sigreturn) */

	/* Endpoints the kernel sends on for this task: faults (kernel/fault.c)
	 * and quantum reports (kernel/sched.c); referenced, with the badge of
	 * the capability they were set from. */
	struct endpoint *fault_ep;
	uint64_t fault_badge;
	struct endpoint *sched_ep;
	uint64_t sched_badge;
	struct sysregs kmsg;       /* a message the kernel sends for it */

	/* Scheduling (kernel/sched.c). */
	unsigned prio;             /* 0..SCHED_PRIO_MAX, higher runs first */
	unsigned mcp;              /* the highest priority it may give any task */
	unsigned quantum;          /* ticks per turn; 0: FIFO, no time slice */
	unsigned ticks_left;       /* of the current turn */
	uint64_t ticks_used;       /* since the last report to its scheduler */
	uint64_t utime, stime;     /* ticks charged in user / kernel mode */
	uint64_t ipc_fast;         /* IPCs it made through the fast path */

	/* CPU-time alarm (kernel/timer.c, SYS_TASK_CPU_ALARM): signal
	 * alarm_ntfn (referenced) with alarm_bits once utime reaches
	 * alarm_user or utime + stime reaches alarm_total (0: no such
	 * threshold); then it is disarmed. */
	struct notification *alarm_ntfn;
	uint64_t alarm_bits, alarm_user, alarm_total;

	/* FP/SIMD registers while not live in the CPU (arch.h: arch_fpu_*);
	 * last, as the largest and coldest member. */
	struct arch_fpu fpu;
};

extern struct task *current;

/* Create an inactive task charged to pool; NULL if out of memory. */
struct task *task_create(struct mempool *pool);

/* Give the task its spaces and IPC buffer (references taken; NULLs keep
 * the old ones). */
void task_set_spaces(struct task *t, struct aspace *as, struct cspace *cs);

/* Register the task's IPC buffer (NULL: none), mapped at va in its space. */
void task_set_ipcbuf(struct task *t, struct frame *f, vaddr_t va);
/* Drop the endpoints, spaces and IPC buffer (death, destruction). */
void task_release(struct task *t);

/* Make a task whose registers are set up runnable (suspended with
 * `stopped`): its kernel context starts in task_first_run. */
void task_launch(struct task *t, bool stopped);

/* Set user pc/sp/arg and make it runnable. -EBUSY if already started. */
must_check int task_start(struct task *t, vaddr_t pc, vaddr_t sp, uint64_t arg);

/* End a task from any state: leave queues, fail IPC partners with -EPIPE,
 * drop its spaces. If t is current, does not return. */
void task_kill(struct task *t, const char *why);

/* o (an address space, capability space, frame or endpoint) is being
 * destroyed with its pool: tasks running in that space are killed (current
 * only at task_reclaim_done), and tasks using it as IPC buffer, fault or
 * scheduler endpoint let go of it. */
void task_drop_refs(struct kobj *o);
/* Is current to die at the end of this reclamation? */
bool task_reclaim_current(void);
/* End of a pool reclamation: if current was to die, it does now (and this
 * does not return). */
void task_reclaim_done(void);

/* Queues of tasks (tqueue_push, tqueue_pop, tqueue_remove): runq.h. */

struct sysregs;
long sys_task_configure(struct sysregs *r);
long sys_task_clone(struct sysregs *r);
long sys_task_suspend(struct sysregs *r);
long sys_task_resume(struct sysregs *r);
long sys_task_kill(struct sysregs *r);
long sys_task_get_regs(struct sysregs *r);
long sys_task_set_regs(struct sysregs *r);
long sys_task_set_ep(struct sysregs *r);
long sys_task_start(struct sysregs *r);
long sys_task_exit(struct sysregs *r);
long sys_yield(struct sysregs *r);

#endif
