/*
 * Signals (docs/signals.md): each process's actions, each thread's mask,
 * pending signals per thread and per process with their siginfo, the
 * alternate stack, and delivery. A handled signal is delivered by
 * procsrv itself: it suspends the thread, reads its registers
 * (SYS_TASK_GET_REGS), writes a frame (ucontext_t with every register
 * and the old mask, then siginfo_t) below its stack pointer or on its
 * alternate stack, and points it at the handler's entry, libc's
 * trampoline (sa_restorer), with SYS_TASK_SET_REGS. The trampoline saves
 * the FP registers, calls the handler, restores them and calls
 * PROC_SIGRETURN with the frame, which puts registers and mask back.
 *
 * A thread can only be given a frame when it is not blocked in a system
 * call (its call's answer would land on the new registers): one blocked
 * in a call procsrv holds (wait4, pause, sigsuspend, futex) has it
 * answered first, -EINTR (or PROC_ERESTART for SA_RESTART, which libc
 * turns into the same call again); one that procsrv is serving right now
 * gets its frame once answered (sig_after_call); one blocked elsewhere
 * keeps the signal pending until its next call to procsrv.
 */
#include <pith/clock.h>
#include <stddef.h>
#include <string.h>

#include "procsrv.h"

struct thread *sig_current;

#define BIT(sig) (1ull << ((sig) - 1))
#define UNBLOCKABLE (BIT(SIGKILL) | BIT(SIGSTOP))
#define STOP_SIGS (BIT(SIGSTOP) | BIT(SIGTSTP) | BIT(SIGTTIN) | BIT(SIGTTOU))
#define H_DFL 0
#define H_IGN 1

/* The frame written on the user stack: the context first (its address is
 * the handler's third argument and sigreturn's), then the siginfo. */
struct sigframe {
	ucontext_t uc;
	siginfo_t info;
};
_Static_assert(sizeof(struct user_regs) <= sizeof(mcontext_t), "mcontext");

static bool default_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG ||
	       sig == SIGWINCH;
}

/*
 * The tables of processes with an action other than SIG_DFL: one slot per
 * possible process, in an area of procsrv's own space whose pages are
 * mapped (zeroed) only when a slot on them is first used. Memory follows
 * the most processes with handlers at once, not PROC_MAX: every page
 * procsrv has mapped makes each fork and exit dearer (docs/signals.md,
 * "Costs"), and 1024 tables of about 4 KiB in the BSS cost fork+exit+wait
 * some 9000 instructions.
 */
#define SIG_TABLES PROC_MAX
#define SIG_TABLE_AREA 0x50000000ull   /* below image.c's SERVER_WINDOW */
#define SIG_TABLE_PAGE 4096u
static struct sig_table *const tables = (struct sig_table *)SIG_TABLE_AREA;
static bool table_used[SIG_TABLES];
static uint64_t pages_mapped[(SIG_TABLES * sizeof(struct sig_table) /
			      SIG_TABLE_PAGE + 64) / 64];
static const struct ksigaction dfl_action;

/* Map the pages under table i that are not mapped yet; false if out of
 * memory (nothing is left half done: a mapped page stays for later). */
static bool table_pages(unsigned i)
{
	uint64_t first = (uint64_t)i * sizeof(struct sig_table) / SIG_TABLE_PAGE;
	uint64_t last = ((uint64_t)(i + 1) * sizeof(struct sig_table) - 1) /
			SIG_TABLE_PAGE;

	for (uint64_t pg = first; pg <= last; pg++) {
		if (pages_mapped[pg / 64] & (1ull << (pg % 64)))
			continue;
		if (sys_map_zero(ROOT_SLOT_ASPACE, SIG_TABLE_AREA + pg * SIG_TABLE_PAGE,
				 RIGHT_READ | RIGHT_WRITE, ROOT_SLOT_POOL) < 0)
			return false;
		pages_mapped[pg / 64] |= 1ull << (pg % 64);
	}
	return true;
}

static struct sig_table *table_alloc(void)
{
	for (unsigned i = 0; i < SIG_TABLES; i++)
		if (!table_used[i]) {
			if (!table_pages(i))
				return NULL;
			memset(&tables[i], 0, sizeof(tables[i]));
			tables[i].used = true;
			table_used[i] = true;
			return &tables[i];
		}
	return NULL;
}

/* sig's action in p (read only: SIG_DFL's without a table). */
static const struct ksigaction *action(struct proc *p, int sig)
{
	struct sig_table *tab = ps(p)->sig.tab;

	return tab ? &tab->act[sig - 1] : &dfl_action;
}

/* Does tab hold an action other than SIG_DFL (SIGCHLD's flags that
 * matter without a handler included)? Else it only keeps pending info. */
static bool table_needed(const struct sig_table *tab)
{
	if (tab->act[SIGCHLD - 1].flags & (SA_NOCLDSTOP | SA_NOCLDWAIT))
		return true;
	for (int i = 0; i < SIG_COUNT; i++)
		if (tab->act[i].handler != H_DFL)
			return true;
	return false;
}

/* ---- real-time signals queued --------------------------------------------
 * A real-time signal (SIGRTMIN..SIGRTMAX) sent to a process while one of
 * its number is pending there is queued with its info, not merged
 * (POSIX): the pending bit stands for the oldest, whose info is in the
 * process's table, and take() moves the next one in. SIGQ_MAX in all,
 * SIGQ_PER_PROC of one process: beyond, sigqueue fails with EAGAIN and
 * kill merges as for a standard signal. Only signals sent to a process
 * are queued; one sent to a thread alone (pthread_kill) is pending once. */
#define SIGQ_MAX 256
#define SIGQ_PER_PROC 32

struct sigq {
	struct proc *p;          /* NULL: a free entry */
	uint64_t seq;            /* arrival order */
	struct ksiginfo info;
	int sig;
};

static struct sigq sigq[SIGQ_MAX];
static uint64_t sigq_seq;
static unsigned sigq_used;   /* entries in use: none, nothing to scan */

static bool realtime(int sig)
{
	return sig >= SIGRTMIN;
}

/* Room in p's queue (and the pool) for one more. */
static bool sigq_room(const struct proc *p)
{
	unsigned mine = 0, free = 0;

	if (!sigq_used)
		return true;
	for (unsigned i = 0; i < SIGQ_MAX; i++) {
		if (!sigq[i].p)
			free++;
		else if (sigq[i].p == p)
			mine++;
	}
	return free && mine < SIGQ_PER_PROC;
}

static bool sigq_add(struct proc *p, int sig, const struct ksiginfo *si)
{
	if (!sigq_room(p))
		return false;
	for (unsigned i = 0; i < SIGQ_MAX; i++)
		if (!sigq[i].p) {
			sigq[i] = (struct sigq){ p, ++sigq_seq, *si, sig };
			sigq_used++;
			return true;
		}
	return false;
}

/* The oldest queued sig of p, or NULL. */
static struct sigq *sigq_first(const struct proc *p, int sig)
{
	struct sigq *q = NULL;

	for (unsigned i = 0; sigq_used && i < SIGQ_MAX; i++)
		if (sigq[i].p == p && sigq[i].sig == sig &&
		    (!q || sigq[i].seq < q->seq))
			q = &sigq[i];
	return q;
}

static void sigq_free(struct sigq *q)
{
	q->p = NULL;
	sigq_used--;
}

static void sigq_drop(const struct proc *p, uint64_t bits)
{
	for (unsigned i = 0; sigq_used && i < SIGQ_MAX; i++)
		if (sigq[i].p == p && (bits & BIT(sigq[i].sig)))
			sigq_free(&sigq[i]);
}

int sig_proc_copy(struct proc *child, struct proc *parent)
{
	struct sig_table *from = parent ? ps(parent)->sig.tab : NULL;

	ps(child)->sig.tab = NULL;
	ps(child)->sig.pending = 0;
	if (!from || !table_needed(from))
		return 0;
	struct sig_table *tab = table_alloc();
	if (!tab)
		return -EAGAIN;
	memcpy(tab->act, from->act, sizeof(tab->act));
	ps(child)->sig.tab = tab;
	return 0;
}

void sig_proc_free(struct proc *p)
{
	sigq_drop(p, ~0ull);
	if (ps(p) && ps(p)->sig.tab) {
		ps(p)->sig.tab->used = false;
		table_used[ps(p)->sig.tab - tables] = false;
		ps(p)->sig.tab = NULL;
	}
}

/* Is sig ignored in p, by SIG_IGN or by a default that ignores? */
static bool ignored(struct proc *p, int sig)
{
	uint64_t h = action(p, sig)->handler;

	return h == H_IGN || (h == H_DFL && default_ignored(sig));
}

bool proc_ignores(struct proc *p, int sig)
{
	return ps(p) && sig >= 1 && sig <= SIG_COUNT &&
	       action(p, sig)->handler == H_IGN;
}

bool sig_no_zombies(struct proc *p)
{
	return ps(p) && (action(p, SIGCHLD)->handler == H_IGN ||
			 (action(p, SIGCHLD)->flags & SA_NOCLDWAIT));
}

static uint64_t pending_of(const struct thread *t)
{
	return t->sig.pending | ps(t->proc)->sig.pending;
}

/* ---- the mask in user memory -------------------------------------------------
 * The truth of a thread's mask is the word in its IPC buffer, which libc
 * changes without a call; t->sig.mask is procsrv's copy, refreshed
 * (mask_sync) before each decision. procsrv runs above every process on
 * the one CPU, so no store of the thread's can fall inside one of its
 * steps: it sees the mask before or after a sigprocmask, and libc, which
 * stores the mask before it reads the pending note, calls when the note
 * says it unblocked something (docs/signals.md, "Masks"). */

static uint64_t tcb_word(const struct thread *t, unsigned i)
{
	return t->ipcbuf + offsetof(struct ipc_buffer, user) + i * sizeof(uint64_t);
}

/* The message procsrv serves: a mask read in this step is still true
 * (no thread runs until procsrv waits for the next one). */
uint64_t sig_step;

static void mask_sync(struct thread *t)
{
	uint64_t m;

	if (t->sig.synced == sig_step)
		return;
	if (t->task && !user_read(t->proc, tcb_word(t, PROC_TCB_SIGMASK), &m,
				  sizeof(m))) {
		t->sig.mask = m & ~UNBLOCKABLE;
		t->sig.synced = sig_step;
	}
}

/* Set t's mask, with the pending note next to it (one copy). */
static void mask_store(struct thread *t, uint64_t m)
{
	uint64_t w[2] = { m & ~UNBLOCKABLE, pending_of(t) };

	_Static_assert(PROC_TCB_SIGPEND == PROC_TCB_SIGMASK + 1, "adjacent");
	t->sig.mask = w[0];
	t->sig.synced = sig_step;
	if (t->task)
		(void)user_write(t->proc, tcb_word(t, PROC_TCB_SIGMASK), w,
				 sizeof(w));
}

/* A signal became pending for t: its note. */
static void pend_note(struct thread *t)
{
	uint64_t v = pending_of(t);

	if (t->task)
		(void)user_write(t->proc, tcb_word(t, PROC_TCB_SIGPEND), &v,
				 sizeof(v));
}

/* Signals t can take now. */
static uint64_t deliverable(const struct thread *t)
{
	return pending_of(t) & ~t->sig.mask;
}

/* Take signal sig off t's or its process's pending set, with its info
 * (the next queued one of a real-time signal stays pending). */
static void take(struct thread *t, int sig, struct ksiginfo *si)
{
	struct proc_sig *ps_ = &ps(t->proc)->sig;

	if (t->sig.pending & BIT(sig)) {
		*si = t->sig.info;
		t->sig.pending &= ~BIT(sig);
	} else {
		*si = ps_->tab ? ps_->tab->info[sig - 1]
			       : (struct ksiginfo){ .code = SI_USER };
		ps_->pending &= ~BIT(sig);
		struct sigq *q = realtime(sig) && ps_->tab
			? sigq_first(t->proc, sig) : NULL;
		if (q) {
			ps_->tab->info[sig - 1] = q->info;
			ps_->pending |= BIT(sig);
			sigq_free(q);
		}
	}
}

/* Forget sig wherever it is pending in p. */
static void discard(struct proc *p, uint64_t bits)
{
	ps(p)->sig.pending &= ~bits;
	sigq_drop(p, bits);
	for (struct thread *t = p->threads; t; t = t->next)
		t->sig.pending &= ~bits;
}

static bool on_altstack(const struct thread *t, uint64_t sp)
{
	return t->sig.ss_size && sp > t->sig.ss_sp &&
	       sp <= t->sig.ss_sp + t->sig.ss_size;
}

/* ---- frames ---------------------------------------------------------------- */

/* The mask t's handler for sig will restore. */
static uint64_t mask_to_restore(const struct thread *t)
{
	return t->sig.suspended ? t->sig.saved_mask : t->sig.mask;
}

/* What starting a handler for sig on t changes, on either path (a frame
 * or an answer with PROC_SIG_RUN): the count of handlers, the mask, an
 * SA_RESETHAND action. */
static void handler_starts(struct thread *t, int sig, struct ksigaction *a)
{
	/* The count a sleep looks at (PROC_TCB_SIGNALS), written when the
	 * handler ends one (else no sleep can be told apart by it): not
	 * checked, a thread that broke its own IPC buffer only misleads
	 * itself. */
	t->sig.handled++;
	if (t->sig.woke) {
		t->sig.woke = false;
		(void)user_write(t->proc, tcb_word(t, PROC_TCB_SIGNALS),
				 &t->sig.handled, sizeof(t->sig.handled));
	}
	t->sig.suspended = false;
	mask_store(t, t->sig.mask | a->mask |
		      ((a->flags & SA_NODEFER) ? 0 : BIT(sig)));
	if (a->flags & SA_RESETHAND) {
		a->handler = H_DFL;
		a->flags &= ~(uint32_t)SA_SIGINFO;
	}
}

/* Write t's frame for sig and point t at the handler. t is suspended and
 * not blocked in a call. False: the stack cannot take the frame. */
static bool push_frame(struct thread *t, int sig, const struct ksiginfo *si,
		       struct ksigaction *a)   /* in p's table */
{
	struct proc *p = t->proc;
	struct user_regs regs;
	static struct sigframe f;

	if (sys_task_get_regs(t->task, &regs))
		return false;
	uint64_t sp = regs.sp;
	bool was_on = on_altstack(t, sp);
	if ((a->flags & SA_ONSTACK) && t->sig.ss_size && !was_on)
		sp = t->sig.ss_sp + t->sig.ss_size;
	else
		sp -= sig_redzone;
	memset(&f, 0, sizeof(f));
	f.uc.uc_stack.ss_sp = (void *)(uintptr_t)t->sig.ss_sp;
	f.uc.uc_stack.ss_size = t->sig.ss_size;
	f.uc.uc_stack.ss_flags = !t->sig.ss_size ? SS_DISABLE
				: was_on ? SS_ONSTACK : 0;
	f.uc.uc_sigmask.__bits = mask_to_restore(t);
	memcpy(&f.uc.uc_mcontext, &regs, sizeof(regs));
	f.info.si_signo = sig;
	f.info.si_code = si->code;
	f.info.si_pid = si->pid;
	f.info.si_uid = si->uid;
	f.info.si_status = si->status;
	f.info.si_addr = (void *)(uintptr_t)si->addr;
	if (si->code == SI_QUEUE)
		f.info.si_value.sival_ptr = (void *)(uintptr_t)si->addr;
	uint64_t frame = (sp - sizeof(f)) & ~15ull;
	if (sp < sizeof(f) || user_write(p, frame, &f, sizeof(f)))
		return false;
	sigframe_enter(&regs, a->restorer, frame, sig,
		       frame + offsetof(struct sigframe, info), frame,
		       a->handler);
	if (sys_task_set_regs(t->task, &regs))
		return false;
	handler_starts(t, sig, a);
	return true;
}

/* The default action of sig on p: true if p ended. */
static bool default_action(struct proc *p, int sig)
{
	if (default_ignored(sig) || p->pid == 1)
		return false;   /* init takes only signals it handles */
	if (STOP_SIGS & BIT(sig)) {
		proc_stop(p, sig);
		return false;
	}
	proc_exit(p, signal_status(sig));
	return true;
}

/* The signal frames of every signal t can take, lowest number first,
 * each under the mask the one before set (its sa_mask respected); the
 * last written runs first (POSIX leaves the order open; Linux writes one
 * and the next at its return). t is suspended and not blocked in a
 * call. False if its process ended. */
static bool deliver_frames(struct thread *t)
{
	struct proc *p = t->proc;

	for (int n = 0; n < SIG_COUNT && p->state == PROC_RUNNING; n++) {
		uint64_t ready = deliverable(t);
		if (!ready)
			break;
		int sig = __builtin_ctzll(ready) + 1;
		struct ksiginfo si;
		take(t, sig, &si);
		const struct ksigaction *a = action(p, sig);
		if (a->handler == H_IGN)
			continue;
		if (a->handler == H_DFL) {
			if (default_action(p, sig))
				return false;
			continue;
		}
		if (!push_frame(t, sig, &si, &ps(p)->sig.tab->act[sig - 1])) {
			/* No room for the frame: SIGSEGV by force (Linux). */
			printf("procsrv: pid %d (%s) killed by signal 11: no room "
			       "for the frame of signal %d\n", p->pid, p->comm, sig);
			proc_exit(p, signal_status(SIGSEGV));
			return false;
		}
	}
	if (t->sig.suspended) {
		/* sigsuspend answered without a handler run: its mask goes. */
		mask_store(t, t->sig.saved_mask);
		t->sig.suspended = false;
	}
	return p->state != PROC_ZOMBIE && p->state != PROC_FREE;
}

/* ---- delivery at a call's return ---------------------------------------------
 * A thread whose call procsrv answers (the one it serves, or one blocked
 * in a call procsrv holds) is at a known point of libc's one call path
 * (libc/proc/call.h): nothing of its registers needs keeping. So when
 * the first signal it can take has a handler (and no alternate stack to
 * run on), the answer carries it (PROC_SIG_RUN, proto/procsrv.h) and
 * libc runs the handler as a plain call before the call returns: no
 * registers read or written, no frame, no sigreturn. The decision of the
 * action is the same as deliver_frames' (the first deliverable signal,
 * action()); anything else goes the frame way. */

/* The calls libc makes only through __pith_proc_call (which looks for
 * PROC_SIG_RUN): the others, and faults, get frames. */
static bool runs_at_return(uint64_t op)
{
	switch (op) {
	case PROC_KILL: case PROC_TKILL: case PROC_SIGMASK:
	case PROC_SIGSUSPEND: case PROC_SIGWAIT: case PROC_WAIT4:
	case PROC_WAITID: case PROC_SIGQUEUE:
		return true;
	}
	return false;
}

/* If the first signal t can take has a handler an answer can carry:
 * take it, start the handler, and fill w with PROC_SIG_RUN's words. */
static bool run_at_return(struct thread *t, uint64_t w[PROC_SIG_RUN_WORDS])
{
	struct proc *p = t->proc;
	uint64_t ready = deliverable(t);

	if (!ready || p->state != PROC_RUNNING)
		return false;
	int sig = __builtin_ctzll(ready) + 1;
	const struct ksigaction *a = action(p, sig);
	if (a->handler == H_DFL || a->handler == H_IGN ||
	    ((a->flags & SA_ONSTACK) && t->sig.ss_size))
		return false;
	struct ksiginfo si;
	take(t, sig, &si);
	w[0] = (uint32_t)sig | (uint64_t)a->flags << 32;
	w[1] = a->handler;
	w[2] = mask_to_restore(t);
	w[3] = (uint32_t)si.code | (uint64_t)(uint32_t)si.pid << 32;
	w[4] = si.uid | (uint64_t)(uint32_t)si.status << 32;
	w[5] = si.addr;
	w[6] = t->sig.ss_sp;
	w[7] = t->sig.ss_size;
	handler_starts(t, sig, &ps(p)->sig.tab->act[sig - 1]);
	return true;
}

/* Answer a held call of t with w0, running a handler at its return if
 * one can (its words after the call's none). */
static void answer_held(struct thread *t, slot_t reply, int64_t w0)
{
	uint64_t w[PROC_SIG_RUN_WORDS];

	if (run_at_return(t, w))
		reply_label(reply, PROC_SIG_RUN, w0, 0, 0, w, PROC_SIG_RUN_WORDS);
	else
		reply_to(reply, w0, 0, 0, NULL, 0);
}

/* Would the first signal t can take restart an interrupted call? */
static bool restarts(struct thread *t)
{
	uint64_t ready = deliverable(t);

	return ready && (action(t->proc, __builtin_ctzll(ready) + 1)->flags &
			 SA_RESTART);
}

/* t is blocked: answer the call it waits in if procsrv holds it. */
static bool interrupt(struct thread *t)
{
	struct pserv *s = ps(t->proc);

	if (s->wait_reply && s->wait_tid == t->tid) {
		answer_held(t, s->wait_reply,
			    restarts(t) ? -PROC_ERESTART : -EINTR);
		s->wait_reply = 0;
		return true;
	}
	if (t->sig.reply) {
		answer_held(t, t->sig.reply, -EINTR);
		t->sig.reply = 0;
		t->sig.waitset = 0;
		return true;
	}
	if (t->reply) {
		/* A futex wait: its callers look at the word again. */
		futex_forget(t);
		reply_to(t->reply, -EINTR, 0, 0, NULL, 0);
		t->reply = 0;
		return true;
	}
	return false;
}

/* t is blocked in something procsrv does not hold: a sleep on its timer
 * notification (woken: libc sees PROC_TCB_SIGNALS change and reports
 * EINTR), or a call to fs (which answers a call it holds for t with
 * -EINTR, or PROC_ERESTART: FS_PS_INTERRUPT). True if t now runs. */
static bool interrupt_elsewhere(struct thread *t)
{
	struct task_info ti;

	fs_link_interrupt(t, restarts(t));
	if (!sys_task_info(t->task, &ti) && ti.state != TASK_INFO_BLOCKED)
		return true;
	if (t->sig.timer)
		sys_signal(t->sig.timer);
	t->sig.woke = !sys_task_info(t->task, &ti) &&
		      ti.state != TASK_INFO_BLOCKED;
	return t->sig.woke;
}

/* Give t the signals it can take, now if it can be. */
static void kick(struct thread *t)
{
	struct proc *p = t->proc;
	struct task_info ti;

	if (!t->task || p->state != PROC_RUNNING || t == sig_current ||
	    !pending_of(t))
		return;
	if (!t->sig.suspended)   /* (in sigsuspend: procsrv's own mask) */
		mask_sync(t);
	if (!deliverable(t))
		return;
	sys_task_suspend(t->task);
	if (sys_task_info(t->task, &ti) ||
	    (ti.state == TASK_INFO_BLOCKED && !interrupt(t) &&
	     !interrupt_elsewhere(t))) {
		sys_task_resume(t->task);   /* later: at its next call */
		return;
	}
	if (deliver_frames(t) && t->task && p->state == PROC_RUNNING)
		sys_task_resume(t->task);
}

void sig_kick_proc(struct proc *p)
{
	for (struct thread *t = p->threads; t && p->state == PROC_RUNNING;
	     t = t->next)
		kick(t);
}

bool sig_after_call(struct req *r)
{
	struct thread *t = r->t;

	sig_current = NULL;
	if (!t || !t->task || t->proc->state != PROC_RUNNING)
		return false;
	if (MSG_LABEL(r->m.info) != PROC_SIGMASK ||
	    BADGE_KIND(r->m.badge) != BADGE_CALL)
		mask_sync(t);     /* PROC_SIGMASK just set it */
	if (!deliverable(t))
		return false;
	uint64_t w[PROC_SIG_RUN_WORDS];
	bool run = BADGE_KIND(r->m.badge) == BADGE_CALL &&
		   runs_at_return(MSG_LABEL(r->m.info)) && run_at_return(t, w);
	struct ipc_buffer *ib = (struct ipc_buffer *)ROOT_IPCBUF_VADDR;
	for (unsigned i = 0; i < r->nextra; i++)
		ib->mr[IPC_REG_WORDS + i] = r->extra[i];
	if (run) {
		/* Signals the handler's mask lets through get frames, which
		 * run first (as stacked frames do; __pith_sig_frame keeps
		 * the answer's words for the call path). */
		bool more = deliverable(t) != 0;
		_Static_assert(IPC_REG_WORDS + sizeof(r->extra) / sizeof(r->extra[0]) +
			       PROC_SIG_RUN_WORDS <= IPC_MAX_WORDS, "room for them");
		memcpy(&ib->mr[IPC_REG_WORDS + r->nextra], w, sizeof(w));
		if (more)
			sys_task_suspend(t->task);
		sys_reply(MSG_INFO(PROC_SIG_RUN, IPC_REG_WORDS + r->nextra +
				   PROC_SIG_RUN_WORDS, 0),
			  r->w[0], r->w[1], r->w[2]);
		if (more && deliver_frames(t) && t->task &&
		    t->proc->state == PROC_RUNNING)
			sys_task_resume(t->task);
		return true;
	}
	sys_task_suspend(t->task);
	sys_reply(MSG_INFO(0, IPC_REG_WORDS + r->nextra, 0), r->w[0], r->w[1],
		  r->w[2]);
	struct proc *p = t->proc;
	if (deliver_frames(t) && t->task && p->state == PROC_RUNNING)
		sys_task_resume(t->task);
	return true;
}

/* ---- sending --------------------------------------------------------------- */

/* The thread of p to take sig: t if given, else the one procsrv serves
 * (raise), else the first not blocking it; NULL if all block it. */
static bool blocks(struct thread *t, int sig)
{
	if (!t->sig.suspended)
		mask_sync(t);
	return t->sig.mask & BIT(sig);
}

static struct thread *chooser(struct proc *p, struct thread *t, int sig)
{
	if (t)
		return blocks(t, sig) ? NULL : t;
	if (sig_current && sig_current->proc == p && !blocks(sig_current, sig))
		return sig_current;
	for (struct thread *u = p->threads; u; u = u->next)
		if (u->task && u != sig_current && !blocks(u, sig))
			return u;
	return NULL;
}

/* The answer of a sigwait that takes sig. */
static void sigwait_words(int sig, const struct ksiginfo *si, uint64_t w[4])
{
	w[0] = (uint64_t)sig;
	w[1] = (uint32_t)si->code | (uint64_t)(uint32_t)si->pid << 32;
	w[2] = si->uid | (uint64_t)(uint32_t)si->status << 32;
	w[3] = si->addr;
}

/* A thread of p (t if given) waiting in sigwait for sig takes it. */
static bool sigwait_takes(struct proc *p, struct thread *t, int sig,
			  const struct ksiginfo *si)
{
	for (struct thread *u = t ? t : p->threads; u; u = t ? NULL : u->next)
		if (u->sig.reply && (u->sig.waitset & BIT(sig))) {
			uint64_t w[4];
			sigwait_words(sig, si, w);
			reply_to(u->sig.reply, (int64_t)w[0], w[1], w[2], &w[3], 1);
			u->sig.reply = 0;
			u->sig.waitset = 0;
			return true;
		}
	return false;
}

bool sig_send(struct proc *p, struct thread *t, int sig,
	      const struct ksiginfo *si)
{
	if (sig < 1 || sig > SIG_COUNT || !ps(p) || p->state == PROC_ZOMBIE ||
	    p->state == PROC_FREE)
		return false;
	if (sig == SIGKILL) {
		if (p->pid == 1)
			return false;
		proc_exit(p, signal_status(SIGKILL));
		return true;
	}
	if (sig == SIGSTOP) {
		if (p->pid != 1) {
			discard(p, BIT(SIGCONT));
			proc_stop(p, sig);
		}
		return false;
	}
	if (sig == SIGCONT) {
		discard(p, STOP_SIGS);
		proc_continue(p);       /* whatever its action */
	} else if (STOP_SIGS & BIT(sig)) {
		discard(p, BIT(SIGCONT));
	}
	if (sigwait_takes(p, t, sig, si))
		return false;
	struct thread *to = chooser(p, t, sig);
	if (ignored(p, sig) && to)
		return false;   /* blocked everywhere: pending still (Linux) */
	const struct ksigaction *a = action(p, sig);
	if (to && a->handler == H_DFL)
		return default_action(p, sig);
	if (p->pid == 1 && a->handler == H_DFL)
		return false;
	/* Pending (a standard signal is pending once: the first info; a
	 * process without a table has no handler to read it). */
	uint64_t *set = t ? &t->sig.pending : &ps(p)->sig.pending;
	if (!(*set & BIT(sig))) {
		*set |= BIT(sig);
		if (!t && !ps(p)->sig.tab)   /* for its info (sigwaitinfo) */
			ps(p)->sig.tab = table_alloc();
		if (t)
			t->sig.info = *si;
		else if (ps(p)->sig.tab)
			ps(p)->sig.tab->info[sig - 1] = *si;
		/* The note libc's sigprocmask looks at, for each thread that
		 * blocks it (the one to take it now gets its note with the
		 * frame's mask, or does not block it). */
		for (struct thread *u = t ? t : p->threads; u;
		     u = t ? NULL : u->next)
			if (u != to)
				pend_note(u);
	} else if (!t && realtime(sig) && ps(p)->sig.tab) {
		(void)sigq_add(p, sig, si);   /* full: merged, as kill's are */
	}
	if (to && p->state == PROC_RUNNING)
		kick(to);
	return p->state == PROC_ZOMBIE || p->state == PROC_FREE;
}

bool proc_signal(struct proc *p, int sig)
{
	struct ksiginfo si = { .code = SI_KERNEL };

	sig_send(p, NULL, sig, &si);
	return p->state == PROC_ZOMBIE || p->state == PROC_FREE;
}

void sig_child(struct proc *c, int code, int status)
{
	struct proc *parent = c->parent;

	if (!parent || !c->exit_signal || !ps(parent))
		return;
	int sig = (int)c->exit_signal;
	if ((code == CLD_STOPPED || code == CLD_CONTINUED) &&
	    (sig != SIGCHLD || (action(parent, SIGCHLD)->flags & SA_NOCLDSTOP)))
		return;
	struct ksiginfo si = { .code = code, .pid = c->pid, .uid = c->cred.ruid,
			       .status = status };
	sig_send(parent, NULL, sig, &si);
}

bool sig_fault(struct req *r, int sig, uint64_t kind, uint64_t addr,
	       uint64_t pc)
{
	struct thread *t = r->t;
	struct proc *p = r->p;
	const struct ksigaction *a = action(p, sig);
	struct ksiginfo si = { .addr = pc };

	mask_sync(t);
	if ((t->sig.mask & BIT(sig)) || a->handler == H_DFL ||
	    a->handler == H_IGN)
		return false;   /* Linux's force: the default, a core */
	switch (kind) {
	case FAULT_PAGE:
		si.code = area_find(&p->mm, addr) ? SEGV_ACCERR : SEGV_MAPERR;
		si.addr = addr;
		break;
	case FAULT_ILLEGAL: si.code = ILL_ILLOPC; break;
	case FAULT_BREAKPOINT: si.code = TRAP_BRKPT; break;
	case FAULT_MISALIGNED: si.code = BUS_ADRALN; si.addr = addr; break;
	case FAULT_DIVIDE: si.code = FPE_INTDIV; break;
	default: si.code = SI_KERNEL; si.addr = 0; break;
	}
	if (sig == SIGBUS && kind == FAULT_PAGE)
		si.code = BUS_ADRERR;
	t->sig.pending |= BIT(sig);
	t->sig.info = si;
	return true;
}

/* ---- fork, threads, exec --------------------------------------------------- */

void sig_fork(struct proc *child, struct thread *caller)
{
	struct thread *m = child->threads;
	mask_sync(caller);
	if (m) {
		memset(&m->sig, 0, sizeof(m->sig));
		m->sig.mask = caller->sig.mask;
		m->sig.ss_sp = caller->sig.ss_sp;     /* the same memory */
		m->sig.ss_size = caller->sig.ss_size;
	}
}

void sig_thread_start(struct thread *t, struct thread *creator)
{
	/* t->sig is zero (thread_alloc) but for its timer. */
	mask_sync(creator);
	mask_store(t, creator->sig.mask);
}

void sig_started(struct proc *p)
{
	mask_store(p->threads, p->threads->sig.mask);
}

void sig_exec_prepare(struct thread *t)
{
	struct thread *m = thread_main(t->proc);

	mask_sync(t);
	if (m)
		m->sig.mask = t->sig.mask;   /* the caller's mask goes on */
}

void sig_exec(struct proc *p)
{
	struct sig_table *tab = ps(p)->sig.tab;
	bool any = false;

	for (int i = 0; tab && i < SIG_COUNT; i++) {
		struct ksigaction *a = &tab->act[i];
		if (a->handler != H_IGN) {
			*a = (struct ksigaction){ 0 };
		} else {
			a->flags = 0, a->mask = 0, a->restorer = 0;
			any = true;
		}
	}
	if (tab && !any)
		sig_proc_free(p);   /* all default again */
	struct thread *m = thread_main(p);
	if (m)
		mask_store(m, m->sig.mask);   /* in the new IPC buffer */
	for (struct thread *t = p->threads; t; t = t->next)
		t->sig.ss_sp = t->sig.ss_size = 0;
}

/* ---- the calls ------------------------------------------------------------- */

static bool user_addr(uint64_t a)
{
	return a < sig_user_top;
}

static void do_sigaction(struct req *r)
{
	const struct ipc_buffer *ib = (const struct ipc_buffer *)ROOT_IPCBUF_VADDR;
	int64_t sig = (int64_t)r->m.w[0];
	bool len5 = MSG_LEN(r->m.info) >= 5;
	uint64_t h = r->m.w[1], mask = r->m.w[2];
	uint64_t flags = len5 ? ib->mr[3] : 0, rest = len5 ? ib->mr[4] : 0;
	bool set = flags & PROC_SA_SET;

	if (sig < 1 || sig > SIG_COUNT ||
	    (set && (sig == SIGKILL || sig == SIGSTOP)) ||
	    (set && h > H_IGN &&
	     (!user_addr(h) || !(flags & SA_RESTORER) || !rest ||
	      !user_addr(rest)))) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	const struct ksigaction *old = action(r->p, (int)sig);
	r->w[1] = old->handler;
	r->w[2] = old->mask;
	r->extra[0] = old->flags;
	r->extra[1] = old->restorer;
	r->nextra = (flags & PROC_SA_NOOLD) ? 0 : 2;
	if (set && !ps(r->p)->sig.tab && (h != H_DFL || (uint32_t)flags) &&
	    !(ps(r->p)->sig.tab = table_alloc())) {
		r->w[0] = (uint64_t)-ENOMEM;   /* no memory for the table */
		return;
	}
	if (set && ps(r->p)->sig.tab) {
		struct ksigaction *a = &ps(r->p)->sig.tab->act[sig - 1];
		a->handler = h;
		a->mask = mask & ~UNBLOCKABLE;
		a->flags = (uint32_t)flags;
		a->restorer = rest;
		if (ignored(r->p, (int)sig))
			discard(r->p, BIT(sig));   /* POSIX: pending ones go */
		/* All default again: the table goes back, and with it the
		 * other flags of SIG_DFL actions. */
		if (h == H_DFL && !table_needed(ps(r->p)->sig.tab) &&
		    !ps(r->p)->sig.pending)
			sig_proc_free(r->p);
	}
}

static void do_sigmask(struct req *r)
{
	struct thread *t = r->t;
	uint64_t set = r->m.w[1], m;

	mask_sync(t);
	m = t->sig.mask;
	if (r->m.w[2]) {
		switch (r->m.w[0]) {
		case SIG_BLOCK: m |= set; break;
		case SIG_UNBLOCK: m &= ~set; break;
		case SIG_SETMASK: m = set; break;
		default:
			r->w[0] = (uint64_t)-EINVAL;
			return;
		}
	}
	r->w[1] = t->sig.mask;
	mask_store(t, m);
	/* A signal it now unblocks is delivered at the answer
	 * (sig_after_call). */
}

static void do_sigsuspend(struct req *r)
{
	struct thread *t = r->t;

	mask_sync(t);
	t->sig.saved_mask = t->sig.mask;
	if (!r->m.w[1])
		mask_store(t, r->m.w[0]);
	t->sig.suspended = true;
	r->w[0] = (uint64_t)-EINTR;
	if (deliverable(t))
		return;         /* at once: sig_after_call runs the handler */
	t->sig.reply = reply_save();
	if (t->sig.reply) {
		r->reply = false;
	} else {
		t->sig.suspended = false;
		mask_store(t, t->sig.saved_mask);
		r->w[0] = (uint64_t)-ENOMEM;
	}
}

static void do_sigaltstack(struct req *r)
{
	struct thread *t = r->t;
	uint64_t uss = r->m.w[0], uold = r->m.w[1];
	struct user_regs regs;
	stack_t ss, old;

	bool on = !sys_task_get_regs(t->task, &regs) && on_altstack(t, regs.sp);
	if (uss && user_read(r->p, uss, &ss, sizeof(ss))) {
		r->w[0] = (uint64_t)-EFAULT;
		return;
	}
	if (uold) {
		memset(&old, 0, sizeof(old));
		old.ss_sp = (void *)(uintptr_t)t->sig.ss_sp;
		old.ss_size = t->sig.ss_size;
		old.ss_flags = on ? SS_ONSTACK : !t->sig.ss_size ? SS_DISABLE : 0;
		if (user_write(r->p, uold, &old, sizeof(old))) {
			r->w[0] = (uint64_t)-EFAULT;
			return;
		}
	}
	if (!uss)
		return;
	if (on) {
		r->w[0] = (uint64_t)-EPERM;
		return;
	}
	if (ss.ss_flags & ~(SS_DISABLE | SS_ONSTACK)) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	uint64_t sp = (uint64_t)(uintptr_t)ss.ss_sp;
	if (ss.ss_flags & SS_DISABLE) {
		t->sig.ss_sp = t->sig.ss_size = 0;
		return;
	}
	if (ss.ss_size < MINSIGSTKSZ) {
		r->w[0] = (uint64_t)-ENOMEM;
		return;
	}
	if (!user_addr(sp) || ss.ss_size > sig_user_top - sp) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	t->sig.ss_sp = sp;
	t->sig.ss_size = ss.ss_size;
}

static void do_sigreturn(struct req *r)
{
	struct thread *t = r->t;
	struct proc *p = r->p;
	static ucontext_t uc;
	struct user_regs regs;

	r->reply = false;
	if (user_read(p, r->m.w[0], &uc, sizeof(uc)))
		goto bad;
	memcpy(&regs, &uc.uc_mcontext, sizeof(regs));
	sys_task_suspend(t->task);
	sys_reply(MSG_INFO(0, IPC_REG_WORDS, 0), 0, 0, 0);   /* unblock it */
	if (sys_task_set_regs(t->task, &regs))
		goto bad;
	mask_store(t, uc.uc_sigmask.__bits);
	sig_current = NULL;
	if (deliver_frames(t) && t->task && p->state == PROC_RUNNING)
		sys_task_resume(t->task);
	return;
bad:
	printf("procsrv: pid %d (%s) killed by signal 11: bad signal frame "
	       "at %#llx\n", p->pid, p->comm, (unsigned long long)r->m.w[0]);
	proc_exit(p, signal_status(SIGSEGV));
}

static void do_sigwait(struct req *r)
{
	struct thread *t = r->t;
	uint64_t set = r->m.w[0] & ~UNBLOCKABLE, ready = pending_of(t) & set;

	if (!set) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	if (ready) {
		int sig = __builtin_ctzll(ready) + 1;
		struct ksiginfo si;
		uint64_t w[4];
		take(t, sig, &si);
		sigwait_words(sig, &si, w);
		r->w[0] = w[0], r->w[1] = w[1], r->w[2] = w[2];
		r->extra[0] = w[3];
		r->nextra = 1;
		return;
	}
	if (r->m.w[1]) {
		r->w[0] = (uint64_t)-EAGAIN;
		return;
	}
	t->sig.reply = reply_save();
	if (!t->sig.reply) {
		r->w[0] = (uint64_t)-ENOMEM;
		return;
	}
	t->sig.waitset = set;
	r->reply = false;
}

/* clock_settime lives here for want of a better place in procsrv: the
 * signals issue brought it. */
static void do_clock_set(struct req *r)
{
	if (r->p->cred.euid != 0) {
		r->w[0] = (uint64_t)-EPERM;
		return;
	}
	/* The offset from procsrv's monotonic clock, the processes' too. */
	long e = sys_clock_set((int64_t)(r->m.w[0] - pith_clock_ns()));
	r->w[0] = (uint64_t)(e ? e : 0);
}

static void do_tkill(struct req *r)
{
	int64_t sig = (int64_t)r->m.w[1];
	struct thread *t = r->m.w[0] < PID_MAX ? thread_find((uint32_t)r->m.w[0])
					       : NULL;

	if (sig < 0 || sig > SIG_COUNT) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	if (!t || t->proc != r->p || !t->task) {
		r->w[0] = (uint64_t)-ESRCH;
		return;
	}
	struct ksiginfo si = { .code = SI_TKILL, .pid = r->p->pid,
			       .uid = r->p->cred.ruid };
	if (sig && sig_send(r->p, t, (int)sig, &si))
		r->reply = false;   /* its process ended: the caller too */
}

/* PROC_SIGQUEUE: kill of one process with a value (SI_QUEUE). */
static void do_sigqueue(struct req *r)
{
	int32_t pid = (int32_t)r->m.w[0];
	int64_t sig = (int64_t)r->m.w[1];
	struct proc *p = pid > 0 && r->m.w[0] <= INT32_MAX ? proc_find(pid) : NULL;

	if (sig < 0 || sig > SIG_COUNT) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	if (!p || p->state == PROC_ZOMBIE) {
		r->w[0] = (uint64_t)-ESRCH;
		return;
	}
	if (!cred_may_signal(&r->p->cred, &p->cred)) {
		r->w[0] = (uint64_t)-EPERM;
		return;
	}
	if (sig && realtime((int)sig) && (ps(p)->sig.pending & BIT(sig)) &&
	    !sigq_room(p)) {
		r->w[0] = (uint64_t)-EAGAIN;
		return;
	}
	struct ksiginfo si = { .code = SI_QUEUE, .pid = r->p->pid,
			       .uid = r->p->cred.ruid, .addr = r->m.w[2] };
	if (sig && sig_send(p, NULL, (int)sig, &si) && p == r->p)
		r->reply = false;   /* it ended itself: nobody to answer */
}

void do_signal(struct req *r)
{
	switch (MSG_LABEL(r->m.info)) {
	case PROC_SIGACTION: do_sigaction(r); break;
	case PROC_SIGMASK: do_sigmask(r); break;
	case PROC_SIGPENDING:
		mask_sync(r->t);
		r->w[1] = pending_of(r->t) & r->t->sig.mask;
		break;
	case PROC_SIGSUSPEND: do_sigsuspend(r); break;
	case PROC_SIGALTSTACK: do_sigaltstack(r); break;
	case PROC_SIGRETURN: do_sigreturn(r); break;
	case PROC_TKILL: do_tkill(r); break;
	case PROC_SIGWAIT: do_sigwait(r); break;
	case PROC_SIGQUEUE: do_sigqueue(r); break;
	case PROC_CLOCK_SET: do_clock_set(r); break;
	}
}
