/*
 * System calls that create objects from a MemPool, report on or destroy a
 * pool, and use the kernel debug console.
 */
#include "aspace.h"
#include "console.h"
#include "cspace.h"
#include "ipc.h"
#include "syscall.h"
#include "task.h"
#include "uapi/errno.h"
#include "uart.h"
#include "usercopy.h"

#define DEBUG_WRITE_MAX 4096

long sys_debug_write(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_CONSOLE,
				      RIGHT_WRITE);
	vaddr_t buf = r->r[1];
	size_t len = r->r[2], done = 0;
	char chunk[128];
	int err = c.err;

	if (!err && len > DEBUG_WRITE_MAX)
		err = -E2BIG;
	if (!err && !user_range_ok(buf, len))
		err = -EFAULT;
	while (!err && done < len) {
		size_t n = MIN(len - done, sizeof(chunk));
		err = copy_from_user(chunk, buf + done, n);
		if (!err)
			console_write(chunk, n);
		done += n;
	}
	return err ? err : (long)len;
}

long sys_debug_read(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_CONSOLE,
				      RIGHT_READ);
	int ch;

	if (c.err)
		return c.err;
	ch = uart_getc();
	return ch < 0 ? -EAGAIN : ch;
}

/* SYS_OBJ_CREATE(pool, type, dst, arg): a new object charged to the pool,
 * its first capability (all rights) in dst. arg: pages for a frame, the
 * quota in bytes for a pool, slots for a CapSpace (0: CSPACE_SLOTS);
 * a Reply is made idle (SYS_REPLY_SAVE arms it); an IRQ is not
 * creatable. */
long sys_obj_create(struct sysregs *r)
{
	struct cap_ref pc = cap_lookup(current->cs, r->r[0], CAP_MEMPOOL,
				       RIGHT_CONTROL);
	uint64_t type = r->r[1], slot = r->r[2], arg = r->r[3];
	struct mempool *pool;
	struct kobj *obj = NULL;
	struct cap_dst dst = cap_dst(0, slot);

	if (pc.err)
		return pc.err;
	if (dst.err)
		return dst.err;
	pool = (struct mempool *)pc.cap->obj;
	switch (type) {
	case CAP_TASK: obj = (struct kobj *)task_create(pool); break;
	case CAP_ASPACE: obj = (struct kobj *)aspace_create(pool); break;
	case CAP_CSPACE:
		if (arg && (arg < CSPACE_MIN_SLOTS || arg > CSPACE_MAX_SLOTS ||
			    (arg & (arg - 1))))
			return -EINVAL;
		obj = (struct kobj *)cspace_create_sized(pool, arg ? arg : CSPACE_SLOTS);
		break;
	case CAP_ENDPOINT: obj = (struct kobj *)endpoint_create(pool); break;
	case CAP_NOTIFICATION: obj = (struct kobj *)notification_create(pool); break;
	case CAP_REPLY: obj = (struct kobj *)reply_create(pool); break;
	case CAP_FRAME:
		if (arg == 0 || arg > FRAME_MAX_PAGES)
			return -EINVAL;
		obj = (struct kobj *)frame_create(pool, arg);
		break;
	case CAP_MEMPOOL: {
		struct mempool *child;
		if (pool_charge(pool, arg) < 0)
			return -ENOMEM;
		child = obj_alloc(pool, CAP_MEMPOOL, sizeof(*child));
		if (!child)
			pool_refund(pool, arg);
		else
			child->quota = arg;
		obj = (struct kobj *)child;
		break;
	}
	default:
		return -EINVAL;
	}
	if (!obj)
		return -ENOMEM;
	int err = cap_set(dst, obj, RIGHTS_ALL, 0);
	obj_put(obj); /* the capability holds it now (or nothing does) */
	return err;
}

long sys_pool_info(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_MEMPOOL,
				      RIGHT_READ);

	if (c.err)
		return c.err;
	struct mempool *p = (struct mempool *)c.cap->obj;
	r->r[1] = p->quota;
	r->r[2] = p->used;
	return 0;
}

/* SYS_POOL_DESTROY(pool): what deleting the pool's last capability does,
 * now, whatever other capabilities to it exist (some may be held inside
 * the pool itself): every object charged to it (and to pools carved from
 * it) is destroyed and its memory returns to the parent before the call
 * returns. A task cannot destroy the pool it is itself charged to, or an
 * ancestor of it (-EBUSY): that is what its creator does. */
long sys_pool_destroy(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_MEMPOOL,
				      RIGHT_CONTROL);

	if (c.err)
		return c.err;
	struct mempool *p = (struct mempool *)c.cap->obj;
	for (struct mempool *q = current->hdr.pool; q; q = q->hdr.pool)
		if (q == p)
			return -EBUSY;
	pool_doom(p);
	return 0;
}
