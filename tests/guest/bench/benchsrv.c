/*
 * benchsrv: the server side of the IPC benchmark: answer every call at
 * once with reply_recv, through the lean system call stub.
 */
#include <pith/syscall.h>

#define EP 1

int main(void)
{
	pith_syscall5(SYS_RECV, EP, 0, 0, 0, 0);
	for (;;)
		pith_syscall5(SYS_REPLY_RECV, EP, MSG_INFO(1, 1, 0), 0, 0, 0);
}
