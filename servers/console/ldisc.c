/*
 * The line discipline: the input queue with its line editing (canonical
 * mode: erase, kill, end of file, complete lines only), raw mode's bytes
 * as they come, echo, the signal characters, and output processing.
 * Pure: the server (main.c) moves the bytes and sends the signals; this
 * file is compiled on the host too (tests/unit/test_ldisc.c).
 *
 * The queue is a ring of LDISC_IN_MAX bytes. Bytes [0, done) from the
 * head may be read; in canonical mode they are whole lines, each ended
 * by a byte whose mark bit is set: a newline (or VEOL/VEOL2), which a
 * read returns, or the VEOF character (its eof bit set too), which a read
 * consumes without returning, so that ^D at a line's start reads as 0
 * bytes, end of file. Bytes [done, len) are the line being edited. A
 * full queue drops what is typed (a canonical queue keeps its last byte
 * for a line end, so a line is cut short, never run into the next), as
 * Linux's n_tty does; signal characters still work.
 */
#include <string.h>

#include "ldisc.h"

#define POSIX_VDISABLE 0

static uint32_t at(const struct ldisc *l, uint32_t i)
{
	return (l->head + i) % LDISC_IN_MAX;
}

static bool bit(const uint8_t *map, uint32_t i)
{
	return map[i / 8] >> (i % 8) & 1;
}

static void set_bit(uint8_t *map, uint32_t i, bool v)
{
	if (v)
		map[i / 8] |= (uint8_t)(1u << (i % 8));
	else
		map[i / 8] &= (uint8_t)~(1u << (i % 8));
}

void ldisc_init(struct ldisc *l)
{
	memset(l, 0, sizeof(*l));
	l->t.c_iflag = ICRNL | IXON | IMAXBEL | IUTF8;
	l->t.c_oflag = OPOST | ONLCR;
	l->t.c_cflag = CS8 | CREAD | B115200;
	l->t.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	l->t.c_cc[VINTR] = 0x03;
	l->t.c_cc[VQUIT] = 0x1c;
	l->t.c_cc[VERASE] = 0x7f;
	l->t.c_cc[VKILL] = 0x15;
	l->t.c_cc[VEOF] = 0x04;
	l->t.c_cc[VTIME] = 0;
	l->t.c_cc[VMIN] = 1;
	l->t.c_cc[VSTART] = 0x11;
	l->t.c_cc[VSTOP] = 0x13;
	l->t.c_cc[VSUSP] = 0x1a;
	l->t.c_cc[VREPRINT] = 0x12;
	l->t.c_cc[VDISCARD] = 0x0f;
	l->t.c_cc[VWERASE] = 0x17;
	l->t.c_cc[VLNEXT] = 0x16;
	l->t.c_ispeed = l->t.c_ospeed = B115200;
}

/* ---- output ---------------------------------------------------------------- */

static bool out_raw(struct ldisc *l, uint8_t c)
{
	if (l->outlen >= LDISC_OUT_MAX)
		return false;
	l->out[l->outlen++] = c;
	return true;
}

/* One byte through output processing; false if the queue is full. */
static bool out_put(struct ldisc *l, uint8_t c)
{
	if ((l->t.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR) && c == '\n') {
		if (l->outlen + 2 > LDISC_OUT_MAX)
			return false;
		out_raw(l, '\r');
	}
	return out_raw(l, c);
}

size_t ldisc_write(struct ldisc *l, const uint8_t *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!out_put(l, src[i]))
			break;
	return i;
}

size_t ldisc_take_out(struct ldisc *l, uint8_t *dst, size_t n)
{
	if (n > l->outlen)
		n = l->outlen;
	memcpy(dst, l->out, n);
	memmove(l->out, l->out + n, l->outlen - n);
	l->outlen -= (uint32_t)n;
	return n;
}

/* ---- echo ------------------------------------------------------------------ */

/* How a typed byte shows: control characters as ^X under ECHOCTL. */
static bool shown_as_ctl(const struct ldisc *l, uint8_t c)
{
	return (l->t.c_lflag & ECHOCTL) && (c < 32 || c == 0x7f) &&
	       c != '\n' && c != '\t' && c != '\r';
}

static void echo(struct ldisc *l, uint8_t c)
{
	if (!(l->t.c_lflag & ECHO)) {
		if (c == '\n' && (l->t.c_lflag & (ECHONL | ICANON)) == (ECHONL | ICANON))
			out_put(l, c);
		return;
	}
	if (shown_as_ctl(l, c)) {
		out_put(l, '^');
		out_put(l, c == 0x7f ? '?' : (uint8_t)(c + 64));
	} else {
		out_put(l, c);
	}
}

/* Take the last byte of the line being edited off the screen. */
static void echo_rubout(struct ldisc *l, uint8_t c)
{
	if (!(l->t.c_lflag & ECHO))
		return;
	for (int w = shown_as_ctl(l, c) ? 2 : 1; w > 0; w--) {
		out_put(l, '\b');
		out_put(l, ' ');
		out_put(l, '\b');
	}
}

/* ---- input ----------------------------------------------------------------- */

/* Two bits per queued byte in the mark map: */
#define MARK_END 0u              /* bit 2i: a line's last byte */
#define MARK_EOF 1u              /* bit 2i+1: that byte is VEOF, not data */

static bool mark_get(const struct ldisc *l, uint32_t pos, unsigned which)
{
	return bit(l->mark, pos * 2 + which);
}

static void mark_set(struct ldisc *l, uint32_t pos, bool end, bool eof)
{
	set_bit(l->mark, pos * 2 + MARK_END, end);
	set_bit(l->mark, pos * 2 + MARK_EOF, eof);
}

static void store(struct ldisc *l, uint8_t c, bool end, bool eof)
{
	uint32_t pos = at(l, l->len);

	l->in[pos] = c;
	mark_set(l, pos, end, eof);
	l->len++;
}

void ldisc_flush_in(struct ldisc *l)
{
	l->head = l->len = l->done = 0;
}

static bool is_cc(const struct ldisc *l, uint8_t c, int which)
{
	return l->t.c_cc[which] != POSIX_VDISABLE && c == l->t.c_cc[which];
}

/* The last byte of the line being edited, or -1 if it is empty. */
static int last(const struct ldisc *l)
{
	return l->len == l->done ? -1 : l->in[at(l, l->len - 1)];
}

/* Take back one character: one byte, or under IUTF8 a whole UTF-8
 * sequence (its continuation bytes 10xxxxxx and its lead), one column. */
static void erase(struct ldisc *l)
{
	int c = last(l);

	if (c < 0)
		return;                  /* nothing of this line left */
	l->len--;
	if ((l->t.c_iflag & IUTF8) && (c & 0xc0) == 0x80) {
		while ((c = last(l)) >= 0 && (c & 0xc0) == 0x80)
			l->len--;
		if (c >= 0xc0)
			l->len--;            /* the lead byte */
		c = 'x';                 /* one column to rub out */
	}
	echo_rubout(l, (uint8_t)c);
}

/* VWERASE (^W, under IEXTEN): the blanks before the cursor, then the
 * word before them. */
static void erase_word(struct ldisc *l)
{
	int c;

	while ((c = last(l)) == ' ' || c == '\t')
		erase(l);
	while ((c = last(l)) >= 0 && c != ' ' && c != '\t')
		erase(l);
}

static void kill_line(struct ldisc *l)
{
	if (!(l->t.c_lflag & ECHOKE) && (l->t.c_lflag & ECHO)) {
		l->len = l->done;
		echo(l, l->t.c_cc[VKILL]);
		if (l->t.c_lflag & ECHOK)
			out_put(l, '\n');
		return;
	}
	while (l->len > l->done)
		erase(l);
}

void ldisc_input(struct ldisc *l, uint8_t c)
{
	tcflag_t ifl = l->t.c_iflag, lfl = l->t.c_lflag;

	if (ifl & ISTRIP)
		c &= 0x7f;
	if (c == '\r') {
		if (ifl & IGNCR)
			return;
		if (ifl & ICRNL)
			c = '\n';
	} else if (c == '\n' && (ifl & INLCR)) {
		c = '\r';
	}
	if (lfl & ISIG) {
		unsigned s = is_cc(l, c, VINTR) ? LDISC_SIG_INT
			   : is_cc(l, c, VQUIT) ? LDISC_SIG_QUIT
			   : is_cc(l, c, VSUSP) ? LDISC_SIG_TSTP : 0;
		if (s) {
			l->sigs |= s;
			if (!(lfl & NOFLSH))
				ldisc_flush_in(l);
			echo(l, c);
			return;
		}
	}
	if (!(lfl & ICANON)) {
		if (l->len >= LDISC_IN_MAX) {
			l->dropped++;
			return;
		}
		store(l, c, false, false);
		l->done = l->len;
		echo(l, c);
		return;
	}
	if (is_cc(l, c, VERASE) || c == '\b') {
		erase(l);
		return;
	}
	if (is_cc(l, c, VKILL)) {
		kill_line(l);
		return;
	}
	if ((lfl & IEXTEN) && is_cc(l, c, VWERASE)) {
		erase_word(l);
		return;
	}
	bool eof = is_cc(l, c, VEOF);
	bool end = eof || c == '\n' || is_cc(l, c, VEOL) || is_cc(l, c, VEOL2);
	/* The last byte of the queue is kept for a line's end. */
	if (l->len >= LDISC_IN_MAX - (end ? 0 : 1)) {
		l->dropped++;
		if ((ifl & IMAXBEL) && (lfl & ECHO))
			out_put(l, '\a');
		return;
	}
	store(l, c, end, eof);
	if (end)
		l->done = l->len;
	if (!eof)
		echo(l, c);
}

/* ---- reading --------------------------------------------------------------- */

size_t ldisc_readable(const struct ldisc *l, bool *eof)
{
	*eof = false;
	if (!(l->t.c_lflag & ICANON))
		return l->len;
	for (uint32_t i = 0; i < l->done; i++) {
		uint32_t pos = at(l, i);
		if (mark_get(l, pos, MARK_END)) {
			if (mark_get(l, pos, MARK_EOF)) {
				*eof = i == 0;
				return i;
			}
			return i + 1;
		}
	}
	return l->done;
}

size_t ldisc_read(struct ldisc *l, uint8_t *dst, size_t n)
{
	size_t k = 0;

	if (!(l->t.c_lflag & ICANON)) {
		while (k < n && l->len) {
			dst[k++] = l->in[l->head];
			l->head = (l->head + 1) % LDISC_IN_MAX;
			l->len--;
		}
		l->done = l->len;
		return k;
	}
	while (k < n && l->done) {
		uint32_t pos = l->head;
		bool end = mark_get(l, pos, MARK_END), eof = mark_get(l, pos, MARK_EOF);
		l->head = (l->head + 1) % LDISC_IN_MAX;
		l->len--;
		l->done--;
		if (eof)
			break;               /* consumed, not returned */
		dst[k++] = l->in[pos];
		if (end)
			break;
	}
	return k;
}

void ldisc_set(struct ldisc *l, const struct termios *t)
{
	bool was = l->t.c_lflag & ICANON, now = t->c_lflag & ICANON;

	l->t = *t;
	if (was && !now) {
		l->done = l->len;        /* everything held is readable */
	} else if (!was && now && l->len) {
		/* What raw mode left unread is pushed as one line, as
		 * Linux does: a read takes it, editing starts afresh. */
		mark_set(l, at(l, l->len - 1), true, false);
		l->done = l->len;
	}
}
