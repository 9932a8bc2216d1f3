/*
 * System call stubs over the raw trap pith_syscall(). Kept trivially thin:
 * the kernel checks everything.
 */
#include <pith/syscall.h>

_Static_assert(SYS_TASK_CLONE == 25 && PITH_THREAD_CHILD == 0x7c10,
	       "libc/arch/*/syscall.S hard-codes them");

long pith_thread_clone(slot_t src, struct clone_args *args,
		       long (*fn)(void *), void *arg)
{
	args->retval = PITH_THREAD_CHILD;
	return pith_thread_clone_raw(src, args, fn, arg);
}

static long sc(long nr, uint64_t a, uint64_t b, uint64_t c, uint64_t d,
	       uint64_t e, uint64_t out[6])
{
	uint64_t r[6] = { a, b, c, d, e, 0 };
	long ret = pith_syscall(nr, r);

	if (out)
		for (int i = 0; i < 6; i++)
			out[i] = r[i];
	return ret;
}

long sys_null(void) { return sc(SYS_NULL, 0, 0, 0, 0, 0, 0); }

long sys_debug_write(slot_t console, const void *buf, size_t len)
{
	return sc(SYS_DEBUG_WRITE, console, (uint64_t)(uintptr_t)buf, len, 0, 0, 0);
}

long sys_debug_read(slot_t console) { return sc(SYS_DEBUG_READ, console, 0, 0, 0, 0, 0); }

long sys_cap_identify(slot_t slot, uint64_t *rights, uint64_t *badge)
{
	uint64_t o[6];
	long r = sc(SYS_CAP_IDENTIFY, slot, 0, 0, 0, 0, o);

	if (rights)
		*rights = o[1];
	if (badge)
		*badge = o[2];
	return r;
}

long sys_cap_copy(slot_t src, slot_t dst_cs, slot_t dst)
{
	return sc(SYS_CAP_COPY, src, dst_cs, dst, 0, 0, 0);
}

long sys_cap_mint(slot_t src, slot_t dst_cs, slot_t dst, uint64_t rights,
		  uint64_t badge)
{
	return sc(SYS_CAP_MINT, src, dst_cs, dst, rights, badge, 0);
}

long sys_cap_move(slot_t src, slot_t dst_cs, slot_t dst)
{
	return sc(SYS_CAP_MOVE, src, dst_cs, dst, 0, 0, 0);
}
long sys_cap_delete(slot_t slot) { return sc(SYS_CAP_DELETE, slot, 0, 0, 0, 0, 0); }

long sys_obj_create(slot_t pool, uint64_t type, slot_t dst, uint64_t arg)
{
	return sc(SYS_OBJ_CREATE, pool, type, dst, arg, 0, 0);
}

long sys_pool_info(slot_t pool, uint64_t *quota, uint64_t *used)
{
	uint64_t o[6];
	long r = sc(SYS_POOL_INFO, pool, 0, 0, 0, 0, o);

	if (quota)
		*quota = o[1];
	if (used)
		*used = o[2];
	return r;
}

long sys_map(slot_t aspace, slot_t frame, uint64_t vaddr, uint64_t rights)
{
	return sc(SYS_MAP, aspace, frame, vaddr, rights, 0, 0);
}

long sys_map_pages(slot_t aspace, slot_t frame, uint64_t vaddr, uint64_t rights,
		   uint64_t first, uint64_t count)
{
	uint64_t r[6] = { aspace, frame, vaddr, rights, first, count };

	return pith_syscall(SYS_MAP, r);
}

long sys_unmap(slot_t aspace, uint64_t vaddr) { return sc(SYS_UNMAP, aspace, vaddr, 0, 0, 0, 0); }

long sys_protect(slot_t aspace, uint64_t vaddr, uint64_t rights)
{
	return sc(SYS_PROTECT, aspace, vaddr, rights, 0, 0, 0);
}

long sys_task_configure(slot_t task, slot_t aspace, slot_t cspace, slot_t ipcbuf,
			uint64_t ipcbuf_vaddr)
{
	return sc(SYS_TASK_CONFIGURE, task, aspace, cspace, ipcbuf, ipcbuf_vaddr, 0);
}

long sys_task_start(slot_t task, uint64_t pc, uint64_t sp, uint64_t arg)
{
	return sc(SYS_TASK_START, task, pc, sp, arg, 0, 0);
}

void sys_task_exit(long code)
{
	sc(SYS_TASK_EXIT, (uint64_t)code, 0, 0, 0, 0, 0);
	for (;;)
		;
}

_Static_assert(sizeof(struct msg) == 5 * 8, "libc/arch/*/syscall.S pith_ipc");

/* Receiving calls go through pith_ipc, which stores the message; without
 * a struct msg the answer goes to a scratch one. */
long sys_send(slot_t ep, uint64_t info, uint64_t w0, uint64_t w1, uint64_t w2)
{
	return sc(SYS_SEND, ep, info, w0, w1, w2, 0);
}

long sys_recv(slot_t ep, struct msg *m)
{
	struct msg scratch;

	return pith_ipc(SYS_RECV, ep, 0, 0, 0, 0, m ? m : &scratch);
}

long sys_call(slot_t ep, uint64_t info, uint64_t w0, uint64_t w1, uint64_t w2,
	      struct msg *reply)
{
	struct msg scratch;

	return pith_ipc(SYS_CALL, ep, info, w0, w1, w2, reply ? reply : &scratch);
}

long sys_reply_recv(slot_t ep, uint64_t info, uint64_t w0, uint64_t w1,
		    uint64_t w2, struct msg *m)
{
	struct msg scratch;

	return pith_ipc(SYS_REPLY_RECV, ep, info, w0, w1, w2, m ? m : &scratch);
}

long sys_signal(slot_t ntfn) { return sc(SYS_SIGNAL, ntfn, 0, 0, 0, 0, 0); }

long sys_wait(slot_t ntfn, uint64_t *bits)
{
	uint64_t o[6];
	long r = sc(SYS_WAIT, ntfn, 0, 0, 0, 0, o);

	if (bits)
		*bits = o[1];
	return r;
}

long sys_irq_set(slot_t irq, slot_t ntfn, uint64_t badge)
{
	return sc(SYS_IRQ_SET, irq, ntfn, badge, 0, 0, 0);
}

long sys_irq_ack(slot_t irq) { return sc(SYS_IRQ_ACK, irq, 0, 0, 0, 0, 0); }

long sys_task_clone(slot_t src, struct clone_args *args)
{
	return sc(SYS_TASK_CLONE, src, (uint64_t)(uintptr_t)args, 0, 0, 0, 0);
}

long sys_task_suspend(slot_t task) { return sc(SYS_TASK_SUSPEND, task, 0, 0, 0, 0, 0); }
long sys_task_resume(slot_t task) { return sc(SYS_TASK_RESUME, task, 0, 0, 0, 0, 0); }
long sys_task_kill(slot_t task) { return sc(SYS_TASK_KILL, task, 0, 0, 0, 0, 0); }

long sys_task_get_regs(slot_t task, struct user_regs *regs)
{
	return sc(SYS_TASK_GET_REGS, task, (uint64_t)(uintptr_t)regs, 0, 0, 0, 0);
}

long sys_task_set_regs(slot_t task, const struct user_regs *regs)
{
	return sc(SYS_TASK_SET_REGS, task, (uint64_t)(uintptr_t)regs, 0, 0, 0, 0);
}

long sys_task_set_ep(slot_t task, slot_t fault_ep, slot_t sched_ep)
{
	return sc(SYS_TASK_SET_EP, task, fault_ep, sched_ep, 0, 0, 0);
}

long sys_map_info(slot_t aspace, uint64_t vaddr, uint64_t *rights,
		  uint64_t *maps, uint64_t *flags)
{
	uint64_t o[6];
	long r = sc(SYS_MAP_INFO, aspace, vaddr, 0, 0, 0, o);

	if (rights)
		*rights = o[1];
	if (maps)
		*maps = o[2];
	if (flags)
		*flags = o[3];
	return r;
}

long sys_page_copy(slot_t aspace, uint64_t vaddr, slot_t frame)
{
	return sc(SYS_PAGE_COPY, aspace, vaddr, frame, 0, 0, 0);
}

long sys_reply(uint64_t info, uint64_t w0, uint64_t w1, uint64_t w2)
{
	return sc(SYS_REPLY, 0, info, w0, w1, w2, 0);
}

long sys_reply_save(slot_t pool, slot_t dst)
{
	return sc(SYS_REPLY_SAVE, pool, dst, 0, 0, 0, 0);
}

long sys_reply_to(slot_t reply, uint64_t info, uint64_t w0, uint64_t w1,
		  uint64_t w2, uint64_t flags)
{
	uint64_t r[6] = { reply, info, w0, w1, w2, flags };

	return pith_syscall(SYS_REPLY_TO, r);
}

long sys_page_unshare(slot_t aspace, uint64_t vaddr, slot_t pool)
{
	return sc(SYS_PAGE_UNSHARE, aspace, vaddr, pool, 0, 0, 0);
}
long sys_map_zero(slot_t aspace, uint64_t vaddr, uint64_t rights, slot_t pool)
{
	return sc(SYS_MAP_ZERO, aspace, vaddr, rights, pool, 0, 0);
}

long sys_vm_copy(slot_t src_as, uint64_t src, slot_t dst_as, uint64_t dst,
		 uint64_t len)
{
	return sc(SYS_VM_COPY, src_as, src, dst_as, dst, len, 0);
}

long sys_pool_destroy(slot_t pool)
{
	return sc(SYS_POOL_DESTROY, pool, 0, 0, 0, 0, 0);
}
long sys_yield(void) { return sc(SYS_YIELD, 0, 0, 0, 0, 0, 0); }

long sys_task_info(slot_t task, struct task_info *info)
{
	return sc(SYS_TASK_INFO, task, (uint64_t)(uintptr_t)info, 0, 0, 0, 0);
}

long sys_sched_set(slot_t task, uint64_t prio, uint64_t quantum)
{
	return sc(SYS_SCHED_SET, task, prio, quantum, SCHED_MCP_KEEP, 0, 0);
}

long sys_sched_set_mcp(slot_t task, uint64_t prio, uint64_t quantum, uint64_t mcp)
{
	return sc(SYS_SCHED_SET, task, prio, quantum, mcp, 0, 0);
}

long sys_clock_info(struct clock_info *ci)
{
	return sc(SYS_CLOCK_INFO, (uint64_t)(uintptr_t)ci, 0, 0, 0, 0, 0);
}

long sys_clock_set(int64_t offset_ns)
{
	return sc(SYS_CLOCK_SET, (uint64_t)offset_ns, 0, 0, 0, 0, 0);
}

long sys_timer_set(slot_t ntfn, uint64_t deadline)
{
	return sc(SYS_TIMER_SET, ntfn, deadline, 0, 0, 0, 0);
}

long sys_task_cpu_alarm(slot_t task, uint64_t user, uint64_t total,
			slot_t ntfn, uint64_t *utime, uint64_t *total_now)
{
	uint64_t o[6];
	long r = sc(SYS_TASK_CPU_ALARM, task, user, total, ntfn, 0, o);

	if (utime)
		*utime = o[1];
	if (total_now)
		*total_now = o[2];
	return r;
}

long sys_task_bind(slot_t task, slot_t ntfn)
{
	return sc(SYS_TASK_BIND, task, ntfn, 0, 0, 0, 0);
}
