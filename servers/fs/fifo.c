/*
 * Named pipes (mkfifo, in /tmp): a FIFO node is a name; once open, its
 * descriptions are ends of one pipe of pipe.c (node.fifo names it), so
 * reads, writes, select and poll are pipeio.c's and poll.c's. The pipe
 * lives while a description of it does (ofile_put frees it and clears
 * node.fifo); an open after that gets a new one.
 *
 * open, POSIX's rules (and Linux's for O_RDWR): O_RDONLY waits until a
 * writer opens (O_NONBLOCK: at once), O_WRONLY until a reader does
 * (O_NONBLOCK: -ENXIO), O_RDWR never waits. An open waiting counts as
 * the other side's partner, as in Linux: a reader waiting lets a
 * writer's open (even O_NONBLOCK) succeed, and both go on. A waiting
 * open keeps its caller's Reply (as a pipe's read does) and holds its
 * node (unlinked meanwhile, it waits on); it is answered when the other
 * side opens, with code at a signal (FS_PS_INTERRUPT), and dropped
 * unanswered at exit and exec.
 */
#include <errno.h>
#include <fcntl.h>
#include <pith/syscall.h>

#include "fs.h"

#define O_STATUS (O_APPEND | O_NONBLOCK)

struct owait {
	uint64_t reply;          /* the saved Reply's slot; 0: free */
	int32_t pid;
	uint16_t node;           /* the FIFO (held) */
	uint32_t flags;          /* the open's */
};

static struct owait waits[FWAIT_MAX];
static unsigned nwaits;

unsigned fifo_waiting(void)
{
	return nwaits;
}

/* Is a description of access mode acc open on FIFO n's pipe, or an open
 * of that mode waiting? */
static bool side_open(uint16_t n, unsigned acc)
{
	if (nodes[n].fifo) {
		const struct pipe *pp = &pipes[nodes[n].fifo - 1u];
		if (acc == O_RDONLY ? pp->readers : pp->writers)
			return true;
	}
	for (unsigned i = 0; i < FWAIT_MAX; i++)
		if (waits[i].reply && waits[i].node == n &&
		    (waits[i].flags & O_ACCMODE) == acc)
			return true;
	return false;
}

/* A description of FIFO n for p with flags, on its pipe (a new one if
 * none): its descriptor, or an error (nothing left behind). */
static int join(struct fproc *p, uint16_t n, uint32_t flags)
{
	struct node *f = &nodes[n];
	unsigned acc = flags & O_ACCMODE;
	int pi = pipe_join(f->fifo ? (int)f->fifo - 1 : -1, acc);

	if (pi < 0)
		return pi;
	f->fifo = (uint16_t)(pi + 1);
	int o = ofile_new(n, flags & (O_ACCMODE | O_STATUS));
	if (o < 0) {
		if (pipe_leave((unsigned)pi, acc))
			f->fifo = 0;
		return o;
	}
	ofiles[o].pipe = (uint16_t)(pi + 1);
	/* Linux's rule: a reader that came before any writer sees no
	 * hang-up until one has come (a poll then waits for a writer). */
	if (acc == O_RDONLY && !pipes[pi].writers)
		ofiles[o].wgen = pipes[pi].wgen;
	pipe_mark((unsigned)pi);     /* a poll's hang-up may be over */
	return fd_install(p, o, 0, flags & O_CLOEXEC);   /* drops o if it fails */
}

static void forget(struct owait *w)
{
	node_release(w->node);
	w->reply = 0;
	nwaits--;
}

/* The waiting opens of n whose other side is open now go on. */
static void wake(uint16_t n)
{
	bool again = true;

	while (again) {
		again = false;
		for (unsigned i = 0; i < FWAIT_MAX; i++) {
			struct owait *w = &waits[i];
			if (!w->reply || w->node != n || !nodes[n].fifo)
				continue;
			const struct pipe *pp = &pipes[nodes[n].fifo - 1u];
			if ((w->flags & O_ACCMODE) == O_RDONLY ? !pp->writers : !pp->readers)
				continue;
			struct fproc *p = fproc_find(w->pid);
			int res = p ? join(p, n, w->flags) : -ESRCH;
			reply_answer(w->reply, MSG_INFO(0, IPC_REG_WORDS, 0), res);
			forget(w);
			again = true;
		}
	}
}

void fifo_open(struct freq *r, uint16_t n, uint32_t flags)
{
	unsigned acc = flags & O_ACCMODE;
	bool partner = acc == O_RDWR ||
		       side_open(n, acc == O_RDONLY ? O_WRONLY : O_RDONLY);

	if (!partner && (flags & O_NONBLOCK) && acc == O_WRONLY) {
		r->w[0] = (uint64_t)-ENXIO;
		return;
	}
	if (partner || (flags & O_NONBLOCK)) {
		int res = join(r->p, n, flags);
		r->w[0] = (uint64_t)(int64_t)res;
		if (res >= 0)
			wake(n);
		return;
	}
	/* Wait for the other side: a free entry, and at most
	 * PWAIT_PER_PROC of one process, as for pipes. */
	unsigned i = FWAIT_MAX, mine = 0;
	for (unsigned k = 0; k < FWAIT_MAX; k++) {
		if (!waits[k].reply)
			i = i < FWAIT_MAX ? i : k;
		else
			mine += waits[k].pid == r->p->pid;
	}
	uint64_t s = i < FWAIT_MAX && mine < PWAIT_PER_PROC ? reply_keep() : 0;
	if (!s) {
		r->w[0] = (uint64_t)-EAGAIN;
		return;
	}
	waits[i] = (struct owait){ .reply = s, .pid = r->p->pid, .node = n,
				   .flags = flags };
	node_hold(n);
	nwaits++;
	r->saved = true;
}

unsigned fifo_interrupt(int32_t pid, int64_t code)
{
	unsigned k = 0;

	for (unsigned i = 0; i < FWAIT_MAX; i++) {
		struct owait *w = &waits[i];
		if (!w->reply || w->pid != pid)
			continue;
		reply_answer(w->reply, MSG_INFO(0, IPC_REG_WORDS, 0), code);
		forget(w);
		k++;
	}
	return k;
}

void fifo_drop(int32_t pid)
{
	for (unsigned i = 0; i < FWAIT_MAX; i++) {
		struct owait *w = &waits[i];
		if (!w->reply || w->pid != pid)
			continue;
		reply_drop(w->reply);
		forget(w);
	}
}
