/*
 * procbench: benchmarks of the process model (procsrv), a POSIX program
 * booted as the system's only job (init=/bin/procbench, second half of the
 * `bench` target, docs/benchmarks.md). Same method as bench.c: QEMU
 * -icount shift=0,sleep=off, pith_counter() counts retired instructions of
 * the hart (so whatever runs in between, procsrv, the kernel, a child,
 * counts too), the median of RUNS batches, divided by the batch's size,
 * after subtracting an empty loop's cost. Prints "BENCH <name> <n>".
 * Never a test: nothing here fails on speed.
 */
#include <fcntl.h>
#include <pith/syscall.h>
#include <stdbool.h>
#include <stdio.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/time.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define RUNS 31
#define PAGE 4096
#define FAULT_PAGES 200        /* first touches per batch */
#define COW_PAGES 200          /* copy-on-write faults per batch */

static uint64_t samples[RUNS];

static uint64_t median(void)
{
	for (int i = 1; i < RUNS; i++)
		for (int j = i; j > 0 && samples[j - 1] > samples[j]; j--) {
			uint64_t t = samples[j];
			samples[j] = samples[j - 1];
			samples[j - 1] = t;
		}
	return samples[RUNS / 2];
}

static void report(const char *name, uint64_t per_batch, uint64_t overhead,
		   unsigned batch)
{
	uint64_t net = per_batch > overhead ? per_batch - overhead : 0;

	printf("BENCH %s %llu\n", name, (unsigned long long)((net + batch / 2) / batch));
	fflush(stdout);
}

static __attribute__((noinline)) uint64_t empty_batch(unsigned n)
{
	uint64_t t0 = pith_counter();

	for (unsigned i = 0; i < n; i++)
		__asm__ volatile("" ::: "memory");
	return pith_counter() - t0;
}

static uint64_t empty_loop(unsigned n)
{
	for (int r = 0; r < RUNS; r++)
		samples[r] = empty_batch(n);
	return median();
}

/* n calls of op, batch by batch. Always inlined: op is a constant at
 * each use, so the loop calls it directly, as a program would. */
static inline __attribute__((always_inline)) void bench_calls(const char *name,
							    void (*op)(void))
{
	const unsigned n = 200;
	uint64_t overhead = empty_loop(n);

	op();
	for (int r = 0; r < RUNS; r++) {
		uint64_t t0 = pith_counter();
		for (unsigned i = 0; i < n; i++)
			op();
		samples[r] = pith_counter() - t0;
	}
	report(name, median(), overhead, n);
}

/* getppid: one call to procsrv and back. */
static void op_getppid(void)
{
	getppid();
}

/* getitimer: procsrv reads a process's timer (none armed). */
static void op_getitimer(void)
{
	struct itimerval v;

	getitimer(ITIMER_REAL, &v);
}

/* sched_yield with nothing else runnable (the kernel's SYS_YIELD: the
 * caller goes on at once). */
static void op_sched_yield(void)
{
	sched_yield();
}

/* Signals (docs/signals.md). The round trip: raise of a handled signal
 * (PROC_KILL), procsrv writing the frame, the trampoline and an empty
 * handler, PROC_SIGRETURN. */
static volatile int sig_seen;

static void on_sig(int sig)
{
	(void)sig;
	sig_seen++;
}

static void op_signal_roundtrip(void)
{
	raise(SIGUSR1);
}

/* Installing a handler: one PROC_SIGACTION. */
static void op_sigaction(void)
{
	static struct sigaction sa = { .sa_handler = on_sig };

	sigaction(SIGUSR2, &sa, NULL);
}

/* A block + unblock pair (two PROC_SIGMASK calls). */
static void op_sigprocmask_pair(void)
{
	sigset_t set = { 1ull << (SIGUSR2 - 1) };

	sigprocmask(SIG_BLOCK, &set, NULL);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* The file server: writes to /dev/null of 1 byte (in the message) and
 * 4 KiB (fs copies it out of the caller), open + close of a boot-image
 * file, and a 4 KiB pwrite over the start of a /tmp file (a copy plus
 * the RAM file system's blocks). */
static int null_fd = -1, tmp_fd = -1;
static char io_buf[4096] __attribute__((aligned(64)));

static void op_write_null_1(void)
{
	write(null_fd, io_buf, 1);
}

static void op_write_null_4k(void)
{
	write(null_fd, io_buf, sizeof(io_buf));
}

static void op_open_close(void)
{
	close(open("/bin/quit", O_RDONLY));
}

static void op_tmp_pwrite_4k(void)
{
	pwrite(tmp_fd, io_buf, sizeof(io_buf), 0);
}

static int bench_fs(void)
{
	null_fd = open("/dev/null", O_WRONLY);
	tmp_fd = open("/tmp/bench", O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (null_fd < 0 || tmp_fd < 0 || write(null_fd, io_buf, sizeof(io_buf)) != 4096 ||
	    pwrite(tmp_fd, io_buf, sizeof(io_buf), 0) != 4096) {
		printf("procbench: fs set-up failed\n");
		return 1;
	}
	bench_calls("fs_write_null_1", op_write_null_1);
	bench_calls("fs_write_null_4k", op_write_null_4k);
	bench_calls("fs_open_close", op_open_close);
	bench_calls("fs_tmp_pwrite_4k", op_tmp_pwrite_4k);
	close(null_fd);
	close(tmp_fd);
	return unlink("/tmp/bench");
}

/* Pipe ping-pong: one byte to a child through one pipe and back through
 * another, the child echoing until end of file. A round trip is two
 * writes and two reads, each of which may block and wake the other side
 * (fs holds the reader's call until the byte arrives). */
static int bench_pipe_pingpong(void)
{
	const unsigned n = 200;
	int to[2], from[2];
	char c = 'x';

	if (pipe(to) < 0 || pipe(from) < 0)
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		close(to[1]);
		close(from[0]);
		while (read(to[0], &c, 1) == 1)
			if (write(from[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(to[0]);
	close(from[1]);
	if (pid < 0)
		return 1;
	for (int r = -1; r < RUNS; r++) {     /* r = -1: warm-up */
		uint64_t t0 = pith_counter();
		for (unsigned i = 0; i < n; i++)
			if (write(to[1], &c, 1) != 1 || read(from[0], &c, 1) != 1) {
				printf("procbench: pipe ping-pong broke\n");
				return 1;
			}
		if (r >= 0)
			samples[r] = pith_counter() - t0;
	}
	report("fs_pipe_pingpong", median(), 0, n);
	close(to[1]);
	int st = -1;
	close(from[0]);
	return waitpid(pid, &st, 0) != pid || st != 0;
}

/* fork() + waitpid() of a child that _exit(0)s at once (fork + exit +
 * wait), or that execs /bin/quit, which exits at once (fork + exec + wait). */
static int bench_fork(bool exec)
{
	const unsigned n = exec ? 10 : 20;
	static char *const argv[] = { "quit", NULL };
	static char *const envp[] = { "PATH=/bin", NULL };

	for (int r = -1; r < RUNS; r++) {     /* r = -1: warm-up */
		uint64_t t0 = pith_counter();
		for (unsigned i = 0; i < n; i++) {
			int st = -1;
			pid_t pid = fork();
			if (pid == 0) {
				if (exec)
					execve("/bin/quit", argv, envp);
				_exit(exec ? 127 : 0);
			}
			if (pid < 0 || waitpid(pid, &st, 0) != pid || st != 0) {
				printf("procbench: fork %d status %#x\n", pid, st);
				return 1;
			}
		}
		if (r >= 0)
			samples[r] = pith_counter() - t0;
	}
	report(exec ? "proc_fork_exec_wait" : "proc_fork_exit_wait", median(), 0, n);
	return 0;
}

/* First touches of fresh anonymous memory: a write to each page of a new
 * mmap region (demand-zero: procsrv maps a zeroed page). */
static int bench_zero_fault(void)
{
	uint64_t overhead = empty_loop(FAULT_PAGES);

	for (int r = 0; r < RUNS; r++) {
		volatile char *m = mmap(NULL, FAULT_PAGES * PAGE, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED) {
			printf("procbench: mmap failed\n");
			return 1;
		}
		uint64_t t0 = pith_counter();
		for (unsigned i = 0; i < FAULT_PAGES; i++)
			m[i * PAGE] = 1;
		samples[r] = pith_counter() - t0;
		munmap((void *)m, FAULT_PAGES * PAGE);
	}
	report("proc_demand_zero_fault", median(), overhead, FAULT_PAGES);
	return 0;
}

/* Copy-on-write faults: a write to each of COW_PAGES pages written before
 * a fork, while the process that shares them stays alive (blocked in
 * waitpid). A page is copied once, so each batch needs a fresh fork: run
 * r is measured by the r-th process of a chain, each forked by the one
 * before, which waits for it; the samples ride down the chain in memory,
 * and the last process prints the median. */
static char cow_area[COW_PAGES * PAGE] __attribute__((aligned(PAGE)));

static __attribute__((noinline)) uint64_t cow_batch(void)
{
	uint64_t t0 = pith_counter();

	for (unsigned i = 0; i < COW_PAGES; i++)
		((volatile char *)cow_area)[i * PAGE] = (char)i;
	return pith_counter() - t0;
}

/* Write the stack below the caller's frame, where the batch's frames go. */
static __attribute__((noinline)) void touch_stack(void)
{
	volatile char below[2048];

	for (unsigned i = 0; i < sizeof(below); i += 64)
		below[i] = 0;
}

static int bench_cow(void)
{
	uint64_t overhead = empty_loop(COW_PAGES);

	for (unsigned i = 0; i < COW_PAGES; i++)
		cow_area[i * PAGE] = 1;           /* private before the first fork */
	for (int r = 0; r < RUNS; r++) {
		pid_t pid = fork();
		if (pid < 0) {
			printf("procbench: fork failed\n");
			return 1;
		}
		if (pid > 0) {
			int st = -1;
			if (waitpid(pid, &st, 0) != pid)
				st = -1;
			if (r == 0)
				return st == 0 ? 0 : (printf("procbench: cow chain %#x\n", st), 1);
			_exit(st == 0 ? 0 : 1);
		}
		/* The child: its stack page and the samples are its own
		 * before it measures (the batch's call writes the stack). */
		touch_stack();
		samples[r] = 0;
		samples[r] = cow_batch();
	}
	report("proc_cow_fault", median(), overhead, COW_PAGES);
	_exit(0);
}

int main(void)
{
	int err = 0;

	printf("procbench: %d runs, median\n", RUNS);
	fflush(stdout);
	bench_calls("proc_getppid", op_getppid);
	bench_calls("proc_getitimer", op_getitimer);
	bench_calls("proc_sched_yield", op_sched_yield);
	err = err || bench_fs();
	err = err || bench_pipe_pingpong();
	err = err || bench_fork(false);
	err = err || bench_fork(true);
	err = err || bench_zero_fault();
	err = err || bench_cow();
	/* Last: a handler's trampoline uses the FP registers, after which
	 * the kernel saves them at every switch of this process (riscv64),
	 * which the figures above would pay for. */
	signal(SIGUSR1, on_sig);
	bench_calls("proc_signal_roundtrip", op_signal_roundtrip);
	bench_calls("proc_sigaction", op_sigaction);
	bench_calls("proc_sigprocmask_pair", op_sigprocmask_pair);
	printf("procbench: %s\n", err ? "failed" : "done");
	return err;
}
