/*
 * The life of a process: creation (init, fork, vfork, clone's checks;
 * threads are thread.c's), the end (exit, a fatal fault, a signal's
 * default action) and kill; wait4 and waitid are wait.c's. A process's
 * kernel objects are charged to a MemPool of its own, carved from
 * procsrv's; its end is that pool's destruction (SYS_POOL_DESTROY), which
 * takes every task, space and table with it. What is left is the zombie's
 * record here, until its parent reaps it.
 */
#include <string.h>

#include "procsrv.h"

/* Kernel memory a process may use: tasks, spaces, page tables. */
#define PROC_POOL_QUOTA (512u * 1024)
#define THREAD_MAX (2 * PROC_MAX)

/* Records from the pools' hw up were never used (free, maybe not
 * mapped: table_space in area.h). */
static struct pserv *pserv_pool;     /* [PROC_MAX] */
static struct thread *thread_pool;   /* [THREAD_MAX] */
static unsigned pserv_hw, thread_hw;
/* Every live thread record by tid (0: none): procsrv finds the sender
 * of each message by its badge. 32 bits: the records are in the table
 * range (main.c), below 4 GiB; half the memory of pointers, and one
 * load to find the thread. */
static uint32_t tid_table[PID_MAX];

void life_init(void)
{
	pserv_pool = table_space(PROC_MAX * sizeof(*pserv_pool));
	thread_pool = table_space(THREAD_MAX * sizeof(*thread_pool));
}

/* Record i of a pool with *hw records used so far, mapped if new: false
 * if there is no memory for it. */
static bool pool_record(void *rec, size_t size, unsigned i, unsigned *hw)
{
	if (i < *hw)
		return true;
	if (table_need(rec, size))
		return false;
	*hw = i + 1;
	return true;
}

static struct pserv *pserv_alloc(void)
{
	for (unsigned i = 0; i < PROC_MAX; i++)
		if (i >= pserv_hw || !pserv_pool[i].start_ticks) {
			if (!pool_record(&pserv_pool[i], sizeof(*pserv_pool), i, &pserv_hw))
				return NULL;
			memset(&pserv_pool[i], 0, sizeof(pserv_pool[i]));
			pserv_pool[i].start_ticks = ticks_now() | 1;
			return &pserv_pool[i];
		}
	return NULL;
}

struct thread *thread_alloc(struct proc *p, uint32_t tid)
{
	if (tid >= PID_MAX)
		return NULL;
	for (unsigned i = 0; i < THREAD_MAX; i++)
		if (i >= thread_hw || !thread_pool[i].proc) {
			struct thread *t = &thread_pool[i];
			if (!pool_record(t, sizeof(*t), i, &thread_hw))
				return NULL;
			memset(t, 0, sizeof(*t));
			t->tid = tid;
			t->proc = p;
			t->ipcbuf = PROC_IPCBUF_VADDR;
			t->next = p->threads;
			p->threads = t;
			p->nthreads++;
			tid_table[tid] = (uint32_t)(uintptr_t)t;
			return t;
		}
	return NULL;
}

void thread_free(struct thread *t)
{
	struct proc *p = t->proc;

	for (struct thread **l = &p->threads; *l; l = &(*l)->next)
		if (*l == t) {
			*l = t->next;
			p->nthreads--;
			break;
		}
	if (tid_table[t->tid] == (uint32_t)(uintptr_t)t)
		tid_table[t->tid] = 0;
	slot_put(t->sig.timer);   /* a thread that never ran (clone failed) */
	memset(t, 0, sizeof(*t));
}

struct thread *thread_find(uint32_t tid)
{
	struct thread *t = tid < PID_MAX
			   ? (struct thread *)(uintptr_t)tid_table[tid] : NULL;

	if (!t || t->proc->state == PROC_ZOMBIE)
		return NULL;
	return t;
}

/* The thread's task ends (its time is added to the process's). */
void thread_drop(struct thread *t)
{
	struct task_info ti;

	if (!t->task)
		return;
	names_drop(t);
	if (sys_task_info(t->task, &ti) == 0) {
		t->proc->utime += ti.utime;
		t->proc->stime += ti.stime;
	}
	sys_task_kill(t->task);
	slot_put(t->task);
	t->task = 0;
	slot_put(t->cspace);   /* a thread's own space (thread.c) */
	t->cspace = 0;
	futex_forget(t);
	if (t->reply) {
		reply_drop(t->reply);
		t->reply = 0;
	}
	if (t->sig.reply) {
		reply_drop(t->sig.reply);
		t->sig.reply = 0;
	}
	slot_put(t->sig.timer);
	t->sig.timer = 0;
}

void proc_release(struct proc *p)
{
	sig_proc_free(p);
	while (p->threads)
		thread_free(p->threads);
	if (ps(p))
		memset(ps(p), 0, sizeof(struct pserv));
	p->server = NULL;
	proc_free(p);
}

int proc_create(struct proc *parent, struct proc **out)
{
	struct proc *p = proc_alloc();
	struct pserv *s;

	if (!p)
		return -EAGAIN;
	if (!(s = pserv_alloc())) {
		proc_free(p);
		return -EAGAIN;
	}
	p->server = s;
	if (sig_proc_copy(p, parent) ||   /* the parent's actions */
	    !thread_alloc(p, (uint32_t)p->pid) || !(p->pool = slot_get()) ||
	    sys_obj_create(ROOT_SLOT_POOL, CAP_MEMPOOL, p->pool, PROC_POOL_QUOTA)) {
		slot_put(p->pool);
		proc_release(p);
		return -EAGAIN;
	}
	p->exit_signal = SIGCHLD;
	if (parent) {
		p->cred = parent->cred;
		memcpy(p->rlim, parent->rlim, sizeof(p->rlim));
		p->pgid = parent->pgid;
		p->sid = parent->sid;
		memcpy(p->comm, parent->comm, PROC_COMM);
		policy_fork(&p->sched, &parent->sched);
		proc_link(parent, p);
	} else {
		p->pgid = p->sid = p->pid;
	}
	*out = p;
	return 0;
}

/* ---- clone: fork, vfork, threads ----------------------------------------------- */

#define CLONE_KNOWN (PROC_CSIGNAL | PROC_CLONE_VM | PROC_CLONE_FS | \
	PROC_CLONE_FILES | PROC_CLONE_SIGHAND | PROC_CLONE_PTRACE | \
	PROC_CLONE_VFORK | PROC_CLONE_PARENT | PROC_CLONE_THREAD | \
	PROC_CLONE_SYSVSEM | PROC_CLONE_SETTLS | PROC_CLONE_PARENT_SETTID | \
	PROC_CLONE_CHILD_CLEARTID | PROC_CLONE_DETACHED | \
	PROC_CLONE_UNTRACED | PROC_CLONE_CHILD_SETTID)

/* A capability space for thread tid of p. */
int fresh_cspace(struct proc *p, uint32_t tid, slot_t *out, slot_t *timer)
{
	slot_t cs = slot_get();

	if (!cs || sys_obj_create(p->pool, CAP_CSPACE, cs, CSPACE_SMALL) ||
	    sys_cap_mint(srv_ep, cs, PROC_SLOT_PROCSRV, RIGHT_WRITE,
			 BADGE(BADGE_CALL, tid)) ||
	    tty_console_mint(cs) ||
	    time_thread_caps(p, cs, timer) ||
	    fs_mint(cs, p->pid)) {
		slot_put(cs);
		return -ENOMEM;
	}
	*out = cs;
	return 0;
}

/* Linux's rules for flags that do not go together (copy_process). */
static int clone_check(const struct proc *caller, uint64_t flags)
{
	if (flags & ~(uint64_t)CLONE_KNOWN)
		return -EINVAL;   /* namespaces, pidfds & co: not here */
	if ((flags & PROC_CLONE_THREAD) && !(flags & PROC_CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & PROC_CLONE_SIGHAND) && !(flags & PROC_CLONE_VM))
		return -EINVAL;
	if ((flags & (PROC_CLONE_PARENT | PROC_CLONE_THREAD)) && caller->pid == 1)
		return -EINVAL;   /* init has no siblings (SIGNAL_UNKILLABLE) */
	if (!(flags & PROC_CLONE_THREAD) && (flags & PROC_CSIGNAL) > SIGNAL_MAX)
		return -EINVAL;
	if ((flags & PROC_CLONE_THREAD) && (flags & PROC_CLONE_VFORK))
		return -ENOSYS;   /* a vfork thread: not supported */
	if ((flags & PROC_CLONE_VM) && !(flags & (PROC_CLONE_THREAD | PROC_CLONE_VFORK)))
		return -ENOSYS;   /* two processes in one address space */
	return 0;
}

/* The words 3..4 of a clone call: CLONE_PARENT_SETTID's and
 * CLONE_*_TID's addresses. The writes are not checked (Linux). */
void clone_settid(struct req *r, struct proc *child, struct thread *t,
			 uint32_t flags)
{
	const struct ipc_buffer *ib = (const struct ipc_buffer *)ROOT_IPCBUF_VADDR;
	uint64_t ptid = ib->mr[3], ctid = ib->mr[4];
	int32_t tid = (int32_t)t->tid;

	if (MSG_LEN(r->m.info) < 5)
		ptid = ctid = 0;
	if ((flags & PROC_CLONE_PARENT_SETTID) && ptid)
		(void)user_write(r->p, ptid, &tid, sizeof(tid));
	if ((flags & PROC_CLONE_CHILD_SETTID) && ctid)
		(void)user_write(child, ctid, &tid, sizeof(tid));
	if (flags & PROC_CLONE_CHILD_CLEARTID)
		t->clear_tid = ctid;
}

void do_clone(struct req *r)
{
	struct proc *parent = r->p, *c;
	uint32_t flags = (uint32_t)r->m.w[0];
	bool vfork = flags & PROC_CLONE_VFORK;
	int err;

	if ((err = clone_check(parent, r->m.w[0]))) {
		r->w[0] = (uint64_t)err;
		return;
	}
	if (flags & PROC_CLONE_THREAD) {
		clone_thread(r, flags);
		timers_cpu_check(parent);   /* one more thread shares the limit */
		return;
	}
	if (parent->cred.euid != 0 &&
	    proc_count_uid(parent->cred.ruid) >= parent->rlim[RLIM_NPROC].cur) {
		r->w[0] = (uint64_t)-EAGAIN;
		return;
	}
	if ((err = proc_create(parent, &c))) {
		r->w[0] = (uint64_t)err;
		return;
	}
	sig_fork(c, r->t);
	slot_t task = slot_get(), as = slot_get(), f = slot_get(), s = slot_get();
	slot_t cs = 0;
	err = -EAGAIN;
	if (task && as && f && s &&
	    !sys_cap_mint(srv_ep, 0, f, RIGHT_WRITE, BADGE(BADGE_FAULT, (uint32_t)c->pid)) &&
	    !sys_cap_mint(srv_ep, 0, s, RIGHT_WRITE, BADGE(BADGE_SCHED, (uint32_t)c->pid)) &&
	    !fresh_cspace(c, (uint32_t)c->pid, &cs, &c->threads->sig.timer) &&
	    !area_copy(&c->mm, &parent->mm)) {
		/* vfork too gets a copy-on-write copy (not the parent's
		 * memory): libc's stub is C, whose frames the child would
		 * overwrite below the blocked parent's (docs/processes.md). */
		struct clone_args a = {
			.flags = CLONE_STOPPED |
				 ((flags & PROC_CLONE_SETTLS) ? CLONE_SETTLS : 0),
			.pool = c->pool, .dst = task, .retval = PROC_CHILD_RETURN,
			.fault_ep = f, .sched_ep = s, .aspace_dst = as,
			.sp = r->m.w[1], .tls = r->m.w[2],
		};
		long e = sys_task_clone(r->t->task, &a);
		if (!e)
			e = sys_task_configure(task, 0, cs, 0, 0);
		if (!e)   /* before it starts: its policy (fork's rule) */
			sched_apply_task(c, task);
		err = e ? (e == -ENOMEM ? -EAGAIN : (int)e) : 0;
		/* Last, so that nothing after it fails: fs copies the
		 * parent's table before the child runs. */
		if (!err)
			err = fs_link_fork(parent, c, as);
	}
	slot_put(f);
	slot_put(s);
	if (err) {
		slot_put(task);
		slot_put(as);
		slot_put(cs);
		area_clear(&c->mm);
		sys_pool_destroy(c->pool);
		slot_put(c->pool);
		proc_unlink(c);
		proc_release(c);
		r->w[0] = (uint64_t)err;
		return;
	}
	/* Every page either has may now be copy-on-write (the pager asks
	 * for those, and only those). */
	for (struct area *x = parent->mm.head; x; x = x->next)
		x->cow = true;
	for (struct area *x = c->mm.head; x; x = x->next)
		x->cow = true;
	c->threads->task = task;
	/* The kernel copied the calling thread's IPC buffer page (TCB
	 * included) to the same address. */
	c->threads->ipcbuf = r->t->ipcbuf;
	c->aspace = as;
	c->cspace = cs;
	c->pages = parent->pages;
	sig_started(c);
	c->exit_signal = flags & PROC_CSIGNAL;
	ps(c)->clone_flags = flags;
	if ((flags & PROC_CLONE_PARENT) && parent->parent) {
		/* A sibling of the caller: its parent's child, with the
		 * caller's own exit signal (Linux). */
		proc_unlink(c);
		proc_link(parent->parent, c);
		c->exit_signal = parent->exit_signal;
	}
	clone_settid(r, c, c->threads, flags);
	sys_task_resume(task);
	timers_cpu_check(c);   /* RLIMIT_CPU is inherited; timers are not */
	r->w[0] = (uint64_t)c->pid;
	if (vfork) {
		/* The parent waits until the child execs or ends. */
		ps(parent)->vfork_reply = reply_save();
		ps(parent)->vfork_child = c;
		ps(c)->vfork_parent = parent;
		r->reply = !ps(parent)->vfork_reply;
	}
}

/* A vfork child let go of its parent's memory: the parent goes on. */
void vfork_release(struct proc *c)
{
	struct proc *parent = ps(c)->vfork_parent;

	if (!parent)
		return;
	ps(c)->vfork_parent = NULL;
	if (ps(parent)->vfork_reply)
		reply_to(ps(parent)->vfork_reply, c->pid, 0, 0, NULL, 0);
	ps(parent)->vfork_reply = 0;
	ps(parent)->vfork_child = NULL;
}

/* ---- exit and wait ---------------------------------------------------------- */

void proc_exit(struct proc *p, int32_t wstatus)
{
	struct proc *init = proc_find(1);

	if (p->state == PROC_ZOMBIE)
		return;
	for (struct thread *t = p->threads; t; t = t->next)
		thread_drop(t);
	fs_link_exit(p);        /* its threads are dead: no call of it is left */
	vfork_release(p);
	if (ps(p)->vfork_child)
		ps(p)->vfork_child = NULL;
	if (ps(p)->wait_reply) {
		reply_drop(ps(p)->wait_reply);
		ps(p)->wait_reply = 0;
	}
	timers_exit(p);
	sig_proc_free(p);       /* a zombie takes no signal */
	area_clear(&p->mm);
	sys_pool_destroy(p->pool);  /* every task, space and table of it */
	slot_put(p->pool);
	slot_put(p->aspace);
	slot_put(p->cspace);
	p->pool = p->aspace = p->cspace = 0;
	p->wstatus = wstatus;
	p->state = PROC_ZOMBIE;
	if (p->pid == 1) {
		/* The system's job is done (a test boot's init, or init died):
		 * end the machine with its status. */
		int code = (wstatus & 0x7f) ? 128 + (wstatus & 0x7f) : (wstatus >> 8) & 0xff;
		printf("procsrv: init ended (%s %d)\n",
		       (wstatus & 0x7f) ? "signal" : "status",
		       (wstatus & 0x7f) ? wstatus & 0x7f : code);
		sys_task_exit((uint64_t)code);
	}
	if (init && init != p && proc_reparent_children(p, init))
		wake_waiter(init);
	struct proc *parent = p->parent;
	int code, status;
	status_code(wstatus, &code, &status);
	struct proc c = *p;   /* for SIGCHLD: a wait may reap p first */
	if (parent && (sig_no_zombies(parent) || p->exit_signal == 0)) {
		/* SIGCHLD ignored or SA_NOCLDWAIT: no zombie (a handler
		 * still hears of it). */
		parent->cutime += p->utime + p->cutime;
		parent->cstime += p->stime + p->cstime;
		proc_unlink(p);
		proc_release(p);
		wake_waiter(parent);   /* a wait with nothing left: ECHILD */
		sig_child(&c, code, status);
		return;
	}
	if (parent) {
		wake_waiter(parent);
		sig_child(&c, code, status);
	}
}

void do_exit(struct req *r)
{
	r->reply = false;
	proc_exit(r->p, PROC_W_EXITED((int32_t)r->m.w[0]));
}

/* Stop every thread of p (a stop signal's default action); its parent's
 * wait (WUNTRACED) learns of it once. */
void proc_stop(struct proc *p, int sig)
{
	if (p->state != PROC_RUNNING)
		return;
	for (struct thread *t = p->threads; t; t = t->next)
		if (t->task)
			sys_task_suspend(t->task);
	p->state = PROC_STOPPED;
	ps(p)->stop_sig = (uint32_t)sig;
	ps(p)->report = REPORT_STOPPED;
	if (p->parent)
		wake_waiter(p->parent);
	sig_child(p, CLD_STOPPED, sig);
}

/* SIGCONT: a stopped p runs again; its parent's wait (WCONTINUED)
 * learns of it once. */
void proc_continue(struct proc *p)
{
	if (p->state != PROC_STOPPED)
		return;
	for (struct thread *t = p->threads; t; t = t->next)
		if (t->task)
			sys_task_resume(t->task);
	p->state = PROC_RUNNING;
	ps(p)->report = REPORT_CONTINUED;
	if (p->parent)
		wake_waiter(p->parent);
	sig_child(p, CLD_CONTINUED, SIGCONT);
	sig_kick_proc(p);   /* what was sent while it was stopped */
}

/* ---- kill --------------------------------------------------------------------- */

static bool core_dumps(int sig)
{
	return sig == SIGQUIT || sig == SIGILL || sig == SIGTRAP ||
	       sig == SIGABRT || sig == SIGBUS || sig == SIGFPE ||
	       sig == SIGSEGV || sig == 24 || sig == 25 || sig == 31;
}

int32_t signal_status(int sig)
{
	return PROC_W_SIGNALED(sig) | (core_dumps(sig) ? PROC_W_COREDUMP : 0);
}

void do_kill(struct req *r)
{
	struct proc *me = r->p;
	int32_t pid = (int32_t)r->m.w[0];
	int64_t sig = (int64_t)r->m.w[1];
	bool found = false, allowed = false, self = false;

	if (sig < 0 || sig > SIGNAL_MAX) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	/* Choose the targets first: delivering may free records. One
	 * process: found at once (kill, raise). */
	static struct proc *targets[PROC_MAX];
	unsigned n = 0;
	struct proc *one = pid > 0 ? proc_find(pid) : NULL;
	for (struct proc *p = pid > 0 ? one : proc_first(); p;
	     p = pid > 0 ? NULL : proc_next(p)) {
		bool match = pid > 0 ? p->pid == pid
			   : pid == 0 ? p->pgid == me->pgid
			   : pid == -1 ? p->pid != 1 && p != me
			   : p->pgid == -pid;
		if (!match)
			continue;
		found = true;
		if (cred_may_signal(&me->cred, &p->cred)) {
			allowed = true;
			targets[n++] = p;
		}
	}
	if (!found) {
		r->w[0] = (uint64_t)-ESRCH;
		return;
	}
	if (!allowed) {
		r->w[0] = (uint64_t)-EPERM;
		return;
	}
	struct ksiginfo si = { .code = SI_USER, .pid = me->pid,
			       .uid = me->cred.ruid };
	for (unsigned i = 0; i < n; i++) {
		if (targets[i] == me) {
			self = true;    /* last: the answer is lost with us */
			continue;
		}
		if (sig)
			sig_send(targets[i], NULL, (int)sig, &si);
	}
	if (self && sig && sig_send(me, NULL, (int)sig, &si))
		r->reply = false;
	r->w[0] = 0;
}
