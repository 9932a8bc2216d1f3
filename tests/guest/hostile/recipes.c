/*
 * What each system call takes, as the sweep (sweep.c) needs it: per
 * argument its kind and a good value. The sweep replaces one argument at a
 * time by each bad value of its kind and wants that kind's error. A call
 * added to uapi/syscall.h without a recipe here still gets the generic
 * all-bad rows. Then the special rows: cases no kind describes.
 */
#include <uapi/task.h>

#include "sweep.h"

#define CAPA(t, r, s) { A_CAP, t, r, 0, s }
#define OPTC(t, r, s) { A_OPTCAP, t, r, 0, s }
#define DST { A_DST, 0, 0, 0, F_DST }
#define IN(n) { A_IN, 0, 0, n, P0 }
#define OUT(n) { A_OUT, 0, 0, n, P0 }
#define K(kind, v) { kind, 0, 0, 0, v }
#define ANY(v) { A_ANY, 0, 0, 0, v }

#define R RIGHT_READ
#define W RIGHT_WRITE
#define C RIGHT_CONTROL
#define MSG0 MSG_INFO(1, 0, 0)

const struct recipe recipes[SYS_COUNT] = {
	[SYS_NULL] = { "null", R_MAY_PASS, { { 0 } } },
	[SYS_DEBUG_WRITE] = { "debug_write", 0,
		{ CAPA(CAP_CONSOLE, W, CON), IN(16), K(A_LEN, 16) } },
	[SYS_DEBUG_READ] = { "debug_read", 0, { CAPA(CAP_CONSOLE, R, CON) } },
	[SYS_CAP_IDENTIFY] = { "cap_identify", 0, { CAPA(CAP_NONE, 0, F_NTFN) } },
	[SYS_CAP_COPY] = { "cap_copy", 0,
		{ CAPA(CAP_NONE, 0, F_NTFN), OPTC(CAP_CSPACE, C, F_CSPACE), DST } },
	[SYS_CAP_MINT] = { "cap_mint", 0,
		{ CAPA(CAP_NONE, 0, F_NTFN), OPTC(CAP_CSPACE, C, F_CSPACE), DST,
		  K(A_RIGHTS, RIGHTS_ALL), K(A_BADGE, 0) } },
	[SYS_CAP_MOVE] = { "cap_move", 0,
		{ CAPA(CAP_NONE, 0, F_MOVESRC), OPTC(CAP_CSPACE, C, F_CSPACE), DST } },
	[SYS_CAP_DELETE] = { "cap_delete", 0, { CAPA(CAP_NONE, 0, F_MOVESRC) } },
	[SYS_OBJ_CREATE] = { "obj_create", 0,
		{ CAPA(CAP_MEMPOOL, C, F_POOL), K(A_TYPE, CAP_NOTIFICATION), DST,
		  ANY(0) } },
	[SYS_POOL_INFO] = { "pool_info", 0, { CAPA(CAP_MEMPOOL, R, F_POOL) } },
	[SYS_MAP] = { "map", 0,
		{ CAPA(CAP_ASPACE, C, F_ASPACE), CAPA(CAP_FRAME, R, F_FRAME),
		  K(A_PAGE, F_VA_FREE), K(A_MAPRIGHTS, RIGHT_READ) } },
	[SYS_UNMAP] = { "unmap", 0,
		{ CAPA(CAP_ASPACE, C, F_ASPACE), K(A_MAPPED, F_VA) } },
	[SYS_PROTECT] = { "protect", 0,
		{ CAPA(CAP_ASPACE, C, F_ASPACE), K(A_MAPPED, F_VA),
		  K(A_PROTRIGHTS, RIGHT_READ) } },
	[SYS_TASK_CONFIGURE] = { "task_configure", 0,
		{ CAPA(CAP_TASK, C, F_CHILD), OPTC(CAP_ASPACE, C, F_ASPACE),
		  OPTC(CAP_CSPACE, C, F_CSPACE), OPTC(CAP_FRAME, R | W, F_FRAME),
		  K(A_ALIGNED, 0) } },
	[SYS_TASK_START] = { "task_start", 0,
		{ CAPA(CAP_TASK, C, F_INACT), K(A_PC, 0x400000), K(A_SP, 0x7ff00000),
		  ANY(0) } },
	[SYS_TASK_EXIT] = { "task_exit", R_ENDS, { ANY(0) } },
	[SYS_SEND] = { "send", 0,
		{ CAPA(CAP_ENDPOINT, W, F_EP_W), K(A_INFO, MSG0), ANY(1), ANY(2),
		  ANY(3) } },
	[SYS_RECV] = { "recv", 0, { CAPA(CAP_ENDPOINT, R, F_EP) } },
	[SYS_CALL] = { "call", 0,
		{ CAPA(CAP_ENDPOINT, W, F_EP_W), K(A_INFO, MSG0), ANY(1), ANY(2),
		  ANY(3) } },
	[SYS_REPLY_RECV] = { "reply_recv", 0,
		{ CAPA(CAP_ENDPOINT, R, F_EP), K(A_INFO, MSG0) } },
	[SYS_SIGNAL] = { "signal", 0, { CAPA(CAP_NOTIFICATION, W, F_NTFN) } },
	[SYS_WAIT] = { "wait", 0, { CAPA(CAP_NOTIFICATION, R, F_NTFN) } },
	[SYS_IRQ_SET] = { "irq_set", 0,
		{ CAPA(CAP_IRQ, C, ROOT_SLOT_IRQ_UART),
		  CAPA(CAP_NOTIFICATION, W, F_NTFN), K(A_BADGE, 0) } },
	[SYS_IRQ_ACK] = { "irq_ack", 0, { CAPA(CAP_IRQ, C, ROOT_SLOT_IRQ_UART) } },
	[SYS_YIELD] = { "yield", R_MAY_PASS, { { 0 } } },
	[SYS_TASK_CLONE] = { "task_clone", 0,
		{ CAPA(CAP_TASK, RIGHT_CLONE, F_CHILD),
		  IN(sizeof(struct clone_args)) } },
	[SYS_TASK_SUSPEND] = { "task_suspend", 0, { CAPA(CAP_TASK, C, F_CHILD) } },
	[SYS_TASK_RESUME] = { "task_resume", 0, { CAPA(CAP_TASK, C, F_CHILD) } },
	[SYS_TASK_KILL] = { "task_kill", 0, { CAPA(CAP_TASK, C, F_CHILD) } },
	[SYS_TASK_GET_REGS] = { "task_get_regs", 0,
		{ CAPA(CAP_TASK, R, F_CHILD), OUT(sizeof(struct user_regs)) } },
	[SYS_TASK_SET_REGS] = { "task_set_regs", 0,
		{ CAPA(CAP_TASK, C, F_CHILD), IN(sizeof(struct user_regs)) } },
	[SYS_TASK_SET_EP] = { "task_set_ep", 0,
		{ CAPA(CAP_TASK, C, F_CHILD), OPTC(CAP_ENDPOINT, W, F_EP),
		  OPTC(CAP_ENDPOINT, W, F_EP) } },
	[SYS_TASK_INFO] = { "task_info", 0,
		{ CAPA(CAP_TASK, R, F_CHILD), OUT(sizeof(struct task_info)) } },
	[SYS_SCHED_SET] = { "sched_set", 0,
		{ CAPA(CAP_TASK, C, F_CHILD), K(A_PRIO, 60), K(A_QUANTUM, 5) } },
	[SYS_MAP_INFO] = { "map_info", 0,
		{ CAPA(CAP_ASPACE, R, F_ASPACE), K(A_UADDR, F_VA) } },
	[SYS_PAGE_COPY] = { "page_copy", 0,
		{ CAPA(CAP_ASPACE, R, F_ASPACE), K(A_MAPPED, F_VA),
		  CAPA(CAP_FRAME, W, F_P1) } },
	[SYS_REPLY] = { "reply", R_MAY_PASS, { ANY(0), K(A_INFO, MSG0) } },
	[SYS_PAGE_UNSHARE] = { "page_unshare", 0,
		{ CAPA(CAP_ASPACE, C, F_ASPACE), K(A_UADDR, F_VA),
		  CAPA(CAP_MEMPOOL, C, F_POOL) } },
	/* Its destination is checked only once a caller waits: sweep.c
	 * tries bad ones while F_CALLER's call is pending. */
	[SYS_REPLY_SAVE] = { "reply_save", 0,
		{ CAPA(CAP_MEMPOOL, C, F_POOL), ANY(F_DST) } },
	[SYS_REPLY_TO] = { "reply_to", 0,
		{ CAPA(CAP_REPLY, W, F_REPLY), K(A_INFO, MSG0) } },
	[SYS_POOL_DESTROY] = { "pool_destroy", 0,
		{ CAPA(CAP_MEMPOOL, C, F_POOL) } },
	[SYS_MAP_ZERO] = { "map_zero", 0,
		{ CAPA(CAP_ASPACE, C, F_ASPACE), K(A_PAGE, F_VA_FREE),
		  K(A_MAPRIGHTS, RIGHT_READ), CAPA(CAP_MEMPOOL, C, F_POOL) } },
	/* No capability: an all-bad row may name memory of ours. */
	[SYS_CLOCK_INFO] = { "clock_info", R_MAY_PASS,
		{ OUT(sizeof(struct clock_info)) } },
	[SYS_TIMER_SET] = { "timer_set", 0,
		{ CAPA(CAP_NOTIFICATION, W, F_NTFN), ANY(TIMER_NEVER) } },
	[SYS_TASK_CPU_ALARM] = { "task_cpu_alarm", 0,
		{ CAPA(CAP_TASK, C, F_CHILD), ANY(100), ANY(0),
		  OPTC(CAP_NOTIFICATION, W, F_NTFN) } },
	/* The good row unbinds (0); binding is in the special rows. */
	[SYS_TASK_BIND] = { "task_bind", 0,
		{ CAPA(CAP_TASK, C, F_CHILD), OPTC(CAP_NOTIFICATION, R, F_NTFN) } },
	/* No capability: the root task's (here the sweep's own) any value. */
	[SYS_CLOCK_SET] = { "clock_set", R_MAY_PASS, { ANY(0) } },
};

#define TOP PITH_USER_TOP
#define KADDR PITH_KERNEL_ADDR

const struct row special_rows[] = {
	{ SYS_DEBUG_WRITE, { CON, P0, 0 }, 0, "zero bytes" },
	{ SYS_DEBUG_WRITE, { CON, KADDR, 0 }, -EFAULT, "zero bytes in the kernel" },
	{ SYS_DEBUG_WRITE, { CON, ~0ull - 3, 4 }, -EFAULT, "range that wraps" },
	{ SYS_DEBUG_WRITE, { CON, TOP - 4, 8 }, -EFAULT, "range across the top" },
	{ SYS_CAP_COPY, { F_CSPACE, F_CSPACE, 1 }, -EINVAL, "a CapSpace into itself" },
	{ SYS_CAP_MINT, { F_CSPACE, F_CSPACE, 1, RIGHTS_ALL, 0 }, -EINVAL,
	  "a CapSpace into itself" },
	{ SYS_CAP_COPY, { F_NTFN, F_CSPACE, 0 }, -EBADF, "slot 0 of another space" },
	{ SYS_CAP_COPY, { F_NTFN, F_CSPACE, 256 }, -EBADF, "slot 256 of another space" },
	{ SYS_CAP_MINT, { F_FRAME, 0, F_DST, RIGHTS_ALL, 5 }, -EINVAL, "a badge on a frame" },
	{ SYS_CAP_MINT, { F_EP_W, 0, F_DST, RIGHTS_ALL, 7 }, -EINVAL, "a second badge" },
	{ SYS_CAP_MOVE, { F_MOVESRC, 0, F_MOVESRC }, -EEXIST, "onto itself" },
	{ SYS_OBJ_CREATE, { F_POOL, CAP_FRAME, F_DST, 0 }, -EINVAL, "frame of 0 pages" },
	{ SYS_OBJ_CREATE, { F_POOL, CAP_FRAME, F_DST, 4097 }, -EINVAL, "frame of 4097 pages" },
	{ SYS_OBJ_CREATE, { F_POOL, CAP_FRAME, F_DST, ~0ull }, -EINVAL, "frame of 2^64-1 pages" },
	{ SYS_OBJ_CREATE, { F_POOL, CAP_FRAME, F_DST, 512 }, -ENOMEM, "2 MiB from 256 KiB" },
	{ SYS_OBJ_CREATE, { F_POOL, CAP_MEMPOOL, F_DST, ~0ull }, -ENOMEM, "quota 2^64-1" },
	{ SYS_OBJ_CREATE, { F_POOL, CAP_MEMPOOL, F_DST, 1ull << 63 }, -ENOMEM, "quota 2^63" },
	{ SYS_MAP, { F_ASPACE, F_FRAME_RO, F_VA_FREE, RIGHT_READ | RIGHT_WRITE }, -EPERM,
	  "writable from a read-only frame capability" },
	{ SYS_MAP, { F_ASPACE, F_FRAME_RO, F_VA_FREE, RIGHT_READ | RIGHT_EXEC }, -EPERM,
	  "executable from a read-only frame capability" },
	{ SYS_MAP, { F_ASPACE, F_STACKS, TOP - 4096, RIGHT_READ }, -EINVAL,
	  "16 pages from the last user page" },
	{ SYS_MAP, { F_ASPACE, F_FRAME, F_VA, RIGHT_READ }, -EEXIST, "over a mapping" },
	{ SYS_PROTECT, { F_ASPACE, F_VA_RO, RIGHT_READ | RIGHT_WRITE }, -EPERM,
	  "adding a right" },
	{ SYS_UNMAP, { F_ASPACE, F_VA_FREE }, -ENOENT, "nothing mapped" },
	{ SYS_TASK_CONFIGURE, { F_DEAD }, -ESRCH, "a dead task" },
	{ SYS_TASK_START, { F_CHILD, 0x400000, 0x7ff00000 }, -EBUSY, "already started" },
	{ SYS_TASK_START, { F_INACT, 0x400000, 0x7ff00000 }, -EINVAL, "no spaces" },
	{ SYS_TASK_START, { F_DEAD, 0x400000, 0x7ff00000 }, -EBUSY, "a dead task" },
	{ SYS_SEND, { F_DEADEP_W, MSG0 }, -EPIPE, "nobody can receive" },
	{ SYS_CALL, { F_DEADEP_W, MSG0 }, -EPIPE, "nobody can receive" },
	{ SYS_SEND, { F_DEADEP_W, MSG_INFO(1, 64, 0) }, -EPIPE, "nobody can receive, long" },
	{ SYS_IRQ_ACK, { ROOT_SLOT_IRQ_UART }, -EINVAL, "not bound" },
	{ SYS_TASK_CLONE, { F_DEAD, P0 }, -ESRCH, "a dead source" },
	{ SYS_TASK_CLONE, { F_INACT, P0 }, -ESRCH, "a source never started" },
	{ SYS_TASK_SUSPEND, { F_DEAD }, -ESRCH, "a dead task" },
	{ SYS_TASK_RESUME, { F_DEAD }, -ESRCH, "a dead task" },
	{ SYS_TASK_KILL, { F_DEAD }, 0, "the dead again: nothing to do" },
	{ SYS_TASK_SET_REGS, { ROOT_SLOT_TASK, P0 }, -EBUSY, "the caller itself" },
	{ SYS_TASK_SET_EP, { F_DEAD }, -ESRCH, "a dead task" },
	{ SYS_TASK_INFO, { F_CHILD, P0 + 3 }, 0, "unaligned, mapped" },
	{ SYS_TASK_INFO, { F_DEAD, P0 }, 0, "a dead task can be asked" },
	{ SYS_TASK_GET_REGS, { F_CHILD, P0 + 5 }, 0, "unaligned, mapped" },
	{ SYS_SCHED_SET, { F_DEAD, 60, 5 }, -ESRCH, "a dead task" },
	{ SYS_MAP_INFO, { F_ASPACE, F_VA + 5 }, 0, "inside a mapped page" },
	{ SYS_PAGE_COPY, { F_ASPACE, F_VA_FREE, F_P1 }, -ENOENT, "nothing mapped" },
	{ SYS_PAGE_UNSHARE, { F_ASPACE, F_VA, F_POOL }, -EINVAL, "not copy-on-write" },
	{ SYS_REPLY, { 0, MSG0 }, 0, "nobody waits: nothing to do" },
	{ SYS_REPLY, { 0, MSG_INFO(1, 65, 0) }, -EINVAL, "65 words" },
	{ SYS_REPLY_SAVE, { F_POOL, F_DST }, -EINVAL, "nobody waits" },
	{ SYS_IRQ_SET, { ROOT_SLOT_IRQ_UART, F_NTFN, 1ull << 48 }, -EINVAL, "49-bit badge" },
	{ SYS_CLOCK_INFO, { P0 + 3 }, 0, "unaligned, mapped" },
	{ SYS_TIMER_SET, { F_NTFN, TIMER_NEVER }, 0, "disarm: nothing armed" },
	{ SYS_TIMER_SET, { F_NTFN, TIMER_NEVER - 1 }, 0, "centuries away" },
	{ SYS_TIMER_SET, { F_NTFN, TIMER_NEVER - 1 }, 1, "again: it was armed" },
	{ SYS_TIMER_SET, { F_NTFN, TIMER_NEVER }, 1, "disarm: it was armed" },
	{ SYS_TASK_CPU_ALARM, { F_CHILD, 0, 0, F_NTFN }, -EINVAL, "no threshold" },
	{ SYS_TASK_CPU_ALARM, { F_CHILD, ~0ull, ~0ull, F_NTFN }, 0, "thresholds never reached" },
	{ SYS_TASK_CPU_ALARM, { F_DEAD, 1, 0, F_NTFN }, -ESRCH, "a dead task" },
	{ SYS_TASK_BIND, { F_DEAD, F_NTFN }, -ESRCH, "a dead task" },
	{ SYS_TASK_BIND, { F_DEAD, 0 }, -ESRCH, "a dead task, unbinding" },
	{ SYS_TASK_BIND, { F_CHILD, F_NTFN }, 0, "bind" },
	{ SYS_TASK_BIND, { F_CHILD, F_NTFN }, 0, "the same pair again" },
	{ SYS_TASK_BIND, { F_INACT, F_NTFN }, -EBUSY, "bound to another task" },
	{ SYS_TASK_BIND, { F_CHILD, 0 }, 0, "unbind" },
	{ SYS_TASK_BIND, { F_CHILD, 0 }, 0, "unbind again: nothing bound" },
};

const unsigned n_special_rows = sizeof(special_rows) / sizeof(special_rows[0]);

const char *syscall_name(uint64_t nr)
{
	return nr < SYS_COUNT && recipes[nr].name ? recipes[nr].name : "(unknown)";
}
