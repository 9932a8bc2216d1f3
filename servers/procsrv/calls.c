/*
 * The simple calls: identities, credentials, supplementary groups,
 * process groups and sessions, resource limits, times and usage, and the
 * memory map (brk, mmap, munmap, mprotect). The rules are in proc.c and
 * area.c; here the messages are taken apart and the pages handled.
 */
#include <string.h>

#include "procsrv.h"

#define U32(x) ((uint32_t)(x))

void do_ids(struct req *r)
{
	struct proc *p = r->p;

	switch (MSG_LABEL(r->m.info)) {
	case PROC_GETPID: case PROC_GETPPID: case PROC_GETTID:
		r->w[0] = id_of(r->t, MSG_LABEL(r->m.info));
		break;
	case PROC_GETPGID: r->w[0] = (uint64_t)(int64_t)proc_getpgid(p, (int32_t)r->m.w[0]); break;
	case PROC_SETPGID: {
		int32_t pid = (int32_t)r->m.w[0];
		r->w[0] = (uint64_t)(int64_t)proc_setpgid(p, pid, (int32_t)r->m.w[1]);
		struct proc *t = r->w[0] ? NULL : pid ? proc_find(pid) : p;
		if (t)
			fs_link_pgrp(t);      /* fs stops background reads */
		break;
	}
	case PROC_GETSID: r->w[0] = (uint64_t)(int64_t)proc_getsid(p, (int32_t)r->m.w[0]); break;
	case PROC_SETSID:
		r->w[0] = (uint64_t)(int64_t)proc_setsid(p);
		if ((int64_t)r->w[0] > 0)
			fs_link_pgrp(p);
		break;
	}
}

void do_creds(struct req *r)
{
	struct cred *c = &r->p->cred;
	uint64_t a = r->m.w[0], b = r->m.w[1], d = r->m.w[2];
	int err = 0;

	switch (MSG_LABEL(r->m.info)) {
	case PROC_GETRESUID:
		r->w[1] = c->ruid;
		r->w[2] = c->euid;
		r->extra[0] = c->suid;
		r->nextra = 1;
		break;
	case PROC_GETRESGID:
		r->w[1] = c->rgid;
		r->w[2] = c->egid;
		r->extra[0] = c->sgid;
		r->nextra = 1;
		break;
	case PROC_SETUID: err = cred_setuid(c, U32(a)); break;
	case PROC_SETGID: err = cred_setgid(c, U32(a)); break;
	case PROC_SETEUID: err = cred_seteuid(c, U32(a)); break;
	case PROC_SETEGID: err = cred_setegid(c, U32(a)); break;
	case PROC_SETREUID: err = cred_setreuid(c, U32(a), U32(b)); break;
	case PROC_SETREGID: err = cred_setregid(c, U32(a), U32(b)); break;
	case PROC_SETRESUID: err = cred_setresuid(c, U32(a), U32(b), U32(d)); break;
	case PROC_SETRESGID: err = cred_setresgid(c, U32(a), U32(b), U32(d)); break;
	case PROC_SETFSUID: err = (int)cred_setfsuid(c, U32(a)); break;
	case PROC_SETFSGID: err = (int)cred_setfsgid(c, U32(a)); break;
	}
	r->w[0] = (uint64_t)(int64_t)err;
}

void do_groups(struct req *r)
{
	struct cred *c = &r->p->cred;
	const struct ipc_buffer *ib = (const struct ipc_buffer *)ROOT_IPCBUF_VADDR;

	if (MSG_LABEL(r->m.info) == PROC_GETGROUPS) {
		for (uint32_t i = 0; i < c->ngroups; i++)
			r->extra[i] = c->groups[i];
		r->nextra = c->ngroups;
		r->w[0] = c->ngroups;
		return;
	}
	/* SETGROUPS: n in w0, the groups in the message's words 3.. */
	uint64_t n = r->m.w[0];
	uint32_t g[NGROUPS_MAX];
	if (n > NGROUPS_MAX || MSG_LEN(r->m.info) < IPC_REG_WORDS + n) {
		r->w[0] = (uint64_t)(n > NGROUPS_MAX && c->euid == 0 ? -EINVAL
				     : c->euid ? -EPERM : -EINVAL);
		return;
	}
	for (uint64_t i = 0; i < n; i++)
		g[i] = (uint32_t)ib->mr[IPC_REG_WORDS + i];
	r->w[0] = (uint64_t)(int64_t)cred_setgroups(c, (uint32_t)n, g);
}

/* The process's user and system ticks so far, live threads included. */
void proc_times(struct proc *p, uint64_t *ut, uint64_t *st)
{
	*ut = p->utime;
	*st = p->stime;
	for (struct thread *t = p->threads; t; t = t->next) {
		struct task_info ti;
		if (t->task && sys_task_info(t->task, &ti) == 0) {
			*ut += ti.utime;
			*st += ti.stime;
		}
	}
}

void do_limits(struct req *r)
{
	struct proc *p = r->p;
	struct task_info ti;
	uint64_t ut, st;

	switch (MSG_LABEL(r->m.info)) {
	case PROC_GETRLIMIT: {
		struct rlim l;
		int err = proc_getrlimit(p, (uint32_t)r->m.w[0], &l);
		r->w[0] = (uint64_t)(int64_t)err;
		r->w[1] = l.cur;
		r->w[2] = l.max;
		if (err)
			r->w[1] = r->w[2] = 0;
		break;
	}
	case PROC_SETRLIMIT: {
		struct rlim l = { r->m.w[1], r->m.w[2] };
		int err = proc_setrlimit(p, (uint32_t)r->m.w[0], &l);
		r->w[0] = (uint64_t)(int64_t)err;
		if (!err && r->m.w[0] == RLIM_CPU) {
			timers_cpu_check(p);   /* may end p at once */
			r->reply = p->state == PROC_RUNNING;
		}
		break;
	}
	case PROC_TIMES:
		proc_times(p, &ut, &st);
		r->w[0] = ticks_now();
		r->w[1] = ut;
		r->w[2] = st;
		r->extra[0] = p->cutime;
		r->extra[1] = p->cstime;
		r->nextra = 2;
		break;
	case PROC_SYSINFO: {
		uint64_t q, used;
		r->w[1] = proc_count();
		/* Given out: procsrv's own tables, mapped as they grow
		 * (main.c), are not, and never shrink. */
		r->w[2] = sys_pool_info(ROOT_SLOT_POOL, &q, &used) ? 0
			  : used - table_bytes();
		r->extra[0] = pager_image_pages;
		r->extra[1] = pager_copied_pages;
		r->extra[2] = table_bytes();
		r->nextra = 3;
		break;
	}
	case PROC_GETRUSAGE: {
		int64_t who = (int64_t)r->m.w[0];
		if (who == 0) {
			proc_times(p, &ut, &st);
		} else if (who == -1) {
			ut = p->cutime;
			st = p->cstime;
		} else if (who == 1 && r->t && r->t->task &&
			   sys_task_info(r->t->task, &ti) == 0) {
			ut = ti.utime;      /* RUSAGE_THREAD: the caller's own */
			st = ti.stime;
		} else {
			r->w[0] = (uint64_t)-EINVAL;
			break;
		}
		r->w[1] = ticks_to_us(ut);
		r->w[2] = ticks_to_us(st);
		break;
	}
	}
}

/* ---- memory ----------------------------------------------------------------- */

#define PROT_MASK 7u
#define MAP_SHARED_L    0x01u
#define MAP_PRIVATE_L   0x02u
#define MAP_FIXED_L     0x10u
#define MAP_ANONYMOUS_L 0x20u

static uint64_t rights_of(unsigned prot)
{
	return RIGHT_READ | ((prot & AREA_W) ? RIGHT_WRITE : 0) |
	       ((prot & AREA_X) ? RIGHT_EXEC : 0);
}

/* Unmap whatever pages [lo, hi) has (they are inside areas being removed). */
static void unmap_range(struct proc *p, uint64_t lo, uint64_t hi)
{
	for (struct area *a = p->mm.head; a; a = a->next) {
		uint64_t s = a->start > lo ? a->start : lo;
		uint64_t e = a->end < hi ? a->end : hi;
		for (uint64_t v = s; v < e; v += AREA_PAGE)
			if (sys_unmap(p->aspace, v) == 0 && p->pages)
				p->pages--;
	}
}

static bool within_as(struct proc *p, uint64_t more)
{
	uint64_t lim = p->rlim[RLIM_AS].cur;

	return lim == RLIM_INFINITY || area_total(&p->mm) + more <= lim;
}

static uint64_t page_up(uint64_t x)
{
	return (x + AREA_PAGE - 1) & ~(AREA_PAGE - 1);
}

static void do_brk(struct req *r)
{
	struct area_map *m = &r->p->mm;
	uint64_t want = r->m.w[0], old_end = page_up(m->brk);

	if (want && want >= m->brk_start && want < PROC_MMAP_TOP &&
	    (page_up(want) <= old_end || within_as(r->p, page_up(want) - old_end)) &&
	    area_set_brk(m, want) == 0 && page_up(want) < old_end) {
		/* Shrunk: the pages beyond go. */
		for (uint64_t v = page_up(want); v < old_end; v += AREA_PAGE)
			if (sys_unmap(r->p->aspace, v) == 0 && r->p->pages)
				r->p->pages--;
	}
	r->w[0] = m->brk;   /* the break, moved or not (Linux's brk) */
}

static void do_mmap(struct req *r)
{
	struct proc *p = r->p;
	uint64_t addr = r->m.w[0], len = r->m.w[1];
	unsigned prot = (unsigned)(r->m.w[2] & 0xffffffffu);
	unsigned flags = (unsigned)(r->m.w[2] >> 32);

	if (!len || len > PROC_MMAP_TOP || prot & ~PROT_MASK ||
	    ((flags & MAP_SHARED_L) == !!(flags & MAP_PRIVATE_L))) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	if (!(flags & MAP_ANONYMOUS_L) || (flags & MAP_SHARED_L)) {
		r->w[0] = (uint64_t)-ENODEV;   /* files and sharing: not yet */
		return;
	}
	len = page_up(len);
	if (flags & MAP_FIXED_L) {
		if (addr & (AREA_PAGE - 1) || addr < AREA_PAGE ||
		    addr >= PROC_MMAP_TOP || len > PROC_MMAP_TOP - addr) {
			r->w[0] = (uint64_t)-EINVAL;
			return;
		}
		unmap_range(p, addr, addr + len);
		if (area_remove(&p->mm, addr, addr + len)) {
			r->w[0] = (uint64_t)-ENOMEM;
			return;
		}
	} else {
		addr = area_find_free(&p->mm, len, addr & ~(AREA_PAGE - 1));
	}
	if (!addr || !within_as(p, len) ||
	    area_add(&p->mm, addr, addr + len, prot, AREA_ANON, 0, 0)) {
		r->w[0] = (uint64_t)-ENOMEM;
		return;
	}
	r->w[0] = addr;
}

static void do_munmap(struct req *r)
{
	struct proc *p = r->p;
	uint64_t addr = r->m.w[0], len = page_up(r->m.w[1]);

	if (addr & (AREA_PAGE - 1) || !len || addr >= PROC_STACK_TOP ||
	    len > PROC_STACK_TOP - addr) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	unmap_range(p, addr, addr + len);
	r->w[0] = (uint64_t)(int64_t)area_remove(&p->mm, addr, addr + len);
}

/* New rights on a page already there: fewer by SYS_PROTECT; more (the
 * kernel gives a right back only with the frame, which procsrv does not
 * keep) by a private copy at the same place. */
static int reprotect(struct proc *p, uint64_t v, unsigned prot)
{
	static uint8_t page[4096];
	uint64_t rights, count, flags, want = rights_of(prot);

	if (sys_map_info(p->aspace, v, &rights, &count, &flags))
		return 0;   /* not there: the pager maps it with the new rights */
	if (!(want & ~rights))
		return sys_protect(p->aspace, v, want) ? -ENOMEM : 0;
	if (sys_vm_copy(p->aspace, v, 0, (uint64_t)(uintptr_t)page, AREA_PAGE) ||
	    sys_map_zero(p->aspace, v, want | RIGHT_WRITE | MAP_REPLACE, ROOT_SLOT_POOL) ||
	    sys_vm_copy(0, (uint64_t)(uintptr_t)page, p->aspace, v, AREA_PAGE))
		return -ENOMEM;
	return (want & RIGHT_WRITE) ? 0 : sys_protect(p->aspace, v, want) ? -ENOMEM : 0;
}

static void do_mprotect(struct req *r)
{
	struct proc *p = r->p;
	uint64_t addr = r->m.w[0], len = page_up(r->m.w[1]);
	unsigned prot = (unsigned)r->m.w[2];
	int err;

	if (addr & (AREA_PAGE - 1) || prot & ~PROT_MASK || addr + len < addr) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	if (!len) {
		r->w[0] = 0;
		return;
	}
	err = area_protect(&p->mm, addr, addr + len, prot);
	for (uint64_t v = addr; !err && v < addr + len; v += AREA_PAGE)
		err = reprotect(p, v, prot);
	r->w[0] = (uint64_t)(int64_t)err;
}

/* PROC_MEMCTL: the range mapped (a walk of the areas, not of the pages:
 * a huge range costs no more than the areas it crosses); for mlock,
 * every page made present (Pith never pages out, so a present page
 * stays), at most PROC_MLOCK_MAX bytes a call (RLIMIT_MEMLOCK's part:
 * procsrv serves everyone while it touches pages). */
#define PROC_MLOCK_MAX (16ull << 20)

static void do_memctl(struct req *r)
{
	struct proc *p = r->p;
	uint64_t addr = r->m.w[0], len = page_up(r->m.w[1]), op = r->m.w[2];

	if (addr & (AREA_PAGE - 1) || addr + len < addr || len < r->m.w[1] ||
	    op > PROC_MEM_PRESENT) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	for (uint64_t v = addr; v < addr + len;) {
		struct area *a = area_find(&p->mm, v);
		if (!a) {
			r->w[0] = (uint64_t)-ENOMEM;
			return;
		}
		v = a->end;
	}
	if (op == PROC_MEM_PRESENT && len > PROC_MLOCK_MAX) {
		r->w[0] = (uint64_t)-ENOMEM;
		return;
	}
	for (uint64_t v = addr; op == PROC_MEM_PRESENT && v < addr + len; v += AREA_PAGE)
		if (pager_touch(p, v, false)) {
			r->w[0] = (uint64_t)-ENOMEM;
			return;
		}
	r->w[0] = 0;
}

void do_memory(struct req *r)
{
	switch (MSG_LABEL(r->m.info)) {
	case PROC_MEMCTL: do_memctl(r); break;
	case PROC_BRK: do_brk(r); break;
	case PROC_MMAP: do_mmap(r); break;
	case PROC_MUNMAP: do_munmap(r); break;
	case PROC_MPROTECT: do_mprotect(r); break;
	}
}
