/*
 * System call numbers: the kernel/user ABI, shared by kernel and libc.
 * Every call and its arguments, result, errors and rights are documented
 * in docs/syscalls.md. Register conventions:
 *
 *   riscv64: ecall; a7 = number, a0..a5 = arguments r0..r5;
 *            on return a0 = result (0/value or -E*), a1..a5 = out r1..r5.
 *   x86_64:  syscall; rax = number, rdi rsi rdx r10 r8 r9 = r0..r5;
 *            on return rdi = result, rsi rdx r10 r8 r9 = out r1..r5
 *            (the same registers in and out, so the kernel reads and
 *            writes them in place); rcx and r11 are clobbered by the
 *            instruction, rax keeps the number.
 *
 * Capability arguments are slot indices in the caller's CapSpace.
 *
 * Each enumerator's comment starts with its argument list in parentheses,
 * which docs/syscalls.md repeats verbatim in its table of calls (checked
 * by tests/unit/check_syscall_doc.cmake): a new call needs its row there.
 */
#ifndef PITH_UAPI_SYSCALL_H
#define PITH_UAPI_SYSCALL_H

enum {
	SYS_NULL = 0,        /* () -> 0; the cheapest call, for benchmarks */
	SYS_DEBUG_WRITE,     /* (console, buf, len) -> len */
	SYS_DEBUG_READ,      /* (console) -> byte, or -EAGAIN */
	SYS_CAP_IDENTIFY,    /* (slot) -> type; r1 = rights, r2 = badge */
	SYS_CAP_COPY,        /* (src, dst cspace or 0, dst) */
	SYS_CAP_MINT,        /* (src, dst cspace or 0, dst, rights, badge) */
	SYS_CAP_MOVE,        /* (src, dst cspace or 0, dst) */
	SYS_CAP_DELETE,      /* (slot) */
	SYS_OBJ_CREATE,      /* (pool, type, dst, arg) */
	SYS_POOL_INFO,       /* (pool) -> 0; r1 = quota, r2 = used (bytes) */
	SYS_MAP,             /* (aspace, frame, vaddr, rights, first, count) */
	SYS_UNMAP,           /* (aspace, vaddr) */
	SYS_PROTECT,         /* (aspace, vaddr, rights) */
	SYS_TASK_CONFIGURE,  /* (task, aspace, cspace, ipcbuf frame, ipcbuf vaddr) */
	SYS_TASK_START,      /* (task, pc, sp, arg) */
	SYS_TASK_EXIT,       /* (code) never returns */
	SYS_SEND,            /* (ep, info, w0, w1, w2) */
	SYS_RECV,            /* (ep) -> 0; r1 = badge, r2 = info, r3..r5 = w0..w2 */
	SYS_CALL,            /* (ep, info, w0, w1, w2) -> as SYS_RECV */
	SYS_REPLY_RECV,      /* (ep, info, w0, w1, w2) -> as SYS_RECV */
	SYS_SIGNAL,          /* (notification) */
	SYS_WAIT,            /* (notification) -> 0; r1 = bits */
	SYS_IRQ_SET,         /* (irq, notification, badge) */
	SYS_IRQ_ACK,         /* (irq) */
	SYS_YIELD,           /* () */
	SYS_TASK_CLONE,      /* (task, struct clone_args *) */
	SYS_TASK_SUSPEND,    /* (task) */
	SYS_TASK_RESUME,     /* (task) */
	SYS_TASK_KILL,       /* (task) */
	SYS_TASK_GET_REGS,   /* (task, struct user_regs *) */
	SYS_TASK_SET_REGS,   /* (task, const struct user_regs *) */
	SYS_TASK_SET_EP,     /* (task, fault ep or 0, sched ep or 0) */
	SYS_TASK_INFO,       /* (task, struct task_info *) */
	SYS_SCHED_SET,       /* (task, priority, quantum, mcp) */
	SYS_MAP_INFO,        /* (aspace, vaddr) -> 0; r1 = rights, r2 = map count, r3 = flags */
	SYS_PAGE_COPY,       /* (aspace, vaddr, frame): copy the page at vaddr into frame */
	SYS_REPLY,           /* (0, info, w0, w1, w2): answer the pending caller */
	SYS_PAGE_UNSHARE,    /* (aspace, vaddr, pool) -> 0 re-protected, 1 copied */
	SYS_REPLY_SAVE,      /* (pool, dst): keep the pending reply right for later */
	SYS_REPLY_TO,        /* (reply, info, w0, w1, w2, flags): answer a saved caller */
	SYS_POOL_DESTROY,    /* (pool): destroy it and every object charged to it */
	SYS_MAP_ZERO,        /* (aspace, vaddr, rights, pool): map a new zeroed page */
	SYS_VM_COPY,         /* (src aspace or 0, src, dst aspace or 0, dst, len) */
	SYS_CLOCK_INFO,      /* (struct clock_info *): the clock's factors */
	SYS_TIMER_SET,       /* (notification, deadline ns) -> 1 if it was armed */
	SYS_TASK_CPU_ALARM,  /* (task, user ticks, total ticks, notification or 0) */
	SYS_TASK_BIND,       /* (task, notification or 0): its receives hear it */
	SYS_CLOCK_SET,       /* (offset ns): CLOCK_REALTIME = monotonic + offset; the root task only */
	SYS_COUNT
};

#endif
