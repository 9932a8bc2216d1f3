/*
 * /dev/console in fs: what processes do on the terminal is forwarded to
 * the console server (proto/console.h, docs/proto-console.md), whose
 * every answer comes at once. A read console cannot satisfy yet
 * (-EAGAIN) keeps its caller's reply (SYS_REPLY_SAVE, as pipes' calls do)
 * and waits; console signals fs's notification, bound to fs, when input
 * may be there, and the loop then asks again for the oldest waiting read
 * (tty_wake), in arrival order. Writes go through whole before fs serves
 * anyone else, so one write is never interleaved with another process's.
 * ioctl's terminal requests (FS_IOCTL) go to console too; the window
 * size is fs's own answer (24 x 80).
 *
 * Without a console server in the image (FS_SLOT_TTY empty), io.c keeps
 * the old device: writes to the kernel debug console, reads at end of
 * file.
 */
#include <errno.h>
#include <fcntl.h>
#include <pith/syscall.h>
#include <proto/console.h>
#include <string.h>
#include <sys/ioctl.h>

#include "fs.h"

struct twait {
	uint64_t reply;          /* the saved Reply's slot; 0: free */
	uint64_t seq;            /* arrival order, and console's read number */
	int32_t pid;
	uint16_t ofile;          /* a reference held while waiting */
	uint64_t buf, n;
};

static struct twait twaits[TWAIT_MAX];
static unsigned ntwaits;
static uint64_t next_seq = 1;
static bool present;
static const uint8_t zeros[CON_INLINE_MAX];

static uint8_t *inline_data(void)
{
	return (uint8_t *)&fs_ib->mr[FS_DATA_WORD];
}

/* A call to console; its answer's w0 (or -EIO: console is gone). */
static long con_call(uint64_t op, unsigned len, uint64_t a, uint64_t b)
{
	struct msg m;

	_Static_assert(CON_DATA_WORD == FS_DATA_WORD, "data words line up");
	if (pith_ipc(SYS_CALL, FS_SLOT_TTY, MSG_INFO(op, len, 0), a, b, 0, &m))
		return -EIO;
	return (long)m.w[0];
}

void tty_init(void)
{
	present = con_call(CON_INFO, IPC_REG_WORDS, 0, 0) >= 0;
}

bool tty_present(void)
{
	return present;
}

/* The terminal's foreground process group and session (FS_PS_TTY). */
static int32_t fg_pgid = 1, fg_sid = 1;

void tty_set_foreground(int32_t pgid, int32_t sid)
{
	fg_pgid = pgid;
	fg_sid = sid;
}

bool tty_readable(void)
{
	/* Without console reads are at end of file; a console that fails
	 * fails a read at once: ready either way. */
	return !present || con_call(CON_POLL, IPC_REG_WORDS, 0, 0) != 0;
}

unsigned tty_waiting(void)
{
	return ntwaits;
}

/* One attempt at a read of n bytes for p: the count (data in fs's IPC
 * buffer words FS_DATA_WORD.. when n is small, else already copied to
 * buf), -EAGAIN (nothing yet) or -EFAULT. */
static int64_t attempt(struct fproc *p, uint64_t seq, uint64_t buf, uint64_t n,
		       unsigned *nwords)
{
	uint64_t k = n < CON_INLINE_MAX ? n : CON_INLINE_MAX;

	/* A large read's buffer must take the bytes before console gives
	 * them up: a page that is not there is -EFAULT now (libc touches
	 * it and asks again), never input lost. */
	if (n > FS_INLINE_MAX && user_copy(p, buf, zeros, k, true))
		return -EFAULT;
	long res = con_call(CON_READ, IPC_REG_WORDS, k, seq);
	if (res <= 0)
		return res;
	if (n <= FS_INLINE_MAX)
		*nwords = FS_DATA_WORD + (unsigned)((res + 7) / 8);
	else if (user_copy(p, buf, inline_data(), (size_t)res, true))
		return -EFAULT;      /* not possible: the page was just written */
	return res;
}

static void tty_read(struct freq *r, unsigned o, uint64_t buf, uint64_t n)
{
	bool nb = ofiles[o].flags & O_NONBLOCK;
	uint64_t seq = next_seq++;
	int64_t res;

	if (r->p->sid == fg_sid && r->p->pgid != fg_pgid) {
		r->w[0] = (uint64_t)-FS_ETTIN;   /* a background job: SIGTTIN */
		return;
	}
	if (!n) {
		r->w[0] = 0;
		return;
	}
	res = ntwaits ? -EAGAIN : attempt(r->p, seq, buf, n, &r->nwords);
	if (res == -EAGAIN && !nb) {
		struct twait *w = NULL;
		unsigned mine = 0;
		for (unsigned i = 0; i < TWAIT_MAX; i++) {
			if (!twaits[i].reply)
				w = w ? w : &twaits[i];
			else if (twaits[i].pid == r->p->pid)
				mine++;
		}
		uint64_t s = w && mine < PWAIT_PER_PROC ? reply_keep() : 0;
		if (s) {
			*w = (struct twait){ .reply = s, .seq = seq, .pid = r->p->pid,
					     .ofile = (uint16_t)o, .buf = buf, .n = n };
			ofile_get(o);
			ntwaits++;
			r->saved = true;
			return;
		}
		/* No room to wait: -EAGAIN. */
	}
	r->w[0] = (uint64_t)res;
}

static void tty_write(struct freq *r, uint64_t buf, uint64_t n)
{
	uint64_t done = 0;

	if (n <= FS_INLINE_MAX) {
		/* The data is in fs's IPC buffer already, where console's
		 * call wants it. */
		long res = n ? con_call(CON_WRITE, FS_DATA_WORD + (unsigned)((n + 7) / 8), n, 0) : 0;
		r->w[0] = (uint64_t)(res < 0 ? -EIO : (int64_t)n);
		return;
	}
	while (done < n) {
		uint64_t c = n - done < CON_INLINE_MAX ? n - done : CON_INLINE_MAX;
		if (user_copy(r->p, buf + done, inline_data(), c, false))
			break;
		if (con_call(CON_WRITE, FS_DATA_WORD + (unsigned)((c + 7) / 8), c, 0) < 0) {
			r->w[0] = (uint64_t)(done ? (int64_t)done : -EIO);
			return;
		}
		done += c;
	}
	r->w[0] = (uint64_t)(done ? (int64_t)done : -EFAULT);
}

void tty_rw(struct freq *r, unsigned o, uint64_t buf, uint64_t n)
{
	unsigned acc = ofiles[o].flags & O_ACCMODE;

	if (r->label == FS_READ) {
		if (acc == O_WRONLY)
			r->w[0] = (uint64_t)-EBADF;
		else
			tty_read(r, o, buf, n);
		return;
	}
	if (acc == O_RDONLY)
		r->w[0] = (uint64_t)-EBADF;
	else if (n <= FS_INLINE_MAX && MSG_LEN(r->info) < FS_DATA_WORD + (n + 7) / 8)
		r->w[0] = (uint64_t)-EINVAL;
	else
		tty_write(r, buf, n);
}

static void forget(struct twait *w)
{
	ofile_put(w->ofile);
	w->reply = 0;
	ntwaits--;
}

static struct twait *oldest(void)
{
	struct twait *best = NULL;

	for (unsigned i = 0; ntwaits && i < TWAIT_MAX; i++)
		if (twaits[i].reply && (!best || twaits[i].seq < best->seq))
			best = &twaits[i];
	return best;
}

void tty_wake(void)
{
	struct twait *w;

	while ((w = oldest())) {
		struct fproc *p = fproc_find(w->pid);
		unsigned nwords = IPC_REG_WORDS;
		int64_t res = p ? attempt(p, w->seq, w->buf, w->n, &nwords) : -ESRCH;
		if (res == -EAGAIN)
			return;          /* console signals again when it may go on */
		reply_answer(w->reply, MSG_INFO(0, nwords, 0), res);
		forget(w);
	}
}

void tty_drop(int32_t pid)
{
	bool any = false;

	for (unsigned i = 0; i < TWAIT_MAX; i++)
		if (twaits[i].reply && twaits[i].pid == pid) {
			reply_drop(twaits[i].reply);   /* deleted unanswered */
			forget(&twaits[i]);
			any = true;
		}
	if (any)
		tty_wake();              /* the next in line asks console now */
}

unsigned tty_interrupt(int32_t pid, int64_t code)
{
	unsigned n = 0;

	for (unsigned i = 0; i < TWAIT_MAX; i++)
		if (twaits[i].reply && twaits[i].pid == pid) {
			reply_answer(twaits[i].reply,
				     MSG_INFO(0, IPC_REG_WORDS, 0), code);
			forget(&twaits[i]);
			n++;
		}
	return n;
}

void tty_ioctl(struct freq *r)
{
	struct ofile *o = fd_get(r->p, (int64_t)r->a[0]);
	uint64_t req = r->a[1], arg = r->a[2];
	long res;

	if (!o) {
		r->w[0] = (uint64_t)-EBADF;
		return;
	}
	if (nodes[o->node].kind != NODE_CONSOLE || !present) {
		r->w[0] = (uint64_t)-ENOTTY;
		return;
	}
	switch (req) {
	case TCGETS:
		res = con_call(CON_GETATTR, IPC_REG_WORDS, 0, 0);
		if (res >= 0)
			r->nwords = FS_DATA_WORD + CON_TERMIOS_WORDS;
		break;
	case TCSETS: case TCSETSW: case TCSETSF:
		res = MSG_LEN(r->info) < FS_DATA_WORD + CON_TERMIOS_WORDS ? -EINVAL
		    : con_call(CON_SETATTR, FS_DATA_WORD + CON_TERMIOS_WORDS,
			       req - TCSETS, 0);
		break;
	case TCFLSH:
		res = con_call(CON_FLUSH, IPC_REG_WORDS, arg, 0);
		break;
	case TIOCSTI:
		/* As if typed: root only (Linux asks for CAP_SYS_ADMIN
		 * unless it is the caller's controlling terminal). */
		res = r->p->cred.uid ? -EPERM : con_call(CON_INJECT, IPC_REG_WORDS, arg, 0);
		break;
	case TIOCGWINSZ: {
		struct winsize ws = { .ws_row = 24, .ws_col = 80 };
		memcpy(inline_data(), &ws, sizeof(ws));
		r->nwords = FS_DATA_WORD + 1;
		res = 0;
		break;
	}
	case FIONREAD:
		res = con_call(CON_INFO, IPC_REG_WORDS, 0, 0);
		break;
	default:
		res = -ENOTTY;
	}
	r->w[0] = (uint64_t)res;
}
