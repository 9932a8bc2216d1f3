/*
 * power.c: PROC_POWEROFF, what halt and poweroff ask. Only a process
 * whose effective uid is 0 may; procsrv then ends itself, the root task,
 * with the code TASK_EXIT_SHUTDOWN, and the kernel switches the machine
 * off (arch_shutdown: QEMU exits with 0 on both arches, unlike a test's
 * end, which is 33 on x86_64; docs/using.md).
 */
#include "procsrv.h"

void do_poweroff(struct req *r)
{
	if (r->p->cred.euid != 0) {
		r->w[0] = (uint64_t)-EPERM;
		return;
	}
	printf("procsrv: power off, asked by pid %d (%s)\n", r->p->pid, r->p->comm);
	sys_task_exit((long)TASK_EXIT_SHUTDOWN);
}
