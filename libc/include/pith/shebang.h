/*
 * A "#!" line, parsed one way for procsrv's exec (boot-image scripts) and
 * libc's execve (scripts fs holds): Linux's rules, an interpreter and at
 * most one argument, the rest of the line after blanks, trailing blanks
 * and a CR dropped. libc/posix/exec.c.
 */
#ifndef PITH_LIBC_SHEBANG_H
#define PITH_LIBC_SHEBANG_H

#include <stddef.h>

/* The longest "#!" line looked at, its NUL included; longer lines are cut. */
#define PITH_SHEBANG_MAX 256

/* Copy the first line of data[0..size) (which starts "#!") into
 * line[PITH_SHEBANG_MAX] and split it in place: *interp, and *arg or NULL.
 * 0, or -ENOEXEC when no interpreter is named. */
int pith_shebang(const char *data, size_t size, char *line, char **interp,
		 char **arg);

#endif
