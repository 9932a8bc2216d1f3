/*
 * console: the terminal server (proto/console.h, docs/proto-console.md).
 * procsrv starts it at boot, before fs, as a plain task (no pid, no
 * pager), with the UART's receive interrupt, the kernel debug console
 * (the UART's registers: SYS_DEBUG_READ takes a received byte,
 * SYS_DEBUG_WRITE sends bytes), a notification bound to it, fs's
 * notification and three badged capabilities to procsrv's.
 *
 * Get work and do it, forever: the UART's interrupt (each byte through
 * the line discipline; echo sent, ^C ^\ ^Z signalled to procsrv, which
 * knows the foreground process group), the VTIME timer, and fs's calls
 * for what processes do on /dev/console (calls.c). Every call is
 * answered at once, so console never waits on anyone: a read with
 * nothing to give is -EAGAIN, and console signals fs's notification
 * when input that lets it go on arrives; fs keeps the reader's reply and
 * asks again (servers/fs/tty.c). This file holds the loop and the
 * hw_* functions calls.c uses: the only system calls console makes.
 */
#include <pith/clock.h>
#include <pith/spawn.h>
#include <pith/syscall.h>
#include <proto/console.h>
#include <stdio.h>

#include "cons.h"

static struct ipc_buffer *const ib = (struct ipc_buffer *)(uintptr_t)SPAWN_IPCBUF_VADDR;

void hw_output(const uint8_t *bytes, size_t n)
{
	sys_debug_write(CON_SLOT_UART, bytes, n);
}

void hw_signals(unsigned sigs)
{
	if (sigs & LDISC_SIG_INT)
		sys_signal(CON_SLOT_SIGINT);
	if (sigs & LDISC_SIG_QUIT)
		sys_signal(CON_SLOT_SIGQUIT);
	if (sigs & LDISC_SIG_TSTP)
		sys_signal(CON_SLOT_SIGTSTP);
}

void hw_tell_fs(void)
{
	sys_signal(CON_SLOT_FS_NOTE);
}

void hw_timer(uint64_t ns)
{
	sys_timer_set(CON_SLOT_NOTE, ns == UINT64_MAX ? TIMER_NEVER : pith_clock_ns() + ns);
}

uint64_t hw_now(void)
{
	return pith_clock_ns();
}

/* The UART interrupt: every byte received, then the line unmasked. */
static void uart_drain(void)
{
	uint8_t buf[64];
	size_t n = 0;
	long c;

	while ((c = sys_debug_read(CON_SLOT_UART)) >= 0) {
		buf[n++] = (uint8_t)c;
		if (n == sizeof(buf)) {
			con_typed(buf, n);
			n = 0;
		}
	}
	sys_irq_ack(CON_SLOT_IRQ);
	con_typed(buf, n);
}

int main(void)
{
	struct msg m;
	long err;

	pith_console_slot = CON_SLOT_UART;    /* our own messages */
	con_init();
	if ((err = sys_irq_set(CON_SLOT_IRQ, CON_SLOT_NOTE, CON_NOTE_IRQ)))
		printf("console: no UART interrupt (%ld): no input\n", err);
	uart_drain();            /* what came before the line was bound */
	err = sys_recv(CON_SLOT_EP, &m);
	for (;;) {
		unsigned nwords;
		uint64_t w1, w2;
		int64_t res;
		if (err) {
			err = sys_recv(CON_SLOT_EP, &m);
			continue;
		}
		if (MSG_IS_NOTIFY(m.info)) {
			if (m.badge & CON_NOTE_IRQ)
				uart_drain();
			if (m.badge & CON_NOTE_TIMER)
				con_timer_fired();
			con_tell_fs();
			err = sys_recv(CON_SLOT_EP, &m);
			continue;
		}
		res = con_serve(MSG_LABEL(m.info), m.badge, (unsigned)MSG_LEN(m.info),
				m.w[0], m.w[1], &ib->mr[CON_DATA_WORD], &nwords, &w1, &w2);
		con_tell_fs();
		err = pith_ipc(SYS_REPLY_RECV, CON_SLOT_EP, MSG_INFO(0, nwords, 0),
			       (uint64_t)res, w1, w2, &m);
	}
}
