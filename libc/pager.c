/*
 * The copy-on-write step of a user pager: one system call
 * (SYS_PAGE_UNSHARE). The same can be done with the finer calls
 * (SYS_MAP_INFO, SYS_PROTECT or SYS_OBJ_CREATE + SYS_PAGE_COPY + SYS_MAP
 * with MAP_REPLACE); docs/benchmarks.md has what each way costs.
 */
#include <pith/pager.h>

long pith_cow_resolve(slot_t aspace, uint64_t va, slot_t pool)
{
	/* The lean stub: this is on every COW fault. */
	long r = pith_syscall5(SYS_PAGE_UNSHARE, aspace, va, pool, 0, 0);

	return r == -EINVAL ? -EFAULT : r;
}
