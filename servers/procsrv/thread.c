/*
 * Threads: clone with CLONE_THREAD makes a new kernel task in the
 * caller's process, and a thread's own end. docs/processes.md, "Threads
 * and futex", has the rules; the choices in short:
 *
 *   - A thread shares the address space (kernel CLONE_VM) but has a
 *     capability space of its own, made fresh like a process's: procsrv
 *     knows the sender of every message by the badge of PROC_SLOT_PROCSRV,
 *     and a shared space would hold one badge for all its threads. A
 *     process's space holds only what procsrv puts there, so nothing is
 *     lost by not sharing it (yet).
 *   - Its fault and scheduler endpoints are badged with its tid too.
 *   - Its IPC buffer is a page of its own in the process's thread range
 *     (PROC_THREAD_IPCBUF), whose ipc_buffer.user[] words are the
 *     thread's control block: the thread starts with its thread pointer
 *     there, unless the caller gave CLONE_SETTLS.
 *   - SYS_TASK_EXIT (FAULT_EXIT) ends one thread; the process ends with
 *     its last thread, with the main thread's status (Linux reports the
 *     group leader's). exit_group is PROC_EXIT; a fatal fault of any
 *     thread ends the whole process (main.c, pager.c).
 */
#include <stddef.h>
#include <string.h>

#include "procsrv.h"

#define TCB_OFFSET offsetof(struct ipc_buffer, user)

struct thread *thread_main(struct proc *p)
{
	for (struct thread *t = p->threads; t; t = t->next)
		if (t->tid == (uint32_t)p->pid)
			return t;
	return NULL;
}

uint64_t tcb_init(slot_t aspace, uint64_t ipcbuf)
{
	uint64_t self = ipcbuf + TCB_OFFSET;

	if (sys_vm_copy(0, (uint64_t)(uintptr_t)&self, aspace, self, sizeof(self)))
		return 0;
	return self;
}

bool thread_ipcbuf_page(struct proc *p, uint64_t page)
{
	for (struct thread *t = p->threads; t; t = t->next)
		if (t->ipcbuf == page)
			return true;
	return false;
}

/* A page of the thread range that no thread of p uses, or 0. */
static uint64_t free_ipcbuf(struct proc *p)
{
	for (uint64_t i = 0; i < PROC_THREADS_MAX; i++) {
		uint64_t va = PROC_THREAD_IPCBUF + i * AREA_PAGE;
		bool used = false;
		for (struct thread *t = p->threads; t && !used; t = t->next)
			used = t->ipcbuf == va;
		if (!used)
			return va;
	}
	return 0;
}

/* The kernel objects of thread t of p: a task cloned from the caller
 * sharing the address space, its IPC buffer page, its own capability
 * space and endpoints. -errno. */
static int thread_objects(struct req *r, struct thread *t, uint32_t flags)
{
	struct proc *p = r->p;
	slot_t task = slot_get(), frame = slot_get(), f = slot_get(), s = slot_get();
	slot_t cs = 0;
	uint64_t tp = 0;
	int err = -EAGAIN;

	if (task && frame && f && s &&
	    !sys_obj_create(p->pool, CAP_FRAME, frame, 1) &&
	    /* A fork child of a threaded process may still map another
	     * thread's old page here: replace it. */
	    !sys_map(p->aspace, frame, t->ipcbuf,
		     RIGHT_READ | RIGHT_WRITE | MAP_REPLACE) &&
	    (tp = tcb_init(p->aspace, t->ipcbuf)) &&
	    !sys_cap_mint(srv_ep, 0, f, RIGHT_WRITE, BADGE(BADGE_FAULT, t->tid)) &&
	    !sys_cap_mint(srv_ep, 0, s, RIGHT_WRITE, BADGE(BADGE_SCHED, t->tid)) &&
	    !fresh_cspace(p, t->tid, &cs, &t->sig.timer)) {
		/* CLONE_CAPS only saves a copy: the fresh space replaces it
		 * before the task runs. */
		struct clone_args a = {
			.flags = CLONE_VM | CLONE_CAPS | CLONE_STOPPED | CLONE_SETTLS,
			.pool = p->pool, .dst = task, .retval = PROC_CHILD_RETURN,
			.tls = (flags & PROC_CLONE_SETTLS) ? r->m.w[2] : tp,
			.fault_ep = f, .sched_ep = s, .sp = r->m.w[1],
		};
		long e = sys_task_clone(r->t->task, &a);
		if (!e)
			e = sys_task_configure(task, 0, cs, frame, t->ipcbuf);
		if (!e)   /* its process's policy, before it starts */
			sched_apply_task(p, task);
		err = e ? (e == -ENOMEM ? -EAGAIN : (int)e) : 0;
	}
	/* The task holds its buffer, the mapping the frame; procsrv keeps the
	 * space (names.c mints into it) until thread_drop. */
	slot_put(f);
	slot_put(s);
	slot_put(frame);
	if (err) {
		slot_put(cs);
		slot_put(task);
		return err;
	}
	t->task = task;
	t->cspace = cs;    /* kept for the name service (names.c) */
	return 0;
}

void clone_thread(struct req *r, uint32_t flags)
{
	struct proc *p = r->p;
	uint64_t va = p->nthreads < PROC_THREADS_MAX ? free_ipcbuf(p) : 0;
	int32_t tid = va ? proc_new_tid() : 0;
	struct thread *t = tid ? thread_alloc(p, (uint32_t)tid) : NULL;
	int err;

	if (!t) {
		r->w[0] = (uint64_t)-EAGAIN;
		return;
	}
	t->ipcbuf = va;
	if ((err = thread_objects(r, t, flags))) {
		sys_unmap(p->aspace, va);
		thread_free(t);
		r->w[0] = (uint64_t)err;
		return;
	}
	clone_settid(r, p, t, flags);
	sig_thread_start(t, r->t);   /* its mask, in its IPC buffer */
	sys_task_resume(t->task);
	r->w[0] = (uint64_t)tid;
}

void thread_exit(struct thread *t, int code)
{
	struct proc *p = t->proc;
	struct thread *main = thread_main(p);
	unsigned live = 0;

	for (struct thread *u = p->threads; u; u = u->next)
		live += u->task != 0;
	if (live <= 1) {
		/* The last thread: the process ends, with the main thread's
		 * status if it ended before. */
		bool main_gone = main && main != t && !main->task;
		proc_exit(p, main_gone ? p->wstatus : PROC_W_EXITED(code));
		return;
	}
	thread_drop(t);
	if (t->clear_tid) {
		/* CLONE_CHILD_CLEARTID: the joiner's word (after the task is
		 * gone, so its stack may be freed at once). */
		uint32_t zero = 0;
		if (!user_write(p, t->clear_tid, &zero, sizeof(zero)))
			futex_wake(p, t->clear_tid, 1);
		t->clear_tid = 0;
	}
	if (t == main) {
		/* Its record stays (its tid is the pid) until the process
		 * ends; the status is kept for then. */
		p->wstatus = PROC_W_EXITED(code);
		return;
	}
	sys_unmap(p->aspace, t->ipcbuf);
	thread_free(t);
}

void threads_exec(struct proc *p)
{
	struct thread *main = thread_main(p);

	for (struct thread *t = p->threads, *next; t; t = next) {
		next = t->next;
		if (t != main)
			thread_free(t);
	}
	/* main is now the only record, so first. */
	main->ipcbuf = PROC_IPCBUF_VADDR;
	main->clear_tid = 0;
	p->wstatus = 0;
}
