/*
 * procsrv and the file server (docs/processes.md, "procsrv and fs"). fs
 * is started here at boot, before init: a plain task from the boot
 * image's /sbin/fs with a pool, address space and capability space of its
 * own, its endpoint, the console server's endpoint and a notification
 * bound to it (tty.c; without a console server, the debug console), and
 * the boot image mapped read-only. Every process gets a capability to fs in PROC_SLOT_FS,
 * badged with its pid (all its threads alike: one descriptor table), and
 * fs hears from procsrv, on a badge only procsrv holds, of each fork
 * (with the child's address space), exec (the new one), exit and
 * credential change, as Minix's PM tells VFS.
 *
 * Ordering: fs answers these calls at once and never calls procsrv, so
 * procsrv's call waits at most for the one message fs is serving and
 * cannot deadlock. A child is told of before it first runs, a new image
 * before it starts, an exit after the process's threads are dead (none of
 * its calls can reach fs afterwards) and before its pid can be given
 * again.
 */
#include <pith/spawn.h>
#include <proto/fs.h>

#include "policy.h"
#include "procsrv.h"

#define FS_POOL_QUOTA (8u << 20)   /* fs is about 2.4 MiB with /tmp's blocks */

static slot_t fs_ep;      /* fs's endpoint (all rights): clients' caps from it */
static slot_t fs_call;    /* procsrv's own: FS_BADGE_PROCSRV, WRITE | GRANT */

int fs_start(void)
{
	struct spawn s;
	slot_t cs = 0;
	int err = server_spawn("/sbin/fs", FS_POOL_QUOTA, &s);

	if (err)
		return err;
	err = -ENOMEM;
	fs_ep = slot_get();
	fs_call = slot_get();
	cs = slot_get();
	if (!fs_ep || !fs_call || !cs ||
	    /* A larger capability space than pith_spawn's: a slot for each
	     * process's address space. */
	    sys_obj_create(s.pool, CAP_CSPACE, cs, FS_CSPACE_SLOTS) ||
	    sys_task_configure(s.task, 0, cs, 0, 0) ||
	    sys_obj_create(s.pool, CAP_ENDPOINT, fs_ep, 0) ||
	    sys_cap_mint(fs_ep, cs, FS_SLOT_EP, RIGHT_READ | RIGHT_WRITE, 0) ||
	    /* The console server's endpoint and fs's notification (or,
	     * with no console server, the debug console). */
	    tty_fs_caps(cs, s.task) ||
	    /* fs saves the replies of calls that wait (pipes) in its pool.
	     * fs never ends, so the pool's capability inside its own
	     * capability space keeping it alive is no leak. */
	    sys_cap_mint(s.pool, cs, FS_SLOT_POOL, RIGHT_CONTROL, 0) ||
	    /* Its own space: fs maps its large tables' pages as it first
	     * uses them (<pith/lazy.h>). */
	    sys_cap_mint(s.aspace, cs, FS_SLOT_ASPACE, RIGHT_CONTROL, 0) ||
	    sys_map_pages(s.aspace, ROOT_SLOT_IMAGE, FS_IMAGE_VADDR, RIGHT_READ, 0, 0) ||
	    sys_cap_mint(fs_ep, 0, fs_call, RIGHT_WRITE | RIGHT_GRANT, FS_BADGE_PROCSRV) ||
	    /* A server runs above every process, as procsrv does: a
	     * real-time process calling it cannot be held up by another. */
	    sys_sched_set(s.task, LEVEL_SERVER, 0) ||
	    sys_task_start(s.task, s.entry, s.sp, bi->image_size)) {
		slot_put(fs_call);
		slot_put(fs_ep);
		fs_call = fs_ep = 0;
		slot_put(cs);
		return err;
	}
	/* The task holds its spaces; procsrv keeps the task and the pool
	 * (the pool dies with its last capability). */
	slot_put(cs);
	slot_put(s.cspace);
	slot_put(s.aspace);
	slot_put(s.ipcbuf);
	plist_server("fs", s.task);     /* ps lists it */
	return 0;
}

int fs_mint(slot_t cspace, int32_t pid)
{
	if (!fs_ep)
		return 0;         /* no fs in this image: processes do without */
	return sys_cap_mint(fs_ep, cspace, PROC_SLOT_FS, RIGHT_WRITE, (uint64_t)pid)
		? -ENOMEM : 0;
}

/* A call on procsrv's badge, with a capability (its slot) or none. */
static long ps_call(uint64_t op, unsigned len, slot_t cap, uint64_t a,
		    uint64_t b, uint64_t c)
{
	struct ipc_buffer *ib = (struct ipc_buffer *)ROOT_IPCBUF_VADDR;
	struct msg m;

	ib->send_cap = cap;
	long err = pith_ipc(SYS_CALL, fs_call, MSG_INFO(op, len, cap != 0), a, b, c, &m);
	return err ? err : (long)m.w[0];
}

void fs_link_interrupt(struct thread *t, bool restart)
{
	if (fs_call)
		(void)ps_call(FS_PS_INTERRUPT, IPC_REG_WORDS, 0,
			      (uint64_t)t->proc->pid, t->tid,
			      (uint64_t)(restart ? -PROC_ERESTART : -EINTR));
}

void fs_link_pgrp(struct proc *p)
{
	if (fs_call)
		(void)ps_call(FS_PS_PGRP, IPC_REG_WORDS, 0, (uint64_t)p->pid,
			      (uint64_t)p->pgid, (uint64_t)p->sid);
}

void fs_link_tty(int32_t pgid, int32_t sid)
{
	if (fs_call)
		(void)ps_call(FS_PS_TTY, IPC_REG_WORDS, 0, (uint64_t)pgid,
			      (uint64_t)sid, 0);
}

/* A copy of aspace fs may read and write through, but not map in. */
static long with_aspace(uint64_t op, slot_t aspace, uint64_t a, uint64_t b)
{
	slot_t tmp = aspace ? slot_get() : 0;
	long err;

	if (aspace && (!tmp || sys_cap_mint(aspace, 0, tmp, RIGHT_READ | RIGHT_WRITE, 0))) {
		slot_put(tmp);
		return -ENOMEM;
	}
	err = ps_call(op, IPC_REG_WORDS, tmp, a, b, 0);
	slot_put(tmp);
	return err;
}

int fs_link_fork(struct proc *parent, struct proc *child, slot_t aspace)
{
	if (!fs_call)
		return 0;
	long err = with_aspace(FS_PS_FORK, aspace, parent ? (uint64_t)parent->pid : 0,
			       (uint64_t)child->pid);
	return err < 0 ? -EAGAIN : 0;
}

void fs_link_exec(struct proc *p)
{
	if (fs_call)
		(void)with_aspace(FS_PS_EXEC, p->aspace, (uint64_t)p->pid, 0);
	fs_link_cred(p);
}

void fs_link_exit(struct proc *p)
{
	if (fs_call)
		(void)ps_call(FS_PS_EXIT, IPC_REG_WORDS, 0, (uint64_t)p->pid, 0, 0);
}

void fs_link_cred(struct proc *p)
{
	struct ipc_buffer *ib = (struct ipc_buffer *)ROOT_IPCBUF_VADDR;
	const struct cred *c = &p->cred;

	if (!fs_call)
		return;
	ib->mr[3] = c->ngroups;
	for (uint32_t i = 0; i < c->ngroups; i++)
		ib->mr[4 + i] = c->groups[i];
	(void)ps_call(FS_PS_CRED, 4 + c->ngroups, 0, (uint64_t)p->pid,
		      c->fsuid | (uint64_t)c->fsgid << 32,
		      c->ruid | (uint64_t)c->rgid << 32);
}
