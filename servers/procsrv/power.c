/*
 * power.c: PROC_POWEROFF, what halt and poweroff ask. Only a process
 * whose effective uid is 0 may; procsrv then ends itself, the root task,
 * with status 0, and the kernel switches the machine off with it
 * (arch_poweroff: QEMU exits 0 on riscv64, 33 on x86_64 through
 * isa-debug-exit, the same as a passed test; docs/using.md).
 */
#include "procsrv.h"

void do_poweroff(struct req *r)
{
	if (r->p->cred.euid != 0) {
		r->w[0] = (uint64_t)-EPERM;
		return;
	}
	printf("procsrv: power off, asked by pid %d (%s)\n", r->p->pid, r->p->comm);
	sys_task_exit(0);
}
