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

/* Run the handler an answer with PROC_SIG_RUN names (libc/proc/signal.c;
 * docs/signals.md, "Delivery at a call's return"). */
void __pith_sig_run(const struct msg *m);

/* Call procsrv with op and three words (len words of message: more from
 * the IPC buffer's words 3..). Returns w0 as a signed result: >= 0, or
 * -errno; -ENOSYS when the call itself fails (no process server: a root
 * task, or procsrv gone). An answer that asks for a signal handler runs
 * it first. Inline: the cheap calls (getpid, getppid) are
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
	/* A signal for the caller whose handler runs here, before the
	 * call returns (procsrv marks only some calls so). */
	if (__builtin_expect(MSG_LABEL(x->m.info) == PROC_SIG_RUN, 0))
		__pith_sig_run(&x->m);
	return (long)x->m.w[0];
}

/* Set when the program was started by procsrv (__pith_start_process):
 * then every thread has a TCB (below) and PROC_SLOT_PROCSRV is procsrv. */
extern int __pith_in_process;

/* A thread's control block: ipc_buffer.user[] of its own IPC buffer
 * page, where procsrv points its thread pointer (proto/procsrv.h). A
 * clone with CLONE_SETTLS points it elsewhere: such a thread must give
 * a TCB laid out like this one, as glibc's threads must give glibc's. */
struct __pith_tcb {
	uint64_t self;                  /* its own address (set by procsrv) */
	int err;                        /* the thread's errno */
	unsigned handlers;              /* handlers run at a call's return
					   (__pith_sig_run; pselect looks) */
	struct __pith_thread *thread;   /* pthread's record, NULL for main */
};
_Static_assert(sizeof(struct __pith_tcb) <= sizeof(((struct ipc_buffer *)0)->user),
	       "the TCB fits in ipc_buffer.user[]");

uintptr_t __pith_thread_pointer(void);   /* libc/arch/<arch>/syscall.S */

static inline struct __pith_tcb *__pith_tcb(void)
{
	return (struct __pith_tcb *)__pith_thread_pointer();
}

/* The calling thread's IPC buffer: the page its TCB is in. */
static inline struct ipc_buffer *__pith_proc_ipcbuf(void)
{
	if (!__pith_in_process)
		return (struct ipc_buffer *)(uintptr_t)PROC_IPCBUF_VADDR;
	return (struct ipc_buffer *)(__pith_thread_pointer() -
				     __builtin_offsetof(struct ipc_buffer, user));
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
