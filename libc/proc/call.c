/* The one way into procsrv (libc/proc/call.h). */
#include "call.h"

int __pith_in_process;

long __pith_proc_call(uint64_t op, unsigned len, uint64_t a, uint64_t b,
		      uint64_t c, struct proc_answer *ans)
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
