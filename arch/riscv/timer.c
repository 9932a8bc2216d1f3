/*
 * The tick on RISC-V. The time CSR counts at the device tree's
 * timebase-frequency (10 MHz on QEMU virt). Deadlines go to the Sstc
 * stimecmp CSR when the hart has it and the firmware enabled it for S-mode
 * (menvcfg.STCE); otherwise to the SBI TIME extension, which costs an
 * ecall into M-mode per tick. Writing a future deadline also clears the
 * pending timer interrupt.
 */
#include "printf.h"
#include "riscv.h"
#include "timer.h"

static uint64_t interval;   /* time-CSR counts per tick */
static uint64_t next_deadline;
static bool use_sstc;

static uint64_t rdtime(void)
{
	uint64_t t;

	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

uint64_t arch_clock_ns(void)
{
	uint64_t t = rdtime(), hz = riscv_machine.timebase_hz;

	return t / hz * 1000000000ull + t % hz * 1000000000ull / hz;
}

static void set_deadline(uint64_t when)
{
	if (use_sstc)
		csr_write(0x14d, when); /* stimecmp */
	else
		sbi_call(SBI_EXT_TIME, 0, when, 0, 0);
}

void riscv_timer_interrupt(void)
{
	uint64_t now = rdtime();

	/* Skip deadlines already missed (a long stop in a debugger) rather
	 * than delivering a burst of stale ticks. */
	do
		next_deadline += interval;
	while (next_deadline <= now);
	set_deadline(next_deadline);
}

const char *arch_timer_start(unsigned hz)
{
	static char desc[96];

	use_sstc = riscv_probe_sstc();
	riscv_page_zero_init();
	if (!use_sstc && !sbi_has(SBI_EXT_TIME))
		return "none (no Sstc and no SBI TIME extension)";
	interval = riscv_machine.timebase_hz / hz;
	next_deadline = rdtime() + interval;
	set_deadline(next_deadline);
	csr_set(sie, 1ul << 5); /* STIE */
	ksnprintf(desc, sizeof(desc), "%u Hz from %s, timebase %llu Hz", hz,
		  use_sstc ? "Sstc stimecmp" : "SBI TIME",
		  (unsigned long long)riscv_machine.timebase_hz);
	return desc;
}

void arch_cpu_idle(void)
{
	/* wfi wakes on a pending interrupt even with SIE clear; enabling
	 * first lets the handler run before we return. */
	arch_irq_enable();
	__asm__ volatile("wfi");
}
