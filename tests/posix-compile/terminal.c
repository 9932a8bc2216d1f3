/* The terminal as a portable program uses it: <termios.h> (a password
 * prompt without echo, a raw key read), job control's tcgetpgrp and
 * tcsetpgrp, ttyname, and the window size from <sys/ioctl.h>. */
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "compile.h"

int terminal(void)
{
	struct termios old, t;
	struct winsize ws;
	char line[64];
	const char *name;

	if (!isatty(STDIN_FILENO))
		return 0;
	name = ttyname(STDIN_FILENO);
	if (tcgetattr(STDIN_FILENO, &old))
		return 1;
	t = old;
	t.c_lflag &= ~(tcflag_t)(ECHO | ICANON);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 1;
	if (cfgetospeed(&t) == B0 || cfsetospeed(&t, cfgetospeed(&old)))
		return 1;
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) == 0) {
		ssize_t n = read(STDIN_FILENO, line, sizeof(line));
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
		if (n < 0)
			return 1;
	}
	tcflush(STDIN_FILENO, TCIFLUSH);
	tcdrain(STDOUT_FILENO);
	pid_t fg = tcgetpgrp(STDIN_FILENO);
	if (fg > 0 && fg == getpgrp())
		tcsetpgrp(STDIN_FILENO, fg);
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
		printf("%s: %ux%u\n", name ? name : "?", ws.ws_col, ws.ws_row);
	return 0;
}
