/*
 * init: pid 1. Reads /etc/inittab, runs its entries in sysvinit's order,
 * reaps every child (its own and the orphans procsrv re-parents to it),
 * restarts respawn entries within the rate limit, and never exits. The
 * decisions are plan.c's and the parsing inittab.c's; this file only turns
 * them into system calls. docs/init.md has the whole story.
 *
 * It needs no signals: a blocking waitpid(-1) returns for any child,
 * its own and the orphans procsrv gives it, and a rest ends when a child
 * that only sleeps (start_timer) ends. It uses fork, execv, setsid,
 * waitpid, kill, nanosleep, clock_gettime(CLOCK_MONOTONIC), and open/
 * read/write of /etc/inittab and /dev/console (the file server's). The
 * host unit tests also compile it against the host's libc
 * (tests/unit/CMakeLists.txt, init_posix_check) so it stays POSIX C.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "inittab.h"
#include "plan.h"

/* Overridable for a trial run on a development host. */
#ifndef INIT_INITTAB
#define INIT_INITTAB "/etc/inittab"
#endif
#ifndef INIT_CONSOLE
#define INIT_CONSOLE "/dev/console"
#endif
#define INIT_SHELL "/bin/sh"

/* An inittab larger than this is cut at its last whole line. */
#define INIT_TEXT_MAX (32 * 1024)

/* When /etc/inittab cannot be read: a shell on the console, so the
 * system can still be repaired. */
static const char fallback_inittab[] = "co::respawn:" INIT_SHELL "\n";

static struct inittab tab;
static struct plan plan;
static char text[INIT_TEXT_MAX];

static void say(const char *s)
{
	size_t len = strlen(s);

	while (len) {
		ssize_t n = write(STDERR_FILENO, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

static uint64_t now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec;
}

/* Make the console descriptors 0, 1 and 2; keep the inherited ones if it
 * cannot be opened. */
static void open_console(void)
{
	int fd = open(INIT_CONSOLE, O_RDWR);

	if (fd < 0)
		return;
	for (int i = 0; i < 3; i++)
		if (fd != i)
			dup2(fd, i);
	if (fd > 2)
		close(fd);
}

static void report(void *ctx, const struct inittab_error *e)
{
	char line[160];

	inittab_error_format(line, sizeof(line), ctx, e);
	say(line);
	say(" (line skipped)\n");
}

/* Read the whole inittab into text; its length, or -1. */
static long read_inittab(void)
{
	int fd = open(INIT_INITTAB, O_RDONLY);
	size_t len = 0;

	if (fd < 0)
		return -1;
	while (len < sizeof(text)) {
		ssize_t n = read(fd, text + len, sizeof(text) - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (len == sizeof(text)) {
		say("init: " INIT_INITTAB " is too large; the end is ignored\n");
		while (len && text[len - 1] != '\n')
			len--;
	}
	return (long)len;
}

static void load_inittab(void)
{
	long len = read_inittab();

	if (len < 0) {
		say("init: cannot read " INIT_INITTAB "; running a shell\n");
		inittab_parse(&tab, fallback_inittab, sizeof(fallback_inittab) - 1,
			      report, "init");
		return;
	}
	inittab_parse(&tab, text, (size_t)len, report, INIT_INITTAB);
}

/*
 * Start one process field: through "/bin/sh -c" when it holds a shell
 * metacharacter, else split on blanks and execv'd directly (one process
 * less, and the pid init watches is the program's own). argv is built
 * before fork so the child only execs. The child gets its own session, so
 * a shell started here has job control on the console. Returns the
 * child's pid, or -1 if fork failed.
 */
static pid_t init_spawn(const char *process)
{
	static char buf[INITTAB_PROCESS_MAX + 1];
	char *argv[INITTAB_ARGV_MAX];
	const char *path;

	if (inittab_needs_shell(process)) {
		argv[0] = "sh";
		argv[1] = "-c";
		argv[2] = (char *)process;
		argv[3] = NULL;
		path = INIT_SHELL;
	} else {
		snprintf(buf, sizeof(buf), "%s", process);
		if (inittab_split(buf, argv) == 0)
			return -1;
		path = argv[0];
	}

	pid_t pid = fork();
	if (pid != 0)
		return pid;
	setsid();
	open_console();
	execv(path, argv);
	say("init: cannot run ");
	say(path);
	say("\n");
	_exit(127);
}

static void start(size_t i)
{
	const struct inittab_entry *e = &tab.entry[i];
	pid_t pid = init_spawn(e->process);

	if (pid < 0) {
		say("init: cannot start id \"");
		say(e->id);
		say("\"\n");
	}
	plan_started(&plan, i, pid, now());
}

/* A child that only sleeps: its end is init's alarm clock. Signals
 * (SIGCHLD, SIGALRM) are not needed to wait for "a child ends or time
 * passes": one blocking wait covers both. -1 if it could not be made. */
static pid_t start_timer(long seconds)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	struct timespec t = { .tv_sec = seconds, .tv_nsec = 0 };
	while (nanosleep(&t, &t) < 0 && errno == EINTR)
		;
	_exit(0);
}

/* Reap every child that has ended; when none has, sleep until one does
 * or timeout seconds (-1: no limit) have passed. The wait itself blocks:
 * a timer child (start_timer) ends it when time is up. */
static void reap(long timeout)
{
	pid_t timer = timeout > 0 ? start_timer(timeout) : -1;
	int status;
	pid_t pid = waitpid(-1, &status, 0);

	for (; pid > 0; pid = waitpid(-1, &status, WNOHANG)) {
		if (pid == timer) {
			timer = -1;     /* time is up */
			continue;
		}
		/* Orphans and finished entries need nothing more;
		 * plan_next() restarts respawn entries. */
		plan_reaped(&plan, pid, now());
	}
	if (timer > 0) {
		kill(timer, SIGKILL);
		waitpid(timer, &status, 0);
	}
}

int main(void)
{
	open_console();
	load_inittab();
	plan_init(&plan, &tab, tab.runlevel);

	/* Get work and do it, forever. */
	for (;;) {
		struct plan_step s = plan_next(&plan, now());

		switch (s.what) {
		case PLAN_START:
			start(s.entry);
			break;
		case PLAN_SAY:
			say(s.text);
			break;
		case PLAN_WAIT:
			reap(s.timeout);
			break;
		}
	}
}
