/*
 * Limits, times and usage, interval timers and alarm, and memory (brk/sbrk, anonymous mmap, munmap,
 * mprotect) through the process server.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <pith/procinfo.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <unistd.h>

#include "call.h"

int getrlimit(int resource, struct rlimit *rl)
{
	struct proc_answer a;
	long r = __pith_proc_call(PROC_GETRLIMIT, 3, (uint64_t)(int64_t)resource, 0, 0, &a);

	if (r < 0)
		return (int)__pith_proc_ret(r);
	rl->rlim_cur = (rlim_t)a.m.w[1];
	rl->rlim_max = (rlim_t)a.m.w[2];
	return 0;
}

int setrlimit(int resource, const struct rlimit *rl)
{
	return (int)__pith_proc_ret(__pith_proc_call(PROC_SETRLIMIT, 3,
		(uint64_t)(int64_t)resource, (uint64_t)rl->rlim_cur,
		(uint64_t)rl->rlim_max, NULL));
}

clock_t times(struct tms *buf)
{
	struct proc_answer a;
	long r = __pith_proc_call(PROC_TIMES, 3, 0, 0, 0, &a);

	if (r < 0)
		return (clock_t)__pith_proc_ret(r);
	if (buf) {
		buf->tms_utime = (clock_t)a.m.w[1];
		buf->tms_stime = (clock_t)a.m.w[2];
		buf->tms_cutime = (clock_t)__pith_proc_ipcbuf()->mr[3];
		buf->tms_cstime = (clock_t)__pith_proc_ipcbuf()->mr[4];
	}
	return (clock_t)r;
}

int getrusage(int who, struct rusage *usage)
{
	struct proc_answer a;
	long r = __pith_proc_call(PROC_GETRUSAGE, 3, (uint64_t)(int64_t)who, 0, 0, &a);

	if (r < 0)
		return (int)__pith_proc_ret(r);
	memset(usage, 0, sizeof(*usage));
	usage->ru_utime.tv_sec = (time_t)(a.m.w[1] / 1000000);
	usage->ru_utime.tv_usec = (suseconds_t)(a.m.w[1] % 1000000);
	usage->ru_stime.tv_sec = (time_t)(a.m.w[2] / 1000000);
	usage->ru_stime.tv_usec = (suseconds_t)(a.m.w[2] % 1000000);
	return 0;
}

/* ---- interval timers (procsrv's timers.c) ----------------------------------- */

static uint64_t tv_us(const struct timeval *tv)
{
	/* Seconds beyond what µs can count in 64 bits: as good as never. */
	if ((uint64_t)tv->tv_sec > UINT64_MAX / 1000000 - 1)
		return UINT64_MAX - 1;
	return (uint64_t)tv->tv_sec * 1000000 + (uint64_t)tv->tv_usec;
}

static void us_tv(uint64_t us, struct timeval *tv)
{
	tv->tv_sec = (time_t)(us / 1000000);
	tv->tv_usec = (suseconds_t)(us % 1000000);
}

static int itimer(uint64_t op, int which, uint64_t value, uint64_t every,
		  struct itimerval *old)
{
	struct proc_answer a;
	long r = __pith_proc_call(op, 3, (uint64_t)(int64_t)which, value, every, &a);

	if (r < 0)
		return (int)__pith_proc_ret(r);
	if (old) {
		us_tv(a.m.w[1], &old->it_value);
		us_tv(a.m.w[2], &old->it_interval);
	}
	return 0;
}

int getitimer(int which, struct itimerval *value)
{
	return itimer(PROC_GETITIMER, which, 0, 0, value);
}

int setitimer(int which, const struct itimerval *restrict value,
	      struct itimerval *restrict old)
{
	const struct timeval *v = &value->it_value, *i = &value->it_interval;

	if (v->tv_sec < 0 || v->tv_usec < 0 || v->tv_usec >= 1000000 ||
	    i->tv_sec < 0 || i->tv_usec < 0 || i->tv_usec >= 1000000) {
		errno = EINVAL;
		return -1;
	}
	return itimer(PROC_SETITIMER, which, tv_us(v), tv_us(i), old);
}

/* The seconds left of the earlier alarm, rounded to the nearest, but
 * never 0 while one was pending (Linux's alarm_setitimer). alarm cannot
 * fail by its standard: without procsrv it reports no earlier alarm. */
unsigned alarm(unsigned seconds)
{
	struct itimerval old = { { 0, 0 }, { 0, 0 } };

	if (itimer(PROC_SETITIMER, ITIMER_REAL, (uint64_t)seconds * 1000000, 0,
		   &old) < 0)
		return 0;
	unsigned left = (unsigned)old.it_value.tv_sec;
	if (old.it_value.tv_usec >= 500000 || (!left && old.it_value.tv_usec))
		left++;
	return left;
}

useconds_t ualarm(useconds_t usec, useconds_t interval)
{
	struct itimerval old = { { 0, 0 }, { 0, 0 } };

	if (itimer(PROC_SETITIMER, ITIMER_REAL, usec, interval, &old) < 0)
		return 0;
	return (useconds_t)tv_us(&old.it_value);
}

static uintptr_t cur_brk;

int brk(void *addr)
{
	long r = __pith_proc_call(PROC_BRK, 3, (uint64_t)(uintptr_t)addr, 0, 0, NULL);

	if (r < 0)
		return (int)__pith_proc_ret(r);
	cur_brk = (uintptr_t)r;
	if (cur_brk != (uintptr_t)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(long increment)
{
	if (!cur_brk) {
		long r = __pith_proc_call(PROC_BRK, 3, 0, 0, 0, NULL);
		if (r < 0)
			return (void *)__pith_proc_ret(r);
		cur_brk = (uintptr_t)r;
	}
	uintptr_t old = cur_brk;
	if (increment && brk((void *)(old + (uintptr_t)increment)) < 0)
		return (void *)-1;
	return (void *)old;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	if (!(flags & MAP_ANONYMOUS) || fd != -1 || off) {
		/* Files come with the file server. */
		errno = (flags & MAP_ANONYMOUS) ? EINVAL : ENODEV;
		return MAP_FAILED;
	}
	long r = __pith_proc_call(PROC_MMAP, 3, (uint64_t)(uintptr_t)addr, len,
				  (uint64_t)(unsigned)prot | (uint64_t)(unsigned)flags << 32,
				  NULL);
	return r < 0 ? (errno = (int)-r, MAP_FAILED) : (void *)(uintptr_t)r;
}

int munmap(void *addr, size_t len)
{
	return (int)__pith_proc_ret(__pith_proc_call(PROC_MUNMAP, 3,
		(uint64_t)(uintptr_t)addr, len, 0, NULL));
}

int mprotect(void *addr, size_t len, int prot)
{
	return (int)__pith_proc_ret(__pith_proc_call(PROC_MPROTECT, 3,
		(uint64_t)(uintptr_t)addr, len, (uint64_t)(unsigned)prot, NULL));
}

/* ---- msync, madvise, mlock (PROC_MEMCTL) ----------------------------------
 * Nothing is backed by a file that a write could reach (no MAP_SHARED of
 * files) and Pith never pages out: msync has nothing to write, advice
 * changes nothing (MADV_DONTNEED keeps the data, as posix_madvise's must),
 * mlock makes the pages present, and they stay. Each still checks its
 * arguments and that the range is mapped (ENOMEM), as POSIX asks. */
static int memctl(const void *addr, size_t len, uint64_t op)
{
	return (int)__pith_proc_ret(__pith_proc_call(PROC_MEMCTL, 3,
		(uint64_t)(uintptr_t)addr, len, op, NULL));
}

int msync(void *addr, size_t len, int flags)
{
	if ((flags & ~(MS_ASYNC | MS_SYNC | MS_INVALIDATE)) ||
	    (flags & MS_ASYNC && flags & MS_SYNC)) {
		errno = EINVAL;
		return -1;
	}
	return memctl(addr, len, PROC_MEM_CHECK);
}

int madvise(void *addr, size_t len, int advice)
{
	if (advice < MADV_NORMAL || advice > MADV_DONTNEED) {
		errno = EINVAL;
		return -1;
	}
	return memctl(addr, len, PROC_MEM_CHECK);
}

int posix_madvise(void *addr, size_t len, int advice)
{
	int saved = errno, r;

	if (advice < POSIX_MADV_NORMAL || advice > POSIX_MADV_DONTNEED)
		return EINVAL;
	r = memctl(addr, len, PROC_MEM_CHECK) ? errno : 0;
	errno = saved;
	return r;
}

/* POSIX lets mlock and munlock round addr down to its page. */
static int lock_range(const void *addr, size_t len, uint64_t op)
{
	uintptr_t a = (uintptr_t)addr & ~(uintptr_t)(PAGESIZE - 1);
	size_t off = (uintptr_t)addr - a;

	if (len > SIZE_MAX - off) {
		errno = ENOMEM;
		return -1;
	}
	return memctl((const void *)a, len + off, op);
}

int mlock(const void *addr, size_t len)
{
	return lock_range(addr, len, PROC_MEM_PRESENT);
}

int munlock(const void *addr, size_t len)
{
	return lock_range(addr, len, PROC_MEM_CHECK);
}

/* Every page once present stays: nothing to lock ahead, nothing to
 * undo. */
int mlockall(int flags)
{
	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE))) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int munlockall(void)
{
	return 0;
}

/* A process's CPU-time clock: the caller's own (clock_gettime reads
 * CLOCK_PROCESS_CPUTIME_ID); another's is not readable here (EPERM, as
 * POSIX allows), and a pid with no process is ESRCH. */
int clock_getcpuclockid(pid_t pid, clockid_t *id)
{
	int saved = errno;

	if (pid != 0 && pid != getpid()) {
		int r = kill(pid, 0) && errno == ESRCH ? ESRCH : EPERM;
		errno = saved;
		return r;
	}
	*id = CLOCK_PROCESS_CPUTIME_ID;
	return 0;
}

int pith_sysinfo(struct pith_sysinfo *out)
{
	struct proc_answer a;
	long r = __pith_proc_call(PROC_SYSINFO, 3, 0, 0, 0, &a);

	if (r < 0)
		return (int)__pith_proc_ret(r);
	out->processes = a.m.w[1];
	out->pool_used = a.m.w[2];
	out->image_pages = __pith_proc_ipcbuf()->mr[3];
	out->copied_pages = __pith_proc_ipcbuf()->mr[4];
	out->table_bytes = __pith_proc_ipcbuf()->mr[5];
	return 0;
}

static int ps_call(int32_t cursor, uint64_t what, struct pith_psinfo *out)
{
	struct proc_answer a;
	long r = __pith_proc_call(PROC_PS, 3, (uint64_t)(int64_t)cursor, what, 0, &a);
	const uint64_t *x;

	if (r <= 0)
		return (int)__pith_proc_ret(r);
	x = &__pith_proc_ipcbuf()->mr[3];
	out->pid = (int32_t)r;
	out->ppid = (int32_t)a.m.w[1];
	out->uid = (uint32_t)a.m.w[2];
	out->state = (char)x[PROC_PS_STATE];
	out->nice = (int)(int64_t)x[PROC_PS_NICE];
	out->policy = (int)x[PROC_PS_POLICY];
	out->rt_priority = (int)x[PROC_PS_RTPRIO];
	out->level = (int)x[PROC_PS_LEVEL];
	out->utime_us = x[PROC_PS_UTIME];
	out->stime_us = x[PROC_PS_STIME];
	out->nthreads = (uint32_t)x[PROC_PS_NTHREADS];
	out->pgid = (int32_t)x[PROC_PS_PGID];
	out->sid = (int32_t)x[PROC_PS_SID];
	out->euid = (uint32_t)x[PROC_PS_EUID];
	memcpy(out->comm, &x[PROC_PS_COMM], 16);
	out->comm[16] = 0;
	if (what)
		out->pid = 0;     /* a server: no pid */
	return (int)r;
}

int pith_ps(int32_t cursor, struct pith_psinfo *out)
{
	return ps_call(cursor, 0, out);
}

int pith_ps_server(int index, struct pith_psinfo *out)
{
	return ps_call(index, 1, out);
}

int pith_poweroff(void)
{
	return (int)__pith_proc_ret(__pith_proc_call(PROC_POWEROFF, 3, 0, 0, 0, NULL));
}
