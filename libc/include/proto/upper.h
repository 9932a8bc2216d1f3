/*
 * The protocol of "upper", the example server (servers/examples/upper;
 * docs/writing-a-server.md walks through it). A client finds it with
 * pith_connect(UPPER_NAME, &ep) and calls it with sys_call: label = an
 * UPPER_* opcode, w0..w2 in registers, longer data in IPC-buffer words
 * 3.. The answer: label 0, w0 = the result (>= 0) or -errno.
 */
#ifndef PITH_PROTO_UPPER_H
#define PITH_PROTO_UPPER_H

#include <stdint.h>

#define UPPER_NAME "upper"
#define UPPER_MAX 256            /* bytes in one UPPER_TOUPPER */
#define UPPER_SLOW_MAX_MS 1000

/* The words that carry n bytes of text (from IPC-buffer word 3 on). */
#define UPPER_WORDS(n) (((n) + 7) / 8)
_Static_assert(3 + UPPER_WORDS(UPPER_MAX) <= 64, "a message holds UPPER_MAX bytes");

enum upper_op {
	/* (n) + words 3.. = n bytes (n <= UPPER_MAX; the message is
	 * 3 + UPPER_WORDS(n) words long) -> w0 = n, words 3.. = the bytes,
	 * ASCII letters made upper case. -EINVAL: n too large, or the
	 * message shorter than its n says. */
	UPPER_TOUPPER = 1,
	/* () -> w0 = the caller's pid (the badge procsrv minted: the server
	 * knows who calls without asking the message), w1 = the server's
	 * pid. */
	UPPER_WHOAMI = 2,
	/* (ms) -> 0 after ms milliseconds (<= UPPER_SLOW_MAX_MS, else
	 * -EINVAL): a call held long enough for a test to kill its caller
	 * in the middle. */
	UPPER_SLOW = 3,
};
/* Any other label: -ENOSYS. */

#endif
