/*
 * The copy-on-write step of a user pager. Four system calls in the copying
 * case (create a frame, copy the page into it through the kernel, map it
 * over the old one, drop the pager's capability), one in the unshared case.
 */
#include <pith/pager.h>

long pith_cow_resolve(slot_t aspace, uint64_t va, slot_t pool, slot_t scratch)
{
	uint64_t rights, maps, flags;
	long err;

	va &= ~4095ull;
	err = sys_map_info(aspace, va, &rights, &maps, &flags);
	if (err)
		return err;
	if (!(flags & MAP_INFO_COW))
		return -EFAULT;
	rights = (rights | RIGHT_WRITE) & (RIGHT_READ | RIGHT_WRITE | RIGHT_EXEC);
	if (maps == 1)
		return sys_protect(aspace, va, rights);
	err = sys_obj_create(pool, CAP_FRAME, scratch, 1);
	if (err)
		return err;
	err = sys_page_copy(aspace, va, scratch);
	if (!err)
		err = sys_map(aspace, scratch, va, rights | MAP_REPLACE);
	sys_cap_delete(scratch); /* the mapping keeps the frame */
	return err ? err : 1;
}
