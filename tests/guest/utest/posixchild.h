/* What posixchild (a POSIX process, posixchild.c) reports to utest
 * (libc.c): one message, label POSIXCHILD_REPORT, w0 = the bits of the
 * checks that passed, w1 = the order its atexit handlers ran in, as a
 * decimal number (321 = third, second, first). */
#ifndef UTEST_POSIXCHILD_H
#define UTEST_POSIXCHILD_H

#define POSIXCHILD_REPORT 0x50
#define POSIXCHILD_ARGC    0x01   /* argc == 3 */
#define POSIXCHILD_ARGV    0x02   /* argv[0..2] as given, argv[3] NULL */
#define POSIXCHILD_ENVP    0x04   /* envp as given, environ == envp */
#define POSIXCHILD_GETENV  0x08   /* getenv finds them, setenv works */
#define POSIXCHILD_ALIGNED 0x10   /* a 16-byte aligned local is aligned */
#define POSIXCHILD_ALL_OK  0x1f

#endif
