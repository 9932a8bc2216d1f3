/*
 * Error numbers (<errno.h>). The values are Linux's: the ones the kernel
 * returns come from <uapi/errno.h>, the rest complete the POSIX list.
 * errno is per thread: an lvalue reached through __errno_location()
 * (libc/errno.c), so threads can each have their own when they exist.
 */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <uapi/errno.h>

int *__errno_location(void);
#define errno (*__errno_location())

#define ENXIO            6
#define ENOTBLK         15
#define EXDEV           18
#define ENODEV          19
#define ENOTDIR         20
#define EISDIR          21
#define ENFILE          23
#define EMFILE          24
#define ETXTBSY         26
#define EFBIG           27
#define ESPIPE          29
#define EROFS           30
#define EMLINK          31
#define EDOM            33
#define EDEADLK         35
#define ENAMETOOLONG    36
#define ENOLCK          37
#define ENOTEMPTY       39
#define ELOOP           40
#define EWOULDBLOCK     EAGAIN
#define ENOMSG          42
#define EIDRM           43
#define ENOSTR          60
#define ENODATA         61
#define ETIME           62
#define ENOSR           63
#define ENOLINK         67
#define EPROTO          71
#define EMULTIHOP       72
#define EBADMSG         74
#define EOVERFLOW       75
#define EILSEQ          84
#define ENOTSOCK        88
#define EDESTADDRREQ    89
#define EMSGSIZE        90
#define EPROTOTYPE      91
#define ENOPROTOOPT     92
#define EPROTONOSUPPORT 93
#define ESOCKTNOSUPPORT 94
#define EOPNOTSUPP      95
#define ENOTSUP         EOPNOTSUPP
#define EPFNOSUPPORT    96
#define EAFNOSUPPORT    97
#define EADDRINUSE      98
#define EADDRNOTAVAIL   99
#define ENETDOWN       100
#define ENETUNREACH    101
#define ENETRESET      102
#define ECONNABORTED   103
#define ECONNRESET     104
#define ENOBUFS        105
#define EISCONN        106
#define ENOTCONN       107
#define ESHUTDOWN      108
#define ETIMEDOUT      110
#define ECONNREFUSED   111
#define EHOSTDOWN      112
#define EHOSTUNREACH   113
#define EALREADY       114
#define EINPROGRESS    115
#define ESTALE         116
#define EDQUOT         122
#define ECANCELED      125
#define EOWNERDEAD     130
#define ENOTRECOVERABLE 131

#endif
