# libc's portable sources: no system calls in these, so the host unit
# tests (tests/unit/CMakeLists.txt) compile the same files as the targets.
set(PITH_LIBC_DIR ${CMAKE_CURRENT_LIST_DIR})
set(PITH_LIBC_PORTABLE_SOURCES
  errno.c
  string/copy.c string/search.c string/strings.c string/ctype.c
  string/strerror.c
  stdlib/malloc.c stdlib/exit.c stdlib/env.c stdlib/strtol.c
  stdlib/strtod.c stdlib/qsort.c stdlib/arith.c stdlib/rand.c
  stdlib/multibyte.c
  stdio/file.c stdio/io.c stdio/printf.c stdio/scanf.c stdio/misc.c
  time/calendar.c time/strftime.c
  signal/sigset.c signal/signal.c
  posix/sysconf.c posix/exec.c posix/getopt.c posix/pthread.c
  posix/assert.c posix/alphasort.c
  printf_float.c)
list(TRANSFORM PITH_LIBC_PORTABLE_SOURCES PREPEND ${PITH_LIBC_DIR}/)
list(APPEND PITH_LIBC_PORTABLE_SOURCES
  ${PITH_LIBC_DIR}/../kernel/printf.c
  ${PITH_LIBC_DIR}/../kernel/string.c)
