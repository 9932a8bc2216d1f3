/*
 * console's internal interface. calls.c is the server's logic: the line
 * discipline's state (ldisc.c), fs's calls, the bytes typed, the VTIME
 * timer and when to tell fs; it makes no system call itself but the
 * hw_* functions below, which main.c implements with the kernel's calls
 * (and tests/unit/test_console.c with a recording fake), so the whole of
 * it is tested on the host. main.c is the loop.
 */
#ifndef CONSOLE_CONS_H
#define CONSOLE_CONS_H

#include <stdbool.h>
#include <stdint.h>

#include "ldisc.h"

extern struct ldisc con_ld;

/* ---- calls.c ---------------------------------------------------------- */

/* One message: label, badge, its length in words and w0..w1; data is
 * the IPC buffer's words from CON_DATA_WORD on (request in, answer out).
 * The result (w0 of the answer); *nwords the answer's length, *w1 and
 * *w2 its words. */
int64_t con_serve(uint64_t label, uint64_t badge, unsigned len, uint64_t a0,
		  uint64_t a1, uint64_t *data, unsigned *nwords, uint64_t *w1,
		  uint64_t *w2);
/* Bytes typed (from the UART): each through the line discipline, then
 * the echo sent, the signals raised, the time between bytes restarted. */
void con_typed(const uint8_t *bytes, size_t n);
/* The VTIME timer ran out. */
void con_timer_fired(void);
/* After every event: signal fs if the read it waits on can go on now. */
void con_tell_fs(void);
void con_init(void);

/* ---- main.c: the hardware and the other servers --------------------------- */

/* Send bytes to the UART. */
void hw_output(const uint8_t *bytes, size_t n);
/* Signal procsrv for the LDISC_SIG_* in sigs. */
void hw_signals(unsigned sigs);
/* Signal fs's notification. */
void hw_tell_fs(void);
/* Arm the VTIME timer ns nanoseconds from now, or stop it (UINT64_MAX). */
void hw_timer(uint64_t ns);
/* The monotonic clock, in nanoseconds. */
uint64_t hw_now(void);

#endif
