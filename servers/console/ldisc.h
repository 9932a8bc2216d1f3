/*
 * The line discipline (ldisc.c): what a terminal does with the bytes
 * typed and written, as POSIX's "General Terminal Interface" describes
 * it. Pure: no system calls, so it compiles and is tested on the host
 * (tests/unit/test_ldisc.c). The server (main.c) feeds it the UART's
 * bytes and fs's calls, and sends what it produced: echo and output
 * bytes (ldisc_take_out), signals for the foreground group (sigs).
 */
#ifndef CONSOLE_LDISC_H
#define CONSOLE_LDISC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <termios.h>

#define LDISC_IN_MAX  4096       /* input typed ahead of reads */
#define LDISC_OUT_MAX 8192       /* echo and processed output not yet sent */

/* Signals typed (ISIG), for the foreground process group. */
#define LDISC_SIG_INT  1u
#define LDISC_SIG_QUIT 2u
#define LDISC_SIG_TSTP 4u

struct ldisc {
	struct termios t;
	uint8_t in[LDISC_IN_MAX];    /* the input queue, a ring */
	/* Two bits per byte: a line's last byte (\n, VEOL, VEOF), and
	 * whether it is VEOF (consumed by a read, not returned). */
	uint8_t mark[LDISC_IN_MAX / 4];
	uint32_t head, len;          /* ring start, bytes held */
	uint32_t done;               /* bytes from head that are complete
					lines (canonical) or readable (raw) */
	uint32_t col;                /* echo column after the last line end */
	uint64_t dropped;            /* input bytes lost to a full queue */
	uint8_t out[LDISC_OUT_MAX];  /* bytes to send to the UART */
	uint32_t outlen;
	unsigned sigs;               /* LDISC_SIG_* typed, not yet sent */
};

/* The default settings (Linux's "sane": ICRNL, OPOST|ONLCR, CS8|CREAD,
 * ISIG|ICANON|ECHO|ECHOE|ECHOK|ECHOCTL|ECHOKE|IEXTEN, ^C ^\ DEL ^U ^D
 * ^Z, VMIN 1, VTIME 0, 115200 baud), an empty queue. */
void ldisc_init(struct ldisc *l);
/* One byte typed. */
void ldisc_input(struct ldisc *l, uint8_t c);
/* Bytes a read may take now: in canonical mode up to and including the
 * first line end (an EOF char counts as 0 bytes: *eof set then), in
 * raw mode everything held. */
size_t ldisc_readable(const struct ldisc *l, bool *eof);
/* A read of at most n bytes into dst: what ldisc_readable allows (a
 * canonical read stops after a line's end and consumes an EOF char
 * without returning it). The count. */
size_t ldisc_read(struct ldisc *l, uint8_t *dst, size_t n);
/* n bytes written by a program: processed (OPOST|ONLCR) into the output
 * queue. The count taken (less when the queue is full). */
size_t ldisc_write(struct ldisc *l, const uint8_t *src, size_t n);
/* New settings (what tcsetattr gives); a switch out of canonical mode
 * makes everything held readable (the line being edited too), a switch
 * into it makes what is held one line, readable at once. */
void ldisc_set(struct ldisc *l, const struct termios *t);
/* Drop the unread input (TCIFLUSH, ^C without NOFLSH). */
void ldisc_flush_in(struct ldisc *l);
/* The output queue: move up to n bytes of it to dst; the count. */
size_t ldisc_take_out(struct ldisc *l, uint8_t *dst, size_t n);

#endif
