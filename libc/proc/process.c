/*
 * fork, vfork, execve, wait and kill through the process server. _exit is
 * PROC_EXIT, exit_group (libc/posix/interim.c); a thread alone ends by
 * SYS_TASK_EXIT, which the kernel tells procsrv, the task's pager, before
 * the task goes (FAULT_EXIT), so the status reaches wait4 whichever way a
 * process ends. Threads and clone: libc/proc/thread.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <pith/shebang.h>

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

/*
 * procsrv runs programs from the boot image only. A file elsewhere (in
 * /tmp) that procsrv does not know is looked at here, through fs: no such
 * file keeps ENOENT; a file the caller may not execute is EACCES; a "#!"
 * script runs its interpreter, as procsrv does for the boot image's
 * scripts (interpreter, its one optional argument, the script's path,
 * then argv[1]...); a text file without "#!" is ENOEXEC (a shell then
 * runs it itself, as POSIX says); a program (ELF) outside the boot image
 * is ENOSYS: not supported yet (docs/processes.md).
 */
static int exec_from_fs(const char *path, char *const argv[],
			char *const envp[], int depth)
{
	struct stat st;
	char head[PITH_SHEBANG_MAX], line[PITH_SHEBANG_MAX], *interp, *arg;

	if (stat(path, &st) < 0)
		return -1;
	if (!S_ISREG(st.st_mode) || access(path, X_OK) < 0) {
		errno = EACCES;
		return -1;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, head, sizeof(head));
	close(fd);
	if (n < 0)
		return -1;
	if (n < 2 || head[0] != '#' || head[1] != '!') {
		errno = n >= 4 && memcmp(head, "\177ELF", 4) == 0 ? ENOSYS : ENOEXEC;
		return -1;
	}
	if (depth > 4 || pith_shebang(head, (size_t)n, line, &interp, &arg) < 0) {
		errno = ENOEXEC;   /* a loop of scripts, or no interpreter named */
		return -1;
	}
	size_t argc = 0;
	while (argv && argv[argc])
		argc++;
	char **v = malloc((argc + 3) * sizeof(char *));
	if (!v)
		return -1;
	size_t k = 0;
	v[k++] = interp;
	if (arg)
		v[k++] = arg;
	v[k++] = (char *)path;
	for (size_t i = 1; i < argc; i++)
		v[k++] = argv[i];
	v[k] = NULL;
	int r = (int)__pith_proc_ret(__pith_proc_call(
		PROC_EXECVE, 3, (uint64_t)(uintptr_t)interp,
		(uint64_t)(uintptr_t)v, (uint64_t)(uintptr_t)envp, NULL));
	if (r < 0 && errno == ENOENT)
		r = exec_from_fs(interp, v, envp, depth + 1);
	int e = errno;
	free(v);
	errno = e;
	return r;
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	int r = (int)__pith_proc_ret(__pith_proc_call(
		PROC_EXECVE, 3, (uint64_t)(uintptr_t)path,
		(uint64_t)(uintptr_t)argv, (uint64_t)(uintptr_t)envp, NULL));
	if (r < 0 && errno == ENOENT && path)
		return exec_from_fs(path, argv, envp, 0);
	return r;
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

/* wait4's call with waitid's choice and options, its answer as a
 * siginfo_t (SIGCHLD's fields); none ready with WNOHANG: 0 and info
 * zeroed (si_pid 0). */
int waitid(idtype_t type, id_t id, siginfo_t *info, int options)
{
	struct proc_answer a;
	long r;

	do      /* a handler with SA_RESTART ran meanwhile: wait again */
		r = __pith_proc_call(PROC_WAITID, 3, (uint64_t)(unsigned)type,
				     (uint64_t)id, (uint64_t)(unsigned)options, &a);
	while (r == -PROC_ERESTART);

	if (r < 0)
		return (int)__pith_proc_ret(r);
	if (info) {
		memset(info, 0, sizeof(*info));
		if (r > 0) {
			info->si_signo = SIGCHLD;
			info->si_code = (int)(uint32_t)a.m.w[1];
			info->si_status = (int)(a.m.w[1] >> 32);
			info->si_pid = (pid_t)r;
			info->si_uid = (uid_t)a.m.w[2];
		}
	}
	return 0;
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

/* A real-time signal already pending is queued (PROC_SIGQUEUE), and
 * the value reaches a SA_SIGINFO handler as si_value. */
int sigqueue(pid_t pid, int sig, const union sigval value)
{
	return (int)__pith_proc_ret(__pith_proc_call(
		PROC_SIGQUEUE, 3, (uint64_t)(int64_t)pid, (uint64_t)(int64_t)sig,
		(uint64_t)(uintptr_t)value.sival_ptr, NULL));
}
