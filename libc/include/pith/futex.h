/*
 * A futex through the process server (PROC_FUTEX; docs/processes.md):
 * the two operations Linux's futex(2) is mostly used for.
 *
 * pith_futex_wait: if *uaddr == val, wait until a pith_futex_wake at
 * uaddr in this process (0); else -1 with errno EAGAIN. EINVAL if uaddr
 * is not 4-aligned, EFAULT, ENOMEM (procsrv's table of waiters is full).
 * pith_futex_wake: wake up to n waiters at uaddr, oldest first; returns
 * how many (or -1 and errno).
 */
#ifndef PITH_FUTEX_H
#define PITH_FUTEX_H

int pith_futex_wait(int *uaddr, int val);
int pith_futex_wake(int *uaddr, int n);

#endif
