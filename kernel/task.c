/*
 * Tasks: creation, configuration, start, death. A task's kernel stack and
 * its struct are charged to the MemPool it was created from. A started
 * task is referenced by the scheduler until it dies, so it runs even when
 * nobody holds a capability to it; its death drops its address space,
 * capability space and IPC buffer, and fails every IPC partner waiting on
 * it with -EPIPE.
 */
#include "aspace.h"
#include "console.h"
#include "cspace.h"
#include "ipc.h"
#include "kstack.h"
#include "panic.h"
#include "sched.h"
#include "task.h"
#include "timer.h"
#include "uapi/errno.h"
#include "uapi/ipc.h"
#include "uapi/task.h"

static uint64_t next_task_id = 1;
static struct task *all_tasks;
static bool current_doomed;   /* killed by a pool reclamation, later */

_Static_assert(sizeof(struct task) <= 2048, "kmalloc's largest object");

struct task *task_create(struct mempool *pool)
{
	struct task *t = obj_alloc(pool, CAP_TASK, sizeof(*t));

	if (!t)
		return NULL;
	/* A guarded stack in the kernel stack area (kernel/kstack.c); out
	 * of slots is out of memory too. */
	if (kstack_alloc(pool, next_task_id, &t->kstack) < 0) {
		obj_put(&t->hdr);
		return NULL;
	}
	t->tf = (struct trap_frame *)(t->kstack + KSTACK_SIZE) - 1;
	t->sys = arch_syscall_regs(t->tf);
	t->state = TASK_INACTIVE;
	t->id = next_task_id++;
	t->all_next = all_tasks;
	if (all_tasks)
		all_tasks->all_pprev = &t->all_next;
	t->all_pprev = &all_tasks;
	all_tasks = t;
	arch_fpu_init(&t->fpu);
	sched_task_init(t);
	return t;
}

static void replace(struct kobj **slot, struct kobj *obj)
{
	struct kobj *old = *slot;

	if (obj)
		obj_get(obj);
	*slot = obj;
	if (old)
		obj_put(old);
}

void task_set_spaces(struct task *t, struct aspace *as, struct cspace *cs)
{
	if (as) {
		replace((struct kobj **)&t->as, &as->hdr);
		/* A task that swaps its own space returns to user in it. */
		if (t == current)
			aspace_activate(as);
	}
	if (cs)
		replace((struct kobj **)&t->cs, &cs->hdr);
}

void task_set_ipcbuf(struct task *t, struct frame *f, vaddr_t va)
{
	if (f)
		f->ipcbuf_users++;
	if (t->ipcbuf_frame)
		t->ipcbuf_frame->ipcbuf_users--;
	replace((struct kobj **)&t->ipcbuf_frame, f ? &f->hdr : NULL);
	t->ipcbuf = f ? phys_to_virt(f->pa) : NULL;
	t->ipcbuf_va = f ? va : 0;
}

static void task_first_run(void)
{
	sched_reap();
	arch_enter_user(current->tf);
}

void task_launch(struct task *t, bool stopped)
{
	/* The kernel context starts just below the user frame; the thread
	 * pointer lives in the frame or the context, so keep it across. */
	uint64_t tls = arch_get_tls(t->tf, &t->ctx);

	arch_context_init(&t->ctx, (uintptr_t)t->tf, task_first_run);
	arch_set_tls(t->tf, &t->ctx, tls);
	obj_get(&t->hdr); /* the scheduler's reference */
	t->suspended = stopped;
	sched_enqueue(t);
}

int task_start(struct task *t, vaddr_t pc, vaddr_t sp, uint64_t arg)
{
	if (t->state != TASK_INACTIVE)
		return -EBUSY;
	if (!t->as || !t->cs)
		return -EINVAL;
	arch_user_frame_init(t->tf, pc, sp, arg);
	task_launch(t, t->suspended);
	return 0;
}

/* Drop what the task refers to (it may be the last reference to itself
 * that goes, through its own capability space: callers hold one). */
void task_release(struct task *t)
{
	task_set_ipcbuf(t, NULL, 0);
	replace((struct kobj **)&t->fault_ep, NULL);
	replace((struct kobj **)&t->sched_ep, NULL);
	timer_alarm_drop(t);
	notification_unbind(t);
	replace((struct kobj **)&t->cs, NULL);
	replace((struct kobj **)&t->as, NULL);
}

void task_kill(struct task *t, const char *why)
{
	bool live = t->state != TASK_INACTIVE && t->state != TASK_DEAD;

	if (t->state == TASK_DEAD)
		return;
	if (why)
		kprintf("task %llu: %s\n", (unsigned long long)t->id, why);
	sched_remove(t);
	ipc_task_dead(t);
	t->state = TASK_DEAD;
	if (t->is_root) {
		kprintf("pith: the root task died; stopping\n");
		arch_poweroff(1);
	}
	obj_get(&t->hdr); /* keep t while its spaces go */
	task_release(t);
	if (live)
		obj_put(&t->hdr); /* the scheduler's */
	obj_put(&t->hdr);
	if (t == current) {
		schedule();
		panic("dead task %llu ran again", (unsigned long long)t->id);
	}
}

void task_destroy(struct kobj *o)
{
	struct task *t = (struct task *)o;

	if (t == current) {
		/* Still running on its own kernel stack: the scheduler frees it
		 * after switching away (sched_reap). */
		obj_get(o);
		sched_defer_free(t);
		return;
	}
	task_release(t);
	if (t->kstack)
		kstack_free(o->pool, t->kstack);
	t->kstack = 0;
	if (t->all_pprev) {
		*t->all_pprev = t->all_next;
		if (t->all_next)
			t->all_next->all_pprev = t->all_pprev;
		t->all_pprev = NULL;
	}
}

static void kill_for_reclaim(struct task *t)
{
	if (t == current)
		current_doomed = true;
	else
		task_kill(t, NULL);
}

void task_revoke(struct kobj *o)
{
	kill_for_reclaim((struct task *)o);
}

void task_drop_refs(struct kobj *o)
{
	/* Only a reference beyond the reclaimer's own needs the search. */
	if (o->refs <= 1)
		return;
	for (struct task *t = all_tasks; t; t = t->all_next) {
		if (t->state == TASK_DEAD)
			continue;
		/* (Each of these objects starts with its struct kobj.) */
		if ((struct kobj *)t->as == o || (struct kobj *)t->cs == o)
			kill_for_reclaim(t);
		if ((struct kobj *)t->ipcbuf_frame == o)
			task_set_ipcbuf(t, NULL, 0);
		if ((struct kobj *)t->fault_ep == o)
			replace((struct kobj **)&t->fault_ep, NULL);
		if ((struct kobj *)t->sched_ep == o)
			replace((struct kobj **)&t->sched_ep, NULL);
		if ((struct kobj *)t->alarm_ntfn == o)
			timer_alarm_drop(t);
	}
}

bool task_reclaim_current(void)
{
	return current_doomed;
}

void task_reclaim_done(void)
{
	if (current_doomed) {
		current_doomed = false;
		task_kill(current, "its pool was destroyed");
	}
}

/* ---- system calls --------------------------------------------------------- */

/* The capability of type in slot, with rights; or 0 for "none" when
 * optional. The object (or NULL) is in the result. */
static struct cap_ref opt_cap(uint64_t slot, enum cap_type type, unsigned rights)
{
	if (!slot)
		return (struct cap_ref){ 0, NULL };
	return cap_lookup(current->cs, slot, type, rights);
}

static struct kobj *obj_of(struct cap_ref c)
{
	return c.cap ? c.cap->obj : NULL;
}

long sys_task_configure(struct sysregs *r)
{
	struct cap_ref t = cap_lookup(current->cs, r->r[0], CAP_TASK, RIGHT_CONTROL);
	struct cap_ref a = opt_cap(r->r[1], CAP_ASPACE, RIGHT_CONTROL);
	struct cap_ref c = opt_cap(r->r[2], CAP_CSPACE, RIGHT_CONTROL);
	struct cap_ref f = opt_cap(r->r[3], CAP_FRAME, RIGHT_READ | RIGHT_WRITE);
	int err = t.err ? t.err : a.err ? a.err : c.err ? c.err : f.err;

	if (err)
		return err;
	if (r->r[4] & PAGE_MASK || r->r[4] >= ARCH_USER_TOP)
		return -EINVAL;   /* where the IPC buffer is (or would be) mapped */
	struct task *task = (struct task *)t.cap->obj;
	if (task->state == TASK_DEAD)
		return -ESRCH;
	task_set_spaces(task, (struct aspace *)obj_of(a), (struct cspace *)obj_of(c));
	if (f.cap)
		task_set_ipcbuf(task, (struct frame *)f.cap->obj, r->r[4]);
	return 0;
}

long sys_task_start(struct sysregs *r)
{
	struct cap_ref t = cap_lookup(current->cs, r->r[0], CAP_TASK,
				      RIGHT_CONTROL);

	if (t.err)
		return t.err;
	if (r->r[1] >= ARCH_USER_TOP || r->r[2] > ARCH_USER_TOP)
		return -EFAULT;
	return task_start((struct task *)t.cap->obj, r->r[1], r->r[2], r->r[3]);
}

long sys_task_exit(struct sysregs *r)
{
	if (current->is_root) {
		if (r->r[0] == TASK_EXIT_SHUTDOWN) {
			kprintf("pith: power off\n");
			arch_shutdown();
		}
		kprintf("pith: root task exited with %lld\n", (long long)r->r[0]);
		/* Its status ends QEMU's: 0 pass, else the code (mod 256,
		 * and a multiple of 256 is still a failure). */
		unsigned code = (unsigned)r->r[0] & 0xff;
		arch_poweroff(r->r[0] == 0 ? 0 : code ? code : 1);
	}
	/* Its pager hears of it first (uapi/task.h, FAULT_EXIT), whatever it
	 * answers. */
	if (current->fault_ep)
		(void)ipc_kernel_send(current->fault_ep, current->fault_badge,
				      MSG_INFO(FAULT_EXIT, 1, 0), r->r[0], 0, 0,
				      true);
	task_kill(current, NULL);
	return 0; /* not reached */
}

long sys_yield(struct sysregs *r)
{
	(void)r;
	sched_enqueue(current);
	schedule();
	return 0;
}
