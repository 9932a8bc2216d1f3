/*
 * 16550 UART, written once for both arches: RISC-V reaches the registers by
 * MMIO, x86 by I/O ports, and arch_uart_read/arch_uart_write hide which.
 * Polled for now; the console server will take the receive interrupt.
 */
#include "arch.h"
#include "uart.h"

enum {
	UART_RBR = 0, UART_THR = 0, UART_DLL = 0,
	UART_IER = 1, UART_DLM = 1,
	UART_FCR = 2,
	UART_LCR = 3,
	UART_MCR = 4,
	UART_LSR = 5,
};

#define LSR_DR   0x01  /* receive data ready */
#define LSR_THRE 0x20  /* transmit holding register empty */

void uart_init(void)
{
	/* Receive interrupts on; they reach the CPU only once a user driver
	 * binds the line (SYS_IRQ_SET). OUT2 gates the IRQ on PC hardware. */
	arch_uart_write(UART_IER, 0x01);
	arch_uart_write(UART_LCR, 0x80);  /* DLAB: expose the divisor */
	arch_uart_write(UART_DLL, 0x01);  /* 115200 baud from 1.8432 MHz */
	arch_uart_write(UART_DLM, 0x00);
	arch_uart_write(UART_LCR, 0x03);  /* 8N1, DLAB off */
	arch_uart_write(UART_FCR, 0x07);  /* enable and clear the FIFOs */
	arch_uart_write(UART_MCR, 0x0b);  /* DTR, RTS, OUT2 */
}

void uart_putc(char c)
{
	/* Bounded wait: a missing UART must not hang the kernel forever. */
	for (int i = 0; i < 1000000; i++)
		if (arch_uart_read(UART_LSR) & LSR_THRE)
			break;
	arch_uart_write(UART_THR, (uint8_t)c);
}

int uart_getc(void)
{
	if (!(arch_uart_read(UART_LSR) & LSR_DR))
		return -1;
	return arch_uart_read(UART_RBR);
}
