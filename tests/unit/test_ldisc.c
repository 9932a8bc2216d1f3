/*
 * The console's line discipline (servers/console/ldisc.c) on the host:
 * canonical lines, erase (DEL and backspace, "\b \b" echoed), kill-line,
 * ^D at a line's start and after text, ICRNL and ONLCR, the signal
 * characters with their flush (and NOFLSH, ISIG off), echo off and
 * ECHONL, a full queue cutting a line short without running it into the
 * next, raw mode and the switches between the modes.
 */
#include <string.h>

#include "check.h"

#include "ldisc.h"

static struct ldisc l;

static void type(const char *s)
{
	while (*s)
		ldisc_input(&l, (uint8_t)*s++);
}

/* A read of at most n bytes, as a string. */
static const char *rd(size_t n)
{
	static char buf[LDISC_IN_MAX + 1];

	size_t k = ldisc_read(&l, (uint8_t *)buf, n);
	buf[k] = 0;
	return buf;
}

/* The echo and output so far, as a string, taken. */
static const char *out(void)
{
	static char buf[LDISC_OUT_MAX + 1];

	size_t k = ldisc_take_out(&l, (uint8_t *)buf, LDISC_OUT_MAX);
	buf[k] = 0;
	return buf;
}

static size_t readable(bool *eof)
{
	return ldisc_readable(&l, eof);
}

static void test_canonical(void)
{
	bool eof;

	ldisc_init(&l);
	type("hel");
	CHECK_EQ(readable(&eof), 0);           /* no whole line yet */
	CHECK(!eof);
	type("lo\r");                          /* ICRNL */
	CHECK_EQ(readable(&eof), 6);
	CHECK_STR(out(), "hello\r\n");        /* echo, ONLCR */
	type("two\n");
	CHECK_STR(rd(100), "hello\n");         /* one line per read */
	CHECK_STR(rd(2), "tw");                /* a short read leaves the rest */
	CHECK_STR(rd(100), "o\n");
	CHECK_EQ(readable(&eof), 0);
	CHECK_EQ(l.len, 0);
}

static void test_erase_kill(void)
{
	ldisc_init(&l);
	type("abx\x7f" "c\bd\n");             /* DEL and backspace both erase */
	CHECK_STR(rd(100), "abd\n");
	CHECK_STR(out(), "abx\b \bc\b \bd\r\n");
	type("\x7f\x7f" "z\n");                /* nothing to erase: no echo */
	CHECK_STR(out(), "z\r\n");
	CHECK_STR(rd(100), "z\n");
	type("wrong\x15right\n");              /* ^U */
	CHECK_STR(rd(100), "right\n");
	CHECK_STR(out(), "wrong\b \b\b \b\b \b\b \b\b \bright\r\n");
	type("done\n" "ab\x7f\x7f\x7f\n");     /* erase stops at the line's start */
	CHECK_STR(rd(100), "done\n");
	CHECK_STR(rd(100), "\n");
	/* ^W: the blanks, then the word before them. */
	out();
	type("one two  \x17three\n");
	CHECK_STR(rd(100), "one three\n");
	CHECK_STR(out(), "one two  \b \b\b \b\b \b\b \b\b \bthree\r\n");
	type("\x17\x17x\n");                 /* nothing to erase */
	CHECK_STR(rd(100), "x\n");
	/* IUTF8: a character of several bytes goes at once, one column. */
	out();
	type("a\xc3\xa9\xe2\x82\xac\x7f\x7f" "b\n");
	CHECK_STR(rd(100), "ab\n");
	CHECK_STR(out(), "a\xc3\xa9\xe2\x82\xac\b \b\b \bb\r\n");
	/* A control character echoed as ^X takes two columns to erase. */
	out();
	type("\x01\x7f");
	CHECK_STR(out(), "^A\b \b\b \b");
	type("\n");
	CHECK_STR(rd(100), "\n");
}

static void test_eof(void)
{
	bool eof;

	ldisc_init(&l);
	type("\x04");                          /* ^D at a line's start */
	CHECK_EQ(readable(&eof), 0);
	CHECK(eof);
	CHECK_STR(out(), "");                  /* not echoed */
	CHECK_STR(rd(100), "");                /* end of file: 0 bytes */
	CHECK_EQ(l.len, 0);                    /* and consumed */
	type("abc\x04" "next\n");              /* ^D after text: the text */
	CHECK_STR(rd(100), "abc");
	CHECK_STR(rd(100), "next\n");
	type("\x04\x04");                      /* two ends of file */
	CHECK_STR(rd(10), "");
	CHECK(readable(&eof) == 0 && eof);
	CHECK_STR(rd(10), "");
	CHECK(readable(&eof) == 0 && !eof);
}

static void test_signals(void)
{
	ldisc_init(&l);
	type("lost\x03");
	CHECK_EQ(l.sigs, LDISC_SIG_INT);
	CHECK_EQ(l.len, 0);                    /* flushed */
	CHECK_STR(out(), "lost^C");
	type("\x1c\x1a");
	CHECK_EQ(l.sigs, LDISC_SIG_INT | LDISC_SIG_QUIT | LDISC_SIG_TSTP);
	l.sigs = 0;
	struct termios t = l.t;
	t.c_lflag |= NOFLSH;
	ldisc_set(&l, &t);
	type("kept\n" "x\x03");
	CHECK_EQ(l.sigs, LDISC_SIG_INT);
	CHECK_STR(rd(100), "kept\n");
	l.sigs = 0;
	t.c_lflag &= ~(tcflag_t)(ISIG | NOFLSH);
	ldisc_set(&l, &t);
	ldisc_flush_in(&l);
	type("\x03\n");                        /* ISIG off: an ordinary byte */
	CHECK_EQ(l.sigs, 0);
	CHECK_STR(rd(100), "\x03\n");
}

static void test_echo_flags(void)
{
	ldisc_init(&l);
	struct termios t = l.t;
	t.c_lflag &= ~(tcflag_t)ECHO;
	ldisc_set(&l, &t);
	type("secret\n");
	CHECK_STR(out(), "");
	CHECK_STR(rd(100), "secret\n");
	t.c_lflag |= ECHONL;
	ldisc_set(&l, &t);
	type("pw\n");
	CHECK_STR(out(), "\r\n");              /* only the newline */
	rd(100);
	/* Output processing: ONLCR, and none without OPOST. */
	CHECK_EQ(ldisc_write(&l, (const uint8_t *)"a\nb", 3), 3);
	CHECK_STR(out(), "a\r\nb");
	t.c_oflag &= ~(tcflag_t)OPOST;
	ldisc_set(&l, &t);
	ldisc_write(&l, (const uint8_t *)"a\nb", 3);
	CHECK_STR(out(), "a\nb");
}

static void test_overflow(void)
{
	bool eof;

	ldisc_init(&l);
	struct termios t = l.t;
	t.c_lflag &= ~(tcflag_t)ECHO;
	ldisc_set(&l, &t);
	for (int i = 0; i < LDISC_IN_MAX + 100; i++)
		ldisc_input(&l, 'a');
	CHECK_EQ(l.len, LDISC_IN_MAX - 1);     /* one byte kept for the end */
	CHECK_EQ(l.dropped, 101);
	type("\nnext\n");                      /* the end fits; "next" is lost */
	CHECK_EQ(readable(&eof), LDISC_IN_MAX);
	const char *s = rd(LDISC_IN_MAX);
	CHECK_EQ(strlen(s), LDISC_IN_MAX);
	CHECK(s[LDISC_IN_MAX - 1] == '\n' && s[0] == 'a' && s[LDISC_IN_MAX - 2] == 'a');
	CHECK_EQ(readable(&eof), 0);           /* "next" never became a line */
	CHECK_EQ(l.dropped, 106);
	type("after\n");                       /* room again: whole lines */
	CHECK_STR(rd(100), "after\n");
	/* A full queue still takes ^C. */
	for (int i = 0; i < LDISC_IN_MAX + 10; i++)
		ldisc_input(&l, 'b');
	type("\x03");
	CHECK_EQ(l.sigs, LDISC_SIG_INT);
	CHECK_EQ(l.len, 0);
	/* A full raw queue drops the newest bytes. */
	cfmakeraw(&t);
	ldisc_set(&l, &t);
	for (int i = 0; i < LDISC_IN_MAX + 5; i++)
		ldisc_input(&l, (uint8_t)('0' + i % 10));
	CHECK_EQ(l.len, LDISC_IN_MAX);
	s = rd(LDISC_IN_MAX);
	CHECK(s[0] == '0' && s[LDISC_IN_MAX - 1] == '0' + (LDISC_IN_MAX - 1) % 10);
}

static void test_raw(void)
{
	bool eof;

	ldisc_init(&l);
	struct termios t = l.t;
	type("line\npart");                    /* canonical: "part" is being edited */
	t.c_lflag &= ~(tcflag_t)ICANON;
	ldisc_set(&l, &t);
	CHECK_EQ(readable(&eof), 9);           /* all of it, raw */
	CHECK_STR(rd(3), "lin");
	out();
	type("\x7f\x04\r");                    /* no editing, no EOF; ICRNL still */
	CHECK_STR(rd(100), "e\npart\x7f\x04\n");
	CHECK_STR(out(), "^?^D\r\n");          /* ECHOCTL */
	cfmakeraw(&t);
	ldisc_set(&l, &t);
	type("\r\x03");                        /* no ICRNL, no ISIG */
	CHECK_EQ(l.sigs, 0);
	CHECK_STR(rd(100), "\r\x03");
	CHECK_STR(out(), "");                  /* no echo */
	/* Back to canonical: what is held is pushed as one line (Linux). */
	type("ab\ncd");
	t = l.t;
	t.c_lflag |= ICANON;
	t.c_iflag |= ICRNL;
	ldisc_set(&l, &t);
	CHECK_EQ(readable(&eof), 5);
	type("\x7f" "e\n");                   /* nothing of the new line to erase */
	CHECK_STR(rd(100), "ab\ncd");
	CHECK_STR(rd(100), "e\n");
}

int main(void)
{
	test_canonical();
	test_erase_kill();
	test_eof();
	test_signals();
	test_echo_flags();
	test_overflow();
	test_raw();
	return check_summary("ldisc");
}
