/*
 * The signal-mask half of sigsetjmp/siglongjmp (<setjmp.h>); the
 * registers are libc/arch/<arch>/setjmp.S's. The mask comes from
 * sigprocmask, so until the process server exists none is saved (and
 * errno is left as it was).
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>

_Static_assert(offsetof(struct __pith_jmp_buf, __mask_saved) == 208,
	       "JB_MASK_SAVED in libc/arch/*/setjmp.S");

int __pith_sigsetjmp_mask(sigjmp_buf env, int savemask);

int __pith_sigsetjmp_mask(sigjmp_buf env, int savemask)
{
	int saved_errno = errno;

	env->__mask_saved =
		savemask && sigprocmask(SIG_BLOCK, NULL, &env->__mask) == 0;
	errno = saved_errno;
	return 0;
}

_Noreturn void siglongjmp(sigjmp_buf env, int val)
{
	if (env->__mask_saved)
		sigprocmask(SIG_SETMASK, &env->__mask, NULL);
	longjmp(env, val);
}
