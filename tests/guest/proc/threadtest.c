/*
 * Threads under procsrv (docs/processes.md, "Threads and futex"): run by
 * proctest as `threadtest <case>`, one process per case, since some cases
 * end the whole process on purpose (exit_group, a fault in a thread). A
 * case's result is the exit status proctest waits for: 0 passed, else the
 * line of the failed check (messages go to the console).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pith/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* <pith/syscall.h>'s, which cannot be included with <sched.h>'s Linux
 * CLONE_* names: one thread ends (what a clone child's return does). */
_Noreturn void sys_task_exit(long code);

#define CHECK(c)                                                           \
	do {                                                               \
		if (!(c)) {                                                \
			printf("  threadtest: check failed: %s (line %d)\n", \
			       #c, __LINE__);                              \
			return __LINE__ & 0xff ? __LINE__ & 0xff : 1;      \
		}                                                          \
	} while (0)

#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
		      CLONE_THREAD | CLONE_SYSVSEM)
#define STACK 16384

static char stacks[4][STACK] __attribute__((aligned(16)));

static void *top(int i)
{
	return stacks[i] + STACK;
}

static int load(volatile int *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

/* Wait until *word is 0 (a CLONE_CHILD_CLEARTID join). Returns how many
 * of the waits were ended by a wake (0 if it never had to wait). */
static int join(volatile int *word)
{
	int v, woken = 0;

	while ((v = load(word)) != 0)
		if (pith_futex_wait((int *)word, v) == 0)
			woken++;
	return woken;
}

/* ---- memory, ids, settid, cleartid ---- */

static volatile int shared;
static volatile pid_t seen_pid, seen_tid, seen_ppid;
static volatile int ctid_at_start;
static pid_t ptid_word, ctid_word;

static int writer(void *arg)
{
	seen_pid = getpid();
	seen_tid = gettid();
	seen_ppid = getppid();
	ctid_at_start = ctid_word;
	shared = (int)(long)arg;
	/* Give the parent time to be waiting on ctid_word when we end. */
	for (int i = 0; i < 200; i++)
		sched_yield();
	return 0;
}

static int case_share(void)
{
	int flags = THREAD_FLAGS | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
		    CLONE_CHILD_CLEARTID;
	pid_t tid = clone(writer, top(0), flags, (void *)42L, &ptid_word,
			  NULL, &ctid_word);

	CHECK(tid > 0 && tid != getpid());
	CHECK(ptid_word == tid);            /* CLONE_PARENT_SETTID */
	int woken = join(&ctid_word);       /* CLONE_CHILD_CLEARTID wakes us */
	CHECK(ctid_word == 0);
	CHECK(ctid_at_start == tid);        /* CLONE_CHILD_SETTID, before it ran */
	CHECK(shared == 42);                /* one memory */
	CHECK(seen_pid == getpid());        /* one process */
	CHECK(seen_tid == tid && seen_tid != gettid());
	CHECK(gettid() == getpid());        /* we are the main thread */
	CHECK(seen_ppid == getppid());
	CHECK(woken == 1);                  /* we did wait, and the end woke us */
	return 0;
}

/* ---- flags ---- */

static int nothing(void *arg)
{
	return 0;
}

static int case_flags(void)
{
	static const int bad[] = {
		CLONE_SIGHAND,                             /* without CLONE_VM */
		CLONE_THREAD | CLONE_VM,                   /* without CLONE_SIGHAND */
		CLONE_THREAD,
		CLONE_SIGHAND | CLONE_FS,
		0x00020000,                                /* CLONE_NEWNS */
		SIGCHLD + 100,                             /* no such signal */
	};

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errno = 0;
		CHECK(clone(nothing, top(0), bad[i], NULL) == -1 && errno == EINVAL);
	}
	errno = 0;
	CHECK(clone(NULL, top(0), THREAD_FLAGS, NULL) == -1 && errno == EINVAL);
	errno = 0;
	CHECK(clone(nothing, NULL, THREAD_FLAGS, NULL) == -1 && errno == EINVAL);
	/* Two processes in one memory: not supported. */
	errno = 0;
	CHECK(clone(nothing, top(0), CLONE_VM | SIGCHLD, NULL) == -1 && errno == ENOSYS);
	return 0;
}

/* ---- futex ---- */

static volatile int fword, ready;

static int sleeper(void *arg)
{
	__atomic_add_fetch(&ready, 1, __ATOMIC_SEQ_CST);
	while (load(&fword) == 0)
		pith_futex_wait((int *)&fword, 0);
	return 0;
}

static int case_futex(void)
{
	int unaligned[2];
	pid_t c0 = 1, c1 = 1;

	errno = 0;
	CHECK(pith_futex_wait((int *)&fword, 7) == -1 && errno == EAGAIN);
	CHECK(pith_futex_wake((int *)&fword, 5) == 0);
	errno = 0;
	CHECK(pith_futex_wait((int *)((char *)unaligned + 1), 0) == -1 && errno == EINVAL);
	errno = 0;
	CHECK(pith_futex_wait((int *)8, 0) == -1 && errno == EFAULT);

	int flags = THREAD_FLAGS | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID;
	CHECK(clone(sleeper, top(0), flags, NULL, NULL, NULL, &c0) > 0);
	CHECK(clone(sleeper, top(1), flags, NULL, NULL, NULL, &c1) > 0);
	while (load(&ready) < 2)
		sched_yield();
	for (int i = 0; i < 100; i++)
		sched_yield();                 /* both are waiting by now */
	/* fword is still 0: each wake sends one back to wait. */
	CHECK(pith_futex_wake((int *)&fword, 1) == 1);
	for (int i = 0; i < 100; i++)
		sched_yield();
	CHECK(pith_futex_wake((int *)&fword, 5) == 2);
	/* Let them go: a sleeper may be between two waits, so wake until
	 * both have ended. */
	__atomic_store_n(&fword, 1, __ATOMIC_RELEASE);
	while (load(&c0) || load(&c1)) {
		pith_futex_wake((int *)&fword, 5);
		sched_yield();
	}
	CHECK(pith_futex_wake((int *)&fword, 5) == 0);
	return 0;
}

/* ---- the end of a process ---- */

static volatile int forever;

static int wait_forever(void *arg)
{
	for (;;)
		pith_futex_wait((int *)&forever, 0);
}

static int exiter(void *arg)
{
	for (int i = 0; i < 50; i++)
		sched_yield();
	exit(42);                    /* exit_group: every thread ends */
}

static int faulter(void *arg)
{
	for (int i = 0; i < 50; i++)
		sched_yield();
	*(volatile int *)8 = 1;      /* the whole process: SIGSEGV */
	return 0;
}

/* Two threads that never end and main waiting too: fn's thread must end
 * them all. Does not return. */
static int all_end_by(int (*fn)(void *))
{
	CHECK(clone(wait_forever, top(0), THREAD_FLAGS, NULL) > 0);
	CHECK(clone(wait_forever, top(1), THREAD_FLAGS, NULL) > 0);
	CHECK(clone(fn, top(2), THREAD_FLAGS, NULL) > 0);
	for (;;)
		pith_futex_wait((int *)&forever, 0);
}

static int late(void *arg)
{
	for (int i = 0; i < 200; i++)
		sched_yield();
	return 5;                    /* the last thread ends: the process */
}

/* The main thread leaves first (SYS_TASK_EXIT, Linux's exit, not
 * exit_group); the process lives on until its last thread ends, and
 * reports the main thread's status (3), as Linux reports the group
 * leader's, not the last thread's (5). */
static int case_main_first(void)
{
	CHECK(clone(late, top(0), THREAD_FLAGS, NULL) > 0);
	sys_task_exit(3);
}

/* ---- pthreads ---- */

static void *square(void *arg)
{
	long n = (long)arg;

	errno = (int)n;              /* each thread its own errno */
	sched_yield();
	if (errno != (int)n)
		return (void *)-1L;
	return (void *)(n * n + (pthread_self() != 0 ? 0 : 1000));
}

static int case_pthread(void)
{
	pthread_t t[3];

	errno = 0;
	for (long i = 0; i < 3; i++)
		CHECK(pthread_create(&t[i], NULL, square, (void *)(i + 2)) == 0);
	CHECK(t[0] != t[1] && t[1] != t[2] && t[0] != pthread_self());
	for (long i = 0; i < 3; i++) {
		void *r;
		CHECK(pthread_join(t[i], &r) == 0);
		CHECK((long)r == (i + 2) * (i + 2));
	}
	CHECK(errno == 0);           /* the threads' errno was not ours */
	CHECK(pthread_join(pthread_self(), NULL) == EDEADLK);
	/* Many in turn: their records and stacks come back. */
	for (long i = 0; i < 100; i++) {
		void *r;
		CHECK(pthread_create(&t[0], NULL, square, (void *)3L) == 0);
		CHECK(pthread_join(t[0], &r) == 0 && (long)r == 9);
	}
	return 0;
}

/* A fork from a thread: the child is a process of one thread. */
static volatile int forked_status = -1;

static int forker(void *arg)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(gettid() == getpid() ? 17 : 18);
	int st;
	forked_status = waitpid(pid, &st, 0) == pid ? st : -2;
	return 0;
}

static int case_fork_in_thread(void)
{
	pid_t c = 1;

	CHECK(clone(forker, top(0), THREAD_FLAGS | CLONE_CHILD_SETTID |
		    CLONE_CHILD_CLEARTID, NULL, NULL, NULL, &c) > 0);
	join(&c);
	CHECK(WIFEXITED(forked_status) && WEXITSTATUS(forked_status) == 17);
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(void);
} cases[] = {
	{ "share", case_share },
	{ "flags", case_flags },
	{ "futex", case_futex },
	{ "exit_group", NULL },
	{ "segv", NULL },
	{ "main_first", case_main_first },
	{ "pthread", case_pthread },
	{ "fork", case_fork_in_thread },
};

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "exit_group"))
		return all_end_by(exiter);
	if (argc == 2 && !strcmp(argv[1], "segv"))
		return all_end_by(faulter);
	for (unsigned i = 0; argc == 2 && i < sizeof(cases) / sizeof(cases[0]); i++)
		if (cases[i].fn && !strcmp(argv[1], cases[i].name))
			return cases[i].fn();
	printf("threadtest: no such case\n");
	return 99;
}
