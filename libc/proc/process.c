/*
 * fork, vfork, execve, wait and kill through the process server. _exit is
 * PROC_EXIT, exit_group (libc/posix/interim.c); a thread alone ends by
 * SYS_TASK_EXIT, which the kernel tells procsrv, the task's pager, before
 * the task goes (FAULT_EXIT), so the status reaches wait4 whichever way a
 * process ends. Threads and clone: libc/proc/thread.c.
 */
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "call.h"

/* Set by __pith_start_process under procsrv (call.h). */
int __pith_in_process;

#define CLONE_VM_      0x00000100
#define CLONE_VFORK_   0x00004000

static pid_t clone_call(uint64_t flags)
{
	struct proc_answer a;
	long err = pith_ipc(SYS_CALL, PROC_SLOT_PROCSRV,
			    MSG_INFO(PROC_CLONE, 3, 0), flags, 0, 0, &a.m);

	if (err == PROC_CHILD_RETURN)
		return 0;                   /* the child */
	if (err)
		return (pid_t)__pith_proc_ret(-ENOSYS);   /* no process server */
	return (pid_t)__pith_proc_ret((long)a.m.w[0]);
}

pid_t fork(void)
{
	return clone_call(SIGCHLD);
}

/* The parent waits until the child execs or ends, as vfork says; the
 * child has a copy-on-write copy of the memory (a correct vfork: the
 * child may not count on sharing it), so that it cannot corrupt the
 * parent's stack frames on the way to its execve. */
pid_t vfork(void)
{
	return clone_call(CLONE_VM_ | CLONE_VFORK_ | SIGCHLD);
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)__pith_proc_ret(__pith_proc_call(
		PROC_EXECVE, 3, (uint64_t)(uintptr_t)path,
		(uint64_t)(uintptr_t)argv, (uint64_t)(uintptr_t)envp, NULL));
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
	struct proc_answer a;
	long r;

	do      /* a handler with SA_RESTART ran meanwhile: wait again */
		r = __pith_proc_call(PROC_WAIT4, 3, (uint64_t)(int64_t)pid,
				     (uint64_t)(unsigned)options, 0, &a);
	while (r == -PROC_ERESTART);

	if (r > 0) {
		if (status)
			*status = (int)a.m.w[1];
		if (ru) {
			const struct ipc_buffer *ib = __pith_proc_ipcbuf();
			memset(ru, 0, sizeof(*ru));
			ru->ru_utime.tv_sec = (time_t)(ib->mr[3] / 1000000);
			ru->ru_utime.tv_usec = (suseconds_t)(ib->mr[3] % 1000000);
			ru->ru_stime.tv_sec = (time_t)(ib->mr[4] / 1000000);
			ru->ru_stime.tv_usec = (suseconds_t)(ib->mr[4] % 1000000);
		}
	} else if (r == 0 && ru) {
		memset(ru, 0, sizeof(*ru));
	}
	return (pid_t)__pith_proc_ret(r);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}

pid_t wait3(int *status, int options, struct rusage *ru)
{
	return wait4(-1, status, options, ru);
}

int kill(pid_t pid, int sig)
{
	return (int)__pith_proc_ret(__pith_proc_call(
		PROC_KILL, 3, (uint64_t)(int64_t)pid, (uint64_t)(int64_t)sig, 0, NULL));
}
