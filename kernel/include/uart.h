/* Portable 16550 UART driver over arch_uart_read/write (kernel/uart16550.c). */
#ifndef PITH_UART_H
#define PITH_UART_H

void uart_init(void);
void uart_putc(char c);
/* A received byte, or -1 if none is waiting. */
int uart_getc(void);

#endif
