/*
 * The process model's integration test, on both arches. Booted as the
 * system's only job (init=/bin/proctest: pid 1, under procsrv), it tests
 * what the process server gives programs through ordinary POSIX calls:
 * fork and copy-on-write, exit and every form of wait, exec with argv and
 * envp, `#!` scripts and bad files, faults seen as signals, orphans, vfork,
 * kill and its permission rule, credentials, process groups, limits, a
 * fork bomb, the scheduling policy, memory, threads (clone, futex, exit_group, pthreads: the
 * cases are threadtest.c's) and that nothing leaks (PROC_SYSINFO). Its
 * exit status ends QEMU.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <pith/procinfo.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"

static char *const env[] = { "FOO=bar", "PATH=/bin", NULL };

/* The status of pid, which must end. */
static int status_of(pid_t pid)
{
	int st = -1;

	return waitpid(pid, &st, 0) == pid ? st : -1;
}

static bool exited_with(pid_t pid, int code)
{
	int st = status_of(pid);

	if (!WIFEXITED(st) || WEXITSTATUS(st) != code)
		printf("  pid %d: status %#x, wanted exit %d\n", pid, st, code);
	return WIFEXITED(st) && WEXITSTATUS(st) == code;
}

/* Reap whatever is left (after a failed test). */
static void reap_all(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

static bool test_identity(void)
{
	CHECK(getpid() == 1);
	CHECK(getppid() == 0);
	CHECK(getuid() == 0 && geteuid() == 0 && getgid() == 0);
	CHECK(getpgrp() == 1 && getsid(0) == 1);
	return true;
}

static volatile int shared = 5;

/* fork returns twice with distinct pids; the child sees the parent's
 * memory until it writes, and its writes stay its own. */
static bool test_fork_cow(void)
{
	pid_t a = fork();

	if (a == 0)
		_exit(shared == 5 ? (shared = 7, shared == 7 ? 0 : 2) : 1);
	CHECK(a > 1);
	pid_t b = fork();
	if (b == 0)
		_exit(getpid() != a && getppid() == 1 ? 0 : 3);
	CHECK(b > 1 && b != a);
	/* Long messages (IPC buffer words) still work in the parent after
	 * fork: its IPC buffer is not made copy-on-write (the kernel writes
	 * into that frame). */
	gid_t g[2] = { 0, 3 };
	CHECK(setgroups(2, g) == 0 && getgroups(2, g) == 2 && g[1] == 3);
	CHECK(exited_with(a, 0));
	CHECK(exited_with(b, 0));
	CHECK(shared == 5);
	return true;
}

/* 1000 fork/exit/wait cycles: processes and memory back at the baseline. */
static bool test_fork_exit_cycles(void)
{
	struct pith_sysinfo before, after;

	CHECK(exited_with(fork() ?: (_exit(0), 0), 0));   /* warm up */
	CHECK(pith_sysinfo(&before) == 0);
	for (int i = 0; i < 1000; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(i & 0xff);
		CHECK(pid > 0);
		CHECK(exited_with(pid, i & 0xff));
	}
	CHECK(pith_sysinfo(&after) == 0);
	printf("  1000 cycles: %llu processes, %llu bytes before; %llu, %llu after\n",
	       (unsigned long long)before.processes, (unsigned long long)before.pool_used,
	       (unsigned long long)after.processes, (unsigned long long)after.pool_used);
	CHECK(after.processes == before.processes);
	CHECK(after.pool_used == before.pool_used);
	/* procsrv's tables (mapped as first used) follow the most
	 * processes at once: a record is used again, no page is added. */
	CHECK(before.table_bytes > 0);
	CHECK(after.table_bytes == before.table_bytes);
	return true;
}

/* Spin in calls to procsrv until killed. */
static _Noreturn void spin(void)
{
	for (;;)
		getppid();
}

static bool test_wait_forms(void)
{
	int st;

	CHECK(waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD);
	CHECK(wait(&st) == -1 && errno == ECHILD);
	pid_t s = fork();
	if (s == 0)
		spin();
	CHECK(waitpid(s, &st, WNOHANG) == 0);          /* still running */
	CHECK(waitpid(s, &st, 0x1000) == -1 && errno == EINVAL);
	/* A child in a group of its own: 0 (our group) does not wait for it,
	 * -its group does. */
	pid_t g = fork();
	if (g == 0) {
		setpgid(0, 0);
		_exit(9);
	}
	CHECK(g > 0);
	setpgid(g, g);   /* whichever runs first: the group exists */
	CHECK(kill(s, SIGTERM) == 0);
	CHECK(waitpid(0, &st, 0) == s);                /* s is in our group */
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM && !WCOREDUMP(st));
	CHECK(waitpid(0, &st, WNOHANG) == -1 && errno == ECHILD);
	CHECK(waitpid(-g, &st, 0) == g);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 9);
	/* -1: any child; rusage with it. */
	pid_t c = fork();
	if (c == 0)
		_exit(4);
	struct rusage ru;
	CHECK(wait4(-1, &st, 0, &ru) == c && WEXITSTATUS(st) == 4);
	CHECK(ru.ru_utime.tv_usec < 1000000 && ru.ru_stime.tv_usec < 1000000);
	return true;
}

static bool test_exec(void)
{
	char *argv[] = { "showargs", "a", "b", NULL };
	pid_t pid = fork();

	if (pid == 0) {
		execve("/bin/showargs", argv, env);
		_exit(99);
	}
	CHECK(exited_with(pid, 3 + 100));
	/* A `#!` script: its interpreter, the optional argument, the path. */
	char *sargv[] = { "script.sh", "x", NULL };
	pid = fork();
	if (pid == 0) {
		execve("/bin/script.sh", sargv, env);
		_exit(98);
	}
	CHECK(exited_with(pid, 60 + 4));
	/* execv, execvp with the PATH of libc: the same mechanism. */
	pid = fork();
	if (pid == 0) {
		environ = (char **)env;
		execvp("showargs", argv);
		_exit(97);
	}
	CHECK(exited_with(pid, 3 + 100));
	return true;
}

/* A program's text comes from the boot image itself, shared (no copy);
 * only its data pages are copied. Two runs of showargs: the second maps
 * the same image pages again. */
static bool test_text_shared(void)
{
	struct pith_sysinfo a, b;
	char *argv[] = { "showargs", "a", NULL };

	CHECK(pith_sysinfo(&a) == 0);
	for (int i = 0; i < 2; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			execve("/bin/showargs", argv, env);
			_exit(95);
		}
		CHECK(exited_with(pid, 2 + 100));
	}
	CHECK(pith_sysinfo(&b) == 0);
	printf("  two runs: %llu text pages from the image, %llu pages copied\n",
	       (unsigned long long)(b.image_pages - a.image_pages),
	       (unsigned long long)(b.copied_pages - a.copied_pages));
	CHECK(b.image_pages - a.image_pages >= 2);
	CHECK(b.image_pages - a.image_pages > b.copied_pages - a.copied_pages);
	return true;
}

/* Each bad exec gives its error and the caller goes on. */
static bool test_exec_errors(void)
{
	char *argv[] = { "x", NULL };

	errno = 0;
	CHECK(execve("/bin/nothere", argv, env) == -1 && errno == ENOENT);
	CHECK(execve("/etc/pith-release", argv, env) == -1 && errno == EACCES);
	CHECK(execve("/bin/notelf.sh", argv, env) == -1 && errno == ENOEXEC);
	CHECK(execve("/bin/badelf.sh", argv, env) == -1 && errno == ENOEXEC);
	CHECK(execve("", argv, env) == -1 && errno == ENOENT);
	CHECK(execve((char *)8, argv, env) == -1 && errno == EFAULT);
	/* Over ARG_MAX. */
	size_t n = 200 * 1024;
	char *big = malloc(n);
	CHECK(big != NULL);
	memset(big, 'y', n - 1);
	big[n - 1] = 0;
	char *bargv[] = { "showargs", big, NULL };
	CHECK(execve("/bin/showargs", bargv, env) == -1 && errno == E2BIG);
	free(big);
	CHECK(getpid() == 1);   /* still us */
	return true;
}

static bool test_segv(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		execve("/bin/crash", (char *[]){ "crash", NULL }, env);
		_exit(90);
	}
	st = status_of(pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV && WCOREDUMP(st));
	/* The same in a child that never exec'd. */
	pid = fork();
	if (pid == 0) {
		*(volatile int *)16 = 1;
		_exit(91);
	}
	st = status_of(pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	return true;
}

/* A child whose own child outlives it: init (we) adopts and reaps it. */
static bool test_orphans(void)
{
	pid_t c = fork();

	if (c == 0) {
		pid_t g = fork();
		if (g == 0) {
			while (getppid() != 1)
				;
			_exit(7);
		}
		_exit(g > 0 ? 0 : 1);
	}
	CHECK(exited_with(c, 0));
	int st;
	pid_t g = wait(&st);
	CHECK(g > 0 && g != c);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
	return true;
}

/* vfork: the parent goes on only once the child has exited or exec'd. */
static bool test_vfork(void)
{
	int st;
	pid_t pid = vfork();

	if (pid == 0)
		_exit(5);
	CHECK(pid > 0);
	CHECK(waitpid(pid, &st, WNOHANG) == pid);      /* already ended */
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 5);
	char *argv[] = { "showargs", "a", NULL };
	pid = vfork();
	if (pid == 0) {
		execve("/bin/showargs", argv, env);
		_exit(96);
	}
	CHECK(pid > 0);
	CHECK(exited_with(pid, 2 + 100));
	return true;
}

static bool test_kill(void)
{
	CHECK(kill(0, 0) == 0);
	CHECK(kill(1, 0) == 0);
	CHECK(kill(30000, 0) == -1 && errno == ESRCH);
	CHECK(kill(1, 99) == -1 && errno == EINVAL);
	CHECK(kill(1, SIGKILL) == 0 && getpid() == 1);  /* init is immune */
	pid_t s = fork();
	if (s == 0)
		spin();
	/* A child that is no longer root may not signal root's processes. */
	pid_t u = fork();
	if (u == 0) {
		if (setuid(1000) != 0)
			_exit(1);
		if (kill(s, 0) != -1 || errno != EPERM)
			_exit(2);
		if (kill(-1, SIGKILL) != -1 || errno != EPERM)
			_exit(3);
		_exit(kill(getpid(), 0) == 0 ? 0 : 4);
	}
	CHECK(exited_with(u, 0));
	CHECK(kill(s, SIGKILL) == 0);
	int st = status_of(s);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	/* A process group. */
	pid_t a = fork();
	if (a == 0) {
		setpgid(0, 0);
		spin();
	}
	setpgid(a, a);
	CHECK(kill(-a, SIGHUP) == 0);
	st = status_of(a);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGHUP);
	return true;
}

/* The uid and gid calls in a child, from root down to a user. */
static bool test_credentials(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		uid_t r, e, s;
		gid_t g[2] = { 5, 6 }, back[4];
		int bad = 0;
		bad |= setgroups(2, g) != 0;
		bad |= (getgroups(4, back) != 2 || back[0] != 5) << 1;
		bad |= (setresgid(10, 11, 12) != 0) << 2;
		bad |= (getresgid(&r, &e, &s) != 0 || r != 10 || e != 11 || s != 12) << 3;
		bad |= (setreuid(100, 200) != 0) << 4;
		bad |= (getresuid(&r, &e, &s) != 0 || r != 100 || e != 200 || s != 200) << 5;
		bad |= (seteuid(100) != 0) << 6;          /* to the real one */
		bad |= (seteuid(200) != 0) << 7;          /* and back to the saved */
		bad |= (seteuid(0) != -1 || errno != EPERM) << 8;
		bad |= (setuid(0) != -1 || errno != EPERM) << 9;
		bad |= (setgroups(1, g) != -1 || errno != EPERM) << 10;
		bad |= (setuid(100) != 0) << 11;
		bad |= (getuid() != 100 || geteuid() != 100) << 12;
		_exit(bad ? 1 : 0);
	}
	CHECK(exited_with(pid, 0));
	return true;
}

/* exec honours the set-user-ID bit of the boot image's mode (and keeps
 * the real uid): bin/suidroot is packed 4755, owner root. */
static bool test_exec_setuid(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (setuid(1000))
			_exit(10);
		execve("/bin/suidroot", (char *[]){ "suidroot", NULL }, env);
		_exit(11);
	}
	CHECK(exited_with(pid, 0));
	return true;
}

static bool test_groups_sessions(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		int bad = 0;
		bad |= setpgid(0, 0) != 0;
		bad |= (getpgrp() != getpid()) << 1;
		bad |= (setsid() != -1 || errno != EPERM) << 2;   /* a group leader */
		bad |= (setpgid(0, -1) != -1 || errno != EINVAL) << 3;
		bad |= (setpgid(1, 1) != -1 || errno != ESRCH) << 4;
		pid_t c = fork();
		if (c == 0)
			_exit(setsid() == getpid() && getsid(0) == getpid() ? 0 : 1);
		int st;
		bad |= (waitpid(c, &st, 0) != c || !WIFEXITED(st) || WEXITSTATUS(st)) << 5;
		_exit(bad);
	}
	CHECK(exited_with(pid, 0));
	CHECK(getpgid(30000) == -1 && errno == ESRCH);
	return true;
}

static bool test_limits_times(void)
{
	struct rlimit rl;
	struct tms t;

	CHECK(getrlimit(RLIMIT_NPROC, &rl) == 0 && rl.rlim_cur > 0);
	CHECK(getrlimit(99, &rl) == -1 && errno == EINVAL);
	rl.rlim_cur = rl.rlim_max + 1;
	CHECK(setrlimit(RLIMIT_NPROC, &rl) == -1 && errno == EINVAL);
	CHECK(times(&t) != (clock_t)-1);
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit l = { 16, 16 };
		int bad = setrlimit(RLIMIT_STACK, &l) != 0;
		l.rlim_max = 1 << 30;
		bad |= (setuid(1000) != 0) << 1;
		bad |= (setrlimit(RLIMIT_STACK, &l) != -1 || errno != EPERM) << 2;
		_exit(bad);
	}
	CHECK(exited_with(pid, 0));
	return true;
}

#define MS 1000000ll

static long long mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 * MS + ts.tv_nsec;
}

/* Sleep ms milliseconds; how long it took on the clock, in ms (or -1). */
static long long slept_ms(long ms)
{
	struct timespec req = { ms / 1000, (ms % 1000) * MS };
	long long t0 = mono_ns();

	if (nanosleep(&req, NULL))
		return -1;
	return (mono_ns() - t0) / MS;
}

static void *thread_sleeps(void *arg)
{
	return (void *)(intptr_t)slept_ms((long)(intptr_t)arg);
}

/* Clocks read in user mode, sleeps on each thread's own timer (the
 * kernel's tick is 10 ms: a sleep ends within about a tick of its time),
 * from a process, its child and a thread at once. */
static bool test_clocks_sleep(void)
{
	struct timespec res, a, abs;
	struct timeval tv;
	struct tms t0, t1;
	long long took;
	pthread_t th;
	void *ret;

	CHECK(clock_getres(CLOCK_MONOTONIC, &res) == 0);
	CHECK(res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 1000);
	CHECK(clock_gettime(99, &a) == -1 && errno == EINVAL);
	CHECK(clock_gettime(CLOCK_REALTIME, &a) == 0 && a.tv_sec > 1577836800);
	CHECK(gettimeofday(&tv, NULL) == 0 && tv.tv_sec >= a.tv_sec &&
	      tv.tv_sec <= a.tv_sec + 1);
	CHECK(time(NULL) >= a.tv_sec && clock() != (clock_t)-1);
	clock_t e0 = times(&t0);
	took = slept_ms(30);
	clock_t e1 = times(&t1);
	printf("  nanosleep(30 ms): %lld ms\n", took);
	CHECK(took >= 30 && took <= 30 + 40);
	CHECK(e1 - e0 >= 3 && e1 - e0 <= 3 + 4);   /* times() runs on the clock */
	long long u0 = mono_ns();
	CHECK(usleep(20000) == 0 && mono_ns() - u0 >= 20 * MS);
	CHECK(sleep(0) == 0);
	abs.tv_sec = (mono_ns() + 25 * MS) / (1000 * MS);
	abs.tv_nsec = (mono_ns() + 25 * MS) % (1000 * MS);
	CHECK(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL) == 0);
	CHECK(mono_ns() >= abs.tv_sec * 1000 * MS + abs.tv_nsec);
	abs.tv_nsec = 1000 * MS;
	CHECK(nanosleep(&abs, NULL) == -1 && errno == EINVAL);
	CHECK(clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &res, NULL) == EINVAL);
	/* A child and its thread sleep while we do, each on its own timer
	 * (init may not make threads: the child does). */
	pid_t pid = fork();
	if (pid == 0) {
		int bad = pthread_create(&th, NULL, thread_sleeps,
					 (void *)(intptr_t)50) != 0;
		bad |= (slept_ms(40) < 40) << 1;
		bad |= (bad & 1 || pthread_join(th, &ret) || (intptr_t)ret < 50) << 2;
		_exit(bad);
	}
	CHECK(pid > 0);
	took = slept_ms(20);
	CHECK(took >= 20 && took < 20 + 40);
	CHECK(exited_with(pid, 0));
	return true;
}

static long long clock_of(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts))
		return -1;
	return ts.tv_sec * 1000 * MS + ts.tv_nsec;
}

/* A thread that spins until its own CPU clock reaches 100 ms, and
 * returns how long that took on the monotonic clock. */
static void *thread_spins(void *arg)
{
	long long start = mono_ns();

	(void)arg;
	while (clock_of(CLOCK_THREAD_CPUTIME_ID) < 100 * MS)
		if (mono_ns() - start > 5000 * MS)
			return (void *)0;   /* its clock never got there */
	return (void *)(intptr_t)1;
}

/* CLOCK_THREAD_CPUTIME_ID is the caller's own time, the process clock
 * the sum: a child's main thread sleeps while its second thread spins
 * 100 ms of CPU. Each bit of the child's status names a failed check. */
static bool test_cpu_clocks(void)
{
	struct timespec res;

	CHECK(clock_getres(CLOCK_THREAD_CPUTIME_ID, &res) == 0 &&
	      res.tv_sec == 0 && res.tv_nsec > 0);
	pid_t pid = fork();
	if (pid == 0) {
		pthread_t th;
		void *ret = 0;
		long long me0 = clock_of(CLOCK_THREAD_CPUTIME_ID);
		int bad = me0 < 0;
		bad |= (pthread_create(&th, NULL, thread_spins, NULL) != 0) << 1;
		bad |= (bad & 2 || pthread_join(th, &ret) || ret != (void *)1) << 2;
		long long me1 = clock_of(CLOCK_THREAD_CPUTIME_ID);
		long long all = clock_of(CLOCK_PROCESS_CPUTIME_ID);
		printf("  thread clock of the sleeper: %lld ms, process: %lld ms\n",
		       (me1 - me0) / MS, all / MS);
		bad |= (me1 - me0 >= 60 * MS) << 3;   /* it slept: not the spin */
		bad |= (all < 100 * MS) << 4;         /* the spin is counted */
		_exit(bad);
	}
	CHECK(pid > 0);
	CHECK(exited_with(pid, 0));
	return true;
}

/* ---- timers: RLIMIT_CPU, alarm, setitimer (procsrv's timers.c) ------------ */

static void spin_forever(void)
{
	for (;;)
		__asm__ volatile("");
}

static long long cpu_us(const struct rusage *ru)
{
	return (ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * 1000000ll +
	       ru->ru_utime.tv_usec + ru->ru_stime.tv_usec;
}

/* pid ends by sig (core: with the core-dump bit) after cpu_lo..cpu_hi ms
 * of CPU time (any, when cpu_hi is 0). */
static bool killed_by(pid_t pid, int sig, bool core, long long cpu_lo,
		      long long cpu_hi)
{
	struct rusage ru;
	int st = 0;
	pid_t got = wait4(pid, &st, 0, &ru);
	long long ms = cpu_us(&ru) / 1000;

	printf("  pid %d: status %#x after %lld ms of CPU\n", got, st, ms);
	CHECK(got > 0 && (pid < 0 || got == pid));
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == sig);
	CHECK(!!WCOREDUMP(st) == core);
	CHECK(!cpu_hi || (ms >= cpu_lo && ms <= cpu_hi));
	return true;
}

/* RLIMIT_CPU: a process that spins past its soft limit ends with SIGXCPU
 * (core-dump bit) within a tick or so of it, and so does a child that
 * inherited the limit; with SIGXCPU ignored, the hard limit's SIGKILL. */
static bool test_rlimit_cpu(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct rlimit l = { 1, RLIM_INFINITY };
		if (setrlimit(RLIMIT_CPU, &l))
			_exit(1);
		if (fork() < 0)      /* both spin: the child with our limit */
			_exit(2);
		spin_forever();
	}
	CHECK(pid > 0);
	CHECK(killed_by(-1, SIGXCPU, true, 1000, 1030));
	CHECK(killed_by(-1, SIGXCPU, true, 1000, 1030));
	pid = fork();
	if (pid == 0) {
		struct rlimit l = { 1, 2 };
		if (signal(SIGXCPU, SIG_IGN) == SIG_ERR || setrlimit(RLIMIT_CPU, &l))
			_exit(1);
		spin_forever();
	}
	CHECK(killed_by(pid, SIGKILL, false, 2000, 2030));
	return true;
}

/* alarm(1) ends a sleeping child with SIGALRM after a second (on the
 * clock, within a few ticks); alarm returns what was left of the earlier
 * one; alarm(0) cancels; fork does not copy it. */
static bool test_alarm(void)
{
	long long t0 = mono_ns();
	pid_t pid = fork();

	if (pid == 0) {
		alarm(1);
		sleep(5);
		_exit(1);
	}
	CHECK(killed_by(pid, SIGALRM, false, 0, 0));
	long long took = (mono_ns() - t0) / MS;
	printf("  alarm(1): ended after %lld ms\n", took);
	CHECK(took >= 1000 && took <= 1000 + 50);
	pid = fork();
	if (pid == 0) {
		int bad = alarm(10) != 0;
		bad |= (alarm(5) != 10) << 1;       /* 9.99 s left: rounded */
		usleep(100000);
		bad |= (alarm(1) != 5) << 2;        /* 4.9 s: 5 */
		usleep(100000);
		bad |= (alarm(0) != 1) << 3;        /* 0.9 s: 1, and cancelled */
		bad |= (alarm(0) != 0) << 4;
		alarm(3);
		pid_t c = fork();
		if (c == 0)
			_exit(alarm(0) != 0);       /* the child has none */
		bad |= !exited_with(c, 0) << 5;
		alarm(0);
		usleep(1200000);                    /* outlives the cancelled one */
		_exit(bad);
	}
	CHECK(exited_with(pid, 0));
	return true;
}

static long long itimer_us(int which, long long *interval)
{
	struct itimerval v;

	if (getitimer(which, &v))
		return -1;
	if (interval)
		*interval = v.it_interval.tv_sec * 1000000ll + v.it_interval.tv_usec;
	return v.it_value.tv_sec * 1000000ll + v.it_value.tv_usec;
}

/* ITIMER_REAL with an interval: getitimer counts down; with SIGALRM
 * ignored it reloads and the process lives on; with the default action
 * back, the next expiry ends it. */
static bool test_itimer_real(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct itimerval v = { { 0, 500000 }, { 2, 0 } }, old;
		long long every, left;
		int bad = setitimer(ITIMER_REAL, &v, NULL) != 0;
		left = itimer_us(ITIMER_REAL, &every);
		bad |= (left > 2000000 || left < 1950000 || every != 500000) << 1;
		usleep(100000);
		left = itimer_us(ITIMER_REAL, NULL);
		bad |= (left > 1900000 || left < 1850000) << 2;
		v.it_value.tv_sec = 0;              /* value 0: disarm */
		bad |= (setitimer(ITIMER_REAL, &v, &old) != 0 ||
			old.it_value.tv_sec != 1 || old.it_interval.tv_usec != 500000) << 3;
		bad |= (itimer_us(ITIMER_REAL, NULL) != 0) << 4;
		bad |= (getitimer(7, &old) != -1 || errno != EINVAL) << 5;
		v.it_value.tv_usec = 1000000;
		bad |= (setitimer(ITIMER_REAL, &v, NULL) != -1 || errno != EINVAL) << 6;
		signal(SIGALRM, SIG_IGN);
		struct itimerval fast = { { 0, 30000 }, { 0, 50000 } };
		bad |= setitimer(ITIMER_REAL, &fast, NULL) << 7;
		usleep(200000);                     /* several expiries, ignored */
		left = itimer_us(ITIMER_REAL, &every);
		bad |= (left <= 0 || left > 30000 || every != 30000) << 8;
		if (bad)
			_exit(bad);
		signal(SIGALRM, SIG_DFL);
		usleep(200000);
		_exit(99);
	}
	CHECK(killed_by(pid, SIGALRM, false, 0, 0));
	return true;
}

/* ITIMER_VIRTUAL counts user time only: a sleeping child outlives it, a
 * spinning one ends with SIGVTALRM after its 200 ms; ITIMER_PROF counts
 * user and system time: SIGPROF. */
static bool test_itimer_cpu(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct itimerval v = { { 0, 0 }, { 0, 100000 } };
		int bad = setitimer(ITIMER_VIRTUAL, &v, NULL) != 0;
		usleep(300000);
		long long left = itimer_us(ITIMER_VIRTUAL, NULL);
		bad |= (left <= 50000 || left > 100000) << 1;
		_exit(bad);
	}
	CHECK(exited_with(pid, 0));
	pid = fork();
	if (pid == 0) {
		struct itimerval v = { { 0, 0 }, { 0, 200000 } };
		if (setitimer(ITIMER_VIRTUAL, &v, NULL))
			_exit(1);
		spin_forever();
	}
	CHECK(killed_by(pid, SIGVTALRM, false, 200, 230));
	pid = fork();
	if (pid == 0) {
		struct itimerval v = { { 0, 0 }, { 0, 150000 } };
		if (setitimer(ITIMER_PROF, &v, NULL))
			_exit(1);
		spin_forever();
	}
	CHECK(killed_by(pid, SIGPROF, false, 150, 180));
	return true;
}

/* A fork bomb of a user: it stops at EAGAIN (RLIMIT_NPROC), init goes
 * on, and everything comes back. */
/* ---- the scheduling policy (procsrv's sched.c and policy.c) --------------- */

static struct sched_param sp(int prio)
{
	struct sched_param p = { .sched_priority = prio };

	return p;
}

/* Bit n set when a check fails: a child's exit status. */
#define BIT(n, cond) ((cond) ? 0 : 1 << (n))

static bool test_sched_errors(void)
{
	struct sched_param p = sp(0);
	struct timespec ts;

	errno = 0;
	CHECK(getpriority(PRIO_PROCESS, 0) == 0 && errno == 0);
	CHECK(sched_getscheduler(0) == SCHED_OTHER);
	CHECK(sched_getparam(0, &p) == 0 && p.sched_priority == 0);
	CHECK(sched_get_priority_min(SCHED_FIFO) == 1 &&
	      sched_get_priority_max(SCHED_RR) == 99);
	CHECK(sched_rr_get_interval(0, &ts) == 0 && ts.tv_sec == 0 &&
	      ts.tv_nsec == 100 * MS);
	p = sp(0);
	CHECK(sched_setscheduler(0, 7, &p) == -1 && errno == EINVAL);
	CHECK(sched_setscheduler(0, SCHED_FIFO, &p) == -1 && errno == EINVAL);
	p = sp(100);
	CHECK(sched_setscheduler(0, SCHED_RR, &p) == -1 && errno == EINVAL);
	p = sp(1);
	CHECK(sched_setscheduler(0, SCHED_OTHER, &p) == -1 && errno == EINVAL);
	CHECK(sched_setparam(0, &p) == -1 && errno == EINVAL);   /* OTHER: 0 */
	CHECK(sched_setscheduler(-1, SCHED_FIFO, &p) == -1 && errno == EINVAL);
	CHECK(setpriority(3, 0, 0) == -1 && errno == EINVAL);
	CHECK(getpriority(7, 0) == -1 && errno == EINVAL);
	CHECK(getpriority(PRIO_PROCESS, 30000) == -1 && errno == ESRCH);
	CHECK(setpriority(PRIO_PGRP, 30000, 1) == -1 && errno == ESRCH);
	CHECK(getpriority(PRIO_USER, 30000) == -1 && errno == ESRCH);
	CHECK(sched_getscheduler(30000) == -1 && errno == ESRCH);
	CHECK(sched_setparam(30000, &p) == -1 && errno == ESRCH);
	CHECK(sched_rr_get_interval(30000, &ts) == -1 && errno == ESRCH);
	CHECK(sched_getscheduler(0) == SCHED_OTHER);   /* nothing changed */

	/* An ordinary user's process. */
	pid_t pid = fork();
	if (pid == 0) {
		int bad = BIT(0, setuid(1000) == 0);
		bad |= BIT(1, setpriority(PRIO_PROCESS, 0, -1) == -1 && errno == EACCES);
		bad |= BIT(2, nice(-1) == -1 && errno == EPERM);
		bad |= BIT(3, nice(5) == 5);
		bad |= BIT(4, setpriority(PRIO_PROCESS, 0, 4) == -1 && errno == EACCES);
		bad |= BIT(5, getpriority(PRIO_PROCESS, 0) == 5);
		p = sp(1);
		bad |= BIT(6, sched_setscheduler(0, SCHED_FIFO, &p) == -1 && errno == EPERM);
		bad |= BIT(7, sched_setscheduler(0, SCHED_RR, &p) == -1 && errno == EPERM);
		bad |= BIT(8, setpriority(PRIO_PROCESS, 1, 5) == -1 && errno == EPERM);
		p = sp(0);
		bad |= BIT(9, sched_setparam(1, &p) == -1 && errno == EPERM);
		bad |= BIT(10, sched_setscheduler(0, SCHED_BATCH, &p) == 0 &&
			       sched_getscheduler(0) == SCHED_BATCH &&
			       getpriority(PRIO_PROCESS, 0) == 5);
		bad |= BIT(11, nice(100) == 19 && sched_rr_get_interval(0, &ts) == 0 &&
			       ts.tv_nsec == 5 * MS);
		_exit(bad ? 100 + __builtin_ctz(bad) : 0);
	}
	CHECK(pid > 0);
	CHECK(exited_with(pid, 0));
	CHECK(getpriority(PRIO_PROCESS, 1) == 0);   /* init unchanged */
	return true;
}

/* What a fork child sees: exit 0 if policy, rt priority and nice are
 * these. */
static bool child_sees(int policy, int prio, int nicev)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct sched_param p = sp(-1);
		errno = 0;
		int n = getpriority(PRIO_PROCESS, 0);
		_exit(BIT(0, sched_getscheduler(0) == policy) |
		      BIT(1, sched_getparam(0, &p) == 0 && p.sched_priority == prio) |
		      BIT(2, n == nicev && errno == 0));
	}
	return pid > 0 && exited_with(pid, 0);
}

static bool test_sched_inherit(void)
{
	struct sched_param p = sp(5), z = sp(0);

	CHECK(setpriority(PRIO_PROCESS, 0, 3) == 0);
	CHECK(child_sees(SCHED_OTHER, 0, 3));
	CHECK(setpriority(PRIO_PROCESS, 0, -5) == 0);   /* root may */
	CHECK(sched_setscheduler(0, SCHED_FIFO, &p) == 0);
	CHECK(child_sees(SCHED_FIFO, 5, -5));
	CHECK(sched_setscheduler(0, SCHED_FIFO | SCHED_RESET_ON_FORK, &p) == 0);
	CHECK(sched_getscheduler(0) == (SCHED_FIFO | SCHED_RESET_ON_FORK));
	CHECK(child_sees(SCHED_OTHER, 0, 0));
	CHECK(sched_setscheduler(0, SCHED_OTHER | SCHED_RESET_ON_FORK, &z) == 0);
	CHECK(child_sees(SCHED_OTHER, 0, 0));           /* -5 is reset */
	CHECK(setpriority(PRIO_PROCESS, 0, 4) == 0);
	CHECK(child_sees(SCHED_OTHER, 0, 4));           /* 4 is not */
	/* exec keeps them (its new task is given them). */
	pid_t pid = fork();
	if (pid == 0) {
		char *argv[] = { "showargs", "-p", NULL };
		struct sched_param rr = sp(7);
		if (setpriority(PRIO_PROCESS, 0, 6) || sched_setscheduler(0, SCHED_RR, &rr))
			_exit(1);
		execve("/bin/showargs", argv, env);
		_exit(2);
	}
	CHECK(pid > 0 && exited_with(pid, 100 + 20 + 6));
	CHECK(sched_setscheduler(0, SCHED_OTHER, &z) == 0);
	CHECK(setpriority(PRIO_PROCESS, 0, 0) == 0);
	CHECK(sched_getscheduler(0) == SCHED_OTHER && getpriority(PRIO_PROCESS, 0) == 0);
	return true;
}

static bool test_priority_which(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		int bad = BIT(0, setpgid(0, 0) == 0 && setuid(4242) == 0);
		pid_t g = fork();
		if (g == 0) {
			for (;;)
				sleep(1);
		}
		bad |= BIT(1, g > 0);
		bad |= BIT(2, setpriority(PRIO_PGRP, 0, 7) == 0 &&
			      getpriority(PRIO_PROCESS, g) == 7 &&
			      getpriority(PRIO_PROCESS, 0) == 7);
		bad |= BIT(3, setpriority(PRIO_USER, 4242, 9) == 0 &&
			      getpriority(PRIO_PROCESS, g) == 9);
		bad |= BIT(4, setpriority(PRIO_PROCESS, 0, 12) == 0 &&
			      getpriority(PRIO_USER, 0) == 9 &&
			      getpriority(PRIO_PGRP, getpgrp()) == 9);
		bad |= BIT(5, setpriority(PRIO_USER, 0, 8) == -1 && errno == EACCES &&
			      getpriority(PRIO_PROCESS, g) == 9);
		bad |= BIT(6, getpriority(PRIO_USER, 4243) == -1 && errno == ESRCH);
		bad |= BIT(7, setpriority(PRIO_PGRP, 1, 15) == -1 && errno == EPERM);
		kill(g, SIGKILL);
		waitpid(g, NULL, 0);
		_exit(bad ? 100 + __builtin_ctz(bad) : 0);
	}
	CHECK(pid > 0);
	CHECK(exited_with(pid, 0));
	CHECK(getpriority(PRIO_PROCESS, 0) == 0);
	return true;
}

/* The caller as SCHED_FIFO 50 with reset-on-fork: its children start as
 * SCHED_OTHER and do not run until it waits. */
static bool sched_boss(bool on)
{
	struct sched_param p = sp(on ? 50 : 0);

	return sched_setscheduler(0, on ? SCHED_FIFO | SCHED_RESET_ON_FORK
				       : SCHED_OTHER, &p) == 0;
}

static long long utime_ms(pid_t pid, int *st)
{
	struct rusage ru;

	if (wait4(pid, st, 0, &ru) != pid)
		return -1;
	return ru.ru_utime.tv_sec * 1000 + ru.ru_utime.tv_usec / 1000;
}

static bool test_sched_fifo(void)
{
	long long t0 = mono_ns();
	int sa = -1, sb = -1;

	CHECK(sched_boss(true));
	/* b: SCHED_OTHER, says when it first ran (10 ms units after t0). */
	pid_t b = fork();
	if (b == 0) {
		long long d = (mono_ns() - t0) / (10 * MS);
		_exit(d > 255 ? 255 : (int)d);
	}
	/* a: SCHED_FIFO 10, spins to t0 + 300 ms, then blocks 100 ms. */
	pid_t a = fork();
	if (a == 0) {
		while (mono_ns() < t0 + 300 * MS)
			__asm__ volatile("");
		usleep(100000);
		_exit(0);
	}
	struct sched_param p = sp(10);
	bool set = a > 0 && sched_setscheduler(a, SCHED_FIFO, &p) == 0;
	long long ua = utime_ms(a, &sa);
	long long ub = utime_ms(b, &sb);
	CHECK(sched_boss(false));
	int delay = WIFEXITED(sb) ? WEXITSTATUS(sb) * 10 : -1;
	printf("  SCHED_OTHER child first ran %d ms after the start; the "
	       "SCHED_FIFO child spun %lld ms and slept to 400\n", delay, ua);
	CHECK(b > 0 && set);
	CHECK(WIFEXITED(sa) && WEXITSTATUS(sa) == 0);
	CHECK(ub >= 0 && ua >= 200);
	/* Not before the FIFO task blocked (at 300 ms), and then at once. */
	CHECK(delay >= 280 && delay < 400);
	return true;
}

/* A CPU-bound child until mono_ns() reaches end; its exit status is how
 * often it was off the CPU for more than 30 ms. */
static pid_t hog(long long end)
{
	pid_t pid = fork();

	if (pid == 0) {
		long long last = mono_ns(), now;
		int gaps = 0;
		while ((now = mono_ns()) < end) {
			if (now - last > 30 * MS)
				gaps++;
			last = now;
		}
		_exit(gaps > 255 ? 255 : gaps);
	}
	return pid;
}

static bool test_sched_rr(void)
{
	struct sched_param p = sp(10);
	int s1 = -1, s2 = -1;

	CHECK(sched_boss(true));
	long long end = mono_ns() + 800 * MS;
	pid_t c1 = hog(end), c2 = hog(end);
	bool set = c1 > 0 && c2 > 0 && sched_setscheduler(c1, SCHED_RR, &p) == 0 &&
		   sched_setscheduler(c2, SCHED_RR, &p) == 0;
	long long u1 = utime_ms(c1, &s1), u2 = utime_ms(c2, &s2);
	CHECK(sched_boss(false));
	int g1 = WIFEXITED(s1) ? WEXITSTATUS(s1) : -1;
	int g2 = WIFEXITED(s2) ? WEXITSTATUS(s2) : -1;
	printf("  two SCHED_RR hogs: %lld ms and %lld ms of CPU, off it %d and "
	       "%d times\n", u1, u2, g1, g2);
	CHECK(set);
	/* 100 ms turns over 800 ms: each waits its turn a few times. */
	CHECK(g1 >= 2 && g2 >= 2);
	CHECK(u1 >= 200 && u2 >= 200);
	return true;
}

static bool test_nice_share(void)
{
	int s0 = -1, s10 = -1;

	CHECK(sched_boss(true));
	long long end = mono_ns() + 1500 * MS;
	pid_t c0 = hog(end), c10 = hog(end);
	bool set = c0 > 0 && c10 > 0 && setpriority(PRIO_PROCESS, c10, 10) == 0;
	long long u0 = utime_ms(c0, &s0), u10 = utime_ms(c10, &s10);
	CHECK(sched_boss(false));
	long long ratio = u10 > 0 ? u0 * 100 / u10 : -1;
	printf("  nice 0: %lld ms, nice 10: %lld ms of CPU: ratio %lld.%02lld "
	       "(the model: 2.00)\n", u0, u10, ratio / 100, ratio % 100);
	CHECK(set);
	CHECK(u0 + u10 >= 1000);
	CHECK(ratio >= 160 && ratio <= 250);
	return true;
}

static bool test_fork_bomb(void)
{
	struct pith_sysinfo before, after;

	CHECK(pith_sysinfo(&before) == 0);
	pid_t b = fork();
	if (b == 0) {
		struct rlimit l = { 40, 40 };
		if (setrlimit(RLIMIT_NPROC, &l) || setuid(1000))
			_exit(100);
		int made = 0;
		for (;;) {
			pid_t c = fork();
			if (c == 0)
				_exit(0);           /* a zombie: it still counts */
			if (c < 0)
				_exit(errno == EAGAIN && made >= 30 ? 0 : 101);
			made++;
		}
	}
	CHECK(exited_with(b, 0));
	/* Its zombies were given to us. */
	int n = 0, st;
	while (waitpid(-1, &st, 0) > 0)
		n++;
	CHECK(n >= 30);
	CHECK(pith_sysinfo(&after) == 0);
	printf("  the bomb made %d processes before EAGAIN; pool %llu bytes before, "
	       "%llu after; procsrv's tables %llu, %llu\n", n,
	       (unsigned long long)before.pool_used, (unsigned long long)after.pool_used,
	       (unsigned long long)before.table_bytes, (unsigned long long)after.table_bytes);
	CHECK(after.processes == before.processes);
	CHECK(after.pool_used == before.pool_used);
	return true;
}

/* brk and anonymous mmap; a process over its memory limit gets ENOMEM
 * (or dies of it) while we go on. */
/* msync, madvise, posix_madvise, mlock, munlock, mlockall on what Pith
 * has (no file mappings, no paging out): arguments checked, a range with
 * a hole ENOMEM, the data kept (MADV_DONTNEED too); clock_getcpuclockid. */
static bool test_memctl(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *m = mmap(NULL, (size_t)pg * 4, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(m != MAP_FAILED);
	memset(m, 'x', (size_t)pg * 4);
	CHECK(mlock(m + 10, (size_t)pg * 2) == 0);
	CHECK(munlock(m + 10, (size_t)pg * 2) == 0);
	for (int a = MADV_NORMAL; a <= MADV_DONTNEED; a++)
		CHECK(madvise(m, (size_t)pg * 4, a) == 0);
	CHECK(m[0] == 'x' && m[pg * 4 - 1] == 'x');   /* DONTNEED kept it */
	CHECK(posix_madvise(m, (size_t)pg, POSIX_MADV_WILLNEED) == 0);
	CHECK(msync(m, (size_t)pg * 4, MS_SYNC) == 0);
	CHECK(msync(m, (size_t)pg, MS_ASYNC | MS_INVALIDATE) == 0);
	/* Bad arguments. */
	errno = 0;
	CHECK(madvise(m, (size_t)pg, 99) == -1 && errno == EINVAL);
	CHECK(madvise(m + 1, (size_t)pg, MADV_NORMAL) == -1 && errno == EINVAL);
	CHECK(msync(m, (size_t)pg, MS_SYNC | MS_ASYNC) == -1 && errno == EINVAL);
	CHECK(msync(m + 1, (size_t)pg, MS_SYNC) == -1 && errno == EINVAL);
	CHECK(posix_madvise(m, (size_t)pg, -1) == EINVAL);
	CHECK(mlockall(0) == -1 && errno == EINVAL);
	CHECK(mlockall(MCL_CURRENT | MCL_FUTURE) == 0 && munlockall() == 0);
	CHECK(mlock(m, SIZE_MAX) == -1 && (errno == ENOMEM || errno == EINVAL));
	CHECK(mlock(m, (size_t)64 << 20) == -1 && errno == ENOMEM);
	/* A hole in the range. */
	CHECK(munmap(m + pg, (size_t)pg) == 0);
	CHECK(madvise(m, (size_t)pg * 4, MADV_NORMAL) == -1 && errno == ENOMEM);
	CHECK(msync(m, (size_t)pg * 4, MS_SYNC) == -1 && errno == ENOMEM);
	CHECK(mlock(m, (size_t)pg * 4) == -1 && errno == ENOMEM);
	CHECK(posix_madvise(m, (size_t)pg * 4, POSIX_MADV_NORMAL) == ENOMEM);
	CHECK(madvise((void *)0x7000000000ull, (size_t)pg, MADV_NORMAL) == -1 &&
	      errno == ENOMEM);
	CHECK(m[0] == 'x' && m[pg * 2] == 'x');
	CHECK(munmap(m, (size_t)pg * 4) == 0);
	/* The CPU-time clock of a process: our own only. */
	clockid_t id;
	struct timespec ts;
	CHECK(clock_getcpuclockid(0, &id) == 0 && id == CLOCK_PROCESS_CPUTIME_ID);
	CHECK(clock_getcpuclockid(getpid(), &id) == 0 && clock_gettime(id, &ts) == 0);
	pid_t c = fork();
	if (c == 0) {
		pause();
		_exit(0);
	}
	CHECK(c > 0 && clock_getcpuclockid(c, &id) == EPERM);
	kill(c, SIGKILL);
	CHECK(waitpid(c, NULL, 0) == c);
	CHECK(clock_getcpuclockid(30000, &id) == ESRCH);
	return true;
}

static bool test_memory(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		char *p = sbrk(0);
		if (p == (void *)-1 || sbrk(8192) != p)
			_exit(1);
		p[0] = 1;
		p[8191] = 2;
		char *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED)
			_exit(2);
		for (int i = 0; i < (1 << 20); i += 4096)
			m[i] = (char)i;
		if (m[4096] != (char)4096 || munmap(m, 1 << 20))
			_exit(3);
		if (mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED)
			_exit(4);
		char *f = mmap((void *)0x50000000, 4096, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		if (f != (void *)0x50000000)
			_exit(5);
		f[1] = 9;
		if (mprotect(f, 4096, PROT_READ) || f[1] != 9)
			_exit(6);
		if (mprotect(f, 4096, PROT_READ | PROT_WRITE))
			_exit(7);
		f[2] = 8;
		_exit(f[1] == 9 && f[2] == 8 ? 0 : 8);
	}
	CHECK(exited_with(pid, 0));
	/* Writing to a page mprotect'ed read-only: SIGSEGV. */
	pid = fork();
	if (pid == 0) {
		char *f = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		f[0] = 1;
		mprotect(f, 4096, PROT_READ);
		f[0] = 2;
		_exit(10);
	}
	int st = status_of(pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	/* Past RLIMIT_AS: malloc fails (or the process dies), we go on. */
	pid = fork();
	if (pid == 0) {
		struct rlimit l = { 4 << 20, 4 << 20 };
		setrlimit(RLIMIT_AS, &l);
		for (int i = 0; i < 64; i++) {
			char *p = malloc(1 << 20);
			if (!p)
				_exit(errno == ENOMEM ? 0 : 11);
			for (int k = 0; k < (1 << 20); k += 4096)
				p[k] = 1;
		}
		_exit(12);
	}
	st = status_of(pid);
	CHECK((WIFEXITED(st) && WEXITSTATUS(st) == 0) || WIFSIGNALED(st));
	return true;
}

/* Stop and continue (the default actions of SIGSTOP, SIGTSTP and
 * SIGCONT), seen once each by a wait with WUNTRACED / WCONTINUED. */
static bool test_stop_continue(void)
{
	int st;
	pid_t c = fork();

	if (c == 0)
		spin();
	CHECK(kill(c, SIGSTOP) == 0);
	CHECK(waitpid(c, &st, WUNTRACED) == c);
	CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP && !WIFEXITED(st));
	CHECK(waitpid(c, &st, WUNTRACED | WNOHANG) == 0);   /* reported once */
	CHECK(waitpid(c, &st, WNOHANG) == 0);               /* not a zombie */
	CHECK(kill(c, SIGCONT) == 0);
	CHECK(waitpid(c, &st, WCONTINUED) == c && WIFCONTINUED(st));
	CHECK(waitpid(c, &st, WCONTINUED | WNOHANG) == 0);
	CHECK(kill(c, SIGTSTP) == 0);
	CHECK(waitpid(c, &st, WUNTRACED) == c && WIFSTOPPED(st) &&
	      WSTOPSIG(st) == SIGTSTP);
	CHECK(kill(c, SIGKILL) == 0);                       /* stopped, killed */
	CHECK(waitpid(c, &st, 0) == c && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	/* A child ignoring SIGTSTP is not stopped by it (SIGSTOP cannot be
	 * ignored). The disposition is inherited: set before the fork, so
	 * the child has it before it can be signalled. */
	CHECK(signal(SIGTSTP, SIG_IGN) != SIG_ERR);
	c = fork();
	if (c == 0)
		spin();
	CHECK(signal(SIGTSTP, SIG_DFL) != SIG_ERR);
	CHECK(kill(c, SIGTSTP) == 0);
	CHECK(waitpid(c, &st, WUNTRACED | WNOHANG) == 0);
	CHECK(kill(c, SIGSTOP) == 0);
	CHECK(waitpid(c, &st, WUNTRACED) == c && WSTOPSIG(st) == SIGSTOP);
	CHECK(kill(c, SIGKILL) == 0 && waitpid(c, &st, 0) == c);
	return true;
}

/* A parent that ignores SIGCHLD gets no zombies: its wait finds none and
 * fails with ECHILD once the children are gone (SA_NOCLDWAIT semantics). */
static bool test_sigchld_ignored(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct pith_sysinfo a, b;
		if (signal(SIGCHLD, SIG_IGN) == SIG_ERR || pith_sysinfo(&a))
			_exit(1);
		for (int i = 0; i < 5; i++) {
			pid_t c = fork();
			if (c == 0)
				_exit(3);
			if (c < 0)
				_exit(2);
		}
		int st;
		if (waitpid(-1, &st, 0) != -1 || errno != ECHILD)
			_exit(3);
		if (pith_sysinfo(&b) || b.processes != a.processes)
			_exit(4);          /* no zombie left behind */
		_exit(0);
	}
	CHECK(exited_with(pid, 0));
	return true;
}

/* Bad messages (procfuzz: random opcodes, lengths and words) cost
 * procsrv nothing: every call is answered, the system's counts come back
 * once the fuzzers and whatever they made are reaped, and a client killed
 * while procsrv holds its answer (a wait) is cleaned up too. */
static bool test_bad_messages(void)
{
	struct pith_sysinfo before, after;
	char seed[24], n[16];
	int st, ended_by_call = 0;

	CHECK(pith_sysinfo(&before) == 0);
	for (int i = 0; i < 8; i++) {
		snprintf(seed, sizeof(seed), "%d", 1000 + i * 7919);
		snprintf(n, sizeof(n), "%d", 3000);
		pid_t pid = fork();
		if (pid == 0) {
			execve("/bin/procfuzz", (char *[]){ "procfuzz", seed, n, NULL }, env);
			_exit(90);
		}
		CHECK(pid > 0);
		CHECK(waitpid(pid, &st, 0) == pid);
		/* Done, or ended by a call it made (a kill of itself, a fault
		 * from exec'ing garbage it built...): never procsrv gone. */
		CHECK(!WIFEXITED(st) || WEXITSTATUS(st) == 0);
		ended_by_call += !WIFEXITED(st);
		/* Whatever it forked or set running: end and reap it. */
		kill(-1, SIGKILL);
		while (waitpid(-1, &st, 0) > 0)
			;
	}
	printf("  8 x 3000 random calls; %d fuzzers ended by their own call\n",
	       ended_by_call);
	/* A client killed while procsrv holds its answer (a wait). */
	pid_t w = fork();
	if (w == 0) {
		pid_t c = fork();
		if (c == 0)
			spin();
		waitpid(c, NULL, 0);
		_exit(1);
	}
	for (int i = 0; i < 200; i++)
		getppid();          /* let it reach its wait */
	CHECK(kill(w, SIGKILL) == 0);
	CHECK(waitpid(w, &st, 0) == w && WIFSIGNALED(st));
	kill(-1, SIGKILL);      /* its orphan */
	while (waitpid(-1, &st, 0) > 0)
		;
	CHECK(pith_sysinfo(&after) == 0);
	CHECK(after.processes == before.processes);
	CHECK(after.pool_used == before.pool_used);
	return true;
}

/* ---- threads: each case is a process of its own (threadtest.c) ---- */

/* The wait status of `threadtest name`. */
static int threadtest(const char *name)
{
	pid_t pid = fork();

	if (pid == 0) {
		execve("/bin/threadtest", (char *[]){ "threadtest", (char *)name, NULL },
		       env);
		_exit(98);
	}
	return pid > 0 ? status_of(pid) : -1;
}

static bool thread_case(const char *name)
{
	int st = threadtest(name);

	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		printf("  threadtest %s: status %#x\n", name, st);
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* A thread writes, the parent sees it; getpid is one, gettid two;
 * PARENT_SETTID / CHILD_SETTID write the tid; CHILD_CLEARTID wakes the
 * joiner. */
static bool test_thread_share(void) { return thread_case("share"); }
/* Linux's invalid combinations give EINVAL. */
static bool test_thread_flags(void) { return thread_case("flags"); }
/* WAIT with another value: EAGAIN; WAKE returns the count. */
static bool test_futex(void) { return thread_case("futex"); }
/* pthread_create and pthread_join, errno per thread. */
static bool test_pthread(void) { return thread_case("pthread"); }
/* fork from a thread: a process of one thread. */
static bool test_thread_fork(void) { return thread_case("fork"); }

/* exit() in a thread ends every thread; the parent sees its status. */
static bool test_exit_group(void)
{
	int st = threadtest("exit_group");

	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42);
	return true;
}

/* A fault in a thread ends the whole process with SIGSEGV. */
static bool test_thread_segv(void)
{
	int st = threadtest("segv");

	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	return true;
}

/* The main thread ends first: the process ends with its last thread,
 * with the main thread's status. */
static bool test_thread_main_first(void)
{
	int st = threadtest("main_first");

	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3);
	return true;
}

/* Threads leave nothing behind: memory back at the baseline. */
static bool test_thread_leaks(void)
{
	struct pith_sysinfo before, after;

	CHECK(thread_case("pthread"));      /* warm up */
	CHECK(pith_sysinfo(&before) == 0);
	for (int i = 0; i < 5; i++)
		CHECK(thread_case("pthread"));
	CHECK(threadtest("segv") != 0 && threadtest("exit_group") != 0);
	CHECK(pith_sysinfo(&after) == 0);
	CHECK(after.processes == before.processes);
	CHECK(after.pool_used == before.pool_used);
	return true;
}

/* ---- the file server: each case is a process of its own (fstest.c) ---- */

/* `/bin/<prog> <name>` in a child: passed when it exits 0. */
static bool prog_case(const char *prog, const char *name)
{
	char path[64];
	pid_t pid;

	snprintf(path, sizeof(path), "/bin/%s", prog);
	pid = fork();
	if (pid == 0) {
		execve(path, (char *[]){ (char *)prog, (char *)name, NULL }, env);
		_exit(98);
	}
	int st = pid > 0 ? status_of(pid) : -1;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		printf("  %s %s: status %#x\n", prog, name, st);
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static bool fs_case(const char *name)
{
	return prog_case("fstest", name);
}

/* init (this program, pid 1) has the console on 0, 1 and 2 from fs. */
static bool test_fs_init_fds(void)
{
	for (int fd = 0; fd < 3; fd++)
		CHECK(isatty(fd) && fcntl(fd, F_GETFD) == 0);
	CHECK((fcntl(0, F_GETFL) & O_ACCMODE) == O_RDWR);
	CHECK(fcntl(3, F_GETFD) == -1 && errno == EBADF);
	return true;
}

static bool test_fs_read(void) { return fs_case("read"); }
static bool test_fs_stat(void) { return fs_case("stat"); }
static bool test_fs_dir(void) { return fs_case("dir"); }
static bool test_fs_errors(void) { return fs_case("errors"); }
static bool test_fs_dup(void) { return fs_case("dup"); }
static bool test_fs_fork(void) { return fs_case("fork"); }
static bool test_fs_cloexec(void) { return fs_case("cloexec"); }
static bool test_fs_devices(void) { return fs_case("devices"); }
static bool test_fs_cwd(void) { return fs_case("cwd"); }
static bool test_fs_big(void) { return fs_case("big"); }
static bool test_fs_bench(void) { return fs_case("bench"); }
static bool test_fs_fuzz(void) { return fs_case("fuzz"); }
static bool test_fs_pipe(void) { return fs_case("pipe"); }
static bool test_fs_pipe_fork(void) { return fs_case("pipe_fork"); }
static bool test_fs_pipe_eof(void) { return fs_case("pipe_eof"); }
static bool test_fs_pipe_block(void) { return fs_case("pipe_block"); }
static bool test_fs_pipe_queue(void) { return fs_case("pipe_queue"); }
static bool test_fs_pipe_atomic(void) { return fs_case("pipe_atomic"); }
static bool test_fs_pipe_bench(void) { return fs_case("pipe_bench"); }
static bool test_fs_tmp_file(void) { return fs_case("tmp_file"); }
static bool test_fs_tmp_dir(void) { return fs_case("tmp_dir"); }
static bool test_fs_tmp_rename(void) { return fs_case("tmp_rename"); }
static bool test_fs_tmp_errors(void) { return fs_case("tmp_errors"); }
static bool test_fs_tmp_full(void) { return fs_case("tmp_full"); }
static bool test_fs_tmp_append(void) { return fs_case("tmp_append"); }
static bool test_fs_tmp_fork(void) { return fs_case("tmp_fork"); }
static bool test_fs_tmp_stdio(void) { return fs_case("tmp_stdio"); }

/* ---- waitid: each case is a process of its own (waittest.c) ---- */

static bool wait_case(const char *name)
{
	return prog_case("waittest", name);
}

static bool test_waitid_exited(void) { return wait_case("exited"); }
static bool test_waitid_killed(void) { return wait_case("killed"); }
static bool test_waitid_p_all_pid(void) { return wait_case("p_all_pid"); }
static bool test_waitid_p_pgid(void) { return wait_case("p_pgid"); }
static bool test_waitid_wnohang(void) { return wait_case("wnohang"); }
static bool test_waitid_wnowait(void) { return wait_case("wnowait"); }
static bool test_waitid_stop_continue(void) { return wait_case("stop_continue"); }
static bool test_waitid_only_asked(void) { return wait_case("only_asked"); }
static bool test_waitid_errors(void) { return wait_case("errors"); }
static bool test_waitid_eintr(void) { return wait_case("eintr"); }
static bool test_waitid_restart(void) { return wait_case("restart"); }
static bool test_waitid_nocldwait(void) { return wait_case("nocldwait"); }

/* The POSIX file calls on top (posixtest.c), a process per case too. */
static bool posix_case(const char *name)
{
	return prog_case("posixtest", name);
}

static bool test_posix_realpath(void) { return posix_case("realpath"); }
static bool test_posix_scandir(void) { return posix_case("scandir"); }
static bool test_posix_pathconf(void) { return posix_case("pathconf"); }
static bool test_posix_fsync(void) { return posix_case("fsync"); }
static bool test_posix_mktemp(void) { return posix_case("mktemp"); }
static bool test_posix_chown(void) { return posix_case("chown"); }
static bool test_posix_utimens(void) { return posix_case("utimens"); }
static bool test_posix_fadvise(void) { return posix_case("fadvise"); }
static bool test_posix_fallocate(void) { return posix_case("fallocate"); }
static bool test_posix_enosys(void) { return posix_case("enosys"); }

/* Named pipes (fifotest.c), a process per case too. */
static bool fifo_case(const char *name)
{
	return prog_case("fifotest", name);
}

static bool test_fifo_errors(void) { return fifo_case("errors"); }
static bool test_fifo_reader_first(void) { return fifo_case("reader_first"); }
static bool test_fifo_writer_first(void) { return fifo_case("writer_first"); }
static bool test_fifo_nonblock(void) { return fifo_case("nonblock"); }
static bool test_fifo_rdwr(void) { return fifo_case("rdwr"); }
static bool test_fifo_eof_sigpipe(void) { return fifo_case("eof_sigpipe"); }
static bool test_fifo_interrupt(void) { return fifo_case("interrupt"); }
static bool test_fifo_unlink(void) { return fifo_case("unlink"); }
static bool test_fifo_poll(void) { return fifo_case("poll"); }
static bool test_fifo_many(void) { return fifo_case("many"); }

/* select, pselect and poll: each case a process of its own (polltest.c). */
static bool poll_case(const char *name)
{
	return prog_case("polltest", name);
}

static bool test_poll_files_ready(void) { return poll_case("files_ready"); }
static bool test_poll_pipe_readable(void) { return poll_case("pipe_readable"); }
static bool test_poll_pipe_hup(void) { return poll_case("pipe_hup"); }
static bool test_poll_pipe_writable(void) { return poll_case("pipe_writable"); }
static bool test_poll_pipe_err(void) { return poll_case("pipe_err"); }
static bool test_poll_nval_badf(void) { return poll_case("nval_badf"); }
static bool test_poll_timeouts(void) { return poll_case("timeouts"); }
static bool test_poll_timeouts_several(void) { return poll_case("timeouts_several"); }
static bool test_poll_bad_args(void) { return poll_case("bad_args"); }
static bool test_poll_eintr(void) { return poll_case("eintr"); }
static bool test_poll_pselect_mask(void) { return poll_case("pselect_mask"); }
static bool test_poll_pselect_pending(void) { return poll_case("pselect_pending"); }
static bool test_poll_killed_waiter(void) { return poll_case("killed_waiter"); }
static bool test_poll_many_waiters(void) { return poll_case("many_waiters"); }
static bool test_poll_console(void) { return poll_case("console"); }
static bool test_poll_thread_waiters(void) { return poll_case("thread_waiters"); }

static const struct guest_test tests[] = {
	{ "proc_identity_of_init", test_identity },
	{ "proc_fork_copy_on_write", test_fork_cow },
	{ "proc_fork_exit_wait_1000", test_fork_exit_cycles },
	{ "proc_wait_forms", test_wait_forms },
	{ "proc_exec_args_env_script", test_exec },
	{ "proc_exec_text_shared_from_image", test_text_shared },
	{ "proc_exec_errors", test_exec_errors },
	{ "proc_segv_is_signaled", test_segv },
	{ "proc_orphans_to_init", test_orphans },
	{ "proc_vfork", test_vfork },
	{ "proc_kill", test_kill },
	{ "proc_credentials", test_credentials },
	{ "proc_exec_setuid_bit", test_exec_setuid },
	{ "proc_groups_sessions", test_groups_sessions },
	{ "proc_limits_times", test_limits_times },
	{ "proc_clocks_and_sleep", test_clocks_sleep },
	{ "proc_cpu_clocks", test_cpu_clocks },
	{ "proc_rlimit_cpu", test_rlimit_cpu },
	{ "proc_alarm", test_alarm },
	{ "proc_itimer_real", test_itimer_real },
	{ "proc_itimer_virtual_prof", test_itimer_cpu },
	{ "proc_sched_errors_permissions", test_sched_errors },
	{ "proc_sched_inherit_reset_on_fork", test_sched_inherit },
	{ "proc_priority_pgrp_user", test_priority_which },
	{ "proc_sched_fifo_starves_other", test_sched_fifo },
	{ "proc_sched_rr_alternate", test_sched_rr },
	{ "proc_sched_nice_share", test_nice_share },
	{ "proc_fork_bomb", test_fork_bomb },
	{ "proc_memory", test_memory },
	{ "proc_memctl_cpuclock", test_memctl },
	{ "proc_sigchld_ignored_no_zombies", test_sigchld_ignored },
	{ "proc_stop_continue", test_stop_continue },
	{ "proc_waitid_exited", test_waitid_exited },
	{ "proc_waitid_killed_dumped", test_waitid_killed },
	{ "proc_waitid_p_all_p_pid", test_waitid_p_all_pid },
	{ "proc_waitid_p_pgid", test_waitid_p_pgid },
	{ "proc_waitid_wnohang_none_ready", test_waitid_wnohang },
	{ "proc_waitid_wnowait_then_waitpid", test_waitid_wnowait },
	{ "proc_waitid_stop_continue", test_waitid_stop_continue },
	{ "proc_waitid_only_events_asked", test_waitid_only_asked },
	{ "proc_waitid_einval_echild", test_waitid_errors },
	{ "proc_waitid_eintr", test_waitid_eintr },
	{ "proc_waitid_sa_restart", test_waitid_restart },
	{ "proc_waitid_nocldwait_sigchld_ignored", test_waitid_nocldwait },
	{ "proc_bad_messages", test_bad_messages },
	{ "proc_thread_share_ids_settid", test_thread_share },
	{ "proc_thread_flags_einval", test_thread_flags },
	{ "proc_futex", test_futex },
	{ "proc_thread_exit_group", test_exit_group },
	{ "proc_thread_segv", test_thread_segv },
	{ "proc_thread_main_first", test_thread_main_first },
	{ "proc_pthread", test_pthread },
	{ "proc_thread_fork", test_thread_fork },
	{ "proc_thread_leaks", test_thread_leaks },
	{ "fs_init_console_fds", test_fs_init_fds },
	{ "fs_open_read_lseek_close", test_fs_read },
	{ "fs_stat_modes_access", test_fs_stat },
	{ "fs_directories", test_fs_dir },
	{ "fs_errors", test_fs_errors },
	{ "fs_dup_shares_offset", test_fs_dup },
	{ "fs_fork_shares_offset_and_cwd", test_fs_fork },
	{ "fs_cloexec_closed_by_exec", test_fs_cloexec },
	{ "fs_devices", test_fs_devices },
	{ "fs_cwd", test_fs_cwd },
	{ "fs_big_reads_copied", test_fs_big },
	{ "fs_read_figures", test_fs_bench },
	{ "fs_bad_messages", test_fs_fuzz },
	{ "fs_pipe_ends_errors_nonblock", test_fs_pipe },
	{ "fs_pipe_across_fork_100k", test_fs_pipe_fork },
	{ "fs_pipe_eof_last_writer", test_fs_pipe_eof },
	{ "fs_pipe_blocked_released_killed", test_fs_pipe_block },
	{ "fs_pipe_waiters_in_order_killed_forgotten", test_fs_pipe_queue },
	{ "fs_pipe_buf_writes_whole", test_fs_pipe_atomic },
	{ "fs_pipe_round_trip_figures", test_fs_pipe_bench },
	{ "fs_tmp_files", test_fs_tmp_file },
	{ "fs_tmp_directories_cwd", test_fs_tmp_dir },
	{ "fs_tmp_rename_rules", test_fs_tmp_rename },
	{ "fs_tmp_errors_permission", test_fs_tmp_errors },
	{ "fs_tmp_enospc_recovery", test_fs_tmp_full },
	{ "fs_tmp_append_two_processes", test_fs_tmp_append },
	{ "fs_tmp_fork_unlinked_open", test_fs_tmp_fork },
	{ "fs_tmp_stdio_mkstemp", test_fs_tmp_stdio },
	{ "fs_posix_realpath", test_posix_realpath },
	{ "fs_posix_scandir", test_posix_scandir },
	{ "fs_posix_pathconf", test_posix_pathconf },
	{ "fs_posix_fsync", test_posix_fsync },
	{ "fs_posix_mktemp", test_posix_mktemp },
	{ "fs_posix_chown", test_posix_chown },
	{ "fs_posix_utimens", test_posix_utimens },
	{ "fs_posix_fadvise", test_posix_fadvise },
	{ "fs_posix_fallocate", test_posix_fallocate },
	{ "fs_posix_enosys", test_posix_enosys },
	{ "fs_poll_files_ready", test_poll_files_ready },
	{ "fs_poll_pipe_readable", test_poll_pipe_readable },
	{ "fs_poll_pipe_hup", test_poll_pipe_hup },
	{ "fs_poll_pipe_writable", test_poll_pipe_writable },
	{ "fs_poll_pipe_err", test_poll_pipe_err },
	{ "fs_poll_nval_badf", test_poll_nval_badf },
	{ "fs_poll_timeouts", test_poll_timeouts },
	{ "fs_poll_timeouts_several", test_poll_timeouts_several },
	{ "fs_poll_bad_args", test_poll_bad_args },
	{ "fs_poll_eintr", test_poll_eintr },
	{ "fs_poll_pselect_mask", test_poll_pselect_mask },
	{ "fs_poll_pselect_pending", test_poll_pselect_pending },
	{ "fs_poll_killed_waiter", test_poll_killed_waiter },
	{ "fs_poll_many_waiters", test_poll_many_waiters },
	{ "fs_poll_console", test_poll_console },
	{ "fs_poll_thread_waiters", test_poll_thread_waiters },
	{ "fs_fifo_mkfifo_mknod_errors", test_fifo_errors },
	{ "fs_fifo_reader_first", test_fifo_reader_first },
	{ "fs_fifo_writer_first", test_fifo_writer_first },
	{ "fs_fifo_nonblock_enxio", test_fifo_nonblock },
	{ "fs_fifo_rdwr_new_pipe", test_fifo_rdwr },
	{ "fs_fifo_eof_sigpipe", test_fifo_eof_sigpipe },
	{ "fs_fifo_open_eintr_restart_killed", test_fifo_interrupt },
	{ "fs_fifo_unlink_while_open", test_fifo_unlink },
	{ "fs_fifo_poll", test_fifo_poll },
	{ "fs_fifo_32_waiting_opens", test_fifo_many },
};

int main(void)
{
	printf("proctest: the process model, as pid %d\n", getpid());
	return guest_run_tests(GUEST_TESTS(tests), reap_all);
}
