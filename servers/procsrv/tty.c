/*
 * procsrv and the console server (docs/proto-console.md): console's start
 * at boot, the capabilities fs needs to reach it, and what procsrv keeps
 * of the terminal: its session and foreground process group
 * (PROC_TCGETPGRP, PROC_TCSETPGRP), to which the signals typed there
 * (^C, ^\, ^Z) go.
 *
 * console is a plain task like fs, started before fs from the boot
 * image's /sbin/console with the UART's interrupt (moved to it: procsrv
 * no longer has it), the debug console (the UART's registers), a
 * notification bound to it, fs's notification (made here, bound to fs
 * by fs_start) and three capabilities to procsrv's own bound
 * notification, badged TTY_NOTE_INT/QUIT/TSTP. console signals those
 * and never calls procsrv: procsrv calls fs, fs calls console, so a call
 * back would close a cycle that could deadlock. Without /sbin/console in
 * the image, fs writes the console itself through the debug console, as
 * before there was a console server.
 *
 * The terminal belongs to one session: at boot init's (1), its
 * foreground group init's. A session leader of another session takes it
 * with tcsetpgrp when no process of the old session is left (as a
 * session leader opening a free terminal would on Linux).
 */
#include <pith/spawn.h>
#include <proto/console.h>
#include <proto/fs.h>

#include "policy.h"
#include "procsrv.h"

#define CON_POOL_QUOTA (1u << 20)

static slot_t con_ep;      /* console's endpoint: fs's capability from it */
static slot_t fs_note;     /* fs's notification: console signals it */
static int32_t tty_sid = 1, tty_fg = 1;

bool tty_running(void)
{
	return con_ep != 0;
}

int tty_start(void)
{
	struct spawn s;
	slot_t note;
	int err = server_spawn("/sbin/console", CON_POOL_QUOTA, &s);

	if (err)
		return err;
	err = -ENOMEM;
	con_ep = slot_get();
	fs_note = slot_get();
	note = slot_get();
	if (!con_ep || !fs_note || !note ||
	    sys_obj_create(s.pool, CAP_ENDPOINT, con_ep, 0) ||
	    sys_cap_mint(con_ep, s.cspace, CON_SLOT_EP, RIGHT_READ | RIGHT_WRITE, 0) ||
	    sys_cap_mint(ROOT_SLOT_CONSOLE, s.cspace, CON_SLOT_UART,
			 RIGHT_READ | RIGHT_WRITE, 0) ||
	    sys_obj_create(s.pool, CAP_NOTIFICATION, note, 0) ||
	    sys_cap_mint(note, s.cspace, CON_SLOT_NOTE, RIGHT_READ | RIGHT_WRITE, 0) ||
	    sys_task_bind(s.task, note) ||
	    sys_obj_create(ROOT_SLOT_POOL, CAP_NOTIFICATION, fs_note, 0) ||
	    sys_cap_mint(fs_note, s.cspace, CON_SLOT_FS_NOTE, RIGHT_WRITE, 1) ||
	    sys_cap_mint(srv_note, s.cspace, CON_SLOT_SIGINT, RIGHT_WRITE, TTY_NOTE_INT) ||
	    sys_cap_mint(srv_note, s.cspace, CON_SLOT_SIGQUIT, RIGHT_WRITE, TTY_NOTE_QUIT) ||
	    sys_cap_mint(srv_note, s.cspace, CON_SLOT_SIGTSTP, RIGHT_WRITE, TTY_NOTE_TSTP) ||
	    /* The UART's interrupt is console's alone from now on. */
	    sys_cap_move(ROOT_SLOT_IRQ_UART, s.cspace, CON_SLOT_IRQ) ||
	    sys_sched_set(s.task, LEVEL_SERVER, 0) ||
	    sys_task_start(s.task, s.entry, s.sp, 0)) {
		slot_put(note);
		slot_put(fs_note);
		slot_put(con_ep);
		con_ep = fs_note = 0;
		return err;
	}
	/* The task holds its spaces and the notification (its capability
	 * in console's space); procsrv keeps the task and the pool, and
	 * pith_spawn's other slots too: freeing them would leave holes
	 * below the five slots in a row fs_start's pith_spawn needs. */
	slot_put(note);
	plist_server("console", s.task);   /* ps lists it */
	return 0;
}

int tty_fs_caps(slot_t fs_cspace, slot_t fs_task)
{
	if (!con_ep) {
		if (sys_cap_mint(ROOT_SLOT_CONSOLE, fs_cspace, FS_SLOT_CONSOLE,
				 RIGHT_READ | RIGHT_WRITE, 0))
			return -ENOMEM;
		/* No console to signal it: fs's notification is its timer's
		 * alone (FS_POLL's timeouts). */
		if (!fs_note && (!(fs_note = slot_get()) ||
				 sys_obj_create(ROOT_SLOT_POOL, CAP_NOTIFICATION,
						fs_note, 0))) {
			slot_put(fs_note);
			fs_note = 0;
			return -ENOMEM;
		}
	} else if (sys_cap_mint(con_ep, fs_cspace, FS_SLOT_TTY, RIGHT_WRITE,
				CON_BADGE_FS)) {
		return -ENOMEM;
	}
	if (sys_cap_mint(fs_note, fs_cspace, FS_SLOT_TTY_NOTE,
			 RIGHT_READ | RIGHT_WRITE, 0) ||
	    sys_task_bind(fs_task, fs_note))
		return -ENOMEM;
	return 0;
}

int tty_console_mint(slot_t cspace)
{
	/* Only while nobody drives the UART: then processes may print on
	 * the debug console themselves (libc without fs). */
	if (con_ep)
		return 0;
	return sys_cap_mint(ROOT_SLOT_CONSOLE, cspace, PROC_SLOT_CONSOLE,
			    RIGHT_READ | RIGHT_WRITE, 0) ? -ENOMEM : 0;
}

/* Is any process (zombies aside) left in session sid? */
static bool session_alive(int32_t sid)
{
	for (struct proc *p = proc_first(); p; p = proc_next(p))
		if (p->sid == sid && p->state != PROC_ZOMBIE)
			return true;
	return false;
}

static struct proc *fg[PROC_MAX];

void tty_signals(uint64_t bits)
{
	static const struct { uint64_t bit; int sig; } map[] = {
		{ TTY_NOTE_INT, SIGINT }, { TTY_NOTE_QUIT, SIGQUIT },
		{ TTY_NOTE_TSTP, SIGTSTP },
	};

	for (unsigned m = 0; m < sizeof(map) / sizeof(map[0]); m++) {
		if (!(bits & map[m].bit))
			continue;
		/* Choose first: delivering may free records. */
		unsigned n = 0;
		for (struct proc *p = proc_first(); p; p = proc_next(p))
			if (p->pgid == tty_fg && p->sid == tty_sid &&
			    p->state != PROC_ZOMBIE)
				fg[n++] = p;
		for (unsigned i = 0; i < n; i++)
			proc_signal(fg[i], map[m].sig);
	}
}

/* PROC_TCGETPGRP () -> the foreground group; PROC_TCSETPGRP (pgrp). */
void do_tty(struct req *r)
{
	struct proc *me = r->p;

	if (MSG_LABEL(r->m.info) == PROC_TCGETPGRP) {
		if (me->sid != tty_sid) {
			r->w[0] = (uint64_t)-ENOTTY;   /* not its terminal */
			return;
		}
		r->w[0] = (uint64_t)(int64_t)tty_fg;
		r->w[1] = (uint64_t)(int64_t)tty_sid;
		return;
	}
	if (MSG_LABEL(r->m.info) == PROC_TCSETCTTY) {
		/* TIOCSCTTY, Linux's rule: a session leader; from a live
		 * session only by root asking to steal it. */
		if (me->pid != me->sid) {
			r->w[0] = (uint64_t)-EPERM;
			return;
		}
		if (me->sid != tty_sid && session_alive(tty_sid) &&
		    !(r->m.w[0] == 1 && me->cred.euid == 0)) {
			r->w[0] = (uint64_t)-EPERM;
			return;
		}
		if (me->sid != tty_sid) {
			tty_sid = me->sid;
			tty_fg = me->pgid;
			fs_link_tty(tty_fg, tty_sid);
		}
		r->w[0] = 0;
		return;
	}
	int64_t pgrp = (int64_t)r->m.w[0];
	if (pgrp <= 0 || pgrp > INT32_MAX) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	if (me->sid != tty_sid) {
		/* A session leader takes a terminal whose session is gone. */
		if (me->pid != me->sid || session_alive(tty_sid)) {
			r->w[0] = (uint64_t)-ENOTTY;
			return;
		}
		tty_sid = me->sid;
		tty_fg = me->pgid;
		fs_link_tty(tty_fg, tty_sid);
	}
	/* The group must exist in the caller's session. */
	bool found = false;
	for (struct proc *p = proc_first(); p; p = proc_next(p))
		if (p->pgid == (int32_t)pgrp && p->sid == me->sid &&
		    p->state != PROC_ZOMBIE)
			found = true;
	if (!found) {
		r->w[0] = (uint64_t)-EPERM;
		return;
	}
	tty_fg = (int32_t)pgrp;
	fs_link_tty(tty_fg, tty_sid);
	r->w[0] = 0;
}
