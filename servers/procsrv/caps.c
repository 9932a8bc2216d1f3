/*
 * procsrv's capability slots (a bitmap over the root task's large space),
 * saved replies, and copies to and from a process's memory.
 */
#include <pith/replies.h>
#include <string.h>

#include "procsrv.h"

#define SLOT_WORDS (ROOT_CSPACE_SLOTS / 64)

static uint64_t used[SLOT_WORDS];
static uint64_t hint;

static void slot_forget(slot_t s)
{
	used[s / 64] &= ~(1ull << (s % 64));
}

/* Saved Replies (pith/replies.h): wait4, futexes and signals save and
 * answer callers all the time. */
static struct pith_replies replies = {
	.pool = ROOT_SLOT_POOL, .slot_get = slot_get, .slot_free = slot_forget,
};

void caps_init(void)
{
	for (uint64_t s = 0; s < bi->first_free_slot + 16; s++)
		used[s / 64] |= 1ull << (s % 64);   /* the boot capabilities */
	hint = 0;
	pith_replies_init(&replies);
}

slot_t slot_get(void)
{
	for (uint64_t n = 0; n < SLOT_WORDS; n++) {
		uint64_t i = (hint + n) % SLOT_WORDS;
		if (used[i] != ~0ull) {
			unsigned b = (unsigned)__builtin_ctzll(~used[i]);
			used[i] |= 1ull << b;
			hint = i;
			return i * 64 + b;
		}
	}
	return 0;
}

void slot_put(slot_t s)
{
	if (!s || s >= ROOT_CSPACE_SLOTS)
		return;
	sys_cap_delete(s);
	slot_forget(s);
}

slot_t reply_save(void)
{
	return pith_reply_save(&replies);
}

void reply_drop(slot_t reply)
{
	pith_reply_drop(&replies, reply);
}

void reply_to(slot_t reply, int64_t w0, uint64_t w1, uint64_t w2,
	      const uint64_t *extra, unsigned nextra)
{
	reply_label(reply, 0, w0, w1, w2, extra, nextra);
}

void reply_label(slot_t reply, uint64_t label, int64_t w0, uint64_t w1,
		 uint64_t w2, const uint64_t *extra, unsigned nextra)
{
	struct ipc_buffer *ib = (struct ipc_buffer *)ROOT_IPCBUF_VADDR;

	for (unsigned i = 0; i < nextra; i++)
		ib->mr[IPC_REG_WORDS + i] = extra[i];
	pith_reply_answer(&replies, reply,
			  MSG_INFO(label, IPC_REG_WORDS + nextra, 0),
			  (uint64_t)w0, w1, w2);
}

/* Make every page of [addr, addr + len) present (writable if write). */
static int touch_range(struct proc *p, uint64_t addr, size_t len, bool write)
{
	uint64_t end = addr + len;

	if (end < addr)
		return -EFAULT;
	for (uint64_t a = addr & ~(AREA_PAGE - 1); a < end; a += AREA_PAGE) {
		int err = pager_touch(p, a, write);
		if (err)
			return err;
	}
	return 0;
}

static int copy(struct proc *p, uint64_t uaddr, void *buf, size_t len,
		bool to_user)
{
	while (len) {
		size_t n = len < VM_COPY_MAX ? len : VM_COPY_MAX;
		long err;
		for (int tries = 0;; tries++) {
			err = to_user
				? sys_vm_copy(0, (uint64_t)(uintptr_t)buf, p->aspace, uaddr, n)
				: sys_vm_copy(p->aspace, uaddr, 0, (uint64_t)(uintptr_t)buf, n);
			if (err != -EFAULT || tries)
				break;
			if (touch_range(p, uaddr, n, to_user))
				return -EFAULT;
		}
		if (err)
			return -EFAULT;
		uaddr += n;
		buf = (char *)buf + n;
		len -= n;
	}
	return 0;
}

int user_read(struct proc *p, uint64_t addr, void *buf, size_t len)
{
	return copy(p, addr, buf, len, false);
}

int user_write(struct proc *p, uint64_t addr, const void *buf, size_t len)
{
	return copy(p, addr, (void *)buf, len, true);
}

long user_string(struct proc *p, uint64_t addr, char *buf, size_t max)
{
	size_t got = 0;

	/* A page at a time: a string may end just before unmapped memory. */
	while (got < max) {
		size_t n = AREA_PAGE - ((addr + got) & (AREA_PAGE - 1));
		if (n > max - got)
			n = max - got;
		/* The buffer may be exec's, mapped as it is first used
		 * (table_space, area.h): the kernel's copy needs it there.
		 * Every other buffer procsrv copies with is in use, so
		 * mapped. */
		if (pith_lazy_need(&procsrv_tables, buf + got, n))
			return -ENOMEM;
		if (user_read(p, addr + got, buf + got, n))
			return -EFAULT;
		void *nul = memchr(buf + got, 0, n);
		if (nul)
			return (char *)nul - buf;
		got += n;
	}
	return -ENAMETOOLONG;
}
