/*
 * waitid (docs/processes.md, "Waiting"): run by proctest as
 * `waittest <case>`, one process per case, so that each case's children
 * are its own (proctest, pid 1, is every orphan's parent: P_ALL and
 * ECHILD would see them). A case's result is its exit status: 0 passed,
 * else the line of the failed check (low byte).
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHECK(c)                                                           \
	do {                                                               \
		if (!(c)) {                                                \
			printf("  waittest: check failed: %s (line %d, errno %d)\n", \
			       #c, __LINE__, errno);                       \
			return __LINE__ & 0xff ? __LINE__ & 0xff : 1;      \
		}                                                          \
	} while (0)
#define FAILS(call, e) ((call) == -1 && errno == (e))

static void msleep(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000 };

	while (nanosleep(&t, &t) == -1 && errno == EINTR)
		;
}

static _Noreturn void spin(void)
{
	for (;;)
		getppid();
}

/* A child that ends with code after ms milliseconds. */
static pid_t child_exits(int code, long ms)
{
	pid_t c = fork();

	if (c == 0) {
		if (ms)
			msleep(ms);
		_exit(code);
	}
	return c;
}

static pid_t child_spins(void)
{
	pid_t c = fork();

	if (c == 0)
		spin();
	return c;
}

/* info filled with garbage, so that a field left unset shows. */
static siginfo_t garbage(void)
{
	siginfo_t si;

	memset(&si, 0x5a, sizeof(si));
	return si;
}

/* si says: pid changed so (code, status). */
static bool says(const siginfo_t *si, pid_t pid, int code, int status)
{
	bool ok = si->si_signo == SIGCHLD && si->si_pid == pid &&
		  si->si_code == code && si->si_status == status &&
		  si->si_errno == 0;

	if (!ok)
		printf("  waittest: signo %d pid %d code %d status %d, "
		       "wanted pid %d code %d status %d\n", si->si_signo,
		       si->si_pid, si->si_code, si->si_status, pid, code, status);
	return ok;
}

/* WEXITED: an end, as si_code CLD_EXITED with the exit code and the
 * child's real uid; reaped (a second wait: ECHILD). */
static int case_exited(void)
{
	siginfo_t si = garbage();
	pid_t c = fork();

	if (c == 0) {
		if (setuid(1234))
			_exit(99);
		_exit(7);
	}
	CHECK(c > 0);
	CHECK(waitid(P_PID, (id_t)c, &si, WEXITED) == 0);
	CHECK(says(&si, c, CLD_EXITED, 7));
	CHECK(si.si_uid == 1234);
	CHECK(FAILS(waitid(P_PID, (id_t)c, &si, WEXITED), ECHILD));
	/* Exit code 0 and 255, the extremes. */
	c = child_exits(0, 0);
	CHECK(waitid(P_PID, (id_t)c, &si, WEXITED) == 0 && says(&si, c, CLD_EXITED, 0));
	CHECK(si.si_uid == getuid());
	c = child_exits(255, 0);
	CHECK(waitid(P_PID, (id_t)c, &si, WEXITED) == 0 && says(&si, c, CLD_EXITED, 255));
	return 0;
}

/* A signal's end: CLD_KILLED with the signal; CLD_DUMPED for one whose
 * default action dumps core (SIGQUIT, SIGSEGV). */
static int case_killed(void)
{
	siginfo_t si = garbage();
	pid_t c = child_spins();

	CHECK(c > 0 && kill(c, SIGKILL) == 0);
	CHECK(waitid(P_PID, (id_t)c, &si, WEXITED) == 0);
	CHECK(says(&si, c, CLD_KILLED, SIGKILL));
	c = child_spins();
	CHECK(c > 0 && kill(c, SIGTERM) == 0);
	CHECK(waitid(P_ALL, 0, &si, WEXITED) == 0 && says(&si, c, CLD_KILLED, SIGTERM));
	c = child_spins();
	CHECK(c > 0 && kill(c, SIGQUIT) == 0);
	CHECK(waitid(P_PID, (id_t)c, &si, WEXITED) == 0);
	CHECK(says(&si, c, CLD_DUMPED, SIGQUIT));
	c = fork();
	if (c == 0)
		*(volatile int *)16 = 1;   /* SIGSEGV */
	CHECK(c > 0 && waitid(P_PID, (id_t)c, &si, WEXITED) == 0);
	CHECK(says(&si, c, CLD_DUMPED, SIGSEGV));
	return 0;
}

/* P_ALL: any child, each once, then ECHILD. P_PID: that child only,
 * while another's end waits. */
static int case_p_all_pid(void)
{
	siginfo_t si = garbage();
	pid_t a = child_exits(1, 0), b = child_exits(2, 0), c = child_exits(3, 60);
	int seen = 0;

	CHECK(a > 0 && b > 0 && c > 0);
	/* c ends last: the wait for it is answered later (held), while a
	 * and b are zombies it must not take. */
	CHECK(waitid(P_PID, (id_t)c, &si, WEXITED) == 0 && says(&si, c, CLD_EXITED, 3));
	for (int i = 0; i < 2; i++) {
		si = garbage();
		CHECK(waitid(P_ALL, 0, &si, WEXITED) == 0);
		CHECK(si.si_signo == SIGCHLD && si.si_code == CLD_EXITED);
		CHECK((si.si_pid == a && si.si_status == 1) ||
		      (si.si_pid == b && si.si_status == 2));
		seen |= si.si_pid == a ? 1 : 2;
	}
	CHECK(seen == 3);
	CHECK(FAILS(waitid(P_ALL, 0, &si, WEXITED), ECHILD));
	/* P_ALL ignores id. */
	a = child_exits(4, 0);
	CHECK(waitid(P_ALL, 12345, &si, WEXITED) == 0 && says(&si, a, CLD_EXITED, 4));
	return 0;
}

/* P_PGID: the children in that group; id 0 is the caller's group. */
static int case_p_pgid(void)
{
	siginfo_t si = garbage();
	pid_t a = fork();

	if (a == 0) {
		setpgid(0, 0);
		_exit(5);
	}
	CHECK(a > 0);
	setpgid(a, a);          /* either of them does it first */
	pid_t b = child_exits(6, 0);          /* the caller's group */
	CHECK(b > 0);
	msleep(20);             /* both zombies: the choice is the group's */
	CHECK(waitid(P_PGID, (id_t)getpgrp(), &si, WEXITED | WNOWAIT) == 0);
	CHECK(says(&si, b, CLD_EXITED, 6));
	CHECK(waitid(P_PGID, 0, &si, WEXITED) == 0 && says(&si, b, CLD_EXITED, 6));
	CHECK(FAILS(waitid(P_PGID, 0, &si, WEXITED), ECHILD));
	CHECK(waitid(P_PGID, (id_t)a, &si, WEXITED) == 0 && says(&si, a, CLD_EXITED, 5));
	CHECK(FAILS(waitid(P_PGID, (id_t)a, &si, WEXITED), ECHILD));
	/* A held wait for a group: answered by its member's end. */
	a = fork();
	if (a == 0) {
		setpgid(0, 0);
		msleep(60);
		_exit(8);
	}
	setpgid(a, a);
	b = child_spins();      /* in our group: never chosen */
	CHECK(waitid(P_PGID, (id_t)a, &si, WEXITED) == 0 && says(&si, a, CLD_EXITED, 8));
	CHECK(kill(b, SIGKILL) == 0);
	CHECK(waitid(P_PGID, 0, &si, WEXITED) == 0 && says(&si, b, CLD_KILLED, SIGKILL));
	return 0;
}

/* WNOHANG with nothing ready: 0, si_pid and si_signo 0 (the rest zeroed
 * too); with a zombie: its report. */
static int case_wnohang(void)
{
	siginfo_t si = garbage();
	pid_t c = child_spins();

	CHECK(c > 0);
	CHECK(waitid(P_PID, (id_t)c, &si, WEXITED | WNOHANG) == 0);
	CHECK(si.si_pid == 0 && si.si_signo == 0 && si.si_code == 0 &&
	      si.si_status == 0);
	si = garbage();
	CHECK(waitid(P_ALL, 0, &si, WEXITED | WSTOPPED | WCONTINUED | WNOHANG) == 0);
	CHECK(si.si_pid == 0 && si.si_signo == 0);
	CHECK(kill(c, SIGKILL) == 0);
	msleep(20);
	CHECK(waitid(P_ALL, 0, &si, WEXITED | WNOHANG) == 0 &&
	      says(&si, c, CLD_KILLED, SIGKILL));
	/* Nothing at all: ECHILD even with WNOHANG. */
	CHECK(FAILS(waitid(P_ALL, 0, &si, WEXITED | WNOHANG), ECHILD));
	return 0;
}

/* WNOWAIT: reported, left waitable: again by waitid, then reaped by
 * waitpid with the same status. A stop too. */
static int case_wnowait(void)
{
	siginfo_t si = garbage();
	int st;
	pid_t c = child_exits(42, 0);

	CHECK(c > 0);
	CHECK(waitid(P_PID, (id_t)c, &si, WEXITED | WNOWAIT) == 0);
	CHECK(says(&si, c, CLD_EXITED, 42));
	si = garbage();
	CHECK(waitid(P_ALL, 0, &si, WEXITED | WNOWAIT | WNOHANG) == 0);
	CHECK(says(&si, c, CLD_EXITED, 42));
	CHECK(waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 42);
	CHECK(FAILS(waitid(P_PID, (id_t)c, &si, WEXITED | WNOWAIT), ECHILD));
	/* A stop, reported twice, then seen by waitpid (WUNTRACED). */
	c = child_spins();
	CHECK(c > 0 && kill(c, SIGSTOP) == 0);
	CHECK(waitid(P_PID, (id_t)c, &si, WSTOPPED | WNOWAIT) == 0);
	CHECK(says(&si, c, CLD_STOPPED, SIGSTOP));
	CHECK(waitid(P_PID, (id_t)c, &si, WSTOPPED | WNOWAIT) == 0);
	CHECK(says(&si, c, CLD_STOPPED, SIGSTOP));
	CHECK(waitpid(c, &st, WUNTRACED) == c && WIFSTOPPED(st) &&
	      WSTOPSIG(st) == SIGSTOP);
	si = garbage();
	CHECK(waitid(P_PID, (id_t)c, &si, WSTOPPED | WNOHANG) == 0 && si.si_pid == 0);
	CHECK(kill(c, SIGKILL) == 0);
	CHECK(waitid(P_PID, (id_t)c, &si, WEXITED) == 0 && says(&si, c, CLD_KILLED, SIGKILL));
	return 0;
}

/* SIGSTOP / SIGCONT: WSTOPPED reports the stop (once), WCONTINUED the
 * continue (once); held waits answered by them. */
static int case_stop_continue(void)
{
	siginfo_t si = garbage();
	pid_t c = child_spins();

	CHECK(c > 0 && kill(c, SIGSTOP) == 0);
	CHECK(waitid(P_PID, (id_t)c, &si, WSTOPPED) == 0);
	CHECK(says(&si, c, CLD_STOPPED, SIGSTOP));
	CHECK(si.si_uid == getuid());
	si = garbage();
	CHECK(waitid(P_PID, (id_t)c, &si, WSTOPPED | WNOHANG) == 0 && si.si_pid == 0);
	CHECK(kill(c, SIGCONT) == 0);
	CHECK(waitid(P_PID, (id_t)c, &si, WCONTINUED) == 0);
	CHECK(says(&si, c, CLD_CONTINUED, SIGCONT));
	si = garbage();
	CHECK(waitid(P_PID, (id_t)c, &si, WCONTINUED | WNOHANG) == 0 && si.si_pid == 0);
	CHECK(kill(c, SIGTSTP) == 0);
	CHECK(waitid(P_ALL, 0, &si, WEXITED | WSTOPPED) == 0);
	CHECK(says(&si, c, CLD_STOPPED, SIGTSTP));
	CHECK(kill(c, SIGKILL) == 0);
	CHECK(waitid(P_PID, (id_t)c, &si, WEXITED | WSTOPPED | WCONTINUED) == 0);
	CHECK(says(&si, c, CLD_KILLED, SIGKILL));
	/* Held: the child stops itself later, and is continued later. */
	pid_t parent = getpid();
	c = fork();
	if (c == 0) {
		msleep(40);
		raise(SIGSTOP);
		msleep(40);
		_exit(3);
	}
	CHECK(c > 0);
	CHECK(waitid(P_PID, (id_t)c, &si, WSTOPPED) == 0);
	CHECK(says(&si, c, CLD_STOPPED, SIGSTOP));
	pid_t k = fork();
	if (k == 0) {
		msleep(40);
		_exit(kill(c, SIGCONT) == 0 ? 0 : 1);
	}
	CHECK(k > 0 && getpid() == parent);
	CHECK(waitid(P_PID, (id_t)c, &si, WCONTINUED) == 0);
	CHECK(says(&si, c, CLD_CONTINUED, SIGCONT));
	CHECK(waitid(P_PID, (id_t)k, &si, WEXITED) == 0 && says(&si, k, CLD_EXITED, 0));
	CHECK(waitid(P_PID, (id_t)c, &si, WEXITED) == 0 && says(&si, c, CLD_EXITED, 3));
	return 0;
}

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void install(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void alarm_in(long ms)
{
	struct itimerval it = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };

	alarms = 0;
	setitimer(ITIMER_REAL, &it, NULL);
}

/* Only the events asked for. WEXITED alone neither reports nor takes a
 * stop (waitpid sees it after); WCONTINUED alone does not take a stop;
 * WSTOPPED (or WSTOPPED | WCONTINUED) does not reap a child that ended,
 * held or not: a later wait still has it. */
static int case_only_asked(void)
{
	siginfo_t si = garbage();
	int st;
	pid_t c = child_spins();

	CHECK(c > 0 && kill(c, SIGSTOP) == 0);
	msleep(10);
	CHECK(waitid(P_PID, (id_t)c, &si, WEXITED | WNOHANG) == 0 && si.si_pid == 0);
	CHECK(waitid(P_PID, (id_t)c, &si, WCONTINUED | WNOHANG) == 0 && si.si_pid == 0);
	CHECK(waitpid(c, &st, WUNTRACED | WNOHANG) == c && WIFSTOPPED(st));
	CHECK(kill(c, SIGCONT) == 0);
	msleep(10);
	CHECK(waitid(P_PID, (id_t)c, &si, WEXITED | WSTOPPED | WNOHANG) == 0 &&
	      si.si_pid == 0);
	CHECK(waitpid(c, &st, WCONTINUED | WNOHANG) == c && WIFCONTINUED(st));
	CHECK(kill(c, SIGKILL) == 0);
	msleep(10);
	CHECK(waitid(P_PID, (id_t)c, &si, WSTOPPED | WNOHANG) == 0 && si.si_pid == 0);
	CHECK(waitid(P_ALL, 0, &si, WSTOPPED | WCONTINUED | WNOHANG) == 0 &&
	      si.si_pid == 0);
	CHECK(waitpid(c, &st, 0) == c && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	/* Held with WSTOPPED while the child ends: not answered by the end
	 * (an alarm's handler ends the wait), and the child is left. */
	install(SIGALRM, on_alarm, 0);
	c = child_exits(9, 30);
	CHECK(c > 0);
	alarm_in(150);
	CHECK(FAILS(waitid(P_PID, (id_t)c, &si, WSTOPPED), EINTR) && alarms == 1);
	CHECK(waitid(P_PID, (id_t)c, &si, WEXITED | WNOHANG) == 0 &&
	      says(&si, c, CLD_EXITED, 9));
	return 0;
}

/* EINVAL: no event asked for, an unknown option, an unknown idtype,
 * P_PID 0, an id beyond pid_t. ECHILD: no child chosen. */
static int case_errors(void)
{
	siginfo_t si;
	pid_t c = child_spins();

	CHECK(c > 0);
	CHECK(FAILS(waitid(P_ALL, 0, &si, 0), EINVAL));
	CHECK(FAILS(waitid(P_ALL, 0, &si, WNOHANG), EINVAL));
	CHECK(FAILS(waitid(P_ALL, 0, &si, WNOWAIT | WNOHANG), EINVAL));
	CHECK(FAILS(waitid(P_ALL, 0, &si, WEXITED | 0x100), EINVAL));
	CHECK(FAILS(waitid(P_ALL, 0, &si, WEXITED | 0x10), EINVAL));
	CHECK(FAILS(waitid(P_ALL, 0, &si, WEXITED | 0x20000000), EINVAL));
	CHECK(FAILS(waitid((idtype_t)3, (id_t)c, &si, WEXITED), EINVAL));
	CHECK(FAILS(waitid((idtype_t)-1, 0, &si, WEXITED), EINVAL));
	CHECK(FAILS(waitid((idtype_t)99, 0, &si, WEXITED | WNOHANG), EINVAL));
	CHECK(FAILS(waitid(P_PID, 0, &si, WEXITED), EINVAL));
	CHECK(FAILS(waitid(P_PID, (id_t)-1, &si, WEXITED), EINVAL));
	CHECK(FAILS(waitid(P_PGID, (id_t)-5, &si, WEXITED), EINVAL));
	/* wait4 keeps its own rules: WEXITED and WNOWAIT are not its. */
	CHECK(FAILS(waitpid(-1, NULL, WEXITED), EINVAL));
	CHECK(FAILS(waitpid(-1, NULL, WNOWAIT), EINVAL));
	/* ECHILD: not a child (ourselves, init), a group without children. */
	CHECK(FAILS(waitid(P_PID, (id_t)getpid(), &si, WEXITED), ECHILD));
	CHECK(FAILS(waitid(P_PID, 1, &si, WEXITED | WNOHANG), ECHILD));
	CHECK(FAILS(waitid(P_PGID, (id_t)c + 1000, &si, WEXITED), ECHILD));
	CHECK(kill(c, SIGKILL) == 0);
	CHECK(waitid(P_ALL, 0, &si, WEXITED) == 0 && says(&si, c, CLD_KILLED, SIGKILL));
	CHECK(FAILS(waitid(P_ALL, 0, &si, WEXITED), ECHILD));
	CHECK(FAILS(waitid(P_ALL, 0, &si, WSTOPPED | WNOHANG), ECHILD));
	return 0;
}

/* A handler without SA_RESTART ends a held waitid with EINTR (the
 * child left); with SA_RESTART the wait goes on to the child's end. */
static int case_eintr(void)
{
	siginfo_t si = garbage();
	pid_t c = child_exits(5, 200);

	CHECK(c > 0);
	install(SIGALRM, on_alarm, 0);
	alarm_in(40);
	CHECK(FAILS(waitid(P_PID, (id_t)c, &si, WEXITED), EINTR));
	CHECK(alarms == 1);
	CHECK(waitid(P_PID, (id_t)c, &si, WEXITED) == 0 && says(&si, c, CLD_EXITED, 5));
	return 0;
}

static int case_restart(void)
{
	siginfo_t si = garbage();
	pid_t c = child_exits(6, 200);

	CHECK(c > 0);
	install(SIGALRM, on_alarm, SA_RESTART);
	alarm_in(40);
	CHECK(waitid(P_ALL, 0, &si, WEXITED) == 0);
	CHECK(alarms == 1 && says(&si, c, CLD_EXITED, 6));
	return 0;
}

/* SIGCHLD ignored, or SA_NOCLDWAIT: no zombies, so a waitid for
 * children that end fails with ECHILD once they are gone (held or not),
 * as wait4 does. */
static int case_nocldwait(void)
{
	siginfo_t si;

	CHECK(signal(SIGCHLD, SIG_IGN) != SIG_ERR);
	pid_t a = child_exits(1, 0), b = child_exits(2, 40);
	CHECK(a > 0 && b > 0);
	CHECK(FAILS(waitid(P_ALL, 0, &si, WEXITED), ECHILD));
	CHECK(FAILS(waitid(P_PID, (id_t)a, &si, WEXITED | WNOHANG), ECHILD));
	CHECK(signal(SIGCHLD, SIG_DFL) != SIG_ERR);
	install(SIGCHLD, on_alarm, SA_NOCLDWAIT);
	alarms = 0;
	a = child_exits(3, 40);
	CHECK(a > 0);
	CHECK(FAILS(waitid(P_PID, (id_t)a, &si, WEXITED), ECHILD));
	for (int i = 0; i < 50 && !alarms; i++)
		msleep(2);
	CHECK(alarms == 1);     /* the handler still hears of it */
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(void);
} cases[] = {
	{ "exited", case_exited },
	{ "killed", case_killed },
	{ "p_all_pid", case_p_all_pid },
	{ "p_pgid", case_p_pgid },
	{ "wnohang", case_wnohang },
	{ "wnowait", case_wnowait },
	{ "stop_continue", case_stop_continue },
	{ "only_asked", case_only_asked },
	{ "errors", case_errors },
	{ "eintr", case_eintr },
	{ "restart", case_restart },
	{ "nocldwait", case_nocldwait },
};

int main(int argc, char **argv)
{
	/* A group of its own: a failed case's children (those it did not
	 * move to groups of their own) are ended, not left to init. */
	setpgid(0, 0);
	for (unsigned i = 0; argc == 2 && i < sizeof(cases) / sizeof(cases[0]); i++)
		if (!strcmp(argv[1], cases[i].name)) {
			int r = cases[i].fn();
			if (r) {
				signal(SIGHUP, SIG_IGN);
				kill(0, SIGHUP);
				kill(0, SIGCONT);   /* the stopped ones too */
				msleep(20);
			}
			return r;
		}
	printf("waittest: no such case\n");
	return 99;
}
