/*
 * System call dispatch: the number indexes a table of handlers, each in
 * its topic file. A handler takes the call's registers (struct sysregs,
 * arguments in r[0..5]), may leave extra results in r[1..5], and returns
 * its result: a value or 0 for success, -E* for failure. The dispatcher,
 * and only it, writes that into r[0], so no path can forget to (the arch
 * entry, for the lean calls it makes itself). A handler that blocks
 * returns what its waker handed over (task_block's result).
 * current->sys points at the registers (always: task_create sets it),
 * so whoever delivers a message to a blocked task can fill in its extra
 * results. The arch entry reads the table: lean calls it makes itself,
 * the others through the row's entry function, syscall_dispatch or the
 * IPC fast path (kernel/ipc.c, which falls back to syscall_dispatch when
 * it cannot serve the call); both end with user_return.
 */
#include "aspace.h"
#include "cspace.h"
#include "ipc.h"
#include "sched.h"
#include "syscall.h"
#include "task.h"
#include "timer.h"
#include "uapi/errno.h"
#include "uapi/syscall.h"

static long sys_null(struct sysregs *r)
{
	(void)r;
	return 0;
}

/*
 * The table, which the arch entry code reads (struct syscall_row in
 * syscall.h): each call's handler, and how the entry gets there.
 *
 * LEAN marks a call whose handler never leaves the CPU (no blocking,
 * yielding, handing over, killing or exiting current: at most it makes
 * sched_need_resched true, which the way out handles) and never looks at
 * the caller's registers beyond r0..r5: the entry saves only the
 * registers a C call may change and calls the handler itself, since
 * nothing can observe the others before they are back (docs/decisions.md,
 * 2). Every other row names the function the entry calls with the whole
 * frame saved: FULL (syscall_dispatch) or the IPC fast path. A call that
 * may leave the CPU or read or write a task's frame must not be LEAN.
 */
#define FULL syscall_dispatch
#define LEAN NULL

const struct syscall_row syscall_table[SYSCALL_TABLE_SIZE] = {
	[SYS_COUNT ... SYSCALL_TABLE_SIZE - 1] = { NULL, FULL },  /* -ENOSYS */
	[SYS_NULL] = { sys_null, LEAN },
	[SYS_DEBUG_WRITE] = { sys_debug_write, LEAN },
	[SYS_DEBUG_READ] = { sys_debug_read, FULL },
	[SYS_CAP_IDENTIFY] = { sys_cap_identify, LEAN },
	[SYS_CAP_COPY] = { sys_cap_copy, LEAN },
	[SYS_CAP_MINT] = { sys_cap_mint, LEAN },
	[SYS_CAP_MOVE] = { sys_cap_move, FULL },
	[SYS_CAP_DELETE] = { sys_cap_delete, FULL },
	[SYS_OBJ_CREATE] = { sys_obj_create, LEAN },
	[SYS_POOL_INFO] = { sys_pool_info, LEAN },
	[SYS_MAP] = { sys_map, LEAN },
	[SYS_UNMAP] = { sys_unmap, LEAN },
	[SYS_PROTECT] = { sys_protect, LEAN },
	[SYS_TASK_CONFIGURE] = { sys_task_configure, FULL },
	[SYS_TASK_START] = { sys_task_start, FULL },
	[SYS_TASK_EXIT] = { sys_task_exit, FULL },
	[SYS_SEND] = { sys_send, FULL },
	[SYS_RECV] = { sys_recv, FULL },
	[SYS_CALL] = { sys_call, ipc_fast_call },
	[SYS_REPLY_RECV] = { sys_reply_recv, ipc_fast_reply_recv },
	[SYS_SIGNAL] = { sys_signal, LEAN },
	[SYS_WAIT] = { sys_wait, FULL },
	[SYS_IRQ_SET] = { sys_irq_set, FULL },
	[SYS_IRQ_ACK] = { sys_irq_ack, LEAN },
	[SYS_YIELD] = { sys_yield, FULL },
	[SYS_TASK_INFO] = { sys_task_info, LEAN },
	[SYS_SCHED_SET] = { sys_sched_set, FULL },
	[SYS_TASK_CLONE] = { sys_task_clone, FULL },
	[SYS_TASK_SUSPEND] = { sys_task_suspend, FULL },
	[SYS_TASK_RESUME] = { sys_task_resume, FULL },
	[SYS_TASK_KILL] = { sys_task_kill, FULL },
	[SYS_TASK_GET_REGS] = { sys_task_get_regs, FULL },
	[SYS_TASK_SET_REGS] = { sys_task_set_regs, FULL },
	[SYS_TASK_SET_EP] = { sys_task_set_ep, FULL },
	[SYS_MAP_INFO] = { sys_map_info, LEAN },
	[SYS_PAGE_COPY] = { sys_page_copy, LEAN },
	[SYS_REPLY] = { sys_reply, FULL },
	[SYS_PAGE_UNSHARE] = { sys_page_unshare, LEAN },
	[SYS_REPLY_SAVE] = { sys_reply_save, FULL },
	[SYS_REPLY_TO] = { sys_reply_to, FULL },
	[SYS_POOL_DESTROY] = { sys_pool_destroy, FULL },
	[SYS_MAP_ZERO] = { sys_map_zero, LEAN },
	[SYS_VM_COPY] = { sys_vm_copy, LEAN },
	[SYS_CLOCK_INFO] = { sys_clock_info, LEAN },
	[SYS_CLOCK_SET] = { sys_clock_set, LEAN },
	[SYS_TIMER_SET] = { sys_timer_set, LEAN },
	[SYS_TASK_CPU_ALARM] = { sys_task_cpu_alarm, LEAN },
	[SYS_TASK_BIND] = { sys_task_bind, LEAN },
};

_Static_assert(SYS_COUNT <= SYSCALL_TABLE_SIZE, "syscall_table rows");

void syscall_dispatch(struct trap_frame *tf)
{
	struct sysregs *r = arch_syscall_regs(tf);
	long ret = -ENOSYS;

	current->regs_replaced = false;
	if (r->nr < SYSCALL_TABLE_SIZE && syscall_table[r->nr].fn)
		ret = syscall_table[r->nr].fn(r);
	/* A task whose registers were replaced while it was blocked here (a
	 * signal frame written by its process server, a sigreturn) keeps
	 * them whole: the call's result belongs to the old context. */
	if (!current->regs_replaced)
		r->r[0] = (uint64_t)ret;
	user_return(tf);
}
