/*
 * Waiting for children (<sys/wait.h>). The status word is Linux's: exit
 * code in bits 8-15 with the low byte 0; a killing signal in bits 0-6
 * (0x80 = core dumped); a stop as 0x7f with the signal in bits 8-15;
 * continued as 0xffff. The calls need the process server.
 */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <signal.h>
#define __PITH_NEED_pid_t
#define __PITH_NEED_id_t
#include <bits/types.h>

struct rusage;

#define WNOHANG    0x00000001
#define WUNTRACED  0x00000002
#define WSTOPPED   WUNTRACED
#define WEXITED    0x00000004
#define WCONTINUED 0x00000008
#define WNOWAIT    0x01000000

#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WTERMSIG(s)    ((s) & 0x7f)
#define WSTOPSIG(s)    WEXITSTATUS(s)
#define WCOREDUMP(s)   (((s) & 0x80) != 0)
#define WIFEXITED(s)   (WTERMSIG(s) == 0)
#define WIFSIGNALED(s) (WTERMSIG(s) != 0 && WTERMSIG(s) != 0x7f)
#define WIFSTOPPED(s)  (((s) & 0xff) == 0x7f)
#define WIFCONTINUED(s) ((s) == 0xffff)

/* Building status words (the process server reports them so). */
#define W_EXITCODE(ret, sig) (((ret) << 8) | (sig))
#define W_STOPCODE(sig)      (((sig) << 8) | 0x7f)

typedef enum {
	P_ALL = 0,
	P_PID = 1,
	P_PGID = 2,
} idtype_t;

pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait3(int *status, int options, struct rusage *ru);
pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru);
int waitid(idtype_t type, id_t id, siginfo_t *info, int options);

#endif
