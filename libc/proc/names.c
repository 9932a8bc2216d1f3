/*
 * The name service's client side (<pith/names.h>): each call one message
 * to the process server, which puts the capability into the calling
 * thread's space and says which slot.
 */
#include <pith/names.h>

#include "call.h"

_Static_assert(PITH_NAME_MAX == PROC_NAME_MAX, "<pith/names.h> agrees");
_Static_assert(PITH_SLOT_FIRST == PROC_SLOT_FIRST_FREE, "<pith/names.h> agrees");

static int name_call(uint64_t op, const char *name, slot_t *ep)
{
	long r = __pith_proc_call(op, 3, (uint64_t)(uintptr_t)name, 0, 0, NULL);

	if (r < 0)
		return (int)__pith_proc_ret(r);
	if (ep)
		*ep = (slot_t)r;
	return 0;
}

int pith_serve(const char *name, slot_t *ep)
{
	return name_call(PROC_SERVE, name, ep);
}

int pith_connect(const char *name, slot_t *ep)
{
	return name_call(PROC_CONNECT, name, ep);
}

int pith_unserve(const char *name)
{
	return name_call(PROC_UNSERVE, name, NULL);
}

int pith_disconnect(slot_t ep)
{
	uint64_t rights, badge;

	/* SYS_CAP_DELETE of an empty slot is no error; say EBADF as close()
	 * does for a descriptor that is not open. */
	if (ep < PITH_SLOT_FIRST || sys_cap_identify(ep, &rights, &badge) < 0) {
		errno = EBADF;
		return -1;
	}
	return (int)__pith_proc_ret(sys_cap_delete(ep));
}

struct ipc_buffer *pith_ipcbuf(void)
{
	return __pith_proc_ipcbuf();
}
