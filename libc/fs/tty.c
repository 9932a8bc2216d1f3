/*
 * The terminal (<termios.h>, <sys/ioctl.h>, ttyname, tcgetpgrp and
 * tcsetpgrp): the console's settings through fs (FS_IOCTL, which fs
 * forwards to the console server: docs/proto-console.md), its
 * foreground process group through procsrv (PROC_TCGETPGRP,
 * PROC_TCSETPGRP), which sends the signals typed there. The line's speed
 * is fixed at 115200 baud: the speed functions say so and refuse others.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "call.h"

static int fs_ioctl(int fd, unsigned long req, uint64_t arg, unsigned len,
		    struct msg *m)
{
	return (int)__pith_proc_ret(__pith_fs_call(FS_IOCTL, len, (uint64_t)(int64_t)fd,
						   req, arg, m));
}

#define TERMIOS_WORDS ((unsigned)((sizeof(struct termios) + 7) / 8))

/* A change of the terminal's settings from a background process group of
 * its session: SIGTTOU to the group first (POSIX), which stops it until it
 * is continued; not when SIGTTOU is ignored or blocked (the change goes
 * ahead, as for a shell), nor for a terminal that is not the caller's.
 * With a handler, EINTR unless SA_RESTART. One try: a group the signal
 * does not stop (init's) goes ahead after it, never loops. */
int __pith_job_signal(int sig)
{
	struct sigaction sa;
	sigset_t mask;

	if (sigaction(sig, NULL, &sa) || sigprocmask(SIG_BLOCK, NULL, &mask) ||
	    sa.sa_handler == SIG_IGN || sigismember(&mask, sig))
		return 1;
	kill(0, sig);
	if (sa.sa_handler != SIG_DFL && !(sa.sa_flags & SA_RESTART)) {
		errno = EINTR;
		return -1;
	}
	return 0;
}

static int ttou(int fd)
{
	int saved = errno;
	pid_t fg = tcgetpgrp(fd);

	errno = saved;
	if (fg < 0 || fg == getpgrp())
		return 0;
	return __pith_job_signal(SIGTTOU) < 0 ? -1 : 0;
}

int tcgetattr(int fd, struct termios *t)
{
	struct msg m;

	if (fs_ioctl(fd, TCGETS, 0, IPC_REG_WORDS, &m))
		return -1;
	memcpy(t, __pith_fs_inline(), sizeof(*t));
	return 0;
}

int tcsetattr(int fd, int when, const struct termios *t)
{
	if (when < TCSANOW || when > TCSAFLUSH) {
		errno = EINVAL;
		return -1;
	}
	if (ttou(fd))
		return -1;
	memcpy(__pith_fs_inline(), t, sizeof(*t));
	return fs_ioctl(fd, TCSETS + (unsigned long)when, 0, FS_DATA_WORD + TERMIOS_WORDS,
			NULL);
}

int tcflush(int fd, int queue)
{
	if (ttou(fd))
		return -1;
	return fs_ioctl(fd, TCFLSH, (uint64_t)(int64_t)queue, IPC_REG_WORDS, NULL);
}

int tcdrain(int fd)
{
	/* Output is sent as it is written: nothing to wait for. */
	return isatty(fd) ? 0 : -1;
}

int tcflow(int fd, int action)
{
	if (!isatty(fd))
		return -1;
	if (action == TCOON || action == TCION)
		return 0;              /* never suspended */
	errno = action == TCOOFF || action == TCIOFF ? ENOSYS : EINVAL;
	return -1;
}

int tcsendbreak(int fd, int duration)
{
	(void)duration;
	if (!isatty(fd))
		return -1;
	errno = ENOSYS;                /* the UART driver sends no break */
	return -1;
}

void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR |
				  IGNCR | ICRNL | IXON);
	t->c_oflag &= ~(tcflag_t)OPOST;
	t->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

speed_t cfgetispeed(const struct termios *t)
{
	(void)t;
	return B115200;
}

speed_t cfgetospeed(const struct termios *t)
{
	(void)t;
	return B115200;
}

int cfsetspeed(struct termios *t, speed_t s)
{
	if (s != B0 && s != B115200) {
		errno = EINVAL;        /* the line's speed is fixed */
		return -1;
	}
	t->c_ispeed = t->c_ospeed = B115200;
	return 0;
}

int cfsetispeed(struct termios *t, speed_t s)
{
	return cfsetspeed(t, s);
}

int cfsetospeed(struct termios *t, speed_t s)
{
	return cfsetspeed(t, s);
}

pid_t tcgetpgrp(int fd)
{
	if (!isatty(fd))
		return -1;             /* EBADF or ENOTTY */
	return (pid_t)__pith_proc_ret(__pith_proc_call(PROC_TCGETPGRP, IPC_REG_WORDS,
						       0, 0, 0, NULL));
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	if (!isatty(fd))
		return -1;
	return (int)__pith_proc_ret(__pith_proc_call(PROC_TCSETPGRP, IPC_REG_WORDS,
						     (uint64_t)(int64_t)pgrp, 0, 0, NULL));
}

pid_t tcgetsid(int fd)
{
	struct proc_answer a;

	if (!isatty(fd))
		return -1;
	long r = __pith_proc_call(PROC_TCGETPGRP, IPC_REG_WORDS, 0, 0, 0, &a);
	return r < 0 ? (pid_t)__pith_proc_ret(r) : (pid_t)a.m.w[1];
}

int ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *p;
	struct msg m;

	va_start(ap, req);
	p = va_arg(ap, void *);
	va_end(ap);
	switch (req) {
	case TCGETS:
		return tcgetattr(fd, p);
	case TCSETS: case TCSETSW: case TCSETSF:
		return tcsetattr(fd, (int)(req - TCSETS), p);
	case TCFLSH:
		return tcflush(fd, (int)(intptr_t)p);
	case TIOCGPGRP: case TIOCGSID: {
		pid_t g = req == TIOCGPGRP ? tcgetpgrp(fd) : tcgetsid(fd);
		if (g < 0)
			return -1;
		*(pid_t *)p = g;
		return 0;
	}
	case TIOCSPGRP:
		return tcsetpgrp(fd, *(const pid_t *)p);
	case TIOCSCTTY:
		if (!isatty(fd))
			return -1;
		return (int)__pith_proc_ret(__pith_proc_call(PROC_TCSETCTTY,
			IPC_REG_WORDS, (uint64_t)(uintptr_t)p == 1, 0, 0, NULL));
	case TIOCSTI:
		return fs_ioctl(fd, req, *(const unsigned char *)p, IPC_REG_WORDS, NULL);
	case TIOCGWINSZ:
		if (fs_ioctl(fd, req, 0, IPC_REG_WORDS, &m))
			return -1;
		memcpy(p, __pith_fs_inline(), sizeof(struct winsize));
		return 0;
	case FIONREAD: {
		int r = fs_ioctl(fd, req, 0, IPC_REG_WORDS, NULL);
		if (r < 0)
			return -1;
		*(int *)p = r;
		return 0;
	}
	default:
		/* What fs says of the descriptor: EBADF, or ENOTTY. */
		return fs_ioctl(fd, req, (uint64_t)(uintptr_t)p, IPC_REG_WORDS, NULL);
	}
}

int ttyname_r(int fd, char *buf, size_t len)
{
	static const char name[] = "/dev/console";

	if (!isatty(fd))
		return errno;
	if (len < sizeof(name))
		return ERANGE;
	memcpy(buf, name, sizeof(name));
	return 0;
}

char *ttyname(int fd)
{
	static char buf[32];
	int err = ttyname_r(fd, buf, sizeof(buf));

	if (err) {
		errno = err;
		return NULL;
	}
	return buf;
}
