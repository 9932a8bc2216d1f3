/*
 * The console (servers/console, docs/proto-console.md) as programs meet
 * it: run as the system's only job (init=/bin/contest) under the session
 * test session-console (tests/session/console.session), which types into
 * the serial port, once the first test has a child in the foreground:
 *
 *   ^C  hello world\r  abx DEL c BS d\r  wrong ^U right\r  ^D  abc^D  xyz\r
 *
 * ^C kills that child (SIGINT to the foreground group), then the lines
 * are read in canonical mode (ICRNL, erase, kill, end of file), and the
 * last one in raw mode byte by byte. The rest types with TIOCSTI (as if
 * typed; root only): VMIN/VTIME, ^Z and ^\ to a foreground child, a
 * reader killed while it waits; and the errors of tcsetpgrp, tcgetattr
 * and bad messages through fs; a background job's read (SIGTTIN). Last,
 * select and poll on the terminal:
 * with TIOCSTI, then a line the session types while select waits.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pith/syscall.h>
#include <poll.h>
#include <proto/fs.h>
#include <proto/procsrv.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"

#define FAILS(call, e) ((call) == -1 && errno == (e))

static struct termios saved;

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* A child in a process group of its own, made the foreground one; it
 * sleeps (at most 15 s) until a signal ends or stops it. */
static pid_t foreground_sleeper(void)
{
	pid_t c = fork();

	if (c == 0) {
		setpgid(0, 0);
		for (int i = 0; i < 150; i++)
			usleep(100000);
		_exit(0);
	}
	if (c < 0 || setpgid(c, c) || tcsetpgrp(0, c))
		return -1;
	return c;
}

static bool back_to_foreground(void)
{
	return tcsetpgrp(0, getpgrp()) == 0 && tcgetpgrp(0) == getpgrp();
}

static bool type(const char *s)
{
	for (; *s; s++)
		if (ioctl(0, TIOCSTI, s))
			return false;
	return true;
}

/* FS_INFO's word 4: calls waiting in fs. */
static long fs_waiting(void)
{
	struct ipc_buffer *ib = (struct ipc_buffer *)(uintptr_t)PROC_IPCBUF_VADDR;
	struct msg m;

	if (pith_ipc(SYS_CALL, PROC_SLOT_FS, MSG_INFO(FS_INFO, 3, 0), 0, 0, 0, &m))
		return -1;
	return (long)ib->mr[4];
}

/* ---- typed into the serial port ---------------------------------------- */

static bool test_sigint_foreground_child(void)
{
	int st = 0;

	CHECK(tcgetpgrp(0) == getpgrp());      /* init's group at boot */
	pid_t c = foreground_sleeper();
	CHECK(c > 0);
	CHECK(tcgetpgrp(0) == c);
	printf("  contest: child %d in the foreground; waiting for ^C on the serial port\n", c);
	CHECK(waitpid(c, &st, 0) == c);
	if (!WIFSIGNALED(st))
		printf("  contest: the child was not signalled (status %#x): did the input come "
		       "before it was in the foreground?\n", st);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGINT);
	CHECK(back_to_foreground());
	return true;
}

static bool test_canonical_lines(void)
{
	char buf[128];

	memset(buf, 0, sizeof(buf));
	CHECK(read(0, buf, sizeof(buf)) == 12 && !memcmp(buf, "hello world\n", 12));
	CHECK(read(0, buf, sizeof(buf)) == 4 && !memcmp(buf, "abd\n", 4));   /* DEL, BS */
	CHECK(read(0, buf, sizeof(buf)) == 6 && !memcmp(buf, "right\n", 6)); /* ^U */
	CHECK(read(0, buf, sizeof(buf)) == 0);                               /* ^D */
	CHECK(read(0, buf, sizeof(buf)) == 3 && !memcmp(buf, "abc", 3));     /* abc^D */
	return true;
}

static bool test_raw_bytes(void)
{
	struct termios t;
	char buf[16];
	int n = -1;

	t = saved;
	cfmakeraw(&t);                  /* VMIN 1: each read waits for a byte */
	CHECK(tcsetattr(0, TCSANOW, &t) == 0);
	CHECK(read(0, buf, 1) == 1 && buf[0] == 'x');
	CHECK(ioctl(0, FIONREAD, &n) == 0 && n >= 0 && n <= 3);
	CHECK(read(0, buf, 1) == 1 && buf[0] == 'y');
	/* "z\n" (typed as z and Enter: the \r ICRNL made \n while the line
	 * was still canonical, or a \r if it came after the switch). */
	CHECK(read(0, buf, 1) == 1 && buf[0] == 'z');
	CHECK(read(0, buf, 1) == 1 && (buf[0] == '\n' || buf[0] == '\r'));
	CHECK(tcsetattr(0, TCSANOW, &saved) == 0);
	return true;
}

/* ---- typed with TIOCSTI ------------------------------------------------------ */

static bool test_vmin_vtime(void)
{
	struct termios t = saved;
	char buf[16];

	cfmakeraw(&t);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	CHECK(tcsetattr(0, TCSAFLUSH, &t) == 0);
	uint64_t t0 = now_ms();
	CHECK(read(0, buf, sizeof(buf)) == 0);          /* polling: nothing */
	CHECK(now_ms() - t0 < 200);
	t.c_cc[VTIME] = 3;                               /* 0.3 s */
	CHECK(tcsetattr(0, TCSANOW, &t) == 0);
	t0 = now_ms();
	CHECK(read(0, buf, sizeof(buf)) == 0);           /* timed out */
	uint64_t dt = now_ms() - t0;
	printf("  contest: VMIN 0 VTIME 3 read returned 0 after %llu ms\n",
	       (unsigned long long)dt);
	CHECK(dt >= 250 && dt < 2000);
	CHECK(type("q"));
	CHECK(read(0, buf, sizeof(buf)) == 1 && buf[0] == 'q');   /* at once */
	/* VMIN 3: the read waits for the third byte, typed by a child. */
	t.c_cc[VMIN] = 3;
	t.c_cc[VTIME] = 0;
	CHECK(tcsetattr(0, TCSANOW, &t) == 0);
	CHECK(type("ab"));
	int n = -1;
	CHECK(ioctl(0, FIONREAD, &n) == 0 && n == 2);
	pid_t c = fork();
	if (c == 0) {
		usleep(300000);
		_exit(type("c") ? 0 : 1);
	}
	CHECK(c > 0);
	t0 = now_ms();
	CHECK(read(0, buf, sizeof(buf)) == 3 && !memcmp(buf, "abc", 3));
	CHECK(now_ms() - t0 >= 200);
	int st;
	CHECK(waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* VMIN 5 VTIME 2: one byte, then 0.2 s without another ends it. */
	t.c_cc[VMIN] = 5;
	t.c_cc[VTIME] = 2;
	CHECK(tcsetattr(0, TCSANOW, &t) == 0);
	CHECK(type("z"));
	t0 = now_ms();
	CHECK(read(0, buf, sizeof(buf)) == 1 && buf[0] == 'z');
	CHECK(now_ms() - t0 >= 150);
	/* O_NONBLOCK: nothing is EAGAIN whatever VMIN says. */
	int fd = open("/dev/console", O_RDONLY | O_NONBLOCK);
	CHECK(fd >= 0);
	CHECK(FAILS(read(fd, buf, sizeof(buf)), EAGAIN));
	close(fd);
	CHECK(tcsetattr(0, TCSANOW, &saved) == 0);
	return true;
}

static bool test_signals_typed(void)
{
	int st = 0;
	pid_t c = foreground_sleeper();

	CHECK(c > 0);
	CHECK(type("\x1a"));                    /* ^Z */
	CHECK(waitpid(c, &st, WUNTRACED) == c);
	CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP);
	CHECK(kill(c, SIGKILL) == 0 && waitpid(c, &st, 0) == c);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	c = foreground_sleeper();
	CHECK(c > 0);
	CHECK(type("\x1c"));                    /* ^\ */
	CHECK(waitpid(c, &st, 0) == c);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGQUIT);
	CHECK(back_to_foreground());
	/* ISIG off: ^C is a byte like any other. */
	struct termios t = saved;
	t.c_lflag &= ~(tcflag_t)(ISIG | ECHO);
	CHECK(tcsetattr(0, TCSANOW, &t) == 0);
	char buf[8];
	CHECK(type("\x03\n"));
	CHECK(read(0, buf, sizeof(buf)) == 2 && buf[0] == 3);
	CHECK(tcsetattr(0, TCSANOW, &saved) == 0);
	printf("\n");                           /* after the echoed ^Z ^\ */
	return true;
}

static bool test_reader_killed(void)
{
	long before = fs_waiting();
	int st;
	char buf[64];

	CHECK(before >= 0);
	pid_t c = fork();
	if (c == 0) {
		read(0, buf, sizeof(buf));
		_exit(7);
	}
	CHECK(c > 0);
	for (int i = 0; i < 100 && fs_waiting() == before; i++)
		usleep(10000);
	CHECK(fs_waiting() == before + 1);      /* it waits in fs */
	CHECK(kill(c, SIGKILL) == 0 && waitpid(c, &st, 0) == c);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	CHECK(fs_waiting() == before);          /* its wait is gone */
	/* The next reader is served as if nothing happened. */
	CHECK(type("ok\n"));
	CHECK(read(0, buf, sizeof(buf)) == 3 && !memcmp(buf, "ok\n", 3));
	return true;
}

/* A handled signal interrupts a read of the terminal waiting for a line:
 * EINTR without SA_RESTART; with it the read goes on and returns the line
 * the handler typed (TIOCSTI). */
static volatile int tty_alarms;
static bool tty_alarm_types;

static void on_tty_alarm(int sig)
{
	(void)sig;
	tty_alarms++;
	if (tty_alarm_types)
		type("after the signal\n");
}

static bool alarm_in(long ms, bool restart)
{
	struct sigaction sa;
	struct itimerval it = { .it_value = { ms / 1000, (ms % 1000) * 1000 } };

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_tty_alarm;
	sa.sa_flags = restart ? SA_RESTART : 0;
	return sigaction(SIGALRM, &sa, NULL) == 0 &&
	       setitimer(ITIMER_REAL, &it, NULL) == 0;
}

static bool test_read_interrupted(void)
{
	char buf[64];
	long waiting = fs_waiting();

	tty_alarms = 0;
	tty_alarm_types = false;
	CHECK(alarm_in(50, false));
	errno = 0;
	CHECK(read(0, buf, sizeof(buf)) == -1 && errno == EINTR);
	CHECK(tty_alarms == 1);
	CHECK(fs_waiting() == waiting);          /* fs let go of the call */

	tty_alarm_types = true;
	CHECK(alarm_in(50, true));
	memset(buf, 0, sizeof(buf));
	CHECK(read(0, buf, sizeof(buf)) == 17 && !memcmp(buf, "after the signal\n", 17));
	CHECK(tty_alarms == 2);
	CHECK(signal(SIGALRM, SIG_DFL) != SIG_ERR);
	return true;
}

static bool test_attrs_and_errors(void)
{
	struct termios t;
	struct winsize ws;
	int nul = open("/dev/null", O_RDWR);

	CHECK(tcgetattr(0, &t) == 0);
	CHECK((t.c_lflag & (ICANON | ECHO | ISIG)) == (ICANON | ECHO | ISIG));
	CHECK((t.c_iflag & ICRNL) && (t.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR));
	CHECK(t.c_cc[VMIN] == 1 && t.c_cc[VTIME] == 0 && t.c_cc[VINTR] == 3 &&
	      t.c_cc[VEOF] == 4 && t.c_cc[VERASE] == 0x7f && t.c_cc[VKILL] == 0x15);
	CHECK(cfgetospeed(&t) == B115200 && cfgetispeed(&t) == B115200);
	CHECK(FAILS(cfsetospeed(&t, B9600), EINVAL));
	CHECK(cfsetspeed(&t, B115200) == 0);
	CHECK(FAILS(tcsetattr(0, 7, &t), EINVAL));
	t.c_ospeed = B9600;
	CHECK(FAILS(tcsetattr(0, TCSANOW, &t), EINVAL));     /* speed is fixed */
	CHECK(FAILS(tcgetattr(nul, &t), ENOTTY));
	CHECK(FAILS(tcgetattr(55, &t), EBADF));
	CHECK(ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row == 24 && ws.ws_col == 80);
	CHECK(FAILS(ioctl(0, 0x5499, 0), ENOTTY));
	CHECK(FAILS(ioctl(nul, TIOCGWINSZ, &ws), ENOTTY));
	CHECK(isatty(0) && !isatty(nul));
	CHECK(ttyname(0) && !strcmp(ttyname(0), "/dev/console"));
	CHECK(!ttyname(nul) && errno == ENOTTY);
	char small[4];
	CHECK(ttyname_r(0, small, sizeof(small)) == ERANGE);
	CHECK(tcdrain(1) == 0 && tcflush(0, TCIFLUSH) == 0);
	CHECK(FAILS(tcflush(0, 9), EINVAL));
	CHECK(tcgetsid(0) == getsid(0));
	close(nul);
	return true;
}

static bool test_tcsetpgrp_errors(void)
{
	int nul = open("/dev/null", O_RDONLY), st;

	CHECK(FAILS(tcsetpgrp(0, 0), EINVAL));
	CHECK(FAILS(tcsetpgrp(0, -3), EINVAL));
	CHECK(FAILS(tcsetpgrp(0, 30000), EPERM));       /* no such group */
	CHECK(FAILS(tcsetpgrp(nul, getpgrp()), ENOTTY));
	CHECK(FAILS(tcsetpgrp(60, getpgrp()), EBADF));
	CHECK(FAILS(tcgetpgrp(nul), ENOTTY));
	/* A child in a session of its own: not its terminal; and its
	 * group, of another session, cannot be made the foreground one. */
	int p[2];
	CHECK(pipe(p) == 0);
	pid_t c = fork();
	if (c == 0) {
		char x;
		int bad = setsid() < 0 || !FAILS(tcgetpgrp(0), ENOTTY) ||
			  !FAILS(tcsetpgrp(0, getpid()), ENOTTY);
		close(p[1]);
		read(p[0], &x, 1);              /* wait for the parent's checks */
		_exit(bad);
	}
	CHECK(c > 0);
	close(p[0]);
	for (int i = 0; i < 100 && getsid(c) != c; i++)
		usleep(10000);
	CHECK(getsid(c) == c);
	CHECK(FAILS(tcsetpgrp(0, c), EPERM));
	close(p[1]);
	CHECK(waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* TIOCSTI is root's. */
	c = fork();
	if (c == 0)
		_exit(setuid(1000) == 0 && FAILS(ioctl(0, TIOCSTI, "x"), EPERM) ? 0 : 1);
	CHECK(c > 0 && waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(tcgetpgrp(0) == getpgrp());
	close(nul);
	return true;
}

/* Bad messages to fs for the console: each answered with its error,
 * and the console works as before afterwards. */
static bool test_bad_messages(void)
{
	struct msg m;
	char buf[8];
	int p[2];

	CHECK(pipe(p) == 0);
#define CALL(op, len, a, b, c) \
	(pith_ipc(SYS_CALL, PROC_SLOT_FS, MSG_INFO(op, len, 0), a, b, c, &m) ? -999 : (long)m.w[0])
	CHECK(CALL(FS_IOCTL, 3, 0, TCSETS, 0) == -EINVAL);        /* no termios words */
	CHECK(CALL(FS_IOCTL, 3, 0, TIOCSTI, 0x1234) == -EINVAL);  /* not a byte */
	CHECK(CALL(FS_IOCTL, 3, 0, 0xdeadbeef, 0) == -ENOTTY);
	CHECK(CALL(FS_IOCTL, 3, 99, TCGETS, 0) == -EBADF);
	CHECK(CALL(FS_IOCTL, 3, (uint64_t)p[0], TCGETS, 0) == -ENOTTY);
	CHECK(CALL(FS_IOCTL, 3, 0, TCFLSH, 77) == -EINVAL);
	CHECK(CALL(FS_WRITE, 3, 1, 0, 100) == -EINVAL);           /* data missing */
	CHECK(CALL(FS_READ, 3, 0, 0x10, 1u << 20) == -EFAULT);    /* a bad buffer */
	CHECK(CALL(FS_READ, 3, 0, 0, 0) == 0);
	CHECK(CALL(0x3f, 3, 0, 0, 0) == -ENOSYS);
#undef CALL
	close(p[0]);
	close(p[1]);
	CHECK(type("still\n"));
	CHECK(read(0, buf, sizeof(buf)) == 6 && !memcmp(buf, "still\n", 6));
	CHECK(write(1, "  contest: still writing\n", 25) == 25);
	return true;
}

/* Seeded random calls on the console through fs from a child that is
 * not root (so it cannot type): reads, writes, ioctls with random
 * requests, lengths and words, random termios among them. Afterwards the
 * terminal is set back, and fs and console serve as before: nothing
 * waits, nothing leaked, a line typed is read, a write is written. */
static uint64_t rng = 0x5eed7777;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static bool test_fuzz(void)
{
	struct ipc_buffer *ib = (struct ipc_buffer *)(uintptr_t)PROC_IPCBUF_VADDR;
	long before = fs_waiting();
	int st;

	CHECK(before >= 0);
	pid_t c = fork();
	if (c == 0) {
		static const uint64_t reqs[] = {
			TCGETS, TCSETS, TCSETSW, TCSETSF, TCFLSH, TIOCSTI,
			TIOCGWINSZ, FIONREAD, 0x5499, 0, ~0ull,
		};
		static const uint64_t ops[] = { FS_READ, FS_WRITE, FS_IOCTL, FS_IOCTL };
		if (setuid(1000))
			_exit(2);
		/* Every descriptor of the console non-blocking: a read that
		 * waited here would wait for ever. */
		for (int fd = 0; fd < 3; fd++)
			close(fd);
		if (open("/dev/console", O_RDWR | O_NONBLOCK) != 0)
			_exit(3);
		int taken = 0;                  /* random settings accepted */
		for (int i = 0; i < 3000; i++) {
			struct msg m;
			uint64_t op = ops[next() % 4];
			unsigned len = (unsigned)(next() % 65);
			uint64_t a = next() % 4 ? 0 : next() % 70;   /* mostly fd 0 */
			uint64_t b = op == FS_IOCTL ? reqs[next() % 11] : next() % 8 ? 0x10 : next();
			uint64_t n = next() % 3 ? next() % 600 : next();
			for (unsigned k = 3; k < 64; k++)
				ib->mr[k] = next() % 2 ? next() : 0x2e2e2e2e2e2e2e2eull;
			if (op == FS_WRITE && n <= 480)
				memset(&ib->mr[4], '.', n);     /* dots, not garbage, if written */
			if (op == FS_IOCTL && next() % 2) {
				/* Random settings with the one speed, so
				 * that some are taken. */
				struct termios t;
				memcpy(&t, &ib->mr[4], sizeof(t));
				t.c_ispeed = t.c_ospeed = B115200;
				t.c_cflag = (t.c_cflag & ~(tcflag_t)CBAUD) | B115200;
				memcpy(&ib->mr[4], &t, sizeof(t));
			}
			if (pith_ipc(SYS_CALL, PROC_SLOT_FS, MSG_INFO(op, len, 0), a, b, n, &m))
				_exit(4);
			taken += op == FS_IOCTL && b >= TCSETS && b <= TCSETSF && !m.w[0];
		}
		_exit(taken ? 0 : 5);
	}
	CHECK(c > 0);
	CHECK(waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(tcsetattr(0, TCSAFLUSH, &saved) == 0);
	printf("\n");
	CHECK(fs_waiting() == before);
	CHECK(type("fine\n"));
	char buf[16];
	CHECK(read(0, buf, sizeof(buf)) == 5 && !memcmp(buf, "fine\n", 5));
	CHECK(write(1, "  contest: after the fuzz\n", 26) == 26);
	return true;
}

/* Two processes each write 4096 bytes (PIPE_BUF) to the console at the
 * same time: a line of 4095 A's, a line of 4095 B's. Neither write is
 * cut into by the other (the session script wants each line whole). */
static bool test_writes_whole(void)
{
	pid_t c[2];
	int st;

	printf("  contest: two writes of 4096 bytes follow\n");
	for (int i = 0; i < 2; i++) {
		c[i] = fork();
		if (c[i] == 0) {
			static char block[4096];
			memset(block, 'A' + i, sizeof(block) - 1);
			block[sizeof(block) - 1] = '\n';
			usleep(100000);     /* both ready, then both write */
			_exit(write(1, block, sizeof(block)) == (ssize_t)sizeof(block) ? 0 : 1);
		}
		CHECK(c[i] > 0);
	}
	for (int i = 0; i < 2; i++)
		CHECK(waitpid(c[i], &st, 0) == c[i] && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	printf("  contest: the writes are done\n");
	return true;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Figures (printed, not judged: QEMU's wall time is noisy): a write of
 * one byte and of 64 to the console, and a line typed with TIOCSTI and
 * read back (two injections and a read). */
static bool test_figures(void)
{
	enum { ROUNDS = 200 };
	char buf[64];
	uint64_t t0, w1, w64, line;

	memset(buf, '.', sizeof(buf));
	t0 = now_ns();
	for (int i = 0; i < ROUNDS; i++)
		CHECK(write(1, ".", 1) == 1);
	w1 = (now_ns() - t0) / ROUNDS;
	CHECK(write(1, "\n", 1) == 1);
	t0 = now_ns();
	for (int i = 0; i < ROUNDS / 10; i++) {
		buf[63] = '\n';
		CHECK(write(1, buf, 64) == 64);
	}
	w64 = (now_ns() - t0) / (ROUNDS / 10);
	struct termios t = saved;
	t.c_lflag &= ~(tcflag_t)ECHO;
	CHECK(tcsetattr(0, TCSANOW, &t) == 0);
	t0 = now_ns();
	for (int i = 0; i < ROUNDS; i++) {
		CHECK(type("x\n"));
		CHECK(read(0, buf, sizeof(buf)) == 2);
	}
	line = (now_ns() - t0) / ROUNDS;
	CHECK(tcsetattr(0, TCSANOW, &saved) == 0);
	printf("  contest: figures: write of 1 byte %llu ns, of 64 bytes %llu ns; "
	       "a line typed (TIOCSTI x2) and read %llu ns\n", (unsigned long long)w1,
	       (unsigned long long)w64, (unsigned long long)line);
	return true;
}

/* A read of the terminal from a background process group of its session
 * stops the group with SIGTTIN; made the foreground and continued, the
 * read goes on. With SIGTTIN ignored or blocked the read fails with EIO.
 * The foreground's reads are not touched (every other test here). */
static bool test_background_read(void)
{
	char buf[64];
	int st;
	pid_t c = fork();

	if (c == 0) {
		setpgid(0, 0);
		ssize_t n = read(0, buf, sizeof(buf));
		_exit(n == 3 && !memcmp(buf, "fg\n", 3) ? 0 : 2);
	}
	CHECK(c > 0);
	setpgid(c, c);                           /* whichever comes first */
	CHECK(waitpid(c, &st, WUNTRACED) == c);
	CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTIN);
	CHECK(tcsetpgrp(0, c) == 0);
	CHECK(type("fg\n"));
	CHECK(kill(c, SIGCONT) == 0);
	CHECK(waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(back_to_foreground());
	for (int how = 0; how < 2; how++) {
		c = fork();
		if (c == 0) {
			sigset_t s;
			setpgid(0, 0);
			sigemptyset(&s);
			sigaddset(&s, SIGTTIN);
			if (how == 0)
				signal(SIGTTIN, SIG_IGN);
			else
				sigprocmask(SIG_BLOCK, &s, NULL);
			errno = 0;
			_exit(read(0, buf, sizeof(buf)) == -1 && errno == EIO ? 0 : 3);
		}
		CHECK(c > 0 && waitpid(c, &st, WUNTRACED) == c);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	return true;
}

/* A background group changing the terminal's settings is stopped by
 * SIGTTOU first (continued, its tcsetattr goes ahead); with SIGTTOU
 * ignored it goes ahead at once. */
static bool test_background_tcsetattr(void)
{
	int st;
	pid_t c = fork();

	if (c == 0) {
		setpgid(0, 0);
		_exit(tcsetattr(0, TCSANOW, &saved) == 0 ? 0 : 2);
	}
	CHECK(c > 0);
	setpgid(c, c);
	CHECK(waitpid(c, &st, WUNTRACED) == c);
	CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTOU);
	CHECK(kill(c, SIGCONT) == 0);
	CHECK(waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	c = fork();
	if (c == 0) {
		setpgid(0, 0);
		signal(SIGTTOU, SIG_IGN);
		_exit(tcsetattr(0, TCSANOW, &saved) == 0 ? 0 : 2);
	}
	CHECK(c > 0 && waitpid(c, &st, WUNTRACED) == c);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	return true;
}

/* poll and select on the terminal (fs asks console, CON_POLL): ready to
 * write at once; ready to read only when a read would not wait, in
 * canonical mode a whole line, in raw mode VMIN bytes; a select waiting
 * in a child is woken by a line typed meanwhile (TIOCSTI). */
static bool test_select_tiocsti(void)
{
	struct pollfd pf[2] = { { 0, POLLIN, 0 }, { 1, POLLOUT, 0 } };
	char buf[64];
	int st;

	CHECK(poll(pf, 2, 0) == 1);
	CHECK(pf[0].revents == 0 && pf[1].revents == POLLOUT);
	CHECK(type("par"));                      /* not a line yet */
	CHECK(poll(pf, 1, 30) == 0 && pf[0].revents == 0);
	CHECK(type("t\n"));
	CHECK(poll(pf, 1, 0) == 1 && pf[0].revents == POLLIN);
	CHECK(read(0, buf, sizeof(buf)) == 5 && !memcmp(buf, "part\n", 5));

	long before = fs_waiting();
	pid_t c = fork();
	if (c == 0) {
		fd_set r;
		struct timeval tv = { 10, 0 };
		uint64_t t0 = now_ms();
		FD_ZERO(&r);
		FD_SET(0, &r);
		if (select(1, &r, NULL, NULL, &tv) != 1 || !FD_ISSET(0, &r))
			_exit(2);
		if (now_ms() - t0 >= 10000)
			_exit(3);
		_exit(read(0, buf, sizeof(buf)) == 4 && !memcmp(buf, "sel\n", 4) ? 0 : 4);
	}
	CHECK(c > 0);
	for (int i = 0; i < 200 && fs_waiting() == before; i++)
		usleep(10000);
	CHECK(fs_waiting() == before + 1);      /* its select waits in fs */
	CHECK(type("sel\n"));
	CHECK(waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(fs_waiting() == before);

	struct termios t = saved;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_cc[VMIN] = 2;
	t.c_cc[VTIME] = 0;
	CHECK(tcsetattr(0, TCSANOW, &t) == 0);
	CHECK(type("a"));
	CHECK(poll(pf, 1, 0) == 0);              /* 1 of VMIN 2 */
	CHECK(type("b"));
	CHECK(poll(pf, 1, 0) == 1 && pf[0].revents == POLLIN);
	CHECK(read(0, buf, sizeof(buf)) == 2 && !memcmp(buf, "ab", 2));
	CHECK(tcsetattr(0, TCSANOW, &saved) == 0);
	return true;
}

/* A line typed at the serial port ends a select that waits for it: the
 * UART's interrupt, console, its notification to fs, fs's answer. */
static bool test_select_typed(void)
{
	fd_set r;
	struct timeval tv = { 30, 0 };
	char buf[64];

	FD_ZERO(&r);
	FD_SET(0, &r);
	printf("contest: select waits for a typed line\n");
	CHECK(select(1, &r, NULL, NULL, &tv) == 1 && FD_ISSET(0, &r));
	CHECK(read(0, buf, sizeof(buf)) == 11 && !memcmp(buf, "typed line\n", 11));
	return true;
}

static const struct guest_test tests[] = {
	{ "tty_sigint_foreground_child", test_sigint_foreground_child },
	{ "tty_canonical_lines", test_canonical_lines },
	{ "tty_raw_bytes", test_raw_bytes },
	{ "tty_vmin_vtime", test_vmin_vtime },
	{ "tty_signals_typed", test_signals_typed },
	{ "tty_reader_killed", test_reader_killed },
	{ "tty_read_interrupted", test_read_interrupted },
	{ "tty_attrs_and_errors", test_attrs_and_errors },
	{ "tty_tcsetpgrp_errors", test_tcsetpgrp_errors },
	{ "tty_bad_messages", test_bad_messages },
	{ "tty_fuzz_through_fs", test_fuzz },
	{ "tty_writes_whole", test_writes_whole },
	{ "tty_figures", test_figures },
	{ "tty_background_read", test_background_read },
	{ "tty_background_tcsetattr", test_background_tcsetattr },
	{ "tty_select_tiocsti", test_select_tiocsti },
	{ "tty_select_typed", test_select_typed },
};

/* After a failed test: the settings and the foreground back. */
static void cleanup(void)
{
	tcsetattr(0, TCSANOW, &saved);
	tcsetpgrp(0, getpgrp());
}

int main(void)
{
	printf("contest: the console, as pid %d\n", getpid());
	if (tcgetattr(0, &saved)) {
		printf("contest: no terminal (errno %d)\n", errno);
		return 1;
	}
	return guest_run_tests(GUEST_TESTS(tests), cleanup);
}
