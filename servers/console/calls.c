/*
 * console's logic (cons.h): fs's calls on the terminal, the bytes
 * typed, the VTIME timer, and when fs is told that the read it keeps
 * waiting may go on. No system call here but main.c's hw_* functions,
 * so this file and ldisc.c are tested on the host
 * (tests/unit/test_console.c).
 */
#include <errno.h>
#include <proto/console.h>
#include <string.h>
#include <uapi/ipc.h>

#include "cons.h"

struct ldisc con_ld;
#define ld con_ld

#define NS_PER_VTIME 100000000ull    /* VTIME counts tenths of a second */
#define TIMER_STOP   UINT64_MAX

/* The read fs last asked for: its number and size, whether it was told
 * -EAGAIN (fs waits for a signal), and its VTIME timer. */
static uint64_t read_seq, read_n;
static bool reader_waiting;
static bool poller_waiting;  /* CON_POLL said no: tell fs when it is yes */
static bool timer_armed, timed_out;
static uint64_t deadline;

void con_init(void)
{
	ldisc_init(&ld);
	read_seq = ~0ull;
	read_n = 1;
	reader_waiting = poller_waiting = timer_armed = timed_out = false;
}

static void flush_out(void)
{
	uint8_t buf[512];

	while (ld.outlen) {
		size_t k = ldisc_take_out(&ld, buf, sizeof(buf));
		hw_output(buf, k);
	}
}

static void timer_arm(void)
{
	uint64_t ns = (uint64_t)ld.t.c_cc[VTIME] * NS_PER_VTIME;

	deadline = hw_now() + ns;
	hw_timer(ns);
	timer_armed = true;
	timed_out = false;
}

static void timer_stop(void)
{
	if (timer_armed)
		hw_timer(TIMER_STOP);
	timer_armed = timed_out = false;
}

static bool canonical(void)
{
	return ld.t.c_lflag & ICANON;
}

/* VMIN > 0 and VTIME > 0: VTIME is the time between bytes. */
static bool interbyte(void)
{
	return !canonical() && ld.t.c_cc[VMIN] && ld.t.c_cc[VTIME];
}

/* Can the read of read_n bytes go on now? POSIX's rules: canonical, a
 * whole line (or end of file); raw with VMIN > 0, VMIN bytes (at most
 * what it asks for), or with VTIME too, a byte and the time between
 * bytes run out; VMIN 0: a byte, or VTIME run out (VTIME 0: at once).
 * do_read and con_tell_fs decide by this one test, so console never
 * signals fs for a read that would only wait again (fs and console
 * would take turns for ever). */
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

/* CON_POLL: would a read not wait now? As Linux's terminals answer
 * poll: canonical, a line or an end of file; raw, VMIN bytes when VTIME
 * is 0 and VMIN > 0, else a byte (no timer is started for the asking). */
static bool poll_ready(void)
{
	uint64_t min = ld.t.c_cc[VMIN];
	bool eof;

	if (canonical())
		return ldisc_readable(&ld, &eof) || eof;
	return ld.len >= (min && !ld.t.c_cc[VTIME] ? min : 1);
}

void con_tell_fs(void)
{
	bool tell = false;

	if (reader_waiting && ready()) {
		reader_waiting = false;
		tell = true;
	}
	if (poller_waiting && poll_ready()) {
		poller_waiting = false;
		tell = true;
	}
	if (tell)
		hw_tell_fs();
}

/* After input: echo out, signals sent; the time between bytes starts
 * again. */
static void after_input(uint32_t before)
{
	flush_out();
	if (ld.sigs)
		hw_signals(ld.sigs);
	ld.sigs = 0;
	if (interbyte() && reader_waiting && ld.len && ld.len != before)
		timer_arm();
}

void con_typed(const uint8_t *bytes, size_t n)
{
	uint32_t before = ld.len;

	for (size_t i = 0; i < n; i++) {
		ldisc_input(&ld, bytes[i]);
		if (ld.outlen > LDISC_OUT_MAX / 2)
			flush_out();
	}
	after_input(before);
}

void con_timer_fired(void)
{
	/* A timer stopped just after it fired still leaves its bit: only
	 * the armed one's deadline counts. */
	if (timer_armed && hw_now() >= deadline) {
		timer_armed = false;
		timed_out = true;
	}
}

/* CON_READ: n bytes at most, as the mode and VMIN/VTIME say. */
static int64_t do_read(uint64_t n, uint64_t seq, uint64_t *data, unsigned *nwords)
{
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
		if (interbyte() && ld.len && !timer_armed)
			timer_arm();
		reader_waiting = true;
		return -EAGAIN;
	}
	k = ldisc_read(&ld, (uint8_t *)data, n);
	timer_stop();
	reader_waiting = false;
	*nwords = CON_DATA_WORD + (unsigned)((k + 7) / 8);
	return (int64_t)k;
}

static int64_t do_write(uint64_t n, unsigned len, const uint64_t *data)
{
	if (n > CON_INLINE_MAX || len < CON_DATA_WORD + (n + 7) / 8)
		return -EINVAL;
	ldisc_write(&ld, (const uint8_t *)data, n);
	flush_out();
	return (int64_t)n;
}

static bool speed_ok(speed_t s)
{
	return s == B0 || s == B115200;
}

static int64_t do_setattr(uint64_t when, unsigned len, const uint64_t *data)
{
	struct termios t;

	if (when > TCSAFLUSH || len < CON_DATA_WORD + CON_TERMIOS_WORDS)
		return -EINVAL;
	memcpy(&t, data, sizeof(t));
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

int64_t con_serve(uint64_t label, uint64_t badge, unsigned len, uint64_t a0,
		  uint64_t a1, uint64_t *data, unsigned *nwords, uint64_t *w1,
		  uint64_t *w2)
{
	bool eof;

	*nwords = IPC_REG_WORDS;
	*w1 = *w2 = 0;
	if (badge != CON_BADGE_FS)
		return -EPERM;
	switch (label) {
	case CON_READ:
		return do_read(a0, a1, data, nwords);
	case CON_WRITE:
		return do_write(a0, len, data);
	case CON_GETATTR:
		memcpy(data, &ld.t, sizeof(ld.t));
		*nwords = CON_DATA_WORD + CON_TERMIOS_WORDS;
		return 0;
	case CON_SETATTR:
		return do_setattr(a0, len, data);
	case CON_INJECT: {
		uint8_t c = (uint8_t)a0;
		if (a0 > 0xff)
			return -EINVAL;
		con_typed(&c, 1);
		return 0;
	}
	case CON_FLUSH:
		if (a0 > TCIOFLUSH)
			return -EINVAL;
		if (a0 != TCOFLUSH)
			ldisc_flush_in(&ld);   /* output is never held back */
		return 0;
	case CON_POLL:
		poller_waiting = !poll_ready();
		return !poller_waiting;
	case CON_INFO:
		*w1 = ld.len;
		*w2 = ld.dropped;
		return (int64_t)(canonical() ? ldisc_readable(&ld, &eof) : ld.len);
	default:
		return -ENOSYS;
	}
}
