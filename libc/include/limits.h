/*
 * Implementation limits (<limits.h>): the integer limits come from the
 * compiler's own <limits.h>; the POSIX ones are Pith's (Linux's values
 * where programs compare them).
 */
#ifndef _PITH_LIMITS_H
#define _PITH_LIMITS_H

#include_next <limits.h>

/* Compiler-provided LONG_BIT/WORD_BIT are absent: X/Open wants them. */
#ifndef LONG_BIT
#define LONG_BIT 64
#endif
#ifndef WORD_BIT
#define WORD_BIT 32
#endif
#ifndef SSIZE_MAX
#define SSIZE_MAX LONG_MAX
#endif

#define PATH_MAX        4096
#define NAME_MAX         255
#define ARG_MAX       131072
#define CHILD_MAX       1024   /* processes per real user id */
#define OPEN_MAX         256   /* descriptors per process */
#define PIPE_BUF        4096
#define PAGESIZE        4096
#define PAGE_SIZE       PAGESIZE
#define LINE_MAX        2048
#define LINK_MAX         127
#define MAX_CANON        255
#define MAX_INPUT        255
#define NGROUPS_MAX       32
#define TZNAME_MAX         6
#define HOST_NAME_MAX     64
#define LOGIN_NAME_MAX   256
#define TTY_NAME_MAX      32
#define SYMLOOP_MAX       40
#define IOV_MAX         1024
#define ATEXIT_MAX        32   /* libc/stdlib/exit.c */
#define STREAM_MAX        16
#define RE_DUP_MAX       255
#define NZERO             20
#define PTHREAD_KEYS_MAX 128
#define PTHREAD_STACK_MIN 16384
#define PTHREAD_DESTRUCTOR_ITERATIONS 4
#define RTSIG_MAX         32
#define SIGQUEUE_MAX      32
#define SEM_VALUE_MAX 0x7fffffff
#define DELAYTIMER_MAX 0x7fffffff
#define EXPR_NEST_MAX     32
#define BC_BASE_MAX       99
#define BC_DIM_MAX      2048
#define BC_SCALE_MAX      99
#define BC_STRING_MAX   1000
#define COLL_WEIGHTS_MAX   2
#define CHARCLASS_NAME_MAX 14
#define NL_ARGMAX          9
#define NL_LANGMAX        32
#define NL_MSGMAX      32767
#define NL_SETMAX        255
#define NL_TEXTMAX      2048

/* The minimums POSIX guarantees everywhere. */
#define _POSIX_ARG_MAX      4096
#define _POSIX_CHILD_MAX      25
#define _POSIX_LINK_MAX        8
#define _POSIX_MAX_CANON     255
#define _POSIX_MAX_INPUT     255
#define _POSIX_NAME_MAX       14
#define _POSIX_NGROUPS_MAX     8
#define _POSIX_OPEN_MAX       20
#define _POSIX_PATH_MAX      256
#define _POSIX_PIPE_BUF      512
#define _POSIX_SSIZE_MAX   32767
#define _POSIX_STREAM_MAX      8
#define _POSIX_TZNAME_MAX      6
#define _POSIX_HOST_NAME_MAX 255
#define _POSIX_LOGIN_NAME_MAX  9
#define _POSIX_SYMLOOP_MAX     8
#define _POSIX_TTY_NAME_MAX    9
#define _POSIX_RTSIG_MAX       8
#define _POSIX_SIGQUEUE_MAX   32
#define _POSIX_TIMER_MAX      32
#define _POSIX_DELAYTIMER_MAX 32
#define _POSIX_CLOCKRES_MIN 20000000
#define _POSIX_RE_DUP_MAX    255
#define _POSIX2_LINE_MAX    2048
#define _POSIX2_RE_DUP_MAX   255
#define _XOPEN_IOV_MAX        16
#define _XOPEN_NAME_MAX      255
#define _XOPEN_PATH_MAX     1024

#endif
