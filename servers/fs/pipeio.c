/*
 * pipe() and the reads and writes of pipes' ends (POSIX's semantics): a
 * read takes what the pipe holds (at most what it asked for), or waits
 * while it is empty and a write end is open, and is 0 (end of file) when
 * none is; a write of at most PIPE_ATOMIC bytes goes in whole, a larger
 * one in pieces as room appears, and a write with no read end open is
 * -EPIPE (the SIGPIPE POSIX adds is libc's: its write raises it, since
 * fs never calls procsrv). O_NONBLOCK makes
 * what would wait -EAGAIN (a larger write: the count that fitted).
 *
 * fs never blocks: a call that must wait saves its caller's reply
 * capability (SYS_REPLY_SAVE on fs's own pool) with its (buffer, length)
 * and the bytes already moved, and is answered with SYS_REPLY_TO when it
 * can go on; meanwhile the loop serves everyone else. Waiting calls on
 * one pipe go in arrival order within each direction, and a new call
 * queues behind those already waiting, so a large write's pieces are
 * not overtaken. A waiting call holds a reference to its description,
 * as a call in progress does in any kernel. It is dropped unanswered
 * (its Reply deleted) when its process exits or execs: its threads are
 * dead by then, so nobody is left to answer.
 */
#include <errno.h>
#include <fcntl.h>
#include <pith/syscall.h>
#include <string.h>

#include "fs.h"
#include "words.h"

struct pwait {
	uint64_t reply;          /* the saved Reply's slot; 0: a free entry */
	int32_t pid;
	uint16_t ofile;          /* the end waited on (a reference held) */
	uint8_t pipe;            /* its pipe */
	bool write;
	int16_t next;            /* the next in its pipe's queue, or -1 */
	uint64_t buf, n, done;   /* the caller's buffer; bytes written so far */
	uint8_t data[FS_INLINE_MAX];   /* a small write's bytes */
};

/* Each pipe's waiting calls, in arrival order, one queue a direction
 * (indices into waits, -1: none), and the free entries: no look at all
 * the entries on a pipe's read or write, nor after one. */
struct pqueue {
	int16_t head, tail;
};

static struct pwait waits[PWAIT_MAX];
static struct pqueue queues[PIPE_MAX][2];
static uint8_t free_waits[PWAIT_MAX];
static unsigned nwaits;

_Static_assert(PIPE_MAX <= 256 && PWAIT_MAX <= 256, "pwait's indices");

static uint8_t *inline_data(void)
{
	return (uint8_t *)&fs_ib->mr[FS_DATA_WORD];
}

void pipeio_init(void)
{
	for (unsigned i = 0; i < PIPE_MAX; i++)
		queues[i][0] = queues[i][1] = (struct pqueue){ -1, -1 };
	for (unsigned i = 0; i < PWAIT_MAX; i++)
		free_waits[i] = (uint8_t)(PWAIT_MAX - 1 - i);
	nwaits = 0;
}

unsigned pipeio_waiting(void)
{
	return nwaits;
}

void pipeio_pipe(struct freq *r)
{
	struct fproc *p = r->p;
	uint64_t flags = r->a[0];
	uint32_t nb = (uint32_t)(flags & O_NONBLOCK);
	bool cloexec = flags & O_CLOEXEC;

	if (flags & ~(uint64_t)(O_CLOEXEC | O_NONBLOCK)) {
		r->w[0] = (uint64_t)-EINVAL;
		return;
	}
	int pi = pipe_new();
	if (pi < 0) {
		r->w[0] = (uint64_t)(int64_t)pi;
		return;
	}
	int ro = ofile_new(pipe_node, O_RDONLY | nb);
	if (ro < 0) {
		pipe_end_closed((unsigned)pi, false);
		pipe_end_closed((unsigned)pi, true);
		r->w[0] = (uint64_t)(int64_t)ro;
		return;
	}
	ofiles[ro].pipe = (uint16_t)(pi + 1);
	int wo = ofile_new(pipe_node, O_WRONLY | nb);
	if (wo < 0) {
		ofile_put((unsigned)ro);
		pipe_end_closed((unsigned)pi, true);
		r->w[0] = (uint64_t)(int64_t)wo;
		return;
	}
	ofiles[wo].pipe = (uint16_t)(pi + 1);
	int rfd = fd_install(p, ro, 0, cloexec);   /* drops ro if it fails */
	if (rfd < 0) {
		ofile_put((unsigned)wo);
		r->w[0] = (uint64_t)(int64_t)rfd;
		return;
	}
	int wfd = fd_install(p, wo, 0, cloexec);
	if (wfd < 0) {
		fd_close(p, rfd);
		r->w[0] = (uint64_t)(int64_t)wfd;
		return;
	}
	r->w[0] = 0;
	r->w[1] = (uint64_t)rfd;
	r->w[2] = (uint64_t)wfd;
}

/* A read of a non-empty pipe: what it holds, up to n, into the answer
 * (n small) or the caller's buffer. The bytes leave the ring only once
 * copied. The count, or -EFAULT. */
static int64_t read_step(struct pipe *pp, struct fproc *p, uint64_t buf,
			 uint64_t n, unsigned *nwords)
{
	if (n <= FS_INLINE_MAX) {
		size_t k = pipe_copy_out(pp, inline_data(), n);
		*nwords = FS_DATA_WORD + (unsigned)((k + 7) / 8);
		return (int64_t)k;
	}
	uint64_t done = 0;
	while (done < n) {
		const uint8_t *at;
		size_t k = pipe_peek(pp, &at);
		if (!k)
			break;
		if (k > n - done)
			k = n - done;
		if (user_copy(p, buf + done, at, k, true))
			break;
		pipe_consume(pp, k);
		done += k;
	}
	return done ? (int64_t)done : -EFAULT;
}

/* A write's next piece: as much as fits (all of it or nothing for an
 * atomic one), from src (small) or the caller's buffer. 0 or -EFAULT. */
static int write_step(struct pipe *pp, struct fproc *p, uint64_t buf,
		      const uint8_t *src, uint64_t n, uint64_t *done)
{
	if (n <= PIPE_ATOMIC && PIPE_CAP - pp->len < n)
		return 0;
	while (*done < n) {
		uint8_t *at;
		size_t k = pipe_room(pp, &at);
		if (!k)
			break;
		if (k > n - *done)
			k = n - *done;
		if (src)
			memcpy(at, src + *done, k);
		else if (user_copy(p, buf + *done, at, k, false))
			return -EFAULT;
		pipe_commit(pp, k);
		*done += k;
	}
	return 0;
}

static bool has_waiter(unsigned pi, bool write)
{
	return queues[pi][write].head >= 0;
}

/* Keep the current call waiting: its Reply saved, its state kept, at the
 * end of its pipe's queue. */
static int64_t wait_for(struct freq *r, unsigned o, uint64_t buf, uint64_t n,
			uint64_t done)
{
	if (nwaits == PWAIT_MAX || r->p->pwaits >= PWAIT_PER_PROC)
		return done ? (int64_t)done : -EAGAIN;
	uint64_t s = reply_keep();
	if (!s)
		return done ? (int64_t)done : -EAGAIN;
	unsigned i = free_waits[PWAIT_MAX - 1 - nwaits];
	unsigned pi = ofiles[o].pipe - 1u;
	bool write = r->label == FS_WRITE;
	struct pwait *w = &waits[i];
	/* Field by field: a compound literal would clear data's 480 bytes. */
	w->reply = s;
	w->pid = r->p->pid;
	w->ofile = (uint16_t)o;
	w->pipe = (uint8_t)pi;
	w->write = write;
	w->next = -1;
	w->buf = buf;
	w->n = n;
	w->done = done;
	if (write && n <= FS_INLINE_MAX)
		memcpy(w->data, inline_data(), n);
	struct pqueue *q = &queues[pi][write];
	if (q->tail >= 0)
		waits[q->tail].next = (int16_t)i;
	else
		q->head = (int16_t)i;
	q->tail = (int16_t)i;
	ofile_get(o);
	nwaits++;
	r->p->pwaits++;
	r->saved = true;
	return 0;
}

/* Take w out of its queue and free its entry (its Reply already used or
 * deleted). */
static void forget(struct pwait *w)
{
	struct pqueue *q = &queues[w->pipe][w->write];
	int16_t i = (int16_t)(w - waits), prev = -1;

	for (int16_t at = q->head; at != i; at = waits[at].next)
		prev = at;
	if (prev < 0)
		q->head = w->next;
	else
		waits[prev].next = w->next;
	if (q->tail == i)
		q->tail = prev;
	struct fproc *p = fproc_find(w->pid);
	if (p && p->pwaits)
		p->pwaits--;
	ofile_put(w->ofile);
	w->reply = 0;
	free_waits[PWAIT_MAX - nwaits] = (uint8_t)i;
	nwaits--;
}

void pipeio_rw(struct freq *r, unsigned o, uint64_t buf, uint64_t n)
{
	struct ofile *of = &ofiles[o];
	unsigned pi = of->pipe - 1u;
	struct pipe *pp = &pipes[pi];
	bool nb = of->flags & O_NONBLOCK;
	int64_t res;

	if (r->label == FS_READ) {
		if ((of->flags & O_ACCMODE) == O_WRONLY)   /* a FIFO's: O_RDWR */
			res = -EBADF;
		else if (!n)
			res = 0;
		else if (has_waiter(pi, false))
			res = nb ? -EAGAIN : wait_for(r, o, buf, n, 0);
		else if (pp->len) {
			res = read_step(pp, r->p, buf, n, &r->nwords);
			pipe_mark(pi);      /* room for waiting writers */
		} else if (!pp->writers)
			res = 0;
		else if (nb)
			res = -EAGAIN;
		else
			res = wait_for(r, o, buf, n, 0);
		r->w[0] = (uint64_t)res;
		return;
	}
	const uint8_t *src = n <= FS_INLINE_MAX ? inline_data() : NULL;
	uint64_t done = 0;
	if ((of->flags & O_ACCMODE) == O_RDONLY)
		res = -EBADF;
	else if (src && MSG_LEN(r->info) < FS_DATA_WORD + (n + 7) / 8)
		res = -EINVAL;
	else if (!pp->readers)
		res = -EPIPE;
	else if (!n)
		res = 0;
	else if (has_waiter(pi, true))
		res = nb ? -EAGAIN : wait_for(r, o, buf, n, 0);
	else if ((res = write_step(pp, r->p, buf, src, n, &done)) < 0 && !done)
		;
	else if (done == n || nb || res < 0)
		res = done ? (int64_t)done : -EAGAIN;
	else
		res = wait_for(r, o, buf, n, done);
	if (done)
		pipe_mark(pi);              /* data for waiting readers */
	r->w[0] = (uint64_t)res;
}

/* Answer waiting call w and forget it. */
static void answer(struct pwait *w, int64_t res, unsigned nwords)
{
	reply_answer(w->reply, MSG_INFO(0, nwords, 0), res);
	forget(w);
}

enum { STUCK, MOVED, ENDED };

/* Let waiting call w go on if it can: ENDED (answered), MOVED (a part of
 * a large write went in) or STUCK. */
static int resume(struct pwait *w, struct pipe *pp, unsigned pi)
{
	struct fproc *p = fproc_find(w->pid);
	unsigned nwords = IPC_REG_WORDS;

	if (!p) {
		/* Not possible (an exit drops its calls first); harmless. */
		answer(w, -ESRCH, nwords);
		return ENDED;
	}
	if (!w->write) {
		if (pp->len) {
			answer(w, read_step(pp, p, w->buf, w->n, &nwords), nwords);
			pipe_mark(pi);
			return ENDED;
		}
		if (!pp->writers) {
			answer(w, 0, nwords);
			return ENDED;
		}
		return STUCK;
	}
	if (!pp->readers) {
		answer(w, w->done ? (int64_t)w->done : -EPIPE, nwords);
		return ENDED;
	}
	uint64_t before = w->done;
	int err = write_step(pp, p, w->buf, w->n <= FS_INLINE_MAX ? w->data : NULL,
			     w->n, &w->done);
	if (w->done != before)
		pipe_mark(pi);
	if (err || w->done == w->n) {
		answer(w, w->done ? (int64_t)w->done : err, nwords);
		return ENDED;
	}
	return w->done != before ? MOVED : STUCK;
}

bool pipeio_wake(unsigned keep_words)
{
	struct kept_words kept;   /* not cleared: only n and held are read */
	bool any = false;
	int pi;

	kept.n = keep_words;
	kept.held = false;
	while ((pi = pipe_next_marked()) >= 0) {
		struct pqueue *q = queues[pi];
		any = true;
		if (q[0].head < 0 && q[1].head < 0)
			continue;
		words_keep(&kept);   /* the answer being built for the caller */
		struct pipe *pp = &pipes[pi];
		bool moved;
		do {
			moved = false;
			/* In order within each direction: the first that
			 * cannot go on holds back the ones behind it. */
			for (int dir = 0; dir < 2; dir++)
				while (q[dir].head >= 0) {
					int st = resume(&waits[q[dir].head], pp, (unsigned)pi);
					moved |= st != STUCK;
					if (st != ENDED)
						break;
				}
		} while (moved);
	}
	words_restore(&kept);
	return any;
}

unsigned pipeio_interrupt(int32_t pid, int64_t code)
{
	unsigned n = 0;

	for (unsigned i = 0; i < PWAIT_MAX; i++) {
		struct pwait *w = &waits[i];
		if (!w->reply || w->pid != pid)
			continue;
		pipe_mark(w->pipe);     /* the calls behind it may go on */
		answer(w, w->done ? (int64_t)w->done : code, IPC_REG_WORDS);
		n++;
	}
	return n;
}

void pipeio_drop(int32_t pid)
{
	for (unsigned i = 0; i < PWAIT_MAX; i++) {
		struct pwait *w = &waits[i];
		if (!w->reply || w->pid != pid)
			continue;
		reply_drop(w->reply);        /* deleted unanswered */
		pipe_mark(w->pipe);
		forget(w);
	}
}
