/*
 * console: the terminal server (proto/console.h, docs/proto-console.md).
 * procsrv starts it at boot, before fs, as a plain task (no pid, no
 * pager), with the UART's receive interrupt, the kernel debug console
 * (the UART's registers: SYS_DEBUG_READ takes a received byte,
 * SYS_DEBUG_WRITE sends bytes), a notification bound to it, fs's
 * notification and three badged capabilities to procsrv's.
 *
 * Get work and do it, forever: the UART's interrupt (each byte through
 * the line discipline, ldisc.c; echo sent, ^C ^\ ^Z signalled to
 * procsrv, which knows the foreground process group), the VTIME timer,
 * and fs's calls for what processes do on /dev/console. Every call is
 * answered at once, so console never waits on anyone: a read with
 * nothing to give is -EAGAIN, and console signals fs's notification when
 * input that may satisfy it arrives; fs keeps the reader's reply and asks
 * again (servers/fs/tty.c).
 */
#include <errno.h>
#include <pith/clock.h>
#include <pith/spawn.h>
#include <pith/syscall.h>
#include <proto/console.h>
#include <stdio.h>
#include <string.h>

#include "ldisc.h"

static struct ldisc ld;
static struct ipc_buffer *const ib = (struct ipc_buffer *)(uintptr_t)SPAWN_IPCBUF_VADDR;

/* The read fs last asked for: its number, whether it was told -EAGAIN
 * (fs waits for a signal), and its VTIME timer. */
static uint64_t read_seq = ~0ull, read_n = 1;
static bool reader_waiting;
static bool timer_armed, timed_out;
/* The answer's w1 and w2 (CON_INFO). */
static uint64_t ans_w1, ans_w2;

static void flush_out(void)
{
	static uint8_t buf[4096];

	while (ld.outlen) {
		size_t k = ldisc_take_out(&ld, buf, sizeof(buf));
		sys_debug_write(CON_SLOT_UART, buf, k);
	}
}

static void send_sigs(void)
{
	if (ld.sigs & LDISC_SIG_INT)
		sys_signal(CON_SLOT_SIGINT);
	if (ld.sigs & LDISC_SIG_QUIT)
		sys_signal(CON_SLOT_SIGQUIT);
	if (ld.sigs & LDISC_SIG_TSTP)
		sys_signal(CON_SLOT_SIGTSTP);
	ld.sigs = 0;
}

static void timer_arm(void)
{
	uint64_t ns = (uint64_t)ld.t.c_cc[VTIME] * 100000000ull;

	sys_timer_set(CON_SLOT_NOTE, pith_clock_ns() + ns);
	timer_armed = true;
	timed_out = false;
}

static void timer_stop(void)
{
	if (timer_armed)
		sys_timer_set(CON_SLOT_NOTE, TIMER_NEVER);
	timer_armed = timed_out = false;
}

static bool canonical(void)
{
	return ld.t.c_lflag & ICANON;
}

/* Can the read of read_n bytes go on now? POSIX's rules: canonical, a
 * whole line (or end of file); raw with VMIN > 0, VMIN bytes (at most
 * what it asks for), or with VTIME too, a byte and the time between
 * bytes run out; VMIN 0: a byte, or VTIME run out (0: at once). do_read
 * and tell_fs decide by this one test, so console never signals fs for
 * a read that would only wait again (fs and console would take turns
 * for ever). */
static bool ready(void)
{
	uint64_t min = ld.t.c_cc[VMIN], vtime = ld.t.c_cc[VTIME];
	uint64_t want = min < read_n ? min : read_n;
	bool eof;

	if (canonical())
		return ldisc_readable(&ld, &eof) || eof;
	if (!min)
		return ld.len || !vtime || timed_out;
	return ld.len >= want || (vtime && ld.len && timed_out);
}

static void tell_fs(void)
{
	if (reader_waiting && ready()) {
		reader_waiting = false;
		sys_signal(CON_SLOT_FS_NOTE);
	}
}

/* After input: echo out, signals sent; with VMIN > 0 and VTIME, the
 * timer between bytes starts again. */
static void typed(uint32_t before)
{
	flush_out();
	send_sigs();
	if (!canonical() && ld.t.c_cc[VMIN] && ld.t.c_cc[VTIME] && reader_waiting &&
	    ld.len && ld.len != before)
		timer_arm();
}

/* The UART interrupt: every byte received, then the line unmasked. */
static void uart_drain(void)
{
	long c;
	uint32_t before = ld.len;

	while ((c = sys_debug_read(CON_SLOT_UART)) >= 0) {
		ldisc_input(&ld, (uint8_t)c);
		if (ld.outlen > LDISC_OUT_MAX / 2)
			flush_out();
	}
	sys_irq_ack(CON_SLOT_IRQ);
	typed(before);
}

/* CON_READ: n bytes at most, as the mode and VMIN/VTIME say. */
static int64_t do_read(uint64_t n, uint64_t seq, unsigned *nwords)
{
	uint8_t *dst = (uint8_t *)&ib->mr[CON_DATA_WORD];
	size_t k;

	if (!n || n > CON_INLINE_MAX)
		return -EINVAL;
	read_n = n;
	if (seq != read_seq) {
		read_seq = seq;          /* a new read: a new VTIME timer */
		timer_stop();
		if (!canonical() && !ld.t.c_cc[VMIN] && ld.t.c_cc[VTIME] && !ld.len)
			timer_arm();
	}
	if (!ready()) {
		/* VMIN and VTIME: the time between bytes runs from the
		 * last one. */
		if (!canonical() && ld.t.c_cc[VMIN] && ld.t.c_cc[VTIME] && ld.len &&
		    !timer_armed)
			timer_arm();
		reader_waiting = true;
		return -EAGAIN;
	}
	k = ldisc_read(&ld, dst, n);
	timer_stop();
	reader_waiting = false;
	*nwords = CON_DATA_WORD + (unsigned)((k + 7) / 8);
	return (int64_t)k;
}

static int64_t do_write(uint64_t n, uint64_t info)
{
	if (n > CON_INLINE_MAX || MSG_LEN(info) < CON_DATA_WORD + (n + 7) / 8)
		return -EINVAL;
	ldisc_write(&ld, (const uint8_t *)&ib->mr[CON_DATA_WORD], n);
	flush_out();
	return (int64_t)n;
}

static bool speed_ok(speed_t s)
{
	return s == B0 || s == B115200;
}

static int64_t do_setattr(uint64_t when, uint64_t info)
{
	struct termios t;

	if (when > TCSAFLUSH || MSG_LEN(info) < CON_DATA_WORD + CON_TERMIOS_WORDS)
		return -EINVAL;
	memcpy(&t, &ib->mr[CON_DATA_WORD], sizeof(t));
	if (!speed_ok(t.c_ispeed) || !speed_ok(t.c_ospeed) ||
	    !speed_ok(t.c_cflag & CBAUD))
		return -EINVAL;        /* the line's speed is fixed */
	t.c_ispeed = t.c_ospeed = B115200;
	t.c_cflag = (t.c_cflag & ~(tcflag_t)CBAUD) | B115200;
	/* Output is sent as it is written: TCSADRAIN has nothing to wait
	 * for. */
	if (when == TCSAFLUSH)
		ldisc_flush_in(&ld);
	ldisc_set(&ld, &t);
	timer_stop();
	read_seq = ~0ull;            /* VMIN/VTIME apply afresh */
	return 0;
}

static int64_t serve(const struct msg *m, unsigned *nwords)
{
	bool eof;

	if (m->badge != CON_BADGE_FS)
		return -EPERM;
	switch (MSG_LABEL(m->info)) {
	case CON_READ:
		return do_read(m->w[0], m->w[1], nwords);
	case CON_WRITE:
		return do_write(m->w[0], m->info);
	case CON_GETATTR:
		memcpy(&ib->mr[CON_DATA_WORD], &ld.t, sizeof(ld.t));
		*nwords = CON_DATA_WORD + CON_TERMIOS_WORDS;
		return 0;
	case CON_SETATTR:
		return do_setattr(m->w[0], m->info);
	case CON_INJECT: {
		uint32_t before = ld.len;
		if (m->w[0] > 0xff)
			return -EINVAL;
		ldisc_input(&ld, (uint8_t)m->w[0]);
		typed(before);
		return 0;
	}
	case CON_FLUSH:
		if (m->w[0] > TCIOFLUSH)
			return -EINVAL;
		if (m->w[0] != TCOFLUSH)
			ldisc_flush_in(&ld);   /* output is never held back */
		return 0;
	case CON_INFO: {
		size_t k = canonical() ? ldisc_readable(&ld, &eof) : ld.len;
		ans_w1 = ld.len;
		ans_w2 = ld.dropped;
		return (int64_t)k;
	}
	default:
		return -ENOSYS;
	}
}

int main(void)
{
	struct msg m;
	long err;

	pith_console_slot = CON_SLOT_UART;    /* our own messages */
	ldisc_init(&ld);
	if ((err = sys_irq_set(CON_SLOT_IRQ, CON_SLOT_NOTE, CON_NOTE_IRQ)))
		printf("console: no UART interrupt (%ld): no input\n", err);
	uart_drain();            /* what came before the line was bound */
	err = sys_recv(CON_SLOT_EP, &m);
	for (;;) {
		unsigned nwords = IPC_REG_WORDS;
		int64_t res;
		if (err) {
			err = sys_recv(CON_SLOT_EP, &m);
			continue;
		}
		if (MSG_IS_NOTIFY(m.info)) {
			if (m.badge & CON_NOTE_IRQ)
				uart_drain();
			if (m.badge & CON_NOTE_TIMER) {
				timer_armed = false;
				timed_out = true;
			}
			tell_fs();
			err = sys_recv(CON_SLOT_EP, &m);
			continue;
		}
		ans_w1 = ans_w2 = 0;
		res = serve(&m, &nwords);
		tell_fs();
		err = pith_ipc(SYS_REPLY_RECV, CON_SLOT_EP, MSG_INFO(0, nwords, 0),
			       (uint64_t)res, ans_w1, ans_w2, &m);
	}
}
