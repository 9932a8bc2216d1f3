/*
 * The console server's logic (servers/console/calls.c) on the host, with
 * the hardware faked: fs's calls and their errors (a badge not fs's, an
 * unknown opcode, lengths out of range, a message shorter than its data,
 * a bad `when`, a speed, a byte over 255, a bad queue) leave the server
 * as it was; a waiting read is told exactly when it can go on (never for
 * a read that would wait again: the fs/console retry loop), in
 * canonical mode, with VMIN, VMIN 0 with VTIME, and VMIN with VTIME
 * between bytes; ^C raised; output processed; CON_INFO's counts;
 * CON_POLL's answers, and fs told once when a "no" becomes "yes".
 */
#include <errno.h>
#include <string.h>

#include "check.h"

#include <proto/console.h>
#include <uapi/ipc.h>

#include "cons.h"

/* ---- the fake hardware ------------------------------------------------------ */

static char output[8192];
static size_t outlen;
static unsigned sigs_raised, fs_told;
static uint64_t timer_ns;            /* UINT64_MAX: stopped */
static uint64_t clock_ns = 1000;

void hw_output(const uint8_t *bytes, size_t n)
{
	if (outlen + n < sizeof(output)) {
		memcpy(output + outlen, bytes, n);
		outlen += n;
		output[outlen] = 0;
	}
}

void hw_signals(unsigned sigs) { sigs_raised |= sigs; }
void hw_tell_fs(void) { fs_told++; }
void hw_timer(uint64_t ns) { timer_ns = ns; }
uint64_t hw_now(void) { return clock_ns; }

static void reset(void)
{
	con_init();
	outlen = 0;
	output[0] = 0;
	sigs_raised = fs_told = 0;
	timer_ns = UINT64_MAX;
}

/* ---- calls as fs makes them -------------------------------------------------- */

static uint64_t data[64 - CON_DATA_WORD];
static unsigned nwords;
static uint64_t w1, w2;

static int64_t call(uint64_t label, unsigned len, uint64_t a0, uint64_t a1)
{
	int64_t r = con_serve(label, CON_BADGE_FS, len, a0, a1, data, &nwords, &w1, &w2);
	con_tell_fs();                   /* what main.c does after each */
	return r;
}

static int64_t rd(uint64_t n, uint64_t seq)
{
	return call(CON_READ, IPC_REG_WORDS, n, seq);
}

static void type(const char *s)
{
	con_typed((const uint8_t *)s, strlen(s));
	con_tell_fs();
}

/* The kernel's timer fires at its deadline (and is then disarmed). */
static void fire(void)
{
	if (timer_ns != UINT64_MAX)
		clock_ns += timer_ns;
	timer_ns = UINT64_MAX;
	con_timer_fired();
	con_tell_fs();
}

static int64_t setattr(const struct termios *t, uint64_t when)
{
	memcpy(data, t, sizeof(*t));
	return call(CON_SETATTR, CON_DATA_WORD + CON_TERMIOS_WORDS, when, 0);
}

static struct termios raw(unsigned vmin, unsigned vtime)
{
	struct termios t = con_ld.t;

	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG);
	t.c_cc[VMIN] = (cc_t)vmin;
	t.c_cc[VTIME] = (cc_t)vtime;
	return t;
}

static void test_bad_messages(void)
{
	struct termios t;

	reset();
	CHECK_EQ(con_serve(CON_READ, 7, 3, 10, 1, data, &nwords, &w1, &w2), -EPERM);
	CHECK_EQ(call(0, 3, 0, 0), -ENOSYS);
	CHECK_EQ(call(CON_OP_MAX, 3, 0, 0), -ENOSYS);
	CHECK_EQ(call(0xdeadbeef, 3, 0, 0), -ENOSYS);
	CHECK_EQ(rd(0, 1), -EINVAL);
	CHECK_EQ(rd(CON_INLINE_MAX + 1, 1), -EINVAL);
	CHECK_EQ(rd(~0ull, 1), -EINVAL);
	CHECK_EQ(call(CON_WRITE, 64, CON_INLINE_MAX + 1, 0), -EINVAL);
	CHECK_EQ(call(CON_WRITE, CON_DATA_WORD + 1, 100, 0), -EINVAL);  /* 8 of 100 bytes */
	CHECK_EQ(outlen, 0);
	t = con_ld.t;
	CHECK_EQ(setattr(&t, 3), -EINVAL);
	CHECK_EQ(call(CON_SETATTR, CON_DATA_WORD + 2, TCSANOW, 0), -EINVAL);
	t.c_lflag &= ~(tcflag_t)ICANON;
	t.c_ospeed = B9600;
	CHECK_EQ(setattr(&t, TCSANOW), -EINVAL);
	CHECK(con_ld.t.c_lflag & ICANON);           /* unchanged */
	CHECK_EQ(call(CON_INJECT, 3, 256, 0), -EINVAL);
	CHECK_EQ(call(CON_FLUSH, 3, 3, 0), -EINVAL);
	CHECK_EQ(con_ld.len, 0);
	/* Everything still works. */
	CHECK_EQ(call(CON_GETATTR, 3, 0, 0), 0);
	CHECK_EQ(nwords, CON_DATA_WORD + CON_TERMIOS_WORDS);
	memcpy(&t, data, sizeof(t));
	CHECK(t.c_lflag & ICANON && t.c_cc[VMIN] == 1 && t.c_ospeed == B115200);
	type("ok\r");
	CHECK_EQ(rd(10, 2), 3);
	CHECK(!memcmp(data, "ok\n", 3));
	CHECK_EQ(nwords, CON_DATA_WORD + 1);
}

static void test_canonical_wait(void)
{
	reset();
	CHECK_EQ(rd(100, 1), -EAGAIN);
	CHECK_EQ(fs_told, 0);
	type("ab");
	CHECK_EQ(fs_told, 0);                    /* no line yet: no retry */
	type("\x7f");
	CHECK_EQ(fs_told, 0);
	type("c\r");
	CHECK_EQ(fs_told, 1);                    /* once */
	type("more\n");
	CHECK_EQ(fs_told, 1);
	CHECK_EQ(rd(100, 1), 3);
	CHECK(!memcmp(data, "ac\n", 3));
	CHECK_EQ(rd(100, 2), 5);
	CHECK_EQ(rd(100, 3), -EAGAIN);
	type("\x04");                            /* ^D: end of file */
	CHECK_EQ(fs_told, 2);
	CHECK_EQ(rd(100, 3), 0);
	CHECK_STR(output, "ab\b \bc\r\nmore\r\n");
}

static void test_vmin(void)
{
	struct termios t;

	reset();
	t = raw(3, 0);
	CHECK_EQ(setattr(&t, TCSANOW), 0);
	type("ab");
	CHECK_EQ(rd(100, 1), -EAGAIN);           /* 2 of 3 */
	CHECK_EQ(fs_told, 0);                    /* would only wait again */
	CHECK_EQ(rd(100, 1), -EAGAIN);
	CHECK_EQ(fs_told, 0);
	type("c");
	CHECK_EQ(fs_told, 1);
	CHECK_EQ(rd(100, 1), 3);
	type("xy");
	CHECK_EQ(rd(2, 2), 2);                   /* asks for fewer than VMIN */
	CHECK_EQ(timer_ns, UINT64_MAX);          /* no VTIME: no timer */
}

static void test_vtime(void)
{
	struct termios t;

	reset();
	t = raw(0, 3);
	CHECK_EQ(setattr(&t, TCSANOW), 0);
	CHECK_EQ(rd(10, 1), -EAGAIN);
	CHECK_EQ(timer_ns, 300000000ull);        /* 0.3 s */
	CHECK_EQ(fs_told, 0);
	fire();
	CHECK_EQ(fs_told, 1);
	CHECK_EQ(rd(10, 1), 0);                  /* timed out */
	CHECK_EQ(timer_ns, UINT64_MAX);
	CHECK_EQ(rd(10, 2), -EAGAIN);            /* a new read: a new timer */
	CHECK_EQ(timer_ns, 300000000ull);
	type("q");
	CHECK_EQ(fs_told, 2);                    /* a byte ends it at once */
	CHECK_EQ(rd(10, 2), 1);
	t = raw(0, 0);                           /* polling */
	CHECK_EQ(setattr(&t, TCSANOW), 0);
	CHECK_EQ(rd(10, 3), 0);
	/* VMIN 5, VTIME 2: the timer runs between bytes. */
	t = raw(5, 2);
	CHECK_EQ(setattr(&t, TCSANOW), 0);
	CHECK_EQ(rd(10, 4), -EAGAIN);
	CHECK_EQ(timer_ns, UINT64_MAX);          /* no byte yet: no timer */
	type("z");
	CHECK_EQ(timer_ns, 200000000ull);
	CHECK_EQ(fs_told, 2);
	timer_ns = 0;
	type("w");
	CHECK_EQ(timer_ns, 200000000ull);        /* restarted by the byte */
	fire();
	CHECK_EQ(fs_told, 3);
	CHECK_EQ(rd(10, 4), 2);
	CHECK(!memcmp(data, "zw", 2));
	/* A stale fire with no timer armed times nothing out. */
	con_timer_fired();
	CHECK_EQ(rd(10, 5), -EAGAIN);
	/* Nor does the bit of a stopped timer once a new one is armed. */
	type("k");
	CHECK_EQ(timer_ns, 200000000ull);
	clock_ns += 1000;
	con_timer_fired();                       /* before the deadline */
	con_tell_fs();
	CHECK_EQ(fs_told, 3);
	fire();
	CHECK_EQ(fs_told, 4);
	CHECK_EQ(rd(10, 5), 1);
}

static void test_signals_output_info(void)
{
	reset();
	type("abc\x03");
	CHECK_EQ(sigs_raised, LDISC_SIG_INT);
	CHECK_EQ(call(CON_INFO, 3, 0, 0), 0);
	CHECK_EQ(w1, 0);                         /* flushed by ^C */
	memcpy(data, "a\nb", 3);
	CHECK_EQ(call(CON_WRITE, CON_DATA_WORD + 1, 3, 0), 3);
	CHECK_STR(output, "abc^Ca\r\nb");
	type("line\npart");
	CHECK_EQ(call(CON_INFO, 3, 0, 0), 5);    /* a read could take "line\n" */
	CHECK_EQ(w1, 9);
	CHECK_EQ(call(CON_FLUSH, 3, TCIFLUSH, 0), 0);
	CHECK_EQ(call(CON_INFO, 3, 0, 0), 0);
	CHECK_EQ(call(CON_INJECT, 3, 'x', 0), 0);
	CHECK_EQ(call(CON_INFO, 3, 0, 0), 0);
	CHECK_EQ(w1, 1);
	CHECK_EQ(w2, 0);
}

static int64_t poll_con(void)
{
	return call(CON_POLL, IPC_REG_WORDS, 0, 0);
}

static void test_poll(void)
{
	struct termios t;

	reset();
	CHECK_EQ(poll_con(), 0);                 /* canonical: no line */
	type("ab");
	CHECK_EQ(fs_told, 0);
	type("\r");
	CHECK_EQ(fs_told, 1);                    /* told once, when a line came */
	type("cd\r");
	CHECK_EQ(fs_told, 1);                    /* nobody asked again */
	CHECK_EQ(poll_con(), 1);
	CHECK_EQ(rd(100, 1), 3);
	CHECK_EQ(rd(100, 2), 3);
	CHECK_EQ(poll_con(), 0);
	type("\x04");                            /* ^D: a read ends at once */
	CHECK_EQ(fs_told, 2);
	CHECK_EQ(poll_con(), 1);
	CHECK_EQ(rd(100, 3), 0);
	/* Raw, VMIN 3 without VTIME: three bytes; VMIN 0: one. */
	t = raw(3, 0);
	CHECK_EQ(setattr(&t, TCSANOW), 0);
	CHECK_EQ(poll_con(), 0);
	type("xy");
	CHECK_EQ(poll_con(), 0);
	CHECK_EQ(fs_told, 2);
	type("z");
	CHECK_EQ(fs_told, 3);
	CHECK_EQ(poll_con(), 1);
	CHECK_EQ(rd(100, 4), 3);
	t = raw(0, 5);
	CHECK_EQ(setattr(&t, TCSANOW), 0);
	CHECK_EQ(poll_con(), 0);
	CHECK_EQ(timer_ns, UINT64_MAX);          /* asking starts no timer */
	type("q");
	CHECK_EQ(fs_told, 4);
	CHECK_EQ(poll_con(), 1);
	/* Not fs: refused, nothing asked. */
	CHECK_EQ(con_serve(CON_POLL, 7, 3, 0, 0, data, &nwords, &w1, &w2), -EPERM);
}

int main(void)
{
	test_bad_messages();
	test_canonical_wait();
	test_vmin();
	test_vtime();
	test_signals_output_info();
	test_poll();
	return check_summary("console");
}
