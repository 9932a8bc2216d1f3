/*
 * Copy-on-write for user-level pagers (libc/pager.c): the kernel marks
 * pages COW when a task is cloned without CLONE_VM and sends write faults
 * to the task's fault endpoint; the pager calls pith_cow_resolve and
 * replies FAULT_RESUME.
 */
#ifndef PITH_LIBC_PAGER_H
#define PITH_LIBC_PAGER_H

#include <pith/syscall.h>

/*
 * Make the page at va in aspace writable for its task alone: if no other
 * mapping shares it, give the write right back (returns 0); otherwise copy
 * it into a new frame charged to pool, mapped in its place (returns 1).
 * -EFAULT if the page is not COW (a real access violation), other -E*.
 */
long pith_cow_resolve(slot_t aspace, uint64_t va, slot_t pool);

#endif
