/*
 * The name service: how a process becomes a server and how its clients
 * find it (PROC_SERVE, PROC_CONNECT, PROC_UNSERVE; docs/proto-procsrv.md,
 * "Names").
 *
 *   - PROC_SERVE makes an endpoint charged to the caller's pool, so it
 *     dies with the process, and puts a READ capability to it into the
 *     calling thread's capability space. procsrv keeps only a WRITE
 *     capability: the kernel fails a call with EPIPE when no READ
 *     capability is left, so the server's end (its thread, its image or
 *     its process) must leave none behind in procsrv.
 *   - PROC_CONNECT mints WRITE from procsrv's capability, badged with the
 *     caller's pid, so the server knows who calls without trusting the
 *     message. No GRANT: no process can pass a capability on, so a badge
 *     always names the process that holds the capability.
 *   - Capabilities go into the calling thread's own space (each thread
 *     has one: thread.c), in the lowest empty slot from
 *     PROC_SLOT_FIRST_FREE. procsrv keeps no map of a space: it tries
 *     slots in turn, and the kernel's EEXIST says which are taken, so a
 *     slot the process emptied itself (SYS_CAP_DELETE) is found again.
 *   - A name belongs to the thread that served it and is freed when that
 *     thread's task goes (names_drop, from thread_drop: a thread's end,
 *     exec, the process's end) or by PROC_UNSERVE.
 */
#include <string.h>

#include "procsrv.h"

#define NAMES_MAX 64

struct name {
	char name[PROC_NAME_MAX + 1];
	int32_t pid;              /* the server's process */
	uint32_t tid;             /* the thread holding the READ capability */
	slot_t ep;                /* procsrv's WRITE capability; 0: entry free */
};

static struct name names[NAMES_MAX];

/* The name at w0 of the call into buf: 0, -EINVAL or -EFAULT. */
static int read_name(struct req *r, char buf[PROC_NAME_MAX + 1])
{
	long n = user_string(r->p, r->m.w[0], buf, PROC_NAME_MAX + 1);

	if (n == -ENAMETOOLONG || n == 0)
		return -EINVAL;
	if (n < 0)
		return (int)n;
	for (long i = 0; i < n; i++)
		if (buf[i] <= ' ' || buf[i] > '~')
			return -EINVAL;
	return 0;
}

static struct name *name_find(const char *s)
{
	for (unsigned i = 0; i < NAMES_MAX; i++)
		if (names[i].ep && !strcmp(names[i].name, s))
			return &names[i];
	return NULL;
}

static void name_free(struct name *n)
{
	slot_put(n->ep);
	memset(n, 0, sizeof(*n));
}

/* The capability space of thread t (procsrv's slot for it). */
static slot_t thread_cspace(const struct thread *t)
{
	return t->tid == (uint32_t)t->proc->pid ? t->proc->cspace : t->cspace;
}

/* Mint src (rights, badge) into the lowest empty slot of t's space from
 * PROC_SLOT_FIRST_FREE: the slot, or -EMFILE (full) or another -errno. */
static long put_cap(const struct thread *t, slot_t src, uint64_t rights,
		    uint64_t badge)
{
	slot_t cs = thread_cspace(t);

	/* 0 would name procsrv's own space: never mint there. */
	if (!cs)
		return -ESRCH;
	for (slot_t s = PROC_SLOT_FIRST_FREE; s < CSPACE_SMALL; s++) {
		long err = sys_cap_mint(src, cs, s, rights, badge);
		if (err != -EEXIST)
			return err ? err : (long)s;
	}
	return -EMFILE;
}

static long serve_name(struct req *r, const char *s)
{
	struct name *n = NULL;
	slot_t e, w;
	long slot;

	if (name_find(s))
		return -EEXIST;
	for (unsigned i = 0; i < NAMES_MAX && !n; i++)
		if (!names[i].ep)
			n = &names[i];
	if (!n)
		return -ENOMEM;
	e = slot_get();
	w = slot_get();
	if (!e || !w || sys_obj_create(r->p->pool, CAP_ENDPOINT, e, 0) ||
	    sys_cap_mint(e, 0, w, RIGHT_WRITE, 0)) {
		slot = -ENOMEM;
	} else {
		slot = put_cap(r->t, e, RIGHT_READ, 0);
	}
	/* procsrv must hold no READ capability (see the top). */
	slot_put(e);
	if (slot < 0) {
		slot_put(w);
		return slot;
	}
	strcpy(n->name, s);
	n->pid = r->p->pid;
	n->tid = r->t->tid;
	n->ep = w;
	return slot;
}

void do_names(struct req *r)
{
	char s[PROC_NAME_MAX + 1];
	struct name *n;
	long ret = read_name(r, s);

	if (ret) {
		r->w[0] = (uint64_t)ret;
		return;
	}
	switch (MSG_LABEL(r->m.info)) {
	case PROC_SERVE:
		ret = serve_name(r, s);
		break;
	case PROC_CONNECT:
		if (!(n = name_find(s))) {
			ret = -ENOENT;
			break;
		}
		ret = put_cap(r->t, n->ep, RIGHT_WRITE, (uint64_t)r->p->pid);
		r->w[1] = (uint64_t)n->pid;
		break;
	case PROC_UNSERVE:
		if (!(n = name_find(s)))
			ret = -ENOENT;
		else if (n->pid != r->p->pid)
			ret = -EPERM;
		else
			name_free(n);
		break;
	}
	r->w[0] = (uint64_t)ret;
}

void names_drop(const struct thread *t)
{
	for (unsigned i = 0; i < NAMES_MAX; i++)
		if (names[i].ep && names[i].tid == t->tid &&
		    names[i].pid == t->proc->pid)
			name_free(&names[i]);
}
