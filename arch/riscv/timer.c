/*
 * The tick on RISC-V. The time CSR counts at the device tree's
 * timebase-frequency (10 MHz on QEMU virt). Deadlines go to the Sstc
 * stimecmp CSR when the hart has it and the firmware enabled it for S-mode
 * (menvcfg.STCE); otherwise to the SBI TIME extension, which costs an
 * ecall into M-mode per tick. Writing a future deadline also clears the
 * pending timer interrupt. The same CSR is the monotonic clock, for the
 * kernel and (read directly, rdtime) for user mode (uapi/clock.h); the
 * Goldfish RTC, read once at boot, gives the real-time offset.
 */
#include "printf.h"
#include "riscv.h"
#include "timer.h"
#include "uapi/clock.h"

static uint64_t interval;   /* time-CSR counts per tick */
static uint64_t next_deadline;
static bool use_sstc;
static struct clock_info clock;

static uint64_t rdtime(void)
{
	uint64_t t;

	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

/* The Goldfish RTC (QEMU virt): nanoseconds since the epoch; reading the
 * low word latches the high one. */
#define GOLDFISH_TIME_LOW  0x00
#define GOLDFISH_TIME_HIGH 0x04

static uint64_t goldfish_ns(paddr_t base)
{
	volatile uint32_t *r = phys_to_virt(base);
	uint64_t lo = r[GOLDFISH_TIME_LOW / 4];

	return lo | (uint64_t)r[GOLDFISH_TIME_HIGH / 4] << 32;
}

void riscv_clock_init(void)
{
	clock.source = CLOCK_SOURCE_RDTIME;
	clock.counter_base = 0;    /* the time CSR starts near 0 at reset */
	clock_info_scale(&clock, riscv_machine.timebase_hz);
	if (riscv_machine.rtc) {
		uint64_t now = goldfish_ns(riscv_machine.rtc);
		clock.realtime_offset_ns = (int64_t)(now - arch_clock_ns());
		clock.flags |= CLOCK_INFO_RTC;
	}
}

struct clock_info *arch_clock_info(void)
{
	return &clock;
}

uint64_t arch_clock_ns(void)
{
	return clock_info_ns(&clock, rdtime());
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
