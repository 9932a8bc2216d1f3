/*
 * <sys/ioctl.h>: ioctl on the console (Linux's request numbers). fs
 * answers them for /dev/console (docs/proto-console.md); any other
 * descriptor is ENOTTY.
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include <termios.h>

#define TCGETS     0x5401   /* struct termios * */
#define TCSETS     0x5402   /* const struct termios *: TCSANOW */
#define TCSETSW    0x5403   /* TCSADRAIN */
#define TCSETSF    0x5404   /* TCSAFLUSH */
#define TCFLSH     0x540B   /* int queue */
#define TIOCSCTTY  0x540E   /* int: make it the session's controlling
				terminal (1: root takes it from another) */
#define TIOCGPGRP  0x540F   /* pid_t * */
#define TIOCSPGRP  0x5410   /* const pid_t * */
#define TIOCSTI    0x5412   /* const char *: as if typed (root only) */
#define TIOCGWINSZ 0x5413   /* struct winsize *: 24 x 80 */
#define FIONREAD   0x541B   /* int *: bytes a read could take now */
#define TIOCGSID   0x5429   /* pid_t * */

int ioctl(int fd, unsigned long request, ...);

#endif
