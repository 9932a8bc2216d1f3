/*
 * User-side system call stubs (libc/syscall.c), one per call of
 * kernel/include/uapi/syscall.h. Each returns the kernel's result: 0 or a
 * value on success, -E* on error; extra results go to out-parameters.
 */
#ifndef PITH_LIBC_SYSCALL_H
#define PITH_LIBC_SYSCALL_H

#include <stddef.h>
#include <stdint.h>

#include <uapi/bootinfo.h>
#include <uapi/cap.h>
#include <uapi/clock.h>
#include <uapi/errno.h>
#include <uapi/ipc.h>
#include <uapi/syscall.h>
#include <uapi/task.h>

typedef uint64_t slot_t;

/* The raw trap (libc/arch/<arch>/syscall.S): r[0..5] in and out. */
long pith_syscall(long nr, uint64_t r[6]);
/* The lean form: five arguments in registers, only r0 back. */
long pith_syscall5(long nr, uint64_t r0, uint64_t r1, uint64_t r2,
		   uint64_t r3, uint64_t r4);
/* An IPC call whose answer is a message, stored in *m (valid when the
 * result is 0). */
struct msg;
long pith_ipc(long nr, uint64_t ep, uint64_t info, uint64_t w0, uint64_t w1,
	      uint64_t w2, struct msg *m);
/* A free-running counter: retired instructions on RISC-V (rdinstret), the
 * TSC on x86 (instructions too under QEMU -icount shift=0). */
uint64_t pith_counter(void);

/* A received message. */
struct msg {
	uint64_t badge;
	uint64_t info;
	uint64_t w[IPC_REG_WORDS];
};

long sys_null(void);
long sys_debug_write(slot_t console, const void *buf, size_t len);
long sys_debug_read(slot_t console);
long sys_cap_identify(slot_t slot, uint64_t *rights, uint64_t *badge);
/* dst_cs: a CapSpace capability to put the new capability in another
 * space, or 0 for the caller's own. */
long sys_cap_copy(slot_t src, slot_t dst_cs, slot_t dst);
long sys_cap_mint(slot_t src, slot_t dst_cs, slot_t dst, uint64_t rights,
		  uint64_t badge);
long sys_cap_move(slot_t src, slot_t dst_cs, slot_t dst);
long sys_cap_delete(slot_t slot);
long sys_obj_create(slot_t pool, uint64_t type, slot_t dst, uint64_t arg);
long sys_pool_info(slot_t pool, uint64_t *quota, uint64_t *used);
long sys_map(slot_t aspace, slot_t frame, uint64_t vaddr, uint64_t rights);
/* Pages first..first+count-1 of frame (count 0: to its end) at vaddr. */
long sys_map_pages(slot_t aspace, slot_t frame, uint64_t vaddr, uint64_t rights,
		   uint64_t first, uint64_t count);
long sys_unmap(slot_t aspace, uint64_t vaddr);
long sys_protect(slot_t aspace, uint64_t vaddr, uint64_t rights);
long sys_task_configure(slot_t task, slot_t aspace, slot_t cspace, slot_t ipcbuf,
			uint64_t ipcbuf_vaddr);
long sys_task_start(slot_t task, uint64_t pc, uint64_t sp, uint64_t arg);
_Noreturn void sys_task_exit(long code);
long sys_send(slot_t ep, uint64_t info, uint64_t w0, uint64_t w1, uint64_t w2);
long sys_recv(slot_t ep, struct msg *m);
long sys_call(slot_t ep, uint64_t info, uint64_t w0, uint64_t w1, uint64_t w2,
	      struct msg *reply);
long sys_reply_recv(slot_t ep, uint64_t info, uint64_t w0, uint64_t w1,
		    uint64_t w2, struct msg *m);
long sys_signal(slot_t ntfn);
long sys_wait(slot_t ntfn, uint64_t *bits);
long sys_irq_set(slot_t irq, slot_t ntfn, uint64_t badge);
long sys_irq_ack(slot_t irq);
long sys_task_clone(slot_t src, struct clone_args *args);
long sys_task_suspend(slot_t task);
long sys_task_resume(slot_t task);
long sys_task_kill(slot_t task);
long sys_task_get_regs(slot_t task, struct user_regs *regs);
long sys_task_set_regs(slot_t task, const struct user_regs *regs);
long sys_task_set_ep(slot_t task, slot_t fault_ep, slot_t sched_ep);
long sys_map_info(slot_t aspace, uint64_t vaddr, uint64_t *rights,
		  uint64_t *maps, uint64_t *flags);
long sys_page_copy(slot_t aspace, uint64_t vaddr, slot_t frame);
long sys_reply(uint64_t info, uint64_t w0, uint64_t w1, uint64_t w2);
long sys_page_unshare(slot_t aspace, uint64_t vaddr, slot_t pool);
/* Reply later: keep the pending caller's reply right in dst (a Reply
 * capability charged to pool; an idle Reply already in dst is re-armed),
 * answer it with sys_reply_to: flags 0 uses the capability up,
 * REPLY_KEEP leaves it idle in its slot for the next sys_reply_save. */
long sys_reply_save(slot_t pool, slot_t dst);
long sys_reply_to(slot_t reply, uint64_t info, uint64_t w0, uint64_t w1,
		  uint64_t w2, uint64_t flags);

/* A thread: clone src with args (args->sp a new stack, args->retval is
 * set to PITH_THREAD_CHILD, the value that tells the child from the
 * parent); the child runs fn(arg) there and exits with its result. Returns
 * the clone's result in the parent (libc/syscall.c, libc/arch/<arch>/syscall.S). */
#define PITH_THREAD_CHILD 0x7c10
long pith_thread_clone(slot_t src, struct clone_args *args,
		       long (*fn)(void *), void *arg);
long pith_thread_clone_raw(slot_t src, struct clone_args *args,
			   long (*fn)(void *), void *arg);
/* Execute an illegal instruction / a breakpoint (fault-handling tests). */
void pith_illegal_instruction(void);
void pith_breakpoint(void);
/* x / 0: a divide-error fault where the machine has one
 * (PITH_DIVIDE_TRAPS in <pith/machine.h>). */
long pith_divide_by_zero(long x);
/* The word at the thread pointer (tp / FS base): thread-local storage. */
uint64_t pith_tls_word0(void);
long sys_yield(void);

/* Scheduling (docs/scheduling.md). */
long sys_task_info(slot_t task, struct task_info *info);
/* A new zeroed page from pool mapped at vaddr (a pager's demand-zero). */
long sys_map_zero(slot_t aspace, uint64_t vaddr, uint64_t rights, slot_t pool);
/* Copy len bytes between address spaces (slot 0: the caller's own). */
long sys_vm_copy(slot_t src_as, uint64_t src, slot_t dst_as, uint64_t dst,
		 uint64_t len);
/* Destroy the pool and everything charged to it (docs/syscalls.md). */
long sys_pool_destroy(slot_t pool);
long sys_sched_set(slot_t task, uint64_t prio, uint64_t quantum);
/* The same, also giving the task the ceiling mcp (SCHED_MCP_KEEP: unchanged). */
long sys_sched_set_mcp(slot_t task, uint64_t prio, uint64_t quantum, uint64_t mcp);

/* Time (docs/syscalls.md; <pith/clock.h> reads the clock without a call). */
long sys_clock_info(struct clock_info *ci);
/* CLOCK_REALTIME = monotonic + offset from now on (root task only). */
long sys_clock_set(int64_t offset_ns);
/* Arm ntfn's one-shot timer for deadline (monotonic ns; TIMER_NEVER:
 * disarm); 1 if it was armed, else 0. */
long sys_timer_set(slot_t ntfn, uint64_t deadline);
/* The task's CPU-time alarm on ntfn (0: none) at user or user + system
 * ticks (0: no such threshold); *utime and *total (may be NULL): the
 * task's times as of the call. */
long sys_task_cpu_alarm(slot_t task, uint64_t user, uint64_t total,
			slot_t ntfn, uint64_t *utime, uint64_t *total_now);
/* Bind ntfn (0: unbind) to the task: its receives then also end when
 * ntfn is signalled, with label IPC_LABEL_NOTIFY and the bits as badge. */
long sys_task_bind(slot_t task, slot_t ntfn);

/* The console capability that write() on descriptors 1 and 2 uses until
 * the file server exists (default: the root task's ROOT_SLOT_CONSOLE;
 * libc/posix/interim.c). */
extern slot_t pith_console_slot;

#endif
