/*
 * Task control system calls: clone (the one task-creation primitive that
 * copies), suspend, resume, kill, reading and writing a task's registers,
 * and setting the endpoints the kernel sends its faults and quantum
 * reports to.
 */
#include "aspace.h"
#include "cspace.h"
#include "ipc.h"
#include "kstring.h"
#include "sched.h"
#include "task.h"
#include "uapi/errno.h"
#include "uapi/task.h"
#include "usercopy.h"

static struct task *task_arg(uint64_t slot, unsigned rights, int *err)
{
	struct cap_ref c = cap_lookup(current->cs, slot, CAP_TASK, rights);

	*err = c.err;
	return c.err ? NULL : (struct task *)c.cap->obj;
}

/* An endpoint for the kernel to send on: slot 0 = none, else an endpoint
 * capability with RIGHT_WRITE. */
static int endpoint_arg(uint64_t slot, struct endpoint **ep, uint64_t *badge)
{
	struct cap_ref c;

	*ep = NULL;
	*badge = 0;
	if (!slot)
		return 0;
	c = cap_lookup(current->cs, slot, CAP_ENDPOINT, RIGHT_WRITE);
	if (c.err)
		return c.err;
	*ep = (struct endpoint *)c.cap->obj;
	*badge = c.cap->badge;
	return 0;
}

static void set_ep(struct endpoint **slot, uint64_t *badge_slot,
		   struct endpoint *ep, uint64_t badge)
{
	struct endpoint *old = *slot;

	if (ep)
		obj_get(&ep->hdr);
	*slot = ep;
	*badge_slot = badge;
	if (old)
		obj_put(&old->hdr);
}

/* A copy of every capability of src in the empty dst, except those that
 * must stay unique: an interrupt line has one owner, a saved reply answers
 * one caller once. */
static int cspace_copy(struct cspace *src, struct cspace *dst)
{
	for (uint64_t i = 1; i < src->nslots; i++) {
		struct cap *c = &src->slots[i];
		if (!c->obj || c->obj->type == CAP_IRQ || c->obj->type == CAP_REPLY)
			continue;
		int err = cap_install(dst, i, c->obj, c->rights, c->badge);
		if (err && err != -EINVAL) /* -EINVAL: a capability to dst itself */
			return err;
	}
	return 0;
}

/* The child's own IPC buffer at the parent's address: a private copy,
 * since the kernel writes messages into it directly. */
static int private_ipcbuf(struct task *child, struct task *src, struct mempool *pool)
{
	struct frame *f;
	int err;

	if (!src->ipcbuf_frame || !src->ipcbuf_va)
		return 0;
	f = frame_create(pool, 1);
	if (!f)
		return -ENOMEM;
	memcpy(phys_to_virt(f->pa), src->ipcbuf, PAGE_SIZE);
	err = aspace_map(child->as, f, src->ipcbuf_va, PT_READ | PT_WRITE, true);
	if (!err)
		task_set_ipcbuf(child, f, src->ipcbuf_va);
	obj_put(&f->hdr);
	return err;
}

static int clone_spaces(struct task *c, struct task *s, uint64_t flags,
			struct mempool *pool)
{
	struct aspace *as = s->as;
	struct cspace *cs = s->cs;
	int err = 0;

	if (!(flags & CLONE_VM)) {
		as = aspace_create(pool);
		if (!as)
			return -ENOMEM;
		err = aspace_copy_cow(s->as, as);
	}
	if (!err && !(flags & CLONE_CAPS)) {
		cs = cspace_create_sized(pool, s->cs->nslots);
		err = cs ? cspace_copy(s->cs, cs) : -ENOMEM;
	}
	if (as && cs)
		task_set_spaces(c, as, cs);
	if (as && as != s->as)
		obj_put(&as->hdr);
	if (cs && cs != s->cs)
		obj_put(&cs->hdr);
	if (!err && !(flags & CLONE_VM))
		err = private_ipcbuf(c, s, pool);
	return err;
}

/* SYS_TASK_CLONE(src, struct clone_args *): a new task from src's saved
 * user and FP registers, sharing or copying each resource as flags say. */
long sys_task_clone(struct sysregs *r)
{
	struct clone_args a;
	struct endpoint *fep = NULL, *sep = NULL;
	uint64_t fbadge = 0, sbadge = 0;
	struct cap_ref pc = { 0, NULL };
	struct cap_dst tdst, adst = { 0, NULL, NULL }, cdst = { 0, NULL, NULL };
	struct task *s, *c;
	int err;

	s = task_arg(r->r[0], RIGHT_CLONE, &err);
	if (!err)
		err = copy_from_user(&a, r->r[1], sizeof(a));
	if (!err && (a.flags & ~(uint64_t)CLONE_ALL_FLAGS || a.sp >= ARCH_USER_TOP))
		err = -EINVAL;
	if (!err && (s->state == TASK_DEAD || s->state == TASK_INACTIVE ||
		     !s->as || !s->cs))
		err = -ESRCH;
	if (!err) {
		pc = cap_lookup(current->cs, a.pool, CAP_MEMPOOL, RIGHT_CONTROL);
		err = pc.err;
	}
	if (!err) {
		tdst = cap_dst(0, a.dst);
		err = tdst.err;
	}
	if (!err && a.aspace_dst) {
		adst = a.aspace_dst == a.dst ? (struct cap_dst){ -EBADF, NULL, NULL }
					     : cap_dst(0, a.aspace_dst);
		err = adst.err;
	}
	if (!err && a.cspace_dst) {
		cdst = a.cspace_dst == a.dst || a.cspace_dst == a.aspace_dst
			? (struct cap_dst){ -EBADF, NULL, NULL }
			: cap_dst(0, a.cspace_dst);
		err = cdst.err;
	}
	if (!err && !(a.flags & CLONE_PAGER))
		err = endpoint_arg(a.fault_ep, &fep, &fbadge);
	if (!err && !(a.flags & CLONE_SCHED))
		err = endpoint_arg(a.sched_ep, &sep, &sbadge);
	if (err)
		return err;
	struct mempool *pool = (struct mempool *)pc.cap->obj;
	c = task_create(pool);
	if (!c)
		return -ENOMEM;
	err = clone_spaces(c, s, a.flags, pool);
	if (err) {
		obj_put(&c->hdr); /* inactive: destroyed with what it holds */
		return err;
	}
	*c->tf = *s->tf;
	arch_fpu_copy(&c->fpu, c->tf, &s->fpu, s->tf);
	arch_frame_set_retval(c->tf, a.retval);
	if (a.sp)
		arch_frame_set_sp(c->tf, a.sp);
	arch_set_tls(c->tf, &c->ctx, (a.flags & CLONE_SETTLS) ? a.tls
				     : arch_get_tls(s->tf, &s->ctx));
	if (a.flags & CLONE_PAGER)
		set_ep(&c->fault_ep, &c->fault_badge, s->fault_ep, s->fault_badge);
	else
		set_ep(&c->fault_ep, &c->fault_badge, fep, fbadge);
	/* The child's ceiling is at most its creator's (task_create) and its
	 * source's; an inherited priority is cut down to it. */
	c->mcp = MIN(c->mcp, s->mcp);
	if (a.flags & CLONE_SCHED) {
		set_ep(&c->sched_ep, &c->sched_badge, s->sched_ep, s->sched_badge);
		sched_set_params(c, MIN(s->prio, c->mcp), s->quantum);
	} else {
		set_ep(&c->sched_ep, &c->sched_badge, sep, sbadge);
	}
	err = cap_set(tdst, &c->hdr, RIGHTS_ALL, 0);
	if (!err && a.aspace_dst) {
		err = cap_set(adst, &c->as->hdr, RIGHTS_ALL, 0);
		if (err)
			cap_clear(tdst.slot);
	}
	if (!err && a.cspace_dst) {
		/* A space shared with the source (CLONE_CAPS) holding the
		 * destination slot would hold itself: cap_set refuses. */
		err = cap_set(cdst, &c->cs->hdr, RIGHTS_ALL, 0);
		if (err) {
			cap_clear(tdst.slot);
			if (a.aspace_dst)
				cap_clear(adst.slot);
		}
	}
	if (!err)
		task_launch(c, a.flags & CLONE_STOPPED);
	obj_put(&c->hdr); /* the capability and the scheduler hold it */
	return err;
}

long sys_task_suspend(struct sysregs *r)
{
	int err;
	struct task *t = task_arg(r->r[0], RIGHT_CONTROL, &err);

	if (!err && t->state == TASK_DEAD)
		err = -ESRCH;
	if (!err)
		sched_suspend(t);
	return err;
}

long sys_task_resume(struct sysregs *r)
{
	int err;
	struct task *t = task_arg(r->r[0], RIGHT_CONTROL, &err);

	if (!err && t->state == TASK_DEAD)
		err = -ESRCH;
	if (!err && t->suspended)
		sched_resume(t);
	return err;
}

long sys_task_kill(struct sysregs *r)
{
	int err;
	struct task *t = task_arg(r->r[0], RIGHT_CONTROL, &err);

	if (!err)
		task_kill(t, NULL); /* does not return if t is the caller */
	return err;
}

long sys_task_get_regs(struct sysregs *r)
{
	int err;
	struct task *t = task_arg(r->r[0], RIGHT_READ, &err);
	struct user_regs regs;

	if (err)
		return err;
	arch_regs_read(t->tf, &t->ctx, &regs);
	return copy_to_user(r->r[1], &regs, sizeof(regs));
}

/* Only a task that is not running may have its registers replaced: one
 * that is suspended or not started yet. */
long sys_task_set_regs(struct sysregs *r)
{
	int err;
	struct task *t = task_arg(r->r[0], RIGHT_CONTROL, &err);
	struct user_regs regs;

	if (!err && (t == current ||
		     !(t->suspended || t->state == TASK_INACTIVE)))
		err = -EBUSY;
	if (!err)
		err = copy_from_user(&regs, r->r[1], sizeof(regs));
	if (!err)
		err = arch_regs_write(t->tf, &t->ctx, &regs);
	if (!err)
		t->regs_replaced = true;
	return err;
}

long sys_task_set_ep(struct sysregs *r)
{
	int err;
	struct task *t = task_arg(r->r[0], RIGHT_CONTROL, &err);
	struct endpoint *fep = NULL, *sep = NULL;
	uint64_t fbadge = 0, sbadge = 0;

	if (!err)
		err = endpoint_arg(r->r[1], &fep, &fbadge);
	if (!err)
		err = endpoint_arg(r->r[2], &sep, &sbadge);
	if (!err && t->state == TASK_DEAD)
		err = -ESRCH;
	if (!err) {
		set_ep(&t->fault_ep, &t->fault_badge, fep, fbadge);
		set_ep(&t->sched_ep, &t->sched_badge, sep, sbadge);
	}
	return err;
}
