/*
 * The virt board's 16550 is memory-mapped with one byte per register; its
 * base comes from the device tree (0x10000000 on QEMU virt, used until the
 * tree has been read so early panics still print).
 */
#include "riscv.h"

uint8_t arch_uart_read(unsigned reg)
{
	return *(volatile uint8_t *)phys_to_virt(riscv_machine.uart + reg);
}

void arch_uart_write(unsigned reg, uint8_t val)
{
	*(volatile uint8_t *)phys_to_virt(riscv_machine.uart + reg) = val;
}
