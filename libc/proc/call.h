/*
 * libc's client side of the process server's protocol (proto/procsrv.h):
 * one call, the answer's words, errno. Shared by the files of libc/proc only.
 */
#ifndef PITH_LIBC_PROC_CALL_H
#define PITH_LIBC_PROC_CALL_H

#include <errno.h>
#include <pith/syscall.h>
#include <proto/procsrv.h>

/* The answer to a call: w[0] the result, w[1..2] more, ipc the IPC
 * buffer's words 3.. */
struct proc_answer {
	struct msg m;
};

/* Call procsrv with op and three words (len words of message: more from
 * the IPC buffer's words 3..). Returns w0 as a signed result: >= 0, or
 * -errno; -ENOSYS when the call itself fails (no process server: a root
 * task, or procsrv gone). Inline: the cheap calls (getpid, getppid) are
 * then one call of the IPC stub (docs/benchmarks.md, proc_getppid). */
static inline long __pith_proc_call(uint64_t op, unsigned len, uint64_t a,
				    uint64_t b, uint64_t c,
				    struct proc_answer *ans)
{
	struct proc_answer local;
	struct proc_answer *x = ans ? ans : &local;
	long err = pith_ipc(SYS_CALL, PROC_SLOT_PROCSRV, MSG_INFO(op, len, 0),
			    a, b, c, &x->m);

	/* The call itself failing means there is no process server to ask
	 * (a root task, whose slot 1 is no endpoint; or procsrv gone). */
	if (err)
		return -ENOSYS;
	return (long)x->m.w[0];
}

/* The IPC buffer of a process (procsrv maps it there). */
static inline struct ipc_buffer *__pith_proc_ipcbuf(void)
{
	return (struct ipc_buffer *)(uintptr_t)PROC_IPCBUF_VADDR;
}

/* -errno in, -1 and errno out; anything else passed through. */
static inline long __pith_proc_ret(long r)
{
	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

#endif
