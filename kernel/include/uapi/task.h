/*
 * Task control ABI (kernel/user): clone arguments, register sets, task
 * information, fault and scheduler messages. See docs/syscalls.md.
 */
#ifndef PITH_UAPI_TASK_H
#define PITH_UAPI_TASK_H

#include <stdint.h>

/* SYS_TASK_CLONE flags: per resource, share (set) or copy (clear). */
#define CLONE_VM      0x01u  /* share the address space; else copy it, COW */
#define CLONE_CAPS    0x02u  /* share the capability space; else copy it */
#define CLONE_STOPPED 0x04u  /* create suspended */
#define CLONE_SETTLS  0x08u  /* thread pointer from args.tls */
#define CLONE_PAGER   0x10u  /* inherit the fault endpoint; else args.fault_ep */
#define CLONE_SCHED   0x20u  /* inherit the scheduler endpoint and priority;
				else args.sched_ep */
#define CLONE_ALL_FLAGS 0x3fu

struct clone_args {
	uint64_t flags;
	uint64_t pool;       /* MemPool slot that pays for the child */
	uint64_t dst;        /* empty slot for the child's Task capability */
	uint64_t retval;     /* the child's return-value register */
	uint64_t tls;        /* with CLONE_SETTLS */
	uint64_t fault_ep;   /* endpoint slot (or 0: none) without CLONE_PAGER */
	uint64_t sched_ep;   /* endpoint slot (or 0: none) without CLONE_SCHED */
	uint64_t sp;         /* the child's stack pointer, or 0: the source's */
	uint64_t aspace_dst; /* empty slot for a capability to the child's
				address space, or 0 (a pager needs one) */
	uint64_t cspace_dst; /* empty slot for a capability to the child's
				capability space, or 0 (to re-badge what it
				inherited, a process server needs one) */
};

/*
 * A task's user registers. gpr[] is in the arch's own numbering:
 *   riscv64: gpr[i] = x_i (gpr[0] reads 0, writes are ignored); tls = tp.
 *   x86_64:  rax rbx rcx rdx rsi rdi rbp rsp r8 .. r15 (gpr[0..15]);
 *            tls = FS base; flags = rflags (only the user-settable bits are
 *            taken on write).
 * pc and sp repeat the program counter and stack pointer for portable
 * code; on write they win over gpr[].
 */
struct user_regs {
	uint64_t pc;
	uint64_t sp;
	uint64_t tls;
	uint64_t flags;
	uint64_t gpr[32];
};

enum task_run_state {
	TASK_INFO_INACTIVE, TASK_INFO_RUNNABLE, TASK_INFO_BLOCKED,
	TASK_INFO_DEAD,
};

struct task_info {
	uint64_t state;      /* enum task_run_state */
	uint64_t suspended;  /* 1 if held by SYS_TASK_SUSPEND */
	uint64_t prio;
	uint64_t quantum;
	uint64_t utime;      /* ticks in user mode */
	uint64_t stime;      /* ticks in the kernel on its behalf */
	uint64_t mcp;        /* its ceiling: the highest priority it may give */
	uint64_t ipc_fast;   /* calls and reply_recvs it made on the fast path */
};

/* The fault message (label = kind) sent to a task's fault endpoint, with
 * the badge of the capability it was set from:
 *   label  FAULT_* kind (enum trap_kind's values)
 *   w0     faulting address
 *   w1     access: FAULT_ACCESS_* bits
 *   w2     pc
 * The handler replies with label FAULT_RESUME (retry the instruction,
 * after fixing the mapping or the registers) or FAULT_KILL. */
#define FAULT_PAGE       1
#define FAULT_ILLEGAL    2
#define FAULT_BREAKPOINT 3
#define FAULT_MISALIGNED 4
#define FAULT_DIVIDE     5
#define FAULT_PROTECTION 6
#define FAULT_ACCESS_READ  1u
#define FAULT_ACCESS_WRITE 2u
#define FAULT_ACCESS_EXEC  4u
#define FAULT_RESUME 0
#define FAULT_KILL   1

/* The root task's SYS_TASK_EXIT code that switches the machine off as a
 * person asks it to (halt, poweroff), not as a test ends: QEMU exits
 * with status 0 on both arches (arch_shutdown). Outside 0..255, so no
 * exit status is mistaken for it. */
#define TASK_EXIT_SHUTDOWN 0x5348555444ull   /* "SHUTD" */

/* Not a trap: a task with a fault endpoint that calls SYS_TASK_EXIT first
 * tells its handler, with a call labelled FAULT_EXIT (w0 = the exit code)
 * the task waits in until answered (or the handler is gone), and then
 * dies. So a process server learns of every end, however it came. */
#define FAULT_EXIT 16

/* The quantum report (label SCHED_MSG_EXPIRED) a task's scheduler
 * endpoint receives when it used up its quantum. It is a call made by the
 * kernel for the task, which stays off the CPU until it is answered:
 *   w0  ticks used since the last report
 *   w1  utime, w2 stime (totals)
 * The answer: label SCHED_REPLY_SET with w0 = priority, w1 = quantum (at
 * most the task's ceiling; anything invalid is ignored), or any other
 * label to go on with the current parameters. A scheduler that drops the
 * call (receives without answering) or dies lets the task go on too. */
#define SCHED_MSG_EXPIRED 1
#define SCHED_REPLY_KEEP  0
#define SCHED_REPLY_SET   1

/* SYS_SCHED_SET's fourth argument: keep the task's ceiling. */
#define SCHED_MCP_KEEP (~0ull)

/* SYS_MAP_INFO flags (r3). */
#define MAP_INFO_COW 1u     /* write-protected for copy-on-write */

#endif
