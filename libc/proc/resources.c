/*
 * Limits, times and usage, and memory (brk/sbrk, anonymous mmap, munmap,
 * mprotect) through the process server.
 */
#include <string.h>
#include <pith/procinfo.h>
#include <sys/mman.h>
#include <sys/resource.h>
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
	return 0;
}
