/*
 * System calls that create objects from a MemPool, report on a pool, and
 * use the kernel debug console.
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

void sys_debug_write(struct sysregs *r)
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
	r->r[0] = err ? (uint64_t)err : len;
}

void sys_debug_read(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_CONSOLE,
				      RIGHT_READ);
	int ch;

	if (c.err) {
		r->r[0] = (uint64_t)c.err;
		return;
	}
	ch = uart_getc();
	r->r[0] = ch < 0 ? (uint64_t)-EAGAIN : (uint64_t)ch;
}

/* SYS_OBJ_CREATE(pool, type, dst, arg): a new object charged to the pool,
 * its first capability (all rights) in dst. arg: pages for a frame, the
 * quota in bytes for a pool, the line for an IRQ is not creatable. */
void sys_obj_create(struct sysregs *r)
{
	struct cap_ref pc = cap_lookup(current->cs, r->r[0], CAP_MEMPOOL,
				       RIGHT_CONTROL);
	uint64_t type = r->r[1], slot = r->r[2], arg = r->r[3];
	struct mempool *pool;
	struct kobj *obj = NULL;
	int err = pc.err;

	if (!err && (slot == 0 || slot >= CSPACE_SLOTS))
		err = -EBADF;
	else if (!err && current->cs->slots[slot].obj)
		err = -EEXIST;
	if (err) {
		r->r[0] = (uint64_t)err;
		return;
	}
	pool = (struct mempool *)pc.cap->obj;
	switch (type) {
	case CAP_TASK: obj = (struct kobj *)task_create(pool); break;
	case CAP_ASPACE: obj = (struct kobj *)aspace_create(pool); break;
	case CAP_CSPACE: obj = (struct kobj *)cspace_create(pool); break;
	case CAP_ENDPOINT: obj = (struct kobj *)endpoint_create(pool); break;
	case CAP_NOTIFICATION: obj = (struct kobj *)notification_create(pool); break;
	case CAP_FRAME:
		if (arg == 0 || arg > FRAME_MAX_PAGES) {
			r->r[0] = (uint64_t)-EINVAL;
			return;
		}
		obj = (struct kobj *)frame_create(pool, arg);
		break;
	case CAP_MEMPOOL: {
		struct mempool *child;
		if (pool_charge(pool, arg) < 0) {
			r->r[0] = (uint64_t)-ENOMEM;
			return;
		}
		child = obj_alloc(pool, CAP_MEMPOOL, sizeof(*child));
		if (!child)
			pool_refund(pool, arg);
		else
			child->quota = arg;
		obj = (struct kobj *)child;
		break;
	}
	default:
		r->r[0] = (uint64_t)-EINVAL;
		return;
	}
	if (!obj) {
		r->r[0] = (uint64_t)-ENOMEM;
		return;
	}
	err = cap_install(current->cs, slot, obj, RIGHTS_ALL, 0);
	obj_put(obj); /* the capability holds it now (or nothing does) */
	r->r[0] = (uint64_t)err;
}

void sys_pool_info(struct sysregs *r)
{
	struct cap_ref c = cap_lookup(current->cs, r->r[0], CAP_MEMPOOL,
				      RIGHT_READ);

	if (c.err) {
		r->r[0] = (uint64_t)c.err;
		return;
	}
	struct mempool *p = (struct mempool *)c.cap->obj;
	r->r[0] = 0;
	r->r[1] = p->quota;
	r->r[2] = p->used;
}
