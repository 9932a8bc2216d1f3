/* System call handlers that live in kernel/sys_misc.c, and the dispatch
 * entry (kernel/syscall.c). The others are declared in their topic headers. */
#ifndef PITH_SYSCALL_H
#define PITH_SYSCALL_H

/* The system-call table (kernel/syscall.c), as the arch entry code reads
 * it: SYSCALL_TABLE_SIZE rows of 1 << SYSCALL_ROW_SHIFT bytes, each
 * {handler, full}. */
#define SYSCALL_TABLE_SIZE 64
#define SYSCALL_ROW_SHIFT 4
#define SYSCALL_ROW_FULL 8        /* byte offset of `full` */

#ifndef __ASSEMBLER__
#include "arch.h"

/*
 * The arch entry saves the registers a C call may change and looks the
 * number (a7 / rax) up. A number beyond the table: the whole frame, then
 * syscall_dispatch. A row with `full`: the whole frame, then full(tf),
 * which must end with user_return (or never return). A row without
 * (lean): fn(sysregs) called by the entry itself, its result stored in
 * r0, and back to user mode with only those registers restored, unless
 * sched_need_resched is set: then the rest of the frame is stored and
 * user_return(tf) called before the ordinary way out.
 */
struct syscall_row {
	long (*fn)(struct sysregs *r);         /* the handler; NULL: -ENOSYS */
	void (*full)(struct trap_frame *tf);   /* NULL: lean (syscall.c) */
};
extern const struct syscall_row syscall_table[SYSCALL_TABLE_SIZE];
_Static_assert(sizeof(struct syscall_row) == 1 << SYSCALL_ROW_SHIFT &&
	       __builtin_offsetof(struct syscall_row, full) == SYSCALL_ROW_FULL,
	       "syscall.h: the arch entry's view of the table");

/* The general way of a system call: the handler from the table, r0 from
 * its result, user_return. The entry of most rows; the IPC fast path
 * goes there too when it cannot serve the call. */
void syscall_dispatch(struct trap_frame *tf);

long sys_debug_write(struct sysregs *r);
long sys_debug_read(struct sysregs *r);
long sys_obj_create(struct sysregs *r);
long sys_pool_info(struct sysregs *r);
long sys_pool_destroy(struct sysregs *r);

#endif /* __ASSEMBLER__ */
#endif
