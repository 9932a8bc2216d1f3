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

#include "call.h"

void __pith_sigtramp(void);   /* libc/arch/<arch>/sigtramp.S */
_Noreturn void __pith_sigreturn(ucontext_t *uc);

int sigaction(int sig, const struct sigaction *restrict act,
	      struct sigaction *restrict old)
{
	struct sigaction k;
	const struct sigaction *a = NULL;

	if (act) {
		k = *act;
		if (k.sa_handler != SIG_DFL && k.sa_handler != SIG_IGN) {
			k.sa_flags |= SA_RESTORER;
			k.sa_restorer = __pith_sigtramp;
		}
		a = &k;
	}
	return (int)__pith_proc_ret(__pith_proc_call(
		PROC_SIGACTION, 3, (uint64_t)(int64_t)sig, (uint64_t)(uintptr_t)a,
		(uint64_t)(uintptr_t)old, NULL));
}

/* The calling thread's mask (pthread_sigmask is the same call). */
static long mask_call(int how, const sigset_t *set, sigset_t *old)
{
	struct proc_answer a;
	long r = __pith_proc_call(PROC_SIGMASK, 3, (uint64_t)(int64_t)how,
				  set ? set->__bits : 0, set != NULL, &a);

	if (r == 0 && old)
		old->__bits = a.m.w[1];
	return r;
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

/* The trampoline's end: procsrv puts back the registers and mask of uc
 * and never answers. If it cannot be asked (no procsrv), the process
 * cannot go on. */
_Noreturn void __pith_sigreturn(ucontext_t *uc)
{
	__pith_proc_call(PROC_SIGRETURN, 3, (uint64_t)(uintptr_t)uc, 0, 0, NULL);
	for (;;)
		__pith_proc_call(PROC_EXIT, 3, 128 + SIGSEGV, 0, 0, NULL);
}
