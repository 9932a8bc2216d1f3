/* What the host side of libc's unit tests (host_libc.c) shows the tests:
 * the console capture and the morecore counters. Plain C types only, so
 * both the host's and libc's headers can include it. */
#ifndef PITH_HOST_LIBC_H
#define PITH_HOST_LIBC_H

#include <stddef.h>

extern char host_console[1 << 16];
extern size_t host_console_len;
extern int host_console_echo;      /* also copy to the real descriptor */
extern size_t host_morecore_calls;
extern size_t host_morecore_limit; /* calls after which morecore fails */
/* Called by libc's _exit (after exit's flush) before the host's exit. */
extern void (*host_exit_hook)(int status);

#endif
