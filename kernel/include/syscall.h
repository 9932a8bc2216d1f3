/* System call handlers that live in kernel/sys_misc.c, and the dispatch
 * entry (kernel/syscall.c). The others are declared in their topic headers. */
#ifndef PITH_SYSCALL_H
#define PITH_SYSCALL_H

#include "arch.h"

long sys_debug_write(struct sysregs *r);
long sys_debug_read(struct sysregs *r);
long sys_obj_create(struct sysregs *r);
long sys_pool_info(struct sysregs *r);
long sys_pool_destroy(struct sysregs *r);

#endif
