/*
 * The platform-level interrupt controller on QEMU virt. Each source has a
 * priority; each context (hart 0 in S-mode is context 1; context 0 is its
 * M-mode) has enable bits, a priority threshold and a claim/complete
 * register. A source is delivered when enabled with priority > threshold;
 * claiming it returns its number, completing it lets it fire again.
 */
#include "riscv.h"
#include "uapi/errno.h"

#define PLIC_CONTEXT 1
#define PLIC_PRIORITY(src)  (4u * (src))
#define PLIC_ENABLE(ctx)    (0x2000u + 0x80u * (ctx))
#define PLIC_THRESHOLD(ctx) (0x200000u + 0x1000u * (ctx))
#define PLIC_CLAIM(ctx)     (0x200004u + 0x1000u * (ctx))

static volatile uint32_t *reg(uint32_t off)
{
	return phys_to_virt(riscv_machine.plic + off);
}

int arch_irq_line_enable(unsigned line)
{
	if (!riscv_machine.plic || line == 0 || line > riscv_machine.plic_ndev)
		return -EINVAL;
	/* Enable first, then priority and threshold: QEMU 7.2's PLIC only
	 * re-evaluates its output on priority/threshold/pending changes, so a
	 * source that was already pending would otherwise never be seen. */
	*reg(PLIC_ENABLE(PLIC_CONTEXT) + 4 * (line / 32)) |= 1u << (line % 32);
	*reg(PLIC_PRIORITY(line)) = 1;
	*reg(PLIC_THRESHOLD(PLIC_CONTEXT)) = 0;
	csr_set(sie, 1ul << 9); /* SEIE */
	return 0;
}

void arch_irq_line_disable(unsigned line)
{
	if (!riscv_machine.plic || line == 0 || line > riscv_machine.plic_ndev)
		return;
	*reg(PLIC_ENABLE(PLIC_CONTEXT) + 4 * (line / 32)) &= ~(1u << (line % 32));
}

unsigned arch_uart_irq_line(void)
{
	return riscv_machine.uart_irq;
}

void riscv_external_interrupt(void)
{
	uint32_t line = *reg(PLIC_CLAIM(PLIC_CONTEXT));

	if (line) {
		irq_dispatch(line);
		*reg(PLIC_CLAIM(PLIC_CONTEXT)) = line; /* complete */
	}
}
