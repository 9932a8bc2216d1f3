/*
 * Identities, credentials, supplementary groups, process groups and
 * sessions: each one call to the process server, which keeps them.
 */
#include <sys/fsuid.h>
#include <unistd.h>

#include "call.h"

static long call1(uint64_t op, uint64_t a)
{
	return __pith_proc_ret(__pith_proc_call(op, 3, a, 0, 0, NULL));
}

static long call2(uint64_t op, uint64_t a, uint64_t b)
{
	return __pith_proc_ret(__pith_proc_call(op, 3, a, b, 0, NULL));
}

#define ID(x) ((uint64_t)(uint32_t)(x))

pid_t getpid(void) { return (pid_t)call1(PROC_GETPID, 0); }
pid_t getppid(void) { return (pid_t)call1(PROC_GETPPID, 0); }
pid_t gettid(void) { return (pid_t)call1(PROC_GETTID, 0); }
pid_t getpgid(pid_t pid) { return (pid_t)call1(PROC_GETPGID, (uint64_t)(int64_t)pid); }
pid_t getpgrp(void) { return getpgid(0); }
int setpgid(pid_t pid, pid_t pgid)
{
	return (int)call2(PROC_SETPGID, (uint64_t)(int64_t)pid, (uint64_t)(int64_t)pgid);
}
int setpgrp(void) { return setpgid(0, 0); }
pid_t getsid(pid_t pid) { return (pid_t)call1(PROC_GETSID, (uint64_t)(int64_t)pid); }
pid_t setsid(void) { return (pid_t)call1(PROC_SETSID, 0); }

static int getres(uint64_t op, uint32_t *r, uint32_t *e, uint32_t *s)
{
	struct proc_answer a;
	long ret = __pith_proc_call(op, 3, 0, 0, 0, &a);

	if (ret < 0)
		return (int)__pith_proc_ret(ret);
	if (r) *r = (uint32_t)a.m.w[1];
	if (e) *e = (uint32_t)a.m.w[2];
	if (s) *s = (uint32_t)__pith_proc_ipcbuf()->mr[3];
	return 0;
}

int getresuid(uid_t *r, uid_t *e, uid_t *s) { return getres(PROC_GETRESUID, r, e, s); }
int getresgid(gid_t *r, gid_t *e, gid_t *s) { return getres(PROC_GETRESGID, r, e, s); }
uid_t getuid(void) { uid_t r = 0; getresuid(&r, NULL, NULL); return r; }
uid_t geteuid(void) { uid_t e = 0; getresuid(NULL, &e, NULL); return e; }
gid_t getgid(void) { gid_t r = 0; getresgid(&r, NULL, NULL); return r; }
gid_t getegid(void) { gid_t e = 0; getresgid(NULL, &e, NULL); return e; }

int setuid(uid_t u) { return (int)call1(PROC_SETUID, ID(u)); }
int setgid(gid_t g) { return (int)call1(PROC_SETGID, ID(g)); }
int seteuid(uid_t u) { return (int)call1(PROC_SETEUID, ID(u)); }
int setegid(gid_t g) { return (int)call1(PROC_SETEGID, ID(g)); }
int setreuid(uid_t r, uid_t e) { return (int)call2(PROC_SETREUID, ID(r), ID(e)); }
int setregid(gid_t r, gid_t e) { return (int)call2(PROC_SETREGID, ID(r), ID(e)); }
int setresuid(uid_t r, uid_t e, uid_t s)
{
	return (int)__pith_proc_ret(__pith_proc_call(PROC_SETRESUID, 3, ID(r), ID(e), ID(s), NULL));
}
int setresgid(gid_t r, gid_t e, gid_t s)
{
	return (int)__pith_proc_ret(__pith_proc_call(PROC_SETRESGID, 3, ID(r), ID(e), ID(s), NULL));
}
/* setfsuid/setfsgid never fail: they return the old id. */
int setfsuid(uid_t u) { return (int)__pith_proc_call(PROC_SETFSUID, 3, ID(u), 0, 0, NULL); }
int setfsgid(gid_t g) { return (int)__pith_proc_call(PROC_SETFSGID, 3, ID(g), 0, 0, NULL); }

int getgroups(int size, gid_t list[])
{
	long n = __pith_proc_call(PROC_GETGROUPS, 3, 0, 0, 0, NULL);

	if (n < 0)
		return (int)__pith_proc_ret(n);
	if (size == 0)
		return (int)n;
	if (size < n) {
		errno = EINVAL;
		return -1;
	}
	for (long i = 0; i < n; i++)
		list[i] = (gid_t)__pith_proc_ipcbuf()->mr[3 + i];
	return (int)n;
}

int setgroups(size_t size, const gid_t *list)
{
	struct ipc_buffer *ib = __pith_proc_ipcbuf();

	if (size > IPC_MAX_WORDS - IPC_REG_WORDS) {
		errno = EINVAL;
		return -1;
	}
	for (size_t i = 0; i < size; i++)
		ib->mr[3 + i] = list[i];
	return (int)__pith_proc_ret(__pith_proc_call(PROC_SETGROUPS,
		IPC_REG_WORDS + (unsigned)size, size, 0, 0, NULL));
}
