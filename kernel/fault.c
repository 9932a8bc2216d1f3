/*
 * User faults become IPC: the kernel sends the fault to the task's fault
 * endpoint as a call made on the task's behalf ({kind, address, access,
 * pc}, with the badge of the capability the endpoint was set from), and
 * the task waits for the answer. FAULT_RESUME retries the instruction
 * (the handler fixed the mapping or the registers); anything else, no
 * handler, or a handler that dies, kills the task. Copy-on-write, demand
 * paging and signals are the handler's business (the process server).
 */
#include "console.h"
#include "ipc.h"
#include "printf.h"
#include "task.h"
#include "uapi/ipc.h"
#include "uapi/task.h"

_Static_assert(FAULT_PAGE == TRAP_PAGE_FAULT && FAULT_ILLEGAL == TRAP_ILLEGAL &&
	       FAULT_BREAKPOINT == TRAP_BREAKPOINT &&
	       FAULT_MISALIGNED == TRAP_MISALIGNED &&
	       FAULT_DIVIDE == TRAP_DIVIDE && FAULT_PROTECTION == TRAP_PROTECTION,
	       "uapi/task.h FAULT_* must match enum trap_kind");
_Static_assert(FAULT_ACCESS_READ == TRAP_ACCESS_READ &&
	       FAULT_ACCESS_WRITE == TRAP_ACCESS_WRITE &&
	       FAULT_ACCESS_EXEC == TRAP_ACCESS_EXEC, "fault access bits");

static void die(const struct trap_info *ti, const char *how)
{
	char why[128];

	ksnprintf(why, sizeof(why), "killed: %s at pc %p, address %p (%s)",
		  trap_kind_name(ti->kind), (void *)ti->pc, (void *)ti->addr, how);
	task_kill(current, why);
}

void trap_user(struct trap_frame *tf, const struct trap_info *ti)
{
	struct task *t = current;
	int err;

	(void)tf;
	if (!t->fault_ep) {
		die(ti, "no fault endpoint");
		return;
	}
	err = ipc_kernel_send(t->fault_ep, t->fault_badge,
			      MSG_INFO(ti->kind, 3, 0), ti->addr, ti->access,
			      ti->pc, true);
	if (err)
		die(ti, "its fault handler is gone");
	else if (MSG_LABEL(t->kmsg.r[2]) != FAULT_RESUME)
		die(ti, "by its fault handler");
}
