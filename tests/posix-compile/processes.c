/* Processes, signals, scheduling, time and resources, as a portable
 * program would use them: <unistd.h> <sys/wait.h> <signal.h> <sched.h>
 * <time.h> <sys/time.h> <sys/resource.h> <sys/times.h> <sys/mman.h>
 * <errno.h>. */
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "compile.h"

static volatile sig_atomic_t got;

static void on_signal(int sig)
{
	got = sig;
}

static void on_info(int sig, siginfo_t *info, void *ctx)
{
	(void)ctx;
	got = sig + (info->si_code == SI_USER) + (int)info->si_pid;
}

static int child(char **argv)
{
	char *const envp[] = { "PATH=/bin", NULL };

	execve("/bin/true", argv, envp);
	execv("/bin/true", argv);
	execvp("true", argv);
	execl("/bin/echo", "echo", "hi", (char *)NULL);
	execlp("echo", "echo", (char *)NULL);
	execle("/bin/echo", "echo", (char *)NULL, envp);
	_exit(127);
}

static int signals(void)
{
	struct sigaction sa, old;
	sigset_t set, pending;
	stack_t ss = { .ss_sp = NULL, .ss_size = SIGSTKSZ, .ss_flags = SS_DISABLE };
	int sig = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	if (sigaction(SIGUSR1, &sa, &old) < 0 && errno != ENOSYS)
		return 1;
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_RESETHAND | SA_ONSTACK;
	sigaction(SIGRTMIN + 1, &sa, NULL);
	if (signal(SIGPIPE, SIG_IGN) == SIG_ERR)
		perror("signal");
	sigfillset(&set);
	sigdelset(&set, SIGKILL);
	sigaddset(&set, SIGCHLD);
	if (sigismember(&set, SIGTERM) != 1)
		return 1;
	sigprocmask(SIG_BLOCK, &set, NULL);
	sigpending(&pending);
	pthread_sigmask(SIG_SETMASK, &set, NULL);
	sigaltstack(&ss, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigwait(&set, &sig);
	sigsuspend(&set);
	kill(getpid(), SIGTERM);
	killpg(getpgrp(), SIGHUP);
	raise(SIGINT);
	psignal(SIGSEGV, "segv");
	printf("%s\n", strsignal(SIGQUIT));
	sighold(SIGUSR2);
	sigrelse(SIGUSR2);
	sigignore(SIGWINCH);
	sigset(SIGUSR2, SIG_DFL);
	union sigval v = { .sival_int = 3 };
	sigqueue(getpid(), SIGRTMAX, v);
	alarm(1);
	pause();
	return got == NSIG;
}

static int waiting(char **argv)
{
	int status = 0;
	siginfo_t info;
	struct rusage ru;
	pid_t pid = fork();

	if (pid == 0)
		child(argv);
	if (pid < 0)
		return errno == ENOSYS ? 0 : 1;
	if (waitpid(pid, &status, WNOHANG | WUNTRACED | WCONTINUED) == pid) {
		if (WIFEXITED(status))
			printf("exit %d\n", WEXITSTATUS(status));
		else if (WIFSIGNALED(status))
			printf("signal %d%s\n", WTERMSIG(status),
			       WCOREDUMP(status) ? " (core)" : "");
		else if (WIFSTOPPED(status))
			printf("stopped %d\n", WSTOPSIG(status));
		else if (WIFCONTINUED(status))
			printf("continued\n");
	}
	wait(&status);
	wait4(-1, &status, 0, &ru);
	waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT);
	return vfork() == 0 ? (_exit(0), 0) : 0;
}

static int identity(void)
{
	gid_t groups[NGROUPS_MAX];

	printf("%ld %ld %ld %ld %ld\n", (long)getpid(), (long)getppid(),
	       (long)getpgrp(), (long)getsid(0), (long)getpgid(0));
	setpgid(0, 0);
	setsid();
	setpgrp();
	printf("%u %u %u %u\n", (unsigned)getuid(), (unsigned)geteuid(),
	       (unsigned)getgid(), (unsigned)getegid());
	setuid(getuid());
	setgid(getgid());
	seteuid(0);
	setegid(0);
	setreuid((uid_t)-1, 0);
	setregid((gid_t)-1, 0);
	return getgroups(NGROUPS_MAX, groups) < -1;
}

static int scheduling(void)
{
	struct sched_param p = { .sched_priority = sched_get_priority_min(SCHED_FIFO) };
	struct timespec rr;

	if (sched_setscheduler(0, SCHED_RR, &p) < 0 && errno != ENOSYS)
		return 1;
	sched_getscheduler(0);
	sched_setparam(0, &p);
	sched_getparam(0, &p);
	sched_rr_get_interval(0, &rr);
	sched_yield();
	nice(1);
	setpriority(PRIO_PROCESS, 0, getpriority(PRIO_PROCESS, 0));
	return sched_get_priority_max(SCHED_OTHER) < 0;
}

static int timing(void)
{
	struct timespec ts, res, rem;
	struct timeval tv;
	struct itimerval it = { { 0, 0 }, { 1, 500000 } }, old;
	struct tms t;
	struct rlimit rl;
	struct rusage ru;
	time_t now = time(NULL);
	struct tm tm, *ptm = localtime(&now);
	char buf[64];
	fd_set fds;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	clock_getres(CLOCK_REALTIME, &res);
	ts.tv_nsec += 1000;
	clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, &rem);
	nanosleep(&ts, &rem);
	gettimeofday(&tv, NULL);
	setitimer(ITIMER_REAL, &it, &old);
	getitimer(ITIMER_VIRTUAL, &old);
	times(&t);
	sleep(0);
	usleep(10);
	gmtime_r(&now, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", ptm ? ptm : &tm);
	printf("%s %f %ld\n", buf, difftime(mktime(&tm), now), (long)clock());
	getrlimit(RLIMIT_NOFILE, &rl);
	if (rl.rlim_cur != RLIM_INFINITY)
		setrlimit(RLIMIT_CORE, &rl);
	getrusage(RUSAGE_SELF, &ru);
	getrusage(RUSAGE_CHILDREN, &ru);
	FD_ZERO(&fds);
	FD_SET(0, &fds);
	select(1, &fds, NULL, NULL, &tv);
	return FD_ISSET(0, &fds) && timerisset(&tv) && ru.ru_maxrss < 0;
}

static int memory(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return errno != ENOSYS;
	p[0] = 1;
	mprotect(p, (size_t)page, PROT_READ);
	msync(p, (size_t)page, MS_SYNC);
	munmap(p, (size_t)page);
	return sbrk(0) == (void *)-1 && brk(p) == 0;
}

int processes(int argc, char **argv)
{
	long clk = sysconf(_SC_CLK_TCK), kids = sysconf(_SC_CHILD_MAX);
	long open_max = sysconf(_SC_OPEN_MAX), cpus = sysconf(_SC_NPROCESSORS_ONLN);

	printf("%d args, clk %ld, children %ld, files %ld, cpus %ld\n", argc, clk,
	       kids, open_max, cpus);
	return signals() | waiting(argv) | identity() | scheduling() | timing() |
	       memory();
}
