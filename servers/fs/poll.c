/*
 * select, pselect and poll (FS_POLL, proto/fs.h): which of a process's
 * descriptors a read or a write would not wait on. A call that finds
 * none ready and may wait keeps its caller's Reply, as a pipe's read
 * does, and is answered when one becomes ready, when its timeout runs
 * out (fs's own timer on its notification), or with -EINTR when a signal
 * interrupts it. fs looks at the waiting calls again only after what may
 * change a descriptor's readiness: a pipe's change (pipeio_wake), console's
 * news and the timer (the notification).
 */
#include <errno.h>
#include <fcntl.h>
#include <pith/clock.h>
#include <pith/syscall.h>
#include <string.h>

#include "fs.h"
#include "words.h"

struct pollw {
	uint64_t reply;          /* the saved Reply's slot; 0: a free entry */
	int32_t pid;
	uint64_t rmask, wmask, hmask, xmask;
	uint64_t deadline;       /* monotonic ns, or FS_POLL_FOREVER */
};

/* What the descriptors of a call are ready for (FS_POLL's answer). */
struct ready {
	uint64_t m[FS_POLL_WORDS - FS_POLL_READ];
};

static struct pollw pollws[POLLW_MAX];
unsigned npollw;
static bool changed;                         /* look at them again */
static uint64_t timer_at = FS_POLL_FOREVER;  /* fs's timer, when armed */
static int tty_ready = -1;   /* console's answer in this round; -1: not asked */

#define RD(rd, word) ((rd)->m[(word) - FS_POLL_READ])

/* Nothing q waits for is there (proto/fs.h's rules). */
static bool none(const struct pollw *q, const struct ready *rd)
{
	return !((RD(rd, FS_POLL_READ) & q->rmask) |
		 (RD(rd, FS_POLL_WRITE) & q->wmask) |
		 (RD(rd, FS_POLL_HUP) & (q->rmask | q->hmask)) |
		 (RD(rd, FS_POLL_ERR) & (q->rmask | q->wmask | q->hmask)) |
		 RD(rd, FS_POLL_NVAL));
}

/* One descriptor: a pipe's end by its ring, the console by asking it
 * (once a round), anything else ready for both. */
static void scan_fd(const struct fproc *p, const struct pollw *q, unsigned fd,
		    struct ready *rd)
{
	uint64_t bit = 1ull << fd;
	const struct ofile *f = fd_get(p, fd);
	bool r = true, w = true;

	if (!f) {
		RD(rd, FS_POLL_NVAL) |= bit;
		return;
	}
	if (f->pipe) {
		const struct pipe *pp = &pipes[f->pipe - 1u];
		/* A FIFO's O_RDWR description is both ends. */
		bool read_end = (f->flags & O_ACCMODE) != O_WRONLY;
		bool write_end = (f->flags & O_ACCMODE) != O_RDONLY;
		r = read_end && pp->len;
		w = write_end && PIPE_CAP - pp->len >= PIPE_ATOMIC;
		if (read_end && !pp->writers && f->wgen != pp->wgen)
			RD(rd, FS_POLL_HUP) |= bit;   /* wgen: fifo.c */
		if (write_end && !pp->readers)
			RD(rd, FS_POLL_ERR) |= bit;
	} else if (nodes[f->node].kind == NODE_CONSOLE && (q->rmask & bit)) {
		if (tty_ready < 0)
			tty_ready = tty_readable();
		r = tty_ready;
	}
	if (r)
		RD(rd, FS_POLL_READ) |= bit & q->rmask;
	if (w)
		RD(rd, FS_POLL_WRITE) |= bit & q->wmask;
}

static void scan(const struct fproc *p, const struct pollw *q, struct ready *rd)
{
	memset(rd, 0, sizeof(*rd));
	for (uint64_t all = q->rmask | q->wmask | q->hmask | q->xmask; all;
	     all &= all - 1)
		scan_fd(p, q, (unsigned)__builtin_ctzll(all), rd);
}

/* fs's timer for the earliest deadline (it only moves earlier: one that
 * fires for an answered call costs a look and nothing else). */
static void arm(uint64_t deadline)
{
	/* 1: it was armed (for a later time), 0: it was not. */
	if (deadline < timer_at && sys_timer_set(FS_SLOT_TTY_NOTE, deadline) >= 0)
		timer_at = deadline;
}

void poll_call(struct freq *r)
{
	unsigned len = MSG_LEN(r->info);
	struct pollw q = {
		.pid = r->p->pid, .rmask = r->a[0], .wmask = r->a[1],
		.hmask = len > 3 ? fs_ib->mr[3] : 0,
		.xmask = len > 4 ? fs_ib->mr[4] : 0,
	};
	uint64_t timeout = r->a[2];
	struct ready rd;
	unsigned mine = 0;
	struct pollw *slot = NULL;

	tty_ready = -1;
	scan(r->p, &q, &rd);
	if (!none(&q, &rd) || !timeout) {
		memcpy(&fs_ib->mr[FS_POLL_READ], rd.m, sizeof(rd.m));
		r->nwords = FS_POLL_WORDS;
		return;
	}
	for (unsigned i = 0; i < POLLW_MAX; i++) {
		if (!pollws[i].reply)
			slot = slot ? slot : &pollws[i];
		else if (pollws[i].pid == q.pid)
			mine++;
	}
	if (!slot || mine >= PWAIT_PER_PROC || !(q.reply = reply_keep())) {
		r->w[0] = (uint64_t)-EAGAIN;
		return;
	}
	uint64_t now = pith_clock_ns();
	q.deadline = timeout == FS_POLL_FOREVER || timeout > FS_POLL_FOREVER - now
		? FS_POLL_FOREVER : now + timeout;
	*slot = q;
	npollw++;
	r->saved = true;
	if (q.deadline != FS_POLL_FOREVER)
		arm(q.deadline);
}

void poll_changed(void)
{
	changed = true;
}

static void forget(struct pollw *q)
{
	q->reply = 0;
	npollw--;
}

void poll_wake(unsigned keep_words)
{
	if (!npollw) {
		changed = false;
		return;
	}
	uint64_t now = pith_clock_ns();
	bool due = now >= timer_at;

	if (!changed && !due)
		return;
	if (due)
		timer_at = FS_POLL_FOREVER;
	struct kept_words kept;   /* not cleared: only n and held are read */
	uint64_t next = FS_POLL_FOREVER;
	kept.n = keep_words;
	kept.held = false;
	tty_ready = -1;
	for (unsigned i = 0; i < POLLW_MAX; i++) {
		struct pollw *q = &pollws[i];
		struct fproc *p;
		struct ready rd = { { 0 } };
		if (!q->reply)
			continue;
		if (changed && (p = fproc_find(q->pid)))
			scan(p, q, &rd);
		if (none(q, &rd) && now < q->deadline) {
			next = q->deadline < next ? q->deadline : next;
			continue;
		}
		words_keep(&kept);
		memcpy(&fs_ib->mr[FS_POLL_READ], rd.m, sizeof(rd.m));
		reply_answer(q->reply, MSG_INFO(0, FS_POLL_WORDS, 0), 0);
		forget(q);
	}
	words_restore(&kept);
	changed = false;
	if (next != FS_POLL_FOREVER)
		arm(next);
}

unsigned poll_interrupt(int32_t pid)
{
	unsigned n = 0;

	for (unsigned i = 0; i < POLLW_MAX; i++)
		if (pollws[i].reply && pollws[i].pid == pid) {
			/* Never restarted, SA_RESTART or not (POSIX). */
			reply_answer(pollws[i].reply, MSG_INFO(0, IPC_REG_WORDS, 0),
				     -EINTR);
			forget(&pollws[i]);
			n++;
		}
	return n;
}

void poll_drop(int32_t pid)
{
	for (unsigned i = 0; i < POLLW_MAX; i++)
		if (pollws[i].reply && pollws[i].pid == pid) {
			reply_drop(pollws[i].reply);   /* deleted unanswered */
			forget(&pollws[i]);
		}
}

