/*
 * The console server's protocol (servers/console; docs/proto-console.md).
 * Programs never call console: their descriptors are fs's, and fs
 * forwards what a process does on /dev/console here, on a capability
 * only fs holds (badge CON_BADGE_FS). Every call is answered at once:
 * console never waits on anyone. A read with nothing to give yet is
 * -EAGAIN; console then signals fs's notification (CON_SLOT_FS_NOTE) when
 * input that may satisfy it has arrived (or a VTIME timeout ran out), and
 * fs asks again. ^C, ^\ and ^Z signal procsrv's notification, one badged
 * capability per signal; procsrv knows the terminal's foreground process
 * group (PROC_TCSETPGRP) and sends the signal to it.
 *
 * A request is a call: label = CON_* opcode, w0..w2 the arguments, data
 * in the IPC buffer from word CON_DATA_WORD on. The answer: w0 = the
 * result (>= 0) or -errno, data from word CON_DATA_WORD.
 */
#ifndef PITH_PROTO_CONSOLE_H
#define PITH_PROTO_CONSOLE_H

#include <stdint.h>
#include <termios.h>

/* console's capability space, as procsrv sets it up. */
enum con_slot {
	CON_SLOT_EP = 1,         /* its endpoint (receive) */
	CON_SLOT_UART = 2,       /* the kernel debug console: the UART's registers */
	CON_SLOT_IRQ = 3,        /* the UART's receive interrupt (CONTROL) */
	CON_SLOT_NOTE = 4,       /* its own notification, bound to it (READ|WRITE) */
	CON_SLOT_FS_NOTE = 5,    /* fs's notification (WRITE): input may be ready */
	CON_SLOT_SIGINT = 6,     /* procsrv's notification, badged per signal */
	CON_SLOT_SIGQUIT = 7,
	CON_SLOT_SIGTSTP = 8,
	CON_SLOT_FIRST_FREE = 16,
};

/* Bits of console's own notification. */
#define CON_NOTE_TIMER 1u        /* its VTIME timer (the unbadged capability) */
#define CON_NOTE_IRQ   2u        /* the UART (SYS_IRQ_SET's badge) */

/* The badge of fs's capability to console: nobody else has one. */
#define CON_BADGE_FS   1u

#define CON_DATA_WORD  4
#define CON_INLINE_MAX ((64 - CON_DATA_WORD) * 8)   /* 480 bytes */
#define CON_INPUT_MAX  4096      /* input buffered, typed ahead of reads */

/* struct termios travels in words CON_DATA_WORD.. */
#define CON_TERMIOS_WORDS ((sizeof(struct termios) + 7) / 8)
_Static_assert(sizeof(struct termios) == 60, "Linux's glibc struct termios");
_Static_assert(CON_DATA_WORD + CON_TERMIOS_WORDS <= 64, "fits a message");

enum con_op {
	CON_NONE = 0,
	/* (n <= CON_INLINE_MAX, seq) -> bytes (words CON_DATA_WORD..), 0 at
	 * end of file (^D at a line's start) or a VTIME timeout, -EAGAIN:
	 * nothing yet (fs's notification is signalled when there may be).
	 * seq names the read (a new number for each read of a process: a
	 * VTIME timer runs per read). -EINVAL: n 0 or too large. */
	CON_READ = 1,
	/* (n <= CON_INLINE_MAX) + n bytes in words CON_DATA_WORD.. -> n:
	 * written to the UART, \n as \r\n under OPOST|ONLCR. -EINVAL: n too
	 * large or fewer words than n needs. */
	CON_WRITE = 2,
	/* () -> 0; struct termios in words CON_DATA_WORD.. */
	CON_GETATTR = 3,
	/* (when: TCSANOW, TCSADRAIN, TCSAFLUSH) + struct termios in words
	 * CON_DATA_WORD.. -> 0. TCSAFLUSH drops unread input. -EINVAL: a
	 * bad when, too few words. Flags console does not know are kept
	 * and reported back as given; the speed must stay B115200 (or B0). */
	CON_SETATTR = 4,
	/* (byte) -> 0: taken as if typed (TIOCSTI). */
	CON_INJECT = 5,
	/* (queue: TCIFLUSH, TCOFLUSH, TCIOFLUSH) -> 0. -EINVAL. */
	CON_FLUSH = 6,
	/* () -> w0 = bytes a read could take now (FIONREAD), w1 = bytes
	 * buffered in all, w2 = bytes dropped because the buffer was full. */
	CON_INFO = 7,
	/* () -> 1 if a read would not wait now (canonical: a line or an end
	 * of file; raw: VMIN bytes when VTIME is 0 and VMIN > 0, else one),
	 * else 0, and then fs's notification is signalled once that
	 * changes (fs's select and poll). */
	CON_POLL = 8,
	CON_OP_MAX
};

#endif
