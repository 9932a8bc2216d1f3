/*
 * fs: the file server. procsrv starts it at boot, before init, as a plain
 * task (not a process: no pid, no pager; every page of it is present from
 * the start), with its endpoint, the console server's endpoint and a
 * notification bound to it (or, without a console server, the debug
 * console), and the boot image mapped read-only at FS_IMAGE_VADDR (its
 * size is the start argument).
 * It builds its tree from the image, then gets work and does it, forever,
 * one message at a time: the calls of processes (badge = the pid), and
 * procsrv's news of fork, exec, exit and credentials (badge
 * FS_BADGE_PROCSRV), each answered at once. It never waits on anyone: a
 * process's call that must wait (a pipe's read or write) has its reply
 * saved and is answered by a later message's change (pipeio.c), which
 * the loop looks for after each message, or, a terminal read, when the
 * console server signals the notification (tty.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <pith/cpio.h>
#include <pith/lazy.h>
#include <pith/replies.h>
#include <pith/spawn.h>
#include <pith/syscall.h>
#include <proto/procsrv.h>   /* PROC_ERESTART */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fs.h"

uint64_t image_size;
struct ipc_buffer *const fs_ib = (struct ipc_buffer *)(uintptr_t)SPAWN_IPCBUF_VADDR;

/* ---- fs's own slots: one per process's address space ----------------- */

static uint64_t slot_used[FS_CSPACE_SLOTS / 64];

uint64_t slot_get(void)
{
	for (unsigned i = 0; i < FS_CSPACE_SLOTS / 64; i++)
		if (~slot_used[i]) {
			unsigned b = (unsigned)__builtin_ctzll(~slot_used[i]);
			slot_used[i] |= 1ull << b;
			return i * 64 + b;
		}
	return 0;
}

/* A slot whose capability is gone already (a Reply used up) given back. */
static void slot_forget(uint64_t s)
{
	slot_used[s / 64] &= ~(1ull << (s % 64));
}

void slot_put(uint64_t s)
{
	if (!s)
		return;
	sys_cap_delete(s);
	slot_forget(s);
}

/* Saved Replies (pith/replies.h): a pipe's round trip saves and answers
 * two. */
static struct pith_replies replies = {
	.pool = FS_SLOT_POOL, .slot_get = slot_get, .slot_free = slot_forget,
};

uint64_t reply_keep(void)
{
	return pith_reply_save(&replies);
}

void reply_answer(uint64_t s, uint64_t info, int64_t w0)
{
	pith_reply_answer(&replies, s, info, (uint64_t)w0, 0, 0);
}

void reply_drop(uint64_t s)
{
	pith_reply_drop(&replies, s);
}

/* The slot the next capability procsrv sends arrives in. */
static uint64_t recv_slot;

/* Take the capability that came with this message: its slot is the
 * caller's now, a new one waits for the next. 0 if none came. */
static uint64_t take_cap(uint64_t info)
{
	if (!MSG_HAS_CAP(info))
		return 0;
	uint64_t s = recv_slot;
	recv_slot = slot_get();
	fs_ib->recv_slot = recv_slot;
	return s;
}

/* ---- the tree from the boot image --------------------------------------- */

static int load_image(void)
{
	const void *base = (const void *)(uintptr_t)FS_IMAGE_VADDR;
	size_t off = 0;
	unsigned skipped = 0;

	bootfs_init();
	for (;;) {
		struct cpio_file f;
		int r = cpio_next(base, image_size, &off, &f);
		if (r < 0)
			return r;
		if (r == 1)
			break;
		/* The packer's fillers that page-align each file's data. */
		if ((f.namelen >= 5 && !memcmp(f.name, ".pad/", 5)) ||
		    (f.namelen == 4 && !memcmp(f.name, ".pad", 4)) ||
		    (f.namelen == 1 && f.name[0] == '.'))
			continue;
		int err = bootfs_add(f.name, f.namelen, f.mode, f.uid, f.gid,
				     f.mtime, f.data, f.size);
		if (err == -ENOMEM)
			return err;
		skipped += err != 0;
	}
	if (skipped)
		printf("fs: %u entries of the boot image skipped\n", skipped);
	int err = bootfs_finish();
	if (err)
		return err;
	/* The RAM file system at /tmp; an image with its own /tmp keeps
	 * that one, read-only. */
	err = ramfs_mount();
	if (err == -EEXIST)
		printf("fs: the boot image has a /tmp: no RAM file system\n");
	return err == -EEXIST ? 0 : err;
}

/* Times of /tmp's files: the realtime clock, read in user mode. */
static int64_t realtime_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts))
		return 0;
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- procsrv's calls ------------------------------------------------------ */

static uint16_t console_node(void)
{
	uint16_t n;
	static const struct fs_cred root;

	return bootfs_walk(NODE_ROOT, "/dev/console", 12, &root, &n) ? NODE_NONE : n;
}

static int ps_fork(struct freq *r, uint64_t cap)
{
	struct fproc *parent = NULL, *c;
	int err;

	if (r->a[0] && !(parent = fproc_find((int32_t)r->a[0])))
		return -ESRCH;
	if ((err = fproc_new((int32_t)r->a[1], parent, &c)))
		return err;
	c->aspace = cap;
	if (!parent) {
		/* The first process: the console on 0, 1 and 2, one
		 * description as a terminal's login gives. */
		uint16_t con = console_node();
		int o = con == NODE_NONE ? -ENOENT : ofile_new(con, O_RDWR);
		if (o >= 0 && fd_install(c, o, 0, false) == 0) {
			fd_dup(c, 0, 1, false);
			fd_dup(c, 0, 2, false);
		}
	}
	return 0;
}

static int ps_serve(struct freq *r, uint64_t cap)
{
	bool by_pid = r->label != FS_PS_FORK && r->label != FS_PS_TTY;
	struct fproc *p = by_pid ? fproc_find((int32_t)r->a[0]) : NULL;
	int err = 0;

	if (by_pid && !p)
		err = -ESRCH;
	else if (r->label == FS_PS_FORK) {
		err = ps_fork(r, cap);
		if (!err)
			cap = 0;           /* kept */
	} else if (r->label == FS_PS_EXEC) {
		pipeio_drop(p->pid);       /* its other threads are gone */
		fifo_drop(p->pid);
		tty_drop(p->pid);
		poll_drop(p->pid);
		slot_put(p->aspace);
		p->aspace = cap;
		cap = 0;
		fproc_exec(p);
	} else if (r->label == FS_PS_INTERRUPT) {
		int64_t code = (int64_t)r->a[2];
		if (code != -EINTR && code != -PROC_ERESTART)
			err = -EINVAL;
		else
			err = (int)(pipeio_interrupt(p->pid, code) +
				    fifo_interrupt(p->pid, code) +
				    tty_interrupt(p->pid, code) +
				    poll_interrupt(p->pid));
	} else if (r->label == FS_PS_PGRP) {
		p->pgid = (int32_t)r->a[1];
		p->sid = (int32_t)r->a[2];
	} else if (r->label == FS_PS_TTY) {
		if ((int64_t)r->a[0] <= 0 || (int64_t)r->a[1] <= 0 ||
		    r->a[0] > INT32_MAX || r->a[1] > INT32_MAX)
			err = -EINVAL;
		else
			tty_set_foreground((int32_t)r->a[0], (int32_t)r->a[1]);
	} else if (r->label == FS_PS_EXIT) {
		pipeio_drop(p->pid);
		fifo_drop(p->pid);
		tty_drop(p->pid);
		poll_drop(p->pid);
		slot_put(p->aspace);
		fproc_free(p);
	} else if (r->label == FS_PS_CRED) {
		uint64_t n = MSG_LEN(r->info) > 3 ? fs_ib->mr[3] : 0;
		if (n > 32 || MSG_LEN(r->info) < 4 + n) {
			err = -EINVAL;
		} else {
			p->cred.uid = (uint32_t)r->a[1];
			p->cred.gid = (uint32_t)(r->a[1] >> 32);
			p->cred.ruid = (uint32_t)r->a[2];
			p->cred.rgid = (uint32_t)(r->a[2] >> 32);
			p->cred.ngroups = (uint32_t)n;
			for (uint64_t i = 0; i < n; i++)
				p->cred.groups[i] = (uint32_t)fs_ib->mr[4 + i];
		}
	} else {
		err = -ENOSYS;
	}
	slot_put(cap);                     /* one not kept */
	return err;
}

/* ---- the loop ------------------------------------------------------------- */

static void serve(struct freq *r, const struct msg *m)
{
	uint64_t cap = take_cap(m->info);

	r->label = MSG_LABEL(m->info);
	r->badge = m->badge;
	r->info = m->info;
	memcpy(r->a, m->w, sizeof(r->a));
	r->w[0] = r->w[1] = r->w[2] = 0;
	r->nwords = IPC_REG_WORDS;
	r->p = NULL;
	r->saved = false;
	if (r->label >= FS_PS_FORK && r->label < FS_OP_MAX) {
		r->w[0] = (uint64_t)(int64_t)(r->badge == FS_BADGE_PROCSRV
					      ? ps_serve(r, cap) : (slot_put(cap), -EPERM));
		return;
	}
	slot_put(cap);          /* a process cannot send one: never kept */
	if (r->label == FS_INFO) {
		r->w[1] = ofile_count();
		r->w[2] = fproc_count();
		fs_ib->mr[3] = pipe_count();
		fs_ib->mr[4] = pipeio_waiting() + tty_waiting() + poll_waiting() +
			       fifo_waiting();
		fs_ib->mr[5] = ramfs_used_bytes();
		fs_ib->mr[6] = ramfs_used_nodes();
		r->nwords = 7;
		return;
	}
	if (r->badge >= FS_PID_MAX || !(r->p = fproc_find((int32_t)r->badge))) {
		r->w[0] = (uint64_t)-ESRCH;
		return;
	}
	io_serve(r);
}

/* fs's large tables (fs.h's table_space): a range of its own space
 * mapped page by page as they are first used, charged to its pool, so
 * that procsrv does not give it hundreds of zeroed pages at boot
 * (docs/decisions.md). */
#define TABLES_VADDR 0x40000000ull
static struct pith_lazy fs_tables = {
	.base = TABLES_VADDR, .aspace = FS_SLOT_ASPACE, .pool = FS_SLOT_POOL,
};

void *table_space(size_t bytes)
{
	return pith_lazy_alloc(&fs_tables, bytes);
}

int table_need(const void *p, size_t len)
{
	return pith_lazy_need(&fs_tables, p, len);
}

bool table_mapped(const void *p)
{
	return pith_lazy_mapped(&fs_tables, p);
}

int main(uint64_t arg)
{
	struct freq r;
	struct msg m;
	long err;

	image_size = arg;
	pith_console_slot = FS_SLOT_CONSOLE;   /* printf's, for our own messages */
	for (unsigned s = 0; s < FS_SLOT_FIRST_FREE; s++)
		slot_used[0] |= 1ull << s;
	/* The large tables are mapped as they are first used (fs.h's
	 * table_space): the inits reserve them and touch nothing there.
	 * The rest (bss) is zero in a fresh task; pipeio_init sets its
	 * queues and free list to non-zero values. */
	fdtab_init();
	pipe_init();
	pipeio_init();
	ramfs_init();
	ramfs_clock = realtime_ns;
	if ((err = load_image())) {
		printf("fs: cannot read the boot image (%ld)\n", err);
		return 1;
	}
	tty_init();
	pith_replies_init(&replies);
	recv_slot = slot_get();
	fs_ib->recv_slot = recv_slot;
	err = sys_recv(FS_SLOT_EP, &m);
	for (;;) {
		if (err) {
			err = sys_recv(FS_SLOT_EP, &m);
			continue;
		}
		if (MSG_IS_NOTIFY(m.info)) {
			/* Not a message: console has input for a waiting
			 * read or select, or fs's timer ran out (FS_POLL). */
			tty_wake();
			poll_changed();
			poll_wake(0);
			err = sys_recv(FS_SLOT_EP, &m);
			continue;
		}
		serve(&r, &m);
		if (pipeio_wake(r.saved ? 0 : r.nwords) && poll_waiting())
			poll_changed();
		if (poll_waiting())
			poll_wake(r.saved ? 0 : r.nwords);
		if (r.saved)            /* answered later (pipeio.c) */
			err = sys_recv(FS_SLOT_EP, &m);
		else
			err = pith_ipc(SYS_REPLY_RECV, FS_SLOT_EP, MSG_INFO(0, r.nwords, 0),
				       r.w[0], r.w[1], r.w[2], &m);
	}
}
