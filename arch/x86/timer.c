/*
 * timer.c - time on x86_64: the local APIC timer for the periodic tick and
 * the TSC for arch_clock_ns(). Neither has a frequency the CPU reports
 * reliably, so both are measured once at boot against the 8254 PIT, whose
 * input clock is fixed at 1.193182 MHz on every PC.
 *
 * The LAPIC is used in xAPIC mode through the physmap (its registers are
 * 4 KiB of MMIO at the base in IA32_APIC_BASE, normally 0xfee00000, which
 * the firmware's MTRRs make uncached).
 *
 * The TSC, which user mode may read too, is the monotonic clock
 * (uapi/clock.h); the CMOS RTC, read once at boot, its real-time offset.
 *
 * Entry points: x86_clock_init(), x86_lapic_eoi(), arch_timer_start(),
 * arch_clock_ns(), arch_clock_info(), arch_cpu_idle().
 */
#include "kstring.h"
#include "printf.h"
#include "uapi/clock.h"
#include "x86.h"

#define MSR_APIC_BASE      0x1b
#define APIC_BASE_ENABLE   (1ull << 11)
#define APIC_BASE_ADDR     0x000ffffffffff000ull

/* LAPIC register offsets. */
#define LAPIC_EOI          0x0b0
#define LAPIC_SVR          0x0f0   /* spurious vector; bit 8 = software enable */
#define LAPIC_LVT_TIMER    0x320
#define LAPIC_TIMER_INIT   0x380
#define LAPIC_TIMER_CUR    0x390
#define LAPIC_TIMER_DIV    0x3e0

#define SVR_ENABLE         (1u << 8)
#define LVT_MASKED         (1u << 16)
#define LVT_PERIODIC       (1u << 17)
#define TIMER_DIV_1        0xb     /* divide configuration "by 1" */

/* PIT channel 2 is the one whose gate software controls (port 0x61 bit
 * 0) and whose output software can read (port 0x61 bit 5); bit 1 would
 * route it to the speaker. */
#define PIT_HZ             1193182u
#define PIT_CH2            0x42
#define PIT_CMD            0x43
#define PIT_CH2_MODE0      0xb0    /* channel 2, lo/hi byte, mode 0, binary */
#define PORT_B             0x61
#define PORTB_GATE2        0x01
#define PORTB_SPEAKER      0x02
#define PORTB_OUT2         0x20
#define CALIBRATE_MS       10

static volatile uint32_t *lapic;
static uint64_t tsc_hz, lapic_hz;
static struct clock_info clock;    /* the TSC's factors (uapi/clock.h) */

static uint32_t lapic_read(unsigned reg)
{
	return lapic[reg / 4];
}

static void lapic_write(unsigned reg, uint32_t v)
{
	lapic[reg / 4] = v;
}

void x86_lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

/*
 * Run PIT channel 2 once through CALIBRATE_MS in mode 0 (its output goes
 * high at terminal count) and count TSC ticks and LAPIC timer decrements
 * over the same window.
 */
static void calibrate(void)
{
	uint16_t latch = PIT_HZ / (1000 / CALIBRATE_MS);
	uint8_t portb = inb(PORT_B);
	uint64_t t0, t1;
	uint32_t left;

	outb(PORT_B, (portb & ~PORTB_SPEAKER) | PORTB_GATE2);
	outb(PIT_CMD, PIT_CH2_MODE0);
	outb(PIT_CH2, latch & 0xff);
	/* The count starts with the high byte. */
	outb(PIT_CH2, latch >> 8);
	lapic_write(LAPIC_TIMER_INIT, 0xffffffffu);
	t0 = rdtsc();
	while (!(inb(PORT_B) & PORTB_OUT2))
		;
	t1 = rdtsc();
	left = lapic_read(LAPIC_TIMER_CUR);
	lapic_write(LAPIC_TIMER_INIT, 0);
	outb(PORT_B, portb);

	tsc_hz = (t1 - t0) * PIT_HZ / latch;
	lapic_hz = (uint64_t)(0xffffffffu - left) * PIT_HZ / latch;
}

/*
 * The CMOS real-time clock (MC146818 registers behind ports 0x70/0x71),
 * read once at boot for the real-time offset. Its fields change together
 * only outside an update, so read until two passes agree; they are BCD
 * unless status register B says binary, and the hour has a PM bit in
 * 12-hour mode. The century register is not standard: years are 20xx.
 */
#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71
#define CMOS_NMI_OFF 0x80    /* keep NMIs masked while we index */
#define RTC_STATUS_A 0x0a
#define RTC_STATUS_B 0x0b
#define RTC_A_UPDATING 0x80
#define RTC_B_24H 0x02
#define RTC_B_BINARY 0x04

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, CMOS_NMI_OFF | reg);
	return inb(CMOS_DATA);
}

static void rtc_fields(uint8_t f[6])
{
	static const uint8_t regs[6] = { 0x00, 0x02, 0x04, 0x07, 0x08, 0x09 };

	while (cmos_read(RTC_STATUS_A) & RTC_A_UPDATING)
		;
	for (int i = 0; i < 6; i++)
		f[i] = cmos_read(regs[i]);
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; Hinnant's
 * days_from_civil). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + (int64_t)doe - 719468;
}

static void rtc_init(void)
{
	uint8_t a[6], b[6];
	int tries = 0;

	rtc_fields(a);
	do {
		for (int i = 0; i < 6; i++)
			b[i] = a[i];
		rtc_fields(a);
	} while (memcmp(a, b, 6) && ++tries < 5);
	uint8_t status = cmos_read(RTC_STATUS_B);
	bool pm = !(status & RTC_B_24H) && (a[2] & 0x80);
	a[2] &= 0x7f;
	if (!(status & RTC_B_BINARY))
		for (int i = 0; i < 6; i++)
			a[i] = (uint8_t)((a[i] & 0x0f) + (a[i] >> 4) * 10);
	if (!(status & RTC_B_24H))
		a[2] = (uint8_t)(a[2] % 12 + (pm ? 12 : 0));
	if (a[4] < 1 || a[4] > 12 || a[3] < 1 || a[3] > 31)
		return;   /* no RTC there */
	int64_t secs = days_from_civil(2000 + a[5], a[4], a[3]) * 86400 +
		       a[2] * 3600 + a[1] * 60 + a[0];
	clock.realtime_offset_ns = secs * 1000000000ll - (int64_t)arch_clock_ns();
	clock.flags |= CLOCK_INFO_RTC;
}

void x86_clock_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);

	/* Firmware leaves the APIC globally enabled; make sure. */
	if (!(base & APIC_BASE_ENABLE))
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	lapic = phys_to_virt(base & APIC_BASE_ADDR);

	/* Software-enable the LAPIC; keep the timer masked until
	 * arch_timer_start(). */
	lapic_write(LAPIC_SVR, SVR_ENABLE | VEC_SPURIOUS);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
	lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_1);

	clock.source = CLOCK_SOURCE_TSC;
	clock.counter_base = rdtsc();
	calibrate();
	clock_info_scale(&clock, tsc_hz);
	rtc_init();
}

const char *arch_timer_start(unsigned hz)
{
	static char desc[96];
	uint64_t count = lapic_hz / hz;

	/* The initial count register is 32 bits wide. */
	if (count > 0xffffffffu)
		count = 0xffffffffu;
	if (count == 0)
		count = 1;
	/* LVT first: writing the initial count starts the timer. */
	lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_1);
	lapic_write(LAPIC_LVT_TIMER, LVT_PERIODIC | VEC_TIMER);
	lapic_write(LAPIC_TIMER_INIT, (uint32_t)count);

	ksnprintf(desc, sizeof(desc),
		  "LAPIC timer, %u Hz, bus %llu MHz, TSC %llu MHz "
		  "(PIT-calibrated)", hz,
		  (unsigned long long)(lapic_hz / 1000000),
		  (unsigned long long)(tsc_hz / 1000000));
	return desc;
}

/* Assumes an invariant TSC (constant rate, never stops), which QEMU and
 * every CPU of the last decade provide. */
uint64_t arch_clock_ns(void)
{
	return clock_info_ns(&clock, rdtsc());
}

struct clock_info *arch_clock_info(void)
{
	return &clock;
}

void arch_cpu_idle(void)
{
	/* sti takes effect after the next instruction, so no interrupt can
	 * slip in between and leave hlt waiting for the one after it. */
	__asm__ volatile("sti; hlt" ::: "memory");
}
