/*
 * Error codes shared by the kernel and user space. System calls return
 * them negated (-E*); libc turns them into errno. The numbers follow Linux
 * so ported code and strace-style tools read them the same way.
 */
#ifndef PITH_UAPI_ERRNO_H
#define PITH_UAPI_ERRNO_H

#define EPERM    1  /* operation not permitted (missing right) */
#define ENOENT   2  /* no such entry (file, mapping, slot content) */
#define ESRCH    3  /* no such task */
#define EINTR    4
#define EIO      5
#define E2BIG    7  /* argument list / message too long */
#define ENOEXEC  8  /* malformed executable */
#define EBADF    9  /* bad slot index */
#define ECHILD  10
#define EAGAIN  11
#define ENOMEM  12  /* memory pool exhausted */
#define EACCES  13
#define EFAULT  14  /* bad user pointer */
#define EBUSY   16
#define EEXIST  17  /* already mapped / slot occupied */
#define ENOTTY  25  /* capability of the wrong type for the call */
#define EINVAL  22  /* invalid argument */
#define ENOSPC  28
#define ERANGE  34
#define ENOSYS  38  /* unknown system call */
#define EPIPE   32  /* peer gone (dead endpoint) */

#endif
