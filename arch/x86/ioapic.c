/*
 * ioapic.c - device interrupt lines through the I/O APIC.
 *
 * The IOAPIC is found at its fixed PC address, 0xfec00000, which is where
 * QEMU's pc and q35 machines (and most firmware) put the first one; the
 * ACPI MADT would say so too, but parsing ACPI for one constant is not
 * worth it while Pith runs only on QEMU. Its registers are reached through
 * the physmap (the MTRRs make that range uncached). The registers are
 * indirect: write the index to IOREGSEL, then read or write IOWIN.
 *
 * Line n (a GSI) is redirection entry n and raises vector VEC_IRQ_BASE + n
 * at LAPIC 0, the only CPU. ISA lines (0-15) are active high, PCI lines
 * (16 and up) active low, and every line is level-triggered, ISA ones
 * too, although PCs conventionally run those edge-triggered: Pith masks
 * a line from the moment it fires (irq_dispatch) until the driver acks
 * it, and an IOAPIC ignores edges on a masked input (82093AA datasheet;
 * QEMU does the same). A 16550 keeps its INTR output high while it has
 * anything pending, so with edge triggering a byte arriving while the
 * line is masked (before the first SYS_IRQ_SET, or between the driver's
 * last read and its ack) would leave the line high with no further edge
 * and the interrupt lost for good. Level triggering re-delivers on
 * unmask as long as the device still asserts the line. Masking before
 * the EOI keeps a level line from firing again at once.
 *
 * Entry points: x86_ioapic_init() (boot), arch_irq_line_enable(),
 * arch_irq_line_disable(), arch_uart_irq_line().
 */
#include "uapi/errno.h"
#include "x86.h"

#define IOAPIC_PHYS     0xfec00000ull
#define IOREGSEL        0x00
#define IOWIN           0x10

#define IOAPIC_VER      0x01   /* bits 23:16 = number of entries - 1 */
#define IOAPIC_REDTBL   0x10   /* entry n: low dword 0x10 + 2n, high + 1 */

#define RTE_MASKED      (1u << 16)
#define RTE_LEVEL       (1u << 15)
#define RTE_ACTIVE_LOW  (1u << 13)
/* Delivery mode fixed (0) and destination mode physical (0) are zeros. */
#define RTE_DEST_SHIFT  24     /* in the high dword: LAPIC id */

#define ISA_LINES       16
#define COM1_LINE       4

static volatile uint32_t *ioapic(void)
{
	return phys_to_virt(IOAPIC_PHYS);
}

static uint32_t ioapic_read(unsigned reg)
{
	volatile uint32_t *io = ioapic();

	io[IOREGSEL / 4] = reg;
	return io[IOWIN / 4];
}

static void ioapic_write(unsigned reg, uint32_t v)
{
	volatile uint32_t *io = ioapic();

	io[IOREGSEL / 4] = reg;
	io[IOWIN / 4] = v;
}

/* Entries the IOAPIC has, capped at the vectors reserved for it. */
static unsigned ioapic_lines(void)
{
	unsigned n = ((ioapic_read(IOAPIC_VER) >> 16) & 0xff) + 1;

	return n < VEC_IRQ_MAX ? n : VEC_IRQ_MAX;
}

/* The low dword of line's redirection entry, unmasked: its vector, fixed
 * delivery, physical destination, level-triggered, polarity by bus. */
static uint32_t rte_low(unsigned line)
{
	uint32_t lo = RTE_LEVEL | (VEC_IRQ_BASE + line);

	if (line >= ISA_LINES)
		lo |= RTE_ACTIVE_LOW;
	return lo;
}

/*
 * Program every entry in its final form, masked, before any device can
 * raise a line (boot.c calls this ahead of console_init, which enables
 * the UART's receive interrupt). QEMU's IOAPIC, unlike the hardware,
 * does not sample a pin when an entry changes: it records a level line
 * only as the device raises or lowers it, so the entry must already be
 * level-triggered then. Unmasking later delivers a line that is high.
 *
 * IOREGSEL/IOWIN is a two-step access: callers run with interrupts off
 * (boot, syscalls, irq_dispatch), so no handler can come in between.
 */
void x86_ioapic_init(void)
{
	unsigned n = ioapic_lines();

	for (unsigned line = 0; line < n; line++) {
		ioapic_write(IOAPIC_REDTBL + 2 * line, RTE_MASKED | rte_low(line));
		ioapic_write(IOAPIC_REDTBL + 2 * line + 1, 0u << RTE_DEST_SHIFT);
	}
}

int arch_irq_line_enable(unsigned line)
{
	if (line >= ioapic_lines())
		return -EINVAL;
	ioapic_write(IOAPIC_REDTBL + 2 * line, rte_low(line));
	return 0;
}

void arch_irq_line_disable(unsigned line)
{
	if (line >= ioapic_lines())
		return;
	ioapic_write(IOAPIC_REDTBL + 2 * line,
		     ioapic_read(IOAPIC_REDTBL + 2 * line) | RTE_MASKED);
}

unsigned arch_uart_irq_line(void)
{
	return COM1_LINE;   /* COM1 is ISA IRQ 4, identity-mapped to GSI 4 */
}
