/*
 * Signal handling through the process server (proto/procsrv.h,
 * docs/signals.md): sigaction, sigprocmask, sigpending,
 * sigsuspend, pause, sigaltstack. A handler is entered through
 * __pith_sigtramp (libc/arch/<arch>/sigtramp.S), given to procsrv as
 * sa_restorer: it keeps the FP registers, calls the handler and ends in
 * __pith_sigreturn, which hands the frame back to procsrv.
 */
#include <signal.h>
#include <string.h>
#include <time.h>

#include "call.h"

void __pith_sigtramp(void);   /* libc/arch/<arch>/sigtramp.S */
_Noreturn void __pith_sigreturn(ucontext_t *uc);

int sigaction(int sig, const struct sigaction *restrict act,
	      struct sigaction *restrict old)
{
	struct ipc_buffer *ib = __pith_proc_ipcbuf();
	struct proc_answer a;
	uint64_t h = 0, mask = 0, flags = 0, rest = 0;

	if (!__pith_in_process) {
		errno = ENOSYS;   /* a root task: no procsrv (and no IPC
				     buffer where a process has one) */
		return -1;
	}
	if (act) {
		h = (uint64_t)(uintptr_t)act->sa_handler;
		mask = act->sa_mask.__bits;
		flags = (uint32_t)act->sa_flags | PROC_SA_SET;
		if (act->sa_handler != SIG_DFL && act->sa_handler != SIG_IGN) {
			flags |= SA_RESTORER;
			rest = (uint64_t)(uintptr_t)__pith_sigtramp;
		}
	}
	if (!old)
		flags |= PROC_SA_NOOLD;   /* a short answer */
	ib->mr[3] = flags;
	ib->mr[4] = rest;
	long r = __pith_proc_call(PROC_SIGACTION, 5, (uint64_t)(int64_t)sig, h,
				  mask, &a);
	if (r == 0 && old) {
		old->sa_handler = (void (*)(int))(uintptr_t)a.m.w[1];
		old->sa_mask.__bits = a.m.w[2];
		old->sa_flags = (int)ib->mr[3];
		old->sa_restorer = (void (*)(void))(uintptr_t)ib->mr[4];
	}
	return (int)__pith_proc_ret(r);
}

/* The calling thread's mask (pthread_sigmask is the same call). It is a
 * word of the thread's IPC buffer, procsrv's to read (docs/signals.md,
 * "Masks"): changed in place, then procsrv is called only if the change
 * lets through a signal its pending note names. Without procsrv: the
 * call, which fails with ENOSYS. */
static long mask_call(int how, const sigset_t *set, sigset_t *old)
{
	const uint64_t never = (1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1));
	struct proc_answer a;

	if (!__pith_in_process) {
		long r = __pith_proc_call(PROC_SIGMASK, 3, (uint64_t)(int64_t)how,
					  set ? set->__bits : 0, set != NULL, &a);
		if (r == 0 && old)
			old->__bits = a.m.w[1];
		return r;
	}
	volatile uint64_t *w = &__pith_proc_ipcbuf()->user[PROC_TCB_SIGMASK];
	uint64_t cur = w[0], m = cur;
	if (set) {
		switch (how) {
		case SIG_BLOCK: m |= set->__bits; break;
		case SIG_UNBLOCK: m &= ~set->__bits; break;
		case SIG_SETMASK: m = set->__bits; break;
		default: return -EINVAL;
		}
	}
	if (old)
		old->__bits = cur;
	if (!set)
		return 0;
	m &= ~never;
	w[0] = m;          /* the store before the look at the note */
	__asm__ volatile("" ::: "memory");
	if (w[PROC_TCB_SIGPEND - PROC_TCB_SIGMASK] & ~m)
		return __pith_proc_call(PROC_SIGMASK, 3, SIG_SETMASK, m, 1, &a);
	return 0;
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	return (int)__pith_proc_ret(mask_call(how, set, old));
}

int sigpending(sigset_t *set)
{
	struct proc_answer a;
	long r = __pith_proc_call(PROC_SIGPENDING, 0, 0, 0, 0, &a);

	if (r == 0)
		set->__bits = a.m.w[1];
	return (int)__pith_proc_ret(r);
}

int sigsuspend(const sigset_t *mask)
{
	return (int)__pith_proc_ret(__pith_proc_call(PROC_SIGSUSPEND, 3,
						     mask->__bits, 0, 0, NULL));
}

int pause(void)
{
	return (int)__pith_proc_ret(__pith_proc_call(PROC_SIGSUSPEND, 3, 0, 1,
						     0, NULL));
}

int sigaltstack(const stack_t *restrict ss, stack_t *restrict old)
{
	return (int)__pith_proc_ret(__pith_proc_call(
		PROC_SIGALTSTACK, 3, (uint64_t)(uintptr_t)ss,
		(uint64_t)(uintptr_t)old, 0, NULL));
}

/* Take a signal of set pending for the thread or its process (poll:
 * only if one is), its info in *info: the signal or -errno. */
static long wait_call(const sigset_t *set, siginfo_t *info, int poll)
{
	struct proc_answer a;
	long r = __pith_proc_call(PROC_SIGWAIT, 3, set->__bits, (uint64_t)poll, 0, &a);

	if (r > 0 && info) {
		memset(info, 0, sizeof(*info));
		info->si_signo = (int)r;
		info->si_code = (int)(uint32_t)a.m.w[1];
		info->si_pid = (pid_t)(a.m.w[1] >> 32);
		info->si_uid = (uid_t)(uint32_t)a.m.w[2];
		info->si_status = (int)(a.m.w[2] >> 32);
		info->si_addr = (void *)(uintptr_t)__pith_proc_ipcbuf()->mr[3];
		if (info->si_code == SI_QUEUE)
			info->si_value.sival_ptr = info->si_addr;
	}
	return r;
}

int sigwaitinfo(const sigset_t *restrict set, siginfo_t *restrict info)
{
	return (int)__pith_proc_ret(wait_call(set, info, 0));
}

int sigwait(const sigset_t *restrict set, int *restrict sig)
{
	long r;

	while ((r = wait_call(set, NULL, 0)) == -EINTR)
		;   /* sigwait is not interrupted (POSIX) */
	if (r < 0)
		return (int)-r;
	*sig = (int)r;
	return 0;
}

/* A timeout: look, then sleep a tick at a time until one is pending or
 * the time is up (a signal in set is blocked, so it stays pending until
 * the next look: at most a tick late). */
int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info,
		 const struct timespec *restrict timeout)
{
	if (!timeout)
		return sigwaitinfo(set, info);
	if (timeout->tv_nsec < 0 || timeout->tv_nsec >= 1000000000L ||
	    timeout->tv_sec < 0) {
		errno = EINVAL;
		return -1;
	}
	struct timespec now, end;
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += timeout->tv_sec;
	end.tv_nsec += timeout->tv_nsec;
	if (end.tv_nsec >= 1000000000L) {
		end.tv_sec++;
		end.tv_nsec -= 1000000000L;
	}
	for (;;) {
		long r = wait_call(set, info, 1);
		if (r != -EAGAIN)
			return (int)__pith_proc_ret(r);
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > end.tv_sec ||
		    (now.tv_sec == end.tv_sec && now.tv_nsec >= end.tv_nsec))
			break;
		struct timespec tick = { 0, 10000000L };
		if (nanosleep(&tick, NULL) < 0)
			return -1;   /* EINTR: a handler ran */
	}
	errno = EAGAIN;
	return -1;
}

/* The trampoline's end: procsrv puts back the registers and mask of uc
 * and never answers. If it cannot be asked (no procsrv), the process
 * cannot go on. */
_Noreturn void __pith_sigreturn(ucontext_t *uc)
{
	__pith_proc_call(PROC_SIGRETURN, 3, (uint64_t)(uintptr_t)uc, 0, 0, NULL);
	for (;;)
		__pith_proc_call(PROC_EXIT, 3, 128 + SIGSEGV, 0, 0, NULL);
}

/* ---- running handlers -------------------------------------------------------
 * (docs/signals.md, "Delivery".) */

/* The words of the IPC buffer's messages past the registers. */
#define MSG_WORDS (IPC_MAX_WORDS - IPC_REG_WORDS)

/* A frame's handler, called by __pith_sigtramp: the IPC buffer's message
 * words are kept around it, as the interrupted code may be between a
 * call's answer and its reading of them (PROC_SIG_RUN's words, wait4's
 * rusage), and the handler's own calls would overwrite them. */
void __pith_sig_frame(int sig, siginfo_t *si, void *uc,
		      void (*h)(int, siginfo_t *, void *));
void __pith_sig_frame(int sig, siginfo_t *si, void *uc,
		      void (*h)(int, siginfo_t *, void *))
{
	uint64_t *mr = &__pith_proc_ipcbuf()->mr[IPC_REG_WORDS];
	uint64_t keep[MSG_WORDS];

	memcpy(keep, mr, sizeof(keep));
	h(sig, si, uc);
	memcpy(mr, keep, sizeof(keep));
}

/* An answer with PROC_SIG_RUN (proto/procsrv.h): procsrv took the signal
 * and set the handler's mask; run the handler as a plain call, with a
 * siginfo and a ucontext (uc_sigmask the mask to restore, which the
 * handler may change; uc_mcontext only pc = this call's return address,
 * sp and the thread pointer: what the handler changes there is not
 * loaded), then restore the mask (a call to procsrv only if that
 * unblocks a pending signal, which then runs too) and the answer's words
 * for the call's caller. */
void __pith_sig_run(const struct msg *m)
{
	struct ipc_buffer *ib = __pith_proc_ipcbuf();
	unsigned len = MSG_LEN(m->info);
	uint64_t keep[MSG_WORDS], k[PROC_SIG_RUN_WORDS];
	siginfo_t si;
	ucontext_t uc;

	if (len < IPC_REG_WORDS + PROC_SIG_RUN_WORDS)
		return;
	__pith_tcb()->handlers++;
	unsigned n = len - IPC_REG_WORDS - PROC_SIG_RUN_WORDS;
	memcpy(k, &ib->mr[len - PROC_SIG_RUN_WORDS], sizeof(k));
	memcpy(keep, &ib->mr[IPC_REG_WORDS], n * sizeof(uint64_t));
	memset(&si, 0, sizeof(si));
	si.si_signo = (int)(uint32_t)k[0];
	si.si_code = (int)(uint32_t)k[3];
	si.si_pid = (pid_t)(k[3] >> 32);
	si.si_uid = (uid_t)(uint32_t)k[4];
	si.si_status = (int)(k[4] >> 32);
	si.si_addr = (void *)(uintptr_t)k[5];
	if (si.si_code == SI_QUEUE)
		si.si_value.sival_ptr = si.si_addr;   /* PROC_SIGQUEUE's value */
	memset(&uc, 0, sizeof(uc));
	uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
	uc.uc_stack.ss_sp = (void *)(uintptr_t)k[6];
	uc.uc_stack.ss_size = k[7];
	uc.uc_stack.ss_flags = !k[7] ? SS_DISABLE
			       : sp > k[6] && sp <= k[6] + k[7] ? SS_ONSTACK : 0;
	uc.uc_sigmask.__bits = k[2];
	uc.uc_mcontext.__regs[0] = (uintptr_t)__builtin_return_address(0);
	uc.uc_mcontext.__regs[1] = sp;
	uc.uc_mcontext.__regs[2] = __pith_thread_pointer();
	((void (*)(int, siginfo_t *, void *))(uintptr_t)k[1])(si.si_signo, &si,
							       &uc);
	(void)mask_call(SIG_SETMASK, &uc.uc_sigmask, NULL);
	memcpy(&ib->mr[IPC_REG_WORDS], keep, n * sizeof(uint64_t));
}
