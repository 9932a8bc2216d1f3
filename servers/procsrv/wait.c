/*
 * wait4 and waitid (PROC_WAIT4, PROC_WAITID; docs/processes.md): one
 * search of a process's children by a selector (wait4's pid becomes
 * waitid's idtype and id), one answer in either form, and one held wait
 * per process, which a child's change (wake_waiter, from life.c's exit,
 * stop and continue) or a signal (signal.c) ends.
 */
#include <string.h>

#include "procsrv.h"

/* wait4's and waitid's options (Linux's values): waitid's names, which
 * every wait is turned into (wait4's WUNTRACED is WSTOPPED; its exits
 * are always wanted: WEXITED). */
#define WNOHANG_L    0x00000001u
#define WSTOPPED_L   0x00000002u
#define WEXITED_L    0x00000004u
#define WCONTINUED_L 0x00000008u
#define WNOWAIT_L    0x01000000u
#define WALL_L       0x40000000u   /* __WALL, __WCLONE: accepted, ignored */
#define WCLONE_L     0x80000000u
#define WAIT4_KNOWN  (WNOHANG_L | WSTOPPED_L | WCONTINUED_L | WALL_L | WCLONE_L)
#define WAITID_KNOWN (WAIT4_KNOWN | WEXITED_L | WNOWAIT_L)

void status_code(int32_t w, int *code, int *status)
{
	if (w == PROC_W_CONTINUED) {
		*code = CLD_CONTINUED;
		*status = SIGCONT;
	} else if ((w & 0xff) == 0x7f) {
		*code = CLD_STOPPED;
		*status = (w >> 8) & 0xff;
	} else if (!(w & 0x7f)) {
		*code = CLD_EXITED;
		*status = (w >> 8) & 0xff;
	} else {
		*code = (w & PROC_W_COREDUMP) ? CLD_DUMPED : CLD_KILLED;
		*status = w & 0x7f;
	}
}

/* A child of p chosen by sel whose change a wait with these options
 * reports: its end (WEXITED), a stop not yet reported (WSTOPPED), a
 * continue not yet reported (WCONTINUED). A zombie reports only its end.
 * *any: some child is chosen. */
static struct proc *wait_find(struct proc *p, struct proc_wait_sel sel,
			      uint32_t options, bool *any)
{
	*any = false;
	for (struct proc *c = p->children; c; c = c->sibling) {
		if (!proc_wait_selects(p, c, sel))
			continue;
		*any = true;
		if (c->state == PROC_ZOMBIE) {
			if (options & WEXITED_L)
				return c;
			continue;
		}
		if ((options & WSTOPPED_L) && ps(c)->report == REPORT_STOPPED)
			return c;
		if ((options & WCONTINUED_L) && ps(c)->report == REPORT_CONTINUED)
			return c;
	}
	return NULL;
}

/* Tell p about c, in wait4's form (w0 = pid, w1 = the status) or
 * waitid's (w0 = pid, w1 = si_code | si_status << 32, w2 = si_uid),
 * words 3..4 its user and system time (µs; 0 but for an end). Then, but
 * with WNOWAIT, a zombie is reaped, a stop or continue is reported (once). */
static void wait_answer(struct proc *p, struct proc *c, uint32_t options,
			bool siginfo, struct req *r, slot_t reply)
{
	bool zombie = c->state == PROC_ZOMBIE;
	int32_t status = zombie ? c->wstatus
		: ps(c)->report == REPORT_STOPPED
		? PROC_W_STOPPED((int32_t)ps(c)->stop_sig) : PROC_W_CONTINUED;
	uint64_t extra[2] = { 0, 0 }, w1 = (uint32_t)status, w2 = 0;
	int32_t pid = c->pid;

	if (zombie) {
		extra[0] = ticks_to_us(c->utime);
		extra[1] = ticks_to_us(c->stime);
	}
	if (siginfo) {
		int code, st;
		status_code(status, &code, &st);
		w1 = (uint32_t)code | (uint64_t)(uint32_t)st << 32;
		w2 = c->cred.ruid;
	}
	if (!(options & WNOWAIT_L)) {
		if (zombie) {   /* the zombie goes */
			p->cutime += c->utime + c->cutime;
			p->cstime += c->stime + c->cstime;
			proc_unlink(c);
			proc_release(c);
		} else {
			ps(c)->report = REPORT_NONE;
		}
	}
	if (r) {
		r->w[0] = (uint64_t)pid;
		r->w[1] = w1;
		r->w[2] = w2;
		memcpy(r->extra, extra, sizeof(extra));
		r->nextra = 2;
	} else {
		reply_to(reply, pid, w1, w2, extra, 2);
	}
}

/* p waits (or not) for a child: answer its saved wait if it can be. */
void wake_waiter(struct proc *p)
{
	struct pserv *s = ps(p);
	bool any;

	if (!s || !s->wait_reply)
		return;
	struct proc *c = wait_find(p, s->wait_sel, s->wait_options, &any);
	if (c) {
		slot_t reply = s->wait_reply;
		s->wait_reply = 0;
		wait_answer(p, c, s->wait_options, s->wait_siginfo, NULL, reply);
	} else if (!any) {
		reply_to(s->wait_reply, -ECHILD, 0, 0, NULL, 0);
		s->wait_reply = 0;
	}
}

/* wait4 and waitid, their arguments checked: answer now, or hold the
 * answer until a child's change (wake_waiter), or a signal (signal.c's
 * interrupt). */
static void wait_for(struct req *r, struct proc_wait_sel sel,
		     uint32_t options, bool siginfo)
{
	struct proc *p = r->p;
	bool any;
	struct proc *c = wait_find(p, sel, options, &any);

	if (c) {
		wait_answer(p, c, options, siginfo, r, 0);
	} else if (!any) {
		r->w[0] = (uint64_t)-ECHILD;
	} else if (options & WNOHANG_L) {
		r->w[0] = 0;
	} else if (ps(p)->wait_reply) {
		r->w[0] = (uint64_t)-EBUSY;     /* one waiting thread at a time */
	} else {
		ps(p)->wait_sel = sel;
		ps(p)->wait_tid = r->t->tid;
		ps(p)->wait_options = options;
		ps(p)->wait_siginfo = siginfo;
		ps(p)->wait_reply = reply_save();
		r->reply = !ps(p)->wait_reply;
		if (r->reply)
			r->w[0] = (uint64_t)-ENOMEM;
	}
}

void do_wait4(struct req *r)
{
	int32_t pid = (int32_t)r->m.w[0];
	uint32_t options = (uint32_t)r->m.w[1];

	if (options & ~WAIT4_KNOWN) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	wait_for(r, proc_wait_select(r->p, pid), options | WEXITED_L, false);
}

void do_waitid(struct req *r)
{
	uint64_t idtype = r->m.w[0], id = r->m.w[1], options = r->m.w[2];
	struct proc_wait_sel sel = { .idtype = (uint32_t)idtype, .id = (int64_t)id };

	if ((options & ~(uint64_t)WAITID_KNOWN) ||
	    !(options & (WEXITED_L | WSTOPPED_L | WCONTINUED_L))) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	switch (idtype) {
	case PROC_P_ALL:
		sel.id = 0;
		break;
	case PROC_P_PID:
		if (id == 0 || id > INT32_MAX)
			sel.idtype = ~0u;
		break;
	case PROC_P_PGID:
		if (id == 0)
			sel.id = r->p->pgid;   /* the caller's group */
		else if (id > INT32_MAX)
			sel.idtype = ~0u;
		break;
	default:
		sel.idtype = ~0u;
	}
	if (sel.idtype == ~0u) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	wait_for(r, sel, (uint32_t)options, true);
}
