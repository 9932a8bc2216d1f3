/*
 * uart.c - the boot console's 16550 UART on x86_64: COM1 at I/O port
 * 0x3f8, one port per register. kernel/uart16550.c drives it.
 *
 * Entry points: arch_uart_read(), arch_uart_write().
 */
#include "arch.h"

#define COM1_PORT 0x3f8

uint8_t arch_uart_read(unsigned reg)
{
	return inb(COM1_PORT + reg);
}

void arch_uart_write(unsigned reg, uint8_t val)
{
	outb(COM1_PORT + reg, val);
}
