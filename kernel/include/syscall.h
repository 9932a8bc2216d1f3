/* System call handlers that live in kernel/sys_misc.c, and the dispatch
 * entry (kernel/syscall.c). The others are declared in their topic headers. */
#ifndef PITH_SYSCALL_H
#define PITH_SYSCALL_H

#include "arch.h"

/* The general way of a system call (kernel/syscall.c): the handler from
 * the table, r0 from its result, user_return. syscall_entry goes there
 * unless the IPC fast path (kernel/ipc.c) takes the call, and so does the
 * fast path when it finds it cannot. */
void syscall_dispatch(struct trap_frame *tf);

long sys_debug_write(struct sysregs *r);
long sys_debug_read(struct sysregs *r);
long sys_obj_create(struct sysregs *r);
long sys_pool_info(struct sysregs *r);
long sys_pool_destroy(struct sysregs *r);

#endif
