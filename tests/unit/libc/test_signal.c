/* Pure parts of <signal.h>, <sys/wait.h> and <unistd.h> on the host:
 * signal sets, the wait-status macros (Linux's encoding), sysconf,
 * getopt, and the failing-stub convention seen through raise(). */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <sys/wait.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static void test_sigset(void)
{
	sigset_t s;
	int ok = 1;

	CHECK(sigemptyset(&s) == 0);
	for (int i = 1; i <= 64; i++)
		ok &= sigismember(&s, i) == 0;
	CHECK(sigisemptyset(&s));
	CHECK(sigaddset(&s, SIGINT) == 0 && sigaddset(&s, SIGRTMAX) == 0);
	CHECK(sigismember(&s, SIGINT) == 1 && sigismember(&s, SIGRTMAX) == 1);
	CHECK(sigismember(&s, SIGQUIT) == 0);
	CHECK(sigdelset(&s, SIGINT) == 0 && sigismember(&s, SIGINT) == 0);
	CHECK(sigfillset(&s) == 0);
	for (int i = 1; i <= 64; i++)
		ok &= sigismember(&s, i) == 1;
	CHECK(ok);
	errno = 0;
	CHECK(sigaddset(&s, 0) == -1 && errno == EINVAL);
	CHECK(sigaddset(&s, 65) == -1 && sigdelset(&s, -1) == -1);
	CHECK(sigismember(&s, 65) == -1);
	sigset_t a, b, c;
	sigemptyset(&a);
	sigemptyset(&b);
	sigaddset(&a, 1);
	sigaddset(&b, 2);
	sigorset(&c, &a, &b);
	CHECK(sigismember(&c, 1) && sigismember(&c, 2));
	sigandset(&c, &a, &b);
	CHECK(sigisemptyset(&c));
	CHECK(SIGKILL == 9 && SIGCHLD == 17 && SIGSYS == 31 && SIGRTMIN == 32);
}

static void test_wait_macros(void)
{
	int exited = 3 << 8, killed = SIGKILL, core = SIGSEGV | 0x80;
	int stopped = (SIGTSTP << 8) | 0x7f, cont = 0xffff;

	CHECK(WIFEXITED(exited) && WEXITSTATUS(exited) == 3 && !WIFSIGNALED(exited));
	CHECK(!WIFSTOPPED(exited) && !WIFCONTINUED(exited));
	CHECK(WIFSIGNALED(killed) && WTERMSIG(killed) == SIGKILL && !WIFEXITED(killed));
	CHECK(!WCOREDUMP(killed) && WCOREDUMP(core) && WTERMSIG(core) == SIGSEGV);
	CHECK(WIFSTOPPED(stopped) && WSTOPSIG(stopped) == SIGTSTP);
	CHECK(!WIFSIGNALED(stopped) && !WIFEXITED(stopped));
	CHECK(WIFCONTINUED(cont) && !WIFEXITED(cont) && !WIFSIGNALED(cont));
	CHECK(W_EXITCODE(5, 0) == 5 << 8 && W_STOPCODE(SIGSTOP) == ((SIGSTOP << 8) | 0x7f));
}

static void test_sysconf(void)
{
	CHECK(sysconf(_SC_PAGESIZE) == 4096 && sysconf(_SC_PAGE_SIZE) == 4096);
	CHECK(sysconf(_SC_CLK_TCK) == 100 && sysconf(_SC_NPROCESSORS_ONLN) == 1);
	CHECK(sysconf(_SC_OPEN_MAX) == OPEN_MAX && sysconf(_SC_CHILD_MAX) == CHILD_MAX);
	CHECK(sysconf(_SC_ARG_MAX) == ARG_MAX && ARG_MAX == 131072);
	CHECK(sysconf(_SC_VERSION) == 200809L);
	errno = 0;
	CHECK(sysconf(_SC_THREADS) == -1 && errno == 0);   /* unsupported option */
	CHECK(sysconf(-5) == -1 && errno == EINVAL);
	CHECK(PATH_MAX == 4096 && NAME_MAX == 255 && PIPE_BUF == 4096);
}

static void test_getopt(void)
{
	char *argv[] = { "prog", "-ab", "-c", "val", "-dx", "--", "-e", NULL };
	int argc = 7;

	opterr = 0;
	optind = 1;
	CHECK(getopt(argc, argv, "abc:d:") == 'a');
	CHECK(getopt(argc, argv, "abc:d:") == 'b');
	CHECK(getopt(argc, argv, "abc:d:") == 'c' && optarg && !strcmp(optarg, "val"));
	CHECK(getopt(argc, argv, "abc:d:") == 'd' && optarg && !strcmp(optarg, "x"));
	CHECK(getopt(argc, argv, "abc:d:") == -1 && optind == 6);
	char *argv2[] = { "prog", "-z", "-c", NULL };
	optind = 1;
	CHECK(getopt(3, argv2, ":c:") == '?' && optopt == 'z');
	CHECK(getopt(3, argv2, ":c:") == ':' && optopt == 'c');
}

int main(void)
{
	test_sigset();
	test_wait_macros();
	test_sysconf();
	test_getopt();
	/* raise goes through getpid/kill, which fail until procsrv. */
	errno = 0;
	CHECK(raise(SIGUSR1) == -1 && errno == ENOSYS);
	return check_done("libc signal");
}
