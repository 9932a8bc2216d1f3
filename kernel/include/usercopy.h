/*
 * The one pair of user-copy routines (kernel/usercopy.c). Every user
 * pointer the kernel reads or writes goes through them: the range must lie
 * wholly in the user half (no wrap-around), and a fault during the copy
 * returns -EFAULT instead of a kernel panic.
 */
#ifndef PITH_USERCOPY_H
#define PITH_USERCOPY_H

#include "types.h"

must_check int copy_from_user(void *dst, vaddr_t usrc, size_t n);
must_check int copy_to_user(vaddr_t udst, const void *src, size_t n);

/* Is [uaddr, uaddr + n) a range user code may name? */
bool user_range_ok(vaddr_t uaddr, size_t n);

#endif
