/* The parts of the compile test (tests/posix-compile), each
 * exercising a group of POSIX headers; main.c calls them. */
#ifndef POSIX_COMPILE_H
#define POSIX_COMPILE_H

int processes(int argc, char **argv);
int files(const char *path);
int utilities(const char *text);
int terminal(void);

#endif
