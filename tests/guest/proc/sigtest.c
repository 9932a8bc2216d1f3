/*
 * sigtest: signal handling under procsrv (docs/signals.md), run as the
 * system's job (init=/bin/sigtest, guest-sig in tests/guest/CMakeLists.txt).
 * pid 1 takes only signals it handles, so each case runs in a child of
 * its own: the child's exit status 0 is a pass; a case that expects its
 * process to die checks the wait status in the parent.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <pith/syscall.h>

#include "../check.h"

/* Run fn in a child; its wait status. */
static int in_child(bool (*fn)(void))
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn() ? 0 : 1);
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* A child that sends sig to its parent 30 ms from now; its pid. */
static pid_t kill_later(int sig)
{
	pid_t parent = getpid(), c = fork();

	if (c == 0) {
		msleep(30);
		kill(parent, sig);
		_exit(0);
	}
	return c;
}

static int install(int sig, void (*h)(int), int flags)
{
	struct sigaction sa = { .sa_handler = h, .sa_flags = flags };

	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL);
}

static int install_info(int sig, void (*h)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa = { .sa_sigaction = h, .sa_flags = flags | SA_SIGINFO };

	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL);
}

static volatile int hits, last_sig;
static siginfo_t last_info;

static void count(int sig)
{
	hits++;
	last_sig = sig;
}

static void record(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	hits++;
	last_sig = sig;
	last_info = *si;
}

/* ---- a handler runs and returns ---- */

static bool t_handler(void)
{
	struct sigaction old;

	hits = 0;
	CHECK(install(SIGUSR1, count, 0) == 0);
	CHECK(raise(SIGUSR1) == 0);
	CHECK(hits == 1 && last_sig == SIGUSR1);
	CHECK(kill(getpid(), SIGUSR1) == 0);
	CHECK(hits == 2);
	CHECK(sigaction(SIGUSR1, NULL, &old) == 0);
	CHECK(old.sa_handler == count);
	CHECK(signal(SIGUSR1, SIG_DFL) == count);
	return true;
}

/* ---- registers across a signal: an asm loop holds known values in
 * callee- and caller-saved registers (and FP ones, and x86's red zone)
 * while a timer's SIGALRM arrives and its handler clobbers everything
 * it may. 0: every value intact once `want` signals came. */
long reg_loop(volatile int *count, int want);
#if defined(__riscv)
__asm__(
	".text\n.globl reg_loop\n.type reg_loop,@function\nreg_loop:\n"
	"addi sp, sp, -112\n"
	"sd s0, 0(sp)\n sd s1, 8(sp)\n sd s2, 16(sp)\n sd s3, 24(sp)\n"
	"sd s4, 32(sp)\n sd s5, 40(sp)\n sd s6, 48(sp)\n sd s7, 56(sp)\n"
	"sd s8, 64(sp)\n sd s9, 72(sp)\n sd s10, 80(sp)\n sd s11, 88(sp)\n"
	"fsd fs0, 96(sp)\n"
	"li s0, 0x1000000000000a00\n li s1, 0x1000000000000a01\n"
	"li s2, 0x1000000000000a02\n li s3, 0x1000000000000a03\n"
	"li s4, 0x1000000000000a04\n li s5, 0x1000000000000a05\n"
	"li s6, 0x1000000000000a06\n li s7, 0x1000000000000a07\n"
	"li s8, 0x1000000000000a08\n li s9, 0x1000000000000a09\n"
	"li s10, 0x1000000000000a0a\n li s11, 0x1000000000000a0b\n"
	"li t0, 0x2000000000000b00\n li t1, 0x2000000000000b01\n"
	"li t2, 0x2000000000000b02\n li t3, 0x2000000000000b03\n"
	"li t4, 0x2000000000000b04\n li t5, 0x2000000000000b05\n"
	"li a2, 0x3000000000000c02\n li a3, 0x3000000000000c03\n"
	"li a4, 0x3000000000000c04\n li a5, 0x3000000000000c05\n"
	"li a6, 0x3000000000000c06\n li a7, 0x3000000000000c07\n"
	"fmv.d.x fs0, s1\n fmv.d.x ft0, s2\n fmv.d.x fa0, s3\n"
	"1:\n"
	"li t6, 0x1000000000000a00\n bne s0, t6, 9f\n"
	"li t6, 0x1000000000000a01\n bne s1, t6, 9f\n"
	"li t6, 0x1000000000000a02\n bne s2, t6, 9f\n"
	"li t6, 0x1000000000000a03\n bne s3, t6, 9f\n"
	"li t6, 0x1000000000000a04\n bne s4, t6, 9f\n"
	"li t6, 0x1000000000000a05\n bne s5, t6, 9f\n"
	"li t6, 0x1000000000000a06\n bne s6, t6, 9f\n"
	"li t6, 0x1000000000000a07\n bne s7, t6, 9f\n"
	"li t6, 0x1000000000000a08\n bne s8, t6, 9f\n"
	"li t6, 0x1000000000000a09\n bne s9, t6, 9f\n"
	"li t6, 0x1000000000000a0a\n bne s10, t6, 9f\n"
	"li t6, 0x1000000000000a0b\n bne s11, t6, 9f\n"
	"li t6, 0x2000000000000b00\n bne t0, t6, 9f\n"
	"li t6, 0x2000000000000b01\n bne t1, t6, 9f\n"
	"li t6, 0x2000000000000b02\n bne t2, t6, 9f\n"
	"li t6, 0x2000000000000b03\n bne t3, t6, 9f\n"
	"li t6, 0x2000000000000b04\n bne t4, t6, 9f\n"
	"li t6, 0x2000000000000b05\n bne t5, t6, 9f\n"
	"li t6, 0x3000000000000c02\n bne a2, t6, 9f\n"
	"li t6, 0x3000000000000c03\n bne a3, t6, 9f\n"
	"li t6, 0x3000000000000c04\n bne a4, t6, 9f\n"
	"li t6, 0x3000000000000c05\n bne a5, t6, 9f\n"
	"li t6, 0x3000000000000c06\n bne a6, t6, 9f\n"
	"li t6, 0x3000000000000c07\n bne a7, t6, 9f\n"
	"fmv.x.d t6, fs0\n bne t6, s1, 9f\n"
	"fmv.x.d t6, ft0\n bne t6, s2, 9f\n"
	"fmv.x.d t6, fa0\n bne t6, s3, 9f\n"
	"lw t6, 0(a0)\n blt t6, a1, 1b\n"
	"li a0, 0\n j 8f\n"
	"9: li a0, 1\n"
	"8:\n"
	"ld s0, 0(sp)\n ld s1, 8(sp)\n ld s2, 16(sp)\n ld s3, 24(sp)\n"
	"ld s4, 32(sp)\n ld s5, 40(sp)\n ld s6, 48(sp)\n ld s7, 56(sp)\n"
	"ld s8, 64(sp)\n ld s9, 72(sp)\n ld s10, 80(sp)\n ld s11, 88(sp)\n"
	"fld fs0, 96(sp)\n"
	"addi sp, sp, 112\n ret\n");

static void clobber(void)
{
	__asm__ volatile(
		"li t0, -1\n li t1, -1\n li t2, -1\n li t3, -1\n li t4, -1\n"
		"li t5, -1\n li t6, -1\n li a2, -1\n li a3, -1\n li a4, -1\n"
		"li a5, -1\n li a6, -1\n li a7, -1\n"
		"fmv.d.x ft0, t0\n fmv.d.x fa0, t0\n fmv.d.x fs0, t0\n"
		::: "t0", "t1", "t2", "t3", "t4", "t5", "t6", "a2", "a3", "a4",
		"a5", "a6", "a7", "ft0", "fa0", "fs0", "memory");
}
#elif defined(__x86_64__)
__asm__(
	".text\n.globl reg_loop\n.type reg_loop,@function\nreg_loop:\n"
	"push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n push %r15\n"
	"mov $0x10000a00, %rax\n mov $0x10000a01, %rbx\n mov $0x10000a02, %rcx\n"
	"mov $0x10000a03, %rdx\n mov $0x10000a04, %rbp\n mov $0x10000a05, %r8\n"
	"mov $0x10000a06, %r9\n mov $0x10000a07, %r10\n mov $0x10000a08, %r11\n"
	"mov $0x10000a09, %r12\n mov $0x10000a0a, %r13\n mov $0x10000a0b, %r14\n"
	"mov $0x10000a0c, %r15\n"
	"movq %rbx, %xmm0\n movq %r12, %xmm8\n movq %r15, %xmm15\n"
	"movq $0x10000a0d, -8(%rsp)\n movq $0x10000a0e, -128(%rsp)\n"
	"1:\n"
	"cmp $0x10000a00, %rax\n jne 9f\n cmp $0x10000a01, %rbx\n jne 9f\n"
	"cmp $0x10000a02, %rcx\n jne 9f\n cmp $0x10000a03, %rdx\n jne 9f\n"
	"cmp $0x10000a04, %rbp\n jne 9f\n cmp $0x10000a05, %r8\n jne 9f\n"
	"cmp $0x10000a06, %r9\n jne 9f\n cmp $0x10000a07, %r10\n jne 9f\n"
	"cmp $0x10000a08, %r11\n jne 9f\n cmp $0x10000a09, %r12\n jne 9f\n"
	"cmp $0x10000a0a, %r13\n jne 9f\n cmp $0x10000a0b, %r14\n jne 9f\n"
	"cmp $0x10000a0c, %r15\n jne 9f\n"
	"cmpq $0x10000a0d, -8(%rsp)\n jne 9f\n cmpq $0x10000a0e, -128(%rsp)\n jne 9f\n"
	"movq %xmm0, -16(%rsp)\n cmpq $0x10000a01, -16(%rsp)\n jne 9f\n"
	"movq %xmm8, -16(%rsp)\n cmpq $0x10000a09, -16(%rsp)\n jne 9f\n"
	"movq %xmm15, -16(%rsp)\n cmpq $0x10000a0c, -16(%rsp)\n jne 9f\n"
	"cmpl %esi, (%rdi)\n jl 1b\n"
	"xor %eax, %eax\n jmp 8f\n"
	"9: mov $1, %eax\n"
	"8: pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n ret\n");

static void clobber(void)
{
	char junk[256];

	__asm__ volatile(
		"mov $-1, %%rax\n mov $-1, %%rcx\n mov $-1, %%rdx\n mov $-1, %%r8\n"
		"mov $-1, %%r9\n mov $-1, %%r10\n mov $-1, %%r11\n"
		"pcmpeqd %%xmm0, %%xmm0\n pcmpeqd %%xmm8, %%xmm8\n pcmpeqd %%xmm15, %%xmm15\n"
		::: "rax", "rcx", "rdx", "r8", "r9", "r10", "r11", "xmm0", "xmm8",
		"xmm15", "memory");
	memset(junk, 0xee, sizeof(junk));   /* the stack below too */
	__asm__ volatile("" :: "r"(junk) : "memory");
}
#endif

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
	clobber();
}

static bool t_registers(void)
{
	struct itimerval it = { { 0, 3000 }, { 0, 3000 } };

	alarms = 0;
	CHECK(install(SIGALRM, on_alarm, 0) == 0);
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
	long bad = reg_loop(&alarms, 20);
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK(bad == 0);
	CHECK(alarms >= 20);
	return true;
}

/* The same with the signals sent by another process. */
static bool t_registers_kill(void)
{
	pid_t me = getpid(), c;

	alarms = 0;
	CHECK(install(SIGUSR2, on_alarm, 0) == 0);
	if ((c = fork()) == 0) {
		for (int i = 0; i < 400 && kill(me, SIGUSR2) == 0; i++)
			msleep(2);
		_exit(0);
	}
	CHECK(c > 0);
	long bad = reg_loop(&alarms, 10);
	kill(c, SIGKILL);
	waitpid(c, NULL, 0);
	CHECK(bad == 0);
	return true;
}

/* ---- masks ---- */

static bool t_mask_pending(void)
{
	sigset_t set, old, pend;

	hits = 0;
	CHECK(install(SIGUSR1, count, 0) == 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK(sigprocmask(SIG_BLOCK, &set, &old) == 0);
	CHECK(!sigismember(&old, SIGUSR1));
	CHECK(raise(SIGUSR1) == 0);
	CHECK(hits == 0);
	CHECK(sigpending(&pend) == 0 && sigismember(&pend, SIGUSR1));
	CHECK(!sigismember(&pend, SIGUSR2));
	CHECK(sigprocmask(SIG_UNBLOCK, &set, NULL) == 0);
	CHECK(hits == 1);   /* delivered before sigprocmask returned */
	CHECK(sigpending(&pend) == 0 && !sigismember(&pend, SIGUSR1));
	CHECK(sigprocmask(99, &set, NULL) < 0 && errno == EINVAL);
	/* SIGKILL and SIGSTOP cannot be blocked. */
	sigfillset(&set);
	CHECK(sigprocmask(SIG_SETMASK, &set, NULL) == 0);
	CHECK(sigprocmask(SIG_SETMASK, NULL, &old) == 0);
	CHECK(!sigismember(&old, SIGKILL) && !sigismember(&old, SIGSTOP));
	CHECK(sigismember(&old, SIGUSR1));
	sigemptyset(&set);
	CHECK(sigprocmask(SIG_SETMASK, &set, NULL) == 0);
	return true;
}

/* The mask is a word libc changes in place: a handler must never run
 * inside a blocked stretch, however the sender's kills fall, and must
 * run in the unblocked ones. */
static volatile int in_blocked, bad_hits;

static void watch(int sig)
{
	(void)sig;
	hits++;
	if (in_blocked)
		bad_hits++;
}

static bool t_mask_race(void)
{
	pid_t me = getpid(), c;
	sigset_t set;

	hits = bad_hits = 0;
	CHECK(install(SIGUSR1, watch, SA_RESTART) == 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	if ((c = fork()) == 0) {
		/* Real-time: it preempts the spinning parent at each tick. */
		struct sched_param sp = { .sched_priority = 1 };
		sched_setscheduler(0, SCHED_FIFO, &sp);
		for (int i = 0; i < 300 && kill(me, SIGUSR1) == 0; i++)
			msleep(1);
		_exit(0);
	}
	CHECK(c > 0);
	struct timespec t0, now;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long i = 0; hits < 60; i++) {
		if (!(i & 1023)) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec - t0.tv_sec > 8)
				break;
		}
		sigprocmask(SIG_BLOCK, &set, NULL);
		in_blocked = 1;
		for (volatile int k = 0; k < 20; k++)
			;
		in_blocked = 0;
		sigprocmask(SIG_UNBLOCK, &set, NULL);
	}
	int st;
	kill(c, SIGKILL);
	waitpid(c, &st, 0);
	clock_gettime(CLOCK_MONOTONIC, &now);
	printf("  %d handlers, %d in a blocked stretch, %lds, sender %#x\n", hits,
	       bad_hits, (long)(now.tv_sec - t0.tv_sec), st);
	CHECK(bad_hits == 0);
	CHECK(hits >= 60);
	return true;
}

/* Delivery picks a thread that does not block the signal. */
static volatile pid_t handler_tid;
static volatile int worker_go = 1, worker_unblock;

static void which_thread(int sig)
{
	(void)sig;
	handler_tid = gettid();
}

static void *worker(void *arg)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	*(volatile pid_t *)arg = gettid();
	while (worker_go) {
		if (worker_unblock == 1) {
			pthread_sigmask(SIG_UNBLOCK, &set, NULL);
			worker_unblock = 2;
		}
		msleep(1);
	}
	return NULL;
}

static bool t_thread_choice(void)
{
	pthread_t th;
	volatile pid_t wtid = 0;
	sigset_t set;

	CHECK(install(SIGUSR1, which_thread, SA_RESTART) == 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK(pthread_sigmask(SIG_BLOCK, &set, NULL) == 0);
	CHECK(pthread_create(&th, NULL, worker, (void *)&wtid) == 0);
	for (int i = 0; i < 1000 && !wtid; i++)
		msleep(1);
	CHECK(wtid != 0);
	/* The new thread took the creator's mask: unblock it there. */
	handler_tid = 0;
	CHECK(kill(getpid(), SIGUSR1) == 0);
	msleep(20);
	CHECK(handler_tid == 0);   /* both block it: pending */
	sigset_t pend;
	CHECK(sigpending(&pend) == 0 && sigismember(&pend, SIGUSR1));
	CHECK(pthread_sigmask(SIG_UNBLOCK, &set, NULL) == 0);
	CHECK(handler_tid == gettid());
	/* Now only the worker lets it through: it runs there. */
	CHECK(pthread_sigmask(SIG_BLOCK, &set, NULL) == 0);
	worker_unblock = 1;
	for (int i = 0; i < 1000 && worker_unblock != 2; i++)
		msleep(1);
	handler_tid = 0;
	CHECK(kill(getpid(), SIGUSR1) == 0);
	for (int i = 0; i < 1000 && !handler_tid; i++)
		msleep(1);
	CHECK(handler_tid == wtid);
	/* pthread_kill: that thread alone (here the only one letting it
	 * through), and not one that blocks it. */
	handler_tid = 0;
	CHECK(pthread_kill(th, SIGUSR1) == 0);
	for (int i = 0; i < 1000 && !handler_tid; i++)
		msleep(1);
	CHECK(handler_tid == wtid);
	handler_tid = 0;
	CHECK(pthread_kill(pthread_self(), SIGUSR1) == 0);
	msleep(20);
	CHECK(handler_tid == 0);   /* the main thread blocks it: pending */
	CHECK(sigpending(&pend) == 0 && sigismember(&pend, SIGUSR1));
	CHECK(pthread_sigmask(SIG_UNBLOCK, &set, NULL) == 0);
	CHECK(handler_tid == gettid());
	CHECK(pthread_kill(th, 65) == EINVAL);
	worker_go = 0;
	CHECK(pthread_join(th, NULL) == 0);
	return true;
}

/* A blocked signal whose default kills: kills when unblocked. */
static bool c_blocked_term(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGTERM);
	printf("  (still alive while SIGTERM is blocked)\n");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	return false;   /* not reached */
}

static bool t_blocked_term(void)
{
	int st = in_child(c_blocked_term);

	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	return true;
}

static bool t_sigsuspend(void)
{
	sigset_t set, empty, now;
	pid_t c;

	hits = 0;
	CHECK(install(SIGUSR1, count, 0) == 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigemptyset(&empty);
	CHECK(sigprocmask(SIG_BLOCK, &set, NULL) == 0);
	c = kill_later(SIGUSR1);
	CHECK(c > 0);
	CHECK(sigsuspend(&empty) == -1 && errno == EINTR);
	CHECK(hits == 1);
	CHECK(sigprocmask(SIG_SETMASK, NULL, &now) == 0);
	CHECK(sigismember(&now, SIGUSR1));   /* the old mask is back */
	/* Already pending: sigsuspend returns at once. */
	raise(SIGUSR1);
	CHECK(hits == 1);
	CHECK(sigsuspend(&empty) == -1 && errno == EINTR && hits == 2);
	waitpid(c, NULL, 0);
	return true;
}

static bool t_pause(void)
{
	pid_t c;

	hits = 0;
	CHECK(install(SIGUSR2, count, 0) == 0);
	c = kill_later(SIGUSR2);
	CHECK(pause() == -1 && errno == EINTR && hits == 1);
	waitpid(c, NULL, 0);
	return true;
}

/* ---- interrupted calls: wait4 ---- */

static bool wait_interrupted(int flags, long *got, int *err)
{
	struct itimerval it = { { 0, 0 }, { 0, 40000 } };
	pid_t c = fork();

	if (c == 0) {
		msleep(150);
		_exit(5);
	}
	if (c < 0)
		return false;
	alarms = 0;
	install(SIGALRM, on_alarm, flags);
	setitimer(ITIMER_REAL, &it, NULL);
	int st;
	*got = waitpid(c, &st, 0);
	*err = errno;
	if (*got < 0)
		waitpid(c, &st, 0);
	return alarms == 1;
}

/* A call run(flags) interrupted by SIGALRM's handler: EINTR, or done
 * (got > 0) with SA_RESTART. */
static bool interrupted(bool (*run)(int, long *, int *), bool restart)
{
	long got;
	int err;

	CHECK(run(restart ? SA_RESTART : 0, &got, &err));
	if (restart)
		CHECK(got > 0);
	else
		CHECK(got == -1 && err == EINTR);
	return true;
}

static bool t_wait_eintr(void)
{
	return interrupted(wait_interrupted, false);
}

static bool t_wait_restart(void)
{
	return interrupted(wait_interrupted, true);
}

/* ---- interrupted calls: nanosleep (never restarted: the time left),
 * a pipe read (EINTR, or made again with SA_RESTART) ---- */

static bool t_nanosleep_eintr(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	struct timespec req = { 2, 0 }, rem = { 0, 0 };

	alarms = 0;
	CHECK(install(SIGALRM, on_alarm, SA_RESTART) == 0);
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
	CHECK(nanosleep(&req, &rem) == -1 && errno == EINTR);
	CHECK(alarms == 1);
	/* About 1.95 s left. */
	CHECK(rem.tv_sec == 1 && rem.tv_nsec > 500000000L);
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
	unsigned left = sleep(3);
	CHECK(left >= 2 && left <= 3 && alarms == 2);
	return true;
}

static bool pipe_read_interrupted(int flags, long *got, int *err)
{
	struct itimerval it = { { 0, 0 }, { 0, 40000 } };
	int fd[2];
	char buf[8];
	pid_t c;

	if (pipe(fd))
		return false;
	if ((c = fork()) == 0) {
		close(fd[0]);
		msleep(150);
		write(fd[1], "late", 4);
		_exit(0);
	}
	close(fd[1]);
	alarms = 0;
	install(SIGALRM, on_alarm, flags);
	setitimer(ITIMER_REAL, &it, NULL);
	*got = read(fd[0], buf, sizeof(buf));
	*err = errno;
	waitpid(c, NULL, 0);
	close(fd[0]);
	return alarms == 1 && (*got < 0 || (*got == 4 && !memcmp(buf, "late", 4)));
}

static bool t_pipe_eintr(void)
{
	return interrupted(pipe_read_interrupted, false);
}

static bool t_pipe_restart(void)
{
	return interrupted(pipe_read_interrupted, true);
}

/* ---- sigwait & co ---- */

static bool t_sigwait(void)
{
	sigset_t set;
	siginfo_t info;
	pid_t me = getpid(), c;
	int sig = 0;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGCHLD);
	CHECK(sigprocmask(SIG_BLOCK, &set, NULL) == 0);
	/* A child's end before the wait: SIGCHLD (ignored by default, but
	 * blocked) stays pending for it. */
	if ((c = fork()) == 0)
		_exit(3);
	CHECK(c > 0);
	msleep(30);
	CHECK(sigwaitinfo(&set, &info) == SIGCHLD);
	CHECK(info.si_code == CLD_EXITED && info.si_pid == c && info.si_status == 3);
	CHECK(waitpid(c, NULL, 0) == c);
	/* A kill while it waits. */
	c = kill_later(SIGUSR1);
	CHECK(sigwait(&set, &sig) == 0 && sig == SIGUSR1);
	CHECK(sigwaitinfo(&set, &info) == SIGCHLD);   /* then its end */
	CHECK(waitpid(c, NULL, 0) == c);
	/* A timeout: nothing comes. */
	struct timespec ts = { 0, 50000000L }, t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK(sigtimedwait(&set, &info, &ts) == -1 && errno == EAGAIN);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	CHECK(ms >= 50 && ms < 1000);
	/* Pending already: at once, even with a zero timeout. */
	raise(SIGUSR1);
	ts.tv_nsec = 0;
	CHECK(sigtimedwait(&set, &info, &ts) == SIGUSR1);
	CHECK(info.si_code == SI_USER && info.si_pid == me);
	sigemptyset(&set);
	CHECK(sigwaitinfo(&set, &info) == -1 && errno == EINVAL);
	return true;
}

/* ---- SA_SIGINFO ---- */

static bool t_info_kill(void)
{
	pid_t me = getpid(), c;
	int st;

	hits = 0;
	/* SA_RESTART: the waitpid below may be what the signal meets. */
	CHECK(install_info(SIGUSR1, record, SA_RESTART) == 0);
	if ((c = fork()) == 0)
		_exit(kill(me, SIGUSR1) == 0 ? 0 : 1);
	CHECK(c > 0 && waitpid(c, &st, 0) == c && st == 0);
	for (int i = 0; i < 100 && !hits; i++)
		msleep(1);
	CHECK(hits == 1);
	CHECK(last_info.si_signo == SIGUSR1 && last_info.si_code == SI_USER);
	CHECK(last_info.si_pid == c && last_info.si_uid == getuid());
	return true;
}

static bool t_info_child(void)
{
	pid_t c;
	int st;

	hits = 0;
	CHECK(install_info(SIGCHLD, record, 0) == 0);
	if ((c = fork()) == 0)
		_exit(7);
	CHECK(c > 0 && waitpid(c, &st, 0) == c);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
	CHECK(hits == 1 && last_sig == SIGCHLD);
	CHECK(last_info.si_code == CLD_EXITED && last_info.si_pid == c);
	CHECK(last_info.si_status == 7 && last_info.si_uid == getuid());
	hits = 0;
	if ((c = fork()) == 0)
		for (;;)
			pause();
	CHECK(c > 0);
	kill(c, SIGKILL);
	CHECK(waitpid(c, &st, 0) == c && WIFSIGNALED(st));
	CHECK(hits == 1 && last_info.si_code == CLD_KILLED);
	CHECK(last_info.si_status == SIGKILL && last_info.si_pid == c);
	/* A default action with a core: CLD_DUMPED. */
	hits = 0;
	if ((c = fork()) == 0)
		abort();
	CHECK(c > 0 && waitpid(c, &st, 0) == c && WCOREDUMP(st));
	CHECK(hits == 1 && last_info.si_code == CLD_DUMPED);
	CHECK(last_info.si_status == SIGABRT);
	return true;
}

static bool t_info_stop(void)
{
	pid_t c;
	int st;

	hits = 0;
	CHECK(install_info(SIGCHLD, record, 0) == 0);
	if ((c = fork()) == 0)
		for (;;)
			msleep(5);
	CHECK(c > 0);
	CHECK(kill(c, SIGSTOP) == 0);
	CHECK(waitpid(c, &st, WUNTRACED) == c && WIFSTOPPED(st));
	CHECK(WSTOPSIG(st) == SIGSTOP);
	CHECK(hits == 1 && last_info.si_code == CLD_STOPPED);
	CHECK(kill(c, SIGCONT) == 0);
	CHECK(waitpid(c, &st, WCONTINUED) == c && WIFCONTINUED(st));
	CHECK(hits == 2 && last_info.si_code == CLD_CONTINUED);
	/* SA_NOCLDSTOP: no SIGCHLD for stop and continue. */
	CHECK(install_info(SIGCHLD, record, SA_NOCLDSTOP) == 0);
	CHECK(kill(c, SIGSTOP) == 0);
	CHECK(waitpid(c, &st, WUNTRACED) == c && WIFSTOPPED(st));
	CHECK(kill(c, SIGCONT) == 0);
	CHECK(waitpid(c, &st, WCONTINUED) == c && WIFCONTINUED(st));
	CHECK(hits == 2);
	kill(c, SIGKILL);
	CHECK(waitpid(c, &st, 0) == c && WTERMSIG(st) == SIGKILL);
	CHECK(hits == 3 && last_info.si_code == CLD_KILLED);
	return true;
}

/* SIGCHLD ignored, or SA_NOCLDWAIT: no zombies, wait says ECHILD. */
static bool t_nocldwait(void)
{
	pid_t c;

	CHECK(install(SIGCHLD, SIG_IGN, 0) == 0);
	if ((c = fork()) == 0)
		_exit(1);
	CHECK(c > 0);
	CHECK(waitpid(c, NULL, 0) == -1 && errno == ECHILD);
	hits = 0;
	CHECK(install(SIGCHLD, count, SA_NOCLDWAIT) == 0);
	if ((c = fork()) == 0)
		_exit(1);
	CHECK(waitpid(c, NULL, 0) == -1 && errno == ECHILD);
	for (int i = 0; i < 100 && !hits; i++)
		msleep(1);
	CHECK(hits == 1);
	return true;
}

/* ---- SIGKILL, SIGSTOP: no action, no mask ---- */

static bool t_kill_uncatchable(void)
{
	struct sigaction sa = { .sa_handler = count };

	CHECK(sigaction(SIGKILL, &sa, NULL) < 0 && errno == EINVAL);
	CHECK(sigaction(SIGSTOP, &sa, NULL) < 0 && errno == EINVAL);
	sa.sa_handler = SIG_IGN;
	CHECK(sigaction(SIGKILL, &sa, NULL) < 0 && errno == EINVAL);
	CHECK(sigaction(SIGKILL, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL);
	return true;
}

static bool c_kill_blocked(void)
{
	sigset_t all;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	raise(SIGKILL);
	return false;
}

static bool t_kill_blocked(void)
{
	int st = in_child(c_kill_blocked);

	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	return true;
}

/* ---- faults ---- */

static sigjmp_buf jb;
static volatile uintptr_t fault_addr;
static volatile int fault_code;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	last_sig = sig;
	fault_addr = (uintptr_t)si->si_addr;
	fault_code = si->si_code;
	siglongjmp(jb, 1);
}

static bool t_segv_longjmp(void)
{
	sigset_t now;

	CHECK(install_info(SIGSEGV, on_fault, 0) == 0);
	if (sigsetjmp(jb, 1) == 0) {
		*(volatile int *)0x1238 = 1;
		CHECK(!"the store faulted");
	}
	CHECK(last_sig == SIGSEGV && fault_addr == 0x1238);
	CHECK(fault_code == SEGV_MAPERR);
	/* siglongjmp restored the mask: SIGSEGV is not blocked now. */
	CHECK(sigprocmask(SIG_SETMASK, NULL, &now) == 0);
	CHECK(!sigismember(&now, SIGSEGV));
	/* Twice: the handler is still there. */
	fault_addr = 0;
	if (sigsetjmp(jb, 1) == 0)
		(void)*(volatile int *)0x2468;
	CHECK(fault_addr == 0x2468);
	return true;
}

static bool t_sigill(void)
{
	CHECK(install_info(SIGILL, on_fault, 0) == 0);
	if (sigsetjmp(jb, 1) == 0) {
#if defined(__riscv)
		__asm__ volatile(".word 0");   /* all zero: illegal */
#else
		__asm__ volatile("ud2");
#endif
	}
	CHECK(last_sig == SIGILL && fault_code == ILL_ILLOPC);
	return true;
}

static bool t_sigtrap(void)
{
	CHECK(install_info(SIGTRAP, on_fault, 0) == 0);
	if (sigsetjmp(jb, 1) == 0) {
#if defined(__riscv)
		__asm__ volatile("ebreak");
#else
		__asm__ volatile("int3");
#endif
	}
	CHECK(last_sig == SIGTRAP && fault_code == TRAP_BRKPT);
	return true;
}

/* A privileged instruction in user mode: x86_64 raises a general
 * protection fault, which is SIGSEGV with si_code SI_KERNEL and no address
 * (as on Linux); RISC-V calls it an illegal instruction (SIGILL). */
static bool t_privileged(void)
{
	last_sig = 0;
	fault_code = -1;
	CHECK(install_info(SIGSEGV, on_fault, 0) == 0);
	CHECK(install_info(SIGILL, on_fault, 0) == 0);
	if (sigsetjmp(jb, 1) == 0) {
#if defined(__riscv)
		unsigned long v;
		__asm__ volatile("csrr %0, sstatus" : "=r"(v));
		(void)v;
#else
		__asm__ volatile("hlt");
#endif
	}
#if defined(__riscv)
	CHECK(last_sig == SIGILL && fault_code == ILL_ILLOPC);
#else
	CHECK(last_sig == SIGSEGV && fault_code == SI_KERNEL && fault_addr == 0);
#endif
	return true;
}

#if defined(__riscv)
/* An atomic on a misaligned address: RISC-V's misaligned-AMO exception is
 * SIGBUS with BUS_ADRALN and the address. */
static bool t_sigbus_misaligned(void)
{
	static uint64_t words[2];
	uintptr_t at = (uintptr_t)words + 2;

	CHECK(install_info(SIGBUS, on_fault, 0) == 0);
	if (sigsetjmp(jb, 1) == 0) {
		int old;
		__asm__ volatile("amoadd.w %0, %2, (%1)"
				 : "=r"(old) : "r"(at), "r"(1) : "memory");
		(void)old;
	}
	CHECK(last_sig == SIGBUS && fault_code == BUS_ADRALN && fault_addr == at);
	return true;
}
#endif

#if defined(__x86_64__)
static bool t_sigfpe(void)
{
	volatile int zero = 0, x = 7;

	CHECK(install_info(SIGFPE, on_fault, 0) == 0);
	if (sigsetjmp(jb, 1) == 0)
		x = x / zero;
	CHECK(last_sig == SIGFPE && fault_code == FPE_INTDIV);
	return true;
}
#endif

/* A fault with no handler, or with the signal blocked: killed, core. */
static bool c_segv_blocked(void)
{
	sigset_t set;

	install_info(SIGSEGV, on_fault, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGSEGV);
	sigprocmask(SIG_BLOCK, &set, NULL);
	*(volatile int *)0x10 = 1;
	return false;
}

static bool t_segv_blocked(void)
{
	int st = in_child(c_segv_blocked);

	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV && WCOREDUMP(st));
	return true;
}

/* ---- flags ---- */

static bool c_resethand(void)
{
	struct sigaction old;

	hits = 0;
	install(SIGUSR1, count, SA_RESETHAND);
	raise(SIGUSR1);
	if (hits != 1 || sigaction(SIGUSR1, NULL, &old) || old.sa_handler != SIG_DFL)
		return false;
	raise(SIGUSR1);   /* the default now: killed */
	return false;
}

static bool t_resethand(void)
{
	int st = in_child(c_resethand);

	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1);
	return true;
}

static volatile int depth, max_depth, calls;

static void nested(int sig)
{
	calls++;
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	if (calls == 1)
		raise(sig);   /* at once with SA_NODEFER, after us without */
	depth--;
}

static bool t_nodefer(void)
{
	calls = max_depth = depth = 0;
	CHECK(install(SIGUSR1, nested, 0) == 0);
	raise(SIGUSR1);
	CHECK(calls == 2 && max_depth == 1);
	calls = max_depth = depth = 0;
	CHECK(install(SIGUSR1, nested, SA_NODEFER) == 0);
	raise(SIGUSR1);
	CHECK(calls == 2 && max_depth == 2);
	return true;
}

/* sa_mask: blocked while the handler runs, back after. */
static volatile int usr2_during;

static void masked(int sig)
{
	(void)sig;
	raise(SIGUSR2);
	usr2_during = hits;   /* SIGUSR2's handler has not run yet */
}

static bool t_sa_mask(void)
{
	struct sigaction sa = { .sa_handler = masked };

	hits = 0;
	CHECK(install(SIGUSR2, count, 0) == 0);
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
	raise(SIGUSR1);
	CHECK(usr2_during == 0 && hits == 1);
	return true;
}

static char altstack[16384] __attribute__((aligned(16)));
static volatile uintptr_t handler_sp;
static volatile int alt_flags;

static void on_alt(int sig)
{
	int local;
	stack_t now;

	(void)sig;
	handler_sp = (uintptr_t)&local;
	alt_flags = sigaltstack(NULL, &now) == 0 ? now.ss_flags : -1;
}

static bool t_altstack(void)
{
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) }, old;

	CHECK(sigaltstack(&ss, &old) == 0);
	CHECK(old.ss_flags == SS_DISABLE);
	CHECK(install(SIGUSR1, on_alt, SA_ONSTACK) == 0);
	raise(SIGUSR1);
	CHECK(handler_sp > (uintptr_t)altstack &&
	      handler_sp < (uintptr_t)altstack + sizeof(altstack));
	CHECK(alt_flags == SS_ONSTACK);
	/* Without SA_ONSTACK: the ordinary stack. */
	CHECK(install(SIGUSR1, on_alt, 0) == 0);
	raise(SIGUSR1);
	CHECK(handler_sp < (uintptr_t)altstack ||
	      handler_sp >= (uintptr_t)altstack + sizeof(altstack));
	/* Bad input. */
	ss.ss_size = 100;
	CHECK(sigaltstack(&ss, NULL) < 0 && errno == ENOMEM);
	ss.ss_size = sizeof(altstack);
	ss.ss_flags = 0x40;
	CHECK(sigaltstack(&ss, NULL) < 0 && errno == EINVAL);
	ss.ss_flags = SS_DISABLE;
	CHECK(sigaltstack(&ss, NULL) == 0);
	CHECK(sigaltstack(NULL, &old) == 0 && old.ss_flags == SS_DISABLE);
	CHECK(sigaltstack((stack_t *)8, NULL) < 0 && errno == EFAULT);
	return true;
}

/* ---- bad input ---- */

static bool t_bad_sigaction(void)
{
	struct sigaction sa = { .sa_handler = count };

	CHECK(sigaction(0, &sa, NULL) < 0 && errno == EINVAL);
	CHECK(sigaction(65, &sa, NULL) < 0 && errno == EINVAL);
	CHECK(sigaction(-1, NULL, &sa) < 0 && errno == EINVAL);
	CHECK(kill(getpid(), 65) < 0 && errno == EINVAL);
	sa.sa_handler = (void (*)(int))(uintptr_t)0xffffffff80001000ull;
	CHECK(sigaction(SIGUSR1, &sa, NULL) < 0 && errno == EINVAL);
	sa.sa_handler = (void (*)(int))(uintptr_t)0x0000800000000000ull;
	CHECK(sigaction(SIGUSR1, &sa, NULL) < 0 && errno == EINVAL);
	return true;
}

_Noreturn void __pith_sigreturn(ucontext_t *uc);

/* A handler that breaks its frame: the pc in the kernel half. */
static void break_frame(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig, (void)si;
	uc->uc_mcontext.__regs[0] = 0xffffffff80000000ull;   /* pc */
}

/* (A fault: its handler gets a frame, where raise's runs at the call's
 * return and has no frame to break.) */
static bool c_bad_frame(void)
{
	install_info(SIGSEGV, break_frame, 0);
	*(volatile int *)(uintptr_t)8 = 1;
	return false;
}

static bool c_garbage_frame(void)
{
	__pith_sigreturn((ucontext_t *)(uintptr_t)0x10);
}

static bool c_random_frame(void)
{
	static ucontext_t uc;

	for (unsigned i = 0; i < sizeof(uc); i++)
		((unsigned char *)&uc)[i] = (unsigned char)(i * 131 + 7);
	__pith_sigreturn(&uc);
}

/* An alternate stack where nothing is mapped: the frame cannot be
 * written, and the process ends by SIGSEGV. */
static bool c_unmapped_altstack(void)
{
	stack_t ss = { .ss_sp = (void *)(uintptr_t)0x10000, .ss_size = 16384 };

	if (sigaltstack(&ss, NULL))
		return false;
	install(SIGUSR1, count, SA_ONSTACK);
	raise(SIGUSR1);
	return false;
}

static bool t_bad_frames(void)
{
	int st = in_child(c_unmapped_altstack);

	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	st = in_child(c_bad_frame);

	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	st = in_child(c_garbage_frame);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	st = in_child(c_random_frame);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	/* procsrv goes on serving. */
	CHECK(getppid() >= 0 && in_child(t_handler) == 0);
	return true;
}

/* abort: a handler that returns does not save the process. */
static void returns(int sig)
{
	(void)sig;
	hits++;
}

static bool c_abort(void)
{
	install(SIGABRT, returns, 0);
	abort();
}

static bool t_abort(void)
{
	int st = in_child(c_abort);

	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT && WCOREDUMP(st));
	return true;
}

/* Many processes with handlers at once: every one of them keeps its
 * table (procsrv maps table pages as they are needed; there was a fixed
 * pool of 64), and the handlers work in each. */
static bool t_many_handlers(void)
{
	enum { N = 150 };
	pid_t kids[N];
	int gate[2];
	int made = 0, good = 0;

	CHECK(install(SIGUSR1, count, 0) == 0);   /* each fork copies it */
	CHECK(pipe(gate) == 0);
	for (; made < N; made++) {
		pid_t c = fork();
		if (c == 0) {
			char b;
			close(gate[1]);
			hits = 0;
			if (install(SIGUSR2, count, 0) != 0 || raise(SIGUSR1) != 0 ||
			    raise(SIGUSR2) != 0 || hits != 2)
				_exit(1);
			(void)read(gate[0], &b, 1);   /* hold the table until all exist */
			_exit(0);
		}
		if (c < 0)
			break;
		kids[made] = c;
	}
	close(gate[0]);
	close(gate[1]);
	for (int i = 0; i < made; i++) {
		int st;
		if (waitpid(kids[i], &st, 0) == kids[i] && WIFEXITED(st) &&
		    WEXITSTATUS(st) == 0)
			good++;
	}
	printf("  %d of %d children with handlers at once\n", good, N);
	CHECK(made == N && good == N);
	return true;
}

/* exec: a handled signal goes back to default, an ignored one stays. */
static bool t_exec_resets(void)
{
	pid_t c;
	int st;

	if ((c = fork()) == 0) {
		sigset_t set;
		install(SIGUSR1, count, 0);
		install(SIGUSR2, SIG_IGN, 0);
		sigemptyset(&set);
		sigaddset(&set, SIGHUP);
		sigprocmask(SIG_BLOCK, &set, NULL);   /* the mask goes on */
		execve("/bin/sigtest", (char *[]){ "sigtest", "exec-check", NULL },
		       (char *[]){ NULL });
		_exit(99);
	}
	CHECK(c > 0 && waitpid(c, &st, 0) == c);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	return true;
}

static int exec_check(void)
{
	struct sigaction a, b;
	sigset_t now;

	if (sigaction(SIGUSR1, NULL, &a) || sigaction(SIGUSR2, NULL, &b) ||
	    sigprocmask(SIG_SETMASK, NULL, &now))
		return 2;
	if (!sigismember(&now, SIGHUP) || sigismember(&now, SIGUSR1))
		return 4;
	return a.sa_handler == SIG_DFL && b.sa_handler == SIG_IGN ? 0 : 3;
}

/* fork: handlers and mask are inherited, pending signals are not. */
static bool c_fork_inherits(void)
{
	sigset_t set, now, pend;
	struct sigaction a;
	pid_t c;
	int st;

	hits = 0;
	install(SIGUSR1, count, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR2);
	if ((c = fork()) == 0) {
		if (sigaction(SIGUSR1, NULL, &a) || a.sa_handler != count)
			_exit(2);
		if (sigprocmask(SIG_SETMASK, NULL, &now) || !sigismember(&now, SIGUSR2))
			_exit(3);
		if (sigpending(&pend) || sigismember(&pend, SIGUSR2))
			_exit(4);
		raise(SIGUSR1);
		_exit(hits == 1 ? 0 : 5);
	}
	if (c < 0 || waitpid(c, &st, 0) != c)
		return false;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static bool t_fork_inherits(void)
{
	return in_child(c_fork_inherits) == 0;
}

/* clock_settime (CLOCK_REALTIME, root only): every process sees it. */
static bool c_settime_user(void)
{
	struct timespec ts = { 1000, 0 };

	if (setuid(1000))
		return false;
	return clock_settime(CLOCK_REALTIME, &ts) == -1 && errno == EPERM;
}

static bool t_clock_settime(void)
{
	struct timespec r0, r1, set;
	struct timeval tv;
	pid_t c;
	int st;

	CHECK(clock_gettime(CLOCK_REALTIME, &r0) == 0);
	set = r0;
	set.tv_sec += 100000;
	CHECK(clock_settime(CLOCK_REALTIME, &set) == 0);
	CHECK(clock_gettime(CLOCK_REALTIME, &r1) == 0);
	CHECK(r1.tv_sec - r0.tv_sec >= 100000 && r1.tv_sec - r0.tv_sec <= 100001);
	/* Another process reads the same clock. */
	if ((c = fork()) == 0) {
		struct timespec x;
		clock_gettime(CLOCK_REALTIME, &x);
		_exit(x.tv_sec - r0.tv_sec >= 100000 && x.tv_sec - r0.tv_sec <= 100002 ? 0 : 1);
	}
	CHECK(c > 0 && waitpid(c, &st, 0) == c && st == 0);
	CHECK(in_child(c_settime_user) == 0);
	/* Bad input. */
	set.tv_nsec = 1000000000L;
	CHECK(clock_settime(CLOCK_REALTIME, &set) == -1 && errno == EINVAL);
	set.tv_nsec = 0;
	CHECK(clock_settime(CLOCK_MONOTONIC, &set) == -1 && errno == EINVAL);
	/* Back, by settimeofday. */
	tv.tv_sec = r0.tv_sec;
	tv.tv_usec = 0;
	CHECK(settimeofday(&tv, NULL) == 0);
	CHECK(clock_gettime(CLOCK_REALTIME, &r1) == 0);
	CHECK(r1.tv_sec - r0.tv_sec >= 0 && r1.tv_sec - r0.tv_sec <= 1);
	return true;
}

/* ---- handlers run at a call's return (raise, sigprocmask, a held
 * wait4: docs/signals.md, "Delivery at a call's return") ---- */

static volatile int depth, usr1_hits, usr2_hits, usr2_depth, usr1_inner;

static void nest_usr2(int sig)
{
	(void)sig;
	usr2_hits++;
	usr2_depth = depth;
}

static void nest_usr1(int sig)
{
	(void)sig;
	usr1_hits++;
	depth++;
	if (usr1_hits == 1) {
		raise(SIGUSR2);         /* not blocked: runs inside this one */
		raise(SIGUSR1);         /* blocked while here: after it */
		usr1_inner = usr1_hits; /* still 1 */
	}
	depth--;
}

static bool t_fast_nesting(void)
{
	sigset_t now;

	CHECK(install(SIGUSR1, nest_usr1, 0) == 0);
	CHECK(install(SIGUSR2, nest_usr2, 0) == 0);
	CHECK(raise(SIGUSR1) == 0);
	CHECK(usr2_hits == 1 && usr2_depth == 1);
	CHECK(usr1_inner == 1 && usr1_hits == 2 && depth == 0);
	CHECK(sigprocmask(SIG_SETMASK, NULL, &now) == 0);
	CHECK(!sigismember(&now, SIGUSR1) && !sigismember(&now, SIGUSR2));
	return true;
}

/* Two signals unblocked by one sigprocmask: both handlers run before it
 * returns (one at the call's return, the other by a frame). */
static volatile int two_seen;

static void two_handler(int sig)
{
	two_seen |= 1 << sig;
}

static bool t_fast_two_pending(void)
{
	sigset_t set, now;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	CHECK(install(SIGUSR1, two_handler, 0) == 0);
	CHECK(install(SIGUSR2, two_handler, 0) == 0);
	CHECK(sigprocmask(SIG_BLOCK, &set, NULL) == 0);
	CHECK(raise(SIGUSR1) == 0 && raise(SIGUSR2) == 0 && two_seen == 0);
	CHECK(sigprocmask(SIG_UNBLOCK, &set, NULL) == 0);
	CHECK(two_seen == ((1 << SIGUSR1) | (1 << SIGUSR2)));
	CHECK(sigprocmask(SIG_SETMASK, NULL, &now) == 0);
	CHECK(!sigismember(&now, SIGUSR1) && !sigismember(&now, SIGUSR2));
	CHECK(sigpending(&set) == 0 && !sigismember(&set, SIGUSR1) &&
	      !sigismember(&set, SIGUSR2));
	return true;
}

static siginfo_t fast_info;
static sigset_t fast_uc_mask, fast_during;
static volatile int fast_ss_flags;

static void fast_record(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	fast_info = *si;
	fast_uc_mask = uc->uc_sigmask;
	fast_ss_flags = uc->uc_stack.ss_flags;
	sigprocmask(SIG_SETMASK, NULL, &fast_during);
}

static bool t_fast_siginfo(void)
{
	sigset_t set, now;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	CHECK(sigprocmask(SIG_BLOCK, &set, NULL) == 0);
	struct sigaction sa = { .sa_sigaction = fast_record,
				.sa_flags = SA_SIGINFO };
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGTERM);
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
	CHECK(raise(SIGUSR1) == 0);
	CHECK(fast_info.si_signo == SIGUSR1 && fast_info.si_code == SI_USER);
	CHECK(fast_info.si_pid == getpid() && fast_info.si_uid == getuid());
	/* uc_sigmask: the mask before; the handler's: that, the signal and
	 * sa_mask. */
	CHECK(sigismember(&fast_uc_mask, SIGUSR2) &&
	      !sigismember(&fast_uc_mask, SIGUSR1) &&
	      !sigismember(&fast_uc_mask, SIGTERM));
	CHECK(sigismember(&fast_during, SIGUSR1) &&
	      sigismember(&fast_during, SIGUSR2) &&
	      sigismember(&fast_during, SIGTERM));
	CHECK(fast_ss_flags == SS_DISABLE);
	CHECK(sigprocmask(SIG_SETMASK, NULL, &now) == 0);
	CHECK(sigismember(&now, SIGUSR2) && !sigismember(&now, SIGUSR1) &&
	      !sigismember(&now, SIGTERM));
	/* pthread_kill of itself: SI_TKILL. */
	CHECK(pthread_kill(pthread_self(), SIGUSR1) == 0);
	CHECK(fast_info.si_signo == SIGUSR1 && fast_info.si_code == SI_TKILL);
	return true;
}

/* A handler changing uc_sigmask: the mask after it is the changed one. */
static void block_usr2(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig, (void)si;
	sigaddset(&uc->uc_sigmask, SIGUSR2);
}

static void unblock_usr2(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig, (void)si;
	sigdelset(&uc->uc_sigmask, SIGUSR2);
	usr1_inner = usr2_hits;     /* SIGUSR2 not run yet */
}

static bool t_fast_uc_sigmask(void)
{
	sigset_t set, now;

	CHECK(install_info(SIGUSR1, block_usr2, 0) == 0);
	CHECK(raise(SIGUSR1) == 0);
	CHECK(sigprocmask(SIG_SETMASK, NULL, &now) == 0);
	CHECK(sigismember(&now, SIGUSR2) && !sigismember(&now, SIGUSR1));
	/* SIGUSR2 blocked and pending; a handler that unblocks it by its
	 * uc_sigmask: it runs as the first handler returns. */
	CHECK(install(SIGUSR2, nest_usr2, 0) == 0);
	CHECK(raise(SIGUSR2) == 0 && usr2_hits == 0);
	CHECK(sigpending(&set) == 0 && sigismember(&set, SIGUSR2));
	CHECK(install_info(SIGUSR1, unblock_usr2, 0) == 0);
	CHECK(raise(SIGUSR1) == 0);
	CHECK(usr1_inner == 0 && usr2_hits == 1);
	CHECK(sigprocmask(SIG_SETMASK, NULL, &now) == 0);
	CHECK(!sigismember(&now, SIGUSR2) && !sigismember(&now, SIGUSR1));
	CHECK(sigpending(&set) == 0 && !sigismember(&set, SIGUSR2));
	return true;
}

static sigjmp_buf fast_jb;

static void jump_out(int sig)
{
	(void)sig;
	usr1_hits++;
	siglongjmp(fast_jb, 1);
}

static bool t_fast_longjmp(void)
{
	sigset_t set, now;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	CHECK(sigprocmask(SIG_BLOCK, &set, NULL) == 0);
	CHECK(install(SIGUSR1, jump_out, 0) == 0);
	for (int i = 0; i < 3; i++) {
		if (sigsetjmp(fast_jb, 1) == 0) {
			raise(SIGUSR1);
			CHECK(!"the handler jumped");
		}
		/* The mask of sigsetjmp: SIGUSR1 free again, SIGUSR2 not. */
		CHECK(sigprocmask(SIG_SETMASK, NULL, &now) == 0);
		CHECK(!sigismember(&now, SIGUSR1) && sigismember(&now, SIGUSR2));
	}
	CHECK(usr1_hits == 3);
	return true;
}

/* wait4 held by procsrv, interrupted by another process's kill: with
 * SA_RESTART the handler runs and the wait goes on to the child's end;
 * without, EINTR. */
static bool wait_killed(int flags, long *got, int *err)
{
	pid_t c = fork(), k;
	int st;

	if (c == 0) {
		msleep(150);
		_exit(5);
	}
	if (c < 0)
		return false;
	hits = 0;
	install(SIGUSR1, count, flags);
	k = kill_later(SIGUSR1);
	*got = waitpid(c, &st, 0);
	*err = errno;
	if (*got == c && !(WIFEXITED(st) && WEXITSTATUS(st) == 5))
		return false;
	if (*got < 0)
		waitpid(c, &st, 0);
	waitpid(k, NULL, 0);
	return hits == 1;
}

static bool t_fast_wait_restart(void)
{
	return interrupted(wait_killed, true) && interrupted(wait_killed, false);
}

/* A frame's handler that makes calls (their answers land in the IPC
 * buffer's message words) leaves the words of the interrupted code as
 * they were: it may be between a call's answer and its reading of it. */
uintptr_t __pith_thread_pointer(void);

static void calls_in_handler(int sig)
{
	struct sigaction old;

	(void)sig;
	sigaction(SIGUSR2, NULL, &old);   /* an answer with words 3, 4 */
	hits++;
}

static bool t_frame_keeps_words(void)
{
	struct ipc_buffer *ib = (struct ipc_buffer *)(__pith_thread_pointer() -
		offsetof(struct ipc_buffer, user));
	volatile uint64_t *mr = ib->mr;

	hits = 0;
	CHECK(install(SIGUSR1, calls_in_handler, 0) == 0);
	pid_t c = kill_later(SIGUSR1);
	for (unsigned i = IPC_REG_WORDS; i < IPC_MAX_WORDS; i++)
		mr[i] = 0x5150000000000000ull + i;
	while (!hits)          /* user code, no call: the handler gets a frame */
		;
	for (unsigned i = IPC_REG_WORDS; i < IPC_MAX_WORDS; i++)
		CHECK(mr[i] == 0x5150000000000000ull + i);
	waitpid(c, NULL, 0);
	return true;
}

/* ---- real-time signals queued (sigqueue) ------------------------------------ */

static volatile int rt_n;
static int rt_values[64], rt_codes[64];
static pid_t rt_pids[64];

static void rt_record(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	if (rt_n < 64) {
		rt_values[rt_n] = si->si_value.sival_int;
		rt_codes[rt_n] = si->si_code;
		rt_pids[rt_n] = si->si_pid;
	}
	rt_n++;
}

static sigset_t just(int sig)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	return s;
}

/* Blocked, a real-time signal sent five times is pending five times, each
 * with its value, and delivered in the order sent once unblocked; kill's
 * are queued too; a standard signal is pending once. */
static bool t_rt_queued(void)
{
	int rt = SIGRTMIN + 1;
	sigset_t s = just(rt);

	rt_n = 0;
	CHECK(install_info(rt, rt_record, 0) == 0);
	CHECK(sigprocmask(SIG_BLOCK, &s, NULL) == 0);
	for (int i = 1; i <= 5; i++)
		CHECK(sigqueue(getpid(), rt, (union sigval){ .sival_int = i * 10 }) == 0);
	CHECK(kill(getpid(), rt) == 0);
	CHECK(rt_n == 0);
	CHECK(sigprocmask(SIG_UNBLOCK, &s, NULL) == 0);
	CHECK(rt_n == 6);
	for (int i = 0; i < 5; i++)
		CHECK(rt_values[i] == (i + 1) * 10 && rt_codes[i] == SI_QUEUE &&
		      rt_pids[i] == getpid());
	CHECK(rt_codes[5] == SI_USER);
	sigset_t pend;
	CHECK(sigpending(&pend) == 0 && !sigismember(&pend, rt));

	rt_n = 0;
	s = just(SIGUSR2);
	CHECK(install_info(SIGUSR2, rt_record, 0) == 0);
	CHECK(sigprocmask(SIG_BLOCK, &s, NULL) == 0);
	for (int i = 1; i <= 3; i++)
		CHECK(sigqueue(getpid(), SIGUSR2, (union sigval){ .sival_int = i }) == 0);
	CHECK(sigprocmask(SIG_UNBLOCK, &s, NULL) == 0);
	CHECK(rt_n == 1 && rt_values[0] == 1);   /* merged: the first's info */
	return true;
}

/* sigwaitinfo takes queued ones oldest first, each with its value; a
 * value sent by another process names it. */
static bool t_rt_sigwait(void)
{
	int rt = SIGRTMIN + 3;
	sigset_t s = just(rt);
	siginfo_t si;
	pid_t me = getpid(), c;
	int st;

	CHECK(sigprocmask(SIG_BLOCK, &s, NULL) == 0);
	CHECK(sigqueue(me, rt, (union sigval){ .sival_int = 7 }) == 0);
	if ((c = fork()) == 0)
		_exit(sigqueue(me, rt, (union sigval){ .sival_int = 8 }) == 0 ? 0 : 1);
	CHECK(c > 0 && waitpid(c, &st, 0) == c && st == 0);
	CHECK(sigwaitinfo(&s, &si) == rt && si.si_value.sival_int == 7 &&
	      si.si_code == SI_QUEUE && si.si_pid == me);
	CHECK(sigwaitinfo(&s, &si) == rt && si.si_value.sival_int == 8 &&
	      si.si_pid == c);
	struct timespec zero = { 0, 0 };
	CHECK(sigtimedwait(&s, &si, &zero) == -1 && errno == EAGAIN);
	return true;
}

/* A process's queue holds 32 beyond the pending one: the next sigqueue
 * is EAGAIN, and all 33 arrive. Bad arguments; another user's process;
 * a queue left by a process that exits is freed (the same count again). */
static bool t_rt_limits(void)
{
	int rt = SIGRTMIN + 4;
	sigset_t s = just(rt);
	union sigval v = { .sival_int = 1 };
	int sent;

	for (int round = 0; round < 2; round++) {
		pid_t c = fork();
		if (c == 0) {
			/* Leaves 33 queued behind at its exit. */
			sigprocmask(SIG_BLOCK, &s, NULL);
			for (int i = 0; i < 33; i++)
				sigqueue(getpid(), rt, v);
			_exit(0);
		}
		CHECK(c > 0 && waitpid(c, NULL, 0) == c);
		rt_n = 0;
		CHECK(install_info(rt, rt_record, 0) == 0);
		CHECK(sigprocmask(SIG_BLOCK, &s, NULL) == 0);
		for (sent = 0; sent < 100; sent++)
			if (sigqueue(getpid(), rt, v) != 0)
				break;
		CHECK(sent == 33 && errno == EAGAIN);
		CHECK(kill(getpid(), rt) == 0);        /* kill merges instead */
		CHECK(sigprocmask(SIG_UNBLOCK, &s, NULL) == 0);
		CHECK(rt_n == 33);
	}
	errno = 0;
	CHECK(sigqueue(getpid(), 65, v) == -1 && errno == EINVAL);
	CHECK(sigqueue(getpid(), -1, v) == -1 && errno == EINVAL);
	CHECK(sigqueue(-1, SIGUSR1, v) == -1 && errno == ESRCH);
	CHECK(sigqueue(0, SIGUSR1, v) == -1 && errno == ESRCH);
	CHECK(sigqueue(getpid(), 0, v) == 0);       /* it exists */
	pid_t c = fork();
	if (c == 0)
		_exit(setuid(1000) == 0 && sigqueue(1, SIGUSR1, v) == -1 &&
		      errno == EPERM ? 0 : 1);
	int st;
	CHECK(c > 0 && waitpid(c, &st, 0) == c && st == 0);
	return true;
}

static const struct guest_test tests[] = {
	{ "sig_handler", t_handler },
	{ "sig_registers_timer", t_registers },
	{ "sig_registers_kill", t_registers_kill },
	{ "sig_mask_pending", t_mask_pending },
	{ "sig_blocked_term", t_blocked_term },
	{ "sig_mask_race", t_mask_race },
	{ "sig_thread_choice", t_thread_choice },
	{ "sig_sigsuspend", t_sigsuspend },
	{ "sig_pause", t_pause },
	{ "sig_wait_eintr", t_wait_eintr },
	{ "sig_wait_restart", t_wait_restart },
	{ "sig_nanosleep_eintr", t_nanosleep_eintr },
	{ "sig_pipe_eintr", t_pipe_eintr },
	{ "sig_pipe_restart", t_pipe_restart },
	{ "sig_sigwait", t_sigwait },
	{ "sig_info_kill", t_info_kill },
	{ "sig_info_child", t_info_child },
	{ "sig_info_stop", t_info_stop },
	{ "sig_nocldwait", t_nocldwait },
	{ "sig_kill_uncatchable", t_kill_uncatchable },
	{ "sig_kill_blocked", t_kill_blocked },
	{ "sig_segv_longjmp", t_segv_longjmp },
	{ "sig_sigill", t_sigill },
	{ "sig_sigtrap", t_sigtrap },
#if defined(__x86_64__)
	{ "sig_sigfpe", t_sigfpe },
#endif
	{ "sig_segv_blocked", t_segv_blocked },
	{ "sig_privileged", t_privileged },
#if defined(__riscv)
	{ "sig_sigbus_misaligned", t_sigbus_misaligned },
#endif
	{ "sig_resethand", t_resethand },
	{ "sig_nodefer", t_nodefer },
	{ "sig_sa_mask", t_sa_mask },
	{ "sig_altstack", t_altstack },
	{ "sig_bad_sigaction", t_bad_sigaction },
	{ "sig_bad_frames", t_bad_frames },
	{ "sig_abort", t_abort },
	{ "sig_exec_resets", t_exec_resets },
	{ "sig_fork_inherits", t_fork_inherits },
	{ "clock_settime_root_only", t_clock_settime },
	{ "sig_fast_nesting", t_fast_nesting },
	{ "sig_fast_two_pending", t_fast_two_pending },
	{ "sig_fast_siginfo", t_fast_siginfo },
	{ "sig_fast_uc_sigmask", t_fast_uc_sigmask },
	{ "sig_fast_longjmp", t_fast_longjmp },
	{ "sig_fast_wait_restart", t_fast_wait_restart },
	{ "sig_frame_keeps_words", t_frame_keeps_words },
	{ "sig_many_handlers", t_many_handlers },
	{ "sig_rt_queued", t_rt_queued },
	{ "sig_rt_sigwait", t_rt_sigwait },
	{ "sig_rt_limits", t_rt_limits },
};

int main(int argc, char **argv)
{
	unsigned passed = 0, failed = 0;

	if (argc == 2 && !strcmp(argv[1], "exec-check"))
		return exec_check();
	setvbuf(stdout, NULL, _IONBF, 0);
	for (unsigned i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		int st = in_child(tests[i].fn);
		bool ok = st == 0;
		if (!ok)
			printf("  status %#x\n", st);
		printf("TEST %s %s\n", tests[i].name, ok ? "PASS" : "FAIL");
		ok ? passed++ : failed++;
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed == 0 && passed > 0 ? 0 : 1;
}
