/*
 * System call dispatch: the number indexes a table of handlers, each in
 * its topic file. A handler takes the call's registers (struct sysregs,
 * arguments in r[0..5]), may leave extra results in r[1..5], and returns
 * its result: a value or 0 for success, -E* for failure. The dispatcher,
 * and only it, writes that into r[0], so no path can forget to. A handler
 * that blocks returns what its waker handed over (task_block's result).
 * current->sys points at the registers (always: task_create sets it),
 * so whoever delivers a message to a blocked task can fill in its extra
 * results. SYS_CALL and SYS_REPLY_RECV try the IPC fast path first
 * (kernel/ipc.c), which falls back to the table when it cannot serve
 * the call. syscall_entry ends with user_return, so the arch entry code
 * has one call to make.
 */
#include "aspace.h"
#include "cspace.h"
#include "ipc.h"
#include "sched.h"
#include "syscall.h"
#include "task.h"
#include "uapi/errno.h"
#include "uapi/syscall.h"

static long sys_null(struct sysregs *r)
{
	(void)r;
	return 0;
}

static long (*const handlers[SYS_COUNT])(struct sysregs *) = {
	[SYS_NULL] = sys_null,
	[SYS_DEBUG_WRITE] = sys_debug_write,
	[SYS_DEBUG_READ] = sys_debug_read,
	[SYS_CAP_IDENTIFY] = sys_cap_identify,
	[SYS_CAP_COPY] = sys_cap_copy,
	[SYS_CAP_MINT] = sys_cap_mint,
	[SYS_CAP_MOVE] = sys_cap_move,
	[SYS_CAP_DELETE] = sys_cap_delete,
	[SYS_OBJ_CREATE] = sys_obj_create,
	[SYS_POOL_INFO] = sys_pool_info,
	[SYS_MAP] = sys_map,
	[SYS_UNMAP] = sys_unmap,
	[SYS_PROTECT] = sys_protect,
	[SYS_TASK_CONFIGURE] = sys_task_configure,
	[SYS_TASK_START] = sys_task_start,
	[SYS_TASK_EXIT] = sys_task_exit,
	[SYS_SEND] = sys_send,
	[SYS_RECV] = sys_recv,
	[SYS_CALL] = sys_call,
	[SYS_REPLY_RECV] = sys_reply_recv,
	[SYS_SIGNAL] = sys_signal,
	[SYS_WAIT] = sys_wait,
	[SYS_IRQ_SET] = sys_irq_set,
	[SYS_IRQ_ACK] = sys_irq_ack,
	[SYS_YIELD] = sys_yield,
	[SYS_TASK_INFO] = sys_task_info,
	[SYS_SCHED_SET] = sys_sched_set,
	[SYS_TASK_CLONE] = sys_task_clone,
	[SYS_TASK_SUSPEND] = sys_task_suspend,
	[SYS_TASK_RESUME] = sys_task_resume,
	[SYS_TASK_KILL] = sys_task_kill,
	[SYS_TASK_GET_REGS] = sys_task_get_regs,
	[SYS_TASK_SET_REGS] = sys_task_set_regs,
	[SYS_TASK_SET_EP] = sys_task_set_ep,
	[SYS_MAP_INFO] = sys_map_info,
	[SYS_PAGE_COPY] = sys_page_copy,
	[SYS_REPLY] = sys_reply,
	[SYS_PAGE_UNSHARE] = sys_page_unshare,
	[SYS_REPLY_SAVE] = sys_reply_save,
	[SYS_REPLY_TO] = sys_reply_to,
	[SYS_POOL_DESTROY] = sys_pool_destroy,
};

__attribute__((noinline)) void syscall_dispatch(struct trap_frame *tf)
{
	struct sysregs *r = arch_syscall_regs(tf);
	long ret = -ENOSYS;

	if (r->nr < SYS_COUNT && handlers[r->nr])
		ret = handlers[r->nr](r);
	r->r[0] = (uint64_t)ret;
	user_return(tf);
}

/* Every branch is a tail call: no frame of its own under the handler. */
void syscall_entry(struct trap_frame *tf)
{
	uint64_t nr = arch_syscall_regs(tf)->nr;

	if (nr == SYS_CALL)
		ipc_fast_call(tf);
	else if (nr == SYS_REPLY_RECV)
		ipc_fast_reply_recv(tf);
	else
		syscall_dispatch(tf);
}
