/*
 * User copies: check the range here, once, portably; the arch copies with
 * user access enabled only for the duration (SUM / stac) and an
 * exception-table fixup for faults. NULL (page 0) is never mapped, so it
 * faults like any other unmapped address.
 */
#include "arch.h"
#include "uapi/errno.h"
#include "usercopy.h"

bool user_range_ok(vaddr_t uaddr, size_t n)
{
	return uaddr <= ARCH_USER_TOP && n <= ARCH_USER_TOP - uaddr;
}

int copy_from_user(void *dst, vaddr_t usrc, size_t n)
{
	if (!user_range_ok(usrc, n))
		return -EFAULT;
	return arch_copy_user(dst, (const void *)usrc, n);
}

int copy_to_user(vaddr_t udst, const void *src, size_t n)
{
	if (!user_range_ok(udst, n))
		return -EFAULT;
	return arch_copy_user((void *)udst, src, n);
}
